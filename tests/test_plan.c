/* SPDX-License-Identifier: MIT */
/* test_plan.c - `hooklint plan`: options, the three formats, and marks
 * that agree with the rules */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char chart[] =
	"---\n"
	"# Source: shop/templates/serviceaccount.yaml\n"
	"apiVersion: v1\n"
	"kind: ServiceAccount\n"
	"metadata:\n"
	"  name: shop\n"
	"---\n"
	"# Source: shop/templates/hooks/sa.yaml\n"
	"apiVersion: v1\n"
	"kind: ServiceAccount\n"
	"metadata:\n"
	"  name: shop-migrate\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": pre-install,pre-upgrade\n"
	"    \"helm.sh/hook-weight\": \"5\"\n"
	"---\n"
	"# Source: shop/templates/hooks/migrate.yaml\n"
	"apiVersion: batch/v1\n"
	"kind: Job\n"
	"metadata:\n"
	"  name: shop-migrate\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": pre-install,pre-upgrade\n"
	"    \"helm.sh/hook-delete-policy\": before-hook-creation,hook-succeeded\n"
	"spec:\n"
	"  backoffLimit: 1\n"
	"  template:\n"
	"    spec:\n"
	"      restartPolicy: Never\n"
	"      serviceAccountName: shop-migrate\n"
	"      containers:\n"
	"        - name: migrate\n"
	"          image: shop:1\n"
	"          envFrom:\n"
	"            - configMapRef:\n"
	"                name: shop\n"
	"---\n"
	"# Source: shop/templates/configmap.yaml\n"
	"apiVersion: v1\n"
	"kind: ConfigMap\n"
	"metadata:\n"
	"  name: shop\n"
	"---\n"
	"# Source: shop/templates/cleanup.yaml\n"
	"apiVersion: batch/v1\n"
	"kind: Job\n"
	"metadata:\n"
	"  name: shop-cleanup\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": post-delete\n"
	"    \"helm.sh/hook-delete-policy\": hook-succeeded,hook-failed\n"
	"spec:\n"
	"  backoffLimit: 1\n"
	"  template:\n"
	"    spec:\n"
	"      restartPolicy: Never\n"
	"      serviceAccountName: shop\n"
	"      containers:\n"
	"        - name: cleanup\n"
	"          image: shop:1\n"
	"---\n"
	"# Source: shop/templates/dropped.yaml\n"
	"apiVersion: v1\n"
	"kind: ConfigMap\n"
	"metadata:\n"
	"  name: shop-dropped\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": crd-install\n";

struct out {
	char *text;
	size_t len;
	struct hl_report r;
};

/* Plan @yaml (written to a file named @name) with @args; output in o. */
static void plan(const char *name, const char *yaml, const char *const *args,
		 struct out *o, bool color)
{
	char dir[] = "/tmp/hooklint-plan-XXXXXX", cwd[4096], *argv[16];
	int argc = 0, format = HL_PLAN_TEXT;
	struct hl_opts opts;
	FILE *f, *mem;

