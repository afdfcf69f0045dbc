/* models/io/csvin.h: reading CSV files row by row with libcsv.
 * Forecasts, empirical distributions and interaction logs all come through here, so
 * every CSV error names the file, the line and the column. Rows are streamed: memory
 * stays bounded (a field is at most CC_CSV_FIELD_MAX bytes, a row CC_CSV_FIELDS_MAX
 * fields), whatever the file's size. Lines end at LF, CRLF or a lone CR. Blank lines are
 * skipped.
 * The row callback returns SIM_OK to go on or a negative status to stop (it has then
 * added its own message to the diag). */
#ifndef CC_CSVIN_H
#define CC_CSVIN_H
#include <stddef.h>

#include "models/io/diag.h"

typedef struct cc_csv_row {
    const char *const *fields;   /* NUL-terminated field texts */
    const size_t *columns;       /* 1-based column where each field starts */
    size_t n_fields;
    size_t line;                 /* 1-based line where the row starts */
    size_t index;                /* 0-based row number among non-blank rows */
} cc_csv_row;

typedef int cc_csv_row_fn(void *arg, const cc_csv_row *row);

/* Fields longer than this, or rows with more fields, are refused as malformed. */
#define CC_CSV_FIELD_MAX 4096
#define CC_CSV_FIELDS_MAX 256

int cc_csvin_read(const char *path, cc_csv_row_fn *fn, void *arg, cc_diag *diag);
/* Same, with another delimiter (e.g. '\t' for tab-separated logs). */
int cc_csvin_read_delim(const char *path, unsigned char delim, cc_csv_row_fn *fn, void *arg,
                        cc_diag *diag);

#endif /* CC_CSVIN_H */
