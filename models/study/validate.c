/* models/study/validate.c: the steps of a validation, in order: the scenario loaded,
 * the log read (read_log), the variant made (observed_variant), the simulation run, the rows
 * filled (compare_rows), then the table and the files.
 *
 * Data structure: one row per scope (the total, then each channel when there are
 * several), interval and measure, flat in that order; the table, validate.csv and the
 * chart all read the same rows. A scenario has at most a few thousand intervals and a
 * handful of channels, so the rows are a few hundred KB at most. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/study/validate.h"

#include "models/io/load.h"
#include "models/center/erlang.h"
#include "models/report/gnuplot.h"
#include "models/report/report.h"
#include "models/study/simulate.h"
#include "models/io/units.h"
#include "sim/sim.h"

#include <gsl/gsl_rng.h>

enum { M_OFFERED, M_ANSWERED, M_ABANDON, M_ASA, M_SL20, M_SL60, N_M };
static const char *const M_NAMES[N_M] = {"offered", "answered", "abandon_rate", "asa_s",
                                         "service_level_20s", "service_level_60s"};
/* The same measures in the table of models/center/measure.h, with their thresholds. */
static const cc_measure_id M_IDS[N_M] = {CC_M_OFFERED, CC_M_ANSWERED, CC_M_ABANDON_RATE, CC_M_ASA,
                                         CC_M_SERVICE_LEVEL, CC_M_SERVICE_LEVEL};
static const double M_THRESHOLDS[N_M] = {0, 0, 0, 0, 20, 60};

/* Arrival rate of channel c at time t (per second). */
static double rate_at(const cc_channel *ch, double t)
{
    double r = 0;
    for (size_t i = 0; i < ch->n_segments; i++)
        if (ch->segments[i].start_s <= t) r = ch->segments[i].rate_per_s;
    return r;
}

/* Erlang A needs an exponential patience. For another law G the equivalent mean is the
 * exponential maximum-likelihood estimate that G's first five minutes would give,
 * theta = E[min(T, 300 s)] / P(T <= 300 s): exactly the mean when G is exponential, and
 * it weighs the waits that matter (ASA is seconds to minutes), not G's far tail, which
 * a lognormal with cv 6 makes enormous. Computed from 20,000 draws of a fixed stream. */
static double erlang_patience(const sim_dist *d)
{
    if (d->kind == SIM_DIST_EXPONENTIAL) return sim_dist_mean(d);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12345);
    double sum = 0, hit = 0, tau = 300;
    for (int i = 0; i < 20000; i++) {
        double t = sim_dist_sample(r, d);
        sum += fmin(t, tau);
        hit += t <= tau;
    }
    gsl_rng_free(r);
    return hit > 0 ? sum / hit : INFINITY;
}

/* Erlang A for interval i over the channels in [c0, c1). */
static bool erlang_at(const cc_scenario *sc, size_t c0, size_t c1, size_t i, double out[N_M])
{
    double t = cc_scenario_interval_start(sc, i) + sc->interval_s / 2;
    double lam = 0, work = 0, pat = 0, pat_w = 0;
    for (size_t c = c0; c < c1; c++) {
        const cc_channel *ch = &sc->channels[c];
        double contained = 0;
        for (size_t b = 0; b < sc->n_bots; b++)
            if (sc->bots[b].serves[c]) contained = sc->bots[b].containment[c];
        double l = rate_at(ch, t) * (1 - contained);
        lam += l;
        work += l * sim_dist_mean(&ch->handle_time);
        if (ch->has_patience) {
            pat += l * erlang_patience(&ch->patience);
            pat_w += l;
        }
    }
    long n = 0;
    for (size_t g = 0; g < sc->n_groups; g++) n += cc_scenario_staff_at(sc, g, t);
    for (size_t m = 0; m < N_M; m++) out[m] = NAN;
    if (!(lam > 0) || n < 1) return false;
    double aht = work / lam, theta = pat_w > 0 ? pat / pat_w : INFINITY;
    cc_erlang_result r20, r60;
    if (cc_erlang_a(lam, aht, theta, (unsigned)n, 20, &r20) != SIM_OK ||
        cc_erlang_a(lam, aht, theta, (unsigned)n, 60, &r60) != SIM_OK)
        return false;
    double q = lam * sc->interval_s;
    out[M_OFFERED] = NAN;
    out[M_ANSWERED] = q * (1 - r20.p_abandon);
    out[M_ABANDON] = r20.p_abandon;
    out[M_ASA] = r20.asa_s;
    out[M_SL20] = r20.service_level;
    out[M_SL60] = r60.service_level;
    return true;
}

