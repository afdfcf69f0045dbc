/* models/report/report.c: summaries across replications, CSV files and the text table.
 * A measure's summary takes its value from each replication (NaN where undefined) and
 * asks sim/summary for the mean and the t-based 95% CI. CSV fields that hold names go
 * through libcsv's writer, so a channel called `a,"b"` stays one field. */
#include "models/report/report.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/io/outdir.h"
#include "models/io/outfile.h"
#include "models/io/units.h"
#include "sim/mem.h"
#include "sim/status.h"
#include "sim/summary.h"

/* The name column: the channel, group, bot or segment ("channel/segment"), or "all". */
static const char *scope_item_name(const cc_model *model, const cc_measure *m, char *buf, size_t len)
{
    const cc_scenario *sc = cc_model_scenario(model);
    size_t c, k;
    switch (m->scope) {
    case CC_SCOPE_CHANNEL: return sc->channels[m->index].name;
    case CC_SCOPE_GROUP: return sc->groups[m->index].name;
    case CC_SCOPE_BOT: return sc->bots[m->index].name;
    case CC_SCOPE_SEGMENT:
        if (cc_model_segment_of(model, m->index, &c, &k) != 0) return "?";
        snprintf(buf, len, "%s/%s", sc->channels[c].name, sc->channels[c].customers[k].name);
        return buf;
    default: return "all";
    }
}

/* A t interval knows no bound, and a manager should never read "a service level of
 * 101.7%": every measure is never negative, and a fraction (the table's kind) is at most
 * 1. A name the table does not know gets the bound every measure has. */
static void clamp(bool fraction, sim_summary *s)
{
    if (s->ci95_low < 0) s->ci95_low = 0;
    if (fraction && s->ci95_high > 1) s->ci95_high = 1;
}

void cc_report_clamp_of(cc_measure_id id, sim_summary *s)
{
    clamp(cc_measure_kind_of(id) == CC_KIND_FRACTION, s);
}

/* Summary of measure k over replications; interval < 0 for the whole window. */
static sim_summary summarise(const cc_model *m, const cc_rep_result *res, size_t n_reps, size_t k,
                             long interval)
{
    sim_summary s = cc_model_summary(m, res, n_reps, k, interval);
    cc_report_clamp_of(cc_model_measures(m)[k].id, &s);
    return s;
}

void cc_report_summary_fields(cc_outfile *o, const cc_model *model, const cc_measure *mm,
                              const sim_summary *s)
{
    char buf[512], name[CC_MEASURE_NAME_MAX];
    cc_outfile_field(o, cc_model_scope_name(mm->scope));
    fputc(',', o->f);
    cc_outfile_field(o, scope_item_name(model, mm, buf, sizeof buf));
    fputc(',', o->f);
    cc_outfile_field(o, cc_measure_format(mm->id, mm->threshold_s, name, sizeof name));
    fputc(',', o->f);
    cc_outfile_number(o, s->mean);
    fputc(',', o->f);
    cc_outfile_number(o, s->ci95_low);
    fputc(',', o->f);
    cc_outfile_number(o, s->ci95_high);
    fprintf(o->f, ",%zu", s->n);
}

static void write_summary_row(cc_outfile *o, const cc_model *model, const cc_measure *mm,
                              const sim_summary *s)
{
    cc_report_summary_fields(o, model, mm, s);
    fputc('\n', o->f);
}

/* What was run, for plots and the HTML report: the scenario's name and settings
 * (scenario.csv), and the service-level targets the charts draw against (targets.csv). */
