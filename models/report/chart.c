/* models/report/chart.c: the charts and report.html of a run's output folder, for
 * `ccsim plot DIR` and `ccsim run --plots` (models/cli/cmd_plot.c, cmd_run.c).
 *
 * How scenario text stays data. The scripts in plots/ are fixed files. For each chart,
 * this module reads the folder's CSV files (models/rundir), writes small numeric CSV
 * files into DIR/plots/data/ (numbers only: no name ever goes into a data file), and runs
 *   gnuplot -e "ASSIGNMENTS" plots/common.gp plots/CHART.gp
 * as a child process (models/report/gnuplot.h: an argument vector, no shell), in
 * DIR/plots, with standard input from /dev/null. ASSIGNMENTS only sets variables: numbers printed by
 * printf, and strings (channel, group and policy names, titles) as gnuplot single-quoted
 * strings, in which gnuplot expands nothing (no backquote command, no @macro, no
 * backslash escape) and whose only special character, the quote, is doubled. Control
 * characters (a newline would end the command) become spaces. The scripts use those
 * variables only as values (`title names[i]`), never with eval or a macro, and every
 * terminal is noenhanced, so "x_1^2" is drawn as written.
 *
 * Each chart is drawn twice, PNG (pngcairo, else libgd's png) and SVG, under a
 * temporary name that is renamed when gnuplot succeeds. A chart whose inputs are absent
 * (no compare.csv, no bots) is skipped and its old files removed. */
#include "models/report/chart.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/io/diag.h"
#include "models/report/gnuplot.h"
#include "models/report/html.h"
#include "models/report/report.h"
#include "models/io/rundir.h"
#include "sim/mem.h"
#include "sim/status.h"

/* Series on one chart; more (a center with 40 groups) are left out of the chart, not of
 * the report's tables. */
#define SERIES_MAX 24
/* A name drawn on a chart is cut to this many bytes (on a UTF-8 boundary): in a panel
 * title, and in a legend or under a bar, where room is scarcer. */
#define LABEL_MAX 60
#define LEGEND_MAX 26

/* ---- a growable string ---- */

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void buf_add(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void buf_add(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) return;
    if (b->n + (size_t)len + 1 > b->cap) {
        b->cap = 2 * (b->n + (size_t)len + 1);
        b->s = sim_xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

/* Appends text as a gnuplot single-quoted string (cc_gnuplot_string). */
static void buf_gpstr(buf *b, const char *text, size_t max)
{
    char *quoted = cc_gnuplot_string(text, max);
    buf_add(b, "%s", quoted);
    free(quoted);
}

/* text cut to max bytes on a UTF-8 boundary, with an ellipsis where cut. */
static void cut(char *out, size_t len, const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max) {
        snprintf(out, len, "%s", text);
        return;
    }
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80) max--;
    snprintf(out, len, "%.*s\xe2\x80\xa6", (int)max, text);
}

/* var = 'text'; */
static void buf_var(buf *b, const char *var, const char *text, size_t max)
{
    buf_add(b, "%s = ", var);
    buf_gpstr(b, text, max);
    buf_add(b, "; ");
}

/* array var[n] = ['a', 'b', ...]; */
static void buf_strings(buf *b, const char *var, const char *const *items, size_t n, size_t max)
{
    buf_add(b, "array %s[%zu] = [", var, n);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_add(b, ", ");
        buf_gpstr(b, items[i], max);
    }
    buf_add(b, "]; ");
}

static void buf_numbers(buf *b, const char *var, const double *v, size_t n)
{
    buf_add(b, "array %s[%zu] = [", var, n);
    for (size_t i = 0; i < n; i++) buf_add(b, "%s%.10g", i ? ", " : "", v[i]);
    buf_add(b, "]; ");
}

/* ---- labels and units ---- */

typedef struct unit {
    const char *name;
    double seconds;
} unit;

/* The unit that keeps a wait of `max` seconds readable on an axis. */
static unit pick_unit(double max)
{
    if (!(max > 180)) return (unit){"seconds", 1};
    if (max <= 3 * 3600) return (unit){"minutes", 60};
    return (unit){"hours", 3600};
}

/* ---- the chart context ---- */

