/* tests/test_hash.c: sim/hash.h (FNV-1a vectors, the index against a linear search,
 * colliding hashes) and sim_xgrow (sim/mem.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/hash.h"
#include "sim/mem.h"

/* Published FNV-1a 64-bit test vectors (Fowler, Noll and Vo's reference page). */
static void test_fnv1a_vectors(void **state)
{
    (void)state;
    assert_int_equal(sim_hash_str(""), UINT64_C(0xcbf29ce484222325));
    assert_int_equal(sim_hash_str("a"), UINT64_C(0xaf63dc4c8601ec8c));
    assert_int_equal(sim_hash_str("foobar"), UINT64_C(0x85944171f73967e8));
    /* Hashing in pieces is hashing the whole. */
    uint64_t h = sim_hash_bytes(SIM_HASH_SEED, "foo", 3);
    assert_int_equal(sim_hash_bytes(h, "bar", 3), sim_hash_str("foobar"));
}

/* Finds key among n entries by walking the index, comparing the caller's keys. */
static size_t find(const sim_hindex *ix, const uint64_t *keys, uint64_t hash, uint64_t key)
{
    size_t cursor = 0, k;
    while ((k = sim_hindex_next(ix, hash, &cursor)) != SIZE_MAX)
        if (keys[k] == key) return k;
    return SIZE_MAX;
}

/* 20,000 keys, whose hashes are taken modulo 509 so that many collide: every key is
 * found at its entry number, and keys never added are not found. */
static void test_index_against_linear_search(void **state)
{
    (void)state;
    enum { N = 20000 };
    uint64_t *keys = sim_xmalloc(N * sizeof *keys);
    sim_hindex ix;
    sim_hindex_init(&ix);
    for (size_t i = 0; i < N; i++) {
        keys[i] = sim_hash_mix(i * 2 + 1);
        sim_hindex_add(&ix, keys[i] % 509, i);
    }
    assert_int_equal(ix.count, N);
    assert_true(ix.cap >= 2 * N);
    for (size_t i = 0; i < N; i++) assert_int_equal(find(&ix, keys, keys[i] % 509, keys[i]), i);
    for (size_t i = 0; i < 1000; i++) {
        uint64_t absent = sim_hash_mix(i * 2 + 2);
        assert_int_equal(find(&ix, keys, absent % 509, absent), SIZE_MAX);
    }
    sim_hindex_fini(&ix);
    assert_int_equal(find(&ix, keys, 1, keys[1]), SIZE_MAX);
    free(keys);
}

static void test_xgrow(void **state)
{
    (void)state;
    size_t cap = 0;
    int *a = sim_xgrow(NULL, &cap, 1, 16, sizeof *a);
    assert_int_equal(cap, 16);
    for (int i = 0; i < 16; i++) a[i] = i;
    int *same = sim_xgrow(a, &cap, 16, 16, sizeof *a);
    assert_ptr_equal(same, a);
    a = sim_xgrow(a, &cap, 17, 16, sizeof *a);
    assert_int_equal(cap, 32);
    a = sim_xgrow(a, &cap, 1000, 16, sizeof *a);
    assert_int_equal(cap, 1024);
    for (int i = 0; i < 16; i++) assert_int_equal(a[i], i);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnv1a_vectors),
        cmocka_unit_test(test_index_against_linear_search),
        cmocka_unit_test(test_xgrow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
