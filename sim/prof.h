/* sim/prof.h: where the time of a replication goes, for make bench only.
 * A sim_prof is a set of SIM_PROF_MAX named counters of exclusive time: at any moment
 * exactly one counter is charged, the one of the innermost region entered and not yet
 * left (SIM_PROF_OTHER outside every region). The engine numbers its own counters (the
 * calendar, random variates, statistics); a model numbers its own from SIM_PROF_MODEL
 * on and names them itself. Regions nest up to SIM_PROF_DEPTH deep.
 *
 * The counters exist only in a build compiled with -DSIM_PROFILE (make bench builds a
 * separate copy of sim/ and models/ that way). Otherwise SIM_PROF_ENTER and
 * SIM_PROF_LEAVE expand to nothing, sim_run has no counters, and the code is what it is
 * without them. Reading the clock costs time of its own (about 11 ns per read on the
 * development VM, next to some 100 ns per event), so a profiled run is slower, and
 * sim_prof_share subtracts the measured cost of an empty region from every region. */
#ifndef SIM_PROF_H
#define SIM_PROF_H
#include <stdint.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#else
#include <time.h>
#endif

enum {
    SIM_PROF_OTHER,      /* outside every region: the model's own work, the event loop */
    SIM_PROF_CALENDAR,   /* schedule, cancel, peek and pop */
    SIM_PROF_RANDOM,     /* random variates */
    SIM_PROF_STATS,      /* statistics updates */
    SIM_PROF_MODEL,      /* the first counter a model may number */
    SIM_PROF_MAX = 8,
    SIM_PROF_DEPTH = 8
};

typedef struct sim_prof {             /* private fields */
    uint64_t ticks[SIM_PROF_MAX];     /* exclusive clock ticks charged to each counter */
    uint64_t entries[SIM_PROF_MAX];   /* regions entered, per counter */
    uint64_t children[SIM_PROF_MAX];  /* regions entered while this counter ran */
    uint64_t last;                    /* clock at the last switch of counter */
    double empty_inner, empty_outer;  /* ticks an empty region charges inside and around */
    unsigned depth;
    int on;                           /* charging: between sim_prof_start and _stop */
    unsigned char stack[SIM_PROF_DEPTH + 1];  /* stack[depth] is being charged */
} sim_prof;

/* The clock: the time-stamp counter on x86, else nanoseconds. */
static inline uint64_t sim_prof_clock(void)
{
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* All zero, SIM_PROF_OTHER charged; times empty regions (a fraction of a ms). */
void     sim_prof_init(sim_prof *p);
/* Charging starts now (the event loop starts); regions entered before only nest. */
void     sim_prof_start(sim_prof *p);
/* Charges the time since the last switch and stops charging (the loop ends). */
void     sim_prof_stop(sim_prof *p);
/* Adds every counter of from to into (replications of a case). */
void     sim_prof_merge(sim_prof *into, const sim_prof *from);
/* Counter k's share of the time, in [0, 1], after taking out the cost of reading the
 * clock: every region entered is charged less what an empty region costs (timed by
 * sim_prof_init). */
double   sim_prof_share(const sim_prof *p, unsigned k);

/* Regions are code, so their nesting is bounded by the code; SIM_PROF_DEPTH is ample. */
static inline void sim_prof_enter(sim_prof *p, unsigned k)
{
    uint64_t t = sim_prof_clock();
    if (p->on) {
        unsigned cur = p->stack[p->depth];
        p->ticks[cur] += t - p->last;
        p->children[cur]++;
        p->entries[k]++;
    }
    p->stack[++p->depth] = (unsigned char)k;
    p->last = t;
}

static inline void sim_prof_leave(sim_prof *p)
{
    uint64_t t = sim_prof_clock();
    if (p->on) p->ticks[p->stack[p->depth]] += t - p->last;
    p->depth--;
    p->last = t;
}

#ifdef SIM_PROFILE
/* run is a sim_run * (sim/run.h); counter a SIM_PROF_* or a model's number. */
#define SIM_PROF_ENTER(run, counter) sim_prof_enter(sim_run_prof(run), (counter))
#define SIM_PROF_LEAVE(run) sim_prof_leave(sim_run_prof(run))
#else
#define SIM_PROF_ENTER(run, counter) ((void)0)
#define SIM_PROF_LEAVE(run) ((void)0)
#endif

#endif /* SIM_PROF_H */
