/* SPDX-License-Identifier: MIT */
/*
 * lifecycle.c - Helm's hook lifecycle per command: the order of hooks in
 * each event (§8), which objects exist at each step (§5.3, §9), and which
 * references are not satisfied when their consumer needs them.
 */
#include "lifecycle.h"

#include <stdlib.h>
#include <string.h>

/* InstallOrder (§8.3). Helm 3 has no webhook configurations: the last two. */
static const char *const install_order[] = {
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota",
	"LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
	"ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
	"PersistentVolume", "PersistentVolumeClaim",
	"CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
	"ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
	"RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
	"ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
	"IngressClass", "Ingress", "APIService",
	"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};
#define HELM3_KINDS (HL_ARRAY_SIZE(install_order) - 2)

int hl_kind_index(const char *kind, enum hl_kinds list)
{
	size_t n = list == HL_KINDS_HELM3 ? HELM3_KINDS :
		   HL_ARRAY_SIZE(install_order), i;

	for (i = 0; i < n; i++)
		if (!strcmp(kind, install_order[i]))
			return (int)i;
	return -1;
}

/* Built-in kinds without a namespace, sorted for bsearch. */
static const char *const cluster_kinds[] = {
	"APIService", "CSIDriver", "CSINode", "CertificateSigningRequest",
	"ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
	"FlowSchema", "IngressClass", "MutatingWebhookConfiguration",
	"Namespace", "Node", "PersistentVolume", "PodSecurityPolicy",
	"PriorityClass", "PriorityLevelConfiguration", "RuntimeClass",
	"StorageClass", "ValidatingAdmissionPolicy",
	"ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration",
	"VolumeAttachment",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool hl_kind_cluster_scoped(const char *kind)
{
	return kind && bsearch(&kind, cluster_kinds,
			       HL_ARRAY_SIZE(cluster_kinds),
			       sizeof(*cluster_kinds), cmp_str);
}

const char *hl_cmd_name(enum hl_cmd c)
{
	static const char *const names[HL_CMD_MAX] = {
		"install", "upgrade", "rollback", "uninstall", "test",
	};

	return c < HL_CMD_MAX ? names[c] : "?";
}

size_t hl_cmd_events(enum hl_cmd c, enum hl_event ev[2])
{
	switch (c) {
	case HL_CMD_INSTALL:
		ev[0] = HL_EV_PRE_INSTALL;
		ev[1] = HL_EV_POST_INSTALL;
		return 2;
	case HL_CMD_UPGRADE:
		ev[0] = HL_EV_PRE_UPGRADE;
		ev[1] = HL_EV_POST_UPGRADE;
		return 2;
	case HL_CMD_ROLLBACK:
		ev[0] = HL_EV_PRE_ROLLBACK;
		ev[1] = HL_EV_POST_ROLLBACK;
		return 2;
	case HL_CMD_UNINSTALL:
		ev[0] = HL_EV_PRE_DELETE;
		ev[1] = HL_EV_POST_DELETE;
		return 2;
	case HL_CMD_TEST:
		ev[0] = HL_EV_TEST;
		return 1;
	default:
		return 0;
	}
}

unsigned hl_cmds_of_events(unsigned mask)
{
	enum hl_event ev[2];
	unsigned cmds = 0;
	size_t n, i;
	int c;

	for (c = 0; c < HL_CMD_MAX; c++) {
		n = hl_cmd_events((enum hl_cmd)c, ev);
		for (i = 0; i < n; i++)
			if (mask & 1u << ev[i])
				cmds |= 1u << c;
	}
	return cmds;
}

void hl_cmds_text(struct hl_buf *b, unsigned cmds)
{
	unsigned left = cmds & ((1u << HL_CMD_MAX) - 1);
	bool first = true;
	int c;

	for (c = 0; c < HL_CMD_MAX; c++) {
		if (!(left & 1u << c))
			continue;
		left &= ~(1u << c);
		hl_buf_adds(b, first ? "helm " : left ? ", " : " or ");
		hl_buf_adds(b, hl_cmd_name((enum hl_cmd)c));
		first = false;
	}
}

bool hl_res_waited(const struct hl_res *r)
{
	return !strcmp(r->kind, "Job") || !strcmp(r->kind, "Pod");
}

/* --- order -------------------------------------------------------------- */

static int cmp_opt(const char *a, const char *b)
{
	if (a == b)
		return 0;
	return strcmp(a ? a : "", b ? b : "");
}

int hl_run_cmp(const struct hl_run *a, const struct hl_run *b)
{
	const struct hl_res *x = a->r, *y = b->r;
	int c;

	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if ((c = cmp_opt(x->name, y->name)))
		return c;
	/* sortHooksByKind: unknown kinds last, alphabetical among them */
	if (a->kind_idx != b->kind_idx) {
		if (a->kind_idx < 0 && b->kind_idx < 0)
			return strcmp(x->kind, y->kind);
		if (a->kind_idx < 0)
			return 1;
		if (b->kind_idx < 0)
			return -1;
		return a->kind_idx < b->kind_idx ? -1 : 1;
	}
	if (a->kind_idx < 0 && (c = strcmp(x->kind, y->kind)))
		return c;
	/* the input order: files sorted by path, then documents */
	if ((c = cmp_opt(a->path, b->path)))
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return (a->nth > b->nth) - (a->nth < b->nth);
}

bool hl_name_order_known(const char *a, const char *b)
{
	bool in_action = false;
	size_t i;

	if (!a || !b)
		return true;
	for (i = 0; a[i] && a[i] == b[i]; i++) {
		if (a[i] == '{' && a[i + 1] == '{')
			in_action = true;
		else if (a[i] == '}' && a[i + 1] == '}')
			in_action = false;
	}
	if (a[i] == b[i])
		return true;	/* equal */
	/* an action renders to anything, maybe nothing */
	return !in_action && !(a[i] == '{' && a[i + 1] == '{') &&
	       !(b[i] == '{' && b[i + 1] == '{');
}

bool hl_order_uncertain(const struct hl_res *a, const struct hl_res *b)
{
	if (a->weight_templated || b->weight_templated)
		return true;
	return a->weight == b->weight &&
	       (a->name_symbolic || b->name_symbolic) &&
	       !hl_name_order_known(a->name, b->name);
}

static int run_qsort_cmp(const void *a, const void *b)
{
	return hl_run_cmp(a, b);
}

static bool is_crd(const struct hl_res *r)
{
	return !strcmp(r->kind, "CustomResourceDefinition");
}

/* Deleted by hook-succeeded when its event ends: never a CRD (§5.3). */
static bool deleted_at_end(const struct hl_res *r)
{
	return (r->policy_mask & HL_POL_HOOK_SUCCEEDED) && !is_crd(r);
}

static bool takes_part(const struct hl_res *r)
{
	return !r->dropped;
}

static const char *order_path(const struct hl_life *l, const struct hl_res *r)
{
	if (r->source)
		return r->source;
	if (l->report && r->file < l->report->nfiles)
		return l->report->files[r->file].path;
	return NULL;
}

/* The runs of event @e in Helm's order under kind list @kinds. */
static struct hl_run *event_runs(struct hl_life *l, enum hl_event e,
				 enum hl_kinds kinds, size_t *np)
{
	const struct hl_release *rel = l->rel;
	struct hl_run *runs;
	size_t i, n = 0, k = 0;

	for (i = 0; i < rel->n; i++)
		if (takes_part(&rel->res[i]) && rel->res[i].is_hook)
			n += rel->res[i].event_runs[e];
	*np = n;
	if (!n)
		return NULL;
	runs = xmalloc(n * sizeof(*runs));
	for (i = 0; i < rel->n; i++) {
		const struct hl_res *r = &rel->res[i];
		unsigned j;

		if (!takes_part(r) || !r->is_hook)
			continue;
		for (j = 0; j < r->event_runs[e]; j++) {
			struct hl_run *run = &runs[k++];

			run->r = r;
			run->path = order_path(l, r);
			run->res = (uint32_t)i;
			run->kind_idx = (int16_t)hl_kind_index(r->kind, kinds);
			run->nth = (uint16_t)j;
		}
	}
	if (n)
		qsort(runs, n, sizeof(*runs), run_qsort_cmp);
	return runs;
}

static bool is_webhook_kind(const char *kind)
{
	return !strcmp(kind, "MutatingWebhookConfiguration") ||
	       !strcmp(kind, "ValidatingWebhookConfiguration");
}

/* Under the default target, keep Helm 3's order of @e where it differs. */
static void helm3_order(struct hl_life *l, enum hl_event e)
{
	struct hl_run *r3;
	size_t i, n;
	bool webhook = false;

	for (i = 0; i < l->nruns[e]; i++)
		webhook |= is_webhook_kind(l->runs[e][i].r->kind);
	if (!webhook)
		return;
	r3 = event_runs(l, e, HL_KINDS_HELM3, &n);
	for (i = 0; i < n; i++)
		if (r3[i].r != l->runs[e][i].r ||
		    r3[i].nth != l->runs[e][i].nth)
			break;
	if (i == n) {
		free(r3);
		return;
	}
	l->runs3[e] = r3;
}

/* --- objects: documents of one identity --------------------------------- */

struct key {
	uint64_t h;		/* of the identity: most compares stop here */
	const char *group, *kind, *ns, *name;
	uint32_t res;
};

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;	/* a separator */
}

/*
 * Identities sort by hash, then by their strings: the order only has to
 * group equal identities and make lookups possible, and comparing hashes
 * does not chase string pointers all over memory.
 */
static void key_hash(struct key *k)
{
	uint64_t h = 1469598103934665603ull;

	h = hash_str(h, k->group);
	h = hash_str(h, k->kind);
	h = hash_str(h, k->ns);
	k->h = hash_str(h, k->name);
}

static int cmp_key_id(const struct key *a, const struct key *b)
{
	int c;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	if ((c = cmp_opt(a->group, b->group)) ||
	    (c = cmp_opt(a->kind, b->kind)) || (c = cmp_opt(a->ns, b->ns)))
		return c;
	/* a NULL namespace (the release's) sorts before every named one */
	if (!a->ns != !b->ns)
		return a->ns ? 1 : -1;
	return cmp_opt(a->name, b->name);
}

/* What the sort holds per resource: small, as the release can be big;
 * the strings are looked up only when two hashes are equal. */
struct skey {
	uint64_t h;
	uint32_t res;
};

static struct key full_key(const struct hl_life *l, const struct skey *s)
{
	const struct hl_res *r = &l->rel->res[s->res];
	struct key k = { s->h, r->group, r->kind, l->cluster[s->res] ? NULL :
			 r->ns, r->name, s->res };

	return k;
}

static int cmp_skey(const void *pa, const void *pb, void *ctx)
{
	const struct skey *a = pa, *b = pb;
	struct key ka, kb;
	int c;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	ka = full_key(ctx, a);
	kb = full_key(ctx, b);
	if ((c = cmp_key_id(&ka, &kb)))
		return c;
	return (a->res > b->res) - (a->res < b->res);
}

static bool same_identity(const struct hl_life *l, const struct skey *a,
			  const struct skey *b)
{
	struct key ka, kb;

	if (a->h != b->h)
		return false;
	ka = full_key(l, a);
	kb = full_key(l, b);
	return !cmp_key_id(&ka, &kb);
}

static void build_objects(struct hl_life *l)
{
	const struct hl_release *rel = l->rel;
	struct skey *keys;
	size_t i, n = 0;

	const char *last_kind = NULL;
	bool last_cluster = false;

	l->obj_of = xmalloc((rel->n ? rel->n : 1) * sizeof(*l->obj_of));
	l->cluster = xmalloc(rel->n ? rel->n : 1);
	keys = xmalloc((rel->n ? rel->n : 1) * sizeof(*keys));
	for (i = 0; i < rel->n; i++) {
		const struct hl_res *r = &rel->res[i];
		struct key k;

		/* kinds are interned: consecutive documents share them */
		if (r->kind != last_kind) {
			last_kind = r->kind;
			last_cluster = hl_kind_cluster_scoped(r->kind);
		}
		l->cluster[i] = last_cluster;
		l->obj_of[i] = HL_NONE;
		if (!takes_part(r) || !r->name)
			continue;
		k.group = r->group;
		k.kind = r->kind;
		k.ns = last_cluster ? NULL : r->ns;
		k.name = r->name;
		key_hash(&k);
		keys[n].h = k.h;
		keys[n].res = (uint32_t)i;
		n++;
	}
	/* resources come in document order, so ties keep it */
	if (n)
		qsort_r(keys, n, sizeof(*keys), cmp_skey, l);
	l->ord = xmalloc((n ? n : 1) * sizeof(*l->ord));
	l->ord_hash = xmalloc((n ? n : 1) * sizeof(*l->ord_hash));
	l->obj_start = xmalloc((n + 1) * sizeof(*l->obj_start));
	l->nobj = 0;
	for (i = 0; i < n; i++) {
		if (!i || !same_identity(l, &keys[i - 1], &keys[i]))
			l->obj_start[l->nobj++] = (uint32_t)i;
		l->ord[i] = keys[i].res;
		l->ord_hash[i] = keys[i].h;
		l->obj_of[keys[i].res] = (uint32_t)(l->nobj - 1);
	}
	l->obj_start[l->nobj] = (uint32_t)n;
	free(keys);
}

static const char rbac_group[] = "rbac.authorization.k8s.io";

const char *hl_ref_kind_name(const struct hl_ref *ref)
{
	switch (ref->kind) {
	case HL_REF_SERVICE_ACCOUNT:
		return "ServiceAccount";
	case HL_REF_SECRET:
		return "Secret";
	case HL_REF_CONFIGMAP:
		return "ConfigMap";
	case HL_REF_PVC:
		return "PersistentVolumeClaim";
	case HL_REF_ROLE:
		return "Role";
	case HL_REF_CLUSTER_ROLE:
		return "ClusterRole";
	default:
		return "?";
	}
}

const char *hl_ref_field(const struct hl_ref *ref)
{
	switch (ref->cap) {
	case HL_CAP_SA_NAME:
		return "serviceAccountName";
	case HL_CAP_SA:
		return "serviceAccount";
	case HL_CAP_VOL_SECRET:
		return "volume secret";
	case HL_CAP_VOL_CM:
		return "volume configMap";
	case HL_CAP_VOL_PVC:
		return "volume persistentVolumeClaim";
	case HL_CAP_PROJ_SECRET:
		return "projected secret";
	case HL_CAP_PROJ_CM:
		return "projected configMap";
	case HL_CAP_ENVFROM_SECRET:
		return "envFrom secretRef";
	case HL_CAP_ENVFROM_CM:
		return "envFrom configMapRef";
	case HL_CAP_ENV_SECRET:
		return "env secretKeyRef";
	case HL_CAP_ENV_CM:
		return "env configMapKeyRef";
	case HL_CAP_PULL_SECRET:
		return "imagePullSecrets";
	case HL_CAP_SUBJECT_NAME:
		return "subjects";
	case HL_CAP_ROLEREF_NAME:
		return "roleRef";
	default:
		return "reference";
	}
}

uint32_t hl_life_resolve(const struct hl_life *l, uint32_t res,
			 const struct hl_ref *ref)
{
	const struct hl_res *c = &l->rel->res[res];
	struct key k;
	size_t lo = 0, hi = l->obj_start[l->nobj];

	k.group = ref->kind == HL_REF_ROLE || ref->kind == HL_REF_CLUSTER_ROLE ?
		  rbac_group : "";
	k.kind = hl_ref_kind_name(ref);
	k.name = ref->name;
	/* in the consumer's namespace (none: the release's) */
	if (ref->kind == HL_REF_CLUSTER_ROLE)
		k.ns = NULL;
	else if (ref->ns)
		k.ns = ref->ns;
	else
		k.ns = l->cluster[res] ? NULL : c->ns;
	key_hash(&k);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->ord_hash[mid] < k.h)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the entries of one hash, in string order */
	for (; lo < l->obj_start[l->nobj] && l->ord_hash[lo] == k.h; lo++) {
		uint32_t i = l->ord[lo];
		const struct hl_res *m = &l->rel->res[i];
		struct key mk = { l->ord_hash[lo], m->group, m->kind,
				  l->cluster[i] ? NULL : m->ns, m->name, 0 };

		if (!cmp_key_id(&mk, &k))
			return l->obj_of[i];
	}
	return HL_NONE;
}

