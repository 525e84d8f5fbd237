/* SPDX-License-Identifier: MIT */
/* cli.h - the command line */
#ifndef HL_CLI_H
#define HL_CLI_H

#include "opts.h"

/* Parse argv into @o. Returns 0 to lint, 1 when an action (--help,
 * --version, --list-rules, --explain) was done and the program should
 * exit 0, or -1 on a usage error (already reported). */
int hl_cli_parse(int argc, char **argv, struct hl_opts *o);
/* The same for `hooklint plan` (argv[0] is "plan"); the format (enum
 * hl_plan_format) goes to @format. */
int hl_cli_parse_plan(int argc, char **argv, struct hl_opts *o, int *format);

#endif
