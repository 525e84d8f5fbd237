/* SPDX-License-Identifier: MIT */
/* lint.c - one run: inputs, documents, rules, the release pass, findings */
#include "lint.h"
#include "pass.h"
#include "config.h"
#include "fallback.h"
#include "lifecycle.h"
#include "mask.h"
#include "release.h"
#include "rules/ordering.h"
#include "source.h"
#include "suppress.h"
#include "walker.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file of the group being linted: its buffer lives until the release
 * pass has placed every finding in it. */
struct kept {
	size_t file;		/* report file index */
	char *buf;
	size_t len;
	size_t first_res;	/* its resources in the release */
	enum hl_place place;
	bool mentions_tool;	/* may hold suppression comments */
	struct hl_line_mark *marks;	/* documents' first lines */
	size_t nmarks;
};

struct lint {
	const struct hl_opts *opts;
	struct hl_report *report;
	struct hl_arena doc_arena;	/* the walker's and the rules' */
	struct hl_arena file_arena;	/* "# Source:" paths of the group */
	size_t file;
	const char *buf;		/* the file as written */
	size_t len;
	enum hl_place place;		/* of the file being walked */
	bool crds_rendered;		/* ... a crds/ file a template renders */
	const struct hl_mask *mask;	/* its template actions, or NULL */
	struct hl_release rel;		/* the group's resources */
	bool mentions_tool;		/* the file just walked says "hooklint" */
	struct hl_line_mark *marks;	/* ... and where its documents start */
	size_t nmarks;
	struct kept *kept;
	size_t nkept, kept_alloc;
	const char *chart;		/* the one chart "# Source:" names */
	bool one_chart;			/* ... so far, in every manifest */
};

/* A manifest is a mapping with apiVersion and kind (docs/usage.md). */
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
	ctx->place = l->place;
	ctx->crds_rendered = l->crds_rendered;
}

/* helm template --output-dir writes one file per template, all naming
 * one chart in "# Source:": such a directory is one release. */
static void note_chart(struct lint *l, const char *source)
{
	size_t n = source ? strcspn(source, "/") : 0;

	if (!source || !source[n]) {
		l->one_chart = false;
	} else if (!l->chart) {
		l->chart = hl_arena_strndup(&l->file_arena, source, n);
	} else if (strlen(l->chart) != n || strncmp(l->chart, source, n)) {
		l->one_chart = false;
	}
}

/* HL131 on a null delete policy stands for HL120 too: the object is
 * rejected before it could be left over. */
static enum hl_stops stops_of(enum hl_rule_id rule, const struct hl_hook *h)
{
	if (rule == HL_RULE_HL131 && h->delete_policy &&
	    h->delete_policy->val.style == HL_STYLE_PLAIN &&
	    h->delete_policy->val.type == HL_Y_NULL)
		return HL_STOPS_REJECTED;
	return hl_rule_meta[rule].stops;
}

/*
 * The first finding from @nf on that means Helm stops at the resources
 * from @nr on (rules/<ID>.yaml: stops); the plan marks it.
 */
static void note_stop(struct lint *l, const struct hl_hook *h, size_t nf,
		      size_t nr)
{
	const struct hl_report *rep = l->report;
	size_t i, k;

	for (i = nf; i < rep->nfindings; i++) {
		enum hl_rule_id rule = rep->findings[i].rule;
		enum hl_stops how = stops_of(rule, h);

		if (!how)
			continue;
		for (k = nr; k < l->rel.n; k++) {
			struct hl_res *r = &l->rel.res[k];
			uint16_t *slot = how == HL_STOPS_RERUN ? &r->rerun_rule :
					 &r->stop_rule;

			if (*slot != HL_RULE_MAX)
				continue;
			*slot = (uint16_t)rule;
			if (how != HL_STOPS_RERUN)
				r->stop_how = (unsigned char)how;
		}
	}
}

