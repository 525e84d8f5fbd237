/* SPDX-License-Identifier: MIT */
/*
 * test_lifecycle.c - Helm's hook order, references for every owner kind
 * and edge, and the lifecycle simulation per command with its rules
 */
#include "check_main.h"
#include "lifecycle.h"
#include "lint_text.h"
#include "rules/ordering.h"
#include "source.h"
#include "walker.h"

#include <stdlib.h>
#include <string.h>

/* --- building releases from YAML ---------------------------------------- */

static bool is_manifest(const struct hl_doc *d)
{
	return d->is_mapping && hl_value_present(&d->api_version) &&
	       hl_value_present(&d->kind);
}

static void on_doc(void *user, struct hl_doc *d)
{
	struct hl_release *rel = user;
	struct hl_arena a = { 0 };
	struct hl_hook h;

	if (!is_manifest(d))
		return;
	hl_hook_parse(&a, d, &h);
	hl_release_add(rel, d, &h, 0, false);
	hl_arena_release(&a);
}

static void on_syntax(void *user, const struct hl_docrange *dr, size_t at,
		      size_t end, const char *message)
{
	(void)user;
	(void)dr;
	(void)at;
	(void)end;
	ck_abort_msg("syntax error in test input: %s", message);
}

static const struct hl_walk_ops ops = { on_doc, on_syntax };

struct fx {
	struct hl_buf text;
	const char *source;	/* "# Source:" of the next document */
	struct hl_release rel;
	struct hl_life life;
	struct hl_judgement jd;
};

static void fx_load(struct fx *f, enum hl_target target)
{
	struct hl_arena arena = { 0 }, files = { 0 };
	struct hl_docrange *docs;
	size_t n = hl_split_docs(&files, f->text.s, f->text.len, &docs);

	hl_walk(f->text.s, f->text.len, docs, n, &arena, &ops, &f->rel);
	free(docs);
	hl_arena_release(&arena);
	hl_arena_release(&files);
	hl_life_build(&f->life, &f->rel, NULL, target);
	hl_judge(&f->jd, &f->life);
}

static void fx_free(struct fx *f)
{
	hl_judgement_release(&f->jd);
	hl_life_release(&f->life);
	hl_release_free(&f->rel);
	hl_buf_release(&f->text);
	memset(f, 0, sizeof(*f));
}

static const char *api_of(const char *kind)
{
	static const char *const apps[] = { "Deployment", "StatefulSet",
					    "DaemonSet", "ReplicaSet" };
	size_t i;

	if (!strcmp(kind, "Job") || !strcmp(kind, "CronJob"))
		return "batch/v1";
	for (i = 0; i < HL_ARRAY_SIZE(apps); i++)
		if (!strcmp(kind, apps[i]))
			return "apps/v1";
	if (strstr(kind, "Role"))
		return "rbac.authorization.k8s.io/v1";
	if (!strcmp(kind, "CustomResourceDefinition"))
		return "apiextensions.k8s.io/v1";
	return "v1";
}

/* Append @s with every line indented by @n spaces. */
static void indent(struct hl_buf *b, const char *s, int n)
{
	while (*s) {
		size_t len = strcspn(s, "\n");

		if (len)
			hl_buf_addf(b, "%*s%.*s", n, "", (int)len, s);
		hl_buf_addc(b, '\n');
		s += len + (s[len] == '\n');
	}
}

/*
 * One document: @kind may be "group/version:Kind"; @meta extra metadata
 * lines ("namespace: x"); @events NULL for a regular resource; @body the
 * rest at top level.
 */
static void doc(struct fx *f, const char *kind, const char *name,
		const char *meta, const char *events, const char *weight,
		const char *policy, const char *body)
{
	struct hl_buf *b = &f->text;
	const char *colon = strchr(kind, ':');

	hl_buf_adds(b, "---\n");
	if (f->source)
		hl_buf_addf(b, "# Source: %s\n", f->source);
	f->source = NULL;
	if (colon)
		hl_buf_addf(b, "apiVersion: %.*s\nkind: %s\n", (int)(colon - kind),
			    kind, colon + 1);
	else
		hl_buf_addf(b, "apiVersion: %s\nkind: %s\n", api_of(kind), kind);
	hl_buf_addf(b, "metadata:\n  name: %s\n", name);
	if (meta)
		indent(b, meta, 2);
	if (events) {
		hl_buf_addf(b, "  annotations:\n    \"helm.sh/hook\": %s\n", events);
		if (weight)
			hl_buf_addf(b, "    \"helm.sh/hook-weight\": \"%s\"\n",
				    weight);
		if (policy)
			hl_buf_addf(b, "    \"helm.sh/hook-delete-policy\": %s\n",
				    policy);
	}
	if (body)
		hl_buf_adds(b, body);
}

/* The "spec:" of a pod-template owner around @podspec. */
static char *pod_body(const char *kind, const char *podspec)
{
	struct hl_buf b = HL_BUF_INIT;

	if (!strcmp(kind, "Pod")) {
		hl_buf_adds(&b, "spec:\n");
		indent(&b, podspec, 2);
	} else if (!strcmp(kind, "CronJob")) {
		hl_buf_adds(&b, "spec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n"
			    "    spec:\n      template:\n        spec:\n");
		indent(&b, podspec, 10);
	} else {
		hl_buf_adds(&b, "spec:\n  template:\n    spec:\n");
		indent(&b, podspec, 6);
	}
	return hl_buf_detach(&b);
}

/* A Job hook (or other owner) whose pod spec is @podspec. */
static void owner(struct fx *f, const char *kind, const char *name,
		  const char *meta, const char *events, const char *weight,
		  const char *podspec)
{
	char *body = pod_body(kind, podspec);

	doc(f, kind, name, meta, events, weight, NULL, body);
	free(body);
}

static uint32_t res_named(const struct fx *f, const char *kind,
			  const char *name)
{
	size_t i;

	for (i = 0; i < f->rel.n; i++)
		if (!strcmp(f->rel.res[i].kind, kind) && f->rel.res[i].name &&
		    !strcmp(f->rel.res[i].name, name))
			return (uint32_t)i;
	ck_abort_msg("no %s '%s'", kind, name);
	return HL_NONE;
}

static size_t count(const struct fx *f, enum hl_rule_id rule)
{
	size_t i, n = 0;

	for (i = 0; i < f->jd.nproblems; i++)
		n += f->jd.problems[i].rule == rule;
	return n;
}

/* The one problem of @rule at the document @kind/@name. */
static const struct hl_problem *at(const struct fx *f, enum hl_rule_id rule,
				   const char *kind, const char *name)
{
	uint32_t r = res_named(f, kind, name);
	const struct hl_problem *p;
	size_t n = hl_problems_of(&f->jd, r, &p), i;

	for (i = 0; i < n; i++)
		if (p[i].rule == rule)
			return &p[i];
	ck_abort_msg("no %s at %s '%s'", hl_rule_id(rule), kind, name);
	return NULL;
}

/* The one problem of @rule at document @res. */
static const struct hl_problem *at_res(const struct fx *f,
				       enum hl_rule_id rule, uint32_t res)
{
	const struct hl_problem *p;
	size_t n = hl_problems_of(&f->jd, res, &p), i;

	for (i = 0; i < n; i++)
		if (p[i].rule == rule)
			return &p[i];
	ck_abort_msg("no %s at document %u", hl_rule_id(rule), res);
	return NULL;
}

