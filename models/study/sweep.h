/* models/study/sweep.h: ccsim sweep, a grid of scenario variants on common random numbers.
 * Each --vary KEY=FROM:TO:STEP names a scenario key (a --set path) and a range; the
 * grid is every combination. Every point runs with the same seed, so its replication r
 * sees the same arrivals and service times as every other point's: differences between
 * points are differences of the design, not of luck. Values keep the unit written with
 * them: agents.team.staff=10:20:1, channels.voice.arrivals.rate=100/h:200/h:25/h. */
#ifndef CC_SWEEP_H
#define CC_SWEEP_H
#include <stdbool.h>
#include <stddef.h>

#include "models/study/simulate.h"

#define CC_SWEEP_POINTS_MAX 10000
#define CC_SWEEP_KEYS_MAX 8

/* One --vary: the key and its values as text ("12", "150/h"), with their numbers. */
typedef struct cc_sweep_axis {
    char *key;
    char **text;
    double *value;
    size_t n;
} cc_sweep_axis;

/* Parses "KEY=FROM:TO:STEP"; on error writes why into err and returns a negative status. */
int  cc_sweep_axis_parse(const char *spec, cc_sweep_axis *axis, char *err, size_t len);
void cc_sweep_axis_fini(cc_sweep_axis *axis);

/* Runs the grid; writes outdir/sweep.csv when outdir is set and writable; prints a
 * table unless quiet. Each finished point is kept on disk in outdir/.sweep-parts until
 * the end (models/study/resume.h), so that an interrupted sweep (Ctrl-C, SIGTERM, even
 * SIGKILL) goes on with resume set and writes the same sweep.csv as an uninterrupted
 * one. Not writable: only read the parts (ccsim-mpi's other ranks). Returns an exit
 * status. */
int  cc_sweep_run(const cc_sim_options *o, const cc_sweep_axis *axes, size_t n_axes,
                  const char *outdir, bool writable, bool quiet, bool resume);

#endif /* CC_SWEEP_H */
