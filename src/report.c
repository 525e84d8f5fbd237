/* SPDX-License-Identifier: MIT */
/* report.c - create, place, sort and free findings */
#include "report.h"

#include <stdlib.h>
#include <string.h>

struct hl_finding *hl_finding_new(struct hl_report *r, enum hl_rule_id rule,
				  enum hl_severity sev, size_t file,
				  struct hl_span span, const char *template_path,
				  const char *fmt, va_list ap)
{
	struct hl_finding *f;

	HL_GROW(r->findings, r->nfindings + 1, r->findings_alloc);
	f = &r->findings[r->nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	f->file = file;
	f->seq = r->nfindings++;
	f->span = span;
	f->message = xvasprintf(fmt, ap);
	if (template_path)
		f->template_path = xstrdup(template_path);
	return f;
}

void hl_finding_help(struct hl_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	free(f->help);
	va_start(ap, fmt);
	f->help = xvasprintf(fmt, ap);
	va_end(ap);
}

void hl_finding_edit(struct hl_finding *f, struct hl_span span,
		     const char *text)
{
	if (!f)
		return;
	f->edits = xrealloc(f->edits, (f->nedits + 1) * sizeof(*f->edits));
	memset(&f->edits[f->nedits], 0, sizeof(*f->edits));
	f->edits[f->nedits].span = span;
	f->edits[f->nedits].text = xstrdup(text);
	f->nedits++;
}

void hl_finding_related(struct hl_finding *f, const char *path,
			bool has_region, struct hl_span span, const char *fmt, ...)
{
	struct hl_related *rel;
	va_list ap;

	if (!f)
		return;
	f->related = xrealloc(f->related, (f->nrelated + 1) * sizeof(*f->related));
	rel = &f->related[f->nrelated++];
	memset(rel, 0, sizeof(*rel));
	rel->path = path ? xstrdup(path) : NULL;
	rel->has_region = has_region;
	rel->span = span;
	va_start(ap, fmt);
	rel->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void hl_finding_group(struct hl_finding *f, const char *key,
		      const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	f->group = xstrdup(key);
	va_start(ap, fmt);
	f->group_note = xvasprintf(fmt, ap);
	va_end(ap);
}

void hl_finding_release(struct hl_finding *f)
{
	size_t j;

	free(f->group);
	free(f->group_note);
	free(f->message);
	free(f->help);
	free((char *)f->template_path);
	for (j = 0; j < f->nrelated; j++) {
		free(f->related[j].path);
		free(f->related[j].message);
	}
	free(f->related);
	for (j = 0; j < f->nedits; j++)
		free(f->edits[j].text);
	free(f->edits);
	free(f->line_text);
	free(f->fingerprint);
}

static void want(struct hl_want **w, size_t *n, size_t *alloc, size_t off,
		 struct hl_pos *pos, char **line)
{
	HL_GROW(*w, *n + 1, *alloc);
	(*w)[*n].off = off;
	(*w)[*n].pos = pos;
	(*w)[*n].line = line;
	(*n)++;
}

/* Every offset of findings [first, last) in their own file. */
static size_t collect(struct hl_report *r, size_t first, size_t last,
		      struct hl_want **w)
{
	size_t i, j, n = 0, alloc = 0;

	*w = NULL;
	for (i = first; i < last; i++) {
		struct hl_finding *f = &r->findings[i];

		want(w, &n, &alloc, f->span.start, &f->s, &f->line_text);
		want(w, &n, &alloc, f->span.end, &f->e, NULL);
		for (j = 0; j < f->nrelated; j++) {
			struct hl_related *rel = &f->related[j];
			if (rel->path || !rel->has_region)
				continue;
			want(w, &n, &alloc, rel->span.start, &rel->s, NULL);
			want(w, &n, &alloc, rel->span.end, &rel->e, NULL);
		}
		for (j = 0; j < f->nedits; j++) {
			struct hl_edit *e = &f->edits[j];
			want(w, &n, &alloc, e->span.start, &e->s, NULL);
			want(w, &n, &alloc, e->span.end, &e->e, NULL);
		}
	}
	return n;
}

struct line_ref {
	unsigned long line;
	struct hl_finding *f;
};

static int line_ref_cmp(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static void fingerprint(struct hl_report *r, size_t first, size_t last,
			const char *buf, size_t len)
{
	size_t i, n = last - first;
	struct line_ref *refs = xcalloc(n ? n : 1, sizeof(*refs));
	unsigned long *lines = xcalloc(n ? n : 1, sizeof(*lines));
	char **out = xcalloc(n ? n : 1, sizeof(*out));

	for (i = 0; i < n; i++) {
		refs[i].line = r->findings[first + i].s.line;
		refs[i].f = &r->findings[first + i];
	}
	qsort(refs, n, sizeof(*refs), line_ref_cmp);
	for (i = 0; i < n; i++)
		lines[i] = refs[i].line;
	hl_line_hashes(buf, len, lines, n, out);
	for (i = 0; i < n; i++) {
		free(refs[i].f->fingerprint);
		refs[i].f->fingerprint = out[i];
	}
	free(out);
	free(lines);
	free(refs);
}

void hl_report_place(struct hl_report *r, size_t first, size_t last,
		     const char *buf, size_t len, bool fingerprints,
		     const struct hl_line_mark *marks, size_t nmarks)
{
	struct hl_want *w;
	size_t n;

	if (first >= last)
		return;
	n = collect(r, first, last, &w);
	hl_positions(buf, len, w, n, marks, nmarks);
	free(w);
	if (fingerprints)
		fingerprint(r, first, last, buf, len);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct hl_finding *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static struct hl_finding *group_head(struct hl_report *r, size_t first,
				      size_t n, const struct hl_finding *f)
{
	size_t i;

	for (i = first; i < n; i++)
		if (r->findings[i].rule == f->rule && r->findings[i].group &&
		    !strcmp(r->findings[i].group, f->group))
			return &r->findings[i];
	return NULL;
}

void hl_report_merge_groups(struct hl_report *r, size_t first)
{
	size_t i, n = first;

	for (i = first; i < r->nfindings; i++) {
		struct hl_finding *f = &r->findings[i];
		struct hl_finding *g = f->group ?
			group_head(r, first, n, f) : NULL;

		if (!g) {
			r->findings[n++] = *f;
			continue;
		}
		hl_finding_related(g, g->file == f->file ? NULL :
				   r->files[f->file].path, true, f->span, "%s",
				   f->group_note);
		hl_finding_release(f);
	}
	r->nfindings = n;
}

void hl_report_sort(struct hl_report *r, size_t first)
{
	if (r->nfindings > first)
		qsort(r->findings + first, r->nfindings - first,
		      sizeof(*r->findings), cmp_finding);
}

void hl_report_count(struct hl_report *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].severity <= HL_SEV_ERROR)
			r->counts[r->findings[i].severity]++;
}

void hl_report_error(struct hl_report *r, const char *path, char *message)
{
	struct hl_error_entry *e;

	HL_GROW(r->errors, r->nerrors + 1, r->errors_alloc);
	e = &r->errors[r->nerrors++];
	e->path = path ? xstrdup(path) : NULL;
	e->message = message;
}

const char *hl_report_path(const struct hl_report *r, size_t idx)
{
	if (idx < r->nfiles && r->files[idx].path)
		return r->files[idx].path;
	return "-";
}

size_t hl_report_nlinted(const struct hl_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfiles; i++)
		n += r->files[i].linted;
	return n;
}


void hl_report_release(struct hl_report *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		hl_finding_release(&r->findings[i]);
	free(r->findings);
	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].uri);
	}
	free(r->files);
	for (i = 0; i < r->nerrors; i++) {
		free(r->errors[i].path);
		free(r->errors[i].message);
	}
	free(r->errors);
	free(r->base_uri);
	memset(r, 0, sizeof(*r));
}

void hl_report_json_errors(struct hl_jw *w, const struct hl_report *r)
{
	size_t i;

	hl_jw_key(w, "errors");
	hl_jw_open(w, '[');
	for (i = 0; i < r->nerrors; i++) {
		hl_jw_open(w, '{');
		hl_jw_key(w, "path");
		hl_jw_str(w, r->errors[i].path);
		hl_jw_key(w, "message");
		hl_jw_str(w, r->errors[i].message);
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
}