static void describe(const struct fx *f, struct hl_buf *b)
{
	size_t i;

	for (i = 0; i < f->jd.nproblems; i++) {
		const struct hl_problem *p = &f->jd.problems[i];
		hl_buf_addf(b, " [%s at %s]", hl_rule_id(p->rule),
			    f->rel.res[p->res].name ? f->rel.res[p->res].name :
			    "?");
	}
}

/* Exactly these problems: a list of rule IDs, HL_RULE_MAX-terminated. */
static void expect_only(const struct fx *f, ...)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t n = 0;
	va_list ap;
	int r;

	describe(f, &b);
	va_start(ap, f);
	while ((r = va_arg(ap, int)) != HL_RULE_MAX) {
		ck_assert_msg(count(f, (enum hl_rule_id)r) >= 1,
			      "expected %s, got%s", hl_rule_id(r),
			      b.s ? b.s : " nothing");
		n++;
	}
	va_end(ap);
	ck_assert_msg(f->jd.nproblems == n, "expected %zu problems, got%s",
		      n, b.s ? b.s : " nothing");
	hl_buf_release(&b);
}

#define NONE_BUT(...) __VA_ARGS__, HL_RULE_MAX
#define JOBSPEC(sa) "restartPolicy: Never\nserviceAccountName: " sa \
	"\ncontainers:\n  - name: c\n    image: busybox\n"

/* --- the order of one event ---------------------------------------------- */

static struct hl_res mkres(const char *kind, const char *name, long long w,
			   uint32_t doc)
{
	struct hl_res r;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.name = name;
	r.weight = w;
	r.doc = doc;
	r.is_hook = true;
	r.name_symbolic = name && strstr(name, "{{");
	return r;
}

static struct hl_run mkrun(const struct hl_res *r, enum hl_kinds list,
			   uint16_t nth)
{
	struct hl_run run;

	memset(&run, 0, sizeof(run));
	run.r = r;
	run.path = "chart/templates/hooks.yaml";
	run.kind_idx = (int16_t)hl_kind_index(r->kind, list);
	run.nth = nth;
	return run;
}

static int cmp(const struct hl_res *a, const struct hl_res *b,
	       enum hl_kinds list)
{
	struct hl_run x = mkrun(a, list, 0), y = mkrun(b, list, 0);
	int c = hl_run_cmp(&x, &y);

	/* antisymmetric */
	ck_assert_int_eq(c < 0, hl_run_cmp(&y, &x) > 0);
	return c;
}

START_TEST(order_weight_first)
{
	struct hl_res job = mkres("Job", "a-job", -1, 1);
	struct hl_res sa = mkres("ServiceAccount", "a-sa", 0, 0);

	ck_assert_int_lt(cmp(&job, &sa, HL_KINDS_HELM4), 0);
}
END_TEST

/* helm/helm#12414: equal weights order by name, not kind */
START_TEST(order_equal_weights_by_name)
{
	struct hl_res job = mkres("Job", "my-job", 0, 1);
	struct hl_res sa = mkres("ServiceAccount", "my-sa", 0, 0);

	ck_assert_int_lt(cmp(&job, &sa, HL_KINDS_HELM4), 0);
	ck_assert_int_lt(cmp(&job, &sa, HL_KINDS_HELM3), 0);
}
END_TEST

START_TEST(order_names_by_bytes)
{
	struct hl_res upper = mkres("Job", "Zeta", 0, 0);
	struct hl_res lower = mkres("Job", "alpha", 0, 1);
	struct hl_res utf8 = mkres("Job", "\xc3\xa9t\xc3\xa9", 0, 2);

	ck_assert_int_lt(cmp(&upper, &lower, HL_KINDS_HELM4), 0);
	ck_assert_int_lt(cmp(&lower, &utf8, HL_KINDS_HELM4), 0);
}
END_TEST

START_TEST(order_same_name_by_kind)
{
	struct hl_res job = mkres("Job", "x", 0, 0);
	struct hl_res sa = mkres("ServiceAccount", "x", 0, 1);
	struct hl_res secret = mkres("Secret", "x", 0, 2);

	ck_assert_int_lt(cmp(&sa, &job, HL_KINDS_HELM4), 0);
	/* Helm 3.1 moved ServiceAccount before Secret */
	ck_assert_int_lt(cmp(&sa, &secret, HL_KINDS_HELM4), 0);
}
END_TEST

START_TEST(order_unknown_kinds_last)
{
	struct hl_res widget = mkres("Widget", "x", 0, 0);
	struct hl_res cert = mkres("Certificate", "x", 0, 1);
	struct hl_res api = mkres("APIService", "x", 0, 2);

	ck_assert_int_eq(hl_kind_index("Widget", HL_KINDS_HELM4), -1);
	ck_assert_int_lt(cmp(&api, &widget, HL_KINDS_HELM4), 0);
	ck_assert_int_lt(cmp(&api, &cert, HL_KINDS_HELM3), 0);
	/* two unknown kinds: alphabetical */
	ck_assert_int_lt(cmp(&cert, &widget, HL_KINDS_HELM4), 0);
}
END_TEST

START_TEST(order_kind_lists)
{
	struct hl_res hook = mkres("MutatingWebhookConfiguration", "x", 0, 1);
	struct hl_res cert = mkres("Certificate", "x", 0, 0);
	struct hl_res ing = mkres("Ingress", "x", 0, 2);

	ck_assert_int_eq(hl_kind_index("PriorityClass", HL_KINDS_HELM4), 0);
	ck_assert_int_eq(hl_kind_index("ValidatingWebhookConfiguration",
				       HL_KINDS_HELM4), 37);
	ck_assert_int_eq(hl_kind_index("APIService", HL_KINDS_HELM3), 35);
	ck_assert_int_eq(hl_kind_index("MutatingWebhookConfiguration",
				       HL_KINDS_HELM3), -1);
	/* Helm 4 knows webhook configurations: before unknown kinds */
	ck_assert_int_lt(cmp(&hook, &cert, HL_KINDS_HELM4), 0);
	/* Helm 3 does not: unknown, after "Certificate" alphabetically */
	ck_assert_int_gt(cmp(&hook, &cert, HL_KINDS_HELM3), 0);
	ck_assert_int_lt(cmp(&ing, &hook, HL_KINDS_HELM3), 0);
	ck_assert_int_lt(cmp(&ing, &hook, HL_KINDS_HELM4), 0);
}
END_TEST

/* Equal in weight, name and kind: the input order, then the run. */
START_TEST(order_stable)
{
	struct hl_res a = mkres("Job", "x", 0, 3);
	struct hl_res b = mkres("Job", "x", 0, 7);
	struct hl_run ra = mkrun(&a, HL_KINDS_HELM4, 0);
	struct hl_run rb = mkrun(&b, HL_KINDS_HELM4, 0);
	struct hl_run ra2 = mkrun(&a, HL_KINDS_HELM4, 1);

	ck_assert_int_lt(hl_run_cmp(&ra, &rb), 0);
	ck_assert_int_lt(hl_run_cmp(&ra, &ra2), 0);
	ck_assert_int_eq(hl_run_cmp(&ra, &ra), 0);
	/* the template path orders before the document index */
	ra.path = "chart/templates/z.yaml";
	ck_assert_int_gt(hl_run_cmp(&ra, &rb), 0);
}
END_TEST

