/* models/cli/cmd_erlang.c: ccsim erlang b|c|a, the analytic calculators on the command
 * line.
 *
 * The command reads its options with models/cli/options.h and their values with the
 * unit parsers of models/io/units.h (so "200/h", "3m" and "20s" mean what they mean in a
 * scenario, and agents are whole numbers written with digits), evaluates
 * models/center/erlang.h for each number of agents asked for, and prints either a table
 * that names the definition behind every service level, or long-format CSV
 * (model,agents,measure,value) for scripts.
 *
 * Three ways to say how many agents: one N, a range FROM:TO (one row per N), or targets,
 * for which the command finds the least N that meets them all. Every target is monotone
 * in N (service levels rise, waits, abandonment, blocking and occupancy fall as agents
 * are added), so the search is a bisection over [1, bound]: about 17 evaluations of
 * O(N + queue) each, which keeps a load of 5,000 Erlangs instant where a linear scan of
 * Erlang A from N = 1 would walk thousands of long queues.
 *
 * Erlang C has no steady state when the load is at least N. The text output says that
 * the queue grows without bound; the CSV gives the limits (p_wait 1, occupancy 1, service
 * levels 0, waits and queue Inf) so that a table over a range keeps one row set per N. */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/cli/cli.h"
#include "models/cli/commands.h"
#include "models/cli/options.h"
#include "models/center/erlang.h"
#include "models/report/report.h"
#include "models/io/units.h"
#include "sim/status.h"

static const char HELP[] =
    "usage: ccsim erlang b|c|a [OPTIONS]\n"
    "\n"
    "Exact steady-state answers for one queue: Poisson arrivals, exponential handle\n"
    "times, N identical agents, first come first served.\n"
    "  b   Erlang B (M/M/N/N): a contact that finds every agent busy is lost\n"
    "  c   Erlang C (M/M/N): contacts wait as long as it takes\n"
    "  a   Erlang A (M/M/N+M): contacts abandon after an exponential patience\n"
    "\n"
    "traffic:\n"
    "  --rate RATE          arrival rate with its unit: 200/h, 4/m, 0.5/s\n"
    "  --aht DURATION       mean handle time: 3m, 180s, 180 (seconds); c and a need it\n"
    "  --load ERLANGS       offered load (rate x AHT) instead of --rate\n"
    "  --patience DURATION  a only: mean patience before abandoning, e.g. 1m\n"
    "  --awt DURATION       c and a: the service-level threshold (default 20s)\n"
    "\n"
    "agents (one of):\n"
    "  --agents N           one number of agents\n"
    "  --agents FROM:TO     a table, one row per N from FROM to TO\n"
    "  targets              the least N that meets every target given:\n"
    "    --target-sl P        c, a: service_level >= P (within --awt)\n"
    "    --target-asa DURATION  c, a: asa_s <= DURATION\n"
    "    --target-abandon P   a: p_abandon <= P\n"
    "    --target-block P     b: p_block <= P\n"
    "    --max-occupancy P    occupancy <= P\n"
    "  In Erlang A an abandoned contact counts as missed but leaves the queue, so a\n"
    "  badly understaffed center can meet --target-sl on its own at occupancy 1;\n"
    "  add --target-abandon to rule that out.\n"
    "\n"
    "output:\n"
    "  --csv                CSV on standard output: model,agents,measure,value\n"
    "  -h, --help           this help\n"
    "\n"
    "measures (CSV names; probabilities are per arriving contact):\n"
    "  p_block              b: P(all N busy on arrival, so the contact is lost)\n"
    "  carried_load         b: Erlangs served, load x (1 - p_block)\n"
    "  p_wait               P(all N busy on arrival, so the contact waits)\n"
    "  p_abandon            a: P(the contact abandons)\n"
    "  service_level        answered within AWT / (answered + abandoned), ccsim's\n"
    "                       headline; in Erlang A also answered within AWT / arrivals\n"
    "  sl_answered          answered within AWT / answered\n"
    "  sl_offered           P(offered wait <= AWT), the wait had the contact been\n"
    "                       infinitely patient\n"
    "                       (without abandonment, as in c, the three are equal)\n"
    "  asa_s                mean wait of answered contacts, seconds\n"
    "  mean_wait_s          a: mean time in queue over all arrivals, seconds\n"
    "  offered_wait_mean_s  a: mean offered wait, seconds\n"
    "  occupancy            mean busy agents / N\n"
    "  mean_queue           mean number of contacts waiting\n"
    "Erlang C with load >= N has no steady state: the table says the queue grows without\n"
    "bound; the CSV gives the limits (p_wait 1, service levels 0, waits and queue Inf).\n"
    "\n"
    "examples:\n"
    "  ccsim erlang c --rate 200/h --aht 3m --agents 14\n"
    "  ccsim erlang c --rate 200/h --aht 3m --agents 10:16 --csv\n"
    "  ccsim erlang c --rate 200/h --aht 3m --target-sl 0.8 --awt 20s\n"
    "  ccsim erlang a --rate 4/m --aht 3m --patience 1m --agents 14\n"
    "  ccsim erlang b --load 10 --target-block 0.01\n"
    "\n"
    "exit status: 0 success, 1 no N up to the search bound meets the targets (or a queue\n"
    "too long to compute), 2 bad usage or bad input\n";

