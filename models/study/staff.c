/* models/study/staff.c: the staffing search of models/study/staff.h.
 * A plan is a head count per (group, block). Every evaluation turns the plan into
 * --set overrides ("agents.G.staff=[...]" per interval, "agents.G.shifts=null") and runs
 * the scenario with the user's seed, so plans are compared on common random numbers and
 * a change of one agent shows its own effect, not noise. The search is bounded by the
 * evaluation budget and by a ceiling on agents per group and block, and it says which
 * bound stopped it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "models/study/staff.h"

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "models/center/erlang.h"
#include "models/report/report.h"
#include "models/study/resume.h"
#include "models/io/load.h"
#include "models/io/units.h"
#include "models/io/yamltree.h"
#include "sim/check.h"
#include "sim/mem.h"
#include "sim/status.h"

typedef struct search {
    const cc_sim_options *o;
    const cc_staff_options *so;
    const cc_scenario *sc;   /* the scenario as loaded, for its structure */
    size_t ng, nb, k;        /* groups, blocks, intervals per block */
    size_t first_interval;   /* the first counted interval */
    long evaluations;
    bool tty;
    long *per_interval;      /* scratch: one group's head count per interval */
    bool holdout;            /* evaluate on the hold-out replications */
    bool quick;              /* evaluate at the replications asked for, no more (iterate) */
    uint64_t holdout_seed;
    cc_resume parts;         /* verdicts kept on disk, for --resume */
    long replayed;           /* evaluations taken from an interrupted search */
    long replications_run;   /* replications simulated over all evaluations */
    bool *tight;             /* [ng * nb]: one agent fewer there was shown to miss */
    bool *fixed;             /* [ng]: the group's head counts are held (--fix, or
                              * staffing.fixed in the file) */
    long *lo, *hi;           /* [ng]: the head counts a block may have (staffing.min and
                              * max; hi LONG_MAX when the file sets none) */
    double *costs;           /* the last evaluation's total cost in each replication */
    size_t n_costs, costs_cap;
    double *best_costs;      /* the same for the best plan (trim and move compare a plan
                              * with it, paired over the same replications) */
    size_t n_best_costs;
    double *best_margin;     /* [nb]: the best plan's verdict.margin (trim's order, day scope) */
    bool refuse_dearer;      /* move: refuse a plan as soon as its paired cost difference
                              * to the best is shown above 0, without deciding targets */
    long *moved_in;          /* [ng]: moves into the group tried / refused on cost */
    long *moved_in_costly;
    size_t changed_block;    /* trim and move: the one block where the plan differs from
                              * the feasible best it was made from (SIZE_MAX: none). Before
                              * it the plan runs as the best did, on the same random
                              * numbers, so those intervals are not judged again; after it
                              * only the queue carried over differs, so a target there
                              * counts as missed only when its CI lies below it (a target
                              * within the tolerance stays as the best's verdict left it,
                              * instead of flipping on noise). */
} search;

typedef struct verdict {
    bool feasible;
    double cost;
    bool *short_block;       /* [ng * nb]: add here (repair) */
    double *grow;            /* [ng * nb]: occupancy over the cap: grow by this factor */
    size_t misses;
    long replications;       /* the replications it was decided on */
    long simulated;          /* replications simulated to decide it (all the doublings) */
    bool over_cost;          /* refused because it is shown dearer than the best plan */
    double cost_change;      /* mean paired difference in total cost to the best plan over
                              * the replications both have (NaN: no best yet) */
    double *margin;          /* [nb]: the least estimated service level minus its target over
                              * the block's judged intervals and targets (INFINITY: none) */
    bool day_missed;         /* a target over the day is missed or undecided */
    char worst[256];         /* the first missed target, for messages */
} verdict;

static long *plan_at(long *plan, const search *s, size_t g, size_t b)
{
    return &plan[g * s->nb + b];
}

/* The blocks before the first judged one are warm-up: they are staffed as the first
 * judged block (the queue then starts the counted day as in steady work), not searched. */
static size_t first_block(const search *s)
{
    size_t b = s->first_interval / s->k;
    return b < s->nb ? b : s->nb - 1;
}

/* Whether one agent fewer in (g, b) was shown to miss, for staffing.csv and the table. */
static const char *one_fewer(const search *s, const long *plan, size_t g, size_t b)
{
    if (s->fixed[g]) return "fixed";
    if (b < first_block(s)) return "warm-up";
    if (s->tight[g * s->nb + b]) return "misses";
    if (plan[g * s->nb + b] <= s->lo[g] && s->lo[g] > 0) return "min";
    if (plan[g * s->nb + b] == 0) return "none";
    return "untried";
}

/* The average arrival rate of channel c over [a, b), per second. */
static double mean_rate(const cc_channel *ch, double a, double b, double end_s)
{
    double area = 0;
    for (size_t i = 0; i < ch->n_segments; i++) {
        double s0 = ch->segments[i].start_s;
        double s1 = i + 1 < ch->n_segments ? ch->segments[i + 1].start_s : end_s;
        double lo = s0 > a ? s0 : a, hi = s1 < b ? s1 : b;
        if (hi > lo) area += (hi - lo) * ch->segments[i].rate_per_s;
    }
    return b > a ? area / (b - a) : 0;
}

/* A typical occupancy, to compare an hourly price with a per-contact one before any
 * simulation: an hourly agent is paid for idle time too, a per-contact one is not. The
 * swap step (move) then compares the groups on the costs simulated. */
#define TYPICAL_OCCUPANCY 0.85

/* What group g is expected to cost per contact of channel c: the hours a contact holds
 * a slot (a slower group costs more for the same calls), paid at the typical occupancy,
 * plus any per-contact charge. */
static double contact_cost(const cc_scenario *sc, size_t g, size_t c)
{
    const cc_group *gr = &sc->groups[g];
    double aht = sim_dist_mean(&sc->channels[c].handle_time) * gr->factor[c];
    return gr->cost_per_hour * aht / 3600.0 / (double)gr->concurrency[c] / TYPICAL_OCCUPANCY +
           gr->cost_per_contact;
}

/* The group, not held fixed, that answers channel c most cheaply per contact; among
 * those with fewer than room[g] agents when room is given (-1: none). */
static long cheapest_group_with(const cc_scenario *sc, const bool *fixed, size_t c,
                                const long *have, const long *room)
{
    long best = -1;
    double best_cost = INFINITY;
    for (size_t g = 0; g < sc->n_groups; g++) {
        if (!sc->groups[g].skill[c] || fixed[g] || (room && have[g] >= room[g])) continue;
        double cost = contact_cost(sc, g, c);
        if (cost < best_cost) {
            best = (long)g;
            best_cost = cost;
        }
    }
    return best;
}

static long cheapest_group(const cc_scenario *sc, const bool *fixed, size_t c)
{
    return cheapest_group_with(sc, fixed, c, NULL, NULL);
}

/* The group to add an agent to in block b where channel c misses: the cheapest with room
 * under its staffing.max, or, when every one is full, the cheapest (repair then stops
 * at the bound and says so). */
static long group_to_add(const search *s, const long *plan, size_t c, size_t b)
{
    long have[CC_GROUPS_MAX];
    for (size_t g = 0; g < s->ng; g++) have[g] = plan[g * s->nb + b];
    long g = cheapest_group_with(s->sc, s->fixed, c, have, s->hi);
    return g >= 0 ? g : cheapest_group(s->sc, s->fixed, c);
}

/* What Erlang A must meet for one channel at one rate: every service-level target
 * (a target of 1.00, "nobody waits longer", as 99.9% answered within the threshold) and
 * the occupancy cap. */
typedef struct erlang_need {
    const cc_channel *ch;
    double lambda, aht_s, patience_s, cap;
} erlang_need;

static bool erlang_meets(unsigned long n, void *ctx)
{
    const erlang_need *q = ctx;
    const cc_channel *ch = q->ch;
    cc_erlang_result ex;
    for (size_t k = 0; k < ch->n_sla; k++) {
        if (cc_erlang_a(q->lambda, q->aht_s, q->patience_s, (unsigned)n, ch->sla[k].within_s, &ex) != SIM_OK)
            return false;
        bool ok = ch->sla[k].target >= 1 ? ex.sl_offered >= 0.999 : ex.service_level >= ch->sla[k].target;
        if (!ok) return false;
    }
    if (ch->n_sla == 0 && cc_erlang_a(q->lambda, q->aht_s, q->patience_s, (unsigned)n, 20, &ex) != SIM_OK)
        return false;
    return !(q->cap < 1 && ex.occupancy > q->cap);
}

