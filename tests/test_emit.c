/* SPDX-License-Identifier: MIT */
/* test_emit.c - every report format, escaping, summary line */
#include "check_main.h"
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "buildinfo.h"
#include "emit.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>

static const char job[] =
	"kind: Job\n"
	"metadata:\n"
	"\tname: \"\xe4\xb8\xad\xe6\x96\x87\"\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": pre-uninstall\n";

/* hostile input: an escape sequence in the file and in the message */
static const char evil[] = "k: \"\x1b[31mred\" # 100%\r\n";

static struct hl_report rep;

static size_t add_file(const char *path, const char *uri)
{
	struct hl_file *f;

	HL_GROW(rep.files, rep.nfiles + 1, rep.files_alloc);
	f = &rep.files[rep.nfiles];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->uri = xstrdup(uri);
	f->linted = true;
	return rep.nfiles++;
}

static struct hl_finding *add(size_t file, enum hl_rule_id rule,
			      enum hl_severity sev, const char *buf,
			      const char *from, const char *to,
			      const char *msg)
{
	struct hl_finding *f;

	HL_GROW(rep.findings, rep.nfindings + 1, rep.findings_alloc);
	f = &rep.findings[rep.nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	f->file = file;
	f->seq = rep.nfindings++;
	f->span.start = (size_t)(strstr(buf, from) - buf);
	f->span.end = to ? (size_t)(strstr(buf, to) - buf) + strlen(to) :
		      f->span.start + strlen(from);
	f->message = xstrdup(msg);
	rep.counts[sev]++;
	return f;
}

static void setup(void)
{
	struct hl_finding *f;
	struct hl_span name;
	size_t file;

	memset(&rep, 0, sizeof(rep));
	file = add_file("charts/app/templates/job.yaml",
			"charts/app/templates/job.yaml");
	f = add(file, HL_RULE_HL120, HL_SEV_WARNING, job, "\"\xe4\xb8\xad", "\"\n",
		"hook name is quoted");
	f->span.end--;	/* not the newline */
	f = add(file, HL_RULE_HL101, HL_SEV_ERROR, job, "pre-uninstall", NULL,
		"unknown hook event 'pre-uninstall'");
	f->help = xstrdup("use 'pre-delete'");
	name.start = (size_t)(strstr(job, "name") - job);
	name.end = name.start + 4;
	hl_finding_related(f, NULL, true, name, "the hook's name");
	hl_finding_edit(f, f->span, "pre-delete");
	f = add(file, HL_RULE_HL105, HL_SEV_INFO, job, "metadata:",
		"uninstall", "spans lines");
	/* findings of a file arrive sorted by offset */
	{
		struct hl_finding t = rep.findings[0];
		rep.findings[0] = rep.findings[2];
		rep.findings[2] = rep.findings[1];
		rep.findings[1] = t;
	}
	hl_report_place(&rep, 0, rep.nfindings, job, strlen(job), true, NULL, 0);

	file = add_file("evil\x1b].yaml", "evil%1B%5D.yaml");
	f = add(file, HL_RULE_HL302, HL_SEV_WARNING, evil, "\"", "red\"",
		"value \"\x1b[31mred\" is 100%, odd: a,b\nnext\xff line");
	f->template_path = xstrdup("app/templates/cm.yaml");
	hl_report_place(&rep, 3, rep.nfindings, evil, strlen(evil), true, NULL, 0);
	rep.base_uri = xstrdup("file:///src/repo");
}

static void teardown(void)
{
	hl_report_release(&rep);
}

/* The report in @fmt, as one string the caller frees. */
static char *emit(enum hl_format fmt, bool color)
{
	struct hl_opts o;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	hl_opts_init(&o);
	o.format = fmt;
	ck_assert_int_eq(hl_emit(&rep, &o, f, color), 0);
	fclose(f);
	return s;
}

/* Whole outputs exceed what Check can carry in a failure message:
 * show them on stderr, report the first difference. */
static void ck_same(const char *got, const char *want)
{
	size_t i = 0;

	if (!strcmp(got, want))
		return;
	while (got[i] == want[i])
		i++;
	fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, got);
	ck_abort_msg("output differs at byte %zu: got \"%.40s\"", i, got + i);
}

static void ck_emit(enum hl_format fmt, bool color, const char *want)
{
	char *got = emit(fmt, color);

	ck_same(got, want);
	free(got);
}

