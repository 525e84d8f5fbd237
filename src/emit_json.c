/* SPDX-License-Identifier: MIT */
/* emit_json.c - the versioned JSON report (docs/report.schema.json) */
#include "emitter.h"
#include "buildinfo.h"

/* A field with no value is null, never left out; arrays are never null. */
static void pos(struct hl_jw *w, const char *key, const struct hl_pos *p)
{
	hl_jw_key(w, key);
	if (!p) {
		hl_jw_raw(w, "null");
		return;
	}
	hl_jw_open(w, '{');
	hl_jw_key(w, "line");
	hl_jw_uint(w, p->line);
	hl_jw_key(w, "col");
	hl_jw_uint(w, p->col);
	hl_jw_close(w, '}');
}

static void related(struct hl_jw *w, const struct hl_report *r,
		    const struct hl_finding *f)
{
	size_t i;

	hl_jw_key(w, "related");
	hl_jw_open(w, '[');
	for (i = 0; i < f->nrelated; i++) {
		const struct hl_related *rel = &f->related[i];
		bool region = rel->has_region && rel->s.line;

		hl_jw_open(w, '{');
		hl_jw_key(w, "path");
		hl_jw_str(w, rel->path ? rel->path :
				       hl_report_path(r, f->file));
		pos(w, "start", region ? &rel->s : NULL);
		pos(w, "end", region ? &rel->e : NULL);
		hl_jw_key(w, "message");
		hl_jw_str(w, rel->message);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
}

static void fix(struct hl_jw *w, const struct hl_finding *f)
{
	size_t i;

	hl_jw_key(w, "fix");
	if (!f->nedits) {
		hl_jw_raw(w, "null");
		return;
	}
	hl_jw_open(w, '{');
	hl_jw_key(w, "edits");
	hl_jw_open(w, '[');
	for (i = 0; i < f->nedits; i++) {
		hl_jw_open(w, '{');
		pos(w, "start", &f->edits[i].s);
		pos(w, "end", &f->edits[i].e);
		hl_jw_key(w, "text");
		hl_jw_str(w, f->edits[i].text ? f->edits[i].text : "");
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_close(w, '}');
}

static void finding(struct hl_jw *w, const struct hl_report *r,
		    const struct hl_finding *f)
{
	hl_jw_open(w, '{');
	hl_jw_key(w, "rule");
	hl_jw_str(w, hl_rule_id(f->rule));
	hl_jw_key(w, "name");
	hl_jw_str(w, hl_rule_name(f->rule));
	hl_jw_key(w, "severity");
	hl_jw_str(w, hl_severity_word(f->severity));
	hl_jw_key(w, "path");
	hl_jw_str(w, hl_report_path(r, f->file));
	pos(w, "start", &f->s);
	pos(w, "end", &f->e);
	hl_jw_key(w, "message");
	hl_jw_str(w, f->message);
	hl_jw_key(w, "help");
	hl_jw_str(w, f->help);
	hl_jw_key(w, "url");
	hl_jw_str(w, hl_rule_url(f->rule));
	hl_jw_key(w, "template");
	hl_jw_str(w, f->template_path);
	related(w, r, f);
	fix(w, f);
	hl_jw_close(w, '}');
}

static void summary(struct hl_jw *w, const struct hl_report *r)
{
	hl_jw_key(w, "summary");
	hl_jw_open(w, '{');
	hl_jw_key(w, "errors");
	hl_jw_uint(w, r->counts[HL_SEV_ERROR]);
	hl_jw_key(w, "warnings");
	hl_jw_uint(w, r->counts[HL_SEV_WARNING]);
	hl_jw_key(w, "infos");
	hl_jw_uint(w, r->counts[HL_SEV_INFO]);
	hl_jw_key(w, "files");
	hl_jw_uint(w, hl_report_nlinted(r));
	hl_jw_close(w, '}');
}

static void write_json(const struct hl_report *r, const struct hl_opts *o,
		       FILE *out, bool color)
{
	(void)color;
	struct hl_jw w;
	size_t i;

	(void)o;
	/* top-level members and each finding on a line of its own */
	hl_jw_init(&w, out, 2);
	hl_jw_open(&w, '{');
	hl_jw_key(&w, "version");
	hl_jw_uint(&w, 1);
	hl_jw_key(&w, "tool");
	hl_jw_open(&w, '{');
	hl_jw_key(&w, "name");
	hl_jw_str(&w, "hooklint");
	hl_jw_key(&w, "version");
	hl_jw_str(&w, HL_VERSION);
	hl_jw_close(&w, '}');
	hl_jw_key(&w, "findings");
	hl_jw_open(&w, '[');
	for (i = 0; i < r->nfindings; i++) {
		finding(&w, r, &r->findings[i]);
		hl_jw_flush(&w, false);
	}
	hl_jw_close(&w, ']');
	hl_report_json_errors(&w, r);
	summary(&w, r);
	hl_jw_close(&w, '}');
	hl_jw_finish(&w);
}

const struct hl_emitter hl_emitter_json = { write_json };
