/* models/io/calllog.c: three log formats turned into one kind of record.
 * The reader keeps only the current row (libcsv through models/csvin) and, for the
 * generic and ccsim formats, the column numbers of the mapping read from the header: its
 * memory does not grow with the file. Each row is checked field by field; the first
 * check that fails names the row's reason and the column where the bad field starts.
 * The ccsim format is the generic reader with a fixed mapping and times in seconds. */
#include "models/io/calllog.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/io/csvin.h"
#include "models/io/units.h"
#include "sim/status.h"

enum col {
    COL_ARRIVAL, COL_CHANNEL, COL_QUEUED, COL_ANSWERED, COL_END, COL_OUTCOME, COL_AGENT,
    COL_GROUP, COL_WAIT, COL_HANDLE, COL_DATE, COL_DAY, N_COLS
};
static const char *const COL_NAMES[N_COLS] = {
    "arrival", "channel", "queued", "answered", "end", "outcome", "agent",
    "group", "wait", "handle", "date", "day"
};

static const char CCSIM_COLUMNS[] =
    "arrival=arrival_s,channel=channel,queued=queued_s,answered=answered_s,end=end_s,"
    "outcome=outcome,agent=agent,group=group,wait=wait_s,handle=handle_s,day=replication";

typedef struct reader {
    const char *path;
    const cc_calllog_options *o;
    cc_calllog_fn *fn;
    void *arg;
    cc_calllog_stats *st;
    cc_diag *diag;
    size_t messages;
    /* generic */
    char *want[N_COLS];      /* header names of the mapping; NULL where unmapped */
    long at[N_COLS];         /* field index of each mapped column, -1 unmapped */
    size_t n_header;
    bool header_done;
} reader;

const char *cc_calllog_reason_text(cc_calllog_reason r)
{
    static const char *const t[] = {
#define CC_CALLLOG_REASON_TEXT(id, name, text) text,
        CC_CALLLOG_REASONS(CC_CALLLOG_REASON_TEXT)
#undef CC_CALLLOG_REASON_TEXT
    };
    return (size_t)r < CC_CALLLOG_N_REASONS ? t[r] : "unknown";
}

const char *cc_calllog_reason_name(cc_calllog_reason r)
{
    static const char *const t[] = {
#define CC_CALLLOG_REASON_NAME(id, name, text) name,
        CC_CALLLOG_REASONS(CC_CALLLOG_REASON_NAME)
#undef CC_CALLLOG_REASON_NAME
    };
    return (size_t)r < CC_CALLLOG_N_REASONS ? t[r] : "unknown";
}

int cc_calllog_format_parse(const char *text, cc_calllog_format *f)
{
    if (strcmp(text, "ccsim") == 0) *f = CC_CALLLOG_CCSIM;
    else if (strcmp(text, "bank1999") == 0) *f = CC_CALLLOG_BANK1999;
    else if (strcmp(text, "generic") == 0) *f = CC_CALLLOG_GENERIC;
    else return SIM_EINVAL;
    return SIM_OK;
}

const char *cc_calllog_format_name(cc_calllog_format f)
{
    return f == CC_CALLLOG_CCSIM ? "ccsim" : f == CC_CALLLOG_BANK1999 ? "bank1999" : "generic";
}

void cc_calllog_stats_fprint(FILE *f, const cc_calllog_stats *st, const char *indent)
{
    fprintf(f, "%srows read: %zu, accepted: %zu, rejected: %zu\n", indent, st->rows, st->accepted,
            st->rejected_total);
    for (size_t r = 0; r < CC_CALLLOG_N_REASONS; r++)
        if (st->rejected[r])
            fprintf(f, "%s  rejected, %s: %zu\n", indent, cc_calllog_reason_text((cc_calllog_reason)r),
                    st->rejected[r]);
    if (st->ignored_phantom)
        fprintf(f, "%signored: PHANTOM calls (virtual, per the bank's documentation): %zu\n", indent,
                st->ignored_phantom);
    if (st->ignored_no_server)
        fprintf(f, "%signored: AGENT calls with server NO_SERVER (no service given): %zu\n", indent,
                st->ignored_no_server);
    if (st->repaired_fields)
        fprintf(f, "%srepaired: spaces instead of the tab before type: %zu\n", indent,
                st->repaired_fields);
    if (st->repaired_blanks)
        fprintf(f, "%srepaired: blanks around a field, trimmed: %zu\n", indent, st->repaired_blanks);
    if (st->zero_handle)
        fprintf(f, "%skept, but not in the handle-time fit: answered with service time 0: %zu\n",
                indent, st->zero_handle);
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return true;
}

