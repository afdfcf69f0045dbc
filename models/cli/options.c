/* models/cli/options.c: the option parser, and the run family's options.
 *
 * Options are parsed here rather than with GNU getopt_long, which is not in POSIX.
 * The parser keeps no state beyond the cc_option_parser it is given, and a table is a
 * short array searched in order: commands take a dozen options at most, so a lookup is
 * a few string comparisons. */
#include "models/cli/options.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/center/scenario.h"
#include "models/cli/cli.h"
#include "models/io/units.h"
#include "sim/mem.h"
#include "sim/status.h"

const cc_options_voice CC_OPTIONS_MAIN = {"ccsim: ", "ccsim --help"};

int cc_options_usage(const cc_options_voice *v, const char *fmt, ...)
{
    fputs(v->prefix, stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s'.\n", v->help);
    return CC_EXIT_USAGE;
}

void cc_options_parser_init(cc_option_parser *p, const cc_option *table,
                            const cc_options_voice *voice, int argc, char **argv, int first,
                            bool keep_operands)
{
    memset(p, 0, sizeof *p);
    p->table = table;
    p->voice = voice;
    p->argc = argc;
    p->argv = argv;
    p->next = first;
    if (keep_operands) p->operands = sim_xcalloc((size_t)argc + 1, sizeof *p->operands);
}

void cc_options_parser_fini(cc_option_parser *p)
{
    free(p->operands);
    p->operands = NULL;
    p->n_operands = 0;
}

static const cc_option *lookup(const cc_option *table, const char *flag)
{
    for (const cc_option *t = table; t->name || t->short_name; t++)
        if ((t->name && strcmp(t->name, flag) == 0) || (t->short_name && strcmp(t->short_name, flag) == 0))
            return t;
    return NULL;
}

/* Reads the option a (the argument just taken), with its value. */
static bool read_option(cc_option_parser *p, const char *a, int *rc)
{
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    snprintf(p->flag, sizeof p->flag, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
    p->opt = lookup(p->table, p->flag);
    p->value = NULL;
    if (!p->opt) {
        *rc = cc_options_usage(p->voice, "%s: unknown option", p->flag);
        return false;
    }
    if (!p->opt->takes_value) {
        if (!eq) return true;
        *rc = cc_options_usage(p->voice, "%s: takes no value", p->flag);
        return false;
    }
    if (eq) p->value = eq + 1;
    else if (p->next < p->argc) p->value = p->argv[p->next++];
    else {
        *rc = cc_options_usage(p->voice, "%s: needs a value", p->flag);
        return false;
    }
    return true;
}

bool cc_options_next(cc_option_parser *p, int *rc)
{
    while (p->next < p->argc) {
        const char *a = p->argv[p->next++];
        if (a[0] == '-' && a[1]) return read_option(p, a, rc);
        if (!p->operands) {
            p->opt = NULL;
            p->value = a;
            p->flag[0] = '\0';
            return true;
        }
        p->operands[p->n_operands++] = a;
    }
    return false;
}

bool cc_options_help(int argc, char **argv, int first, const char *help)
{
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(help, stdout);
            return true;
        }
    }
    return false;
}

bool cc_options_whole(const char *text, long lo, long hi, long *out)
{
    unsigned long long v;
    if (cc_units_whole(text, (unsigned long long)hi, &v, NULL, 0) != SIM_OK ||
        v < (unsigned long long)lo)
        return false;
    *out = (long)v;
    return true;
}

/* ---- run, check, sweep, staff and compare ---- */

enum {
    O_REPLICATIONS, O_SEED, O_THREADS, O_OUTPUT, O_READ_PARTS, O_SET, O_QUIET, O_CONTACTS,
    O_PLOTS, O_VARY, O_POLICIES, O_RESUME, O_MAX_OCCUPANCY, O_GRANULARITY, O_RULE,
    O_MAX_EVALUATIONS, O_MAX_AGENTS, O_TOLERANCE, O_MAX_REPLICATIONS, O_FIX,
    O_TARGET_SCOPE, O_PRECISION
};

