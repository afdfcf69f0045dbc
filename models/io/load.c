/* models/io/load.c: YAML -> cc_scenario, with every error reported at once.
 * The loader walks the document of models/io/yamltree.c with a key path in hand. Each
 * reader checks one value and, on a problem, adds "FILE:LINE:COL: PATH: MESSAGE" and
 * carries on, so one run lists every mistake in the file. Channel names are collected
 * first because skills, bots, overflow rules and switches refer to them. Units are
 * parsed only through models/io/units.c; distributions become sim_dist through sim/dist.c.
 * Keys of the format that the model cannot simulate yet are refused here, in one
 * place each, with "not supported yet", never ignored. */
#include "models/io/load.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "models/io/forecast.h"
#include "models/io/units.h"
#include "models/io/yamltree.h"
#include "sim/mem.h"
#include "sim/status.h"

#define PATH_LEN 512
#define NAME_LEN_MAX 200
#define HORIZON_MAX_S (366.0 * 86400.0)

typedef struct loader {
    cc_yamltree *t;
    cc_diag *d;
    cc_scenario *sc;
    char dir[4096];          /* the scenario's folder: relative file names start here */
    size_t errors_before;
} loader;

static void err(loader *L, int node, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void err(loader *L, int node, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cc_yamltree_error(L->t, L->d, node, path[0] ? path : "(top level)", "%s", msg);
}

static yaml_node_t *node(loader *L, int id)
{
    return cc_yamltree_node(L->t, id);
}

static bool is_kind(loader *L, int id, yaml_node_type_t kind)
{
    yaml_node_t *n = node(L, id);
    return n && n->type == kind;
}

/* Appends text to a key path, cutting it at PATH_LEN - 1 bytes: a path that long is
 * still recognisable, and names are limited far below it anyway. */
static void append(char *out, const char *text)
{
    size_t n = strlen(out), k = strlen(text);
    if (n + k > PATH_LEN - 1) k = PATH_LEN - 1 - n;
    memcpy(out + n, text, k);
    out[n + k] = '\0';
}

static void join(char *out, const char *parent, const char *key)
{
    char tmp[PATH_LEN];
    tmp[0] = '\0';
    append(tmp, parent);
    if (parent[0]) append(tmp, ".");
    append(tmp, key);
    memcpy(out, tmp, PATH_LEN);
}

static void join_index(char *out, const char *parent, size_t i)
{
    char num[32];
    snprintf(num, sizeof num, "[%zu]", i);
    char tmp[PATH_LEN];
    tmp[0] = '\0';
    append(tmp, parent);
    append(tmp, num);
    memcpy(out, tmp, PATH_LEN);
}

typedef struct keyref {
    const char *key;
    size_t i;
} keyref;

static int keyref_cmp(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* dup[i] says that the key of pair i repeats an earlier one. The keys are sorted rather
 * than compared pair by pair: a 16 MiB file holds a mapping of a million keys, and
 * comparing every pair would take hours. */
static bool *find_duplicates(loader *L, const yaml_node_t *n, size_t count)
{
    keyref *refs = sim_xcalloc(count, sizeof *refs);
    size_t m = 0;
    for (size_t i = 0; i < count; i++) {
        const char *k = cc_yamltree_scalar(L->t, n->data.mapping.pairs.start[i].key);
        if (k) refs[m++] = (keyref){k, i};
    }
    if (m > 1) qsort(refs, m, sizeof *refs, keyref_cmp);
    bool *dup = sim_xcalloc(count, sizeof *dup);
    for (size_t j = 1; j < m; j++)
        if (strcmp(refs[j].key, refs[j - 1].key) == 0) dup[refs[j].i] = true;
    free(refs);
    return dup;
}

/* Checks that `id` is a mapping whose keys are plain, distinct and among `allowed`.
 * False when it cannot be read as one (not a mapping, a key that is not a plain name, a
 * duplicate); an unknown key is an error too, but the mapping can still be read. */
static bool check_map(loader *L, int id, const char *path, const char *const *allowed)
{
    yaml_node_t *n = node(L, id);
    if (!n || n->type != YAML_MAPPING_NODE) {
        err(L, id, path, "must be a mapping (key: value lines)");
        return false;
    }
    bool ok = true;
    size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    bool *dup = find_duplicates(L, n, count);
    for (size_t i = 0; i < count; i++) {
        const yaml_node_pair_t *p = &n->data.mapping.pairs.start[i];
        const char *k = cc_yamltree_scalar(L->t, p->key);
        if (!k) {
            err(L, p->key, path, "a key must be a plain name, not a list or mapping");
            ok = false;
            continue;
        }
        if (dup[i]) {
            char sub[PATH_LEN];
            join(sub, path, k);
            err(L, p->key, sub, "duplicate key");
            ok = false;
        }
        if (!allowed) continue;
        bool known = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0) known = true;
        if (!known) {
            char list[512] = "", sub[PATH_LEN];
            for (const char *const *a = allowed; *a; a++) {
                strncat(list, *a, sizeof list - strlen(list) - 1);
                if (a[1]) strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            join(sub, path, k);
            /* Reported, and the block is still read: its other errors are found in the
             * same pass, and nothing it holds is missed elsewhere. */
            err(L, p->key, sub, "unknown key (expected one of: %s)", list);
        }
    }
    free(dup);
    return ok;
}

/* The value node of `key` in mapping `map`, or 0. */
static int get(loader *L, int map, const char *key)
{
    yaml_node_t *n = node(L, map);
    if (!n || n->type != YAML_MAPPING_NODE) return 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *k = cc_yamltree_scalar(L->t, p->key);
        if (k && strcmp(k, key) == 0) return p->value;
    }
    return 0;
}

static size_t map_size(loader *L, int map)
{
    yaml_node_t *n = node(L, map);
    return n && n->type == YAML_MAPPING_NODE
               ? (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start) : 0;
}

static size_t seq_size(loader *L, int seq)
{
    yaml_node_t *n = node(L, seq);
    return n && n->type == YAML_SEQUENCE_NODE
               ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

static int seq_item(loader *L, int seq, size_t i)
{
    return node(L, seq)->data.sequence.items.start[i];
}

static const char *scalar(loader *L, int id, const char *path)
{
    const char *s = cc_yamltree_scalar(L->t, id);
    if (!s) err(L, id, path, "must be a single value, not a list or mapping");
    return s;
}

/* A missing required key is reported at the mapping that should hold it. */
static int require(loader *L, int map, const char *key, const char *path)
{
    int v = get(L, map, key);
    if (!v) {
        char sub[PATH_LEN];
        join(sub, path, key);
        err(L, map, sub, "missing (required)");
    }
    return v;
}

typedef int unit_fn(const char *text, double *out, char *msg, size_t len);

static bool read_unit(loader *L, int id, const char *path, unit_fn *fn, double *out)
{
    const char *s = scalar(L, id, path);
    if (!s) return false;
    char msg[512];
    if (fn(s, out, msg, sizeof msg) != SIM_OK) {
        err(L, id, path, "%s", msg);
        return false;
    }
    return true;
}

static bool read_duration(loader *L, int id, const char *path, double *out)
{
    return read_unit(L, id, path, cc_units_duration, out);
}

static bool read_positive_duration(loader *L, int id, const char *path, double *out)
{
    if (!read_duration(L, id, path, out)) return false;
    if (!(*out > 0)) {
        err(L, id, path, "must be > 0");
        return false;
    }
    return true;
}

static bool read_probability(loader *L, int id, const char *path, double *out)
{
    return read_unit(L, id, path, cc_units_probability, out);
}

/* A finite number in [lo, hi]. */
static bool read_number(loader *L, int id, const char *path, double lo, double hi, double *out)
{
    if (!read_unit(L, id, path, cc_units_number, out)) return false;
    if (*out < lo || *out > hi) {
        if (hi == INFINITY) err(L, id, path, "must be >= %g (got %g)", lo, *out);
        else err(L, id, path, "must be between %g and %g (got %g)", lo, hi, *out);
        return false;
    }
    return true;
}

/* Money per hour or per contact: at most a billion, so that a year's cost is finite. */
static bool read_money(loader *L, int id, const char *path, double *out)
{
    return read_number(L, id, path, 0, 1e9, out);
}

/* A whole number in [lo, hi]. */
static bool read_long(loader *L, int id, const char *path, long lo, long hi, long *out)
{
    const char *s = scalar(L, id, path);
    if (!s) return false;
    /* Digits only, read by io/units like the command line's whole numbers; a minus sign
     * is a number out of range, said with the range. */
    const char *t = s;
    while (isspace((unsigned char)*t)) t++;
    bool negative = *t == '-' && isdigit((unsigned char)t[1]);
    unsigned long long v;
    char msg[128];
    int st = cc_units_whole(negative ? t + 1 : s, (unsigned long long)LONG_MAX, &v, msg, sizeof msg);
    if (st == SIM_EINVAL || (negative && st != SIM_OK)) {
        err(L, id, path, "\"%s\": must be a whole number", s);
        return false;
    }
    if (negative && st == SIM_OK && v == 0) negative = false;   /* "-0" is 0 */
    if (st != SIM_OK || negative || (long)v < lo || (long)v > hi) {
        if (st != SIM_OK) err(L, id, path, "must be between %ld and %ld", lo, hi);
        else err(L, id, path, "must be between %ld and %ld (got %s%llu)", lo, hi, negative ? "-" : "", v);
        return false;
    }
    *out = (long)v;
    return true;
}

static bool read_bool(loader *L, int id, const char *path, bool *out)
{
    const char *s = scalar(L, id, path);
    if (!s) return false;
    static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
    for (int i = 0; i < 3; i++) {
        if (strcasecmp(s, yes[i]) == 0) { *out = true; return true; }
        if (strcasecmp(s, no[i]) == 0) { *out = false; return true; }
    }
    err(L, id, path, "\"%s\": must be true or false", s);
    return false;
}

/* Checks a name (a channel, group or bot key, a currency, an objective's name): not
 * empty, not too long, no control character but tab and new line (which move no text
 * already on the screen): names are printed in tables on a terminal, where an escape
 * sequence would rewrite the screen. Says what is wrong at node; true if fine. */
static bool name_ok(loader *L, int node, const char *path, const char *s)
{
    if (!s[0]) {
        err(L, node, path, "must not be empty");
        return false;
    }
    if (strlen(s) > NAME_LEN_MAX) {
        err(L, node, path, "longer than %d characters", NAME_LEN_MAX);
        return false;
    }
    if (cc_diag_has_control(s, "\t\n")) {
        err(L, node, path, "a name must not hold control characters other than tab and new "
                           "line (shown here as \\xNN)");
        return false;
    }
    return true;
}

/* Notes a file the scenario is read from, for what depends on its bytes (a resumed
 * study's identity). */
static void add_input(loader *L, const char *full)
{
    cc_scenario *sc = L->sc;
    sc->inputs = sim_xreallocarray(sc->inputs, sc->n_inputs + 1, sizeof *sc->inputs);
    sc->inputs[sc->n_inputs++] = sim_xstrdup(full);
}

static bool read_name(loader *L, int id, const char *path, char **out)
{
    const char *s = scalar(L, id, path);
    if (!s || !name_ok(L, id, path, s)) return false;
    *out = sim_xstrdup(s);
    return true;
}

static void resolve_path(loader *L, const char *file, char *out, size_t len)
{
    if (file[0] == '/' || !L->dir[0]) snprintf(out, len, "%s", file);
    else snprintf(out, len, "%s/%s", L->dir, file);
}

/* ---- distributions ---- */

static const char *const DIST_NAMES[] = {"exponential", "lognormal", "gamma", "erlang", "weibull",
                                         "uniform", "constant", "empirical", NULL};

static bool read_dist(loader *L, int id, const char *path, sim_dist *out)
{
    static const char *const keys[] = {"dist", "mean", "cv", "k", "shape", "scale", "min", "max",
                                       "value", "file", NULL};
    if (!check_map(L, id, path, keys)) return false;
    char sub[PATH_LEN];
    join(sub, path, "dist");
    int kind_node = require(L, id, "dist", path);
    if (!kind_node) return false;
    const char *kind = scalar(L, kind_node, sub);
    if (!kind) return false;
    int which = -1;
    for (int i = 0; DIST_NAMES[i]; i++)
        if (strcmp(kind, DIST_NAMES[i]) == 0) which = i;
    if (which < 0) {
        err(L, kind_node, sub, "\"%s\": unknown distribution (expected one of: exponential, "
            "lognormal, gamma, erlang, weibull, uniform, constant, empirical)", kind);
        return false;
    }
    /* Which keys each distribution takes; any other is an error. */
    static const char *const takes[][4] = {
        {"mean"}, {"mean", "cv"}, {"mean", "cv"}, {"k", "mean"}, {"shape", "scale"},
        {"min", "max"}, {"value"}, {"file"}};
    yaml_node_t *n = node(L, id);
    bool ok = true;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *k = cc_yamltree_scalar(L->t, p->key);
        if (!k || strcmp(k, "dist") == 0) continue;
        bool fits = false;
        for (int j = 0; j < 4 && takes[which][j]; j++)
            if (strcmp(k, takes[which][j]) == 0) fits = true;
        if (!fits) {
            join(sub, path, k);
            err(L, p->key, sub, "a %s distribution does not take %s", kind, k);
            ok = false;
        }
    }
    int need[2] = {0, 0};
    for (int j = 0; j < 2 && takes[which][j]; j++) {
        need[j] = require(L, id, takes[which][j], path);
        if (!need[j]) ok = false;
    }
    if (!ok) return false;
    char p0[PATH_LEN], p1[PATH_LEN];
    join(p0, path, takes[which][0]);
    if (takes[which][1]) join(p1, path, takes[which][1]);
    double a, b;
    long k;
    switch (which) {
    case 0:
        if (!read_positive_duration(L, need[0], p0, &a)) return false;
        *out = sim_dist_exponential(a);
        return true;
    case 1:
    case 2: {
        bool m = read_positive_duration(L, need[0], p0, &a);
        bool c = read_number(L, need[1], p1, 0, 100, &b);
        if (c && !(b > 0)) {
            err(L, need[1], p1, "must be > 0 (use dist: constant for no variation)");
            c = false;
        }
        if (!m || !c) return false;
        *out = which == 1 ? sim_dist_lognormal(a, b) : sim_dist_gamma(a, b);
        return true;
    }
    case 3: {
        bool kk = read_long(L, need[0], p0, 1, 1000, &k);
        bool m = read_positive_duration(L, need[1], p1, &a);
        if (!kk || !m) return false;
        *out = sim_dist_erlang((unsigned)k, a);
        return true;
    }
    case 4: {
        bool s = read_number(L, need[0], p0, 0, 1000, &a);
        if (s && !(a > 0)) {
            err(L, need[0], p0, "must be > 0");
            s = false;
        }
        /* cv^2 = Gamma(1 + 2/shape) / Gamma(1 + 1/shape)^2 - 1. Below a shape of about
         * 0.13 the cv passes 100, the bound of lognormal and gamma; below 0.012 GSL
         * cannot even compute it, and the mean overflows below 0.006 (an abort in
         * sim_dist_mean, called by staff and the Erlang comparison). */
        if (s && !(exp(lgamma(1 + 2 / a) - 2 * lgamma(1 + 1 / a)) - 1 <= 100.0 * 100.0)) {
            err(L, need[0], p0, "%g: the cv would be above 100 (use a shape of 0.13 or more)", a);
            s = false;
        }
        bool sc = read_positive_duration(L, need[1], p1, &b);
        if (!s || !sc) return false;
        *out = sim_dist_weibull(a, b);
        return true;
    }
    case 5: {
        bool lo = read_duration(L, need[0], p0, &a);
        bool hi = read_duration(L, need[1], p1, &b);
        if (!lo || !hi) return false;
        if (a > b) {
            err(L, need[1], p1, "must be >= min");
            return false;
        }
        *out = sim_dist_uniform(a, b);
        return true;
    }
    case 6:
        if (!read_duration(L, need[0], p0, &a)) return false;
        *out = sim_dist_constant(a);
        return true;
    default: {
        const char *file = scalar(L, need[0], p0);
        if (!file) return false;
        if (!file[0]) {
            err(L, need[0], p0, "must name a CSV file");
            return false;
        }
        char full[8192];
        resolve_path(L, file, full, sizeof full);
        double *values = NULL;
        size_t nv = 0;
        size_t before = cc_diag_count(L->d);
        add_input(L, full);
        if (cc_forecast_read_empirical(full, p0, &values, &nv, L->d) != SIM_OK) {
            if (cc_diag_count(L->d) == before) err(L, need[0], p0, "cannot read %s", full);
            else if (strstr(L->d->lines[before], "cannot open")) {
                /* Say which key named the missing file, and where. */
                err(L, need[0], p0, "cannot open the file %s", full);
            }
            return false;
        }
        cc_scenario *sc = L->sc;
        sc->owned_arrays = sim_xreallocarray(sc->owned_arrays, sc->n_owned + 1,
                                             sizeof *sc->owned_arrays);
        sc->owned_arrays[sc->n_owned++] = values;
        *out = sim_dist_empirical(values, nv);
        return true;
    }
    }
}

/* ---- top level ---- */

static void read_horizon(loader *L, int root)
{
    cc_scenario *sc = L->sc;
    int h = require(L, root, "horizon", "");
    if (!h) return;
    if (is_kind(L, h, YAML_MAPPING_NODE)) {
        static const char *const keys[] = {"start", "end", NULL};
        if (!check_map(L, h, "horizon", keys)) return;
        int s = require(L, h, "start", "horizon"), e = require(L, h, "end", "horizon");
        if (!s || !e) return;
        bool a = read_unit(L, s, "horizon.start", cc_units_clock, &sc->start_s);
        bool b = read_unit(L, e, "horizon.end", cc_units_clock, &sc->end_s);
        if (a && b && !(sc->end_s > sc->start_s)) {
            err(L, e, "horizon.end", "must be after horizon.start");
            sc->end_s = sc->start_s = 0;
        }
    } else {
        double len;
        if (read_positive_duration(L, h, "horizon", &len)) {
            sc->start_s = 0;
            sc->end_s = len;
        }
    }
    if (sc->end_s - sc->start_s > HORIZON_MAX_S) {
        err(L, h, "horizon", "longer than 366 days");
        sc->end_s = sc->start_s;
    }
}

static void read_top(loader *L, int root)
{
    cc_scenario *sc = L->sc;
    int n;
    if ((n = require(L, root, "name", ""))) {
        const char *s = scalar(L, n, "name");
        if (s) {
            if (!s[0]) err(L, n, "name", "must not be empty");
            else if (strlen(s) > 1000) err(L, n, "name", "longer than 1000 characters");
            else if (cc_diag_has_control(s, "\t\n"))
                err(L, n, "name", "must not hold control characters other than tab and new line");
            else sc->name = sim_xstrdup(s);
        }
    }
    if ((n = get(L, root, "currency"))) {
        char *c = NULL;
        if (read_name(L, n, "currency", &c)) {
            free(sc->currency);
            sc->currency = c;
        }
    }
    if ((n = get(L, root, "seed"))) {
        const char *s = scalar(L, n, "seed");
        if (s) {
            char *end = NULL;
            errno = 0;
            unsigned long long v = strtoull(s, &end, 10);
            if (!isdigit((unsigned char)s[0]) || *end || errno)
                err(L, n, "seed", "\"%s\": must be a whole number >= 0", s);
            else sc->seed = (uint64_t)v;
        }
    }
    if ((n = get(L, root, "replications")))
        read_long(L, n, "replications", 1, CC_REPLICATIONS_MAX, &sc->replications);
    read_horizon(L, root);
    double len = sc->end_s - sc->start_s;
    if ((n = get(L, root, "interval"))) {
        double iv;
        if (read_positive_duration(L, n, "interval", &iv)) sc->interval_s = iv;
    }
    if (len > 0) {
        double k = ceil(len / sc->interval_s - 1e-9);
        if (k > CC_INTERVALS_MAX) {
            err(L, n ? n : root, "interval", "the horizon would have %.0f intervals; at most %d",
                k, CC_INTERVALS_MAX);
        } else {
            sc->n_intervals = k < 1 ? 1 : (size_t)k;
        }
    }
    sc->count_from_s = sc->start_s;
    if ((n = get(L, root, "warmup"))) {
        const char *s = cc_yamltree_scalar(L->t, n);
        double w;
        bool ok;
        /* "HH:MM" is a clock time; anything else a duration from the horizon start. */
        if (s && strchr(s, ':')) {
            ok = read_unit(L, n, "warmup", cc_units_clock, &w);
            w -= sc->start_s;
            if (ok && w < 0) {
                err(L, n, "warmup", "a clock time before the horizon start");
                ok = false;
            }
        } else {
            ok = read_duration(L, n, "warmup", &w);
        }
        if (ok && len > 0 && w >= len) {
            err(L, n, "warmup", "must be shorter than the horizon (nothing would be counted)");
            ok = false;
        }
        if (ok) sc->count_from_s = sc->start_s + w;
    }
    if ((n = get(L, root, "drain"))) read_bool(L, n, "drain", &sc->drain);
}

/* ---- channels ---- */

static void read_arrivals(loader *L, int id, const char *path, cc_channel *ch)
{
    static const char *const keys[] = {"rate", "profile", "file", NULL};
    if (!check_map(L, id, path, keys)) return;
    cc_scenario *sc = L->sc;
    int rate = get(L, id, "rate"), profile = get(L, id, "profile"), file = get(L, id, "file");
    int given = (rate != 0) + (profile != 0) + (file != 0);
    if (given != 1) {
        err(L, id, path, given ? "give exactly one of rate, profile, file (not several)"
                               : "give one of rate, profile, file");
        return;
    }
    char sub[PATH_LEN];
    if (rate) {
        join(sub, path, "rate");
        double r;
        if (!read_unit(L, rate, sub, cc_units_rate, &r)) return;
        ch->arrivals_kind = CC_ARRIVALS_RATE;
        ch->segments = sim_xmalloc(sizeof *ch->segments);
        ch->segments[0] = (cc_segment){sc->start_s, r};
        ch->n_segments = 1;
    } else if (profile) {
        join(sub, path, "profile");
        if (!is_kind(L, profile, YAML_SEQUENCE_NODE)) {
            err(L, profile, sub, "must be a list of contacts per hour, one per interval");
            return;
        }
        size_t m = seq_size(L, profile);
        if (sc->n_intervals && m != sc->n_intervals) {
            err(L, profile, sub, "has %zu values; the horizon has %zu intervals", m,
                sc->n_intervals);
            return;
        }
        if (!sc->n_intervals) return; /* the horizon is already reported */
        ch->arrivals_kind = CC_ARRIVALS_PROFILE;
        ch->segments = sim_xcalloc(m, sizeof *ch->segments);
        ch->n_segments = m;
        for (size_t i = 0; i < m; i++) {
            char item[PATH_LEN];
            join_index(item, sub, i);
            int v = seq_item(L, profile, i);
            const char *s = cc_yamltree_scalar(L->t, v);
            double r = 0;
            if (s && strchr(s, '/')) {
                read_unit(L, v, item, cc_units_rate, &r);
            } else if (read_number(L, v, item, 0, CC_UNITS_RATE_MAX * 3600, &r)) {
                r /= 3600.0;
            }
            ch->segments[i] = (cc_segment){cc_scenario_interval_start(sc, i), r};
        }
    } else {
        join(sub, path, "file");
        const char *f = scalar(L, file, sub);
        if (!f) return;
        if (!sc->n_intervals) return;
        char full[8192];
        resolve_path(L, f, full, sizeof full);
        size_t before = cc_diag_count(L->d);
        add_input(L, full);
        if (cc_forecast_read(full, sub, sc->start_s, sc->end_s, &ch->segments, &ch->n_segments,
                             L->d) != SIM_OK) {
            if (cc_diag_count(L->d) == before || strstr(L->d->lines[before], "cannot open"))
                err(L, file, sub, "cannot read the forecast file %s", full);
            return;
        }
        ch->arrivals_kind = CC_ARRIVALS_FILE;
    }
}

/* A list of at most max entries (*m of them); false, with the message, otherwise. */
static bool list_of(loader *L, int id, const char *path, const char *not_a_list, size_t max,
                    const char *noun, size_t *m)
{
    if (!is_kind(L, id, YAML_SEQUENCE_NODE)) {
        err(L, id, path, "%s", not_a_list);
        return false;
    }
    *m = seq_size(L, id);
    if (*m > max) {
        err(L, id, path, "at most %zu %s", max, noun);
        return false;
    }
    return true;
}

static void read_sla(loader *L, int id, const char *path, cc_channel *ch)
{
    if (is_kind(L, id, YAML_MAPPING_NODE)) {
        err(L, id, path, "must be a list, e.g. - {within: 20s, target: 0.80}");
        return;
    }
    size_t m;
    if (!list_of(L, id, path, "must be a list of {within, target} entries", CC_SLA_MAX, "entries", &m))
        return;
    static const char *const keys[] = {"within", "target", "name", NULL};
    for (size_t i = 0; i < m; i++) {
        char item[PATH_LEN], sub[PATH_LEN];
        join_index(item, path, i);
        int e = seq_item(L, id, i);
        if (!check_map(L, e, item, keys)) continue;
        cc_sla s = {0, 0, NULL};
        int w = require(L, e, "within", item), t = require(L, e, "target", item);
        bool ok = w && t;
        join(sub, item, "within");
        if (w && !read_duration(L, w, sub, &s.within_s)) ok = false;
        join(sub, item, "target");
        if (t && !read_probability(L, t, sub, &s.target)) ok = false;
        int nm = get(L, e, "name");
        join(sub, item, "name");
        if (nm && !read_name(L, nm, sub, &s.name)) ok = false;
        for (size_t j = 0; ok && j < ch->n_sla; j++) {
            if (floor(ch->sla[j].within_s) == floor(s.within_s)) {
                join(sub, item, "within");
                err(L, w, sub, "another entry has the same threshold (%.0f s)", s.within_s);
                ok = false;
            }
        }
        if (ok) ch->sla[ch->n_sla++] = s;
        else free(s.name);
    }
}

/* segments: [{name: vip, share: 0.1, priority: 0, weight: 3}]: shares of the channel's
 * contacts that form their own waiting lines; the rest are the ordinary customers. */
static void read_segments(loader *L, int id, const char *path, cc_channel *ch)
{
    size_t m;
    if (!list_of(L, id, path, "must be a list of {name, share, priority, weight}", CC_SEGMENTS_MAX,
                 "segments", &m))
        return;
    static const char *const keys[] = {"name", "share", "priority", "weight", NULL};
    double total = 0;
    for (size_t i = 0; i < m; i++) {
        char item[PATH_LEN], sub[PATH_LEN];
        join_index(item, path, i);
        int e = seq_item(L, id, i);
        if (!check_map(L, e, item, keys)) continue;
        cc_segment_spec sg = {NULL, 0, ch->priority, ch->weight};
        int nm = require(L, e, "name", item), sh = require(L, e, "share", item), x;
        bool ok = nm && sh;
        join(sub, item, "name");
        if (nm && !read_name(L, nm, sub, &sg.name)) ok = false;
        join(sub, item, "share");
        if (sh && !read_probability(L, sh, sub, &sg.share)) ok = false;
        join(sub, item, "priority");
        if ((x = get(L, e, "priority")) && !read_number(L, x, sub, -1e6, 1e6, &sg.priority)) ok = false;
        join(sub, item, "weight");
        if ((x = get(L, e, "weight")) && read_number(L, x, sub, 0, 1e9, &sg.weight) && !(sg.weight > 0)) {
            err(L, x, sub, "must be > 0");
            ok = false;
        }
        total += sg.share;
        if (ok && total > 1 + 1e-12) {
            join(sub, item, "share");
            err(L, sh, sub, "the segments' shares add up to more than 1");
            ok = false;
        }
        if (ok) ch->customers[ch->n_customers++] = sg;
        else free(sg.name);
    }
}

/* A required probability and a required delay side by side (retrial, resolution): both
 * are read, so both are checked, whatever the first one holds. */
static bool read_chance_and_delay(loader *L, int map, const char *path, const char *p_key,
                                  double *p, const char *d_key, sim_dist *d)
{
    char sub[PATH_LEN];
    int pn = require(L, map, p_key, path), dn = require(L, map, d_key, path);
    join(sub, path, p_key);
    bool ok = pn && read_probability(L, pn, sub, p);
    join(sub, path, d_key);
    return dn && read_dist(L, dn, sub, d) && ok;
}

static void read_channel(loader *L, int id, const char *path, cc_channel *ch)
{
    static const char *const keys[] = {"mode", "exclusive", "arrivals", "handle_time", "wrap_up",
                                       "patience", "sla", "priority", "weight", "segments",
                                       "retrial", "switch", "resolution", NULL};
    ch->priority = 1;
    ch->weight = 1;
    if (!check_map(L, id, path, keys)) return;
    char sub[PATH_LEN];
    int n;
    if ((n = get(L, id, "mode"))) {
        join(sub, path, "mode");
        const char *s = scalar(L, n, sub);
        if (s && strcmp(s, "realtime") == 0) ch->mode = CC_MODE_REALTIME;
        else if (s && strcmp(s, "deferred") == 0) ch->mode = CC_MODE_DEFERRED;
        else if (s) err(L, n, sub, "\"%s\": must be realtime or deferred", s);
    }
    if ((n = get(L, id, "exclusive"))) {
        join(sub, path, "exclusive");
        read_bool(L, n, sub, &ch->exclusive);
    }
    if ((n = require(L, id, "arrivals", path))) {
        join(sub, path, "arrivals");
        read_arrivals(L, n, sub, ch);
    }
    if ((n = require(L, id, "handle_time", path))) {
        join(sub, path, "handle_time");
        read_dist(L, n, sub, &ch->handle_time);
    }
    if ((n = get(L, id, "wrap_up"))) {
        join(sub, path, "wrap_up");
        ch->has_wrap_up = read_dist(L, n, sub, &ch->wrap_up);
    }
    if ((n = get(L, id, "patience"))) {
        join(sub, path, "patience");
        if (ch->mode == CC_MODE_DEFERRED)
            err(L, n, sub, "a deferred channel never abandons: remove patience or make the "
                "channel realtime");
        else ch->has_patience = read_dist(L, n, sub, &ch->patience);
    }
    if ((n = get(L, id, "sla"))) {
        join(sub, path, "sla");
        read_sla(L, n, sub, ch);
    }
    if ((n = get(L, id, "priority"))) {
        join(sub, path, "priority");
        read_number(L, n, sub, -1e6, 1e6, &ch->priority);
    }
    if ((n = get(L, id, "weight"))) {
        join(sub, path, "weight");
        if (read_number(L, n, sub, 0, 1e9, &ch->weight) && !(ch->weight > 0))
            err(L, n, sub, "must be > 0");
    }
    if ((n = get(L, id, "segments"))) {
        join(sub, path, "segments");
        read_segments(L, n, sub, ch);
    }
    if ((n = get(L, id, "retrial"))) {
        static const char *const rkeys[] = {"probability", "delay", NULL};
        join(sub, path, "retrial");
        if (check_map(L, n, sub, rkeys)) {
            bool ok = read_chance_and_delay(L, n, sub, "probability", &ch->retrial_probability,
                                            "delay", &ch->retrial_delay);
            if (ok && ch->mode == CC_MODE_DEFERRED)
                err(L, n, sub, "a deferred channel never abandons, so it has no retrials");
            ch->has_retrial = ok && ch->mode == CC_MODE_REALTIME;
        }
    }
    if ((n = get(L, id, "switch"))) {
        static const char *const skeys[] = {"to", "probability", NULL};
        join(sub, path, "switch");
        if (check_map(L, n, sub, skeys)) {
            char s2[PATH_LEN];
            int to = require(L, n, "to", sub), p = require(L, n, "probability", sub);
            join(s2, sub, "to");
            const char *name = to ? scalar(L, to, s2) : NULL;
            bool ok = name != NULL;
            if (name) {
                int c = cc_scenario_channel(L->sc, name);
                if (c < 0) {
                    err(L, to, s2, "\"%s\": no such channel", name);
                    ok = false;
                } else {
                    ch->switch_to = (size_t)c;
                }
            }
            join(s2, sub, "probability");
            ok = p && read_probability(L, p, s2, &ch->switch_probability) && ok;
            if (ok && ch->mode == CC_MODE_DEFERRED) {
                err(L, n, sub, "a deferred channel never abandons, so nobody switches from it");
                ok = false;
            }
            if (ok && &L->sc->channels[ch->switch_to] == ch) {
                join(s2, sub, "to");
                err(L, to, s2, "a customer cannot switch to the same channel (that is a retrial)");
                ok = false;
            }
            if (ok && ch->has_retrial && ch->retrial_probability + ch->switch_probability > 1) {
                err(L, p, s2, "retrial.probability + switch.probability must not exceed 1");
                ok = false;
            }
            ch->has_switch = ok;
        }
    }
    if ((n = get(L, id, "resolution"))) {
        static const char *const rkeys[] = {"first_contact", "repeat_after", NULL};
        join(sub, path, "resolution");
        if (check_map(L, n, sub, rkeys)) {
            bool ok = read_chance_and_delay(L, n, sub, "first_contact", &ch->first_contact_resolution,
                                            "repeat_after", &ch->repeat_after);
            ch->has_resolution = ok;
        }
    }
}

/* ---- bots ---- */

/* The channel a mapping key names ({voice: 0.3}): its index, or -1 (no such channel,
 * said at the key); item gets the entry's key path. */
static int keyed_channel(loader *L, const yaml_node_pair_t *p, const char *path, char *item)
{
    const char *k = cc_yamltree_scalar(L->t, p->key);
    join(item, path, k);
    int c = cc_scenario_channel(L->sc, k);
    if (c < 0) err(L, p->key, item, "\"%s\": no such channel", k);
    return c;
}

/* Item i of a list of channel names: the channel's index, or -1 (a value that is not a
 * name, or no such channel, said at the item). item gets the item's key path and *node
 * its node, for the caller's own messages. */
static int listed_channel(loader *L, int seq, const char *path, size_t i, char *item, int *node)
{
    join_index(item, path, i);
    *node = seq_item(L, seq, i);
    const char *s = scalar(L, *node, item);
    if (!s) return -1;
    int c = cc_scenario_channel(L->sc, s);
    if (c < 0) err(L, *node, item, "\"%s\": no such channel", s);
    return c;
}

static void read_bot(loader *L, int id, const char *path, cc_bot *b, int *bot_of_channel,
                     size_t bi)
{
    static const char *const keys[] = {"channels", "containment", "handle_time",
                                       "cost_per_contact", "escalation", NULL};
    cc_scenario *sc = L->sc;
    b->serves = sim_xcalloc(sc->n_channels, sizeof *b->serves);
    b->containment = sim_xcalloc(sc->n_channels, sizeof *b->containment);
    b->escalation_factor = 1;
    if (!check_map(L, id, path, keys)) return;
    char sub[PATH_LEN];
    int n;
    if ((n = require(L, id, "channels", path))) {
        join(sub, path, "channels");
        if (!is_kind(L, n, YAML_SEQUENCE_NODE) || seq_size(L, n) == 0) {
            err(L, n, sub, "must be a non-empty list of channel names");
        } else {
            for (size_t i = 0; i < seq_size(L, n); i++) {
                char item[PATH_LEN];
                int v;
                int c = listed_channel(L, n, sub, i, item, &v);
                const char *s = c >= 0 ? sc->channels[c].name : NULL;
                if (c < 0) continue;
                else if (bot_of_channel[c] >= 0 && bot_of_channel[c] != (int)bi)
                    err(L, v, item, "channel %s already meets bot %s first", s,
                        sc->bots[bot_of_channel[c]].name);
                else {
                    b->serves[c] = true;
                    bot_of_channel[c] = (int)bi;
                }
            }
        }
    }
    if ((n = require(L, id, "containment", path))) {
        join(sub, path, "containment");
        if (is_kind(L, n, YAML_MAPPING_NODE)) {
            if (check_map(L, n, sub, NULL)) {
                yaml_node_t *m = node(L, n);
                for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
                     p++) {
                    char item[PATH_LEN];
                    const char *k = cc_yamltree_scalar(L->t, p->key);
                    int c = keyed_channel(L, p, sub, item);
                    if (c < 0) continue;
                    else if (!b->serves[c])
                        err(L, p->key, item, "the bot does not serve channel %s (add it to channels)", k);
                    else read_probability(L, p->value, item, &b->containment[c]);
                }
                for (size_t c = 0; c < sc->n_channels; c++)
                    if (b->serves[c] && !get(L, n, sc->channels[c].name))
                        err(L, n, sub, "no containment for channel %s", sc->channels[c].name);
            }
        } else {
            double p;
            if (read_probability(L, n, sub, &p))
                for (size_t c = 0; c < sc->n_channels; c++) b->containment[c] = p;
        }
    }
    if ((n = require(L, id, "handle_time", path))) {
        join(sub, path, "handle_time");
        read_dist(L, n, sub, &b->handle_time);
    }
    if ((n = get(L, id, "cost_per_contact"))) {
        join(sub, path, "cost_per_contact");
        read_money(L, n, sub, &b->cost_per_contact);
    }
    if ((n = get(L, id, "escalation"))) {
        static const char *const ekeys[] = {"handle_time_factor", NULL};
        join(sub, path, "escalation");
        if (check_map(L, n, sub, ekeys)) {
            int f = get(L, n, "handle_time_factor");
            char s2[PATH_LEN];
            join(s2, sub, "handle_time_factor");
            if (f && read_number(L, f, s2, 0, 100, &b->escalation_factor) && !(b->escalation_factor > 0)) {
                err(L, f, s2, "must be > 0");
            }
        }
    }
}

