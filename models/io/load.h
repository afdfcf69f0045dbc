/* models/io/load.h: a scenario file (shared/SCENARIO.md) read into a cc_scenario.
 * cc_scenario_load reads the YAML file, applies --set overrides (KEY=VALUE, the value
 * read as YAML), and validates everything at this boundary: every error found is added
 * to the diag with file:line:column and key path, and the function fails (SIM_EINVAL, or
 * the status of a file that cannot be read) if there was any; *out is then empty. */
#ifndef CC_LOAD_H
#define CC_LOAD_H
#include <stddef.h>

#include "models/center/scenario.h"
#include "models/io/diag.h"
#include "models/io/yamltree.h"

/* One --set applied to a scenario's tree as the loader applies it (an arrivals form
 * replaces the channel's other one), for a study that writes a scenario back. */
void cc_scenario_apply_set(cc_yamltree *t, const char *assignment, cc_diag *diag);

int cc_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                     cc_scenario *out, cc_diag *diag);

#endif /* CC_LOAD_H */
