/* sim/tally.h: per-observation statistics (waits, handle times).
 * Count, mean and variance by Welford's method, min and max. Never feed a level (queue
 * length, busy agents) here: that is sim/timeavg.h's job. The struct is plain data so
 * that arrays of tallies can live inside model state without allocation. */
#ifndef SIM_TALLY_H
#define SIM_TALLY_H
#include <stdint.h>

typedef struct sim_tally {   /* private fields; read them through the functions */
    uint64_t count;
    double mean, m2, min, max, sum;
} sim_tally;

void     sim_tally_init(sim_tally *t);
void     sim_tally_add(sim_tally *t, double x);
uint64_t sim_tally_count(const sim_tally *t);
double   sim_tally_sum(const sim_tally *t);
double   sim_tally_mean(const sim_tally *t);       /* NaN when empty */
double   sim_tally_variance(const sim_tally *t);   /* sample variance; NaN under 2 */
double   sim_tally_min(const sim_tally *t);        /* NaN when empty */
double   sim_tally_max(const sim_tally *t);        /* NaN when empty */

#endif /* SIM_TALLY_H */