static int month_days(long y, long m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : md[m - 1];
}

/* Reads a date at the start of s; *len is how many characters it took. */
static int parse_date_prefix(const char *s, long *day, size_t *len)
{
    long y, m, d;
    if (digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)) {
        y = strtol(s, NULL, 10);
        m = strtol(s + 5, NULL, 10);
        d = strtol(s + 8, NULL, 10);
        *len = 10;
    } else if (digits(s, 6) && !isdigit((unsigned char)s[6])) {
        char b[3] = {s[0], s[1], 0};
        long yy = strtol(b, NULL, 10);
        y = yy >= 50 ? 1900 + yy : 2000 + yy;
        b[0] = s[2], b[1] = s[3];
        m = strtol(b, NULL, 10);
        b[0] = s[4], b[1] = s[5];
        d = strtol(b, NULL, 10);
        *len = 6;
    } else {
        return SIM_EINVAL;
    }
    if (m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return SIM_EINVAL;
    *day = days_from_civil(y, m, d);
    return SIM_OK;
}

int cc_calllog_parse_date(const char *text, long *day)
{
    size_t len;
    long d;
    if (parse_date_prefix(text, &d, &len) != SIM_OK || text[len] != '\0') return SIM_EINVAL;
    *day = d;
    return SIM_OK;
}

int cc_calllog_weekday(long day)
{
    long w = (day + 4) % 7;  /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

/* ---- fields ---- */

typedef struct stamp {
    bool dated;              /* a date was part of it */
    bool clock;              /* H:MM:SS (with or without a date) */
    long day;
    double s;                /* seconds from 00:00 of day (or of the log's start) */
} stamp;

/* A timestamp field: seconds, a clock time, or "YYYY-MM-DD HH:MM[:SS]". */
static int parse_stamp(const char *text, stamp *out)
{
    char err[8];
    memset(out, 0, sizeof *out);
    while (*text == ' ') text++;
    size_t len;
    long day;
    if (parse_date_prefix(text, &day, &len) == SIM_OK && len == 10 &&
        (text[10] == ' ' || text[10] == 'T')) {
        out->dated = true;
        out->clock = true;
        out->day = day;
        if (cc_units_clock(text + 11, &out->s, err, sizeof err) != SIM_OK || out->s >= 86400)
            return SIM_EINVAL;
        return SIM_OK;
    }
    if (strchr(text, ':')) {
        out->clock = true;
        return cc_units_clock(text, &out->s, err, sizeof err) == SIM_OK ? SIM_OK : SIM_EINVAL;
    }
    if (cc_units_number(text, &out->s, err, sizeof err) != SIM_OK || out->s < 0) return SIM_EINVAL;
    return SIM_OK;
}

/* Adds one bad row: counted, and a message for the first few. */
static int reject(reader *r, const cc_csv_row *row, size_t field, cc_calllog_reason why,
                  const char *fmt, const char *a)
{
    r->st->rejected[why]++;
    r->st->rejected_total++;
    if (r->messages < CC_CALLLOG_MESSAGES) {
        char msg[256];
        snprintf(msg, sizeof msg, fmt, a);
        size_t col = field < row->n_fields ? row->columns[field] : 1;
        cc_diag_add(r->diag, "%s:%zu:%zu: %s: %s", r->path, row->line, col,
                    cc_calllog_reason_text(why), msg);
        r->messages++;
    }
    return SIM_OK;
}

/* ---- generic (and ccsim) ---- */

static int parse_mapping(reader *r, const char *columns)
{
    for (size_t c = 0; c < N_COLS; c++) r->at[c] = -1;
    char *copy = strdup(columns);
    if (!copy) return SIM_ELIMIT;
    int st = SIM_OK;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t && st == SIM_OK; t = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(t, '=');
        size_t c = 0;
        if (eq) {
            *eq = '\0';
            for (c = 0; c < N_COLS && strcmp(COL_NAMES[c], t) != 0; c++) {}
        }
        if (!eq || c == N_COLS || !eq[1]) {
            cc_diag_add(r->diag, "--columns: \"%s\": write KEY=COLUMN with KEY one of arrival, "
                        "channel, queued, answered, end, outcome, agent, group, wait, handle, date, day",
                        t);
            st = SIM_EINVAL;
        } else if (r->want[c]) {
            cc_diag_add(r->diag, "--columns: %s is mapped twice", t);
            st = SIM_EINVAL;
        } else {
            r->want[c] = strdup(eq + 1);
        }
    }
    free(copy);
    if (st == SIM_OK && !r->want[COL_ARRIVAL]) {
        cc_diag_add(r->diag, "--columns: arrival=COLUMN is required");
        st = SIM_EINVAL;
    }
    if (st == SIM_OK && !r->want[COL_OUTCOME] && !r->want[COL_ANSWERED] && !r->want[COL_WAIT]) {
        cc_diag_add(r->diag, "--columns: name outcome=COLUMN, or answered=COLUMN, so that "
                    "answered and abandoned contacts can be told apart");
        st = SIM_EINVAL;
    }
    return st;
}

