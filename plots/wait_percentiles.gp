# plots/wait_percentiles.gp: the distribution of the wait of answered contacts, per
# channel, as a CDF through its 50th, 90th, 95th and 99th percentiles, with 95% CI bars.
# Variables: n; names[i] (channel names); xunit ('seconds', 'minutes', 'hours').
# Data: data/wait_percentiles.csv, one block per channel: share %, wait, ci95_low,
# ci95_high (in xunit).
eval termcmd(1000, 560)
set output out
set multiplot layout 1, 1 title heading('How long answered contacts waited') font ',14'
set xlabel 'Wait (' . xunit . ')'
set ylabel 'Answered contacts that waited at most this long'
set xrange [0:*]
set yrange [45:100.5]
set ytics (50, 60, 70, 80, 90, 95, 99) format '%g%%'
set grid xtics ytics lc rgb '#dddddd'
set key outside right top vertical Left reverse samplen 2.5 spacing 1.2
set lmargin 12
set rmargin at screen 0.76
plot for [i = 1:n] 'data/wait_percentiles.csv' index (i - 1) using 2:1:3:4 with xerrorlines \
         lw 2.2 pt 7 ps 0.8 lc rgb col(i) title names[i]
unset multiplot