/* The least number of servers Erlang says meets channel c's targets at rate lambda,
 * from the load up; the bound, 10 x load + 200, when none below it does. */
static long erlang_servers(const cc_channel *ch, double lambda, double aht_s, double cap)
{
    if (!(lambda > 0)) return 0;
    double patience = ch->has_patience ? sim_dist_mean(&ch->patience) : INFINITY;
    if (!(patience > 0)) patience = INFINITY;
    double load = lambda * aht_s;
    erlang_need q = {ch, lambda, aht_s, patience, cap};
    long lo = (long)ceil(load) > 0 ? (long)ceil(load) : 1, bound = (long)(10 * load) + 200;
    if (lo >= bound) return bound;
    return (long)cc_erlang_least_n((unsigned long)lo, (unsigned long)bound - 1, erlang_meets, &q);
}

/* One group's head count per interval under the plan, into s->per_interval. */
static const long *group_plan(search *s, const long *plan, size_t g)
{
    for (size_t i = 0; i < s->sc->n_intervals; i++) {
        size_t b = i / s->k > first_block(s) ? i / s->k : first_block(s);
        s->per_interval[i] = s->fixed[g] ? cc_scenario_staff_at(s->sc, g, cc_scenario_interval_start(s->sc, i))
                                         : plan[g * s->nb + b];
    }
    return s->per_interval;
}

/* The scenario with the plan: every group staffed by its head count per interval,
 * shifts replaced. SIM_OK, or the copy failed (said on stderr). */
static int plan_scenario(search *s, const long *plan, cc_scenario *out)
{
    char err[512];
    if (cc_scenario_copy(out, s->sc, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "ccsim: staff: %s\n", err);
        return SIM_EINVAL;
    }
    for (size_t g = 0; g < s->ng; g++)
        if (!s->fixed[g]) cc_scenario_set_staff(out, g, group_plan(s, plan, g));
    return SIM_OK;
}

/* ---- costs per replication, for paired comparisons ---- */

static void costs_reserve(search *s, size_t n)
{
    if (n <= s->costs_cap) return;
    s->costs = sim_xrealloc(s->costs, n * sizeof *s->costs);
    s->best_costs = sim_xrealloc(s->best_costs, n * sizeof *s->best_costs);
    s->costs_cap = n;
}

/* The simulation's total cost in each replication into s->costs. */
static void record_costs(search *s, const cc_sim *sim)
{
    long k = cc_model_find(sim->m, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0);
    costs_reserve(s, sim->n);
    for (size_t r = 0; r < sim->n; r++) s->costs[r] = k >= 0 ? sim->res[r].values[k] : 0;
    s->n_costs = sim->n;
}

/* The paired difference in total cost, this evaluation minus the best plan, over the
 * replications both have (on common random numbers: an hourly agent fewer is the same
 * saving in every replication, so the CI is as narrow as the change is). Returns its
 * mean (NaN without a best) and, in *shown_dearer, whether its 95% CI lies above 0. */
static double cost_change(const search *s, bool *shown_dearer)
{
    *shown_dearer = false;
    size_t m = s->n_costs < s->n_best_costs ? s->n_costs : s->n_best_costs;
    if (m == 0) return NAN;
    double mean = 0, m2 = 0;
    for (size_t r = 0; r < m; r++) {   /* Welford: the differences may be large numbers */
        double d = s->costs[r] - s->best_costs[r], delta = d - mean;
        mean += delta / (double)(r + 1);
        m2 += delta * (d - mean);
    }
    if (m > 1) {
        double half = gsl_cdf_tdist_Pinv(0.975, (double)(m - 1)) * sqrt(m2 / (double)(m - 1) / (double)m);
        *shown_dearer = mean - half > 0;
    }
    return mean;
}

/* The last evaluation, v, becomes the best plan: the basis of paired cost comparisons
 * and of trim's order. */
static void keep_best(search *s, const verdict *v)
{
    costs_reserve(s, s->n_costs);
    memcpy(s->best_costs, s->costs, s->n_costs * sizeof *s->costs);
    s->n_best_costs = s->n_costs;
    memcpy(s->best_margin, v->margin, s->nb * sizeof *v->margin);
}

/* ---- verdicts on disk, for --resume ----
 * An evaluation is named by what it runs: the seed (the search's, or a hold-out's) and
 * the plan, each group's head count per interval. Its part, .staff-parts/eval-HASH.txt, holds that text and then
 * the verdict, numbers with 17 digits so that they read back bit for bit: a resumed
 * search takes exactly the decisions of the interrupted one. */

static char *evaluation_text(search *s, const long *plan)
{
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    SIM_REQUIRE(t != NULL);
    if (s->holdout) fprintf(t, "seed %llu\n", (unsigned long long)s->holdout_seed);
    else fputs("seed the search's\n", t);
    if (s->changed_block != SIZE_MAX) fprintf(t, "changed block %zu\n", s->changed_block);
    if (s->changed_block != SIZE_MAX && s->n_best_costs > 0) {
        /* Its verdict depends on the best plan's costs, compared with it. */
        fprintf(t, "refuse dearer %d, best costs", s->refuse_dearer ? 1 : 0);
        for (size_t r = 0; r < s->n_best_costs; r++) fprintf(t, " %.17g", s->best_costs[r]);
        fputc('\n', t);
    }
    for (size_t g = 0; g < s->ng; g++) {
        const long *staff = group_plan(s, plan, g);
        fprintf(t, "plan %s:", s->sc->groups[g].name);
        for (size_t i = 0; i < s->sc->n_intervals; i++) fprintf(t, " %ld", staff[i]);
        fputc('\n', t);
    }
    SIM_REQUIRE(fclose(t) == 0);
    return text;
}

static void save_verdict(search *s, const char *name, const char *what, const verdict *v)
{
    char *path = cc_resume_path(&s->parts, name);
    cc_outfile out;
    cc_diag diag;
    cc_diag_init(&diag);
    char worst[sizeof v->worst];
    snprintf(worst, sizeof worst, "%s", v->worst);
    for (char *c = worst; *c; c++)
        if (*c == '\n' || *c == '\r') *c = ' ';
    if (cc_outfile_open(&out, path, &diag) == SIM_OK) {
        fprintf(out.f, "%sfeasible %d\ncost %.17g\nmisses %zu\nsimulated %ld %ld\nworst %s\nshort",
                what, v->feasible ? 1 : v->over_cost ? 2 : 0, v->cost, v->misses, v->replications, v->simulated, worst);
        for (size_t i = 0; i < s->ng * s->nb; i++) fprintf(out.f, " %d", v->short_block[i] ? 1 : 0);
        fputs("\ngrow", out.f);
        for (size_t i = 0; i < s->ng * s->nb; i++) fprintf(out.f, " %.17g", v->grow[i]);
        fputs("\nmargin", out.f);
        for (size_t b = 0; b < s->nb; b++) fprintf(out.f, " %.17g", v->margin[b]);
        fprintf(out.f, "\nday %d\nchange %.17g\ncosts %zu", v->day_missed ? 1 : 0, v->cost_change, s->n_costs);
        for (size_t r = 0; r < s->n_costs; r++) fprintf(out.f, " %.17g", s->costs[r]);
        fputs("\nend\n", out.f);
        cc_outfile_commit_sealed(&out, s->parts.seal, &diag);
    }
    /* A verdict not kept only costs its evaluation again after an interruption. */
    cc_diag_fini(&diag);
    free(path);
}

/* Reads a verdict back; false when the part is not this evaluation's. */
static bool load_verdict(search *s, const char *name, const char *what, verdict *v)
{
    char *path = cc_resume_path(&s->parts, name);
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f) return false;
    size_t n = strlen(what);
    char *head = sim_xmalloc(n + 1);
    bool ok = fread(head, 1, n, f) == n && memcmp(head, what, n) == 0;
    free(head);
    int feasible = 0;
    ok = ok && fscanf(f, "feasible %d\ncost %lf\nmisses %zu\nsimulated %ld %ld\nworst", &feasible,
                      &v->cost, &v->misses, &v->replications, &v->simulated) == 5;
    if (ok && fgetc(f) == ' ') {
        ok = fgets(v->worst, sizeof v->worst, f) != NULL;
        v->worst[strcspn(v->worst, "\n")] = '\0';
    } else {
        ok = false;
    }
    char word[8];
    ok = ok && fscanf(f, "%7s", word) == 1 && strcmp(word, "short") == 0;
    for (size_t i = 0; ok && i < s->ng * s->nb; i++) {
        int b;
        ok = fscanf(f, "%d", &b) == 1;
        v->short_block[i] = b != 0;
    }
    ok = ok && fscanf(f, "%7s", word) == 1 && strcmp(word, "grow") == 0;
    for (size_t i = 0; ok && i < s->ng * s->nb; i++) ok = fscanf(f, "%lf", &v->grow[i]) == 1;
    ok = ok && fscanf(f, "%7s", word) == 1 && strcmp(word, "margin") == 0;
    for (size_t b = 0; ok && b < s->nb; b++) ok = fscanf(f, "%lf", &v->margin[b]) == 1; /* "inf" too */
    size_t nc = 0;
    int day = 0;
    ok = ok && fscanf(f, " day %d change %lf costs %zu", &day, &v->cost_change, &nc) == 3 && nc <= 100000000;
    v->day_missed = day != 0;
    if (ok) costs_reserve(s, nc);
    for (size_t r = 0; ok && r < nc; r++) ok = fscanf(f, "%lf", &s->costs[r]) == 1;
    if (ok) s->n_costs = nc;
    ok = ok && fscanf(f, "%7s", word) == 1 && strcmp(word, "end") == 0;
    fclose(f);
    v->feasible = feasible == 1;
    v->over_cost = feasible == 2;
    return ok;
}

