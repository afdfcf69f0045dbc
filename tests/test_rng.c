/* tests/test_rng.c: known answers for the named-stream machinery of sim/rng.h.
 * The hash is checked against FNV-1a's published test vectors, the mixer against
 * splitmix64's known first output and values computed independently (in Python), and
 * the first draws of one stream against golden values recorded once: if they change,
 * every seeded result of ccsim changes, so that must be a deliberate decision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <gsl/gsl_rng.h>

#include "sim/rng.h"

static void test_hash_fnv1a_vectors(void **state)
{
    (void)state;
    assert_int_equal(sim_rng_hash(""), UINT64_C(0xcbf29ce484222325));
    assert_int_equal(sim_rng_hash("a"), UINT64_C(0xaf63dc4c8601ec8c));
    assert_int_equal(sim_rng_hash("foobar"), UINT64_C(0x85944171f73967e8));
    assert_int_equal(sim_rng_hash("arrivals/voice"), UINT64_C(0xa6c71ed19f577bce));
}

static void test_mix64_known_values(void **state)
{
    (void)state;
    assert_int_equal(sim_rng_mix64(0, 0, 0), UINT64_C(0x238275bc38fcbe91));
    assert_int_equal(sim_rng_mix64(1, 2, 3), UINT64_C(0xd0734750fde362b3));
    assert_int_equal(sim_rng_mix64(42, 0, sim_rng_hash("arrivals/voice")),
                     UINT64_C(0xd3f9844fc1131abe));
    /* Each input matters, and they are not interchangeable. */
    assert_true(sim_rng_mix64(1, 2, 3) != sim_rng_mix64(2, 1, 3));
    assert_true(sim_rng_mix64(1, 2, 3) != sim_rng_mix64(1, 3, 2));
    assert_true(sim_rng_mix64(1, 2, 3) != sim_rng_mix64(1, 2, 4));
}

static void test_golden_first_draws(void **state)
{
    (void)state;
    const unsigned long golden[5] = {452464349, 1432440884, 198594769, 2433895820,
                                     3631687772};
    gsl_rng *r = sim_rng_alloc(42, 0, "arrivals/voice");
    assert_string_equal(gsl_rng_name(r), sim_rng_type()->name);
    for (int i = 0; i < 5; i++) {
        unsigned long x = gsl_rng_get(r);
        if (x != golden[i])
            fail_msg("draw %d of (seed 42, replication 0, arrivals/voice): %lu, expected %lu",
                     i, x, golden[i]);
    }
    gsl_rng_free(r);

    /* The 64-bit mix is folded to 32 bits as high ^ low: 0xd3f9844f ^ 0xc1131abe. */
    gsl_rng *q = gsl_rng_alloc(sim_rng_type());
    gsl_rng_set(q, 0x12ea9ef1UL);
    assert_int_equal(gsl_rng_get(q), golden[0]);
    gsl_rng_free(q);
}

/* The first n draws of two streams agree in how many places. */
static int same_draws(gsl_rng *a, gsl_rng *b, int n)
{
    int same = 0;
    for (int i = 0; i < n; i++)
        same += gsl_rng_get(a) == gsl_rng_get(b);
    return same;
}

static void test_streams_differ(void **state)
{
    (void)state;
    const char *purposes[] = {"arrivals/voice", "arrivals/chat", "work/voice",
                              "patience/voice", "routing/tiebreak"};
    enum { P = sizeof purposes / sizeof purposes[0], R = 4, N = 100 };
    gsl_rng *g[P][R];
    for (int p = 0; p < P; p++)
        for (int r = 0; r < R; r++)
            g[p][r] = sim_rng_alloc(42, (uint64_t)r, purposes[p]);
    for (int i = 0; i < P * R; i++)
        for (int j = i + 1; j < P * R; j++) {
            gsl_rng *a = gsl_rng_clone(g[i / R][i % R]);
            gsl_rng *b = gsl_rng_clone(g[j / R][j % R]);
            int same = same_draws(a, b, N);
            if (same > 2)
                fail_msg("streams (%s, %d) and (%s, %d) of seed 42 share %d of %d draws",
                         purposes[i / R], i % R, purposes[j / R], j % R, same, N);
            gsl_rng_free(a);
            gsl_rng_free(b);
        }
    for (int p = 0; p < P; p++)
        for (int r = 0; r < R; r++)
            gsl_rng_free(g[p][r]);

    /* A different scenario seed moves every stream. */
    gsl_rng *a = sim_rng_alloc(42, 0, "work/voice");
    gsl_rng *b = sim_rng_alloc(43, 0, "work/voice");
    assert_true(same_draws(a, b, N) <= 2);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static void test_same_inputs_same_stream(void **state)
{
    (void)state;
    /* Other streams created in between must not matter: a stream depends only on its
     * own (seed, replication, purpose). */
    gsl_rng *a = sim_rng_alloc(7, 3, "patience/chat");
    gsl_rng *noise = sim_rng_alloc(7, 3, "arrivals/chat");
    for (int i = 0; i < 1000; i++)
        gsl_rng_get(noise);
    gsl_rng *b = sim_rng_alloc(7, 3, "patience/chat");
    assert_int_equal(same_draws(a, b, 10000), 10000);
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(noise);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_fnv1a_vectors),
        cmocka_unit_test(test_mix64_known_values),
        cmocka_unit_test(test_golden_first_draws),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_same_inputs_same_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