START_TEST(text)
{
	ck_emit(HL_FMT_TEXT, false,
		"charts/app/templates/job.yaml:2:1: info: spans lines [HL105 deprecated-hook-event]\n"
		"    2 | metadata:\n"
		"      | ^~~~~~~~~\n"
		"charts/app/templates/job.yaml:3:8: warning: hook name is quoted [HL120 non-string-annotation-value]\n"
		"    3 |         name: \"\xe4\xb8\xad\xe6\x96\x87\"\n"
		"      |               ^~~~~~\n"
		"charts/app/templates/job.yaml:5:21: error: unknown hook event 'pre-uninstall' [HL101 unknown-hook-event]\n"
		"    5 |     \"helm.sh/hook\": pre-uninstall\n"
		"      |                     ^~~~~~~~~~~~~\n"
		"      = help: use 'pre-delete'\n"
		"charts/app/templates/job.yaml:3:2: note: the hook's name\n"
		"evil\\x1b].yaml:1:4: warning: value \"\\x1b[31mred\" is 100%, odd: a,b\\nnext\\xff line [HL302 hook-never-cleaned-up]\n"
		"    1 | k: \"\\x1b[31mred\" # 100%\n"
		"      |    ^~~~~~~~~~~~~\n");
}
END_TEST

START_TEST(text_color)
{
	char *got;

	rep.nfindings = 1;
	got = emit(HL_FMT_TEXT, true);
	rep.nfindings = 4;
	ck_same(got,
		"\033[1mcharts/app/templates/job.yaml:2:1:\033[0m "
		"\033[1;36minfo:\033[0m spans lines [HL105 deprecated-hook-event]\n"
		"    2 | metadata:\n"
		"      | \033[1;32m^~~~~~~~~\033[0m\n");
	free(got);
}
END_TEST

START_TEST(text_zero_width_and_eol)
{
	const char *buf = "a: x\nb:\n";
	struct hl_finding *f;
	char *got;

	teardown();
	memset(&rep, 0, sizeof(rep));
	add_file("z.yaml", "z.yaml");
	f = add(0, HL_RULE_HL102, HL_SEV_ERROR, buf, "b:", NULL, "empty");
	f->span.start = f->span.end;	/* just after the ':' */
	hl_report_place(&rep, 0, rep.nfindings, buf, strlen(buf), false, NULL, 0);
	got = emit(HL_FMT_TEXT, false);
	ck_same(got,
		"z.yaml:2:3: error: empty [HL102 empty-hook-event]\n"
		"    2 | b:\n"
		"      |   ^\n");
	free(got);
}
END_TEST

START_TEST(text_invalid_utf8_and_long_lines)
{
	struct hl_buf buf = HL_BUF_INIT;
	char *got;
	int i;

	teardown();
	memset(&rep, 0, sizeof(rep));
	add_file("u.yaml", "u.yaml");
	/* two invalid sequences (e2 82, ff) are two columns, shown as bytes */
	hl_buf_adds(&buf, "v: \xe2\x82\xff x\n");
	for (i = 0; i < 5000; i++)
		hl_buf_addc(&buf, 'a');
	hl_buf_adds(&buf, " y\n");
	add(0, HL_RULE_HL101, HL_SEV_ERROR, buf.s, "x", NULL, "m");
	add(0, HL_RULE_HL101, HL_SEV_ERROR, buf.s, "y", NULL, "far");
	hl_report_place(&rep, 0, rep.nfindings, buf.s, buf.len, false, NULL, 0);
	got = emit(HL_FMT_TEXT, false);
	/* the second starts past the 4096 bytes kept of its line */
	ck_same(got,
		"u.yaml:1:7: error: m [HL101 unknown-hook-event]\n"
		"    1 | v: \\xe2\\x82\\xff x\n"
		"      |                 ^\n"
		"u.yaml:2:5002: error: far [HL101 unknown-hook-event]\n");
	free(got);
	hl_buf_release(&buf);
}
END_TEST

START_TEST(gcc)
{
	ck_emit(HL_FMT_GCC, false,
		"charts/app/templates/job.yaml:2:1: note: spans lines [HL105]\n"
		"charts/app/templates/job.yaml:3:8: warning: hook name is quoted [HL120]\n"
		"charts/app/templates/job.yaml:5:21: error: unknown hook event 'pre-uninstall' [HL101]\n"
		"evil\\x1b].yaml:1:4: warning: value \"\\x1b[31mred\" is 100%, odd: a,b\\nnext\\xff line [HL302]\n");
}
END_TEST

