/*
 * faultfs.c - an LD_PRELOAD shim that makes file writes fail on demand,
 * for tests/830-faults.t.
 *
 * A full disk, a failing disk or a read-only directory is hard to get in
 * a test (mounting needs root, and root ignores permissions), so this
 * shim fakes them where lp meets the file system.  Environment:
 *
 *   LP_FAULT        the errno to fail with: ENOSPC, EIO, EACCES, EROFS,
 *                   EDQUOT or EPERM (unset: the shim does nothing)
 *   LP_FAULT_OP     the calls that fail, comma-separated: write, fsync
 *                   (and syncfs), rename (and link, which puts a new
 *                   file in place without replacing one), create (open
 *                   with O_CREAT and mkstemp),
 *                   close, mkdir (default: write)
 *   LP_FAULT_MATCH  only paths containing this string fail (default:
 *                   any path; descriptors 0-2 never fail)
 *   LP_FAULT_SKIP   let this many matching calls succeed first (to fail
 *                   the second file of a command that writes two)
 *   LP_FAULT_LOG    append a line per injected failure to this file
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Matching calls seen so far; a test process is single-threaded. */
static long seen;

static int
fault_errno(void)
{
	const char *e = getenv("LP_FAULT");

	if (e == NULL || *e == '\0')
		return 0;
	if (strcmp(e, "ENOSPC") == 0)
		return ENOSPC;
	if (strcmp(e, "EIO") == 0)
		return EIO;
	if (strcmp(e, "EACCES") == 0)
		return EACCES;
	if (strcmp(e, "EROFS") == 0)
		return EROFS;
	if (strcmp(e, "EDQUOT") == 0)
		return EDQUOT;
	if (strcmp(e, "EPERM") == 0)
		return EPERM;
	return EIO;
}

static int
op_enabled(const char *op)
{
	const char *ops = getenv("LP_FAULT_OP");
	size_t n = strlen(op);

	if (ops == NULL || *ops == '\0')
		ops = "write";
	for (const char *p = ops; *p; ) {
		const char *end = strchrnul(p, ',');

		if ((size_t)(end - p) == n && strncmp(p, op, n) == 0)
			return 1;
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* Decide for one call on path: 0 to let it through, else the errno. */
static int
should_fail(const char *op, const char *path)
{
	const char *match = getenv("LP_FAULT_MATCH"), *skip, *logpath;
	int err = fault_errno();
	FILE *log;

	if (err == 0 || !op_enabled(op) || path == NULL)
		return 0;
	if (match && *match && strstr(path, match) == NULL)
		return 0;
	if ((skip = getenv("LP_FAULT_SKIP")) != NULL && seen++ < atol(skip))
		return 0;
	if ((logpath = getenv("LP_FAULT_LOG")) != NULL &&
	    (log = fopen(logpath, "a")) != NULL) {
		fprintf(log, "%s %s %s\n", op, path, strerror(err));
		fclose(log);
	}
	return err;
}

/* The path of a descriptor that is a regular file, or NULL. */
static const char *
fd_path(int fd, char *buf, size_t size)
{
	char link[64];
	struct stat st;
	ssize_t n;

	if (fd <= 2 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return NULL;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, buf, size - 1)) < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

ssize_t
write(int fd, const void *p, size_t n)
{
	char buf[4096];
	int err;

	REAL(write);
	if ((err = should_fail("write", fd_path(fd, buf, sizeof(buf)))) != 0) {
		errno = err;
		return -1;
	}
	return real_write(fd, p, n);
}

int
fsync(int fd)
{
	char buf[4096];
	int err;

	REAL(fsync);
	if ((err = should_fail("fsync", fd_path(fd, buf, sizeof(buf)))) != 0) {
		errno = err;
		return -1;
	}
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	char buf[4096];
	int err;

	REAL(fdatasync);
	if ((err = should_fail("fsync", fd_path(fd, buf, sizeof(buf)))) != 0) {
		errno = err;
		return -1;
	}
	return real_fdatasync(fd);
}

int
close(int fd)
{
	char buf[4096];
	int err;

	REAL(close);
	if ((err = should_fail("close", fd_path(fd, buf, sizeof(buf)))) != 0) {
		/* The descriptor is gone all the same, as with NFS. */
		real_close(fd);
		errno = err;
		return -1;
	}
	return real_close(fd);
}

int
syncfs(int fd)
{
	char buf[4096];
	int err;

	REAL(syncfs);
	if ((err = should_fail("fsync", fd_path(fd, buf, sizeof(buf)))) != 0) {
		errno = err;
		return -1;
	}
	return real_syncfs(fd);
}

int
link(const char *from, const char *to)
{
	int err;

	REAL(link);
	if ((err = should_fail("rename", to)) != 0) {
		errno = err;
		return -1;
	}
	return real_link(from, to);
}

int
rename(const char *from, const char *to)
{
	int err;

	REAL(rename);
	if ((err = should_fail("rename", to)) != 0) {
		errno = err;
		return -1;
	}
	return real_rename(from, to);
}

int
renameat(int fromfd, const char *from, int tofd, const char *to)
{
	int err;

	REAL(renameat);
	if ((err = should_fail("rename", to)) != 0) {
		errno = err;
		return -1;
	}
	return real_renameat(fromfd, from, tofd, to);
}

int
mkdir(const char *path, mode_t mode)
{
	int err;

	REAL(mkdir);
	if ((err = should_fail("mkdir", path)) != 0) {
		errno = err;
		return -1;
	}
	return real_mkdir(path, mode);
}

int
mkostemp(char *tmpl, int flags)
{
	int err;

	REAL(mkostemp);
	if ((err = should_fail("create", tmpl)) != 0) {
		errno = err;
		return -1;
	}
	return real_mkostemp(tmpl, flags);
}

int
mkstemp(char *tmpl)
{
	int err;

	REAL(mkstemp);
	if ((err = should_fail("create", tmpl)) != 0) {
		errno = err;
		return -1;
	}
	return real_mkstemp(tmpl);
}

static int
open_common(int dirfd, const char *path, int flags, mode_t mode, int at)
{
	int err;

	if ((flags & O_CREAT) && (err = should_fail("create", path)) != 0) {
		errno = err;
		return -1;
	}
	if (at) {
		REAL(openat);
		return real_openat(dirfd, path, flags, mode);
	} else {
		REAL(open);
		return real_open(path, flags, mode);
	}
}

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return open_common(AT_FDCWD, path, flags, mode, 0);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return open_common(AT_FDCWD, path, flags, mode, 0);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return open_common(dirfd, path, flags, mode, 1);
}
