/* models/io/calllog.h: interaction logs, call by call or contact by contact, as records.
 * A log comes in one of three formats, all read row by row with libcsv (models/csvin),
 * so memory stays bounded by the longest row whatever the file's size:
 *
 *   ccsim     the per-contact log of `ccsim run --contacts FILE` (comma separated,
 *             header row; times in seconds from 00:00 of the first day; a replication
 *             is a day);
 *   bank1999  the Anonymous Bank 1999 call-by-call files (tab separated, 17 fields,
 *             shared/data/real/README.md): every call meets the VRU first, then may
 *             queue for an agent;
 *   generic   any CSV with a header row whose columns are named by a mapping
 *             "arrival=COL,channel=COL,queued=COL,answered=COL,end=COL,outcome=COL,
 *             agent=COL,group=COL,wait=COL,handle=COL,date=COL,day=COL".
 *
 * Timestamps of the generic format are, field by field, seconds ("3600.5", from 00:00
 * of the day), a clock time ("H:MM:SS" or "HH:MM", from 00:00 of the day) or a date
 * and time ("YYYY-MM-DD HH:MM:SS", also with a 'T'); see cc_calllog_columns_help.
 *
 * Every row becomes one cc_calllog_record handed to a callback, or is counted: rejected
 * by a reason (CC_CALLLOG_REASONS: bad data, with a "FILE:LINE:COLUMN: message" in the
 * diag for the first CC_CALLLOG_MESSAGES of them), or ignored on purpose (the bank's
 * PHANTOM calls and AGENT calls with no named server). Nothing is dropped without a
 * count. A problem with the file as a whole (cannot be opened, empty, no header, a
 * column of the mapping missing from the header, not CSV) stops the reading with a
 * negative status and a message. */
#ifndef CC_CALLLOG_H
#define CC_CALLLOG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "models/io/diag.h"

typedef enum cc_calllog_format {
    CC_CALLLOG_CCSIM, CC_CALLLOG_BANK1999, CC_CALLLOG_GENERIC
} cc_calllog_format;

typedef enum cc_calllog_outcome {
    CC_CALL_CONTAINED,       /* ended in the bot stage (IVR, VRU, chatbot) */
    CC_CALL_ANSWERED,        /* reached a human */
    CC_CALL_ABANDONED        /* left the human queue before an answer */
} cc_calllog_outcome;

/* One contact. Strings point into the row being read: copy what you keep. */
typedef struct cc_calllog_record {
    long day;                /* days since 1970-01-01 for dated logs; else the
                              * replication (ccsim) or the day column's value, 0 without */
    int weekday;             /* 0 Sunday .. 6 Saturday; -1 when the log has no dates */
    double arrival_s;        /* seconds from 00:00 of its day (may pass 86400 in logs
                              * without dates, e.g. a 25-hour ccsim horizon) */
    double bot_s;            /* time in the bot stage before the queue or the end; 0 none */
    double wait_s;           /* wait for a human, from joining the queue to the answer or
                              * the abandonment; 0 answered at once; NaN if contained */
    double handle_s;         /* service time; NaN if not answered or not usable */
    const char *channel;
    const char *agent;       /* NULL if none */
    const char *group;       /* NULL if the log has no groups */
    cc_calllog_outcome outcome;
    size_t line;
} cc_calllog_record;

/* Each reason: its enum suffix, its name in calibration.csv, and its text. */
#define CC_CALLLOG_REASONS(X)                                                      \
    X(FIELDS, "fields", "wrong number of fields")                                  \
    X(EMPTY, "empty", "a required field is empty")                                 \
    X(TIME, "time", "bad time stamp")                                              \
    X(DATE, "date", "bad date")                                                    \
    X(NUMBER, "number", "bad number")                                              \
    X(OUTCOME, "outcome", "unknown outcome")                                       \
    X(TYPE, "type", "unknown call type")                                           \
    X(NEGATIVE, "negative", "negative duration")                                   \
    X(ORDER, "order", "times out of order (e.g. answer before arrival)")           \
    X(NAME, "name", "a name with control characters")

typedef enum cc_calllog_reason {
#define CC_CALLLOG_REASON_ENUM(id, name, text) CC_CALLLOG_BAD_##id,
    CC_CALLLOG_REASONS(CC_CALLLOG_REASON_ENUM)
#undef CC_CALLLOG_REASON_ENUM
    CC_CALLLOG_N_REASONS
} cc_calllog_reason;

/* Messages are kept for this many bad rows; the others are only counted. */
#define CC_CALLLOG_MESSAGES 10

typedef struct cc_calllog_stats {
    size_t rows;                              /* data rows (header excluded) */
    size_t accepted;                          /* handed to the callback */
    size_t rejected[CC_CALLLOG_N_REASONS];
    size_t rejected_total;
    size_t ignored_phantom;                   /* bank1999: PHANTOM, "a virtual call to ignore" */
    size_t ignored_no_server;                 /* bank1999: AGENT with server NO_SERVER */
    size_t repaired_fields;                   /* bank1999: spaces for the tab before type */
    size_t repaired_blanks;                   /* fields with blanks around them, trimmed */
    size_t zero_handle;                       /* answered with a service time of 0 */
} cc_calllog_stats;

typedef struct cc_calllog_options {
    cc_calllog_format format;
    const char *columns;     /* generic: the mapping; NULL for the others */
    unsigned char delim;     /* generic: the separator, ',' when 0 */
} cc_calllog_options;

/* Returns SIM_OK to go on, or a negative status to stop (having added a message). */
typedef int cc_calllog_fn(void *arg, const cc_calllog_record *rec);

/* Reads the log, calling fn for every accepted row, and adds to *st (not cleared, so
 * several files add up). Rejected rows do not stop the reading. Returns SIM_OK, or a
 * negative status with a message in diag (bad file, bad mapping, fn stopped). */
int  cc_calllog_read(const char *path, const cc_calllog_options *o, cc_calllog_fn *fn, void *arg,
                     cc_calllog_stats *st, cc_diag *diag);
/* "ccsim", "bank1999", "generic": SIM_OK, or SIM_EINVAL. */
int  cc_calllog_format_parse(const char *text, cc_calllog_format *f);
const char *cc_calllog_format_name(cc_calllog_format f);
const char *cc_calllog_reason_text(cc_calllog_reason r);
const char *cc_calllog_reason_name(cc_calllog_reason r);   /* "fields", "time", ... */
/* Prints the counts of st, one line per nonzero count, each prefixed with indent. */
void cc_calllog_stats_fprint(FILE *f, const cc_calllog_stats *st, const char *indent);

/* A date "YYYY-MM-DD" (or the bank's "YYMMDD") as days since 1970-01-01; SIM_OK or
 * SIM_EINVAL. Weekday of a day number: 0 Sunday .. 6 Saturday. */
int  cc_calllog_parse_date(const char *text, long *day);
int  cc_calllog_weekday(long day);

#endif /* CC_CALLLOG_H */
