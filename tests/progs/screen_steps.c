// SPDX-License-Identifier: Apache-2.0
/*
 * screen_steps: the program the screen tests run under the view. Each
 * argument is a step, done in order, and each step prints one line the
 * tests look for in the output pane:
 *
 *   uts        unshare(CLONE_NEWUTS), refused by Docker's default profile
 *              (no CAP_SYS_ADMIN): "screen: unshare = 0" or "= -1 EPERM"
 *   clone3     clone3(NULL, 0), refused by Docker's default with ENOSYS:
 *              allowed, the kernel says EINVAL
 *   pair       two threads (each made by clone3, then clone when clone3
 *              fails with ENOSYS) call unshare(CLONE_NEWUTS) at once
 *   wait       read a line from stdin: "screen: got LINE"
 *   esc        escape sequences that would clear, recolour, retitle and
 *              move around a terminal that obeyed them
 *   size       the terminal's size: "screen: size ROWSxCOLS"
 *   full       the way a full-screen program draws: "screen: primary
 *              line", then on the alternate screen a header, a footer
 *              and lines scrolled within a scroll region between them,
 *              ending "screen: full-screen drawn"; it then reads a line
 *              without a word and leaves the alternate screen: "screen:
 *              back from the full screen"
 *   pid=FILE   write our pid to FILE
 *   sleep      sleep until killed
 *
 * The last line is "screen: done".
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void result(const char *what, long rc)
{
	if (rc < 0)
		printf("screen: %s = -1 %s (%s)\n", what,
		       strerrorname_np(errno), strerror(errno));
	else
		printf("screen: %s = %ld\n", what, rc);
}

static void *uts(void *arg)
{
	(void)arg;
	result("unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS));
	return NULL;
}

static pthread_barrier_t both;

static void *uts_together(void *arg)
{
	pthread_barrier_wait(&both);
	return uts(arg);
}

static void pair(void)
{
	pthread_t a, b;

	pthread_barrier_init(&both, NULL, 2);
	pthread_create(&a, NULL, uts_together, NULL);
	pthread_create(&b, NULL, uts_together, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
}

static void wait_line(void)
{
	char line[256];

	printf("screen: waiting for a line\n");
	if (!fgets(line, sizeof(line), stdin))
		strcpy(line, "(end of input)\n");
	line[strcspn(line, "\r\n")] = '\0';
	printf("screen: got %s\n", line);
}

static void esc(void)
{
	/* clear the screen and go home, a title, the alternate screen, the
	   cursor hidden and sent far away, a DCS, a bell, then red on
	   magenta from the top left corner */
	fputs("\033[2J\033[H\033]0;HACKED TITLE\007\033]2;HACKED\033\\"
	      "\033[?1049h\033[?25l\033[99;99H\033Pq#0\033\\\007"
	      "\033[1;1H\033[31;45mRED ON MAGENTA\033[0m\r\n",
	      stdout);
	printf("screen: escapes written\n");
}

static void full(void)
{
	char line[256];
	int i;

	printf("screen: primary line\n");
	/* the alternate screen, cleared; a header on row 1, a footer on
	   row 6, rows 2-5 a scroll region (DECSTBM sends the cursor home) */
	fputs("\033[?1049h\033[2J\033[1;1HHEADER\033[6;1HFOOTER\033[2;5r", stdout);
	/* six lines from the region's last row: the region scrolls, the
	   header and the footer stay */
	fputs("\033[5;1H", stdout);
	for (i = 1; i <= 6; i++)
		printf("\nscroll %d", i);
	fputs("\033[r\033[7;1Hscreen: full-screen drawn", stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	fputs("\033[?1049l", stdout);
	printf("screen: back from the full screen\n");
}

static void size(void)
{
	struct winsize ws = { 0 };

	ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws);
	printf("screen: size %ux%u\n", ws.ws_row, ws.ws_col);
}

static void write_pid(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (!strcmp(s, "uts"))
			uts(NULL);
		else if (!strcmp(s, "clone3"))
			result("clone3", syscall(SYS_clone3, NULL, 0));
		else if (!strcmp(s, "pair"))
			pair();
		else if (!strcmp(s, "wait"))
			wait_line();
		else if (!strcmp(s, "esc"))
			esc();
		else if (!strcmp(s, "size"))
			size();
		else if (!strcmp(s, "full"))
			full();
		else if (!strncmp(s, "pid=", 4))
			write_pid(s + 4);
		else if (!strcmp(s, "sleep"))
			for (;;)
				pause();
		else
			printf("screen: unknown step %s\n", s);
	}
	printf("screen: done\n");
	return 0;
}