static void on_doc(void *user, struct hl_doc *d)
{
	struct lint *l = user;
	struct hl_hook hook;
	struct hl_ctx ctx;
	size_t nf = l->report->nfindings, nr = l->rel.n;

	if (!is_manifest(d))
		return;
	hl_hook_parse(&l->doc_arena, d, &hook);
	init_ctx(l, &ctx, d);
	ctx.hook = &hook;
	/* helm template --include-crds: crds/ files are no hooks (§11) */
	if (l->place == HL_PLACE_RENDERED && d->source &&
	    hl_source_in_crds(d->source))
		ctx.place = HL_PLACE_RENDERED_CRDS;
	hl_check_doc(&ctx);
	/* files Helm never renders take no part in the release; crds/
	 * files are created first */
	if (l->place != HL_PLACE_RENDERED && l->place != HL_PLACE_TEMPLATE &&
	    l->place != HL_PLACE_CRDS)
		return;
	hl_release_add(&l->rel, d, &hook, l->file,
		       l->place == HL_PLACE_CRDS);
	note_stop(l, &hook, nf, nr);
	note_chart(l, d->source);
}

/* The first document of @dr's range that holds a template action. */
static bool has_actions(const struct lint *l, const struct hl_docrange *dr)
{
	return l->mask && hl_mask_overlaps(l->mask, dr->start,
					   dr->end > dr->start ? dr->end :
					   dr->start + 1);
}

