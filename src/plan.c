/* SPDX-License-Identifier: MIT */
/*
 * plan.c - `hooklint plan`: listen to the releases a lint run analyses
 * and hand each to the writer of the format (plan_<format>.c).
 * Everything shown comes from the simulation the rules use, problems
 * included.
 */
#include "plan.h"
#include "lint.h"
#include "plan_view.h"

#include <stdlib.h>
#include <string.h>

static const struct hl_plan_palette plain = { "", "", "", { "", "", "" } };
static const struct hl_plan_palette ansi = {
	"\033[1m", "\033[2m", "\033[0m",
	{ "\033[1;36m", "\033[1;35m", "\033[1;31m" },
};

static const struct hl_plan_writer *const writers[] = {
	[HL_PLAN_TEXT] = &hl_plan_text,
	[HL_PLAN_JSON] = &hl_plan_json,
	[HL_PLAN_MERMAID] = &hl_plan_mermaid,
};

/* The run's listener: one analysed release. */
static void add_release(void *data, const struct hl_report *r,
			const struct hl_life *l, const struct hl_judgement *j)
{
	struct hl_plan *p = data;
	struct hl_plan_view v;

	if (!l->rel->n)
		return;	/* a file without manifests */
	v.p = p;
	v.report = r;
	v.l = l;
	v.j = j;
	v.pal = p->color ? &ansi : &plain;
	v.shown = xcalloc(j->nproblems + 1, 1);
	v.release = p->nreleases;
	p->writer->release(&v);
	free(v.shown);
	p->nreleases++;
}

int hl_plan_write(const struct hl_opts *o, enum hl_plan_format format,
		  FILE *out, bool color, struct hl_report *r)
{
	struct hl_plan p;
	struct hl_release_listener listen = { add_release, &p };
	struct hl_opts copy = *o;
	int ret;

	memset(&p, 0, sizeof(p));
	p.writer = writers[format];
	p.opts = o;
	p.out = out;
	p.color = color && format == HL_PLAN_TEXT;
	copy.listener = &listen;
	p.writer->begin(&p);
	hl_lint(&copy, r);
	ret = p.writer->end(&p, r);
	hl_buf_release(&p.b);
	return ret;
}

int hl_plan_run(const struct hl_opts *o, enum hl_plan_format format)
{
	struct hl_report r;
	int status = HL_EXIT_OK;
	FILE *out = hl_output_open(o->output);
	size_t i;

	if (!out)
		return HL_EXIT_IO;
	memset(&r, 0, sizeof(r));
	if (hl_plan_write(o, format, out, hl_want_color(o), &r))
		status = HL_EXIT_IO;
	for (i = 0; i < r.nerrors; i++)
		hl_error("%s", r.errors[i].message);
	if (hl_output_close(out, o->output, "plan"))
		status = HL_EXIT_IO;
	if (r.nerrors)
		status = HL_EXIT_IO;
	hl_report_release(&r);
	return status;
}
