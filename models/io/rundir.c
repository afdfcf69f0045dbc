/* models/io/rundir.c: the CSV files of an output folder, read back into lookup tables.
 * Each (scope, name, measure) triple is one series, the measure an (id, threshold) pair of
 * models/center/measure.h: its summary value and its value per
 * reporting interval. Series live in an array in order of first appearance (the order
 * the report and the charts list channels and groups in), and an index of their hashes
 * (sim/hash.h) finds them: intervals.csv has about 24 intervals x 200 measures, and
 * the charts look up every one of them. Interval values are indexed by the interval's
 * position in intervals.csv, whose rows are grouped by interval_start. */
#include "models/io/rundir.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/io/csvin.h"
#include "models/io/outdir.h"
#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/status.h"

struct cc_rundir_series {
    char *scope, *name;
    cc_rundir_measure measure;
    bool has_summary;
    cc_rundir_value summary;
    cc_rundir_value *intervals;     /* n_values entries, present[i] says which are set */
    bool *present;
    size_t n_values;
};

static uint64_t hash_key(const char *scope, const char *name, cc_rundir_measure m)
{
    /* The two strings, each ended by a byte that no text holds, then the id and the
     * threshold's bits. */
    static const unsigned char end = 0xff;
    uint64_t h = sim_hash_bytes(SIM_HASH_SEED, scope, strlen(scope));
    h = sim_hash_bytes(h, &end, 1);
    h = sim_hash_bytes(h, name, strlen(name));
    h = sim_hash_bytes(h, &end, 1);
    int32_t id = (int32_t)m.id;
    h = sim_hash_bytes(h, &id, sizeof id);
    return sim_hash_bytes(h, &m.threshold_s, sizeof m.threshold_s);
}

static bool same_measure(cc_rundir_measure a, cc_rundir_measure b)
{
    return a.id == b.id && a.threshold_s == b.threshold_s;
}

static cc_rundir_series *lookup_hashed(const cc_rundir *rd, uint64_t h, const char *scope,
                                       const char *name, cc_rundir_measure measure)
{
    size_t cursor = 0, k;
    while ((k = sim_hindex_next(&rd->index, h, &cursor)) != SIZE_MAX) {
        cc_rundir_series *se = &rd->series[k];
        if (strcmp(se->scope, scope) == 0 && strcmp(se->name, name) == 0 &&
            same_measure(se->measure, measure))
            return se;
    }
    return NULL;
}

static const cc_rundir_series *lookup(const cc_rundir *rd, const char *scope, const char *name,
                                      cc_rundir_measure measure)
{
    return lookup_hashed(rd, hash_key(scope, name, measure), scope, name, measure);
}

static cc_rundir_series *intern(cc_rundir *rd, const char *scope, const char *name,
                                cc_rundir_measure measure)
{
    uint64_t h = hash_key(scope, name, measure);
    cc_rundir_series *found = lookup_hashed(rd, h, scope, name, measure);
    if (found) return found;
    rd->series = sim_xgrow(rd->series, &rd->cap_series, rd->n_series + 1, 64, sizeof *rd->series);
    cc_rundir_series *se = &rd->series[rd->n_series];
    memset(se, 0, sizeof *se);
    se->scope = sim_xstrdup(scope);
    se->name = sim_xstrdup(name);
    se->measure = measure;
    sim_hindex_add(&rd->index, h, rd->n_series++);
    return se;
}

/* Reading one file: the header it must have and what to do with each row. */
typedef struct reading {
    cc_rundir *rd;
    const char *path;
    const char *header;      /* comma-separated column names, checked on row 0 */
    size_t columns;
    cc_diag *diag;
    int (*row)(struct reading *rg, const cc_csv_row *row);
} reading;

static int bad(reading *rg, const cc_csv_row *row, size_t col, const char *what)
{
    cc_diag_add(rg->diag, "%s:%zu:%zu: %s", rg->path, row->line,
                col < row->n_fields ? row->columns[col] : 1, what);
    return SIM_EINVAL;
}

static bool parse_number(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (!s[0] || *end || (errno == ERANGE && isfinite(v) && v != 0)) return false;
    *out = v;
    return true;
}

/* mean, ci95_low, ci95_high, replications from fields k .. k+3. */
static int parse_value(reading *rg, const cc_csv_row *row, size_t k, cc_rundir_value *v)
{
    const char *const *f = row->fields;
    if (!parse_number(f[k], &v->mean)) return bad(rg, row, k, "the mean is not a number");
    if (!parse_number(f[k + 1], &v->ci95_low)) return bad(rg, row, k + 1, "ci95_low is not a number");
    if (!parse_number(f[k + 2], &v->ci95_high)) return bad(rg, row, k + 2, "ci95_high is not a number");
    char *end = NULL;
    errno = 0;
    long n = strtol(f[k + 3], &end, 10);
    if (!f[k + 3][0] || *end || errno || n < 0) return bad(rg, row, k + 3, "replications is not a count");
    v->replications = n;
    snprintf(v->text, sizeof v->text, "%s", f[k]);
    return SIM_OK;
}

