#!/bin/sh
# ccsim calibrate and validate.
# 1. Recovery: ccsim logs 20 days of tests/data/calib_known.yaml (lognormal handle time
#    4m cv 0.8, exponential patience 3m, an IVR containing 25% with exponential 60 s,
#    10 agents, 200/h); calibrate must find every value within 3 standard errors of the
#    truth (censoring included: 3/4 of the waits end in an answer), choose lognormal
#    for the handle time and exponential for the patience and the bot (smallest BIC),
#    and see 10 agents in every interval. validate of the fit against its own log agrees.
# 2. Bad logs (tests/data/calib_bad_*): exit 2, a FILE:LINE:COLUMN message, bad rows
#    counted by reason; with --max-bad raised, the same rows are counted and skipped.
# 3. A generic CSV with "YYYY-MM-DD HH:MM:SS" times and a weekday filter.
# 4. A log of a million rows in bounded memory (when GNU time is there to measure it).
# 5. The Anonymous Bank 1999: March calibrated, April validated, end to end.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

# ---- 1. recovery ----
"$CCSIM" run tests/data/calib_known.yaml -q --contacts "$tmp/log.csv"; rc=$?
check "ccsim run --contacts exits 0" '[ $rc -eq 0 ]'
"$CCSIM" calibrate "$tmp/log.csv" -o "$tmp/fit.yaml" --report "$tmp/rep.csv" > "$tmp/out.txt"; rc=$?
check "calibrate exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "the fitted scenario loads" '"$CCSIM" check "$tmp/fit.yaml" >/dev/null'
# within SECTION ITEM FAMILY TRUTH: |estimate - truth| <= 3 standard errors
within() {
    awk -F, -v s="$1" -v i="$2" -v f="$3" -v t="$4" '
        $1 == s && $3 == i && $4 == f { found = 1; d = $5 - t; if (d < 0) d = -d
            printf "  %-12s %-12s %-24s %10.4f (se %.4f), truth %s: %.2f se\n", s, i, f, $5, $6, t, d / $6
            if (!($6 > 0) || d > 3 * $6) bad = 1 }
        END { exit !found || bad }' "$tmp/rep.csv"
}
chosen() { awk -F, -v s="$1" -v f="$2" '$1 == s && $3 == "mean_s" && $8 == "chosen" { c = $4 } END { exit c != f }' "$tmp/rep.csv"; }
echo "recovered against the truth:"
check "handle mean 240 s" 'within handle_time mean_s lognormal 240'
check "handle cv 0.8" 'within handle_time cv lognormal 0.8'
check "handle time: lognormal chosen" 'chosen handle_time lognormal'
check "patience mean 180 s (exposure / abandonments)" 'within patience mean_s exponential_closed_form 180'
check "patience mean 180 s (binned censored MLE)" 'within patience mean_s exponential 180'
check "patience: exponential chosen" 'chosen patience exponential'
check "containment 0.25" 'within bot containment "" 0.25'
check "bot time 60 s" 'within bot_time mean_s exponential 60'
check "bot time: exponential chosen" 'chosen bot_time exponential'
# 200/h over 12 h: 2400 a day, Poisson, so the mean of 20 days has se sqrt(2400/20).
check "offered per day 2400 within 3 se" 'awk -F, "\$1 == \"volume\" { d = \$5 - 2400; if (d < 0) d = -d; print \"  offered per day\", \$5; exit d > 3 * sqrt(2400 / 20) }" "$tmp/rep.csv"'
check "staff 10 in every interval" '[ "$(awk "/staff:/ { on = 1 } on { print } /skills/ { on = 0 }" "$tmp/fit.yaml" | tr -c "0-9\n" " " | tr " " "\n" | grep -v "^$" | sort -u | tr "\n" " ")" = "10 " ]'
check "horizon 08:00-20:00" 'grep -q "horizon: {start: .08:00., end: .20:00.}" "$tmp/fit.yaml"'
check "report on stdout: criterion and Kaplan-Meier" 'grep -q "smallest BIC" "$tmp/out.txt" && grep -q "Kaplan-Meier" "$tmp/out.txt"'
"$CCSIM" validate "$tmp/log.csv" "$tmp/fit.yaml" -r 10 -o "$tmp/val" > "$tmp/val.txt"; rc=$?
check "validate exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "validate.csv has the six measures for 24 intervals" '[ "$(grep -c "^[0-9][0-9]:[0-9][0-9],total," "$tmp/val/validate.csv")" -eq 144 ]'
check "validate draws its chart" '[ -s "$tmp/val/plots/validate.png" ] || ! command -v gnuplot >/dev/null'
# The fit simulated against its own log: abandonment within 0.02 on average.
check "validate: abandonment error of the fit on its own log below 0.02" \
    'awk "/abandon_rate/ && /simulation/ { exit !(\$3 < 0.02) }" "$tmp/val.txt"'

