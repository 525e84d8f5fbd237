/* SPDX-License-Identifier: MIT */
/* rules/keys.c - annotation keys: duplicates, spelling, placement, syntax */
#include "rules/families.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* TotalAnnotationSizeLimitB of the API server (§13.3). */
#define ANNOTATIONS_MAX 262144
/* Up to this many keys, comparing every pair is cheaper than sorting. */
#define SMALL_MAP 16
/* Longer keys are no near miss of a Helm key (the longest has 30 bytes). */
#define CANON_MAX 64

#define PREFIX "helm.sh/"
#define PREFIX_LEN (sizeof(PREFIX) - 1)
#define HOOK_PREFIX "helm.sh/hook"
#define HOOK_PREFIX_LEN (sizeof(HOOK_PREFIX) - 1)

static const char obsolete_key[] = "helm.sh/hook-delete-timeout";

/* The keys Helm reads, and what misspelling each one costs. */
static const struct known_key {
	const char *key;
	const char *lost;
	const char *suffix;	/* "helm.sh/<suffix>" is a near miss too */
} known[] = {
	{ "helm.sh/hook", "the resource is a regular one, not a hook", NULL },
	{ "helm.sh/hook-weight", "the hook weight is lost (Helm uses 0)",
	  "weight" },
	{ "helm.sh/hook-delete-policy",
	  "the delete policy is lost (Helm uses before-hook-creation)",
	  "delete-policy" },
	{ "helm.sh/hook-output-log-policy", "the output-log policy is lost",
	  "output-log-policy" },
	{ "helm.sh/resource-policy",
	  "the resource policy is lost (uninstall deletes the resource)",
	  NULL },
};
/* known[0..3] are the hook annotations; known[1..3] need helm.sh/hook. */
#define N_HOOK_KEYS 4

/* @kv's key for a message, shortened when long. */
static const char *shown(struct hl_ctx *ctx, const struct hl_kv *kv)
{
	return hl_shorten(ctx->arena, kv->key, kv->key_len);
}

static bool key_is(const struct hl_kv *kv, const char *key)
{
	size_t n = strlen(key);

	return kv->key_len == n && !memcmp(kv->key, key, n);
}

/* The hook annotation @kv's key is, or NULL. */
static const struct known_key *hook_key(const struct hl_kv *kv)
{
	size_t i;

	for (i = 0; i < N_HOOK_KEYS; i++)
		if (key_is(kv, known[i].key))
			return &known[i];
	return NULL;
}

/* ---- HL150, HL206: duplicates and total size ---- */

struct dup {
	size_t first;	/* index of the first item with the same key */
	bool shadowed;	/* a later item has the same key: Helm keeps that */
};

struct sort_key {
	const char *key;
	size_t len, idx;
};

