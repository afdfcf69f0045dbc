/* tests/test_omni.c: the omnichannel model against exact answers, invariants and
 * conservation laws.
 * - Chats with concurrency k and no slowdown are N*k independent servers: M/M/(N k)+M.
 * - A bot with containment p in front of a Poisson channel leaves a Poisson stream of
 *   rate lambda (1 - p) for the humans (the bot is an infinite-server delay): Erlang A.
 * - With a per-concurrency handle time (3, 3.5, 4 min for the 1st, 2nd, 3rd chat held),
 *   least-loaded assignment abandons less than most-loaded (shared/VALIDATION.md gives
 *   about 0.1555 against 0.1589): the paired difference on common random numbers must
 *   have that sign with a CI that excludes 0.
 * - Every rule of concurrency and exclusivity is checked after every event of a mixed
 *   voice/chat/SMS/email day with shifts, bots, retrials, switches and repeats.
 * - Conservation: offered = contained + answered + abandoned per channel and
 *   replication; bot offered = contained + escalated; switches out = switched in.
 * - Costs: staff cost = paid hours x rate exactly, and the cost-per-contact identities. */
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

/* Five agents holding up to three chats each, no slowdown: M/M/15+M. The service
 * level is ccsim's: answered within 20 s / (answered + abandoned). */
static void test_concurrency_is_mmnk(void **state)
{
    (void)state;
    const char *sets[] = {
        "channels={chat: {arrivals: {rate: 4/m}, handle_time: {dist: exponential, mean: 3.25m},"
        " patience: {dist: exponential, mean: 1m}, sla: [{within: 20s, target: 0.8}]}}",
        "agents={team: {staff: 5, skills: [chat], concurrency: {chat: 3}}}",
        "replications=30", "seed=31", "horizon=25h", "warmup=1h"};
    cc_erlang_result ex;
    assert_int_equal(cc_erlang_a(4.0 / 60, 3.25 * 60, 60, 15, 20, &ex), SIM_OK);
    printf("5 agents x 3 chats as M/M/15+M\n");
    sim_case c;
    run_case(&c, "tests/data/mmn.yaml", sets, 6, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, ex.service_level, 0.01);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0, ex.p_abandon, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, ex.asa_s, 0);
    /* Busy slots over all slots is the occupancy of the 15 servers. */
    expect_inside(&c, CC_SCOPE_GROUP, 0, CC_M_SLOT_OCCUPANCY, 0, ex.occupancy, 0);
    free_case(&c);
}

/* A chatbot containing 35% in front of 6/min chats: the humans see Poisson 3.9/min. */
static void test_bot_leaves_erlang_a(void **state)
{
    (void)state;
    const char *sets[] = {
        "channels={chat: {arrivals: {rate: 6/m}, handle_time: {dist: exponential, mean: 3m},"
        " patience: {dist: exponential, mean: 2m}, sla: [{within: 20s, target: 0.8}]}}",
        "bots={cb: {channels: [chat], containment: 0.35, handle_time: {dist: lognormal,"
        " mean: 2m, cv: 1.5}, cost_per_contact: 0.5}}",
        "agents={team: {staff: 13, skills: [chat]}}",
        "replications=30", "seed=32", "horizon=25h", "warmup=1h"};
    cc_erlang_result ex;
    assert_int_equal(cc_erlang_a(6.0 * 0.65 / 60, 180, 120, 13, 20, &ex), SIM_OK);
    printf("bot with containment 0.35 in front of M/M/13+M\n");
    sim_case c;
    run_case(&c, "tests/data/mmn.yaml", sets, 6, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20, ex.service_level, 0.01);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0, ex.p_abandon, 0);
    expect_inside(&c, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, ex.asa_s, 0);
    expect_inside(&c, CC_SCOPE_GROUP, 0, CC_M_OCCUPANCY, 0, ex.occupancy, 0);
    /* The share contained is the containment. */
    sim_summary off = summary_of(&c, CC_SCOPE_BOT, 0, CC_M_OFFERED, 0);
    sim_summary con = summary_of(&c, CC_SCOPE_BOT, 0, CC_M_CONTAINED, 0);
    assert_true(fabs(con.mean / off.mean - 0.35) < 0.005);
    free_case(&c);
}