	ck_assert(mkdtemp(dir));
	ck_assert(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	f = fopen(name, "w");
	ck_assert(f);
	fputs(yaml, f);
	fclose(f);
	argv[argc++] = "plan";
	while (args && *args)
		argv[argc++] = (char *)*args++;
	argv[argc++] = (char *)name;
	argv[argc] = NULL;
	hl_opts_init(&opts);
	ck_assert_int_eq(hl_cli_parse_plan(argc, argv, &opts, &format), 0);
	mem = open_memstream(&o->text, &o->len);
	memset(&o->r, 0, sizeof(o->r));
	ck_assert_int_eq(hl_plan_write(&opts, (enum hl_plan_format)format, mem,
				       color, &o->r), 0);
	fclose(mem);
	unlink(name);
	ck_assert_int_eq(chdir(cwd), 0);
	rmdir(dir);
}

static void out_free(struct out *o)
{
	free(o->text);
	hl_report_release(&o->r);
}

static size_t occurrences(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static size_t release_findings(const struct hl_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfindings; i++) {
		const char *id = hl_rule_id(r->findings[i].rule);
		n += !strcmp(id, "HL303") || !strcmp(id, "HL304") ||
		     (!strncmp(id, "HL4", 3) && strcmp(id, "HL411"));
	}
	return n;
}

START_TEST(options)
{
	char *ok[] = { "plan", "--format", "mermaid", "--target", "helm3",
		       "x.yaml", NULL };
	char *bad_format[] = { "plan", "--format", "sarif", NULL };
	char *lint_only[] = { "plan", "--fail-on", "error", NULL };
	struct hl_opts o;
	int format = -1;

	hl_opts_init(&o);
	ck_assert_int_eq(hl_cli_parse_plan(6, ok, &o, &format), 0);
	ck_assert_int_eq(format, HL_PLAN_MERMAID);
	ck_assert_int_eq(o.target, HL_TARGET_HELM3);
	ck_assert_uint_eq(o.npaths, 1);
	ck_assert_str_eq(o.paths[0], "x.yaml");
	hl_opts_init(&o);
	ck_assert_int_lt(hl_cli_parse_plan(3, bad_format, &o, &format), 0);
	hl_opts_init(&o);
	ck_assert_int_lt(hl_cli_parse_plan(3, lint_only, &o, &format), 0);
}
END_TEST

START_TEST(text)
{
	struct out o;

	plan("chart.yaml", chart, NULL, &o, false);
	ck_assert_ptr_nonnull(o.text);
	ck_assert(!strchr(o.text, '\033'));
	ck_assert_ptr_nonnull(strstr(o.text, "release chart.yaml: 3 hooks, 2 "
				     "regular resources\n"));
	ck_assert_ptr_nonnull(strstr(o.text, "Helm drops 1 document ("));
	ck_assert_ptr_nonnull(strstr(o.text, "\nhelm install\n  pre-install\n"));
	/* the order, the wait and the marks; the Job waits on a
	 * ServiceAccount created after it: Helm stops there */
	ck_assert_ptr_nonnull(strstr(o.text, "Job             shop-migrate"));
	ck_assert_ptr_nonnull(strstr(o.text, "\u2717 serviceAccountName "
				     "'shop-migrate' (ServiceAccount): created "
				     "later in this event"));
	ck_assert_ptr_nonnull(strstr(o.text, "[HL402 "));
	ck_assert_ptr_nonnull(strstr(o.text, "Complete"));
	ck_assert_ptr_nonnull(strstr(o.text, "  Helm stops here: never ready: "
				     "Helm waits until --timeout, then fails\n"));
	ck_assert_ptr_nonnull(strstr(o.text, "the rest of helm install does "
				     "not run"));
	/* not drawn: what Helm never reaches */
	ck_assert_ptr_null(strstr(o.text, "ServiceAccount  shop-migrate"));
	ck_assert_ptr_null(strstr(o.text, "  regular resources: create"));
	/* uninstall: the post-delete Job's ServiceAccount is gone */
	ck_assert_ptr_nonnull(strstr(o.text, "[HL404 "));
	ck_assert_ptr_nonnull(strstr(o.text, "the rest of helm uninstall does "
				     "not run"));
	/* HL401 at pre-install and pre-upgrade, HL402 and HL404 */
	ck_assert_uint_eq(occurrences(o.text, "\u2717"), 4);
	out_free(&o);

	plan("chart.yaml", chart, NULL, &o, true);
	ck_assert(strchr(o.text, '\033'));
	out_free(&o);
}
END_TEST

/* The marks are the findings of the release rules: same simulation. */
START_TEST(marks_are_findings)
{
	static const char *const json[] = { "--format", "json", NULL };
	static const char *const off[] = { "--format", "json", "--disable",
					   "HL401", NULL };
	struct out o;
	size_t marks;

	plan("chart.yaml", chart, json, &o, false);
	/* a stop names the rule of a mark again */
	marks = occurrences(o.text, "\"rule\": \"HL") -
		occurrences(o.text, "\"stop\": {");
	/* HL401 is marked at each event it happens in, reported once */
	ck_assert_uint_eq(marks, release_findings(&o.r) + 1);
	ck_assert_ptr_nonnull(strstr(o.text, "\"version\": 1"));
	ck_assert_ptr_nonnull(strstr(o.text, "\"command\": \"uninstall\""));
	ck_assert_ptr_nonnull(strstr(o.text, "\"wait\": \"Complete\""));
	ck_assert_ptr_nonnull(strstr(o.text, "\"errors\": []"));
	out_free(&o);

	plan("chart.yaml", chart, off, &o, false);
	ck_assert_uint_eq(occurrences(o.text, "\"rule\": \"HL401\""), 0);
	ck_assert_uint_eq(occurrences(o.text, "\"rule\": \"HL") -
			  occurrences(o.text, "\"stop\": {"),
			  release_findings(&o.r));
	out_free(&o);
}
END_TEST

START_TEST(mermaid)
{
	static const char *const mm[] = { "--format", "mermaid", NULL };
	struct out o;
	const char *p;

	plan("we\"ird#.yaml", chart, mm, &o, true);
	ck_assert(!strncmp(o.text, "flowchart LR\n", 13));
	ck_assert(!strchr(o.text, '\033'));
	ck_assert_ptr_nonnull(strstr(o.text, "subgraph r1[\"release "
				     "we#quot;ird#35;.yaml\"]"));
	ck_assert_ptr_nonnull(strstr(o.text, "subgraph r1_install[\"helm "
				     "install\"]"));
	ck_assert_ptr_nonnull(strstr(o.text, ":::error"));
	/* every subgraph is closed */
	ck_assert_uint_eq(occurrences(o.text, "subgraph "),
			  occurrences(o.text, "  end\n"));
	/* labels hold no raw quote: every line has 0 or 2 of them */
	for (p = o.text; *p;) {
		size_t n = strcspn(p, "\n"), q = 0, i;

		for (i = 0; i < n; i++)
			q += p[i] == '"';
		ck_assert_msg(q == 0 || q == 2, "bad line: %.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	out_free(&o);
}
END_TEST

START_TEST(empty)
{
	static const char *const mm[] = { "--format", "mermaid", NULL };
	static const char *const json[] = { "--format", "json", NULL };
	struct out o;

	plan("empty.yaml", "# nothing\n", mm, &o, false);
	ck_assert_ptr_nonnull(strstr(o.text, "no manifests"));
	out_free(&o);
	plan("empty.yaml", "# nothing\n", json, &o, false);
	ck_assert_ptr_nonnull(strstr(o.text, "\"releases\": []"));
	out_free(&o);
}
END_TEST

/* Helm creates a List's items one by one; a hook listed twice in one
 * event is deleted twice (§18). */
START_TEST(lists_and_reruns)
{
	static const char *const json[] = { "--format", "json", NULL };
	static const char yaml[] =
		"---\n"
		"# Source: shop/templates/hooks.yaml\n"
		"apiVersion: v1\n"
		"kind: List\n"
		"metadata:\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": pre-install\n"
		"items:\n"
		"  - apiVersion: v1\n"
		"    kind: ConfigMap\n"
		"    metadata:\n"
		"      name: shop-a\n"
		"  - apiVersion: batch/v1\n"
		"    kind: Job\n"
		"    metadata:\n"
		"      name: shop-b\n"
		"---\n"
		"# Source: shop/templates/tests/test.yaml\n"
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: shop-test\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": test,test-success\n"
		"    \"helm.sh/hook-delete-policy\": hook-succeeded\n"
		"spec:\n"
		"  restartPolicy: Never\n";
	struct out o;

	plan("list.yaml", yaml, NULL, &o, false);
	ck_assert_ptr_nonnull(strstr(o.text, "3 hooks"));
	ck_assert_ptr_null(strstr(o.text, "List"));
	ck_assert(strstr(o.text, "ConfigMap  shop-a") <
		  strstr(o.text, "Job        shop-b"));
	ck_assert_ptr_nonnull(strstr(o.text, "delete (hook-succeeded): Pod "
				     "shop-test, Pod shop-test (again: "
				     "already gone)\n"));
	out_free(&o);
	plan("list.yaml", yaml, json, &o, false);
	ck_assert_ptr_nonnull(strstr(o.text, "\"name\": \"shop-test\",\n"
				     "                  \"namespace\": null,\n"
				     "                  \"run\": 2"));
	ck_assert_ptr_nonnull(strstr(o.text, "\"name\": \"shop-test\",\n"
				     "                  \"namespace\": null,\n"
				     "                  \"run\": 1"));
	out_free(&o);
}
END_TEST

/* A hook left from install: Helm 3 stops at the upgrade, Helm 4 applies
 * it without running it (§18). */
START_TEST(leftovers)
{
	static const char *const h3[] = { "--target", "helm3", NULL };
	static const char *const h4[] = { "--target", "helm4", NULL };
	static const char yaml[] =
		"---\n"
		"# Source: shop/templates/seed.yaml\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: shop-seed\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": pre-install,pre-upgrade\n"
		"    \"helm.sh/hook-delete-policy\": hook-failed\n";
	struct out o;
	const char *up;

	plan("seed.yaml", yaml, h3, &o, false);
	up = strstr(o.text, "\nhelm upgrade\n");
	ck_assert_ptr_nonnull(up);
	/* install creates it; the upgrade finds it */
	ck_assert(!strstr(o.text, "left from") ||
		  strstr(o.text, "left from") > up);
	ck_assert_ptr_nonnull(strstr(up, "left from an earlier run: Helm 3 "
				     "fails with AlreadyExists: Helm stops "
				     "here [HL301 "));
	ck_assert_ptr_nonnull(strstr(up, "the rest of helm upgrade does not "
				     "run"));
	out_free(&o);
	plan("seed.yaml", yaml, h4, &o, false);
	up = strstr(o.text, "\nhelm upgrade\n");
	ck_assert_ptr_nonnull(strstr(up, "left from an earlier run: Helm 4 "
				     "applies it and does not run it again "
				     "[HL301 "));
	ck_assert_ptr_null(strstr(o.text, "Helm stops here"));
	out_free(&o);
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, options);
	tcase_add_test(tc, text);
	tcase_add_test(tc, marks_are_findings);
	tcase_add_test(tc, mermaid);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, lists_and_reruns);
	tcase_add_test(tc, leftovers);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(plan_suite)
