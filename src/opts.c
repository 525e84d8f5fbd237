/* SPDX-License-Identifier: MIT */
/* opts.c - default options */
#include "opts.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void hl_opts_init(struct hl_opts *o)
{
	size_t i;

	memset(o, 0, sizeof(*o));
	o->format = HL_FMT_TEXT;
	o->fail_on = HL_SEV_WARNING;
	o->color = -1;
	for (i = 0; i < HL_RULE_MAX; i++)
		o->severity[i] = hl_rule_meta[i].off_by_default ?
			HL_SEV_OFF : hl_rule_meta[i].severity;
}

/* Colours only on a terminal, unless asked; NO_COLOR and TERM=dumb
 * turn them off (the report and plan share this). */
bool hl_want_color(const struct hl_opts *o)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (o->color >= 0)
		return o->color;
	if (o->output || (no && *no))
		return false;
	return isatty(STDOUT_FILENO) && !(term && !strcmp(term, "dumb"));
}
