/* models/center/routing.c: the built-in routing policies and plugin loading.
 * Each built-in policy is a few lines of choose_queue: a freed agent is offered the
 * first contact of every waiting line it may serve and takes the best by the policy's
 * key, ties going to the contact that joined its line first, then to the line offered
 * first (channels in the scenario's order). None of them keeps state, and none but
 * agent-preference overrides the agent_selection rule for arriving contacts. */
#include "models/center/routing.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"
#include "sim/status.h"

/* Index of the best line by a key (smaller is better), ties by who joined first. */
#define BEST_BY(KEY)                                                                       \
    long best = -1;                                                                        \
    double best_key = INFINITY;                                                            \
    for (size_t i = 0; i < n; i++) {                                                       \
        double key = (KEY);                                                                \
        if (best < 0 || key < best_key ||                                                  \
            (key == best_key && q[i].head_queued_s < q[best].head_queued_s)) {             \
            best = (long)i;                                                                \
            best_key = key;                                                                \
        }                                                                                  \
    }                                                                                      \
    return best

/* fcfs: the contact that has waited longest among those the agent may take. */
static long fcfs(void *s, double now, const cc_policy_agent *a, const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY(q[i].head_queued_s);
}

/* priority: the lowest priority number first, then the longest waiting. */
static long priority(void *s, double now, const cc_policy_agent *a, const cc_policy_queue *q,
                     size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY(q[i].priority);
}

/* sla-urgency: the largest wait / first SLA threshold first. */
static long sla_urgency(void *s, double now, const cc_policy_agent *a, const cc_policy_queue *q,
                        size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY(-(q[i].head_waited_s / q[i].sla_s));
}

/* longest-queue: the line with the most contacts waiting first. */
static long longest_queue(void *s, double now, const cc_policy_agent *a,
                          const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY(-(double)q[i].length);
}

/* weighted-wait: the largest weight x wait first (weights per channel or segment). */
static long weighted_wait(void *s, double now, const cc_policy_agent *a,
                          const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY(-(q[i].weight * q[i].head_waited_s));
}

/* agent-preference: an agent serves its skills in the order its group lists them... */
static long preference_queue(void *s, double now, const cc_policy_agent *a,
                             const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now, (void)a;
    BEST_BY((double)q[i].skill_rank);
}

/* ...and an arriving contact goes to the group that lists its channel earliest, then
 * to the agent available longest. */
static long preference_agent(void *s, double now, const cc_policy_queue *q,
                             const cc_policy_agent *a, size_t n)
{
    (void)s, (void)now, (void)q;
    long best = -1;
    for (size_t i = 0; i < n; i++)
        if (best < 0 || a[i].skill_rank < a[best].skill_rank ||
            (a[i].skill_rank == a[best].skill_rank && a[i].available_s < a[best].available_s))
            best = (long)i;
    return best;
}

static const cc_policy BUILTIN[] = {
    {CC_POLICY_ABI, "fcfs", fcfs, NULL, NULL, NULL, NULL, 0},
    {CC_POLICY_ABI, "priority", priority, NULL, NULL, NULL, NULL, 0},
    {CC_POLICY_ABI, "sla-urgency", sla_urgency, NULL, NULL, NULL, NULL, 0},
    {CC_POLICY_ABI, "longest-queue", longest_queue, NULL, NULL, NULL, NULL, 0},
    {CC_POLICY_ABI, "weighted-wait", weighted_wait, NULL, NULL, NULL, NULL, 0},
    {CC_POLICY_ABI, "agent-preference", preference_queue, preference_agent, NULL, NULL, NULL, 0},
};

static const char *const NAMES[] = {"fcfs", "priority", "sla-urgency", "longest-queue",
                                    "weighted-wait", "agent-preference", NULL};

const char *const *cc_routing_names(void)
{
    return NAMES;
}

const cc_policy *cc_routing_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof BUILTIN / sizeof BUILTIN[0]; i++)
        if (strcmp(BUILTIN[i].name, name) == 0) return &BUILTIN[i];
    return NULL;
}

int cc_routing_open(cc_routing *r, const char *name, const char *library, char *err, size_t len)
{
    r->policy = NULL;
    r->library = NULL;
    r->path = NULL;
    if (strcmp(name, "plugin") != 0) {
        r->policy = cc_routing_builtin(name);
        if (!r->policy) {
            snprintf(err, len, "\"%s\": unknown policy", name);
            return SIM_EINVAL;
        }
        return SIM_OK;
    }
    if (!library || !library[0]) {
        snprintf(err, len, "policy plugin needs routing.library: the shared object to load");
        return SIM_EINVAL;
    }
    /* dlopen searches the library path for a bare name; a path with a slash is taken
     * as it is, which is what a scenario means by a file name. */
    void *h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, len, "cannot load %s: %s", library, why ? why : "unknown error");
        return SIM_EINVAL;
    }
    /* POSIX's way to read a function pointer from dlsym without a cast between object
     * and function pointers. */
    cc_policy_entry *entry = NULL;
    void *sym = dlsym(h, CC_POLICY_SYMBOL);
    if (!sym) {
        snprintf(err, len, "%s does not export %s() (see ccsim/policy.h)", library, CC_POLICY_SYMBOL);
        dlclose(h);
        return SIM_EINVAL;
    }
    memcpy(&entry, &sym, sizeof entry);
    const cc_policy *p = entry();
    const char *problem = NULL;
    if (!p) problem = "returned no policy";
    else if (p->abi != CC_POLICY_ABI) problem = "was built for another version of ccsim/policy.h";
    else if (!p->choose_queue) problem = "has no choose_queue function";
    else if (!p->name) problem = "has no name";
    else if (p->tick && !(p->tick_s > 0)) problem = "has a tick function but tick_s is not > 0";
    else if ((p->create == NULL) != (p->destroy == NULL)) problem = "has create without destroy, or the reverse";
    if (problem) {
        snprintf(err, len, "%s: %s() %s", library, CC_POLICY_SYMBOL, problem);
        dlclose(h);
        return SIM_EINVAL;
    }
    r->policy = p;
    r->library = h;
    r->path = sim_xstrdup(library);
    return SIM_OK;
}

void cc_routing_close(cc_routing *r)
{
    if (r->library) dlclose(r->library);
    free(r->path);
    r->library = NULL;
    r->path = NULL;
    r->policy = NULL;
}

void cc_routing_defer(cc_routing *r, const char *library)
{
    *r = (cc_routing){NULL, NULL, sim_xstrdup(library)};
}

int cc_routing_load(cc_routing *r, char *err, size_t len)
{
    if (r->policy || !r->path) return SIM_OK;
    char *path = r->path;
    int st = cc_routing_open(r, "plugin", path, err, len);
    free(path);
    if (st != SIM_OK) r->path = NULL;
    return st;
}

int cc_routing_copy(cc_routing *dst, const cc_routing *src, char *err, size_t len)
{
    if (src->library) return cc_routing_open(dst, "plugin", src->path, err, len);
    *dst = (cc_routing){src->policy, NULL, src->path ? sim_xstrdup(src->path) : NULL};
    return SIM_OK;
}
