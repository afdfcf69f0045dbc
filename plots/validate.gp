# plots/validate.gp: ccsim validate -o DIR: observed against simulated per interval, in
# three panels (abandonment rate, ASA, service level within 20 s), with the simulation's
# 95% confidence band and Erlang A (steady state per interval) for comparison.
# ccsim runs, in DIR/plots,
#   gnuplot -e "term = 'pngcairo'; out = '.validate.png.tmp'; scenario = '...'" common.gp validate.gp
# (term = 'png' where gnuplot has no cairo).
# Data: data/validate.csv, blocks 0 abandon_rate, 1 asa_s, 2 service_level_20s; columns
# x_s (middle of the interval), observed, simulated, ci95_low, ci95_high, erlang_a.
# data/axis.gp sets xmin, xmax, xstep.
load 'data/axis.gp'
eval termcmd(1000, 900)
set output out
set multiplot layout 3, 1 title heading('Observed and simulated by interval') font ',14'
eval clockaxis
set xlabel 'Time of day'
set key outside right top vertical Left reverse samplen 2.5 spacing 1.2
set lmargin 12
set rmargin at screen 0.74
file = 'data/validate.csv'
array ttl[3] = ['Abandonment rate', 'ASA (seconds)', 'Service level within 20 s']
do for [p = 1:3] {
    set title ttl[p] font ',12'
    set yrange [0:*]
    plot file index (p - 1) using 1:4:5 with filledcurves fs transparent solid 0.22 noborder lc rgb col(1) notitle, \
         file index (p - 1) using 1:3 with linespoints lw 2.2 pt 7 ps 0.55 lc rgb col(1) title 'simulated', \
         file index (p - 1) using 1:6 with linespoints lw 1.8 dt 2 pt 6 ps 0.6 lc rgb col(2) title 'Erlang A', \
         file index (p - 1) using 1:2 with points pt 5 ps 0.9 lc rgb col(6) title 'observed'
}
unset multiplot
