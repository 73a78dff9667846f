/*
 * ptyrun - run a command on a pseudo-terminal, for tests of interactive
 * programs (the lp-assess walk-through).
 *
 *   ptyrun CMD [ARG...] < input
 *
 * The command's standard input and output are the slave side of a new
 * pty (80 columns, 24 lines); its standard error stays ptyrun's own, so a
 * test captures it apart.  The whole of ptyrun's standard input is typed
 * into the terminal at once, followed by an end-of-file (^D), and what the
 * command writes to the terminal is copied to ptyrun's standard output.
 * The exit status is the command's (128 + signal when it was killed).
 *
 * Why not script(1) or tmux: with echo on, the terminal echoes the typed
 * input at the moment it is written, interleaved with the program's
 * output in an order that depends on scheduling.  Here the terminal is
 * set up with echo and output processing off before the command starts,
 * so the output is exactly what the program wrote, in canonical (line)
 * mode as a user's terminal would deliver it, and the test can compare
 * it whole.  A 60-second alarm ends a command that hangs.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lp.h"

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Open a pty pair with echo and output processing off. */
static int
open_pty(int *master, int *slave)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct termios t;
	char *name;

	if ((*master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(*master) < 0 || unlockpt(*master) < 0 ||
	    !(name = ptsname(*master)) ||
	    (*slave = open(name, O_RDWR | O_NOCTTY)) < 0) {
		lp_error("cannot open a pseudo-terminal: %s", strerror(errno));
		return -1;
	}
	if (tcgetattr(*slave, &t) < 0) {
		lp_error("tcgetattr: %s", strerror(errno));
		return -1;
	}
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL);
	t.c_lflag |= ICANON;
	t.c_oflag &= ~(tcflag_t)OPOST;
	if (tcsetattr(*slave, TCSANOW, &t) < 0 ||
	    ioctl(*slave, TIOCSWINSZ, &ws) < 0) {
		lp_error("cannot set up the terminal: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static _Noreturn void
child(int slave, char **argv)
{
	setsid();
	if (ioctl(slave, TIOCSCTTY, 0) < 0) {
		lp_error("TIOCSCTTY: %s", strerror(errno));
		_exit(127);
	}
	dup2(slave, STDIN_FILENO);
	dup2(slave, STDOUT_FILENO);
	if (slave > STDERR_FILENO)
		close(slave);
	execvp(argv[0], argv);
	lp_error("%s: %s", argv[0], strerror(errno));
	_exit(127);
}

/* Copy the terminal's output to stdout until the command closes it. */
static void
copy_output(int master)
{
	char chunk[4096];

	for (;;) {
		ssize_t n = read(master, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)	/* EIO: every slave descriptor is closed */
			break;
		if (write_all(STDOUT_FILENO, chunk, (size_t)n) < 0)
			break;
	}
}

int
main(int argc, char **argv)
{
	struct lp_buf input = {0};
	int master, slave, status;
	char eof = 4;	/* ^D: end of file at the start of a line */
	pid_t pid;

	lp_setprogname(argv[0]);
	if (argc < 2) {
		fputs("usage: ptyrun CMD [ARG...] < input\n", stderr);
		return LP_EXIT_ERROR;
	}
	if (lp_fd_read(STDIN_FILENO, "<stdin>", 1u << 16, &input) < 0)
		return LP_EXIT_ERROR;
	if (open_pty(&master, &slave) < 0)
		return LP_EXIT_ERROR;
	alarm(60);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		lp_error("fork: %s", strerror(errno));
		return LP_EXIT_ERROR;
	}
	if (pid == 0) {
		close(master);
		child(slave, argv + 1);
	}
	close(slave);
	/*
	 * The line discipline queues it all; the program reads it a line at
	 * a time.  A failure means the command has gone: nothing to type.
	 */
	if (write_all(master, lp_buf_str(&input), input.len) == 0)
		write_all(master, &eof, 1);
	copy_output(master);
	close(master);
	lp_buf_free(&input);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return LP_EXIT_ERROR;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
