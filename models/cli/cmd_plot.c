/* models/cli/cmd_plot.c: ccsim plot DIR, the charts and report.html of a run's output
 * folder (models/report/chart.h does the work). */
#include <stdio.h>
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/report/chart.h"

static const char PLOT_USAGE[] =
    "usage: ccsim plot DIR\n"
    "  Draws the charts of the results in DIR (the CSV files of 'ccsim run -o DIR' or\n"
    "  'ccsim compare -o DIR') with gnuplot into DIR/plots/*.png and *.svg, and writes\n"
    "  DIR/report.html: one self-contained page with the headline answers, the charts\n"
    "  and the tables. Charts whose inputs are absent are skipped.\n"
    "exit status: 0 success, 1 a failed run (gnuplot missing or failing), 2 bad usage\n";

int cc_cmd_plot(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(PLOT_USAGE, stdout);
            return CC_EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ccsim: plot: %s: unknown option\nTry 'ccsim plot --help'.\n", argv[i]);
            return CC_EXIT_USAGE;
        }
        if (dir) {
            fprintf(stderr, "ccsim: plot: %s: one folder at a time\nTry 'ccsim plot --help'.\n", argv[i]);
            return CC_EXIT_USAGE;
        }
        dir = argv[i];
    }
    if (!dir || !dir[0]) {
        fputs("ccsim: plot: which folder? (the -o DIR of ccsim run)\nTry 'ccsim plot --help'.\n", stderr);
        return CC_EXIT_USAGE;
    }
    int rc = cc_cli_exit(cc_chart_draw(dir));
    if (rc == CC_EXIT_OK) printf("report: %s/report.html\ncharts: %s/plots/\n", dir, dir);
    return rc;
}