#define URL(id) "\"" HL_DOCS_URL "/" id ".md\""

START_TEST(json)
{
	ck_emit(HL_FMT_JSON, false,
		"{\n"
		"  \"version\": 1,\n"
		"  \"tool\": {\n"
		"    \"name\": \"hooklint\",\n"
		"    \"version\": \"" HL_VERSION "\"\n"
		"  },\n"
		"  \"findings\": [\n"
		"    {\"rule\": \"HL105\", \"name\": \"deprecated-hook-event\", \"severity\": \"info\", "
		"\"path\": \"charts/app/templates/job.yaml\", \"start\": {\"line\": 2, \"col\": 1}, "
		"\"end\": {\"line\": 5, \"col\": 34}, \"message\": \"spans lines\", \"help\": null, "
		"\"url\": " URL("HL105") ", \"template\": null, \"related\": [], \"fix\": null},\n"
		"    {\"rule\": \"HL120\", \"name\": \"non-string-annotation-value\", \"severity\": \"warning\", "
		"\"path\": \"charts/app/templates/job.yaml\", \"start\": {\"line\": 3, \"col\": 8}, "
		"\"end\": {\"line\": 3, \"col\": 12}, \"message\": \"hook name is quoted\", \"help\": null, "
		"\"url\": " URL("HL120") ", \"template\": null, \"related\": [], \"fix\": null},\n"
		"    {\"rule\": \"HL101\", \"name\": \"unknown-hook-event\", \"severity\": \"error\", "
		"\"path\": \"charts/app/templates/job.yaml\", \"start\": {\"line\": 5, \"col\": 21}, "
		"\"end\": {\"line\": 5, \"col\": 34}, \"message\": \"unknown hook event 'pre-uninstall'\", "
		"\"help\": \"use 'pre-delete'\", \"url\": " URL("HL101") ", \"template\": null, "
		"\"related\": [{\"path\": \"charts/app/templates/job.yaml\", \"start\": {\"line\": 3, \"col\": 2}, "
		"\"end\": {\"line\": 3, \"col\": 6}, \"message\": \"the hook's name\"}], "
		"\"fix\": {\"edits\": [{\"start\": {\"line\": 5, \"col\": 21}, \"end\": {\"line\": 5, \"col\": 34}, "
		"\"text\": \"pre-delete\"}]}},\n"
		"    {\"rule\": \"HL302\", \"name\": \"hook-never-cleaned-up\", \"severity\": \"warning\", "
		"\"path\": \"evil\\u001b].yaml\", \"start\": {\"line\": 1, \"col\": 4}, "
		"\"end\": {\"line\": 1, \"col\": 14}, "
		"\"message\": \"value \\\"\\u001b[31mred\\\" is 100%, odd: a,b\\nnext\\ufffd line\", "
		"\"help\": null, \"url\": " URL("HL302") ", \"template\": \"app/templates/cm.yaml\", "
		"\"related\": [], \"fix\": null}\n"
		"  ],\n"
		"  \"errors\": [],\n"
		"  \"summary\": {\n"
		"    \"errors\": 1,\n"
		"    \"warnings\": 2,\n"
		"    \"infos\": 1,\n"
		"    \"files\": 2\n"
		"  }\n"
		"}\n");
}
END_TEST

START_TEST(json_errors_and_empty)
{
	struct hl_error_entry e[2] = {
		{ "gone.yaml", "cannot read: No such file" },
		{ NULL, "internal \"error\"" },
	};
	char *got;

	rep.nfindings = 0;
	rep.errors = e;
	rep.nerrors = 2;
	rep.counts[0] = rep.counts[1] = rep.counts[2] = 0;
	got = emit(HL_FMT_JSON, false);
	rep.errors = NULL;
	rep.nerrors = 0;
	rep.nfindings = 4;
	ck_same(got,
		"{\n"
		"  \"version\": 1,\n"
		"  \"tool\": {\n"
		"    \"name\": \"hooklint\",\n"
		"    \"version\": \"" HL_VERSION "\"\n"
		"  },\n"
		"  \"findings\": [],\n"
		"  \"errors\": [\n"
		"    {\"path\": \"gone.yaml\", \"message\": \"cannot read: No such file\"},\n"
		"    {\"path\": null, \"message\": \"internal \\\"error\\\"\"}\n"
		"  ],\n"
		"  \"summary\": {\n"
		"    \"errors\": 0,\n"
		"    \"warnings\": 0,\n"
		"    \"infos\": 0,\n"
		"    \"files\": 2\n"
		"  }\n"
		"}\n");
	free(got);
}
END_TEST

