/* SPDX-License-Identifier: MIT */
/*
 * rules/ordering.c - the release rules over the simulated lifecycle:
 * HL303, HL304 and HL401-HL412 (but HL411, a per-resource rule in
 * events.c), "one problem, one finding", and their findings.
 */
#include "rules/ordering.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define EV(e) (1u << HL_EV_##e)

/* HL412 lists at most this many other hooks of a group. */
#define GROUP_RELATED_MAX 10

/* A problem before merging: one per verdict, with the object it names. */
struct cand {
	struct hl_problem p;
	uint32_t obj;
};

struct cands {
	struct cand *v;
	size_t n, alloc;
};

static void add_cand(struct cands *c, enum hl_rule_id rule,
		     const struct hl_verdict *v)
{
	struct cand *x;

	HL_GROW(c->v, c->n + 1, c->alloc);
	x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->p.rule = rule;
	x->p.res = v->res;
	x->p.other = v->other;
	x->p.ref = v->ref;
	x->p.events = v->event >= 0 ? 1u << v->event : 0;
	x->p.why = v->why;
	x->p.del_event = v->del_event >= 0 ? (unsigned char)v->del_event :
			 0xff;
	x->obj = v->obj;
}

/* Which rule, if any, a verdict is (docs/rules/, HL3xx and HL4xx). */
static int verdict_rule(const struct hl_life *l, const struct hl_verdict *v)
{
	const struct hl_res *c = hl_life_res(l, v->res);
	bool waited = hl_res_waited(c);

	if (v->event < 0) {
		switch (v->why) {
		case HL_WHY_TEST_ONLY:
			return HL_RULE_HL407;
		case HL_WHY_SUCCEEDED:
			return HL_RULE_HL303;
		default:
			return HL_RULE_HL304;
		}
	}
	switch (v->why) {
	case HL_WHY_NOT_YET:
		return waited ? HL_RULE_HL402 : -1;
	case HL_WHY_MAYBE:
		return waited && !(c->event_mask & EV(PRE_INSTALL)) ?
		       HL_RULE_HL403 : -1;
	case HL_WHY_UNINSTALLED:
		return waited ? HL_RULE_HL404 : -1;
	case HL_WHY_SUCCEEDED:
		return HL_RULE_HL303;
	case HL_WHY_TEST_ONLY:
		return HL_RULE_HL407;
	case HL_WHY_LATER:
		/* only a hook Helm waits on blocks the next one */
		return waited ? HL_RULE_HL401 : -1;
	case HL_WHY_ABSENT:
	case HL_WHY_GONE:
	case HL_WHY_UNLESS_LEFT:
		return HL_RULE_HL405;
	default:
		return -1;
	}
}

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->p.res != b->p.res)
		return a->p.res < b->p.res ? -1 : 1;
	if (a->obj != b->obj)
		return a->obj < b->obj ? -1 : 1;
	if (a->p.rule != b->p.rule)
		return a->p.rule < b->p.rule ? -1 : 1;
	if (a->p.why != b->p.why)
		return a->p.why < b->p.why ? -1 : 1;
	if (a->p.ref != b->p.ref)
		return a->p.ref < b->p.ref ? -1 : 1;
	return (a->p.events > b->p.events) - (a->p.events < b->p.events);
}

static void add_problem(struct hl_judgement *jd, const struct hl_problem *p)
{
	HL_GROW(jd->problems, jd->nproblems + 1, jd->problems_alloc);
	jd->problems[jd->nproblems++] = *p;
}

/*
 * References: one finding per consumer, object and rule, at the first
 * reference, for every event where it happens; HL303 and HL407 say more
 * than HL304 and HL405 about the same reference.
 */
static void reference_rules(struct hl_judgement *jd)
{
	const struct hl_life *l = jd->life;
	struct cands c = { NULL, 0, 0 };
	size_t i, j, k;

	for (i = 0; i < l->nverdicts; i++) {
		const struct hl_verdict *v = &l->verdicts[i];
		int rule = verdict_rule(l, v);

		/* silent about an object that may not be rendered */
		if (rule < 0 || hl_life_res(l, v->other)->conditional)
			continue;
		add_cand(&c, (enum hl_rule_id)rule, v);
		if (rule == HL_RULE_HL401)
			c.v[c.n - 1].p.uncertain = hl_order_uncertain(
				hl_life_res(l, v->res), hl_life_res(l, v->other));
		else
			c.v[c.n - 1].p.uncertain = v->in_plan;
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cmp_cand);
	for (i = 0; i < c.n; i = j) {
		bool specific = false;

		for (j = i; j < c.n && c.v[j].p.res == c.v[i].p.res &&
		     c.v[j].obj == c.v[i].obj; j++)
			specific |= c.v[j].p.rule == HL_RULE_HL303 ||
				    c.v[j].p.rule == HL_RULE_HL407;
		for (k = i; k < j; k++) {
			struct hl_problem p = c.v[k].p;

			if (specific && (p.rule == HL_RULE_HL304 ||
					 p.rule == HL_RULE_HL405))
				continue;
			/* the same rule, for the same reason, at other
			 * events of the consumer */
			while (k + 1 < j && c.v[k + 1].p.rule == p.rule &&
			       c.v[k + 1].p.why == p.why) {
				p.events |= c.v[++k].p.events;
				p.uncertain &= c.v[k].p.uncertain;
			}
			add_problem(jd, &p);
		}
	}
	free(c.v);
}

