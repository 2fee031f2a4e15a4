// SPDX-License-Identifier: Apache-2.0
/*
 * Security and kernel-object calls a sandbox refuses most: seccomp(2)
 * (operation-dependent arguments, the filter's struct sock_fprog, the
 * action whose availability is asked), the key calls (keyctl's command
 * chooses its arguments; special keyring ids), and the attribute
 * structures of bpf, perf_event_open and io_uring_setup.
 */
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/seccomp.h>

#include "internal.h"

#define A(k) SYSENT_ARG_##k

static const struct decode_subsig seccomp_subs[] = {
	{SECCOMP_SET_MODE_STRICT, 2, {A(HEX), A(PTR)}},
	{SECCOMP_SET_MODE_FILTER, 2, {A(SECCOMP_FILTER_FLAGS), A(SOCK_FPROG)}},
	{SECCOMP_GET_ACTION_AVAIL, 2, {A(HEX), A(SECCOMP_ACTION)}},
	{SECCOMP_GET_NOTIF_SIZES, 2, {A(HEX), A(PTR)}},
};

static const struct decode_mux seccomp_mux = {
	0, seccomp_subs, ARRAY_SIZE(seccomp_subs), {0, 2, {A(HEX), A(PTR)}}};

enum sysent_arg decode_sec_seccomp_arg(const struct decode_ctx *c, unsigned i)
{
	return decode_mux_resolve(&seccomp_mux, c, i);
}

/* struct sock_fprog: a 16-bit length, then a pointer after padding. */
bool decode_sec_sock_fprog(struct decode_ctx *c, unsigned i, uint64_t v)
{
	static const struct decode_field prog64[] = {
		{"len", 0, 2, A(UINT), true},
		{"filter", 8, 8, A(ADDR), true},
	};
	static const struct decode_field prog32[] = {
		{"len", 0, 2, A(UINT), true},
		{"filter", 4, 4, A(ADDR), true},
	};

	(void)i;
	if (c->ptr32)
		decode_print_struct(c, v, 8, prog32, ARRAY_SIZE(prog32), 8);
	else
		decode_print_struct(c, v, 16, prog64, ARRAY_SIZE(prog64), 16);
	return true;
}

/* SECCOMP_GET_ACTION_AVAIL points at the 32-bit action it asks about. */
bool decode_sec_action(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint32_t action;

	(void)i;
	if (!v || !decode_read(c, v, &action, sizeof(action))) {
		decode_print_addr(c, v);
		return true;
	}
	strbuf_addc(c->out, '[');
	decode_print_xlat(c, &decode_xlat_seccomp_ret, action);
	strbuf_addc(c->out, ']');
	return true;
}

static const struct decode_subsig keyctl_subs[] = {
	{KEYCTL_GET_KEYRING_ID, 2, {A(KEY_SERIAL), A(INT)}},
	{KEYCTL_JOIN_SESSION_KEYRING, 1, {A(STR)}},
	{KEYCTL_UPDATE, 3, {A(KEY_SERIAL), A(BUF), A(ULONG)}},
	{KEYCTL_REVOKE, 1, {A(KEY_SERIAL)}},
	{KEYCTL_CHOWN, 3, {A(KEY_SERIAL), A(UID), A(GID)}},
	{KEYCTL_SETPERM, 2, {A(KEY_SERIAL), A(HEX)}},
	{KEYCTL_DESCRIBE, 3, {A(KEY_SERIAL), A(PTR), A(ULONG)}},
	{KEYCTL_CLEAR, 1, {A(KEY_SERIAL)}},
	{KEYCTL_LINK, 2, {A(KEY_SERIAL), A(KEY_SERIAL)}},
	{KEYCTL_UNLINK, 2, {A(KEY_SERIAL), A(KEY_SERIAL)}},
	{KEYCTL_SEARCH, 4, {A(KEY_SERIAL), A(STR), A(STR), A(KEY_SERIAL)}},
	{KEYCTL_READ, 3, {A(KEY_SERIAL), A(PTR), A(ULONG)}},
	{KEYCTL_INSTANTIATE,
	 4,
	 {A(KEY_SERIAL), A(BUF), A(ULONG), A(KEY_SERIAL)}},
	{KEYCTL_NEGATE, 3, {A(KEY_SERIAL), A(UINT), A(KEY_SERIAL)}},
	{KEYCTL_SET_REQKEY_KEYRING, 1, {A(INT)}},
	{KEYCTL_SET_TIMEOUT, 2, {A(KEY_SERIAL), A(UINT)}},
	{KEYCTL_ASSUME_AUTHORITY, 1, {A(KEY_SERIAL)}},
	{KEYCTL_GET_SECURITY, 3, {A(KEY_SERIAL), A(PTR), A(ULONG)}},
	{KEYCTL_SESSION_TO_PARENT, 0, {0}},
	{KEYCTL_REJECT, 4, {A(KEY_SERIAL), A(UINT), A(UINT), A(KEY_SERIAL)}},
	{KEYCTL_INVALIDATE, 1, {A(KEY_SERIAL)}},
	{KEYCTL_GET_PERSISTENT, 2, {A(UID), A(KEY_SERIAL)}},
	{KEYCTL_RESTRICT_KEYRING, 3, {A(KEY_SERIAL), A(STR), A(STR)}},
	{KEYCTL_MOVE, 4, {A(KEY_SERIAL), A(KEY_SERIAL), A(KEY_SERIAL), A(HEX)}},
	{KEYCTL_CAPABILITIES, 2, {A(PTR), A(ULONG)}},
};

