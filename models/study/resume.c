/* models/study/resume.c: parts of finished work on disk (models/study/resume.h). */
#include "models/study/resume.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/center/version.h"
#include "models/report/report.h"
#include "sim/check.h"
#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/status.h"

unsigned long long cc_resume_hash(const char *text)
{
    return sim_hash_str(text);
}

/* The hash of a file's bytes, or 0 when it cannot be read (the run will say why). */
static unsigned long long file_hash(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    unsigned char buf[65536];
    uint64_t h = SIM_HASH_SEED;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) h = sim_hash_bytes(h, buf, got);
    fclose(f);
    return h;
}

char *cc_resume_identity(const cc_sim_options *o, const char *command, const char *more)
{
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    SIM_REQUIRE(t != NULL);
    fprintf(t, "ccsim " CC_VERSION " %s\nscenario %s\nscenario bytes %016llx\n", command,
            o->scenario, file_hash(o->scenario));
    if (o->has_seed) fprintf(t, "seed %llu\n", (unsigned long long)o->seed);
    else fputs("seed the scenario's\n", t);
    fprintf(t, "replications %ld\n", o->replications);
    for (size_t i = 0; i < o->n_sets; i++) fprintf(t, "set %s\n", o->sets[i]);
    /* The files the scenario reads besides itself: an edited forecast changes the work.
     * A scenario that does not load has none; its run will say why. */
    cc_sim_options quiet = *o;
    quiet.quiet_errors = true;
    cc_scenario sc;
    if (cc_sim_load(&quiet, NULL, 0, &sc) == 0) {
        for (size_t i = 0; i < sc.n_inputs; i++)
            fprintf(t, "input %s bytes %016llx\n", sc.inputs[i], file_hash(sc.inputs[i]));
        cc_scenario_fini(&sc);
    }
    fputs(more ? more : "", t);
    SIM_REQUIRE(fclose(t) == 0);
    return text;
}

/* Does the file hold exactly this text? -1 when it cannot be read. */
static int file_holds(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = strlen(text), at = 0, got;
    char buf[4096];
    bool same = true;
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        same = at + got <= n && memcmp(buf, text + at, got) == 0;
        at += got;
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    return failed ? -2 : same && at == n;
}

/* Removes the files of the folder whose names contain `part` ("" for all). */
static void remove_files(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (!strstr(e->d_name, part)) continue;
        char *p = cc_outfile_path(dir, e->d_name);
        remove(p);
        free(p);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The parts there now: every file but the identity and temporary files. */
static void list_parts(cc_resume *r)
{
    DIR *d = opendir(r->dir);
    if (!d) return;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "identity") == 0) continue;
        r->found = sim_xgrow(r->found, &cap, r->n_found + 1, 64, sizeof *r->found);
        r->found[r->n_found++] = sim_xstrdup(e->d_name);
    }
    closedir(d);
    if (r->n_found) qsort(r->found, r->n_found, sizeof *r->found, by_name);
}

int cc_resume_open(cc_resume *r, const char *outdir, bool writable, const char *command,
                   const char *identity, bool resume)
{
    memset(r, 0, sizeof *r);
    if (!outdir) return 0;
    char name[64];
    snprintf(name, sizeof name, ".%s-parts", command);
    r->dir = cc_outfile_path(outdir, name);
    r->writable = writable;
    r->seal = sim_hash_str(identity);
    char *id_path = cc_outfile_path(r->dir, "identity");
    int rc = 0;
    cc_diag diag;
    cc_diag_init(&diag);
    int held = resume ? file_holds(id_path, identity) : -1;
    bool ours = held == 1;  /* parts of this same work are there */
    if (held == -2) {
        fprintf(stderr, "ccsim: %s: %s/identity: cannot be read: %s\n", command, r->dir, strerror(errno));
        rc = 1;
    } else if (held == 0) {
        fprintf(stderr, "ccsim: %s: %s holds the parts of another %s (another scenario, seed, "
                "replications or arguments, or the scenario file or a file it reads changed); run "
                "it without "
                "--resume to start over\n", command, outdir, command);
        rc = 2;
    } else if (writable) {
        /* Leftovers: temporary files of a killed run; without --resume, old parts too. */
        if (cc_outfile_mkdirs(r->dir, &diag) != SIM_OK) rc = 1;
        /* The parts folder is ccsim's own: a link planted there would make the clean-up
         * below empty another folder. */
        struct stat sb;
        if (rc == 0 && (lstat(r->dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
            cc_diag_add(&diag, "%s: not a folder of ccsim's (a link?): refusing to use it; remove "
                        "it and run again", r->dir);
            rc = 1;
        }
        if (rc == 0) remove_files(r->dir, ours ? ".tmp." : "");
        cc_outfile f;
        if (rc == 0 && cc_outfile_open(&f, id_path, &diag) != SIM_OK) rc = 1;
        else if (rc == 0) {
            fputs(identity, f.f);
            if (cc_outfile_commit(&f, &diag) != SIM_OK) rc = 1;
        }
    }
    if (rc == 0 && ours) list_parts(r);
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    free(id_path);
    return rc;
}

bool cc_resume_take(const cc_resume *r, const char *name, size_t *body_bytes)
{
    if (!cc_resume_has(r, name)) return false;
    char *path = cc_outfile_path(r->dir, name);
    bool ok = cc_outfile_sealed_ok(path, r->seal, body_bytes);
    if (!ok) {
        fprintf(stderr, "ccsim: %s: does not verify (truncated, changed, not a regular file or "
                "of other work): computed again\n", path);
        /* The folder is ccsim's own: the bad part goes (a link, not what it points at). */
        if (r->writable) unlink(path);
    }
    free(path);
    return ok;
}

bool cc_resume_has(const cc_resume *r, const char *name)
{
    return r->n_found && bsearch(&name, r->found, r->n_found, sizeof *r->found, by_name);
}

char *cc_resume_path(const cc_resume *r, const char *name)
{
    return r->dir ? cc_outfile_path(r->dir, name) : NULL;
}

void cc_resume_remove_temporaries(const char *outdir, const char *output)
{
    char part[256];
    snprintf(part, sizeof part, ".%s.tmp.", output);
    remove_files(outdir, part);
}

void cc_resume_finish(cc_resume *r)
{
    if (!r->dir || !r->writable) return;
    remove_files(r->dir, "");
    rmdir(r->dir);
}

void cc_resume_fini(cc_resume *r)
{
    for (size_t i = 0; i < r->n_found; i++) free(r->found[i]);
    free(r->found);
    free(r->dir);
    memset(r, 0, sizeof *r);
}
