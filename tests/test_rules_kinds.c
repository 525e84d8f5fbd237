/* SPDX-License-Identifier: MIT */
/* test_rules_kinds.c - what a hook's kind does at run time (HL5xx) */
#include "check_main.h"
#include "lint_text.h"

#include <stdio.h>
#include <string.h>

/* A migration Job of the "shop" chart, up to its spec. */
#define JOB_NAMED(name, hook)                                           \
	"---\n"                                                         \
	"# Source: shop/templates/db-migrate-job.yaml\n"                \
	"apiVersion: batch/v1\n"                                        \
	"kind: Job\n"                                                   \
	"metadata:\n"                                                   \
	"  name: " name "\n"                                            \
	"  annotations:\n"                                              \
	"    helm.sh/hook: " hook "\n"                                  \
	CLEANUP

#define JOB(hook) JOB_NAMED("shop-db-migrate", hook)

/* Its pod spec's container, at the pod spec's indentation. */
#define CONTAINERS                                                      \
	"      containers:\n"                                           \
	"        - name: migrate\n"                                     \
	"          image: registry.example.com/shop/api:1.4.2\n"        \
	"          args: [\"migrate\", \"--to-latest\"]\n"

/* A bounded Job spec whose pod template has restartPolicy @policy. */
#define JOB_SPEC_WITH(policy)                                                \
	"spec:\n"                                                       \
	"  backoffLimit: 1\n"                                           \
	"  template:\n"                                                 \
	"    spec:\n"                                                   \
	"      restartPolicy: " policy "\n"                             \
	CONTAINERS

/* A test Pod of the chart, up to its spec. */
#define POD(hook)                                                       \
	"---\n"                                                         \
	"# Source: shop/templates/tests/connection-test.yaml\n"         \
	"apiVersion: v1\n"                                              \
	"kind: Pod\n"                                                   \
	"metadata:\n"                                                   \
	"  name: shop-connection-test\n"                                \
	"  annotations:\n"                                              \
	"    helm.sh/hook: " hook "\n"                                  \
	CLEANUP

#define POD_CONTAINERS                                                  \
	"  containers:\n"                                               \
	"    - name: wget\n"                                            \
	"      image: busybox:1.36\n"                                   \
	"      command: [\"wget\", \"shop:80\"]\n"

/* ---- HL501 ---- */

START_TEST(job_is_fine)
{
	lint_text(JOB("pre-install") JOB_SPEC_WITH("Never"));
	lint_expect_none();
	lint_text(JOB("pre-install")
		  "spec:\n"
		  "  activeDeadlineSeconds: 60\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: OnFailure\n"
		  CONTAINERS);
	lint_expect_none();
}
END_TEST

START_TEST(job_restart_always)
{
	const struct hl_finding *f;

	lint_text(JOB("pre-install") JOB_SPEC_WITH("Always"));
	f = lint_expect_at(HL_RULE_HL501, "Always", 0);
	ck_assert_str_eq(f->message, "Job hook's pod template has "
			 "restartPolicy 'Always', which the API server "
			 "rejects for a Job");
	ck_assert_str_eq(f->help,
			 "set spec.template.spec.restartPolicy: Never");
	lint_expect_total(1);
}
END_TEST

