/* models/sweep.c: the grid, run point after point.
 * Points are run in order (the last axis fastest), each with all threads on its
 * replications; the results are summarised at once and freed, so memory stays that of
 * one point. sweep.csv is long format:
 *   point,<key 1>,...,<key k>,scope,name,measure,mean,ci95_low,ci95_high,replications
 * with the keys' numeric values (units dropped), so gnuplot and pandas can plot a
 * measure against a key directly. */
#include "models/sweep.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/report.h"
#include "sim/mem.h"
#include "sim/status.h"
#include "sim/summary.h"

/* "150/h" -> 150 and "/h". */
static int split_number(const char *s, double *x, const char **suffix)
{
    char *end = NULL;
    errno = 0;
    *x = strtod(s, &end);
    if (end == s || errno || !isfinite(*x)) return SIM_EINVAL;
    *suffix = end;
    return SIM_OK;
}

int cc_sweep_axis_parse(const char *spec, cc_sweep_axis *axis, char *err, size_t len)
{
    memset(axis, 0, sizeof *axis);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec) {
        snprintf(err, len, "--vary %s: write KEY=FROM:TO:STEP, e.g. agents.team.staff=10:20:1", spec);
        return SIM_EINVAL;
    }
    const char *range = eq + 1;
    const char *c1 = strchr(range, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1 || !c2 || strchr(c2 + 1, ':')) {
        snprintf(err, len, "--vary %s: the range must be FROM:TO:STEP", spec);
        return SIM_EINVAL;
    }
    char from_s[128], to_s[128], step_s[128];
    snprintf(from_s, sizeof from_s, "%.*s", (int)(c1 - range), range);
    snprintf(to_s, sizeof to_s, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
    snprintf(step_s, sizeof step_s, "%s", c2 + 1);
    double from, to, step;
    const char *u1, *u2, *u3;
    if (split_number(from_s, &from, &u1) || split_number(to_s, &to, &u2) ||
        split_number(step_s, &step, &u3)) {
        snprintf(err, len, "--vary %s: FROM, TO and STEP must be numbers (with a unit if the key "
                 "has one)", spec);
        return SIM_EINVAL;
    }
    if (strcmp(u1, u2) != 0 || (u3[0] && strcmp(u1, u3) != 0)) {
        snprintf(err, len, "--vary %s: FROM, TO and STEP must have the same unit", spec);
        return SIM_EINVAL;
    }
    if (!(step > 0) || to < from) {
        snprintf(err, len, "--vary %s: need FROM <= TO and STEP > 0", spec);
        return SIM_EINVAL;
    }
    double count = floor((to - from) / step + 1e-9) + 1;
    if (count > CC_SWEEP_POINTS_MAX) {
        snprintf(err, len, "--vary %s: %.0f values; at most %d", spec, count, CC_SWEEP_POINTS_MAX);
        return SIM_ELIMIT;
    }
    axis->n = (size_t)count;
    axis->key = sim_xstrdup(spec);
    axis->key[eq - spec] = '\0';
    axis->text = sim_xcalloc(axis->n, sizeof *axis->text);
    axis->value = sim_xcalloc(axis->n, sizeof *axis->value);
    for (size_t i = 0; i < axis->n; i++) {
        /* Computed from FROM each time, so steps like 0.1 do not accumulate error. */
        double v = from + (double)i * step;
        char buf[160];
        snprintf(buf, sizeof buf, "%.10g%s", v, u1);
        axis->text[i] = sim_xstrdup(buf);
        axis->value[i] = v;
    }
    return SIM_OK;
}

void cc_sweep_axis_fini(cc_sweep_axis *axis)
{
    for (size_t i = 0; i < axis->n; i++) free(axis->text[i]);
    free(axis->text);
    free(axis->value);
    free(axis->key);
    memset(axis, 0, sizeof *axis);
}

/* A table column as wide as the key it shows. */
static int width(const cc_sweep_axis *a)
{
    size_t w = strlen(a->key);
    return w < 12 ? 12 : (int)w;
}

static void progress_bar(size_t done, size_t total)
{
    char bar[41];
    size_t full = total ? done * 40 / total : 40;
    for (size_t i = 0; i < 40; i++) bar[i] = i < full ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\rccsim: sweep [%s] %zu of %zu points", bar, done, total);
    if (done == total) fputc('\n', stderr);
}

