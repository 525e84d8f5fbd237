/* SPDX-License-Identifier: MIT */
/* model.c - hook facts parsed the way Helm parses them, YAML scalar types */
#include "model.h"
#include "mask.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const event_names[HL_EV_MAX] = {
	[HL_EV_PRE_INSTALL] = "pre-install",
	[HL_EV_POST_INSTALL] = "post-install",
	[HL_EV_PRE_DELETE] = "pre-delete",
	[HL_EV_POST_DELETE] = "post-delete",
	[HL_EV_PRE_UPGRADE] = "pre-upgrade",
	[HL_EV_POST_UPGRADE] = "post-upgrade",
	[HL_EV_PRE_ROLLBACK] = "pre-rollback",
	[HL_EV_POST_ROLLBACK] = "post-rollback",
	[HL_EV_TEST] = "test",
};

static const struct {
	const char *name;
	enum hl_policy bit;
} policies[] = {
	{ "before-hook-creation", HL_POL_BEFORE_HOOK_CREATION },
	{ "hook-succeeded", HL_POL_HOOK_SUCCEEDED },
	{ "hook-failed", HL_POL_HOOK_FAILED },
};

/* --- values ------------------------------------------------------------ */

bool hl_value_is_nonscalar(const struct hl_value *v)
{
	return v->style == HL_STYLE_MAP || v->style == HL_STYLE_SEQ ||
	       v->style == HL_STYLE_ALIAS;
}

bool hl_value_is_string(const struct hl_value *v)
{
	switch (v->style) {
	case HL_STYLE_SINGLE:
	case HL_STYLE_DOUBLE:
	case HL_STYLE_LITERAL:
	case HL_STYLE_FOLDED:
		return true;
	case HL_STYLE_PLAIN:
		return v->type == HL_Y_STR;
	default:
		return false;
	}
}

const char *hl_value_string(const struct hl_value *v, size_t *len)
{
	/* sigs.k8s.io/yaml turns null into "" for a string target (§1.2);
	 * a mapping or sequence fails the decode, so nothing matches it. */
	if (!v->text || v->style == HL_STYLE_NONE ||
	    hl_value_is_nonscalar(v) ||
	    (v->style == HL_STYLE_PLAIN && v->type == HL_Y_NULL)) {
		*len = 0;
		return "";
	}
	*len = v->len;
	return v->text;
}

/* --- Go string functions ----------------------------------------------- */

size_t hl_trim(const char *s, size_t len, size_t *start)
{
	size_t i = 0, first = len, last = 0, n;
	int32_t c;

	while (i < len) {
		c = hl_utf8_decode(s + i, len - i, &n);
		if (c < 0 || !hl_is_go_space(c)) {
			if (first == len)
				first = i;
			last = i + n;
		}
		i += n;
	}
	if (first == len) {
		*start = len;
		return 0;
	}
	*start = first;
	return last - first;
}

static bool is_word_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == ';' || c == '|';
}

bool hl_next_word(const char *s, size_t len, size_t *pos, size_t *start)
{
	size_t i = *pos;

	while (i < len && is_word_sep(s[i]))
		i++;
	if (i == len) {
		*pos = i;
		return false;
	}
	*start = i;
	while (i < len && !is_word_sep(s[i]))
		i++;
	*pos = i;
	return true;
}

/* The ASCII letter a non-ASCII code point lowers to in Go, or 0. */
static char lower_to_ascii(int32_t c)
{
	switch (c) {
	case 0x0130:	/* LATIN CAPITAL LETTER I WITH DOT ABOVE */
		return 'i';
	case 0x212a:	/* KELVIN SIGN */
		return 'k';
	default:
		return 0;
	}
}

bool hl_normalize(const char *s, size_t len, char *dst, size_t n)
{
	size_t start, tlen = hl_trim(s, len, &start), i = 0, o = 0, cl;
	int32_t c;
	char low;

	s += start;
	while (i < tlen) {
		c = hl_utf8_decode(s + i, tlen - i, &cl);
		low = lower_to_ascii(c);
		if (o + (low ? 1 : cl) >= n) {
			if (n)
				dst[0] = '\0';
			return false;
		}
		if (low) {
			dst[o++] = low;
		} else if (c >= 'A' && c <= 'Z') {
			dst[o++] = (char)(c + ('a' - 'A'));
		} else {
			memcpy(dst + o, s + i, cl);
			o += cl;
		}
		i += cl;
	}
	dst[o] = '\0';
	return true;
}

