/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The session module's private interfaces, shared by its files only:
 *
 * - session.c: the object, the profile and its edits, status, saving;
 * - loop.c: the launch, the poll loop, the pseudo-terminal;
 * - signals.c: SIGINT, SIGTERM, SIGHUP, and the watchdog that ends us;
 * - stop.c: a seccomp stop: remembered answers, building a denial;
 * - decide.c: decisions and the remembered ones;
 * - accept.c: what "allow always" adds to the profile, conditions;
 * - events.c: the JSON Lines events file;
 * - summary.c: the summary at exit;
 * - mode.c, mode_trace.c, mode_notify.c (mode.h): the catching modes,
 *   one interface, chosen in mode.c.
 */
#ifndef SECCOMPDBG_SESSION_INTERNAL_H
#define SECCOMPDBG_SESSION_INTERNAL_H

#include <signal.h>
#include <stdio.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/session.h"
#include "seccompdbg/trace.h"
#include "seccompdbg/unwind.h"
#include "mode.h"

/* ---- the object ------------------------------------------------------- */

/* A denial and the strings it owns. */
struct session_entry {
	struct session_denial pub;
	char **strings; /* comm, exe, rule_path, ... (freed with it) */
	size_t nstrings, strings_cap;
	/* the backtrace as taken at the stop, until it is described */
	struct unwind_capture cap;
	bool has_cap;
};

/* What a decision left in the profile, for credit and the summary. */
enum session_accept_kind {
	SESSION_ACCEPT_SYSCALL, /* the name, on every architecture */
	SESSION_ACCEPT_ARGS,	/* the name under conditions */
	SESSION_ACCEPT_ARCH,	/* the architecture reaches the rules */
	SESSION_ACCEPT_ONCE,	/* nothing could be added: allowed once */
};

struct session_accept {
	enum session_accept_kind kind;
	const char *name; /* static (sysent), NULL for ARCH */
	uint32_t arch;
	struct profile_arg conds[6];
	size_t nconds;
	unsigned id;  /* the denial whose decision it was */
	size_t edits; /* profile_edits() after it: undo drops it */
	bool widened; /* conditions were asked, the whole call went in */
};

/* "Deny every identical call": answered without asking. */
struct session_deny_rule {
	uint32_t arch;
	int nr;
	uint64_t args[6];
	unsigned id; /* the denial whose decision it repeats */
};

/*
 * At most this many notifications, or reads of the program's terminal,
 * per wake-up of the loop: no loop of it is without a way out, so a
 * signal of ours is seen whatever the program does (the tracer's rounds
 * have the same bound: trace/event.c).
 */
#define SESSION_DRAIN_MAX 256

/* Key values of the credit cache. */
#define SESSION_CREDIT_NONE 0u
#define SESSION_CREDIT_SCAN 0xffffffffu

struct session_watch {
	int fd;
	void (*ready)(void *, int);
	void *ctx;
};

struct session {
	struct session_config cfg; /* strings and argv borrowed */
	struct profile *profile;
	struct resolve_result *resolved;
	struct eval *eval;
	struct compile_bpf bpf;
	struct trace *trace;
	struct unwind *unwind;
	struct session_frontend fe; /* called until session_run returns */

	struct session_entry **entries; /* [id - 1] */
	size_t nentries, entries_cap, npending;

	struct session_accept *accepts;
	size_t naccepts, accepts_cap;
	struct hmap credit; /* (arch << 32 | nr) -> denial id */

	struct session_deny_rule *denies;
	size_t ndenies, denies_cap;
	struct hmap deny_map; /* session_key_args -> index in denies */

	size_t *marks; /* profile_edits() before each edit decision */
	size_t nmarks, marks_cap;
	size_t saved_edits; /* profile_edits() at the last save */
	bool saved_stale;   /* undone below the saved state */
	bool saved;

	FILE *events;
	int events_errno;   /* of the first write to it that failed */
	struct strbuf line; /* reused for every event */
	/* The denial whose event waits for its backtrace (stop.c), and
	   the decisions on it written meanwhile, held until it is out. */
	unsigned events_wait;
	struct strbuf events_held;
	unsigned long remembered; /* calls answered without asking */

	bool signals_on;	       /* SIGINT, SIGTERM, SIGHUP are ours */
	bool watchdog_on;	       /* its thread runs (signals.c) */
	sigset_t saved_mask;	       /* the mask session_start found */
	sigset_t wait_mask;	       /* ppoll's: ours and SIG_WAKE let in */
	struct sigaction saved_act[3]; /* their handlers before */
	struct sigaction saved_wake;   /* SIG_WAKE's before */
	bool started, quit, ending;
	bool startup_allowed; /* allow every runtime start-up call */
	char *end_note;	      /* the mode's last word for the summary */
	bool wait_polls;      /* never sleep in waitpid (loop.c) */
	pid_t pid;
	int signal; /* the one that ended us, or 0 */
	bool exited;
	int exit_status;
	char *failure;
	int pty;
	struct session_watch *watches;
	size_t nwatches, watches_cap;

