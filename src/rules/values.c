/* SPDX-License-Identifier: MIT */
/* rules/values.c - annotation values that are not strings: HL120, HL121 */
#include "rules/families.h"

#include <string.h>

static const char *const type_words[] = {
	[HL_Y_STR] = "a string",
	[HL_Y_INT] = "an integer",
	[HL_Y_FLOAT] = "a floating-point number",
	[HL_Y_BOOL] = "a boolean",
	[HL_Y_NULL] = "null",
};

/* The value as written: the walker's text, or its bytes in the buffer. */
static const char *written(struct hl_ctx *ctx, const struct hl_value *v,
			   size_t *len)
{
	if (v->text) {
		*len = v->len;
		return v->text;
	}
	if (ctx->buf && v->span.end <= ctx->len) {
		*len = v->span.end - v->span.start;
		return ctx->buf + v->span.start;
	}
	*len = 0;
	return "";
}

/* HL102 and HL131 explain a null hook or delete policy better. */
static bool null_reported_elsewhere(struct hl_ctx *ctx, const struct hl_map *m,
				    const struct hl_kv *kv)
{
	const struct hl_hook *h = ctx->hook;

	if (kv->val.type != HL_Y_NULL || !m->top)
		return false;
	if (!strcmp(kv->key, "helm.sh/hook"))
		return true;
	return kv == h->delete_policy && h->is_hook && !h->dropped;
}

/*
 * An unquoted helm.sh/hook-weight: Helm reads the number YAML made of it
 * (§1.2), so the fix quotes that integer ("017" is 15, "5.0" is 5), not
 * the text, which Atoi may read differently or not at all (HL110).
 */
static void weight_fix(struct hl_ctx *ctx, struct hl_finding *f,
		       const struct hl_value *v, const char *text, size_t len)
{
	const struct hl_hook *h = ctx->hook;
	const char *fix;

	if (!h->weight_valid) {
		hl_finding_help(f, "write a quoted integer, like \"5\": Helm "
				"reads '%s' as weight 0",
				hl_shorten(ctx->arena, text, len));
		return;
	}
	fix = hl_arena_printf(ctx->arena, "\"%lld\"", h->weight_value);
	hl_finding_help(f, "quote it: %s", fix);
	hl_finding_edit(f, v->span, fix);
}

static void check_unquoted(struct hl_ctx *ctx, const struct hl_kv *kv)
{
	const struct hl_value *v = &kv->val;
	struct hl_finding *f;
	const char *text, *fix;
	size_t len;

	text = written(ctx, v, &len);
	if (v->type == HL_Y_NULL) {
		f = hl_report(ctx, HL_RULE_HL120, v->span,
			      "annotation '%s' is null: the API server "
			      "rejects the object at install (helm lint and "
			      "helm template pass)",
			      hl_shorten(ctx->arena, kv->key, kv->key_len));
		/* Helm reads null as "": keep that meaning */
		fix = hl_span_set(v->span) ? "\"\"" : " \"\"";
	} else {
		f = hl_report(ctx, HL_RULE_HL120, v->span,
			      "annotation '%s' has the unquoted value '%s', "
			      "which YAML reads as %s: the API server rejects "
			      "the object at install (helm lint and helm "
			      "template pass)",
			      hl_shorten(ctx->arena, kv->key, kv->key_len),
			      hl_shorten(ctx->arena, text, len),
			      type_words[v->type]);
		fix = hl_arena_printf(ctx->arena, "\"%.*s\"", (int)len, text);
	}
	if (kv == ctx->hook->weight) {
		weight_fix(ctx, f, v, text, len);
		return;
	}
	hl_finding_help(f, "quote it: %s", fix[0] == ' ' ? fix + 1 : fix);
	hl_finding_edit(f, v->span, fix);
}

/* For the comma-separated hook annotations, an example of the format. */
static const char *list_example(const char *key)
{
	if (!strcmp(key, "helm.sh/hook"))
		return "pre-install,pre-upgrade";
	if (!strcmp(key, "helm.sh/hook-delete-policy"))
		return "before-hook-creation,hook-succeeded";
	if (!strcmp(key, "helm.sh/hook-output-log-policy"))
		return "hook-succeeded,hook-failed";
	return NULL;
}

static void check_nonscalar(struct hl_ctx *ctx, const struct hl_map *m,
			    const struct hl_kv *kv)
{
	struct hl_finding *f;
	const char *like;

	f = hl_report(ctx, HL_RULE_HL121, kv->val.span,
		      "annotation '%s' has a %s value: annotation values "
		      "must be strings, %s",
		      hl_shorten(ctx->arena, kv->key, kv->key_len),
		      kv->val.style == HL_STYLE_MAP ? "mapping" : "sequence",
		      m->top ? "and Helm fails the whole render" :
			       "and the API server rejects the object");
	if (m->top && (like = list_example(kv->key)))
		hl_finding_help(f, "write the items as one comma-separated "
				"string, like \"%s\"", like);
	else
		hl_finding_help(f, "write the value as one string, quoted");
}

static void check_map(struct hl_ctx *ctx, const struct hl_map *m)
{
	bool dropped = ctx->hook->dropped;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct hl_kv *kv = &m->items[i];
		unsigned char style = kv->val.style;

		/* a mapping in the top-level annotations fails Helm's
		 * decode before it could drop the document */
		if (style == HL_STYLE_MAP || style == HL_STYLE_SEQ) {
			if (!dropped || m->top)
				check_nonscalar(ctx, m, kv);
		} else if (style == HL_STYLE_PLAIN &&
			   kv->val.type != HL_Y_STR && !dropped &&
			   !null_reported_elsewhere(ctx, m, kv)) {
			check_unquoted(ctx, kv);
		}
	}
}

void hl_check_values(struct hl_ctx *ctx)
{
	const struct hl_map *m;

	for (m = ctx->doc->maps; m; m = m->next)
		if (m->kind == HL_MAP_ANNOTATIONS)
			check_map(ctx, m);
}
