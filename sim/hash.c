/* sim/hash.c: FNV-1a and an open-addressing index of entry numbers.
 * Invariant: count <= cap / 2, and every entry sits in the first empty-free run of slots
 * from its hash's home slot (linear probing), so a walk may stop at the first empty
 * slot. Growing doubles cap and re-inserts from the stored hashes: no key is read. */
#include "sim/hash.h"

#include <stdlib.h>
#include <string.h>

#include "sim/check.h"
#include "sim/mem.h"

#define FNV_PRIME UINT64_C(1099511628211)

uint64_t sim_hash_bytes(uint64_t h, const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t sim_hash_str(const char *s)
{
    return sim_hash_bytes(SIM_HASH_SEED, s, strlen(s));
}

uint64_t sim_hash_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

void sim_hindex_init(sim_hindex *h)
{
    h->hash = NULL;
    h->entry = NULL;
    h->cap = 0;
    h->count = 0;
}

void sim_hindex_fini(sim_hindex *h)
{
    free(h->hash);
    free(h->entry);
    sim_hindex_init(h);
}

size_t sim_hindex_next(const sim_hindex *h, uint64_t hash, size_t *cursor)
{
    if (h->cap == 0)
        return SIZE_MAX;
    size_t mask = h->cap - 1;
    /* The cursor counts slots already looked at from the home slot. */
    for (size_t k = *cursor; k < h->cap; k++) {
        size_t i = (size_t)(hash + k) & mask;
        if (h->entry[i] == 0)
            break;
        if (h->hash[i] == hash) {
            *cursor = k + 1;
            return h->entry[i] - 1;
        }
    }
    *cursor = h->cap;
    return SIZE_MAX;
}

static void place(uint64_t *hashes, uint32_t *entries, size_t cap, uint64_t hash, uint32_t e)
{
    size_t i = (size_t)hash & (cap - 1);
    while (entries[i])
        i = (i + 1) & (cap - 1);
    hashes[i] = hash;
    entries[i] = e;
}

void sim_hindex_add(sim_hindex *h, uint64_t hash, size_t entry)
{
    SIM_REQUIRE(entry < UINT32_MAX - 1);
    if (2 * (h->count + 1) > h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        uint64_t *hashes = sim_xcalloc(cap, sizeof *hashes);
        uint32_t *entries = sim_xcalloc(cap, sizeof *entries);
        for (size_t i = 0; i < h->cap; i++)
            if (h->entry[i])
                place(hashes, entries, cap, h->hash[i], h->entry[i]);
        free(h->hash);
        free(h->entry);
        h->hash = hashes;
        h->entry = entries;
        h->cap = cap;
    }
    place(h->hash, h->entry, h->cap, hash, (uint32_t)entry + 1);
    h->count++;
}
