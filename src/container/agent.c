// SPDX-License-Identifier: Apache-2.0
/*
 * The agent's socket. Each connection is one seccomp filter: the
 * container's init, or one exec into it. The runtime sends the state
 * JSON with the notification fd on the first sendmsg; the spec allows
 * the JSON to span several, so bytes are gathered until they parse as a
 * whole object. We never wait for EOF: runc 1.1 keeps its end open
 * until it exits.
 *
 * The socket is a path in our mount namespace, the one the runtime
 * dials (runc refuses an abstract "@name").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "seccompdbg/container.h"
#include "seccompdbg/doc.h"

/* A state is a few hundred bytes; podman's annotations make it 1 KiB. */
#define STATE_MAX (1 << 20)
#define FDS_MAX	  16

struct container_conn {
	int fd;
	struct strbuf buf;
	int fds[FDS_MAX];
	size_t nfds;
};

struct container_agent {
	int fd;
	char *path;
	struct container_conn *conns;
	size_t nconns, cap;
};

/*
 * Does something listen on the socket SA names? A session that ended
 * without removing its socket (killed) left a file nobody answers on:
 * that one may go. A live one belongs to another session, whose runtimes
 * would dial us instead.
 */
static bool is_listened(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool live;

	if (fd < 0)
		return false;
	live = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0 ||
	       errno == EAGAIN;
	close(fd);
	return live;
}

int container_agent_new(const char *path, struct container_agent **out,
			struct err *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct container_agent *a;
	struct stat st;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return err_set(err, ENAMETOOLONG,
			       "%s: too long for a unix socket (%zu bytes)",
			       path, sizeof(sa.sun_path) - 1);
	strcpy(sa.sun_path, path);
	if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode))
		return err_set(err, EEXIST, "%s: exists and is not a socket",
			       path);
	if (lstat(path, &st) == 0 && is_listened(&sa))
		return err_set(
			err, EADDRINUSE,
			"%s: another program listens there (another seccompdbg session?): one session at a time can use a socket",
			path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return err_set(err, errno, "socket: %s", strerror(errno));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 64) < 0) {
		int e = errno;

		close(fd);
		return err_set(err, e, "%s: cannot listen there: %s%s", path,
			       strerror(e),
			       e == ENOENT ? " (its directory does not exist)"
					   : "");
	}
	a = xcalloc(1, sizeof(*a));
	a->fd = fd;
	a->path = xstrdup(path);
	*out = a;
	return 0;
}

static void conn_close(struct container_conn *c)
{
	size_t i;

	for (i = 0; i < c->nfds; i++)
		if (c->fds[i] >= 0)
			close(c->fds[i]);
	close(c->fd);
	strbuf_release(&c->buf);
}

void container_agent_free(struct container_agent *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nconns; i++)
		conn_close(&a->conns[i]);
	free(a->conns);
	close(a->fd);
	unlink(a->path);
	free(a->path);
	free(a);
}

int container_agent_fd(const struct container_agent *a)
{
	return a->fd;
}

const char *container_agent_path(const struct container_agent *a)
{
	return a->path;
}

void container_agent_accept(struct container_agent *a)
{
	int fd;

	while ((fd = accept4(a->fd, NULL, NULL,
			     SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
		xgrow(&a->conns, &a->cap, a->nconns + 1, sizeof(*a->conns));
		a->conns[a->nconns++] =
			(struct container_conn){.fd = fd, .buf = STRBUF_INIT};
	}
}

size_t container_agent_conns(const struct container_agent *a, int *fds,
			     size_t max)
{
	size_t i;

	for (i = 0; i < a->nconns && i < max; i++)
		fds[i] = a->conns[i].fd;
	return i;
}

static struct container_conn *conn_find(struct container_agent *a, int fd)
{
	size_t i;

	for (i = 0; i < a->nconns; i++)
		if (a->conns[i].fd == fd)
			return &a->conns[i];
	return NULL;
}

static void conn_drop(struct container_agent *a, struct container_conn *c)
{
	conn_close(c);
	*c = a->conns[--a->nconns];
}

/* The fds of one control message, kept (up to FDS_MAX; others closed). */
static void take_rights(struct container_conn *c, struct msghdr *m)
{
	struct cmsghdr *cm;
	size_t i, n;
	int *fds;

	for (cm = CMSG_FIRSTHDR(m); cm; cm = CMSG_NXTHDR(m, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		fds = (int *)CMSG_DATA(cm);
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			if (c->nfds < FDS_MAX)
				c->fds[c->nfds++] = fds[i];
			else
				close(fds[i]);
		}
	}
}

/* One recvmsg: bytes read, 0 at EOF, -errno (-EAGAIN: nothing yet). */
static ssize_t conn_recv(struct container_conn *c)
{
	char data[4096];
	union {
		char buf[CMSG_SPACE(FDS_MAX * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {data, sizeof(data)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n;

	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	n = recvmsg(c->fd, &m, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return -errno;
	take_rights(c, &m);
	strbuf_add(&c->buf, data, (size_t)n);
	return n;
}

/*
 * Is the JSON gathered so far a whole value? Not yet, or not JSON: only
 * the end of the connection (or its size) tells which.
 */
static bool is_whole(const struct strbuf *sb)
{
	struct doc *v = NULL;
	bool whole = doc_parse_json("", strbuf_str(sb), sb->len, &v, NULL) == 0;

	doc_free(v);
	return whole;
}

int container_agent_read(struct container_agent *a, int fd,
			 struct container_state *st, struct err *err)
{
	struct container_conn *c = conn_find(a, fd);
	ssize_t n;
	int rc;

	if (!c)
		return err_set(err, ENOENT, "no such connection");
	do
		n = conn_recv(c);
	while (n > 0 && c->buf.len < STATE_MAX && !is_whole(&c->buf));
	if (n == -EAGAIN || n == -EINTR)
		return 0;
	if (n < 0)
		rc = err_set(err, (int)-n, "reading the runtime's state: %s",
			     strerror((int)-n));
	else if (n == 0 && !c->buf.len)
		/* not a runtime's filter: a look at whether we listen (a
		 * second session's, container_agent_new) */
		rc = err_set(err, ENOTCONN, "a connection with nothing sent");
	else if (c->buf.len >= STATE_MAX)
		rc = err_set(err, EFBIG, "the runtime's state is over %d bytes",
			     STATE_MAX);
	else
		rc = container_state_parse(strbuf_str(&c->buf), c->buf.len,
					   c->fds, c->nfds, st, err);
	conn_drop(a, c);
	return rc < 0 ? rc : 1;
}