static double obs_value(const cc_calib_observed *o, size_t m)
{
    switch (m) {
    case M_OFFERED: return o->offered;
    case M_ANSWERED: return o->answered;
    case M_ABANDON: return o->abandon_rate;
    case M_ASA: return o->asa_s;
    case M_SL20: return o->sl20;
    default: return o->sl60;
    }
}

/* Draws DIR/plots/validate.png from plots/validate.gp (models/report/gnuplot.h); false,
 * with a message, when it cannot. */
static bool draw_plot(const char *dir, const char *name)
{
    char *scripts = cc_gnuplot_scripts();
    if (!scripts) {
        fprintf(stderr, "ccsim: validate: cannot find the gnuplot scripts (plots/common.gp); "
                        "set CCSIM_PLOTS to their folder: no chart\n");
        return false;
    }
    char *plotdir = cc_gnuplot_path(dir, "plots"), *quoted = cc_gnuplot_string(name, 0);
    size_t len = strlen(quoted) + 16;
    char *vars = sim_xmalloc(len);
    snprintf(vars, len, "scenario = %s", quoted);
    cc_gnuplot_chart g = {scripts, "validate.gp", plotdir, cc_gnuplot_png_terminal(plotdir),
                          "validate.png", "data/validate.log", vars, "validate"};
    bool ok = cc_gnuplot_draw(&g);
    free(vars);
    free(quoted);
    free(plotdir);
    free(scripts);
    return ok;
}

/* One measure of one scope and interval: observed, simulated (mean, CI, replications
 * with a value) and Erlang A. */
typedef struct row {
    double obs, sim, lo, hi, ea;
    size_t reps;
} row;

/* The scenario as validate simulates it, changed in place: two service levels (20 s
 * and 60 s) on every realtime channel, so that both measures exist whatever the file
 * says, and the log's arrivals and agents seen serving when asked. */
static void observed_variant(const cc_validate_options *o, cc_scenario *sc, const cc_calib *c)
{
    static const cc_sla both[2] = {{20, 0.8, NULL}, {60, 0.9, NULL}};
    size_t ni = sc->n_intervals;
    double *rate = sim_xcalloc(ni + 1, sizeof *rate);
    long *staff = sim_xcalloc(ni + 1, sizeof *staff);
    for (size_t ch = 0; ch < sc->n_channels; ch++) {
        if (sc->channels[ch].mode == CC_MODE_REALTIME) cc_scenario_set_sla(sc, ch, both, 2);
        if (!o->use_arrivals) continue;
        int lc = cc_calib_channel_find(c, sc->channels[ch].name);
        if (lc < 0) {
            fprintf(stderr, "ccsim: validate: --use-observed arrivals: the log has no contacts of "
                            "channel %s; it keeps the scenario's arrivals\n", sc->channels[ch].name);
            continue;
        }
        for (size_t i = 0; i < ni; i++) {
            cc_calib_observed ob = cc_calib_observe(c, lc, cc_scenario_interval_start(sc, i), sc->interval_s);
            rate[i] = ob.offered / sc->interval_s;
        }
        cc_scenario_set_profile(sc, ch, rate);
    }
    for (size_t g = 0; o->use_staff && g < sc->n_groups; g++) {
        const char *gn = sc->groups[g].name;
        if (isnan(cc_calib_group_staff(c, gn, sc->start_s))) {
            fprintf(stderr, "ccsim: validate: --use-observed staff: the log has no agents of "
                            "group %s; it keeps the scenario's staffing\n", gn);
            continue;
        }
        for (size_t i = 0; i < ni; i++) {
            double v = cc_calib_group_staff(c, gn, cc_scenario_interval_start(sc, i));
            staff[i] = v > 0 ? (long)fmax(1, floor(v + 0.5)) : 0;
        }
        cc_scenario_set_staff(sc, g, staff);
    }
    free(rate);
    free(staff);
}

