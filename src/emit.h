/* SPDX-License-Identifier: MIT */
/* emit.h - report formats: one emitter per emit_<format>.c */
#ifndef HL_EMIT_H
#define HL_EMIT_H

#include "json.h"
#include "opts.h"
#include "report.h"
#include "term.h"

/* An output format; its writer gets a sorted, placed report. */
struct hl_emitter {
	const char *name;
	void (*write)(const struct hl_report *r, const struct hl_opts *o,
		      FILE *out, bool color);
};

extern const struct hl_emitter hl_emitter_text, hl_emitter_gcc,
	hl_emitter_json, hl_emitter_sarif, hl_emitter_github;

/* Write the report in @o->format to @out. @color: ANSI colours (text). */
int hl_emit(const struct hl_report *r, const struct hl_opts *o, FILE *out,
	    bool color);
/* "N errors, N warnings, N infos in N files" */
void hl_emit_summary(const struct hl_report *r, FILE *out);

#endif
