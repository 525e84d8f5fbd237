/* SPDX-License-Identifier: MIT */
/* rules/policies.c - delete and output-log policies: HL130-HL141, HL3xx */
#include "rules/families.h"
#include "lifecycle.h"

#include <stdint.h>
#include <string.h>

static const char *token_text(struct hl_ctx *ctx, const struct hl_token *t)
{
	return hl_shorten(ctx->arena, t->text + t->trim_off, t->trim_len);
}

static bool is_job_or_pod(const struct hl_doc *d)
{
	return hl_kind_is(d, "Job") || hl_kind_is(d, "Pod");
}

/*
 * For a token that is two or more words separated by white space, ';' or
 * '|': the words joined by ',' when each one is a delete policy (lower-
 * cased, as Helm reads it), else "". NULL when it is a single word.
 */
static const char *joined_policies(struct hl_ctx *ctx,
				   const struct hl_token *t)
{
	const char *s = t->text + t->trim_off;
	size_t pos = 0, start, words = 0;
	struct hl_buf b = HL_BUF_INIT;
	bool all_known = true;
	const char *out;
	char norm[32];

	while (hl_next_word(s, t->trim_len, &pos, &start)) {
		if (words++)
			hl_buf_addc(&b, ',');
		if (hl_normalize(s + start, pos - start, norm, sizeof(norm)) &&
		    hl_policy_lookup(norm))
			hl_buf_adds(&b, norm);
		else
			all_known = false;
	}
	out = words < 2 ? NULL : !all_known ? "" :
		hl_arena_strndup(ctx->arena, b.s, b.len);
	hl_buf_release(&b);
	return out;
}

static const struct {
	const char *argo, *helm;
} argo_spellings[] = {
	{ "beforehookcreation", "before-hook-creation" },
	{ "hooksucceeded", "hook-succeeded" },
	{ "hookfailed", "hook-failed" },
};

/*
 * The name in @names nearest to the normalised token @t, or NULL: within
 * edit distance 3, or a third of the name's length for long names
 * ("hook-success" is 4 edits from "hook-succeeded").
 */
