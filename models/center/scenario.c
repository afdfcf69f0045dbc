/* models/center/scenario.c: the queries on a loaded scenario, and freeing it.
 * The scenario is plain data (models/center/scenario.h); models/io/load.c builds it from
 * a file. Nothing here reads text. */
#include "models/center/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"
#include "sim/status.h"

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
        free(gr->patterns);
        free(gr->skill);
        free(gr->factor);
        free(gr->concurrency);
    }
    free(sc->groups);
    free(sc->overflow);
    cc_routing_close(&sc->routing);
    for (size_t i = 0; i < sc->n_owned; i++) free(sc->owned_arrays[i]);
    free(sc->owned_arrays);
    for (size_t i = 0; i < sc->n_inputs; i++) free(sc->inputs[i]);
    free(sc->inputs);
    free(sc->path);
    free(sc->name);
    free(sc->currency);
    memset(sc, 0, sizeof *sc);
}

/* ---- copies ---- */

static char *dup_str(const char *s)
{
    return s ? sim_xstrdup(s) : NULL;
}

static void *dup_array(const void *p, size_t count, size_t size)
{
    if (!p || count == 0) return NULL;
    void *q = sim_xreallocarray(NULL, count, size);
    memcpy(q, p, count * size);
    return q;
}

/* An empirical law points at values the scenario owns: the copy gets its own. */
static void copy_dist(cc_scenario *dst, sim_dist *d)
{
    size_t n;
    const double *v = sim_dist_empirical_values(d, &n);
    if (!v) return;
    double *own = dup_array(v, n, sizeof *own);
    dst->owned_arrays = sim_xreallocarray(dst->owned_arrays, dst->n_owned + 1, sizeof *dst->owned_arrays);
    dst->owned_arrays[dst->n_owned++] = own;
    *d = sim_dist_empirical(own, n);
}

static void copy_channel(cc_scenario *dst, cc_channel *ch)
{
    ch->name = dup_str(ch->name);
    ch->segments = dup_array(ch->segments, ch->n_segments, sizeof *ch->segments);
    for (size_t i = 0; i < ch->n_sla; i++) ch->sla[i].name = dup_str(ch->sla[i].name);
    for (size_t i = 0; i < ch->n_customers; i++) ch->customers[i].name = dup_str(ch->customers[i].name);
    sim_dist *laws[] = {&ch->handle_time, &ch->wrap_up, &ch->patience, &ch->retrial_delay,
                        &ch->repeat_after};
    for (size_t i = 0; i < sizeof laws / sizeof laws[0]; i++) copy_dist(dst, laws[i]);
}

static void copy_group(const cc_scenario *sc, cc_group *g)
{
    size_t nc = sc->n_channels;
    g->name = dup_str(g->name);
    if (g->staff_kind == CC_STAFF_LIST)
        g->staff_per_interval = dup_array(g->staff_per_interval, sc->n_intervals, sizeof *g->staff_per_interval);
    g->shifts = dup_array(g->shifts, g->n_shifts, sizeof *g->shifts);
    g->patterns = dup_array(g->patterns, g->n_patterns, sizeof *g->patterns);
    g->skill = dup_array(g->skill, nc, sizeof *g->skill);
    g->factor = dup_array(g->factor, nc, sizeof *g->factor);
    g->concurrency = dup_array(g->concurrency, nc, sizeof *g->concurrency);
}

int cc_scenario_copy(cc_scenario *dst, const cc_scenario *src, char *err, size_t len)
{
    *dst = *src;
    dst->owned_arrays = NULL;
    dst->n_owned = 0;
    dst->path = dup_str(src->path);
    dst->inputs = dup_array(src->inputs, src->n_inputs, sizeof *dst->inputs);
    for (size_t i = 0; i < dst->n_inputs; i++) dst->inputs[i] = dup_str(dst->inputs[i]);
    dst->name = dup_str(src->name);
    dst->currency = dup_str(src->currency);
    dst->channels = dup_array(src->channels, src->n_channels, sizeof *dst->channels);
    for (size_t c = 0; c < dst->n_channels; c++) copy_channel(dst, &dst->channels[c]);
    dst->bots = dup_array(src->bots, src->n_bots, sizeof *dst->bots);
    for (size_t b = 0; b < dst->n_bots; b++) {
        cc_bot *bot = &dst->bots[b];
        bot->name = dup_str(bot->name);
        bot->serves = dup_array(bot->serves, src->n_channels, sizeof *bot->serves);
        bot->containment = dup_array(bot->containment, src->n_channels, sizeof *bot->containment);
        copy_dist(dst, &bot->handle_time);
    }
    dst->groups = dup_array(src->groups, src->n_groups, sizeof *dst->groups);
    for (size_t g = 0; g < dst->n_groups; g++) copy_group(src, &dst->groups[g]);
    dst->overflow = dup_array(src->overflow, src->n_overflow, sizeof *dst->overflow);
    if (cc_routing_copy(&dst->routing, &src->routing, err, len) != SIM_OK) {
        dst->routing = (cc_routing){0};
        cc_scenario_fini(dst);
        return SIM_EINVAL;
    }
    return SIM_OK;
}

void cc_scenario_set_staff(cc_scenario *sc, size_t g, const long *per_interval)
{
    cc_group *gr = &sc->groups[g];
    free(gr->staff_per_interval);
    free(gr->shifts);
    gr->shifts = NULL;
    gr->n_shifts = 0;
    gr->staff_kind = CC_STAFF_LIST;
    gr->staff_per_interval = dup_array(per_interval, sc->n_intervals, sizeof *per_interval);
    gr->max_staff = 0;
    for (size_t i = 0; i < sc->n_intervals; i++)
        if (per_interval[i] > gr->max_staff) gr->max_staff = per_interval[i];
}

void cc_scenario_set_sla(cc_scenario *sc, size_t c, const cc_sla *sla, size_t n)
{
    cc_channel *ch = &sc->channels[c];
    for (size_t i = 0; i < ch->n_sla; i++) free(ch->sla[i].name);
    ch->n_sla = n < CC_SLA_MAX ? n : CC_SLA_MAX;
    for (size_t i = 0; i < ch->n_sla; i++) {
        ch->sla[i] = sla[i];
        ch->sla[i].name = dup_str(sla[i].name);
    }
}

void cc_scenario_set_profile(cc_scenario *sc, size_t c, const double *rate_per_s)
{
    cc_channel *ch = &sc->channels[c];
    free(ch->segments);
    ch->arrivals_kind = CC_ARRIVALS_PROFILE;
    ch->n_segments = sc->n_intervals;
    ch->segments = sim_xcalloc(sc->n_intervals + 1, sizeof *ch->segments);
    for (size_t i = 0; i < sc->n_intervals; i++)
        ch->segments[i] = (cc_segment){cc_scenario_interval_start(sc, i), rate_per_s[i]};
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
    return sc->routing.library || sc->routing.path ? "plugin" : sc->routing.policy ? sc->routing.policy->name : "fcfs";
}

const char *cc_scenario_selection_name(cc_selection s)
{
    switch (s) {
    case CC_SELECT_LEAST_LOADED: return "least-loaded";
    case CC_SELECT_MOST_LOADED: return "most-loaded";
    default: return "longest-idle";
    }
}