typedef struct plotter {
    const cc_rundir *rd;
    const char *datadir;       /* DIR/plots/data */
    cc_diag *diag;
    double interval_s;         /* length of a reporting interval */
    int status;                /* first write error */
} plotter;

/* Numbers as every data file writes them; NaN for undefined, read by gnuplot as missing. */
static void put(FILE *f, double x)
{
    if (isnan(x)) fputs(",NaN", f);
    else fprintf(f, ",%.10g", x);
}

static bool data_open(plotter *p, cc_outfile *o, const char *fmt, int k)
{
    char name[64];
    snprintf(name, sizeof name, fmt, k);
    size_t len = strlen(p->datadir) + strlen(name) + 2;
    char *path = sim_xmalloc(len);
    snprintf(path, len, "%s/%s", p->datadir, name);
    int st = cc_outfile_open(o, path, p->diag);
    free(path);
    if (st != SIM_OK && p->status == SIM_OK) p->status = st;
    return st == SIM_OK;
}

static void data_close(plotter *p, cc_outfile *o)
{
    int st = cc_outfile_commit(o, p->diag);
    if (st != SIM_OK && p->status == SIM_OK) p->status = st;
}

/* mean, low and high of v times k; NaN where v is absent. */
static void put_value(FILE *f, const cc_rundir_value *v, double k)
{
    put(f, v ? v->mean * k : NAN);
    put(f, v ? v->ci95_low * k : NAN);
    put(f, v ? v->ci95_high * k : NAN);
}

static double mid(const plotter *p, size_t i)
{
    return p->rd->interval_start_s[i] + p->interval_s / 2;
}

/* True if some interval of (scope, name, measure) has a defined mean. */
static bool any_interval(const plotter *p, const char *scope, const char *name, cc_measure_id id,
                         double threshold_s)
{
    for (size_t i = 0; i < p->rd->n_intervals; i++) {
        const cc_rundir_value *v = cc_rundir_interval(p->rd, scope, name, id, threshold_s, i);
        if (v && !isnan(v->mean)) return true;
    }
    return false;
}

/* One block of an interval series: x (interval middle), mean, low, high, then `extra`
 * when it is not NaN. Blocks are separated by two blank lines (gnuplot's `index`). */
static void put_interval_block(plotter *p, FILE *f, const char *scope, const char *name,
                               cc_measure_id id, double threshold_s, double k, double extra)
{
    fputs("# x_s,mean,ci95_low,ci95_high\n", f);
    for (size_t i = 0; i < p->rd->n_intervals; i++) {
        fprintf(f, "%.10g", mid(p, i));
        put_value(f, cc_rundir_interval(p->rd, scope, name, id, threshold_s, i), k);
        if (!isnan(extra)) put(f, extra);
        fputc('\n', f);
    }
    fputs("\n\n", f);
}

/* ---- the charts: each writes its data files and the variables its script reads; it
 * returns 1 when drawn, 0 when its inputs are absent ---- */

