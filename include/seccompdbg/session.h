/* SPDX-License-Identifier: Apache-2.0 */
/*
 * session: one debugging run. It owns everything (the profile and its
 * edits, the compiled filter, the tracees, the queue of denials, the
 * events file) and runs the poll loop. Front ends (the ncurses view, the
 * batch policies) only see denials and status through struct
 * session_frontend and answer through session_decide(); they never touch
 * tracer internals, and the tracer never draws.
 *
 * Strings in a struct session_denial come from the traced program and are
 * already escaped (C style): safe for a terminal or a log as they are.
 */
#ifndef SECCOMPDBG_SESSION_H
#define SECCOMPDBG_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/profile.h"
#include "seccompdbg/resolve.h"

/*
 * How the calls the profile refuses are caught (docs/modes.md). Each is
 * one implementation of the session's mode interface (src/session/mode.h).
 */
enum session_mode {
	SESSION_TRACE,
	SESSION_TRAP,
	SESSION_NOTIFY,
	SESSION_CONTAINER, /* the OCI seccomp agent: docs/containers.md */
	SESSION_MODE_COUNT /* not a mode: how many there are */
};
/* "trace", "trap", "notify", "container" ("?" for no mode) */
const char *session_mode_name(enum session_mode mode);
/* The mode called NAME: 0 and *out, or -EINVAL. */
int session_mode_by_name(const char *name, enum session_mode *out);

struct session_config {
	const char *profile_path; /* NULL: the empty profile (refuse all) */
	enum profile_format format;
	const char *output_path; /* -o: where accepted rules are saved */
	const char *events_path; /* --events: JSON Lines, or NULL */
	enum session_mode mode;
	struct resolve_env env;
	bool no_new_privs;    /* as libseccomp sets it (default true) */
	bool use_pty;	      /* the program gets its own pseudo-terminal */
	char *const *argv;    /* CMD ARG... (argv[0] searched in PATH) */
	struct strbuf *diags; /* or NULL: session_new appends every
				 diagnostic of the profile and of its
				 resolution, one line each */
	/* SESSION_CONTAINER: argv starts the container; an argument "@"
	   or "...=@" gets the debug profile's path (with bundle: the
	   directory of the bundle's copy) */
	const char *bundle;  /* an OCI bundle, or NULL */
	const char *listen;  /* the agent's socket, or NULL: our own */
	const char *runtime; /* "runc", "crun", or NULL: guessed */
};

enum session_state {
	SESSION_PENDING, /* the thread waits for a decision */
	SESSION_ALLOWED_ONCE,
	SESSION_ALLOWED_ALWAYS,
	SESSION_ALLOWED_ARGS,
	SESSION_DENIED,	      /* as the profile would */
	SESSION_DENIED_ERRNO, /* with a chosen errno */
	SESSION_KILLED,
	SESSION_GONE, /* the thread vanished while it waited */
};

struct session_denial {
	unsigned id; /* 1, 2, ... in order of arrival */
	double time; /* wall clock, seconds */
	pid_t pid, tid, ppid;
	const char *comm, *exe; /* escaped */
	uint32_t arch;		/* AUDIT_ARCH_* */
	const char *arch_name;	/* "x86_64", "x86" */
	int nr;
	const char *name; /* "unshare", or "syscall_NNN" */
	uint64_t args[6];
	uint64_t ip, sp;
	unsigned rule_id;		/* RESOLVE_ID_* or a rule's id */
	const char *rule_path;		/* "syscalls[3]", "defaultAction" */
	const char *rule_comment;	/* NULL when none */
	struct profile_verdict verdict; /* what the profile does */
	const char *decoded;		/* "unshare(CLONE_NEWUSER)" */
	const char *backtrace; /* lines "#0 unshare+11 libc.so.6", or NULL */
	const char *hint;      /* the code that asked, or NULL */
	const char *why;       /* a note on well-known refusals, or NULL */
	const char *container; /* "NAME (ID)" of the container, escaped,
				  or NULL (SESSION_CONTAINER) */
	const char *container_id, *container_name, *container_image;
	bool startup;	      /* the runtime's own call, made before the
			 container's program (runc's or crun's init) */
	const char *runtime;  /* for startup: "runc" or "crun" (static) */
	bool racy;	      /* NOTIFY mode: memory read after the check */
	const char *degraded; /* what this mode could not give, or NULL */
	enum session_state state;
	int errno_used;	      /* for SESSION_DENIED* */
	unsigned repeats;     /* later identical calls answered by the
				 decision taken on this one */
	unsigned answered_by; /* this one was pending and answered, unasked,
				 by the decision taken on that denial (every
				 identical one, or the profile allows it now);
				 0 when decided on itself */
};

enum session_action {
	SESSION_ALLOW_ONCE,
	SESSION_ALLOW_ALWAYS, /* the profile gains the syscall */
	SESSION_ALLOW_ARGS,   /* the profile gains a rule with conditions */
	SESSION_DENY,	      /* as the profile would */
	SESSION_DENY_ERRNO,
	SESSION_KILL, /* the whole program */
};

