/* SPDX-License-Identifier: MIT */
/* config.c - .hooklint.yaml: discovery, parsing, precedence, ignore globs */
#include "config.h"
#include "words.h"
#include "position.h"

#include <errno.h>
#include <fnmatch.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A pattern longer than this, or with more segments, is refused: the
 * configuration comes from the repository being linted. */
#define GLOB_MAX_LEN 1024
#define GLOB_MAX_SEGS 64

struct parse {
	struct hl_config *c;
	const char *buf;
	size_t len;
};

static int fail_at(struct parse *p, size_t off, const char *fmt, ...)
	HL_PRINTF(3, 4);

static int fail_at(struct parse *p, size_t off, const char *fmt, ...)
{
	struct hl_pos pos;
	va_list ap;
	char *msg;

	if (p->c->error)
		return -1;
	hl_offset_pos(p->buf, p->len, off > p->len ? p->len : off, &pos);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->c->error = xasprintf("%s:%lu:%lu: error: %s", p->c->path, pos.line,
				pos.col, msg);
	free(msg);
	return -1;
}

/* Byte offset of a scalar node, or @fallback for collections. */
static size_t node_off(struct fy_node *n, size_t fallback)
{
	struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	return m ? m->input_pos : fallback;
}

/* The text of a plain or quoted scalar node (NUL-terminated copy), or
 * NULL after reporting what it is instead. */
static char *scalar(struct parse *p, struct fy_node *n, size_t at,
		    const char *what)
{
	const char *s;
	size_t len;

	if (!n || fy_node_is_null(n))
		return fail_at(p, at, "%s: a value is needed", what), NULL;
	if (fy_node_is_alias(n))
		return fail_at(p, node_off(n, at), "%s: aliases are not "
			       "supported here", what), NULL;
	if (!fy_node_is_scalar(n))
		return fail_at(p, at, "%s: expected a single value, not a %s",
			       what, fy_node_is_mapping(n) ? "mapping" :
			       "sequence"), NULL;
	s = fy_node_get_scalar(n, &len);
	if (!s)
		return fail_at(p, at, "%s: unreadable value", what), NULL;
	if (memchr(s, '\0', len))
		return fail_at(p, node_off(n, at), "%s: NUL byte in value",
			       what), NULL;
	return xstrndup(s, len);
}

/* What `rules: {ID: word}` sets. */
struct setting {
	const char *word;
	enum hl_severity severity;	/* HL_SEV_OFF for "off" and "on" */
	bool on;			/* the rule's default severity */
};

static const struct setting settings[] = {
	{ "info", HL_SEV_INFO, false },
	{ "warning", HL_SEV_WARNING, false },
	{ "error", HL_SEV_ERROR, false },
	{ "off", HL_SEV_OFF, false },
	{ "on", HL_SEV_OFF, true },
};

static const struct setting *find_setting(const char *word)
{
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(settings); i++)
		if (!strcmp(word, settings[i].word))
			return &settings[i];
	return NULL;
}

static int set_rule(struct parse *p, struct fy_node *key, struct fy_node *val)
{
	size_t at = node_off(key, 0);
	char *id = scalar(p, key, at, "rules");
	char *sev = NULL;
	enum hl_rule_id r;
	bool all;
	const struct setting *set;
	int ret = -1;

	if (!id)
		return -1;
	all = !strcasecmp(id, "all");
	r = all ? HL_RULE_MAX : hl_rule_lookup(id, strlen(id));
	if (!all && r == HL_RULE_MAX) {
		fail_at(p, at, "unknown rule '%s' (see hooklint --list-rules)",
			id);
		goto out;
	}
	sev = scalar(p, val, at, id);
	if (!sev)
		goto out;
	set = find_setting(sev);
	if (!set) {
		fail_at(p, node_off(val, at), "%s: unknown setting '%s': off, on, "
			"info, warning or error", id, sev);
		goto out;
	}
	for (r = all ? 0 : r; r < HL_RULE_MAX; r++) {
		/* "on": the default severity; info for a rule off by default */
		p->c->severity[r] = !set->on ? set->severity :
			hl_rule_meta[r].off_by_default ? HL_SEV_INFO :
			hl_rule_meta[r].severity;
		p->c->rule_set[r] = true;
		p->c->raised[r] = !set->on && set->severity != HL_SEV_OFF;
		if (!all)
			break;
	}
	ret = 0;
out:
	free(id);
	free(sev);
	return ret;
}

static int parse_rules(struct parse *p, struct fy_node *key,
		       struct fy_node *val)
{
	struct fy_node_pair *pair;
	void *it = NULL;

