/* models/center/model.c: one replication of an omnichannel contact center.
 *
 * A contact's life: it arrives (fresh, or as a retrial, a switch from another channel
 * or a repeat contact); if its channel has a bot it meets the bot first and is either
 * contained or escalated; on the human side an agent takes it at once or it waits in
 * its channel's queue until an agent takes it or (realtime only) its patience runs
 * out. After service comes optional wrap-up; an unresolved contact comes back later as
 * a repeat, an abandoning customer may retry or switch channel.
 *
 * Data structures.
 * - A waiting contact sits in its channel's queue, an intrusive doubly linked FIFO in
 *   the order it joined, so the head is the channel's longest waiting contact and
 *   removal on answer or abandonment is O(1).
 * - An agent holds up to concurrency.total contacts (a contact keeps its slot through
 *   wrap-up). An agent that can take more and holds no exclusive contact is
 *   "available" and sits in its group's bucket for its load (contacts held), a FIFO in
 *   the order agents entered it. Selection rules read the buckets: least-loaded scans
 *   from load 0 up, most-loaded from the top down, longest-idle takes idle agents first
 *   (longest idle first), then the agent whose load last changed longest ago.
 *   An arriving contact looks at the buckets of the groups with its skill; a freed agent
 *   looks only at the heads of the queues it may serve. With one contact per agent the
 *   first agent of bucket 0 is always eligible, so that case is O(groups).
 * - Staffing is a head count per group that changes at given times (constant, a list
 *   per interval, or shifts). A drop sends idle agents home at once and marks busy ones
 *   "leaving": they take nothing new, finish what they hold, and their time past the
 *   drop is overtime. Nobody is pre-empted.
 *
 * Randomness. Each channel has its own streams, and a contact draws everything it will
 * need when it arrives: work, patience, wrap-up, the bot's time and outcome, the
 * customer's choice after abandoning and its delay, and whether it is resolved. So a
 * change of policy or staffing moves no arrival and no service time. Contacts that
 * come back (retrials, switches, repeats) draw from separate "returns/X" streams so that
 * they never shift the draws of fresh arrivals.
 *
 * Statistics are kept per (interval, channel), per (interval, group) and per
 * (interval, bot), with the interval the one the contact arrived in. Agent levels
 * (busy, on duty, present) are integrated over time and cut at every interval boundary
 * by a snapshot event. collect() turns them into the flat measure array of model.h. */
#include "models/center/model.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/sim.h"

enum { PRIO_SNAPSHOT = 0, PRIO_STAFFING = 1, PRIO_EVENT = 2, PRIO_END = 3 };

enum contact_kind { KIND_FRESH, KIND_RETRIAL, KIND_SWITCH, KIND_REPEAT };
enum agent_state { AGENT_OFF, AGENT_ON, AGENT_LEAVING };

typedef struct agent agent;
typedef struct contact contact;

struct contact {
    contact *prev, *next;      /* in its channel's queue while waiting */
    agent *agent;              /* while held by an agent */
    double arrival_s;
    double queued_s;           /* joined the human queue: waits count from here */
    double work_s;             /* handle time = work x skill factor x (1 + slowdown x held) */
    double patience_s;         /* INFINITY when patient */
    double wrap_s;
    double handle_s;           /* set when an agent takes it */
    double answered_s;         /* when an agent took it (the per-contact log) */
    double bot_s;              /* time with the bot, if the channel has one */
    double bot_u;              /* contained when below the containment */
    double behaviour_u;        /* after abandoning: retry, switch or leave */
    double return_delay_s;     /* retrial delay */
    double resolution_u;       /* resolved when below first_contact */
    double repeat_delay_s;
    sim_event_id abandon_ev;
    sim_event_id overflow_ev;  /* the next overflow threshold it reaches while waiting */
    uint32_t channel;
    uint32_t segment;          /* its waiting line within the channel */
    uint32_t interval;
    uint32_t next_threshold;   /* index into the channel's overflow thresholds */
    uint8_t kind;
    bool counted;
};

struct agent {
    agent *prev, *next;        /* in its bucket while available; off-duty stack */
    uint8_t *held;             /* [n_channels] contacts held per channel */
    double since_s;            /* entered its bucket */
    double leaving_since_s;    /* when it was told to go */
    uint32_t group;
    uint16_t load;             /* contacts held in all */
    uint16_t exclusive_held;   /* contacts of exclusive channels held */
    uint8_t state;
    bool listed;
};

/* A waiting line: one channel's ordinary customers, or one of its segments. */
typedef struct line {
    contact *head, *tail;
    size_t waiting;
    uint32_t channel, segment;
} line;

typedef struct chan_rt {
    uint32_t index;
    line *lines;               /* [1 + segments] */
    size_t n_lines;
    size_t waiting;            /* in all its lines */
    gsl_rng *arrivals, *work, *patience, *wrapup, *bot_rng, *behaviour, *returns, *segment_rng;
    size_t segment;            /* arrival segment in force */
    uint32_t *groups;          /* groups with this skill */
    size_t n_groups;
    long bot;                  /* the bot in front, or -1 */
} chan_rt;

typedef struct group_rt {
    agent *agents;             /* [max_staff] */
    size_t n_agents;
    uint8_t *held;             /* [max_staff * n_channels] */
    agent **bucket_head, **bucket_tail;  /* [concurrency_total] */
    agent *off;                /* off-duty agents, a stack through next */
    long on_duty, leaving;
    uint32_t *channels;        /* the group's skills */
    size_t n_channels;
    sim_timeavg busy, on, present, slots;   /* slots: contacts held, summed over agents */
    double busy_mark, on_mark, present_mark, slots_mark;
    size_t next_change;        /* staffing change points already applied */
} group_rt;

typedef struct chan_counts {
    double offered, contained, answered, abandoned, handled, wait_sum, handle_sum;
    double retrials, switched_in, repeats, switches, resolved;
    double within[CC_SLA_MAX];
    double missed[CC_SLA_MAX];
} chan_counts;

/* Per customer segment (lines with segment > 0). */
typedef struct seg_counts {
    double offered, contained, answered, abandoned, wait_sum;
    double within[CC_SLA_MAX];
} seg_counts;

typedef struct group_counts {
    double busy_area, on_area, present_area, slots_area, capacity_area, answered;
} group_counts;

typedef struct bot_counts {
    double offered, contained, escalated;
} bot_counts;

/* Staffing changes: group g's head count becomes count at time_s. */
typedef struct staff_change {
    double time_s;
    long count;
} staff_change;

struct cc_model {
    const cc_scenario *sc;
    cc_measure *measures;
    size_t n_measures, cap_measures;
    double *total_thresholds;  /* distinct SLA thresholds over all channels, seconds */
    size_t n_thresholds;
    double *snap_times;        /* snapshot times, increasing */
    long *snap_interval;       /* interval of the span that starts there; -1 not counted */
    size_t n_snaps;
    staff_change **changes;    /* [n_groups] */
    size_t *n_changes;
    long *bot_of;              /* [n_channels] */
    const cc_policy *policy;
    double *threshold;         /* [g * n_channels + c]: overflow wait before g may take c */
    double **thresholds_of;    /* [c]: the channel's distinct positive thresholds, sorted */
    size_t *n_thresholds_of;
    size_t *rank;              /* [g * n_channels + c]: c's place in g's skill list */
    size_t n_lines;            /* over all channels */
    size_t *seg_base;          /* [c]: global index of the channel's first segment */
    size_t n_segs;             /* customer segments over all channels */
    double per_interval;       /* 1 / interval length */
    size_t last_interval;
    bool check_invariants;
    bool log_contacts;
    uint64_t event_budget;     /* events allowed in one simulated second (sim/run.h) */
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
    bot_counts *bc;            /* [interval * n_bots + b] */
    seg_counts *sgc;           /* [interval * n_segs + s] */
    double *busy_by_channel;   /* [(interval * n_groups + g) * n_channels + c], agent seconds */
    sim_sample *waits;         /* [interval * n_channels + c] */
    sim_sample **parts;        /* scratch: the pieces of one scope's waits */
    void *policy_state;
    cc_policy_queue *offer;    /* scratch: lines offered to the policy */
    line **offer_line;
    cc_policy_agent *cand_view;    /* scratch: agents offered to the policy */
    agent **cand;
    bool failed;
    char error[256];
    cc_contact_record *log;    /* the per-contact log, when asked for */
    size_t n_log, cap_log;
    size_t next_snap;
    double last_snap_s;
    long last_snap_interval;
} rep;

/* The interval that holds time t, as cc_scenario_interval_of but with a multiplication:
 * this runs once per contact. */
static uint32_t interval_of(const cc_model *m, double t)
{
    double k = (t - m->sc->start_s) * m->per_interval;
    if (!(k > 0)) return 0;
    return k >= (double)m->last_interval ? (uint32_t)m->last_interval : (uint32_t)k;
}

/* ---- queues ---- */

static line *line_of(rep *r, const contact *c)
{
    return &r->ch[c->channel].lines[c->segment];
}

static void queue_push(rep *r, contact *c)
{
    line *q = line_of(r, c);
    c->next = NULL;
    c->prev = q->tail;
    if (q->tail) q->tail->next = c;
    else q->head = c;
    q->tail = c;
    q->waiting++;
    r->ch[c->channel].waiting++;
}

static void queue_remove(rep *r, contact *c)
{
    line *q = line_of(r, c);
    if (c->prev) c->prev->next = c->next;
    else q->head = c->next;
    if (c->next) c->next->prev = c->prev;
    else q->tail = c->prev;
    c->prev = c->next = NULL;
    q->waiting--;
    r->ch[c->channel].waiting--;
}

