/* SPDX-License-Identifier: MIT */
/* split.h - a stream split into documents the way Helm splits it */
#ifndef HL_SPLIT_H
#define HL_SPLIT_H

#include "util.h"

/* One document as Helm splits the stream (§1.1). */
struct hl_docrange {
	size_t start;		/* first byte of the separator line, or 0 */
	size_t content;		/* first byte after "---[ \t]*" */
	size_t end;		/* start of the next separator line */
	const char *source;	/* "# Source:" path (arena), or NULL */
	bool yaml_marker;	/* YAML also sees a document start here */
	size_t bad_at;		/* offset of a NUL or invalid UTF-8, or SIZE_MAX */
	bool mentions_tool;	/* holds "hooklint": maybe a suppression */
	unsigned long line;	/* 1-based line of @start */
};

/* Split @buf the way Helm does (a line starting with "---"), record
 * "# Source:" comments (copied into @arena) and pre-scan for NUL bytes
 * and invalid UTF-8. *out is malloc'd; returns the number of documents. */
size_t hl_split_docs(struct hl_arena *arena, const char *buf, size_t len,
		     struct hl_docrange **out);

#endif
