# plots/arrivals_staffing.gp: contacts offered per interval, stacked by channel,
# against the agents paid for in each interval (right axis).
# Variables: n; names[i] (channel names); staff (1 if there are staffing figures);
# boxw (bar width in seconds); ylabel (left axis label); y2max (top of the right axis).
# Data: data/arrivals_staffing.csv, block 0: x_s (interval middle), then offered summed
# over channels 1..k for k = 1..n; block 1: x_s (interval start), agents.
eval termcmd(1000, 520)
set output out
set multiplot layout 1, 1 title heading('Demand and staffing') font ',14'
eval clockaxis
set xlabel 'Time of day'
set ylabel ylabel
set yrange [0:*]
set boxwidth boxw absolute
set key outside right top vertical Left reverse samplen 2 spacing 1.2
set lmargin 12
set rmargin at screen 0.74
if (staff) {
    set y2label 'Agents paid for (average head count)'
    set y2range [0:y2max]
    set y2tics nomirror
    set rmargin at screen 0.64
    set key at screen 0.73, graph 1 left top
}
file = 'data/arrivals_staffing.csv'
if (staff) {
    plot for [i = n:1:-1] file index 0 using 1:(column(i + 1)) with boxes fs solid 0.75 noborder \
             lc rgb col(i) title names[i], \
         file index 1 using 1:2 axes x1y2 with steps lw 3 lc rgb '#222222' title 'agents paid for (right)'
} else {
    plot for [i = n:1:-1] file index 0 using 1:(column(i + 1)) with boxes fs solid 0.75 noborder \
             lc rgb col(i) title names[i]
}
unset multiplot
