/* tests/test_runner.c: a replication's world (sim/run.h), the replication runner
 * (sim/runner.h) and the plumbing under them (pool, mem, status, check).
 * The runner is driven by a toy model: Poisson arrivals, each with a work time and a
 * patience timer drawn from named streams; the first of the two to fire cancels the
 * other, and pooled records carry the event ids. Its results are compared byte for
 * byte between 1 and 4 threads, and across first_replication offsets. Seeds are fixed
 * and printed on failure. */
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "sim/check.h"
#include "sim/mem.h"
#include "sim/pool.h"
#include "sim/rng.h"
#include "sim/run.h"
#include "sim/runner.h"
#include "sim/status.h"

#define SEED UINT64_C(20240611)

/* ---- the toy model ---------------------------------------------------------------- */

typedef struct toy_model {
    double mean_gap_s;
    double mean_work_s;
    double mean_patience_s;
    double horizon_s;
    uint64_t stop_after; /* stop the run after this many arrivals; 0: never */
} toy_model;

/* All fields are 8 bytes wide, so the struct has no padding and memcmp is exact. */
typedef struct toy_result {
    uint64_t replication;
    uint64_t seed;
    uint64_t arrivals;
    uint64_t served;
    uint64_t abandoned;
    uint64_t events;
    double work_sum_s;
    double end_s;
} toy_result;

typedef struct toy_state {
    const toy_model *m;
    gsl_rng *arrivals, *work, *patience;
    sim_pool *pool;
    toy_result res;
} toy_state;

/* Handlers run on worker threads, where a cmocka assertion cannot unwind to the test,
 * so they check with SIM_REQUIRE: a failure aborts the program, which fails the test. */
typedef struct toy_job {
    sim_event_id done, timeout;
} toy_job;

static void toy_arrival(sim_run *run, void *subject, void *arg);

static void toy_done(sim_run *run, void *subject, void *arg)
{
    toy_state *st = subject;
    toy_job *job = arg;
    SIM_REQUIRE(sim_run_cancel(run, job->timeout));
    SIM_REQUIRE(!sim_run_cancel(run, job->done)); /* it is firing: already stale */
    st->res.served++;
    sim_pool_put(st->pool, job);
}

static void toy_timeout(sim_run *run, void *subject, void *arg)
{
    toy_state *st = subject;
    toy_job *job = arg;
    SIM_REQUIRE(sim_run_cancel(run, job->done));
    st->res.abandoned++;
    sim_pool_put(st->pool, job);
}

static void toy_arrival(sim_run *run, void *subject, void *arg)
{
    (void)arg;
    toy_state *st = subject;
    double now = sim_run_now(run);
    double w = gsl_ran_exponential(st->work, st->m->mean_work_s);
    double p = gsl_ran_exponential(st->patience, st->m->mean_patience_s);
    st->res.arrivals++;
    st->res.work_sum_s += w;
    toy_job *job = sim_pool_get(st->pool);
    job->done = sim_run_schedule(run, now + w, 1, toy_done, st, job);
    job->timeout = sim_run_schedule(run, now + p, 2, toy_timeout, st, job);
    if (st->m->stop_after && st->res.arrivals == st->m->stop_after)
        sim_run_stop(run);
    double next = now + gsl_ran_exponential(st->arrivals, st->m->mean_gap_s);
    if (next < st->m->horizon_s)
        sim_run_schedule(run, next, 0, toy_arrival, st, NULL);
}

static void *toy_setup(const void *model, sim_run *run)
{
    toy_state *st = sim_xcalloc(1, sizeof *st);
    st->m = model;
    /* Looked up in an order different from first use, which must not matter. */
    st->patience = sim_run_stream(run, "patience/toy");
    st->arrivals = sim_run_stream(run, "arrivals/toy");
    st->work = sim_run_stream(run, "work/toy");
    st->pool = sim_pool_alloc(sizeof(toy_job), 16);
    double first = sim_run_now(run) + gsl_ran_exponential(st->arrivals, st->m->mean_gap_s);
    sim_run_schedule(run, first, 0, toy_arrival, st, NULL);
    return st;
}