	if (!val || fy_node_is_null(val))
		return 0;
	if (!fy_node_is_mapping(val))
		return fail_at(p, node_off(val, node_off(key, 0)),
			       "rules: expected a mapping of rule IDs to off, "
			       "on, info, warning or error");
	while ((pair = fy_node_mapping_iterate(val, &it)))
		if (set_rule(p, fy_node_pair_key(pair), fy_node_pair_value(pair)))
			return -1;
	return 0;
}

/* Check and store one ignore glob. */
static int add_glob(struct parse *p, struct fy_node *n, size_t at)
{
	char *s = scalar(p, n, at, "ignore");
	struct hl_config_glob *g;
	size_t len, segs = 1, i;

	if (!s)
		return -1;
	at = node_off(n, at);
	len = strlen(s);
	for (i = 0; i < len; i++)
		segs += s[i] == '/';
	if (len > GLOB_MAX_LEN || segs > GLOB_MAX_SEGS) {
		free(s);
		return fail_at(p, at, "ignore: pattern too long");
	}
	if (s[0] == '/') {
		free(s);
		return fail_at(p, at, "ignore: patterns are relative to the "
			       "configuration file's directory; remove the "
			       "leading '/'");
	}
	HL_GROW(p->c->ignore, p->c->nignore + 1, p->c->ignore_alloc);
	g = &p->c->ignore[p->c->nignore++];
	g->dir_only = len && s[len - 1] == '/';
	while (len && s[len - 1] == '/')
		s[--len] = '\0';
	while (!strncmp(s, "./", 2))
		memmove(s, s + 2, strlen(s + 2) + 1);
	g->pattern = s;
	if (!*s || !strcmp(s, "."))
		return fail_at(p, at, "ignore: empty pattern");
	return 0;
}

static int parse_ignore(struct parse *p, struct fy_node *key,
			struct fy_node *val)
{
	size_t at = node_off(key, 0);
	struct fy_node *item;
	void *it = NULL;

	if (!val || fy_node_is_null(val))
		return 0;
	if (fy_node_is_scalar(val) && !fy_node_is_alias(val))
		return add_glob(p, val, at);
	if (!fy_node_is_sequence(val))
		return fail_at(p, at, "ignore: expected a list of globs");
	while ((item = fy_node_sequence_iterate(val, &it)))
		if (add_glob(p, item, at))
			return -1;
	return 0;
}

static int parse_key(struct parse *p, struct fy_node *key, struct fy_node *val)
{
	size_t at = node_off(key, 0);
	char *k = scalar(p, key, at, "key"), *v = NULL;
	const struct hl_word *w;
	int ret = -1;

	if (!k)
		return -1;
	if (!strcmp(k, "rules")) {
		ret = parse_rules(p, key, val);
	} else if (!strcmp(k, "ignore")) {
		ret = parse_ignore(p, key, val);
	} else if (!strcmp(k, "target")) {
		if (!(v = scalar(p, val, at, k)))
			goto out;
		if (!(w = hl_word_find(HL_WORDS_TARGET, v))) {
			fail_at(p, node_off(val, at), "target: unknown target "
				"'%s': helm, helm3, helm4, argocd or flux", v);
			goto out;
		}
		p->c->target = (enum hl_target)w->value;
		p->c->has_target = true;
		ret = 0;
	} else if (!strcmp(k, "fail-on")) {
		if (!(v = scalar(p, val, at, k)))
			goto out;
		if (!(w = hl_word_find(HL_WORDS_LEVEL, v))) {
			fail_at(p, node_off(val, at), "fail-on: unknown level "
				"'%s': error, warning, info or never", v);
			goto out;
		}
		p->c->fail_on = (enum hl_severity)w->value;
		p->c->has_fail_on = true;
		ret = 0;
	} else {
		fail_at(p, at, "unknown key '%s': rules, target, fail-on or "
			"ignore", k);
	}
out:
	free(k);
	free(v);
	return ret;
}

/* The offset of a libfyaml diagnostic: its token's, else its line and
 * column (0-based, counted in bytes). */
static size_t diag_off(struct parse *p, const struct fy_diag_error *de)
{
	const struct fy_mark *m = de->fyt ? fy_token_start_mark(de->fyt) : NULL;
	size_t off = 0;
	int line;

	if (m)
		return m->input_pos;
	for (line = 0; line < de->line && off < p->len; off++)
		if (p->buf[off] == '\n')
			line++;
	return off + (de->column > 0 ? (size_t)de->column : 0);
}

/* Blank lines, comments and document markers only: libfyaml builds no
 * document from them. */