/* ---- agent groups ---- */

static void read_plan_bounds(loader *L, int id, const char *path, cc_group *g);
static void read_patterns(loader *L, int id, const char *path, cc_group *g);
static void read_shrinkage(loader *L, int id, const char *path, cc_group *g);
static bool read_shift_breaks(loader *L, int id, const char *path, cc_shift *sh);

/* A duration as the file would write it: 45m, 9h, 1.5h, 90s. */
static void say_duration(double s, char *buf, size_t len)
{
    if (s >= 3600 && fmod(s, 900) == 0) snprintf(buf, len, "%gh", s / 3600);
    else if (s >= 60 && fmod(s, 60) == 0) snprintf(buf, len, "%gm", s / 60);
    else snprintf(buf, len, "%gs", s);
}

static void read_staff(loader *L, int id, int group_node, const char *path, cc_group *g)
{
    cc_scenario *sc = L->sc;
    char sub[PATH_LEN];
    int staff = get(L, id, "staff"), shifts = get(L, id, "shifts");
    (void)group_node;
    if (!staff && !shifts && get(L, id, "shift_patterns")) {
        /* Patterns only: no agents until `ccsim schedule` writes a roster. */
        g->staff_kind = CC_STAFF_CONSTANT;
        return;
    }
    if ((staff != 0) == (shifts != 0)) {
        err(L, id, path, staff ? "give staff or shifts, not both" : "give staff (a head count "
            "or a list per interval) or shifts");
        return;
    }
    if (staff) {
        join(sub, path, "staff");
        if (is_kind(L, staff, YAML_SEQUENCE_NODE)) {
            size_t m = seq_size(L, staff);
            if (sc->n_intervals && m != sc->n_intervals) {
                err(L, staff, sub, "has %zu values; the horizon has %zu intervals", m,
                    sc->n_intervals);
                return;
            }
            g->staff_kind = CC_STAFF_LIST;
            g->staff_per_interval = sim_xcalloc(m ? m : 1, sizeof *g->staff_per_interval);
            bool ok = true;
            for (size_t i = 0; i < m; i++) {
                char item[PATH_LEN];
                join_index(item, sub, i);
                if (!read_long(L, seq_item(L, staff, i), item, 0, CC_AGENTS_MAX,
                               &g->staff_per_interval[i])) ok = false;
                else if (g->staff_per_interval[i] > g->max_staff) g->max_staff = g->staff_per_interval[i];
            }
            (void)ok;
        } else {
            g->staff_kind = CC_STAFF_CONSTANT;
            if (read_long(L, staff, sub, 0, CC_AGENTS_MAX, &g->staff)) g->max_staff = g->staff;
        }
        return;
    }
    join(sub, path, "shifts");
    if (!is_kind(L, shifts, YAML_SEQUENCE_NODE) || seq_size(L, shifts) == 0) {
        err(L, shifts, sub, "must be a non-empty list of {start, end, count}");
        return;
    }
    size_t m = seq_size(L, shifts);
    if (m > 10000) {
        err(L, shifts, sub, "more than 10000 shifts");
        return;
    }
    g->staff_kind = CC_STAFF_SHIFTS;
    g->shifts = sim_xcalloc(m, sizeof *g->shifts);
    static const char *const keys[] = {"start", "end", "count", "breaks", "cost_per_hour", NULL};
    bool ok = true;
    for (size_t i = 0; i < m; i++) {
        char item[PATH_LEN], s2[PATH_LEN];
        join_index(item, sub, i);
        int e = seq_item(L, shifts, i);
        if (!check_map(L, e, item, keys)) { ok = false; continue; }
        cc_shift s = {.cost_per_hour = NAN};
        int a = require(L, e, "start", item), b = require(L, e, "end", item),
            c = require(L, e, "count", item);
        if (!a || !b || !c) { ok = false; continue; }
        join(s2, item, "start");
        bool good = read_unit(L, a, s2, cc_units_clock, &s.start_s);
        join(s2, item, "end");
        good = read_unit(L, b, s2, cc_units_clock, &s.end_s) && good;
        join(s2, item, "count");
        good = read_long(L, c, s2, 0, CC_AGENTS_MAX, &s.count) && good;
        if (good && !(s.end_s > s.start_s)) {
            join(s2, item, "end");
            err(L, b, s2, "must be after start");
            good = false;
        }
        if (good && sc->end_s > sc->start_s && (s.start_s < sc->start_s || s.end_s > sc->end_s)) {
            err(L, e, item, "the shift must lie inside the horizon (it runs %02d:%02d-%02d:%02d)",
                (int)(s.start_s / 3600), (int)fmod(s.start_s / 60, 60), (int)(s.end_s / 3600),
                (int)fmod(s.end_s / 60, 60));
            good = false;
        }
        int n;
        if (good && (n = get(L, e, "breaks"))) good = read_shift_breaks(L, n, item, &s);
        if ((n = get(L, e, "cost_per_hour"))) {
            join(s2, item, "cost_per_hour");
            good = read_money(L, n, s2, &s.cost_per_hour) && good;
        }
        if (good) g->shifts[g->n_shifts++] = s;
        else ok = false;
    }
    if (ok) {
        for (size_t i = 0; i < g->n_shifts; i++) {
            long on = cc_scenario_staff_at(sc, (size_t)(g - sc->groups), g->shifts[i].start_s);
            if (on > g->max_staff) g->max_staff = on;
        }

    }
}


