/* models/io/forecast.h: arrival forecasts and empirical distributions from CSV files.
 * A forecast file has rows "HH:MM,contacts per hour" (a header row is allowed), interval
 * starts strictly increasing, the first at or before the horizon start. It becomes
 * rate segments clipped to the horizon. An empirical file has one column of durations in
 * seconds (a header is allowed; further columns are ignored), at least one row. Errors
 * are added to the diag as "FILE:LINE:COL: KEY: MESSAGE", where KEY is the scenario key
 * that named the file. The caller owns the returned arrays (free). */
#ifndef CC_FORECAST_H
#define CC_FORECAST_H
#include <stddef.h>

#include "models/io/diag.h"
#include "models/center/scenario.h"

int cc_forecast_read(const char *path, const char *key, double start_s, double end_s,
                     cc_segment **segments, size_t *n, cc_diag *diag);
int cc_forecast_read_empirical(const char *path, const char *key, double **values, size_t *n,
                               cc_diag *diag);

/* Rows beyond this are refused: a forecast has one row per interval, not millions. */
#define CC_FORECAST_ROWS_MAX 1000000
#define CC_EMPIRICAL_ROWS_MAX 10000000

#endif /* CC_FORECAST_H */