/* The most agents the command evaluates, and the most rows of one table. */
#define AGENTS_MAX 1000000u
#define ROWS_MAX 10000u

typedef enum model { MODEL_B, MODEL_C, MODEL_A } model;

/* The measures, in print order; `models` is a bit set of (1 << model). */
enum {
    M_P_BLOCK, M_CARRIED, M_P_WAIT, M_P_ABANDON, M_SL, M_SL_ANSWERED, M_SL_OFFERED, M_ASA,
    M_MEAN_WAIT, M_OFFERED_WAIT, M_OCCUPANCY, M_QUEUE, M_COUNT
};

#define ON_B (1u << MODEL_B)
#define ON_C (1u << MODEL_C)
#define ON_A (1u << MODEL_A)

static const struct measure {
    const char *name;
    unsigned models;
    int decimals;      /* in the text table */
    const char *what;  /* the definition, in the text table */
} MEASURES[M_COUNT] = {
    {"p_block", ON_B, 6, "P(all agents busy on arrival: the contact is lost)"},
    {"carried_load", ON_B, 4, "Erlangs served: load x (1 - p_block)"},
    {"p_wait", ON_C | ON_A, 6, "P(all agents busy on arrival: the contact waits)"},
    {"p_abandon", ON_A, 6, "P(an arriving contact abandons)"},
    {"service_level", ON_C | ON_A, 6,
     "answered within AWT / (answered + abandoned) [ccsim's headline]"},
    {"sl_answered", ON_C | ON_A, 6, "answered within AWT / answered"},
    {"sl_offered", ON_C | ON_A, 6, "P(offered wait <= AWT), as if infinitely patient"},
    {"asa_s", ON_C | ON_A, 3, "mean wait of answered contacts, seconds"},
    {"mean_wait_s", ON_A, 3, "mean time in queue over all arrivals, seconds"},
    {"offered_wait_mean_s", ON_A, 3, "mean offered wait, seconds"},
    {"occupancy", ON_B | ON_C | ON_A, 6, "mean busy agents / N"},
    {"mean_queue", ON_C | ON_A, 4, "mean number of contacts waiting"},
};

/* What to compute, from the command line; times in seconds, rates per second. */
typedef struct request {
    model m;
    const char *model_name;     /* "b", "c", "a" */
    const char *rate_text;      /* as given, for the header */
    double rate_per_s;          /* 0 when not given */
    double aht_s;               /* 0 when not given */
    double load;                /* Erlangs, derived when not given */
    bool has_load;
    double patience_s;          /* 0 when not given */
    double awt_s;
    bool has_awt;
    bool has_agents;
    unsigned from, to;
    bool has_sl, has_asa, has_abandon, has_block, has_occupancy;
    double target_sl, target_asa_s, target_abandon, target_block, max_occupancy;
    bool csv;
} request;

/* One N evaluated. status: SIM_OK; SIM_ERANGE for Erlang C without a steady state (v
 * holds the limits); SIM_ELIMIT for an Erlang A queue too long to compute (v unset). */
typedef struct row {
    unsigned n;
    int status;
    double v[M_COUNT];
} row;

static const cc_options_voice ERLANG = {"ccsim: erlang: ", "ccsim erlang --help"};

/* Parsers in the shape of the units module's, for the table below. */
typedef int unit_parser(const char *text, double *x, char *err, size_t errlen);

