/* sim/sample.c: a growable array of observations for percentiles.
 *
 * Data structure. x[0 .. n) in an array of capacity cap that doubles when full, and a
 * flag saying whether x is currently sorted.
 *
 * Invariant. n <= cap; sorted is true only if x[0 .. n) is in ascending order. Every
 * add clears the flag; the first quantile after adds sorts once (gsl_sort, O(n log n))
 * and later quantiles are O(1) interpolations by gsl_stats_quantile_from_sorted_data.
 *
 * Workload. One add per contact during a replication (amortised O(1), a realloc only
 * when the array doubles), then a handful of quantiles at collect time. NaN cannot be
 * ordered, so adding one is a bug. */
#include "sim/sample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/check.h"
#include "sim/mem.h"

void sim_sample_init(sim_sample *s)
{
    s->x = NULL;
    s->n = 0;
    s->cap = 0;
    s->sorted = true;
}

void sim_sample_fini(sim_sample *s)
{
    free(s->x);
    sim_sample_init(s);
}

void sim_sample_reset(sim_sample *s)
{
    s->n = 0;
    s->sorted = true;
}

void sim_sample_add(sim_sample *s, double x)
{
    SIM_REQUIRE(!isnan(x));
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        s->x = sim_xreallocarray(s->x, cap, sizeof *s->x);
        s->cap = cap;
    }
    s->x[s->n++] = x;
    s->sorted = false;
}

size_t sim_sample_count(const sim_sample *s)
{
    return s->n;
}

double sim_sample_quantile(sim_sample *s, double p)
{
    SIM_REQUIRE(p >= 0 && p <= 1);
    if (s->n == 0)
        return NAN;
    sim_sample_sort(s);
    return gsl_stats_quantile_from_sorted_data(s->x, 1, s->n, p);
}

void sim_sample_sort(sim_sample *s)
{
    if (!s->sorted && s->n > 1) gsl_sort(s->x, 1, s->n);
    s->sorted = true;
}

static void reserve(sim_sample *s, size_t n)
{
    if (n <= s->cap) return;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) cap *= 2;
    s->x = sim_xreallocarray(s->x, cap, sizeof *s->x);
    s->cap = cap;
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
    for (size_t i = 0; i < k; i++) n += parts[i]->n;
    reserve(into, n);
    into->n = 0;
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

void sim_sample_merge(sim_sample *into, const sim_sample *from)
{
    if (from->n == 0) return;
    if (into->n + from->n > into->cap) {
        size_t cap = into->cap ? into->cap : 64;
        while (cap < into->n + from->n) cap *= 2;
        into->x = sim_xreallocarray(into->x, cap, sizeof *into->x);
        into->cap = cap;
    }
    memcpy(into->x + into->n, from->x, from->n * sizeof *from->x);
    into->n += from->n;
    into->sorted = false;
}
