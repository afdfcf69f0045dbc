/* models/center/model.h: the contact center as a simulation model for sim/runner.
 * cc_model_alloc turns a validated scenario into a read-only model that any number of
 * replications (threads) share. Each replication simulates the horizon, with contacts
 * arriving on every channel, agents of every group taking them by the routing policy,
 * and returns its measures as a flat array whose layout (scope, index, measure) the
 * model publishes: cc_model_measures(). The same layout holds for the whole horizon and
 * for each reporting interval, so the report code is one loop.
 *
 * Definitions (shared/SCENARIO.md): a contact is counted when it arrives in
 * [horizon start + warmup, horizon end); its measures are filed under the interval it
 * arrived in. Waits run from arrival (or escalation) to the answer. Occupancy is agent
 * time holding a contact or in wrap-up over staffed agent time, inside the counted
 * window; slot_occupancy is contacts held over contacts that could be held
 * (present agents x concurrency.total), the measure that matters with concurrency (agents who stay past a drop in head count to finish their contacts count as
 * present). A group's staff cost is its scheduled (paid) hours in the counted window
 * times cost_per_hour plus answered contacts times cost_per_contact; time past the
 * schedule is reported as overtime_hours, not costed. A bot costs cost_per_contact
 * for every contact it meets. A channel's cost per contact allocates each group's cost
 * to channels in proportion to the agent time the group spent on them, adds the
 * channel's bot cost, and divides by answered + contained contacts. */
#ifndef CC_MODEL_H
#define CC_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/center/measure.h"
#include "models/center/scenario.h"
#include "sim/prof.h"
#include "sim/runner.h"
#include "sim/summary.h"

typedef enum cc_scope {
    CC_SCOPE_TOTAL, CC_SCOPE_CHANNEL, CC_SCOPE_GROUP, CC_SCOPE_BOT,
    CC_SCOPE_SEGMENT         /* a customer segment of a channel, named "channel/segment" */
} cc_scope;

/* One value a replication reports: which measure of models/center/measure.h, of what. Its
 * CSV name is cc_measure_format(id, threshold_s). */
typedef struct cc_measure {
    cc_scope scope;
    size_t index;            /* channel, group, bot or segment index; 0 for total */
    cc_measure_id id;
    double threshold_s;      /* whole seconds for service_level_<T>s and missed_<T>s, else 0 */
} cc_measure;

/* How a contact ended, in the per-contact log. */
typedef enum cc_outcome {
    CC_OUTCOME_CONTAINED, CC_OUTCOME_ANSWERED, CC_OUTCOME_ABANDONED
} cc_outcome;

/* One contact's life, for the per-contact log (cc_model_set_contact_log). Times are
 * seconds from 00:00 of the first day; NaN where a stage did not happen. */
typedef struct cc_contact_record {
    double arrival_s;        /* arrived at the center (met the bot, if any) */
    double queued_s;         /* joined the human queue (NaN if contained) */
    double answered_s;       /* an agent took it (NaN unless answered) */
    double end_s;            /* left: contained, abandoned, or service over */
    double handle_s;         /* service time (NaN unless answered) */
    uint32_t channel;
    uint32_t segment;        /* 0 ordinary, k > 0 the channel's k-th segment */
    int32_t group;           /* answering group, -1 if none */
    int32_t agent;           /* answering agent within its group, -1 if none */
    uint8_t outcome;         /* cc_outcome */
    uint8_t kind;            /* 0 fresh, 1 retrial, 2 switch, 3 repeat */
    bool counted;            /* arrived in the counted window */
} cc_contact_record;

/* What one replication returns. The runner holds an array of these. */
typedef struct cc_rep_result {
    double *values;          /* [n_measures]: the whole counted window */
    double *interval_values; /* [n_intervals * n_measures] */
    double *weights;         /* [n_measures]: a ratio measure's denominator (contacts,
                              * agent time), NaN for a measure that is not a ratio */
    double *interval_weights;/* [n_intervals * n_measures] */
    uint64_t replication;    /* its number (0-based): streams depend on it */
    uint64_t events;         /* events fired */
    double unfinished;       /* counted contacts neither answered, abandoned nor contained */
    double end_s;            /* the clock when the replication ended */
    bool failed;             /* the run could not go on (a policy plugin misbehaved) */
    char error[256];         /* why, when failed */
    cc_contact_record *log;  /* per-contact log when asked for, in the order contacts ended */
    size_t n_log;
#ifdef SIM_PROFILE
    sim_prof prof;           /* where the event loop's time went (make bench) */
#endif
} cc_rep_result;

/* The model's own time counter for make bench's profile (sim/prof.h): routing, i.e.
 * finding an agent for a contact and a contact for an agent (the policy's calls
 * included) and keeping the lists of available agents. The engine counts the calendar,
 * random variates and statistics updates; the rest of the model is SIM_PROF_OTHER. */
enum { CC_PROF_ROUTING = SIM_PROF_MODEL };

typedef struct cc_model cc_model;

cc_model *cc_model_alloc(const cc_scenario *sc);
/* Tests: check every invariant of agents and queues after every event (slow). */
void      cc_model_set_checking(cc_model *m, bool on);
/* Keep a record of every contact (memory grows with contacts, so only when asked). */
void      cc_model_set_contact_log(cc_model *m, bool on);
void      cc_model_free(cc_model *m);                      /* NULL is a no-op */
const sim_model_ops *cc_model_ops(void);
const cc_scenario   *cc_model_scenario(const cc_model *m);
size_t    cc_model_measure_count(const cc_model *m);
const cc_measure *cc_model_measures(const cc_model *m);
/* The index of a measure in the layout, or -1: e.g. (CC_SCOPE_CHANNEL, 0, CC_M_ASA, 0) or
 * (CC_SCOPE_CHANNEL, 0, CC_M_SERVICE_LEVEL, 20). */
long      cc_model_find(const cc_model *m, cc_scope scope, size_t index, cc_measure_id id,
                        double threshold_s);
/* The same by CSV name ("service_level_20s"), read through cc_measure_parse; -1 for a
 * name that is not a measure. For callers that hold a name, not an id. */
long      cc_model_find_name(const cc_model *m, cc_scope scope, size_t index, const char *name);
void      cc_rep_result_fini(cc_rep_result *r);
/* Measure k over n replications (interval < 0: the whole counted window). A ratio
 * measure (a service level, ASA, abandonment, occupancy, a cost per contact) is the
 * ratio of its sums over the replications, the per-contact figure Erlang formulas give,
 * with a delta-method CI (sim_summary_ratio); any other is the mean of the
 * replications' values with a t CI. */
sim_summary cc_model_summary(const cc_model *m, const cc_rep_result *res, size_t n, size_t k,
                             long interval);
/* The paired difference of measure k, res1 - res0, replication by replication on common
 * random numbers, estimated the same way (sim_summary_ratio_diff for a ratio). */
sim_summary cc_model_summary_diff(const cc_model *m, const cc_rep_result *res1,
                                  const cc_rep_result *res0, size_t n, size_t k, long interval);
const char *cc_model_scope_name(cc_scope s);
/* For a segment measure's index: its channel and its place among the channel's
 * segments (0-based). Returns -1 for an index that is not a segment. */
int cc_model_segment_of(const cc_model *m, size_t index, size_t *channel, size_t *segment);

#endif /* CC_MODEL_H */