/* Parses flag's value with parse; on failure prints "--flag "text": why" and returns 2. */
static int parse_value(unit_parser *parse, const char *flag, const char *val, double *x)
{
    char err[256];
    if (parse(val, x, err, sizeof err) != SIM_OK) return cc_options_usage(&ERLANG, "%s %s", flag, err);
    return CC_EXIT_OK;
}

static bool is_positive(const char *flag, const char *val, double x, int *rc)
{
    if (x > 0) return true;
    *rc = cc_options_usage(&ERLANG, "%s \"%s\": must be > 0", flag, val);
    return false;
}

/* --agents N or FROM:TO, each a whole number from 1 to AGENTS_MAX. */
static int parse_agents(const char *val, request *rq)
{
    char buf[64];
    if (strlen(val) >= sizeof buf) return cc_options_usage(&ERLANG, "--agents \"%s\": too long", val);
    strcpy(buf, val);
    char *colon = strchr(buf, ':');
    if (colon) *colon = '\0';
    long lo, hi;
    if (!cc_options_whole(buf, 0, LONG_MAX, &lo) ||
        (colon && !cc_options_whole(colon + 1, 0, LONG_MAX, &hi)))
        return cc_options_usage(&ERLANG,
                                "--agents \"%s\": write a whole number N or a range FROM:TO, "
                                "e.g. 14 or 10:20",
                                val);
    if (!colon) hi = lo;
    if (lo < 1 || hi > (long)AGENTS_MAX)
        return cc_options_usage(&ERLANG, "--agents \"%s\": agents go from 1 to 1000000", val);
    if (lo > hi) return cc_options_usage(&ERLANG, "--agents \"%s\": FROM is larger than TO", val);
    if (hi - lo >= (long)ROWS_MAX)
        return cc_options_usage(&ERLANG, "--agents \"%s\": at most 10000 rows", val);
    rq->from = (unsigned)lo;
    rq->to = (unsigned)hi;
    rq->has_agents = true;
    return CC_EXIT_OK;
}

/* The options: first those that take a number, in the order of parse_option's table. */
enum {
    E_RATE, E_AHT, E_LOAD, E_PATIENCE, E_AWT, E_TARGET_SL, E_TARGET_ASA, E_TARGET_ABANDON,
    E_TARGET_BLOCK, E_MAX_OCCUPANCY, E_NUMBERS, E_AGENTS = E_NUMBERS, E_CSV
};

static const cc_option OPTIONS[] = {
    {"--rate", NULL, true, E_RATE},       {"--aht", NULL, true, E_AHT},
    {"--load", NULL, true, E_LOAD},       {"--patience", NULL, true, E_PATIENCE},
    {"--awt", NULL, true, E_AWT},         {"--agents", NULL, true, E_AGENTS},
    {"--target-sl", NULL, true, E_TARGET_SL}, {"--target-asa", NULL, true, E_TARGET_ASA},
    {"--target-abandon", NULL, true, E_TARGET_ABANDON},
    {"--target-block", NULL, true, E_TARGET_BLOCK},
    {"--max-occupancy", NULL, true, E_MAX_OCCUPANCY}, {"--csv", NULL, false, E_CSV},
    {NULL, NULL, false, 0},
};

/* One option into rq; every bad value is reported with its flag and value. */
static int parse_option(const cc_option_parser *p, request *rq)
{
    /* The options that take a number: how each is read, whether it must be > 0, where
     * it goes and the flag that records it was given (NULL: none). */
    const struct {
        unit_parser *parse;
        bool positive;
        double *value;
        bool *given;
    } number[E_NUMBERS] = {
        [E_RATE] = {cc_units_rate, true, &rq->rate_per_s, NULL},
        [E_AHT] = {cc_units_duration, true, &rq->aht_s, NULL},
        [E_LOAD] = {cc_units_number, true, &rq->load, &rq->has_load},
        [E_PATIENCE] = {cc_units_duration, true, &rq->patience_s, NULL},
        [E_AWT] = {cc_units_duration, false, &rq->awt_s, &rq->has_awt},
        [E_TARGET_SL] = {cc_units_probability, false, &rq->target_sl, &rq->has_sl},
        [E_TARGET_ASA] = {cc_units_duration, false, &rq->target_asa_s, &rq->has_asa},
        [E_TARGET_ABANDON] = {cc_units_probability, false, &rq->target_abandon, &rq->has_abandon},
        [E_TARGET_BLOCK] = {cc_units_probability, false, &rq->target_block, &rq->has_block},
        [E_MAX_OCCUPANCY] = {cc_units_probability, false, &rq->max_occupancy, &rq->has_occupancy},
    };
    int id = p->opt->id, rc = CC_EXIT_OK;
    if (id == E_AGENTS) return parse_agents(p->value, rq);
    if (id == E_CSV) {
        rq->csv = true;
        return CC_EXIT_OK;
    }
    double x;
    rc = parse_value(number[id].parse, p->flag, p->value, &x);
    if (rc == CC_EXIT_OK && number[id].positive) is_positive(p->flag, p->value, x, &rc);
    if (rc != CC_EXIT_OK) return rc;
    *number[id].value = x;
    if (number[id].given) *number[id].given = true;
    if (id == E_RATE) rq->rate_text = p->value;
    return CC_EXIT_OK;
}

