/* models/model.c: one replication of a contact center.
 *
 * Data structures. A waiting contact sits in its channel's queue, an intrusive doubly
 * linked FIFO ordered by the time it joined (arrival, or escalation later), so removal on
 * answer or abandonment is O(1) and the head is the longest waiting contact of the
 * channel. An idle agent sits in its group's idle list, appended when it becomes idle, so
 * the head is the group's longest idle agent. An arriving contact looks only at the
 * heads of the idle lists of the groups with its skill; a freed agent looks only at the
 * heads of the queues of its skills. Nothing scans all agents or all waiting contacts.
 * Contacts come from a per-replication pool; no event allocates.
 *
 * Randomness. Each channel has its own streams, "arrivals/X", "work/X", "patience/X" and
 * "wrapup/X", and a contact draws its work, patience and wrap-up when it arrives, so
 * changing the policy or the staffing never moves an arrival or a service time.
 *
 * Statistics. Counts, wait sums and SLA hits are kept per (interval, channel), waits
 * for percentiles are stored per (interval, channel), busy agents per group are
 * integrated over time (sim_timeavg) and cut at every interval boundary by a snapshot
 * event. collect() turns all this into the flat measure array of model.h. */
#include "models/model.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/sim.h"

enum { PRIO_SNAPSHOT = 0, PRIO_EVENT = 1, PRIO_END = 2 };

typedef struct agent agent;
typedef struct contact contact;

struct contact {
    contact *prev, *next;      /* in its channel's queue */
    double arrival_s;
    double queued_s;           /* joined the human queue: the wait counts from here */
    double work_s;             /* drawn at arrival; handle time = work x factor */
    double patience_s;         /* drawn at arrival; INFINITY when patient */
    double wrap_s;             /* drawn at arrival; 0 without wrap-up */
    double handle_s;           /* set when service starts */
    sim_event_id abandon_ev;
    uint32_t channel;
    uint32_t interval;
    bool counted;
};

struct agent {
    agent *prev, *next;        /* in its group's idle list while idle */
    contact *serving;          /* NULL while idle or in wrap-up */
    double idle_since_s;
    uint32_t group;
    bool idle;
};

typedef struct chan_rt {
    uint32_t index;
    contact *head, *tail;
    size_t waiting;
    gsl_rng *arrivals, *work, *patience, *wrapup;
    size_t segment;            /* arrival segment in force */
    uint32_t *groups;          /* groups with this skill */
    size_t n_groups;
} chan_rt;

typedef struct group_rt {
    agent *agents;
    size_t n_agents;
    agent *idle_head, *idle_tail;
    uint32_t *channels;        /* the group's skills */
    size_t n_channels;
    sim_timeavg busy;          /* agents holding a contact or in wrap-up */
    double busy_mark;          /* busy area at the last snapshot */
} group_rt;

typedef struct chan_counts {
    double offered, answered, abandoned, handled, wait_sum, handle_sum;
    double within[CC_SLA_MAX];
} chan_counts;

typedef struct group_counts {
    double busy_area, staffed_area, answered;
} group_counts;

struct cc_model {
    const cc_scenario *sc;
    cc_measure *measures;
    size_t n_measures, cap_measures;
    double *total_thresholds;  /* distinct SLA thresholds over all channels, seconds */
    size_t n_thresholds;
    double *snap_times;        /* snapshot times, increasing */
    long *snap_interval;       /* interval of the span that starts there; -1 not counted */
    size_t n_snaps;
};

typedef struct rep {
    const cc_model *m;
    const cc_scenario *sc;
    sim_run *run;
    sim_pool *contacts;
    chan_rt *ch;
    group_rt *gr;
    chan_counts *cc;           /* [interval * n_channels + c] */
    group_counts *gc;          /* [interval * n_groups + g] */
    double *busy_by_channel;   /* [(interval * n_groups + g) * n_channels + c], agent seconds */
    sim_sample *waits;         /* [interval * n_channels + c] */
    size_t next_snap;
    double last_snap_s;
    long last_snap_interval;
    double unfinished;
} rep;

