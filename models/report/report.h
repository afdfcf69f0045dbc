/* models/report/report.h: results of a run as CSV files and as a readable table.
 * The files are those of shared/SCENARIO.md: summary.csv, intervals.csv and
 * replications.csv, long format, with header rows, written through libcsv. Each is
 * written whole under a temporary name in the output folder and then renamed, so an
 * interrupted run never leaves a half-written file over a good one. Numbers are
 * printed with 10 significant digits; an undefined value (ASA with nothing answered)
 * is "NaN", and the replications column says how many replications had a value. */
#ifndef CC_REPORT_H
#define CC_REPORT_H
#include <stdio.h>
#include <stddef.h>

#include "models/io/diag.h"
#include "models/io/outfile.h"
#include "models/center/model.h"
#include "sim/summary.h"

/* Creates outdir (and its parents) if needed and writes the three files. Returns SIM_OK
 * or a negative status with a line in diag. */
/* asked: the replications asked for; fewer written (an interrupted run) marks the
 * files partial: scenario.csv says complete,false. */
int  cc_report_write(const cc_model *m, const cc_rep_result *res, size_t n_reps, size_t asked,
                     const char *outdir, cc_diag *diag);
/* scenario.csv (key,value: name, file, currency, seed, replications, replications_asked,
 * complete, horizon_start,
 * horizon_end, counted_from, interval_s, policy, agent_selection) and targets.csv
 * (channel,measure,within_s,target,name): what was run, for plots and the report.
 * cc_report_write and cc_compare_write call it. */
int  cc_report_write_setup(const cc_model *m, size_t n_reps, size_t asked, const char *outdir,
                           cc_diag *diag);
/* The summary table for a person: per channel, per group and in total, mean and 95% CI. */
void cc_report_fprint(FILE *f, const cc_model *m, const cc_rep_result *res, size_t n_reps);
/* A comparison of k policies run on the same random numbers (same seed, replication r
 * of every policy shares its streams): each policy's mean and CI per measure, and the
 * paired difference to the first policy, mean and CI of the per-replication
 * differences, marked significant when that CI excludes 0. compare.csv is long format:
 * policy,scope,name,measure,mean,ci95_low,ci95_high,replications,
 * diff_mean,diff_ci95_low,diff_ci95_high,significant */
void cc_compare_fprint(FILE *f, const cc_model *const *m, const cc_rep_result *const *res,
                       const char *const *names, size_t k, int quiet);
int  cc_compare_write(const cc_model *const *m, const cc_rep_result *const *res,
                      const char *const *names, size_t k, const char *outdir, cc_diag *diag);

/* The per-contact log as CSV, replication by replication:
 * replication,channel,segment,kind,counted,outcome,arrival_s,queued_s,answered_s,end_s,
 * wait_s,handle_s,group,agent (times in seconds from 00:00 of the first day; empty where
 * a stage did not happen). */
int  cc_report_write_contacts(const cc_model *m, const cc_rep_result *res, size_t n_reps,
                              const char *path, cc_diag *diag);

/* Keeps a CI inside what the measure can be: [0, 1] for fractions (the kind in
 * models/center/measure.h), >= 0 otherwise. */
void cc_report_clamp_of(cc_measure_id id, sim_summary *s);

/* The fields scope,name,measure,mean,ci95_low,ci95_high,replications of one measure's
 * summary row (no line end), as summary.csv writes them. */
void cc_report_summary_fields(cc_outfile *o, const cc_model *model, const cc_measure *mm,
                              const sim_summary *s);

#endif /* CC_REPORT_H */