/* The model, b, c or a, given once. */
static int parse_model(const char *a, request *rq)
{
    if (rq->model_name)
        return cc_options_usage(&ERLANG, "%s: unexpected argument (the model is %s already)", a,
                                rq->model_name);
    if (strcmp(a, "b") != 0 && strcmp(a, "c") != 0 && strcmp(a, "a") != 0)
        return cc_options_usage(&ERLANG, "\"%s\": not a model (write b, c or a)", a);
    rq->model_name = a;
    rq->m = a[0] == 'b' ? MODEL_B : a[0] == 'c' ? MODEL_C : MODEL_A;
    return CC_EXIT_OK;
}

/* Reads the options and the model. */
static int parse_args(int argc, char **argv, request *rq)
{
    cc_option_parser p;
    cc_options_parser_init(&p, OPTIONS, &ERLANG, argc, argv, 1, false);
    int rc = CC_EXIT_OK;
    while (rc == CC_EXIT_OK && cc_options_next(&p, &rc))
        rc = p.opt ? parse_option(&p, rq) : parse_model(p.value, rq);
    return rc;
}

static bool has_targets(const request *rq)
{
    return rq->has_sl || rq->has_asa || rq->has_abandon || rq->has_block || rq->has_occupancy;
}

/* Checks that the options fit together and derives the load. */
static int check_request(request *rq)
{
    if (!rq->model_name)
        return cc_options_usage(&ERLANG, "which model? write b, c or a, e.g. ccsim erlang c ...");
    const char *m = rq->model_name;
    if (rq->has_load && rq->rate_per_s > 0)
        return cc_options_usage(&ERLANG, "--rate and --load: give one or the other");
    if (rq->has_sl && rq->target_sl >= 1)
        return cc_options_usage(&ERLANG, "--target-sl 1: no number of agents answers every contact "
                                "within the AWT (contacts arrive at random); give a target below 1");
    if (rq->m == MODEL_B) {
        if (rq->patience_s > 0) return cc_options_usage(&ERLANG, "--patience: only for erlang a");
        if (rq->has_awt) return cc_options_usage(&ERLANG, "--awt: only for erlang c and a");
        if (rq->has_sl) return cc_options_usage(&ERLANG, "--target-sl: only for erlang c and a");
        if (rq->has_asa) return cc_options_usage(&ERLANG, "--target-asa: only for erlang c and a");
        if (rq->has_abandon) return cc_options_usage(&ERLANG, "--target-abandon: only for erlang a");
        if (!rq->has_load) {
            if (!(rq->rate_per_s > 0) || !(rq->aht_s > 0))
                return cc_options_usage(&ERLANG, "erlang b needs --load, or --rate and --aht");
            rq->load = rq->rate_per_s * rq->aht_s;
        }
    } else {
        if (rq->has_block) return cc_options_usage(&ERLANG, "--target-block: only for erlang b");
        if (rq->m == MODEL_C && rq->patience_s > 0)
            return cc_options_usage(&ERLANG, "--patience: only for erlang a (erlang c has no abandonment)");
        if (rq->m == MODEL_C && rq->has_abandon)
            return cc_options_usage(&ERLANG,
                                    "--target-abandon: only for erlang a (erlang c has no abandonment)");
        if (!(rq->aht_s > 0))
            return cc_options_usage(&ERLANG, "erlang %s needs --aht (the mean handle time, e.g. 3m)", m);
        if (rq->has_load) rq->rate_per_s = rq->load / rq->aht_s;
        else if (rq->rate_per_s > 0) rq->load = rq->rate_per_s * rq->aht_s;
        else return cc_options_usage(&ERLANG, "erlang %s needs --rate (e.g. 200/h) or --load", m);
        if (rq->m == MODEL_A && !(rq->patience_s > 0))
            return cc_options_usage(&ERLANG, "erlang a needs --patience (the mean patience, e.g. 1m)");
        if (!rq->has_awt) rq->awt_s = 20;
    }
    if (!isfinite(rq->load) || !isfinite(rq->rate_per_s))
        return cc_options_usage(&ERLANG, "the offered load is too large to compute");
    if (rq->has_agents && has_targets(rq))
        return cc_options_usage(&ERLANG,
                                "--agents and targets: give one or the other (targets find the least N)");
    if (!rq->has_agents && !has_targets(rq))
        return cc_options_usage(&ERLANG,
                                "how many agents? give --agents N, --agents FROM:TO or a target such as %s",
                                rq->m == MODEL_B ? "--target-block 0.01" : "--target-sl 0.8");
    return CC_EXIT_OK;
}

