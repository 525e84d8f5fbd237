/* SPDX-License-Identifier: MIT */
/*
 * test_config.c - .hooklint.yaml: parsing and its errors, ignore globs,
 * discovery up to the repository root, and flags over the file.
 */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "config.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parse(struct hl_config *c, const char *text)
{
	return hl_config_parse(c, ".hooklint.yaml", text, strlen(text));
}

/* The error of parsing @text, or "" when it parses. */
static char *error_of(const char *text)
{
	struct hl_config c;
	char *e;

	if (!parse(&c, text)) {
		hl_config_release(&c);
		return xstrdup("");
	}
	ck_assert(c.error);
	e = xstrdup(c.error);
	hl_config_release(&c);
	return e;
}

#define ERROR_IS(text, want)                                            \
	do {                                                            \
		char *e_ = error_of(text);                              \
		ck_assert_str_eq(e_, want);                             \
		free(e_);                                               \
	} while (0)

START_TEST(parses_everything)
{
	struct hl_config c;

	ck_assert_int_eq(parse(&c,
		"# hooklint configuration\n"
		"target: argocd\n"
		"fail-on: error\n"
		"rules:\n"
		"  HL302: off\n"
		"  hl412: warning\n"
		"  unknown-hook-event: info\n"
		"  HL903: on\n"
		"  HL101: \"on\"\n"
		"ignore:\n"
		"  - ./vendor/\n"
		"  - '**/*.generated.yaml'\n"), 0);
	ck_assert(c.has_target && c.target == HL_TARGET_ARGOCD);
	ck_assert(c.has_fail_on && c.fail_on == HL_SEV_ERROR);
	ck_assert(c.rule_set[HL_RULE_HL302]);
	ck_assert_int_eq(c.severity[HL_RULE_HL302], HL_SEV_OFF);
	ck_assert_int_eq(c.severity[HL_RULE_HL412], HL_SEV_WARNING);
	/* "on": the default, info for a rule off by default; later wins */
	ck_assert_int_eq(c.severity[HL_RULE_HL903], HL_SEV_INFO);
	ck_assert_int_eq(c.severity[HL_RULE_HL101], HL_SEV_ERROR);
	ck_assert(!c.rule_set[HL_RULE_HL110]);
	ck_assert_uint_eq(c.nignore, 2);
	ck_assert_str_eq(c.ignore[0].pattern, "vendor");
	ck_assert(c.ignore[0].dir_only);
	ck_assert_str_eq(c.ignore[1].pattern, "**/*.generated.yaml");
	ck_assert(!c.ignore[1].dir_only);
	hl_config_release(&c);
}
END_TEST

START_TEST(all_then_some)
{
	struct hl_config c;
	size_t i;

	ck_assert_int_eq(parse(&c, "rules: {all: off, HL101: error}\n"
			       "fail-on: never\n"), 0);
	for (i = 0; i < HL_RULE_MAX; i++)
		ck_assert(c.rule_set[i]);
	ck_assert_int_eq(c.severity[HL_RULE_HL110], HL_SEV_OFF);
	ck_assert_int_eq(c.severity[HL_RULE_HL101], HL_SEV_ERROR);
	ck_assert_int_eq(c.fail_on, HL_SEV_OFF);
	hl_config_release(&c);
}
END_TEST

START_TEST(empty_files)
{
	ERROR_IS("", "");
	ERROR_IS("# nothing configured yet\n", "");
	ERROR_IS("---\n", "");
	ERROR_IS("rules:\nignore:\n", "");
}
END_TEST