/* The run cannot go on (a plugin policy broke its contract): say why, and stop. */
static void fail(rep *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void fail(rep *r, const char *fmt, ...)
{
    if (r->failed) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->failed = true;
    sim_run_stop(r->run);
}

/* Has contact c waited long enough for group g (overflow rules)? Compared as the event
 * time is computed, so the overflow event itself always qualifies. */
static bool waited_enough(const rep *r, size_t g, const contact *c, double now)
{
    double after = r->m->threshold[g * r->sc->n_channels + c->channel];
    return after == 0 || now >= c->queued_s + after;
}

/* ---- what a policy sees ---- */

static void view_line(const rep *r, cc_policy_queue *v, const line *l, const contact *head,
                      double now, size_t rank)
{
    const cc_channel *ch = &r->sc->channels[l->channel];
    const cc_segment_spec *sg = l->segment ? &ch->customers[l->segment - 1] : NULL;
    v->channel = l->channel;
    v->segment = l->segment;
    v->length = l->waiting;
    v->channel_length = r->ch[l->channel].waiting;
    v->head_queued_s = head->queued_s;
    v->head_waited_s = now - head->queued_s;
    v->priority = sg ? sg->priority : ch->priority;
    v->weight = sg ? sg->weight : ch->weight;
    v->sla_s = ch->n_sla && ch->sla[0].within_s > 0 ? ch->sla[0].within_s : INFINITY;
    v->deferred = ch->mode == CC_MODE_DEFERRED;
    v->skill_rank = rank;
}

static void view_agent(const rep *r, cc_policy_agent *v, const agent *a, size_t rank)
{
    v->group = a->group;
    v->load = a->load;
    v->capacity = (unsigned)r->sc->groups[a->group].concurrency_total;
    v->available_s = a->since_s;
    v->skill_rank = rank;
}

/* Appends contact c's life to the per-contact log (if kept), as it ends. */
static void log_contact(rep *r, const contact *c, cc_outcome outcome, double now)
{
    if (!r->m->log_contacts) return;
    r->log = sim_xgrow(r->log, &r->cap_log, r->n_log + 1, 1024, sizeof *r->log);
    cc_contact_record *x = &r->log[r->n_log++];
    bool answered = outcome == CC_OUTCOME_ANSWERED;
    x->arrival_s = c->arrival_s;
    x->queued_s = outcome == CC_OUTCOME_CONTAINED ? NAN : c->queued_s;
    x->answered_s = answered ? c->answered_s : NAN;
    x->end_s = now;
    x->handle_s = answered ? c->handle_s : NAN;
    x->channel = c->channel;
    x->segment = c->segment;
    x->group = answered ? (int32_t)c->agent->group : -1;
    x->agent = answered ? (int32_t)(c->agent - r->gr[c->agent->group].agents) : -1;
    x->outcome = (uint8_t)outcome;
    x->kind = c->kind;
    x->counted = c->counted;
}

/* ---- agents: eligibility and buckets ---- */

/* The rule of shared/SCENARIO.md: skill, room under the channel's and the total limit,
 * and no exclusive channel involved unless the agent holds nothing. */
static bool can_take(const cc_scenario *sc, const agent *a, size_t c)
{
    const cc_group *g = &sc->groups[a->group];
    if (a->state != AGENT_ON || !g->skill[c]) return false;
    if (a->held[c] >= g->concurrency[c] || a->load >= g->concurrency_total) return false;
    if (a->load > 0 && (sc->channels[c].exclusive || a->exclusive_held > 0)) return false;
    return true;
}

static void unlist(group_rt *g, agent *a)
{
    if (!a->listed) return;
    if (a->prev) a->prev->next = a->next;
    else g->bucket_head[a->load] = a->next;
    if (a->next) a->next->prev = a->prev;
    else g->bucket_tail[a->load] = a->prev;
    a->prev = a->next = NULL;
    a->listed = false;
}

/* Puts an on-duty agent that can take more into the bucket of its load. */
static void relist(rep *r, agent *a)
{
    SIM_PROF_ENTER(r->run, CC_PROF_ROUTING);
    group_rt *g = &r->gr[a->group];
    unlist(g, a);
    if (a->state == AGENT_ON && a->exclusive_held == 0 &&
        a->load < r->sc->groups[a->group].concurrency_total) {
        a->since_s = sim_run_now(r->run);
        a->next = NULL;
        a->prev = g->bucket_tail[a->load];
        if (g->bucket_tail[a->load]) g->bucket_tail[a->load]->next = a;
        else g->bucket_head[a->load] = a;
        g->bucket_tail[a->load] = a;
        a->listed = true;
    }
    SIM_PROF_LEAVE(r->run);
}

/* The first agent of bucket k of group g that can take channel c, or NULL. */
static agent *first_eligible(rep *r, group_rt *g, long k, size_t c)
{
    for (agent *a = g->bucket_head[k]; a; a = a->next)
        if (can_take(r->sc, a, c)) return a;
    return NULL;
}

/* The agent of group g that the selection rule prefers for channel c, or NULL. */
static agent *group_candidate(rep *r, group_rt *g, size_t c)
{
    long total = r->sc->groups[g - r->gr].concurrency_total;
    switch (r->sc->selection) {
    case CC_SELECT_MOST_LOADED:
        for (long k = total - 1; k >= 0; k--) {
            agent *a = first_eligible(r, g, k, c);
            if (a) return a;
        }
        return NULL;
    case CC_SELECT_LEAST_LOADED:
        for (long k = 0; k < total; k++) {
            agent *a = first_eligible(r, g, k, c);
            if (a) return a;
        }
        return NULL;
    default: {
        agent *a = first_eligible(r, g, 0, c);
        if (a) return a;
        agent *best = NULL;
        for (long k = 1; k < total; k++) {
            agent *b = first_eligible(r, g, k, c);
            if (b && (!best || b->since_s < best->since_s)) best = b;
        }
        return best;
    }
    }
}

/* Is agent a preferred to agent b under the selection rule? Ties keep b, the group
 * listed earlier. */
static bool better_agent(cc_selection rule, const agent *a, const agent *b)
{
    switch (rule) {
    case CC_SELECT_MOST_LOADED:
        return a->load > b->load || (a->load == b->load && a->since_s < b->since_s);
    case CC_SELECT_LEAST_LOADED:
        return a->load < b->load || (a->load == b->load && a->since_s < b->since_s);
    default:
        if ((a->load == 0) != (b->load == 0)) return a->load == 0;
        return a->since_s < b->since_s;
    }
}

/* The agent that takes contact c now, or NULL: one candidate per group that has the
 * skill, room and (overflow) has waited long enough for; then the policy's
 * choose_agent, or the selection rule across groups. */
static agent *find_agent(rep *r, contact *c)
{
    const chan_rt *q = &r->ch[c->channel];
    const cc_policy *p = r->m->policy;
    double now = sim_run_now(r->run);
    agent *best = NULL;
    size_t n = 0;
    for (size_t i = 0; i < q->n_groups; i++) {
        size_t gi = q->groups[i];
        if (!waited_enough(r, gi, c, now)) continue;
        agent *a = group_candidate(r, &r->gr[gi], c->channel);
        if (!a) continue;
        if (p->choose_agent) r->cand[n++] = a;
        else if (!best || better_agent(r->sc->selection, a, best)) best = a;
    }
    if (!p->choose_agent || n == 0) return best;
    size_t nc = r->sc->n_channels;
    for (size_t i = 0; i < n; i++)
        view_agent(r, &r->cand_view[i], r->cand[i], r->m->rank[r->cand[i]->group * nc + c->channel]);
    cc_policy_queue v;
    view_line(r, &v, line_of(r, c), c, now, 0);
    long k = p->choose_agent(r->policy_state, now, &v, r->cand_view, n);
    if (k < -1 || k >= (long)n) {
        fail(r, "policy %s: choose_agent returned %ld for %zu candidate agents (valid: -1 to %zu)",
             p->name, k, n, n - 1);
        return NULL;
    }
    return k < 0 ? NULL : r->cand[k];
}

static agent *pick_agent(rep *r, contact *c)
{
    SIM_PROF_ENTER(r->run, CC_PROF_ROUTING);
    agent *a = find_agent(r, c);
    SIM_PROF_LEAVE(r->run);
    return a;
}

/* ---- service ---- */

static void on_service_end(sim_run *run, void *subject, void *arg);
static void on_wrap_end(sim_run *run, void *subject, void *arg);
static void on_abandon(sim_run *run, void *subject, void *arg);
static void on_overflow(sim_run *run, void *subject, void *arg);
static void schedule_return(rep *r, size_t channel, double at_s, uint8_t kind);

static size_t slot(const rep *r, const contact *c)
{
    return (size_t)c->interval * r->sc->n_channels + c->channel;
}

/* The counts of the contact's customer segment, or NULL for ordinary customers. */
static seg_counts *seg_of(const rep *r, const contact *c)
{
    if (!c->segment || !c->counted) return NULL;
    return &r->sgc[(size_t)c->interval * r->m->n_segs + r->m->seg_base[c->channel] + c->segment - 1];
}

/* Tests: agent a is about to take contact c. No overflow rule is broken, and under
 * fcfs no contact that a could take has waited longer. */
static void check_answer(rep *r, const agent *a, const contact *c, double now)
{
    const cc_scenario *sc = r->sc;
    SIM_REQUIRE(waited_enough(r, a->group, c, now));
    if (strcmp(r->m->policy->name, "fcfs") != 0) return;
    for (size_t ci = 0; ci < sc->n_channels; ci++) {
        if (!can_take(sc, a, ci)) continue;
        for (size_t k = 0; k < r->ch[ci].n_lines; k++) {
            const contact *h = r->ch[ci].lines[k].head;
            SIM_REQUIRE(!h || !waited_enough(r, a->group, h, now) || h->queued_s >= c->queued_s);
        }
    }
}

/* Agent a takes contact c now. */
static void start_service(rep *r, agent *a, contact *c)
{
    const cc_scenario *sc = r->sc;
    const cc_channel *chs = &sc->channels[c->channel];
    const cc_group *gs = &sc->groups[a->group];
    double now = sim_run_now(r->run);
    if (c->abandon_ev) {
        sim_run_cancel(r->run, c->abandon_ev);
        c->abandon_ev = 0;
    }
    if (c->overflow_ev) {
        sim_run_cancel(r->run, c->overflow_ev);
        c->overflow_ev = 0;
    }
    if (r->m->check_invariants) check_answer(r, a, c, now);
    SIM_PROF_ENTER(r->run, SIM_PROF_STATS);
    if (c->counted) {
        double wait = now - c->queued_s;
        chan_counts *n = &r->cc[slot(r, c)];
        n->answered++;
        n->wait_sum += wait;
        for (size_t s = 0; s < chs->n_sla; s++) {
            if (wait <= chs->sla[s].within_s) n->within[s]++;
            else n->missed[s]++;
        }
        sim_sample_add(&r->waits[slot(r, c)], wait);
        seg_counts *sg = seg_of(r, c);
        if (sg) {
            sg->answered++;
            sg->wait_sum += wait;
            for (size_t s = 0; s < chs->n_sla; s++)
                if (wait <= chs->sla[s].within_s) sg->within[s]++;
        }
        r->gc[(size_t)c->interval * sc->n_groups + a->group].answered++;
    }
    if (a->load == 0) sim_timeavg_add(&r->gr[a->group].busy, now, +1);
    sim_timeavg_add(&r->gr[a->group].slots, now, +1);
    SIM_PROF_LEAVE(r->run);
    c->handle_s = c->work_s * gs->factor[c->channel] * (1 + gs->slowdown * a->load);
    c->answered_s = now;
    c->agent = a;
    a->load++;
    a->held[c->channel]++;
    if (chs->exclusive) a->exclusive_held++;
    sim_run_schedule(r->run, now + c->handle_s, PRIO_EVENT, on_service_end, c, r);
}

/* The waiting contact agent a takes next, or NULL. Only line heads are offered: each
 * head is the longest waiting contact of its line, so it is the first one to pass an
 * overflow threshold too. The policy chooses among them. */
static contact *find_contact(rep *r, const agent *a)
{
    const cc_scenario *sc = r->sc;
    const group_rt *g = &r->gr[a->group];
    double now = sim_run_now(r->run);
    size_t n = 0;
    for (size_t i = 0; i < g->n_channels; i++) {
        size_t ci = g->channels[i];
        const chan_rt *q = &r->ch[ci];
        if (!q->waiting || !can_take(sc, a, ci)) continue;
        for (size_t k = 0; k < q->n_lines; k++) {
            line *l = &q->lines[k];
            if (!l->head || !waited_enough(r, a->group, l->head, now)) continue;
            view_line(r, &r->offer[n], l, l->head, now, i);
            r->offer_line[n++] = l;
        }
    }
    if (n == 0) return NULL;
    cc_policy_agent av;
    view_agent(r, &av, a, 0);
    const cc_policy *p = r->m->policy;
    long k = p->choose_queue(r->policy_state, now, &av, r->offer, n);
    if (k < -1 || k >= (long)n) {
        fail(r, "policy %s: choose_queue returned %ld for %zu waiting lines (valid: -1 to %zu)",
             p->name, k, n, n - 1);
        return NULL;
    }
    return k < 0 ? NULL : r->offer_line[k]->head;
}

static contact *pick_contact(rep *r, const agent *a)
{
    SIM_PROF_ENTER(r->run, CC_PROF_ROUTING);
    contact *c = find_contact(r, a);
    SIM_PROF_LEAVE(r->run);
    return c;
}

/* Agent a has room: it takes waiting contacts while it can, then is listed. */
static void agent_pull(rep *r, agent *a)
{
    unlist(&r->gr[a->group], a);
    while (a->state == AGENT_ON && !r->failed) {
        contact *c = pick_contact(r, a);
        if (!c) break;
        queue_remove(r, c);
        start_service(r, a, c);
    }
    relist(r, a);
}

/* Agent a is done with contact c (service and wrap-up). */
static void release(rep *r, agent *a, contact *c)
{
    const cc_scenario *sc = r->sc;
    group_rt *g = &r->gr[a->group];
    double now = sim_run_now(r->run);
    unlist(g, a);
    a->load--;
    a->held[c->channel]--;
    if (sc->channels[c->channel].exclusive) a->exclusive_held--;
    sim_pool_put(r->contacts, c);
    SIM_PROF_ENTER(r->run, SIM_PROF_STATS);
    if (a->load == 0) sim_timeavg_add(&g->busy, now, -1);
    sim_timeavg_add(&g->slots, now, -1);
    SIM_PROF_LEAVE(r->run);
    if (a->state == AGENT_LEAVING && a->load == 0) {
        /* Done with everything: the agent goes home. */
        a->state = AGENT_OFF;
        g->leaving--;
        sim_timeavg_add(&g->present, now, -1);
        a->next = g->off;
        g->off = a;
        return;
    }
    agent_pull(r, a);
}

static void on_service_end(sim_run *run, void *subject, void *arg)
{
    rep *r = arg;
    contact *c = subject;
    const cc_scenario *sc = r->sc;
    const cc_channel *ch = &sc->channels[c->channel];
    agent *a = c->agent;
    double now = sim_run_now(run);
    bool resolved = !ch->has_resolution || c->resolution_u < ch->first_contact_resolution;
    SIM_PROF_ENTER(run, SIM_PROF_STATS);
    if (c->counted) {
        chan_counts *n = &r->cc[slot(r, c)];
        n->handled++;
        n->handle_sum += c->handle_s;
        r->busy_by_channel[((size_t)c->interval * sc->n_groups + a->group) * sc->n_channels +
                           c->channel] += c->handle_s + c->wrap_s;
        if (resolved) n->resolved++;
    }
    log_contact(r, c, CC_OUTCOME_ANSWERED, now);
    SIM_PROF_LEAVE(run);
    if (!resolved) schedule_return(r, c->channel, now + c->repeat_delay_s, KIND_REPEAT);
    if (c->wrap_s > 0) sim_run_schedule(run, now + c->wrap_s, PRIO_EVENT, on_wrap_end, c, r);
    else release(r, a, c);
}

static void on_wrap_end(sim_run *run, void *subject, void *arg)
{
    (void)run;
    contact *c = subject;
    release(arg, c->agent, c);
}

static void on_abandon(sim_run *run, void *subject, void *arg)
{
    rep *r = arg;
    contact *c = subject;
    const cc_channel *ch = &r->sc->channels[c->channel];
    double now = sim_run_now(run);
    c->abandon_ev = 0;
    if (c->overflow_ev) {
        sim_run_cancel(run, c->overflow_ev);
        c->overflow_ev = 0;
    }
    queue_remove(r, c);
    SIM_PROF_ENTER(run, SIM_PROF_STATS);
    if (c->counted) {
        chan_counts *n = &r->cc[slot(r, c)];
        n->abandoned++;
        seg_counts *sg = seg_of(r, c);
        if (sg) sg->abandoned++;
        for (size_t s = 0; s < ch->n_sla; s++)
            if (now - c->queued_s > ch->sla[s].within_s) n->missed[s]++;
    }
    SIM_PROF_LEAVE(run);
    double p_retry = ch->has_retrial ? ch->retrial_probability : 0;
    double p_switch = ch->has_switch ? ch->switch_probability : 0;
    if (c->behaviour_u < p_retry) {
        schedule_return(r, c->channel, now + c->return_delay_s, KIND_RETRIAL);
    } else if (c->behaviour_u < p_retry + p_switch && now < r->sc->end_s) {
        /* Counted only when the customer does come back, inside the horizon, so that
         * switches out of one channel equal switched_in on the other. */
        if (c->counted) r->cc[slot(r, c)].switches++;
        schedule_return(r, ch->switch_to, now, KIND_SWITCH);
    }
    log_contact(r, c, CC_OUTCOME_ABANDONED, now);
    sim_pool_put(r->contacts, c);
}

static void schedule_overflow(rep *r, contact *c)
{
    const cc_model *m = r->m;
    if (c->next_threshold < m->n_thresholds_of[c->channel])
        c->overflow_ev = sim_run_schedule(r->run,
                                          c->queued_s + m->thresholds_of[c->channel][c->next_threshold],
                                          PRIO_EVENT, on_overflow, c, r);
}

/* Contact c has waited long enough for more groups: their available agents may now
 * take it, or whatever their policy prefers. */
static void on_overflow(sim_run *run, void *subject, void *arg)
{
    (void)run;
    rep *r = arg;
    contact *c = subject;
    c->overflow_ev = 0;
    c->next_threshold++;
    while (!c->agent && !r->failed) {
        agent *a = pick_agent(r, c);
        if (!a) break;
        unsigned before = a->load;
        agent_pull(r, a);
        if (a->load == before) break;  /* the policy let it wait */
    }
    if (!c->agent) schedule_overflow(r, c);
}

/* A contact joins the human side: an agent takes it at once, or it waits. */
static void route_contact(rep *r, contact *c)
{
    double now = sim_run_now(r->run);
    c->queued_s = now;
    c->next_threshold = 0;
    agent *a = pick_agent(r, c);
    if (a) {
        unlist(&r->gr[a->group], a);
        start_service(r, a, c);
        relist(r, a);
        return;
    }
    queue_push(r, c);
    if (c->patience_s < INFINITY)
        c->abandon_ev = sim_run_schedule(r->run, now + c->patience_s, PRIO_EVENT, on_abandon, c, r);
    schedule_overflow(r, c);
}

/* ---- bots ---- */

static void on_bot_end(sim_run *run, void *subject, void *arg)
{
    (void)run;
    rep *r = arg;
    contact *c = subject;
    const cc_bot *b = &r->sc->bots[r->ch[c->channel].bot];
    size_t bi = (size_t)r->ch[c->channel].bot;
    bot_counts *bn = &r->bc[(size_t)c->interval * r->sc->n_bots + bi];
    if (c->bot_u < b->containment[c->channel]) {
        if (c->counted) {
            bn->contained++;
            r->cc[slot(r, c)].contained++;
            seg_counts *sg = seg_of(r, c);
            if (sg) sg->contained++;
        }
        log_contact(r, c, CC_OUTCOME_CONTAINED, sim_run_now(r->run));
        sim_pool_put(r->contacts, c);
        return;
    }
    if (c->counted) bn->escalated++;
    /* The bot passes its context on: the human's work changes by the factor. */
    c->work_s *= b->escalation_factor;
    route_contact(r, c);
}

/* ---- arrivals ---- */

static void on_arrival(sim_run *run, void *subject, void *arg);

/* Next arrival of a piecewise-constant Poisson process by inverting its cumulative
 * rate: one unit exponential per arrival, spent across segments (rate 0 spends none).
 * Returns INFINITY after the horizon. */
static double next_arrival(rep *r, chan_rt *q, double t)
{
    const cc_scenario *sc = r->sc;
    const cc_channel *ch = &sc->channels[q->index];
    SIM_PROF_ENTER(r->run, SIM_PROF_RANDOM);
    double e = sim_exponential1(q->arrivals);
    SIM_PROF_LEAVE(r->run);
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
    double t = next_arrival(r, q, from_s);
    if (t < r->sc->end_s) sim_run_schedule(r->run, t, PRIO_EVENT, on_arrival, q, r);
}

/* Draws everything a contact of channel q will need, from stream rng for all but the
 * main streams of fresh arrivals. */
static void draw_contact(rep *r, contact *c, chan_rt *q, bool fresh)
{
    const cc_scenario *sc = r->sc;
    const cc_channel *ch = &sc->channels[q->index];
    gsl_rng *work = fresh ? q->work : q->returns;
    gsl_rng *patience = fresh ? q->patience : q->returns;
    gsl_rng *other = fresh ? q->behaviour : q->returns;
    SIM_PROF_ENTER(r->run, SIM_PROF_RANDOM);
    c->work_s = sim_dist_sample(work, &ch->handle_time);
    c->patience_s = ch->has_patience ? sim_dist_sample(patience, &ch->patience) : INFINITY;
    c->wrap_s = ch->has_wrap_up ? sim_dist_sample(fresh ? q->wrapup : q->returns, &ch->wrap_up) : 0;
    if (q->bot >= 0) {
        gsl_rng *b = fresh ? q->bot_rng : q->returns;
        c->bot_s = sim_dist_sample(b, &sc->bots[q->bot].handle_time);
        c->bot_u = gsl_rng_uniform(b);
    }
    if (ch->has_retrial || ch->has_switch) {
        c->behaviour_u = gsl_rng_uniform(other);
        c->return_delay_s = ch->has_retrial ? sim_dist_sample(other, &ch->retrial_delay) : 0;
    }
    if (ch->has_resolution) {
        c->resolution_u = gsl_rng_uniform(other);
        c->repeat_delay_s = sim_dist_sample(other, &ch->repeat_after);
    }
    c->segment = 0;
    if (ch->n_customers) {
        /* Segment k > 0 takes the k-th share of [0, 1); the rest are ordinary. */
        double u = gsl_rng_uniform(fresh ? q->segment_rng : q->returns), cum = 0;
        for (size_t k = 0; k < ch->n_customers && !c->segment; k++) {
            cum += ch->customers[k].share;
            if (u < cum) c->segment = (uint32_t)k + 1;
        }
    }
    SIM_PROF_LEAVE(r->run);
}

/* A contact enters the center now: counted, then to the bot or the human queue. */
static void enter(rep *r, contact *c)
{
    const cc_scenario *sc = r->sc;
    double now = sim_run_now(r->run);
    chan_rt *q = &r->ch[c->channel];
    c->arrival_s = c->queued_s = now;
    c->interval = interval_of(r->m, now);
    c->counted = now >= sc->count_from_s && now < sc->end_s;
    SIM_PROF_ENTER(r->run, SIM_PROF_STATS);
    if (c->counted) {
        chan_counts *n = &r->cc[slot(r, c)];
        n->offered++;
        if (c->kind == KIND_RETRIAL) n->retrials++;
        else if (c->kind == KIND_SWITCH) n->switched_in++;
        else if (c->kind == KIND_REPEAT) n->repeats++;
        seg_counts *sg = seg_of(r, c);
        if (sg) sg->offered++;
        if (q->bot >= 0) r->bc[(size_t)c->interval * sc->n_bots + (size_t)q->bot].offered++;
    }
    SIM_PROF_LEAVE(r->run);
    if (q->bot >= 0) {
        sim_run_schedule(r->run, now + c->bot_s, PRIO_EVENT, on_bot_end, c, r);
    } else {
        route_contact(r, c);
    }
}

static void on_arrival(sim_run *run, void *subject, void *arg)
{
    rep *r = arg;
    chan_rt *q = subject;
    contact *c = sim_pool_get(r->contacts);
    c->channel = q->index;
    c->kind = KIND_FRESH;
    draw_contact(r, c, q, true);
    schedule_arrival(r, q, sim_run_now(run));
    enter(r, c);
}

static void on_return(sim_run *run, void *subject, void *arg)
{
    (void)run;
    enter(arg, subject);
}

/* A customer comes back at at_s on channel: a new contact with its own draws. Returns
 * after the horizon are not simulated: nothing arrives then. */
static void schedule_return(rep *r, size_t channel, double at_s, uint8_t kind)
{
    if (!(at_s < r->sc->end_s)) return;
    contact *c = sim_pool_get(r->contacts);
    c->channel = (uint32_t)channel;
    c->kind = kind;
    draw_contact(r, c, &r->ch[channel], false);
    sim_run_schedule(r->run, at_s, PRIO_EVENT, on_return, c, r);
}

/* ---- staffing ---- */

static void set_staff(rep *r, size_t gi, long target)
{
    group_rt *g = &r->gr[gi];
    double now = sim_run_now(r->run);
    while (g->on_duty < target) {
        agent *a = NULL;
        if (g->leaving > 0) {
            /* Someone still finishing stays on instead of a fresh agent coming in. */
            for (size_t i = 0; i < g->n_agents && !a; i++)
                if (g->agents[i].state == AGENT_LEAVING) a = &g->agents[i];
            g->leaving--;
        } else {
            a = g->off;
            SIM_REQUIRE(a != NULL);
            g->off = a->next;
            a->next = NULL;
            sim_timeavg_add(&g->present, now, +1);
        }
        a->state = AGENT_ON;
        g->on_duty++;
        sim_timeavg_add(&g->on, now, +1);
        agent_pull(r, a);
    }
    while (g->on_duty > target) {
        /* Idle agents go first, the longest idle first; then the least loaded busy one,
         * who finishes what it holds before leaving. */
        agent *a = g->bucket_head[0];
        if (a) {
            unlist(g, a);
            a->state = AGENT_OFF;
            a->next = g->off;
            g->off = a;
            sim_timeavg_add(&g->present, now, -1);
        } else {
            for (size_t i = 0; i < g->n_agents; i++) {
                agent *b = &g->agents[i];
                if (b->state == AGENT_ON && (!a || b->load < a->load)) a = b;
            }
            SIM_REQUIRE(a != NULL);
            unlist(g, a);
            a->state = AGENT_LEAVING;
            a->leaving_since_s = now;
            g->leaving++;
        }
        g->on_duty--;
        sim_timeavg_add(&g->on, now, -1);
    }
}

static void on_staffing(sim_run *run, void *subject, void *arg)
{
    (void)run;
    rep *r = arg;
    size_t gi = (size_t)((group_rt *)subject - r->gr);
    group_rt *g = subject;
    const staff_change *ch = &r->m->changes[gi][g->next_change];
    set_staff(r, gi, ch->count);
    g->next_change++;
    if (g->next_change < r->m->n_changes[gi])
        sim_run_schedule(r->run, r->m->changes[gi][g->next_change].time_s, PRIO_STAFFING,
                         on_staffing, g, r);
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
        double busy = sim_timeavg_area(&gr->busy, now), on = sim_timeavg_area(&gr->on, now),
               present = sim_timeavg_area(&gr->present, now), slots = sim_timeavg_area(&gr->slots, now);
        if (r->last_snap_interval >= 0) {
            group_counts *n = &r->gc[(size_t)r->last_snap_interval * sc->n_groups + g];
            n->busy_area += busy - gr->busy_mark;
            n->on_area += on - gr->on_mark;
            n->present_area += present - gr->present_mark;
            n->slots_area += slots - gr->slots_mark;
            n->capacity_area += (present - gr->present_mark) * (double)sc->groups[g].concurrency_total;
        }
        gr->busy_mark = busy;
        gr->on_mark = on;
        gr->present_mark = present;
        gr->slots_mark = slots;
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

/* The policy's periodic hook, with every non-empty line. */
static void on_tick(sim_run *run, void *subject, void *arg)
{
    (void)subject;
    rep *r = arg;
    double now = sim_run_now(run);
    size_t n = 0;
    for (size_t c = 0; c < r->sc->n_channels; c++)
        for (size_t k = 0; k < r->ch[c].n_lines; k++) {
            line *l = &r->ch[c].lines[k];
            if (l->head) view_line(r, &r->offer[n++], l, l->head, now, 0);
        }
    r->m->policy->tick(r->policy_state, now, r->offer, n);
    double next = now + r->m->policy->tick_s;
    if (next < r->sc->end_s) sim_run_schedule(run, next, PRIO_EVENT, on_tick, NULL, r);
}

/* ---- invariants (tests) ---- */

/* Checks every rule of concurrency and exclusivity, the buckets, and that no waiting
 * contact could be taken by an available agent. O(agents x channels): for tests only. */
static void check_invariants(sim_run *run, void *arg)
{
    rep *r = arg;
    if (r->failed) return;
    const cc_scenario *sc = r->sc;
    for (size_t gi = 0; gi < sc->n_groups; gi++) {
        const cc_group *gs = &sc->groups[gi];
        group_rt *g = &r->gr[gi];
        long on = 0, leaving = 0;
        for (size_t i = 0; i < g->n_agents; i++) {
            agent *a = &g->agents[i];
            long sum = 0, excl = 0;
            for (size_t c = 0; c < sc->n_channels; c++) {
                SIM_REQUIRE(a->held[c] <= gs->concurrency[c]);
                SIM_REQUIRE(a->held[c] == 0 || gs->skill[c]);
                sum += a->held[c];
                if (sc->channels[c].exclusive) excl += a->held[c];
            }
            SIM_REQUIRE(sum == a->load);
            SIM_REQUIRE(excl == a->exclusive_held);
            SIM_REQUIRE(a->load <= gs->concurrency_total);
            SIM_REQUIRE(excl == 0 || a->load == 1);    /* exclusive: nothing else at once */
            SIM_REQUIRE(a->state != AGENT_OFF || a->load == 0);
            bool should = a->state == AGENT_ON && excl == 0 && a->load < gs->concurrency_total;
            SIM_REQUIRE(a->listed == should);
            on += a->state == AGENT_ON;
            leaving += a->state == AGENT_LEAVING;
            if (a->state == AGENT_ON)
                for (size_t c = 0; c < sc->n_channels; c++) {
                    if (!can_take(sc, a, c)) continue;
                    for (size_t k = 0; k < r->ch[c].n_lines; k++) {
                        const contact *h = r->ch[c].lines[k].head;
                        SIM_REQUIRE(!h || !waited_enough(r, gi, h, sim_run_now(run)));
                    }
                }
        }
        SIM_REQUIRE(on == g->on_duty && leaving == g->leaving);
    }
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
    sim_run_set_event_budget(run, m->event_budget);
    r->contacts = sim_pool_alloc(sizeof(contact), 4096);
    size_t nc = sc->n_channels, ng = sc->n_groups, ni = sc->n_intervals, nb = sc->n_bots;
    r->cc = sim_xcalloc(ni * nc, sizeof *r->cc);
    r->gc = sim_xcalloc(ni * ng, sizeof *r->gc);
    r->bc = sim_xcalloc(ni * (nb ? nb : 1), sizeof *r->bc);
    r->sgc = sim_xcalloc(ni * (m->n_segs ? m->n_segs : 1), sizeof *r->sgc);
    r->busy_by_channel = sim_xcalloc(ni * ng * nc, sizeof *r->busy_by_channel);
    r->waits = sim_xcalloc(ni * nc, sizeof *r->waits);
    for (size_t i = 0; i < ni * nc; i++) sim_sample_init(&r->waits[i]);
    r->parts = sim_xcalloc(ni * nc, sizeof *r->parts);

    r->gr = sim_xcalloc(ng, sizeof *r->gr);
    for (size_t gi = 0; gi < ng; gi++) {
        const cc_group *gs = &sc->groups[gi];
        group_rt *g = &r->gr[gi];
        g->n_agents = (size_t)gs->max_staff;
        g->agents = sim_xcalloc(g->n_agents ? g->n_agents : 1, sizeof *g->agents);
        g->held = sim_xcalloc((g->n_agents ? g->n_agents : 1) * nc, sizeof *g->held);
        g->bucket_head = sim_xcalloc((size_t)gs->concurrency_total, sizeof *g->bucket_head);
        g->bucket_tail = sim_xcalloc((size_t)gs->concurrency_total, sizeof *g->bucket_tail);
        g->channels = sim_xcalloc(nc, sizeof *g->channels);
        for (size_t c = 0; c < nc; c++)
            if (gs->skill[c]) g->channels[g->n_channels++] = (uint32_t)c;
        sim_timeavg_init(&g->busy, sc->start_s, 0);
        sim_timeavg_init(&g->on, sc->start_s, 0);
        sim_timeavg_init(&g->present, sc->start_s, 0);
        sim_timeavg_init(&g->slots, sc->start_s, 0);
        /* Agents start off duty; the first staffing change brings them in. Pushing in
         * reverse keeps agent 0 on top, so agents come on in index order. */
        for (size_t i = g->n_agents; i-- > 0;) {
            agent *a = &g->agents[i];
            a->group = (uint32_t)gi;
            a->held = g->held + i * nc;
            a->state = AGENT_OFF;
            a->next = g->off;
            g->off = a;
        }
    }
    r->ch = sim_xcalloc(nc, sizeof *r->ch);
    for (size_t c = 0; c < nc; c++) {
        chan_rt *q = &r->ch[c];
        const char *name = sc->channels[c].name;
        static const char *const purposes[] = {"arrivals", "work", "patience", "wrapup", "bot",
                                               "behaviour", "returns", "segment"};
        gsl_rng **streams[] = {&q->arrivals, &q->work, &q->patience, &q->wrapup, &q->bot_rng,
                               &q->behaviour, &q->returns, &q->segment_rng};
        for (size_t k = 0; k < sizeof purposes / sizeof purposes[0]; k++) {
            char purpose[300];
            snprintf(purpose, sizeof purpose, "%s/%s", purposes[k], name);
            *streams[k] = sim_run_stream(run, purpose);
        }
        q->index = (uint32_t)c;
        q->bot = m->bot_of[c];
        q->n_lines = 1 + sc->channels[c].n_customers;
        q->lines = sim_xcalloc(q->n_lines, sizeof *q->lines);
        for (size_t k = 0; k < q->n_lines; k++) {
            q->lines[k].channel = (uint32_t)c;
            q->lines[k].segment = (uint32_t)k;
        }
        q->groups = sim_xcalloc(ng ? ng : 1, sizeof *q->groups);
        for (size_t g = 0; g < ng; g++)
            if (sc->groups[g].skill[c]) q->groups[q->n_groups++] = (uint32_t)g;
    }
    r->offer = sim_xcalloc(m->n_lines, sizeof *r->offer);
    r->offer_line = sim_xcalloc(m->n_lines, sizeof *r->offer_line);
    r->cand = sim_xcalloc(ng ? ng : 1, sizeof *r->cand);
    r->cand_view = sim_xcalloc(ng ? ng : 1, sizeof *r->cand_view);
    if (m->policy->create) r->policy_state = m->policy->create();
    if (m->policy->tick) sim_run_schedule(run, sc->start_s, PRIO_EVENT, on_tick, NULL, r);
    r->last_snap_interval = -1;
    r->last_snap_s = sc->start_s;
    /* Staff come on before the first snapshot and the first arrival at the start. */
    for (size_t gi = 0; gi < ng; gi++) {
        r->gr[gi].next_change = 1;
        set_staff(r, gi, m->changes[gi][0].count);
        if (m->n_changes[gi] > 1)
            sim_run_schedule(run, m->changes[gi][1].time_s, PRIO_STAFFING, on_staffing, &r->gr[gi], r);
    }
    sim_run_schedule(run, m->snap_times[0], PRIO_SNAPSHOT, on_snapshot, NULL, r);
    if (!sc->drain) sim_run_schedule(run, sc->end_s, PRIO_END, on_horizon_end, NULL, r);
    for (size_t c = 0; c < nc; c++) schedule_arrival(r, &r->ch[c], sc->start_s);
    if (m->check_invariants) sim_run_set_after_event(run, check_invariants, r);
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
        free(r->gr[g].held);
        free(r->gr[g].bucket_head);
        free(r->gr[g].bucket_tail);
        free(r->gr[g].channels);
    }
    for (size_t c = 0; c < sc->n_channels; c++) {
        free(r->ch[c].groups);
        free(r->ch[c].lines);
    }
    if (m->policy->destroy) m->policy->destroy(r->policy_state);
    free(r->offer);
    free(r->offer_line);
    free(r->cand);
    free(r->cand_view);
    free(r->gr);
    free(r->ch);
    free(r->cc);
    free(r->gc);
    free(r->bc);
    free(r->sgc);
    free(r->busy_by_channel);
    free(r->waits);
    free(r->parts);
    free(r->log);
    sim_pool_free(r->contacts);
    free(r);
}

/* ---- measures ----
 * One pass lists every measure in order. With r == NULL it only builds the layout
 * (at model creation); otherwise it writes the values of one slice of intervals.
 * Listing and computing in one place keeps them from drifting apart. The names, kinds
 * and labels of the measures are in models/center/measure.c; this pass gives each
 * value its (scope, index, id, threshold). */

typedef struct emitter {
    cc_model *layout;          /* building the layout */
    double *values;            /* or writing values */
    double *weights;           /* and each value's denominator (NaN: not a ratio) */
    size_t at;
} emitter;

static void emit_w(emitter *e, cc_scope scope, size_t index, cc_measure_id id, double threshold_s,
                   double v, double weight)
{
    if (e->layout) {
        cc_model *m = e->layout;
        m->measures = sim_xgrow(m->measures, &m->cap_measures, m->n_measures + 1, 64, sizeof *m->measures);
        m->measures[m->n_measures++] = (cc_measure){scope, index, id, threshold_s};
    } else {
        e->weights[e->at] = weight;
        e->values[e->at++] = v;
    }
}

static void emit_t(emitter *e, cc_scope scope, size_t index, cc_measure_id id, double threshold_s,
                   double v)
{
    emit_w(e, scope, index, id, threshold_s, v, NAN);
}

/* A measure without a threshold. */
static void emit(emitter *e, cc_scope scope, size_t index, cc_measure_id id, double v)
{
    emit_t(e, scope, index, id, 0, v);
}

/* A per-contact (or per-hour) ratio num / den: the value, NaN when den is 0, and den as
 * its weight, so that replications are pooled as a ratio of sums (cc_model_summary). */
static void emit_ratio_t(emitter *e, cc_scope scope, size_t index, cc_measure_id id,
                         double threshold_s, double num, double den)
{
    emit_w(e, scope, index, id, threshold_s, den > 0 ? num / den : NAN, den > 0 ? den : 0);
}

static void emit_ratio(emitter *e, cc_scope scope, size_t index, cc_measure_id id, double num,
                       double den)
{
    emit_ratio_t(e, scope, index, id, 0, num, den);
}

typedef struct slice {
    size_t i0, i1;             /* intervals [i0, i1) */
} slice;

static void emit_waits(emitter *e, rep *r, sim_sample *scratch, slice s, long channel,
                       cc_scope scope, size_t index)
{
    static const struct { cc_measure_id id; double p; } q[] = {
        {CC_M_WAIT_P50, 0.50}, {CC_M_WAIT_P90, 0.90}, {CC_M_WAIT_P95, 0.95}, {CC_M_WAIT_P99, 0.99}};
    sim_sample *from = scratch;
    if (r) {
        /* Each (interval, channel) sample is sorted once; wider scopes merge the sorted
         * pieces, and a scope of one piece reads it directly. */
        const cc_scenario *sc = r->sc;
        size_t k = 0;
        for (size_t i = s.i0; i < s.i1; i++)
            for (size_t c = 0; c < sc->n_channels; c++)
                if ((channel < 0 || (size_t)channel == c) && r->waits[i * sc->n_channels + c].n)
                    r->parts[k++] = &r->waits[i * sc->n_channels + c];
        if (k == 1) from = r->parts[0];
        else sim_sample_union(scratch, r->parts, k);
    }
    for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
        emit(e, scope, index, q[k].id, r ? sim_sample_quantile(from, q[k].p) : 0);
}

static void add_counts(chan_counts *y, const chan_counts *x)
{
    y->offered += x->offered;
    y->contained += x->contained;
    y->answered += x->answered;
    y->abandoned += x->abandoned;
    y->handled += x->handled;
    y->wait_sum += x->wait_sum;
    y->handle_sum += x->handle_sum;
    y->retrials += x->retrials;
    y->switched_in += x->switched_in;
    y->repeats += x->repeats;
    y->switches += x->switches;
    y->resolved += x->resolved;
    for (size_t k = 0; k < CC_SLA_MAX; k++) {
        y->within[k] += x->within[k];
        y->missed[k] += x->missed[k];
    }
}

/* The measures every channel has, and the total pooled over channels. */
static void emit_flow(emitter *e, cc_scope scope, size_t index, const chan_counts *x)
{
    emit(e, scope, index, CC_M_OFFERED, x->offered);
    emit(e, scope, index, CC_M_CONTAINED, x->contained);
    emit(e, scope, index, CC_M_ANSWERED, x->answered);
    emit(e, scope, index, CC_M_ABANDONED, x->abandoned);
}

static void emit_tail(emitter *e, cc_scope scope, size_t index, const chan_counts *x)
{
    emit_ratio(e, scope, index, CC_M_HANDLE_TIME, x->handle_sum, x->handled);
    emit(e, scope, index, CC_M_RETRIALS, x->retrials);
    emit(e, scope, index, CC_M_SWITCHED_IN, x->switched_in);
    emit(e, scope, index, CC_M_SWITCHES, x->switches);
    emit(e, scope, index, CC_M_REPEATS, x->repeats);
    emit_ratio(e, scope, index, CC_M_FIRST_CONTACT_RESOLUTION, x->resolved, x->handled);
}

/* The sums over one slice of intervals that the measures of channels, groups, bots and
 * the total are made of; all zero when only the layout is built. */
typedef struct slice_sums {
    chan_counts *cs;           /* [channel] */
    group_counts *gs;          /* [group] */
    bot_counts *bs;            /* [bot] */
    double *busy;              /* [group * n_channels + channel]: agent time on the channel */
    double *group_cost;        /* [group] */
    double *group_busy;        /* [group]: agent time on any channel */
    double *bot_cost_of;       /* [bot] */
    double *channel_bot_cost;  /* [channel]: the cost of the bot the channel's contacts met */
    double staff_cost, bot_cost;
} slice_sums;

static void slice_sums_init(slice_sums *u, const cc_model *m, const rep *r, slice s)
{
    const cc_scenario *sc = m->sc;
    size_t nc = sc->n_channels, ng = sc->n_groups, nb = sc->n_bots;
    u->cs = sim_xcalloc(nc, sizeof *u->cs);
    u->gs = sim_xcalloc(ng, sizeof *u->gs);
    u->bs = sim_xcalloc(nb ? nb : 1, sizeof *u->bs);
    u->busy = sim_xcalloc(ng * nc, sizeof *u->busy);
    u->group_cost = sim_xcalloc(ng, sizeof *u->group_cost);
    u->group_busy = sim_xcalloc(ng, sizeof *u->group_busy);
    u->bot_cost_of = sim_xcalloc(nb ? nb : 1, sizeof *u->bot_cost_of);
    u->channel_bot_cost = sim_xcalloc(nc, sizeof *u->channel_bot_cost);
    u->staff_cost = u->bot_cost = 0;
    if (!r) return;
    for (size_t i = s.i0; i < s.i1; i++) {
        for (size_t c = 0; c < nc; c++) add_counts(&u->cs[c], &r->cc[i * nc + c]);
        for (size_t g = 0; g < ng; g++) {
            const group_counts *x = &r->gc[i * ng + g];
            u->gs[g].busy_area += x->busy_area;
            u->gs[g].on_area += x->on_area;
            u->gs[g].present_area += x->present_area;
            u->gs[g].slots_area += x->slots_area;
            u->gs[g].capacity_area += x->capacity_area;
            u->gs[g].answered += x->answered;
            for (size_t c = 0; c < nc; c++) {
                double b = r->busy_by_channel[(i * ng + g) * nc + c];
                u->busy[g * nc + c] += b;
                u->group_busy[g] += b;
            }
        }
        for (size_t b = 0; b < nb; b++) {
            const bot_counts *x = &r->bc[i * nb + b];
            u->bs[b].offered += x->offered;
            u->bs[b].contained += x->contained;
            u->bs[b].escalated += x->escalated;
        }
    }
    for (size_t g = 0; g < ng; g++) {
        u->group_cost[g] = u->gs[g].on_area / 3600.0 * sc->groups[g].cost_per_hour +
                           u->gs[g].answered * sc->groups[g].cost_per_contact;
        u->staff_cost += u->group_cost[g];
    }
    for (size_t b = 0; b < nb; b++) {
        u->bot_cost_of[b] = u->bs[b].offered * sc->bots[b].cost_per_contact;
        u->bot_cost += u->bot_cost_of[b];
    }
    /* A channel's bot cost: every counted contact of a channel with a bot met the
     * bot, at the bot's price per contact. */
    for (size_t c = 0; c < nc; c++)
        if (m->bot_of[c] >= 0)
            u->channel_bot_cost[c] = u->cs[c].offered * sc->bots[m->bot_of[c]].cost_per_contact;
}

static void slice_sums_fini(slice_sums *u)
{
    free(u->cs);
    free(u->gs);
    free(u->bs);
    free(u->busy);
    free(u->group_cost);
    free(u->group_busy);
    free(u->bot_cost_of);
    free(u->channel_bot_cost);
}

/* The whole center: channels pooled, each total service level over the channels that
 * have its threshold. */
static void emit_total(emitter *e, const cc_model *m, rep *r, slice s, const slice_sums *u,
                       sim_sample *scratch)
{
    const cc_scenario *sc = m->sc;
    size_t nc = sc->n_channels;
    chan_counts t = {0};
    for (size_t c = 0; c < nc; c++) add_counts(&t, &u->cs[c]);
    emit_flow(e, CC_SCOPE_TOTAL, 0, &t);
    for (size_t k = 0; k < m->n_thresholds; k++) {
        double within = 0, missed = 0, den = 0;
        for (size_t c = 0; c < nc; c++)
            for (size_t j = 0; j < sc->channels[c].n_sla; j++)
                if (cc_measure_threshold_of(sc->channels[c].sla[j].within_s) == m->total_thresholds[k]) {
                    within += u->cs[c].within[j];
                    missed += u->cs[c].missed[j];
                    den += u->cs[c].answered + u->cs[c].abandoned;
                }
        emit_ratio_t(e, CC_SCOPE_TOTAL, 0, CC_M_SERVICE_LEVEL, m->total_thresholds[k], within, den);
        emit_ratio_t(e, CC_SCOPE_TOTAL, 0, CC_M_MISSED, m->total_thresholds[k], missed, den);
    }
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_ABANDON_RATE, t.abandoned, t.answered + t.abandoned);
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_ASA, t.wait_sum, t.answered);
    emit_waits(e, r, scratch, s, -1, CC_SCOPE_TOTAL, 0);
    emit_tail(e, CC_SCOPE_TOTAL, 0, &t);
    double staff_cost = u->staff_cost, bot_cost = u->bot_cost, total_cost = staff_cost + bot_cost;
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT, total_cost, t.answered + t.contained);
    emit(e, CC_SCOPE_TOTAL, 0, CC_M_STAFF_COST, staff_cost);
    emit(e, CC_SCOPE_TOTAL, 0, CC_M_BOT_COST, bot_cost);
    emit(e, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, total_cost);
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_HUMAN, staff_cost, t.answered);
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_SELF_SERVICE, bot_cost, t.contained);
    emit_ratio(e, CC_SCOPE_TOTAL, 0, CC_M_COST_PER_CONTACT_BLENDED, total_cost,
               t.answered + t.contained);
}

