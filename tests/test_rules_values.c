/* SPDX-License-Identifier: MIT */
/* test_rules_values.c - HL1xx value rules, HL3xx policies and HL411 */
#include "check_main.h"
#include "rules/families.h"

#include <string.h>

/*
 * A document built by hand from a small YAML subset, so that every span
 * is a real offset in a buffer: "kind: X" at column 0, "annotations:"
 * keys (top level when indented by 2, nested otherwise) and their
 * "key: value" lines, where a value is plain, single or double quoted,
 * a '|' block, a flow mapping or sequence, or an alias.
 */
static struct {
	char *buf;
	size_t len;
	struct hl_doc doc;
	struct hl_map maps[4];
	size_t nmaps;
	struct hl_arena arena;
	struct hl_hook hook;
	struct hl_opts opts;
	struct hl_report rep;
	struct hl_ctx ctx;
} F;

static size_t line_end(size_t p)
{
	while (p < F.len && F.buf[p] != '\n')
		p++;
	return p;
}

static size_t indent_at(size_t p)
{
	size_t i = p;

	while (i < F.len && F.buf[i] == ' ')
		i++;
	return i - p;
}

/* Decode a quoted scalar's content; direct when nothing was escaped. */
static void quoted(struct hl_value *v, size_t open, char q)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t i = open + 1;

	v->direct = true;
	for (;; i++) {
		char c = F.buf[i];

		if (q == '\'' && c == '\'' && F.buf[i + 1] == '\'') {
			hl_buf_addc(&b, '\'');
			v->direct = false;
			i++;
		} else if (q == '"' && c == '\\') {
			c = F.buf[++i];
			hl_buf_addc(&b, c == 't' ? '\t' : c == 'n' ? '\n' : c);
			v->direct = false;
		} else if (c == q) {
			break;
		} else {
			hl_buf_addc(&b, c);
		}
	}
	v->style = q == '"' ? HL_STYLE_DOUBLE : HL_STYLE_SINGLE;
	v->type = HL_Y_STR;
	v->span = (struct hl_span){ open, i + 1 };
	v->raw = (struct hl_span){ open + 1, i };
	v->text = hl_arena_strndup(&F.arena, b.s ? b.s : "", b.len);
	v->len = b.len;
	hl_buf_release(&b);
}

/* A literal block: the lines below @p indented deeper than @ind. */
static size_t block(struct hl_value *v, size_t p, size_t ind)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t end = line_end(p), next, bi = 0;

	v->style = HL_STYLE_LITERAL;
	v->type = HL_Y_STR;
	v->span.start = p;
	while (end < F.len && indent_at(end + 1) > ind) {
		next = end + 1;
		bi = bi ? bi : indent_at(next);
		end = line_end(next);
		hl_buf_add(&b, F.buf + next + bi, end - next - bi);
		hl_buf_addc(&b, '\n');
	}
	v->span.end = end;
	v->raw = v->span;
	v->text = hl_arena_strndup(&F.arena, b.s ? b.s : "", b.len);
	v->len = b.len;
	hl_buf_release(&b);
	return end;
}

/* The value after a key's ':' at @colon; returns where its line ends. */
static size_t value(struct hl_value *v, size_t colon, size_t ind)
{
	size_t p = colon + 1, end = line_end(p), e;

	memset(v, 0, sizeof(*v));
	while (p < end && F.buf[p] == ' ')
		p++;
	if (p == end || F.buf[p] == '#') {
		v->style = HL_STYLE_PLAIN;
		v->type = HL_Y_NULL;
		v->span = v->raw = (struct hl_span){ colon + 1, colon + 1 };
		v->text = "";
		v->direct = true;
		return end;
	}
	if (F.buf[p] == '"' || F.buf[p] == '\'') {
		quoted(v, p, F.buf[p]);
		return end;
	}
	if (F.buf[p] == '|')
		return block(v, p, ind);
	e = end;
	while (e > p && F.buf[e - 1] == ' ')
		e--;
	v->span = v->raw = (struct hl_span){ p, e };
	v->style = F.buf[p] == '{' ? HL_STYLE_MAP : F.buf[p] == '[' ?
		HL_STYLE_SEQ : F.buf[p] == '*' ? HL_STYLE_ALIAS :
		HL_STYLE_PLAIN;
	if (v->style == HL_STYLE_PLAIN) {
		v->text = F.buf + p;
		v->len = e - p;
		v->type = hl_resolve_plain(v->text, v->len);
		v->direct = true;
	}
	return end;
}

static void add_item(struct hl_map *m, size_t p, size_t colon, size_t ind,
		     size_t *end)
{
	struct hl_kv *kv;

	HL_GROW(m->items, m->n + 1, m->alloc);
	kv = &m->items[m->n++];
	memset(kv, 0, sizeof(*kv));
	kv->key = hl_arena_strndup(&F.arena, F.buf + p, colon - p);
	kv->key_len = colon - p;
	kv->key_span = (struct hl_span){ p, colon };
	*end = value(&kv->val, colon, ind);
}

