/* models/io/units.c: parsing of scenario values ("20s", "120/h", "08:00") into numbers.
 *
 * Method. Each parser trims spaces, reads one decimal number with scan_decimal() and
 * strtod(), then reads the unit by hand and insists that nothing follows. The grammar is
 * checked by scan_decimal() before strtod() runs, because strtod() alone accepts far more
 * than a manager means by a number: "inf", "nan", "0x1p3" and leading spaces inside a
 * value. strtod() must end exactly where the scanner did; if it ever does not, the text is
 * refused rather than half read. Overflow ("1e400") shows up as errno == ERANGE with a
 * huge result and is reported as SIM_ERANGE; underflow ("1e-400") yields 0 or a tiny
 * value, which is what the text means, so it is accepted.
 *
 * Why by hand and not sscanf: sscanf("%lf%c") cannot tell "20s" from "20 s x", silently
 * accepts "inf", and gives no position for a message. The inputs are short (a YAML scalar
 * or a CSV field), so the cost of a second pass over the digits does not matter.
 *
 * Messages quote at most QUOTE_MAX characters of the text, with control characters shown
 * as '?', so a stray binary field cannot garble a terminal or a log line. */
#include "models/io/units.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/status.h"

#define QUOTE_MAX 40

#define DURATION_HINT "write a number with unit s, m, h or d, e.g. 20s, 6m, 1.5h"
#define CLOCK_HINT "write HH:MM or HH:MM:SS, e.g. 08:00 or 20:30"
#define RATE_HINT "write a count per unit s, m, h or d, e.g. 120/h, 2/m, 0.5/s"

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static const char *skip_space(const char *p)
{
    while (isspace((unsigned char)*p)) p++;
    return p;
}

/* True when text is NULL or holds only spaces. */
static bool is_blank(const char *text)
{
    return text == NULL || *skip_space(text) == '\0';
}

/* Writes `"TEXT": MESSAGE` (or `empty value: MESSAGE`) into err and returns status. */
static int fail(int status, char *err, size_t errlen, const char *text, const char *fmt, ...)
    PRINTF_LIKE(5, 6);

static int fail(int status, char *err, size_t errlen, const char *text, const char *fmt, ...)
{
    if (err == NULL || errlen == 0) return status;
    int used;
    if (is_blank(text)) {
        used = snprintf(err, errlen, "empty value: ");
    } else {
        char quoted[QUOTE_MAX + 4];
        size_t n = 0;
        for (const char *p = text; *p != '\0' && n < QUOTE_MAX; p++) {
            unsigned char c = (unsigned char)*p;
            quoted[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
        }
        if (strlen(text) > QUOTE_MAX) {
            n -= 3;
            memcpy(quoted + n, "...", 3);
            n += 3;
        }
        quoted[n] = '\0';
        used = snprintf(err, errlen, "\"%s\": ", quoted);
    }
    if (used >= 0 && (size_t)used < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + used, errlen - (size_t)used, fmt, ap);
        va_end(ap);
    }
    return status;
}

/* Returns the end of the decimal number at s: [+-] (digits [. digits] | . digits)
 * [(e|E) [+-] digits], or s itself when there is none. An 'e' without digits after it
 * is not part of the number. */
static const char *scan_decimal(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (digits == 0) return s;
    if (*p == 'e' || *p == 'E') {
        const char *e = p + 1;
        if (*e == '+' || *e == '-') e++;
        if (isdigit((unsigned char)*e)) {
            while (isdigit((unsigned char)*e)) e++;
            p = e;
        }
    }
    return p;
}

/* Reads a finite decimal number at s (no leading spaces) into *x and its end into *end.
 * SIM_EINVAL when there is no number, SIM_ERANGE when it overflows a double. A negative
 * zero becomes +0 so that "-0" prints as 0 later. */
static int read_decimal(const char *s, double *x, const char **end)
{
    const char *stop = scan_decimal(s);
    if (stop == s) return SIM_EINVAL;
    char *endp;
    errno = 0;
    double v = strtod(s, &endp);
    if (endp != stop) return SIM_EINVAL;
    if ((errno == ERANGE && fabs(v) > 1.0) || !isfinite(v)) return SIM_ERANGE;
    *x = v + 0.0;
    *end = stop;
    return SIM_OK;
}

/* Seconds in one unit, or 0 for an unknown unit letter. */
static double unit_seconds(char c)
{
    switch (c) {
    case 's': return 1.0;
    case 'm': return 60.0;
    case 'h': return 3600.0;
    case 'd': return 86400.0;
    default: return 0.0;
    }
}

