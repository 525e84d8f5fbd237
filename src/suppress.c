/* SPDX-License-Identifier: MIT */
/* suppress.c - inline suppression comments: find, apply, report HL902 */
#include "suppress.h"
#include "engine.h"
#include "mask.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define ID_ALL HL_RULE_MAX
#define ID_UNKNOWN (HL_RULE_MAX + 1)
#define NO_BLOCK (-2)
#define NONE SIZE_MAX

struct sid {
	struct hl_span span;
	unsigned rule;		/* enum hl_rule_id, ID_ALL or ID_UNKNOWN */
	bool used;
};

struct dir {
	bool file;		/* disable-file */
	const char *why;	/* malformed: what is wrong; it has no IDs */
	size_t target;		/* line form: start of the line it covers */
	unsigned long target_line;
	size_t section;		/* the document it stands in */
	struct hl_span at;	/* "hooklint disable..." */
	struct hl_span removal;	/* what deleting the whole comment removes */
	size_t first, n;	/* its IDs */
};

/* A document of the stream (Helm's split) and its "# Source:" path. */
struct section {
	size_t start;
	const char *source;	/* not terminated; NULL when none */
	size_t source_len;
};

/* A Go template comment of a template source. */
struct tcomment {
	struct hl_span span;	/* "{{" .. "}}" */
	size_t assoc;		/* the line it belongs to */
	bool alone;		/* a comment line of its own */
};

enum line_class { BLANK, COMMENT, CONTENT };

