/* sim/mem.c: allocation wrappers that abort instead of returning NULL.
 * A simulator that runs out of memory has no sensible way to continue, and checking
 * every allocation at every call site buries the logic (Redis zmalloc does the same).
 * Zero sizes are bumped to one byte so that the C library's implementation-defined
 * behaviour for malloc(0) and realloc(p, 0) never reaches the caller: every successful
 * call returns a unique pointer that may be passed to free(). */
#include "sim/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void sim_mem_oom(size_t size)
{
    fprintf(stderr, "ccsim: out of memory (allocating %zu bytes)\n", size);
    fflush(stderr);
    abort();
}

void *sim_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        sim_mem_oom(size);
    return p;
}

void *sim_xcalloc(size_t count, size_t size)
{
    if (count == 0 || size == 0)
        count = size = 1;
    void *p = calloc(count, size);
    if (!p)
        sim_mem_oom(count > SIZE_MAX / size ? SIZE_MAX : count * size);
    return p;
}

void *sim_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        sim_mem_oom(size);
    return p;
}

void *sim_xreallocarray(void *ptr, size_t count, size_t size)
{
    /* An overflowing product would silently allocate a short array, which is worse
     * than running out of memory, so it is treated as exactly that. */
    if (size != 0 && count > SIZE_MAX / size)
        sim_mem_oom(SIZE_MAX);
    return sim_xrealloc(ptr, count * size);
}

void *sim_xgrow(void *ptr, size_t *cap, size_t need, size_t min_cap, size_t size)
{
    if (need <= *cap)
        return ptr;
    size_t n = *cap ? *cap : (min_cap ? min_cap : 1);
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : 2 * n;
    ptr = sim_xreallocarray(ptr, n, size);
    memset((char *)ptr + *cap * size, 0, (n - *cap) * size);
    *cap = n;
    return ptr;
}

char *sim_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = sim_xmalloc(n);
    memcpy(p, s, n);
    return p;
}