int cc_units_duration(const char *text, double *seconds, char *err, size_t errlen)
{
    if (text == NULL) return fail(SIM_EINVAL, err, errlen, text, "not a duration (" DURATION_HINT ")");
    double v;
    const char *p;
    int st = read_decimal(skip_space(text), &v, &p);
    if (st == SIM_ERANGE) return fail(st, err, errlen, text, "number too large for a duration");
    if (st != SIM_OK) return fail(st, err, errlen, text, "not a duration (" DURATION_HINT ")");
    p = skip_space(p);
    double unit = 1.0;
    if (*p != '\0') {
        unit = unit_seconds(*p);
        p = skip_space(p + 1);
        if (unit == 0.0 || *p != '\0')
            return fail(SIM_EINVAL, err, errlen, text, "not a duration (" DURATION_HINT ")");
    }
    if (v < 0) return fail(SIM_ERANGE, err, errlen, text, "a duration cannot be negative");
    double s = v * unit;
    if (!(s <= CC_UNITS_DURATION_MAX))
        return fail(SIM_ERANGE, err, errlen, text, "too long for a duration (at most %g s, about 31 years)",
                    CC_UNITS_DURATION_MAX);
    *seconds = s;
    return SIM_OK;
}

/* Reads a run of decimal digits at *p (at most 9 are converted, enough for any valid
 * field; more set *count beyond 9 so the caller can refuse them) and advances *p. */
static long read_digits(const char **p, size_t *count)
{
    long v = 0;
    size_t n = 0;
    while (isdigit((unsigned char)**p)) {
        if (n < 9) v = v * 10 + (**p - '0');
        n++;
        (*p)++;
    }
    *count = n;
    return v;
}

int cc_units_clock(const char *text, double *seconds, char *err, size_t errlen)
{
    if (text == NULL) return fail(SIM_EINVAL, err, errlen, text, "not a clock time (" CLOCK_HINT ")");
    const char *p = skip_space(text);
    size_t nh, nm, ns = 2;
    long h = read_digits(&p, &nh);
    long m = 0, s = 0;
    bool ok = nh > 0 && *p == ':';
    if (ok) {
        p++;
        m = read_digits(&p, &nm);
        ok = nm == 2;
    }
    if (ok && *p == ':') {
        p++;
        s = read_digits(&p, &ns);
        ok = ns == 2;
    }
    if (!ok || *skip_space(p) != '\0')
        return fail(SIM_EINVAL, err, errlen, text, "not a clock time (" CLOCK_HINT ")");
    if (nh > 2) return fail(SIM_ERANGE, err, errlen, text, "hours must be 0 to 99");
    if (m > 59) return fail(SIM_ERANGE, err, errlen, text, "minutes must be 00 to 59");
    if (s > 59) return fail(SIM_ERANGE, err, errlen, text, "seconds must be 00 to 59");
    *seconds = (double)(h * 3600 + m * 60 + s);
    return SIM_OK;
}

int cc_units_rate(const char *text, double *per_second, char *err, size_t errlen)
{
    if (text == NULL) return fail(SIM_EINVAL, err, errlen, text, "not a rate (" RATE_HINT ")");
    double v;
    const char *p;
    int st = read_decimal(skip_space(text), &v, &p);
    if (st == SIM_ERANGE) return fail(st, err, errlen, text, "number too large for a rate");
    if (st != SIM_OK) return fail(st, err, errlen, text, "not a rate (" RATE_HINT ")");
    p = skip_space(p);
    if (*p == '\0')
        return fail(SIM_EINVAL, err, errlen, text,
                    "a rate needs a unit (write a count per unit, e.g. 120/h, 2/m or 0.5/s)");
    double unit = 0.0;
    if (*p == '/') {
        p = skip_space(p + 1);
        unit = unit_seconds(*p);
        if (*p != '\0') p = skip_space(p + 1);
    }
    if (unit == 0.0 || *p != '\0')
        return fail(SIM_EINVAL, err, errlen, text, "not a rate (" RATE_HINT ")");
    if (v < 0) return fail(SIM_ERANGE, err, errlen, text, "a rate cannot be negative");
    if (!(v / unit <= CC_UNITS_RATE_MAX))
        return fail(SIM_ERANGE, err, errlen, text, "too high for a rate (at most %g per second)",
                    CC_UNITS_RATE_MAX);
    *per_second = v / unit;
    return SIM_OK;
}

