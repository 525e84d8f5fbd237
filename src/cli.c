/* SPDX-License-Identifier: MIT */
/* cli.c - argv to struct hl_opts by the option table of options.c, the
 * usage text, --list-rules and --explain */
#include "cli.h"
#include "options.h"
#include "words.h"
#include "plan.h"

#include "buildinfo.h"
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* getopt_long's value for an option without a letter: hl_options[] index
 * plus this, past every char. */
#define LONG_ONLY 256
/* --help: where the help texts start, and the width they are wrapped at */
#define HELP_COL 28
#define HELP_WIDTH 79

/* The fixed text of --help around the options of hl_options[]. */
static const char usage_head[] =
"usage: hooklint [OPTIONS] [PATH...]\n"
"       hooklint --list-rules | --explain ID | --version | --help\n"
"\n"
"Lint Helm hook annotations in rendered manifests (files, directories,\n"
"or - for stdin). With no PATH, the current directory is linted.\n"
"\n"
"Options:\n";

static const char usage_tail[] =
"\n"
"Exit status: 0 no findings at or above the fail level, 1 findings,\n"
"2 usage or configuration error, 3 an input could not be read or an\n"
"internal error.\n"
"\n"
"See also: hooklint plan --help\n";

static const char plan_usage_head[] =
"usage: hooklint plan [OPTIONS] [PATH...]\n"
"\n"
"Show the hook lifecycle of each release: for install, upgrade, rollback,\n"
"uninstall and test, the phases in order with each hook (weight, kind,\n"
"name, events), what Helm waits on, what is deleted when, and a mark\n"
"where a reference is not satisfied at that moment. 'plan' must be the\n"
"first argument ('./plan' lints a file named plan).\n"
"\n"
"Options:\n";

static const char plan_usage_tail[] =
"\n"
"Exit status: 0 the plan was written, 2 usage or configuration error,\n"
"3 an input could not be read or an internal error.\n";

static int usage_error(const char *fmt, ...) HL_PRINTF(1, 2);

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "hooklint: error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'hooklint --help' for more information.\n");
	return -1;
}

/* The word list of option @id under command @cmd (plan's --format
 * takes other words than the lint's). */
static enum hl_opt_words words_of(enum hl_opt_id id, unsigned cmd)
{
	const struct hl_option *opt = &hl_options[id];

	return cmd == HL_FOR_PLAN && opt->plan_words ? opt->plan_words :
	       opt->words;
}

/* @arg's value in word list @set into @value; else a usage error that
 * lists the words. */
static int lookup(enum hl_opt_words set, const char *arg, int *value)
{
	const struct hl_word *w = hl_word_find(set, arg);
	char list[256];

	if (w) {
		*value = w->value;
		return 0;
	}
	hl_words_join(set, false, list, sizeof(list));
	return usage_error("unknown %s '%s': %s", hl_word_sets[set].what, arg,
			   list);
}

/* One line of help text from HELP_COL on, after @left; a line that is
 * too long (a word list) is wrapped at a space. */
static void print_help_line(const char *left, const char *text, size_t n)
{
	const size_t room = HELP_WIDTH - HELP_COL;

	while (n > room) {
		size_t cut = room;

		while (cut && text[cut] != ' ')
			cut--;
		if (!cut)
			break;
		printf("%-*s %.*s\n", HELP_COL - 1, left, (int)cut, text);
		left = "";
		text += cut + 1;
		n -= cut + 1;
	}
	printf("%-*s %.*s\n", HELP_COL - 1, left, (int)n, text);
}

/* @opt's help text for @cmd into @buf, "%v" replaced by its word list
 * with the default marked. */
static void help_text(enum hl_opt_id id, unsigned cmd, char *buf,
		      size_t size)
{
	const struct hl_option *opt = &hl_options[id];
	const char *help = cmd == HL_FOR_PLAN && opt->plan_help ?
			   opt->plan_help : opt->help;
	const char *v = strstr(help, "%v");
	char words[256];

	if (!v) {
		snprintf(buf, size, "%s", help);
		return;
	}
	hl_words_join(words_of(id, cmd), true, words, sizeof(words));
	snprintf(buf, size, "%.*s%s%s", (int)(v - help), help, words, v + 2);
}

/* An option's lines of --help for @cmd: "  -o, --output FILE" (or
 * "      --format FORMAT"), then its help text from HELP_COL on. */