static void parse_line(size_t p, size_t *end, struct hl_map **cur,
		       size_t *map_ind)
{
	size_t ind = indent_at(p), colon;
	struct hl_map *m;

	p += ind;
	*end = line_end(p);
	colon = p;
	while (colon < *end && F.buf[colon] != ':')
		colon++;
	if (colon == *end)
		return;
	if (ind == 0 && !strncmp(F.buf + p, "kind:", 5)) {
		value(&F.doc.kind, colon, ind);
	} else if (!strncmp(F.buf + p, "annotations:", 12)) {
		m = &F.maps[F.nmaps++];
		m->kind = HL_MAP_ANNOTATIONS;
		m->top = ind == 2;
		m->key_span = (struct hl_span){ p, colon };
		*F.doc.maps_tail = m;
		F.doc.maps_tail = &m->next;
		if (m->top)
			F.doc.top = m;
		*cur = m;
		*map_ind = ind;
	} else if (*cur && ind > *map_ind) {
		add_item(*cur, p, colon, ind, end);
	} else {
		*cur = NULL;
	}
}

static void fx_release(void)
{
	size_t i;

	for (i = 0; i < F.rep.nfindings; i++)
		hl_finding_release(&F.rep.findings[i]);
	free(F.rep.findings);
	for (i = 0; i < F.nmaps; i++)
		free(F.maps[i].items);
	hl_arena_release(&F.arena);
	free(F.buf);
	memset(&F, 0, sizeof(F));
}

static void fx_setup(void)
{
	memset(&F, 0, sizeof(F));
	hl_opts_init(&F.opts);
}

/* Parse @yaml and run this module's families, as hl_check_doc orders them. */
static void lint(const char *yaml)
{
	struct hl_map *cur = NULL;
	size_t p = 0, end, map_ind = 0;

	F.buf = xstrdup(yaml);
	F.len = strlen(yaml);
	F.doc.is_mapping = true;
	F.doc.maps_tail = &F.doc.maps;
	F.doc.span = (struct hl_span){ 0, F.len };
	while (p < F.len) {
		parse_line(p, &end, &cur, &map_ind);
		p = end + 1;
	}
	hl_hook_parse(&F.arena, &F.doc, &F.hook);
	F.ctx.opts = &F.opts;
	F.ctx.report = &F.rep;
	F.ctx.arena = &F.arena;
	F.ctx.buf = F.buf;
	F.ctx.len = F.len;
	F.ctx.doc = &F.doc;
	F.ctx.hook = &F.hook;
	hl_check_events(&F.ctx);
	hl_check_weights(&F.ctx);
	hl_check_values(&F.ctx);
	hl_check_policies(&F.ctx);
}

/* Offset of the @n-th (1-based) occurrence of @needle in the buffer. */
static size_t at_n(const char *needle, int n)
{
	const char *s = F.buf;

	while ((s = strstr(s, needle)) && --n > 0)
		s++;
	ck_assert_msg(s != NULL, "'%s' not in the document", needle);
	return (size_t)(s - F.buf);
}

static size_t at(const char *needle)
{
	return at_n(needle, 1);
}

static size_t count(enum hl_rule_id r)
{
	size_t i, n = 0;

	for (i = 0; i < F.rep.nfindings; i++)
		n += F.rep.findings[i].rule == r;
	return n;
}

/* The finding of rule @r at [@start, @end), which must exist. */
static struct hl_finding *expect(enum hl_rule_id r, size_t start, size_t end)
{
	size_t i;

	for (i = 0; i < F.rep.nfindings; i++) {
		struct hl_finding *f = &F.rep.findings[i];

		if (f->rule == r && f->span.start == start &&
		    f->span.end == end)
			return f;
	}
	for (i = 0; i < F.rep.nfindings; i++)
		fprintf(stderr, "  %s [%zu, %zu) %s\n",
			hl_rule_id(F.rep.findings[i].rule),
			F.rep.findings[i].span.start,
			F.rep.findings[i].span.end,
			F.rep.findings[i].message);
	ck_abort_msg("no %s at [%zu, %zu)", hl_rule_id(r), start, end);
	return NULL;
}

/* The finding of @r spanning the first occurrence of @text. */
static struct hl_finding *expect_text(enum hl_rule_id r, const char *text)
{
	return expect(r, at(text), at(text) + strlen(text));
}

#define ck_total(n) ck_assert_uint_eq(F.rep.nfindings, (n))
#define ck_contains(s, sub) \
	ck_assert_msg((s) && strstr((s), (sub)), "'%s' lacks '%s'", (s), (sub))

static void ck_edit(const struct hl_finding *f, size_t start, size_t end,
		    const char *text)
{
	ck_assert_uint_eq(f->nedits, 1);
	ck_assert_uint_eq(f->edits[0].span.start, start);
	ck_assert_uint_eq(f->edits[0].span.end, end);
	ck_assert_str_eq(f->edits[0].text, text);
}

#define JOB "kind: Job\nmetadata:\n  annotations:\n"
#define CM "kind: ConfigMap\nmetadata:\n  annotations:\n"

/* --- HL101 ------------------------------------------------------------ */

START_TEST(hl101_unknown_event)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: pre-install,pre-instal\n");
	f = expect(HL_RULE_HL101, at_n("pre-instal", 2),
		   at_n("pre-instal", 2) + 10);
	ck_contains(f->message, "unknown hook event 'pre-instal'");
	ck_contains(f->message, "drops the whole resource");
	ck_assert_str_eq(f->help, "did you mean 'pre-install'?");
	ck_total(1);
}
END_TEST

