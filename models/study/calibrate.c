/* models/study/calibrate.c: accumulators over a streamed log, maximum-likelihood fits, and the
 * scenario written through libyaml's emitter.
 *
 * Data structure. Per channel, an array of cells indexed by the interval of the day of
 * the arrival (cells are allocated when a contact first lands in them). A cell holds
 * counts (offered, contained, answered, abandoned, answered within 20 s and 60 s, the
 * sum of answered waits), sufficient statistics of handle and bot times (n, sum x,
 * sum ln x, sum ln^2 x), a log-binned histogram of each (for the KS distance only) and
 * the patience bins (abandonments and censored waits). Fits need the horizon, which is
 * known only at the end (the opening hours), so everything is kept per interval and
 * merged over the horizon afterwards: one pass over the file.
 * Staffing and opening hours need to know, per day, which agents served in which
 * interval; a hash set holds the (day, interval, agent) triples seen. Days, agents and
 * groups are interned in hash maps. Invariant: every accepted record adds exactly 1 to
 * offered of one cell, and to exactly one of contained, answered, abandoned.
 *
 * Workload: up to millions of rows (a 1 GB log is some 10 million), a handful of
 * channels, at most a few thousand intervals, days and agents: memory is
 * channels x intervals x ~25 KB plus 8 bytes x 2 per (day, interval, agent) seen. */
#include "models/study/calibrate.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "models/report/report.h"
#include "models/io/units.h"
#include "sim/dist.h"
#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/status.h"

/* ---- maps (sim/hash.h indexes over dense arrays) ---- */

/* 64-bit keys to 32-bit values, in order of insertion. */
typedef struct u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t n, cap;
    sim_hindex index;
} u64map;

/* The value of key, inserting val when absent; *added tells which. */
static uint32_t u64map_get(u64map *m, uint64_t key, uint32_t val, bool *added)
{
    uint64_t h = sim_hash_mix(key);
    size_t cursor = 0, k;
    while ((k = sim_hindex_next(&m->index, h, &cursor)) != SIZE_MAX)
        if (m->keys[k] == key) {
            if (added) *added = false;
            return m->vals[k];
        }
    size_t cap = m->cap;
    m->keys = sim_xgrow(m->keys, &cap, m->n + 1, 1024, sizeof *m->keys);
    m->vals = sim_xgrow(m->vals, &m->cap, m->n + 1, 1024, sizeof *m->vals);
    m->keys[m->n] = key;
    m->vals[m->n] = val;
    sim_hindex_add(&m->index, h, m->n++);
    if (added) *added = true;
    return val;
}

static void u64map_fini(u64map *m)
{
    free(m->keys);
    free(m->vals);
    sim_hindex_fini(&m->index);
}

/* Names interned: index i holds name[i]. */
typedef struct names {
    char **name;
    size_t n, cap;
    sim_hindex index;
} names;

static long names_find(const names *t, const char *s)
{
    size_t cursor = 0, k;
    uint64_t h = sim_hash_str(s);
    while ((k = sim_hindex_next(&t->index, h, &cursor)) != SIZE_MAX)
        if (strcmp(t->name[k], s) == 0) return (long)k;
    return -1;
}

static size_t names_add(names *t, const char *s)
{
    long f = names_find(t, s);
    if (f >= 0) return (size_t)f;
    t->name = sim_xgrow(t->name, &t->cap, t->n + 1, 16, sizeof *t->name);
    t->name[t->n] = sim_xstrdup(s);
    sim_hindex_add(&t->index, sim_hash_str(s), t->n);
    return t->n++;
}

static void names_fini(names *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->name[i]);
    free(t->name);
    sim_hindex_fini(&t->index);
}

/* ---- bins ---- */

/* Patience bins: 1 s wide up to 10 min, 10 s to 1 h, 1 min to 6 h, then one open bin. */
#define PB_N 1201
static size_t pbin(double t)
{
    if (t < 600) return (size_t)t;
    if (t < 3600) return 600 + (size_t)((t - 600) / 10);
    if (t < 21600) return 900 + (size_t)((t - 3600) / 60);
    return PB_N - 1;
}
static double pbin_lo(size_t j)
{
    return j <= 600 ? (double)j : j <= 900 ? 600 + 10.0 * (double)(j - 600) : 3600 + 60.0 * (double)(j - 900);
}
static double pbin_hi(size_t j)
{
    return j + 1 == PB_N ? INFINITY : pbin_lo(j + 1);
}

/* Handle-time histogram: ln t in bins 0.01 wide from ln 0.01 s to ln 1e6 s, plus one
 * bin below and one above. */
#define HB_LO (-4.605170185988091)
#define HB_W 0.01
#define HB_N 1845
static size_t hbin(double t)
{
    double u = (log(t) - HB_LO) / HB_W;
    if (!(u >= 0)) return 0;
    if (u >= HB_N - 2) return HB_N - 1;
    return 1 + (size_t)u;
}
static double hbin_hi(size_t j)  /* upper edge of bin j */
{
    return j + 1 >= HB_N ? INFINITY : exp(HB_LO + HB_W * (double)j);
}

/* ---- accumulators ---- */

typedef struct suff {
    double n, sx, slx, slx2;
} suff;

static void suff_add(suff *s, double x)
{
    double l = log(x);
    s->n += 1;
    s->sx += x;
    s->slx += l;
    s->slx2 += l * l;
}

static void suff_merge(suff *a, const suff *b)
{
    a->n += b->n;
    a->sx += b->sx;
    a->slx += b->slx;
    a->slx2 += b->slx2;
}

typedef struct cell {
    double offered, contained, answered, abandoned, within20, within60, wait_sum;
    double handle_sum_all;     /* sum of handle times of answered (fitted or not) */
    double n_handle_all;
    suff handle, bot;
    double exposure, n_ab;     /* patience: sum of waits of queued contacts, abandonments */
    uint32_t *hh, *bh;         /* handle and bot histograms (lazily) */
    uint32_t *pab, *pce;       /* patience bins: abandoned, censored (wait > 0) */
} cell;

/* A fit of one family. */
typedef enum fam { FAM_EXP, FAM_LOGNORMAL, FAM_GAMMA, FAM_WEIBULL, N_FAM } fam;
static const char *const FAM_NAMES[N_FAM] = {"exponential", "lognormal", "gamma", "weibull"};

typedef struct fit {
    bool ok;
    double mean, mean_se, cv, cv_se;
    double shape, shape_se, scale, scale_se;   /* weibull */
    double loglik, bic;
    double ks;                 /* handle: KS distance; patience: largest gap to KM */
    size_t k;                  /* parameters */
} fit;

typedef struct km_point {
    double t, s, se;
} km_point;

typedef struct chan {
    size_t n_cells;
    cell **cells;              /* [n_cells], NULL where nothing arrived */
    bool has_bot;
    /* results over the horizon */
    cell tot;
    double days_offered;       /* offered in the horizon */
    fit handle[N_FAM];
    int handle_best;
    fit bot[N_FAM];
    int bot_best;
    double containment, containment_se;
    double pat_exp_mean, pat_exp_se;           /* closed-form exponential MLE */
    fit pat[N_FAM];
    int pat_best;
    km_point km[8];
    size_t n_km;
    double km_median;          /* NaN when S stays above 1/2 */
    double n_censored;
    bool pat_ok;
} chan;

/* Time is cut in 5-minute slots for staffing. Presence: per (day, agent) a bitmap of
 * the slots in which the agent served (map key day << 21 | agent). Answered keys:
 * day << 21 | interval. */
#define DAYS_MAX (1u << 21)
#define AGENTS_MAX 0x1FFFF0u
#define SLOT_S 300
#define GAP_SLOTS 3                /* idle gaps of up to 15 minutes are filled */
#define SLOTS_MAX (60 * 288)       /* series of a day: at most 60 days long */

typedef struct bitmap {
    uint64_t *w;
    size_t n;                  /* words */
} bitmap;

/* One day's series per 5-minute slot: seconds of waiting (summed over waiting
 * contacts) and, per group, seconds of agents serving. */
typedef struct dayrec {
    float *queue;              /* [cap] */
    float **busy;              /* [CC_CALIB_GROUPS_MAX] of [cap], lazily */
    size_t cap;
} dayrec;

