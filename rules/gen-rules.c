/* SPDX-License-Identifier: MIT */
/*
 * gen-rules.c - turn rules/<ID>.yaml and rules/families.yaml into the rule
 * registry and into the docs pages docs/rules/<ID>.md, so that the code
 * and the docs come from one source.
 *
 *   gen-rules c OUTDIR families.yaml RULE.yaml...
 *       OUTDIR/rule_ids.h      enum hl_rule_id, one entry per rule
 *       OUTDIR/rule_meta.c     hl_rule_meta[]: names, severities, family,
 *                              targets, flags, docs and examples
 *       OUTDIR/pass_families.c hl_families[]: the document families in
 *                              the order they run, where they apply
 *   gen-rules docs OUTDIR BASEURL RULE.yaml...
 */
#include <libfyaml.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct example {
	const char *yaml;
	char *args;	/* newline-separated */
	char *files;	/* "path\0content\0"... as a C string literal body */
	size_t files_len;
	struct fy_node *files_node;
};

struct rule {
	const char *path;
	struct fy_document *fyd;
	const char *id, *name, *severity, *summary, *rationale, *helm, *section;
	const char *family, *templated, *stops;
	unsigned targets;	/* 1 << enum hl_target; 0: every target */
	struct example bad, good;
};

/* The words of enum hl_target, in its order. */
static const char *const target_words[] = {
	"helm", "helm3", "helm4", "argocd", "flux",
};

/* The words of enum hl_place, in its order. */
static const char *const place_words[] = {
	"rendered", "template", "crds", "chart-other", "rendered-crds",
};

/* One entry of rules/families.yaml. */
struct family {
	const char *name;
	const char *runs;	/* document, release, unparsed, suppress */
	unsigned places;	/* 1 << enum hl_place */
	bool values_only;
};

static _Noreturn void die(const char *path, const char *msg)
{
	fprintf(stderr, "gen-rules: %s: %s\n", path, msg);
	exit(1);
}

static const char *scalar(struct rule *r, struct fy_node *root,
			  const char *key, bool required)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(root, key,
							     strlen(key));
	const char *s;

	if (!n) {
		if (required)
			die(r->path, "missing key");
		return NULL;
	}
	s = fy_node_get_scalar0(n);
	if (!s)
		die(r->path, "expected a scalar");
	return s;
}

/* Characters (UTF-8 code points), for the length limits of the schema. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void limit(struct rule *r, const char *key, const char *s, size_t max)
{
	char msg[128];

	if (chars(s) > max) {
		snprintf(msg, sizeof(msg), "%s is longer than %zu characters",
			 key, max);
		die(r->path, msg);
	}
}

/* The index of @s in @words (@n of them), or die. */
static unsigned word(const char *path, const char *s,
		     const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, words[i]))
			return (unsigned)i;
	die(path, "unknown word in a list");
}

/* A sequence of words as a bit set; 0 when @key is absent. */
static unsigned word_set(const char *path, struct fy_node *root,
			 const char *key, const char *const *words, size_t n)
{
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, key,
							       strlen(key));
	struct fy_node *item;
	void *it = NULL;
	unsigned set = 0;

	if (!seq)
		return 0;
	if (!fy_node_is_sequence(seq))
		die(path, "expected a sequence of words");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		const char *w = fy_node_get_scalar0(item);

		if (!w)
			die(path, "expected a word");
		set |= 1u << word(path, w, words, n);
	}
	if (!set)
		die(path, "an empty list");
	return set;
}

static void read_example(struct rule *r, struct fy_node *root,
			 const char *key, struct example *ex)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(root, key,
							     strlen(key));
	struct fy_node *args;

	if (!n || !fy_node_is_mapping(n))
		die(r->path, "bad or good example missing (a mapping)");
	ex->yaml = scalar(r, n, "yaml", false);
	ex->files_node = fy_node_mapping_lookup_by_string(n, "files", 5);
	if (!ex->yaml == !ex->files_node)
		die(r->path, "an example has exactly one of yaml: and files:");
	args = fy_node_mapping_lookup_by_string(n, "args", 4);
	if (args) {
		void *it = NULL;
		struct fy_node *a;
		size_t len = 0;

		ex->args = calloc(1, 4096);
		while ((a = fy_node_sequence_iterate(args, &it))) {
			const char *s = fy_node_get_scalar0(a);
			if (!s || len + strlen(s) + 2 > 4096)
				die(r->path, "bad args");
			len += (size_t)sprintf(ex->args + len, "%s\n", s);
		}
	}
}

