/*
 * git-odb.c - loose objects read with a bound, before libgit2 sees them.
 *
 * libgit2 1.5 loops for ever inflating a loose object that was cut short
 * (a full disk, a kill during a copy, a hostile clone), where git fails
 * at once.  A cron report over a git server must not hang, so every
 * repository lp opens gets this backend in front of libgit2's own loose
 * one: it inflates each loose object itself, with zlib, into exactly the
 * size its header announces, and calls anything else (a stream that ends
 * early, or runs on past the size, or a header that promises more than
 * the compressed bytes can hold) a corrupt object, naming it and the
 * repository.  libgit2 stops at the first backend that reports an error,
 * so its own loose reader never sees such an object.  Packed objects are
 * still read by libgit2.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <zlib.h>

#include "lp.h"
#include "gitsafe.h"

/* Ahead of libgit2's packs (2) and loose objects (1). */
#define SAFE_LOOSE_PRIORITY 3
/* zlib never expands more than about 1032:1; a header beyond that lies. */
#define ZLIB_MAX_RATIO 1032u
#define HEADER_MAX 64
/*
 * What a full read inflates first, before it knows the size: all of a
 * small object in one call of inflate.  zlib decodes at full speed only
 * while it has 258 bytes of room, so filling a 64-byte buffer first and
 * then exactly the size costs a tenth more on a portfolio's small files.
 */
#define FIRST_MAX 16384
/*
 * What a header read takes of the file.  Most portfolio files compress
 * to less, and then the header read holds the whole object: inflated
 * once and kept for the read that follows (lp checks a blob's size
 * before it loads it), when no larger than KEEP_MAX.
 */
#define HEADER_READ 16384
#define KEEP_MAX (1u << 20)

struct raw {
	unsigned char *in;
	size_t inlen;
	size_t filesize;	/* the whole file, even when only a head was read */
};

struct safe_loose {
	git_odb_backend parent;
	char *objects;		/* ".../objects", no trailing slash */
	/*
	 * The same directory, open: an object is opened below it, two path
	 * components to look up instead of the whole path each time.  -1
	 * when it could not be opened (then by path).
	 */
	int objfd;
	char *repo;		/* the repository, for messages */
	/*
	 * The fan-out directories (objects/XX) there were when the first
	 * object was not found loose: in a packed repository most have
	 * none, and an object there cannot be loose, so it costs no failed
	 * open().  Until then every bit is set (look every time): a
	 * repository of loose objects never pays for the listing.  Objects
	 * lp writes later are read by libgit2's own loose backend, behind
	 * this one; those it has just written whole.
	 */
	unsigned char fanout[256 / 8];
	int fanout_known;
	/*
	 * The last object whose header was read, when that read took the
	 * whole file: inflated, for the full read of the same object that
	 * comes next.  A repository (so its backends) is used by one thread
	 * at a time.
	 */
	git_oid kept_oid;
	void *kept;		/* from git_odb_backend_data_alloc */
	size_t kept_len;
	git_object_t kept_type;
	/*
	 * One zlib stream, reset for each object: inflateInit and its 32 KiB
	 * window cost more than inflating a small object.
	 */
	z_stream z;
	int z_ready;
	unsigned char header[HEADER_MAX];
	unsigned char first[FIRST_MAX];
};

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Is there a fan-out directory for ids whose first byte is first (see fanout)? */
static int
fanout_has(const struct safe_loose *b, unsigned char first)
{
	return b->fanout[first >> 3] >> (first & 7) & 1;
}

/* After an object was not found loose: which fan-out directories are there. */
static void
fanout_scan(struct safe_loose *b)
{
	struct dirent *d;
	int dfd;
	DIR *dp;

	if (b->fanout_known)
		return;
	b->fanout_known = 1;
	dfd = b->objfd >= 0 ? dup(b->objfd) : -1;
	dp = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!dp && dfd >= 0)
		close(dfd);
	if (!dp)
		return;		/* unknown: look every time */
	memset(b->fanout, 0, sizeof b->fanout);
	while ((d = readdir(dp))) {
		int hi, lo;

		if (strlen(d->d_name) != 2 || (hi = hexval(d->d_name[0])) < 0 ||
		    (lo = hexval(d->d_name[1])) < 0)
			continue;
		b->fanout[(hi << 4 | lo) >> 3] |= (unsigned char)(1u << ((hi << 4 | lo) & 7));
	}
	closedir(dp);
}

static int
corrupt(const struct safe_loose *b, const char *hex, const char *why)
{
	git_error_set(GIT_ERROR_ODB, "corrupt loose object %s in %s: %s "
	    "(git fsck says more)", hex, b->repo, why);
	return -1;
}

