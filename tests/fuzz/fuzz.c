/* tests/fuzz/fuzz.c: the scratch folder and small helpers of the fuzz harnesses.
 * The folder's name lives in a static buffer: one folder per process is the point (a
 * fuzzer calls the harness millions of times, and creating a folder per input would
 * cost more than the input). This is test code, outside STYLE.md S10's "no statics",
 * which is about simulation state. */
#include "tests/fuzz/fuzz.h"

#include "models/center/scenario.h"
#include "sim/check.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[512];
static char paths[4][1024];
static const char *const LINKS[][2] = {{"forecasts", "scenarios/forecasts"},
                                       {"data", "tests/bad/data"}};
/* Files a harness may leave behind; removed at exit with the links and the folder. */
static const char *const SCRATCH[] = {"input.yaml", "1.csv", "2.csv", "input.csv", "calib.yaml",
                                      "calib.csv",
                                      "run/scenario.csv", "run/targets.csv", "run/summary.csv",
                                      "run/intervals.csv", "run/compare.csv", "run/report.html",
                                      "run", "forecasts", "data"};

_Noreturn void ccfuzz_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, expr);
    abort();
}

static void cleanup(void)
{
    if (!dir[0]) return;
    for (size_t i = 0; i < sizeof SCRATCH / sizeof SCRATCH[0]; i++) {
        const char *p = ccfuzz_path(0, SCRATCH[i]);
        if (unlink(p) != 0) rmdir(p);
    }
    rmdir(dir);
}

const char *ccfuzz_dir(void)
{
    if (dir[0]) return dir;
    snprintf(dir, sizeof dir, "/tmp/ccsim-fuzz-%ld", (long)getpid());
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        perror(dir);
        abort();
    }
    char cwd[512];
    const char *root = getenv("CCFUZZ_ROOT");
    if (!root || !root[0]) root = getcwd(cwd, sizeof cwd) ? cwd : ".";
    for (size_t i = 0; i < sizeof LINKS / sizeof LINKS[0]; i++) {
        char target[1024];
        snprintf(target, sizeof target, "%s/%s", root, LINKS[i][1]);
        const char *link = ccfuzz_path(0, LINKS[i][0]);
        unlink(link);
        if (symlink(target, link) != 0) perror(link);
    }
    atexit(cleanup);
    /* As in ccsim's main(): a GSL error is a bug and ends in sim_fail. */
    sim_check_install_gsl_handler();
    return dir;
}

const char *ccfuzz_path(int slot, const char *name)
{
    if (slot < 0 || slot > 3) abort();
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", ccfuzz_dir(), name);
    return paths[slot];
}

void ccfuzz_write(const char *name, const void *bytes, size_t len)
{
    const char *p = ccfuzz_path(0, name);
    FILE *f = fopen(p, "wb");
    if (!f || (len && fwrite(bytes, 1, len, f) != len) || fclose(f) != 0) {
        perror(p);
        abort();
    }
}

void ccfuzz_remove(const char *name)
{
    unlink(ccfuzz_path(0, name));
}

