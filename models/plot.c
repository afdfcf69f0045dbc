/* models/plot.c: ccsim plot (placeholder until the plots land). */
#include <stdio.h>

#include "models/commands.h"

int cc_cmd_plot(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("ccsim: plot: not built yet\n", stderr);
    return 2;
}

int cc_plot_dir(const char *dir)
{
    (void)dir;
    fputs("ccsim: plots: not built yet\n", stderr);
    return 1;
}
