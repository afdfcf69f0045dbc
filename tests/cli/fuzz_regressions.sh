#!/bin/sh
# Replays every input the fuzzers ever crashed on (tests/fuzz/regressions/<target>/) and
# the seed corpus (tests/fuzz/corpus/<target>/) through the harnesses of tests/fuzz/,
# built without libFuzzer: each harness is linked with tests/fuzz/replay.c and the
# archives `make` built (so under `make check` with the sanitizers too). One process per
# input, so a failure names its file. Ends with "fuzz regressions: N failed".
CCSIM=${CCSIM:-build/ccsim}
BUILD=$(dirname "$CCSIM")
CC=${CC:-cc}
FLAGS=${MPI_CFLAGS:-${CFLAGS:--O2 -g}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0
for t in fuzz_scenario fuzz_csv fuzz_set fuzz_units fuzz_calllog; do
    # shellcheck disable=SC2086
    if ! $CC -std=c11 $FLAGS -I. -Iinclude -D_POSIX_C_SOURCE=200809L -o "$tmp/$t" tests/fuzz/$t.c \
            tests/fuzz/fuzz.c tests/fuzz/replay.c "$BUILD/libcc.a" "$BUILD/libsim.a" \
            -lgsl -lgslcblas -lcsv -lyaml -lpthread -ldl -lm 2>"$tmp/cc.err"; then
        echo "FAIL $t: does not build"; cat "$tmp/cc.err"; fail=$((fail + 1)); continue
    fi
    for f in tests/fuzz/regressions/$t/* tests/fuzz/corpus/$t/*; do
        [ -f "$f" ] || continue
        count=$((count + 1))
        if ! timeout 60 "$tmp/$t" "$f" >"$tmp/out" 2>&1; then
            echo "FAIL $t $f:"; tail -n 30 "$tmp/out"; fail=$((fail + 1))
        fi
    done
done
echo "fuzz regressions: $fail failed ($count inputs)"
[ "$fail" -eq 0 ]
