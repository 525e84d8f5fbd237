/* SPDX-License-Identifier: MIT */
/* main.c - argv to options to a run to an exit status */
#include "cli.h"
#include "lifecycle.h"

#include <string.h>

int main(int argc, char **argv)
{
	struct hl_opts o;
	int ret;

	/* "plan" only as the first argument: ./plan is a file to lint */
	if (argc > 1 && !strcmp(argv[1], "plan"))
		return hl_plan_main(argc - 1, argv + 1);
	hl_opts_init(&o);
	ret = hl_cli_parse(argc, argv, &o);
	if (ret < 0)
		return HL_EXIT_USAGE;
	if (ret > 0)
		return HL_EXIT_OK;
	return hl_run(&o);
}
