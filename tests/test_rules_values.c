/* SPDX-License-Identifier: MIT */
/* test_rules_values.c - HL1xx value rules, HL3xx policies and HL411 */
#include "check_main.h"
#include "lint_text.h"

#include <stdio.h>
#include <string.h>

/*
 * Hooks of the "shop" chart as helm template renders them: each *_META
 * runs up to the annotations' entries, the matching *_SPEC completes the
 * object so that only the annotations can raise anything.
 */

/* helm create's test Pod: test hooks are Pods (a Job is HL510's). */
#define POD_META                                                        \
	"---\n"                                                         \
	"# Source: shop/templates/tests/test-connection.yaml\n"         \
	"apiVersion: v1\n"                                              \
	"kind: Pod\n"                                                   \
	"metadata:\n"                                                   \
	"  name: shop-test-connection\n"                                \
	"  annotations:\n"

#define POD_SPEC                                                        \
	"spec:\n"                                                       \
	"  restartPolicy: Never\n"                                      \
	"  containers:\n"                                               \
	"    - name: wget\n"                                            \
	"      image: busybox:1.36\n"                                   \
	"      command: [wget]\n"                                       \
	"      args: [shop:80]\n"

#define CRD_META                                                        \
	"---\n"                                                         \
	"# Source: shop/templates/widget-crd.yaml\n"                    \
	"apiVersion: apiextensions.k8s.io/v1\n"                         \
	"kind: CustomResourceDefinition\n"                              \
	"metadata:\n"                                                   \
	"  name: widgets.shop.example.com\n"                            \
	"  annotations:\n"

#define CRD_SPEC                                                        \
	"spec:\n"                                                       \
	"  group: shop.example.com\n"                                   \
	"  names:\n"                                                    \
	"    kind: Widget\n"                                            \
	"    plural: widgets\n"                                         \
	"  scope: Namespaced\n"

/* Where the first @snippet starts, and spans by hand around it. */
static size_t at(const char *snippet)
{
	return lint_span(snippet, 0).start;
}

static struct hl_span range(size_t start, size_t end)
{
	return (struct hl_span){ start, end };
}

static struct hl_span point(size_t off)
{
	return range(off, off);
}

/* --- HL101 ------------------------------------------------------------ */

