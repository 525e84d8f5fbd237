/* SPDX-License-Identifier: MIT */
/* fuzz_config.c - libFuzzer harness: parse any bytes as .hooklint.yaml,
 * and match globs it accepts against a few paths */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"a.yaml", "vendor/x/y.yaml", "charts/app/templates/job.yaml",
		"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.yaml",
	};
	struct hl_config c;
	size_t i, j;

	if (hl_config_parse(&c, ".hooklint.yaml", (const char *)data, size) == 0)
		for (i = 0; i < c.nignore; i++)
			for (j = 0; j < sizeof(paths) / sizeof(*paths); j++)
				hl_glob_match(&c.ignore[i], paths[j], j & 1);
	hl_config_release(&c);
	return 0;
}
