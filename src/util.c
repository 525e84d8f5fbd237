/* SPDX-License-Identifier: MIT */
/* util.c - allocation, growable buffers, arenas and error reporting */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Noreturn void die_oom(size_t n)
{
	fprintf(stderr, "hooklint: fatal: out of memory (%zu bytes)\n", n);
	exit(HL_EXIT_IO);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	struct hl_buf b = HL_BUF_INIT;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		hl_bug("bad format '%s'", fmt);
	hl_buf_grow(&b, (size_t)n);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	b.len = (size_t)n;
	return hl_buf_detach(&b);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void hl_buf_grow(struct hl_buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->alloc) {
		size_t n = b->alloc ? b->alloc * 2 : 64;
		while (n < b->len + extra + 1)
			n *= 2;
		b->s = xrealloc(b->s, n);
		b->alloc = n;
	}
}

void hl_buf_add(struct hl_buf *b, const void *p, size_t n)
{
	hl_buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void hl_buf_adds(struct hl_buf *b, const char *s)
{
	hl_buf_add(b, s, strlen(s));
}

void hl_buf_addc(struct hl_buf *b, char c)
{
	hl_buf_add(b, &c, 1);
}

void hl_buf_addf(struct hl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		hl_bug("bad format '%s'", fmt);
	hl_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void hl_buf_reset(struct hl_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void hl_buf_release(struct hl_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->alloc = 0;
}

char *hl_buf_detach(struct hl_buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->alloc = 0;
	return s;
}

struct hl_arena_block {
	struct hl_arena_block *next;
	size_t size, used;
	max_align_t data[];
};

#define ARENA_BLOCK 16384

void *hl_arena_alloc(struct hl_arena *a, size_t n)
{
	struct hl_arena_block *b = a->head;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	b->used += n;
	a->used_total += n;
	return (char *)b->data + b->used - n;
}

char *hl_arena_strndup(struct hl_arena *a, const char *s, size_t n)
{
	char *p = hl_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *hl_arena_printf(struct hl_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *s, *p;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	p = hl_arena_strndup(a, s, strlen(s));
	free(s);
	return p;
}

void hl_arena_reset(struct hl_arena *a)
{
	struct hl_arena_block *b = a->head, *keep = NULL;

	while (b) {
		struct hl_arena_block *next = b->next;
		/* keep one ordinary-sized block to avoid malloc churn */
		if (!keep && b->size == ARENA_BLOCK) {
			keep = b;
			keep->used = 0;
			keep->next = NULL;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = keep;
	a->used_total = 0;
}

void hl_arena_release(struct hl_arena *a)
{
	hl_arena_reset(a);
	free(a->head);
	a->head = NULL;
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	struct hl_buf b = HL_BUF_INIT;
	char *msg = xvasprintf(fmt, ap);

	hl_buf_addf(&b, "hooklint: %s: %s\n", prefix, msg);
	fputs(b.s, stderr);
	hl_buf_release(&b);
	free(msg);
}

int hl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error", fmt, ap);
	va_end(ap);
	return -1;
}

void hl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning", fmt, ap);
	va_end(ap);
}

void hl_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("note", fmt, ap);
	va_end(ap);
}

void hl_bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "hooklint: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

int hl_read_file(const char *path, char **bufp, size_t *lenp)
{
	FILE *f = path ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t len = 0, alloc = 0;
	int err = 0;

	if (!f)
		return -1;
	for (;;) {
		size_t n;

		if (alloc - len < 65536) {
			alloc = alloc ? alloc * 2 : 1 << 20;
			buf = xrealloc(buf, alloc + 1);
		}
		n = fread(buf + len, 1, alloc - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	if (path)
		fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return -1;
	}
	/* give back what the doubling over-allocated */
	buf = xrealloc(buf, len + 1);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int32_t hl_utf8_decode(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;
	int32_t c;

	*len = 1;
	if (!n)
		return -1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		c = s[0] & 0x0f;
		lo = s[0] == 0xe0 ? 0xa0 : 0x80;	/* overlong */
		hi = s[0] == 0xed ? 0x9f : 0xbf;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		c = s[0] & 0x07;
		lo = s[0] == 0xf0 ? 0x90 : 0x80;	/* overlong */
		hi = s[0] == 0xf4 ? 0x8f : 0xbf;	/* past U+10FFFF */
	} else {
		return -1;
	}
	for (i = 1; i <= need; i++) {
		/* the bytes read so far are one maximal subpart */
		if (i >= n || s[i] < lo || s[i] > hi) {
			*len = i;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*len = need + 1;
	return c;
}

/* The first invalid UTF-8 byte (or, with @nul, NUL byte) of @str. */
static size_t scan_text(const char *str, size_t n, bool nul)
{
	const unsigned char *s = (const unsigned char *)str;
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	size_t i = 0;

	while (i < n) {
		size_t len;

		/* ASCII (without NUL), eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if ((w & highs) || (nul && ((w - ones) & ~w & highs)))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (nul && !s[i])
			return i;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (hl_utf8_decode(str + i, n - i, &len) < 0)
			return i;
		i += len;
	}
	return n;
}

size_t hl_utf8_invalid(const char *str, size_t n)
{
	return scan_text(str, n, false);
}

size_t hl_text_invalid(const char *str, size_t n)
{
	return scan_text(str, n, true);
}

bool hl_is_go_space(int32_t c)
{
	switch (c) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202f: case 0x205f: case 0x3000:
		return true;
	default:
		return c >= 0x2000 && c <= 0x200a;
	}
}

char *hl_path_normalize(const char *abs)
{
	char *out = xmalloc(strlen(abs) + 2), *o = out;
	const char *p = abs;

	while (*p) {
		const char *q;
		size_t n;

		while (*p == '/')
			p++;
		q = strchr(p, '/');
		n = q ? (size_t)(q - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > out && *--o != '/')
				;
		} else if (n) {
			*o++ = '/';
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	if (o == out)
		*o++ = '/';
	*o = '\0';
	return out;
}

FILE *hl_output_open(const char *path)
{
	FILE *out;

	if (!path)
		return stdout;
	out = fopen(path, "w");
	if (!out)
		hl_error("cannot write '%s': %s", path, strerror(errno));
	return out;
}

int hl_output_close(FILE *out, const char *path, const char *what)
{
	if (path ? fclose(out) : fflush(out))
		return hl_error("cannot write the %s: %s", what,
				strerror(errno));
	return 0;
}
