/* ccsim/policy.h: how to write a routing policy for ccsim.
 *
 * A routing policy answers two questions, and may keep state between them:
 *   1. An agent has room for a contact: which waiting line does it take the first
 *      contact of? (choose_queue, required)
 *   2. A contact arrives and several agents could take it: which one? (choose_agent,
 *      optional; without it the scenario's agent_selection rule decides)
 * plus an optional periodic hook (tick) for policies that adapt over time.
 *
 * ccsim does the bookkeeping: it only ever offers what the scenario allows. A queue is
 * offered to an agent only if the agent has the skill, room under its concurrency
 * limits, no exclusivity conflict, and (for overflow rules) the first contact has
 * waited long enough. A waiting line is a channel, or a customer segment of a channel
 * (e.g. VIP); within a line, contacts are in the order they joined it. A policy that
 * returns an index outside what it was offered makes the run fail with a message; it
 * never crashes ccsim.
 *
 * To write one in C:
 *
 *     #include <ccsim/policy.h>
 *     static long pick(void *state, double now_s, const cc_policy_agent *agent,
 *                      const cc_policy_queue *q, size_t n)
 *     {
 *         long best = -1;                          // the longest waiting first
 *         for (size_t i = 0; i < n; i++)
 *             if (best < 0 || q[i].head_queued_s < q[best].head_queued_s) best = (long)i;
 *         return best;
 *     }
 *     static const cc_policy POLICY = {CC_POLICY_ABI, "my-fcfs", pick};
 *     const cc_policy *ccsim_policy(void) { return &POLICY; }
 *
 *     cc -shared -fPIC -O2 -I PREFIX/include -o mypolicy.so mypolicy.c
 *
 * and in the scenario: routing: {policy: plugin, library: ./mypolicy.so}.
 * ccsim calls the exported function ccsim_policy() once after loading the library.
 *
 * Threads: replications may run in parallel threads. Keep all mutable state in the
 * object that create() returns (one per replication); never in globals. Functions must
 * be deterministic given their arguments and state, so that results are reproducible.
 * Times are seconds from 00:00 of the first simulated day. */
#ifndef CCSIM_POLICY_H
#define CCSIM_POLICY_H
#include <stddef.h>

#define CC_POLICY_ABI 1

/* One waiting line with at least one contact, as seen by a policy. */
typedef struct cc_policy_queue {
    size_t channel;          /* channel index, in the scenario's order */
    size_t segment;          /* 0: the channel's ordinary customers; k > 0: its k-th segment */
    size_t length;           /* contacts waiting in this line */
    size_t channel_length;   /* contacts waiting on the channel, all segments */
    double head_queued_s;    /* when its first contact joined the line */
    double head_waited_s;    /* now - head_queued_s */
    double priority;         /* the segment's priority, else the channel's; smaller first */
    double weight;           /* the segment's weight, else the channel's (default 1) */
    double sla_s;            /* the channel's first sla.within; INFINITY without one */
    int deferred;            /* 1 for a deferred channel (email, forms), 0 for realtime */
    size_t skill_rank;       /* in choose_queue: the channel's rank in the agent's group's
                                skill list (0 = listed first); 0 in choose_agent */
} cc_policy_queue;

/* An agent, as seen by a policy. */
typedef struct cc_policy_agent {
    size_t group;            /* group index, in the scenario's order */
    unsigned load;           /* contacts it holds now */
    unsigned capacity;       /* its concurrency.total */
    double available_s;      /* when it last became able to take more */
    size_t skill_rank;       /* in choose_agent: the contact's channel's rank in the
                                group's skill list; 0 in choose_queue */
} cc_policy_agent;

typedef struct cc_policy {
    int abi;                 /* CC_POLICY_ABI: ccsim refuses a mismatch */
    const char *name;
    /* Required. Index of the line whose first contact the agent takes, or -1 for none. */
    long (*choose_queue)(void *state, double now_s, const cc_policy_agent *agent,
                         const cc_policy_queue *queues, size_t n);
    /* Optional. agents holds one candidate per group that may take the contact, the
     * one the agent_selection rule prefers in that group. Index, or -1 to let it wait. */
    long (*choose_agent)(void *state, double now_s, const cc_policy_queue *queue,
                         const cc_policy_agent *agents, size_t n);
    /* Optional: a new state per replication, and its end. */
    void *(*create)(void);
    void (*destroy)(void *state);
    /* Optional: called at start + k * tick_s with every non-empty line. */
    void (*tick)(void *state, double now_s, const cc_policy_queue *queues, size_t n);
    double tick_s;
} cc_policy;

/* The symbol a plugin exports. */
typedef const cc_policy *cc_policy_entry(void);
#define CC_POLICY_SYMBOL "ccsim_policy"

#endif /* CCSIM_POLICY_H */
