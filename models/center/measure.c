/* models/center/measure.c: the table of measures and the one reader and writer of their
 * names. The table is an array indexed by cc_measure_id (TABLE[id].id == id, checked on
 * every lookup), so a lookup by id is an index. A name is parsed by a walk over the
 * table: about thirty entries, compared only when a run folder is read back or a caller
 * still asks by name, never in the event loop. A threshold appears in a name as "<T>",
 * written with %.0f and read back as decimal digits, so that reading accepts exactly
 * what writing produces and the two round-trip. */
#include "models/center/measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/check.h"

#define THRESHOLD "<T>"

static const cc_measure_def TABLE[CC_M_COUNT] = {
    {CC_M_OFFERED, "offered", CC_KIND_COUNT, "Offered (contacts)", "contacts"},
    {CC_M_CONTAINED, "contained", CC_KIND_COUNT, "Resolved by a bot", "contacts"},
    {CC_M_ANSWERED, "answered", CC_KIND_COUNT, "Answered by an agent", "contacts"},
    {CC_M_ABANDONED, "abandoned", CC_KIND_COUNT, "Abandoned (hung up waiting)", "contacts"},
    {CC_M_ESCALATED, "escalated", CC_KIND_COUNT, "Passed on to an agent", "contacts"},
    {CC_M_SERVICE_LEVEL, "service_level_<T>s", CC_KIND_FRACTION,
     "Service level: answered within %s", "fraction"},
    {CC_M_MISSED, "missed_<T>s", CC_KIND_FRACTION, "Waited longer than %s", "fraction"},
    {CC_M_ABANDON_RATE, "abandon_rate", CC_KIND_FRACTION, "Abandonment rate", "fraction"},
    {CC_M_ASA, "asa_s", CC_KIND_SECONDS, "Average speed of answer (ASA)", "s"},
    {CC_M_WAIT_P50, "wait_p50_s", CC_KIND_SECONDS, "Wait, 50th percentile", "s"},
    {CC_M_WAIT_P90, "wait_p90_s", CC_KIND_SECONDS, "Wait, 90th percentile", "s"},
    {CC_M_WAIT_P95, "wait_p95_s", CC_KIND_SECONDS, "Wait, 95th percentile", "s"},
    {CC_M_WAIT_P99, "wait_p99_s", CC_KIND_SECONDS, "Wait, 99th percentile", "s"},
    {CC_M_HANDLE_TIME, "handle_time_s", CC_KIND_SECONDS, "Average handle time", "s"},
    {CC_M_RETRIALS, "retrials", CC_KIND_COUNT, "Retrials (tried again later)", "contacts"},
    {CC_M_SWITCHED_IN, "switched_in", CC_KIND_COUNT, "Came from another channel", "contacts"},
    {CC_M_SWITCHES, "switches", CC_KIND_COUNT, "Left for another channel", "contacts"},
    {CC_M_REPEATS, "repeats", CC_KIND_COUNT, "Repeat contacts", "contacts"},
    {CC_M_FIRST_CONTACT_RESOLUTION, "first_contact_resolution", CC_KIND_FRACTION,
     "First-contact resolution", "fraction"},
    {CC_M_COST_PER_CONTACT, "cost_per_contact", CC_KIND_MONEY, "Cost per contact", "currency"},
    {CC_M_STAFF_COST, "staff_cost", CC_KIND_MONEY, "Staff cost", "currency"},
    {CC_M_BOT_COST, "bot_cost", CC_KIND_MONEY, "Bot cost", "currency"},
    {CC_M_TOTAL_COST, "total_cost", CC_KIND_MONEY, "Total cost", "currency"},
    {CC_M_COST_PER_CONTACT_HUMAN, "cost_per_contact_human", CC_KIND_MONEY,
     "Cost per contact handled by a person", "currency"},
    {CC_M_COST_PER_CONTACT_SELF_SERVICE, "cost_per_contact_self_service", CC_KIND_MONEY,
     "Cost per contact resolved by self-service", "currency"},
    {CC_M_COST_PER_CONTACT_BLENDED, "cost_per_contact_blended", CC_KIND_MONEY,
     "Cost per contact, blended", "currency"},
    {CC_M_OCCUPANCY, "occupancy", CC_KIND_FRACTION, "Occupancy (time holding a contact)",
     "fraction"},
    {CC_M_SLOT_OCCUPANCY, "slot_occupancy", CC_KIND_FRACTION,
     "Slot occupancy (contacts held / could hold)", "fraction"},
    {CC_M_STAFFED_HOURS, "staffed_hours", CC_KIND_HOURS, "Paid agent hours", "h"},
    {CC_M_OVERTIME_HOURS, "overtime_hours", CC_KIND_HOURS, "Overtime hours", "h"},
    {CC_M_COST, "cost", CC_KIND_MONEY, "Cost", "currency"},
};