/* Whether one estimate meets a target of at least `target` under the rule: 1 met, 0
 * missed, -1 undecided (sequential: the CI straddles the target and is wider than the
 * tolerance; at the most replications, `final`, such a target counts as missed: a plan
 * is only called feasible when each target is shown met or lies within the tolerance
 * above it). *got is the figure said in messages. */
static int meets(const search *s, const sim_summary *m, double target, bool final, double *got)
{
    *got = m->mean;
    bool no_ci = isnan(m->ci95_low) || isnan(m->ci95_high);
    switch (s->so->rule) {
    case CC_STAFF_MEAN: return cc_target_met(target, m->mean, NAN);
    case CC_STAFF_CONFIDENCE:
        if (!no_ci) *got = m->ci95_low;
        return cc_target_met(target, *got, NAN);
    case CC_STAFF_SEQUENTIAL: break;
    }
    if (no_ci) return cc_target_met(target, m->mean, NAN);
    if (cc_target_met(target, m->ci95_low, NAN)) return 1;
    if (!cc_target_met(target, m->ci95_high, NAN)) return 0;
    if ((m->ci95_high - m->ci95_low) / 2 > s->so->tolerance)
        return final ? 0 : -1;  /* undecided at the most replications: not shown met */
    return cc_target_met(target, m->mean, NAN);   /* within the tolerance: the estimate decides */
}

/* A target after the changed block (search.changed_block): missed only when its CI lies
 * below it. */
static int after_change(const sim_summary *m, double target, double *got)
{
    *got = m->mean;
    return isnan(m->ci95_high) || cc_target_met(target, m->ci95_high, NAN);
}

/* The one verdict on a simulated plan: each service-level target of each channel in
 * each judged interval, then the occupancy cap. Fills v (short blocks, growth, misses,
 * the first miss said) and returns how many targets are still undecided. An undecided
 * target counts as missed in v (the plan is not yet shown feasible) but flags no block:
 * repair adds agents only where a target is decided missed. */
static size_t judge(search *s, const long *plan, const cc_sim *sim, verdict *v, bool final)
{
    const cc_scenario *sc = s->sc;
    memset(v->short_block, 0, s->ng * s->nb * sizeof *v->short_block);
    for (size_t i = 0; i < s->ng * s->nb; i++) v->grow[i] = 1;
    for (size_t b = 0; b < s->nb; b++) v->margin[b] = INFINITY;
    v->day_missed = false;
    v->misses = 0;
    v->worst[0] = '\0';
    size_t undecided = 0;
    size_t from = s->first_interval, strict_to = SIZE_MAX;
    if (s->changed_block != SIZE_MAX) {
        if (s->changed_block * s->k > from) from = s->changed_block * s->k;
        strict_to = (s->changed_block + 1) * s->k;
    }
    bool per_interval = s->so->scope != CC_TARGETS_DAY, per_day = s->so->scope != CC_TARGETS_INTERVAL;
    v->cost = cc_sim_summary_of(sim, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0, -1).mean;
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        long g = cheapest_group(sc, s->fixed, c);
        for (size_t k = 0; k < ch->n_sla; k++) {
            const cc_sla *sl = &ch->sla[k];
            double t = cc_measure_threshold_of(sl->within_s);
            char name[CC_MEASURE_NAME_MAX];
            cc_measure_format(CC_M_SERVICE_LEVEL, t, name, sizeof name);
            if (sl->target < 1)
                for (size_t i = s->first_interval; i < sc->n_intervals; i++) {
                    sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, (long)i);
                    double *mg = &v->margin[i / s->k];
                    if (!isnan(m.mean) && m.mean - sl->target < *mg) *mg = m.mean - sl->target;
                }
            if (sl->target < 1 && per_day) {
                /* The day's expected service level: it pools every interval, so the
                 * changed block counts here in full. */
                sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, -1);
                double got;
                int met = isnan(m.mean) ? 1 : meets(s, &m, sl->target, final, &got);
                if (met != 1) v->day_missed = true;
                if (met < 0) {
                    undecided++;
                    v->misses++;
                } else if (met == 0) {
                    if (v->misses++ == 0)
                        snprintf(v->worst, sizeof v->worst, "%s over the day: %s %.3f, target %.2f%s",
                                 ch->name, name, got, sl->target,
                                 got >= sl->target ? " (not shown met at the most replications)" : "");
                    /* One agent where most contacts wait too long: the most gain. */
                    size_t at = SIZE_MAX;
                    double most = -1;
                    for (size_t i = s->first_interval; g >= 0 && i < sc->n_intervals; i++) {
                        double sli = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, (long)i).mean;
                        double n = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_ANSWERED, 0, (long)i).mean +
                                   cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_ABANDONED, 0, (long)i).mean;
                        double late = isnan(sli) || isnan(n) ? -1 : n * (1 - sli);
                        if (late > most) { most = late; at = i; }
                    }
                    if (at != SIZE_MAX) {
                        size_t b = at / s->k;
                        v->short_block[(size_t)group_to_add(s, plan, c, b) * s->nb + b] = true;
                    }
                }
            }
            if (sl->target < 1 && !per_interval) continue;
            for (size_t i = from; i < sc->n_intervals; i++) {
                bool miss;
                double got;
                if (sl->target >= 1) {
                    /* "Nobody waits longer": missed_<T>s 0 in every replication (its
                     * ratio of sums is 0 only then); no noise to judge. */
                    sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_MISSED, t, (long)i);
                    if (isnan(m.mean)) continue;
                    miss = !cc_target_met(sl->target, NAN, m.mean);
                    got = 1 - m.mean;
                } else {
                    sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, (long)i);
                    if (isnan(m.mean)) continue;
                    int met = i < strict_to ? meets(s, &m, sl->target, final, &got)
                                            : after_change(&m, sl->target, &got);
                    if (met < 0) {
                        undecided++;
                        v->misses++;
                        continue;
                    }
                    miss = met != 1;
                }
                if (!miss) continue;
                if (v->misses++ == 0) {
                    char clock[16];
                    cc_units_format_clock(cc_scenario_interval_start(sc, i), clock, sizeof clock);
                    snprintf(v->worst, sizeof v->worst, "%s at %s: %s %.3f, target %.2f%s", ch->name,
                             clock, sl->target >= 1 ? "answered within the limit" : name, got, sl->target,
                             got >= sl->target ? " (not shown met at the most replications)" : "");
                }
                size_t b = i / s->k;
                if (g >= 0) v->short_block[(size_t)group_to_add(s, plan, c, b) * s->nb + b] = true;
            }
        }
    }
    if (s->so->max_occupancy < 1) {
        for (size_t g = 0; g < s->ng; g++)
            for (size_t i = from; i < sc->n_intervals; i++) {
                sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_GROUP, g, CC_M_OCCUPANCY, 0, (long)i);
                if (isnan(m.mean)) continue;
                /* At most the cap: the same rule on 1 - occupancy >= 1 - cap. */
                sim_summary idle = {1 - m.mean, m.sd, 1 - m.ci95_high, 1 - m.ci95_low, m.n};
                double got;
                double idle_target = 1 - s->so->max_occupancy;
                int met = i < strict_to ? meets(s, &idle, idle_target, final, &got)
                                        : after_change(&idle, idle_target, &got);
                got = 1 - got;
                if (met == 1) continue;
                if (met < 0) {
                    undecided++;
                    v->misses++;
                    continue;
                }
                if (v->misses++ == 0)
                    snprintf(v->worst, sizeof v->worst, "group %s occupancy %.3f above the cap %.2f",
                             sc->groups[g].name, got, s->so->max_occupancy);
                if (!s->fixed[g]) v->short_block[g * s->nb + i / s->k] = true;
                double f = got / s->so->max_occupancy;
                if (f > v->grow[g * s->nb + i / s->k]) v->grow[g * s->nb + i / s->k] = f;
            }
    }
    v->feasible = v->misses == 0;
    return undecided;
}