/* shared/VALIDATION.md's chat case: lambda 4/min, 5 agents with 3 chats each, 3, 3.5
 * and 4 min for the 1st, 2nd and 3rd chat held (slowdown 1/6), patience 1 min. */
static void test_least_loaded_beats_most_loaded(void **state)
{
    (void)state;
    const char *common[] = {
        "channels={chat: {arrivals: {rate: 4/m}, handle_time: {dist: exponential, mean: 3m},"
        " patience: {dist: exponential, mean: 1m}, sla: [{within: 20s, target: 0.8}]}}",
        "agents={team: {staff: 5, skills: [chat], concurrency: {chat: 3},"
        " slowdown: 0.16666666666666667}}",
        "replications=40", "seed=33", "horizon=25h", "warmup=1h", NULL};
    sim_case least, most;
    common[6] = "routing.agent_selection=least-loaded";
    run_case(&least, "tests/data/mmn.yaml", common, 7, 0);
    common[6] = "routing.agent_selection=most-loaded";
    run_case(&most, "tests/data/mmn.yaml", common, 7, 0);
    double *d = sim_xcalloc(least.n, sizeof *d);
    for (size_t r = 0; r < least.n; r++)
        d[r] = value_of(&most, r, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0) -
               value_of(&least, r, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0);
    sim_summary diff = sim_summary_of(d, least.n, 1);
    sim_summary a = summary_of(&least, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0);
    sim_summary b = summary_of(&most, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0);
    printf("  abandonment least-loaded %.4f, most-loaded %.4f, paired difference %.4f "
           "[%.4f, %.4f]\n", a.mean, b.mean, diff.mean, diff.ci95_low, diff.ci95_high);
    assert_true(diff.ci95_low > 0);
    free(d);
    free_case(&least);
    free_case(&most);
}

/* The mixed day with every invariant checked after every event (SIM_REQUIRE aborts the
 * program on a violation), then the conservation laws per replication. */
static void test_mixed_day_invariants_and_conservation(void **state)
{
    (void)state;
    static const char *const rules[] = {"longest-idle", "least-loaded", "most-loaded"};
    static const char *const policies[] = {"fcfs", "priority", "sla-urgency"};
    for (size_t k = 0; k < 3; k++) {
        char rule[64], policy[64];
        snprintf(rule, sizeof rule, "routing.agent_selection=%s", rules[k]);
        snprintf(policy, sizeof policy, "routing.policy=%s", policies[k]);
        const char *sets[] = {rule, policy};
        sim_case c;
        run_case_checked(&c, "tests/data/mixed.yaml", sets, 2, 0, true);
        const cc_scenario *sc = &c.sc;
        int voice = cc_scenario_channel(sc, "voice"), chat = cc_scenario_channel(sc, "chat");
        for (size_t r = 0; r < c.n; r++) {
            assert_true(c.res[r].unfinished == 0);
            for (size_t ch = 0; ch < sc->n_channels; ch++) {
                double off = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_OFFERED, 0);
                double con = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_CONTAINED, 0);
                double ans = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_ANSWERED, 0);
                double ab = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_ABANDONED, 0);
                assert_true(off > 0);
                assert_true(off == con + ans + ab);
            }
            double bo = value_of(&c, r, CC_SCOPE_BOT, 0, CC_M_OFFERED, 0);
            double bc = value_of(&c, r, CC_SCOPE_BOT, 0, CC_M_CONTAINED, 0);
            double be = value_of(&c, r, CC_SCOPE_BOT, 0, CC_M_ESCALATED, 0);
            assert_true(bo == bc + be);
            assert_true(bo == value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)chat, CC_M_OFFERED, 0) +
                                  value_of(&c, r, CC_SCOPE_CHANNEL, 2, CC_M_OFFERED, 0));
            assert_true(value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)voice, CC_M_SWITCHES, 0) ==
                        value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)chat, CC_M_SWITCHED_IN, 0));
            assert_true(value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)voice, CC_M_RETRIALS, 0) > 0);
            assert_true(value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)voice, CC_M_REPEATS, 0) > 0);
            assert_true(value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)voice, CC_M_SWITCHES, 0) > 0);
            double fcr =
                value_of(&c, r, CC_SCOPE_CHANNEL, (size_t)voice, CC_M_FIRST_CONTACT_RESOLUTION, 0);
            assert_true(fcr > 0.7 && fcr < 0.9);
        }
        free_case(&c);
    }
}

