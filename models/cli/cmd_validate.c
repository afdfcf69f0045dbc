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

static const cc_options_voice VOICE = {"ccsim: ", "ccsim validate --help"};

enum { V_OUTPUT, V_REPLICATIONS, V_SEED, V_THREADS, V_USE_OBSERVED, V_QUIET };

static const cc_option OPTIONS[] = {
    CC_LOG_OPTIONS,
    {NULL, "-o", true, V_OUTPUT},
    {NULL, "-r", true, V_REPLICATIONS},
    {NULL, "-s", true, V_SEED},
    {NULL, "-j", true, V_THREADS},
    {"--use-observed", NULL, true, V_USE_OBSERVED},
    {"--quiet", "-q", false, V_QUIET},
    {NULL, NULL, false, 0},
};

/* --use-observed arrivals,staff */
static int use_observed(const char *v, cc_validate_options *vo)
{
    int rc = CC_EXIT_OK;
    char *copy = sim_xstrdup(v), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "arrivals") == 0) vo->use_arrivals = true;
        else if (strcmp(t, "staff") == 0) vo->use_staff = true;
        else {
            fprintf(stderr, "ccsim: --use-observed: \"%s\": arrivals, staff\n", t);
            rc = CC_EXIT_USAGE;
        }
    }
    free(copy);
    return rc;
}

/* -r, -s and -j: whole numbers up to a million (from 0 for a seed). */
static int simulation_option(const cc_option_parser *p, cc_sim_options *so)
{
    long x;
    if (!cc_options_whole(p->value, p->opt->id == V_SEED ? 0 : 1, 1000000, &x)) {
        fprintf(stderr, "ccsim: %s: \"%s\": a whole number\n", p->flag, p->value);
        return CC_EXIT_USAGE;
    }
    if (p->opt->id == V_REPLICATIONS) {
        so->replications = x;
    } else if (p->opt->id == V_SEED) {
        so->seed = (uint64_t)x;
        so->has_seed = true;
    } else {
        so->threads = x;
    }
    return CC_EXIT_OK;
}

int cc_cmd_validate(int argc, char **argv)
{
    if (cc_options_help(argc, argv, 1, VAL_USAGE)) return CC_EXIT_OK;
    cc_validate_options vo;
    memset(&vo, 0, sizeof vo);
    vo.log.max_bad = 0.01;
    cc_option_parser p;
    cc_options_parser_init(&p, OPTIONS, &VOICE, argc, argv, 1, true);
    int rc = CC_EXIT_OK;
    while (rc == CC_EXIT_OK && cc_options_next(&p, &rc)) {
        switch (p.opt->id) {
        case V_OUTPUT: vo.outdir = p.value; break;
        case V_QUIET: vo.quiet = true; break;
        case V_USE_OBSERVED: rc = use_observed(p.value, &vo); break;
        case V_REPLICATIONS:
        case V_SEED:
        case V_THREADS: rc = simulation_option(&p, &vo.sim); break;
        default: rc = cc_cli_log_option(p.opt->id, p.value, &vo.log);
        }
    }
    if (rc == CC_EXIT_OK && p.n_operands < 2)
        rc = cc_options_usage(&VOICE, "validate: give the log(s), then the scenario");
    if (rc == CC_EXIT_OK) {
        /* The logs, then the scenario. */
        vo.scenario = p.operands[p.n_operands - 1];
        vo.logs = p.operands;
        vo.n_logs = p.n_operands - 1;
        vo.sim.progress = isatty(STDERR_FILENO);
        cc_outdir lock;
        rc = cc_cli_lock(vo.outdir, &lock);
        if (rc == CC_EXIT_OK) rc = cc_cli_exit(cc_validate_run(&vo));
        cc_outdir_unlock(&lock);
    }
    cc_options_parser_fini(&p);
    return rc;
}