/* Runs the plan and judges it (or takes the verdict an interrupted search left).
 * Returns an exit status (0 when the run worked) or CC_SIM_INTERRUPTED. */
static int evaluate(search *s, const long *plan, verdict *v, cc_sim *keep)
{
    char *what = s->parts.dir && !keep ? evaluation_text(s, plan) : NULL;
    char part[64] = "";
    if (what) snprintf(part, sizeof part, "eval-%016llx.txt", cc_resume_hash(what));
    if (what && cc_resume_take(&s->parts, part, NULL) && load_verdict(s, part, what, v)) {
        free(what);
        s->evaluations++;
        s->replayed++;
        s->replications_run += v->simulated;
        return 0;
    }
    cc_sim local;
    cc_sim *simp = keep ? keep : &local; /* run in place: a cc_sim must not move */
    cc_sim_options o = *s->o;
    o.progress = false;
    if (s->holdout) {
        o.has_seed = true;
        o.seed = s->holdout_seed;
    }
    cc_scenario variant;
    if (plan_scenario(s, plan, &variant) != SIM_OK) {
        free(what);
        return 2;
    }
    /* Sequential sampling: replications double, on common random numbers, while a
     * target is undecided; the first n of 2n replications are the same runs, kept, and
     * only the new n are simulated. */
    long reps = o.replications > 0 ? o.replications : variant.replications;
    long most = s->so->rule != CC_STAFF_SEQUENTIAL || s->quick ? reps
              : s->so->max_replications > 0 ? s->so->max_replications : 8 * reps;
    if (most < reps) most = reps;
    int rc;
    v->simulated = 0;
    o.replications = reps;
    rc = cc_sim_run_scenario(&o, &variant, simp);
    v->over_cost = false;
    for (long done = 0; rc == 0;) {
        s->replications_run += reps - done;
        v->simulated += reps - done;
        record_costs(s, simp);
        bool dearer;
        v->cost_change = cost_change(s, &dearer);
        if (s->refuse_dearer && dearer) {
            /* Dearer than the plan it would replace: no need to know whether it meets
             * the targets. */
            v->cost = cc_sim_summary_of(simp, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0, -1).mean;
            v->feasible = false;
            v->over_cost = true;
            memset(v->short_block, 0, s->ng * s->nb * sizeof *v->short_block);
            snprintf(v->worst, sizeof v->worst, "cost %+.2f against the plan", v->cost_change);
            break;
        }
        size_t undecided = judge(s, plan, simp, v, reps >= most);
        /* Stop when every target is decided, or when one is decided missed: the plan
         * is then infeasible whatever the others turn out to be. */
        if (undecided == 0 || v->misses > undecided || reps >= most) break;
        done = reps;
        reps = 2 * reps < most ? 2 * reps : most;
        rc = cc_sim_extend(&o, simp, (size_t)reps);
    }
    cc_scenario_fini(&variant);
    if (rc == CC_SIM_INTERRUPTED) cc_sim_free(simp);
    if (rc != 0) {
        free(what);
        return rc;
    }
    s->evaluations++;
    v->replications = reps;
    if (s->tty)
        fprintf(stderr, "\rccsim: staff: evaluation %ld, cost %.0f, %zu target%s missed      ",
                s->evaluations, v->cost, v->misses, v->misses == 1 ? "" : "s");
    if (what && s->parts.writable) save_verdict(s, part, what, v);
    free(what);
    if (!keep) cc_sim_free(&local);
    return 0;
}

static double total_agents(const search *s, const long *plan)
{
    double sum = 0;
    for (size_t i = 0; i < s->ng * s->nb; i++) sum += (double)plan[i];
    return sum;
}

/* The plan into the scenario's YAML: per group "staff: [one head count per interval]",
 * shifts removed; the keys are given as parts, so a name with a dot is one key. */
static void plan_yaml(search *s, const long *plan, cc_yamltree *t, cc_diag *diag)
{
    for (size_t g = 0; g < s->ng; g++) {
        const cc_group *gr = &s->sc->groups[g];
        if (s->fixed[g]) continue;    /* as the scenario gives it, shifts and all */
        const long *staff = group_plan(s, plan, g);
        char *list = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&list, &len);
        SIM_REQUIRE(f != NULL);
        for (size_t i = 0; i < s->sc->n_intervals; i++) fprintf(f, "%s%ld", i ? "," : "[", staff[i]);
        fputs("]", f);
        SIM_REQUIRE(fclose(f) == 0);
        const char *staff_key[] = {"agents", gr->name, "staff"};
        cc_yamltree_set_keys(t, staff_key, 3, list, diag);
        free(list);
        if (gr->staff_kind == CC_STAFF_SHIFTS) {
            const char *shifts_key[] = {"agents", gr->name, "shifts"};
            cc_yamltree_set_keys(t, shifts_key, 3, "null", diag);
        }
    }
}