static int read_header(reader *r, const cc_csv_row *row)
{
    int st = SIM_OK;
    for (size_t c = 0; c < N_COLS; c++) {
        if (!r->want[c]) continue;
        for (size_t i = 0; i < row->n_fields; i++) {
            const char *h = row->fields[i];
            while (*h == ' ') h++;
            size_t n = strlen(h);
            while (n && (h[n - 1] == ' ' || h[n - 1] == '\r')) n--;
            if (n == strlen(r->want[c]) && strncmp(h, r->want[c], n) == 0) {
                r->at[c] = (long)i;
                break;
            }
        }
        if (r->at[c] < 0) {
            cc_diag_add(r->diag, "%s:%zu:1: header: no column \"%s\" (for %s=%s); the header has %zu "
                        "columns, the first is \"%s\"", r->path, row->line, r->want[c], COL_NAMES[c],
                        r->want[c], row->n_fields, row->fields[0]);
            st = SIM_EINVAL;
        }
    }
    r->n_header = row->n_fields;
    r->header_done = true;
    return st;
}

/* The text of a mapped column, blanks trimmed into buf; NULL if unmapped, "" if empty. */
static const char *field(reader *r, const cc_csv_row *row, enum col c, char *buf, size_t len)
{
    if (r->at[c] < 0) return NULL;
    const char *s = row->fields[r->at[c]];
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    if (n >= len) n = len - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static bool text_is(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp(s, *names) == 0) return true;
    return false;
}

/* A time of the row relative to 00:00 of the arrival's day. */
static int relative(const stamp *a, const stamp *x, double *out)
{
    if (x->dated != a->dated && x->dated) return SIM_EINVAL;
    if (x->dated) *out = (double)(x->day - a->day) * 86400 + x->s;
    else if (x->clock && a->clock && x->s < a->s) *out = x->s + 86400;  /* past midnight */
    else *out = x->s;
    return SIM_OK;
}

