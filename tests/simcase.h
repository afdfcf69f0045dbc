/* tests/simcase.h: running a scenario inside a test and reading its summaries.
 * Header-only (static inline functions, so that a program need not call them all) so that
 * each test program stays one file plus this.
 * Include after <cmocka.h>. */
#ifndef TESTS_SIMCASE_H
#define TESTS_SIMCASE_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/io/load.h"
#include "models/center/model.h"
#include "models/center/scenario.h"
#include "sim/sim.h"

typedef struct sim_case {
    cc_scenario sc;
    cc_model *m;
    cc_rep_result *res;
    size_t n;
} sim_case;

/* Loads file with the overrides and runs it; checking turns on the model's invariant
 * checks after every event. */
static inline void run_case_checked(sim_case *c, const char *file, const char *const *sets,
                                    size_t n_sets, unsigned threads, bool checking)
{
    cc_diag diag;
    cc_diag_init(&diag);
    int st = cc_scenario_load(file, sets, n_sets, &c->sc, &diag);
    if (st != SIM_OK) cc_diag_fprint(stderr, &diag);
    assert_int_equal(st, SIM_OK);
    cc_diag_fini(&diag);
    c->m = cc_model_alloc(&c->sc);
    cc_model_set_checking(c->m, checking);
    c->n = (size_t)c->sc.replications;
    c->res = sim_xcalloc(c->n, sizeof *c->res);
    sim_runner_config cfg = {0};
    cfg.seed = c->sc.seed;
    cfg.replications = c->n;
    cfg.threads = threads;
    cfg.start_s = c->sc.start_s;
    assert_int_equal(sim_runner_run(&cfg, cc_model_ops(), c->m, c->res, sizeof *c->res), SIM_OK);
}

static inline void run_case(sim_case *c, const char *file, const char *const *sets,
                            size_t n_sets, unsigned threads)
{
    run_case_checked(c, file, sets, n_sets, threads, false);
}

static inline void free_case(sim_case *c)
{
    for (size_t r = 0; r < c->n; r++) cc_rep_result_fini(&c->res[r]);
    free(c->res);
    cc_model_free(c->m);
    cc_scenario_fini(&c->sc);
}

/* Replication r's value of a measure: (id, threshold) as in models/center/measure.h. */
static inline double value_of(const sim_case *c, size_t r, cc_scope scope, size_t index,
                              cc_measure_id id, double threshold_s)
{
    long k = cc_model_find(c->m, scope, index, id, threshold_s);
    char name[CC_MEASURE_NAME_MAX];
    if (k < 0) fail_msg("no measure %s", cc_measure_format(id, threshold_s, name, sizeof name));
    return c->res[r].values[k];
}

/* The summary ccsim reports (a ratio of sums for a ratio measure), over the whole
 * counted window (interval < 0) or of one interval. */
static inline sim_summary summary_in(const sim_case *c, cc_scope scope, size_t index,
                                     cc_measure_id id, double threshold_s, long interval)
{
    long k = cc_model_find(c->m, scope, index, id, threshold_s);
    char name[CC_MEASURE_NAME_MAX];
    if (k < 0) fail_msg("no measure %s", cc_measure_format(id, threshold_s, name, sizeof name));
    return cc_model_summary(c->m, c->res, c->n, (size_t)k, interval);
}

static inline sim_summary summary_of(const sim_case *c, cc_scope scope, size_t index,
                                     cc_measure_id id, double threshold_s)
{
    return summary_in(c, scope, index, id, threshold_s, -1);
}

/* The exact value must lie in the CI; a max_half_width > 0 also bounds the CI's width. */
static inline void expect_inside(const sim_case *c, cc_scope scope, size_t index,
                                 cc_measure_id id, double threshold_s, double exact,
                                 double max_half_width)
{
    char name[CC_MEASURE_NAME_MAX];
    cc_measure_format(id, threshold_s, name, sizeof name);
    sim_summary s = summary_of(c, scope, index, id, threshold_s);
    double half = (s.ci95_high - s.ci95_low) / 2;
    printf("  %-20s exact %-10.6g simulated %.6g [%.6g, %.6g] (seed %llu)\n", name, exact, s.mean,
           s.ci95_low, s.ci95_high, (unsigned long long)c->sc.seed);
    if (!(exact >= s.ci95_low && exact <= s.ci95_high))
        fail_msg("%s: exact %.6g outside the 95%% CI [%.6g, %.6g], seed %llu", name, exact,
                 s.ci95_low, s.ci95_high, (unsigned long long)c->sc.seed);
    if (max_half_width > 0 && !(half < max_half_width))
        fail_msg("%s: CI half-width %.4g not below %.4g, seed %llu", name, half, max_half_width,
                 (unsigned long long)c->sc.seed);
}

#endif /* TESTS_SIMCASE_H */
