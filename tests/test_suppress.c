/* SPDX-License-Identifier: MIT */
/*
 * test_suppress.c - inline suppression comments: where they count, what
 * they cover, and the HL902 findings for the ones that cover nothing.
 * Findings are placed by hand at marked text, so the comment scanner is
 * tested apart from the rules.
 */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "suppress.h"
#include "engine.h"
#include "lint.h"

#include <string.h>

static struct hl_opts opts;
static struct hl_report report;

static void setup(void)
{
	hl_opts_init(&opts);
	memset(&report, 0, sizeof(report));
	HL_GROW(report.files, 1, report.files_alloc);
	memset(&report.files[0], 0, sizeof(report.files[0]));
	report.files[0].path = xstrdup("t.yaml");
	report.nfiles = 1;
}

static void teardown(void)
{
	hl_report_release(&report);
}

static unsigned long line_of(const char *buf, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		line += buf[i] == '\n';
	return line;
}

static void finding_at(enum hl_rule_id rule, size_t start, size_t end)
{
	struct hl_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	ctx.report = &report;
	ck_assert(hl_report(&ctx, rule, (struct hl_span){ start, end },
			    "finding"));
}

/* A finding of @rule on the first occurrence of @mark in @buf. */
static void finding(const char *buf, enum hl_rule_id rule, const char *mark)
{
	const char *p = strstr(buf, mark);

	ck_assert_msg(p, "mark '%s' not found", mark);
	finding_at(rule, (size_t)(p - buf), (size_t)(p - buf) + strlen(mark));
}

/* A finding of @rule at the start of line @line of @buf. */
static void finding_line(const char *buf, enum hl_rule_id rule,
			 unsigned long line)
{
	size_t off = 0;

	while (--line)
		off += strcspn(buf + off, "\n") + 1;
	finding_at(rule, off, off + 1);
}

/* Apply and describe what is left: "HL101:4 HL902:3:HL302 ..." (HL902
 * findings name the text they point at): the findings kept, in order,
 * then the HL902 ones. */
static char *apply(const char *buf, bool tpl)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t i;

	hl_suppress_apply(&opts, &report, 0, 0, buf, strlen(buf), tpl);
	for (i = 0; i < report.nfindings; i++) {
		const struct hl_finding *f = &report.findings[i];

		hl_buf_addf(&b, "%s%s:%lu", i ? " " : "", hl_rule_id(f->rule),
			    line_of(buf, f->span.start));
		if (f->rule == HL_RULE_HL902)
			hl_buf_addf(&b, ":%.*s", (int)(f->span.end - f->span.start),
				    buf + f->span.start);
	}
	return b.s ? hl_buf_detach(&b) : xstrdup("");
}

#define EXPECT(buf, tpl, want)                                          \
	do {                                                            \
		char *got_ = apply(buf, tpl);                           \
		ck_assert_str_eq(got_, want);                           \
		free(got_);                                             \
	} while (0)

static const char job[] =
	"apiVersion: batch/v1\n"				/* 1 */
	"kind: Job\n"						/* 2 */
	"metadata:\n"						/* 3 */
	"  name: migrate\n"					/* 4 */
	"  annotations:\n"					/* 5 */
	"    # hooklint disable=HL101 -- renamed in 2.0\n"	/* 6 */
	"    \"helm.sh/hook\": pre-instal\n"			/* 7 */
	"    \"helm.sh/hook-weight\": x1  # hooklint disable=HL110\n"	/* 8 */
	"    \"helm.sh/hook-delete-policy\": never\n";		/* 9 */

START_TEST(line_above_and_trailing)
{
	finding(job, HL_RULE_HL101, "pre-instal");
	finding(job, HL_RULE_HL110, "x1");
	finding(job, HL_RULE_HL130, "never");
	EXPECT(job, false, "HL130:9");
}
END_TEST

START_TEST(unused_and_wrong_ids)
{
	static const char buf[] =
		"metadata:\n"
		"  annotations:\n"
		"    # hooklint disable=HL101,HL130,HL999\n"	/* 3 */
		"    \"helm.sh/hook\": pre-instal\n"		/* 4 */
		"    a: b # hooklint disable=hl110\n";		/* 5 */

	finding(buf, HL_RULE_HL101, "pre-instal");
	EXPECT(buf, false, "HL902:3:HL130 HL902:3:HL999 HL902:5:hl110");
	/* each unused ID says which line it covers */
	ck_assert(strstr(report.findings[0].message, "line 4"));
	ck_assert(strstr(report.findings[1].message, "unknown rule 'HL999'"));
}
END_TEST

