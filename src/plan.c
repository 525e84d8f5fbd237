/* SPDX-License-Identifier: MIT */
/*
 * plan.c - `hooklint plan`: the hook lifecycle of each release, per
 * command, as text, JSON or a Mermaid diagram. Everything shown comes
 * from the simulation the rules use (lifecycle.c), problems included.
 */
#include "cli.h"
#include "emit.h"
#include "emit_priv.h"
#include "lifecycle.h"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Regular resources named in text and Mermaid output (JSON: all). */
#define LIST_MAX 8

struct palette {
	const char *bold, *dim, *reset, *sev[3];
};

static const struct palette plain = { "", "", "", { "", "", "" } };
static const struct palette ansi = {
	"\033[1m", "\033[2m", "\033[0m",
	{ "\033[1;36m", "\033[1;35m", "\033[1;31m" },
};

/* The writer state of one plan (hl_plan.priv). */
struct writer {
	struct hl_jw jw;	/* JSON */
	struct hl_buf b;	/* text and Mermaid */
	size_t node;		/* Mermaid node counter */
};

/* One release being written: which problems were shown already. */
struct view {
	struct hl_plan *p;
	const struct hl_ctx *ctx;
	const struct hl_life *l;
	struct writer *w;
	const struct palette *pal;
	unsigned char *shown;	/* per problem */
	size_t release;		/* its number in the plan */
};

static const struct hl_res *res_at(const struct hl_life *l, uint32_t i)
{
	return &l->rel->res[i];
}

static const char *name_of(const struct hl_res *r)
{
	return r->name ? r->name : "(generateName)";
}

static bool enabled(const struct view *v, enum hl_rule_id rule)
{
	return v->p->opts->severity[rule] != HL_SEV_OFF;
}

static enum hl_severity severity(const struct view *v, enum hl_rule_id rule)
{
	enum hl_severity s = v->p->opts->severity[rule];

	return s > HL_SEV_ERROR ? HL_SEV_ERROR : s;
}

static bool regular(const struct hl_res *r)
{
	return !r->dropped && !r->is_hook && !r->in_crds_dir;
}

/* "pre-install,pre-upgrade" as the hook lists them (duplicates once). */
static void events_csv(struct hl_buf *b, unsigned mask)
{
	size_t e;
	bool first = true;

	for (e = 0; e < HL_EV_MAX; e++) {
		if (!(mask & 1u << e))
			continue;
		hl_buf_addf(b, "%s%s", first ? "" : ",",
			    hl_event_name((enum hl_event)e));
		first = false;
	}
}

static const char *wait_text(const struct hl_res *r)
{
	if (!strcmp(r->kind, "Job"))
		return "Complete";
	if (!strcmp(r->kind, "Pod"))
		return "Succeeded";
	return NULL;
}

static bool is_crd(const struct hl_res *r)
{
	return !strcmp(r->kind, "CustomResourceDefinition");
}