/* Evaluates the model at n agents. */
static void evaluate(const request *rq, unsigned n, row *r)
{
    r->n = n;
    r->status = SIM_OK;
    for (int k = 0; k < M_COUNT; k++) r->v[k] = NAN;
    if (rq->m == MODEL_B) {
        double b = cc_erlang_b(n, rq->load);
        r->v[M_P_BLOCK] = b;
        r->v[M_CARRIED] = rq->load * (1.0 - b);
        r->v[M_OCCUPANCY] = r->v[M_CARRIED] / (double)n;
        return;
    }
    cc_erlang_result e;
    double patience = rq->m == MODEL_A ? rq->patience_s : INFINITY;
    int st = cc_erlang_a(rq->rate_per_s, rq->aht_s, patience, n, rq->awt_s, &e);
    if (st == SIM_ERANGE) {
        /* Erlang C with load >= n: the limits of a queue that grows without bound. */
        r->status = SIM_ERANGE;
        r->v[M_P_WAIT] = 1.0;
        r->v[M_SL] = r->v[M_SL_ANSWERED] = r->v[M_SL_OFFERED] = 0.0;
        r->v[M_ASA] = r->v[M_QUEUE] = INFINITY;
        r->v[M_OCCUPANCY] = 1.0;
        return;
    }
    if (st != SIM_OK) {
        r->status = SIM_ELIMIT;
        return;
    }
    r->v[M_P_WAIT] = e.p_wait;
    r->v[M_P_ABANDON] = e.p_abandon;
    r->v[M_SL] = e.service_level;
    r->v[M_SL_ANSWERED] = e.sl_answered;
    r->v[M_SL_OFFERED] = e.sl_offered;
    r->v[M_ASA] = e.asa_s;
    r->v[M_MEAN_WAIT] = e.mean_wait_s;
    r->v[M_OFFERED_WAIT] = e.offered_wait_mean_s;
    r->v[M_OCCUPANCY] = e.occupancy;
    r->v[M_QUEUE] = e.mean_queue;
}

static bool meets(const request *rq, const row *r)
{
    if (r->status != SIM_OK) return false;
    const double *v = r->v;
    return (!rq->has_sl || v[M_SL] >= rq->target_sl) &&
           (!rq->has_asa || v[M_ASA] <= rq->target_asa_s) &&
           (!rq->has_abandon || v[M_P_ABANDON] <= rq->target_abandon) &&
           (!rq->has_block || v[M_P_BLOCK] <= rq->target_block) &&
           (!rq->has_occupancy || v[M_OCCUPANCY] <= rq->max_occupancy);
}

/* The targets in words: "service_level >= 0.8 (AWT 20 s) and asa_s <= 30 s". */
static void describe_targets(const request *rq, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
#define ADD(...)                                                                          \
    do {                                                                                  \
        if (used < len) {                                                                 \
            if (used) used += (size_t)snprintf(buf + used, len - used, " and ");          \
            if (used < len) used += (size_t)snprintf(buf + used, len - used, __VA_ARGS__); \
        }                                                                                 \
    } while (0)
    if (rq->has_sl) ADD("service_level >= %g (AWT %g s)", rq->target_sl, rq->awt_s);
    if (rq->has_asa) ADD("asa_s <= %g s", rq->target_asa_s);
    if (rq->has_abandon) ADD("p_abandon <= %g", rq->target_abandon);
    if (rq->has_block) ADD("p_block <= %g", rq->target_block);
    if (rq->has_occupancy) ADD("occupancy <= %g", rq->max_occupancy);
#undef ADD
}

