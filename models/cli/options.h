/* models/cli/options.h: the one reader of ccsim's command-line options.
 *
 * A command lists its options in a table (cc_option: long name, short name, whether
 * it takes a value, the command's own code for it) and calls cc_options_next until the
 * end. An option that takes a value accepts "--replications 5", "--replications=5" and
 * "-r 5" ("-r5" and "-oDIR" were split into two arguments by cc_cli_split_glued,
 * models/cli/cli.h); "=" belongs to long options only. An argument that starts with '-'
 * (other than "-" alone) is an option; the others are operands, returned in order.
 * Values and operands point into argv.
 *
 * Errors are said on stderr in the command's voice (cc_options_voice): its prefix
 * ("ccsim: ", "ccsim: erlang: "), the message naming the flag as written, and the line
 * "Try 'ccsim erlang --help'."; the exit status is then 2. The parser itself says three
 * things: "--frob: unknown option", "-r: needs a value", "--csv: takes no value".
 *
 * Below the parser: whole numbers read through models/io/units.h, and the options that
 * run, check, sweep, staff and compare share (cc_options). */
#ifndef CC_OPTIONS_H
#define CC_OPTIONS_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/study/simulate.h"
#include "models/study/staff.h"

/* One option of a command's table; the table ends with an entry whose names are NULL. */
typedef struct cc_option {
    const char *name;        /* the long name, "--replications", or NULL */
    const char *short_name;  /* "-r", or NULL */
    bool takes_value;
    int id;                  /* the command's code for it */
} cc_option;

/* How a command's messages begin and end. */
typedef struct cc_options_voice {
    const char *prefix;      /* "ccsim: ", "ccsim: erlang: " */
    const char *help;        /* "ccsim erlang --help", named in the line "Try '...'." */
} cc_options_voice;

/* The voice of run, check, sweep, staff and compare. */
extern const cc_options_voice CC_OPTIONS_MAIN;

typedef struct cc_option_parser {
    const cc_option *table;          /* private */
    const cc_options_voice *voice;   /* private */
    int argc;                        /* private */
    char **argv;                     /* private */
    int next;                        /* private: the next argument to read */
    const cc_option *opt;            /* read-only: the option read, NULL for an operand */
    const char *value;               /* read-only: its value (NULL if it takes none), or
                                      * the operand */
    char flag[64];                   /* read-only: the option as written, without =VALUE */
    const char **operands;           /* read-only: with keep_operands, the operands so far */
    size_t n_operands;               /* read-only */
} cc_option_parser;

/* Reads argv[first..] against table. With keep_operands, the operands are kept in
 * p->operands, in order, and cc_options_next returns options only; the array is freed
 * by cc_options_parser_fini. */
void cc_options_parser_init(cc_option_parser *p, const cc_option *table,
                            const cc_options_voice *voice, int argc, char **argv, int first,
                            bool keep_operands);
void cc_options_parser_fini(cc_option_parser *p);
/* Reads the next option (or operand): true when one is in p->opt and p->value. False at
 * the end (*rc untouched) or on a bad argument (said on stderr; *rc = exit status 2). */
bool cc_options_next(cc_option_parser *p, int *rc);
/* Prints the voice's prefix, the message and the Try line; returns exit status 2. */
int  cc_options_usage(const cc_options_voice *v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* When -h or --help is among argv[first..], prints help on stdout and returns true:
 * every command shows its help then, whatever else is there. */
bool cc_options_help(int argc, char **argv, int first, const char *help);

/* A whole number from lo to hi (lo >= 0) read by cc_units_whole: digits only, so
 * "26.0" is refused here as it is in a scenario file. */
bool cc_options_whole(const char *text, long lo, long hi, long *out);

/* ---- the options of run, check, sweep, staff and compare ---- */

typedef struct cc_options {
    const char *command;
    const char *scenario;
    long replications;       /* 0: the scenario's */
    bool has_seed;
    uint64_t seed;
    long threads;            /* 0: all cores */
    const char *outdir;
    const char **sets;
    size_t n_sets;
    bool quiet;
    const char *policies;    /* compare: "A,B,C" */
    const char **vary;       /* sweep: KEY=FROM:TO:STEP */
    size_t n_vary;
    cc_staff_options staff;  /* staff */
    const char *contacts;    /* run: the per-contact log file */
    bool plots;              /* run: charts and report.html in outdir (cc_chart_draw) */
    double precision;        /* run --precision: half-width wanted on fractions (0: none) */
    double precision_wait_s; /* ... and on waits, seconds */
    long max_replications;   /* run --precision and staff's sequential rule: the most
                              * replications (0: the command's default) */
    const volatile sig_atomic_t *cancel;  /* Ctrl-C */
    bool resume;             /* sweep, compare, staff: go on from an interrupted run's parts */
    const char *parts_dir;   /* where an interrupted run's parts are: outdir, or --read-parts */
} cc_options;

/* Reads argv[first..]; an option of another command is refused by name ("--vary: only
 * for sweep"). o->command, o->cancel and the staff defaults are the caller's. The
 * struct points into argv and owns only its two arrays (cc_options_fini). Returns an
 * exit status. */
int  cc_options_parse(int argc, char **argv, int first, cc_options *o);
void cc_options_fini(cc_options *o);
/* The simulation's part of the options. */
cc_sim_options cc_options_sim(const cc_options *o);

#endif /* CC_OPTIONS_H */