int cc_units_probability(const char *text, double *p, char *err, size_t errlen)
{
    double v;
    const char *end;
    int st = text ? read_decimal(skip_space(text), &v, &end) : SIM_EINVAL;
    if (st == SIM_OK) {
        end = skip_space(end);
        if (*end == '%' && *skip_space(end + 1) == '\0')
            return fail(SIM_EINVAL, err, errlen, text,
                        "write a share as a number between 0 and 1 (e.g. 0.35 for 35%%)");
        if (*end != '\0') st = SIM_EINVAL;
    }
    if (st == SIM_EINVAL)
        return fail(st, err, errlen, text,
                    "not a number (write a probability between 0 and 1, e.g. 0.35)");
    if (st != SIM_OK || v < 0 || v > 1)
        return fail(SIM_ERANGE, err, errlen, text, "a probability must be between 0 and 1");
    *p = v;
    return SIM_OK;
}

int cc_units_number(const char *text, double *x, char *err, size_t errlen)
{
    double v;
    const char *end;
    int st = text ? read_decimal(skip_space(text), &v, &end) : SIM_EINVAL;
    if (st == SIM_OK && *skip_space(end) != '\0') st = SIM_EINVAL;
    if (st == SIM_ERANGE) return fail(st, err, errlen, text, "number too large");
    if (st != SIM_OK) return fail(st, err, errlen, text, "not a number (e.g. 7.76 or 30)");
    *x = v;
    return SIM_OK;
}

int cc_units_count(const char *text, long *n, char *err, size_t errlen)
{
    double v;
    const char *end;
    int st = text ? read_decimal(skip_space(text), &v, &end) : SIM_EINVAL;
    if (st == SIM_OK && *skip_space(end) != '\0') st = SIM_EINVAL;
    if (st == SIM_OK && v != floor(v)) st = SIM_EINVAL;
    if (st == SIM_EINVAL) return fail(st, err, errlen, text, "not a whole number (e.g. 25)");
    if (st != SIM_OK || v > (double)CC_UNITS_COUNT_MAX)
        return fail(SIM_ERANGE, err, errlen, text, "too large (at most %ld)", CC_UNITS_COUNT_MAX);
    if (v < 0) return fail(SIM_ERANGE, err, errlen, text, "a count cannot be negative");
    *n = (long)v;
    return SIM_OK;
}

int cc_units_whole(const char *text, unsigned long long max, unsigned long long *n, char *err,
                   size_t errlen)
{
    const char *p = text ? skip_space(text) : NULL;
    bool negative = p && *p == '-';
    if (p && (*p == '+' || *p == '-')) p++;
    const char *digits = p;
    unsigned long long v = 0;
    bool over = false;
    while (p && isdigit((unsigned char)*p)) {
        unsigned d = (unsigned)(*p++ - '0');
        if (d > max || v > (max - d) / 10) over = true;
        else v = v * 10 + d;
    }
    if (!p || p == digits || *skip_space(p) != '\0')
        return fail(SIM_EINVAL, err, errlen, text, "not a whole number (write digits, e.g. 25)");
    if (negative && (v != 0 || over))
        return fail(SIM_ERANGE, err, errlen, text, "a whole number here cannot be negative");
    if (over) return fail(SIM_ERANGE, err, errlen, text, "too large (at most %llu)", max);
    *n = v;
    return SIM_OK;
}

int cc_units_leading_number(const char *text, double *x, const char **rest, char *err,
                            size_t errlen)
{
    double v;
    const char *end;
    int st = text ? read_decimal(skip_space(text), &v, &end) : SIM_EINVAL;
    if (st == SIM_ERANGE) return fail(st, err, errlen, text, "number too large");
    if (st != SIM_OK) return fail(st, err, errlen, text, "not a number (e.g. 7.76 or 30)");
    *x = v;
    *rest = end;
    return SIM_OK;
}

int cc_units_format_clock(double seconds, char *buf, size_t len)
{
    if (buf != NULL && len > 0) buf[0] = '\0';
    if (buf == NULL || !isfinite(seconds) || seconds < 0) return SIM_EINVAL;
    if (seconds > 1e12) return SIM_ERANGE;
    long long ms = llround(seconds * 1000.0), minutes = ms / 60000, rest = ms % 60000;
    int n;
    if (rest == 0)
        n = snprintf(buf, len, "%02lld:%02lld", minutes / 60, minutes % 60);
    else if (rest % 1000 == 0)
        n = snprintf(buf, len, "%02lld:%02lld:%02lld", minutes / 60, minutes % 60, rest / 1000);
    else
        n = snprintf(buf, len, "%02lld:%02lld:%02lld.%03lld", minutes / 60, minutes % 60,
                     rest / 1000, rest % 1000);
    if (n < 0 || (size_t)n >= len) {
        if (len > 0) buf[0] = '\0';
        return SIM_ERANGE;
    }
    return SIM_OK;
}