static void print_option(enum hl_opt_id id, unsigned cmd)
{
	const struct hl_option *opt = &hl_options[id];
	char left[64], text[512];
	const char *line, *end;
	int n;

	if (opt->letter)
		n = snprintf(left, sizeof(left), "  -%c, ", opt->letter);
	else
		n = snprintf(left, sizeof(left), "      ");
	snprintf(left + n, sizeof(left) - (size_t)n, "--%s%s%s", opt->name,
		 opt->arg ? " " : "", opt->arg ? opt->arg : "");
	help_text(id, cmd, text, sizeof(text));
	for (line = text; ; line = end + 1) {
		end = strchr(line, '\n');
		print_help_line(line == text ? left : "", line,
				end ? (size_t)(end - line) : strlen(line));
		if (!end)
			break;
	}
}

/* --help of @cmd: the fixed text around the options @cmd takes. */
static void usage(unsigned cmd)
{
	size_t i;

	fputs(cmd == HL_FOR_PLAN ? plan_usage_head : usage_head, stdout);
	for (i = 0; i < HL_OPT_MAX; i++)
		if (hl_options[i].cmds & cmd)
			print_option((enum hl_opt_id)i, cmd);
	fputs(cmd == HL_FOR_PLAN ? plan_usage_tail : usage_tail, stdout);
}

