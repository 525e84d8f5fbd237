/* SPDX-License-Identifier: MIT */
/* config.h - the .hooklint.yaml configuration file */
#ifndef HL_CONFIG_H
#define HL_CONFIG_H

#include "opts.h"

#define HL_CONFIG_NAME ".hooklint.yaml"

struct hl_config_glob {
	char *pattern;		/* '/'-separated, no leading "./" or trailing '/' */
	bool dir_only;		/* written with a trailing '/' */
};

/* A parsed configuration file. Everything is owned by it. */
struct hl_config {
	char *path;		/* as messages show it */
	char *dir;		/* absolute directory of the file: ignore globs
				 * are relative to it */
	bool has_target, has_fail_on;
	enum hl_target target;
	enum hl_severity fail_on;	/* HL_SEV_OFF for never */
	bool rule_set[HL_RULE_MAX];
	enum hl_severity severity[HL_RULE_MAX];	/* where rule_set */
	bool raised[HL_RULE_MAX];	/* given a severity word, not "on" */
	struct hl_config_glob *ignore;
	size_t nignore, ignore_alloc;
	char *error;		/* "path:line:col: error: ..." after a failure */
};

/*
 * Parse @len bytes at @buf, the configuration file shown as @path, into
 * @c (zeroed first). Returns 0, or -1 with @c->error set. @c->dir is left
 * NULL: the caller sets it.
 */
int hl_config_parse(struct hl_config *c, const char *path, const char *buf,
		    size_t len);
void hl_config_release(struct hl_config *c);

/*
 * Find the configuration (@o->config_path, else .hooklint.yaml in the
 * current directory or the nearest parent up to the repository root, a
 * directory holding .git), parse it and apply it to @o where no flag set
 * the same thing (@o->flag). Returns 0 (also when there is no file), or -1
 * after printing the error: the caller exits 2.
 */
int hl_config_load(struct hl_opts *o);

/*
 * Whether an ignore glob of the loaded configuration matches @path (a
 * file, or a directory when @is_dir), relative to or absolute as the
 * command line gave it.
 */
bool hl_config_ignores(const struct hl_opts *o, const char *path, bool is_dir);

/*
 * Whether findings of @r count for the exit status. A rule that is off by
 * default counts only when the configuration file gave it a severity
 * (docs/configuration.md): enabled by --enable or "on", it only informs.
 */
bool hl_config_fails(const struct hl_opts *o, enum hl_rule_id r);

/* Whether a glob of the configuration file matches @rel, a '/'-separated
 * path relative to the configuration file's directory. */
bool hl_glob_match(const struct hl_config_glob *g, const char *rel,
		   bool is_dir);

#endif