START_TEST(errors_have_positions)
{
	ERROR_IS("target: argocd\nrule:\n  HL302: off\n",
		 ".hooklint.yaml:2:1: error: unknown key 'rule': rules, "
		 "target, fail-on or ignore");
	ERROR_IS("rules:\n  HL302: off\n  HL999: warning\n",
		 ".hooklint.yaml:3:3: error: unknown rule 'HL999' (see "
		 "hooklint --list-rules)");
	ERROR_IS("rules:\n  HL302: warn\n",
		 ".hooklint.yaml:2:10: error: HL302: unknown setting 'warn': "
		 "off, on, info, warning or error");
	ERROR_IS("rules:\n  HL302: false\n",
		 ".hooklint.yaml:2:10: error: HL302: unknown setting 'false': "
		 "off, on, info, warning or error");
	ERROR_IS("rules:\n  HL302:\n",
		 ".hooklint.yaml:2:3: error: HL302: a value is needed");
	ERROR_IS("target: helm5\n",
		 ".hooklint.yaml:1:9: error: target: unknown target 'helm5': "
		 "helm, helm3, helm4, argocd or flux");
	ERROR_IS("fail-on: warnings\n",
		 ".hooklint.yaml:1:10: error: fail-on: unknown level "
		 "'warnings': error, warning, info or never");
	ERROR_IS("target: [argocd]\n",
		 ".hooklint.yaml:1:1: error: target: expected a single value, "
		 "not a sequence");
	ERROR_IS("rules: [HL302]\n",
		 ".hooklint.yaml:1:1: error: rules: expected a mapping of rule "
		 "IDs to off, on, info, warning or error");
	ERROR_IS("ignore: {a: b}\n",
		 ".hooklint.yaml:1:1: error: ignore: expected a list of globs");
	ERROR_IS("ignore:\n  - /abs\n",
		 ".hooklint.yaml:2:5: error: ignore: patterns are relative to "
		 "the configuration file's directory; remove the leading '/'");
	ERROR_IS("- rules\n",
		 ".hooklint.yaml:1:1: error: expected a mapping with rules, "
		 "target, fail-on or ignore");
	ERROR_IS("x: &a off\nrules: {HL302: *a}\n",
		 ".hooklint.yaml:1:1: error: unknown key 'x': rules, target, "
		 "fail-on or ignore");
	ERROR_IS("rules: {HL302: &a off, HL303: *a}\n",
		 ".hooklint.yaml:1:32: error: HL303: aliases are not supported "
		 "here");
}
END_TEST

START_TEST(yaml_errors_have_positions)
{
	char *e;

	ERROR_IS("rules:\n  HL302: off\n    HL303: off\n",
		 ".hooklint.yaml:2:10: error: invalid multiline plain key");
	e = error_of("target: argocd\ntarget: helm\n");
	ck_assert_msg(!strncmp(e, ".hooklint.yaml:2:1: error: ", 27), "%s", e);
	ck_assert_msg(strstr(e, "duplicate key"), "%s", e);
	free(e);
	e = error_of("target: \"argocd\n");
	ck_assert_msg(!strncmp(e, ".hooklint.yaml:1:", 17), "%s", e);
	free(e);
	ERROR_IS("target: argocd\n\x01\xff\n",
		 ".hooklint.yaml:2:2: error: invalid UTF-8");
	{
		struct hl_config c;
		static const char nul[] = "target: argo\0cd\n";

		ck_assert_int_eq(hl_config_parse(&c, "c.yaml", nul,
						 sizeof(nul) - 1), -1);
		ck_assert_str_eq(c.error, "c.yaml:1:13: error: NUL byte");
		hl_config_release(&c);
	}
}
END_TEST

static bool glob(const char *pattern, bool dir_only, const char *path,
		 bool is_dir)
{
	struct hl_config_glob g = { (char *)pattern, dir_only };

	return hl_glob_match(&g, path, is_dir);
}

START_TEST(globs)
{
	ck_assert(glob("vendor", false, "vendor/a.yaml", false));
	ck_assert(glob("vendor", false, "vendor", true));
	ck_assert(glob("vendor", false, "vendor/x/y/z.yaml", false));
	ck_assert(!glob("vendor", false, "app/vendor/a.yaml", false));
	ck_assert(glob("vendor", true, "vendor/a.yaml", false));
	ck_assert(!glob("vendor", true, "vendor", false));
	ck_assert(glob("vendor", true, "vendor", true));
	ck_assert(glob("*.yaml", false, "a.yaml", false));
	ck_assert(!glob("*.yaml", false, "deploy/a.yaml", false));
	ck_assert(glob("**/*.yaml", false, "deploy/a.yaml", false));
	ck_assert(glob("**/*.yaml", false, "a.yaml", false));
	ck_assert(glob("**/tests/**", false, "charts/app/templates/tests/t.yaml",
		       false));
	ck_assert(glob("charts/*/templates/legacy-*.yaml", false,
		       "charts/app/templates/legacy-job.yaml", false));
	ck_assert(!glob("charts/*/templates/legacy-*.yaml", false,
			"charts/app/templates/job.yaml", false));
	ck_assert(glob("[ab].yaml", false, "b.yaml", false));
	ck_assert(!glob("[ab].yaml", false, "c.yaml", false));
	ck_assert(glob("**", false, "anything/at/all", false));
	ck_assert(glob("a/**/b", false, "a/b", true));
	ck_assert(glob("a/**/b", false, "a/x/y/b/c.yaml", false));
	ck_assert(!glob("a/**/b", false, "a/x/y/c/b.yaml", false));
	/* many "**" stay cheap */
	ck_assert(!glob("**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b", false,
			"a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/c",
			false));
}
END_TEST