static void load(struct rule *r, const char *path)
{
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET };
	struct fy_node *root;

	r->path = path;
	r->fyd = fy_document_build_from_file(&cfg, path);
	if (!r->fyd)
		die(path, "cannot parse");
	root = fy_document_root(r->fyd);
	if (!root || !fy_node_is_mapping(root))
		die(path, "not a mapping");
	r->id = scalar(r, root, "id", true);
	r->name = scalar(r, root, "name", true);
	r->severity = scalar(r, root, "severity", true);
	r->summary = scalar(r, root, "summary", true);
	r->rationale = scalar(r, root, "rationale", true);
	r->helm = scalar(r, root, "helm", true);
	r->section = scalar(r, root, "section", true);
	r->family = scalar(r, root, "family", true);
	r->templated = scalar(r, root, "templated", false);
	if (r->templated && strcmp(r->templated, "report") &&
	    strcmp(r->templated, "silent"))
		die(path, "templated is report or silent");
	r->stops = scalar(r, root, "stops", false);
	if (r->stops && strcmp(r->stops, "rejected") &&
	    strcmp(r->stops, "timeout") && strcmp(r->stops, "rerun"))
		die(path, "stops is rejected, timeout or rerun");
	r->targets = word_set(path, root, "targets", target_words,
			      sizeof(target_words) / sizeof(*target_words));
	if (strcmp(r->severity, "error") && strcmp(r->severity, "warning") &&
	    strcmp(r->severity, "info") && strcmp(r->severity, "off"))
		die(path, "severity is error, warning, info or off");
	if (!strstr(path, r->id))
		die(path, "file name and id differ");
	if (strspn(r->name, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
	    strlen(r->name))
		die(path, "name is not kebab-case");
	limit(r, "summary", r->summary, 200);
	limit(r, "rationale", r->rationale, 700);
	limit(r, "helm", r->helm, 700);
	read_example(r, root, "bad", &r->bad);
	read_example(r, root, "good", &r->good);
}

