#!/bin/sh
# make bench, staffing part: each case's ccsim staff run, with the evaluations and
# replications it simulated and its wall time (seconds; on a busy machine, more).
# Usage: sh tests/bench/staff.sh [CCSIM]
ccsim=${1:-build/ccsim}
printf '%-44s %12s %13s %8s %10s\n' case evaluations replications seconds cost
for c in "stationary Erlang C, hourly:scenarios/erlang-c.yaml" \
         "stationary Erlang A, hourly:scenarios/erlang-a.yaml" \
         "time-varying day, 15-min intervals:tests/data/staff/sine.yaml" \
         "the same, day targets:tests/data/staff/sine.yaml --target-scope day" \
         "default scenario:scenarios/default.yaml" \
         "the bank:scenarios/bank.yaml"; do
    name=${c%%:*} file=${c#*:}
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    out=$("$ccsim" staff $file 2>/dev/null)   # a file and its options
    t1=$(date +%s.%N)
    ev=$(printf '%s\n' "$out" | sed -n 's/^staffing plan, \([0-9]*\) evaluations.*/\1/p')
    reps=$(printf '%s\n' "$out" | sed -n 's/.* \([0-9]*\) replications simulated in all.*/\1/p')
    cost=$(printf '%s\n' "$out" | sed -n 's/^total cost \([0-9.]*\) .*/\1/p')
    printf '%-44s %12s %13s %8.2f %10s\n' "$name" "${ev:-failed}" "${reps:--}" \
        "$(awk "BEGIN { print $t1 - $t0 }")" "${cost:--}"
done