static int chart_service_level(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!rd->has_targets || !rd->n_intervals || !rd->n_targets) return 0;
    const char *panels[SERIES_MAX];
    size_t np = 0;
    for (size_t t = 0; t < rd->n_targets && np < SERIES_MAX; t++) {
        bool seen = false;
        for (size_t k = 0; k < np; k++) seen |= strcmp(panels[k], rd->targets[t].channel) == 0;
        const cc_rundir_measure *m = &rd->targets[t].measure;
        if (!seen && any_interval(p, "channel", rd->targets[t].channel, m->id, m->threshold_s))
            panels[np++] = rd->targets[t].channel;
    }
    if (!np) return 0;
    const char *stitle[SERIES_MAX * 4], *ttitle[SERIES_MAX * 4];
    char text[SERIES_MAX * 4][2][LABEL_MAX + 64];
    double first[SERIES_MAX], last[SERIES_MAX];
    size_t ns = 0;
    for (size_t k = 0; k < np; k++) {
        cc_outfile o;
        if (!data_open(p, &o, "service_level_%d.csv", (int)k + 1)) return -1;
        first[k] = (double)ns + 1;
        for (size_t t = 0; t < rd->n_targets && ns < SERIES_MAX * 4; t++) {
            const cc_rundir_target *tg = &rd->targets[t];
            if (strcmp(tg->channel, panels[k]) != 0) continue;
            char within[32], name[LEGEND_MAX + 8];
            cc_measure_format_within(tg->within_s, within, sizeof within);
            cut(name, sizeof name, tg->name, LEGEND_MAX - 8);
            snprintf(text[ns][0], sizeof text[ns][0], "within %s%s%s%s", within,
                     name[0] ? " (" : "", name, name[0] ? ")" : "");
            snprintf(text[ns][1], sizeof text[ns][1], "target %g%%", tg->target * 100);
            stitle[ns] = text[ns][0];
            ttitle[ns] = text[ns][1];
            put_interval_block(p, o.f, "channel", tg->channel, tg->measure.id, tg->measure.threshold_s,
                               100, tg->target * 100);
            ns++;
        }
        last[k] = (double)ns;
        data_close(p, &o);
    }
    buf_add(v, "npanel = %zu; ", np);
    buf_strings(v, "ptitle", panels, np, LABEL_MAX);
    buf_numbers(v, "pfirst", first, np);
    buf_numbers(v, "plast", last, np);
    buf_strings(v, "stitle", stitle, ns, 0);
    buf_strings(v, "ttitle", ttitle, ns, 0);
    return 1;
}

static int chart_waits(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!rd->n_intervals) return 0;
    const char *all[SERIES_MAX], *panels[SERIES_MAX], *units[SERIES_MAX];
    size_t n = cc_rundir_names(rd, "channel", all, SERIES_MAX), np = 0;
    for (size_t c = 0; c < n; c++) {
        if (!any_interval(p, "channel", all[c], CC_M_ASA, 0)) continue;
        double max = 0;
        for (size_t i = 0; i < rd->n_intervals; i++) {
            const cc_rundir_value *a = cc_rundir_interval(rd, "channel", all[c], CC_M_WAIT_P90, 0, i);
            if (a && a->ci95_high > max) max = a->ci95_high;
        }
        unit u = pick_unit(max);
        cc_outfile o;
        if (!data_open(p, &o, "waits_%d.csv", (int)np + 1)) return -1;
        put_interval_block(p, o.f, "channel", all[c], CC_M_ASA, 0, 1 / u.seconds, NAN);
        put_interval_block(p, o.f, "channel", all[c], CC_M_WAIT_P90, 0, 1 / u.seconds, NAN);
        data_close(p, &o);
        units[np] = u.name;
        panels[np++] = all[c];
    }
    if (!np) return 0;
    buf_add(v, "npanel = %zu; ", np);
    buf_strings(v, "ptitle", panels, np, LABEL_MAX);
    buf_strings(v, "yunit", units, np, 0);
    return 1;
}

static int chart_wait_percentiles(plotter *p, buf *v)
{
    static const cc_measure_id pct[] = {CC_M_WAIT_P50, CC_M_WAIT_P90, CC_M_WAIT_P95, CC_M_WAIT_P99};
    static const double share[] = {50, 90, 95, 99};
    const cc_rundir *rd = p->rd;
    if (!rd->has_summary) return 0;
    const char *all[SERIES_MAX], *names[SERIES_MAX];
    size_t n = cc_rundir_names(rd, "channel", all, SERIES_MAX), nn = 0;
    double max = 0;
    for (size_t c = 0; c < n; c++) {
        bool any = false;
        for (size_t k = 0; k < 4; k++) {
            const cc_rundir_value *w = cc_rundir_summary(rd, "channel", all[c], pct[k], 0);
            if (w && !isnan(w->mean)) {
                any = true;
                if (w->ci95_high > max) max = w->ci95_high;
            }
        }
        if (any) names[nn++] = all[c];
    }
    if (!nn) return 0;
    unit u = pick_unit(max);
    cc_outfile o;
    if (!data_open(p, &o, "wait_percentiles.csv", 0)) return -1;
    for (size_t c = 0; c < nn; c++) {
        fputs("# share_pct,wait,ci95_low,ci95_high\n", o.f);
        for (size_t k = 0; k < 4; k++) {
            fprintf(o.f, "%g", share[k]);
            put_value(o.f, cc_rundir_summary(rd, "channel", names[c], pct[k], 0), 1 / u.seconds);
            fputc('\n', o.f);
        }
        fputs("\n\n", o.f);
    }
    data_close(p, &o);
    buf_add(v, "n = %zu; ", nn);
    buf_strings(v, "names", names, nn, LEGEND_MAX);
    buf_var(v, "xunit", u.name, 0);
    return 1;
}

