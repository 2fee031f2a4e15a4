// SPDX-License-Identifier: Apache-2.0
/*
 * bench/viewlag [-p P] [-t T] SECCOMPDBG MANYTHREADS: how long a refused
 * call takes to be shown in the view, with its backtrace, while many
 * threads are refused at once.
 *
 * The view runs on a pseudo-terminal of ours (run --ui-tty), 180 rows by
 * 160 columns, so that its list has room for every denial. Its output is
 * read as it comes and fed to the project's own terminal emulator (the vt
 * module, the one the view's output pane uses), and after each read the
 * screen is searched for the threads' names. bench/manythreads runs P
 * processes of T threads (4 x 25 by default), each named vlNNN, which
 * all call getppid at once, refused by the profile; each writes the time
 * it made the call into a file of ours. A denial's row names its thread
 * (the program column is the thread's comm), and the session hands the
 * view a denial only with its backtrace and hint already made, so the
 * time from a thread's call to its name on the screen is the time to
 * show the denial with its backtrace. Nobody answers: the calls wait,
 * and the program is killed at the end.
 *
 * Prints how many were shown, and the median, the 90th and 99th
 * percentiles and the maximum of the delays, in ms.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "seccompdbg/vt.h"

#define ROWS	  180
#define COLS	  160
#define TIMEOUT_S 60
#define PREFIX	  "vl"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int open_pty(char *slave, size_t size)
{
	struct winsize ws = {.ws_row = ROWS, .ws_col = COLS};
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 ||
	    ptsname_r(m, slave, size) != 0)
		die("pseudo-terminal");
	ioctl(m, TIOCSWINSZ, &ws);
	return m;
}

static void write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || (len && write(fd, text, len) != (ssize_t)len))
		die(path);
	close(fd);
}

static pid_t start(const char *sdbg, const char *prog, const char *dir,
		   const char *slave, int p, int t)
{
	char profile[512], slots[512], ps[16], ts[16];
	static const char text[] =
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\"}]}";
	pid_t pid;

	snprintf(profile, sizeof(profile), "%s/profile.json", dir);
	snprintf(slots, sizeof(slots), "%s/slots", dir);
	snprintf(ps, sizeof(ps), "%d", p);
	snprintf(ts, sizeof(ts), "%d", t);
	write_file(profile, text, sizeof(text) - 1);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		setenv("TERM", "screen", 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(sdbg, sdbg, "run", "-p", profile, "--ui-tty", slave, "--",
		      prog, "-n", PREFIX, "-t", slots, ps, ts, "getppid",
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The threads whose names are on the screen now: their time, if new. */
static size_t scan(const struct vt *vt, uint64_t *seen, size_t n, uint64_t at)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, found = 0;
	const char *p;

	for (i = 0; i < vt_nlines(vt); i++) {
		strbuf_reset(&sb);
		vt_line_text(vt, i, &sb);
		for (p = strbuf_str(&sb); (p = strstr(p, PREFIX)); p++) {
			unsigned k;

			if (sscanf(p + strlen(PREFIX), "%3u", &k) == 1 &&
			    k < n && !seen[k]) {
				seen[k] = at;
				found++;
			}
		}
	}
	strbuf_release(&sb);
	return found;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static double pct_ms(const uint64_t *sorted, size_t n, double pct)
{
	size_t i = (size_t)(pct / 100.0 * (double)n + 0.999999);

	if (i > 0)
		i--;
	return (double)sorted[i < n ? i : n - 1] / 1e6;
}

/* Read the view until every name was seen (or the time is up). */
static void watch(int m, uint64_t *seen, size_t n)
{
	struct vt *vt = vt_new(ROWS, COLS, 0);
	uint64_t end = now_ns() + (uint64_t)TIMEOUT_S * 1000000000u;
	size_t shown = 0;
	char buf[65536];

	while (shown < n && now_ns() < end) {
		struct pollfd pfd = {m, POLLIN, 0};
		ssize_t r;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		r = read(m, buf, sizeof(buf));
		if (r <= 0)
			break;
		vt_write(vt, buf, (size_t)r);
		shown += scan(vt, seen, n, now_ns());
	}
	vt_free(vt);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/sdbg-viewlag-XXXXXX", slave[128], path[512];
	int p = 4, t = 25, opt, m, st;
	uint64_t *seen, *called, *delay;
	size_t n, i, shown = 0;
	pid_t pid;

	while ((opt = getopt(argc, argv, "p:t:")) != -1) {
		if (opt == 'p')
			p = atoi(optarg);
		else if (opt == 't')
			t = atoi(optarg);
		else
			return 2;
	}
	if (argc - optind != 2 || p < 1 || t < 1 || p * t > 1000) {
		fprintf(stderr, "usage: viewlag [-p P] [-t T] SECCOMPDBG "
				"MANYTHREADS (P * T <= 1000)\n");
		return 2;
	}
	setlocale(LC_CTYPE, "C.UTF-8");
	n = (size_t)p * (size_t)t;
	if (!mkdtemp(dir))
		die("mkdtemp");
	snprintf(path, sizeof(path), "%s/slots", dir);
	seen = calloc(n, sizeof(*seen));
	delay = calloc(n, sizeof(*delay));
	called = calloc(n, sizeof(*called));
	write_file(path, (const char *)called, n * sizeof(*called));
	m = open_pty(slave, sizeof(slave));
	pid = start(argv[optind], argv[optind + 1], dir, slave, p, t);
	watch(m, seen, n);
	kill(pid, SIGTERM);
	while (read(m, path, 1) > 0 || errno == EINTR)
		;
	waitpid(pid, &st, 0);
	snprintf(path, sizeof(path), "%s/slots", dir);
	{
		FILE *f = fopen(path, "r");

		if (!f || fread(called, sizeof(*called), n, f) != n)
			die(path);
		fclose(f);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/profile.json", dir);
	unlink(path);
	rmdir(dir);
	for (i = 0; i < n; i++)
		if (seen[i] && called[i] && seen[i] >= called[i])
			delay[shown++] = seen[i] - called[i];
	qsort(delay, shown, sizeof(*delay), cmp_u64);
	printf("shown %zu of %zu\n", shown, n);
	if (shown)
		printf("ms p50 %.1f p90 %.1f p99 %.1f max %.1f\n",
		       pct_ms(delay, shown, 50), pct_ms(delay, shown, 90),
		       pct_ms(delay, shown, 99), pct_ms(delay, shown, 100));
	return shown == n ? 0 : 1;
}
