/* tests/fuzz/fuzz_csv.c: every CSV reader of ccsim on any bytes.
 * Input: MODE PARAM BYTES... MODE (mod 5) picks the reader:
 *   0  cc_csvin_read (comma), the rows checked against csvin.h's promises;
 *   1  cc_csvin_read_delim with a tab;
 *   2  cc_forecast_read over a horizon made from PARAM;
 *   3  cc_forecast_read_empirical;
 *   4  cc_rundir_load on a folder whose files are BYTES split at NUL (scenario.csv,
 *      targets.csv, summary.csv, intervals.csv, compare.csv; fewer parts, fewer files),
 *      then every lookup the charts make and report.html written from it.
 * In modes 0 and 1 PARAM also says after how many rows the callback stops the reading
 * (0: never), which exercises the early-stop path. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/io/csvin.h"
#include "models/io/diag.h"
#include "models/io/forecast.h"
#include "models/report/html.h"
#include "models/io/rundir.h"
#include "sim/dist.h"
#include "sim/status.h"
#include "tests/fuzz/fuzz.h"

typedef struct rows {
    size_t count, last_line, stop_after;
} rows;

static int on_row(void *arg, const cc_csv_row *row)
{
    rows *r = arg;
    CCFUZZ_CHECK(row->index == r->count);
    CCFUZZ_CHECK(row->n_fields >= 1 && row->n_fields <= CC_CSV_FIELDS_MAX);
    CCFUZZ_CHECK(row->line >= 1 && row->line > r->last_line);
    for (size_t i = 0; i < row->n_fields; i++) {
        CCFUZZ_CHECK(strlen(row->fields[i]) <= CC_CSV_FIELD_MAX);
        CCFUZZ_CHECK(row->columns[i] >= 1);
        CCFUZZ_CHECK(i == 0 || row->columns[i] > row->columns[i - 1]);
    }
    r->count++;
    r->last_line = row->line;
    return r->stop_after && r->count >= r->stop_after ? SIM_EINVAL : SIM_OK;
}

static void fuzz_csvin(unsigned char delim, unsigned param, cc_diag *diag)
{
    rows r = {0, 0, param % 8};
    int st = cc_csvin_read_delim(ccfuzz_path(1, "input.csv"), delim, on_row, &r, diag);
    CCFUZZ_CHECK(st == SIM_OK || cc_diag_count(diag) > 0 || (r.stop_after && r.count == r.stop_after));
}

static void fuzz_forecast(unsigned param, cc_diag *diag)
{
    double start = (double)(param >> 3) * 1800, end = start + (double)((param & 7) + 1) * 3600;
    cc_segment *seg = NULL;
    size_t n = 0;
    int st = cc_forecast_read(ccfuzz_path(1, "input.csv"), "channels.x.arrivals.file", start, end,
                              &seg, &n, diag);
    if (st != SIM_OK) {
        CCFUZZ_CHECK(cc_diag_count(diag) > 0);
        return;
    }
    CCFUZZ_CHECK(n >= 1 && seg && seg[0].start_s == start);
    for (size_t i = 0; i < n; i++) {
        CCFUZZ_CHECK(isfinite(seg[i].rate_per_s) && seg[i].rate_per_s >= 0);
        CCFUZZ_CHECK(seg[i].start_s < end);
        CCFUZZ_CHECK(i == 0 || seg[i].start_s > seg[i - 1].start_s);
    }
    free(seg);
}

static void fuzz_empirical(cc_diag *diag)
{
    double *v = NULL;
    size_t n = 0;
    int st = cc_forecast_read_empirical(ccfuzz_path(1, "input.csv"), "x.handle_time.file", &v, &n,
                                        diag);
    if (st != SIM_OK) {
        CCFUZZ_CHECK(cc_diag_count(diag) > 0);
        return;
    }
    sim_dist d = sim_dist_empirical(v, n);   /* checks every value: finite, >= 0 */
    CCFUZZ_CHECK(isfinite(sim_dist_mean(&d)));
    free(v);
}

