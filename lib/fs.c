/*
 * fs.c - files, atomic writes, the portfolio lock and safe paths.
 *
 * Every file lp changes is replaced whole: written to a temporary file
 * beside it, flushed, and renamed over the old one, so that a crash or a
 * full disk leaves the old file or the new one, never half of one.
 * Writers of one portfolio take a flock on the portfolio directory, which
 * the kernel drops when the process ends, so no stale lock file is ever
 * left behind.  Paths that come from inside files are untrusted: they are
 * opened beneath the portfolio root and never followed out of it.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>

#include <linux/openat2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lp.h"
#include "discover.h"
#include "txn.h"

#define LOCK_WAIT_DEFAULT	30	/* seconds */
#define LOCK_POLL_MS		100
#define LOCK_NOTICE_MS		1000

/* How much to ask read() for at a time when the size is not known. */
#define READ_CHUNK	(64u << 10)

/*
 * The read behind lp_fd_read, printing nothing: 0, or -1 with errno
 * (EFBIG when the file is larger than max).  st is the file's status when
 * the caller already has it, so the hot path of a cohort read makes no
 * second fstat; NULL to look it up here.
 */
int
lp_fd_read_stat(int fd, const struct stat *st, size_t max, struct lp_buf *out)
{
	struct stat own;
	size_t start = out->len, want = READ_CHUNK;
	ssize_t n;
	int regular = 0;

	if (!st && fstat(fd, &own) == 0)
		st = &own;
	if (st && S_ISREG(st->st_mode)) {
		if ((uint64_t)st->st_size > max) {
			errno = EFBIG;
			return -1;
		}
		/* Its size and one byte more: the first read usually sees the end. */
		want = (size_t)st->st_size + 1;
		regular = 1;
	}
	for (;;) {
		size_t have = out->len - start, room = want;

		/* One byte beyond max tells a file of exactly max from a larger one. */
		if (max - have < room)
			room = max - have + 1;
		if (out->cap - out->len < room + 1) {
			lp_buf_add(out, NULL, room);
			out->len -= room;
		}
		n = read(fd, out->data + out->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;

			out->len = start;
			out->data[start] = '\0';
			errno = saved;
			return -1;
		}
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		/* A short read of a regular file is its end: save the read that says so. */
		if (n == 0 || (regular && (size_t)n < room))
			return 0;
		if (out->len - start > max) {
			out->len = start;
			out->data[start] = '\0';
			errno = EFBIG;
			return -1;
		}
		want = READ_CHUNK;
	}
}

/* The message for a failed lp_fd_read_stat. */
void
lp_fd_read_error(const char *name, size_t max)
{
	if (errno == EFBIG)
		lp_errorat(name, 0, "file is larger than %zu bytes", max);
	else
		lp_error("cannot read %s: %s", name, strerror(errno));
}

int
lp_fd_read(int fd, const char *name, size_t max, struct lp_buf *out)
{
	if (lp_fd_read_stat(fd, NULL, max, out) == 0)
		return 0;
	lp_fd_read_error(name, max);
	return -1;
}

/*
 * A descriptor the user handed over by name (/dev/stdin, a shell's
 * <(process substitution)) is a pipe that already has its writer: reading
 * it cannot hang on an absent writer the way a planted FIFO would.
 */
static int
handed_over(const char *path)
{
	return strcmp(path, "/dev/stdin") == 0 || strncmp(path, "/dev/fd/", 8) == 0 ||
	    strncmp(path, "/proc/self/fd/", 14) == 0;
}