START_TEST(comment_block_above)
{
	static const char buf[] =
		"metadata:\n"
		"  # hooklint disable=HL101\n"
		"  # why: the event is added by a post-renderer\n"
		"  # hooklint disable=HL130 -- same\n"
		"  annotations: {a: b}\n"			/* 5 */
		"  x: y\n";

	finding(buf, HL_RULE_HL101, "annotations");
	finding(buf, HL_RULE_HL130, "annotations");
	finding(buf, HL_RULE_HL150, "x: y");
	EXPECT(buf, false, "HL150:6");
}
END_TEST

START_TEST(blank_line_breaks_the_block)
{
	static const char buf[] =
		"metadata:\n"
		"  # hooklint disable=HL101\n"
		"\n"
		"  annotations: {a: b}\n";

	finding(buf, HL_RULE_HL101, "annotations");
	EXPECT(buf, false, "HL101:4 HL902:2:HL101");
	ck_assert(strstr(report.findings[1].message, "covers no line"));
}
END_TEST

START_TEST(names_all_and_case)
{
	static const char buf[] =
		"a: 1 # hooklint disable=unknown-hook-event\n"
		"b: 2 # hooklint disable=all -- generated file\n"
		"c: 3 # hooklint disable=hl130\n"
		"d: 4 # hooklint disable=ALL\n";

	finding(buf, HL_RULE_HL101, "a: 1");
	finding(buf, HL_RULE_HL101, "b: 2");
	finding(buf, HL_RULE_HL302, "b: 2");
	finding(buf, HL_RULE_HL130, "c: 3");
	EXPECT(buf, false, "HL902:4:ALL");
}
END_TEST

START_TEST(malformed_comments)
{
	static const char buf[] =
		"a: 1 # hooklint disable=HL101 because it is fine\n"
		"b: 2 # hooklint disable HL101\n"
		"c: 3 # hooklint disable=\n"
		"d: 4 # hooklint is happy with this line\n"
		"e: 5 # hooklint disabled it once\n";

	finding(buf, HL_RULE_HL101, "a: 1");
	finding(buf, HL_RULE_HL101, "b: 2");
	EXPECT(buf, false,
	       "HL101:1 HL101:2 "
	       "HL902:1:hooklint disable=HL101 because it is fine "
	       "HL902:2:hooklint disable HL101 "
	       "HL902:3:hooklint disable=");
}
END_TEST

START_TEST(not_in_scalars)
{
	static const char buf[] =
		"kind: ConfigMap\n"
		"metadata:\n"
		"  annotations:\n"
		"    note: \"x # hooklint disable=HL101\"\n"		/* 4 */
		"    other: 'it''s # hooklint disable=HL101'\n"	/* 5 */
		"    url: http://x/#hooklint disable=HL101\n"		/* 6 */
		"data:\n"
		"  script: |\n"
		"    # hooklint disable=HL101\n"			/* 9 */
		"    echo hi\n"
		"  long: \"first line\n"
		"    # hooklint disable=HL101\n"			/* 12 */
		"    last\"\n"
		"  k: v\n";					/* 14 */

	finding(buf, HL_RULE_HL101, "note");
	finding(buf, HL_RULE_HL101, "other");
	finding(buf, HL_RULE_HL101, "url");
	finding(buf, HL_RULE_HL101, "echo hi");
	finding(buf, HL_RULE_HL101, "last");
	finding(buf, HL_RULE_HL101, "k: v");
	EXPECT(buf, false, "HL101:4 HL101:5 HL101:6 HL101:10 HL101:13 HL101:14");
}
END_TEST

START_TEST(after_block_scalars)
{
	static const char buf[] =
		"data:\n"
		"  - |\n"
		"    text\n"
		"  # hooklint disable=HL101\n"			/* 4 */
		"  - item\n"						/* 5 */
		"  - key: >-\n"
		"      folded\n"
		"    # hooklint disable=HL130\n"			/* 8 */
		"    next: 1\n"					/* 9 */
		"plain: starts here\n"
		"  and goes on # hooklint disable=HL302\n"		/* 11 */
		"  \"still plain\n"					/* 12 */
		"quoted: \"a\" # hooklint disable=HL150\n";	/* 13 */

	finding(buf, HL_RULE_HL101, "item");
	finding(buf, HL_RULE_HL130, "next");
	finding(buf, HL_RULE_HL302, "and goes on");
	finding(buf, HL_RULE_HL150, "quoted");
	EXPECT(buf, false, "");
}
END_TEST