static const char *nearest(const struct hl_token *t, const char *const *names,
			   size_t n)
{
	const char *best = NULL;
	size_t i, d, max, best_d = SIZE_MAX;

	for (i = 0; i < n && !t->too_long; i++) {
		max = strlen(names[i]) / 3 > 3 ? strlen(names[i]) / 3 : 3;
		d = hl_edit_distance(t->norm, strlen(t->norm), names[i],
				     strlen(names[i]), max);
		if (d <= max && d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	return best;
}

static void unknown_policy_help(struct hl_ctx *ctx, struct hl_finding *f,
				const struct hl_token *t)
{
	static const char *const names[] = {
		"before-hook-creation", "hook-succeeded", "hook-failed",
	};
	const char *best, *joined;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(argo_spellings); i++) {
		if (!strcmp(t->norm, argo_spellings[i].argo)) {
			hl_finding_help(f, "that is Argo CD's spelling: Helm's "
					"is '%s'", argo_spellings[i].helm);
			return;
		}
	}
	if (hl_event_lookup(t->norm, NULL) != HL_EV_UNKNOWN) {
		hl_finding_help(f, "'%s' is a hook event, not a delete policy: "
				"use before-hook-creation, hook-succeeded or "
				"hook-failed", t->norm);
		return;
	}
	joined = joined_policies(ctx, t);
	if (joined && *joined) {
		hl_finding_help(f, "separate delete policies with ',': "
				"write '%s'", joined);
		if (ctx->hook->delete_policy->val.direct)
			hl_finding_edit(f, t->span, joined);
		return;
	}
	if (joined) {
		hl_finding_help(f, "separate delete policies with ','");
		return;
	}
	best = nearest(t, names, HL_ARRAY_SIZE(names));
	if (best)
		hl_finding_help(f, "did you mean '%s'?", best);
	else
		hl_finding_help(f, "use before-hook-creation, hook-succeeded "
				"or hook-failed");
}

/* HL131 at error: the list disables the default and deletes nothing. */
static void report_no_policy(struct hl_ctx *ctx, const struct hl_value *v)
{
	struct hl_finding *f;

	f = hl_report(ctx, HL_RULE_HL131, v->span,
		      "empty delete policy: it replaces the "
		      "before-hook-creation default, so Helm never deletes "
		      "the hook");
	/* raised only while the user kept the default severity */
	if (f && f->severity == hl_rule_meta[HL_RULE_HL131].severity)
		f->severity = HL_SEV_ERROR;
	hl_finding_help(f, "remove helm.sh/hook-delete-policy to get "
			"before-hook-creation, or name the policies");
}

static void check_delete_tokens(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->delete_policy->val;
	struct hl_finding *f;
	size_t i;
	int bit;

	if (hl_tokens_all_empty(h->policies, h->npolicies)) {
		report_no_policy(ctx, v);
		return;
	}
	for (i = 0; i < h->npolicies; i++) {
		const struct hl_token *t = &h->policies[i];

		bit = hl_policy_lookup(t->norm);
		if (t->empty) {
			f = hl_report(ctx, HL_RULE_HL131, t->span,
				      "empty delete policy token: Helm keeps "
				      "it as a policy that never matches");
			hl_finding_help(f, "remove the extra ','");
		} else if (!bit) {
			/* with a known policy in the list, the explicit list
			 * and not this token is what replaces the default */
			f = hl_report(ctx, HL_RULE_HL130, t->span,
				      "unknown delete policy '%s': Helm keeps "
				      "it, and it never matches%s",
				      token_text(ctx, t),
				      h->policy_mask || h->policy_templated ? "" :
				      "; it also disables the "
				      "before-hook-creation default, so Helm "
				      "never deletes the hook");
			unknown_policy_help(ctx, f, t);
		} else if (t->trim_len != strlen(t->norm) ||
			   memcmp(t->text + t->trim_off, t->norm,
				  t->trim_len)) {
			f = hl_report(ctx, HL_RULE_HL132, t->span,
				      "delete policy '%s' is not written '%s': "
				      "Helm accepts it, Argo CD ignores it",
				      token_text(ctx, t), t->norm);
			hl_finding_help(f, "write '%s'", t->norm);
			if (v->direct)
				hl_finding_edit(f, t->span, t->norm);
		}
	}
}

/* "helm install, upgrade or uninstall": the commands that run @mask. */
static const char *next_commands(struct hl_ctx *ctx, unsigned mask)
{
	struct hl_buf b = HL_BUF_INIT;
	const char *out;

	hl_cmds_text(&b, hl_cmds_of_events(mask));
	out = b.len ? hl_arena_strndup(ctx->arena, b.s, b.len) :
		      "run of the hook";
	hl_buf_release(&b);
	return out;
}

/* What the next run does with the object left over, per --target. */
static const char *leftover_effect(enum hl_target target)
{
	switch (target) {
	case HL_TARGET_HELM3:
		return "fails with AlreadyExists";
	case HL_TARGET_HELM4:
	case HL_TARGET_FLUX:	/* on the Helm 4 SDK (§15) */
		return "applies the old object and does not run the hook "
		       "again";
	default:
		return "fails with AlreadyExists (Helm 3) or applies the old "
		       "object without running the hook again (Helm 4)";
	}
}

/*
 * HL301: without before-hook-creation the object stays after a success
 * unless hook-succeeded, after a failure unless hook-failed, and the
 * next run of the hook trips on it (§18).
 */
static void check_leftover(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_value *v = &h->delete_policy->val;
	unsigned m = h->policy_mask;
	struct hl_finding *f;

	/* Helm never deletes a CRD hook, before creation or otherwise */
	if (!h->policy_all_known ||
	    hl_kind_is(ctx->doc, "CustomResourceDefinition") ||
	    (m & HL_POL_BEFORE_HOOK_CREATION) ||
	    ((m & HL_POL_HOOK_SUCCEEDED) && (m & HL_POL_HOOK_FAILED)))
		return;
	f = hl_report(ctx, HL_RULE_HL301, v->span,
		      "the hook object stays after a %s run (no "
		      "before-hook-creation or %s): the next %s %s",
		      m & HL_POL_HOOK_SUCCEEDED ? "failed" : "successful",
		      m & HL_POL_HOOK_SUCCEEDED ? "hook-failed" :
		      "hook-succeeded",
		      next_commands(ctx, h->event_mask),
		      leftover_effect(ctx->opts->target));
	hl_finding_help(f, "add before-hook-creation: \"before-hook-creation,%s\"",
			m & HL_POL_HOOK_SUCCEEDED ? "hook-succeeded" :
			"hook-failed");
	if (v->direct)
		hl_finding_edit(f, (struct hl_span){ v->raw.start,
			v->raw.start }, "before-hook-creation,");
}

/* A test Pod is read by helm test --logs (Helm 3: before hook-succeeded
 * deletes it), and before-hook-creation replaces it by name next time. */
static bool is_test_pod(const struct hl_ctx *ctx)
{
	return ctx->hook->event_mask == 1u << HL_EV_TEST &&
	       hl_kind_is(ctx->doc, "Pod");
}

/* The TTL controller deletes a finished Job that sets a TTL. */
static bool has_ttl(const struct hl_doc *d)
{
	return hl_span_set(d->ttl_key) &&
	       !hl_doc_key_conditional(d, d->ttl_key.start);
}

/* HL302: a Job or Pod hook that stays after it succeeded. */
static void check_cleanup(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	struct hl_finding *f;
	size_t len;
	const char *kind;
	bool test_pod = is_test_pod(ctx);

	/* unknown or empty tokens are HL130's and HL131's */
	if (!is_job_or_pod(ctx->doc) || !h->policy_all_known ||
	    (h->policy_mask & HL_POL_HOOK_SUCCEEDED) || has_ttl(ctx->doc))
		return;
	/* HL301 reports an explicit list that leaves it behind */
	if (h->policy_explicit &&
	    !(h->policy_mask & HL_POL_BEFORE_HOOK_CREATION))
		return;
	/* at most one fixed-name test Pod stays, for helm test --logs */
	if (test_pod && !hl_doc_name_varies(ctx->doc))
		return;
	kind = hl_value_string(&ctx->doc->kind, &len);
	if (test_pod)
		f = hl_report(ctx, HL_RULE_HL302, ctx->doc->kind.span,
			      "test Pod is not deleted after it succeeds, and "
			      "its name is not fixed: before-hook-creation "
			      "never finds the Pods of earlier runs, so they "
			      "pile up in the cluster, also after helm "
			      "uninstall");
	else
		f = hl_report(ctx, HL_RULE_HL302, ctx->doc->kind.span,
			      "%.*s hook is not deleted after it succeeds: it "
			      "stays in the cluster, also after helm uninstall",
			      (int)len, kind);
	hl_finding_help(f, test_pod ? "give it a fixed name: "
			"before-hook-creation then replaces it at the next "
			"helm test, and helm test --logs can still read it" :
			h->policy_explicit ?
			"add hook-succeeded to helm.sh/hook-delete-policy" :
			"set helm.sh/hook-delete-policy: "
			"\"before-hook-creation,hook-succeeded\"");
}

static bool has_finalizer(const struct hl_doc *d)
{
	const struct hl_cap *c;

	for (c = d->caps; c; c = c->next)
		if (c->id == HL_CAP_FINALIZER)
			return true;
	return false;
}

/*
 * HL307: Helm 4's before-hook-creation deletes without waiting (§18): an
 * object that takes time to go (a Pod's grace period, finalizers) is
 * still there, so the next run is applied onto it and may read its old
 * status. Only where a successful run leaves the object behind (after a
 * failure the next run is rarer); helm test waits,
 * and HL511 and HL306 have claims and CRD hooks. Returns whether it
 * reported: HL302 says less about the same policy.
 */
static bool check_terminating(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	unsigned m = h->policy_mask;
	struct hl_finding *f;
	size_t len;
	const char *kind;

	if (!hl_rule_runs(ctx, HL_RULE_HL307) || !h->policy_all_known ||
	    !(m & HL_POL_BEFORE_HOOK_CREATION) || (m & HL_POL_HOOK_SUCCEEDED) ||
	    !(h->event_mask & ~(1u << HL_EV_TEST)) ||
	    hl_kind_is(ctx->doc, "PersistentVolumeClaim") ||
	    hl_kind_is(ctx->doc, "PersistentVolume") ||
	    hl_kind_is(ctx->doc, "CustomResourceDefinition") ||
	    (!hl_kind_is(ctx->doc, "Pod") && !has_finalizer(ctx->doc)))
		return false;
	kind = hl_value_string(&ctx->doc->kind, &len);
	f = hl_report(ctx, HL_RULE_HL307, ctx->doc->kind.span,
		      "%.*s hook stays after it succeeds, and Helm 4's "
		      "before-hook-creation does not wait for it to be gone: "
		      "while it is %s, the next run is applied onto the old "
		      "object and can read its old status instead of running",
		      (int)len, kind, has_finalizer(ctx->doc) ?
		      "held by its finalizers" : "terminating");
	hl_finding_help(f, "delete it when its event ends: "
			"\"before-hook-creation,hook-succeeded,hook-failed\"");
	return f != NULL;
}

static void check_delete_policy(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_kv *kv = h->delete_policy;
	struct hl_finding *f;

	if (!check_terminating(ctx))
		check_cleanup(ctx);
	if (!kv || hl_value_is_nonscalar(&kv->val))
		return;	/* HL121 reports a mapping or sequence */
	check_delete_tokens(ctx);
	check_leftover(ctx);
	if (hl_kind_is(ctx->doc, "CustomResourceDefinition")) {
		f = hl_report(ctx, HL_RULE_HL306, kv->key_span,
			      "delete policy on a CustomResourceDefinition "
			      "hook: Helm never deletes CRD hooks");
		hl_finding_help(f, "remove helm.sh/hook-delete-policy, or "
				"move the CRD to the chart's crds/ directory");
	}
}

static void log_policy_help(struct hl_finding *f, const struct hl_token *t,
			    size_t n)
{
	static const char *const names[] = { "hook-succeeded", "hook-failed" };
	const char *best;
	size_t i;

	if (t->empty && n == 1) {
		hl_finding_help(f, "name hook-succeeded, hook-failed or both, "
				"or remove helm.sh/hook-output-log-policy");
		return;
	}
	if (t->empty) {
		hl_finding_help(f, "remove the extra ','");
		return;
	}
	if (hl_policy_lookup(t->norm) == HL_POL_BEFORE_HOOK_CREATION) {
		hl_finding_help(f, "before-hook-creation is a delete policy, "
				"not an output-log policy");
		return;
	}
	for (i = 0; i < HL_ARRAY_SIZE(argo_spellings); i++) {
		if (!strcmp(t->norm, argo_spellings[i].argo)) {
			hl_finding_help(f, "write '%s'",
					argo_spellings[i].helm);
			return;
		}
	}
	best = nearest(t, names, HL_ARRAY_SIZE(names));
	if (best)
		hl_finding_help(f, "did you mean '%s'?", best);
	else
		hl_finding_help(f, "use hook-succeeded, hook-failed or both");
}

/* HL141 and HL140: where Helm prints hook logs, and which it knows. */
static void check_log_policy(struct hl_ctx *ctx)
{
	const struct hl_kv *kv = ctx->hook->log_policy;
	const struct hl_value *v;
	struct hl_token *t;
	struct hl_finding *f;
	size_t n, i, len;
	const char *kind;

	if (!kv || hl_value_is_nonscalar(&kv->val))
		return;
	v = &kv->val;
	if (!is_job_or_pod(ctx->doc) && hl_value_present(&ctx->doc->kind) &&
	    !ctx->doc->kind.templated) {
		kind = hl_value_string(&ctx->doc->kind, &len);
		f = hl_report(ctx, HL_RULE_HL141, kv->key_span,
			      "output-log policy does nothing on a %s hook: "
			      "Helm prints the logs of Job and Pod hooks only",
			      hl_shorten(ctx->arena, kind, len));
		hl_finding_help(f, "remove helm.sh/hook-output-log-policy");
	}
	/* a null value is HL120's: the API server rejects it first */
	if (v->style == HL_STYLE_PLAIN && v->type == HL_Y_NULL)
		return;
	n = hl_tokenize(ctx->arena, v, &t);
	for (i = 0; i < n; i++) {
		int bit = hl_policy_lookup(t[i].norm);

		if (bit == HL_POL_HOOK_SUCCEEDED || bit == HL_POL_HOOK_FAILED)
			continue;
		f = t[i].empty ?
			hl_report(ctx, HL_RULE_HL140, t[i].span,
				  "empty output-log policy: Helm ignores it "
				  "(it knows only hook-succeeded and "
				  "hook-failed)") :
			hl_report(ctx, HL_RULE_HL140, t[i].span,
				  "unknown output-log policy '%s': Helm "
				  "ignores it (it knows only hook-succeeded "
				  "and hook-failed)", token_text(ctx, &t[i]));
		log_policy_help(f, &t[i], n);
	}
}

void hl_check_policies(struct hl_ctx *ctx)
{
	if (!ctx->hook->is_hook || ctx->hook->dropped)
		return;
	check_delete_policy(ctx);
	check_log_policy(ctx);
}
