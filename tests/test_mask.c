/* SPDX-License-Identifier: MIT */
/* test_mask.c - masking template actions without moving a byte */
#include "check_main.h"
#include "mask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[4096];
static struct hl_mask m;

static const char *mask(const char *in)
{
	size_t n = strlen(in);

	ck_assert_uint_lt(n, sizeof(out));
	hl_mask_release(&m);
	hl_mask(in, n, out, &m);
	out[n] = '\0';
	return out;
}

/* The expected mask of simple input: each {{...}} filled with the fill
 * character given for its line ('_' or ' ') in @fills, one per line. */
static char want[4096];
static const char *expect(const char *in, const char *fills)
{
	size_t i, line = 0;
	bool in_action = false;

	for (i = 0; in[i]; i++) {
		if (!in_action && in[i] == '{' && in[i + 1] == '{')
			in_action = true;
		if (in[i] == '\n') {
			want[i] = '\n';
			line++;
			continue;
		}
		want[i] = in_action ? fills[line] : in[i];
		/* an action alone on its line starts a YAML comment */
		if (in_action && fills[line] == ' ' && in[i] == '{' &&
		    in[i + 1] == '{')
			want[i] = '#';
		if (in_action && i > 0 && in[i] == '}' && in[i - 1] == '}')
			in_action = false;
	}
	want[i] = '\0';
	return want;
}

static size_t off(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);

	ck_assert_msg(p, "'%s' not found", needle);
	return (size_t)(p - text);
}

START_TEST(shared_line_becomes_underscores)
{
	const char *in = "name: {{ .Release.Name }}-job\n";

	ck_assert_str_eq(mask(in), expect(in, "_"));
	ck_assert_int_eq(m.nactions, 1);
	ck_assert_int_eq(m.actions[0].kind, HL_ACT_VALUE);
	ck_assert(!m.actions[0].alone);
}
END_TEST

START_TEST(alone_line_becomes_spaces)
{
	const char *in = "a: 1\n  {{- if .Values.x }}\nb: 2\n  {{- end }}\n";

	ck_assert_str_eq(mask(in), expect(in, "    "));
	ck_assert(m.actions[0].alone);
	ck_assert_int_eq(m.actions[0].kind, HL_ACT_IF);
	ck_assert_int_eq(m.actions[1].kind, HL_ACT_END);
}
END_TEST

/* Several actions on one line with nothing else are still alone. */
START_TEST(several_actions_alone)
{
	const char *in = "{{ if .a }}{{ end }}\nx: {{ .b }}{{ .c }}\n";

	ck_assert_str_eq(mask(in), expect(in, " _"));
}
END_TEST

START_TEST(strings_and_comments_holding_braces)
{
	const char *in = "a: {{ \"}}\" | quote }}\n"
			 "{{/* a }} comment\n spanning */}}\n"
			 "b: {{- /* trimmed */ -}}\n"
			 "c: {{ `raw }}` }}\n";

	mask(in);
	ck_assert_int_eq(m.nactions, 4);
	ck_assert_uint_eq(m.actions[0].span.end, off(in, "\n"));
	ck_assert_int_eq(m.actions[1].kind, HL_ACT_COMMENT);
	ck_assert_uint_eq(m.actions[1].span.end, off(in, "*/}}") + 4);
	ck_assert_int_eq(m.actions[2].kind, HL_ACT_COMMENT);
	ck_assert_uint_eq(m.actions[3].span.end, strlen(in) - 1);
	ck_assert(!m.unbalanced);
	/* newlines are kept, so every offset still is the original one */
	ck_assert_uint_eq(strlen(out), strlen(in));
	ck_assert_int_eq(out[off(in, "\n spanning")], '\n');
}
END_TEST

/* An action spanning lines: each line's part is masked on its own. */
START_TEST(multi_line_action)
{
	const char *in = "name: {{ include \"x\"\n    (dict \"a\" 1) }}\n";

	ck_assert_str_eq(mask(in), expect(in, "_ "));
}
END_TEST

START_TEST(define_bodies_are_blank)
{
	const char *in = "{{- define \"x\" }}\nkey: value\n{{- end }}\nreal: 1\n";

	/* the body is blank too, not only the actions */
	ck_assert_str_eq(mask(in), "#                \n#         \n#         \nreal: 1\n");
	ck_assert_int_eq(m.narms, 0);
}
END_TEST

