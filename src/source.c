/* SPDX-License-Identifier: MIT */
/* source.c - command-line arguments to the files to lint, and releases */
#include "source.h"
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct inputs {
	struct hl_input *v;
	size_t n, alloc;
	size_t arg;		/* the argument being expanded */
	size_t release;		/* the release inputs are added to */
	size_t next_release;
	const struct hl_opts *opts;
	struct hl_report *report;
	/* paths seen, for "the same file given twice is linted once" */
	char **seen;
	size_t seen_cap, seen_n;
};

/* Chart state while one chart (and its subcharts) is collected. */
struct chart {
	const char *root;	/* the chart directory */
	char **ignore;		/* .helmignore patterns */
	size_t nignore;
	const struct chart *parent;
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

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static char *join(const char *dir, const char *name)
{
	if (!strcmp(dir, "."))
		return xstrdup(name);
	return has_suffix(dir, "/") ? xasprintf("%s%s", dir, name) :
		xasprintf("%s/%s", dir, name);
}

static bool file_exists(const char *dir, const char *name)
{
	char *p = join(dir, name);
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

/* FNV-1a over a path, for the set of paths seen. */
static size_t path_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Record @path; false when it was seen before. */
static bool first_sight(struct inputs *in, const char *path)
{
	size_t i;

	if (2 * (in->seen_n + 1) > in->seen_cap) {
		char **old = in->seen;
		size_t oldcap = in->seen_cap;

		in->seen_cap = oldcap ? oldcap * 2 : 256;
		in->seen = xcalloc(in->seen_cap, sizeof(*in->seen));
		for (i = 0; i < oldcap; i++) {
			size_t j;
			if (!old[i])
				continue;
			j = path_hash(old[i]) & (in->seen_cap - 1);
			while (in->seen[j])
				j = (j + 1) & (in->seen_cap - 1);
			in->seen[j] = old[i];
		}
		free(old);
	}
	i = path_hash(path) & (in->seen_cap - 1);
	while (in->seen[i]) {
		if (!strcmp(in->seen[i], path))
			return false;
		i = (i + 1) & (in->seen_cap - 1);
	}
	in->seen[i] = xstrdup(path);
	in->seen_n++;
	return true;
}

static struct hl_input *add_input(struct inputs *in, const char *path,
				  enum hl_place place, bool named)
{
	struct hl_input *i;

	if (!first_sight(in, path))
		return NULL;	/* the same file given twice is linted once */
	HL_GROW(in->v, in->n + 1, in->alloc);
	i = &in->v[in->n++];
	memset(i, 0, sizeof(*i));
	i->path = xstrdup(path);
	i->display = xstrdup(path);
	i->arg = in->arg;
	i->named = named;
	i->release = in->release;
	i->report = true;
	/* --mode says how a file is read, not where it sits in a chart */
	if (in->opts->mode == HL_MODE_RENDERED && place == HL_PLACE_TEMPLATE)
		place = HL_PLACE_RENDERED;
	else if (in->opts->mode == HL_MODE_TEMPLATE &&
		 place == HL_PLACE_RENDERED)
		place = HL_PLACE_TEMPLATE;
	i->place = place;
	i->kind = place == HL_PLACE_TEMPLATE ? HL_IN_TEMPLATE : HL_IN_RENDERED;
	return i;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, non-hidden entries of @dir; NULL with an error recorded. */
static char **list_dir(struct inputs *in, const char *dir, size_t *np)
{
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	DIR *d = opendir(dir);

	*np = 0;
	if (!d) {
		add_error(in->report, dir, "cannot read directory '%s': %s", dir,
			  strerror(errno));
		return NULL;
	}
	while ((de = readdir(d))) {
		/* hidden entries (.git, .github, ...) are not chart content */
		if (de->d_name[0] == '.')
			continue;
		HL_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*np = n;
	return names;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* lstat: symlinked directories are never followed (symlink loops). */
static int entry_type(struct inputs *in, const char *path)
{
	struct stat st;

	if (lstat(path, &st)) {
		add_error(in->report, path, "cannot read '%s': %s", path,
			  strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return 'd';
	if (S_ISLNK(st.st_mode))
		return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? 'f' : -1;
	return S_ISREG(st.st_mode) ? 'f' : -1;
}

/* --- charts --------------------------------------------------------- */

static void load_helmignore(struct chart *c)
{
	char *path = join(c->root, ".helmignore"), *buf, *line, *save;
	size_t len;

	if (hl_read_file(path, &buf, &len)) {
		free(path);
		return;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\r' ||
			     line[n - 1] == '/'))
			line[--n] = '\0';
		if (!n || line[0] == '#' || line[0] == '!')
			continue;
		c->ignore = xrealloc(c->ignore, (c->nignore + 1) * sizeof(char *));
		c->ignore[c->nignore++] = xstrdup(line[0] == '/' ? line + 1 : line);
	}
	free(buf);
	free(path);
}

/* .helmignore: a pattern matches the path below the chart root or any
 * single name in it. */
static bool ignored(const struct chart *c, const char *path)
{
	size_t rl = strlen(c->root), i;
	const char *rel = path;

	if (!strncmp(path, c->root, rl) && path[rl] == '/')
		rel = path + rl + 1;
	for (i = 0; i < c->nignore; i++)
		if (!fnmatch(c->ignore[i], rel, FNM_PATHNAME) ||
		    !fnmatch(c->ignore[i], base_name(rel), 0))
			return true;
	return false;
}

static bool is_library(const char *root)
{
	char *path = join(root, "Chart.yaml"), *buf;
	size_t len;
	bool lib = false;

	if (!hl_read_file(path, &buf, &len)) {
		const char *p = buf;
		while ((p = strstr(p, "type:"))) {
			const char *q = p + 5;
			bool at_line_start = p == buf || p[-1] == '\n';
			while (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'')
				q++;
			if (at_line_start && !strncmp(q, "library", 7))
				lib = true;
			p += 5;
		}
		free(buf);
	}
	free(path);
	return lib;
}

static void add_chart(struct inputs *in, const char *root,
		      const struct chart *parent);

/* Every file below @dir goes in as @place (templates/: any extension but
 * partials and NOTES.txt; crds/: YAML and JSON). */
static void chart_tree(struct inputs *in, const struct chart *c,
		       const char *dir, enum hl_place place, unsigned depth)
{
	size_t n, i;
	char **names = list_dir(in, dir, &n);

	for (i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		int t = ignored(c, path) ? -1 : entry_type(in, path);

		if (t == 'd' && depth < 32) {
			chart_tree(in, c, path, place, depth + 1);
		} else if (t == 'f' && place == HL_PLACE_TEMPLATE) {
			if (names[i][0] != '_' && strcmp(names[i], "NOTES.txt"))
				add_input(in, path, place, false);
		} else if (t == 'f' && (is_yaml_name(names[i]) ||
					has_suffix(names[i], ".json"))) {
			add_input(in, path, place, false);
		}
		free(path);
	}
	free_names(names, n);
}

/* charts/: unpacked subcharts are part of the release; packaged ones
 * cannot be read here and are said to be skipped. */
static void subcharts(struct inputs *in, const struct chart *c,
		      const char *dir)
{
	size_t n, i;
	char **names = list_dir(in, dir, &n);

	for (i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		int t = ignored(c, path) ? -1 : entry_type(in, path);

		if (t == 'd' && file_exists(path, "Chart.yaml"))
			add_chart(in, path, c);
		else if (t == 'f' && has_suffix(names[i], ".tgz"))
			hl_note("skipping packaged subchart '%s': unpack it to "
				"lint its hooks", path);
		free(path);
	}
	free_names(names, n);
}

/* Chart files that are YAML but never manifests. */
static bool is_chart_meta(const char *name)
{
	return !strcmp(name, "Chart.yaml") || !strcmp(name, "Chart.lock") ||
	       (!strncmp(name, "values", 6) && is_yaml_name(name));
}

static void other_tree(struct inputs *in, const struct chart *c,
		       const char *dir, unsigned depth)
{
	size_t n, i;
	char **names = list_dir(in, dir, &n);

	for (i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		int t = ignored(c, path) ? -1 : entry_type(in, path);

		if (t == 'd' && depth < 32)
			other_tree(in, c, path, depth + 1);
		else if (t == 'f' && is_yaml_name(names[i]) &&
			 !(depth == 0 && is_chart_meta(names[i])))
			add_input(in, path, HL_PLACE_CHART_OTHER, false);
		free(path);
	}
	free_names(names, n);
}

/* Does [ls, le) read crds/ files (.Files.Glob "crds/...")? */
static bool line_reads_crds(const char *ls, const char *le)
{
	const char *p;
	bool files = false;

	for (p = ls; p + 5 <= le; p++) {
		if (p + 6 <= le && !memcmp(p, "Files.", 6))
			files = true;
		else if (files && !memcmp(p, "crds/", 5))
			return true;
	}
	return false;
}

/* Does a file below the chart's templates/ @dir (partials included)
 * render crds/ files? Charts for Helm 2 and 3 do, for Helm 2 (§11). */
static bool templates_read_crds(struct inputs *in, const struct chart *c,
				const char *dir, unsigned depth)
{
	size_t n, i;
	char **names = list_dir(in, dir, &n);
	bool found = false;

	for (i = 0; i < n && !found; i++) {
		char *path = join(dir, names[i]), *buf, *ls, *le;
		int t = ignored(c, path) ? -1 : entry_type(in, path);
		size_t len;

		if (t == 'd' && depth < 32) {
			found = templates_read_crds(in, c, path, depth + 1);
		} else if (t == 'f' && !hl_read_file(path, &buf, &len)) {
			for (ls = buf; !found && ls < buf + len; ls = le + 1) {
				le = memchr(ls, '\n', (size_t)(buf + len - ls));
				if (!le)
					le = buf + len;
				found = line_reads_crds(ls, le);
			}
			free(buf);
		}
		free(path);
	}
	free_names(names, n);
	return found;
}

static void add_chart(struct inputs *in, const char *root,
		      const struct chart *parent)
{
	struct chart c = { root, NULL, 0, parent };
	size_t n, i, crds = SIZE_MAX, crds_end = 0;
	char **names;
	char *templates = NULL;

	if (is_library(root)) {
		hl_note("skipping library chart '%s': it renders nothing", root);
		return;
	}
	load_helmignore(&c);
	names = list_dir(in, root, &n);
	for (i = 0; i < n; i++) {
		char *path = join(root, names[i]);
		int t = ignored(&c, path) ? -1 : entry_type(in, path);

		if (t == 'd' && !strcmp(names[i], "templates")) {
			chart_tree(in, &c, path, HL_PLACE_TEMPLATE, 0);
			templates = xstrdup(path);
		} else if (t == 'd' && !strcmp(names[i], "crds")) {
			crds = in->n;
			chart_tree(in, &c, path, HL_PLACE_CRDS, 0);
			crds_end = in->n;
		} else if (t == 'd' && !strcmp(names[i], "charts"))
			subcharts(in, &c, path);
		else if (t == 'd')
			other_tree(in, &c, path, 1);
		free(path);
	}
	free_names(names, n);
	if (crds < crds_end && templates &&
	    templates_read_crds(in, &c, templates, 0))
		for (i = crds; i < crds_end; i++)
			in->v[i].crds_rendered = true;
	free(templates);
	for (i = 0; i < c.nignore; i++)
		free(c.ignore[i]);
	free(c.ignore);
}

/* The outermost chart above @path: a subchart under charts/ belongs to
 * its parent's release. NULL when @path is not in a chart. */
static char *chart_root_of(const char *path)
{
	char *dir = dir_of(path), *root = NULL;

	for (;;) {
		char *up;

		if (file_exists(dir, "Chart.yaml")) {
			free(root);
			root = xstrdup(dir);
		} else if (root) {
			/* only charts/<sub>/ continues a chart upwards */
			const char *b = base_name(dir);
			if (strcmp(b, "charts"))
				break;
		}
		if (!strcmp(dir, "/") || !strcmp(dir, ".") || !strcmp(dir, ".."))
			break;
		up = dir_of(dir);
		if (!strcmp(up, dir) || (!strcmp(up, ".") && dir[0] == '.')) {
			free(up);
			break;
		}
		free(dir);
		dir = up;
	}
	free(dir);
	return root;
}

/* --- walking and arguments ------------------------------------------ */

static void walk_dir(struct inputs *in, const char *dir, unsigned depth)
{
	size_t n, i;
	char **names;

	if (file_exists(dir, "Chart.yaml")) {
		in->release = in->next_release++;
		add_chart(in, dir, NULL);
		return;
	}
	if (depth > 64) {
		add_error(in->report, dir, "'%s': directories nested too deeply",
			  dir);
		return;
	}
	names = list_dir(in, dir, &n);
	for (i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		int t = entry_type(in, path);

		/* the configuration's ignore globs: not even read */
		if (t > 0 && hl_config_ignores(in->opts, path, t == 'd'))
			t = -1;
		if (t == 'd') {
			size_t loose = in->release;
			walk_dir(in, path, depth + 1);
			in->release = loose;
		} else if (t == 'f' && is_yaml_name(names[i])) {
			add_input(in, path, HL_PLACE_RENDERED, false);
		}
		free(path);
	}
	free_names(names, n);
}

/* A file named on the command line inside a chart (what pre-commit
 * passes): the whole chart is linted, and only the named files' findings
 * are reported, unless a partial, Chart.yaml or a values file is named. */
static void named_in_chart(struct inputs *in, const char *path,
			   const char *root)
{
	const char *b = base_name(path);
	bool whole = b[0] == '_' || is_chart_meta(b) || has_suffix(b, ".tpl");
	size_t i, first = in->n;
	bool known = false;

	for (i = 0; i < in->n; i++)
		if (in->v[i].chart_root && !strcmp(in->v[i].chart_root, root))
			known = true;
	if (!known) {
		in->release = in->next_release++;
		add_chart(in, root, NULL);
		for (i = first; i < in->n; i++) {
			in->v[i].chart_root = xstrdup(root);
			in->v[i].filtered = true;
		}
	}
	for (i = 0; i < in->n; i++) {
		struct hl_input *x = &in->v[i];

		if (!x->chart_root || strcmp(x->chart_root, root))
			continue;
		if (whole)
			x->filtered = false;
		if (!strcmp(x->path, path))
			x->named = true;
		x->report = !x->filtered || x->named;
	}
}

static void add_stdin(struct inputs *in, size_t arg)
{
	const struct hl_opts *o = in->opts;
	enum hl_place place = HL_PLACE_RENDERED;
	struct hl_input *s;

	if (o->stdin_filename) {
		char *root = chart_root_of(o->stdin_filename);
		const char *t = strstr(o->stdin_filename, "/templates/");
		if (root && t)
			place = HL_PLACE_TEMPLATE;
		else if (root && strstr(o->stdin_filename, "/crds/"))
			place = HL_PLACE_CRDS;
		free(root);
	}
	if (o->mode == HL_MODE_TEMPLATE && place == HL_PLACE_RENDERED)
		place = HL_PLACE_TEMPLATE;
	else if (o->mode == HL_MODE_RENDERED && place == HL_PLACE_TEMPLATE)
		place = HL_PLACE_RENDERED;
	HL_GROW(in->v, in->n + 1, in->alloc);
	s = &in->v[in->n++];
	memset(s, 0, sizeof(*s));
	s->display = xstrdup(o->stdin_filename ? o->stdin_filename : "-");
	s->arg = arg;
	s->named = s->report = true;
	s->release = in->next_release++;
	s->place = place;
	s->kind = place == HL_PLACE_TEMPLATE ? HL_IN_TEMPLATE : HL_IN_RENDERED;
}

/* The place of a file inside chart @root. */
static enum hl_place place_in_chart(const char *root, const char *path)
{
	size_t n = strlen(root);
	const char *rel = !strncmp(path, root, n) && path[n] == '/' ?
		path + n + 1 : path;

	if (!strncmp(rel, "templates/", 10))
		return HL_PLACE_TEMPLATE;
	if (!strncmp(rel, "crds/", 5))
		return HL_PLACE_CRDS;
	return HL_PLACE_CHART_OTHER;
}

size_t hl_collect_inputs(const struct hl_opts *o, struct hl_report *r,
			 struct hl_input **out)
{
	struct inputs in = { .opts = o, .report = r };
	static char *dot[] = { "." };
	char **paths = o->npaths ? o->paths : dot;
	size_t n = o->npaths ? o->npaths : 1, i;

	for (i = 0; i < n; i++) {
		const char *p = paths[i];
		struct stat st;
		char *root;

		in.arg = i;
		if (!strcmp(p, "-")) {
			add_stdin(&in, i);
		} else if (stat(p, &st)) {
			add_error(r, p, "cannot read '%s': %s", p, strerror(errno));
		} else if (o->force_exclude &&
			   hl_config_ignores(o, p, S_ISDIR(st.st_mode))) {
			/* --force-exclude: the ignore globs win over names */
		} else if (S_ISDIR(st.st_mode)) {
			/* loose files of one argument share a release group */
			in.release = in.next_release++;
			walk_dir(&in, p, 0);
		} else if (o->mode == HL_MODE_AUTO && (root = chart_root_of(p)) &&
			   (place_in_chart(root, p) != HL_PLACE_CHART_OTHER ||
			    is_chart_meta(base_name(p)))) {
			named_in_chart(&in, p, root);
			free(root);
		} else {
			struct hl_input *x;
			enum hl_place place = HL_PLACE_RENDERED;

			if (o->mode == HL_MODE_AUTO && root) {
				place = place_in_chart(root, p);
				free(root);
			}
			in.release = in.next_release++;
			x = add_input(&in, p, place, true);
			(void)x;
		}
	}
	for (i = 0; i < in.seen_cap; i++)
		free(in.seen[i]);
	free(in.seen);
	*out = in.v;
	return in.n;
}

void hl_inputs_free(struct hl_input *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(in[i].path);
		free(in[i].display);
		free(in[i].chart_root);
	}
	free(in);
}
