/* SPDX-License-Identifier: MIT */
/* rules/syntax.c - a document Helm cannot parse */
#include "rules/families.h"

void hl_check_syntax(struct hl_ctx *ctx, size_t at, size_t end,
		     const char *message)
{
	struct hl_span span = { at, end };

	hl_finding_help(hl_report(ctx, HL_RULE_HL901, span, "%s", message),
			"Helm fails to render or drops this document; "
			"the following documents are still linted");
}
