/* tests/test_stats.c: the four statistics modules against hand-computed answers.
 * tally: Welford's mean and variance against a direct two-pass computation, including
 * data with a large offset where the naive sum-of-squares formula would fail.
 * timeavg: areas worked out by hand over a small step function, and restart.
 * sample: quantiles against a hand-interpolated array and against GSL called directly.
 * summary: mean, sd and t interval against values computed with mpmath (30 digits),
 * NaN skipping with a stride, and the n == 1 and n == 0 cases. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/rng.h"
#include "sim/sample.h"
#include "sim/summary.h"
#include "sim/tally.h"
#include "sim/timeavg.h"

#define SEED UINT64_C(20240611)

static void assert_close(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, expected %.17g (relative tolerance %g, seed %lu)", got, want,
                 rel, (unsigned long)SEED);
}

static void test_tally_against_two_pass(void **state)
{
    (void)state;
    enum { N = 10000 };
    static const double offsets[] = {0, 1e9};
    for (size_t k = 0; k < 2; k++) {
        gsl_rng *r = sim_rng_alloc(SEED, k, "test/tally");
        double x[N];
        sim_tally t;
        sim_tally_init(&t);
        for (size_t i = 0; i < N; i++) {
            x[i] = offsets[k] + 100 * gsl_rng_uniform(r);
            sim_tally_add(&t, x[i]);
        }
        double sum = 0, min = INFINITY, max = -INFINITY;
        for (size_t i = 0; i < N; i++) {
            sum += x[i];
            min = fmin(min, x[i]);
            max = fmax(max, x[i]);
        }
        double mean = sum / N, ss = 0;
        for (size_t i = 0; i < N; i++)
            ss += (x[i] - mean) * (x[i] - mean);
        assert_int_equal(sim_tally_count(&t), N);
        assert_close(sim_tally_sum(&t), sum, 1e-15);
        assert_close(sim_tally_mean(&t), mean, 1e-12);
        /* With the offset, variance is ~833 against values ~1e9: Welford keeps it to a
         * few parts in a million, where the sum-of-squares formula loses every digit. */
        assert_close(sim_tally_variance(&t), ss / (N - 1), k ? 1e-5 : 1e-12);
        assert_true(sim_tally_min(&t) == min);
        assert_true(sim_tally_max(&t) == max);
        gsl_rng_free(r);
    }
}

static void test_tally_small(void **state)
{
    (void)state;
    sim_tally t;
    sim_tally_init(&t);
    assert_int_equal(sim_tally_count(&t), 0);
    assert_true(sim_tally_sum(&t) == 0);
    assert_true(isnan(sim_tally_mean(&t)));
    assert_true(isnan(sim_tally_variance(&t)));
    assert_true(isnan(sim_tally_min(&t)));
    assert_true(isnan(sim_tally_max(&t)));
    sim_tally_add(&t, -3);
    assert_true(sim_tally_mean(&t) == -3);
    assert_true(isnan(sim_tally_variance(&t)));
    assert_true(sim_tally_min(&t) == -3 && sim_tally_max(&t) == -3);
    sim_tally_add(&t, 5);
    assert_true(sim_tally_mean(&t) == 1);
    assert_true(sim_tally_variance(&t) == 32);
    assert_true(sim_tally_min(&t) == -3 && sim_tally_max(&t) == 5);
    assert_true(sim_tally_sum(&t) == 2);
}

