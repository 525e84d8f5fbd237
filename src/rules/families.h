/* SPDX-License-Identifier: MIT */
/*
 * rules/families.h - the entry point of each rule family: one function
 * per src/rules/<family>.c, run on one manifest document.
 */
#ifndef HL_RULES_FAMILIES_H
#define HL_RULES_FAMILIES_H

#include "engine.h"

void hl_check_events(struct hl_ctx *ctx);
void hl_check_weights(struct hl_ctx *ctx);
void hl_check_values(struct hl_ctx *ctx);
void hl_check_policies(struct hl_ctx *ctx);
void hl_check_keys(struct hl_ctx *ctx);
void hl_check_resource_policy(struct hl_ctx *ctx);
void hl_check_kinds(struct hl_ctx *ctx);
void hl_check_portability(struct hl_ctx *ctx);
void hl_check_charts(struct hl_ctx *ctx);

/* Documents that cannot be parsed. HL601 for a template action in a
 * crds/ file's [start, end); false when there is none (charts.c). */
bool hl_check_crds_text(struct hl_ctx *ctx, size_t start, size_t end);
/* HL901 at [at, end) (syntax.c). */
void hl_check_syntax(struct hl_ctx *ctx, size_t at, size_t end,
		     const char *message);

#endif