/*
 * Token @t is text[a, b) of a value of @len bytes split into @ntok. An
 * empty token points at the comma before it, or at the one after it when
 * there is none or an empty token before took it (",,a"), so that no two
 * empty tokens share a position unless all are empty.
 */
static struct hl_span token_span(const struct hl_value *v,
				 const struct hl_token *t, size_t a, size_t b,
				 size_t len, bool *took_after)
{
	bool after = *took_after || a == 0;
	size_t at;

	*took_after = false;
	if (!v->direct)
		return v->span;
	if (!t->empty) {
		at = v->raw.start + a + t->trim_off;
		return (struct hl_span){ at, at + t->trim_len };
	}
	if (a == 0 && b == len)
		return v->span;	/* the whole value is empty */
	*took_after = after && b < len;
	at = v->raw.start + (*took_after ? b : a - 1);
	return (struct hl_span){ at, at };
}

size_t hl_tokenize(struct hl_arena *arena, const struct hl_value *v,
		   struct hl_token **out)
{
	size_t len, n = 1, i, a = 0, k = 0;
	const char *text = hl_value_string(v, &len);
	bool took_after = false;
	struct hl_token *t;

	for (i = 0; i < len; i++)
		n += text[i] == ',';
	t = hl_arena_alloc(arena, n * sizeof(*t));
	memset(t, 0, n * sizeof(*t));
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != ',')
			continue;
		t[k].text = text + a;
		t[k].len = i - a;
		t[k].trim_len = hl_trim(text + a, i - a, &t[k].trim_off);
		t[k].empty = t[k].trim_len == 0;
		t[k].too_long = !hl_normalize(text + a, i - a, t[k].norm,
					      sizeof(t[k].norm));
		t[k].span = token_span(v, &t[k], a, i, len, &took_after);
		k++;
		a = i + 1;
	}
	*out = t;
	return n;
}

/* --- events and policies ----------------------------------------------- */

enum hl_event hl_event_lookup(const char *norm, bool *alias)
{
	int e;

	if (alias)
		*alias = false;
	for (e = 0; e < HL_EV_MAX; e++)
		if (!strcmp(norm, event_names[e]))
			return (enum hl_event)e;
	if (!strcmp(norm, "test-success")) {
		if (alias)
			*alias = true;
		return HL_EV_TEST;
	}
	return HL_EV_UNKNOWN;
}

const char *hl_event_name(enum hl_event e)
{
	return e >= 0 && e < HL_EV_MAX ? event_names[e] : "?";
}

int hl_policy_lookup(const char *norm)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(policies); i++)
		if (!strcmp(norm, policies[i].name))
			return policies[i].bit;
	return 0;
}

const char *hl_policy_name(enum hl_policy p)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(policies); i++)
		if (policies[i].bit == p)
			return policies[i].name;
	return "?";
}

/* --- Go's strconv ------------------------------------------------------ */

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* strconv.ParseUint without underscores; @base 0 reads Go's prefixes. */
static enum hl_atoi_err parse_uint(const char *s, size_t len, int base,
				   unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;
	int d;

	if (!len)
		return HL_ATOI_SYNTAX;
	if (base == 0 && s[0] == '0') {
		size_t skip = 2;

		switch (len >= 3 ? s[1] | 0x20 : 0) {
		case 'b':
			base = 2;
			break;
		case 'o':
			base = 8;
			break;
		case 'x':
			base = 16;
			break;
		default:	/* old-style octal, and "0" itself */
			base = 8;
			skip = 1;
		}
		s += skip;
		len -= skip;
	} else if (base == 0) {
		base = 10;
	}
	for (i = 0; i < len; i++) {
		d = digit_value(s[i]);
		if (d >= base)
			return HL_ATOI_SYNTAX;
		if (v > (~0ULL - (unsigned)d) / (unsigned)base) {
			/* a range error only for an otherwise valid number:
			 * go-yaml's big.Int fallback needs that, and a weight
			 * like "99999999999999999999x" is not an integer */
			for (; i < len; i++)
				if (digit_value(s[i]) >= base)
					return HL_ATOI_SYNTAX;
			return HL_ATOI_RANGE;
		}
		v = v * (unsigned)base + (unsigned)d;
	}
	*out = v;
	return HL_ATOI_OK;
}

