/* models/study/compare.c: the policies run one after the other, each with all threads on
 * its replications; every policy's results are kept (k simulations of a scenario's
 * replications: a few MB even for 16 policies) because the paired differences need
 * replication r of each. */
#include "models/study/compare.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/io/diag.h"
#include "models/report/report.h"
#include "models/study/resume.h"
#include "sim/mem.h"
#include "sim/status.h"

/* The scenario with policy `name` in place of its own: built-in by name, or the
 * scenario's routing.library for "plugin". SIM_OK, or SIM_EINVAL said on stderr. */
static int with_policy(const cc_scenario *base, const char *name, cc_scenario *out)
{
    char err[512];
    if (cc_scenario_copy(out, base, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "ccsim: compare: %s\n", err);
        return SIM_EINVAL;
    }
    cc_routing_close(&out->routing);
    const char *library = strcmp(name, "plugin") == 0 ? base->routing.path : NULL;
    if (strcmp(name, "plugin") == 0 && !library) {
        fprintf(stderr, "ccsim: compare: policy plugin: the scenario names no routing.library "
                "(give routing: {policy: plugin, library: FILE} in the scenario)\n");
    } else if (cc_routing_open(&out->routing, name, library, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "ccsim: compare: policy %s: %s\n", name, err);
    } else {
        return SIM_OK;
    }
    cc_routing_open(&out->routing, "fcfs", NULL, err, sizeof err);
    cc_scenario_fini(out);
    return SIM_EINVAL;
}

int cc_compare_run(const cc_sim_options *so, const cc_compare_options *co)
{
    const char *const *names = co->policies;
    size_t k = co->n_policies;
    /* Each policy's results are a part (models/study/resume.h): an interrupted compare goes
     * on with --resume from the policies it finished. */
    char *more = sim_xmalloc(strlen(co->policies_text) + 16);
    snprintf(more, strlen(co->policies_text) + 16, "policies %s\n", co->policies_text);
    char *identity = cc_resume_identity(so, "compare", more);
    cc_resume parts = {0};
    int rc = cc_resume_open(&parts, co->parts_dir, co->outdir != NULL, "compare", identity, co->resume);
    free(more);
    free(identity);
    cc_sim sim[CC_COMPARE_MAX];
    cc_model *m[CC_COMPARE_MAX] = {0};
    cc_rep_result *res[CC_COMPARE_MAX] = {0};
    size_t done = 0;
    cc_diag diag;
    cc_diag_init(&diag);
    /* The scenario once, with the command line's overrides; each policy runs a copy. */
    cc_scenario base;
    if (rc == 0) rc = cc_sim_load(so, NULL, 0, &base);
    bool loaded = rc == 0;
    for (size_t i = 0; i < k && rc == 0; i++) {
        char part_name[64];
        snprintf(part_name, sizeof part_name, "policy-%02zu.bin", i + 1);
        cc_scenario variant;
        if (with_policy(&base, names[i], &variant) != SIM_OK) {
            rc = 2;
            break;
        }
        char *part = cc_resume_path(&parts, part_name);
        /* A part that verifies but does not read back (another build's) is computed again. */
        bool restored = cc_resume_take(&parts, part_name, NULL) &&
                        cc_sim_restore_scenario(so, &variant, part, &sim[i]) == 0;
        if (!restored) {
            if (!co->quiet && isatty(STDERR_FILENO)) fprintf(stderr, "ccsim: policy %s\n", names[i]);
            rc = cc_sim_run_scenario(so, &variant, &sim[i]);
            if (rc == CC_SIM_INTERRUPTED) {
                cc_sim_free(&sim[i]);
                fprintf(stderr, "ccsim: compare: interrupted after %zu of %zu policies%s\n", i, k,
                        co->outdir ? "; go on with the same command and --resume" : "");
                rc = 1;
            } else if (rc == 0 && part && parts.writable &&
                       cc_sim_save(&sim[i], part, parts.seal, &diag) != SIM_OK) {
                cc_sim_free(&sim[i]);
                rc = 1;
            }
        }
        free(part);
        cc_scenario_fini(&variant);
        if (rc == 0) {
            m[i] = sim[i].m;
            res[i] = sim[i].res;
            done++;
        }
    }
    if (rc == 0) {
        cc_compare_fprint(stdout, (const cc_model *const *)m, (const cc_rep_result *const *)res,
                          names, k, co->quiet);
        if (co->outdir) {
            if (cc_compare_write((const cc_model *const *)m, (const cc_rep_result *const *)res,
                                 names, k, co->outdir, &diag) != SIM_OK)
                rc = 1;
            else
                cc_resume_finish(&parts);
        }
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    cc_resume_fini(&parts);
    for (size_t i = 0; i < done; i++) cc_sim_free(&sim[i]);
    if (loaded) cc_scenario_fini(&base);
    return cc_sim_status(rc);
}