struct cc_calib {
    cc_calib_options o;
    cc_calllog_stats st;
    cc_diag warnings;
    names channels, groups, agents;
    uint32_t *agent_group;     /* [agents.n] */
    size_t cap_agent_group;
    chan *ch;                  /* [channels.n] */
    double **skill;            /* [CC_CHANNELS_MAX] x groups: answered counts */
    names wanted;              /* --channels */
    u64map days;
    u64map present;            /* (day, agent) -> index into bitmaps */
    bitmap *bitmaps;
    size_t cap_bitmaps;
    u64map answered;
    dayrec *dayrecs;           /* [days.n] */
    size_t cap_dayrecs;
    size_t excluded_day, excluded_channel, outside;
    /* results */
    size_t n_days;
    size_t first, last;        /* horizon intervals [first, last) */
    double **staff;            /* [groups.n][last - first]: the estimate (staff_estimate) */
    double **seen;             /* agents present (served in the 5-minute slot, gaps filled) */
    double **busy;             /* agents serving */
    char *files;               /* file names, for the scenario's name */
    bool finished;
};

static const char *WEEKDAYS[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

int cc_calib_days_parse(const char *text, unsigned *mask)
{
    if (strcmp(text, "all") == 0) {
        *mask = 0x7f;
        return SIM_OK;
    }
    if (strcmp(text, "weekday") == 0) {
        *mask = 0x3e;
        return SIM_OK;
    }
    if (strcmp(text, "weekend") == 0) {
        *mask = 0x41;
        return SIM_OK;
    }
    unsigned m = 0;
    char *copy = sim_xstrdup(text), *save = NULL;
    int st = SIM_OK;
    for (char *t = strtok_r(copy, ",", &save); t && st == SIM_OK; t = strtok_r(NULL, ",", &save)) {
        char *dash = strchr(t, '-');
        if (dash) *dash = '\0';
        int a = -1, b = -1;
        for (int w = 0; w < 7; w++) {
            if (strcmp(t, WEEKDAYS[w]) == 0) a = w;
            if (dash && strcmp(dash + 1, WEEKDAYS[w]) == 0) b = w;
        }
        if (a < 0 || (dash && b < 0)) {
            st = SIM_EINVAL;
            break;
        }
        if (!dash) b = a;
        for (int w = a;; w = (w + 1) % 7) {
            m |= 1u << w;
            if (w == b) break;
        }
    }
    free(copy);
    if (st == SIM_OK && m == 0) st = SIM_EINVAL;
    if (st == SIM_OK) *mask = m;
    return st;
}

cc_calib *cc_calib_alloc(const cc_calib_options *o)
{
    cc_calib *c = sim_xcalloc(1, sizeof *c);
    c->o = *o;
    if (!(c->o.interval_s > 0)) c->o.interval_s = 1800;
    if (c->o.days_mask == 0) c->o.days_mask = 0x7f;
    if (c->o.replications <= 0) c->o.replications = 20;
    cc_diag_init(&c->warnings);
    c->skill = sim_xcalloc(CC_CALIB_CHANNELS_MAX, sizeof *c->skill);
    if (o->channels) {
        char *copy = sim_xstrdup(o->channels), *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) names_add(&c->wanted, t);
        free(copy);
    }
    return c;
}

static void cell_free(cell *x)
{
    if (!x) return;
    free(x->hh);
    free(x->bh);
    free(x->pab);
    free(x->pce);
    free(x);
}

void cc_calib_free(cc_calib *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->channels.n; i++) {
        for (size_t j = 0; j < c->ch[i].n_cells; j++) cell_free(c->ch[i].cells[j]);
        free(c->ch[i].cells);
        free(c->ch[i].tot.hh);
        free(c->ch[i].tot.bh);
        free(c->ch[i].tot.pab);
        free(c->ch[i].tot.pce);
    }
    for (size_t i = 0; i < CC_CALIB_CHANNELS_MAX; i++) free(c->skill[i]);
    free(c->skill);
    for (size_t g = 0; c->staff && g < (c->groups.n ? c->groups.n : 1); g++) {
        free(c->staff[g]);
        free(c->seen[g]);
        free(c->busy[g]);
    }
    free(c->staff);
    free(c->seen);
    free(c->busy);
    free(c->ch);
    free(c->agent_group);
    names_fini(&c->channels);
    names_fini(&c->groups);
    names_fini(&c->agents);
    names_fini(&c->wanted);
    u64map_fini(&c->days);
    u64map_fini(&c->present);
    for (size_t k = 0; k < c->present.n; k++) free(c->bitmaps[k].w);
    free(c->bitmaps);
    u64map_fini(&c->answered);
    for (size_t d = 0; d < c->cap_dayrecs; d++) {
        free(c->dayrecs[d].queue);
        for (size_t g = 0; c->dayrecs[d].busy && g < CC_CALIB_GROUPS_MAX; g++) free(c->dayrecs[d].busy[g]);
        free(c->dayrecs[d].busy);
    }
    free(c->dayrecs);
    cc_diag_fini(&c->warnings);
    free(c->files);
    free(c);
}

static cell *cell_at(chan *h, size_t i)
{
    h->cells = sim_xgrow(h->cells, &h->n_cells, i + 1, 48, sizeof *h->cells);
    if (!h->cells[i]) h->cells[i] = sim_xcalloc(1, sizeof(cell));
    return h->cells[i];
}

static void hist_add(uint32_t **h, size_t n, size_t j)
{
    if (!*h) *h = sim_xcalloc(n, sizeof **h);
    (*h)[j]++;
}

static dayrec *dayrec_at(cc_calib *c, size_t day)
{
    c->dayrecs = sim_xgrow(c->dayrecs, &c->cap_dayrecs, day + 1, 64, sizeof *c->dayrecs);
    return &c->dayrecs[day];
}

static float *grow(float *a, size_t old, size_t n)
{
    a = sim_xrealloc(a, n * sizeof *a);
    memset(a + old, 0, (n - old) * sizeof *a);
    return a;
}

/* Adds the seconds of [t0, t1) to the slots of the day's queue series (group < 0) or
 * of a group's busy series. Every series of a day has d->cap slots. */
static void spread(dayrec *d, long group, double t0, double t1)
{
    if (!(t1 > t0) || t0 < 0 || t1 >= (double)SLOT_S * SLOTS_MAX) return;
    size_t m0 = (size_t)(t0 / SLOT_S), m1 = (size_t)(t1 / SLOT_S);
    if (m1 >= d->cap) {
        size_t n = d->cap ? d->cap : 288;
        while (n <= m1) n *= 2;
        d->queue = grow(d->queue, d->cap, n);
        for (size_t g = 0; d->busy && g < CC_CALIB_GROUPS_MAX; g++)
            if (d->busy[g]) d->busy[g] = grow(d->busy[g], d->cap, n);
        d->cap = n;
    }
    float *x = d->queue;
    if (group >= 0) {
        if (!d->busy) d->busy = sim_xcalloc(CC_CALIB_GROUPS_MAX, sizeof *d->busy);
        if (!d->busy[group]) d->busy[group] = grow(NULL, 0, d->cap);
        x = d->busy[group];
    }
    for (size_t m = m0; m <= m1; m++) {
        double a = fmax(t0, (double)SLOT_S * (double)m), b = fmin(t1, (double)SLOT_S * (double)(m + 1));
        if (b > a) x[m] += (float)(b - a);
    }
}

typedef struct add_ctx {
    cc_calib *c;
    const char *path;
    cc_diag *diag;
} add_ctx;

