/* tests/test_calendar.c: the calendar against a trivially correct oracle, plus the
 * ordering, cancel and reset rules of sim/calendar.h, one case each.
 * The oracle is an unsorted array searched linearly for the (time, prio, seq) minimum;
 * 100,000 random schedule/cancel/pop operations must agree event for event. On a
 * failure the seed and the operation number are printed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include <gsl/gsl_rng.h>

#include "sim/calendar.h"
#include "sim/mem.h"

/* Handlers are never called here: the tests compare the pointers that pop returns. */
static void handler_a(struct sim_run *run, void *subject, void *arg)
{
    (void)run, (void)subject, (void)arg;
}

static void handler_b(struct sim_run *run, void *subject, void *arg)
{
    (void)run, (void)subject, (void)arg;
}

static void *tag(uint64_t k)
{
    return (void *)(uintptr_t)(k + 1);
}

static uint64_t untag(void *p)
{
    return (uint64_t)(uintptr_t)p - 1;
}

#define CHECK_AT(cond, seed, op)                                                      \
    do {                                                                              \
        if (!(cond))                                                                  \
            fail_msg("%s:%d: %s (seed %lu, operation %lu)", __FILE__, __LINE__, #cond, \
                     (unsigned long)(seed), (unsigned long)(op));                     \
    } while (0)

typedef struct ref_event {
    double time_s;
    int prio;
    uint64_t seq;
    sim_event_id id;
    uint64_t tag;
    sim_handler *fn;
} ref_event;

typedef struct oracle {
    ref_event *ev;
    size_t n, cap;
} oracle;

static size_t oracle_min(const oracle *o)
{
    size_t best = 0;
    for (size_t i = 1; i < o->n; i++) {
        const ref_event *a = &o->ev[i], *b = &o->ev[best];
        if (a->time_s < b->time_s ||
            (a->time_s == b->time_s &&
             (a->prio < b->prio || (a->prio == b->prio && a->seq < b->seq))))
            best = i;
    }
    return best;
}

static void oracle_remove(oracle *o, size_t i)
{
    o->ev[i] = o->ev[--o->n];
}

static void test_oracle(void **state)
{
    (void)state;
    const unsigned long seed = 20240611;
    const uint64_t ops = 100000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, seed);

    /* A small initial capacity makes the arrays grow several times during the test. */
    sim_calendar *cal = sim_calendar_alloc(4);
    oracle o = {NULL, 0, 0};
    sim_event_id *dead = NULL; /* ids that fired or were cancelled */
    size_t n_dead = 0, cap_dead = 0;
    uint64_t seq = 0, next_tag = 0;
    double now = 0;
    uint64_t n_sched = 0, n_pop = 0, n_cancel = 0, n_stale = 0;

    for (uint64_t op = 0; op < ops; op++) {
        double u = gsl_rng_uniform(r);
        /* Scheduling is a little more likely than removal, so the calendar grows to a
         * few thousand events and then drains at the end. */
        if (u < 0.52 || o.n == 0) {
            double t;
            double v = gsl_rng_uniform(r);
            if (v < 0.6) /* integer offsets: many exact ties */
                t = now + (double)gsl_rng_uniform_int(r, 20);
            else if (v < 0.7) /* the current time itself */
                t = now;
            else
                t = now + 100 * gsl_rng_uniform(r);
            int prio = gsl_rng_uniform(r) < 0.8 ? 0 : (int)gsl_rng_uniform_int(r, 4);
            if (gsl_rng_uniform(r) < 0.01)
                prio = SIM_PRIO_MAX;
            sim_handler *fn = gsl_rng_uniform(r) < 0.5 ? handler_a : handler_b;
            uint64_t k = next_tag++;
            sim_event_id id = sim_calendar_schedule(cal, t, prio, fn, tag(k), tag(k + 7));
            CHECK_AT(id != 0, seed, op);
            CHECK_AT(sim_calendar_is_scheduled(cal, id), seed, op);
            if (o.n == o.cap) {
                o.cap = o.cap ? 2 * o.cap : 64;
                o.ev = sim_xreallocarray(o.ev, o.cap, sizeof *o.ev);
            }
            o.ev[o.n++] = (ref_event){t, prio, seq++, id, k, fn};
            n_sched++;
        } else {
            if (n_dead == cap_dead) {
                cap_dead = cap_dead ? 2 * cap_dead : 64;
                dead = sim_xreallocarray(dead, cap_dead, sizeof *dead);
            }
            double v = gsl_rng_uniform(r);
            if (v < 0.55) {
                size_t i = oracle_min(&o);
                sim_event ev;
                CHECK_AT(sim_calendar_pop(cal, &ev), seed, op);
                CHECK_AT(ev.time_s == o.ev[i].time_s, seed, op);
                CHECK_AT(untag(ev.subject) == o.ev[i].tag, seed, op);
                CHECK_AT(untag(ev.arg) == o.ev[i].tag + 7, seed, op);
                CHECK_AT(ev.fn == o.ev[i].fn, seed, op);
                CHECK_AT(!sim_calendar_is_scheduled(cal, o.ev[i].id), seed, op);
                now = ev.time_s;
                dead[n_dead++] = o.ev[i].id;
                oracle_remove(&o, i);
                n_pop++;
            } else if (v < 0.9) {
                size_t i = gsl_rng_uniform_int(r, o.n);
                CHECK_AT(sim_calendar_cancel(cal, o.ev[i].id), seed, op);
                CHECK_AT(!sim_calendar_is_scheduled(cal, o.ev[i].id), seed, op);
                dead[n_dead++] = o.ev[i].id;
                oracle_remove(&o, i);
                n_cancel++;
            } else if (n_dead > 0) {
                sim_event_id id = dead[gsl_rng_uniform_int(r, n_dead)];
                CHECK_AT(!sim_calendar_is_scheduled(cal, id), seed, op);
                CHECK_AT(!sim_calendar_cancel(cal, id), seed, op);
                n_stale++;
            }
        }
        CHECK_AT(sim_calendar_count(cal) == o.n, seed, op);
        CHECK_AT(sim_calendar_peek_time(cal) == (o.n ? o.ev[oracle_min(&o)].time_s : INFINITY),
                 seed, op);
    }
    /* Drain: everything left must come out in the oracle's order. */
    while (o.n > 0) {
        size_t i = oracle_min(&o);
        sim_event ev;
        CHECK_AT(sim_calendar_pop(cal, &ev), seed, ops);
        CHECK_AT(untag(ev.subject) == o.ev[i].tag, seed, ops);
        CHECK_AT(ev.time_s == o.ev[i].time_s, seed, ops);
        oracle_remove(&o, i);
    }
    sim_event ev;
    CHECK_AT(!sim_calendar_pop(cal, &ev), seed, ops);
    CHECK_AT(sim_calendar_count(cal) == 0, seed, ops);
    print_message("oracle: %lu schedules, %lu pops, %lu cancels, %lu stale cancels\n",
                  (unsigned long)n_sched, (unsigned long)n_pop, (unsigned long)n_cancel,
                  (unsigned long)n_stale);
    assert_true(n_pop > 20000 && n_cancel > 10000 && n_stale > 3000);

    free(o.ev);
    free(dead);
    sim_calendar_free(cal);
    gsl_rng_free(r);
}

