/* models/study/simulate.c: load, run, keep the results. */
#include "models/study/simulate.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/io/diag.h"
#include "models/report/report.h"
#include "models/io/load.h"
#include "models/io/units.h"
#include "sim/mem.h"
#include "sim/sim.h"
#include "sim/status.h"

#ifdef CC_MPI
#include <mpi.h>

/* ccsim-mpi: replications [0, n) are split in contiguous blocks over the ranks; each
 * rank runs its block (first_replication = the block's start, so replication r draws
 * the same numbers as in a single process), then the rank that ran each replication
 * broadcasts its results, in replication order. Every rank ends up with all the
 * results, bit for bit those of a single process, and goes on identically through
 * whatever the subcommand does next (a sweep's next point, a staffing step); only rank
 * 0 writes. The per-contact log stays with the rank that made it (ccsim-mpi refuses
 * --contacts). */
static int run_replications(sim_runner_config *cfg, cc_sim *out, size_t first)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    size_t n = cfg->replications, P = (size_t)size;
    size_t lo = n * (size_t)rank / P, hi = n * ((size_t)rank + 1) / P;
    if (cfg->threads == 0) {
        unsigned per = sim_runner_cores() / (unsigned)size;
        cfg->threads = per ? per : 1;
    }
    if (rank != 0) cfg->progress = NULL;
    sim_runner_config mine = *cfg;
    mine.first_replication = first + lo;
    mine.replications = hi - lo;
    int rc = hi > lo ? sim_runner_run(&mine, cc_model_ops(), out->m, out->res + first + lo,
                                      sizeof *out->res)
                     : SIM_OK;
    int worst = rc;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (worst != SIM_OK) return worst;
    size_t nm = cc_model_measure_count(out->m), ni = out->sc.n_intervals;
    for (size_t r = 0, owner = 0; r < n; r++) {
        while (r >= n * (owner + 1) / P) owner++;
        cc_rep_result *x = &out->res[first + r];
        if ((size_t)rank != owner) {
            x->values = sim_xcalloc(nm, sizeof *x->values);
            x->interval_values = sim_xcalloc(ni * nm, sizeof *x->interval_values);
            x->weights = sim_xcalloc(nm, sizeof *x->weights);
            x->interval_weights = sim_xcalloc(ni * nm, sizeof *x->interval_weights);
        }
        double head[4] = {(double)x->events, x->unfinished, x->end_s, x->failed ? 1 : 0};
        MPI_Bcast(head, 4, MPI_DOUBLE, (int)owner, MPI_COMM_WORLD);
        MPI_Bcast(x->values, (int)nm, MPI_DOUBLE, (int)owner, MPI_COMM_WORLD);
        MPI_Bcast(x->interval_values, (int)(ni * nm), MPI_DOUBLE, (int)owner, MPI_COMM_WORLD);
        MPI_Bcast(x->weights, (int)nm, MPI_DOUBLE, (int)owner, MPI_COMM_WORLD);
        MPI_Bcast(x->interval_weights, (int)(ni * nm), MPI_DOUBLE, (int)owner, MPI_COMM_WORLD);
        MPI_Bcast(x->error, (int)sizeof x->error, MPI_CHAR, (int)owner, MPI_COMM_WORLD);
        x->replication = first + r;
        x->events = (uint64_t)head[0];
        x->unfinished = head[1];
        x->end_s = head[2];
        x->failed = head[3] != 0;
    }
    return SIM_OK;
}
#else
static int run_replications(sim_runner_config *cfg, cc_sim *out, size_t first)
{
    cfg->first_replication = first;
    return sim_runner_run(cfg, cc_model_ops(), out->m, out->res + first, sizeof *out->res);
}

#endif

/* After an interruption: keep the replications that finished, in order (those before
 * `first` all had). */
