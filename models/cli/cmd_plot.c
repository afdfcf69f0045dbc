/* models/cli/cmd_plot.c: ccsim plot DIR, the charts and report.html of a run's output
 * folder (models/report/chart.h does the work). */
#include <stdio.h>
#include <sys/stat.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/report/chart.h"

static const char PLOT_USAGE[] =
    "usage: ccsim plot DIR\n"
    "  Draws the charts of the results in DIR (the CSV files of 'ccsim run -o DIR' or\n"
    "  'ccsim compare -o DIR') with gnuplot into DIR/plots/*.png and *.svg, and writes\n"
    "  DIR/report.html: one self-contained page with the headline answers, the charts\n"
    "  and the tables. Charts whose inputs are absent are skipped.\n"
    "exit status: 0 success, 1 a failed run (gnuplot missing or failing), 2 bad usage\n";

static const cc_options_voice VOICE = {"ccsim: plot: ", "ccsim plot --help"};

/* plot takes no option but --help. */
static const cc_option OPTIONS[] = {{NULL, NULL, false, 0}};

int cc_cmd_plot(int argc, char **argv)
{
    if (cc_options_help(argc, argv, 1, PLOT_USAGE)) return CC_EXIT_OK;
    const char *dir = NULL;
    cc_option_parser p;
    cc_options_parser_init(&p, OPTIONS, &VOICE, argc, argv, 1, false);
    int rc = CC_EXIT_OK;
    while (rc == CC_EXIT_OK && cc_options_next(&p, &rc)) {
        if (dir) rc = cc_options_usage(&VOICE, "%s: one folder at a time", p.value);
        dir = p.value;
    }
    if (rc == CC_EXIT_OK && (!dir || !dir[0]))
        rc = cc_options_usage(&VOICE, "which folder? (the -o DIR of ccsim run)");
    if (rc != CC_EXIT_OK) return rc;
    /* A folder that is not there is not made: the chart code says "no such folder". */
    struct stat sb;
    cc_outdir lock = {-1, NULL};
    if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) rc = cc_cli_lock(dir, &lock);
    if (rc == CC_EXIT_OK) rc = cc_cli_exit(cc_chart_draw(dir));
    cc_outdir_unlock(&lock);
    if (rc == CC_EXIT_OK) printf("report: %s/report.html\ncharts: %s/plots/\n", dir, dir);
    return rc;
}