START_TEST(file_wide_in_a_stream)
{
	static const char buf[] =
		"---\n"
		"# Source: shop/templates/a.yaml\n"
		"# hooklint disable-file=HL302\n"			/* 3 */
		"kind: Job\n"						/* 4 */
		"---\n"
		"# Source: shop/templates/a.yaml\n"
		"kind: Job\n"						/* 7 */
		"---\n"
		"# Source: shop/templates/b.yaml\n"
		"kind: Job\n";					/* 10 */

	finding_line(buf, HL_RULE_HL302, 4);
	finding_line(buf, HL_RULE_HL302, 7);
	finding_line(buf, HL_RULE_HL302, 10);
	EXPECT(buf, false, "HL302:10");
}
END_TEST

START_TEST(file_wide_without_source)
{
	static const char buf[] =
		"kind: Job\n"
		"---\n"
		"kind: Pod\n"
		"# hooklint disable-file=HL302,HL505\n";

	finding(buf, HL_RULE_HL302, "Job");
	finding(buf, HL_RULE_HL302, "Pod");
	EXPECT(buf, false, "HL902:4:HL505");
	ck_assert(strstr(report.findings[0].message, "in this file"));
}
END_TEST

START_TEST(document_split_ends_a_block)
{
	static const char buf[] =
		"kind: Job\n"
		"# hooklint disable=HL302\n"
		"---\n"
		"kind: Pod\n";

	finding(buf, HL_RULE_HL302, "Pod");
	EXPECT(buf, false, "HL302:4 HL902:2:HL302");
}
END_TEST

START_TEST(rules_that_did_not_run)
{
	static const char buf[] =
		"a: 1 # hooklint disable=HL302\n"
		"b: 2 # hooklint disable=HL705\n"
		"c: 3 # hooklint disable=HL101\n";

	/* disabled, or not run under this target: not unused */
	opts.severity[HL_RULE_HL302] = HL_SEV_OFF;
	EXPECT(buf, false, "HL902:3:HL101");
	hl_report_release(&report);
	setup();
	opts.target = HL_TARGET_ARGOCD;
	EXPECT(buf, false, "HL902:1:HL302 HL902:2:HL705 HL902:3:HL101");
}
END_TEST

START_TEST(hl902_silenced_explicitly)
{
	static const char buf[] =
		"# hooklint disable-file=HL902 -- vendored, comments kept\n"
		"a: 1 # hooklint disable=HL101\n"
		"b: 2 # hooklint disable=all\n";

	EXPECT(buf, false, "");
	hl_report_release(&report);
	setup();
	/* ... and an HL902 that silences nothing is reported itself */
	EXPECT("a: 1 # hooklint disable-file=HL902\n", false, "HL902:1:HL902");
}
END_TEST

START_TEST(fixes_remove_what_is_unused)
{
	static const char buf[] =
		"  # hooklint disable=HL130\n"
		"  a: 1\n"
		"  b: 2 # hooklint disable=HL101,HL130\n"
		"  c: 3   # hooklint disable=HL110\n";
	const struct hl_finding *f;

	finding(buf, HL_RULE_HL101, "b: 2");
	EXPECT(buf, false, "HL902:1:HL130 HL902:3:HL130 HL902:4:HL110");
	/* the whole comment line */
	f = &report.findings[0];
	ck_assert_uint_eq(f->nedits, 1);
	ck_assert_uint_eq(f->edits[0].span.start, 0);
	ck_assert_uint_eq(f->edits[0].span.end, strlen("  # hooklint disable=HL130\n"));
	/* one ID of two, with its comma */
	f = &report.findings[1];
	ck_assert_uint_eq(f->nedits, 1);
	ck_assert_int_eq(buf[f->edits[0].span.start], ',');
	ck_assert_uint_eq(f->edits[0].span.end, f->span.end);
	/* a trailing comment and the blanks before it */
	f = &report.findings[2];
	ck_assert_int_eq(buf[f->edits[0].span.start - 1], '3');
	ck_assert_int_eq(buf[f->edits[0].span.end], '\n');
}
END_TEST