static int write_outputs(search *s, const long *plan, const char *outdir)
{
    const cc_scenario *sc = s->sc;
    cc_diag diag;
    cc_diag_init(&diag);
    int rc = 0;
    size_t len = strlen(outdir) + 32;
    char *path = sim_xmalloc(len);
    cc_outfile out;
    if (cc_outfile_mkdirs(outdir, &diag) != SIM_OK) rc = 1;
    snprintf(path, len, "%s/staffing.csv", outdir);
    if (rc == 0 && cc_outfile_open(&out, path, &diag) == SIM_OK) {
        fputs("group,interval_start,agents,one_fewer\n", out.f);
        for (size_t g = 0; g < s->ng; g++) {
            const long *staff = group_plan(s, plan, g);
            for (size_t i = 0; i < sc->n_intervals; i++) {
                char clock[16];
                cc_units_format_clock(cc_scenario_interval_start(sc, i), clock, sizeof clock);
                cc_outfile_field(&out, sc->groups[g].name);
                fprintf(out.f, ",%s,%ld,%s\n", clock, staff[i], one_fewer(s, plan, g, i / s->k));
            }
        }
        if (cc_outfile_commit(&out, &diag) != SIM_OK) rc = 1;
    } else {
        rc = 1;
    }
    /* The plan as a scenario ccsim run accepts: the original with the overrides. */
    snprintf(path, len, "%s/staffed.yaml", outdir);
    cc_yamltree t;
    if (rc == 0 && cc_yamltree_load(&t, sc->path, &diag) == SIM_OK) {
        for (size_t i = 0; i < s->o->n_sets; i++) cc_scenario_apply_set(&t, s->o->sets[i], &diag);
        plan_yaml(s, plan, &t, &diag);
        char dir[4096] = ".", real[4096];
        const char *slash = strrchr(sc->path, '/');
        if (slash) snprintf(dir, sizeof dir, "%.*s", (int)(slash - sc->path), sc->path);
        const char *anchor = realpath(dir, real) ? real : dir;
        if (cc_outfile_open(&out, path, &diag) == SIM_OK) {
            fprintf(out.f, "# Staffing plan found by ccsim staff for %s.\n", sc->path);
            int wst = cc_yamltree_write(&t, out.f, anchor);
            if (wst != SIM_OK) {
                cc_outfile_abort(&out);
                if (wst == SIM_EINVAL)
                    cc_diag_add(&diag, "%s: not written: the scenario's folder %s is not UTF-8 "
                                "text, so its file names cannot be written in YAML", path, anchor);
                else cc_diag_add(&diag, "%s: write error", path);
                rc = 1;
            } else if (cc_outfile_commit(&out, &diag) != SIM_OK) {
                rc = 1;
            }
        } else {
            rc = 1;
        }
        cc_yamltree_fini(&t);
    } else if (rc == 0) {
        rc = 1;
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    free(path);
    return rc;
}

/* The mark after a head count in the printed plan. */
static char plan_mark(const search *s, const long *plan, size_t g, size_t b)
{
    long n = plan[g * s->nb + b];
    if (s->fixed[g]) return 'f';
    if (n >= s->hi[g]) return 'M';    /* the bound, more than the test, holds it here */
    if (strcmp(one_fewer(s, plan, g, b), "misses") == 0) return '*';
    if (n <= s->lo[g] && s->lo[g] > 0) return 'm';
    return ' ';
}

static void print_result(const search *s, const long *plan, const cc_sim *sim, double erlang_cost,
                         bool erlang_ok)
{
    const cc_scenario *sc = s->sc;
    static const char *const rules[] = {"sequential", "mean", "confidence"};
    printf("%s\nstaffing plan, %zu evaluations on common random numbers (seed %llu; rule %s, "
           "%ld replications simulated in all, the plan's figures below on %zu)\n\n", sc->name,
           (size_t)s->evaluations, (unsigned long long)sim->sc.seed, rules[s->so->rule],
           s->replications_run, sim->n);
    printf("%-8s", "from");
    for (size_t g = 0; g < s->ng; g++) printf(" %12.12s", sc->groups[g].name);
    printf("\n");
    for (size_t b = 0; b < s->nb; b++) {
        char clock[16];
        cc_units_format_clock(cc_scenario_interval_start(sc, b * s->k), clock, sizeof clock);
        printf("%-8s", clock);
        for (size_t g = 0; g < s->ng; g++)
            printf(" %11ld%c", plan[g * s->nb + b],
                   plan_mark(s, plan, g, b));
        printf("\n");
    }
    printf("(* one agent fewer there was simulated and misses a target; f: held fixed (--fix or "
           "staffing.fixed); m, M: at the group's staffing.min, max)\n");
    sim_summary cost = cc_sim_summary_of(sim, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0, -1);
    printf("\ntotal cost %.0f %s [%.0f, %.0f]; each channel staffed separately by Erlang: %.0f "
           "(%s)\n", cost.mean, sc->currency, cost.ci95_low, cost.ci95_high,
           erlang_cost, erlang_ok ? "meets every target" : "misses some targets");
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        for (size_t k = 0; k < ch->n_sla; k++) {
            char name[CC_MEASURE_NAME_MAX];
            double t = cc_measure_threshold_of(ch->sla[k].within_s);
            if (ch->sla[k].target >= 1) {
                /* "Nobody waits longer": the share that did, which the plan keeps at 0. */
                cc_measure_format(CC_M_MISSED, t, name, sizeof name);
                sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_MISSED, t, -1);
                printf("  %-12s %-22s %6.2f%% [%.2f, %.2f]%%, target: nobody waits longer (%s)\n",
                       ch->name, name, 100 * m.mean, 100 * m.ci95_low, 100 * m.ci95_high,
                       cc_target_met(1, NAN, m.mean) ? "met" : "missed");
                continue;
            }
            cc_measure_format(CC_M_SERVICE_LEVEL, t, name, sizeof name);
            sim_summary m = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, -1);
            double worst = INFINITY;
            for (size_t i = s->first_interval; i < sc->n_intervals; i++) {
                sim_summary mi =
                    cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL, t, (long)i);
                if (!isnan(mi.mean) && mi.mean < worst) worst = mi.mean;
            }
            static const char *const scopes[] = {"in each interval", "over the day",
                                                 "over the day and in each interval"};
            printf("  %-12s %-22s %6.2f%% [%.2f, %.2f]%%, worst interval %.2f%%, target %.0f%% %s\n",
                   ch->name, name, 100 * m.mean, 100 * m.ci95_low, 100 * m.ci95_high, 100 * worst,
                   100 * ch->sla[k].target, scopes[s->so->scope]);
        }
    }
    for (size_t g = 0; g < s->ng; g++) {
        bool any = false;
        for (size_t b = 0; b < s->nb; b++) any = any || plan[g * s->nb + b] > 0;
        if (any || s->fixed[g]) continue;
        const cc_group *gr = &sc->groups[g];
        bool demand = false, cheapest = false;
        for (size_t c = 0; c < sc->n_channels; c++)
            if (gr->skill[c]) {
                demand = demand || sc->channels[c].n_segments > 0;
                cheapest = cheapest || cheapest_group(sc, s->fixed, c) == (long)g;
            }
        printf("  group %s: no agents: ", gr->name);
        if (s->hi[g] == 0) printf("its staffing.max is 0\n");
        else if (!demand) printf("none of its channels has contacts\n");
        else if (s->moved_in[g] > 0)
            printf("%ld moves of an agent to it were simulated: %ld cost more than the plan, %ld "
                   "missed a target\n", s->moved_in[g], s->moved_in_costly[g],
                   s->moved_in[g] - s->moved_in_costly[g]);
        else if (cheapest) printf("every agent there was removed with the targets still met\n");
        else printf("another group answers its channels for less per contact, and no move to it "
                    "could cost less (its hourly price is not lower)\n");
    }
}

/* Refuses what no search can plan; SIM_OK or 2 (an exit status, as cc_staff_run's). */
static int check_plannable(const cc_scenario *sc, const cc_staff_options *so)
{
    if (so->resume && !so->parts_dir) {
        fprintf(stderr, "ccsim: staff: --resume needs -o DIR (the folder of the interrupted search)\n");
        return 2;
    }
    for (size_t c = 0; c < sc->n_channels; c++)
        for (size_t k = 0; k < sc->channels[c].n_sla; k++)
            if (sc->channels[c].sla[k].within_s == 0 && sc->channels[c].sla[k].target >= 1) {
                fprintf(stderr, "ccsim: staff: channels.%s.sla[%zu]: every contact answered within "
                        "0 s cannot be met by any staffing: contacts arrive at random\n",
                        sc->channels[c].name, k);
                return 2;
            }
    if (so->granularity_s != 0 && !isinf(so->granularity_s)) {
        double k = so->granularity_s / sc->interval_s;
        if (fabs(k - round(k)) > 1e-9 || k < 1) {
            fprintf(stderr, "ccsim: staff: --granularity must be a multiple of the interval (%g s)\n",
                    sc->interval_s);
            return 2;
        }
    }
    return 0;
}

/* The search's blocks, scratch and parts on disk. */
static int search_init(search *s, const cc_sim_options *o, const cc_staff_options *so,
                       const cc_scenario *sc)
{
    memset(s, 0, sizeof *s);
    s->o = o;
    s->so = so;
    s->sc = sc;
    s->ng = sc->n_groups;
    if (so->granularity_s == 0) s->k = 1;
    else if (isinf(so->granularity_s)) s->k = sc->n_intervals;
    else s->k = (size_t)round(so->granularity_s / sc->interval_s);
    s->nb = (sc->n_intervals + s->k - 1) / s->k;
    s->first_interval = cc_scenario_interval_of(sc, sc->count_from_s);
    s->tty = isatty(STDERR_FILENO) && !so->quiet;
    s->per_interval = sim_xcalloc(sc->n_intervals + 1, sizeof *s->per_interval);
    s->tight = sim_xcalloc(s->ng * s->nb + 1, sizeof *s->tight);
    s->best_margin = sim_xcalloc(s->nb + 1, sizeof *s->best_margin);
    s->fixed = sim_xcalloc(s->ng + 1, sizeof *s->fixed);
    s->lo = sim_xcalloc(s->ng + 1, sizeof *s->lo);
    s->hi = sim_xcalloc(s->ng + 1, sizeof *s->hi);
    for (size_t g = 0; g < s->ng; g++) {
        s->fixed[g] = sc->groups[g].plan_fixed;
        s->lo[g] = sc->groups[g].plan_min;
        s->hi[g] = sc->groups[g].plan_max >= 0 ? sc->groups[g].plan_max : LONG_MAX;
    }
    s->moved_in = sim_xcalloc(s->ng + 1, sizeof *s->moved_in);
    s->moved_in_costly = sim_xcalloc(s->ng + 1, sizeof *s->moved_in_costly);
    s->changed_block = SIZE_MAX;
    for (size_t f = 0; f < so->n_fixed; f++) {
        size_t g = 0;
        while (g < s->ng && strcmp(sc->groups[g].name, so->fixed[f]) != 0) g++;
        if (g == s->ng) {
            fprintf(stderr, "ccsim: staff: --fix %s: no such group; the groups are", so->fixed[f]);
            for (size_t k = 0; k < s->ng; k++) fprintf(stderr, "%s %s", k ? "," : "", sc->groups[k].name);
            fputc('\n', stderr);
            return 2;
        }
        s->fixed[g] = true;
    }
    /* Verdicts depend on the scenario, the seeds, the plan, the rule, the cap and the
     * blocks; the budget and the ceiling only decide how far the search goes. */
    char more[200];
    static const char *const rules[] = {"sequential", "mean", "confidence"};
    static const char *const scopes[] = {"interval", "day", "both"};
    snprintf(more, sizeof more, "rule %s\ntolerance %.17g\nmax-replications %ld\n"
             "max-occupancy %.17g\nintervals per block %zu\ntarget scope %s\n", rules[so->rule],
             so->tolerance, so->max_replications, so->max_occupancy, s->k, scopes[so->scope]);
    char *held = NULL;
    size_t held_len = 0;
    FILE *hf = open_memstream(&held, &held_len);
    SIM_REQUIRE(hf != NULL);
    fputs(more, hf);
    for (size_t g = 0; g < s->ng; g++)
        if (s->fixed[g]) fprintf(hf, "fixed %s\n", sc->groups[g].name);
    SIM_REQUIRE(fclose(hf) == 0);
    char *identity = cc_resume_identity(o, "staff", held);
    free(held);
    int rc = cc_resume_open(&s->parts, so->parts_dir, so->outdir != NULL, "staff", identity, so->resume);
    free(identity);
    return rc;
}

