/* models/study/calibrate.h: a scenario fitted to an interaction log (ccsim calibrate), and the
 * log's observed measures per interval (for ccsim validate).
 *
 * A cc_calib reads one or more logs (models/calllog) row by row and keeps, per channel
 * and interval of the day, counts, sufficient statistics and fixed histograms, never the
 * rows: memory grows with channels x intervals, days and days x agents (a 5-minute
 * bitmap each), not with the file's size. cc_calib_finish then picks the horizon (the log's opening hours: the
 * intervals in which contacts were answered on at least half of the days, unless the
 * caller gives them), and fits, over the horizon:
 *   arrivals     contacts per hour per channel and interval, mean over the log's days;
 *   handle time  exponential, lognormal and gamma by maximum likelihood from the
 *                sufficient statistics (n, sum x, sum ln x, sum ln^2 x: exact, no sample);
 *                the one with the smallest BIC is written; standard errors from the
 *                Fisher information; a Kolmogorov-Smirnov distance from a log-binned
 *                histogram (bins 1% wide) for each;
 *   patience     from censored waits: abandonments are observed patience, answered waits
 *                are censored. The exponential MLE (exposure / abandonments) is exact;
 *                exponential, lognormal, gamma and Weibull are also fitted by maximum
 *                likelihood on the waits binned (1 s to 10 min, 10 s to 1 h, 1 min to
 *                6 h; exact for the whole seconds of most logs), the smallest BIC
 *                written; a Kaplan-Meier estimate from the same bins is reported with
 *                the largest gap between it and each fit;
 *   bots         where a channel has a bot stage (contained contacts or time before the
 *                queue): containment with its binomial standard error and the bot's
 *                handle time, fitted like handle times;
 *   staffing     per agent group (the log's groups, or one group "agents") the
 *                capacity seen per 5-minute slot: agents busy while customers waited
 *                all along, else agents present (served in the slot, idle gaps of up
 *                to 15 minutes filled); mean over days, rounded, at least 1 where
 *                anyone worked.
 *
 * Errors: cc_calib_add_file returns a negative status on a bad file (unreadable, empty,
 * a missing column) with a message in diag; bad rows are counted by reason. cc_calib_finish
 * fails (SIM_EINVAL) when more than max_bad of the rows were rejected, when nothing is
 * left after the filters, or when a channel has no answered contact to fit. */
#ifndef CC_CALIBRATE_H
#define CC_CALIBRATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "models/io/calllog.h"
#include "models/io/diag.h"

typedef struct cc_calib_options {
    cc_calllog_options log;
    double interval_s;         /* the scenario's interval; 30 min when 0 */
    bool has_hours;            /* the horizon given (else the opening hours) */
    double open_s, close_s;
    unsigned days_mask;        /* bit w: keep weekday w (0 Sunday); 0 or 0x7f: all */
    const char *channels;      /* "a,b,c": keep these channels only; NULL all */
    double max_bad;            /* refuse the log above this share of rejected rows */
    long replications;         /* written into the scenario; 20 when 0 */
    const char *name;          /* the scenario's name; NULL: made from the files */
    bool observe_only;         /* validate: counts and staffing only, no fits */
} cc_calib_options;

typedef struct cc_calib cc_calib;

#define CC_CALIB_CHANNELS_MAX 64
#define CC_CALIB_GROUPS_MAX 256
#define CC_CALIB_INTERVALS_MAX 100000

cc_calib *cc_calib_alloc(const cc_calib_options *o);
void      cc_calib_free(cc_calib *c);                 /* NULL is a no-op */
int       cc_calib_add_file(cc_calib *c, const char *path, cc_diag *diag);
/* Bad-row check, horizon, fits. Prints nothing. */
int       cc_calib_finish(cc_calib *c, cc_diag *diag);
/* The fit report for a person: rows read and rejected, estimates with standard errors,
 * criterion, Kaplan-Meier summary. */
void      cc_calib_fprint(FILE *f, const cc_calib *c);
/* The scenario, written with libyaml's emitter, atomically. */
int       cc_calib_write_scenario(const cc_calib *c, const char *path, cc_diag *diag);
/* The report as CSV: section,channel,item,family,estimate,std_error,n,note. */
int       cc_calib_write_report(const cc_calib *c, const char *path, cc_diag *diag);
/* Messages about bad rows (file:line:column), to print as warnings. */
const cc_diag *cc_calib_warnings(const cc_calib *c);

/* Observed measures of one interval [start_s, start_s + interval_s), per day, as
 * ccsim defines them (shared/SCENARIO.md): waits from joining the human queue. */
typedef struct cc_calib_observed {
    double offered, contained, answered, abandoned;  /* per day */
    double abandon_rate;       /* abandoned / (answered + abandoned); NaN if none */
    double asa_s;              /* mean wait of answered; NaN if none */
    double sl20, sl60;         /* answered within 20 s (60 s) / (answered + abandoned) */
    double queued_offered;     /* per day: reached the human queue (answered + abandoned) */
    double handle_mean_s;      /* mean fitted-sample handle time of those answered */
    double staff;              /* agents seen serving, mean over days, all groups */
} cc_calib_observed;

size_t      cc_calib_channel_count(const cc_calib *c);
const char *cc_calib_channel_name(const cc_calib *c, size_t i);
int         cc_calib_channel_find(const cc_calib *c, const char *name);   /* -1 none */
size_t      cc_calib_days(const cc_calib *c);
/* channel -1: all channels together. start_s is a time of the day; an interval must be
 * a whole number of the calib's intervals (the caller checks). */
cc_calib_observed cc_calib_observe(const cc_calib *c, long channel, double start_s,
                                   double length_s);
/* Agents of the group seen serving in the interval starting at start_s, mean over days;
 * NaN for a group the log does not have or a time outside the horizon. */
double      cc_calib_group_staff(const cc_calib *c, const char *group, double start_s);
/* The fitted horizon. */
void        cc_calib_horizon(const cc_calib *c, double *start_s, double *end_s);

/* Reads the logs into c and fits, printing bad rows and errors on stderr. Returns SIM_OK,
 * or SIM_EINVAL when a log cannot be read or is refused (too many bad rows, nothing left
 * after the filters, a channel with nothing to fit). */
int cc_calib_run(cc_calib *c, const char *const *logs, size_t n_logs);

/* --days: "all", "weekday" (Monday to Friday), "weekend", or names and ranges of days
 * "sun-thu", "mon,wed,fri". SIM_OK or SIM_EINVAL. */
int cc_calib_days_parse(const char *text, unsigned *mask);

#endif /* CC_CALIBRATE_H */
