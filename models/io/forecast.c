/* models/io/forecast.c: the two CSV inputs of a scenario, read through models/io/csvin.c.
 * A first row whose first field does not parse is taken as a header, once; any later
 * row that does not parse is an error with its position. */
#include "models/io/forecast.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/io/csvin.h"
#include "models/io/units.h"
#include "sim/mem.h"
#include "sim/status.h"

/* The rows read so far from one file: forecast segments or empirical values. */
typedef struct rows_ctx {
    const char *path, *key;
    cc_diag *diag;
    cc_segment *seg;         /* a forecast's rows */
    double *x;               /* an empirical distribution's values */
    size_t n, cap;
    int errors;
} rows_ctx;

static int forecast_row(void *arg, const cc_csv_row *row)
{
    rows_ctx *c = arg;
    char msg[256];
    double start, rate_per_h;
    if (cc_units_clock(row->fields[0], &start, msg, sizeof msg) != SIM_OK) {
        if (row->index == 0) return SIM_OK; /* header */
        cc_diag_add(c->diag, "%s:%zu:%zu: %s: interval start: %s", c->path, row->line,
                    row->columns[0], c->key, msg);
        c->errors++;
        return c->errors > 20 ? SIM_EINVAL : SIM_OK;
    }
    if (row->n_fields < 2) {
        cc_diag_add(c->diag, "%s:%zu:%zu: %s: a row needs two fields: interval start (HH:MM), "
                    "contacts per hour", c->path, row->line, row->columns[0], c->key);
        c->errors++;
        return SIM_OK;
    }
    int st = cc_units_number(row->fields[1], &rate_per_h, msg, sizeof msg);
    if (st != SIM_OK || rate_per_h < 0 || rate_per_h > CC_UNITS_RATE_MAX * 3600) {
        if (st == SIM_OK)
            snprintf(msg, sizeof msg, "\"%s\": must be between 0 and %g", row->fields[1],
                     CC_UNITS_RATE_MAX * 3600);
        cc_diag_add(c->diag, "%s:%zu:%zu: %s: contacts per hour: %s", c->path, row->line,
                    row->columns[1], c->key, msg);
        c->errors++;
        return SIM_OK;
    }
    if (c->n > 0 && start <= c->seg[c->n - 1].start_s) {
        cc_diag_add(c->diag, "%s:%zu:%zu: %s: interval starts must increase (%s after a later "
                    "or equal start)", c->path, row->line, row->columns[0], c->key, row->fields[0]);
        c->errors++;
        return SIM_OK;
    }
    if (c->n >= CC_FORECAST_ROWS_MAX) {
        cc_diag_add(c->diag, "%s:%zu: %s: more than %d rows", c->path, row->line, c->key,
                    CC_FORECAST_ROWS_MAX);
        return SIM_ELIMIT;
    }
    c->seg = sim_xgrow(c->seg, &c->cap, c->n + 1, 64, sizeof *c->seg);
    c->seg[c->n].start_s = start;
    c->seg[c->n].rate_per_s = rate_per_h / 3600.0;
    c->n++;
    return SIM_OK;
}

/* A FIFO or a device named by a scenario would block the load: refused by its key. */
static int regular_input(const char *path, const char *key, cc_diag *diag)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        cc_diag_add(diag, "%s: %s: not a regular file (a folder, FIFO or device)", path, key);
        return SIM_EINVAL;
    }
    return SIM_OK;
}

int cc_forecast_read(const char *path, const char *key, double start_s, double end_s,
                     cc_segment **segments, size_t *n, cc_diag *diag)
{
    rows_ctx c = {path, key, diag, NULL, NULL, 0, 0, 0};
    int st = regular_input(path, key, diag);
    if (st == SIM_OK) st = cc_csvin_read(path, forecast_row, &c, diag);
    if (st == SIM_OK && c.errors) st = SIM_EINVAL;
    if (st == SIM_OK && c.n == 0) {
        cc_diag_add(diag, "%s:1:1: %s: no rows: a forecast needs rows \"HH:MM,contacts per hour\"",
                    path, key);
        st = SIM_EINVAL;
    }
    if (st == SIM_OK && c.seg[0].start_s > start_s) {
        cc_diag_add(diag, "%s:1:1: %s: the first interval starts after the horizon start; "
                    "the forecast must cover the whole horizon", path, key);
        st = SIM_EINVAL;
    }
    if (st != SIM_OK) {
        free(c.seg);
        return st;
    }
    /* Clip to the horizon: keep the last row at or before the start, and rows before the end. */
    size_t first = 0;
    while (first + 1 < c.n && c.seg[first + 1].start_s <= start_s) first++;
    size_t last = first;
    while (last + 1 < c.n && c.seg[last + 1].start_s < end_s) last++;
    size_t m = last - first + 1;
    cc_segment *out = sim_xmalloc(m * sizeof *out);
    memcpy(out, c.seg + first, m * sizeof *out);
    out[0].start_s = start_s;
    free(c.seg);
    *segments = out;
    *n = m;
    return SIM_OK;
}

static int empirical_row(void *arg, const cc_csv_row *row)
{
    rows_ctx *c = arg;
    char msg[256];
    double v;
    int st = cc_units_number(row->fields[0], &v, msg, sizeof msg);
    if (st != SIM_OK || v < 0) {
        if (st != SIM_OK && row->index == 0) return SIM_OK; /* header */
        if (st == SIM_OK) snprintf(msg, sizeof msg, "%s: a duration must be >= 0", row->fields[0]);
        cc_diag_add(c->diag, "%s:%zu:%zu: %s: %s", c->path, row->line, row->columns[0], c->key, msg);
        c->errors++;
        return c->errors > 20 ? SIM_EINVAL : SIM_OK;
    }
    if (c->n >= CC_EMPIRICAL_ROWS_MAX) {
        cc_diag_add(c->diag, "%s:%zu: %s: more than %d rows", c->path, row->line, c->key,
                    CC_EMPIRICAL_ROWS_MAX);
        return SIM_ELIMIT;
    }
    c->x = sim_xgrow(c->x, &c->cap, c->n + 1, 256, sizeof *c->x);
    c->x[c->n++] = v;
    return SIM_OK;
}

int cc_forecast_read_empirical(const char *path, const char *key, double **values, size_t *n,
                               cc_diag *diag)
{
    rows_ctx c = {path, key, diag, NULL, NULL, 0, 0, 0};
    int st = regular_input(path, key, diag);
    if (st == SIM_OK) st = cc_csvin_read(path, empirical_row, &c, diag);
    if (st == SIM_OK && c.errors) st = SIM_EINVAL;
    if (st == SIM_OK && c.n == 0) {
        cc_diag_add(diag, "%s:1:1: %s: no values: an empirical distribution needs a column of "
                    "durations in seconds", path, key);
        st = SIM_EINVAL;
    }
    if (st != SIM_OK) {
        free(c.x);
        return st;
    }
    *values = c.x;
    *n = c.n;
    return SIM_OK;
}