static void emit_channels(emitter *e, const cc_model *m, rep *r, slice s, const slice_sums *u,
                          sim_sample *scratch)
{
    const cc_scenario *sc = m->sc;
    size_t nc = sc->n_channels, ng = sc->n_groups;
    for (size_t c = 0; c < nc; c++) {
        const cc_channel *ch = &sc->channels[c];
        const chan_counts *x = &u->cs[c];
        emit_flow(e, CC_SCOPE_CHANNEL, c, x);
        for (size_t k = 0; k < ch->n_sla; k++) {
            double t = cc_measure_threshold_of(ch->sla[k].within_s);
            emit_ratio_t(e, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, x->within[k],
                         x->answered + x->abandoned);
            emit_ratio_t(e, CC_SCOPE_CHANNEL, c, CC_M_MISSED, t, x->missed[k],
                         x->answered + x->abandoned);
        }
        emit_ratio(e, CC_SCOPE_CHANNEL, c, CC_M_ABANDON_RATE, x->abandoned, x->answered + x->abandoned);
        emit_ratio(e, CC_SCOPE_CHANNEL, c, CC_M_ASA, x->wait_sum, x->answered);
        emit_waits(e, r, scratch, s, (long)c, CC_SCOPE_CHANNEL, c);
        emit_tail(e, CC_SCOPE_CHANNEL, c, x);
        double cost = u->channel_bot_cost[c];
        for (size_t g = 0; g < ng; g++)
            if (u->group_busy[g] > 0) cost += u->group_cost[g] * u->busy[g * nc + c] / u->group_busy[g];
        emit_ratio(e, CC_SCOPE_CHANNEL, c, CC_M_COST_PER_CONTACT, cost, x->answered + x->contained);
    }
}