START_TEST(hl101_unknown_event)
{
	const struct hl_finding *f;

	lint_text(JOB_META "    helm.sh/hook: pre-install,pre-instal\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL101, "pre-instal", 1);
	lint_expect_message(f, "unknown hook event 'pre-instal'");
	lint_expect_message(f, "drops the whole resource");
	ck_assert_str_eq(f->help, "did you mean 'pre-install'?");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl101_hints)
{
	static const struct {
		const char *event, *help;
	} cases[] = {
		/* a Job is no CustomResourceDefinition: not for crds/ */
		{ "crd-install", "install the object with the release" },
		{ "test-failure", "use 'test'" },
		{ "pre-uninstall", "'pre-delete'" },
		{ "Post-Uninstall", "'post-delete'" },
		{ "preinstall", "did you mean 'pre-install'?" },
	};
	char yaml[1024];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), JOB_META "    helm.sh/hook: %s\n"
			 JOB_SPEC, cases[i].event);
		lint_text(yaml);
		lint_expect_help(lint_expect_at(HL_RULE_HL101, cases[i].event,
						0), cases[i].help);
		lint_expect_total(1);
	}
	lint_text("---\n"
		  "# Source: shop/templates/crd.yaml\n"
		  "apiVersion: apiextensions.k8s.io/v1\n"
		  "kind: CustomResourceDefinition\n"
		  "metadata:\n"
		  "  name: widgets.example.com\n"
		  "  annotations:\n"
		  "    helm.sh/hook: crd-install\n");
	lint_expect_help(lint_expect_at(HL_RULE_HL101, "crd-install", 0),
			 "crds/ directory");
	lint_expect_total(1);
	/* far from every event: no guess, the list instead */
	lint_text(JOB_META "    helm.sh/hook: deploy\n" JOB_SPEC);
	lint_expect_help(lint_expect_at(HL_RULE_HL101, "deploy", 0),
			 "Helm's events are pre-install, post-install");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl101_every_unknown_token)
{
	lint_text(JOB_META
		  "    helm.sh/hook: \"post-install, pre-uninstall,foo\"\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL101, "pre-uninstall", 0);
	lint_expect_at(HL_RULE_HL101, "foo", 0);
	lint_expect_total(2);
}
END_TEST

START_TEST(hl101_quiet_on_known_events)
{
	lint_text(JOB_META
		  "    helm.sh/hook: \"pre-install, post-upgrade\"\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  JOB_SPEC);
	lint_expect_none();
	/* a non-hook key is none of the value rules' business: only the
	 * key rules see it */
	lint_text(CM_META "    Helm.sh/hook: bogus\n" CM_DATA);
	lint_expect_at(HL_RULE_HL201, "Helm.sh/hook", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl101_escaped_value_spans_value)
{
	/* an escape makes token offsets unknown: point at the value */
	lint_text(JOB_META "    helm.sh/hook: \"pre-install,\\tbogus\"\n"
		  JOB_SPEC);
	lint_expect(HL_RULE_HL101, range(at("\"pre"), at("bogus\"") + 6));
	lint_expect_total(1);
}
END_TEST

/* --- HL102 ------------------------------------------------------------ */

START_TEST(hl102_null_value)
{
	lint_text(JOB_META "    helm.sh/hook:\n" JOB_SPEC);
	lint_expect(HL_RULE_HL102, lint_after("helm.sh/hook:"));
	lint_expect_total(1);	/* not HL120 */
	lint_text(JOB_META "    helm.sh/hook: ~\n" JOB_SPEC);
	lint_expect_at(HL_RULE_HL102, "~", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl102_empty_string)
{
	lint_text(JOB_META "    helm.sh/hook: \"\"\n" JOB_SPEC);
	lint_expect_at(HL_RULE_HL102, "\"\"", 0);
	lint_expect_total(1);
	/* only commas: one finding, no event at all */
	lint_text(JOB_META "    helm.sh/hook: \",\"\n" JOB_SPEC);
	lint_expect_at(HL_RULE_HL102, "\",\"", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl102_empty_tokens)
{
	const struct hl_finding *f;

	lint_text(JOB_META "    helm.sh/hook: pre-install,\n" JOB_SPEC);
	f = lint_expect(HL_RULE_HL102, point(at(",")));
	lint_expect_message(f, "empty hook event in 'pre-install,'");
	lint_expect_total(1);
	lint_text(JOB_META "    helm.sh/hook: ',pre-install'\n" JOB_SPEC);
	lint_expect(HL_RULE_HL102, point(at(",")));
	lint_expect_total(1);
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install,,post-install, ,bogus\n"
		  JOB_SPEC);
	lint_expect(HL_RULE_HL102, point(at(",")));
	lint_expect(HL_RULE_HL102, point(at(", ,")));
	lint_expect_at(HL_RULE_HL101, "bogus", 0);
	lint_expect_total(3);
}
END_TEST

/* --- HL103 ------------------------------------------------------------ */

START_TEST(hl103_space_separated)
{
	const struct hl_finding *f;

	lint_text(JOB_META "    helm.sh/hook: pre-install pre-upgrade\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL103, "pre-install pre-upgrade", 0);
	lint_expect_edit(f, lint_span("pre-install pre-upgrade", 0),
			 "pre-install,pre-upgrade");
	lint_expect_total(1);	/* not HL101 */
}
END_TEST

START_TEST(hl103_other_separators)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: \" pre-install ;pre-upgrade | test \"\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL103,
			   "\" pre-install ;pre-upgrade | test \"", 0);
	/* the edit keeps the quotes */
	lint_expect_edit(f, range(at("\"") + 1, at("test \"") + 5),
			 "pre-install,pre-upgrade,test");
	lint_expect_help(f, "'pre-install,pre-upgrade,test'");
	lint_expect_total(1);
	/* whatever the words are, but no edit without exact offsets (where
	 * the span ends: hl103_block_scalar_span) */
	lint_text(JOB_META
		  "    helm.sh/hook: |\n"
		  "      install\n"
		  "      upgrade\n"
		  JOB_SPEC);
	f = lint_nth(HL_RULE_HL103, 0);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->span.start, at("|"));
	ck_assert_uint_eq(f->nedits, 0);
	lint_expect_total(1);
}
END_TEST

/*
 * KNOWN BUG (tagged known_bug: tests/meson.build runs it apart, expected
 * to fail):
 * the walker ends a block scalar's span where libfyaml ends the token,
 * after its last line break and any blank lines below it, so the finding
 * runs onto the next key's line ("endLine" of GitHub annotations names
 * the "spec:" line). The span should end with the value's last line.
 */
START_TEST(hl103_block_scalar_span)
{
	lint_text(JOB_META
		  "    helm.sh/hook: |\n"
		  "      install\n"
		  "      upgrade\n"
		  JOB_SPEC);
	lint_expect(HL_RULE_HL103, range(at("|"), at("upgrade") + 7));
	lint_expect_total(1);
}
END_TEST

START_TEST(hl103_fix_only_when_valid)
{
	const struct hl_finding *f;

	/* the fix lower-cases the events, as Helm reads them */
	lint_text(JOB_META "    helm.sh/hook: Pre-Install Pre-Upgrade\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL103, "Pre-Install Pre-Upgrade", 0);
	lint_expect_edit(f, lint_span("Pre-Install Pre-Upgrade", 0),
			 "pre-install,pre-upgrade");
	lint_expect_total(1);
	/* one event written as two words */
	lint_text(JOB_META "    helm.sh/hook: pre install\n" JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL103, "pre install", 0);
	ck_assert_str_eq(f->help, "write 'pre-install'");
	lint_expect_edit(f, lint_span("pre install", 0), "pre-install");
	lint_expect_total(1);
	/* joining would still be no event: no edit, name the word */
	lint_text(JOB_META "    helm.sh/hook: pre-install deploy\n" JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL103, "pre-install deploy", 0);
	ck_assert_uint_eq(f->nedits, 0);
	lint_expect_help(f, "'deploy' is not an event Helm knows");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl103_not_with_a_comma)
{
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install pre-upgrade,post-install\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL101, "pre-install pre-upgrade", 0);
	ck_assert_uint_eq(lint_count(HL_RULE_HL103), 0);
	lint_expect_total(1);
	lint_text(JOB_META "    helm.sh/hook: ;pre-install\n" JOB_SPEC);
	lint_expect_at(HL_RULE_HL101, ";pre-install", 0);
	lint_expect_total(1);
}
END_TEST

/* --- HL104, HL105, HL106 ---------------------------------------------- */

START_TEST(hl104_duplicate_event)
{
	const struct hl_finding *f;

	/* removing the repeated token settles its case too: no HL106 */
	lint_text(CM_META "    helm.sh/hook: pre-install, PRE-INSTALL\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL104, "PRE-INSTALL", 0);
	lint_expect_message(f, "'PRE-INSTALL' repeats 'pre-install'");
	lint_expect_message(f, "runs twice in that event");
	ck_assert_str_eq(f->help, "remove this 'PRE-INSTALL'");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start, at("pre-install"));
	lint_expect_total(1);
	/* a third listing runs it three times */
	lint_text(CM_META
		  "    helm.sh/hook: post-install,post-install,post-install\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL104, "post-install", 1);
	lint_expect_message(f, "is already listed: the hook runs twice");
	f = lint_expect_at(HL_RULE_HL104, "post-install", 2);
	lint_expect_message(f, "runs 3 times");
	ck_assert_uint_eq(f->related[0].span.start, at("post-install"));
	lint_expect_total(2);
	lint_text(CM_META "    helm.sh/hook: pre-install,post-install\n"
		  CM_DATA);
	lint_expect_none();
}
END_TEST

START_TEST(hl104_hl105_test_success)
{
	const struct hl_finding *f;

	lint_text(CM_META "    helm.sh/hook: test,test-success\n" CM_DATA);
	f = lint_expect_at(HL_RULE_HL104, "test-success", 0);
	lint_expect_message(f, "runs twice in helm test");
	f = lint_expect_at(HL_RULE_HL105, "test-success", 0);
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	lint_expect_total(2);
	lint_text(CM_META "    helm.sh/hook: test-success,test\n" CM_DATA);
	f = lint_expect(HL_RULE_HL104, range(at(",test") + 1,
					     at(",test") + 5));
	lint_expect_message(f, "'test' repeats 'test-success'");
	ck_assert_str_eq(f->help, "keep only 'test'");
	lint_expect_at(HL_RULE_HL105, "test-success", 0);
	lint_expect_total(2);
}
END_TEST

START_TEST(hl105_alias)
{
	const struct hl_finding *f;

	lint_text(CM_META "    helm.sh/hook: test-success\n" CM_DATA);
	f = lint_expect_at(HL_RULE_HL105, "test-success", 0);
	lint_expect_edit(f, lint_span("test-success", 0), "test");
	lint_expect_total(1);
	lint_text(CM_META "    helm.sh/hook: test\n" CM_DATA);
	lint_expect_none();
	/* not HL106 as well: the fix to 'test' settles the case */
	lint_text(CM_META "    helm.sh/hook: Test-Success\n" CM_DATA);
	lint_expect_message(lint_expect_at(HL_RULE_HL105, "Test-Success", 0),
			    "'Test-Success'");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl106_case)
{
	const struct hl_finding *f;

	lint_text(CM_META "    helm.sh/hook: \" Pre-Install , post-upgrade\"\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL106, "Pre-Install", 0);
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	/* Argo CD still runs it through post-upgrade */
	lint_expect_message(f, "Argo CD matches events case-sensitively "
			    "and ignores this one");
	ck_assert_str_eq(f->help, "write 'pre-install'");
	lint_expect_edit(f, lint_span("Pre-Install", 0), "pre-install");
	lint_expect_total(1);
	/* no other event Argo CD maps: it never runs the hook */
	lint_text(CM_META "    helm.sh/hook: Post-Install,pre-rollback\n"
		  CM_DATA);
	lint_expect_message(lint_expect_at(HL_RULE_HL106, "Post-Install", 0),
			    "never runs the hook");
	lint_expect_total(1);
	/* surrounding spaces are fine */
	lint_text(CM_META "    helm.sh/hook: \" pre-install ,post-upgrade \"\n"
		  CM_DATA);
	lint_expect_none();
}
END_TEST

/* --- HL411 ------------------------------------------------------------ */

START_TEST(hl411_mixed_delete)
{
	lint_text(CM_META
		  "    helm.sh/hook: pre-upgrade,post-delete,pre-delete\n"
		  CM_DATA);
	lint_expect_at(HL_RULE_HL411, "post-delete", 0);
	lint_expect_total(1);
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install,post-delete\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  JOB_SPEC);
	lint_expect_none();
	lint_text(CM_META
		  "    helm.sh/hook: pre-delete,post-delete,pre-rollback\n"
		  CM_DATA);
	lint_expect_none();
	/* a dropped document takes no part */
	lint_text(CM_META "    helm.sh/hook: pre-install,post-delete,bogus\n"
		  CM_DATA);
	lint_expect_at(HL_RULE_HL101, "bogus", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl411_deleted_by_policy)
{
	/* hook-succeeded removes it when the delete event is over */
	lint_text(CM_META
		  "    helm.sh/hook: pre-install,pre-delete\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  CM_DATA);
	lint_expect_none();
	/* but Helm never deletes a CRD hook */
	lint_text(CRD_META
		  "    helm.sh/hook: pre-install,pre-delete\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded\n"
		  CRD_SPEC);
	lint_expect_help(lint_expect_at(HL_RULE_HL411, "pre-delete", 0),
			 "an object of its own");
	lint_expect_at(HL_RULE_HL306, "helm.sh/hook-delete-policy", 0);
	/* a CRD as a hook at all is the kind rules' */
	lint_expect_at(HL_RULE_HL508, "CustomResourceDefinition", 0);
	lint_expect_total(3);
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
	char yaml[1024];
	const struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), POD_META
			 "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: %s\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n" POD_SPEC,
			 cases[i].weight);
		lint_text(yaml);
		f = lint_expect_at(HL_RULE_HL110, cases[i].weight, 0);
		lint_expect_message(f, cases[i].reason);
		lint_expect_message(f, "Helm silently uses 0");
		lint_expect_help(f, "\"5\"");
		lint_expect_total(1);
	}
}
END_TEST

START_TEST(hl110_white_space)
{
	const struct hl_finding *f;

	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-weight: \" -5\"\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL110, "\" -5\"", 0);
	lint_expect_message(f, "has surrounding white space");
	lint_expect_edit(f, lint_span(" -5", 0), "-5");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl110_precedence)
{
	/* unquoted: HL120 says it, not HL110 */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-weight: 1.5\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n"
		  POD_SPEC);
	lint_expect_at(HL_RULE_HL120, "1.5", 0);
	lint_expect_total(1);
	/* no hook: HL204's, and a dropped hook: HL101's */
	lint_text(CM_META "    helm.sh/hook-weight: \"x\"\n" CM_DATA);
	lint_expect_at(HL_RULE_HL204, "helm.sh/hook-weight", 0);
	lint_expect_total(1);
	lint_text(JOB_META
		  "    helm.sh/hook: bogus\n"
		  "    helm.sh/hook-weight: \"x\"\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL101, "bogus", 0);
	lint_expect_total(1);
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
	char yaml[1024];
	const struct hl_finding *f;
	size_t i, n;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), POD_META
			 "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: '%s'\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n" POD_SPEC,
			 cases[i].weight);
		lint_text(yaml);
		n = strlen(cases[i].weight);
		f = lint_expect(HL_RULE_HL111, range(at("'"), at("'") + n + 2));
		lint_expect_message(f, cases[i].what);
		ck_assert_int_eq(f->severity, HL_SEV_INFO);
		lint_expect_edit(f, range(at("'") + 1, at("'") + 1 + n),
				 cases[i].fix);
		lint_expect_total(1);
	}
}
END_TEST