/* Symbolic names (chart template sources): known when they first differ
 * in literal text. */
START_TEST(order_symbolic_names)
{
	struct hl_res job = mkres("Job", "{{.Release.Name}}-job", 0, 0);
	struct hl_res sa = mkres("ServiceAccount", "{{.Release.Name}}-sa", 0, 1);
	struct hl_res other = mkres("ServiceAccount", "{{include \"x\" .}}", 0, 2);
	struct hl_res plain = mkres("ServiceAccount", "abc", 0, 3);

	ck_assert(hl_name_order_known(job.name, sa.name));
	ck_assert(!hl_name_order_known(job.name, other.name));
	ck_assert(!hl_name_order_known(plain.name, other.name));
	ck_assert(hl_name_order_known("abc", "abd"));
	ck_assert(hl_name_order_known("a", "a"));
	ck_assert(!hl_name_order_known("a", "a{{.X}}"));
	ck_assert(hl_name_order_known("a{{.X}}", "a{{.X}}-b"));
	ck_assert(!hl_order_uncertain(&job, &sa));
	ck_assert(hl_order_uncertain(&job, &other));
	other.weight = 1;
	ck_assert(!hl_order_uncertain(&job, &other));
	other.weight_templated = true;
	ck_assert(hl_order_uncertain(&job, &other));
	/* a rendered name is literal, whatever it holds */
	other = mkres("ServiceAccount", "{{x}}", 0, 2);
	plain.name_symbolic = other.name_symbolic = false;
	ck_assert(!hl_order_uncertain(&plain, &other));
}
END_TEST

START_TEST(order_of_a_release)
{
	struct fx f = { 0 };
	static const char *const want[] = { "first", "my-job", "my-sa",
					    "same", "same", "webhook",
					    "widget" };
	const struct hl_run *runs;
	size_t i;

	doc(&f, "example.com/v1:Widget", "widget", NULL, "pre-install", "9",
	    NULL, NULL);
	doc(&f, "MutatingWebhookConfiguration", "webhook", NULL, "pre-install",
	    "9", NULL, NULL);
	doc(&f, "ServiceAccount", "my-sa", NULL, "pre-install", NULL, NULL,
	    NULL);
	owner(&f, "Job", "my-job", NULL, "pre-install", "0", JOBSPEC("my-sa"));
	doc(&f, "ConfigMap", "first", NULL, "pre-install", "-1", NULL, NULL);
	doc(&f, "Job", "same", NULL, "pre-install", "3", NULL, NULL);
	doc(&f, "ServiceAccount", "same", NULL, "pre-install", "3", NULL, NULL);
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(f.life.nruns[HL_EV_PRE_INSTALL], 7);
	runs = f.life.runs[HL_EV_PRE_INSTALL];
	for (i = 0; i < HL_ARRAY_SIZE(want); i++)
		ck_assert_str_eq(runs[i].r->name, want[i]);
	ck_assert_str_eq(runs[3].r->kind, "ServiceAccount");
	ck_assert_str_eq(runs[4].r->kind, "Job");
	/* a webhook configuration and an unknown kind of one weight but
	 * different names: Helm 3 agrees, nothing is noted */
	ck_assert_ptr_null(f.life.runs3[HL_EV_PRE_INSTALL]);
	fx_free(&f);
}
END_TEST

START_TEST(order_helm3_note)
{
	struct fx f = { 0 };

	doc(&f, "cert-manager.io/v1:Certificate", "x", NULL, "post-install",
	    NULL, NULL, NULL);
	doc(&f, "ValidatingWebhookConfiguration", "x", NULL, "post-install",
	    NULL, NULL, NULL);
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_str_eq(f.life.runs[HL_EV_POST_INSTALL][0].r->kind,
			 "ValidatingWebhookConfiguration");
	ck_assert_ptr_nonnull(f.life.runs3[HL_EV_POST_INSTALL]);
	ck_assert_str_eq(f.life.runs3[HL_EV_POST_INSTALL][0].r->kind,
			 "Certificate");
	fx_free(&f);

	/* --target helm3 orders by Helm 3's list and notes nothing */
	doc(&f, "cert-manager.io/v1:Certificate", "x", NULL, "post-install",
	    NULL, NULL, NULL);
	doc(&f, "ValidatingWebhookConfiguration", "x", NULL, "post-install",
	    NULL, NULL, NULL);
	fx_load(&f, HL_TARGET_HELM3);
	ck_assert_str_eq(f.life.runs[HL_EV_POST_INSTALL][0].r->kind,
			 "Certificate");
	ck_assert_ptr_null(f.life.runs3[HL_EV_POST_INSTALL]);
	fx_free(&f);
}
END_TEST

/* An event listed twice runs the hook twice; rules see its first run. */
START_TEST(order_duplicated_events)
{
	struct fx f = { 0 };
	const struct hl_run *runs;

	doc(&f, "ConfigMap", "cm", NULL, "pre-install,pre-install,post-install",
	    "1", NULL, NULL);
	doc(&f, "Pod", "test", NULL, "test,test-success", NULL, NULL,
	    "spec:\n  restartPolicy: Never\n");
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(f.life.nruns[HL_EV_PRE_INSTALL], 2);
	ck_assert_uint_eq(f.life.nruns[HL_EV_POST_INSTALL], 1);
	ck_assert_uint_eq(f.life.nruns[HL_EV_TEST], 2);
	runs = f.life.runs[HL_EV_PRE_INSTALL];
	ck_assert_uint_eq(runs[0].nth, 0);
	ck_assert_uint_eq(runs[1].nth, 1);
	ck_assert_uint_eq(count(&f, HL_RULE_HL412), 0);
	fx_free(&f);
}
END_TEST

/* --- references ------------------------------------------------------------ */

static const char *const owners[] = {
	"Pod", "Job", "CronJob", "Deployment", "StatefulSet", "DaemonSet",
	"ReplicaSet",
};

static const struct {
	const char *podspec;
	const char *kind;	/* what it names */
	const char *field;
} edges[] = {
	{ "serviceAccountName: t\n", "ServiceAccount", "serviceAccountName" },
	{ "serviceAccount: t\n", "ServiceAccount", "serviceAccount" },
	{ "volumes:\n  - name: v\n    secret:\n      secretName: t\n", "Secret",
	  "volume secret" },
	{ "volumes:\n  - name: v\n    configMap:\n      name: t\n", "ConfigMap",
	  "volume configMap" },
	{ "volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: t\n",
	  "PersistentVolumeClaim", "volume persistentVolumeClaim" },
	{ "volumes:\n  - name: v\n    projected:\n      sources:\n"
	  "        - secret:\n            name: t\n", "Secret", "projected secret" },
	{ "volumes:\n  - name: v\n    projected:\n      sources:\n"
	  "        - configMap:\n            name: t\n", "ConfigMap",
	  "projected configMap" },
	{ "containers:\n  - name: c\n    envFrom:\n      - secretRef:\n"
	  "          name: t\n", "Secret", "envFrom secretRef" },
	{ "initContainers:\n  - name: c\n    envFrom:\n      - configMapRef:\n"
	  "          name: t\n", "ConfigMap", "envFrom configMapRef" },
	{ "containers:\n  - name: c\n    env:\n      - name: E\n        valueFrom:\n"
	  "          secretKeyRef:\n            name: t\n            key: k\n",
	  "Secret", "env secretKeyRef" },
	{ "initContainers:\n  - name: c\n    env:\n      - name: E\n"
	  "        valueFrom:\n          configMapKeyRef:\n            name: t\n"
	  "            key: k\n", "ConfigMap", "env configMapKeyRef" },
	{ "imagePullSecrets:\n  - name: t\n", "Secret", "imagePullSecrets" },
};

