/* A policy whose choose_agent returns a negative index other than -1. */
#include <ccsim/policy.h>
static long choose_queue(void *s, double now_s, const cc_policy_agent *a,
                         const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now_s, (void)a, (void)q;
    return n ? 0 : -1;
}
static long choose_agent(void *s, double now_s, const cc_policy_queue *q,
                         const cc_policy_agent *a, size_t n)
{
    (void)s, (void)now_s, (void)q, (void)a, (void)n;
    return -5;
}
static const cc_policy POLICY = {CC_POLICY_ABI, "bad-agent", choose_queue, choose_agent,
                                 NULL, NULL, NULL, 0};
const cc_policy *ccsim_policy(void) { return &POLICY; }