/* ---- queues and idle lists ---- */

static void queue_push(chan_rt *q, contact *c)
{
    c->next = NULL;
    c->prev = q->tail;
    if (q->tail) q->tail->next = c;
    else q->head = c;
    q->tail = c;
    q->waiting++;
}

static void queue_remove(chan_rt *q, contact *c)
{
    if (c->prev) c->prev->next = c->next;
    else q->head = c->next;
    if (c->next) c->next->prev = c->prev;
    else q->tail = c->prev;
    c->prev = c->next = NULL;
    q->waiting--;
}

static void idle_push(group_rt *g, agent *a)
{
    a->next = NULL;
    a->prev = g->idle_tail;
    if (g->idle_tail) g->idle_tail->next = a;
    else g->idle_head = a;
    g->idle_tail = a;
    a->idle = true;
}

static void idle_remove(group_rt *g, agent *a)
{
    if (a->prev) a->prev->next = a->next;
    else g->idle_head = a->next;
    if (a->next) a->next->prev = a->prev;
    else g->idle_tail = a->prev;
    a->prev = a->next = NULL;
    a->idle = false;
}

/* ---- service ---- */

static void on_service_end(sim_run *run, void *subject, void *arg);
static void on_wrap_end(sim_run *run, void *subject, void *arg);
static void on_abandon(sim_run *run, void *subject, void *arg);

/* The agent's group answers contact c now. */
static void start_service(rep *r, agent *a, contact *c)
{
    const cc_scenario *sc = r->sc;
    const cc_channel *chs = &sc->channels[c->channel];
    double now = sim_run_now(r->run);
    if (c->abandon_ev) {
        sim_run_cancel(r->run, c->abandon_ev);
        c->abandon_ev = 0;
    }
    if (c->counted) {
        double wait = now - c->queued_s;
        size_t k = (size_t)c->interval * sc->n_channels + c->channel;
        chan_counts *n = &r->cc[k];
        n->answered++;
        n->wait_sum += wait;
        for (size_t s = 0; s < chs->n_sla; s++)
            if (wait <= chs->sla[s].within_s) n->within[s]++;
        sim_sample_add(&r->waits[k], wait);
        r->gc[(size_t)c->interval * sc->n_groups + a->group].answered++;
    }
    c->handle_s = c->work_s * sc->groups[a->group].factor[c->channel];
    a->serving = c;
    sim_run_schedule(r->run, now + c->handle_s, PRIO_EVENT, on_service_end, a, r);
}

/* The contact that agent a takes next under the routing policy, or NULL. Only queue
 * heads are candidates: each head is the longest waiting contact of its channel. */
static contact *pick_contact(rep *r, const group_rt *g)
{
    const cc_scenario *sc = r->sc;
    contact *best = NULL;
    double best_key = INFINITY, best_key2 = INFINITY;
    double now = sim_run_now(r->run);
    for (size_t i = 0; i < g->n_channels; i++) {
        contact *c = r->ch[g->channels[i]].head;
        if (!c) continue;
        double key, key2 = c->queued_s;
        switch (sc->policy) {
        case CC_POLICY_PRIORITY:
            key = (double)sc->channels[c->channel].priority;
            break;
        case CC_POLICY_SLA_URGENCY: {
            const cc_channel *ch = &sc->channels[c->channel];
            double within = ch->n_sla && ch->sla[0].within_s > 0 ? ch->sla[0].within_s : INFINITY;
            key = -((now - c->queued_s) / within); /* the most urgent has the smallest key */
            break;
        }
        default:
            key = c->queued_s;
            break;
        }
        if (key < best_key || (key == best_key && key2 < best_key2)) {
            best = c;
            best_key = key;
            best_key2 = key2;
        }
    }
    return best;
}

/* Agent a has nothing in hand: it takes the next waiting contact or goes idle. */
static void agent_free(rep *r, agent *a)
{
    group_rt *g = &r->gr[a->group];
    contact *c = pick_contact(r, g);
    if (c) {
        queue_remove(&r->ch[c->channel], c);
        start_service(r, a, c);
        return;
    }
    double now = sim_run_now(r->run);
    sim_timeavg_add(&g->busy, now, -1);
    a->idle_since_s = now;
    idle_push(g, a);
}