static void test_fifo_ties(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(0);
    enum { N = 5000 };
    for (uint64_t k = 0; k < N; k++)
        sim_calendar_schedule(cal, 10.0, 3, handler_a, tag(k), NULL);
    for (uint64_t k = 0; k < N; k++) {
        sim_event ev;
        assert_true(sim_calendar_pop(cal, &ev));
        assert_int_equal(untag(ev.subject), k);
        assert_true(ev.time_s == 10.0);
    }
    sim_calendar_free(cal);
}

static void test_priority_at_equal_time(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(0);
    /* Inserted in the order prio 2, 0, 1, 0, 65535, 1 at one time, and one earlier
     * event with the worst priority: time wins over priority, then prio, then FIFO. */
    const int prio[] = {2, 0, 1, 0, SIM_PRIO_MAX, 1};
    for (uint64_t k = 0; k < 6; k++)
        sim_calendar_schedule(cal, 5.0, prio[k], handler_a, tag(k), NULL);
    sim_calendar_schedule(cal, 4.0, SIM_PRIO_MAX, handler_b, tag(99), NULL);
    const uint64_t expect[] = {99, 1, 3, 2, 5, 0, 4};
    for (size_t i = 0; i < 7; i++) {
        sim_event ev;
        assert_true(sim_calendar_pop(cal, &ev));
        assert_int_equal(untag(ev.subject), expect[i]);
    }
    sim_calendar_free(cal);
}

static void test_stale_ids(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(0);
    assert_false(sim_calendar_cancel(cal, 0));
    assert_false(sim_calendar_is_scheduled(cal, 0));
    assert_false(sim_calendar_cancel(cal, (sim_event_id)12345 << 32 | 7));

    sim_event_id a = sim_calendar_schedule(cal, 1.0, 0, handler_a, tag(1), NULL);
    assert_true(sim_calendar_is_scheduled(cal, a));
    assert_true(sim_calendar_cancel(cal, a));
    assert_false(sim_calendar_cancel(cal, a));
    assert_false(sim_calendar_is_scheduled(cal, a));

    /* The freed slot is reused: the new id differs, the old one stays stale. */
    sim_event_id b = sim_calendar_schedule(cal, 2.0, 0, handler_a, tag(2), NULL);
    assert_true(b != a);
    assert_int_equal(b & UINT32_MAX, a & UINT32_MAX);
    assert_false(sim_calendar_cancel(cal, a));
    assert_true(sim_calendar_is_scheduled(cal, b));

    sim_event ev;
    assert_true(sim_calendar_pop(cal, &ev));
    assert_int_equal(untag(ev.subject), 2);
    assert_false(sim_calendar_is_scheduled(cal, b));
    assert_false(sim_calendar_cancel(cal, b));
    assert_int_equal(sim_calendar_count(cal), 0);
    sim_calendar_free(cal);
}

