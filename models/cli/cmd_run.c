/* models/cli/cmd_run.c: ccsim run SCENARIO, the simulation with its table, its CSV
 * files, the per-contact log and the charts; Erlang beside it where the scenario is one
 * of its queues. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/center/erlang.h"
#include "models/io/diag.h"
#include "models/io/outfile.h"
#include "models/report/chart.h"
#include "models/report/report.h"
#include "models/study/precision.h"
#include "models/study/simulate.h"
#include "sim/sim.h"

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
    double t = cc_measure_threshold_of(awt);
    cc_measure_format(CC_M_SERVICE_LEVEL, t, sl, sizeof sl);
    sim_summary s_sl = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, t, -1);
    sim_summary s_asa = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0, -1);
    sim_summary s_ab = cc_sim_summary_of(sim, CC_SCOPE_CHANNEL, 0, CC_M_ABANDON_RATE, 0, -1);
    sim_summary s_occ = cc_sim_summary_of(sim, CC_SCOPE_GROUP, 0, CC_M_OCCUPANCY, 0, -1);
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

int cc_cmd_run(const cc_options *o)
{
    if (o->plots && !o->outdir)
        return cc_options_usage(&CC_OPTIONS_MAIN,
                                "--plots: needs -o DIR (the charts are drawn from its CSV files)");
    const char *const inputs[] = {o->scenario};
    if (o->contacts && cc_outfile_is_input(o->contacts, inputs, 1))
        return cc_options_usage(&CC_OPTIONS_MAIN, "--contacts %s: that is the scenario being run: "
                                "refusing to write over it", o->contacts);
    cc_sim_options so = cc_options_sim(o);
    so.log_contacts = o->contacts != NULL;
    if (o->max_replications && !(o->precision > 0))
        return cc_options_usage(&CC_OPTIONS_MAIN, "--max-replications: run takes it with "
                                "--precision only (-r is the count otherwise)");
    cc_sim sim;
    cc_precision want = {o->precision, o->precision_wait_s, o->max_replications};
    bool reached = true;
    int rc = o->precision > 0 ? cc_precision_run(&so, &want, &sim, &reached)
                              : cc_sim_run(&so, NULL, 0, &sim);
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
    if (o->precision > 0 && !partial) {
        char worst[160];
        double ratio = cc_precision_worst(&sim, &want, worst, sizeof worst);
        if (reached)
            fprintf(stderr, "ccsim: precision reached with %zu replications (every headline "
                    "half-width within %g on fractions, %g s on waits)\n", sim.n, want.share,
                    want.wait_s);
        else
            fprintf(stderr, "ccsim: precision not reached: %zu replications, the most allowed "
                    "(--max-replications); %s's half-width is still %.2f times the one asked\n",
                    sim.n, worst, ratio);
    }
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
