/* SPDX-License-Identifier: MIT */
/* emit.c - pick the emitter of a format; the summary line */
#include "emit.h"
#include "emitter.h"

static const struct hl_emitter *const emitters[] = {
	[HL_FMT_TEXT] = &hl_emitter_text,
	[HL_FMT_GCC] = &hl_emitter_gcc,
	[HL_FMT_JSON] = &hl_emitter_json,
	[HL_FMT_SARIF] = &hl_emitter_sarif,
	[HL_FMT_GITHUB] = &hl_emitter_github,
};

int hl_emit(const struct hl_report *r, const struct hl_opts *o, FILE *out,
	    bool color)
{
	emitters[o->format]->write(r, o, out, color);
	if (fflush(out) || ferror(out))
		return hl_error("cannot write the report: write error");
	return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void hl_emit_summary(const struct hl_report *r, FILE *out)
{
	size_t e = r->counts[HL_SEV_ERROR], w = r->counts[HL_SEV_WARNING];
	size_t i = r->counts[HL_SEV_INFO], f = hl_report_nlinted(r);

	fprintf(out, "%zu %s, %zu %s, %zu %s in %zu %s\n",
		e, plural(e, "error", "errors"),
		w, plural(w, "warning", "warnings"),
		i, plural(i, "info", "infos"),
		f, plural(f, "file", "files"));
}