START_TEST(emit_columns)
{
	mask("  annotations:\n    {{- include \"a\" . | nindent 4 }}\n"
	     "    {{- toYaml .Values.x | indent 6 }}\n      {{ template \"t\" . }}\n"
	     "  {{ $x := include \"a\" . }}\n");
	ck_assert_int_eq(m.actions[0].kind, HL_ACT_EMIT);
	ck_assert_int_eq(m.actions[0].column, 4);
	ck_assert_int_eq(m.actions[1].column, 6);
	ck_assert_int_eq(m.actions[2].kind, HL_ACT_EMIT);
	ck_assert_int_eq(m.actions[2].column, 6);
	/* an assignment prints nothing */
	ck_assert_int_eq(m.actions[3].kind, HL_ACT_ASSIGN);
}
END_TEST

START_TEST(arms_and_exclusion)
{
	const char *in = "{{ if .a }}\nx: 1\n{{ else if .b }}\nx: 2\n"
			 "{{ if .c }}\ny: 1\n{{ end }}\n{{ else }}\nx: 3\n{{ end }}\n"
			 "z: 1\n{{ range .l }}\nw: 1\n{{ end }}\n";
	int a1, a2, a3, nested, z, r;

	mask(in);
	a1 = hl_mask_arm_at(&m, off(in, "x: 1"));
	a2 = hl_mask_arm_at(&m, off(in, "x: 2"));
	a3 = hl_mask_arm_at(&m, off(in, "x: 3"));
	nested = hl_mask_arm_at(&m, off(in, "y: 1"));
	z = hl_mask_arm_at(&m, off(in, "z: 1"));
	r = hl_mask_arm_at(&m, off(in, "w: 1"));
	ck_assert_int_ge(a1, 0);
	ck_assert_int_eq(z, -1);
	ck_assert(hl_mask_exclusive(&m, a1, a2));
	ck_assert(hl_mask_exclusive(&m, a2, a3));
	ck_assert(!hl_mask_exclusive(&m, a1, a1));
	/* the nested if lies in the else-if arm: exclusive with x: 1 only */
	ck_assert(hl_mask_exclusive(&m, nested, a1));
	ck_assert(!hl_mask_exclusive(&m, nested, a2));
	ck_assert(!hl_mask_exclusive(&m, a1, z));
	ck_assert(hl_mask_in_range(&m, r));
	ck_assert(!hl_mask_in_range(&m, a1));
}
END_TEST

START_TEST(overlaps)
{
	const char *in = "a: pre-install,{{ .Values.extra }}\n";

	mask(in);
	ck_assert(!hl_mask_overlaps(&m, off(in, "pre-install"),
				    off(in, "pre-install") + 11));
	ck_assert(hl_mask_overlaps(&m, off(in, "{{"), off(in, "{{") + 2));
	ck_assert(hl_mask_overlaps(&m, 0, strlen(in)));
}
END_TEST

START_TEST(unbalanced_input)
{
	const char *in = "a: {{ .x\nb: 1\n";

	mask(in);
	ck_assert(m.unbalanced);
	ck_assert_uint_eq(strlen(out), strlen(in));
	mask("{{ if .x }}\na: 1\n");
	ck_assert(m.unbalanced);
	mask("{{ end }}{{ else }}\n");	/* stray ends do not crash */
	ck_assert_int_eq(m.narms, 0);
}
END_TEST

START_TEST(no_actions)
{
	ck_assert_str_eq(mask("a: {b: c}\n{ x }\n"), "a: {b: c}\n{ x }\n");
	ck_assert_int_eq(m.nactions, 0);
	ck_assert(!hl_mask_overlaps(&m, 0, 5));
	ck_assert_int_eq(hl_mask_arm_at(&m, 3), -1);
}
END_TEST

/* "labels: {{- include … | nindent 4 }}" with literal keys below it: the
 * action becomes a comment, so the keys below are the key's value. */
START_TEST(tail_nindent_becomes_comment)
{
	const char *in = "  labels: {{- include \"l\" . | nindent 4 }}\n"
			 "    app: x\n";
	size_t a = off(in, "{{");

	mask(in);
	ck_assert_int_eq(m.nactions, 1);
	ck_assert(m.actions[0].tail);
	ck_assert(!m.actions[0].alone);
	ck_assert_int_eq(out[a], '#');
	ck_assert_int_eq(out[a + 1], ' ');
	ck_assert_int_eq(out[off(in, "}}") + 1], ' ');
	ck_assert_int_eq(out[off(in, "\n")], '\n');
	ck_assert_str_eq(out + off(in, "    app"), "    app: x\n");
	/* no blank before the action: the blank is made, then the '#' */
	mask("a:{{ toYaml .x | nindent 2 }}\n");
	ck_assert(m.actions[0].tail);
	ck_assert_str_eq(out, "a: #" "                         \n");
	/* other actions after it on the line are in the comment too */
	mask("a: {{ toYaml .x | nindent 2 }}{{ end }}\n");
	ck_assert(m.actions[0].tail);
	ck_assert_int_eq(out[3], '#');
}
END_TEST

