/*
 * test-txn.c - unit tests for the write journal of lib/commit.c
 * (lib/txn.h): a failed or abandoned transaction puts every file back as
 * it was, a committed one forgets them.  Prints TAP.  Runs in a scratch
 * directory outside git, where a commit is a no-op that succeeds, and in
 * one whose .git is a file naming nothing, where every commit fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "txn.h"

static int n, failed;

static void
ok(int cond, const char *name)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, name);
	failed |= !cond;
}

static char *
slurp(const char *dir, const char *rel)
{
	char *path = lp_xasprintf("%s/%s", dir, rel);
	struct lp_buf b = {0};
	char *s = NULL;

	if (lp_file_read(path, 1 << 20, &b) == 0)
		s = lp_xstrdup(b.data ? b.data : "");
	lp_buf_free(&b);
	free(path);
	return s;
}

static void
put(const char *dir, const char *rel, const char *text)
{
	char *path = lp_xasprintf("%s/%s", dir, rel);

	if (lp_file_write(path, text, strlen(text), 0644) < 0)
		exit(1);
	free(path);
}

static int
is(char *got, const char *want)
{
	int same = got && want ? strcmp(got, want) == 0 : got == NULL && want == NULL;

	free(got);
	return same;
}

int
main(void)
{
	char tmpl[] = "/tmp/lp-txn.XXXXXX";
	char *dir = mkdtemp(tmpl), *bad;
	struct lp_ctx ctx;
	struct lp_txn *t;
	char *rm;

	if (!dir)
		return 1;
	lp_diag_quiet(1);
	memset(&ctx, 0, sizeof ctx);
	put(dir, "old.txt", "old\n");

	/* Abort: the changed file is back, the new one gone. */
	lp_txn_begin(&ctx, dir, &t);
	lp_txn_write(t, "old.txt", "new\n", 4, 0644);
	lp_txn_write(t, "fresh.txt", "fresh\n", 6, 0644);
	lp_txn_write(t, "old.txt", "newer\n", 6, 0644);
	ok(is(slurp(dir, "old.txt"), "newer\n"), "a write replaces the file");
	lp_txn_abort(t);
	ok(is(slurp(dir, "old.txt"), "old\n"), "abort: the oldest version is back");
	ok(is(slurp(dir, "fresh.txt"), NULL), "abort: a new file is removed");

	/* Commit outside git: the writes stay, and are forgotten. */
	lp_txn_begin(&ctx, dir, &t);
	lp_txn_write(t, "old.txt", "kept\n", 5, 0644);
	ok(lp_txn_commit(t, "test: keep") == 0, "commit outside git succeeds");
	ok(is(slurp(dir, "old.txt"), "kept\n"), "commit: the write stays");
	ok(lp_journal_settle(dir, (char *[]){ "old.txt" }, 1, 1) == 0,
	    "commit: nothing is left in the journal to restore");
	ok(is(slurp(dir, "old.txt"), "kept\n"), "commit: a later undo changes nothing");

	/* A commit that fails: a .git file naming no repository. */
	bad = lp_xasprintf("%s/broken", dir);
	if (lp_mkdir(bad) < 0)
		return 1;
	put(bad, "portfolio.md", "---\nname: X\n---\n");
	put(bad, ".git", "gitdir: /nonexistent/lp-txn-test/.git\n");
	lp_txn_begin(&ctx, bad, &t);
	lp_txn_write(t, "portfolio.md", "---\nname: Y\n---\n", 16, 0644);
	lp_txn_write(t, "assessment.csv", "standard,level,date,note\n", 25, 0644);
	ok(lp_txn_commit(t, "test: fail") < 0, "a commit into a broken repository fails");
	ok(is(slurp(bad, "portfolio.md"), "---\nname: X\n---\n"), "failed commit: the old file is back");
	ok(is(slurp(bad, "assessment.csv"), NULL), "failed commit: the new file is gone");

	/* The implicit journal: plain lp_file_write, then lp_portfolio_commit. */
	put(bad, "portfolio.md", "---\nname: Z\n---\n");
	ok(lp_portfolio_commit(&ctx, bad, (char *[]){ "portfolio.md" }, 1, "test") < 0,
	    "lp_portfolio_commit fails there too");
	ok(is(slurp(bad, "portfolio.md"), "---\nname: X\n---\n"),
	    "lp_file_write + a failed lp_portfolio_commit: the old file is back");

	/* --no-commit: the writes stay. */
	ctx.no_commit = 1;
	put(bad, "portfolio.md", "---\nname: W\n---\n");
	ok(lp_portfolio_commit(&ctx, bad, (char *[]){ "portfolio.md" }, 1, "test") == 0,
	    "--no-commit: nothing to fail");
	ok(is(slurp(bad, "portfolio.md"), "---\nname: W\n---\n"), "--no-commit: the write stays");

	rm = lp_xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		failed = 1;
	free(rm);
	free(bad);
	lp_git_global_shutdown();
	printf("1..%d\n", n);
	return failed;
}
