/* sim/run.h: one replication's world: clock, calendar, random streams, stop flag.
 * Everything a replication mutates hangs off its sim_run, so replications run side by
 * side in threads. Handlers receive the run; they schedule with sim_run_schedule, which
 * refuses a time before now (a bug). Streams are created on first request by name and
 * owned by the run: look them up once at setup, never per event. */
#ifndef SIM_RUN_H
#define SIM_RUN_H
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "sim/calendar.h"
#include "sim/prof.h"

typedef struct sim_run sim_run;

sim_run     *sim_run_alloc(uint64_t seed, uint64_t replication, double start_s);
void         sim_run_free(sim_run *run);                   /* NULL is a no-op */
double       sim_run_now(const sim_run *run);
uint64_t     sim_run_replication(const sim_run *run);
uint64_t     sim_run_seed(const sim_run *run);
sim_event_id sim_run_schedule(sim_run *run, double time_s, int prio,
                              sim_handler *fn, void *subject, void *arg);
bool         sim_run_cancel(sim_run *run, sim_event_id id);
gsl_rng     *sim_run_stream(sim_run *run, const char *purpose);
/* Fires events in order while the next one is at or before until_s (INFINITY: until the
 * calendar is empty) and the run is not stopped. The clock ends at the last event's
 * time, or at until_s if that is finite and later. Returns the events fired. */
uint64_t     sim_run_loop(sim_run *run, double until_s);
void         sim_run_stop(sim_run *run);                   /* from a handler */
bool         sim_run_is_stopped(const sim_run *run);
uint64_t     sim_run_events(const sim_run *run);           /* fired so far */
size_t       sim_run_pending(const sim_run *run);          /* events in the calendar */
/* Calls fn(run, arg) after every event, e.g. to check a model's invariants in a test
 * build; NULL turns it off. One predictable branch per event when off. */
typedef void sim_run_hook(sim_run *run, void *arg);
/* The loop polls *flag every 1024 events and stops the run when it is set (a signal
 * handler's flag: Ctrl-C). NULL turns it off. sim_run_is_cancelled then says so, and
 * the replication is incomplete. */
void         sim_run_set_cancel(sim_run *run, const volatile sig_atomic_t *flag);
bool         sim_run_is_cancelled(const sim_run *run);
void         sim_run_set_after_event(sim_run *run, sim_run_hook *fn, void *arg);
/* The event budget: a run that fires more than events_per_s events while its clock
 * advances less than one simulated second is stopped (checked every 1024 events), and
 * sim_run_is_runaway says so. 0 turns it off; SIM_RUN_EVENT_BUDGET is the default, far
 * above any real model (a center answering 100 contacts a second fires under 10^3). */
#define SIM_RUN_EVENT_BUDGET UINT64_C(10000000)
void         sim_run_set_event_budget(sim_run *run, uint64_t events_per_s);
bool         sim_run_is_runaway(const sim_run *run);
#ifdef SIM_PROFILE
/* The run's time counters (sim/prof.h); they run only inside sim_run_loop. */
sim_prof    *sim_run_prof(sim_run *run);
#endif

#endif /* SIM_RUN_H */
