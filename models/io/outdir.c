/* models/io/outdir.c: the folder lock, the incomplete marker and the manifest.
 * The manifest is plain CSV ("file,bytes,fnv1a64" then one row per file, hashes in
 * 16 hex digits), written through cc_outfile like every output. Files are hashed by
 * reading them back after they were committed, so what is vouched for is what is on
 * disk; results are at most tens of MB, read once. */
#include "models/io/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/io/outfile.h"
#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/status.h"

int cc_outdir_lock(cc_outdir *d, const char *path, cc_diag *diag)
{
    d->fd = -1;
    d->path = NULL;
    if (cc_outfile_mkdirs(path, diag) != SIM_OK) return SIM_EIO;
    /* The lock is on a file of its own, opened for writing: NFS emulates flock with
     * POSIX locks, which a folder (or a file opened read-only) cannot hold. */
    char *lock = cc_outfile_path(path, CC_OUTDIR_LOCK);
    int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    free(lock);
    if (fd < 0) {
        cc_diag_add(diag, "%s: cannot make its lock file %s: %s", path, CC_OUTDIR_LOCK, strerror(errno));
        return SIM_EIO;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK)
            cc_diag_add(diag, "%s: another ccsim is writing into this folder; wait for it to "
                        "finish, or give another -o", path);
        else
            cc_diag_add(diag, "%s: cannot lock the folder: %s%s", path, strerror(e),
                        e == ENOLCK ? " (this filesystem has no locks)" : "");
        return SIM_EIO;
    }
    d->fd = fd;
    d->path = sim_xstrdup(path);
    return SIM_OK;
}

void cc_outdir_unlock(cc_outdir *d)
{
    if (d->fd >= 0) close(d->fd);   /* closing the descriptor releases the lock */
    free(d->path);
    d->fd = -1;
    d->path = NULL;
}


int cc_outdir_begin(const char *dir, cc_diag *diag)
{
    char *marker = cc_outfile_path(dir, CC_OUTDIR_MARKER), *manifest = cc_outfile_path(dir, CC_OUTDIR_MANIFEST);
    cc_outfile o;
    int st = cc_outfile_open(&o, marker, diag);
    if (st == SIM_OK) {
        fputs("ccsim is writing this folder; a run that stopped before the end leaves this "
              "file, and ccsim then refuses to read the folder.\n", o.f);
        st = cc_outfile_commit(&o, diag);
    }
    if (st == SIM_OK && unlink(manifest) != 0 && errno != ENOENT) {
        cc_diag_add(diag, "%s: cannot remove the old manifest: %s", manifest, strerror(errno));
        st = SIM_EIO;
    }
    free(marker);
    free(manifest);
    return st;
}

/* Size and FNV-1a of a regular file (not followed through a link); false if unreadable. */
static bool file_digest(const char *path, uint64_t *bytes, uint64_t *hash)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        errno = EINVAL;
        return false;
    }
    unsigned char buf[65536];
    uint64_t h = SIM_HASH_SEED, n = 0;
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0) {
        h = sim_hash_bytes(h, buf, (size_t)got);
        n += (uint64_t)got;
    }
    if (got < 0) errno = EIO;
    close(fd);
    *bytes = n;
    *hash = h;
    return got == 0;
}

int cc_outdir_finish(const char *dir, const char *const *names, size_t n, cc_diag *diag)
{
    char *manifest = cc_outfile_path(dir, CC_OUTDIR_MANIFEST), *marker = cc_outfile_path(dir, CC_OUTDIR_MARKER);
    cc_outfile o;
    int st = cc_outfile_open(&o, manifest, diag);
    if (st == SIM_OK) {
        fputs("file,bytes,fnv1a64\n", o.f);
        for (size_t i = 0; i < n && st == SIM_OK; i++) {
            char *p = cc_outfile_path(dir, names[i]);
            uint64_t bytes, hash;
            if (!file_digest(p, &bytes, &hash)) {
                cc_diag_add(diag, "%s: cannot read it back: %s", p, strerror(errno));
                st = SIM_EIO;
            } else {
                cc_outfile_field(&o, names[i]);
                fprintf(o.f, ",%" PRIu64 ",%016" PRIx64 "\n", bytes, hash);
            }
            free(p);
        }
        if (st == SIM_OK) st = cc_outfile_commit(&o, diag);
        else cc_outfile_abort(&o);
    }
    if (st == SIM_OK && unlink(marker) != 0 && errno != ENOENT) {
        cc_diag_add(diag, "%s: cannot remove: %s", marker, strerror(errno));
        st = SIM_EIO;
    }
    free(manifest);
    free(marker);
    return st;
}

