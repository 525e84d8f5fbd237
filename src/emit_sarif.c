/* SPDX-License-Identifier: MIT */
/* emit_sarif.c - SARIF 2.1.0 for GitHub code scanning (one run) */
#include "emitter.h"
#include "buildinfo.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"
/* GitHub rejects rule texts longer than this (characters) */
#define TEXT_MAX 1024

/*
 * Percent-encode @s into a URI: all but unreserved characters and '/';
 * with @uri (@s already is a URI reference) only what no URI may hold,
 * so that encoding is idempotent. A ':' before the first '/' is always
 * encoded in a relative reference, where it would read as a scheme.
 */
static void uri_add(struct hl_buf *b, const char *s, bool uri, bool rel)
{
	static const char hex[] = "0123456789ABCDEF";
	bool first_segment = rel;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '/')
			first_segment = false;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) ||
		    (uri && strchr("@!$&'()*+,;=%?#[]", c)) ||
		    (uri && c == ':' && !first_segment)) {
			hl_buf_addc(b, (char)c);
		} else {
			hl_buf_addc(b, '%');
			hl_buf_addc(b, hex[c >> 4]);
			hl_buf_addc(b, hex[c & 15]);
		}
	}
}

static const struct hl_file *file_by_path(const struct hl_report *r,
					  const char *path)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].path && !strcmp(r->files[i].path, path))
			return &r->files[i];
	return NULL;
}

/*
 * artifactLocation of a report file (@file: its uri, a reference relative
 * to %SRCROOT% or a file: URI) or of a plain @path (a "# Source:"
 * template): relative URIs name the base they are relative to.
 */
static void artifact(struct hl_jw *w, const struct hl_file *file,
		     const char *path)
{
	struct hl_buf b = HL_BUF_INIT;
	bool based = false;

	if (file && file->uri && !strncmp(file->uri, "file:", 5)) {
		uri_add(&b, file->uri, true, false);
	} else if (file && file->uri) {
		uri_add(&b, file->uri, true, true);
		based = true;
	} else {
		if (file)
			path = file->path;
		if (path[0] == '/')
			hl_buf_adds(&b, "file://");
		uri_add(&b, path, false, path[0] != '/');
		based = file && path[0] != '/';
	}
	hl_jw_key(w, "artifactLocation");
	hl_jw_open(w, '{');
	hl_jw_key(w, "uri");
	hl_jw_strn(w, b.s ? b.s : "", b.len);
	if (based) {
		hl_jw_key(w, "uriBaseId");
		hl_jw_str(w, SRCROOT);
	}
	hl_jw_close(w, '}');
	hl_buf_release(&b);
}

static void region(struct hl_jw *w, const char *key, const struct hl_pos *s,
		   const struct hl_pos *e)
{
	hl_jw_key(w, key);
	hl_jw_open(w, '{');
	hl_jw_key(w, "startLine");
	hl_jw_uint(w, s->line);
	hl_jw_key(w, "startColumn");
	hl_jw_uint(w, s->col16);
	hl_jw_key(w, "endLine");
	hl_jw_uint(w, e->line);
	hl_jw_key(w, "endColumn");
	hl_jw_uint(w, e->col16);
	hl_jw_close(w, '}');
}

static void text(struct hl_jw *w, const char *key, const char *s)
{
	hl_jw_key(w, key);
	hl_jw_open(w, '{');
	hl_jw_key(w, "text");
	hl_jw_str(w, s);
	hl_jw_close(w, '}');
}

/* A location: file, optional region, optional message. */
static void location(struct hl_jw *w, const struct hl_file *file,
		     const char *path, const struct hl_pos *s,
		     const struct hl_pos *e, const char *msg)
{
	hl_jw_open(w, '{');
	hl_jw_key(w, "physicalLocation");
	hl_jw_open(w, '{');
	artifact(w, file, path);
	if (s && s->line)
		region(w, "region", s, e);
	hl_jw_close(w, '}');
	if (msg)
		text(w, "message", msg);
	hl_jw_close(w, '}');
}

