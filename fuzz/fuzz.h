/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry points and
 * a scratch directory for the targets whose parser reads files.
 *
 * Each fuzz/NAME.c is built twice: with -fsanitize=fuzzer by `make fuzz`
 * (libFuzzer supplies main), and with fuzz/driver.c into $(O)/fuzz/NAME,
 * which replays the seed corpus and every past crash in `make check`.
 */
#ifndef LP_FUZZ_H
#define LP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A private directory, made on the first call and removed at exit.  The
 * harness keeps it in a static: a fuzz process runs one input at a time.
 */
const char *fuzz_scratch(void);
/* Write data to dir/rel (0) or abort: the harness itself failed. */
void fuzz_put(const char *dir, const char *rel, const void *data, size_t len);
/* Remove dir/rel if it exists. */
void fuzz_drop(const char *dir, const char *rel);

#endif