static int chart_arrivals_staffing(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!rd->n_intervals) return 0;
    const char *all[SERIES_MAX], *names[SERIES_MAX], *groups[SERIES_MAX * 4];
    size_t n = cc_rundir_names(rd, "channel", all, SERIES_MAX), nn = 0;
    for (size_t c = 0; c < n; c++)
        if (any_interval(p, "channel", all[c], CC_M_OFFERED, 0)) names[nn++] = all[c];
    if (!nn) return 0;
    /* Every group counts towards the staff line, even past SERIES_MAX. */
    size_t ng = cc_rundir_names(rd, "group", groups, SERIES_MAX * 4);
    bool staff = false;
    for (size_t g = 0; g < ng; g++) staff |= any_interval(p, "group", groups[g], CC_M_STAFFED_HOURS, 0);
    cc_outfile o;
    if (!data_open(p, &o, "arrivals_staffing.csv", 0)) return -1;
    /* Block 0: interval middle, then offered summed over channels 1..k for k = 1..n, so
     * that drawing the sums from the largest down stacks the channels. */
    fputs("# x_s,cumulative offered by channel\n", o.f);
    for (size_t i = 0; i < rd->n_intervals; i++) {
        fprintf(o.f, "%.10g", mid(p, i));
        double sum = 0;
        for (size_t c = 0; c < nn; c++) {
            const cc_rundir_value *a = cc_rundir_interval(rd, "channel", names[c], CC_M_OFFERED, 0, i);
            if (a && !isnan(a->mean)) sum += a->mean;
            put(o.f, sum);
        }
        fputc('\n', o.f);
    }
    /* Block 1: interval start and agents present on average (paid hours / interval
     * hours), with the last value repeated at the end so the steps cover the day. */
    fputs("\n\n# x_s,agents\n", o.f);
    double agents = 0;
    for (size_t i = 0; i <= rd->n_intervals; i++) {
        if (i < rd->n_intervals) {
            agents = 0;
            for (size_t g = 0; g < ng; g++) {
                const cc_rundir_value *h =
                    cc_rundir_interval(rd, "group", groups[g], CC_M_STAFFED_HOURS, 0, i);
                if (h && !isnan(h->mean)) agents += h->mean;
            }
            agents /= p->interval_s / 3600;
        }
        double x = i < rd->n_intervals ? rd->interval_start_s[i]
                                       : rd->interval_start_s[i - 1] + p->interval_s;
        fprintf(o.f, "%.10g", x);
        put(o.f, agents);
        fputc('\n', o.f);
    }
    data_close(p, &o);
    /* Room above the highest head count, so the staffing line stays off the frame. */
    double top = 0;
    for (size_t i = 0; i < rd->n_intervals; i++) {
        double a = 0;
        for (size_t g = 0; g < ng; g++) {
            const cc_rundir_value *h =
                cc_rundir_interval(rd, "group", groups[g], CC_M_STAFFED_HOURS, 0, i);
            if (h && !isnan(h->mean)) a += h->mean;
        }
        a /= p->interval_s / 3600;
        if (a > top) top = a;
    }
    buf_add(v, "y2max = %.10g; ", top > 0 ? ceil(top * 1.12) : 1);
    char ylabel[96], within[32];
    cc_measure_format_within(p->interval_s, within, sizeof within);
    snprintf(ylabel, sizeof ylabel, "Contacts offered per %s interval", within);
    buf_add(v, "n = %zu; staff = %d; boxw = %.10g; ", nn, staff, p->interval_s * 0.8);
    buf_strings(v, "names", names, nn, LEGEND_MAX);
    buf_var(v, "ylabel", ylabel, 0);
    return 1;
}

