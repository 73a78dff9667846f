/*
 * gitfs.c - a test driver for lib/fs.c, lib/tree.c and lib/git.c.
 *
 * Each subcommand calls one library function the way a program would, so
 * that tests/030-fs-git.t can check atomic writes, safe paths, the lock
 * and every git operation from the shell against the real git program.
 * Exit 0 ok, 1 not found (or dirty), 2 error with the library's message.
 */
#include <sys/prctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>

#include "lp.h"

static const char usage_text[] =
    "usage: gitfs write PATH TEXT\n"
    "       gitfs readfile PATH\n"
    "       gitfs mkdir PATH\n"
    "       gitfs read DIR REL\n"
    "       gitfs list DIR REL\n"
    "       gitfs size DIR REL\n"
    "       gitfs name DIR REL\n"
    "       gitfs at DIR REV REL\n"
    "       gitfs atlist DIR REV REL\n"
    "       gitfs atsize DIR REV REL\n"
    "       gitfs atname DIR REV REL\n"
    "       gitfs bare REPO REV SUBDIR REL\n"
    "       gitfs open DIR\n"
    "       gitfs init DIR\n"
    "       gitfs commit DIR MESSAGE PATH...\n"
    "       gitfs clean DIR\n"
    "       gitfs tag DIR NAME MESSAGE\n"
    "       gitfs resolve DIR REV\n"
    "       gitfs lock DIR SECONDS\n"
    "       gitfs beneath [-n] DIR REL\n"
    "       gitfs relpath REL\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(LP_EXIT_ERROR);
}

static int
print_buf(struct lp_buf *b)
{
	fwrite(lp_buf_str(b), 1, b->len, stdout);
	lp_buf_free(b);
	return 0;
}

static int
print_names(struct lp_strv *names)
{
	for (size_t i = 0; i < names->n; i++)
		printf("%s\n", names->v[i]);
	lp_strv_free(names);
	return 0;
}

/* A tree operation's 0 / 1 / -1 as an exit status. */
static int
status(int rc)
{
	return rc < 0 ? LP_EXIT_ERROR : rc;
}

static int
tree_op(struct lp_tree *t, const char *op, const char *rel)
{
	struct lp_strv names = {0};
	struct lp_buf b = {0};
	uint64_t size;
	char *path;
	int rc;

	if (strcmp(op, "read") == 0) {
		if ((rc = lp_tree_read(t, rel, &b)) == 0)
			print_buf(&b);
		lp_buf_free(&b);
	} else if (strcmp(op, "list") == 0) {
		if ((rc = lp_tree_list(t, rel, &names)) == 0)
			print_names(&names);
		lp_strv_free(&names);
	} else if (strcmp(op, "size") == 0) {
		if ((rc = lp_tree_size(t, rel, &size)) == 0)
			printf("%llu\n", (unsigned long long)size);
	} else {
		path = lp_tree_path(t, rel);
		printf("%s\n%s\n%s\n", lp_tree_label(t), path,
		    lp_tree_dir(t) ? lp_tree_dir(t) : "(git)");
		free(path);
		rc = 0;
	}
	return status(rc);
}

static int
cmd_dir(const char *op, char **argv)
{
	struct lp_tree *t;
	int rc;

	if (lp_tree_open_dir(argv[0], &t) < 0)
		return LP_EXIT_ERROR;
	rc = tree_op(t, op, argv[1]);
	lp_tree_free(t);
	return rc;
}

/* lp_git_open, failing with 2 (not 1) when dir is not in a work tree. */
static int
open_repo(const char *dir, struct lp_git **g)
{
	int rc = lp_git_open(dir, g);

	if (rc == 1)
		lp_error("%s: not in a git work tree", dir);
	return rc == 0 ? 0 : -1;
}