static int on_record(void *arg, const cc_calllog_record *r)
{
    add_ctx *x = arg;
    cc_calib *c = x->c;
    if (c->o.days_mask != 0x7f) {
        if (r->weekday < 0) {
            cc_diag_add(x->diag, "%s:%zu: --days needs dates in the log (this format or mapping "
                        "has none)", x->path, r->line);
            return SIM_EINVAL;
        }
        if (!(c->o.days_mask & (1u << r->weekday))) {
            c->excluded_day++;
            return SIM_OK;
        }
    }
    if (c->wanted.n && names_find(&c->wanted, r->channel) < 0) {
        c->excluded_channel++;
        return SIM_OK;
    }
    if (!(r->arrival_s >= 0) || r->arrival_s / c->o.interval_s >= CC_CALIB_INTERVALS_MAX) {
        cc_diag_add(x->diag, "%s:%zu: arrival %.0f s: more than %d intervals from 00:00 (use a day "
                    "or date column for logs of several days)", x->path, r->line, r->arrival_s,
                    CC_CALIB_INTERVALS_MAX);
        return SIM_ELIMIT;
    }
    /* Day. */
    bool added;
    uint32_t day = u64map_get(&c->days, (uint64_t)(r->day + 1) + ((uint64_t)1 << 62),
                              (uint32_t)c->days.n, &added);
    if (added && c->days.n > DAYS_MAX) {
        cc_diag_add(x->diag, "%s:%zu: more than %u days", x->path, r->line, DAYS_MAX);
        return SIM_ELIMIT;
    }
    /* Channel. */
    long ci = names_find(&c->channels, r->channel);
    if (ci < 0) {
        if (c->channels.n == CC_CALIB_CHANNELS_MAX) {
            cc_diag_add(x->diag, "%s:%zu: more than %d channels (\"%s\")", x->path, r->line,
                        CC_CALIB_CHANNELS_MAX, r->channel);
            return SIM_ELIMIT;
        }
        ci = (long)names_add(&c->channels, r->channel);
        c->ch = sim_xrealloc(c->ch, c->channels.n * sizeof *c->ch);
        memset(&c->ch[ci], 0, sizeof c->ch[ci]);
    }
    chan *h = &c->ch[ci];
    size_t iv = (size_t)(r->arrival_s / c->o.interval_s);
    cell *k = cell_at(h, iv);
    k->offered++;
    if (r->bot_s > 0) {
        h->has_bot = true;
        suff_add(&k->bot, r->bot_s);
        hist_add(&k->bh, HB_N, hbin(r->bot_s));
    }
    if (r->outcome == CC_CALL_CONTAINED) {
        k->contained++;
        h->has_bot = true;
        return SIM_OK;
    }
    double w = r->wait_s;
    k->exposure += w;
    double q0 = r->arrival_s + r->bot_s;
    spread(dayrec_at(c, day), -1, q0, q0 + w);
    if (r->outcome == CC_CALL_ABANDONED) {
        k->abandoned++;
        k->n_ab++;
        hist_add(&k->pab, PB_N, pbin(w));
        return SIM_OK;
    }
    k->answered++;
    k->wait_sum += w;
    if (w <= 20) k->within20++;
    if (w <= 60) k->within60++;
    if (w > 0) hist_add(&k->pce, PB_N, pbin(w));
    if (!isnan(r->handle_s)) {
        suff_add(&k->handle, r->handle_s);
        hist_add(&k->hh, HB_N, hbin(r->handle_s));
        k->handle_sum_all += r->handle_s;
        k->n_handle_all++;
    }
    u64map_get(&c->answered, ((uint64_t)day << 21 | (uint64_t)iv) + 1, 0, NULL);
    if (!r->agent) return SIM_OK;
    const char *gname = r->group ? r->group : "agents";
    long g = names_find(&c->groups, gname);
    if (g < 0) {
        if (c->groups.n == CC_CALIB_GROUPS_MAX) {
            cc_diag_add(x->diag, "%s:%zu: more than %d agent groups", x->path, r->line,
                        CC_CALIB_GROUPS_MAX);
            return SIM_ELIMIT;
        }
        g = (long)names_add(&c->groups, gname);
    }
    long a = names_find(&c->agents, r->agent);
    if (a < 0) {
        if (c->agents.n >= AGENTS_MAX) {
            cc_diag_add(x->diag, "%s:%zu: more than %u agents", x->path, r->line, AGENTS_MAX);
            return SIM_ELIMIT;
        }
        a = (long)names_add(&c->agents, r->agent);
        c->agent_group = sim_xgrow(c->agent_group, &c->cap_agent_group, (size_t)a + 1, 64,
                                   sizeof *c->agent_group);
        c->agent_group[a] = (uint32_t)g;
    }
    if (!c->skill[ci]) c->skill[ci] = sim_xcalloc(CC_CALIB_GROUPS_MAX, sizeof **c->skill);
    c->skill[ci][c->agent_group[a]]++;
    /* The agent served from the answer to the end of service: mark those 5-minute slots
     * and minutes (a service longer than 3 hours counts 3 hours: the bank's outliers of
     * 8 hours are not shifts). */
    double t0 = q0 + w;
    double t1 = t0 + (isnan(r->handle_s) ? 0 : fmin(r->handle_s, 10800));
    size_t s0 = (size_t)(t0 / SLOT_S), s1 = (size_t)(t1 / SLOT_S);
    if (s1 >= SLOTS_MAX) s1 = SLOTS_MAX - 1;
    uint32_t bi = u64map_get(&c->present, ((uint64_t)day << 21 | (uint64_t)a) + 1,
                             (uint32_t)c->present.n, &added);
    if (added) {
        c->bitmaps = sim_xgrow(c->bitmaps, &c->cap_bitmaps, (size_t)bi + 1, 256, sizeof *c->bitmaps);
    }
    bitmap *bm = &c->bitmaps[bi];
    /* At first 5 words: 320 slots, a day and 2 hours. */
    bm->w = sim_xgrow(bm->w, &bm->n, s1 / 64 + 1, 5, sizeof *bm->w);
    for (size_t i = s0; i <= s1; i++) bm->w[i / 64] |= (uint64_t)1 << (i % 64);
    spread(dayrec_at(c, day), (long)c->agent_group[a], t0, t1);
    return SIM_OK;
}

int cc_calib_add_file(cc_calib *c, const char *path, cc_diag *diag)
{
    add_ctx x = {c, path, diag};
    size_t len = c->files ? strlen(c->files) : 0;
    c->files = sim_xrealloc(c->files, len + strlen(path) + 3);
    snprintf(c->files + len, strlen(path) + 3, "%s%s", len ? ", " : "", path);
    return cc_calllog_read(path, &c->o.log, on_record, &x, &c->st, &c->warnings) == SIM_OK
               ? SIM_OK
               : (cc_diag_add(diag, "%s: not read", path), SIM_EINVAL);
}

/* ---- fits: handle time ---- */

/* The family's law; parameters (a, b): mean and cv, or for Weibull shape and scale.
 * Every conversion to GSL's parameters is sim/dist.c's. */
static sim_dist fam_dist(fam f, double a, double b)
{
    switch (f) {
    case FAM_EXP: return sim_dist_exponential(a);
    case FAM_LOGNORMAL: return sim_dist_lognormal(a, b);
    case FAM_GAMMA: return sim_dist_gamma(a, b);
    default: return sim_dist_weibull(a, b);
    }
}

static double fam_cdf(fam f, double t, double mean, double cv)
{
    if (t <= 0) return 0;
    if (isinf(t)) return 1;
    sim_dist d = fam_dist(f, mean, cv);
    return sim_dist_cdf(&d, t);
}

static double fam_surv(fam f, double t, double a, double b)
{
    if (t <= 0) return 1;
    if (isinf(t)) return 0;
    sim_dist d = fam_dist(f, a, b);
    return sim_dist_survival(&d, t);
}

static double ks_hist(fam f, const uint32_t *h, double n, double mean, double cv)
{
    if (!h || !(n > 0)) return NAN;
    double cum = 0, d = 0;
    for (size_t j = 0; j + 1 < HB_N; j++) {
        cum += h[j];
        double e = hbin_hi(j);
        d = fmax(d, fabs(cum / n - fam_cdf(f, e, mean, cv)));
    }
    return d;
}

