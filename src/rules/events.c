/* SPDX-License-Identifier: MIT */
/* rules/events.c - helm.sh/hook values: HL101-HL106 and HL411 */
#include "rules/families.h"

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

/* Hints for events people carry over from Helm 2 or guess from commands. */
static void event_help(struct hl_finding *f, const struct hl_token *t,
		       const struct hl_doc *doc)
{
	static const char *const sep = "-_ ";
	const char *best = NULL, *n = t->norm;
	size_t d, best_d = 4;
	int e;

	if (!strcmp(n, "crd-install")) {
		/* crds/ holds CustomResourceDefinitions only (HL601) */
		if (hl_value_present(&doc->kind) && !doc->kind.templated &&
		    !hl_kind_is(doc, "CustomResourceDefinition"))
			hl_finding_help(f, "Helm 3 removed 'crd-install': remove "
					"helm.sh/hook to install the object with "
					"the release");
		else
			hl_finding_help(f, "Helm 3 removed 'crd-install': put "
					"CustomResourceDefinitions in the "
					"chart's crds/ directory");
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
	for (e = 0; !t->too_long && e < HL_EV_MAX; e++) {
		const char *name = hl_event_name((enum hl_event)e);

		d = hl_edit_distance(n, strlen(n), name, strlen(name), 3);
		if (d < best_d) {
			best_d = d;
			best = name;
		}
	}
	if (best)
		hl_finding_help(f, "did you mean '%s'?", best);
	else
		hl_finding_help(f, "Helm's events are pre-install, "
				"post-install, pre-upgrade, post-upgrade, "
				"pre-delete, post-delete, pre-rollback, "
				"post-rollback and test");
}

static bool is_event(const char *s, size_t len, char *norm, size_t n)
{
	return hl_normalize(s, len, norm, n) &&
	       hl_event_lookup(norm, NULL) != HL_EV_UNKNOWN;
}

/*
 * HL103's fix for the words of @t: joined by ',' when each one is an
 * event (lower-cased, as Helm reads it), or by '-' when that makes one
 * event ("pre install"). NULL when neither works; *@unknown then names
 * the first word that is no event. *@words counts the words.
 */
static char *separator_fix(struct hl_ctx *ctx, const struct hl_token *t,
			   size_t *words, const char **unknown)
{
	const char *s = t->text + t->trim_off;
	size_t len = t->trim_len, pos = 0, start;
	struct hl_buf comma = HL_BUF_INIT, dash = HL_BUF_INIT;
	char norm[32];
	char *fix = NULL;

	*words = 0;
	*unknown = NULL;
	while (hl_next_word(s, len, &pos, &start)) {
		if ((*words)++) {
			hl_buf_addc(&comma, ',');
			hl_buf_addc(&dash, '-');
		}
		hl_buf_add(&dash, s + start, pos - start);
		if (is_event(s + start, pos - start, norm, sizeof(norm)))
			hl_buf_adds(&comma, norm);
		else if (!*unknown)
			*unknown = hl_shorten(ctx->arena, s + start,
					      pos - start);
	}
	if (*words >= 2 && !*unknown)
		fix = hl_arena_strndup(ctx->arena, comma.s, comma.len);
	else if (*words >= 2 && is_event(dash.s, dash.len, norm, sizeof(norm)))
		fix = hl_arena_strndup(ctx->arena, norm, strlen(norm));
	hl_buf_release(&comma);
	hl_buf_release(&dash);
	return fix;
}

/*
 * HL103: a value with no comma and two or more words separated by
 * spaces, ';' or '|', whatever the words are. The fix-it is offered only
 * when it gives a value Helm accepts.
 */
static bool check_separator(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	const char *unknown;
	struct hl_finding *f;
	size_t words;
	char *fix;

	if (h->nevents != 1 || h->events[0].empty ||
	    hl_event_lookup(h->events[0].norm, NULL) != HL_EV_UNKNOWN)
		return false;
	fix = separator_fix(ctx, &h->events[0], &words, &unknown);
	if (words < 2)
		return false;
	f = hl_report(ctx, HL_RULE_HL103, v->span,
		      "hook events must be separated by ',': Helm reads '%s' "
		      "as one unknown event and drops the whole resource "
		      "silently", token_text(ctx, &h->events[0]));
	if (!fix) {
		hl_finding_help(f, "separate events with ','; '%s' is not an "
				"event Helm knows", unknown);
		return true;
	}
	hl_finding_help(f, "write '%s'", hl_shorten(ctx->arena, fix,
						    strlen(fix)));
	if (v->direct)
		hl_finding_edit(f, v->raw, fix);
	return true;
}

static void check_empty_and_unknown(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	struct hl_finding *f;
	size_t i;

	if (hl_tokens_all_empty(h->events, h->nevents)) {
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
			event_help(f, t, ctx->doc);
		}
	}
}

/* The Helm events Argo CD maps to a sync phase (§14). */
static bool argo_maps(enum hl_event e)
{
	return e != HL_EV_PRE_ROLLBACK && e != HL_EV_POST_ROLLBACK &&
	       e != HL_EV_TEST;
}

static bool is_canonical(const struct hl_token *t, enum hl_event e)
{
	const char *canon = hl_event_name(e);

	return t->trim_len == strlen(canon) &&
	       !memcmp(t->text + t->trim_off, canon, t->trim_len);
}