START_TEST(template_comments)
{
	static const char buf[] =
		"apiVersion: batch/v1\n"
		"kind: Job\n"
		"metadata:\n"
		"  name: {{ .Release.Name }}-migrate\n"
		"  annotations:\n"
		"    {{/* hooklint disable=HL101 -- added by a post-renderer */}}\n"
		"    \"helm.sh/hook\": pre-instal\n"			/* 7 */
		"    {{- /* hooklint disable=HL110 */ -}}\n"
		"    \"helm.sh/hook-weight\": x1\n"			/* 9 */
		"    \"helm.sh/hook-delete-policy\": never {{/* hooklint disable=HL130 */}}\n"
		"    # hooklint disable=HL140\n"
		"    \"helm.sh/hook-output-log-policy\": {{ .Values.x | quote }}\n"
		"    {{/*\n"
		"      hooklint disable=HL150\n"
		"    */}}\n"
		"    k: v\n"						/* 16 */
		"    {{- if .Values.y }}\n"
		"    {{/* hooklint disable=HL302 */}}\n"		/* 18 */
		"    {{- end }}\n"
		"    z: 1\n"						/* 20 */
		"    {{/* hooklint disable=HL505 */}}\n"		/* 21 */
		"\n"
		"    y: 2\n"						/* 23 */
		"    {{- if .x }}{{/* hooklint disable=HL150 */}}\n"
		"    w: 3\n";

	finding(buf, HL_RULE_HL101, "pre-instal");
	finding(buf, HL_RULE_HL110, "x1");
	finding(buf, HL_RULE_HL130, "never");
	finding(buf, HL_RULE_HL140, "{{ .Values.x");
	finding(buf, HL_RULE_HL150, "k: v");
	finding(buf, HL_RULE_HL302, "z: 1");
	finding(buf, HL_RULE_HL505, "y: 2");
	finding(buf, HL_RULE_HL150, "w: 3");
	/* lines of actions alone are comment lines of the masked YAML; a
	 * blank line ends the block */
	EXPECT(buf, true, "HL505:23 HL902:21:HL505");
}
END_TEST

START_TEST(template_text_is_not_a_comment_when_rendered)
{
	static const char buf[] =
		"data:\n"
		"  rule: '{{/* hooklint disable=HL101 */}}'\n"
		"  k: v\n";

	finding(buf, HL_RULE_HL101, "k: v");
	EXPECT(buf, false, "HL101:3");
}
END_TEST

START_TEST(no_comments_no_work)
{
	static const char buf[] = "kind: Job\n";

	finding(buf, HL_RULE_HL302, "Job");
	EXPECT(buf, false, "HL302:1");
	hl_suppress_apply(&opts, &report, 0, 0, "", 0, false);
	ck_assert_uint_eq(report.nfindings, 1);
}
END_TEST

/* Through the whole pipeline: rules, then the comments. */
START_TEST(lint_memory)
{
	static const char buf[] =
		"---\n"
		"# Source: shop/templates/job.yaml\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: settings\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": pre-install\n"
		"    # hooklint disable=HL110 -- read by our own tooling\n"
		"    \"helm.sh/hook-weight\": \"1.5\"\n"
		"    \"helm.sh/hook-delete-policy\": hook-succeeded # hooklint disable=HL302\n";
	struct hl_report r;

	memset(&r, 0, sizeof(r));
	hl_lint_memory(&opts, &r, "job.yaml", buf, strlen(buf));
	ck_assert_uint_eq(r.nfindings, 2);
	ck_assert_int_eq(r.findings[0].rule, HL_RULE_HL301);
	ck_assert_int_eq(r.findings[1].rule, HL_RULE_HL902);
	ck_assert_uint_eq(r.findings[1].s.line, 11);
	ck_assert_str_eq(r.findings[1].template_path,
			 "shop/templates/job.yaml");
	hl_report_release(&r);
}
END_TEST

static Suite *suppress_suite(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("comments");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, line_above_and_trailing);
	tcase_add_test(tc, unused_and_wrong_ids);
	tcase_add_test(tc, comment_block_above);
	tcase_add_test(tc, blank_line_breaks_the_block);
	tcase_add_test(tc, names_all_and_case);
	tcase_add_test(tc, malformed_comments);
	tcase_add_test(tc, not_in_scalars);
	tcase_add_test(tc, after_block_scalars);
	tcase_add_test(tc, file_wide_in_a_stream);
	tcase_add_test(tc, file_wide_without_source);
	tcase_add_test(tc, document_split_ends_a_block);
	tcase_add_test(tc, rules_that_did_not_run);
	tcase_add_test(tc, hl902_silenced_explicitly);
	tcase_add_test(tc, fixes_remove_what_is_unused);
	tcase_add_test(tc, template_comments);
	tcase_add_test(tc, template_text_is_not_a_comment_when_rendered);
	tcase_add_test(tc, no_comments_no_work);
	tcase_add_test(tc, lint_memory);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(suppress_suite)
