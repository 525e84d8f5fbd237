/* SPDX-License-Identifier: MIT */
/* util.h - allocation, growable buffers, arenas and error reporting */
#ifndef HL_UTIL_H
#define HL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define HL_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Exit statuses, as docs/usage.md "Exit status" defines them. */
enum hl_exit {
	HL_EXIT_OK = 0,
	HL_EXIT_FINDINGS = 1,
	HL_EXIT_USAGE = 2,
	HL_EXIT_IO = 3,
};

/* A byte range [start, end) in a file's buffer. */
struct hl_span {
	size_t start, end;
};

static inline bool hl_span_set(struct hl_span s)
{
	return s.end > s.start;
}

/* x* allocators die on out-of-memory: a short-lived CLI gains nothing
 * from recovering. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) HL_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* Grow array @p (element count @n, capacity @alloc) to hold @need items. */
#define HL_GROW(p, need, alloc)                                          \
	do {                                                             \
		if ((size_t)(need) > (alloc)) {                          \
			size_t hl_na_ = (alloc) ? (alloc) * 2 : 8;       \
			if (hl_na_ < (size_t)(need))                     \
				hl_na_ = (size_t)(need);                 \
			(p) = xrealloc((p), hl_na_ * sizeof(*(p)));      \
			(alloc) = hl_na_;                                \
		}                                                        \
	} while (0)

/* A growable, NUL-terminated byte buffer (git's strbuf). */
struct hl_buf {
	char *s;
	size_t len, alloc;
};
#define HL_BUF_INIT { NULL, 0, 0 }
void hl_buf_grow(struct hl_buf *b, size_t extra);
void hl_buf_add(struct hl_buf *b, const void *p, size_t n);
void hl_buf_adds(struct hl_buf *b, const char *s);
void hl_buf_addc(struct hl_buf *b, char c);
void hl_buf_addf(struct hl_buf *b, const char *fmt, ...) HL_PRINTF(2, 3);
void hl_buf_reset(struct hl_buf *b);
void hl_buf_release(struct hl_buf *b);
char *hl_buf_detach(struct hl_buf *b);

/* A bump allocator: many small objects, freed at once. */
struct hl_arena_block;
struct hl_arena {
	struct hl_arena_block *head;
	size_t used_total;
};
void *hl_arena_alloc(struct hl_arena *a, size_t n);
char *hl_arena_strndup(struct hl_arena *a, const char *s, size_t n);
char *hl_arena_printf(struct hl_arena *a, const char *fmt, ...) HL_PRINTF(2, 3);
/* Free all but the first block, keep it for reuse. */
void hl_arena_reset(struct hl_arena *a);
void hl_arena_release(struct hl_arena *a);

/* Print "hooklint: error: ..." to stderr and return -1. */
int hl_error(const char *fmt, ...) HL_PRINTF(1, 2);
void hl_warn(const char *fmt, ...) HL_PRINTF(1, 2);
void hl_note(const char *fmt, ...) HL_PRINTF(1, 2);
/* A broken invariant: print and abort. */
_Noreturn void hl_bug_at(const char *file, int line, const char *fmt, ...)
	HL_PRINTF(3, 4);
#define hl_bug(...) hl_bug_at(__FILE__, __LINE__, __VA_ARGS__)

/* Read a whole file (or stdin when @path is NULL) into a NUL-terminated
 * buffer the caller frees. Returns -1 with errno set on failure. */
int hl_read_file(const char *path, char **bufp, size_t *lenp);

/* UTF-8 helpers. hl_utf8_decode returns the code point at @s (at most @n
 * bytes) and stores its length in @len; an invalid sequence returns -1
 * with *len the length of its maximal subpart (at least 1), so columns
 * count invalid bytes the way UTF-16 decoders (and GitHub) do. */
int32_t hl_utf8_decode(const char *s, size_t n, size_t *len);
/* Offset of the first invalid UTF-8 byte in @s, or @n when valid. */
size_t hl_utf8_invalid(const char *s, size_t n);
/* The same, stopping at a NUL byte too. */
size_t hl_text_invalid(const char *s, size_t n);
bool hl_is_go_space(int32_t c);

/* Where a report or a plan goes: @path (-o), or stdout when NULL. On
 * failure the error is printed and NULL returned. */
FILE *hl_output_open(const char *path);
/* Close (or, for stdout, flush) what hl_output_open() gave; on a write
 * error print "cannot write the @what: ..." and return -1. */
int hl_output_close(FILE *out, const char *path, const char *what);

/* Lexically normalise an absolute path ("." and ".." components);
 * the caller frees the result. */
char *hl_path_normalize(const char *abs);

#endif