static bool only_comments(const char *buf, size_t len)
{
	size_t p = 0;

	while (p < len) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t eol = nl ? (size_t)(nl - buf) : len;

		while (p < eol && strchr(" \t\r", buf[p]))
			p++;
		if (p < eol && buf[p] != '#' &&
		    !(eol - p >= 3 && (!memcmp(buf + p, "---", 3) ||
				       !memcmp(buf + p, "...", 3))))
			return false;
		p = eol + 1;
	}
	return true;
}

int hl_config_parse(struct hl_config *c, const char *path, const char *buf,
		    size_t len)
{
	struct parse p = { c, buf, len };
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg cfg;
	struct fy_diag *diag;
	struct fy_document *fyd = NULL;
	struct fy_node *root, *val;
	struct fy_node_pair *pair;
	const char *nul = memchr(buf, '\0', len);
	size_t bad = hl_utf8_invalid(buf, len);
	void *it = NULL;
	int ret = -1;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	/* libfyaml ends the input silently at a NUL or bad UTF-8 */
	if (nul && (size_t)(nul - buf) < bad)
		bad = (size_t)(nul - buf);
	if (bad < len)
		return fail_at(&p, bad, "%s", buf[bad] ? "invalid UTF-8" :
			       "NUL byte");

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return fail_at(&p, 0, "internal error: cannot parse YAML");
	fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT |
		    FYPCF_DEFAULT_VERSION_1_2;
	cfg.diag = diag;
	fyd = fy_document_build_from_string(&cfg, buf, len);
	if (!fyd || fy_diag_got_error(diag)) {
		void *dit = NULL;
		struct fy_diag_error *de = fy_diag_errors_iterate(diag, &dit);

		if (de)
			fail_at(&p, diag_off(&p, de), "%s", de->msg);
		else if (fyd || !only_comments(buf, len))
			fail_at(&p, len, "invalid YAML");
		else
			ret = 0;	/* no document: nothing configured */
		goto out;
	}
	root = fy_document_root(fyd);
	if (!root || fy_node_is_null(root)) {
		ret = 0;
		goto out;
	}
	if (!fy_node_is_mapping(root)) {
		fail_at(&p, node_off(root, 0), "expected a mapping with rules, "
			"target, fail-on or ignore");
		goto out;
	}
	while ((pair = fy_node_mapping_iterate(root, &it))) {
		val = fy_node_pair_value(pair);
		if (parse_key(&p, fy_node_pair_key(pair), val))
			goto out;
	}
	ret = 0;
out:
	fy_document_destroy(fyd);
	fy_diag_destroy(diag);
	return ret;
}

void hl_config_release(struct hl_config *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nignore; i++)
		free(c->ignore[i].pattern);
	free(c->ignore);
	free(c->path);
	free(c->dir);
	free(c->error);
	memset(c, 0, sizeof(*c));
}

/* --- paths ------------------------------------------------------------ */


/* @path made absolute against the current directory, normalised. */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX], *abs, *norm;

	if (path[0] == '/')
		return hl_path_normalize(path);
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	abs = xasprintf("%s/%s", cwd, path);
	norm = hl_path_normalize(abs);
	free(abs);
	return norm;
}

static bool exists(const char *dir, const char *name, bool regular)
{
	char *p = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", name);
	struct stat st;
	bool ok = stat(p, &st) == 0 && (!regular || !S_ISDIR(st.st_mode));

	free(p);
	return ok;
}

/*
 * .hooklint.yaml in the current directory or the nearest parent, stopping
 * at the repository root (a directory with a .git directory or file) or
 * at "/". Returns the path to show (relative to the current directory)
 * and stores the absolute directory in @dirp, or returns NULL.
 */
static char *discover(char **dirp)
{
	char cwd[PATH_MAX], *dir;
	struct hl_buf shown = HL_BUF_INIT;

	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	dir = xstrdup(cwd);
	for (;;) {
		char *slash;

		if (exists(dir, HL_CONFIG_NAME, true)) {
			hl_buf_adds(&shown, HL_CONFIG_NAME);
			*dirp = dir;
			return hl_buf_detach(&shown);
		}
		if (exists(dir, ".git", false) || !strcmp(dir, "/"))
			break;
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		hl_buf_adds(&shown, "../");
	}
	hl_buf_release(&shown);
	free(dir);
	return NULL;
}

static char *dir_of(const char *abs)
{
	const char *slash = strrchr(abs, '/');

	return slash == abs ? xstrdup("/") : xstrndup(abs, (size_t)(slash - abs));
}

