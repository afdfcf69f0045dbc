/* sim/timeavg.c: the time integral of a piecewise-constant level.
 *
 * Data structure. The current level, the time it took that value (last_s), the area
 * accumulated up to last_s, and the start of the observation window, in caller storage.
 *
 * Invariant. area == integral of the level over [start_s, last_s], and
 * start_s <= last_s. The level between last_s and any later time is the current level,
 * so the area up to "now" is area + level * (now - last_s) without touching the struct.
 *
 * Workload. One set or add at every change of a level (each arrival, service start and
 * end), so an update is one multiply-add; reads happen at collect time. Times must not
 * go backwards, a bug that SIM_REQUIRE catches because it would silently produce
 * negative areas. */
#include "sim/timeavg.h"

#include <math.h>

#include "sim/check.h"

void sim_timeavg_init(sim_timeavg *ta, double start_s, double level)
{
    SIM_REQUIRE(!isnan(start_s));
    ta->level = level;
    ta->last_s = start_s;
    ta->area = 0;
    ta->start_s = start_s;
}

void sim_timeavg_set(sim_timeavg *ta, double now_s, double level)
{
    SIM_REQUIRE(now_s >= ta->last_s);
    ta->area += ta->level * (now_s - ta->last_s);
    ta->last_s = now_s;
    ta->level = level;
}

void sim_timeavg_add(sim_timeavg *ta, double now_s, double delta)
{
    sim_timeavg_set(ta, now_s, ta->level + delta);
}

double sim_timeavg_level(const sim_timeavg *ta)
{
    return ta->level;
}

double sim_timeavg_area(const sim_timeavg *ta, double now_s)
{
    SIM_REQUIRE(now_s >= ta->last_s);
    return ta->area + ta->level * (now_s - ta->last_s);
}

double sim_timeavg_mean(const sim_timeavg *ta, double now_s)
{
    double window = now_s - ta->start_s;
    if (!(window > 0))
        return NAN;
    return sim_timeavg_area(ta, now_s) / window;
}

void sim_timeavg_restart(sim_timeavg *ta, double now_s)
{
    SIM_REQUIRE(now_s >= ta->last_s);
    ta->area = 0;
    ta->last_s = now_s;
    ta->start_s = now_s;
}