/* Each channel's Erlang model per interval, for the start and the iteration. */
typedef struct channel_load {
    long group;              /* the cheapest skilled group; -1: none */
    double aht_s;            /* handle time at that group (bots' escalations, concurrency's
                              * slowdown and wrap-up included) */
    double patience_s;       /* INFINITY: Erlang C */
    double *lambda;          /* [n_intervals]: arrivals per second after bots */
    long *servers;           /* [n_intervals]: servers (agent slots) planned for it */
} channel_load;

/* Each group's head count per block from the channels' servers: in each interval a
 * channel's servers go to its cheapest group (divided by the concurrency), what a
 * group's staffing.max leaves over to the next cheapest, and what no group has room for
 * to the cheapest all the same (the caller then names the bound); a block gets its
 * busiest interval's count, at least staffing.min. Held groups keep their head counts. */
static void plan_from_servers(const search *s, const channel_load *cl, long *plan)
{
    const cc_scenario *sc = s->sc;
    long *need = sim_xcalloc(s->ng + 1, sizeof *need);
    for (size_t g = 0; g < s->ng; g++) {
        if (s->fixed[g]) continue;
        for (size_t b = 0; b < s->nb; b++) *plan_at(plan, s, g, b) = s->lo[g];
    }
    for (size_t i = 0; i < sc->n_intervals; i++) {
        memset(need, 0, s->ng * sizeof *need);
        for (size_t c = 0; c < sc->n_channels; c++) {
            long left = cl[c].servers[i];
            while (cl[c].group >= 0 && left > 0) {
                long g = cheapest_group_with(sc, s->fixed, c, need, s->hi);
                long conc = sc->groups[g >= 0 ? g : cl[c].group].concurrency[c];
                long agents = (left + conc - 1) / conc;
                if (g < 0) g = cl[c].group;
                else if (agents > s->hi[g] - need[g]) agents = s->hi[g] - need[g];
                need[g] += agents;
                left -= agents * conc;
            }
        }
        for (size_t g = 0; g < s->ng; g++) {
            long *p = plan_at(plan, s, g, i / s->k);
            if (!s->fixed[g] && need[g] > *p) *p = need[g];
        }
    }
    free(need);
}

/* 1. Each channel alone, by Erlang, at its cheapest group (plan_from_servers). Returns
 * the ceiling on agents per group and block: three times what Erlang says the busiest
 * channel needs without a cap, plus 50, unless --max-agents says otherwise. */
static long erlang_start(const search *s, channel_load *cl, long *plan)
{
    const cc_scenario *sc = s->sc;
    long most_uncapped = 0;      /* the ceiling measures demand, not the occupancy cap */
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        long g = cheapest_group(sc, s->fixed, c);
        cl[c].group = g;
        cl[c].lambda = sim_xcalloc(sc->n_intervals + 1, sizeof *cl[c].lambda);
        cl[c].servers = sim_xcalloc(sc->n_intervals + 1, sizeof *cl[c].servers);
        if (g < 0) continue;
        const cc_group *gr = &sc->groups[g];
        double contained = 0, factor = gr->factor[c];
        for (size_t b = 0; b < sc->n_bots; b++)
            if (sc->bots[b].serves[c]) {
                contained = sc->bots[b].containment[c];
                factor *= sc->bots[b].escalation_factor;
            }
        cl[c].aht_s = sim_dist_mean(&ch->handle_time) * factor *
                          (1 + gr->slowdown * 0.5 * (double)(gr->concurrency[c] - 1)) +
                      (ch->has_wrap_up ? sim_dist_mean(&ch->wrap_up) : 0);
        double patience = ch->has_patience ? sim_dist_mean(&ch->patience) : INFINITY;
        cl[c].patience_s = patience > 0 ? patience : INFINITY;
        for (size_t i = 0; i < sc->n_intervals; i++) {
            double a = cc_scenario_interval_start(sc, i);
            cl[c].lambda[i] = mean_rate(ch, a, a + sc->interval_s, sc->end_s) * (1 - contained);
            cl[c].servers[i] = erlang_servers(ch, cl[c].lambda[i], cl[c].aht_s, s->so->max_occupancy);
            long free_servers = erlang_servers(ch, cl[c].lambda[i], cl[c].aht_s, 1);
            long agents = (free_servers + gr->concurrency[c] - 1) / gr->concurrency[c];
            if (agents > most_uncapped) most_uncapped = agents;
        }
    }
    plan_from_servers(s, cl, plan);
    return s->so->max_agents > 0 ? s->so->max_agents : 3 * most_uncapped + 50;
}

/* Erlang's service level for one target of channel c at interval i with n servers. */
static double erlang_sl(const channel_load *cl, const cc_channel *ch, size_t i, long n, size_t k)
{
    cc_erlang_result ex;
    if (n <= 0 || cc_erlang_a(cl->lambda[i], cl->aht_s, cl->patience_s, (unsigned)n,
                              ch->sla[k].within_s, &ex) != SIM_OK)
        return 0;
    return ex.service_level;
}

/* 1b. Iterate to a fixed point (after Feldman, Mandelbaum, Massey and Whitt 2008):
 * simulate the plan at the replications asked for; in each interval, take the gap
 * between the simulated service level and Erlang's at the servers planned (what Erlang
 * does not see: queues carried over from the interval before, pooling between
 * channels, concurrency) and re-staff the channel to the least n whose Erlang service
 * level plus that gap meets the target; repeat until the plan stops moving (at most 6
 * simulations). The plan then sits close to the target in every interval, so repair
 * and trim, which decide with sequential sampling, have few agents to move. Targets of
 * 1.00 keep Erlang's count (there is no gap to measure on "nobody waits longer"). */
static int iterate(search *s, channel_load *cl, long *plan, long ceiling)
{
    const cc_scenario *sc = s->sc;
    size_t n = s->ng * s->nb;
    long *next = sim_xcalloc(n + 1, sizeof *next);
    int rc = 0;
    for (int round = 0; round < 6 && rc == 0 && s->evaluations < s->so->max_evaluations; round++) {
        cc_sim sim;
        verdict scratch = {0};
        scratch.short_block = sim_xcalloc(n + 1, sizeof *scratch.short_block);
        scratch.grow = sim_xcalloc(n + 1, sizeof *scratch.grow);
        scratch.margin = sim_xcalloc(s->nb + 1, sizeof *scratch.margin);
        s->quick = true;
        rc = evaluate(s, plan, &scratch, &sim);
        s->quick = false;
        free(scratch.short_block);
        free(scratch.grow);
        free(scratch.margin);
        if (rc != 0) break;
        for (size_t c = 0; c < sc->n_channels; c++) {
            const cc_channel *ch = &sc->channels[c];
            if (cl[c].group < 0 || s->fixed[cl[c].group]) continue;
            for (size_t i = s->first_interval; i < sc->n_intervals; i++) {
                long want = 0, have = cl[c].servers[i];
                bool measured = false;
                for (size_t k = 0; k < ch->n_sla; k++) {
                    if (ch->sla[k].target >= 1) continue;
                    double t = cc_measure_threshold_of(ch->sla[k].within_s);
                    sim_summary m = cc_sim_summary_of(&sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL,
                                                      t, (long)i);
                    if (isnan(m.mean)) continue;
                    measured = true;
                    double gap = m.mean - erlang_sl(&cl[c], ch, i, have, k);
                    long lo = 1, hi = 10 * have + 200;
                    while (lo < hi) {   /* the least n meeting the target with the gap */
                        long mid = lo + (hi - lo) / 2;
                        if (erlang_sl(&cl[c], ch, i, mid, k) + gap >= ch->sla[k].target) hi = mid;
                        else lo = mid + 1;
                    }
                    if (lo > want) want = lo;
                }
                if (!measured) continue;
                /* Never below the load over the cap, nor below Erlang for a 1.00 target. */
                double cap = s->so->max_occupancy < 1 ? s->so->max_occupancy : 1;
                long floor_n = (long)ceil(cl[c].lambda[i] * cl[c].aht_s / cap);
                for (size_t k = 0; k < ch->n_sla; k++)
                    if (ch->sla[k].target >= 1) floor_n = have > floor_n ? have : floor_n;
                cl[c].servers[i] = want > floor_n ? want : floor_n;
            }
        }
        cc_sim_free(&sim);
        memcpy(next, plan, n * sizeof *next);
        plan_from_servers(s, cl, next);
        bool same = true, over = false;
        for (size_t a = 0; a < n; a++) {
            if (next[a] != plan[a]) same = false;
            if (next[a] > ceiling) over = true;
        }
        if (same || over) break;
        memcpy(plan, next, n * sizeof *plan);
    }
    free(next);
    return rc;
}