static void emit_groups_bots(emitter *e, const cc_model *m, const slice_sums *u)
{
    const cc_scenario *sc = m->sc;
    for (size_t g = 0; g < sc->n_groups; g++) {
        const group_counts *x = &u->gs[g];
        emit_ratio(e, CC_SCOPE_GROUP, g, CC_M_OCCUPANCY, x->busy_area, x->present_area);
        emit_ratio(e, CC_SCOPE_GROUP, g, CC_M_SLOT_OCCUPANCY, x->slots_area, x->capacity_area);
        emit(e, CC_SCOPE_GROUP, g, CC_M_STAFFED_HOURS, x->on_area / 3600.0);
        emit(e, CC_SCOPE_GROUP, g, CC_M_OVERTIME_HOURS, (x->present_area - x->on_area) / 3600.0);
        emit(e, CC_SCOPE_GROUP, g, CC_M_ANSWERED, x->answered);
        emit(e, CC_SCOPE_GROUP, g, CC_M_COST, u->group_cost[g]);
    }
    for (size_t b = 0; b < sc->n_bots; b++) {
        emit(e, CC_SCOPE_BOT, b, CC_M_OFFERED, u->bs[b].offered);
        emit(e, CC_SCOPE_BOT, b, CC_M_CONTAINED, u->bs[b].contained);
        emit(e, CC_SCOPE_BOT, b, CC_M_ESCALATED, u->bs[b].escalated);
        emit(e, CC_SCOPE_BOT, b, CC_M_COST, u->bot_cost_of[b]);
    }
}

