/* SPDX-License-Identifier: MIT */
/* plan_text.c - hooklint plan as text for a terminal */
#include "plan_view.h"

#include <stdlib.h>
#include <string.h>

/* Display width of @s as hl_clean_add shows it (code points). */
static size_t width(const char *s)
{
	struct hl_buf b = HL_BUF_INIT;
	size_t i, n = 0;

	hl_clean_add(&b, s, strlen(s));
	for (i = 0; i < b.len; i++)
		n += ((unsigned char)b.s[i] & 0xc0) != 0x80;
	hl_buf_release(&b);
	return n;
}

static void cell(struct hl_buf *b, const char *s, size_t w)
{
	size_t n = width(s);

	hl_clean_add(b, s, strlen(s));
	while (n++ < w)
		hl_buf_addc(b, ' ');
}

static void text_marks(struct hl_plan_view *v, const struct hl_problem **m, size_t n,
		       const char *indent)
{
	struct hl_buf *b = &v->p->b;
	size_t i;

	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;
		enum hl_severity s = hl_plan_severity(v, m[i]->rule);

		hl_problem_mark(&t, v->j, m[i]);
		hl_buf_addf(b, "%s%s\u2717%s ", indent, v->pal->sev[s],
			    v->pal->reset);
		hl_clean_add(b, t.s, t.len);
		hl_buf_addf(b, " [%s %s]\n", hl_rule_id(m[i]->rule),
			    hl_rule_name(m[i]->rule));
		hl_buf_release(&t);
	}
}


/* A stop (or a leftover's note) under a hook or the regular resources;
 * a mark above already names a release rule's stop. */
static void text_stop(struct hl_plan_view *v, const struct hl_plan_stop *st,
		      const char *indent, const struct hl_problem **m, size_t nm)
{
	struct hl_buf *b = &v->p->b;
	enum hl_severity s = hl_plan_severity(v, st->rule);

	if (hl_plan_stop_marked(st, m, nm)) {
		hl_buf_addf(b, "%s  Helm stops here: %s\n", indent, st->why);
		return;
	}
	hl_buf_addf(b, "%s%s\u2717%s %s%s [%s %s]\n", indent, v->pal->sev[s],
		    v->pal->reset, st->why, st->how ? ": Helm stops here" : "",
		    hl_rule_id(st->rule), hl_rule_name(st->rule));
}

/* "  Secret shop-db: ✗ ...": where Helm stops at resource @res. */
static void text_resource_stop(struct hl_plan_view *v, const char *indent,
			       uint32_t res, const struct hl_plan_stop *st)
{
	const struct hl_res *r = hl_life_res(v->l, res);
	char *s = xasprintf("%s%s %s: ", indent, r->kind, hl_plan_name_of(r));

	hl_clean_add(&v->p->b, s, strlen(s));
	free(s);
	text_stop(v, st, "", NULL, 0);
}