static void read_group(loader *L, int id, const char *path, cc_group *g)
{
    static const char *const keys[] = {"staff", "shifts", "skills", "concurrency", "slowdown",
                                       "cost_per_hour", "cost_per_contact", "staffing",
                                       "shift_patterns", "absenteeism", "shrinkage", NULL};
    cc_scenario *sc = L->sc;
    size_t nc = sc->n_channels;
    g->skill = sim_xcalloc(nc ? nc : 1, sizeof *g->skill);
    g->factor = sim_xcalloc(nc ? nc : 1, sizeof *g->factor);
    g->concurrency = sim_xcalloc(nc ? nc : 1, sizeof *g->concurrency);
    for (size_t c = 0; c < nc; c++) {
        g->factor[c] = 1;
        g->concurrency[c] = 1;
    }
    g->concurrency_total = 1;
    g->plan_max = -1;
    if (!check_map(L, id, path, keys)) return;
    read_staff(L, id, id, path, g);
    char sub[PATH_LEN];
    int n;
    if ((n = require(L, id, "skills", path))) {
        join(sub, path, "skills");
        if (is_kind(L, n, YAML_SEQUENCE_NODE)) {
            for (size_t i = 0; i < seq_size(L, n); i++) {
                char item[PATH_LEN];
                int v;
                int c = listed_channel(L, n, sub, i, item, &v);
                const char *s = c >= 0 ? sc->channels[c].name : NULL;
                if (c < 0) continue;
                else if (g->skill[c]) err(L, v, item, "channel %s is listed twice", s);
                else g->skill[c] = true;
            }
        } else if (is_kind(L, n, YAML_MAPPING_NODE)) {
            if (check_map(L, n, sub, NULL)) {
                yaml_node_t *m = node(L, n);
                for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
                     p++) {
                    char item[PATH_LEN];
                    int c = keyed_channel(L, p, sub, item);
                    if (c < 0) continue;
                    double f;
                    if (read_number(L, p->value, item, 0, 100, &f)) {
                        if (!(f > 0)) err(L, p->value, item, "a handle-time factor must be > 0");
                        else {
                            g->skill[c] = true;
                            g->factor[c] = f;
                        }
                    }
                }
            }
        } else {
            err(L, n, sub, "must be a list of channels or a mapping channel: handle-time factor");
        }
        bool any = false;
        for (size_t c = 0; c < nc; c++) any = any || g->skill[c];
        if (!any && seq_size(L, n) + map_size(L, n) == 0) err(L, n, sub, "must name at least one channel");
    }
    if ((n = get(L, id, "concurrency"))) {
        join(sub, path, "concurrency");
        if (check_map(L, n, sub, NULL)) {
            yaml_node_t *m = node(L, n);
            long most = 1;
            int total_node = 0;
            for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
                const char *k = cc_yamltree_scalar(L->t, p->key);
                char item[PATH_LEN];
                join(item, sub, k);
                long v;
                if (strcmp(k, "total") == 0) {
                    total_node = p->value;
                    if (read_long(L, p->value, item, 1, CC_CONCURRENCY_MAX, &v)) g->concurrency_total = v;
                    continue;
                }
                int c = cc_scenario_channel(sc, k);
                if (c < 0) {
                    err(L, p->key, item, "\"%s\": no such channel (or total)", k);
                    continue;
                }
                if (!read_long(L, p->value, item, 1, CC_CONCURRENCY_MAX, &v)) continue;
                /* A limit for a channel the group does not serve changes nothing; it is
                 * allowed (SCENARIO.md's own example has one: sms on a group without
                 * the skill), so a group's skills can change without touching it. */
                if (!g->skill[c]) continue;
                if (sc->channels[c].exclusive && v > 1) {
                    err(L, p->value, item, "channel %s is exclusive: an agent holds at most one", k);
                    continue;
                }
                g->concurrency[c] = v;
                if (v > most) most = v;
            }
            /* Without a total, an agent may fill its largest per-channel limit. */
            if (!total_node) g->concurrency_total = most;
            for (size_t c = 0; c < nc; c++) {
                if (g->skill[c] && g->concurrency[c] > g->concurrency_total) {
                    char item[PATH_LEN];
                    join(item, sub, sc->channels[c].name);
                    err(L, get(L, n, sc->channels[c].name), item,
                        "%ld is above concurrency.total (%ld)", g->concurrency[c], g->concurrency_total);
                }
            }
        }
    }
    if ((n = get(L, id, "slowdown"))) {
        join(sub, path, "slowdown");
        read_number(L, n, sub, 0, 10, &g->slowdown);
    }
    if ((n = get(L, id, "cost_per_hour"))) {
        join(sub, path, "cost_per_hour");
        read_money(L, n, sub, &g->cost_per_hour);
    }
    if ((n = get(L, id, "cost_per_contact"))) {
        join(sub, path, "cost_per_contact");
        read_money(L, n, sub, &g->cost_per_contact);
    }
    if ((n = get(L, id, "staffing"))) read_plan_bounds(L, n, path, g);
    if ((n = get(L, id, "shift_patterns"))) read_patterns(L, n, path, g);
    if ((n = get(L, id, "absenteeism"))) {
        join(sub, path, "absenteeism");
        if (read_probability(L, n, sub, &g->absenteeism) && g->absenteeism >= 1)
            err(L, n, sub, "must be below 1 (nobody would come)");
    }
    g->shrinkage_mean_s = 15 * 60;
    if ((n = get(L, id, "shrinkage"))) read_shrinkage(L, n, path, g);
}