/* --- the simulation ----------------------------------------------------- */

enum {
	OBJ_KEEP = 1 << 0,	/* a regular document keeps it on uninstall */
	OBJ_SUCCEEDED = 1 << 1,	/* a hook document has hook-succeeded */
	OBJ_TEST_ONLY = 1 << 2,	/* every hook document is test-only */
	OBJ_CRDS = 1 << 3,	/* installed from crds/ before anything */
	OBJ_OPEN = 1 << 4,	/* a hook document's events are partly
				 * templated: it may run elsewhere too */
};

struct objinfo {
	uint32_t regular;	/* its first regular document, or HL_NONE */
	uint32_t hook;		/* its first hook document, or HL_NONE */
	uint32_t succeeded;	/* its first hook-succeeded document */
	unsigned flags;
};

/* Regular resources at a hook event of a command. */
enum reg_state {
	REG_PRESENT,
	REG_NOT_YET,		/* install: created after pre-install */
	REG_MAYBE,		/* upgrade: only what the last revision had */
	REG_UNINSTALLED,	/* uninstall: deleted before post-delete */
};

static enum reg_state reg_state(enum hl_cmd c, size_t phase)
{
	switch (c) {
	case HL_CMD_INSTALL:
		return phase ? REG_PRESENT : REG_NOT_YET;
	case HL_CMD_UPGRADE:
		return phase ? REG_PRESENT : REG_MAYBE;
	case HL_CMD_UNINSTALL:
		return phase ? REG_UNINSTALLED : REG_PRESENT;
	default:
		return REG_PRESENT;
	}
}

