/* tests/bench/bench.c: the benchmark behind `make bench` (a program, not a test).
 *
 * Cases, all single-threaded, best of 5 wall-clock runs (timings on a shared VM move by
 * up to 25% with the host's load, and the best of several runs moves least):
 *  - the reference model of shared/DESIGN.md (Erlang A, 100 arrivals/min, 4 min handle
 *    time, 2 min patience, 420 agents) at 10^5, 10^6 and 10^7 arrivals: the cost per
 *    contact must stay flat as the run grows;
 *  - the same load per agent with 10x the agents (4,200 agents, 1,000 arrivals/min);
 *  - the bank example (bots, concurrency, shifts), run for as many replications as
 *    make about 500,000 contacts;
 *  - the large omnichannel day (10 channels, 20 groups, 2,800 agents, ~500,000 contacts).
 * Then the reference model at 10^6 arrivals and the special-purpose loop of loop.c,
 * alternately, best of 5 each: their ratio ("loop"). Then 20 replications of the
 * reference model (10^5 arrivals each) on 1 and on 2 threads: the speed-up, and a
 * check that the results are identical ("threads").
 * It prints contacts per second, ns per event and peak memory (the process's, so it
 * only grows down the table), and writes the same to out/bench.csv (out/bench-selected.csv
 * when arguments pick the cases). Run it on a quiet
 * machine: timings vary with whatever else runs. Arguments pick cases by a part of
 * their label (bench 10^6 omni loop threads); without any, every case runs.
 *
 * Built with -DSIM_PROFILE (build/bench-split, over a copy of sim/ and models/ built
 * the same way) it runs each case once instead, with time counters around the calendar,
 * random variates, routing and statistics updates (sim/prof.h), and prints and writes
 * (out/bench-split.csv) the share of the event loop's time each one took. The counters
 * slow the run down, so the speed figures come only from the uninstrumented build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "models/study/simulate.h"
#include "sim/sim.h"
#include "tests/bench/loop.h"

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

typedef struct bench_case {
    const char *label;
    const char *file;
    const char *sets[4];
    long replications;        /* 0: enough for ~500,000 contacts */
} bench_case;

static const bench_case CASES[] = {
    {"reference, 10^5 arrivals", "scenarios/bench-reference.yaml", {"horizon=1000m", "interval=100m"}, 1},
    {"reference, 10^6 arrivals", "scenarios/bench-reference.yaml", {NULL}, 1},
    {"reference, 10^7 arrivals", "scenarios/bench-reference.yaml", {"horizon=100000m", "interval=10000m"}, 1},
    {"reference x10 agents, 10^6 arrivals", "scenarios/bench-reference.yaml",
     {"agents.team.staff=4200", "channels.voice.arrivals.rate=1000/m", "horizon=1000m", "interval=100m"}, 1},
    {"bank example (bots, concurrency, shifts)", "scenarios/bank.yaml", {NULL}, 0},
    {"large omnichannel day (10 ch, 20 groups)", "scenarios/bench-omni.yaml", {NULL}, 1},
};

/* Runs a case on `threads` threads; returns the best time of `repeats`. */
static int run_case(const bench_case *bc, long reps, unsigned threads, int repeats, double *best,
                    double *contacts, double *events, cc_sim *keep)
{
    size_t n_sets = 0;
    while (n_sets < 4 && bc->sets[n_sets]) n_sets++;
    *best = 1e300;
    for (int k = 0; k < repeats; k++) {
        cc_sim_options o = {0};
        o.scenario = bc->file;
        o.replications = reps;
        o.threads = threads;
        cc_sim local;
        /* The last run goes into the caller's storage: a cc_sim must not be copied. */
        cc_sim *sim = keep && k == repeats - 1 ? keep : &local;
        double t0 = seconds_now();
        if (cc_sim_run(&o, bc->sets, n_sets, sim) != 0) return 1;
        double dt = seconds_now() - t0;
        if (dt < *best) *best = dt;
        *contacts = 0;
        *events = 0;
        long at = cc_model_find(sim->m, CC_SCOPE_TOTAL, 0, CC_M_OFFERED, 0);
        for (size_t r = 0; r < sim->n; r++) {
            *contacts += sim->res[r].values[at];
            *events += (double)sim->res[r].events;
        }
        if (sim == &local) cc_sim_free(&local);
    }
    return 0;
}

/* The case's replications; 0 in the table sizes the run: one replication first, then
 * enough for about 500,000 contacts. Returns -1 when the case cannot run. */
static long case_replications(const bench_case *bc)
{
    if (bc->replications) return bc->replications;
    double secs, contacts, events;
    if (run_case(bc, 1, 1, 1, &secs, &contacts, &events, NULL)) return -1;
    return (long)(500000 / (contacts > 1 ? contacts : 1)) + 1;
}

