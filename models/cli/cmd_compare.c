/* models/cli/cmd_compare.c: ccsim compare SCENARIO --policies A,B,..., the list of
 * policies read from the command line (models/study/compare.h runs them). */
#include <stdlib.h>
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/center/routing.h"
#include "models/study/compare.h"
#include "sim/mem.h"

int cc_cmd_compare(const cc_options *o)
{
    if (!o->policies)
        return cc_options_usage(&CC_OPTIONS_MAIN, "compare: which policies? e.g. --policies fcfs,priority");
    /* Split the list; each name must be a policy ccsim knows. */
    char *list = sim_xstrdup(o->policies), *save = NULL;
    const char *names[CC_COMPARE_MAX];
    size_t k = 0;
    int rc = CC_EXIT_OK;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (k == CC_COMPARE_MAX) {
            rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: at most %d policies", CC_COMPARE_MAX);
            break;
        }
        if (strcmp(t, "plugin") != 0 && !cc_routing_builtin(t)) {
            rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: \"%s\" is not a policy", t);
            break;
        }
        names[k++] = t;
    }
    if (rc == CC_EXIT_OK && k < 2)
        rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: name at least two policies");
    if (rc == CC_EXIT_OK && o->resume && !o->parts_dir)
        rc = cc_options_usage(&CC_OPTIONS_MAIN,
                              "compare: --resume needs -o DIR (the folder of the interrupted compare)");
    if (rc == CC_EXIT_OK) {
        cc_sim_options so = cc_options_sim(o);
        cc_compare_options co = {names, k, o->policies, o->outdir, o->parts_dir, o->quiet, o->resume};
        rc = cc_cli_exit(cc_compare_run(&so, &co));
    }
    free(list);
    return rc;
}
