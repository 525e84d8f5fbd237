/* SPDX-License-Identifier: MIT */
/* cli.c - the option table, usage text, --list-rules and --explain */
#include "cli.h"
#include "emit.h"

#include "buildinfo.h"
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_FORMAT = 256,
	OPT_FAIL_ON,
	OPT_EXIT_ZERO,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_TARGET,
	OPT_MODE,
	OPT_COLOR,
	OPT_STDIN_FILENAME,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_CONFIG,
	OPT_FORCE_EXCLUDE,
};

static const struct option lopts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "force-exclude", no_argument, NULL, OPT_FORCE_EXCLUDE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: hooklint [OPTIONS] [PATH...]\n"
"       hooklint --list-rules | --explain ID | --version | --help\n"
"\n"
"Lint Helm hook annotations in rendered manifests (files, directories,\n"
"or - for stdin). With no PATH, the current directory is linted.\n"
"\n"
"Options:\n"
"      --format FORMAT       text (default), gcc, json, sarif or github\n"
"  -o, --output FILE         write the report to FILE\n"
"      --fail-on LEVEL       exit 1 on findings at or above LEVEL: error,\n"
"                            warning (default), info or never\n"
"      --exit-zero           exit 0 even when there are findings\n"
"      --enable ID[,ID...]   enable rules (IDs or names), also off ones\n"
"      --disable ID[,ID...]  disable rules (IDs, names, or all)\n"
"      --target TARGET       helm (default), helm3, helm4, argocd or flux\n"
"      --mode MODE           auto (default), rendered or template\n"
"      --color WHEN          auto (default), always or never\n"
"      --stdin-filename PATH the path of the file given on stdin\n"
"      --config FILE         read FILE instead of the .hooklint.yaml found\n"
"                            in the current directory or above it\n"
"      --force-exclude       apply the config's ignore globs to files\n"
"                            named on the command line too\n"
"  -q, --quiet               no summary line\n"
"      --list-rules          list the rules and exit\n"
"      --explain ID          explain a rule and exit\n"
"  -V, --version             print the version and exit\n"
"  -h, --help                print this help and exit\n"
"\n"
"Exit status: 0 no findings at or above the fail level, 1 findings,\n"
"2 usage or configuration error, 3 an input could not be read or an\n"
"internal error.\n"
"\n"
"See also: hooklint plan --help\n";

static const char plan_usage_text[] =
"usage: hooklint plan [OPTIONS] [PATH...]\n"
"\n"
"Show the hook lifecycle of each release: for install, upgrade, rollback,\n"
"uninstall and test, the phases in order with each hook (weight, kind,\n"
"name, events), what Helm waits on, what is deleted when, and a mark\n"
"where a reference is not satisfied at that moment. 'plan' must be the\n"
"first argument ('./plan' lints a file named plan).\n"
"\n"
"Options:\n"
"      --format FORMAT       text (default), json or mermaid\n"
"  -o, --output FILE         write the plan to FILE\n"
"      --enable ID[,ID...]   enable rules (IDs or names), also off ones\n"
"      --disable ID[,ID...]  disable rules (IDs, names, or all)\n"
"      --target TARGET       helm (default), helm3, helm4, argocd or flux\n"
"      --mode MODE           auto (default), rendered or template\n"
"      --color WHEN          auto (default), always or never\n"
"      --stdin-filename PATH the path of the file given on stdin\n"
"      --config FILE         read FILE instead of the .hooklint.yaml found\n"
"                            in the current directory or above it\n"
"  -h, --help                print this help and exit\n"
"\n"
"Exit status: 0 the plan was written, 2 usage or configuration error,\n"
"3 an input could not be read or an internal error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "hooklint: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'hooklint --help' for more information.\n");
	return -1;
}

/* Look @arg up in @words (NULL-terminated); -1 when absent. */
static int pick(const char *arg, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (!strcmp(arg, words[i]))
			return i;
	return -1;
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
	printf("Reference: helm-semantics %s\n\n", m->section);
	print_block("Failing example", m->bad);
	print_block("Passing example", m->good);
	printf("More: %s\n", hl_rule_url(r));
	return 1;
}

