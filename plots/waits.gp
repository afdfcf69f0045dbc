# plots/waits.gp: waiting over the day, one panel per channel: the average speed of
# answer (ASA) and the 90th percentile of the wait of answered contacts, by interval,
# with 95% confidence bands.
# Variables: npanel; ptitle[p] (channel name); yunit[p] ('seconds', 'minutes', 'hours').
# Data: data/waits_<p>.csv, block 0 ASA, block 1 wait p90: x_s, mean, ci95_low, ci95_high
# (in the panel's unit).
eval termcmd(1000, 140 + 270 * npanel)
set output out
set multiplot layout npanel, 1 title heading('Waiting by interval') font ',14'
eval clockaxis
set yrange [0:*]
set xlabel 'Time of day'
set key outside right top vertical Left reverse samplen 2.5 spacing 1.2
set lmargin 12
set rmargin at screen 0.74
do for [p = 1:npanel] {
    set title ptitle[p] font ',12'
    set ylabel 'Wait (' . yunit[p] . ')'
    file = sprintf('data/waits_%d.csv', p)
    plot file index 1 using 1:3:4 with filledcurves fs transparent solid 0.18 noborder lc rgb col(2) notitle, \
         file index 0 using 1:3:4 with filledcurves fs transparent solid 0.25 noborder lc rgb col(1) notitle, \
         file index 1 using 1:2 with linespoints lw 2.2 pt 5 ps 0.5 lc rgb col(2) title '90th percentile', \
         file index 0 using 1:2 with linespoints lw 2.2 pt 7 ps 0.55 lc rgb col(1) title 'average (ASA)'
}
unset multiplot