int cc_report_write_setup(const cc_model *m, size_t n_reps, size_t asked, const char *outdir,
                          cc_diag *diag)
{
    const cc_scenario *sc = cc_model_scenario(m);
    int st = cc_outfile_mkdirs(outdir, diag);
    if (st != SIM_OK) return st;
    size_t len = strlen(outdir) + 32;
    char *path = sim_xmalloc(len);
    cc_outfile o;
    snprintf(path, len, "%s/scenario.csv", outdir);
    if (st == SIM_OK && (st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        char clock[32];
        fputs("key,value\n", o.f);
        const char *keys[] = {"name", "file", "currency"}, *values[] = {sc->name, sc->path, sc->currency};
        for (size_t k = 0; k < 3; k++) {
            fprintf(o.f, "%s,", keys[k]);
            cc_outfile_field(&o, values[k]);
            fputc('\n', o.f);
        }
        fprintf(o.f, "seed,%llu\nreplications,%zu\nreplications_asked,%zu\ncomplete,%s\n",
                (unsigned long long)sc->seed, n_reps, asked, n_reps == asked ? "true" : "false");
        cc_units_format_clock(sc->start_s, clock, sizeof clock);
        fprintf(o.f, "horizon_start,%s\n", clock);
        cc_units_format_clock(sc->end_s, clock, sizeof clock);
        fprintf(o.f, "horizon_end,%s\n", clock);
        cc_units_format_clock(sc->count_from_s, clock, sizeof clock);
        fprintf(o.f, "counted_from,%s\ninterval_s,", clock);
        cc_outfile_number(&o, sc->interval_s);
        fprintf(o.f, "\npolicy,%s\nagent_selection,%s\n", cc_scenario_policy_name(sc),
                cc_scenario_selection_name(sc->selection));
        st = cc_outfile_commit(&o, diag);
    }
    snprintf(path, len, "%s/targets.csv", outdir);
    if (st == SIM_OK && (st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        fputs("channel,measure,within_s,target,name\n", o.f);
        for (size_t c = 0; c < sc->n_channels; c++)
            for (size_t k = 0; k < sc->channels[c].n_sla; k++) {
                const cc_sla *sl = &sc->channels[c].sla[k];
                char name[CC_MEASURE_NAME_MAX];
                cc_outfile_field(&o, sc->channels[c].name);
                fprintf(o.f, ",%s,", cc_measure_format(CC_M_SERVICE_LEVEL,
                                                       cc_measure_threshold_of(sl->within_s),
                                                       name, sizeof name));
                cc_outfile_number(&o, sl->within_s);
                fputc(',', o.f);
                cc_outfile_number(&o, sl->target);
                fputc(',', o.f);
                cc_outfile_field(&o, sl->name ? sl->name : "");
                fputc('\n', o.f);
            }
        st = cc_outfile_commit(&o, diag);
    }

    free(path);
    return st;
}

static int write_results(const cc_model *m, const cc_rep_result *res, size_t n_reps, size_t asked,
                         const char *outdir, cc_diag *diag)
{
    const cc_scenario *sc = cc_model_scenario(m);
    const cc_measure *ms = cc_model_measures(m);
    size_t nm = cc_model_measure_count(m);
    int st = cc_outfile_mkdirs(outdir, diag);
    if (st != SIM_OK) return st;
    size_t len = strlen(outdir) + 32;
    char *path = sim_xmalloc(len);
    cc_outfile o;

    snprintf(path, len, "%s/summary.csv", outdir);
    if ((st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        fputs("scope,name,measure,mean,ci95_low,ci95_high,replications\n", o.f);
        for (size_t k = 0; k < nm; k++) {
            sim_summary s = summarise(m, res, n_reps, k, -1);
            write_summary_row(&o, m, &ms[k], &s);
        }
        st = cc_outfile_commit(&o, diag);
    }

    snprintf(path, len, "%s/intervals.csv", outdir);
    if (st == SIM_OK && (st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        fputs("interval_start,scope,name,measure,mean,ci95_low,ci95_high,replications\n", o.f);
        for (size_t i = 0; i < sc->n_intervals; i++) {
            /* Intervals wholly inside the warm-up count nothing: leave them out. */
            double start = cc_scenario_interval_start(sc, i);
            if (start + sc->interval_s <= sc->count_from_s) continue;
            char clock[32];
            cc_units_format_clock(start, clock, sizeof clock);
            for (size_t k = 0; k < nm; k++) {
                sim_summary s = summarise(m, res, n_reps, k, (long)i);
                fprintf(o.f, "%s,", clock);
                write_summary_row(&o, m, &ms[k], &s);
            }
        }
        st = cc_outfile_commit(&o, diag);
    }

    if (st == SIM_OK) st = cc_report_write_setup(m, n_reps, asked, outdir, diag);

    snprintf(path, len, "%s/replications.csv", outdir);
    if (st == SIM_OK && (st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        fputs("replication,scope,name,measure,value\n", o.f);
        for (size_t r = 0; r < n_reps; r++)
            for (size_t k = 0; k < nm; k++) {
                fprintf(o.f, "%llu,", (unsigned long long)res[r].replication + 1);
                cc_outfile_field(&o, cc_model_scope_name(ms[k].scope));
                fputc(',', o.f);
                char buf[512], name[CC_MEASURE_NAME_MAX];
                cc_outfile_field(&o, scope_item_name(m, &ms[k], buf, sizeof buf));
                fputc(',', o.f);
                cc_outfile_field(&o, cc_measure_format(ms[k].id, ms[k].threshold_s, name, sizeof name));
                fputc(',', o.f);
                cc_outfile_number(&o, res[r].values[k]);
                fputc('\n', o.f);
            }
        st = cc_outfile_commit(&o, diag);
    }
    free(path);
    return st;
}

int cc_report_write(const cc_model *m, const cc_rep_result *res, size_t n_reps, size_t asked,
                    const char *outdir, cc_diag *diag)
{
    static const char *const files[] = {"summary.csv", "intervals.csv", "scenario.csv",
                                        "targets.csv", "replications.csv"};
    int st = cc_outfile_mkdirs(outdir, diag);
    if (st == SIM_OK) st = cc_outdir_begin(outdir, diag);
    if (st == SIM_OK) st = write_results(m, res, n_reps, asked, outdir, diag);
    if (st == SIM_OK) st = cc_outdir_finish(outdir, files, sizeof files / sizeof files[0], diag);
    return st;
}

/* ---- the text table ---- */

static void format_number(char *buf, size_t len, double x)
{
    if (fabs(x) >= 10000) snprintf(buf, len, "%.0f", x);
    else snprintf(buf, len, "%.4g", x);
}

static void print_value(FILE *f, const cc_measure *mm, const sim_summary *s)
{
    /* Fractions as percentages, times in seconds, counts and money as they are. */
    char name[CC_MEASURE_NAME_MAX];
    cc_measure_format(mm->id, mm->threshold_s, name, sizeof name);
    bool fraction = cc_measure_kind_of(mm->id) == CC_KIND_FRACTION;
    double scale = fraction ? 100.0 : 1.0;
    const char *unit = fraction ? "%" : "";
    if (isnan(s->mean)) {
        fprintf(f, "  %-32s %14s\n", name, "-");
        return;
    }
    /* Four significant digits, but never exponents for money and counts. */
    char mean[32], lo[32], hi[32];
    format_number(mean, sizeof mean, s->mean * scale);
    if (isnan(s->ci95_low)) {
        fprintf(f, "  %-32s %13s%s\n", name, mean, unit);
    } else {
        format_number(lo, sizeof lo, s->ci95_low * scale);
        format_number(hi, sizeof hi, s->ci95_high * scale);
        fprintf(f, "  %-32s %13s%s   [%s, %s]%s\n", name, mean, unit, lo, hi, unit);
    }
}

void cc_report_fprint(FILE *f, const cc_model *m, const cc_rep_result *res, size_t n_reps)
{
    const cc_scenario *sc = cc_model_scenario(m);
    const cc_measure *ms = cc_model_measures(m);
    size_t nm = cc_model_measure_count(m);
    fprintf(f, "%s\n", sc->name);
    fprintf(f, "%zu replications, seed %llu, policy %s, %s; mean [95%% CI]; times in seconds, "
            "money in %s\n", n_reps, (unsigned long long)sc->seed,
            cc_scenario_policy_name(sc), cc_scenario_selection_name(sc->selection),
            sc->currency);
    cc_scope last_scope = (cc_scope)-1;
    size_t last_index = (size_t)-1;
    for (size_t k = 0; k < nm; k++) {
        if (ms[k].scope != last_scope || ms[k].index != last_index) {
            last_scope = ms[k].scope;
            last_index = ms[k].index;
            char buf[512];
            fprintf(f, "\n%s %s\n", cc_model_scope_name(ms[k].scope),
                    scope_item_name(m, &ms[k], buf, sizeof buf));
        }
        sim_summary s = summarise(m, res, n_reps, k, -1);
        print_value(f, &ms[k], &s);
    }
}

/* ---- policy comparison ---- */

/* Summary of measure j for policy i, and of its paired difference to policy 0. */
static void compare_one(const cc_model *const *m, const cc_rep_result *const *res, size_t i,
                        size_t j, sim_summary *own, sim_summary *diff)
{
    size_t n = (size_t)cc_model_scenario(m[i])->replications;
    *own = cc_model_summary(m[i], res[i], n, j, -1);
    cc_report_clamp_of(cc_model_measures(m[i])[j].id, own);
    *diff = cc_model_summary_diff(m[i], res[i], res[0], n, j, -1);
}

static bool significant(const sim_summary *d)
{
    return d->n > 1 && (d->ci95_low > 0 || d->ci95_high < 0);
}

void cc_compare_fprint(FILE *f, const cc_model *const *m, const cc_rep_result *const *res,
                       const char *const *names, size_t k, int quiet)
{
    const cc_scenario *sc = cc_model_scenario(m[0]);
    size_t n = (size_t)sc->replications, nm = cc_model_measure_count(m[0]);
    const cc_measure *ms = cc_model_measures(m[0]);
    size_t shown = 0, sig = 0;
    if (!quiet) {
        fprintf(f, "%s\n%zu replications per policy on common random numbers (seed %llu); "
                "mean [95%% CI]; diff = policy - %s, * = CI excludes 0\n", sc->name, n,
                (unsigned long long)sc->seed, names[0]);
    }
    for (size_t j = 0; j < nm; j++) {
        char buf[512], name[CC_MEASURE_NAME_MAX];
        if (!quiet)
            fprintf(f, "\n%s %s: %s\n", cc_model_scope_name(ms[j].scope),
                    scope_item_name(m[0], &ms[j], buf, sizeof buf),
                    cc_measure_format(ms[j].id, ms[j].threshold_s, name, sizeof name));
        for (size_t i = 0; i < k; i++) {
            sim_summary own, diff;
            compare_one(m, res, i, j, &own, &diff);
            if (i > 0 && significant(&diff)) sig++;
            if (quiet) continue;
            char mean[32], lo[32], hi[32];
            format_number(mean, sizeof mean, own.mean);
            format_number(lo, sizeof lo, own.ci95_low);
            format_number(hi, sizeof hi, own.ci95_high);
            fprintf(f, "  %-18s %12s [%s, %s]", names[i], mean, lo, hi);
            if (i > 0 && diff.n > 1) {
                format_number(mean, sizeof mean, diff.mean);
                format_number(lo, sizeof lo, diff.ci95_low);
                format_number(hi, sizeof hi, diff.ci95_high);
                fprintf(f, "   diff %s [%s, %s]%s", mean, lo, hi, significant(&diff) ? " *" : "");
            }
            fputc('\n', f);
        }
        shown++;
    }
    if (!quiet)
        fprintf(f, "\n%zu measures x %zu policies; %zu paired differences with a CI that excludes 0\n",
                shown, k, sig);
}

static int write_compare(const cc_model *const *m, const cc_rep_result *const *res,
                         const char *const *names, size_t k, const char *outdir, cc_diag *diag)
{
    const cc_scenario *sc = cc_model_scenario(m[0]);
    size_t n = (size_t)sc->replications, nm = cc_model_measure_count(m[0]);
    const cc_measure *ms = cc_model_measures(m[0]);
    int st = cc_outfile_mkdirs(outdir, diag);
    if (st != SIM_OK) return st;
    size_t len = strlen(outdir) + 32;
    char *path = sim_xmalloc(len);
    snprintf(path, len, "%s/compare.csv", outdir);
    cc_outfile o;
    st = cc_report_write_setup(m[0], n, n, outdir, diag);
    if (st == SIM_OK && (st = cc_outfile_open(&o, path, diag)) == SIM_OK) {
        fputs("policy,scope,name,measure,mean,ci95_low,ci95_high,replications,"
              "diff_mean,diff_ci95_low,diff_ci95_high,significant\n", o.f);
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < nm; j++) {
                sim_summary own, diff;
                compare_one(m, res, i, j, &own, &diff);
                cc_outfile_field(&o, names[i]);
                fputc(',', o.f);
                cc_report_summary_fields(&o, m[0], &ms[j], &own);
                fputc(',', o.f);
                cc_outfile_number(&o, diff.mean);
                fputc(',', o.f);
                cc_outfile_number(&o, diff.ci95_low);
                fputc(',', o.f);
                cc_outfile_number(&o, diff.ci95_high);
                fprintf(o.f, ",%d\n", significant(&diff) ? 1 : 0);
            }
        st = cc_outfile_commit(&o, diag);
    }
    free(path);
    return st;
}

/* ---- the per-contact log ---- */

static void time_field(cc_outfile *o, double x)
{
    if (!isnan(x)) fprintf(o->f, "%.3f", x);
}

int cc_report_write_contacts(const cc_model *m, const cc_rep_result *res, size_t n_reps,
                             const char *path, cc_diag *diag)
{
    static const char *const outcome[] = {"contained", "answered", "abandoned"};
    static const char *const kind[] = {"fresh", "retrial", "switch", "repeat"};
    const cc_scenario *sc = cc_model_scenario(m);
    cc_outfile o;
    int st = cc_outfile_open(&o, path, diag);
    if (st != SIM_OK) return st;
    fputs("replication,channel,segment,kind,counted,outcome,arrival_s,queued_s,answered_s,end_s,"
          "wait_s,handle_s,group,agent\n", o.f);
    for (size_t r = 0; r < n_reps; r++)
        for (size_t i = 0; i < res[r].n_log; i++) {
            const cc_contact_record *x = &res[r].log[i];
            const cc_channel *ch = &sc->channels[x->channel];
            fprintf(o.f, "%llu,", (unsigned long long)res[r].replication + 1);
            cc_outfile_field(&o, ch->name);
            fputc(',', o.f);
            cc_outfile_field(&o, x->segment ? ch->customers[x->segment - 1].name : "");
            fprintf(o.f, ",%s,%d,%s,", kind[x->kind], x->counted ? 1 : 0, outcome[x->outcome]);
            const double stages[] = {x->arrival_s, x->queued_s, x->answered_s, x->end_s};
            for (size_t k = 0; k < 4; k++) {
                time_field(&o, stages[k]);
                fputc(',', o.f);
            }
            if (x->outcome == CC_OUTCOME_ANSWERED) time_field(&o, x->answered_s - x->queued_s);
            else if (x->outcome == CC_OUTCOME_ABANDONED) time_field(&o, x->end_s - x->queued_s);
            fputc(',', o.f);
            time_field(&o, x->handle_s);
            fputc(',', o.f);
            if (x->group >= 0) cc_outfile_field(&o, sc->groups[x->group].name);
            fputc(',', o.f);
            if (x->agent >= 0) fprintf(o.f, "%d", x->agent + 1);
            fputc('\n', o.f);
        }
    return cc_outfile_commit(&o, diag);
}

int cc_compare_write(const cc_model *const *m, const cc_rep_result *const *res,
                     const char *const *names, size_t k, const char *outdir, cc_diag *diag)
{
    static const char *const files[] = {"scenario.csv", "targets.csv", "compare.csv"};
    int st = cc_outfile_mkdirs(outdir, diag);
    if (st == SIM_OK) st = cc_outdir_begin(outdir, diag);
    if (st == SIM_OK) st = write_compare(m, res, names, k, outdir, diag);
    if (st == SIM_OK) st = cc_outdir_finish(outdir, files, sizeof files / sizeof files[0], diag);
    return st;
}
