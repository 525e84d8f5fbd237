/* SPDX-License-Identifier: MIT */
/*
 * fallback.c - hook annotations of a template that masking cannot
 * turn into YAML: found line by line, checked by the value rules.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fallback.h"
#include "pass.h"
#include "mask.h"

#include <pcre2.h>
#include <string.h>

/* "helm.sh/hook…": value, the key optionally quoted; compiled once. */
static const char pattern[] =
	"^[ \\t-]*([\"']?)(helm\\.sh/hook(?:-weight|-delete-policy|"
	"-output-log-policy)?)\\1[ \\t]*:[ \\t]*(.*?)[ \\t]*(?:#.*)?$";

static pcre2_code *compiled(void)
{
	static pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	if (!re) {
		re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				   PCRE2_MULTILINE, &err, &off, NULL);
		if (!re)
			hl_bug("fallback pattern does not compile at %zu",
			       (size_t)off);
	}
	return re;
}

/* A value as written on the line: quoted or plain, never escaped. */
static void line_value(const char *buf, size_t start, size_t end,
		       struct hl_value *v)
{
	memset(v, 0, sizeof(*v));
	v->span.start = start;
	v->span.end = end;
	v->raw = v->span;
	v->style = HL_STYLE_PLAIN;
	v->type = HL_Y_STR;
	if (end - start >= 2 && (buf[start] == '"' || buf[start] == '\'') &&
	    buf[end - 1] == buf[start]) {
		v->style = buf[start] == '"' ? HL_STYLE_DOUBLE : HL_STYLE_SINGLE;
		v->raw.start++;
		v->raw.end--;
	} else {
		v->type = (unsigned char)hl_resolve_plain(buf + start, end - start);
	}
	v->text = buf + v->raw.start;
	v->len = v->raw.end - v->raw.start;
	/* escapes would make offsets inexact: leave such values alone */
	v->direct = !memchr(v->text, '\\', v->len);
}

void hl_fallback_scan(struct hl_ctx *ctx, const struct hl_mask *mask,
		      size_t start, size_t end)
{
	pcre2_code *re = compiled();
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	struct hl_kv items[16];
	struct hl_map map;
	struct hl_doc d;
	struct hl_hook hook;
	size_t off = start;

	memset(&map, 0, sizeof(map));
	memset(&d, 0, sizeof(d));
	map.kind = HL_MAP_ANNOTATIONS;
	map.top = true;
	map.items = items;
	map.alloc = HL_ARRAY_SIZE(items);
	while (map.n < map.alloc &&
	       pcre2_match(re, (PCRE2_SPTR)ctx->buf, end, off, 0, md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		struct hl_kv *kv = &items[map.n++];

		memset(kv, 0, sizeof(*kv));
		kv->key = hl_arena_strndup(ctx->arena, ctx->buf + ov[4],
					   ov[5] - ov[4]);
		kv->key_len = ov[5] - ov[4];
		kv->key_span.start = ov[2] < ov[3] ? ov[2] - 1 : ov[4];
		kv->key_span.end = ov[2] < ov[3] ? ov[5] + 1 : ov[5];
		kv->arm = -1;
		line_value(ctx->buf, ov[6], ov[7], &kv->val);
		kv->val.templated = hl_mask_overlaps(mask, kv->val.span.start,
						     kv->val.span.end);
		off = ov[1] > off ? ov[1] : off + 1;
	}
	pcre2_match_data_free(md);
	if (!map.n)
		return;
	/* the kind is unknown here: kind rules stay silent */
	d.span.start = start;
	d.span.end = end;
	d.mask = mask;
	d.orig = ctx->buf;
	d.top = &map;
	d.maps = &map;
	d.is_mapping = true;
	hl_hook_parse(ctx->arena, &d, &hook);
	ctx->doc = &d;
	ctx->hook = &hook;
	hl_check_values_only(ctx);
	ctx->doc = NULL;
	ctx->hook = NULL;
}
