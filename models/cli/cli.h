/* models/cli/cli.h: the ccsim command line.
 * cc_cli_main parses the arguments, runs the subcommand and returns the exit status:
 * 0 success, 1 a run that failed (an output file that cannot be written), 2 bad usage or
 * bad input (every problem printed with its place). It never exits; main() does. */
#ifndef CC_CLI_H
#define CC_CLI_H
#include <signal.h>

#include "models/center/version.h"
#include "models/io/outdir.h"


enum { CC_EXIT_OK = 0, CC_EXIT_FAILED = 1, CC_EXIT_USAGE = 2 };

/* cancel: a flag a signal handler sets (Ctrl-C, SIGTERM), or NULL. A run that sees it
 * writes the replications finished so far, marked partial, and returns 1; a sweep keeps
 * the points finished so far for --resume. */
int cc_cli_main(int argc, char **argv, const volatile sig_atomic_t *cancel);

/* A copy of argv (the array, not the strings; free it) in which every short option
 * glued to its value ("-r50", "-j2", "-s7", "-oDIR") is two arguments, as "-r 50":
 * the option parser (models/cli/options.h) reads the separate form. cc_cli_main splits, then
 * calls cc_cli_run; ccsim-mpi splits, rewrites -o for the ranks that do not write, and
 * calls cc_cli_run itself, so nothing is split twice. */
char **cc_cli_split_glued(int argc, char **argv, int *n_out);
int    cc_cli_run(int argc, char **argv, const volatile sig_atomic_t *cancel);

/* Locks a command's output folder for the command's life (models/io/outdir.h); NULL
 * outdir does nothing. CC_EXIT_OK, or CC_EXIT_FAILED with the reason printed (another
 * ccsim is writing there). Unlock with cc_outdir_unlock. */
int cc_cli_lock(const char *outdir, cc_outdir *lock);

#endif /* CC_CLI_H */