START_TEST(tail_needs_key_nindent_and_line_end)
{
	/* indent does not start a new line: an ordinary value */
	ck_assert_str_eq(mask("a: {{ toYaml .x | indent 2 }}\n"),
			 "a: __________________________\n");
	ck_assert(!m.actions[0].tail);
	/* text after it */
	mask("a: {{ .x | nindent 2 }} b\n");
	ck_assert(!m.actions[0].tail);
	ck_assert_int_eq(out[3], '_');
	/* not after a key */
	mask("- {{ .x | nindent 2 }}\n");
	ck_assert(!m.actions[0].tail);
	mask("a: b {{ .x | nindent 2 }}\n");
	ck_assert(!m.actions[0].tail);
	/* alone on its line: the column rule applies instead */
	mask("a:\n  {{- include \"x\" . | nindent 2 }}\n");
	ck_assert(!m.actions[0].tail);
	ck_assert(m.actions[0].alone);
	/* inside a define body nothing is emitted here */
	mask("{{ define \"d\" }}\na: {{ .x | nindent 2 }}\n{{ end }}\n");
	ck_assert(!m.actions[1].tail);
}
END_TEST

/* An action line at column 0 inside a block scalar: while the block goes
 * on below, it becomes a content line ('#' at the content column), not a
 * comment that would end the scalar. */
START_TEST(block_scalar_action_lines)
{
	const char *in = "data:\n"
			 "  run.sh: |\n"
			 "    set -e\n"
			 "{{- if .Values.debug }}\n"
			 "    set -x\n"
			 "{{- end }}\n"
			 "next: 1\n";
	size_t i = off(in, "{{- if"), e = off(in, "{{- end");

	mask(in);
	ck_assert_int_eq(out[i], ' ');
	ck_assert_int_eq(out[i + 4], '#');
	ck_assert_int_eq(out[i + 5], ' ');
	/* the last one: the block ends below it, a comment as before */
	ck_assert_int_eq(out[e], '#');
	ck_assert_uint_eq(strlen(out), strlen(in));
}
END_TEST

START_TEST(block_scalar_leading_action_lines)
{
	/* before the first content line, the content column is looked up */
	const char *in = "cfg: |-\n"
			 "{{- if .Values.custom }}\n"
			 "{{ .Values.custom | indent 2 }}\n"
			 "{{- else }}\n"
			 "  dir /data\n"
			 "{{x}}\n"
			 "  end\n"
			 "{{- end }}\n";

	mask(in);
	ck_assert_int_eq(out[off(in, "{{- if")], ' ');
	ck_assert_int_eq(out[off(in, "{{- if") + 2], '#');
	ck_assert_int_eq(out[off(in, "{{ .Values") + 2], '#');
	ck_assert_int_eq(out[off(in, "{{- else") + 2], '#');
	/* shorter than the content column would need: blanks, never an
	 * over-indented empty line */
	ck_assert_int_eq(out[off(in, "{{x}}")], ' ');
	ck_assert_int_eq(out[off(in, "{{x}}") + 2], '#');
	/* the end closes the document: a comment */
	ck_assert_int_eq(out[off(in, "{{- end")], '#');
	/* an empty block: the action line is a comment at its column */
	mask("a: |\n{{ .Files.Get \"f\" | indent 4 }}\nb: 1\n");
	ck_assert_int_eq(out[5], '#');
	/* "- |" and indentation indicators */
	mask("- |2\n{{ if .x }}\n    y\n{{ end }}\n  z\n");
	ck_assert_int_eq(out[5], ' ');
	ck_assert_int_eq(out[7], '#');
	/* a literal comment line is content, never moved */
	ck_assert_str_eq(mask("a: |\n  # c\n{{ .y }}\n  d\n"),
			 "a: |\n  # c\n  #     \n  d\n");
}
END_TEST

START_TEST(block_header_detection)
{
	/* '|' inside a quoted scalar or a plain one opens nothing */
	ck_assert_str_eq(mask("a: \"x |\"\n{{ .y }}\n  b: 1\n"),
			 "a: \"x |\"\n#       \n  b: 1\n");
	ck_assert_str_eq(mask("a: x | y\n{{ .y }}\n  b\n"),
			 "a: x | y\n#       \n  b\n");
	/* a comment after the indicator is allowed */
	ck_assert_str_eq(mask("a: | # c\n{{ .y }}\n  b\n"),
			 "a: | # c\n  #     \n  b\n");
}
END_TEST