static void on_syntax(void *user, const struct hl_docrange *dr, size_t at,
		      size_t end, const char *message)
{
	struct lint *l = user;
	struct hl_doc d;
	struct hl_ctx ctx;

	memset(&d, 0, sizeof(d));
	d.source = dr->source;
	d.span.start = dr->start;
	d.span.end = dr->end;
	init_ctx(l, &ctx, &d);
	/* a template the masking could not turn into YAML is not a YAML
	 * error: check the literal hook annotations line by line instead */
	/* a chart file Helm never renders is no manifest Helm would fail on */
	if (l->place == HL_PLACE_CHART_OTHER)
		return;
	if (l->place == HL_PLACE_TEMPLATE && has_actions(l, dr)) {
		hl_fallback_scan(&ctx, l->mask, dr->start, dr->end);
		return;
	}
	hl_check_unparsed(&ctx, at, end, message);
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
	norm = hl_path_normalize(abs);
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

/* The split counted lines: keep where documents start, so placing the
 * findings of a large stream does not count its lines a second time. */
static void keep_marks(struct lint *l, const struct hl_docrange *docs,
		       size_t n)
{
	size_t i;

	l->marks = xmalloc((n ? n : 1) * sizeof(*l->marks));
	l->nmarks = n;
	for (i = 0; i < n; i++) {
		l->marks[i].off = docs[i].start;
		l->marks[i].line = docs[i].line;
	}
}

static void lint_buffer(struct lint *l, const char *buf, size_t len)
{
	struct hl_docrange *docs;
	size_t ndocs;

	l->buf = buf;
	l->len = len;
	if (l->place == HL_PLACE_TEMPLATE || l->place == HL_PLACE_CHART_OTHER) {
		/* parse a masked copy; positions stay those of the file (chart
		 * files outside templates/ are often templates put there) */
		char *masked = xmalloc(len + 1);
		struct hl_mask mask;

		hl_mask(buf, len, masked, &mask);
		masked[len] = '\0';
		l->mask = &mask;
		ndocs = hl_split_docs(&l->file_arena, masked, len, &docs);
		hl_walk_masked(masked, buf, len, &mask, docs, ndocs,
			       &l->doc_arena, &walk_ops, l);
		l->mask = NULL;
		hl_mask_release(&mask);
		free(masked);
		/* template comments naming hooklint are masked away: look */
		l->mentions_tool = true;
	} else {
		size_t i;

		ndocs = hl_split_docs(&l->file_arena, buf, len, &docs);
		hl_walk(buf, len, docs, ndocs, &l->doc_arena, &walk_ops, l);
		l->mentions_tool = false;
		for (i = 0; i < ndocs; i++)
			l->mentions_tool |= docs[i].mentions_tool;
	}
	keep_marks(l, docs, ndocs);
	free(docs);
}

static void keep(struct lint *l, char *buf, size_t len)
{
	struct kept *k;

	HL_GROW(l->kept, l->nkept + 1, l->kept_alloc);
	k = &l->kept[l->nkept++];
	k->file = l->file;
	k->buf = buf;
	k->len = len;
	k->first_res = l->rel.n;
	k->place = l->place;
	k->mentions_tool = l->mentions_tool;
	k->marks = l->marks;
	k->nmarks = l->nmarks;
	l->marks = NULL;
	l->nmarks = 0;
}

static void release_pass(struct lint *l, const struct hl_res *res, size_t n)
{
	struct hl_release view = l->rel;
	const struct hl_release_listener *listen = l->opts->listener;
	struct hl_ctx ctx;
	struct hl_life life;
	struct hl_judgement jd;

	view.res = (struct hl_res *)res;
	view.n = n;
	init_ctx(l, &ctx, NULL);
	hl_life_build(&life, &view, l->report, l->opts->target);
	hl_judge(&jd, &life);
	hl_judgement_report(&ctx, &jd);
	if (listen)
		listen->release(listen->data, l->report, &life, &jd);
	hl_judgement_release(&jd);
	hl_life_release(&life);
}

/* A chart's files (its templates/ are in the group) form one release. */
static bool is_chart(const struct lint *l)
{
	size_t i;

	for (i = 0; i < l->nkept; i++)
		if (l->kept[i].place != HL_PLACE_RENDERED)
			return true;
	return false;
}

/* One release for the group when it is a chart, a single file, stdin, or
 * files whose "# Source:" lines all name one chart; else one per file. */
static void check_releases(struct lint *l)
{
	size_t i;

	if (l->nkept <= 1 || (l->one_chart && l->chart) || is_chart(l)) {
		release_pass(l, l->rel.res, l->rel.n);
		return;
	}
	for (i = 0; i < l->nkept; i++) {
		size_t end = i + 1 < l->nkept ? l->kept[i + 1].first_res : l->rel.n;
		release_pass(l, l->rel.res + l->kept[i].first_res,
			     end - l->kept[i].first_res);
	}
}

static const struct kept *kept_by_path(const struct lint *l, const char *path)
{
	size_t i;

	for (i = 0; i < l->nkept; i++)
		if (!strcmp(l->report->files[l->kept[i].file].path, path))
			return &l->kept[i];
	return NULL;
}

/* Lines and columns for the group's findings, file by file, then for
 * related locations in the group's other files. */
static void place_findings(struct lint *l, size_t first)
{
	struct hl_report *r = l->report;
	size_t i, j, a = first;

	hl_report_sort(r, first);
	for (i = 0; i < l->nkept; i++) {
		size_t b = a;
		while (b < r->nfindings && r->findings[b].file == l->kept[i].file)
			b++;
		hl_report_place(r, a, b, l->kept[i].buf, l->kept[i].len,
				l->opts->format == HL_FMT_SARIF,
				l->kept[i].marks, l->kept[i].nmarks);
		a = b;
	}
	for (i = first; i < r->nfindings; i++) {
		for (j = 0; j < r->findings[i].nrelated; j++) {
			struct hl_related *rel = &r->findings[i].related[j];
			const struct kept *k;

			if (!rel->path || !rel->has_region ||
			    !(k = kept_by_path(l, rel->path)))
				continue;
			hl_offset_pos(k->buf, k->len, rel->span.start, &rel->s);
			hl_offset_pos(k->buf, k->len, rel->span.end, &rel->e);
		}
	}
}

/* A chart linted for the files pre-commit named: keep the findings with
 * a primary or related location in one of them. */
static bool reported(const struct hl_report *r, const struct hl_finding *f)
{
	size_t j, k;

	if (!r->files[f->file].context_only)
		return true;
	for (j = 0; j < f->nrelated; j++) {
		if (!f->related[j].path)
			continue;
		for (k = 0; k < r->nfiles; k++)
			if (!r->files[k].context_only &&
			    !strcmp(r->files[k].path, f->related[j].path))
				return true;
	}
	return false;
}

static void drop_context_findings(struct hl_report *r, size_t first)
{
	size_t i, n = first;

	for (i = first; i < r->nfindings; i++) {
		if (reported(r, &r->findings[i])) {
			r->findings[n++] = r->findings[i];
			continue;
		}
		hl_finding_release(&r->findings[i]);
	}
	r->nfindings = n;
}

static void group_begin(struct lint *l)
{
	l->chart = NULL;
	l->one_chart = true;
}

static void group_end(struct lint *l, size_t first)
{
	size_t i;

	check_releases(l);
	/* inline suppressions, while the files' bytes are still here */
	for (i = 0; i < l->nkept; i++)
		if (l->kept[i].mentions_tool)
			hl_suppress_apply(l->opts, l->report, first,
					  l->kept[i].file, l->kept[i].buf,
					  l->kept[i].len,
					  l->kept[i].place == HL_PLACE_TEMPLATE);
	hl_report_merge_groups(l->report, first);
	drop_context_findings(l->report, first);
	place_findings(l, first);
	for (i = 0; i < l->nkept; i++) {
		free(l->kept[i].buf);
		free(l->kept[i].marks);
	}
	l->nkept = 0;
	hl_release_reset(&l->rel);
	hl_arena_reset(&l->file_arena);
}

void hl_lint_memory(const struct hl_opts *o, struct hl_report *r,
		    const char *display, const char *buf, size_t len)
{
	struct hl_input in = { .display = (char *)display, .named = true,
			       .report = true };
	size_t first = r->nfindings;
	struct lint l;

	memset(&l, 0, sizeof(l));
	l.opts = o;
	l.report = r;
	group_begin(&l);
	l.file = add_file(r, "/", &in);
	r->files[l.file].linted = true;
	lint_buffer(&l, buf, len);
	keep(&l, NULL, 0);
	l.kept[0].buf = (char *)buf;	/* borrowed: not freed */
	l.kept[0].len = len;
	check_releases(&l);
	hl_suppress_apply(o, r, first, l.file, buf, len,
			  l.place == HL_PLACE_TEMPLATE);
	hl_report_merge_groups(r, first);
	place_findings(&l, first);
	free(l.kept[0].marks);
	l.nkept = 0;
	free(l.kept);
	hl_release_free(&l.rel);
	hl_arena_release(&l.doc_arena);
	hl_arena_release(&l.file_arena);
}

/* An ignore glob of the configuration file covers @in: a file found by
 * walking, or any file with --force-exclude. Such a file is still read
 * when it belongs to a chart (the chart's other files need it), but its
 * findings are not reported. */
static bool ignored(const struct hl_opts *o, const struct hl_input *in)
{
	const char *path = in->path ? in->path : o->stdin_filename;

	return path && (!in->named || o->force_exclude) &&
	       hl_config_ignores(o, path, false);
}

static void lint_input(struct lint *l, const char *base,
		       const struct hl_input *in)
{
	struct hl_report *r = l->report;
	size_t first_res = l->rel.n;
	char *buf;
	size_t len;

	if (hl_read_file(in->path, &buf, &len)) {
		hl_report_error(r, in->display, xasprintf("cannot read '%s': %s",
				in->display, strerror(errno)));
		return;
	}
	l->file = add_file(r, base, in);
	r->files[l->file].linted = true;
	r->files[l->file].context_only = !in->report || ignored(l->opts, in);
	l->place = in->place;
	l->crds_rendered = in->crds_rendered;
	lint_buffer(l, buf, len);
	keep(l, buf, len);
	l->kept[l->nkept - 1].first_res = first_res;
}

int hl_lint(const struct hl_opts *o, struct hl_report *r)
{
	struct lint l;
	struct hl_input *in;
	char *base = find_base();
	size_t n, i;
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
	for (i = 0; i < n; i++) {
		size_t first = r->nfindings;

		/* a chart, or the loose files of one argument */
		group_begin(&l);
		for (; i < n; i++) {
			lint_input(&l, base, &in[i]);
			if (i + 1 == n || in[i + 1].release != in[i].release)
				break;
		}
		group_end(&l, first);
	}
	free(l.kept);
	hl_release_free(&l.rel);
	hl_inputs_free(in, n);
	hl_arena_release(&l.doc_arena);
	hl_arena_release(&l.file_arena);
	free(base);
	hl_report_sort(r, 0);
	hl_report_count(r);
	return 0;
}

