#!/bin/sh
# Interrupted runs lose nothing:
# - a sweep killed with SIGKILL mid-run leaves only complete files (every finished point
#   in its own file, written under a temporary name and renamed); `--resume` goes on
#   from them and writes a sweep.csv identical to an uninterrupted run's;
# - --resume refuses the parts of another sweep;
# - Ctrl-C (SIGINT) during `run` writes the replications finished so far, marked
#   partial in scenario.csv, and exits 1.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
SWEEP="sweep scenarios/bench-reference.yaml --set horizon=2000m --set interval=500m -r 2 -j 1 -q \
       --vary agents.team.staff=405:425:2"

# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/whole" >/dev/null; rc=$?
check "uninterrupted sweep exits 0" '[ $rc -eq 0 ]'
check "no parts left after a whole sweep" '[ ! -e "$tmp/whole/.sweep-parts" ]'

# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/cut" >/dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 3 ] && kill -0 $pid 2>/dev/null; do
    sleep 0.05
    n=$(ls "$tmp/cut/.sweep-parts" 2>/dev/null | grep -c '^point-')
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
parts=$(ls "$tmp/cut/.sweep-parts" 2>/dev/null | grep -c '^point-')
check "killed with some points done ($parts of 11)" '[ "$parts" -ge 1 ] && [ "$parts" -lt 11 ]'
check "no sweep.csv from a killed sweep" '[ ! -e "$tmp/cut/sweep.csv" ]'
# Every file left is complete: lines end with a newline and all have the same fields.
for f in "$tmp"/cut/.sweep-parts/point-*.csv; do
    check "$(basename "$f") is complete" '[ "$(tail -c 1 "$f" | od -An -c | tr -d " ")" = "\n" ] &&
        awk -F, "{ print NF }" "$f" | sort -u | awk "END { exit NR != 1 }"'
done
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/cut" --resume >/dev/null; rc=$?
check "resumed sweep exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "resumed sweep.csv identical to the uninterrupted one" 'cmp -s "$tmp/whole/sweep.csv" "$tmp/cut/sweep.csv"'
check "no parts or temporary files left" '[ ! -e "$tmp/cut/.sweep-parts" ] && [ -z "$(ls -A "$tmp/cut" | grep "\.tmp\.")" ]'

# --resume with another grid on the same folder is refused.
mkdir -p "$tmp/other/.sweep-parts"
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/other" >/dev/null 2>&1 &
pid=$!; sleep 0.3; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$CCSIM" sweep scenarios/bench-reference.yaml --vary agents.team.staff=400:410:5 -r 2 -q \
    -o "$tmp/other" --resume >/dev/null 2>"$tmp/err"; rc=$?
check "--resume of another grid exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "another scenario or grid" "$tmp/err"'

# Ctrl-C during a run: the finished replications are written, marked partial.
"$CCSIM" run scenarios/bench-reference.yaml --set horizon=20000m --set interval=5000m -r 6 -j 2 -q \
    -o "$tmp/int" 2>"$tmp/int.err" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid; rc=$?
check "interrupted run exits 1 (got $rc)" '[ $rc -eq 1 ]'
check "it says so" 'grep -q "interrupted" "$tmp/int.err"'
if [ -e "$tmp/int/scenario.csv" ]; then
    check "scenario.csv: complete,false" 'grep -q "^complete,false$" "$tmp/int/scenario.csv"'
    check "summary.csv is complete" 'awk -F, "{ print NF }" "$tmp/int/summary.csv" | sort -u | awk "END { exit NR != 1 }"'
fi
echo "resume: $fail failed"
[ "$fail" -eq 0 ]
