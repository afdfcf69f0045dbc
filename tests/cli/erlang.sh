#!/bin/sh
# `ccsim erlang`: the command line reproduces shared/VALIDATION.md to the printed digits
# (read from the --csv output), finds the least N meeting a target, copes with 5,000
# agents, reports an unstable Erlang C plainly, and exits 2 on every bad input.
# Service levels are named as in VALIDATION.md: service_level = answered within AWT /
# (answered + abandoned) (ccsim's headline; in Erlang A the same as answered within AWT /
# all arrivals), sl_answered = answered within AWT / answered, sl_offered = P(offered
# wait <= AWT).
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

# value FILE N MEASURE: the value of MEASURE at N agents in a --csv output.
value() { awk -F, -v n="$2" -v m="$3" '$2 == n && $3 == m { print $4; found = 1 } END { if (!found) print "missing" }' "$1"; }
# expect FILE N MEASURE DIGITS WANT [SCALE]: the value (times SCALE) printed with DIGITS
# decimals is WANT.
expect() {
    got=$(value "$1" "$2" "$3")
    printed=$(echo "$got" | awk -v d="$4" -v s="${6:-1}" '{ printf "%.*f", d, $1 * s }')
    if [ "$printed" != "$5" ]; then
        echo "FAIL: $1 N=$2 $3: got $got ($printed), want $5"
        fail=$((fail + 1))
    fi
}
# near FILE N MEASURE WANT TOL: |value - WANT| <= TOL.
near() {
    got=$(value "$1" "$2" "$3")
    if ! echo "$got" | awk -v w="$4" -v t="$5" '{ d = $1 - w; exit !(d <= t && -d <= t) }'; then
        echo "FAIL: $1 N=$2 $3: got $got, want $4 within $5"
        fail=$((fail + 1))
    fi
}

# CSV header and long format.
"$CCSIM" erlang c --rate 200/h --aht 3m --agents 13:15 --awt 20s --csv >"$tmp/c.csv"; rc=$?
check "erlang c exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "csv header" '[ "$(head -1 "$tmp/c.csv")" = "model,agents,measure,value" ]'
check "csv rows are model c" '[ "$(sed 1d "$tmp/c.csv" | cut -d, -f1 | sort -u)" = "c" ]'

# Erlang B, offered load 10.
"$CCSIM" erlang b --load 10 --agents 15:18 --csv >"$tmp/b.csv"
expect "$tmp/b.csv" 15 p_block 6 0.036497
expect "$tmp/b.csv" 16 p_block 6 0.022302
expect "$tmp/b.csv" 17 p_block 6 0.012949
expect "$tmp/b.csv" 18 p_block 6 0.007142
# The same load as --rate x --aht.
"$CCSIM" erlang b --rate 200/h --aht 3m --agents 15 --csv >"$tmp/b2.csv"
expect "$tmp/b2.csv" 15 p_block 6 0.036497

# Erlang C, lambda = 100 per 30 min = 200/h, AHT 3 min, AWT 20 s. Without abandonment
# the three service levels agree; each is checked.
expect "$tmp/c.csv" 13 service_level 5 0.79559
expect "$tmp/c.csv" 13 p_wait 5 0.28527
for m in service_level sl_answered sl_offered; do expect "$tmp/c.csv" 14 $m 6 0.888350; done
expect "$tmp/c.csv" 14 p_wait 6 0.174132
expect "$tmp/c.csv" 14 occupancy 6 0.714286
expect "$tmp/c.csv" 14 asa_s 3 7.836
expect "$tmp/c.csv" 15 service_level 6 0.941453
expect "$tmp/c.csv" 15 p_wait 6 0.102042
# The same traffic as --load 10 with a bare-seconds --aht.
"$CCSIM" erlang c --load 10 --aht 180 --agents 14 --csv >"$tmp/c2.csv"
expect "$tmp/c2.csv" 14 service_level 6 0.888350

# Erlang C, lambda = 4/min, AHT 3, N = 14: ASA 0.72256 min, occupancy 0.857143. The
# published SL 0.614195 was computed with AWT 19.98 s; the exact value at 20 s is
# 0.614280, and 19.98 s gives the published figure.
"$CCSIM" erlang c --rate 4/m --aht 3m --agents 14 --csv >"$tmp/c4.csv"
expect "$tmp/c4.csv" 14 asa_s 5 0.72256 0.016666666666666666
expect "$tmp/c4.csv" 14 occupancy 6 0.857143
expect "$tmp/c4.csv" 14 service_level 6 0.614280
"$CCSIM" erlang c --rate 4/m --aht 3m --agents 14 --awt 19.98s --csv >"$tmp/c4b.csv"
expect "$tmp/c4b.csv" 14 service_level 6 0.614195