/* Returns whether Helm stops in event @e. */
static bool text_event(struct hl_plan_view *v, enum hl_event e)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i, wk = 4, wn = 4, we = 6, ww = 4;
	char **evs = NULL, **wts = NULL;
	const struct hl_problem *p;
	bool any_del = false, stopped;

	hl_buf_addf(b, "  %s%s%s", v->pal->bold, hl_event_name(e), v->pal->reset);
	if (!n) {
		hl_buf_addf(b, ": %sno hooks%s\n", v->pal->dim, v->pal->reset);
		return false;
	}
	hl_buf_addc(b, '\n');
	evs = xcalloc(n, sizeof(*evs));
	wts = xcalloc(n, sizeof(*wts));
	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;
		size_t x;

		hl_events_csv(&t, runs[i].r->event_mask);
		evs[i] = hl_buf_detach(&t);
		wts[i] = xasprintf("%lld", runs[i].r->weight);
		if ((x = width(runs[i].r->kind)) > wk)
			wk = x;
		if ((x = width(hl_plan_name_of(runs[i].r))) > wn)
			wn = x;
		if ((x = strlen(evs[i])) > we)
			we = x;
		if ((x = strlen(wts[i])) > ww)
			ww = x;
	}
	hl_buf_addf(b, "    %s%*s  ", v->pal->dim, (int)ww + 2, "WEIGHT");
	cell(b, "KIND", wk + 2);
	cell(b, "NAME", wn + 2);
	cell(b, "EVENTS", we + 2);
	hl_buf_addf(b, "%-10s  DELETE%s\n", "WAIT", v->pal->reset);
	for (i = 0; i < n; i++) {
		const struct hl_res *r = runs[i].r;
		const struct hl_problem *m[16];
		size_t nm = 0;
		const char *wt = hl_plan_wait_text(r);
		struct hl_plan_stop st;
		bool stop;
		char *pad;

		hl_buf_addf(b, "    %*s  ", (int)ww + 2, wts[i]);
		cell(b, r->kind, wk + 2);
		cell(b, hl_plan_name_of(r), wn + 2);
		cell(b, evs[i], we + 2);
		hl_buf_addf(b, "%-10s  ", wt ? wt : "-");
		hl_plan_delete_text(b, r);
		if (runs[i].nth)
			hl_buf_addf(b, "  (run %u: listed again)",
				    (unsigned)runs[i].nth + 1);
		else
			nm = hl_plan_marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));
		hl_buf_addc(b, '\n');
		/* under the KIND column */
		pad = xasprintf("%*s", (int)ww + 8, "");
		text_marks(v, m, nm, pad);
		stop = hl_plan_stop_at(v, e, i, &st);
		if (stop)
			text_stop(v, &st, pad, m, nm);
		free(pad);
		if (stop && st.how)
			break;	/* Helm goes no further */
		any_del |= (r->policy_mask & HL_POL_HOOK_SUCCEEDED) && !hl_plan_is_crd(r);
	}
	stopped = i < n;
	if (stopped)
		any_del = false;	/* the event never ends */
	if (any_del) {
		bool first = true;

		hl_buf_addf(b, "    then, in reverse order, delete (hook-succeeded): ");
		for (i = n; i-- > 0;) {
			const struct hl_res *r = runs[i].r;
			char *s;

			if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) ||
			    hl_plan_is_crd(r))
				continue;
			/* Helm deletes once per run, last run first: the
			 * earlier runs find nothing */
			s = xasprintf("%s%s %s%s", first ? "" : ", ", r->kind,
				      hl_plan_name_of(r),
				      runs[i].nth + 1u < r->event_runs[e] ?
				      " (again: already gone)" : "");
			hl_clean_add(b, s, strlen(s));
			free(s);
			first = false;
		}
		hl_buf_addc(b, '\n');
	}
	/* HL412 groups of this event */
	for (i = 0, p = v->j->problems; i < v->j->nproblems; i++) {
		if (p[i].rule != HL_RULE_HL412 || !(p[i].events & 1u << e) ||
		    !hl_plan_enabled(v, HL_RULE_HL412))
			continue;
		hl_buf_addf(b, "    %s\u2717%s %u hooks share weight %lld: their "
			    "order is known only once rendered [HL412 %s]\n",
			    v->pal->sev[hl_plan_severity(v, HL_RULE_HL412)], v->pal->reset,
			    (unsigned)p[i].count, hl_life_res(l, p[i].res)->weight,
			    hl_rule_name(HL_RULE_HL412));
	}
	if (l->runs3[e]) {
		hl_buf_adds(b, "    note: Helm 3 runs them in another order (no "
			    "webhook configurations in its kind list):");
		for (i = 0; i < n; i++) {
			char *s = xasprintf(" %s %s", l->runs3[e][i].r->kind,
					    hl_plan_name_of(l->runs3[e][i].r));
			hl_clean_add(b, s, strlen(s));
			hl_buf_adds(b, i + 1 < n ? "," : "\n");
			free(s);
		}
	}
	for (i = 0; i < n; i++) {
		free(evs[i]);
		free(wts[i]);
	}
	free(evs);
	free(wts);
	return stopped;
}

