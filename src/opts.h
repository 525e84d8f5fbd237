/* SPDX-License-Identifier: MIT */
/* opts.h - what one run was asked to do: the parsed command line */
#ifndef HL_OPTS_H
#define HL_OPTS_H

#include "registry.h"

enum hl_format {
	HL_FMT_TEXT,
	HL_FMT_GCC,
	HL_FMT_JSON,
	HL_FMT_SARIF,
	HL_FMT_GITHUB,
};

/* hooklint plan --format */
enum hl_plan_format {
	HL_PLAN_TEXT,
	HL_PLAN_JSON,
	HL_PLAN_MERMAID,
};

enum hl_mode {
	HL_MODE_AUTO,
	HL_MODE_RENDERED,
	HL_MODE_TEMPLATE,
};

struct hl_life;
struct hl_judgement;
struct hl_report;
struct hl_config;

/*
 * Told of every release after its release rules ran (hooklint plan
 * listens): the run calls it, and never knows who listens.
 */
struct hl_release_listener {
	void (*release)(void *data, const struct hl_report *r,
			const struct hl_life *l, const struct hl_judgement *j);
	void *data;
};

struct hl_opts {
	enum hl_format format;
	const char *output;	/* -o */
	enum hl_severity fail_on;	/* HL_SEV_OFF for never */
	bool exit_zero;
	bool quiet;
	int color;		/* -1 auto, 0 never, 1 always */
	enum hl_target target;
	enum hl_mode mode;
	const char *stdin_filename;
	enum hl_severity severity[HL_RULE_MAX];	/* effective, OFF = disabled */
	char **paths;
	size_t npaths;
	const struct hl_release_listener *listener;	/* or NULL */
	const char *config_path;	/* --config */
	bool force_exclude;	/* ignore globs apply to named files too */
	const struct hl_config *config;	/* the loaded file, or NULL */
	struct {		/* what flags set: the config file keeps off */
		bool target, fail_on;
		bool rule[HL_RULE_MAX];
	} flag;
};

void hl_opts_init(struct hl_opts *o);
/* Whether the text output for @o gets ANSI colours. */
bool hl_want_color(const struct hl_opts *o);

#endif