/* The rows of every scope (the total, and each channel when there are several; *n_scopes
 * of them), interval and measure: rows[(scope * intervals + i) * N_M + m]. */
static row *compare_rows(const cc_sim *sim, const cc_calib *c, size_t *n_scopes_out)
{
    const cc_scenario *ss = &sim->sc;
    size_t ni = ss->n_intervals;
    size_t n_scopes = 1 + (ss->n_channels > 1 ? ss->n_channels : 0);
    row *rows = sim_xcalloc(n_scopes * ni * N_M, sizeof *rows);
    for (size_t s = 0; s < n_scopes; s++) {
        long lc = -1;
        size_t c0 = 0, c1 = ss->n_channels;
        if (s > 0) {
            c0 = s - 1;
            c1 = s;
            lc = cc_calib_channel_find(c, ss->channels[c0].name);
        }
        for (size_t i = 0; i < ni; i++) {
            double t0 = cc_scenario_interval_start(ss, i);
            cc_calib_observed o = cc_calib_observe(c, lc, t0, ss->interval_s);
            if (s > 0 && lc < 0) memset(&o, 0, sizeof o), o.abandon_rate = o.asa_s = o.sl20 = o.sl60 = NAN;
            double ea[N_M];
            erlang_at(ss, c0, c1, i, ea);
            for (size_t m = 0; m < N_M; m++) {
                row *r = &rows[(s * ni + i) * N_M + m];
                sim_summary su = cc_sim_summary_of(sim, s == 0 ? CC_SCOPE_TOTAL : CC_SCOPE_CHANNEL,
                                                   s == 0 ? 0 : c0, M_IDS[m], M_THRESHOLDS[m], (long)i);
                cc_report_clamp_of(M_IDS[m], &su);
                r->obs = obs_value(&o, m);
                r->sim = su.mean;
                r->lo = su.ci95_low;
                r->hi = su.ci95_high;
                r->reps = su.n;
                r->ea = ea[m];
            }
        }
    }
    *n_scopes_out = n_scopes;
    return rows;
}

/* The table of the total scope, and the mean absolute errors. */
static void print_table(const cc_validate_options *o, const cc_scenario *ss, const cc_calib *c,
                        const row *rows)
{
    size_t ni = ss->n_intervals;
    printf("validation of %s against %zu day%s of the log (%s)\n", o->scenario, cc_calib_days(c),
           cc_calib_days(c) == 1 ? "" : "s", o->use_arrivals || o->use_staff ? "simulated with the log's "
           "observed arrivals/staff" : "the scenario as written");
    printf("%-6s %7s %7s | %-23s %6s | %-24s %6s | %-23s %6s\n", "start", "off.obs", "off.sim",
           "abandon obs  sim [95% CI]", "ErlA", "ASA s obs  sim [95% CI]", "ErlA",
           "SL20 obs  sim [95% CI]", "ErlA");
    for (size_t i = 0; i < ni; i++) {
        char clk[16];
        cc_units_format_clock(cc_scenario_interval_start(ss, i), clk, sizeof clk);
        const row *r = &rows[i * N_M];
        printf("%-6s %7.1f %7.1f | %5.3f %5.3f [%5.3f,%5.3f] %6.3f | %6.1f %6.1f [%5.1f,%5.1f] %6.1f | "
               "%5.3f %5.3f [%5.3f,%5.3f] %6.3f\n",
               clk, r[M_OFFERED].obs, r[M_OFFERED].sim, r[M_ABANDON].obs, r[M_ABANDON].sim,
               r[M_ABANDON].lo, r[M_ABANDON].hi, r[M_ABANDON].ea, r[M_ASA].obs, r[M_ASA].sim,
               r[M_ASA].lo, r[M_ASA].hi, r[M_ASA].ea, r[M_SL20].obs, r[M_SL20].sim, r[M_SL20].lo,
               r[M_SL20].hi, r[M_SL20].ea);
    }
    printf("mean absolute error over the intervals (total):\n");
    for (size_t m = M_ABANDON; m < N_M; m++) {
        double es = 0, ee = 0;
        size_t ns = 0, ne = 0;
        for (size_t i = 0; i < ni; i++) {
            const row *r = &rows[i * N_M + m];
            if (isfinite(r->obs) && isfinite(r->sim)) es += fabs(r->sim - r->obs), ns++;
            if (isfinite(r->obs) && isfinite(r->ea)) ee += fabs(r->ea - r->obs), ne++;
        }
        printf("  %-18s simulation %8.4f   Erlang A %8.4f\n", M_NAMES[m], ns ? es / (double)ns : NAN,
               ne ? ee / (double)ne : NAN);
    }
}