START_TEST(hl101_hints)
{
	static const struct {
		const char *event, *help;
	} cases[] = {
		{ "crd-install", "crds/ directory" },
		{ "test-failure", "use 'test'" },
		{ "pre-uninstall", "'pre-delete'" },
		{ "Post-Uninstall", "'post-delete'" },
		{ "preinstall", "did you mean 'pre-install'?" },
	};
	char yaml[200];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: %s\n",
			 cases[i].event);
		lint(yaml);
		ck_contains(expect_text(HL_RULE_HL101, cases[i].event)->help,
			    cases[i].help);
		ck_total(1);
		fx_release();
		fx_setup();
	}
	/* far from every event: no guess, the list instead */
	lint(JOB "    helm.sh/hook: deploy\n");
	ck_contains(expect_text(HL_RULE_HL101, "deploy")->help,
		    "Helm's events are pre-install, post-install");
}
END_TEST

START_TEST(hl101_every_unknown_token)
{
	lint(JOB "    helm.sh/hook: \"post-install, pre-uninstall,foo\"\n");
	expect_text(HL_RULE_HL101, "pre-uninstall");
	expect_text(HL_RULE_HL101, "foo");
	ck_total(2);
}
END_TEST

START_TEST(hl101_quiet_on_known_events)
{
	lint(JOB "    helm.sh/hook: \"pre-install, post-upgrade\"\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* a non-hook key is none of this module's business */
	lint(CM "    Helm.sh/hook: bogus\n");
	ck_total(0);
}
END_TEST

START_TEST(hl101_escaped_value_spans_value)
{
	/* an escape makes token offsets unknown: point at the value */
	lint(JOB "    helm.sh/hook: \"pre-install,\\tbogus\"\n");
	expect(HL_RULE_HL101, at("\"pre"), at("bogus\"") + 6);
	ck_total(1);
}
END_TEST

/* --- HL102 ------------------------------------------------------------ */

START_TEST(hl102_null_value)
{
	lint(JOB "    helm.sh/hook:\n");
	expect(HL_RULE_HL102, at("hook:") + 5, at("hook:") + 5);
	ck_total(1);	/* not HL120 */
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: ~\n");
	expect_text(HL_RULE_HL102, "~");
	ck_total(1);
}
END_TEST

START_TEST(hl102_empty_string)
{
	lint(JOB "    helm.sh/hook: \"\"\n");
	expect_text(HL_RULE_HL102, "\"\"");
	ck_total(1);
	fx_release();
	fx_setup();
	/* only commas: one finding, no event at all */
	lint(JOB "    helm.sh/hook: \",\"\n");
	expect_text(HL_RULE_HL102, "\",\"");
	ck_total(1);
}
END_TEST

START_TEST(hl102_empty_tokens)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: pre-install,\n");
	f = expect(HL_RULE_HL102, at(","), at(","));
	ck_contains(f->message, "empty hook event in 'pre-install,'");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: ',pre-install'\n");
	expect(HL_RULE_HL102, at(","), at(","));
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: pre-install,,post-install, ,bogus\n");
	expect(HL_RULE_HL102, at(","), at(","));
	expect(HL_RULE_HL102, at(", ,"), at(", ,"));
	expect_text(HL_RULE_HL101, "bogus");
	ck_total(3);
}
END_TEST

/* --- HL103 ------------------------------------------------------------ */

START_TEST(hl103_space_separated)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: pre-install pre-upgrade\n");
	f = expect_text(HL_RULE_HL103, "pre-install pre-upgrade");
	ck_edit(f, at("pre-install"), at("pre-install") + 23,
		"pre-install,pre-upgrade");
	ck_total(1);	/* not HL101 */
}
END_TEST

START_TEST(hl103_other_separators)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: \" pre-install ;pre-upgrade | test \"\n");
	f = expect_text(HL_RULE_HL103,
			"\" pre-install ;pre-upgrade | test \"");
	/* the edit keeps the quotes */
	ck_edit(f, at("\"") + 1, at("test \"") + 5,
		"pre-install,pre-upgrade,test");
	ck_contains(f->help, "'pre-install,pre-upgrade,test'");
	ck_total(1);
	fx_release();
	fx_setup();
	/* whatever the words are, but no edit without exact offsets */
	lint(JOB "    helm.sh/hook: |\n      install\n      upgrade\n");
	f = expect(HL_RULE_HL103, at("|"), at("upgrade") + 7);
	ck_assert_uint_eq(f->nedits, 0);
	ck_total(1);
}
END_TEST

START_TEST(hl103_fix_only_when_valid)
{
	struct hl_finding *f;

	/* the fix lower-cases the events, as Helm reads them */
	lint(JOB "    helm.sh/hook: Pre-Install Pre-Upgrade\n");
	f = expect_text(HL_RULE_HL103, "Pre-Install Pre-Upgrade");
	ck_edit(f, at("Pre-Install"), at("Pre-Install") + 23,
		"pre-install,pre-upgrade");
	ck_total(1);
	fx_release();
	fx_setup();
	/* one event written as two words */
	lint(JOB "    helm.sh/hook: pre install\n");
	f = expect_text(HL_RULE_HL103, "pre install");
	ck_assert_str_eq(f->help, "write 'pre-install'");
	ck_edit(f, at("pre install"), at("pre install") + 11, "pre-install");
	ck_total(1);
	fx_release();
	fx_setup();
	/* joining would still be no event: no edit, name the word */
	lint(JOB "    helm.sh/hook: pre-install deploy\n");
	f = expect_text(HL_RULE_HL103, "pre-install deploy");
	ck_assert_uint_eq(f->nedits, 0);
	ck_contains(f->help, "'deploy' is not an event Helm knows");
	ck_total(1);
}
END_TEST

