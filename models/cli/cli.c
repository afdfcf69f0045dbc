/* models/cli.c: subcommands and their options.
 * Options are parsed by hand because each subcommand takes a few and GNU getopt_long is
 * not in POSIX; every bad flag or value is reported with the flag's name and exit 2. */
#include "models/cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/cli/commands.h"
#include "models/io/diag.h"
#include "models/center/erlang.h"
#include "models/center/model.h"
#include "models/report/chart.h"
#include "models/report/report.h"
#include "models/study/resume.h"
#include "models/center/routing.h"
#include "models/study/simulate.h"
#include "models/study/staff.h"
#include "models/study/sweep.h"
#include "models/io/units.h"
#include "models/center/scenario.h"
#include "models/io/load.h"
#include "sim/sim.h"

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
    "                   --granularity DURATION|horizon, --rule confidence|mean,\n"
    "                   --max-evaluations N (default 2000), --max-agents N;\n"
    "                   with -o, after an interruption, --resume goes on\n"
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

typedef struct options {
    const char *command;
    const char *scenario;
    long replications;       /* 0: the scenario's */
    bool has_seed;
    uint64_t seed;
    long threads;            /* 0: all cores */
    const char *outdir;
    const char **sets;
    size_t n_sets;
    bool quiet;
    const char *policies;    /* compare: "A,B,C" */
    const char **vary;       /* sweep: KEY=FROM:TO:STEP */
    size_t n_vary;
    cc_staff_options staff;  /* staff */
    const char *contacts;    /* run: the per-contact log file */
    bool plots;              /* run: charts and report.html in outdir (cc_plot_dir) */
    const volatile sig_atomic_t *cancel;  /* Ctrl-C */
    bool resume;             /* sweep, compare, staff: go on from an interrupted run's parts */
    const char *parts_dir;   /* where an interrupted run's parts are: outdir, or --read-parts */
} options;

