/* models/study/sweep.c: the grid, run point after point.
 * Points are run in order (the last axis fastest), each with all threads on its
 * replications; the results are summarised at once and freed, so memory stays that of
 * one point. sweep.csv is long format:
 *   point,<key 1>,...,<key k>,scope,name,measure,mean,ci95_low,ci95_high,replications
 * with the keys' numeric values (units dropped), so gnuplot and pandas can plot a
 * measure against a key directly. */
#include "models/study/sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/io/csvin.h"
#include "models/io/units.h"
#include "models/report/report.h"
#include "models/study/resume.h"
#include "sim/check.h"
#include "sim/mem.h"
#include "sim/status.h"
#include "sim/summary.h"

/* "150/h" -> 150 and "/h". */
static int split_number(const char *s, double *x, const char **suffix)
{
    return cc_units_leading_number(s, x, suffix, NULL, 0);
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

/* ---- finished points on disk, for --resume ----
 * With an output folder, each finished point's rows are a part (models/study/resume.h):
 * DIR/.sweep-parts/point-N.csv. sweep.csv is then the header and the parts, copied
 * byte for byte in point order, so a resumed sweep writes exactly what an
 * uninterrupted one would. */

/* Appends the bytes of file `path` to `to`. */
/* Copies a point's rows, checked against their seal, without the seal line. */
static int append_part(FILE *to, const char *path, uint64_t seal)
{
    size_t left;
    if (!cc_outfile_sealed_ok(path, seal, &left)) return -1;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char buf[65536];
    size_t got;
    int st = 0;
    while (left > 0 && (got = fread(buf, 1, left < sizeof buf ? left : sizeof buf, f)) > 0) {
        if (fwrite(buf, 1, got, to) != got) st = -1;
        left -= got;
    }
    if (ferror(f)) st = -1;
    fclose(f);
    return st;
}

/* The grid, one --vary per line, for the sweep's identity. */
static char *grid_text(const cc_sweep_axis *axes, size_t n_axes)
{
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    SIM_REQUIRE(t != NULL);
    for (size_t a = 0; a < n_axes; a++) {
        fprintf(t, "vary %s", axes[a].key);
        for (size_t i = 0; i < axes[a].n; i++) fprintf(t, " %s", axes[a].text[i]);
        fputc('\n', t);
    }
    SIM_REQUIRE(fclose(t) == 0);
    return text;
}

static void write_header(FILE *f, cc_outfile *out, const cc_sweep_axis *axes, size_t n_axes)
{
    fputs("point", f);
    for (size_t a = 0; a < n_axes; a++) {
        fputc(',', f);
        cc_outfile_field(out, axes[a].key);
    }
    fputs(",scope,name,measure,mean,ci95_low,ci95_high,replications\n", f);
}

/* ---- the table on stdout ----
 * One row per point: the first service level of each channel that has one, the total
 * abandonment and the total cost. A resumed point's row is read back from its part, so
 * a resumed sweep shows every point, as an uninterrupted one does. */
typedef struct table_row {
    double sl[CC_CHANNELS_MAX];   /* by channel index; only channels with an SLA */
    double abandon, cost;
} table_row;

static void print_header(const cc_scenario *sc, size_t replications, const cc_sweep_axis *axes,
                         size_t n_axes, size_t resumed)
{
    printf("%s\n%zu replications per point on common random numbers (seed %llu)\n", sc->name,
           replications, (unsigned long long)sc->seed);
    if (resumed) printf("(%zu points finished earlier, resumed)\n", resumed);
    printf("\n");
    for (size_t a = 0; a < n_axes; a++) printf("%-*s ", width(&axes[a]), axes[a].key);
    for (size_t c = 0; c < sc->n_channels; c++)
        if (sc->channels[c].n_sla) printf("%-12.12s ", sc->channels[c].name);
    printf("%12s %12s\n", "abandon", "total cost");
}

static void print_row(const cc_scenario *sc, const cc_sweep_axis *axes, size_t n_axes,
                      const size_t *at, const table_row *r)
{
    for (size_t a = 0; a < n_axes; a++) printf("%-*s ", width(&axes[a]), axes[a].text[at[a]]);
    for (size_t c = 0; c < sc->n_channels; c++)
        if (sc->channels[c].n_sla) printf("%11.2f%% ", 100 * r->sl[c]);
    printf("%11.2f%% %12.0f\n", 100 * r->abandon, r->cost);
}

static void row_of_sim(const cc_sim *sim, table_row *r)
{
    for (size_t c = 0; c < sim->sc.n_channels; c++) {
        const cc_channel *ch = &sim->sc.channels[c];
        if (!ch->n_sla) continue;
        r->sl[c] = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, c, CC_M_SERVICE_LEVEL,
                                     cc_measure_threshold_of(ch->sla[0].within_s), -1).mean;
    }
    r->abandon = cc_sim_summary_of(sim, CC_SCOPE_TOTAL, 0, CC_M_ABANDON_RATE, 0, -1).mean;
    r->cost = cc_sim_summary_of(sim, CC_SCOPE_TOTAL, 0, CC_M_TOTAL_COST, 0, -1).mean;
}

