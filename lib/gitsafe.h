/*
 * gitsafe.h - git read and opened safely: libgit2 started only when git is
 * needed, loose objects read with a bound, a .git file or a directory of
 * another user's honoured only when git itself would honour it.
 */
#ifndef LP_GITSAFE_H
#define LP_GITSAFE_H

#include <git2.h>

/* "WHAT: libgit2's last error", said; returns -1. */
int lp_git_fail(const char *what);

/*
 * Start libgit2 the first time git is needed (idempotent).  A command
 * that never touches git never pays for it.
 */
void lp_git_need(void);

/*
 * Put a bounded loose-object reader in front of libgit2's for repo: a
 * truncated or corrupt loose object is an error naming it and the
 * repository, never a hang.  0, or -1 with a libgit2 error set.
 */
int lp_git_odb_guard(git_repository *repo);

/*
 * When the repository found from dir came through a .git file or link,
 * that it points back at the work tree holding it (a linked worktree or a
 * submodule).  0, or -1 after a message naming both.
 */
int lp_git_link_check(git_repository *repo, const char *dir);

/*
 * When no repository was found from dir: -1 (after a message) if a .git
 * file or link is there all the same, naming nothing usable; else 0.
 */
int lp_git_link_dangling(const char *dir);

/*
 * Before libgit2 opens the repository at gitdir (its .git directory, or
 * a bare repository): 0, or -1 after a message naming the path, when
 * something git keeps a file in is a FIFO, a socket or a device (libgit2
 * would block on it, or read it without end).  what: 0 for a read at a
 * revision, with LP_GUARD_REFS for a search of every ref, LP_GUARD_WRITE
 * for a commit.
 */
#define LP_GUARD_REFS	1u
#define LP_GUARD_WRITE	2u
int lp_git_guard(const char *gitdir, unsigned what);
/*
 * The same for dir: a work tree with a .git directory or file, or a
 * repository.  config, when not NULL, gets the path of the repository's
 * config file (allocated), or NULL when dir leads to none.
 */
int lp_git_guard_at(const char *dir, unsigned what, char **config);
/*
 * The loose refs (and, for NAME@{...}, reflogs) libgit2 opens to resolve
 * the revision spec in the repository with this gitdir and common dir.
 */
int lp_git_guard_rev(const char *gitdir, const char *common, const char *spec);
/* An object directory lp adds to a repository itself (a push's quarantine). */
int lp_git_guard_objects(const char *objects);
/* The .gitattributes files staging paths (relative to workdir) reads. */
int lp_git_guard_paths(const char *workdir, char *const *paths, size_t npaths);

/*
 * git_revparse_single, without its leak: libgit2 1.5 keeps the reference
 * a revision names when the object it points at is missing (a repository
 * cut short, a hostile one).  A plain reference or object id is looked
 * up here, once; anything else goes to libgit2.
 */
int lp_git_revparse(git_object **out, git_repository *repo, const char *spec);

/*
 * Author and committer for a commit or tag, from the environment and
 * git's configuration as git finds them; 0, or -1 after a message.
 */
int lp_git_signatures(git_repository *repo, git_signature **author,
    git_signature **committer);

#endif
