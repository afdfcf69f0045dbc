#!/bin/sh
# `ccsim plot` and `ccsim run --plots`: every chart is drawn, as PNG and SVG, from the
# outputs of the worked examples and of a policy comparison; report.html, read back by a
# headless Chromium, shows the numbers of summary.csv and every chart; a scenario whose
# names are full of quotes, markup, shell and gnuplot syntax and Hebrew is drawn and
# reported as plain text and runs nothing; usage errors exit 2, a missing gnuplot 1.
#
# "Not blank" is checked without an image library: the PNG has its signature and more
# than 8 KB (one flat colour at 1000x500 compresses to about 2 KB, a chart to 30-100 KB),
# with ImageMagick's `identify`, when present, more than 16 distinct colours; and the
# SVG drawn by the same script from the same data holds at least 16 points (path
# vertices, 4 per polygon) inside gnuplot's plot groups: more than any legend alone has,
# so the data really reached the chart and not only its axes and legend.
CCSIM=${CCSIM:-build/ccsim}
tmp=$(mktemp -d)
marker="/tmp/ccsim-pwned-$$-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
trap 'rm -rf "$tmp" "$marker"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=$((fail + 1)); fi; }

png_ok() {
    [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 1
    [ "$(wc -c < "$1")" -gt 8192 ] || return 1
    if command -v identify >/dev/null 2>&1; then
        [ "$(identify -format %k "$1" 2>/dev/null)" -gt 16 ] || return 1
    fi
}
svg_ok() {
    awk '/<g id="gnuplot_plot_/ { inplot = 1 }
         inplot && /<polygon/ { n += 4 }
         inplot && /<path/ { n += gsub(/[ML][0-9.-]/, "&") }
         END { exit !(n >= 16) }' "$1"
}
# Every chart of a folder: both files, not blank.
charts_ok() {
    dir=$1
    for c in $2; do
        check "$dir: $c.png drawn" 'png_ok "$dir/plots/$c.png"'
        check "$dir: $c.svg drawn" 'svg_ok "$dir/plots/$c.svg"'
    done
    check "$dir: report.html written" '[ -s "$dir/report.html" ]'
    check "$dir: no temporary files left" '[ -z "$(ls -A "$dir" "$dir/plots" | grep "\.tmp")" ]'
}
per_run="service_level waits wait_percentiles arrivals_staffing occupancy cost"

if ! command -v gnuplot >/dev/null 2>&1; then
    echo "FAIL: gnuplot is not installed (make test installs gnuplot-nox)"
    echo "plots: 1 failed"
    exit 1
fi

# The worked examples and a comparison, with few replications to stay quick.
"$CCSIM" run scenarios/default.yaml -r 5 -o "$tmp/d" -q --plots; rc=$?
check "run --plots exits 0 (got $rc)" '[ $rc -eq 0 ]'
charts_ok "$tmp/d" "$per_run"
check "default: no bot, so no self-service cost" 'grep -q "data-key=\"total/all/cost_per_contact_self_service\" data-value=\"NaN\">n/a" "$tmp/d/report.html"'
"$CCSIM" run scenarios/bank.yaml -r 5 -o "$tmp/b" -q
"$CCSIM" plot "$tmp/b" > "$tmp/out"; rc=$?
check "plot exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "plot says where the report is" 'grep -q "report.html" "$tmp/out"'
charts_ok "$tmp/b" "$per_run"
check "bank: slot occupancy of the chat groups drawn" 'grep -q "digital_team, slots" "$tmp/b/plots/occupancy.svg"'
"$CCSIM" compare scenarios/default.yaml --policies priority,fcfs,sla-urgency -r 5 -o "$tmp/c" -q >/dev/null
"$CCSIM" plot "$tmp/c" >/dev/null; rc=$?
check "plot of a comparison exits 0 (got $rc)" '[ $rc -eq 0 ]'
charts_ok "$tmp/c" "compare"
check "comparison: no per-run chart without their files" '[ ! -e "$tmp/c/plots/service_level.png" ]'
check "comparison: the policies in the report" 'grep -q "<th class=\"num name\">sla-urgency</th>" "$tmp/c/report.html"'
# Plotting again replaces the files; a chart whose input is gone goes too.
rm "$tmp/b/intervals.csv"
"$CCSIM" plot "$tmp/b" >/dev/null; rc=$?
check "plot without intervals.csv exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "without intervals.csv: no interval charts" '[ ! -e "$tmp/b/plots/waits.png" ] && [ ! -e "$tmp/b/plots/service_level.svg" ]'
charts_ok "$tmp/b" "wait_percentiles cost"

# Names that would break a careless report; an output folder with quotes in its name.
sed "s#MARKER#$marker#g" tests/data/hostile.yaml > "$tmp/hostile.yaml"
hdir="$tmp/out \"q\" it's; \`x\` \$(y)"
"$CCSIM" run "$tmp/hostile.yaml" -o "$hdir" -q --plots; rc=$?
check "hostile: run --plots exits 0 (got $rc)" '[ $rc -eq 0 ]'
charts_ok "$hdir" "$per_run"
check "hostile: nothing was run (no $marker)" '[ ! -e "$marker" ]'
h="$hdir/report.html"
check "hostile: no markup from a name" '! grep -q "<script\|<img\|<b>" "$h"'
check "hostile: the name escaped" 'grep -q "Tom&#39;s &quot;best&quot; day; \`touch $marker\`" "$h"'
check "hostile: markup shown as text" 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; מוקד שירות" "$h"'
check "hostile: channel name escaped" 'grep -q "voice&#39;; system(&quot;touch $marker&quot;) #" "$h"'
check "hostile: group name escaped" 'grep -q "צוות &amp; &lt;b&gt;B&lt;/b&gt;" "$h"'
check "hostile: currency escaped" 'grep -q "€&quot;; \`touch $marker\`" "$h"'
check "hostile: no script in the charts" '! grep -qi "<script" "$hdir"/plots/*.svg'

# Usage and failures.
for args in "plot" "plot $tmp/nowhere" "plot --frob $tmp/d" "plot $tmp/d $tmp/b" "plot $tmp"; do
    # shellcheck disable=SC2086
    "$CCSIM" $args >/dev/null 2>"$tmp/err"; rc=$?
    check "'ccsim $args' exits 2 (got $rc)" '[ $rc -eq 2 ]'
    check "'ccsim $args' says why" '[ -s "$tmp/err" ]'
done
"$CCSIM" run scenarios/erlang-c.yaml -r 2 -q --plots 2>"$tmp/err"; rc=$?
check "run --plots without -o exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q -- "--plots" "$tmp/err"'
check "plot --help" '"$CCSIM" plot --help | grep -q "report.html"'
mkdir "$tmp/bad" && printf 'scope,name,what\nx,y,z\n' > "$tmp/bad/summary.csv"
"$CCSIM" plot "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check "a foreign summary.csv exits 2 (got $rc)" '[ $rc -eq 2 ] && grep -q "summary.csv:1: not a ccsim file" "$tmp/err"'
cp "$tmp/d/summary.csv" "$tmp/d/scenario.csv" "$tmp/d/targets.csv" "$tmp/bad/"
PATH=/nonexistent "$CCSIM" plot "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check "no gnuplot: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "no gnuplot: says so" 'grep -q "gnuplot is not installed" "$tmp/err"'
check "no gnuplot: the report still has its tables" 'grep -q "id=\"table-channel\"" "$tmp/bad/report.html"'

# report.html read back by a browser: its DOM shows the numbers of summary.csv, one
# SVG per chart drawn, and nothing active.
browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
dom() {
    prof=$(mktemp -d)
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
        --dump-dom "file://$1" 2>/dev/null
    rm -rf "$prof"
}
# The mean of scope/name/measure in a summary.csv (names without commas or quotes).
mean() { awk -F, -v k="$2" '$1 "/" $2 "/" $3 == k { print $4 }' "$1"; }
if [ -z "$browser" ]; then
    echo "plots: skipped: report.html in a browser (no chromium; make test installs it as root)"
else
    for d in "$tmp/d" "$tmp/c" "$hdir"; do
        dom "$d/report.html" > "$tmp/dom.html"
        check "$d: the browser read the report" 'grep -q "</html>" "$tmp/dom.html"'
        n=$(ls "$d"/plots/*.svg | wc -l)
        check "$d: $n charts in the DOM" '[ "$(grep -o "<svg" "$tmp/dom.html" | wc -l)" -eq "$n" ]'
        check "$d: a figure per chart" '[ "$(grep -o "<figure class=\"chart\"" "$tmp/dom.html" | wc -l)" -eq "$n" ]'
        check "$d: no script, image or frame element" '! grep -qi "<script\|<img\|<iframe\|<object" "$tmp/dom.html"'
    done
    # Headline cells: data-value is the mean of summary.csv, and the text shows it.
    dom "$tmp/d/report.html" > "$tmp/dom.html"
    grep -o 'class="num headline" data-key="[^"]*" data-value="[^"]*">[^<]*' "$tmp/dom.html" |
        sed 's/.*data-key="\([^"]*\)" data-value="\([^"]*\)">\(.*\)/\1 \2 \3/' > "$tmp/headline"
    check "headline cells found" '[ "$(wc -l < "$tmp/headline")" -ge 4 ]'
    while read -r key value text; do
        want=$(mean "$tmp/d/summary.csv" "$key")
        check "headline $key = $want (got $value)" '[ "$value" = "$want" ]'
        shown=$(awk -v x="$want" 'BEGIN { printf "%.1f%%", x * 100 }')
        check "headline $key shows $shown (got $text)" '[ "$text" = "$shown" ]'
    done < "$tmp/headline"
    # Met or missed, against targets.csv, by the verdict staff uses too: a target below 1
    # is met when the service level reaches it; a target of 1 ("a human answer within six
    # minutes") when nobody waited longer (missed_<T>s is 0).
    awk -F, 'NR > 1 { print $1 "/" $2, $4 }' "$tmp/d/targets.csv" > "$tmp/targets"
    while read -r cm target; do
        m=$(mean "$tmp/d/summary.csv" "channel/$cm")
        late=$(mean "$tmp/d/summary.csv" "channel/$(echo "$cm" | sed 's#/service_level_#/missed_#')")
        want=$(awk -v m="$m" -v t="$target" -v l="$late" 'BEGIN { print (t >= 1 ? l == 0 : m >= t) ? "met" : "missed" }')
        got=$(sed -n "s#.*data-key=\"channel/$cm\" data-value=\"[^\"]*\">[^<]*\(<span class=\"ci\">[^<]*</span>\)\{0,1\}</td><td class=\"mark [a-z]*\" data-status=\"\([a-z]*\)\".*#\2#p" "$tmp/dom.html" | head -1)
        check "channel/$cm: $want (got $got)" '[ "$got" = "$want" ]'
    done < "$tmp/targets"
    for k in total/all/total_cost total/all/cost_per_contact_human total/all/cost_per_contact_blended \
             channel/voice/abandon_rate channel/voice/missed_360s; do
        want=$(mean "$tmp/d/summary.csv" "$k")
        check "$k = $want in the DOM" 'grep -q "data-key=\"$k\" data-value=\"$want\"" "$tmp/dom.html"'
    done
    dom "$hdir/report.html" > "$tmp/dom.html"
    check "hostile: the title is text in the DOM" 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; מוקד שירות</h1>" "$tmp/dom.html"'
fi
check "hostile: still nothing run" '[ ! -e "$marker" ]'
echo "plots: $fail failed"
[ "$fail" -eq 0 ]
