/* models/center/erlang.h: exact steady-state answers for the queues ccsim can be checked against.
 * Erlang B (M/M/N/N, blocked contacts are lost), Erlang C (M/M/N, infinitely patient
 * callers) and Erlang A (M/M/N+M, exponential patience). Tests compare simulated
 * estimates with these values (shared/VALIDATION.md); a report may print them next to
 * simulated ones. The functions keep no state, allocate only scratch memory they free
 * before returning, and are safe to call from several threads.
 *
 * All models: Poisson arrivals, exponential handle times, N identical agents, one FCFS
 * queue, steady state. Loads are in Erlangs (arrival rate x mean handle time). Times are
 * in seconds and rates per second. The recurrences work in O(N) without factorials, so
 * N = 5,000 agents with a load close to N is fine.
 *
 * Errors: cc_erlang_b and cc_erlang_c return NaN for a negative or NaN load.
 * cc_erlang_a returns
 *   SIM_OK      *out is filled in;
 *   SIM_EINVAL  an input is NaN, zero or negative where it must be positive (lambda,
 *               mean handle, mean patience), awt_s is negative or not finite, or out is
 *               NULL;
 *   SIM_ERANGE  there is no steady state: n == 0, or no abandonment (mean patience
 *               INFINITY) with load >= n, where the queue grows without bound;
 *   SIM_ELIMIT  the steady-state queue is too long to represent (more than
 *               CC_ERLANG_QUEUE_MAX waiting contacts carry weight, e.g. a hugely
 *               overloaded system with a patience of years), or scratch memory (8 bytes
 *               per queue position) could not be had.
 * On any error *out is left unchanged. */
#ifndef CC_ERLANG_H
#define CC_ERLANG_H
#include <stdbool.h>

/* Erlang B: the probability that an arrival finds all n agents busy in M/M/n/n with
 * offered load `load` Erlangs. 1 for n == 0 or an infinite load, 0 for a zero load and
 * n > 0. */
double cc_erlang_b(unsigned n, double load);

/* Erlang C: the probability that an arrival has to wait in M/M/n with offered load
 * `load` Erlangs; 1.0 when load >= n (no steady state: everybody waits). */
double cc_erlang_c(unsigned n, double load);

/* Steady-state measures of one queue. An arrival is either answered or abandons, so
 * "answered + abandoned" is all arrivals and service_level = sl_answered x (1 -
 * p_abandon). */
typedef struct cc_erlang_result {
    double p_wait;              /* P(an arriving contact finds all agents busy) */
    double p_abandon;           /* P(an arriving contact abandons); 0 for Erlang C */
    double service_level;       /* ccsim's definition: answered within AWT / (answered +
                                 * abandoned); a wait of exactly AWT counts as within */
    double sl_answered;         /* answered within AWT / answered */
    double sl_offered;          /* P(offered wait <= AWT): the wait a customer would have
                                 * had if infinitely patient */
    double asa_s;               /* mean wait of answered contacts, seconds */
    double mean_wait_s;         /* mean time in queue over all arrivals (abandoned ones
                                 * count their time in queue), seconds */
    double offered_wait_mean_s; /* E[offered wait], seconds */
    double occupancy;           /* mean busy agents / N */
    double mean_queue;          /* mean number waiting (not in service) */
} cc_erlang_result;

/* Erlang A (M/M/N+M): arrival rate lambda_per_s, mean handle time mean_handle_s, mean
 * (exponential) patience mean_patience_s, n agents, service-level threshold awt_s.
 * mean_patience_s == INFINITY gives Erlang C, computed from its closed forms. */
int cc_erlang_a(double lambda_per_s, double mean_handle_s, double mean_patience_s, unsigned n,
                double awt_s, cc_erlang_result *out);

/* The least n in [lo, hi] for which meets(n, ctx) holds, found by bisection in
 * O(log(hi - lo)) calls; hi + 1 when hi does not meet it either. meets must be monotone
 * in n (false below some n, true from there on), as every Erlang target is: service
 * level and answered share grow with n, ASA, abandonment, blocking and occupancy fall.
 * The one search behind `ccsim erlang` targets and the staffing start of `ccsim staff`. */
typedef bool cc_erlang_meets_fn(unsigned long n, void *ctx);
unsigned long cc_erlang_least_n(unsigned long lo, unsigned long hi, cc_erlang_meets_fn *meets,
                                void *ctx);

/* The longest queue (number waiting) that cc_erlang_a will represent. */
#define CC_ERLANG_QUEUE_MAX 10000000u

#endif /* CC_ERLANG_H */
