/* SPDX-License-Identifier: MIT */
/* cli.h - the command line */
#ifndef HL_CLI_H
#define HL_CLI_H

#include "engine.h"

/* Parse argv into @o. Returns 0 to lint, 1 when an action (--help,
 * --version, --list-rules, --explain) was done and the program should
 * exit 0, or -1 on a usage error (already reported). */
int hl_cli_parse(int argc, char **argv, struct hl_opts *o);
/* The same for `hooklint plan` (argv[0] is "plan"); the format (enum
 * hl_plan_format) goes to @format. */
int hl_cli_parse_plan(int argc, char **argv, struct hl_opts *o, int *format);
/* Lint per @o, write the report, return the exit status. */
int hl_run(struct hl_opts *o);
/* Lint per @o into @r (findings sorted, counted); no output. */
int hl_lint(const struct hl_opts *o, struct hl_report *r);
void hl_report_release(struct hl_report *r);
/* Lint one in-memory rendered stream named @display into @r (unsorted). */
void hl_lint_memory(const struct hl_opts *o, struct hl_report *r,
		    const char *display, const char *buf, size_t len);

#endif
