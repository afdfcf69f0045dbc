/* models/study/compare.h: ccsim compare, routing policies run on common random numbers.
 * Every policy runs the same scenario with the same seed, so replication r of every
 * policy sees the same arrivals, handle times and patience (STYLE S8): a difference
 * between two policies is a difference of routing, not of luck. Each policy's
 * measures, and the paired difference to the first policy with its 95% CI, are printed
 * and written to compare.csv (models/report/report.h, cc_compare_fprint and
 * cc_compare_write).
 *
 * With a parts folder, each finished policy's results are a part (models/study/resume.h),
 * so that an interrupted compare goes on with resume from the policies it finished and
 * writes the same compare.csv as an uninterrupted one. */
#ifndef CC_COMPARE_H
#define CC_COMPARE_H
#include <stdbool.h>
#include <stddef.h>

#include "models/study/simulate.h"

#define CC_COMPARE_MAX 16

typedef struct cc_compare_options {
    const char *const *policies; /* the policies, each built in or "plugin" (checked by the caller) */
    size_t n_policies;           /* 2 to CC_COMPARE_MAX */
    const char *policies_text;   /* the list as written ("fcfs,priority"), for the parts' identity */
    const char *outdir;          /* compare.csv; NULL: no file */
    const char *parts_dir;       /* the parts: outdir, or a folder only read (ccsim-mpi's other ranks) */
    bool quiet;                  /* the differences only, not each policy's measures */
    bool resume;                 /* take the parts an interrupted compare left */
} cc_compare_options;

/* Every problem is said on stderr. Returns SIM_OK; SIM_EINVAL for bad input (the
 * scenario, parts of another compare); SIM_EIO for a failed run, a file that cannot be
 * written, or an interruption (said, with how to go on). */
int cc_compare_run(const cc_sim_options *so, const cc_compare_options *co);

#endif /* CC_COMPARE_H */