static void test_timeavg_by_hand(void **state)
{
    (void)state;
    sim_timeavg ta;
    sim_timeavg_init(&ta, 0, 2);
    assert_true(isnan(sim_timeavg_mean(&ta, 0)));     /* empty window */
    sim_timeavg_set(&ta, 3, 5);                       /* 2 x 3 = 6 */
    assert_true(sim_timeavg_area(&ta, 3) == 6);
    sim_timeavg_add(&ta, 4, -1);                      /* + 5 x 1, level 4 */
    assert_true(sim_timeavg_level(&ta) == 4);
    assert_true(sim_timeavg_area(&ta, 4) == 11);
    assert_true(sim_timeavg_area(&ta, 10) == 35);     /* + 4 x 6, without a change */
    assert_true(sim_timeavg_mean(&ta, 10) == 3.5);
    sim_timeavg_set(&ta, 4.5, 4);                     /* a set to the same level */
    assert_true(sim_timeavg_area(&ta, 10) == 35);

    /* Warm-up ends at 10: the area starts again, the level carries over. */
    sim_timeavg_restart(&ta, 10);
    assert_true(sim_timeavg_area(&ta, 10) == 0);
    assert_true(isnan(sim_timeavg_mean(&ta, 10)));
    assert_true(sim_timeavg_level(&ta) == 4);
    sim_timeavg_set(&ta, 12, 0);                      /* 4 x 2 = 8 */
    assert_true(sim_timeavg_mean(&ta, 14) == 2);      /* 8 over 4 seconds */

    sim_timeavg_init(&ta, 100, 1);
    assert_true(sim_timeavg_mean(&ta, 110) == 1);
    sim_timeavg_set(&ta, 110, 1); /* two changes at the same instant add nothing */
    sim_timeavg_set(&ta, 110, 3);
    assert_true(sim_timeavg_area(&ta, 120) == 40);
}

static void test_sample_quantiles(void **state)
{
    (void)state;
    sim_sample s;
    sim_sample_init(&s);
    assert_int_equal(sim_sample_count(&s), 0);
    assert_true(isnan(sim_sample_quantile(&s, 0.5)));
    const double data[10] = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
    for (size_t i = 0; i < 10; i++)
        sim_sample_add(&s, data[i]);
    assert_int_equal(sim_sample_count(&s), 10);
    /* Index (n - 1) p into the sorted data, interpolated: 4.5 -> 5.5, 8.1 -> 9.1. */
    assert_true(sim_sample_quantile(&s, 0) == 1);
    assert_true(sim_sample_quantile(&s, 1) == 10);
    assert_close(sim_sample_quantile(&s, 0.5), 5.5, 1e-15);
    assert_close(sim_sample_quantile(&s, 0.9), 9.1, 1e-15);

    /* Adding after a quantile sorts again. */
    sim_sample_add(&s, 0);
    assert_true(sim_sample_quantile(&s, 0) == 0);
    assert_close(sim_sample_quantile(&s, 0.5), 5, 1e-15);

    /* A larger random sample, still exact, against GSL called directly. */
    sim_sample_reset(&s);
    assert_int_equal(sim_sample_count(&s), 0);
    enum { N = 4001 };
    double x[N];
    gsl_rng *r = sim_rng_alloc(SEED, 0, "test/sample");
    for (size_t i = 0; i < N; i++) {
        x[i] = gsl_rng_uniform(r) * 1000;
        sim_sample_add(&s, x[i]);
    }
    gsl_sort(x, 1, N);
    const double ps[] = {0, 0.1, 0.25, 0.5, 0.8, 0.9, 0.95, 0.99, 1};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        assert_true(sim_sample_quantile(&s, ps[i]) ==
                    gsl_stats_quantile_from_sorted_data(x, 1, N, ps[i]));
    gsl_rng_free(r);
    sim_sample_fini(&s);
    sim_sample_fini(&s); /* fini leaves an empty sample, so twice is harmless */
}

/* Past SIM_SAMPLE_EXACT_MAX a sample is binned: every quantile within 0.4% of the
 * exact one (relative), exact zeros kept exact, whatever the spread of the values;
 * merging and unions of binned samples agree with one sample of everything. */
