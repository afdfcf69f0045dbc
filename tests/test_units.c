/* tests/test_units.c: known answers for models/io/units.c.
 * Every accepted form is checked for its exact value, every refused form for its status
 * code, and a few messages word for word, because managers read them. The tests are
 * table driven: one row per input, so a new form is one line. Deterministic, no seed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "models/io/units.h"
#include "sim/status.h"

typedef int parse_fn(const char *text, double *out, char *err, size_t errlen);

typedef struct good_case {
    const char *text;
    double value;
} good_case;

typedef struct bad_case {
    const char *text;
    int status;
} bad_case;

/* Sentinel written before each call: a failed parse must leave the output alone. */
#define UNTOUCHED (-12345.0)

static void check_good(parse_fn *fn, const char *name, const good_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = UNTOUCHED;
        char err[256] = "";
        int st = fn(c[i].text, &v, err, sizeof err);
        if (st != SIM_OK || !(v == c[i].value) || (v == 0 && signbit(v))) {
            print_error("%s(\"%s\") -> status %d, value %.17g, expected SIM_OK, %.17g (%s)\n",
                        name, c[i].text, st, v, c[i].value, err);
            fail();
        }
    }
}

static void check_bad(parse_fn *fn, const char *name, const bad_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = UNTOUCHED;
        char err[256] = "";
        int st = fn(c[i].text, &v, err, sizeof err);
        if (st != c[i].status || v != UNTOUCHED || err[0] == '\0') {
            print_error("%s(\"%s\") -> status %d, value %.17g, message \"%s\"; expected "
                        "status %d, output untouched, a message\n",
                        name, c[i].text ? c[i].text : "(null)", st, v, err, c[i].status);
            fail();
        }
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void expect_message(parse_fn *fn, const char *text, int status, const char *message)
{
    double v;
    char err[256];
    assert_int_equal(fn(text, &v, err, sizeof err), status);
    assert_string_equal(err, message);
}

/* ---- durations ---------------------------------------------------------------------- */

static void test_duration_accepts(void **state)
{
    (void)state;
    static const good_case c[] = {
        {"20s", 20},         {"20 s", 20},       {"20\ts", 20},     {" 20s ", 20},
        {"6m", 360},         {"1.5h", 5400},     {"90", 90},        {"2d", 172800},
        {"0", 0},            {"0s", 0},          {"-0", 0},         {"+5s", 5},
        {".5m", 30},         {"5.m", 300},       {"1e3", 1000},     {"2.5e-1s", 0.25},
        {"1E2 m", 6000},     {"0.1s", 0.1},      {"1e-400", 0},     {"3600", 3600},
        {"12h", 43200},      {"0.25d", 21600},
    };
    check_good(cc_units_duration, "duration", c, N(c));
}

static void test_duration_refuses(void **state)
{
    (void)state;
    static const bad_case c[] = {
        {NULL, SIM_EINVAL},     {"", SIM_EINVAL},       {"   ", SIM_EINVAL},
        {"abc", SIM_EINVAL},    {"5x", SIM_EINVAL},     {"nan", SIM_EINVAL},
        {"inf", SIM_EINVAL},    {"infinity", SIM_EINVAL}, {"-inf", SIM_EINVAL},
        {"20ss", SIM_EINVAL},   {"20s x", SIM_EINVAL},  {"20s5", SIM_EINVAL},
        {"0x10", SIM_EINVAL},   {"0x1p3", SIM_EINVAL},  {"s", SIM_EINVAL},
        {"1e", SIM_EINVAL},     {"5 m m", SIM_EINVAL},  {"20S", SIM_EINVAL},
        {"1,5h", SIM_EINVAL},   {"--3s", SIM_EINVAL},   {"- 3s", SIM_EINVAL},
        {"20/s", SIM_EINVAL},   {"6min", SIM_EINVAL},   {".", SIM_EINVAL},
        {"e5", SIM_EINVAL},     {"1h30m", SIM_EINVAL},  {"08:00", SIM_EINVAL},
        {"-3s", SIM_ERANGE},    {"-0.1", SIM_ERANGE},   {"1e400", SIM_ERANGE},
        {"1e400s", SIM_ERANGE}, {"1e305d", SIM_ERANGE}, {"-1e400", SIM_ERANGE},
    };
    check_bad(cc_units_duration, "duration", c, N(c));
}

static void test_duration_messages(void **state)
{
    (void)state;
    expect_message(cc_units_duration, "5x", SIM_EINVAL,
                   "\"5x\": not a duration (write a number with unit s, m, h or d, "
                   "e.g. 20s, 6m, 1.5h)");
    expect_message(cc_units_duration, "-3s", SIM_ERANGE, "\"-3s\": a duration cannot be negative");
    expect_message(cc_units_duration, "1e400", SIM_ERANGE,
                   "\"1e400\": number too large for a duration");
    expect_message(cc_units_duration, "", SIM_EINVAL,
                   "empty value: not a duration (write a number with unit s, m, h or d, "
                   "e.g. 20s, 6m, 1.5h)");
    /* Long text is cut to 40 characters; control characters are shown as '?'. */
    expect_message(cc_units_duration, "1234567890123456789012345678901234567890123456789x",
                   SIM_EINVAL,
                   "\"1234567890123456789012345678901234567...\": not a duration (write a "
                   "number with unit s, m, h or d, e.g. 20s, 6m, 1.5h)");
    expect_message(cc_units_duration, "5\x01x", SIM_EINVAL,
                   "\"5?x\": not a duration (write a number with unit s, m, h or d, "
                   "e.g. 20s, 6m, 1.5h)");
}

static void test_message_buffer(void **state)
{
    (void)state;
    double v;
    /* No buffer at all, and a buffer too small for the message: status still right. */
    assert_int_equal(cc_units_duration("5x", &v, NULL, 0), SIM_EINVAL);
    char err[8] = "zzzzzzz";
    assert_int_equal(cc_units_duration("5x", &v, err, 1), SIM_EINVAL);
    assert_string_equal(err, "");
    assert_int_equal(cc_units_duration("5x", &v, err, sizeof err), SIM_EINVAL);
    assert_string_equal(err, "\"5x\": n");
    /* Success leaves the message buffer alone. */
    char ok[16] = "previous";
    assert_int_equal(cc_units_duration("5s", &v, ok, sizeof ok), SIM_OK);
    assert_string_equal(ok, "previous");
}

/* ---- clock times -------------------------------------------------------------------- */

static void test_clock_accepts(void **state)
{
    (void)state;
    static const good_case c[] = {
        {"08:00", 28800},    {"8:00", 28800},      {"00:00", 0},      {"0:00", 0},
        {"20:30", 73800},    {"24:00", 86400},     {"26:30", 95400},  {"99:59", 359940},
        {"08:00:30", 28830}, {"99:59:59", 359999}, {" 08:00 ", 28800}, {"23:59:00", 86340},
    };
    check_good(cc_units_clock, "clock", c, N(c));
}

static void test_clock_refuses(void **state)
{
    (void)state;
    static const bad_case c[] = {
        {NULL, SIM_EINVAL},      {"", SIM_EINVAL},         {"8:5", SIM_EINVAL},
        {"xx:00", SIM_EINVAL},   {"08", SIM_EINVAL},       {"-01:00", SIM_EINVAL},
        {"08:", SIM_EINVAL},     {"08:00:", SIM_EINVAL},   {"08:000", SIM_EINVAL},
        {"08:00:5", SIM_EINVAL}, {"08-00", SIM_EINVAL},    {"08:00 am", SIM_EINVAL},
        {"08 :00", SIM_EINVAL},  {"08:0a", SIM_EINVAL},    {"+08:00", SIM_EINVAL},
        {":30", SIM_EINVAL},     {"08:00:00:00", SIM_EINVAL}, {"8h", SIM_EINVAL},
        {"08.00", SIM_EINVAL},   {"08:60", SIM_ERANGE},    {"08:99", SIM_ERANGE},
        {"08:00:60", SIM_ERANGE}, {"100:00", SIM_ERANGE},
        {"1234567890123:00", SIM_ERANGE},
    };
    check_bad(cc_units_clock, "clock", c, N(c));
}

static void test_clock_messages(void **state)
{
    (void)state;
    expect_message(cc_units_clock, "8:5", SIM_EINVAL,
                   "\"8:5\": not a clock time (write HH:MM or HH:MM:SS, e.g. 08:00 or 20:30)");
    expect_message(cc_units_clock, "08:60", SIM_ERANGE, "\"08:60\": minutes must be 00 to 59");
    expect_message(cc_units_clock, "100:00", SIM_ERANGE, "\"100:00\": hours must be 0 to 99");
}

/* ---- rates -------------------------------------------------------------------------- */

static void test_rate_accepts(void **state)
{
    (void)state;
    static const good_case c[] = {
        {"120/h", 120.0 / 3600}, {"2/m", 2.0 / 60},   {"0.5/s", 0.5},
        {"30/d", 30.0 / 86400},  {"2 / m", 2.0 / 60}, {" 120/h ", 120.0 / 3600},
        {"0/h", 0},              {"1e3/d", 1000.0 / 86400}, {"120 /h", 120.0 / 3600},
        {"120/ h", 120.0 / 3600},
    };
    check_good(cc_units_rate, "rate", c, N(c));
}

static void test_rate_refuses(void **state)
{
    (void)state;
    static const bad_case c[] = {
        {NULL, SIM_EINVAL},    {"", SIM_EINVAL},       {"120", SIM_EINVAL},
        {"120/", SIM_EINVAL},  {"120/x", SIM_EINVAL},  {"/h", SIM_EINVAL},
        {"abc/h", SIM_EINVAL}, {"120/hh", SIM_EINVAL}, {"120 h", SIM_EINVAL},
        {"120h", SIM_EINVAL},  {"120/h/h", SIM_EINVAL}, {"nan/h", SIM_EINVAL},
        {"inf/s", SIM_EINVAL}, {"120/H", SIM_EINVAL},  {"120/hour", SIM_EINVAL},
        {"1/30m", SIM_EINVAL}, {"-5/h", SIM_ERANGE},   {"1e400/h", SIM_ERANGE},
    };
    check_bad(cc_units_rate, "rate", c, N(c));
}

static void test_rate_messages(void **state)
{
    (void)state;
    expect_message(cc_units_rate, "120", SIM_EINVAL,
                   "\"120\": a rate needs a unit (write a count per unit, e.g. 120/h, 2/m "
                   "or 0.5/s)");
    expect_message(cc_units_rate, "120/x", SIM_EINVAL,
                   "\"120/x\": not a rate (write a count per unit s, m, h or d, e.g. 120/h, "
                   "2/m, 0.5/s)");
    expect_message(cc_units_rate, "-5/h", SIM_ERANGE, "\"-5/h\": a rate cannot be negative");
}

/* ---- probabilities and plain numbers ------------------------------------------------ */

static void test_probability(void **state)
{
    (void)state;
    static const good_case good[] = {
        {"0", 0}, {"1", 1}, {"0.35", 0.35}, {"1.0", 1}, {"0e0", 0}, {" .8 ", 0.8}, {"-0", 0},
    };
    check_good(cc_units_probability, "probability", good, N(good));
    static const bad_case bad[] = {
        {NULL, SIM_EINVAL},  {"", SIM_EINVAL},     {"35%", SIM_EINVAL}, {"abc", SIM_EINVAL},
        {"0.5x", SIM_EINVAL}, {"nan", SIM_EINVAL}, {"1.01", SIM_ERANGE}, {"-0.1", SIM_ERANGE},
        {"1e400", SIM_ERANGE}, {"35", SIM_ERANGE},
    };
    check_bad(cc_units_probability, "probability", bad, N(bad));
    expect_message(cc_units_probability, "35%", SIM_EINVAL,
                   "\"35%\": write a share as a number between 0 and 1 (e.g. 0.35 for 35%)");
    expect_message(cc_units_probability, "1.5", SIM_ERANGE,
                   "\"1.5\": a probability must be between 0 and 1");
}

static void test_number(void **state)
{
    (void)state;
    static const good_case good[] = {
        {"7.76", 7.76}, {"-3", -3}, {"1e3", 1000}, {"-0", 0}, {" 42 ", 42}, {"+.5", 0.5},
        {"1.7976931348623157e308", 1.7976931348623157e308},
    };
    check_good(cc_units_number, "number", good, N(good));
    static const bad_case bad[] = {
        {NULL, SIM_EINVAL},        {"", SIM_EINVAL},     {"abc", SIM_EINVAL},
        {"nan", SIM_EINVAL},       {"inf", SIM_EINVAL},  {"7.76 USD", SIM_EINVAL},
        {"0x1p3", SIM_EINVAL},     {"1 2", SIM_EINVAL},  {"1e400", SIM_ERANGE},
        {"-1e400", SIM_ERANGE},    {"1.8e308", SIM_ERANGE},
    };
    check_bad(cc_units_number, "number", bad, N(bad));
    expect_message(cc_units_number, "abc", SIM_EINVAL, "\"abc\": not a number (e.g. 7.76 or 30)");
}

/* ---- counts ------------------------------------------------------------------------- */

static void test_count(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long value;
    } good[] = {
        {"25", 25}, {"0", 0}, {"25.0", 25}, {"1e3", 1000}, {" 7 ", 7}, {"1000000000", 1000000000},
        {"-0", 0},
    };
    for (size_t i = 0; i < N(good); i++) {
        long n = -1;
        char err[128] = "";
        int st = cc_units_count(good[i].text, &n, err, sizeof err);
        if (st != SIM_OK || n != good[i].value) {
            print_error("count(\"%s\") -> %d, %ld (%s)\n", good[i].text, st, n, err);
            fail();
        }
    }
    static const bad_case bad[] = {
        {NULL, SIM_EINVAL},     {"", SIM_EINVAL},          {"2.5", SIM_EINVAL},
        {"abc", SIM_EINVAL},    {"25 agents", SIM_EINVAL}, {"nan", SIM_EINVAL},
        {"1e-3", SIM_EINVAL},   {"-1", SIM_ERANGE},        {"1000000001", SIM_ERANGE},
        {"1e10", SIM_ERANGE},   {"1e400", SIM_ERANGE},
    };
    for (size_t i = 0; i < N(bad); i++) {
        long n = -1;
        char err[128] = "";
        int st = cc_units_count(bad[i].text, &n, err, sizeof err);
        if (st != bad[i].status || n != -1 || err[0] == '\0') {
            print_error("count(\"%s\") -> %d, %ld (%s), expected %d\n",
                        bad[i].text ? bad[i].text : "(null)", st, n, err, bad[i].status);
            fail();
        }
    }
    long n;
    char err[128];
    assert_int_equal(cc_units_count("2.5", &n, err, sizeof err), SIM_EINVAL);
    assert_string_equal(err, "\"2.5\": not a whole number (e.g. 25)");
    assert_int_equal(cc_units_count("-1", &n, err, sizeof err), SIM_ERANGE);
    assert_string_equal(err, "\"-1\": a count cannot be negative");
    assert_int_equal(cc_units_count("2e9", &n, err, sizeof err), SIM_ERANGE);
    assert_string_equal(err, "\"2e9\": too large (at most 1000000000)");
}

