/* SPDX-License-Identifier: MIT */
/* mask.c - blank out Go template actions without moving a byte */
#include "mask.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *src;
	size_t len;
	struct hl_mask *m;
	size_t alloc_actions, alloc_arms;
};

/* Skip a Go string, char or raw-string literal starting at @p. */
static size_t skip_literal(const char *s, size_t len, size_t p)
{
	char q = s[p++];

	while (p < len && s[p] != q) {
		if (q != '`' && s[p] == '\\')
			p++;
		else if (q != '`' && s[p] == '\n')
			return p;	/* unterminated: stop at the line */
		p++;
	}
	return p < len ? p + 1 : len;
}

/*
 * The end (just past "}}") of the action starting at @p ("{{"), or @len
 * when it never closes. Quoted strings may hold "}}"; a comment action
 * ends at "*" "/" followed by "}}" (with an optional trim marker).
 */
static size_t action_end(const char *s, size_t len, size_t p, bool *closed)
{
	size_t q = p + 2;

	*closed = true;
	if (q < len && s[q] == '-')
		q++;
	while (q < len && (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' ||
			   s[q] == '\r'))
		q++;
	if (q + 1 < len && s[q] == '/' && s[q + 1] == '*') {
		const char *end = NULL;
		size_t r = q + 2;

		while (r + 1 < len && (end = memchr(s + r, '*', len - r - 1))) {
			size_t t = (size_t)(end - s) + 1;
			if (s[t] == '/') {
				t++;
				while (t < len && (s[t] == ' ' || s[t] == '-' ||
						   s[t] == '\t'))
					t++;
				if (t + 1 < len && s[t] == '}' && s[t + 1] == '}')
					return t + 2;
			}
			r = t;
		}
		*closed = false;
		return len;
	}
	while (q < len) {
		if (s[q] == '"' || s[q] == '\'' || s[q] == '`') {
			q = skip_literal(s, len, q);
			continue;
		}
		if (s[q] == '}' && q + 1 < len && s[q + 1] == '}')
			return q + 2;
		q++;
	}
	*closed = false;
	return len;
}

static bool word_at(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && !memcmp(s, w, k) &&
	       (n == k || !(isalnum((unsigned char)s[k]) || s[k] == '_'));
}

/* Does the action's text call @fn (as a whole identifier)? */
static bool calls(const char *s, size_t n, const char *fn)
{
	size_t k = strlen(fn), i;

	for (i = 0; i + k <= n; i++) {
		if (memcmp(s + i, fn, k))
			continue;
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' ||
			      s[i - 1] == '.' || s[i - 1] == '$'))
			continue;
		if (i + k < n && (isalnum((unsigned char)s[i + k]) || s[i + k] == '_'))
			continue;
		return true;
	}
	return false;
}

/* "nindent 4" / "indent 4": the column emitted lines start at. */
static int indent_arg(const char *s, size_t n)
{
	static const char *const fns[] = { "nindent", "indent" };
	size_t f, i;

	for (f = 0; f < HL_ARRAY_SIZE(fns); f++) {
		size_t k = strlen(fns[f]);
		for (i = 0; i + k < n; i++) {
			int v = 0;
			size_t j;

			if (memcmp(s + i, fns[f], k) ||
			    (i > 0 && isalnum((unsigned char)s[i - 1])))
				continue;
			j = i + k;
			if (j >= n || (s[j] != ' ' && s[j] != '\t'))
				continue;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j >= n || !isdigit((unsigned char)s[j]))
				continue;
			while (j < n && isdigit((unsigned char)s[j]) && v < 10000)
				v = v * 10 + (s[j++] - '0');
			return v;
		}
	}
	return -1;
}

static enum hl_action_kind classify(const char *s, size_t start, size_t end)
{
	const char *p = s + start + 2, *e = s + end;
	size_t n;

	if (p < e && *p == '-')
		p++;
	while (p < e && isspace((unsigned char)*p))
		p++;
	n = (size_t)(e - p);
	if (n >= 2 && p[0] == '/' && p[1] == '*')
		return HL_ACT_COMMENT;
	if (word_at(p, n, "if"))
		return HL_ACT_IF;
	if (word_at(p, n, "with"))
		return HL_ACT_WITH;
	if (word_at(p, n, "range"))
		return HL_ACT_RANGE;
	if (word_at(p, n, "else"))
		return HL_ACT_ELSE;
	if (word_at(p, n, "end"))
		return HL_ACT_END;
	if (word_at(p, n, "define"))
		return HL_ACT_DEFINE;
	/* block executes its body in place: an if that always holds */
	if (word_at(p, n, "block"))
		return HL_ACT_IF;
	/* an assignment prints nothing */
	if (n && *p == '$') {
		const char *q = p;
		while (q < e && (isalnum((unsigned char)*q) || *q == '$' || *q == '_'))
			q++;
		while (q < e && *q == ' ')
			q++;
		if (q < e && (*q == '=' || (*q == ':' && q + 1 < e && q[1] == '=')))
			return HL_ACT_VALUE;
	}
	if (calls(p, n, "include") || calls(p, n, "template") ||
	    calls(p, n, "toYaml") || calls(p, n, "tpl"))
		return HL_ACT_EMIT;
	return HL_ACT_VALUE;
}

