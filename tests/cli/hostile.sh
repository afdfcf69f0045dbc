#!/bin/sh
# A hostile environment: planted links, FIFOs and devices where ccsim writes. Every case
# ends with a clear message and exit 1, and whatever was there untouched.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
S=scenarios/erlang-c.yaml

# A link planted where summary.csv goes: the link's target is not overwritten.
mkdir -p "$tmp/out"
echo "precious" > "$tmp/victim"
ln -s "$tmp/victim" "$tmp/out/summary.csv"
"$CCSIM" run $S -r 2 -q -o "$tmp/out" 2>"$tmp/err"; rc=$?
check "planted link at summary.csv: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "planted link: the victim is untouched" '[ "$(cat "$tmp/victim")" = precious ]'
check "planted link: the message says why" 'grep -q "summary.csv: is a symbolic link" "$tmp/err"'

# A link planted as the parts folder: refused; the folder it points at keeps its files
# (every file in it was deleted as an old part).
mkdir -p "$tmp/keep" "$tmp/sw"
echo "precious" > "$tmp/keep/file"
ln -s "$tmp/keep" "$tmp/sw/.sweep-parts"
"$CCSIM" sweep $S -r 1 -q --vary agents.team.staff=14:15:1 -o "$tmp/sw" 2>"$tmp/err"; rc=$?
check "planted .sweep-parts link: exit 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "not a folder of ccsim" "$tmp/err"'
check "planted .sweep-parts link: its target keeps its files" '[ "$(cat "$tmp/keep/file")" = precious ]'

# --contacts naming a FIFO or a link to a device: refused, nothing replaced or blocked on.
mkfifo "$tmp/fifo"
"$CCSIM" run $S -r 2 -q --contacts "$tmp/fifo" 2>"$tmp/err"; rc=$?
check "--contacts FIFO: exit 1 (got $rc)" '[ $rc -eq 1 ] && [ -p "$tmp/fifo" ]'
check "--contacts FIFO: the message says why" 'grep -q "is a FIFO" "$tmp/err"'
ln -s /dev/null "$tmp/null-link"
"$CCSIM" run $S -r 2 -q --contacts "$tmp/null-link" 2>"$tmp/err"; rc=$?
check "--contacts link to /dev/null: exit 1 (got $rc)" '[ $rc -eq 1 ] && [ -L "$tmp/null-link" ] && [ -c /dev/null ]'

# Temporary names are not predictable: no ".NAME.tmp.PID" is ever used.
mkdir -p "$tmp/pid"
ln -s "$tmp/victim" "$tmp/pid/.summary.csv.tmp.$$"
"$CCSIM" run $S -r 2 -q -o "$tmp/pid"; rc=$?
check "a run beside planted temporary names works (exit $rc)" '[ $rc -eq 0 ] && [ "$(cat "$tmp/victim")" = precious ]'
check "no temporary file left" '[ -z "$(ls -A "$tmp/pid" | grep "\.tmp\." | grep -v "\.tmp\.$$")" ]'

# A loop in nearly zero time (patience and retrial delay of a microsecond, retried with
# probability 1) passes the load-time check, which looks for exact zeros; the event
# budget stops it within a simulated second: exit 1 with the reason, at once.
cat > "$tmp/loop.yaml" <<'YAML'
name: a near-zero-time loop
horizon: 8h
channels:
  voice:
    arrivals: {rate: 100/h}
    handle_time: {dist: exponential, mean: 3m}
    patience: {dist: constant, value: 0.000001s}
    retrial: {probability: 1, delay: {dist: constant, value: 0.000001s}}
agents:
  team: {staff: 1, skills: [voice]}
YAML
timeout 60 "$CCSIM" run "$tmp/loop.yaml" -r 2 -q 2>"$tmp/err"; rc=$?
check "near-zero-time loop: exit 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "events in one simulated second" "$tmp/err"'

# Two writers into one folder: the second fails at once, with the reason, and leaves the
# folder alone (the first is played by flock(1) holding the folder's lock).
if command -v flock >/dev/null; then
    mkdir -p "$tmp/busy"
    flock "$tmp/busy/.ccsim-lock" sleep 30 &
    holder=$!
    i=0; while flock -n "$tmp/busy/.ccsim-lock" true 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    "$CCSIM" run $S -r 2 -q -o "$tmp/busy" 2>"$tmp/err"; rc=$?
    check "second writer: exit 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "another ccsim is writing" "$tmp/err"'
    check "second writer: nothing written" '[ "$(ls -A "$tmp/busy")" = .ccsim-lock ]'
    kill $holder 2>/dev/null; wait $holder 2>/dev/null
fi

