/* tests/test_model.c: the simulator against exact answers and conservation laws.
 * Known-answer tests: M/M/N against Erlang C and M/M/N+M against Erlang A, in steady
 * state (a long day with a warm-up hour), each exact value inside the simulated 95% CI
 * and the CI of the service level narrower than +-0.01. The service level checked is
 * ccsim's: answered within 20 s / (answered + abandoned); in M/M/N+M every contact is
 * answered or abandons, so it equals "answered within AWT / all arrivals". Exact
 * values come from models/center/erlang.c, itself checked against shared/VALIDATION.md.
 * Seeds are fixed, so every run is the same; a failure prints the seed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/simcase.h"

#include "models/center/erlang.h"
#include "models/center/model.h"
#include "models/center/scenario.h"
#include "sim/sim.h"

/* One steady-state M/M/N(+M) case: rate per hour, handle and patience in minutes. */
static void check_erlang(double rate_per_h, double aht_min, double patience_min, long staff,
                         const char *horizon, long reps, unsigned long long seed)
{
    char rate[64], aht[64], pat[96], n[64], hz[64], r[64], s[64];
    snprintf(rate, sizeof rate, "channels.voice.arrivals.rate=%g/h", rate_per_h);
    snprintf(aht, sizeof aht, "channels.voice.handle_time.mean=%gm", aht_min);
    snprintf(pat, sizeof pat, "channels.voice.patience={dist: exponential, mean: %gm}", patience_min);
    snprintf(n, sizeof n, "agents.team.staff=%ld", staff);
    snprintf(hz, sizeof hz, "horizon=%s", horizon);
    snprintf(r, sizeof r, "replications=%ld", reps);
    snprintf(s, sizeof s, "seed=%llu", seed);
    const char *sets[] = {rate, aht, n, hz, r, s, pat};
    size_t n_sets = isinf(patience_min) ? 6 : 7;
    cc_erlang_result ex;
    assert_int_equal(cc_erlang_a(rate_per_h / 3600, aht_min * 60,
                                 isinf(patience_min) ? INFINITY : patience_min * 60,
                                 (unsigned)staff, 20, &ex), SIM_OK);
    printf("M/M/%ld%s: lambda %g/h, AHT %g min, patience %g min\n", staff,
           isinf(patience_min) ? "" : "+M", rate_per_h, aht_min, patience_min);
    sim_case c;
    run_case(&c, "tests/data/mmn.yaml", sets, n_sets, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, ex.service_level, 0.01);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, ex.asa_s, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0, ex.p_abandon, 0);
    expect_inside(&c, CC_SCOPE_GROUP, 0, CC_M_OCCUPANCY, 0, ex.occupancy, 0);
    for (size_t k = 0; k < c.n; k++) assert_true(c.res[k].unfinished == 0);
    free_case(&c);
}

/* Erlang C, shared/VALIDATION.md: SL 0.888350, ASA 7.836 s, occupancy 0.714286. */
static void test_erlang_c_14(void **state)
{
    (void)state;
    check_erlang(200, 3, INFINITY, 14, "25h", 40, 11);
}

/* Erlang C in heavy traffic (rho = 0.857): SL 0.614195, ASA 0.72256 min. */
static void test_erlang_c_heavy(void **state)
{
    (void)state;
    check_erlang(240, 3, INFINITY, 14, "97h", 50, 12);
}

/* Erlang C with 320 agents and 300 Erlangs of load. */
static void test_erlang_c_320(void **state)
{
    (void)state;
    check_erlang(6000, 3, INFINITY, 320, "13h", 40, 13);
}

/* Erlang A, shared/VALIDATION.md: SL 0.858182, P(abandon) 0.024963, occupancy 0.750028. */
static void test_erlang_a_13(void **state)
{
    (void)state;
    check_erlang(200, 3, 5, 13, "25h", 20, 14);
}

/* Erlang A, shared/VALIDATION.md: P(abandon) 0.074325, occupancy 0.793436. */
static void test_erlang_a_14(void **state)
{
    (void)state;
    check_erlang(240, 3, 1, 14, "25h", 20, 15);
}

/* Erlang A at the size of the reference model: 420 agents, 400 Erlangs. */
static void test_erlang_a_420(void **state)
{
    (void)state;
    check_erlang(6000, 4, 2, 420, "5h", 20, 16);
}

