/* SPDX-License-Identifier: MIT */
/* rules/events.c - helm.sh/hook values: HL101-HL106 and HL411 */
#include "engine.h"

#include <string.h>

static const char *token_text(struct hl_ctx *ctx, const struct hl_token *t)
{
	return hl_shorten(ctx->arena, t->text + t->trim_off, t->trim_len);
}

static const char *value_text(struct hl_ctx *ctx, const struct hl_value *v)
{
	size_t len;
	const char *s = hl_value_string(v, &len);

	return hl_shorten(ctx->arena, s, len);
}

static bool all_empty(const struct hl_token *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!t[i].empty)
			return false;
	return true;
}

/* Hints for events people carry over from Helm 2 or guess from commands. */
static void event_help(struct hl_finding *f, const struct hl_token *t)
{
	static const char *const sep = "-_ ";
	const char *best = NULL, *n = t->norm;
	size_t d, best_d = 4;
	int e;

	if (!strcmp(n, "crd-install")) {
		hl_finding_help(f, "Helm 3 removed 'crd-install': put "
				"CustomResourceDefinitions in the chart's "
				"crds/ directory");
		return;
	}
	if (!strcmp(n, "test-failure")) {
		hl_finding_help(f, "'test-failure' existed only in Helm 2: "
				"use 'test'");
		return;
	}
	if (!strcmp(n, "pre-uninstall") || !strcmp(n, "post-uninstall")) {
		hl_finding_help(f, "the events of helm uninstall are still "
				"called '%.*s-delete'",
				(int)strcspn(n, sep), n);
		return;
	}
	if (t->too_long)
		return;
	for (e = 0; e < HL_EV_MAX; e++) {
		const char *name = hl_event_name((enum hl_event)e);

		d = hl_edit_distance(n, strlen(n), name, strlen(name), 3);
		if (d < best_d) {
			best_d = d;
			best = name;
		}
	}
	if (best)
		hl_finding_help(f, "did you mean '%s'?", best);
}

static bool is_word_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == ';' || c == '|';
}

/*
 * HL103: a value with no comma and two or more words separated by
 * spaces, ';' or '|'. Returns the words joined by ',' (in the arena), or
 * NULL when the value is not like that.
 */
