/* SPDX-License-Identifier: MIT */
/* test_position.c - byte offsets to lines and columns, GitHub line hashes */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static struct hl_report rep;

static void setup(void)
{
	memset(&rep, 0, sizeof(rep));
}

static void teardown(void)
{
	hl_report_release(&rep);
}

/* A finding over bytes [start, end) of file 0. */
static struct hl_finding *span(size_t start, size_t end)
{
	struct hl_finding *f;

	HL_GROW(rep.findings, rep.nfindings + 1, rep.findings_alloc);
	f = &rep.findings[rep.nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = HL_RULE_HL101;
	f->severity = HL_SEV_ERROR;
	f->seq = rep.nfindings++;
	f->span.start = start;
	f->span.end = end;
	f->message = xstrdup("m");
	return f;
}

static void resolve(const char *buf, bool fp)
{
	hl_report_place(&rep, 0, rep.nfindings, buf, strlen(buf), fp, NULL, 0);
}

#define ck_pos(p, l, c, c16)                                            \
	do {                                                            \
		ck_assert_uint_eq((p).line, (l));                       \
		ck_assert_uint_eq((p).col, (c));                        \
		ck_assert_uint_eq((p).col16, (c16));                    \
	} while (0)

START_TEST(ascii)
{
	const char *buf = "apiVersion: v1\nkind: Job\n";

	span(0, 10);
	span(21, 24);
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 1, 1, 1);
	ck_pos(rep.findings[0].e, 1, 11, 11);
	ck_pos(rep.findings[1].s, 2, 7, 7);
	ck_pos(rep.findings[1].e, 2, 10, 10);
	ck_assert_str_eq(rep.findings[0].line_text, "apiVersion: v1");
	ck_assert_str_eq(rep.findings[1].line_text, "kind: Job");
	ck_assert_ptr_null(rep.findings[0].fingerprint);
}
END_TEST

START_TEST(multibyte_and_astral)
{
	/* é: 2 bytes, 中: 3 bytes, 🚀: 4 bytes and two UTF-16 units */
	const char *buf = "a: \xc3\xa9\xe4\xb8\xad\xf0\x9f\x9a\x80x y\n";
	size_t x = strchr(buf, 'x') - buf;

	span(3, x);
	span(x, x + 1);
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 1, 4, 4);
	ck_pos(rep.findings[0].e, 1, 7, 8);
	ck_pos(rep.findings[1].s, 1, 7, 8);
	ck_pos(rep.findings[1].e, 1, 8, 9);
}
END_TEST

START_TEST(crlf)
{
	const char *buf = "a: 1\r\nbb: 2\r\n";

	span(7, 9);	/* "b:" on line 2 */
	span(4, 6);	/* "\r\n": ends at the start of line 2 */
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 2, 2, 2);
	ck_pos(rep.findings[0].e, 2, 4, 4);
	ck_assert_str_eq(rep.findings[0].line_text, "bb: 2");
	ck_pos(rep.findings[1].s, 1, 5, 5);
	ck_pos(rep.findings[1].e, 2, 1, 1);
	ck_assert_str_eq(rep.findings[1].line_text, "a: 1");
}
END_TEST

START_TEST(only_lf_breaks_lines)
{
	/* CR, NEL and U+2028 are not line breaks for positions */
	const char *buf = "a\rb\xc2\x85" "c\xe2\x80\xa8" "d\ne";

	span(9, 10);
	span(11, 12);
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 1, 7, 7);
	ck_pos(rep.findings[1].s, 2, 1, 1);
}
END_TEST

START_TEST(zero_width)
{
	const char *buf = "k:\nv: a,,b\n";

	span(2, 2);	/* just after "k:" */
	span(8, 8);	/* between the commas */
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 1, 3, 3);
	ck_pos(rep.findings[0].e, 1, 3, 3);
	ck_pos(rep.findings[1].s, 2, 6, 6);
	ck_pos(rep.findings[1].e, 2, 6, 6);
}
END_TEST

START_TEST(eof_without_newline)
{
	const char *buf = "a: 1\nhook: x\xf0\x9f\x9a\x80";
	size_t len = strlen(buf);

	span(11, len);
	span(len, len);
	span(len + 5, len + 9);	/* past the end: clamped */
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 2, 7, 7);
	ck_pos(rep.findings[0].e, 2, 9, 10);
	ck_pos(rep.findings[1].s, 2, 9, 10);
	ck_pos(rep.findings[2].e, 2, 9, 10);
	ck_assert_str_eq(rep.findings[0].line_text, "hook: x\xf0\x9f\x9a\x80");
}
END_TEST