static void keep_completed(cc_sim *out, size_t first, const unsigned char *completed)
{
    size_t k = first;
    for (size_t r = first; r < out->n; r++) {
        if (completed[r - first]) out->res[k++] = out->res[r];
        else cc_rep_result_fini(&out->res[r]);
    }
    out->n = k;
}

static void progress(void *arg, size_t done, size_t total)
{
    (void)arg;
    fprintf(stderr, "\rccsim: replication %zu of %zu", done, total);
    if (done == total) fputc('\n', stderr);
}

/* The model of out->sc (loaded or copied) with the command line's replications and
 * seed; res is allocated for the replications, not run. */
/* Contacts one replication offers: each channel's rate over the horizon (retrials and
 * repeats come on top, a minority in any real scenario). */
static double contacts_per_replication(const cc_scenario *sc)
{
    double n = 0;
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        for (size_t i = 0; i < ch->n_segments; i++) {
            double a = fmax(ch->segments[i].start_s, sc->start_s);
            double b = i + 1 < ch->n_segments ? ch->segments[i + 1].start_s : sc->end_s;
            if (b > a) n += ch->segments[i].rate_per_s * (b - a);
        }
    }
    return n;
}

/* A limit from the environment: a number, optionally with K, M, G or T (powers of
 * 1024, "B" allowed after them): "16G", "500MB", "1e12". Anything else is said and the
 * default used. */
static double env_limit(const char *name, double def)
{
    const char *v = getenv(name);
    if (!v || !*v) return def;
    char msg[128];
    const char *end = NULL;
    double x, k = 1;
    bool ok = cc_units_leading_number(v, &x, &end, msg, sizeof msg) == SIM_OK && x > 0;
    if (ok && *end) {
        const char *units = "KMGT", *u = strchr(units, *end & ~0x20);
        ok = u != NULL && (end[1] == '\0' || ((end[1] == 'B' || end[1] == 'b') && end[2] == '\0'));
        for (const char *p = units; ok && p <= u; p++) k *= 1024;
    }
    if (!ok) {
        fprintf(stderr, "ccsim: %s=\"%s\": not a size (e.g. 16G); the default is used\n", name, v);
        return def;
    }
    return x * k;
}

/* The resources a run would take, estimated from the scenario before anything is
 * allocated: the results kept (every replication's value of every measure in every
 * interval), the contacts one replication keeps (each wait is kept for percentiles),
 * times the threads, and the per-contact log when asked. A run past the limits
 * (CCSIM_MAX_MEMORY, default three quarters of this machine's memory; CCSIM_MAX_EVENTS,
 * default 10^12 events, about a day of simulation) is refused with the estimate, instead
 * of running out of memory hours later. */
static int check_resources(const cc_sim_options *o, const cc_scenario *sc, size_t measures)
{
    double reps = (double)sc->replications, contacts = contacts_per_replication(sc);
    double threads = o->threads > 0 ? (double)o->threads : (double)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;
    if (threads > reps) threads = reps;
    double kept = reps * ((double)sc->n_intervals + 1) * (double)measures * 8;
    double working = threads * contacts * 64;
    double logged = o->log_contacts ? reps * contacts * (double)sizeof(cc_contact_record) : 0;
    double need = kept + working + logged;
    double phys = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    double mem_max = env_limit("CCSIM_MAX_MEMORY", phys > 0 ? 0.75 * phys : 16.0 * 1073741824.0);
    double events = reps * contacts * 6, events_max = env_limit("CCSIM_MAX_EVENTS", 1e12);
    if (need > mem_max) {
        const double gib = 1073741824.0;
        fprintf(stderr, "ccsim: %s: this run would need about %.1f GiB of memory (%.0f replications "
                "x %zu intervals x %zu measures kept: %.1f GiB; %.3g contacts a replication on "
                "%.0f threads: %.1f GiB%s); the limit is %.1f GiB (CCSIM_MAX_MEMORY): use fewer "
                "replications, longer intervals or a shorter horizon\n", o->scenario, need / gib,
                reps, sc->n_intervals, measures, kept / gib, contacts, threads, working / gib,
                logged > 0 ? "; the per-contact log" : "", mem_max / gib);
        return 2;
    }
    if (events > events_max) {
        fprintf(stderr, "ccsim: %s: this run would fire about %.3g events (%.0f replications x "
                "%.3g contacts); the limit is %.3g (CCSIM_MAX_EVENTS): use fewer replications, a "
                "lower rate or a shorter horizon\n", o->scenario, events, reps, contacts, events_max);
        return 2;
    }
    return 0;
}