/* "before creation, at end, on failure" */
static void delete_text(struct hl_buf *b, const struct hl_res *r)
{
	const char *sep = "";

	if (is_crd(r)) {
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

/* The problems to mark at a run of event @e of resource @res: those of
 * that event, and the others the first time the resource shows. */
static size_t marks(struct view *v, uint32_t res, int e,
		    const struct hl_problem **out, size_t max)
{
	const struct hl_problem *p;
	size_t n = hl_life_problems_of(v->l, res, &p), i, k = 0;

	for (i = 0; i < n && k < max; i++) {
		size_t idx = (size_t)(p + i - v->l->problems);

		if (!enabled(v, p[i].rule) || p[i].rule == HL_RULE_HL412)
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

/* What a mark says, short: "serviceAccountName 'sa' (ServiceAccount):
 * created later in this event". */
static void mark_text(struct hl_buf *b, const struct view *v,
		      const struct hl_problem *p)
{
	const struct hl_life *l = v->l;
	const struct hl_res *r = res_at(l, p->res);
	const struct hl_res *o = p->other != HL_NONE ? res_at(l, p->other) : NULL;

	if (p->ref != HL_NONE) {
		const struct hl_ref *ref = &r->refs[p->ref];
		hl_buf_addf(b, "%s '%s' (%s): ", hl_ref_field(ref), ref->name,
			    hl_ref_kind_name(ref));
	}
	switch (p->rule) {
	case HL_RULE_HL303:
		if (p->del_event < HL_EV_MAX)
			hl_buf_addf(b, "deleted at the end of %s (hook-succeeded)",
				    hl_event_name((enum hl_event)p->del_event));
		else
			hl_buf_adds(b, "a hook deleted at the end of its event "
				    "(hook-succeeded)");
		break;
	case HL_RULE_HL304:
		hl_buf_adds(b, "a hook object the release does not manage");
		break;
	case HL_RULE_HL401:
		if (p->uncertain)
			hl_buf_adds(b, "may be created later in this event (the "
				    "order is known only once rendered); Helm "
				    "waits for this hook first");
		else if (o->weight == r->weight)
			hl_buf_adds(b, "created later in this event (same "
				    "weight: Helm orders by name); Helm waits "
				    "for this hook first");
		else
			hl_buf_addf(b, "created later in this event (weight "
				    "%lld); Helm waits for this hook first",
				    o->weight);
		break;
	case HL_RULE_HL402:
		hl_buf_adds(b, "a regular resource, created after pre-install");
		break;
	case HL_RULE_HL403:
		hl_buf_adds(b, "a regular resource, there only if the previous "
			    "revision had it");
		break;
	case HL_RULE_HL404:
		hl_buf_adds(b, "a regular resource, already deleted by uninstall");
		break;
	case HL_RULE_HL405:
		hl_buf_adds(b, "a hook of ");
		events_csv(b, o->event_mask);
		hl_buf_adds(b, " only, not there yet");
		break;
	case HL_RULE_HL406:
		hl_buf_addf(b, "its CRD '%s' is not established yet", name_of(o));
		break;
	case HL_RULE_HL407:
		hl_buf_adds(b, "a test hook, there only during helm test");
		break;
	case HL_RULE_HL408:
	case HL_RULE_HL409:
		hl_buf_addf(b, "the same object as the %s '%s' hook of ",
			    o->kind, name_of(o));
		events_csv(b, o->event_mask);
		break;
	case HL_RULE_HL410:
		hl_buf_addf(b, "the same object as a %s %s '%s'",
			    o->is_hook ? "hook" : "regular", o->kind,
			    name_of(o));
		break;
	default:
		break;
	}
}

/* The phases of a command: hook events around the regular resources. */
enum phase_type {
	PH_CRDS,
	PH_EVENT,
	PH_REGULAR,
};

struct phase {
	enum phase_type type;
	enum hl_event event;
};

static size_t phases(enum hl_cmd c, struct phase ph[4])
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

static const char *regular_action(enum hl_cmd c)
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

static size_t count_if(const struct hl_life *l,
		       bool (*pred)(const struct hl_res *))
{
	size_t i, n = 0;

	for (i = 0; i < l->rel->n; i++)
		n += pred(&l->rel->res[i]);
	return n;
}

static bool crds_dir(const struct hl_res *r)
{
	return !r->dropped && r->in_crds_dir;
}

static bool hook(const struct hl_res *r)
{
	return !r->dropped && r->is_hook;
}

static bool dropped(const struct hl_res *r)
{
	return r->dropped;
}

static bool kept(const struct hl_res *r)
{
	return regular(r) && r->keep;
}

static bool uninstalled(const struct hl_res *r)
{
	return regular(r) && !r->keep;
}

/* --- text ----------------------------------------------------------------- */

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

static void text_marks(struct view *v, const struct hl_problem **m, size_t n,
		       const char *indent)
{
	struct hl_buf *b = &v->w->b;
	size_t i;

	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;
		enum hl_severity s = severity(v, m[i]->rule);

		mark_text(&t, v, m[i]);
		hl_buf_addf(b, "%s%s\u2717%s ", indent, v->pal->sev[s],
			    v->pal->reset);
		hl_clean_add(b, t.s, t.len);
		hl_buf_addf(b, " [%s %s]\n", hl_rule_id(m[i]->rule),
			    hl_rule_name(m[i]->rule));
		hl_buf_release(&t);
	}
}

/* "Kind name, Kind name and 3 more" */
static void text_list(struct hl_buf *b, const struct hl_life *l,
		      bool (*pred)(const struct hl_res *))
{
	size_t i, n = 0, total = count_if(l, pred);

	for (i = 0; i < l->rel->n; i++) {
		const struct hl_res *r = &l->rel->res[i];
		char *s;

		if (!pred(r))
			continue;
		if (n == LIST_MAX) {
			hl_buf_addf(b, " and %zu more", total - n);
			break;
		}
		s = xasprintf("%s %s", r->kind, name_of(r));
		hl_buf_adds(b, n ? ", " : "");
		hl_clean_add(b, s, strlen(s));
		free(s);
		n++;
	}
}

static void text_event(struct view *v, enum hl_event e)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i, wk = 4, wn = 4, we = 6, ww = 4;
	char **evs = NULL, **wts = NULL;
	const struct hl_problem *p;
	bool any_del = false;

	hl_buf_addf(b, "  %s%s%s", v->pal->bold, hl_event_name(e), v->pal->reset);
	if (!n) {
		hl_buf_addf(b, ": %sno hooks%s\n", v->pal->dim, v->pal->reset);
		return;
	}
	hl_buf_addc(b, '\n');
	evs = xcalloc(n, sizeof(*evs));
	wts = xcalloc(n, sizeof(*wts));
	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;
		size_t x;

		events_csv(&t, runs[i].r->event_mask);
		evs[i] = hl_buf_detach(&t);
		wts[i] = xasprintf("%lld", runs[i].r->weight);
		if ((x = width(runs[i].r->kind)) > wk)
			wk = x;
		if ((x = width(name_of(runs[i].r))) > wn)
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
		const char *wt = wait_text(r);

		hl_buf_addf(b, "    %*s  ", (int)ww + 2, wts[i]);
		cell(b, r->kind, wk + 2);
		cell(b, name_of(r), wn + 2);
		cell(b, evs[i], we + 2);
		hl_buf_addf(b, "%-10s  ", wt ? wt : "-");
		delete_text(b, r);
		if (runs[i].nth)
			hl_buf_addf(b, "  (run %u: listed again)",
				    (unsigned)runs[i].nth + 1);
		else
			nm = marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));
		hl_buf_addc(b, '\n');
		if (nm) {
			/* under the KIND column */
			char *pad = xasprintf("%*s", (int)ww + 8, "");
			text_marks(v, m, nm, pad);
			free(pad);
		}
		any_del |= (r->policy_mask & HL_POL_HOOK_SUCCEEDED) && !is_crd(r);
	}
	if (any_del) {
		bool first = true;

		hl_buf_addf(b, "    then, in reverse order, delete (hook-succeeded): ");
		for (i = n; i-- > 0;) {
			const struct hl_res *r = runs[i].r;
			char *s;

			if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) ||
			    is_crd(r) || runs[i].nth)
				continue;
			s = xasprintf("%s%s %s", first ? "" : ", ", r->kind,
				      name_of(r));
			hl_clean_add(b, s, strlen(s));
			free(s);
			first = false;
		}
		hl_buf_addc(b, '\n');
	}
	/* HL412 groups of this event */
	for (i = 0, p = l->problems; i < l->nproblems; i++) {
		if (p[i].rule != HL_RULE_HL412 || !(p[i].events & 1u << e) ||
		    !enabled(v, HL_RULE_HL412))
			continue;
		hl_buf_addf(b, "    %s\u2717%s %u hooks share weight %lld: Helm "
			    "orders them by name [HL412 %s]\n",
			    v->pal->sev[severity(v, HL_RULE_HL412)], v->pal->reset,
			    (unsigned)p[i].count, res_at(l, p[i].res)->weight,
			    hl_rule_name(HL_RULE_HL412));
	}
	if (l->runs3[e]) {
		hl_buf_adds(b, "    note: Helm 3 runs them in another order (no "
			    "webhook configurations in its kind list):");
		for (i = 0; i < n; i++) {
			char *s = xasprintf(" %s %s", l->runs3[e][i].r->kind,
					    name_of(l->runs3[e][i].r));
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
}

static void text_regular(struct view *v, enum hl_cmd c)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	bool (*acted)(const struct hl_res *) = c == HL_CMD_UNINSTALL ?
					      uninstalled : regular;
	size_t n = count_if(l, acted), i;

	hl_buf_addf(b, "  %sregular resources%s: ", v->pal->bold, v->pal->reset);
	if (!count_if(l, regular)) {
		hl_buf_addf(b, "%snone%s\n", v->pal->dim, v->pal->reset);
		return;
	}
	hl_buf_addf(b, "%s %zu", regular_action(c), n);
	if (n) {
		hl_buf_adds(b, " (");
		text_list(b, l, acted);
		hl_buf_adds(b, ")");
	}
	if (c == HL_CMD_UNINSTALL && count_if(l, kept)) {
		hl_buf_adds(b, "; keep (helm.sh/resource-policy): ");
		text_list(b, l, kept);
	} else if (c != HL_CMD_UNINSTALL) {
		hl_buf_adds(b, "; Helm waits on them only with --wait");
	}
	hl_buf_addc(b, '\n');
	for (i = 0; i < l->rel->n; i++) {
		const struct hl_problem *m[16];
		size_t nm;
		char *s;

		if (!regular(&l->rel->res[i]))
			continue;
		nm = marks(v, (uint32_t)i, -1, m, HL_ARRAY_SIZE(m));
		if (!nm)
			continue;
		s = xasprintf("%s %s", l->rel->res[i].kind,
			      name_of(&l->rel->res[i]));
		hl_buf_adds(b, "    ");
		hl_clean_add(b, s, strlen(s));
		hl_buf_addc(b, '\n');
		free(s);
		text_marks(v, m, nm, "      ");
	}
}