#ifdef SIM_PROFILE
/* The profiled pass: each case once, and where the time went. */
static int split_cases(void)
{
    static const struct { unsigned counter; const char *label, *column; } PARTS[] = {
        {SIM_PROF_CALENDAR, "calendar", "calendar_pct"},
        {SIM_PROF_RANDOM, "random", "random_pct"},
        {CC_PROF_ROUTING, "routing", "routing_pct"},
        {SIM_PROF_STATS, "statistics", "statistics_pct"},
        {SIM_PROF_OTHER, "model/other", "model_other_pct"},
    };
    enum { NPARTS = sizeof PARTS / sizeof PARTS[0] };
    FILE *csv = fopen("out/bench-split.csv", "w");
    if (csv) {
        fputs("case,replications,contacts,events,profiled_seconds", csv);
        for (size_t k = 0; k < NPARTS; k++) fprintf(csv, ",%s", PARTS[k].column);
        fputs("\n", csv);
    }
    printf("%-42s", "where the time goes (profiled build, %)");
    for (size_t k = 0; k < NPARTS; k++) printf(" %11s", PARTS[k].label);
    printf("\n");
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const bench_case *bc = &CASES[i];
        long reps = case_replications(bc);
        if (reps < 0) return 2;
        double secs, contacts, events;
        cc_sim sim;
        if (run_case(bc, reps, 1, 1, &secs, &contacts, &events, &sim)) return 2;
        sim_prof all;
        memset(&all, 0, sizeof all);
        for (size_t r = 0; r < sim.n; r++) sim_prof_merge(&all, &sim.res[r].prof);
        cc_sim_free(&sim);
        printf("%-42s", bc->label);
        for (size_t k = 0; k < NPARTS; k++) printf(" %11.1f", 100 * sim_prof_share(&all, PARTS[k].counter));
        printf("\n");
        if (csv) {
            fprintf(csv, "\"%s\",%ld,%.0f,%.0f,%.6f", bc->label, reps, contacts, events, secs);
            for (size_t k = 0; k < NPARTS; k++)
                fprintf(csv, ",%.1f", 100 * sim_prof_share(&all, PARTS[k].counter));
            fputs("\n", csv);
        }
    }
    if (csv) {
        fclose(csv);
        printf("(also in out/bench-split.csv)\n");
    }
    return 0;
}
#endif

/* True when the case is to run: every case without arguments, else those whose label
 * contains one of them ("10^6", "omni", "threads" for the speed-up). */
static bool selected(const char *label, int argc, char **argv)
{
    if (argc < 2) return true;
    for (int i = 1; i < argc; i++)
        if (strstr(label, argv[i])) return true;
    return false;
}

/* The reference model at 10^6 arrivals against the special-purpose loop (loop.c), run
 * alternately, best of 5 each: the ratio is the goal of issue 7. The loop draws from
 * ccsim's streams, so its counts must be ccsim's: a check that both ran the same
 * contacts, printed, and failing the bench if it does not hold. */
static int yardstick(FILE *csv)
{
    const bench_case ref = {"reference, 10^6 arrivals", "scenarios/bench-reference.yaml", {NULL}, 1};
    const loop_params lp = {7, 10000 * 60.0, 100 / 60.0, 240, 120, 20, 420};
    double best_sim = 1e300, best_loop = 1e300, contacts = 0, events = 0;
    loop_result lr = {0};
    cc_sim sim;
    for (int k = 0; k < 5; k++) {
        double secs;
        if (run_case(&ref, 1, 1, 1, &secs, &contacts, &events, k == 4 ? &sim : NULL)) return 2;
        if (secs < best_sim) best_sim = secs;
        double t0 = seconds_now();
        lr = loop_run(&lp);
        double dt = seconds_now() - t0;
        if (dt < best_loop) best_loop = dt;
    }
    double count[3];
    static const cc_measure_id counted[3] = {CC_M_OFFERED, CC_M_ANSWERED, CC_M_ABANDONED};
    for (int k = 0; k < 3; k++)
        count[k] = sim.res[0].values[cc_model_find(sim.m, CC_SCOPE_TOTAL, 0, counted[k], 0)];
    cc_sim_free(&sim);
    double loop_rate = (double)lr.arrivals / best_loop, sim_rate = contacts / best_sim;
    bool same = count[0] == (double)lr.arrivals && count[1] == (double)lr.answered &&
                count[2] == (double)lr.abandoned;
    printf("\nagainst the special-purpose loop (tests/bench/loop.c), reference model, 10^6 arrivals,\n"
           "run alternately, best of 5:\n"
           "  loop   %10.0f contacts/s %6.1f ns/event  offered %.0f answered %.0f abandoned %.0f\n"
           "  ccsim  %10.0f contacts/s %6.1f ns/event  offered %.0f answered %.0f abandoned %.0f\n"
           "  ccsim / loop: %.2f; counts %s\n",
           loop_rate, best_loop * 1e9 / (double)lr.events, (double)lr.arrivals, (double)lr.answered,
           (double)lr.abandoned, sim_rate, best_sim * 1e9 / events, count[0], count[1], count[2],
           sim_rate / loop_rate, same ? "identical" : "DIFFERENT");
    if (csv) {
        fprintf(csv, "\"special-purpose loop, 10^6 arrivals\",1,1,%.0f,%.0f,%.6f,%.0f,%.2f,%.1f\n",
                (double)lr.arrivals, (double)lr.events, best_loop, loop_rate,
                best_loop * 1e9 / (double)lr.events, peak_mib());
        fprintf(csv, "\"reference, 10^6 arrivals, beside the loop\",1,1,%.0f,%.0f,%.6f,%.0f,%.2f,%.1f\n",
                contacts, events, best_sim, sim_rate, best_sim * 1e9 / events, peak_mib());
    }
    return same ? 0 : 1;
}

