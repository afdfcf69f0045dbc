/* models/io/outfile.c: output files written whole or not at all.
 * A file is written under a temporary name in its own folder (so that rename is atomic),
 * flushed and synced, then renamed over the old one: a reader sees the old file or the
 * new one, never a mixture. Fields are written through libcsv when they need quoting. */
#include "models/io/outfile.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/status.h"

char *cc_outfile_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = sim_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int cc_outfile_mkdirs(const char *path, cc_diag *diag)
{
    if (!path[0]) {
        cc_diag_add(diag, "an empty folder name");
        return SIM_EIO;
    }
    char *p = sim_xstrdup(path);
    int st = SIM_OK;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char saved = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                cc_diag_add(diag, "%s: cannot create the folder: %s", p, strerror(errno));
                st = SIM_EIO;
                break;
            }
            *s = saved;
            if (!saved) break;
        }
    }
    struct stat sb;
    if (st == SIM_OK && (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        cc_diag_add(diag, "%s: not a folder", path);
        st = SIM_EIO;
    }
    free(p);
    return st;
}

/* The folder part of path ("." when it has none), into a new string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return sim_xstrdup(".");
    if (slash == path) return sim_xstrdup("/");
    size_t n = (size_t)(slash - path);
    char *d = sim_xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

/* What stands at path, unfollowed: SIM_OK when nothing or a regular file does (a file
 * ccsim may replace), else SIM_EIO with a line saying what is there. A link is refused
 * even when it points at a regular file: replacing it would surprise whoever made it,
 * and writing through it would write outside the output. */
static int check_target(const char *path, cc_diag *diag)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT) return SIM_OK;
        cc_diag_add(diag, "%s: cannot write: %s", path, strerror(errno));
        return SIM_EIO;
    }
    if (S_ISREG(sb.st_mode)) return SIM_OK;
    const char *what = S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISDIR(sb.st_mode) ? "a folder"
                     : S_ISFIFO(sb.st_mode) ? "a FIFO" : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)
                     ? "a device" : S_ISSOCK(sb.st_mode) ? "a socket" : "not a regular file";
    cc_diag_add(diag, "%s: is %s, not a regular file: ccsim writes only regular files and "
                "will not replace it", path, what);
    return SIM_EIO;
}

int cc_outfile_open(cc_outfile *o, const char *path, cc_diag *diag)
{
    memset(o, 0, sizeof *o);
    if (check_target(path, diag) != SIM_OK) return SIM_EIO;
    /* The temporary file sits in the same folder so that rename is atomic. mkstemp
     * creates it exclusively (O_EXCL: never through a planted link or over another
     * file) under a name no other process can predict. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    size_t n = strlen(path) + 16;
    o->tmp = sim_xmalloc(n);
    snprintf(o->tmp, n, "%.*s.%s.tmp.XXXXXX", dirlen, path, slash ? slash + 1 : path);
    int fd = mkstemp(o->tmp);
    if (fd >= 0) {
        /* Not inherited by gnuplot; the permissions fopen would give (mkstemp makes
         * 0600): 0666 less the umask, which can only be read by setting it. */
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        mode_t mask = umask(022);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!o->f) {
        cc_diag_add(diag, "%s: cannot write: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return SIM_EIO;
    }
    o->path = sim_xstrdup(path);
    return SIM_OK;
}

