/* sim/timeavg.h: time-weighted statistics of a level (busy agents, queue length).
 * Call sim_timeavg_set at every change of the level; it integrates level x elapsed time.
 * Sampling a level only at events is biased, so there is no other way to feed it.
 * Times never go backwards (a bug, SIM_REQUIRE). */
#ifndef SIM_TIMEAVG_H
#define SIM_TIMEAVG_H

typedef struct sim_timeavg { /* private fields */
    double level;
    double last_s;
    double area;
    double start_s;
} sim_timeavg;

void   sim_timeavg_init(sim_timeavg *ta, double start_s, double level);
void   sim_timeavg_set(sim_timeavg *ta, double now_s, double level);
void   sim_timeavg_add(sim_timeavg *ta, double now_s, double delta);  /* level += delta */
double sim_timeavg_level(const sim_timeavg *ta);
/* Area (level x seconds) from the start up to now_s >= the last change. */
double sim_timeavg_area(const sim_timeavg *ta, double now_s);
/* area / (now_s - start); NaN for an empty window. */
double sim_timeavg_mean(const sim_timeavg *ta, double now_s);
/* Forgets the area so far and starts a new window at now_s (end of warm-up). */
void   sim_timeavg_restart(sim_timeavg *ta, double now_s);

#endif /* SIM_TIMEAVG_H */
