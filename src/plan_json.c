/* SPDX-License-Identifier: MIT */
/* plan_json.c - hooklint plan as JSON (docs/plan.md has its shape) */
#include "plan_view.h"
#include "words.h"
#include "buildinfo.h"

#include <stdlib.h>
#include <string.h>

static void json_int(struct hl_jw *w, long long v)
{
	char s[32];

	snprintf(s, sizeof(s), "%lld", v);
	hl_jw_raw(w, s);
}

/* Kind, name and namespace (null: the release's) of a hook object. */
static void json_ident_keys(struct hl_jw *w, const struct hl_res *r)
{
	hl_jw_key(w, "kind");
	hl_jw_str(w, r->kind);
	hl_jw_key(w, "name");
	hl_jw_str(w, r->name);
	hl_jw_key(w, "namespace");
	hl_jw_str(w, r->ns);
}

static void json_object(struct hl_jw *w, const struct hl_plan_view *v,
			const struct hl_res *r)
{
	json_ident_keys(w, r);
	hl_jw_key(w, "path");
	hl_jw_str(w, v->report->files[r->file].path);
	hl_jw_key(w, "template");
	hl_jw_str(w, r->source);
	hl_jw_key(w, "document");
	hl_jw_uint(w, r->doc);
}

static void json_events(struct hl_jw *w, unsigned mask)
{
	size_t e;

	hl_jw_open(w, '[');
	for (e = 0; e < HL_EV_MAX; e++)
		if (mask & 1u << e)
			hl_jw_str(w, hl_event_name((enum hl_event)e));
	hl_jw_close(w, ']');
}

static void json_marks(struct hl_plan_view *v, const struct hl_problem **m, size_t n)
{
	struct hl_jw *w = &v->p->jw;
	size_t i;

	hl_jw_key(w, "problems");
	hl_jw_open(w, '[');
	for (i = 0; i < n; i++) {
		const struct hl_res *r = hl_life_res(v->l, m[i]->res);
		char *msg = hl_problem_message(v->j, m[i]);
		struct hl_buf t = HL_BUF_INIT;

		hl_problem_mark(&t, v->j, m[i]);
		hl_jw_open(w, '{');
		hl_jw_key(w, "rule");
		hl_jw_str(w, hl_rule_id(m[i]->rule));
		hl_jw_key(w, "name");
		hl_jw_str(w, hl_rule_name(m[i]->rule));
		hl_jw_key(w, "severity");
		hl_jw_str(w, hl_severity_word(hl_plan_severity(v, m[i]->rule)));
		hl_jw_key(w, "reference");
		if (m[i]->ref != HL_NONE) {
			const struct hl_ref *ref = &r->refs[m[i]->ref];

			hl_jw_open(w, '{');
			hl_jw_key(w, "field");
			hl_jw_str(w, hl_ref_field(ref));
			hl_jw_key(w, "kind");
			hl_jw_str(w, hl_ref_kind_name(ref));
			hl_jw_key(w, "name");
			hl_jw_str(w, ref->name);
			hl_jw_close(w, '}');
		} else {
			hl_jw_raw(w, "null");
		}
		hl_jw_key(w, "other");
		if (m[i]->other != HL_NONE) {
			hl_jw_open(w, '{');
			json_object(w, v, hl_life_res(v->l, m[i]->other));
			hl_jw_close(w, '}');
		} else {
			hl_jw_raw(w, "null");
		}
		hl_jw_key(w, "short");
		hl_jw_str(w, t.s ? t.s : "");
		hl_jw_key(w, "message");
		hl_jw_str(w, msg);
		hl_jw_close(w, '}');
		free(msg);
		hl_buf_release(&t);
	}
	hl_jw_close(w, ']');
}

static void json_stop(struct hl_jw *w, const struct hl_plan_stop *st)
{
	static const char *const how[] = { NULL, "rejected", "timeout" };

	hl_jw_key(w, "stop");
	if (!st) {
		hl_jw_raw(w, "null");
		return;
	}
	hl_jw_open(w, '{');
	hl_jw_key(w, "rule");
	hl_jw_str(w, hl_rule_id(st->rule));
	hl_jw_key(w, "name");
	hl_jw_str(w, hl_rule_name(st->rule));
	hl_jw_key(w, "stops");
	hl_jw_str(w, st->how < HL_ARRAY_SIZE(how) ? how[st->how] : NULL);
	hl_jw_key(w, "why");
	hl_jw_str(w, st->why);
	hl_jw_close(w, '}');
}

static void json_ident(struct hl_jw *w, const struct hl_res *r)
{
	hl_jw_open(w, '{');
	json_ident_keys(w, r);
	hl_jw_close(w, '}');
}

/*
 * What Helm deletes when run @i of an event fails, and what is left: the
 * hook itself with hook-failed; Helm 4 also deletes the event's earlier
 * hook-succeeded hooks, first to last, where Helm 3 leaves them (§18).
 */
