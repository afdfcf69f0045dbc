/* sim/tally.c: per-observation statistics by Welford's method.
 *
 * Data structure. count, running mean, m2 (sum of squared deviations from the running
 * mean), min, max and a plain sum, in caller storage.
 *
 * Invariant. After k adds, mean and m2 are those of the k values (up to rounding),
 * min <= mean <= max, and an empty tally has min = +inf and max = -inf so that the
 * first add needs no special case.
 *
 * Workload. A few adds per contact in the event loop, reads only at collect time. The
 * add is a handful of flops and two compares; Welford's update is chosen over summing
 * squares because waits can be large with a small spread, where the naive formula
 * cancels catastrophically. The sum is kept separately so that totals (talk seconds,
 * costs) are exact sums, not mean * count. */
#include "sim/tally.h"

#include <math.h>

void sim_tally_init(sim_tally *t)
{
    t->count = 0;
    t->mean = 0;
    t->m2 = 0;
    t->min = INFINITY;
    t->max = -INFINITY;
    t->sum = 0;
}

void sim_tally_add(sim_tally *t, double x)
{
    t->count++;
    double delta = x - t->mean;
    t->mean += delta / (double)t->count;
    t->m2 += delta * (x - t->mean);
    if (x < t->min)
        t->min = x;
    if (x > t->max)
        t->max = x;
    t->sum += x;
}

uint64_t sim_tally_count(const sim_tally *t)
{
    return t->count;
}

double sim_tally_sum(const sim_tally *t)
{
    return t->sum;
}

double sim_tally_mean(const sim_tally *t)
{
    return t->count ? t->mean : NAN;
}

double sim_tally_variance(const sim_tally *t)
{
    return t->count >= 2 ? t->m2 / (double)(t->count - 1) : NAN;
}

double sim_tally_min(const sim_tally *t)
{
    return t->count ? t->min : NAN;
}

double sim_tally_max(const sim_tally *t)
{
    return t->count ? t->max : NAN;
}
