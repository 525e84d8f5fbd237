/* SPDX-License-Identifier: MIT */
/* rules/weights.c - helm.sh/hook-weight values: HL110 and HL111 */
#include "rules/families.h"

#include <string.h>

static bool is_exponent(const char *s, size_t len)
{
	size_t i = len && (s[0] == '+' || s[0] == '-'), digits = i;

	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > digits && i < len && (s[i] == 'e' || s[i] == 'E');
}

static bool is_hex(const char *s, size_t len)
{
	if (len && (s[0] == '+' || s[0] == '-')) {
		s++;
		len--;
	}
	return len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* Why Atoi rejects @s, for the message. */
static const char *reason(const char *s, size_t len)
{
	size_t start, tlen = hl_trim(s, len, &start);
	long long v;

	if (!len)
		return "is empty";
	if (tlen < len && !hl_atoi(s + start, tlen, &v))
		return "has surrounding white space";
	if (hl_atoi(s, len, &v) == HL_ATOI_RANGE)
		return "is out of the int64 range";
	if (memchr(s, '.', len))
		return "has a decimal point";
	if (is_exponent(s, len))
		return "has an exponent";
	if (is_hex(s, len))
		return "is hexadecimal";
	if (memchr(s, '_', len))
		return "has an underscore";
	return "is not an integer";
}

static void report_invalid(struct hl_ctx *ctx, const struct hl_kv *kv,
			   const char *s, size_t len)
{
	size_t start, tlen = hl_trim(s, len, &start);
	struct hl_finding *f;
	long long v;

	f = hl_report(ctx, HL_RULE_HL110, kv->val.span,
		      "hook weight '%s' %s: Helm silently uses 0",
		      hl_shorten(ctx->arena, s, len), reason(s, len));
	if (tlen < len && !hl_atoi(s + start, tlen, &v)) {
		char *fix = hl_arena_strndup(ctx->arena, s + start, tlen);

		hl_finding_help(f, "remove the white space: \"%s\"", fix);
		if (kv->val.direct)
			hl_finding_edit(f, kv->val.raw, fix);
		return;
	}
	hl_finding_help(f, "write a plain integer in quotes, like \"5\"");
}

/* "+5", "05", "-007": what Atoi reads, written the usual way. */
static void check_unusual(struct hl_ctx *ctx, const struct hl_kv *kv,
			  const char *s, size_t len)
{
	size_t sign = len && (s[0] == '+' || s[0] == '-');
	bool zeros = len - sign > 1 && s[sign] == '0';
	struct hl_finding *f;
	const char *fix;

	if (!(len && s[0] == '+') && !zeros)
		return;
	fix = hl_arena_printf(ctx->arena, "%lld", ctx->hook->weight_value);
	f = hl_report(ctx, HL_RULE_HL111, kv->val.span,
		      "hook weight '%s' has %s: Helm reads it as %s",
		      hl_shorten(ctx->arena, s, len),
		      !zeros ? "a leading '+'" : s[0] == '+' ?
		      "a leading '+' and leading zeros" : "leading zeros", fix);
	hl_finding_help(f, "write \"%s\"", fix);
	if (kv->val.direct)
		hl_finding_edit(f, kv->val.raw, fix);
}

void hl_check_weights(struct hl_ctx *ctx)
{
	const struct hl_hook *h = ctx->hook;
	const struct hl_kv *kv = h->weight;
	const char *s;
	size_t len;

	/* an unquoted number or null is HL120's; a mapping HL121's */
	if (!h->is_hook || h->dropped || !kv ||
	    !hl_value_is_string(&kv->val))
		return;
	s = hl_value_string(&kv->val, &len);
	if (h->weight_valid)
		check_unusual(ctx, kv, s, len);
	else
		report_invalid(ctx, kv, s, len);
}