/* shrinkage: 0.10, or {share: 0.10, mean: 15m}: the share of on-shift time lost to
 * short absences and their mean length. */
static void read_shrinkage(loader *L, int id, const char *path, cc_group *g)
{
    static const char *const keys[] = {"share", "mean", NULL};
    char sub[PATH_LEN], item[PATH_LEN];
    join(sub, path, "shrinkage");
    int share = id;
    if (is_kind(L, id, YAML_MAPPING_NODE)) {
        if (!check_map(L, id, sub, keys)) return;
        share = require(L, id, "share", sub);
        int mean = get(L, id, "mean");
        if (mean) {
            join(item, sub, "mean");
            read_positive_duration(L, mean, item, &g->shrinkage_mean_s);
        }
        if (!share) return;
        join(sub, sub, "share");
    }
    if (read_probability(L, share, sub, &g->shrinkage) && g->shrinkage >= 1)
        err(L, share, sub, "must be below 1 (nobody would ever be available)");
}

/* "A-B" or "A": a window of two values read by fn (clock times or durations), A <= B. */
static bool read_window(loader *L, int id, const char *path, unit_fn *fn, double *lo, double *hi)
{
    const char *text = scalar(L, id, path);
    if (!text) return false;
    char buf[128], msg[512];
    if (strlen(text) >= sizeof buf) {
        err(L, id, path, "too long for a window (A-B)");
        return false;
    }
    strcpy(buf, text);
    char *dash = strchr(buf + 1, '-');
    if (dash) *dash = '\0';
    if (fn(buf, lo, msg, sizeof msg) != SIM_OK ||
        (dash && fn(dash + 1, hi, msg, sizeof msg) != SIM_OK)) {
        err(L, id, path, "%s (a window is A-B, or one value)", msg);
        return false;
    }
    if (!dash) *hi = *lo;
    if (*hi < *lo) {
        err(L, id, path, "\"%s\": the window ends before it starts", text);
        return false;
    }
    return true;
}

