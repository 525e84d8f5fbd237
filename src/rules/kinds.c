/* SPDX-License-Identifier: MIT */
/* rules/kinds.c - what a hook's kind does when Helm creates and waits */
#include "rules/families.h"

#include <string.h>

/* The job-name label a Job's name is copied into (§13.4). */
#define JOB_NAME_MAX 63

/* Kinds Helm never waits on and never manages as hooks (§9.2). */
static const char *const long_running[] = {
	"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Service",
	"Ingress", "MutatingWebhookConfiguration",
	"ValidatingWebhookConfiguration", "APIService",
};

/* Kinds whose data a re-creation by name destroys. */
static const char *const stateful[] = {
	"PersistentVolumeClaim", "PersistentVolume",
};

enum restart {
	RESTART_OK,
	RESTART_MISSING,	/* no key: the API defaults to Always */
	RESTART_EMPTY,		/* null or "": defaulted to Always too */
	RESTART_ALWAYS,
	RESTART_ON_FAILURE,
};

static bool text_is(const struct hl_value *v, const char *s)
{
	size_t n = strlen(s);

	return v->text && v->len == n && !memcmp(v->text, s, n);
}

/* Null and "" reach the API server as an omitted field. */
static bool is_empty(const struct hl_value *v)
{
	return v->type == HL_Y_NULL || !v->text || !v->len ||
	       (v->style == HL_STYLE_PLAIN &&
		hl_resolve_plain(v->text, v->len) == HL_Y_NULL);
}

static enum restart restart_policy(const struct hl_value *v)
{
	if (!hl_value_present(v))
		return RESTART_MISSING;
	/* an alias we could not resolve may be anything: no guessing */
	if (hl_value_is_nonscalar(v))
		return RESTART_OK;
	if (is_empty(v))
		return RESTART_EMPTY;
	if (text_is(v, "Always"))
		return RESTART_ALWAYS;
	if (text_is(v, "OnFailure"))
		return RESTART_ON_FAILURE;
	return RESTART_OK;
}

/* A missing restartPolicy points at the nearest key that exists. */
static struct hl_span missing_at(const struct hl_doc *d,
				 const struct hl_podspec *p)
{
	if (hl_span_set(p->key))
		return p->key;
	if (hl_span_set(p->parent_key))
		return p->parent_key;
	if (hl_span_set(d->spec_key))
		return d->spec_key;
	return d->kind.span;
}

/* HL501, HL502: a restartPolicy that is (or defaults to) Always. */
static void check_always(struct hl_ctx *ctx, enum hl_rule_id rule,
			 const struct hl_podspec *p, const char *who,
			 const char *why, const char *help)
{
	const struct hl_value *v = &p->restart_policy;
	struct hl_finding *f;

	switch (restart_policy(v)) {
	case RESTART_MISSING:
		/* a template action may emit the pod spec's keys */
		if (p->open)
			return;
		f = hl_report(ctx, rule, missing_at(ctx->doc, p),
			      "%s has no restartPolicy: it defaults to "
			      "Always, %s", who, why);
		break;
	case RESTART_EMPTY:
		f = hl_report(ctx, rule, v->span, "%s has an empty "
			      "restartPolicy: it defaults to Always, %s", who,
			      why);
		break;
	case RESTART_ALWAYS:
		f = hl_report(ctx, rule, v->span, "%s has restartPolicy "
			      "'Always', %s", who, why);
		break;
	default:
		return;
	}
	hl_finding_help(f, "%s", help);
}

/* HL504: the Job controller copies the name into the job-name label. */
static void check_job_name(struct hl_ctx *ctx)
{
	const struct hl_value *name = &ctx->doc->name;

	if (!name->text || name->len <= JOB_NAME_MAX)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL504, name->span,
		"Job hook name is %zu characters long, more than %d: it is "
		"copied into the job-name label, so the API server rejects "
		"the Job", name->len, JOB_NAME_MAX),
		"shorten metadata.name; in the template, '| trunc 63 | "
		"trimSuffix \"-\"' keeps a long release name from pushing it "
		"over");
}

/* A TTL below this can delete a Job before Helm has seen it complete;
 * longer ones are deliberate cleanup of failed runs (§9.2). */
#define TTL_RACE_MAX 60

/* The literal TTL in seconds when it is short enough to race, else -1. */
static long long racing_ttl(const struct hl_doc *d)
{
	const struct hl_value *v = &d->ttl;
	long long n;

	if (!hl_span_set(d->ttl_key) || v->templated ||
	    v->style != HL_STYLE_PLAIN ||
	    hl_atoi(v->text, v->len, &n) != HL_ATOI_OK ||
	    n < 0 || n >= TTL_RACE_MAX)
		return -1;
	return n;
}

