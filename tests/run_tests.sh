#!/bin/sh
# Runs each test program given as an argument from the repository root, then the
# command-line tests (tests/cli/*.sh), and ends with one summary line that CI reads:
# "tests: N passed, N failed". Exit status 1 if anything failed.
passed=0
failed=0
for t in "$@"; do
    echo "== $t"
    if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t"; fi
done
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    if CCSIM="${CCSIM:-build/ccsim}" sh "$s"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $s"; fi
done
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
