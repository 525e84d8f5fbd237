/* SPDX-License-Identifier: MIT */
/* engine.c - the rule API: report a finding from a document's context */
#include "engine.h"
#include "mask.h"

bool hl_rule_enabled(const struct hl_ctx *ctx, enum hl_rule_id rule)
{
	return ctx->opts->severity[rule] != HL_SEV_OFF;
}

bool hl_rule_runs(const struct hl_ctx *ctx, enum hl_rule_id rule)
{
	return hl_rule_enabled(ctx, rule) &&
	       hl_rule_in_target(ctx->opts->target, rule);
}

struct hl_finding *hl_report(struct hl_ctx *ctx, enum hl_rule_id rule,
			     struct hl_span span, const char *fmt, ...)
{
	const char *source = ctx->doc ? ctx->doc->source : ctx->source;
	va_list ap;

	if (!hl_rule_enabled(ctx, rule))
		return NULL;
	/* in a template source, a check that needs a value a template action
	 * produces stays silent (HL903 lists such values), unless the rule
	 * says it judges such text too (rules/<ID>.yaml: templated) */
	if (ctx->doc && ctx->doc->mask && !hl_rule_meta[rule].report_templated &&
	    hl_mask_overlaps(ctx->doc->mask, span.start, span.end))
		return NULL;
	va_start(ap, fmt);
	ctx->last = hl_finding_new(ctx->report, rule,
				   ctx->opts->severity[rule], ctx->file, span,
				   source, fmt, ap);
	va_end(ap);
	return ctx->last;
}