# Erlang A case 1: lambda = 4/min, AHT 3, N = 14, patience 1, AWT 20 s. The four
# service-level definitions of VALIDATION.md (to its four digits) where ccsim has them:
# 0.8615 answered within AWT / all arrivals (= service_level) and 0.9307 sl_answered.
# sl_offered is the exception: the published 0.879669 (and its 0.8797) used AWT 19.98 s.
# The exact value at 20 s is 0.879763 (0.8798 to four digits); at 19.98 s it is
# 0.879661, 8e-6 from the published figure (as tests/test_erlang_formulas.c finds too).
"$CCSIM" erlang a --rate 4/m --aht 3m --patience 1m --agents 14 --awt 20s --csv >"$tmp/a1.csv"
expect "$tmp/a1.csv" 14 p_abandon 6 0.074325
expect "$tmp/a1.csv" 14 occupancy 6 0.793436
expect "$tmp/a1.csv" 14 offered_wait_mean_s 6 0.100441 0.016666666666666666
expect "$tmp/a1.csv" 14 service_level 4 0.8615
expect "$tmp/a1.csv" 14 sl_answered 4 0.9307
expect "$tmp/a1.csv" 14 sl_offered 6 0.879763
"$CCSIM" erlang a --rate 4/m --aht 3m --patience 1m --agents 14 --awt 19.98s --csv >"$tmp/a1b.csv"
expect "$tmp/a1b.csv" 14 sl_offered 4 0.8797
near "$tmp/a1b.csv" 14 sl_offered 0.879669 1e-5

# Erlang A case 2: 200/h, AHT 3, patience 5, N = 13, AWT 20 s. The published 0.858182
# (answered within AWT / arrivals) is 4e-6 off the exact 0.858178; they agree to 5
# decimals.
"$CCSIM" erlang a --rate 200/h --aht 3m --patience 5m --agents 13 --csv >"$tmp/a2.csv"
expect "$tmp/a2.csv" 13 p_abandon 6 0.024963
expect "$tmp/a2.csv" 13 p_wait 6 0.225797
expect "$tmp/a2.csv" 13 occupancy 6 0.750028
expect "$tmp/a2.csv" 13 mean_wait_s 6 0.124817 0.016666666666666666
expect "$tmp/a2.csv" 13 service_level 6 0.858178
expect "$tmp/a2.csv" 13 service_level 5 0.85818

# The least N for 80% within 20 s at 200/h, AHT 3m: SL(13) = 0.79559 < 0.8 and SL(14) =
# 0.888350, so 14.
"$CCSIM" erlang c --rate 200/h --aht 3m --awt 20s --target-sl 0.8 --csv >"$tmp/t.csv"; rc=$?
check "target search exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "least N for 80/20 is 14" '[ "$(sed -n 2p "$tmp/t.csv" | cut -d, -f2)" = 14 ]'
check "text names the least N" '"$CCSIM" erlang c --rate 200/h --aht 3m --target-sl 0.8 | grep -q "least N.*: 14 agents"'
# Several targets: the least N meeting all of them (ASA <= 5 s needs 15).
"$CCSIM" erlang c --rate 200/h --aht 3m --target-sl 0.8 --target-asa 5s --csv >"$tmp/t2.csv"
check "least N for 80/20 and ASA 5 s is 15" '[ "$(sed -n 2p "$tmp/t2.csv" | cut -d, -f2)" = 15 ]'
# Erlang B: blocking <= 1% at load 10 needs 18 (B(17) = 0.012949).
"$CCSIM" erlang b --load 10 --target-block 0.01 --csv >"$tmp/t3.csv"
check "least N for 1% blocking is 18" '[ "$(sed -n 2p "$tmp/t3.csv" | cut -d, -f2)" = 18 ]'
# Erlang A: abandonment <= 5% at case 1 needs 16 (p_abandon(15) = 0.050332).
"$CCSIM" erlang a --rate 4/m --aht 3m --patience 1m --target-abandon 0.05 --csv >"$tmp/t4.csv"
check "least N for 5% abandonment is 16" '[ "$(sed -n 2p "$tmp/t4.csv" | cut -d, -f2)" = 16 ]'
# No N meets an ASA of 0: exit 1 with a message.
"$CCSIM" erlang c --load 10 --aht 3m --target-asa 0 >/dev/null 2>"$tmp/err"; rc=$?
check "unmeetable target exits 1 (got $rc)" '[ $rc -eq 1 ]'
check "unmeetable target says so" 'grep -q "no staffing up to" "$tmp/err"'

# Large centers: N = 5000 at load 4900 gives finite numbers, fast.
for m in c "a --patience 1m"; do
    # shellcheck disable=SC2086
    "$CCSIM" erlang $m --load 4900 --aht 3m --agents 5000 --csv >"$tmp/big.csv"; rc=$?
    check "erlang $m N=5000 exits 0 (got $rc)" '[ $rc -eq 0 ]'
    check "erlang $m N=5000 numbers are finite" \
        '[ "$(sed 1d "$tmp/big.csv" | wc -l)" -ge 7 ] && ! grep -qiE "nan|inf" "$tmp/big.csv"'
