/* models/io/outdir.h: an output folder that one command owns while it writes, and whose
 * results are seen together or not at all.
 *
 * cc_outdir_lock takes an advisory lock (flock on DIR/.ccsim-lock) on the folder,
 * made if missing, for the whole command: a second ccsim writing into the same folder
 * fails at once with a clear message instead of mixing its files with the first one's.
 * The lock goes with the process (kill -9 included), so a stale lock never blocks a
 * later run. Readers of a folder (plot, run --plots) hold it too.
 *
 * A set of result files is written between cc_outdir_begin and cc_outdir_finish.
 * begin puts a marker (.ccsim-incomplete) in the folder and removes the old manifest;
 * finish writes MANIFEST (name, bytes and FNV-1a 64 of each file, written whole, then
 * renamed) and removes the marker. A crash, a full disk or a kill between the two
 * leaves the marker, and cc_outdir_verify, which every reader of results calls, refuses
 * the folder: a mixture of an old and a new run is never read as one. A folder with a
 * manifest is read only if every file listed that is still there has its size and hash
 * (a file removed since is read as absent). FNV-1a finds truncation, corruption and
 * edits, not deliberate forgery. */
#ifndef CC_OUTDIR_H
#define CC_OUTDIR_H
#include <stdbool.h>
#include <stddef.h>

#include "models/io/diag.h"

#define CC_OUTDIR_MANIFEST "MANIFEST"
#define CC_OUTDIR_MARKER ".ccsim-incomplete"
#define CC_OUTDIR_LOCK ".ccsim-lock"

typedef struct cc_outdir {
    int fd;                  /* private: the folder, locked; -1 when not open */
    char *path;              /* read-only */
} cc_outdir;

/* Makes the folder (and its parents) and locks it. SIM_OK, or SIM_EIO with a line in
 * diag (cannot be made, not a folder, or another ccsim holds it). */
int  cc_outdir_lock(cc_outdir *d, const char *path, cc_diag *diag);
void cc_outdir_unlock(cc_outdir *d);           /* a never-locked (zeroed) one is fine */
int  cc_outdir_begin(const char *dir, cc_diag *diag);
/* names: the result files, relative to dir, that the manifest vouches for. */
int  cc_outdir_finish(const char *dir, const char *const *names, size_t n, cc_diag *diag);
/* SIM_OK for a folder whose manifest holds (or that has none and no marker: written by
 * an older ccsim); SIM_EINVAL with the reason otherwise. */
int  cc_outdir_verify(const char *dir, cc_diag *diag);
/* Whether the folder's manifest lists name (true when it has no manifest): a file the
 * last command did not write (an older run's summary.csv beside a compare) is not read
 * as part of its results. */
bool cc_outdir_vouches(const char *dir, const char *name);

#endif /* CC_OUTDIR_H */
