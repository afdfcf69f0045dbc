/* sim/hash.h: the one hash function and the one hash table of the program.
 *
 * sim_hash_bytes is 64-bit FNV-1a (offset basis 14695981039346656037, prime
 * 1099511628211): simple, byte-at-a-time, good enough for the short names and keys it
 * meets here, and the hash the random streams already use for their purposes, so it is
 * pinned: changing it would change every seeded result. sim_hash_mix is the splitmix64
 * finaliser, for integer keys whose low bits are not random.
 *
 * sim_hindex is an index, not a container: the caller keeps its entries in its own dense
 * array (so iteration is in insertion order, whatever the hashes) and the index maps a
 * hash to the entry numbers that have it. Open addressing with linear probing, at most
 * half full, so a probe touches about 1.5 slots. The caller compares keys: walk the
 * candidates with sim_hindex_next until one matches. Entries are never removed. */
#ifndef SIM_HASH_H
#define SIM_HASH_H
#include <stddef.h>
#include <stdint.h>

#define SIM_HASH_SEED UINT64_C(14695981039346656037)

/* FNV-1a of n bytes, continuing from h (SIM_HASH_SEED to start). */
uint64_t sim_hash_bytes(uint64_t h, const void *bytes, size_t n);
/* FNV-1a of a NUL-terminated string. */
uint64_t sim_hash_str(const char *s);
uint64_t sim_hash_mix(uint64_t x);

typedef struct sim_hindex {
    uint64_t *hash;          /* private: [cap] the hash of the entry in each slot */
    uint32_t *entry;         /* private: [cap] entry number + 1; 0 is an empty slot */
    size_t cap;              /* private: a power of two, or 0 */
    size_t count;            /* read-only: entries indexed */
} sim_hindex;

void   sim_hindex_init(sim_hindex *h);
void   sim_hindex_fini(sim_hindex *h);
/* The next entry whose hash is `hash`, or SIZE_MAX when there is none; *cursor starts at
 * 0 and is private to the walk. */
size_t sim_hindex_next(const sim_hindex *h, uint64_t hash, size_t *cursor);
/* Indexes entry number `entry` (< 2^32 - 1) under `hash`. */
void   sim_hindex_add(sim_hindex *h, uint64_t hash, size_t entry);

#endif /* SIM_HASH_H */