static void toy_collect(const void *model, sim_run *run, void *state, void *result)
{
    (void)model;
    toy_state *st = state;
    st->res.replication = sim_run_replication(run);
    st->res.seed = sim_run_seed(run);
    st->res.events = sim_run_events(run);
    st->res.end_s = sim_run_now(run);
    memcpy(result, &st->res, sizeof st->res);
}

static void toy_teardown(const void *model, void *state)
{
    (void)model;
    toy_state *st = state;
    sim_pool_free(st->pool);
    free(st);
}

static const sim_model_ops toy_ops = {toy_setup, toy_collect, toy_teardown};

static const toy_model toy = {10, 40, 30, 20000, 0};

typedef struct progress_log {
    size_t calls, last_done, total;
    bool out_of_order;
} progress_log;

/* Runs on worker threads, under the runner's lock, so it only records. */
static void toy_progress(void *arg, size_t done, size_t total)
{
    progress_log *p = arg;
    p->calls++;
    if (done != p->last_done + 1)
        p->out_of_order = true;
    p->last_done = done;
    p->total = total;
}

static void run_toy(uint64_t first, size_t reps, unsigned threads, toy_result *out)
{
    memset(out, 0, reps * sizeof *out);
    progress_log log = {0, 0, 0, false};
    sim_runner_config cfg = {SEED, first, reps, threads, 0.0, toy_progress, &log, NULL, NULL};
    assert_int_equal(sim_runner_run(&cfg, &toy_ops, &toy, out, sizeof *out), SIM_OK);
    assert_int_equal(log.calls, reps);
    assert_int_equal(log.last_done, reps);
    assert_false(log.out_of_order);
    if (reps)
        assert_int_equal(log.total, reps);
}

/* A cancel flag already set: nothing runs, the runner says SIM_EINTR and no replication
 * is marked completed. Set while running (from a toy handler, as a signal would): the
 * replications cut short are not collected, and the finished ones equal those of an
 * uncancelled run. */
static volatile sig_atomic_t cancel_flag;

static void test_cancel(void **state)
{
    (void)state;
    enum { R = 6 };
    toy_result out[R], full[R];
    unsigned char done[R];
    memset(done, 9, sizeof done);
    cancel_flag = 1;
    sim_runner_config cfg = {SEED, 0, R, 2, 0.0, NULL, NULL, &cancel_flag, done};
    assert_int_equal(sim_runner_run(&cfg, &toy_ops, &toy, out, sizeof *out), SIM_EINTR);
    for (size_t r = 0; r < R; r++) assert_int_equal(done[r], 0); /* none ran */
    cancel_flag = 0;
    run_toy(0, R, 1, full);
    memset(out, 0, sizeof out);
    sim_runner_config c2 = {SEED, 0, R, 1, 0.0, NULL, NULL, &cancel_flag, done};
    assert_int_equal(sim_runner_run(&c2, &toy_ops, &toy, out, sizeof *out), SIM_OK);
    for (size_t r = 0; r < R; r++) {
        assert_int_equal(done[r], 1);
        assert_memory_equal(&out[r], &full[r], sizeof out[r]);
    }
}

static void test_threads_give_identical_results(void **state)
{
    (void)state;
    enum { R = 13 };
    toy_result one[R], four[R], many[R], cores[R];
    run_toy(0, R, 1, one);
    run_toy(0, R, 4, four);
    run_toy(0, R, 64, many); /* more threads than replications */
    run_toy(0, R, 0, cores); /* one per core */
    if (memcmp(one, four, sizeof one) != 0 || memcmp(one, many, sizeof one) != 0 ||
        memcmp(one, cores, sizeof one) != 0)
        fail_msg("results differ with the thread count (seed %lu)", (unsigned long)SEED);
    for (size_t r = 0; r < R; r++) {
        assert_int_equal(one[r].replication, r);
        assert_int_equal(one[r].seed, SEED);
        /* About 2000 arrivals per replication; every one ends exactly one way. */
        assert_in_range(one[r].arrivals, 1700, 2300);
        assert_int_equal(one[r].served + one[r].abandoned, one[r].arrivals);
        assert_int_equal(one[r].events, 2 * one[r].arrivals);
        if (r > 0)
            assert_true(one[r].work_sum_s != one[r - 1].work_sum_s);
    }
    assert_true(sim_runner_cores() >= 1);
}