static int chart_occupancy(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!rd->n_intervals) return 0;
    const char *all[SERIES_MAX], *title[2 * SERIES_MAX];
    char text[2 * SERIES_MAX][LABEL_MAX + 64];
    double dash[2 * SERIES_MAX], colour[2 * SERIES_MAX];
    size_t n = cc_rundir_names(rd, "group", all, SERIES_MAX), ns = 0;
    cc_outfile o;
    bool open = false;
    for (size_t g = 0; g < n; g++) {
        if (!any_interval(p, "group", all[g], CC_M_OCCUPANCY, 0)) continue;
        if (!open && !(open = data_open(p, &o, "occupancy.csv", 0))) return -1;
        put_interval_block(p, o.f, "group", all[g], CC_M_OCCUPANCY, 0, 100, NAN);
        title[ns] = all[g];
        dash[ns] = 0;
        colour[ns++] = (double)g + 1;
        /* Slot occupancy only where it tells something else: agents holding several
         * contacts at once. */
        bool differs = false;
        for (size_t i = 0; i < rd->n_intervals; i++) {
            const cc_rundir_value *a = cc_rundir_interval(rd, "group", all[g], CC_M_OCCUPANCY, 0, i);
            const cc_rundir_value *b =
                cc_rundir_interval(rd, "group", all[g], CC_M_SLOT_OCCUPANCY, 0, i);
            if (a && b && fabs(a->mean - b->mean) > 0.005) differs = true;
        }
        if (differs) {
            put_interval_block(p, o.f, "group", all[g], CC_M_SLOT_OCCUPANCY, 0, 100, NAN);
            char name[LEGEND_MAX + 8];
            cut(name, sizeof name, all[g], LEGEND_MAX - 7);
            snprintf(text[ns], sizeof text[ns], "%s, slots", name);
            title[ns] = text[ns];
            dash[ns] = 1;
            colour[ns++] = (double)g + 1;
        }
    }
    if (!ns) return 0;
    data_close(p, &o);
    buf_add(v, "n = %zu; ", ns);
    buf_strings(v, "stitle", title, ns, LEGEND_MAX + 8);
    buf_numbers(v, "sdash", dash, ns);
    buf_numbers(v, "scol", colour, ns);
    return 1;
}

static int chart_cost(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!cc_rundir_summary(rd, "total", "all", CC_M_TOTAL_COST, 0)) return 0;
    const char *groups[SERIES_MAX], *bots[SERIES_MAX], *labels[2 * SERIES_MAX];
    size_t ng = 0, nb = 0;
    const char *all[SERIES_MAX];
    size_t n = cc_rundir_names(rd, "group", all, SERIES_MAX);
    for (size_t g = 0; g < n; g++)
        if (cc_rundir_summary(rd, "group", all[g], CC_M_COST, 0)) groups[ng++] = all[g];
    n = cc_rundir_names(rd, "bot", all, SERIES_MAX);
    for (size_t b = 0; b < n; b++)
        if (cc_rundir_summary(rd, "bot", all[b], CC_M_COST, 0)) bots[nb++] = all[b];
    if (!ng && !nb) return 0;
    cc_outfile o;
    if (!data_open(p, &o, "cost_1.csv", 0)) return -1;
    /* Block 0: staff cost per group; block 1: bot cost per bot; x = bar position. */
    size_t x = 0;
    const char *scopes[2] = {"group", "bot"};
    const char *const *names[2] = {groups, bots};
    const size_t counts[2] = {ng, nb};
    for (size_t k = 0; k < 2; k++) {
        fputs(k ? "\n\n# x,mean,ci95_low,ci95_high\n" : "# x,mean,ci95_low,ci95_high\n", o.f);
        for (size_t i = 0; i < counts[k]; i++) {
            fprintf(o.f, "%zu", ++x);
            put_value(o.f, cc_rundir_summary(rd, scopes[k], names[k][i], CC_M_COST, 0), 1);
            fputc('\n', o.f);
            labels[x - 1] = names[k][i];
        }
        /* An empty block would shift the index of the next. */
        if (!counts[k]) fputs("0,NaN,NaN,NaN\n", o.f);
    }
    data_close(p, &o);
    static const cc_measure_id paths[] = {CC_M_COST_PER_CONTACT_HUMAN,
                                          CC_M_COST_PER_CONTACT_SELF_SERVICE,
                                          CC_M_COST_PER_CONTACT_BLENDED};
    if (!data_open(p, &o, "cost_2.csv", 0)) return -1;
    fputs("# x,mean,ci95_low,ci95_high\n", o.f);
    double na[3];   /* 1 where undefined: no bot, no contact resolved by one */
    for (size_t k = 0; k < 3; k++) {
        const cc_rundir_value *c = cc_rundir_summary(rd, "total", "all", paths[k], 0);
        fprintf(o.f, "%zu", k + 1);
        put_value(o.f, c, 1);
        fputc('\n', o.f);
        na[k] = !c || isnan(c->mean);
    }
    data_close(p, &o);
    buf_numbers(v, "na", na, 3);
    const char *cur = cc_rundir_setting(rd, "currency");
    buf_add(v, "nitem = %zu; ngroup = %zu; nbot = %zu; ", x, ng, nb);
    buf_strings(v, "ilabel", labels, x, LEGEND_MAX);
    buf_var(v, "currency", cur ? cur : "", 20);
    return 1;
}