# A log whose channel the scenario lacks: said, and refused when no channel is shared;
# a log with one more channel than the scenario: said, and the run goes on.
sed 's/,voice,/,phone,/' "$tmp/log.csv" > "$tmp/log-phone.csv"
"$CCSIM" validate "$tmp/log-phone.csv" "$tmp/fit.yaml" -r 2 -q 2>"$tmp/err"; rc=$?
check "validate, no shared channel: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "validate, no shared channel: says the log's channel phone is not in the scenario" \
    'grep -q "channel phone is not in the scenario" "$tmp/err" && grep -q "none of the log.s channels" "$tmp/err"'
awk -F, 'NR > 1 && NR % 10 == 0 { $2 = "fax" } 1' OFS=, "$tmp/log.csv" > "$tmp/log-fax.csv"
"$CCSIM" validate "$tmp/log-fax.csv" "$tmp/fit.yaml" -r 2 -q 2>"$tmp/err"; rc=$?
check "validate, one extra channel: exit 0 (got $rc) and says so" \
    '[ $rc -eq 0 ] && grep -q "channel fax is not in the scenario" "$tmp/err"'

# A channel named web.chat, validated with the log's own arrivals and agents: the
# variant is made in memory, so the dot in the name is part of it (it once broke the
# overrides "channels.web.chat.arrivals=..."). Mean simulated offered per interval
# equals the log's within 10%.
sed 's/^  voice:/  web.chat:/; s/skills: \[voice\]/skills: [web.chat]/; s/channels: \[voice\]/channels: [web.chat]/' "$tmp/fit.yaml" > "$tmp/dotted.yaml"
sed 's/,voice,/,web.chat,/' "$tmp/log.csv" > "$tmp/dotted.csv"
"$CCSIM" validate "$tmp/dotted.csv" "$tmp/dotted.yaml" --use-observed arrivals,staff -r 10 -o "$tmp/dval" > "$tmp/dval.txt" 2>&1; rc=$?
check "validate web.chat with --use-observed exits 0 (got $rc: $(head -c 300 "$tmp/dval.txt"))" '[ $rc -eq 0 ]'
check "web.chat: simulated offered within 10% of the log's" \
    'awk -F, "\$2 == \"total\" && \$4 == \"offered\" { o += \$5; s += \$6 } END { exit !(o > 0 && s / o > 0.9 && s / o < 1.1) }" "$tmp/dval/validate.csv"'

# ---- 2. bad logs ----
for f in tests/data/calib_bad_*; do
    fmt=ccsim
    case $f in *bank*) fmt=bank1999 ;; esac
    "$CCSIM" calibrate --format $fmt "$f" -o "$tmp/bad.yaml" -q 2>"$tmp/err"; rc=$?
    check "$f exits 2 (got $rc)" '[ $rc -eq 2 ]'
    check "$f: message names the file" 'grep -q "$f" "$tmp/err"'
    check "$f: no scenario written" '[ ! -e "$tmp/bad.yaml" ]'
