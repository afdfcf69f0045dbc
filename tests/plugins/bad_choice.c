/* A policy that returns an index it was not offered: ccsim must fail the run cleanly. */
#include <ccsim/policy.h>
static long choose_queue(void *s, double now_s, const cc_policy_agent *a,
                         const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now_s, (void)a, (void)q;
    return (long)n + 6;
}
static const cc_policy POLICY = {CC_POLICY_ABI, "bad-choice", choose_queue, NULL, NULL, NULL, NULL, 0};
const cc_policy *ccsim_policy(void) { return &POLICY; }
