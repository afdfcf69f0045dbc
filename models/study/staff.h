/* models/study/staff.h: ccsim staff, the least-cost head count per group and interval.
 *
 * The plan must meet every service-level target of every channel in every interval of
 * the counted window, or over the whole window, or both (cc_target_scope), judged by
 * the rule below (cc_staff_rule). A target of 1.00 (a rule such as "a human
 * answer within six minutes") cannot be reached as a service level when anyone hangs
 * up, so it reads "nobody waits longer": missed_<T>s must be 0 in every replication. An
 * optional cap bounds every group's occupancy.
 *
 * Method, in the spirit of Cezik and L'Ecuyer (2008) and of the iterative staffing
 * algorithm (Feldman, Mandelbaum, Massey and Whitt 2008), with simulation in the loop on
 * common random numbers (every evaluation uses the same seed):
 *  1. Start: for each channel and interval, the least N that Erlang A (Erlang C without
 *     patience) says meets the channel's targets, for the interval's arrival rate
 *     (after bots) and handle time, divided by the concurrency; each channel's agents go
 *     to its cheapest skilled group per contact. This is "each channel staffed
 *     separately by Erlang": its cost is reported beside the result.
 *  2. Iterate: simulate at -r; re-staff each interval to the least N whose Erlang
 *     service level plus the measured gap (simulated minus Erlang at the planned N)
 *     meets the target; repeat until the plan stops moving (at most 6 simulations).
 *     Not with day targets only: Erlang's plan is the start there.
 *  3. Repair: where a target is decided missed in an interval, add one agent to the
 *     channel's cheapest skilled group in that interval's block (over an occupancy cap,
 *     as many as bring it under); repeat until every target is met, or the budget or
 *     the ceiling stops the search (it then says which).
 *  4. Trim: remove one agent at a time, groups in decreasing cost per hour and their
 *     blocks in time order; keep a removal when every target still holds and the cost
 *     does not rise. A removal refused on a target marks the block tight (one fewer
 *     misses) and is not tried again, since later removals only take agents away.
 *     With day targets, the blocks with most service level to spare go first, each
 *     once per round, and a removal that misses the day ends the group's round.
 *  5. Move: in each block, move one agent between two groups sharing a channel where
 *     that can cost less (a lower hourly price, or a group paid per contact, priced by
 *     the contacts it answers in the simulation); keep it when the targets hold and the
 *     cost falls, then trim the blocks that changed.
 *  6. Hold-out: check the plan on replications of two other seeds and on the search's
 *     own, adding an agent wherever a target is missed, until all three pass (a plan
 *     trimmed on one sample stops where that sample just passes).
 * Groups named in `fixed` keep the scenario's head counts throughout.
 * The plan is then simulated once more for the table, staffing.csv and staffed.yaml.
 * Staffing is decided per block of `granularity` (a multiple of the interval; the whole
 * horizon for one constant head count). */
#ifndef CC_STAFF_H
#define CC_STAFF_H
#include <stdbool.h>
#include <stddef.h>

#include "models/study/simulate.h"

/* How a noisy estimate is judged against a target.
 * SEQUENTIAL (the default): a target is on the expected (per-contact) service level of
 * each interval. Replications are added, doubling on common random numbers (the first
 * n of 2n are the same runs, kept), while some target's 95% CI straddles it and is
 * wider than the tolerance and none is decided missed; then each target is met when its
 * CI lies above it, missed when below, decided on the estimate when the CI is within the
 * tolerance, and missed when still undecided at the most replications. So a plan does
 * not move with -r or the seed beyond an agent where N and N-1 both lie within the
 * tolerance of the target, and no plan is sized for the noisiest of many intervals.
 * MEAN: decided on the estimate at the replications asked for.
 * CONFIDENCE: the lower end of the CI must reach the target (conservative; the noisiest
 * interval decides). */
typedef enum cc_staff_rule {
    CC_STAFF_SEQUENTIAL, CC_STAFF_MEAN, CC_STAFF_CONFIDENCE
} cc_staff_rule;

/* What a service-level target is on. INTERVAL (the default): the expected service level
 * of each judged interval, so the day is served evenly. DAY: the channel's expected
 * service level over the whole counted window (the usual WFM contract), so a busy hour
 * may sit below the target where quieter ones make up for it. BOTH: each of them. A
 * target of 1.00 ("nobody waits longer") and the occupancy cap hold in every interval
 * whatever the scope. */
typedef enum cc_target_scope {
    CC_TARGETS_INTERVAL, CC_TARGETS_DAY, CC_TARGETS_BOTH
} cc_target_scope;

typedef struct cc_staff_options {
    double max_occupancy;    /* 1: no cap */
    cc_target_scope scope;   /* where a service-level target is judged (above) */
    double granularity_s;    /* 0: the interval; INFINITY: the whole horizon */
    cc_staff_rule rule;      /* how a target is judged met (above) */
    double tolerance;        /* sequential: decide on the estimate once the CI half-width
                              * is below this (a share of SL; default 0.005) */
    long max_replications;   /* sequential: at most this many per evaluation; 0: 8 times
                              * the replications asked for */
    long max_evaluations;    /* simulations at most */
    long max_agents;         /* per group and block; 0: chosen from the Erlang start */
    const char **fixed;      /* groups whose head counts the search keeps as the scenario
                              * gives them (a contract), by name */
    size_t n_fixed;
    const char *outdir;      /* staffing.csv and staffed.yaml */
    const char *parts_dir;   /* each evaluation's verdict, for --resume (models/study/resume.h):
                              * outdir, or a folder only read (ccsim-mpi's other ranks) */
    bool resume;             /* take the verdicts an interrupted search left */
    bool quiet;
} cc_staff_options;

/* With parts_dir, every evaluation's verdict is kept in parts_dir/.staff-parts; with
 * resume, the search replays the verdicts found there instead of simulating them again,
 * so an interrupted search goes on where it stopped and ends with the same plan.
 * Returns an exit status: 0 with a plan, 1 when no plan within the bounds meets the
 * targets (said plainly), 2 for bad input or an impossible request. */
int cc_staff_run(const cc_sim_options *o, const cc_staff_options *so);

#endif /* CC_STAFF_H */
