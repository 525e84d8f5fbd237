/* SPDX-License-Identifier: MIT */
/* source.h - command-line arguments to files, files to Helm documents */
#ifndef HL_SOURCE_H
#define HL_SOURCE_H

#include "model.h"
#include "opts.h"
#include "report.h"

enum hl_input_kind {
	HL_IN_RENDERED,		/* lint it */
	HL_IN_TEMPLATE,		/* a chart template source (not linted yet) */
};

struct hl_input {
	char *path;		/* NULL for stdin */
	char *display;		/* what findings name */
	enum hl_input_kind kind;
	enum hl_place place;	/* where it sits in a chart, if anywhere */
	size_t arg;		/* the command-line argument it came from */
	size_t release;		/* inputs of one release are adjacent */
	bool named;		/* named on the command line, not found in a walk */
	bool report;		/* its findings are reported (else context) */
	bool filtered;		/* a chart linted for some named files only */
	char *chart_root;	/* set for charts entered through a named file */
	bool crds_rendered;	/* crds/: a template renders these files too */
};

/*
 * Expand @o->paths (files, directories, "-") into inputs, in order:
 * directories are walked recursively, sorted, not following symlinked
 * directories, skipping hidden entries; a directory with Chart.yaml is a
 * chart (templates/, crds/, unpacked charts/ subcharts, .helmignore), one
 * release; other *.yaml and *.yml files are rendered manifests. A file
 * named inside a chart brings in its whole chart. An unreadable path adds
 * an entry to @r->errors. Returns the number of inputs.
 */
size_t hl_collect_inputs(const struct hl_opts *o, struct hl_report *r,
			 struct hl_input **out);
void hl_inputs_free(struct hl_input *in, size_t n);

#endif
