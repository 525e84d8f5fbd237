/* SPDX-License-Identifier: MIT */
/* pass.c - the per-document pass: rule families in a fixed order */
#include "pass.h"
#include "rules/families.h"

/*
 * Families run in the order of rules/families.yaml; each applies the "one
 * problem, one finding" precedence of its own rules, reading ctx->hook
 * (for example, a document Helm drops gets no HL1xx/HL3xx/HL5xx finding
 * beyond the one that explains the drop). Where Helm reads a file
 * decides which apply: crds/ documents are sent as they are (their hook
 * annotations mean nothing, the API server still validates annotation
 * values), and other chart files are never rendered.
 */
void hl_check_doc(struct hl_ctx *ctx)
{
	size_t i;

	for (i = 0; i < hl_nfamilies; i++)
		if (hl_families[i].places & 1u << ctx->place)
			hl_families[i].check(ctx);
}

void hl_check_values_only(struct hl_ctx *ctx)
{
	size_t i;

	for (i = 0; i < hl_nfamilies; i++)
		if (hl_families[i].values_only)
			hl_families[i].check(ctx);
}

void hl_check_unparsed(struct hl_ctx *ctx, size_t at, size_t end,
		       const char *message)
{
	const struct hl_doc *d = ctx->doc;

	if (ctx->place == HL_PLACE_CRDS &&
	    hl_check_crds_text(ctx, d->span.start, d->span.end))
		return;
	hl_check_syntax(ctx, at, end, message);
}
