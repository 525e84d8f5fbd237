/* SPDX-License-Identifier: MIT */
/* test_rules_keys.c - key, resource-policy and portability rules */
#include "check_main.h"
#include "lint_text.h"

#include <string.h>

#define SECRET_META                                                     \
	"---\n"                                                         \
	"# Source: shop/templates/db-password-secret.yaml\n"            \
	"apiVersion: v1\n"                                              \
	"kind: Secret\n"                                                \
	"metadata:\n"                                                   \
	"  name: shop-db-password\n"                                    \
	"  annotations:\n"

#define SECRET_DATA                                                     \
	"type: Opaque\n"                                                \
	"stringData:\n"                                                 \
	"  password: change-me\n"

/* ---- HL150 ---- */

START_TEST(duplicate_key_at_second)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    checksum/config: \"1\"\n"
		  "    checksum/config: \"2\"\n"
		  "    checksum/config: \"3\"\n"
		  CLEANUP
		  JOB_SPEC);
	ck_assert_uint_eq(lint_count(HL_RULE_HL150), 2);
	f = lint_expect_at(HL_RULE_HL150, "checksum/config", 1);
	lint_expect_message(f, "duplicate annotation key 'checksum/config'");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start,
			  lint_span("checksum/config", 0).start);
	ck_assert_str_eq(f->related[0].message, "first defined here");
	/* the third points at the second, which is not the first */
	f = lint_expect_at(HL_RULE_HL150, "checksum/config", 2);
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start,
			  lint_span("checksum/config", 1).start);
	ck_assert_str_eq(f->related[0].message, "also defined here");
	lint_expect_total(2);
}
END_TEST

START_TEST(duplicate_key_in_big_map)
{
	struct hl_buf b = HL_BUF_INIT;
	int i;

	/* more keys than the rule compares pair by pair */
	hl_buf_adds(&b, JOB_META);
	for (i = 0; i < 40; i++)
		hl_buf_addf(&b, "    k%02d.shop.example.com/owner: team-%d\n",
			    i, i);
	hl_buf_adds(&b, "    k07.shop.example.com/owner: payments\n"
		    JOB_SPEC);
	lint_text(b.s);
	hl_buf_release(&b);
	lint_expect_at(HL_RULE_HL150, "k07.shop.example.com/owner", 1);
	lint_expect_total(1);
}
END_TEST

START_TEST(no_duplicate_across_maps)
{
	lint_text(JOB_META
		  "    checksum/config: \"1\"\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      annotations:\n"
		  "        checksum/config: \"1\"\n"
		  "      labels:\n"
		  "        app.kubernetes.io/name: shop\n"
		  "        app.kubernetes.io/name: shop-migrate\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_none();
}
END_TEST

/* ---- HL201, HL202 ---- */

/* A value that fits what @meant stands for. */
static const char *value_for(const char *meant)
{
	if (!meant)
		return "\"true\"";
	if (strstr(meant, "weight"))
		return "\"5\"";
	if (strstr(meant, "delete-policy"))
		return "before-hook-creation";
	if (strstr(meant, "log-policy"))
		return "hook-failed";
	if (strstr(meant, "resource-policy"))
		return "keep";
	return "pre-install";
}

static void expect_misspelled(const char *key, const char *meant)
{
	char text[1024];
	const struct hl_finding *f;

	snprintf(text, sizeof(text), JOB_META "    %s: %s\n" JOB_SPEC, key,
		 value_for(meant));
	lint_text(text);
	f = lint_expect_at(HL_RULE_HL201, key, 0);
	ck_assert_uint_eq(lint_count(HL_RULE_HL201), 1);
	if (meant) {
		lint_expect_message(f, meant);
		lint_expect_edit(f, lint_span(key, 0), meant);
	} else {
		lint_expect_message(f, "unknown hook annotation");
		ck_assert_uint_eq(f->nedits, 0);
	}
	lint_expect_total(1);
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
	/* the noun for Helm's verb (the catalogue's own example) */
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

	lint_text(JOB_META "    \"helm.sh/hooks\": pre-install\n" JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL201, "\"helm.sh/hooks\"", 0);
	ck_assert_str_eq(f->message, "misspelled annotation 'helm.sh/hooks': "
			 "Helm looks up 'helm.sh/hook' exactly, so the "
			 "resource is a regular one, not a hook");
	ck_assert_str_eq(f->help, "rename it to 'helm.sh/hook'");
	lint_expect_total(1);
}
END_TEST

START_TEST(misspelled_next_to_right_key)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/Hook: pre-install\n"
		  CLEANUP
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL201, "helm.sh/Hook", 0);
	lint_expect_message(f, "Helm reads only 'helm.sh/hook' and ignores");
	/* renaming would make a duplicate */
	ck_assert_uint_eq(f->nedits, 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(right_and_foreign_keys_are_fine)
{
	/* the hook keys on a hook, the other keys on a regular resource
	 * (where keep means something and no Helm hook meets Argo CD's) */
	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-weight: \"1\"\n"
		  "    helm.sh/hook-delete-policy: before-hook-creation,"
		  "hook-succeeded\n"
		  "    helm.sh/hook-output-log-policy: hook-failed\n"
		  "    helm.sh/chart: shop-1.4.2\n"
		  "    checksum/config: 8d969eef6ecad3c29a3a629280e686cf\n"
		  JOB_SPEC
		  CM_META
		  "    helm.sh/resource-policy: keep\n"
		  "    argocd.argoproj.io/hook: PreSync\n"
		  "    argocd.argoproj.io/hook-weight: \"1\"\n"
		  "    meta.helm.sh/release-name: shop\n"
		  "    hooks.example.com/hook: enabled\n"
		  "    webhook: enabled\n"
		  CM_DATA);
	lint_expect_none();
}
END_TEST