typedef struct part_reader {
    const cc_scenario *sc;
    size_t n_axes;
    table_row *row;
} part_reader;

/* One row of a part: point, the axes' values, scope, name, measure, mean, CI, n. */
static int part_row(void *arg, const cc_csv_row *row)
{
    part_reader *pr = arg;
    size_t k = pr->n_axes + 1;
    if (row->n_fields != k + 7) return SIM_OK;   /* the seal line */
    const char *scope = row->fields[k], *name = row->fields[k + 1];
    cc_measure_id id;
    double threshold;
    if (!cc_measure_parse(row->fields[k + 2], &id, &threshold)) return SIM_OK;
    double mean = strtod(row->fields[k + 3], NULL);
    if (strcmp(scope, "total") == 0) {
        if (id == CC_M_ABANDON_RATE) pr->row->abandon = mean;
        if (id == CC_M_TOTAL_COST) pr->row->cost = mean;
    } else if (strcmp(scope, "channel") == 0 && id == CC_M_SERVICE_LEVEL) {
        int c = cc_scenario_channel(pr->sc, name);
        if (c >= 0 && pr->sc->channels[c].n_sla &&
            threshold == cc_measure_threshold_of(pr->sc->channels[c].sla[0].within_s))
            pr->row->sl[c] = mean;
    }
    return SIM_OK;
}

/* A resumed point's row, from its part (whose seal cc_resume_take has checked). A value
 * the part lacks shows as nan. */
static void row_of_part(const cc_resume *parts, const char *name, const cc_scenario *sc,
                        size_t n_axes, table_row *r)
{
    for (size_t c = 0; c < CC_CHANNELS_MAX; c++) r->sl[c] = NAN;
    r->abandon = r->cost = NAN;
    char *path = cc_resume_path(parts, name);
    cc_diag diag;
    cc_diag_init(&diag);
    part_reader pr = {sc, n_axes, r};
    (void)cc_csvin_read(path, part_row, &pr, &diag);
    cc_diag_fini(&diag);
    free(path);
}

/* The coordinates of point p, the last axis fastest. */
static void point_at(const cc_sweep_axis *axes, size_t n_axes, size_t p, size_t *at)
{
    for (size_t a = n_axes; a-- > 0;) {
        at[a] = p % axes[a].n;
        p /= axes[a].n;
    }
}

/* Rows of resumed points seen before the table's header (which needs a run's scenario);
 * printed once it is out. */
static void print_pending(const cc_scenario *sc, const cc_resume *parts, const cc_sweep_axis *axes,
                          size_t n_axes, const size_t *pending, size_t n_pending)
{
    size_t *at = sim_xcalloc(n_axes ? n_axes : 1, sizeof *at);
    for (size_t i = 0; i < n_pending; i++) {
        char name[64];
        snprintf(name, sizeof name, "point-%06zu.csv", pending[i] + 1);
        table_row r;
        row_of_part(parts, name, sc, n_axes, &r);
        point_at(axes, n_axes, pending[i], at);
        print_row(sc, axes, n_axes, at, &r);
    }
    free(at);
}

