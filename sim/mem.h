/* sim/mem.h: allocation that never returns NULL.
 * Running out of memory is not recoverable in a simulator: these print a message and
 * abort. sim_xmalloc(0) returns a unique pointer that may be freed. */
#ifndef SIM_MEM_H
#define SIM_MEM_H
#include <stddef.h>

void *sim_xmalloc(size_t size);
void *sim_xcalloc(size_t count, size_t size);
void *sim_xrealloc(void *ptr, size_t size);
/* Reallocates an array of count elements of size bytes, failing on overflow. */
void *sim_xreallocarray(void *ptr, size_t count, size_t size);
char *sim_xstrdup(const char *s);
/* The one growable array: returns ptr (an array of *cap elements of size bytes, NULL
 * when *cap is 0) reallocated so that it holds at least `need` elements, doubling from
 * min_cap so that n appends cost O(n); the new elements are zero and *cap is updated.
 * Unchanged when need <= *cap. */
void *sim_xgrow(void *ptr, size_t *cap, size_t need, size_t min_cap, size_t size);

#endif /* SIM_MEM_H */