/* Makes a rename durable: the folder's entry, not only the file's bytes. */
static void sync_folder(const char *path)
{
    char *dir = folder_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int cc_outfile_commit(cc_outfile *o, cc_diag *diag)
{
    int st = SIM_OK;
    bool bad = ferror(o->f) != 0;
    int err = bad ? EIO : 0;   /* a write failed earlier: its errno is long gone */
    if (fflush(o->f) != 0 && !err) err = errno, bad = true;
    if (fsync(fileno(o->f)) != 0 && errno != EINVAL && !err) err = errno, bad = true;
    if (fclose(o->f) != 0) {
        bad = true;
        if (!err) err = errno;
    }
    o->f = NULL;
    if (bad) {
        cc_diag_add(diag, "%s: write failed: %s", o->path, strerror(err ? err : EIO));
        unlink(o->tmp);
        st = SIM_EIO;
    } else if (check_target(o->path, diag) != SIM_OK) {
        /* Something other than a file appeared there while this one was written. */
        unlink(o->tmp);
        st = SIM_EIO;
    } else if (rename(o->tmp, o->path) != 0) {
        cc_diag_add(diag, "%s: cannot replace it: %s", o->path, strerror(errno));
        unlink(o->tmp);
        st = SIM_EIO;
    } else {
        sync_folder(o->path);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return st;
}

void cc_outfile_abort(cc_outfile *o)
{
    if (o->f) {
        fclose(o->f);
        unlink(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

void cc_outfile_field(cc_outfile *o, const char *text)
{
    /* Plain names go out bare; anything libcsv would need to quote is quoted by it. */
    if (strpbrk(text, ",\"\r\n") || text[0] == ' ' || (text[0] && text[strlen(text) - 1] == ' '))
        csv_fwrite(o->f, text, strlen(text));
    else
        fputs(text, o->f);
}

void cc_outfile_number(cc_outfile *o, double x)
{
    if (isnan(x)) fputs("NaN", o->f);
    else if (isinf(x)) fputs(x > 0 ? "Inf" : "-Inf", o->f);
    else if (x == 0) fputs("0", o->f); /* never "-0" */
    else fprintf(o->f, "%.10g", x);
}

/* FNV-1a of the first n bytes of fd from its start, seeded by seed; false on a read error. */
static bool hash_prefix(int fd, uint64_t seed, off_t n, uint64_t *out)
{
    unsigned char buf[65536];
    uint64_t h = sim_hash_bytes(SIM_HASH_SEED, &seed, sizeof seed);
    if (lseek(fd, 0, SEEK_SET) != 0) return false;
    while (n > 0) {
        ssize_t got = read(fd, buf, n < (off_t)sizeof buf ? (size_t)n : sizeof buf);
        if (got <= 0) return false;
        h = sim_hash_bytes(h, buf, (size_t)got);
        n -= got;
    }
    *out = h;
    return true;
}

int cc_outfile_commit_sealed(cc_outfile *o, uint64_t seed, cc_diag *diag)
{
    uint64_t h = 0;
    off_t n = fflush(o->f) == 0 ? lseek(fileno(o->f), 0, SEEK_END) : -1;
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    bool ok = n >= 0 && fd >= 0 && hash_prefix(fd, seed, n, &h);
    if (fd >= 0) close(fd);
    if (!ok) {
        cc_diag_add(diag, "%s: write failed: %s", o->path, strerror(errno ? errno : EIO));
        cc_outfile_abort(o);
        return SIM_EIO;
    }
    fprintf(o->f, "seal %016" PRIx64 "\n", h);
    return cc_outfile_commit(o, diag);
}

bool cc_outfile_sealed_ok(const char *path, uint64_t seed, size_t *body_bytes)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat sb;
    bool ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= 22;
    /* The seal is the last line: "seal " and 16 hex digits and a newline, 22 bytes. */
    char tail[23] = "";
    off_t body = ok ? sb.st_size - 22 : 0;
    ok = ok && pread(fd, tail, 22, body) == 22 && strncmp(tail, "seal ", 5) == 0 && tail[21] == '\n';
    uint64_t want = 0, got = 0;
    ok = ok && sscanf(tail + 5, "%16" SCNx64, &want) == 1 && hash_prefix(fd, seed, body, &got) &&
         got == want;
    close(fd);
    if (ok && body_bytes) *body_bytes = (size_t)body;
    return ok;
}

bool cc_outfile_is_input(const char *out, const char *const *inputs, size_t n)
{
    struct stat so, si;
    if (stat(out, &so) != 0) return false;
    for (size_t i = 0; i < n; i++)
        if (inputs[i] && stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
            return true;
    return false;
}

bool cc_outfile_folder_exists(const char *path)
{
    char *dir = folder_of(path);
    struct stat sb;
    bool ok = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
    free(dir);
    return ok;
}
