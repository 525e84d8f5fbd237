/* SPDX-License-Identifier: MIT */
/* registry.h - the rules, as rules/<ID>.yaml define them */
#ifndef HL_REGISTRY_H
#define HL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "rule_ids.h"	/* generated: enum hl_rule_id */

enum hl_severity {
	HL_SEV_INFO,
	HL_SEV_WARNING,
	HL_SEV_ERROR,
	HL_SEV_OFF,	/* disabled */
};

enum hl_target {
	HL_TARGET_HELM,
	HL_TARGET_HELM3,
	HL_TARGET_HELM4,
	HL_TARGET_ARGOCD,
	HL_TARGET_FLUX,
};

/*
 * Where a rule's finding means Helm stops the command at that object
 * (rules/<ID>.yaml: stops): Helm or the API server rejects it, Helm waits
 * on it until --timeout, or the object stays after a successful run and
 * the next run fails with AlreadyExists (Helm 3).
 */
enum hl_stops {
	HL_STOPS_NONE,
	HL_STOPS_REJECTED,
	HL_STOPS_TIMEOUT,
	HL_STOPS_RERUN,
};

/* Metadata generated from rules/<ID>.yaml (rule_meta.c). */
struct hl_rule_meta {
	const char *id, *name, *pascal;
	const char *family;	/* its C file: src/rules/<family>.c */
	const char *url;	/* its docs page */
	enum hl_severity severity;
	bool off_by_default;
	unsigned targets;	/* 1 << enum hl_target; 0: every target */
	bool report_templated;	/* also where a template action produces
				 * the text it points at */
	enum hl_stops stops;
	const char *summary, *rationale, *helm, *section;
	const char *bad, *good;		/* example YAML */
	const char *bad_args, *good_args;	/* newline-separated, or NULL */
	const char *bad_files, *good_files;	/* "path\0content\0...\0\0" or NULL */
};
extern const struct hl_rule_meta hl_rule_meta[HL_RULE_MAX];

const char *hl_rule_id(enum hl_rule_id r);
const char *hl_rule_name(enum hl_rule_id r);
/* Look a rule up by ID or name; HL_RULE_MAX when unknown. */
enum hl_rule_id hl_rule_lookup(const char *s, size_t len);
/* The URL of a rule's docs page (static storage per rule). */
const char *hl_rule_url(enum hl_rule_id r);
/* Whether rule @r runs under @target at all (HL7xx: argocd only). */
bool hl_rule_in_target(enum hl_target target, enum hl_rule_id r);
const char *hl_severity_word(enum hl_severity s);
/* error, warning or note: the words of gcc's format and SARIF levels. */
const char *hl_note_word(enum hl_severity s);

#endif