static void test_sample_binned(void **state)
{
    (void)state;
    enum { N = 200000 };
    double *x = malloc(N * sizeof *x);
    sim_sample s, a, b, u;
    sim_sample_init(&s);
    sim_sample_init(&a);
    sim_sample_init(&b);
    sim_sample_init(&u);
    gsl_rng *r = sim_rng_alloc(SEED, 0, "test/binned");
    for (size_t i = 0; i < N; i++) {
        /* 40% exact zeros (answered at once), the rest lognormal over many octaves. */
        x[i] = gsl_rng_uniform(r) < 0.4 ? 0 : gsl_ran_lognormal(r, 3, 2);
        sim_sample_add(&s, x[i]);
        sim_sample_add(i % 3 ? &a : &b, x[i]);
    }
    assert_false(sim_sample_is_exact(&s));
    assert_int_equal(sim_sample_count(&s), N);
    gsl_sort(x, 1, N);
    sim_sample *parts[] = {&a, &b};
    sim_sample_union(&u, parts, 2);
    assert_int_equal(sim_sample_count(&u), N);
    const double ps[] = {0, 0.3, 0.41, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        double exact = gsl_stats_quantile_from_sorted_data(x, 1, N, ps[i]);
        double got = sim_sample_quantile(&s, ps[i]);
        if (exact == 0) assert_true(got == 0);
        else if (fabs(got - exact) > 0.004 * exact)
            fail_msg("p %.3f: binned %.6g, exact %.6g (seed %d)", ps[i], got, exact, SEED);
        assert_true(sim_sample_quantile(&u, ps[i]) == got);
    }
    sim_sample_merge(&a, &b);
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        assert_true(sim_sample_quantile(&a, ps[i]) == sim_sample_quantile(&s, ps[i]));
    /* Memory stays bounded: the buckets cover a window of octaves, not the values. */
    assert_true(s.nbin <= (size_t)35 * SIM_SAMPLE_SUBBUCKETS);
    gsl_rng_free(r);
    free(x);
    sim_sample_fini(&s);
    sim_sample_fini(&a);
    sim_sample_fini(&b);
    sim_sample_fini(&u);
}

static void test_summary_known(void **state)
{
    (void)state;
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    sim_summary s = sim_summary_of(x, 8, 1);
    assert_int_equal(s.n, 8);
    assert_close(s.mean, 5, 1e-15);
    assert_close(s.sd, 2.13808993529939507747642784704, 1e-14);
    /* t(0.975, 7) = 2.36462425159278..., so the half width is 1.78748791823621... */
    assert_close(s.ci95_low, 3.21251208176378956140288826702, 1e-9);
    assert_close(s.ci95_high, 6.78748791823621043859711173298, 1e-9);
}

static void test_summary_nan_and_stride(void **state)
{
    (void)state;
    /* Column 0 of a 2-column table: 1, NaN, 3, 8, NaN. Column 1 must be ignored. */
    const double t[] = {1, 100, NAN, 100, 3, 100, 8, 100, NAN, 100};
    sim_summary s = sim_summary_of(t, 5, 2);
    assert_int_equal(s.n, 3);
    assert_close(s.mean, 4, 1e-15);
    assert_close(s.sd, 3.60555127546398929311922126747, 1e-14);
    assert_close(s.ci95_low, -4.95668589502959768147405611822, 1e-9);
    assert_close(s.ci95_high, 12.9566858950295976814740561182, 1e-9);

    const double one[] = {NAN, 42, NAN};
    s = sim_summary_of(one, 3, 1);
    assert_int_equal(s.n, 1);
    assert_true(s.mean == 42);
    assert_true(isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));

    const double none[] = {NAN, NAN};
    s = sim_summary_of(none, 2, 1);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));
    s = sim_summary_of(NULL, 0, 1);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean));

    /* Identical values: zero width, not NaN. */
    const double same[] = {2.5, 2.5, 2.5};
    s = sim_summary_of(same, 3, 1);
    assert_true(s.sd == 0 && s.ci95_low == 2.5 && s.ci95_high == 2.5);
}

/* The ratio of sums against values worked by hand (Python, independently): the pair
 * (0, 0) counts as a replication; the skewness-corrected bounds of sim/summary.c. */
static void test_summary_ratio_known(void **state)
{
    (void)state;
    const double num[] = {1, 2, 0, 6}, den[] = {2, 2, 0, 4};
    sim_summary s = sim_summary_ratio(num, den, 4);
    assert_int_equal(s.n, 4);
    assert_close(s.mean, 1.125, 1e-15);
    assert_close(s.sd, 0.568257570707744, 1e-12);
    assert_close(s.ci95_low, 0.32073534154881644, 1e-9);
    assert_close(s.ci95_high, 2.1848649767330244, 1e-9);
    /* Symmetric residuals: Hall's correction vanishes, the t interval is left:
     * 2 +- t(0.975, 1) * 1. */
    const double n2[] = {1, 3}, d2[] = {1, 1};
    s = sim_summary_ratio(n2, d2, 2);
    assert_close(s.mean, 2, 1e-15);
    assert_close(s.ci95_low, 2 - 12.7062047361747, 1e-9);
    assert_close(s.ci95_high, 2 + 12.7062047361747, 1e-9);
    /* A NaN pair is left out; no denominator at all gives a NaN mean. */
    const double n3[] = {1, NAN, 3}, d3[] = {1, 1, 1};
    s = sim_summary_ratio(n3, d3, 3);
    assert_int_equal(s.n, 2);
    assert_close(s.mean, 2, 1e-15);
    const double zero[] = {0, 0};
    s = sim_summary_ratio(zero, zero, 2);
    assert_true(isnan(s.mean) && isnan(s.ci95_low));
    /* The paired difference of a ratio with itself is exactly 0, CI of width 0. */
    s = sim_summary_ratio_diff(num, den, num, den, 4);
    assert_true(s.mean == 0 && s.ci95_low == 0 && s.ci95_high == 0);
}

