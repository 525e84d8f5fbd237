/* SPDX-License-Identifier: MIT */
/* main.c - argv to options to a run to an exit status */
#include "cli.h"

int main(int argc, char **argv)
{
	struct hl_opts o;
	int ret;

	hl_opts_init(&o);
	ret = hl_cli_parse(argc, argv, &o);
	if (ret < 0)
		return HL_EXIT_USAGE;
	if (ret > 0)
		return HL_EXIT_OK;
	return hl_run(&o);
}