done
"$CCSIM" erlang c --load 4900 --aht 3m --target-sl 0.8 --csv >"$tmp/big.csv"; rc=$?
check "search at load 4900 exits 0 (got $rc)" '[ $rc -eq 0 ]'

# Unstable Erlang C: a clear line, exit 0; the CSV gives the limits, no NaN.
"$CCSIM" erlang c --load 10 --aht 3m --agents 10 >"$tmp/out"; rc=$?
check "unstable erlang c exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "unstable erlang c says the queue grows" 'grep -q "grows without bound" "$tmp/out"'
"$CCSIM" erlang c --load 10 --aht 3m --agents 9:11 --csv >"$tmp/u.csv" 2>"$tmp/err"
check "unstable csv has no NaN" '! grep -qi nan "$tmp/u.csv"'
check "unstable csv p_wait 1" '[ "$(value "$tmp/u.csv" 10 p_wait)" = 1 ]'
check "unstable csv asa Inf" '[ "$(value "$tmp/u.csv" 10 asa_s)" = Inf ]'
check "unstable csv note on stderr" 'grep -q "grows without bound" "$tmp/err"'

# Text output names the definition of each service level.
"$CCSIM" erlang a --rate 4/m --aht 3m --patience 1m --agents 14 >"$tmp/out"
check "text: headline definition" 'grep -q "^ *service_level .*answered within AWT / (answered + abandoned)" "$tmp/out"'
check "text: sl_answered definition" 'grep -q "^ *sl_answered .*answered within AWT / answered" "$tmp/out"'
check "text: sl_offered definition" 'grep -q "^ *sl_offered .*P(offered wait <= AWT)" "$tmp/out"'
check "--help exits 0" '"$CCSIM" erlang --help | grep -q "usage: ccsim erlang"'

# Bad usage and bad values: exit 2 and a message naming the flag and the value.
for args in "" "x" "c a" "c --rate 200/h --aht 3x --agents 14" "c --rate 200 --aht 3m --agents 14" \
            "c --rate 200/h --agents 14" "c --rate 200/h --aht 3m" "c --rate 200/h --aht 3m --agents 0" \
            "c --rate 200/h --aht 3m --agents 15:14" "c --rate 200/h --aht 3m --agents 1.5" \
            "c --rate 200/h --aht 3m --agents 14 --awt -1s" "c --rate 0/h --aht 3m --agents 14" \
            "c --rate 200/h --aht 3m --agents 14 --patience 1m" "a --rate 200/h --aht 3m --agents 14" \
            "a --rate 200/h --aht 3m --patience 0 --agents 14" "b --rate 200/h --agents 14" \
            "b --load 10 --agents 14 --awt 20s" "b --load abc --agents 14" \
            "c --rate 200/h --aht 3m --target-sl 80%" "c --rate 200/h --aht 3m --target-sl 1.5" \
            "c --rate 200/h --aht 3m --agents 14 --target-sl 0.8" "c --load 10 --aht 3m --agents 14 --frob" \
            "c --load 10 --aht 3m --agents" "c --load 10 --rate 200/h --aht 3m --agents 14" \
            "c --load 10 --aht 3m --target-abandon 0.1" "b --load 10 --target-sl 0.8" \
            "c --load 10 --aht 3m --agents 14 --csv=yes"; do
    # shellcheck disable=SC2086
    "$CCSIM" erlang $args >/dev/null 2>"$tmp/err"; rc=$?
    check "'ccsim erlang $args' exits 2 (got $rc)" '[ $rc -eq 2 ]'
    check "'ccsim erlang $args' says why" 'grep -q "^ccsim: erlang: " "$tmp/err" && grep -q "Try .ccsim erlang --help." "$tmp/err"'
done
"$CCSIM" erlang c --rate 200/h --aht 3x --agents 14 2>"$tmp/err"
check "bad --aht names flag and value" 'grep -q "^ccsim: erlang: --aht \"3x\": not a duration" "$tmp/err"'
# A whole number is written with digits, on the command line as in a scenario file
# (where staff: 26.0 is refused too): 26.0 and 1e1 agents are refused by name.
for n in 26.0 1e1 10:26.0; do
    "$CCSIM" erlang c --rate 200/h --aht 3m --agents $n >/dev/null 2>"$tmp/err"; rc=$?
    check "--agents $n exits 2 (got $rc)" '[ $rc -eq 2 ]'
    check "--agents $n names the option" 'grep -q "^ccsim: erlang: --agents \"$n\": write a whole number" "$tmp/err"'
done

echo "erlang: $fail failed"
[ "$fail" -eq 0 ]
