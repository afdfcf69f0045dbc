#!/bin/sh
# `ccsim run`: the output files exist with the headers of shared/SCENARIO.md, the same
# scenario and seed give byte-identical files whatever the thread count, and usage
# errors exit with status 2.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

"$CCSIM" run scenarios/default.yaml -r 4 -j 1 -o "$tmp/a" -q; rc=$?
check "run exits 0" '[ $rc -eq 0 ]'
"$CCSIM" run scenarios/default.yaml -r 4 -j 2 -o "$tmp/b" -q
"$CCSIM" run scenarios/default.yaml -r 4 -j 3 -o "$tmp/c" -q
for f in summary.csv intervals.csv replications.csv; do
    check "$f exists" '[ -s "$tmp/a/$f" ]'
    check "$f identical with -j 2" 'cmp -s "$tmp/a/$f" "$tmp/b/$f"'
    check "$f identical with -j 3" 'cmp -s "$tmp/a/$f" "$tmp/c/$f"'
done
check "summary header" '[ "$(head -1 "$tmp/a/summary.csv")" = "scope,name,measure,mean,ci95_low,ci95_high,replications" ]'
check "intervals header" '[ "$(head -1 "$tmp/a/intervals.csv")" = "interval_start,scope,name,measure,mean,ci95_low,ci95_high,replications" ]'
check "replications header" '[ "$(head -1 "$tmp/a/replications.csv")" = "replication,scope,name,measure,value" ]'
check "first interval 08:00" 'sed -n 2p "$tmp/a/intervals.csv" | grep -q "^08:00,total,all,offered,"'
check "six-minute rule measure" 'grep -q "^channel,voice,service_level_360s," "$tmp/a/summary.csv"'
check "no temporary files left" '[ -z "$(ls -A "$tmp/a" | grep "\.tmp\.")" ]'
for f in scenario.csv targets.csv; do check "$f exists" '[ -s "$tmp/a/$f" ]'; done
# Short options may carry their value: -r4 -j2 -oDIR.
"$CCSIM" run scenarios/default.yaml -r4 -j2 -o"$tmp/glued" -q; rc=$?
check "run -r4 -j2 -oDIR exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "-r4 -j2 -oDIR gives the files of -r 4 -j 1 -o DIR" 'cmp -s "$tmp/a/summary.csv" "$tmp/glued/summary.csv"'
# A different seed changes the numbers.
"$CCSIM" run scenarios/default.yaml -r 4 -s 99 -o "$tmp/d" -q
check "another seed differs" '! cmp -s "$tmp/a/summary.csv" "$tmp/d/summary.csv"'

# Usage errors: exit 2 and a message.
for args in "" "run" "run scenarios/default.yaml -r 0" "run scenarios/default.yaml -r x" \
            "run scenarios/default.yaml -j" "run scenarios/default.yaml --frobnicate" \
            "frobnicate" "run scenarios/default.yaml extra.yaml" "run scenarios/default.yaml -s -1" \
            "run scenarios/default.yaml -j0" "run scenarios/default.yaml -rx" \
            "run no-such-file.yaml" "check scenarios/default.yaml --set nokey" \
            "run scenarios/default.yaml -r 26.0" "run scenarios/default.yaml -j 2.0" \
            "run scenarios/default.yaml -s 1e3"; do
    # shellcheck disable=SC2086
    "$CCSIM" $args >/dev/null 2>"$tmp/err"; rc=$?
    check "'ccsim $args' exits 2 (got $rc)" '[ $rc -eq 2 ]'
    check "'ccsim $args' says why" '[ -s "$tmp/err" ]'
done
check "--help exits 0" '"$CCSIM" --help >/dev/null'
# Every command has its own help: its usage line, its own options, not the others'.
for c in run check sweep staff compare calibrate validate erlang plot; do
    "$CCSIM" $c --help > "$tmp/help-$c"; rc=$?
    check "$c --help: exit 0 (got $rc) and its own usage" '[ $rc -eq 0 ] && head -n 1 "$tmp/help-$c" | grep -q "^usage: ccsim $c "'
done
check "staff --help lists --tolerance and --rule, not --vary" \
    'grep -q -- "--tolerance" "$tmp/help-staff" && grep -q -- "--rule" "$tmp/help-staff" && ! grep -q -- "--vary" "$tmp/help-staff"'
check "run --help lists --contacts, not --policies" \
    'grep -q -- "--contacts" "$tmp/help-run" && ! grep -q -- "--policies" "$tmp/help-run"'
check "--version" '"$CCSIM" --version | grep -q "^ccsim "'
check "check ok" '"$CCSIM" check scenarios/default.yaml >/dev/null'
check "--set with a [i] index" '"$CCSIM" check tests/data/mixed.yaml --set "agents.voice_team.shifts[0].count=9" >/dev/null'
check "--set with a .i index" '"$CCSIM" check tests/data/mixed.yaml --set agents.voice_team.shifts.1.count=2 >/dev/null'
# An output folder that cannot be made is a failed run: exit 1, and no partial files.
: > "$tmp/file"
"$CCSIM" run scenarios/erlang-c.yaml -r 2 -o "$tmp/file/sub" -q 2>/dev/null; rc=$?
check "unwritable output exits 1 (got $rc)" '[ $rc -eq 1 ]'
# The per-contact log agrees with the counts: per replication and outcome, the counted
# contacts of the log equal the total's contained, answered and abandoned.
"$CCSIM" run tests/data/mixed.yaml -r 2 -q -o "$tmp/log" --contacts "$tmp/log/contacts.csv"; rc=$?
check "run --contacts exits 0" '[ $rc -eq 0 ]'
for r in 1 2; do
    for outcome in contained answered abandoned; do
        from_log=$(awk -F, -v r=$r -v o=$outcome '$1 == r && $5 == 1 && $6 == o { n++ } END { print n + 0 }' "$tmp/log/contacts.csv")
        from_sum=$(awk -F, -v r=$r -v o=$outcome '$1 == r && $2 == "total" && $4 == o { print $5 + 0 }' "$tmp/log/replications.csv")
        check "replication $r $outcome: log $from_log = counts $from_sum" '[ "$from_log" = "$from_sum" ]'
    done
done

# A scenario file of absurd size (a profile of millions of values) is refused unread.
awk 'BEGIN { printf "name: t\nhorizon: 8h\nchannels:\n  voice:\n    arrivals: {profile: ["; for (i = 0; i < 6000000; i++) printf "10,"; print "10]}" }' > "$tmp/huge.yaml"
"$CCSIM" check "$tmp/huge.yaml" >/dev/null 2>"$tmp/err"; rc=$?
check "a 17 MB scenario is refused (exit $rc)" '[ $rc -eq 2 ] && grep -q "at most 16 MiB" "$tmp/err"'
"$CCSIM" check scenarios >/dev/null 2>"$tmp/err"; rc=$?
check "a folder is not a scenario (exit $rc)" '[ $rc -eq 2 ] && grep -q "a folder" "$tmp/err"'

# A single stationary channel prints the Erlang answer beside the simulation.
check "Erlang A beside erlang-a.yaml" '"$CCSIM" run scenarios/erlang-a.yaml -r 3 | grep -q "^Erlang A (steady state) beside"'
check "no Erlang beside a multi-channel day" '! "$CCSIM" run scenarios/default.yaml -r 2 | grep -q "^Erlang"'
echo "run outputs: $fail failed"
[ "$fail" -eq 0 ]
