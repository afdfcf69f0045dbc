/* models/cli/options.h: the options of run, check, sweep, staff and compare.
 * cc_options_parse reads argv[first..] into a cc_options: every bad flag or value is
 * said on stderr with the flag's name ("ccsim: -r: ..." and "Try 'ccsim --help'.") and
 * gives exit status 2; an option that belongs to another command is refused by name
 * ("--vary: only for sweep"). The struct points into argv and owns only its two arrays
 * (cc_options_fini). */
#ifndef CC_OPTIONS_H
#define CC_OPTIONS_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/study/simulate.h"
#include "models/study/staff.h"

typedef struct cc_options {
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
    bool plots;              /* run: charts and report.html in outdir (cc_chart_draw) */
    const volatile sig_atomic_t *cancel;  /* Ctrl-C */
    bool resume;             /* sweep, compare, staff: go on from an interrupted run's parts */
    const char *parts_dir;   /* where an interrupted run's parts are: outdir, or --read-parts */
} cc_options;

/* o->command, o->cancel and the staff defaults are the caller's; returns an exit status. */
int  cc_options_parse(int argc, char **argv, int first, cc_options *o);
void cc_options_fini(cc_options *o);
/* The simulation's part of the options. */
cc_sim_options cc_options_sim(const cc_options *o);
/* A whole number from lo to hi (lo >= 0) read by cc_units_whole: digits only, so
 * "26.0" is refused here as it is in a scenario file. */
bool cc_options_whole(const char *text, long lo, long hi, long *out);
/* Prints "ccsim: " fmt (with a and b) and "Try 'ccsim --help'."; returns exit status 2. */
int  cc_options_usage(const char *fmt, const char *a, const char *b);

#endif /* CC_OPTIONS_H */
