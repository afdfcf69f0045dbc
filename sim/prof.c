/* sim/prof.c: exclusive time per counter, with the cost of the clock taken out.
 *
 * Data structure. Per counter: clock ticks, regions entered, and regions entered from
 * it (children); a stack of the counters whose regions are open, and the clock at the
 * last switch. Entering or leaving a region reads the clock once and charges the time
 * since the last switch to the counter on top of the stack, so every tick goes to
 * exactly one counter.
 *
 * Correction. A read of the clock is not free, and part of its cost lands in the
 * region and part around it. sim_prof_init times 31 batches of 1,000 empty regions and
 * keeps the median cost per region inside (empty_inner) and around (empty_outer);
 * sim_prof_share takes entries x empty_inner out of each counter and children x
 * empty_outer out of the counter that was running when they were entered. What is left
 * is close to what the code would cost without the clock reads, to within their jitter.
 *
 * Workload. Only the profiled copy of make bench: a dozen regions per contact. */
#include "sim/prof.h"

#include <string.h>

#include <gsl/gsl_statistics_double.h>

void sim_prof_init(sim_prof *p)
{
    memset(p, 0, sizeof *p);
    enum { BATCHES = 31, PAIRS = 1000 };
    double inner[BATCHES], outer[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        sim_prof q;
        memset(&q, 0, sizeof q);
        sim_prof_start(&q);
        for (int i = 0; i < PAIRS; i++) {
            sim_prof_enter(&q, SIM_PROF_MODEL);
            sim_prof_leave(&q);
        }
        sim_prof_stop(&q);
        inner[b] = (double)q.ticks[SIM_PROF_MODEL] / PAIRS;
        outer[b] = (double)q.ticks[SIM_PROF_OTHER] / PAIRS;
    }
    p->empty_inner = gsl_stats_median(inner, 1, BATCHES);
    p->empty_outer = gsl_stats_median(outer, 1, BATCHES);
}

void sim_prof_start(sim_prof *p)
{
    p->on = 1;
    p->last = sim_prof_clock();
}

void sim_prof_stop(sim_prof *p)
{
    uint64_t t = sim_prof_clock();
    if (p->on) p->ticks[p->stack[p->depth]] += t - p->last;
    p->on = 0;
    p->last = t;
}

void sim_prof_merge(sim_prof *into, const sim_prof *from)
{
    for (unsigned k = 0; k < SIM_PROF_MAX; k++) {
        into->ticks[k] += from->ticks[k];
        into->entries[k] += from->entries[k];
        into->children[k] += from->children[k];
    }
    if (into->empty_inner == 0 && into->empty_outer == 0) {
        into->empty_inner = from->empty_inner;
        into->empty_outer = from->empty_outer;
    }
}

static double sim_prof_net(const sim_prof *p, unsigned k)
{
    double t = (double)p->ticks[k] - (double)p->entries[k] * p->empty_inner -
               (double)p->children[k] * p->empty_outer;
    return t > 0 ? t : 0;
}

double sim_prof_share(const sim_prof *p, unsigned k)
{
    double all = 0;
    for (unsigned j = 0; j < SIM_PROF_MAX; j++) all += sim_prof_net(p, j);
    return k < SIM_PROF_MAX && all > 0 ? sim_prof_net(p, k) / all : 0;
}
