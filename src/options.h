/* SPDX-License-Identifier: MIT */
/* options.h - the command-line options, written once: cli.c builds the
 * getopt tables and --help from them, gen-options the OPTIONS section of
 * docs/hooklint.1.scd and the option list of docs/usage.md. Plain data, so
 * the generator links it without the rest of the program. */
#ifndef HL_OPTIONS_H
#define HL_OPTIONS_H

/* The commands that accept an option (a mask). */
enum hl_opt_cmds {
	HL_FOR_LINT = 1 << 0,
	HL_FOR_PLAN = 1 << 1,
	HL_FOR_BOTH = HL_FOR_LINT | HL_FOR_PLAN,
};

/* One per option, in the order of --help and of the docs. */
enum hl_opt_id {
	HL_OPT_FORMAT,
	HL_OPT_OUTPUT,
	HL_OPT_FAIL_ON,
	HL_OPT_EXIT_ZERO,
	HL_OPT_ENABLE,
	HL_OPT_DISABLE,
	HL_OPT_TARGET,
	HL_OPT_MODE,
	HL_OPT_COLOR,
	HL_OPT_STDIN_FILENAME,
	HL_OPT_CONFIG,
	HL_OPT_FORCE_EXCLUDE,
	HL_OPT_QUIET,
	HL_OPT_LIST_RULES,
	HL_OPT_EXPLAIN,
	HL_OPT_VERSION,
	HL_OPT_HELP,
	HL_OPT_MAX
};

/* The word lists an argument is taken from; cli.c maps the words to
 * values, and --help shows them where a help text says "%v". */
enum hl_opt_words {
	HL_WORDS_NONE,
	HL_WORDS_FORMAT,
	HL_WORDS_PLAN_FORMAT,
	HL_WORDS_LEVEL,
	HL_WORDS_TARGET,
	HL_WORDS_MODE,
	HL_WORDS_COLOR,
	HL_WORDS_MAX
};

struct hl_option {
	const char *name;	/* the long name, without "--" */
	char letter;		/* the short option, or 0 */
	const char *arg;	/* "FILE", "ID[,ID...]"; NULL: takes none */
	unsigned cmds;		/* enum hl_opt_cmds */
	enum hl_opt_words words, plan_words;	/* plan_words: when not words */
	/* --help: "\n" starts a continuation line, "%v" is the word list;
	 * plan_help is plan's when it differs */
	const char *help, *plan_help;
	/* the man page's text (scdoc markup: *bold*, _argument_), lines of
	 * at most 72 columns; usage.md gets it as Markdown */
	const char *doc;
};

extern const struct hl_option hl_options[HL_OPT_MAX];

#endif