static bool empty(const char *s)
{
	/* rule metadata still being written says TODO */
	return !s || !*s || !strcmp(s, "TODO");
}

/* Append @s to @b, cut (with an ellipsis) to at most @max characters. */
static void add_limited(struct hl_buf *b, const char *s, size_t max)
{
	size_t i = 0, n = strlen(s), cps = 0, len, cut = 0;

	while (i < n) {
		hl_utf8_decode(s + i, n - i, &len);
		if (++cps == max)
			cut = i;
		if (cps > max) {
			hl_buf_add(b, s, cut);
			hl_buf_adds(b, "\xe2\x80\xa6");
			return;
		}
		i += len;
	}
	hl_buf_add(b, s, n);
}

static size_t u8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * "summary\n\nrationale\n\nhelm" and @link within TEXT_MAX characters:
 * whole paragraphs while they fit, the first one cut if it alone does not.
 */
static char *help_text(const struct hl_rule_meta *m, const char *link)
{
	struct hl_buf b = HL_BUF_INIT;
	const char *parts[] = { m->summary, m->rationale, m->helm };
	size_t i, used = u8_chars(link), room = TEXT_MAX - used;

	for (i = 0; i < HL_ARRAY_SIZE(parts); i++) {
		size_t n;

		if (empty(parts[i]))
			continue;
		n = u8_chars(parts[i]) + 2;	/* and the blank line */
		if (n <= room) {
			hl_buf_adds(&b, parts[i]);
			hl_buf_adds(&b, "\n\n");
			room -= n;
		} else if (!b.len) {
			add_limited(&b, parts[i], room - 2);
			hl_buf_adds(&b, "\n\n");
			break;
		} else {
			break;
		}
	}
	hl_buf_adds(&b, link);
	return hl_buf_detach(&b);
}

static void limited(struct hl_jw *w, const char *key, const char *s)
{
	struct hl_buf b = HL_BUF_INIT;

	add_limited(&b, s, TEXT_MAX);
	text(w, key, b.s ? b.s : "");
	hl_buf_release(&b);
}

static void rule(struct hl_jw *w, size_t i)
{
	const struct hl_rule_meta *m = &hl_rule_meta[i];
	const char *url = hl_rule_url((enum hl_rule_id)i);
	const char *name = hl_rule_name((enum hl_rule_id)i);
	const char *id = hl_rule_id((enum hl_rule_id)i);
	const char *summary = empty(m->summary) ? name : m->summary;
	char *link, *help;

	hl_jw_open(w, '{');
	hl_jw_key(w, "id");
	hl_jw_str(w, id);
	hl_jw_key(w, "name");
	hl_jw_str(w, m->pascal);
	limited(w, "shortDescription", summary);
	limited(w, "fullDescription",
		empty(m->rationale) ? summary : m->rationale);
	hl_jw_key(w, "help");
	hl_jw_open(w, '{');
	link = xasprintf("Documentation: %s", url);
	help = help_text(m, link);
	hl_jw_key(w, "text");
	hl_jw_str(w, help);
	free(help);
	free(link);
	link = xasprintf("[%s %s](%s)", id, name, url);
	help = help_text(m, link);
	hl_jw_key(w, "markdown");
	hl_jw_str(w, help);
	free(help);
	free(link);
	hl_jw_close(w, '}');
	hl_jw_key(w, "helpUri");
	hl_jw_str(w, url);
	hl_jw_key(w, "defaultConfiguration");
	hl_jw_open(w, '{');
	hl_jw_key(w, "level");
	hl_jw_str(w, hl_note_word(m->severity));
	if (m->off_by_default) {
		hl_jw_key(w, "enabled");
		hl_jw_bool(w, false);
	}
	hl_jw_close(w, '}');
	hl_jw_close(w, '}');
}