/* Maximum likelihood from the sufficient statistics; best by BIC. */
static int fit_positive(const suff *s, const uint32_t *hist, fit out[N_FAM])
{
    memset(out, 0, N_FAM * sizeof *out);
    double n = s->n;
    if (n < 2) return -1;
    double xbar = s->sx / n, lbar = s->slx / n, l2 = s->slx2 / n - lbar * lbar;
    double ln_n = log(n);
    /* exponential */
    fit *e = &out[FAM_EXP];
    e->ok = true;
    e->k = 1;
    e->mean = xbar;
    e->mean_se = xbar / sqrt(n);
    e->cv = 1;
    e->cv_se = 0;
    e->loglik = -n * log(xbar) - n;
    /* lognormal */
    if (l2 > 0) {
        fit *l = &out[FAM_LOGNORMAL];
        l->ok = true;
        l->k = 2;
        l->mean = exp(lbar + l2 / 2);
        l->cv = sqrt(expm1(l2));
        l->mean_se = l->mean * sqrt(l2 / n + l2 * l2 / (2 * n));
        l->cv_se = exp(l2) / (2 * l->cv) * l2 * sqrt(2 / n);
        l->loglik = -s->slx - n / 2 * log(2 * M_PI * l2) - n / 2;
    }
    /* gamma: ln k - psi(k) = ln xbar - mean ln x, by Newton from Minka's start. */
    double g = log(xbar) - lbar;
    if (g > 0 && isfinite(g)) {
        double k = (3 - g + sqrt((g - 3) * (g - 3) + 24 * g)) / (12 * g);
        for (int it = 0; it < 100; it++) {
            double f = log(k) - gsl_sf_psi(k) - g;
            double df = 1 / k - gsl_sf_psi_1(k);
            double nk = k - f / df;
            if (!(nk > 0)) nk = k / 2;
            if (fabs(nk - k) < 1e-12 * k) {
                k = nk;
                break;
            }
            k = nk;
        }
        fit *m = &out[FAM_GAMMA];
        double theta = xbar / k;
        m->ok = isfinite(k) && k > 0;
        m->k = 2;
        m->mean = xbar;
        m->cv = 1 / sqrt(k);
        m->mean_se = xbar / sqrt(k * n);
        double var_k = k / (n * (k * gsl_sf_psi_1(k) - 1));
        m->cv_se = 0.5 * pow(k, -1.5) * sqrt(var_k);
        m->loglik = (k - 1) * s->slx - n * k - n * k * log(theta) - n * gsl_sf_lngamma(k);
    }
    int best = -1;
    for (int f = 0; f < FAM_WEIBULL; f++) {
        if (!out[f].ok) continue;
        out[f].bic = (double)out[f].k * ln_n - 2 * out[f].loglik;
        out[f].ks = ks_hist((fam)f, hist, n, out[f].mean, out[f].cv);
        if (out[f].cv > 100) out[f].ok = false;  /* beyond what a scenario accepts */
        if (out[f].ok && (best < 0 || out[f].bic < out[best].bic)) best = f;
    }
    return best;
}

/* ---- fits: patience from binned censored waits ---- */

typedef struct pat_data {
    const uint32_t *ab, *ce;
    fam f;
} pat_data;

/* Parameters in unconstrained form: exp, lognormal, gamma: (ln mean, ln cv);
 * weibull: (ln shape, ln scale). */
static void pat_params(fam f, const double *p, double *a, double *b)
{
    *a = exp(p[0]);
    *b = f == FAM_EXP ? 1 : exp(p[1]);
}

static double pat_negll(const gsl_vector *v, void *arg)
{
    const pat_data *d = arg;
    double p[2] = {gsl_vector_get(v, 0), d->f == FAM_EXP ? 0 : gsl_vector_get(v, 1)};
    if (fabs(p[0]) > 30 || fabs(p[1]) > 8) return 1e300;
    double a, b;
    pat_params(d->f, p, &a, &b);
    double ll = 0;
    for (size_t j = 0; j < PB_N; j++) {
        if (d->ab && d->ab[j]) {
            double pr = fam_surv(d->f, pbin_lo(j), a, b) - fam_surv(d->f, pbin_hi(j), a, b);
            ll += d->ab[j] * log(fmax(pr, 1e-300));
        }
        if (d->ce && d->ce[j]) {
            double t = isinf(pbin_hi(j)) ? pbin_lo(j) : (pbin_lo(j) + pbin_hi(j)) / 2;
            ll += d->ce[j] * log(fmax(fam_surv(d->f, t, a, b), 1e-300));
        }
    }
    return -ll;
}

static double pat_negll1(double x, void *arg)
{
    gsl_vector_view v = gsl_vector_view_array(&x, 1);
    return pat_negll(&v.vector, arg);
}

/* mean and cv of a patience fit from its unconstrained parameters. */
static void pat_moments(fam f, const double *p, double *mean, double *cv)
{
    double a, b;
    pat_params(f, p, &a, &b);
    if (f == FAM_WEIBULL) {
        double g1 = gsl_sf_gamma(1 + 1 / a), g2 = gsl_sf_gamma(1 + 2 / a);
        *mean = b * g1;
        *cv = sqrt(fmax(g2 / (g1 * g1) - 1, 0));
    } else {
        *mean = a;
        *cv = b;
    }
}

static void fit_patience_family(fam f, const uint32_t *ab, const uint32_t *ce, double mean0,
                                double n, fit *out)
{
    memset(out, 0, sizeof *out);
    pat_data d = {ab, ce, f};
    size_t k = f == FAM_EXP ? 1 : 2;
    double p[2];
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    if (f == FAM_EXP) {
        gsl_function F = {pat_negll1, &d};
        double x0 = log(mean0), lo = x0 - 2, hi = x0 + 2;
        gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        if (gsl_min_fminimizer_set(m, &F, x0, lo, hi) == GSL_SUCCESS) {
            for (int it = 0; it < 200; it++) {
                gsl_min_fminimizer_iterate(m);
                if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(m), gsl_min_fminimizer_x_upper(m),
                                          1e-9, 0) == GSL_SUCCESS)
                    break;
            }
            p[0] = gsl_min_fminimizer_x_minimum(m);
        } else {
            p[0] = x0;  /* the closed form is the minimum to within the binning */
        }
        gsl_min_fminimizer_free(m);
        p[1] = 0;
    } else {
        gsl_multimin_function F = {pat_negll, 2, &d};
        gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
        if (f == FAM_WEIBULL) {
            gsl_vector_set(x, 0, 0);
            gsl_vector_set(x, 1, log(mean0));
        } else {
            gsl_vector_set(x, 0, log(mean0));
            gsl_vector_set(x, 1, 0);
        }
        gsl_vector_set_all(step, 0.3);
        gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
        gsl_multimin_fminimizer_set(m, &F, x, step);
        for (int it = 0; it < 2000; it++) {
            if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS) break;
            if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-7) == GSL_SUCCESS) break;
        }
        p[0] = gsl_vector_get(m->x, 0);
        p[1] = gsl_vector_get(m->x, 1);
        gsl_multimin_fminimizer_free(m);
        gsl_vector_free(x);
        gsl_vector_free(step);
    }
    /* Observed information by central differences; standard errors by the delta method. */
    double h = 1e-4, H[2][2] = {{0, 0}, {0, 0}};
    gsl_vector *v = gsl_vector_alloc(2);
#define NLL(a0, a1) (gsl_vector_set(v, 0, (a0)), gsl_vector_set(v, 1, (a1)), pat_negll(v, &d))
    double f0 = NLL(p[0], p[1]);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = i; j < k; j++) {
            double e0[2] = {0, 0}, e1[2] = {0, 0};
            e0[i] = h;
            e1[j] = h;
            double fpp = NLL(p[0] + e0[0] + e1[0], p[1] + e0[1] + e1[1]);
            double fpm = NLL(p[0] + e0[0] - e1[0], p[1] + e0[1] - e1[1]);
            double fmp = NLL(p[0] - e0[0] + e1[0], p[1] - e0[1] + e1[1]);
            double fmm = NLL(p[0] - e0[0] - e1[0], p[1] - e0[1] - e1[1]);
            H[i][j] = H[j][i] = (fpp - fpm - fmp + fmm) / (4 * h * h);
        }
    }
#undef NLL
    gsl_vector_free(v);
    gsl_set_error_handler(old);
    double C[2][2] = {{0, 0}, {0, 0}};
    if (k == 1) {
        C[0][0] = H[0][0] > 0 ? 1 / H[0][0] : NAN;
    } else {
        double det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
        C[0][0] = H[1][1] / det;
        C[1][1] = H[0][0] / det;
        C[0][1] = C[1][0] = -H[0][1] / det;
    }
    double mean, cv;
    pat_moments(f, p, &mean, &cv);
    double gm[2] = {0, 0}, gc[2] = {0, 0};
    for (size_t i = 0; i < k; i++) {
        double q[2] = {p[0], p[1]};
        q[i] += 1e-5;
        double m1, c1;
        pat_moments(f, q, &m1, &c1);
        gm[i] = (m1 - mean) / 1e-5;
        gc[i] = (c1 - cv) / 1e-5;
    }
    double vm = 0, vc = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            vm += gm[i] * C[i][j] * gm[j];
            vc += gc[i] * C[i][j] * gc[j];
        }
    out->ok = isfinite(f0) && f0 < 1e299 && isfinite(mean) && mean > 0 && cv > 0 && cv <= 100;
    out->k = k;
    out->mean = mean;
    out->cv = cv;
    out->mean_se = sqrt(vm);
    out->cv_se = f == FAM_EXP ? 0 : sqrt(vc);
    if (f == FAM_WEIBULL) {
        out->shape = exp(p[0]);
        out->scale = exp(p[1]);
        out->shape_se = out->shape * sqrt(C[0][0]);
        out->scale_se = out->scale * sqrt(C[1][1]);
    }
    out->loglik = -f0;
    out->bic = (double)k * log(n) + 2 * f0;
}