/* The loaded configuration lives until the next load (or exit). */
static struct hl_config loaded;

int hl_config_load(struct hl_opts *o)
{
	struct hl_config *c = &loaded;
	char *path, *dir = NULL, *buf;
	size_t len;
	int r;

	hl_config_release(c);
	o->config = NULL;
	if (o->config_path) {
		char *abs = absolute(o->config_path);

		path = xstrdup(o->config_path);
		dir = abs ? dir_of(abs) : NULL;
		free(abs);
	} else if (!(path = discover(&dir))) {
		return 0;
	}
	if (hl_read_file(path, &buf, &len)) {
		fprintf(stderr, "hooklint: error: cannot read configuration "
			"'%s': %s\n", path, strerror(errno));
		free(path);
		free(dir);
		return -1;
	}
	r = hl_config_parse(c, path, buf, len);
	free(buf);
	free(path);
	c->dir = dir ? dir : xstrdup("/");
	if (r) {
		fprintf(stderr, "%s\n", c->error);
		hl_config_release(c);
		return -1;
	}
	/* flags override the file */
	if (c->has_target && !o->flag.target)
		o->target = c->target;
	if (c->has_fail_on && !o->flag.fail_on)
		o->fail_on = c->fail_on;
	for (r = 0; r < HL_RULE_MAX; r++)
		if (c->rule_set[r] && !o->flag.rule[r])
			o->severity[r] = c->severity[r];
	o->config = c;
	return 0;
}

bool hl_config_fails(const struct hl_opts *o, enum hl_rule_id r)
{
	if (!hl_rule_meta[r].off_by_default)
		return true;
	/* a flag that names the rule decides, not the file */
	return o->config && o->config->raised[r] && !o->flag.rule[r];
}

/* --- ignore globs ----------------------------------------------------- */

static size_t split(char *s, char **segs, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *slash = strchr(s, '/');

		if (n == max)
			return max + 1;
		segs[n++] = s;
		if (!slash)
			return n;
		*slash = '\0';
		s = slash + 1;
	}
}

/*
 * Segment by segment: "*", "?" and "[...]" stay inside one segment, "**"
 * matches any number of segments. A pattern that matches a leading
 * directory of @rel matches everything under it.
 */
bool hl_glob_match(const struct hl_config_glob *g, const char *rel,
		   bool is_dir)
{
	char *pbuf = xstrdup(g->pattern), *sbuf = xstrdup(rel);
	char *ps[GLOB_MAX_SEGS + 1], *ss[256];
	size_t np = split(pbuf, ps, GLOB_MAX_SEGS), ns = split(sbuf, ss, 255);
	size_t i, j;
	bool *dp = NULL, ok = false;

	if (np > GLOB_MAX_SEGS || ns > 255)
		goto out;
	/* dp[i * (ns + 1) + j]: pattern segments i.. match path segments j.. */
	dp = xcalloc((np + 1) * (ns + 1), sizeof(*dp));
	for (j = 0; j <= ns; j++)
		/* the pattern is used up: the whole path, or a directory
		 * above it (a trailing '/' asks for a directory) */
		dp[np * (ns + 1) + j] = j < ns || !g->dir_only || is_dir;
	for (i = np; i-- > 0;) {
		for (j = ns + 1; j-- > 0;) {
			bool m;

			if (!strcmp(ps[i], "**"))
				m = dp[(i + 1) * (ns + 1) + j] ||
				    (j < ns && dp[i * (ns + 1) + j + 1]);
			else
				m = j < ns && !fnmatch(ps[i], ss[j], 0) &&
				    dp[(i + 1) * (ns + 1) + j + 1];
			dp[i * (ns + 1) + j] = m;
		}
	}
	ok = dp[0];
out:
	free(dp);
	free(pbuf);
	free(sbuf);
	return ok;
}

bool hl_config_ignores(const struct hl_opts *o, const char *path, bool is_dir)
{
	const struct hl_config *c = o->config;
	char *abs;
	const char *rel;
	size_t n, i;
	bool hit = false;

	if (!c || !c->nignore || !(abs = absolute(path)))
		return false;
	n = strlen(c->dir);
	if (!strcmp(c->dir, "/"))
		rel = abs + 1;
	else if (!strncmp(abs, c->dir, n) && abs[n] == '/')
		rel = abs + n + 1;
	else
		rel = NULL;	/* outside the configuration's tree */
	for (i = 0; rel && *rel && i < c->nignore && !hit; i++)
		hit = hl_glob_match(&c->ignore[i], rel, is_dir);
	free(abs);
	return hit;
}