static void print_header(FILE *f, const request *rq)
{
    static const char *const TITLE[] = {"Erlang B (M/M/N/N, blocked contacts are lost)",
                                        "Erlang C (M/M/N, no abandonment)",
                                        "Erlang A (M/M/N+M, exponential patience)"};
    fprintf(f, "%s\n", TITLE[rq->m]);
    if (rq->rate_text) fprintf(f, "  arrival rate      %s\n", rq->rate_text);
    if (rq->aht_s > 0) fprintf(f, "  mean handle time  %g s\n", rq->aht_s);
    fprintf(f, "  offered load      %g Erlangs\n", rq->load);
    if (rq->m == MODEL_A) fprintf(f, "  mean patience     %g s\n", rq->patience_s);
    if (rq->m != MODEL_B) fprintf(f, "  AWT               %g s\n", rq->awt_s);
}

static void print_unusable(FILE *f, const request *rq, const row *r)
{
    if (r->status == SIM_ERANGE)
        fprintf(f, "unstable: load %g >= %u agents, the queue grows without bound (no steady state)\n",
                rq->load, r->n);
    else
        fprintf(f, "not computed: the steady-state queue is longer than %u contacts\n",
                CC_ERLANG_QUEUE_MAX);
}

/* One or two numbers of agents, one measure per line with its definition. */
static void print_columns(FILE *f, const request *rq, const row *rows, size_t k)
{
    fputc('\n', f);
    for (size_t i = 0; i < k; i++) {
        if (rows[i].status == SIM_OK) continue;
        fprintf(f, "%u agents: ", rows[i].n);
        print_unusable(f, rq, &rows[i]);
    }
    bool any = false;
    for (size_t i = 0; i < k; i++) any = any || rows[i].status == SIM_OK;
    if (!any) return;
    fprintf(f, "  %-20s", "agents");
    for (size_t i = 0; i < k; i++) fprintf(f, " %12u", rows[i].n);
    fputc('\n', f);
    for (int m = 0; m < M_COUNT; m++) {
        const struct measure *ms = &MEASURES[m];
        if (!(ms->models & (1u << rq->m))) continue;
        fprintf(f, "  %-20s", ms->name);
        for (size_t i = 0; i < k; i++) {
            if (rows[i].status == SIM_OK) fprintf(f, " %12.*f", ms->decimals, rows[i].v[m]);
            else fprintf(f, " %12s", "-");
        }
        fprintf(f, "  %s\n", ms->what);
    }
}

/* A column of the wide table is as wide as its name, and at least 10. */
static int column_width(const struct measure *ms)
{
    size_t w = strlen(ms->name);
    return w > 10 ? (int)w : 10;
}

/* Many numbers of agents, one row each, then what each column means. */
static void print_rows(FILE *f, const request *rq, const row *rows, size_t k)
{
    fprintf(f, "\n%7s", "agents");
    for (int m = 0; m < M_COUNT; m++)
        if (MEASURES[m].models & (1u << rq->m))
            fprintf(f, " %*s", column_width(&MEASURES[m]), MEASURES[m].name);
    fputc('\n', f);
    for (size_t i = 0; i < k; i++) {
        fprintf(f, "%7u", rows[i].n);
        if (rows[i].status != SIM_OK) {
            fputs("  ", f);
            print_unusable(f, rq, &rows[i]);
            continue;
        }
        for (int m = 0; m < M_COUNT; m++) {
            const struct measure *ms = &MEASURES[m];
            if (!(ms->models & (1u << rq->m))) continue;
            fprintf(f, " %*.*f", column_width(ms), ms->decimals, rows[i].v[m]);
        }
        fputc('\n', f);
    }
    fputs("\ncolumns:\n", f);
    for (int m = 0; m < M_COUNT; m++)
        if (MEASURES[m].models & (1u << rq->m))
            fprintf(f, "  %-20s %s\n", MEASURES[m].name, MEASURES[m].what);
}

