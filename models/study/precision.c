/* models/study/precision.c: replications until the headline figures are precise
 * enough (models/study/precision.h). */
#include <math.h>
#include <stdio.h>

#include "models/center/measure.h"
#include "models/study/precision.h"

/* Whether measure ms is a headline one, and its precision then (0: not one). */
static double precision_of(const cc_measure *ms, const cc_precision *p)
{
    if (ms->scope == CC_SCOPE_CHANNEL &&
        (ms->id == CC_M_SERVICE_LEVEL || ms->id == CC_M_ABANDON_RATE))
        return p->share;
    if (ms->scope == CC_SCOPE_CHANNEL && ms->id == CC_M_ASA) return p->wait_s;
    if (ms->scope == CC_SCOPE_GROUP && ms->id == CC_M_OCCUPANCY) return p->share;
    return 0;
}

double cc_precision_worst(const cc_sim *s, const cc_precision *p, char *name, size_t len)
{
    const cc_measure *ms = cc_model_measures(s->m);
    size_t nm = cc_model_measure_count(s->m);
    double worst = 0;
    if (len) name[0] = '\0';
    for (size_t k = 0; k < nm; k++) {
        double want = precision_of(&ms[k], p);
        if (!(want > 0)) continue;
        sim_summary m = cc_model_summary(s->m, s->res, s->n, k, -1);
        if (isnan(m.mean)) continue;
        double half = s->n < 2 || isnan(m.ci95_high) ? INFINITY : (m.ci95_high - m.ci95_low) / 2;
        if (!(half / want > worst)) continue;
        worst = half / want;
        char measure[CC_MEASURE_NAME_MAX];
        cc_measure_format(ms[k].id, ms[k].threshold_s, measure, sizeof measure);
        const char *owner = ms[k].scope == CC_SCOPE_CHANNEL ? s->sc.channels[ms[k].index].name
                                                            : s->sc.groups[ms[k].index].name;
        snprintf(name, len, "%s %s", owner, measure);
    }
    return worst;
}

int cc_precision_run(const cc_sim_options *o, const cc_precision *p, cc_sim *out, bool *reached)
{
    *reached = false;
    int rc = cc_sim_run(o, NULL, 0, out);
    size_t first = rc == 0 ? out->n : 0;
    while (rc == 0) {
        char name[160];
        double worst = cc_precision_worst(out, p, name, sizeof name);
        if (worst <= 1) {
            *reached = true;
            break;
        }
        size_t n = out->n, max = p->max_replications > 0 ? (size_t)p->max_replications
                                                            : CC_PRECISION_GROWTH_MAX * first;
        if (max > CC_REPLICATIONS_MAX) max = CC_REPLICATIONS_MAX;
        if (n >= max) break;
        /* The half-width falls as 1/sqrt(n): n * worst^2 replications would just reach
         * it; a tenth more so that the next look usually ends it. */
        double want = isinf(worst) ? 2.0 * (double)n : ceil(1.1 * (double)n * worst * worst);
        size_t next = want > 4.0 * (double)n ? 4 * n : (size_t)want;
        if (next <= n) next = n + 1;
        if (next > max) next = max;
        rc = cc_sim_extend(o, out, next);
    }
    return rc;
}