static int usage_error(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "ccsim: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\nTry 'ccsim --help'.\n");
    return CC_EXIT_USAGE;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!s[0] || *end || errno || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static int parse_options(int argc, char **argv, int first, options *o)
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
            else return usage_error("%s: needs a value%s", flag, "");
        } else if (eq) {
            return usage_error("%s: unknown option%s", flag, "");
        }
        if (strcmp(flag, "-r") == 0 || strcmp(flag, "--replications") == 0) {
            if (!parse_long(val, 1, CC_REPLICATIONS_MAX, &o->replications))
                return usage_error("%s: \"%s\" is not a whole number from 1 to 1000000", flag, val);
        } else if (strcmp(flag, "-s") == 0 || strcmp(flag, "--seed") == 0) {
            char *end = NULL;
            errno = 0;
            unsigned long long v = strtoull(val, &end, 10);
            if (!val[0] || val[0] == '-' || *end || errno)
                return usage_error("%s: \"%s\" is not a whole number >= 0", flag, val);
            o->seed = (uint64_t)v;
            o->has_seed = true;
        } else if (strcmp(flag, "-j") == 0 || strcmp(flag, "--threads") == 0) {
            if (!parse_long(val, 1, 1024, &o->threads))
                return usage_error("%s: \"%s\" is not a whole number from 1 to 1024", flag, val);
        } else if (strcmp(flag, "-o") == 0 || strcmp(flag, "--output") == 0) {
            if (!val[0]) return usage_error("%s: empty folder name%s", flag, "");
            o->outdir = o->parts_dir = val;
        } else if (strcmp(flag, "--read-parts") == 0) {
            /* Internal: ccsim-mpi gives the ranks that do not write the output folder
             * this way, so that they skip the same finished work as rank 0. */
            if (!val[0]) return usage_error("%s: empty folder name%s", flag, "");
            o->parts_dir = val;
        } else if (strcmp(flag, "--set") == 0) {
            o->sets[o->n_sets++] = val;
        } else if (strcmp(flag, "--max-occupancy") == 0 || strcmp(flag, "--granularity") == 0 ||
                   strcmp(flag, "--max-evaluations") == 0 || strcmp(flag, "--max-agents") == 0 ||
                   strcmp(flag, "--rule") == 0) {
            if (strcmp(o->command, "staff") != 0) return usage_error("%s: only for staff%s", flag, "");
            char msg[256];
            if (strcmp(flag, "--max-occupancy") == 0) {
                double x;
                if (cc_units_probability(val, &x, msg, sizeof msg) != SIM_OK || !(x > 0))
                    return usage_error("--max-occupancy: \"%s\": a share in (0, 1]%s", val, "");
                o->staff.max_occupancy = x;
            } else if (strcmp(flag, "--granularity") == 0) {
                if (strcmp(val, "horizon") == 0) o->staff.granularity_s = INFINITY;
                else if (cc_units_duration(val, &o->staff.granularity_s, msg, sizeof msg) != SIM_OK)
                    return usage_error("--granularity: %s%s", msg, " (or: horizon)");
            } else if (strcmp(flag, "--rule") == 0) {
                if (strcmp(val, "mean") == 0) o->staff.rule_mean = true;
                else if (strcmp(val, "confidence") == 0) o->staff.rule_mean = false;
                else return usage_error("--rule: \"%s\": confidence or mean%s", val, "");
            } else {
                long x;
                if (!parse_long(val, 1, 100000000, &x))
                    return usage_error("%s: \"%s\" is not a whole number >= 1", flag, val);
                if (strcmp(flag, "--max-agents") == 0) o->staff.max_agents = x;
                else o->staff.max_evaluations = x;
            }
        } else if (strcmp(flag, "--contacts") == 0) {
            if (strcmp(o->command, "run") != 0) return usage_error("%s: only for run%s", flag, "");
            if (!val[0]) return usage_error("%s: empty file name%s", flag, "");
            o->contacts = val;
        } else if (strcmp(flag, "--vary") == 0) {
            if (strcmp(o->command, "sweep") != 0) return usage_error("%s: only for sweep%s", flag, "");
            o->vary[o->n_vary++] = val;
        } else if (strcmp(flag, "--policies") == 0) {
            if (strcmp(o->command, "compare") != 0)
                return usage_error("%s: only for compare%s", flag, "");
            o->policies = val;
        } else if (strcmp(a, "--plots") == 0) {
            if (strcmp(o->command, "run") != 0) return usage_error("%s: only for run%s", a, "");
            o->plots = true;
        } else if (strcmp(a, "--resume") == 0) {
            if (strcmp(o->command, "sweep") != 0 && strcmp(o->command, "compare") != 0 &&
                strcmp(o->command, "staff") != 0)
                return usage_error("%s: only for sweep, compare and staff%s", a, "");
            o->resume = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = true;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("%s: unknown option%s", a, "");
        } else if (!o->scenario) {
            o->scenario = a;
        } else {
            return usage_error("%s: unexpected argument (one scenario file at a time)%s", a, "");
        }
    }
    if (!o->scenario) return usage_error("%s: which scenario file?%s", o->command, "");
    return CC_EXIT_OK;
}

/* Loads the scenario with the overrides; prints every error. */
static int load(const options *o, cc_scenario *sc)
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


static cc_sim_options sim_options(const options *o)
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

/* When the scenario is one stationary Poisson channel served by one group of
 * constant size, one contact per agent, no bots or customer behaviour, Erlang C (or A
 * with the mean patience) is printed beside the simulation. The formulas assume
 * exponential handle time and patience; other shapes are named, so that a gap is read
 * correctly. */
