/* SPDX-License-Identifier: MIT */
/* split.c - split a stream into documents the way Helm does (§1.1) */
#include "split.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Helm splits on (?m)^---[ \t]*: text after it starts the next document.
 * YAML agrees only when nothing but blanks or a comment follows. */
static void start_doc(struct hl_docrange *d, const char *buf, size_t line,
		      size_t eol)
{
	size_t q = line + 3;

	while (q < eol && (buf[q] == ' ' || buf[q] == '\t'))
		q++;
	memset(d, 0, sizeof(*d));
	d->start = line;
	d->content = q;
	d->bad_at = SIZE_MAX;
	d->yaml_marker = (line + 3 == eol || is_blank(buf[line + 3])) &&
			 (q == eol || buf[q] == '#' || buf[q] == '\r');
}

static void source_comment(struct hl_arena *arena, struct hl_docrange *d,
			   const char *buf, size_t p, size_t eol)
{
	static const char tag[] = "# Source: ";
	size_t n = sizeof(tag) - 1;

	if (d->source || eol - p <= n || memcmp(buf + p, tag, n))
		return;
	while (eol > p + n && is_blank(buf[eol - 1]))
		eol--;
	d->source = hl_arena_strndup(arena, buf + p + n, eol - p - n);
}

/* The first NUL or invalid UTF-8 byte of the document, if any. */
/* Does a '#' comment in [start, end) name hooklint? Suppressions live in
 * comments, and '#' is rare enough that this is one vector search. (The
 * template comment form is looked for in template sources.) */
static bool comment_mentions_tool(const char *buf, size_t start, size_t end)
{
	const char *p = buf + start, *e = buf + end;

	while ((p = memchr(p, '#', (size_t)(e - p)))) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;

		if (memmem(p, (size_t)(le - p), "hooklint", 8))
			return true;
		p = le;
	}
	return false;
}

/* Right after the split of each document, while its bytes are in the
 * cache: one pass for NUL bytes and invalid UTF-8, one for suppression
 * comments ("hooklint"), instead of more passes over the whole file. */
static void prescan(struct hl_docrange *d, const char *buf)
{
	size_t bad = d->start + hl_text_invalid(buf + d->start,
						d->end - d->start);

	if (bad < d->end)
		d->bad_at = bad;
	d->mentions_tool = comment_mentions_tool(buf, d->start, d->end);
}

size_t hl_split_docs(struct hl_arena *arena, const char *buf, size_t len,
		     struct hl_docrange **out)
{
	struct hl_docrange *docs = NULL;
	size_t n = 0, alloc = 0, p = 0;
	unsigned long line = 1;
	struct hl_docrange cur;

	memset(&cur, 0, sizeof(cur));
	cur.yaml_marker = true;
	cur.line = 1;
	cur.bad_at = SIZE_MAX;
	while (p < len) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t eol = nl ? (size_t)(nl - buf) : len;

		if (eol - p >= 3 && !memcmp(buf + p, "---", 3)) {
			cur.end = p;
			prescan(&cur, buf);
			HL_GROW(docs, n + 1, alloc);
			docs[n++] = cur;
			start_doc(&cur, buf, p, eol);
			cur.line = line;
		} else if (buf[p] == '#') {
			source_comment(arena, &cur, buf, p, eol);
		}
		p = eol + 1;
		line++;
	}
	cur.end = len;
	prescan(&cur, buf);
	HL_GROW(docs, n + 1, alloc);
	docs[n++] = cur;
	*out = docs;
	return n;
}
