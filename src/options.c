/* SPDX-License-Identifier: MIT */
/* options.c - the option table (see options.h). A changed help text shows
 * in `hooklint --help` at once; after changing a doc text, run
 * `ninja -C BUILDDIR docs-options` (the 'docs' tests fail until then). */
#include "options.h"

const struct hl_option hl_options[HL_OPT_MAX] = {
	[HL_OPT_FORMAT] = {
		.name = "format", .arg = "FORMAT", .cmds = HL_FOR_BOTH,
		.words = HL_WORDS_FORMAT, .plan_words = HL_WORDS_PLAN_FORMAT,
		.help = "%v",
		.doc =
"The report format: *text* (the default: _path:line:col: severity:\n"
"message [ID name]_, the source line and a *help:* line), *gcc*\n"
"(_path:line:col: error|warning|note: message [ID]_), *json*, *sarif*\n"
"(SARIF 2.1.0 for GitHub code scanning) or *github* (workflow command\n"
"annotations). For *hooklint plan*: *text* (the default), *json* or\n"
"*mermaid*.",
	},
	[HL_OPT_OUTPUT] = {
		.name = "output", .letter = 'o', .arg = "FILE",
		.cmds = HL_FOR_BOTH,
		.help = "write the report to FILE",
		.plan_help = "write the plan to FILE",
		.doc =
"Write the report to _FILE_ instead of standard output. The file is\n"
"written before *hooklint* exits, also when it exits 1.",
	},
	[HL_OPT_FAIL_ON] = {
		.name = "fail-on", .arg = "LEVEL", .cmds = HL_FOR_LINT,
		.words = HL_WORDS_LEVEL,
		.help = "exit 1 on findings at or above LEVEL: %v",
		.doc =
"Exit 1 when there are findings at or above _LEVEL_: *error*, *warning*\n"
"(the default), *info* or *never*.",
	},
	[HL_OPT_EXIT_ZERO] = {
		.name = "exit-zero", .cmds = HL_FOR_LINT,
		.help = "exit 0 even when there are findings",
		.doc =
"Exit 0 even when there are findings. Unreadable inputs still exit 3.",
	},
	[HL_OPT_ENABLE] = {
		.name = "enable", .arg = "ID[,ID...]", .cmds = HL_FOR_BOTH,
		.help = "enable rules (IDs or names), also off ones",
		.doc =
"Enable rules, by ID or name. A rule that is off by default reports at\n"
"*info*. May be repeated.",
	},
	[HL_OPT_DISABLE] = {
		.name = "disable", .arg = "ID[,ID...]", .cmds = HL_FOR_BOTH,
		.help = "disable rules (IDs, names, or all)",
		.doc =
"Disable rules, by ID or name, or *all*. May be repeated; later ones win.",
	},
	[HL_OPT_TARGET] = {
		.name = "target", .arg = "TARGET", .cmds = HL_FOR_BOTH,
		.words = HL_WORDS_TARGET,
		.help = "%v",
		.doc =
"Which deployer's semantics to assume: *helm* (the default: Helm 3 and\n"
"Helm 4), *helm3*, *helm4*, *argocd* (Helm 4 plus the Argo CD rules\n"
"HL701, HL702, HL704 and HL705) or *flux* (Helm 4 semantics, notes for\n"
"Flux). A target changes version notes in messages, the kind order of\n"
"hooks, and the Argo CD rules; never what the other rules consider\n"
"valid.",
	},
	[HL_OPT_MODE] = {
		.name = "mode", .arg = "MODE", .cmds = HL_FOR_BOTH,
		.words = HL_WORDS_MODE,
		.help = "%v",
		.doc =
"*auto* (the default: decided by location), *rendered* (templates/ files\n"
"are read as rendered manifests) or *template* (rendered manifests are\n"
"read as chart template sources). Files in a chart's crds/ and elsewhere\n"
"in a chart keep their place.",
	},
	[HL_OPT_COLOR] = {
		.name = "color", .arg = "WHEN", .cmds = HL_FOR_BOTH,
		.words = HL_WORDS_COLOR,
		.help = "%v",
		.doc =
"Colours in the text format: *auto* (the default: only on a terminal,\n"
"and not when *NO_COLOR* is set), *always* or *never*.",
	},
	[HL_OPT_STDIN_FILENAME] = {
		.name = "stdin-filename", .arg = "PATH", .cmds = HL_FOR_BOTH,
		.help = "the path of the file given on stdin",
		.doc =
"The path of the file given on standard input, for findings and for\n"
"deciding whether it is a chart template.",
	},
	[HL_OPT_CONFIG] = {
		.name = "config", .arg = "FILE", .cmds = HL_FOR_BOTH,
		.help = "read FILE instead of the .hooklint.yaml found\n"
			"in the current directory or above it",
		.doc =
"Read the configuration from _FILE_ instead of the *.hooklint.yaml*\n"
"found in the current directory or above it.",
	},
	[HL_OPT_FORCE_EXCLUDE] = {
		.name = "force-exclude", .cmds = HL_FOR_BOTH,
		.help = "apply the config's ignore globs to files\n"
			"named on the command line too",
		.doc =
"Apply the *ignore* globs of the configuration to files and directories\n"
"named on the command line too, and to *--stdin-filename*. Without it\n"
"they apply only to what is found by walking directories.",
	},
	[HL_OPT_QUIET] = {
		.name = "quiet", .letter = 'q', .cmds = HL_FOR_LINT,
		.help = "no summary line",
		.doc = "Print no summary line.",
	},
	[HL_OPT_LIST_RULES] = {
		.name = "list-rules", .cmds = HL_FOR_LINT,
		.help = "list the rules and exit",
		.doc =
"List every rule (ID, default severity, name, summary) and exit.",
	},
	[HL_OPT_EXPLAIN] = {
		.name = "explain", .arg = "ID", .cmds = HL_FOR_LINT,
		.help = "explain a rule and exit",
		.doc =
"Explain a rule (rationale, what Helm does, examples) and exit.",
	},
	[HL_OPT_VERSION] = {
		.name = "version", .letter = 'V', .cmds = HL_FOR_LINT,
		.help = "print the version and exit",
		.doc = "Print the version and exit.",
	},
	[HL_OPT_HELP] = {
		.name = "help", .letter = 'h', .cmds = HL_FOR_BOTH,
		.help = "print this help and exit",
		.doc = "Print the usage and exit.",
	},
};
