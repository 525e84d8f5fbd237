/* SPDX-License-Identifier: MIT */
/* lifecycle.c - Helm's hook lifecycle per command, and the release rules */
#include "release.h"

void hl_release_check(struct hl_ctx *ctx, const struct hl_release *rel)
{
	(void)ctx;
	(void)rel;
}