static void print_erlang(const cc_sim *sim)
{
    const cc_scenario *sc = &sim->sc;
    if (sc->n_channels != 1 || sc->n_groups != 1 || sc->n_bots != 0) return;
    const cc_channel *ch = &sc->channels[0];
    const cc_group *g = &sc->groups[0];
    if (ch->n_segments != 1 || g->staff_kind != CC_STAFF_CONSTANT || g->concurrency_total != 1 ||
        ch->has_retrial || ch->has_switch || ch->has_resolution || ch->has_wrap_up || g->staff < 1)
        return;
    double lambda = ch->segments[0].rate_per_s;
    double aht = sim_dist_mean(&ch->handle_time) * g->factor[0];
    double patience = ch->has_patience ? sim_dist_mean(&ch->patience) : INFINITY;
    double awt = ch->n_sla ? ch->sla[0].within_s : 20;
    cc_erlang_result ex;
    if (!(lambda > 0) || cc_erlang_a(lambda, aht, patience, (unsigned)g->staff, awt, &ex) != SIM_OK) {
        if (isinf(patience) && lambda * aht >= (double)g->staff)
            printf("\nErlang C: %.2f Erlangs on %ld agents: the queue grows without bound\n",
                   lambda * aht, g->staff);
        return;
    }
    char sl[48];
    snprintf(sl, sizeof sl, "service_level_%.0fs", floor(awt));
    sim_summary s_sl = cc_sim_summary(sim, CC_SCOPE_CHANNEL, 0, sl, -1);
    sim_summary s_asa = cc_sim_summary(sim, CC_SCOPE_CHANNEL, 0, "asa_s", -1);
    sim_summary s_ab = cc_sim_summary(sim, CC_SCOPE_CHANNEL, 0, "abandon_rate", -1);
    sim_summary s_occ = cc_sim_summary(sim, CC_SCOPE_GROUP, 0, "occupancy", -1);
    bool expo = ch->handle_time.kind == SIM_DIST_EXPONENTIAL &&
                (!ch->has_patience || ch->patience.kind == SIM_DIST_EXPONENTIAL);
    printf("\n%s (steady state%s) beside the simulation:\n", isinf(patience) ? "Erlang C" : "Erlang A",
           expo ? "" : "; it assumes exponential times, this scenario has others");
    printf("  %-20s %10s %12s\n", "", "Erlang", "simulated");
    printf("  %-20s %9.2f%% %11.2f%%\n", sl, 100 * ex.service_level, 100 * s_sl.mean);
    printf("  %-20s %10.2f %12.2f\n", "asa_s", ex.asa_s, s_asa.mean);
    printf("  %-20s %9.2f%% %11.2f%%\n", "abandon_rate", 100 * ex.p_abandon, 100 * s_ab.mean);
    printf("  %-20s %9.2f%% %11.2f%%\n", "occupancy", 100 * ex.occupancy, 100 * s_occ.mean);
    if (sc->count_from_s <= sc->start_s)
        printf("  (no warm-up: a day that starts empty reads a little better than steady state)\n");
}

static int cmd_run(const options *o)
{
    if (o->plots && !o->outdir)
        return usage_error("--plots: needs -o DIR (the charts are drawn from its CSV files)%s", "", "");
    cc_sim_options so = sim_options(o);
    so.log_contacts = o->contacts != NULL;
    cc_sim sim;
    int rc = cc_sim_run(&so, NULL, 0, &sim);
    bool partial = rc == CC_SIM_INTERRUPTED;
    if (partial) {
        fprintf(stderr, "ccsim: interrupted: %zu of %zu replications finished%s\n", sim.n, sim.asked,
                sim.n && o->outdir ? "; the files written are marked partial (scenario.csv)" : "");
        rc = CC_EXIT_OK;
        if (sim.n == 0) {
            cc_sim_free(&sim);
            return CC_EXIT_FAILED;
        }
    }
    if (rc != CC_EXIT_OK) return rc;
    cc_model *m = sim.m;
    cc_rep_result *res = sim.res;
    size_t n = sim.n;
    if (!o->quiet) {
        cc_report_fprint(stdout, m, res, n);
        print_erlang(&sim);
    }
    if (o->outdir || o->contacts) {
        cc_diag diag;
        cc_diag_init(&diag);
        if (o->outdir && cc_report_write(m, res, n, sim.asked, o->outdir, &diag) != SIM_OK)
            rc = CC_EXIT_FAILED;
        if (o->contacts && rc == CC_EXIT_OK &&
            cc_report_write_contacts(m, res, n, o->contacts, &diag) != SIM_OK)
            rc = CC_EXIT_FAILED;
        cc_diag_fprint(stderr, &diag);
        cc_diag_fini(&diag);
    }
    if (rc == CC_EXIT_OK && o->plots) rc = cc_cli_exit(cc_chart_draw(o->outdir));
    cc_sim_free(&sim);
    return partial ? CC_EXIT_FAILED : rc;
}

