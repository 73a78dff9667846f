/*
 * discover.h - searching upwards for a file, stopping where git would.
 */
#ifndef LP_DISCOVER_H
#define LP_DISCOVER_H

#include <sys/stat.h>
#include <sys/types.h>

/*
 * An upward search from a directory the user named (or the current
 * one).  It never climbs past a git work tree's root (a directory holding
 * .git), onto another file system, into a directory named in
 * GIT_CEILING_DIRECTORIES, or into a directory owned by another user
 * (git's safe.directory rule; LP_SAFE_DIRECTORY, a colon-separated list
 * of directories or "*", says otherwise).
 */
struct lp_climb {
	char *cur;		/* the directory being looked at (absolute) */
	dev_t dev;		/* the file system the search started on */
	int depth;		/* 0: the starting directory */
	char *stopped_at;	/* the parent refused for its owner, or NULL */
};

/* Start at dir; -1 (after a message) when dir cannot be resolved. */
int lp_climb_start(struct lp_climb *c, const char *dir);
/* Move to the parent: 1 moved, 0 the search ends here. */
int lp_climb_up(struct lp_climb *c);
void lp_climb_free(struct lp_climb *c);

/* Whether dir is named in GIT_CEILING_DIRECTORIES: git looks not there nor above. */
int lp_is_ceiling(const char *dir);

/*
 * Whether a file or directory with this status may be trusted by this
 * user: owned by them (or root's own), or listed in LP_SAFE_DIRECTORY.
 */
int lp_owner_trusted(const struct stat *st, const char *path);

/*
 * Open name beneath directory dirfd for reading, never blocking: a link
 * leading out of dirfd fails with ELOOP or EXDEV, and a FIFO, socket,
 * device or directory with EINVAL, before any read could wait.  The
 * descriptor returned blocks again; st receives its status.
 */
int lp_open_regular_beneath(int dirfd, const char *name, struct stat *st);

/*
 * fopen(path, "r") that never blocks on a FIFO, socket or device named
 * where a file belongs: those fail with EINVAL (a directory with EISDIR).
 * A pipe handed over as /dev/stdin or /dev/fd/N still opens.
 */
#include <stdio.h>
FILE *lp_fopen_regular(const char *path);

#endif
