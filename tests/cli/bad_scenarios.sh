#!/bin/sh
# Every file in tests/bad/ is a malformed scenario. Its first line says what ccsim must
# report: "# expect: TEXT" (TEXT must appear in the error output), optionally followed
# by "# args: ..." (extra arguments, e.g. --set). `ccsim check` must exit with status 2,
# name the file (or the --set) with line and column, and never crash.
CCSIM=${CCSIM:-build/ccsim}
fail=0
count=0
for f in tests/bad/*.yaml; do
    count=$((count + 1))
    expect=$(sed -n 's/^# expect: //p' "$f" | head -1)
    args=$(sed -n 's/^# args: //p' "$f" | head -1)
    # shellcheck disable=SC2086
    err=$("$CCSIM" check "$f" $args 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -ne 2 ]; then
        echo "FAIL $f: exit status $rc, expected 2"; echo "$err"; fail=$((fail + 1)); continue
    fi
    case "$err" in
        *"$expect"*) ;;
        *) echo "FAIL $f: expected \"$expect\" in:"; echo "$err"; fail=$((fail + 1)); continue ;;
    esac
    if ! printf '%s\n' "$err" | grep -Eq "($f|\.csv|--set [^:]*):([0-9]+:[0-9]+: |[0-9]+: | )"; then
        echo "FAIL $f: no file:line:column in:"; echo "$err"; fail=$((fail + 1)); continue
    fi
done
echo "bad scenarios: $((count - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