static void release_files(struct hl_buf *b, const struct view *v)
{
	const struct hl_life *l = v->l;
	size_t i, last = SIZE_MAX, n = 0;

	for (i = 0; i < l->rel->n; i++) {
		size_t f = l->rel->res[i].file;
		const char *path = v->ctx->report->files[f].path;

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

static void text_release(struct view *v)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	enum hl_cmd c;

	if (v->release)
		hl_buf_addc(b, '\n');
	hl_buf_addf(b, "%srelease%s ", v->pal->bold, v->pal->reset);
	release_files(b, v);
	hl_buf_addf(b, ": %zu hooks, %zu regular resources\n",
		    count_if(l, hook), count_if(l, regular));
	if (count_if(l, dropped)) {
		size_t n = count_if(l, dropped);

		hl_buf_addf(b, "  Helm drops %zu document%s (unknown or empty "
			    "hook events): ", n, n == 1 ? "" : "s");
		text_list(b, l, dropped);
		hl_buf_addc(b, '\n');
	}
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = phases(c, ph), i;

		hl_buf_addf(b, "\n%shelm %s%s\n", v->pal->bold, hl_cmd_name(c),
			    v->pal->reset);
		for (i = 0; i < n; i++) {
			if (ph[i].type == PH_CRDS) {
				if (!count_if(l, crds_dir))
					continue;
				hl_buf_addf(b, "  %scrds/%s: create ", v->pal->bold,
					    v->pal->reset);
				text_list(b, l, crds_dir);
				hl_buf_adds(b, " before rendering (never "
					    "upgraded or deleted)\n");
			} else if (ph[i].type == PH_EVENT) {
				text_event(v, ph[i].event);
			} else {
				text_regular(v, c);
			}
		}
		if (c == HL_CMD_TEST)
			hl_buf_adds(b, "  (regular resources exist; hook objects "
				    "exist when install left them and no "
				    "upgrade deleted them)\n");
	}
	fwrite(b->s, 1, b->len, v->p->out);
	hl_buf_reset(b);
}