static int cmd_sweep(const options *o)
{
    if (o->n_vary == 0)
        return usage_error("sweep: what to vary? e.g. --vary agents.team.staff=10:20:1%s", "", "");
    if (o->n_vary > CC_SWEEP_KEYS_MAX) return usage_error("sweep: at most %s --vary%s", "8", "");
    cc_sweep_axis axes[CC_SWEEP_KEYS_MAX];
    size_t n = 0;
    int rc = CC_EXIT_OK;
    for (size_t i = 0; i < o->n_vary; i++) {
        char err[512];
        if (cc_sweep_axis_parse(o->vary[i], &axes[n], err, sizeof err) != SIM_OK) {
            rc = usage_error("%s%s", err, "");
            break;
        }
        n++;
    }
    if (rc == CC_EXIT_OK) {
        cc_sim_options so = sim_options(o);
        rc = cc_sweep_run(&so, axes, n, o->parts_dir, o->outdir != NULL, o->quiet, o->resume);
    }
    for (size_t i = 0; i < n; i++) cc_sweep_axis_fini(&axes[i]);
    return rc;
}

static int cmd_staff(const options *o)
{
    cc_sim_options so = sim_options(o);
    so.progress = false;
    cc_staff_options st = o->staff;
    st.outdir = o->outdir;
    st.parts_dir = o->parts_dir;
    st.resume = o->resume;
    st.quiet = o->quiet;
    return cc_staff_run(&so, &st);
}

#define COMPARE_MAX 16

