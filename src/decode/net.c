// SPDX-License-Identifier: Apache-2.0
/*
 * Sockets: protocol numbers that depend on the domain, option names that
 * depend on the level, socket addresses (AF_UNIX paths including abstract
 * ones, IPv4 and IPv6 addresses and ports, netlink; other families by
 * name only), and i386's socketcall, whose second argument points at the
 * real call's arguments.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

#define A(k)	     SYSENT_ARG_##k
#define SOCKADDR_MAX 128

enum sysent_arg decode_net_sock_proto(const struct decode_ctx *c, unsigned i)
{
	(void)i;
	switch (c->args[0]) {
	case AF_INET:
	case AF_INET6:
		return A(IP_PROTO);
	case AF_NETLINK:
		return A(NETLINK_PROTO);
	default:
		return A(INT);
	}
}

enum sysent_arg decode_net_sock_optname(const struct decode_ctx *c, unsigned i)
{
	(void)i;
	return (int32_t)c->args[1] == SOL_SOCKET ? A(SO_OPTNAME) : A(INT);
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void print_unix(struct decode_ctx *c, const unsigned char *sa,
		       size_t len)
{
	const unsigned char *path = sa + 2, *nul;
	size_t n = len - 2;

	if (!n)
		return;
	strbuf_adds(c->out, ", sun_path=");
	/* A leading NUL makes an abstract name: every byte counts. */
	if (path[0] == '\0') {
		strbuf_addc(c->out, '@');
		path++;
		n--;
	} else if ((nul = memchr(path, '\0', n))) {
		n = (size_t)(nul - path);
	}
	strbuf_addc(c->out, '"');
	escape_c(c->out, path, n);
	strbuf_addc(c->out, '"');
}

static void print_inet(struct decode_ctx *c, const unsigned char *sa,
		       size_t len)
{
	char ip[INET6_ADDRSTRLEN];
	uint16_t port = (uint16_t)(sa[2] << 8 | sa[3]);

	if (get16(sa) == AF_INET && len >= 8) {
		inet_ntop(AF_INET, sa + 4, ip, sizeof(ip));
		strbuf_addf(c->out,
			    ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
			    port, ip);
	} else if (get16(sa) == AF_INET6 && len >= 24) {
		inet_ntop(AF_INET6, sa + 8, ip, sizeof(ip));
		strbuf_addf(
			c->out,
			", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", &sin6_addr)",
			port, ntohl(get32(sa + 4)), ip);
		if (len >= 28)
			strbuf_addf(c->out, ", sin6_scope_id=%u",
				    get32(sa + 24));
	}
}

bool decode_net_sockaddr(struct decode_ctx *c, unsigned i, uint64_t v)
{
	unsigned char sa[SOCKADDR_MAX];
	uint64_t len = i + 1 < 6 ? (uint32_t)c->args[i + 1] : 0;
	uint16_t family;

	if (len > sizeof(sa))
		len = sizeof(sa);
	if (!v || len < 2 || !decode_read(c, v, sa, (size_t)len)) {
		decode_print_addr(c, v);
		return true;
	}
	family = get16(sa);
	strbuf_adds(c->out, "{sa_family=");
	decode_print_xlat(c, &decode_xlat_sock_domain, family);
	if (family == AF_UNIX)
		print_unix(c, sa, (size_t)len);
	else if (family == AF_INET || family == AF_INET6)
		print_inet(c, sa, (size_t)len);
	else if (family == AF_NETLINK && len >= 12)
		strbuf_addf(c->out, ", nl_pid=%u, nl_groups=%08x",
			    get32(sa + 4), get32(sa + 8));
	strbuf_addc(c->out, '}');
	return true;
}

/* socketcall's calls, by SYS_* number; send and recv exist only here. */
static const struct sysent_sig socketcall_sigs[] = {
	[1] = {"socket", 0, {0}},
	[2] = {"bind", 0, {0}},
	[3] = {"connect", 0, {0}},
	[4] = {"listen", 0, {0}},
	[5] = {"accept", 0, {0}},
	[6] = {"getsockname", 0, {0}},
	[7] = {"getpeername", 0, {0}},
	[8] = {"socketpair", 0, {0}},
	[9] = {"send", 4, {A(FD), A(BUF), A(ULONG), A(MSG_FLAGS)}},
	[10] = {"recv", 4, {A(FD), A(PTR), A(ULONG), A(MSG_FLAGS)}},
	[11] = {"sendto", 0, {0}},
	[12] = {"recvfrom", 0, {0}},
	[13] = {"shutdown", 0, {0}},
	[14] = {"setsockopt", 0, {0}},
	[15] = {"getsockopt", 0, {0}},
	[16] = {"sendmsg", 0, {0}},
	[17] = {"recvmsg", 0, {0}},
	[18] = {"accept4", 0, {0}},
	[19] = {"recvmmsg", 0, {0}},
	[20] = {"sendmmsg", 0, {0}},
};

static const struct sysent_sig *socketcall_sig(const struct decode_ctx *c,
					       uint64_t call)
{
	const struct sysent_sig *s;

	if (call >= ARRAY_SIZE(socketcall_sigs) || !socketcall_sigs[call].name)
		return NULL;
	s = &socketcall_sigs[call];
	return s->nargs ? s : sysent_sig(c->arch, s->name);
}

/* `[AF_INET, SOCK_STREAM, IPPROTO_TCP]`: the real call's arguments. */
bool decode_net_socketcall_args(struct decode_ctx *c, unsigned i, uint64_t v)
{
	const struct sysent_sig *s =
		i == 1 ? socketcall_sig(c, c->args[0]) : NULL;
	size_t step = c->ptr32 ? 4 : 8, k;
	struct decode_ctx sub = *c;

	if (!s || !v) {
		decode_print_addr(c, v);
		return true;
	}
	memset(sub.args, 0, sizeof(sub.args));
	for (k = 0; k < s->nargs; k++) {
		if (!decode_read_word(&sub, v + k * step, &sub.args[k])) {
			c->budget = sub.budget; /* what was read is spent */
			decode_print_addr(c, v);
			return true;
		}
	}
	strbuf_addc(c->out, '[');
	decode_print_args(&sub, s->args, s->nargs);
	strbuf_addc(c->out, ']');
	c->budget = sub.budget;
	return true;
}
