/* SPDX-License-Identifier: MIT */
/* test_rules_kinds.c - what a hook's kind does at run time (HL5xx) */
#include "check_main.h"
#include "rules/families.h"

#include <string.h>

/*
 * A document built by hand over a YAML text, so that spans are real
 * offsets. scan() reads the block-style "key: value" lines of the text
 * (two spaces per level, no sequences) and fills the fields the walker
 * would.
 */
static struct {
	struct hl_opts opts;
	struct hl_report report;
	struct hl_arena arena;
	struct hl_doc doc;
	struct hl_hook hook;
	struct hl_ctx ctx;
	const char *buf;
} fx;

static void teardown(void)
{
	struct hl_map *m, *next;
	size_t i;

	for (i = 0; i < fx.report.nfindings; i++)
		hl_finding_release(&fx.report.findings[i]);
	free(fx.report.findings);
	for (m = fx.doc.maps; m; m = next) {
		next = m->next;
		free(m->items);
		free(m);
	}
	hl_arena_release(&fx.arena);
	memset(&fx, 0, sizeof(fx));
}

/* The span of the @nth (0-based) occurrence of @s in the text. */
static struct hl_span at(const char *s, int nth)
{
	const char *p = fx.buf - 1;

	do {
		p = strstr(p + 1, s);
		ck_assert_msg(p, "'%s' not in the text", s);
	} while (nth--);
	return (struct hl_span){ (size_t)(p - fx.buf),
				 (size_t)(p - fx.buf) + strlen(s) };
}

/* The scalar after the key ending at @key.end, up to the end of line. */
static struct hl_value value_after(struct hl_span key)
{
	struct hl_value v = { 0 };
	size_t s = key.end + 1, e;

	v.span.start = v.span.end = s;
	v.style = HL_STYLE_PLAIN;
	v.direct = true;
	while (fx.buf[s] == ' ')
		s++;
	for (e = s; fx.buf[e] && fx.buf[e] != '\n'; e++)
		;
	if (e == s) {
		/* a mapping follows, or the value is empty */
		v.type = HL_Y_NULL;
		v.text = "";
		return v;
	}
	v.span = (struct hl_span){ s, e };
	v.raw = v.span;
	if (fx.buf[s] == '"' || fx.buf[s] == '\'') {
		v.style = fx.buf[s] == '"' ? HL_STYLE_DOUBLE : HL_STYLE_SINGLE;
		v.raw = (struct hl_span){ s + 1, e - 1 };
	}
	v.len = v.raw.end - v.raw.start;
	v.text = hl_arena_strndup(&fx.arena, fx.buf + v.raw.start, v.len);
	v.type = v.style == HL_STYLE_PLAIN ?
		 hl_resolve_plain(v.text, v.len) : HL_Y_STR;
	return v;
}

static void add_kv(struct hl_map *m, struct hl_span key)
{
	struct hl_kv *kv;

	HL_GROW(m->items, m->n + 1, m->alloc);
	kv = &m->items[m->n++];
	memset(kv, 0, sizeof(*kv));
	kv->key_span = key;
	kv->key_len = key.end - key.start;
	kv->key = hl_arena_strndup(&fx.arena, fx.buf + key.start,
				   kv->key_len);
	kv->val = value_after(key);
}

