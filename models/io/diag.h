/* models/io/diag.h: the list of problems found in the user's input.
 * Loading a scenario reports every error at once, each as one line
 * "FILE:LINE:COL: KEY: MESSAGE" (or "--set KEY=VALUE: KEY: MESSAGE" for an override),
 * so a manager fixes the whole file in one pass. The list owns its strings, and shows
 * every control character in them as \xNN (names come from the user's files). */
#ifndef CC_DIAG_H
#define CC_DIAG_H
#include <stdbool.h>
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
/* The control character at the start of s, which a terminal would act on: a C0 byte not
 * in `allowed`, DEL, or a C1 control (U+0080..U+009F, the bytes C2 80..C2 9F). Its
 * length in bytes (1 or 2), or 0 when s starts with none (or is at its end). */
size_t cc_diag_control_at(const char *s, const char *allowed);
/* Whether text holds such a character anywhere. */
bool   cc_diag_has_control(const char *text, const char *allowed);
/* Prints every line, prefixed with "ccsim: ". */
void   cc_diag_fprint(FILE *f, const cc_diag *d);

#define CC_DIAG_MAX 200

#endif /* CC_DIAG_H */
