/* models/ccsim.c: main(), the only place that exits. */
#include "models/cli.h"
#include "sim/check.h"

int main(int argc, char **argv)
{
    sim_check_install_gsl_handler();
    return cc_cli_main(argc, argv);
}