static int parse_option(struct hl_opts *o, int c, const char *arg,
			int *plan_format)
{
	static const char *const plan_formats[] = { "text", "json", "mermaid",
						    NULL };
	static const char *const formats[] = { "text", "gcc", "json", "sarif",
					       "github", NULL };
	static const char *const levels[] = { "info", "warning", "error",
					      "never", NULL };
	static const char *const targets[] = { "helm", "helm3", "helm4",
					       "argocd", "flux", NULL };
	static const char *const modes[] = { "auto", "rendered", "template",
					     NULL };
	static const char *const colors[] = { "never", "always", "auto", NULL };
	int i;

	switch (c) {
	case OPT_FORMAT:
		if (plan_format) {
			if ((i = pick(arg, plan_formats)) < 0)
				return usage_error("unknown plan format '%s': text, json or mermaid", arg);
			*plan_format = i;
			return 0;
		}
		if ((i = pick(arg, formats)) < 0)
			return usage_error("unknown format '%s': text, gcc, json, sarif or github", arg);
		o->format = (enum hl_format)i;
		return 0;
	case 'o':
		o->output = arg;
		return 0;
	case OPT_FAIL_ON:
		if ((i = pick(arg, levels)) < 0)
			return usage_error("unknown level '%s': error, warning, info or never", arg);
		o->fail_on = i == 3 ? HL_SEV_OFF : (enum hl_severity)i;
		o->flag.fail_on = true;
		return 0;
	case OPT_EXIT_ZERO:
		o->exit_zero = true;
		return 0;
	case OPT_ENABLE:
	case OPT_DISABLE:
		return set_rules(o, arg, c == OPT_ENABLE);
	case OPT_TARGET:
		if ((i = pick(arg, targets)) < 0)
			return usage_error("unknown target '%s': helm, helm3, helm4, argocd or flux", arg);
		o->target = (enum hl_target)i;
		o->flag.target = true;
		return 0;
	case OPT_MODE:
		if ((i = pick(arg, modes)) < 0)
			return usage_error("unknown mode '%s': auto, rendered or template", arg);
		o->mode = (enum hl_mode)i;
		return 0;
	case OPT_COLOR:
		if ((i = pick(arg, colors)) < 0)
			return usage_error("unknown --color value '%s': auto, always or never", arg);
		o->color = i == 2 ? -1 : i;
		return 0;
	case OPT_STDIN_FILENAME:
		o->stdin_filename = arg;
		return 0;
	case OPT_CONFIG:
		o->config_path = arg;
		return 0;
	case OPT_FORCE_EXCLUDE:
		o->force_exclude = true;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	default:
		return -1;
	}
}

/* "--fail-on" for OPT_FAIL_ON, "-q" for 'q'. */
static const char *option_name(int c)
{
	static char buf[64];
	size_t i;

	for (i = 0; lopts[i].name; i++)
		if (lopts[i].val == c) {
			snprintf(buf, sizeof(buf), "--%s", lopts[i].name);
			return buf;
		}
	snprintf(buf, sizeof(buf), "-%c", c);
	return buf;
}

/* Options of the lint run that mean nothing to plan. */
static bool lint_only(int c)
{
	return c == OPT_FAIL_ON || c == OPT_EXIT_ZERO || c == 'q' ||
	       c == OPT_LIST_RULES || c == OPT_EXPLAIN || c == 'V';
}

static int parse(int argc, char **argv, struct hl_opts *o, int *plan_format)
{
	int c;

	opterr = 0;
	optind = 0;	/* glibc: re-initialise, for repeated calls */
	while ((c = getopt_long(argc, argv, "o:qVh", lopts, NULL)) != -1) {
		if (plan_format && lint_only(c))
			return usage_error("option '%s' is not valid with plan",
					   option_name(c));
		switch (c) {
		case 'h':
			fputs(plan_format ? plan_usage_text : usage_text, stdout);
			return 1;
		case 'V':
			printf("hooklint %s\n", HL_VERSION);
			return 1;
		case OPT_LIST_RULES:
			list_rules();
			return 1;
		case OPT_EXPLAIN:
			return explain(optarg);
		case '?':
			if (optopt && optopt < 256) {
				char s[2] = { (char)optopt, 0 };
				return usage_error("unknown or incomplete option '-%s'", s);
			}
			return usage_error("unknown or incomplete option '%s'",
					   argv[optind - 1]);
		default:
			if (parse_option(o, c, optarg, plan_format))
				return -1;
		}
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