static int on_row(void *arg, const cc_csv_row *row)
{
    reading *rg = arg;
    if (row->index == 0) {
        /* The header must start with the columns ccsim writes; later versions may add
         * columns at the end. */
        char *want = sim_xstrdup(rg->header), *save = NULL;
        size_t i = 0;
        int st = SIM_OK;
        for (char *t = strtok_r(want, ",", &save); t && st == SIM_OK; t = strtok_r(NULL, ",", &save), i++)
            if (i >= row->n_fields || strcmp(row->fields[i], t) != 0) {
                cc_diag_add(rg->diag, "%s:%zu: not a ccsim file: the header should be %s", rg->path,
                            row->line, rg->header);
                st = SIM_EINVAL;
            }
        free(want);
        return st;
    }
    if (row->n_fields < rg->columns) return bad(rg, row, row->n_fields, "too few fields");
    return rg->row(rg, row);
}

static int row_scenario(reading *rg, const cc_csv_row *row)
{
    cc_rundir *rd = rg->rd;
    rd->setting_keys = sim_xreallocarray(rd->setting_keys, rd->n_settings + 1, sizeof(char *));
    rd->setting_values = sim_xreallocarray(rd->setting_values, rd->n_settings + 1, sizeof(char *));
    rd->setting_keys[rd->n_settings] = sim_xstrdup(row->fields[0]);
    rd->setting_values[rd->n_settings] = sim_xstrdup(row->fields[1]);
    rd->n_settings++;
    return SIM_OK;
}

/* The measure in field k, through the table; false for a name this version does not
 * know, whose row is then skipped. */
static bool measure_of(const cc_csv_row *row, size_t k, cc_rundir_measure *m)
{
    return cc_measure_parse(row->fields[k], &m->id, &m->threshold_s);
}

static int row_target(reading *rg, const cc_csv_row *row)
{
    cc_rundir *rd = rg->rd;
    cc_rundir_target t;
    if (!parse_number(row->fields[2], &t.within_s) || !(t.within_s >= 0))
        return bad(rg, row, 2, "within_s is not a number of seconds");
    if (!parse_number(row->fields[3], &t.target) || !(t.target >= 0 && t.target <= 1))
        return bad(rg, row, 3, "target is not a fraction");
    if (!measure_of(row, 1, &t.measure)) return SIM_OK;
    t.channel = sim_xstrdup(row->fields[0]);
    t.name = sim_xstrdup(row->fields[4]);
    rd->targets = sim_xreallocarray(rd->targets, rd->n_targets + 1, sizeof *rd->targets);
    rd->targets[rd->n_targets++] = t;
    return SIM_OK;
}

static int row_summary(reading *rg, const cc_csv_row *row)
{
    cc_rundir_value v;
    cc_rundir_measure m;
    int st = parse_value(rg, row, 3, &v);
    if (st != SIM_OK || !measure_of(row, 2, &m)) return st;
    cc_rundir_series *se = intern(rg->rd, row->fields[0], row->fields[1], m);
    se->summary = v;
    se->has_summary = true;
    return SIM_OK;
}

/* "HH:MM", "HH:MM:SS" or "HH:MM:SS.mmm" (hours may pass 24; see
 * cc_units_format_clock) to seconds; false if it is not a clock time. */
static bool parse_clock(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    long h = strtol(s, &end, 10);
    if (end == s || *end != ':' || errno || h < 0) return false;
    const char *m = end + 1;
    long min = strtol(m, &end, 10);
    if (end == m || min < 0 || min > 59 || !isdigit((unsigned char)*m)) return false;
    double sec = 0;
    if (*end == ':') {
        const char *sp = end + 1;
        if (!isdigit((unsigned char)*sp)) return false;
        sec = strtod(sp, &end);
        if (end == sp || !(sec >= 0 && sec < 60)) return false;
    }
    if (*end) return false;
    *out = (double)h * 3600.0 + (double)min * 60.0 + sec;
    return true;
}