struct sim {
	struct hl_life *l;
	struct objinfo *info;
	/* per object */
	unsigned char *exists;	/* created by a hook, not deleted */
	signed char *del_ev;	/* deleted by hook-succeeded at event */
	uint32_t *del_res;	/* ... by this document */
	uint32_t *pos;		/* first run in the current event */
	unsigned char *before;	/* there when the event began */
	/* what earlier commands leave, per object */
	unsigned char *sure;	/* there after every command sequence */
	signed char *gone;	/* the first event whose hook-succeeded
				 * deletes it, or -1 */
	unsigned char *plan;	/* there in the plan's history, before the
				 * current command */
};

static bool test_only(const struct hl_res *r)
{
	return r->is_hook && r->event_mask == 1u << HL_EV_TEST;
}

static void object_info(struct sim *s)
{
	struct hl_life *l = s->l;
	size_t k;

	s->info = xcalloc(l->nobj ? l->nobj : 1, sizeof(*s->info));
	for (k = 0; k < l->nobj; k++) {
		struct objinfo *inf = &s->info[k];
		const uint32_t *m;
		size_t n = hl_life_members(l, (uint32_t)k, &m), i;
		bool all_test = true;

		inf->regular = inf->hook = inf->succeeded = HL_NONE;
		for (i = 0; i < n; i++) {
			const struct hl_res *r = &l->rel->res[m[i]];

			if (r->in_crds_dir) {
				inf->flags |= OBJ_CRDS;
			} else if (!r->is_hook) {
				if (inf->regular == HL_NONE)
					inf->regular = m[i];
				if (r->keep)
					inf->flags |= OBJ_KEEP;
			} else {
				if (inf->hook == HL_NONE)
					inf->hook = m[i];
				if (deleted_at_end(r)) {
					inf->flags |= OBJ_SUCCEEDED;
					if (inf->succeeded == HL_NONE)
						inf->succeeded = m[i];
				}
				all_test &= test_only(r);
				if (r->events_templated)
					inf->flags |= OBJ_OPEN;
			}
		}
		if (inf->hook != HL_NONE && all_test &&
		    !(inf->flags & OBJ_OPEN))
			inf->flags |= OBJ_TEST_ONLY;
	}
}