/* A fixed shift's breaks: [{at: clock, length, paid}], inside the shift, in time order,
 * not overlapping. */
static bool read_shift_breaks(loader *L, int id, const char *path, cc_shift *sh)
{
    static const char *const keys[] = {"at", "length", "paid", NULL};
    char sub[PATH_LEN];
    join(sub, path, "breaks");
    if (!is_kind(L, id, YAML_SEQUENCE_NODE)) {
        err(L, id, sub, "must be a list of {at, length}");
        return false;
    }
    size_t m = seq_size(L, id);
    if (m > CC_BREAKS_MAX) {
        err(L, id, sub, "at most %d breaks a shift", CC_BREAKS_MAX);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < m; i++) {
        char item[PATH_LEN], s2[PATH_LEN];
        join_index(item, sub, i);
        int e = seq_item(L, id, i);
        if (!check_map(L, e, item, keys)) { ok = false; continue; }
        cc_break b = {.paid = true};
        int at = require(L, e, "at", item), len = require(L, e, "length", item), n;
        if (!at || !len) { ok = false; continue; }
        join(s2, item, "at");
        bool good = read_unit(L, at, s2, cc_units_clock, &b.at_s);
        join(s2, item, "length");
        good = read_positive_duration(L, len, s2, &b.length_s) && good;
        if ((n = get(L, e, "paid"))) {
            join(s2, item, "paid");
            good = read_bool(L, n, s2, &b.paid) && good;
        }
        b.latest_s = b.at_s;
        if (good && (b.at_s < sh->start_s || b.at_s + b.length_s > sh->end_s)) {
            err(L, e, item, "the break must lie inside its shift");
            good = false;
        }
        if (good && sh->n_breaks > 0) {
            const cc_break *last = &sh->breaks[sh->n_breaks - 1];
            if (b.at_s < last->at_s + last->length_s) {
                join(s2, item, "at");
                err(L, at, s2, "starts before the break before it ends (list breaks in time order)");
                good = false;
            }
        }
        if (good) sh->breaks[sh->n_breaks++] = b;
        else ok = false;
    }
    return ok;
}