static void test_first_replication_numbering(void **state)
{
    (void)state;
    toy_result all[13], part[3];
    run_toy(0, 13, 2, all);
    run_toy(5, 3, 3, part);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(part[i].replication, 5 + i);
    if (memcmp(part, all + 5, sizeof part) != 0)
        fail_msg("replications 5..7 differ when numbered from 5 (seed %lu)",
                 (unsigned long)SEED);
    run_toy(0, 0, 4, part); /* no replications: nothing to do, still SIM_OK */
}

/* ---- sim_run on its own --------------------------------------------------------- */

static void test_run_stop_and_until(void **state)
{
    (void)state;
    toy_model m = toy;
    m.stop_after = 50;
    sim_run *run = sim_run_alloc(SEED, 3, 100.0);
    assert_true(sim_run_now(run) == 100.0);
    assert_int_equal(sim_run_replication(run), 3);
    assert_int_equal(sim_run_seed(run), SEED);
    toy_state *st = toy_setup(&m, run);
    assert_int_equal(sim_run_pending(run), 1);

    /* A window that ends before the stop: the clock moves to the window's end. */
    uint64_t fired = sim_run_loop(run, 200.0);
    assert_true(sim_run_now(run) == 200.0);
    assert_int_equal(sim_run_events(run), fired);
    assert_false(sim_run_is_stopped(run));

    /* Then run on until the 50th arrival stops the run, mid-calendar. */
    fired += sim_run_loop(run, INFINITY);
    assert_true(sim_run_is_stopped(run));
    assert_int_equal(st->res.arrivals, 50);
    assert_int_equal(sim_run_events(run), fired);
    assert_true(sim_run_pending(run) > 0);
    double t_stop = sim_run_now(run);
    assert_true(t_stop > 200.0);

    /* A stopped run fires nothing more and its clock stays where it stopped. */
    assert_int_equal(sim_run_loop(run, INFINITY), 0);
    assert_int_equal(sim_run_loop(run, 1e9), 0);
    assert_true(sim_run_now(run) == t_stop);
    toy_teardown(&m, st);
    sim_run_free(run);
    sim_run_free(NULL);
}

static void count_event(sim_run *run, void *subject, void *arg)
{
    (void)run, (void)arg;
    ++*(int *)subject;
}

/* Reschedules itself `arg` seconds later (0: at the same instant, forever). */
static void again(sim_run *run, void *subject, void *arg)
{
    ++*(long *)subject;
    double step = *(const double *)arg;
    sim_run_schedule(run, sim_run_now(run) + step, 0, again, subject, arg);
}

static void stop_at_300k(sim_run *run, void *arg)
{
    if (*(long *)arg == 300000) sim_run_stop(run);
}

/* A zero-time loop is stopped by the event budget, soon after it is spent; a model whose
 * clock moves (1 ms a step: 1,000 events a simulated second) runs past the same budget's
 * worth of events, and a budget of 0 is no limit. */
