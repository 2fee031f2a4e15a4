// SPDX-License-Identifier: Apache-2.0
/*
 * Getting logs in: files, -ff sets found from their prefix, file
 * descriptors (a pipe from strace) and memory. Logs are read in chunks
 * and split into lines here; a line longer than the limit is cut and the
 * rest of it skipped, so a hostile or binary file costs bounded memory.
 * Colour codes (strace --color=always) are dropped before parsing.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_MAX_LINE (1u << 20)

struct stracelog *stracelog_new(const struct sysent_arch *arch)
{
	struct stracelog *log = xcalloc(1, sizeof(*log));

	log->start = arch ? arch : sysent_arch_native();
	log->max_line = DEFAULT_MAX_LINE;
	sl_family_init(log);
	return log;
}

void stracelog_free(struct stracelog *log)
{
	if (!log)
		return;
	sl_free_state(log);
	free(log);
}

void stracelog_set_max_line(struct stracelog *log, size_t max)
{
	log->max_line = max ? max : DEFAULT_MAX_LINE;
}

/* NAME.PID: the pid, or 0. */
static long name_pid(const char *name)
{
	const char *dot = strrchr(name, '.');
	char *end;
	long pid;

	if (!dot || dot[1] < '1' || dot[1] > '9' || strlen(dot + 1) > 7)
		return 0;
	pid = strtol(dot + 1, &end, 10);
	return *end ? 0 : pid;
}

/* One log being read: the stream and its unfinished last line. */
struct input {
	struct sl_stream st;
	struct strbuf line;
	bool cut;
};

static void input_init(struct stracelog *log, struct input *in,
		       const char *name)
{
	assert(!log->finished);
	memset(in, 0, sizeof(*in));
	in->st.name = sl_printable(log, name, strlen(name), 4096);
	in->st.file_pid = name_pid(name);
	log->stats.files++;
}

/* "\e[...m" colour sequences out of LINE (in place). */
static void strip_colours(struct strbuf *line)
{
	size_t i, o = 0, j;

	for (i = 0; i < line->len; i++) {
		if (line->buf[i] == '\x1b' && i + 1 < line->len &&
		    line->buf[i + 1] == '[') {
			for (j = i + 2;
			     j < line->len &&
			     ((line->buf[j] >= '0' && line->buf[j] <= '9') ||
			      line->buf[j] == ';');
			     j++)
				;
			if (j < line->len && line->buf[j] == 'm') {
				i = j;
				continue;
			}
		}
		line->buf[o++] = line->buf[i];
	}
	line->len = o;
	line->buf[o] = '\0';
}

static void line_end(struct stracelog *log, struct input *in)
{
	struct strbuf *l = &in->line;

	if (l->len && l->buf[l->len - 1] == '\r')
		l->buf[--l->len] = '\0';
	if (l->len && memchr(l->buf, '\x1b', l->len))
		strip_colours(l);
	sl_stream_line(log, &in->st, strbuf_str(l), l->len, in->cut);
	strbuf_reset(l);
	in->cut = false;
}

static void input_feed(struct stracelog *log, struct input *in,
		       const char *data, size_t len)
{
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t take = nl ? (size_t)(nl - data) : len;
		size_t room = log->max_line > in->line.len
				      ? log->max_line - in->line.len
				      : 0;

		if (take > room)
			in->cut = true;
		strbuf_add(&in->line, data, take < room ? take : room);
		if (!nl)
			break;
		line_end(log, in);
		data = nl + 1;
		len -= take + 1;
	}
}

static void input_end(struct stracelog *log, struct input *in)
{
	if (in->line.len || in->cut)
		line_end(log, in);
	sl_stream_end(log, &in->st);
	strbuf_release(&in->line);
}

void stracelog_read_mem(struct stracelog *log, const char *name,
			const void *data, size_t len)
{
	struct input in;

	input_init(log, &in, name);
	input_feed(log, &in, data, len);
	input_end(log, &in);
}

int stracelog_read_fd(struct stracelog *log, int fd, const char *name,
		      struct err *err)
{
	struct input in;
	char *chunk = xmalloc(65536);
	int rc = 0;

	input_init(log, &in, name);
	for (;;) {
		ssize_t n = read(fd, chunk, 65536);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, errno, "%s: %s", name,
				     strerror(errno));
			break;
		}
		if (n == 0)
			break;
		input_feed(log, &in, chunk, (size_t)n);
	}
	input_end(log, &in);
	free(chunk);
	return rc;
}

static int read_one(struct stracelog *log, const char *path, struct err *err)
{
	int fd, rc = read_file_open(path, &fd, err);

	if (rc < 0)
		return rc;
	rc = stracelog_read_fd(log, fd, path, err);
	close(fd);
	return rc;
}

struct member {
	long pid;
	char *path;
};

static int cmp_member(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The files PREFIX.PID of `strace -ff -o PREFIX`, by pid. */
static int find_set(const char *prefix, struct member **out, size_t *n,
		    struct err *err)
{
	char *dcopy = xstrdup(prefix), *bcopy = xstrdup(prefix);
	const char *dir = dirname(dcopy), *base = basename(bcopy);
	size_t blen = strlen(base), cap = 0;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	*out = NULL;
	*n = 0;
	d = opendir(dir);
	if (!d) {
		rc = err_set(err, errno, "%s: %s", dir, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		long pid = name_pid(de->d_name);

		if (!pid || strncmp(de->d_name, base, blen) ||
		    de->d_name[blen] != '.' ||
		    strchr(de->d_name + blen + 1, '.'))
			continue;
		xgrow(out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].pid = pid;
		(*out)[(*n)++].path = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n) /* qsort's array may not be NULL, even empty */
		qsort(*out, *n, sizeof(**out), cmp_member);
out:
	free(dcopy);
	free(bcopy);
	return rc;
}

int stracelog_read_path(struct stracelog *log, const char *path,
			struct err *err)
{
	struct member *set;
	struct stat sb;
	size_t n, i;
	int rc;

	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return err_set(err, EISDIR, "%s: is a directory", path);
		return read_one(log, path, err);
	}
	if (errno != ENOENT)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	rc = find_set(path, &set, &n, err);
	if (!rc && !n)
		rc = err_set(
			err, ENOENT,
			"%s: no such file, and no %s.PID files (of strace -ff -o %s)",
			path, path, path);
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = read_one(log, set[i].path, err);
		free(set[i].path);
	}
	free(set);
	return rc;
}

void stracelog_finish(struct stracelog *log)
{
	assert(!log->finished);
	sl_finish(log);
	log->finished = true;
}