START_TEST(github)
{
	ck_emit(HL_FMT_GITHUB, false,
		"::notice file=charts/app/templates/job.yaml,line=2,endLine=5,"
		"title=HL105 deprecated-hook-event::spans lines\n"
		"::warning file=charts/app/templates/job.yaml,line=3,col=8,endLine=3,endColumn=12,"
		"title=HL120 non-string-annotation-value::hook name is quoted\n"
		"::error file=charts/app/templates/job.yaml,line=5,col=21,endLine=5,endColumn=34,"
		"title=HL101 unknown-hook-event::unknown hook event 'pre-uninstall'%0Ahelp: use 'pre-delete'\n"
		"::warning file=evil\\x1b].yaml,line=1,col=4,endLine=1,endColumn=14,"
		"title=HL302 hook-never-cleaned-up::value \"\\x1b[31mred\" is 100%25, odd: a,b%0Anext\\xff line\n");
}
END_TEST

START_TEST(github_property_escapes)
{
	const char *buf = "x\n";
	struct hl_finding *f;
	struct hl_error_entry e = { "a,b:c%.yaml", "bad\r\nthing" };
	char *got;

	teardown();
	memset(&rep, 0, sizeof(rep));
	add_file("dir:1,2%/f.yaml", "x");
	f = add(0, HL_RULE_HL101, HL_SEV_ERROR, buf, "x", NULL, "m: 50%\r\n");
	hl_report_place(&rep, 0, rep.nfindings, buf, strlen(buf), false, NULL, 0);
	rep.errors = &e;
	rep.nerrors = 1;
	got = emit(HL_FMT_GITHUB, false);
	rep.errors = NULL;
	rep.nerrors = 0;
	(void)f;
	ck_same(got,
		"::error file=a%2Cb%3Ac%25.yaml,title=hooklint::bad%0D%0Athing\n"
		"::error file=dir%3A1%2C2%25/f.yaml,line=1,col=1,endLine=1,endColumn=2,"
		"title=HL101 unknown-hook-event::m: 50%25%0D%0A\n");
	free(got);
}
END_TEST

/* Compare with pieces, each under the 4095 characters of a C literal. */
static void ck_want(const char *got, const char *const *parts)
{
	struct hl_buf want = HL_BUF_INIT;

	for (; *parts; parts++)
		hl_buf_adds(&want, *parts);
	ck_same(got, want.s);
	hl_buf_release(&want);
}

/* The SARIF document without its rules array, which comes from
 * rules/<ID>.yaml and is checked on its own. */
static char *sarif_without_rules(void)
{
	char *got = emit(HL_FMT_SARIF, false);
	char *start = strstr(got, "\"rules\": [");
	char *end = strstr(got, "\n          ]\n");

	ck_assert_ptr_nonnull(start);
	ck_assert_ptr_nonnull(end);
	memmove(start + 10, end + 11, strlen(end + 11) + 1);
	return got;
}