/* One line: @path is its keys joined with '.', @key its key's span. */
static void dispatch(const char *path, struct hl_span key)
{
	struct hl_doc *d = &fx.doc;
	struct hl_podspec *pod = &d->pod[HL_POD_DIRECT];
	struct hl_podspec *tpl = &d->pod[HL_POD_TEMPLATE];

	if (!strcmp(path, "kind")) {
		d->kind = value_after(key);
	} else if (!strcmp(path, "metadata")) {
		d->metadata_key = key;
	} else if (!strcmp(path, "metadata.name")) {
		d->name_key = key;
		d->name = value_after(key);
	} else if (!strcmp(path, "metadata.generateName")) {
		d->generate_name_key = key;
		d->generate_name = value_after(key);
	} else if (!strcmp(path, "metadata.annotations")) {
		d->top = xcalloc(1, sizeof(*d->top));
		d->top->top = true;
		d->top->key_span = key;
		*d->maps_tail = d->top;
		d->maps_tail = &d->top->next;
	} else if (!strncmp(path, "metadata.annotations.", 21)) {
		add_kv(d->top, key);
	} else if (!strcmp(path, "spec")) {
		d->spec_key = key;
		if (hl_kind_is(d, "Pod")) {
			pod->present = true;
			pod->key = pod->parent_key = key;
		}
	} else if (!strcmp(path, "spec.restartPolicy")) {
		pod->restart_policy = value_after(key);
	} else if (!strcmp(path, "spec.template")) {
		tpl->parent_key = key;
	} else if (!strcmp(path, "spec.template.spec")) {
		tpl->present = true;
		tpl->key = key;
	} else if (!strcmp(path, "spec.template.spec.restartPolicy")) {
		tpl->restart_policy = value_after(key);
	} else if (!strcmp(path, "spec.ttlSecondsAfterFinished")) {
		d->ttl_key = key;
	} else if (!strcmp(path, "spec.activeDeadlineSeconds")) {
		d->active_deadline_key = key;
	} else if (!strcmp(path, "spec.backoffLimit")) {
		d->backoff_limit_key = key;
	}
}

static void scan(const char *text)
{
	char keys[8][64], path[512];
	const char *p = text;
	size_t depth, i;

	memset(&fx, 0, sizeof(fx));
	hl_opts_init(&fx.opts);
	fx.buf = text;
	fx.doc.is_mapping = true;
	fx.doc.maps_tail = &fx.doc.maps;
	fx.ctx = (struct hl_ctx){ .opts = &fx.opts, .report = &fx.report,
				  .arena = &fx.arena, .buf = text,
				  .len = strlen(text), .doc = &fx.doc,
				  .hook = &fx.hook };
	while (*p) {
		const char *k = p, *colon;

		while (*k == ' ')
			k++;
		colon = strchr(k, ':');
		ck_assert(colon && (k - p) % 2 == 0);
		depth = (size_t)(k - p) / 2;
		snprintf(keys[depth], sizeof(keys[0]), "%.*s",
			 (int)(colon - k), k);
		path[0] = '\0';
		for (i = 0; i <= depth; i++)
			snprintf(path + strlen(path), sizeof(path) -
				 strlen(path), "%s%s", i ? "." : "", keys[i]);
		dispatch(path, (struct hl_span){ (size_t)(k - text),
						 (size_t)(colon - text) });
		p = strchr(colon, '\n');
		p = p ? p + 1 : colon + strlen(colon);
	}
	hl_hook_parse(&fx.arena, &fx.doc, &fx.hook);
}

static void lint(const char *text)
{
	scan(text);
	hl_check_kinds(&fx.ctx);
}

static size_t count(enum hl_rule_id rule)
{
	size_t i, n = 0;

	for (i = 0; i < fx.report.nfindings; i++)
		n += fx.report.findings[i].rule == rule;
	return n;
}

/* The finding of @rule at @span; fails the test when there is none. */
static const struct hl_finding *expect(enum hl_rule_id rule,
				       struct hl_span span)
{
	size_t i;

	for (i = 0; i < fx.report.nfindings; i++) {
		const struct hl_finding *f = &fx.report.findings[i];

		if (f->rule == rule && f->span.start == span.start &&
		    f->span.end == span.end)
			return f;
	}
	ck_abort_msg("no %s at [%zu, %zu) among %zu findings",
		     hl_rule_id(rule), span.start, span.end,
		     fx.report.nfindings);
	return NULL;
}

static const struct hl_finding *expect_only(enum hl_rule_id rule,
					    struct hl_span span)
{
	const struct hl_finding *f = expect(rule, span);

	ck_assert_uint_eq(fx.report.nfindings, 1);
	return f;
}

static void expect_message(const struct hl_finding *f, const char *part)
{
	ck_assert_msg(strstr(f->message, part), "'%s' not in '%s'", part,
		      f->message);
}

static struct hl_span zero_width_after(const char *key)
{
	struct hl_span s = at(key, 0);

	s.start = s.end;
	return s;
}

#define JOB(hook)                                                       \
	"apiVersion: batch/v1\n"                                        \
	"kind: Job\n"                                                   \
	"metadata:\n"                                                   \
	"  name: migrate\n"                                             \
	"  annotations:\n"                                              \
	"    helm.sh/hook: " hook "\n"

