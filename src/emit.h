/* SPDX-License-Identifier: MIT */
/* emit.h - report formats, positions and fingerprints */
#ifndef HL_EMIT_H
#define HL_EMIT_H

#include "engine.h"

/*
 * Turn the byte offsets of findings [first, report->nfindings) of file
 * @file (all in @buf of @len bytes) into lines and columns, copy each
 * finding's source line, and with @fingerprints compute GitHub's
 * primaryLocationLineHash. The one place that computes columns.
 */
void hl_resolve_positions(struct hl_report *r, size_t first, const char *buf,
			  size_t len, bool fingerprints);

/* A line start known from the split: line @line begins at byte @off. */
struct hl_line_mark {
	size_t off;
	unsigned long line;
};

/* The same for findings [first, last) only; @marks (ascending, @nmarks,
 * may be NULL) spare counting the lines of a large file again. */
void hl_resolve_positions_range(struct hl_report *r, size_t first,
				size_t last, const char *buf, size_t len,
				bool fingerprints, const struct hl_line_mark *marks,
				size_t nmarks);
/* The position of one byte offset (O(offset): for a few locations). */
void hl_offset_pos(const char *buf, size_t len, size_t off,
		   struct hl_pos *pos);

/* The primaryLocationLineHash of every line listed in @lines (1-based,
 * ascending, @n of them), written to @out[i] as "hex:count" (malloc'd). */
void hl_line_hashes(const char *buf, size_t len, const unsigned long *lines,
		    size_t n, char **out);

/* Write the report in @o->format to @out. @color: ANSI colours (text). */
int hl_emit(const struct hl_report *r, const struct hl_opts *o, FILE *out,
	    bool color);
void hl_emit_text(const struct hl_report *r, const struct hl_opts *o,
		  FILE *out, bool color);
void hl_emit_gcc(const struct hl_report *r, const struct hl_opts *o, FILE *out);
void hl_emit_json(const struct hl_report *r, const struct hl_opts *o,
		  FILE *out);
void hl_emit_sarif(const struct hl_report *r, const struct hl_opts *o,
		   FILE *out);
void hl_emit_github(const struct hl_report *r, const struct hl_opts *o,
		    FILE *out);
/* "N errors, N warnings, N infos in N files" */
void hl_emit_summary(const struct hl_report *r, FILE *out);

/* JSON string escaping (also used for SARIF). */
void hl_json_str(struct hl_buf *b, const char *s, size_t n);
/* The URL of a rule's docs page (static storage per rule). */
const char *hl_rule_url(enum hl_rule_id r);

#endif
