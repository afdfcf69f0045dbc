/* tests/bench/bench.c: the benchmark behind `make bench` (a program, not a test).
 * Runs each benchmark scenario single-threaded, one replication, and prints contacts
 * per second, ns per event and peak memory, as a table and as CSV (bench.csv in the
 * current folder's out/ when writable). Times are wall-clock: run it on a quiet machine
 * and take the best of several repetitions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "models/diag.h"
#include "models/model.h"
#include "models/scenario.h"
#include "sim/sim.h"

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench(const char *path, int repeats, FILE *csv)
{
    cc_diag diag;
    cc_diag_init(&diag);
    cc_scenario sc;
    if (cc_scenario_load(path, NULL, 0, &sc, &diag) != SIM_OK) {
        cc_diag_fprint(stderr, &diag);
        cc_diag_fini(&diag);
        return 2;
    }
    cc_diag_fini(&diag);
    cc_model *m = cc_model_alloc(&sc);
    long offered_at = cc_model_find(m, CC_SCOPE_TOTAL, 0, "offered");
    double best = 1e300, contacts = 0;
    unsigned long long events = 0;
    /* A small day is run for as many replications as make about 500,000 contacts, so
     * that the time is long enough to measure; a big one once. */
    size_t reps = 1;
    for (int k = 0; k < repeats; k++) {
        cc_rep_result *res = calloc(reps, sizeof *res);
        sim_runner_config cfg = {0};
        cfg.seed = sc.seed;
        cfg.replications = reps;
        cfg.threads = 1;
        cfg.start_s = sc.start_s;
        double t0 = seconds_now();
        sim_runner_run(&cfg, cc_model_ops(), m, res, sizeof *res);
        double dt = seconds_now() - t0;
        double got = 0;
        unsigned long long ev = 0;
        for (size_t r = 0; r < reps; r++) {
            got += res[r].values[offered_at];
            ev += (unsigned long long)res[r].events;
            cc_rep_result_fini(&res[r]);
        }
        free(res);
        if (k == 0 && got < 250000) {
            reps = (size_t)(500000 / (got > 1 ? got : 1)) + 1;
            k--;                    /* that was a sizing run: measure again */
            continue;
        }
        if (dt < best) best = dt;
        contacts = got;
        events = ev;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mib = (double)ru.ru_maxrss / 1024.0;
    printf("%-48.48s %6zu %10.0f %9.3f %12.0f %8.1f %10.1f\n", sc.name, reps, contacts, best,
           contacts / best, best * 1e9 / (double)events, mib);
    if (csv)
        fprintf(csv, "\"%s\",%zu,%.0f,%llu,%.6f,%.0f,%.2f,%.1f\n", sc.name, reps, contacts, events, best,
                contacts / best, best * 1e9 / (double)events, mib);
    cc_model_free(m);
    cc_scenario_fini(&sc);
    return 0;
}

int main(int argc, char **argv)
{
    sim_check_install_gsl_handler();
    const char *defaults[] = {"scenarios/bench-reference.yaml", "scenarios/bank.yaml"};
    int n = argc > 1 ? argc - 1 : 2;
    const char **paths = argc > 1 ? (const char **)argv + 1 : defaults;
    mkdir("out", 0777); /* may exist already */
    FILE *csv = fopen("out/bench.csv", "w");
    if (csv) fputs("scenario,replications,contacts,events,seconds,contacts_per_s,ns_per_event,peak_mib\n", csv);
    printf("%-48s %6s %10s %9s %12s %8s %10s\n", "scenario (1 thread, best of 3)", "reps",
           "contacts", "seconds", "contacts/s", "ns/event", "peak MiB");
    int rc = 0;
    for (int i = 0; i < n; i++) rc |= bench(paths[i], 3, csv);
    if (csv) {
        fclose(csv);
        printf("(also in out/bench.csv)\n");
    }
    return rc;
}
