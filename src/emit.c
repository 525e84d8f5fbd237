/* SPDX-License-Identifier: MIT */
/* emit.c - format dispatch, summary line, and helpers the emitters share */
#include "emit.h"
#include "emit_priv.h"
#include "config.h"

#include <string.h>

const char *hl_note_word(enum hl_severity s)
{
	switch (s) {
	case HL_SEV_ERROR:
		return "error";
	case HL_SEV_WARNING:
		return "warning";
	default:
		return "note";	/* what gcc, the matchers and SARIF call info */
	}
}

/* East Asian Wide and Fullwidth ranges (Unicode 15), merged and sorted. */
static const int32_t wide[][2] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0xa4cf },
	{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 },
	{ 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 }, { 0x17000, 0x18cff },
	{ 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a }, { 0x1f200, 0x1f202 },
	{ 0x1f210, 0x1f23b }, { 0x1f240, 0x1f248 }, { 0x1f250, 0x1f251 },
	{ 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 },
	{ 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca },
	{ 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 },
	{ 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc },
	{ 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 },
	{ 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 },
	{ 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc },
	{ 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 }, { 0x1f6eb, 0x1f6ec },
	{ 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f93a },
	{ 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faff },
	{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

/* Combining marks and invisible formatting characters. */
static const int32_t zero[][2] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x20d0, 0x20ff },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xe0100, 0xe01ef },
};

static bool in_table(int32_t c, const int32_t (*t)[2], size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < t[mid][0])
			hi = mid;
		else if (c > t[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int hl_u8_width(int32_t c)
{
	if (c < 0x300)
		return 1;
	if (in_table(c, zero, HL_ARRAY_SIZE(zero)))
		return 0;
	return in_table(c, wide, HL_ARRAY_SIZE(wide)) ? 2 : 1;
}

bool hl_clean_cp(struct hl_buf *b, int32_t c)
{
	if (c == '\n' || c == '\t' || c == '\r') {
		hl_buf_adds(b, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
		return true;
	}
	if (c < 0x20 || c == 0x7f) {
		hl_buf_addf(b, "\\x%02x", (unsigned)c);
		return true;
	}
	/* C1 controls, bidi embeddings/overrides/isolates (Trojan Source),
	 * and the line separators some terminals and editors break on */
	if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
	    c == 0x200e || c == 0x200f || c == 0x61c) {
		hl_buf_addf(b, "\\u{%x}", (unsigned)c);
		return true;
	}
	return false;
}

void hl_clean_add(struct hl_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	while (i < n) {
		size_t j = i;
		int32_t c;

		/* printable ASCII in one piece */
		while (j < n && s[j] >= 0x20 && s[j] < 0x7f)
			j++;
		hl_buf_add(b, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		c = hl_utf8_decode(str + i, n - i, &len);
		if (c < 0) {
			for (j = i; j < i + len; j++)
				hl_buf_addf(b, "\\x%02x", s[j]);
		} else if (!hl_clean_cp(b, c)) {
			hl_buf_add(b, s + i, len);
		}
		i += len;
	}
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

static const char *const rule_urls[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = HL_DOCS_URL "/" #id ".md",
	HL_FOREACH_RULE(R)
#undef R
};

const char *hl_rule_url(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_urls[r] : HL_DOCS_URL;
}

int hl_emit(const struct hl_report *r, const struct hl_opts *o, FILE *out,
	    bool color)
{
	switch (o->format) {
	case HL_FMT_TEXT:
		hl_emit_text(r, o, out, color);
		break;
	case HL_FMT_GCC:
		hl_emit_gcc(r, o, out);
		break;
	case HL_FMT_JSON:
		hl_emit_json(r, o, out);
		break;
	case HL_FMT_SARIF:
		hl_emit_sarif(r, o, out);
		break;
	case HL_FMT_GITHUB:
		hl_emit_github(r, o, out);
		break;
	}
	if (fflush(out) || ferror(out))
		return hl_error("cannot write the report: write error");
	return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void hl_emit_summary(const struct hl_report *r, FILE *out)
{
	size_t e = r->counts[HL_SEV_ERROR], w = r->counts[HL_SEV_WARNING];
	size_t i = r->counts[HL_SEV_INFO], f = hl_report_nlinted(r);

	fprintf(out, "%zu %s, %zu %s, %zu %s in %zu %s\n",
		e, plural(e, "error", "errors"),
		w, plural(w, "warning", "warnings"),
		i, plural(i, "info", "infos"),
		f, plural(f, "file", "files"));
}
