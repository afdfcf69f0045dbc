/* models/io/outfile.h: writing an output file atomically.
 * cc_outfile_open opens a temporary file beside `path`; the caller writes through o->f
 * (or the field helpers), then commits (flush, fsync, close, rename over `path`) or
 * aborts (close, remove). A failed write or rename is a line in the diag and SIM_EIO;
 * `path` is then untouched. */
#ifndef CC_OUTFILE_H
#define CC_OUTFILE_H
#include <stdio.h>

#include "models/io/diag.h"

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

#endif /* CC_OUTFILE_H */
