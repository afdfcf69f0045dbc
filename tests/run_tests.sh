#!/bin/sh
# Runs each test program given as an argument from the repository root, then the
# command-line tests (tests/cli/*.sh), and ends with one summary line that CI reads:
# "tests: N passed, N failed". Exit status 1 if anything failed. Each test's time is
# printed after it, so a slow one shows (CI has 90 minutes; make test should take < 10).
passed=0
failed=0
for t in "$@"; do
    echo "== $t"
    t0=$(date +%s)
    if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t"; fi
    echo "== $t: $(($(date +%s) - t0)) s"
done
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    t0=$(date +%s)
    if CCSIM="${CCSIM:-build/ccsim}" sh "$s"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $s"; fi
    echo "== $s: $(($(date +%s) - t0)) s"
done
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
