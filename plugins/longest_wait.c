/* plugins/longest_wait.c: an example routing policy written as a plugin.
 *
 * It is first come, first served written against the installed header, so its results
 * must equal the built-in fcfs to the last digit, which is what tests/cli/plugin.sh
 * checks. It also shows per-replication state and the periodic hook: it counts how
 * often the freed agent had a choice to make, and the tick looks at the queues every
 * 15 minutes (here only to count them; a real policy might adapt a threshold).
 *
 * Build:  cc -shared -fPIC -O2 -I PREFIX/include -o longest_wait.so longest_wait.c
 * Use:    routing: {policy: plugin, library: ./longest_wait.so} */
#include <ccsim/policy.h>
#include <stdlib.h>

typedef struct state {
    unsigned long choices;   /* times an agent was offered more than one line */
    unsigned long ticks;
} state;

static void *create(void)
{
    return calloc(1, sizeof(state));
}

static void destroy(void *s)
{
    free(s);
}

static long choose_queue(void *s, double now_s, const cc_policy_agent *agent,
                         const cc_policy_queue *q, size_t n)
{
    (void)now_s, (void)agent;
    state *st = s;
    if (n > 1) st->choices++;
    long best = -1;
    for (size_t i = 0; i < n; i++)
        if (best < 0 || q[i].head_queued_s < q[best].head_queued_s) best = (long)i;
    return best;
}

static void tick(void *s, double now_s, const cc_policy_queue *q, size_t n)
{
    (void)now_s, (void)q, (void)n;
    ((state *)s)->ticks++;
}

static const cc_policy POLICY = {
    CC_POLICY_ABI, "longest-wait", choose_queue, NULL, create, destroy, tick, 900.0,
};

const cc_policy *ccsim_policy(void)
{
    return &POLICY;
}
