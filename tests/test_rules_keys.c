/* SPDX-License-Identifier: MIT */
/* test_rules_keys.c - key, resource-policy and portability rules */
#include "check_main.h"
#include "rules/families.h"

#include <string.h>

/*
 * A document built by hand over a YAML text, so that spans are real
 * offsets: helpers find keys in the text in order, the way the walker
 * would meet them.
 */
static struct {
	struct hl_opts opts;
	struct hl_report report;
	struct hl_arena arena;
	struct hl_doc doc;
	struct hl_hook hook;
	struct hl_ctx ctx;
	const char *buf;
	size_t cursor;
} fx;

static void setup(const char *buf)
{
	memset(&fx, 0, sizeof(fx));
	hl_opts_init(&fx.opts);
	fx.buf = buf;
	fx.doc.is_mapping = true;
	fx.doc.maps_tail = &fx.doc.maps;
	fx.ctx.opts = &fx.opts;
	fx.ctx.report = &fx.report;
	fx.ctx.arena = &fx.arena;
	fx.ctx.buf = buf;
	fx.ctx.len = strlen(buf);
	fx.ctx.doc = &fx.doc;
	fx.ctx.hook = &fx.hook;
}

static void teardown(void)
{
	struct hl_map *m, *next;
	size_t i;

	for (i = 0; i < fx.report.nfindings; i++)
		hl_finding_release(&fx.report.findings[i]);
	free(fx.report.findings);
	for (m = fx.doc.maps; m; m = next) {
		next = m->next;
		free(m->items);
		free(m);
	}
	hl_arena_release(&fx.arena);
	memset(&fx, 0, sizeof(fx));
}

/* The span of the @nth (0-based) occurrence of @s in the text. */
static struct hl_span at(const char *s, int nth)
{
	const char *p = fx.buf - 1;

	do {
		p = strstr(p + 1, s);
		ck_assert_msg(p, "'%s' not in the text", s);
	} while (nth--);
	return (struct hl_span){ (size_t)(p - fx.buf),
				 (size_t)(p - fx.buf) + strlen(s) };
}

/* The next occurrence of @s at or after the cursor; moves past it. */
static struct hl_span next(const char *s)
{
	const char *p = strstr(fx.buf + fx.cursor, s);

	ck_assert_msg(p, "'%s' not after offset %zu", s, fx.cursor);
	fx.cursor = (size_t)(p - fx.buf) + strlen(s);
	return (struct hl_span){ (size_t)(p - fx.buf), fx.cursor };
}

/* The scalar after the key ending at @key.end, up to the end of line. */
static struct hl_value value_after(struct hl_span key)
{
	struct hl_value v = { 0 };
	size_t s = key.end, e;

	ck_assert_int_eq(fx.buf[s], ':');
	v.span.start = v.span.end = ++s;
	while (fx.buf[s] == ' ')
		s++;
	for (e = s; fx.buf[e] && fx.buf[e] != '\n'; e++)
		;
	v.style = HL_STYLE_PLAIN;
	v.direct = true;
	if (e == s) {
		v.type = HL_Y_NULL;
		v.text = "";
		return v;
	}
	v.span = (struct hl_span){ s, e };
	v.raw = v.span;
	if (fx.buf[s] == '"' || fx.buf[s] == '\'') {
		v.style = fx.buf[s] == '"' ? HL_STYLE_DOUBLE : HL_STYLE_SINGLE;
		v.raw = (struct hl_span){ s + 1, e - 1 };
	}
	v.len = v.raw.end - v.raw.start;
	v.text = hl_arena_strndup(&fx.arena, fx.buf + v.raw.start, v.len);
	v.type = v.style == HL_STYLE_PLAIN ?
		 hl_resolve_plain(v.text, v.len) : HL_Y_STR;
	return v;
}

/* A mapping whose key is the next @word ("annotations", "labels"). */
static struct hl_map *map(enum hl_map_kind kind, bool top, bool list_item)
{
	struct hl_map *m = xcalloc(1, sizeof(*m));

