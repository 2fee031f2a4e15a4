/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The grammar of one strace output line, without any state: what the
 * prefix says (pid, timestamps, -n number, -i address) and what kind of
 * line follows. The reader (reader.c) puts lines in context: which call
 * an "<... resumed>" line belongs to, whether a line is program output
 * that came while a call line was still open, which ABI is in force.
 *
 * Internal to the stracelog module; the unit tests include it directly.
 */
#ifndef SECCOMPDBG_STRACELOG_LINE_H
#define SECCOMPDBG_STRACELOG_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

enum sl_kind {
	SL_OTHER,	/* not strace's: program output, garbage */
	SL_BLANK,	/* nothing but spaces */
	SL_CALL,	/* NAME(ARGS...) */
	SL_RESUMED,	/* <... NAME resumed>REST */
	SL_SIGNAL,	/* --- SIGX {...} ---, --- stopped by SIGX --- */
	SL_EXITED,	/* +++ exited with N +++ */
	SL_KILLED,	/* +++ killed by SIGX [(core dumped) ]+++ */
	SL_SUPERSEDED,	/* +++ superseded by execve in pid N +++ */
	SL_PERSONALITY, /* [ Process PID=N runs in MODE mode. ] */
	SL_STACK,	/* " > /lib/libc.so.6(write+0x14) [0x...]" (-k) */
	SL_STRACE,	/* "strace: ..." */
	SL_SUMMARY,	/* a row of the -c / -C table */
};

/* How a call line ends. */
enum sl_state {
	SL_COMPLETE,   /* ") = RESULT" */
	SL_UNFINISHED, /* " <unfinished ...>": an "<... resumed>" follows */
	SL_OPEN,       /* no end: the rest is on a later line (program
			  output came in between, strace's stderr case) */
	SL_DETACHED,   /* " <detached ...>": strace let go mid-call */
};

enum sl_ret {
	SL_RET_NONE,	    /* no result (not SL_COMPLETE) */
	SL_RET_VALUE,	    /* "= 3", "= 0x7f..." */
	SL_RET_ERROR,	    /* "= -1 ENOENT (...)" */
	SL_RET_RESTART,	    /* "= ? ERESTARTSYS (...)": an error strace -c
			   counts too */
	SL_RET_UNKNOWN,	    /* "= ?": the call never returned (exit_group) */
	SL_RET_UNAVAILABLE, /* "= ? <unavailable>": it returned, strace
			       could not read what */
};

/* How the pid is written, which tells where the log came from. */
enum sl_style {
	SL_PFX_NONE,
	SL_PFX_BRACKET, /* "[pid  1234] ": -f to stderr */
	SL_PFX_COLUMN,	/* "1234  ": -f -o FILE */
};

enum sl_msg {
	SL_MSG_OTHER,
	SL_MSG_ATTACHED, /* "strace: Process N attached" */
	SL_MSG_DETACHED, /* "strace: Process N detached" */
};

/* A piece of the line (not NUL-terminated). */
struct sl_span {
	const char *p;
	size_t n;
};

struct sl_result {
	enum sl_ret kind;
	long long value; /* SL_RET_VALUE */
	char err[24];	 /* SL_RET_ERROR / SL_RET_RESTART: "ENOENT" */
};

struct sl_line {
	enum sl_kind kind;
	enum sl_style style;
	long pid; /* from the prefix; 0 when there is none */
	long nr;  /* -n: the syscall number; -1 when not printed */
	/* SL_CALL, SL_RESUMED: the call. SL_SIGNAL, SL_KILLED: the signal. */
	struct sl_span name;
	/* SL_CALL: the arguments, up to the closing parenthesis. */
	struct sl_span args;
	enum sl_state state; /* SL_CALL, SL_RESUMED */
	struct sl_result res;
	/* SL_EXITED: the status; SL_SUPERSEDED, SL_PERSONALITY, SL_STRACE:
	 * the pid the line names. A call line ending in " <pid changed to
	 * N ...>" (SL_UNFINISHED) or, open, in strace's glued "strace:
	 * Process N attached" (stderr case) also sets it. */
	long value;
	struct sl_span mode; /* SL_PERSONALITY: "32 bit", "64 bit", "x32" */
	bool core;	     /* SL_KILLED: (core dumped) */
	bool seccomp;	     /* SL_SIGNAL: si_code=SYS_SECCOMP */
	struct sl_span si_syscall; /* SL_SIGNAL SIGSYS: "__NR_getppid" */
	struct sl_span si_arch;	   /* SL_SIGNAL SIGSYS: "AUDIT_ARCH_I386" */
	enum sl_msg msg;	   /* SL_STRACE */
};

/* Character classes and matching, shared by line.c and scan.c. */
static inline bool sl_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool sl_is_hex(char c)
{
	return sl_is_digit(c) || (c >= 'a' && c <= 'f');
}

static inline bool sl_is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

static inline bool sl_is_name_char(char c)
{
	return sl_is_name_start(c) || sl_is_digit(c);
}

static inline bool sl_is_word(char c)
{
	return sl_is_name_char(c) || (c >= 'A' && c <= 'Z');
}

static inline bool sl_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t len = strlen(lit);

	return i <= n && n - i >= len && !memcmp(s + i, lit, len);
}

static inline bool sl_ends_with(const char *s, size_t n, const char *lit)
{
	size_t len = strlen(lit);

	return n >= len && !memcmp(s + n - len, lit, len);
}

/* Digits at s[i]: their count (0 when none), the value in *v. */
static inline size_t sl_digits(const char *s, size_t n, size_t i, long *v)
{
	size_t j = i;
	long x = 0;

	while (j < n && sl_is_digit(s[j]) && j - i < 18)
		x = x * 10 + (s[j++] - '0');
	if (v)
		*v = x;
	return j - i;
}

/* Longest system call name accepted (strace's longest is ~30). */
#define SL_NAME_MAX 64

/*
 * The arguments and end of a call from s[i], inside DEPTH open brackets
 * (scan.c): sets out->args, out->state, out->res, and out->value when an
 * open line ends with "strace: Process N attached". False when the text
 * cannot be strace's.
 */
bool sl_parse_tail(const char *s, size_t n, size_t i, int depth,
		   struct sl_line *out);

/* Classify the line S of N bytes (no newline) into OUT. */
void sl_parse(const char *s, size_t n, struct sl_line *out);

/*
 * S continues a call line that had no end (SL_OPEN): ") = 20",
 * ", child_tidptr=0x7f...) = 6845", " <unfinished ...>". Returns true and
 * sets out->state and out->res when it does; false for a line that does
 * not (program output still coming).
 */
bool sl_parse_continuation(const char *s, size_t n, struct sl_line *out);

/* strace's "syscall_0x1b3" / "syscall_435" for a number it cannot name:
 * true and the number in *nr. */
bool sl_name_is_number(const char *name, long *nr);

#endif