/* shift_patterns: [{start: "06:00-12:00", every, length, breaks: [{length, after: 4h-5h,
 * paid}], cost_per_hour, min, max}]. */
static void read_patterns(loader *L, int id, const char *path, cc_group *g)
{
    static const char *const keys[] = {"start", "every", "length", "breaks", "cost_per_hour",
                                       "min", "max", NULL};
    static const char *const break_keys[] = {"length", "after", "paid", NULL};
    cc_scenario *sc = L->sc;
    char sub[PATH_LEN];
    join(sub, path, "shift_patterns");
    if (!is_kind(L, id, YAML_SEQUENCE_NODE) || seq_size(L, id) == 0) {
        err(L, id, sub, "must be a non-empty list of {start, length, ...}");
        return;
    }
    size_t m = seq_size(L, id);
    if (m > 1000) {
        err(L, id, sub, "more than 1000 patterns");
        return;
    }
    g->patterns = sim_xcalloc(m, sizeof *g->patterns);
    for (size_t i = 0; i < m; i++) {
        char item[PATH_LEN], s2[PATH_LEN];
        join_index(item, sub, i);
        int e = seq_item(L, id, i);
        if (!check_map(L, e, item, keys)) continue;
        cc_shift_pattern p = {.cost_per_hour = NAN, .max = -1, .every_s = sc->interval_s};
        int start = require(L, e, "start", item), length = require(L, e, "length", item), n;
        if (!start || !length) continue;
        join(s2, item, "start");
        bool good = read_window(L, start, s2, cc_units_clock, &p.first_start_s, &p.last_start_s);
        join(s2, item, "length");
        good = read_positive_duration(L, length, s2, &p.length_s) && good;
        if ((n = get(L, e, "every"))) {
            join(s2, item, "every");
            good = read_positive_duration(L, n, s2, &p.every_s) && good;
        }
        if ((n = get(L, e, "cost_per_hour"))) {
            join(s2, item, "cost_per_hour");
            good = read_money(L, n, s2, &p.cost_per_hour) && good;
        }
        int lo = get(L, e, "min"), hi = get(L, e, "max");
        if (lo) {
            join(s2, item, "min");
            good = read_long(L, lo, s2, 0, CC_AGENTS_MAX, &p.min) && good;
        }
        if (hi) {
            join(s2, item, "max");
            good = read_long(L, hi, s2, 0, CC_AGENTS_MAX, &p.max) && good;
            if (good && p.max < p.min) {
                err(L, hi, s2, "%ld is below min (%ld)", p.max, p.min);
                good = false;
            }
        }
        if (good && sc->end_s > sc->start_s) {
            join(s2, item, "start");
            if (p.first_start_s < sc->start_s || p.first_start_s >= sc->end_s) {
                err(L, start, s2, "the first start must lie inside the horizon");
                good = false;
            } else if (p.first_start_s + p.length_s > sc->end_s + 1e-9) {
                char a[16], b[16];
                cc_units_format_clock(p.first_start_s, a, sizeof a);
                cc_units_format_clock(sc->end_s, b, sizeof b);
                err(L, length, item, "a shift starting at %s cannot fit its length before the "
                    "horizon ends at %s", a, b);
                good = false;
            } else if (p.last_start_s + p.length_s > sc->end_s) {
                /* Starts that would run past the horizon are not offered. */
                p.last_start_s = p.first_start_s +
                                 floor((sc->end_s - p.length_s - p.first_start_s) / p.every_s + 1e-9) * p.every_s;
            }
        }
        int breaks = get(L, e, "breaks");
        if (breaks) {
            join(s2, item, "breaks");
            if (!is_kind(L, breaks, YAML_SEQUENCE_NODE) || seq_size(L, breaks) > CC_BREAKS_MAX) {
                err(L, breaks, s2, "must be a list of at most %d {length, after}", CC_BREAKS_MAX);
                good = false;
            } else {
                for (size_t k = 0; k < seq_size(L, breaks); k++) {
                    char bi[PATH_LEN], s3[PATH_LEN];
                    join_index(bi, s2, k);
                    int be = seq_item(L, breaks, k);
                    if (!check_map(L, be, bi, break_keys)) { good = false; continue; }
                    cc_break b = {.paid = true};
                    int bl = require(L, be, "length", bi), ba = require(L, be, "after", bi), bp;
                    if (!bl || !ba) { good = false; continue; }
                    join(s3, bi, "length");
                    bool bg = read_positive_duration(L, bl, s3, &b.length_s);
                    join(s3, bi, "after");
                    bg = read_window(L, ba, s3, cc_units_duration, &b.at_s, &b.latest_s) && bg;
                    if ((bp = get(L, be, "paid"))) {
                        join(s3, bi, "paid");
                        bg = read_bool(L, bp, s3, &b.paid) && bg;
                    }
                    if (bg && good && b.latest_s + b.length_s > p.length_s) {
                        char a[32], c[32], d[32];
                        say_duration(b.length_s, a, sizeof a);
                        say_duration(p.length_s, c, sizeof c);
                        say_duration(b.latest_s, d, sizeof d);
                        if (b.length_s >= p.length_s)
                            err(L, be, bi, "a %s break is longer than its %s shift", a, c);
                        else
                            err(L, be, bi, "a %s break starting as late as %s after the start "
                                "does not fit in a %s shift", a, d, c);
                        bg = false;
                    }
                    if (bg && p.n_breaks > 0) {
                        const cc_break *last = &p.breaks[p.n_breaks - 1];
                        if (b.at_s < last->latest_s + last->length_s) {
                            err(L, ba, s3, "may start before the break before it ends (list "
                                "breaks in time order, windows apart)");
                            bg = false;
                        }
                    }
                    if (bg) p.breaks[p.n_breaks++] = b;
                    else good = false;
                }
            }
        }
        if (good) g->patterns[g->n_patterns++] = p;
    }
}