START_TEST(hl103_not_with_a_comma)
{
	lint(JOB "    helm.sh/hook: pre-install pre-upgrade,post-install\n");
	expect_text(HL_RULE_HL101, "pre-install pre-upgrade");
	ck_assert_uint_eq(count(HL_RULE_HL103), 0);
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: ;pre-install\n");
	expect_text(HL_RULE_HL101, ";pre-install");
	ck_total(1);
}
END_TEST

/* --- HL104, HL105, HL106 ---------------------------------------------- */

START_TEST(hl104_duplicate_event)
{
	struct hl_finding *f;

	/* removing the repeated token settles its case too: no HL106 */
	lint(CM "    helm.sh/hook: pre-install, PRE-INSTALL\n");
	f = expect_text(HL_RULE_HL104, "PRE-INSTALL");
	ck_contains(f->message, "'PRE-INSTALL' repeats 'pre-install'");
	ck_contains(f->message, "runs twice in that event");
	ck_assert_str_eq(f->help, "remove this 'PRE-INSTALL'");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start, at("pre-install"));
	ck_total(1);
	fx_release();
	fx_setup();
	/* a third listing runs it three times */
	lint(CM "    helm.sh/hook: post-install,post-install,post-install\n");
	f = expect(HL_RULE_HL104, at_n("post-install", 2),
		   at_n("post-install", 2) + 12);
	ck_contains(f->message, "is already listed: the hook runs twice");
	f = expect(HL_RULE_HL104, at_n("post-install", 3),
		   at_n("post-install", 3) + 12);
	ck_contains(f->message, "runs 3 times");
	ck_assert_uint_eq(f->related[0].span.start, at("post-install"));
	ck_total(2);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: pre-install,post-install\n");
	ck_total(0);
}
END_TEST

START_TEST(hl104_hl105_test_success)
{
	struct hl_finding *f;

	lint(CM "    helm.sh/hook: test,test-success\n");
	f = expect_text(HL_RULE_HL104, "test-success");
	ck_contains(f->message, "runs twice in helm test");
	f = expect_text(HL_RULE_HL105, "test-success");
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	ck_total(2);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: test-success,test\n");
	f = expect(HL_RULE_HL104, at(",test") + 1, at(",test") + 5);
	ck_contains(f->message, "'test' repeats 'test-success'");
	ck_assert_str_eq(f->help, "keep only 'test'");
	expect_text(HL_RULE_HL105, "test-success");
	ck_total(2);
}
END_TEST

START_TEST(hl105_alias)
{
	struct hl_finding *f;

	lint(CM "    helm.sh/hook: test-success\n");
	f = expect_text(HL_RULE_HL105, "test-success");
	ck_edit(f, at("test-success"), at("test-success") + 12, "test");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: test\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* not HL106 as well: the fix to 'test' settles the case */
	lint(CM "    helm.sh/hook: Test-Success\n");
	ck_contains(expect_text(HL_RULE_HL105, "Test-Success")->message,
		    "'Test-Success'");
	ck_total(1);
}
END_TEST

START_TEST(hl106_case)
{
	struct hl_finding *f;

	lint(CM "    helm.sh/hook: \" Pre-Install , post-upgrade\"\n");
	f = expect_text(HL_RULE_HL106, "Pre-Install");
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	/* Argo CD still runs it through post-upgrade */
	ck_contains(f->message, "Argo CD matches events case-sensitively "
		    "and ignores this one");
	ck_assert_str_eq(f->help, "write 'pre-install'");
	ck_edit(f, at("Pre-Install"), at("Pre-Install") + 11, "pre-install");
	ck_total(1);
	fx_release();
	fx_setup();
	/* no other event Argo CD maps: it never runs the hook */
	lint(CM "    helm.sh/hook: Post-Install,pre-rollback\n");
	ck_contains(expect_text(HL_RULE_HL106, "Post-Install")->message,
		    "never runs the hook");
	ck_total(1);
	fx_release();
	fx_setup();
	/* surrounding spaces are fine */
	lint(CM "    helm.sh/hook: \" pre-install ,post-upgrade \"\n");
	ck_total(0);
}
END_TEST

/* --- HL411 ------------------------------------------------------------ */

START_TEST(hl411_mixed_delete)
{
	lint(CM "    helm.sh/hook: pre-upgrade,post-delete,pre-delete\n");
	expect_text(HL_RULE_HL411, "post-delete");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: pre-install,post-delete\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n");
	ck_total(0);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: pre-delete,post-delete,pre-rollback\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* a dropped document takes no part */
	lint(CM "    helm.sh/hook: pre-install,post-delete,bogus\n");
	expect_text(HL_RULE_HL101, "bogus");
	ck_total(1);
}
END_TEST