static int make_model(const cc_sim_options *o, cc_sim *out)
{
    cc_scenario *sc = &out->sc;
    /* A routing plugin is loaded here, to run, never while only reading the file. */
    char err[1024];
    if (cc_routing_load(&sc->routing, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "ccsim: %s: routing.library: %s\n", o->scenario, err);
        cc_scenario_fini(sc);
        memset(out, 0, sizeof *out);
        return 2;
    }
    if (o->replications) sc->replications = o->replications;
    if (o->has_seed) sc->seed = o->seed;
    out->m = cc_model_alloc(sc);
    if (check_resources(o, sc, cc_model_measure_count(out->m)) != 0) {
        cc_model_free(out->m);
        cc_scenario_fini(sc);
        memset(out, 0, sizeof *out);
        return 2;
    }
    cc_model_set_contact_log(out->m, o->log_contacts);
    out->n = (size_t)sc->replications;
    out->asked = out->n;
    out->res = sim_xcalloc(out->n, sizeof *out->res);
    return 0;
}

int cc_sim_load(const cc_sim_options *o, const char *const *extra, size_t n_extra, cc_scenario *out)
{
    const char **sets = sim_xcalloc(o->n_sets + n_extra + 1, sizeof *sets);
    if (o->n_sets) memcpy(sets, o->sets, o->n_sets * sizeof *sets);
    if (n_extra) memcpy(sets + o->n_sets, extra, n_extra * sizeof *sets);
    cc_diag diag;
    cc_diag_init(&diag);
    int st = cc_scenario_load(o->scenario, sets, o->n_sets + n_extra, out, &diag);
    free(sets);
    if (st != SIM_OK && !o->quiet_errors) {
        cc_diag_fprint(stderr, &diag);
        size_t n = cc_diag_count(&diag);
        fprintf(stderr, "ccsim: %s: %zu error%s\n", o->scenario, n, n == 1 ? "" : "s");
    }
    cc_diag_fini(&diag);
    return st == SIM_OK ? 0 : 2;
}

/* Loads the scenario with the overrides and makes the model. Returns 0 or 2 (bad
 * input, printed). */
static int prepare(const cc_sim_options *o, const char *const *extra, size_t n_extra, cc_sim *out)
{
    memset(out, 0, sizeof *out);
    int rc = cc_sim_load(o, extra, n_extra, &out->sc);
    return rc == 0 ? make_model(o, out) : rc;
}

/* Runs replications [first, out->n) of a prepared simulation (those before first are
 * done). */
static int run(const cc_sim_options *o, cc_sim *out, size_t first)
{
    cc_scenario *sc = &out->sc;
    sim_runner_config cfg = {0};
    cfg.seed = sc->seed;
    cfg.replications = out->n - first;
    cfg.threads = (unsigned)o->threads;
    cfg.start_s = sc->start_s;
    if (o->progress) cfg.progress = progress;
    unsigned char *completed = NULL;
#ifndef CC_MPI
    if (o->cancel) {
        cfg.cancel = o->cancel;
        completed = sim_xcalloc(out->n - first + 1, 1);
        cfg.completed = completed;
    }
#endif
    int st2 = run_replications(&cfg, out, first);
    if (st2 == SIM_EINTR && completed) {
        keep_completed(out, first, completed);
        free(completed);
        if (o->progress) fputc('\n', stderr);
        return CC_SIM_INTERRUPTED;
    }
    free(completed);
    int rc = st2 == SIM_OK ? 0 : 1;
    for (size_t r = first; r < out->n && rc == 0; r++) {
        if (out->res[r].failed) {
            fprintf(stderr, "ccsim: %s: replication %zu: %s\n", o->scenario, r + 1, out->res[r].error);
            rc = 1;
        }
    }
    if (rc != 0) cc_sim_free(out);
    return rc;
}