START_TEST(hl111_usual)
{
	static const char *const ok[] = { "0", "-0", "10", "-5" };
	char yaml[1024];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(ok); i++) {
		snprintf(yaml, sizeof(yaml), POD_META
			 "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: \"%s\"\n"
			 "    helm.sh/hook-delete-policy: "
			 "hook-succeeded,hook-failed\n" POD_SPEC, ok[i]);
		lint_text(yaml);
		lint_expect_none();
	}
}
END_TEST

/* --- HL120, HL121 ----------------------------------------------------- */

START_TEST(hl120_unquoted)
{
	const struct hl_finding *f;

	lint_text(CM_META
		  "    prometheus.io/port: 9102\n"
		  "    prometheus.io/scrape: true\n"
		  "    shop.example.com/ratio: 1.5\n"
		  "    shop.example.com/owner: ~\n"
		  "    shop.example.com/team:\n"
		  "    shop.example.com/replicas: \"5\"\n"
		  "    prometheus.io/path: /metrics\n"
		  "    shop.example.com/since: 2001-12-14\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL120, "9102", 0);
	lint_expect_message(f, "annotation 'prometheus.io/port' has the "
			    "unquoted value '9102'");
	lint_expect_message(f, "an integer");
	lint_expect_edit(f, lint_span("9102", 0), "\"9102\"");
	f = lint_expect_at(HL_RULE_HL120, "true", 0);
	lint_expect_message(f, "a boolean");
	lint_expect_edit(f, lint_span("true", 0), "\"true\"");
	f = lint_expect_at(HL_RULE_HL120, "1.5", 0);
	lint_expect_message(f, "floating-point");
	f = lint_expect_at(HL_RULE_HL120, "~", 0);
	lint_expect_message(f, "annotation 'shop.example.com/owner' is null");
	lint_expect_edit(f, lint_span("~", 0), "\"\"");
	f = lint_expect(HL_RULE_HL120, lint_after("shop.example.com/team:"));
	lint_expect_edit(f, lint_after("shop.example.com/team:"), " \"\"");
	lint_expect_total(5);
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
	char yaml[1024];
	const struct hl_finding *f;
	size_t i;

	/* the fix quotes what Helm reads, so HL110 and HL111 stay quiet */
	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), CM_META "    helm.sh/hook: test\n"
			 "    helm.sh/hook-weight: %s\n" CM_DATA,
			 cases[i].weight);
		lint_text(yaml);
		f = lint_expect_at(HL_RULE_HL120, cases[i].weight, 0);
		lint_expect_edit(f, lint_span(cases[i].weight, 0),
				 cases[i].fix);
		lint_expect_total(1);
	}
	/* no integer to quote: say so, no edit */
	lint_text(CM_META "    helm.sh/hook: test\n"
		  "    helm.sh/hook-weight: 1.5\n" CM_DATA);
	f = lint_expect_at(HL_RULE_HL120, "1.5", 0);
	ck_assert_uint_eq(f->nedits, 0);
	lint_expect_help(f, "reads '1.5' as weight 0");
	lint_expect_total(1);
	lint_text(CM_META "    helm.sh/hook: test\n"
		  "    helm.sh/hook-weight: ~\n" CM_DATA);
	f = lint_expect_at(HL_RULE_HL120, "~", 0);
	lint_expect_message(f, "is null");
	ck_assert_uint_eq(f->nedits, 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl120_every_annotations_mapping)
{
	lint_text(JOB_META
		  "    helm.sh/hook: post-install\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      annotations:\n"
		  "        sidecar.istio.io/inject: false\n"
		  "      labels:\n"
		  "        app.kubernetes.io/name: shop\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_at(HL_RULE_HL120, "false", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl120_precedence)
{
	/* HL131 explains a null delete policy on a hook */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy:\n"
		  POD_SPEC);
	lint_expect(HL_RULE_HL131, lint_after("helm.sh/hook-delete-policy:"));
	lint_expect_total(1);
	/* on a non-hook it is only a null annotation (and one that needs
	 * a hook, HL204's) */
	lint_text(CM_META "    helm.sh/hook-delete-policy: null\n" CM_DATA);
	lint_expect_at(HL_RULE_HL120, "null", 0);
	lint_expect_at(HL_RULE_HL204, "helm.sh/hook-delete-policy", 0);
	lint_expect_total(2);
	/* a dropped document gets only the finding that explains it */
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install,bogus\n"
		  "    helm.sh/hook-weight: 5\n"
		  "    prometheus.io/scrape: true\n"
		  "    helm.sh/hook-delete-policy:\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL101, "bogus", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl121_nonscalar)
{
	const struct hl_finding *f;

	/* the pod template's labels as an annotation value: an alias the
	 * walker does not expand, so no rule guesses what it is */
	lint_text(JOB_META
		  "    helm.sh/hook: post-install\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  "    shop.example.com/owners: {team: payments}\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      labels: &pod-labels\n"
		  "        app.kubernetes.io/name: shop\n"
		  "      annotations:\n"
		  "        shop.example.com/ports: [8080, 8443]\n"
		  "        shop.example.com/labels: *pod-labels\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	f = lint_expect_at(HL_RULE_HL121, "{team: payments}", 0);
	lint_expect_message(f, "mapping");
	lint_expect_message(f, "Helm fails the whole render");
	f = lint_expect_at(HL_RULE_HL121, "[8080, 8443]", 0);
	lint_expect_message(f, "sequence");
	lint_expect_message(f, "API server");
	lint_expect_total(2);
}
END_TEST

START_TEST(hl121_hook_value)
{
	/* Helm fails the render before it could drop the resource */
	lint_text(JOB_META "    helm.sh/hook: [pre-install]\n" JOB_SPEC);
	lint_expect_help(lint_expect_at(HL_RULE_HL121, "[pre-install]", 0),
			 "one comma-separated string");
	lint_expect_total(1);
	/* a dropped resource never reaches the API server */
	lint_text(JOB_META
		  "    helm.sh/hook: bogus\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      annotations:\n"
		  "        shop.example.com/ports: [8080, 8443]\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_at(HL_RULE_HL101, "bogus", 0);
	lint_expect_total(1);
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
	char yaml[1024];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(yaml, sizeof(yaml), POD_META
			 "    helm.sh/hook: test\n"
			 "    helm.sh/hook-delete-policy: %s\n" POD_SPEC,
			 cases[i].policy);
		lint_text(yaml);
		lint_expect_help(lint_expect_at(HL_RULE_HL130, cases[i].token,
						0), cases[i].help);
		/* no HL301 or HL302 on a list with unknown tokens */
		lint_expect_total(1);
	}
}
END_TEST

START_TEST(hl130_default_lost)
{
	const struct hl_finding *f;

	/* only unknown tokens: they are what replaces the default */
	lint_text(CM_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: HookSucceeded\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL130, "HookSucceeded", 0);
	lint_expect_message(f, "disables the before-hook-creation default, "
			    "so Helm never deletes the hook");
	lint_expect_total(1);
	/* next to a known policy, it only never matches */
	lint_text(CM_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeded\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL130, "hook-succeded", 0);
	ck_assert_str_eq(f->message, "unknown delete policy 'hook-succeded': "
			 "Helm keeps it, and it never matches");
	ck_assert_str_eq(f->help, "did you mean 'hook-succeeded'?");
	lint_expect_total(1);
	/* a space-separated list of known policies gets a fix */
	lint_text(CM_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: "
		  "\"Hook-Succeeded  hook-failed\"\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL130, "Hook-Succeeded  hook-failed", 0);
	lint_expect_edit(f, lint_span("Hook-Succeeded  hook-failed", 0),
			 "hook-succeeded,hook-failed");
	lint_expect_total(1);
}
END_TEST

START_TEST(hl131_empty_policy)
{
	const struct hl_finding *f;

	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: \"\"\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL131, "\"\"", 0);
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	lint_expect_total(1);
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: \" , \"\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL131, "\" , \"", 0);
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	lint_expect_total(1);
	/* some empty tokens: a warning each, at the comma */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded,,"
		  "before-hook-creation,\n"
		  POD_SPEC);
	f = lint_expect(HL_RULE_HL131, point(at(",,")));
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	lint_expect(HL_RULE_HL131, point(at("creation,") + 8));
	lint_expect_total(2);
}
END_TEST

START_TEST(hl131_configured_severity)
{
	lint_opts()->severity[HL_RULE_HL131] = HL_SEV_INFO;
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: \"\"\n"
		  POD_SPEC);
	ck_assert_int_eq(lint_expect_at(HL_RULE_HL131, "\"\"", 0)->severity,
			 HL_SEV_INFO);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl132_case)
{
	const struct hl_finding *f;

	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: Hook-Succeeded, "
		  "before-hook-creation\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL132, "Hook-Succeeded", 0);
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	ck_assert_str_eq(f->help, "write 'hook-succeeded'");
	lint_expect_edit(f, lint_span("Hook-Succeeded", 0), "hook-succeeded");
	lint_expect_total(1);
}
END_TEST

