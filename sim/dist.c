/* sim/dist.c: the scenario's distributions, converted once and sampled through GSL.
 *
 * Data structure. A sim_dist is a tagged pair of GSL parameters (a, b), plus a borrowed
 * array for the empirical kind. The tag decides what a and b mean:
 *   constant     a = value
 *   exponential  a = mean                    mean * gsl_ran_gamma_int(r, 1)
 *   lognormal    a = zeta, b = sigma         gsl_ran_lognormal(r, zeta, sigma)
 *   gamma        a = shape, b = scale        gsl_ran_gamma(r, shape, scale)
 *   erlang       a = k, b = mean / k         gsl_ran_gamma(r, k, mean / k)
 *   weibull      a = shape, b = scale        gsl_ran_weibull(r, scale, shape)
 *   uniform      a = min, b = max            gsl_ran_flat(r, min, max)
 *   empirical    values[n]                   values[gsl_rng_uniform_int(r, n)]
 *
 * Invariant. The parameters are finite and in GSL's domain, because the constructors
 * check them (SIM_REQUIRE: scenario.c has already given the user a message, so a bad
 * one here is a bug). Hence sampling has no branches beyond the switch.
 *
 * Workload. Sampling runs once or twice per contact (work and patience, drawn at
 * arrival), so every conversion (logs, square roots, divisions) happens in the
 * constructors, never per draw. sim_dist_mean and sim_dist_cv are analytic and are used
 * by reports and tests, not in the event loop. */
#include "sim/dist.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "sim/check.h"

static sim_dist sim_dist_make(sim_dist_kind kind, double a, double b)
{
    sim_dist d = {kind, a, b, NULL, 0};
    return d;
}

sim_dist sim_dist_constant(double value)
{
    SIM_REQUIRE(isfinite(value) && value >= 0);
    return sim_dist_make(SIM_DIST_CONSTANT, value, 0);
}

sim_dist sim_dist_exponential(double mean)
{
    SIM_REQUIRE(isfinite(mean) && mean > 0);
    return sim_dist_make(SIM_DIST_EXPONENTIAL, mean, 0);
}

sim_dist sim_dist_lognormal(double mean, double cv)
{
    SIM_REQUIRE(isfinite(mean) && mean > 0);
    SIM_REQUIRE(isfinite(cv) && cv > 0);
    /* log1p keeps sigma accurate for the small cvs of nearly constant handle times. */
    double sigma2 = log1p(cv * cv);
    return sim_dist_make(SIM_DIST_LOGNORMAL, log(mean) - sigma2 / 2, sqrt(sigma2));
}

sim_dist sim_dist_gamma(double mean, double cv)
{
    SIM_REQUIRE(isfinite(mean) && mean > 0);
    SIM_REQUIRE(isfinite(cv) && cv > 0);
    double cv2 = cv * cv;
    return sim_dist_make(SIM_DIST_GAMMA, 1 / cv2, mean * cv2);
}

sim_dist sim_dist_erlang(unsigned k, double mean)
{
    SIM_REQUIRE(k >= 1);
    SIM_REQUIRE(isfinite(mean) && mean > 0);
    return sim_dist_make(SIM_DIST_ERLANG, (double)k, mean / k);
}

sim_dist sim_dist_weibull(double shape, double scale)
{
    SIM_REQUIRE(isfinite(shape) && shape > 0);
    SIM_REQUIRE(isfinite(scale) && scale > 0);
    return sim_dist_make(SIM_DIST_WEIBULL, shape, scale);
}

sim_dist sim_dist_uniform(double min, double max)
{
    SIM_REQUIRE(isfinite(min) && isfinite(max) && 0 <= min && min <= max);
    return sim_dist_make(SIM_DIST_UNIFORM, min, max);
}

sim_dist sim_dist_empirical(const double *values, size_t n)
{
    SIM_REQUIRE(values != NULL && n >= 1);
    /* gsl_rng_uniform_int draws from a 32-bit generator; more values than that could
     * never be picked. */
    SIM_REQUIRE(n <= UINT32_MAX);
    for (size_t i = 0; i < n; i++)
        SIM_REQUIRE(isfinite(values[i]) && values[i] >= 0);
    sim_dist d = {SIM_DIST_EMPIRICAL, 0, 0, values, n};
    return d;
}

/* An exponential is a gamma of shape 1, and GSL draws an integer-shape gamma as
 * -log(U1 ... Uk) with U in (0, 1): for k = 1 that is -log U, the inversion method. It
 * is drawn this way, not with gsl_ran_exponential, for speed alone: that one computes
 * -log1p(-U), and glibc's log1p costs twice its log. Measured on the reference model
 * of make bench (three exponentials per contact) log1p took 19% of the run's time
 * (perf), and the switch took the run from 4.24M to 4.57M contacts per second (best of
 * 6 interleaved runs). Both are exact inversions of one uniform, so each is as good a
 * sample as the other; they give different numbers for the same stream, so the switch
 * moved every seeded result (tests/test_routing.c and tests/cli/staff.sh say how). */
double sim_exponential1(gsl_rng *r)
{
    return gsl_ran_gamma_int(r, 1);
}

double sim_dist_sample(gsl_rng *r, const sim_dist *d)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
        return d->a;
    case SIM_DIST_EXPONENTIAL:
        return d->a * sim_exponential1(r);
    case SIM_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->a, d->b);
    case SIM_DIST_GAMMA:
    case SIM_DIST_ERLANG:
        return gsl_ran_gamma(r, d->a, d->b);
    case SIM_DIST_WEIBULL:
        return gsl_ran_weibull(r, d->b, d->a);
    case SIM_DIST_UNIFORM:
        return gsl_ran_flat(r, d->a, d->b);
    case SIM_DIST_EMPIRICAL:
        return d->values[gsl_rng_uniform_int(r, d->n_values)];
    }
    sim_fail(__FILE__, __LINE__, __func__, "unknown sim_dist_kind");
}