# A run killed while writing over an older run (here by the file-size limit, as a full
# disk would stop it) leaves its marker: the folder is refused as a mixture, not read.
"$CCSIM" run scenarios/default.yaml -r 2 -q -o "$tmp/full"; rc=$?
check "first run: exit 0 and a manifest (got $rc)" '[ $rc -eq 0 ] && [ -f "$tmp/full/MANIFEST" ]'
sh -c 'ulimit -f 40; "$0" run scenarios/default.yaml -r 3 -q -o "$1"; exit 0' "$CCSIM" "$tmp/full" >/dev/null 2>&1
check "interrupted rewrite: the marker stays" '[ -f "$tmp/full/.ccsim-incomplete" ] && [ ! -f "$tmp/full/MANIFEST" ]'
"$CCSIM" plot "$tmp/full" >/dev/null 2>"$tmp/err"; rc=$?
check "plot refuses the mixed folder (exit $rc)" '[ $rc -eq 2 ] && grep -q "incomplete" "$tmp/err"'
"$CCSIM" run scenarios/default.yaml -r 2 -q -o "$tmp/full"; rc=$?
check "a full run again makes it whole (exit $rc)" '[ $rc -eq 0 ] && [ ! -f "$tmp/full/.ccsim-incomplete" ] && [ -f "$tmp/full/MANIFEST" ]'

# A result changed after the run (one number edited, or cut short) is refused by name.
sed -i '2s/,[0-9][0-9.]*,/,12345,/' "$tmp/full/summary.csv"
"$CCSIM" plot "$tmp/full" >/dev/null 2>"$tmp/err"; rc=$?
check "an edited summary.csv is refused (exit $rc)" '[ $rc -eq 2 ] && grep -q "summary.csv: changed since ccsim wrote it" "$tmp/err"'

# Runs that would exhaust memory are refused up front, with the estimate: a 366-day
# horizon in 6-minute intervals with 1000 replications (about 35 GB of results), a rate
# of 10^6 contacts a second; and the limit can be set.
timeout 20 "$CCSIM" run $S --set horizon=366d --set interval=6m -r 1000 -q 2>"$tmp/err"; rc=$?
check "366 days x 1000 replications refused at once (got $rc)" '[ $rc -eq 2 ] && grep -q "would need about 3[0-9.]* GiB" "$tmp/err"'
timeout 20 "$CCSIM" run $S --set channels.voice.arrivals.rate=1e6/s -q 2>"$tmp/err"; rc=$?
check "a million contacts a second refused at once (got $rc)" '[ $rc -eq 2 ] && grep -q "would need about" "$tmp/err"'
CCSIM_MAX_MEMORY=100K "$CCSIM" run $S -r 2 -q 2>"$tmp/err"; rc=$?
check "CCSIM_MAX_MEMORY=100K refuses a small run (got $rc)" '[ $rc -eq 2 ] && grep -q "CCSIM_MAX_MEMORY" "$tmp/err"'
# Values that would make a measure infinite are refused at their place.
for v in "channels.voice.handle_time.mean=1e308s" "channels.voice.arrivals.rate=1e9/s" "agents.team.cost_per_hour=1e308"; do
    "$CCSIM" check $S --set "$v" >/dev/null 2>"$tmp/err"; rc=$?
    check "--set $v refused (got $rc)" '[ $rc -eq 2 ] && grep -q "${v%%=*}" "$tmp/err"'
done

# Poor answers made clear: each ends at once with exit 2 and a message naming the input.
mkfifo "$tmp/scenario.fifo"
timeout 10 "$CCSIM" check "$tmp/scenario.fifo" 2>"$tmp/err"; rc=$?
check "a FIFO as scenario: exit 2 at once (got $rc)" '[ $rc -eq 2 ] && grep -q "not a regular file" "$tmp/err"'
sed "s|rate: 200/h|file: fifo.csv|" $S > "$tmp/fc.yaml"; mkfifo "$tmp/fifo.csv"
timeout 10 "$CCSIM" check "$tmp/fc.yaml" 2>"$tmp/err"; rc=$?
check "a FIFO as forecast: exit 2 at once (got $rc)" '[ $rc -eq 2 ] && grep -q "fifo.csv: channels.voice.arrivals.file: not a regular file" "$tmp/err"'
expect_usage() { # name, text, args...
    name=$1 text=$2; shift 2
    timeout 30 "$CCSIM" "$@" >/dev/null 2>"$tmp/err"; got=$?
    check "$name: exit 2 (got $got)" '[ $got -eq 2 ] && grep -q "$text" "$tmp/err"'
}
expect_usage "--set with an empty key part" "an empty part in the key" check $S --set channels..x=1
expect_usage "--policies with an empty name" "an empty policy name" compare $S --policies fcfs,,priority
expect_usage "--policies naming one twice" "named twice" compare $S --policies fcfs,fcfs
expect_usage "--vary of one key twice" "varied twice" sweep $S --vary agents.team.staff=10:12:1 --vary agents.team.staff=1:2:1
expect_usage "staff --granularity 0" "positive multiple" staff $S --granularity 0
expect_usage "staff --granularity 1e308s" "too long for a duration" staff $S --granularity 1e308s
expect_usage "erlang --target-sl 1" "give a target below 1" erlang c --rate 100/h --aht 3m --target-sl 1
# A command never writes over what it reads, nor half of its outputs.
cp $S "$tmp/own.yaml"
expect_usage "run --contacts naming the scenario" "refusing to write over it" run "$tmp/own.yaml" -r 2 -q --contacts "$tmp/own.yaml"
check "the scenario is intact" 'cmp -s $S "$tmp/own.yaml"'
"$CCSIM" run $S -r 2 -q --contacts "$tmp/in.csv"; cp "$tmp/in.csv" "$tmp/in.keep"
expect_usage "calibrate -o naming its log" "one of the logs read" calibrate "$tmp/in.csv" -o "$tmp/in.csv" -q
check "the log is intact" 'cmp -s "$tmp/in.csv" "$tmp/in.keep"'
"$CCSIM" calibrate "$tmp/in.csv" -o "$tmp/fit.yaml" --report "$tmp/nowhere/r.csv" -q 2>"$tmp/err"; rc=$?
check "calibrate --report into a missing folder: exit 1, no scenario written (got $rc)" '[ $rc -eq 1 ] && [ ! -e "$tmp/fit.yaml" ]'

