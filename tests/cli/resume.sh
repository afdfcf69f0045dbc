#!/bin/sh
# Interrupted runs lose nothing:
# - a sweep killed with SIGKILL mid-run leaves only complete files (every finished point
#   in its own file, written under a temporary name and renamed); `--resume` goes on
#   from them and writes a sweep.csv identical to an uninterrupted run's;
# - --resume refuses the parts of another sweep, or of an edited scenario file;
# - the same for compare (each policy's replications kept) and staff (each evaluation's
#   verdict kept): killed, resumed, the same files as an uninterrupted run;
# - Ctrl-C (SIGINT) during `run` writes the replications finished so far, marked
#   partial in scenario.csv, and exits 1.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
. tests/parts.sh
SWEEP="sweep scenarios/bench-reference.yaml --set horizon=2000m --set interval=500m -r 2 -j 1 \
       --vary agents.team.staff=405:425:2"

# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/whole" >"$tmp/whole.txt"; rc=$?
check "uninterrupted sweep exits 0" '[ $rc -eq 0 ]'
check "no parts left after a whole sweep" '[ ! -e "$tmp/whole/.sweep-parts" ]'

# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/cut" >/dev/null 2>&1 &
kill_after_parts "$tmp/cut/.sweep-parts" 3 point- $!
parts=$(ls "$tmp/cut/.sweep-parts" 2>/dev/null | grep -c '^point-')
check "killed with some points done ($parts of 11)" '[ "$parts" -ge 1 ] && [ "$parts" -lt 11 ]'
check "no sweep.csv from a killed sweep" '[ ! -e "$tmp/cut/sweep.csv" ]'
# Every file left is complete: it ends with its seal line, and its rows all have the
# same fields.
for f in "$tmp"/cut/.sweep-parts/point-*.csv; do
    check "$(basename "$f") is complete" 'tail -n 1 "$f" | grep -Eqx "seal [0-9a-f]{16}" &&
        sed "\$d" "$f" | awk -F, "{ print NF }" | sort -u | awk "END { exit NR != 1 }"'
done
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/cut" --resume >"$tmp/cut.txt"; rc=$?
check "resumed sweep exits 0 (got $rc)" '[ $rc -eq 0 ]'
# The table shows every point, those finished before the interruption too.
check "resumed table: every point, as the uninterrupted one ($(grep -c "^4[0-9][0-9] " "$tmp/cut.txt") rows)" \
    'grep -q "points finished earlier, resumed" "$tmp/cut.txt" &&
     grep -v "points finished earlier" "$tmp/cut.txt" | cmp -s - "$tmp/whole.txt"'
# Every point on disk but no sweep.csv (a folder planted there made its writing fail):
# the resumed table comes from the parts alone.
mkdir -p "$tmp/all/sweep.csv"
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/all" >/dev/null 2>&1
rmdir "$tmp/all/sweep.csv"
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/all" --resume >"$tmp/all.txt"; rc=$?
check "all 11 points resumed: exit 0 (got $rc), the same table and sweep.csv" \
    '[ $rc -eq 0 ] && grep -q "(11 points finished earlier, resumed)" "$tmp/all.txt" &&
     grep -v "points finished earlier" "$tmp/all.txt" | cmp -s - "$tmp/whole.txt" &&
     cmp -s "$tmp/whole/sweep.csv" "$tmp/all/sweep.csv"'

check "resumed sweep.csv identical to the uninterrupted one" 'cmp -s "$tmp/whole/sweep.csv" "$tmp/cut/sweep.csv"'
check "no parts or temporary files left" '[ ! -e "$tmp/cut/.sweep-parts" ] && [ -z "$(ls -A "$tmp/cut" | grep "\.tmp\.")" ]'

