/* SPDX-License-Identifier: MIT */
/* rules/charts.c - where a file sits in a chart: HL207, HL208, HL601, HL903 */
#include "rules/families.h"

#include <string.h>

static const char *const hook_keys[] = {
	"helm.sh/hook",
	"helm.sh/hook-weight",
	"helm.sh/hook-delete-policy",
	"helm.sh/hook-output-log-policy",
};

static bool is_hook_key(const struct hl_kv *kv)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(hook_keys); i++)
		if (!strcmp(kv->key, hook_keys[i]))
			return true;
	return false;
}

/* The helm.sh/hook entry of @m, else its first hook annotation. */
static const struct hl_kv *hook_entry(const struct hl_map *m)
{
	const struct hl_kv *kv = NULL;
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		if (!is_hook_key(&m->items[i]))
			continue;
		if (!kv || !strcmp(m->items[i].key, "helm.sh/hook"))
			kv = &m->items[i];
	}
	return kv;
}

/* HL207: crds/ files bypass hook processing (§11). A chart that also
 * renders its crds/ files from a template (for Helm 2) needs Helm 2's
 * crd-install there: Helm 3 drops the templated copy for it. */
static void hooks_in_crds(struct hl_ctx *ctx)
{
	const struct hl_kv *kv = hook_entry(ctx->doc->top);

	if (!kv || ctx->crds_rendered)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL207, kv->key_span,
		"hook annotations in the chart's crds/ directory: Helm creates "
		"crds/ files as they are, before rendering, and never runs "
		"them as hooks"),
		"remove the hook annotations, or move the object to templates/ "
		"if it must be a hook");
}

/* HL208: a chart file outside templates/ and crds/ is never rendered. */
static void hooks_not_rendered(struct hl_ctx *ctx)
{
	const struct hl_kv *kv = hook_entry(ctx->doc->top);

	if (!kv)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL208, kv->key_span,
		"a hook in a chart file outside templates/ and crds/: Helm "
		"never renders this file, so the hook never runs"),
		"move the file under the chart's templates/ directory");
}

/* A block scalar header ends the line: "key: |", "- >-", "|2+". */
static bool opens_block(const char *line, size_t n)
{
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\r' ||
		     line[n - 1] == '-' || line[n - 1] == '+' ||
		     (line[n - 1] >= '0' && line[n - 1] <= '9')))
		n--;
	return n && (line[n - 1] == '|' || line[n - 1] == '>') &&
	       (n == 1 || line[n - 2] == ' ');
}

/*
 * Is the "{{" at @q (in line [ls, le)) where a value starts, rather than
 * inside a string value? Inside quotes, or after other text of a plain
 * scalar, it is part of a string and harmless.
 */
static bool starts_value(const char *buf, size_t ls, size_t q)
{
	size_t k, quotes = 0, last = ls;

	for (k = ls; k < q; k++) {
		quotes += buf[k] == '"' || buf[k] == '\'';
		if (buf[k] != ' ' && buf[k] != '\t')
			last = k + 1;
	}
	if (quotes % 2)
		return false;
	/* only indentation, "key:" or "- " before it */
	return last == ls || (last > ls && (buf[last - 1] == ':' ||
					    buf[last - 1] == '-'));
}

/* Fields that name the CRD or its kinds: a template action anywhere in
 * their value is sent as written, and the API server rejects the name. */
static const char *const identity_keys[] = {
	"name", "group", "kind", "listKind", "plural", "singular",
	"apiVersion",
};

/* Is the key of line [ls, le) ("  key: value", "- key: value") one of
 * identity_keys? */
static bool identity_line(const char *buf, size_t ls, size_t le)
{
	size_t k = ls, n, i;

	while (k < le && (buf[k] == ' ' || buf[k] == '-'))
		k++;
	for (n = 0; k + n < le && buf[k + n] != ':'; n++)
		if (buf[k + n] == ' ' || buf[k + n] == '{')
			return false;
	if (k + n == le)
		return false;
	for (i = 0; i < HL_ARRAY_SIZE(identity_keys); i++)
		if (strlen(identity_keys[i]) == n &&
		    !memcmp(buf + k, identity_keys[i], n))
			return true;
	return false;
}

