/* SPDX-License-Identifier: MIT */
/* engine.c - the rule table, findings, and the per-document pass */
#include "engine.h"
#include "mask.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const rule_ids[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = #id,
	HL_FOREACH_RULE(R)
#undef R
};

static const char *const rule_names[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = name,
	HL_FOREACH_RULE(R)
#undef R
};

const char *hl_rule_id(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_ids[r] : "?";
}

const char *hl_rule_name(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_names[r] : "?";
}

enum hl_rule_id hl_rule_lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < HL_RULE_MAX; i++) {
		const char *id = rule_ids[i], *name = rule_names[i];
		if ((strlen(id) == len && !strncasecmp(id, s, len)) ||
		    (strlen(name) == len && !strncmp(name, s, len)))
			return (enum hl_rule_id)i;
	}
	return HL_RULE_MAX;
}

const char *hl_severity_word(enum hl_severity s)
{
	switch (s) {
	case HL_SEV_ERROR:
		return "error";
	case HL_SEV_WARNING:
		return "warning";
	case HL_SEV_INFO:
		return "info";
	default:
		return "off";
	}
}

void hl_opts_init(struct hl_opts *o)
{
	size_t i;

	memset(o, 0, sizeof(*o));
	o->format = HL_FMT_TEXT;
	o->fail_on = HL_SEV_WARNING;
	o->color = -1;
	for (i = 0; i < HL_RULE_MAX; i++)
		o->severity[i] = hl_rule_meta[i].off_by_default ?
			HL_SEV_OFF : hl_rule_meta[i].severity;
}

/* Colours only on a terminal, unless asked; NO_COLOR and TERM=dumb
 * turn them off (the report and plan share this). */
bool hl_want_color(const struct hl_opts *o)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (o->color >= 0)
		return o->color;
	if (o->output || (no && *no))
		return false;
	return isatty(STDOUT_FILENO) && !(term && !strcmp(term, "dumb"));
}

bool hl_rule_enabled(const struct hl_ctx *ctx, enum hl_rule_id rule)
{
	return ctx->opts->severity[rule] != HL_SEV_OFF;
}

struct hl_finding *hl_report(struct hl_ctx *ctx, enum hl_rule_id rule,
			     struct hl_span span, const char *fmt, ...)
{
	struct hl_report *r = ctx->report;
	struct hl_finding *f;
	va_list ap;

	if (!hl_rule_enabled(ctx, rule))
		return NULL;
	/* in a template source, a check that needs a value a template action
	 * produces stays silent (HL903 lists such values) */
	/* (HL121 is about a literal structure: a templated item inside a
	 * list or mapping does not change that it is one) */
	if (ctx->doc && ctx->doc->mask && rule != HL_RULE_HL903 &&
	    rule != HL_RULE_HL901 && rule != HL_RULE_HL121 &&
	    hl_mask_overlaps(ctx->doc->mask, span.start, span.end))
		return NULL;
	HL_GROW(r->findings, r->nfindings + 1, r->findings_alloc);
	f = &r->findings[r->nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = ctx->opts->severity[rule];
	f->file = ctx->file;
	f->seq = r->nfindings++;
	f->span = span;
	va_start(ap, fmt);
	f->message = xvasprintf(fmt, ap);
	va_end(ap);
	if (ctx->doc && ctx->doc->source)
		f->template_path = xstrdup(ctx->doc->source);
	else if (!ctx->doc && ctx->source)
		f->template_path = xstrdup(ctx->source);
	ctx->last = f;
	return f;
}

void hl_finding_help(struct hl_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	free(f->help);
	va_start(ap, fmt);
	f->help = xvasprintf(fmt, ap);
	va_end(ap);
}

void hl_finding_edit(struct hl_finding *f, struct hl_span span,
		     const char *text)
{
	if (!f)
		return;
	f->edits = xrealloc(f->edits, (f->nedits + 1) * sizeof(*f->edits));
	memset(&f->edits[f->nedits], 0, sizeof(*f->edits));
	f->edits[f->nedits].span = span;
	f->edits[f->nedits].text = xstrdup(text);
	f->nedits++;
}

void hl_finding_related(struct hl_finding *f, const char *path,
			bool has_region, struct hl_span span, const char *fmt, ...)
{
	struct hl_related *rel;
	va_list ap;

	if (!f)
		return;
	f->related = xrealloc(f->related, (f->nrelated + 1) * sizeof(*f->related));
	rel = &f->related[f->nrelated++];
	memset(rel, 0, sizeof(*rel));
	rel->path = path ? xstrdup(path) : NULL;
	rel->has_region = has_region;
	rel->span = span;
	va_start(ap, fmt);
	rel->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * Families run in this order; each applies the "one problem, one finding"
 * precedence of RULES.md for its own rules, reading ctx->hook (for
 * example, a document Helm drops gets no HL1xx/HL3xx/HL5xx finding
 * beyond the one that explains the drop).
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