START_TEST(empty_file)
{
	span(0, 0);
	resolve("", true);
	ck_pos(rep.findings[0].s, 1, 1, 1);
	ck_assert_str_eq(rep.findings[0].line_text, "");
	/* GitHub hashes an empty file's line 1 as the EOF marker */
	ck_assert_str_eq(rep.findings[0].fingerprint, "c129715d7a2bc9a3:1");
}
END_TEST

START_TEST(invalid_utf8_is_one_column)
{
	/* e2 82 is one maximal subpart (one U+FFFD), ff another */
	const char *buf = "a\xe2\x82\xff" "b";

	span(4, 5);
	resolve(buf, false);
	ck_pos(rep.findings[0].s, 1, 4, 4);
}
END_TEST

START_TEST(related_and_edits)
{
	const char *buf = "name: x\nhook: y\nweight: z\n";
	struct hl_finding *f = span(14, 15);
	struct hl_span before = { 6, 7 }, after = { 24, 25 };

	/* related locations and edits come in any order */
	hl_finding_related(f, NULL, true, after, "later");
	hl_finding_related(f, NULL, true, before, "earlier");
	hl_finding_related(f, "other.yaml", true, before, "elsewhere");
	hl_finding_related(f, NULL, false, before, "whole file");
	hl_finding_edit(f, after, "1");
	hl_finding_edit(f, f->span, "pre-install");
	resolve(buf, false);
	ck_pos(f->s, 2, 7, 7);
	ck_pos(f->related[0].s, 3, 9, 9);
	ck_pos(f->related[1].s, 1, 7, 7);
	ck_pos(f->related[1].e, 1, 8, 8);
	/* another file's location is resolved by whoever reads that file */
	ck_assert_uint_eq(f->related[2].s.line, 0);
	ck_assert_uint_eq(f->related[3].s.line, 0);
	ck_pos(f->edits[0].s, 3, 9, 9);
	ck_pos(f->edits[1].e, 2, 8, 8);
}
END_TEST

START_TEST(first_index)
{
	const char *buf = "x\ny\n";

	span(0, 1)->s.line = 99;	/* another file's finding: untouched */
	span(2, 3);
	hl_report_place(&rep, 1, rep.nfindings, buf, strlen(buf), false, NULL, 0);
	ck_assert_uint_eq(rep.findings[0].s.line, 99);
	ck_assert_ptr_null(rep.findings[0].line_text);
	ck_pos(rep.findings[1].s, 2, 1, 1);
}
END_TEST

START_TEST(long_line_is_cut)
{
	size_t n = 10000, i;
	char *buf = xmalloc(n + 1);

	memset(buf, 'a', n);
	/* a multi-byte character across the cut */
	buf[4094] = '\xe4';
	buf[4095] = '\xb8';
	buf[4096] = '\xad';
	buf[n] = '\0';
	span(9000, 9001);
	resolve(buf, false);
	ck_assert_uint_eq(strlen(rep.findings[0].line_text), 4094);
	for (i = 0; i < 4094; i++)
		ck_assert_int_eq(rep.findings[0].line_text[i], 'a');
	ck_pos(rep.findings[0].s, 1, 8999, 8999);
	free(buf);
}
END_TEST

START_TEST(range_and_single_offset)
{
	const char *buf = "a\n\xf0\x9f\x9a\x80" "b\nc\n";
	struct hl_pos p;

	span(0, 1);
	span(6, 7);	/* "b", after the astral character */
	span(8, 9);
	hl_report_place(&rep, 1, 2, buf, strlen(buf), false, NULL, 0);
	ck_assert_uint_eq(rep.findings[0].s.line, 0);
	ck_pos(rep.findings[1].s, 2, 2, 3);
	ck_assert_uint_eq(rep.findings[2].s.line, 0);
	ck_assert_uint_eq(rep.nfindings, 3);
	hl_offset_pos(buf, strlen(buf), 8, &p);
	ck_pos(p, 3, 1, 1);
	hl_offset_pos(buf, strlen(buf), 99, &p);
	ck_pos(p, 4, 1, 1);
}
END_TEST

/*
 * Expected hashes come from tests/sarif/linehash.js, which computes them
 * from the algorithm's definition in Node.js, reading the file as
 * github/codeql-action does.
 */
START_TEST(fingerprint_plain)
{
	const char *buf = "apiVersion: v1\nkind: ConfigMap\n";

	span(0, 3);
	span(15, 19);
	span(31, 31);	/* the empty line after the last newline */
	resolve(buf, true);
	ck_assert_str_eq(rep.findings[0].fingerprint, "71f99b6f4a673dd0:1");
	ck_assert_str_eq(rep.findings[1].fingerprint, "6fc67693a5104c3d:1");
	ck_assert_str_eq(rep.findings[2].fingerprint, "c129715d7a2bc9a3:1");
}
END_TEST