/* HL505: the TTL controller deletes the Job before Helm sees it end. */
static void check_job_ttl(struct hl_ctx *ctx)
{
	long long ttl = racing_ttl(ctx->doc);

	if (ttl < 0)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL505, ctx->doc->ttl_key,
		"Job hook sets ttlSecondsAfterFinished to %lld: Kubernetes "
		"can delete the Job before Helm has seen it complete, and "
		"then %s", ttl,
		/* version notes per --target */
		ctx->opts->target == HL_TARGET_HELM3 ?
		"Helm 3 takes it as done but Helm 4 waits until --timeout" :
		ctx->opts->target == HL_TARGET_ARGOCD ?
		"Helm 4 waits until --timeout and Argo CD stalls" :
		"Helm 4 waits until --timeout"),
		ctx->hook->policy_mask & HL_POL_HOOK_SUCCEEDED ?
		"remove it: hook-succeeded already deletes the Job once Helm "
		"has seen it complete (a TTL of a minute or more still cleans "
		"up failed runs)" :
		"remove it and add hook-succeeded to "
		"helm.sh/hook-delete-policy, or keep it a minute or more");
}

/* HL509 (opt-in): only a deadline ends a hung Pod; backoffLimit (6 by
 * default) counts failed ones. */
static void check_job_deadline(struct hl_ctx *ctx)
{
	const struct hl_doc *d = ctx->doc;

	if (hl_span_set(d->active_deadline_key) || d->spec_open ||
	    d->root_open)
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL509,
		hl_span_set(d->spec_key) ? d->spec_key : d->kind.span,
		"Job hook has no activeDeadlineSeconds: a hung Pod blocks "
		"Helm for the whole --timeout (backoffLimit, 6 by default, "
		"only bounds retries of failing Pods)"),
		"set spec.activeDeadlineSeconds below Helm's --timeout");
}

/* Whether the output-log policy names hook-succeeded or hook-failed. */
static bool has_log_policy(struct hl_ctx *ctx)
{
	const struct hl_kv *kv = ctx->hook->log_policy;
	struct hl_token *t;
	size_t n, i;

	if (!kv || hl_value_is_nonscalar(&kv->val))
		return false;
	n = hl_tokenize(ctx->arena, &kv->val, &t);
	for (i = 0; i < n; i++) {
		int bit = hl_policy_lookup(t[i].norm);

		if (bit == HL_POL_HOOK_SUCCEEDED || bit == HL_POL_HOOK_FAILED)
			return true;
	}
	return false;
}

static void check_job(struct hl_ctx *ctx)
{
	check_always(ctx, HL_RULE_HL501, &ctx->doc->pod[HL_POD_TEMPLATE],
		     "Job hook's pod template",
		     "which the API server rejects for a Job",
		     "set spec.template.spec.restartPolicy: Never");
	check_job_name(ctx);
	check_job_ttl(ctx);
	check_job_deadline(ctx);
	/* HL510; an output-log policy prints its logs (Helm 3.18+, §6) */
	if ((ctx->hook->event_mask & (1u << HL_EV_TEST)) &&
	    !has_log_policy(ctx))
		hl_finding_help(hl_report(ctx, HL_RULE_HL510,
			ctx->doc->kind.span, "Job used as a test hook: 'helm "
			"test --logs' shows only Pod logs, so its output is "
			"lost"), "use a Pod for test hooks");
}

static void check_pod(struct hl_ctx *ctx)
{
	const struct hl_podspec *p = &ctx->doc->pod[HL_POD_DIRECT];

	check_always(ctx, HL_RULE_HL502, p, "Pod hook",
		     "so it never reaches Succeeded and Helm waits until "
		     "--timeout", "set spec.restartPolicy: Never");
	if (restart_policy(&p->restart_policy) == RESTART_ON_FAILURE)
		hl_finding_help(hl_report(ctx, HL_RULE_HL503,
			p->restart_policy.span, "Pod hook has restartPolicy "
			"'OnFailure': a failing container restarts in place, "
			"so the Pod never reaches Failed and a failure shows "
			"only as a timeout"),
			"set spec.restartPolicy: Never");
}

/* HL506: Helm finds hooks by name (before-hook-creation, logs, tests). */
static void check_generate_name(struct hl_ctx *ctx)
{
	const struct hl_doc *d = ctx->doc;
	bool named = hl_value_present(&d->name) && !is_empty(&d->name);

	if (named || d->metadata_open || !hl_value_present(&d->generate_name))
		return;
	hl_finding_help(hl_report(ctx, HL_RULE_HL506,
		hl_span_set(d->generate_name_key) ? d->generate_name_key :
		d->generate_name.span,
		"hook has metadata.generateName but no metadata.name: "
		"before-hook-creation and output logs need the name%s",
		ctx->opts->target == HL_TARGET_HELM3 ? "" :
		", and Helm 4 cannot create it"), "set metadata.name");
}

static const char *kind_in(const struct hl_doc *d, const char *const *kinds,
			   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (hl_kind_is(d, kinds[i]))
			return kinds[i];
	return NULL;
}

