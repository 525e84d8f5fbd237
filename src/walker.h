/* SPDX-License-Identifier: MIT */
/* walker.h - libfyaml events to hl_doc, one parser per run of documents */
#ifndef HL_WALKER_H
#define HL_WALKER_H

#include "model.h"

/* One document as Helm splits the stream (reference §1.1). */
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

struct hl_walk_ops {
	/* a parsed document: rules run here; the arena is reset after */
	void (*doc)(void *user, struct hl_doc *doc);
	/* a document that cannot be parsed: HL901 at @at */
	void (*syntax)(void *user, const struct hl_docrange *dr, size_t at,
		       size_t end, const char *message);
};

/*
 * Walk the documents @docs (@n of them) of @buf. One libfyaml parser reads
 * each run of documents that YAML splits the same way Helm does; a new
 * parser starts after a syntax error and after a document that cannot be
 * given to libfyaml (NUL, invalid UTF-8, text after "---").
 */
void hl_walk(const char *buf, size_t len, const struct hl_docrange *docs,
	     size_t n, struct hl_arena *arena, const struct hl_walk_ops *ops,
	     void *user);

struct hl_mask;
/*
 * The same over a chart template source: @buf is the masked copy that is
 * parsed, @orig the file as written (same offsets), @mask its actions.
 */
void hl_walk_masked(const char *buf, const char *orig, size_t len,
		    const struct hl_mask *mask,
		    const struct hl_docrange *docs, size_t n,
		    struct hl_arena *arena, const struct hl_walk_ops *ops,
		    void *user);

#endif