	m->kind = kind;
	m->top = top;
	m->in_list_item = list_item;
	m->key_span = next(kind == HL_MAP_LABELS ? "labels" :
			   "annotations");
	*fx.doc.maps_tail = m;
	fx.doc.maps_tail = &m->next;
	if (top && kind == HL_MAP_ANNOTATIONS)
		fx.doc.top = m;
	return m;
}

/* The next item of @m: @raw as written (quotes included). */
static struct hl_kv *kv(struct hl_map *m, const char *raw)
{
	struct hl_kv *item;
	size_t len = strlen(raw);
	bool quoted = raw[0] == '"' || raw[0] == '\'';

	HL_GROW(m->items, m->n + 1, m->alloc);
	item = &m->items[m->n++];
	memset(item, 0, sizeof(*item));
	item->key_span = next(raw);
	item->key_len = quoted ? len - 2 : len;
	item->key = hl_arena_strndup(&fx.arena, raw + quoted, item->key_len);
	item->val = value_after(item->key_span);
	return item;
}

/* A document with only the top-level annotations @keys (NULL-ended). */
static struct hl_map *top_with(const char *const *keys)
{
	struct hl_map *m = map(HL_MAP_ANNOTATIONS, true, false);

	while (*keys)
		kv(m, *keys++);
	return m;
}

static void run(void (*family)(struct hl_ctx *))
{
	hl_hook_parse(&fx.arena, &fx.doc, &fx.hook);
	family(&fx.ctx);
}

/* The families of this suite, in the engine's order. */
static void run_all(void)
{
	hl_hook_parse(&fx.arena, &fx.doc, &fx.hook);
	hl_check_keys(&fx.ctx);
	hl_check_resource_policy(&fx.ctx);
	hl_check_portability(&fx.ctx);
}

static size_t count(enum hl_rule_id rule)
{
	size_t i, n = 0;

	for (i = 0; i < fx.report.nfindings; i++)
		n += fx.report.findings[i].rule == rule;
	return n;
}

/* The finding of @rule at @span; fails the test when there is none. */
static const struct hl_finding *expect(enum hl_rule_id rule,
				       struct hl_span span)
{
	size_t i;

	for (i = 0; i < fx.report.nfindings; i++) {
		const struct hl_finding *f = &fx.report.findings[i];

		if (f->rule == rule && f->span.start == span.start &&
		    f->span.end == span.end)
			return f;
	}
	ck_abort_msg("no %s at [%zu, %zu) among %zu findings",
		     hl_rule_id(rule), span.start, span.end,
		     fx.report.nfindings);
	return NULL;
}

static void expect_message(const struct hl_finding *f, const char *part)
{
	ck_assert_msg(strstr(f->message, part), "'%s' not in '%s'", part,
		      f->message);
}

#define HOOK_JOB                                                        \
	"apiVersion: batch/v1\n"                                        \
	"kind: Job\n"                                                   \
	"metadata:\n"                                                   \
	"  name: migrate\n"                                             \
	"  annotations:\n"

/* ---- HL150 ---- */

START_TEST(duplicate_key_at_second)
{
	struct hl_map *m;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "    a.io/x: \"1\"\n"
	      "    a.io/x: \"2\"\n"
	      "    a.io/x: \"3\"\n");
	m = top_with((const char *[]){ "helm.sh/hook", "a.io/x", "a.io/x",
				      "a.io/x", NULL });
	run(hl_check_keys);
	ck_assert_uint_eq(count(HL_RULE_HL150), 2);
	expect_message(expect(HL_RULE_HL150, at("a.io/x", 1)),
		       "duplicate annotation key 'a.io/x'");
	ck_assert_uint_eq(expect(HL_RULE_HL150, at("a.io/x", 2))->nrelated,
			  1);
	ck_assert_uint_eq(fx.report.findings[0].related[0].span.start,
			  m->items[1].key_span.start);
	ck_assert_str_eq(fx.report.findings[0].related[0].message,
			 "first defined here");
	/* the third points at the second, which is not the first */
	ck_assert_uint_eq(fx.report.findings[1].related[0].span.start,
			  m->items[2].key_span.start);
	ck_assert_str_eq(fx.report.findings[1].related[0].message,
			 "also defined here");
	ck_assert_uint_eq(fx.report.nfindings, 2);
}
END_TEST