struct scan {
	const char *raw;	/* the file */
	const char *view;	/* what YAML sees: the file, or a masked copy */
	size_t len;
	bool tpl;
	struct dir *dirs;
	size_t ndirs, dirs_alloc;
	struct sid *ids;
	size_t nids, ids_alloc;
	struct section *secs;
	size_t nsecs, secs_alloc;
	size_t *pending;	/* directives waiting for the line they cover */
	size_t npending, pending_alloc;
	struct tcomment *tc;
	size_t ntc, tc_alloc;
	/* YAML state carried from line to line */
	int block;		/* a block scalar's parent indent, or NO_BLOCK */
	char quote;		/* inside a quoted scalar */
	int flow;		/* flow collection depth */
	bool plain_open;	/* a plain scalar may go on ... */
	int plain_n;		/* ... on lines indented more than this */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* --- finding comments -------------------------------------------------- */

static void add_dir(struct scan *s, const struct dir *d)
{
	HL_GROW(s->dirs, s->ndirs + 1, s->dirs_alloc);
	s->dirs[s->ndirs++] = *d;
}

static void add_id(struct scan *s, size_t start, size_t end, const char *b)
{
	struct sid *id;

	HL_GROW(s->ids, s->nids + 1, s->ids_alloc);
	id = &s->ids[s->nids++];
	id->span.start = start;
	id->span.end = end;
	id->used = false;
	if (end - start == 3 && !strncasecmp(b + start, "all", 3)) {
		id->rule = ID_ALL;
	} else {
		enum hl_rule_id r = hl_rule_lookup(b + start, end - start);
		id->rule = r == HL_RULE_MAX ? ID_UNKNOWN : (unsigned)r;
	}
}

/*
 * Parse the comment text [p, end) of @b (after "#", or inside a template
 * comment) as "hooklint disable[-file]=ID[,ID...] [-- reason]". Adds a
 * directive to @s and returns its index, or NONE when the comment is no
 * directive at all. A comment that starts like one but does not follow
 * the syntax becomes a malformed directive (HL902 reports it).
 */
static size_t parse_directive(struct scan *s, const char *b, size_t p,
			      size_t end, bool tpl_comment, struct dir *d)
{
	size_t q;

	/* a template comment may span lines */
	while (end > p && (is_blank(b[end - 1]) || b[end - 1] == '\n'))
		end--;
	while (p < end && (is_blank(b[p]) || b[p] == '\n'))
		p++;
	if (tpl_comment && p < end && b[p] == '#')
		for (p++; p < end && is_blank(b[p]); p++)
			;
	if (end - p < 9 || memcmp(b + p, "hooklint", 8) || !is_blank(b[p + 8]))
		return NONE;
	d->at.start = p;
	d->at.end = end;
	for (q = p + 8; q < end && is_blank(b[q]); q++)
		;
	if (end - q < 7 || memcmp(b + q, "disable", 7))
		return NONE;
	q += 7;
	if (end - q >= 5 && !memcmp(b + q, "-file", 5)) {
		d->file = true;
		q += 5;
	}
	if (q < end && is_id_char(b[q]))
		return NONE;	/* "disabled", ...: prose */
	d->first = s->nids;
	if (q == end || b[q] != '=') {
		d->why = "expected '=' and rule IDs after 'disable'";
		goto out;
	}
	for (q++;;) {
		size_t start;

		while (q < end && is_blank(b[q]))
			q++;
		start = q;
		/* "--" after a blank starts the reason */
		while (q < end && is_id_char(b[q]) &&
		       !(q == start && b[q] == '-' && q + 1 < end &&
			 b[q + 1] == '-'))
			q++;
		if (q == start) {
			d->why = "expected a rule ID, a rule name or 'all'";
			break;
		}
		add_id(s, start, q, b);
		while (q < end && is_blank(b[q]))
			q++;
		if (q < end && b[q] == ',') {
			q++;
			continue;
		}
		if (q < end && !(end - q >= 2 && b[q] == '-' && b[q + 1] == '-' &&
				 is_blank(b[q - 1])))
			d->why = "text after the rule IDs must follow ' -- '";
		break;
	}
out:
	if (d->why)
		s->nids = d->first;	/* a malformed comment suppresses nothing */
	d->n = s->nids - d->first;
	d->target = NONE;
	d->section = s->nsecs - 1;
	add_dir(s, d);
	return s->ndirs - 1;
}

/* Offset of the quote closing a scalar quoted with @q, from @i on the
 * line ending at @eol, or NONE. */
static size_t close_quote(const char *b, size_t i, size_t eol, char q)
{
	while (i < eol) {
		if (q == '"' && b[i] == '\\') {
			i += 2;
			continue;
		}
		if (b[i] == q) {
			if (q == '\'' && i + 1 < eol && b[i + 1] == '\'') {
				i += 2;
				continue;
			}
			return i;
		}
		i++;
	}
	return NONE;
}

/*
 * Read line [p, eol) of the view the way a YAML scanner would, just far
 * enough to know where comments are: a "#" starts one only at the start
 * of a line or after a blank, and never inside a quoted scalar (which may
 * span lines) or a block scalar (the lines indented more than the node
 * that holds its "|" or ">"). When in doubt the line counts as content:
 * missing a suppression is better than reading one inside a string.
 * Stores the comment's "#" in @hash (or NONE).
 */
static enum line_class scan_line(struct scan *s, size_t p, size_t eol,
				 size_t *hash)
{
	const char *b = s->view;
	size_t i = p, first;
	int indent, key_col = -1, dash_col = -1;
	bool at_start = true, colon = false, content = false;
	bool last_plain = false, prev_blank = true, header = false;
	bool cont = false;

	*hash = NONE;
	while (i < eol && b[i] == ' ')
		i++;
	indent = (int)(i - p);
	while (i < eol && is_blank(b[i]))
		i++;
	first = i;
	if (s->block != NO_BLOCK) {
		if (first == eol)
			return BLANK;
		if (indent > s->block)
			return CONTENT;
		s->block = NO_BLOCK;
	}
	if (s->quote) {
		size_t q = close_quote(b, p, eol, s->quote);

		if (q == NONE)
			return CONTENT;
		s->quote = 0;
		i = q + 1;
		at_start = false;
		prev_blank = false;
		content = true;
		cont = true;
	} else if (first == eol) {
		return BLANK;
	} else if (s->plain_open && b[first] != '#' && indent > s->plain_n) {
		/* the next line of a multi-line plain scalar */
		at_start = false;
		cont = true;
	} else {
		s->plain_open = false;
	}
	while (i < eol) {
		char c = b[i];
		int col = (int)(i - p);

		if (is_blank(c)) {
			prev_blank = true;
			i++;
			continue;
		}
		if (c == '#' && prev_blank) {
			*hash = i;
			break;
		}
		prev_blank = false;
		if (at_start && !s->flow && (c == '-' || c == '?') &&
		    (i + 1 == eol || is_blank(b[i + 1]))) {
			dash_col = col;
			content = true;
			i++;
			continue;
		}
		if (at_start && (c == '"' || c == '\'')) {
			size_t q = close_quote(b, i + 1, eol, c);

			if (key_col < 0 && !colon)
				key_col = col;
			content = true;
			last_plain = false;
			if (q == NONE) {
				s->quote = c;
				break;
			}
			i = q + 1;
			at_start = false;
			continue;
		}
		if (at_start && !s->flow && (c == '|' || c == '>')) {
			size_t j = i + 1;

			while (j < eol && (isdigit((unsigned char)b[j]) ||
					   b[j] == '+' || b[j] == '-'))
				j++;
			if (j == eol || is_blank(b[j])) {
				header = true;
				content = true;
				last_plain = false;
				at_start = false;
				i = j;
				continue;
			}
		}
		if (at_start && (c == '&' || c == '!' || c == '*')) {
			/* anchor, tag or alias */
			while (i < eol && !is_blank(b[i]) &&
			       !(s->flow && strchr(",[]{}", b[i])))
				i++;
			content = true;
			if (c == '*') {
				at_start = false;
				last_plain = false;
			}
			continue;
		}
		if (at_start && (c == '[' || c == '{')) {
			if (key_col < 0 && !colon)
				key_col = col;
			s->flow++;
			content = true;
			last_plain = false;
			i++;
			continue;
		}
		if (s->flow && (c == ']' || c == '}' || c == ',')) {
			if (c != ',')
				s->flow--;
			at_start = c == ',';
			last_plain = false;
			content = true;
			i++;
			continue;
		}
		if (c == ':' && (i + 1 == eol || is_blank(b[i + 1]) ||
				 (s->flow && strchr(",[]{}", b[i + 1])))) {
			colon = true;
			at_start = true;
			last_plain = false;
			content = true;
			i++;
			continue;
		}
		/* a character of a plain scalar */
		if (at_start && key_col < 0 && !colon)
			key_col = col;
		at_start = false;
		last_plain = true;
		content = true;
		i++;
	}
	if (header)	/* its lines are those indented more than its node */
		s->block = colon && key_col >= 0 ? key_col :
			   dash_col >= 0 ? dash_col : -1;
	if (s->quote || s->flow || !last_plain) {
		s->plain_open = false;
	} else if (!cont) {
		s->plain_open = true;
		s->plain_n = colon && key_col >= 0 ? key_col :
			     dash_col >= 0 ? dash_col : indent - 1;
	}
	return content ? CONTENT : *hash != NONE ? COMMENT : BLANK;
}

static void push_section(struct scan *s, size_t start)
{
	struct section *sec;

	HL_GROW(s->secs, s->nsecs + 1, s->secs_alloc);
	sec = &s->secs[s->nsecs++];
	sec->start = start;
	sec->source = NULL;
	sec->source_len = 0;
}

/* "# Source: path" at the start of a line: the document's template, the
 * way split.c reads it. */
static void source_comment(struct scan *s, size_t p, size_t eol)
{
	static const char tag[] = "# Source: ";
	struct section *sec = &s->secs[s->nsecs - 1];
	size_t n = sizeof(tag) - 1;

	if (sec->source || eol - p <= n || memcmp(s->raw + p, tag, n))
		return;
	while (eol > p + n && is_blank(s->raw[eol - 1]))
		eol--;
	sec->source = s->raw + p + n;
	sec->source_len = eol - p - n;
}

/* Directives waiting on comment lines get the line below them, or none
 * when a blank line or the end of the document comes first. */
static void resolve_pending(struct scan *s, size_t target, unsigned long line)
{
	size_t i;

	for (i = 0; i < s->npending; i++) {
		s->dirs[s->pending[i]].target = target;
		s->dirs[s->pending[i]].target_line = line;
	}
	s->npending = 0;
}

static void line_dir(struct scan *s, size_t d, enum line_class c, size_t p,
		     unsigned long line)
{
	if (d == NONE || s->dirs[d].file || s->dirs[d].why)
		return;
	if (c == CONTENT) {
		s->dirs[d].target = p;
		s->dirs[d].target_line = line;
	} else {
		HL_GROW(s->pending, s->npending + 1, s->pending_alloc);
		s->pending[s->npending++] = d;
	}
}

static size_t line_start(const char *b, size_t off)
{
	while (off > 0 && b[off - 1] != '\n')
		off--;
	return off;
}

static size_t line_end(const char *b, size_t len, size_t off)
{
	const char *nl = memchr(b + off, '\n', len - off);

	return nl ? (size_t)(nl - b) : len;
}

static bool raw_blank(const char *b, size_t a, size_t e)
{
	for (; a < e; a++)
		if (!is_blank(b[a]))
			return false;
	return true;
}

/* Whether [a, b) holds only blanks in the view. */
static bool view_blank(const struct scan *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!is_blank(s->view[a]))
			return false;
	return true;
}