static const char *const RUN_FILES[] = {"run/scenario.csv", "run/targets.csv", "run/summary.csv",
                                        "run/intervals.csv", "run/compare.csv"};

static void fuzz_rundir(const uint8_t *data, size_t size, cc_diag *diag)
{
    mkdir(ccfuzz_path(0, "run"), 0700);
    const uint8_t *parts[5];
    size_t len[5];
    size_t n = ccfuzz_split(data, size, 0, 5, parts, len);
    for (size_t i = 0; i < 5; i++) {
        if (i < n) ccfuzz_write(RUN_FILES[i], parts[i], len[i]);
        else ccfuzz_remove(RUN_FILES[i]);
    }
    cc_rundir rd;
    int st = cc_rundir_load(&rd, ccfuzz_path(1, "run"), diag);
    if (st != SIM_OK) {
        CCFUZZ_CHECK(cc_diag_count(diag) > 0);
        CCFUZZ_CHECK(rd.n_series == 0 && rd.series == NULL);
        return;
    }
    static const char *const scopes[] = {"channel", "group", "bot", "segment", "total"};
    const char *names[64], *policies[16];
    cc_rundir_measure measures[256];
    for (size_t s = 0; s < 5; s++) {
        size_t nn = cc_rundir_names(&rd, scopes[s], names, 64);
        CCFUZZ_CHECK(nn <= 64);
        for (size_t i = 0; i < nn; i++) {
            size_t nm = cc_rundir_measures(&rd, scopes[s], names[i], measures, 256);
            for (size_t m = 0; m < nm; m++) {
                cc_rundir_measure me = measures[m];
                CCFUZZ_CHECK(me.id >= 0 && me.id < CC_M_COUNT);
                const cc_rundir_value *v =
                    cc_rundir_summary(&rd, scopes[s], names[i], me.id, me.threshold_s);
                if (v) CCFUZZ_CHECK(v->replications >= 0 && strlen(v->text) < sizeof v->text);
                for (size_t k = 0; k <= rd.n_intervals && k < 64; k++)
                    (void)cc_rundir_interval(&rd, scopes[s], names[i], me.id, me.threshold_s, k);
            }
        }
        (void)cc_rundir_measures(&rd, scopes[s], NULL, measures, 256);
    }
    size_t np = cc_rundir_policies(&rd, policies, 16);
    for (size_t i = 0; i < rd.n_compare; i++) {
        const cc_rundir_compare *c = &rd.compare[i];
        CCFUZZ_CHECK(cc_rundir_compared(&rd, c->policy, c->scope, c->name, c->measure.id,
                                        c->measure.threshold_s) != NULL);
    }
    CCFUZZ_CHECK(np <= 16);
    for (size_t i = 0; i < rd.n_intervals; i++)
        CCFUZZ_CHECK(i == 0 || rd.interval_start_s[i] > rd.interval_start_s[i - 1]);
    (void)cc_rundir_setting(&rd, "name");
    /* report.html from whatever was read: every text escaped, nothing interpreted. */
    cc_html_write(&rd, ccfuzz_path(1, "run/report.html"), NULL, 0, "fuzz <note> & \"quote\"", diag);
    ccfuzz_remove("run/report.html");
    cc_rundir_fini(&rd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned mode = data[0] % 5, param = data[1];
    data += 2;
    size -= 2;
    cc_diag diag;
    cc_diag_init(&diag);
    if (mode == 4) {
        fuzz_rundir(data, size, &diag);
    } else {
        ccfuzz_write("input.csv", data, size);
        if (mode == 0) fuzz_csvin(',', param, &diag);
        else if (mode == 1) fuzz_csvin('\t', param, &diag);
        else if (mode == 2) fuzz_forecast(param, &diag);
        else fuzz_empirical(&diag);
    }
    cc_diag_fini(&diag);
    return 0;
}