static void c_string(FILE *f, const char *s, size_t n)
{
	size_t i;

	if (!s) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n\"\n\t\t\"", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void c_str0(FILE *f, const char *s)
{
	c_string(f, s, s ? strlen(s) : 0);
}

/* "path\0content\0...\0": written as one literal with explicit NULs. */
static void c_files(FILE *f, struct rule *r, struct fy_node *files)
{
	void *it = NULL;
	struct fy_node_pair *p;

	if (!files) {
		fputs("NULL", f);
		return;
	}
	if (!fy_node_is_mapping(files))
		die(r->path, "files: is a mapping of path to content");
	fputs("\"\"\n", f);
	while ((p = fy_node_mapping_iterate(files, &it))) {
		const char *k = fy_node_get_scalar0(fy_node_pair_key(p));
		const char *v = fy_node_get_scalar0(fy_node_pair_value(p));
		if (!k || !v)
			die(r->path, "files: entries are path: content");
		fputs("\t\t", f);
		c_str0(f, k);
		fputs(" \"\\0\"\n\t\t", f);
		c_str0(f, v);
		fputs(" \"\\0\"\n", f);
	}
	fputs("\t\t\"\"", f);
}

static void pascal(FILE *f, const char *name)
{
	bool up = true;

	fputc('"', f);
	for (; *name; name++) {
		if (*name == '-') {
			up = true;
			continue;
		}
		fputc(up && *name >= 'a' && *name <= 'z' ? *name - 32 : *name, f);
		up = false;
	}
	fputc('"', f);
}

static const char *severity_enum(const char *severity)
{
	return !strcmp(severity, "error") ? "ERROR" :
	       !strcmp(severity, "warning") ? "WARNING" : "INFO";
}

static void gen_ids(FILE *f, struct rule *rules, size_t n)
{
	size_t i;

	fputs("/* generated by rules/gen-rules.c from rules/<ID>.yaml: do not edit */\n"
	      "#ifndef HL_RULE_IDS_H\n#define HL_RULE_IDS_H\n\n"
	      "enum hl_rule_id {\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "\tHL_RULE_%s,\n", rules[i].id);
	fputs("\tHL_RULE_MAX\n};\n\n#endif\n", f);
}

static void gen_meta(FILE *f, const char *base, struct rule *rules, size_t n)
{
	size_t i;

	fputs("/* generated by rules/gen-rules.c from rules/<ID>.yaml: do not edit */\n"
	      "#include \"registry.h\"\n\n"
	      "const struct hl_rule_meta hl_rule_meta[HL_RULE_MAX] = {\n", f);
	for (i = 0; i < n; i++) {
		struct rule *r = &rules[i];

		fprintf(f, "\t[HL_RULE_%s] = {\n\t\t.id = \"%s\",\n\t\t.name = ",
			r->id, r->id);
		c_str0(f, r->name);
		fputs(",\n\t\t.pascal = ", f);
		pascal(f, r->name);
		fprintf(f, ",\n\t\t.family = \"%s\",\n"
			"\t\t.url = \"%s/%s.md\",\n"
			"\t\t.severity = HL_SEV_%s,\n\t\t.off_by_default = %s,\n"
			"\t\t.targets = 0x%xu,\n\t\t.report_templated = %s,\n"
			"\t\t.stops = HL_STOPS_%s,\n",
			r->family, base, r->id, severity_enum(r->severity),
			strcmp(r->severity, "off") ? "false" : "true",
			r->targets, r->templated && !strcmp(r->templated, "report") ?
			"true" : "false",
			!r->stops ? "NONE" : !strcmp(r->stops, "rejected") ?
			"REJECTED" : !strcmp(r->stops, "timeout") ? "TIMEOUT" :
			"RERUN");
#define FIELD(name, val) do { fputs("\t\t." name " = ", f); c_str0(f, val); fputs(",\n", f); } while (0)
		FIELD("summary", r->summary);
		FIELD("rationale", r->rationale);
		FIELD("helm", r->helm);
		FIELD("section", r->section);
		FIELD("bad", r->bad.yaml);
		FIELD("good", r->good.yaml);
		FIELD("bad_args", r->bad.args);
		FIELD("good_args", r->good.args);
#undef FIELD
		fputs("\t\t.bad_files = ", f);
		c_files(f, r, r->bad.files_node);
		fputs(",\n\t\t.good_files = ", f);
		c_files(f, r, r->good.files_node);
		fputs(",\n\t},\n", f);
	}
	fputs("};\n", f);
}

static struct fy_document *families_doc;

/* rules/families.yaml: the families in the order they run. */
static size_t load_families(const char *path, struct family **out)
{
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET };
	struct fy_node *seq, *item;
	struct family *fams;
	void *it = NULL;
	size_t n = 0;

	families_doc = fy_document_build_from_file(&cfg, path);
	if (!families_doc)
		die(path, "cannot parse");
	seq = fy_node_mapping_lookup_by_string(fy_document_root(families_doc),
					       "families", 8);
	if (!seq || !fy_node_is_sequence(seq))
		die(path, "families: is a sequence");
	fams = calloc((size_t)fy_node_sequence_item_count(seq) + 1,
		      sizeof(*fams));
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		struct rule tmp = { .path = path };
		struct family *fa = &fams[n++];
		const char *v;

		if (!fy_node_is_mapping(item))
			die(path, "a family is a mapping");
		fa->name = scalar(&tmp, item, "name", true);
		fa->runs = scalar(&tmp, item, "runs", true);
		fa->places = word_set(path, item, "places", place_words,
				      sizeof(place_words) / sizeof(*place_words));
		v = scalar(&tmp, item, "values-only", false);
		fa->values_only = v && !strcmp(v, "true");
		if (strcmp(fa->runs, "document") && strcmp(fa->runs, "release") &&
		    strcmp(fa->runs, "unparsed") && strcmp(fa->runs, "suppress"))
			die(path, "runs is document, release, unparsed or suppress");
		if (!strcmp(fa->runs, "document") && !fa->places)
			die(path, "a document family needs places");
	}
	*out = fams;
	return n;
}

