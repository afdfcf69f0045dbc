#!/bin/sh
# The worked examples in scenarios/: every file passes `ccsim check`; the bank day
# reproduces the commonly quoted costs ($7.76 per contact handled by a person, $0.98 per
# contact resolved by self-service, each within 5%) and reports what its comments
# promise; the logistics and clinic days run.
# shellcheck disable=SC2016  # check's second argument is evaluated later, on purpose
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

# The mean of one measure in a summary.csv: value FILE SCOPE NAME MEASURE (empty if absent).
value() { awk -F, -v s="$2" -v n="$3" -v m="$4" '$1 == s && $2 == n && $3 == m { print $4; exit }' "$1"; }
# The replications column of the same row.
reps() { awk -F, -v s="$2" -v n="$3" -v m="$4" '$1 == s && $2 == n && $3 == m { print $7; exit }' "$1"; }
# Is X a number within 5% of TARGET? near X TARGET
near() { awk -v x="$1" -v t="$2" 'BEGIN { exit !(x != "" && x + 0 == x && x >= 0.95 * t && x <= 1.05 * t) }'; }
# Is X a fraction in [0, 1]? fraction X
fraction() { awk -v x="$1" 'BEGIN { exit !(x != "" && x + 0 == x && x >= 0 && x <= 1) }'; }
# Is X a number above 0? positive X
positive() { awk -v x="$1" 'BEGIN { exit !(x != "" && x + 0 == x && x > 0) }'; }

for f in scenarios/*.yaml; do
    "$CCSIM" check "$f" >/dev/null 2>"$tmp/err"; rc=$?
    check "check $f exits 0 (got $rc: $(head -1 "$tmp/err"))" '[ $rc -eq 0 ]'
done

"$CCSIM" run scenarios/bank.yaml -r 20 -o "$tmp/bank" -q; rc=$?
check "bank runs (exit $rc)" '[ $rc -eq 0 ]'
s="$tmp/bank/summary.csv"
if [ -s "$s" ]; then
    human=$(value "$s" total all cost_per_contact_human)
    self=$(value "$s" total all cost_per_contact_self_service)
    check "bank cost_per_contact_human $human within 5% of 7.76" 'near "$human" 7.76'
    check "bank cost_per_contact_self_service $self within 5% of 0.98" 'near "$self" 0.98'
    check "bank ran 20 replications" '[ "$(reps "$s" total all cost_per_contact_human)" = 20 ]'
    for m in service_level_20s service_level_360s; do
        check "bank voice reports $m" 'fraction "$(value "$s" channel voice $m)"'
    done
    for m in offered contained escalated cost; do
        check "bank bot chatbot has a $m row" 'grep -q "^bot,chatbot,$m," "$s"'
    done
    check "bank chatbot contains something" 'positive "$(value "$s" bot chatbot contained)"'
else
    check "bank summary.csv written" false
fi

for f in logistics clinic; do
    "$CCSIM" run "scenarios/$f.yaml" -r 3 -o "$tmp/$f" -q; rc=$?
    check "$f runs with -r 3 (exit $rc)" '[ $rc -eq 0 ]'
    check "$f summary.csv written" '[ -s "$tmp/$f/summary.csv" ]'
done

# SCENARIO.md's group example: a concurrency limit for a channel the group has no
# skill for (sms) is accepted and changes nothing.
cat >"$tmp/conc.yaml" <<'EOF'
name: concurrency as in SCENARIO.md
horizon: 2h
channels:
  voice: {exclusive: true, arrivals: {rate: 60/h}, handle_time: {dist: exponential, mean: 3m}}
  chat: {arrivals: {rate: 60/h}, handle_time: {dist: exponential, mean: 3m}}
  email: {mode: deferred, arrivals: {rate: 10/h}, handle_time: {dist: exponential, mean: 3m}}
  sms: {arrivals: {rate: 10/h}, handle_time: {dist: exponential, mean: 3m}}
agents:
  generalists:
    staff: 6
    skills: [voice, chat, email]
    concurrency: {chat: 3, sms: 2, total: 3}
  texters: {staff: 1, skills: [sms]}
EOF
"$CCSIM" run "$tmp/conc.yaml" -r 2 -q -o "$tmp/conc-a"; rc=$?
check "a concurrency limit for a channel without the skill is accepted (exit $rc)" '[ $rc -eq 0 ]'
sed 's/concurrency: {chat: 3, sms: 2, total: 3}/concurrency: {chat: 3, total: 3}/' "$tmp/conc.yaml" >"$tmp/conc2.yaml"
"$CCSIM" run "$tmp/conc2.yaml" -r 2 -q -o "$tmp/conc-b"
check "and changes nothing" 'cmp -s "$tmp/conc-a/replications.csv" "$tmp/conc-b/replications.csv"'

# A channel's priority is any number, as a segment's is (smaller first).
"$CCSIM" check "$tmp/conc.yaml" --set channels.chat.priority=0.5 >/dev/null; rc=$?
check "a priority of 0.5 is accepted (exit $rc)" '[ $rc -eq 0 ]'

# SCENARIO.md's example override: --set channels.voice.arrivals.rate=150/h on a channel
# with a profile replaces the profile (150/h over the 12-hour day: 1,800 offered).
"$CCSIM" run scenarios/default.yaml -r 4 -q -o "$tmp/rate" --set channels.voice.arrivals.rate=150/h; rc=$?
offered=$(awk -F, '$1 == "channel" && $2 == "voice" && $3 == "offered" { print $4 }' "$tmp/rate/summary.csv" 2>/dev/null)
check "a rate override replaces the profile (exit $rc, offered $offered)" \
    '[ $rc -eq 0 ] && awk -v x="$offered" "BEGIN { exit !(x > 1700 && x < 1900) }"'

echo "examples: $fail failed"
[ "$fail" -eq 0 ]
