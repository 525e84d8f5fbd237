/* SPDX-License-Identifier: MIT */
/* main.c - argv to options to a run to an exit status */
#include "cli.h"
#include "config.h"
#include "emit.h"
#include "lint.h"
#include "plan.h"

#include <string.h>

static int write_report(struct hl_report *r, const struct hl_opts *o)
{
	FILE *out = hl_output_open(o->output);

	if (!out)
		return -1;
	hl_emit(r, o, out, hl_want_color(o));
	return hl_output_close(out, o->output, "report");
}

/* Whether a finding at or above the fail level counts for exit 1. */
static bool fails(const struct hl_report *r, const struct hl_opts *o)
{
	size_t i;

	if (o->exit_zero || o->fail_on == HL_SEV_OFF)
		return false;
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].severity >= o->fail_on &&
		    r->findings[i].severity <= HL_SEV_ERROR &&
		    hl_config_fails(o, r->findings[i].rule))
			return true;
	return false;
}

/* Lint, write the report, and say how it went. */
static int run(const struct hl_opts *o)
{
	struct hl_report r;
	int status = HL_EXIT_OK;
	size_t i;

	memset(&r, 0, sizeof(r));
	hl_lint(o, &r);
	for (i = 0; i < r.nerrors; i++)
		hl_error("%s", r.errors[i].message);
	if (write_report(&r, o))
		status = HL_EXIT_IO;
	if (o->format == HL_FMT_TEXT && !o->quiet)
		hl_emit_summary(&r, stderr);
	if (r.nerrors)
		status = HL_EXIT_IO;
	if (status == HL_EXIT_OK && fails(&r, o))
		status = HL_EXIT_FINDINGS;
	hl_report_release(&r);
	return status;
}

int main(int argc, char **argv)
{
	struct hl_opts o;
	int ret, format = HL_PLAN_TEXT;

	hl_opts_init(&o);
	/* "plan" only as the first argument: ./plan is a file to lint */
	if (argc > 1 && !strcmp(argv[1], "plan")) {
		ret = hl_cli_parse_plan(argc - 1, argv + 1, &o, &format);
		if (ret)
			return ret < 0 ? HL_EXIT_USAGE : HL_EXIT_OK;
		return hl_plan_run(&o, (enum hl_plan_format)format);
	}
	ret = hl_cli_parse(argc, argv, &o);
	if (ret < 0)
		return HL_EXIT_USAGE;
	if (ret > 0)
		return HL_EXIT_OK;
	return run(&o);
}