size_t ccfuzz_split(const uint8_t *data, size_t size, uint8_t sep, size_t max,
                    const uint8_t **parts, size_t *len)
{
    size_t n = 0, start = 0;
    if (max == 0) return 0;
    for (size_t i = 0; i < size && n + 1 < max; i++) {
        if (data[i] == sep) {
            parts[n] = data + start;
            len[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    parts[n] = data + start;
    len[n] = size - start;
    return n + 1;
}

char *ccfuzz_strndup(const uint8_t *bytes, size_t len)
{
    char *s = malloc(len + 1);
    if (!s) abort();
    if (len) memcpy(s, bytes, len);
    s[len] = '\0';
    return s;
}

/* ---- what a loaded scenario promises ---- */

static void check_dist(const sim_dist *d)
{
    double m = sim_dist_mean(d);
    CCFUZZ_CHECK(!(m < 0));
}

void ccfuzz_check_scenario(const cc_scenario *sc)
{
    CCFUZZ_CHECK(sc->name && sc->name[0]);
    CCFUZZ_CHECK(sc->currency && sc->currency[0]);
    CCFUZZ_CHECK(sc->replications >= 1 && sc->replications <= CC_REPLICATIONS_MAX);
    CCFUZZ_CHECK(isfinite(sc->start_s) && isfinite(sc->end_s) && sc->end_s > sc->start_s);
    CCFUZZ_CHECK(sc->interval_s > 0 && isfinite(sc->interval_s));
    CCFUZZ_CHECK(sc->n_intervals >= 1 && sc->n_intervals <= CC_INTERVALS_MAX);
    CCFUZZ_CHECK(sc->count_from_s >= sc->start_s && sc->count_from_s < sc->end_s);
    CCFUZZ_CHECK(sc->n_channels >= 1 && sc->n_channels <= CC_CHANNELS_MAX);
    CCFUZZ_CHECK(sc->n_groups >= 1 && sc->n_groups <= CC_GROUPS_MAX);
    for (size_t c = 0; c < sc->n_channels; c++) {
        const cc_channel *ch = &sc->channels[c];
        CCFUZZ_CHECK(ch->name && ch->name[0]);
        CCFUZZ_CHECK(cc_scenario_channel(sc, ch->name) == (int)c);
        CCFUZZ_CHECK(ch->n_segments >= 1 && ch->segments);
        CCFUZZ_CHECK(ch->segments[0].start_s == sc->start_s);
        for (size_t i = 0; i < ch->n_segments; i++) {
            CCFUZZ_CHECK(isfinite(ch->segments[i].rate_per_s) && ch->segments[i].rate_per_s >= 0);
            CCFUZZ_CHECK(i == 0 || ch->segments[i].start_s > ch->segments[i - 1].start_s);
            CCFUZZ_CHECK(ch->segments[i].start_s < sc->end_s);
        }
        check_dist(&ch->handle_time);
        if (ch->has_wrap_up) check_dist(&ch->wrap_up);
        if (ch->has_patience) {
            CCFUZZ_CHECK(ch->mode == CC_MODE_REALTIME);
            check_dist(&ch->patience);
        }
        CCFUZZ_CHECK(ch->n_sla <= CC_SLA_MAX);
        for (size_t i = 0; i < ch->n_sla; i++)
            CCFUZZ_CHECK(ch->sla[i].within_s >= 0 && ch->sla[i].target >= 0 && ch->sla[i].target <= 1);
        CCFUZZ_CHECK(ch->weight > 0);
        CCFUZZ_CHECK(ch->n_customers <= CC_SEGMENTS_MAX);
        double share = 0;
        for (size_t i = 0; i < ch->n_customers; i++) {
            CCFUZZ_CHECK(ch->customers[i].name && ch->customers[i].weight > 0);
            share += ch->customers[i].share;
        }
        CCFUZZ_CHECK(share <= 1 + 1e-9);
        if (ch->has_retrial) {
            CCFUZZ_CHECK(ch->mode == CC_MODE_REALTIME);
            check_dist(&ch->retrial_delay);
        }
        if (ch->has_switch) {
            CCFUZZ_CHECK(ch->switch_to < sc->n_channels && ch->switch_to != c);
            CCFUZZ_CHECK(!ch->has_retrial || ch->retrial_probability + ch->switch_probability <= 1);
        }
        if (ch->has_resolution) check_dist(&ch->repeat_after);
        bool served = false;
        for (size_t g = 0; g < sc->n_groups; g++) served = served || sc->groups[g].skill[c];
        CCFUZZ_CHECK(served);
    }
    for (size_t b = 0; b < sc->n_bots; b++) {
        const cc_bot *bot = &sc->bots[b];
        CCFUZZ_CHECK(bot->name && bot->serves && bot->containment);
        for (size_t c = 0; c < sc->n_channels; c++)
            CCFUZZ_CHECK(!bot->serves[c] || (bot->containment[c] >= 0 && bot->containment[c] <= 1));
        CCFUZZ_CHECK(bot->escalation_factor > 0);
        check_dist(&bot->handle_time);
    }
    long agents = 0;
    for (size_t g = 0; g < sc->n_groups; g++) {
        const cc_group *gr = &sc->groups[g];
        CCFUZZ_CHECK(gr->name && gr->name[0]);
        CCFUZZ_CHECK(gr->max_staff >= 0 && gr->max_staff <= CC_AGENTS_MAX);
        agents += gr->max_staff;
        CCFUZZ_CHECK(gr->concurrency_total >= 1 && gr->concurrency_total <= CC_CONCURRENCY_MAX);
        for (size_t c = 0; c < sc->n_channels; c++) {
            if (!gr->skill[c]) continue;
            CCFUZZ_CHECK(gr->factor[c] > 0);
            CCFUZZ_CHECK(gr->concurrency[c] >= 1 && gr->concurrency[c] <= gr->concurrency_total);
            CCFUZZ_CHECK(!sc->channels[c].exclusive || gr->concurrency[c] == 1);
        }
        if (gr->staff_kind == CC_STAFF_SHIFTS) {
            CCFUZZ_CHECK(gr->n_shifts >= 1 && gr->shifts);
            for (size_t i = 0; i < gr->n_shifts; i++)
                CCFUZZ_CHECK(gr->shifts[i].start_s >= sc->start_s && gr->shifts[i].end_s <= sc->end_s &&
                             gr->shifts[i].start_s < gr->shifts[i].end_s);
        } else if (gr->staff_kind == CC_STAFF_LIST) {
            CCFUZZ_CHECK(gr->staff_per_interval);
        }
        /* What the model asks of the staffing, at every interval start and end. */
        for (size_t i = 0; i <= sc->n_intervals; i++) {
            double t = cc_scenario_interval_start(sc, i);
            size_t k = cc_scenario_interval_of(sc, t);
            CCFUZZ_CHECK(k < sc->n_intervals);
            long on = cc_scenario_staff_at(sc, g, t);
            CCFUZZ_CHECK(on >= 0 && on <= gr->max_staff);
            if (i > 64) break; /* enough: long horizons would make this the slow part */
        }
    }
    CCFUZZ_CHECK(agents <= CC_AGENTS_MAX);
    for (size_t i = 0; i < sc->n_overflow; i++) {
        const cc_overflow *o = &sc->overflow[i];
        CCFUZZ_CHECK(o->channel < sc->n_channels && o->group < sc->n_groups);
        CCFUZZ_CHECK(sc->groups[o->group].skill[o->channel] && o->after_s >= 0);
    }
    CCFUZZ_CHECK(cc_scenario_policy_name(sc) != NULL);
    CCFUZZ_CHECK(cc_scenario_selection_name(sc->selection) != NULL);
}
