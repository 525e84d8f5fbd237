/* SPDX-License-Identifier: MIT */
/*
 * lint.h - one run: inputs to documents, documents to findings, releases
 * to the release pass, findings placed, suppressed and sorted
 */
#ifndef HL_LINT_H
#define HL_LINT_H

#include "opts.h"
#include "report.h"

/* Lint per @o into @r (findings sorted, counted); no output. */
int hl_lint(const struct hl_opts *o, struct hl_report *r);
/* Lint one in-memory rendered stream named @display into @r (unsorted). */
void hl_lint_memory(const struct hl_opts *o, struct hl_report *r,
		    const char *display, const char *buf, size_t len);

#endif