/* Every edge of every owner names its object, in the owner's namespace. */
START_TEST(refs_every_owner_and_edge)
{
	size_t o, e;

	for (o = 0; o < HL_ARRAY_SIZE(owners); o++) {
		for (e = 0; e < HL_ARRAY_SIZE(edges); e++) {
			struct fx f = { 0 };
			const struct hl_res *c;
			uint32_t ci, ti, obj;

			doc(&f, edges[e].kind, "t", "namespace: apps", NULL, NULL,
			    NULL, NULL);
			doc(&f, edges[e].kind, "t", "namespace: other", NULL, NULL,
			    NULL, NULL);
			owner(&f, owners[o], "consumer", "namespace: apps", NULL,
			      NULL, edges[e].podspec);
			fx_load(&f, HL_TARGET_HELM);
			ci = res_named(&f, owners[o], "consumer");
			c = &f.rel.res[ci];
			ck_assert_msg(c->nrefs == 1, "%s %s: %u refs", owners[o],
				      edges[e].field, c->nrefs);
			ck_assert_str_eq(hl_ref_field(&c->refs[0]), edges[e].field);
			ck_assert_str_eq(hl_ref_kind_name(&c->refs[0]),
					 edges[e].kind);
			ck_assert(!c->refs[0].optional);
			obj = hl_life_resolve(&f.life, ci, &c->refs[0]);
			ti = 0;	/* the first document: namespace apps */
			ck_assert_msg(obj != HL_NONE && obj == f.life.obj_of[ti],
				      "%s %s does not resolve", owners[o],
				      edges[e].field);
			fx_free(&f);
		}
	}
}
END_TEST

START_TEST(refs_namespaces)
{
	struct fx f = { 0 };
	const struct hl_res *c;
	uint32_t ci;

	/* no namespace on either side: the release's */
	doc(&f, "Secret", "s", NULL, NULL, NULL, NULL, NULL);
	doc(&f, "ConfigMap", "cm", "namespace: apps", NULL, NULL, NULL, NULL);
	owner(&f, "Job", "j", NULL, NULL, NULL,
	      "volumes:\n  - name: a\n    secret:\n      secretName: s\n"
	      "  - name: b\n    configMap:\n      name: cm\n");
	fx_load(&f, HL_TARGET_HELM);
	ci = res_named(&f, "Job", "j");
	c = &f.rel.res[ci];
	ck_assert_uint_eq(c->nrefs, 2);
	ck_assert_uint_eq(hl_life_resolve(&f.life, ci, &c->refs[0]),
			  f.life.obj_of[0]);
	/* a named namespace is not the release's (unknown) one */
	ck_assert_uint_eq(hl_life_resolve(&f.life, ci, &c->refs[1]), HL_NONE);
	fx_free(&f);
}
END_TEST

START_TEST(refs_optional)
{
	static const char *const specs[] = {
		"volumes:\n  - name: v\n    secret:\n      secretName: t\n"
		"      optional: true\n",
		"volumes:\n  - name: v\n    configMap:\n      name: t\n"
		"      optional: true\n",
		"volumes:\n  - name: v\n    projected:\n      sources:\n"
		"        - secret:\n            name: t\n            optional: true\n",
		"containers:\n  - name: c\n    envFrom:\n      - configMapRef:\n"
		"          name: t\n          optional: true\n",
		"containers:\n  - name: c\n    env:\n      - name: E\n"
		"        valueFrom:\n          secretKeyRef:\n            name: t\n"
		"            key: k\n            optional: true\n",
	};
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(specs); i++) {
		struct fx f = { 0 };
		uint32_t ci;

		doc(&f, strstr(specs[i], "onfigMap") ? "ConfigMap" : "Secret",
		    "t", NULL, NULL, NULL, NULL, NULL);
		owner(&f, "Job", "j", NULL, "pre-install", NULL, specs[i]);
		fx_load(&f, HL_TARGET_HELM);
		ci = res_named(&f, "Job", "j");
		ck_assert_uint_eq(f.rel.res[ci].nrefs, 1);
		ck_assert(f.rel.res[ci].refs[0].optional);
		/* a pre-install hook using a regular resource: not with
		 * optional: true */
		expect_only(&f, HL_RULE_MAX);
		fx_free(&f);
	}
}
END_TEST

START_TEST(refs_rbac)
{
	struct fx f = { 0 };
	const struct hl_res *rb, *crb;
	uint32_t rbi, crbi;

	doc(&f, "ServiceAccount", "sa", "namespace: apps", NULL, NULL, NULL,
	    NULL);
	doc(&f, "ServiceAccount", "sa2", NULL, NULL, NULL, NULL, NULL);
	doc(&f, "Role", "r", "namespace: apps", NULL, NULL, NULL, NULL);
	doc(&f, "ClusterRole", "cr", "namespace: ignored", NULL, NULL, NULL,
	    NULL);
	doc(&f, "RoleBinding", "rb", "namespace: apps", NULL, NULL, NULL,
	    "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n"
	    "  name: r\nsubjects:\n  - kind: ServiceAccount\n    name: sa\n"
	    "  - kind: User\n    name: sa\n");
	doc(&f, "ClusterRoleBinding", "crb", NULL, NULL, NULL, NULL,
	    "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
	    "  kind: ClusterRole\n  name: cr\nsubjects:\n"
	    "  - kind: ServiceAccount\n    name: sa\n    namespace: apps\n"
	    "  - kind: ServiceAccount\n    name: sa2\n");
	fx_load(&f, HL_TARGET_HELM);
	rbi = res_named(&f, "RoleBinding", "rb");
	rb = &f.rel.res[rbi];
	/* the User subject is not a reference */
	ck_assert_uint_eq(rb->nrefs, 2);
	ck_assert_str_eq(hl_ref_kind_name(&rb->refs[0]), "Role");
	ck_assert_str_eq(hl_ref_field(&rb->refs[0]), "roleRef");
	ck_assert_uint_eq(hl_life_resolve(&f.life, rbi, &rb->refs[0]),
			  f.life.obj_of[res_named(&f, "Role", "r")]);
	ck_assert_str_eq(hl_ref_field(&rb->refs[1]), "subjects");
	ck_assert_uint_eq(hl_life_resolve(&f.life, rbi, &rb->refs[1]),
			  f.life.obj_of[res_named(&f, "ServiceAccount", "sa")]);
	crbi = res_named(&f, "ClusterRoleBinding", "crb");
	crb = &f.rel.res[crbi];
	ck_assert_uint_eq(crb->nrefs, 3);
	/* cluster-scoped kinds ignore namespaces */
	ck_assert_uint_eq(hl_life_resolve(&f.life, crbi, &crb->refs[0]),
			  f.life.obj_of[res_named(&f, "ClusterRole", "cr")]);
	ck_assert_uint_eq(hl_life_resolve(&f.life, crbi, &crb->refs[1]),
			  f.life.obj_of[res_named(&f, "ServiceAccount", "sa")]);
	/* no namespace on a ClusterRoleBinding subject: the release's */
	ck_assert_uint_eq(hl_life_resolve(&f.life, crbi, &crb->refs[2]),
			  f.life.obj_of[res_named(&f, "ServiceAccount", "sa2")]);
	fx_free(&f);
}
END_TEST