START_TEST(misspelled_only_at_top)
{
	lint_text(JOB_META
		  "    checksum/config: 8d969eef6ecad3c29a3a629280e686cf\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      annotations:\n"
		  "        helm.sh/hooks: pre-install\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	lint_expect_none();
}
END_TEST

START_TEST(obsolete_not_misspelled)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-delete\n"
		  "    helm.sh/hook-delete-timeout: \"30\"\n"
		  CLEANUP
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL202, "helm.sh/hook-delete-timeout", 0);
	lint_expect_message(f, "only Helm 2 read it");
	ck_assert_str_eq(f->help, "remove it: Helm 3.14 and later wait up to "
			 "--timeout for each deletion");
	ck_assert_uint_eq(lint_count(HL_RULE_HL201), 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(dropped_document_keeps_key_rules)
{
	lint_text(JOB_META
		  "    helm.sh/hook: crd-install\n"
		  "    helm.sh/hook-wait: \"true\"\n"
		  "    helm.sh/resource-policy: keep\n"
		  "    argocd.argoproj.io/hook: Sync\n"
		  JOB_SPEC);
	/* Helm drops the document for its unknown event */
	lint_expect_message(lint_expect_at(HL_RULE_HL101, "crd-install", 0),
			    "drops the whole resource");
	lint_expect_at(HL_RULE_HL201, "helm.sh/hook-wait", 0);
	/* no HL305 and no HL703 for a document Helm drops */
	ck_assert_uint_eq(lint_count(HL_RULE_HL305), 0);
	ck_assert_uint_eq(lint_count(HL_RULE_HL703), 0);
	lint_expect_total(2);
}
END_TEST

/* ---- HL203 ---- */

START_TEST(misplaced_in_pod_template_and_labels)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  CLEANUP
		  "  labels:\n"
		  "    helm.sh/hook-weight: \"1\"\n"
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      annotations:\n"
		  "        helm.sh/hook-delete-policy: hook-succeeded\n"
		  "        helm.sh/resource-policy: keep\n"
		  "        helm.sh/hooks: pre-install\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  "      containers:\n"
		  "        - name: migrate\n"
		  "          image: registry.example.com/shop/api:1.4.2\n");
	f = lint_expect_at(HL_RULE_HL203, "helm.sh/hook-weight", 0);
	lint_expect_message(f, "is a label");
	f = lint_expect_at(HL_RULE_HL203, "helm.sh/hook-delete-policy", 1);
	ck_assert_str_eq(f->message, "hook annotation "
			 "'helm.sh/hook-delete-policy' is ignored here: Helm "
			 "reads only the top-level metadata.annotations");
	lint_expect_total(2);
}
END_TEST

START_TEST(list_item_policy_is_hl602_only)
{
	const struct hl_finding *f;

	lint_text("---\n"
		  "# Source: shop/templates/seed.yaml\n"
		  "apiVersion: v1\n"
		  "kind: List\n"
		  "items:\n"
		  "- apiVersion: v1\n"
		  "  kind: ConfigMap\n"
		  "  metadata:\n"
		  "    name: shop-seed\n"
		  "    annotations:\n"
		  "      helm.sh/resource-policy: keep\n"
		  "      helm.sh/hook: pre-install\n"
		  "  data:\n"
		  "    currency: EUR\n");
	f = lint_expect_at(HL_RULE_HL602, "helm.sh/resource-policy", 0);
	ck_assert_str_eq(f->message, "annotation 'helm.sh/resource-policy' "
			 "within List objects are ignored");
	f = lint_expect_at(HL_RULE_HL203, "helm.sh/hook", 0);
	lint_expect_message(f, "in a List item");
	ck_assert_str_eq(f->help, "give the item a document of its own, with "
			 "the annotation in its metadata.annotations");
	ck_assert_uint_eq(lint_count(HL_RULE_HL203), 1);
	ck_assert_uint_eq(lint_count(HL_RULE_HL603), 0);
	lint_expect_total(2);
}
END_TEST