/* strconv.ParseInt: an optional sign, then parse_uint, int64 range. */
static enum hl_atoi_err parse_int(const char *s, size_t len, int base,
				  long long *out)
{
	unsigned long long u;
	enum hl_atoi_err err;
	bool neg = false;

	if (len && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		s++;
		len--;
	}
	err = parse_uint(s, len, base, &u);
	if (err)
		return err;
	if (u > (neg ? 1ULL << 63 : (1ULL << 63) - 1))
		return HL_ATOI_RANGE;
	*out = neg ? (long long)(0 - u) : (long long)u;
	return HL_ATOI_OK;
}

enum hl_atoi_err hl_atoi(const char *s, size_t len, long long *out)
{
	long long v = 0;
	enum hl_atoi_err err;

	*out = 0;
	if (!len)
		return HL_ATOI_EMPTY;
	err = parse_int(s, len, 10, &v);
	if (!err)
		*out = v;
	return err;
}

/* --- go-yaml v2 resolve ------------------------------------------------ */

static bool in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == len && !memcmp(*list, s, len))
			return true;
	return false;
}

static const char *const yaml_bools[] = {
	"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
	"n", "N", "no", "No", "NO", "false", "False", "FALSE",
	"off", "Off", "OFF", NULL,
};
static const char *const yaml_nulls[] = {
	"", "~", "null", "Null", "NULL", NULL,
};
static const char *const yaml_special_floats[] = {
	".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
	"+.INF", "-.inf", "-.Inf", "-.INF", NULL,
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits with single underscores between them (Go's underscoreOK). */
static size_t go_digits(const char *s, size_t len, bool underscores)
{
	size_t i = 0;

	while (i < len && is_digit(s[i])) {
		i++;
		if (underscores && i + 1 < len && s[i] == '_' &&
		    is_digit(s[i + 1]))
			i++;
	}
	return i;
}

/*
 * A decimal float as strconv.ParseFloat reads it, with Go's underscore
 * rule when @underscores: digits, an optional '.', more digits, an
 * optional exponent. Overflow to infinity is an error; underflow is not.
 */
static bool go_parse_float(const char *s, size_t len, bool underscores)
{
	size_t i = 0, n, m = 0;
	char *tmp;
	double d;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	n = go_digits(s + i, len - i, underscores);
	i += n;
	if (i < len && s[i] == '.') {
		i++;
		m = go_digits(s + i, len - i, underscores);
		i += m;
	}
	if (!n && !m)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		n = go_digits(s + i, len - i, underscores);
		if (!n)
			return false;
		i += n;
	}
	if (i != len)
		return false;
	tmp = xmalloc(len + 1);
	for (i = n = 0; i < len; i++)
		if (s[i] != '_')
			tmp[n++] = s[i];
	tmp[n] = '\0';
	d = strtod(tmp, NULL);
	free(tmp);
	return !isinf(d);
}

/* yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s, size_t len)
{
	size_t i = 0, n;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < len && s[i] == '.') {
		n = go_digits(s + i + 1, len - i - 1, false);
		if (!n)
			return false;
		i += 1 + n;
	} else {
		n = go_digits(s + i, len - i, false);
		if (!n)
			return false;
		i += n;
		if (i < len && s[i] == '.')
			i += 1 + go_digits(s + i + 1, len - i - 1, false);
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		n = go_digits(s + i, len - i, false);
		if (!n)
			return false;
		i += n;
	}
	return i == len;
}

/* The 'D' and 'S' branch of resolve(): int, float or string. */
static enum hl_ytype resolve_number(const char *s, size_t len)
{
	enum hl_ytype t = HL_Y_STR;
	enum hl_atoi_err uerr;
	unsigned long long u;
	char *p = xmalloc(len + 1);
	size_t i, n = 0;
	long long v;

	/* go-yaml strips every underscore before parsing */
	for (i = 0; i < len; i++)
		if (s[i] != '_')
			p[n++] = s[i];
	p[n] = '\0';
	uerr = parse_uint(p, n, 0, &u);
	if (!parse_int(p, n, 0, &v) || !uerr)
		t = HL_Y_INT;
	else if (yaml_style_float(p, n) && go_parse_float(p, n, false))
		t = HL_Y_FLOAT;
	else if (n > 2 && !strncmp(p, "0b", 2) &&
		 (!parse_int(p + 2, n - 2, 2, &v) ||
		  !parse_uint(p + 2, n - 2, 2, &u)))
		t = HL_Y_INT;
	else if (uerr == HL_ATOI_RANGE)
		t = HL_Y_INT;	/* a big.Int */
	/* "-0b101" already parsed as an int with base 0 above */
	free(p);
	return t;
}

enum hl_ytype hl_resolve_plain(const char *s, size_t len)
{
	if (in_list(s, len, yaml_nulls))
		return HL_Y_NULL;
	if (in_list(s, len, yaml_bools))
		return HL_Y_BOOL;
	if (in_list(s, len, yaml_special_floats))
		return HL_Y_FLOAT;
	switch (s[0]) {
	case '.':
		/* strconv.ParseFloat on the text as written */
		return go_parse_float(s, len, true) ? HL_Y_FLOAT : HL_Y_STR;
	case '+':
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		/* timestamps (YYYY-...) never parse as numbers: no check */
		return resolve_number(s, len);
	default:
		return HL_Y_STR;
	}
}

/* --- documents --------------------------------------------------------- */

bool hl_tokens_all_empty(const struct hl_token *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!t[i].empty)
			return false;
	return true;
}