static void on_service_end(sim_run *run, void *subject, void *arg)
{
    rep *r = arg;
    agent *a = subject;
    contact *c = a->serving;
    const cc_scenario *sc = r->sc;
    a->serving = NULL;
    double agent_time = c->handle_s + c->wrap_s;
    if (c->counted) {
        chan_counts *n = &r->cc[(size_t)c->interval * sc->n_channels + c->channel];
        n->handled++;
        n->handle_sum += c->handle_s;
        r->busy_by_channel[((size_t)c->interval * sc->n_groups + a->group) * sc->n_channels +
                           c->channel] += agent_time;
    }
    double wrap = c->wrap_s;
    sim_pool_put(r->contacts, c);
    if (wrap > 0) sim_run_schedule(run, sim_run_now(run) + wrap, PRIO_EVENT, on_wrap_end, a, r);
    else agent_free(r, a);
}

static void on_wrap_end(sim_run *run, void *subject, void *arg)
{
    (void)run;
    agent_free(arg, subject);
}

static void on_abandon(sim_run *run, void *subject, void *arg)
{
    (void)run;
    rep *r = arg;
    contact *c = subject;
    c->abandon_ev = 0;
    queue_remove(&r->ch[c->channel], c);
    if (c->counted) r->cc[(size_t)c->interval * r->sc->n_channels + c->channel].abandoned++;
    sim_pool_put(r->contacts, c);
}

/* The idle agent that should take a contact of channel q, or NULL. With one contact per
 * agent every idle agent has load 0, so every selection rule picks the longest idle;
 * ties between groups go to the group listed first. */
static agent *pick_agent(rep *r, const chan_rt *q)
{
    agent *best = NULL;
    for (size_t i = 0; i < q->n_groups; i++) {
        agent *a = r->gr[q->groups[i]].idle_head;
        if (a && (!best || a->idle_since_s < best->idle_since_s)) best = a;
    }
    return best;
}

/* A contact joins the human side: an idle agent takes it, or it waits. */
static void route_contact(rep *r, contact *c)
{
    chan_rt *q = &r->ch[c->channel];
    agent *a = pick_agent(r, q);
    double now = sim_run_now(r->run);
    if (a) {
        group_rt *g = &r->gr[a->group];
        idle_remove(g, a);
        sim_timeavg_add(&g->busy, now, +1);
        start_service(r, a, c);
        return;
    }
    queue_push(q, c);
    if (c->patience_s < INFINITY)
        c->abandon_ev = sim_run_schedule(r->run, now + c->patience_s, PRIO_EVENT, on_abandon, c, r);
}

/* ---- arrivals ---- */

static void on_arrival(sim_run *run, void *subject, void *arg);

/* Next arrival of a piecewise-constant Poisson process by inverting its cumulative
 * rate: one unit exponential per arrival, spent across segments (rate 0 spends none).
 * Returns INFINITY after the horizon. */
static double next_arrival(const cc_scenario *sc, chan_rt *q, double t)
{
    const cc_channel *ch = &sc->channels[q->index];
    double e = gsl_ran_exponential(q->arrivals, 1.0);
    while (q->segment < ch->n_segments) {
        double rate = ch->segments[q->segment].rate_per_s;
        double end = q->segment + 1 < ch->n_segments ? ch->segments[q->segment + 1].start_s
                                                      : sc->end_s;
        if (end > sc->end_s) end = sc->end_s;
        if (rate > 0 && t + e / rate < end) return t + e / rate;
        if (rate > 0) e -= (end - t) * rate;
        t = end;
        if (t >= sc->end_s) break;
        q->segment++;
    }
    return INFINITY;
}

static void schedule_arrival(rep *r, chan_rt *q, double from_s)
{
    double t = next_arrival(r->sc, q, from_s);
    if (t < r->sc->end_s) sim_run_schedule(r->run, t, PRIO_EVENT, on_arrival, q, r);
}