/* --- JSON ----------------------------------------------------------------- */

static void json_int(struct hl_jw *w, long long v)
{
	char s[32];

	snprintf(s, sizeof(s), "%lld", v);
	hl_jw_raw(w, s);
}

static void json_object(struct hl_jw *w, const struct view *v,
			const struct hl_res *r)
{
	hl_jw_key(w, "kind");
	hl_jw_str(w, r->kind);
	hl_jw_key(w, "name");
	hl_jw_str(w, r->name);
	hl_jw_key(w, "namespace");
	hl_jw_str(w, r->ns);
	hl_jw_key(w, "path");
	hl_jw_str(w, v->ctx->report->files[r->file].path);
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

static void json_marks(struct view *v, const struct hl_problem **m, size_t n)
{
	struct hl_jw *w = &v->w->jw;
	size_t i;

	hl_jw_key(w, "problems");
	hl_jw_open(w, '[');
	for (i = 0; i < n; i++) {
		const struct hl_res *r = res_at(v->l, m[i]->res);
		char *msg = hl_problem_message(v->l, m[i]);
		struct hl_buf t = HL_BUF_INIT;

		mark_text(&t, v, m[i]);
		hl_jw_open(w, '{');
		hl_jw_key(w, "rule");
		hl_jw_str(w, hl_rule_id(m[i]->rule));
		hl_jw_key(w, "name");
		hl_jw_str(w, hl_rule_name(m[i]->rule));
		hl_jw_key(w, "severity");
		hl_jw_str(w, hl_severity_word(severity(v, m[i]->rule)));
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
			json_object(w, v, res_at(v->l, m[i]->other));
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

static void json_event(struct view *v, enum hl_event e)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->w->jw;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i;

	hl_jw_key(w, "phase");
	hl_jw_str(w, hl_event_name(e));
	hl_jw_key(w, "hooks");
	hl_jw_open(w, '[');
	for (i = 0; i < n; i++) {
		const struct hl_res *r = runs[i].r;
		const struct hl_problem *m[16];
		size_t nm = runs[i].nth ? 0 :
			    marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));

		hl_jw_open(w, '{');
		hl_jw_key(w, "weight");
		json_int(w, r->weight);
		json_object(w, v, r);
		hl_jw_key(w, "events");
		json_events(w, r->event_mask);
		hl_jw_key(w, "run");
		hl_jw_uint(w, runs[i].nth + 1u);
		hl_jw_key(w, "wait");
		hl_jw_str(w, wait_text(r));
		hl_jw_key(w, "delete");
		hl_jw_open(w, '{');
		hl_jw_key(w, "before_creation");
		hl_jw_bool(w, !is_crd(r) &&
			   (r->policy_mask & HL_POL_BEFORE_HOOK_CREATION));
		hl_jw_key(w, "at_event_end");
		hl_jw_bool(w, !is_crd(r) &&
			   (r->policy_mask & HL_POL_HOOK_SUCCEEDED));
		hl_jw_key(w, "on_failure");
		hl_jw_bool(w, !is_crd(r) && (r->policy_mask & HL_POL_HOOK_FAILED));
		hl_jw_close(w, '}');
		json_marks(v, m, nm);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "deleted_at_end");
	hl_jw_open(w, '[');
	for (i = n; i-- > 0;) {
		const struct hl_res *r = runs[i].r;

		if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) || is_crd(r) ||
		    runs[i].nth)
			continue;
		hl_jw_open(w, '{');
		hl_jw_key(w, "kind");
		hl_jw_str(w, r->kind);
		hl_jw_key(w, "name");
		hl_jw_str(w, r->name);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "groups");
	hl_jw_open(w, '[');
	for (i = 0; i < l->nproblems; i++) {
		const struct hl_problem *p = &l->problems[i];
		size_t k;

		if (p->rule != HL_RULE_HL412 || !(p->events & 1u << e) ||
		    !enabled(v, HL_RULE_HL412))
			continue;
		hl_jw_open(w, '{');
		hl_jw_key(w, "rule");
		hl_jw_str(w, "HL412");
		hl_jw_key(w, "weight");
		json_int(w, res_at(l, p->res)->weight);
		hl_jw_key(w, "names");
		hl_jw_open(w, '[');
		for (k = 0; k < p->count; k++)
			hl_jw_str(w, res_at(l, l->members[p->first + k])->name);
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

static void json_list(struct view *v, const char *key,
		      bool (*pred)(const struct hl_res *), bool with_marks)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->w->jw;
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
			nm = marks(v, (uint32_t)i, -1, m, HL_ARRAY_SIZE(m));
			json_marks(v, m, nm);
		}
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
}

