/* models/cli/cmd_sweep.c: ccsim sweep SCENARIO --vary KEY=FROM:TO:STEP..., the grid
 * read from the command line (models/study/sweep.h runs it). */
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/study/sweep.h"
#include "sim/status.h"

int cc_cmd_sweep(const cc_options *o)
{
    if (o->n_vary == 0)
        return cc_options_usage(&CC_OPTIONS_MAIN,
                                "sweep: what to vary? e.g. --vary agents.team.staff=10:20:1");
    if (o->n_vary > CC_SWEEP_KEYS_MAX)
        return cc_options_usage(&CC_OPTIONS_MAIN, "sweep: at most %d --vary", CC_SWEEP_KEYS_MAX);
    cc_sweep_axis axes[CC_SWEEP_KEYS_MAX];
    size_t n = 0;
    int rc = CC_EXIT_OK;
    for (size_t i = 0; i < o->n_vary; i++) {
        char err[512];
        if (cc_sweep_axis_parse(o->vary[i], &axes[n], err, sizeof err) != SIM_OK) {
            rc = cc_options_usage(&CC_OPTIONS_MAIN, "%s", err);
            break;
        }
        n++;
        for (size_t j = 0; j + 1 < n; j++)
            if (strcmp(axes[j].key, axes[n - 1].key) == 0) {
                rc = cc_options_usage(&CC_OPTIONS_MAIN, "--vary %s: that key is varied twice",
                                      axes[n - 1].key);
                break;
            }
        if (rc != CC_EXIT_OK) break;
    }
    if (rc == CC_EXIT_OK) {
        cc_sim_options so = cc_options_sim(o);
        rc = cc_sweep_run(&so, axes, n, o->parts_dir, o->outdir != NULL, o->quiet, o->resume);
    }
    for (size_t i = 0; i < n; i++) cc_sweep_axis_fini(&axes[i]);
    return rc;
}
