/* sim/status.c: the text of each status code.
 * The table in status.h is the only list of codes; this switch is generated from it, so
 * a new code cannot be added without its message. The strings are static and constant,
 * which makes sim_strerror safe to call from any thread. */
#include "sim/status.h"

const char *sim_strerror(int status)
{
    switch (status) {
#define SIM_STATUS_TEXT(name, value, text) \
    case value:                            \
        return text;
        SIM_STATUS_TABLE(SIM_STATUS_TEXT)
#undef SIM_STATUS_TEXT
    default:
        return "unknown status";
    }
}
