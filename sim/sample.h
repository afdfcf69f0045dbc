/* sim/sample.h: observations for percentiles, in bounded memory.
 * Up to SIM_SAMPLE_EXACT_MAX observations are stored as they are: quantiles then sort
 * them (gsl_sort, once) and interpolate as gsl_stats_quantile_from_sorted_data does,
 * exactly. Past that the sample folds into a log-linear histogram: exact zeros are
 * counted apart (most waits are 0), and positive values fall into buckets of width
 * 1/SIM_SAMPLE_SUBBUCKETS of an octave, so a quantile is within 0.4% of the exact one,
 * for values from 1 ms to 2^24 s; memory stays bounded whatever the number of
 * observations. The sample owns its memory. */
#ifndef SIM_SAMPLE_H
#define SIM_SAMPLE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_SAMPLE_EXACT_MAX 4096
#define SIM_SAMPLE_SUBBUCKETS 256

typedef struct sim_sample {  /* private fields */
    double *x;               /* exact mode: the observations */
    size_t n, cap;           /* observations in all; capacity of x */
    bool sorted;
    bool binned;             /* histogram mode */
    uint64_t zeros;          /* histogram mode: observations equal to 0 */
    uint64_t *bin;           /* histogram mode: counts of buckets [lo, lo + nbin) */
    long lo;
    size_t nbin;
} sim_sample;

void   sim_sample_init(sim_sample *s);
void   sim_sample_fini(sim_sample *s);
void   sim_sample_reset(sim_sample *s);            /* empty, keeps memory */
void   sim_sample_add(sim_sample *s, double x);    /* x >= 0 and not NaN */
size_t sim_sample_count(const sim_sample *s);
/* True while the sample stores every observation (its quantiles are exact). */
bool   sim_sample_is_exact(const sim_sample *s);
/* Adds every observation of from to into. */
void   sim_sample_merge(sim_sample *into, const sim_sample *from);
/* Sorts an exact sample now; a no-op when it is sorted already or binned. */
void   sim_sample_sort(sim_sample *s);
/* into becomes the union of parts[0..k). Exact parts are sorted (once: they stay
 * sorted) and their sorted runs merged, O(n log k); binned parts are added bucket by
 * bucket. */
void   sim_sample_union(sim_sample *into, sim_sample *const *parts, size_t k);
/* The p-quantile, p in [0, 1]; NaN when empty. */
double sim_sample_quantile(sim_sample *s, double p);

#endif /* SIM_SAMPLE_H */