/* --- HL406: a custom resource hook and its CRD ------------------------ */

struct crd {
	const char *group, *kind;
	uint32_t res;
};

static int cmp_crd(const void *pa, const void *pb)
{
	const struct crd *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->group, b->group)) || (c = strcmp(a->kind, b->kind)))
		return c;
	return (a->res > b->res) - (a->res < b->res);
}

/* The events of @mask where a CRD that runs at @crd_mask is not there
 * yet; *@same tells whether one of them is the CRD's own event. */
static unsigned crd_late_events(unsigned mask, unsigned crd_mask, bool *same)
{
	unsigned bad = 0;
	enum hl_cmd c;

	*same = false;
	for (c = 0; c < HL_CMD_MAX; c++) {
		enum hl_event ev[2];
		size_t n = hl_cmd_events(c, ev), i, k;

		for (i = 0; i < n; i++) {
			bool earlier = false, now, later = false;

			if (!(mask & 1u << ev[i]))
				continue;
			for (k = 0; k < i; k++)
				earlier |= !!(crd_mask & 1u << ev[k]);
			now = crd_mask & 1u << ev[i];
			for (k = i + 1; k < n; k++)
				later |= !!(crd_mask & 1u << ev[k]);
			if (!earlier && (now || later)) {
				bad |= 1u << ev[i];
				*same |= now;
			}
		}
	}
	return bad;
}

static void crd_rule(struct hl_judgement *jd)
{
	const struct hl_life *l = jd->life;
	const struct hl_release *rel = l->rel;
	struct crd *crds = NULL;
	size_t n = 0, alloc = 0, i;

	for (i = 0; i < rel->n; i++) {
		const struct hl_res *r = &rel->res[i];

		if (r->dropped || !r->crd_group || !r->crd_kind ||
		    strcmp(r->kind, "CustomResourceDefinition"))
			continue;
		HL_GROW(crds, n + 1, alloc);
		crds[n].group = r->crd_group;
		crds[n].kind = r->crd_kind;
		crds[n].res = (uint32_t)i;
		n++;
	}
	if (!n)
		return;
	qsort(crds, n, sizeof(*crds), cmp_crd);
	for (i = 0; i < rel->n; i++) {
		const struct hl_res *r = &rel->res[i];
		struct crd key = { r->group, r->kind, 0 };
		struct hl_problem p;
		size_t lo = 0, hi = n, k;
		uint32_t regular = HL_NONE, hook = HL_NONE;
		unsigned crd_mask = 0;
		bool in_dir = false, same;

		if (r->dropped || !r->is_hook || !*r->group)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_crd(&crds[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < n && !strcmp(crds[k].group, r->group) &&
		     !strcmp(crds[k].kind, r->kind); k++) {
			const struct hl_res *d = &rel->res[crds[k].res];

			if (d->conditional)
				continue;
			if (d->in_crds_dir) {
				in_dir = true;	/* installed first */
			} else if (!d->is_hook) {
				if (regular == HL_NONE)
					regular = crds[k].res;
			} else {
				if (hook == HL_NONE)
					hook = crds[k].res;
				crd_mask |= d->event_mask;
			}
		}
		if (in_dir || (regular == HL_NONE && hook == HL_NONE))
			continue;
		memset(&p, 0, sizeof(p));
		p.rule = HL_RULE_HL406;
		p.res = (uint32_t)i;
		p.ref = HL_NONE;
		if (regular != HL_NONE) {
			p.other = regular;
			p.events = r->event_mask;
			p.why = HL_WHY_NOT_YET;
		} else {
			p.other = hook;
			p.events = crd_late_events(r->event_mask, crd_mask,
						   &same);
			p.why = same ? HL_WHY_SAME_EVENT : HL_WHY_LATER_EVENT;
			if (!p.events)
				continue;
		}
		add_problem(jd, &p);
	}
	free(crds);
}

/* --- HL408, HL409, HL410: documents of one identity ------------------ */

static void pair(struct hl_judgement *jd, enum hl_rule_id rule, uint32_t later,
		 uint32_t earlier, unsigned events)
{
	const struct hl_life *l = jd->life;
	struct hl_problem p;

	if (hl_life_res(l, later)->conditional || hl_life_res(l, earlier)->conditional)
		return;
	memset(&p, 0, sizeof(p));
	p.rule = rule;
	p.res = later;
	p.other = earlier;
	p.ref = HL_NONE;
	p.events = events;
	add_problem(jd, &p);
}

static void identity_rules(struct hl_judgement *jd)
{
	const struct hl_life *l = jd->life;
	size_t k;

	for (k = 0; k < l->nobj; k++) {
		const uint32_t *m;
		size_t n = hl_life_members(l, (uint32_t)k, &m), i;
		uint32_t regular = HL_NONE, hook = HL_NONE;
		uint32_t by_event[HL_EV_MAX];	/* first member per event */

		if (n < 2)
			continue;
		for (i = 0; i < HL_EV_MAX; i++)
			by_event[i] = HL_NONE;
		for (i = 0; i < n; i++) {
			const struct hl_res *r = hl_life_res(l, m[i]);
			uint32_t shared = HL_NONE;
			size_t e;

			/* range-generated documents: 0..n objects */
			if (r->in_crds_dir || r->generated)
				continue;
			if (!r->is_hook) {
				if (hook != HL_NONE)
					pair(jd, HL_RULE_HL410, m[i], hook, 0);
				if (regular == HL_NONE)
					regular = m[i];
				continue;
			}
			if (regular != HL_NONE)
				pair(jd, HL_RULE_HL410, m[i], regular, 0);
			for (e = 0; e < HL_EV_MAX; e++)
				if ((r->event_mask & 1u << e) &&
				    by_event[e] != HL_NONE &&
				    (shared == HL_NONE || by_event[e] < shared))
					shared = by_event[e];
			if (shared != HL_NONE)
				pair(jd, HL_RULE_HL408, m[i], m[shared],
				     r->event_mask &
				     hl_life_res(l, m[shared])->event_mask);
			else if (hook != HL_NONE && !r->events_templated &&
				 !hl_life_res(l, hook)->events_templated)
				pair(jd, HL_RULE_HL409, m[i], hook, 0);
			if (hook == HL_NONE)
				hook = m[i];
			for (e = 0; e < HL_EV_MAX; e++)
				if ((r->event_mask & 1u << e) &&
				    by_event[e] == HL_NONE)
					by_event[e] = (uint32_t)i;
		}
	}
}

/* --- HL412: hooks of one event with one weight ------------------------ */

struct group {
	const uint32_t *m;	/* into jd->members, once all are in */
	size_t first, count;
	unsigned events;
};

static int cmp_group(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	uint32_t la = a->m[a->count - 1], lb = b->m[b->count - 1];

	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->count != b->count)
		return a->count < b->count ? -1 : 1;
	return memcmp(a->m, b->m, a->count * sizeof(*a->m));
}

