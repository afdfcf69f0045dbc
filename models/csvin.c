/* models/csvin.c: libcsv fed one line at a time.
 * libcsv reports fields and row ends through callbacks but knows nothing of lines, so
 * the file is fed to it line by line with getline: the line count at a row's first field
 * is the row's line. Columns are reconstructed from the field lengths, exact for fields
 * without quotes (the common case) and close otherwise. */
#include "models/csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"
#include "sim/status.h"

typedef struct reader {
    const char *path;
    cc_diag *diag;
    cc_csv_row_fn *fn;
    void *arg;
    char *fields[CC_CSV_FIELDS_MAX];
    size_t columns[CC_CSV_FIELDS_MAX];
    size_t n_fields;
    size_t next_column;
    size_t line, row_line, rows;
    int status;
} reader;

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->status != SIM_OK) return;
    if (r->n_fields == 0) {
        r->row_line = r->line;
        r->next_column = 1;
    }
    if (r->n_fields >= CC_CSV_FIELDS_MAX) {
        cc_diag_add(r->diag, "%s:%zu: more than %d fields in a row", r->path, r->line,
                    CC_CSV_FIELDS_MAX);
        r->status = SIM_ELIMIT;
        return;
    }
    if (len > CC_CSV_FIELD_MAX) {
        cc_diag_add(r->diag, "%s:%zu:%zu: a field longer than %d characters", r->path, r->line,
                    r->next_column, CC_CSV_FIELD_MAX);
        r->status = SIM_ELIMIT;
        return;
    }
    char *f = sim_xmalloc(len + 1);
    memcpy(f, data, len);
    f[len] = '\0';
    r->fields[r->n_fields] = f;
    r->columns[r->n_fields] = r->next_column;
    r->n_fields++;
    r->next_column += len + 1;
}

static void clear_row(reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++) free(r->fields[i]);
    r->n_fields = 0;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    reader *r = ctx;
    if (r->status == SIM_OK && r->n_fields > 0) {
        /* A line holding only blanks is a blank line, not a row with one empty field. */
        bool blank = r->n_fields == 1 && strspn(r->fields[0], " \t\r") == strlen(r->fields[0]);
        if (!blank) {
            cc_csv_row row = {(const char *const *)r->fields, r->columns, r->n_fields,
                              r->row_line, r->rows};
            r->rows++;
            r->status = r->fn(r->arg, &row);
        }
    }
    clear_row(r);
}

int cc_csvin_read_delim(const char *path, unsigned char delim, cc_csv_row_fn *fn, void *arg,
                        cc_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cc_diag_add(diag, "%s: cannot open: %s", path, strerror(errno));
        return SIM_ENOENT;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fclose(f);
        cc_diag_add(diag, "%s: cannot initialise the CSV parser", path);
        return SIM_EIO;
    }
    csv_set_delim(&p, delim);
    reader r = {0};
    r.path = path;
    r.diag = diag;
    r.fn = fn;
    r.arg = arg;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while (r.status == SIM_OK && (got = getline(&line, &cap, f)) > 0) {
        r.line++;
        if (memchr(line, '\0', (size_t)got)) {
            cc_diag_add(diag, "%s:%zu: a NUL byte: this is not a text CSV file", path, r.line);
            r.status = SIM_EINVAL;
            break;
        }
        if (csv_parse(&p, line, (size_t)got, on_field, on_row, &r) != (size_t)got) {
            cc_diag_add(diag, "%s:%zu: CSV: %s", path, r.line, csv_strerror(csv_error(&p)));
            r.status = SIM_EINVAL;
        }
    }
    if (r.status == SIM_OK && ferror(f)) {
        cc_diag_add(diag, "%s: read error: %s", path, strerror(errno));
        r.status = SIM_EIO;
    }
    if (r.status == SIM_OK && csv_fini(&p, on_field, on_row, &r) != 0) {
        cc_diag_add(diag, "%s:%zu: CSV: %s (an unclosed quote?)", path, r.line,
                    csv_strerror(csv_error(&p)));
        r.status = SIM_EINVAL;
    }
    clear_row(&r);
    csv_free(&p);
    free(line);
    fclose(f);
    return r.status;
}

int cc_csvin_read(const char *path, cc_csv_row_fn *fn, void *arg, cc_diag *diag)
{
    return cc_csvin_read_delim(path, ',', fn, arg, diag);
}
