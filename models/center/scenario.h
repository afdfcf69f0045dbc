/* models/center/scenario.h: a scenario as plain data, in seconds and per-second rates.
 * models/io/load.c builds one from a file of shared/SCENARIO.md and validates everything
 * there; model code never sees text. Times are seconds from 00:00 of the first simulated
 * day; the scenario owns every array and string in it (cc_scenario_fini frees them). */
#ifndef CC_SCENARIO_H
#define CC_SCENARIO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/center/routing.h"
#include "sim/dist.h"

/* Limits that keep absurd inputs from asking for absurd memory. */
#define CC_CHANNELS_MAX 64
#define CC_GROUPS_MAX 256
#define CC_BOTS_MAX 64
#define CC_SLA_MAX 8
#define CC_INTERVALS_MAX 100000
#define CC_AGENTS_MAX 1000000
#define CC_REPLICATIONS_MAX 1000000
#define CC_CONCURRENCY_MAX 64

typedef enum cc_mode { CC_MODE_REALTIME, CC_MODE_DEFERRED } cc_mode;

typedef struct cc_sla {
    double within_s;
    double target;           /* in [0, 1] */
    char *name;              /* NULL when unnamed */
} cc_sla;

/* Arrivals are a piecewise-constant Poisson rate: segment i holds from start_s up to the
 * next segment's start (the last one to the horizon end). rate, profile and file all
 * become segments. */
typedef struct cc_segment {
    double start_s;
    double rate_per_s;
} cc_segment;

typedef enum cc_arrivals_kind { CC_ARRIVALS_RATE, CC_ARRIVALS_PROFILE, CC_ARRIVALS_FILE } cc_arrivals_kind;

/* A customer segment of a channel (VIP, say): its share of the channel's contacts,
 * and its own priority and weight for the routing policy. */
typedef struct cc_segment_spec {
    char *name;
    double share;
    double priority;
    double weight;
} cc_segment_spec;

#define CC_SEGMENTS_MAX 8

typedef struct cc_channel {
    char *name;
    cc_mode mode;
    bool exclusive;
    cc_arrivals_kind arrivals_kind;
    cc_segment *segments;
    size_t n_segments;
    sim_dist handle_time;
    bool has_wrap_up;
    sim_dist wrap_up;
    bool has_patience;       /* false: infinitely patient (and always for deferred) */
    sim_dist patience;
    cc_sla sla[CC_SLA_MAX];
    size_t n_sla;
    double priority;         /* smaller is served first by priority routing; default 1 */
    double weight;           /* weighted-wait routing; default 1 */
    cc_segment_spec customers[CC_SEGMENTS_MAX];  /* customer segments besides the ordinary */
    size_t n_customers;
    bool has_retrial;
    double retrial_probability;
    sim_dist retrial_delay;
    bool has_switch;
    size_t switch_to;        /* channel index */
    double switch_probability;
    bool has_resolution;
    double first_contact_resolution;
    sim_dist repeat_after;
} cc_channel;

typedef struct cc_bot {
    char *name;
    bool *serves;            /* [n_channels] */
    double *containment;     /* [n_channels], meaningful where serves */
    sim_dist handle_time;
    double cost_per_contact;
    double escalation_factor;    /* human handle-time factor after a hand-over; 1 default */
} cc_bot;

/* A break: every agent of a shift leaves for it at `at_s` (a clock time) once the
 * contacts in hand are done. In a shift pattern, at_s and latest_s are the earliest and
 * latest start, as offsets from the shift's start: the roster places it. */
#define CC_BREAKS_MAX 4
typedef struct cc_break {
    double at_s, latest_s;
    double length_s;
    bool paid;               /* true unless the file says paid: false */
} cc_break;

typedef struct cc_shift {
    double start_s, end_s;
    long count;
    cc_break breaks[CC_BREAKS_MAX];  /* in time order */
    size_t n_breaks;
    double cost_per_hour;    /* NAN: the group's */
} cc_shift;

/* The shifts a roster may use (shift_patterns): a start every every_s from first_start_s
 * to last_start_s, length_s long, with breaks in windows; min and max agents over all
 * its starts (max -1: no bound). */
typedef struct cc_shift_pattern {
    double first_start_s, last_start_s, every_s, length_s;
    cc_break breaks[CC_BREAKS_MAX];
    size_t n_breaks;
    double cost_per_hour;    /* NAN: the group's */
    long min, max;
} cc_shift_pattern;