START_TEST(hl411_deleted_by_policy)
{
	/* hook-succeeded removes it when the delete event is over */
	lint(CM "    helm.sh/hook: pre-install,pre-delete\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* but Helm never deletes a CRD hook */
	lint("kind: CustomResourceDefinition\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: pre-install,pre-delete\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded\n");
	ck_contains(expect_text(HL_RULE_HL411, "pre-delete")->help,
		    "an object of its own");
	expect_text(HL_RULE_HL306, "helm.sh/hook-delete-policy");
	ck_total(2);
}
END_TEST

/* --- HL110, HL111 ----------------------------------------------------- */

START_TEST(hl110_reasons)
{
	static const struct {
		const char *weight, *reason;
	} cases[] = {
		{ "\"\"", "is empty" },
		{ "\"1.5\"", "has a decimal point" },
		{ "\"1e3\"", "has an exponent" },
		{ "\"-0x10\"", "is hexadecimal" },
		{ "\"1_000\"", "has an underscore" },
		{ "five", "is not an integer" },
		{ "'5a'", "is not an integer" },
		{ "\"-\"", "is not an integer" },
		{ "\"99999999999999999999\"", "is out of the int64 range" },
		{ "\" 5 x\"", "is not an integer" },
	};
	char yaml[200];
	struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: %s\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n", cases[i].weight);
		lint(yaml);
		f = expect_text(HL_RULE_HL110, cases[i].weight);
		ck_contains(f->message, cases[i].reason);
		ck_contains(f->message, "Helm silently uses 0");
		ck_contains(f->help, "\"5\"");
		ck_total(1);
		fx_release();
		fx_setup();
	}
}
END_TEST

START_TEST(hl110_white_space)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-weight: \" -5\"\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n");
	f = expect_text(HL_RULE_HL110, "\" -5\"");
	ck_contains(f->message, "has surrounding white space");
	ck_edit(f, at(" -5"), at(" -5") + 3, "-5");
	ck_total(1);
}
END_TEST

START_TEST(hl110_precedence)
{
	/* unquoted: HL120 says it, not HL110 */
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-weight: 1.5\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n");
	expect_text(HL_RULE_HL120, "1.5");
	ck_total(1);
	fx_release();
	fx_setup();
	/* no hook: HL204's, and a dropped hook: HL101's */
	lint(CM "    helm.sh/hook-weight: \"x\"\n");
	ck_total(0);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: bogus\n    helm.sh/hook-weight: \"x\"\n");
	expect_text(HL_RULE_HL101, "bogus");
	ck_total(1);
}
END_TEST

START_TEST(hl111_unusual)
{
	static const struct {
		const char *weight, *fix, *what;
	} cases[] = {
		{ "+5", "5", "a leading '+':" },
		{ "05", "5", "has leading zeros:" },
		{ "-007", "-7", "has leading zeros:" },
		{ "+00", "0", "'+' and leading zeros" },
	};
	char yaml[200];
	struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: '%s'\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n", cases[i].weight);
		lint(yaml);
		f = expect(HL_RULE_HL111, at("'"), at("'") +
			   strlen(cases[i].weight) + 2);
		ck_contains(f->message, cases[i].what);
		ck_assert_int_eq(f->severity, HL_SEV_INFO);
		ck_edit(f, at("'") + 1, at("'") + 1 + strlen(cases[i].weight),
			cases[i].fix);
		ck_total(1);
		fx_release();
		fx_setup();
	}
}
END_TEST

START_TEST(hl111_usual)
{
	static const char *const ok[] = { "0", "-0", "10", "-5" };
	char yaml[200];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(ok); i++) {
		snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: \"%s\"\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n", ok[i]);
		lint(yaml);
		ck_total(0);
		fx_release();
		fx_setup();
	}
}
END_TEST

/* --- HL120, HL121 ----------------------------------------------------- */

START_TEST(hl120_unquoted)
{
	struct hl_finding *f;

	lint(CM "    a: 5\n    b: true\n    c: 1.5\n    d: ~\n    e:\n"
	     "    f: \"5\"\n    g: text\n    h: 2001-12-14\n");
	f = expect(HL_RULE_HL120, at("5\n"), at("5\n") + 1);
	ck_contains(f->message, "annotation 'a' has the unquoted value '5'");
	ck_contains(f->message, "an integer");
	ck_edit(f, at("5\n"), at("5\n") + 1, "\"5\"");
	f = expect_text(HL_RULE_HL120, "true");
	ck_contains(f->message, "a boolean");
	ck_edit(f, at("true"), at("true") + 4, "\"true\"");
	f = expect_text(HL_RULE_HL120, "1.5");
	ck_contains(f->message, "floating-point");
	f = expect_text(HL_RULE_HL120, "~");
	ck_contains(f->message, "annotation 'd' is null");
	ck_edit(f, at("~"), at("~") + 1, "\"\"");
	f = expect(HL_RULE_HL120, at("    e:") + 6, at("    e:") + 6);
	ck_edit(f, at("    e:") + 6, at("    e:") + 6, " \"\"");
	ck_total(5);
}
END_TEST