static void test_event_budget(void **state)
{
    (void)state;
    static const double zero = 0, ms = 0.001;
    long n = 0;
    sim_run *run = sim_run_alloc(SEED, 0, 0.0);
    sim_run_set_event_budget(run, 100000);
    sim_run_schedule(run, 1.0, 0, again, &n, (void *)&zero);
    sim_run_loop(run, INFINITY);
    assert_true(sim_run_is_runaway(run) && sim_run_is_stopped(run));
    assert_true(n > 100000 && n <= 100000 + 2048);
    assert_true(sim_run_now(run) == 1.0);
    sim_run_free(run);

    n = 0;
    run = sim_run_alloc(SEED, 0, 0.0);
    sim_run_set_event_budget(run, 100000);
    sim_run_schedule(run, 0.0, 0, again, &n, (void *)&ms);
    sim_run_loop(run, 500.0);
    assert_false(sim_run_is_runaway(run));
    assert_true(n >= 500000);
    sim_run_free(run);

    n = 0;
    run = sim_run_alloc(SEED, 0, 0.0);
    sim_run_set_event_budget(run, 0);
    sim_run_set_after_event(run, stop_at_300k, &n);
    sim_run_schedule(run, 0.0, 0, again, &n, (void *)&zero);
    sim_run_loop(run, INFINITY);
    assert_false(sim_run_is_runaway(run));
    assert_int_equal(n, 300000);
    sim_run_free(run);
}

static void test_run_loop_clock(void **state)
{
    (void)state;
    sim_run *run = sim_run_alloc(SEED, 0, 0.0);
    int n = 0;
    sim_run_schedule(run, 5.0, 0, count_event, &n, NULL);
    sim_run_schedule(run, 10.0, 0, count_event, &n, NULL);
    sim_event_id late = sim_run_schedule(run, 30.0, 0, count_event, &n, NULL);
    /* An event exactly at until_s fires. */
    assert_int_equal(sim_run_loop(run, 10.0), 2);
    assert_true(sim_run_now(run) == 10.0);
    assert_true(sim_run_cancel(run, late));
    assert_false(sim_run_cancel(run, late));
    /* Scheduling at the current time is allowed. */
    sim_run_schedule(run, 10.0, 0, count_event, &n, NULL);
    assert_int_equal(sim_run_loop(run, INFINITY), 1);
    /* With INFINITY the clock ends at the last event, not at infinity. */
    assert_true(sim_run_now(run) == 10.0);
    assert_int_equal(n, 3);
    assert_int_equal(sim_run_pending(run), 0);
    assert_int_equal(sim_run_loop(run, 25.0), 0);
    assert_true(sim_run_now(run) == 25.0);
    sim_run_free(run);
}

static void test_run_streams(void **state)
{
    (void)state;
    sim_run *run = sim_run_alloc(SEED, 7, 0.0);
    /* More than the table's first capacity, to make it grow. */
    char name[32];
    gsl_rng *first[40];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "stream/%d", i);
        first[i] = sim_run_stream(run, name);
    }
    for (int i = 39; i >= 0; i--) {
        snprintf(name, sizeof name, "stream/%d", i);
        assert_ptr_equal(sim_run_stream(run, name), first[i]);
    }
    /* A run's stream is the named stream of rng.h for (seed, replication, name). */
    gsl_rng *ref = sim_rng_alloc(SEED, 7, "stream/3");
    for (int i = 0; i < 100; i++)
        assert_int_equal(gsl_rng_get(first[3]), gsl_rng_get(ref));
    gsl_rng_free(ref);
    sim_run_free(run);
}

/* ---- plumbing: pool, mem, status, check ------------------------------------------ */

static void test_pool(void **state)
{
    (void)state;
    sim_pool *p = sim_pool_alloc(3, 4); /* rounded up to hold a pointer */
    assert_int_equal(sim_pool_count(p), 0);
    assert_int_equal(sim_pool_capacity(p), 0);
    unsigned char *obj[10];
    for (int i = 0; i < 10; i++) {
        obj[i] = sim_pool_get(p);
        assert_true((uintptr_t)obj[i] % sizeof(void *) == 0);
        for (int b = 0; b < 3; b++)
            assert_int_equal(obj[i][b], 0);
        memset(obj[i], 0xab, 3);
        for (int j = 0; j < i; j++)
            assert_true(obj[i] != obj[j]);
    }
    assert_int_equal(sim_pool_count(p), 10);
    assert_int_equal(sim_pool_capacity(p), 12);
    sim_pool_put(p, obj[4]);
    sim_pool_put(p, obj[7]);
    assert_int_equal(sim_pool_count(p), 8);
    /* Reuse is last-in first-out, and a reused object comes back zeroed. */
    unsigned char *a = sim_pool_get(p);
    unsigned char *b = sim_pool_get(p);
    assert_ptr_equal(a, obj[7]);
    assert_ptr_equal(b, obj[4]);
    assert_int_equal(a[0] | a[1] | a[2] | b[0] | b[1] | b[2], 0);
    assert_int_equal(sim_pool_capacity(p), 12);
    sim_pool_free(p); /* frees objects never put back, too */
    sim_pool_free(NULL);

    sim_pool *d = sim_pool_alloc(sizeof(double) * 3, 0);
    double *x = sim_pool_get(d);
    assert_true(x[0] == 0 && x[2] == 0);
    assert_true(sim_pool_capacity(d) > 1);
    sim_pool_free(d);
}