static void on_arrival(sim_run *run, void *subject, void *arg)
{
    rep *r = arg;
    chan_rt *q = subject;
    const cc_scenario *sc = r->sc;
    const cc_channel *ch = &sc->channels[q->index];
    double now = sim_run_now(run);
    contact *c = sim_pool_get(r->contacts);
    c->arrival_s = c->queued_s = now;
    c->channel = q->index;
    c->interval = (uint32_t)cc_scenario_interval_of(sc, now);
    c->counted = now >= sc->count_from_s;
    c->work_s = sim_dist_sample(q->work, &ch->handle_time);
    c->patience_s = ch->has_patience ? sim_dist_sample(q->patience, &ch->patience) : INFINITY;
    c->wrap_s = ch->has_wrap_up ? sim_dist_sample(q->wrapup, &ch->wrap_up) : 0;
    if (c->counted) r->cc[(size_t)c->interval * sc->n_channels + c->channel].offered++;
    schedule_arrival(r, q, now);
    route_contact(r, c);
}

/* ---- interval snapshots and the end of the horizon ---- */

static void on_snapshot(sim_run *run, void *subject, void *arg)
{
    (void)subject;
    rep *r = arg;
    const cc_scenario *sc = r->sc;
    double now = sim_run_now(run);
    for (size_t g = 0; g < sc->n_groups; g++) {
        group_rt *gr = &r->gr[g];
        double area = sim_timeavg_area(&gr->busy, now);
        if (r->last_snap_interval >= 0) {
            group_counts *n = &r->gc[(size_t)r->last_snap_interval * sc->n_groups + g];
            n->busy_area += area - gr->busy_mark;
            n->staffed_area += (double)gr->n_agents * (now - r->last_snap_s);
        }
        gr->busy_mark = area;
    }
    r->last_snap_s = now;
    r->last_snap_interval = r->m->snap_interval[r->next_snap];
    r->next_snap++;
    if (r->next_snap < r->m->n_snaps)
        sim_run_schedule(run, r->m->snap_times[r->next_snap], PRIO_SNAPSHOT, on_snapshot, NULL, r);
}

static void on_horizon_end(sim_run *run, void *subject, void *arg)
{
    (void)subject;
    (void)arg;
    sim_run_stop(run);
}

/* ---- replication setup and teardown ---- */

static void *rep_setup(const void *model, sim_run *run)
{
    const cc_model *m = model;
    const cc_scenario *sc = m->sc;
    rep *r = sim_xcalloc(1, sizeof *r);
    r->m = m;
    r->sc = sc;
    r->run = run;
    r->contacts = sim_pool_alloc(sizeof(contact), 4096);
    size_t nc = sc->n_channels, ng = sc->n_groups, ni = sc->n_intervals;
    r->cc = sim_xcalloc(ni * nc, sizeof *r->cc);
    r->gc = sim_xcalloc(ni * ng, sizeof *r->gc);
    r->busy_by_channel = sim_xcalloc(ni * ng * nc, sizeof *r->busy_by_channel);
    r->waits = sim_xcalloc(ni * nc, sizeof *r->waits);
    for (size_t i = 0; i < ni * nc; i++) sim_sample_init(&r->waits[i]);

    r->gr = sim_xcalloc(ng, sizeof *r->gr);
    for (size_t g = 0; g < ng; g++) {
        const cc_group *gs = &sc->groups[g];
        group_rt *gr = &r->gr[g];
        gr->n_agents = (size_t)gs->staff;
        gr->agents = sim_xcalloc(gr->n_agents ? gr->n_agents : 1, sizeof *gr->agents);
        gr->channels = sim_xcalloc(nc, sizeof *gr->channels);
        for (size_t c = 0; c < nc; c++)
            if (gs->skill[c]) gr->channels[gr->n_channels++] = (uint32_t)c;
        sim_timeavg_init(&gr->busy, sc->start_s, 0);
        for (size_t i = 0; i < gr->n_agents; i++) {
            agent *a = &gr->agents[i];
            a->group = (uint32_t)g;
            a->idle_since_s = sc->start_s;
            idle_push(gr, a);
        }
    }
    r->ch = sim_xcalloc(nc, sizeof *r->ch);
    for (size_t c = 0; c < nc; c++) {
        chan_rt *q = &r->ch[c];
        const char *name = sc->channels[c].name;
        char purpose[300];
        q->index = (uint32_t)c;
        snprintf(purpose, sizeof purpose, "arrivals/%s", name);
        q->arrivals = sim_run_stream(run, purpose);
        snprintf(purpose, sizeof purpose, "work/%s", name);
        q->work = sim_run_stream(run, purpose);
        snprintf(purpose, sizeof purpose, "patience/%s", name);
        q->patience = sim_run_stream(run, purpose);
        snprintf(purpose, sizeof purpose, "wrapup/%s", name);
        q->wrapup = sim_run_stream(run, purpose);
        q->groups = sim_xcalloc(ng, sizeof *q->groups);
        for (size_t g = 0; g < ng; g++)
            if (sc->groups[g].skill[c]) q->groups[q->n_groups++] = (uint32_t)g;
    }
    r->last_snap_interval = -1;
    r->last_snap_s = sc->start_s;
    sim_run_schedule(run, m->snap_times[0], PRIO_SNAPSHOT, on_snapshot, NULL, r);
    if (!sc->drain) sim_run_schedule(run, sc->end_s, PRIO_END, on_horizon_end, NULL, r);
    for (size_t c = 0; c < nc; c++) schedule_arrival(r, &r->ch[c], sc->start_s);
    return r;
}

