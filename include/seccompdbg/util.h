/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util: the small vocabulary every module shares.
 *
 * - x-allocators that abort on out-of-memory (an OOM in a debugger is not
 *   something to recover from half-way through a ptrace stop);
 * - struct strbuf, a growable NUL-terminated byte buffer;
 * - struct err, a fixed message buffer on the caller's stack that carries
 *   the human sentence of a failure upward, prefixed with context;
 * - escaping of untrusted bytes for terminals (C style, like strace) and
 *   for JSON strings;
 * - whole-file reads and atomic writes;
 * - struct hmap, the hash map every module uses.
 *
 * Nothing here prints: library code returns errors, only cli/ prints.
 */
#ifndef SECCOMPDBG_UTIL_H
#define SECCOMPDBG_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* Allocation: never returns NULL; aborts with a message on exhaustion. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* xrealloc for arrays: checks n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* At most n bytes of s, stopping at a NUL (like strndup). */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
 * Grow *arr (of *cap elements of size elem) so that it holds at least
 * need elements. Doubles the capacity, so appends are amortised O(1).
 */
void xgrow(void *arr, size_t *cap, size_t need, size_t elem);

/*
 * struct strbuf: a byte buffer that is always NUL-terminated (buf may hold
 * NULs too; len is the truth). Embed it and call strbuf_init, or use
 * STRBUF_INIT. strbuf_release frees it; strbuf_detach hands the string over.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT        \
	{                  \
		NULL, 0, 0 \
	}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Returns the heap string (never NULL) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Back to its first LEN bytes (LEN <= sb->len). */
void strbuf_truncate(struct strbuf *sb, size_t len);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
/* Replace the N bytes at AT (AT + N <= sb->len) by DATA's LEN bytes. */
void strbuf_splice(struct strbuf *sb, size_t at, size_t n, const void *data,
		   size_t len);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Returns sb->buf, or "" for a buffer that never grew. */
const char *strbuf_str(const struct strbuf *sb);

/*
 * struct err: the human sentence of a failure. Functions take an optional
 * `struct err *` (NULL means the caller does not want the sentence) and
 * return a negative errno. Callers add context on the way up with
 * err_prefix ("loading foo.json: " + "syscalls[2]: ...").
 */
struct err {
	char msg[1024];
};