static void json_if_fails(struct hl_plan_view *v, const struct hl_run *runs,
			  size_t i)
{
	struct hl_jw *w = &v->p->jw;
	bool helm3 = v->p->opts->target == HL_TARGET_HELM3;
	unsigned char *gone = xcalloc(i + 1, 1);
	size_t k, pass;

	for (k = 0; k <= i; k++) {
		const struct hl_res *r = runs[k].r;
		unsigned want = k == i ? HL_POL_HOOK_FAILED :
				helm3 ? 0 : HL_POL_HOOK_SUCCEEDED;

		gone[k] = !hl_plan_is_crd(r) && (r->policy_mask & want);
	}
	hl_jw_key(w, "if_fails");
	hl_jw_open(w, '{');
	/* the failing hook first, then the earlier ones */
	for (pass = 0; pass < 2; pass++) {
		hl_jw_key(w, pass ? "remaining" : "deletes");
		hl_jw_open(w, '[');
		if (!pass && gone[i])
			json_ident(w, runs[i].r);
		for (k = 0; k < i + pass; k++)
			if (gone[k] == !pass && !runs[k].nth)
				json_ident(w, runs[k].r);
		hl_jw_close(w, ']');
	}
	hl_jw_close(w, '}');
	free(gone);
}

static void json_event(struct hl_plan_view *v, enum hl_event e, bool *stopped)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->p->jw;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i;
	bool reached = !*stopped;

	hl_jw_key(w, "phase");
	hl_jw_str(w, hl_event_name(e));
	hl_jw_key(w, "hooks");
	hl_jw_open(w, '[');
	for (i = 0; i < n; i++) {
		const struct hl_res *r = runs[i].r;
		const struct hl_problem *m[16];
		size_t nm = runs[i].nth ? 0 :
			    hl_plan_marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));
		struct hl_plan_stop st;

		hl_jw_open(w, '{');
		hl_jw_key(w, "weight");
		json_int(w, r->weight);
		json_object(w, v, r);
		hl_jw_key(w, "events");
		json_events(w, r->event_mask);
		hl_jw_key(w, "run");
		hl_jw_uint(w, runs[i].nth + 1u);
		hl_jw_key(w, "wait");
		hl_jw_str(w, hl_plan_wait_text(r));
		hl_jw_key(w, "delete");
		hl_jw_open(w, '{');
		hl_jw_key(w, "before_creation");
		hl_jw_bool(w, !hl_plan_is_crd(r) &&
			   (r->policy_mask & HL_POL_BEFORE_HOOK_CREATION));
		hl_jw_key(w, "at_event_end");
		hl_jw_bool(w, !hl_plan_is_crd(r) &&
			   (r->policy_mask & HL_POL_HOOK_SUCCEEDED));
		hl_jw_key(w, "on_failure");
		hl_jw_bool(w, !hl_plan_is_crd(r) && (r->policy_mask & HL_POL_HOOK_FAILED));
		hl_jw_close(w, '}');
		json_marks(v, m, nm);
		hl_jw_key(w, "reached");
		hl_jw_bool(w, !*stopped);
		if (!*stopped && hl_plan_stop_at(v, e, i, &st)) {
			json_stop(w, &st);
			*stopped = st.how != HL_STOPS_NONE;
		} else {
			json_stop(w, NULL);
		}
		json_if_fails(v, runs, i);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	/* Helm never gets to the end of an event it stopped in */
	hl_jw_key(w, "deleted_at_end");
	hl_jw_open(w, '[');
	for (i = n; i-- > 0 && reached && !*stopped;) {
		const struct hl_res *r = runs[i].r;

		if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) || hl_plan_is_crd(r))
			continue;
		/* once per run, last run first: a hook listed twice is
		 * deleted twice, the second time finding nothing */
		hl_jw_open(w, '{');
		json_ident_keys(w, r);
		hl_jw_key(w, "run");
		hl_jw_uint(w, runs[i].nth + 1u);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "groups");
	hl_jw_open(w, '[');
	for (i = 0; i < v->j->nproblems; i++) {
		const struct hl_problem *p = &v->j->problems[i];
		size_t k;

		if (p->rule != HL_RULE_HL412 || !(p->events & 1u << e) ||
		    !hl_plan_enabled(v, HL_RULE_HL412))
			continue;
		hl_jw_open(w, '{');
		hl_jw_key(w, "rule");
		hl_jw_str(w, "HL412");
		hl_jw_key(w, "weight");
		json_int(w, hl_life_res(l, p->res)->weight);
		hl_jw_key(w, "names");
		hl_jw_open(w, '[');
		for (k = 0; k < p->count; k++)
			hl_jw_str(w, hl_life_res(l, v->j->members[p->first + k])->name);
		hl_jw_close(w, ']');
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "helm3_order");
	if (l->runs3[e]) {
		hl_jw_open(w, '[');
		for (i = 0; i < n; i++) {
			hl_jw_open(w, '{');
			hl_jw_key(w, "kind");
			hl_jw_str(w, l->runs3[e][i].r->kind);
			hl_jw_key(w, "name");
			hl_jw_str(w, l->runs3[e][i].r->name);
			hl_jw_close(w, '}');
		}
		hl_jw_close(w, ']');
	} else {
		hl_jw_raw(w, "null");
	}
}

