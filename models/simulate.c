/* models/simulate.c: load, run, keep the results. */
#include "models/simulate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/diag.h"
#include "sim/sim.h"

static void progress(void *arg, size_t done, size_t total)
{
    (void)arg;
    fprintf(stderr, "\rccsim: replication %zu of %zu", done, total);
    if (done == total) fputc('\n', stderr);
}

int cc_sim_run(const cc_sim_options *o, const char *const *extra, size_t n_extra, cc_sim *out)
{
    memset(out, 0, sizeof *out);
    const char **sets = calloc(o->n_sets + n_extra + 1, sizeof *sets);
    if (!sets) return 1;
    if (o->n_sets) memcpy(sets, o->sets, o->n_sets * sizeof *sets);
    if (n_extra) memcpy(sets + o->n_sets, extra, n_extra * sizeof *sets);
    cc_diag diag;
    cc_diag_init(&diag);
    int st = cc_scenario_load(o->scenario, sets, o->n_sets + n_extra, &out->sc, &diag);
    free(sets);
    if (st != SIM_OK) {
        if (!o->quiet_errors) {
            cc_diag_fprint(stderr, &diag);
            size_t n = cc_diag_count(&diag);
            fprintf(stderr, "ccsim: %s: %zu error%s\n", o->scenario, n, n == 1 ? "" : "s");
        }
        cc_diag_fini(&diag);
        return 2;
    }
    cc_diag_fini(&diag);
    cc_scenario *sc = &out->sc;
    if (o->replications) sc->replications = o->replications;
    if (o->has_seed) sc->seed = o->seed;
    out->m = cc_model_alloc(sc);
    cc_model_set_contact_log(out->m, o->log_contacts);
    out->n = (size_t)sc->replications;
    out->res = sim_xcalloc(out->n, sizeof *out->res);
    sim_runner_config cfg = {0};
    cfg.seed = sc->seed;
    cfg.replications = out->n;
    cfg.threads = (unsigned)o->threads;
    cfg.start_s = sc->start_s;
    if (o->progress) cfg.progress = progress;
    int rc = sim_runner_run(&cfg, cc_model_ops(), out->m, out->res, sizeof *out->res) == SIM_OK ? 0 : 1;
    for (size_t r = 0; r < out->n && rc == 0; r++) {
        if (out->res[r].failed) {
            fprintf(stderr, "ccsim: %s: replication %zu: %s\n", o->scenario, r + 1, out->res[r].error);
            rc = 1;
        }
    }
    if (rc != 0) cc_sim_free(out);
    return rc;
}

void cc_sim_free(cc_sim *s)
{
    for (size_t r = 0; s->res && r < s->n; r++) cc_rep_result_fini(&s->res[r]);
    free(s->res);
    cc_model_free(s->m);
    if (s->m || s->res) cc_scenario_fini(&s->sc);
    memset(s, 0, sizeof *s);
}

sim_summary cc_sim_summary(const cc_sim *s, cc_scope scope, size_t index, const char *name,
                           long interval)
{
    sim_summary none = {NAN, NAN, NAN, NAN, 0};
    long k = cc_model_find(s->m, scope, index, name);
    if (k < 0) return none;
    size_t nm = cc_model_measure_count(s->m);
    double *x = sim_xcalloc(s->n, sizeof *x);
    for (size_t r = 0; r < s->n; r++)
        x[r] = interval < 0 ? s->res[r].values[k] : s->res[r].interval_values[(size_t)interval * nm + (size_t)k];
    sim_summary out = sim_summary_of(x, s->n, 1);
    free(x);
    return out;
}
