/* SPDX-License-Identifier: MIT */
/* walker.h - libfyaml events to hl_doc, one parser per run of documents */
#ifndef HL_WALKER_H
#define HL_WALKER_H

#include "model.h"
#include "split.h"

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
