/* models/cli/commands.h: ccsim's subcommands that live in their own modules.
 * Each takes the arguments after "ccsim" (argv[0] is the subcommand's name) and returns
 * the exit status: 0 success, 1 a failed run, 2 bad usage or bad input. None exits. */
#ifndef CC_COMMANDS_H
#define CC_COMMANDS_H
#include <stdbool.h>

#include "models/study/calibrate.h"

int cc_cmd_erlang(int argc, char **argv);    /* cmd_erlang.c: ccsim erlang b|c|a */
int cc_cmd_plot(int argc, char **argv);      /* cmd_plot.c: ccsim plot DIR */
int cc_cmd_calibrate(int argc, char **argv); /* cmd_calibrate.c: ccsim calibrate LOG -o FILE */
int cc_cmd_validate(int argc, char **argv);  /* cmd_validate.c: ccsim validate LOG SCENARIO */

/* cmd_calibrate.c: the log options that calibrate and validate share (--format,
 * --columns, --delimiter, --days, --channels, --interval, --hours, --max-bad). Takes
 * argv[*i] (and its value, moving *i) when it is one of them and sets *used; returns an
 * exit status (2 with a message on stderr for a bad value). */
int cc_cli_log_option(int argc, char **argv, int *i, cc_calib_options *o, bool *used);

/* The exit status for a library status (sim/status.h): SIM_OK 0; a failed run or write
 * (SIM_EIO) or an interruption (SIM_EINTR) 1; bad input (every other code) 2. */
int cc_cli_exit(int status);

#endif /* CC_COMMANDS_H */