START_TEST(hl120_weight_fix)
{
	static const struct {
		const char *weight, *fix;
	} cases[] = {
		{ "-5", "\"-5\"" },
		{ "017", "\"15\"" },		/* YAML 1.1 octal */
		{ "5.0", "\"5\"" },
		{ "1_000", "\"1000\"" },
		{ "0x10", "\"16\"" },
	};
	char yaml[200];
	struct hl_finding *f;
	size_t i;

	/* the fix quotes what Helm reads, so HL110 and HL111 stay quiet */
	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), CM "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: %s\n", cases[i].weight);
		lint(yaml);
		f = expect_text(HL_RULE_HL120, cases[i].weight);
		ck_edit(f, at(cases[i].weight),
			at(cases[i].weight) + strlen(cases[i].weight),
			cases[i].fix);
		ck_total(1);
		fx_release();
		fx_setup();
	}
	/* no integer to quote: say so, no edit */
	lint(CM "    helm.sh/hook: test\n    helm.sh/hook-weight: 1.5\n");
	f = expect_text(HL_RULE_HL120, "1.5");
	ck_assert_uint_eq(f->nedits, 0);
	ck_contains(f->help, "reads '1.5' as weight 0");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: test\n    helm.sh/hook-weight: ~\n");
	f = expect_text(HL_RULE_HL120, "~");
	ck_contains(f->message, "is null");
	ck_assert_uint_eq(f->nedits, 0);
	ck_total(1);
}
END_TEST

START_TEST(hl120_every_annotations_mapping)
{
	lint("kind: Job\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: post-install\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "spec:\n  template:\n    metadata:\n      annotations:\n"
	     "        sidecar.istio.io/inject: false\n"
	     "      labels:\n        app: x\n");
	expect_text(HL_RULE_HL120, "false");
	ck_total(1);
}
END_TEST

START_TEST(hl120_precedence)
{
	/* HL131 explains a null delete policy on a hook */
	lint(JOB "    helm.sh/hook: test\n    helm.sh/hook-delete-policy:\n");
	expect(HL_RULE_HL131, at("policy:") + 7, at("policy:") + 7);
	ck_total(1);
	fx_release();
	fx_setup();
	/* on a non-hook it is only a null annotation */
	lint(CM "    helm.sh/hook-delete-policy: null\n");
	expect_text(HL_RULE_HL120, "null");
	ck_total(1);
	fx_release();
	fx_setup();
	/* a dropped document gets only the finding that explains it */
	lint(JOB "    helm.sh/hook: pre-install,bogus\n"
	     "    helm.sh/hook-weight: 5\n    other: true\n"
	     "    helm.sh/hook-delete-policy:\n");
	expect_text(HL_RULE_HL101, "bogus");
	ck_total(1);
}
END_TEST

START_TEST(hl121_nonscalar)
{
	struct hl_finding *f;

	lint("kind: Job\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: post-install\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    a: {x: y}\n"
	     "spec:\n  template:\n    metadata:\n      annotations:\n"
	     "        b: [1, 2]\n        c: *ref\n");
	f = expect_text(HL_RULE_HL121, "{x: y}");
	ck_contains(f->message, "mapping");
	ck_contains(f->message, "Helm fails the whole render");
	f = expect_text(HL_RULE_HL121, "[1, 2]");
	ck_contains(f->message, "sequence");
	ck_contains(f->message, "API server");
	ck_total(2);
}
END_TEST

START_TEST(hl121_hook_value)
{
	/* Helm fails the render before it could drop the resource */
	lint(JOB "    helm.sh/hook: [pre-install]\n");
	ck_contains(expect_text(HL_RULE_HL121, "[pre-install]")->help,
		    "one comma-separated string");
	ck_total(1);
	fx_release();
	fx_setup();
	/* a dropped resource never reaches the API server */
	lint("kind: Job\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: bogus\n"
	     "spec:\n  template:\n    metadata:\n      annotations:\n"
	     "        b: [1, 2]\n");
	expect_text(HL_RULE_HL101, "bogus");
	ck_total(1);
}
END_TEST

/* --- HL130, HL131, HL132 ---------------------------------------------- */

START_TEST(hl130_unknown_policy)
{
	static const struct {
		const char *policy, *token, *help;
	} cases[] = {
		{ "hook-succeeded,HookFailed", "HookFailed", "Argo CD's" },
		{ "BeforeHookCreation", "BeforeHookCreation",
		  "'before-hook-creation'" },
		{ "post-delete", "post-delete", "is a hook event" },
		{ "hook-succeeded hook-failed", "hook-succeeded hook-failed",
		  "write 'hook-succeeded,hook-failed'" },
		{ "hook-succeeded hookfailed", "hook-succeeded hookfailed",
		  "separate delete policies with ','" },
		{ "hook-sucseeded", "hook-sucseeded",
		  "did you mean 'hook-succeeded'?" },
		{ "never", "never", "use before-hook-creation" },
	};
	char yaml[200];
	struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: test\n"
			 "    helm.sh/hook-delete-policy: %s\n",
			 cases[i].policy);
		lint(yaml);
		f = expect_text(HL_RULE_HL130, cases[i].token);
		ck_contains(f->help, cases[i].help);
		/* no HL301 or HL302 on a list with unknown tokens */
		ck_total(1);
		fx_release();
		fx_setup();
	}
}
END_TEST

