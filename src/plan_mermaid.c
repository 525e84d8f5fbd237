/* SPDX-License-Identifier: MIT */
/* plan_mermaid.c - hooklint plan as a Mermaid flowchart */
#include "plan_view.h"

#include <stdlib.h>
#include <string.h>

/* A label inside "...": Mermaid entity codes for what would end it. */
static void mm_add(struct hl_buf *b, const char *s)
{
	struct hl_buf t = HL_BUF_INIT;
	size_t i;

	hl_clean_add(&t, s, strlen(s));
	for (i = 0; i < t.len; i++) {
		switch (t.s[i]) {
		case '"':
			hl_buf_adds(b, "#quot;");
			break;
		case '#':
			hl_buf_adds(b, "#35;");
			break;
		case '<':
			hl_buf_adds(b, "#lt;");
			break;
		case '>':
			hl_buf_adds(b, "#gt;");
			break;
		default:
			hl_buf_addc(b, t.s[i]);
		}
	}
	hl_buf_release(&t);
}

/* Start a node in chain @prev; returns its number. */
static size_t mm_node(struct hl_plan_view *v, size_t *prev, const char *open)
{
	struct hl_buf *b = &v->p->b;
	size_t id = ++v->p->node;

	if (*prev)
		hl_buf_addf(b, "    n%zu --> n%zu\n", *prev, id);
	*prev = id;
	hl_buf_addf(b, "    n%zu%s\"", id, open);
	return id;
}

static void mm_end(struct hl_plan_view *v, const char *close, const char *cls)
{
	hl_buf_addf(&v->p->b, "\"%s%s%s\n", close, cls ? ":::" : "",
		    cls ? cls : "");
}

static const char *mm_class(const struct hl_plan_view *v, const struct hl_problem **m,
			    size_t n)
{
	enum hl_severity worst = HL_SEV_INFO;
	size_t i;

	if (!n)
		return NULL;
	for (i = 0; i < n; i++)
		if (hl_plan_severity(v, m[i]->rule) > worst)
			worst = hl_plan_severity(v, m[i]->rule);
	return worst == HL_SEV_ERROR ? "error" :
	       worst == HL_SEV_WARNING ? "warning" : "info";
}

static void mm_marks(struct hl_plan_view *v, const struct hl_problem **m, size_t n)
{
	struct hl_buf *b = &v->p->b;
	size_t i;

	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;

		hl_problem_mark(&t, v->j, m[i]);
		hl_buf_addf(b, "<br/>\u2717 %s ", hl_rule_id(m[i]->rule));
		mm_add(b, t.s ? t.s : "");
		hl_buf_release(&t);
	}
}

static void mm_list(struct hl_plan_view *v, bool (*pred)(const struct hl_res *))
{
	struct hl_buf t = HL_BUF_INIT;

	hl_plan_list(&t, v->l, pred);
	mm_add(&v->p->b, t.s ? t.s : "");
	hl_buf_release(&t);
}

/* A stop under a node: "✗ HL402 Helm stops here" (or a leftover's note);
 * a mark in @m already names a release rule's stop. */
static void mm_stop(struct hl_plan_view *v, const struct hl_plan_stop *st,
		    const struct hl_problem **m, size_t nm)
{
	struct hl_buf *b = &v->p->b;

	if (hl_plan_stop_marked(st, m, nm))
		hl_buf_adds(b, "<br/>");
	else
		hl_buf_addf(b, "<br/>\u2717 %s ", hl_rule_id(st->rule));
	mm_add(b, st->why);
	if (st->how)
		hl_buf_adds(b, ": Helm stops here");
}

/* Returns whether Helm stops in event @e. */
static bool mm_event(struct hl_plan_view *v, enum hl_event e, size_t *prev)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i;
	bool any_del = false, first = true;

	mm_node(v, prev, "([");
	hl_buf_addf(b, "%s%s", hl_event_name(e), n ? "" : ": no hooks");
	for (i = 0; i < v->j->nproblems; i++)
		if (v->j->problems[i].rule == HL_RULE_HL412 &&
		    (v->j->problems[i].events & 1u << e) &&
		    hl_plan_enabled(v, HL_RULE_HL412))
			hl_buf_addf(b, "<br/>\u2717 HL412 %u hooks share weight "
				    "%lld", (unsigned)v->j->problems[i].count,
				    hl_life_res(l, v->j->problems[i].res)->weight);
	mm_end(v, "])", "phase");
	for (i = 0; i < n; i++) {
		const struct hl_res *r = runs[i].r;
		const struct hl_problem *m[16];
		size_t nm = runs[i].nth ? 0 :
			    hl_plan_marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));
		const char *wt = hl_plan_wait_text(r);
		struct hl_plan_stop st;
		bool stop = hl_plan_stop_at(v, e, i, &st);

		mm_node(v, prev, "[");
		hl_buf_addf(b, "%lld \u00b7 ", r->weight);
		mm_add(b, r->kind);
		hl_buf_adds(b, " ");
		mm_add(b, hl_plan_name_of(r));
		if (runs[i].nth)
			hl_buf_addf(b, " (run %u)", (unsigned)runs[i].nth + 1);
		if (wt)
			hl_buf_addf(b, "<br/>waits until %s", wt);
		mm_marks(v, m, nm);
		if (stop)
			mm_stop(v, &st, m, nm);
		mm_end(v, "]", stop && st.how ? "error" : mm_class(v, m, nm));
		if (stop && st.how)
			return true;	/* Helm goes no further */
		any_del |= (r->policy_mask & HL_POL_HOOK_SUCCEEDED) && !hl_plan_is_crd(r);
	}
	if (!any_del)
		return false;
	mm_node(v, prev, "[/");
	hl_buf_adds(b, "delete (hook-succeeded): ");
	for (i = n; i-- > 0;) {
		const struct hl_res *r = runs[i].r;

		if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) || hl_plan_is_crd(r) ||
		    runs[i].nth)
			continue;
		hl_buf_adds(b, first ? "" : ", ");
		mm_add(b, r->kind);
		hl_buf_adds(b, " ");
		mm_add(b, hl_plan_name_of(r));
		first = false;
	}
	mm_end(v, "\\]", "deleted");
	return false;
}

