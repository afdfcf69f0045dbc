/* tests/fuzz/fuzz_set.c: --set overrides on a fixed valid scenario.
 * Input: BASE SETS... BASE (mod 3) picks one of the scenarios below (and BASE / 3 the
 * folder that file names are anchored to when the tree is written); the rest, split at
 * newlines, is up to 8 "KEY=VALUE" strings, each given to cc_yamltree_set as `ccsim
 * --set` would (VALUE read as YAML, KEY=null removing the key, "a[1].b" meaning a.1.b).
 * (Base 2 reads its empirical handle times from 1.csv, written here.) Two paths are
 * driven with them:
 *   1. cc_scenario_load with the overrides, then the checks of a loaded scenario;
 *   2. the tree by hand: load, apply, locate every node (cc_yamltree_where names the
 *      override a node came from), and write it back with file names anchored the way
 *      `ccsim staff` writes staffed.yaml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/io/load.h"
#include "models/io/diag.h"
#include "models/center/scenario.h"
#include "models/io/yamltree.h"
#include "sim/status.h"
#include "tests/fuzz/fuzz.h"

#define SETS_MAX 8

static const char *const BASES[] = {
    /* 0: most of the format at once, with lists per interval and shifts. */
    "name: fuzz base\n"
    "seed: 7\n"
    "replications: 3\n"
    "horizon: {start: \"08:00\", end: \"12:00\"}\n"
    "warmup: 30m\n"
    "interval: 1h\n"
    "channels:\n"
    "  voice:\n"
    "    exclusive: true\n"
    "    arrivals: {profile: [60, 90, 120, 100]}\n"
    "    handle_time: {dist: lognormal, mean: 4m, cv: 0.9}\n"
    "    wrap_up: {dist: constant, value: 30s}\n"
    "    patience: {dist: exponential, mean: 2m}\n"
    "    sla: [{within: 20s, target: 0.8}, {within: 6m, target: 1.0, name: six}]\n"
    "    priority: 1\n"
    "    segments: [{name: vip, share: 0.1, priority: 0, weight: 3}]\n"
    "    retrial: {probability: 0.3, delay: {dist: exponential, mean: 5m}}\n"
    "    switch: {to: chat, probability: 0.2}\n"
    "    resolution: {first_contact: 0.8, repeat_after: {dist: weibull, shape: 1.5, scale: 1h}}\n"
    "  chat:\n"
    "    arrivals: {file: forecasts/swift-chat.csv}\n"
    "    handle_time: {dist: gamma, mean: 6m, cv: 0.7}\n"
    "    patience: {dist: uniform, min: 1m, max: 5m}\n"
    "    sla: [{within: 60s, target: 0.8}]\n"
    "  email:\n"
    "    mode: deferred\n"
    "    arrivals: {rate: 20/h}\n"
    "    handle_time: {dist: erlang, k: 3, mean: 8m}\n"
    "bots:\n"
    "  chatbot: {channels: [chat], containment: {chat: 0.3}, cost_per_contact: 0.5,\n"
    "            handle_time: {dist: exponential, mean: 90s}, escalation: {handle_time_factor: 0.9}}\n"
    "agents:\n"
    "  voice_team:\n"
    "    shifts: [{start: \"08:00\", end: \"10:00\", count: 8}, {start: \"09:00\", end: \"12:00\", count: 6}]\n"
    "    skills: [voice]\n"
    "    cost_per_hour: 30\n"
    "  digital:\n"
    "    staff: [4, 5, 6, 5]\n"
    "    skills: {chat: 1.0, email: 1.2, voice: 1.1}\n"
    "    concurrency: {chat: 3, total: 3}\n"
    "    slowdown: 0.1\n"
    "    cost_per_contact: 2\n"
    "routing:\n"
    "  policy: priority\n"
    "  agent_selection: least-loaded\n"
    "  overflow: [{channel: voice, group: digital, after: 60s}]\n",
    /* 1: the Erlang A case, the smallest complete scenario. */
    "name: Erlang A\n"
    "horizon: 25h\n"
    "warmup: 1h\n"
    "interval: 1h\n"
    "channels:\n"
    "  voice:\n"
    "    arrivals: {rate: 200/h}\n"
    "    handle_time: {dist: exponential, mean: 3m}\n"
    "    patience: {dist: exponential, mean: 5m}\n"
    "    sla:\n"
    "      - {within: 20s, target: 0.80}\n"
    "agents:\n"
    "  team:\n"
    "    staff: 13\n"
    "    skills: [voice]\n",
    /* 2: flow style throughout, an empirical file and a plugin-free policy. */
    "{name: flow, currency: EUR, horizon: {start: \"09:00\", end: \"11:00\"}, interval: 30m,"
    " drain: false,"
    " channels: {sms: {arrivals: {rate: 1/m}, handle_time: {dist: empirical, file: 1.csv}},"
    " web: {mode: deferred, arrivals: {profile: [1, 2, 3, 4]}, handle_time: {dist: constant, value: 5m}}},"
    " agents: {a: {staff: 2, skills: [sms, web]}, b: {shifts: [{start: \"09:00\", end: \"11:00\", count: 1}],"
    " skills: {web: 2}}}, routing: {policy: fcfs}}\n",
};