int cc_sweep_run(const cc_sim_options *o, const cc_sweep_axis *axes, size_t n_axes,
                 const char *outdir, bool writable, bool quiet, bool resume)
{
    size_t points = 1;
    for (size_t a = 0; a < n_axes; a++) {
        points *= axes[a].n;
        if (points > CC_SWEEP_POINTS_MAX) {
            fprintf(stderr, "ccsim: sweep: more than %d points in the grid\n", CC_SWEEP_POINTS_MAX);
            return 2;
        }
    }
    if (resume && !outdir) {
        fprintf(stderr, "ccsim: sweep: --resume needs -o DIR (the folder of the interrupted sweep)\n");
        return 2;
    }
    cc_diag diag;
    cc_diag_init(&diag);
    char *grid = grid_text(axes, n_axes);
    char *identity = cc_resume_identity(o, "sweep", grid);
    cc_resume parts;
    int rc = cc_resume_open(&parts, outdir, writable, "sweep", identity, resume);
    free(grid);
    free(identity);
    if (outdir && writable && rc == 0) cc_resume_remove_temporaries(outdir, "sweep.csv");
    bool tty = isatty(STDERR_FILENO);
    cc_sim_options so = *o;
    so.progress = false;
    char **sets = sim_xcalloc(n_axes ? n_axes : 1, sizeof *sets);
    size_t *at = sim_xcalloc(n_axes ? n_axes : 1, sizeof *at);
    size_t resumed = 0;
    bool header_shown = false;
    size_t *pending = sim_xcalloc(points, sizeof *pending);
    size_t n_pending = 0;
    for (size_t p = 0; p < points && rc == 0; p++) {
        char name[64];
        snprintf(name, sizeof name, "point-%06zu.csv", p + 1);
        point_at(axes, n_axes, p, at);
        if (cc_resume_take(&parts, name, NULL)) {
            resumed++;
            if (!quiet) pending[n_pending++] = p;
            if (tty) progress_bar(p + 1, points);
            continue;
        }
        for (size_t a = 0; a < n_axes; a++) {
            size_t len = strlen(axes[a].key) + strlen(axes[a].text[at[a]]) + 2;
            free(sets[a]);
            sets[a] = sim_xmalloc(len);
            snprintf(sets[a], len, "%s=%s", axes[a].key, axes[a].text[at[a]]);
        }
        cc_sim sim;
        rc = cc_sim_run(&so, (const char *const *)sets, n_axes, &sim);
        if (rc == CC_SIM_INTERRUPTED) {
            cc_sim_free(&sim);
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "ccsim: sweep: interrupted after %zu of %zu points%s\n", p, points,
                    outdir ? "; go on with the same command and --resume" : "");
            rc = 1;
            break;
        }
        if (rc != 0) break;
        const cc_measure *ms = cc_model_measures(sim.m);
        size_t nm = cc_model_measure_count(sim.m);
        if (!quiet) {
            if (!header_shown) {
                header_shown = true;
                print_header(&sim.sc, sim.n, axes, n_axes, resumed);
            }
            print_pending(&sim.sc, &parts, axes, n_axes, pending, n_pending);
            n_pending = 0;
            table_row r;
            row_of_sim(&sim, &r);
            print_row(&sim.sc, axes, n_axes, at, &r);
        }
        char *part = parts.writable ? cc_resume_path(&parts, name) : NULL;
        cc_outfile out;
        if (part && cc_outfile_open(&out, part, &diag) == SIM_OK) {
            for (size_t k = 0; k < nm; k++) {
                sim_summary x = cc_sim_summary_of(&sim, ms[k].scope, ms[k].index, ms[k].id,
                                                  ms[k].threshold_s, -1);
                cc_report_clamp_of(ms[k].id, &x);
                fprintf(out.f, "%zu", p + 1);
                for (size_t a = 0; a < n_axes; a++) {
                    fputc(',', out.f);
                    cc_outfile_number(&out, axes[a].value[at[a]]);
                }
                fputc(',', out.f);
                cc_report_summary_fields(&out, sim.m, &ms[k], &x);
                fputc('\n', out.f);
            }
            if (cc_outfile_commit_sealed(&out, parts.seal, &diag) != SIM_OK) rc = 1;
        } else if (part) {
            rc = 1;
        }
        free(part);
        cc_sim_free(&sim);
        if (tty) progress_bar(p + 1, points);
    }
    if (rc == 0 && n_pending && !header_shown) {
        /* Every point was resumed: the header from the scenario as the points ran it. */
        cc_scenario sc;
        if (cc_sim_load(&so, NULL, 0, &sc) == 0) {
            print_header(&sc, so.replications > 0 ? (size_t)so.replications : (size_t)sc.replications,
                         axes, n_axes, resumed);
            print_pending(&sc, &parts, axes, n_axes, pending, n_pending);
            cc_scenario_fini(&sc);
        }
    }
    free(pending);
    if (rc == 0 && outdir && writable) {
        /* Every point is on disk: sweep.csv is the header and the parts in order. */
        size_t len = strlen(outdir) + sizeof "/sweep.csv";
        char *path = sim_xmalloc(len);
        snprintf(path, len, "%s/sweep.csv", outdir);
        cc_outfile out;
        if (cc_outfile_open(&out, path, &diag) != SIM_OK) rc = 1;
        else {
            write_header(out.f, &out, axes, n_axes);
            for (size_t p = 0; p < points && rc == 0; p++) {
                char name[64];
                snprintf(name, sizeof name, "point-%06zu.csv", p + 1);
                char *part = cc_resume_path(&parts, name);
                if (append_part(out.f, part, parts.seal) != 0) {
                    cc_diag_add(&diag, "%s: cannot read a finished point back", part);
                    rc = 1;
                }
                free(part);
            }
            if (rc == 0) {
                if (cc_outfile_commit(&out, &diag) != SIM_OK) rc = 1;
            } else {
                cc_outfile_abort(&out);
            }
        }
        free(path);
        if (rc == 0) cc_resume_finish(&parts);
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    for (size_t a = 0; a < n_axes; a++) free(sets[a]);
    free(sets);
    free(at);
    cc_resume_fini(&parts);
    return rc;
}