/* ---- HL204 ---- */

START_TEST(hook_keys_without_hook)
{
	const struct hl_finding *f;

	lint_text(CM_META
		  "    helm.sh/hook-weight: \"1\"\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded\n"
		  "    helm.sh/hook-output-log-policy: hook-failed\n"
		  "    helm.sh/resource-policy: keep\n"
		  CM_DATA);
	f = lint_expect_at(HL_RULE_HL204, "helm.sh/hook-weight", 0);
	ck_assert_str_eq(f->message, "'helm.sh/hook-weight' without "
			 "'helm.sh/hook' is ignored: this resource is not a "
			 "hook");
	lint_expect_at(HL_RULE_HL204, "helm.sh/hook-delete-policy", 0);
	lint_expect_at(HL_RULE_HL204, "helm.sh/hook-output-log-policy", 0);
	lint_expect_total(3);
}
END_TEST

START_TEST(hook_keys_with_hook_or_open_map)
{
	lint_text(JOB_META
		  "    helm.sh/hook: post-install\n"
		  "    helm.sh/hook-weight: \"1\"\n"
		  CLEANUP
		  JOB_SPEC);
	lint_expect_none();

	/* a merge key may bring helm.sh/hook */
	lint_text(CM_META
		  "    <<: {helm.sh/hook: pre-install}\n"
		  "    helm.sh/hook-weight: \"1\"\n"
		  CM_DATA);
	lint_expect_none();

	/* so may a template action, in a chart's template */
	lint_template("apiVersion: v1\n"
		      "kind: ConfigMap\n"
		      "metadata:\n"
		      "  name: {{ include \"shop.fullname\" . }}-seed\n"
		      "  annotations:\n"
		      "    {{- with .Values.seed.annotations }}\n"
		      "    {{- toYaml . | nindent 4 }}\n"
		      "    {{- end }}\n"
		      "    helm.sh/hook-weight: \"1\"\n"
		      CM_DATA);
	lint_expect_none();
}
END_TEST

START_TEST(misspelled_hook_explains_the_weight)
{
	lint_text(JOB_META
		  "    helm.sh/hooks: pre-install\n"
		  "    helm.sh/hook-weight: \"1\"\n"
		  JOB_SPEC);
	lint_expect_at(HL_RULE_HL201, "helm.sh/hooks", 0);
	lint_expect_total(1);
}
END_TEST

/* ---- HL205 ---- */

static void expect_key_syntax(const char *key, const char *why)
{
	char text[1024];

	snprintf(text, sizeof(text), CM_META "    %s: \"1\"\n" CM_DATA, key);
	lint_text(text);
	if (!why) {
		lint_expect_none();
		return;
	}
	lint_expect_message(lint_expect_at(HL_RULE_HL205, key, 0), why);
	lint_expect_total(1);
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
	hl_buf_addf(&b, CM_META "    %s: \"1\"\n" CM_DATA, key.s);
	lint_text(b.s);
	f = lint_expect_at(HL_RULE_HL205, key.s, 0);
	lint_expect_message(f, "aba...': the name is 200 characters long");
	lint_expect_total(1);
	hl_buf_release(&b);
	hl_buf_release(&key);
}
END_TEST

/* ---- HL206 ---- */

/* A seed ConfigMap whose annotation a.io/big has @n bytes, then @rest. */
static void lint_big(size_t n, const char *rest)
{
	struct hl_buf b = HL_BUF_INIT;

	hl_buf_adds(&b, CM_META "    a.io/big: ");
	while (n--)
		hl_buf_addc(&b, 'x');
	hl_buf_addf(&b, "\n%s" CM_DATA, rest);
	lint_text(b.s);
	hl_buf_release(&b);
}

START_TEST(annotations_too_large)
{
	const struct hl_finding *f;

	/* exactly 262144 bytes: fine */
	lint_big(262144 - 8, "");
	lint_expect_none();
	lint_big(262144 - 8, "    a.io/z: \"1\"\n");
	f = lint_expect_at(HL_RULE_HL206, "annotations", 0);
	ck_assert_str_eq(f->message, "annotations total 262151 bytes, more "
			 "than the 262144 the API server accepts");
	lint_expect_total(1);
}
END_TEST