/* Kaplan-Meier from the bins (censorings in a bin count as at risk through it), and the
 * largest gap to each fit where at least 30 contacts are at risk. */
static void fit_patience(chan *h)
{
    const uint32_t *ab = h->tot.pab, *ce = h->tot.pce;
    double n = 0;
    for (size_t j = 0; j < PB_N; j++) n += (ab ? ab[j] : 0) + (ce ? ce[j] : 0);
    h->n_censored = n - h->tot.n_ab;
    h->km_median = NAN;
    h->pat_best = -1;
    if (!(h->tot.n_ab >= 1)) return;
    h->pat_ok = true;
    h->pat_exp_mean = h->tot.exposure / h->tot.n_ab;
    h->pat_exp_se = h->pat_exp_mean / sqrt(h->tot.n_ab);
    for (int f = 0; f < N_FAM; f++)
        fit_patience_family((fam)f, ab, ce, h->pat_exp_mean, n, &h->pat[f]);
    static const double at[] = {10, 30, 60, 120, 300, 600};
    double S = 1, gw = 0, risk = n;
    size_t next = 0;
    double gap[N_FAM] = {0};
    for (size_t j = 0; j < PB_N && risk > 0; j++) {
        double d = ab ? ab[j] : 0, cj = ce ? ce[j] : 0;
        while (next < 6 && at[next] <= pbin_lo(j)) {
            h->km[h->n_km++] = (km_point){at[next], S, S * sqrt(gw)};
            next++;
        }
        if (d > 0) {
            S *= 1 - d / risk;
            if (risk > d) gw += d / (risk * (risk - d));
        }
        if (isnan(h->km_median) && S <= 0.5) h->km_median = pbin_hi(j);
        if (risk >= 30 && isfinite(pbin_hi(j))) {
            for (int f = 0; f < N_FAM; f++) {
                if (!h->pat[f].ok) continue;
                double a = f == FAM_WEIBULL ? h->pat[f].shape : h->pat[f].mean;
                double b = f == FAM_WEIBULL ? h->pat[f].scale : h->pat[f].cv;
                gap[f] = fmax(gap[f], fabs(fam_surv((fam)f, pbin_hi(j), a, b) - S));
            }
        }
        risk -= d + cj;
    }
    for (int f = 0; f < N_FAM; f++) {
        h->pat[f].ks = gap[f];
        if (h->pat[f].ok && (h->pat_best < 0 || h->pat[f].bic < h->pat[h->pat_best].bic)) h->pat_best = f;
    }
}

/* ---- finish ---- */

static void cell_merge(cell *a, const cell *b)
{
    a->offered += b->offered;
    a->contained += b->contained;
    a->answered += b->answered;
    a->abandoned += b->abandoned;
    a->within20 += b->within20;
    a->within60 += b->within60;
    a->wait_sum += b->wait_sum;
    a->handle_sum_all += b->handle_sum_all;
    a->n_handle_all += b->n_handle_all;
    suff_merge(&a->handle, &b->handle);
    suff_merge(&a->bot, &b->bot);
    a->exposure += b->exposure;
    a->n_ab += b->n_ab;
    uint32_t **da[] = {&a->hh, &a->bh, &a->pab, &a->pce};
    uint32_t *const sb[] = {b->hh, b->bh, b->pab, b->pce};
    size_t len[] = {HB_N, HB_N, PB_N, PB_N};
    for (size_t k = 0; k < 4; k++) {
        if (!sb[k]) continue;
        if (!*da[k]) *da[k] = sim_xcalloc(len[k], sizeof(uint32_t));
        for (size_t j = 0; j < len[k]; j++) (*da[k])[j] += sb[k][j];
    }
}

static size_t intervals_seen(const cc_calib *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->channels.n; i++)
        for (size_t j = 0; j < c->ch[i].n_cells; j++)
            if (c->ch[i].cells[j] && j + 1 > n) n = j + 1;
    return n;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Staff per group and interval of the horizon, mean over days and 5-minute slots of
 * the capacity seen in each slot: when customers waited all along (queue seconds >= 300,
 * at least one waiting on average), every agent present would have been serving, so the
 * capacity is the agents busy; otherwise it is the agents present, present meaning the 5-minute slots in
 * which they served with idle gaps of up to 15 minutes filled. The agents seen serving
 * in the interval overstate what a center had: people come and go within an hour,
 * take breaks, do after-call work; the bank of 1999 shows 7-8 agents seen in a peak
 * hour and about 5 busy while 25% of its callers hang up. */
static void staff_estimate(cc_calib *c)
{
    size_t n = c->last - c->first, G = c->groups.n ? c->groups.n : 1;
    size_t per = (size_t)(c->o.interval_s / SLOT_S);
    size_t s_first = c->first * per, s_last = c->last * per, ns = s_last - s_first;
    double **out[3];
    for (size_t k = 0; k < 3; k++) {
        out[k] = sim_xcalloc(G, sizeof **out);
        for (size_t g = 0; g < G; g++) out[k][g] = sim_xcalloc(n, sizeof ***out);
    }
    c->staff = out[0];
    c->seen = out[1];
    c->busy = out[2];
    /* (day, agent) keys in order, each with its bitmap. */
    size_t nk = 0;
    uint64_t *keys = sim_xmalloc((c->present.n + 1) * sizeof *keys);
    for (size_t j = 0; j < c->present.n; j++)
        keys[nk++] = (c->present.keys[j] - 1) << 22 | c->present.vals[j];
    /* day < 2^21, agent < 2^21, bitmap index < 2^22: fits in 64 bits; sorts by day. */
    qsort(keys, nk, sizeof *keys, cmp_u64);
    float *pres = sim_xcalloc(G * ns, sizeof *pres);
    double w = 1.0 / ((double)c->n_days * (double)per);
    size_t p = 0;
    for (size_t d = 0; d < c->n_days; d++) {
        memset(pres, 0, G * ns * sizeof *pres);
        for (; p < nk && (keys[p] >> 43) == d; p++) {
            size_t a = (size_t)((keys[p] >> 22) & 0x1FFFFF);
            const bitmap *bm = &c->bitmaps[keys[p] & 0x3FFFFF];
            size_t g = c->agent_group[a], prev = SIZE_MAX;
            for (size_t x = 0; x < bm->n * 64; x++) {
                if (!(bm->w[x / 64] >> (x % 64) & 1)) continue;
                size_t from = prev != SIZE_MAX && x - prev - 1 <= GAP_SLOTS ? prev + 1 : x;
                for (size_t y = from; y <= x; y++)
                    if (y >= s_first && y < s_last) pres[g * ns + y - s_first] += 1;
                prev = x;
            }
        }
        const dayrec *dr = d < c->cap_dayrecs ? &c->dayrecs[d] : NULL;
        for (size_t g = 0; g < G; g++) {
            for (size_t m = s_first; m < s_last; m++) {
                bool in = dr && m < dr->cap;
                double q = in ? dr->queue[m] : 0;
                double b = in && dr->busy && dr->busy[g] ? dr->busy[g][m] / SLOT_S : 0;
                double pr = pres[g * ns + m - s_first];
                size_t i = (m - s_first) / per;
                c->staff[g][i] += (q >= SLOT_S ? b : pr) * w;
                c->seen[g][i] += pr * w;
                c->busy[g][i] += b * w;
            }
        }
    }
    free(pres);
    free(keys);
}

