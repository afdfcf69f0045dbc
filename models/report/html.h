/* models/report/html.h: report.html, the manager's one-page report of a run.
 * One self-contained file: inline CSS (with a print style), charts as inline SVG, no
 * script, no network (a Content-Security-Policy says so to the browser as well). It
 * opens with the scenario and the headline answers (service level against target per
 * channel, abandonment, the six-minute rule, cost per contact and the day's cost), then
 * the charts, then the tables with 95% CIs. Every text that comes from a CSV file is
 * escaped (& < > " ') and never interpreted. Numeric cells carry data-key
 * ("scope/name/measure") and data-value (the mean exactly as in summary.csv) so that a
 * test, or a script, can read the page back.
 * The file is written under a temporary name and renamed (cc_outfile). */
#ifndef CC_HTML_H
#define CC_HTML_H
#include <stddef.h>
#include <stdio.h>

#include "models/io/diag.h"
#include "models/io/rundir.h"

typedef struct cc_html_chart {
    const char *id;        /* fixed ASCII: the element id is "chart-" id */
    const char *title;     /* plain text */
    const char *caption;   /* plain text */
    const char *svg_path;  /* the SVG file drawn by gnuplot, inlined */
} cc_html_chart;

/* Writes the report to path. note (plain text, or NULL) is shown where the charts go,
 * e.g. why there are none. Returns SIM_OK or a negative status with a line in diag. */
int  cc_html_write(const cc_rundir *rd, const char *path, const cc_html_chart *charts,
                   size_t n_charts, const char *note, cc_diag *diag);
/* Writes text with &, <, >, " and ' as character references. */
void cc_html_escape(FILE *f, const char *text);

#endif /* CC_HTML_H */
