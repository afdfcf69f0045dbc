/* sim/summary.h: statistics across replications.
 * The mean of per-replication values and a t-based 95% confidence interval,
 * mean +- t(0.975, n-1) * sd / sqrt(n), with the t quantile from GSL. NaN values (a
 * measure undefined in a replication, such as ASA with no answered contact) are left
 * out, and n says how many values counted. With n == 1 the bounds are NaN; with n == 0
 * everything is NaN. */
#ifndef SIM_SUMMARY_H
#define SIM_SUMMARY_H
#include <stddef.h>

typedef struct sim_summary {
    double mean;
    double sd;
    double ci95_low;
    double ci95_high;
    size_t n;
} sim_summary;

/* x[i * stride] for i < count. */
sim_summary sim_summary_of(const double *x, size_t count, size_t stride);

/* The ratio of sums R = sum(num) / sum(den) of count replications' pairs: the estimator
 * of E[num] / E[den], a per-contact figure pooled over all contacts (a service level is
 * answered-in-time over contacts, ASA total wait over answered), which a mean of
 * per-replication ratios is not. The 95% CI is by the delta method on the residuals
 * e = num - R den, d = mean(den): R +- t(0.975, n-1) sd(e) / (d sqrt(n)), corrected for
 * the residuals' skewness (Hall's transformation, sim/summary.c); sd is sd(e) / d. A pair with a NaN is left out; a pair with den 0 counts (it adds to
 * neither sum). The mean is NaN when sum(den) is 0, the bounds when n < 2 or every
 * residual is undefined. */
sim_summary sim_summary_ratio(const double *num, const double *den, size_t count);
/* The paired difference R1 - R0 of two ratios of sums on common random numbers (pair
 * i of both comes from the same replication), with the delta-method CI of the
 * difference: residuals e1 / d1 - e0 / d0. Pairs where either has a NaN are left out. */
sim_summary sim_summary_ratio_diff(const double *num1, const double *den1, const double *num0,
                                   const double *den0, size_t count);

#endif /* SIM_SUMMARY_H */
