/* SPDX-License-Identifier: MIT */
/* position.h - byte offsets to lines and columns, GitHub line hashes */
#ifndef HL_POSITION_H
#define HL_POSITION_H

#include "util.h"

/* A resolved position: 1-based line, code-point column, UTF-16 column. */
struct hl_pos {
	unsigned long line, col, col16;
};

/* A line start known from the split: line @line begins at byte @off. */
struct hl_line_mark {
	size_t off;
	unsigned long line;
};

/* One offset to resolve, and where its answer goes. */
struct hl_want {
	size_t off;
	struct hl_pos *pos;
	char **line;		/* or NULL: gets a copy of the offset's line */
};

/*
 * Resolve the @n offsets of @w (sorted here) in one forward walk over
 * @buf. @marks (ascending, @nmarks, may be NULL) spare counting the lines
 * of a large file again. The one place that computes columns.
 */
void hl_positions(const char *buf, size_t len, struct hl_want *w, size_t n,
		  const struct hl_line_mark *marks, size_t nmarks);
/* The position of one byte offset (O(offset): for a few locations). */
void hl_offset_pos(const char *buf, size_t len, size_t off,
		   struct hl_pos *pos);

/* The primaryLocationLineHash of every line listed in @lines (1-based,
 * ascending, @n of them), written to @out[i] as "hex:count" (malloc'd). */
void hl_line_hashes(const char *buf, size_t len, const unsigned long *lines,
		    size_t n, char **out);

#endif