/*
 * A template action in a crds/ file where a value starts, or anywhere in
 * the value of an identity field: crds/ is never
 * templated, so it is sent as written. Actions inside string values
 * (quoted, plain text, block scalars such as descriptions) are only text.
 * Returns its offset in [start, end), or SIZE_MAX.
 */
static size_t crds_action_at(const char *buf, size_t start, size_t end)
{
	size_t ls = start;
	long block = -1;	/* indentation of a block scalar's key */

	while (ls < end) {
		const char *nl = memchr(buf + ls, '\n', end - ls);
		size_t le = nl ? (size_t)(nl - buf) : end, ind = ls, q;

		while (ind < le && buf[ind] == ' ')
			ind++;
		if (block >= 0 && (ind == le || (long)(ind - ls) > block)) {
			ls = le + 1;
			continue;	/* inside a block scalar */
		}
		block = -1;
		for (q = ind; q + 1 < le; q++)
			if (buf[q] == '{' && buf[q + 1] == '{' &&
			    (starts_value(buf, ls, q) ||
			     identity_line(buf, ls, le)))
				return q;
		if (opens_block(buf + ls, le - ls))
			block = (long)(ind - ls);
		ls = le + 1;
	}
	return SIZE_MAX;
}

/* HL601: crds/ holds CustomResourceDefinitions only, never templated. */
static void crds_document(struct hl_ctx *ctx)
{
	const struct hl_doc *d = ctx->doc;
	size_t klen, alen, at;
	const char *kind = hl_value_string(&d->kind, &klen);
	const char *api = hl_value_string(&d->api_version, &alen);
	struct hl_finding *f;

	at = crds_action_at(ctx->buf, d->span.start, d->span.end);
	if (at != SIZE_MAX) {
		struct hl_span s = { at, at + 2 };
		f = hl_report(ctx, HL_RULE_HL601, s, "a template action in the "
			      "chart's crds/ directory: Helm never renders "
			      "crds/ files, so it is sent as written");
		hl_finding_help(f, "move templated objects to templates/");
		return;
	}
	if (klen != 24 || memcmp(kind, "CustomResourceDefinition", 24)) {
		f = hl_report(ctx, HL_RULE_HL601, d->kind.span,
			      "'%s' in the chart's crds/ directory: it holds "
			      "CustomResourceDefinitions only (helm lint fails "
			      "it)", hl_shorten(ctx->arena, kind, klen));
		hl_finding_help(f, "move the object to templates/");
	} else if (alen < 21 || memcmp(api, "apiextensions.k8s.io/", 21)) {
		f = hl_report(ctx, HL_RULE_HL601, d->api_version.span,
			      "apiVersion '%s' is not in 'apiextensions.k8s.io'",
			      hl_shorten(ctx->arena, api, alen));
		hl_finding_help(f, "use apiextensions.k8s.io/v1");
	}
}

/* HL903 (off by default): hook values a template action produces. */
static void templated_values(struct hl_ctx *ctx)
{
	const struct hl_map *m = ctx->doc->top;
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		const struct hl_kv *kv = &m->items[i];
		if (!is_hook_key(kv) || !kv->val.templated)
			continue;
		hl_report(ctx, HL_RULE_HL903, kv->val.span,
			  "the value of '%s' is produced by a template action, "
			  "so it was not checked", kv->key);
	}
}

void hl_check_charts(struct hl_ctx *ctx)
{
	switch (ctx->place) {
	case HL_PLACE_CRDS:
		hooks_in_crds(ctx);
		crds_document(ctx);
		break;
	case HL_PLACE_CHART_OTHER:
		hooks_not_rendered(ctx);
		break;
	case HL_PLACE_TEMPLATE:
		templated_values(ctx);
		break;
	default:
		break;
	}
}

bool hl_check_crds_text(struct hl_ctx *ctx, size_t start, size_t end)
{
	size_t a = crds_action_at(ctx->buf, start, end);
	struct hl_span s = { a, a + 2 };

	if (a == SIZE_MAX)
		return false;
	hl_finding_help(hl_report(ctx, HL_RULE_HL601, s, "a template action "
			"in the chart's crds/ directory: Helm never renders "
			"crds/ files, so it is sent as written"),
			"move templated objects to templates/");
	return true;
}