/* HL511: what the delete policy does to a volume's data (§5.2, §5.3). */
static void check_stateful(struct hl_ctx *ctx, const char *kind)
{
	unsigned pol = ctx->hook->policy_mask;
	const char *why;

	if (ctx->hook->policy_templated ||
	    (ctx->doc->top && ctx->doc->top->open))
		why = "its delete policy deletes and re-creates it, or leaves "
		      "it behind after helm uninstall; either way its data does "
		      "not follow the release";
	else if (pol & HL_POL_HOOK_SUCCEEDED)
		why = "Helm deletes it as soon as its event is over "
		      "(hook-succeeded), so its data is lost";
	else if (pol & HL_POL_BEFORE_HOOK_CREATION)
		why = "Helm deletes and re-creates it by name when its events "
		      "run again, so its data is lost";
	else
		why = "no delete policy removes it, so it outlives helm "
		      "uninstall and the next install fails with AlreadyExists "
		      "(Helm 3) or patches the old one (Helm 4)";
	hl_finding_help(hl_report(ctx, HL_RULE_HL511, ctx->doc->kind.span,
		"%s as a hook: %s", kind, why),
		"make it a regular resource of the chart (with "
		"helm.sh/resource-policy: keep to survive uninstall)");
}

/* What Helm does to a hook it never waits on, by its delete policy. */
static const char *long_running_effect(const struct hl_hook *h)
{
	unsigned again = h->event_mask & (1u << HL_EV_PRE_UPGRADE |
		1u << HL_EV_POST_UPGRADE | 1u << HL_EV_PRE_ROLLBACK |
		1u << HL_EV_POST_ROLLBACK);

	if (h->policy_templated)
		return "its delete policy then re-creates it, deletes it or "
		       "leaves it behind";
	if (h->policy_mask & HL_POL_HOOK_SUCCEEDED)
		return "it is deleted again as soon as its event ends "
		       "(hook-succeeded)";
	if ((h->policy_mask & HL_POL_BEFORE_HOOK_CREATION) && again)
		return "it is deleted and re-created at every upgrade or "
		       "rollback that runs its events (downtime each time), "
		       "and helm uninstall leaves it behind";
	return "it is never updated, and helm uninstall leaves it behind";
}

/* The name for a note: template text as the release rules show it. */
static const char *name_text(struct hl_ctx *ctx)
{
	const struct hl_value *n = &ctx->doc->name;
	struct hl_buf b = HL_BUF_INIT;
	const char *s;
	size_t len;

	if (hl_value_template_text(ctx->doc, n, &b)) {
		s = hl_shorten(ctx->arena, b.s ? b.s : "", b.len);
		hl_buf_release(&b);
		return s;
	}
	s = hl_value_string(n, &len);
	return hl_shorten(ctx->arena, s, len);
}

/* HL507: once per values switch that makes objects such hooks. */
static void check_long_running(struct hl_ctx *ctx, const char *kind)
{
	const char *sw = hl_doc_hook_switch(ctx->arena, ctx->doc,
					    ctx->hook->hook);
	struct hl_finding *f;

	f = hl_report(ctx, HL_RULE_HL507, ctx->doc->kind.span,
		      "%s as a hook%s%s%s: Helm does not wait for it to be "
		      "ready; %s", kind, sw ? " (under '" : "",
		      sw ? hl_shorten(ctx->arena, sw, strlen(sw)) : "",
		      sw ? "')" : "", long_running_effect(ctx->hook));
	hl_finding_help(f, sw ? "make them regular resources of the chart: "
			"to start workloads after a hook Job, let an init "
			"container wait instead" :
			"make it a regular resource of the chart");
	if (sw)
		hl_finding_group(f, sw, "%s '%s' is made a hook by the same "
				 "condition", kind, name_text(ctx));
}

/* HL507, HL508, HL511: kinds that make poor hooks. */
static void check_kind(struct hl_ctx *ctx)
{
	const struct hl_doc *d = ctx->doc;
	const char *k;

	if ((k = kind_in(d, long_running, HL_ARRAY_SIZE(long_running))))
		check_long_running(ctx, k);
	else if (hl_kind_is(d, "CustomResourceDefinition"))
		hl_finding_help(hl_report(ctx, HL_RULE_HL508, d->kind.span,
			"CustomResourceDefinition as a hook: Helm does not "
			"wait for it to be Established and never deletes it"),
			"put the CRD in the chart's crds/ directory");
	else if ((k = kind_in(d, stateful, HL_ARRAY_SIZE(stateful))))
		check_stateful(ctx, k);
}

void hl_check_kinds(struct hl_ctx *ctx)
{
	/* a dropped document never reaches the cluster */
	if (!ctx->hook->is_hook || ctx->hook->dropped)
		return;
	if (hl_kind_is(ctx->doc, "Job"))
		check_job(ctx);
	else if (hl_kind_is(ctx->doc, "Pod"))
		check_pod(ctx);
	check_generate_name(ctx);
	check_kind(ctx);
}
