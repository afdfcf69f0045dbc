/* models/cli/cmd_check.c: ccsim check SCENARIO, the file validated with every error
 * listed, or a line that sums it up. */
#include <stdio.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/center/scenario.h"
#include "models/io/diag.h"
#include "models/io/load.h"
#include "sim/status.h"

/* Loads the scenario with the overrides; prints every error. */
static int load(const cc_options *o, cc_scenario *sc)
{
    cc_diag diag;
    cc_diag_init(&diag);
    int st = cc_scenario_load(o->scenario, o->sets, o->n_sets, sc, &diag);
    cc_diag_fprint(stderr, &diag);
    size_t n = cc_diag_count(&diag);
    cc_diag_fini(&diag);
    if (st != SIM_OK) {
        fprintf(stderr, "ccsim: %s: %zu error%s\n", o->scenario, n, n == 1 ? "" : "s");
        return CC_EXIT_USAGE;
    }
    return CC_EXIT_OK;
}


int cc_cmd_check(const cc_options *o)
{
    cc_scenario sc;
    int rc = load(o, &sc);
    if (rc != CC_EXIT_OK) return rc;
    long agents = 0;
    for (size_t g = 0; g < sc.n_groups; g++) agents += sc.groups[g].max_staff;
    printf("%s: ok: %zu channel%s, %zu group%s, %ld agent%s, %zu interval%s of %g min\n",
           o->scenario, sc.n_channels, sc.n_channels == 1 ? "" : "s", sc.n_groups,
           sc.n_groups == 1 ? "" : "s", agents, agents == 1 ? "" : "s", sc.n_intervals,
           sc.n_intervals == 1 ? "" : "s", sc.interval_s / 60);
    cc_scenario_fini(&sc);
    return CC_EXIT_OK;
}
