/* models/center/scenario.c: the queries on a loaded scenario, and freeing it.
 * The scenario is plain data (models/center/scenario.h); models/io/load.c builds it from
 * a file. Nothing here reads text. */
#include "models/center/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cc_scenario_fini(cc_scenario *sc)
{
    for (size_t c = 0; c < sc->n_channels; c++) {
        cc_channel *ch = &sc->channels[c];
        free(ch->name);
        free(ch->segments);
        for (size_t i = 0; i < ch->n_sla; i++) free(ch->sla[i].name);
        for (size_t i = 0; i < ch->n_customers; i++) free(ch->customers[i].name);
    }
    free(sc->channels);
    for (size_t b = 0; b < sc->n_bots; b++) {
        free(sc->bots[b].name);
        free(sc->bots[b].serves);
        free(sc->bots[b].containment);
    }
    free(sc->bots);
    for (size_t g = 0; g < sc->n_groups; g++) {
        cc_group *gr = &sc->groups[g];
        free(gr->name);
        free(gr->staff_per_interval);
        free(gr->shifts);
        free(gr->skill);
        free(gr->factor);
        free(gr->concurrency);
    }
    free(sc->groups);
    free(sc->overflow);
    cc_routing_close(&sc->routing);
    for (size_t i = 0; i < sc->n_owned; i++) free(sc->owned_arrays[i]);
    free(sc->owned_arrays);
    free(sc->path);
    free(sc->name);
    free(sc->currency);
    memset(sc, 0, sizeof *sc);
}

int cc_scenario_channel(const cc_scenario *sc, const char *name)
{
    for (size_t c = 0; c < sc->n_channels; c++)
        if (sc->channels[c].name && strcmp(sc->channels[c].name, name) == 0) return (int)c;
    return -1;
}

double cc_scenario_interval_start(const cc_scenario *sc, size_t i)
{
    return sc->start_s + (double)i * sc->interval_s;
}

size_t cc_scenario_interval_of(const cc_scenario *sc, double t)
{
    if (t <= sc->start_s || sc->n_intervals == 0) return 0;
    double k = floor((t - sc->start_s) / sc->interval_s);
    if (k >= (double)sc->n_intervals) return sc->n_intervals - 1;
    return (size_t)k;
}

long cc_scenario_staff_at(const cc_scenario *sc, size_t g, double t)
{
    const cc_group *gr = &sc->groups[g];
    switch (gr->staff_kind) {
    case CC_STAFF_CONSTANT:
        return gr->staff;
    case CC_STAFF_LIST:
        return gr->staff_per_interval[cc_scenario_interval_of(sc, t)];
    default: {
        long on = 0;
        for (size_t i = 0; i < gr->n_shifts; i++)
            if (gr->shifts[i].start_s <= t && t < gr->shifts[i].end_s) on += gr->shifts[i].count;
        return on;
    }
    }
}

const char *cc_scenario_policy_name(const cc_scenario *sc)
{
    return sc->routing.library ? "plugin" : sc->routing.policy ? sc->routing.policy->name : "fcfs";
}

const char *cc_scenario_selection_name(cc_selection s)
{
    switch (s) {
    case CC_SELECT_LEAST_LOADED: return "least-loaded";
    case CC_SELECT_MOST_LOADED: return "most-loaded";
    default: return "longest-idle";
    }
}
