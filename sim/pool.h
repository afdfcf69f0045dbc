/* sim/pool.h: a pool of fixed-size objects for one replication.
 * Objects are carved from chunks that are never moved or freed until the pool is, so a
 * pointer to a pooled object stays valid until it is put back. get and put are O(1)
 * and do not call malloc except when a new chunk is needed. The pool owns its memory;
 * sim_pool_free releases every object at once, including those never put back. */
#ifndef SIM_POOL_H
#define SIM_POOL_H
#include <stddef.h>

typedef struct sim_pool sim_pool;

/* object_size is rounded up to pointer alignment. objects_per_chunk 0 means a default. */
sim_pool *sim_pool_alloc(size_t object_size, size_t objects_per_chunk);
void      sim_pool_free(sim_pool *pool);               /* NULL is a no-op */
void     *sim_pool_get(sim_pool *pool);                /* zero-filled object */
void      sim_pool_put(sim_pool *pool, void *object);  /* object came from this pool */
size_t    sim_pool_count(const sim_pool *pool);        /* objects handed out, not put back */
size_t    sim_pool_capacity(const sim_pool *pool);     /* objects in all chunks */

#endif /* SIM_POOL_H */
