#!/bin/sh
# Rebuilds the seed corpus tests/fuzz/corpus/<target>/ from the repository's own inputs
# (run from the repository root, after `make`: the rundir seeds come from a short run of
# build/ccsim). The corpus is committed; run this again only when the input formats
# change. Each harness's input layout is described at the top of tests/fuzz/<target>.c.
set -e
CCSIM=${CCSIM:-build/ccsim}
C=tests/fuzz/corpus
rm -rf "$C"
mkdir -p "$C/fuzz_scenario" "$C/fuzz_csv" "$C/fuzz_set" "$C/fuzz_units" "$C/fuzz_calllog"

# fuzz_scenario: YAML [NUL CSV [NUL CSV]].
for f in scenarios/*.yaml tests/bad/*.yaml tests/data/*.yaml; do
    cp "$f" "$C/fuzz_scenario/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# The scenarios that name CSV files, with the file carried in the input as 1.csv.
with_csv() { # NAME YAML CSV
    { sed "s#file: [^}]*\.csv#file: 1.csv#" "$2"; printf '\0'; cat "$3"; } > "$C/fuzz_scenario/$1"
}
with_csv csv-default.yaml scenarios/default.yaml scenarios/forecasts/swift-chat.csv
with_csv csv-logistics.yaml scenarios/logistics.yaml scenarios/forecasts/logistics-phone.csv
with_csv csv-bad-row.yaml tests/bad/forecast-bad-row.yaml tests/bad/data/bad-rows.csv
with_csv csv-unordered.yaml tests/bad/forecast-unordered.yaml tests/bad/data/unordered.csv
{
    printf 'name: empirical\nhorizon: 2h\nchannels:\n  voice:\n    arrivals: {file: 1.csv}\n'
    printf '    handle_time: {dist: empirical, file: 2.csv}\n'
    printf 'agents: {a: {staff: 3, skills: [voice]}}\n'
    printf '\0interval_start,per_hour\n00:00,60\n01:00,90\n'
    printf '\0seconds\n120\n300\n45.5\n'
} > "$C/fuzz_scenario/csv-empirical.yaml"

# fuzz_csv: MODE PARAM BYTES (modes: 0 csv, 1 tab, 2 forecast, 3 empirical, 4 rundir).
csv_seed() { # NAME MODE PARAM FILE
    { printf "\\$(printf %03o "$2")\\$(printf %03o "$3")"; cat "$4"; } > "$C/fuzz_csv/$1"
}
for f in scenarios/forecasts/*.csv tests/bad/data/*.csv; do
    b=$(basename "$f" .csv)
    csv_seed "csv-$b" 0 3 "$f"
    csv_seed "forecast-$b" 2 128 "$f"
done
csv_seed empirical-negative 3 0 tests/bad/data/negative-durations.csv
printf 'seconds\n120\n300\n"45.5"\n\n1e3,extra\n' > /tmp/ccsim-corpus-$$.csv
csv_seed empirical-good 3 0 /tmp/ccsim-corpus-$$.csv
printf 'a\tb\t"c\td"\n1\t2\t3\n' > /tmp/ccsim-corpus-$$.csv
csv_seed tab 1 0 /tmp/ccsim-corpus-$$.csv
printf 'a,"b\n""quoted"" line",c\r\n1,,3\n\n  \nlast,"unclosed\n' > /tmp/ccsim-corpus-$$.csv
csv_seed quotes 0 0 /tmp/ccsim-corpus-$$.csv
rm -f /tmp/ccsim-corpus-$$.csv
out=/tmp/ccsim-corpus-run-$$
"$CCSIM" run tests/data/mmn.yaml -r 2 -q -o "$out/run" --set horizon=2h >/dev/null
"$CCSIM" compare tests/data/mmn.yaml --policies fcfs,priority -r 2 -q -o "$out/cmp" \
    --set horizon=2h >/dev/null
rundir_seed() { # NAME DIR LINES
    {
        printf '\004\000'
        for f in scenario targets summary intervals compare; do
            [ "$f" = scenario ] || printf '\0'
            if [ -f "$2/$f.csv" ]; then head -n "$3" "$2/$f.csv"; fi
        done
    } > "$C/fuzz_csv/$1"
}
rundir_seed rundir-run "$out/run" 30
rundir_seed rundir-compare "$out/cmp" 30
rm -rf "$out"

# fuzz_set: BASE then "KEY=VALUE" lines.
set_seed() { # NAME BASE LINES...
    name=$1 base=$2
    shift 2
    { printf "\\$(printf %03o "$base")"; printf '%s\n' "$@"; } > "$C/fuzz_set/$name"
}
set_seed staff 1 'agents.team.staff=30'
set_seed staff-list 0 'agents.digital.staff=[3,4,5,6]' 'agents.voice_team.shifts=null' \
    'agents.voice_team.staff=5'
set_seed rate 1 'channels.voice.arrivals.rate=150/h' 'horizon={start: "08:00", end: "10:00"}'
set_seed index 0 'agents.voice_team.shifts[1].count=3' 'channels.voice.sla.0.target=0.9'
set_seed policy 0 'routing.policy=sla-urgency' 'routing.agent_selection=most-loaded'
set_seed bad-value 1 'agents.team.staff=lots'
set_seed unknown-key 1 'agents.team.colour=red'
set_seed new-channel 1 'channels.chat={arrivals: {rate: 1/m}, handle_time: {dist: constant, value: 5m}}' \
    'agents.team.skills=[voice, chat]'
set_seed remove 2 'channels.web=null' 'agents.b.skills.web=null' 'drain=true'
set_seed file 2 'channels.sms.arrivals={file: forecasts/swift-chat.csv}' 'horizon={start: "08:00", end: "20:00"}'
set_seed errors 0 '=x' 'no-equals' 'a..b=1' 'channels.voice.sla.9=1' 'name.x=1' '[=]' \
    'agents.digital.staff.-1=2'

# fuzz_units: ERRSIZE TEXT.
n=0
for t in 20s '20 s' 6m 1.5h 2d 90 0 -1s 5x '' '   ' 1e400 1e-400 0x10 inf nan .5 '1.' \
         08:00 8:00 26:30:15 08:60 100:00 8:5 -01:00 120/h '2 / m' 0.5/s 30/d 120 \
         0.35 35% 1.5 25.0 1e3 2.5 1000000001 '7.76'; do
    n=$((n + 1))
    { printf "\\$(printf %03o $((n % 5)))"; printf '%s' "$t"; } > "$C/fuzz_units/u$n"
done
printf '\003\000\000\000\000\000\040\254\100' > "$C/fuzz_units/clock-double"
# fuzz_calllog: MODE PARAM BYTES (modes: 0 ccsim, 1 bank1999, 2 generic, 3 calibrate).
log_seed() { # NAME MODE PARAM FILE...
    name=$1 mode=$2 param=$3
    shift 3
    { printf "\\$(printf %03o "$mode")\\$(printf %03o "$param")"; cat "$@"; } > "$C/fuzz_calllog/$name"
}
for f in tests/data/calib_bad_*; do
    case $f in *bank*) m=1;; *) m=0;; esac
    log_seed "$(basename "$f")" $m 0 "$f"
done
out=/tmp/ccsim-corpus-log-$$
mkdir -p "$out"
"$CCSIM" run tests/data/calib_known.yaml -q -r 3 --set channels.voice.arrivals.rate=20/h \
    --set 'horizon={start: "08:00", end: "10:00"}' --set agents.team.staff=2 --contacts "$out/log.csv"
log_seed ccsim-log 0 0 "$out/log.csv"
log_seed calibrate-ccsim 3 0 "$out/log.csv"
log_seed calibrate-ccsim-15m 3 3 "$out/log.csv"
# The same contacts as a generic log with dates (day d is 2024-03-d), as tests/cli/calibrate.sh.
awk -F, 'function hms(t) { t = int(t + 0.5); return sprintf("%02d:%02d:%02d", int(t / 3600), int(t % 3600 / 60), t % 60) }
    NR == 1 { print "id,start,queue_in,pickup,hangup,result,agent_name"; next }
    { d = sprintf("2024-03-%02d ", $1); printf "%d,%s%s,%s,%s,%s,%s,%s\n", NR, d, hms($7), ($8 == "" ? "" : d hms($8)),
        ($9 == "" ? "" : d hms($9)), d hms($10), $6, ($14 == "" ? "" : $13 "-" $14) }' "$out/log.csv" > "$out/generic.csv"
log_seed generic-default-mapping 2 0 "$out/generic.csv"
printf 'arrival=start,queued=queue_in,answered=pickup,end=hangup,outcome=result,agent=agent_name,channel=result\0' > "$out/mapping"
log_seed generic-mapping 2 0 "$out/mapping" "$out/generic.csv"
log_seed calibrate-generic 3 2 "$out/generic.csv"
bank=../shared/data/real/anonymous_bank_1999/march.txt
if [ -f "$bank" ]; then
    head -n 60 "$bank" > "$out/bank.txt"
    log_seed bank1999 1 0 "$out/bank.txt"
    log_seed calibrate-bank1999 3 1 "$out/bank.txt"
fi
rm -rf "$out"
echo "corpus: $(find "$C" -type f | wc -l) files"