const cc_measure_def *cc_measure_def_of(cc_measure_id id)
{
    SIM_REQUIRE(id >= 0 && id < CC_M_COUNT && TABLE[id].id == id);
    return &TABLE[id];
}

cc_measure_kind cc_measure_kind_of(cc_measure_id id)
{
    return cc_measure_def_of(id)->kind;
}

bool cc_measure_has_threshold(cc_measure_id id)
{
    return strstr(cc_measure_def_of(id)->name, THRESHOLD) != NULL;
}

double cc_measure_threshold_of(double within_s)
{
    return floor(within_s);
}

const char *cc_measure_format(cc_measure_id id, double threshold_s, char *buf, size_t len)
{
    const char *name = cc_measure_def_of(id)->name, *t = strstr(name, THRESHOLD);
    if (!t) {
        snprintf(buf, len, "%s", name);
        return buf;
    }
    /* A fraction of a second would be rounded by %.0f and not read back the same. */
    SIM_REQUIRE(threshold_s >= 0 && threshold_s == floor(threshold_s));
    snprintf(buf, len, "%.*s%.0f%s", (int)(t - name), name, threshold_s, t + strlen(THRESHOLD));
    return buf;
}

/* True if text is pattern with "<T>" replaced by digits as %.0f writes them (no sign, no
 * leading zero unless the number is 0), and *threshold_s their value. */
static bool match(const char *pattern, const char *text, double *threshold_s)
{
    const char *t = strstr(pattern, THRESHOLD);
    if (!t) return strcmp(pattern, text) == 0;
    size_t head = (size_t)(t - pattern);
    if (strncmp(pattern, text, head) != 0) return false;
    const char *digits = text + head;
    size_t n = strspn(digits, "0123456789");
    if (n == 0 || (n > 1 && digits[0] == '0')) return false;
    if (strcmp(digits + n, t + strlen(THRESHOLD)) != 0) return false;
    *threshold_s = strtod(digits, NULL);
    return true;
}

bool cc_measure_parse(const char *name, cc_measure_id *id, double *threshold_s)
{
    for (size_t k = 0; k < CC_M_COUNT; k++) {
        double t = 0;
        if (match(TABLE[k].name, name, &t)) {
            *id = TABLE[k].id;
            *threshold_s = t;
            return true;
        }
    }
    *id = CC_M_NONE;
    *threshold_s = 0;
    return false;
}

void cc_measure_format_within(double s, char *buf, size_t len)
{
    if (s < 120 || fmod(s, 60) != 0) snprintf(buf, len, "%g s", s);
    else if (s < 7200 || fmod(s, 3600) != 0) snprintf(buf, len, "%g min", s / 60);
    else snprintf(buf, len, "%g h", s / 3600);
}

const char *cc_measure_label(cc_measure_id id, double threshold_s, char *buf, size_t len)
{
    const cc_measure_def *d = cc_measure_def_of(id);
    const char *at = strstr(d->label, "%s");
    if (!at) {
        snprintf(buf, len, "%s", d->label);
        return buf;
    }
    char within[32];
    cc_measure_format_within(threshold_s, within, sizeof within);
    snprintf(buf, len, "%.*s%s%s", (int)(at - d->label), d->label, within, at + 2);
    return buf;
}

bool cc_target_met(double target, double sl, double missed)
{
    if (target >= 1) return missed == 0;
    return sl >= target;
}