/* OUTDIR/validate.csv, long format: every scope, interval and measure. */
static int write_csv(const char *outdir, const cc_scenario *ss, const row *rows, size_t n_scopes,
                     cc_diag *diag)
{
    size_t ni = ss->n_intervals;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/plots/data", outdir);
    cc_outfile o;
    int st = cc_outfile_mkdirs(path, diag);
    snprintf(path, sizeof path, "%s/validate.csv", outdir);
    if (st == SIM_OK) st = cc_outfile_open(&o, path, diag);
    if (st != SIM_OK) return st;
    fputs("interval_start,scope,name,measure,observed,simulated,ci95_low,ci95_high,replications,"
          "erlang_a,sim_error,erlang_a_error\n", o.f);
    for (size_t s = 0; s < n_scopes; s++) {
        for (size_t i = 0; i < ni; i++) {
            char clk[16];
            cc_units_format_clock(cc_scenario_interval_start(ss, i), clk, sizeof clk);
            for (size_t m = 0; m < N_M; m++) {
                const row *r = &rows[(s * ni + i) * N_M + m];
                cc_outfile_field(&o, clk);
                fputs(s == 0 ? ",total," : ",channel,", o.f);
                cc_outfile_field(&o, s == 0 ? "all" : ss->channels[s - 1].name);
                fputc(',', o.f);
                cc_outfile_field(&o, M_NAMES[m]);
                double v[] = {r->obs, r->sim, r->lo, r->hi, (double)r->reps, r->ea,
                              r->sim - r->obs, r->ea - r->obs};
                for (size_t k = 0; k < 8; k++) {
                    fputc(',', o.f);
                    cc_outfile_number(&o, v[k]);
                }
                fputc('\n', o.f);
            }
        }
    }
    return cc_outfile_commit(&o, diag);
}

/* The chart's data, OUTDIR/plots/data/validate.csv: numbers only (x in seconds, the
 * interval's middle), one block per measure drawn. */
static int write_chart_data(const char *outdir, const cc_scenario *ss, const row *rows,
                            cc_diag *diag)
{
    size_t ni = ss->n_intervals;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/plots/data/validate.csv", outdir);
    cc_outfile o;
    int st = cc_outfile_open(&o, path, diag);
    if (st != SIM_OK) return st;
    for (size_t m = M_ABANDON; m <= M_SL20; m++) {
        for (size_t i = 0; i < ni; i++) {
            const row *r = &rows[i * N_M + m];
            double x = cc_scenario_interval_start(ss, i) + ss->interval_s / 2;
            double v[] = {x, r->obs, r->sim, r->lo, r->hi, r->ea};
            for (size_t k = 0; k < 6; k++) {
                if (k) fputc(',', o.f);
                cc_outfile_number(&o, v[k]);
            }
            fputc('\n', o.f);
        }
        fputs("\n\n", o.f);
    }
    return cc_outfile_commit(&o, diag);
}

/* The chart: its clock axis (OUTDIR/plots/data/axis.gp), then gnuplot. The CSV is the
 * result and the chart a convenience, so a chart that cannot be drawn is said, not a
 * failure. */
static void chart(const cc_validate_options *o, const cc_scenario *ss)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/plots/data/axis.gp", o->outdir);
    cc_outfile axis;
    cc_diag diag;
    cc_diag_init(&diag);
    if (cc_outfile_open(&axis, path, &diag) == SIM_OK) {
        fprintf(axis.f, "xmin = %.0f; xmax = %.0f; xstep = %.0f\n", ss->start_s, ss->end_s,
                ss->end_s - ss->start_s > 12 * 3600 ? 7200.0 : 3600.0);
        cc_outfile_commit(&axis, &diag);
    }
    /* Without the axis file the chart is drawn on gnuplot's own axis. */
    cc_diag_fini(&diag);
    if (draw_plot(o->outdir, ss->name ? ss->name : "") && !o->quiet)
        printf("written: %s/validate.csv, %s/plots/validate.png\n", o->outdir, o->outdir);
}

