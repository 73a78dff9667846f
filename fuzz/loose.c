/*
 * loose.c - fuzz target: a loose git object file (lib/git-odb.c).
 *
 * The input is the raw (deflated) bytes of one loose object.  It is put
 * in a scratch repository under a fixed id and read through the bounded
 * reader, header and whole: either an error, or an object whose size
 * agrees with its header.  It must never hang (libFuzzer's -timeout
 * catches that) nor touch memory it should not.  Hash checking is off so
 * that an input need not hash to the fixed id to be read in full.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "lp.h"
#include "gitsafe.h"
#include "fuzz.h"

#define OID "0123456789abcdef0123456789abcdef01234567"

static void
check_object(git_repository *repo)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t len = 0;
	git_oid oid;

	git_oid_fromstr(&oid, OID);
	if (git_repository_odb(&odb, repo) < 0)
		return;
	if (git_odb_read_header(&len, &type, odb, &oid) == 0 &&
	    git_odb_read(&obj, odb, &oid) == 0 && git_odb_object_size(obj) != len) {
		fprintf(stderr, "fuzz-loose: header says %zu bytes, object has %zu\n",
		    len, git_odb_object_size(obj));
		abort();
	}
	git_error_clear();
	git_odb_object_free(obj);
	git_odb_free(odb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int made;
	const char *dir = fuzz_scratch();
	git_repository *repo = NULL;
	char *gitdir, *fan;

	lp_git_need();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	gitdir = lp_xasprintf("%s/repo.git", dir);
	if (!made) {
		if (git_repository_init(&repo, gitdir, 1) < 0)
			abort();
		git_repository_free(repo);
		repo = NULL;
		fan = lp_xasprintf("%s/objects/01", gitdir);
		if (mkdir(fan, 0755) < 0 && errno != EEXIST)
			abort();
		free(fan);
		made = 1;
	}
	fuzz_put(dir, "repo.git/objects/01/23456789abcdef0123456789abcdef01234567", data, size);
	/* A fresh repository each time: libgit2 caches objects by id. */
	if (git_repository_open_bare(&repo, gitdir) == 0 && lp_git_odb_guard(repo) == 0)
		check_object(repo);
	git_error_clear();
	git_repository_free(repo);
	free(gitdir);
	return 0;
}