static const cc_option MAIN_OPTIONS[] = {
    {"--replications", "-r", true, O_REPLICATIONS},
    {"--seed", "-s", true, O_SEED},
    {"--threads", "-j", true, O_THREADS},
    {"--output", "-o", true, O_OUTPUT},
    /* Internal: ccsim-mpi gives the ranks that do not write the output folder this way,
     * so that they skip the same finished work as rank 0. */
    {"--read-parts", NULL, true, O_READ_PARTS},
    {"--set", NULL, true, O_SET},
    {"--quiet", "-q", false, O_QUIET},
    {"--contacts", NULL, true, O_CONTACTS},
    {"--plots", NULL, false, O_PLOTS},
    {"--vary", NULL, true, O_VARY},
    {"--policies", NULL, true, O_POLICIES},
    {"--resume", NULL, false, O_RESUME},
    {"--max-occupancy", NULL, true, O_MAX_OCCUPANCY},
    {"--granularity", NULL, true, O_GRANULARITY},
    {"--rule", NULL, true, O_RULE},
    {"--max-evaluations", NULL, true, O_MAX_EVALUATIONS},
    {"--max-agents", NULL, true, O_MAX_AGENTS},
    {"--tolerance", NULL, true, O_TOLERANCE},
    {"--target-scope", NULL, true, O_TARGET_SCOPE},
    {"--max-replications", NULL, true, O_MAX_REPLICATIONS},
    {"--fix", NULL, true, O_FIX},
    {"--precision", NULL, true, O_PRECISION},
    {NULL, NULL, false, 0},
};

/* The options that only some commands take, and which ones (as the message says it). */
static const struct {
    int id;
    const char *commands;
} ONLY[] = {
    {O_CONTACTS, "run"},   {O_PLOTS, "run"},          {O_VARY, "sweep"},
    {O_POLICIES, "compare"}, {O_RESUME, "sweep, compare and staff"},
    {O_MAX_OCCUPANCY, "staff"}, {O_GRANULARITY, "staff"}, {O_RULE, "staff"},
    {O_MAX_EVALUATIONS, "staff"}, {O_MAX_AGENTS, "staff"}, {O_TOLERANCE, "staff"},
    {O_MAX_REPLICATIONS, "run and staff"}, {O_FIX, "staff"}, {O_TARGET_SCOPE, "staff"},
    {O_PRECISION, "run"},
};

/* True when command is a word of list ("sweep, compare and staff"). */
static bool listed(const char *list, const char *command)
{
    size_t n = strlen(command);
    for (const char *p = list; (p = strstr(p, command)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ',' || p[n] == ' ')) return true;
    return false;
}

/* Refuses an option that belongs to other commands; an exit status. */
static int check_command(const cc_option_parser *p, const cc_options *o)
{
    for (size_t k = 0; k < sizeof ONLY / sizeof ONLY[0]; k++)
        if (ONLY[k].id == p->opt->id && !listed(ONLY[k].commands, o->command))
            return cc_options_usage(&CC_OPTIONS_MAIN, "%s: only for %s", p->flag, ONLY[k].commands);
    return CC_EXIT_OK;
}