START_TEST(size_counts_last_duplicate)
{
	lint_big(262144, "    a.io/big: small\n");
	ck_assert_uint_eq(lint_count(HL_RULE_HL206), 0);
	ck_assert_uint_eq(lint_count(HL_RULE_HL150), 1);
	lint_expect_total(1);
}
END_TEST

/* ---- HL305, HL603, HL604 ---- */

START_TEST(resource_policy_on_hook)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/resource-policy: Keep\n"
		  CLEANUP
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL305, "helm.sh/resource-policy", 0);
	lint_expect_message(f, "has no effect on a hook");
	/* HL305 over HL603/HL604 */
	lint_expect_total(1);
}
END_TEST

START_TEST(resource_policy_values)
{
	static const struct {
		const char *value;	/* as written */
		enum hl_rule_id want;	/* at the value, or HL_RULE_MAX */
	} cases[] = {
		{ "delete", HL_RULE_HL603 },
		{ "\"\"", HL_RULE_HL603 },
		{ "Keep", HL_RULE_HL604 },
		{ "\" keep\"", HL_RULE_HL604 },
		{ "keep", HL_RULE_MAX },
		{ "'keep'", HL_RULE_MAX },
		/* not a string: HL120's, not the resource policy's */
		{ "true", HL_RULE_HL120 },
	};
	char text[1024];
	const struct hl_finding *f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), SECRET_META
			 "    helm.sh/resource-policy: %s\n" SECRET_DATA,
			 cases[i].value);
		lint_text(text);
		if (cases[i].want == HL_RULE_MAX) {
			lint_expect_none();
			continue;
		}
		f = lint_expect_at(cases[i].want, cases[i].value, 0);
		if (cases[i].want == HL_RULE_HL604)
			lint_expect_edit(f, f->span, "keep");
		ck_assert_uint_eq(lint_count(HL_RULE_HL603) +
				  lint_count(HL_RULE_HL604),
				  cases[i].want != HL_RULE_HL120);
		lint_expect_total(1);
	}
}
END_TEST

START_TEST(resource_policy_messages)
{
	const struct hl_finding *f;

	lint_text(SECRET_META
		  "    helm.sh/resource-policy: \" Keep \"\n"
		  SECRET_DATA);
	f = lint_expect_at(HL_RULE_HL604, "\" Keep \"", 0);
	ck_assert_str_eq(f->message, "resource policy ' Keep ' is 'keep' only "
			 "after trimming and lower-casing: uninstall keeps the "
			 "resource, but an upgrade or rollback that removes it "
			 "from the chart compares exactly and deletes it");
	lint_expect_total(1);
}
END_TEST

/* ---- HL703 ---- */

START_TEST(argocd_hook_overrides)
{
	const struct hl_finding *f;

	lint_text(JOB_META
		  "    helm.sh/hook: pre-install\n"
		  "    argocd.argoproj.io/hook: PreSync\n"
		  CLEANUP
		  JOB_SPEC);
	f = lint_expect_at(HL_RULE_HL703, "argocd.argoproj.io/hook", 0);
	lint_expect_message(f, "Argo CD ignores the Helm hook events");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_uint_eq(f->related[0].span.start,
			  lint_span("helm.sh/hook", 0).start);
	ck_assert_uint_eq(f->related[0].span.end,
			  lint_span("helm.sh/hook", 0).end);
	lint_expect_total(1);
}
END_TEST

START_TEST(argocd_hook_alone)
{
	lint_text(JOB_META "    argocd.argoproj.io/hook: PreSync\n" JOB_SPEC);
	lint_expect_none();
}
END_TEST

static Suite *rules_keys_suite(void)
{
	Suite *s = suite_create("rules_keys");
	TCase *tc = tcase_create("keys");
	TCase *rp = tcase_create("resource_policy");

	tcase_add_checked_fixture(tc, NULL, lint_reset);
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

	tcase_add_checked_fixture(rp, NULL, lint_reset);
	tcase_add_test(rp, resource_policy_on_hook);
	tcase_add_test(rp, resource_policy_values);
	tcase_add_test(rp, resource_policy_messages);
	tcase_add_test(rp, argocd_hook_overrides);
	tcase_add_test(rp, argocd_hook_alone);
	suite_add_tcase(s, rp);
	return s;
}

HL_TEST_MAIN(rules_keys_suite)
