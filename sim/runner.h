/* sim/runner.h: independent replications, in parallel, with reproducible results.
 * Replication r gets a fresh sim_run seeded from (seed, first_replication + r). The
 * model builds its state in setup (and schedules its first events), the runner fires
 * events until the calendar is empty or the model stops the run, then collect writes
 * the replication's results into its own slot, and teardown frees the state. Slots are
 * indexed by replication, not by the thread that ran it, so the results are identical
 * whatever the thread count. The model object is shared read-only between threads. */
#ifndef SIM_RUNNER_H
#define SIM_RUNNER_H
#include <stddef.h>
#include <stdint.h>
#include "sim/run.h"

typedef struct sim_model_ops {
    void *(*setup)(const void *model, sim_run *run);
    void  (*collect)(const void *model, sim_run *run, void *state, void *result);
    void  (*teardown)(const void *model, void *state);
} sim_model_ops;

typedef struct sim_runner_config {
    uint64_t seed;
    uint64_t first_replication;   /* replication number of results[0] */
    size_t   replications;
    unsigned threads;             /* 0: one per online core */
    double   start_s;             /* the clock at the start of each replication */
    /* Optional: called from the thread that finished replication r, under a lock,
     * with how many are done so far. */
    void   (*progress)(void *arg, size_t done, size_t total);
    void    *progress_arg;
    /* Optional: when *cancel becomes nonzero (a signal handler sets it), no new
     * replication starts and running ones stop within 1024 events; the runner then
     * returns SIM_EINTR. completed[r] (optional, cfg->replications bytes) says which
     * replications finished: only those were collected. */
    const volatile sig_atomic_t *cancel;
    unsigned char *completed;
} sim_runner_config;

/* results points at cfg->replications slots of result_size bytes each. */
int sim_runner_run(const sim_runner_config *cfg, const sim_model_ops *ops,
                   const void *model, void *results, size_t result_size);
/* Online cores, at least 1. */
unsigned sim_runner_cores(void);

#endif /* SIM_RUNNER_H */