/* The Go template comments of a template source, with the line each
 * belongs to: its own last line when it stands alone, else the line it
 * shares with text. */
static void find_tcomments(struct scan *s, const struct hl_mask *m)
{
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		const struct hl_action *a = &m->actions[i];
		struct tcomment *t;
		size_t ls, le;

		if (a->kind != HL_ACT_COMMENT || a->span.end < a->span.start + 4)
			continue;
		HL_GROW(s->tc, s->ntc + 1, s->tc_alloc);
		t = &s->tc[s->ntc++];
		t->span = a->span;
		ls = line_start(s->raw, a->span.start);
		le = line_start(s->raw, a->span.end - 1);
		t->alone = a->alone;	/* blanks and actions only */
		/* a trailing comment belongs to the line of the text before
		 * it; one before text, to the line of that text */
		if (t->alone || view_blank(s, ls, a->span.start))
			t->assoc = le;
		else
			t->assoc = ls;
	}
}

/* The text of a template comment, between its comment markers. */
static size_t tcomment_dir(struct scan *s, const struct tcomment *t)
{
	const char *b = s->raw;
	size_t a = t->span.start + 2, e = t->span.end - 2;
	struct dir d;
	size_t ls, le;

	if (a < e && b[a] == '-')
		for (a++; a < e && is_blank(b[a]); a++)
			;
	if (e > a && b[e - 1] == '-')
		for (e--; e > a && is_blank(b[e - 1]); e--)
			;
	if (e - a < 4 || memcmp(b + a, "/*", 2) || memcmp(b + e - 2, "*/", 2))
		return NONE;
	memset(&d, 0, sizeof(d));
	d.removal = t->span;
	/* nothing else on its lines: remove them too */
	ls = line_start(b, t->span.start);
	le = line_end(b, s->len, t->span.end);
	if (raw_blank(b, ls, t->span.start) && raw_blank(b, t->span.end, le)) {
		d.removal.start = ls;
		d.removal.end = le < s->len ? le + 1 : le;
	}
	return parse_directive(s, b, a + 2, e - 2, true, &d);
}