static int sort_key_cmp(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static bool same_key(const struct hl_kv *a, const struct hl_kv *b)
{
	return a->key_len == b->key_len && !memcmp(a->key, b->key, a->key_len);
}

static void find_dups_small(const struct hl_map *m, struct dup *d)
{
	size_t i, j;

	for (i = 0; i < m->n; i++) {
		d[i].first = i;
		d[i].shadowed = false;
	}
	/* the first match of j comes from the smallest i: its group's first */
	for (i = 0; i < m->n; i++) {
		for (j = i + 1; j < m->n; j++) {
			if (!same_key(&m->items[i], &m->items[j]))
				continue;
			d[i].shadowed = true;
			if (d[j].first == j)
				d[j].first = i;
		}
	}
}

/* Big mappings (generated dashboards, config blobs) sort their keys. */
static void find_dups_sorted(const struct hl_map *m, struct dup *d)
{
	struct sort_key *s = xmalloc(m->n * sizeof(*s));
	size_t i, j, k;

	for (i = 0; i < m->n; i++) {
		s[i].key = m->items[i].key;
		s[i].len = m->items[i].key_len;
		s[i].idx = i;
	}
	qsort(s, m->n, sizeof(*s), sort_key_cmp);
	for (i = 0; i < m->n; i = j) {
		for (j = i + 1; j < m->n; j++)
			if (s[j].len != s[i].len ||
			    memcmp(s[j].key, s[i].key, s[i].len))
				break;
		for (k = i; k < j; k++) {
			d[s[k].idx].first = s[i].idx;
			d[s[k].idx].shadowed = k + 1 < j;
		}
	}
	free(s);
}

/* The nearest earlier entry with item @i's key that is not in another
 * arm of a template if/else (those are alternatives, not duplicates). */
static const struct hl_kv *earlier_same(const struct hl_doc *doc,
					const struct hl_map *m, size_t i)
{
	size_t j;

	for (j = i; j-- > 0;)
		if (same_key(&m->items[j], &m->items[i]) &&
		    !hl_kv_alternatives(doc, &m->items[j], &m->items[i]))
			return &m->items[j];
	return NULL;
}

/* HL150 at @kv; @prev is the nearest earlier entry with its key. */
static void report_duplicate(struct hl_ctx *ctx, const struct hl_map *m,
			     const struct hl_kv *kv, const struct hl_kv *prev)
{
	bool first = !earlier_same(ctx->doc, m, (size_t)(prev - m->items));
	struct hl_finding *f;

	f = hl_report(ctx, HL_RULE_HL150, kv->key_span,
		      "duplicate annotation key '%s'", shown(ctx, kv));
	hl_finding_help(f, "Helm keeps the last value; kubectl and strict "
			"YAML parsers reject the document");
	hl_finding_related(f, NULL, true, prev->key_span, first ?
			   "first defined here" : "also defined here");
}

/* ---- HL205: Kubernetes' IsQualifiedName on the lower-cased key ---- */

/*
 * strings.ToLower as far as validity goes: ASCII letters, and the only two
 * other letters that lower to ASCII (Kelvin sign, capital I with dot).
 */
static size_t go_lower(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z') {
			out[n++] = (char)(c + ('a' - 'A'));
			i++;
		} else if (c == 0xe2 && i + 2 < len &&
			   (unsigned char)s[i + 1] == 0x84 &&
			   (unsigned char)s[i + 2] == 0xaa) {
			out[n++] = 'k';
			i += 3;
		} else if (c == 0xc4 && i + 1 < len &&
			   (unsigned char)s[i + 1] == 0xb0) {
			out[n++] = 'i';
			i += 2;
		} else {
			out[n++] = s[i++];
		}
	}
	return n;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Print the character at @p as the reason's quoted subject. */
static void bad_char(char *why, size_t n, const char *what, const char *p,
		     size_t rem)
{
	size_t clen;

	hl_utf8_decode(p, rem, &clen);
	snprintf(why, n, "%s contains '%.*s'", what, (int)clen, p);
}

/* RFC 1123 subdomain: dot-separated parts of [a-z0-9-], each starting and
 * ending with a letter or digit. */