/* --- HL140, HL141 ----------------------------------------------------- */

START_TEST(hl140_log_policy)
{
	const struct hl_finding *f;

	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  CLEANUP
		  "    helm.sh/hook-output-log-policy: hook-failed,bogus,"
		  "before-hook-creation\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL140, "bogus", 0);
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	lint_expect_message(f, "Helm ignores it");
	lint_expect_help(f, "use hook-succeeded, hook-failed or both");
	f = lint_expect_at(HL_RULE_HL140, "before-hook-creation", 1);
	lint_expect_help(f, "delete policy");
	lint_expect_total(2);
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  CLEANUP
		  "    helm.sh/hook-output-log-policy: \"\"\n"
		  POD_SPEC);
	lint_expect_at(HL_RULE_HL140, "\"\"", 0);
	lint_expect_total(1);
	/* null is HL120's alone: one problem, one finding */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  CLEANUP
		  "    helm.sh/hook-output-log-policy: ~\n"
		  POD_SPEC);
	lint_expect_at(HL_RULE_HL120, "~", 0);
	lint_expect_total(1);
	/* typos and Argo CD's spelling get a suggestion */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  CLEANUP
		  "    helm.sh/hook-output-log-policy: "
		  "hook-success,HookFailed\n"
		  POD_SPEC);
	ck_assert_str_eq(lint_expect_at(HL_RULE_HL140, "hook-success",
					0)->help,
			 "did you mean 'hook-succeeded'?");
	ck_assert_str_eq(lint_expect_at(HL_RULE_HL140, "HookFailed", 0)->help,
			 "write 'hook-failed'");
	lint_expect_total(2);
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  CLEANUP
		  "    helm.sh/hook-output-log-policy: Hook-Failed, "
		  "hook-succeeded\n"
		  POD_SPEC);
	lint_expect_none();
}
END_TEST