START_TEST(sarif)
{
	char *got;

	rep.nfindings = 3;	/* HL105, HL120 and HL101 */
	got = sarif_without_rules();
	rep.nfindings = 4;
	ck_want(got, (const char *const[]){
"{\n"
"  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
"  \"version\": \"2.1.0\",\n"
"  \"runs\": [\n"
"    {\n"
"      \"tool\": {\n"
"        \"driver\": {\n"
"          \"name\": \"hooklint\",\n"
"          \"version\": \"" HL_VERSION "\",\n"
"          \"semanticVersion\": \"" HL_VERSION "\",\n"
"          \"informationUri\": \"" HL_INFO_URL "\",\n"
"          \"rules\": []\n"
"        }\n"
"      },\n"
"      \"invocations\": [\n"
"        {\n"
"          \"executionSuccessful\": true\n"
"        }\n"
"      ],\n"
"      \"originalUriBaseIds\": {\n"
"        \"%SRCROOT%\": {\n"
"          \"uri\": \"file:///src/repo/\"\n"
"        }\n"
"      },\n"
"      \"columnKind\": \"utf16CodeUnits\",\n"
"      \"results\": [\n"
"        {\n"
"          \"ruleId\": \"HL105\",\n"
"          \"ruleIndex\": 4,\n"
"          \"level\": \"note\",\n"
"          \"message\": {\n"
"            \"text\": \"spans lines\"\n"
"          },\n"
"          \"locations\": [\n"
"            {\n"
"              \"physicalLocation\": {\n"
"                \"artifactLocation\": {\n"
"                  \"uri\": \"charts/app/templates/job.yaml\",\n"
"                  \"uriBaseId\": \"%SRCROOT%\"\n"
"                },\n"
"                \"region\": {\n"
"                  \"startLine\": 2,\n"
"                  \"startColumn\": 1,\n"
"                  \"endLine\": 5,\n"
"                  \"endColumn\": 34\n"
"                }\n"
"              }\n"
"            }\n"
"          ],\n"
"          \"partialFingerprints\": {\n"
"            \"primaryLocationLineHash\": \"5e23769614808154:1\"\n"
"          }\n"
"        },\n",
"        {\n"
"          \"ruleId\": \"HL120\",\n"
"          \"ruleIndex\": 8,\n"
"          \"level\": \"warning\",\n"
"          \"message\": {\n"
"            \"text\": \"hook name is quoted\"\n"
"          },\n"
"          \"locations\": [\n"
"            {\n"
"              \"physicalLocation\": {\n"
"                \"artifactLocation\": {\n"
"                  \"uri\": \"charts/app/templates/job.yaml\",\n"
"                  \"uriBaseId\": \"%SRCROOT%\"\n"
"                },\n"
"                \"region\": {\n"
"                  \"startLine\": 3,\n"
"                  \"startColumn\": 8,\n"
"                  \"endLine\": 3,\n"
"                  \"endColumn\": 12\n"
"                }\n"
"              }\n"
"            }\n"
"          ],\n"
"          \"partialFingerprints\": {\n"
"            \"primaryLocationLineHash\": \"31aeabef196aaf03:1\"\n"
"          }\n"
"        },\n",
"        {\n"
"          \"ruleId\": \"HL101\",\n"
"          \"ruleIndex\": 0,\n"
"          \"level\": \"error\",\n"
"          \"message\": {\n"
"            \"text\": \"unknown hook event 'pre-uninstall'\"\n"
"          },\n"
"          \"locations\": [\n"
"            {\n"
"              \"physicalLocation\": {\n"
"                \"artifactLocation\": {\n"
"                  \"uri\": \"charts/app/templates/job.yaml\",\n"
"                  \"uriBaseId\": \"%SRCROOT%\"\n"
"                },\n"
"                \"region\": {\n"
"                  \"startLine\": 5,\n"
"                  \"startColumn\": 21,\n"
"                  \"endLine\": 5,\n"
"                  \"endColumn\": 34\n"
"                }\n"
"              }\n"
"            }\n"
"          ],\n"
"          \"relatedLocations\": [\n"
"            {\n"
"              \"physicalLocation\": {\n"
"                \"artifactLocation\": {\n"
"                  \"uri\": \"charts/app/templates/job.yaml\",\n"
"                  \"uriBaseId\": \"%SRCROOT%\"\n"
"                },\n"
"                \"region\": {\n"
"                  \"startLine\": 3,\n"
"                  \"startColumn\": 2,\n"
"                  \"endLine\": 3,\n"
"                  \"endColumn\": 6\n"
"                }\n"
"              },\n"
"              \"message\": {\n"
"                \"text\": \"the hook's name\"\n"
"              }\n"
"            }\n"
"          ],\n"
"          \"partialFingerprints\": {\n"
"            \"primaryLocationLineHash\": \"3e7fe4df6065a478:1\"\n"
"          },\n"
"          \"fixes\": [\n"
"            {\n"
"              \"description\": {\n"
"                \"text\": \"use 'pre-delete'\"\n"
"              },\n"
"              \"artifactChanges\": [\n"
"                {\n"
"                  \"artifactLocation\": {\n"
"                    \"uri\": \"charts/app/templates/job.yaml\",\n"
"                    \"uriBaseId\": \"%SRCROOT%\"\n"
"                  },\n"
"                  \"replacements\": [\n"
"                    {\n"
"                      \"deletedRegion\": {\n"
"                        \"startLine\": 5,\n"
"                        \"startColumn\": 21,\n"
"                        \"endLine\": 5,\n"
"                        \"endColumn\": 34\n"
"                      },\n"
"                      \"insertedContent\": {\n"
"                        \"text\": \"pre-delete\"\n"
"                      }\n"
"                    }\n"
"                  ]\n"
"                }\n"
"              ]\n"
"            }\n"
"          ]\n"
"        }\n"
"      ]\n"
"    }\n"
"  ]\n"
"}\n", NULL });
	free(got);
}
END_TEST

