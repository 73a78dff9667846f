/*
 * git-guard.c - no FIFO, socket or device where git keeps a file.
 *
 * libgit2 opens git's own files (the config, HEAD and the refs, the
 * index, alternates, pack indexes, reflogs) with a plain blocking
 * open(2).  A FIFO in one's place, from a hostile clone or an unpacked
 * archive, would hang a cron job for ever, and a device would be read
 * without end.  So before lp hands a repository to libgit2 it looks at
 * what libgit2 is about to open there: each such entry must be absent, a
 * regular file, or a directory where git keeps one.  Symbolic links are
 * followed, as libgit2 follows them.  lp's own reads of a work tree and
 * of loose objects open with O_NONBLOCK and check the type themselves.
 *
 * A file lp must read to know what libgit2 reads next (the config for
 * its includes, HEAD for its ref, alternates) is opened once, without
 * blocking, and judged on the open descriptor; the rest are stat(2)ed.
 * The checks come in three sizes: what any read at a revision opens;
 * every loose ref, for a search of the refs (--ref, --submitted); and
 * what a commit opens too.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lp.h"
#include "gitsafe.h"

/* How deep refs/ and logs/ may nest (refs/tags/lp/submitted/x is 3). */
#define GUARD_DEPTH 16

/*
 * Files any read opens, below the repository (git's "common" directory),
 * besides the config and HEAD, which are read here.  libgit2 reads
 * commondir and a .git file only when they are regular files.
 */
static const char *const read_files[] = { "packed-refs", NULL };

/* ... and below an object directory, besides info/alternates. */
static const char *const object_files[] = {
	"info/commit-graph", "pack/multi-pack-index", NULL
};

/* How many object directories deep libgit2 follows alternates. */
#define ALTERNATES_DEPTH 5

/* ... and a commit, on top. */
static const char *const write_files[] = {
	"index", "info/exclude", "info/attributes", "logs/HEAD", NULL
};

static const char *
kind_of(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	    S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISDIR(m) ? "a directory" :
	    "not a regular file";
}

static int
refuse(const char *path, const char *kind)
{
	lp_error("%s: %s where git reads a file; lp will not use this repository",
	    path, kind);
	return -1;
}

/*
 * Read path, as libgit2 would open it but without waiting on a FIFO:
 * 1 when it is absent (or unreadable: libgit2 says so itself), 0 with
 * at most max bytes in *out when it is a regular file, -1 (said) when
 * it is anything else.
 */
static int
read_ok(const char *path, size_t max, struct lp_buf *out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	ssize_t n;

	if (fd < 0)
		return errno == ENXIO ? refuse(path, "a socket") : 1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return 1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return refuse(path, kind_of(st.st_mode));
	}
	if ((size_t)st.st_size < max)
		max = (size_t)st.st_size;
	lp_buf_reset(out);
	lp_buf_add(out, NULL, max);	/* room, and the NUL after it */
	n = max ? read(fd, out->data, max) : 0;
	close(fd);
	out->len = n > 0 ? (size_t)n : 0;
	out->data[out->len] = '\0';
	return 0;
}

/* path is absent, or a regular file (through links): 0; else -1 (said). */
static int
file_ok(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0;	/* absent, or unreadable: libgit2 says so itself */
	return S_ISREG(st.st_mode) ? 0 : refuse(path, kind_of(st.st_mode));
}

static int
files_ok(const char *dir, const char *const *names)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && names[i]; i++) {
		char *path = lp_xasprintf("%s/%s", dir, names[i]);

		rc = file_ok(path);
		free(path);
	}
	return rc;
}

/*
 * One entry of a directory git keeps files in: 0 and *isdir when it is
 * a regular file or a directory (through links), else -1 (said).  The
 * type readdir gives saves a stat for almost every entry.
 */
static int
entry_ok(const char *path, unsigned char type, int *isdir)
{
	struct stat st;
	int link;

	*isdir = type == DT_DIR;
	switch (type) {
	case DT_REG:
	case DT_DIR:
		return 0;
	case DT_FIFO:
		return refuse(path, "a FIFO");
	case DT_SOCK:
		return refuse(path, "a socket");
	case DT_CHR:
	case DT_BLK:
		return refuse(path, "a device");
	default:	/* a link, or a file system that does not say */
		if (lstat(path, &st) < 0)
			return 0;	/* gone already */
		link = S_ISLNK(st.st_mode);
		if (link && stat(path, &st) < 0)
			return 0;	/* a dangling link: libgit2 cannot open it either */
		/*
		 * A link to a directory would be followed into any directory
		 * at all (a link to / walked the whole file system): git
		 * makes none among its refs, so none is taken.
		 */
		if (S_ISDIR(st.st_mode) && link)
			return refuse(path, "a link to a directory");
		*isdir = S_ISDIR(st.st_mode);
		return S_ISREG(st.st_mode) || *isdir ? 0 : refuse(path, kind_of(st.st_mode));
	}
}