# kill -9 at different moments of a run that rewrites a folder: afterwards the folder is
# either whole (its manifest verifies) or marked incomplete, never a mixture read as one.
"$CCSIM" run scenarios/bank.yaml -r 4 -q -o "$tmp/k"
for delay in 0.05 0.1 0.15 0.2 0.3 0.4 0.6; do
    "$CCSIM" run scenarios/bank.yaml -r 4 -q -o "$tmp/k" &
    pid=$!; sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    "$CCSIM" plot "$tmp/k" >/dev/null 2>"$tmp/err"; rc=$?
    if [ -f "$tmp/k/.ccsim-incomplete" ]; then
        check "killed after $delay s, marked incomplete: plot refuses (got $rc)" '[ $rc -eq 2 ]'
    else
        check "killed after $delay s, whole: plot reads it (got $rc)" '[ $rc -eq 0 ] || [ $rc -eq 1 ]'
    fi
done

# A CSV log saved with a UTF-8 byte-order mark reads like one without.
"$CCSIM" run $S -r 2 -q --contacts "$tmp/log.csv"
printf '\357\273\277' | cat - "$tmp/log.csv" > "$tmp/bom.csv"
"$CCSIM" calibrate "$tmp/bom.csv" -o "$tmp/bom.yaml" -q 2>"$tmp/err"; rc=$?
check "a log with a byte-order mark calibrates (exit $rc)" '[ $rc -eq 0 ]'

# A table written to a full or closed standard output is lost: exit 1 with the reason.
if [ -w /dev/full ]; then
    for cmd in "run $S -r 2" "erlang c --rate 100/h --aht 3m --agents 8:12" "check $S"; do
        # shellcheck disable=SC2086
        "$CCSIM" $cmd >/dev/full 2>"$tmp/err"; rc=$?
        check "$cmd > /dev/full: exit 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "standard output" "$tmp/err"'
    done
fi
"$CCSIM" erlang c --rate 100/h --aht 3m --agents 10 >&- 2>"$tmp/err"; rc=$?
check "erlang with stdout closed: exit 1 (got $rc)" '[ $rc -eq 1 ]'

# Terminal escape sequences in names: a scenario key, or a log's channel, holding ESC is
# refused at its place, and the message shows the byte as \x1b, never raw.
esc=$(printf '\033')
printf 'name: x\nhorizon: 1h\nchannels:\n  "v\\e[2Jred":\n    arrivals: {rate: 60/h}\n    handle_time: {dist: exponential, mean: 4m}\nagents:\n  a: {skills: [voice], staff: 3}\n' > "$tmp/esc.yaml"
"$CCSIM" check "$tmp/esc.yaml" 2>"$tmp/err"; rc=$?
check "escape in a channel name: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "escape in a channel name: said at 4:3 as \\x1b" 'grep -q "esc.yaml:4:3: channels.v.x1b\[2Jred: a name must not hold control" "$tmp/err"'
check "escape in a channel name: no raw ESC on stderr" '! grep -q "$esc" "$tmp/err"'
printf 'replication,channel,segment,kind,counted,outcome,arrival_s,queued_s,answered_s,end_s,wait_s,handle_s,group,agent\n1,v%s[2J,,fresh,1,answered,10,10,20,30,10,10,a,1\n' "$esc" > "$tmp/esc.csv"
"$CCSIM" calibrate "$tmp/esc.csv" -o "$tmp/esc-fit.yaml" >/dev/null 2>"$tmp/err"; rc=$?
check "escape in a log's channel: the row is rejected and said without the raw byte" \
    'grep -q "a name with control characters" "$tmp/err" && ! grep -q "$esc" "$tmp/err"'

echo "hostile: $fail failed"
[ "$fail" -eq 0 ]