/* 2. Repair: where a target is missed, one more agent in the flagged (group, block),
 * or, over an occupancy cap, as many as bring it under; until every target is met or a
 * bound stops it (then 1, with the bound named). */
static int repair(search *s, long *plan, verdict *v, long ceiling)
{
    const char *stop = NULL;
    char max_stop[200];
    int rc = 0;
    while (rc == 0 && !v->feasible) {
        if (s->evaluations >= s->so->max_evaluations) { stop = "the evaluation budget (--max-evaluations)"; break; }
        bool over = false, grew = false;
        long full = -1;       /* a flagged group already at its staffing.max */
        for (size_t i = 0; i < s->ng * s->nb; i++) {
            if (!v->short_block[i]) continue;
            size_t g = i / s->nb;
            if (plan[i] >= s->hi[g]) {
                full = (long)g;
                continue;
            }
            double grown = ceil((double)plan[i] * v->grow[i]);
            plan[i] = grown > (double)plan[i] + 1 ? (long)fmin(grown, (double)LONG_MAX / 2) : plan[i] + 1;
            if (plan[i] > s->hi[g]) plan[i] = s->hi[g];
            if (plan[i] > ceiling) over = true;
            grew = true;
        }
        if (over) { stop = "the ceiling on agents per group and block (--max-agents)"; break; }
        if (!grew && full >= 0) {
            snprintf(max_stop, sizeof max_stop, "group %s's staffing.max (%ld)",
                     s->sc->groups[full].name, s->hi[full]);
            stop = max_stop;
            break;
        }
        rc = evaluate(s, plan, v, NULL);
    }
    if (rc == 0 && !v->feasible) {
        if (s->tty) fputc('\n', stderr);
        fprintf(stderr, "ccsim: staff: no plan within %s meets every target; still missed: %s "
                "(%zu misses)\n", stop ? stop : "the bounds", v->worst, v->misses);
        rc = 1;
    }
    return rc;
}

/* 3. Trim: remove one agent at a time, the groups with the highest cost per hour first
 * and their blocks in time order, keeping a removal when every target still holds and
 * the cost does not rise, and trying the same block again. One pass: a removal refused
 * because a target fails is not tried again, since later removals only take agents
 * away (a plan with fewer agents anywhere meets no more targets), so that block is
 * marked tight: one agent fewer there misses. A removal refused only on cost is tried
 * again after any other removal is kept, until none is or the budget runs out.
 * With day targets, where an agent is taken matters: each round tries each block once,
 * the blocks with the most service level to spare first (the best plan's margins), so
 * the removals go where they lose least, not all to the morning. A removal that misses
 * the day's target ends the group's round: a block with less to spare loses more with
 * one agent fewer (service level is concave in agents), so trying it would only give
 * the noise of one more test a chance to pass a worse plan. */
