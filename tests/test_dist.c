/* tests/test_dist.c: every distribution of sim/dist.h, sampled 200,000 times.
 * For each one: the analytic mean and cv (sim_dist_mean, sim_dist_cv) equal the
 * parameters the user asked for (or a value computed independently), and the sample
 * mean and cv fall close to them. Tolerances are about four standard errors or more
 * for the chosen parameters, and the seed is fixed, so the test is deterministic; a
 * failure prints the seed. The continuous kinds are also checked against their GSL cdf
 * with a Kolmogorov-Smirnov statistic, the empirical kind with a chi-square test. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "sim/dist.h"
#include "sim/mem.h"
#include "sim/rng.h"

enum { N_DRAWS = 200000 };
#define SEED UINT64_C(20240611)

typedef double cdf_fn(double x, const double *p);

typedef struct dist_case {
    const char *name;
    sim_dist d;
    double want_mean, want_cv; /* what the user asked for, or an independent value */
    double tol_mean, tol_cv;   /* relative tolerances for the sample */
    cdf_fn *cdf;               /* NULL: no KS test */
    double p[2];               /* the cdf's parameters */
} dist_case;

static double rel_err(double got, double want)
{
    return want == 0 ? fabs(got) : fabs(got - want) / fabs(want);
}

/* Draws N_DRAWS values from a stream of its own, checks the moments and returns the
 * sorted sample for a distribution test (caller frees). */