static void gen_families(FILE *f, struct family *fams, size_t nf)
{
	size_t i, n = 0;

	fputs("/* generated by rules/gen-rules.c from rules/families.yaml: do not edit */\n"
	      "#include \"pass.h\"\n#include \"rules/families.h\"\n\n"
	      "const struct hl_family hl_families[] = {\n", f);
	for (i = 0; i < nf; i++) {
		if (strcmp(fams[i].runs, "document"))
			continue;
		fprintf(f, "\t{ \"%s\", hl_check_%s, 0x%xu, %s },\n",
			fams[i].name, fams[i].name, fams[i].places,
			fams[i].values_only ? "true" : "false");
		n++;
	}
	fprintf(f, "};\n\nconst size_t hl_nfamilies = %zu;\n", n);
}

/* Every rule names a family of rules/families.yaml. */
static void check_families(struct rule *rules, size_t n, struct family *fams,
			   size_t nf)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < nf && strcmp(rules[i].family, fams[j].name); j++)
			;
		if (j == nf)
			die(rules[i].path, "family is not in rules/families.yaml");
	}
}

static FILE *create(const char *dir, const char *name, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	return f;
}

static void finish(FILE *f, const char *path)
{
	if (fclose(f))
		die(path, "write error");
}

static void gen_c(const char *dir, const char *base, const char *families,
		  struct rule *rules, size_t n)
{
	char path[4096];
	struct family *fams;
	size_t nf = load_families(families, &fams);
	FILE *f;

	check_families(rules, n, fams, nf);
	f = create(dir, "rule_ids.h", path, sizeof(path));
	gen_ids(f, rules, n);
	finish(f, path);
	f = create(dir, "rule_meta.c", path, sizeof(path));
	gen_meta(f, base, rules, n);
	finish(f, path);
	f = create(dir, "pass_families.c", path, sizeof(path));
	gen_families(f, fams, nf);
	finish(f, path);
	free(fams);
	fy_document_destroy(families_doc);
}

/* Markdown table cell: one line, '|' escaped (also inside code spans). */
static void md_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

static void md_code(FILE *f, const char *lang, const char *s)
{
	fprintf(f, "```%s\n%s%s```\n\n", lang, s,
		s[0] && s[strlen(s) - 1] == '\n' ? "" : "\n");
}

static bool has_repeat(struct example *ex)
{
	void *it = NULL;
	struct fy_node_pair *p;

	if (ex->yaml)
		return strstr(ex->yaml, "%%REPEAT:") != NULL;
	while ((p = fy_node_mapping_iterate(ex->files_node, &it))) {
		const char *v = fy_node_get_scalar0(fy_node_pair_value(p));
		if (v && strstr(v, "%%REPEAT:"))
			return true;
	}
	return false;
}

static void md_example(FILE *f, const char *title, struct example *ex)
{
	fprintf(f, "## %s\n\n", title);
	if (ex->args) {
		const char *a = ex->args;

		fputs("Arguments: `", f);
		while (*a) {
			size_t n = strcspn(a, "\n");
			fprintf(f, "%s%.*s", a == ex->args ? "" : " ", (int)n, a);
			a += n + (a[n] == '\n');
		}
		fputs("`\n\n", f);
	}
	if (ex->yaml) {
		md_code(f, "yaml", ex->yaml);
	} else {
		void *it = NULL;
		struct fy_node_pair *p;

		while ((p = fy_node_mapping_iterate(ex->files_node, &it))) {
			const char *k = fy_node_get_scalar0(fy_node_pair_key(p));
			const char *v = fy_node_get_scalar0(fy_node_pair_value(p));
			fprintf(f, "`%s`:\n\n", k);
			md_code(f, "yaml", v);
		}
	}
	if (has_repeat(ex))
		fputs("`%%REPEAT:N:c%%` stands for N copies of the character c.\n\n",
		      f);
}

/* The groups of the rules index, by the hundreds digit of the ID. */
static const char *group(const char *id)
{
	switch (id[2]) {
	case '1': return "HL1xx: annotation values";
	case '2': return "HL2xx: annotation keys and placement";
	case '3': return "HL3xx: delete policies and lifecycle";
	case '4': return "HL4xx: ordering and dependencies";
	case '5': return "HL5xx: what a hook's kind does at run time";
	case '6': return "HL6xx: crds/ and resource policy";
	case '7': return "HL7xx: portability";
	case '9': return "HL9xx: the tool itself";
	default: return "Other rules";
	}
}

