/* SPDX-License-Identifier: MIT */
/* plan_view.c - what the plan writers share: the facts a plan shows */
#include "plan_view.h"

#include <stdlib.h>
#include <string.h>

const char *hl_plan_name_of(const struct hl_res *r)
{
	return r->name ? r->name : "(generateName)";
}

bool hl_plan_enabled(const struct hl_plan_view *v, enum hl_rule_id rule)
{
	return v->p->opts->severity[rule] != HL_SEV_OFF;
}

enum hl_severity hl_plan_severity(const struct hl_plan_view *v, enum hl_rule_id rule)
{
	enum hl_severity s = v->p->opts->severity[rule];

	return s > HL_SEV_ERROR ? HL_SEV_ERROR : s;
}

bool hl_plan_regular(const struct hl_res *r)
{
	return !r->dropped && !r->is_hook && !r->in_crds_dir;
}

const char *hl_plan_wait_text(const struct hl_res *r)
{
	if (!strcmp(r->kind, "Job"))
		return "Complete";
	if (!strcmp(r->kind, "Pod"))
		return "Succeeded";
	return NULL;
}

bool hl_plan_is_crd(const struct hl_res *r)
{
	return !strcmp(r->kind, "CustomResourceDefinition");
}

/* "before creation, at end, on failure" */
void hl_plan_delete_text(struct hl_buf *b, const struct hl_res *r)
{
	const char *sep = "";

	if (hl_plan_is_crd(r)) {
		hl_buf_adds(b, "never (CRD)");
		return;
	}
	if (r->policy_mask & HL_POL_BEFORE_HOOK_CREATION) {
		hl_buf_adds(b, "before creation");
		sep = ", ";
	}
	if (r->policy_mask & HL_POL_HOOK_SUCCEEDED) {
		hl_buf_addf(b, "%sat event end", sep);
		sep = ", ";
	}
	if (r->policy_mask & HL_POL_HOOK_FAILED) {
		hl_buf_addf(b, "%son failure", sep);
		sep = ", ";
	}
	if (!*sep)
		hl_buf_adds(b, "never");
}

static bool stop_enabled(const struct hl_plan_view *v, unsigned rule)
{
	return rule < HL_RULE_MAX && hl_plan_enabled(v, (enum hl_rule_id)rule);
}

static const char *stop_why(enum hl_stops how)
{
	return how == HL_STOPS_TIMEOUT ?
	       "never ready: Helm waits until --timeout, then fails" :
	       "Helm or the API server rejects it";
}

/* A run that finds its object left from an earlier run (§18). */
static bool leftover_at(const struct hl_plan_view *v, enum hl_event e,
			size_t j, struct hl_plan_stop *st)
{
	const struct hl_res *r = v->l->runs[e][j].r;
	enum hl_target t = v->p->opts->target;

	if (!v->l->leftover[e] || !v->l->leftover[e][j] ||
	    !stop_enabled(v, r->rerun_rule) || t == HL_TARGET_ARGOCD)
		return false;
	st->rule = (enum hl_rule_id)r->rerun_rule;
	st->how = t == HL_TARGET_HELM3 ? HL_STOPS_REJECTED : HL_STOPS_NONE;
	st->why = t == HL_TARGET_HELM3 ?
		  "left from an earlier run: Helm 3 fails with AlreadyExists" :
		  t == HL_TARGET_HELM ?
		  "left from an earlier run: Helm 4 applies it and does not "
		  "run it again (Helm 3 fails with AlreadyExists)" :
		  "left from an earlier run: Helm 4 applies it and does not "
		  "run it again";
	return true;
}

bool hl_plan_stop_at(const struct hl_plan_view *v, enum hl_event e, size_t j,
		     struct hl_plan_stop *st)
{
	const struct hl_run *run = &v->l->runs[e][j];
	const struct hl_res *r = run->r;
	const struct hl_problem *p;
	struct hl_plan_stop left;
	bool leftover = leftover_at(v, e, j, &left);
	size_t n, i;