static const struct decode_mux keyctl_mux = {
	0, keyctl_subs, ARRAY_SIZE(keyctl_subs), {0, 4, {0}}};

enum sysent_arg decode_sec_keyctl_arg(const struct decode_ctx *c, unsigned i)
{
	return decode_mux_resolve(&keyctl_mux, c, i);
}

bool decode_sec_key_serial(struct decode_ctx *c, unsigned i, uint64_t v)
{
	int32_t id = (int32_t)v;
	const char *name =
		decode_xlat_name(&decode_xlat_key_spec, (uint64_t)(int64_t)id);

	(void)i;
	if (name)
		strbuf_adds(c->out, name);
	else
		strbuf_addf(c->out, "%d", id);
	return true;
}

/* bpf(cmd, attr, size): the leading fields of the common commands. */
bool decode_sec_bpf_attr(struct decode_ctx *c, unsigned i, uint64_t v)
{
	static const struct decode_field map_create[] = {
		{"map_type", 0, 4, A(BPF_MAP_TYPE), true},
		{"key_size", 4, 4, A(UINT), true},
		{"value_size", 8, 4, A(UINT), true},
		{"max_entries", 12, 4, A(UINT), true},
		{"map_flags", 16, 4, A(HEX), false},
	};
	static const struct decode_field prog_load[] = {
		{"prog_type", 0, 4, A(BPF_PROG_TYPE), true},
		{"insn_cnt", 4, 4, A(UINT), true},
		{"insns", 8, 8, A(ADDR), true},
		{"license", 16, 8, A(STR), true},
	};
	uint64_t size = i + 1 < 6 ? c->args[i + 1] : 0;

	if (i == 1 && c->args[0] == BPF_MAP_CREATE)
		decode_print_struct(c, v, size, map_create,
				    ARRAY_SIZE(map_create), 20);
	else if (i == 1 && c->args[0] == BPF_PROG_LOAD)
		decode_print_struct(c, v, size, prog_load,
				    ARRAY_SIZE(prog_load), 24);
	else
		decode_print_addr(c, v);
	return true;
}

static const struct decode_field perf_attr_fields[] = {
	{"type", 0, 4, A(PERF_TYPE), true},
	{"size", 4, 4, A(UINT), true},
	{"config", 8, 8, A(HEX), true},
};

const struct decode_struct decode_sec_perf_attr = {
	perf_attr_fields, ARRAY_SIZE(perf_attr_fields), 16, false};

/* The fields the program sets; the kernel fills in the rest. */
static const struct decode_field iouring_params_fields[] = {
	{"flags", 8, 4, A(IOURING_SETUP_FLAGS), true},
	{"sq_thread_cpu", 12, 4, A(UINT), true},
	{"sq_thread_idle", 16, 4, A(UINT), true},
	{"cq_entries", 4, 4, A(UINT), false},
	{"wq_fd", 24, 4, A(FD), false},
};

const struct decode_struct decode_sec_iouring_params = {
	iouring_params_fields, ARRAY_SIZE(iouring_params_fields), 28, false};
