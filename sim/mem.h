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

#endif /* SIM_MEM_H */