START_TEST(action_from)
{
	const char *in = "a: {{ .x }} {{ .y }}\n";

	mask(in);
	ck_assert_ptr_eq(hl_mask_action_from(&m, 0), &m.actions[0]);
	ck_assert_ptr_eq(hl_mask_action_from(&m, off(in, "{{")), &m.actions[0]);
	ck_assert_ptr_eq(hl_mask_action_from(&m, off(in, "{{") + 1),
			 &m.actions[1]);
	ck_assert_ptr_null(hl_mask_action_from(&m, strlen(in) - 2));
}
END_TEST

/* The innermost arm is found by its start, then up through its parents
 * when the last arm to start has already ended. */
START_TEST(arm_at_after_nested_block)
{
	const char *in = "{{ if .a }}\n{{ if .b }}\nx: 1\n{{ end }}\n"
			 "{{ with .c }}\nw: 1\n{{ end }}\ny: 1\n{{ end }}\nz: 1\n";
	int outer, inner, with, y;

	mask(in);
	outer = hl_mask_arm_at(&m, off(in, "{{ if .b"));
	inner = hl_mask_arm_at(&m, off(in, "x: 1"));
	with = hl_mask_arm_at(&m, off(in, "w: 1"));
	y = hl_mask_arm_at(&m, off(in, "y: 1"));
	ck_assert_int_ge(outer, 0);
	ck_assert_int_ne(inner, outer);
	ck_assert_int_ne(with, outer);
	ck_assert_int_eq(m.arms[inner].parent, outer);
	ck_assert_int_eq(m.arms[with].parent, outer);
	ck_assert_int_eq(y, outer);
	ck_assert_int_eq(hl_mask_arm_at(&m, off(in, "z: 1")), -1);
	ck_assert_int_eq(hl_mask_arm_at(&m, 0), -1);
}
END_TEST

/* Many actions on one long line: every one is masked (and fast). */
START_TEST(long_line_of_actions)
{
	static char in[4000];
	size_t i, n = 0;

	n += (size_t)sprintf(in, "a: '");
	for (i = 0; i < 150; i++)
		n += (size_t)sprintf(in + n, "x{{ .v }}");
	n += (size_t)sprintf(in + n, "'\n{{ end }}\n");
	mask(in);
	ck_assert_int_eq(m.nactions, 151);
	ck_assert_int_eq(out[off(in, "{{")], '_');
	ck_assert(!m.actions[149].alone);
	ck_assert(m.actions[150].alone);
	ck_assert_int_eq(out[off(in, "\n{{ end") + 1], '#');
}
END_TEST

/* A comment action at the end of a line prints nothing: it becomes a YAML
 * comment, and the value before it stays a literal one. */
START_TEST(trailing_comment)
{
	const char *in = "kind: Pod {{/* hooklint disable=HL302 */}}\n"
			 "a: test{{/* x */}}\n";

	mask(in);
	ck_assert(!strncmp(out, "kind: Pod #", 11));
	ck_assert(!strncmp(out + off(in, "a: test"), "a: test #", 9));
	ck_assert_uint_eq(strlen(out), strlen(in));
}
END_TEST

static Suite *mask_suite(void)
{
	Suite *s = suite_create("mask");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, shared_line_becomes_underscores);
	tcase_add_test(tc, alone_line_becomes_spaces);
	tcase_add_test(tc, several_actions_alone);
	tcase_add_test(tc, strings_and_comments_holding_braces);
	tcase_add_test(tc, multi_line_action);
	tcase_add_test(tc, define_bodies_are_blank);
	tcase_add_test(tc, emit_columns);
	tcase_add_test(tc, arms_and_exclusion);
	tcase_add_test(tc, overlaps);
	tcase_add_test(tc, unbalanced_input);
	tcase_add_test(tc, no_actions);
	tcase_add_test(tc, trailing_comment);
	tcase_add_test(tc, tail_nindent_becomes_comment);
	tcase_add_test(tc, tail_needs_key_nindent_and_line_end);
	tcase_add_test(tc, block_scalar_action_lines);
	tcase_add_test(tc, block_scalar_leading_action_lines);
	tcase_add_test(tc, block_header_detection);
	tcase_add_test(tc, action_from);
	tcase_add_test(tc, arm_at_after_nested_block);
	tcase_add_test(tc, long_line_of_actions);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(mask_suite)
