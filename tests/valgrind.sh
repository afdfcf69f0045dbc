#!/bin/sh
# valgrind on short runs of every command (part of `make check`): no invalid read or
# write, no use of uninitialised memory, no definite leak, on the optimised build that
# users run (the sanitizers see another). Also the error paths: a bad scenario, a bad
# flag. Skipped (and said so) when valgrind is not installed.
CCSIM=${CCSIM:-build/ccsim}
if ! command -v valgrind >/dev/null; then
    echo "valgrind: skipped (not installed: apt-get install valgrind)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
# Runs "$@" under valgrind; $1 is what it checks, the exit status expected is $2.
vg() {
    what=$1 want=$2
    shift 2
    $VG "$CCSIM" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL: valgrind: $what: exit $rc, expected $want"
        sed -n 1,20p "$tmp/err"
        fail=$((fail + 1))
    fi
}
vg "run with outputs, contacts and two threads" 0 run scenarios/default.yaml -r 2 -j 2 -q \
    -o "$tmp/run" --contacts "$tmp/contacts.csv"
vg "run of the bank day" 0 run scenarios/bank.yaml -r 1 -q
vg "sweep" 0 sweep scenarios/erlang-c.yaml --vary agents.team.staff=13:14:1 -r 2 -q -o "$tmp/sweep"
vg "compare" 0 compare scenarios/default.yaml --policies fcfs,sla-urgency -r 2 -q -o "$tmp/cmp"
vg "staff" 0 staff scenarios/erlang-c.yaml --granularity horizon -r 2 -q -o "$tmp/staff"
vg "erlang" 0 erlang a --rate 100/m --aht 4m --patience 2m --agents 410:420
vg "calibrate" 0 calibrate "$tmp/contacts.csv" -o "$tmp/fit.yaml"
vg "a bad scenario" 2 run tests/bad/cv-zero.yaml -q
vg "a bad flag" 2 run scenarios/default.yaml --replications=0
echo "valgrind: $fail failed"
[ "$fail" -eq 0 ]
