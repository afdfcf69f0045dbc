/* models/io/diag.h: the list of problems found in the user's input.
 * Loading a scenario reports every error at once, each as one line
 * "FILE:LINE:COL: KEY: MESSAGE" (or "--set KEY=VALUE: KEY: MESSAGE" for an override),
 * so a manager fixes the whole file in one pass. The list owns its strings. */
#ifndef CC_DIAG_H
#define CC_DIAG_H
#include <stdio.h>
#include <stddef.h>

typedef struct cc_diag {
    char **lines;     /* read-only */
    size_t count;     /* read-only */
    size_t cap;       /* private */
} cc_diag;

void   cc_diag_init(cc_diag *d);
void   cc_diag_fini(cc_diag *d);
/* Appends one formatted line. Past CC_DIAG_MAX lines only a final "too many" is kept. */
void   cc_diag_add(cc_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
size_t cc_diag_count(const cc_diag *d);
/* Prints every line, prefixed with "ccsim: ". */
void   cc_diag_fprint(FILE *f, const cc_diag *d);

#define CC_DIAG_MAX 200

#endif /* CC_DIAG_H */
