/* models/study/precision.h: ccsim run --precision, replications until the headline
 * figures are as precise as asked.
 *
 * The headline measures are, over the counted window, each channel's service levels,
 * abandonment and ASA, and each group's occupancy: what the table and report.html lead
 * with. Fractions are held to a half-width of `share` (0.005: half a point), waits to
 * `wait_s` seconds. A measure with no contacts (NaN) has nothing to be precise about.
 *
 * The rule: run the first replications; while some headline 95% CI is wider than its
 * precision, grow to the count that the worst one's half-width predicts (a half-width
 * falls as 1/sqrt(n)), at least one more, at most four times as many, and never past
 * max_replications. Replication r is always seeded from (seed, r), so the stopping
 * point, and every figure, is the same for a seed whatever the thread count. */
#ifndef CC_PRECISION_H
#define CC_PRECISION_H
#include <stdbool.h>
#include <stddef.h>

#include "models/study/simulate.h"

/* The default of max_replications, as a multiple of the first count. */
#define CC_PRECISION_GROWTH_MAX 50

typedef struct cc_precision {
    double share;            /* half-width wanted on fractions, in (0, 0.5) */
    double wait_s;           /* half-width wanted on waits, seconds (> 0) */
    long max_replications;   /* the most to run; 0: 50 times the first count */
} cc_precision;

/* The worst headline measure: its half-width over its precision (<= 1: precise enough;
 * INFINITY with fewer than 2 replications), its name ("voice asa_s") in name. 0 when
 * there is no headline measure with a value. */
double cc_precision_worst(const cc_sim *s, const cc_precision *p, char *name, size_t len);

/* cc_sim_run, then more replications by the rule above. Same statuses as cc_sim_run;
 * *reached says whether every headline measure is within its precision. */
int    cc_precision_run(const cc_sim_options *o, const cc_precision *p, cc_sim *out,
                        bool *reached);

#endif /* CC_PRECISION_H */