static void verdict(struct hl_life *l, uint32_t res, uint32_t ref,
		    uint32_t obj, uint32_t other, int event, enum hl_why why,
		    int del_event)
{
	struct hl_verdict *v;

	HL_GROW(l->verdicts, l->nverdicts + 1, l->verdicts_alloc);
	v = &l->verdicts[l->nverdicts++];
	v->res = res;
	v->ref = ref;
	v->obj = obj;
	v->other = other;
	v->event = (signed char)event;
	v->why = (unsigned char)why;
	v->del_event = (signed char)del_event;
	v->in_plan = false;
}

/* Whether event @g comes after event @e in command @c. */
static bool later_event(enum hl_cmd c, enum hl_event e, int g)
{
	enum hl_event ev[2];
	size_t n = hl_cmd_events(c, ev);

	return n == 2 && ev[0] == e && (int)ev[1] == g;
}

/*
 * A hook object that this command has not created (yet): is it left
 * from earlier commands? The first install finds nothing; later commands
 * find it when every sequence of commands before them leaves it.
 */
static void left_before(struct sim *s, enum hl_cmd c, enum hl_event e,
			uint32_t res, uint32_t refi, uint32_t o)
{
	struct hl_life *l = s->l;
	const struct objinfo *inf = &s->info[o];
	uint32_t other = inf->hook;
	enum hl_why why = HL_WHY_ABSENT;
	int del = -1;

	if (c != HL_CMD_INSTALL) {
		if (s->sure[o])
			return;
		/* deleted by an earlier command, not later by this one */
		if (s->gone[o] >= 0 && !later_event(c, e, s->gone[o])) {
			/* HL303 covers test hooks after install and upgrade */
			why = c == HL_CMD_TEST ? HL_WHY_SUCCEEDED : HL_WHY_GONE;
			del = s->gone[o];
			if (inf->succeeded != HL_NONE)
				other = inf->succeeded;
		} else if (l->left_by[o]) {
			why = HL_WHY_UNLESS_LEFT;
		}
	}
	verdict(l, res, refi, o, other, e, why, del);
	l->verdicts[l->nverdicts - 1].in_plan = c != HL_CMD_INSTALL &&
						s->plan[o];
}