static void add_member(struct hl_judgement *jd, uint32_t res)
{
	HL_GROW(jd->members, jd->nmembers + 1, jd->members_alloc);
	jd->members[jd->nmembers++] = res;
}

/*
 * Whether the order of run @run in event @e can matter on its own: Helm
 * waits for Jobs and Pods one at a time, so whichever runs first does its
 * work first. Test hooks check the release and do not feed one another;
 * a hook that names another member needs it to exist, which HL401
 * reports (at info when the order is known only once rendered).
 */
static bool ordered_member(const struct hl_run *run, enum hl_event e)
{
	const struct hl_res *r = run->r;

	return !run->nth && e != HL_EV_TEST && hl_res_waited(r) &&
	       !r->conditional && !r->generated && !r->weight_templated;
}

/*
 * Add the members of runs [@from, @to) of event @e, one weight, whose
 * order against another member is undecided: their names differ in
 * template actions (rendered names are literal; names sharing a
 * templated prefix compare on their literal suffixes). Returns how many.
 */
static size_t undecided(struct hl_judgement *jd, enum hl_event e,
			size_t from, size_t to)
{
	const struct hl_run *runs = jd->life->runs[e];
	size_t i, k, n = 0;

	for (i = from; i < to; i++) {
		if (!ordered_member(&runs[i], e))
			continue;
		for (k = from; k < to; k++)
			if (k != i && ordered_member(&runs[k], e) &&
			    hl_order_uncertain(runs[i].r, runs[k].r))
				break;
		if (k < to) {
			add_member(jd, runs[i].res);
			n++;
		}
	}
	return n;
}

static bool any_symbolic(const struct hl_run *runs, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (runs[i].r->name_symbolic)
			return true;
	return false;
}

