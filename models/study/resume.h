/* models/study/resume.h: the finished parts of a long command, kept so it can go on.
 * sweep, compare and staff run many simulations. With an output folder, each finished
 * piece of work (a sweep point, a policy's replications, a staffing evaluation) is
 * written to OUTDIR/.COMMAND-parts/NAME, whole under a temporary name and renamed: a
 * part that exists is complete, even after SIGKILL or a cluster's time limit. The same
 * command with --resume takes the parts instead of computing them again and ends with
 * exactly the outputs an uninterrupted run writes; a finished command removes them.
 *
 * OUTDIR/.COMMAND-parts/identity names the work (ccsim's version, the scenario file
 * and a hash of its bytes, overrides, seed, replications and the command's own
 * arguments): --resume refuses parts of other work. Without --resume, old parts are
 * removed first.
 *
 * ccsim-mpi: every rank runs the whole command, so every rank must skip the same work.
 * The ranks that do not write open the folder read-only. Which parts exist is read once,
 * when the folder is opened, before any rank writes a new part: the answer is the same
 * on every rank. */
#ifndef CC_RESUME_H
#define CC_RESUME_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/io/diag.h"
#include "models/study/simulate.h"

typedef struct cc_resume {
    char *dir;               /* OUTDIR/.COMMAND-parts; NULL: nothing is kept */
    bool writable;           /* false: another rank writes */
    char **found;            /* sorted names of the parts there when opened (--resume) */
    size_t n_found;
    uint64_t seal;           /* the identity's hash: every part is sealed with it */
} cc_resume;

/* The identity of a simulation command: version, scenario (path and bytes),
 * overrides, seed and replications, then `more` (the command's own arguments, one per
 * line). The caller frees it. */
char *cc_resume_identity(const cc_sim_options *o, const char *command, const char *more);

/* Opens OUTDIR/.COMMAND-parts (outdir NULL: a cc_resume that keeps nothing). With
 * resume, parts of the same identity are taken; parts of another are refused (exit
 * status 2, with a message). Returns an exit status: 0, 1 (cannot write), 2. */
int  cc_resume_open(cc_resume *r, const char *outdir, bool writable, const char *command,
                    const char *identity, bool resume);
/* True when the part was there at cc_resume_open with --resume and verifies: a regular
 * file whose seal (models/io/outfile.h) matches its bytes and this work's identity.
 * A part that is there but does not verify is said on stderr, as to be computed again;
 * *body_bytes (optional) is its length before the seal. */
bool cc_resume_has(const cc_resume *r, const char *name);
bool cc_resume_take(const cc_resume *r, const char *name, size_t *body_bytes);
/* The path of a part (the caller frees it); NULL when nothing is kept. */
char *cc_resume_path(const cc_resume *r, const char *name);
/* The command wrote its outputs: the parts go. */
void cc_resume_finish(cc_resume *r);
void cc_resume_fini(cc_resume *r);

/* Removes OUTDIR's temporary files of an output (e.g. "sweep.csv") left by a killed run
 * (models/io/outfile.c writes .NAME.tmp.XXXXXX beside NAME). */
void cc_resume_remove_temporaries(const char *outdir, const char *output);

/* A stable 64-bit hash (FNV-1a) of text, for part names derived from their content. */
unsigned long long cc_resume_hash(const char *text);

#endif /* CC_RESUME_H */
