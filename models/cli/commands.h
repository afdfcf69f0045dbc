/* models/commands.h: ccsim's subcommands that live in their own modules.
 * Each takes the arguments after "ccsim" (argv[0] is the subcommand's name) and returns
 * the exit status: 0 success, 1 a failed run, 2 bad usage or bad input. None exits. */
#ifndef CC_COMMANDS_H
#define CC_COMMANDS_H

int cc_cmd_erlang(int argc, char **argv);   /* models/cmd_erlang.c: ccsim erlang b|c|a */
int cc_cmd_plot(int argc, char **argv);     /* models/plot.c: ccsim plot DIR */
int cc_cmd_calibrate(int argc, char **argv); /* models/calibrate.c: ccsim calibrate LOG -o FILE */
int cc_cmd_validate(int argc, char **argv);  /* models/validate.c: ccsim validate LOG SCENARIO */
/* models/plot.c: gnuplot charts and report.html for a run's output folder; used by
 * `ccsim plot` and `ccsim run --plots`. Returns an exit status. */
int cc_plot_dir(const char *dir);

#endif /* CC_COMMANDS_H */