START_TEST(hl141_log_policy_ignored)
{
	lint_text(CM_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-output-log-policy: hook-failed\n"
		  CM_DATA);
	lint_expect_message(lint_expect_at(HL_RULE_HL141,
					   "helm.sh/hook-output-log-policy", 0),
			    "does nothing on a ConfigMap hook");
	lint_expect_total(1);
	/* no hook: HL204's business */
	lint_text(CM_META "    helm.sh/hook-output-log-policy: hook-failed\n"
		  CM_DATA);
	lint_expect_at(HL_RULE_HL204, "helm.sh/hook-output-log-policy", 0);
	ck_assert_uint_eq(lint_count(HL_RULE_HL141), 0);
	lint_expect_total(1);
}
END_TEST

/* --- HL301, HL302, HL306 ---------------------------------------------- */

START_TEST(hl301_leftover)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: \"hook-succeeded\"\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL301, "\"hook-succeeded\"", 0);
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	lint_expect_edit(f, point(at("hook-succeeded")),
			 "before-hook-creation,");
	lint_expect_total(1);
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n"
		  JOB_SPEC);
	lint_expect_none();
	/* hook-failed alone keeps the object after a success; HL302 stays
	 * silent, the finding names the command that runs a test hook */
	lint_text(JOB_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: hook-failed\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL301, "hook-failed", 0);
	ck_assert_ptr_nonnull(strstr(f->message, "after a successful run"));
	ck_assert_ptr_nonnull(strstr(f->message, "the next helm test fails"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL302), 0);
	lint_text(JOB_META
		  "    helm.sh/hook: post-delete,pre-rollback\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded\n"
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL301, "hook-succeeded", 0);
	ck_assert_ptr_nonnull(strstr(f->message, "after a failed run"));
	ck_assert_ptr_nonnull(strstr(f->message,
				     "the next helm rollback or uninstall"));
	/* unknown tokens are HL130's */
	lint_text(CM_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded,bogus\n"
		  CM_DATA);
	lint_expect_at(HL_RULE_HL130, "bogus", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl302_never_cleaned_up)
{
	const struct hl_finding *f;

	lint_text(JOB_META "    helm.sh/hook: pre-install\n" JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL302, "Job", 0);
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	lint_expect_total(1);
	/* a fixed-name test Pod: replaced at the next helm test */
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation\n"
		  POD_SPEC);
	lint_expect_none();
	/* a test Pod with a new name each time piles up */
	lint_template("apiVersion: v1\n"
		      "kind: Pod\n"
		      "metadata:\n"
		      "  name: shop-test-{{ randAlphaNum 5 | lower }}\n"
		      "  annotations:\n"
		      "    helm.sh/hook: test\n"
		      POD_SPEC);
	f = lint_expect_at(HL_RULE_HL302, "Pod", 0);
	lint_expect_message(f, "its name is not fixed");
	lint_expect_total(1);
	/* a word that only contains "now" is no timestamp */
	lint_template("apiVersion: v1\n"
		      "kind: Pod\n"
		      "metadata:\n"
		      "  name: {{ .Release.Name }}-known-{{ .Values.nowhere }}\n"
		      "  annotations:\n"
		      "    helm.sh/hook: test\n"
		      POD_SPEC);
	lint_expect_none();
	/* a TTL deletes the Job, unless a condition leaves it out */
	lint_text(JOB_META "    helm.sh/hook: pre-install\n"
		  "spec:\n"
		  "  ttlSecondsAfterFinished: 600\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_none();
	lint_template("apiVersion: batch/v1\n"
		      "kind: Job\n"
		      "metadata:\n"
		      "  name: shop-db-migrate\n"
		      "  annotations:\n"
		      "    helm.sh/hook: pre-install\n"
		      "spec:\n"
		      "  {{- if .Values.ttl }}\n"
		      "  ttlSecondsAfterFinished: {{ .Values.ttl }}\n"
		      "  {{- end }}\n"
		      "  template:\n"
		      "    spec:\n"
		      "      restartPolicy: Never\n"
		      "      containers:\n"
		      "        - name: migrate\n"
		      "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_at(HL_RULE_HL302, "Job", 0);
	lint_expect_total(1);
	lint_text(CM_META "    helm.sh/hook: pre-install\n" CM_DATA);
	lint_expect_none();
	/* the empty policy is HL131's */
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: \"\"\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL131, "\"\"", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(hl307_terminating)
{
	const struct hl_finding *f;

	lint_text(POD_META
		  "    helm.sh/hook: post-install\n"
		  POD_SPEC);
	f = lint_expect_at(HL_RULE_HL307, "Pod", 0);
	ck_assert_int_eq(f->severity, HL_SEV_WARNING);
	lint_expect_message(f, "while it is terminating");
	/* HL302 says less about the same policy */
	lint_expect_total(1);
	/* helm test waits for the deletion */
	lint_text(POD_META "    helm.sh/hook: test\n" POD_SPEC);
	ck_assert_uint_eq(lint_count(HL_RULE_HL307), 0);
	/* hook-succeeded: nothing is left to replace */
	lint_text(POD_META
		  "    helm.sh/hook: post-install\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded\n"
		  POD_SPEC);
	lint_expect_none();
	/* Helm 3 waits until it is gone */
	lint_opts()->target = HL_TARGET_HELM3;
	lint_text(POD_META "    helm.sh/hook: post-install\n" POD_SPEC);
	ck_assert_uint_eq(lint_count(HL_RULE_HL307), 0);
	lint_expect_at(HL_RULE_HL302, "Pod", 0);
}
END_TEST

START_TEST(hl306_crd_hook)
{
	lint_text(CRD_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded\n"
		  CRD_SPEC);
	lint_expect_at(HL_RULE_HL306, "helm.sh/hook-delete-policy", 0);
	/* not HL301: Helm never deletes a CRD hook; HL508 says what a CRD
	 * hook costs */
	ck_assert_uint_eq(lint_count(HL_RULE_HL301), 0);
	lint_expect_at(HL_RULE_HL508, "CustomResourceDefinition", 0);
	lint_expect_total(2);
	lint_text(CRD_META "    helm.sh/hook: pre-install\n" CRD_SPEC);
	lint_expect_at(HL_RULE_HL508, "CustomResourceDefinition", 0);
	lint_expect_total(1);
}
END_TEST

/* --- the engine ------------------------------------------------------- */

START_TEST(disabled_rules_stay_silent)
{
	lint_opts()->severity[HL_RULE_HL101] = HL_SEV_OFF;
	lint_opts()->severity[HL_RULE_HL120] = HL_SEV_OFF;
	lint_opts()->severity[HL_RULE_HL131] = HL_SEV_OFF;
	lint_text(JOB_META
		  "    helm.sh/hook: pre-instal\n"
		  "    prometheus.io/port: 9102\n"
		  JOB_SPEC);
	lint_expect_none();
	lint_reset();
	lint_opts()->severity[HL_RULE_HL131] = HL_SEV_OFF;
	lint_text(POD_META
		  "    helm.sh/hook: test\n"
		  "    helm.sh/hook-delete-policy: \"\"\n"
		  POD_SPEC);
	lint_expect_none();
}
END_TEST

START_TEST(long_values_are_shortened)
{
	char yaml[1024], word[81], want[64];

	memset(word, 'x', 80);
	word[80] = '\0';
	snprintf(yaml, sizeof(yaml), JOB_META "    helm.sh/hook: %s\n"
		 JOB_SPEC, word);
	snprintf(want, sizeof(want), "'%.57s...'", word);
	lint_text(yaml);
	lint_expect_message(lint_expect_at(HL_RULE_HL101, word, 0), want);
	lint_expect_total(1);
}
END_TEST

static Suite *rules_values_suite(void)
{
	Suite *s = suite_create("rules_values");
	TCase *ev = tcase_create("events");
	TCase *wv = tcase_create("weights_values");
	TCase *po = tcase_create("policies");
	TCase *bugs = tcase_create("known_bugs");

	tcase_add_checked_fixture(ev, NULL, lint_reset);
	tcase_add_checked_fixture(wv, NULL, lint_reset);
	tcase_add_checked_fixture(po, NULL, lint_reset);
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
	tcase_add_test(po, hl307_terminating);
	tcase_add_test(po, hl306_crd_hook);
	tcase_add_test(po, disabled_rules_stay_silent);
	tcase_add_test(po, long_values_are_shortened);
	tcase_set_tags(bugs, "known_bug");
	tcase_add_checked_fixture(bugs, NULL, lint_reset);
	tcase_add_test(bugs, hl103_block_scalar_span);
	suite_add_tcase(s, ev);
	suite_add_tcase(s, wv);
	suite_add_tcase(s, po);
	suite_add_tcase(s, bugs);
	return s;
}

HL_TEST_MAIN(rules_values_suite)