static void weight_groups(struct hl_judgement *jd)
{
	const struct hl_life *l = jd->life;
	struct group *g = NULL;
	size_t ng = 0, galloc = 0, e, i, j;

	for (e = 0; e < HL_EV_MAX; e++) {
		const struct hl_run *runs = l->runs[e];
		size_t n = l->nruns[e], first, count;

		for (i = 0; i < n; i = j) {
			for (j = i; j < n &&
			     runs[j].r->weight == runs[i].r->weight; j++)
				;
			/* literal names: Helm's order is known */
			if (j - i < 2 || !any_symbolic(runs, i, j))
				continue;
			first = jd->nmembers;
			count = undecided(jd, (enum hl_event)e, i, j);
			if (count < 2) {
				jd->nmembers = first;
				continue;
			}
			HL_GROW(g, ng + 1, galloc);
			g[ng].first = first;
			g[ng].count = count;
			g[ng].events = 1u << e;
			ng++;
		}
	}
	for (i = 0; i < ng; i++)
		g[i].m = jd->members + g[i].first;
	/* one finding per group, also when several events share it */
	if (ng)
		qsort(g, ng, sizeof(*g), cmp_group);
	for (i = 0; i < ng; i = j) {
		struct hl_problem p;

		memset(&p, 0, sizeof(p));
		p.events = 0;
		for (j = i; j < ng && !cmp_group(&g[i], &g[j]); j++)
			p.events |= g[j].events;
		p.rule = HL_RULE_HL412;
		p.res = g[i].m[g[i].count - 1];
		p.other = g[i].m[g[i].count - 2];
		p.ref = HL_NONE;
		p.first = (uint32_t)g[i].first;
		p.count = (uint32_t)g[i].count;
		add_problem(jd, &p);
	}
	free(g);
}

static int cmp_problem(const void *pa, const void *pb)
{
	const struct hl_problem *a = pa, *b = pb;

	if (a->res != b->res)
		return a->res < b->res ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->ref != b->ref)
		return a->ref < b->ref ? -1 : 1;
	return (a->other > b->other) - (a->other < b->other);
}

void hl_judge(struct hl_judgement *jd, const struct hl_life *life)
{
	memset(jd, 0, sizeof(*jd));
	jd->life = life;
	reference_rules(jd);
	crd_rule(jd);
	identity_rules(jd);
	weight_groups(jd);
	if (jd->nproblems)
		qsort(jd->problems, jd->nproblems, sizeof(*jd->problems),
		      cmp_problem);
}

void hl_judgement_release(struct hl_judgement *jd)
{
	free(jd->problems);
	free(jd->members);
	memset(jd, 0, sizeof(*jd));
}

size_t hl_problems_of(const struct hl_judgement *jd, uint32_t res,
		      const struct hl_problem **out)
{
	size_t lo = 0, hi = jd->nproblems, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (jd->problems[mid].res < res)
			lo = mid + 1;
		else
			hi = mid;
	}
	*out = jd->problems + lo;
	for (end = lo; end < jd->nproblems && jd->problems[end].res == res;
	     end++)
		;
	return end - lo;
}

/* --- messages ----------------------------------------------------------- */

/* "pre-install", "pre-install and pre-upgrade", "a, b and c" */
static void events_text(struct hl_buf *b, unsigned mask)
{
	size_t e, n = 0, total = 0;

	for (e = 0; e < HL_EV_MAX; e++)
		total += !!(mask & 1u << e);
	for (e = 0; e < HL_EV_MAX; e++) {
		if (!(mask & 1u << e))
			continue;
		if (n)
			hl_buf_adds(b, n + 1 == total ? " and " : ", ");
		hl_buf_adds(b, hl_event_name((enum hl_event)e));
		n++;
	}
}

static const char *name_of(const struct hl_res *r)
{
	return r->name ? r->name : "";
}

/* Kind 'name' */
static void object_text(struct hl_buf *b, const struct hl_res *r)
{
	hl_buf_addf(b, "%s '%s'", r->kind, name_of(r));
}

/* The earliest event of @mask that is in @cmd's, for "at helm X". */
static const char *first_event(unsigned mask)
{
	size_t e;

	for (e = 0; e < HL_EV_MAX; e++)
		if (mask & 1u << e)
			return hl_event_name((enum hl_event)e);
	return "?";
}

/* Why a hook of @have is not there at the first event of @need. */
static const char *absent_reason(unsigned need, unsigned have)
{
	size_t e;

	for (e = 0; e < HL_EV_MAX && !(need & 1u << e); e++)
		;
	switch (e) {
	case HL_EV_PRE_INSTALL:
		return have & EV(POST_INSTALL) ?
		       "created after pre-install by helm install" :
		       "which helm install does not run";
	case HL_EV_PRE_UPGRADE:
		return have & EV(POST_UPGRADE) ?
		       "created after pre-upgrade by helm upgrade" :
		       "which helm upgrade does not run";
	case HL_EV_PRE_ROLLBACK:
		return have & EV(POST_ROLLBACK) ?
		       "created after pre-rollback by helm rollback" :
		       "which helm rollback does not run";
	case HL_EV_PRE_DELETE:
		return have & EV(POST_DELETE) ?
		       "created after pre-delete by helm uninstall" :
		       "which helm uninstall does not run";
	case HL_EV_POST_INSTALL:
		return "which helm install does not run";
	case HL_EV_POST_UPGRADE:
		return "which helm upgrade does not run";
	case HL_EV_POST_ROLLBACK:
		return "which helm rollback does not run";
	case HL_EV_POST_DELETE:
		return "which helm uninstall does not run";
	default:
		return "which helm test does not run";
	}
}