static void rep_teardown(const void *model, void *state)
{
    const cc_model *m = model;
    rep *r = state;
    const cc_scenario *sc = m->sc;
    for (size_t i = 0; i < sc->n_intervals * sc->n_channels; i++) sim_sample_fini(&r->waits[i]);
    for (size_t g = 0; g < sc->n_groups; g++) {
        free(r->gr[g].agents);
        free(r->gr[g].channels);
    }
    for (size_t c = 0; c < sc->n_channels; c++) free(r->ch[c].groups);
    free(r->gr);
    free(r->ch);
    free(r->cc);
    free(r->gc);
    free(r->busy_by_channel);
    free(r->waits);
    sim_pool_free(r->contacts);
    free(r);
}

/* ---- measures ----
 * One function lists every measure in order. With values == NULL it only builds the
 * layout (at model creation); otherwise it writes the values of one slice: an interval,
 * or all of them. Listing and computing in one place keeps them from drifting apart. */

typedef struct emitter {
    cc_model *layout;          /* building the layout */
    double *values;            /* or writing values */
    size_t at;
} emitter;

static void emit(emitter *e, cc_scope scope, size_t index, const char *name, double v)
{
    if (e->layout) {
        cc_model *m = e->layout;
        if (m->n_measures == m->cap_measures) {
            m->cap_measures = m->cap_measures ? 2 * m->cap_measures : 64;
            m->measures = sim_xreallocarray(m->measures, m->cap_measures, sizeof *m->measures);
        }
        cc_measure *x = &m->measures[m->n_measures++];
        x->scope = scope;
        x->index = index;
        snprintf(x->name, sizeof x->name, "%s", name);
    } else {
        e->values[e->at++] = v;
    }
}

static double ratio(double num, double den)
{
    return den > 0 ? num / den : NAN;
}

/* Slice [i0, i1) of the intervals. */
typedef struct slice {
    size_t i0, i1;
} slice;

static void add_waits(rep *r, sim_sample *into, slice s, long channel)
{
    const cc_scenario *sc = r->sc;
    for (size_t i = s.i0; i < s.i1; i++)
        for (size_t c = 0; c < sc->n_channels; c++) {
            if (channel >= 0 && (size_t)channel != c) continue;
            sim_sample_merge(into, &r->waits[i * sc->n_channels + c]);
        }
}