static void json_release(struct view *v)
{
	const struct hl_life *l = v->l;
	struct hl_jw *w = &v->w->jw;
	size_t i, last = SIZE_MAX;
	enum hl_cmd c;

	hl_jw_open(w, '{');
	hl_jw_key(w, "files");
	hl_jw_open(w, '[');
	for (i = 0; i < l->rel->n; i++) {
		if (l->rel->res[i].file == last)
			continue;
		last = l->rel->res[i].file;
		hl_jw_str(w, v->ctx->report->files[last].path);
	}
	hl_jw_close(w, ']');
	hl_jw_key(w, "hooks");
	hl_jw_uint(w, count_if(l, hook));
	hl_jw_key(w, "resources");
	hl_jw_uint(w, count_if(l, regular));
	json_list(v, "dropped", dropped, false);
	hl_jw_key(w, "commands");
	hl_jw_open(w, '[');
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = phases(c, ph);

		hl_jw_open(w, '{');
		hl_jw_key(w, "command");
		hl_jw_str(w, hl_cmd_name(c));
		hl_jw_key(w, "phases");
		hl_jw_open(w, '[');
		for (i = 0; i < n; i++) {
			if (ph[i].type == PH_CRDS && !count_if(l, crds_dir))
				continue;
			hl_jw_open(w, '{');
			if (ph[i].type == PH_CRDS) {
				hl_jw_key(w, "phase");
				hl_jw_str(w, "crds");
				json_list(v, "resources", crds_dir, false);
			} else if (ph[i].type == PH_EVENT) {
				json_event(v, ph[i].event);
			} else {
				hl_jw_key(w, "phase");
				hl_jw_str(w, "resources");
				hl_jw_key(w, "action");
				hl_jw_str(w, regular_action(c));
				json_list(v, "resources", regular, true);
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

/* --- Mermaid ------------------------------------------------------------ */

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
static size_t mm_node(struct view *v, size_t *prev, const char *open)
{
	struct hl_buf *b = &v->w->b;
	size_t id = ++v->w->node;

	if (*prev)
		hl_buf_addf(b, "    n%zu --> n%zu\n", *prev, id);
	*prev = id;
	hl_buf_addf(b, "    n%zu%s\"", id, open);
	return id;
}

static void mm_end(struct view *v, const char *close, const char *cls)
{
	hl_buf_addf(&v->w->b, "\"%s%s%s\n", close, cls ? ":::" : "",
		    cls ? cls : "");
}

static const char *mm_class(const struct view *v, const struct hl_problem **m,
			    size_t n)
{
	enum hl_severity worst = HL_SEV_INFO;
	size_t i;

	if (!n)
		return NULL;
	for (i = 0; i < n; i++)
		if (severity(v, m[i]->rule) > worst)
			worst = severity(v, m[i]->rule);
	return worst == HL_SEV_ERROR ? "error" :
	       worst == HL_SEV_WARNING ? "warning" : "info";
}

static void mm_marks(struct view *v, const struct hl_problem **m, size_t n)
{
	struct hl_buf *b = &v->w->b;
	size_t i;

	for (i = 0; i < n; i++) {
		struct hl_buf t = HL_BUF_INIT;

		mark_text(&t, v, m[i]);
		hl_buf_addf(b, "<br/>\u2717 %s ", hl_rule_id(m[i]->rule));
		mm_add(b, t.s ? t.s : "");
		hl_buf_release(&t);
	}
}

static void mm_list(struct view *v, bool (*pred)(const struct hl_res *))
{
	struct hl_buf t = HL_BUF_INIT;

	text_list(&t, v->l, pred);
	mm_add(&v->w->b, t.s ? t.s : "");
	hl_buf_release(&t);
}

static void mm_event(struct view *v, enum hl_event e, size_t *prev)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	const struct hl_run *runs = l->runs[e];
	size_t n = l->nruns[e], i;
	bool any_del = false, first = true;

	mm_node(v, prev, "([");
	hl_buf_addf(b, "%s%s", hl_event_name(e), n ? "" : ": no hooks");
	for (i = 0; i < l->nproblems; i++)
		if (l->problems[i].rule == HL_RULE_HL412 &&
		    (l->problems[i].events & 1u << e) &&
		    enabled(v, HL_RULE_HL412))
			hl_buf_addf(b, "<br/>\u2717 HL412 %u hooks share weight "
				    "%lld", (unsigned)l->problems[i].count,
				    res_at(l, l->problems[i].res)->weight);
	mm_end(v, "])", "phase");
	for (i = 0; i < n; i++) {
		const struct hl_res *r = runs[i].r;
		const struct hl_problem *m[16];
		size_t nm = runs[i].nth ? 0 :
			    marks(v, runs[i].res, (int)e, m, HL_ARRAY_SIZE(m));
		const char *wt = wait_text(r);

		mm_node(v, prev, "[");
		hl_buf_addf(b, "%lld \u00b7 ", r->weight);
		mm_add(b, r->kind);
		hl_buf_adds(b, " ");
		mm_add(b, name_of(r));
		if (runs[i].nth)
			hl_buf_addf(b, " (run %u)", (unsigned)runs[i].nth + 1);
		if (wt)
			hl_buf_addf(b, "<br/>waits until %s", wt);
		mm_marks(v, m, nm);
		mm_end(v, "]", mm_class(v, m, nm));
		any_del |= (r->policy_mask & HL_POL_HOOK_SUCCEEDED) && !is_crd(r);
	}
	if (!any_del)
		return;
	mm_node(v, prev, "[/");
	hl_buf_adds(b, "delete (hook-succeeded): ");
	for (i = n; i-- > 0;) {
		const struct hl_res *r = runs[i].r;

		if (!(r->policy_mask & HL_POL_HOOK_SUCCEEDED) || is_crd(r) ||
		    runs[i].nth)
			continue;
		hl_buf_adds(b, first ? "" : ", ");
		mm_add(b, r->kind);
		hl_buf_adds(b, " ");
		mm_add(b, name_of(r));
		first = false;
	}
	mm_end(v, "\\]", "deleted");
}

static void mm_regular(struct view *v, enum hl_cmd c, size_t *prev)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	size_t n = count_if(l, regular), i;
	const struct hl_problem *all[64];
	size_t nall = 0;

	for (i = 0; i < l->rel->n && nall < HL_ARRAY_SIZE(all); i++)
		if (regular(&l->rel->res[i]))
			nall += marks(v, (uint32_t)i, -1, all + nall,
				      HL_ARRAY_SIZE(all) - nall);
	if (c == HL_CMD_UNINSTALL)
		n = count_if(l, uninstalled);
	mm_node(v, prev, "[[");
	hl_buf_addf(b, "%s %zu regular resources", regular_action(c), n);
	if (n) {
		hl_buf_adds(b, "<br/>");
		mm_list(v, c == HL_CMD_UNINSTALL ? uninstalled : regular);
	}
	if (c == HL_CMD_UNINSTALL && count_if(l, kept)) {
		hl_buf_adds(b, "<br/>keep: ");
		mm_list(v, kept);
	}
	mm_marks(v, all, nall);
	mm_end(v, "]]", mm_class(v, all, nall));
}

static void mm_release(struct view *v)
{
	const struct hl_life *l = v->l;
	struct hl_buf *b = &v->w->b;
	enum hl_cmd c;

	hl_buf_addf(b, "  subgraph r%zu[\"release ", v->release + 1);
	{
		struct hl_buf t = HL_BUF_INIT;
		release_files(&t, v);
		mm_add(b, t.s ? t.s : "");
		hl_buf_release(&t);
	}
	hl_buf_adds(b, "\"]\n    direction LR\n");
	for (c = 0; c < HL_CMD_MAX; c++) {
		struct phase ph[4];
		size_t n = phases(c, ph), i, prev = 0;

		hl_buf_addf(b, "  subgraph r%zu_%s[\"helm %s\"]\n    direction TB\n",
			    v->release + 1, hl_cmd_name(c), hl_cmd_name(c));
		for (i = 0; i < n; i++) {
			if (ph[i].type == PH_CRDS) {
				if (!count_if(l, crds_dir))
					continue;
				mm_node(v, &prev, "[[");
				hl_buf_adds(b, "crds/: ");
				mm_list(v, crds_dir);
				mm_end(v, "]]", "phase");
			} else if (ph[i].type == PH_EVENT) {
				mm_event(v, ph[i].event, &prev);
			} else {
				mm_regular(v, c, &prev);
			}
		}
		hl_buf_adds(b, "  end\n");
	}
	hl_buf_adds(b, "  end\n");
	fwrite(b->s, 1, b->len, v->p->out);
	hl_buf_reset(b);
}

/* --- the plan ----------------------------------------------------------- */

void hl_plan_add(struct hl_plan *p, const struct hl_ctx *ctx,
		 const struct hl_life *l)
{
	struct view v;

	if (!l->rel->n)
		return;	/* a file without manifests */
	v.p = p;
	v.ctx = ctx;
	v.l = l;
	v.w = p->priv;
	v.pal = p->color ? &ansi : &plain;
	v.shown = xcalloc(l->nproblems + 1, 1);
	v.release = p->nreleases;
	switch (p->format) {
	case HL_PLAN_JSON:
		json_release(&v);
		break;
	case HL_PLAN_MERMAID:
		mm_release(&v);
		break;
	default:
		text_release(&v);
		break;
	}
	free(v.shown);
	p->nreleases++;
}

static const char *const target_names[] = {
	"helm", "helm3", "helm4", "argocd", "flux",
};

static void begin(struct hl_plan *p)
{
	struct writer *w = p->priv;

	switch (p->format) {
	case HL_PLAN_JSON:
		hl_jw_init(&w->jw, p->out, 9);
		hl_jw_open(&w->jw, '{');
		hl_jw_key(&w->jw, "version");
		hl_jw_uint(&w->jw, 1);
		hl_jw_key(&w->jw, "tool");
		hl_jw_open(&w->jw, '{');
		hl_jw_key(&w->jw, "name");
		hl_jw_str(&w->jw, "hooklint");
		hl_jw_key(&w->jw, "version");
		hl_jw_str(&w->jw, HL_VERSION);
		hl_jw_close(&w->jw, '}');
		hl_jw_key(&w->jw, "target");
		hl_jw_str(&w->jw, target_names[p->opts->target]);
		hl_jw_key(&w->jw, "releases");
		hl_jw_open(&w->jw, '[');
		break;
	case HL_PLAN_MERMAID:
		fputs("flowchart LR\n"
		      "  classDef phase fill:#eef3ff,stroke:#6b7fb3,color:#000\n"
		      "  classDef deleted fill:#f4f4f4,stroke:#999,color:#333\n"
		      "  classDef error fill:#ffe0e0,stroke:#c00,color:#000\n"
		      "  classDef warning fill:#fff1d6,stroke:#c80,color:#000\n"
		      "  classDef info fill:#e3f4ff,stroke:#08c,color:#000\n",
		      p->out);
		break;
	default:
		break;
	}
}

static int end(struct hl_plan *p, const struct hl_report *r)
{
	struct writer *w = p->priv;
	size_t i;

	switch (p->format) {
	case HL_PLAN_JSON:
		hl_jw_close(&w->jw, ']');
		hl_jw_key(&w->jw, "errors");
		hl_jw_open(&w->jw, '[');
		for (i = 0; i < r->nerrors; i++) {
			hl_jw_open(&w->jw, '{');
			hl_jw_key(&w->jw, "path");
			hl_jw_str(&w->jw, r->errors[i].path);
			hl_jw_key(&w->jw, "message");
			hl_jw_str(&w->jw, r->errors[i].message);
			hl_jw_close(&w->jw, '}');
		}
		hl_jw_close(&w->jw, ']');
		hl_jw_close(&w->jw, '}');
		hl_buf_addc(&w->jw.b, '\n');
		return hl_jw_finish(&w->jw);
	case HL_PLAN_MERMAID:
		if (!p->nreleases)
			fputs("  empty[\"no manifests\"]\n", p->out);
		return 0;
	default:
		if (!p->nreleases)
			fputs("no manifests\n", p->out);
		return 0;
	}
}

int hl_plan_write(const struct hl_opts *o, enum hl_plan_format format,
		  FILE *out, bool color, struct hl_report *r)
{
	struct writer w;
	struct hl_plan p;
	struct hl_opts copy = *o;
	int ret;

	memset(&w, 0, sizeof(w));
	memset(&p, 0, sizeof(p));
	p.format = format;
	p.opts = o;
	p.out = out;
	p.color = color && format == HL_PLAN_TEXT;
	p.priv = &w;
	copy.plan = &p;
	begin(&p);
	hl_lint(&copy, r);
	ret = end(&p, r);
	hl_buf_release(&w.b);
	return ret;
}


int hl_plan_main(int argc, char **argv)
{
	struct hl_opts o;
	struct hl_report r;
	int format = HL_PLAN_TEXT, status = HL_EXIT_OK, ret;
	FILE *out = stdout;
	size_t i;

	hl_opts_init(&o);
	ret = hl_cli_parse_plan(argc, argv, &o, &format);
	if (ret)
		return ret < 0 ? HL_EXIT_USAGE : HL_EXIT_OK;
	if (o.output && !(out = fopen(o.output, "w"))) {
		hl_error("cannot write '%s': %s", o.output, strerror(errno));
		return HL_EXIT_IO;
	}
	memset(&r, 0, sizeof(r));
	if (hl_plan_write(&o, (enum hl_plan_format)format, out, hl_want_color(&o),
			  &r))
		status = HL_EXIT_IO;
	for (i = 0; i < r.nerrors; i++)
		hl_error("%s", r.errors[i].message);
	if (o.output ? fclose(out) : fflush(out)) {
		hl_error("cannot write the plan: %s", strerror(errno));
		status = HL_EXIT_IO;
	}
	if (r.nerrors)
		status = HL_EXIT_IO;
	hl_report_release(&r);
	return status;
}
