/* SPDX-License-Identifier: MIT */
/*
 * sample.c - write sample reports in the machine formats, to check them
 * with outside tools:
 *   sample-sarif OUTDIR   writes findings.sarif, clean.sarif, error.sarif,
 *                         hostile.sarif, findings.gcc, findings.json,
 *                         error.json and hostile.json
 */
#include "cli.h"
#include "engine.h"
#include "lint.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static const char job[] =
	"apiVersion: batch/v1\n"
	"kind: Job\n"
	"metadata:\n"
	"  name: migrate \xf0\x9f\x9a\x80\n"
	"  annotations:\n"
	"    \"helm.sh/hook\": pre-install,pre-uninstall\n"
	"    \"helm.sh/hook-weight\": \"1.5\"\n";

static const char rendered[] =
	"---\r\n"
	"# Source: app/templates/cm.yaml\r\n"
	"apiVersion: v1\r\n"
	"kind: ConfigMap\r\n"
	"metadata:\r\n"
	"  name: \"caf\xc3\xa9\"\r\n"
	"  annotations:\r\n"
	"    helm.sh/hook: post-install\r\n"
	"    helm.sh/hook-delete-policy: \"never\"";

static size_t add_file(struct hl_report *r, const char *path, const char *uri)
{
	struct hl_file *f;

	HL_GROW(r->files, r->nfiles + 1, r->files_alloc);
	f = &r->files[r->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->uri = xstrdup(uri);
	f->linted = true;
	return r->nfiles++;
}

static struct hl_finding *add(struct hl_report *r, size_t file,
			      enum hl_rule_id rule, enum hl_severity sev,
			      const char *buf, const char *needle,
			      const char *msg)
{
	struct hl_finding *f;
	const char *at = strstr(buf, needle);

	HL_GROW(r->findings, r->nfindings + 1, r->findings_alloc);
	f = &r->findings[r->nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	f->file = file;
	f->seq = r->nfindings++;
	f->span.start = (size_t)(at - buf);
	f->span.end = f->span.start + strlen(needle);
	f->message = xstrdup(msg);
	r->counts[sev]++;
	return f;
}

static void findings(struct hl_report *r)
{
	size_t file = add_file(r, "charts/app/templates/job.yaml",
			       "charts/app/templates/job.yaml");
	size_t first = r->nfindings;
	struct hl_finding *f;
	struct hl_span name;

	f = add(r, file, HL_RULE_HL101, HL_SEV_ERROR, job, "pre-uninstall",
		"unknown hook event 'pre-uninstall': Helm drops the whole "
		"resource");
	f->help = xstrdup("use 'pre-delete'");
	name.start = (size_t)(strstr(job, "migrate") - job);
	name.end = name.start + strlen("migrate \xf0\x9f\x9a\x80");
	hl_finding_related(f, NULL, true, name, "the hook '%s'",
			   "migrate \xf0\x9f\x9a\x80");
	hl_finding_edit(f, f->span, "pre-delete");
	add(r, file, HL_RULE_HL110, HL_SEV_ERROR, job, "\"1.5\"",
	    "hook weight \"1.5\" is not an integer: Helm uses 0");
	hl_report_place(r, first, r->nfindings, job, strlen(job), true, NULL, 0);

	/* ':' and ' ' in a path, '[' and ': ' in messages */
	file = add_file(r, "out/rendered: v2.yaml", "out/rendered:%20v2.yaml");
	first = r->nfindings;
	add(r, file, HL_RULE_HL106, HL_SEV_INFO, rendered, "post-install",
	    "event 'post-install' [sic]: fine");
	f = add(r, file, HL_RULE_HL302, HL_SEV_WARNING, rendered, "\"never\"",
		"delete policy 'never' is not one Helm knows: the hook is "
		"never deleted");
	f->template_path = xstrdup("app/templates/cm.yaml");
	/* a related location in another file, as a whole */
	hl_finding_related(f, "charts/app/templates/job.yaml", false,
			   f->span, "the file of the hook '%s'", "migrate");
	hl_report_place(r, first, r->nfindings, rendered, strlen(rendered), true, NULL, 0);
	r->base_uri = xstrdup("file:///work/repo with space/");
}

/* Every byte value in a path, a message, help and the source itself: the
 * output must still be valid JSON and SARIF. */
static void hostile(struct hl_report *r)
{
	static char bytes[256 * 2];
	size_t i, file;
	struct hl_finding *f;

	for (i = 1; i < 256; i++) {
		bytes[2 * i - 2] = (char)i;
		bytes[2 * i - 1] = (char)(255 - i + 1);
	}
	bytes[510] = '\0';
	file = add_file(r, bytes + 1, "hostile.yaml");
	f = add(r, file, HL_RULE_HL101, HL_SEV_ERROR, bytes, "\x10", bytes);
	f->span.end = 400;
	f->help = xstrdup(bytes + 3);
	f->template_path = xstrdup(bytes + 5);
	hl_finding_related(f, bytes + 7, true, f->span, "%s", bytes + 9);
	hl_finding_edit(f, f->span, bytes + 11);
	hl_report_place(r, 0, r->nfindings, bytes, 510, true, NULL, 0);
	r->base_uri = xstrdup("file:///x/");
}

static int write(const char *dir, const char *name, const struct hl_report *r,
		 enum hl_format fmt)
{
	struct hl_opts o;
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return hl_error("cannot write '%s'", path);
	hl_opts_init(&o);
	o.format = fmt;
	ret = hl_emit(r, &o, f, false);
	if (fclose(f))
		ret = -1;
	free(path);
	return ret;
}

int main(int argc, char **argv)
{
	struct hl_report full = { 0 }, clean = { 0 }, err = { 0 }, bad = { 0 };
	int ret = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: sample-sarif OUTDIR\n");
		return 2;
	}
	findings(&full);
	hostile(&bad);
	add_file(&clean, "values.yaml", "values.yaml");
	clean.base_uri = xstrdup("file:///work/repo/");
	add_file(&err, "charts/ok.yaml", "charts/ok.yaml");
	err.errors = xcalloc(1, sizeof(*err.errors));
	err.errors[0].path = xstrdup("charts/missing.yaml");
	err.errors[0].message = xstrdup("cannot read 'charts/missing.yaml': "
					"No such file or directory");
	err.nerrors = err.errors_alloc = 1;
	err.base_uri = xstrdup("file:///work/repo/");
	if (write(argv[1], "findings.sarif", &full, HL_FMT_SARIF) ||
	    write(argv[1], "clean.sarif", &clean, HL_FMT_SARIF) ||
	    write(argv[1], "error.sarif", &err, HL_FMT_SARIF) ||
	    write(argv[1], "findings.gcc", &full, HL_FMT_GCC) ||
	    write(argv[1], "findings.json", &full, HL_FMT_JSON) ||
	    write(argv[1], "error.json", &err, HL_FMT_JSON) ||
	    write(argv[1], "hostile.sarif", &bad, HL_FMT_SARIF) ||
	    write(argv[1], "hostile.json", &bad, HL_FMT_JSON))
		ret = 1;
	hl_report_release(&full);
	hl_report_release(&clean);
	hl_report_release(&err);
	hl_report_release(&bad);
	return ret;
}