/* The scenario files of scenarios/ reproduce their exact answers too. */
static void test_scenario_files(void **state)
{
    (void)state;
    sim_case c;
    run_case(&c, "scenarios/erlang-c.yaml", NULL, 0, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, 0.888350, 0.01);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, 7.836, 0);
    expect_inside(&c, CC_SCOPE_GROUP, 0, CC_M_OCCUPANCY, 0, 0.714286, 0);
    free_case(&c);
    run_case(&c, "scenarios/erlang-a.yaml", NULL, 0, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, 0.858182, 0.01);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0, 0.024963, 0);
    expect_inside(&c, CC_SCOPE_GROUP, 0, CC_M_OCCUPANCY, 0, 0.750028, 0);
    free_case(&c);
}

/* ContactCenters' simulated 8-hour day starting empty (shared/VALIDATION.md), 1000
 * replications: lambda 4.2/min, AHT 2 min, 12 agents. Published 95% CIs: answered
 * within 20 s / answered 0.902 (0.900, 0.904), ASA 0.099 min (0.097, 0.102), occupancy
 * 0.695 (0.694, 0.697). Ours must overlap theirs. With no abandonment our service level
 * is answered within / answered. */
static void expect_overlap(const sim_case *c, cc_scope scope, cc_measure_id id, double threshold_s,
                           double scale, double lo, double hi)
{
    char name[CC_MEASURE_NAME_MAX];
    cc_measure_format(id, threshold_s, name, sizeof name);
    sim_summary s = summary_of(c, scope, 0, id, threshold_s);
    printf("  %-20s published (%g, %g) simulated %.5g [%.5g, %.5g]\n", name, lo, hi,
           s.mean * scale, s.ci95_low * scale, s.ci95_high * scale);
    if (!(s.ci95_low * scale <= hi && s.ci95_high * scale >= lo))
        fail_msg("%s: CI [%g, %g] does not overlap the published (%g, %g)", name,
                 s.ci95_low * scale, s.ci95_high * scale, lo, hi);
}

static void test_contactcenters_day(void **state)
{
    (void)state;
    const char *sets[] = {"channels.voice.arrivals.rate=4.2/m", "channels.voice.handle_time.mean=2m",
                          "agents.team.staff=12", "horizon=8h", "warmup=0", "replications=1000",
                          "seed=17"};
    sim_case c;
    printf("ContactCenters day: 4.2/min, AHT 2 min, 12 agents, 8 h, 1000 replications\n");
    run_case(&c, "tests/data/mmn.yaml", sets, 7, 0);
    expect_overlap(&c, CC_SCOPE_CHANNEL, CC_M_SERVICE_LEVEL, 20, 1, 0.900, 0.904);
    expect_overlap(&c, CC_SCOPE_CHANNEL, CC_M_ASA, 0, 1.0 / 60, 0.097, 0.102);
    expect_overlap(&c, CC_SCOPE_GROUP, CC_M_OCCUPANCY, 0, 1, 0.694, 0.697);
    free_case(&c);
}

/* The same day with patience mean 1 min: abandoned per day 58.609 (57.660, 59.558),
 * ASA 0.024 min (0.023, 0.024), occupancy 0.675 (0.674, 0.677). */
static void test_contactcenters_day_abandon(void **state)
{
    (void)state;
    const char *sets[] = {"channels.voice.arrivals.rate=4.2/m", "channels.voice.handle_time.mean=2m",
                          "agents.team.staff=12", "horizon=8h", "warmup=0", "replications=1000",
                          "seed=18", "channels.voice.patience={dist: exponential, mean: 1m}"};
    sim_case c;
    printf("ContactCenters day with patience 1 min\n");
    run_case(&c, "tests/data/mmn.yaml", sets, 8, 0);
    expect_overlap(&c, CC_SCOPE_CHANNEL, CC_M_ABANDONED, 0, 1, 57.660, 59.558);
    expect_overlap(&c, CC_SCOPE_CHANNEL, CC_M_ASA, 0, 1.0 / 60, 0.023, 0.0245);
    expect_overlap(&c, CC_SCOPE_GROUP, CC_M_OCCUPANCY, 0, 1, 0.674, 0.677);
    free_case(&c);
}