/* The staffing search's options. */
static int staff_option(const cc_option_parser *p, cc_staff_options *st)
{
    const char *val = p->value;
    char msg[256];
    long x;
    switch (p->opt->id) {
    case O_MAX_OCCUPANCY: {
        double share;
        if (cc_units_probability(val, &share, msg, sizeof msg) != SIM_OK || !(share > 0))
            return cc_options_usage(&CC_OPTIONS_MAIN, "--max-occupancy: \"%s\": a share in (0, 1]", val);
        st->max_occupancy = share;
        break;
    }
    case O_GRANULARITY:
        if (strcmp(val, "horizon") == 0) st->granularity_s = INFINITY;
        else if (cc_units_duration(val, &st->granularity_s, msg, sizeof msg) != SIM_OK)
            return cc_options_usage(&CC_OPTIONS_MAIN, "--granularity: %s (or: horizon)", msg);
        else if (!(st->granularity_s > 0))
            return cc_options_usage(&CC_OPTIONS_MAIN, "--granularity %s: must be a positive "
                                    "multiple of the interval (or: horizon)", val);
        break;
    case O_RULE:
        if (strcmp(val, "sequential") == 0) st->rule = CC_STAFF_SEQUENTIAL;
        else if (strcmp(val, "mean") == 0) st->rule = CC_STAFF_MEAN;
        else if (strcmp(val, "confidence") == 0) st->rule = CC_STAFF_CONFIDENCE;
        else return cc_options_usage(&CC_OPTIONS_MAIN, "--rule: \"%s\": sequential, mean or confidence", val);
        break;
    case O_TARGET_SCOPE:
        if (strcmp(val, "interval") == 0) st->scope = CC_TARGETS_INTERVAL;
        else if (strcmp(val, "day") == 0) st->scope = CC_TARGETS_DAY;
        else if (strcmp(val, "both") == 0) st->scope = CC_TARGETS_BOTH;
        else return cc_options_usage(&CC_OPTIONS_MAIN, "--target-scope: \"%s\": interval, day or both", val);
        break;
    case O_FIX:
        if (!val[0]) return cc_options_usage(&CC_OPTIONS_MAIN, "--fix: which group?");
        st->fixed[st->n_fixed++] = val;
        break;
    case O_TOLERANCE: {
        double share;
        if (cc_units_probability(val, &share, msg, sizeof msg) != SIM_OK || !(share > 0 && share < 0.5))
            return cc_options_usage(&CC_OPTIONS_MAIN, "--tolerance: \"%s\": a share in (0, 0.5), e.g. 0.005", val);
        st->tolerance = share;
        break;
    }
    default:
        if (!cc_options_whole(val, 1, 100000000, &x))
            return cc_options_usage(&CC_OPTIONS_MAIN, "%s: \"%s\" is not a whole number >= 1", p->flag, val);
        if (p->opt->id == O_MAX_AGENTS) st->max_agents = x;
        else st->max_evaluations = x;
    }
    return CC_EXIT_OK;
}

/* --precision SHARE[,WAIT]: "0.005" (waits then to 1 s), "0.005,2s", or "2s" alone
 * (fractions then to 0.005): a part with a unit is the wait's. */
static int precision_option(const cc_option_parser *p, cc_options *o)
{
    const char *val = p->value;
    char part[64], msg[256];
    o->precision = 0.005;
    o->precision_wait_s = 1;
    bool share_seen = false, wait_seen = false;
    for (const char *at = val;;) {
        size_t n = strcspn(at, ",");
        if (n == 0 || n >= sizeof part)
            return cc_options_usage(&CC_OPTIONS_MAIN, "--precision: \"%s\": a share such as 0.005, "
                                    "a wait such as 2s, or both: 0.005,2s", val);
        memcpy(part, at, n);
        part[n] = '\0';
        bool has_unit = strpbrk(part, "smhd") != NULL;
        if (has_unit) {
            double s;
            if (wait_seen || cc_units_duration(part, &s, msg, sizeof msg) != SIM_OK || !(s > 0))
                return cc_options_usage(&CC_OPTIONS_MAIN, "--precision: \"%s\": the wait's "
                                        "half-width, a duration above 0 such as 2s, once", part);
            o->precision_wait_s = s;
            wait_seen = true;
        } else {
            double share;
            if (share_seen || cc_units_probability(part, &share, msg, sizeof msg) != SIM_OK ||
                !(share > 0 && share < 0.5))
                return cc_options_usage(&CC_OPTIONS_MAIN, "--precision: \"%s\": the fractions' "
                                        "half-width, a share in (0, 0.5) such as 0.005, once", part);
            o->precision = share;
            share_seen = true;
        }
        if (!at[n]) break;
        at += n + 1;
    }
    return CC_EXIT_OK;
}

