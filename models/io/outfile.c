/* models/io/outfile.c: output files written whole or not at all.
 * A file is written under a temporary name in its own folder (so that rename is atomic),
 * flushed and synced, then renamed over the old one: a reader sees the old file or the
 * new one, never a mixture. Fields are written through libcsv when they need quoting. */
#include "models/io/outfile.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/mem.h"
#include "sim/status.h"

int cc_outfile_mkdirs(const char *path, cc_diag *diag)
{
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

int cc_outfile_open(cc_outfile *o, const char *path, cc_diag *diag)
{
    memset(o, 0, sizeof *o);
    o->path = sim_xstrdup(path);
    size_t n = strlen(path) + 64;
    o->tmp = sim_xmalloc(n);
    /* The temporary file sits in the same folder so that rename is atomic. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    snprintf(o->tmp, n, "%.*s.%s.tmp.%ld", dirlen, path, slash ? slash + 1 : path, (long)getpid());
    o->f = fopen(o->tmp, "w");
    if (!o->f) {
        cc_diag_add(diag, "%s: cannot write: %s", o->tmp, strerror(errno));
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return SIM_EIO;
    }
    return SIM_OK;
}

int cc_outfile_commit(cc_outfile *o, cc_diag *diag)
{
    int st = SIM_OK;
    bool bad = ferror(o->f) != 0;
    if (fflush(o->f) != 0) bad = true;
    if (fsync(fileno(o->f)) != 0 && errno != EINVAL) bad = true;
    if (fclose(o->f) != 0) bad = true;
    o->f = NULL;
    if (bad) {
        cc_diag_add(diag, "%s: write failed: %s", o->tmp, strerror(errno));
        remove(o->tmp);
        st = SIM_EIO;
    } else if (rename(o->tmp, o->path) != 0) {
        cc_diag_add(diag, "%s: cannot rename to %s: %s", o->tmp, o->path, strerror(errno));
        remove(o->tmp);
        st = SIM_EIO;
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
        remove(o->tmp);
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