static void emit_waits(emitter *e, rep *r, sim_sample *scratch, slice s, long channel,
                       cc_scope scope, size_t index)
{
    static const struct { const char *name; double p; } q[] = {
        {"wait_p50_s", 0.50}, {"wait_p90_s", 0.90}, {"wait_p95_s", 0.95}, {"wait_p99_s", 0.99}};
    if (r) {
        sim_sample_reset(scratch);
        add_waits(r, scratch, s, channel);
    }
    for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
        emit(e, scope, index, q[k].name, r ? sim_sample_quantile(scratch, q[k].p) : 0);
}

static void list_measures(emitter *e, const cc_model *m, rep *r, slice s)
{
    const cc_scenario *sc = m->sc;
    size_t nc = sc->n_channels, ng = sc->n_groups;
    char name[48];
    sim_sample scratch;
    sim_sample_init(&scratch);

    /* Sums over the slice, per channel and per group. */
    chan_counts *cs = sim_xcalloc(nc, sizeof *cs);
    group_counts *gs = sim_xcalloc(ng, sizeof *gs);
    double *busy = sim_xcalloc(ng * nc, sizeof *busy);
    double *group_cost = sim_xcalloc(ng, sizeof *group_cost);
    double *group_busy = sim_xcalloc(ng, sizeof *group_busy);
    double staff_cost = 0, bot_cost = 0;
    if (r) {
        for (size_t i = s.i0; i < s.i1; i++) {
            for (size_t c = 0; c < nc; c++) {
                const chan_counts *x = &r->cc[i * nc + c];
                chan_counts *y = &cs[c];
                y->offered += x->offered;
                y->answered += x->answered;
                y->abandoned += x->abandoned;
                y->handled += x->handled;
                y->wait_sum += x->wait_sum;
                y->handle_sum += x->handle_sum;
                for (size_t k = 0; k < CC_SLA_MAX; k++) y->within[k] += x->within[k];
            }
            for (size_t g = 0; g < ng; g++) {
                const group_counts *x = &r->gc[i * ng + g];
                gs[g].busy_area += x->busy_area;
                gs[g].staffed_area += x->staffed_area;
                gs[g].answered += x->answered;
                for (size_t c = 0; c < nc; c++) {
                    double b = r->busy_by_channel[(i * ng + g) * nc + c];
                    busy[g * nc + c] += b;
                    group_busy[g] += b;
                }
            }
        }
        for (size_t g = 0; g < ng; g++) {
            group_cost[g] = gs[g].staffed_area / 3600.0 * sc->groups[g].cost_per_hour +
                            gs[g].answered * sc->groups[g].cost_per_contact;
            staff_cost += group_cost[g];
        }
    }
    double contained_total = 0;

    /* Total. */
    chan_counts t = {0};
    for (size_t c = 0; c < nc; c++) {
        t.offered += cs[c].offered;
        t.answered += cs[c].answered;
        t.abandoned += cs[c].abandoned;
        t.handled += cs[c].handled;
        t.wait_sum += cs[c].wait_sum;
        t.handle_sum += cs[c].handle_sum;
    }
    emit(e, CC_SCOPE_TOTAL, 0, "offered", t.offered);
    emit(e, CC_SCOPE_TOTAL, 0, "contained", contained_total);
    emit(e, CC_SCOPE_TOTAL, 0, "answered", t.answered);
    emit(e, CC_SCOPE_TOTAL, 0, "abandoned", t.abandoned);
    for (size_t k = 0; k < m->n_thresholds; k++) {
        double within = 0, den = 0;
        for (size_t c = 0; c < nc; c++)
            for (size_t j = 0; j < sc->channels[c].n_sla; j++)
                if (floor(sc->channels[c].sla[j].within_s) == m->total_thresholds[k]) {
                    within += cs[c].within[j];
                    den += cs[c].answered + cs[c].abandoned;
                }
        snprintf(name, sizeof name, "service_level_%.0fs", m->total_thresholds[k]);
        emit(e, CC_SCOPE_TOTAL, 0, name, ratio(within, den));
    }
    emit(e, CC_SCOPE_TOTAL, 0, "abandon_rate", ratio(t.abandoned, t.answered + t.abandoned));
    emit(e, CC_SCOPE_TOTAL, 0, "asa_s", ratio(t.wait_sum, t.answered));
    emit_waits(e, r, &scratch, s, -1, CC_SCOPE_TOTAL, 0);
    emit(e, CC_SCOPE_TOTAL, 0, "handle_time_s", ratio(t.handle_sum, t.handled));
    double total_cost = staff_cost + bot_cost;
    emit(e, CC_SCOPE_TOTAL, 0, "cost_per_contact", ratio(total_cost, t.answered + contained_total));
    emit(e, CC_SCOPE_TOTAL, 0, "staff_cost", staff_cost);
    emit(e, CC_SCOPE_TOTAL, 0, "bot_cost", bot_cost);
    emit(e, CC_SCOPE_TOTAL, 0, "total_cost", total_cost);
    emit(e, CC_SCOPE_TOTAL, 0, "cost_per_contact_human", ratio(staff_cost, t.answered));
    emit(e, CC_SCOPE_TOTAL, 0, "cost_per_contact_self_service", ratio(bot_cost, contained_total));
    emit(e, CC_SCOPE_TOTAL, 0, "cost_per_contact_blended",
         ratio(total_cost, t.answered + contained_total));

    /* Channels. */
    for (size_t c = 0; c < nc; c++) {
        const cc_channel *ch = &sc->channels[c];
        const chan_counts *x = &cs[c];
        emit(e, CC_SCOPE_CHANNEL, c, "offered", x->offered);
        emit(e, CC_SCOPE_CHANNEL, c, "contained", 0);
        emit(e, CC_SCOPE_CHANNEL, c, "answered", x->answered);
        emit(e, CC_SCOPE_CHANNEL, c, "abandoned", x->abandoned);
        for (size_t k = 0; k < ch->n_sla; k++) {
            snprintf(name, sizeof name, "service_level_%.0fs", floor(ch->sla[k].within_s));
            emit(e, CC_SCOPE_CHANNEL, c, name, ratio(x->within[k], x->answered + x->abandoned));
        }
        emit(e, CC_SCOPE_CHANNEL, c, "abandon_rate", ratio(x->abandoned, x->answered + x->abandoned));
        emit(e, CC_SCOPE_CHANNEL, c, "asa_s", ratio(x->wait_sum, x->answered));
        emit_waits(e, r, &scratch, s, (long)c, CC_SCOPE_CHANNEL, c);
        emit(e, CC_SCOPE_CHANNEL, c, "handle_time_s", ratio(x->handle_sum, x->handled));
        double cost = 0;
        for (size_t g = 0; g < ng; g++)
            if (group_busy[g] > 0) cost += group_cost[g] * busy[g * nc + c] / group_busy[g];
        emit(e, CC_SCOPE_CHANNEL, c, "cost_per_contact", ratio(cost, x->answered));
    }

    /* Groups. */
    for (size_t g = 0; g < ng; g++) {
        emit(e, CC_SCOPE_GROUP, g, "occupancy", ratio(gs[g].busy_area, gs[g].staffed_area));
        emit(e, CC_SCOPE_GROUP, g, "staffed_hours", gs[g].staffed_area / 3600.0);
        emit(e, CC_SCOPE_GROUP, g, "answered", gs[g].answered);
        emit(e, CC_SCOPE_GROUP, g, "cost", group_cost[g]);
    }

    free(cs);
    free(gs);
    free(busy);
    free(group_cost);
    free(group_busy);
    sim_sample_fini(&scratch);
}

