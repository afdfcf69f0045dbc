#!/bin/sh
# Routing-policy plugins: the example plugin, built against the installed header, gives
# exactly the results of the built-in fcfs (it is fcfs); broken plugins give a clear
# error and no crash: a missing file or symbol or a wrong ABI is bad input (exit 2), a
# plugin that returns an index it was not offered fails the run (exit 1). The installed
# ccsim, run away from the repository and without CCSIM_PLOTS, finds its gnuplot scripts
# in PREFIX/share/ccsim/plots, for validate as for plot.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }
CC=${CC:-cc}

make -s install PREFIX="$tmp/prefix" BUILD="$(dirname "$CCSIM")" >/dev/null 2>&1
check "make install puts the header in place" '[ -f "$tmp/prefix/include/ccsim/policy.h" ]'
if command -v gnuplot >/dev/null; then
    root=$(pwd)
    "$CCSIM" run scenarios/erlang-c.yaml -r 1 -q --contacts "$tmp/log.csv"
    (cd "$tmp" && env -u CCSIM_PLOTS prefix/bin/ccsim validate log.csv "$root/scenarios/erlang-c.yaml" \
        -r 1 -q -o val >/dev/null 2>"$tmp/err"); rc=$?
    check "installed validate exits 0 (got $rc)" '[ $rc -eq 0 ]'
    check "installed validate finds share/ccsim/plots" '[ -s "$tmp/val/plots/validate.png" ]'
fi
build() { "$CC" -shared -fPIC -O2 -Wall -Wextra -I "$tmp/prefix/include" -o "$tmp/$2.so" "$1"; }
check "the example plugin builds against the installed header" 'build plugins/longest_wait.c longest_wait'
for p in no_symbol bad_choice bad_agent old_abi constructor; do
    check "tests/plugins/$p.c builds" 'build tests/plugins/$p.c $p'
done

"$CCSIM" run tests/data/mixed.yaml -r 3 -q -o "$tmp/fcfs" --set routing.policy=fcfs
"$CCSIM" run tests/data/mixed.yaml -r 3 -q -o "$tmp/plugin" --set routing.policy=plugin \
    --set routing.library="$tmp/longest_wait.so"; rc=$?
check "the plugin runs (exit $rc)" '[ $rc -eq 0 ]'
check "the plugin equals built-in fcfs" 'cmp -s "$tmp/fcfs/summary.csv" "$tmp/plugin/summary.csv"'

expect() { # name, exit status, text, args...
    name=$1 want=$2 text=$3; shift 3
    "$CCSIM" run tests/data/mixed.yaml -r 2 -q "$@" >/dev/null 2>"$tmp/err"; got=$?
    check "$name: exit $want (got $got)" '[ $got -eq $want ]'
    check "$name: says \"$text\"" 'grep -q "$text" "$tmp/err"'
    check "$name: no crash" '! grep -qi "sanitizer\|internal error\|segmentation" "$tmp/err"'
}
expect "missing library" 2 "routing.library: cannot load" --set routing.policy=plugin --set routing.library="$tmp/nope.so"
expect "not a shared object" 2 "routing.library: cannot load" --set routing.policy=plugin --set routing.library=README.md
expect "no symbol" 2 "does not export ccsim_policy" --set routing.policy=plugin --set routing.library="$tmp/no_symbol.so"
expect "wrong ABI" 2 "another version of ccsim/policy.h" --set routing.policy=plugin --set routing.library="$tmp/old_abi.so"
expect "no library" 2 "routing.library: missing" --set routing.policy=plugin
expect "invalid queue choice" 1 "choose_queue returned" --set routing.policy=plugin --set routing.library="$tmp/bad_choice.so"
expect "invalid agent choice" 1 "choose_agent returned -5" --set routing.policy=plugin --set routing.library="$tmp/bad_agent.so"
# compare takes the plugin among its policies: each policy runs a copy of the scenario
# with its routing set in memory, the plugin opened again from the scenario's library
# (every ...,plugin exited 2 when the policy was a --set routing.policy=plugin).
"$CCSIM" compare scenarios/erlang-c.yaml -r 3 -q --policies fcfs,plugin --set routing.policy=plugin \
    --set routing.library="$tmp/longest_wait.so" -o "$tmp/cmp"; rc=$?
check "compare fcfs,plugin exits 0 (got $rc)" '[ $rc -eq 0 ] && grep -q "^plugin,channel,voice,asa_s," "$tmp/cmp/compare.csv"'
"$CCSIM" compare scenarios/erlang-c.yaml -r 3 -q --policies fcfs,plugin 2>"$tmp/err"; rc=$?
check "compare with plugin but no library: exit 2 with the reason (got $rc)" '[ $rc -eq 2 ] && grep -q "names no routing.library" "$tmp/err"'
# check never loads code: the plugin's constructor does not run until the scenario runs.
CCSIM_TEST_MARK="$tmp/mark" "$CCSIM" check tests/data/mixed.yaml --set routing.policy=plugin \
    --set routing.library="$tmp/constructor.so" >/dev/null 2>&1; rc=$?
check "check with a plugin: exit 0, the library not loaded (got $rc)" '[ $rc -eq 0 ] && [ ! -e "$tmp/mark" ]'
CCSIM_TEST_MARK="$tmp/mark" "$CCSIM" run tests/data/mixed.yaml -r 1 -q --set routing.policy=plugin \
    --set routing.library="$tmp/constructor.so" >/dev/null 2>&1; rc=$?
check "run loads it (exit $rc: no policy in it)" '[ $rc -eq 2 ] && [ -e "$tmp/mark" ]'
echo "plugin: $fail failed"
[ "$fail" -eq 0 ]
