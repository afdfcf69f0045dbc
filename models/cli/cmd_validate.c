/* models/cli/cmd_validate.c: ccsim validate LOG... SCENARIO, the simulated and the
 * observed measures side by side per interval (models/study/validate.h does the work). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/study/validate.h"
#include "sim/mem.h"

static const char VAL_USAGE[] =
    "usage: ccsim validate LOG [LOG...] SCENARIO.yaml [options]\n"
    "  the log options of calibrate: --format, --columns, --delimiter, --days, --channels,\n"
    "  --max-bad (the interval and horizon are the scenario's)\n"
    "  --use-observed arrivals,staff   simulate with the log's own arrivals per interval\n"
    "                          and/or its agents seen serving, instead of the scenario's\n"
    "  -r N, -s SEED, -j N     replications, seed, threads of the simulation\n"
    "  -o DIR                  write DIR/validate.csv and DIR/plots/validate.png\n"
    "  -q                      no table on standard output\n";

int cc_cmd_validate(int argc, char **argv)
{
    cc_validate_options vo;
    memset(&vo, 0, sizeof vo);
    cc_calib_options *co = &vo.log;
    co->max_bad = 0.01;
    cc_sim_options *so = &vo.sim;
    char **pos = sim_xcalloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    int rc = CC_EXIT_OK;
    for (int i = 1; i < argc && rc == CC_EXIT_OK; i++) {
        const char *a = argv[i];
        bool used;
        rc = cc_cli_log_option(argc, argv, &i, co, &used);
        if (rc != CC_EXIT_OK || used) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(VAL_USAGE, stdout);
            free(pos);
            return CC_EXIT_OK;
        }
        bool takes = strcmp(a, "-o") == 0 || strcmp(a, "-r") == 0 || strcmp(a, "-s") == 0 ||
                     strcmp(a, "-j") == 0 || strcmp(a, "--use-observed") == 0;
        if (takes && i + 1 >= argc) {
            fprintf(stderr, "ccsim: %s: needs a value\n", a);
            rc = CC_EXIT_USAGE;
            break;
        }
        if (takes) {
            const char *v = argv[++i];
            if (strcmp(a, "-o") == 0) {
                vo.outdir = v;
            } else if (strcmp(a, "--use-observed") == 0) {
                char *copy = sim_xstrdup(v), *save = NULL;
                for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                    if (strcmp(t, "arrivals") == 0) vo.use_arrivals = true;
                    else if (strcmp(t, "staff") == 0) vo.use_staff = true;
                    else {
                        fprintf(stderr, "ccsim: --use-observed: \"%s\": arrivals, staff\n", t);
                        rc = CC_EXIT_USAGE;
                    }
                }
                free(copy);
            } else {
                long x;
                if (!cc_options_whole(v, a[1] == 's' ? 0 : 1, 1000000, &x)) {
                    fprintf(stderr, "ccsim: %s: \"%s\": a whole number\n", a, v);
                    rc = CC_EXIT_USAGE;
                } else if (a[1] == 'r') {
                    so->replications = x;
                } else if (a[1] == 's') {
                    so->seed = (uint64_t)x;
                    so->has_seed = true;
                } else {
                    so->threads = x;
                }
            }
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            vo.quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "ccsim: %s: unknown option\nTry 'ccsim validate --help'.\n", a);
            rc = CC_EXIT_USAGE;
        } else {
            pos[n_pos++] = argv[i];
        }
    }
    if (rc == CC_EXIT_OK && n_pos < 2) {
        fprintf(stderr, "ccsim: validate: give the log(s), then the scenario\n"
                        "Try 'ccsim validate --help'.\n");
        rc = CC_EXIT_USAGE;
    }
    if (rc != CC_EXIT_OK) {
        free(pos);
        return rc;
    }
    vo.scenario = pos[n_pos - 1];
    vo.logs = pos;
    vo.n_logs = n_pos - 1;
    so->progress = isatty(STDERR_FILENO);
    rc = cc_cli_exit(cc_validate_run(&vo));
    free(pos);
    return rc;
}