const struct hl_kv *hl_map_get(const struct hl_map *m, const char *key)
{
	size_t i, len = strlen(key);

	if (!m)
		return NULL;
	for (i = m->n; i-- > 0;)
		if (m->items[i].key_len == len &&
		    !memcmp(m->items[i].key, key, len))
			return &m->items[i];
	return NULL;
}

bool hl_source_in_crds(const char *source)
{
	const char *p = strchr(source, '/');

	while (p && !strncmp(p, "/charts/", 8))
		p = strchr(p + 8, '/');
	return p && !strncmp(p, "/crds/", 6);
}

bool hl_kind_is(const struct hl_doc *d, const char *kind)
{
	size_t len;
	const char *k;

	if (!hl_value_is_string(&d->kind))
		return false;
	k = hl_value_string(&d->kind, &len);
	return len == strlen(kind) && !memcmp(k, kind, len);
}

/*
 * The weight Helm computes from an unquoted number: sigs.k8s.io/yaml
 * formats it as a string first (ints in decimal, floats with
 * FormatFloat(f, 'g', -1, 32)), then Atoi reads that. The shortest 'g'
 * form of a float32 is a plain integer only for an integral value below
 * 1e6; anything else has a '.' or an exponent.
 */
static bool coerced_weight(const struct hl_value *v, long long *out)
{
	char *p;
	size_t i, n = 0;
	float f;
	bool ok;

	p = xmalloc(v->len + 1);
	for (i = 0; i < v->len; i++)
		if (v->text[i] != '_')
			p[n++] = v->text[i];
	p[n] = '\0';
	if (v->type == HL_Y_INT) {
		ok = !parse_int(p, n, 0, out);
	} else {
		char *end;

		/* .inf and .nan print as "+Inf" and "NaN": not integers */
		f = (float)strtod(p, &end);
		/* false for NaN and the infinities too */
		ok = end == p + n && f > -1e6f && f < 1e6f &&
		     (float)(long long)f == f;
		*out = ok ? (long long)f : 0;
	}
	free(p);
	return ok;
}

static void parse_weight(struct hl_hook *h)
{
	const struct hl_value *v = &h->weight->val;
	size_t len;
	const char *s = hl_value_string(v, &len);

	if (v->style == HL_STYLE_PLAIN && v->text &&
	    (v->type == HL_Y_INT || v->type == HL_Y_FLOAT)) {
		h->weight_valid = coerced_weight(v, &h->weight_value);
		return;
	}
	h->weight_valid = !hl_atoi(s, len, &h->weight_value);
}

/* Mark the tokens a template action produces; true if any. */
static bool templated_tokens(const struct hl_doc *d, const struct hl_kv *kv,
			     struct hl_token *t, size_t n)
{
	bool any = false;
	size_t i;

	if (!d->mask || !kv->val.templated)
		return false;
	for (i = 0; i < n; i++) {
		/* escaped or block values have no exact token spans */
		/* an empty value an action fills in (on the line below) */
		t[i].templated = !kv->val.direct || !kv->val.len ||
			hl_mask_overlaps(d->mask, t[i].span.start, t[i].span.end);
		any |= t[i].templated;
	}
	return any || !n;
}

static void parse_events(struct hl_arena *arena, const struct hl_doc *d,
			 struct hl_hook *h)
{
	size_t i;
	enum hl_event e;

