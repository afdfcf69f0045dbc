/* models/cli/cli.c: the command line's entry: the usage text, and the dispatch of a
 * subcommand to its cmd_*.c (the run family's options are read by models/cli/options.c
 * first, since run, check, sweep, staff and compare share them). */
#include "models/cli/cli.h"

#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "sim/mem.h"
#include "sim/status.h"

static const char USAGE[] =
    "usage: ccsim COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO     simulate the scenario and report service level, waits,\n"
    "                   abandonment, occupancy and cost, with 95% confidence intervals\n"
    "  check SCENARIO   validate the scenario file; list every error with its place\n"
    "  erlang b|c|a ... analytic Erlang B, C and A (M/M/N+M): service level, ASA,\n"
    "                   abandonment, occupancy, least N for targets (ccsim erlang --help)\n"
    "  plot DIR         charts (gnuplot) and report.html from a run's output folder\n"
    "\n"
    "options of run and check (a value goes after a space, or glued to a short option,\n"
    "-r50, or after = on a long one, --replications=50):\n"
    "  -r, --replications N   replications (default: the scenario's, else 10)\n"
    "  -s, --seed SEED        random seed (default: the scenario's, else 1)\n"
    "  -j, --threads N        threads for replications (default: all cores);\n"
    "                         results are identical whatever N is\n"
    "  -o, --output DIR       write summary.csv, intervals.csv, replications.csv to DIR\n"
    "  --set KEY=VALUE        override one value, KEY a dotted path such as\n"
    "                         agents.generalists.staff or channels.voice.arrivals.rate\n"
    "  -q, --quiet            no table on standard output\n"
    "  --contacts FILE        run: also write every contact's life to FILE (CSV)\n"
    "  --plots                run, with -o DIR: also draw DIR/plots/*.png and *.svg with\n"
    "                         gnuplot and write DIR/report.html (as 'ccsim plot DIR')\n"
    "\n"
    "  sweep SCENARIO --vary KEY=FROM:TO:STEP [--vary ...]   a grid over scenario keys\n"
    "                   (any --set path; values keep their unit, e.g. 100/h:200/h:25/h),\n"
    "                   on common random numbers; sweep.csv with -o; after an\n"
    "                   interruption, the same command with --resume goes on\n"
    "  staff SCENARIO   the least-cost head count per group and interval that meets every\n"
    "                   service-level target in every interval (Erlang start, then\n"
    "                   simulation on common random numbers); staffing.csv and\n"
    "                   staffed.yaml with -o. Options: --max-occupancy X,\n"
    "                   --granularity DURATION|horizon,\n"
    "                   --rule sequential|mean|confidence (default sequential: more\n"
    "                   replications until each target is decided), --tolerance X\n"
    "                   (default 0.005), --max-replications N (default 8 x -r),\n"
    "                   --max-evaluations N (default 2000), --max-agents N,\n"
    "                   --fix GROUP; with -o, after an interruption, --resume goes on\n"
    "  compare SCENARIO --policies A,B,...   run each routing policy on the same random\n"
    "                   numbers; report each policy's measures and the paired difference\n"
    "                   to the first policy with its 95% CI (compare.csv with -o;\n"
    "                   after an interruption, --resume goes on)\n"
    "                   policies: fcfs, priority, sla-urgency, longest-queue,\n"
    "                   weighted-wait, agent-preference, plugin (routing.library)\n"
    "\n"
    "  calibrate LOG [LOG...] -o SCENARIO.yaml   fit a scenario to an interaction log:\n"
    "                   arrivals per interval, handle time and patience (maximum likelihood,\n"
    "                   censored waits), bots, staffing; --format ccsim|bank1999|generic\n"
    "                   (ccsim calibrate --help for the options)\n"
    "  validate LOG [LOG...] SCENARIO   simulate the scenario beside the log's observed\n"
    "                   measures per interval, with Erlang A; validate.csv and a chart with -o\n"
    "\n"
    "  -h, --help             this help\n"
    "  --version              the version\n"
    "\n"
    "exit status: 0 success, 1 a failed run, 2 bad usage or bad input\n";

/* The options every command of the run family takes. */
#define COMMON_OPTIONS                                                                     \
    "  -r, --replications N   replications (default: the scenario's, else 10)\n"           \
    "  -s, --seed SEED        random seed (default: the scenario's, else 1)\n"             \
    "  -j, --threads N        threads for replications (default: all cores);\n"            \
    "                         results are identical whatever N is\n"                       \
    "  --set KEY=VALUE        override one value, KEY a dotted path such as\n"             \
    "                         agents.generalists.staff or channels.voice.arrivals.rate\n"  \
    "  -q, --quiet            no table on standard output\n"                               \
    "  -h, --help             this help\n"