/* --- discovery and precedence, in a scratch tree --------------------- */

static char tmp[] = "/tmp/hooklint-config-XXXXXX";
static char cwd[4096];

static void write_file(const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", tmp, rel);
	FILE *f = fopen(p, "w");

	ck_assert_msg(f, "cannot write %s", p);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void make_dir(const char *rel)
{
	char *p = xasprintf("%s/%s", tmp, rel);

	ck_assert_msg(mkdir(p, 0755) == 0 || errno == EEXIST, "mkdir %s", p);
	free(p);
}

static void enter(const char *rel)
{
	char *p = xasprintf("%s/%s", tmp, rel);

	ck_assert_int_eq(chdir(p), 0);
	free(p);
}

static void tree_setup(void)
{
	ck_assert(getcwd(cwd, sizeof(cwd)));
	strcpy(tmp, "/tmp/hooklint-config-XXXXXX");
	ck_assert(mkdtemp(tmp));
	make_dir("outer");
	write_file("outer/.hooklint.yaml", "target: flux\n");
	make_dir("outer/repo");
	make_dir("outer/repo/.git");
	make_dir("outer/repo/charts");
	make_dir("outer/repo/charts/app");
	make_dir("outer/repo/charts/app/templates");
	write_file("outer/repo/.hooklint.yaml",
		   "target: argocd\n"
		   "fail-on: error\n"
		   "rules: {HL302: off, HL509: warning}\n"
		   "ignore: [vendor, 'charts/*/templates/legacy-*.yaml']\n");
	make_dir("outer/norepo");
	make_dir("outer/norepo/sub");
	write_file("outer/norepo/sub/.git", "gitdir: /elsewhere\n");
	make_dir("outer/norepo/sub/deep");
}

static void tree_teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp);

	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* hl_cli_parse with a NULL-terminated argument list. */
static int cli(struct hl_opts *o, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	argv[argc++] = "hooklint";
	va_start(ap, o);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	hl_opts_init(o);
	return hl_cli_parse(argc, argv, o);
}

START_TEST(discovered_from_nested_directories)
{
	struct hl_opts o;

	enter("outer/repo/charts/app/templates");
	ck_assert_int_eq(cli(&o, NULL), 0);
	ck_assert(o.config);
	ck_assert_str_eq(o.config->path, "../../../.hooklint.yaml");
	ck_assert_int_eq(o.target, HL_TARGET_ARGOCD);
	ck_assert_int_eq(o.fail_on, HL_SEV_ERROR);
	ck_assert_int_eq(o.severity[HL_RULE_HL302], HL_SEV_OFF);
	ck_assert_int_eq(o.severity[HL_RULE_HL509], HL_SEV_WARNING);
	ck_assert_int_eq(o.severity[HL_RULE_HL101], HL_SEV_ERROR);
	/* in the repository root itself */
	enter("outer/repo");
	ck_assert_int_eq(cli(&o, NULL), 0);
	ck_assert_str_eq(o.config->path, ".hooklint.yaml");
}
END_TEST

START_TEST(stops_at_the_repository_root)
{
	struct hl_opts o;

	/* .git is a file here (a worktree or submodule): the search stops
	 * before outer/.hooklint.yaml */
	enter("outer/norepo/sub/deep");
	ck_assert_int_eq(cli(&o, NULL), 0);
	ck_assert(!o.config);
	ck_assert_int_eq(o.target, HL_TARGET_HELM);
	/* outside any repository the search goes on upwards */
	enter("outer/norepo");
	ck_assert_int_eq(cli(&o, NULL), 0);
	ck_assert(o.config);
	ck_assert_str_eq(o.config->path, "../.hooklint.yaml");
	ck_assert_int_eq(o.target, HL_TARGET_FLUX);
}
END_TEST

