/* SPDX-License-Identifier: MIT */
/* plan.h - hooklint plan: the hook lifecycle of each release, per command */
#ifndef HL_PLAN_H
#define HL_PLAN_H

#include "opts.h"
#include "report.h"

/* Lint per @o and write the plan of every release to @out in @format
 * (@color: ANSI colours, text only); the report of the run goes to @r.
 * Returns -1 when writing failed. */
int hl_plan_write(const struct hl_opts *o, enum hl_plan_format format,
		  FILE *out, bool color, struct hl_report *r);
/* `hooklint plan` with parsed options: write the plan to stdout or -o,
 * return the exit status. */
int hl_plan_run(const struct hl_opts *o, enum hl_plan_format format);

#endif