/* Whether Argo CD runs the hook through a token other than @skip. */
static bool argo_runs_other(const struct hl_hook *h,
			    const struct hl_token *skip)
{
	size_t i;

	for (i = 0; i < h->nevents; i++) {
		enum hl_event e = hl_event_lookup(h->events[i].norm, NULL);

		/* a templated token may well be an event Argo CD runs */
		if (&h->events[i] != skip && (h->events[i].templated ||
		    (argo_maps(e) && is_canonical(&h->events[i], e))))
			return true;
	}
	return false;
}

/*
 * HL104 at @t, which repeats the event of @first; it is the @n-th
 * listing of that event.
 */
static void report_repeat(struct hl_ctx *ctx, const struct hl_token *t,
			  const struct hl_token *first, enum hl_event e,
			  size_t n)
{
	const char *tt = token_text(ctx, t), *ft = token_text(ctx, first);
	const char *where = e == HL_EV_TEST ? "helm test" : "that event";
	const char *times = n == 2 ? "twice" :
		hl_arena_printf(ctx->arena, "%zu times", n);
	bool alias = strcmp(t->norm, first->norm) != 0;
	struct hl_finding *f;

	if (!strcmp(tt, ft))
		f = hl_report(ctx, HL_RULE_HL104, t->span,
			      "hook event '%s' is already listed: the hook "
			      "runs %s in %s", tt, times, where);
	else
		f = hl_report(ctx, HL_RULE_HL104, t->span,
			      "hook event '%s' repeats '%s'%s: the hook runs "
			      "%s in %s", tt, ft, alias ? " ('test-success' "
			      "is an alias of 'test')" : "", times, where);
	if (alias)
		hl_finding_help(f, "keep only 'test'");
	else
		hl_finding_help(f, "remove this '%s'", tt);
	if (ctx->hook->hook->val.direct)
		hl_finding_related(f, NULL, true, first->span,
				   "first listed here");
}

/* HL106: Argo CD compares events without lower-casing them (§14). */
static void report_case(struct hl_ctx *ctx, const struct hl_token *t,
			enum hl_event e)
{
	const char *canon = hl_event_name(e);
	struct hl_finding *f;

	f = hl_report(ctx, HL_RULE_HL106, t->span,
		      "hook event '%s' is not written '%s': Helm accepts it, "
		      "but Argo CD matches events case-sensitively and %s",
		      token_text(ctx, t), canon,
		      argo_runs_other(ctx->hook, t) ? "ignores this one" :
		      "never runs the hook");
	hl_finding_help(f, "write '%s'", canon);
	if (ctx->hook->hook->val.direct)
		hl_finding_edit(f, t->span, canon);
}

/* HL104, HL105, HL106 on the tokens of a hook Helm keeps. */
static void check_tokens(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->hook->val;
	const struct hl_token *first[HL_EV_MAX] = { NULL };
	size_t seen[HL_EV_MAX] = { 0 };
	struct hl_finding *f;
	enum hl_event e;
	bool alias;
	size_t i;

	for (i = 0; i < h->nevents; i++) {
		const struct hl_token *t = &h->events[i];

		e = hl_event_lookup(t->norm, &alias);
		if (e == HL_EV_UNKNOWN)
			continue;	/* templated: known only once rendered */
		if (!first[e])
			first[e] = t;
		if (++seen[e] > 1)
			report_repeat(ctx, t, first[e], e, seen[e]);
		if (alias) {
			/* its fix, 'test', settles the case as well */
			f = hl_report(ctx, HL_RULE_HL105, t->span,
				      "hook event '%s' is a Helm 2 alias of "
				      "'test'", token_text(ctx, t));
			hl_finding_help(f, "use 'test'");
			if (v->direct)
				hl_finding_edit(f, t->span, "test");
		} else if (seen[e] == 1 && !is_canonical(t, e)) {
			/* a repeat is HL104's: removing it is the fix */
			report_case(ctx, t, e);
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
	struct hl_finding *f;
	size_t i;

	if (!(h->event_mask & del) || !(h->event_mask & inst) ||
	    hl_kind_is(ctx->doc, "Job") || hl_kind_is(ctx->doc, "Pod") ||
	    !hl_value_present(&ctx->doc->kind) || ctx->doc->kind.templated)
		return;
	/* a templated policy may hold hook-succeeded, which exempts it */
	if (h->policy_templated || (ctx->doc->top && ctx->doc->top->open))
		return;
	/* hook-succeeded removes it when the delete event is over; Helm
	 * never deletes a CRD hook, so that does not help there (§5.4) */
	if ((h->policy_mask & HL_POL_HOOK_SUCCEEDED) &&
	    !hl_kind_is(ctx->doc, "CustomResourceDefinition"))
		return;
	for (i = 0; i < h->nevents; i++) {
		e = hl_event_lookup(h->events[i].norm, NULL);
		if (e == HL_EV_PRE_DELETE || e == HL_EV_POST_DELETE)
			break;
	}
	f = hl_report(ctx, HL_RULE_HL411, h->events[i].span,
		      "hook runs at '%s' and at install or upgrade: it is "
		      "recreated during helm uninstall and left behind",
		      hl_event_name(e));
	hl_finding_help(f, "give the delete event an object of its own, "
			"with hook-succeeded in its delete policy");
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
