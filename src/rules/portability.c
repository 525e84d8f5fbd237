/* SPDX-License-Identifier: MIT */
/* rules/portability.c - what GitOps tools do differently with hooks */
#include "engine.h"

#define ARGOCD_HOOK "argocd.argoproj.io/hook"

/* HL703: Argo CD takes the hook types from its own annotation only. */
static void check_argocd_hook(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_kv *argo = hl_map_get(ctx->doc->top, ARGOCD_HOOK);
	struct hl_finding *f;

	if (!argo)
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

void hl_check_portability(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;

	/* documents Helm drops never reach Argo CD */
	if (!h->is_hook || h->dropped || !ctx->doc->top)
		return;
	check_argocd_hook(ctx);
}
