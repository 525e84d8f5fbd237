/* SPDX-License-Identifier: MIT */
/* release.h - per-resource summaries of a release, and the release pass */
#ifndef HL_RELEASE_H
#define HL_RELEASE_H

#include "model.h"
#include "rule_ids.h"	/* generated: enum hl_rule_id */

/* The kind of object a reference names. */
enum hl_ref_kind {
	HL_REF_SERVICE_ACCOUNT,
	HL_REF_SECRET,
	HL_REF_CONFIGMAP,
	HL_REF_PVC,
	HL_REF_ROLE,
	HL_REF_CLUSTER_ROLE,
};

/* One edge of §17: the consumer's value names another object. */
struct hl_ref {
	unsigned char kind;	/* enum hl_ref_kind */
	unsigned char cap;	/* enum hl_cap_id it came from */
	bool optional;		/* optional: true never blocks */
	const char *name;	/* interned */
	const char *ns;		/* interned; NULL: the consumer's namespace */
	struct hl_span span;	/* the reference value in the consumer */
};

/* A span in 32 bits: a resource summary stays small (files past 4 GiB
 * get their positions clamped). */
struct hl_span32 {
	uint32_t start, end;
};

static inline struct hl_span32 hl_span_narrow(struct hl_span s)
{
	struct hl_span32 n = {
		s.start > UINT32_MAX ? UINT32_MAX : (uint32_t)s.start,
		s.end > UINT32_MAX ? UINT32_MAX : (uint32_t)s.end,
	};
	return n;
}

static inline struct hl_span hl_span_wide(struct hl_span32 s)
{
	struct hl_span w = { s.start, s.end };
	return w;
}

/*
 * What the release pass keeps of one manifest: small and fixed, so memory
 * grows with the number of resources, not with the input (~140 bytes plus
 * references). Strings are interned in the release's arena.
 */
struct hl_res {
	const char *source;	/* "# Source:" path, or NULL */
	const char *group;	/* API group of apiVersion ("" for core) */
	const char *kind, *name;	/* kind: never NULL; name: NULL if none */
	const char *ns;		/* NULL: the release namespace */
	const char *crd_group, *crd_kind;	/* a CRD: what it defines */
	struct hl_ref *refs;
	struct hl_span32 kind_span, name_span;
	long long weight;	/* effective: invalid weights are 0 */
	uint32_t file;		/* report file index */
	uint32_t doc;		/* document index in its file */
	uint32_t nrefs;
	uint16_t stop_rule;	/* a finding where Helm stops (rule_meta
				 * .stops), or HL_RULE_MAX */
	uint16_t rerun_rule;	/* ... where it stops at a rerun */
	unsigned char stop_how;	/* enum hl_stops of stop_rule */
	uint16_t event_mask;	/* 1 << enum hl_event */
	unsigned char event_runs[HL_EV_MAX];	/* duplicates run twice */
	unsigned char policy_mask;	/* enum hl_policy, after Helm's default */
	bool is_hook : 1;
	bool dropped : 1;	/* Helm drops it: takes no part in the pass */
	bool keep : 1;		/* has helm.sh/resource-policy (any value) */
	bool conditional : 1;	/* template sources: may not be rendered */
	bool generated : 1;	/* ... inside range: rendered 0..n times */
	bool name_symbolic : 1;	/* ... name is template text (symbolic) */
	bool weight_templated : 1, events_templated : 1; /* ... partly unknown */
	bool in_crds_dir : 1;	/* "# Source:" under a chart's crds/ */
};

struct hl_release {
	struct hl_res *res;
	size_t n, alloc;
	struct hl_arena arena;
	struct hl_intern *intern;	/* string table, private to release.c */
};

/* Add the summary of a manifest (after its per-resource rules ran);
 * @crds_file: the document is in a chart's crds/ directory. */
void hl_release_add(struct hl_release *rel, const struct hl_doc *d,
		    const struct hl_hook *h, size_t file, bool crds_file);
void hl_release_reset(struct hl_release *rel);
void hl_release_free(struct hl_release *rel);

#endif