static int set_rules(struct hl_opts *o, const char *list, bool enable)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		enum hl_rule_id r;

		if (!enable && n == 3 && !strncmp(p, "all", 3)) {
			for (r = 0; r < HL_RULE_MAX; r++) {
				o->severity[r] = HL_SEV_OFF;
				o->flag.rule[r] = true;
			}
		} else if (n) {
			r = hl_rule_lookup(p, n);
			if (r == HL_RULE_MAX) {
				char *s = xstrndup(p, n);
				usage_error("unknown rule '%s' (see --list-rules)", s);
				free(s);
				return -1;
			}
			/* an off-by-default rule reports at info once enabled */
			o->severity[r] = !enable ? HL_SEV_OFF :
				hl_rule_meta[r].off_by_default ? HL_SEV_INFO :
				hl_rule_meta[r].severity;
			o->flag.rule[r] = true;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void list_rules(void)
{
	size_t i;

	for (i = 0; i < HL_RULE_MAX; i++) {
		const struct hl_rule_meta *m = &hl_rule_meta[i];
		printf("%s  %-7s  %-36s  %s\n", m->id,
		       m->off_by_default ? "off" : hl_severity_word(m->severity),
		       m->name, m->summary);
	}
}

static void print_block(const char *title, const char *text)
{
	size_t n;

	if (!text)
		return;
	n = strlen(text);
	printf("%s:\n%s%s\n", title, text, n && text[n - 1] == '\n' ? "" : "\n");
}

static int explain(const char *arg)
{
	enum hl_rule_id r = hl_rule_lookup(arg, strlen(arg));
	const struct hl_rule_meta *m;

	if (r == HL_RULE_MAX)
		return usage_error("unknown rule '%s' (see --list-rules)", arg);
	m = &hl_rule_meta[r];
	printf("%s %s (%s)\n\n%s\n\n", m->id, m->name,
	       m->off_by_default ? "off by default" :
	       hl_severity_word(m->severity), m->summary);
	print_block("Why", m->rationale);
	print_block("What Helm does", m->helm);
	printf("Reference: docs/helm-semantics.md %s\n\n", m->section);
	print_block("Failing example", m->bad);
	print_block("Passing example", m->good);
	printf("More: %s\n", hl_rule_url(r));
	return 1;
}

static int parse_option(struct hl_opts *o, enum hl_opt_id id,
			const char *arg, int *plan_format)
{
	unsigned cmd = plan_format ? HL_FOR_PLAN : HL_FOR_LINT;
	int v;

	switch (id) {
	case HL_OPT_FORMAT:
		if (lookup(words_of(id, cmd), arg, &v))
			return -1;
		if (plan_format)
			*plan_format = v;
		else
			o->format = (enum hl_format)v;
		return 0;
	case HL_OPT_OUTPUT:
		o->output = arg;
		return 0;
	case HL_OPT_FAIL_ON:
		if (lookup(words_of(id, cmd), arg, &v))
			return -1;
		o->fail_on = (enum hl_severity)v;
		o->flag.fail_on = true;
		return 0;
	case HL_OPT_EXIT_ZERO:
		o->exit_zero = true;
		return 0;
	case HL_OPT_ENABLE:
	case HL_OPT_DISABLE:
		return set_rules(o, arg, id == HL_OPT_ENABLE);
	case HL_OPT_TARGET:
		if (lookup(words_of(id, cmd), arg, &v))
			return -1;
		o->target = (enum hl_target)v;
		o->flag.target = true;
		return 0;
	case HL_OPT_MODE:
		if (lookup(words_of(id, cmd), arg, &v))
			return -1;
		o->mode = (enum hl_mode)v;
		return 0;
	case HL_OPT_COLOR:
		return lookup(words_of(id, cmd), arg, &o->color);
	case HL_OPT_STDIN_FILENAME:
		o->stdin_filename = arg;
		return 0;
	case HL_OPT_CONFIG:
		o->config_path = arg;
		return 0;
	case HL_OPT_FORCE_EXCLUDE:
		o->force_exclude = true;
		return 0;
	case HL_OPT_QUIET:
		o->quiet = true;
		return 0;
	/* the actions: done here, then the program exits 0 (1 returned) */
	case HL_OPT_LIST_RULES:
		list_rules();
		return 1;
	case HL_OPT_EXPLAIN:
		return explain(arg);
	case HL_OPT_VERSION:
		printf("hooklint %s\n", HL_VERSION);
		return 1;
	case HL_OPT_HELP:
		usage(cmd);
		return 1;
	case HL_OPT_MAX:
		break;
	}
	return -1;
}

/* getopt_long's tables, filled from hl_options[]. Both commands get every
 * option: plan then names a lint-only one in its error ("not valid with
 * plan") rather than calling it unknown, and abbreviations resolve the
 * same way in both. */
static void getopt_tables(struct option *lopts, char *shorts)
{
	size_t i;

	for (i = 0; i < HL_OPT_MAX; i++) {
		const struct hl_option *opt = &hl_options[i];

		lopts[i] = (struct option){
			.name = opt->name,
			.has_arg = opt->arg ? required_argument : no_argument,
			.val = opt->letter ? opt->letter :
			       LONG_ONLY + (int)i,
		};
		if (opt->letter) {
			*shorts++ = opt->letter;
			if (opt->arg)
				*shorts++ = ':';
		}
	}
	lopts[i] = (struct option){ 0 };
	*shorts = 0;
}

/* The hl_options[] index of getopt_long's value @c. */
static enum hl_opt_id option_id(int c)
{
	size_t i;

	if (c >= LONG_ONLY)
		return (enum hl_opt_id)(c - LONG_ONLY);
	for (i = 0; i < HL_OPT_MAX; i++)
		if (hl_options[i].letter == c)
			break;
	return (enum hl_opt_id)i;
}

static int unknown_option(char **argv)
{
	/* a letter, or the value of a long option missing its argument */
	if (optopt && optopt < LONG_ONLY) {
		char s[2] = { (char)optopt, 0 };
		return usage_error("unknown or incomplete option '-%s'", s);
	}
	return usage_error("unknown or incomplete option '%s'",
			   argv[optind - 1]);
}

static int parse(int argc, char **argv, struct hl_opts *o, int *plan_format)
{
	unsigned cmd = plan_format ? HL_FOR_PLAN : HL_FOR_LINT;
	struct option lopts[HL_OPT_MAX + 1];
	char shorts[2 * HL_OPT_MAX + 1];
	int c, ret;

	getopt_tables(lopts, shorts);
	opterr = 0;
	optind = 0;	/* glibc: re-initialise, for repeated calls */
	while ((c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
		enum hl_opt_id id;

		/* '?': unknown, or a missing argument */
		id = c == '?' ? HL_OPT_MAX : option_id(c);
		if (id == HL_OPT_MAX)
			return unknown_option(argv);
		if (!(hl_options[id].cmds & cmd))
			return usage_error("option '--%s' is not valid with plan",
					   hl_options[id].name);
		ret = parse_option(o, id, optarg, plan_format);
		if (ret)
			return ret;
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	/* the configuration file fills in what no flag set */
	return hl_config_load(o);
}

int hl_cli_parse(int argc, char **argv, struct hl_opts *o)
{
	return parse(argc, argv, o, NULL);
}

int hl_cli_parse_plan(int argc, char **argv, struct hl_opts *o, int *format)
{
	return parse(argc, argv, o, format);
}
