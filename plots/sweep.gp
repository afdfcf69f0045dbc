# plots/sweep.gp: service level and cost against the first swept key, from sweep.csv.
# Usage: gnuplot -e "dir='OUTDIR'" plots/sweep.gp   (reads OUTDIR/sweep.csv, writes
# OUTDIR/plots/sweep.png). Column 2 is the first --vary key; the key's name is read from
# the file's header, never pasted into a command.
if (!exists("dir")) dir = "."
csv = dir . "/sweep.csv"
set datafile separator comma
set datafile missing "NaN"
set terminal pngcairo size 1000,600 noenhanced font ",10"
set output dir . "/plots/sweep.png"
set multiplot layout 1,2
set key bottom right
set grid
set xlabel "value of the swept key (named in the legend)"
set format y "%.0f%%"
# The total's service level at its smallest threshold: the threshold T is read from the
# measure's name (service_level_<T>s), its minimum found with stats.
is_sl = 'strcol(3) eq "total" && strstrt(strcol(5), "service_level_") == 1'
threshold(m) = real(substr(m, 15, strlen(m) - 1))
stats csv using (@is_sl ? threshold(strcol(5)) : NaN) nooutput
tmin = STATS_min
set ylabel sprintf("service level within %.0f s, all channels (95%% CI)", tmin)
sl(col) = (@is_sl && threshold(strcol(5)) == tmin) ? column(col) * 100 : NaN
plot csv using 2:(sl(6)):(sl(7)):(sl(8)) with yerrorlines title columnheader(2)
set ylabel "total cost (95% CI)"
set format y "%.0f"
cost(col) = (strcol(3) eq "total" && strcol(5) eq "total_cost") ? column(col) : NaN
plot csv using 2:(cost(6)):(cost(7)):(cost(8)) with yerrorlines title columnheader(2)
unset multiplot