/* Coverage: 4000 experiments of 10 replications, each replication den ~ Poisson(40)
 * contacts of which num ~ Binomial(den, 0.8) are answered in time. The 95% CI of the
 * ratio of sums must hold 0.8 in 95% of them (+-3 se: 0.9397..0.9603); fixed seed. */
static void test_summary_ratio_coverage(void **state)
{
    (void)state;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 2026);
    size_t covered = 0, experiments = 4000;
    double num[10], den[10];
    for (size_t e = 0; e < experiments; e++) {
        for (size_t r = 0; r < 10; r++) {
            den[r] = gsl_ran_poisson(g, 40);
            num[r] = gsl_ran_binomial(g, 0.8, (unsigned)den[r]);
        }
        sim_summary s = sim_summary_ratio(num, den, 10);
        covered += s.ci95_low <= 0.8 && 0.8 <= s.ci95_high;
    }
    gsl_rng_free(g);
    double c = (double)covered / (double)experiments;
    printf("  ratio of sums, 10 replications: CI covers in %.4f of %zu\n", c, experiments);
    assert_true(c > 0.9397 && c < 0.9603);
}

/* The union of sorted pieces equals the concatenation sorted afresh, for any number of
 * pieces (odd counts exercise the unpaired run), empty pieces included; the pieces stay
 * sorted and unchanged in content. */
static void test_sample_union(void **state)
{
    (void)state;
    enum { K = 7 };
    sim_sample parts[K], all, u;
    sim_sample *ptr[K];
    sim_sample_init(&all);
    sim_sample_init(&u);
    unsigned x = 12345;
    for (size_t k = 0; k < K; k++) {
        sim_sample_init(&parts[k]);
        ptr[k] = &parts[k];
        size_t n = k == 3 ? 0 : 100 * k + 17;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            double v = (double)(x >> 8 & 1023) / 8.0;  /* many ties */
            sim_sample_add(&parts[k], v);
            sim_sample_add(&all, v);
        }
    }
    for (size_t k = 1; k <= K; k++) {
        sim_sample_union(&u, ptr, k);
        sim_sample ref;
        sim_sample_init(&ref);
        for (size_t j = 0; j < k; j++) sim_sample_merge(&ref, ptr[j]);
        sim_sample_sort(&ref);
        assert_int_equal(sim_sample_count(&u), sim_sample_count(&ref));
        assert_memory_equal(u.x, ref.x, ref.n * sizeof(double));
        for (double p = 0; p <= 1.0; p += 0.125)
            assert_true(sim_sample_quantile(&u, p) == sim_sample_quantile(&ref, p));
        sim_sample_fini(&ref);
    }
    sim_sample_sort(&all);
    assert_memory_equal(u.x, all.x, all.n * sizeof(double));
    for (size_t k = 0; k < K; k++) sim_sample_fini(&parts[k]);
    sim_sample_fini(&all);
    sim_sample_fini(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tally_against_two_pass),
        cmocka_unit_test(test_summary_ratio_known),
        cmocka_unit_test(test_summary_ratio_coverage),
        cmocka_unit_test(test_tally_small),
        cmocka_unit_test(test_timeavg_by_hand),
        cmocka_unit_test(test_sample_quantiles),
        cmocka_unit_test(test_sample_union),
        cmocka_unit_test(test_sample_binned),
        cmocka_unit_test(test_summary_known),
        cmocka_unit_test(test_summary_nan_and_stride),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
