/* SPDX-License-Identifier: MIT */
/* emit_priv.h - helpers shared by the emitters and position.c (internal) */
#ifndef HL_EMIT_PRIV_H
#define HL_EMIT_PRIV_H

#include "emit.h"

/* error, warning or note: the words of gcc's format and SARIF levels. */
const char *hl_note_word(enum hl_severity s);

/* Terminal columns of @c: 0 for combining marks, 2 for wide characters. */
int hl_u8_width(int32_t c);

/*
 * Append @s (@n bytes) for a terminal or a log: control characters, bidi
 * controls and line separators escaped (\x1b, \n, \u{202e}), invalid
 * UTF-8 bytes as \xNN, so input can never drive the terminal.
 */
void hl_clean_add(struct hl_buf *b, const char *s, size_t n);
/* Append the escape of code point @c and return true, or return false
 * when @c is safe to print as it is. */
bool hl_clean_cp(struct hl_buf *b, int32_t c);

/* The path users see for file @idx ("-" when unknown). */
const char *hl_report_path(const struct hl_report *r, size_t idx);
/* How many files were linted. */
size_t hl_report_nlinted(const struct hl_report *r);

/*
 * A small streaming JSON writer. Members and elements at depth <= @pretty
 * go on their own lines, indented by two spaces a level; deeper ones stay
 * on one line. Output is written to @out in chunks (hl_jw_flush).
 */
struct hl_jw {
	struct hl_buf b;
	FILE *out;
	int depth, pretty;
	bool first, after_key;
};
void hl_jw_init(struct hl_jw *w, FILE *out, int pretty);
void hl_jw_open(struct hl_jw *w, char c);
void hl_jw_close(struct hl_jw *w, char c);
void hl_jw_key(struct hl_jw *w, const char *k);
void hl_jw_str(struct hl_jw *w, const char *s);		/* NULL: null */
void hl_jw_strn(struct hl_jw *w, const char *s, size_t n);
void hl_jw_raw(struct hl_jw *w, const char *s);		/* a literal value */
void hl_jw_uint(struct hl_jw *w, unsigned long v);
void hl_jw_bool(struct hl_jw *w, bool v);
/* Write what is buffered when it is large enough (@all: everything). */
void hl_jw_flush(struct hl_jw *w, bool all);
/* Flush everything, free the buffer; -1 when writing failed. */
int hl_jw_finish(struct hl_jw *w);

#endif