START_TEST(sarif_hostile_and_template)
{
	char *got = emit(HL_FMT_SARIF, false);

	/* the file's URI as given, the message escaped, the template a
	 * related location that names only the file */
	ck_assert_ptr_nonnull(strstr(got,
		"\"uri\": \"evil%1B%5D.yaml\",\n"));
	ck_assert_ptr_nonnull(strstr(got,
		"\"text\": \"value \\\"\\u001b[31mred\\\" is 100%, odd: a,b"
		"\\nnext\\ufffd line\"\n"));
	ck_assert_ptr_nonnull(strstr(got,
		"          \"relatedLocations\": [\n"
		"            {\n"
		"              \"physicalLocation\": {\n"
		"                \"artifactLocation\": {\n"
		"                  \"uri\": \"app/templates/cm.yaml\"\n"
		"                }\n"
		"              },\n"
		"              \"message\": {\n"
		"                \"text\": \"source template\"\n"
		"              }\n"
		"            }\n"
		"          ],\n"));
	/* CRLF line: UTF-16 columns, the escape is one unit */
	ck_assert_ptr_nonnull(strstr(got,
		"\"startLine\": 1,\n"
		"                  \"startColumn\": 4,\n"
		"                  \"endLine\": 1,\n"
		"                  \"endColumn\": 14\n"));
	free(got);
}
END_TEST

START_TEST(sarif_uris)
{
	const char *buf = "x\n";
	char *got;

	teardown();
	memset(&rep, 0, sizeof(rep));
	add_file("/elsewhere/a b.yaml", "file:///elsewhere/a%20b.yaml");
	add_file("c:d.yaml", "c:d.yaml");
	add(0, HL_RULE_HL101, HL_SEV_ERROR, buf, "x", NULL, "m");
	add(1, HL_RULE_HL101, HL_SEV_ERROR, buf, "x", NULL, "m");
	rep.findings[1].template_path = xstrdup("my chart/t\xc3\xa9.yaml");
	hl_report_place(&rep, 0, rep.nfindings, buf, 2, false, NULL, 0);
	hl_report_place(&rep, 1, rep.nfindings, buf, 2, false, NULL, 0);
	got = emit(HL_FMT_SARIF, false);
	/* outside the base: an absolute URI, no base id */
	ck_assert_ptr_nonnull(strstr(got,
		"\"uri\": \"file:///elsewhere/a%20b.yaml\"\n"));
	/* a ':' in the first segment would read as a scheme */
	ck_assert_ptr_nonnull(strstr(got,
		"\"uri\": \"c%3Ad.yaml\",\n"
		"                  \"uriBaseId\": \"%SRCROOT%\"\n"));
	/* a template path is a path: encoded, relative, no base */
	ck_assert_ptr_nonnull(strstr(got,
		"\"uri\": \"my%20chart/t%C3%A9.yaml\"\n"));
	free(got);
}
END_TEST

START_TEST(sarif_rules)
{
	char *got = emit(HL_FMT_SARIF, false);
	const char *p = got;
	size_t i;

	/* every rule, in table order, so that ruleIndex is the enum value */
	for (i = 0; i < HL_RULE_MAX; i++) {
		char *id = xasprintf("\"id\": \"%s\"", hl_rule_id(i));
		char *name = xasprintf("\"name\": \"%s\"", hl_rule_meta[i].pascal);
		const char *at = strstr(p, id);

		ck_assert_msg(at, "rule %s missing or out of order", id);
		ck_assert_ptr_nonnull(strstr(at, name));
		ck_assert_str_ne(hl_rule_meta[i].pascal, hl_rule_id(i));
		ck_assert_ptr_nonnull(strstr(at, hl_rule_url(i)));
		p = at + 1;
		free(id);
		free(name);
	}
	free(got);
}
END_TEST

