/* SPDX-License-Identifier: MIT */
/* mask.h - blank out Go template actions without moving a byte */
#ifndef HL_MASK_H
#define HL_MASK_H

#include "util.h"

enum hl_action_kind {
	HL_ACT_VALUE,		/* {{ .Values.x }}, {{ printf … }}: prints */
	HL_ACT_ASSIGN,		/* {{ $x := 1 }}: prints nothing */
	HL_ACT_EMIT,		/* can emit keys: include, template, toYaml, tpl */
	HL_ACT_IF,
	HL_ACT_WITH,
	HL_ACT_RANGE,
	HL_ACT_ELSE,		/* else, else if, else with */
	HL_ACT_END,
	HL_ACT_DEFINE,		/* define, block: a body that is not emitted here */
	HL_ACT_COMMENT,
};

struct hl_action {
	struct hl_span span;	/* "{{" .. "}}" */
	unsigned char kind;	/* enum hl_action_kind */
	bool alone;		/* nothing but blanks and actions on its lines */
	bool tail;		/* "key: {{ … | nindent N }}" ending its line:
				 * emits the key's value on the lines below */
	int column;		/* where emitted keys start (0-based), or -1 */
};

/* One arm of an if/with/range block: [start, end) of the text it
 * controls. Arms of one block exclude each other. */
struct hl_arm {
	struct hl_span span;
	struct hl_span head;	/* the if/with/range/else action opening it */
	int block;		/* block id */
	int arm;		/* 0 for the if, 1.. for each else */
	int parent;		/* enclosing arm index, or -1 */
	bool range;		/* the block is a range: its text may repeat */
};

struct hl_mask {
	struct hl_action *actions;	/* in order */
	size_t nactions;
	struct hl_arm *arms;		/* in order of start */
	size_t narms;
	bool unbalanced;		/* an unclosed action or block */
};

/*
 * Copy @src (@len bytes) to @dst, replacing every template action: by a
 * run of '_' when it shares its line with other text, by spaces when it
 * stands alone; newlines are kept, so every offset in @dst is the same
 * offset in @src. define/block bodies become blank. Fills @m.
 */
void hl_mask(const char *src, size_t len, char *dst, struct hl_mask *m);
void hl_mask_release(struct hl_mask *m);

/* The first action that starts at or after @off, or NULL. */
const struct hl_action *hl_mask_action_from(const struct hl_mask *m,
					    size_t off);
/* Does [start, end) overlap an action? (binary search) */
bool hl_mask_overlaps(const struct hl_mask *m, size_t start, size_t end);
/* The innermost arm containing @off, or -1. */
int hl_mask_arm_at(const struct hl_mask *m, size_t off);
/* Are the positions in arms @a and @b alternatives (different arms of
 * one block)? */
bool hl_mask_exclusive(const struct hl_mask *m, int a, int b);
/* Is @off inside a range block? */
bool hl_mask_in_range(const struct hl_mask *m, int arm);

#endif
