/* SPDX-License-Identifier: MIT */
/* emit_gcc.c - one line per finding, as compilers print (editor matchers) */
#include "emitter.h"

#include <string.h>

static void write_gcc(const struct hl_report *r, const struct hl_opts *o,
		       FILE *out, bool color)
{
	(void)color;
	struct hl_buf b = HL_BUF_INIT;
	size_t i;

	(void)o;
	for (i = 0; i < r->nfindings; i++) {
		const struct hl_finding *f = &r->findings[i];
		const char *path = hl_report_path(r, f->file);

		hl_clean_add(&b, path, strlen(path));
		hl_buf_addf(&b, ":%lu:%lu: %s: ", f->s.line, f->s.col,
			    hl_note_word(f->severity));
		hl_clean_add(&b, f->message, strlen(f->message));
		hl_buf_addf(&b, " [%s]\n", hl_rule_id(f->rule));
		if (b.len >= 65536) {
			fwrite(b.s, 1, b.len, out);
			hl_buf_reset(&b);
		}
	}
	if (b.len)
		fwrite(b.s, 1, b.len, out);
	hl_buf_release(&b);
}

const struct hl_emitter hl_emitter_gcc = { write_gcc };