static int
cmd_at(const char *op, char **argv)
{
	struct lp_git *g;
	struct lp_tree *t;
	char *prefix;
	int rc = LP_EXIT_ERROR;

	if (open_repo(argv[0], &g) < 0)
		return LP_EXIT_ERROR;
	if (lp_git_prefix(g, argv[0], &prefix) == 0) {
		if (lp_tree_open_git(g, argv[1], prefix, &t) == 0) {
			rc = tree_op(t, op, argv[2]);
			lp_tree_free(t);
		}
		free(prefix);
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_bare(char **argv)
{
	struct lp_git *g;
	struct lp_tree *t;
	int rc = LP_EXIT_ERROR;

	if (lp_git_open_bare(argv[0], &g) < 0)
		return LP_EXIT_ERROR;
	if (lp_tree_open_git(g, argv[1], argv[2], &t) == 0) {
		rc = tree_op(t, "read", argv[3]);
		lp_tree_free(t);
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_open(char **argv, int init)
{
	struct lp_git *g;
	char *prefix;
	int rc;

	rc = init ? lp_git_init(argv[0], &g) : lp_git_open(argv[0], &g);
	if (rc != 0)
		return status(rc);
	rc = LP_EXIT_ERROR;
	if (lp_git_prefix(g, argv[0], &prefix) == 0) {
		printf("workdir %s\nprefix %s\n", lp_git_workdir(g), prefix);
		free(prefix);
		rc = 0;
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_commit(char **argv, int argc)
{
	struct lp_strv paths = {0};
	struct lp_lock *lk = NULL;
	struct lp_git *g = NULL;
	char *prefix = NULL;
	int rc = LP_EXIT_ERROR;

	if (lp_lock_take(argv[0], &lk) < 0)
		return LP_EXIT_ERROR;
	if (open_repo(argv[0], &g) < 0 || lp_git_prefix(g, argv[0], &prefix) < 0)
		goto out;
	/* Paths are given relative to DIR, as a program knows them. */
	for (int i = 2; i < argc; i++) {
		char *p = lp_xasprintf("%s%s", prefix, argv[i]);

		lp_strv_push(&paths, p);
		free(p);
	}
	if (lp_git_commit(g, paths.v, paths.n, argv[1]) == 0)
		rc = 0;
out:
	lp_strv_free(&paths);
	free(prefix);
	lp_git_free(g);
	lp_lock_release(lk);
	return rc;
}

static int
cmd_clean(char **argv)
{
	struct lp_git *g;
	char *prefix;
	int clean, rc = LP_EXIT_ERROR;

	if (open_repo(argv[0], &g) < 0)
		return LP_EXIT_ERROR;
	if (lp_git_prefix(g, argv[0], &prefix) == 0) {
		if (lp_git_is_clean(g, prefix, &clean) == 0) {
			printf("%s\n", clean ? "clean" : "dirty");
			rc = clean ? 0 : 1;
		}
		free(prefix);
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_tag(char **argv)
{
	struct lp_git *g;
	char *made;
	int rc = LP_EXIT_ERROR;

	if (open_repo(argv[0], &g) < 0)
		return LP_EXIT_ERROR;
	if (lp_git_tag(g, argv[1], argv[2], &made) == 0) {
		printf("%s\n", made);
		free(made);
		rc = 0;
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_resolve(char **argv)
{
	struct lp_git *g;
	char id[16];
	int rc = LP_EXIT_ERROR;

	if (open_repo(argv[0], &g) < 0)
		return LP_EXIT_ERROR;
	if (lp_git_resolve(g, argv[1], id) == 0) {
		printf("%s\n", id);
		rc = 0;
	}
	lp_git_free(g);
	return rc;
}

static int
cmd_lock(char **argv)
{
	struct lp_lock *lk;

	if (lp_lock_take(argv[0], &lk) < 0)
		return LP_EXIT_ERROR;
	/* The test waits for this line before it tries the lock itself. */
	printf("locked\n");
	fflush(stdout);
	sleep((unsigned)atoi(argv[1]));
	lp_lock_release(lk);
	return 0;
}

/*
 * Make openat2 fail with ENOSYS, as on a kernel older than 5.6, so that
 * the test reaches lp_open_beneath's component walk.
 */
static int
deny_openat2(void)
{
#if defined(__x86_64__)
	const unsigned int arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
	const unsigned int arch = AUDIT_ARCH_AARCH64;
#else
	const unsigned int arch = 0;
#endif
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof filter / sizeof filter[0], filter };

	if (arch == 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -1;
	return 0;
}

static const char *
errno_name(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EXDEV: return "EXDEV";
	case ELOOP: return "ELOOP";
	case ENOTDIR: return "ENOTDIR";
	case EACCES: return "EACCES";
	default: return strerror(e);
	}
}

static int
cmd_beneath(char **argv, int argc)
{
	struct lp_buf b = {0};
	struct stat st;
	int rootfd, fd, walk = 0;

	if (argc == 3 && strcmp(argv[0], "-n") == 0) {
		walk = 1;
		argv++;
	} else if (argc != 2)
		usage();
	if (walk && deny_openat2() < 0) {
		lp_error("cannot turn openat2 off here");
		return LP_EXIT_ERROR;
	}
	if ((rootfd = open(argv[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		lp_error("%s: %s", argv[0], strerror(errno));
		return LP_EXIT_ERROR;
	}
	fd = lp_open_beneath(rootfd, argv[1], O_RDONLY);
	if (fd < 0) {
		printf("%s\n", errno_name(errno));
		close(rootfd);
		return errno == ENOENT ? 1 : LP_EXIT_ERROR;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		printf("(directory)\n");
	else if (lp_fd_read(fd, argv[1], LP_FILE_MAX, &b) == 0)
		print_buf(&b);
	lp_buf_free(&b);
	close(fd);
	close(rootfd);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *cmd, *why;
	struct lp_buf b = {0};
	int n, rc;

	lp_setprogname(argv[0]);
	if (argc < 2)
		usage();
	cmd = argv[1];
	argv += 2;
	n = argc - 2;
	if (strcmp(cmd, "write") == 0 && n == 2)
		rc = lp_file_write(argv[0], argv[1], strlen(argv[1]), 0666) < 0 ?
		    LP_EXIT_ERROR : 0;
	else if (strcmp(cmd, "readfile") == 0 && (n == 1 || n == 2)) {
		rc = status(lp_file_read(argv[0],
		    n == 2 ? strtoul(argv[1], NULL, 10) : LP_FILE_MAX, &b));
		if (rc == 0)
			print_buf(&b);
		lp_buf_free(&b);
	} else if (strcmp(cmd, "mkdir") == 0 && n == 1)
		rc = lp_mkdir(argv[0]) < 0 ? LP_EXIT_ERROR : 0;
	else if ((strcmp(cmd, "read") == 0 || strcmp(cmd, "list") == 0 ||
	    strcmp(cmd, "size") == 0 || strcmp(cmd, "name") == 0) && n == 2)
		rc = cmd_dir(cmd, argv);
	else if (strcmp(cmd, "at") == 0 && n == 3)
		rc = cmd_at("read", argv);
	else if (strncmp(cmd, "at", 2) == 0 && n == 3 &&
	    (strcmp(cmd + 2, "list") == 0 || strcmp(cmd + 2, "size") == 0 ||
	    strcmp(cmd + 2, "name") == 0))
		rc = cmd_at(cmd + 2, argv);
	else if (strcmp(cmd, "bare") == 0 && n == 4)
		rc = cmd_bare(argv);
	else if (strcmp(cmd, "open") == 0 && n == 1)
		rc = cmd_open(argv, 0);
	else if (strcmp(cmd, "init") == 0 && n == 1)
		rc = cmd_open(argv, 1);
	else if (strcmp(cmd, "commit") == 0 && n >= 2)
		rc = cmd_commit(argv, n);
	else if (strcmp(cmd, "clean") == 0 && n == 1)
		rc = cmd_clean(argv);
	else if (strcmp(cmd, "tag") == 0 && n == 3)
		rc = cmd_tag(argv);
	else if (strcmp(cmd, "resolve") == 0 && n == 2)
		rc = cmd_resolve(argv);
	else if (strcmp(cmd, "lock") == 0 && n == 2)
		rc = cmd_lock(argv);
	else if (strcmp(cmd, "beneath") == 0)
		rc = cmd_beneath(argv, n);
	else if (strcmp(cmd, "relpath") == 0 && n == 1) {
		rc = lp_relpath_check(argv[0], &why) < 0 ? 1 : 0;
		printf("%s\n", rc ? why : "ok");
	} else
		usage();
	lp_git_global_shutdown();
	return lp_close_stdout(rc);
}