static size_t line_start(const char *s, size_t p)
{
	while (p > 0 && s[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_end(const char *s, size_t len, size_t p)
{
	const char *nl = memchr(s + p, '\n', len - p);
	return nl ? (size_t)(nl - s) : len;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Is the text of line [ls, le) outside actions blank? Actions [k..] in
 * order; the ones that touch the line are skipped over. */
static bool line_only_actions(const struct hl_mask *m, const char *s,
			      size_t ls, size_t le, size_t k)
{
	size_t p = ls;

	/* the first action that ends after the line starts */
	while (k > 0 && m->actions[k - 1].span.end > ls)
		k--;
	while (p < le) {
		if (k < m->nactions && m->actions[k].span.start <= p &&
		    m->actions[k].span.end > p) {
			p = m->actions[k].span.end;
			k++;
			continue;
		}
		if (k < m->nactions && m->actions[k].span.end <= p) {
			k++;
			continue;
		}
		if (!blank(s[p]))
			return false;
		p++;
	}
	return true;
}

/*
 * Replace action @k line by line: '_' on a line with other text; on a line
 * of its own, a '#' then spaces, so YAML reads a comment (a line of spaces
 * alone would be an over-indented empty line at the start of a block
 * scalar, which YAML rejects); newlines stay.
 */
static void blank_action(const struct hl_mask *m, const char *s, size_t len,
			 char *dst, size_t k)
{
	const struct hl_action *a = &m->actions[k];
	size_t p = a->span.start;

	while (p < a->span.end) {
		size_t le = line_end(s, len, p), stop = le < a->span.end ? le :
			a->span.end;
		char fill = line_only_actions(m, s, line_start(s, p), le, k) ?
			' ' : '_';
		size_t i;

		for (i = p; i < stop; i++)
			dst[i] = s[i] == '\r' ? '\r' : fill;
		if (fill == ' ' && p < stop && (p == a->span.start ||
						 p > line_start(s, p)))
			dst[p] = '#';
		p = stop + 1;
	}
}

/* Blank [start, end) line by line; a line that had text becomes a YAML
 * comment, for the reason blank_action gives. */
static void blank_region(const char *s, char *dst, size_t start, size_t end)
{
	bool first = true;
	size_t i;

	for (i = start; i < end; i++) {
		if (s[i] == '\n') {
			first = true;
			continue;
		}
		dst[i] = first && !blank(s[i]) ? '#' : ' ';
		if (!blank(s[i]))
			first = false;
	}
}

static struct hl_arm *open_arm(struct scan *sc, size_t start, int block,
			       int arm, int parent, bool range)
{
	struct hl_mask *m = sc->m;
	struct hl_arm *a;

	HL_GROW(m->arms, m->narms + 1, sc->alloc_arms);
	a = &m->arms[m->narms++];
	a->span.start = start;
	a->span.end = sc->len;
	a->block = block;
	a->arm = arm;
	a->parent = parent;
	a->range = range;
	return a;
}

/*
 * Blocks: if/with/range arms for branch analysis; define bodies blanked.
 * The stack holds arm indexes (or -2 for a define, -3 for an if-like
 * block inside a define).
 */
static void structure(struct scan *sc, char *dst)
{
	struct hl_mask *m = sc->m;
	int *stack = xmalloc((m->nactions + 1) * sizeof(*stack));
	size_t depth = 0, i, define_start = 0, define_depth = 0;
	int blocks = 0;

	for (i = 0; i < m->nactions; i++) {
		struct hl_action *a = &m->actions[i];
		int top = depth ? stack[depth - 1] : -1;

		if (define_depth) {
			/* inside a define: only track nesting */
			if (a->kind == HL_ACT_IF || a->kind == HL_ACT_WITH ||
			    a->kind == HL_ACT_RANGE || a->kind == HL_ACT_DEFINE)
				define_depth++;
			else if (a->kind == HL_ACT_END && !--define_depth)
				blank_region(sc->src, dst, define_start,
					     a->span.end);
			a->kind = a->kind == HL_ACT_COMMENT ? HL_ACT_COMMENT :
				HL_ACT_VALUE;
			continue;
		}
		switch (a->kind) {
		case HL_ACT_DEFINE:
			define_depth = 1;
			define_start = a->span.start;
			break;
		case HL_ACT_IF:
		case HL_ACT_WITH:
		case HL_ACT_RANGE:
			open_arm(sc, a->span.end, blocks++, 0,
				 top >= 0 ? top : -1, a->kind == HL_ACT_RANGE);
			stack[depth++] = (int)m->narms - 1;
			break;
		case HL_ACT_ELSE:
			if (top < 0)
				break;
			m->arms[top].span.end = a->span.start;
			open_arm(sc, a->span.end, m->arms[top].block,
				 m->arms[top].arm + 1, m->arms[top].parent,
				 m->arms[top].range);
			stack[depth - 1] = (int)m->narms - 1;
			break;
		case HL_ACT_END:
			if (top < 0)
				break;
			m->arms[top].span.end = a->span.start;
			depth--;
			break;
		default:
			break;
		}
	}
	if (define_depth) {
		blank_region(sc->src, dst, define_start, sc->len);
		m->unbalanced = true;
	}
	if (depth)
		m->unbalanced = true;
	free(stack);
}

static int line_indent(const char *s, size_t p)
{
	size_t ls = line_start(s, p), q = ls;

	while (s[q] == ' ')
		q++;
	return (int)(q - ls);
}

void hl_mask(const char *src, size_t len, char *dst, struct hl_mask *m)
{
	struct scan sc = { src, len, m, 0, 0 };
	size_t p = 0, k;

	memset(m, 0, sizeof(*m));
	memcpy(dst, src, len);
	while (p + 1 < len) {
		const char *o = memchr(src + p, '{', len - p - 1);
		struct hl_action *a;
		bool closed;
		size_t q, end;

		if (!o)
			break;
		q = (size_t)(o - src);
		if (src[q + 1] != '{') {
			p = q + 1;
			continue;
		}
		end = action_end(src, len, q, &closed);
		if (!closed)
			m->unbalanced = true;
		HL_GROW(m->actions, m->nactions + 1, sc.alloc_actions);
		a = &m->actions[m->nactions++];
		a->span.start = q;
		a->span.end = end;
		a->kind = (unsigned char)classify(src, q, end);
		a->column = indent_arg(src + q, end - q);
		if (a->column < 0)
			a->column = line_indent(src, q);
		p = end;
	}
	for (k = 0; k < m->nactions; k++) {
		struct hl_action *a = &m->actions[k];
		a->alone = line_only_actions(m, src, line_start(src, a->span.start),
					     line_end(src, len, a->span.start), k) &&
			   line_only_actions(m, src, line_start(src, a->span.end),
					     line_end(src, len, a->span.end), k);
		blank_action(m, src, len, dst, k);
	}
	structure(&sc, dst);
}

void hl_mask_release(struct hl_mask *m)
{
	free(m->actions);
	free(m->arms);
	memset(m, 0, sizeof(*m));
}

bool hl_mask_overlaps(const struct hl_mask *m, size_t start, size_t end)
{
	size_t lo = 0, hi = m->nactions;

	if (end == start)
		end = start + 1;	/* a zero-width span at an action */
	/* the first action that ends after @start */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->actions[mid].span.end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nactions && m->actions[lo].span.start < end;
}

int hl_mask_arm_at(const struct hl_mask *m, size_t off)
{
	int best = -1;
	size_t i;

	/* arms nest, so the last one (by start) that contains @off is the
	 * innermost; arms are few per file */
	for (i = 0; i < m->narms && m->arms[i].span.start <= off; i++)
		if (off < m->arms[i].span.end)
			best = (int)i;
	return best;
}

bool hl_mask_exclusive(const struct hl_mask *m, int a, int b)
{
	int x, y;

	for (x = a; x >= 0; x = m->arms[x].parent)
		for (y = b; y >= 0; y = m->arms[y].parent)
			if (m->arms[x].block == m->arms[y].block &&
			    m->arms[x].arm != m->arms[y].arm)
				return true;
	return false;
}

bool hl_mask_in_range(const struct hl_mask *m, int arm)
{
	for (; arm >= 0; arm = m->arms[arm].parent)
		if (m->arms[arm].range)
			return true;
	return false;
}

bool hl_kv_alternatives(const struct hl_doc *d, const struct hl_kv *a,
			const struct hl_kv *b)
{
	return d && d->mask && a->arm >= 0 && b->arm >= 0 &&
	       hl_mask_exclusive(d->mask, a->arm, b->arm);
}
