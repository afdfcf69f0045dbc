/* tests/bench/loop.h: the special-purpose loop that make bench measures ccsim against. */
#ifndef TESTS_BENCH_LOOP_H
#define TESTS_BENCH_LOOP_H
#include <stdint.h>

typedef struct loop_params {
    uint64_t seed;
    double horizon_s;           /* no arrival at or after it; the queue then drains */
    double rate_per_s, mean_work_s, mean_patience_s, sla_s;
    long agents;
} loop_params;

typedef struct loop_result {
    uint64_t arrivals, answered, abandoned, within, events;
    double wait_sum;            /* over answered contacts, seconds */
} loop_result;

loop_result loop_run(const loop_params *p);

#endif /* TESTS_BENCH_LOOP_H */