/* Customer segments, summed over the slice straight from the replication. */
static void emit_segments(emitter *e, const cc_model *m, const rep *r, slice s)
{
    const cc_scenario *sc = m->sc;
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        for (size_t k = 0; k < ch->n_customers; k++) {
            size_t gi = m->seg_base[c] + k;
            seg_counts x = {0};
            for (size_t i = s.i0; r && i < s.i1; i++) {
                const seg_counts *y = &r->sgc[i * m->n_segs + gi];
                x.offered += y->offered;
                x.contained += y->contained;
                x.answered += y->answered;
                x.abandoned += y->abandoned;
                x.wait_sum += y->wait_sum;
                for (size_t j = 0; j < CC_SLA_MAX; j++) x.within[j] += y->within[j];
            }
            emit(e, CC_SCOPE_SEGMENT, gi, CC_M_OFFERED, x.offered);
            emit(e, CC_SCOPE_SEGMENT, gi, CC_M_CONTAINED, x.contained);
            emit(e, CC_SCOPE_SEGMENT, gi, CC_M_ANSWERED, x.answered);
            emit(e, CC_SCOPE_SEGMENT, gi, CC_M_ABANDONED, x.abandoned);
            for (size_t j = 0; j < ch->n_sla; j++)
                emit_ratio_t(e, CC_SCOPE_SEGMENT, gi, CC_M_SERVICE_LEVEL,
                             cc_measure_threshold_of(ch->sla[j].within_s), x.within[j],
                             x.answered + x.abandoned);
            emit_ratio(e, CC_SCOPE_SEGMENT, gi, CC_M_ABANDON_RATE, x.abandoned,
                       x.answered + x.abandoned);
            emit_ratio(e, CC_SCOPE_SEGMENT, gi, CC_M_ASA, x.wait_sum, x.answered);
        }
    }
}