struct session_decision {
	enum session_action action;
	int errno_value;	     /* SESSION_DENY_ERRNO */
	struct profile_arg conds[6]; /* SESSION_ALLOW_ARGS */
	size_t nconds;
	bool all_identical; /* also every pending denial of the same call */
	bool all_startup;   /* SESSION_ALLOW_ALWAYS of a runtime start-up
			       call: every other one too, pending and to
			       come (SESSION_CONTAINER) */
};

struct session_status {
	size_t nprocesses, nthreads, npending, ndenials;
	size_t ncontainers;	  /* SESSION_CONTAINER: the containers whose
			       filter a process still uses (nprocesses
			       counts the command that starts them) */
	bool started;		  /* session_start succeeded */
	bool running;		  /* started, and the program is not over */
	int exit_status;	  /* when !running: as `run` exits (128+N) */
	size_t unsaved;		  /* profile edits not yet saved */
	int signal;		  /* SIGINT, SIGTERM or SIGHUP that ended the
				     run (the program is killed), or 0 */
	const char *failure;	  /* why the program could not start (its exec,
				the filter), or NULL; borrowed */
	unsigned long remembered; /* calls answered by a remembered
				     decision, unasked */
};

struct session_frontend {
	void *ctx;
	/* A new denial, or one whose state or repeats changed. */
	void (*denial)(void *ctx, const struct session_denial *d);
	/* Bytes the program wrote to its terminal (use_pty only). */
	void (*output)(void *ctx, const char *buf, size_t len);
	/* Processes came or went, the program exited, the profile changed. */
	void (*status)(void *ctx);
	/* The front end never shows backtraces or hints (record's): with
	   no events file either, no denial takes one (no unwinding) */
	bool no_origin;
	/*
	 * The last resort: a SIGINT, SIGTERM or SIGHUP could not end the
	 * session in time (docs/session.md), and seccompdbg is about to
	 * _exit. Give the terminal back as it was. Called from another
	 * thread, at any time until session_free, while the loop may be
	 * stopped anywhere: async-signal-safe calls only, and no state the
	 * front end may have freed (NULL: nothing to give back).
	 */
	void (*emergency)(void);
};

struct session;

/*
 * Load, resolve and compile the profile. -errno with err on failure:
 * -EINVAL when the profile has errors (cfg->diags has them all),
 * -EOPNOTSUPP for a mode that cannot work here (session_mode_probe),
 * -EPERM for no_new_privs off without root, or what opening the events
 * file gave.
 */
int session_new(const struct session_config *cfg, struct session **out,
		struct err *err);
/* Kills whatever of the program is left, frees everything. */
void session_free(struct session *s);

/*
 * Start CMD under the filter. FE (copied; FE->ctx borrowed) is called
 * from here until session_run returns, never after. -ENOENT / -EACCES
 * when CMD cannot be run (err says why), other -errno when we failed.
 */
int session_start(struct session *s, const struct session_frontend *fe,
		  struct err *err);
/* Poll and dispatch until session_quit(). Returns 0 or -errno. */
int session_run(struct session *s);
void session_quit(struct session *s);
/* Watch FD of the front end's (a terminal) from the session's loop. */
void session_watch(struct session *s, int fd, void (*ready)(void *, int),
		   void *ctx);

int session_decide(struct session *s, unsigned id,
		   const struct session_decision *d, struct err *err);
/* The conditions "allow with these arguments" starts from. */
size_t session_suggest_conds(const struct session *s, unsigned id,
			     struct profile_arg conds[6]);
/* Undo the profile edits of the last decision that made some;
   -ENOENT when there is none. */
int session_undo(struct session *s, struct err *err);
/*
 * Close the events file (--events), after the program is over. -errno
 * when a write to it failed at any time (a full disk): ERR names the
 * file and why. 0 without one; session_free closes it otherwise.
 */
int session_events_end(struct session *s, struct err *err);
/* Write the profile to cfg->output_path atomically; -EINVAL without. */
int session_save(struct session *s, struct err *err);
/*
 * What the edits changed: by meaning (the calls the profile as loaded
 * and as edited judge apart, as `seccompdbg diff` says), then the text's
 * unified diff. Nothing when the profile is as loaded.
 */
void session_diff(const struct session *s, struct strbuf *out);
/*
 * For stderr at exit: each refused system call with its counts and the
 * decisions taken, what the profile gained, where it was saved.
 */
void session_summary(const struct session *s, struct strbuf *out);
/* What the profile gained, one line each ("unshare", "clone if
   args[0] & 0x7e020000 == 0x10000000", "architecture SCMP_ARCH_X86"). */
size_t session_accepted(const struct session *s, struct strbuf *out);
/* SIGKILL every process of the program. */
void session_kill_program(struct session *s);

/*
 * Can MODE work on this machine, for this process? 0, or -EOPNOTSUPP
 * with err saying why and which mode to use instead (docs/modes.md).
 * Forks a short-lived child: call it before session_start.
 */
int session_mode_probe(enum session_mode mode, struct err *err);

const struct session_denial *session_denial(const struct session *s,
					    unsigned id);
void session_get_status(const struct session *s, struct session_status *st);
const struct session_config *session_config(const struct session *s);
/* Keystrokes to the program's terminal, and its size (use_pty). */
int session_send_input(struct session *s, const char *buf, size_t len);
void session_set_winsize(struct session *s, unsigned rows, unsigned cols);

#endif