	h->nevents = hl_tokenize(arena, &h->hook->val, &h->events);
	if (hl_value_is_nonscalar(&h->hook->val))
		h->dropped = true;
	h->events_templated = templated_tokens(d, h->hook, h->events,
					       h->nevents);
	for (i = 0; i < h->nevents; i++) {
		e = hl_event_lookup(h->events[i].norm, NULL);
		if (h->events[i].templated)
			continue;	/* unknown until rendered */
		if (h->events[i].empty || e == HL_EV_UNKNOWN)
			h->dropped = true;
		else
			h->event_mask |= 1u << e;
	}
}

static void parse_policies(struct hl_arena *arena, const struct hl_doc *d,
			   struct hl_hook *h)
{
	size_t i;
	int bit;

	h->policy_explicit = h->delete_policy != NULL;
	h->policy_all_known = true;
	if (!h->delete_policy) {
		h->policy_mask = HL_POL_BEFORE_HOOK_CREATION;
		/* a template may emit the policy into an open mapping
		 * ("{{- toYaml .Values.jobAnnotations | nindent 4 }}") */
		if (d->top && d->top->open)
			h->policy_all_known = false;
		return;
	}
	h->npolicies = hl_tokenize(arena, &h->delete_policy->val,
				   &h->policies);
	if (hl_value_is_nonscalar(&h->delete_policy->val))
		h->policy_all_known = false;
	h->policy_templated = templated_tokens(d, h->delete_policy,
					       h->policies, h->npolicies);
	if (h->policy_templated)
		h->policy_all_known = false;
	for (i = 0; i < h->npolicies; i++) {
		if (h->policies[i].templated)
			continue;
		bit = hl_policy_lookup(h->policies[i].norm);
		if (!bit)
			h->policy_all_known = false;
		h->policy_mask |= (unsigned)bit;
	}
}

void hl_hook_parse(struct hl_arena *arena, const struct hl_doc *d,
		   struct hl_hook *h)
{
	const struct hl_map *m = d->top;

	memset(h, 0, sizeof(*h));
	h->hook = hl_map_get(m, "helm.sh/hook");
	h->weight = hl_map_get(m, "helm.sh/hook-weight");
	h->delete_policy = hl_map_get(m, "helm.sh/hook-delete-policy");
	h->log_policy = hl_map_get(m, "helm.sh/hook-output-log-policy");
	h->resource_policy = hl_map_get(m, "helm.sh/resource-policy");
	h->argocd_hook = hl_map_get(m, "argocd.argoproj.io/hook");
	h->is_hook = h->hook != NULL;
	if (h->is_hook)
		parse_events(arena, d, h);
	if (h->weight) {
		parse_weight(h);
		if (h->weight->val.templated) {
			h->weight_templated = true;
			h->weight_valid = false;
			h->weight_value = 0;
		}
	}
	parse_policies(arena, d, h);
}

/* --- message helpers --------------------------------------------------- */

const char *hl_shorten(struct hl_arena *arena, const char *s, size_t len)
{
	size_t cut = 57;

	if (len <= 60)
		return hl_arena_strndup(arena, s, len);
	/* back up to the start of a UTF-8 sequence */
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return hl_arena_printf(arena, "%.*s...", (int)cut, s);
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t hl_edit_distance(const char *a, size_t alen, const char *b,
			size_t blen, size_t max)
{
	size_t row[64], i, j, diag, up, best;

	/* the names we compare with are short; longer input is no match */
	if (blen >= HL_ARRAY_SIZE(row) ||
	    (alen > blen ? alen - blen : blen - alen) > max)
		return max + 1;
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		diag = row[0];
		best = row[0] = i;
		for (j = 1; j <= blen; j++) {
			up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag :
				1 + min3(diag, up, row[j - 1]);
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max)
			return max + 1;
	}
	return row[blen] > max ? max + 1 : row[blen];
}

bool hl_weight_is_sync_wave(const struct hl_doc *d, const struct hl_hook *h)
{
	const struct hl_kv *wave;
	long long n;

	if (!d->top || !h || h->is_hook || !h->weight)
		return false;
	/* Argo CD prefers its own wave when it is an integer (§14) */
	wave = hl_map_get(d->top, "argocd.argoproj.io/sync-wave");
	if (wave) {
		size_t len;
		const char *s = hl_value_string(&wave->val, &len);

		if (hl_atoi(s, len, &n) == HL_ATOI_OK)
			return false;
	}
	return true;
}