# Parts that do not verify are computed again, never copied: one truncated, one empty,
# one with a number changed, one replaced by a link to /etc/passwd, one of random bytes.
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/bad" >/dev/null 2>&1 &
kill_after_parts "$tmp/bad/.sweep-parts" 6 point- $!
P="$tmp/bad/.sweep-parts"
if [ "$(ls "$P" | grep -c '^point-')" -ge 5 ]; then
    set -- $(ls "$P" | grep '^point-' | head -n 5)
    head -c 100 "$P/$1" > "$tmp/x" && mv "$tmp/x" "$P/$1"
    : > "$P/$2"
    sed -i '1s/,[0-9][0-9.]*,/,0.5,/' "$P/$3"
    rm "$P/$4" && ln -s /etc/passwd "$P/$4"
    head -c 300 /dev/urandom > "$P/$5"
    # shellcheck disable=SC2086
    "$CCSIM" $SWEEP -o "$tmp/bad" --resume >/dev/null 2>"$tmp/err"; rc=$?
    check "resume over corrupted parts exits 0 (got $rc)" '[ $rc -eq 0 ]'
    check "each corrupted part is said and computed again" '[ "$(grep -c "does not verify" "$tmp/err")" -eq 5 ]'
    check "sweep.csv still identical to the uninterrupted one" 'cmp -s "$tmp/whole/sweep.csv" "$tmp/bad/sweep.csv"'
    check "/etc/passwd untouched and not copied" '! grep -q "root:" "$tmp/bad/sweep.csv"'
else
    echo "FAIL: the sweep to corrupt finished too soon"; fail=$((fail + 1))
fi

# --resume with another grid on the same folder is refused.
mkdir -p "$tmp/other/.sweep-parts"
# shellcheck disable=SC2086
"$CCSIM" $SWEEP -o "$tmp/other" >/dev/null 2>&1 &
kill_after_parts "$tmp/other/.sweep-parts" 1 point- $!
"$CCSIM" sweep scenarios/bench-reference.yaml --vary agents.team.staff=400:410:5 -r 2 -q \
    -o "$tmp/other" --resume >/dev/null 2>"$tmp/err"; rc=$?
check "--resume of another grid exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "parts of another sweep" "$tmp/err"'

# The sweep's identity includes the scenario's bytes: an edited scenario is refused.
cp scenarios/bench-reference.yaml "$tmp/edited.yaml"
"$CCSIM" sweep "$tmp/edited.yaml" --set horizon=2000m --set interval=500m -r 2 -j 1 -q \
    --vary agents.team.staff=405:425:2 -o "$tmp/edit" >/dev/null 2>&1 &
kill_after_parts "$tmp/edit/.sweep-parts" 1 point- $!
echo "# edited" >>"$tmp/edited.yaml"
"$CCSIM" sweep "$tmp/edited.yaml" --set horizon=2000m --set interval=500m -r 2 -j 1 -q \
    --vary agents.team.staff=405:425:2 -o "$tmp/edit" --resume >/dev/null 2>"$tmp/err"; rc=$?
check "--resume after the scenario file changed exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "the scenario file or a file it reads changed" "$tmp/err"'

