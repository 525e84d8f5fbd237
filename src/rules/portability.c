/* SPDX-License-Identifier: MIT */
/* rules/portability.c - what GitOps tools do differently with hooks */
#include "rules/families.h"

#include <string.h>

#define ARGOCD_HOOK "argocd.argoproj.io/hook"

/*
 * Argo CD reads helm.sh/hook itself: split on ',', trimmed, but not
 * lower-cased (§14). The token Argo CD sees as @event, or NULL.
 */
static const struct hl_token *argo_event(const struct hl_hook *h,
					 const char *event)
{
	size_t i, n = strlen(event);

	for (i = 0; i < h->nevents; i++) {
		const struct hl_token *t = &h->events[i];

		if (t->trim_len == n && !memcmp(t->text + t->trim_off, event, n))
			return t;
	}
	return NULL;
}

/* HL703: Argo CD takes the hook types from its own annotation only. */
static void check_argocd_hook(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_kv *argo = hl_map_get(ctx->doc->top, ARGOCD_HOOK);
	struct hl_finding *f;

	/* in different arms of a template if/else they never meet */
	if (!argo || (h->hook && hl_kv_alternatives(ctx->doc, argo, h->hook)))
		return;
	f = hl_report(ctx, HL_RULE_HL703, argo->key_span,
		      "'%s' overrides 'helm.sh/hook': Argo CD ignores the "
		      "Helm hook events of this resource", ARGOCD_HOOK);
	hl_finding_help(f, "keep one of the two; Argo CD still merges the "
			"delete policies of both");
	if (h->hook)
		hl_finding_related(f, NULL, true, h->hook->key_span,
				   "the Helm hook Argo CD ignores");
}

/* HL701: rollback and test events have no Argo CD sync phase. */
static void check_ignored(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	unsigned unsupported = 1u << HL_EV_PRE_ROLLBACK |
			       1u << HL_EV_POST_ROLLBACK | 1u << HL_EV_TEST;

	if (!h->event_mask || (h->event_mask & ~unsupported))
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL701, h->hook->val.span,
		"Argo CD never applies this hook: rollback and test events "
		"have no Argo CD sync phase, so the resource is skipped on "
		"every sync"),
		"add the install or upgrade events it should run at in Argo CD, "
		"or give it an Argo CD phase with argocd.argoproj.io/hook");
}

/* HL702: delete hooks run only when the Application is deleted. */
static void check_delete(struct hl_ctx *ctx)
{
	static const struct {
		const char *event, *since;
	} del[] = {
		{ "pre-delete", "3.3" },
		{ "post-delete", "2.10" },
	};
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(del); i++) {
		const struct hl_token *t = argo_event(ctx->hook, del[i].event);

		if (!t)
			continue;
		hl_finding_help(hl_report(ctx, HL_RULE_HL702, t->span,
			"Argo CD runs a %s hook only when the Application "
			"itself is deleted (Argo CD %s and later; earlier "
			"versions never run it), not when a sync prunes the "
			"release's resources", del[i].event, del[i].since),
			"keep cleanup that must run on every prune out of %s "
			"hooks", del[i].event);
	}
}

/* HL705: Argo CD maps both pre-install and pre-upgrade to PreSync. */
static void check_every_sync(struct hl_ctx *ctx)
{
	const struct hl_token *inst = argo_event(ctx->hook, "pre-install");
	const struct hl_token *upg = argo_event(ctx->hook, "pre-upgrade");

	if (inst && !upg)
		hl_finding_help(hl_report(ctx, HL_RULE_HL705, inst->span,
			"Argo CD cannot tell install from upgrade: this "
			"pre-install hook runs before every sync, not once"),
			"make it idempotent, and add pre-upgrade to say so");
	else if (upg && !inst)
		hl_finding_help(hl_report(ctx, HL_RULE_HL705, upg->span,
			"Argo CD cannot tell install from upgrade: this "
			"pre-upgrade hook also runs before the first sync, "
			"when nothing of the release exists yet"),
			"make it idempotent, and add pre-install to say so");
}

/* HL704: Argo CD orders every resource by helm.sh/hook-weight. */
static void check_sync_wave(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;

	if (!hl_rule_runs(ctx, HL_RULE_HL704) ||
	    !hl_weight_is_sync_wave(ctx->doc, h))
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL704, h->weight->key_span,
		"'helm.sh/hook-weight' on a resource that is not a hook: Helm "
		"ignores it, but Argo CD uses it as the sync wave (%lld) of "
		"this resource", h->weight_value),
		"use argocd.argoproj.io/sync-wave to order it in Argo CD, or "
		"remove the annotation");
}

void hl_check_portability(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	bool argocd = ctx->opts->target == HL_TARGET_ARGOCD;

	if (!ctx->doc->top)
		return;
	if (!h->is_hook) {
		if (argocd)
			check_sync_wave(ctx);
		return;
	}
	/* documents Helm drops never reach Argo CD */
	if (h->dropped)
		return;
	check_argocd_hook(ctx);
	/* with its own hook annotation, Argo CD ignores the Helm events */
	if (!argocd || h->argocd_hook)
		return;
	check_ignored(ctx);
	check_delete(ctx);
	check_every_sync(ctx);
}