int cc_sim_run(const cc_sim_options *o, const char *const *extra, size_t n_extra, cc_sim *out)
{
    int prc = prepare(o, extra, n_extra, out);
    return prc != 0 ? prc : run(o, out, 0);
}

/* A copy of sc and its model; 0, or 2 when the copy fails (said on stderr). */
static int prepare_copy(const cc_sim_options *o, const cc_scenario *sc, cc_sim *out)
{
    memset(out, 0, sizeof *out);
    char err[512];
    if (cc_scenario_copy(&out->sc, sc, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "ccsim: %s: routing.library: %s\n", o->scenario, err);
        return 2;
    }
    return make_model(o, out);
}

int cc_sim_run_scenario(const cc_sim_options *o, const cc_scenario *sc, cc_sim *out)
{
    int rc = prepare_copy(o, sc, out);
    return rc != 0 ? rc : run(o, out, 0);
}

int cc_sim_extend(const cc_sim_options *o, cc_sim *s, size_t total)
{
    size_t first = s->n;
    if (total <= first) return 0;
    s->sc.replications = (long)total;
    if (check_resources(o, &s->sc, cc_model_measure_count(s->m)) != 0) {
        cc_sim_free(s);
        return 2;
    }
    s->res = sim_xrealloc(s->res, total * sizeof *s->res);
    memset(s->res + first, 0, (total - first) * sizeof *s->res);
    s->n = total;
    s->asked = total;
    return run(o, s, first);
}

int cc_sim_status(int rc)
{
    switch (rc) {
    case 0: return SIM_OK;
    case 2: return SIM_EINVAL;
    case CC_SIM_INTERRUPTED: return SIM_EINTR;
    default: return SIM_EIO;
    }
}

/* ---- results on disk, for --resume ----
 * A header line each for the format and the sizes, then each replication as raw
 * numbers (this machine's byte order: the file is read back by the same build, in the
 * same folder), then "end". Doubles are copied bit for bit, so summaries of results read
 * back equal those of the run. */
#define RESULTS_MAGIC "ccsim results 2\n"

int cc_sim_save(const cc_sim *s, const char *path, uint64_t seal, cc_diag *diag)
{
    cc_outfile out;
    if (cc_outfile_open(&out, path, diag) != SIM_OK) return SIM_EIO;
    size_t nm = cc_model_measure_count(s->m), ni = s->sc.n_intervals;
    fprintf(out.f, RESULTS_MAGIC "measures %zu intervals %zu replications %zu\n", nm, ni, s->n);
    for (size_t r = 0; r < s->n; r++) {
        const cc_rep_result *x = &s->res[r];
        uint64_t head[2] = {x->replication, x->events};
        double more[2] = {x->unfinished, x->end_s};
        fwrite(head, sizeof head, 1, out.f);
        fwrite(more, sizeof more, 1, out.f);
        fwrite(x->values, sizeof *x->values, nm, out.f);
        fwrite(x->interval_values, sizeof *x->interval_values, ni * nm, out.f);
        fwrite(x->weights, sizeof *x->weights, nm, out.f);
        fwrite(x->interval_weights, sizeof *x->interval_weights, ni * nm, out.f);
    }
    fputs("end\n", out.f);
    return cc_outfile_commit_sealed(&out, seal, diag);
}