/* --- the simulation, per command ----------------------------------------- */

START_TEST(install_pre_install_uses_regular)
{
	struct fx f = { 0 };
	const struct hl_problem *p;

	doc(&f, "ServiceAccount", "app", NULL, NULL, NULL, NULL, NULL);
	owner(&f, "Job", "migrate", NULL, "pre-install,post-install", NULL,
	      JOBSPEC("app"));
	/* a RoleBinding hook is not waited on: nothing blocks */
	doc(&f, "RoleBinding", "bind", NULL, "pre-install", "1", NULL,
	    "roleRef:\n  kind: ClusterRole\n  name: view\nsubjects:\n"
	    "  - kind: ServiceAccount\n    name: app\n");
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL402));
	p = at(&f, HL_RULE_HL402, "Job", "migrate");
	ck_assert_uint_eq(p->events, 1u << HL_EV_PRE_INSTALL);
	ck_assert_str_eq(f.rel.res[p->other].kind, "ServiceAccount");
	fx_free(&f);
}
END_TEST

START_TEST(install_later_hook)
{
	struct fx f = { 0 };
	const struct hl_problem *p;

	doc(&f, "ServiceAccount", "my-sa", NULL, "pre-install", NULL, NULL,
	    NULL);
	owner(&f, "Job", "my-job", NULL, "pre-install", NULL, JOBSPEC("my-sa"));
	/* a Deployment hook is not waited on: no HL401 */
	owner(&f, "Deployment", "a-deploy", NULL, "pre-install", "-1",
	      "serviceAccountName: my-sa\n");
	fx_load(&f, HL_TARGET_HELM);
	/* equal weights: Helm orders my-job before my-sa */
	p = at(&f, HL_RULE_HL401, "Job", "my-job");
	ck_assert_uint_eq(p->why, HL_WHY_LATER);
	ck_assert_uint_eq(p->events, 1u << HL_EV_PRE_INSTALL);
	ck_assert_str_eq(f.rel.res[p->other].name, "my-sa");
	/* literal names: the order is known, HL412 has nothing to add */
	expect_only(&f, NONE_BUT(HL_RULE_HL401));
	fx_free(&f);

	/* a lower weight puts it first */
	doc(&f, "ServiceAccount", "my-sa", NULL, "pre-install", "-1", NULL,
	    NULL);
	owner(&f, "Job", "my-job", NULL, "pre-install", NULL, JOBSPEC("my-sa"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, HL_RULE_MAX);
	fx_free(&f);
}
END_TEST

/* An object that exists from an earlier event of the command. */
START_TEST(install_exists_from_earlier_event)
{
	struct fx f = { 0 };

	doc(&f, "ServiceAccount", "sa", NULL, "pre-install,post-install", "5",
	    NULL, NULL);
	owner(&f, "Job", "job", NULL, "post-install", NULL, JOBSPEC("sa"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, HL_RULE_MAX);
	fx_free(&f);

	/* ... unless hook-succeeded deleted it at the end of pre-install */
	doc(&f, "ServiceAccount", "sa", NULL, "pre-install,post-install", "5",
	    "before-hook-creation,hook-succeeded", NULL);
	owner(&f, "Job", "job", NULL, "post-install", NULL, JOBSPEC("sa"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL401));
	fx_free(&f);
}
END_TEST

START_TEST(install_succeeded_then_later_event)
{
	struct fx f = { 0 };
	const struct hl_problem *p;

	doc(&f, "Secret", "env", NULL, "pre-install", "-5",
	    "hook-succeeded,hook-failed", NULL);
	owner(&f, "Job", "seed", NULL, "post-install", NULL,
	      "containers:\n  - name: c\n    envFrom:\n      - secretRef:\n"
	      "          name: env\n");
	fx_load(&f, HL_TARGET_HELM);
	/* HL303 over HL405 */
	expect_only(&f, NONE_BUT(HL_RULE_HL303));
	p = at(&f, HL_RULE_HL303, "Job", "seed");
	ck_assert_uint_eq(p->del_event, HL_EV_PRE_INSTALL);
	ck_assert_uint_eq(p->events, 1u << HL_EV_POST_INSTALL);
	fx_free(&f);

	/* within its own event it is still there */
	doc(&f, "Secret", "env", NULL, "pre-install", "-5",
	    "hook-succeeded,hook-failed", NULL);
	owner(&f, "Job", "seed", NULL, "pre-install", NULL,
	      "containers:\n  - name: c\n    envFrom:\n      - secretRef:\n"
	      "          name: env\n");
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, HL_RULE_MAX);
	fx_free(&f);
}
END_TEST

START_TEST(upgrade_rules)
{
	struct fx f = { 0 };
	const struct hl_problem *p;

	doc(&f, "ConfigMap", "cfg", NULL, NULL, NULL, NULL, NULL);
	owner(&f, "Job", "up", NULL, "pre-upgrade", NULL,
	      "volumes:\n  - name: v\n    configMap:\n      name: cfg\n");
	owner(&f, "Job", "both", NULL, "pre-install,pre-upgrade", "1",
	      "volumes:\n  - name: v\n    configMap:\n      name: cfg\n");
	owner(&f, "Job", "post", NULL, "post-upgrade", NULL,
	      "volumes:\n  - name: v\n    configMap:\n      name: cfg\n");
	fx_load(&f, HL_TARGET_HELM);
	at(&f, HL_RULE_HL403, "Job", "up");
	/* with pre-install, HL402 says it */
	at(&f, HL_RULE_HL402, "Job", "both");
	expect_only(&f, NONE_BUT(HL_RULE_HL403, HL_RULE_HL402));
	ck_assert_uint_eq(f.jd.nproblems, 2);
	fx_free(&f);

	/* a pre-install-only hook is left by install: there at pre-upgrade */
	doc(&f, "ServiceAccount", "sa", NULL, "pre-install", "-1", NULL, NULL);
	owner(&f, "Job", "job", NULL, "pre-install,pre-upgrade", NULL,
	      JOBSPEC("sa"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, HL_RULE_MAX);
	fx_free(&f);

	/* ... unless hook-succeeded deletes it at the end of pre-install */
	doc(&f, "ServiceAccount", "sa", NULL, "pre-install", "-1",
	    "before-hook-creation,hook-succeeded", NULL);
	owner(&f, "Job", "job", NULL, "pre-install,pre-upgrade", NULL,
	      JOBSPEC("sa"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL405));
	p = at(&f, HL_RULE_HL405, "Job", "job");
	ck_assert_uint_eq(p->events, 1u << HL_EV_PRE_UPGRADE);
	ck_assert_uint_eq(p->why, HL_WHY_GONE);
	ck_assert_uint_eq(p->del_event, HL_EV_PRE_INSTALL);
	ck_assert(!p->uncertain);
	fx_free(&f);
}
END_TEST

/*
 * What earlier commands leave: install first, then upgrades, rollbacks
 * and tests in any order. An object is there when every such sequence
 * leaves it; the plan shows one, install, upgrade, rollback and test.
 */
START_TEST(left_by_earlier_commands)
{
	struct fx f = { 0 };
	const struct hl_problem *p;

	doc(&f, "Secret", "kept", NULL, "pre-install", "-1", NULL, NULL);
	doc(&f, "Secret", "cleaned", NULL, "pre-install", "-1",
	    "before-hook-creation,hook-succeeded", NULL);
	doc(&f, "ConfigMap", "after-install", NULL, "post-install", NULL, NULL,
	    NULL);
	doc(&f, "ConfigMap", "after-upgrade", NULL, "post-upgrade", "-1", NULL,
	    NULL);
	doc(&f, "ConfigMap", "after-rollback", NULL, "post-rollback", NULL,
	    NULL, NULL);
	owner(&f, "Job", "reindex", NULL, "post-upgrade", NULL,
	      "containers:\n  - name: c\n    envFrom:\n"
	      "      - secretRef:\n          name: kept\n"
	      "      - secretRef:\n          name: cleaned\n");
	owner(&f, "Job", "backup", NULL, "pre-delete", NULL,
	      "volumes:\n  - name: a\n    configMap:\n"
	      "      name: after-install\n"
	      "  - name: b\n    configMap:\n      name: after-upgrade\n");
	owner(&f, "Job", "restore", NULL, "pre-rollback", NULL,
	      "volumes:\n  - name: a\n    configMap:\n"
	      "      name: after-rollback\n");
	fx_load(&f, HL_TARGET_HELM);
	/* hook-succeeded took it at the end of pre-install */
	p = at(&f, HL_RULE_HL405, "Job", "reindex");
	ck_assert_str_eq(f.rel.res[p->other].name, "cleaned");
	ck_assert_uint_eq(p->why, HL_WHY_GONE);
	ck_assert_uint_eq(p->del_event, HL_EV_PRE_INSTALL);
	ck_assert(!p->uncertain);
	/* uninstall right after install finds no post-upgrade hook; the
	 * plan's history, where an upgrade came first, does */
	p = at(&f, HL_RULE_HL405, "Job", "backup");
	ck_assert_str_eq(f.rel.res[p->other].name, "after-upgrade");
	ck_assert_uint_eq(p->why, HL_WHY_UNLESS_LEFT);
	ck_assert_uint_eq(f.life.left_by[f.life.obj_of[p->other]],
			  1u << HL_CMD_UPGRADE);
	ck_assert(p->uncertain);
	/* the first rollback has none, in the plan too */
	p = at(&f, HL_RULE_HL405, "Job", "restore");
	ck_assert_uint_eq(p->why, HL_WHY_UNLESS_LEFT);
	ck_assert(!p->uncertain);
	expect_only(&f, NONE_BUT(HL_RULE_HL405, HL_RULE_HL405, HL_RULE_HL405));
	fx_free(&f);
}
END_TEST

START_TEST(rollback_rules)
{
	struct fx f = { 0 };

	doc(&f, "Secret", "s", NULL, NULL, NULL, NULL, NULL);
	doc(&f, "ServiceAccount", "sa", NULL, "post-rollback", NULL, NULL, NULL);
	owner(&f, "Pod", "pod", NULL, "pre-rollback", NULL,
	      "restartPolicy: Never\nserviceAccountName: sa\n"
	      "imagePullSecrets:\n  - name: s\n");
	fx_load(&f, HL_TARGET_HELM);
	/* regular resources are there; the post-rollback hook is not */
	expect_only(&f, NONE_BUT(HL_RULE_HL405));
	ck_assert_uint_eq(at(&f, HL_RULE_HL405, "Pod", "pod")->events,
			  1u << HL_EV_PRE_ROLLBACK);
	fx_free(&f);
}
END_TEST

START_TEST(uninstall_rules)
{
	struct fx f = { 0 };

	doc(&f, "ServiceAccount", "gone", NULL, NULL, NULL, NULL, NULL);
	doc(&f, "ServiceAccount", "kept", "annotations:\n"
	    "  helm.sh/resource-policy: keep", NULL, NULL, NULL, NULL);
	owner(&f, "Job", "post", NULL, "post-delete", NULL, JOBSPEC("gone"));
	owner(&f, "Job", "post-kept", NULL, "post-delete", "1", JOBSPEC("kept"));
	owner(&f, "Job", "pre", NULL, "pre-delete", NULL, JOBSPEC("gone"));
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL404));
	ck_assert_uint_eq(at(&f, HL_RULE_HL404, "Job", "post")->events,
			  1u << HL_EV_POST_DELETE);
	fx_free(&f);
}
END_TEST

