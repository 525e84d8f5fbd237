/* SPDX-License-Identifier: MIT */
/* lenient.c - a second reading of documents go-yaml accepts, libfyaml not */
#include "lenient.h"

#include <stdlib.h>
#include <string.h>

/* libfyaml 0.7.12 says "wrongly indented ..." for quoted scalars and
 * flow collections, and "... tab ..." for tabs in them (and elsewhere). */
bool hl_lenient_class(const char *msg)
{
	return strstr(msg, "wrongly indented") || hl_lenient_tab(msg);
}

bool hl_lenient_tab(const char *msg)
{
	return strstr(msg, "tab") != NULL;
}

static void add(size_t **v, size_t *n, size_t *alloc, size_t off)
{
	HL_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = off;
}

/* Turn the tabs among the blanks that start each line from @from on. */
static void patch_tabs(struct hl_lenient *l, const char *buf, size_t begin,
		       size_t end, size_t from)
{
	size_t p = from, alloc = 0;

	while (p > begin && buf[p - 1] != '\n')
		p--;
	l->copy = xmalloc(end - begin + 1);
	memcpy(l->copy, buf + begin, end - begin);
	l->begin = begin;
	while (p < end) {
		const char *nl;

		for (; p < end && (buf[p] == ' ' || buf[p] == '\t'); p++) {
			if (buf[p] == '\t') {
				l->copy[p - begin] = ' ';
				add(&l->tabs, &l->ntabs, &alloc, p);
			}
		}
		nl = memchr(buf + p, '\n', end - p);
		p = nl ? (size_t)(nl - buf) + 1 : end;
	}
	l->text = l->copy;
	l->quoted = xcalloc(l->ntabs + 1, 1);
}

void hl_lenient_init(struct hl_lenient *l, const char *buf, size_t begin,
		     size_t end, size_t patch_from)
{
	size_t p = begin, alloc = 0;

	memset(l, 0, sizeof(*l));
	l->text = buf + begin;
	if (patch_from < end)
		patch_tabs(l, buf, begin, end, patch_from);
	if (p > 0 && buf[p - 1] != '\n') {
		const char *nl = memchr(buf + p, '\n', end - p);
		p = nl ? (size_t)(nl - buf) + 1 : end;
	}
	while (p < end) {
		const char *nl = memchr(buf + p, '\n', end - p);

		if (buf[p] == '%')
			add(&l->pcts, &l->npcts, &alloc, p);
		p = nl ? (size_t)(nl - buf) + 1 : end;
	}
}

/* Offsets v[*i..] below @end belong to the scalar [start, end): they are
 * fine from @inside on when @ok (then noted in @held, if given). Scalars
 * come in order, so anything left before @start was outside them all. */
static void cover(const size_t *v, size_t n, size_t *i, size_t inside,
		  size_t end, bool ok, unsigned char *held, bool *bad)
{
	for (; *i < n && v[*i] < end; (*i)++) {
		if (!ok || v[*i] < inside)
			*bad = true;
		else if (held)
			held[*i] = 1;
	}
}

void hl_lenient_scalar(struct hl_lenient *l, size_t start, size_t end,
		       bool quoted)
{
	/* a quoted scalar's start is past its opening quote */
	cover(l->tabs, l->ntabs, &l->itab, start, end, quoted, l->quoted,
	      &l->bad);
	/* a '%' that starts a scalar is a directive to go-yaml */
	cover(l->pcts, l->npcts, &l->ipct, start + 1, end, true, NULL,
	      &l->bad);
}

bool hl_lenient_ok(const struct hl_lenient *l)
{
	return !l->bad && l->itab == l->ntabs && l->ipct == l->npcts;
}

bool hl_lenient_narrow(struct hl_lenient *l)
{
	size_t i, n = 0;

	if (!l->copy)
		return false;
	for (i = 0; i < l->ntabs; i++)
		if (l->quoted[i])
			n++;
	if (!n || n == l->ntabs)
		return false;
	for (i = n = 0; i < l->ntabs; i++) {
		if (l->quoted[i])
			l->tabs[n++] = l->tabs[i];
		else
			l->copy[l->tabs[i] - l->begin] = '\t';
	}
	l->ntabs = n;
	memset(l->quoted, 0, n);
	l->itab = l->ipct = 0;
	l->bad = false;
	return true;
}

void hl_lenient_release(struct hl_lenient *l)
{
	free(l->copy);
	free(l->tabs);
	free(l->quoted);
	free(l->pcts);
	memset(l, 0, sizeof(*l));
}
