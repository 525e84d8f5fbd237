/* SPDX-License-Identifier: MIT */
/*
 * gen-options.c - the option docs from the option table (options.c), so
 * that the man page, usage.md and --help never disagree:
 *
 *   gen-options splice IN OUT    IN with its marked regions rewritten
 *   gen-options update FILE...   the same, in place (ninja docs-options)
 *   gen-options list lint|plan   the options a command takes, one a line
 *
 * A region is what stands between the lines "; NAME: begin" and
 * "; NAME: end" (scdoc comments) or "<!-- NAME: begin -->" and
 * "<!-- NAME: end -->" (Markdown); the marker says which syntax to write.
 * NAME is "options" (every option with its text) or "plan-options" (a
 * sentence naming the options plan takes).
 */
#include "options.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Doc lines are written for this width; the plan sentence is wrapped to it. */
#define WIDTH 72

static const char *prog_file = "gen-options";

static _Noreturn void die(const char *msg)
{
	fprintf(stderr, "gen-options: %s: %s\n", prog_file, msg);
	exit(1);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, alloc = 0, n;

	if (!f)
		die("cannot open");
	do {
		if (alloc - len < 4096) {
			alloc = alloc ? alloc * 2 : 65536;
			if (!(buf = realloc(buf, alloc + 1)))
				die("out of memory");
		}
		n = fread(buf + len, 1, alloc - len, f);
		len += n;
	} while (n);
	if (ferror(f))
		die("cannot read");
	fclose(f);
	buf[len] = 0;
	return buf;
}

/* scdoc markup as Markdown: *bold* (an option, a word to type, a file)
 * becomes a code span, _underline_ (a placeholder) emphasis. An
 * underscore inside a word is a letter, as scdoc has it (NO_COLOR). */
static void md_inline(FILE *out, const char *s, size_t n)
{
	bool bold = false, under = false;
	char last = ' ';
	size_t i;

	for (i = 0; i < n; last = s[i++]) {
		char next = i + 1 < n ? s[i + 1] : ' ';

		if (s[i] == '\\' && i + 1 < n) {
			/* a code span takes its text literally */
			if (!bold)
				putc('\\', out);
			putc(s[++i], out);
		} else if (s[i] == '*') {
			bold = !bold;
			putc('`', out);
		} else if (s[i] == '_' && (!isalnum((unsigned char)last) ||
				(under && !isalnum((unsigned char)next)))) {
			under = !under;
			putc('*', out);
		} else {
			putc(s[i], out);
		}
	}
}

/* Markdown or (@md false) scdoc as it is. */
static void put_text(FILE *out, bool md, const char *s, size_t n)
{
	if (md)
		md_inline(out, s, n);
	else
		fwrite(s, 1, n, out);
}

/* "*-o*, *--output* _FILE_": the argument's capitals are placeholders
 * ("_ID_[,_ID_...]"). */
static void heading(char *buf, size_t size, const struct hl_option *opt)
{
	size_t len = 0;
	const char *a;

	if (opt->letter)
		len += (size_t)snprintf(buf, size, "*-%c*, ", opt->letter);
	len += (size_t)snprintf(buf + len, size - len, "*--%s*", opt->name);
	if (!opt->arg || len + 2 * strlen(opt->arg) + 2 >= size)
		return;
	buf[len++] = ' ';
	for (a = opt->arg; *a; a++) {
		bool cap = isupper((unsigned char)*a);

		if (cap && (a == opt->arg || !isupper((unsigned char)a[-1])))
			buf[len++] = '_';
		buf[len++] = *a;
		if (cap && !isupper((unsigned char)a[1]))
			buf[len++] = '_';
	}
	buf[len] = 0;
}

/* One option: the man page's "heading, then its text indented by a tab";
 * in Markdown a list item of the heading and the text as a paragraph. */
static void write_option(FILE *out, bool md, const struct hl_option *opt)
{
	char head[128];
	const char *line, *end;

	heading(head, sizeof(head), opt);
	fputs(md ? "- " : "", out);
	put_text(out, md, head, strlen(head));
	fputs(md ? "\n\n" : "\n", out);
	for (line = opt->doc; *line; line = end + !!*end) {
		end = line + strcspn(line, "\n");
		fputs(md ? "  " : "\t", out);
		put_text(out, md, line, (size_t)(end - line));
		putc('\n', out);
	}
}

static void write_options(FILE *out, bool md)
{
	size_t i;

	for (i = 0; i < HL_OPT_MAX; i++) {
		/* a blank line between entries; around the list in Markdown */
		if (i || md)
			putc('\n', out);
		write_option(out, md, &hl_options[i]);
	}
	if (md)
		putc('\n', out);
}

/* "It takes *--format*, ... and *--help*.", wrapped at WIDTH. */
static void write_plan_options(FILE *out, bool md)
{
	char line[WIDTH + 1] = "It takes";
	size_t i, total = 0, k = 0;

	for (i = 0; i < HL_OPT_MAX; i++)
		total += !!(hl_options[i].cmds & HL_FOR_PLAN);
	for (i = 0; i < HL_OPT_MAX; i++) {
		char word[64];

		if (!(hl_options[i].cmds & HL_FOR_PLAN))
			continue;
		k++;
		snprintf(word, sizeof(word), "%s*--%s*%s",
			 k == total && k > 1 ? "and " : "", hl_options[i].name,
			 k == total ? "." : k + 1 == total ? "" : ",");
		/* "and" stays with the last option */
		if (strlen(line) + 1 + strlen(word) > WIDTH) {
			put_text(out, md, line, strlen(line));
			putc('\n', out);
			snprintf(line, sizeof(line), "%s", word);
		} else {
			strcat(line, " ");
			strcat(line, word);
		}
	}
	put_text(out, md, line, strlen(line));
	putc('\n', out);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && !memcmp(s + n - k, suffix, k);
}