/*
 * What a release rule says about a problem: the finding's message and
 * help, the text of its related location, and the mark hooklint plan
 * puts at the hook (NULL: none). One descriptor per rule, so that a
 * change to what a rule says is made in one place.
 */
struct said {
	const struct hl_judgement *jd;
	const struct hl_life *l;
	const struct hl_problem *p;
	const struct hl_res *r;		/* where the problem points */
	const struct hl_res *o;		/* the other document, or NULL */
};

struct release_rule {
	enum hl_rule_id rule;
	void (*message)(struct hl_buf *b, const struct said *s);
	void (*help)(struct hl_buf *b, const struct said *s);
	const char *related;
	void (*mark)(struct hl_buf *b, const struct said *s);
};

static void hl303_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	if (!s->r->is_hook) {
		hl_buf_adds(b, " is a hook with hook-succeeded: Helm deletes "
			    "it at the end of ");
		events_text(b, s->o->event_mask);
		hl_buf_addf(b, ", while this regular %s still needs it",
			    s->r->kind);
	} else {
		hl_buf_addf(b, " is deleted at the end of %s "
			    "(hook-succeeded), before this hook runs at ",
			    s->p->del_event < HL_EV_MAX ?
			    hl_event_name((enum hl_event)s->p->del_event) :
			    "its event");
		events_text(b, s->p->events);
	}
}

static void hl303_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "drop hook-succeeded from '%s' (keep "
		    "before-hook-creation), or make it a regular resource",
		    name_of(s->o));
}

static void hl303_mark(struct hl_buf *b, const struct said *s)
{
	if (s->p->del_event < HL_EV_MAX)
		hl_buf_addf(b, "deleted at the end of %s (hook-succeeded)",
			    hl_event_name((enum hl_event)s->p->del_event));
	else
		hl_buf_adds(b, "a hook deleted at the end of its event "
			    "(hook-succeeded)");
}

static void hl304_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_adds(b, " is a hook: Helm never updates or uninstalls hook "
		    "objects and creates it again at ");
	events_text(b, s->o->event_mask);
	hl_buf_addf(b, ", so this regular %s depends on an object the "
		    "release does not manage", s->r->kind);
}

static void hl304_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "make '%s' a regular resource of the release",
		    name_of(s->o));
}

static void hl304_mark(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "a hook object the release does not manage");
}

static void hl401_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	if (s->p->uncertain) {
		hl_buf_addf(b, " may be created after this %s in ",
			    s->r->kind);
		events_text(b, s->p->events);
		if (s->r->weight_templated || s->o->weight_templated)
			hl_buf_adds(b, ": a weight comes from a template, "
				    "so the order is known only once "
				    "rendered,");
		else
			hl_buf_addf(b, ": with equal weights (%lld) Helm "
				    "orders hooks by their rendered "
				    "names, not kind (helm/helm#12414), "
				    "and '%s' and '%s' compare only once "
				    "rendered,", s->r->weight, name_of(s->r),
				    name_of(s->o));
		hl_buf_addf(b, " and Helm waits for this %s to finish "
			    "before creating the next hook, so it would "
			    "block until --timeout", s->r->kind);
		return;
	}
	hl_buf_addf(b, " is created after this %s in ", s->r->kind);
	events_text(b, s->p->events);
	if (s->o->weight == s->r->weight && (!s->o->name || !s->r->name ||
				       strcmp(s->o->name, s->r->name)))
		hl_buf_addf(b, ": with equal weights (%lld) Helm orders "
			    "hooks by name, not kind ('%s' < '%s', "
			    "helm/helm#12414), and", s->r->weight,
			    name_of(s->r), name_of(s->o));
	else if (s->o->weight != s->r->weight)
		hl_buf_addf(b, " (weight %lld, this hook %lld): Helm "
			    "creates hooks in order of weight, and",
			    s->o->weight, s->r->weight);
	else
		hl_buf_adds(b, ": Helm orders hooks by weight, name, "
			    "kind and file, and");
	hl_buf_addf(b, " it waits for this %s to finish before "
		    "creating the next hook, so it blocks until "
		    "--timeout", s->r->kind);
}

static void hl401_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "give '%s' a lower helm.sh/hook-weight than this "
		    "hook, e.g. \"%lld\"", name_of(s->o),
		    s->r->weight > LLONG_MIN ? s->r->weight - 1 : s->r->weight);
}

