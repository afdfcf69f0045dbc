/* sim/rng.h: named, pinned random streams.
 * There is no global generator. Each purpose ("arrivals/voice", "work/voice",
 * "patience/voice", ...) gets its own GSL generator whose seed is
 * sim_rng_mix64(seed, replication, sim_rng_hash(purpose)), so a stream's numbers depend
 * only on (seed, replication, purpose): never on creation order, the routing policy or
 * the thread that runs the replication. That is what makes common random numbers work.
 * GSL generators take 32-bit seeds; the mixed 64-bit value is folded to 32 bits and
 * never 0. The generator type is one choice, sim_rng_type(), made by measurement. */
#ifndef SIM_RNG_H
#define SIM_RNG_H
#include <stdint.h>
#include <gsl/gsl_rng.h>

uint64_t            sim_rng_hash(const char *purpose);   /* FNV-1a, 64 bits */
uint64_t            sim_rng_mix64(uint64_t seed, uint64_t replication, uint64_t purpose_hash);
const gsl_rng_type *sim_rng_type(void);
/* A new generator for the stream; the caller frees it with gsl_rng_free. */
gsl_rng            *sim_rng_alloc(uint64_t seed, uint64_t replication, const char *purpose);

#endif /* SIM_RNG_H */
