/* sim/runner.c: replications on a pool of worker threads.
 *
 * Data structure. One shared job record: the configuration, the model and its ops, the
 * results array, the index of the next replication to hand out, the count of finished
 * ones, and a mutex guarding both counters and the progress callback. The calling
 * thread is one of the workers; threads - 1 more are created.
 *
 * Invariant. Each replication index below cfg->replications is handed out exactly once,
 * and replication r writes only results slot r. A replication's sim_run is built from
 * (seed, first_replication + r) alone, so what lands in slot r does not depend on which
 * thread ran it, in what order, or how many threads there were.
 *
 * Workload. Tens to thousands of replications, each seconds long, so the cost of the
 * lock per replication is nothing; handing out indices one at a time (rather than in
 * fixed blocks) keeps threads busy when replications differ in length. If a thread
 * cannot be created the others simply take its share: results are the same, only
 * slower, so that is not an error. */
#include "sim/runner.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/check.h"
#include "sim/mem.h"
#include "sim/status.h"

typedef struct sim_runner_job {
    const sim_runner_config *cfg;
    const sim_model_ops *ops;
    const void *model;
    unsigned char *results;
    size_t result_size;
    pthread_mutex_t lock;
    size_t next; /* next replication index to hand out; guarded by lock */
    size_t done; /* finished replications; guarded by lock */
} sim_runner_job;

static void sim_runner_lock(pthread_mutex_t *m)
{
    SIM_REQUIRE(pthread_mutex_lock(m) == 0);
}

static void sim_runner_unlock(pthread_mutex_t *m)
{
    SIM_REQUIRE(pthread_mutex_unlock(m) == 0);
}

static void sim_runner_one(sim_runner_job *job, size_t r)
{
    const sim_runner_config *cfg = job->cfg;
    sim_run *run = sim_run_alloc(cfg->seed, cfg->first_replication + r, cfg->start_s);
    if (cfg->cancel) sim_run_set_cancel(run, cfg->cancel);
    void *state = job->ops->setup(job->model, run);
    sim_run_loop(run, INFINITY);
    bool whole = !sim_run_is_cancelled(run);
    if (whole) job->ops->collect(job->model, run, state, job->results + r * job->result_size);
    job->ops->teardown(job->model, state);
    sim_run_free(run);
    if (cfg->completed) cfg->completed[r] = whole;
}

static void *sim_runner_worker(void *arg)
{
    sim_runner_job *job = arg;
    size_t total = job->cfg->replications;
    for (;;) {
        sim_runner_lock(&job->lock);
        bool stop = job->cfg->cancel && *job->cfg->cancel;
        size_t r = !stop && job->next < total ? job->next++ : total;
        sim_runner_unlock(&job->lock);
        if (r == total)
            return NULL;
        sim_runner_one(job, r);
        sim_runner_lock(&job->lock);
        size_t done = ++job->done;
        if (job->cfg->progress)
            job->cfg->progress(job->cfg->progress_arg, done, total);
        sim_runner_unlock(&job->lock);
    }
}

int sim_runner_run(const sim_runner_config *cfg, const sim_model_ops *ops,
                   const void *model, void *results, size_t result_size)
{
    SIM_REQUIRE(cfg != NULL && ops != NULL);
    SIM_REQUIRE(ops->setup != NULL && ops->collect != NULL && ops->teardown != NULL);
    SIM_REQUIRE(cfg->replications == 0 || results != NULL || result_size == 0);
    if (cfg->replications == 0)
        return SIM_OK;

    if (cfg->completed) memset(cfg->completed, 0, cfg->replications);
    sim_runner_job job = {cfg, ops, model, results, result_size,
                          PTHREAD_MUTEX_INITIALIZER, 0, 0};
    size_t threads = cfg->threads ? cfg->threads : sim_runner_cores();
    if (threads > cfg->replications)
        threads = cfg->replications;

    pthread_t *tids = sim_xcalloc(threads, sizeof *tids);
    size_t started = 0;
    for (size_t i = 1; i < threads; i++) {
        if (pthread_create(&tids[started], NULL, sim_runner_worker, &job) != 0)
            break; /* fewer workers; see the file comment */
        started++;
    }
    sim_runner_worker(&job);
    for (size_t i = 0; i < started; i++)
        SIM_REQUIRE(pthread_join(tids[i], NULL) == 0);
    free(tids);
    pthread_mutex_destroy(&job.lock);
    if (cfg->cancel && *cfg->cancel) {
        bool all = true;
        for (size_t r = 0; cfg->completed && r < cfg->replications; r++) all = all && cfg->completed[r];
        if (!cfg->completed || !all) return SIM_EINTR;
    }
    SIM_REQUIRE(job.done == cfg->replications);
    return SIM_OK;
}

unsigned sim_runner_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (unsigned)n : 1;
}
