/* models/cli/options.c: the options of run, check, sweep, staff and compare.
 * Options are parsed by hand because each subcommand takes a few and GNU getopt_long is
 * not in POSIX; every bad flag or value is reported with the flag's name and exit 2. */
#include "models/cli/options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/center/scenario.h"
#include "models/cli/cli.h"
#include "models/io/units.h"
#include "sim/status.h"

int cc_options_usage(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "ccsim: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\nTry 'ccsim --help'.\n");
    return CC_EXIT_USAGE;
}

bool cc_options_whole(const char *text, long lo, long hi, long *out)
{
    unsigned long long v;
    if (cc_units_whole(text, (unsigned long long)hi, &v, NULL, 0) != SIM_OK ||
        v < (unsigned long long)lo)
        return false;
    *out = (long)v;
    return true;
}

int cc_options_parse(int argc, char **argv, int first, cc_options *o)
{
    o->sets = calloc((size_t)argc, sizeof *o->sets);
    o->vary = calloc((size_t)argc, sizeof *o->vary);
    if (!o->sets || !o->vary) return CC_EXIT_FAILED;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        /* Options that take a value accept "-r 5", "--replications 5" and
         * "--replications=5" ("-r5" was split by cc_cli_split_glued). */
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        char flag[64];
        snprintf(flag, sizeof flag, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
        bool takes = strcmp(flag, "-r") == 0 || strcmp(flag, "--replications") == 0 ||
                     strcmp(flag, "-s") == 0 || strcmp(flag, "--seed") == 0 ||
                     strcmp(flag, "-j") == 0 || strcmp(flag, "--threads") == 0 ||
                     strcmp(flag, "-o") == 0 || strcmp(flag, "--output") == 0 ||
                     strcmp(flag, "--set") == 0 || strcmp(flag, "--policies") == 0 ||
                     strcmp(flag, "--vary") == 0 || strcmp(flag, "--max-occupancy") == 0 ||
                     strcmp(flag, "--granularity") == 0 || strcmp(flag, "--max-evaluations") == 0 ||
                     strcmp(flag, "--max-agents") == 0 || strcmp(flag, "--rule") == 0 ||
                     strcmp(flag, "--contacts") == 0 || strcmp(flag, "--read-parts") == 0;
        if (takes) {
            if (eq) val = eq + 1;
            else if (i + 1 < argc) val = argv[++i];
            else return cc_options_usage("%s: needs a value%s", flag, "");
        } else if (eq) {
            return cc_options_usage("%s: unknown option%s", flag, "");
        }
        if (strcmp(flag, "-r") == 0 || strcmp(flag, "--replications") == 0) {
            if (!cc_options_whole(val, 1, CC_REPLICATIONS_MAX, &o->replications))
                return cc_options_usage("%s: \"%s\" is not a whole number from 1 to 1000000", flag, val);
        } else if (strcmp(flag, "-s") == 0 || strcmp(flag, "--seed") == 0) {
            unsigned long long v;
            if (cc_units_whole(val, UINT64_MAX, &v, NULL, 0) != SIM_OK)
                return cc_options_usage("%s: \"%s\" is not a whole number >= 0", flag, val);
            o->seed = (uint64_t)v;
            o->has_seed = true;
        } else if (strcmp(flag, "-j") == 0 || strcmp(flag, "--threads") == 0) {
            if (!cc_options_whole(val, 1, 1024, &o->threads))
                return cc_options_usage("%s: \"%s\" is not a whole number from 1 to 1024", flag, val);
        } else if (strcmp(flag, "-o") == 0 || strcmp(flag, "--output") == 0) {
            if (!val[0]) return cc_options_usage("%s: empty folder name%s", flag, "");
            o->outdir = o->parts_dir = val;
        } else if (strcmp(flag, "--read-parts") == 0) {
            /* Internal: ccsim-mpi gives the ranks that do not write the output folder
             * this way, so that they skip the same finished work as rank 0. */
            if (!val[0]) return cc_options_usage("%s: empty folder name%s", flag, "");
            o->parts_dir = val;
        } else if (strcmp(flag, "--set") == 0) {
            o->sets[o->n_sets++] = val;
        } else if (strcmp(flag, "--max-occupancy") == 0 || strcmp(flag, "--granularity") == 0 ||
                   strcmp(flag, "--max-evaluations") == 0 || strcmp(flag, "--max-agents") == 0 ||
                   strcmp(flag, "--rule") == 0) {
            if (strcmp(o->command, "staff") != 0) return cc_options_usage("%s: only for staff%s", flag, "");
            char msg[256];
            if (strcmp(flag, "--max-occupancy") == 0) {
                double x;
                if (cc_units_probability(val, &x, msg, sizeof msg) != SIM_OK || !(x > 0))
                    return cc_options_usage("--max-occupancy: \"%s\": a share in (0, 1]%s", val, "");
                o->staff.max_occupancy = x;
            } else if (strcmp(flag, "--granularity") == 0) {
                if (strcmp(val, "horizon") == 0) o->staff.granularity_s = INFINITY;
                else if (cc_units_duration(val, &o->staff.granularity_s, msg, sizeof msg) != SIM_OK)
                    return cc_options_usage("--granularity: %s%s", msg, " (or: horizon)");
            } else if (strcmp(flag, "--rule") == 0) {
                if (strcmp(val, "mean") == 0) o->staff.rule_mean = true;
                else if (strcmp(val, "confidence") == 0) o->staff.rule_mean = false;
                else return cc_options_usage("--rule: \"%s\": confidence or mean%s", val, "");
            } else {
                long x;
                if (!cc_options_whole(val, 1, 100000000, &x))
                    return cc_options_usage("%s: \"%s\" is not a whole number >= 1", flag, val);
                if (strcmp(flag, "--max-agents") == 0) o->staff.max_agents = x;
                else o->staff.max_evaluations = x;
            }
        } else if (strcmp(flag, "--contacts") == 0) {
            if (strcmp(o->command, "run") != 0) return cc_options_usage("%s: only for run%s", flag, "");
            if (!val[0]) return cc_options_usage("%s: empty file name%s", flag, "");
            o->contacts = val;
        } else if (strcmp(flag, "--vary") == 0) {
            if (strcmp(o->command, "sweep") != 0) return cc_options_usage("%s: only for sweep%s", flag, "");
            o->vary[o->n_vary++] = val;
        } else if (strcmp(flag, "--policies") == 0) {
            if (strcmp(o->command, "compare") != 0)
                return cc_options_usage("%s: only for compare%s", flag, "");
            o->policies = val;
        } else if (strcmp(a, "--plots") == 0) {
            if (strcmp(o->command, "run") != 0) return cc_options_usage("%s: only for run%s", a, "");
            o->plots = true;
        } else if (strcmp(a, "--resume") == 0) {
            if (strcmp(o->command, "sweep") != 0 && strcmp(o->command, "compare") != 0 &&
                strcmp(o->command, "staff") != 0)
                return cc_options_usage("%s: only for sweep, compare and staff%s", a, "");
            o->resume = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = true;
        } else if (a[0] == '-' && a[1]) {
            return cc_options_usage("%s: unknown option%s", a, "");
        } else if (!o->scenario) {
            o->scenario = a;
        } else {
            return cc_options_usage("%s: unexpected argument (one scenario file at a time)%s", a, "");
        }
    }
    if (!o->scenario) return cc_options_usage("%s: which scenario file?%s", o->command, "");
    return CC_EXIT_OK;
}

void cc_options_fini(cc_options *o)
{
    free(o->sets);
    free(o->vary);
}

cc_sim_options cc_options_sim(const cc_options *o)
{
    cc_sim_options so = {0};
    so.scenario = o->scenario;
    so.sets = o->sets;
    so.n_sets = o->n_sets;
    so.replications = o->replications;
    so.has_seed = o->has_seed;
    so.seed = o->seed;
    so.threads = o->threads;
    so.progress = isatty(STDERR_FILENO);
    so.cancel = o->cancel;
    return so;
}
