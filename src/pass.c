/* SPDX-License-Identifier: MIT */
/* pass.c - the per-document pass: rule families in a fixed order */
#include "pass.h"
#include "rules/families.h"

/*
 * Families run in this order; each applies the "one problem, one finding"
 * precedence of its own rules, reading ctx->hook (for example, a document
 * Helm drops gets no HL1xx/HL3xx/HL5xx finding beyond the one that
 * explains the drop).
 */
static void (*const families[])(struct hl_ctx *) = {
	hl_check_events,
	hl_check_weights,
	hl_check_values,
	hl_check_policies,
	hl_check_keys,
	hl_check_resource_policy,
	hl_check_kinds,
	hl_check_portability,
};

/*
 * Where Helm reads a file decides what applies: crds/ documents are sent
 * as they are (their hook annotations mean nothing, the API server still
 * validates annotation values), and other chart files are never rendered.
 */
void hl_check_doc(struct hl_ctx *ctx)
{
	size_t i;

	switch (ctx->place) {
	case HL_PLACE_CRDS:
		hl_check_values(ctx);
		hl_check_charts(ctx);
		return;
	case HL_PLACE_CHART_OTHER:
		hl_check_charts(ctx);
		return;
	default:
		for (i = 0; i < HL_ARRAY_SIZE(families); i++)
			families[i](ctx);
		hl_check_charts(ctx);
	}
}

void hl_check_values_only(struct hl_ctx *ctx)
{
	hl_check_events(ctx);
	hl_check_weights(ctx);
	hl_check_values(ctx);
	hl_check_policies(ctx);
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