static void json_list(struct hl_plan_view *v, const char *key,
		      bool (*pred)(const struct hl_res *), bool with_marks)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->p->jw;
	size_t i;

	hl_jw_key(w, key);
	hl_jw_open(w, '[');
	for (i = 0; i < l->rel->n; i++) {
		const struct hl_res *r = &l->rel->res[i];
		const struct hl_problem *m[16];
		size_t nm;

		if (!pred(r))
			continue;
		hl_jw_open(w, '{');
		json_object(w, v, r);
		if (with_marks) {
			hl_jw_key(w, "kept");
			hl_jw_bool(w, r->keep);
			nm = hl_plan_marks(v, (uint32_t)i, -1, m, HL_ARRAY_SIZE(m));
			json_marks(v, m, nm);
		}
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
}

static void json_release(struct hl_plan_view *v)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->p->jw;
	size_t i, last = SIZE_MAX;
	enum hl_cmd c;

	hl_jw_open(w, '{');
	hl_jw_key(w, "files");
	hl_jw_open(w, '[');
	for (i = 0; i < l->rel->n; i++) {
		if (l->rel->res[i].file == last)
			continue;
		last = l->rel->res[i].file;
		hl_jw_str(w, v->report->files[last].path);
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "hooks");
	hl_jw_uint(w, hl_plan_count_if(l, hl_plan_hook));
	hl_jw_key(w, "resources");
	hl_jw_uint(w, hl_plan_count_if(l, hl_plan_regular));
	json_list(v, "dropped", hl_plan_dropped, false);
	hl_jw_key(w, "commands");
	hl_jw_open(w, '[');
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = hl_plan_phases(c, ph);
		struct hl_plan_stop st;
		uint32_t at;
		bool stopped = hl_plan_stop_before(v, c, &st, &at);

		hl_jw_open(w, '{');
		hl_jw_key(w, "command");
		hl_jw_str(w, hl_cmd_name(c));
		hl_jw_key(w, "fails_before");
		if (stopped) {
			hl_jw_open(w, '{');
			json_object(w, v, hl_life_res(l, at));
			json_stop(w, &st);
			hl_jw_close(w, '}');
		} else {
			hl_jw_raw(w, "null");
		}
		hl_jw_key(w, "phases");
		hl_jw_open(w, '[');
		for (i = 0; i < n; i++) {
			if (ph[i].type == PH_CRDS && !hl_plan_count_if(l, hl_plan_crds_dir))
				continue;
			hl_jw_open(w, '{');
			if (ph[i].type == PH_CRDS) {
				hl_jw_key(w, "phase");
				hl_jw_str(w, "crds");
				json_list(v, "resources", hl_plan_crds_dir, false);
			} else if (ph[i].type == PH_EVENT) {
				json_event(v, ph[i].event, &stopped);
			} else {
				hl_jw_key(w, "phase");
				hl_jw_str(w, "resources");
				hl_jw_key(w, "action");
				hl_jw_str(w, hl_plan_regular_action(c));
				hl_jw_key(w, "reached");
				hl_jw_bool(w, !stopped);
				json_list(v, "resources", hl_plan_regular, true);
				if (!stopped && hl_plan_stop_regular(v, c, &st, &at)) {
					hl_jw_key(w, "rejected");
					hl_jw_open(w, '{');
					json_object(w, v, hl_life_res(l, at));
					json_stop(w, &st);
					hl_jw_close(w, '}');
					stopped = true;
				}
			}
			hl_jw_close(w, '}');
		}
		hl_jw_close(w, ']');
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_close(w, '}');
	hl_jw_flush(w, false);
}

static void json_begin(struct hl_plan *p)
{
	struct hl_jw *w = &p->jw;

	hl_jw_init(w, p->out, 9);
	hl_jw_open(w, '{');
	hl_jw_key(w, "version");
	hl_jw_uint(w, 1);
	hl_jw_key(w, "tool");
	hl_jw_open(w, '{');
	hl_jw_key(w, "name");
	hl_jw_str(w, "hooklint");
	hl_jw_key(w, "version");
	hl_jw_str(w, HL_VERSION);
	hl_jw_close(w, '}');
	hl_jw_key(w, "target");
	hl_jw_str(w, hl_word_name(HL_WORDS_TARGET, (int)p->opts->target));
	hl_jw_key(w, "releases");
	hl_jw_open(w, '[');
}

static int json_end(struct hl_plan *p, const struct hl_report *r)
{
	struct hl_jw *w = &p->jw;

	hl_jw_close(w, ']');
	hl_report_json_errors(w, r);
	hl_jw_close(w, '}');
	hl_buf_addc(&w->b, '\n');
	return hl_jw_finish(w);
}

const struct hl_plan_writer hl_plan_json = {
	json_begin, json_release, json_end,
};
