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

# complete_parts DIR PREFIX: every part DIR/PREFIX* ends with the line "end" (and there
# is at least one).
complete_parts() {
    for f in "$1"/"$2"*; do
        [ "$(tail -c 4 "$f" 2>/dev/null)" = "end" ] || { echo "incomplete: $f"; return 1; }
    done
}
