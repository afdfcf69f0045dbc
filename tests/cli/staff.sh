#!/bin/sh
# ccsim staff:
# - on stationary single-channel scenarios it finds the Erlang answer (Erlang C: 14 agents
#   for 80% in 20 s at 200/h and 3 min; Erlang A with 5 min patience: 13) when it decides
#   on means with one head count for the horizon. Every interval must meet the target:
#   Erlang C's 13 agents give 79.6%, so about half the hourly intervals miss; 14 give
#   88.8%, far above any hour's noise. Erlang A's 12 and 13 give 77.2% and 85.8%, and
#   there the hour's noise can sink one of 24 hours below 80% at 13 (seed 2025 did), so
#   that case runs with one interval, the whole counted day, whose mean is within ±1%;
#   with the default confidence rule it may add one or two agents to the mean's answer,
#   because each of the 24 hourly intervals must then have the lower end of its 95% CI
#   above the target (10 replications: a half-width near 5 points);
# - on the multi-skill day its plan (staffed.yaml) meets the targets in a fresh run with
#   other seeds (no interval significantly below a target, every channel's day on target)
#   and costs less than staffing each channel separately by Erlang;
# - impossible requests end at once with a message, bad options exit 2.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
agents() { awk -F, 'NR > 1 { print $3 }' "$1/staffing.csv" | sort -u | tr '\n' ' '; }

