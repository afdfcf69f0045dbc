/* models/report/chart.h: the charts and report.html of a run's output folder.
 * cc_chart_draw reads what DIR holds (the CSV files of `ccsim run -o DIR` or
 * `ccsim compare -o DIR`, models/io/rundir.h), draws every chart whose inputs are there
 * with gnuplot (models/report/gnuplot.h) into DIR/plots/ID.png and ID.svg, skips the
 * others (and removes their old files), and writes DIR/report.html, which holds the
 * tables even when no chart could be drawn. Messages go to stderr. It returns
 *   SIM_OK      every chart drawn and the report written;
 *   SIM_EINVAL  DIR does not hold a run's results (bad input; nothing is written);
 *   SIM_EIO     a file could not be written, gnuplot or its scripts are missing, or
 *               gnuplot failed on a chart (the report is written if it can be). */
#ifndef CC_CHART_H
#define CC_CHART_H

int cc_chart_draw(const char *dir);

#endif /* CC_CHART_H */
