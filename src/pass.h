/* SPDX-License-Identifier: MIT */
/* pass.h - the per-document pass: every rule family on one manifest */
#ifndef HL_PASS_H
#define HL_PASS_H

#include "engine.h"

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