static int generic_row(reader *r, const cc_csv_row *row)
{
    if (!r->header_done) return read_header(r, row);
    r->st->rows++;
    if (row->n_fields != r->n_header) {
        char n[32];
        snprintf(n, sizeof n, "%zu", row->n_fields);
        char msg[96];
        snprintf(msg, sizeof msg, "%%s fields, the header has %zu", r->n_header);
        return reject(r, row, row->n_fields ? row->n_fields - 1 : 0, CC_CALLLOG_BAD_FIELDS, msg, n);
    }
    char b[N_COLS][256];
    const char *f[N_COLS];
    for (size_t c = 0; c < N_COLS; c++) f[c] = field(r, row, (enum col)c, b[c], sizeof b[c]);
#define AT(c) ((size_t)(r->at[c] < 0 ? 0 : r->at[c]))
    cc_calllog_record rec;
    memset(&rec, 0, sizeof rec);
    rec.line = row->line;
    rec.weekday = -1;
    rec.channel = f[COL_CHANNEL] && f[COL_CHANNEL][0] ? f[COL_CHANNEL] : "voice";
    /* A channel name becomes a scenario key and is printed on a terminal (see load.c). */
    if (cc_diag_has_control(rec.channel, "\t\n"))
        return reject(r, row, AT(COL_CHANNEL), CC_CALLLOG_BAD_NAME, "channel \"%s\"", rec.channel);
    stamp a;
    if (!f[COL_ARRIVAL][0])
        return reject(r, row, AT(COL_ARRIVAL), CC_CALLLOG_BAD_EMPTY, "arrival%s is empty", "");
    if (parse_stamp(f[COL_ARRIVAL], &a) != SIM_OK)
        return reject(r, row, AT(COL_ARRIVAL), CC_CALLLOG_BAD_TIME,
                      "arrival \"%s\": write seconds, HH:MM:SS or YYYY-MM-DD HH:MM:SS", f[COL_ARRIVAL]);
    if (a.dated) {
        rec.day = a.day;
        rec.weekday = cc_calllog_weekday(a.day);
    } else if (f[COL_DATE]) {
        if (cc_calllog_parse_date(f[COL_DATE], &rec.day) != SIM_OK)
            return reject(r, row, AT(COL_DATE), CC_CALLLOG_BAD_DATE, "\"%s\": write YYYY-MM-DD",
                          f[COL_DATE]);
        rec.weekday = cc_calllog_weekday(rec.day);
    } else if (f[COL_DAY]) {
        char *end = NULL;
        rec.day = strtol(f[COL_DAY], &end, 10);
        if (!f[COL_DAY][0] || *end || rec.day < 0)
            return reject(r, row, AT(COL_DAY), CC_CALLLOG_BAD_NUMBER,
                          "day \"%s\": a whole number >= 0", f[COL_DAY]);
    }
    rec.arrival_s = a.s;
    /* The other times, each relative to the arrival's day; NaN when empty or unmapped. */
    static const enum col times[] = {COL_QUEUED, COL_ANSWERED, COL_END};
    double t[3];
    for (size_t k = 0; k < 3; k++) {
        enum col c = times[k];
        t[k] = NAN;
        if (!f[c] || !f[c][0]) continue;
        stamp x;
        if (parse_stamp(f[c], &x) != SIM_OK || relative(&a, &x, &t[k]) != SIM_OK)
            return reject(r, row, AT(c), CC_CALLLOG_BAD_TIME,
                          "\"%s\": write it like the arrival (seconds, HH:MM:SS or YYYY-MM-DD HH:MM:SS)",
                          f[c]);
    }
    double queued = t[0], answered = t[1], end = t[2];
    /* Order: arrival <= queued <= answered <= end. */
    if (queued < a.s)
        return reject(r, row, AT(COL_QUEUED), CC_CALLLOG_BAD_ORDER, "queued %s before the arrival",
                      f[COL_QUEUED]);
    if (answered < (isnan(queued) ? a.s : queued))
        return reject(r, row, AT(COL_ANSWERED), CC_CALLLOG_BAD_ORDER,
                      "answered %s before the arrival or the queue", f[COL_ANSWERED]);
    if (end < (isnan(answered) ? (isnan(queued) ? a.s : queued) : answered))
        return reject(r, row, AT(COL_END), CC_CALLLOG_BAD_ORDER,
                      "end %s before the arrival, the queue or the answer", f[COL_END]);
    double wait = NAN, handle = NAN;
    static const enum col durs[] = {COL_WAIT, COL_HANDLE};
    for (size_t k = 0; k < 2; k++) {
        enum col c = durs[k];
        if (!f[c] || !f[c][0]) continue;
        char err[8];
        double v;
        if (cc_units_number(f[c], &v, err, sizeof err) != SIM_OK)
            return reject(r, row, AT(c), CC_CALLLOG_BAD_NUMBER, "\"%s\": a number of seconds", f[c]);
        if (v < 0)
            return reject(r, row, AT(c), CC_CALLLOG_BAD_NEGATIVE, "%s s", f[c]);
        if (k == 0) wait = v;
        else handle = v;
    }
    /* The outcome, given or inferred from which times are there. */
    static const char *const ANS[] = {"answered", "served", "agent", "handled", NULL};
    static const char *const ABA[] = {"abandoned", "abandon", "hang", "hangup", "lost", NULL};
    static const char *const CON[] = {"contained", "bot", "self-service", "selfservice", "ivr", NULL};
    if (f[COL_OUTCOME]) {
        if (text_is(f[COL_OUTCOME], ANS)) rec.outcome = CC_CALL_ANSWERED;
        else if (text_is(f[COL_OUTCOME], ABA)) rec.outcome = CC_CALL_ABANDONED;
        else if (text_is(f[COL_OUTCOME], CON)) rec.outcome = CC_CALL_CONTAINED;
        else
            return reject(r, row, AT(COL_OUTCOME), CC_CALLLOG_BAD_OUTCOME,
                          "\"%s\": write answered, abandoned or contained", f[COL_OUTCOME]);
    } else if (!isnan(answered) || (!f[COL_ANSWERED] && !isnan(handle))) {
        rec.outcome = CC_CALL_ANSWERED;
    } else if (!isnan(queued) || !f[COL_QUEUED]) {
        rec.outcome = CC_CALL_ABANDONED;
    } else {
        rec.outcome = CC_CALL_CONTAINED;
    }
    double q0 = isnan(queued) ? a.s : queued;
    if (rec.outcome == CC_CALL_CONTAINED) {
        rec.wait_s = NAN;
        rec.handle_s = NAN;
        rec.bot_s = !isnan(end) ? end - a.s : !isnan(queued) ? queued - a.s : 0;
    } else {
        rec.bot_s = q0 - a.s;
        if (isnan(wait)) {
            double until = rec.outcome == CC_CALL_ANSWERED ? answered : end;
            if (isnan(until))
                return reject(r, row, AT(rec.outcome == CC_CALL_ANSWERED ? COL_ANSWERED : COL_END),
                              CC_CALLLOG_BAD_EMPTY, "%s: the wait cannot be known without this time",
                              rec.outcome == CC_CALL_ANSWERED ? "answered" : "abandoned");
            wait = until - q0;
        }
        rec.wait_s = wait;
        if (rec.outcome == CC_CALL_ANSWERED) {
            if (isnan(handle) && !isnan(answered) && !isnan(end)) handle = end - answered;
            rec.handle_s = handle > 0 ? handle : NAN;
            if (handle == 0) r->st->zero_handle++;
        } else {
            rec.handle_s = NAN;
        }
    }
    /* Agents are named within their group when the log has groups (ccsim numbers them
     * from 1 in each group). */
    char agent[520];
    if (rec.outcome == CC_CALL_ANSWERED && f[COL_AGENT] && f[COL_AGENT][0]) {
        if (f[COL_GROUP] && f[COL_GROUP][0]) {
            snprintf(agent, sizeof agent, "%s/%s", f[COL_GROUP], f[COL_AGENT]);
            rec.group = f[COL_GROUP];
        } else {
            snprintf(agent, sizeof agent, "%s", f[COL_AGENT]);
        }
        rec.agent = agent;
    }
#undef AT
    r->st->accepted++;
    return r->fn(r->arg, &rec);
}