static int trim(search *s, long *plan, long *best, verdict *v)
{
    const cc_scenario *sc = s->sc;
    size_t n = s->ng * s->nb;
    memcpy(best, plan, n * sizeof *plan);
    double best_cost = v->cost;   /* best's cost, as last estimated */
    size_t *order = sim_xcalloc(s->ng, sizeof *order);
    for (size_t g = 0; g < s->ng; g++) order[g] = g;
    for (size_t a = 1; a < s->ng; a++)
        for (size_t b = a; b > 0 && sc->groups[order[b]].cost_per_hour > sc->groups[order[b - 1]].cost_per_hour; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    bool by_margin = s->so->scope != CC_TARGETS_INTERVAL;
    size_t *blocks = sim_xcalloc(s->nb + 1, sizeof *blocks);
    int rc = 0;
    bool changed = true;
    while (changed && rc == 0 && s->evaluations < s->so->max_evaluations) {
        changed = false;
        for (size_t b = 0; b < s->nb; b++) blocks[b] = b;
        for (size_t a = 1; by_margin && a < s->nb; a++)   /* stable: ties keep time order */
            for (size_t b = a; b > 0 && s->best_margin[blocks[b]] > s->best_margin[blocks[b - 1]]; b--) {
                size_t t = blocks[b];
                blocks[b] = blocks[b - 1];
                blocks[b - 1] = t;
            }
        for (size_t gi = 0; gi < s->ng && rc == 0; gi++) {
            size_t g = order[gi];
            for (size_t bi = 0; bi < s->nb && rc == 0 && s->evaluations < s->so->max_evaluations; bi++) {
                size_t b = blocks[bi], at = g * s->nb + b;
                if (best[at] <= s->lo[g] || s->tight[at] || s->fixed[g] || b < first_block(s))
                    continue;
                memcpy(plan, best, n * sizeof *plan);
                plan[at]--;
                s->changed_block = b;
                rc = evaluate(s, plan, v, NULL);
                s->changed_block = SIZE_MAX;
                if (rc != 0) break;
                if (!v->feasible) {
                    s->tight[at] = true;
                    if (by_margin && v->day_missed) break;
                } else if (!(v->cost_change > 0)) {
                    memcpy(best, plan, n * sizeof *plan);
                    best_cost = v->cost;
                    keep_best(s, v);
                    changed = true;
                    if (!by_margin) bi--; /* the same block again (0 wraps; bi++ brings it back) */
                }
            }
        }
    }
    free(blocks);
    free(order);
    v->cost = best_cost;    /* the verdict on best from here on (move starts from it) */
    v->feasible = true;
    return rc;
}

/* Whether moving an agent from group a to group b in a block can cost less: they share
 * a channel, and b's hourly price is lower or either is paid per contact (then only
 * the simulation knows). */
static bool worth_moving(const cc_scenario *sc, size_t a, size_t b)
{
    const cc_group *ga = &sc->groups[a], *gb = &sc->groups[b];
    bool shared = false;
    for (size_t c = 0; c < sc->n_channels; c++)
        if (ga->skill[c] && gb->skill[c]) shared = true;
    return shared && (gb->cost_per_hour < ga->cost_per_hour || ga->cost_per_contact > 0 ||
                      gb->cost_per_contact > 0);
}

/* 3b. Move: in each block, move one agent from a group to another that shares a channel
 * with it, keeping the move when every target holds and the cost falls (a group paid
 * per contact costs only the contacts it answers, which only the simulation counts),
 * and trying the same move again. A move dearer than the plan is refused as soon as its
 * cost CI says so. Blocks where a move was kept lose their tight marks, and trim runs
 * again on them. Returns whether any move was kept. */
static int move(search *s, long *plan, long *best, verdict *v, bool *moved)
{
    const cc_scenario *sc = s->sc;
    size_t n = s->ng * s->nb;
    int rc = 0;
    *moved = false;
    double best_cost = v->cost;
    for (size_t b = first_block(s); b < s->nb && rc == 0; b++) {
        for (size_t from = 0; from < s->ng && rc == 0; from++)
            for (size_t to = 0; to < s->ng && rc == 0; to++) {
                if (from == to || s->fixed[from] || s->fixed[to] || !worth_moving(sc, from, to))
                    continue;
                while (rc == 0 && best[from * s->nb + b] > s->lo[from] &&
                       best[to * s->nb + b] < s->hi[to] && s->evaluations < s->so->max_evaluations) {
                    memcpy(plan, best, n * sizeof *plan);
                    plan[from * s->nb + b]--;
                    plan[to * s->nb + b]++;
                    s->changed_block = b;
                    s->refuse_dearer = true;
                    rc = evaluate(s, plan, v, NULL);
                    s->changed_block = SIZE_MAX;
                    s->refuse_dearer = false;
                    s->moved_in[to]++;
                    if (rc != 0) break;
                    bool saves = v->cost_change < 0;
                    if (v->over_cost || (v->feasible && !saves)) s->moved_in_costly[to]++;
                    if (!v->feasible || !saves) break;
                    memcpy(best, plan, n * sizeof *plan);
                    best_cost = v->cost;
                    keep_best(s, v);
                    s->tight[from * s->nb + b] = s->tight[to * s->nb + b] = false;
                    *moved = true;
                }
            }
    }
    v->cost = best_cost;
    return rc;
}

/* 4. Hold-out: a plan trimmed on one sample stops where that sample just passes, and
 * across hundreds of decisions some passes are luck. Check the plan on two sets of
 * independent replications (other seeds) and add agents where it misses there; repeat
 * over the hold-outs and the search's own sample until all pass (at most 4 cycles and
 * 400 evaluations past the budget; then 1). */
static int hold_out(search *s, long *best, verdict *v)
{
    uint64_t base = s->o->has_seed ? s->o->seed : s->sc->seed;
    const uint64_t seeds[3] = {base + UINT64_C(0x9E3779B97F4A7C15),
                               base + UINT64_C(0x632BE59BD9B4E019), base};
    int rc = 0;
    bool clean = false;
    for (int cycle = 0; rc == 0 && !clean && cycle < 4; cycle++) {
        clean = true;
        for (int k = 0; rc == 0 && k < 3; k++) {
            s->holdout = true;
            s->holdout_seed = seeds[k];
            rc = evaluate(s, best, v, NULL);
            bool grew = true;
            while (rc == 0 && grew && !v->feasible && s->evaluations < s->so->max_evaluations + 400) {
                clean = false;
                grew = false;
                for (size_t i = 0; i < s->ng * s->nb; i++)
                    if (v->short_block[i] && best[i] < s->hi[i / s->nb]) {
                        best[i]++;
                        s->tight[i] = true; /* a hold-out missed with one fewer */
                        grew = true;
                    }
                if (grew) rc = evaluate(s, best, v, NULL);
            }
            if (rc == 0 && !v->feasible) {
                fprintf(stderr, "%sccsim: staff: the plan still misses on hold-out replications: "
                        "%s\n", s->tty ? "\n" : "", v->worst);
                rc = 1;
            }
        }
    }
    s->holdout = false;
    return rc;
}

/* The plan found: evaluated once more (kept, for the table), printed and written. */
/* Blocks wholly inside the warm-up are judged by nothing, so the search leaves them at
 * whatever it started from; a plan someone works to gives them the staffing of the first
 * judged block (the queue then starts the counted day as it would in steady work). */
static void carry_warmup(const search *s, long *plan)
{
    size_t first = first_block(s);
    for (size_t g = 0; g < s->ng; g++)
        for (size_t b = 0; b < first && first < s->nb; b++)
            plan[g * s->nb + b] = plan[g * s->nb + first];
}

static int finish(search *s, const long *best, verdict *v, double erlang_cost, bool erlang_ok)
{
    const cc_staff_options *so = s->so;
    cc_sim final;
    int rc = evaluate(s, best, v, &final);
    if (rc != 0) return rc;
    if (!so->quiet) print_result(s, best, &final, erlang_cost, erlang_ok);
    if (s->evaluations >= so->max_evaluations && !so->quiet)
        printf("(the evaluation budget ran out while trimming: the plan meets every target, "
               "but a cheaper one may exist)\n");
    if (so->outdir) rc = write_outputs(s, best, so->outdir);
    if (so->outdir && rc == 0 && !so->quiet)
        printf("plan: %s/staffing.csv, scenario: %s/staffed.yaml; %.0f agent-blocks in all\n",
               so->outdir, so->outdir, total_agents(s, best));
    cc_sim_free(&final);
    return rc;
}

int cc_staff_run(const cc_sim_options *o, const cc_staff_options *so)
{
    /* The scenario with the user's overrides: every plan is a copy of it. */
    cc_scenario base;
    int rc = cc_sim_load(o, NULL, 0, &base);
    if (rc != 0) return rc;
    const cc_scenario *sc = &base;
    if ((rc = check_plannable(sc, so)) != 0) {
        cc_scenario_fini(&base);
        return rc;
    }
    search s;
    rc = search_init(&s, o, so, sc);
    long *plan = sim_xcalloc(s.ng * s.nb, sizeof *plan);
    long *best = sim_xcalloc(s.ng * s.nb, sizeof *best);
    verdict v = {0};
    v.short_block = sim_xcalloc(s.ng * s.nb, sizeof *v.short_block);
    v.grow = sim_xcalloc(s.ng * s.nb, sizeof *v.grow);
    v.margin = sim_xcalloc(s.nb, sizeof *v.margin);

    channel_load *cl = sim_xcalloc(sc->n_channels + 1, sizeof *cl);
    long ceiling = erlang_start(&s, cl, plan);
    for (size_t g = 0; g < s.ng; g++)      /* held groups: shown at their busiest */
        if (s.fixed[g])
            for (size_t i = 0; i < sc->n_intervals; i++) {
                long n = cc_scenario_staff_at(sc, g, cc_scenario_interval_start(sc, i));
                if (n > plan[g * s.nb + i / s.k]) plan[g * s.nb + i / s.k] = n;
            }
    for (size_t i = 0; i < s.ng * s.nb && rc == 0; i++) {
        if (plan[i] > s.hi[i / s.nb]) {
            char clock[16];
            cc_units_format_clock(cc_scenario_interval_start(sc, (i % s.nb) * s.k), clock, sizeof clock);
            fprintf(stderr, "ccsim: staff: Erlang alone needs %ld agents in group %s at %s, above its "
                    "staffing.max (%ld), and no other group serving its channels has room\n",
                    plan[i], sc->groups[i / s.nb].name, clock, s.hi[i / s.nb]);
            rc = 1;
        } else if (plan[i] > ceiling) {
            fprintf(stderr, "ccsim: staff: group %s needs %ld agents by Erlang alone%s, above the "
                    "ceiling of %ld per group and block (--max-agents)\n",
                    sc->groups[i / s.nb].name, plan[i],
                    so->max_occupancy < 1 ? " under the occupancy cap" : "", ceiling);
            rc = 1;
        }
    }
    if (rc == 0) rc = evaluate(&s, plan, &v, NULL);
    double erlang_cost = v.cost;
    bool erlang_ok = v.feasible;
    /* Day targets: iterating each interval to the target only adds the noise of its quick
     * estimates to the start (one interval a little low, another high), which day
     * judgements cannot see to undo; Erlang's plan is the start, and trim takes away
     * where there is most to spare. */
    if (rc == 0 && so->scope != CC_TARGETS_DAY) rc = iterate(&s, cl, plan, ceiling);
    if (rc == 0) rc = evaluate(&s, plan, &v, NULL);
    if (rc == 0) rc = repair(&s, plan, &v, ceiling);
    if (rc == 0) keep_best(&s, &v);   /* the plan trim starts from */
    if (rc == 0) rc = trim(&s, plan, best, &v);
    bool moved = false;
    if (rc == 0 && s.ng > 1) rc = move(&s, plan, best, &v, &moved);
    if (rc == 0 && moved) {
        memcpy(plan, best, s.ng * s.nb * sizeof *plan);
        rc = trim(&s, plan, best, &v);
    }
    if (rc == 0) rc = hold_out(&s, best, &v);
    if (s.tty && rc != 1) fputc('\n', stderr);
    if (rc == 0) carry_warmup(&s, best);
    if (rc == 0) rc = finish(&s, best, &v, erlang_cost, erlang_ok);
    if (rc == CC_SIM_INTERRUPTED) {
        fprintf(stderr, "ccsim: staff: interrupted after %ld evaluations%s\n", s.evaluations,
                so->outdir ? "; go on with the same command and --resume" : "");
        rc = 1;
    } else if (s.replayed && !so->quiet) {
        fprintf(stderr, "ccsim: staff: %ld of %ld evaluations taken from the interrupted search\n",
                s.replayed, s.evaluations);
    }
    if (rc == 0 && so->outdir) cc_resume_finish(&s.parts);
    cc_resume_fini(&s.parts);
    for (size_t c = 0; c < sc->n_channels; c++) {
        free(cl[c].lambda);
        free(cl[c].servers);
    }
    free(cl);
    free(s.per_interval);
    free(s.tight);
    free(s.fixed);
    free(s.lo);
    free(s.hi);
    free(s.moved_in);
    free(s.moved_in_costly);
    free(s.costs);
    free(s.best_costs);
    free(s.best_margin);
    free(plan);
    free(best);
    free(v.short_block);
    free(v.grow);
    free(v.margin);
    cc_scenario_fini(&base);
    return rc;
}