static int row_interval(reading *rg, const cc_csv_row *row)
{
    cc_rundir *rd = rg->rd;
    const char *label = row->fields[0];
    if (rd->n_intervals == 0 || strcmp(rd->interval_labels[rd->n_intervals - 1], label) != 0) {
        double s;
        if (!parse_clock(label, &s)) return bad(rg, row, 0, "interval_start is not a clock time (HH:MM or HH:MM:SS)");
        if (rd->n_intervals > 0 && !(s > rd->interval_start_s[rd->n_intervals - 1]))
            return bad(rg, row, 0, "interval_start goes back in time");
        rd->interval_labels = sim_xreallocarray(rd->interval_labels, rd->n_intervals + 1, sizeof(char *));
        rd->interval_start_s = sim_xreallocarray(rd->interval_start_s, rd->n_intervals + 1, sizeof(double));
        rd->interval_labels[rd->n_intervals] = sim_xstrdup(label);
        rd->interval_start_s[rd->n_intervals] = s;
        rd->n_intervals++;
    }
    size_t i = rd->n_intervals - 1;
    cc_rundir_value v;
    cc_rundir_measure m;
    int st = parse_value(rg, row, 4, &v);
    if (st != SIM_OK || !measure_of(row, 3, &m)) return st;
    cc_rundir_series *se = intern(rd, row->fields[1], row->fields[2], m);
    if (se->n_values <= i) {
        se->intervals = sim_xreallocarray(se->intervals, i + 1, sizeof *se->intervals);
        se->present = sim_xreallocarray(se->present, i + 1, sizeof *se->present);
        for (size_t k = se->n_values; k <= i; k++) se->present[k] = false;
        se->n_values = i + 1;
    }
    se->intervals[i] = v;
    se->present[i] = true;
    return SIM_OK;
}

static int row_compare(reading *rg, const cc_csv_row *row)
{
    cc_rundir *rd = rg->rd;
    cc_rundir_compare c;
    memset(&c, 0, sizeof c);
    int st = parse_value(rg, row, 4, &c.value);
    if (st != SIM_OK || !measure_of(row, 3, &c.measure)) return st;
    const char *const *f = row->fields;
    if (!parse_number(f[8], &c.diff.mean)) return bad(rg, row, 8, "diff_mean is not a number");
    if (!parse_number(f[9], &c.diff.ci95_low)) return bad(rg, row, 9, "diff_ci95_low is not a number");
    if (!parse_number(f[10], &c.diff.ci95_high)) return bad(rg, row, 10, "diff_ci95_high is not a number");
    if (strcmp(f[11], "0") != 0 && strcmp(f[11], "1") != 0) return bad(rg, row, 11, "significant is not 0 or 1");
    c.diff.replications = c.value.replications;
    snprintf(c.diff.text, sizeof c.diff.text, "%s", f[8]);
    c.significant = f[11][0] == '1';
    c.policy = sim_xstrdup(f[0]);
    c.scope = sim_xstrdup(f[1]);
    c.name = sim_xstrdup(f[2]);
    rd->compare = sim_xreallocarray(rd->compare, rd->n_compare + 1, sizeof *rd->compare);
    rd->compare[rd->n_compare++] = c;
    return SIM_OK;
}

/* Reads dir/file when it exists; *found says whether it did. */
static int read_file(cc_rundir *rd, const char *dir, const char *file, const char *header,
                     size_t columns, int (*fn)(reading *, const cc_csv_row *), bool *found,
                     cc_diag *diag)
{
    size_t len = strlen(dir) + strlen(file) + 2;
    char *path = sim_xmalloc(len);
    snprintf(path, len, "%s/%s", dir, file);
    struct stat sb;
    int st = SIM_OK;
    *found = false;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && cc_outdir_vouches(dir, file)) {
        reading rg = {rd, path, header, columns, diag, fn};
        st = cc_csvin_read(path, on_row, &rg, diag);
        *found = st == SIM_OK;
    }
    free(path);
    return st;
}

int cc_rundir_load(cc_rundir *rd, const char *dir, cc_diag *diag)
{
    memset(rd, 0, sizeof *rd);
    struct stat sb;
    bool exists = stat(dir, &sb) == 0;
    if (!exists || !S_ISDIR(sb.st_mode)) {
        if (exists) cc_diag_add(diag, "%s: a file, not a folder: give the folder of 'ccsim run -o DIR'", dir);
        else cc_diag_add(diag, "%s: no such folder", dir);
        return SIM_ENOENT;
    }
    /* Only a folder whose files are the ones ccsim wrote, all of one run (outdir.h). */
    if (cc_outdir_verify(dir, diag) != SIM_OK) return SIM_EINVAL;
    int st = read_file(rd, dir, "scenario.csv", "key,value", 2, row_scenario, &rd->has_scenario, diag);
    if (st == SIM_OK)
        st = read_file(rd, dir, "targets.csv", "channel,measure,within_s,target,name", 5,
                       row_target, &rd->has_targets, diag);
    if (st == SIM_OK)
        st = read_file(rd, dir, "summary.csv", "scope,name,measure,mean,ci95_low,ci95_high,replications",
                       7, row_summary, &rd->has_summary, diag);
    if (st == SIM_OK)
        st = read_file(rd, dir, "intervals.csv",
                       "interval_start,scope,name,measure,mean,ci95_low,ci95_high,replications", 8,
                       row_interval, &rd->has_intervals, diag);
    if (st == SIM_OK)
        st = read_file(rd, dir, "compare.csv",
                       "policy,scope,name,measure,mean,ci95_low,ci95_high,replications,diff_mean,"
                       "diff_ci95_low,diff_ci95_high,significant",
                       12, row_compare, &rd->has_compare, diag);
    if (st == SIM_OK && !rd->has_summary && !rd->has_intervals && !rd->has_compare) {
        cc_diag_add(diag, "%s: no ccsim results here (summary.csv, intervals.csv or compare.csv)", dir);
        st = SIM_ENOENT;
    }
    if (st != SIM_OK) cc_rundir_fini(rd);
    return st;
}

