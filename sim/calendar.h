/* sim/calendar.h: the future event set of one replication.
 * Events come out in (time_s, prio, seq) order, where seq counts insertions: equal
 * times and priorities are FIFO, so every run is reproducible bit for bit. Smaller prio
 * comes first; prio is in [0, SIM_PRIO_MAX]. The calendar owns its event slots, never
 * the subjects or args. Cancelling takes the id that schedule returned; a stale id (the
 * event already fired or was cancelled) is a no-op that returns false. The calendar
 * keeps no clock: sim/run.c owns time and refuses to schedule in the past. */
#ifndef SIM_CALENDAR_H
#define SIM_CALENDAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_PRIO_MAX 65535

struct sim_run;
typedef void sim_handler(struct sim_run *run, void *subject, void *arg);

typedef struct sim_calendar sim_calendar;   /* opaque */
typedef uint64_t sim_event_id;               /* slot | generation << 32; 0 is never an id */

typedef struct sim_event {                   /* what pop hands back */
    double time_s;
    sim_handler *fn;
    void *subject;
    void *arg;
} sim_event;

sim_calendar *sim_calendar_alloc(size_t capacity_hint);
void          sim_calendar_free(sim_calendar *cal);       /* NULL is a no-op */
void          sim_calendar_reset(sim_calendar *cal);      /* empty, keeps its memory */
sim_event_id  sim_calendar_schedule(sim_calendar *cal, double time_s, int prio,
                                    sim_handler *fn, void *subject, void *arg);
bool          sim_calendar_cancel(sim_calendar *cal, sim_event_id id);
bool          sim_calendar_is_scheduled(const sim_calendar *cal, sim_event_id id);
/* Removes the first event into *out; false when the calendar is empty. */
bool          sim_calendar_pop(sim_calendar *cal, sim_event *out);
/* Time of the first event, or INFINITY when empty. */
double        sim_calendar_peek_time(const sim_calendar *cal);
size_t        sim_calendar_count(const sim_calendar *cal);

#endif /* SIM_CALENDAR_H */