START_TEST(test_command_rules)
{
	struct fx f = { 0 };

	doc(&f, "ConfigMap", "left", NULL, "post-install", NULL, NULL, NULL);
	doc(&f, "ConfigMap", "cleaned", NULL, "post-install", "1",
	    "hook-succeeded", NULL);
	doc(&f, "ConfigMap", "upgrade-only", NULL, "post-upgrade", NULL, NULL,
	    NULL);
	doc(&f, "ConfigMap", "app", NULL, NULL, NULL, NULL, NULL);
	owner(&f, "Pod", "t-left", NULL, "test", "1",
	      "restartPolicy: Never\ncontainers:\n  - name: c\n    envFrom:\n"
	      "      - configMapRef:\n          name: left\n"
	      "      - configMapRef:\n          name: app\n");
	owner(&f, "Pod", "t-cleaned", NULL, "test", "2",
	      "restartPolicy: Never\ncontainers:\n  - name: c\n    envFrom:\n"
	      "      - configMapRef:\n          name: cleaned\n");
	owner(&f, "Pod", "t-upgrade", NULL, "test", "3",
	      "restartPolicy: Never\ncontainers:\n  - name: c\n    envFrom:\n"
	      "      - configMapRef:\n          name: upgrade-only\n");
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(at(&f, HL_RULE_HL303, "Pod", "t-cleaned")->del_event,
			  HL_EV_POST_INSTALL);
	ck_assert_uint_eq(at(&f, HL_RULE_HL405, "Pod", "t-upgrade")->why,
			  HL_WHY_UNLESS_LEFT);
	expect_only(&f, NONE_BUT(HL_RULE_HL303, HL_RULE_HL405));
	ck_assert_uint_eq(f.jd.nproblems, 2);
	fx_free(&f);
}
END_TEST

START_TEST(regular_consumers)
{
	struct fx f = { 0 };

	doc(&f, "Secret", "hook", NULL, "pre-install,pre-upgrade", NULL, NULL,
	    NULL);
	doc(&f, "Secret", "succeeded", NULL, "pre-install", "1",
	    "before-hook-creation,hook-succeeded", NULL);
	doc(&f, "ConfigMap", "test-data", NULL, "test", NULL,
	    "hook-succeeded", NULL);
	owner(&f, "Deployment", "web", NULL, NULL, NULL,
	      "volumes:\n  - name: a\n    secret:\n      secretName: hook\n"
	      "  - name: b\n    secret:\n      secretName: succeeded\n"
	      "  - name: c\n    configMap:\n      name: test-data\n"
	      "  - name: d\n    secret:\n      secretName: hook\n"
	      "  - name: e\n    secret:\n      secretName: elsewhere\n");
	fx_load(&f, HL_TARGET_HELM);
	/* one each: HL303 over HL304, HL407 over HL304; two references to
	 * "hook" are one finding */
	expect_only(&f, NONE_BUT(HL_RULE_HL304, HL_RULE_HL303, HL_RULE_HL407));
	ck_assert_uint_eq(f.jd.nproblems, 3);
	ck_assert_uint_eq(at(&f, HL_RULE_HL304, "Deployment", "web")->ref, 0);
	fx_free(&f);
}
END_TEST