void cc_rundir_fini(cc_rundir *rd)
{
    for (size_t i = 0; i < rd->n_settings; i++) {
        free(rd->setting_keys[i]);
        free(rd->setting_values[i]);
    }
    free(rd->setting_keys);
    free(rd->setting_values);
    for (size_t i = 0; i < rd->n_targets; i++) {
        free(rd->targets[i].channel);
        free(rd->targets[i].name);
    }
    free(rd->targets);
    for (size_t i = 0; i < rd->n_intervals; i++) free(rd->interval_labels[i]);
    free(rd->interval_labels);
    free(rd->interval_start_s);
    for (size_t i = 0; i < rd->n_compare; i++) {
        free(rd->compare[i].policy);
        free(rd->compare[i].scope);
        free(rd->compare[i].name);
    }
    free(rd->compare);
    for (size_t i = 0; i < rd->n_series; i++) {
        cc_rundir_series *se = &rd->series[i];
        free(se->scope);
        free(se->name);
        free(se->intervals);
        free(se->present);
    }
    free(rd->series);
    sim_hindex_fini(&rd->index);
    memset(rd, 0, sizeof *rd);
}

const char *cc_rundir_setting(const cc_rundir *rd, const char *key)
{
    for (size_t i = 0; i < rd->n_settings; i++)
        if (strcmp(rd->setting_keys[i], key) == 0) return rd->setting_values[i];
    return NULL;
}

const cc_rundir_value *cc_rundir_summary(const cc_rundir *rd, const char *scope,
                                         const char *name, cc_measure_id id, double threshold_s)
{
    const cc_rundir_series *se = lookup(rd, scope, name, (cc_rundir_measure){id, threshold_s});
    return se && se->has_summary ? &se->summary : NULL;
}

const cc_rundir_value *cc_rundir_interval(const cc_rundir *rd, const char *scope,
                                          const char *name, cc_measure_id id, double threshold_s,
                                          size_t i)
{
    const cc_rundir_series *se = lookup(rd, scope, name, (cc_rundir_measure){id, threshold_s});
    return se && i < se->n_values && se->present[i] ? &se->intervals[i] : NULL;
}

static size_t add_distinct(const char **out, size_t n, size_t max, const char *s)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(out[k], s) == 0) return n;
    if (n == max) return n;   /* full: the rest are left out */
    out[n] = s;
    return n + 1;
}

size_t cc_rundir_names(const cc_rundir *rd, const char *scope, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rd->n_series; i++)
        if (strcmp(rd->series[i].scope, scope) == 0) n = add_distinct(out, n, max, rd->series[i].name);
    return n;
}

size_t cc_rundir_measures(const cc_rundir *rd, const char *scope, const char *name,
                          cc_rundir_measure *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rd->n_series; i++) {
        const cc_rundir_series *se = &rd->series[i];
        if (strcmp(se->scope, scope) != 0 || (name && strcmp(se->name, name) != 0)) continue;
        size_t k = 0;
        while (k < n && !same_measure(out[k], se->measure)) k++;
        if (k == n && n < max) out[n++] = se->measure;   /* full: the rest are left out */
    }
    return n;
}

size_t cc_rundir_policies(const cc_rundir *rd, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rd->n_compare; i++) n = add_distinct(out, n, max, rd->compare[i].policy);
    return n;
}

const cc_rundir_compare *cc_rundir_compared(const cc_rundir *rd, const char *policy,
                                            const char *scope, const char *name,
                                            cc_measure_id id, double threshold_s)
{
    for (size_t i = 0; i < rd->n_compare; i++) {
        const cc_rundir_compare *c = &rd->compare[i];
        if (strcmp(c->policy, policy) == 0 && strcmp(c->scope, scope) == 0 &&
            strcmp(c->name, name) == 0 && same_measure(c->measure, (cc_rundir_measure){id, threshold_s}))
            return c;
    }
    return NULL;
}