START_TEST(job_restart_missing)
{
	const struct hl_finding *f;

	/* at the pod spec's "spec:" key */
	lint_text(JOB("pre-install")
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  CONTAINERS);
	f = lint_expect_at(HL_RULE_HL501, "spec", 1);
	ck_assert_str_eq(f->message, "Job hook's pod template has no "
			 "restartPolicy: it defaults to Always, which the API "
			 "server rejects for a Job");
	lint_expect_total(1);

	/* no pod spec: at "template:" (after "# Source: .../templates/") */
	lint_text(JOB("pre-install")
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    metadata:\n"
		  "      labels:\n"
		  "        app.kubernetes.io/name: shop\n");
	lint_expect_at(HL_RULE_HL501, "template", 1);
	lint_expect_total(1);

	/* no template: at the Job's "spec:" */
	lint_text(JOB("pre-install")
		  "spec:\n"
		  "  backoffLimit: 1\n");
	lint_expect_at(HL_RULE_HL501, "spec", 0);
	lint_expect_total(1);

	/* no spec at all: at the kind */
	lint_text(JOB("pre-install"));
	lint_expect_at(HL_RULE_HL501, "Job", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(job_restart_empty)
{
	lint_text(JOB("pre-install")
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy:\n"
		  CONTAINERS);
	lint_expect(HL_RULE_HL501, lint_after("restartPolicy:"));
	lint_expect_total(1);
	lint_text(JOB("pre-install") JOB_SPEC_WITH("\"\""));
	lint_expect_at(HL_RULE_HL501, "\"\"", 0);
	lint_expect_total(1);
	/* the walker does not resolve restartPolicy: the rule reads null */
	lint_text(JOB("pre-install") JOB_SPEC_WITH("null"));
	lint_expect_at(HL_RULE_HL501, "null", 0);
	lint_expect_total(1);
}
END_TEST

/* ---- HL502, HL503 ---- */

START_TEST(pod_restart)
{
	const struct hl_finding *f;

	lint_text(POD("test")
		  "spec:\n"
		  "  restartPolicy: Always\n"
		  POD_CONTAINERS);
	f = lint_expect_at(HL_RULE_HL502, "Always", 0);
	ck_assert_str_eq(f->message, "Pod hook has restartPolicy 'Always', "
			 "so it never reaches Succeeded and Helm waits until "
			 "--timeout");
	lint_expect_total(1);

	lint_text(POD("post-install")
		  "spec:\n"
		  POD_CONTAINERS);
	f = lint_expect_at(HL_RULE_HL502, "spec", 0);
	ck_assert_str_eq(f->message, "Pod hook has no restartPolicy: it "
			 "defaults to Always, so it never reaches Succeeded "
			 "and Helm waits until --timeout");
	lint_expect_total(1);

	lint_text(POD("test")
		  "spec:\n"
		  "  restartPolicy: OnFailure\n"
		  POD_CONTAINERS);
	lint_expect_at(HL_RULE_HL503, "OnFailure", 0);
	lint_expect_total(1);

	lint_text(POD("test")
		  "spec:\n"
		  "  restartPolicy: Never\n"
		  POD_CONTAINERS);
	lint_expect_none();
}
END_TEST

/* ---- HL504, HL505, HL506 ---- */

#define NAME64 "a123456789b123456789c123456789" \
	       "d123456789e123456789f1234567890123"
#define NAME63 "a123456789b123456789c123456789" \
	       "d123456789e123456789f123456789012"

START_TEST(job_name_length)
{
	const struct hl_finding *f;

	lint_text(JOB_NAMED(NAME64, "pre-install") JOB_SPEC_WITH("Never"));
	f = lint_expect_at(HL_RULE_HL504, NAME64, 0);
	ck_assert_str_eq(f->message, "Job hook name is 64 characters long, "
			 "more than 63: it is copied into the job-name label, "
			 "so the API server rejects the Job");
	ck_assert_str_eq(f->help, "shorten metadata.name; in the template, "
			 "'| trunc 63 | trimSuffix \"-\"' keeps a long release "
			 "name from pushing it over");
	lint_expect_total(1);

	lint_text(JOB_NAMED("\"" NAME63 "\"", "pre-install")
		  JOB_SPEC_WITH("Never"));
	lint_expect_none();
}
END_TEST

#define TTL_JOB(ttl, policy)                                            \
	"---\n"                                                         \
	"# Source: shop/templates/db-migrate-job.yaml\n"                \
	"apiVersion: batch/v1\n"                                        \
	"kind: Job\n"                                                   \
	"metadata:\n"                                                   \
	"  name: shop-db-migrate\n"                                     \
	"  annotations:\n"                                              \
	"    helm.sh/hook: post-install\n"                              \
	"    helm.sh/hook-delete-policy: " policy "\n"                  \
	"spec:\n"                                                       \
	"  ttlSecondsAfterFinished: " ttl "\n"                          \
	"  backoffLimit: 1\n"                                           \
	"  template:\n"                                                 \
	"    spec:\n"                                                   \
	"      restartPolicy: Never\n"                                  \
	CONTAINERS

START_TEST(job_ttl)
{
	const struct hl_finding *f;

	/* 0: the Job can go before Helm sees it complete */
	lint_text(TTL_JOB("0", "before-hook-creation"));
	f = lint_expect_at(HL_RULE_HL505, "ttlSecondsAfterFinished", 0);
	ck_assert_str_eq(f->message, "Job hook sets ttlSecondsAfterFinished "
			 "to 0: Kubernetes can delete the Job before Helm has "
			 "seen it complete, and then Helm 4 waits until "
			 "--timeout");
	ck_assert_str_eq(f->help, "remove it and add hook-succeeded to "
			 "helm.sh/hook-delete-policy, or keep it a minute or "
			 "more");
	/* the TTL deletes the Job: HL302 does not say it stays */
	lint_expect_total(1);
	/* with hook-succeeded, the TTL is only a race */
	lint_text(TTL_JOB("59", "before-hook-creation,hook-succeeded"));
	f = lint_expect_at(HL_RULE_HL505, "ttlSecondsAfterFinished", 0);
	ck_assert_str_eq(f->help, "remove it: hook-succeeded already deletes "
			 "the Job once Helm has seen it complete (a TTL of a "
			 "minute or more still cleans up failed runs)");
	lint_expect_total(1);
	/* a minute and more: deliberate cleanup of failed runs */
	lint_text(TTL_JOB("60", "before-hook-creation,hook-succeeded"));
	lint_expect_none();
	lint_text(TTL_JOB("86400", "before-hook-creation"));
	lint_expect_none();
	/* not a number: the API server's business, not a race */
	lint_text(TTL_JOB("\"0\"", "before-hook-creation,hook-succeeded"));
	lint_expect_none();
	/* a template produces the value: the user's choice */
	lint_template("apiVersion: batch/v1\n"
		      "kind: Job\n"
		      "metadata:\n"
		      "  name: shop-db-migrate\n"
		      "  annotations:\n"
		      "    helm.sh/hook: post-install\n"
		      "    helm.sh/hook-delete-policy: hook-succeeded,before-hook-creation\n"
		      "spec:\n"
		      "  ttlSecondsAfterFinished: {{ .Values.ttl }}\n"
		      "  backoffLimit: 1\n"
		      "  template:\n"
		      "    spec:\n"
		      "      restartPolicy: Never\n"
		      CONTAINERS);
	lint_expect_none();
}
END_TEST

START_TEST(generate_name)
{
	lint_text("---\n"
		  "# Source: shop/templates/db-migrate-job.yaml\n"
		  "apiVersion: batch/v1\n"
		  "kind: Job\n"
		  "metadata:\n"
		  "  generateName: shop-db-migrate-a123456789b123456789"
		  "c123456789d123456789e123456789f123456789-\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-install\n"
		  CLEANUP
		  JOB_SPEC_WITH("Never"));
	/* HL504 skips a Job with only generateName */
	lint_expect_at(HL_RULE_HL506, "generateName", 0);
	lint_expect_total(1);

	lint_text("---\n"
		  "# Source: shop/templates/seed-configmap.yaml\n"
		  "apiVersion: v1\n"
		  "kind: ConfigMap\n"
		  "metadata:\n"
		  "  name: shop-seed\n"
		  "  generateName: shop-seed-\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-install\n"
		  "data:\n"
		  "  currency: EUR\n");
	lint_expect_none();
}
END_TEST

/* ---- HL509, HL510 ---- */

START_TEST(unbounded_job)
{
	const struct hl_finding *f;

	/* off unless enabled */
	lint_text(JOB("pre-upgrade")
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  CONTAINERS);
	lint_expect_none();
	lint_opts()->severity[HL_RULE_HL509] = HL_SEV_INFO;
	/* backoffLimit does not end a hung Pod */
	lint_text(JOB("pre-upgrade")
		  "spec:\n"
		  "  backoffLimit: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  CONTAINERS);
	f = lint_expect_at(HL_RULE_HL509, "spec", 0);
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	lint_expect_message(f, "no activeDeadlineSeconds");
	lint_expect_total(1);
	lint_text(JOB("pre-upgrade")
		  "spec:\n"
		  "  activeDeadlineSeconds: 240\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Never\n"
		  CONTAINERS);
	lint_expect_none();
}
END_TEST

START_TEST(test_job)
{
	static const char *const events[] = {
		"test", "test-success", "post-install,test",
	};
	char text[1024];
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(events); i++) {
		bool deprecated = !strcmp(events[i], "test-success");

		snprintf(text, sizeof(text), JOB("%s") JOB_SPEC_WITH("Never"),
			 events[i]);
		lint_text(text);
		lint_expect_at(HL_RULE_HL510, "Job", 0);
		/* the old name of the event has a rule of its own */
		if (deprecated)
			lint_expect_at(HL_RULE_HL105, "test-success", 0);
		lint_expect_total(1 + deprecated);
	}
	/* an output-log policy prints a Job's logs (Helm 3.18 and later) */
	lint_text(JOB("test")
		  "    helm.sh/hook-output-log-policy: hook-failed\n"
		  JOB_SPEC_WITH("Never"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL510), 0);
	lint_expect_none();
}
END_TEST

/* ---- HL507, HL508, HL511 ---- */

static void expect_kind_rule(const char *api_version, const char *kind,
			     enum hl_rule_id rule)
{
	char text[512];

	snprintf(text, sizeof(text), "---\n"
		 "# Source: shop/templates/hook.yaml\n"
		 "apiVersion: %s\n"
		 "kind: %s\n"
		 "metadata:\n"
		 "  name: shop-setup\n"
		 "  annotations:\n"
		 "    helm.sh/hook: pre-install\n", api_version, kind);
	lint_text(text);
	if (rule == HL_RULE_MAX) {
		lint_expect_none();
		return;
	}
	lint_expect_at(rule, kind, 0);
	lint_expect_total(1);
}

START_TEST(hook_kinds)
{
	expect_kind_rule("apps/v1", "Deployment", HL_RULE_HL507);
	expect_kind_rule("apps/v1", "StatefulSet", HL_RULE_HL507);
	expect_kind_rule("apps/v1", "DaemonSet", HL_RULE_HL507);
	expect_kind_rule("apps/v1", "ReplicaSet", HL_RULE_HL507);
	expect_kind_rule("v1", "Service", HL_RULE_HL507);
	expect_kind_rule("networking.k8s.io/v1", "Ingress", HL_RULE_HL507);
	expect_kind_rule("admissionregistration.k8s.io/v1",
			 "MutatingWebhookConfiguration", HL_RULE_HL507);
	expect_kind_rule("admissionregistration.k8s.io/v1",
			 "ValidatingWebhookConfiguration", HL_RULE_HL507);
	expect_kind_rule("apiregistration.k8s.io/v1", "APIService",
			 HL_RULE_HL507);
	expect_kind_rule("apiextensions.k8s.io/v1", "CustomResourceDefinition",
			 HL_RULE_HL508);
	expect_kind_rule("v1", "PersistentVolumeClaim", HL_RULE_HL511);
	expect_kind_rule("v1", "PersistentVolume", HL_RULE_HL511);
	/* kinds are case-sensitive; ordinary hook kinds are fine */
	expect_kind_rule("apps/v1", "deployment", HL_RULE_MAX);
	expect_kind_rule("batch/v1", "job", HL_RULE_MAX);
	expect_kind_rule("v1", "ConfigMap", HL_RULE_MAX);
	expect_kind_rule("v1", "ServiceAccount", HL_RULE_MAX);
}
END_TEST

#define PVC_SPEC                                                        \
	"spec:\n"                                                       \
	"  accessModes: [ReadWriteOnce]\n"                              \
	"  resources:\n"                                                \
	"    requests:\n"                                               \
	"      storage: 1Gi\n"

START_TEST(kind_messages)
{
	const struct hl_finding *f;

	lint_text("---\n"
		  "# Source: shop/templates/data-pvc.yaml\n"
		  "apiVersion: v1\n"
		  "kind: PersistentVolumeClaim\n"
		  "metadata:\n"
		  "  name: shop-data\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-install\n"
		  PVC_SPEC);
	f = lint_expect_at(HL_RULE_HL511, "PersistentVolumeClaim", 0);
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	ck_assert_str_eq(f->message, "PersistentVolumeClaim as a hook: Helm "
			 "deletes and re-creates it by name when its events "
			 "run again, so its data is lost");
	/* the message follows the delete policy */
	lint_text("---\n"
		  "# Source: shop/templates/data-pvc.yaml\n"
		  "apiVersion: v1\n"
		  "kind: PersistentVolumeClaim\n"
		  "metadata:\n"
		  "  name: shop-data\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: hook-succeeded\n"
		  PVC_SPEC);
	lint_expect_message(lint_expect_at(HL_RULE_HL511,
					   "PersistentVolumeClaim", 0),
			    "as soon as its event is over (hook-succeeded)");
	lint_text("---\n"
		  "# Source: shop/templates/data-pv.yaml\n"
		  "apiVersion: v1\n"
		  "kind: PersistentVolume\n"
		  "metadata:\n"
		  "  name: shop-data\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-install\n"
		  "    helm.sh/hook-delete-policy: hook-failed\n"
		  "spec:\n"
		  "  capacity:\n"
		  "    storage: 1Gi\n"
		  "  accessModes: [ReadWriteOnce]\n"
		  "  hostPath:\n"
		  "    path: /data/shop\n");
	lint_expect_message(lint_expect_at(HL_RULE_HL511,
					   "PersistentVolume", 0),
			    "it outlives helm uninstall and the next install "
			    "fails with AlreadyExists");
}
END_TEST

/* ---- precedence and scope ---- */

START_TEST(not_a_hook)
{
	lint_text("---\n"
		  "# Source: shop/templates/db-migrate-job.yaml\n"
		  "apiVersion: batch/v1\n"
		  "kind: Job\n"
		  "metadata:\n"
		  "  generateName: shop-db-migrate-\n"
		  "spec:\n"
		  "  ttlSecondsAfterFinished: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Always\n"
		  CONTAINERS);
	lint_expect_none();
	/* a misspelled hook key is the key rules' alone */
	lint_text("---\n"
		  "# Source: shop/templates/deployment.yaml\n"
		  "apiVersion: apps/v1\n"
		  "kind: Deployment\n"
		  "metadata:\n"
		  "  name: shop\n"
		  "  annotations:\n"
		  "    helm.sh/hooks: pre-install\n");
	lint_expect_at(HL_RULE_HL201, "helm.sh/hooks", 0);
	lint_expect_total(1);
}
END_TEST

START_TEST(dropped_document)
{
	lint_text("---\n"
		  "# Source: shop/templates/db-migrate-job.yaml\n"
		  "apiVersion: batch/v1\n"
		  "kind: Job\n"
		  "metadata:\n"
		  "  generateName: shop-db-migrate-\n"
		  "  annotations:\n"
		  "    helm.sh/hook: pre-instal\n"
		  "    helm.sh/hook-wieght: \"1\"\n"
		  "spec:\n"
		  "  ttlSecondsAfterFinished: 1\n"
		  "  template:\n"
		  "    spec:\n"
		  "      restartPolicy: Always\n"
		  CONTAINERS);
	/* the key rules still run; no HL5xx for a document Helm drops */
	lint_expect_at(HL_RULE_HL101, "pre-instal", 0);
	lint_expect_at(HL_RULE_HL201, "helm.sh/hook-wieght", 0);
	lint_expect_total(2);
}
END_TEST

START_TEST(disabled_rule)
{
	lint_opts()->severity[HL_RULE_HL502] = HL_SEV_OFF;
	lint_text(POD("test")
		  "spec:\n"
		  "  restartPolicy: Always\n"
		  POD_CONTAINERS);
	ck_assert_uint_eq(lint_count(HL_RULE_HL502), 0);
	lint_expect_none();
}
END_TEST

static Suite *rules_kinds_suite(void)
{
	Suite *s = suite_create("rules_kinds");
	TCase *tc = tcase_create("kinds");

	tcase_add_checked_fixture(tc, NULL, lint_reset);
	tcase_add_test(tc, job_is_fine);
	tcase_add_test(tc, job_restart_always);
	tcase_add_test(tc, job_restart_missing);
	tcase_add_test(tc, job_restart_empty);
	tcase_add_test(tc, pod_restart);
	tcase_add_test(tc, job_name_length);
	tcase_add_test(tc, job_ttl);
	tcase_add_test(tc, generate_name);
	tcase_add_test(tc, unbounded_job);
	tcase_add_test(tc, test_job);
	tcase_add_test(tc, hook_kinds);
	tcase_add_test(tc, kind_messages);
	tcase_add_test(tc, not_a_hook);
	tcase_add_test(tc, dropped_document);
	tcase_add_test(tc, disabled_rule);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(rules_kinds_suite)
