/* models/study/validate.h: a scenario simulated beside a log's observed measures, per
 * interval (ccsim validate).
 *
 * The log is read like calibrate reads it (same formats and filters,
 * models/study/calibrate.h) but only counted, over the scenario's horizon and with its
 * interval. The scenario is simulated with two service-level objectives set on every
 * channel (20 s and 60 s, so that both measures exist whatever the file says), and
 * optionally with the log's own arrivals and agents seen serving (use_arrivals,
 * use_staff: the queueing model judged alone, without the error of the forecast).
 * Beside each interval stands Erlang A (M/M/N+M) computed from the same scenario as if
 * the interval were in steady state: arrival rate after the bots, the arrival-weighted
 * mean handle time and mean patience (an exponential equivalent when the patience is
 * not exponential), N the head count.
 *
 * Output: a table on stdout unless quiet, and with an output folder DIR/validate.csv
 * (long format: interval_start,scope,name,measure,observed,simulated,ci95_low,
 * ci95_high,replications,erlang_a,sim_error,erlang_a_error) and DIR/plots/validate.png
 * drawn by gnuplot from plots/validate.gp (models/report/gnuplot.h). */
#ifndef CC_VALIDATE_H
#define CC_VALIDATE_H
#include <stdbool.h>
#include <stddef.h>

#include "models/study/calibrate.h"
#include "models/study/simulate.h"

typedef struct cc_validate_options {
    cc_calib_options log;    /* the log's format and filters; the interval and the horizon
                              * are taken from the scenario */
    cc_sim_options sim;      /* replications, seed, threads, progress (its scenario unused) */
    const char *scenario;    /* the scenario file */
    const char *const *logs; /* the log files */
    size_t n_logs;
    const char *outdir;      /* NULL: no files */
    bool use_arrivals;       /* simulate with the log's arrivals per interval */
    bool use_staff;          /* simulate with the log's agents seen serving */
    bool quiet;              /* no table on stdout */
} cc_validate_options;

/* Every problem is said on stderr. Returns SIM_OK; SIM_EINVAL for bad input (the
 * scenario, a log refused); SIM_EIO for a failed run or a file that cannot be written.
 * A chart that cannot be drawn is said but is no failure: the CSV is the result. */
int cc_validate_run(const cc_validate_options *o);

#endif /* CC_VALIDATE_H */