static void hl401_mark(struct hl_buf *b, const struct said *s)
{
	if (s->p->uncertain)
		hl_buf_adds(b, "may be created later in this event (the "
			    "order is known only once rendered); Helm "
			    "waits for this hook first");
	else if (s->o->weight == s->r->weight)
		hl_buf_adds(b, "created later in this event (same "
			    "weight: Helm orders by name); Helm waits "
			    "for this hook first");
	else
		hl_buf_addf(b, "created later in this event (weight "
			    "%lld); Helm waits for this hook first",
			    s->o->weight);
}

static void hl402_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_addf(b, " is a regular resource: on install Helm creates "
		    "regular resources only after the pre-install hooks "
		    "have finished, so this %s waits for it until "
		    "--timeout", s->r->kind);
}

static void hl402_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "make '%s' a pre-install hook with a lower weight, "
		    "or run this hook at post-install", name_of(s->o));
}

static void hl402_mark(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "a regular resource, created after pre-install");
}

static void hl403_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_adds(b, " is a regular resource: pre-upgrade hooks run "
		    "before Helm applies the new revision, so it exists "
		    "only if the previous revision already had it");
}

static void hl403_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "if '%s' is new in this version, make it a "
		    "pre-upgrade hook with a lower weight, or run this "
		    "hook at post-upgrade", name_of(s->o));
}

static void hl403_mark(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "a regular resource, there only if the previous "
		    "revision had it");
}

static void hl404_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_addf(b, " is a regular resource: helm uninstall deletes it "
		    "before the post-delete hooks run, so this %s cannot "
		    "use it", s->r->kind);
}

static void hl404_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "make '%s' a post-delete hook with a lower weight, "
		    "or keep it with helm.sh/resource-policy: keep",
		    name_of(s->o));
}

static void hl404_mark(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "a regular resource, already deleted by uninstall");
}

static unsigned left_by(const struct said *s)
{
	return s->l->left_by[s->l->obj_of[s->p->other]];
}

static void hl405_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_adds(b, " does not exist when this hook runs at ");
	events_text(b, s->p->events);
	if (s->p->why == HL_WHY_UNLESS_LEFT) {
		hl_buf_adds(b, " unless an earlier ");
		hl_cmds_text(b, left_by(s));
		hl_buf_adds(b, " left it");
	}
	hl_buf_adds(b, ": it is a hook of ");
	events_text(b, s->o->event_mask);
	if (s->p->why == HL_WHY_GONE)
		hl_buf_addf(b, " only, and hook-succeeded deletes it at the "
			    "end of %s", hl_event_name((enum hl_event)
						       s->p->del_event));
	else
		hl_buf_addf(b, " only, %s",
			    absent_reason(s->p->events, s->o->event_mask));
}

static void hl405_help(struct hl_buf *b, const struct said *s)
{
	const char *ev = first_event(s->p->events & ~s->o->event_mask);

	if (s->p->why == HL_WHY_GONE)
		hl_buf_addf(b, "drop hook-succeeded from the delete policy of "
			    "'%s' (keep before-hook-creation), or add %s to "
			    "its helm.sh/hook events", name_of(s->o), ev);
	else
		hl_buf_addf(b, "add %s to the helm.sh/hook events of '%s'",
			    ev, name_of(s->o));
}

static void hl405_mark(struct hl_buf *b, const struct said *s)
{
	if (s->p->why == HL_WHY_GONE) {
		hl303_mark(b, s);
		return;
	}
	hl_buf_adds(b, "a hook of ");
	hl_events_csv(b, s->o->event_mask);
	if (s->p->why == HL_WHY_UNLESS_LEFT) {
		hl_buf_adds(b, " only, there only if an earlier ");
		hl_cmds_text(b, left_by(s));
		hl_buf_adds(b, " left it");
	} else {
		hl_buf_adds(b, " only, not there yet");
	}
}

static void hl406_message(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "%s hook needs CustomResourceDefinition '%s', ",
		    s->r->kind, name_of(s->o));
	if (s->p->why == HL_WHY_NOT_YET) {
		hl_buf_adds(b, "a regular resource of the release: Helm "
			    "creates regular resources after the "
			    "pre-install hooks");
	} else {
		hl_buf_addf(b, "a hook of %s", s->p->why == HL_WHY_SAME_EVENT ?
			    "the same event (" : "a later event (");
		events_text(b, s->o->event_mask);
		hl_buf_adds(b, ")");
	}
	hl_buf_adds(b, " and never waits for a CRD to be Established, "
		    "so creating it fails with \"no matches for kind\"");
}

static void hl406_help(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "move the CustomResourceDefinition to the chart's "
		    "crds/ directory");
}

static void hl406_mark(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "its CRD '%s' is not established yet", name_of(s->o));
}

static void hl407_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->o);
	hl_buf_addf(b, " is a test hook: Helm creates test hooks only "
		    "during helm test, so it does not exist for this %s",
		    s->r->kind);
}

