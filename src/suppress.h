/* SPDX-License-Identifier: MIT */
/* suppress.h - inline "# hooklint disable=..." comments and HL902 */
#ifndef HL_SUPPRESS_H
#define HL_SUPPRESS_H

#include "opts.h"
#include "report.h"

/*
 * Apply the inline suppressions of one file to its findings: of the
 * findings [@first, @r->nfindings) those of report file @file (whose
 * bytes are @buf, @len) that a comment covers are dropped, and each ID of
 * a comment that suppressed nothing becomes an HL902 finding. @tpl: a
 * chart template source, where Go template comments holding the same
 * text count too. Must run before the file's buffer is freed.
 *
 *   # hooklint disable=ID[,ID...] [-- reason]    the line it ends, or the
 *                                                first line below its block
 *                                                of comment lines
 *   # hooklint disable-file=ID[,ID...]           the file; in a rendered
 *                                                stream, the documents of
 *                                                its "# Source:" template
 *
 * IDs are rule IDs, names, or "all". A "#" counts only where YAML starts a
 * comment, never inside a quoted or block scalar.
 */
void hl_suppress_apply(const struct hl_opts *o, struct hl_report *r,
		       size_t first, size_t file, const char *buf, size_t len,
		       bool tpl);

#endif
