/* tests/fuzz/fuzz_scenario.c: cc_scenario_load on any bytes.
 * Input: YAML [NUL CSV [NUL CSV]]. The YAML becomes input.yaml in the scratch folder,
 * the CSV parts 1.csv and 2.csv beside it (removed when absent), so a scenario that says
 * `file: 1.csv` has its forecast or empirical file fuzzed with it; the seeds also find
 * forecasts/ and data/ there (tests/fuzz/fuzz.h).
 * The loader must never crash, hang or leak. When it accepts a file, the scenario must
 * keep the promises the model relies on (ccfuzz_check_scenario). */
#include <stdlib.h>
#include <string.h>

#include "models/io/load.h"
#include "models/io/diag.h"
#include "models/center/scenario.h"
#include "sim/status.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[3];
    size_t len[3];
    size_t n = ccfuzz_split(data, size, 0, 3, parts, len);
    ccfuzz_write("input.yaml", parts[0], len[0]);
    static const char *const csv[] = {"1.csv", "2.csv"};
    for (size_t i = 0; i < 2; i++) {
        if (i + 1 < n) ccfuzz_write(csv[i], parts[i + 1], len[i + 1]);
        else ccfuzz_remove(csv[i]);
    }

    cc_diag diag;
    cc_diag_init(&diag);
    cc_scenario sc;
    int st = cc_scenario_load(ccfuzz_path(1, "input.yaml"), NULL, 0, &sc, &diag);
    if (st == SIM_OK) {
        CCFUZZ_CHECK(cc_diag_count(&diag) == 0);
        ccfuzz_check_scenario(&sc);
        cc_scenario_fini(&sc);
    } else {
        /* A refused file says why, and leaves nothing to free. */
        CCFUZZ_CHECK(cc_diag_count(&diag) > 0);
        CCFUZZ_CHECK(sc.channels == NULL && sc.groups == NULL && sc.name == NULL);
    }
    for (size_t i = 0; i < diag.count; i++) CCFUZZ_CHECK(diag.lines[i] && diag.lines[i][0]);
    cc_diag_fini(&diag);
    return 0;
}