	if (leftover && left.how) {
		*st = left;
		return true;
	}
	if (stop_enabled(v, r->stop_rule)) {
		st->rule = (enum hl_rule_id)r->stop_rule;
		st->how = (enum hl_stops)r->stop_how;
		st->why = stop_why(st->how);
		return true;
	}
	/* a release rule: a reference Helm's wait never gets past */
	n = hl_problems_of(v->j, run->res, &p);
	for (i = 0; i < n && !run->nth; i++) {
		enum hl_stops how = hl_rule_meta[p[i].rule].stops;

		if (!how || how == HL_STOPS_RERUN || !(p[i].events & 1u << e) ||
		    p[i].uncertain || !hl_plan_enabled(v, p[i].rule))
			continue;
		/* a missing object keeps a Pod from starting, and Helm waits
		 * on it; not so a missing image pull secret */
		if (how == HL_STOPS_TIMEOUT && (!hl_res_waited(r) ||
		    (p[i].ref != HL_NONE &&
		     r->refs[p[i].ref].cap == HL_CAP_PULL_SECRET)))
			continue;
		st->rule = p[i].rule;
		st->how = how;
		st->why = stop_why(how);
		return true;
	}
	if (leftover)
		*st = left;	/* a note under Helm 4 */
	return leftover;
}

bool hl_plan_stop_marked(const struct hl_plan_stop *st,
			 const struct hl_problem **m, size_t nm)
{
	size_t i;

	for (i = 0; i < nm; i++)
		if (m[i]->rule == st->rule)
			return true;
	return false;
}

/*
 * HL410 on Helm 3: install creates a regular resource whose object a
 * pre-install hook left in place, and fails with AlreadyExists (§18).
 */
static bool hook_in_the_way(const struct hl_plan_view *v, struct hl_plan_stop *st,
			    uint32_t *res)
{
	const struct hl_judgement *j = v->j;
	size_t i;

	if (v->p->opts->target != HL_TARGET_HELM3 ||
	    !hl_plan_enabled(v, HL_RULE_HL410))
		return false;
	for (i = 0; i < j->nproblems; i++) {
		const struct hl_problem *p = &j->problems[i];
		uint32_t regular = p->res, hook = p->other;
		const struct hl_res *h;

		if (p->rule != HL_RULE_HL410 || p->other == HL_NONE)
			continue;
		if (hl_life_res(v->l, regular)->is_hook) {
			regular = p->other;
			hook = p->res;
		}
		h = hl_life_res(v->l, hook);
		if (!(h->event_mask & 1u << HL_EV_PRE_INSTALL) ||
		    (h->policy_mask & HL_POL_HOOK_SUCCEEDED))
			continue;
		st->rule = HL_RULE_HL410;
		st->how = HL_STOPS_REJECTED;
		st->why = "a pre-install hook left the object: Helm 3 fails "
			  "with AlreadyExists";
		*res = regular;
		return true;
	}
	return false;
}

/* The first regular or crds/ resource whose finding stops @c when it is
 * decoded (@at_start) or when it is sent. */
static bool regular_stop(const struct hl_plan_view *v, enum hl_cmd c,
			 bool at_start, struct hl_plan_stop *st, uint32_t *res)
{
	const struct hl_release *rel = v->l->rel;
	size_t i;

	if (c != HL_CMD_INSTALL && c != HL_CMD_UPGRADE &&
	    c != HL_CMD_ROLLBACK)
		return false;
	if (!at_start && c == HL_CMD_INSTALL && hook_in_the_way(v, st, res))
		return true;
	for (i = 0; i < rel->n; i++) {
		const struct hl_res *r = &rel->res[i];

		if (r->dropped || r->is_hook || !stop_enabled(v, r->stop_rule) ||
		    (r->in_crds_dir && c != HL_CMD_INSTALL))
			continue;
		/* Helm installs crds/ first, and decodes every object of the
		 * release before the first hook: a non-string annotation
		 * fails there (§18) */
		if ((r->stop_rule == HL_RULE_HL120 || r->in_crds_dir) !=
		    at_start)
			continue;
		st->rule = (enum hl_rule_id)r->stop_rule;
		st->how = HL_STOPS_REJECTED;
		st->why = at_start ? "Helm cannot decode it: the command fails "
			  "before it starts" : stop_why(st->how);
		*res = (uint32_t)i;
		return true;
	}
	return false;
}

bool hl_plan_stop_before(const struct hl_plan_view *v, enum hl_cmd c,
			 struct hl_plan_stop *st, uint32_t *res)
{
	return regular_stop(v, c, true, st, res);
}

