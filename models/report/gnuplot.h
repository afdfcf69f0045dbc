/* models/report/gnuplot.h: running gnuplot on ccsim's chart scripts.
 *
 * The scripts (plots/common.gp and one script per chart) are fixed files found at run
 * time: $CCSIM_PLOTS, else beside the executable (build/ccsim -> plots/, an installed
 * PREFIX/bin/ccsim -> PREFIX/share/ccsim/plots), else ./plots. A chart is drawn by
 *   gnuplot -e "term = 'T'; out = '.NAME.tmp'; VARIABLES" common.gp SCRIPT
 * run as a child process from an argument vector (fork + execvp, no shell), in the
 * chart's folder, with standard input from /dev/null and its output captured in a log
 * file. gnuplot writes a temporary file that is renamed to NAME only when it succeeds,
 * so a failed run never leaves half a chart over a good one.
 *
 * Text reaches gnuplot only as values: cc_gnuplot_string makes a single-quoted string,
 * in which gnuplot expands nothing (no backquote command, no @macro, no backslash
 * escape). The scripts use such variables as values, never with eval or a macro.
 *
 * Failures are said on stderr ("ccsim: WHAT: ..."), with gnuplot's own lines from the
 * log; the functions return false and never exit. Strings returned are the caller's to
 * free. */
#ifndef CC_GNUPLOT_H
#define CC_GNUPLOT_H
#include <stdbool.h>
#include <stddef.h>

/* True if an executable gnuplot is on PATH (what execvp will find). */
bool  cc_gnuplot_is_installed(void);

/* The folder of the scripts, absolute (gnuplot runs in another folder); NULL if no
 * candidate holds common.gp. */
char *cc_gnuplot_scripts(void);

/* "pngcairo" (anti-aliased text) when this gnuplot has it, else libgd's "png". Runs
 * gnuplot once, in plotdir, whose data/ folder takes the throw-away log. */
const char *cc_gnuplot_png_terminal(const char *plotdir);

/* text as a gnuplot single-quoted string, quotes included: quotes doubled, control
 * characters (a newline would end the command) as spaces, cut to max bytes (0: no
 * limit) without splitting a UTF-8 character, with an ellipsis where cut. */
char *cc_gnuplot_string(const char *text, size_t max);

/* "dir/name". */
char *cc_gnuplot_path(const char *dir, const char *name);

/* One chart in one format. */
typedef struct cc_gnuplot_chart {
    const char *scripts;     /* the folder of cc_gnuplot_scripts() */
    const char *script;      /* the chart's script in it, e.g. "validate.gp" */
    const char *plotdir;     /* gnuplot runs here and the chart is written here */
    const char *term;        /* the terminal: "pngcairo", "png", "svg" */
    const char *name;        /* the chart's file in plotdir, e.g. "validate.png" */
    const char *log;         /* gnuplot's output, relative to plotdir; kept on failure */
    const char *vars;        /* more assignments ("npanel = 2; ptitle = 'x'; "), or "" */
    const char *what;        /* the command, for messages: "plot", "validate" */
} cc_gnuplot_chart;

/* Draws the chart: true when plotdir/name was written. */
bool  cc_gnuplot_draw(const cc_gnuplot_chart *c);

#endif /* CC_GNUPLOT_H */
