/*
 * gitsafe.h - git read and opened safely: libgit2 started only when git is
 * needed, loose objects read with a bound, a .git file or a directory of
 * another user's honoured only when git itself would honour it.
 */
#ifndef LP_GITSAFE_H
#define LP_GITSAFE_H

#include <git2.h>

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
