/* SPDX-License-Identifier: MIT */
/* lint.c - one run: inputs, documents, rules, sorted findings, report */
#include "cli.h"
#include "emit.h"
#include "source.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lint {
	const struct hl_opts *opts;
	struct hl_report *report;
	struct hl_arena doc_arena;	/* the walker's and the rules' */
	struct hl_arena file_arena;	/* "# Source:" paths of one file */
	size_t file;
	const char *buf;
	size_t len;
};

/* A manifest is a mapping with both apiVersion and kind (DESIGN.md). */
static bool is_manifest(const struct hl_doc *d)
{
	return d->is_mapping && hl_value_present(&d->api_version) &&
	       hl_value_present(&d->kind);
}

static void init_ctx(struct lint *l, struct hl_ctx *ctx,
		     const struct hl_doc *d)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->opts = l->opts;
	ctx->report = l->report;
	ctx->arena = &l->doc_arena;
	ctx->file = l->file;
	ctx->buf = l->buf;
	ctx->len = l->len;
	ctx->doc = d;
}

static void on_doc(void *user, struct hl_doc *d)
{
	struct lint *l = user;
	struct hl_hook hook;
	struct hl_ctx ctx;

	if (!is_manifest(d))
		return;
	hl_hook_parse(&l->doc_arena, d, &hook);
	init_ctx(l, &ctx, d);
	ctx.hook = &hook;
	hl_check_doc(&ctx);
}

static void on_syntax(void *user, const struct hl_docrange *dr, size_t at,
		      size_t end, const char *message)
{
	struct lint *l = user;
	struct hl_finding *f;
	struct hl_doc d;
	struct hl_ctx ctx;
	struct hl_span span = { at, end };

	memset(&d, 0, sizeof(d));
	d.source = dr->source;
	init_ctx(l, &ctx, &d);
	f = hl_report(&ctx, HL_RULE_HL901, span, "%s", message);
	hl_finding_help(f, "Helm fails to render or drops this document; "
			"the following documents are still linted");
}

static const struct hl_walk_ops walk_ops = { on_doc, on_syntax };

/* git's top level (a .git directory or file) above the current
 * directory, else the current directory: the SARIF %SRCROOT%. */
static char *find_base(void)
{
	char cwd[PATH_MAX], *dir;
	struct stat st;

	if (!getcwd(cwd, sizeof(cwd)))
		return xstrdup("/");
	dir = xstrdup(cwd);
	for (;;) {
		char *git = xasprintf("%s/.git", dir);
		bool found = stat(git, &st) == 0;
		char *slash;

		free(git);
		if (found)
			return dir;
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	return xstrdup(cwd);
}

/* Lexically normalise an absolute path ("." and ".." components). */
static char *normalize(const char *abs)
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

/* Percent-encode what a URI reference may not hold. */
static void uri_escape(struct hl_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/!$&'()*+,;=:@", c))
			hl_buf_addc(b, (char)c);
		else
			hl_buf_addf(b, "%%%02X", c);
	}
}

/* The SARIF uri of @path: relative to @base when under it, else an
 * absolute file URI. */
static char *file_uri(const char *base, const char *path)
{
	struct hl_buf b = HL_BUF_INIT;
	char cwd[PATH_MAX], *abs, *norm;
	size_t n = strlen(base);

	if (path[0] == '/')
		abs = xstrdup(path);
	else
		abs = xasprintf("%s/%s", getcwd(cwd, sizeof(cwd)) ? cwd : "",
				path);
	norm = normalize(abs);
	if (!strncmp(norm, base, n) && norm[n] == '/') {
		uri_escape(&b, norm + n + 1);
	} else {
		hl_buf_adds(&b, "file://");
		uri_escape(&b, norm);
	}
	free(abs);
	free(norm);
	return hl_buf_detach(&b);
}

