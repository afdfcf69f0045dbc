/* tests/fuzz/fuzz.h: what the fuzz harnesses share.
 * Each harness (fuzz_*.c) defines LLVMFuzzerTestOneInput, the one function that both
 * builds call: clang links it with libFuzzer (`make fuzz`), gcc links it with
 * tests/fuzz/replay.c, a plain main() that feeds it every file of a folder
 * (tests/cli/fuzz_regressions.sh replays tests/fuzz/regressions/ that way).
 *
 * The loaders read files, so a harness writes its input into a scratch folder of its
 * own, /tmp/ccsim-fuzz-PID (one per process, reused for every input, removed at exit).
 * The folder also holds two symbolic links, forecasts -> scenarios/forecasts and
 * data -> tests/bad/data of the repository (CCFUZZ_ROOT, else the current folder), so
 * that the seed scenarios find the CSV files they name. A harness stays deterministic:
 * it writes or removes every file it uses on every input. */
#ifndef CCFUZZ_H
#define CCFUZZ_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch folder, created on first use; aborts if it cannot be. */
const char *ccfuzz_dir(void);
/* dir/name, in a static buffer per slot (0..3), so up to four paths can be alive. */
const char *ccfuzz_path(int slot, const char *name);
/* Writes len bytes to dir/name (replacing it); aborts on I/O failure. */
void ccfuzz_write(const char *name, const void *bytes, size_t len);
/* Removes dir/name if it exists. */
void ccfuzz_remove(const char *name);

/* Splits data at NUL bytes into at most max parts (the last part keeps any further NULs).
 * parts[i] points into data and len[i] gives its length; returns the number of parts. */
size_t ccfuzz_split(const uint8_t *data, size_t size, uint8_t sep, size_t max,
                    const uint8_t **parts, size_t *len);

/* A NUL-terminated copy (malloc) of len bytes. */
char *ccfuzz_strndup(const uint8_t *bytes, size_t len);

/* Checks what models/center/scenario.h and the model expect of a scenario that loaded: limits,
 * ranges, indices, sorted segments, every channel served; and that the helpers the
 * model calls on it (interval_of, staff_at) stay in bounds. Aborts on a violation. */
struct cc_scenario;
void ccfuzz_check_scenario(const struct cc_scenario *sc);

/* Aborts with a message: a broken invariant, reported as a crash by libFuzzer. */
#define CCFUZZ_CHECK(x) ((x) ? (void)0 : ccfuzz_fail(__FILE__, __LINE__, #x))
_Noreturn void ccfuzz_fail(const char *file, int line, const char *expr);

#endif /* CCFUZZ_H */