/* Every measure in layout order: total, channels, groups, bots, segments. */
static void list_measures(emitter *e, const cc_model *m, rep *r, slice s)
{
    sim_sample scratch;
    sim_sample_init(&scratch);
    slice_sums u;
    slice_sums_init(&u, m, r, s);
    emit_total(e, m, r, s, &u, &scratch);
    emit_channels(e, m, r, s, &u, &scratch);
    emit_groups_bots(e, m, &u);
    emit_segments(e, m, r, s);
    slice_sums_fini(&u);
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
    out->weights = sim_xcalloc(m->n_measures, sizeof *out->weights);
    out->interval_weights = sim_xcalloc(sc->n_intervals * m->n_measures, sizeof *out->interval_weights);
    emitter e = {NULL, out->values, out->weights, 0};
    list_measures(&e, m, r, (slice){0, sc->n_intervals});
    SIM_REQUIRE(e.at == m->n_measures);
    for (size_t i = 0; i < sc->n_intervals; i++) {
        emitter ei = {NULL, out->interval_values + i * m->n_measures,
                      out->interval_weights + i * m->n_measures, 0};
        list_measures(&ei, m, r, (slice){i, i + 1});
    }
    out->replication = sim_run_replication(run);
    out->events = sim_run_events(run);
    out->end_s = sim_run_now(run);
    if (sim_run_is_runaway(run))
        fail(r, "more than %llu events in one simulated second at %.0f s: contacts loop in "
             "(nearly) zero time (check patience, retrial, switch and repeat delays near 0 s)",
             (unsigned long long)m->event_budget, sim_run_now(run));
    out->failed = r->failed;
#ifdef SIM_PROFILE
    out->prof = *sim_run_prof(run);
#endif
    out->log = r->log;             /* handed over: the result owns it now */
    out->n_log = r->n_log;
    r->log = NULL;
    memcpy(out->error, r->error, sizeof out->error);
    double unfinished = 0;
    for (size_t i = 0; i < sc->n_intervals * sc->n_channels; i++)
        unfinished += r->cc[i].offered - r->cc[i].contained - r->cc[i].answered - r->cc[i].abandoned;
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

/* Group g's head count as a list of changes: the count at the start, then one entry
 * each time it changes (interval boundaries for a list, shift starts and ends). */
static void build_changes(const cc_scenario *sc, size_t g, staff_change **out, size_t *n)
{
    const cc_group *gr = &sc->groups[g];
    size_t cap = 2 + sc->n_intervals + 2 * gr->n_shifts;
    double *times = sim_xcalloc(cap, sizeof *times);
    size_t nt = 0;
    times[nt++] = sc->start_s;
    if (gr->staff_kind == CC_STAFF_LIST)
        for (size_t i = 1; i < sc->n_intervals; i++) times[nt++] = cc_scenario_interval_start(sc, i);
    for (size_t i = 0; i < gr->n_shifts; i++) {
        times[nt++] = gr->shifts[i].start_s;
        times[nt++] = gr->shifts[i].end_s;
    }
    qsort(times, nt, sizeof *times, cmp_double);
    staff_change *ch = sim_xcalloc(nt, sizeof *ch);
    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        if (times[i] >= sc->end_s && i > 0) break;
        long count = cc_scenario_staff_at(sc, g, times[i]);
        if (k > 0 && (times[i] == ch[k - 1].time_s || count == ch[k - 1].count)) {
            if (times[i] == ch[k - 1].time_s) ch[k - 1].count = count;
            continue;
        }
        ch[k].time_s = times[i];
        ch[k].count = count;
        k++;
    }
    free(times);
    *out = ch;
    *n = k;
}

