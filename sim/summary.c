/* sim/summary.c: the mean and a t-based 95% confidence interval across replications.
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

#include <gsl/gsl_cdf.h>

#include "sim/check.h"

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