static double *check_moments(const dist_case *c)
{
    assert_string_equal(sim_dist_name(c->d.kind), c->name);
    if (rel_err(sim_dist_mean(&c->d), c->want_mean) > 1e-12)
        fail_msg("%s: sim_dist_mean %.17g, expected %.17g", c->name, sim_dist_mean(&c->d),
                 c->want_mean);
    if (rel_err(sim_dist_cv(&c->d), c->want_cv) > 1e-12)
        fail_msg("%s: sim_dist_cv %.17g, expected %.17g", c->name, sim_dist_cv(&c->d),
                 c->want_cv);

    gsl_rng *r = sim_rng_alloc(SEED, 0, c->name);
    double *x = sim_xmalloc(N_DRAWS * sizeof *x);
    double sum = 0;
    for (size_t i = 0; i < N_DRAWS; i++) {
        x[i] = sim_dist_sample(r, &c->d);
        if (!(x[i] >= 0))
            fail_msg("%s: negative or NaN draw %g (seed %lu)", c->name, x[i],
                     (unsigned long)SEED);
        sum += x[i];
    }
    double mean = sum / N_DRAWS, ss = 0;
    for (size_t i = 0; i < N_DRAWS; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    double cv = sqrt(ss / (N_DRAWS - 1)) / mean;
    print_message("%-12s mean %10.4f (want %10.4f)  cv %.4f (want %.4f)\n", c->name, mean,
                  c->want_mean, cv, c->want_cv);
    if (rel_err(mean, c->want_mean) > c->tol_mean)
        fail_msg("%s: sample mean %.6g, expected %.6g within %.1f%% (seed %lu)", c->name,
                 mean, c->want_mean, 100 * c->tol_mean, (unsigned long)SEED);
    if (c->want_cv == 0 ? cv != 0 : rel_err(cv, c->want_cv) > c->tol_cv)
        fail_msg("%s: sample cv %.6g, expected %.6g within %.1f%% (seed %lu)", c->name, cv,
                 c->want_cv, 100 * c->tol_cv, (unsigned long)SEED);
    gsl_rng_free(r);
    gsl_sort(x, 1, N_DRAWS);
    return x;
}

/* The Kolmogorov-Smirnov statistic of a sorted sample against a cdf must stay below
 * the 0.1% critical value, 1.949 / sqrt(n). */
static void check_ks(const dist_case *c, const double *sorted)
{
    double d = 0;
    for (size_t i = 0; i < N_DRAWS; i++) {
        double f = c->cdf(sorted[i], c->p);
        double lo = f - (double)i / N_DRAWS, hi = (double)(i + 1) / N_DRAWS - f;
        if (lo > d)
            d = lo;
        if (hi > d)
            d = hi;
    }
    double crit = 1.949 / sqrt((double)N_DRAWS);
    print_message("%-12s KS D = %.5f (0.1%% critical value %.5f)\n", c->name, d, crit);
    if (d > crit)
        fail_msg("%s: KS statistic %.5f above %.5f (seed %lu)", c->name, d, crit,
                 (unsigned long)SEED);
}

static double cdf_exponential(double x, const double *p)
{
    return gsl_cdf_exponential_P(x, p[0]);
}

static double cdf_lognormal(double x, const double *p)
{
    return gsl_cdf_lognormal_P(x, p[0], p[1]);
}

static double cdf_gamma(double x, const double *p)
{
    return gsl_cdf_gamma_P(x, p[0], p[1]);
}

static double cdf_weibull(double x, const double *p)
{
    return gsl_cdf_weibull_P(x, p[0], p[1]);
}

static double cdf_uniform(double x, const double *p)
{
    return gsl_cdf_flat_P(x, p[0], p[1]);
}

static void run_case(const dist_case *c)
{
    double *x = check_moments(c);
    if (c->cdf)
        check_ks(c, x);
    free(x);
}

static void test_exponential(void **state)
{
    (void)state;
    dist_case c = {"exponential", sim_dist_exponential(240), 240, 1, 0.01, 0.02,
                   cdf_exponential, {240, 0}};
    run_case(&c);
}

static void test_lognormal(void **state)
{
    (void)state;
    /* sigma^2 = ln(1.64), zeta = ln(180) - sigma^2 / 2, as dist.h says. */
    double s2 = log(1 + 0.8 * 0.8);
    dist_case c = {"lognormal", sim_dist_lognormal(180, 0.8), 180, 0.8, 0.01, 0.03,
                   cdf_lognormal, {log(180) - s2 / 2, sqrt(s2)}};
    run_case(&c);
}

static void test_gamma(void **state)
{
    (void)state;
    /* shape = 1 / cv^2 = 4, scale = mean * cv^2 = 75. */
    dist_case c = {"gamma", sim_dist_gamma(300, 0.5), 300, 0.5, 0.01, 0.02, cdf_gamma,
                   {4, 75}};
    run_case(&c);
}

static void test_erlang(void **state)
{
    (void)state;
    dist_case c = {"erlang", sim_dist_erlang(3, 120), 120, 1 / sqrt(3.0), 0.01, 0.02,
                   cdf_gamma, {3, 40}};
    run_case(&c);
}

static void test_weibull(void **state)
{
    (void)state;
    /* Mean 100 * Gamma(5/3) and cv sqrt(Gamma(7/3) - Gamma(5/3)^2) / Gamma(5/3), both
     * computed outside GSL (Python's math.gamma). */
    dist_case c = {"weibull", sim_dist_weibull(1.5, 100), 90.27452929509336,
                   0.678968693097346, 0.01, 0.02, cdf_weibull, {100, 1.5}};
    run_case(&c);
}

static void test_uniform(void **state)
{
    (void)state;
    dist_case c = {"uniform", sim_dist_uniform(30, 90), 60, 60 / sqrt(12.0) / 60, 0.01,
                   0.02, cdf_uniform, {30, 90}};
    run_case(&c);

    sim_dist zero = sim_dist_uniform(0, 0);
    assert_true(sim_dist_mean(&zero) == 0);
    assert_true(sim_dist_cv(&zero) == 0);
    gsl_rng *r = sim_rng_alloc(SEED, 0, "uniform/zero");
    assert_true(sim_dist_sample(r, &zero) == 0);
    gsl_rng_free(r);
}

static void test_constant(void **state)
{
    (void)state;
    dist_case c = {"constant", sim_dist_constant(42), 42, 0, 0, 0, NULL, {0, 0}};
    double *x = check_moments(&c);
    assert_true(x[0] == 42 && x[N_DRAWS - 1] == 42);
    free(x);
}

static void test_empirical(void **state)
{
    (void)state;
    /* Mean 37 and population cv 0.8782744221228066 of the five values (Python). */
    const double values[] = {10, 20, 20, 35, 100};
    dist_case c = {"empirical", sim_dist_empirical(values, 5), 37, 0.8782744221228066,
                   0.01, 0.02, NULL, {0, 0}};
    double *x = check_moments(&c);

    /* Chi-square over the four distinct values, 3 degrees of freedom; 16.27 is the
     * 0.1% critical value. */
    const double support[] = {10, 20, 35, 100}, prob[] = {0.2, 0.4, 0.2, 0.2};
    size_t count[4] = {0};
    for (size_t i = 0; i < N_DRAWS; i++) {
        size_t k = 0;
        while (k < 4 && x[i] != support[k])
            k++;
        if (k == 4)
            fail_msg("empirical: draw %g is not one of the values (seed %lu)", x[i],
                     (unsigned long)SEED);
        count[k]++;
    }
    double chi2 = 0;
    for (size_t k = 0; k < 4; k++) {
        double e = prob[k] * N_DRAWS;
        chi2 += ((double)count[k] - e) * ((double)count[k] - e) / e;
    }
    print_message("%-12s chi-square %.3f (0.1%% critical value 16.27)\n", "empirical", chi2);
    if (chi2 > 16.27)
        fail_msg("empirical: chi-square %.3f above 16.27 (seed %lu)", chi2,
                 (unsigned long)SEED);
    free(x);

    /* A single value is a constant. */
    const double one = 7;
    sim_dist d = sim_dist_empirical(&one, 1);
    assert_true(sim_dist_mean(&d) == 7 && sim_dist_cv(&d) == 0);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(sim_dist_name(SIM_DIST_CONSTANT), "constant");
    assert_string_equal(sim_dist_name(SIM_DIST_EXPONENTIAL), "exponential");
    assert_string_equal(sim_dist_name(SIM_DIST_LOGNORMAL), "lognormal");
    assert_string_equal(sim_dist_name(SIM_DIST_GAMMA), "gamma");
    assert_string_equal(sim_dist_name(SIM_DIST_ERLANG), "erlang");
    assert_string_equal(sim_dist_name(SIM_DIST_WEIBULL), "weibull");
    assert_string_equal(sim_dist_name(SIM_DIST_UNIFORM), "uniform");
    assert_string_equal(sim_dist_name(SIM_DIST_EMPIRICAL), "empirical");
    assert_string_equal(sim_dist_name((sim_dist_kind)99), "unknown");
}

/* The laws' tails against closed forms: exponential 1 - e^-t/m, Erlang-2 (gamma with
 * cv 1/sqrt 2) 1 - e^-x (1 + x) with x = t / scale, Weibull e^-(t/scale)^shape, a
 * lognormal's median e^zeta, uniform and empirical by counting; cdf + survival = 1. */
static void test_cdf_and_survival(void **state)
{
    (void)state;
    sim_dist e = sim_dist_exponential(2);
    assert_true(fabs(sim_dist_cdf(&e, 2) - (1 - exp(-1))) < 1e-15);
    assert_true(fabs(sim_dist_survival(&e, 6) - exp(-3)) < 1e-15);
    sim_dist g = sim_dist_gamma(4, 1 / sqrt(2));   /* shape 2, scale 2 */
    double x = 3.0 / 2;
    assert_true(fabs(sim_dist_cdf(&g, 3) - (1 - exp(-x) * (1 + x))) < 1e-12);
    sim_dist w = sim_dist_weibull(1.5, 10);
    assert_true(fabs(sim_dist_survival(&w, 7) - exp(-pow(0.7, 1.5))) < 1e-15);
    sim_dist l = sim_dist_lognormal(100, 0.5);
    double zeta = log(100) - log1p(0.25) / 2;
    assert_true(fabs(sim_dist_cdf(&l, exp(zeta)) - 0.5) < 1e-12);
    sim_dist u = sim_dist_uniform(10, 20);
    assert_true(fabs(sim_dist_cdf(&u, 12.5) - 0.25) < 1e-15);
    static const double v[] = {1, 2, 2, 5};
    sim_dist emp = sim_dist_empirical(v, 4);
    assert_true(sim_dist_cdf(&emp, 2) == 0.75 && sim_dist_survival(&emp, 0.5) == 1);
    sim_dist c = sim_dist_constant(3);
    assert_true(sim_dist_cdf(&c, 2.999) == 0 && sim_dist_cdf(&c, 3) == 1);
    const sim_dist *all[] = {&e, &g, &w, &l, &u, &emp, &c};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        for (double t = 0.5; t < 40; t *= 1.7)
            assert_true(fabs(sim_dist_cdf(all[k], t) + sim_dist_survival(all[k], t) - 1) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cdf_and_survival),
        cmocka_unit_test(test_exponential), cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_gamma),       cmocka_unit_test(test_erlang),
        cmocka_unit_test(test_weibull),     cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_constant),    cmocka_unit_test(test_empirical),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