static char *joined_words(struct hl_ctx *ctx, const struct hl_token *t)
{
	const char *s = t->text + t->trim_off;
	size_t len = t->trim_len, i = 0, words = 0, start;
	struct hl_buf b = HL_BUF_INIT;
	char *out;

	while (i < len) {
		while (i < len && is_word_sep(s[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !is_word_sep(s[i]))
			i++;
		if (words++)
			hl_buf_addc(&b, ',');
		hl_buf_add(&b, s + start, i - start);
	}
	out = words >= 2 ? hl_arena_strndup(ctx->arena, b.s, b.len) : NULL;
	hl_buf_release(&b);
	return out;
}

static bool check_separator(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	struct hl_finding *f;
	char *joined;

	if (h->nevents != 1 || h->events[0].empty ||
	    hl_event_lookup(h->events[0].norm, NULL) != HL_EV_UNKNOWN)
		return false;
	joined = joined_words(ctx, &h->events[0]);
	if (!joined)
		return false;
	f = hl_report(ctx, HL_RULE_HL103, v->span,
		      "hook events must be separated by ',': Helm reads '%s' "
		      "as one unknown event and drops the whole resource "
		      "silently", token_text(ctx, &h->events[0]));
	hl_finding_help(f, "write '%s'", hl_shorten(ctx->arena, joined,
						    strlen(joined)));
	if (v->direct)
		hl_finding_edit(f, v->raw, joined);
	return true;
}

static void check_empty_and_unknown(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	struct hl_finding *f;
	size_t i;

	if (all_empty(h->events, h->nevents)) {
		/* one finding for "", null and ",": no event at all */
		f = hl_report(ctx, HL_RULE_HL102, v->span,
			      "hook has no event: Helm drops the whole "
			      "resource silently");
		hl_finding_help(f, "name the events, like 'pre-install', or "
				"remove helm.sh/hook");
		return;
	}
	for (i = 0; i < h->nevents; i++) {
		const struct hl_token *t = &h->events[i];

		if (t->empty) {
			f = hl_report(ctx, HL_RULE_HL102, t->span,
				      "empty hook event in '%s': Helm drops "
				      "the whole resource silently",
				      value_text(ctx, v));
			hl_finding_help(f, "remove the extra ','");
		} else if (hl_event_lookup(t->norm, NULL) == HL_EV_UNKNOWN) {
			f = hl_report(ctx, HL_RULE_HL101, t->span,
				      "unknown hook event '%s': Helm drops "
				      "the whole resource silently",
				      token_text(ctx, t));
			event_help(f, t);
		}
	}
}

/* HL104, HL105, HL106 on the tokens of a hook Helm keeps. */
static void check_tokens(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	unsigned seen = 0;
	bool alias_seen = false;
	struct hl_finding *f;
	enum hl_event e;
	bool alias;
	size_t i;

	for (i = 0; i < h->nevents; i++) {
		const struct hl_token *t = &h->events[i];
		const char *canon;

		e = hl_event_lookup(t->norm, &alias);
		canon = hl_event_name(e);
		if ((seen & (1u << e)) && e == HL_EV_TEST &&
		    (alias || alias_seen)) {
			f = hl_report(ctx, HL_RULE_HL104, t->span,
				      "hook event '%s' repeats 'test' "
				      "('test-success' is its alias): the hook "
				      "runs twice in helm test",
				      token_text(ctx, t));
			hl_finding_help(f, "keep only 'test'");
		} else if (seen & (1u << e)) {
			f = hl_report(ctx, HL_RULE_HL104, t->span,
				      "hook event '%s' is listed twice: the "
				      "hook runs twice in that event",
				      token_text(ctx, t));
			hl_finding_help(f, "remove the second '%s'", canon);
		}
		seen |= 1u << e;
		alias_seen = alias_seen || alias;
		if (alias) {
			/* its fix, 'test', settles the case as well */
			f = hl_report(ctx, HL_RULE_HL105, t->span,
				      "hook event '%s' is a Helm 2 alias of "
				      "'test'", token_text(ctx, t));
			hl_finding_help(f, "use 'test'");
			if (v->direct)
				hl_finding_edit(f, t->span, "test");
		} else if (t->trim_len != strlen(canon) ||
		    memcmp(t->text + t->trim_off, canon, t->trim_len)) {
			f = hl_report(ctx, HL_RULE_HL106, t->span,
				      "hook event '%s' is not written '%s': "
				      "Helm accepts it, but Argo CD matches "
				      "events case-sensitively and never "
				      "runs the hook", token_text(ctx, t),
				      canon);
			if (v->direct)
				hl_finding_edit(f, t->span, canon);
		}
	}
}

#define EV(e) (1u << HL_EV_##e)

/* HL411: an uninstall hook that install or upgrade also creates. */
static void check_mixed_delete(struct hl_ctx *ctx)
{
	const unsigned del = EV(PRE_DELETE) | EV(POST_DELETE);
	const unsigned inst = EV(PRE_INSTALL) | EV(POST_INSTALL) |
		EV(PRE_UPGRADE) | EV(POST_UPGRADE);
	const struct hl_hook *h = ctx->hook;
	enum hl_event e = HL_EV_UNKNOWN;
	size_t i;

	if (!(h->event_mask & del) || !(h->event_mask & inst) ||
	    hl_kind_is(ctx->doc, "Job") || hl_kind_is(ctx->doc, "Pod"))
		return;
	for (i = 0; i < h->nevents; i++) {
		e = hl_event_lookup(h->events[i].norm, NULL);
		if (e == HL_EV_PRE_DELETE || e == HL_EV_POST_DELETE)
			break;
	}
	hl_report(ctx, HL_RULE_HL411, h->events[i].span,
		  "hook runs at '%s' and at install or upgrade: it is "
		  "recreated during helm uninstall and left behind",
		  hl_event_name(e));
}

void hl_check_events(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;

	if (!h->is_hook || hl_value_is_nonscalar(&h->hook->val))
		return;	/* HL121 reports a mapping or sequence */
	if (h->dropped) {
		if (!check_separator(ctx))
			check_empty_and_unknown(ctx);
		return;
	}
	check_tokens(ctx);
	check_mixed_delete(ctx);
}
