/* models/cli/cmd_calibrate.c: ccsim calibrate LOG... -o SCENARIO.yaml, a scenario fitted
 * to an interaction log (models/study/calibrate.h does the work), and the log options
 * that ccsim validate shares (commands.h, CC_LOG_OPTIONS). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/io/outfile.h"
#include "models/io/units.h"
#include "models/study/calibrate.h"
#include "sim/mem.h"
#include "sim/status.h"

static const char CAL_USAGE[] =
    "usage: ccsim calibrate LOG [LOG...] -o SCENARIO.yaml [options]\n"
    "  --format ccsim|bank1999|generic   the log's format (default ccsim)\n"
    "  --columns KEY=COL,...   generic: columns of the header row for arrival (required),\n"
    "                          channel, queued, answered, end, outcome, agent, group, wait,\n"
    "                          handle, date, day; times as seconds, HH:MM:SS or\n"
    "                          \"YYYY-MM-DD HH:MM:SS\"; outcome answered|abandoned|contained\n"
    "  --delimiter C           generic: the field separator (default ',', 'tab' for tabs)\n"
    "  --days SPEC             keep these weekdays: all (default), weekday (mon-fri), weekend,\n"
    "                          or names and ranges such as sun-thu or mon,wed (dated logs)\n"
    "  --channels A,B          keep these channels only\n"
    "  --interval DURATION     the scenario's interval (default 30m)\n"
    "  --hours HH:MM-HH:MM     the horizon (default: the log's opening hours)\n"
    "  --max-bad SHARE         refuse the log when more rows than this are rejected (0.01)\n"
    "  --replications N        written into the scenario (default 20)\n"
    "  --name TEXT             the scenario's name\n"
    "  --report FILE.csv       the fit report as CSV too\n"
    "  -q, --quiet             no fit report on standard output\n";

int cc_cli_log_option(int id, const char *v, cc_calib_options *o)
{
    char msg[256];
    switch (id) {
    case CC_LOG_FORMAT:
        if (cc_calllog_format_parse(v, &o->log.format) != SIM_OK) {
            fprintf(stderr, "ccsim: --format: \"%s\": ccsim, bank1999 or generic\n", v);
            return CC_EXIT_USAGE;
        }
        break;
    case CC_LOG_COLUMNS: o->log.columns = v; break;
    case CC_LOG_DELIMITER:
        if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) o->log.delim = '\t';
        else if (strlen(v) == 1 && v[0] != '"') o->log.delim = (unsigned char)v[0];
        else {
            fprintf(stderr, "ccsim: --delimiter: \"%s\": one character, or tab\n", v);
            return CC_EXIT_USAGE;
        }
        break;
    case CC_LOG_DAYS:
        if (cc_calib_days_parse(v, &o->days_mask) != SIM_OK) {
            fprintf(stderr, "ccsim: --days: \"%s\": all, weekday, weekend, or days such as sun-thu "
                            "or mon,wed,fri\n", v);
            return CC_EXIT_USAGE;
        }
        break;
    case CC_LOG_CHANNELS: o->channels = v; break;
    case CC_LOG_INTERVAL: {
        double s;
        if (cc_units_duration(v, &s, msg, sizeof msg) != SIM_OK || !(s >= 300) || fmod(s, 300) != 0 || fmod(86400, s) != 0) {
            fprintf(stderr, "ccsim: --interval: \"%s\": a whole number of 5 minutes that divides "
                            "a day (e.g. 15m, 30m, 1h)\n", v);
            return CC_EXIT_USAGE;
        }
        o->interval_s = s;
        break;
    }
    case CC_LOG_HOURS: {
        char lo[32], hi[32];
        const char *dash = strchr(v, '-');
        bool ok = dash && (size_t)(dash - v) < sizeof lo && strlen(dash + 1) < sizeof hi;
        if (ok) {
            snprintf(lo, sizeof lo, "%.*s", (int)(dash - v), v);
            snprintf(hi, sizeof hi, "%s", dash + 1);
            ok = cc_units_clock(lo, &o->open_s, msg, sizeof msg) == SIM_OK &&
                 cc_units_clock(hi, &o->close_s, msg, sizeof msg) == SIM_OK && o->close_s > o->open_s;
        }
        if (!ok) {
            fprintf(stderr, "ccsim: --hours: \"%s\": write HH:MM-HH:MM, e.g. 07:00-24:00\n", v);
            return CC_EXIT_USAGE;
        }
        o->has_hours = true;
        break;
    }
    default: {
        double x;
        if (cc_units_number(v, &x, msg, sizeof msg) != SIM_OK || x < 0 || x > 1) {
            fprintf(stderr, "ccsim: --max-bad: \"%s\": a share from 0 to 1\n", v);
            return CC_EXIT_USAGE;
        }
        o->max_bad = x;
    }
    }
    return CC_EXIT_OK;
}

static const cc_options_voice VOICE = {"ccsim: ", "ccsim calibrate --help"};

enum { C_OUTPUT, C_REPORT, C_REPLICATIONS, C_NAME, C_QUIET };

static const cc_option OPTIONS[] = {
    CC_LOG_OPTIONS,
    {"--output", "-o", true, C_OUTPUT},
    {"--report", NULL, true, C_REPORT},
    {"--replications", "-r", true, C_REPLICATIONS},
    {"--name", NULL, true, C_NAME},
    {"--quiet", "-q", false, C_QUIET},
    {NULL, NULL, false, 0},
};

/* The fit written as a scenario (and a report); an exit status. */
static int write_fit(const cc_calib *c, const char *out, const char *report, bool quiet)
{
    int rc = CC_EXIT_OK;
    if (!quiet) cc_calib_fprint(stdout, c);
    cc_diag diag;
    cc_diag_init(&diag);
    if (cc_calib_write_scenario(c, out, &diag) != SIM_OK) rc = CC_EXIT_FAILED;
    if (rc == CC_EXIT_OK && report && cc_calib_write_report(c, report, &diag) != SIM_OK)
        rc = CC_EXIT_FAILED;
    cc_diag_fprint(stderr, &diag);
    cc_diag_fini(&diag);
    if (rc == CC_EXIT_OK && !quiet) printf("scenario written to %s\n", out);
    return rc;
}