/* One option of the table into o; an exit status. */
static int main_option(const cc_option_parser *p, cc_options *o)
{
    const char *flag = p->flag, *val = p->value;
    const cc_options_voice *v = &CC_OPTIONS_MAIN;
    int rc = check_command(p, o);
    if (rc != CC_EXIT_OK) return rc;
    switch (p->opt->id) {
    case O_REPLICATIONS:
        if (!cc_options_whole(val, 1, CC_REPLICATIONS_MAX, &o->replications))
            return cc_options_usage(v, "%s: \"%s\" is not a whole number from 1 to 1000000", flag, val);
        break;
    case O_SEED: {
        unsigned long long seed;
        if (cc_units_whole(val, UINT64_MAX, &seed, NULL, 0) != SIM_OK)
            return cc_options_usage(v, "%s: \"%s\" is not a whole number >= 0", flag, val);
        o->seed = (uint64_t)seed;
        o->has_seed = true;
        break;
    }
    case O_THREADS:
        if (!cc_options_whole(val, 1, 1024, &o->threads))
            return cc_options_usage(v, "%s: \"%s\" is not a whole number from 1 to 1024", flag, val);
        break;
    case O_OUTPUT:
    case O_READ_PARTS:
        if (!val[0]) return cc_options_usage(v, "%s: empty folder name", flag);
        if (p->opt->id == O_OUTPUT) o->outdir = val;
        o->parts_dir = val;
        break;
    case O_SET: o->sets[o->n_sets++] = val; break;
    case O_QUIET: o->quiet = true; break;
    case O_CONTACTS:
        if (!val[0]) return cc_options_usage(v, "%s: empty file name", flag);
        o->contacts = val;
        break;
    case O_PLOTS: o->plots = true; break;
    case O_VARY: o->vary[o->n_vary++] = val; break;
    case O_POLICIES: o->policies = val; break;
    case O_RESUME: o->resume = true; break;
    case O_MAX_REPLICATIONS:
        if (!cc_options_whole(val, 1, CC_REPLICATIONS_MAX, &o->max_replications))
            return cc_options_usage(v, "%s: \"%s\" is not a whole number from 1 to 1000000", flag, val);
        break;
    case O_PRECISION: return precision_option(p, o);
    default: return staff_option(p, &o->staff);
    }
    return CC_EXIT_OK;
}

int cc_options_parse(int argc, char **argv, int first, cc_options *o)
{
    o->sets = calloc((size_t)argc, sizeof *o->sets);
    o->vary = calloc((size_t)argc, sizeof *o->vary);
    o->staff.fixed = calloc((size_t)argc, sizeof *o->staff.fixed);
    if (!o->sets || !o->vary || !o->staff.fixed) return CC_EXIT_FAILED;
    cc_option_parser p;
    cc_options_parser_init(&p, MAIN_OPTIONS, &CC_OPTIONS_MAIN, argc, argv, first, false);
    int rc = CC_EXIT_OK;
    while (rc == CC_EXIT_OK && cc_options_next(&p, &rc)) {
        if (p.opt) rc = main_option(&p, o);
        else if (!o->scenario) o->scenario = p.value;
        else rc = cc_options_usage(&CC_OPTIONS_MAIN,
                                   "%s: unexpected argument (one scenario file at a time)", p.value);
    }
    if (rc == CC_EXIT_OK && !o->scenario)
        rc = cc_options_usage(&CC_OPTIONS_MAIN, "%s: which scenario file?", o->command);
    return rc;
}

void cc_options_fini(cc_options *o)
{
    free(o->sets);
    free(o->vary);
    free(o->staff.fixed);
}

cc_sim_options cc_options_sim(const cc_options *o)
{
    cc_sim_options so = {0};
    so.scenario = o->scenario;
    so.sets = o->sets;
    so.n_sets = o->n_sets;
    so.replications = o->replications;
    so.has_seed = o->has_seed;
    so.seed = o->seed;
    so.threads = o->threads;
    so.progress = isatty(STDERR_FILENO);
    so.cancel = o->cancel;
    return so;
}
