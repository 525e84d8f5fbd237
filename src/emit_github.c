/* SPDX-License-Identifier: MIT */
/* emit_github.c - GitHub Actions workflow commands (annotations) */
#include "emitter.h"

#include <stdlib.h>
#include <string.h>

/*
 * The runner's escaping (actions/toolkit command.ts): data escapes %, CR
 * and LF; property values also ':' and ','. Other control characters are
 * shown escaped first, so nothing from the input reaches the log raw.
 */
static void escape(struct hl_buf *b, const char *s, bool property)
{
	struct hl_buf clean = HL_BUF_INIT;
	size_t i;

	/* line breaks stay for the runner to decode (%0D, %0A) */
	for (i = 0; s[i]; ) {
		size_t n = strcspn(s + i, "\r\n");
		hl_clean_add(&clean, s + i, n);
		i += n;
		if (s[i])
			hl_buf_addc(&clean, s[i++]);
	}
	for (i = 0; i < clean.len; i++) {
		char c = clean.s[i];

		if (c == '%')
			hl_buf_adds(b, "%25");
		else if (c == '\r')
			hl_buf_adds(b, "%0D");
		else if (c == '\n')
			hl_buf_adds(b, "%0A");
		else if (property && c == ':')
			hl_buf_adds(b, "%3A");
		else if (property && c == ',')
			hl_buf_adds(b, "%2C");
		else
			hl_buf_addc(b, c);
	}
	hl_buf_release(&clean);
}

static const char *command(enum hl_severity s)
{
	switch (s) {
	case HL_SEV_ERROR:
		return "error";
	case HL_SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

static void finding(struct hl_buf *b, const struct hl_report *r,
		    const struct hl_finding *f)
{
	char *title = xasprintf("%s %s", hl_rule_id(f->rule),
				hl_rule_name(f->rule));

	hl_buf_addf(b, "::%s file=", command(f->severity));
	escape(b, hl_report_path(r, f->file), true);
	hl_buf_addf(b, ",line=%lu", f->s.line);
	/* annotations take columns only within one line */
	if (f->e.line == f->s.line)
		hl_buf_addf(b, ",col=%lu", f->s.col);
	hl_buf_addf(b, ",endLine=%lu", f->e.line);
	if (f->e.line == f->s.line)
		hl_buf_addf(b, ",endColumn=%lu", f->e.col);
	hl_buf_adds(b, ",title=");
	escape(b, title, true);
	hl_buf_adds(b, "::");
	escape(b, f->message, false);
	if (f->help) {
		hl_buf_adds(b, "%0Ahelp: ");
		escape(b, f->help, false);
	}
	hl_buf_addc(b, '\n');
	free(title);
}

static void error(struct hl_buf *b, const struct hl_error_entry *e)
{
	hl_buf_adds(b, "::error ");
	if (e->path) {
		hl_buf_adds(b, "file=");
		escape(b, e->path, true);
		hl_buf_addc(b, ',');
	}
	hl_buf_adds(b, "title=hooklint::");
	escape(b, e->message, false);
	hl_buf_addc(b, '\n');
}

static void write_github(const struct hl_report *r, const struct hl_opts *o,
		       FILE *out, bool color)
{
	(void)color;
	struct hl_buf b = HL_BUF_INIT;
	size_t i;

	(void)o;
	for (i = 0; i < r->nerrors; i++)
		error(&b, &r->errors[i]);
	for (i = 0; i < r->nfindings; i++) {
		finding(&b, r, &r->findings[i]);
		if (b.len >= 65536) {
			fwrite(b.s, 1, b.len, out);
			hl_buf_reset(&b);
		}
	}
	if (b.len)
		fwrite(b.s, 1, b.len, out);
	hl_buf_release(&b);
}

const struct hl_emitter hl_emitter_github = { write_github };
