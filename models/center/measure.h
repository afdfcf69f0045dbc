/* models/center/measure.h: the table of measures, each defined once.
 * Every measure a replication reports has one entry here: its id, the name it has in
 * summary.csv, intervals.csv and replications.csv, its kind (a count, a fraction, a time
 * in seconds, hours, money), a label for a person and its unit. Code that computes,
 * finds, names, labels or formats a measure asks this table, so that a new measure is
 * one line here plus the line that computes it (models/center/model.c).
 *
 * A measure may take a threshold: service_level_<T>s and missed_<T>s are one entry each,
 * and T, whole seconds, is the threshold of a (measure id, threshold) pair. The CSV
 * names are a public contract (README, "What is reported"): cc_measure_format writes
 * them and cc_measure_parse reads them back, and parse(format(id, T)) == (id, T) for
 * every measure. Measures without a threshold take 0.
 *
 * The table is static data; nothing here allocates or fails. An id outside the table,
 * or a threshold that is not whole seconds >= 0, is a bug (SIM_REQUIRE). A name that is
 * not in the table is an answer, not an error: cc_measure_parse returns false. */
#ifndef CC_MEASURE_H
#define CC_MEASURE_H
#include <stdbool.h>
#include <stddef.h>

typedef enum cc_measure_id {
    CC_M_NONE = -1,          /* not a measure of this version (a name parse did not know) */
    CC_M_OFFERED,
    CC_M_CONTAINED,
    CC_M_ANSWERED,
    CC_M_ABANDONED,
    CC_M_ESCALATED,
    CC_M_SERVICE_LEVEL,      /* threshold: service_level_<T>s */
    CC_M_MISSED,             /* threshold: missed_<T>s */
    CC_M_ABANDON_RATE,
    CC_M_ASA,
    CC_M_WAIT_P50,
    CC_M_WAIT_P90,
    CC_M_WAIT_P95,
    CC_M_WAIT_P99,
    CC_M_HANDLE_TIME,
    CC_M_RETRIALS,
    CC_M_SWITCHED_IN,
    CC_M_SWITCHES,
    CC_M_REPEATS,
    CC_M_FIRST_CONTACT_RESOLUTION,
    CC_M_COST_PER_CONTACT,
    CC_M_STAFF_COST,
    CC_M_BOT_COST,
    CC_M_TOTAL_COST,
    CC_M_COST_PER_CONTACT_HUMAN,
    CC_M_COST_PER_CONTACT_SELF_SERVICE,
    CC_M_COST_PER_CONTACT_BLENDED,
    CC_M_OCCUPANCY,
    CC_M_SLOT_OCCUPANCY,
    CC_M_STAFFED_HOURS,
    CC_M_OVERTIME_HOURS,
    CC_M_COST,
    CC_M_COUNT               /* how many measures the table holds */
} cc_measure_id;

/* What a value is, which decides how it is shown and bounded: a fraction lies in
 * [0, 1] (shown as a percentage), everything else is never negative. */
typedef enum cc_measure_kind {
    CC_KIND_COUNT,           /* contacts, a mean per replication */
    CC_KIND_FRACTION,        /* a share in [0, 1] */
    CC_KIND_SECONDS,         /* a time */
    CC_KIND_HOURS,           /* agent hours */
    CC_KIND_MONEY            /* in the scenario's currency */
} cc_measure_kind;

/* A buffer this long holds every name with a threshold below 10^40 s; longer ones are
 * cut. */
#define CC_MEASURE_NAME_MAX 64

typedef struct cc_measure_def {
    cc_measure_id id;        /* its place in the table */
    const char *name;        /* the CSV name; "<T>" stands for the threshold */
    cc_measure_kind kind;
    const char *label;       /* for a person; "%s" stands for the threshold ("20 s") */
    const char *unit;        /* of the value as written: "contacts", "1", "s", "h", "money" */
} cc_measure_def;

/* The entry of id. */
const cc_measure_def *cc_measure_def_of(cc_measure_id id);
cc_measure_kind cc_measure_kind_of(cc_measure_id id);
bool cc_measure_has_threshold(cc_measure_id id);
/* The threshold a service-level objective's measures are named by: its within_s cut to
 * whole seconds (20.5 s gives service_level_20s). */
double cc_measure_threshold_of(double within_s);
/* Writes the CSV name of (id, threshold_s), e.g. "service_level_20s", into buf (cut to
 * len - 1 bytes) and returns buf. */
const char *cc_measure_format(cc_measure_id id, double threshold_s, char *buf, size_t len);
/* Reads a CSV name back: true and (id, threshold) if it is one that cc_measure_format
 * writes, letter for letter (no leading zeros, no sign); false, with CC_M_NONE and 0,
 * for any other text. */
bool cc_measure_parse(const char *name, cc_measure_id *id, double *threshold_s);
/* Writes the label of (id, threshold_s) for a person, e.g. "Service level: answered
 * within 6 min", into buf and returns buf. */
const char *cc_measure_label(cc_measure_id id, double threshold_s, char *buf, size_t len);
/* A threshold or a duration for a sentence: "20 s", "6 min", "4 h". */
void cc_measure_format_within(double s, char *buf, size_t len);

/* The one verdict on a service-level objective {within T, target}, used by staff, the
 * HTML report and every other place that says met or missed. sl is the estimate of
 * service_level_<T>s, missed that of missed_<T>s. A target below 1 is met when the
 * service level reaches it. A target of 1 (a rule such as "a human answer within six
 * minutes") cannot be a service level when anyone hangs up early, so it reads "nobody
 * waits longer than T": met when missed_<T>s is 0. NaN in what decides: false. */
bool cc_target_met(double target, double sl, double missed);

#endif /* CC_MEASURE_H */
