/* A shared object whose constructor leaves a mark (the file $CCSIM_TEST_MARK) when it is
 * loaded: `ccsim check` must never load it, `ccsim run` does. It exports no policy, so
 * the run itself is refused after the load. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void leave_mark(void)
{
    const char *path = getenv("CCSIM_TEST_MARK");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) fclose(f);
}