static bool check_prefix(const char *p, size_t len, char *why, size_t n)
{
	size_t i;

	if (!len) {
		snprintf(why, n, "the prefix before '/' is empty");
		return false;
	}
	if (len > 253) {
		snprintf(why, n, "the prefix is %zu characters long, more "
			 "than 253", len);
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = p[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.')
			continue;
		bad_char(why, n, "the prefix", p + i, len - i);
		return false;
	}
	for (i = 0; i < len; i++) {
		bool edge = !i || i + 1 == len || p[i - 1] == '.' ||
			    p[i + 1] == '.';

		if (edge && !is_alnum(p[i])) {
			snprintf(why, n, "each dot-separated part of the "
				 "prefix must start and end with a letter "
				 "or digit");
			return false;
		}
	}
	return true;
}

/* ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], at most 63 characters. */
static bool check_name(const char *p, size_t len, char *why, size_t n)
{
	size_t i;

	if (!len) {
		snprintf(why, n, "the name is empty");
		return false;
	}
	if (len > 63) {
		snprintf(why, n, "the name is %zu characters long, more than "
			 "63", len);
		return false;
	}
	for (i = 0; i < len; i++) {
		if (is_alnum(p[i]) || p[i] == '-' || p[i] == '_' ||
		    p[i] == '.')
			continue;
		bad_char(why, n, "the name", p + i, len - i);
		return false;
	}
	if (!is_alnum(p[0]) || !is_alnum(p[len - 1])) {
		snprintf(why, n, "the name must start and end with a letter "
			 "or digit");
		return false;
	}
	return true;
}

/* False with the reason in @why when the lower-cased key @s is invalid. */
static bool check_qualified(const char *s, size_t len, char *why, size_t n)
{
	const char *slash = memchr(s, '/', len);
	size_t plen;

	if (!slash)
		return check_name(s, len, why, n);
	plen = (size_t)(slash - s);
	if (memchr(slash + 1, '/', len - plen - 1)) {
		snprintf(why, n, "it has more than one '/'");
		return false;
	}
	return check_prefix(s, plen, why, n) &&
	       check_name(slash + 1, len - plen - 1, why, n);
}

static void check_key_syntax(struct hl_ctx *ctx, const struct hl_kv *kv)
{
	char small[320], why[160];
	char *low = small;
	struct hl_finding *f;
	size_t len;

	if (kv->key_len >= sizeof(small))
		low = hl_arena_alloc(ctx->arena, kv->key_len + 1);
	len = go_lower(kv->key, kv->key_len, low);
	if (check_qualified(low, len, why, sizeof(why)))
		return;
	f = hl_report(ctx, HL_RULE_HL205, kv->key_span,
		      "invalid annotation key '%s': %s", shown(ctx, kv), why);
	hl_finding_help(f, "Kubernetes accepts an optional DNS subdomain and "
			"'/', then a name of at most 63 letters, digits, '-', "
			"'_' or '.' that starts and ends with a letter or "
			"digit");
}

static void check_annotations(struct hl_ctx *ctx, const struct hl_map *m)
{
	struct dup small[SMALL_MAP], *d = small;
	size_t i, size = 0;

	if (m->n > SMALL_MAP) {
		d = xmalloc(m->n * sizeof(*d));
		find_dups_sorted(m, d);
	} else {
		find_dups_small(m, d);
	}
	for (i = 0; i < m->n; i++) {
		const struct hl_kv *kv = &m->items[i];
		const struct hl_kv *prev = d[i].first != i ?
			earlier_same(ctx->doc, m, i) : NULL;

		if (prev)
			report_duplicate(ctx, m, kv, prev);
		/* the API server sees the parsed map: last value wins */
		if (!d[i].shadowed)
			size += kv->key_len + kv->val.len;
		check_key_syntax(ctx, kv);
	}
	if (d != small)
		free(d);
	if (size > ANNOTATIONS_MAX) {
		struct hl_span at = m->key_span;

		if (!hl_span_set(at) && m->n)
			at = m->items[0].key_span;
		hl_finding_help(hl_report(ctx, HL_RULE_HL206, at,
			"annotations total %zu bytes, more than the %d the "
			"API server accepts", size, ANNOTATIONS_MAX),
			"move large data into a ConfigMap or Secret");
	}
}

/* ---- HL203: hook annotations Helm never reads ---- */

static void check_misplaced(struct hl_ctx *ctx, const struct hl_map *m)
{
	const char *where;
	size_t i;

	if (m->kind == HL_MAP_LABELS)
		where = "is a label: Helm reads it only from the top-level "
			"metadata.annotations";
	else if (m->in_list_item)
		where = "in a List item is ignored: Helm reads only the "
			"List's own metadata.annotations";
	else
		where = "is ignored here: Helm reads only the top-level "
			"metadata.annotations";
	for (i = 0; i < m->n; i++) {
		const struct known_key *k = hook_key(&m->items[i]);

		if (k)
			hl_finding_help(hl_report(ctx, HL_RULE_HL203,
				m->items[i].key_span, "hook annotation '%s' %s",
				k->key, where), m->in_list_item ?
				"give the item a document of its own, with "
				"the annotation in its metadata.annotations" :
				"move it to the resource's own "
				"metadata.annotations");
	}
}

/* ---- HL201, HL202: near misses of the keys Helm reads ---- */

enum miss {
	MISS_NONE,
	MISS_NEAR,		/* a spelling of a known key */
	MISS_UNKNOWN_HOOK,	/* some other helm.sh/hook... key */
	MISS_OBSOLETE,		/* helm.sh/hook-delete-timeout */
};

static bool is_lower_or_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * Make the words of @w (@len bytes, '-'-separated) singular, and the
 * nouns people use for Helm's verbs ("deletion") verbs again.
 */
static size_t singular(const char *w, size_t len, char *out)
{
	size_t i = 0, n = 0;

	while (i <= len) {
		size_t e = i, wl;

		while (e < len && w[e] != '-')
			e++;
		wl = e - i;
		if ((wl == 8 || (wl == 9 && w[e - 1] == 's')) &&
		    !memcmp(w + i, "deletion", 8)) {
			memcpy(out + n, "delete", 6);
			n += 6;
		} else if (wl > 3 && !memcmp(w + e - 3, "ies", 3)) {
			memcpy(out + n, w + i, wl - 3);
			n += wl - 3;
			out[n++] = 'y';
		} else if (wl > 1 && w[e - 1] == 's' && w[e - 2] != 's') {
			memcpy(out + n, w + i, wl - 1);
			n += wl - 1;
		} else {
			memcpy(out + n, w + i, wl);
			n += wl;
		}
		if (e < len)
			out[n++] = '-';
		i = e + 1;
	}
	return n;
}

/*
 * Fold the spellings people get wrong: lower-case, '_' for '-', camelCase
 * split with '-', plural words of the name made singular. Returns the
 * length in @out (2 * CANON_MAX bytes), 0 when the key is too long.
 */
static size_t canon(const char *s, size_t len, char *out)
{
	char tmp[2 * CANON_MAX];
	size_t i, n = 0, name = 0;

	if (!len || len >= CANON_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z') {
			if (i && is_lower_or_digit(s[i - 1]))
				tmp[n++] = '-';
			c = (char)(c + ('a' - 'A'));
		} else if (c == '_') {
			c = '-';
		}
		tmp[n++] = c;
		if (c == '/')
			name = n;
	}
	memcpy(out, tmp, name);
	return name + singular(tmp + name, n - name, out + name);
}

