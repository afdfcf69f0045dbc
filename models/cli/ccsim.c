/* models/cli/ccsim.c: main(), the only place that exits.
 * Ctrl-C and SIGTERM set a flag that the simulation polls, so a long run ends cleanly
 * with what it finished written (marked partial) instead of dying mid-file. The flag is
 * the one mutable global of the program: a signal handler can reach nothing else. */
#include <signal.h>
#include <string.h>

#include "models/cli/cli.h"
#include "sim/check.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sim_check_install_gsl_handler();
    return cc_cli_main(argc, argv, &interrupted);
}
