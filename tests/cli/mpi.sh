#!/bin/sh
# ccsim-mpi: `mpirun -np 2 ccsim-mpi sweep|run|compare|staff ...` writes the same files,
# byte for byte, as ccsim in one process, also when resuming an interrupted run; a bad
# scenario fails on every rank without hanging. Skipped (and said so) when Open MPI is
# not installed: `make test` installs it as root.
CCSIM=${CCSIM:-build/ccsim}
BUILD=$(dirname "$CCSIM")
if ! command -v mpicc >/dev/null || ! command -v mpirun >/dev/null; then
    echo "mpi: skipped (Open MPI not installed: apt-get install libopenmpi-dev openmpi-bin)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
# Open MPI keeps memory to the end on purpose; under the sanitizers that is not ours.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
MPIRUN="mpirun --allow-run-as-root --oversubscribe -np 2"

make -s mpi BUILD="$BUILD" CFLAGS="${MPI_CFLAGS:-${CFLAGS:--O2 -g}}" >/dev/null 2>"$tmp/make.err"; rc=$?
check "make mpi builds ccsim-mpi (exit $rc)" '[ $rc -eq 0 ] && [ -x "$BUILD/ccsim-mpi" ]'
[ $rc -eq 0 ] || cat "$tmp/make.err"

"$CCSIM" sweep scenarios/erlang-c.yaml --vary agents.team.staff=12:15:1 -r 9 -q -o "$tmp/one" >/dev/null
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" sweep scenarios/erlang-c.yaml --vary agents.team.staff=12:15:1 \
    -r 9 -q -o "$tmp/two" >/dev/null; rc=$?
check "mpirun sweep exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "sweep.csv identical to one process" 'cmp -s "$tmp/one/sweep.csv" "$tmp/two/sweep.csv"'
# The glued form -r9 -oDIR: only rank 0 may write there, and it writes the same.
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" sweep scenarios/erlang-c.yaml --vary agents.team.staff=12:15:1 \
    -r9 -q -o"$tmp/glued" >/dev/null; rc=$?
check "mpirun sweep -r9 -oDIR exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "sweep.csv of -oDIR identical to one process" 'cmp -s "$tmp/one/sweep.csv" "$tmp/glued/sweep.csv"'

"$CCSIM" run scenarios/default.yaml -r 5 -q -o "$tmp/r1"
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" run scenarios/default.yaml -r 5 -q -o "$tmp/r2"; rc=$?
check "mpirun run exits 0 (got $rc)" '[ $rc -eq 0 ]'
for f in summary.csv intervals.csv replications.csv; do
    check "$f identical to one process" 'cmp -s "$tmp/r1/$f" "$tmp/r2/$f"'
done
# --precision: the ranks agree on when to stop (each looks at the same gathered results).
"$CCSIM" run scenarios/erlang-c.yaml -r 10 --precision 0.005 -q -o "$tmp/p1" 2>/dev/null
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" run scenarios/erlang-c.yaml -r 10 --precision 0.005 -q -o "$tmp/p2" 2>/dev/null; rc=$?
check "mpirun run --precision: exit 0, summary.csv identical to one process (got $rc)" \
    '[ $rc -eq 0 ] && cmp -s "$tmp/p1/summary.csv" "$tmp/p2/summary.csv"'

# --resume across ranks: every rank must skip the same finished work (rank 0 writes the
# parts, the others read them), or the ranks would wait for each other forever. The
# parts come from a single-process run killed mid-way; the resumed files must equal an
# uninterrupted run's.
. tests/parts.sh
CMP="compare scenarios/default.yaml --policies fcfs,priority,sla-urgency,longest-queue -r 200 -j 1 -q"
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/c1" >/dev/null
# shellcheck disable=SC2086
"$CCSIM" $CMP -o "$tmp/c2" >/dev/null 2>&1 &
kill_after_parts "$tmp/c2/.compare-parts" 2 policy- $!
# shellcheck disable=SC2086
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" $CMP -o "$tmp/c2" --resume >/dev/null; rc=$?
check "mpirun compare --resume exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "resumed compare.csv identical to one process" 'cmp -s "$tmp/c1/compare.csv" "$tmp/c2/compare.csv"'
STAFF="staff scenarios/default.yaml -r 4 -j 1 -q"
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/s1"
# shellcheck disable=SC2086
"$CCSIM" $STAFF -o "$tmp/s2" >/dev/null 2>&1 &
kill_after_parts "$tmp/s2/.staff-parts" 30 eval- $!
# shellcheck disable=SC2086
timeout 300 $MPIRUN "$BUILD/ccsim-mpi" $STAFF -o "$tmp/s2" --resume; rc=$?
check "mpirun staff --resume exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "resumed staffing.csv identical to one process" 'cmp -s "$tmp/s1/staffing.csv" "$tmp/s2/staffing.csv"'

timeout 120 $MPIRUN "$BUILD/ccsim-mpi" run tests/bad/cv-zero.yaml -q >/dev/null 2>&1; rc=$?
check "a bad scenario fails under mpirun, no hang (got $rc)" '[ $rc -ne 0 ] && [ $rc -ne 124 ]'
echo "mpi: $fail failed"
[ "$fail" -eq 0 ]
