/* SPDX-License-Identifier: MIT */
/* lint_text.c - lint YAML text through the whole pipeline, for tests */
#include "lint_text.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	bool ready;		/* opts holds the defaults or the test's */
	struct hl_opts opts;
	struct hl_report report;
	char *text;
	char *described;	/* the findings, for a failure message */
} L;

struct hl_opts *lint_opts(void)
{
	if (!L.ready) {
		hl_opts_init(&L.opts);
		L.ready = true;
	}
	return &L.opts;
}

static void release_last(void)
{
	hl_report_release(&L.report);
	free(L.text);
	L.text = NULL;
	free(L.described);
	L.described = NULL;
}

void lint_reset(void)
{
	release_last();
	L.ready = false;
}

const struct hl_report *lint_text(const char *yaml)
{
	const struct hl_opts *o = lint_opts();

	release_last();
	L.text = xstrdup(yaml);
	hl_lint_memory(o, &L.report, "rendered.yaml", L.text,
		       strlen(L.text));
	return &L.report;
}

static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_msg(f, "cannot write %s", path);
	ck_assert(fputs(text, f) >= 0);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

const struct hl_report *lint_template(const char *yaml)
{
	struct hl_opts o = *lint_opts();
	char dir[] = "/tmp/hooklint-chart-XXXXXX";
	char *templates, *chart, *hook;

	release_last();
	L.text = xstrdup(yaml);
	ck_assert(mkdtemp(dir));
	chart = write_file(dir, "Chart.yaml", "apiVersion: v2\nname: shop\n"
			   "version: 0.1.0\n");
	templates = xasprintf("%s/templates", dir);
	ck_assert_int_eq(mkdir(templates, 0755), 0);
	hook = write_file(templates, "hook.yaml", yaml);
	o.paths = (char *[]){ dir };
	o.npaths = 1;
	hl_lint(&o, &L.report);
	ck_assert_int_eq(unlink(hook), 0);
	ck_assert_int_eq(rmdir(templates), 0);
	ck_assert_int_eq(unlink(chart), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	free(hook);
	free(templates);
	free(chart);
	return &L.report;
}

/* The text of the last lint. */
static const char *lint_input(void)
{
	ck_assert_msg(L.text, "nothing linted yet");
	return L.text;
}

size_t lint_count(enum hl_rule_id rule)
{
	size_t i, n = 0;

	for (i = 0; i < L.report.nfindings; i++)
		n += L.report.findings[i].rule == rule;
	return n;
}

const struct hl_finding *lint_nth(enum hl_rule_id rule, size_t nth)
{
	size_t i;

	for (i = 0; i < L.report.nfindings; i++)
		if (L.report.findings[i].rule == rule && !nth--)
			return &L.report.findings[i];
	return NULL;
}

struct hl_span lint_span(const char *snippet, int nth)
{
	const char *text = lint_input(), *p = text - 1;

	do {
		p = strstr(p + 1, snippet);
		ck_assert_msg(p, "'%s' not in the text", snippet);
	} while (nth--);
	return (struct hl_span){ (size_t)(p - text),
				 (size_t)(p - text) + strlen(snippet) };
}

struct hl_span lint_after(const char *snippet)
{
	struct hl_span s = lint_span(snippet, 0);

	s.start = s.end;
	return s;
}

/* A line "HL101 [40, 50) 5:19 message" for each finding, and the errors;
 * kept until the next lint (a failed check does not come back to free). */
static const char *describe(void)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t i;

	for (i = 0; i < L.report.nfindings; i++) {
		const struct hl_finding *f = &L.report.findings[i];

		hl_buf_addf(&b, "\n  %s [%zu, %zu) %lu:%lu %s",
			    hl_rule_id(f->rule), f->span.start, f->span.end,
			    f->s.line, f->s.col, f->message);
	}
	for (i = 0; i < L.report.nerrors; i++)
		hl_buf_addf(&b, "\n  error: %s", L.report.errors[i].message);
	if (!b.s)
		hl_buf_adds(&b, " nothing");
	free(L.described);
	L.described = hl_buf_detach(&b);
	return L.described;
}

const struct hl_finding *lint_expect(enum hl_rule_id rule,
				     struct hl_span span)
{
	size_t i;

	for (i = 0; i < L.report.nfindings; i++) {
		const struct hl_finding *f = &L.report.findings[i];

		if (f->rule == rule && f->span.start == span.start &&
		    f->span.end == span.end)
			return f;
	}
	ck_abort_msg("no %s at [%zu, %zu); got:%s", hl_rule_id(rule),
		     span.start, span.end, describe());
	return NULL;
}

const struct hl_finding *lint_expect_at(enum hl_rule_id rule,
					const char *snippet, int nth)
{
	return lint_expect(rule, lint_span(snippet, nth));
}

void lint_expect_total(size_t n)
{
	ck_assert_msg(L.report.nfindings == n && !L.report.nerrors,
		      "expected %zu findings; got:%s", n, describe());
}

void lint_expect_message(const struct hl_finding *f, const char *part)
{
	ck_assert_msg(strstr(f->message, part), "'%s' not in '%s'", part,
		      f->message);
}

void lint_expect_help(const struct hl_finding *f, const char *part)
{
	ck_assert_msg(f->help && strstr(f->help, part), "'%s' not in '%s'",
		      part, f->help ? f->help : "(no help)");
}

void lint_expect_edit(const struct hl_finding *f, struct hl_span span,
		      const char *text)
{
	ck_assert_uint_eq(f->nedits, 1);
	ck_assert_uint_eq(f->edits[0].span.start, span.start);
	ck_assert_uint_eq(f->edits[0].span.end, span.end);
	ck_assert_str_eq(f->edits[0].text, text);
}