START_TEST(hl130_default_lost)
{
	struct hl_finding *f;

	/* only unknown tokens: they are what replaces the default */
	lint(CM "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: HookSucceeded\n");
	f = expect_text(HL_RULE_HL130, "HookSucceeded");
	ck_contains(f->message, "disables the before-hook-creation default, "
		    "so Helm never deletes the hook");
	fx_release();
	fx_setup();
	/* next to a known policy, it only never matches */
	lint(CM "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeded\n");
	f = expect_text(HL_RULE_HL130, "hook-succeded");
	ck_assert_str_eq(f->message, "unknown delete policy 'hook-succeded': "
			 "Helm keeps it, and it never matches");
	ck_assert_str_eq(f->help, "did you mean 'hook-succeeded'?");
	ck_total(1);
	fx_release();
	fx_setup();
	/* a space-separated list of known policies gets a fix */
	lint(CM "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: "
	     "\"Hook-Succeeded  hook-failed\"\n");
	f = expect_text(HL_RULE_HL130, "Hook-Succeeded  hook-failed");
	ck_edit(f, at("Hook-S"), at("Hook-S") + 27,
		"hook-succeeded,hook-failed");
	ck_total(1);
}
END_TEST

START_TEST(hl131_empty_policy)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: \"\"\n");
	f = expect_text(HL_RULE_HL131, "\"\"");
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: \" , \"\n");
	f = expect_text(HL_RULE_HL131, "\" , \"");
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	ck_total(1);
	fx_release();
	fx_setup();
	/* some empty tokens: a warning each, at the comma */
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded,,"
	     "before-hook-creation,\n");
	f = expect(HL_RULE_HL131, at(",,"), at(",,"));
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	expect(HL_RULE_HL131, at("creation,") + 8, at("creation,") + 8);
	ck_total(2);
}
END_TEST

START_TEST(hl131_configured_severity)
{
	F.opts.severity[HL_RULE_HL131] = HL_SEV_INFO;
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: \"\"\n");
	ck_assert_int_eq(expect_text(HL_RULE_HL131, "\"\"")->severity,
			 HL_SEV_INFO);
}
END_TEST

START_TEST(hl132_case)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: Hook-Succeeded, "
	     "before-hook-creation\n");
	f = expect_text(HL_RULE_HL132, "Hook-Succeeded");
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	ck_assert_str_eq(f->help, "write 'hook-succeeded'");
	ck_edit(f, at("Hook-S"), at("Hook-S") + 14, "hook-succeeded");
	ck_total(1);
}
END_TEST

/* --- HL140, HL141 ----------------------------------------------------- */

START_TEST(hl140_log_policy)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    helm.sh/hook-output-log-policy: hook-failed,bogus,"
	     "before-hook-creation\n");
	f = expect_text(HL_RULE_HL140, "bogus");
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	ck_contains(f->message, "Helm ignores it");
	ck_contains(f->help, "use hook-succeeded, hook-failed or both");
	f = expect(HL_RULE_HL140, at_n("before-hook-creation", 2),
		   at_n("before-hook-creation", 2) + 20);
	ck_contains(f->help, "delete policy");
	ck_total(2);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    helm.sh/hook-output-log-policy: \"\"\n");
	expect_text(HL_RULE_HL140, "\"\"");
	ck_total(1);
	fx_release();
	fx_setup();
	/* null is HL120's alone: one problem, one finding */
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    helm.sh/hook-output-log-policy: ~\n");
	expect_text(HL_RULE_HL120, "~");
	ck_total(1);
	fx_release();
	fx_setup();
	/* typos and Argo CD's spelling get a suggestion */
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    helm.sh/hook-output-log-policy: hook-success,HookFailed\n");
	ck_assert_str_eq(expect_text(HL_RULE_HL140, "hook-success")->help,
			 "did you mean 'hook-succeeded'?");
	ck_assert_str_eq(expect_text(HL_RULE_HL140, "HookFailed")->help,
			 "write 'hook-failed'");
	ck_total(2);
	fx_release();
	fx_setup();
	lint("kind: Pod\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "    helm.sh/hook-output-log-policy: Hook-Failed, "
	     "hook-succeeded\n");
	ck_total(0);
}
END_TEST

START_TEST(hl141_log_policy_ignored)
{
	lint(CM "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-output-log-policy: hook-failed\n");
	ck_contains(expect_text(HL_RULE_HL141,
				"helm.sh/hook-output-log-policy")->message,
		    "does nothing on a ConfigMap hook");
	ck_total(1);
	fx_release();
	fx_setup();
	/* no hook: HL204's business */
	lint(CM "    helm.sh/hook-output-log-policy: hook-failed\n");
	ck_total(0);
}
END_TEST

/* --- HL301, HL302, HL306 ---------------------------------------------- */

START_TEST(hl301_leftover)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: \"hook-succeeded\"\n");
	f = expect_text(HL_RULE_HL301, "\"hook-succeeded\"");
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	ck_edit(f, at("hook-succeeded"), at("hook-succeeded"),
		"before-hook-creation,");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(JOB "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* unknown tokens are HL130's */
	lint(CM "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded,bogus\n");
	expect_text(HL_RULE_HL130, "bogus");
	ck_total(1);
}
END_TEST

