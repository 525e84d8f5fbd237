/* SPDX-License-Identifier: MIT */
/* fuzz_walker.c - libFuzzer harness: split, walk and lint any bytes */
#include "cli.h"
#include "engine.h"
#include "lint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hl_opts o;
	static int init;
	struct hl_report r;
	char *buf = malloc(size + 1);

	if (!init) {
		hl_opts_init(&o);
		o.format = HL_FMT_SARIF;	/* exercise fingerprints too */
		init = 1;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	memset(&r, 0, sizeof(r));
	hl_lint_memory(&o, &r, "fuzz.yaml", buf, size);
	hl_report_release(&r);
	free(buf);
	return 0;
}
