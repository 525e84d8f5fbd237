/* SPDX-License-Identifier: MIT */
/* lifecycle.h - Helm's hook lifecycle per command: what runs and exists when */
#ifndef HL_LIFECYCLE_H
#define HL_LIFECYCLE_H

#include "registry.h"
#include "release.h"
#include "report.h"

#define HL_NONE UINT32_MAX

/* The commands whose hooks Helm runs (§9.1). */
enum hl_cmd {
	HL_CMD_INSTALL,
	HL_CMD_UPGRADE,
	HL_CMD_ROLLBACK,
	HL_CMD_UNINSTALL,
	HL_CMD_TEST,
	HL_CMD_MAX,
};

/* InstallOrder as Helm 4 has it, or Helm 3's (no webhook configurations). */
enum hl_kinds {
	HL_KINDS_HELM4,
	HL_KINDS_HELM3,
};

/* The index of @kind in InstallOrder (§8.3), or -1 for an unknown kind. */
int hl_kind_index(const char *kind, enum hl_kinds list);
/* Kinds whose objects have no namespace (ClusterRole, Namespace, ...). */
bool hl_kind_cluster_scoped(const char *kind);
const char *hl_cmd_name(enum hl_cmd c);
/* The hook events of @c, in the order they run; returns how many (<= 2). */
size_t hl_cmd_events(enum hl_cmd c, enum hl_event ev[2]);
/* The commands (1 << enum hl_cmd) that run a hook of events @mask. */
unsigned hl_cmds_of_events(unsigned mask);
/* "helm install, upgrade or uninstall": the commands of @cmds, appended
 * to @b; nothing for none. */
void hl_cmds_text(struct hl_buf *b, unsigned cmds);

/* One run of a hook in an event; a hook listed twice runs twice (§3.2). */
struct hl_run {
	const struct hl_res *r;
	const char *path;	/* "# Source:" path, else the file's path */
	uint32_t res;		/* index in the release */
	int16_t kind_idx;	/* hl_kind_index */
	uint16_t nth;		/* 0: the hook's first run in this event */
};

/*
 * Helm's order of two runs of one event (§8.1): effective weight, then
 * metadata.name by bytes, then the InstallOrder index (unknown kinds last,
 * alphabetical), then source path, file and document index, then run.
 */
int hl_run_cmp(const struct hl_run *a, const struct hl_run *b);
/* Whether Helm's order of names @a and @b is known before rendering:
 * they first differ in literal text (docs/hacking.md "Symbolic names"). */
bool hl_name_order_known(const char *a, const char *b);
/* Whether Helm's order of hooks @a and @b depends on rendering (a
 * templated weight, or equal weights and template names that differ in
 * actions; rendered names are literal). */
bool hl_order_uncertain(const struct hl_res *a, const struct hl_res *b);

/* Why a reference is not satisfied (hl_problem.why). */
enum hl_why {
	HL_WHY_NONE,
	HL_WHY_LATER,		/* created later in the same event */
	HL_WHY_NOT_YET,		/* a regular resource, not created yet */
	HL_WHY_MAYBE,		/* regular: from the previous revision */
	HL_WHY_UNINSTALLED,	/* regular: deleted by uninstall */
	HL_WHY_SUCCEEDED,	/* deleted by hook-succeeded */
	HL_WHY_TEST_ONLY,	/* a test hook */
	HL_WHY_ABSENT,		/* a hook not run in or before */
	HL_WHY_GONE,		/* deleted by hook-succeeded in an earlier
				 * command, never left by one */
	HL_WHY_UNLESS_LEFT,	/* there only if an earlier command left it */
	HL_WHY_HOOK,		/* a regular resource uses a hook */
	HL_WHY_SAME_EVENT,	/* HL406: a CRD hook of the same event */
	HL_WHY_LATER_EVENT,	/* HL406: ... of a later event */
};

/*
 * What the simulation found about one reference: the object it names is
 * missing when the consumer needs it (a hook consumer's first run in
 * @event), or, for a regular consumer (@event -1), is a hook object.
 */
struct hl_verdict {
	uint32_t res;		/* the consumer */
	uint32_t ref;		/* index in its refs */
	uint32_t obj;		/* the object named */
	uint32_t other;		/* the document to point at */
	signed char event;	/* enum hl_event, or -1 */
	unsigned char why;	/* enum hl_why */
	signed char del_event;	/* HL_WHY_SUCCEEDED, HL_WHY_GONE: the
				 * deleting event */
	bool in_plan;		/* missing, but there in the plan's history
				 * (install, upgrade, rollback, test and
				 * uninstall in turn): Helm goes on there */
};

/* The lifecycle of one release, computed once for the rules and plan. */
struct hl_life {
	const struct hl_release *rel;
	const struct hl_report *report;	/* file paths; may be NULL */
	enum hl_kinds kinds;
	bool note_helm3;	/* default target: say where Helm 3 differs */
	/* the runs of each event, in Helm's order */
	struct hl_run *runs[HL_EV_MAX];
	size_t nruns[HL_EV_MAX];
	/* the same under Helm 3's kind list, when it differs (note_helm3) */
	struct hl_run *runs3[HL_EV_MAX];
	/* objects: documents with one identity (group, kind, namespace,
	 * name), sorted; object k is ord[obj_start[k] .. obj_start[k+1]) */
	uint32_t *ord;
	uint64_t *ord_hash;	/* the identity hash of each ord entry */
	uint32_t *obj_start;
	size_t nobj;
	uint32_t *obj_of;	/* per resource: its object, or HL_NONE */
	unsigned char *cluster;	/* per resource: a cluster-scoped kind */
	struct hl_verdict *verdicts;
	size_t nverdicts, verdicts_alloc;
	/* per event, per run: the object is still there from an earlier
	 * run (install, upgrade, rollback, test, uninstall in turn, every
	 * hook succeeding) and nothing deletes it first (§18) */
	unsigned char *leftover[HL_EV_MAX];
	/* per object: the commands (1 << enum hl_cmd) after which it is
	 * there, whatever was there before */
	unsigned char *left_by;
};

/*
 * Simulate @rel's lifecycle for @target (helm3 uses Helm 3's kind list,
 * the others Helm 4's). @report gives file paths for the order (NULL:
 * none).
 */
void hl_life_build(struct hl_life *l, const struct hl_release *rel,
		   const struct hl_report *report, enum hl_target target);
void hl_life_release(struct hl_life *l);
/* Whether a resource is a Job or a Pod: the only kinds Helm waits on. */
bool hl_res_waited(const struct hl_res *r);
/* The object reference @ref of resource @res names, or HL_NONE when it
 * is not in the release. */
uint32_t hl_life_resolve(const struct hl_life *l, uint32_t res,
			 const struct hl_ref *ref);
/* Resource @i of the simulated release. */
static inline const struct hl_res *hl_life_res(const struct hl_life *l,
					       uint32_t i)
{
	return &l->rel->res[i];
}
/* The documents of object @obj, in document order. */
static inline size_t hl_life_members(const struct hl_life *l, uint32_t obj,
				     const uint32_t **out)
{
	*out = l->ord + l->obj_start[obj];
	return l->obj_start[obj + 1] - l->obj_start[obj];
}
/* What a reference field is called in messages ("serviceAccountName"). */
const char *hl_ref_field(const struct hl_ref *ref);
const char *hl_ref_kind_name(const struct hl_ref *ref);
#endif
