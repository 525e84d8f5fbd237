/* SPDX-License-Identifier: MIT */
/* position.c - byte offsets to lines and columns, GitHub line hashes */
#include "position.h"

#include <stdlib.h>
#include <string.h>

/* The longest source line copied into a finding (bytes): enough for any
 * terminal, and bounded for minified single-line inputs. */
#define LINE_TEXT_MAX 4096

/* A forward-only walk over the buffer: the current line and column. */
struct cursor {
	const char *buf;
	size_t len;
	size_t off;		/* next byte to count */
	size_t line_start;
	size_t nl;		/* the '\n' ending this line, or len */
	unsigned long line, col, col16;
	const struct hl_line_mark *marks;	/* known line starts, or NULL */
	size_t nmarks;
};

static void cursor_line(struct cursor *c, size_t start)
{
	const char *p = memchr(c->buf + start, '\n', c->len - start);

	c->off = c->line_start = start;
	c->nl = p ? (size_t)(p - c->buf) : c->len;
	c->col = c->col16 = 1;
}

/*
 * Count the newlines of [from, to) and find the last one: eight bytes at
 * a time, since findings can be far apart in a large stream (a memchr a
 * line costs a call per line).
 */
static size_t count_newlines(const char *buf, size_t from, size_t to,
			     size_t *last)
{
	const uint64_t lows = 0x7f7f7f7f7f7f7f7full;
	const uint64_t nls = 0x0a0a0a0a0a0a0a0aull;
	size_t n = 0, p = from;

	while (p + 8 <= to) {
		uint64_t w, x, z;

		memcpy(&w, buf + p, 8);
		x = w ^ nls;
		/* 0x80 exactly where a byte of @x is zero (a newline) */
		z = ~(((x & lows) + lows) | x | lows);
		if (z) {
			/* one bit a newline: sum the bytes by multiplying */
			n += (size_t)(((z >> 7) * 0x0101010101010101ull) >> 56);
			/* little-endian: the highest marker is the last byte */
			*last = p + (size_t)(63 - __builtin_clzll(z)) / 8;
		}
		p += 8;
	}
	for (; p < to; p++)
		if (buf[p] == '\n') {
			n++;
			*last = p;
		}
	return n;
}

/* Move to @off (never backwards): O(bytes passed) in total. */
static void cursor_seek(struct cursor *c, size_t off)
{
	if (off > c->len)
		off = c->len;
	if (c->nl < off && c->nmarks) {
		/* jump to the last known line start at or before @off */
		size_t lo = 0, hi = c->nmarks;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->marks[mid].off <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo && c->marks[lo - 1].off > c->nl) {
			c->line = c->marks[lo - 1].line;
			cursor_line(c, c->marks[lo - 1].off);
		}
	}
	if (c->nl < off) {
		size_t last = c->nl;

		/* c->nl is the newline ending the current line */
		c->line += 1 + count_newlines(c->buf, c->nl + 1, off, &last);
		cursor_line(c, last + 1);
	}
	while (c->off < off) {
		size_t len;
		int32_t cp = hl_utf8_decode(c->buf + c->off, c->len - c->off, &len);

		c->col++;
		c->col16 += cp >= 0x10000 ? 2 : 1;
		c->off += len;
	}
}

static char *copy_line(const struct cursor *c)
{
	size_t end = c->nl, n;

	if (end > c->line_start && c->buf[end - 1] == '\r')
		end--;
	n = end - c->line_start;
	if (n > LINE_TEXT_MAX) {
		/* cut at a character boundary */
		n = LINE_TEXT_MAX;
		while (n && ((unsigned char)c->buf[c->line_start + n] & 0xc0)
			    == 0x80)
			n--;
	}
	return xstrndup(c->buf + c->line_start, n);
}

static int want_cmp(const void *a, const void *b)
{
	const struct hl_want *x = a, *y = b;

	return (x->off > y->off) - (x->off < y->off);
}

void hl_positions(const char *buf, size_t len, struct hl_want *w, size_t n,
		  const struct hl_line_mark *marks, size_t nmarks)
{
	struct cursor c = { .buf = buf, .len = len, .line = 1,
			    .marks = marks, .nmarks = nmarks };
	size_t i;

	if (!n)
		return;
	qsort(w, n, sizeof(*w), want_cmp);
	cursor_line(&c, 0);
	for (i = 0; i < n; i++) {
		cursor_seek(&c, w[i].off);
		w[i].pos->line = c.line;
		w[i].pos->col = c.col;
		w[i].pos->col16 = c.col16;
		if (w[i].line) {
			free(*w[i].line);
			*w[i].line = copy_line(&c);
		}
	}
}

/*
 * GitHub's primaryLocationLineHash (github/codeql-action
 * src/fingerprints.ts): a rolling hash, mod 2^64, over the 100 UTF-16
 * code units that follow the start of each line, spaces and tabs skipped,
 * CR and CRLF read as LF, an end-of-file marker then zeros; a line's value
 * is the hash in hex and how often that hash has occurred so far.
 */
#define BLOCK 100
#define HMOD 37u
#define HEOF 65535u

struct hasher {
	uint64_t window[BLOCK];
	unsigned long starts[BLOCK];	/* line starting at that slot, or 0 */
	uint64_t hash, first_mod;
	unsigned index;
	unsigned long line;
	bool line_start, prev_cr, done;
	/* called with each line's hash, in line order */
	void (*line_hash)(struct hasher *h, unsigned long line, uint64_t hash);
	void *data;
};