/* The mean and the population variance of the empirical values, in two passes so that
 * large values with a small spread do not cancel. */
static void sim_dist_empirical_moments(const sim_dist *d, double *mean, double *var)
{
    double sum = 0;
    for (size_t i = 0; i < d->n_values; i++)
        sum += d->values[i];
    double m = sum / (double)d->n_values;
    double ss = 0;
    for (size_t i = 0; i < d->n_values; i++)
        ss += (d->values[i] - m) * (d->values[i] - m);
    *mean = m;
    *var = ss / (double)d->n_values;
}

const double *sim_dist_empirical_values(const sim_dist *d, size_t *n)
{
    *n = d->kind == SIM_DIST_EMPIRICAL ? d->n_values : 0;
    return d->kind == SIM_DIST_EMPIRICAL ? d->values : NULL;
}

double sim_dist_mean(const sim_dist *d)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
    case SIM_DIST_EXPONENTIAL:
        return d->a;
    case SIM_DIST_LOGNORMAL:
        return exp(d->a + d->b * d->b / 2);
    case SIM_DIST_GAMMA:
    case SIM_DIST_ERLANG:
        return d->a * d->b;
    case SIM_DIST_WEIBULL:
        return d->b * gsl_sf_gamma(1 + 1 / d->a);
    case SIM_DIST_UNIFORM:
        return (d->a + d->b) / 2;
    case SIM_DIST_EMPIRICAL: {
        double m, v;
        sim_dist_empirical_moments(d, &m, &v);
        return m;
    }
    }
    sim_fail(__FILE__, __LINE__, __func__, "unknown sim_dist_kind");
}

double sim_dist_cv(const sim_dist *d)
{
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
        return 0;
    case SIM_DIST_EXPONENTIAL:
        return 1;
    case SIM_DIST_LOGNORMAL:
        return sqrt(expm1(d->b * d->b));
    case SIM_DIST_GAMMA:
    case SIM_DIST_ERLANG:
        return 1 / sqrt(d->a);
    case SIM_DIST_WEIBULL: {
        /* Var = scale^2 (G(1 + 2/k) - G(1 + 1/k)^2), so the scale cancels out. */
        double g1 = gsl_sf_gamma(1 + 1 / d->a);
        double g2 = gsl_sf_gamma(1 + 2 / d->a);
        return sqrt(g2 - g1 * g1) / g1;
    }
    case SIM_DIST_UNIFORM: {
        /* A uniform on [0, 0] is the constant 0, whose cv is 0 like any constant's. */
        double mean = (d->a + d->b) / 2;
        return mean > 0 ? (d->b - d->a) / sqrt(12.0) / mean : 0;
    }
    case SIM_DIST_EMPIRICAL: {
        double m, v;
        sim_dist_empirical_moments(d, &m, &v);
        return m > 0 ? sqrt(v) / m : 0;
    }
    }
    sim_fail(__FILE__, __LINE__, __func__, "unknown sim_dist_kind");
}

const char *sim_dist_name(sim_dist_kind kind)
{
    switch (kind) {
    case SIM_DIST_CONSTANT:
        return "constant";
    case SIM_DIST_EXPONENTIAL:
        return "exponential";
    case SIM_DIST_LOGNORMAL:
        return "lognormal";
    case SIM_DIST_GAMMA:
        return "gamma";
    case SIM_DIST_ERLANG:
        return "erlang";
    case SIM_DIST_WEIBULL:
        return "weibull";
    case SIM_DIST_UNIFORM:
        return "uniform";
    case SIM_DIST_EMPIRICAL:
        return "empirical";
    }
    return "unknown";
}

/* P(X <= t) when upper is false, P(X > t) when it is true, each computed by GSL's own
 * routine for that tail (never 1 - the other), so a small tail keeps its digits. */
static double sim_dist_tail(const sim_dist *d, double t, bool upper)
{
    double p;
    switch (d->kind) {
    case SIM_DIST_CONSTANT:
        p = t >= d->a ? 1 : 0;
        break;
    case SIM_DIST_EXPONENTIAL:
        return upper ? gsl_cdf_exponential_Q(t, d->a) : gsl_cdf_exponential_P(t, d->a);
    case SIM_DIST_LOGNORMAL:
        return upper ? gsl_cdf_lognormal_Q(t, d->a, d->b) : gsl_cdf_lognormal_P(t, d->a, d->b);
    case SIM_DIST_GAMMA:
    case SIM_DIST_ERLANG:
        return upper ? gsl_cdf_gamma_Q(t, d->a, d->b) : gsl_cdf_gamma_P(t, d->a, d->b);
    case SIM_DIST_WEIBULL:
        return upper ? gsl_cdf_weibull_Q(t, d->b, d->a) : gsl_cdf_weibull_P(t, d->b, d->a);
    case SIM_DIST_UNIFORM:
        p = d->b > d->a ? gsl_cdf_flat_P(t, d->a, d->b) : (t >= d->a ? 1 : 0);
        break;
    case SIM_DIST_EMPIRICAL: {
        size_t at_most = 0;
        for (size_t i = 0; i < d->n_values; i++) at_most += d->values[i] <= t;
        p = (double)at_most / (double)d->n_values;
        break;
    }
    default:
        sim_fail(__FILE__, __LINE__, __func__, "unknown sim_dist_kind");
    }
    return upper ? 1 - p : p;
}

double sim_dist_cdf(const sim_dist *d, double t)
{
    return sim_dist_tail(d, t, false);
}

double sim_dist_survival(const sim_dist *d, double t)
{
    return sim_dist_tail(d, t, true);
}
