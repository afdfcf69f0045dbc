/* models/cli/commands.h: ccsim's subcommands, one cmd_*.c each.
 * Each returns the exit status: 0 success, 1 a failed run, 2 bad usage or bad input.
 * None exits. The run family takes its parsed options; the others take the arguments
 * after "ccsim" (argv[0] is the subcommand's name). */
#ifndef CC_COMMANDS_H
#define CC_COMMANDS_H
#include "models/cli/options.h"
#include "models/study/calibrate.h"

/* The run family, after cc_options_parse (models/cli/options.h). */
int cc_cmd_run(const cc_options *o);         /* cmd_run.c: ccsim run SCENARIO */
int cc_cmd_check(const cc_options *o);       /* cmd_check.c: ccsim check SCENARIO */
int cc_cmd_sweep(const cc_options *o);       /* cmd_sweep.c: ccsim sweep SCENARIO --vary ... */
int cc_cmd_staff(const cc_options *o);       /* cmd_staff.c: ccsim staff SCENARIO */
int cc_cmd_compare(const cc_options *o);     /* cmd_compare.c: ccsim compare SCENARIO --policies ... */

int cc_cmd_erlang(int argc, char **argv);    /* cmd_erlang.c: ccsim erlang b|c|a */
int cc_cmd_plot(int argc, char **argv);      /* cmd_plot.c: ccsim plot DIR */
int cc_cmd_calibrate(int argc, char **argv); /* cmd_calibrate.c: ccsim calibrate LOG -o FILE */
int cc_cmd_validate(int argc, char **argv);  /* cmd_validate.c: ccsim validate LOG SCENARIO */

/* cmd_calibrate.c: the log options that calibrate and validate share. A command puts
 * CC_LOG_OPTIONS in its option table and hands the options with these ids to
 * cc_cli_log_option, which reads the value into o and returns an exit status (2, with
 * a message on stderr, for a bad value). */
enum {
    CC_LOG_FORMAT = 1000, CC_LOG_COLUMNS, CC_LOG_DELIMITER, CC_LOG_DAYS, CC_LOG_CHANNELS,
    CC_LOG_INTERVAL, CC_LOG_HOURS, CC_LOG_MAX_BAD
};
#define CC_LOG_OPTIONS                                                                  \
    {"--format", NULL, true, CC_LOG_FORMAT}, {"--columns", NULL, true, CC_LOG_COLUMNS},   \
    {"--delimiter", NULL, true, CC_LOG_DELIMITER}, {"--days", NULL, true, CC_LOG_DAYS},   \
    {"--channels", NULL, true, CC_LOG_CHANNELS}, {"--interval", NULL, true, CC_LOG_INTERVAL}, \
    {"--hours", NULL, true, CC_LOG_HOURS}, {"--max-bad", NULL, true, CC_LOG_MAX_BAD}
int cc_cli_log_option(int id, const char *value, cc_calib_options *o);
/* The exit status for a library status (sim/status.h): SIM_OK 0; a failed run or write
 * (SIM_EIO) or an interruption (SIM_EINTR) 1; bad input (every other code) 2. */
int cc_cli_exit(int status);

#endif /* CC_COMMANDS_H */