/* Is what @ref names there when run @j of event @e (phase @phase of
 * command @c) creates its consumer? */
static void check_ref(struct sim *s, enum hl_cmd c, size_t phase,
		      enum hl_event e, size_t j, uint32_t res, uint32_t refi)
{
	struct hl_life *l = s->l;
	const struct hl_ref *ref = &l->rel->res[res].refs[refi];
	uint32_t o = hl_life_resolve(l, res, ref);
	const struct objinfo *inf;

	if (ref->optional || o == HL_NONE || o == l->obj_of[res])
		return;
	if (s->exists[o]) {
		/* created earlier in this event, but only by the symbolic
		 * order: rendering may put it after its consumer */
		if (s->pos[o] != HL_NONE && s->pos[o] < j && !s->before[o] &&
		    hl_res_waited(l->rel->res + res) &&
		    hl_order_uncertain(l->rel->res + res,
				       l->runs[e][s->pos[o]].r))
			verdict(l, res, refi, o, l->runs[e][s->pos[o]].res, e,
				HL_WHY_LATER, -1);
		return;
	}
	inf = &s->info[o];
	if (inf->flags & OBJ_CRDS)
		return;
	if (inf->regular != HL_NONE) {
		enum reg_state st = reg_state(c, phase);

		if (st == REG_UNINSTALLED && (inf->flags & OBJ_KEEP))
			return;
		if (st != REG_PRESENT)
			verdict(l, res, refi, o, inf->regular, e,
				st == REG_NOT_YET ? HL_WHY_NOT_YET :
				st == REG_MAYBE ? HL_WHY_MAYBE :
				HL_WHY_UNINSTALLED, -1);
		return;
	}
	/* created again later in this event: the order is what to fix */
	if (s->pos[o] != HL_NONE && s->pos[o] > j)
		verdict(l, res, refi, o, l->runs[e][s->pos[o]].res, e,
			HL_WHY_LATER, -1);
	else if (inf->flags & OBJ_OPEN)
		return;	/* it may run in events we cannot see */
	else if (s->del_ev[o] >= 0)
		verdict(l, res, refi, o, s->del_res[o], e, HL_WHY_SUCCEEDED,
			s->del_ev[o]);
	else if ((inf->flags & OBJ_TEST_ONLY) && e != HL_EV_TEST)
		verdict(l, res, refi, o, inf->hook, e, HL_WHY_TEST_ONLY, -1);
	else
		left_before(s, c, e, res, refi, o);
}