"$CCSIM" staff scenarios/erlang-c.yaml --granularity horizon --rule mean -r 10 -q -o "$tmp/c"
check "Erlang C: 14 agents (got $(agents "$tmp/c"))" '[ "$(agents "$tmp/c")" = "14 " ]'
# The default rule (sequential sampling on the expected SL of each interval): hourly
# intervals, flat demand, a flat plan at Erlang C's 14 in all 25 hours (the warm-up hour
# carries the first judged hour's 14), whatever -r and the seed.
for rs in 10:2024 40:2024 10:7; do
    r=${rs%:*} sd=${rs#*:} out="$tmp/cs$r-$sd"
    "$CCSIM" staff scenarios/erlang-c.yaml -r "$r" -s "$sd" -q -o "$out"
    check "Erlang C, sequential rule, hourly, -r $r -s $sd: 14 in every hour (got $(agents "$out"))" \
        '[ "$(agents "$out")" = "14 " ] && [ "$(awk "NR > 1" "$out/staffing.csv" | wc -l)" -eq 25 ]'
done
# Erlang A: 13 exact; every judged hour 13 or 14.
"$CCSIM" staff scenarios/erlang-a.yaml -r 10 -q -o "$tmp/as"
check "Erlang A, sequential rule, hourly: 13 or 14 in every hour (got $(agents "$tmp/as"))" \
    'case "$(agents "$tmp/as")" in "13 "|"13 14 ") true;; *) false;; esac'
# The confidence rule is the conservative one: never fewer than the sequential plan.
"$CCSIM" staff scenarios/erlang-c.yaml --granularity horizon --rule confidence -r 10 -q -o "$tmp/c2"
check "Erlang C, confidence rule: at least 14 (got $(agents "$tmp/c2"))" '[ "$(agents "$tmp/c2" | tr -d " ")" -ge 14 ]'
"$CCSIM" staff scenarios/erlang-a.yaml --granularity horizon --rule mean -r 20 --set interval=25h -q -o "$tmp/a"
check "Erlang A: 13 agents (got $(agents "$tmp/a"))" '[ "$(agents "$tmp/a")" = "13 " ]'
# Other loads, both target scopes: every judged hour within one of Erlang's least N for
# 80% in 20 s (ccsim erlang: C at 100/h needs 8, at 400/h 24; A with 5 min patience 7
# and 23), and the plan flat to one agent. Over the day, a mix of N-1 and N is the least
# cost when N-1 misses: Erlang C at 100/h, 7 and 8 give 74.0% and 88.0%, half and half
# 81%.
judged() { awk -F, 'NR > 1 && $4 != "warm-up" { print $3 }' "$1/staffing.csv" | sort -n | uniq | tr '\n' ' '; }
for spec in c:100:8 c:400:24 a:100:7 a:400:23; do
    k=${spec%%:*} rest=${spec#*:}; rate=${rest%:*} n=${rest#*:}
    for scope in interval day; do
        out="$tmp/load-$k$rate-$scope"
        "$CCSIM" staff "scenarios/erlang-$k.yaml" --set "channels.voice.arrivals.rate=$rate/h" \
            --target-scope $scope -r 10 -q -o "$out"
        got=$(judged "$out")
        check "Erlang $k at $rate/h, $scope scope: every hour within $n +-1, flat to one (got $got)" \
            'echo "$got" | awk -v n=$n "{ exit !(NF >= 1 && NF <= 2 && \$1 >= n - 1 && \$NF <= n + 1 && \$NF - \$1 <= 1) }"'
    done
done
# Day scope on the default load: the plan (13 and 14 for Erlang C, 12 and 13 for
# Erlang A) meets the day's target on a new seed, close above it.
for k in c a; do
    "$CCSIM" staff "scenarios/erlang-$k.yaml" --target-scope day -r 10 -q -o "$tmp/day$k"
    "$CCSIM" run "$tmp/day$k/staffed.yaml" --seed 999 -r 100 -q -o "$tmp/day${k}check"
    day=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "service_level_20s" { print $4 }' "$tmp/day${k}check/summary.csv")
    check "Erlang $k, day scope: the day's SL on a new seed $day in [0.795, 0.83)" \
        'awk "BEGIN { exit !($day >= 0.795 && $day < 0.83) }"'
done

"$CCSIM" staff scenarios/default.yaml -o "$tmp/d" > "$tmp/d.out"; rc=$?
check "multi-skill plan found (exit $rc)" '[ $rc -eq 0 ]'
check "staffing.csv: 2 groups x 24 intervals" '[ "$(awk "NR > 1" "$tmp/d/staffing.csv" | wc -l)" -eq 48 ]'
cost=$(sed -n 's/^total cost \([0-9.]*\) .*Erlang: \([0-9.]*\) .*/\1 \2/p' "$tmp/d.out")
check "cheaper than each channel by Erlang ($cost)" 'echo "$cost" | awk "{ exit !(\$1 < \$2) }"'
for seed in 777 31337; do
    "$CCSIM" run "$tmp/d/staffed.yaml" -s $seed -q -o "$tmp/f$seed"; rc=$?
    check "staffed.yaml runs with seed $seed (exit $rc)" '[ $rc -eq 0 ]'
    # Every interval: the target is not above the CI (not significantly missed); a target of
    # 1.00 means nobody waited longer: missed_<T>s not significantly above 0.
    awk -F, 'FNR == 1 { next }
             FILENAME ~ /targets/ { t[$1 "," $2] = $4; next }
             $2 == "channel" && ($3 "," $4) in t && t[$3 "," $4] < 1 && $7 != "NaN" && $7 + 0 < t[$3 "," $4] + 0 { bad++ }
             $2 == "channel" && $4 ~ /^missed_/ { k = $3 ",service_level_" substr($4, 8); if ((k in t) && t[k] >= 1 && $6 != "NaN" && $6 + 0 > 0) bad++ }
             END { exit bad > 0 }' "$tmp/f$seed/targets.csv" "$tmp/f$seed/intervals.csv"
    check "seed $seed: no interval significantly below a target" '[ $? -eq 0 ]'
    awk -F, 'FNR == 1 { next }
             FILENAME ~ /targets/ { if ($4 < 1) t[$1 "," $2] = $4; next }
             $1 == "channel" && ($2 "," $3) in t && $4 + 0 < t[$2 "," $3] { bad++ }
             END { exit bad > 0 }' "$tmp/f$seed/targets.csv" "$tmp/f$seed/summary.csv"
    check "seed $seed: every channel's day meets its targets" '[ $? -eq 0 ]'
done
# One verdict: the plan's own run (the search's seed) has nobody waiting over six
# minutes, so report.html says the six-minute rule is met, as staff does.
"$CCSIM" run "$tmp/d/staffed.yaml" -q -o "$tmp/own"
"$CCSIM" plot "$tmp/own" >/dev/null 2>&1
late=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "missed_360s" { print $4 }' "$tmp/own/summary.csv")
status=$(grep -o 'data-key="channel/voice/service_level_360s"[^>]*>[^<]*\(<span class="ci">[^<]*</span>\)\{0,1\}</td><td class="mark [a-z]*" data-status="[a-z]*"' \
         "$tmp/own/report.html" | head -n 1 | sed 's/.*data-status="\([a-z]*\)"/\1/')
check "six-minute rule: missed_360s $late, report.html says met (got $status)" '[ "$late" = 0 ] && [ "$status" = met ]'

# A group whose name holds a dot (a plan was once written as "agents.NAME.staff=..."
# overrides, which split it): planned like any other, and staffed.yaml keeps the name.
sed 's/^  team:/  "team.east":/' scenarios/erlang-c.yaml > "$tmp/dotted.yaml"
"$CCSIM" staff "$tmp/dotted.yaml" --granularity horizon --rule mean -r 10 -q -o "$tmp/dot"; rc=$?
check "a group named team.east is planned: 14 agents (exit $rc, got $(agents "$tmp/dot" 2>/dev/null))" \
    '[ $rc -eq 0 ] && [ "$(agents "$tmp/dot")" = "14 " ]'
"$CCSIM" run "$tmp/dot/staffed.yaml" -r 2 -q -o "$tmp/dotrun"; rc=$?
check "its staffed.yaml runs (exit $rc)" '[ $rc -eq 0 ] && grep -q "^group,team.east,staffed_hours,336," "$tmp/dotrun/summary.csv"'

# Per-contact pricing and moves between groups, costs paired over the same replications:
# an outsourcer paid per call answered takes most of the hours where it is cheaper, so the plan costs less than the in-house-only plan that
# --fix outsourcer (held at its 0) leaves; a held group keeps its head counts.
cost() { sed -n 's/^total cost \([0-9]*\) .*/\1/p' "$1"; }
"$CCSIM" staff tests/data/staff/outsource.yaml -o "$tmp/os" > "$tmp/os.txt"; rc=$?
"$CCSIM" staff tests/data/staff/outsource.yaml --fix outsourcer -o "$tmp/osf" > "$tmp/osf.txt"; rc2=$?
used=$(awk -F, '$1 == "outsourcer" { s += $3 } END { print s + 0 }' "$tmp/os/staffing.csv")
own=$(awk -F, '$1 == "in_house" { s += $3 } END { print s + 0 }' "$tmp/os/staffing.csv")
held=$(awk -F, '$1 == "outsourcer" && ($3 != 0 || $4 != "fixed")' "$tmp/osf/staffing.csv" | wc -l)
check "outsourcer used ($used agent-hours, in-house $own), cost $(cost "$tmp/os.txt") < $(cost "$tmp/osf.txt") with it held at 0 (exit $rc, $rc2)" \
    '[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && [ "$used" -gt "$own" ] && [ "$(cost "$tmp/os.txt")" -lt "$(cost "$tmp/osf.txt")" ]'
check "--fix outsourcer: 0 in every hour, marked fixed ($held rows otherwise)" '[ "$held" -eq 0 ]'
"$CCSIM" staff tests/data/staff/outsource.yaml --set agents.outsourcer.cost_per_contact=50 > "$tmp/os50.txt"
check "an outsourcer at 50 a call is left at zero, and the table says why" \
    'grep -q "group outsourcer: no agents: [0-9]* moves of an agent to it were simulated: [0-9]* cost more" "$tmp/os50.txt"'
grep -q "group outsourcer: no agents" "$tmp/osf.txt" && echo "FAIL: a held group reported as left at zero" && fail=$((fail + 1))
"$CCSIM" staff tests/data/staff/outsource.yaml --fix nosuch -q 2>"$tmp/err"; rc=$?
check "--fix nosuch: exit 2 naming the groups (got $rc)" '[ $rc -eq 2 ] && grep -q "no such group; the groups are in_house, outsourcer" "$tmp/err"'

# Bounds in the file (agents.G.staffing: {min, max, fixed}): a contract of at most 5
# outsourced agents leaves the rest in-house, dearer than without it (measured 5,369
# against 4,863); an in-house room of 4 seats and an outsourcer guaranteed 2 stay inside
# both in every hour, the plan still meeting the target; fixed in the file holds the
# group as --fix does (the same plan); bounds no plan can meet end with exit 1 naming
# them.
os=tests/data/staff/outsource.yaml
"$CCSIM" staff $os --set agents.outsourcer.staffing.max=5 -o "$tmp/osmax" > "$tmp/osmax.txt"; rc=$?
over=$(awk -F, '$1 == "outsourcer" && $3 > 5' "$tmp/osmax/staffing.csv" | wc -l)
check "staffing.max 5: the outsourcer within it in every hour ($over over), cost $(cost "$tmp/osmax.txt") above the unbounded $(cost "$tmp/os.txt") (exit $rc)" \
    '[ $rc -eq 0 ] && [ "$over" -eq 0 ] && [ "$(cost "$tmp/osmax.txt")" -gt "$(cost "$tmp/os.txt")" ]'
"$CCSIM" staff $os --set agents.in_house.staffing.max=4 --set agents.outsourcer.staffing.min=2 \
    --set agents.outsourcer.cost_per_contact=6 -o "$tmp/osb" > "$tmp/osb.txt"; rc=$?
out=$(awk -F, '($1 == "in_house" && $3 > 4) || ($1 == "outsourcer" && $3 < 2)' "$tmp/osb/staffing.csv" | wc -l)
"$CCSIM" run "$tmp/osb/staffed.yaml" --seed 77 -r 200 -q -o "$tmp/osbrun"; rc2=$?
sl=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "service_level_20s" { print $4 }' "$tmp/osbrun/summary.csv")
check "staffing.max 4 in-house, min 2 outsourced: $out hours outside, SL on a new seed $sl (exit $rc, $rc2)" \
    '[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && [ "$out" -eq 0 ] && awk "BEGIN { exit !($sl >= 0.80) }"'
check "the table marks heads at a bound (M)" 'grep -Eq "^0[0-9]:00 +4M " "$tmp/osb.txt"'
"$CCSIM" staff $os --set agents.outsourcer.staffing.fixed=true -q -o "$tmp/osff"; rc=$?
check "staffing.fixed in the file: the plan --fix gives (exit $rc)" '[ $rc -eq 0 ] && cmp -s "$tmp/osff/staffing.csv" "$tmp/osf/staffing.csv"'
"$CCSIM" staff $os --set agents.in_house.staffing.max=4 --set agents.outsourcer.staffing.max=4 -q 2>"$tmp/err"; rc=$?
check "bounds below Erlang's need: exit 1 naming staffing.max (got $rc)" '[ $rc -eq 1 ] && grep -q "above its staffing.max (4)" "$tmp/err"'
"$CCSIM" staff $os --set agents.in_house.staffing.max=6 --set agents.outsourcer.staffing.max=5 -q 2>"$tmp/err"; rc=$?
check "bounds just too tight: exit 1, repair stops at staffing.max (got $rc)" '[ $rc -eq 1 ] && grep -q "no plan within group .*staffing.max" "$tmp/err"'

# Time-varying demand: the plan, checked on a new seed with 400 replications, meets the
# 80% target in every 15-minute interval within the tolerance and sits above it by less
# than the old rule's 93% (measured: day 88.0%, intervals 82.9% to 93.3%); every judged
# interval says one fewer misses.
"$CCSIM" staff tests/data/staff/sine.yaml -q -o "$tmp/sine"; rc=$?
"$CCSIM" run "$tmp/sine/staffed.yaml" --seed 999 -r 400 -q -o "$tmp/sinecheck"; rc2=$?
low=$(awk -F, '$3 == "voice" && $4 == "service_level_20s" && $5 < 0.795' "$tmp/sinecheck/intervals.csv" | wc -l)
day=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "service_level_20s" { print $4 }' "$tmp/sinecheck/summary.csv")
untried=$(awk -F, 'NR > 1 && $4 != "misses"' "$tmp/sine/staffing.csv" | wc -l)
check "sinusoidal day: no interval below 79.5% on a new seed ($low), day SL $day in [0.80, 0.90), $untried intervals not shown tight (exit $rc, $rc2)" \
    '[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && [ "$low" -eq 0 ] && awk "BEGIN { exit !($day >= 0.80 && $day < 0.90) }" && [ "$untried" -eq 0 ]'

# The day scope on the same day: cheaper (busy quarter hours may sit below 80% where the
# quiet ones make up for it), the day's SL on a new seed close above the target
# (measured: 4,448 against 4,838, day 81.0%); both scopes cost at least the interval's.
"$CCSIM" staff tests/data/staff/sine.yaml --target-scope day -o "$tmp/sineday" > "$tmp/sineday.out"; rc=$?
"$CCSIM" run "$tmp/sineday/staffed.yaml" --seed 999 -r 400 -q -o "$tmp/sinedaycheck"; rc2=$?
day=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "service_level_20s" { print $4 }' "$tmp/sinedaycheck/summary.csv")
"$CCSIM" staff tests/data/staff/sine.yaml -o "$tmp/sineint" > "$tmp/sineint.out"
"$CCSIM" staff tests/data/staff/sine.yaml --target-scope both -o "$tmp/sineboth" > "$tmp/sineboth.out"
cost() { sed -n 's/^total cost \([0-9.]*\) .*/\1/p' "$1"; }
cday=$(cost "$tmp/sineday.out") cint=$(cost "$tmp/sineint.out") cboth=$(cost "$tmp/sineboth.out")
check "sinusoidal day, day scope: day SL $day in [0.795, 0.85) on a new seed, cost $cday < $cint <= $cboth (exit $rc, $rc2)" \
    '[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && awk "BEGIN { exit !($day >= 0.795 && $day < 0.85 && $cday < $cint && $cint <= $cboth) }"'
grep -q "target 80% over the day$" "$tmp/sineday.out" || { echo "FAIL: the day scope not said"; fail=$((fail + 1)); }

# Deterministic for a seed whatever the thread count.
"$CCSIM" staff tests/data/staff/sine.yaml -q -j 1 -o "$tmp/sine1"
check "the same plan with -j 1 and -j 2" 'cmp -s "$tmp/sine/staffing.csv" "$tmp/sine1/staffing.csv"'

"$CCSIM" staff scenarios/default.yaml -q --set 'channels.voice.sla=[{within: 0s, target: 1.0}]' 2>"$tmp/err"; rc=$?
check "1.0 within 0 s: exit 2 with a reason (got $rc)" '[ $rc -eq 2 ] && grep -q "cannot be met" "$tmp/err"'
"$CCSIM" staff scenarios/default.yaml -q --max-occupancy 0.02 2>"$tmp/err"; rc=$?
check "occupancy cap too low: exit 1 with a reason (got $rc)" '[ $rc -eq 1 ] && grep -q "ceiling" "$tmp/err"'
"$CCSIM" staff scenarios/default.yaml -q --max-agents 12 2>"$tmp/err"; rc=$?
check "--max-agents too low: exit 1 (got $rc)" '[ $rc -eq 1 ] && [ -s "$tmp/err" ]'
for bad in "--target-scope bogus" "--target-scope" "--fix" "--fix=" "--granularity 7m" "--rule median" "--tolerance 0" "--tolerance 0.6" "--max-replications 0" "--max-occupancy 0" "--max-occupancy 2" "--max-evaluations 0"; do
    # shellcheck disable=SC2086
    "$CCSIM" staff scenarios/default.yaml -q $bad >/dev/null 2>&1; rc=$?
    check "staff $bad exits 2 (got $rc)" '[ $rc -eq 2 ]'
done
echo "staff: $fail failed"
[ "$fail" -eq 0 ]
