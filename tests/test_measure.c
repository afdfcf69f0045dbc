/* tests/test_measure.c: the table of measures (models/center/measure.h) against what the
 * model publishes and what the report needs of it.
 * Every measure in the layout of every scenario file has a table entry, and its CSV name
 * goes name -> (id, threshold) -> name letter for letter; names that are not measures
 * are refused. The kinds are checked the way the clamp (cc_report_clamp_of) uses them:
 * a fraction's values lie in [0, 1] and every value is >= 0 in every replication of a
 * multi-channel day, and the clamp cuts exactly the fractions' CIs at 1. Deterministic:
 * fixed seeds from the scenario files. */
#include <glob.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/simcase.h"

#include "models/center/measure.h"
#include "models/center/model.h"
#include "models/io/load.h"
#include "models/report/report.h"
#include "sim/sim.h"

/* name -> (id, threshold) -> name must give the same measure and the same letters. */
static void expect_round_trip(cc_measure_id id, double threshold_s)
{
    char name[CC_MEASURE_NAME_MAX], again[CC_MEASURE_NAME_MAX];
    cc_measure_format(id, threshold_s, name, sizeof name);
    cc_measure_id back;
    double t;
    if (!cc_measure_parse(name, &back, &t))
        fail_msg("%s (id %d, threshold %g) does not parse", name, (int)id, threshold_s);
    if (back != id || t != threshold_s)
        fail_msg("%s parses as id %d threshold %g, not id %d threshold %g", name, (int)back, t,
                 (int)id, threshold_s);
    assert_string_equal(cc_measure_format(back, t, again, sizeof again), name);
}

/* The table is indexed by id, every entry is complete, and no two share a name. */
static void test_table_entries(void **state)
{
    (void)state;
    for (int i = 0; i < CC_M_COUNT; i++) {
        const cc_measure_def *d = cc_measure_def_of((cc_measure_id)i);
        assert_int_equal(d->id, i);
        assert_non_null(d->name);
        assert_non_null(d->label);
        assert_non_null(d->unit);
        /* The unit and the kind agree, and a name carries its unit (STYLE S15). */
        size_t n = strlen(d->name);
        bool seconds = n > 2 && strcmp(d->name + n - 2, "_s") == 0;
        bool hours = n > 6 && strcmp(d->name + n - 6, "_hours") == 0;
        assert_int_equal(seconds, d->kind == CC_KIND_SECONDS);
        assert_int_equal(hours, d->kind == CC_KIND_HOURS);
        static const char *const unit_of_kind[] = {"contacts", "fraction", "s", "h", "currency"};
        assert_string_equal(d->unit, unit_of_kind[d->kind]);
        /* A threshold has a place in the label exactly when it has one in the name. */
        assert_int_equal(cc_measure_has_threshold(d->id), strstr(d->label, "%s") != NULL);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(cc_measure_def_of((cc_measure_id)j)->name, d->name);
        static const double thresholds[] = {0, 1, 20, 360, 86400, 1e15};
        for (size_t k = 0; k < sizeof thresholds / sizeof thresholds[0]; k++)
            if (k == 0 || cc_measure_has_threshold(d->id)) expect_round_trip(d->id, thresholds[k]);
    }
}

/* The public names (README, "What is reported") and text that is no measure's name. */
static void test_names(void **state)
{
    (void)state;
    static const struct { const char *name; cc_measure_id id; double t; } good[] = {
        {"service_level_20s", CC_M_SERVICE_LEVEL, 20}, {"service_level_360s", CC_M_SERVICE_LEVEL, 360},
        {"missed_0s", CC_M_MISSED, 0}, {"abandon_rate", CC_M_ABANDON_RATE, 0},
        {"asa_s", CC_M_ASA, 0}, {"wait_p99_s", CC_M_WAIT_P99, 0}, {"cost", CC_M_COST, 0},
        {"cost_per_contact", CC_M_COST_PER_CONTACT, 0},
        {"cost_per_contact_self_service", CC_M_COST_PER_CONTACT_SELF_SERVICE, 0},
        {"slot_occupancy", CC_M_SLOT_OCCUPANCY, 0}, {"overtime_hours", CC_M_OVERTIME_HOURS, 0}};
    for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
        cc_measure_id id;
        double t;
        assert_true(cc_measure_parse(good[k].name, &id, &t));
        assert_int_equal(id, good[k].id);
        assert_true(t == good[k].t);
    }
    static const char *const bad[] = {"", "service_level_s", "service_level_020s",
                                      "service_level_-1s", "service_level_+1s", "service_level_20",
                                      "service_level_20sx", "service_level_2.5s", "Service_level_20s",
                                      "service_level_<T>s", "asa", "asa_s ", "wait_p75_s", "costs"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cc_measure_id id = CC_M_ASA;
        double t = 1;
        if (cc_measure_parse(bad[k], &id, &t)) fail_msg("'%s' parses as a measure", bad[k]);
        assert_int_equal(id, CC_M_NONE);
        assert_true(t == 0);
    }
    char label[160];
    assert_string_equal(cc_measure_label(CC_M_SERVICE_LEVEL, 360, label, sizeof label),
                        "Service level: answered within 6 min");
    assert_string_equal(cc_measure_label(CC_M_MISSED, 20, label, sizeof label),
                        "Waited longer than 20 s");
    assert_string_equal(cc_measure_label(CC_M_ASA, 0, label, sizeof label),
                        "Average speed of answer (ASA)");
    assert_true(cc_measure_threshold_of(20.9) == 20);
}