static void rep_collect(const void *model, sim_run *run, void *state, void *result)
{
    const cc_model *m = model;
    rep *r = state;
    const cc_scenario *sc = m->sc;
    cc_rep_result *out = result;
    out->values = sim_xcalloc(m->n_measures, sizeof *out->values);
    out->interval_values = sim_xcalloc(sc->n_intervals * m->n_measures, sizeof *out->interval_values);
    emitter e = {NULL, out->values, 0};
    list_measures(&e, m, r, (slice){0, sc->n_intervals});
    SIM_REQUIRE(e.at == m->n_measures);
    for (size_t i = 0; i < sc->n_intervals; i++) {
        emitter ei = {NULL, out->interval_values + i * m->n_measures, 0};
        list_measures(&ei, m, r, (slice){i, i + 1});
    }
    out->events = sim_run_events(run);
    out->end_s = sim_run_now(run);
    double unfinished = 0;
    for (size_t i = 0; i < sc->n_intervals * sc->n_channels; i++)
        unfinished += r->cc[i].offered - r->cc[i].answered - r->cc[i].abandoned;
    out->unfinished = unfinished;
}

static const sim_model_ops OPS = {rep_setup, rep_collect, rep_teardown};

const sim_model_ops *cc_model_ops(void)
{
    return &OPS;
}

