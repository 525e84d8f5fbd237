/* SPDX-License-Identifier: MIT */
/* engine.h - rule table, findings, and the run that drives the stages */
#ifndef HL_ENGINE_H
#define HL_ENGINE_H

#include "model.h"
#include "rules.h"

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

/* Metadata generated from rules/<ID>.yaml (rule_meta.c). */
struct hl_rule_meta {
	const char *id, *name, *pascal;
	enum hl_severity severity;
	bool off_by_default;
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
const char *hl_severity_word(enum hl_severity s);

/* A resolved position: 1-based line, code-point column, UTF-16 column. */
struct hl_pos {
	unsigned long line, col, col16;
};

struct hl_related {
	char *path;		/* NULL: the finding's own file */
	bool has_region;	/* false: a whole file (a "# Source:" template) */
	struct hl_span span;
	struct hl_pos s, e;
	char *message;
};

struct hl_edit {
	struct hl_span span;
	struct hl_pos s, e;
	char *text;
};

struct hl_finding {
	enum hl_rule_id rule;
	enum hl_severity severity;
	size_t file;		/* index into report files */
	size_t seq;		/* report order, for a stable sort */
	struct hl_span span;
	struct hl_pos s, e;
	char *message;
	char *help;		/* or NULL */
	const char *template_path;	/* "# Source:" path, or NULL */
	struct hl_related *related;
	size_t nrelated;
	struct hl_edit *edits;
	size_t nedits;
	char *line_text;	/* the raw source line of s.line */
	char *fingerprint;	/* GitHub primaryLocationLineHash, or NULL */
};

struct hl_file {
	char *path;		/* as the user gave it (stdin: --stdin-filename or "-") */
	char *uri;		/* relative to the SARIF base, '/'-separated */
	bool is_stdin;
	bool linted;
	bool context_only;	/* linted for its chart; findings not reported */
};

struct hl_error_entry {
	char *path;		/* may be NULL */
	char *message;
};

struct hl_report {
	struct hl_file *files;
	size_t nfiles, files_alloc;
	struct hl_finding *findings;
	size_t nfindings, findings_alloc;
	struct hl_error_entry *errors;
	size_t nerrors, errors_alloc;
	size_t counts[3];	/* by severity, after filtering */
	char *base_uri;		/* file:///abs/base/ for SARIF */
};

enum hl_format {
	HL_FMT_TEXT,
	HL_FMT_GCC,
	HL_FMT_JSON,
	HL_FMT_SARIF,
	HL_FMT_GITHUB,
};

enum hl_mode {
	HL_MODE_AUTO,
	HL_MODE_RENDERED,
	HL_MODE_TEMPLATE,
};

struct hl_opts {
	enum hl_format format;
	const char *output;	/* -o */
	enum hl_severity fail_on;	/* HL_SEV_OFF for never */
	bool exit_zero;
	bool quiet;
	int color;		/* -1 auto, 0 never, 1 always */
	enum hl_target target;
	enum hl_mode mode;
	const char *stdin_filename;
	enum hl_severity severity[HL_RULE_MAX];	/* effective, OFF = disabled */
	char **paths;
	size_t npaths;
	struct hl_plan *plan;	/* hooklint plan: gets each release, or NULL */
	const char *config_path;	/* --config */
	bool force_exclude;	/* ignore globs apply to named files too */
	const struct hl_config *config;	/* the loaded file, or NULL */
	struct {		/* what flags set: the config file keeps off */
		bool target, fail_on;
		bool rule[HL_RULE_MAX];
	} flag;
};

void hl_opts_init(struct hl_opts *o);
/* Whether the text output for @o gets ANSI colours. */
bool hl_want_color(const struct hl_opts *o);

/* Where a file sits, which decides what Helm does with it. */
enum hl_place {
	HL_PLACE_RENDERED,	/* rendered output, loose manifests */
	HL_PLACE_TEMPLATE,	/* a chart's templates/ */
	HL_PLACE_CRDS,		/* a chart's crds/: never templated, no hooks */
	HL_PLACE_CHART_OTHER,	/* elsewhere in a chart: never rendered */
};

/* The state rules see while one document is checked. */
struct hl_ctx {
	enum hl_place place;
	const struct hl_opts *opts;
	struct hl_report *report;
	struct hl_arena *arena;		/* per document */
	size_t file;			/* report file index */
	const char *buf;		/* the file's bytes */
	size_t len;
	const struct hl_doc *doc;
	const struct hl_hook *hook;
	struct hl_finding *last;	/* the finding hl_report() added last */
	const char *source;		/* template path when there is no doc */
};

/*
 * Report a finding of @rule at @span of the current document. Returns the
 * finding (to add help, edits or related locations), or NULL when the
 * rule is disabled.
 */
struct hl_finding *hl_report(struct hl_ctx *ctx, enum hl_rule_id rule,
			     struct hl_span span, const char *fmt, ...)
	HL_PRINTF(4, 5);
void hl_finding_help(struct hl_finding *f, const char *fmt, ...)
	HL_PRINTF(2, 3);
void hl_finding_edit(struct hl_finding *f, struct hl_span span,
		     const char *text);
void hl_finding_related(struct hl_finding *f, const char *path,
			bool has_region, struct hl_span span, const char *fmt, ...)
	HL_PRINTF(5, 6);
bool hl_rule_enabled(const struct hl_ctx *ctx, enum hl_rule_id rule);

/* Run every per-resource rule on one manifest document. */
void hl_check_doc(struct hl_ctx *ctx);

void hl_finding_release(struct hl_finding *f);

struct hl_mask;
/* Template sources masking cannot make YAML of: check the literal hook
 * annotations of [start, end) line by line (rules/fallback.c). */
void hl_fallback_scan(struct hl_ctx *ctx, const struct hl_mask *mask,
		      size_t start, size_t end);

/* The per-family check functions, in src/rules/<family>.c. */
void hl_check_events(struct hl_ctx *ctx);
void hl_check_weights(struct hl_ctx *ctx);
void hl_check_values(struct hl_ctx *ctx);
void hl_check_policies(struct hl_ctx *ctx);
void hl_check_keys(struct hl_ctx *ctx);
void hl_check_resource_policy(struct hl_ctx *ctx);
void hl_check_kinds(struct hl_ctx *ctx);
void hl_check_portability(struct hl_ctx *ctx);
/* Whether rule @r runs under @target at all (HL7xx: argocd only). */
bool hl_rule_in_target(enum hl_target target, enum hl_rule_id r);
/* Whether Argo CD takes this non-hook's helm.sh/hook-weight as its sync
 * wave and HL704 says so (HL704 over HL204, portability.c). */
bool hl_argocd_weight_is_wave(const struct hl_ctx *ctx);
void hl_check_charts(struct hl_ctx *ctx);
/* The first "{{" outside a quoted string in [start, end), or SIZE_MAX. */
size_t hl_crds_action_at(const char *buf, size_t start, size_t end);

#endif