int cc_sweep_run(const cc_sim_options *o, const cc_sweep_axis *axes, size_t n_axes,
                 const char *outdir, bool quiet)
{
    size_t points = 1;
    for (size_t a = 0; a < n_axes; a++) {
        points *= axes[a].n;
        if (points > CC_SWEEP_POINTS_MAX) {
            fprintf(stderr, "ccsim: sweep: more than %d points in the grid\n", CC_SWEEP_POINTS_MAX);
            return 2;
        }
    }
    cc_diag diag;
    cc_diag_init(&diag);
    cc_outfile out = {0};
    int rc = 0;
    if (outdir) {
        size_t len = strlen(outdir) + 32;
        char *path = sim_xmalloc(len);
        snprintf(path, len, "%s/sweep.csv", outdir);
        if (cc_report_mkdirs(outdir, &diag) != SIM_OK || cc_outfile_open(&out, path, &diag) != SIM_OK)
            rc = 1;
        free(path);
        if (rc == 0) {
            fputs("point", out.f);
            for (size_t a = 0; a < n_axes; a++) {
                fputc(',', out.f);
                cc_outfile_field(&out, axes[a].key);
            }
            fputs(",scope,name,measure,mean,ci95_low,ci95_high,replications\n", out.f);
        }
    }
    bool tty = isatty(STDERR_FILENO);
    cc_sim_options so = *o;
    so.progress = false;
    char **sets = sim_xcalloc(n_axes ? n_axes : 1, sizeof *sets);
    size_t *at = sim_xcalloc(n_axes ? n_axes : 1, sizeof *at);
    for (size_t p = 0; p < points && rc == 0; p++) {
        /* The point's coordinates, the last axis fastest. */
        size_t rest = p;
        for (size_t a = n_axes; a-- > 0;) {
            at[a] = rest % axes[a].n;
            rest /= axes[a].n;
        }
        for (size_t a = 0; a < n_axes; a++) {
            size_t len = strlen(axes[a].key) + strlen(axes[a].text[at[a]]) + 2;
            free(sets[a]);
            sets[a] = sim_xmalloc(len);
            snprintf(sets[a], len, "%s=%s", axes[a].key, axes[a].text[at[a]]);
        }
        cc_sim sim;
        rc = cc_sim_run(&so, (const char *const *)sets, n_axes, &sim);
        if (rc != 0) break;
        const cc_measure *ms = cc_model_measures(sim.m);
        size_t nm = cc_model_measure_count(sim.m);
        if (!quiet) {
            if (p == 0) {
                printf("%s\n%zu replications per point on common random numbers (seed %llu)\n\n",
                       sim.sc.name, sim.n, (unsigned long long)sim.sc.seed);
                for (size_t a = 0; a < n_axes; a++) printf("%-*s ", width(&axes[a]), axes[a].key);
                for (size_t c = 0; c < sim.sc.n_channels; c++)
                    if (sim.sc.channels[c].n_sla) printf("%-12.12s ", sim.sc.channels[c].name);
                printf("%12s %12s\n", "abandon", "total cost");
            }
            for (size_t a = 0; a < n_axes; a++) printf("%-*s ", width(&axes[a]), axes[a].text[at[a]]);
            for (size_t c = 0; c < sim.sc.n_channels; c++) {
                const cc_channel *ch = &sim.sc.channels[c];
                if (!ch->n_sla) continue;
                char name[48];
                snprintf(name, sizeof name, "service_level_%.0fs", floor(ch->sla[0].within_s));
                sim_summary s = cc_sim_summary(&sim, CC_SCOPE_CHANNEL, c, name, -1);
                printf("%11.2f%% ", 100 * s.mean);
            }
            sim_summary ab = cc_sim_summary(&sim, CC_SCOPE_TOTAL, 0, "abandon_rate", -1);
            sim_summary cost = cc_sim_summary(&sim, CC_SCOPE_TOTAL, 0, "total_cost", -1);
            printf("%11.2f%% %12.0f\n", 100 * ab.mean, cost.mean);
        }
        if (out.f) {
            for (size_t k = 0; k < nm; k++) {
                sim_summary s = cc_sim_summary(&sim, ms[k].scope, ms[k].index, ms[k].name, -1);
                cc_report_clamp(ms[k].name, &s);
                fprintf(out.f, "%zu", p + 1);
                for (size_t a = 0; a < n_axes; a++) {
                    fputc(',', out.f);
                    cc_outfile_number(&out, axes[a].value[at[a]]);
                }
                fputc(',', out.f);
                cc_report_summary_fields(&out, sim.m, &ms[k], &s);
                fputc('\n', out.f);
            }
        }
        cc_sim_free(&sim);
        if (tty) progress_bar(p + 1, points);
    }
    if (out.f) {
        if (rc == 0) {
            if (cc_outfile_commit(&out, &diag) != SIM_OK) rc = 1;
        } else {
            cc_outfile_abort(&out);
        }
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    for (size_t a = 0; a < n_axes; a++) free(sets[a]);
    free(sets);
    free(at);
    return rc;
}
