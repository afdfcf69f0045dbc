/* models/io/diag.c: a growable array of formatted lines. Errors are rare and small, so a
 * plain array with doubling is all this needs. */
#include "models/io/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"

void cc_diag_init(cc_diag *d)
{
    memset(d, 0, sizeof *d);
}

void cc_diag_fini(cc_diag *d)
{
    for (size_t i = 0; i < d->count; i++) free(d->lines[i]);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

size_t cc_diag_control_at(const char *s, const char *allowed)
{
    const unsigned char *c = (const unsigned char *)s;
    if (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f) return 2;
    if ((*c && *c < 0x20 && !strchr(allowed, *c)) || *c == 0x7f) return 1;
    return 0;
}

bool cc_diag_has_control(const char *text, const char *allowed)
{
    for (; *text; text++)
        if (cc_diag_control_at(text, allowed)) return true;
    return false;
}

/* A message quotes names and values from the user's files; a control character in one
 * (an escape sequence, a carriage return) would reach the terminal and could rewrite what
 * it shows. Each is written as the text \xNN of its last byte instead. Returns a new
 * string; frees line. */
static char *printable(char *line)
{
    if (!cc_diag_has_control(line, "")) return line;
    char *out = sim_xmalloc(4 * strlen(line) + 1), *o = out;
    for (const char *c = line; *c;) {
        size_t n = cc_diag_control_at(c, "");
        if (n) o += sprintf(o, "\\x%02x", (unsigned)(unsigned char)c[n - 1]);
        else *o++ = *c;
        c += n ? n : 1;
    }
    *o = 0;
    free(line);
    return out;
}

static void push(cc_diag *d, char *line)
{
    line = printable(line);
    d->lines = sim_xgrow(d->lines, &d->cap, d->count + 1, 8, sizeof *d->lines);
    d->lines[d->count++] = line;
}

void cc_diag_add(cc_diag *d, const char *fmt, ...)
{
    if (d->count > CC_DIAG_MAX) return;
    if (d->count == CC_DIAG_MAX) {
        push(d, sim_xstrdup("too many errors; stopping here"));
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *line = sim_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(line, (size_t)n + 1, fmt, ap);
    va_end(ap);
    push(d, line);
}

size_t cc_diag_count(const cc_diag *d)
{
    return d->count;
}

void cc_diag_fprint(FILE *f, const cc_diag *d)
{
    for (size_t i = 0; i < d->count; i++) fprintf(f, "ccsim: %s\n", d->lines[i]);
}