/* One hook event: create in order, then hook-succeeded in reverse (§5.3). */
static void run_event(struct sim *s, enum hl_cmd c, size_t phase,
		      enum hl_event e)
{
	struct hl_life *l = s->l;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], j, i;

	for (j = n; j-- > 0;) {
		uint32_t o = l->obj_of[runs[j].res];
		if (o != HL_NONE) {
			s->pos[o] = (uint32_t)j;
			s->before[o] = s->exists[o];
		}
	}
	for (j = 0; j < n; j++) {
		uint32_t o = l->obj_of[runs[j].res];

		if (!runs[j].nth)	/* rules look at the first run */
			for (i = 0; i < runs[j].r->nrefs; i++)
				check_ref(s, c, phase, e, j, runs[j].res,
					  (uint32_t)i);
		if (o != HL_NONE)
			s->exists[o] = 1;
	}
	for (j = n; j-- > 0;) {
		const struct hl_res *r = runs[j].r;
		uint32_t o = l->obj_of[runs[j].res];

		if (o == HL_NONE)
			continue;
		s->pos[o] = HL_NONE;
		if (deleted_at_end(r) && s->exists[o]) {
			s->exists[o] = 0;
			s->del_ev[o] = (signed char)e;
			s->del_res[o] = runs[j].res;
		}
	}
}