bool hl_plan_stop_regular(const struct hl_plan_view *v, enum hl_cmd c,
			  struct hl_plan_stop *st, uint32_t *res)
{
	return regular_stop(v, c, false, st, res);
}

/* The problems to mark at a run of event @e of resource @res: those of
 * that event, and the others the first time the resource shows. */
size_t hl_plan_marks(struct hl_plan_view *v, uint32_t res, int e,
		    const struct hl_problem **out, size_t max)
{
	const struct hl_problem *p;
	size_t n = hl_problems_of(v->j, res, &p), i, k = 0;

	for (i = 0; i < n && k < max; i++) {
		size_t idx = (size_t)(p + i - v->j->problems);

		if (!hl_plan_enabled(v, p[i].rule) || p[i].rule == HL_RULE_HL412)
			continue;
		if (p[i].events) {
			if (e < 0 || !(p[i].events & 1u << e))
				continue;
		} else if (v->shown[idx]) {
			continue;
		}
		v->shown[idx] = 1;
		out[k++] = &p[i];
	}
	return k;
}

size_t hl_plan_phases(enum hl_cmd c, struct phase ph[4])
{
	enum hl_event ev[2];
	size_t n = hl_cmd_events(c, ev), k = 0;

	if (c == HL_CMD_INSTALL)
		ph[k++] = (struct phase){ PH_CRDS, HL_EV_MAX };
	ph[k++] = (struct phase){ PH_EVENT, ev[0] };
	if (n > 1) {
		ph[k++] = (struct phase){ PH_REGULAR, HL_EV_MAX };
		ph[k++] = (struct phase){ PH_EVENT, ev[1] };
	}
	return k;
}

const char *hl_plan_regular_action(enum hl_cmd c)
{
	switch (c) {
	case HL_CMD_INSTALL:
		return "create";
	case HL_CMD_UPGRADE:
		return "update";
	case HL_CMD_ROLLBACK:
		return "roll back";
	default:
		return "delete";
	}
}

size_t hl_plan_count_if(const struct hl_life *l,
		       bool (*pred)(const struct hl_res *))
{
	size_t i, n = 0;

	for (i = 0; i < l->rel->n; i++)
		n += pred(&l->rel->res[i]);
	return n;
}

bool hl_plan_crds_dir(const struct hl_res *r)
{
	return !r->dropped && r->in_crds_dir;
}

bool hl_plan_hook(const struct hl_res *r)
{
	return !r->dropped && r->is_hook;
}

bool hl_plan_dropped(const struct hl_res *r)
{
	return r->dropped;
}

bool hl_plan_kept(const struct hl_res *r)
{
	return hl_plan_regular(r) && r->keep;
}

bool hl_plan_uninstalled(const struct hl_res *r)
{
	return hl_plan_regular(r) && !r->keep;
}

/* "Kind name, Kind name and 3 more" */
void hl_plan_list(struct hl_buf *b, const struct hl_life *l,
		  bool (*pred)(const struct hl_res *))
{
	size_t i, n = 0, total = hl_plan_count_if(l, pred);

	for (i = 0; i < l->rel->n; i++) {
		const struct hl_res *r = &l->rel->res[i];
		char *s;

		if (!pred(r))
			continue;
		if (n == LIST_MAX) {
			hl_buf_addf(b, " and %zu more", total - n);
			break;
		}
		s = xasprintf("%s %s", r->kind, hl_plan_name_of(r));
		hl_buf_adds(b, n ? ", " : "");
		hl_clean_add(b, s, strlen(s));
		free(s);
		n++;
	}
}

void hl_plan_release_files(struct hl_buf *b, const struct hl_plan_view *v)
{
	const struct hl_life *l = v->l;
	size_t i, last = SIZE_MAX, n = 0;

	for (i = 0; i < l->rel->n; i++) {
		size_t f = l->rel->res[i].file;
		const char *path = v->report->files[f].path;

		if (f == last)
			continue;
		if (n == 3) {
			hl_buf_adds(b, ", ...");
			break;
		}
		hl_buf_adds(b, n ? ", " : "");
		hl_clean_add(b, path, strlen(path));
		last = f;
		n++;
	}
	if (!n)
		hl_buf_adds(b, "(no manifests)");
}