/* Every measure that any scenario file publishes is in the table and round-trips, and
 * the lookups by id and by name find it at its place in the layout. */
static void test_published_measures(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("scenarios/*.yaml", 0, NULL, &g), 0);
    assert_true(g.gl_pathc > 3);
    size_t total = 0;
    for (size_t f = 0; f < g.gl_pathc; f++) {
        cc_scenario sc;
        cc_diag diag;
        cc_diag_init(&diag);
        int st = cc_scenario_load(g.gl_pathv[f], NULL, 0, &sc, &diag);
        if (st != SIM_OK) cc_diag_fprint(stderr, &diag);
        assert_int_equal(st, SIM_OK);
        cc_diag_fini(&diag);
        cc_model *m = cc_model_alloc(&sc);
        const cc_measure *ms = cc_model_measures(m);
        for (size_t k = 0; k < cc_model_measure_count(m); k++) {
            assert_true(ms[k].id >= 0 && ms[k].id < CC_M_COUNT);
            assert_int_equal(cc_measure_def_of(ms[k].id)->id, ms[k].id);
            if (!cc_measure_has_threshold(ms[k].id)) assert_true(ms[k].threshold_s == 0);
            expect_round_trip(ms[k].id, ms[k].threshold_s);
            char name[CC_MEASURE_NAME_MAX];
            cc_measure_format(ms[k].id, ms[k].threshold_s, name, sizeof name);
            assert_int_equal(cc_model_find(m, ms[k].scope, ms[k].index, ms[k].id, ms[k].threshold_s),
                             (long)k);
            assert_int_equal(cc_model_find_name(m, ms[k].scope, ms[k].index, name), (long)k);
            total++;
        }
        assert_int_equal(cc_model_find_name(m, CC_SCOPE_TOTAL, 0, "no_such_measure"), -1);
        cc_model_free(m);
        cc_scenario_fini(&sc);
    }
    printf("  %zu measures in %zu scenario files, each in the table\n", total, g.gl_pathc);
    globfree(&g);
}

/* The kinds are what the clamp needs: a fraction never leaves [0, 1] and no measure is
 * negative, in every replication; and the clamp cuts the fractions' CIs at 1 and no
 * other measure's. */
static void test_kinds_for_clamp(void **state)
{
    (void)state;
    sim_case c;
    const char *sets[] = {"replications=4"};
    run_case(&c, "scenarios/default.yaml", sets, 1, 0);
    const cc_measure *ms = cc_model_measures(c.m);
    size_t nm = cc_model_measure_count(c.m), fractions = 0;
    for (size_t k = 0; k < nm; k++) {
        bool fraction = cc_measure_kind_of(ms[k].id) == CC_KIND_FRACTION;
        char name[CC_MEASURE_NAME_MAX];
        cc_measure_format(ms[k].id, ms[k].threshold_s, name, sizeof name);
        for (size_t r = 0; r < c.n; r++) {
            double x = c.res[r].values[k];
            if (isnan(x)) continue;
            if (x < 0) fail_msg("%s is %g < 0 in replication %zu", name, x, r + 1);
            if (fraction && x > 1) fail_msg("fraction %s is %g > 1 in replication %zu", name, x, r + 1);
        }
        fractions += fraction;
    }
    assert_true(fractions > 0);
    free_case(&c);

    /* Exactly these are fractions (README: "A fraction lies in [0, 1]"). */
    static const cc_measure_id fraction_ids[] = {CC_M_SERVICE_LEVEL, CC_M_MISSED, CC_M_ABANDON_RATE,
                                                 CC_M_FIRST_CONTACT_RESOLUTION, CC_M_OCCUPANCY,
                                                 CC_M_SLOT_OCCUPANCY};
    for (int i = 0; i < CC_M_COUNT; i++) {
        bool listed = false;
        for (size_t k = 0; k < sizeof fraction_ids / sizeof fraction_ids[0]; k++)
            listed |= fraction_ids[k] == i;
        assert_int_equal(listed, cc_measure_kind_of((cc_measure_id)i) == CC_KIND_FRACTION);
        /* The clamp bounds what the kind says. */
        sim_summary a = {0.99, 0.01, -0.02, 1.03, 5};
        cc_report_clamp_of((cc_measure_id)i, &a);
        assert_true(a.ci95_low == 0);
        assert_true(a.ci95_high == (listed ? 1 : 1.03));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_entries),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_published_measures),
        cmocka_unit_test(test_kinds_for_clamp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