int cc_calib_finish(cc_calib *c, cc_diag *diag)
{
    size_t rows = c->st.rows;
    if (rows && (double)c->st.rejected_total > c->o.max_bad * (double)rows) {
        cc_diag_add(diag, "%zu of %zu rows rejected (%.2f%%), more than --max-bad %.4g%%: fix the log "
                    "or raise --max-bad", c->st.rejected_total, rows,
                    100.0 * (double)c->st.rejected_total / (double)rows, 100 * c->o.max_bad);
        return SIM_EINVAL;
    }
    c->n_days = c->days.n;
    if (c->n_days == 0 || c->channels.n == 0) {
        cc_diag_add(diag, "no contacts left after the filters (--days, --channels)");
        return SIM_EINVAL;
    }
    size_t n_iv = intervals_seen(c);
    /* Days on which contacts arriving in each interval were answered. */
    size_t *answered_days = sim_xcalloc(n_iv + 1, sizeof *answered_days);
    for (size_t j = 0; j < c->answered.n; j++) {
        uint64_t k = c->answered.keys[j];
        size_t iv = (size_t)((k - 1) & 0x1FFFFF);
        if (iv < n_iv) answered_days[iv]++;
    }
    if (c->o.has_hours) {
        c->first = (size_t)floor(c->o.open_s / c->o.interval_s);
        c->last = (size_t)ceil(c->o.close_s / c->o.interval_s);
    } else {
        c->first = n_iv;
        c->last = 0;
        for (size_t i = 0; i < n_iv; i++) {
            if (2 * answered_days[i] >= c->n_days) {
                if (c->first == n_iv) c->first = i;
                c->last = i + 1;
            }
        }
    }
    free(answered_days);
    if (c->first >= c->last) {
        cc_diag_add(diag, "no opening hours: no interval had contacts answered on at least half of "
                    "the %zu days (give them with --hours HH:MM-HH:MM)", c->n_days);
        return SIM_EINVAL;
    }
    staff_estimate(c);
    if (c->o.observe_only) {
        c->finished = true;
        return SIM_OK;
    }
    if (c->groups.n == 0) {
        cc_diag_add(diag, "no agent is named in the log: staffing cannot be seen (map agent=COLUMN)");
        return SIM_EINVAL;
    }
    /* Merge the horizon's cells; fit. */
    for (size_t i = 0; i < c->channels.n; i++) {
        chan *h = &c->ch[i];
        for (size_t j = 0; j < h->n_cells; j++) {
            if (!h->cells[j]) continue;
            if (j >= c->first && j < c->last) cell_merge(&h->tot, h->cells[j]);
            else c->outside += (size_t)h->cells[j]->offered;
        }
        if (h->tot.handle.n < 2) {
            cc_diag_add(diag, "channel %s: %.0f answered contacts with a service time in the horizon: "
                        "too few to fit a handle time (filter it out with --channels)",
                        c->channels.name[i], h->tot.handle.n);
            return SIM_EINVAL;
        }
        h->handle_best = fit_positive(&h->tot.handle, h->tot.hh, h->handle);
        h->bot_best = -1;
        if (h->has_bot && h->tot.offered > 0) {
            double p = h->tot.contained / h->tot.offered;
            h->containment = p;
            h->containment_se = sqrt(p * (1 - p) / h->tot.offered);
            h->bot_best = fit_positive(&h->tot.bot, h->tot.bh, h->bot);
            if (h->bot_best < 0) h->has_bot = false;
        }
        fit_patience(h);
        if (h->handle_best < 0) {
            cc_diag_add(diag, "channel %s: no handle-time family could be fitted", c->channels.name[i]);
            return SIM_EINVAL;
        }
    }
    c->finished = true;
    return SIM_OK;
}

/* ---- report ---- */

static void clock_text(double s, char *buf, size_t len)
{
    if (cc_units_format_clock(s, buf, len) != SIM_OK) snprintf(buf, len, "%.0fs", s);
}

static void fprint_fit(FILE *f, const char *what, const fit *x, int best)
{
    for (int k = 0; k < N_FAM; k++) {
        if (!x[k].ok) continue;
        fprintf(f, "    %-11s %-12s mean %9.2f s (se %.2f)", k == best ? what : "", FAM_NAMES[k],
                x[k].mean, x[k].mean_se);
        if (k != FAM_EXP) fprintf(f, "  cv %.3f (se %.3f)", x[k].cv, x[k].cv_se);
        else fprintf(f, "  %-20s", "");
        fprintf(f, "  BIC %.1f  %s %.4f%s\n", x[k].bic, what[0] == 'p' ? "KM gap" : "KS", x[k].ks,
                k == best ? "  <- chosen" : "");
    }
}

void cc_calib_fprint(FILE *f, const cc_calib *c)
{
    char a[16], b[16];
    fprintf(f, "calibration from %s (format %s)\n", c->files ? c->files : "", cc_calllog_format_name(c->o.log.format));
    cc_calllog_stats_fprint(f, &c->st, "  ");
    if (c->excluded_day) fprintf(f, "  excluded by --days: %zu\n", c->excluded_day);
    if (c->excluded_channel) fprintf(f, "  excluded by --channels: %zu\n", c->excluded_channel);
    if (!c->finished) return;
    clock_text((double)c->first * c->o.interval_s, a, sizeof a);
    clock_text((double)c->last * c->o.interval_s, b, sizeof b);
    fprintf(f, "  outside the horizon (not in arrivals or fits): %zu\n", c->outside);
    fprintf(f, "  days: %zu; horizon %s-%s (%s), interval %g min\n", c->n_days, a, b,
            c->o.has_hours ? "given" : "the intervals with answered contacts on half the days or more",
            c->o.interval_s / 60);
    fprintf(f, "criterion: the smallest BIC (k ln n - 2 ln L); standard errors from the Fisher "
               "information (observed, for patience)\n");
    for (size_t i = 0; i < c->channels.n; i++) {
        const chan *h = &c->ch[i];
        fprintf(f, "channel %s: %.0f offered in the horizon (%.1f per day), %.0f answered, %.0f "
                   "abandoned, %.0f contained\n", c->channels.name[i], h->tot.offered,
                h->tot.offered / (double)c->n_days, h->tot.answered, h->tot.abandoned, h->tot.contained);
        fprintf(f, "  handle time, n = %.0f:\n", h->tot.handle.n);
        fprint_fit(f, "handle", h->handle, h->handle_best);
        if (h->pat_ok) {
            fprintf(f, "  patience, %.0f abandonments observed, %.0f waits censored by an answer:\n",
                    h->tot.n_ab, h->n_censored);
            fprintf(f, "    exponential MLE (exposure / abandonments): mean %.2f s (se %.2f)\n",
                    h->pat_exp_mean, h->pat_exp_se);
            fprint_fit(f, "patience", h->pat, h->pat_best);
            if (h->pat_best == FAM_WEIBULL)
                fprintf(f, "    weibull shape %.3f (se %.3f), scale %.2f s (se %.2f)\n",
                        h->pat[FAM_WEIBULL].shape, h->pat[FAM_WEIBULL].shape_se,
                        h->pat[FAM_WEIBULL].scale, h->pat[FAM_WEIBULL].scale_se);
            fprintf(f, "    Kaplan-Meier S(t) (se):");
            for (size_t k = 0; k < h->n_km; k++)
                fprintf(f, " %gs %.3f (%.3f)", h->km[k].t, h->km[k].s, h->km[k].se);
            if (isnan(h->km_median)) fprintf(f, "; median not reached\n");
            else fprintf(f, "; median %.0f s\n", h->km_median);
        } else {
            fprintf(f, "  patience: no abandonment observed: infinitely patient\n");
        }
        if (h->has_bot) {
            fprintf(f, "  bot: containment %.4f (se %.4f); bot time, n = %.0f:\n", h->containment,
                    h->containment_se, h->tot.bot.n);
            fprint_fit(f, "bot", h->bot, h->bot_best);
        }
    }
    for (size_t g = 0; g < c->groups.n; g++) {
        fprintf(f, "group %s, per interval, mean over days:\n", c->groups.name[g]);
        static const char *const what[] = {"staff (capacity)", "agents present", "agents busy"};
        double *const rows3[] = {c->staff[g], c->seen[g], c->busy[g]};
        for (size_t k = 0; k < 3; k++) {
            fprintf(f, "  %-17s", what[k]);
            for (size_t i = 0; i < c->last - c->first; i++) fprintf(f, " %.1f", rows3[k][i]);
            fprintf(f, "\n");
        }
    }
}

const cc_diag *cc_calib_warnings(const cc_calib *c)
{
    return &c->warnings;
}

static void report_row(cc_outfile *o, const char *section, const char *channel, const char *item,
                       const char *family, double est, double se, double n, const char *note)
{
    const char *texts[] = {section, channel, item, family};
    const double numbers[] = {est, se, n};
    for (size_t k = 0; k < 4; k++) {
        cc_outfile_field(o, texts[k]);
        fputc(',', o->f);
    }
    for (size_t k = 0; k < 3; k++) {
        cc_outfile_number(o, numbers[k]);
        fputc(',', o->f);
    }
    cc_outfile_field(o, note);
    fputc('\n', o->f);
}

