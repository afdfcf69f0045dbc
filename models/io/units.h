/* models/io/units.h: scenario text values to numbers in seconds and per-second rates.
 * This is the only place where ccsim reads units (STYLE S12): the scenario loader, the
 * forecast reader and --set overrides all call these, and model code only ever sees
 * seconds and per-second rates. The forms follow the Units table of shared/SCENARIO.md.
 *
 * Every parser takes the text (not modified, not kept), writes the value through its
 * out pointer only on success, and returns
 *   SIM_OK      the text is well formed and in range;
 *   SIM_EINVAL  the text is not of the expected form (empty, "abc", "5x", "nan", "inf",
 *               hexadecimal, trailing garbage, a missing unit), or text is NULL;
 *   SIM_ERANGE  the text is well formed but the value is out of range (negative where
 *               only >= 0 makes sense, a probability above 1, "08:60", a number too
 *               large for a double such as "1e400").
 * On failure a one-line message is written into err (when err is not NULL and errlen >
 * 0; truncated to fit). The message quotes the offending text, says what to write
 * instead, and carries no key path: the caller prefixes that, e.g.
 *   "5x": not a duration (write a number with unit s, m, h or d, e.g. 20s, 6m, 1.5h)
 *
 * Numbers are decimal: an optional sign, digits with an optional decimal point, an
 * optional exponent ("1.5", ".5", "2e3"). Spaces around the whole value are ignored.
 * Hexadecimal, "inf", "nan" and digit separators are refused. The "C" locale is
 * assumed (the decimal point is '.'). Units are lower case. The functions keep no state
 * and are safe to call from several threads. */
#ifndef CC_UNITS_H
#define CC_UNITS_H
#include <stddef.h>

/* A duration: a number with unit s, m, h or d, or a bare number of seconds, with optional
 * spaces between number and unit: "20s", "20 s", "6m", "1.5h", "2d", "90", "0".
 * The result is finite and >= 0. */
int cc_units_duration(const char *text, double *seconds, char *err, size_t errlen);

/* A clock time from the start of the simulated day: "HH:MM" or "HH:MM:SS", hours 0..99
 * written with one or two digits (so "8:00", "24:00" and "26:30" are fine), minutes and
 * seconds 00..59 with exactly two digits. "8:5", "08", "xx:00", "-01:00" are SIM_EINVAL;
 * "08:60" and "100:00" are SIM_ERANGE. */
int cc_units_clock(const char *text, double *seconds, char *err, size_t errlen);

/* A rate: a count per unit s, m, h or d, with optional spaces around '/': "120/h",
 * "2 / m", "0.5/s", "30/d". The result is in events per second, finite and >= 0. A bare
 * number is SIM_EINVAL with a message asking for a unit (e.g. 120/h): guessing per hour
 * or per second would be off by a factor of 3600 without a word. */
int cc_units_rate(const char *text, double *per_second, char *err, size_t errlen);

/* A probability or share: a number in [0, 1] ("0.35"). "35%" is SIM_EINVAL with a
 * message suggesting 0.35. */
int cc_units_probability(const char *text, double *p, char *err, size_t errlen);

/* Any finite number; the caller checks the range it needs. */
int cc_units_number(const char *text, double *x, char *err, size_t errlen);

/* A count: a non-negative whole number such as "25". Any number whose value is whole is
 * accepted, so "25.0" and "1e3" (= 1000) are fine; "2.5" is SIM_EINVAL, "-1" and values
 * above CC_UNITS_COUNT_MAX are SIM_ERANGE. */
#define CC_UNITS_COUNT_MAX 1000000000L

/* The largest duration and rate a scenario may hold: about 31 years, and a million
 * contacts a second. Far past any contact center, and small enough that every sum a
 * replication makes of them (times, costs, counts over a year) stays finite, so no
 * measure is ever Inf or NaN by overflow. */
#define CC_UNITS_DURATION_MAX 1e9
#define CC_UNITS_RATE_MAX 1e6
int cc_units_count(const char *text, long *n, char *err, size_t errlen);

/* A whole number written with digits only: spaces around, an optional '+', then digits
 * ("25", "+25", " 7 "). This is what the command line's whole-number options take
 * (replications, threads, seeds, agents), like the scenario's: "25.0", "2.5e1" and
 * "1e3" are SIM_EINVAL (not a whole number), "-1" and values above max are SIM_ERANGE.
 * max may be as large as UINT64_MAX (a seed). */
int cc_units_whole(const char *text, unsigned long long max, unsigned long long *n, char *err,
                   size_t errlen);

/* A number at the start of text (spaces before it skipped), for values that keep their
 * unit after it: "150/h" gives 150 and *rest "/h", "12" gives 12 and "". The number is
 * read as cc_units_number reads it ("inf", "nan" and hexadecimal are SIM_EINVAL, "1e400"
 * is SIM_ERANGE); what follows is not checked. */
int cc_units_leading_number(const char *text, double *x, const char **rest, char *err,
                            size_t errlen);

/* Writes a time from the start of the first day as "HH:MM" (at least two hour digits;
 * hours go past 23 for longer horizons, e.g. "26:30"); a time that is not a whole minute
 * (intervals of 30s or 90s) as "HH:MM:SS", or "HH:MM:SS.mmm" below the second, so that
 * no two interval starts share a label. The time is first rounded to the millisecond,
 * so an interval start computed as 1799.9999999997 prints as "00:30", not "00:29". Returns SIM_EINVAL when seconds is
 * negative or not finite or buf is NULL, SIM_ERANGE when seconds exceeds 1e12 or the
 * text does not fit in len bytes (buf then holds "" if len > 0). */
int cc_units_format_clock(double seconds, char *buf, size_t len);

#endif /* CC_UNITS_H */
