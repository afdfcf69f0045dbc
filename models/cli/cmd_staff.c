/* models/cli/cmd_staff.c: ccsim staff SCENARIO, the least-cost staffing
 * (models/study/staff.h does the search). */
#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/study/staff.h"

int cc_cmd_staff(const cc_options *o)
{
    cc_sim_options so = cc_options_sim(o);
    so.progress = false;
    cc_staff_options st = o->staff;
    st.outdir = o->outdir;
    st.parts_dir = o->parts_dir;
    st.resume = o->resume;
    st.quiet = o->quiet;
    st.max_replications = o->max_replications;
    return cc_staff_run(&so, &st);
}