static void gen_page(FILE *f, const char *base, struct rule *r)
{
	bool off = !strcmp(r->severity, "off");

	fprintf(f, "<!-- generated from rules/%s.yaml by rules/gen-rules.c: do not edit -->\n"
		"# %s %s\n\n"
		"Default severity: **%s**%s\n\n"
		"%s\n\n## Why\n\n%s\n\n## What Helm does\n\n%s\n\n"
		"Reference: [Helm's hook semantics](../helm-semantics.md) %s.\n\n",
		r->id, r->id, r->name, off ? "off" : r->severity,
		off ? " (reports at info when enabled with `--enable`)" : "",
		r->summary, r->rationale, r->helm, r->section);
	md_example(f, "Failing example", &r->bad);
	md_example(f, "Passing example", &r->good);
	fprintf(f, "## Configuration\n\n"
		"- one line: `# hooklint disable=%s` on the line or on the comment"
		" lines directly above it;\n"
		"- one file: `# hooklint disable-file=%s`;\n"
		"- everywhere: `--%s %s`, or `rules: {%s: %s}` in `.hooklint.yaml`"
		" (any severity: `error`, `warning`, `info`, `off`).\n\n"
		"[All rules](README.md). This page: %s/%s.md\n",
		r->id, r->id, off ? "enable" : "disable", r->id, r->id,
		off ? "info" : "off", base, r->id);
}

static void gen_docs(const char *dir, const char *base, struct rule *rules,
		     size_t n)
{
	char path[4096];
	const char *fam = NULL;
	size_t i;
	FILE *idx;

	snprintf(path, sizeof(path), "%s/README.md", dir);
	idx = fopen(path, "w");
	if (!idx)
		die(path, "cannot write");
	fputs("<!-- generated from rules/*.yaml by rules/gen-rules.c: do not edit -->\n"
	      "# hooklint rules\n\n"
	      "Every check hooklint ships, with its default severity. Each page"
	      " says what\nfires the rule, why it matters and what Helm really"
	      " does, with a failing and\na passing example;"
	      " `hooklint --explain ID` prints the same text.\n", idx);
	for (i = 0; i < n; i++) {
		struct rule *r = &rules[i];
		FILE *f;

		if (!fam || strcmp(fam, group(r->id))) {
			fam = group(r->id);
			fprintf(idx, "\n## %s\n\n| ID | name | default severity | summary |\n"
				"|---|---|---|---|\n", fam);
		}
		fprintf(idx, "| [%s](%s.md) | %s | %s | ", r->id, r->id,
			r->name, r->severity);
		md_cell(idx, r->summary);
		fputs(" |\n", idx);
		snprintf(path, sizeof(path), "%s/%s.md", dir, r->id);
		f = fopen(path, "w");
		if (!f)
			die(path, "cannot write");
		gen_page(f, base, r);
		if (fclose(f))
			die(path, "write error");
	}
	if (fclose(idx))
		die(dir, "write error");
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

int main(int argc, char **argv)
{
	struct rule *rules;
	int first, i;
	size_t n;

	if (argc < 3 || (strcmp(argv[1], "c") && strcmp(argv[1], "docs"))) {
		fprintf(stderr, "usage: gen-rules c OUTDIR BASEURL families.yaml RULE.yaml...\n"
				"       gen-rules docs OUTDIR BASEURL RULE.yaml...\n");
		return 2;
	}
	first = !strcmp(argv[1], "c") ? 5 : 4;
	if (argc < first)
		return 2;
	n = (size_t)(argc - first);
	rules = calloc(n ? n : 1, sizeof(*rules));
	for (i = first; i < argc; i++)
		load(&rules[i - first], argv[i]);
	qsort(rules, n, sizeof(*rules), cmp_rule);
	if (!strcmp(argv[1], "c")) {
		gen_c(argv[2], argv[3], argv[4], rules, n);
	} else {
		gen_docs(argv[2], argv[3], rules, n);
	}
	/* freed so that a sanitizer build of the tree reports no leak */
	for (i = 0; i < (int)n; i++) {
		free(rules[i].bad.args);
		free(rules[i].good.args);
		fy_document_destroy(rules[i].fyd);
	}
	free(rules);
	return 0;
}
