# plots/compare.gp: routing policies run on the same random numbers, per channel:
# service level (the channel's first target), abandonment and average speed of answer,
# each with its 95% CI.
# Variables: npol, nch; pnames[k] (policies); chnames[c] (channels); sllabels[c]
# (channel and threshold); boxw (bar width); asaunit ('seconds', ...).
# Data: data/compare_<panel>.csv, one block per policy: x, mean, ci95_low, ci95_high
# (% for panels 1 and 2, asaunit for panel 3).
eval termcmd(1000, 980)
set output out
set multiplot layout 3, 1 title 'Routing policies compared on the same simulated days' font ',14'
set style fill solid 0.85 noborder
set boxwidth boxw absolute
set xrange [0.4:nch + 0.6]
set yrange [0:*]
set lmargin 12
set rmargin 26
set key outside right top vertical Left reverse samplen 1.5 spacing 1.2
set xtics scale 0
set title 'Service level (first target of each channel)' font ',12'
set ylabel 'Answered in time (%)'
set ytics format '%g%%'
set xtics ()
do for [c = 1:nch] { set xtics add (sllabels[c] c) }
set yrange [0:105]
plot for [k = 1:npol] 'data/compare_1.csv' index (k - 1) using 1:2 with boxes lc rgb col(k) title pnames[k], \
     for [k = 1:npol] 'data/compare_1.csv' index (k - 1) using 1:3:(0):($4 - $3) with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#333333' notitle
set title 'Abandonment' font ',12'
unset key
set ylabel 'Hung up waiting (%)'
set yrange [0:*]
set xtics ()
do for [c = 1:nch] { set xtics add (chnames[c] c) }
plot for [k = 1:npol] 'data/compare_2.csv' index (k - 1) using 1:2 with boxes lc rgb col(k) title pnames[k], \
     for [k = 1:npol] 'data/compare_2.csv' index (k - 1) using 1:3:(0):($4 - $3) with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#333333' notitle
set title 'Average speed of answer' font ',12'
set ylabel 'ASA (' . asaunit . ')'
set ytics format '%g'
plot for [k = 1:npol] 'data/compare_3.csv' index (k - 1) using 1:2 with boxes lc rgb col(k) title pnames[k], \
     for [k = 1:npol] 'data/compare_3.csv' index (k - 1) using 1:3:(0):($4 - $3) with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#333333' notitle
unset multiplot