bool hl_kv_alternatives(const struct hl_doc *d, const struct hl_kv *a,
			const struct hl_kv *b)
{
	return d && d->mask && a->arm >= 0 && b->arm >= 0 &&
	       hl_mask_exclusive(d->mask, a->arm, b->arm);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void hl_action_text(struct hl_buf *b, const char *s, size_t n)
{
	size_t i = 2, end = n >= 4 ? n - 2 : 2;
	bool blank = false;

	if (i + 1 < end && s[i] == '-' && is_blank(s[i + 1]))
		i++;
	if (end > i + 1 && s[end - 1] == '-' && is_blank(s[end - 2]))
		end--;
	hl_buf_adds(b, "{{");
	for (; i < end; i++) {
		if (is_blank(s[i])) {
			blank = true;
			continue;
		}
		if (blank && b->s[b->len - 1] != '{')
			hl_buf_addc(b, ' ');
		blank = false;
		hl_buf_addc(b, s[i]);
	}
	hl_buf_adds(b, "}}");
}

bool hl_value_template_text(const struct hl_doc *d, const struct hl_value *v,
			    struct hl_buf *b)
{
	size_t p;

	if (!v->templated || !d->orig || !d->mask)
		return false;
	for (p = v->raw.start; p < v->raw.end;) {
		const struct hl_action *a = hl_mask_action_from(d->mask, p);

		if (!a || a->span.start >= v->raw.end) {
			hl_buf_add(b, d->orig + p, v->raw.end - p);
			break;
		}
		hl_buf_add(b, d->orig + p, a->span.start - p);
		hl_action_text(b, d->orig + a->span.start,
			       a->span.end - a->span.start);
		p = a->span.end;
	}
	return true;
}

const char *hl_doc_hook_switch(struct hl_arena *arena, const struct hl_doc *d,
			       const struct hl_kv *hook)
{
	const struct hl_arm *a;
	struct hl_buf b = HL_BUF_INIT;
	const char *out = NULL;

	if (!d->mask || !d->orig || !hook || hook->arm < 0 ||
	    !hl_doc_key_conditional(d, hook->key_span.start))
		return NULL;
	a = &d->mask->arms[hook->arm];
	if (a->range)
		return NULL;
	/* "{{- if .Values.asHook -}}" -> "if .Values.asHook" */
	hl_action_text(&b, d->orig + a->head.start,
		       a->head.end - a->head.start);
	if (b.len > 4)
		out = hl_arena_strndup(arena, b.s + 2, b.len - 4);
	hl_buf_release(&b);
	return out;
}

bool hl_doc_key_conditional(const struct hl_doc *d, size_t off)
{
	size_t at = hl_span_set(d->kind.span) ? d->kind.span.start :
		    d->span.start;

	return d->mask &&
	       hl_mask_arm_at(d->mask, off) != hl_mask_arm_at(d->mask, at);
}

/* Template functions whose result differs from one rendering to the
 * next, and the one value that differs between revisions. */
static const char *const varying[] = {
	"randAlpha", "randAlphaNum", "randNumeric", "randAscii", "uuidv4",
	"now",
	".Release.Revision",
};

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Does @s[0, @len) contain @w as a whole word? */
static bool has_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(s + i, w, n) && (!i || !is_word_byte(s[i - 1])) &&
		    (i + n == len || !is_word_byte(s[i + n])))
			return true;
	return false;
}

bool hl_doc_name_varies(const struct hl_doc *d)
{
	const struct hl_value *n = &d->name;
	size_t i, len = n->raw.end - n->raw.start;

	if (!hl_value_present(n) || !n->len)
		return hl_value_present(&d->generate_name);
	if (!n->templated || !d->orig)
		return false;
	for (i = 0; i < HL_ARRAY_SIZE(varying); i++)
		if (has_word(d->orig + n->raw.start, len, varying[i]))
			return true;
	return false;
}

void hl_events_csv(struct hl_buf *b, unsigned mask)
{
	size_t e;
	bool first = true;

	for (e = 0; e < HL_EV_MAX; e++) {
		if (!(mask & 1u << e))
			continue;
		hl_buf_addf(b, "%s%s", first ? "" : ",",
			    hl_event_name((enum hl_event)e));
		first = false;
	}
}