static void text_regular(struct hl_plan_view *v, enum hl_cmd c)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	bool (*acted)(const struct hl_res *) = c == HL_CMD_UNINSTALL ?
					      hl_plan_uninstalled : hl_plan_regular;
	size_t n = hl_plan_count_if(l, acted), i;

	hl_buf_addf(b, "  %sregular resources%s: ", v->pal->bold, v->pal->reset);
	if (!hl_plan_count_if(l, hl_plan_regular)) {
		hl_buf_addf(b, "%snone%s\n", v->pal->dim, v->pal->reset);
		return;
	}
	hl_buf_addf(b, "%s %zu", hl_plan_regular_action(c), n);
	if (n) {
		hl_buf_adds(b, " (");
		hl_plan_list(b, l, acted);
		hl_buf_adds(b, ")");
	}
	if (c == HL_CMD_UNINSTALL && hl_plan_count_if(l, hl_plan_kept)) {
		hl_buf_adds(b, "; keep (helm.sh/resource-policy): ");
		hl_plan_list(b, l, hl_plan_kept);
	} else if (c != HL_CMD_UNINSTALL) {
		hl_buf_adds(b, "; Helm waits on them only with --wait");
	}
	hl_buf_addc(b, '\n');
	for (i = 0; i < l->rel->n; i++) {
		const struct hl_problem *m[16];
		size_t nm;
		char *s;

		if (!hl_plan_regular(&l->rel->res[i]))
			continue;
		nm = hl_plan_marks(v, (uint32_t)i, -1, m, HL_ARRAY_SIZE(m));
		if (!nm)
			continue;
		s = xasprintf("%s %s", l->rel->res[i].kind,
			      hl_plan_name_of(&l->rel->res[i]));
		hl_buf_adds(b, "    ");
		hl_clean_add(b, s, strlen(s));
		hl_buf_addc(b, '\n');
		free(s);
		text_marks(v, m, nm, "      ");
	}
}


static void text_release(struct hl_plan_view *v)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->p->b;
	enum hl_cmd c;

	if (v->release)
		hl_buf_addc(b, '\n');
	hl_buf_addf(b, "%srelease%s ", v->pal->bold, v->pal->reset);
	hl_plan_release_files(b, v);
	hl_buf_addf(b, ": %zu hooks, %zu regular resources\n",
		    hl_plan_count_if(l, hl_plan_hook), hl_plan_count_if(l, hl_plan_regular));
	if (hl_plan_count_if(l, hl_plan_dropped)) {
		size_t n = hl_plan_count_if(l, hl_plan_dropped);

		hl_buf_addf(b, "  Helm drops %zu document%s (unknown or empty "
			    "hook events): ", n, n == 1 ? "" : "s");
		hl_plan_list(b, l, hl_plan_dropped);
		hl_buf_addc(b, '\n');
	}
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = hl_plan_phases(c, ph), i;
		struct hl_plan_stop st;
		uint32_t at;
		bool stopped = false;

		hl_buf_addf(b, "\n%shelm %s%s\n", v->pal->bold, hl_cmd_name(c),
			    v->pal->reset);
		if (hl_plan_stop_before(v, c, &st, &at)) {
			text_resource_stop(v, "  ", at, &st);
			stopped = true;
		}
		for (i = 0; i < n && !stopped; i++) {
			if (ph[i].type == PH_CRDS) {
				if (!hl_plan_count_if(l, hl_plan_crds_dir))
					continue;
				hl_buf_addf(b, "  %scrds/%s: create ", v->pal->bold,
					    v->pal->reset);
				hl_plan_list(b, l, hl_plan_crds_dir);
				hl_buf_adds(b, " before rendering (never "
					    "upgraded or deleted)\n");
			} else if (ph[i].type == PH_EVENT) {
				stopped = text_event(v, ph[i].event);
			} else {
				text_regular(v, c);
				if (hl_plan_stop_regular(v, c, &st, &at)) {
					text_resource_stop(v, "    ", at, &st);
					stopped = true;
				}
			}
		}
		if (stopped)
			hl_buf_addf(b, "  %s(Helm does not get further: the rest "
				    "of helm %s does not run)%s\n", v->pal->dim,
				    hl_cmd_name(c), v->pal->reset);
		if (c == HL_CMD_TEST)
			hl_buf_adds(b, "  (regular resources exist; so do the "
				    "hook objects that install and upgrade "
				    "left)\n");
	}
	fwrite(b->s, 1, b->len, v->p->out);
	hl_buf_reset(b);
}

static void text_begin(struct hl_plan *p)
{
	(void)p;
}

static int text_end(struct hl_plan *p, const struct hl_report *r)
{
	(void)r;
	if (!p->nreleases)
		fputs("no manifests\n", p->out);
	return 0;
}

const struct hl_plan_writer hl_plan_text = {
	text_begin, text_release, text_end,
};