/* ---- bank1999 ---- */

enum bank_field {
    B_VRU_LINE, B_CALL_ID, B_CUSTOMER, B_PRIORITY, B_TYPE, B_DATE, B_VRU_ENTRY, B_VRU_EXIT,
    B_VRU_TIME, B_Q_START, B_Q_EXIT, B_Q_TIME, B_OUTCOME, B_SER_START, B_SER_EXIT, B_SER_TIME,
    B_SERVER, B_N
};

static int bank_row(reader *r, const cc_csv_row *row)
{
    if (row->index == 0 && row->n_fields >= 1 && strncmp(row->fields[0], "vru", 3) == 0)
        return SIM_OK;  /* the header */
    r->st->rows++;
    char b[B_N][128];
    size_t col[B_N];
    size_t n = row->n_fields;
    bool repaired = false;
    if (n == B_N - 1) {
        /* The 8 known rows with spaces, not a tab, between priority and type. */
        const char *p = row->fields[B_PRIORITY];
        size_t k = strcspn(p, " ");
        if (p[k] == ' ' && p[k + strspn(p + k, " ")] != '\0') repaired = true;
    }
    if (n != B_N && !repaired) {
        char t[32];
        snprintf(t, sizeof t, "%zu", n);
        return reject(r, row, n ? n - 1 : 0, CC_CALLLOG_BAD_FIELDS,
                      "%s tab-separated fields, the bank's format has 17", t);
    }
    bool blanks = false;
    for (size_t i = 0, j = 0; i < B_N; i++, j++) {
        const char *s = row->fields[j];
        col[i] = row->columns[j];
        if (repaired && i == B_PRIORITY) {
            size_t k = strcspn(s, " ");
            snprintf(b[i], sizeof b[i], "%.*s", (int)k, s);
            const char *tp = s + k + strspn(s + k, " ");
            snprintf(b[i + 1], sizeof b[i + 1], "%s", tp);
            col[i + 1] = col[i] + (size_t)(tp - s);
            i++;
            continue;
        }
        size_t lead = strspn(s, " \r"), len = strlen(s + lead);
        while (len && (s[lead + len - 1] == ' ' || s[lead + len - 1] == '\r')) len--;
        if (lead || len != strlen(s + lead)) blanks = true;
        if (len >= sizeof b[i]) len = sizeof b[i] - 1;
        memcpy(b[i], s + lead, len);
        b[i][len] = '\0';
    }
    if (repaired) r->st->repaired_fields++;
    if (blanks) r->st->repaired_blanks++;
    const char *out = b[B_OUTCOME];
    if (strcmp(out, "PHANTOM") == 0) {
        r->st->ignored_phantom++;
        return SIM_OK;
    }
    cc_calllog_record rec;
    memset(&rec, 0, sizeof rec);
    rec.line = row->line;
    static const char *const TYPES[] = {"PS", "PE", "IN", "NE", "NW", "TT"};
    static const char *const CHANNELS[] = {"ps", "pe", "in", "ne", "nw", "tt"};
    size_t ty = 0;
    while (ty < 6 && strcmp(b[B_TYPE], TYPES[ty]) != 0) ty++;
    /* Errors are reported at the column of the bad field. */
    cc_csv_row at = *row;
    size_t bad_col = 0;
    cc_calllog_reason why = CC_CALLLOG_N_REASONS;
    const char *what = "";
    char msg[160] = "";
    double vru_entry = 0, clock;
    long vt = 0, qt = 0, stime = 0;
    char err[8];
    bool answered = strcmp(out, "AGENT") == 0, hang = strcmp(out, "HANG") == 0;
    if (ty == 6) {
        why = CC_CALLLOG_BAD_TYPE, bad_col = col[B_TYPE], what = b[B_TYPE];
        snprintf(msg, sizeof msg, "type \"%%s\": the bank's types are PS, PE, IN, NE, NW, TT");
    } else if (cc_calllog_parse_date(b[B_DATE], &rec.day) != SIM_OK) {
        why = CC_CALLLOG_BAD_DATE, bad_col = col[B_DATE], what = b[B_DATE];
        snprintf(msg, sizeof msg, "date \"%%s\": the bank writes YYMMDD");
    } else if (!answered && !hang) {
        why = CC_CALLLOG_BAD_OUTCOME, bad_col = col[B_OUTCOME], what = out;
        snprintf(msg, sizeof msg, "outcome \"%%s\": AGENT, HANG or PHANTOM");
    } else {
        static const enum bank_field clocks[] = {B_VRU_ENTRY, B_VRU_EXIT, B_Q_START, B_Q_EXIT,
                                                 B_SER_START, B_SER_EXIT};
        for (size_t k = 0; k < 6 && why == CC_CALLLOG_N_REASONS; k++) {
            enum bank_field i = clocks[k];
            if (cc_units_clock(b[i], &clock, err, sizeof err) != SIM_OK || clock >= 86400) {
                why = CC_CALLLOG_BAD_TIME, bad_col = col[i], what = b[i];
                snprintf(msg, sizeof msg, "\"%%s\": the bank writes H:MM:SS");
            } else if (i == B_VRU_ENTRY) {
                vru_entry = clock;
            }
        }
        static const enum bank_field durs[] = {B_VRU_TIME, B_Q_TIME, B_SER_TIME};
        long *dv[] = {&vt, &qt, &stime};
        for (size_t k = 0; k < 3 && why == CC_CALLLOG_N_REASONS; k++) {
            enum bank_field i = durs[k];
            char *end = NULL;
            long v = strtol(b[i], &end, 10);
            if (!b[i][0] || *end) {
                why = CC_CALLLOG_BAD_NUMBER, bad_col = col[i], what = b[i];
                snprintf(msg, sizeof msg, "\"%%s\": a whole number of seconds");
            } else if (v < 0) {
                why = CC_CALLLOG_BAD_NEGATIVE, bad_col = col[i], what = b[i];
                snprintf(msg, sizeof msg, "%s = %%s s", k == 0 ? "vru_time" : k == 1 ? "q_time" : "ser_time");
            } else {
                *dv[k] = v;
            }
        }
    }
    if (why != CC_CALLLOG_N_REASONS) {
        /* reject() takes a field index; point it at the right column through a copy of
         * the row whose first column is the bad one. */
        size_t c0 = bad_col;
        at.columns = &c0;
        at.n_fields = 1;
        return reject(r, &at, 0, why, msg, what);
    }
    rec.channel = CHANNELS[ty];
    rec.weekday = cc_calllog_weekday(rec.day);
    rec.arrival_s = vru_entry;
    rec.bot_s = (double)vt;
    bool queued = strcmp(b[B_Q_START], "0:00:00") != 0;
    if (answered) {
        if (strcmp(b[B_SERVER], "NO_SERVER") == 0) {
            r->st->ignored_no_server++;
            return SIM_OK;
        }
        rec.outcome = CC_CALL_ANSWERED;
        rec.wait_s = queued ? (double)qt : 0;
        rec.handle_s = stime > 0 ? (double)stime : NAN;
        if (stime == 0) r->st->zero_handle++;
        rec.agent = b[B_SERVER];
    } else if (queued) {
        rec.outcome = CC_CALL_ABANDONED;
        rec.wait_s = (double)qt;
        rec.handle_s = NAN;
    } else {
        rec.outcome = CC_CALL_CONTAINED;  /* hung up in the VRU, never asked for an agent */
        rec.wait_s = NAN;
        rec.handle_s = NAN;
    }
    r->st->accepted++;
    return r->fn(r->arg, &rec);
}