int cc_cmd_calibrate(int argc, char **argv)
{
    if (cc_options_help(argc, argv, 1, CAL_USAGE)) return CC_EXIT_OK;
    cc_calib_options o;
    memset(&o, 0, sizeof o);
    o.max_bad = 0.01;
    const char *out = NULL, *report = NULL;
    bool quiet = false;
    cc_option_parser p;
    cc_options_parser_init(&p, OPTIONS, &VOICE, argc, argv, 1, true);
    int rc = CC_EXIT_OK;
    while (rc == CC_EXIT_OK && cc_options_next(&p, &rc)) {
        const char *v = p.value;
        switch (p.opt->id) {
        case C_OUTPUT: out = v; break;
        case C_REPORT: report = v; break;
        case C_NAME: o.name = v; break;
        case C_QUIET: quiet = true; break;
        case C_REPLICATIONS:
            if (!cc_options_whole(v, 1, 100000, &o.replications)) {
                fprintf(stderr, "ccsim: %s: \"%s\": a whole number from 1 to 100000\n", p.flag, v);
                rc = CC_EXIT_USAGE;
            }
            break;
        default: rc = cc_cli_log_option(p.opt->id, v, &o);
        }
    }
    if (rc == CC_EXIT_OK && p.n_operands == 0) rc = cc_options_usage(&VOICE, "calibrate: which log?");
    if (rc == CC_EXIT_OK && !out) {
        fprintf(stderr, "ccsim: calibrate: where to write the scenario? -o SCENARIO.yaml\n");
        rc = CC_EXIT_USAGE;
    }
    const char *const outs[] = {out, report};
    for (size_t k = 0; k < 2 && rc == CC_EXIT_OK; k++) {
        if (!outs[k]) continue;
        if (cc_outfile_is_input(outs[k], (const char *const *)p.operands, p.n_operands)) {
            fprintf(stderr, "ccsim: calibrate: %s is one of the logs read: refusing to write over it\n",
                    outs[k]);
            rc = CC_EXIT_USAGE;
        } else if (!cc_outfile_folder_exists(outs[k])) {
            fprintf(stderr, "ccsim: calibrate: %s: no such folder to write into\n", outs[k]);
            rc = CC_EXIT_FAILED;
        }
    }
    if (rc == CC_EXIT_OK) {
        cc_calib *c = cc_calib_alloc(&o);
        rc = cc_cli_exit(cc_calib_run(c, p.operands, p.n_operands));
        if (rc == CC_EXIT_OK) rc = write_fit(c, out, report, quiet);
        cc_calib_free(c);
    }
    cc_options_parser_fini(&p);
    return rc;
}
