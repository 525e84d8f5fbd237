/* SPDX-License-Identifier: MIT */
/* rules/resource_policy.c - helm.sh/resource-policy where Helm reads it */
#include "rules/families.h"

#include <string.h>

#define RESOURCE_POLICY "helm.sh/resource-policy"
/* HL602: helm lint's validateListAnnotations, with its wording. */
static void check_list_item(struct hl_ctx *ctx, const struct hl_map *m)
{
	const struct hl_kv *kv = hl_map_get(m, RESOURCE_POLICY);

	if (!kv)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL602, kv->key_span,
		"annotation '%s' within List objects are ignored",
		RESOURCE_POLICY),
		"Helm reads it only from a document's own metadata; put the "
		"item in a document of its own");
}

static bool plain_text(const struct hl_value *v)
{
	return v->style == HL_STYLE_PLAIN || v->style == HL_STYLE_SINGLE ||
	       v->style == HL_STYLE_DOUBLE;
}

/* HL603, HL604: uninstall trims and lower-cases, upgrade does not (§7). */
static void check_value(struct hl_ctx *ctx, const struct hl_value *v)
{
	struct hl_finding *f;
	const char *s, *shown;
	char norm[8];
	size_t len;

	/* null, numbers and mappings are HL120/HL121's */
	if (!hl_value_is_string(v))
		return;
	s = hl_value_string(v, &len);
	if (len == 4 && !memcmp(s, "keep", 4))
		return;
	shown = hl_shorten(ctx->arena, s, len);
	if (hl_normalize(s, len, norm, sizeof(norm)) &&
	    !strcmp(norm, "keep")) {
		f = hl_report(ctx, HL_RULE_HL604, v->span,
			      "resource policy '%s' is 'keep' only after "
			      "trimming and lower-casing: uninstall keeps the "
			      "resource, but an upgrade or rollback that "
			      "removes it from the chart compares exactly and "
			      "deletes it", shown);
		hl_finding_help(f, "write 'keep'");
		if (plain_text(v))
			hl_finding_edit(f, v->span, "keep");
		return;
	}
	hl_finding_help(hl_report(ctx, HL_RULE_HL603, v->span,
		"resource policy '%s' is not 'keep': uninstall keeps the "
		"resource anyway, but an upgrade that removes it from the "
		"chart deletes it", shown),
		"Helm knows only 'keep'; write that, or remove the annotation");
}

static void check_top(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_kv *kv = hl_map_get(ctx->doc->top, RESOURCE_POLICY);

	if (!kv)
		return;
	/* a dropped document is a hook too: nothing applies to it */
	if (h->is_hook) {
		/* a hook key in an if/else arm the policy is not in: the
		 * object is a regular resource in some renders, where keep
		 * matters */
		if (!h->dropped && (!ctx->doc->mask || h->hook->arm == kv->arm))
			hl_finding_help(hl_report(ctx, HL_RULE_HL305,
				kv->key_span, "'%s' has no effect on a hook: "
				"hooks are never uninstalled, and it does not "
				"stop their delete policies", RESOURCE_POLICY),
				"remove it; only helm.sh/hook-delete-policy "
				"decides when a hook is deleted");
		return;
	}
	check_value(ctx, &kv->val);
}

void hl_check_resource_policy(struct hl_ctx *ctx)
{
	const struct hl_map *m;

	for (m = ctx->doc->maps; m; m = m->next)
		if (m->kind == HL_MAP_ANNOTATIONS && m->in_list_item)
			check_list_item(ctx, m);
	if (ctx->doc->top)
		check_top(ctx);
}