START_TEST(fingerprint_crlf_astral)
{
	const char *buf = "a: \xf0\x9f\x9a\x80\r\nx\r\n  x\r\nx";

	span(0, 1);
	span(11, 11);
	span(14, 15);
	span(17, 18);
	resolve(buf, true);
	ck_assert_str_eq(rep.findings[0].fingerprint, "171bc24038ea8b11:1");
	ck_assert_str_eq(rep.findings[1].fingerprint, "7545a5cd8f1edc23:1");
	ck_assert_str_eq(rep.findings[2].fingerprint, "d1918fd5e068b4e9:1");
	ck_assert_str_eq(rep.findings[3].fingerprint, "638816509450efbf:1");
}
END_TEST

START_TEST(fingerprint_tabs_invalid)
{
	const char *buf = "k: caf\xc3\xa9\n\tv: \xe4\xb8\xad\xff!\n";

	span(0, 1);
	span(10, 11);
	resolve(buf, true);
	ck_assert_str_eq(rep.findings[0].fingerprint, "56f695f9ac8d4922:1");
	ck_assert_str_eq(rep.findings[1].fingerprint, "8d637fa6b1e3f678:1");
}
END_TEST

START_TEST(fingerprint_counts_repeats)
{
	struct hl_buf b = HL_BUF_INIT;
	int i;

	/* 120 lines "x": the first 71 see the same 100 characters */
	for (i = 0; i < 120; i++)
		hl_buf_adds(&b, "x\n");
	span(139, 140);		/* line 70, found first */
	span(140, 141);
	span(142, 143);		/* line 72 */
	span(238, 239);		/* line 120 */
	span(2, 3);		/* line 2, out of order */
	span(3, 4);		/* line 2 again */
	resolve(b.s, true);
	ck_assert_str_eq(rep.findings[0].fingerprint, "c0fe7b2700d6c254:70");
	ck_assert_str_eq(rep.findings[1].fingerprint, "c0fe7b2700d6c254:71");
	ck_assert_str_eq(rep.findings[2].fingerprint, "c0fe7b2700fbb0cd:1");
	ck_assert_str_eq(rep.findings[3].fingerprint, "828973aa50c68d6d:1");
	ck_assert_str_eq(rep.findings[4].fingerprint, "c0fe7b2700d6c254:2");
	ck_assert_str_eq(rep.findings[5].fingerprint, "c0fe7b2700d6c254:2");
	hl_buf_release(&b);
}
END_TEST

START_TEST(line_hashes_direct)
{
	const char *buf = "apiVersion: v1\nkind: ConfigMap\n";
	unsigned long lines[] = { 2, 2, 3, 7 };
	char *out[4];
	int i;

	hl_line_hashes(buf, strlen(buf), lines, 4, out);
	ck_assert_str_eq(out[0], "6fc67693a5104c3d:1");
	ck_assert_str_eq(out[1], "6fc67693a5104c3d:1");
	ck_assert_str_eq(out[2], "c129715d7a2bc9a3:1");
	ck_assert_ptr_null(out[3]);	/* no such line */
	for (i = 0; i < 4; i++)
		free(out[i]);
	hl_line_hashes(buf, strlen(buf), lines, 0, out);
}
END_TEST

static Suite *position_suite(void)
{
	Suite *s = suite_create("position");
	TCase *tc = tcase_create("columns");
	TCase *fp = tcase_create("fingerprints");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ascii);
	tcase_add_test(tc, multibyte_and_astral);
	tcase_add_test(tc, crlf);
	tcase_add_test(tc, only_lf_breaks_lines);
	tcase_add_test(tc, zero_width);
	tcase_add_test(tc, eof_without_newline);
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, invalid_utf8_is_one_column);
	tcase_add_test(tc, related_and_edits);
	tcase_add_test(tc, first_index);
	tcase_add_test(tc, long_line_is_cut);
	tcase_add_test(tc, range_and_single_offset);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(fp, setup, teardown);
	tcase_add_test(fp, fingerprint_plain);
	tcase_add_test(fp, fingerprint_crlf_astral);
	tcase_add_test(fp, fingerprint_tabs_invalid);
	tcase_add_test(fp, fingerprint_counts_repeats);
	tcase_add_test(fp, line_hashes_direct);
	suite_add_tcase(s, fp);
	return s;
}

HL_TEST_MAIN(position_suite)