static void by_hand(const char *path, char *const *sets, size_t n, const char *anchor)
{
    cc_diag diag;
    cc_diag_init(&diag);
    cc_yamltree t;
    if (cc_yamltree_load(&t, path, &diag) == SIM_OK) {
        for (size_t i = 0; i < n; i++) cc_yamltree_set(&t, sets[i], &diag);
        int nodes = (int)(t.doc.nodes.top - t.doc.nodes.start);
        char where[512];
        for (int id = 0; id <= nodes + 1; id++) {
            cc_yamltree_where(&t, id, where, sizeof where);
            CCFUZZ_CHECK(where[0] != '\0');
            (void)cc_yamltree_scalar(&t, id);
        }
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        CCFUZZ_CHECK(f != NULL);
        cc_yamltree_write(&t, f, anchor);
        fclose(f);
        free(text);
    }
    cc_yamltree_fini(&t);
    cc_diag_fini(&diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *base = BASES[data[0] % (sizeof BASES / sizeof BASES[0])];
    ccfuzz_write("input.yaml", base, strlen(base));
    static const char EMPIRICAL[] = "seconds\n120\n300\n45.5\n";
    ccfuzz_write("1.csv", EMPIRICAL, sizeof EMPIRICAL - 1);
    const uint8_t *parts[SETS_MAX];
    size_t len[SETS_MAX];
    size_t n = size > 1 ? ccfuzz_split(data + 1, size - 1, '\n', SETS_MAX, parts, len) : 0;
    char *sets[SETS_MAX];
    for (size_t i = 0; i < n; i++) sets[i] = ccfuzz_strndup(parts[i], len[i]);

    const char *path = ccfuzz_path(1, "input.yaml");
    cc_diag diag;
    cc_diag_init(&diag);
    cc_scenario sc;
    if (cc_scenario_load(path, (const char *const *)sets, n, &sc, &diag) == SIM_OK) {
        CCFUZZ_CHECK(cc_diag_count(&diag) == 0);
        ccfuzz_check_scenario(&sc);
        cc_scenario_fini(&sc);
    } else {
        CCFUZZ_CHECK(cc_diag_count(&diag) > 0);
    }
    cc_diag_fini(&diag);

    /* The folder file names are anchored to: for odd BASE / 3, one that is not UTF-8. */
    by_hand(path, sets, n, (data[0] / 3) % 2 ? "/anchored/\226dir" : "/anchored/dir");
    for (size_t i = 0; i < n; i++) free(sets[i]);
    return 0;
}