int main(int argc, char **argv)
{
    sim_check_install_gsl_handler();
#ifdef SIM_PROFILE
    mkdir("out", 0777); /* may exist already */
    return split_cases();
#endif
    mkdir("out", 0777); /* may exist already */
    /* A run of some cases only writes elsewhere, so the full table stays. */
    const char *csv_path = argc > 1 ? "out/bench-selected.csv" : "out/bench.csv";
    FILE *csv = fopen(csv_path, "w");
    if (csv) fputs("case,replications,threads,contacts,events,seconds,contacts_per_s,ns_per_event,peak_mib\n", csv);
    printf("%-42s %5s %10s %8s %11s %8s %8s\n", "case (1 thread, best of 5)", "reps", "contacts",
           "seconds", "contacts/s", "ns/event", "peak MiB");
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const bench_case *bc = &CASES[i];
        if (!selected(bc->label, argc, argv)) continue;
        long reps = case_replications(bc);
        if (reps < 0) return 2;
        double best, contacts, events;
        if (run_case(bc, reps, 1, 5, &best, &contacts, &events, NULL)) return 2;
        printf("%-42s %5ld %10.0f %8.3f %11.0f %8.1f %8.1f\n", bc->label, reps, contacts, best,
               contacts / best, best * 1e9 / events, peak_mib());
        if (csv)
            fprintf(csv, "\"%s\",%ld,1,%.0f,%.0f,%.6f,%.0f,%.2f,%.1f\n", bc->label, reps, contacts,
                    events, best, contacts / best, best * 1e9 / events, peak_mib());
    }

    if (selected("loop", argc, argv) && yardstick(csv)) return 1;

    /* Threads: 20 replications of 10^5 arrivals on 1 and 2 threads. */
    if (!selected("threads", argc, argv)) {
        if (csv) fclose(csv);
        return 0;
    }
    const bench_case par = {"reference 10^5 x 20 replications", "scenarios/bench-reference.yaml",
                            {"horizon=1000m", "interval=100m"}, 20};
    double t1, t2, contacts, events;
    cc_sim one, two;
    if (run_case(&par, 20, 1, 5, &t1, &contacts, &events, &one)) return 2;
    if (run_case(&par, 20, 2, 5, &t2, &contacts, &events, &two)) return 2;
    size_t nm = cc_model_measure_count(one.m);
    bool same = true;
    for (size_t r = 0; r < one.n; r++)
        same = same && memcmp(one.res[r].values, two.res[r].values, nm * sizeof(double)) == 0;
    printf("\n20 replications of 10^5 arrivals: 1 thread %.3f s, 2 threads %.3f s, speed-up %.2fx, "
           "results %s\n", t1, t2, t1 / t2, same ? "identical" : "DIFFERENT");
    if (csv) {
        fprintf(csv, "\"%s\",20,1,%.0f,%.0f,%.6f,%.0f,%.2f,%.1f\n", par.label, contacts, events, t1,
                contacts / t1, t1 * 1e9 / events, peak_mib());
        fprintf(csv, "\"%s\",20,2,%.0f,%.0f,%.6f,%.0f,%.2f,%.1f\n", par.label, contacts, events, t2,
                contacts / t2, t2 * 1e9 / events, peak_mib());
        fclose(csv);
        printf("(also in %s)\n", csv_path);
    }
    cc_sim_free(&one);
    cc_sim_free(&two);
    return same ? 0 : 1;
}