/* Returns whether the API server rejects a regular resource. */
static bool mm_regular(struct hl_plan_view *v, enum hl_cmd c, size_t *prev)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	size_t n = hl_plan_count_if(l, hl_plan_regular), i;
	const struct hl_problem *all[64];
	size_t nall = 0;
	struct hl_plan_stop st;
	uint32_t at;
	bool stop;

	for (i = 0; i < l->rel->n && nall < HL_ARRAY_SIZE(all); i++)
		if (hl_plan_regular(&l->rel->res[i]))
			nall += hl_plan_marks(v, (uint32_t)i, -1, all + nall,
				      HL_ARRAY_SIZE(all) - nall);
	if (c == HL_CMD_UNINSTALL)
		n = hl_plan_count_if(l, hl_plan_uninstalled);
	mm_node(v, prev, "[[");
	hl_buf_addf(b, "%s %zu regular resources", hl_plan_regular_action(c), n);
	if (n) {
		hl_buf_adds(b, "<br/>");
		mm_list(v, c == HL_CMD_UNINSTALL ? hl_plan_uninstalled : hl_plan_regular);
	}
	if (c == HL_CMD_UNINSTALL && hl_plan_count_if(l, hl_plan_kept)) {
		hl_buf_adds(b, "<br/>keep: ");
		mm_list(v, hl_plan_kept);
	}
	mm_marks(v, all, nall);
	stop = hl_plan_stop_regular(v, c, &st, &at);
	if (stop)
		mm_stop(v, &st, NULL, 0);
	mm_end(v, "]]", stop ? "error" : mm_class(v, all, nall));
	return stop;
}

static void mm_release(struct hl_plan_view *v)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	enum hl_cmd c;

	hl_buf_addf(b, "  subgraph r%zu[\"release ", v->release + 1);
	{
		struct hl_buf t = HL_BUF_INIT;
		hl_plan_release_files(&t, v);
		mm_add(b, t.s ? t.s : "");
		hl_buf_release(&t);
	}
	hl_buf_adds(b, "\"]\n    direction LR\n");
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = hl_plan_phases(c, ph), i, prev = 0;
		struct hl_plan_stop st;
		uint32_t at;
		bool stopped = false;

		hl_buf_addf(b, "  subgraph r%zu_%s[\"helm %s\"]\n    direction TB\n",
			    v->release + 1, hl_cmd_name(c), hl_cmd_name(c));
		if (hl_plan_stop_before(v, c, &st, &at)) {
			mm_node(v, &prev, "[");
			mm_add(b, hl_life_res(l, at)->kind);
			hl_buf_adds(b, " ");
			mm_add(b, hl_plan_name_of(hl_life_res(l, at)));
			mm_stop(v, &st, NULL, 0);
			mm_end(v, "]", "error");
			stopped = true;
		}
		for (i = 0; i < n && !stopped; i++) {
			if (ph[i].type == PH_CRDS) {
				if (!hl_plan_count_if(l, hl_plan_crds_dir))
					continue;
				mm_node(v, &prev, "[[");
				hl_buf_adds(b, "crds/: ");
				mm_list(v, hl_plan_crds_dir);
				mm_end(v, "]]", "phase");
			} else if (ph[i].type == PH_EVENT) {
				stopped = mm_event(v, ph[i].event, &prev);
			} else {
				stopped = mm_regular(v, c, &prev);
			}
		}
		hl_buf_adds(b, "  end\n");
	}
	hl_buf_adds(b, "  end\n");
	fwrite(b->s, 1, b->len, v->p->out);
	hl_buf_reset(b);
}

static void mm_begin(struct hl_plan *p)
{
	fputs("flowchart LR\n"
	      "  classDef phase fill:#eef3ff,stroke:#6b7fb3,color:#000\n"
	      "  classDef deleted fill:#f4f4f4,stroke:#999,color:#333\n"
	      "  classDef error fill:#ffe0e0,stroke:#c00,color:#000\n"
	      "  classDef warning fill:#fff1d6,stroke:#c80,color:#000\n"
	      "  classDef info fill:#e3f4ff,stroke:#08c,color:#000\n",
	      p->out);
}

static int mm_end_plan(struct hl_plan *p, const struct hl_report *r)
{
	(void)r;
	if (!p->nreleases)
		fputs("  empty[\"no manifests\"]\n", p->out);
	return 0;
}

const struct hl_plan_writer hl_plan_mermaid = {
	mm_begin, mm_release, mm_end_plan,
};