/* ---- the model ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

cc_model *cc_model_alloc(const cc_scenario *sc)
{
    cc_model *m = sim_xcalloc(1, sizeof *m);
    m->sc = sc;
    /* Distinct whole-second SLA thresholds, for the total's service levels. */
    m->total_thresholds = sim_xcalloc(sc->n_channels * CC_SLA_MAX + 1, sizeof(double));
    for (size_t c = 0; c < sc->n_channels; c++)
        for (size_t k = 0; k < sc->channels[c].n_sla; k++) {
            double t = floor(sc->channels[c].sla[k].within_s);
            bool seen = false;
            for (size_t j = 0; j < m->n_thresholds; j++) seen = seen || m->total_thresholds[j] == t;
            if (!seen) m->total_thresholds[m->n_thresholds++] = t;
        }
    qsort(m->total_thresholds, m->n_thresholds, sizeof(double), cmp_double);

    /* Snapshots: the start of counting, every interval boundary after it, and the end.
     * The span after each snapshot belongs to one interval, or to none after the end. */
    m->snap_times = sim_xcalloc(sc->n_intervals + 2, sizeof *m->snap_times);
    m->snap_interval = sim_xcalloc(sc->n_intervals + 2, sizeof *m->snap_interval);
    size_t first = cc_scenario_interval_of(sc, sc->count_from_s);
    m->snap_times[0] = sc->count_from_s;
    m->snap_interval[0] = (long)first;
    m->n_snaps = 1;
    for (size_t i = first + 1; i < sc->n_intervals; i++) {
        m->snap_times[m->n_snaps] = cc_scenario_interval_start(sc, i);
        m->snap_interval[m->n_snaps] = (long)i;
        m->n_snaps++;
    }
    m->snap_times[m->n_snaps] = sc->end_s;
    m->snap_interval[m->n_snaps] = -1;
    m->n_snaps++;

    emitter e = {m, NULL, 0};
    list_measures(&e, m, NULL, (slice){0, 0});
    return m;
}

void cc_model_free(cc_model *m)
{
    if (!m) return;
    free(m->measures);
    free(m->total_thresholds);
    free(m->snap_times);
    free(m->snap_interval);
    free(m);
}

const cc_scenario *cc_model_scenario(const cc_model *m)
{
    return m->sc;
}

size_t cc_model_measure_count(const cc_model *m)
{
    return m->n_measures;
}

const cc_measure *cc_model_measures(const cc_model *m)
{
    return m->measures;
}

long cc_model_find(const cc_model *m, cc_scope scope, size_t index, const char *name)
{
    for (size_t i = 0; i < m->n_measures; i++)
        if (m->measures[i].scope == scope && m->measures[i].index == index &&
            strcmp(m->measures[i].name, name) == 0)
            return (long)i;
    return -1;
}

void cc_rep_result_fini(cc_rep_result *r)
{
    free(r->values);
    free(r->interval_values);
    r->values = r->interval_values = NULL;
}

const char *cc_model_scope_name(cc_scope s)
{
    switch (s) {
    case CC_SCOPE_CHANNEL: return "channel";
    case CC_SCOPE_GROUP: return "group";
    case CC_SCOPE_BOT: return "bot";
    default: return "total";
    }
}
