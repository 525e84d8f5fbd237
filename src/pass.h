/* SPDX-License-Identifier: MIT */
/* pass.h - the per-document pass: every rule family on one manifest */
#ifndef HL_PASS_H
#define HL_PASS_H

#include "engine.h"

/* A family of per-document rules (rules/families.yaml). */
struct hl_family {
	const char *name;
	void (*check)(struct hl_ctx *ctx);
	unsigned places;	/* 1 << enum hl_place: where it applies */
	bool values_only;	/* also on annotations found line by line */
};

/* Generated from rules/families.yaml (pass_families.c), in the order
 * they run. */
extern const struct hl_family hl_families[];
extern const size_t hl_nfamilies;

/* Run the rule families that apply where ctx->place says the document
 * sits on ctx->doc and ctx->hook. */
void hl_check_doc(struct hl_ctx *ctx);
/* The families that judge hook annotation values alone, for annotations
 * found line by line in a template masking could not make YAML of. */
void hl_check_values_only(struct hl_ctx *ctx);
/* A document that cannot be parsed: HL901 at [at, end) with @message,
 * or HL601 for a template action in a crds/ file. */
void hl_check_unparsed(struct hl_ctx *ctx, size_t at, size_t end,
		       const char *message);

#endif