done
for f in timestamp answer_before_arrival negative_duration fields outcome; do
    check "calib_bad_$f: FILE:LINE:COLUMN" 'grep -q "calib_bad_$f.csv:4:[0-9][0-9]*: " "$tmp/err" || "$CCSIM" calibrate tests/data/calib_bad_$f.csv -o "$tmp/bad.yaml" -q 2>&1 | grep -q "calib_bad_$f.csv:4:[0-9][0-9]*: "'
    check "calib_bad_$f: 1 of 5 rows rejected" '"$CCSIM" calibrate tests/data/calib_bad_$f.csv -o "$tmp/bad.yaml" -q 2>&1 | grep -q "1 of 5 rows rejected"'
done
"$CCSIM" calibrate tests/data/calib_bad_missing_column.csv -o "$tmp/bad.yaml" -q 2>"$tmp/err"
check "missing column named" 'grep -q "no column \"arrival_s\"" "$tmp/err"'
"$CCSIM" calibrate --format bank1999 tests/data/calib_bad_bank.txt -o "$tmp/bad.yaml" -q 2>"$tmp/err"
check "bank: negative vru_time at its column" 'grep -q "calib_bad_bank.txt:3:46: negative duration" "$tmp/err"'
check "bank: bad date, type AA counted" 'grep -q "bad date: 1" "$tmp/err" && grep -q "unknown call type: 1" "$tmp/err"'
check "bank: the spaces-for-tab row repaired, not rejected" 'grep -q "repaired: spaces instead of the tab before type: 1" "$tmp/err"'
"$CCSIM" calibrate tests/data/calib_bad_negative_duration.csv --max-bad 0.5 -o "$tmp/ok.yaml" --report "$tmp/okrep.csv" >"$tmp/ok.txt" 2>"$tmp/err"; rc=$?
check "--max-bad 0.5: goes on (got $rc)" '[ $rc -eq 0 ] && [ -s "$tmp/ok.yaml" ]'
check "--max-bad 0.5: the bad row is reported and counted" 'grep -q "negative duration" "$tmp/err" && grep -q "rejected, negative duration: 1" "$tmp/ok.txt" && grep -q "^rows,,rejected,negative,1," "$tmp/okrep.csv"'
"$CCSIM" calibrate "$tmp/log.csv" -o "$tmp/x.yaml" --days sun-thu -q 2>"$tmp/err"; rc=$?
check "--days without dates exits 2" '[ $rc -eq 2 ] && grep -q "needs dates" "$tmp/err"'
"$CCSIM" calibrate "$tmp/log.csv" -q 2>/dev/null; rc=$?
check "no -o exits 2" '[ $rc -eq 2 ]'
"$CCSIM" calibrate "$tmp/log.csv" --interval 7m -o "$tmp/x.yaml" -q 2>/dev/null; rc=$?
check "--interval 7m exits 2" '[ $rc -eq 2 ]'

# ---- 3. generic CSV with dates: day d of the ccsim log is 2024-03-d (1 March 2024 was a Friday) ----
awk -F, 'function hms(t) { t = int(t + 0.5); return sprintf("%02d:%02d:%02d", int(t / 3600), int(t % 3600 / 60), t % 60) }
    NR == 1 { print "id,start,queue_in,pickup,hangup,result,agent_name"; next }
    { d = sprintf("2024-03-%02d ", $1); printf "%d,%s%s,%s,%s,%s,%s,%s\n", NR, d, hms($7), ($8 == "" ? "" : d hms($8)),
        ($9 == "" ? "" : d hms($9)), d hms($10), $6, ($14 == "" ? "" : $13 "-" $14) }' "$tmp/log.csv" > "$tmp/generic.csv"
"$CCSIM" calibrate --format generic --columns arrival=start,queued=queue_in,answered=pickup,end=hangup,outcome=result,agent=agent_name \
    --days weekday "$tmp/generic.csv" -o "$tmp/gen.yaml" --report "$tmp/genrep.csv" > "$tmp/gen.txt"; rc=$?