static void driver(struct hl_jw *w)
{
	size_t i;

	hl_jw_key(w, "tool");
	hl_jw_open(w, '{');
	hl_jw_key(w, "driver");
	hl_jw_open(w, '{');
	hl_jw_key(w, "name");
	hl_jw_str(w, "hooklint");
	hl_jw_key(w, "version");
	hl_jw_str(w, HL_VERSION);
	hl_jw_key(w, "semanticVersion");
	hl_jw_str(w, HL_VERSION);
	hl_jw_key(w, "informationUri");
	hl_jw_str(w, HL_INFO_URL);
	hl_jw_key(w, "rules");
	hl_jw_open(w, '[');
	for (i = 0; i < HL_RULE_MAX; i++)
		rule(w, i);
	hl_jw_close(w, ']');
	hl_jw_close(w, '}');
	hl_jw_close(w, '}');
}

static void invocation(struct hl_jw *w, const struct hl_report *r)
{
	size_t i;

	hl_jw_key(w, "invocations");
	hl_jw_open(w, '[');
	hl_jw_open(w, '{');
	hl_jw_key(w, "executionSuccessful");
	hl_jw_bool(w, !r->nerrors);
	if (r->nerrors) {
		hl_jw_key(w, "toolExecutionNotifications");
		hl_jw_open(w, '[');
	}
	for (i = 0; i < r->nerrors; i++) {
		const struct hl_error_entry *e = &r->errors[i];
		const struct hl_file *f = e->path ? file_by_path(r, e->path) :
				       NULL;

		/* the message names the path; a location when it is known */
		hl_jw_open(w, '{');
		hl_jw_key(w, "level");
		hl_jw_str(w, "error");
		text(w, "message", e->message);
		if (f) {
			hl_jw_key(w, "locations");
			hl_jw_open(w, '[');
			location(w, f, NULL, NULL, NULL, NULL);
			hl_jw_close(w, ']');
		}
		hl_jw_close(w, '}');
	}
	if (r->nerrors)
		hl_jw_close(w, ']');
	hl_jw_close(w, '}');
	hl_jw_close(w, ']');
}

static void base_ids(struct hl_jw *w, const struct hl_report *r)
{
	struct hl_buf b = HL_BUF_INIT;

	if (!r->base_uri || !*r->base_uri)
		return;
	uri_add(&b, r->base_uri, true, false);
	if (b.s[b.len - 1] != '/')	/* SARIF1004: a base URI ends in '/' */
		hl_buf_addc(&b, '/');
	hl_jw_key(w, "originalUriBaseIds");
	hl_jw_open(w, '{');
	hl_jw_key(w, SRCROOT);
	hl_jw_open(w, '{');
	hl_jw_key(w, "uri");
	hl_jw_str(w, b.s);
	hl_jw_close(w, '}');
	hl_jw_close(w, '}');
	hl_buf_release(&b);
}

static bool has_related_path(const struct hl_finding *f, const char *path)
{
	size_t i;

	for (i = 0; i < f->nrelated; i++)
		if (f->related[i].path && !strcmp(f->related[i].path, path))
			return true;
	return false;
}

static void related(struct hl_jw *w, const struct hl_report *r,
		    const struct hl_finding *f)
{
	const struct hl_file *own = f->file < r->nfiles ?
				    &r->files[f->file] : NULL;
	bool tmpl = f->template_path && !has_related_path(f, f->template_path);
	size_t i;

	if (!f->nrelated && !tmpl)
		return;
	hl_jw_key(w, "relatedLocations");
	hl_jw_open(w, '[');
	for (i = 0; i < f->nrelated; i++) {
		const struct hl_related *rel = &f->related[i];
		const struct hl_file *file = rel->path ?
			file_by_path(r, rel->path) : own;
		bool reg = rel->has_region && (!rel->path || file);

		location(w, file, rel->path ? rel->path : "-",
			 reg ? &rel->s : NULL, &rel->e, rel->message);
	}
	/* the "# Source:" template a rendered document came from */
	if (tmpl)
		location(w, file_by_path(r, f->template_path), f->template_path,
			 NULL, NULL, "source template");
	hl_jw_close(w, ']');
}