START_TEST(sarif_clean_and_errors)
{
	struct hl_error_entry e = { "charts/app/templates/job.yaml",
				    "cannot read: Permission denied" };
	char *got;

	rep.nfindings = 0;
	rep.errors = &e;
	rep.nerrors = 1;
	free(rep.base_uri);
	rep.base_uri = NULL;
	got = sarif_without_rules();
	rep.errors = NULL;
	rep.nerrors = 0;
	rep.nfindings = 4;
	ck_assert_ptr_nonnull(strstr(got,
"      \"invocations\": [\n"
"        {\n"
"          \"executionSuccessful\": false,\n"
"          \"toolExecutionNotifications\": [\n"
"            {\n"
"              \"level\": \"error\",\n"
"              \"message\": {\n"
"                \"text\": \"cannot read: Permission denied\"\n"
"              },\n"
"              \"locations\": [\n"
"                {\n"
"                  \"physicalLocation\": {\n"
"                    \"artifactLocation\": {\n"
"                      \"uri\": \"charts/app/templates/job.yaml\",\n"
"                      \"uriBaseId\": \"%SRCROOT%\"\n"
"                    }\n"
"                  }\n"
"                }\n"
"              ]\n"
"            }\n"
"          ]\n"
"        }\n"
"      ],\n"
"      \"columnKind\": \"utf16CodeUnits\",\n"
"      \"results\": []\n"
"    }\n"));
	free(got);
}
END_TEST

START_TEST(json_string_escapes)
{
	struct hl_buf b = HL_BUF_INIT;
	const char in[] = "q\"b\\s/\x01\x1b\t\r\n\x7f" "\xc3\xa9\xe2\x80\xa8"
			  "\xf0\x9f\x9a\x80\xff\xe2\x82!\0z";

	hl_json_str(&b, in, sizeof(in) - 1);
	ck_assert_str_eq(b.s,
		"\"q\\\"b\\\\s/\\u0001\\u001b\\t\\r\\n\\u007f\xc3\xa9\\u2028"
		"\xf0\x9f\x9a\x80\\ufffd\\ufffd!\\u0000z\"");
	hl_buf_release(&b);
}
END_TEST

START_TEST(summary)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	hl_emit_summary(&rep, f);
	rep.counts[HL_SEV_ERROR] = 0;
	rep.counts[HL_SEV_WARNING] = 1;
	rep.counts[HL_SEV_INFO] = 2;
	rep.files[1].linted = false;
	hl_emit_summary(&rep, f);
	fclose(f);
	ck_assert_str_eq(s,
		"1 error, 2 warnings, 1 info in 2 files\n"
		"0 errors, 1 warning, 2 infos in 1 file\n");
	free(s);
}
END_TEST

START_TEST(rule_url)
{
	ck_assert_str_eq(hl_rule_url(HL_RULE_HL101), HL_DOCS_URL "/HL101.md");
	ck_assert_str_eq(hl_rule_url(HL_RULE_HL901), HL_DOCS_URL "/HL901.md");
}
END_TEST

static Suite *emit_suite(void)
{
	Suite *s = suite_create("emit");
	TCase *tc = tcase_create("formats");
	TCase *misc = tcase_create("misc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text);
	tcase_add_test(tc, text_color);
	tcase_add_test(tc, text_zero_width_and_eol);
	tcase_add_test(tc, text_invalid_utf8_and_long_lines);
	tcase_add_test(tc, gcc);
	tcase_add_test(tc, json);
	tcase_add_test(tc, json_errors_and_empty);
	tcase_add_test(tc, github);
	tcase_add_test(tc, github_property_escapes);
	tcase_add_test(tc, sarif);
	tcase_add_test(tc, sarif_hostile_and_template);
	tcase_add_test(tc, sarif_uris);
	tcase_add_test(tc, sarif_rules);
	tcase_add_test(tc, sarif_clean_and_errors);
	tcase_add_test(tc, summary);
	suite_add_tcase(s, tc);
	tcase_add_test(misc, json_string_escapes);
	tcase_add_test(misc, rule_url);
	suite_add_tcase(s, misc);
	return s;
}

HL_TEST_MAIN(emit_suite)