/* Conservation on the default multi-channel day with drain: every counted contact is
 * answered or abandoned, per channel and per replication; and the interval values add
 * up to the whole-day values. */
static void test_conservation(void **state)
{
    (void)state;
    sim_case c;
    run_case(&c, "scenarios/default.yaml", NULL, 0, 0);
    size_t nm = cc_model_measure_count(c.m);
    for (size_t r = 0; r < c.n; r++) {
        assert_true(c.res[r].unfinished == 0);
        for (size_t ch = 0; ch < c.sc.n_channels; ch++) {
            double off = c.res[r].values[cc_model_find(c.m, CC_SCOPE_CHANNEL, ch, CC_M_OFFERED, 0)];
            double ans = c.res[r].values[cc_model_find(c.m, CC_SCOPE_CHANNEL, ch, CC_M_ANSWERED, 0)];
            double ab = c.res[r].values[cc_model_find(c.m, CC_SCOPE_CHANNEL, ch, CC_M_ABANDONED, 0)];
            assert_true(off > 0);
            assert_true(off == ans + ab);
            long k = cc_model_find(c.m, CC_SCOPE_CHANNEL, ch, CC_M_OFFERED, 0);
            double sum = 0;
            for (size_t i = 0; i < c.sc.n_intervals; i++) sum += c.res[r].interval_values[i * nm + k];
            assert_true(sum == off);
        }
        /* A deferred channel never abandons. */
        int email = cc_scenario_channel(&c.sc, "email");
        assert_true(email >= 0);
        long ab = cc_model_find(c.m, CC_SCOPE_CHANNEL, (size_t)email, CC_M_ABANDONED, 0);
        assert_true(c.res[r].values[ab] == 0);
    }
    free_case(&c);
}

/* Results do not depend on the number of threads. */
static void test_threads_identical(void **state)
{
    (void)state;
    sim_case a, b;
    const char *sets[] = {"replications=7"};
    run_case(&a, "scenarios/default.yaml", sets, 1, 1);
    run_case(&b, "scenarios/default.yaml", sets, 1, 3);
    size_t nm = cc_model_measure_count(a.m);
    for (size_t r = 0; r < a.n; r++) {
        assert_memory_equal(a.res[r].values, b.res[r].values, nm * sizeof(double));
        assert_memory_equal(a.res[r].interval_values, b.res[r].interval_values,
                            a.sc.n_intervals * nm * sizeof(double));
    }
    free_case(&a);
    free_case(&b);
}

/* More agents never serve worse on common random numbers (in every replication here,
 * since the change is large), and staff cost grows by exactly the paid hours. */
static void test_more_agents_monotone(void **state)
{
    (void)state;
    sim_case a, b;
    const char *s1[] = {"agents.generalists.staff=24", "replications=5"};
    const char *s2[] = {"agents.generalists.staff=30", "replications=5"};
    run_case(&a, "scenarios/default.yaml", s1, 2, 0);
    run_case(&b, "scenarios/default.yaml", s2, 2, 0);
    long k = cc_model_find(a.m, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20);
    long cost = cc_model_find(a.m, CC_SCOPE_TOTAL, 0, CC_M_STAFF_COST, 0);
    for (size_t r = 0; r < a.n; r++) {
        assert_true(b.res[r].values[k] >= a.res[r].values[k]);
        /* 6 more agents x 12 hours x 32 per hour. */
        assert_true(fabs(b.res[r].values[cost] - a.res[r].values[cost] - 6 * 12 * 32.0) < 1e-6);
    }
    free_case(&a);
    free_case(&b);
}

/* Interval figures estimate the per-contact value: on a stationary M/M/N day every
 * interval's expected service level and ASA are the Erlang C ones, and the interval
 * figure is a ratio of sums over replications whose CI must cover them. Returns the
 * misses of each measure over `seeds` runs (seeds seed0, seed0 + 1, ...), and the number
 * of judged intervals in *checks. */