static void run_command(struct sim *s, enum hl_cmd c)
{
	enum hl_event ev[2];
	size_t n = hl_cmd_events(c, ev), i;

	for (i = 0; i < n; i++)
		run_event(s, c, i, ev[i]);
}

static void reset(struct sim *s)
{
	size_t n = s->l->nobj ? s->l->nobj : 1;

	memset(s->exists, 0, n);
	memset(s->del_ev, -1, n);
}

/* --- what earlier commands leave ------------------------------------------ */

/*
 * What event @e leaves of the hook objects in @exists, every hook
 * succeeding: each run creates its object, and hook-succeeded deletes it
 * when the event ends (§5.3). @gone, unless NULL, takes the first event
 * that deletes an object.
 */
static void apply_event(const struct hl_life *l, enum hl_event e,
			unsigned char *exists, signed char *gone)
{
	const struct hl_run *runs = l->runs[e];
	size_t nr = l->nruns[e], j;

	for (j = 0; j < nr; j++)
		if (l->obj_of[runs[j].res] != HL_NONE)
			exists[l->obj_of[runs[j].res]] = 1;
	for (j = 0; j < nr; j++) {
		uint32_t o = l->obj_of[runs[j].res];

		if (o == HL_NONE || !deleted_at_end(runs[j].r))
			continue;
		exists[o] = 0;
		if (gone && gone[o] < 0)
			gone[o] = (signed char)e;
	}
}

/* What command @c leaves, as apply_event() says of each of its events. */
static void apply_command(const struct hl_life *l, enum hl_cmd c,
			  unsigned char *exists, signed char *gone)
{
	enum hl_event ev[2];
	size_t n = hl_cmd_events(c, ev), i;

	for (i = 0; i < n; i++)
		apply_event(l, ev[i], exists, gone);
}

/* The commands that can come between install and the next command. */
static const enum hl_cmd between[] = {
	HL_CMD_UPGRADE, HL_CMD_ROLLBACK, HL_CMD_TEST,
};

/*
 * What is there before a command other than install, whatever upgrades,
 * rollbacks and tests came after the install: a command either leaves an
 * object alone or decides whether it is there, whatever was there
 * before, so one pass over them finds the objects every sequence leaves.
 */
static void left_by_commands(struct sim *s)
{
	struct hl_life *l = s->l;
	size_t n = l->nobj ? l->nobj : 1, i, k;
	unsigned char *t = xmalloc(n);
	enum hl_cmd c;

	for (c = 0; c < HL_CMD_MAX; c++) {
		if (c == HL_CMD_UNINSTALL)
			continue;	/* nothing follows it */
		memset(t, 0, n);
		apply_command(l, c, t, s->gone);
		for (k = 0; k < l->nobj; k++)
			l->left_by[k] |= (unsigned char)(t[k] << c);
	}
	memset(s->sure, 0, n);
	apply_command(l, HL_CMD_INSTALL, s->sure, NULL);
	for (i = 0; i < HL_ARRAY_SIZE(between); i++) {
		memcpy(t, s->sure, n);
		apply_command(l, between[i], t, NULL);
		for (k = 0; k < n; k++)
			s->sure[k] &= t[k];
	}
	free(t);
}

/* A regular resource that uses a hook object (HL303, HL304, HL407). */
static void regular_consumers(struct sim *s)
{
	struct hl_life *l = s->l;
	size_t i, k;

	for (i = 0; i < l->rel->n; i++) {
		const struct hl_res *r = &l->rel->res[i];

		if (!takes_part(r) || r->is_hook || r->in_crds_dir)
			continue;
		for (k = 0; k < r->nrefs; k++) {
			uint32_t ri = (uint32_t)i, rk = (uint32_t)k;
			uint32_t o = hl_life_resolve(l, ri, &r->refs[k]);
			const struct objinfo *inf;

			if (r->refs[k].optional || o == HL_NONE ||
			    o == l->obj_of[i])
				continue;
			inf = &s->info[o];
			if (inf->regular != HL_NONE || (inf->flags & OBJ_CRDS))
				continue;
			if (inf->flags & OBJ_TEST_ONLY)
				verdict(l, ri, rk, o, inf->hook, -1,
					HL_WHY_TEST_ONLY, -1);
			else if (inf->flags & OBJ_SUCCEEDED)
				verdict(l, ri, rk, o, inf->succeeded, -1,
					HL_WHY_SUCCEEDED, -1);
			else
				verdict(l, ri, rk, o, inf->hook, -1,
					HL_WHY_HOOK, -1);
		}
	}
}