static void hl407_help(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "do not depend on test hooks: make '%s' a regular "
		    "resource, or a hook of the events that need it",
		    name_of(s->o));
}

static void hl407_mark(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "a test hook, there only during helm test");
}

static void hl408_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->r);
	hl_buf_adds(b, " is defined again as a hook of ");
	events_text(b, s->p->events);
	hl_buf_adds(b, ": both documents are one object, so Helm deletes "
		    "the first (before-hook-creation) or fails with "
		    "AlreadyExists when it creates the second");
}

static void same_object_help(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "give each hook its own name, or merge the "
		    "documents into one hook with all the events");
}

static void same_object_mark(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "the same object as the %s '%s' hook of ",
		    s->o->kind, name_of(s->o));
	hl_events_csv(b, s->o->event_mask);
}

static void hl409_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->r);
	hl_buf_adds(b, " is defined again as a hook, for other events (");
	events_text(b, s->r->event_mask);
	hl_buf_adds(b, " here, ");
	events_text(b, s->o->event_mask);
	hl_buf_adds(b, " before): both documents are one object, which "
		    "Helm deletes and creates again with whichever "
		    "definition runs");
}

static void hl410_message(struct hl_buf *b, const struct said *s)
{
	object_text(b, s->r);
	hl_buf_adds(b, " is both a hook and a regular resource: Helm 3 "
		    "fails with AlreadyExists or invalid ownership "
		    "metadata, Helm 4 merges them, and the hook's "
		    "before-hook-creation deletes the release's object");
}

static void hl410_help(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "rename the hook, or keep only one of the two");
}

static void hl410_mark(struct hl_buf *b, const struct said *s)
{
	hl_buf_addf(b, "the same object as a %s %s '%s'",
		    s->o->is_hook ? "hook" : "regular", s->o->kind,
		    name_of(s->o));
}

static void hl412_message(struct hl_buf *b, const struct said *s)
{
	size_t i, n = s->p->count;

	hl_buf_addf(b, "%zu hooks of ", n);
	events_text(b, s->p->events);
	hl_buf_addf(b, " have weight %lld and Helm waits for each before "
		    "the next, but their names differ in template actions (",
		    s->r->weight);
	for (i = 0; i < n && i < 3; i++)
		hl_buf_addf(b, "%s'%s'", !i ? "" : i + 1 == n ? " and " : ", ",
			    name_of(hl_life_res(s->l,
						s->jd->members[s->p->first + i])));
	hl_buf_addf(b, "%s) and Helm orders them by rendered name, so which "
		    "runs first depends on the release name or values",
		    n > 3 ? ", ..." : "");
}

static void hl412_help(struct hl_buf *b, const struct said *s)
{
	(void)s;
	hl_buf_adds(b, "give them distinct helm.sh/hook-weight values in "
		    "the order they must run");
}

/* One entry per release rule: everything a finding and a plan mark say. */
static const struct release_rule release_rules[] = {
	{ HL_RULE_HL303, hl303_message, hl303_help, "is deleted by hook-succeeded",
	  hl303_mark },
	{ HL_RULE_HL304, hl304_message, hl304_help, "is defined here",
	  hl304_mark },
	{ HL_RULE_HL401, hl401_message, hl401_help, "is created later",
	  hl401_mark },
	{ HL_RULE_HL402, hl402_message, hl402_help, "is a regular resource",
	  hl402_mark },
	{ HL_RULE_HL403, hl403_message, hl403_help, "is a regular resource",
	  hl403_mark },
	{ HL_RULE_HL404, hl404_message, hl404_help, "is a regular resource",
	  hl404_mark },
	{ HL_RULE_HL405, hl405_message, hl405_help, "is defined here",
	  hl405_mark },
	{ HL_RULE_HL406, hl406_message, hl406_help, "is defined here",
	  hl406_mark },
	{ HL_RULE_HL407, hl407_message, hl407_help, "is defined here",
	  hl407_mark },
	{ HL_RULE_HL408, hl408_message, same_object_help, "is defined here first",
	  same_object_mark },
	{ HL_RULE_HL409, hl409_message, same_object_help, "is defined here first",
	  same_object_mark },
	{ HL_RULE_HL410, hl410_message, hl410_help, "is defined here first",
	  hl410_mark },
	{ HL_RULE_HL412, hl412_message, hl412_help, "is defined here",
	  NULL },
};

static const struct release_rule *release_rule(enum hl_rule_id rule)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(release_rules); i++)
		if (release_rules[i].rule == rule)
			return &release_rules[i];
	hl_bug("%s is not a release rule", hl_rule_id(rule));
}

static struct said said_of(const struct hl_judgement *jd,
			   const struct hl_problem *p)
{
	struct said s = { jd, jd->life, p, NULL, NULL };

	s.r = hl_life_res(s.l, p->res);
	s.o = p->other != HL_NONE ? hl_life_res(s.l, p->other) : NULL;
	return s;
}