static void interval_misses(double rate_per_h, long staff, const char *interval, long reps,
                            unsigned long long seed0, int seeds, size_t *sl_miss, size_t *asa_miss,
                            size_t *checks)
{
    char rt[64], n[64], iv[64], r[64], s[64];
    snprintf(rt, sizeof rt, "channels.voice.arrivals.rate=%g/h", rate_per_h);
    snprintf(n, sizeof n, "agents.team.staff=%ld", staff);
    snprintf(iv, sizeof iv, "interval=%s", interval);
    snprintf(r, sizeof r, "replications=%ld", reps);
    cc_erlang_result ex;
    assert_int_equal(cc_erlang_a(rate_per_h / 3600, 180, INFINITY, (unsigned)staff, 20, &ex), SIM_OK);
    *sl_miss = *asa_miss = *checks = 0;
    for (int k = 0; k < seeds; k++) {
        snprintf(s, sizeof s, "seed=%llu", seed0 + (unsigned long long)k);
        const char *sets[] = {rt, n, "horizon=6h", iv, r, s};
        sim_case c;
        run_case(&c, "tests/data/mmn.yaml", sets, 6, 0);
        for (size_t i = 0; i < c.sc.n_intervals; i++) {
            if (cc_scenario_interval_start(&c.sc, i) < c.sc.count_from_s) continue;
            sim_summary sl = summary_in(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, (long)i);
            sim_summary asa = summary_in(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, (long)i);
            *sl_miss += !(ex.service_level >= sl.ci95_low && ex.service_level <= sl.ci95_high);
            *asa_miss += !(ex.asa_s >= asa.ci95_low && ex.asa_s <= asa.ci95_high);
            ++*checks;
        }
        free_case(&c);
    }
    printf("  M/M/%ld, %g/h, %s intervals, %ld replications x %d seeds: exact SL %.4f ASA %.3f s; "
           "CIs missing it: SL %zu, ASA %zu of %zu intervals\n", staff, rate_per_h, interval,
           reps, seeds, ex.service_level, ex.asa_s, *sl_miss, *asa_miss, *checks);
}

/* Runs interval_misses and fails when either measure misses more than max_misses of the
 * expected number of judged intervals. */
static void expect_coverage(double rate_per_h, long staff, const char *interval, long reps,
                            unsigned long long seed0, int seeds, size_t intervals, size_t max_misses)
{
    size_t sl, asa, n;
    interval_misses(rate_per_h, staff, interval, reps, seed0, seeds, &sl, &asa, &n);
    assert_int_equal(n, intervals);
    if (sl > max_misses || asa > max_misses)
        fail_msg("interval CIs miss the exact value: SL %zu, ASA %zu of %zu (at most %zu)", sl, asa,
                 n, max_misses);
}

/* Few contacts per interval (25), where a mean of per-replication ratios is far off:
 * at 1000 replications its CIs missed the exact SL in 75% of intervals and the ASA in
 * 48% (400 intervals, 20 seeds). The ratio of sums misses about 5% of each (80
 * intervals: more than 8 misses has probability 2% for a correct 95% CI). */
static void test_interval_estimator_1000(void **state)
{
    (void)state;
    expect_coverage(100, 7, "15m", 1000, 41, 4, 80, 8);
}

/* A large interval (420 contacts), 600 replications: at most 2 misses of 10 each. */
static void test_interval_estimator_600(void **state)
{
    (void)state;
    expect_coverage(840, 50, "30m", 600, 31, 1, 10, 2);
}

/* Few replications: right-skewed waits make every CI miss more than 5% of the time at
 * 20 replications. Over 1000 intervals (50 seeds) the skewness-corrected delta CI
 * missed 5% (SL) and 8.5% (ASA), where the old t CI of a mean of ratios missed 11% and
 * 22%; here 400 intervals, at most 10%. */
static void test_interval_estimator_20(void **state)
{
    (void)state;
    expect_coverage(100, 7, "15m", 20, 51, 20, 400, 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_c_14),
        cmocka_unit_test(test_erlang_c_heavy),
        cmocka_unit_test(test_erlang_c_320),
        cmocka_unit_test(test_erlang_a_13),
        cmocka_unit_test(test_erlang_a_14),
        cmocka_unit_test(test_erlang_a_420),
        cmocka_unit_test(test_scenario_files),
        cmocka_unit_test(test_contactcenters_day),
        cmocka_unit_test(test_contactcenters_day_abandon),
        cmocka_unit_test(test_conservation),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_more_agents_monotone),
        cmocka_unit_test(test_interval_estimator_1000),
        cmocka_unit_test(test_interval_estimator_600),
        cmocka_unit_test(test_interval_estimator_20),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
