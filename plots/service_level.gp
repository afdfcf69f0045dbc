# plots/service_level.gp: service level by reporting interval against its targets, one
# panel per channel, with the 95% confidence band.
# Variables: npanel; ptitle[p] (channel name); pfirst[p], plast[p] (the panel's series);
# stitle[j] (e.g. 'answered within 20 s'), ttitle[j] ('target 80% within 20 s').
# Data: data/service_level_<p>.csv, one block per series (gnuplot index from 0):
# x_s, mean %, ci95_low %, ci95_high %, target %.
eval termcmd(1000, 140 + 300 * npanel)
set output out
set multiplot layout npanel, 1 title heading('Service level by interval') font ',14'
eval clockaxis
# At least 60-100 % is shown; lower when the service level or its band goes lower.
set yrange [*<60:102]
set ytics 10 format '%g%%'
set ylabel 'Answered in time (% of contacts)'
set xlabel 'Time of day'
set key outside right top vertical Left reverse samplen 2.5 spacing 1.2
set lmargin 12
set rmargin at screen 0.74
do for [p = 1:npanel] {
    set title ptitle[p] font ',12'
    file = sprintf('data/service_level_%d.csv', p)
    nser = int(plast[p] - pfirst[p] + 1)
    plot for [k = 1:nser] file index (k - 1) using 1:3:4 with filledcurves \
             fs transparent solid 0.20 noborder lc rgb col(k) notitle, \
         for [k = 1:nser] file index (k - 1) using 1:5 with lines dt (8, 6) lw 1.8 \
             lc rgb col(k) title ttitle[int(pfirst[p]) + k - 1], \
         for [k = 1:nser] file index (k - 1) using 1:2 with linespoints lw 2.2 pt 7 ps 0.55 \
             lc rgb col(k) title stitle[int(pfirst[p]) + k - 1]
}
unset multiplot
