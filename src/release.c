/* SPDX-License-Identifier: MIT */
/* release.c - per-resource summaries and their references (§17) */
#include "release.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*
 * An open-addressing string table: names repeat across references. Each
 * string carries its hash just before it in the arena, so probes compare
 * strings only on a real match and growing never rehashes them, while a
 * slot stays one pointer.
 */
struct hl_intern {
	const char **slots;
	size_t cap, n;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint64_t hash_of(const char *interned)
{
	uint64_t h;

	memcpy(&h, interned - sizeof(h), sizeof(h));
	return h;
}

static void intern_grow(struct hl_intern *t)
{
	const char **old = t->slots;
	size_t oldcap = t->cap, i;

	t->cap = oldcap ? oldcap * 2 : 1024;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	for (i = 0; i < oldcap; i++) {
		size_t j;
		if (!old[i])
			continue;
		j = hash_of(old[i]) & (t->cap - 1);
		while (t->slots[j])
			j = (j + 1) & (t->cap - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

static const char *intern(struct hl_release *rel, const char *s, size_t n)
{
	struct hl_intern *t;
	uint64_t h;
	char *p;
	size_t j;

	if (!s)
		return NULL;
	if (!rel->intern)
		rel->intern = xcalloc(1, sizeof(*rel->intern));
	t = rel->intern;
	if (2 * (t->n + 1) > t->cap)
		intern_grow(t);
	h = hash(s, n);
	j = h & (t->cap - 1);
	while (t->slots[j]) {
		if (hash_of(t->slots[j]) == h && !memcmp(t->slots[j], s, n) &&
		    !t->slots[j][n])
			return t->slots[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->n++;
	p = hl_arena_alloc(&rel->arena, sizeof(h) + n + 1);
	memcpy(p, &h, sizeof(h));
	memcpy(p + sizeof(h), s, n);
	p[sizeof(h) + n] = '\0';
	return t->slots[j] = p + sizeof(h);
}

static const char *intern_value(struct hl_release *rel,
				const struct hl_value *v)
{
	size_t len;
	const char *s = hl_value_string(v, &len);

	return s && len ? intern(rel, s, len) : NULL;
}

/*
 * The text a value is compared by. A value that template actions build
 * (chart template sources) is its template text with each action
 * normalised, so that two uses of one helper name one object and two
 * helpers do not (docs/hacking.md "Symbolic names"); *@sym tells which.
 */
static const char *symbolic(struct hl_release *rel, const struct hl_doc *d,
			    const struct hl_value *v, bool *sym)
{
	struct hl_buf b = HL_BUF_INIT;
	const char *out;

	if (sym)
		*sym = false;
	if (!hl_value_template_text(d, v, &b))
		return intern_value(rel, v);
	if (!b.len)
		return NULL;	/* all of it emitted elsewhere: unknown */
	if (sym)
		*sym = true;
	out = intern(rel, b.s, b.len);
	hl_buf_release(&b);
	return out;
}

/* The pod-spec slot a kind's references come from, or -1. */
static int pod_slot(const char *kind)
{
	static const char *const templated[] = {
		"Job", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
		"ReplicationController",
	};
	size_t i;

	if (!strcmp(kind, "Pod"))
		return HL_POD_DIRECT;
	if (!strcmp(kind, "CronJob"))
		return HL_POD_CRON;
	for (i = 0; i < HL_ARRAY_SIZE(templated); i++)
		if (!strcmp(kind, templated[i]))
			return HL_POD_TEMPLATE;
	return -1;
}

/* What a reference capture names; -1 for the flags and RBAC parts. */
static int ref_kind(unsigned cap)
{
	switch (cap) {
	case HL_CAP_SA_NAME:
	case HL_CAP_SA:
		return HL_REF_SERVICE_ACCOUNT;
	case HL_CAP_VOL_SECRET:
	case HL_CAP_PROJ_SECRET:
	case HL_CAP_ENVFROM_SECRET:
	case HL_CAP_ENV_SECRET:
	case HL_CAP_PULL_SECRET:
		return HL_REF_SECRET;
	case HL_CAP_VOL_CM:
	case HL_CAP_PROJ_CM:
	case HL_CAP_ENVFROM_CM:
	case HL_CAP_ENV_CM:
		return HL_REF_CONFIGMAP;
	case HL_CAP_VOL_PVC:
		return HL_REF_PVC;
	default:
		return -1;
	}
}

/* The "optional: true" next to a reference (the same list item). */
static bool is_optional(const struct hl_doc *d, const struct hl_cap *ref)
{
	const struct hl_cap *c;
	size_t len;

	for (c = d->caps; c; c = c->next) {
		const char *s;
		if (c->id != ref->id + 1 || c->group != ref->group ||
		    ref->id == HL_CAP_SA_NAME || ref->id == HL_CAP_SA ||
		    ref->id == HL_CAP_VOL_PVC || ref->id == HL_CAP_PULL_SECRET)
			continue;
		s = hl_value_string(&c->val, &len);
		return s && len == 4 && !strncmp(s, "true", 4);
	}
	return false;
}

struct refs {
	struct hl_ref *v;
	size_t n, alloc;
};

static void add_ref(struct hl_release *rel, const struct hl_doc *d,
		    struct refs *out, int kind, const struct hl_cap *c,
		    const char *ns, bool optional)
{
	struct hl_ref *r;
	const char *name = symbolic(rel, d, &c->val, NULL);

	if (!name)
		return;
	HL_GROW(out->v, out->n + 1, out->alloc);
	r = &out->v[out->n++];
	r->kind = (unsigned char)kind;
	r->cap = c->id;
	r->optional = optional;
	r->name = name;
	r->ns = ns;
	r->span = c->val.span;
}

/* serviceAccountName wins over the deprecated serviceAccount. */
static bool has_sa_name(const struct hl_doc *d, unsigned slot)
{
	const struct hl_cap *c;

	for (c = d->caps; c; c = c->next)
		if (c->id == HL_CAP_SA_NAME && c->slot == slot)
			return true;
	return false;
}

static void pod_refs(struct hl_release *rel, const struct hl_doc *d,
		     unsigned slot, struct refs *out)
{
	const struct hl_cap *c;

	for (c = d->caps; c; c = c->next) {
		int k = ref_kind(c->id);
		if (k < 0 || c->slot != slot)
			continue;
		if (c->id == HL_CAP_SA && has_sa_name(d, slot))
			continue;
		add_ref(rel, d, out, k, c, NULL, is_optional(d, c));
	}
}

/* RoleBinding/ClusterRoleBinding: ServiceAccount subjects and roleRef. */
static void rbac_refs(struct hl_release *rel, const struct hl_doc *d,
		      struct refs *out)
{
	const struct hl_cap *c, *k;
	size_t len;

	for (c = d->caps; c; c = c->next) {
		const char *s;

		if (c->id == HL_CAP_SUBJECT_NAME) {
			const char *ns = NULL;
			bool sa = false;

			for (k = d->caps; k; k = k->next) {
				if (k->group != c->group)
					continue;
				s = hl_value_string(&k->val, &len);
				if (k->id == HL_CAP_SUBJECT_KIND && s &&
				    len == 14 && !strncmp(s, "ServiceAccount", 14))
					sa = true;
				else if (k->id == HL_CAP_SUBJECT_NS)
					ns = symbolic(rel, d, &k->val, NULL);
			}
			if (sa)
				add_ref(rel, d, out, HL_REF_SERVICE_ACCOUNT, c, ns,
					false);
		} else if (c->id == HL_CAP_ROLEREF_NAME) {
			int kind = HL_REF_ROLE;

			for (k = d->caps; k; k = k->next) {
				s = hl_value_string(&k->val, &len);
				if (k->id == HL_CAP_ROLEREF_KIND && s &&
				    len == 11 && !strncmp(s, "ClusterRole", 11))
					kind = HL_REF_CLUSTER_ROLE;
			}
			add_ref(rel, d, out, kind, c, NULL, false);
		}
	}
}

static void crd_names(struct hl_release *rel, const struct hl_doc *d,
		      struct hl_res *r)
{
	const struct hl_cap *c;

	for (c = d->caps; c; c = c->next) {
		if (c->id == HL_CAP_CRD_GROUP)
			r->crd_group = intern_value(rel, &c->val);
		else if (c->id == HL_CAP_CRD_KIND)
			r->crd_kind = intern_value(rel, &c->val);
	}
}

static void hook_facts(struct hl_res *r, const struct hl_hook *h)
{
	size_t i;

	r->is_hook = h->is_hook;
	r->dropped = h->dropped;
	r->keep = h->resource_policy != NULL;
	if (!h->is_hook)
		return;
	r->weight = h->weight_value;
	r->weight_templated = h->weight_templated;
	r->events_templated = h->events_templated;
	r->policy_mask = (unsigned char)h->policy_mask;
	r->event_mask = (uint16_t)h->event_mask;
	for (i = 0; i < h->nevents; i++) {
		bool alias;
		enum hl_event e = hl_event_lookup(h->events[i].norm, &alias);

		if (e != HL_EV_UNKNOWN && r->event_runs[e] < UCHAR_MAX)
			r->event_runs[e]++;
	}
}

/* @r's API group from apiVersion @v ("" for core). */
static void set_group(struct hl_release *rel, struct hl_res *r,
		      const struct hl_value *v)
{
	size_t len;
	const char *api = hl_value_string(v, &len);
	const char *slash = api ? memchr(api, '/', len) : NULL;

	r->group = slash ? intern(rel, api, (size_t)(slash - api)) : "";
}

/*
 * Helm creates, waits on and deletes the items of a kind: List one by
 * one, with the List's hook annotations (§18): replace the List, the
 * last resource added, by one resource per item.
 */
static void list_items(struct hl_release *rel, const struct hl_doc *d)
{
	struct hl_res list = rel->res[rel->n - 1];
	const struct hl_cap *c, *k;
	bool first = true;

	for (c = d->caps; c; c = c->next) {
		struct hl_res *r;

		if (c->id != HL_CAP_ITEM_KIND)
			continue;
		if (!first)
			HL_GROW(rel->res, rel->n + 1, rel->alloc);
		r = &rel->res[first ? rel->n - 1 : rel->n++];
		first = false;
		*r = list;
		r->kind = intern_value(rel, &c->val);
		if (!r->kind)
			r->kind = "";
		r->kind_span = hl_span_narrow(c->val.span);
		r->name = NULL;
		r->group = "";
		r->refs = NULL;
		r->nrefs = 0;
		for (k = d->caps; k; k = k->next) {
			if (k->group != c->group)
				continue;
			if (k->id == HL_CAP_ITEM_API)
				set_group(rel, r, &k->val);
			else if (k->id == HL_CAP_ITEM_NAME) {
				bool sym;

				r->name = symbolic(rel, d, &k->val, &sym);
				r->name_symbolic = sym;
				r->name_span = hl_span_narrow(k->val.span);
			}
		}
	}
}

/* "shop/crds/a.yaml", "shop/charts/db/crds/b.yaml": a chart's crds/. */
void hl_release_add(struct hl_release *rel, const struct hl_doc *d,
		    const struct hl_hook *h, size_t file, bool crds_file)
{
	struct refs refs = { NULL, 0, 0 };
	struct hl_res *r;
	int slot;
	bool sym;

	HL_GROW(rel->res, rel->n + 1, rel->alloc);
	r = &rel->res[rel->n++];
	memset(r, 0, sizeof(*r));
	r->file = (uint32_t)file;
	r->doc = (uint32_t)d->index;
	r->stop_rule = r->rerun_rule = HL_RULE_MAX;
	r->conditional = d->conditional;
	r->generated = d->generated;
	r->source = d->source ? intern(rel, d->source, strlen(d->source)) : NULL;
	r->in_crds_dir = crds_file || (d->source && hl_source_in_crds(d->source));
	set_group(rel, r, &d->api_version);
	r->kind = intern_value(rel, &d->kind);
	if (!r->kind)
		r->kind = "";
	r->name = symbolic(rel, d, &d->name, &sym);
	r->name_symbolic = sym;
	r->ns = symbolic(rel, d, &d->namespace_, NULL);
	r->kind_span = hl_span_narrow(d->kind.span);
	r->name_span = hl_span_narrow(d->name.span);
	hook_facts(r, h);
	/* Helm never reads hook annotations in crds/ (§11) */
	if (r->in_crds_dir)
		r->is_hook = r->dropped = false;
	if ((slot = pod_slot(r->kind)) >= 0)
		pod_refs(rel, d, (unsigned)slot, &refs);
	if (!strcmp(r->kind, "RoleBinding") || !strcmp(r->kind, "ClusterRoleBinding"))
		rbac_refs(rel, d, &refs);
	if (!strcmp(r->kind, "CustomResourceDefinition"))
		crd_names(rel, d, r);
	if (refs.n) {
		r->refs = hl_arena_alloc(&rel->arena, refs.n * sizeof(*r->refs));
		memcpy(r->refs, refs.v, refs.n * sizeof(*r->refs));
		r->nrefs = (uint32_t)refs.n;
	}
	free(refs.v);
	if (!strcmp(r->kind, "List"))
		list_items(rel, d);
}

void hl_release_reset(struct hl_release *rel)
{
	rel->n = 0;
	hl_arena_reset(&rel->arena);
	if (rel->intern) {
		free(rel->intern->slots);
		free(rel->intern);
		rel->intern = NULL;
	}
}

void hl_release_free(struct hl_release *rel)
{
	hl_release_reset(rel);
	hl_arena_release(&rel->arena);
	free(rel->res);
	rel->res = NULL;
	rel->alloc = 0;
}
