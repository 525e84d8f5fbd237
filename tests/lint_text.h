/* SPDX-License-Identifier: MIT */
/*
 * lint_text.h - lint YAML text through the whole pipeline (split, walker,
 * every rule, release analysis, suppressions, sorting, positions) and
 * check the findings. Rule tests use this, never a model built by hand.
 *
 * One lint at a time: each lint_text() or lint_template() releases the
 * previous report; lint_reset() (a test's teardown) releases the last one
 * and restores the default options.
 */
#ifndef HL_LINT_TEXT_H
#define HL_LINT_TEXT_H

/* The one place the tests name the pipeline's headers. */
#include "lint.h"
#include "engine.h"

/* The policy that leaves a hook Job nothing to clean up after. */
#define CLEANUP                                                         \
	"    helm.sh/hook-delete-policy: before-hook-creation,"          \
	"hook-succeeded\n"

/* A seed ConfigMap of the "shop" chart, up to its annotations' entries;
 * CM_DATA completes it. */
#define CM_META                                                         \
	"---\n"                                                         \
	"# Source: shop/templates/seed-configmap.yaml\n"                \
	"apiVersion: v1\n"                                              \
	"kind: ConfigMap\n"                                             \
	"metadata:\n"                                                   \
	"  name: shop-seed\n"                                           \
	"  annotations:\n"

#define CM_DATA                                                         \
	"data:\n"                                                       \
	"  currency: EUR\n"

/* A migration Job of the "shop" chart, up to its annotations' entries;
 * JOB_SPEC completes it so that the kind rules have nothing to say. */
#define JOB_META                                                        \
	"---\n"                                                         \
	"# Source: shop/templates/db-migrate-job.yaml\n"                \
	"apiVersion: batch/v1\n"                                        \
	"kind: Job\n"                                                   \
	"metadata:\n"                                                   \
	"  name: shop-db-migrate\n"                                     \
	"  annotations:\n"

#define JOB_SPEC                                                        \
	"spec:\n"                                                       \
	"  backoffLimit: 1\n"                                           \
	"  template:\n"                                                 \
	"    spec:\n"                                                   \
	"      restartPolicy: Never\n"                                  \
	"      containers:\n"                                           \
	"        - name: migrate\n"                                     \
	"          image: registry.example.com/shop/api:1.4.2\n"

/* The options of the next lints: the defaults (as with no flags) until a
 * test changes them, e.g. ->target or ->severity[HL_RULE_HL502]. */
struct hl_opts *lint_opts(void);

/* Lint @yaml as rendered manifests, such as helm template prints them
 * (hl_lint_memory: findings sorted, positions resolved). */
const struct hl_report *lint_text(const char *yaml);
/* Lint @yaml as the template source templates/hook.yaml of a scratch
 * chart (hl_lint on its directory). */
const struct hl_report *lint_template(const char *yaml);
void lint_reset(void);

size_t lint_count(enum hl_rule_id rule);
/* The @nth (0-based) finding of @rule in report order, or NULL. */
const struct hl_finding *lint_nth(enum hl_rule_id rule, size_t nth);

/* The byte span of the @nth (0-based) occurrence of @snippet in the
 * linted text; fails the test when there is none. */
struct hl_span lint_span(const char *snippet, int nth);
/* The zero-width span just after the first occurrence of @snippet. */
struct hl_span lint_after(const char *snippet);

/* The finding of @rule at exactly @span; fails the test when none. */
const struct hl_finding *lint_expect(enum hl_rule_id rule,
				     struct hl_span span);
/* ... at the @nth (0-based) occurrence of @snippet. */
const struct hl_finding *lint_expect_at(enum hl_rule_id rule,
					const char *snippet, int nth);
/* Exactly @n findings in all (and no error); lists them if not. */
void lint_expect_total(size_t n);
#define lint_expect_none() lint_expect_total(0)

/* @f's message (or help) holds @part. */
void lint_expect_message(const struct hl_finding *f, const char *part);
void lint_expect_help(const struct hl_finding *f, const char *part);
/* @f has exactly one edit: @text over @span. */
void lint_expect_edit(const struct hl_finding *f, struct hl_span span,
		      const char *text);

#endif
