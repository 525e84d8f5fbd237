/* SPDX-License-Identifier: MIT */
/* fallback.h - hook annotations of a template masking cannot make YAML of */
#ifndef HL_FALLBACK_H
#define HL_FALLBACK_H

#include "engine.h"

struct hl_mask;
/* Find the literal hook annotations of [start, end) line by line and
 * check their values (the kind is unknown: kind rules stay silent). */
void hl_fallback_scan(struct hl_ctx *ctx, const struct hl_mask *mask,
		      size_t start, size_t end);

#endif