/* Sets the message and returns -code (code is a positive errno). */
int err_set(struct err *err, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Prepends "PREFIX: " to the message, if any. */
void err_prefix(struct err *err, const char *fmt, ...) PRINTF_LIKE(2, 3);
void err_clear(struct err *err);

/*
 * Escaping of bytes the traced program controls.
 *
 * escape_c: strace style. Printable ASCII stays, except '"' and '\\' which
 * get a backslash; \n \t \r \v \f \b \a and \0 use their C escapes (\0 only
 * when the next byte is not an octal digit); every other byte (controls, DEL,
 * 8-bit bytes including valid UTF-8) becomes \xHH. The result never contains
 * a control byte or a byte >= 0x80, so it is safe on any terminal.
 */
void escape_c(struct strbuf *out, const void *data, size_t n);

/*
 * escape_json: the inside of a JSON string (no quotes). Valid UTF-8 is kept
 * as it is, except U+2028/U+2029 which are \u-escaped; controls use \n, \t,
 * ... or \u00XX; invalid UTF-8 bytes become U+FFFD (as Go does), so the
 * output is always valid UTF-8 JSON.
 */
void escape_json(struct strbuf *out, const void *data, size_t n);
/* escape_json with the surrounding quotes. */
void json_quote(struct strbuf *out, const char *s);

/*
 * UTF-8. utf8_decode: the valid sequence at DATA (at most N bytes, N >= 1):
 * its length, with the code point in *cp; 0 when it is not valid
 * (overlong, a surrogate, past U+10FFFF, cut short). utf8_put appends
 * code point CP (at most U+10FFFF).
 */
size_t utf8_decode(const void *data, size_t n, uint32_t *cp);
void utf8_put(struct strbuf *out, uint32_t cp);

/*
 * Files the user names (docs/seccompdbg.1, FILES).
 *
 * read_file_open opens PATH for reading: a regular file, or a pipe or
 * FIFO that has data or a writer already (-p <(cmd)); one no one writes
 * to fails at once with -ENXIO instead of blocking for ever. A directory
 * is -EISDIR; a device or a socket -ENODEV. The descriptor blocks.
 * read_file reads such a file whole (at most MAX bytes: -EFBIG beyond)
 * into a NUL-terminated heap buffer.
 */
int read_file_open(const char *path, int *fd, struct err *err);
int read_file(const char *path, size_t max, char **data, size_t *len,
	      struct err *err);
/*
 * write_file_atomic writes DATA to PATH according to what PATH names:
 * - "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: our
 *   descriptor, written as it is (as the shell's redirections);
 * - a character device or a FIFO: opened and written, never replaced (a
 *   FIFO with no reader: -ENXIO rather than waiting for one);
 * - a regular file, through any symbolic links (a dangling link: the
 *   file it names is created): replaced atomically in its own directory
 *   by a temporary file written, fsynced and renamed over it; it is
 *   always the old file or the new one, never half of each. It keeps the
 *   old file's mode and owner; a new one is 0666 minus the umask. Other
 *   hard links to the old file keep the old content;
 * - a directory (-EISDIR), a block device or a socket (-ENODEV): refused.
 * A kill -9 in the middle leaves at most .NAME.seccompdbg-XXXXXX beside
 * the file, which the next write to it removes (util/tmpfile.c).
 * write_file_check says whether that write can work, before long work
 * (run, from-strace...): the same refusals, a missing directory, a file
 * or directory we may not write, a descriptor not open for writing.
 */
int write_file_atomic(const char *path, const void *data, size_t len,
		      struct err *err);
int write_file_check(const char *path, struct err *err);

/*
 * struct hmap: 64-bit keys -> pointers (or integers cast to pointers).
 * A key may be added more than once: for keys that are hashes of bigger
 * things (strings, BPF blocks, argument sets), hmap_find walks every
 * value under the key and the caller compares. Values are borrowed.
 * Embed it zeroed (HMAP_INIT) and release it with hmap_release. No add
 * or remove while hmap_each walks the map (removal moves entries).
 * count is the number of entries; the other fields are private.
 */
struct hmap_slot {
	uint64_t key;
	void *val;
};

struct hmap {
	struct hmap_slot *slots;
	unsigned char *full; /* per slot: holds an entry */
	size_t cap;	     /* 0 or a power of two */
	unsigned bits;	     /* log2(cap) */
	size_t count;
};

#define HMAP_INIT \
	{         \
		0 \
	}

void hmap_add(struct hmap *m, uint64_t key, void *val);
/* KEY -> VAL: replaces the value of the first entry with KEY, or adds. */
void hmap_set(struct hmap *m, uint64_t key, void *val);
/* The first value under KEY, or NULL. */
void *hmap_get(const struct hmap *m, uint64_t key);
/*
 * The values under KEY, one per call: *pos starts at 0. Returns false
 * after the last; *val (if val) is the value found.
 */
bool hmap_find(const struct hmap *m, uint64_t key, size_t *pos, void **val);
/* Removes the first entry under KEY (its value in *val); false if none. */
bool hmap_remove(struct hmap *m, uint64_t key, void **val);
/* Every entry, in no order: *pos starts at 0; false after the last. */
bool hmap_each(const struct hmap *m, size_t *pos, uint64_t *key, void **val);
/* Empties the map, keeping its room. */
void hmap_clear(struct hmap *m);
void hmap_release(struct hmap *m);
/* Hashes for keys: V mixed into H (chain it), and bytes (FNV-1a). */
uint64_t hmap_mix(uint64_t h, uint64_t v);
uint64_t hmap_hash_bytes(const void *data, size_t n);

/* Small string helpers. */
bool str_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);
bool str_eq_nocase(const char *a, const char *b);
/* Levenshtein distance, for "did you mean" suggestions. */
size_t str_distance(const char *a, const char *b);

/*
 * Parse an unsigned 64-bit number in decimal, 0x hex or 0 octal, with
 * nothing after it. Returns 0 or -EINVAL / -ERANGE.
 */
int parse_u64(const char *s, uint64_t *out);

/* Wall-clock time in seconds. */
double time_wall(void);

#endif