int
lp_file_read(const char *path, size_t max, struct lp_buf *out)
{
	struct stat st;
	int fd, rc, flags;

	/* O_NONBLOCK: opening a FIFO with no writer must not wait for one. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 && errno == ENXIO) {
		lp_errorat(path, 0, "not a regular file");	/* a socket */
		return -1;
	}
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		lp_error("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		lp_error("cannot read %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !(S_ISFIFO(st.st_mode) && handed_over(path))) {
		lp_errorat(path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	rc = lp_fd_read_stat(fd, &st, max, out);
	if (rc < 0)
		lp_fd_read_error(path, max);
	close(fd);
	return rc;
}

FILE *
lp_fopen_regular(const char *path)
{
	struct stat st;
	FILE *f;
	int fd, flags, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0) {
		if (errno == ENXIO)
			errno = EINVAL;		/* a socket */
		return NULL;
	}
	if (fstat(fd, &st) < 0)
		goto fail;
	if (!S_ISREG(st.st_mode) && !(S_ISFIFO(st.st_mode) && handed_over(path))) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if ((f = fdopen(fd, "r")))
		return f;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The permission bits a new file gets: mode less the umask. */
static mode_t
new_file_mode(int mode)
{
	mode_t mask = umask(022);

	umask(mask);
	return (mode_t)mode & ~mask & 07777;
}

/*
 * Flush the directory entry of a rename.  Some file systems cannot fsync
 * a directory (EINVAL); the rename has happened all the same.
 */
static int
sync_dir(const char *dir)
{
	int fd, rc = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		rc = -1;
	close(fd);
	return rc;
}

int
lp_file_write(const char *path, const void *data, size_t len, int mode)
{
	const char *slash = strrchr(path, '/');
	char *dir, *tmp = NULL;
	struct stat st;
	mode_t final;
	int fd = -1, saved, rc = -1;

	if (slash) {
		dir = lp_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
		tmp = lp_xasprintf("%.*s/.%s.lp-tmp-XXXXXX", (int)(slash - path),
		    path, slash + 1);
	} else {
		dir = lp_xstrdup(".");
		tmp = lp_xasprintf(".%s.lp-tmp-XXXXXX", path);
	}
	/* An existing file keeps its permissions; a new one gets mode less the umask. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		final = st.st_mode & 07777;
	else
		final = new_file_mode(mode);

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0 ||
	    fchmod(fd, final) < 0) {
		saved = errno;
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		saved = errno;
		goto fail;
	}
	fd = -1;
	lp_journal_note(path);	/* what was there, should the commit fail */
	if (rename(tmp, path) < 0) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	tmp = NULL;
	if (sync_dir(dir) < 0) {
		saved = errno;
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	lp_error("cannot write %s: %s", path, strerror(saved));
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
out:
	free(tmp);
	free(dir);
	return rc;
}

int
lp_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	lp_error("cannot create directory %s: %s", path,
	    errno == EEXIST ? "a file of that name exists" : strerror(errno));
	return -1;
}

int
lp_mkdir_p(const char *dir, struct lp_strv *made)
{
	char *p = lp_xstrdup(dir);
	struct stat st;
	int rc = 0;

	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c)
			continue;
		*s = '\0';
		if (stat(p, &st) < 0) {
			if (lp_mkdir(p) < 0) {
				rc = -1;
				break;
			}
			lp_strv_push(made, p);
		} else if (!S_ISDIR(st.st_mode)) {
			lp_error("%s: not a directory", p);
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

void
lp_mkdir_undo(const struct lp_strv *made)
{
	for (size_t i = made->n; i-- > 0;)
		rmdir(made->v[i]);
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
lp_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------------------------ */

struct lp_lock {
	int fd;
};

static long
lock_wait_ms(void)
{
	const char *s = getenv("LP_LOCK_TIMEOUT");
	char *end;
	double secs;

	if (!s || !*s)
		return LOCK_WAIT_DEFAULT * 1000L;
	errno = 0;
	secs = strtod(s, &end);
	if (errno || *end || !(secs >= 0) || secs > 86400) {
		lp_warn("LP_LOCK_TIMEOUT=%s is not a number of seconds; using %d",
		    s, LOCK_WAIT_DEFAULT);
		return LOCK_WAIT_DEFAULT * 1000L;
	}
	return (long)(secs * 1000);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The process holding a flock on the file (dev, ino), from /proc/locks,
 * or 0 when it cannot be told.  Only to make the message more useful.
 */
static long
lock_holder(const struct stat *st)
{
	char line[256];
	FILE *f;
	long pid = 0;

	f = fopen("/proc/locks", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned int maj, min;
		unsigned long ino;
		long p;
		char kind[16], mode[16];

		/* "1: FLOCK  ADVISORY  WRITE 1234 08:01:56789 0 EOF" */
		if (sscanf(line, "%*d: %15s %*s %15s %ld %x:%x:%lu",
		    kind, mode, &p, &maj, &min, &ino) != 6)
			continue;
		if (strcmp(kind, "FLOCK") == 0 && ino == (unsigned long)st->st_ino &&
		    (dev_t)makedev(maj, min) == st->st_dev) {
			pid = p;
			break;
		}
	}
	fclose(f);
	return pid;
}

/* ".NAME.lp-tmp-XXXXXX", as lp_file_write names its temporary files. */
static int
is_stale_temp(const char *name)
{
	const char *tag = strstr(name, ".lp-tmp-");

	return name[0] == '.' && tag && tag > name + 1 && strlen(tag + 8) == 6 &&
	    !strchr(tag + 8, '.');
}

/*
 * Remove the temporary files a killed writer left in the portfolio
 * directory dirfd and the directories below it (evidence/, attachments/
 * and theirs), never following a link and never entering .git.  Called
 * under the lock, so no lp writer can be using them.
 */
static void
remove_stale_temps(int dirfd, int depth)
{
	struct dirent *de;
	DIR *d;
	int fd = dup(dirfd);

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		struct stat st;
		int sub;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, ".git") == 0 ||
		    fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISREG(st.st_mode) && is_stale_temp(de->d_name))
			unlinkat(dirfd, de->d_name, 0);
		else if (S_ISDIR(st.st_mode) && depth < 3 && (sub = openat(dirfd,
		    de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
			remove_stale_temps(sub, depth + 1);
			close(sub);
		}
	}
	closedir(d);
}

int
lp_lock_take(const char *root, struct lp_lock **out)
{
	struct timespec pause = { 0, LOCK_POLL_MS * 1000000L };
	long start = now_ms(), wait = lock_wait_ms();
	int fd, noticed = 0;
	struct stat st;
	long pid;

	*out = NULL;
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		lp_error("cannot lock %s: %s", root, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		long waited = now_ms() - start;

		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			lp_error("cannot lock %s: %s", root, strerror(errno));
			close(fd);
			return -1;
		}
		if (waited >= wait) {
			pid = fstat(fd, &st) == 0 ? lock_holder(&st) : 0;
			if (pid > 0)
				lp_error("another lp command is writing %s; try again"
				    " (process %ld holds the lock)", root, pid);
			else
				lp_error("another lp command is writing %s; try again",
				    root);
			close(fd);
			return -1;
		}
		if (!noticed && waited >= LOCK_NOTICE_MS && isatty(STDERR_FILENO)) {
			fprintf(stderr, "%s: waiting for another lp command writing %s...\n",
			    lp_progname(), root);
			noticed = 1;
		}
		nanosleep(&pause, NULL);
	}
	/* No lp writer is at work here now: what a killed one left is garbage. */
	remove_stale_temps(fd, 0);
	lp_journal_reset();	/* what this command writes from here on is one unit */
	*out = lp_xcalloc(1, sizeof **out);
	(*out)->fd = fd;
	return 0;
}

void
lp_lock_release(struct lp_lock *lk)
{
	if (!lk)
		return;
	/* Closing the last descriptor drops the flock. */
	close(lk->fd);
	free(lk);
}

/* ------------------------------------------------------------------ */

int
lp_relpath_check(const char *path, const char **why)
{
	const char *p = path, *end;

	if (!*path) {
		*why = "is empty";
		return -1;
	}
	if (*path == '/') {
		*why = "is an absolute path";
		return -1;
	}
	while (*p) {
		size_t n;

		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			*why = "climbs out with '..'";
			return -1;
		}
		if (n == 1 && p[0] == '.') {
			*why = "has a '.' component";
			return -1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

/*
 * Where openat2 is missing: walk the path a component at a time, refusing
 * every symbolic link (O_NOFOLLOW) and every "..".  Stricter than openat2,
 * which allows a link that stays inside the root.
 */
static int
open_walk(int rootfd, const char *relpath, int flags)
{
	const char *p = relpath, *end;
	char name[NAME_MAX + 1];
	int dirfd = rootfd, fd, saved;

	if (*relpath == '/') {
		errno = EXDEV;
		return -1;
	}
	for (;;) {
		size_t n;

		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n > NAME_MAX) {
			saved = ENAMETOOLONG;
			goto fail;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		while (*end == '/')
			end++;
		if (n == 2 && name[0] == '.' && name[1] == '.') {
			saved = EXDEV;
			goto fail;
		}
		if (!*end) {
			/* The last component: what the caller asked to open. */
			if (n == 0 && p == relpath) {
				saved = ENOENT;
				goto fail;
			}
			fd = openat(dirfd, n ? name : ".", flags | O_NOFOLLOW | O_CLOEXEC);
			saved = errno;
			if (dirfd != rootfd)
				close(dirfd);
			errno = saved;
			return fd;
		}
		p = end;
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		fd = openat(dirfd, name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			saved = errno;
			/* A symbolic link to a directory shows up as ENOTDIR with O_DIRECTORY. */
			if (saved == ENOTDIR) {
				struct stat st;

				if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
				    S_ISLNK(st.st_mode))
					saved = ELOOP;
			}
			goto fail;
		}
		if (dirfd != rootfd)
			close(dirfd);
		dirfd = fd;
	}
fail:
	if (dirfd != rootfd)
		close(dirfd);
	errno = saved;
	return -1;
}

int
lp_open_beneath(int rootfd, const char *relpath, int flags)
{
	struct open_how how;
	int fd, tries = 0;

	memset(&how, 0, sizeof how);
	how.flags = (uint64_t)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	/* O_TMPFILE includes O_DIRECTORY's bit: test for all of it. */
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		how.mode = 0666;
	do {
		fd = (int)syscall(SYS_openat2, rootfd, relpath, &how, sizeof how);
		/* EAGAIN: a concurrent rename made the kernel unsure; ask again. */
	} while (fd < 0 && (errno == EAGAIN || errno == EINTR) && ++tries < 16);
	/* Old kernels lack openat2; some seccomp filters answer EPERM for it. */
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		return open_walk(rootfd, relpath, flags);
	return fd;
}

char *
lp_path_unslash(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return lp_xstrndup(path, n);
}
