/* models/cli/cmd_calibrate.c: ccsim calibrate LOG... -o SCENARIO.yaml, a scenario fitted
 * to an interaction log (models/study/calibrate.h does the work), and the log options
 * that ccsim validate shares. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
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

/* The log options shared with validate. Returns an exit status; *used says whether
 * argv[i] (and maybe its value) was taken. */
int cc_cli_log_option(int argc, char **argv, int *i, cc_calib_options *o, bool *used)
{
    const char *a = argv[*i];
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    char flag[64];
    snprintf(flag, sizeof flag, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
    static const char *const takes[] = {"--format", "--columns", "--delimiter", "--days", "--channels",
                                        "--interval", "--hours", "--max-bad", NULL};
    *used = false;
    size_t k = 0;
    while (takes[k] && strcmp(takes[k], flag) != 0) k++;
    if (!takes[k]) return CC_EXIT_OK;
    *used = true;
    const char *v = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
    if (!v) {
        fprintf(stderr, "ccsim: %s: needs a value\n", flag);
        return CC_EXIT_USAGE;
    }
    char msg[256];
    if (strcmp(flag, "--format") == 0) {
        if (cc_calllog_format_parse(v, &o->log.format) != SIM_OK) {
            fprintf(stderr, "ccsim: --format: \"%s\": ccsim, bank1999 or generic\n", v);
            return CC_EXIT_USAGE;
        }
    } else if (strcmp(flag, "--columns") == 0) {
        o->log.columns = v;
    } else if (strcmp(flag, "--delimiter") == 0) {
        if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) o->log.delim = '\t';
        else if (strlen(v) == 1 && v[0] != '"') o->log.delim = (unsigned char)v[0];
        else {
            fprintf(stderr, "ccsim: --delimiter: \"%s\": one character, or tab\n", v);
            return CC_EXIT_USAGE;
        }
    } else if (strcmp(flag, "--days") == 0) {
        if (cc_calib_days_parse(v, &o->days_mask) != SIM_OK) {
            fprintf(stderr, "ccsim: --days: \"%s\": all, weekday, weekend, or days such as sun-thu "
                            "or mon,wed,fri\n", v);
            return CC_EXIT_USAGE;
        }
    } else if (strcmp(flag, "--channels") == 0) {
        o->channels = v;
    } else if (strcmp(flag, "--interval") == 0) {
        double s;
        if (cc_units_duration(v, &s, msg, sizeof msg) != SIM_OK || !(s >= 300) || fmod(s, 300) != 0 || fmod(86400, s) != 0) {
            fprintf(stderr, "ccsim: --interval: \"%s\": a whole number of 5 minutes that divides "
                            "a day (e.g. 15m, 30m, 1h)\n", v);
            return CC_EXIT_USAGE;
        }
        o->interval_s = s;
    } else if (strcmp(flag, "--hours") == 0) {
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
    } else {
        double x;
        if (cc_units_number(v, &x, msg, sizeof msg) != SIM_OK || x < 0 || x > 1) {
            fprintf(stderr, "ccsim: --max-bad: \"%s\": a share from 0 to 1\n", v);
            return CC_EXIT_USAGE;
        }
        o->max_bad = x;
    }
    return CC_EXIT_OK;
}

int cc_cmd_calibrate(int argc, char **argv)
{
    cc_calib_options o;
    memset(&o, 0, sizeof o);
    o.max_bad = 0.01;
    const char *out = NULL, *report = NULL;
    bool quiet = false;
    char **logs = sim_xcalloc((size_t)argc + 1, sizeof *logs);
    size_t n_logs = 0;
    int rc = CC_EXIT_OK;
    for (int i = 1; i < argc && rc == CC_EXIT_OK; i++) {
        const char *a = argv[i];
        bool used;
        rc = cc_cli_log_option(argc, argv, &i, &o, &used);
        if (rc != CC_EXIT_OK || used) continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(CAL_USAGE, stdout);
            free(logs);
            return CC_EXIT_OK;
        }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--report") == 0 ||
            strcmp(a, "--replications") == 0 || strcmp(a, "-r") == 0 || strcmp(a, "--name") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "ccsim: %s: needs a value\n", a);
                rc = CC_EXIT_USAGE;
                break;
            }
            const char *v = argv[++i];
            if (a[1] == 'o' || strcmp(a, "--output") == 0) out = v;
            else if (strcmp(a, "--report") == 0) report = v;
            else if (strcmp(a, "--name") == 0) o.name = v;
            else {
                if (!cc_options_whole(v, 1, 100000, &o.replications)) {
                    fprintf(stderr, "ccsim: %s: \"%s\": a whole number from 1 to 100000\n", a, v);
                    rc = CC_EXIT_USAGE;
                }
            }
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "ccsim: %s: unknown option\nTry 'ccsim calibrate --help'.\n", a);
            rc = CC_EXIT_USAGE;
        } else {
            logs[n_logs++] = argv[i];
        }
    }
    if (rc == CC_EXIT_OK && n_logs == 0) {
        fprintf(stderr, "ccsim: calibrate: which log?\nTry 'ccsim calibrate --help'.\n");
        rc = CC_EXIT_USAGE;
    }
    if (rc == CC_EXIT_OK && !out) {
        fprintf(stderr, "ccsim: calibrate: where to write the scenario? -o SCENARIO.yaml\n");
        rc = CC_EXIT_USAGE;
    }
    if (rc != CC_EXIT_OK) {
        free(logs);
        return rc;
    }
    cc_calib *c = cc_calib_alloc(&o);
    rc = cc_cli_exit(cc_calib_run(c, logs, n_logs));
    if (rc == CC_EXIT_OK) {
        if (!quiet) cc_calib_fprint(stdout, c);
        cc_diag diag;
        cc_diag_init(&diag);
        if (cc_calib_write_scenario(c, out, &diag) != SIM_OK) rc = CC_EXIT_FAILED;
        if (rc == CC_EXIT_OK && report && cc_calib_write_report(c, report, &diag) != SIM_OK)
            rc = CC_EXIT_FAILED;
        cc_diag_fprint(stderr, &diag);
        cc_diag_fini(&diag);
        if (rc == CC_EXIT_OK && !quiet) printf("scenario written to %s\n", out);
    }
    cc_calib_free(c);
    free(logs);
    return rc;
}