START_TEST(test_hook_used_by_install_hook)
{
	struct fx f = { 0 };

	doc(&f, "ConfigMap", "fixtures", NULL, "test", NULL, NULL, NULL);
	owner(&f, "Job", "seed", NULL, "post-install", NULL,
	      "volumes:\n  - name: v\n    configMap:\n      name: fixtures\n");
	owner(&f, "Pod", "test", NULL, "test", "1",
	      "restartPolicy: Never\nvolumes:\n  - name: v\n    configMap:\n"
	      "      name: fixtures\n");
	fx_load(&f, HL_TARGET_HELM);
	/* HL407 over HL405; the test Pod runs after it in the same event */
	expect_only(&f, NONE_BUT(HL_RULE_HL407));
	at(&f, HL_RULE_HL407, "Job", "seed");
	fx_free(&f);
}
END_TEST

START_TEST(dropped_documents_take_no_part)
{
	struct fx f = { 0 };

	doc(&f, "ServiceAccount", "sa", NULL, "pre-install,crd-install", "-1",
	    NULL, NULL);
	owner(&f, "Job", "job", NULL, "pre-install", NULL, JOBSPEC("sa"));
	doc(&f, "ServiceAccount", "sa", NULL, "pre-instal", NULL, NULL, NULL);
	fx_load(&f, HL_TARGET_HELM);
	/* the SA is dropped: the Job names nothing in the release */
	expect_only(&f, HL_RULE_MAX);
	ck_assert_uint_eq(f.life.nruns[HL_EV_PRE_INSTALL], 1);
	fx_free(&f);
}
END_TEST

START_TEST(crd_rules)
{
	static const char crd[] = "spec:\n  group: example.com\n  names:\n"
				  "    kind: Widget\n    plural: widgets\n";
	struct fx f = { 0 };

	doc(&f, "CustomResourceDefinition", "widgets.example.com", NULL, NULL,
	    NULL, NULL, crd);
	doc(&f, "example.com/v1:Widget", "w", NULL, "post-install", NULL, NULL,
	    NULL);
	doc(&f, "example.com/v1:Gadget", "g", NULL, "pre-install", NULL, NULL,
	    NULL);
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL406));
	ck_assert_uint_eq(at(&f, HL_RULE_HL406, "Widget", "w")->why,
			  HL_WHY_NOT_YET);
	fx_free(&f);

	/* a CRD hook: same event fires, an earlier one does not */
	doc(&f, "CustomResourceDefinition", "widgets.example.com", NULL,
	    "pre-install,pre-upgrade", "-10", NULL, crd);
	doc(&f, "example.com/v1:Widget", "w", NULL, "pre-install,post-upgrade",
	    NULL, NULL, NULL);
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(at(&f, HL_RULE_HL406, "Widget", "w")->events,
			  1u << HL_EV_PRE_INSTALL);
	ck_assert_uint_eq(at(&f, HL_RULE_HL406, "Widget", "w")->why,
			  HL_WHY_SAME_EVENT);
	fx_free(&f);

	/* a later event */
	doc(&f, "CustomResourceDefinition", "widgets.example.com", NULL,
	    "post-install", NULL, NULL, crd);
	doc(&f, "example.com/v1:Widget", "w", NULL, "pre-install", NULL, NULL,
	    NULL);
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(at(&f, HL_RULE_HL406, "Widget", "w")->why,
			  HL_WHY_LATER_EVENT);
	fx_free(&f);

	/* crds/ is installed first */
	f.source = "shop/crds/widgets.yaml";
	doc(&f, "CustomResourceDefinition", "widgets.example.com", NULL, NULL,
	    NULL, NULL, crd);
	doc(&f, "example.com/v1:Widget", "w", NULL, "pre-install", NULL, NULL,
	    NULL);
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, HL_RULE_MAX);
	fx_free(&f);
}
END_TEST

START_TEST(identity_rules)
{
	struct fx f = { 0 };

	doc(&f, "ConfigMap", "a", NULL, "pre-install", "1", NULL, NULL);
	doc(&f, "ConfigMap", "a", NULL, "pre-install,post-install", "2", NULL,
	    NULL);
	doc(&f, "ConfigMap", "b", NULL, "pre-install", "3", NULL, NULL);
	doc(&f, "ConfigMap", "b", NULL, "pre-upgrade", "3", NULL, NULL);
	doc(&f, "Secret", "c", NULL, NULL, NULL, NULL, NULL);
	doc(&f, "Secret", "c", NULL, "pre-install", "4", NULL, NULL);
	/* another namespace, another kind, another group: not the same */
	doc(&f, "ConfigMap", "a", "namespace: x", "pre-install", "5", NULL,
	    NULL);
	doc(&f, "Secret", "a", NULL, "pre-install", "6", NULL, NULL);
	doc(&f, "example.com/v1:ConfigMap", "a", NULL, "pre-install", "7", NULL,
	    NULL);
	fx_load(&f, HL_TARGET_HELM);
	expect_only(&f, NONE_BUT(HL_RULE_HL408, HL_RULE_HL409, HL_RULE_HL410));
	ck_assert_uint_eq(f.jd.nproblems, 3);
	/* at the later document, the earlier related */
	ck_assert_uint_eq(at_res(&f, HL_RULE_HL408, 1)->events,
			  1u << HL_EV_PRE_INSTALL);
	ck_assert_uint_eq(at_res(&f, HL_RULE_HL408, 1)->other, 0);
	ck_assert_uint_eq(at_res(&f, HL_RULE_HL409, 3)->other, 2);
	ck_assert_uint_eq(at_res(&f, HL_RULE_HL410, 5)->other, 4);
	fx_free(&f);
}
END_TEST

/* Rendered names are literal: Helm's order of one weight is known. */
START_TEST(weight_groups)
{
	struct fx f = { 0 };

	owner(&f, "Job", "b", NULL, "pre-install,pre-upgrade", NULL,
	      JOBSPEC("default"));
	owner(&f, "Job", "a", NULL, "pre-install,pre-upgrade", NULL,
	      JOBSPEC("default"));
	owner(&f, "Pod", "a", NULL, "pre-install", NULL, JOBSPEC("default"));
	doc(&f, "ConfigMap", "c", NULL, "pre-install,pre-upgrade", NULL, NULL,
	    NULL);
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(count(&f, HL_RULE_HL412), 0);
	fx_free(&f);
}
END_TEST

/* Thousands of Jobs of one weight: no pair to compare when every name is
 * literal. */
START_TEST(weight_groups_scale)
{
	struct fx f = { 0 };
	size_t i;

	for (i = 0; i < 3000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "h%05zu", i);
		owner(&f, "Job", name, NULL, "pre-install", i % 3 ? "0" : "1",
		      JOBSPEC("default"));
	}
	fx_load(&f, HL_TARGET_HELM);
	ck_assert_uint_eq(f.jd.nproblems, 0);
	fx_free(&f);
}
END_TEST

