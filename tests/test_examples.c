/* SPDX-License-Identifier: MIT */
/*
 * test_examples.c - every rule's failing example raises that rule and
 * nothing else; its passing example raises nothing at all.
 */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Expand "%%REPEAT:N:C%%" (rules whose example needs a huge value). */
static char *expand(const char *s)
{
	struct hl_buf b = HL_BUF_INIT;
	const char *p;

	while ((p = strstr(s, "%%REPEAT:"))) {
		unsigned long n;
		char c, *end;

		hl_buf_add(&b, s, (size_t)(p - s));
		n = strtoul(p + 9, &end, 10);
		ck_assert(*end == ':');
		c = end[1];
		ck_assert(!strncmp(end + 2, "%%", 2));
		while (n--)
			hl_buf_addc(&b, c);
		s = end + 4;
	}
	hl_buf_adds(&b, s);
	return hl_buf_detach(&b);
}

static void write_file(const char *dir, const char *path, const char *text)
{
	char *full = xasprintf("%s/%s", dir, path), *slash = full + strlen(dir);
	char *content = expand(text);
	FILE *f;

	/* mkdir -p for the file's parent directories */
	while ((slash = strchr(slash + 1, '/'))) {
		*slash = '\0';
		ck_assert(mkdir(full, 0755) == 0 || errno == EEXIST);
		*slash = '/';
	}
	f = fopen(full, "w");
	ck_assert_msg(f, "cannot write %s", full);
	fputs(content, f);
	fclose(f);
	free(content);
	free(full);
}

static void remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Lint one example in a fresh directory; returns the report. */
static void run_example(const struct hl_rule_meta *m, bool bad,
			struct hl_report *r)
{
	char dir[] = "/tmp/hooklint-example-XXXXXX";
	const char *yaml = bad ? m->bad : m->good;
	const char *files = bad ? m->bad_files : m->good_files;
	const char *args = bad ? m->bad_args : m->good_args;
	char *argv[64], *argcopy = args ? xstrdup(args) : NULL, *tok, *save;
	char cwd[4096];
	int argc = 0;
	struct hl_opts o;

	ck_assert(mkdtemp(dir));
	if (yaml)
		write_file(dir, "example.yaml", yaml);
	for (; files && *files; files += strlen(files) + 1) {
		const char *path = files;
		files += strlen(files) + 1;
		write_file(dir, path, files);
	}
	argv[argc++] = "hooklint";
	if (m->off_by_default && bad) {
		argv[argc++] = "--enable";
		argv[argc++] = (char *)m->id;
	}
	for (tok = argcopy ? strtok_r(argcopy, "\n", &save) : NULL; tok;
	     tok = strtok_r(NULL, "\n", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	hl_opts_init(&o);
	ck_assert_int_eq(hl_cli_parse(argc, argv, &o), 0);
	ck_assert(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	memset(r, 0, sizeof(*r));
	hl_lint(&o, r);
	ck_assert_int_eq(chdir(cwd), 0);
	remove_tree(dir);
	free(argcopy);
}

static void describe(const struct hl_report *r, struct hl_buf *b)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		hl_buf_addf(b, " [%s %lu:%lu %s]",
			    hl_rule_id(r->findings[i].rule),
			    r->findings[i].s.line, r->findings[i].s.col,
			    r->findings[i].message);
	for (i = 0; i < r->nerrors; i++)
		hl_buf_addf(b, " [error: %s]", r->errors[i].message);
}

START_TEST(failing_example)
{
	const struct hl_rule_meta *m = &hl_rule_meta[_i];
	struct hl_buf b = HL_BUF_INIT;
	struct hl_report r;
	size_t i, hits = 0;

	ck_assert_msg(m->id, "rule %d has no metadata", _i);
	run_example(m, true, &r);
	describe(&r, &b);
	for (i = 0; i < r.nfindings; i++)
		if (r.findings[i].rule == (enum hl_rule_id)_i)
			hits++;
	ck_assert_msg(hits > 0 && hits == r.nfindings && !r.nerrors,
		      "%s failing example: expected only %s, got%s", m->id,
		      m->id, b.s ? b.s : " nothing");
	hl_buf_release(&b);
	hl_report_release(&r);
}
END_TEST

START_TEST(passing_example)
{
	const struct hl_rule_meta *m = &hl_rule_meta[_i];
	struct hl_buf b = HL_BUF_INIT;
	struct hl_report r;

	run_example(m, false, &r);
	describe(&r, &b);
	ck_assert_msg(r.nfindings == 0 && !r.nerrors,
		      "%s passing example: expected nothing, got%s", m->id,
		      b.s ? b.s : "");
	hl_buf_release(&b);
	hl_report_release(&r);
}
END_TEST

/* Every rule of the table has its metadata, under its own ID and name. */
START_TEST(metadata_matches_table)
{
	size_t i;

	for (i = 0; i < HL_RULE_MAX; i++) {
		ck_assert_msg(hl_rule_meta[i].id, "%s has no rules/%s.yaml",
			      hl_rule_id(i), hl_rule_id(i));
		ck_assert_str_eq(hl_rule_meta[i].id, hl_rule_id(i));
		ck_assert_str_eq(hl_rule_meta[i].name, hl_rule_name(i));
		ck_assert_str_ne(hl_rule_meta[i].pascal, hl_rule_meta[i].id);
	}
}
END_TEST

static Suite *examples_suite(void)
{
	Suite *s = suite_create("examples");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, metadata_matches_table);
	tcase_add_loop_test(tc, failing_example, 0, HL_RULE_MAX);
	tcase_add_loop_test(tc, passing_example, 0, HL_RULE_MAX);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(examples_suite)