/* The event budget of a replication: a contact costs about ten events (arrival, bot,
 * queue, overflow, abandonment, retrial, service, wrap-up, repeat), so a second of the
 * busiest arrival rate costs 10 x that rate; every agent may start and end a shift or
 * pick up work in the same second. A hundred times that, and at least 10^5, is far past
 * any real second; a loop in (nearly) zero time passes it within a simulated second and
 * is stopped there, instead of running for hours. */
static uint64_t event_budget(const cc_scenario *sc)
{
    double peak = 0, agents = 0;
    for (size_t c = 0; c < sc->n_channels; c++) {
        double most = 0;
        for (size_t i = 0; i < sc->channels[c].n_segments; i++)
            most = fmax(most, sc->channels[c].segments[i].rate_per_s);
        peak += most;
    }
    for (size_t g = 0; g < sc->n_groups; g++) agents += (double)sc->groups[g].max_staff;
    double budget = 100 * (10 * peak + 4 * agents);
    return budget < 1e5 ? 100000 : budget > 1e15 ? (uint64_t)1e15 : (uint64_t)budget;
}

cc_model *cc_model_alloc(const cc_scenario *sc)
{
    cc_model *m = sim_xcalloc(1, sizeof *m);
    m->sc = sc;
    m->per_interval = 1.0 / sc->interval_s;
    m->last_interval = sc->n_intervals - 1;
    m->event_budget = event_budget(sc);
    /* Distinct whole-second SLA thresholds, for the total's service levels. */
    m->total_thresholds = sim_xcalloc(sc->n_channels * CC_SLA_MAX + 1, sizeof(double));
    for (size_t c = 0; c < sc->n_channels; c++)
        for (size_t k = 0; k < sc->channels[c].n_sla; k++) {
            double t = cc_measure_threshold_of(sc->channels[c].sla[k].within_s);
            bool seen = false;
            for (size_t j = 0; j < m->n_thresholds; j++) seen = seen || m->total_thresholds[j] == t;
            if (!seen) m->total_thresholds[m->n_thresholds++] = t;
        }
    qsort(m->total_thresholds, m->n_thresholds, sizeof(double), cmp_double);

    m->bot_of = sim_xcalloc(sc->n_channels ? sc->n_channels : 1, sizeof *m->bot_of);
    for (size_t c = 0; c < sc->n_channels; c++) {
        m->bot_of[c] = -1;
        for (size_t b = 0; b < sc->n_bots; b++)
            if (sc->bots[b].serves[c]) m->bot_of[c] = (long)b;
    }
    /* The policy, overflow thresholds and skill ranks, looked up once. */
    /* A deferred plugin must have been loaded (cc_routing_load) before the model. */
    SIM_REQUIRE(sc->routing.policy != NULL);
    m->policy = sc->routing.policy;
    size_t nc = sc->n_channels, ng = sc->n_groups;
    m->threshold = sim_xcalloc(ng * nc + 1, sizeof *m->threshold);
    m->rank = sim_xcalloc(ng * nc + 1, sizeof *m->rank);
    for (size_t g = 0; g < ng; g++) {
        size_t k = 0;
        for (size_t c = 0; c < nc; c++)
            if (sc->groups[g].skill[c]) m->rank[g * nc + c] = k++;
    }
    for (size_t i = 0; i < sc->n_overflow; i++) {
        const cc_overflow *o = &sc->overflow[i];
        m->threshold[o->group * nc + o->channel] = o->after_s;
    }
    m->seg_base = sim_xcalloc(nc + 1, sizeof *m->seg_base);
    m->thresholds_of = sim_xcalloc(nc + 1, sizeof *m->thresholds_of);
    m->n_thresholds_of = sim_xcalloc(nc + 1, sizeof *m->n_thresholds_of);
    for (size_t c = 0; c < nc; c++) {
        m->thresholds_of[c] = sim_xcalloc(ng + 1, sizeof(double));
        for (size_t g = 0; g < ng; g++) {
            double t = m->threshold[g * nc + c];
            bool seen = false;
            for (size_t j = 0; j < m->n_thresholds_of[c]; j++) seen = seen || m->thresholds_of[c][j] == t;
            if (t > 0 && !seen) m->thresholds_of[c][m->n_thresholds_of[c]++] = t;
        }
        qsort(m->thresholds_of[c], m->n_thresholds_of[c], sizeof(double), cmp_double);
        m->n_lines += 1 + sc->channels[c].n_customers;
        m->seg_base[c] = m->n_segs;
        m->n_segs += sc->channels[c].n_customers;
    }
    m->changes = sim_xcalloc(sc->n_groups ? sc->n_groups : 1, sizeof *m->changes);
    m->n_changes = sim_xcalloc(sc->n_groups ? sc->n_groups : 1, sizeof *m->n_changes);
    for (size_t g = 0; g < sc->n_groups; g++) build_changes(sc, g, &m->changes[g], &m->n_changes[g]);

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

    emitter e = {m, NULL, NULL, 0};
    list_measures(&e, m, NULL, (slice){0, 0});
    return m;
}