/*
 * Every entry below dir a regular file or a directory, looking levels
 * directories down; a directory deeper than that is refused when
 * too_deep names what dir holds, else not looked into.  0, or -1 (said).
 */
static int
tree_ok(const char *dir, int levels, const char *too_deep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return 0;	/* absent: nothing for libgit2 to open either */
	while (rc == 0 && (e = readdir(d))) {
		char *path;
		int isdir;

		if (e->d_type == DT_REG || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		path = lp_xasprintf("%s/%s", dir, e->d_name);
		rc = entry_ok(path, e->d_type, &isdir);
		if (rc == 0 && isdir && levels > 0)
			rc = tree_ok(path, levels - 1, too_deep);
		else if (rc == 0 && isdir && too_deep) {
			lp_error("%s: nested deeper than %d directories where git keeps %s; "
			    "lp will not use this repository", path, GUARD_DEPTH, too_deep);
			rc = -1;
		}
		free(path);
	}
	closedir(d);
	return rc;
}

/*
 * A loose ref at path, and the refs it leads to while they are symbolic
 * ("ref: refs/heads/main") and loose: libgit2 reads each to resolve it,
 * as many as it follows.  *found says whether path was there at all.
 */
#define SYMREF_MAX 5

static int
ref_chain_ok(char *path, const char *common, int *found)
{
	struct lp_buf b = {0};
	int rc = 0;

	*found = 0;
	for (int hop = 0; rc == 0 && path && hop <= SYMREF_MAX; hop++) {
		char *nl;

		rc = read_ok(path, 1024, &b);
		free(path);
		path = NULL;
		if (rc == 0 && hop == 0)
			*found = 1;
		if (rc != 0 || b.len < 5 || strncmp(b.data, "ref: ", 5) != 0) {
			rc = rc < 0 ? -1 : 0;
			break;	/* absent, an id, or nothing: libgit2 judges it */
		}
		if ((nl = strchr(b.data, '\n')))
			*nl = '\0';
		/* libgit2 refuses a name with ".." itself, before any open. */
		if (strstr(b.data + 5, ".."))
			break;
		path = lp_xasprintf("%s/%s", common, b.data + 5);
	}
	free(path);
	lp_buf_free(&b);
	return rc;
}

/* How many files deep libgit2 follows a config's includes. */
#define INCLUDE_DEPTH 10
/* What of a config is scanned for includes (git's own are a few KiB). */
#define CONFIG_MAX (1u << 20)

/*
 * The value of a config line's "path = VALUE", as git reads it: quotes
 * taken off (with their escapes), a comment after it dropped, spaces
 * trimmed.  Allocated.
 */
static char *
config_value(const char *p)
{
	struct lp_buf v = {0};
	int quoted = 0;

	p += strspn(p, " \t");
	for (; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
		} else if (*p == '\\' && p[1]) {
			p++;
			lp_buf_addc(&v, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
		} else if (!quoted && (*p == ';' || *p == '#')) {
			break;
		} else {
			lp_buf_addc(&v, *p);
		}
	}
	while (v.len > 0 && (v.data[v.len - 1] == ' ' || v.data[v.len - 1] == '\t' ||
	    v.data[v.len - 1] == '\r'))
		v.len--;
	lp_buf_addc(&v, '\0');
	return lp_buf_detach(&v);
}

/* An include's path as libgit2 resolves it: "~/" from $HOME, else from dir. */
static char *
include_path(const char *value, const char *dir)
{
	const char *home = getenv("HOME");

	if (strncmp(value, "~/", 2) == 0)
		return home ? lp_xasprintf("%s/%s", home, value + 2) : NULL;
	if (value[0] == '~' || !value[0])
		return NULL;	/* ~user, or nothing: libgit2 reads no file */
	return value[0] == '/' ? lp_xstrdup(value) : lp_xasprintf("%s/%s", dir, value);
}

/*
 * The files a config includes ([include] and [includeIf ...] path = X),
 * as deep as libgit2 follows them: each absent or a regular file, and its
 * own includes in turn.  git's syntax, read simply and on the side of
 * looking: a path under any condition is looked at.
 */
static int
config_includes_ok(const char *file, int depth)
{
	struct lp_buf b = {0};
	char *save = NULL, *dir, *slash;
	int in_include = 0, rc = 0;

	if (depth > INCLUDE_DEPTH)
		return 0;
	if ((rc = read_ok(file, CONFIG_MAX, &b)) != 0) {
		lp_buf_free(&b);
		return rc < 0 ? -1 : 0;
	}
	dir = lp_xstrdup(file);
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	for (char *line = strtok_r(b.data, "\n", &save); rc == 0 && line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *p = line + strspn(line, " \t"), *value, *path;

		if (*p == '[') {
			char *close = strchr(p, ']');

			in_include = strncasecmp(p + 1 + strspn(p + 1, " \t"), "include", 7) == 0;
			if (!close)
				continue;
			p = close + 1 + strspn(close + 1, " \t");	/* [include] path = x */
		}
		if (!in_include || strncasecmp(p, "path", 4) != 0)
			continue;
		p += 4 + strspn(p + 4, " \t");
		if (*p != '=')
			continue;
		value = config_value(p + 1);
		path = include_path(value, dir);
		if (path)
			rc = config_includes_ok(path, depth + 1);
		free(path);
		free(value);
	}
	free(dir);
	lp_buf_free(&b);
	return rc;
}

/* A repository's config, and what it includes. */
static int
config_ok(const char *dir)
{
	char *config = lp_xasprintf("%s/config", dir);
	int rc = config_includes_ok(config, 0);

	free(config);
	return rc;
}

/*
 * An object directory: its files, its packs (libgit2 lists them and opens
 * each index it finds), and the object directories its alternates name,
 * as deep as libgit2 follows them.
 */
static int
objects_ok(const char *objects, int depth)
{
	char *pack = lp_xasprintf("%s/pack", objects);
	char *file = lp_xasprintf("%s/info/alternates", objects);
	struct lp_buf b = {0};
	int rc = files_ok(objects, object_files);

	if (rc == 0)
		rc = tree_ok(pack, 0, NULL);
	if (rc == 0 && depth < ALTERNATES_DEPTH && (rc = read_ok(file, 1 << 16, &b)) != 0)
		rc = rc < 0 ? -1 : 0;	/* 1: none */
	else if (rc == 0 && depth < ALTERNATES_DEPTH) {
		char *save = NULL;

		for (char *line = strtok_r(b.data, "\n", &save); rc == 0 && line;
		    line = strtok_r(NULL, "\n", &save)) {
			char *dir;

			if (!*line || *line == '#')
				continue;
			dir = *line == '/' ? lp_xstrdup(line) : lp_xasprintf("%s/%s", objects, line);
			rc = objects_ok(dir, depth + 1);
			free(dir);
		}
	}
	lp_buf_free(&b);
	free(file);
	free(pack);
	return rc;
}

/*
 * The directory git keeps most things in, for a gitdir, in *out: the one
 * its "commondir" file names (a linked worktree's), else gitdir itself.
 * 0, or -1 (said) when that file is a FIFO or device.
 */
static int
common_dir(const char *gitdir, char **out)
{
	char *file = lp_xasprintf("%s/commondir", gitdir);
	struct lp_buf b = {0};
	int rc = read_ok(file, 4096, &b);
	size_t n = rc == 0 ? b.len : 0;

	*out = NULL;
	while (n > 0 && (b.data[n - 1] == '\n' || b.data[n - 1] == '\r'))
		n--;
	if (n > 0)
		*out = b.data[0] == '/' ? lp_xstrndup(b.data, n) :
		    lp_xasprintf("%s/%.*s", gitdir, (int)n, b.data);
	if (!*out)
		*out = lp_xstrdup(gitdir);
	lp_buf_free(&b);
	free(file);
	return rc < 0 ? -1 : 0;
}

/* lp_git_guard, with the common directory it found in *common. */
static int
guard(const char *path, unsigned what, char **common)
{
	char *gitdir = lp_path_unslash(path), *objects = NULL;
	int rc = common_dir(gitdir, common);

	if (rc == 0)
		rc = files_ok(*common, read_files);
	if (rc == 0)
		rc = config_ok(*common);
	if (rc == 0) {
		int found;

		rc = ref_chain_ok(lp_xasprintf("%s/HEAD", gitdir), *common, &found);
	}
	if (rc == 0) {
		objects = lp_xasprintf("%s/objects", *common);
		rc = objects_ok(objects, 0);
	}
	if (rc == 0 && (what & LP_GUARD_REFS)) {
		char *refs = lp_xasprintf("%s/refs", *common);

		rc = tree_ok(refs, GUARD_DEPTH, "its refs");
		free(refs);
	}
	if (rc == 0 && (what & LP_GUARD_WRITE)) {
		char *logs = lp_xasprintf("%s/logs", gitdir);

		rc = files_ok(gitdir, write_files);
		if (rc == 0)
			rc = tree_ok(logs, GUARD_DEPTH, "its reflogs");
		free(logs);
	}
	free(objects);
	free(gitdir);
	return rc;
}

int
lp_git_guard(const char *path, unsigned what)
{
	char *common = NULL;
	int rc = guard(path, what, &common);

	free(common);
	return rc;
}

/*
 * The same for a directory libgit2 is about to open as a repository: one
 * with a .git directory, or a .git file naming one ("gitdir: ..."), or a
 * repository itself (bare).
 */
int
lp_git_guard_at(const char *dir, unsigned what, char **config)
{
	char *dotgit = lp_xasprintf("%s/.git", dir), *gitdir = NULL, *common = NULL;
	struct lp_buf b = {0};
	struct stat st;
	int rc = 0;

	if (stat(dotgit, &st) < 0)
		gitdir = lp_xstrdup(dir);
	else if (S_ISDIR(st.st_mode))
		gitdir = lp_xstrdup(dotgit);
	else if (S_ISREG(st.st_mode) && read_ok(dotgit, 4096, &b) == 0 &&
	    strncmp(b.data, "gitdir: ", 8) == 0) {
		size_t n = strcspn(b.data + 8, "\r\n");

		gitdir = b.data[8] == '/' ? lp_xstrndup(b.data + 8, n) :
		    lp_xasprintf("%s/%.*s", dir, (int)n, b.data + 8);
	}
	/* A .git of any other kind: libgit2 passes it by, as git does. */
	if (gitdir)
		rc = guard(gitdir, what, &common);
	if (config)
		*config = common ? lp_xasprintf("%s/config", common) : NULL;
	lp_buf_free(&b);
	free(common);
	free(gitdir);
	free(dotgit);
	return rc;
}

/*
 * The .gitattributes files libgit2 reads to stage paths (relative to
 * workdir): in workdir and in each directory down to every path.
 */
int
lp_git_guard_paths(const char *workdir, char *const *paths, size_t npaths)
{
	char *top = lp_path_unslash(workdir), *attr = lp_xasprintf("%s/.gitattributes", top);
	int rc = file_ok(attr);

	free(attr);
	for (size_t i = 0; rc == 0 && i < npaths; i++) {
		for (const char *p = paths[i]; rc == 0 && (p = strchr(p, '/')); p++) {
			attr = lp_xasprintf("%s/%.*s/.gitattributes", top, (int)(p - paths[i]),
			    paths[i]);
			rc = file_ok(attr);
			free(attr);
		}
	}
	free(top);
	return rc;
}

/* An object directory lp adds itself (a push's quarantine). */
int
lp_git_guard_objects(const char *objects)
{
	return objects_ok(objects, 0);
}

/*
 * The loose refs a revision's name can lead libgit2 to: git's forms in
 * its order (NAME, refs/NAME, refs/tags/NAME, refs/heads/NAME,
 * refs/remotes/NAME, refs/remotes/NAME/HEAD) up to the first that is
 * there, as libgit2 stops there, and the reflogs of each form for a
 * NAME@{...}.  HEAD itself was looked at when the repository was opened.
 */
int
lp_git_guard_rev(const char *gitdir_path, const char *common_path, const char *spec)
{
	static const char *const forms[][2] = {
		{ "", "" }, { "refs/", "" }, { "refs/tags/", "" }, { "refs/heads/", "" },
		{ "refs/remotes/", "" }, { "refs/remotes/", "/HEAD" },
	};
	size_t n = strcspn(spec, "~^:@{");
	int rc = 0, found = 0, reflog = strstr(spec, "@{") != NULL;
	char *gitdir, *common, *name;

	if (n == 0 || n > 1024 || strstr(spec, "..") ||
	    (n == 4 && strncmp(spec, "HEAD", 4) == 0 && !reflog))
		return 0;
	gitdir = lp_path_unslash(gitdir_path);
	common = lp_path_unslash(common_path);
	name = lp_xstrndup(spec, n);
	for (size_t i = 0; rc == 0 && !found && i < sizeof forms / sizeof forms[0]; i++) {
		/* NAME alone is a pseudo-ref (FETCH_HEAD), kept in the gitdir. */
		const char *base = i == 0 ? gitdir : common;

		rc = ref_chain_ok(lp_xasprintf("%s/%s%s%s", base, forms[i][0], name,
		    forms[i][1]), common, &found);
		if (rc == 0 && reflog) {
			char *log = lp_xasprintf("%s/logs/%s%s%s", base, forms[i][0], name,
			    forms[i][1]);

			rc = file_ok(log);
			free(log);
		}
	}
	free(name);
	free(common);
	free(gitdir);
	return rc;
}
