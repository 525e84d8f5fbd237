/* SPDX-License-Identifier: MIT */
/* source.c - command-line arguments to the files to lint */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct inputs {
	struct hl_input *v;
	size_t n, alloc;
	const struct hl_opts *opts;
	struct hl_report *report;
};

static void add_error(struct hl_report *r, const char *path, const char *fmt,
		      ...) HL_PRINTF(3, 4);

static void add_error(struct hl_report *r, const char *path, const char *fmt,
		      ...)
{
	struct hl_error_entry *e;
	va_list ap;

	HL_GROW(r->errors, r->nerrors + 1, r->errors_alloc);
	e = &r->errors[r->nerrors++];
	e->path = path ? xstrdup(path) : NULL;
	va_start(ap, fmt);
	e->message = xvasprintf(fmt, ap);
	va_end(ap);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_yaml_name(const char *name)
{
	return has_suffix(name, ".yaml") || has_suffix(name, ".yml");
}

static bool file_exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return ok;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * A template source lies under templates/ of the nearest chart (a
 * directory with Chart.yaml) above it. Decided by location, never by
 * content: rendered manifests may contain "{{".
 */
static bool under_chart_templates(const char *path)
{
	char *dir = dir_of(path);
	bool saw_templates = false, found = false;

	for (;;) {
		const char *base = strrchr(dir, '/');
		char *up;

		if (file_exists(dir, "Chart.yaml")) {
			found = saw_templates;
			break;
		}
		base = base ? base + 1 : dir;
		if (!strcmp(base, "templates"))
			saw_templates = true;
		if (!strcmp(dir, "/") || !strcmp(dir, ".") || !strcmp(dir, ".."))
			break;
		up = dir_of(dir);
		if (!strcmp(up, dir)) {
			free(up);
			break;
		}
		free(dir);
		dir = up;
	}
	free(dir);
	return found;
}

/* Chart files that are YAML but never manifests. */
static bool is_chart_meta(const char *dir, const char *name)
{
	if (!file_exists(dir, "Chart.yaml"))
		return false;
	return !strcmp(name, "Chart.yaml") || !strcmp(name, "Chart.lock") ||
	       (!strncmp(name, "values", 6) && is_yaml_name(name));
}

static void add_input(struct inputs *in, const char *path, bool named)
{
	struct hl_input *i;
	size_t k;

	for (k = 0; k < in->n; k++)
		if (in->v[k].path && !strcmp(in->v[k].path, path))
			return;	/* the same file given twice is linted once */
	HL_GROW(in->v, in->n + 1, in->alloc);
	i = &in->v[in->n++];
	i->path = xstrdup(path);
	i->display = xstrdup(path);
	switch (in->opts->mode) {
	case HL_MODE_RENDERED:
		i->kind = HL_IN_RENDERED;
		break;
	case HL_MODE_TEMPLATE:
		i->kind = HL_IN_TEMPLATE;
		break;
	default:
		i->kind = under_chart_templates(path) ? HL_IN_TEMPLATE :
			  HL_IN_RENDERED;
		break;
	}
	(void)named;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct inputs *in, const char *dir, unsigned depth);

static void walk_entry(struct inputs *in, const char *dir, const char *name,
		       unsigned depth)
{
	char *path = !strcmp(dir, ".") ? xstrdup(name) :
		has_suffix(dir, "/") ? xasprintf("%s%s", dir, name) :
		xasprintf("%s/%s", dir, name);
	struct stat st;

	/* lstat: symlinked directories are not followed */
	if (lstat(path, &st)) {
		add_error(in->report, path, "cannot read '%s': %s", path,
			  strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		walk_dir(in, path, depth + 1);
	} else if (is_yaml_name(name) && !is_chart_meta(dir, name)) {
		if (S_ISLNK(st.st_mode) && (stat(path, &st) || !S_ISREG(st.st_mode))) {
			/* a link to a directory or nowhere */
		} else {
			add_input(in, path, false);
		}
	}
	free(path);
}

static void walk_dir(struct inputs *in, const char *dir, unsigned depth)
{
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct dirent *de;
	DIR *d;

	if (depth > 64) {
		add_error(in->report, dir, "'%s': directories nested too deeply",
			  dir);
		return;
	}
	d = opendir(dir);
	if (!d) {
		add_error(in->report, dir, "cannot read directory '%s': %s", dir,
			  strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		/* hidden entries (.git, .github, ...) are not chart content */
		if (de->d_name[0] == '.')
			continue;
		HL_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		walk_entry(in, dir, names[i], depth);
		free(names[i]);
	}
	free(names);
}

size_t hl_collect_inputs(const struct hl_opts *o, struct hl_report *r,
			 struct hl_input **out)
{
	struct inputs in = { NULL, 0, 0, o, r };
	static char *dot[] = { "." };
	char **paths = o->npaths ? o->paths : dot;
	size_t n = o->npaths ? o->npaths : 1, i;

	for (i = 0; i < n; i++) {
		const char *p = paths[i];
		struct stat st;

		if (!strcmp(p, "-")) {
			struct hl_input *s;
			HL_GROW(in.v, in.n + 1, in.alloc);
			s = &in.v[in.n++];
			s->path = NULL;
			s->display = xstrdup(o->stdin_filename ?
					     o->stdin_filename : "-");
			s->kind = o->mode == HL_MODE_TEMPLATE ||
				(o->mode == HL_MODE_AUTO && o->stdin_filename &&
				 under_chart_templates(o->stdin_filename)) ?
				HL_IN_TEMPLATE : HL_IN_RENDERED;
		} else if (stat(p, &st)) {
			add_error(r, p, "cannot read '%s': %s", p, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			walk_dir(&in, p, 0);
		} else {
			add_input(&in, p, true);
		}
	}
	*out = in.v;
	return in.n;
}

void hl_inputs_free(struct hl_input *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(in[i].path);
		free(in[i].display);
	}
	free(in);
}