void cc_model_set_checking(cc_model *m, bool on)
{
    m->check_invariants = on;
}

void cc_model_set_contact_log(cc_model *m, bool on)
{
    m->log_contacts = on;
}

void cc_model_free(cc_model *m)
{
    if (!m) return;
    for (size_t g = 0; g < m->sc->n_groups; g++) free(m->changes[g]);
    free(m->changes);
    free(m->n_changes);
    for (size_t c = 0; c < m->sc->n_channels; c++) free(m->thresholds_of[c]);
    free(m->thresholds_of);
    free(m->n_thresholds_of);
    free(m->threshold);
    free(m->rank);
    free(m->seg_base);
    free(m->bot_of);
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

long cc_model_find(const cc_model *m, cc_scope scope, size_t index, cc_measure_id id,
                   double threshold_s)
{
    for (size_t i = 0; i < m->n_measures; i++) {
        const cc_measure *x = &m->measures[i];
        if (x->scope == scope && x->index == index && x->id == id && x->threshold_s == threshold_s)
            return (long)i;
    }
    return -1;
}

long cc_model_find_name(const cc_model *m, cc_scope scope, size_t index, const char *name)
{
    cc_measure_id id;
    double threshold_s;
    return cc_measure_parse(name, &id, &threshold_s) ? cc_model_find(m, scope, index, id, threshold_s)
                                                     : -1;
}

void cc_rep_result_fini(cc_rep_result *r)
{
    free(r->values);
    free(r->interval_values);
    free(r->weights);
    free(r->interval_weights);
    free(r->log);
    r->values = r->interval_values = r->weights = r->interval_weights = NULL;
    r->log = NULL;
    r->n_log = 0;
}

int cc_model_segment_of(const cc_model *m, size_t index, size_t *channel, size_t *segment)
{
    for (size_t c = 0; c < m->sc->n_channels; c++) {
        size_t n = m->sc->channels[c].n_customers;
        if (index >= m->seg_base[c] && index < m->seg_base[c] + n) {
            *channel = c;
            *segment = index - m->seg_base[c];
            return 0;
        }
    }
    return -1;
}

const char *cc_model_scope_name(cc_scope s)
{
    switch (s) {
    case CC_SCOPE_CHANNEL: return "channel";
    case CC_SCOPE_GROUP: return "group";
    case CC_SCOPE_BOT: return "bot";
    case CC_SCOPE_SEGMENT: return "segment";
    default: return "total";
    }
}

/* ---- summaries across replications ---- */

static double value_of(const cc_rep_result *x, size_t nm, size_t k, long interval)
{
    return interval < 0 ? x->values[k] : x->interval_values[(size_t)interval * nm + k];
}

static double weight_of(const cc_rep_result *x, size_t nm, size_t k, long interval)
{
    return interval < 0 ? x->weights[k] : x->interval_weights[(size_t)interval * nm + k];
}

/* The (numerator, denominator) pairs of a ratio measure, or false for another one. A
 * replication whose denominator is 0 adds (0, 0). */
static bool ratio_pairs(const cc_model *m, const cc_rep_result *res, size_t n, size_t k,
                        long interval, double *num, double *den)
{
    size_t nm = m->n_measures;
    if (n == 0 || isnan(weight_of(&res[0], nm, k, interval))) return false;
    for (size_t r = 0; r < n; r++) {
        den[r] = weight_of(&res[r], nm, k, interval);
        num[r] = den[r] > 0 ? value_of(&res[r], nm, k, interval) * den[r] : 0;
    }
    return true;
}

sim_summary cc_model_summary(const cc_model *m, const cc_rep_result *res, size_t n, size_t k,
                             long interval)
{
    SIM_REQUIRE(k < m->n_measures && (interval < 0 || (size_t)interval < m->sc->n_intervals));
    double *num = sim_xcalloc(n ? n : 1, sizeof *num), *den = sim_xcalloc(n ? n : 1, sizeof *den);
    sim_summary s;
    if (ratio_pairs(m, res, n, k, interval, num, den)) {
        s = sim_summary_ratio(num, den, n);
    } else {
        for (size_t r = 0; r < n; r++) num[r] = value_of(&res[r], m->n_measures, k, interval);
        s = sim_summary_of(num, n, 1);
    }
    free(num);
    free(den);
    return s;
}

sim_summary cc_model_summary_diff(const cc_model *m, const cc_rep_result *res1,
                                  const cc_rep_result *res0, size_t n, size_t k, long interval)
{
    SIM_REQUIRE(k < m->n_measures && (interval < 0 || (size_t)interval < m->sc->n_intervals));
    size_t len = n ? n : 1;
    double *n1 = sim_xcalloc(len, sizeof *n1), *d1 = sim_xcalloc(len, sizeof *d1);
    double *n0 = sim_xcalloc(len, sizeof *n0), *d0 = sim_xcalloc(len, sizeof *d0);
    sim_summary s;
    if (ratio_pairs(m, res1, n, k, interval, n1, d1) && ratio_pairs(m, res0, n, k, interval, n0, d0)) {
        s = sim_summary_ratio_diff(n1, d1, n0, d0, n);
    } else {
        for (size_t r = 0; r < n; r++)   /* NaN if either is */
            n1[r] = value_of(&res1[r], m->n_measures, k, interval) -
                    value_of(&res0[r], m->n_measures, k, interval);
        s = sim_summary_of(n1, n, 1);
    }
    free(n1);
    free(d1);
    free(n0);
    free(d0);
    return s;
}
