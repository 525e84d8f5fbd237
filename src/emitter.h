/* SPDX-License-Identifier: MIT */
/*
 * emitter.h - the interface every report format implements: one
 * emit_<format>.c defines one struct hl_emitter, and emit.c picks it.
 */
#ifndef HL_EMITTER_H
#define HL_EMITTER_H

#include "json.h"
#include "opts.h"
#include "report.h"
#include "term.h"

/* An output format; its writer gets a sorted, placed report. */
struct hl_emitter {
	void (*write)(const struct hl_report *r, const struct hl_opts *o,
		      FILE *out, bool color);
};

extern const struct hl_emitter hl_emitter_text, hl_emitter_gcc,
	hl_emitter_json, hl_emitter_sarif, hl_emitter_github;

#endif