static int chart_compare(plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    if (!rd->has_compare) return 0;
    const char *pol[SERIES_MAX], *ch[SERIES_MAX];
    const cc_rundir_measure *sl[SERIES_MAX];
    size_t npol = cc_rundir_policies(rd, pol, SERIES_MAX), nch = 0;
    if (!npol) return 0;
    /* Channels and, per channel, its first service-level measure, in file order. */
    for (size_t i = 0; i < rd->n_compare; i++) {
        const cc_rundir_compare *c = &rd->compare[i];
        if (strcmp(c->scope, "channel") != 0 || strcmp(c->policy, pol[0]) != 0) continue;
        size_t k = 0;
        while (k < nch && strcmp(ch[k], c->name) != 0) k++;
        if (k == nch) {
            if (nch == SERIES_MAX) continue;
            ch[nch] = c->name;
            sl[nch++] = NULL;
        }
        if (!sl[k] && c->measure.id == CC_M_SERVICE_LEVEL) sl[k] = &c->measure;
    }
    if (!nch) return 0;
    char sltext[SERIES_MAX][LABEL_MAX + 48];
    const char *sllabel[SERIES_MAX];
    for (size_t k = 0; k < nch; k++) {
        char within[32] = "";
        if (sl[k]) cc_measure_format_within(sl[k]->threshold_s, within, sizeof within);
        char name[LEGEND_MAX + 8];
        cut(name, sizeof name, ch[k], LEGEND_MAX - 8);
        snprintf(sltext[k], sizeof sltext[k], "%s%s%s%s", name, within[0] ? " (" : "", within,
                 within[0] ? ")" : "");
        sllabel[k] = sltext[k];
    }
    double max_asa = 0;
    for (size_t i = 0; i < rd->n_compare; i++)
        if (strcmp(rd->compare[i].scope, "channel") == 0 && rd->compare[i].measure.id == CC_M_ASA &&
            rd->compare[i].value.ci95_high > max_asa)
            max_asa = rd->compare[i].value.ci95_high;
    unit u = pick_unit(max_asa);
    /* One file per panel, one block per policy: x = channel position shifted by the
     * policy's place in the group of bars. */
    double w = 0.8 / (double)npol;
    for (int panel = 1; panel <= 3; panel++) {
        cc_outfile o;
        if (!data_open(p, &o, "compare_%d.csv", panel)) return -1;
        for (size_t k = 0; k < npol; k++) {
            fputs("# x,mean,ci95_low,ci95_high\n", o.f);
            for (size_t c = 0; c < nch; c++) {
                static const cc_rundir_measure other[] = {{CC_M_ABANDON_RATE, 0}, {CC_M_ASA, 0}};
                const cc_rundir_measure *m = panel == 1 ? sl[c] : &other[panel - 2];
                double scale = panel == 3 ? 1 / u.seconds : 100;
                const cc_rundir_compare *row =
                    m ? cc_rundir_compared(rd, pol[k], "channel", ch[c], m->id, m->threshold_s) : NULL;
                fprintf(o.f, "%.10g", (double)c + 1 + ((double)k - ((double)npol - 1) / 2) * w);
                put_value(o.f, row ? &row->value : NULL, scale);
                fputc('\n', o.f);
            }
            fputs("\n\n", o.f);
        }
        data_close(p, &o);
    }
    buf_add(v, "npol = %zu; nch = %zu; boxw = %.10g; ", npol, nch, w);
    buf_strings(v, "pnames", pol, npol, LEGEND_MAX);
    buf_strings(v, "chnames", ch, nch, LEGEND_MAX);
    buf_strings(v, "sllabels", sllabel, nch, 0);
    buf_var(v, "asaunit", u.name, 0);
    return 1;
}

