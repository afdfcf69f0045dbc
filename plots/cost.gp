# plots/cost.gp: the day's cost by source (staff per group, bots) and the cost per
# contact by path (handled by a person, resolved by self-service, blended), with 95% CIs.
# Variables: nitem, ngroup, nbot; ilabel[i] (group then bot names); currency; na[k]
# (1 where a cost per contact is undefined, e.g. no bot).
# Data: data/cost_1.csv, block 0 groups, block 1 bots; data/cost_2.csv, the three paths:
# x, mean, ci95_low, ci95_high.
eval termcmd(1000, 520)
set output out
set multiplot layout 1, 2 title heading('Cost of the day') font ',14'
money = (strlen(currency) > 0) ? ' (' . currency . ')' : ''
set style fill solid 0.85 noborder
set boxwidth 0.65 absolute
set yrange [0:*]
set key top right Left reverse samplen 1.5
set xtics () scale 0
set xtics rotate by -30 left
set ytics format '%.0f'
# Bar labels: the mean, printed from the number itself. CI bars: vectors with flat
# heads (gnuplot's errorbars put a white disc on the bar).
label(v) = v >= 100 ? sprintf('%.0f', v) : sprintf('%.2f', v)
set size 0.6, 0.93
set origin 0, 0
set lmargin 12
set bmargin 7
set title 'Cost by source' font ',12'
set ylabel 'Cost' . money
set xrange [0.4:nitem + 0.6]
do for [i = 1:nitem] { set xtics add (ilabel[i] i) }
set offsets 0, 0, graph 0.08, 0
plot 'data/cost_1.csv' index 0 using 1:2 with boxes lc rgb col(1) title (ngroup ? 'staff (agent groups)' : ''), \
     'data/cost_1.csv' index 1 using 1:2 with boxes lc rgb col(2) title (nbot ? 'bots' : ''), \
     'data/cost_1.csv' using 1:3:(0):($4 - $3) with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#333333' notitle, \
     'data/cost_1.csv' using 1:4:(label($2)) with labels offset 0, 0.8 font ',10' notitle
set origin 0.6, 0
set size 0.4, 0.93
set lmargin 10
set title 'Cost per contact' font ',12'
set ylabel 'Cost per contact' . money
set ytics format '%.2f'
set xrange [0.4:3.6]
set boxwidth 0.65 absolute
set xtics ('handled by a person' 1, 'self-service' 2, 'blended' 3)
do for [k = 1:3] { if (na[k]) { set label 10 + k 'n/a' at k, graph 0.05 center textcolor rgb '#666666' } }
plot for [k = 1:3] 'data/cost_2.csv' using ($1 == k ? $1 : NaN):2 with boxes lc rgb col(k == 1 ? 1 : k == 2 ? 2 : 3) notitle, \
     'data/cost_2.csv' using 1:3:(0):($4 - $3) with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#333333' notitle, \
     'data/cost_2.csv' using 1:4:(sprintf('%.2f', $2)) with labels offset 0, 0.8 font ',10' notitle
unset multiplot