static void fixes(struct hl_jw *w, const struct hl_report *r,
		  const struct hl_finding *f)
{
	size_t i;

	if (!f->nedits)
		return;
	hl_jw_key(w, "fixes");
	hl_jw_open(w, '[');
	hl_jw_open(w, '{');
	text(w, "description", f->help ? f->help : f->message);
	hl_jw_key(w, "artifactChanges");
	hl_jw_open(w, '[');
	hl_jw_open(w, '{');
	artifact(w, f->file < r->nfiles ? &r->files[f->file] : NULL, "-");
	hl_jw_key(w, "replacements");
	hl_jw_open(w, '[');
	for (i = 0; i < f->nedits; i++) {
		hl_jw_open(w, '{');
		region(w, "deletedRegion", &f->edits[i].s, &f->edits[i].e);
		text(w, "insertedContent",
		     f->edits[i].text ? f->edits[i].text : "");
		hl_jw_close(w, '}');
	}
	hl_jw_close(w, ']');
	hl_jw_close(w, '}');
	hl_jw_close(w, ']');
	hl_jw_close(w, '}');
	hl_jw_close(w, ']');
}

static void result(struct hl_jw *w, const struct hl_report *r,
		   const struct hl_finding *f)
{
	const struct hl_file *file = f->file < r->nfiles ?
				     &r->files[f->file] : NULL;

	hl_jw_open(w, '{');
	hl_jw_key(w, "ruleId");
	hl_jw_str(w, hl_rule_id(f->rule));
	hl_jw_key(w, "ruleIndex");
	hl_jw_uint(w, (unsigned long)f->rule);
	hl_jw_key(w, "level");
	hl_jw_str(w, hl_note_word(f->severity));
	text(w, "message", f->message);
	hl_jw_key(w, "locations");
	hl_jw_open(w, '[');
	location(w, file, "-", &f->s, &f->e, NULL);
	hl_jw_close(w, ']');
	related(w, r, f);
	if (f->fingerprint) {
		hl_jw_key(w, "partialFingerprints");
		hl_jw_open(w, '{');
		hl_jw_key(w, "primaryLocationLineHash");
		hl_jw_str(w, f->fingerprint);
		hl_jw_close(w, '}');
	}
	fixes(w, r, f);
	hl_jw_close(w, '}');
}

static void write_sarif(const struct hl_report *r, const struct hl_opts *o,
		       FILE *out, bool color)
{
	(void)color;
	struct hl_jw w;
	size_t i;

	(void)o;
	hl_jw_init(&w, out, INT_MAX);
	hl_jw_open(&w, '{');
	hl_jw_key(&w, "$schema");
	hl_jw_str(&w, SARIF_SCHEMA);
	hl_jw_key(&w, "version");
	hl_jw_str(&w, "2.1.0");
	hl_jw_key(&w, "runs");
	hl_jw_open(&w, '[');
	hl_jw_open(&w, '{');
	driver(&w);
	invocation(&w, r);
	base_ids(&w, r);
	hl_jw_key(&w, "columnKind");
	hl_jw_str(&w, "utf16CodeUnits");
	hl_jw_key(&w, "results");
	hl_jw_open(&w, '[');
	for (i = 0; i < r->nfindings; i++) {
		result(&w, r, &r->findings[i]);
		hl_jw_flush(&w, false);
	}
	hl_jw_close(&w, ']');
	hl_jw_close(&w, '}');
	hl_jw_close(&w, ']');
	hl_jw_close(&w, '}');
	hl_jw_finish(&w);
}

const struct hl_emitter hl_emitter_sarif = { write_sarif };
