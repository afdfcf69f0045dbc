/* models/io/outfile.h: writing an output file atomically.
 * cc_outfile_open opens a temporary file beside `path`; the caller writes through o->f
 * (or the field helpers), then commits (flush, fsync, close, rename over `path`) or
 * aborts (close, remove). A failed write or rename is a line in the diag and SIM_EIO;
 * `path` is then untouched. */
#ifndef CC_OUTFILE_H
#define CC_OUTFILE_H
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include "models/io/diag.h"

/* "DIR/NAME", allocated (the caller frees it): the one way ccsim names a file in a folder. */
char *cc_outfile_path(const char *dir, const char *name);

/* Creates a folder and its parents; SIM_OK if it exists. */
int  cc_outfile_mkdirs(const char *path, cc_diag *diag);

/* Writing a file atomically: open a temporary file beside `path`, write, then commit
 * (flush, close, rename) or abort (close, remove). */
typedef struct cc_outfile {
    FILE *f;
    char *path;
    char *tmp;
} cc_outfile;

int  cc_outfile_open(cc_outfile *o, const char *path, cc_diag *diag);
int  cc_outfile_commit(cc_outfile *o, cc_diag *diag);
void cc_outfile_abort(cc_outfile *o);
/* One CSV field, quoted by libcsv when it needs to be. */
void cc_outfile_field(cc_outfile *o, const char *text);
/* A number the way every ccsim CSV writes numbers. */
void cc_outfile_number(cc_outfile *o, double x);

/* Sealed files, for the parts a resumed command takes instead of computing them again:
 * commit_sealed ends the file with a line "seal HASH", the FNV-1a of everything before
 * it seeded by `seed` (the hash of the work's identity), then commits. sealed_ok is true
 * only for a regular file (not a link) whose seal matches its bytes and that seed: a
 * truncated, empty, edited or foreign part is false. *body_bytes (optional) is the
 * length before the seal line. */
int  cc_outfile_commit_sealed(cc_outfile *o, uint64_t seed, cc_diag *diag);
bool cc_outfile_sealed_ok(const char *path, uint64_t seed, size_t *body_bytes);

/* Whether out is one of the inputs (the same file, by device and inode, whatever the
 * names): a command refuses to write over what it reads. */
bool cc_outfile_is_input(const char *out, const char *const *inputs, size_t n);
/* Whether the folder that would hold path exists (checked before a command writes
 * several files, so that it writes all or none). */
bool cc_outfile_folder_exists(const char *path);

#endif /* CC_OUTFILE_H */