START_TEST(hl302_never_cleaned_up)
{
	struct hl_finding *f;

	lint(JOB "    helm.sh/hook: pre-install\n");
	f = expect_text(HL_RULE_HL302, "Job");
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	ck_total(1);
	fx_release();
	fx_setup();
	lint("kind: Pod\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation\n");
	expect_text(HL_RULE_HL302, "Pod");
	ck_total(1);
	fx_release();
	fx_setup();
	lint(CM "    helm.sh/hook: pre-install\n");
	ck_total(0);
	fx_release();
	fx_setup();
	/* the empty policy is HL131's */
	lint(JOB "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: \"\"\n");
	expect_text(HL_RULE_HL131, "\"\"");
	ck_total(1);
}
END_TEST

START_TEST(hl306_crd_hook)
{
	lint("kind: CustomResourceDefinition\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded\n");
	expect_text(HL_RULE_HL306, "helm.sh/hook-delete-policy");
	ck_total(1);	/* not HL301: Helm never deletes a CRD hook */
	fx_release();
	fx_setup();
	lint("kind: CustomResourceDefinition\nmetadata:\n  annotations:\n"
	     "    helm.sh/hook: pre-install\n");
	ck_total(0);
}
END_TEST

/* --- the engine ------------------------------------------------------- */

START_TEST(disabled_rules_stay_silent)
{
	F.opts.severity[HL_RULE_HL101] = HL_SEV_OFF;
	F.opts.severity[HL_RULE_HL120] = HL_SEV_OFF;
	F.opts.severity[HL_RULE_HL131] = HL_SEV_OFF;
	lint(JOB "    helm.sh/hook: pre-instal\n    a: 5\n");
	ck_total(0);
	fx_release();
	fx_setup();
	F.opts.severity[HL_RULE_HL131] = HL_SEV_OFF;
	lint(JOB "    helm.sh/hook: test\n"
	     "    helm.sh/hook-delete-policy: \"\"\n");
	ck_total(0);
}
END_TEST

START_TEST(long_values_are_shortened)
{
	char yaml[300], word[81], want[64];
	struct hl_finding *f;

	memset(word, 'x', 80);
	word[80] = '\0';
	snprintf(yaml, sizeof(yaml), JOB "    helm.sh/hook: %s\n", word);
	snprintf(want, sizeof(want), "'%.57s...'", word);
	lint(yaml);
	f = expect_text(HL_RULE_HL101, word);
	ck_contains(f->message, want);
}
END_TEST

static Suite *rules_values_suite(void)
{
	Suite *s = suite_create("rules_values");
	TCase *ev = tcase_create("events");
	TCase *wv = tcase_create("weights_values");
	TCase *po = tcase_create("policies");

	tcase_add_checked_fixture(ev, fx_setup, fx_release);
	tcase_add_checked_fixture(wv, fx_setup, fx_release);
	tcase_add_checked_fixture(po, fx_setup, fx_release);
	tcase_add_test(ev, hl101_unknown_event);
	tcase_add_test(ev, hl101_hints);
	tcase_add_test(ev, hl101_every_unknown_token);
	tcase_add_test(ev, hl101_quiet_on_known_events);
	tcase_add_test(ev, hl101_escaped_value_spans_value);
	tcase_add_test(ev, hl102_null_value);
	tcase_add_test(ev, hl102_empty_string);
	tcase_add_test(ev, hl102_empty_tokens);
	tcase_add_test(ev, hl103_space_separated);
	tcase_add_test(ev, hl103_other_separators);
	tcase_add_test(ev, hl103_fix_only_when_valid);
	tcase_add_test(ev, hl103_not_with_a_comma);
	tcase_add_test(ev, hl104_duplicate_event);
	tcase_add_test(ev, hl104_hl105_test_success);
	tcase_add_test(ev, hl105_alias);
	tcase_add_test(ev, hl106_case);
	tcase_add_test(ev, hl411_mixed_delete);
	tcase_add_test(ev, hl411_deleted_by_policy);
	tcase_add_test(wv, hl110_reasons);
	tcase_add_test(wv, hl110_white_space);
	tcase_add_test(wv, hl110_precedence);
	tcase_add_test(wv, hl111_unusual);
	tcase_add_test(wv, hl111_usual);
	tcase_add_test(wv, hl120_unquoted);
	tcase_add_test(wv, hl120_weight_fix);
	tcase_add_test(wv, hl120_every_annotations_mapping);
	tcase_add_test(wv, hl120_precedence);
	tcase_add_test(wv, hl121_nonscalar);
	tcase_add_test(wv, hl121_hook_value);
	tcase_add_test(po, hl130_unknown_policy);
	tcase_add_test(po, hl130_default_lost);
	tcase_add_test(po, hl131_empty_policy);
	tcase_add_test(po, hl131_configured_severity);
	tcase_add_test(po, hl132_case);
	tcase_add_test(po, hl140_log_policy);
	tcase_add_test(po, hl141_log_policy_ignored);
	tcase_add_test(po, hl301_leftover);
	tcase_add_test(po, hl302_never_cleaned_up);
	tcase_add_test(po, hl306_crd_hook);
	tcase_add_test(po, disabled_rules_stay_silent);
	tcase_add_test(po, long_values_are_shortened);
	suite_add_tcase(s, ev);
	suite_add_tcase(s, wv);
	suite_add_tcase(s, po);
	return s;
}

HL_TEST_MAIN(rules_values_suite)