/* A helm.sh/ key in canonical form @c: the nearest known key. */
static enum miss match_prefixed(const char *c, size_t cl,
				const struct known_key **hit)
{
	const char *name = c + PREFIX_LEN;
	size_t i, nl = cl - PREFIX_LEN, best = 3;

	for (i = 0; i < HL_ARRAY_SIZE(known); i++) {
		const char *kn = known[i].key + PREFIX_LEN;
		size_t dist = hl_edit_distance(name, nl, kn, strlen(kn), 2);

		if (known[i].suffix) {
			const char *sf = known[i].suffix;
			size_t ds = hl_edit_distance(name, nl, sf, strlen(sf),
						     2);

			if (ds < dist)
				dist = ds;
		}
		if (dist < best) {
			best = dist;
			*hit = &known[i];
		}
	}
	if (best <= 2)
		return MISS_NEAR;
	if (cl >= HOOK_PREFIX_LEN && !memcmp(c, HOOK_PREFIX, HOOK_PREFIX_LEN))
		return MISS_UNKNOWN_HOOK;
	return MISS_NONE;
}

/* A key with no prefix: a known key that lost its "helm.sh/". */
static enum miss match_bare(const char *c, size_t cl,
			    const struct known_key **hit)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(known); i++) {
		const char *kn = known[i].key + PREFIX_LEN;

		if (strlen(kn) == cl && !memcmp(c, kn, cl)) {
			*hit = &known[i];
			return MISS_NEAR;
		}
	}
	return MISS_NONE;
}

static enum miss classify(const struct hl_kv *kv, const struct known_key **hit)
{
	const char *slash = memchr(kv->key, '/', kv->key_len);
	char c[2 * CANON_MAX];
	size_t i, cl;

	/* other prefixes (argocd.argoproj.io/hook) are someone else's */
	if (slash && ((size_t)(slash - kv->key) != PREFIX_LEN - 1 ||
		      strncasecmp(kv->key, PREFIX, PREFIX_LEN - 1)))
		return MISS_NONE;
	for (i = 0; i < HL_ARRAY_SIZE(known); i++)
		if (key_is(kv, known[i].key))
			return MISS_NONE;
	if (key_is(kv, obsolete_key))
		return MISS_OBSOLETE;
	cl = canon(kv->key, kv->key_len, c);
	if (!cl)
		return slash && kv->key_len >= HOOK_PREFIX_LEN &&
		       !strncasecmp(kv->key, HOOK_PREFIX, HOOK_PREFIX_LEN) ?
		       MISS_UNKNOWN_HOOK : MISS_NONE;
	if (cl == sizeof(obsolete_key) - 1 && !memcmp(c, obsolete_key, cl))
		return MISS_OBSOLETE;
	if (!slash)
		return match_bare(c, cl, hit);
	return match_prefixed(c, cl, hit);
}

