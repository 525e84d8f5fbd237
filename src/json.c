/* SPDX-License-Identifier: MIT */
/* json.c - JSON string escaping and a small streaming writer */
#include "json.h"

#include <string.h>

/*
 * Appends the quoted string. U+2028 and U+2029 are escaped too, so the
 * output is also a valid JavaScript literal.
 */
void hl_json_str(struct hl_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	hl_buf_addc(b, '"');
	while (i < n) {
		size_t j = i;
		int32_t c;

		while (j < n && s[j] >= 0x20 && s[j] < 0x80 && s[j] != '"' &&
		       s[j] != '\\' && s[j] != 0x7f)
			j++;
		hl_buf_add(b, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		c = hl_utf8_decode(str + i, n - i, &len);
		switch (c) {
		case '"':  hl_buf_adds(b, "\\\""); break;
		case '\\': hl_buf_adds(b, "\\\\"); break;
		case '\n': hl_buf_adds(b, "\\n"); break;
		case '\r': hl_buf_adds(b, "\\r"); break;
		case '\t': hl_buf_adds(b, "\\t"); break;
		case -1:   hl_buf_adds(b, "\\ufffd"); break;
		default:
			if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
				hl_buf_addf(b, "\\u%04x", (unsigned)c);
			else
				hl_buf_add(b, s + i, len);
		}
		i += len;
	}
	hl_buf_addc(b, '"');
}

void hl_jw_init(struct hl_jw *w, FILE *out, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first = true;
}

static void indent(struct hl_jw *w, int depth)
{
	int i;

	hl_buf_addc(&w->b, '\n');
	for (i = 0; i < depth; i++)
		hl_buf_adds(&w->b, "  ");
}

/* The separator and line break before a member or an element. */
static void before(struct hl_jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first)
		hl_buf_addc(&w->b, ',');
	if (w->depth && w->depth <= w->pretty)
		indent(w, w->depth);
	else if (!w->first)
		hl_buf_addc(&w->b, ' ');
	w->first = false;
}

void hl_jw_open(struct hl_jw *w, char c)
{
	before(w);
	hl_buf_addc(&w->b, c);
	w->depth++;
	w->first = true;
}

void hl_jw_close(struct hl_jw *w, char c)
{
	if (!w->first && w->depth <= w->pretty)
		indent(w, w->depth - 1);
	hl_buf_addc(&w->b, c);
	w->depth--;
	w->first = false;
}

void hl_jw_key(struct hl_jw *w, const char *k)
{
	before(w);
	hl_json_str(&w->b, k, strlen(k));
	hl_buf_adds(&w->b, ": ");
	w->after_key = true;
}

void hl_jw_strn(struct hl_jw *w, const char *s, size_t n)
{
	before(w);
	hl_json_str(&w->b, s, n);
}

void hl_jw_str(struct hl_jw *w, const char *s)
{
	if (s)
		hl_jw_strn(w, s, strlen(s));
	else
		hl_jw_raw(w, "null");
}

void hl_jw_raw(struct hl_jw *w, const char *s)
{
	before(w);
	hl_buf_adds(&w->b, s);
}

void hl_jw_uint(struct hl_jw *w, unsigned long v)
{
	before(w);
	hl_buf_addf(&w->b, "%lu", v);
}

void hl_jw_bool(struct hl_jw *w, bool v)
{
	hl_jw_raw(w, v ? "true" : "false");
}

void hl_jw_flush(struct hl_jw *w, bool all)
{
	/* large reports stream out instead of growing one buffer */
	if (w->b.len && (all || w->b.len >= 65536)) {
		fwrite(w->b.s, 1, w->b.len, w->out);
		hl_buf_reset(&w->b);
	}
}

int hl_jw_finish(struct hl_jw *w)
{
	hl_buf_addc(&w->b, '\n');
	hl_jw_flush(w, true);
	hl_buf_release(&w->b);
	return ferror(w->out) ? -1 : 0;
}

