# plots/common.gp: what every chart of `ccsim plot` shares. ccsim runs, in DIR/plots,
#   gnuplot -e "term = 'pngcairo'; out = '.x.png.tmp'; VARIABLES" common.gp CHART.gp
# Data files are data/*.csv, written by ccsim from its own CSV files: numbers only.
# Every text that comes from a scenario (names of channels, groups, bots, policies; the
# scenario's name) arrives in a string variable set with -e, is used only as a value
# (a title, a tic label) and never in eval or a @macro; terminals are noenhanced, so
# a name is drawn exactly as written.
# Variables set by ccsim for every chart: term, out, scenario (the scenario's name, may
# be ''), xmin, xmax, xstep (the clock axis in seconds since midnight).
set encoding utf8
set datafile separator comma
set datafile missing 'NaN'

# Colours told apart by colour-blind readers too (Okabe and Ito), then a few more.
array colour[10] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', \
                    '#7F7F7F', '#000000', '#882255', '#44AA99']
col(i) = colour[int(i - 1) % 10 + 1]

# The terminal at w x h pixels. Only numbers and the fixed name in `term` go into it.
termcmd(w, h) = (term eq 'svg') \
    ? sprintf("set terminal svg size %d,%d font 'DejaVu Sans,12' noenhanced background '#ffffff'", w, h) \
    : (term eq 'pngcairo') \
    ? sprintf("set terminal pngcairo size %d,%d font 'DejaVu Sans,11' noenhanced background '#ffffff'", w, h) \
    : sprintf("set terminal png size %d,%d font 'DejaVu Sans,11' noenhanced truecolor background '#ffffff'", w, h)

# The chart's heading: what it shows, then the scenario's name when there is one.
heading(what) = (strlen(scenario) > 0) ? what . ': ' . scenario : what

# A clock axis: x in seconds since midnight of the first day, labels H:MM (hours may
# pass 24 on long horizons).
clockaxis = "set xrange [xmin:xmax]; set xtics xstep format '%tH:%tM' timedate nomirror; set mxtics 2"

set style fill solid 1.0 noborder
set grid ytics lc rgb '#dddddd' lw 1 dt 1
set border 3 lc rgb '#555555'
set tics nomirror textcolor rgb '#333333'
set key noautotitle