typedef struct chart_def {
    const char *id;            /* file stem and HTML id: fixed ASCII */
    const char *title;
    const char *caption;
    int (*prepare)(plotter *p, buf *vars);
} chart_def;

static const chart_def CHARTS[] = {
    {"service_level", "Service level over the day",
     "Share of contacts answered within each threshold, per reporting interval and channel. "
     "Shaded: 95% confidence band; dashed: the target.",
     chart_service_level},
    {"waits", "Waiting over the day",
     "Average speed of answer (ASA) and the 90th percentile of the wait, per interval and "
     "channel, with 95% confidence bands.",
     chart_waits},
    {"wait_percentiles", "How long customers wait",
     "Share of answered contacts that waited at most a given time (50th, 90th, 95th and 99th "
     "percentiles of the wait), per channel; bars: 95% confidence intervals.",
     chart_wait_percentiles},
    {"arrivals_staffing", "Demand and staffing",
     "Contacts offered per interval, stacked by channel, against the agents paid for in that "
     "interval (all groups, paid hours / interval length).",
     chart_arrivals_staffing},
    {"occupancy", "Agent occupancy",
     "Share of present agent time spent holding at least one contact, per group and interval, "
     "with 95% confidence bands. Dashed, for groups that hold several contacts at once: the "
     "share of contact slots in use.",
     chart_occupancy},
    {"cost", "Cost of the day",
     "Left: staff cost per group and cost per bot. Right: cost per contact handled by a person, "
     "resolved by self-service, and blended over both. Bars: 95% confidence intervals.",
     chart_cost},
    {"compare", "Routing policies compared",
     "Each policy run on the same random numbers: per channel, service level (first target), "
     "abandonment and average speed of answer, with 95% confidence intervals.",
     chart_compare},
};
#define N_CHARTS (sizeof CHARTS / sizeof CHARTS[0])

/* ---- drawing (models/report/gnuplot.h) ---- */

static void remove_outputs(const char *plotdir, const char *id)
{
    static const char *const ext[] = {"png", "svg"};
    for (size_t e = 0; e < 2; e++) {
        char name[96];
        snprintf(name, sizeof name, "%s.%s", id, ext[e]);
        char *path = cc_gnuplot_path(plotdir, name);
        remove(path);
        free(path);
    }
}

/* Draws one chart in one format: gnuplot writes .ID.EXT.tmp, renamed to ID.EXT. */
static bool draw(const char *scripts, const char *plotdir, const char *term, const char *ext,
                 const chart_def *c, const char *common_vars, const char *chart_vars)
{
    char name[96], gp[96], logname[96];
    snprintf(name, sizeof name, "%s.%s", c->id, ext);
    snprintf(gp, sizeof gp, "%s.gp", c->id);
    snprintf(logname, sizeof logname, "data/%s.%s.log", c->id, ext);
    buf vars = {0};
    buf_add(&vars, "%s%s", common_vars, chart_vars);
    cc_gnuplot_chart g = {scripts, gp, plotdir, term, name, logname, vars.s, "plot"};
    bool ok = cc_gnuplot_draw(&g);
    free(vars.s);
    return ok;
}

