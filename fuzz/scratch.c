/*
 * scratch.c - the scratch directory and file helpers of fuzz.h.
 * Linked into every fuzz target, in both builds.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static char scratch_dir[64];

static void
scratch_remove(void)
{
	char cmd[96];

	/* Only our own mkdtemp directory, whose name we made. */
	if (scratch_dir[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", scratch_dir);
}

const char *
fuzz_scratch(void)
{
	const char *tmp;

	if (scratch_dir[0] != '\0')
		return scratch_dir;
	if ((tmp = getenv("TMPDIR")) == NULL || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/lp-fuzz.XXXXXX", tmp);
	if (mkdtemp(scratch_dir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(scratch_remove);
	return scratch_dir;
}

void
fuzz_put(const char *dir, const char *rel, const void *data, size_t len)
{
	char path[512];
	const char *p = data;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1) {
		perror(path);
		abort();
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n <= 0) {
			perror(path);
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
	close(fd);
}

void
fuzz_drop(const char *dir, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	unlink(path);
}