static void
object_path(const struct safe_loose *b, const char *hex, char *out, size_t n)
{
	snprintf(out, n, "%s/%.2s/%s", b->objects, hex, hex + 2);
}

/* The object's file as open(2) flags say, below the objects directory. */
static int
object_open(const struct safe_loose *b, const char *hex, int flags)
{
	char path[PATH_MAX];

	if (b->objfd < 0) {
		object_path(b, hex, path, sizeof path);
		return open(path, flags);
	}
	snprintf(path, sizeof path, "%.2s/%s", hex, hex + 2);
	return openat(b->objfd, path, flags);
}

/*
 * The compressed bytes of one loose object, at most max of them (0: all).
 * Never blocks: a FIFO or device in the object store is refused.
 */
static int
slurp(struct safe_loose *b, const char *hex, size_t max, struct raw *r)
{
	char path[PATH_MAX];
	struct stat st;
	size_t want, got = 0;
	int fd;

	r->in = NULL;
	r->inlen = r->filesize = 0;
	fd = object_open(b, hex, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		fanout_scan(b);
		return GIT_ENOTFOUND;
	}
	if (fd < 0) {
		int saved = errno;

		object_path(b, hex, path, sizeof path);
		git_error_set(GIT_ERROR_OS, "%s: %s", path, strerror(saved));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return corrupt(b, hex, "not a regular file");
	}
	want = r->filesize = (size_t)st.st_size;
	if (max && want > max)
		want = max;
	r->in = malloc(want ? want : 1);
	if (!r->in) {
		close(fd);
		git_error_set_oom();
		return -1;
	}
	while (got < want) {
		ssize_t n = read(fd, r->in + got, want - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	r->inlen = got;
	return 0;
}

/* "blob 123\0": the type and size, and how many bytes the header took. */
static int
parse_header(const unsigned char *h, size_t n, git_object_t *type, size_t *size,
    size_t *hlen)
{
	const unsigned char *sp = memchr(h, ' ', n), *nul = memchr(h, '\0', n);
	char name[8];
	size_t v = 0;

	if (!sp || !nul || sp > nul || (size_t)(sp - h) >= sizeof name || sp + 1 == nul)
		return -1;
	memcpy(name, h, (size_t)(sp - h));
	name[sp - h] = '\0';
	*type = git_object_string2type(name);
	if (*type != GIT_OBJECT_BLOB && *type != GIT_OBJECT_TREE &&
	    *type != GIT_OBJECT_COMMIT && *type != GIT_OBJECT_TAG)
		return -1;
	for (const unsigned char *p = sp + 1; p < nul; p++) {
		if (*p < '0' || *p > '9' || v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*p - '0');
	}
	*size = v;
	*hlen = (size_t)(nul - h) + 1;
	return 0;
}

/* One inflate step that must make progress: a stuck stream is truncated. */
static int
inflate_step(z_stream *z)
{
	uInt in = z->avail_in, out = z->avail_out;
	int zr = inflate(z, Z_NO_FLUSH);

	if (zr == Z_STREAM_END)
		return 1;
	if (zr != Z_OK && zr != Z_BUF_ERROR)
		return -1;
	if (z->avail_in == in && z->avail_out == out)
		return -1;
	return 0;
}

/*
 * Inflate the whole object into a buffer from git_odb_backend_data_alloc,
 * exactly as large as the header says; anything else is corrupt.
 * With data NULL, or an object larger than limit (then *data is NULL),
 * only the header is read.
 */
static int
inflate_object(struct safe_loose *b, const char *hex, const struct raw *r,
    void **data, size_t limit, size_t *len, git_object_t *type)
{
	unsigned char *head = data ? b->first : b->header, *out = NULL, scratch[1];
	size_t headmax = data ? sizeof b->first : sizeof b->header, size, hlen, have;
	z_stream *zs = &b->z;
	int st = 0, rc = -1;
	const char *why = "truncated or not zlib data";

	if (r->inlen > UINT_MAX)
		return corrupt(b, hex, "too large for a loose object");
	if (b->z_ready ? inflateReset(zs) != Z_OK : inflateInit(zs) != Z_OK) {
		git_error_set_oom();
		return -1;
	}
	b->z_ready = 1;
	zs->next_in = r->in;
	zs->avail_in = (uInt)r->inlen;
	zs->next_out = head;
	zs->avail_out = (uInt)headmax;
	while (st == 0 && zs->avail_out > 0 && !memchr(head, '\0', headmax - zs->avail_out))
		st = inflate_step(zs);
	have = headmax - zs->avail_out;
	if (st < 0 || parse_header(head, have, type, &size, &hlen) < 0) {
		why = st < 0 ? why : "no valid object header";
		goto bad;
	}
	if (size / ZLIB_MAX_RATIO > r->filesize) {
		why = "the header promises more than the file can hold";
		goto bad;
	}
	*len = size;
	if (!data || size > limit) {
		rc = 0;
		goto out;
	}
	if (have - hlen > size ||
	    (st == 1 && have - hlen != size)) {
		why = "the header's size does not match the data";
		goto bad;
	}
	if (!(out = git_odb_backend_data_alloc(&b->parent, size + 1))) {
		git_error_set_oom();
		goto out;
	}
	memcpy(out, head + hlen, have - hlen);
	zs->next_out = out + (have - hlen);
	zs->avail_out = (uInt)(size - (have - hlen));
	while (st == 0 && zs->avail_out > 0)
		st = inflate_step(zs);
	if (st < 0 || zs->avail_out > 0)
		goto bad;
	/* Full: the stream must end here, with not one byte more. */
	while (st == 0) {
		zs->next_out = scratch;
		zs->avail_out = sizeof scratch;
		if ((st = inflate_step(zs)) < 0 || zs->avail_out == 0) {
			why = zs->avail_out == 0 ? "longer than its header says" : why;
			goto bad;
		}
	}
	out[size] = '\0';
	*data = out;
	out = NULL;
	rc = 0;
	goto out;
bad:
	rc = corrupt(b, hex, why);
out:
	if (out)
		git_odb_backend_data_free(&b->parent, out);
	/* The stream is reset before its next use; its input is not kept. */
	zs->next_in = NULL;
	zs->avail_in = 0;
	return rc;
}

static int
safe_read(void **data, size_t *len, git_object_t *type, git_odb_backend *be,
    const git_oid *oid)
{
	struct safe_loose *b = (struct safe_loose *)be;
	char hex[GIT_OID_HEXSZ + 1];
	struct raw r;
	int rc;

	if (b->kept && git_oid_equal(&b->kept_oid, oid)) {
		*data = b->kept;
		*len = b->kept_len;
		*type = b->kept_type;
		b->kept = NULL;
		return 0;
	}
	/* Most reads of a packed repository end here, before any formatting. */
	if (!fanout_has(b, oid->id[0]))
		return GIT_ENOTFOUND;
	git_oid_tostr(hex, sizeof hex, oid);
	if ((rc = slurp(b, hex, 0, &r)) != 0)
		return rc;
	rc = inflate_object(b, hex, &r, data, SIZE_MAX, len, type);
	free(r.in);
	return rc;
}

static void
forget_kept(struct safe_loose *b)
{
	if (b->kept)
		git_odb_backend_data_free(&b->parent, b->kept);
	b->kept = NULL;
}

static int
safe_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
    const git_oid *oid)
{
	struct safe_loose *b = (struct safe_loose *)be;
	char hex[GIT_OID_HEXSZ + 1];
	struct raw r;
	int rc;

	forget_kept(b);
	if (!fanout_has(b, oid->id[0]))
		return GIT_ENOTFOUND;
	git_oid_tostr(hex, sizeof hex, oid);
	if ((rc = slurp(b, hex, HEADER_READ, &r)) != 0)
		return rc;
	/* The whole file is here: a small object is inflated once, now. */
	if (r.inlen == r.filesize) {
		rc = inflate_object(b, hex, &r, &b->kept, KEEP_MAX, len, type);
		b->kept_len = *len;
		b->kept_type = *type;
		git_oid_cpy(&b->kept_oid, oid);
	} else {
		rc = inflate_object(b, hex, &r, NULL, 0, len, type);
	}
	free(r.in);
	return rc;
}

static int
safe_exists(git_odb_backend *be, const git_oid *oid)
{
	struct safe_loose *b = (struct safe_loose *)be;
	char hex[GIT_OID_HEXSZ + 1], path[PATH_MAX];
	struct stat st;

	if (!fanout_has(b, oid->id[0]))
		return 0;
	git_oid_tostr(hex, sizeof hex, oid);
	if (b->objfd >= 0) {
		snprintf(path, sizeof path, "%.2s/%s", hex, hex + 2);
		return fstatat(b->objfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode);
	}
	object_path(b, hex, path, sizeof path);
	return lstat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* The one loose object whose name starts with the first len hex digits. */
static int
find_prefix(struct safe_loose *b, const git_oid *short_id, size_t len, git_oid *out)
{
	char hex[GIT_OID_HEXSZ + 1], dir[PATH_MAX];
	struct dirent *d;
	DIR *dp;
	int found = 0;

	git_oid_tostr(hex, sizeof hex, short_id);
	if (len < 2 || len > GIT_OID_HEXSZ)
		return GIT_ENOTFOUND;
	snprintf(dir, sizeof dir, "%s/%.2s", b->objects, hex);
	if (!(dp = opendir(dir)))
		return GIT_ENOTFOUND;
	while ((d = readdir(dp))) {
		char full[GIT_OID_HEXSZ + 1];

		if (strlen(d->d_name) != GIT_OID_HEXSZ - 2 ||
		    strncmp(d->d_name, hex + 2, len - 2) != 0)
			continue;
		snprintf(full, sizeof full, "%.2s%s", hex, d->d_name);
		if (git_oid_fromstr(out, full) < 0)
			continue;
		if (found++) {
			closedir(dp);
			git_error_set(GIT_ERROR_ODB, "short object id %.*s is ambiguous",
			    (int)len, hex);
			return GIT_EAMBIGUOUS;
		}
	}
	closedir(dp);
	return found ? 0 : GIT_ENOTFOUND;
}

static int
safe_exists_prefix(git_oid *out, git_odb_backend *be, const git_oid *short_id,
    size_t len)
{
	return find_prefix((struct safe_loose *)be, short_id, len, out);
}

static int
safe_read_prefix(git_oid *out, void **data, size_t *len, git_object_t *type,
    git_odb_backend *be, const git_oid *short_id, size_t n)
{
	int rc = find_prefix((struct safe_loose *)be, short_id, n, out);

	return rc ? rc : safe_read(data, len, type, be, out);
}

static void
safe_free(git_odb_backend *be)
{
	struct safe_loose *b = (struct safe_loose *)be;

	forget_kept(b);
	if (b->z_ready)
		inflateEnd(&b->z);
	if (b->objfd >= 0)
		close(b->objfd);
	free(b->objects);
	free(b->repo);
	free(b);
}

/* One bounded reader for the loose objects in the directory objects. */
static int
add_guard(git_odb *odb, const char *objects, const char *repo)
{
	struct safe_loose *b = lp_xcalloc(1, sizeof *b);

	git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION);
	b->objects = lp_path_unslash(objects);
	b->objfd = open(b->objects, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	b->repo = lp_xstrdup(repo);
	memset(b->fanout, 0xff, sizeof b->fanout);
	b->parent.read = safe_read;
	b->parent.read_header = safe_read_header;
	b->parent.read_prefix = safe_read_prefix;
	b->parent.exists = safe_exists;
	b->parent.exists_prefix = safe_exists_prefix;
	b->parent.free = safe_free;
	if (git_odb_add_backend(odb, &b->parent, SAFE_LOOSE_PRIORITY) < 0) {
		safe_free(&b->parent);
		return -1;
	}
	return 0;
}

/*
 * The alternate object stores libgit2 will also read loose objects from
 * (objects/info/alternates: one directory a line, absolute or relative
 * to objects), each behind a bounded reader of its own.  One level, as
 * deep as lp needs: a cohort cloned with --reference.
 */
static int
add_alternates(git_odb *odb, const char *objects, const char *repo)
{
	char *file = lp_xasprintf("%s/info/alternates", objects);
	struct lp_buf b = {0};
	char *line, *save = NULL;
	int rc = 0;

	if (access(file, F_OK) == 0 && lp_file_read(file, 1 << 16, &b) == 0 && b.data) {
		for (line = strtok_r(b.data, "\n", &save); line && rc == 0;
		    line = strtok_r(NULL, "\n", &save)) {
			char *dir;

			if (!*line || *line == '#')
				continue;
			dir = *line == '/' ? lp_xstrdup(line) :
			    lp_xasprintf("%s/%s", objects, line);
			rc = add_guard(odb, dir, repo);
			free(dir);
		}
	}
	lp_buf_free(&b);
	free(file);
	return rc;
}

int
lp_git_odb_guard(git_repository *repo)
{
	const char *common = git_repository_commondir(repo);
	git_odb *odb = NULL;
	char *objects, *label;
	int rc;

	if (git_repository_odb(&odb, repo) < 0)
		return -1;
	label = lp_path_unslash(common);
	objects = lp_xasprintf("%s/objects", label);
	rc = add_guard(odb, objects, label);
	if (rc == 0)
		rc = add_alternates(odb, objects, label);
	free(objects);
	free(label);
	git_odb_free(odb);
	return rc;
}