START_TEST(flags_override_the_file)
{
	struct hl_opts o;

	enter("outer/repo/charts");
	ck_assert_int_eq(cli(&o, "--target", "helm", "--fail-on", "warning",
			     "--enable", "HL302", "--disable", "HL509", NULL), 0);
	ck_assert(o.config);
	ck_assert_int_eq(o.target, HL_TARGET_HELM);
	ck_assert_int_eq(o.fail_on, HL_SEV_WARNING);
	ck_assert_int_eq(o.severity[HL_RULE_HL302], HL_SEV_INFO);
	ck_assert_int_eq(o.severity[HL_RULE_HL509], HL_SEV_OFF);
	/* --disable all keeps the file from turning rules back on */
	ck_assert_int_eq(cli(&o, "--disable", "all", NULL), 0);
	ck_assert_int_eq(o.severity[HL_RULE_HL509], HL_SEV_OFF);
	/* flags the file does not have leave its settings alone */
	ck_assert_int_eq(cli(&o, "--enable", "HL101", NULL), 0);
	ck_assert_int_eq(o.target, HL_TARGET_ARGOCD);
	ck_assert_int_eq(o.severity[HL_RULE_HL302], HL_SEV_OFF);
}
END_TEST

START_TEST(config_flag_replaces_discovery)
{
	struct hl_opts o;

	write_file("other.yaml", "target: helm3\n");
	enter("outer/repo");
	ck_assert_int_eq(cli(&o, "--config", "../../other.yaml", NULL), 0);
	ck_assert_int_eq(o.target, HL_TARGET_HELM3);
	ck_assert_int_eq(o.severity[HL_RULE_HL302],
			 hl_rule_meta[HL_RULE_HL302].severity);
	/* a missing or bad file is a usage error */
	ck_assert_int_eq(cli(&o, "--config", "missing.yaml", NULL), -1);
	write_file("bad.yaml", "rules: {HL302: sometimes}\n");
	ck_assert_int_eq(cli(&o, "--config", "../../bad.yaml", NULL), -1);
	ck_assert(!o.config);
	write_file("outer/repo/.hooklint.yaml", "bad: [\n");
	ck_assert_int_eq(cli(&o, NULL), -1);
}
END_TEST

START_TEST(ignore_globs_are_relative_to_the_file)
{
	struct hl_opts o;

	enter("outer/repo/charts");
	ck_assert_int_eq(cli(&o, NULL), 0);
	ck_assert(hl_config_ignores(&o, "app/templates/legacy-job.yaml", false));
	ck_assert(!hl_config_ignores(&o, "app/templates/job.yaml", false));
	ck_assert(hl_config_ignores(&o, "../vendor", true));
	ck_assert(hl_config_ignores(&o, "../vendor/x/y.yaml", false));
	ck_assert(hl_config_ignores(&o, "./../vendor/y.yaml", false));
	ck_assert(!hl_config_ignores(&o, "vendor/y.yaml", false));
	ck_assert(!hl_config_ignores(&o, "../../vendor/y.yaml", false));
	ck_assert(hl_config_ignores(&o, "/../../../../../../../../..", false) ==
		  false);
	{
		char *abs = xasprintf("%s/outer/repo/vendor/a.yaml", tmp);
		ck_assert(hl_config_ignores(&o, abs, false));
		free(abs);
	}
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("parse");
	TCase *tree = tcase_create("discovery");

	tcase_add_test(tc, parses_everything);
	tcase_add_test(tc, all_then_some);
	tcase_add_test(tc, empty_files);
	tcase_add_test(tc, errors_have_positions);
	tcase_add_test(tc, yaml_errors_have_positions);
	tcase_add_test(tc, globs);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tree, tree_setup, tree_teardown);
	tcase_add_test(tree, discovered_from_nested_directories);
	tcase_add_test(tree, stops_at_the_repository_root);
	tcase_add_test(tree, flags_override_the_file);
	tcase_add_test(tree, config_flag_replaces_discovery);
	tcase_add_test(tree, ignore_globs_are_relative_to_the_file);
	suite_add_tcase(s, tree);
	return s;
}

HL_TEST_MAIN(config_suite)