/* ---- whole numbers (the command line's) ------------------------------------------------ */

static void test_whole(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned long long max, value;
    } good[] = {
        {"25", 100, 25}, {"0", 100, 0}, {"+7", 100, 7}, {" 7 ", 100, 7}, {"100", 100, 100},
        {"-0", 100, 0},  {"18446744073709551615", 18446744073709551615ULL, 18446744073709551615ULL},
    };
    for (size_t i = 0; i < N(good); i++) {
        unsigned long long n = 1234;
        char err[128] = "";
        int st = cc_units_whole(good[i].text, good[i].max, &n, err, sizeof err);
        if (st != SIM_OK || n != good[i].value) {
            print_error("whole(\"%s\") -> %d, %llu (%s)\n", good[i].text, st, n, err);
            fail();
        }
    }
    static const struct {
        const char *text;
        unsigned long long max;
        int status;
    } bad[] = {
        {NULL, 100, SIM_EINVAL},   {"", 100, SIM_EINVAL},     {"26.0", 100, SIM_EINVAL},
        {"1e1", 100, SIM_EINVAL},  {"2.5", 100, SIM_EINVAL},  {"x", 100, SIM_EINVAL},
        {"5 x", 100, SIM_EINVAL},  {"+", 100, SIM_EINVAL},    {"0x10", 100, SIM_EINVAL},
        {"-1", 100, SIM_ERANGE},   {"101", 100, SIM_ERANGE},  {"7", 5, SIM_ERANGE},
        {"18446744073709551616", 18446744073709551615ULL, SIM_ERANGE},
    };
    for (size_t i = 0; i < N(bad); i++) {
        unsigned long long n = 1234;
        char err[128] = "";
        int st = cc_units_whole(bad[i].text, bad[i].max, &n, err, sizeof err);
        if (st != bad[i].status || n != 1234 || err[0] == '\0') {
            print_error("whole(\"%s\") -> %d, %llu (%s), expected %d\n",
                        bad[i].text ? bad[i].text : "(null)", st, n, err, bad[i].status);
            fail();
        }
    }
    unsigned long long n;
    char err[128];
    assert_int_equal(cc_units_whole("26.0", 100, &n, err, sizeof err), SIM_EINVAL);
    assert_string_equal(err, "\"26.0\": not a whole number (write digits, e.g. 25)");
    assert_int_equal(cc_units_whole("101", 100, &n, err, sizeof err), SIM_ERANGE);
    assert_string_equal(err, "\"101\": too large (at most 100)");
}

