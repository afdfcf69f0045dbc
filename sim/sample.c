/* sim/sample.c: observations for percentiles, exact while few, binned when many.
 *
 * Data structure. Exact mode: x[0 .. n) in an array that doubles when full, and a flag
 * saying whether it is sorted. Histogram mode: a count of exact zeros, and counts of
 * log-linear buckets: a positive value v = m 2^e (m in [0.5, 1), frexp) falls in bucket
 * (e - EMIN) * SUB + floor((2m - 1) SUB), clamped to the range; the counts cover the
 * window of buckets [lo, lo + nbin) seen so far, which grows as needed.
 *
 * Invariant. Exact mode: n <= cap <= SIM_SAMPLE_EXACT_MAX; sorted only if x is in
 * order. Histogram mode: zeros + the sum of bin[] = n. A sample turns binned when an
 * add would exceed the cap, and never back (until reset).
 *
 * Workload. One add per contact, a few quantiles at the end. A day of a few thousand
 * contacts per interval and channel stays exact and matches GSL to the last digit; a
 * million waits cost a few kilobytes of buckets and no sort. In histogram mode the
 * p-quantile follows GSL's definition (rank h = p (n - 1), interpolated between the
 * order statistics floor(h) and floor(h) + 1), with each order statistic placed
 * evenly inside its bucket: off by at most one bucket width, 0.4% relative. */
#include "sim/sample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/check.h"
#include "sim/mem.h"

enum { EMIN = -10, EMAX = 25, SUB = SIM_SAMPLE_SUBBUCKETS };
#define NBUCKETS ((long)(EMAX - EMIN) * SUB)

void sim_sample_init(sim_sample *s)
{
    memset(s, 0, sizeof *s);
    s->sorted = true;
}

void sim_sample_fini(sim_sample *s)
{
    free(s->x);
    free(s->bin);
    sim_sample_init(s);
}

void sim_sample_reset(sim_sample *s)
{
    s->n = 0;
    s->sorted = true;
    s->binned = false;
    s->zeros = 0;
    if (s->bin) memset(s->bin, 0, s->nbin * sizeof *s->bin);
}

static long bucket_of(double v)
{
    int e;
    double m = frexp(v, &e);
    if (e <= EMIN) return 0;
    if (e > EMAX) return NBUCKETS - 1;
    long sub = (long)((2 * m - 1) * SUB);
    if (sub >= SUB) sub = SUB - 1;
    return (long)(e - 1 - EMIN) * SUB + sub;
}

/* The bucket's lower and upper bounds. */
static void bucket_range(long b, double *lo, double *hi)
{
    int e = (int)(b / SUB) + EMIN + 1;
    long sub = b % SUB;
    *lo = ldexp(0.5 * (1 + (double)sub / SUB), e);
    *hi = ldexp(0.5 * (1 + (double)(sub + 1) / SUB), e);
}

static void bin_add(sim_sample *s, double v, uint64_t count)
{
    if (v == 0) {
        s->zeros += count;
        return;
    }
    long b = bucket_of(v);
    if (s->nbin == 0 || b < s->lo || b >= s->lo + (long)s->nbin) {
        /* Grow the window to cover b, with room on both sides. */
        long lo = s->nbin ? (b < s->lo ? b : s->lo) : b;
        long hi = s->nbin ? (b >= s->lo + (long)s->nbin ? b + 1 : s->lo + (long)s->nbin) : b + 1;
        lo = lo - SUB > 0 ? lo - SUB : 0;
        hi = hi + SUB < NBUCKETS ? hi + SUB : NBUCKETS;
        uint64_t *bin = sim_xcalloc((size_t)(hi - lo), sizeof *bin);
        if (s->nbin) memcpy(bin + (s->lo - lo), s->bin, s->nbin * sizeof *bin);
        free(s->bin);
        s->bin = bin;
        s->lo = lo;
        s->nbin = (size_t)(hi - lo);
    }
    s->bin[b - s->lo] += count;
}

/* Turns an exact sample into a histogram. */
static void to_bins(sim_sample *s)
{
    if (s->binned) return;
    s->binned = true;
    s->zeros = 0;
    if (s->bin) memset(s->bin, 0, s->nbin * sizeof *s->bin);
    for (size_t i = 0; i < s->n; i++) bin_add(s, s->x[i], 1);
}

void sim_sample_add(sim_sample *s, double x)
{
    SIM_REQUIRE(x >= 0);  /* also refuses NaN */
    if (!s->binned && s->n == SIM_SAMPLE_EXACT_MAX) to_bins(s);
    if (s->binned) {
        bin_add(s, x, 1);
        s->n++;
        return;
    }
    if (s->n == s->cap) {
        s->x = sim_xgrow(s->x, &s->cap, s->n + 1, 64, sizeof *s->x);
    }
    s->x[s->n++] = x;
    s->sorted = false;
}

