/* SPDX-License-Identifier: MIT */
/* emit.h - write a report in the format asked for */
#ifndef HL_EMIT_H
#define HL_EMIT_H

#include "opts.h"
#include "report.h"

/* Write the report in @o->format to @out. @color: ANSI colours (text). */
int hl_emit(const struct hl_report *r, const struct hl_opts *o, FILE *out,
	    bool color);
/* "N errors, N warnings, N infos in N files" */
void hl_emit_summary(const struct hl_report *r, FILE *out);

#endif
