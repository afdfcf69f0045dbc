#!/bin/sh
# ccsim run --precision: replications are added until every headline CI (each channel's
# service levels, abandonment and ASA, each group's occupancy) is as narrow as asked;
# the count and the numbers are the same whatever the thread count; the CIs at the
# stopping point still cover Erlang's exact values; the most allowed is kept to and
# said; bad values exit 2.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
field() { awk -F, -v s="$2" -v n="$3" -v m="$4" -v c="$5" '$1 == s && $2 == n && $3 == m { print $c }' "$1/summary.csv"; }

"$CCSIM" run scenarios/erlang-c.yaml -r 10 --precision 0.005,1s -j 2 -q -o "$tmp/a" 2>"$tmp/a.err"; rc=$?
"$CCSIM" run scenarios/erlang-c.yaml -r 10 --precision 0.005,1s -j 1 -q -o "$tmp/b" 2>/dev/null
reps=$(field "$tmp/a" channel voice service_level_20s 7)
check "precision reached and said (exit $rc): $(cat "$tmp/a.err")" \
    '[ $rc -eq 0 ] && grep -q "precision reached with $reps replications" "$tmp/a.err" && [ "$reps" -gt 10 ]'
check "the same replications and numbers with -j 1 and -j 2" 'cmp -s "$tmp/a/summary.csv" "$tmp/b/summary.csv"'
check "scenario.csv: complete, $reps asked" \
    'grep -q "^replications_asked,$reps$" "$tmp/a/scenario.csv" && grep -q "^complete,true$" "$tmp/a/scenario.csv"'
# Every headline half-width within what was asked.
bad=$(awk -F, '($1 == "channel" && ($3 ~ /^service_level_/ || $3 == "abandon_rate") || $1 == "group" && $3 == "occupancy") && ($6 - $5) / 2 > 0.005 { n++ }
               $1 == "channel" && $3 == "asa_s" && ($6 - $5) / 2 > 1 { n++ } END { print n + 0 }' "$tmp/a/summary.csv")
check "every headline half-width within 0.005 and 1 s ($bad wider)" '[ "$bad" -eq 0 ]'
# Coverage of the sequential procedure (stopping when the CI is narrow enough could
# make it cover less): over 20 seeds, the stopping point's 95% CIs cover Erlang C's
# exact SL 0.888350, ASA 7.836 s and occupancy 0.714286 at least 16 times each (for a
# true 95% interval, fewer than 16 of 20 has probability 1.6%). One seed alone is not a
# test: seed 2024's first 123 replications hold 1.4% fewer calls than expected (their
# own CI on offered excludes the exact 4,800), and all three of its CIs sit low.
: > "$tmp/cover"
for seed in $(seq 101 120); do
    "$CCSIM" run scenarios/erlang-c.yaml -r 10 -s "$seed" --precision 0.005,1s -q -o "$tmp/s$seed" 2>/dev/null
    awk -F, '$1 == "channel" && $3 == "service_level_20s" { print "sl", ($5 <= 0.888350 && 0.888350 <= $6) }
             $1 == "channel" && $3 == "asa_s" { print "asa", ($5 <= 7.836 && 7.836 <= $6) }
             $1 == "group" && $3 == "occupancy" { print "occ", ($5 <= 0.714286 && 0.714286 <= $6) }' \
        "$tmp/s$seed/summary.csv" >> "$tmp/cover"
done
for m in sl asa occ; do
    covered=$(awk -v m=$m '$1 == m { c += $2; n++ } END { print c + 0 "/" n + 0 }' "$tmp/cover")
    check "$m: the exact value inside the stopping CI in $covered seeds (at least 16/20)" \
        '[ "${covered%/*}" -ge 16 ] && [ "${covered#*/}" -eq 20 ]'
done
# A tighter precision takes more replications, within the most allowed.
"$CCSIM" run scenarios/erlang-c.yaml -r 10 --precision 0.0025 -q -o "$tmp/c" 2>/dev/null
reps2=$(field "$tmp/c" channel voice service_level_20s 7)
check "half the half-width: about four times the replications ($reps2 against $reps)" \
    '[ "$reps2" -ge $((3 * reps)) ]'
"$CCSIM" run scenarios/erlang-c.yaml -r 10 --precision 0.001 --max-replications 60 -q -o "$tmp/d" 2>"$tmp/d.err"; rc=$?
check "the most allowed kept to and said (exit $rc)" \
    '[ $rc -eq 0 ] && [ "$(field "$tmp/d" channel voice service_level_20s 7)" = 60 ] && grep -q "precision not reached: 60 replications" "$tmp/d.err"'

for bad in "--precision 0" "--precision 0.6" "--precision x" "--precision 0.01,0s" "--precision 0.01,0.02" \
           "--precision 1s,2s" "--precision ," "--precision 0.01," "--max-replications 50" \
           "--precision 0.01 --max-replications 0"; do
    # shellcheck disable=SC2086
    "$CCSIM" run scenarios/erlang-c.yaml -q $bad >/dev/null 2>"$tmp/err"; rc=$?
    check "run $bad exits 2 with a message (got $rc)" '[ $rc -eq 2 ] && [ -s "$tmp/err" ]'
done
"$CCSIM" staff scenarios/erlang-c.yaml -q --precision 0.01 >/dev/null 2>"$tmp/err"; rc=$?
check "staff --precision: exit 2, only for run (got $rc)" '[ $rc -eq 2 ] && grep -q "only for run" "$tmp/err"'
echo "precision: $fail failed"
[ "$fail" -eq 0 ]