/* Whether line @s (@n bytes, no newline) is the marker of region edge
 * @edge ("begin" or "end"); its name to @name, its syntax to @md. */
static bool marker(const char *s, size_t n, const char *edge, char *name,
		   size_t size, bool *md)
{
	static const struct {
		const char *open, *close;
		bool md;
	} styles[] = { { "; ", "", false }, { "<!-- ", " -->", true } };
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		size_t lo = strlen(styles[i].open), len;
		char tail[32];

		snprintf(tail, sizeof(tail), ": %s%s", edge, styles[i].close);
		if (n <= lo + strlen(tail) || strncmp(s, styles[i].open, lo) ||
		    !ends_with(s, n, tail))
			continue;
		len = n - lo - strlen(tail);
		if (len >= size)
			continue;
		memcpy(name, s + lo, len);
		name[len] = 0;
		*md = styles[i].md;
		return true;
	}
	return false;
}

typedef void region_fn(FILE *out, bool md);

/* What writes region @name; NULL for a name that is none of ours. */
static region_fn *region(const char *name)
{
	if (!strcmp(name, "options"))
		return write_options;
	if (!strcmp(name, "plan-options"))
		return write_plan_options;
	return NULL;
}

/* @text with each region rewritten, to @out; with @out NULL only checked
 * (so that a bad file never leaves a half-written one). */
static void splice(const char *text, FILE *out)
{
	const char *line, *end;
	char name[64], end_name[64];
	bool md = false, end_md, in = false;
	unsigned regions = 0;
	region_fn *fn;

	for (line = text; *line; line = end + !!*end) {
		end = line + strcspn(line, "\n");
		if (in && marker(line, (size_t)(end - line), "end", end_name,
				 sizeof(end_name), &end_md)) {
			if (strcmp(name, end_name) || md != end_md)
				die("a region ends with another name");
			in = false;
		}
		if (!in && out)
			fwrite(line, 1, (size_t)(end - line) + !!*end, out);
		if (in || !marker(line, (size_t)(end - line), "begin", name,
				  sizeof(name), &md))
			continue;
		if (!(fn = region(name)))
			die("unknown region name");
		if (out)
			fn(out, md);
		in = true;
		regions++;
	}
	if (in)
		die("a region does not end");
	if (!regions)
		die("no region markers");
}

static void splice_file(const char *in, const char *out_path)
{
	char *text;
	FILE *out;

	prog_file = in;
	text = read_file(in);
	splice(text, NULL);
	prog_file = out_path;
	if (!(out = fopen(out_path, "w")))
		die("cannot write");
	splice(text, out);
	if (fclose(out))
		die("cannot write");
	free(text);
}

static void list(unsigned cmd)
{
	size_t i;

	for (i = 0; i < HL_OPT_MAX; i++) {
		if (!(hl_options[i].cmds & cmd))
			continue;
		if (hl_options[i].letter)
			printf("-%c\n", hl_options[i].letter);
		printf("--%s\n", hl_options[i].name);
	}
}

/* What the docs rely on: doc lines that fit WIDTH after the man page's
 * tab (and usage.md's two spaces), one option per name and letter. */
static void check_table(void)
{
	const char *line, *end;
	size_t i, j;

	for (i = 0; i < HL_OPT_MAX; i++) {
		const struct hl_option *opt = &hl_options[i];

		prog_file = opt->name;
		if (!opt->name || !opt->help || !opt->doc || !*opt->doc)
			die("an option needs a name, a help and a doc text");
		for (line = opt->doc; *line; line = end + !!*end) {
			end = line + strcspn(line, "\n");
			if (end - line > WIDTH)
				die("a doc line is longer than 72 columns");
		}
		for (j = 0; j < i; j++)
			if (!strcmp(opt->name, hl_options[j].name) ||
			    (opt->letter && opt->letter == hl_options[j].letter))
				die("two options of this name or letter");
	}
}

int main(int argc, char **argv)
{
	int i;

	check_table();
	if (argc == 4 && !strcmp(argv[1], "splice")) {
		splice_file(argv[2], argv[3]);
	} else if (argc >= 2 && !strcmp(argv[1], "update")) {
		for (i = 2; i < argc; i++)
			splice_file(argv[i], argv[i]);
	} else if (argc == 3 && !strcmp(argv[1], "list") &&
		   (!strcmp(argv[2], "lint") || !strcmp(argv[2], "plan"))) {
		list(!strcmp(argv[2], "lint") ? HL_FOR_LINT : HL_FOR_PLAN);
	} else {
		fprintf(stderr, "usage: gen-options splice IN OUT\n"
			"       gen-options update FILE...\n"
			"       gen-options list lint|plan\n");
		return 2;
	}
	return 0;
}