static void scan(struct scan *s)
{
	size_t p = 0, ci = 0, ai = 0, cover_end = 0;
	unsigned long line = 0;

	s->block = NO_BLOCK;
	push_section(s, 0);
	while (p < s->len) {
		const char *nl = memchr(s->view + p, '\n', s->len - p);
		size_t eol = nl ? (size_t)(nl - s->view) : s->len;
		size_t next = nl ? eol + 1 : s->len, hash = NONE;
		size_t here[8], nhere = 0, k;
		enum line_class c;

		line++;
		if (eol - p >= 3 && !memcmp(s->view + p, "---", 3)) {
			/* Helm's document split: nothing carries over */
			resolve_pending(s, NONE, 0);
			s->block = NO_BLOCK;
			s->quote = 0;
			s->flow = 0;
			s->plain_open = false;
			push_section(s, p);
			c = BLANK;
		} else {
			if (s->raw[p] == '#')
				source_comment(s, p, eol);
			c = scan_line(s, p, eol, &hash);
		}
		/* lines of a template comment standing alone are comment
		 * lines, not blank ones */
		for (; ci < s->ntc && s->tc[ci].span.start < next; ci++)
			if (s->tc[ci].alone && s->tc[ci].span.end > cover_end)
				cover_end = s->tc[ci].span.end;
		if (c == BLANK && p < cover_end)
			c = COMMENT;
		if (hash != NONE) {
			struct dir d;

			memset(&d, 0, sizeof(d));
			if (c == COMMENT) {
				d.removal.start = p;
				d.removal.end = next;
			} else {
				d.removal.start = hash;
				while (d.removal.start > p &&
				       is_blank(s->view[d.removal.start - 1]))
					d.removal.start--;
				d.removal.end = eol;
				while (d.removal.end > hash &&
				       s->view[d.removal.end - 1] == '\r')
					d.removal.end--;
			}
			here[nhere] = parse_directive(s, s->view, hash + 1, eol,
						      false, &d);
			nhere += here[nhere] != NONE;
		}
		for (; ai < s->ntc && s->tc[ai].assoc == p; ai++) {
			size_t d = tcomment_dir(s, &s->tc[ai]);

			if (!s->tc[ai].alone)
				c = CONTENT;
			else if (c == BLANK)
				c = COMMENT;
			if (d != NONE && nhere < HL_ARRAY_SIZE(here))
				here[nhere++] = d;
		}
		if (c == CONTENT)
			resolve_pending(s, p, line);
		else if (c == BLANK)
			resolve_pending(s, NONE, 0);
		for (k = 0; k < nhere; k++)
			line_dir(s, here[k], c, p, line);
		p = next;
	}
	resolve_pending(s, NONE, 0);
}