/* `ccsim COMMAND --help`: that command's own text. */
static const struct {
    const char *command;
    const char *text;
} COMMAND_HELP[] = {
    {"run",
     "usage: ccsim run SCENARIO [OPTIONS]\n\n"
     "Simulates the scenario and reports service level, waits, abandonment, occupancy and\n"
     "cost with 95% confidence intervals (ratios are ratios of sums over replications).\n\n"
     "options:\n" COMMON_OPTIONS
     "  -o, --output DIR       write summary.csv, intervals.csv, replications.csv,\n"
     "                         scenario.csv and targets.csv to DIR\n"
     "  --contacts FILE        also write every contact's life to FILE (CSV)\n"
     "  --plots                with -o DIR: also draw DIR/plots/*.png and *.svg and write\n"
     "                         DIR/report.html\n"
     "  --precision P[,W]      add replications (from -r) until every headline 95% CI\n"
     "                         (each channel's service levels, abandonment and ASA, each\n"
     "                         group's occupancy) has a half-width within P on fractions\n"
     "                         (0.005: half a point) and W on waits (default 1s), e.g.\n"
     "                         --precision 0.005,2s; the same numbers whatever -j\n"
     "  --max-replications N   with --precision: at most N (default 50 x -r)\n"},
    {"check",
     "usage: ccsim check SCENARIO [OPTIONS]\n\n"
     "Validates the scenario file and lists every error with its file, line, column and\n"
     "key; loads no code. Exit 0 when the file is valid, 2 otherwise.\n\n"
     "options:\n"
     "  --set KEY=VALUE        override one value before checking\n"
     "  -h, --help             this help\n"},
    {"sweep",
     "usage: ccsim sweep SCENARIO --vary KEY=FROM:TO:STEP [--vary ...] [OPTIONS]\n\n"
     "Runs a grid over scenario keys (any --set path; values keep their unit, e.g.\n"
     "100/h:200/h:25/h) on common random numbers and prints service level, abandonment\n"
     "and total cost per point.\n\n"
     "options:\n" COMMON_OPTIONS
     "  --vary KEY=FROM:TO:STEP  one axis of the grid (the last varies fastest)\n"
     "  -o, --output DIR       write sweep.csv to DIR\n"
     "  --resume               with -o: go on from the points an interrupted sweep left\n"},
    {"staff",
     "usage: ccsim staff SCENARIO [OPTIONS]\n\n"
     "Finds the least-cost head count per group and block that meets every service-level\n"
     "target in every judged interval: an Erlang start, then simulation on common random\n"
     "numbers (iterate, repair, trim, move between groups, hold-out).\n\n"
     "options:\n" COMMON_OPTIONS
     "  -o, --output DIR       write staffing.csv (with one_fewer: whether one agent fewer\n"
     "                         was simulated and misses) and staffed.yaml to DIR\n"
     "  --rule RULE            sequential (default): replications double while a target's\n"
     "                         CI straddles it and is wider than the tolerance; mean: the\n"
     "                         estimate at -r; confidence: the CI's lower end must reach it\n"
     "  --tolerance X          sequential: decide on the estimate once the CI half-width\n"
     "                         is below X (default 0.005)\n"
     "  --target-scope S       interval (default): each target in every judged interval;\n"
     "                         day: on the channel's whole counted window (the usual WFM\n"
     "                         contract); both: each of them\n"
     "  --max-replications N   sequential: at most N per evaluation (default 8 x -r)\n"
     "  --fix GROUP            keep GROUP's head counts as the scenario gives them (a\n"
     "                         contract); repeat for more groups\n"
     "  --max-occupancy X      cap every group's occupancy (a share in (0, 1])\n"
     "  --granularity D|horizon  one head count per block of D (a multiple of the\n"
     "                         interval), or one for the whole horizon\n"
     "  --max-evaluations N    the budget of simulations (default 2000)\n"
     "  --max-agents N         the ceiling per group and block\n"
     "  --resume               with -o: go on from the verdicts an interrupted search left\n"},
    {"compare",
     "usage: ccsim compare SCENARIO --policies A,B,... [OPTIONS]\n\n"
     "Runs each routing policy on the same random numbers and reports each policy's\n"
     "measures and the paired difference to the first with its 95% CI.\n"
     "policies: fcfs, priority, sla-urgency, longest-queue, weighted-wait,\n"
     "agent-preference, plugin (the scenario's routing.library).\n\n"
     "options:\n" COMMON_OPTIONS
     "  --policies A,B,...     the policies, the first the reference\n"
     "  -o, --output DIR       write compare.csv to DIR\n"
     "  --resume               with -o: go on from the policies an interrupted run left\n"},
};