	const struct session_mode_ops *mode; /* chosen in session_new */
	void *mode_data;		     /* the mode's own (mode.h) */
};

/* session.c */
/* Resolve the profile again and rebuild eval (after every edit). */
int session_reresolve(struct session *s, struct err *err);
struct session_entry *session_entry(const struct session *s, unsigned id);
/* Tell the front end a denial changed; status too when asked. */
void session_tell_denial(struct session *s, const struct session_entry *e);
void session_tell_status(struct session *s);
/* Mark the current number of edits as one decision's start. */
void session_mark_edits(struct session *s);

/* stop.c */
void session_on_seccomp(struct session *s, const struct trace_event *ev);
/* A thread's exit: its pending denial is gone. */
void session_on_exit(struct session *s, pid_t tid);

/* decide.c */
/* The errno that "deny as the profile would" returns, or 0 for a kill. */
int session_profile_errno(const struct profile_verdict *v);
/* Deny thread TID of PID the way denial D was denied (its state). */
void session_deny_thread(struct session *s, pid_t pid, pid_t tid,
			 const struct session_denial *d);
/* A runtime start-up call, when they are all to be allowed: allowed
   always now (stays pending if that fails). */
void session_allow_startup(struct session *s, struct session_entry *e);
/* The remembered deny for a call, or NULL. */
const struct session_deny_rule *session_deny_lookup(const struct session *s,
						    uint32_t arch, int nr,
						    const uint64_t args[6]);
/* The key of the remembered denies: a hash of (arch, nr, args). */
uint64_t session_key_args(uint32_t arch, int nr, const uint64_t args[6]);

/* accept.c */
/*
 * Add what allows the call of E to the profile (allow always) and check
 * that eval now allows it. -errno with err when it cannot be expressed.
 */
int session_accept_always(struct session *s, struct session_entry *e,
			  struct err *err);
int session_accept_args(struct session *s, struct session_entry *e,
			const struct profile_arg *conds, size_t nconds,
			struct err *err);
/* The denial id to credit for a call eval now allows (0: none). */
unsigned session_credit(struct session *s, uint32_t arch, int nr,
			const uint64_t args[6], bool badarch);
/* Forget accepts whose edits were undone. */
void session_accepts_trim(struct session *s);
/*
 * The conditions that cover exactly this call, on the arguments the
 * resolved rules for it test (MASKED_EQ with their mask, or EQ), or,
 * when no rule tests one, on every argument decode says is a value or
 * flags. Pointers are never conditions. Returns how many.
 */
size_t session_conds_for(const struct resolve_result *r, uint32_t arch, int nr,
			 const uint64_t args[6], struct profile_arg conds[6],
			 bool *from_rules);
/* "args[0] & 0x7e020000 == 0x10000000", appended. */
void session_conds_format(const struct profile_arg *c, size_t n,
			  struct strbuf *out);

/* events.c */
int session_events_open(struct session *s, struct err *err);
void session_event_start(struct session *s);
void session_event_denial(struct session *s, const struct session_entry *e);
/* From now on decisions on denial ID are held (s->events_wait = ID);
   session_event_denial of it writes them after it. */
void session_event_hold(struct session *s, unsigned id);
void session_event_decision(struct session *s, const struct session_entry *e,
			    const struct session_decision *dec);
/* A call answered by a remembered decision (allow or deny). */
void session_event_remembered(struct session *s, const struct trace_event *ev,
			      const char *decision, int err, unsigned by);
void session_event_exit(struct session *s);
/* The pure part, for tests: one denial as a JSON object (no newline). */
void session_json_denial(const struct session_denial *d, struct strbuf *out);
/* "allow_always", "deny"... for a state. */
const char *session_state_key(enum session_state st);

/* summary.c: the table of refused calls, from denials alone. */
void session_summary_table(const struct session_denial *const *ds, size_t n,
			   struct strbuf *out);

/* loop.c */
void session_loop_release(struct session *s);

/* signals.c: SIGINT, SIGTERM, SIGHUP and the watchdog (docs/session.md) */
/* Block them in this thread, handlers, the watchdog thread. */
int session_signals_open(struct session *s, struct err *err);
/* Stop the watchdog, drop what is pending, put back what was found. */
void session_signals_close(struct session *s);
/* The first of them that came (0: none), whichever thread took it. */
int session_signals_caught(void);
/* The loop has seen it: the watchdog stops waking it up. */
void session_signals_taken(void);
/* What the watchdog calls to give the terminal back (NULL: nothing). */
void session_signals_restore_with(void (*restore)(void));

/* mode.c: answer a thread, whatever catches its call (mode.h) */
int session_allow_thread(struct session *s, pid_t tid);
int session_deny_errno(struct session *s, pid_t tid, int err);
int session_deny_as_profile(struct session *s, pid_t pid, pid_t tid,
			    const struct profile_verdict *v);

#endif
