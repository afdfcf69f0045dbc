/* models/cmd_erlang.c: ccsim erlang (placeholder until the calculator lands). */
#include <stdio.h>

#include "models/commands.h"

int cc_cmd_erlang(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("ccsim: erlang: not built yet\n", stderr);
    return 2;
}
