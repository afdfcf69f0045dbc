/* models/io/csvin.c: libcsv fed one line at a time.
 * libcsv reports fields and row ends through callbacks but knows nothing of lines, so
 * the file is read in blocks and each block fed to it line by line: the line count at a
 * row's first field is the row's line. A line ends at LF, or at a CR that no LF follows
 * (old Mac files), where libcsv ends a row too. Reading blocks rather than whole lines,
 * and stopping a field that grows past CC_CSV_FIELD_MAX while libcsv still collects it,
 * keeps memory bounded even for a file without line breaks (binary data, /dev/zero).
 * Columns are reconstructed from the field lengths, exact for fields without quotes (the
 * common case) and close otherwise. */
#include "models/io/csvin.h"

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

/* Bytes read at a time. */
#define BLOCK 65536

static int peek(FILE *f)
{
    int c = getc(f);
    if (c != EOF) ungetc(c, f);
    return c;
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
    char *buf = sim_xmalloc(BLOCK);
    bool line_start = true; /* the next byte starts a line */
    bool first = true;
    size_t got;
    while (r.status == SIM_OK && (got = fread(buf, 1, BLOCK, f)) > 0) {
        size_t at = 0;
        /* A UTF-8 byte-order mark (spreadsheets save one) is not part of the first field. */
        if (first && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) at = 3;
        first = false;
        while (r.status == SIM_OK && at < got) {
            if (line_start) {
                r.line++;
                line_start = false;
            }
            size_t end = at;
            while (end < got && buf[end] != '\n' && buf[end] != '\r' && buf[end] != '\0') end++;
            if (end < got && buf[end] == '\0') {
                cc_diag_add(diag, "%s:%zu: a NUL byte: this is not a text CSV file", path, r.line);
                r.status = SIM_EINVAL;
                break;
            }
            if (end < got) {
                int next = end + 1 < got ? (unsigned char)buf[end + 1] : peek(f);
                line_start = buf[end] == '\n' || next != '\n';
                end++;
            }
            if (csv_parse(&p, buf + at, end - at, on_field, on_row, &r) != end - at) {
                cc_diag_add(diag, "%s:%zu: CSV: %s", path, r.line, csv_strerror(csv_error(&p)));
                r.status = SIM_EINVAL;
            } else if (r.status == SIM_OK && p.entry_pos > CC_CSV_FIELD_MAX) {
                /* entry_pos (public in csv.h) is the length of the field being read. */
                cc_diag_add(diag, "%s:%zu: a field longer than %d characters", path, r.line,
                            CC_CSV_FIELD_MAX);
                r.status = SIM_ELIMIT;
            }
            at = end;
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
    free(buf);
    fclose(f);
    return r.status;
}

int cc_csvin_read(const char *path, cc_csv_row_fn *fn, void *arg, cc_diag *diag)
{
    return cc_csvin_read_delim(path, ',', fn, arg, diag);
}
