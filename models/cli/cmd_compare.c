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
    /* ",," or a comma at either end is an empty name, which strtok would skip. */
    size_t len = strlen(o->policies);
    if (len == 0 || o->policies[0] == ',' || o->policies[len - 1] == ',' || strstr(o->policies, ",,"))
        rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies %s: an empty policy name", o->policies);
    for (char *t = strtok_r(list, ",", &save); t && rc == CC_EXIT_OK; t = strtok_r(NULL, ",", &save)) {
        if (k == CC_COMPARE_MAX) {
            rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: at most %d policies", CC_COMPARE_MAX);
            break;
        }
        if (strcmp(t, "plugin") != 0 && !cc_routing_builtin(t)) {
            rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: \"%s\" is not a policy", t);
            break;
        }
        for (size_t j = 0; j < k && rc == CC_EXIT_OK; j++)
            if (strcmp(names[j], t) == 0)
                rc = cc_options_usage(&CC_OPTIONS_MAIN, "--policies: \"%s\" is named twice", t);
        if (rc != CC_EXIT_OK) break;
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
