/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the rule API: what a rule sees of the document being
 * checked (struct hl_ctx) and how it reports a finding. Rules depend on
 * this; it depends on no rule.
 */
#ifndef HL_ENGINE_H
#define HL_ENGINE_H

#include "model.h"
#include "opts.h"
#include "report.h"

/* The state rules see while one document is checked. */
struct hl_ctx {
	enum hl_place place;
	bool crds_rendered;		/* crds/: a template renders it too */
	const struct hl_opts *opts;
	struct hl_report *report;
	struct hl_arena *arena;		/* per document */
	size_t file;			/* report file index */
	const char *buf;		/* the file's bytes */
	size_t len;
	const struct hl_doc *doc;
	const struct hl_hook *hook;
	struct hl_finding *last;	/* the finding hl_report() added last */
	const char *source;		/* template path when there is no doc */
};

/*
 * Report a finding of @rule at @span of the current document. Returns the
 * finding (to add help, edits or related locations with report.h's
 * hl_finding_*), or NULL when the rule is disabled or, in a template
 * source, the span is produced by a template action and the rule cannot
 * judge such text (HL903 lists those values).
 */
struct hl_finding *hl_report(struct hl_ctx *ctx, enum hl_rule_id rule,
			     struct hl_span span, const char *fmt, ...)
	HL_PRINTF(4, 5);
bool hl_rule_enabled(const struct hl_ctx *ctx, enum hl_rule_id rule);
/* Enabled, and meant for the target (HL7xx: argocd only). */
bool hl_rule_runs(const struct hl_ctx *ctx, enum hl_rule_id rule);

#endif