static void test_mem_and_status(void **state)
{
    (void)state;
    void *a = sim_xmalloc(0), *b = sim_xmalloc(0);
    assert_non_null(a);
    assert_true(a != b);
    free(a);
    free(b);
    int *v = sim_xreallocarray(NULL, 1000, sizeof *v);
    v[999] = 1;
    v = sim_xrealloc(v, 0);
    assert_non_null(v);
    free(v);
    char *s = sim_xstrdup("arrivals/voice");
    assert_string_equal(s, "arrivals/voice");
    free(s);
    unsigned char *z = sim_xcalloc(16, 4);
    for (int i = 0; i < 64; i++)
        assert_int_equal(z[i], 0);
    free(z);
    free(sim_xcalloc(0, 8));

    assert_string_equal(sim_strerror(SIM_OK), "success");
    assert_string_equal(sim_strerror(SIM_EINVAL), "invalid input");
    assert_string_equal(sim_strerror(SIM_ENOENT), "no such file");
    assert_string_equal(sim_strerror(SIM_EIO), "input/output error");
    assert_string_equal(sim_strerror(SIM_ERANGE), "value out of range");
    assert_string_equal(sim_strerror(SIM_ELIMIT), "input exceeds a built-in limit");
    assert_string_equal(sim_strerror(SIM_EINTR), "interrupted");
    assert_string_equal(sim_strerror(-99), "unknown status");
    assert_string_equal(sim_strerror(1), "unknown status");
}

/* Runs fn in a child process and checks that it aborts with a message on stderr that
 * contains want. The parent's state is untouched, whatever the child does. */
static void expect_abort(void (*fn)(void), const char *want)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        fn();
        _exit(0); /* not reached when fn aborts */
    }
    close(fds[1]);
    char buf[1024];
    size_t len = 0;
    ssize_t got;
    while (len < sizeof buf - 1 && (got = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
        fail_msg("child did not abort; its stderr: %s", buf);
    if (!strstr(buf, want))
        fail_msg("stderr \"%s\" lacks \"%s\"", buf, want);
}

static void fail_a_require(void)
{
    int two = 2;
    SIM_REQUIRE(two == 3);
}

static void fail_in_gsl(void)
{
    sim_check_install_gsl_handler();
    (void)gsl_sf_gamma(-1.0); /* a pole: GSL reports a domain error */
}

static void test_check_failures_abort(void **state)
{
    (void)state;
    expect_abort(fail_a_require, "ccsim: internal error: tests/test_runner.c:");
    expect_abort(fail_a_require, ": fail_a_require: two == 3");
    expect_abort(fail_in_gsl, "ccsim: internal error: ");
    expect_abort(fail_in_gsl, "domain error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_give_identical_results),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_first_replication_numbering),
        cmocka_unit_test(test_run_stop_and_until),
        cmocka_unit_test(test_run_loop_clock),
        cmocka_unit_test(test_event_budget),
        cmocka_unit_test(test_run_streams),
        cmocka_unit_test(test_pool),
        cmocka_unit_test(test_mem_and_status),
        cmocka_unit_test(test_check_failures_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
