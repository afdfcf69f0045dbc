/* models/study/simulate.h: one simulation of a scenario file, for the subcommands.
 * Loads the file with the command line's overrides plus extra ones, runs its
 * replications and keeps the results; every error is printed on stderr with its place.
 * run, compare, sweep and staff are all built on it. */
#ifndef CC_SIMULATE_H
#define CC_SIMULATE_H
#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include "models/io/diag.h"
#include "models/center/model.h"
#include "models/center/scenario.h"
#include "sim/summary.h"

typedef struct cc_sim_options {
    const char *scenario;    /* the file */
    const char *const *sets; /* --set overrides */
    size_t n_sets;
    long replications;       /* 0: the scenario's */
    bool has_seed;
    uint64_t seed;
    long threads;            /* 0: all cores */
    bool progress;           /* replication progress on stderr (a terminal) */
    bool quiet_errors;       /* do not print the scenario's errors (callers that retry) */
    bool log_contacts;       /* keep the per-contact log */
    const volatile sig_atomic_t *cancel;  /* set by a signal handler: stop early */
} cc_sim_options;

/* The model points into sc: a cc_sim must stay where cc_sim_run filled it (run into
 * the storage you will keep; never copy it by value). */
typedef struct cc_sim {
    cc_scenario sc;
    cc_model *m;
    cc_rep_result *res;
    size_t n;                /* replications in res (fewer than asked when interrupted) */
    size_t asked;            /* replications asked for */
} cc_sim;

/* cc_sim_run's status when interrupted: res holds the replications that finished
 * (n of them, possibly 0), the caller owns *out and decides what to write. */
#define CC_SIM_INTERRUPTED 3

/* Returns an exit status (0, 1 a failed run, 2 bad input) or CC_SIM_INTERRUPTED; on 0
 * and CC_SIM_INTERRUPTED the caller owns *out. */
int    cc_sim_run(const cc_sim_options *o, const char *const *extra, size_t n_extra, cc_sim *out);
/* Only loads the scenario (file, o->sets, then extra), printing its errors unless
 * o->quiet_errors: 0, or 2 for bad input. The caller owns *out (cc_scenario_fini). */
int    cc_sim_load(const cc_sim_options *o, const char *const *extra, size_t n_extra,
                   cc_scenario *out);
/* The same on a scenario already in memory (a study's variant of it), copied into *out:
 * o->scenario only names it in messages, o->sets are not applied again. */
int    cc_sim_run_scenario(const cc_sim_options *o, const cc_scenario *sc, cc_sim *out);
/* More replications of a finished simulation, up to `total` in all: replications
 * [s->n, total) are run and appended, each drawing the numbers it would in one run of
 * `total` (replication r is seeded from (seed, r)), so a simulation grown from n to 2n
 * is bit for bit one of 2n. Same statuses as cc_sim_run; on 1 or 2 *s is freed, on
 * CC_SIM_INTERRUPTED it keeps the replications that finished. */
int    cc_sim_extend(const cc_sim_options *o, cc_sim *s, size_t total);
/* The status of cc_sim_run, cc_sim_restore or cc_resume_open as a SIM status, for the
 * studies that return one: 0 SIM_OK, 2 (bad input) SIM_EINVAL, CC_SIM_INTERRUPTED
 * SIM_EINTR, 1 (a failed run or write) SIM_EIO. */
int    cc_sim_status(int rc);
void   cc_sim_free(cc_sim *s);
/* A finished simulation's results to a file (written whole, then renamed), and back:
 * cc_sim_restore loads the scenario with the same overrides and reads the results
 * instead of running them, bit for bit those saved (not the per-contact log). Used to
 * resume interrupted commands (models/study/resume.h); the file is sealed with `seal`
 * (models/io/outfile.h), which the caller checks before restoring. Save returns SIM_OK or a negative
 * status with a line in diag; restore returns an exit status (1: the file does not
 * hold this simulation's results, said on stderr). */
int    cc_sim_save(const cc_sim *s, const char *path, uint64_t seal, cc_diag *diag);
int    cc_sim_restore(const cc_sim_options *o, const char *const *extra, size_t n_extra,
                      const char *path, cc_sim *out);
/* The same for a scenario already in memory (copied into *out). */
int    cc_sim_restore_scenario(const cc_sim_options *o, const cc_scenario *sc, const char *path,
                               cc_sim *out);
/* Mean and CI of a whole-window measure, or of interval i (i >= 0), e.g.
 * (CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, -1). NaN mean when the measure does not
 * exist. The CI is the t interval as it is, not kept inside the measure's bounds
 * (cc_report_clamp_of does that). */
sim_summary cc_sim_summary_of(const cc_sim *s, cc_scope scope, size_t index, cc_measure_id id,
                              double threshold_s, long interval);

#endif /* CC_SIMULATE_H */
