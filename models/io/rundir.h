/* models/io/rundir.h: a run's output folder read back, for `ccsim plot` and report.html.
 * cc_rundir_load reads whatever the folder holds of scenario.csv, targets.csv,
 * summary.csv, intervals.csv and compare.csv (README, "What is reported"), through
 * libcsv. An absent file leaves its part empty (has_* false); a file that is not what
 * ccsim writes (another header, a number that is not one) is bad input: a line in diag
 * with the file and line, and SIM_EINVAL. The struct owns every string in it.
 * Each measure's CSV name is read through cc_measure_parse (models/center/measure.h), and
 * values are looked up by (scope, name, measure id, threshold), e.g. ("channel", "voice",
 * CC_M_ASA, 0), for the whole window (summary.csv) or one reporting interval
 * (intervals.csv). A row whose measure this version does not know (one that a later
 * version writes) is skipped, so everything read back is a measure of the table. */
#ifndef CC_RUNDIR_H
#define CC_RUNDIR_H
#include <stdbool.h>
#include <stddef.h>

#include "models/center/measure.h"
#include "models/io/diag.h"
#include "sim/hash.h"

/* A measure of a run folder: (id, threshold) as cc_measure_parse read its name. */
typedef struct cc_rundir_measure {
    cc_measure_id id;
    double threshold_s;
} cc_rundir_measure;

/* One mean with its 95% CI, as ccsim wrote it. */
typedef struct cc_rundir_value {
    double mean, ci95_low, ci95_high;   /* NaN where undefined in every replication */
    long replications;                  /* replications that had a value */
    char text[32];                      /* the mean exactly as written in the CSV file */
} cc_rundir_value;

typedef struct cc_rundir_target {       /* one row of targets.csv */
    char *channel, *name;               /* name may be "" */
    cc_rundir_measure measure;          /* a service level */
    double within_s, target;            /* target a fraction in [0, 1] */
} cc_rundir_target;

typedef struct cc_rundir_compare {      /* one row of compare.csv */
    char *policy, *scope, *name;
    cc_rundir_measure measure;
    cc_rundir_value value;
    cc_rundir_value diff;               /* paired difference to the first policy */
    bool significant;
} cc_rundir_compare;

typedef struct cc_rundir_series cc_rundir_series;   /* opaque: one (scope, name, measure) */

typedef struct cc_rundir {
    /* public, read-only */
    bool has_scenario, has_targets, has_summary, has_intervals, has_compare;
    char **setting_keys, **setting_values;          /* scenario.csv, in file order */
    size_t n_settings;
    cc_rundir_target *targets;
    size_t n_targets;
    char **interval_labels;                         /* "HH:MM" as written */
    double *interval_start_s;                       /* from the label: hours*3600+min*60 */
    size_t n_intervals;
    cc_rundir_compare *compare;
    size_t n_compare;
    /* private */
    cc_rundir_series *series;                       /* in order of first appearance */
    size_t n_series, cap_series;
    sim_hindex index;                               /* series by (scope, name, measure) */
} cc_rundir;

/* Reads the folder. SIM_ENOENT when it holds none of the files (or is not a folder). */
int  cc_rundir_load(cc_rundir *rd, const char *dir, cc_diag *diag);
void cc_rundir_fini(cc_rundir *rd);

/* NULL when absent. */
const char *cc_rundir_setting(const cc_rundir *rd, const char *key);
const cc_rundir_value *cc_rundir_summary(const cc_rundir *rd, const char *scope,
                                         const char *name, cc_measure_id id, double threshold_s);
const cc_rundir_value *cc_rundir_interval(const cc_rundir *rd, const char *scope,
                                          const char *name, cc_measure_id id, double threshold_s,
                                          size_t i);
/* The distinct names of a scope ("channel", "group", "bot", "segment") in order of first
 * appearance in summary.csv, then intervals.csv: fills out and returns how many, at most
 * max (the rest are left out). */
size_t cc_rundir_names(const cc_rundir *rd, const char *scope, const char **out, size_t max);
/* The distinct measures of (scope, name) in order of appearance (name NULL: any name). */
size_t cc_rundir_measures(const cc_rundir *rd, const char *scope, const char *name,
                          cc_rundir_measure *out, size_t max);
/* The distinct policies of compare.csv in file order. */
size_t cc_rundir_policies(const cc_rundir *rd, const char **out, size_t max);
/* The compare.csv row of (policy, scope, name, measure), NULL when absent. */
const cc_rundir_compare *cc_rundir_compared(const cc_rundir *rd, const char *policy,
                                            const char *scope, const char *name,
                                            cc_measure_id id, double threshold_s);

#endif /* CC_RUNDIR_H */