static void report_fits(cc_outfile *o, const char *section, const char *ch, const fit *x, int best,
                        double n)
{
    for (int k = 0; k < N_FAM; k++) {
        if (!x[k].ok) continue;
        const char *note = k == best ? "chosen" : "";
        report_row(o, section, ch, "mean_s", FAM_NAMES[k], x[k].mean, x[k].mean_se, n, note);
        report_row(o, section, ch, "cv", FAM_NAMES[k], x[k].cv, x[k].cv_se, n, note);
        report_row(o, section, ch, "bic", FAM_NAMES[k], x[k].bic, NAN, n, note);
        report_row(o, section, ch, strcmp(section, "patience") == 0 ? "km_gap" : "ks", FAM_NAMES[k],
                   x[k].ks, NAN, n, note);
        if (k == FAM_WEIBULL) {
            report_row(o, section, ch, "shape", FAM_NAMES[k], x[k].shape, x[k].shape_se, n, note);
            report_row(o, section, ch, "scale_s", FAM_NAMES[k], x[k].scale, x[k].scale_se, n, note);
        }
    }
}

int cc_calib_write_report(const cc_calib *c, const char *path, cc_diag *diag)
{
    cc_outfile o;
    if (cc_outfile_open(&o, path, diag) != SIM_OK) return SIM_EIO;
    fputs("section,channel,item,family,estimate,std_error,n,note\n", o.f);
    report_row(&o, "rows", "", "read", "", (double)c->st.rows, NAN, NAN, "");
    report_row(&o, "rows", "", "accepted", "", (double)c->st.accepted, NAN, NAN, "");
    for (size_t r = 0; r < CC_CALLLOG_N_REASONS; r++)
        report_row(&o, "rows", "", "rejected", cc_calllog_reason_name((cc_calllog_reason)r),
                   (double)c->st.rejected[r], NAN, NAN, cc_calllog_reason_text((cc_calllog_reason)r));
    report_row(&o, "rows", "", "ignored", "phantom", (double)c->st.ignored_phantom, NAN, NAN, "");
    report_row(&o, "rows", "", "ignored", "no_server", (double)c->st.ignored_no_server, NAN, NAN, "");
    report_row(&o, "rows", "", "excluded", "days", (double)c->excluded_day, NAN, NAN, "");
    report_row(&o, "rows", "", "excluded", "channels", (double)c->excluded_channel, NAN, NAN, "");
    report_row(&o, "rows", "", "excluded", "outside_horizon", (double)c->outside, NAN, NAN, "");
    report_row(&o, "rows", "", "days", "", (double)c->n_days, NAN, NAN, "");
    for (size_t i = 0; i < c->channels.n; i++) {
        const chan *h = &c->ch[i];
        const char *ch = c->channels.name[i];
        report_row(&o, "volume", ch, "offered_per_day", "", h->tot.offered / (double)c->n_days, NAN,
                   h->tot.offered, "");
        report_fits(&o, "handle_time", ch, h->handle, h->handle_best, h->tot.handle.n);
        if (h->pat_ok) {
            report_row(&o, "patience", ch, "mean_s", "exponential_closed_form", h->pat_exp_mean,
                       h->pat_exp_se, h->tot.n_ab, "exposure / abandonments");
            report_fits(&o, "patience", ch, h->pat, h->pat_best, h->tot.n_ab + h->n_censored);
            for (size_t k = 0; k < h->n_km; k++) {
                char item[32];
                snprintf(item, sizeof item, "km_survival_%gs", h->km[k].t);
                report_row(&o, "patience", ch, item, "kaplan_meier", h->km[k].s, h->km[k].se, NAN, "");
            }
            report_row(&o, "patience", ch, "km_median_s", "kaplan_meier", h->km_median, NAN, NAN, "");
        }
        if (h->has_bot) {
            report_row(&o, "bot", ch, "containment", "", h->containment, h->containment_se,
                       h->tot.offered, "");
            report_fits(&o, "bot_time", ch, h->bot, h->bot_best, h->tot.bot.n);
        }
    }
    for (size_t g = 0; g < c->groups.n; g++) {
        for (size_t i = 0; i < c->last - c->first; i++) {
            char item[32];
            clock_text((double)(c->first + i) * c->o.interval_s, item, sizeof item);
            report_row(&o, "staff", c->groups.name[g], item, "capacity", c->staff[g][i], NAN, NAN,
                       "busy when customers waited, else present; mean over days");
            report_row(&o, "staff", c->groups.name[g], item, "present", c->seen[g][i], NAN, NAN,
                       "served in the 5-minute slot, gaps of 15 min filled");
            report_row(&o, "staff", c->groups.name[g], item, "busy", c->busy[g][i], NAN, NAN, "");
        }
    }
    return cc_outfile_commit(&o, diag) == SIM_OK ? SIM_OK : SIM_EIO;
}

/* ---- the scenario, through libyaml's emitter ---- */

typedef struct yw {
    yaml_emitter_t e;
    yaml_event_t ev;
    bool ok;
} yw;

static void y_emit(yw *w)
{
    if (w->ok && !yaml_emitter_emit(&w->e, &w->ev)) w->ok = false;
}

static void y_scalar(yw *w, const char *s)
{
    if (!w->ok) return;
    yaml_scalar_event_initialize(&w->ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
                                 YAML_ANY_SCALAR_STYLE);
    y_emit(w);
}

static void y_num(yw *w, const char *fmt, double x)
{
    char b[64];
    snprintf(b, sizeof b, fmt, x);
    y_scalar(w, b);
}