static void print_csv_header(FILE *f)
{
    fputs("model,agents,measure,value\n", f);
}

/* Long format, numbers written as every ccsim CSV writes them (cc_outfile_number).
 * Rows that could not be computed are left out; the caller says so on stderr. */
static void print_csv_row(FILE *f, const request *rq, const row *r)
{
    if (r->status == SIM_ELIMIT) return;
    cc_outfile out = {f, NULL, NULL};
    for (int m = 0; m < M_COUNT; m++) {
        if (!(MEASURES[m].models & (1u << rq->m))) continue;
        fprintf(f, "%s,%u,%s,", rq->model_name, r->n, MEASURES[m].name);
        cc_outfile_number(&out, r->v[m]);
        fputc('\n', f);
    }
}

/* Tells stderr about rows the CSV cannot show plainly; returns whether any failed to
 * compute. */
static bool note_rows(const request *rq, const row *rows, size_t k)
{
    bool failed = false;
    for (size_t i = 0; i < k; i++) {
        if (rows[i].status == SIM_OK) continue;
        if (rows[i].status == SIM_ELIMIT) failed = true;
        if (rq->csv) {
            fprintf(stderr, "ccsim: erlang: %u agents: ", rows[i].n);
            print_unusable(stderr, rq, &rows[i]);
        }
    }
    return failed;
}

static int run_agents(const request *rq)
{
    size_t k = (size_t)(rq->to - rq->from) + 1;
    row *rows = calloc(k, sizeof *rows);
    if (!rows) {
        fputs("ccsim: erlang: out of memory\n", stderr);
        return CC_EXIT_FAILED;
    }
    for (size_t i = 0; i < k; i++) evaluate(rq, rq->from + (unsigned)i, &rows[i]);
    if (rq->csv) {
        print_csv_header(stdout);
        for (size_t i = 0; i < k; i++) print_csv_row(stdout, rq, &rows[i]);
    } else {
        print_header(stdout, rq);
        if (k == 1) print_columns(stdout, rq, rows, 1);
        else print_rows(stdout, rq, rows, k);
    }
    bool failed = note_rows(rq, rows, k);
    free(rows);
    return failed ? CC_EXIT_FAILED : CC_EXIT_OK;
}

static bool request_meets(unsigned long n, void *ctx)
{
    const request *rq = ctx;
    row r;
    evaluate(rq, (unsigned)n, &r);
    return meets(rq, &r);
}

/* The least N in [1, bound] that meets every target (every target is monotone in N).
 * The bound, ten times the load plus 100, is far past any sensible staffing: Erlang C
 * at 10 a + 100 agents waits with probability below 1e-40. */
static int run_search(const request *rq)
{
    char targets[256];
    describe_targets(rq, targets, sizeof targets);
    double b = ceil(10.0 * rq->load) + 100.0;
    unsigned bound = b < (double)AGENTS_MAX ? (unsigned)b : AGENTS_MAX;
    unsigned hi = (unsigned)cc_erlang_least_n(1, bound, request_meets, (void *)rq);
    if (hi > bound) {
        fprintf(stderr, "ccsim: erlang: no staffing up to %u agents meets %s\n", bound, targets);
        return CC_EXIT_FAILED;
    }
    row rows[2];
    size_t k = 0;
    if (hi > 1) evaluate(rq, hi - 1, &rows[k++]);
    evaluate(rq, hi, &rows[k++]);
    if (rq->csv) {
        print_csv_header(stdout);
        print_csv_row(stdout, rq, &rows[k - 1]);
        return CC_EXIT_OK;
    }
    print_header(stdout, rq);
    printf("\nleast N meeting %s: %u agents\n", targets, hi);
    if (k == 2) printf("(%u agents fall short; both are shown)\n", hi - 1);
    print_columns(stdout, rq, rows, k);
    return CC_EXIT_OK;
}

int cc_cmd_erlang(int argc, char **argv)
{
    if (cc_options_help(argc, argv, 1, HELP)) return CC_EXIT_OK;
    request rq;
    memset(&rq, 0, sizeof rq);
    int rc = parse_args(argc, argv, &rq);
    if (rc == CC_EXIT_OK) rc = check_request(&rq);
    if (rc != CC_EXIT_OK) return rc;
    return rq.has_agents ? run_agents(&rq) : run_search(&rq);
}