/* Checks one manifest row "NAME,BYTES,HASH" against the file. */
static int verify_row(const char *dir, const char *mpath, size_t line, char *row, cc_diag *diag)
{
    char *c2 = strrchr(row, ','), *c1 = NULL;
    if (c2) {
        *c2 = '\0';
        c1 = strrchr(row, ',');
    }
    uint64_t want_bytes, want_hash, bytes, hash;
    if (!c1 || sscanf(c1 + 1, "%" SCNu64, &want_bytes) != 1 ||
        sscanf(c2 + 1, "%" SCNx64, &want_hash) != 1 || strchr(row, '/') || row[0] == '.') {
        cc_diag_add(diag, "%s:%zu: not a manifest row ccsim writes", mpath, line);
        return SIM_EINVAL;
    }
    *c1 = '\0';
    char *p = cc_outfile_path(dir, row);
    int st = SIM_OK;
    struct stat sb;
    if (lstat(p, &sb) != 0 && errno == ENOENT) {
        /* Removed since: read as absent, which mixes nothing. */
    } else if (!file_digest(p, &bytes, &hash)) {
        cc_diag_add(diag, "%s: listed in the manifest but unreadable or not a regular file: "
                    "the folder is not the output ccsim wrote", p);
        st = SIM_EINVAL;
    } else if (bytes != want_bytes || hash != want_hash) {
        cc_diag_add(diag, "%s: changed since ccsim wrote it (%" PRIu64 " bytes, %" PRIu64
                    " in the manifest): truncated, corrupted or edited", p, bytes, want_bytes);
        st = SIM_EINVAL;
    }
    free(p);
    return st;
}

int cc_outdir_verify(const char *dir, cc_diag *diag)
{
    char *marker = cc_outfile_path(dir, CC_OUTDIR_MARKER), *manifest = cc_outfile_path(dir, CC_OUTDIR_MANIFEST);
    int st = SIM_OK;
    struct stat sb;
    FILE *f = NULL;
    if (lstat(marker, &sb) == 0) {
        cc_diag_add(diag, "%s: incomplete: a ccsim command stopped while writing this folder "
                    "(interrupted, killed or out of disk); its files may mix two runs: run it "
                    "again", dir);
        st = SIM_EINVAL;
    } else if (lstat(manifest, &sb) != 0 && errno == ENOENT) {
        /* No manifest and no marker: a folder an older ccsim wrote, read as it is. */
    } else if (!S_ISREG(sb.st_mode) || (f = fopen(manifest, "r")) == NULL) {
        cc_diag_add(diag, "%s: cannot be read as ccsim's manifest", manifest);
        st = SIM_EINVAL;
    } else {
        char row[4096];
        size_t line = 0;
        while (st == SIM_OK && fgets(row, sizeof row, f)) {
            line++;
            row[strcspn(row, "\r\n")] = '\0';
            if (line == 1) {
                if (strcmp(row, "file,bytes,fnv1a64") != 0) {
                    cc_diag_add(diag, "%s:1: not a manifest ccsim writes", manifest);
                    st = SIM_EINVAL;
                }
                continue;
            }
            if (row[0]) st = verify_row(dir, manifest, line, row, diag);
        }
        if (st == SIM_OK && (ferror(f) || line == 0)) {
            cc_diag_add(diag, "%s: empty or unreadable", manifest);
            st = SIM_EINVAL;
        }
        fclose(f);
    }
    free(marker);
    free(manifest);
    return st;
}

bool cc_outdir_vouches(const char *dir, const char *name)
{
    char *manifest = cc_outfile_path(dir, CC_OUTDIR_MANIFEST);
    FILE *f = fopen(manifest, "r");
    free(manifest);
    if (!f) return true;
    char row[4096];
    size_t n = strlen(name);
    bool listed = false;
    bool header = true;
    while (!listed && fgets(row, sizeof row, f)) {
        listed = !header && strncmp(row, name, n) == 0 && row[n] == ',';
        header = false;
    }
    fclose(f);
    return listed;
}
