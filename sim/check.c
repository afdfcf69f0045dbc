/* sim/check.c: the one place where a bug ends the program.
 * There is no data structure here, only the failure path. sim_fail is deliberately
 * small and calls nothing that could itself fail in an interesting way: it writes one
 * line to stderr and aborts, so that a debugger or a core dump shows the caller's
 * frame. The simulated time is not printed because the engine keeps no global clock
 * (STYLE S10); a handler that wants the time in the message puts it in the expression
 * text or in a trace line before failing. */
#include "sim/check.h"

#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

void sim_fail(const char *file, int line, const char *func, const char *expr)
{
    fprintf(stderr, "ccsim: internal error: %s:%d: %s: %s\n",
            file ? file : "?", line, func ? func : "?", expr ? expr : "?");
    fflush(stderr);
    abort();
}

/* GSL reports the file and line inside GSL and a reason, but not the function, so the
 * function slot carries GSL's name for the error class ("input domain error", ...).
 * Both strings are static inside GSL, so they can be passed through without copying. */
static void sim_check_gsl_handler(const char *reason, const char *file, int line,
                                  int gsl_errno)
{
    sim_fail(file, line, gsl_strerror(gsl_errno), reason);
}

void sim_check_install_gsl_handler(void)
{
    gsl_set_error_handler(&sim_check_gsl_handler);
}