/* Reads the results saved at path into a prepared simulation; 0, or 1 (said). */
static int read_results(const char *path, cc_sim *out)
{
    size_t nm = cc_model_measure_count(out->m), ni = out->sc.n_intervals;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ccsim: %s: cannot read: %s\n", path, strerror(errno));
        cc_sim_free(out);
        return 1;
    }
    char magic[sizeof RESULTS_MAGIC] = "";
    size_t fm = 0, fi = 0, fr = 0;
    bool ok = fread(magic, 1, sizeof RESULTS_MAGIC - 1, f) == sizeof RESULTS_MAGIC - 1 &&
              strcmp(magic, RESULTS_MAGIC) == 0 &&
              fscanf(f, "measures %zu intervals %zu replications %zu", &fm, &fi, &fr) == 3 &&
              fgetc(f) == '\n' && fm == nm && fi == ni && fr == out->n;
    for (size_t r = 0; ok && r < out->n; r++) {
        cc_rep_result *x = &out->res[r];
        uint64_t head[2];
        double more[2];
        x->values = sim_xcalloc(nm, sizeof *x->values);
        x->interval_values = sim_xcalloc(ni * nm + 1, sizeof *x->interval_values);
        x->weights = sim_xcalloc(nm, sizeof *x->weights);
        x->interval_weights = sim_xcalloc(ni * nm + 1, sizeof *x->interval_weights);
        ok = fread(head, sizeof head, 1, f) == 1 && fread(more, sizeof more, 1, f) == 1 &&
             fread(x->values, sizeof *x->values, nm, f) == nm &&
             fread(x->interval_values, sizeof *x->interval_values, ni * nm, f) == ni * nm &&
             fread(x->weights, sizeof *x->weights, nm, f) == nm &&
             fread(x->interval_weights, sizeof *x->interval_weights, ni * nm, f) == ni * nm &&
             head[0] == r;
        if (!ok) break;
        x->replication = head[0];
        x->events = head[1];
        x->unfinished = more[0];
        x->end_s = more[1];
    }
    char tail[8] = "";
    /* Then only the seal line, which cc_resume_take checked before. */
    ok = ok && fread(tail, 1, 5, f) == 5 && memcmp(tail, "end\ns", 5) == 0;
    fclose(f);
    if (!ok) {
        fprintf(stderr, "ccsim: %s: not the results of this simulation: computed again\n", path);
        cc_sim_free(out);
        return 1;
    }
    return 0;
}

int cc_sim_restore(const cc_sim_options *o, const char *const *extra, size_t n_extra,
                   const char *path, cc_sim *out)
{
    int rc = prepare(o, extra, n_extra, out);
    return rc != 0 ? rc : read_results(path, out);
}

int cc_sim_restore_scenario(const cc_sim_options *o, const cc_scenario *sc, const char *path,
                            cc_sim *out)
{
    int rc = prepare_copy(o, sc, out);
    return rc != 0 ? rc : read_results(path, out);
}

void cc_sim_free(cc_sim *s)
{
    for (size_t r = 0; s->res && r < s->n; r++) cc_rep_result_fini(&s->res[r]);
    free(s->res);
    cc_model_free(s->m);
    if (s->m || s->res) cc_scenario_fini(&s->sc);
    memset(s, 0, sizeof *s);
}

/* The summary of the k-th measure of the layout; k < 0 (none) gives a NaN mean. */
static sim_summary summary_at(const cc_sim *s, long k, long interval)
{
    sim_summary none = {NAN, NAN, NAN, NAN, 0};
    if (k < 0) return none;
    return cc_model_summary(s->m, s->res, s->n, (size_t)k, interval);
}

sim_summary cc_sim_summary_of(const cc_sim *s, cc_scope scope, size_t index, cc_measure_id id,
                              double threshold_s, long interval)
{
    return summary_at(s, cc_model_find(s->m, scope, index, id, threshold_s), interval);
}

