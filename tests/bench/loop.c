/* tests/bench/loop.c: the special-purpose loop of issue 7, the yardstick for ccsim's speed.
 *
 * The reference model (Erlang A: Poisson arrivals, exponential work and patience, N
 * agents, first come first served) written the way one would write it for this model
 * alone: a binary heap of arrivals and service ends, a ring buffer for the queue, and
 * the headline counts. Nothing is general: no per-interval statistics, no percentiles,
 * no routing, no cancellation. Abandonment costs no event at all: a waiting contact's
 * deadline (arrival + patience) is kept in the queue, and the contacts whose deadline
 * has passed are dropped as abandoned when an agent comes to the head of the queue.
 * Under FIFO that gives the same counts as abandoning at the deadline.
 *
 * It draws what ccsim draws, from the same streams: sim_rng's "arrivals/voice",
 * "work/voice" and "patience/voice" of replication 0, with the same exponential method
 * and the same arithmetic. So it sees the same contacts as ccsim's first replication,
 * and its counts must equal ccsim's: the two differ by their engines and bookkeeping,
 * not by their random numbers. make bench runs it and ccsim alternately on the same
 * machine: the ratio of the two is what the goal "not slower than a special-purpose
 * loop" is about, and it moves much less than either time does when the machine is
 * busy. */
#include "tests/bench/loop.h"

#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "sim/dist.h"
#include "sim/mem.h"
#include "sim/rng.h"

enum { ARRIVAL, SERVICE_END };

typedef struct loop_event {
    double t;
    int kind;
} loop_event;

typedef struct waiting {
    double arrival, deadline, work;
} waiting;

typedef struct loop_state {
    loop_event *heap;
    size_t n, cap;
    waiting *ring;              /* the queue: ring[(head + k) & mask], k < queued */
    size_t head, queued, mask;
} loop_state;

static void push(loop_state *s, double t, int kind)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->heap = sim_xreallocarray(s->heap, s->cap, sizeof *s->heap);
    }
    size_t i = s->n++;
    while (i > 0 && s->heap[(i - 1) / 2].t > t) {
        s->heap[i] = s->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    s->heap[i] = (loop_event){t, kind};
}

static loop_event pop(loop_state *s)
{
    loop_event top = s->heap[0], last = s->heap[--s->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= s->n) break;
        if (c + 1 < s->n && s->heap[c + 1].t < s->heap[c].t) c++;
        if (s->heap[c].t >= last.t) break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (s->n > 0) s->heap[i] = last;
    return top;
}

static void enqueue(loop_state *s, waiting w)
{
    if (s->queued == s->mask + 1) {
        /* Full: double the ring and unwrap the queue into the new one. */
        size_t cap = 2 * (s->mask + 1);
        waiting *ring = sim_xreallocarray(NULL, cap, sizeof *ring);
        for (size_t k = 0; k < s->queued; k++) ring[k] = s->ring[(s->head + k) & s->mask];
        free(s->ring);
        s->ring = ring;
        s->head = 0;
        s->mask = cap - 1;
    }
    s->ring[(s->head + s->queued++) & s->mask] = w;
}

loop_result loop_run(const loop_params *p)
{
    gsl_rng *arrivals = sim_rng_alloc(p->seed, 0, "arrivals/voice"),
            *work = sim_rng_alloc(p->seed, 0, "work/voice"),
            *patience = sim_rng_alloc(p->seed, 0, "patience/voice");
    loop_state s = {0};
    s.mask = 1023;
    s.ring = sim_xreallocarray(NULL, s.mask + 1, sizeof *s.ring);
    loop_result r = {0};
    long busy = 0;
    push(&s, sim_exponential1(arrivals) / p->rate_per_s, ARRIVAL);
    while (s.n > 0) {
        loop_event e = pop(&s);
        r.events++;
        if (e.kind == ARRIVAL) {
            double next = e.t + sim_exponential1(arrivals) / p->rate_per_s;
            if (next < p->horizon_s) push(&s, next, ARRIVAL);
            double w = p->mean_work_s * sim_exponential1(work);
            double d = e.t + p->mean_patience_s * sim_exponential1(patience);
            r.arrivals++;
            if (busy < p->agents) {
                busy++;
                r.answered++;
                r.within++;
                push(&s, e.t + w, SERVICE_END);
            } else {
                enqueue(&s, (waiting){e.t, d, w});
            }
            continue;
        }
        /* A service end: the agent takes the first contact still there, if any. */
        while (s.queued > 0 && s.ring[s.head].deadline <= e.t) {
            r.abandoned++;
            s.head = (s.head + 1) & s.mask;
            s.queued--;
        }
        if (s.queued == 0) {
            busy--;
            continue;
        }
        waiting w = s.ring[s.head];
        s.head = (s.head + 1) & s.mask;
        s.queued--;
        double wait = e.t - w.arrival;
        r.answered++;
        r.wait_sum += wait;
        if (wait <= p->sla_s) r.within++;
        push(&s, e.t + w.work, SERVICE_END);
    }
    free(s.heap);
    free(s.ring);
    gsl_rng_free(arrivals);
    gsl_rng_free(work);
    gsl_rng_free(patience);
    return r;
}
