/* sim/pool.c: fixed-size objects carved from chunks, recycled through a free list.
 *
 * Data structure. Each chunk is one malloc'd block: a small header (the link to the
 * previous chunk) followed by objects_per_chunk objects of object_size bytes. Objects
 * that have been put back form a singly linked free list whose links live inside the
 * freed objects themselves, so the list costs no memory. Objects never handed out yet
 * are taken from the newest chunk by a bump index, so a new chunk is not walked to
 * thread it onto the free list.
 *
 * Invariant. count == objects handed out and not put back; every object of every chunk
 * is exactly one of: handed out, on the free list, or at or beyond the bump index of
 * the newest chunk. Chunks never move, so pointers stay valid.
 *
 * Workload. Contacts and similar per-replication records: a steady churn of get/put
 * pairs with a population that grows to a plateau and stays there. In steady state get
 * and put are a few loads and stores and never call malloc. Put does not check that the
 * object came from this pool (that would cost a walk over the chunks); it does check,
 * in debug builds, that something is outstanding. */
#include "sim/pool.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/check.h"
#include "sim/mem.h"

enum { SIM_POOL_DEFAULT_PER_CHUNK = 256 };

/* The header is padded to max_align_t so that the first object is aligned as malloc
 * aligns, whatever the object holds. */
typedef union sim_pool_chunk {
    union sim_pool_chunk *prev;
    max_align_t align;
} sim_pool_chunk;

typedef struct sim_pool_free_obj {
    struct sim_pool_free_obj *next;
} sim_pool_free_obj;

struct sim_pool {
    size_t object_size;         /* rounded up to pointer alignment */
    size_t per_chunk;
    sim_pool_chunk *newest;     /* list of chunks, newest first */
    size_t bump;                /* objects of the newest chunk handed out by bumping */
    sim_pool_free_obj *free;    /* objects put back */
    size_t count;
    size_t capacity;
};

sim_pool *sim_pool_alloc(size_t object_size, size_t objects_per_chunk)
{
    SIM_REQUIRE(object_size > 0);
    /* An object must be able to hold the free-list link, and consecutive objects must
     * keep pointer alignment. */
    size_t a = alignof(void *);
    if (object_size < sizeof(sim_pool_free_obj))
        object_size = sizeof(sim_pool_free_obj);
    SIM_REQUIRE(object_size <= SIZE_MAX - a);
    object_size = (object_size + a - 1) / a * a;
    if (objects_per_chunk == 0)
        objects_per_chunk = SIM_POOL_DEFAULT_PER_CHUNK;
    SIM_REQUIRE(objects_per_chunk <= (SIZE_MAX - sizeof(sim_pool_chunk)) / object_size);

    sim_pool *pool = sim_xmalloc(sizeof *pool);
    pool->object_size = object_size;
    pool->per_chunk = objects_per_chunk;
    pool->newest = NULL;
    pool->bump = objects_per_chunk; /* "newest chunk full" forces a chunk on first get */
    pool->free = NULL;
    pool->count = 0;
    pool->capacity = 0;
    return pool;
}

void sim_pool_free(sim_pool *pool)
{
    if (!pool)
        return;
    sim_pool_chunk *c = pool->newest;
    while (c) {
        sim_pool_chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(pool);
}

void *sim_pool_get(sim_pool *pool)
{
    void *obj;
    if (pool->free) {
        obj = pool->free;
        pool->free = pool->free->next;
    } else {
        if (pool->bump == pool->per_chunk) {
            sim_pool_chunk *c =
                sim_xmalloc(sizeof(sim_pool_chunk) + pool->per_chunk * pool->object_size);
            c->prev = pool->newest;
            pool->newest = c;
            pool->bump = 0;
            pool->capacity += pool->per_chunk;
        }
        obj = (char *)(pool->newest + 1) + pool->bump * pool->object_size;
        pool->bump++;
    }
    pool->count++;
    memset(obj, 0, pool->object_size);
    return obj;
}

void sim_pool_put(sim_pool *pool, void *object)
{
    SIM_REQUIRE(object != NULL);
    SIM_ASSERT(pool->count > 0);
    sim_pool_free_obj *f = object;
    f->next = pool->free;
    pool->free = f;
    pool->count--;
}

size_t sim_pool_count(const sim_pool *pool)
{
    return pool->count;
}

size_t sim_pool_capacity(const sim_pool *pool)
{
    return pool->capacity;
}
