#!/bin/sh
# ccsim sweep: a sweep over head count on common random numbers raises the service level
# at every step (within noise: a drop of more than 0.005 fails), costs grow by exactly the
# added agents' paid hours, the same sweep twice gives the same file, sweep.csv loads in
# gnuplot (plots/sweep.gp draws it), and bad --vary values exit 2.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

"$CCSIM" sweep scenarios/erlang-c.yaml --vary agents.team.staff=11:17:1 -r 8 -q -o "$tmp/a" >/dev/null; rc=$?
check "sweep exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "sweep.csv header" 'head -1 "$tmp/a/sweep.csv" | grep -q "^point,agents.team.staff,scope,name,measure,mean,ci95_low,ci95_high,replications$"'
awk -F, '$3 == "channel" && $5 == "service_level_20s" { print $2, $6 }' "$tmp/a/sweep.csv" > "$tmp/sl"
check "7 points" '[ "$(wc -l < "$tmp/sl")" -eq 7 ]'
check "service level rises with staff" 'awk "NR > 1 && \$2 < prev - 0.005 { bad = 1 } { prev = \$2 } END { exit bad }" "$tmp/sl"'
check "service level at 11 agents below 0.5, at 17 above 0.95" 'awk "NR == 1 && \$2 >= 0.5 { bad = 1 } NR == 7 && \$2 <= 0.95 { bad = 1 } END { exit bad }" "$tmp/sl"'
"$CCSIM" sweep scenarios/erlang-c.yaml --vary agents.team.staff=11:17:1 -r 8 -q -o "$tmp/b" >/dev/null
check "same sweep, same file" 'cmp -s "$tmp/a/sweep.csv" "$tmp/b/sweep.csv"'

# Two keys, values with units; staff cost grows by exactly 2 agents x 12 h x 32 per step.
"$CCSIM" sweep scenarios/default.yaml --vary agents.generalists.staff=24:28:2 \
    --vary channels.voice.arrivals.profile.0=50:60:10 -r 3 -q -o "$tmp/c" >/dev/null; rc=$?
check "two-key sweep exits 0" '[ $rc -eq 0 ]'
check "two-key sweep has 6 points" '[ "$(awk -F, "NR > 1 { print \$1 }" "$tmp/c/sweep.csv" | sort -u | wc -l)" -eq 6 ]'
awk -F, '$4 == "total" && $6 == "staff_cost" && $3 == 50 { print $2, $7 }' "$tmp/c/sweep.csv" > "$tmp/cost"
check "staff cost steps by 768" 'awk "NR > 1 && (\$2 - prev < 767.999 || \$2 - prev > 768.001) { bad = 1 } { prev = \$2 } END { exit bad || NR != 3 }" "$tmp/cost"'

mkdir -p "$tmp/a/plots"
check "sweep.csv loads in gnuplot" 'gnuplot -e "dir=\"$tmp/a\"" plots/sweep.gp 2>"$tmp/gp" && [ -s "$tmp/a/plots/sweep.png" ]'

for bad in "agents.team.staff" "agents.team.staff=10:5:1" "agents.team.staff=10:20:0" \
           "agents.team.staff=a:b:c" "channels.voice.arrivals.rate=100/h:200/m:10/h" \
           "agents.team.staff=1:1000000:1"; do
    "$CCSIM" sweep scenarios/erlang-c.yaml --vary "$bad" -q >/dev/null 2>"$tmp/err"; rc=$?
    check "--vary $bad exits 2 (got $rc)" '[ $rc -eq 2 ] && [ -s "$tmp/err" ]'
done
"$CCSIM" sweep scenarios/erlang-c.yaml -q >/dev/null 2>&1; rc=$?
check "sweep without --vary exits 2" '[ $rc -eq 2 ]'
"$CCSIM" sweep scenarios/erlang-c.yaml --vary agents.team.colour=1:2:1 -q >/dev/null 2>"$tmp/err"; rc=$?
check "unknown key exits 2 with its name" '[ $rc -eq 2 ] && grep -q "agents.team.colour" "$tmp/err"'
echo "sweep: $fail failed"
[ "$fail" -eq 0 ]
