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
		if (s[i] != fn[0] || memcmp(s + i, fn, k))
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

/* "nindent 4" / "indent 4": the column emitted lines start at; *@nl
 * tells whether the output starts with a newline (nindent). */
static int indent_arg(const char *s, size_t n, bool *nl)
{
	static const char *const fns[] = { "nindent", "indent" };
	size_t f, i;

	*nl = false;
	for (f = 0; f < HL_ARRAY_SIZE(fns); f++) {
		size_t k = strlen(fns[f]);
		for (i = 0; i + k < n; i++) {
			int v = 0;
			size_t j;

			if (s[i] != fns[f][0] || memcmp(s + i, fns[f], k) ||
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
			*nl = f == 0;
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
			return HL_ACT_ASSIGN;
	}
	if (calls(p, n, "include") || calls(p, n, "template") ||
	    calls(p, n, "toYaml") || calls(p, n, "tpl"))
		return HL_ACT_EMIT;
	return HL_ACT_VALUE;
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

/* Does the line text before @p (from @ls) end in a mapping key's ':'
 * and blanks? "  labels: " before "{{- include … | nindent 4 }}". */
static bool after_key_colon(const char *s, size_t ls, size_t p)
{
	while (p > ls && blank(s[p - 1]))
		p--;
	if (p == ls || s[p - 1] != ':')
		return false;
	p--;
	while (p > ls && blank(s[p - 1]))
		p--;
	return p > ls;
}

/* Is [p, le) blank but for actions (those after action @k)? */
static bool rest_only_actions(const struct hl_mask *m, const char *s,
			      size_t p, size_t le, size_t k)
{
	for (k++; p < le; p++) {
		while (k < m->nactions && m->actions[k].span.end <= p)
			k++;
		if (k < m->nactions && m->actions[k].span.start <= p) {
			p = m->actions[k].span.end - 1;
			continue;
		}
		if (!blank(s[p]))
			return false;
	}
	return true;
}

/* Where an action's first and last lines are, and whether they hold
 * anything but blanks and actions: computed once per line, in order, so
 * that long lines with many actions stay linear. */
struct action_lines {
	size_t ls0, le0;	/* the line of span.start */
	size_t ls1, le1;	/* the line of span.end */
	bool only0, only1;
};

struct line_cursor {
	const char *s;
	size_t len;
	size_t pos;		/* scanned up to here */
	size_t ls, le;		/* the line of pos; le SIZE_MAX until known */
	size_t only_ls;		/* the line whose "only" is cached, or SIZE_MAX */
	bool only;
};

/* Move to @p (never backwards): each byte is looked at once. */
static void cursor_seek(struct line_cursor *c, size_t p)
{
	size_t i;

	for (i = p; i > c->pos; i--)
		if (c->s[i - 1] == '\n') {
			c->ls = i;
			c->le = SIZE_MAX;
			break;
		}
	c->pos = p;
}

static size_t cursor_le(struct line_cursor *c)
{
	if (c->le == SIZE_MAX)
		c->le = line_end(c->s, c->len, c->ls);
	return c->le;
}

/* Is the cursor's line blank but for actions? (@k touches it) */
static bool cursor_only(struct line_cursor *c, const struct hl_mask *m,
			size_t k)
{
	if (c->only_ls != c->ls) {
		c->only = line_only_actions(m, c->s, c->ls, cursor_le(c), k);
		c->only_ls = c->ls;
	}
	return c->only;
}

/*
 * Replace action @a line by line: '_' on a line with other text; on a line
 * of its own, a '#' then spaces, so YAML reads a comment (a line of spaces
 * alone would be an over-indented empty line at the start of a block
 * scalar, which YAML rejects); newlines stay. Lines in the middle of the
 * action hold nothing else.
 */
/* A comment action that ends its line: it prints nothing, so it becomes a
 * YAML comment and leaves the value before it alone. */
static bool comment_at_eol(const struct hl_action *a, const char *s,
			   size_t len)
{
	size_t p = a->span.end;

	if (a->kind != HL_ACT_COMMENT)
		return false;
	while (p < len && blank(s[p]))
		p++;
	return p == len || s[p] == '\n';
}

static void blank_action(const struct hl_action *a,
			 const struct action_lines *li, const char *s,
			 size_t len, char *dst)
{
	size_t p = a->span.start, le = li->le0;
	bool first = true, tail = a->tail || comment_at_eol(a, s, len);

	while (p < a->span.end) {
		size_t stop = le < a->span.end ? le : a->span.end, i;
		bool only = first ? li->only0 :
			stop == a->span.end ? li->only1 : true;
		char fill = (first && tail) || only ? ' ' : '_';

		for (i = p; i < stop; i++)
			dst[i] = s[i] == '\r' ? '\r' : fill;
		if (first && tail && p > 0)
			/* "key: #…": the rest of the line is a comment, and the
			 * key's value is on the lines below */
			dst[p + !blank(s[p - 1])] = '#';
		else if (first && fill == ' ' && p < stop)
			dst[p] = '#';
		p = stop + 1;
		first = false;
		if (p < a->span.end)
			le = line_end(s, len, p);
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

static struct hl_arm *open_arm(struct scan *sc, struct hl_span head,
			       int block, int arm, int parent, bool range)
{
	struct hl_mask *m = sc->m;
	struct hl_arm *a;

	HL_GROW(m->arms, m->narms + 1, sc->alloc_arms);
	a = &m->arms[m->narms++];
	a->head = head;
	a->span.start = head.end;
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
			/* nothing of a define body prints here */
			a->kind = a->kind == HL_ACT_COMMENT ? HL_ACT_COMMENT :
				HL_ACT_ASSIGN;
			a->tail = false;
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
			open_arm(sc, a->span, blocks++, 0,
				 top >= 0 ? top : -1, a->kind == HL_ACT_RANGE);
			stack[depth++] = (int)m->narms - 1;
			break;
		case HL_ACT_ELSE:
			if (top < 0)
				break;
			m->arms[top].span.end = a->span.start;
			open_arm(sc, a->span, m->arms[top].block,
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

/* Did masking blank line [ls, le) (only blanks and '#' left where the
 * source had text)? A literal comment line is not masked. */
static bool masked_line(const char *src, const char *dst, size_t ls,
			size_t le)
{
	bool changed = false;
	size_t i;

	for (i = ls; i < le; i++) {
		if (!blank(dst[i]) && dst[i] != '#')
			return false;
		if (dst[i] != src[i])
			changed = true;
	}
	return changed;
}

static bool blank_line(const char *dst, size_t ls, size_t le)
{
	for (; ls < le; ls++)
		if (!blank(dst[ls]))
			return false;
	return true;
}

static int indent_at(const char *dst, size_t ls, size_t le)
{
	size_t p = ls;

	while (p < le && dst[p] == ' ')
		p++;
	return (int)(p - ls);
}

/*
 * Does masked line [ls, le) open a block scalar ("key: |", "- >-",
 * "run.sh: |2")? Sets *@parent to the column its content must exceed,
 * and *@content to the content column an indentation indicator gives,
 * else -1.
 */
static bool block_header(const char *dst, size_t ls, size_t le, int *parent,
			 int *content)
{
	size_t i, j, k, q;
	char quote = 0;
	int digit = -1;

	for (i = ls; i < le; i++) {
		char c = dst[i];

		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if (c == '#' && i > ls && blank(dst[i - 1]))
			return false;	/* a comment */
		if ((c != '|' && c != '>') || i == ls || !blank(dst[i - 1]))
			continue;
		/* indicators, then blanks, then the end or a comment */
		for (j = i + 1; j < le && j < i + 3 &&
		     (dst[j] == '-' || dst[j] == '+' ||
		      isdigit((unsigned char)dst[j])); j++)
			if (isdigit((unsigned char)dst[j]))
				digit = dst[j] - '0';
		for (k = j; k < le && blank(dst[k]); k++)
			;
		if (k < le && !(dst[k] == '#' && k > j))
			return false;
		/* after "key:" or a sequence entry's "-" */
		for (k = i; k > ls && blank(dst[k - 1]); k--)
			;
		if (k == ls || (dst[k - 1] != ':' && dst[k - 1] != '-'))
			return false;
		q = ls + (size_t)indent_at(dst, ls, le);
		if (dst[k - 1] == ':')
			/* the key's column, past "- " entries */
			while (q + 1 < le && dst[q] == '-' && dst[q + 1] == ' ')
				for (q++; q < le && dst[q] == ' '; q++)
					;
		else
			q = k - 1;
		*parent = (int)(q - ls);
		*content = digit > 0 ? *parent + digit : -1;
		return true;
	}
	return false;
}

/*
 * An action line inside a block scalar ("{{- if .x }}" at column 0 in a
 * script) must not end it: while the block goes on below, such a line
 * becomes a line of its content ('#' at the content column when the line
 * is that long, else blanks), not a comment that ends the scalar.
 */
static void block_scalars(const char *src, char *dst, size_t len)
{
	size_t ls = 0, ahead = 0;
	bool in = false, goes_on = false;
	int parent = 0, content = -1, next_content = -1;

	while (ls < len) {
		size_t le = line_end(dst, len, ls);

		if (in && masked_line(src, dst, ls, le)) {
			if (ls >= ahead) {
				/* the first literal line below: is it still
				 * in the block? */
				size_t p = le < len ? le + 1 : len, pe;

				for (; p < len; p = pe + 1) {
					pe = line_end(dst, len, p);
					if (!blank_line(dst, p, pe) &&
					    !masked_line(src, dst, p, pe))
						break;
				}
				ahead = p < len ? p : len;
				goes_on = false;
				if (p < len) {
					int ind = indent_at(dst, p, line_end(dst, len, p));
					goes_on = ind > parent &&
						  (content < 0 || ind >= content);
					next_content = content >= 0 ? content : ind;
				}
			}
			if (goes_on) {
				size_t i;

				for (i = ls; i < le; i++)
					if (dst[i] != '\r')
						dst[i] = ' ';
				if (ls + (size_t)next_content < le &&
				    dst[ls + next_content] != '\r')
					dst[ls + next_content] = '#';
			}
			ls = le + 1;
			continue;
		}
		if (in && !blank_line(dst, ls, le)) {
			int ind = indent_at(dst, ls, le);

			if (ind > parent && (content < 0 || ind >= content)) {
				if (content < 0)
					content = ind;
				ls = le + 1;
				continue;
			}
			in = false;
		}
		if (!in && block_header(dst, ls, le, &parent, &content)) {
			in = true;
			ahead = 0;
		}
		ls = le + 1;
	}
}

void hl_mask(const char *src, size_t len, char *dst, struct hl_mask *m)
{
	struct scan sc = { src, len, m, 0, 0 };
	struct line_cursor cur = { src, len, 0, 0, SIZE_MAX, SIZE_MAX, false };
	size_t p = 0, k;

	memset(m, 0, sizeof(*m));
	memcpy(dst, src, len);
	while (p + 1 < len) {
		const char *o = memchr(src + p, '{', len - p - 1);
		struct hl_action *a;
		bool closed, nl;
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
		a->column = indent_arg(src + q, end - q, &nl);
		a->tail = nl && closed && (a->kind == HL_ACT_EMIT ||
					   a->kind == HL_ACT_VALUE);
		p = end;
	}
	for (k = 0; k < m->nactions; k++) {
		struct hl_action *a = &m->actions[k];
		struct action_lines li;

		cursor_seek(&cur, a->span.start);
		li.ls0 = cur.ls;
		li.le0 = cursor_le(&cur);
		li.only0 = cursor_only(&cur, m, k);
		cursor_seek(&cur, a->span.end);
		li.ls1 = cur.ls;
		li.le1 = cursor_le(&cur);
		li.only1 = cursor_only(&cur, m, k);
		a->alone = li.only0 && li.only1;
		if (a->column < 0) {
			/* its own indentation */
			size_t q = li.ls0;

			while (q < a->span.start && src[q] == ' ')
				q++;
			a->column = (int)(q - li.ls0);
		}
		if (a->tail)
			a->tail = !a->alone &&
				after_key_colon(src, li.ls0, a->span.start) &&
				rest_only_actions(m, src, a->span.end, li.le1, k);
		blank_action(a, &li, src, len, dst);
	}
	structure(&sc, dst);
	if (m->nactions)
		block_scalars(src, dst, len);
}

void hl_mask_release(struct hl_mask *m)
{
	free(m->actions);
	free(m->arms);
	memset(m, 0, sizeof(*m));
}

const struct hl_action *hl_mask_action_from(const struct hl_mask *m,
					    size_t off)
{
	size_t lo = 0, hi = m->nactions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->actions[mid].span.start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nactions ? &m->actions[lo] : NULL;
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
	size_t lo = 0, hi = m->narms;
	int a;

	/* the last arm that starts at or before @off; arms nest, so when it
	 * has ended before @off the innermost arm holding @off is one of
	 * its ancestors */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->arms[mid].span.start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (a = (int)lo - 1; a >= 0; a = m->arms[a].parent)
		if (off < m->arms[a].span.end)
			return a;
	return -1;
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