/* --- HL412 in chart templates ----------------------------------------------- */

/* A Job hook of chart "shop" named by the template text @name. */
#define TJOB(kind, name, events)                                        \
	"---\n"                                                         \
	"apiVersion: " kind "\n"                                        \
	"metadata:\n"                                                   \
	"  name: " name "\n"                                            \
	"  annotations:\n"                                              \
	"    \"helm.sh/hook\": " events "\n"                            \
	"    \"helm.sh/hook-delete-policy\": before-hook-creation,"      \
	"hook-succeeded\n"                                              \
	"spec:\n"                                                       \
	"  backoffLimit: 1\n"                                           \
	"  template:\n"                                                 \
	"    spec:\n"                                                   \
	"      restartPolicy: Never\n"                                  \
	"      containers:\n"                                           \
	"        - name: main\n"                                        \
	"          image: registry.example.com/shop/api:1.4.2\n"
#define JOB(name, events) TJOB("batch/v1\nkind: Job", name, events)
#define POD(name)                                                       \
	"---\n"                                                         \
	"apiVersion: v1\n"                                              \
	"kind: Pod\n"                                                   \
	"metadata:\n"                                                   \
	"  name: " name "\n"                                            \
	"  annotations:\n"                                              \
	"    \"helm.sh/hook\": test\n"                                  \
	"spec:\n"                                                       \
	"  restartPolicy: Never\n"                                      \
	"  containers:\n"                                               \
	"    - name: main\n"                                            \
	"      image: registry.example.com/shop/api:1.4.2\n"
#define CM(name, events)                                                \
	"---\n"                                                         \
	"apiVersion: v1\n"                                              \
	"kind: ConfigMap\n"                                             \
	"metadata:\n"                                                   \
	"  name: " name "\n"                                            \
	"  annotations:\n"                                              \
	"    \"helm.sh/hook\": " events "\n"                            \
	"data:\n"                                                       \
	"  a: b\n"

#define FULLNAME "{{ include \"shop.fullname\" . }}"
#define RELEASE "{{ .Release.Name }}"

/* Names that share a templated prefix are ordered by their suffixes;
 * what Helm does not wait on, or test Pods, need no order. */
START_TEST(hl412_decided_or_harmless)
{
	lint_template(JOB(FULLNAME "-db-init", "pre-install,pre-upgrade")
		      JOB(FULLNAME "-db-migrate", "pre-install,pre-upgrade"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL412), 0);
	lint_template(CM(FULLNAME "-scripts", "pre-install")
		      CM(RELEASE "-seed", "pre-install"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL412), 0);
	lint_template(POD(FULLNAME "-test-api") POD(RELEASE "-test-ui"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL412), 0);
	lint_reset();
}
END_TEST

/* Jobs named by different helpers: the order is unknown, never claimed. */
START_TEST(hl412_different_helpers)
{
	const struct hl_finding *f;

	lint_template(JOB(FULLNAME "-db-migrate", "pre-install,pre-upgrade")
		      JOB(RELEASE "-search-reindex", "pre-install,pre-upgrade"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL412), 1);
	/* at the last by template text, the other related */
	f = lint_expect_at(HL_RULE_HL412, FULLNAME "-db-migrate", 0);
	ck_assert_int_eq(f->severity, HL_SEV_INFO);
	lint_expect_message(f, "2 hooks of pre-install and pre-upgrade have "
			    "weight 0");
	lint_expect_message(f, "differ in template actions");
	ck_assert_uint_eq(f->nrelated, 1);
	ck_assert_str_eq(f->related[0].message, "Job '{{.Release.Name}}-"
			 "search-reindex' has the same weight; which of the "
			 "two runs first is known only once rendered");
	lint_reset();
}
END_TEST

/* Only the hooks whose order is undecided form the group; the notes say
 * which order is known. */
START_TEST(hl412_group_notes)
{
	const struct hl_finding *f;

	lint_template(JOB(FULLNAME "-a", "post-install")
		      JOB(FULLNAME "-b", "post-install")
		      JOB(RELEASE "-c", "post-install")
		      CM(RELEASE "-d", "post-install")
		      TJOB("v1\nkind: Pod", FULLNAME "-b", "post-install"));
	ck_assert_uint_eq(lint_count(HL_RULE_HL412), 1);
	f = lint_nth(HL_RULE_HL412, 0);
	lint_expect_message(f, "4 hooks of post-install");
	ck_assert_uint_eq(f->nrelated, 3);
	ck_assert_ptr_nonnull(strstr(f->related[0].message, "-c' has the "
				     "same weight; which of the two runs "
				     "first is known only once rendered"));
	ck_assert_ptr_nonnull(strstr(f->related[1].message, "-a' has the "
				     "same weight and a name that sorts "
				     "first, so it runs before it"));
	ck_assert_ptr_nonnull(strstr(f->related[2].message, "Pod '"));
	ck_assert_ptr_nonnull(strstr(f->related[2].message, "has the same "
				     "name and weight: Helm orders equal "
				     "names by kind, so it runs before it"));
	lint_reset();
}
END_TEST

static Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("lifecycle");
	TCase *order = tcase_create("order");
	TCase *refs = tcase_create("references");
	TCase *sim = tcase_create("simulation");

	tcase_add_test(order, order_weight_first);
	tcase_add_test(order, order_equal_weights_by_name);
	tcase_add_test(order, order_names_by_bytes);
	tcase_add_test(order, order_same_name_by_kind);
	tcase_add_test(order, order_unknown_kinds_last);
	tcase_add_test(order, order_kind_lists);
	tcase_add_test(order, order_stable);
	tcase_add_test(order, order_symbolic_names);
	tcase_add_test(order, order_of_a_release);
	tcase_add_test(order, order_helm3_note);
	tcase_add_test(order, order_duplicated_events);
	suite_add_tcase(s, order);
	tcase_add_test(refs, refs_every_owner_and_edge);
	tcase_add_test(refs, refs_namespaces);
	tcase_add_test(refs, refs_optional);
	tcase_add_test(refs, refs_rbac);
	suite_add_tcase(s, refs);
	tcase_add_test(sim, install_pre_install_uses_regular);
	tcase_add_test(sim, install_later_hook);
	tcase_add_test(sim, install_exists_from_earlier_event);
	tcase_add_test(sim, install_succeeded_then_later_event);
	tcase_add_test(sim, upgrade_rules);
	tcase_add_test(sim, left_by_earlier_commands);
	tcase_add_test(sim, rollback_rules);
	tcase_add_test(sim, uninstall_rules);
	tcase_add_test(sim, test_command_rules);
	tcase_add_test(sim, regular_consumers);
	tcase_add_test(sim, test_hook_used_by_install_hook);
	tcase_add_test(sim, dropped_documents_take_no_part);
	tcase_add_test(sim, crd_rules);
	tcase_add_test(sim, identity_rules);
	tcase_add_test(sim, weight_groups);
	tcase_add_test(sim, weight_groups_scale);
	tcase_add_test(sim, hl412_decided_or_harmless);
	tcase_add_test(sim, hl412_different_helpers);
	tcase_add_test(sim, hl412_group_notes);
	suite_add_tcase(s, sim);
	return s;
}

HL_TEST_MAIN(lifecycle_suite)