char *hl_problem_message(const struct hl_judgement *jd,
			 const struct hl_problem *p)
{
	struct hl_buf b = HL_BUF_INIT;
	struct said s = said_of(jd, p);

	release_rule(p->rule)->message(&b, &s);
	return hl_buf_detach(&b);
}

void hl_problem_mark(struct hl_buf *b, const struct hl_judgement *jd,
		     const struct hl_problem *p)
{
	struct said s = said_of(jd, p);
	const struct release_rule *rr = release_rule(p->rule);

	if (p->ref != HL_NONE) {
		const struct hl_ref *ref = &s.r->refs[p->ref];
		hl_buf_addf(b, "%s '%s' (%s): ", hl_ref_field(ref), ref->name,
			    hl_ref_kind_name(ref));
	}
	if (rr->mark)
		rr->mark(b, &s);
}

/* --- findings ----------------------------------------------------------- */

/* Where a problem points (docs/usage.md "Positions"). */
static struct hl_span problem_span(const struct hl_life *l,
				   const struct hl_problem *p)
{
	const struct hl_res *r = hl_life_res(l, p->res);

	if (p->ref != HL_NONE)
		return r->refs[p->ref].span;
	if (p->rule == HL_RULE_HL406 || r->name_span.end <= r->name_span.start)
		return hl_span_wide(r->kind_span);
	return hl_span_wide(r->name_span);
}

static struct hl_span object_span(const struct hl_res *r)
{
	return hl_span_wide(r->name_span.end > r->name_span.start ?
			    r->name_span : r->kind_span);
}

static void related(struct hl_ctx *ctx, struct hl_finding *f,
		    const struct hl_res *at, const struct hl_res *o,
		    const char *what)
{
	const char *path = o->file == at->file ? NULL :
			   ctx->report->files[o->file].path;

	if (o->source)
		hl_finding_related(f, path, true, object_span(o),
				   "%s '%s' %s (%s)", o->kind, name_of(o), what,
				   o->source);
	else
		hl_finding_related(f, path, true, object_span(o), "%s '%s' %s",
				   o->kind, name_of(o), what);
}

/* What a group's note says of member @m against the hook @r it points
 * at, which Helm's order by template text puts after @m. */
static const char *group_note(const struct hl_res *m, const struct hl_res *r)
{
	if (m->name && r->name && !strcmp(m->name, r->name))
		return strcmp(m->kind, r->kind) ?
		       "has the same name and weight: Helm orders equal "
		       "names by kind, so it runs before it" :
		       "has the same name, kind and weight: Helm keeps "
		       "their file order, so it runs before it";
	if (hl_order_uncertain(m, r))
		return "has the same weight; which of the two runs first is "
		       "known only once rendered";
	return "has the same weight and a name that sorts first, so it "
	       "runs before it";
}

static const char *related_text(const struct release_rule *rr,
				const struct hl_problem *p)
{
	if (p->rule == HL_RULE_HL401 && p->uncertain)
		return "may be created later";
	if (p->why == HL_WHY_GONE)
		return release_rule(HL_RULE_HL303)->related;
	return rr->related;
}

static void report_problem(struct hl_ctx *ctx, const struct hl_judgement *jd,
			   const struct hl_problem *p)
{
	const struct release_rule *rr = release_rule(p->rule);
	struct said s = said_of(jd, p);
	const struct hl_res *r = s.r;
	struct hl_buf help = HL_BUF_INIT;
	struct hl_finding *f;
	char *msg;
	size_t i;

	ctx->file = r->file;
	msg = hl_problem_message(jd, p);
	f = hl_report(ctx, p->rule, problem_span(s.l, p), "%s", msg);
	free(msg);
	if (!f)
		return;
	/* an order known only once rendered: maybe no problem at all */
	if (p->uncertain && p->rule == HL_RULE_HL401)
		f->severity = HL_SEV_INFO;
	if (r->source)
		f->template_path = xstrdup(r->source);
	rr->help(&help, &s);
	hl_finding_help(f, "%s", help.s);
	hl_buf_release(&help);
	if (p->rule != HL_RULE_HL412) {
		related(ctx, f, r, s.o, related_text(rr, p));
		return;
	}
	for (i = 0; i + 1 < p->count && i < GROUP_RELATED_MAX; i++) {
		const struct hl_res *m = hl_life_res(s.l,
						     jd->members[p->first + i]);

		related(ctx, f, r, m, group_note(m, r));
	}
}

void hl_judgement_report(struct hl_ctx *ctx, const struct hl_judgement *jd)
{
	size_t i;

	for (i = 0; i < jd->nproblems; i++)
		if (hl_rule_enabled(ctx, jd->problems[i].rule))
			report_problem(ctx, jd, &jd->problems[i]);
}