/* staffing: {min, max, fixed}: what `ccsim staff` may do with the group. A contract
 * that guarantees an outsourcer 5 agents, a room with 40 seats, a team whose rota is
 * already signed. */
static void read_plan_bounds(loader *L, int id, const char *path, cc_group *g)
{
    static const char *const keys[] = {"min", "max", "fixed", NULL};
    char sub[PATH_LEN], item[PATH_LEN];
    join(sub, path, "staffing");
    if (!check_map(L, id, sub, keys)) return;
    int lo = get(L, id, "min"), hi = get(L, id, "max"), fixed = get(L, id, "fixed");
    bool ok = true;
    if (lo) {
        join(item, sub, "min");
        ok = read_long(L, lo, item, 0, CC_AGENTS_MAX, &g->plan_min) && ok;
    }
    if (hi) {
        join(item, sub, "max");
        ok = read_long(L, hi, item, 0, CC_AGENTS_MAX, &g->plan_max) && ok;
    }
    if (fixed) {
        join(item, sub, "fixed");
        ok = read_bool(L, fixed, item, &g->plan_fixed) && ok;
    }
    if (ok && hi && g->plan_max < g->plan_min) {
        join(item, sub, "max");
        err(L, hi, item, "%ld is below staffing.min (%ld)", g->plan_max, g->plan_min);
    }
    if (ok && g->plan_fixed && (lo || hi)) {
        join(item, sub, "fixed");
        err(L, fixed, item, "a fixed group keeps the head counts given; min and max would "
            "change nothing (give fixed, or min and max)");
    }
}

/* ---- routing ---- */

static void read_routing(loader *L, int id)
{
    static const char *const keys[] = {"policy", "library", "agent_selection", "overflow", NULL};
    cc_scenario *sc = L->sc;
    if (!check_map(L, id, "routing", keys)) return;
    int n;
    const char *policy = "fcfs", *library = NULL;
    int policy_node = get(L, id, "policy"), library_node = get(L, id, "library");
    if (policy_node) {
        const char *s = scalar(L, policy_node, "routing.policy");
        if (s) {
            if (strcmp(s, "plugin") != 0 && !cc_routing_builtin(s)) {
                char list[256] = "";
                for (const char *const *n2 = cc_routing_names(); *n2; n2++) {
                    strncat(list, *n2, sizeof list - strlen(list) - 1);
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
                }
                err(L, policy_node, "routing.policy", "\"%s\": unknown policy (expected one of: "
                    "%splugin)", s, list);
                s = NULL;
            }
            policy = s;
        }
    }
    char full[8192];
    if (library_node) {
        const char *s = scalar(L, library_node, "routing.library");
        if (s && policy && strcmp(policy, "plugin") != 0) {
            err(L, library_node, "routing.library", "only with policy: plugin");
        } else if (s) {
            /* A relative path is relative to the scenario's folder, like every file. */
            if (strchr(s, '/')) resolve_path(L, s, full, sizeof full);
            else snprintf(full, sizeof full, "%s", s);
            library = full;
        }
    } else if (policy && strcmp(policy, "plugin") == 0) {
        err(L, policy_node, "routing.library", "missing: policy plugin needs the shared object "
            "to load");
        policy = NULL;
    }
    if (policy && strcmp(policy, "plugin") == 0 && library) {
        /* Loading a library runs its code (constructors), so reading a scenario never
         * does: the plugin is opened only to run (cc_routing_load). A file named by a
         * path must at least be there. */
        cc_routing_close(&sc->routing);
        cc_routing_defer(&sc->routing, library);
        if (strchr(library, '/')) add_input(L, library);
        if (strchr(library, '/') && access(library, R_OK) != 0)
            err(L, library_node, "routing.library", "cannot load %s: %s", library, strerror(errno));
    } else if (policy && strcmp(policy, "plugin") != 0) {
        char msg[1024];
        cc_routing_close(&sc->routing);
        if (cc_routing_open(&sc->routing, policy, NULL, msg, sizeof msg) != SIM_OK)
            err(L, policy_node, "routing.policy", "%s", msg);
    }
    if ((n = get(L, id, "agent_selection"))) {
        const char *s = scalar(L, n, "routing.agent_selection");
        if (s && strcmp(s, "longest-idle") == 0) sc->selection = CC_SELECT_LONGEST_IDLE;
        else if (s && strcmp(s, "least-loaded") == 0) sc->selection = CC_SELECT_LEAST_LOADED;
        else if (s && strcmp(s, "most-loaded") == 0) sc->selection = CC_SELECT_MOST_LOADED;
        else if (s) err(L, n, "routing.agent_selection", "\"%s\": unknown rule (expected one of: "
                        "longest-idle, least-loaded, most-loaded)", s);
    }
    if ((n = get(L, id, "overflow"))) {
        if (!is_kind(L, n, YAML_SEQUENCE_NODE)) {
            err(L, n, "routing.overflow", "must be a list of {channel, group, after}");
            return;
        }
        size_t m = seq_size(L, n);
        sc->overflow = sim_xcalloc(m ? m : 1, sizeof *sc->overflow);
        static const char *const okeys[] = {"channel", "group", "after", NULL};
        bool ok = true;
        for (size_t i = 0; i < m; i++) {
            char item[PATH_LEN], sub[PATH_LEN];
            join_index(item, "routing.overflow", i);
            int e = seq_item(L, n, i);
            if (!check_map(L, e, item, okeys)) { ok = false; continue; }
            int c = require(L, e, "channel", item), g = require(L, e, "group", item),
                a = require(L, e, "after", item);
            if (!c || !g || !a) { ok = false; continue; }
            cc_overflow o = {0, 0, 0};
            bool good = true;
            join(sub, item, "channel");
            const char *cs = scalar(L, c, sub);
            int ci = cs ? cc_scenario_channel(sc, cs) : -1;
            if (cs && ci < 0) err(L, c, sub, "\"%s\": no such channel", cs);
            if (ci < 0) good = false;
            join(sub, item, "group");
            const char *gs = scalar(L, g, sub);
            int gi = -1;
            for (size_t k = 0; gs && k < sc->n_groups; k++)
                if (sc->groups[k].name && strcmp(sc->groups[k].name, gs) == 0) gi = (int)k;
            if (gs && gi < 0) err(L, g, sub, "\"%s\": no such agent group", gs);
            if (gi < 0) good = false;
            if (good && !sc->groups[gi].skill[ci]) {
                err(L, g, sub, "group %s has no skill %s", gs, cs);
                good = false;
            }
            join(sub, item, "after");
            good = read_duration(L, a, sub, &o.after_s) && good;
            if (good) {
                o.channel = (size_t)ci;
                o.group = (size_t)gi;
                sc->overflow[sc->n_overflow++] = o;
            } else ok = false;
        }
        (void)ok;
    }
}

/* ---- the whole file ---- */

/* True when the law always gives 0 (a non-negative law with mean 0). */
static bool always_zero(const sim_dist *d)
{
    return sim_dist_mean(d) == 0;
}

/* Loops that never let the clock move. A contact whose patience is always 0 abandons at
 * once whenever no agent is free; if it then comes back at once with probability 1 (a
 * retrial with no delay, or a switch to a channel that does the same), it loops at that
 * instant until an agent frees up, which never comes because time stands still. So does
 * a contact whose service and wrap-up take no time and which always repeats at once.
 * Such a scenario is refused here, at its channel, rather than run forever. */
