/* A policy built for another version of the header. */
#include <ccsim/policy.h>
static long choose_queue(void *s, double now_s, const cc_policy_agent *a,
                         const cc_policy_queue *q, size_t n)
{
    (void)s, (void)now_s, (void)a, (void)q, (void)n;
    return -1;
}
static const cc_policy POLICY = {CC_POLICY_ABI + 99, "old", choose_queue, NULL, NULL, NULL, NULL, 0};
const cc_policy *ccsim_policy(void) { return &POLICY; }