/* Staff cost is paid hours x rate exactly, following shifts and per-interval lists;
 * per-contact charges are answered x price; the cost identities hold. */
static void test_costs(void **state)
{
    (void)state;
    sim_case c;
    run_case(&c, "tests/data/mixed.yaml", NULL, 0, 0);
    for (size_t r = 0; r < c.n; r++) {
        /* voice_team: 8 agents 08-12 and 6 agents 10-14 = 56 h at 30. */
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 0, CC_M_STAFFED_HOURS, 0) == 56);
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 0, CC_M_COST, 0) == 56 * 30.0);
        /* digital: the list sums to 60 agent half-hours = 30 h at 28. */
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 1, CC_M_STAFFED_HOURS, 0) == 30);
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 1, CC_M_COST, 0) == 30 * 28.0);
        /* outsourcer: 5.50 per answered contact. */
        double ans = value_of(&c, r, CC_SCOPE_GROUP, 3, CC_M_ANSWERED, 0);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_GROUP, 3, CC_M_COST, 0) - 5.5 * ans) < 1e-9);
        double staff = 0, answered = 0, contained = 0, channel_cost = 0;
        for (size_t g = 0; g < c.sc.n_groups; g++)
            staff += value_of(&c, r, CC_SCOPE_GROUP, g, CC_M_COST, 0);
        for (size_t ch = 0; ch < c.sc.n_channels; ch++) {
            double a = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_ANSWERED, 0);
            double k = value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_CONTAINED, 0);
            channel_cost += value_of(&c, r, CC_SCOPE_CHANNEL, ch, CC_M_COST_PER_CONTACT, 0) * (a + k);
            answered += a;
            contained += k;
        }
        double bot = value_of(&c, r, CC_SCOPE_BOT, 0, CC_M_OFFERED, 0) * 0.98;
        double total = value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_STAFF_COST, 0) - staff) < 1e-6);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_BOT_COST, 0) - bot) < 1e-6);
        assert_true(fabs(total - staff - bot) < 1e-6);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_HUMAN, 0) -
                         staff / answered) < 1e-9);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_SELF_SERVICE, 0) -
                         bot / contained) < 1e-9);
        assert_true(fabs(value_of(&c, r, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_BLENDED, 0) -
                         total / (answered + contained)) < 1e-9);
        /* Channel costs allocate the whole cost. */
        assert_true(fabs(channel_cost - total) < 1e-6 * total);
    }
    free_case(&c);
}

/* A drop in head count pre-empts nobody (the invariant checks see every leaving agent
 * keep its contacts to the end): the time past the drop is overtime, paid hours stay
 * as scheduled, and groups whose head count never drops have none. */
static void test_shift_end_overtime(void **state)
{
    (void)state;
    sim_case c;
    run_case_checked(&c, "tests/data/mixed.yaml", NULL, 0, 0, true);
    for (size_t r = 0; r < c.n; r++) {
        double ot = value_of(&c, r, CC_SCOPE_GROUP, 0, CC_M_OVERTIME_HOURS, 0);
        assert_true(ot > 0);
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 0, CC_M_STAFFED_HOURS, 0) == 56);
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 2, CC_M_OVERTIME_HOURS, 0) == 0);
        assert_true(value_of(&c, r, CC_SCOPE_GROUP, 3, CC_M_OVERTIME_HOURS, 0) == 0);
    }
    free_case(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrency_is_mmnk),
        cmocka_unit_test(test_bot_leaves_erlang_a),
        cmocka_unit_test(test_least_loaded_beats_most_loaded),
        cmocka_unit_test(test_mixed_day_invariants_and_conservation),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_shift_end_overtime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
