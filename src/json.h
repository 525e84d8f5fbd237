/* SPDX-License-Identifier: MIT */
/* json.h - JSON string escaping and a small streaming writer */
#ifndef HL_JSON_H
#define HL_JSON_H

#include "util.h"

/* Append @s (@n bytes) as a quoted JSON string (also used for SARIF). */
void hl_json_str(struct hl_buf *b, const char *s, size_t n);

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