static void test_cancel_middle_keeps_order(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(0);
    sim_event_id id[100];
    for (uint64_t k = 0; k < 100; k++)
        id[k] = sim_calendar_schedule(cal, (double)((k * 37) % 100), 0, handler_a, tag(k),
                                      NULL);
    for (uint64_t k = 0; k < 100; k += 3)
        assert_true(sim_calendar_cancel(cal, id[k]));
    double last = -1;
    size_t n = 0;
    sim_event ev;
    while (sim_calendar_pop(cal, &ev)) {
        assert_true(ev.time_s > last);
        assert_true(untag(ev.subject) % 3 != 0);
        last = ev.time_s;
        n++;
    }
    assert_int_equal(n, 66);
    sim_calendar_free(cal);
}

static void test_reset(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(0);
    sim_event_id ids[300];
    for (uint64_t k = 0; k < 300; k++)
        ids[k] = sim_calendar_schedule(cal, (double)k, 0, handler_a, tag(k), NULL);
    sim_event ev;
    assert_true(sim_calendar_pop(cal, &ev));
    sim_calendar_reset(cal);
    assert_int_equal(sim_calendar_count(cal), 0);
    assert_true(isinf(sim_calendar_peek_time(cal)) && sim_calendar_peek_time(cal) > 0);
    assert_false(sim_calendar_pop(cal, &ev));
    for (size_t k = 0; k < 300; k++) {
        assert_false(sim_calendar_is_scheduled(cal, ids[k]));
        assert_false(sim_calendar_cancel(cal, ids[k]));
    }
    /* After the reset the calendar works as new, and FIFO order restarts cleanly. */
    sim_event_id fresh[10];
    for (uint64_t k = 0; k < 10; k++) {
        fresh[k] = sim_calendar_schedule(cal, 1.0, 0, handler_b, tag(k), NULL);
        for (size_t j = 0; j < 300; j++)
            assert_true(fresh[k] != ids[j]);
    }
    for (size_t k = 0; k < 300; k++)
        assert_false(sim_calendar_is_scheduled(cal, ids[k]));
    for (uint64_t k = 0; k < 10; k++) {
        assert_true(sim_calendar_is_scheduled(cal, fresh[k]));
        assert_true(sim_calendar_pop(cal, &ev));
        assert_int_equal(untag(ev.subject), k);
        assert_ptr_equal(ev.fn, handler_b);
    }
    sim_calendar_free(cal);
}

/* Times anywhere on the line: negative, both zeros (equal, so FIFO between them),
 * subnormal, huge and infinite. The calendar compares times as integers (calendar.c,
 * sim_cal_when); the order and the times handed back must be those of the doubles. */
static void test_time_order(void **state)
{
    (void)state;
    const double times[] = {1.0, -0.0, INFINITY, -2.5, 4.9e-324, 0.0, -INFINITY, 1e300,
                            -4.9e-324, 2.2250738585072014e-308, -1e300, 1.0, -0.0, -2.5};
    enum { N = sizeof times / sizeof times[0] };
    sim_calendar *cal = sim_calendar_alloc(0);
    for (uint64_t k = 0; k < N; k++)
        sim_calendar_schedule(cal, times[k], 0, handler_a, tag(k), NULL);
    bool taken[N] = {false};
    for (size_t i = 0; i < N; i++) {
        /* The expected next: the earliest time not yet taken, the first inserted on ties. */
        size_t want = N;
        for (size_t k = 0; k < N; k++)
            if (!taken[k] && (want == N || times[k] < times[want])) want = k;
        sim_event ev;
        assert_true(sim_calendar_pop(cal, &ev));
        assert_int_equal(untag(ev.subject), want);
        assert_true(ev.time_s == times[want]);
        taken[want] = true;
        /* Peeks look under a vacant root: the next time must be the next expected one. */
        double next = INFINITY;
        for (size_t k = 0; k < N; k++)
            if (!taken[k] && times[k] < next) next = times[k];
        assert_true(sim_calendar_peek_time(cal) == next);
    }
    sim_calendar_free(cal);
}

static void test_empty(void **state)
{
    (void)state;
    sim_calendar *cal = sim_calendar_alloc(1000);
    double t = sim_calendar_peek_time(cal);
    assert_true(isinf(t) && t > 0);
    assert_int_equal(sim_calendar_count(cal), 0);
    sim_event ev;
    assert_false(sim_calendar_pop(cal, &ev));
    sim_calendar_schedule(cal, 3.5, 0, handler_a, NULL, NULL);
    assert_true(sim_calendar_peek_time(cal) == 3.5);
    assert_true(sim_calendar_pop(cal, &ev));
    assert_null(ev.subject);
    t = sim_calendar_peek_time(cal);
    assert_true(isinf(t) && t > 0);
    sim_calendar_free(cal);
    sim_calendar_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle),
        cmocka_unit_test(test_fifo_ties),
        cmocka_unit_test(test_priority_at_equal_time),
        cmocka_unit_test(test_stale_ids),
        cmocka_unit_test(test_cancel_middle_keeps_order),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_time_order),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
