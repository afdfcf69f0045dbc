/* sim/sample.h: stored observations for percentiles.
 * A growable array of doubles. Quantiles sort it (gsl_sort) once after the last add and
 * interpolate as gsl_stats_quantile_from_sorted_data does. The sample owns its array. */
#ifndef SIM_SAMPLE_H
#define SIM_SAMPLE_H
#include <stdbool.h>
#include <stddef.h>

typedef struct sim_sample {  /* private fields */
    double *x;
    size_t n, cap;
    bool sorted;
} sim_sample;

void   sim_sample_init(sim_sample *s);
void   sim_sample_fini(sim_sample *s);
void   sim_sample_reset(sim_sample *s);            /* empty, keeps memory */
void   sim_sample_add(sim_sample *s, double x);
size_t sim_sample_count(const sim_sample *s);
/* Appends every observation of from to into. */
void   sim_sample_merge(sim_sample *into, const sim_sample *from);
/* Sorts the sample now; a no-op when it is sorted already. */
void   sim_sample_sort(sim_sample *s);
/* into becomes the union of parts[0..k), sorted. Each part is sorted (once: parts stay
 * sorted for later calls) and the sorted runs are merged pairwise, O(n log k) instead of
 * sorting the union afresh. Built for percentiles pooled over channels or intervals
 * whose own percentiles were needed anyway. */
void   sim_sample_union(sim_sample *into, sim_sample *const *parts, size_t k);
/* The p-quantile, p in [0, 1]; NaN when empty. Sorts the sample on first use. */
double sim_sample_quantile(sim_sample *s, double p);

#endif /* SIM_SAMPLE_H */
