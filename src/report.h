/* SPDX-License-Identifier: MIT */
/*
 * report.h - findings and the report that holds them: the one place that
 * creates, places (lines and columns), sorts and frees a finding.
 */
#ifndef HL_REPORT_H
#define HL_REPORT_H

#include "json.h"
#include "position.h"
#include "registry.h"

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
	char *group;		/* one problem with the rule's others of this
				 * key (hl_report_merge_groups), or NULL */
	char *group_note;	/* ... what it says as their related location */
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

/* A new finding of @rule at @span of file @file, its message from @fmt;
 * @template_path ("# Source:") is copied. */
struct hl_finding *hl_finding_new(struct hl_report *r, enum hl_rule_id rule,
				  enum hl_severity sev, size_t file,
				  struct hl_span span, const char *template_path,
				  const char *fmt, va_list ap);
/* Each of these does nothing when @f is NULL (a disabled rule). */
void hl_finding_help(struct hl_finding *f, const char *fmt, ...)
	HL_PRINTF(2, 3);
void hl_finding_edit(struct hl_finding *f, struct hl_span span,
		     const char *text);
void hl_finding_related(struct hl_finding *f, const char *path,
			bool has_region, struct hl_span span, const char *fmt, ...)
	HL_PRINTF(5, 6);
/* Findings of one rule with the same @key in a release are one problem:
 * all but the first become its related locations, saying @fmt. */
void hl_finding_group(struct hl_finding *f, const char *key,
		      const char *fmt, ...) HL_PRINTF(3, 4);
void hl_finding_release(struct hl_finding *f);

/*
 * Place findings [first, last), all of one file whose bytes are @buf:
 * lines and columns of their spans, related locations in the same file
 * and edits, a copy of each one's source line, and with @fingerprints
 * GitHub's primaryLocationLineHash. @marks as for hl_positions().
 */
void hl_report_place(struct hl_report *r, size_t first, size_t last,
		     const char *buf, size_t len, bool fingerprints,
		     const struct hl_line_mark *marks, size_t nmarks);
/* Fold findings [first, nfindings) of one group into its first one. */
void hl_report_merge_groups(struct hl_report *r, size_t first);
/* Sort findings [first, nfindings) by file, offset, rule, then order. */
void hl_report_sort(struct hl_report *r, size_t first);
/* Count the findings by severity into r->counts. */
void hl_report_count(struct hl_report *r);
/* Record an input that could not be read. */
void hl_report_error(struct hl_report *r, const char *path, char *message);
/* The path users see for file @idx ("-" when unknown). */
const char *hl_report_path(const struct hl_report *r, size_t idx);
/* How many files were linted. */
size_t hl_report_nlinted(const struct hl_report *r);
void hl_report_release(struct hl_report *r);
/* The "errors" member of a JSON report or plan: each unreadable input's
 * path and message. */
void hl_report_json_errors(struct hl_jw *w, const struct hl_report *r);

#endif
