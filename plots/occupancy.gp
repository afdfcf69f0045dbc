# plots/occupancy.gp: agent occupancy by group and interval with 95% confidence bands;
# dashed, for groups that hold several contacts at once, the share of slots in use.
# Variables: n; stitle[i] (series title), sdash[i] (1 dashed), scol[i] (colour number).
# Data: data/occupancy.csv, one block per series: x_s, mean %, ci95_low %, ci95_high %.
eval termcmd(1000, 520)
set output out
set multiplot layout 1, 1 title heading('Agent occupancy by interval') font ',14'
eval clockaxis
set xlabel 'Time of day'
set ylabel 'Occupancy (% of present agent time)'
set yrange [0:105]
set ytics 0, 20, 100 format '%g%%'
set key outside right top vertical Left reverse samplen 2.5 spacing 1.2
set lmargin 12
set rmargin at screen 0.74
file = 'data/occupancy.csv'
plot for [i = 1:n] file index (i - 1) using 1:3:4 with filledcurves \
         fs transparent solid (sdash[i] ? 0.10 : 0.20) noborder lc rgb col(scol[i]) notitle, \
     for [i = 1:n] file index (i - 1) using 1:2 with linespoints lw 2.2 pt (sdash[i] ? 6 : 7) ps 0.55 \
         dt int(sdash[i] + 1) lc rgb col(scol[i]) title stitle[i]
unset multiplot
