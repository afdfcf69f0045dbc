/* tests/fuzz/fuzz_calllog.c: interaction logs (models/calllog) and the calibration built
 * on them (models/calibrate) on any bytes.
 * Input: MODE PARAM BYTES. MODE (mod 4):
 *   0  cc_calllog_read, ccsim format;
 *   1  cc_calllog_read, bank1999 format (tab separated);
 *   2  cc_calllog_read, generic format: BYTES is MAPPING NUL LOG (no NUL: a fixed
 *      mapping and all of BYTES the log), the separator by PARAM / 16 % 3: ',', tab, ';';
 *   3  ccsim calibrate: the log of format PARAM % 3 (generic as in 2) read, fitted with
 *      no limit on bad rows; when the fit succeeds, the scenario it writes must load
 *      (cc_scenario_load, then the checks of a loaded scenario) and the observed
 *      measures of every interval must be computable.
 * PARAM / 4 % 4 is, in modes 0-2, after how many records the callback stops the reading
 * (0: never) and, in mode 3, the interval (30, 15, 60 or 10 minutes).
 * Every record must keep calllog.h's promises, and no row may go uncounted. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/io/load.h"
#include "models/study/calibrate.h"
#include "models/io/calllog.h"
#include "models/io/diag.h"
#include "models/center/scenario.h"
#include "sim/status.h"
#include "tests/fuzz/fuzz.h"

static const char DEFAULT_MAPPING[] =
    "arrival=start,queued=queue_in,answered=pickup,end=hangup,outcome=result,agent=agent_name";

typedef struct seen {
    size_t records, last_line, stop_after;
    cc_diag *diag;
} seen;

static int on_record(void *arg, const cc_calllog_record *rec)
{
    seen *s = arg;
    CCFUZZ_CHECK(rec->channel != NULL);
    CCFUZZ_CHECK(rec->outcome == CC_CALL_CONTAINED || rec->outcome == CC_CALL_ANSWERED ||
                 rec->outcome == CC_CALL_ABANDONED);
    CCFUZZ_CHECK(rec->weekday >= -1 && rec->weekday <= 6);
    CCFUZZ_CHECK(isfinite(rec->arrival_s));
    CCFUZZ_CHECK(isfinite(rec->bot_s) && rec->bot_s >= 0);
    if (rec->outcome == CC_CALL_CONTAINED) CCFUZZ_CHECK(isnan(rec->wait_s));
    else CCFUZZ_CHECK(isfinite(rec->wait_s) && rec->wait_s >= 0);
    CCFUZZ_CHECK(isnan(rec->handle_s) || (isfinite(rec->handle_s) && rec->handle_s >= 0));
    if (rec->outcome != CC_CALL_ANSWERED) CCFUZZ_CHECK(isnan(rec->handle_s));
    CCFUZZ_CHECK(rec->line >= 1 && rec->line > s->last_line);
    s->last_line = rec->line;
    s->records++;
    if (!s->stop_after || s->records < s->stop_after) return SIM_OK;
    /* A callback that stops the reading says why (calllog.h). */
    cc_diag_add(s->diag, "fuzz: stopped after %zu records", s->records);
    return SIM_EINVAL;
}

/* Writes the log (and, for the generic format, reads the mapping) from the input. */
static void set_up(cc_calllog_options *o, cc_calllog_format f, unsigned param,
                   const uint8_t *data, size_t size, char **mapping)
{
    memset(o, 0, sizeof *o);
    o->format = f;
    *mapping = NULL;
    if (f == CC_CALLLOG_GENERIC) {
        const uint8_t *parts[2];
        size_t len[2];
        size_t n = ccfuzz_split(data, size, 0, 2, parts, len);
        if (n == 2) {
            *mapping = ccfuzz_strndup(parts[0], len[0]);
            data = parts[1];
            size = len[1];
        } else {
            *mapping = ccfuzz_strndup((const uint8_t *)DEFAULT_MAPPING, strlen(DEFAULT_MAPPING));
        }
        o->columns = *mapping;
        static const unsigned char delims[] = {',', '\t', ';'};
        o->delim = delims[(param >> 4) % 3];
    }
    ccfuzz_write("input.csv", data, size);
}

