/* SPDX-License-Identifier: MIT */
/* emit_text.c - the human format: location, message, source line, caret */
#include "emitter.h"

#include <string.h>

#define TAB_STOP 8

struct palette {
	const char *bold, *reset, *caret, *note, *sev[3];
};

static const struct palette plain = {
	"", "", "", "", { "", "", "" },
};

static const struct palette ansi = {
	"\033[1m", "\033[0m", "\033[1;32m", "\033[1;36m",
	{ "\033[1;36m", "\033[1;35m", "\033[1;31m" },
};

/* Display columns of the span's first and last character in a line. */
struct layout {
	struct hl_buf shown;	/* the line as printed */
	size_t start, end;	/* display columns, end exclusive */
};

/*
 * Lay the line out as the terminal will show it (tabs expanded, wide
 * characters two columns, escapes their own width) and find where code
 * point columns @scol and @ecol fall. @ecol 0: to the end of the line.
 * Returns false when the span starts past the copied line.
 */
static bool lay_out(struct layout *l, const char *s, unsigned long scol,
		    unsigned long ecol)
{
	size_t n = strlen(s), i = 0, len, width = 0;
	unsigned long col = 1;
	bool have_start = false, have_end = false;

	while (i < n) {
		int32_t c = hl_utf8_decode(s + i, n - i, &len);
		size_t before = l->shown.len;

		if (col == scol && !have_start) {
			l->start = width;
			have_start = true;
		}
		if (col == ecol && !have_end) {
			l->end = width;
			have_end = true;
		}
		if (c == '\t') {
			size_t pad = TAB_STOP - width % TAB_STOP;
			width += pad;
			while (pad--)
				hl_buf_addc(&l->shown, ' ');
		} else if (c < 0) {
			hl_clean_add(&l->shown, s + i, len);
			width += l->shown.len - before;
		} else if (hl_clean_cp(&l->shown, c)) {
			width += l->shown.len - before;
		} else {
			hl_buf_add(&l->shown, s + i, len);
			width += (size_t)hl_u8_width(c);
		}
		i += len;
		col++;
	}
	if (!have_start && col < scol)
		return false;
	if (!have_start)
		l->start = width;
	if (!have_end)
		l->end = width;
	if (l->end < l->start)
		l->end = l->start;
	return true;
}

/* The source line and the caret line; returns the gutter width. */
static int snippet(struct hl_buf *b, const struct hl_finding *f,
		   const struct palette *p)
{
	struct layout l = { HL_BUF_INIT, 0, 0 };
	char num[32];
	int w = snprintf(num, sizeof(num), "%lu", f->s.line);
	size_t i;

	if (w < 4)
		w = 4;
	if (!f->line_text || !f->s.line)
		return w;
	if (!lay_out(&l, f->line_text, f->s.col,
		     f->e.line == f->s.line ? f->e.col : 0)) {
		hl_buf_release(&l.shown);
		return w;
	}
	hl_buf_addf(b, " %*s | %s\n", w, num, l.shown.s ? l.shown.s : "");
	hl_buf_addf(b, " %*s | ", w, "");
	for (i = 0; i < l.start; i++)
		hl_buf_addc(b, ' ');
	hl_buf_adds(b, p->caret);
	hl_buf_addc(b, '^');
	for (i = l.start + 1; i < l.end; i++)
		hl_buf_addc(b, '~');
	hl_buf_adds(b, p->reset);
	hl_buf_addc(b, '\n');
	hl_buf_release(&l.shown);
	return w;
}

static void location(struct hl_buf *b, const char *path,
		     const struct hl_pos *pos, const struct palette *p)
{
	hl_buf_adds(b, p->bold);
	hl_clean_add(b, path, strlen(path));
	if (pos && pos->line)
		hl_buf_addf(b, ":%lu:%lu", pos->line, pos->col);
	hl_buf_addf(b, ":%s ", p->reset);
}

static void related(struct hl_buf *b, const struct hl_report *r,
		    const struct hl_finding *f, const struct palette *p)
{
	size_t i;

	for (i = 0; i < f->nrelated; i++) {
		const struct hl_related *rel = &f->related[i];
		const char *path = rel->path ? rel->path :
				   hl_report_path(r, f->file);

		location(b, path, rel->has_region ? &rel->s : NULL, p);
		hl_buf_addf(b, "%snote:%s ", p->note, p->reset);
		hl_clean_add(b, rel->message, strlen(rel->message));
		hl_buf_addc(b, '\n');
	}
}

static void finding(struct hl_buf *b, const struct hl_report *r,
		    const struct hl_finding *f, const struct palette *p)
{
	unsigned sev = f->severity <= HL_SEV_ERROR ? f->severity : HL_SEV_ERROR;
	int w;

	location(b, hl_report_path(r, f->file), &f->s, p);
	hl_buf_addf(b, "%s%s:%s ", p->sev[sev],
		    hl_severity_word((enum hl_severity)sev), p->reset);
	hl_clean_add(b, f->message, strlen(f->message));
	hl_buf_addf(b, " [%s %s]\n", hl_rule_id(f->rule),
		    hl_rule_name(f->rule));
	w = snippet(b, f, p);
	if (f->help) {
		hl_buf_addf(b, " %*s = %shelp:%s ", w, "", p->bold, p->reset);
		hl_clean_add(b, f->help, strlen(f->help));
		hl_buf_addc(b, '\n');
	}
	related(b, r, f, p);
}

/* Input errors are not part of the text report: the run prints them on
 * stderr as they happen. */
static void write_text(const struct hl_report *r, const struct hl_opts *o,
		       FILE *out, bool color)
{
	const struct palette *p = color ? &ansi : &plain;
	struct hl_buf b = HL_BUF_INIT;
	size_t i;

	(void)o;
	for (i = 0; i < r->nfindings; i++) {
		finding(&b, r, &r->findings[i], p);
		if (b.len >= 65536) {
			fwrite(b.s, 1, b.len, out);
			hl_buf_reset(&b);
		}
	}
	if (b.len)
		fwrite(b.s, 1, b.len, out);
	hl_buf_release(&b);
}

const struct hl_emitter hl_emitter_text = { write_text };