START_TEST(duplicate_key_in_big_map)
{
	struct hl_buf b = HL_BUF_INIT;
	struct hl_map *m;
	char key[32];
	int i;

	hl_buf_adds(&b, HOOK_JOB);
	for (i = 0; i < 40; i++)
		hl_buf_addf(&b, "    k%02d.io/n: v\n", i);
	hl_buf_adds(&b, "    k07.io/n: again\n");
	setup(b.s);
	m = map(HL_MAP_ANNOTATIONS, true, false);
	for (i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "k%02d.io/n", i);
		kv(m, key);
	}
	kv(m, "k07.io/n");
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 1);
	expect(HL_RULE_HL150, at("k07.io/n", 1));
	teardown();
	hl_buf_release(&b);
}
END_TEST

START_TEST(no_duplicate_across_maps)
{
	struct hl_map *m;

	setup(HOOK_JOB
	      "    a.io/x: \"1\"\n"
	      "spec:\n"
	      "  template:\n"
	      "    metadata:\n"
	      "      annotations:\n"
	      "        a.io/x: \"1\"\n"
	      "      labels:\n"
	      "        app: x\n"
	      "        app: y\n");
	top_with((const char *[]){ "a.io/x", NULL });
	m = map(HL_MAP_ANNOTATIONS, false, false);
	kv(m, "a.io/x");
	m = map(HL_MAP_LABELS, false, false);
	kv(m, "app");
	kv(m, "app");
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

/* ---- HL201, HL202 ---- */

static void expect_misspelled(const char *key, const char *meant)
{
	char text[256];
	const struct hl_finding *f;

	snprintf(text, sizeof(text), HOOK_JOB "    %s: x\n", key);
	setup(text);
	top_with((const char *[]){ key, NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL201, at(key, 0));
	ck_assert_uint_eq(count(HL_RULE_HL201), 1);
	if (meant) {
		expect_message(f, meant);
		ck_assert_uint_eq(f->nedits, 1);
		ck_assert_str_eq(f->edits[0].text, meant);
	} else {
		expect_message(f, "unknown hook annotation");
		ck_assert_uint_eq(f->nedits, 0);
	}
	teardown();
}

START_TEST(misspelled_keys)
{
	/* case, underscore, camelCase, plurals */
	expect_misspelled("Helm.sh/hook", "helm.sh/hook");
	expect_misspelled("HELM.SH/HOOK", "helm.sh/hook");
	expect_misspelled("helm.sh/hook_weight", "helm.sh/hook-weight");
	expect_misspelled("helm.sh/hookWeight", "helm.sh/hook-weight");
	expect_misspelled("helm.sh/hookDeletePolicy",
			  "helm.sh/hook-delete-policy");
	expect_misspelled("helm.sh/hooks", "helm.sh/hook");
	expect_misspelled("helm.sh/hook-weights", "helm.sh/hook-weight");
	expect_misspelled("helm.sh/hook-delete-policies",
			  "helm.sh/hook-delete-policy");
	expect_misspelled("helm.sh/resource-policies",
			  "helm.sh/resource-policy");
	/* edit distance under helm.sh/, and suffixes of known keys */
	expect_misspelled("helm.sh/hook-wieght", "helm.sh/hook-weight");
	expect_misspelled("helm.sh/hok", "helm.sh/hook");
	expect_misspelled("helm.sh/delete-policy",
			  "helm.sh/hook-delete-policy");
	expect_misspelled("helm.sh/weight", "helm.sh/hook-weight");
	expect_misspelled("helm.sh/output-log-policy",
			  "helm.sh/hook-output-log-policy");
	expect_misspelled("helm.sh/resource-polcy", "helm.sh/resource-policy");
	/* the noun for Helm's verb (RULES.md's own example) */
	expect_misspelled("helm.sh/hook-deletion-policy",
			  "helm.sh/hook-delete-policy");
	expect_misspelled("helm.sh/hook-deletions-policy",
			  "helm.sh/hook-delete-policy");
	/* no prefix */
	expect_misspelled("hook", "helm.sh/hook");
	expect_misspelled("hook-weight", "helm.sh/hook-weight");
	expect_misspelled("hook_delete_policy", "helm.sh/hook-delete-policy");
	expect_misspelled("Hook", "helm.sh/hook");
	/* any other helm.sh/hook... key */
	expect_misspelled("helm.sh/hook-depends-on", NULL);
	expect_misspelled("Helm.sh/hookTimeout", NULL);
}
END_TEST

START_TEST(misspelled_message_and_span)
{
	const struct hl_finding *f;

	setup(HOOK_JOB "    \"helm.sh/hooks\": pre-install\n");
	top_with((const char *[]){ "\"helm.sh/hooks\"", NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL201, at("\"helm.sh/hooks\"", 0));
	ck_assert_str_eq(f->message, "misspelled annotation 'helm.sh/hooks': "
			 "Helm looks up 'helm.sh/hook' exactly, so the "
			 "resource is a regular one, not a hook");
	ck_assert_str_eq(f->help, "rename it to 'helm.sh/hook'");
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(misspelled_next_to_right_key)
{
	const struct hl_finding *f;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "    helm.sh/Hook: pre-install\n");
	top_with((const char *[]){ "helm.sh/hook", "helm.sh/Hook", NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL201, at("helm.sh/Hook", 0));
	expect_message(f, "Helm reads only 'helm.sh/hook' and ignores");
	/* renaming would make a duplicate */
	ck_assert_uint_eq(f->nedits, 0);
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(right_and_foreign_keys_are_fine)
{
	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "    helm.sh/hook-weight: \"1\"\n"
	      "    helm.sh/hook-delete-policy: hook-succeeded\n"
	      "    helm.sh/hook-output-log-policy: hook-failed\n"
	      "    helm.sh/resource-policy: keep\n"
	      "    helm.sh/chart: app-1.0.0\n"
	      "    argocd.argoproj.io/hook: PreSync\n"
	      "    argocd.argoproj.io/hook-weight: \"1\"\n"
	      "    meta.helm.sh/release-name: r\n"
	      "    checksum/config: abc\n"
	      "    hooks.example.com/hook: x\n"
	      "    webhook: x\n");
	top_with((const char *[]){ "helm.sh/hook", "helm.sh/hook-weight",
		"helm.sh/hook-delete-policy", "helm.sh/hook-output-log-policy",
		"helm.sh/resource-policy", "helm.sh/chart",
		"argocd.argoproj.io/hook", "argocd.argoproj.io/hook-weight",
		"meta.helm.sh/release-name", "checksum/config",
		"hooks.example.com/hook", "webhook", NULL });
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(misspelled_only_at_top)
{
	struct hl_map *m;

	setup(HOOK_JOB
	      "    a.io/b: x\n"
	      "spec:\n"
	      "  template:\n"
	      "    metadata:\n"
	      "      annotations:\n"
	      "        helm.sh/hooks: x\n");
	top_with((const char *[]){ "a.io/b", NULL });
	m = map(HL_MAP_ANNOTATIONS, false, false);
	kv(m, "helm.sh/hooks");
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(obsolete_not_misspelled)
{
	const struct hl_finding *f;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-delete\n"
	      "    helm.sh/hook-delete-timeout: \"30\"\n");
	top_with((const char *[]){ "helm.sh/hook",
				  "helm.sh/hook-delete-timeout", NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL202, at("helm.sh/hook-delete-timeout", 0));
	expect_message(f, "only Helm 2 read it");
	ck_assert_str_eq(f->help, "remove it: Helm 3.14 and later wait up to "
			 "--timeout for each deletion");
	ck_assert_uint_eq(count(HL_RULE_HL201), 0);
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(dropped_document_keeps_key_rules)
{
	setup(HOOK_JOB
	      "    helm.sh/hook: crd-install\n"
	      "    helm.sh/hook-wait: x\n"
	      "    helm.sh/resource-policy: keep\n"
	      "    argocd.argoproj.io/hook: Sync\n");
	top_with((const char *[]){ "helm.sh/hook", "helm.sh/hook-wait",
		"helm.sh/resource-policy", "argocd.argoproj.io/hook", NULL });
	run_all();
	ck_assert(fx.hook.dropped);
	expect(HL_RULE_HL201, at("helm.sh/hook-wait", 0));
	/* no HL305 and no HL703 for a document Helm drops */
	ck_assert_uint_eq(count(HL_RULE_HL305), 0);
	ck_assert_uint_eq(count(HL_RULE_HL703), 0);
}
END_TEST

/* ---- HL203 ---- */

START_TEST(misplaced_in_pod_template_and_labels)
{
	struct hl_map *m;
	const struct hl_finding *f;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "  labels:\n"
	      "    helm.sh/hook-weight: \"1\"\n"
	      "spec:\n"
	      "  template:\n"
	      "    metadata:\n"
	      "      annotations:\n"
	      "        helm.sh/hook-delete-policy: hook-succeeded\n"
	      "        helm.sh/resource-policy: keep\n"
	      "        helm.sh/hooks: x\n");
	top_with((const char *[]){ "helm.sh/hook", NULL });
	m = map(HL_MAP_LABELS, true, false);
	kv(m, "helm.sh/hook-weight");
	m = map(HL_MAP_ANNOTATIONS, false, false);
	kv(m, "helm.sh/hook-delete-policy");
	kv(m, "helm.sh/resource-policy");
	kv(m, "helm.sh/hooks");
	run(hl_check_keys);
	f = expect(HL_RULE_HL203, at("helm.sh/hook-weight", 0));
	expect_message(f, "is a label");
	f = expect(HL_RULE_HL203, at("helm.sh/hook-delete-policy", 0));
	ck_assert_str_eq(f->message, "hook annotation "
			 "'helm.sh/hook-delete-policy' is ignored here: Helm "
			 "reads only the top-level metadata.annotations");
	ck_assert_uint_eq(fx.report.nfindings, 2);
}
END_TEST

START_TEST(list_item_policy_is_hl602_only)
{
	struct hl_map *m;
	const struct hl_finding *f;

	setup("apiVersion: v1\n"
	      "kind: List\n"
	      "items:\n"
	      "- apiVersion: v1\n"
	      "  kind: ConfigMap\n"
	      "  metadata:\n"
	      "    annotations:\n"
	      "      helm.sh/resource-policy: keep\n"
	      "      helm.sh/hook: pre-install\n");
	m = map(HL_MAP_ANNOTATIONS, false, true);
	kv(m, "helm.sh/resource-policy");
	kv(m, "helm.sh/hook");
	run_all();
	f = expect(HL_RULE_HL602, at("helm.sh/resource-policy", 0));
	ck_assert_str_eq(f->message, "annotation 'helm.sh/resource-policy' "
			 "within List objects are ignored");
	f = expect(HL_RULE_HL203, at("helm.sh/hook", 0));
	expect_message(f, "in a List item");
	ck_assert_str_eq(f->help, "give the item a document of its own, with "
			 "the annotation in its metadata.annotations");
	ck_assert_uint_eq(count(HL_RULE_HL203), 1);
	ck_assert_uint_eq(count(HL_RULE_HL603), 0);
}
END_TEST

/* ---- HL204 ---- */

START_TEST(hook_keys_without_hook)
{
	const struct hl_finding *f;

	setup("apiVersion: v1\n"
	      "kind: ConfigMap\n"
	      "metadata:\n"
	      "  annotations:\n"
	      "    helm.sh/hook-weight: \"1\"\n"
	      "    helm.sh/hook-delete-policy: hook-succeeded\n"
	      "    helm.sh/hook-output-log-policy: hook-failed\n"
	      "    helm.sh/resource-policy: keep\n");
	top_with((const char *[]){ "helm.sh/hook-weight",
		"helm.sh/hook-delete-policy", "helm.sh/hook-output-log-policy",
		"helm.sh/resource-policy", NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL204, at("helm.sh/hook-weight", 0));
	ck_assert_str_eq(f->message, "'helm.sh/hook-weight' without "
			 "'helm.sh/hook' is ignored: this resource is not a "
			 "hook");
	expect(HL_RULE_HL204, at("helm.sh/hook-delete-policy", 0));
	expect(HL_RULE_HL204, at("helm.sh/hook-output-log-policy", 0));
	ck_assert_uint_eq(fx.report.nfindings, 3);
}
END_TEST

START_TEST(hook_keys_with_hook_or_open_map)
{
	struct hl_map *m;

	setup(HOOK_JOB
	      "    helm.sh/hook: post-install\n"
	      "    helm.sh/hook-weight: \"1\"\n");
	top_with((const char *[]){ "helm.sh/hook", "helm.sh/hook-weight",
				  NULL });
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
	teardown();

	setup("kind: ConfigMap\n"
	      "metadata:\n"
	      "  annotations:\n"
	      "    helm.sh/hook-weight: \"1\"\n");
	m = top_with((const char *[]){ "helm.sh/hook-weight", NULL });
	m->open = true;
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(misspelled_hook_explains_the_weight)
{
	setup("kind: Job\n"
	      "metadata:\n"
	      "  annotations:\n"
	      "    helm.sh/hooks: pre-install\n"
	      "    helm.sh/hook-weight: \"1\"\n");
	top_with((const char *[]){ "helm.sh/hooks", "helm.sh/hook-weight",
				  NULL });
	run(hl_check_keys);
	expect(HL_RULE_HL201, at("helm.sh/hooks", 0));
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

/* ---- HL205 ---- */

static void expect_key_syntax(const char *key, const char *why)
{
	char text[512];
	const struct hl_finding *f;

	snprintf(text, sizeof(text), "kind: ConfigMap\nmetadata:\n"
		 "  annotations:\n    %s: x\n", key);
	setup(text);
	top_with((const char *[]){ key, NULL });
	run(hl_check_keys);
	if (!why) {
		ck_assert_msg(!count(HL_RULE_HL205), "'%s' flagged", key);
	} else {
		f = expect(HL_RULE_HL205, at(key, 0));
		expect_message(f, why);
	}
	teardown();
}

START_TEST(invalid_keys)
{
	expect_key_syntax("a/b/c", "more than one '/'");
	expect_key_syntax("/name", "prefix before '/' is empty");
	expect_key_syntax("a.io/", "the name is empty");
	expect_key_syntax("ex_ample.com/x", "the prefix contains '_'");
	expect_key_syntax("-a.io/x", "must start and end");
	expect_key_syntax("a..io/x", "must start and end");
	expect_key_syntax("a.io/x y", "the name contains ' '");
	expect_key_syntax("a.io/-x", "must start and end");
	expect_key_syntax("a.io/x\xc3\xa9", "the name contains '\xc3\xa9'");
	expect_key_syntax("a.io/"
			  "0123456789012345678901234567890123456789"
			  "0123456789012345678901234",
			  "65 characters long, more than 63");
}
END_TEST

START_TEST(valid_keys)
{
	expect_key_syntax("Example.COM/Some_Name.v1", NULL);
	expect_key_syntax("x", NULL);
	expect_key_syntax("a-b.c-d/0", NULL);
	/* Kubernetes lower-cases the way Go does: the Kelvin sign and a
	 * dotted capital I become ASCII letters */
	expect_key_syntax("\xe2\x84\xaa" "8s.io/x", NULL);
	expect_key_syntax("\xc4\xb0o.io/x", NULL);
	expect_key_syntax("a.io/"
			  "0123456789012345678901234567890123456789"
			  "01234567890123456789012", NULL);
}
END_TEST

START_TEST(long_invalid_key_is_shortened)
{
	struct hl_buf b = HL_BUF_INIT;
	struct hl_buf key = HL_BUF_INIT;
	const struct hl_finding *f;
	int i;

	for (i = 0; i < 100; i++)
		hl_buf_adds(&key, "ab");
	hl_buf_adds(&b, "kind: ConfigMap\nmetadata:\n  annotations:\n    ");
	hl_buf_addf(&b, "%s: x\n", key.s);
	setup(b.s);
	top_with((const char *[]){ key.s, NULL });
	run(hl_check_keys);
	f = expect(HL_RULE_HL205, at(key.s, 0));
	expect_message(f, "aba...': the name is 200 characters long");
	teardown();
	hl_buf_release(&b);
	hl_buf_release(&key);
}
END_TEST

/* ---- HL206 ---- */

START_TEST(annotations_too_large)
{
	struct hl_buf b = HL_BUF_INIT;
	struct hl_map *m;
	const struct hl_finding *f;
	size_t i;

	hl_buf_adds(&b, "kind: ConfigMap\nmetadata:\n  annotations:\n"
		    "    a.io/big: ");
	for (i = 0; i < 262144 - 8; i++)
		hl_buf_addc(&b, 'x');
	hl_buf_adds(&b, "\n    a.io/z: \"1\"\n");
	setup(b.s);
	m = map(HL_MAP_ANNOTATIONS, true, false);
	kv(m, "a.io/big");
	/* exactly 262144 bytes: fine */
	run(hl_check_keys);
	ck_assert_uint_eq(fx.report.nfindings, 0);
	kv(m, "a.io/z");
	run(hl_check_keys);
	f = expect(HL_RULE_HL206, at("annotations", 0));
	ck_assert_str_eq(f->message, "annotations total 262151 bytes, more "
			 "than the 262144 the API server accepts");
	teardown();
	hl_buf_release(&b);
}
END_TEST

START_TEST(size_counts_last_duplicate)
{
	struct hl_buf b = HL_BUF_INIT;
	struct hl_map *m;
	size_t i;

	hl_buf_adds(&b, "kind: ConfigMap\nmetadata:\n  annotations:\n"
		    "    a.io/big: ");
	for (i = 0; i < 262144; i++)
		hl_buf_addc(&b, 'x');
	hl_buf_adds(&b, "\n    a.io/big: small\n");
	setup(b.s);
	m = map(HL_MAP_ANNOTATIONS, true, false);
	kv(m, "a.io/big");
	kv(m, "a.io/big");
	run(hl_check_keys);
	ck_assert_uint_eq(count(HL_RULE_HL206), 0);
	ck_assert_uint_eq(count(HL_RULE_HL150), 1);
	teardown();
	hl_buf_release(&b);
}
END_TEST

/* ---- HL305, HL603, HL604 ---- */

START_TEST(resource_policy_on_hook)
{
	const struct hl_finding *f;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "    helm.sh/resource-policy: Keep\n");
	top_with((const char *[]){ "helm.sh/hook", "helm.sh/resource-policy",
				  NULL });
	run(hl_check_resource_policy);
	f = expect(HL_RULE_HL305, at("helm.sh/resource-policy", 0));
	expect_message(f, "has no effect on a hook");
	/* HL305 over HL603/HL604 */
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(resource_policy_values)
{
	static const char *const texts[] = {
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: delete\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: \"\"\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: Keep\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: \" keep\"\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: keep\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: 'keep'\n",
		"kind: Secret\nmetadata:\n  annotations:\n"
		"    helm.sh/resource-policy: true\n",
	};
	static const enum hl_rule_id want[] = {
		HL_RULE_HL603, HL_RULE_HL603, HL_RULE_HL604, HL_RULE_HL604,
		HL_RULE_MAX, HL_RULE_MAX, HL_RULE_MAX,
	};
	const struct hl_kv *item;
	const struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(texts); i++) {
		setup(texts[i]);
		item = kv(map(HL_MAP_ANNOTATIONS, true, false),
			  "helm.sh/resource-policy");
		run(hl_check_resource_policy);
		if (want[i] == HL_RULE_MAX) {
			ck_assert_msg(!fx.report.nfindings, "case %zu", i);
		} else {
			ck_assert_uint_eq(fx.report.nfindings, 1);
			f = expect(want[i], item->val.span);
			if (want[i] == HL_RULE_HL604) {
				ck_assert_uint_eq(f->nedits, 1);
				ck_assert_str_eq(f->edits[0].text, "keep");
			}
		}
		teardown();
	}
}
END_TEST

START_TEST(resource_policy_messages)
{
	const struct hl_finding *f;

	setup("kind: Secret\nmetadata:\n  annotations:\n"
	      "    helm.sh/resource-policy: \" Keep \"\n");
	kv(map(HL_MAP_ANNOTATIONS, true, false), "helm.sh/resource-policy");
	run(hl_check_resource_policy);
	f = expect(HL_RULE_HL604, at("\" Keep \"", 0));
	ck_assert_str_eq(f->message, "resource policy ' Keep ' is 'keep' only "
			 "after trimming and lower-casing: uninstall keeps the "
			 "resource, but an upgrade or rollback that removes it "
			 "from the chart compares exactly and deletes it");
}
END_TEST

/* ---- HL703 ---- */

START_TEST(argocd_hook_overrides)
{
	const struct hl_finding *f;

	setup(HOOK_JOB
	      "    helm.sh/hook: pre-install\n"
	      "    argocd.argoproj.io/hook: PreSync\n");
	top_with((const char *[]){ "helm.sh/hook", "argocd.argoproj.io/hook",
				  NULL });
	run(hl_check_portability);
	f = expect(HL_RULE_HL703, at("argocd.argoproj.io/hook", 0));
	expect_message(f, "Argo CD ignores the Helm hook events");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start,
			  at("helm.sh/hook", 0).start);
}
END_TEST

START_TEST(argocd_hook_alone)
{
	setup(HOOK_JOB "    argocd.argoproj.io/hook: PreSync\n");
	top_with((const char *[]){ "argocd.argoproj.io/hook", NULL });
	run(hl_check_portability);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

static Suite *rules_keys_suite(void)
{
	Suite *s = suite_create("rules_keys");
	TCase *tc = tcase_create("keys");
	TCase *rp = tcase_create("resource_policy");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, duplicate_key_at_second);
	tcase_add_test(tc, duplicate_key_in_big_map);
	tcase_add_test(tc, no_duplicate_across_maps);
	tcase_add_test(tc, misspelled_keys);
	tcase_add_test(tc, misspelled_message_and_span);
	tcase_add_test(tc, misspelled_next_to_right_key);
	tcase_add_test(tc, right_and_foreign_keys_are_fine);
	tcase_add_test(tc, misspelled_only_at_top);
	tcase_add_test(tc, obsolete_not_misspelled);
	tcase_add_test(tc, dropped_document_keeps_key_rules);
	tcase_add_test(tc, misplaced_in_pod_template_and_labels);
	tcase_add_test(tc, list_item_policy_is_hl602_only);
	tcase_add_test(tc, hook_keys_without_hook);
	tcase_add_test(tc, hook_keys_with_hook_or_open_map);
	tcase_add_test(tc, misspelled_hook_explains_the_weight);
	tcase_add_test(tc, invalid_keys);
	tcase_add_test(tc, valid_keys);
	tcase_add_test(tc, long_invalid_key_is_shortened);
	tcase_add_test(tc, annotations_too_large);
	tcase_add_test(tc, size_counts_last_duplicate);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(rp, NULL, teardown);
	tcase_add_test(rp, resource_policy_on_hook);
	tcase_add_test(rp, resource_policy_values);
	tcase_add_test(rp, resource_policy_messages);
	tcase_add_test(rp, argocd_hook_overrides);
	tcase_add_test(rp, argocd_hook_alone);
	suite_add_tcase(s, rp);
	return s;
}

HL_TEST_MAIN(rules_keys_suite)
