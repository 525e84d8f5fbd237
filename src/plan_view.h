/* SPDX-License-Identifier: MIT */
/*
 * plan_view.h - the interface of the plan writers (plan_text.c,
 * plan_json.c, plan_mermaid.c): the plan being written, one release's
 * view of it, and the facts every writer shows.
 */
#ifndef HL_PLAN_VIEW_H
#define HL_PLAN_VIEW_H

#include "json.h"
#include "term.h"
#include "lifecycle.h"
#include "opts.h"
#include "rules/ordering.h"

/* Regular resources named in text and Mermaid output (JSON: all). */
#define LIST_MAX 8

struct hl_plan_palette {
	const char *bold, *dim, *reset, *sev[3];
};

struct hl_plan_writer;

/* The plan being written: releases are added as they are analysed. */
struct hl_plan {
	const struct hl_plan_writer *writer;
	const struct hl_opts *opts;
	FILE *out;
	bool color;
	size_t nreleases;
	struct hl_jw jw;	/* JSON */
	struct hl_buf b;	/* text and Mermaid */
	size_t node;		/* Mermaid node counter */
};

/* One release being written: which problems were shown already. */
struct hl_plan_view {
	struct hl_plan *p;
	const struct hl_report *report;
	const struct hl_life *l;
	const struct hl_judgement *j;
	const struct hl_plan_palette *pal;
	unsigned char *shown;	/* per problem */
	size_t release;		/* its number in the plan */
};

/* A plan format: its start, one release, and its end. */
struct hl_plan_writer {
	void (*begin)(struct hl_plan *p);
	void (*release)(struct hl_plan_view *v);
	int (*end)(struct hl_plan *p, const struct hl_report *r);
};

extern const struct hl_plan_writer hl_plan_text, hl_plan_json,
	hl_plan_mermaid;

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

/*
 * Where Helm stops a command, or what a run does instead of running
 * (leftovers under Helm 4): from a finding (rules/<ID>.yaml: stops).
 */
struct hl_plan_stop {
	enum hl_rule_id rule;
	enum hl_stops how;	/* REJECTED or TIMEOUT; NONE: a note only */
	const char *why;	/* what Helm does there, short */
};

/* Whether something happens to run @j of event @e instead of a normal
 * run: Helm stops there (@st->how), or applies a leftover (a note). */
bool hl_plan_stop_at(const struct hl_plan_view *v, enum hl_event e, size_t j,
		     struct hl_plan_stop *st);
/* Whether one of the marks @m already names stop @st's rule. */
bool hl_plan_stop_marked(const struct hl_plan_stop *st,
			 const struct hl_problem **m, size_t nm);
/* Whether command @c fails before it starts: Helm cannot decode a
 * regular resource or crds/ file (@st->rule, at resource @res). */
bool hl_plan_stop_before(const struct hl_plan_view *v, enum hl_cmd c,
			 struct hl_plan_stop *st, uint32_t *res);
/* Whether the API server rejects a regular resource of command @c. */
bool hl_plan_stop_regular(const struct hl_plan_view *v, enum hl_cmd c,
			  struct hl_plan_stop *st, uint32_t *res);

/* A resource's name, or "(generateName)". */
const char *hl_plan_name_of(const struct hl_res *r);
bool hl_plan_enabled(const struct hl_plan_view *v, enum hl_rule_id rule);
enum hl_severity hl_plan_severity(const struct hl_plan_view *v,
				  enum hl_rule_id rule);
/* What Helm waits for ("Complete", "Succeeded"), or NULL. */
const char *hl_plan_wait_text(const struct hl_res *r);
/* "before creation, at end, on failure" */
void hl_plan_delete_text(struct hl_buf *b, const struct hl_res *r);
/* The problems to mark at a run of event @e of resource @res: those of
 * that event, and the others the first time the resource shows. */
size_t hl_plan_marks(struct hl_plan_view *v, uint32_t res, int e,
		     const struct hl_problem **out, size_t max);
size_t hl_plan_phases(enum hl_cmd c, struct phase ph[4]);
/* What the command does with regular resources ("create", ...). */
const char *hl_plan_regular_action(enum hl_cmd c);
size_t hl_plan_count_if(const struct hl_life *l,
			bool (*pred)(const struct hl_res *));
/* "Kind name, Kind name and N more": the resources @pred picks. */
void hl_plan_list(struct hl_buf *b, const struct hl_life *l,
		  bool (*pred)(const struct hl_res *));
/* The first files of a release, for its header. */
void hl_plan_release_files(struct hl_buf *b, const struct hl_plan_view *v);
/* Predicates for the lists of a plan. */
bool hl_plan_regular(const struct hl_res *r);
bool hl_plan_is_crd(const struct hl_res *r);
bool hl_plan_crds_dir(const struct hl_res *r);
bool hl_plan_hook(const struct hl_res *r);
bool hl_plan_dropped(const struct hl_res *r);
bool hl_plan_kept(const struct hl_res *r);
bool hl_plan_uninstalled(const struct hl_res *r);

#endif