size_t sim_sample_count(const sim_sample *s)
{
    return s->n;
}

bool sim_sample_is_exact(const sim_sample *s)
{
    return !s->binned;
}

void sim_sample_sort(sim_sample *s)
{
    if (!s->binned && !s->sorted && s->n > 1) gsl_sort(s->x, 1, s->n);
    s->sorted = true;
}

void sim_sample_merge(sim_sample *into, const sim_sample *from)
{
    if (from->n == 0) return;
    if (!into->binned && !from->binned && into->n + from->n <= SIM_SAMPLE_EXACT_MAX) {
        for (size_t i = 0; i < from->n; i++) sim_sample_add(into, from->x[i]);
        return;
    }
    to_bins(into);
    if (from->binned) {
        into->zeros += from->zeros;
        for (size_t i = 0; i < from->nbin; i++) {
            if (!from->bin[i]) continue;
            double lo, hi;
            bucket_range(from->lo + (long)i, &lo, &hi);
            bin_add(into, lo, from->bin[i]);
        }
    } else {
        for (size_t i = 0; i < from->n; i++) bin_add(into, from->x[i], 1);
    }
    into->n += from->n;
}

/* Merges the sorted runs src[a..b) and src[b..c) into dst[a..c). */
static void merge_runs(double *dst, const double *src, size_t a, size_t b, size_t c)
{
    size_t i = a, j = b, k = a;
    while (i < b && j < c) dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
    while (i < b) dst[k++] = src[i++];
    while (j < c) dst[k++] = src[j++];
}

void sim_sample_union(sim_sample *into, sim_sample *const *parts, size_t k)
{
    size_t n = 0, runs = 0;
    bool exact = true;
    for (size_t i = 0; i < k; i++) {
        n += parts[i]->n;
        exact = exact && !parts[i]->binned;
    }
    sim_sample_reset(into);
    if (!exact || n > SIM_SAMPLE_EXACT_MAX) {
        for (size_t i = 0; i < k; i++) sim_sample_merge(into, parts[i]);
        return;
    }
    if (n > into->cap) {
        into->x = sim_xreallocarray(into->x, n, sizeof *into->x);
        into->cap = n;
    }
    size_t *bound = sim_xmalloc((k + 1) * sizeof *bound);
    for (size_t i = 0; i < k; i++) {
        if (parts[i]->n == 0) continue;
        sim_sample_sort(parts[i]);
        bound[runs++] = into->n;
        memcpy(into->x + into->n, parts[i]->x, parts[i]->n * sizeof *into->x);
        into->n += parts[i]->n;
    }
    bound[runs] = n;
    /* Bottom-up: merge neighbouring runs until one is left, ping-ponging between the
     * sample's array and a scratch array. */
    double *src = into->x, *dst = runs > 1 ? sim_xmalloc(n * sizeof *dst) : NULL, *scratch = dst;
    while (runs > 1) {
        size_t out = 0;
        for (size_t r = 0; r < runs; r += 2) {
            if (r + 1 < runs) merge_runs(dst, src, bound[r], bound[r + 1], bound[r + 2]);
            else memcpy(dst + bound[r], src + bound[r], (bound[r + 1] - bound[r]) * sizeof *dst);
            bound[out++] = bound[r];
        }
        bound[out] = n;
        runs = out;
        double *t = src;
        src = dst;
        dst = t;
    }
    if (src != into->x) memcpy(into->x, src, n * sizeof *src);
    free(scratch);
    free(bound);
    into->sorted = true;
}

/* The value of order statistic r (0-based) of a binned sample. */
static double binned_order_stat(const sim_sample *s, uint64_t r)
{
    if (r < s->zeros) return 0;
    r -= s->zeros;
    for (size_t i = 0; i < s->nbin; i++) {
        if (r < s->bin[i]) {
            double lo, hi;
            bucket_range(s->lo + (long)i, &lo, &hi);
            return lo + ((double)r + 0.5) / (double)s->bin[i] * (hi - lo);
        }
        r -= s->bin[i];
    }
    double lo, hi;
    bucket_range(s->lo + (long)s->nbin - 1, &lo, &hi);
    return hi;
}

double sim_sample_quantile(sim_sample *s, double p)
{
    SIM_REQUIRE(p >= 0 && p <= 1);
    if (s->n == 0) return NAN;
    if (!s->binned) {
        sim_sample_sort(s);
        return gsl_stats_quantile_from_sorted_data(s->x, 1, s->n, p);
    }
    double h = p * (double)(s->n - 1);
    uint64_t r = (uint64_t)floor(h);
    double frac = h - (double)r, a = binned_order_stat(s, r);
    return r + 1 < s->n && frac > 0 ? a + frac * (binned_order_stat(s, r + 1) - a) : a;
}