/* Variables every script reads: the clock axis and the scenario's name for titles. */
static void common_vars(const plotter *p, buf *v)
{
    const cc_rundir *rd = p->rd;
    const char *name = cc_rundir_setting(rd, "name");
    buf_var(v, "scenario", name ? name : "", 48);
    double x0 = rd->n_intervals ? rd->interval_start_s[0] : 0;
    double x1 = rd->n_intervals ? rd->interval_start_s[rd->n_intervals - 1] + p->interval_s : 3600;
    static const double steps[] = {900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400,
                                   172800, 604800};
    double step = steps[0];
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        step = steps[k];
        if ((x1 - x0) / step <= 12) break;
    }
    buf_add(v, "xmin = %.10g; xmax = %.10g; xstep = %.10g; ", x0, x1, step);
}

int cc_chart_draw(const char *dir)
{
    cc_diag diag;
    cc_diag_init(&diag);
    cc_rundir rd;
    int st = cc_rundir_load(&rd, dir, &diag);
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    if (st != SIM_OK) return SIM_EINVAL;

    cc_diag_init(&diag);
    char *plotdir = cc_gnuplot_path(dir, "plots"), *datadir = cc_gnuplot_path(plotdir, "data");
    int rc = SIM_OK;
    st = cc_outfile_mkdirs(datadir, &diag);
    bool gnuplot = cc_gnuplot_is_installed();
    char *scripts = cc_gnuplot_scripts();
    const char *note = NULL;
    if (st != SIM_OK) {
        rc = SIM_EIO;
    } else if (!gnuplot) {
        fprintf(stderr, "ccsim: plot: gnuplot is not installed (not on PATH): no charts drawn; "
                        "%s/report.html has the tables only.\n"
                        "ccsim: plot: install it (Debian: sudo apt-get install gnuplot-nox) and run "
                        "'ccsim plot %s' again.\n", dir, dir);
        note = "The charts are missing: gnuplot was not found when this report was written.";
        rc = SIM_EIO;
    } else if (!scripts) {
        fprintf(stderr, "ccsim: plot: cannot find the gnuplot scripts (plots/common.gp); "
                        "set CCSIM_PLOTS to their folder\n");
        note = "The charts are missing: ccsim could not find its gnuplot scripts.";
        rc = SIM_EIO;
    }

    plotter p = {&rd, datadir, &diag, 3600, SIM_OK};
    const char *interval = cc_rundir_setting(&rd, "interval_s");
    if (interval && atof(interval) > 0) p.interval_s = atof(interval);
    else if (rd.n_intervals > 1) p.interval_s = rd.interval_start_s[1] - rd.interval_start_s[0];

    cc_html_chart made[N_CHARTS];
    char *svgs[N_CHARTS] = {0};
    size_t n_made = 0;
    if (rc == SIM_OK) {
        const char *term = cc_gnuplot_png_terminal(plotdir);
        buf common = {0};
        common_vars(&p, &common);
        for (size_t k = 0; k < N_CHARTS; k++) {
            const chart_def *c = &CHARTS[k];
            buf vars = {0};
            buf_add(&vars, "%s", "");
            int got = c->prepare(&p, &vars);
            if (got < 0 || p.status != SIM_OK) {
                rc = SIM_EIO;
                free(vars.s);
                break;
            }
            if (got == 0) {
                remove_outputs(plotdir, c->id);
            } else if (draw(scripts, plotdir, term, "png", c, common.s, vars.s) &&
                       draw(scripts, plotdir, "svg", "svg", c, common.s, vars.s)) {
                char name[96];
                snprintf(name, sizeof name, "%s.svg", c->id);
                svgs[n_made] = cc_gnuplot_path(plotdir, name);
                made[n_made] = (cc_html_chart){c->id, c->title, c->caption, svgs[n_made]};
                n_made++;
            } else {
                rc = SIM_EIO;
            }
            free(vars.s);
        }
        free(common.s);
    }
    if (st == SIM_OK) {
        char *html = cc_gnuplot_path(dir, "report.html");
        if (cc_html_write(&rd, html, made, n_made, note, &diag) != SIM_OK) rc = SIM_EIO;
        free(html);
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    for (size_t k = 0; k < n_made; k++) free(svgs[k]);
    free(scripts);
    free(plotdir);
    free(datadir);
    cc_rundir_fini(&rd);
    return rc;
}
