# Shell functions for the tests of interrupted commands (sourced by tests/cli/resume.sh
# and tests/cli/mpi.sh; run from the repository root).

# kill_after_parts DIR COUNT PREFIX PID [SIGNAL]: waits until DIR holds at least COUNT
# files whose names start with PREFIX, or process PID has ended; then sends it SIGNAL
# (default KILL) and returns its exit status.
kill_after_parts() {
    n=0
    while [ "$n" -lt "$2" ] && kill -0 "$4" 2>/dev/null; do
        sleep 0.02
        n=$(ls "$1" 2>/dev/null | grep -c "^$3")
    done
    kill -"${5:-KILL}" "$4" 2>/dev/null
    wait "$4" 2>/dev/null
}

# complete_parts DIR PREFIX: every part DIR/PREFIX* ends with the line "end" and then
# its seal line "seal HASH" (models/io/outfile.h), and there is at least one.
complete_parts() {
    for f in "$1"/"$2"*; do
        # The seal line is 22 bytes: "end\n" stands just before it.
        [ "$(tail -c 26 "$f" 2>/dev/null | head -c 3)" = "end" ] && tail -n 1 "$f" | grep -Eqx "seal [0-9a-f]{16}" || { echo "incomplete: $f"; return 1; }
    done
}
