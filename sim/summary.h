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

#endif /* SIM_SUMMARY_H */