static size_t add_file(struct hl_report *r, const char *base,
		       const struct hl_input *in)
{
	struct hl_file *f;

	HL_GROW(r->files, r->nfiles + 1, r->files_alloc);
	f = &r->files[r->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(in->display);
	f->is_stdin = !in->path;
	f->uri = file_uri(base, in->display);
	return r->nfiles++;
}

static void lint_buffer(struct lint *l, const char *buf, size_t len)
{
	struct hl_docrange *docs;
	size_t ndocs, first = l->report->nfindings;

	l->buf = buf;
	l->len = len;
	ndocs = hl_split_docs(&l->file_arena, buf, len, &docs);
	hl_walk(buf, len, docs, ndocs, &l->doc_arena, &walk_ops, l);
	hl_resolve_positions(l->report, first, buf, len,
			     l->opts->format == HL_FMT_SARIF);
	free(docs);
	hl_arena_reset(&l->file_arena);
}

void hl_lint_memory(const struct hl_opts *o, struct hl_report *r,
		    const char *display, const char *buf, size_t len)
{
	struct hl_input in = { NULL, (char *)display, HL_IN_RENDERED };
	struct lint l;

	memset(&l, 0, sizeof(l));
	l.opts = o;
	l.report = r;
	l.file = add_file(r, "/", &in);
	r->files[l.file].linted = true;
	lint_buffer(&l, buf, len);
	hl_arena_release(&l.doc_arena);
	hl_arena_release(&l.file_arena);
}

static void lint_input(struct lint *l, const char *base,
		       const struct hl_input *in, size_t *skipped)
{
	struct hl_report *r = l->report;
	char *buf;
	size_t len;

	if (in->kind == HL_IN_TEMPLATE) {
		(*skipped)++;
		if (*skipped == 1)
			hl_note("skipping chart template source '%s': template "
				"sources are not linted yet; lint the output of "
				"'helm template' instead", in->display);
		return;
	}
	if (hl_read_file(in->path, &buf, &len)) {
		struct hl_error_entry *e;

		HL_GROW(r->errors, r->nerrors + 1, r->errors_alloc);
		e = &r->errors[r->nerrors++];
		e->path = xstrdup(in->display);
		e->message = xasprintf("cannot read '%s': %s", in->display,
				       strerror(errno));
		return;
	}
	l->file = add_file(r, base, in);
	r->files[l->file].linted = true;
	lint_buffer(l, buf, len);
	free(buf);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct hl_finding *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool want_color(const struct hl_opts *o)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	if (o->color >= 0)
		return o->color;
	if (o->output || (no && *no))
		return false;
	return isatty(STDOUT_FILENO) && !(term && !strcmp(term, "dumb"));
}

static int write_report(struct hl_report *r, const struct hl_opts *o)
{
	FILE *out = stdout;
	int ret = 0;

	if (o->output) {
		out = fopen(o->output, "w");
		if (!out)
			return hl_error("cannot write '%s': %s", o->output,
					strerror(errno));
	}
	hl_emit(r, o, out, want_color(o));
	if (o->output ? fclose(out) : fflush(out))
		ret = hl_error("cannot write the report: %s", strerror(errno));
	return ret;
}

static void print_errors(const struct hl_report *r)
{
	size_t i;

	for (i = 0; i < r->nerrors; i++)
		hl_error("%s", r->errors[i].message);
}

void hl_report_release(struct hl_report *r)
{
	size_t i, j;

	for (i = 0; i < r->nfindings; i++) {
		struct hl_finding *f = &r->findings[i];
		free(f->message);
		free(f->help);
		free((char *)f->template_path);
		for (j = 0; j < f->nrelated; j++) {
			free(f->related[j].path);
			free(f->related[j].message);
		}
		free(f->related);
		for (j = 0; j < f->nedits; j++)
			free(f->edits[j].text);
		free(f->edits);
		free(f->line_text);
		free(f->fingerprint);
	}
	free(r->findings);
	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].uri);
	}
	free(r->files);
	for (i = 0; i < r->nerrors; i++) {
		free(r->errors[i].path);
		free(r->errors[i].message);
	}
	free(r->errors);
	free(r->base_uri);
	memset(r, 0, sizeof(*r));
}

int hl_lint(const struct hl_opts *o, struct hl_report *r)
{
	struct lint l;
	struct hl_input *in;
	char *base = find_base();
	size_t n, i, skipped = 0;
	struct hl_buf b = HL_BUF_INIT;

	memset(&l, 0, sizeof(l));
	l.opts = o;
	l.report = r;
	hl_buf_adds(&b, "file://");
	uri_escape(&b, base);
	if (b.s[b.len - 1] != '/')
		hl_buf_addc(&b, '/');
	r->base_uri = hl_buf_detach(&b);
	n = hl_collect_inputs(o, r, &in);
	for (i = 0; i < n; i++)
		lint_input(&l, base, &in[i], &skipped);
	if (skipped > 1)
		hl_note("skipped %zu chart template sources in all", skipped);
	hl_inputs_free(in, n);
	hl_arena_release(&l.doc_arena);
	hl_arena_release(&l.file_arena);
	free(base);
	qsort(r->findings, r->nfindings, sizeof(*r->findings), cmp_finding);
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].severity <= HL_SEV_ERROR)
			r->counts[r->findings[i].severity]++;
	return 0;
}

int hl_run(struct hl_opts *o)
{
	struct hl_report r;
	int status = HL_EXIT_OK;
	size_t i;

	memset(&r, 0, sizeof(r));
	hl_lint(o, &r);
	print_errors(&r);
	if (write_report(&r, o))
		status = HL_EXIT_IO;
	if (o->format == HL_FMT_TEXT && !o->quiet)
		hl_emit_summary(&r, stderr);
	if (r.nerrors)
		status = HL_EXIT_IO;
	if (status == HL_EXIT_OK && !o->exit_zero && o->fail_on != HL_SEV_OFF)
		for (i = o->fail_on; i <= HL_SEV_ERROR; i++)
			if (r.counts[i])
				status = HL_EXIT_FINDINGS;
	hl_report_release(&r);
	return status;
}