typedef enum cc_staff_kind { CC_STAFF_CONSTANT, CC_STAFF_LIST, CC_STAFF_SHIFTS } cc_staff_kind;

typedef struct cc_group {
    char *name;
    cc_staff_kind staff_kind;
    long staff;              /* CONSTANT */
    long *staff_per_interval;    /* LIST: [n_intervals] */
    cc_shift *shifts;        /* SHIFTS */
    size_t n_shifts;
    long max_staff;          /* the most agents ever on duty: agents to allocate */
    bool *skill;             /* [n_channels] */
    double *factor;          /* [n_channels] handle-time factor, 1 default */
    long *concurrency;       /* [n_channels] contacts of that channel at once, 1 default */
    long concurrency_total;  /* contacts at once in all, 1 default */
    double slowdown;         /* each held contact makes a new one this much longer */
    double cost_per_hour;    /* 0 when not given */
    double cost_per_contact; /* 0 when not given */
    /* Bounds for `ccsim staff` (the scenario's `staffing:`); a run ignores them. */
    long plan_min;           /* head count per interval at least this; 0 default */
    long plan_max;           /* at most this; -1: no bound */
    bool plan_fixed;         /* the search keeps the head counts given (a contract) */
    cc_shift_pattern *patterns;  /* for `ccsim schedule` */
    size_t n_patterns;
    double absenteeism;      /* share of scheduled agents absent all day, per replication */
    double shrinkage;        /* share of on-shift time lost to short absences */
    double shrinkage_mean_s; /* their mean length */
} cc_group;

typedef enum cc_selection {
    CC_SELECT_LONGEST_IDLE, CC_SELECT_LEAST_LOADED, CC_SELECT_MOST_LOADED
} cc_selection;

typedef struct cc_overflow {
    size_t channel, group;
    double after_s;
} cc_overflow;

typedef struct cc_scenario {
    char *path;              /* the file as given */
    char *name;
    char *currency;
    uint64_t seed;
    long replications;
    double start_s, end_s;   /* horizon */
    double count_from_s;     /* start_s + warmup: contacts arriving before are not counted */
    double interval_s;
    size_t n_intervals;      /* ceil((end - start) / interval) */
    bool drain;
    cc_channel *channels;
    size_t n_channels;
    cc_bot *bots;
    size_t n_bots;
    cc_group *groups;
    size_t n_groups;
    cc_routing routing;      /* the policy, built-in or loaded from routing.library */
    cc_selection selection;
    cc_overflow *overflow;
    size_t n_overflow;
    double **owned_arrays;   /* private: empirical values the dists point at */
    size_t n_owned;
    char **inputs;           /* the other files it was read from (forecasts, empirical
                              * samples, the routing library), as opened */
    size_t n_inputs;
} cc_scenario;

void cc_scenario_fini(cc_scenario *sc);
/* A deep copy that owns all it holds, for studies that change a scenario in memory (a
 * staffing plan, a policy, observed arrivals) instead of rewriting the file. Fails
 * only when a routing plugin cannot be opened again (the reason in err); dst is then
 * empty. */
int  cc_scenario_copy(cc_scenario *dst, const cc_scenario *src, char *err, size_t len);
/* Group g staffed by a head count per interval ([n_intervals], copied), in place of its
 * constant, list or shifts. */
void cc_scenario_set_staff(cc_scenario *sc, size_t g, const long *per_interval);
/* Channel c's service-level objectives replaced by sla[0..n-1] (names copied). */
void cc_scenario_set_sla(cc_scenario *sc, size_t c, const cc_sla *sla, size_t n);
/* Channel c's arrivals replaced by one rate per interval ([n_intervals], per second). */
void cc_scenario_set_profile(cc_scenario *sc, size_t c, const double *rate_per_s);
/* The channel's index, or -1. */
int  cc_scenario_channel(const cc_scenario *sc, const char *name);
/* Start of interval i, seconds. */
double cc_scenario_interval_start(const cc_scenario *sc, size_t i);
/* Index of the interval that holds time t (clamped to the last one). */
size_t cc_scenario_interval_of(const cc_scenario *sc, double t);
/* Agents of group g on duty at time t by its staffing (constant, list or shifts). */
long cc_scenario_staff_at(const cc_scenario *sc, size_t g, double t);
/* Policy and selection names as written in a scenario. */
const char *cc_scenario_policy_name(const cc_scenario *sc);
const char *cc_scenario_selection_name(cc_selection s);

#endif /* CC_SCENARIO_H */