static void hasher_init(struct hasher *h,
			void (*fn)(struct hasher *, unsigned long, uint64_t),
			void *data)
{
	unsigned i;

	memset(h, 0, sizeof(*h));
	h->first_mod = 1;
	for (i = 0; i < BLOCK; i++)
		h->first_mod *= HMOD;
	h->line_start = true;
	h->line_hash = fn;
	h->data = data;
}

static void hasher_output(struct hasher *h)
{
	h->line_hash(h, h->starts[h->index], h->hash);
	h->starts[h->index] = 0;
}

static void hasher_update(struct hasher *h, uint64_t c)
{
	uint64_t begin = h->window[h->index];

	h->window[h->index] = c;
	h->hash = HMOD * h->hash + c - h->first_mod * begin;
	if (++h->index == BLOCK)
		h->index = 0;
}

static void hasher_unit(struct hasher *h, unsigned c)
{
	if (c == ' ' || c == '\t' || (h->prev_cr && c == '\n')) {
		h->prev_cr = false;
		return;
	}
	h->prev_cr = c == '\r';
	if (c == '\r')
		c = '\n';
	if (h->starts[h->index])
		hasher_output(h);
	if (h->line_start) {
		h->line_start = false;
		h->starts[h->index] = ++h->line;
	}
	if (c == '\n')
		h->line_start = true;
	hasher_update(h, c);
}

/* Feed @buf as UTF-16 code units, as Node.js decodes a UTF-8 file. */
static void hasher_run(struct hasher *h, const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;
	unsigned k;

	while (i < len && !h->done) {
		int32_t c;

		if (s[i] < 0x80) {
			hasher_unit(h, s[i++]);
			continue;
		}
		c = hl_utf8_decode(buf + i, len - i, &n);
		i += n;
		if (c < 0) {
			hasher_unit(h, 0xfffd);
		} else if (c >= 0x10000) {
			/* a surrogate pair, as JavaScript strings hold it */
			unsigned u = (unsigned)c - 0x10000;
			hasher_unit(h, 0xd800 + (u >> 10));
			hasher_unit(h, 0xdc00 + (u & 0x3ff));
		} else {
			hasher_unit(h, (unsigned)c);
		}
	}
	if (h->done)
		return;
	hasher_unit(h, HEOF);
	for (k = 0; k < BLOCK && !h->done; k++) {
		if (h->starts[h->index])
			hasher_output(h);
		hasher_update(h, 0);
	}
}

/* The wanted lines, and per wanted line its hash and occurrence count. */
struct line_query {
	const unsigned long *lines;
	size_t n, next;
	uint64_t *hashes;
	/* pass 2: open-addressing set of the wanted hashes with counts */
	uint64_t *keys;
	unsigned long *counts;
	bool *used;
	size_t mask;
	char **out;
};

static void first_pass(struct hasher *h, unsigned long line, uint64_t hash)
{
	struct line_query *q = h->data;

	while (q->next < q->n && q->lines[q->next] == line)
		q->hashes[q->next++] = hash;
	if (q->next < q->n && q->lines[q->next] < line)
		q->next++;	/* a line that does not exist: skip it */
	h->done = q->next == q->n;
}

static size_t slot(const struct line_query *q, uint64_t hash)
{
	size_t i = (size_t)(hash ^ (hash >> 29)) & q->mask;

	while (q->used[i] && q->keys[i] != hash)
		i = (i + 1) & q->mask;
	return i;
}

static void second_pass(struct hasher *h, unsigned long line, uint64_t hash)
{
	struct line_query *q = h->data;
	size_t i = slot(q, hash);

	if (q->used[i])
		q->counts[i]++;
	while (q->next < q->n && q->lines[q->next] == line) {
		q->out[q->next] = xasprintf("%llx:%lu",
					    (unsigned long long)hash,
					    q->counts[i]);
		q->next++;
	}
	if (q->next < q->n && q->lines[q->next] < line)
		q->next++;
	h->done = q->next == q->n;
}

/*
 * Two passes, each stopping after the last wanted line: the first finds
 * the wanted lines' hashes, the second counts how often each of those
 * (and only those) occurs up to each wanted line. Memory: O(@n).
 */
void hl_line_hashes(const char *buf, size_t len, const unsigned long *lines,
		    size_t n, char **out)
{
	struct line_query q = { .lines = lines, .n = n, .out = out };
	struct hasher h;
	size_t i, size = 8;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	if (!n)
		return;
	q.hashes = xcalloc(n, sizeof(*q.hashes));
	hasher_init(&h, first_pass, &q);
	hasher_run(&h, buf, len);

	while (size < 2 * n)
		size *= 2;
	q.mask = size - 1;
	q.keys = xcalloc(size, sizeof(*q.keys));
	q.counts = xcalloc(size, sizeof(*q.counts));
	q.used = xcalloc(size, sizeof(*q.used));
	for (i = 0; i < q.next; i++) {
		size_t k = slot(&q, q.hashes[i]);
		q.used[k] = true;
		q.keys[k] = q.hashes[i];
	}
	q.next = 0;
	hasher_init(&h, second_pass, &q);
	hasher_run(&h, buf, len);
	free(q.used);
	free(q.counts);
	free(q.keys);
	free(q.hashes);
}

void hl_offset_pos(const char *buf, size_t len, size_t off, struct hl_pos *pos)
{
	struct cursor c = { .buf = buf, .len = len, .line = 1 };

	cursor_line(&c, 0);
	cursor_seek(&c, off);
	pos->line = c.line;
	pos->col = c.col;
	pos->col16 = c.col16;
}