static void check_zero_time_loops(loader *L, int chans)
{
    const cc_scenario *sc = L->sc;
    bool trapped[CC_CHANNELS_MAX] = {false};
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        double back = 0;
        if (ch->has_retrial && always_zero(&ch->retrial_delay)) back += ch->retrial_probability;
        else if (ch->has_retrial && ch->retrial_probability > 0) continue;
        if (ch->has_switch) back += ch->switch_probability;
        trapped[c] = ch->has_patience && always_zero(&ch->patience) && back >= 1 - 1e-12;
    }
    /* A channel escapes when its switches lead to one that lets time move. */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t c = 0; c < sc->n_channels; c++) {
            const cc_channel *ch = &sc->channels[c];
            if (trapped[c] && ch->has_switch && ch->switch_probability > 0 && !trapped[ch->switch_to]) {
                trapped[c] = false;
                changed = true;
            }
        }
    }
    yaml_node_pair_t *p = node(L, chans)->data.mapping.pairs.start;
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        char path[PATH_LEN];
        join(path, "channels", ch->name);
        if (trapped[c])
            err(L, p[c].key, path, "contacts would loop forever in zero time: patience is always "
                "0 s and every abandoned contact comes back at once (%s%s%s); give a patience, a "
                "retrial delay or a probability below 1",
                ch->has_retrial ? "a retrial with no delay" : "",
                ch->has_retrial && ch->has_switch ? " or " : "",
                ch->has_switch ? "a switch to a channel that does the same" : "");
        bool repeats_at_once = ch->has_resolution && ch->first_contact_resolution == 0 &&
                               always_zero(&ch->repeat_after) && always_zero(&ch->handle_time) &&
                               (!ch->has_wrap_up || always_zero(&ch->wrap_up));
        if (repeats_at_once)
            err(L, p[c].key, path, "contacts would loop forever in zero time: service takes 0 s and "
                "every contact repeats at once (first_contact 0, repeat_after 0 s); give a handle "
                "time, a repeat delay or a first-contact resolution above 0");
    }
}

/* The entries of a top-level section (channels, agents, bots): at least one if
 * need_one, at most max (more is an error and reads as none, so nothing is allocated
 * for an absurd file). */
static size_t section_size(loader *L, int map, const char *path, const char *what, size_t max,
                           bool need_one)
{
    size_t m = map_size(L, map);
    if (m == 0 && need_one) err(L, map, path, "at least one %s is needed", what);
    if (m > max) {
        err(L, map, path, "more than %zu %ss", max, strcmp(what, "agent group") == 0 ? "group" : what);
        m = 0;
    }
    return m;
}

static void read_scenario(loader *L)
{
    static const char *const keys[] = {"name", "currency", "seed", "replications", "horizon",
                                       "warmup", "interval", "drain", "channels", "bots",
                                       "agents", "routing", NULL};
    cc_scenario *sc = L->sc;
    int root = cc_yamltree_root(L->t);
    if (!check_map(L, root, "", keys)) {
        if (!is_kind(L, root, YAML_MAPPING_NODE)) return;
    }
    read_top(L, root);

    int chans = require(L, root, "channels", "");
    if (chans && check_map(L, chans, "channels", NULL)) {
        size_t m = section_size(L, chans, "channels", "channel", CC_CHANNELS_MAX, true);
        sc->channels = sim_xcalloc(m ? m : 1, sizeof *sc->channels);
        yaml_node_pair_t *p = node(L, chans)->data.mapping.pairs.start;
        for (size_t i = 0; i < m; i++) {
            char path[PATH_LEN];
            const char *k = cc_yamltree_scalar(L->t, p[i].key);
            join(path, "channels", k);
            name_ok(L, p[i].key, path, k);
            sc->channels[i].name = sim_xstrdup(k);
        }
        sc->n_channels = m;
        for (size_t i = 0; i < m; i++) {
            char path[PATH_LEN];
            join(path, "channels", sc->channels[i].name);
            read_channel(L, p[i].value, path, &sc->channels[i]);
        }
    }

    if (chans && sc->n_channels && cc_diag_count(L->d) == L->errors_before)
        check_zero_time_loops(L, chans);

    int agents = require(L, root, "agents", "");
    if (agents && check_map(L, agents, "agents", NULL)) {
        size_t m = section_size(L, agents, "agents", "agent group", CC_GROUPS_MAX, true);
        sc->groups = sim_xcalloc(m ? m : 1, sizeof *sc->groups);
        yaml_node_pair_t *p = node(L, agents)->data.mapping.pairs.start;
        long total = 0;
        for (size_t i = 0; i < m; i++) {
            char path[PATH_LEN];
            const char *k = cc_yamltree_scalar(L->t, p[i].key);
            join(path, "agents", k);
            name_ok(L, p[i].key, path, k);
            sc->groups[i].name = sim_xstrdup(k);
            sc->n_groups = i + 1;
            read_group(L, p[i].value, path, &sc->groups[i]);
            total += sc->groups[i].max_staff;
            if (total > CC_AGENTS_MAX) {
                err(L, p[i].value, path, "more than %d agents in all", CC_AGENTS_MAX);
                total = 0;
            }
        }
        sc->n_groups = m;
        /* Every channel needs someone who can answer it. */
        for (size_t c = 0; c < sc->n_channels && m; c++) {
            bool served = false;
            for (size_t g = 0; g < m; g++) served = served || sc->groups[g].skill[c];
            if (!served) {
                char path[PATH_LEN];
                join(path, "channels", sc->channels[c].name);
                err(L, node(L, chans)->data.mapping.pairs.start[c].key, path,
                    "no agent group has this skill: its contacts would wait forever");
            }
        }
    }

    int bots = get(L, root, "bots");
    if (bots && check_map(L, bots, "bots", NULL)) {
        size_t m = section_size(L, bots, "bots", "bot", CC_BOTS_MAX, false);
        sc->bots = sim_xcalloc(m ? m : 1, sizeof *sc->bots);
        int bot_of_channel[CC_CHANNELS_MAX];
        for (size_t c = 0; c < CC_CHANNELS_MAX; c++) bot_of_channel[c] = -1;
        yaml_node_pair_t *p = node(L, bots)->data.mapping.pairs.start;
        for (size_t i = 0; i < m; i++) {
            char path[PATH_LEN];
            const char *k = cc_yamltree_scalar(L->t, p[i].key);
            join(path, "bots", k);
            name_ok(L, p[i].key, path, k);
            sc->bots[i].name = sim_xstrdup(k);
            sc->n_bots = i + 1;
            read_bot(L, p[i].value, path, &sc->bots[i], bot_of_channel, i);
        }

    }

    int routing = get(L, root, "routing");
    if (routing) read_routing(L, routing);
}

/* One --set. Arrivals take exactly one of rate, profile and file, so an override
 * channels.C.arrivals.FORM=VALUE replaces the channel's other form when the file has
 * one: --set channels.voice.arrivals.rate=150/h turns a profile into a constant rate, as
 * a manager means it, instead of being refused as "several". */
void cc_scenario_apply_set(cc_yamltree *t, const char *assignment, cc_diag *diag)
{
    static const char *const forms[] = {"rate", "profile", "file"};
    char key[PATH_LEN];
    const char *eq = strchr(assignment, '=');
    if (eq && (size_t)(eq - assignment) < sizeof key && strcmp(eq + 1, "null") != 0) {
        snprintf(key, sizeof key, "%.*s", (int)(eq - assignment), assignment);
        /* channels . C . arrivals . FORM, with C a plain name */
        char *c = strchr(key, '.'), *a = c ? strchr(c + 1, '.') : NULL;
        char *f = a ? strchr(a + 1, '.') : NULL;
        if (f && !strchr(f + 1, '.') && !strpbrk(key, "[]")) {
            *c = *a = *f = '\0';
            bool form = false;
            for (size_t i = 0; i < 3; i++) form |= strcmp(f + 1, forms[i]) == 0;
            loader L = {t, diag, NULL, "", 0};
            int arrivals = strcmp(key, "channels") == 0 && strcmp(a + 1, "arrivals") == 0 && form
                               ? get(&L, get(&L, get(&L, cc_yamltree_root(t), "channels"), c + 1),
                                     "arrivals") : 0;
            for (size_t i = 0; arrivals && i < 3; i++) {
                if (strcmp(f + 1, forms[i]) == 0 || !get(&L, arrivals, forms[i])) continue;
                char other[PATH_LEN + 32];
                snprintf(other, sizeof other, "channels.%s.arrivals.%s=null", c + 1, forms[i]);
                cc_yamltree_set(t, other, diag);
            }
        }
    }
    cc_yamltree_set(t, assignment, diag);
}

int cc_scenario_load(const char *path, const char *const *sets, size_t n_sets, cc_scenario *out,
                     cc_diag *diag)
{
    memset(out, 0, sizeof *out);
    out->path = sim_xstrdup(path);
    out->currency = sim_xstrdup("USD");
    out->seed = 1;
    out->replications = 10;
    out->interval_s = 1800;
    out->drain = true;
    cc_routing_open(&out->routing, "fcfs", NULL, NULL, 0);
    out->selection = CC_SELECT_LONGEST_IDLE;

    cc_yamltree t;
    size_t before = cc_diag_count(diag);
    int st = cc_yamltree_load(&t, path, diag);
    if (st == SIM_OK) {
        for (size_t i = 0; i < n_sets; i++) cc_scenario_apply_set(&t, sets[i], diag);
        loader L = {&t, diag, out, "", before};
        const char *slash = strrchr(path, '/');
        if (slash) snprintf(L.dir, sizeof L.dir, "%.*s", (int)(slash - path), path);
        if (slash == path) snprintf(L.dir, sizeof L.dir, "/");
        read_scenario(&L);
    }
    cc_yamltree_fini(&t);
    if (cc_diag_count(diag) > before) {
        cc_scenario_fini(out);
        return st != SIM_OK ? st : SIM_EINVAL;
    }
    return SIM_OK;
}