static void report_near(struct hl_ctx *ctx, const struct hl_map *top,
			const struct hl_kv *kv, const struct known_key *k)
{
	struct hl_finding *f;

	/* with the right key present too, this one is just ignored */
	if (hl_map_get(top, k->key)) {
		f = hl_report(ctx, HL_RULE_HL201, kv->key_span,
			      "misspelled annotation '%s': Helm reads only "
			      "'%s' and ignores this key", shown(ctx, kv),
			      k->key);
		hl_finding_help(f, "remove it");
		return;
	}
	f = hl_report(ctx, HL_RULE_HL201, kv->key_span,
		      "misspelled annotation '%s': Helm looks up '%s' "
		      "exactly, so %s", shown(ctx, kv), k->key, k->lost);
	hl_finding_help(f, "rename it to '%s'", k->key);
	hl_finding_edit(f, kv->key_span, k->key);
}

static void report_unknown_hook(struct hl_ctx *ctx, const struct hl_kv *kv)
{
	hl_finding_help(hl_report(ctx, HL_RULE_HL201, kv->key_span,
		"unknown hook annotation '%s': Helm reads only helm.sh/hook, "
		"helm.sh/hook-weight, helm.sh/hook-delete-policy and "
		"helm.sh/hook-output-log-policy", shown(ctx, kv)),
		"Helm's lookup is exact and ignores every other key; remove "
		"it or use one of those");
}

static void report_obsolete(struct hl_ctx *ctx, const struct hl_kv *kv)
{
	hl_finding_help(hl_report(ctx, HL_RULE_HL202, kv->key_span,
		"obsolete annotation '%s': only Helm 2 read it, Helm 3 and 4 "
		"ignore it", shown(ctx, kv)),
		"remove it: Helm 3.14 and later wait up to --timeout for each "
		"deletion");
}

/* HL204: the other hook annotations mean nothing without helm.sh/hook. */
static void check_without_hook(struct hl_ctx *ctx, const struct hl_map *top)
{
	size_t i, j;

	for (i = 0; i < top->n; i++) {
		const struct hl_kv *kv = &top->items[i];

		for (j = 1; j < N_HOOK_KEYS; j++)
			/* HL704 over HL204: Argo CD reads the weight */
			if (key_is(kv, known[j].key) &&
			    !(j == 1 && hl_rule_runs(ctx, HL_RULE_HL704) &&
			      hl_weight_is_sync_wave(ctx->doc, ctx->hook)))
				hl_finding_help(hl_report(ctx,
					HL_RULE_HL204, kv->key_span,
					"'%s' without 'helm.sh/hook' is "
					"ignored: this resource is not a hook",
					known[j].key),
					"add helm.sh/hook, or remove it");
	}
}

static void check_top(struct hl_ctx *ctx, const struct hl_map *top)
{
	bool hook_misspelled = false;
	size_t i;

	for (i = 0; i < top->n; i++) {
		const struct hl_kv *kv = &top->items[i];
		const struct known_key *k = NULL;

		switch (classify(kv, &k)) {
		case MISS_NEAR:
			report_near(ctx, top, kv, k);
			hook_misspelled |= k == &known[0];
			break;
		case MISS_UNKNOWN_HOOK:
			report_unknown_hook(ctx, kv);
			break;
		case MISS_OBSOLETE:
			report_obsolete(ctx, kv);
			break;
		case MISS_NONE:
			break;
		}
	}
	/*
	 * A misspelled helm.sh/hook explains why the weight or policy is
	 * ignored (one problem, one finding); an open mapping may still
	 * get helm.sh/hook from a merge key.
	 */
	if (!ctx->hook->is_hook && !top->open && !hook_misspelled)
		check_without_hook(ctx, top);
}

void hl_check_keys(struct hl_ctx *ctx)
{
	const struct hl_map *m;

	for (m = ctx->doc->maps; m; m = m->next) {
		bool top = m->top && m->kind == HL_MAP_ANNOTATIONS;

		if (m->kind == HL_MAP_ANNOTATIONS)
			check_annotations(ctx, m);
		if (!top)
			check_misplaced(ctx, m);
	}
	if (ctx->doc->top)
		check_top(ctx, ctx->doc->top);
}