static void test_leading_number(void **state)
{
    (void)state;
    double x = 0;
    const char *rest = NULL;
    assert_int_equal(cc_units_leading_number("150/h", &x, &rest, NULL, 0), SIM_OK);
    assert_true(x == 150);
    assert_string_equal(rest, "/h");
    assert_int_equal(cc_units_leading_number(" 2.5e1", &x, &rest, NULL, 0), SIM_OK);
    assert_true(x == 25);
    assert_string_equal(rest, "");
    assert_int_equal(cc_units_leading_number("inf", &x, &rest, NULL, 0), SIM_EINVAL);
    assert_int_equal(cc_units_leading_number("/h", &x, &rest, NULL, 0), SIM_EINVAL);
    assert_int_equal(cc_units_leading_number("1e400s", &x, &rest, NULL, 0), SIM_ERANGE);
}

/* ---- formatting clock times --------------------------------------------------------- */

static void test_format_clock(void **state)
{
    (void)state;
    static const struct {
        double seconds;
        const char *text;
    } c[] = {
        {0, "00:00"},           {28800, "08:00"},       {95400, "26:30"},
        {59.9, "00:00:59.900"}, {60, "00:01"},          {1799.4, "00:29:59.400"},
        {1799.9999999997, "00:30"}, {86399, "23:59:59"}, {86400, "24:00"},
        {360000, "100:00"},     {73800 + 59.5, "20:30:59.500"}, {30, "00:00:30"},
        {0.0004, "00:00"},      {90, "00:01:30"},
    };
    for (size_t i = 0; i < N(c); i++) {
        char buf[16] = "junk";
        int st = cc_units_format_clock(c[i].seconds, buf, sizeof buf);
        if (st != SIM_OK || strcmp(buf, c[i].text) != 0) {
            print_error("format_clock(%.17g) -> %d \"%s\", expected \"%s\"\n", c[i].seconds, st,
                        buf, c[i].text);
            fail();
        }
    }
    /* Round trip with the parser for every minute of three days. */
    for (int m = 0; m < 3 * 24 * 60; m++) {
        char buf[16];
        double back;
        assert_int_equal(cc_units_format_clock(m * 60.0, buf, sizeof buf), SIM_OK);
        assert_int_equal(cc_units_clock(buf, &back, NULL, 0), SIM_OK);
        assert_true(back == m * 60.0);
    }
    char buf[6];
    assert_int_equal(cc_units_format_clock(28800, buf, sizeof buf), SIM_OK); /* exactly fits */
    assert_string_equal(buf, "08:00");
    char small[5] = "junk";
    assert_int_equal(cc_units_format_clock(28800, small, sizeof small), SIM_ERANGE);
    assert_string_equal(small, "");
    assert_int_equal(cc_units_format_clock(-1, buf, sizeof buf), SIM_EINVAL);
    assert_int_equal(cc_units_format_clock(NAN, buf, sizeof buf), SIM_EINVAL);
    assert_int_equal(cc_units_format_clock(INFINITY, buf, sizeof buf), SIM_EINVAL);
    assert_int_equal(cc_units_format_clock(1e13, buf, sizeof buf), SIM_ERANGE);
    assert_int_equal(cc_units_format_clock(0, NULL, 0), SIM_EINVAL);
    assert_int_equal(cc_units_format_clock(0, buf, 0), SIM_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_accepts), cmocka_unit_test(test_duration_refuses),
        cmocka_unit_test(test_duration_messages), cmocka_unit_test(test_message_buffer),
        cmocka_unit_test(test_clock_accepts),    cmocka_unit_test(test_clock_refuses),
        cmocka_unit_test(test_clock_messages),   cmocka_unit_test(test_rate_accepts),
        cmocka_unit_test(test_rate_refuses),     cmocka_unit_test(test_rate_messages),
        cmocka_unit_test(test_probability),      cmocka_unit_test(test_number),
        cmocka_unit_test(test_count),            cmocka_unit_test(test_whole),
        cmocka_unit_test(test_leading_number),   cmocka_unit_test(test_format_clock),
    };
    return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