/* Opens a mapping (map) or a sequence, in flow style ({a: 1}, [1, 2]) or block style. */
static void y_open(yw *w, bool map, bool flow)
{
    if (!w->ok) return;
    if (map)
        yaml_mapping_start_event_initialize(&w->ev, NULL, NULL, 1,
                                            flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    else
        yaml_sequence_start_event_initialize(&w->ev, NULL, NULL, 1,
                                             flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    y_emit(w);
}

static void y_close(yw *w, bool map)
{
    if (!w->ok) return;
    if (map) yaml_mapping_end_event_initialize(&w->ev);
    else yaml_sequence_end_event_initialize(&w->ev);
    y_emit(w);
}

static void y_map(yw *w, bool flow) { y_open(w, true, flow); }
static void y_map_end(yw *w) { y_close(w, true); }
static void y_seq(yw *w, bool flow) { y_open(w, false, flow); }
static void y_seq_end(yw *w) { y_close(w, false); }

static void y_kv(yw *w, const char *k, const char *v)
{
    y_scalar(w, k);
    y_scalar(w, v);
}

/* {dist: ..., mean: ..s, cv: ...} of a fit. */
static void y_dist(yw *w, const char *key, const fit *x, int best)
{
    y_scalar(w, key);
    y_map(w, true);
    y_kv(w, "dist", FAM_NAMES[best]);
    if (best == FAM_WEIBULL) {
        y_scalar(w, "shape");
        y_num(w, "%.6g", x[best].shape);
        y_scalar(w, "scale");
        y_num(w, "%.6gs", x[best].scale);
    } else {
        y_scalar(w, "mean");
        y_num(w, "%.6gs", x[best].mean);
        if (best != FAM_EXP) {
            y_scalar(w, "cv");
            y_num(w, "%.6g", x[best].cv);
        }
    }
    y_map_end(w);
}

static int yaml_write(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, data) == size;
}

int cc_calib_write_scenario(const cc_calib *c, const char *path, cc_diag *diag)
{
    cc_outfile o;
    if (cc_outfile_open(&o, path, diag) != SIM_OK) return SIM_EIO;
    yw w;
    memset(&w, 0, sizeof w);
    w.ok = yaml_emitter_initialize(&w.e) != 0;
    yaml_emitter_set_output(&w.e, yaml_write, o.f);
    yaml_emitter_set_unicode(&w.e, 1);
    yaml_emitter_set_width(&w.e, 100);
    yaml_stream_start_event_initialize(&w.ev, YAML_UTF8_ENCODING);
    y_emit(&w);
    yaml_document_start_event_initialize(&w.ev, NULL, NULL, NULL, 1);
    y_emit(&w);
    y_map(&w, false);
    char name[512];
    if (c->o.name) snprintf(name, sizeof name, "%s", c->o.name);
    else snprintf(name, sizeof name, "calibrated from %.400s", c->files ? c->files : "a log");
    y_kv(&w, "name", name);
    y_kv(&w, "seed", "1");
    y_scalar(&w, "replications");
    y_num(&w, "%.0f", (double)c->o.replications);
    char a[16], b[16];
    clock_text((double)c->first * c->o.interval_s, a, sizeof a);
    clock_text((double)c->last * c->o.interval_s, b, sizeof b);
    y_scalar(&w, "horizon");
    y_map(&w, true);
    y_kv(&w, "start", a);
    y_kv(&w, "end", b);
    y_map_end(&w);
    y_scalar(&w, "interval");
    y_num(&w, "%.6gs", c->o.interval_s);
    y_kv(&w, "drain", "true");
    size_t n = c->last - c->first;
    double hours = c->o.interval_s / 3600;
    y_scalar(&w, "channels");
    y_map(&w, false);
    for (size_t i = 0; i < c->channels.n; i++) {
        const chan *h = &c->ch[i];
        y_scalar(&w, c->channels.name[i]);
        y_map(&w, false);
        y_kv(&w, "mode", "realtime");
        y_scalar(&w, "arrivals");
        y_map(&w, false);
        y_scalar(&w, "profile");
        y_seq(&w, true);
        for (size_t j = 0; j < n; j++) {
            size_t iv = c->first + j;
            double x = iv < h->n_cells && h->cells[iv] ? h->cells[iv]->offered : 0;
            y_num(&w, "%.6g", x / (double)c->n_days / hours);
        }
        y_seq_end(&w);
        y_map_end(&w);
        y_dist(&w, "handle_time", h->handle, h->handle_best);
        if (h->pat_ok && h->pat_best >= 0) y_dist(&w, "patience", h->pat, h->pat_best);
        y_scalar(&w, "sla");
        y_seq(&w, false);
        static const char *const within[] = {"20s", "60s"}, *const target[] = {"0.8", "0.9"};
        for (int k = 0; k < 2; k++) {
            y_map(&w, true);
            y_kv(&w, "within", within[k]);
            y_kv(&w, "target", target[k]);
            y_map_end(&w);
        }
        y_seq_end(&w);
        y_map_end(&w);
    }
    y_map_end(&w);
    bool bots = false;
    for (size_t i = 0; i < c->channels.n; i++) bots |= c->ch[i].has_bot;
    if (bots) {
        y_scalar(&w, "bots");
        y_map(&w, false);
        for (size_t i = 0; i < c->channels.n; i++) {
            const chan *h = &c->ch[i];
            if (!h->has_bot) continue;
            char bn[300];
            snprintf(bn, sizeof bn, "%s_bot", c->channels.name[i]);
            y_scalar(&w, bn);
            y_map(&w, false);
            y_scalar(&w, "channels");
            y_seq(&w, true);
            y_scalar(&w, c->channels.name[i]);
            y_seq_end(&w);
            y_scalar(&w, "containment");
            y_num(&w, "%.6g", h->containment);
            y_dist(&w, "handle_time", h->bot, h->bot_best);
            y_map_end(&w);
        }
        y_map_end(&w);
    }
    y_scalar(&w, "agents");
    y_map(&w, false);
    for (size_t g = 0; g < c->groups.n; g++) {
        y_scalar(&w, c->groups.name[g]);
        y_map(&w, false);
        y_scalar(&w, "staff");
        y_seq(&w, true);
        /* Rounded, but an interval where someone worked keeps at least one agent. */
        for (size_t j = 0; j < n; j++)
            y_num(&w, "%.0f", c->staff[g][j] > 0 ? fmax(1, floor(c->staff[g][j] + 0.5)) : 0);
        y_seq_end(&w);
        y_scalar(&w, "skills");
        y_seq(&w, true);
        for (size_t i = 0; i < c->channels.n; i++)
            if (c->skill[i] && c->skill[i][g] > 0) y_scalar(&w, c->channels.name[i]);
        y_seq_end(&w);
        y_map_end(&w);
    }
    y_map_end(&w);
    y_scalar(&w, "routing");
    y_map(&w, true);
    y_kv(&w, "policy", "fcfs");
    y_map_end(&w);
    y_map_end(&w);
    yaml_document_end_event_initialize(&w.ev, 1);
    y_emit(&w);
    yaml_stream_end_event_initialize(&w.ev);
    y_emit(&w);
    bool ok = w.ok;
    if (!ok) cc_diag_add(diag, "%s: YAML emitter: %s", path, w.e.problem ? w.e.problem : "error");
    yaml_emitter_delete(&w.e);
    if (!ok) {
        cc_outfile_abort(&o);
        return SIM_EIO;
    }
    return cc_outfile_commit(&o, diag) == SIM_OK ? SIM_OK : SIM_EIO;
}

/* ---- observed measures ---- */

size_t cc_calib_channel_count(const cc_calib *c)
{
    return c->channels.n;
}

const char *cc_calib_channel_name(const cc_calib *c, size_t i)
{
    return c->channels.name[i];
}

int cc_calib_channel_find(const cc_calib *c, const char *name)
{
    return (int)names_find(&c->channels, name);
}

size_t cc_calib_days(const cc_calib *c)
{
    return c->n_days;
}

double cc_calib_group_staff(const cc_calib *c, const char *group, double start_s)
{
    long g = names_find(&c->groups, group);
    double i = floor(start_s / c->o.interval_s + 1e-9);
    if (g < 0 || !c->staff || i < (double)c->first || i >= (double)c->last) return NAN;
    return c->staff[g][(size_t)i - c->first];
}

void cc_calib_horizon(const cc_calib *c, double *start_s, double *end_s)
{
    *start_s = (double)c->first * c->o.interval_s;
    *end_s = (double)c->last * c->o.interval_s;
}

cc_calib_observed cc_calib_observe(const cc_calib *c, long channel, double start_s, double length_s)
{
    cell t;
    memset(&t, 0, sizeof t);
    size_t i0 = (size_t)floor(start_s / c->o.interval_s + 1e-9);
    size_t i1 = (size_t)floor((start_s + length_s) / c->o.interval_s + 1e-9);
    for (size_t i = 0; i < c->channels.n; i++) {
        if (channel >= 0 && (size_t)channel != i) continue;
        const chan *h = &c->ch[i];
        for (size_t j = i0; j < i1 && j < h->n_cells; j++) {
            const cell *x = h->cells[j];
            if (!x) continue;
            t.offered += x->offered;
            t.contained += x->contained;
            t.answered += x->answered;
            t.abandoned += x->abandoned;
            t.within20 += x->within20;
            t.within60 += x->within60;
            t.wait_sum += x->wait_sum;
            t.handle_sum_all += x->handle_sum_all;
            t.n_handle_all += x->n_handle_all;
        }
    }
    double d = c->n_days ? (double)c->n_days : NAN, q = t.answered + t.abandoned;
    cc_calib_observed o;
    o.offered = t.offered / d;
    o.contained = t.contained / d;
    o.answered = t.answered / d;
    o.abandoned = t.abandoned / d;
    o.queued_offered = q / d;
    o.abandon_rate = q > 0 ? t.abandoned / q : NAN;
    o.asa_s = t.answered > 0 ? t.wait_sum / t.answered : NAN;
    o.sl20 = q > 0 ? t.within20 / q : NAN;
    o.sl60 = q > 0 ? t.within60 / q : NAN;
    o.handle_mean_s = t.n_handle_all > 0 ? t.handle_sum_all / t.n_handle_all : NAN;
    /* Staff, all groups, mean over the intervals spanned. */
    double staff = 0;
    size_t n_in = 0;
    for (size_t j = i0; j < i1; j++) {
        if (!c->staff || j < c->first || j >= c->last) continue;
        for (size_t g = 0; g < c->groups.n; g++) staff += c->staff[g][j - c->first];
        n_in++;
    }
    o.staff = n_in ? staff / (double)n_in : NAN;
    return o;
}

/* ---- the logs read and fitted, for calibrate and validate ---- */

/* Reads the logs and fits; prints the bad rows' messages. */
int cc_calib_run(cc_calib *c, const char *const *logs, size_t n_logs)
{
    cc_diag diag;
    cc_diag_init(&diag);
    int rc = SIM_OK;
    for (size_t i = 0; i < n_logs && rc == SIM_OK; i++)
        if (cc_calib_add_file(c, logs[i], &diag) != SIM_OK) rc = SIM_EINVAL;
    cc_diag_fprint(stderr, &c->warnings);
    if (c->st.rejected_total > CC_CALLLOG_MESSAGES)
        fprintf(stderr, "ccsim: ... %zu bad rows in all (only the first %d are shown)\n",
                c->st.rejected_total, CC_CALLLOG_MESSAGES);
    if (rc == SIM_OK && cc_calib_finish(c, &diag) != SIM_OK) rc = SIM_EINVAL;
    if (rc != SIM_OK) {
        cc_calllog_stats_fprint(stderr, &c->st, "ccsim:   ");
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    return rc;
}