/* The plan's history: the order find_leftovers() and the plan show. */
static const enum hl_cmd plan_order[] = {
	HL_CMD_INSTALL, HL_CMD_UPGRADE, HL_CMD_ROLLBACK, HL_CMD_TEST,
	HL_CMD_UNINSTALL,
};

static void simulate(struct hl_life *l)
{
	struct sim s;
	size_t n = l->nobj ? l->nobj : 1, i, k;

	memset(&s, 0, sizeof(s));
	s.l = l;
	object_info(&s);
	s.exists = xmalloc(n);
	s.del_ev = xmalloc(n);
	s.del_res = xmalloc(n * sizeof(*s.del_res));
	s.pos = xmalloc(n * sizeof(*s.pos));
	s.before = xcalloc(n, 1);
	s.sure = xmalloc(n);
	s.gone = xmalloc(n);
	s.plan = xcalloc(n, 1);
	l->left_by = xcalloc(n, 1);
	for (k = 0; k < n; k++)
		s.pos[k] = HL_NONE;
	memset(s.gone, -1, n);
	left_by_commands(&s);

	/* each command on its own, from the objects it creates */
	for (i = 0; i < HL_ARRAY_SIZE(plan_order); i++) {
		reset(&s);
		run_command(&s, plan_order[i]);
		apply_command(l, plan_order[i], s.plan, NULL);
	}
	regular_consumers(&s);
	free(s.exists);
	free(s.del_ev);
	free(s.del_res);
	free(s.pos);
	free(s.before);
	free(s.sure);
	free(s.gone);
	free(s.plan);
	free(s.info);
}

/*
 * Which runs find their object left from an earlier run: the commands in
 * a release's usual order, every hook succeeding. Before-hook-creation
 * deletes it first, except on a CRD, which Helm never deletes.
 */
static void find_leftovers(struct hl_life *l)
{
	unsigned char *exists = xcalloc(l->nobj ? l->nobj : 1, 1);
	size_t c, i, j, n;
	enum hl_event ev[2];

	for (c = 0; c < HL_ARRAY_SIZE(plan_order); c++) {
		n = hl_cmd_events(plan_order[c], ev);
		for (i = 0; i < n; i++) {
			const struct hl_run *runs = l->runs[ev[i]];
			size_t nr = l->nruns[ev[i]];

			/* a hook listed twice finds its first run's object */
			l->leftover[ev[i]] = xcalloc(nr ? nr : 1, 1);
			for (j = 0; j < nr; j++) {
				const struct hl_res *r = runs[j].r;
				uint32_t o = l->obj_of[runs[j].res];

				if (o == HL_NONE)
					continue;
				l->leftover[ev[i]][j] = exists[o] &&
					(is_crd(r) || !(r->policy_mask &
					  HL_POL_BEFORE_HOOK_CREATION));
				exists[o] = 1;
			}
			apply_event(l, ev[i], exists, NULL);
		}
	}
	free(exists);
}

void hl_life_build(struct hl_life *l, const struct hl_release *rel,
		   const struct hl_report *report, enum hl_target target)
{
	size_t e;

	memset(l, 0, sizeof(*l));
	l->rel = rel;
	l->report = report;
	l->kinds = target == HL_TARGET_HELM3 ? HL_KINDS_HELM3 : HL_KINDS_HELM4;
	l->note_helm3 = target == HL_TARGET_HELM;
	for (e = 0; e < HL_EV_MAX; e++) {
		l->runs[e] = event_runs(l, (enum hl_event)e, l->kinds,
					&l->nruns[e]);
		if (l->note_helm3)
			helm3_order(l, (enum hl_event)e);
	}
	build_objects(l);
	simulate(l);
	find_leftovers(l);
}

void hl_life_release(struct hl_life *l)
{
	size_t e;

	for (e = 0; e < HL_EV_MAX; e++) {
		free(l->runs[e]);
		free(l->runs3[e]);
		free(l->leftover[e]);
	}
	free(l->ord);
	free(l->ord_hash);
	free(l->obj_start);
	free(l->obj_of);
	free(l->cluster);
	free(l->verdicts);
	free(l->left_by);
	memset(l, 0, sizeof(*l));
}