static int on_row(void *arg, const cc_csv_row *row)
{
    reader *r = arg;
    return r->o->format == CC_CALLLOG_BANK1999 ? bank_row(r, row) : generic_row(r, row);
}

int cc_calllog_read(const char *path, const cc_calllog_options *o, cc_calllog_fn *fn, void *arg,
                    cc_calllog_stats *st, cc_diag *diag)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.o = o;
    r.fn = fn;
    r.arg = arg;
    r.st = st;
    r.diag = diag;
    int rc = SIM_OK;
    unsigned char delim = ',';
    if (o->format == CC_CALLLOG_BANK1999) {
        delim = '\t';
    } else {
        const char *cols = o->format == CC_CALLLOG_CCSIM ? CCSIM_COLUMNS : o->columns;
        if (!cols) {
            cc_diag_add(diag, "--format generic needs --columns arrival=COLUMN,...");
            return SIM_EINVAL;
        }
        rc = parse_mapping(&r, cols);
        if (o->delim) delim = o->delim;
    }
    size_t rows_before = st->rows;
    if (rc == SIM_OK) rc = cc_csvin_read_delim(path, delim, on_row, &r, diag);
    if (rc == SIM_OK && o->format != CC_CALLLOG_BANK1999 && !r.header_done) {
        cc_diag_add(diag, "%s: empty: no header row (expected columns %s)", path,
                    o->format == CC_CALLLOG_CCSIM ? CCSIM_COLUMNS : o->columns);
        rc = SIM_EINVAL;
    } else if (rc == SIM_OK && st->rows == rows_before) {
        cc_diag_add(diag, "%s: no data rows", path);
        rc = SIM_EINVAL;
    }
    for (size_t c = 0; c < N_COLS; c++) free(r.want[c]);
    return rc;
}