static void read_log(cc_calllog_format f, unsigned param, const uint8_t *data, size_t size)
{
    cc_calllog_options o;
    char *mapping;
    set_up(&o, f, param, data, size, &mapping);
    cc_diag diag;
    cc_diag_init(&diag);
    seen s = {0, 0, (param >> 2) % 4, &diag};
    cc_calllog_stats st;
    memset(&st, 0, sizeof st);
    int rc = cc_calllog_read(ccfuzz_path(1, "input.csv"), &o, on_record, &s, &st, &diag);
    size_t rejected = 0;
    for (size_t i = 0; i < CC_CALLLOG_N_REASONS; i++) rejected += st.rejected[i];
    CCFUZZ_CHECK(rejected == st.rejected_total);
    CCFUZZ_CHECK(st.accepted == s.records);
    if (rc == SIM_OK) {
        /* Nothing is dropped without a count. */
        CCFUZZ_CHECK(st.rows == st.accepted + st.rejected_total + st.ignored_phantom +
                                    st.ignored_no_server);
    } else {
        CCFUZZ_CHECK(cc_diag_count(&diag) > 0);
    }
    FILE *null = fopen("/dev/null", "w");
    CCFUZZ_CHECK(null != NULL);
    cc_calllog_stats_fprint(null, &st, "  ");
    fclose(null);
    cc_diag_fini(&diag);
    free(mapping);
}

static void calibrate(cc_calllog_format f, unsigned param, const uint8_t *data, size_t size)
{
    cc_calib_options o;
    memset(&o, 0, sizeof o);
    char *mapping;
    set_up(&o.log, f, param, data, size, &mapping);
    static const double intervals[] = {1800, 900, 3600, 600};
    o.interval_s = intervals[(param >> 2) % 4];
    o.max_bad = 1.0;
    o.replications = 2;
    o.name = "fuzz";
    cc_calib *c = cc_calib_alloc(&o);
    cc_diag diag;
    cc_diag_init(&diag);
    if (cc_calib_add_file(c, ccfuzz_path(1, "input.csv"), &diag) == SIM_OK &&
        cc_calib_finish(c, &diag) == SIM_OK) {
        FILE *null = fopen("/dev/null", "w");
        CCFUZZ_CHECK(null != NULL);
        cc_calib_fprint(null, c);
        fclose(null);
        double start, end;
        cc_calib_horizon(c, &start, &end);
        CCFUZZ_CHECK(isfinite(start) && isfinite(end) && end > start);
        for (long ch = -1; ch < (long)cc_calib_channel_count(c); ch++) {
            if (ch >= 0) CCFUZZ_CHECK(cc_calib_channel_find(c, cc_calib_channel_name(c, (size_t)ch)) == ch);
            for (double t = start; t < end; t += o.interval_s) {
                cc_calib_observed ob = cc_calib_observe(c, ch, t, o.interval_s);
                CCFUZZ_CHECK(!(ob.offered < 0) && !(ob.answered < 0) && !(ob.abandoned < 0));
                (void)cc_calib_group_staff(c, "agents", t);
            }
        }
        /* What calibrate writes, ccsim must accept. */
        if (cc_calib_write_scenario(c, ccfuzz_path(1, "calib.yaml"), &diag) == SIM_OK) {
            cc_scenario sc;
            cc_diag load;
            cc_diag_init(&load);
            int st = cc_scenario_load(ccfuzz_path(1, "calib.yaml"), NULL, 0, &sc, &load);
            if (st != SIM_OK) {
                cc_diag_fprint(stderr, &load);
                CCFUZZ_CHECK(!"the scenario written by calibrate loads");
            }
            ccfuzz_check_scenario(&sc);
            cc_scenario_fini(&sc);
            cc_diag_fini(&load);
        }
        cc_calib_write_report(c, ccfuzz_path(1, "calib.csv"), &diag);
        ccfuzz_remove("calib.yaml");
        ccfuzz_remove("calib.csv");
    }
    cc_diag_fini(&diag);
    cc_calib_free(c);
    free(mapping);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned mode = data[0] % 4, param = data[1];
    static const cc_calllog_format formats[] = {CC_CALLLOG_CCSIM, CC_CALLLOG_BANK1999,
                                                CC_CALLLOG_GENERIC};
    if (mode < 3) read_log(formats[mode], param, data + 2, size - 2);
    else calibrate(formats[param % 3], param, data + 2, size - 2);
    return 0;
}