#define POD(hook)                                                       \
	"apiVersion: v1\n"                                              \
	"kind: Pod\n"                                                   \
	"metadata:\n"                                                   \
	"  name: smoke\n"                                               \
	"  annotations:\n"                                              \
	"    helm.sh/hook: " hook "\n"

/* ---- HL501 ---- */

START_TEST(job_is_fine)
{
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
	teardown();
	lint(JOB("pre-install")
	     "spec:\n"
	     "  activeDeadlineSeconds: 60\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: OnFailure\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(job_restart_always)
{
	const struct hl_finding *f;

	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Always\n");
	f = expect(HL_RULE_HL501, at("Always", 0));
	ck_assert_str_eq(f->message, "Job hook's pod template has "
			 "restartPolicy 'Always', which the API server "
			 "rejects for a Job");
	ck_assert_str_eq(f->help,
			 "set spec.template.spec.restartPolicy: Never");
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(job_restart_missing)
{
	const struct hl_finding *f;

	/* at the pod spec's "spec:" key */
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      serviceAccountName: sa\n");
	f = expect(HL_RULE_HL501, at("spec", 1));
	ck_assert_str_eq(f->message, "Job hook's pod template has no "
			 "restartPolicy: it defaults to Always, which the API "
			 "server rejects for a Job");
	ck_assert_uint_eq(fx.report.nfindings, 1);
	teardown();

	/* no pod spec: at "template:" */
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    metadata:\n");
	expect_only(HL_RULE_HL501, at("template", 0));
	teardown();

	/* no template: at the Job's "spec:" */
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n");
	expect_only(HL_RULE_HL501, at("spec", 0));
	teardown();

	/* no spec at all: at the kind (HL509 points there too) */
	lint(JOB("pre-install"));
	expect(HL_RULE_HL501, at("Job", 0));
	expect(HL_RULE_HL509, at("Job", 0));
	ck_assert_uint_eq(fx.report.nfindings, 2);
}
END_TEST

START_TEST(job_restart_empty)
{
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy:\n");
	expect_only(HL_RULE_HL501, zero_width_after("restartPolicy:"));
	teardown();
	lint(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: \"\"\n");
	expect_only(HL_RULE_HL501, at("\"\"", 0));
	teardown();
	/* the walker does not resolve restartPolicy: null stays a string */
	scan(JOB("pre-install")
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: null\n");
	fx.doc.pod[HL_POD_TEMPLATE].restart_policy.type = HL_Y_STR;
	hl_check_kinds(&fx.ctx);
	expect_only(HL_RULE_HL501, at("null", 0));
}
END_TEST

/* ---- HL502, HL503 ---- */

START_TEST(pod_restart)
{
	const struct hl_finding *f;

	lint(POD("test")
	     "spec:\n"
	     "  restartPolicy: Always\n");
	f = expect(HL_RULE_HL502, at("Always", 0));
	ck_assert_str_eq(f->message, "Pod hook has restartPolicy 'Always', "
			 "so it never reaches Succeeded and Helm waits until "
			 "--timeout");
	ck_assert_uint_eq(fx.report.nfindings, 1);
	teardown();

	lint(POD("post-install")
	     "spec:\n"
	     "  serviceAccountName: sa\n");
	f = expect(HL_RULE_HL502, at("spec", 0));
	ck_assert_str_eq(f->message, "Pod hook has no restartPolicy: it "
			 "defaults to Always, so it never reaches Succeeded "
			 "and Helm waits until --timeout");
	ck_assert_uint_eq(fx.report.nfindings, 1);
	teardown();

	lint(POD("test")
	     "spec:\n"
	     "  restartPolicy: OnFailure\n");
	expect_only(HL_RULE_HL503, at("OnFailure", 0));
	teardown();

	lint(POD("test")
	     "spec:\n"
	     "  restartPolicy: Never\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

/* ---- HL504, HL505, HL506 ---- */

START_TEST(job_name_length)
{
	const struct hl_finding *f;
	const char *name64 = "a123456789b123456789c123456789"
			     "d123456789e123456789f1234567890123";

	lint("kind: Job\n"
	     "metadata:\n"
	     "  name: a123456789b123456789c123456789"
	     "d123456789e123456789f1234567890123\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	f = expect(HL_RULE_HL504, at(name64, 0));
	ck_assert_str_eq(f->message, "Job hook name is 64 characters long, "
			 "more than 63: it is copied into the job-name label, "
			 "so the API server rejects the Job");
	ck_assert_str_eq(f->help, "shorten metadata.name; in the template, "
			 "'| trunc 63 | trimSuffix \"-\"' keeps a long release "
			 "name from pushing it over");
	ck_assert_uint_eq(fx.report.nfindings, 1);
	teardown();

	lint("kind: Job\n"
	     "metadata:\n"
	     "  name: \"a123456789b123456789c123456789"
	     "d123456789e123456789f123456789012\"\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(job_ttl)
{
	lint(JOB("post-install")
	     "spec:\n"
	     "  ttlSecondsAfterFinished: 100\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	ck_assert_str_eq(expect_only(HL_RULE_HL505,
				     at("ttlSecondsAfterFinished", 0))->help,
			 "remove it, and add hook-succeeded to "
			 "helm.sh/hook-delete-policy");
	teardown();
	/* with hook-succeeded already there, the TTL is only redundant */
	lint("kind: Job\n"
	     "metadata:\n"
	     "  name: migrate\n"
	     "  annotations:\n"
	     "    helm.sh/hook: post-install\n"
	     "    helm.sh/hook-delete-policy: before-hook-creation,"
	     "hook-succeeded\n"
	     "spec:\n"
	     "  ttlSecondsAfterFinished: 100\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	ck_assert_str_eq(expect_only(HL_RULE_HL505,
				     at("ttlSecondsAfterFinished", 0))->help,
			 "remove it: hook-succeeded already deletes the Job "
			 "once Helm has seen it complete");
}
END_TEST

START_TEST(generate_name)
{
	lint("kind: Job\n"
	     "metadata:\n"
	     "  generateName: migrate-a123456789b123456789c123456789"
	     "d123456789e123456789f123456789-\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	/* HL504 skips a Job with only generateName */
	expect_only(HL_RULE_HL506, at("generateName", 0));
	teardown();

	lint("kind: ConfigMap\n"
	     "metadata:\n"
	     "  name: cfg\n"
	     "  generateName: cfg-\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

/* ---- HL509, HL510 ---- */

START_TEST(unbounded_job)
{
	const struct hl_finding *f;

	lint(JOB("pre-upgrade")
	     "spec:\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	f = expect(HL_RULE_HL509, at("spec", 0));
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	ck_assert_uint_eq(fx.report.nfindings, 1);
}
END_TEST

START_TEST(test_job)
{
	static const char *const events[] = {
		"test", "test-success", "post-install,test",
	};
	size_t i;
	char text[512];

	for (i = 0; i < HL_ARRAY_SIZE(events); i++) {
		snprintf(text, sizeof(text), JOB("%s")
			 "spec:\n"
			 "  backoffLimit: 1\n"
			 "  template:\n"
			 "    spec:\n"
			 "      restartPolicy: Never\n", events[i]);
		lint(text);
		expect_only(HL_RULE_HL510, at("Job", 0));
		teardown();
	}
	/* an output-log policy prints a Job's logs (Helm 3.18 and later) */
	lint("kind: Job\n"
	     "metadata:\n"
	     "  name: t\n"
	     "  annotations:\n"
	     "    helm.sh/hook: test\n"
	     "    helm.sh/hook-output-log-policy: hook-failed\n"
	     "spec:\n"
	     "  backoffLimit: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Never\n");
	ck_assert_uint_eq(count(HL_RULE_HL510), 0);
}
END_TEST

/* ---- HL507, HL508, HL511 ---- */

static void expect_kind_rule(const char *kind, enum hl_rule_id rule)
{
	char text[256];

	snprintf(text, sizeof(text), "kind: %s\n"
		 "metadata:\n"
		 "  name: x\n"
		 "  annotations:\n"
		 "    helm.sh/hook: pre-install\n", kind);
	lint(text);
	if (rule == HL_RULE_MAX)
		ck_assert_msg(!fx.report.nfindings, "%s flagged", kind);
	else
		expect_only(rule, at(kind, 0));
	teardown();
}

START_TEST(hook_kinds)
{
	expect_kind_rule("Deployment", HL_RULE_HL507);
	expect_kind_rule("StatefulSet", HL_RULE_HL507);
	expect_kind_rule("DaemonSet", HL_RULE_HL507);
	expect_kind_rule("ReplicaSet", HL_RULE_HL507);
	expect_kind_rule("Service", HL_RULE_HL507);
	expect_kind_rule("Ingress", HL_RULE_HL507);
	expect_kind_rule("MutatingWebhookConfiguration", HL_RULE_HL507);
	expect_kind_rule("ValidatingWebhookConfiguration", HL_RULE_HL507);
	expect_kind_rule("APIService", HL_RULE_HL507);
	expect_kind_rule("CustomResourceDefinition", HL_RULE_HL508);
	expect_kind_rule("PersistentVolumeClaim", HL_RULE_HL511);
	expect_kind_rule("PersistentVolume", HL_RULE_HL511);
	/* kinds are case-sensitive; ordinary hook kinds are fine */
	expect_kind_rule("deployment", HL_RULE_MAX);
	expect_kind_rule("job", HL_RULE_MAX);
	expect_kind_rule("ConfigMap", HL_RULE_MAX);
	expect_kind_rule("ServiceAccount", HL_RULE_MAX);
}
END_TEST

START_TEST(kind_messages)
{
	const struct hl_finding *f;

	lint("kind: PersistentVolumeClaim\n"
	     "metadata:\n"
	     "  name: data\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n");
	f = expect(HL_RULE_HL511, at("PersistentVolumeClaim", 0));
	ck_assert_int_eq(f->severity, HL_SEV_ERROR);
	ck_assert_str_eq(f->message, "PersistentVolumeClaim as a hook: Helm "
			 "deletes and re-creates it by name when its events "
			 "run again, so its data is lost");
	teardown();
	/* the message follows the delete policy */
	lint("kind: PersistentVolumeClaim\n"
	     "metadata:\n"
	     "  name: data\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: hook-succeeded\n");
	expect_message(expect(HL_RULE_HL511, at("PersistentVolumeClaim", 0)),
		       "as soon as its event is over (hook-succeeded)");
	teardown();
	lint("kind: PersistentVolume\n"
	     "metadata:\n"
	     "  name: data\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-install\n"
	     "    helm.sh/hook-delete-policy: hook-failed\n");
	expect_message(expect(HL_RULE_HL511, at("PersistentVolume", 0)),
		       "it outlives helm uninstall and the next install "
		       "fails with AlreadyExists");
}
END_TEST

/* ---- precedence and scope ---- */

START_TEST(not_a_hook)
{
	lint("kind: Job\n"
	     "metadata:\n"
	     "  generateName: x-\n"
	     "spec:\n"
	     "  ttlSecondsAfterFinished: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Always\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
	teardown();
	lint("kind: Deployment\n"
	     "metadata:\n"
	     "  name: web\n"
	     "  annotations:\n"
	     "    helm.sh/hooks: pre-install\n");
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

START_TEST(dropped_document)
{
	scan("kind: Job\n"
	     "metadata:\n"
	     "  generateName: x-\n"
	     "  annotations:\n"
	     "    helm.sh/hook: pre-instal\n"
	     "    helm.sh/hook-wieght: \"1\"\n"
	     "spec:\n"
	     "  ttlSecondsAfterFinished: 1\n"
	     "  template:\n"
	     "    spec:\n"
	     "      restartPolicy: Always\n");
	ck_assert(fx.hook.dropped);
	hl_check_keys(&fx.ctx);
	hl_check_kinds(&fx.ctx);
	/* the key rules still run; no HL5xx for a document Helm drops */
	expect_only(HL_RULE_HL201, at("helm.sh/hook-wieght", 0));
}
END_TEST

START_TEST(disabled_rule)
{
	scan(POD("test")
	     "spec:\n"
	     "  restartPolicy: Always\n");
	fx.opts.severity[HL_RULE_HL502] = HL_SEV_OFF;
	hl_check_kinds(&fx.ctx);
	ck_assert_uint_eq(count(HL_RULE_HL502), 0);
	ck_assert_uint_eq(fx.report.nfindings, 0);
}
END_TEST

static Suite *rules_kinds_suite(void)
{
	Suite *s = suite_create("rules_kinds");
	TCase *tc = tcase_create("kinds");

	tcase_add_checked_fixture(tc, NULL, teardown);
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