/* The help of the run family's command cmd, or the whole usage. */
static const char *command_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof COMMAND_HELP / sizeof COMMAND_HELP[0]; i++)
        if (strcmp(COMMAND_HELP[i].command, cmd) == 0) return COMMAND_HELP[i].text;
    return USAGE;
}

int cc_cli_exit(int status)
{
    if (status == SIM_OK) return CC_EXIT_OK;
    if (status == SIM_EIO || status == SIM_EINTR) return CC_EXIT_FAILED;
    return CC_EXIT_USAGE;
}

int cc_cli_lock(const char *outdir, cc_outdir *lock)
{
    lock->fd = -1;
    lock->path = NULL;
    if (!outdir) return CC_EXIT_OK;
    cc_diag diag;
    cc_diag_init(&diag);
    int st = cc_outdir_lock(lock, outdir, &diag);
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    return st == SIM_OK ? CC_EXIT_OK : CC_EXIT_FAILED;
}

int cc_cli_run(int argc, char **argv, const volatile sig_atomic_t *cancel)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return CC_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return CC_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("ccsim %s\n", CC_VERSION);
        return CC_EXIT_OK;
    }
    if (strcmp(cmd, "erlang") == 0) return cc_cmd_erlang(argc - 1, argv + 1);
    if (strcmp(cmd, "plot") == 0) return cc_cmd_plot(argc - 1, argv + 1);
    if (strcmp(cmd, "calibrate") == 0) return cc_cmd_calibrate(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0) return cc_cmd_validate(argc - 1, argv + 1);
    if (cc_options_help(argc, argv, 2, command_help(cmd))) return CC_EXIT_OK;
    cc_options o = {0};
    o.command = cmd;
    o.cancel = cancel;
    o.staff.max_occupancy = 1;
    o.staff.max_evaluations = 2000;
    o.staff.tolerance = 0.005;
    int rc;
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "check") == 0 || strcmp(cmd, "compare") == 0 ||
        strcmp(cmd, "sweep") == 0 || strcmp(cmd, "staff") == 0) {
        rc = cc_options_parse(argc, argv, 2, &o);
        cc_outdir lock = {-1, NULL};
        if (rc == CC_EXIT_OK && strcmp(cmd, "check") != 0) rc = cc_cli_lock(o.outdir, &lock);
        if (rc == CC_EXIT_OK) {
            if (strcmp(cmd, "run") == 0) rc = cc_cmd_run(&o);
            else if (strcmp(cmd, "check") == 0) rc = cc_cmd_check(&o);
            else if (strcmp(cmd, "compare") == 0) rc = cc_cmd_compare(&o);
            else if (strcmp(cmd, "sweep") == 0) rc = cc_cmd_sweep(&o);
            else rc = cc_cmd_staff(&o);
        }
        cc_outdir_unlock(&lock);
    } else {
        rc = cc_options_usage(&CC_OPTIONS_MAIN,
                              "%s: unknown command (expected run, check, compare, erlang or plot)", cmd);
    }
    cc_options_fini(&o);
    return rc;
}

/* Is a, whose first two characters are -r, -s, -j or -o, one of them glued to its
 * value? A number for -r, -s and -j, so that a value of another option that merely
 * starts that way ("--contacts -sfile.csv") is left alone; anything for -o. */
static bool glued_value(const char *a)
{
    if (a[1] == 'o') return true;
    for (const char *p = a + 2; *p; p++)
        if (*p < '0' || *p > '9') return false;
    return true;
}

char **cc_cli_split_glued(int argc, char **argv, int *n_out)
{
    static const char letters[] = "rsjo";
    static char flags[][3] = {"-r", "-s", "-j", "-o"};
    char **out = sim_xcalloc(2 * (size_t)argc + 1, sizeof *out);
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *letter = i > 0 && a[0] == '-' && a[1] && a[2] ? strchr(letters, a[1]) : NULL;
        if (letter && glued_value(a)) {
            out[n++] = flags[letter - letters];
            out[n++] = argv[i] + 2;
        } else {
            out[n++] = argv[i];
        }
    }
    *n_out = n;
    return out;
}

int cc_cli_main(int argc, char **argv, const volatile sig_atomic_t *cancel)
{
    int n;
    char **args = cc_cli_split_glued(argc, argv, &n);
    int rc = cc_cli_run(n, args, cancel);
    free(args);
    /* A table written to a full disk, a closed pipe or a closed standard output is lost:
     * that is a failed run, said on stderr, never exit 0. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "ccsim: standard output: %s\n", errno ? strerror(errno) : "write error");
        if (rc == CC_EXIT_OK) rc = CC_EXIT_FAILED;
    }
    return rc;
}