/* The log read over the scenario's horizon and with its interval; NULL (said on stderr)
 * when it cannot be, with the status in *st. */
static cc_calib *read_log(const cc_validate_options *o, const cc_scenario *sc, int *st)
{
    cc_calib_options co = o->log;
    co.observe_only = true;
    co.interval_s = sc->interval_s;
    co.has_hours = true;
    co.open_s = sc->start_s;
    co.close_s = sc->end_s;
    cc_calib *c = cc_calib_alloc(&co);
    *st = cc_calib_run(c, o->logs, o->n_logs);
    if (*st == SIM_OK) return c;
    cc_calib_free(c);
    return NULL;
}

/* The simulation of the variant, then the rows, the table and the files. */
static int simulate_and_report(const cc_validate_options *o, cc_scenario *sc, const cc_calib *c)
{
    observed_variant(o, sc, c);
    cc_sim_options so = o->sim;
    so.scenario = o->scenario;
    cc_sim sim;
    int st = cc_sim_status(cc_sim_run_scenario(&so, sc, &sim));
    if (st != SIM_OK) return st;
    size_t n_scopes;
    row *rows = compare_rows(&sim, c, &n_scopes);
    if (!o->quiet) print_table(o, &sim.sc, c, rows);
    if (o->outdir) {
        cc_diag diag;
        cc_diag_init(&diag);
        st = write_csv(o->outdir, &sim.sc, rows, n_scopes, &diag);
        if (st == SIM_OK) st = write_chart_data(o->outdir, &sim.sc, rows, &diag);
        cc_diag_fprint(stderr, &diag);
        cc_diag_fini(&diag);
        if (st != SIM_OK) st = SIM_EIO;
        else chart(o, &sim.sc);
    }
    free(rows);
    cc_sim_free(&sim);
    return st;
}

/* The log and the scenario must speak of the same channels. A log channel the scenario
 * lacks is simulated by no one, yet its contacts are in the observed total, and a
 * scenario channel the log lacks has nothing observed; both are said. When no channel is
 * in both, nothing can be compared: SIM_EINVAL. */
static int check_channels(const cc_validate_options *o, const cc_scenario *sc, const cc_calib *c)
{
    size_t shared = 0;
    for (size_t i = 0; i < cc_calib_channel_count(c); i++) {
        const char *name = cc_calib_channel_name(c, i);
        if (cc_scenario_channel(sc, name) >= 0) {
            shared++;
            continue;
        }
        fprintf(stderr, "ccsim: validate: the log's channel %s is not in the scenario %s: its "
                        "contacts are in the observed total but simulated by no one\n",
                name, o->scenario);
    }
    for (size_t ch = 0; ch < sc->n_channels; ch++)
        if (cc_calib_channel_find(c, sc->channels[ch].name) < 0)
            fprintf(stderr, "ccsim: validate: the log has no contacts of the scenario's channel "
                            "%s: nothing observed to compare with\n", sc->channels[ch].name);
    if (shared == 0) {
        fprintf(stderr, "ccsim: validate: none of the log's channels is in the scenario %s; "
                        "name the log's channels as the scenario does\n", o->scenario);
        return SIM_EINVAL;
    }
    return SIM_OK;
}

int cc_validate_run(const cc_validate_options *o)
{
    /* The scenario first (with the command line's overrides), for its interval and
     * horizon; the simulation runs a variant of it. */
    cc_scenario sc;
    cc_sim_options so = o->sim;
    so.scenario = o->scenario;
    if (cc_sim_load(&so, NULL, 0, &sc) != 0) return SIM_EINVAL;
    int st;
    cc_calib *c = read_log(o, &sc, &st);
    if (c) st = check_channels(o, &sc, c);
    if (c && st == SIM_OK) st = simulate_and_report(o, &sc, c);
    cc_calib_free(c);
    cc_scenario_fini(&sc);
    return st;
}
