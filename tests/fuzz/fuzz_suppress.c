/* SPDX-License-Identifier: MIT */
/* fuzz_suppress.c - libFuzzer harness: the suppression comment scanner on
 * any bytes, rendered or as a chart template, with findings spread over
 * the input */
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "suppress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hl_opts o;
	static int init;
	struct hl_report r;
	struct hl_ctx ctx;
	char *buf;
	size_t i;
	bool tpl;

	if (!size)
		return 0;
	if (!init) {
		hl_opts_init(&o);
		init = 1;
	}
	tpl = data[0] & 1;
	o.target = data[0] & 2 ? HL_TARGET_ARGOCD : HL_TARGET_HELM;
	buf = malloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	memset(&r, 0, sizeof(r));
	memset(&ctx, 0, sizeof(ctx));
	r.files = calloc(1, sizeof(*r.files));
	r.nfiles = r.files_alloc = 1;
	ctx.opts = &o;
	ctx.report = &r;
	/* a finding of some rule every 7 bytes */
	for (i = 0; i + 1 < size; i += 7)
		hl_report(&ctx, (enum hl_rule_id)(i % HL_RULE_MAX),
			  (struct hl_span){ i, i + 1 }, "x");
	hl_suppress_apply(&o, &r, 0, 0, buf, size - 1, tpl);
	hl_report_release(&r);
	free(buf);
	return 0;
}
