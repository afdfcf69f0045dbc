/* sim/summary.c: the mean and a t-based 95% confidence interval across replications,
 * and the ratio of sums with its delta-method interval.
 *
 * Data structure. None: one strided pass to find the mean of the non-NaN values, a
 * second for the sum of squared deviations (two passes avoid the cancellation of the
 * sum-of-squares formula; there are only as many values as replications).
 *
 * Workload. Called a few hundred times per run at report time, so clarity wins over
 * speed. NaN marks a measure undefined in a replication and is skipped; n tells the
 * reader how many replications the interval rests on. */
#include "sim/summary.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "sim/check.h"
#include "sim/mem.h"

sim_summary sim_summary_of(const double *x, size_t count, size_t stride)
{
    SIM_REQUIRE(count == 0 || (x != NULL && stride >= 1));
    sim_summary s = {NAN, NAN, NAN, NAN, 0};

    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        double v = x[i * stride];
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    s.n = n;
    if (n == 0)
        return s;
    s.mean = sum / (double)n;
    if (n == 1)
        return s;

    double ss = 0;
    for (size_t i = 0; i < count; i++) {
        double v = x[i * stride];
        if (!isnan(v))
            ss += (v - s.mean) * (v - s.mean);
    }
    s.sd = sqrt(ss / (double)(n - 1));
    double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * s.sd / sqrt((double)n);
    s.ci95_low = s.mean - half;
    s.ci95_high = s.mean + half;
    return s;
}

/* The ratio of sums of the pairs i with keep(i), and the mean denominator. */
typedef struct ratio_est {
    double r, dbar;
} ratio_est;

static bool pair_ok(const double *num, const double *den, size_t i)
{
    return !isnan(num[i]) && !isnan(den[i]);
}

static ratio_est ratio_of(const double *num, const double *den, const bool *keep, size_t count)
{
    double sn = 0, sd = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (keep[i]) sn += num[i], sd += den[i], n++;
    ratio_est e = {NAN, NAN};
    if (n > 0 && sd > 0) e.r = sn / sd, e.dbar = sd / (double)n;
    return e;
}

/* Mean `mean`; sd and CI from the linearised values z (mean zero by construction).
 * Per-interval waits are strongly right-skewed (a burst now and then), and a plain t
 * interval then misses the exact value far more often than 5% at small replication
 * counts (18% for an interval's ASA at 10 replications of an M/M/50 day). The interval
 * is Hall's (1992) skewness-corrected t: with a = skewness(z) / sqrt(n), the t quantile
 * u maps to T = (3 / a) (cbrt(1 + a (u - a / 6)) - 1), and the bounds are
 * mean - T sd / sqrt(n) for u = +-t(0.975, n-1). With a = 0 it is the t interval. On
 * that M/M/50 day it brings the misses to 10% at 10 and 5.5% at 30 replications. */
static sim_summary delta_summary(double mean, const double *z, const bool *keep, size_t count)
{
    sim_summary s = {mean, NAN, NAN, NAN, 0};
    double ss = 0, s3 = 0;
    for (size_t i = 0; i < count; i++)
        if (keep[i]) ss += z[i] * z[i], s3 += z[i] * z[i] * z[i], s.n++;
    if (s.n < 2 || isnan(mean)) return s;
    double n = (double)s.n;
    s.sd = sqrt(ss / (n - 1));
    double t = gsl_cdf_tdist_Pinv(0.975, n - 1), se = s.sd / sqrt(n);
    double a = s.sd > 0 ? s3 / n / (s.sd * s.sd * s.sd) / sqrt(n) : 0;
    double lo = mean - t * se, hi = mean + t * se;
    if (fabs(a) > 1e-9) {
        double t_hi = 3 / a * (cbrt(1 + a * (t - a / 6)) - 1);
        double t_lo = 3 / a * (cbrt(1 + a * (-t - a / 6)) - 1);
        lo = fmin(mean - t_hi * se, mean - t_lo * se);
        hi = fmax(mean - t_hi * se, mean - t_lo * se);
    }
    s.ci95_low = lo;
    s.ci95_high = hi;
    return s;
}

sim_summary sim_summary_ratio(const double *num, const double *den, size_t count)
{
    SIM_REQUIRE(count == 0 || (num != NULL && den != NULL));
    bool *keep = sim_xcalloc(count ? count : 1, sizeof *keep);
    double *z = sim_xcalloc(count ? count : 1, sizeof *z);
    for (size_t i = 0; i < count; i++) keep[i] = pair_ok(num, den, i);
    ratio_est e = ratio_of(num, den, keep, count);
    for (size_t i = 0; i < count; i++)
        if (keep[i]) z[i] = (num[i] - e.r * den[i]) / e.dbar;
    /* With no denominator at all the mean is NaN; n still counts the replications. */
    sim_summary s = delta_summary(e.r, z, keep, count);
    free(keep);
    free(z);
    return s;
}

sim_summary sim_summary_ratio_diff(const double *num1, const double *den1, const double *num0,
                                   const double *den0, size_t count)
{
    SIM_REQUIRE(count == 0 || (num1 && den1 && num0 && den0));
    bool *keep = sim_xcalloc(count ? count : 1, sizeof *keep);
    double *z = sim_xcalloc(count ? count : 1, sizeof *z);
    for (size_t i = 0; i < count; i++) keep[i] = pair_ok(num1, den1, i) && pair_ok(num0, den0, i);
    ratio_est e1 = ratio_of(num1, den1, keep, count), e0 = ratio_of(num0, den0, keep, count);
    for (size_t i = 0; i < count; i++)
        if (keep[i])
            z[i] = (num1[i] - e1.r * den1[i]) / e1.dbar - (num0[i] - e0.r * den0[i]) / e0.dbar;
    sim_summary s = delta_summary(e1.r - e0.r, z, keep, count);
    free(keep);
    free(z);
    return s;
}