/* --- applying them ----------------------------------------------------- */

static size_t section_at(const struct scan *s, size_t off)
{
	size_t lo = 0, hi = s->nsecs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->secs[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Does a disable-file directive standing in section @ds cover @sec? */
static bool same_scope(const struct scan *s, size_t ds, size_t sec)
{
	const struct section *a = &s->secs[ds], *b = &s->secs[sec];

	if (s->tpl || !a->source)
		return true;
	return b->source && a->source_len == b->source_len &&
	       !memcmp(a->source, b->source, a->source_len);
}

/* Does directive @d name @rule (or "all", unless @explicit_only)? Marks
 * the IDs that do as used. */
static bool covers(struct scan *s, const struct dir *d, unsigned rule,
		   bool explicit_only)
{
	bool hit = false;
	size_t i;

	for (i = d->first; i < d->first + d->n; i++) {
		struct sid *id = &s->ids[i];

		if (id->rule == rule || (!explicit_only && id->rule == ID_ALL)) {
			id->used = true;
			hit = true;
		}
	}
	return hit;
}

static int cmp_target(const void *a, const void *b, void *arg)
{
	const struct scan *s = arg;
	size_t x = s->dirs[*(const size_t *)a].target;
	size_t y = s->dirs[*(const size_t *)b].target;

	return x < y ? -1 : x > y;
}

struct lookup {
	struct scan *s;
	size_t *by_line;	/* line directives, by target */
	size_t nline;
	size_t *files;		/* disable-file directives */
	size_t nfiles;
};

/* Is a finding of @rule at @off suppressed? */
static bool suppressed(struct lookup *lk, size_t off, unsigned rule,
		       bool explicit_only)
{
	struct scan *s = lk->s;
	size_t line = line_start(s->raw, off), sec = section_at(s, off);
	size_t lo = 0, hi = lk->nline, i;
	bool hit = false;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->dirs[lk->by_line[mid]].target < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < lk->nline && s->dirs[lk->by_line[i]].target == line; i++)
		hit |= covers(s, &s->dirs[lk->by_line[i]], rule, explicit_only);
	for (i = 0; i < lk->nfiles; i++)
		if (same_scope(s, s->dirs[lk->files[i]].section, sec))
			hit |= covers(s, &s->dirs[lk->files[i]], rule,
				      explicit_only);
	return hit;
}

/* Would rule @r have run at all? Disabled rules and rules of another
 * target (HL7xx) make no unused suppressions. */
static bool rule_runs(const struct hl_opts *o, unsigned r)
{
	return r >= HL_RULE_MAX || (o->severity[r] != HL_SEV_OFF &&
				    hl_rule_in_target(o->target, r));
}

struct unused {
	size_t dir, id;		/* id: NONE for a malformed comment */
};

enum fix {
	FIX_NONE,
	FIX_COMMENT,		/* remove the whole comment */
	FIX_ID,			/* remove the ID and a comma next to it */
};

static void report_one(const struct hl_opts *o, struct hl_report *r,
		       struct scan *s, size_t file, const struct unused *u,
		       enum fix fix)
{
	const struct dir *d = &s->dirs[u->dir];
	const struct section *sec = &s->secs[d->section];
	const struct sid *id = u->id != NONE ? &s->ids[u->id] : NULL;
	char *source = sec->source && !s->tpl ?
		xstrndup(sec->source, sec->source_len) : NULL;
	struct hl_finding *f;
	struct hl_ctx ctx;
	char *what = NULL;

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = o;
	ctx.report = r;
	ctx.file = file;
	ctx.buf = s->raw;
	ctx.len = s->len;
	ctx.source = source;
	if (!id) {
		f = hl_report(&ctx, HL_RULE_HL902, d->at, "malformed hooklint "
			      "comment: %s; it suppresses nothing", d->why);
		hl_finding_help(f, "write '# hooklint disable=ID[,ID...] "
				"[-- reason]' or '# hooklint "
				"disable-file=ID[,ID...]'");
	} else {
		what = xstrndup(s->raw + id->span.start,
				id->span.end - id->span.start);
		if (id->rule == ID_UNKNOWN) {
			f = hl_report(&ctx, HL_RULE_HL902, id->span, "unknown "
				      "rule '%s' in a suppression comment: it "
				      "suppresses nothing", what);
			hl_finding_help(f, "use a rule ID or name from "
					"'hooklint --list-rules', or 'all'");
		} else if (d->file) {
			f = hl_report(&ctx, HL_RULE_HL902, id->span, "unused "
				      "suppression: no %s finding in %s", what,
				      source ? "the documents of this template" :
				      "this file");
			hl_finding_help(f, "remove '%s' from the comment", what);
		} else if (d->target == NONE) {
			f = hl_report(&ctx, HL_RULE_HL902, id->span, "unused "
				      "suppression: the comment covers no line "
				      "(a blank line or the end of the document "
				      "follows it)");
			hl_finding_help(f, "put it at the end of the offending "
					"line or on the line above it");
		} else {
			f = hl_report(&ctx, HL_RULE_HL902, id->span, "unused "
				      "suppression: no %s finding on line %lu",
				      what, d->target_line);
			hl_finding_help(f, "remove '%s' from the comment", what);
		}
	}
	if (fix == FIX_COMMENT) {
		hl_finding_edit(f, d->removal, "");
	} else if (fix == FIX_ID) {
		struct hl_span cut = id->span;

		if (u->id + 1 < d->first + d->n)
			cut.end = s->ids[u->id + 1].span.start;
		else
			cut.start = s->ids[u->id - 1].span.end;
		hl_finding_edit(f, cut, "");
	}
	free(what);
	free(source);
}

static void add_unused(struct unused **u, size_t *n, size_t *alloc,
		       size_t dir, size_t id)
{
	HL_GROW(*u, *n + 1, *alloc);
	(*u)[(*n)++] = (struct unused){ dir, id };
}

static void report_unused(const struct hl_opts *o, struct hl_report *r,
			  struct scan *s, struct lookup *lk, size_t file)
{
	struct unused *u = NULL;
	size_t nu = 0, alloc = 0, i, j, k;

	/* everything but HL902's own IDs, which may silence the rest */
	for (i = 0; i < s->ndirs; i++) {
		const struct dir *d = &s->dirs[i];

		if (d->why)
			add_unused(&u, &nu, &alloc, i, NONE);
		for (j = d->first; j < d->first + d->n; j++)
			if (!s->ids[j].used && s->ids[j].rule != HL_RULE_HL902 &&
			    rule_runs(o, s->ids[j].rule))
				add_unused(&u, &nu, &alloc, i, j);
	}
	for (i = k = 0; i < nu; i++) {
		const struct dir *d = &s->dirs[u[i].dir];
		size_t at = u[i].id == NONE ? d->at.start :
			    s->ids[u[i].id].span.start;

		if (!suppressed(lk, at, HL_RULE_HL902, true))
			u[k++] = u[i];
	}
	nu = k;
	for (i = 0; i < s->ndirs; i++)
		for (j = s->dirs[i].first; j < s->dirs[i].first + s->dirs[i].n; j++)
			if (s->ids[j].rule == HL_RULE_HL902 && !s->ids[j].used &&
			    rule_runs(o, HL_RULE_HL902))
				add_unused(&u, &nu, &alloc, i, j);
	for (i = 0; i < nu; i++) {
		const struct dir *d = &s->dirs[u[i].dir];
		size_t same = 0, earlier = 0;
		enum fix fix = FIX_NONE;

		for (j = 0; j < nu; j++) {
			same += u[j].dir == u[i].dir;
			earlier += j < i && u[j].dir == u[i].dir;
		}
		if ((d->why || same == d->n) && !earlier)
			fix = FIX_COMMENT;	/* on the first of them only */
		else if (same == 1 && d->n > 1)
			fix = FIX_ID;		/* several would overlap */
		report_one(o, r, s, file, &u[i], fix);
	}
	free(u);
}

void hl_suppress_apply(const struct hl_opts *o, struct hl_report *r,
		       size_t first, size_t file, const char *buf, size_t len,
		       bool tpl)
{
	struct scan s;
	struct lookup lk;
	struct hl_mask mask;
	char *masked = NULL;
	size_t i, n;

	if (!buf || !len || !memmem(buf, len, "hooklint", 8))
		return;
	memset(&s, 0, sizeof(s));
	memset(&lk, 0, sizeof(lk));
	s.raw = s.view = buf;
	s.len = len;
	s.tpl = tpl;
	if (tpl) {
		masked = xmalloc(len + 1);
		hl_mask(buf, len, masked, &mask);
		masked[len] = '\0';
		s.view = masked;
		find_tcomments(&s, &mask);
		hl_mask_release(&mask);
	}
	scan(&s);
	if (!s.ndirs)
		goto out;
	lk.s = &s;
	lk.by_line = xmalloc(s.ndirs * sizeof(*lk.by_line));
	lk.files = xmalloc(s.ndirs * sizeof(*lk.files));
	for (i = 0; i < s.ndirs; i++) {
		if (s.dirs[i].why)
			continue;
		if (s.dirs[i].file)
			lk.files[lk.nfiles++] = i;
		else if (s.dirs[i].target != NONE)
			lk.by_line[lk.nline++] = i;
	}
	qsort_r(lk.by_line, lk.nline, sizeof(*lk.by_line), cmp_target, &s);
	for (i = n = first; i < r->nfindings; i++) {
		struct hl_finding *f = &r->findings[i];

		if (f->file == file && f->rule != HL_RULE_HL902 &&
		    suppressed(&lk, f->span.start, f->rule, false)) {
			hl_finding_release(f);
			continue;
		}
		r->findings[n++] = *f;
	}
	r->nfindings = n;
	report_unused(o, r, &s, &lk, file);
out:
	free(lk.by_line);
	free(lk.files);
	free(s.dirs);
	free(s.ids);
	free(s.secs);
	free(s.pending);
	free(s.tc);
	free(masked);
}