# ... and the bytes of the files it reads: an edited forecast is refused too.
mkdir -p "$tmp/fc/forecasts"
cp scenarios/default.yaml "$tmp/fc/" && cp scenarios/forecasts/*.csv "$tmp/fc/forecasts/"
mkdir -p "$tmp/fcout/sweep.csv"
"$CCSIM" sweep "$tmp/fc/default.yaml" -r 1 -j 1 -q --vary agents.generalists.staff=26:27:1 \
    -o "$tmp/fcout" >/dev/null 2>&1
rmdir "$tmp/fcout/sweep.csv"
sed -i '$s/,\([0-9]*\)$/,1\1/' "$tmp/fc/forecasts/swift-chat.csv"
"$CCSIM" sweep "$tmp/fc/default.yaml" -r 1 -j 1 -q --vary agents.generalists.staff=26:27:1 \
    -o "$tmp/fcout" --resume >/dev/null 2>"$tmp/err"; rc=$?
check "--resume after the forecast file changed exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "a file it reads changed" "$tmp/err"'

# compare: each policy's replications are a part; killed, then resumed.
CMP="compare scenarios/default.yaml --policies fcfs,priority,sla-urgency,longest-queue -r 200 -j 1 -q"
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/cw" >"$tmp/cw.out"; rc=$?
check "uninterrupted compare exits 0" '[ $rc -eq 0 ] && [ ! -e "$tmp/cw/.compare-parts" ]'
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/cc" >/dev/null 2>&1 &
kill_after_parts "$tmp/cc/.compare-parts" 2 policy- $!
parts=$(ls "$tmp/cc/.compare-parts" 2>/dev/null | grep -c '^policy-')
check "compare killed with some policies done ($parts of 4)" '[ "$parts" -ge 1 ] && [ "$parts" -lt 4 ]'
check "no compare.csv from a killed compare" '[ ! -e "$tmp/cc/compare.csv" ]'
check "every policy part is complete" 'complete_parts "$tmp/cc/.compare-parts" policy-'
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/cc" --resume >"$tmp/cc.out"; rc=$?
check "resumed compare exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "resumed compare.csv identical" 'cmp -s "$tmp/cw/compare.csv" "$tmp/cc/compare.csv"'
check "resumed compare prints the same table" 'cmp -s "$tmp/cw.out" "$tmp/cc.out"'
check "no parts or temporary files left" '[ ! -e "$tmp/cc/.compare-parts" ] && [ -z "$(ls -A "$tmp/cc" | grep "\.tmp\.")" ]'
# Other policies on the parts of this compare: refused.
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/co" >/dev/null 2>&1 &
kill_after_parts "$tmp/co/.compare-parts" 1 policy- $!
"$CCSIM" compare scenarios/default.yaml --policies fcfs,priority -r 200 -q -o "$tmp/co" --resume \
    >/dev/null 2>"$tmp/err"; rc=$?
check "compare --resume with other policies exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "parts of another compare" "$tmp/err"'
"$CCSIM" compare scenarios/default.yaml --policies fcfs,priority -r 3 -q --resume >/dev/null 2>"$tmp/err"; rc=$?
check "compare --resume without -o exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "needs -o" "$tmp/err"'
"$CCSIM" run scenarios/default.yaml -r 1 -q --resume >/dev/null 2>"$tmp/err"; rc=$?
check "run --resume is refused (got $rc)" '[ $rc -eq 2 ] && grep -q "only for sweep, compare and staff" "$tmp/err"'

# staff: every evaluation's verdict is a part; killed mid-search, then resumed: the same
# plan, the same report, and the evaluations already made are not made again.
STAFF="staff scenarios/default.yaml -r 4 -j 1"
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/sw" >"$tmp/sw.out" 2>/dev/null; rc=$?
check "uninterrupted staff exits 0" '[ $rc -eq 0 ] && [ ! -e "$tmp/sw/.staff-parts" ]'
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/sc" >/dev/null 2>&1 &
kill_after_parts "$tmp/sc/.staff-parts" 30 eval- $!
evals=$(ls "$tmp/sc/.staff-parts" 2>/dev/null | grep -c '^eval-')
check "staff killed mid-search ($evals evaluations kept)" '[ "$evals" -ge 30 ] && [ ! -e "$tmp/sc/staffing.csv" ]'
check "every evaluation part is complete" 'complete_parts "$tmp/sc/.staff-parts" eval-'
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/sc" --resume >"$tmp/sc.out" 2>"$tmp/sc.err"; rc=$?
check "resumed staff exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "it took the kept evaluations" 'grep -q "of [0-9]* evaluations taken from the interrupted search" "$tmp/sc.err"'
for f in staffing.csv staffed.yaml; do
    check "resumed staff: $f identical" 'cmp -s "$tmp/sw/$f" "$tmp/sc/$f"'
done
check "resumed staff prints the same result" '[ "$(sed "s|$tmp/s[wc]||g" "$tmp/sw.out")" = "$(sed "s|$tmp/s[wc]||g" "$tmp/sc.out")" ]'
check "no staff parts left" '[ ! -e "$tmp/sc/.staff-parts" ]'
# Ctrl-C during staff: exit 1, and it says how to go on.
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/si" >/dev/null 2>"$tmp/si.err" &
kill_after_parts "$tmp/si/.staff-parts" 10 eval- $! INT; rc=$?
check "interrupted staff exits 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "interrupted after .* --resume" "$tmp/si.err"'

# Ctrl-C during a run: the finished replications are written, marked partial.
"$CCSIM" run scenarios/bench-reference.yaml --set horizon=20000m --set interval=5000m -r 60 -j 2 -q \
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
