/* tests/fuzz/fuzz_units.c: the unit parsers of models/io/units.h on any text.
 * Input: SIZE TEXT. TEXT (cut at its first NUL) goes to every parser with an error
 * buffer of SIZE % 5 -> 0 (NULL), 1, 2, 17 or 512 bytes. The contract of units.h is
 * checked: the status is one of the three documented, the value is written only on
 * success and lies in the documented range, a failure writes a NUL-terminated message
 * that fits, and a parsed clock time prints back (cc_units_format_clock) as the same
 * time. The first 8 bytes, as a double, also go to cc_units_format_clock. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "models/io/units.h"
#include "sim/status.h"
#include "tests/fuzz/fuzz.h"

#define SENTINEL -12345.0

static void check_status(int st, const char *err, size_t errlen)
{
    CCFUZZ_CHECK(st == SIM_OK || st == SIM_EINVAL || st == SIM_ERANGE);
    if (st != SIM_OK && err && errlen > 0) {
        CCFUZZ_CHECK(memchr(err, '\0', errlen) != NULL);
        CCFUZZ_CHECK(errlen < 2 || err[0] != '\0');
    }
}

typedef int unit_fn(const char *text, double *out, char *err, size_t errlen);

/* Runs fn and returns its status; *out is SENTINEL unless it succeeded. */
static int run(unit_fn *fn, const char *text, double *out, char *err, size_t errlen)
{
    *out = SENTINEL;
    if (err && errlen) memset(err, 'x', errlen);
    int st = fn(text, out, err, errlen);
    check_status(st, err, errlen);
    if (st != SIM_OK) CCFUZZ_CHECK(*out == SENTINEL);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const size_t sizes[] = {0, 1, 2, 17, 512};
    size_t errlen = sizes[data[0] % 5];
    char *err = errlen ? malloc(errlen) : NULL;
    char *text = ccfuzz_strndup(data + 1, size - 1);
    double v;

    if (run(cc_units_duration, text, &v, err, errlen) == SIM_OK) CCFUZZ_CHECK(isfinite(v) && v >= 0);
    if (run(cc_units_rate, text, &v, err, errlen) == SIM_OK) CCFUZZ_CHECK(isfinite(v) && v >= 0);
    if (run(cc_units_probability, text, &v, err, errlen) == SIM_OK) CCFUZZ_CHECK(v >= 0 && v <= 1);
    if (run(cc_units_number, text, &v, err, errlen) == SIM_OK) CCFUZZ_CHECK(isfinite(v));
    if (run(cc_units_clock, text, &v, err, errlen) == SIM_OK) {
        CCFUZZ_CHECK(v >= 0 && v < 100 * 3600 && v == floor(v));
        char buf[16];
        CCFUZZ_CHECK(cc_units_format_clock(v, buf, sizeof buf) == SIM_OK);
        double back = SENTINEL;
        CCFUZZ_CHECK(cc_units_clock(buf, &back, NULL, 0) == SIM_OK);
        CCFUZZ_CHECK(back == v);
    }
    long n = -7;
    if (err && errlen) memset(err, 'x', errlen);
    int st = cc_units_count(text, &n, err, errlen);
    check_status(st, err, errlen);
    if (st == SIM_OK) CCFUZZ_CHECK(n >= 0 && n <= CC_UNITS_COUNT_MAX);
    else CCFUZZ_CHECK(n == -7);

    if (size >= 9) {
        double x;
        memcpy(&x, data + 1, sizeof x);
        char buf[32];
        size_t len = 1 + data[0] % sizeof buf;
        st = cc_units_format_clock(x, buf, len);
        CCFUZZ_CHECK(st == SIM_OK || st == SIM_EINVAL || st == SIM_ERANGE);
        CCFUZZ_CHECK(memchr(buf, '\0', len) != NULL);
        if (st == SIM_OK) CCFUZZ_CHECK(isfinite(x) && x >= 0 && strlen(buf) >= 5);
        else CCFUZZ_CHECK(buf[0] == '\0');
    }
    free(text);
    free(err);
    return 0;
}