check "generic with dates exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "generic: 14 weekdays of 20 days kept" 'grep -q "days: 14;" "$tmp/gen.txt" && grep -q "excluded by --days" "$tmp/gen.txt"'
check "generic: patience still 180 s within 3 se (times rounded to the second)" 'awk -F, "\$1 == \"patience\" && \$4 == \"exponential_closed_form\" { d = \$5 - 180; if (d < 0) d = -d; exit d > 3 * \$6 }" "$tmp/genrep.csv"'

# ---- 4. a million rows in bounded memory ----
awk -F, -v OFS=, 'NR == 1 { print; next } { r = $1; for (k = 0; k < 20; k++) { $1 = r + 20 * k; print } }' "$tmp/log.csv" > "$tmp/big.csv"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$tmp/rss" "$CCSIM" calibrate "$tmp/big.csv" -o "$tmp/big.yaml" -q; rc=$?
    rss=$(tail -1 "$tmp/rss")
    echo "  $(wc -l < "$tmp/big.csv") rows, $(du -m "$tmp/big.csv" | cut -f1) MB: max RSS ${rss} KB"
    case "$CCSIM" in
    *san*) check "a million rows: exit 0 (sanitizers: RSS not meaningful)" '[ $rc -eq 0 ]' ;;
    *) check "a million rows: exit 0 and max RSS below 32 MB" '[ $rc -eq 0 ] && [ "$rss" -lt 32768 ]' ;;
    esac
else
    "$CCSIM" calibrate "$tmp/big.csv" -o "$tmp/big.yaml" -q; rc=$?
    check "a million rows: exit 0" '[ $rc -eq 0 ]'
fi
rm -f "$tmp/big.csv"

# ---- 5. the Anonymous Bank, 1999 ----
B=../shared/data/real/anonymous_bank_1999
[ -d "$B" ] || B=/work/shared/data/real/anonymous_bank_1999
if [ -f "$B/march.txt" ]; then
    "$CCSIM" calibrate --format bank1999 "$B/march.txt" --days sun-thu --channels ps,pe,ne,nw,tt --interval 1h \
        -o "$tmp/bank.yaml" --report "$tmp/bankrep.csv" > "$tmp/bank.txt" 2>"$tmp/bankerr"; rc=$?
    check "bank: calibrate March exits 0 (got $rc)" '[ $rc -eq 0 ]'
    check "bank: 27 negative durations rejected, each counted" 'grep -q "^rows,,rejected,negative,27," "$tmp/bankrep.csv"'
    check "bank: PHANTOM and NO_SERVER calls counted" 'grep -q "^rows,,ignored,phantom,407," "$tmp/bankrep.csv" && grep -q "^rows,,ignored,no_server,507," "$tmp/bankrep.csv"'
    check "bank: 23 weekdays (Sun-Thu), horizon to 24:00" 'grep -q "days: 23;" "$tmp/bank.txt" && grep -q "end: .24:00." "$tmp/bank.yaml"'
    "$CCSIM" validate --format bank1999 --days sun-thu --channels ps,pe,ne,nw,tt "$B/april.txt" "$tmp/bank.yaml" \
        -r 5 -o "$tmp/bankval" > "$tmp/bankval.txt" 2>/dev/null; rc=$?
    check "bank: validate April exits 0 (got $rc)" '[ $rc -eq 0 ]'
    check "bank: observed April abandonment at 10:00 is 0.2647" 'grep -q "^10:00,total,all,abandon_rate,0.2647" "$tmp/bankval/validate.csv"'
    check "bank: Erlang A beside the simulation" 'awk -F, "\$1 == \"10:00\" && \$2 == \"total\" && \$4 == \"asa_s\" { exit !(\$10 > 0) }" "$tmp/bankval/validate.csv"'
else
    echo "  (no bank data beside the repository: part 5 skipped)"
fi
echo "calibrate: $fail failed"
[ "$fail" -eq 0 ]