static int cmd_compare(const options *o)
{
    if (!o->policies) return usage_error("compare: which policies? e.g. --policies fcfs,priority%s", "", "");
    /* Split the list; each name must be a policy ccsim knows. */
    char *list = sim_xstrdup(o->policies), *save = NULL;
    const char *names[COMPARE_MAX];
    size_t k = 0;
    int rc = CC_EXIT_OK;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (k == COMPARE_MAX) {
            rc = usage_error("--policies: at most %s policies%s", "16", "");
            break;
        }
        if (strcmp(t, "plugin") != 0 && !cc_routing_builtin(t)) {
            rc = usage_error("--policies: \"%s\" is not a policy%s", t, "");
            break;
        }
        names[k++] = t;
    }
    if (rc == CC_EXIT_OK && k < 2) rc = usage_error("--policies: name at least two policies%s", "", "");
    if (rc == CC_EXIT_OK && o->resume && !o->parts_dir)
        rc = usage_error("compare: --resume needs -o DIR (the folder of the interrupted compare)%s", "", "");
    /* Each policy's results are a part (models/resume.h): an interrupted compare goes
     * on with --resume from the policies it finished. */
    cc_sim_options so = sim_options(o);
    char *more = sim_xmalloc(strlen(o->policies) + 16);
    snprintf(more, strlen(o->policies) + 16, "policies %s\n", o->policies);
    char *identity = cc_resume_identity(&so, "compare", more);
    cc_resume parts = {0};
    if (rc == CC_EXIT_OK)
        rc = cc_resume_open(&parts, o->parts_dir, o->outdir != NULL, "compare", identity, o->resume);
    free(more);
    free(identity);
    cc_sim sim[COMPARE_MAX];
    cc_model *m[COMPARE_MAX] = {0};
    cc_rep_result *res[COMPARE_MAX] = {0};
    size_t done = 0;
    cc_diag diag;
    cc_diag_init(&diag);
    for (size_t i = 0; i < k && rc == CC_EXIT_OK; i++) {
        char set[128], part_name[64];
        snprintf(set, sizeof set, "routing.policy=%s", names[i]);
        snprintf(part_name, sizeof part_name, "policy-%02zu.bin", i + 1);
        const char *extra[] = {set};
        char *part = cc_resume_path(&parts, part_name);
        if (cc_resume_has(&parts, part_name)) {
            rc = cc_sim_restore(&so, extra, 1, part, &sim[i]);
        } else {
            if (!o->quiet && isatty(STDERR_FILENO)) fprintf(stderr, "ccsim: policy %s\n", names[i]);
            rc = cc_sim_run(&so, extra, 1, &sim[i]);
            if (rc == CC_SIM_INTERRUPTED) {
                cc_sim_free(&sim[i]);
                fprintf(stderr, "ccsim: compare: interrupted after %zu of %zu policies%s\n", i, k,
                        o->outdir ? "; go on with the same command and --resume" : "");
                rc = CC_EXIT_FAILED;
            } else if (rc == CC_EXIT_OK && part && parts.writable &&
                       cc_sim_save(&sim[i], part, &diag) != SIM_OK) {
                cc_sim_free(&sim[i]);
                rc = CC_EXIT_FAILED;
            }
        }
        free(part);
        if (rc == CC_EXIT_OK) {
            m[i] = sim[i].m;
            res[i] = sim[i].res;
            done++;
        }
    }
    if (rc == CC_EXIT_OK) {
        cc_compare_fprint(stdout, (const cc_model *const *)m, (const cc_rep_result *const *)res,
                          names, k, o->quiet);
        if (o->outdir) {
            if (cc_compare_write((const cc_model *const *)m, (const cc_rep_result *const *)res,
                                 names, k, o->outdir, &diag) != SIM_OK)
                rc = CC_EXIT_FAILED;
            else
                cc_resume_finish(&parts);
        }
    }
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    cc_resume_fini(&parts);
    for (size_t i = 0; i < done; i++) cc_sim_free(&sim[i]);
    free(list);
    return rc;
}

static int cmd_check(const options *o)
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

int cc_cli_exit(int status)
{
    if (status == SIM_OK) return CC_EXIT_OK;
    if (status == SIM_EIO || status == SIM_EINTR) return CC_EXIT_FAILED;
    return CC_EXIT_USAGE;
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
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(USAGE, stdout);
            return CC_EXIT_OK;
        }
    }
    options o = {0};
    o.command = cmd;
    o.cancel = cancel;
    o.staff.max_occupancy = 1;
    o.staff.max_evaluations = 2000;
    int rc;
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "check") == 0 || strcmp(cmd, "compare") == 0 ||
        strcmp(cmd, "sweep") == 0 || strcmp(cmd, "staff") == 0) {
        rc = parse_options(argc, argv, 2, &o);
        if (rc == CC_EXIT_OK) {
            if (strcmp(cmd, "run") == 0) rc = cmd_run(&o);
            else if (strcmp(cmd, "check") == 0) rc = cmd_check(&o);
            else if (strcmp(cmd, "compare") == 0) rc = cmd_compare(&o);
            else if (strcmp(cmd, "sweep") == 0) rc = cmd_sweep(&o);
            else rc = cmd_staff(&o);
        }
    } else {
        rc = usage_error("%s: unknown command (expected run, check, compare, erlang or plot)%s", cmd, "");
    }
    free(o.sets);
    free(o.vary);
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
    return rc;
}
