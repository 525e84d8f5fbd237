/* SPDX-License-Identifier: MIT */
/* test_walker.c - splitting, the walker and the libfyaml pitfalls */
#include "check_main.h"
#include "mask.h"
#include "source.h"
#include "walker.h"

#include <stdlib.h>
#include <string.h>

/* What one walk saw, copied out of the per-document arena. */
struct seen {
	int ndocs, nerr;
	size_t doc_index[16];
	char kind[16][32];
	char name[16][32];
	char source[16][64];
	size_t err_doc[16], err_at[16];
	char err_msg[16][128];
	/* the top annotations of the last document */
	int nann;
	char ann_key[16][64];
	char ann_val[16][64];
	struct hl_span ann_key_span[16], ann_val_span[16];
	unsigned char ann_style[16], ann_type[16];
	bool ann_direct[16];
	bool ann_templated[16];
	bool top_open;
	int nmaps;
	int ncaps;
	unsigned char cap_id[32], cap_slot[32];
	size_t cap_group[32], cap_at[32];
	char cap_val[32][32];
	struct hl_doc last;	/* scalar fields only: spans are valid */
};

static void copy(char *dst, size_t n, const char *s, size_t len)
{
	if (!s) {
		dst[0] = '\0';
		return;
	}
	if (len >= n)
		len = n - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static void on_doc(void *user, struct hl_doc *d)
{
	struct seen *s = user;
	const struct hl_map *m;
	const struct hl_cap *c;
	int i = s->ndocs++;
	size_t k;

	s->doc_index[i] = d->index;
	copy(s->kind[i], 32, d->kind.text, d->kind.len);
	copy(s->name[i], 32, d->name.text, d->name.len);
	copy(s->source[i], 64, d->source, d->source ? strlen(d->source) : 0);
	s->last = *d;
	s->nann = 0;
	s->nmaps = 0;
	for (m = d->maps; m; m = m->next)
		s->nmaps++;
	s->top_open = d->top && d->top->open;
	s->ncaps = 0;
	for (c = d->caps; c && s->ncaps < 32; c = c->next) {
		int j = s->ncaps++;
		s->cap_id[j] = c->id;
		s->cap_slot[j] = c->slot;
		s->cap_group[j] = c->group;
		s->cap_at[j] = c->val.span.start;
		copy(s->cap_val[j], 32, c->val.text, c->val.len);
	}
	if (!d->top)
		return;
	for (k = 0; k < d->top->n && k < 16; k++) {
		const struct hl_kv *kv = &d->top->items[k];
		copy(s->ann_key[k], 64, kv->key, kv->key_len);
		copy(s->ann_val[k], 64, kv->val.text, kv->val.len);
		s->ann_key_span[k] = kv->key_span;
		s->ann_val_span[k] = kv->val.span;
		s->ann_style[k] = kv->val.style;
		s->ann_type[k] = kv->val.type;
		s->ann_direct[k] = kv->val.direct;
		s->ann_templated[k] = kv->val.templated;
		s->nann++;
	}
}

static void on_syntax(void *user, const struct hl_docrange *dr, size_t at,
		      size_t end, const char *message)
{
	struct seen *s = user;
	int i = s->nerr++;

	(void)end;
	s->err_doc[i] = dr->start;
	s->err_at[i] = at;
	copy(s->err_msg[i], 128, message, strlen(message));
}

static const struct hl_walk_ops ops = { on_doc, on_syntax };

static void walk(const char *text, size_t len, struct seen *s)
{
	struct hl_arena arena = { 0 }, files = { 0 };
	struct hl_docrange *docs;
	size_t n = hl_split_docs(&files, text, len, &docs);

	memset(s, 0, sizeof(*s));
	hl_walk(text, len, docs, n, &arena, &ops, s);
	free(docs);
	hl_arena_release(&arena);
	hl_arena_release(&files);
}

#define WALK(lit, s) walk(lit, sizeof(lit) - 1, s)

/* A chart template: masked, then walked with the original bytes. */
static void walk_masked(const char *text, size_t len, struct seen *s)
{
	struct hl_arena arena = { 0 }, files = { 0 };
	struct hl_docrange *docs;
	struct hl_mask m;
	char *masked = malloc(len + 1);
	size_t n;

	ck_assert_ptr_nonnull(masked);
	hl_mask(text, len, masked, &m);
	masked[len] = '\0';
	n = hl_split_docs(&files, masked, len, &docs);
	memset(s, 0, sizeof(*s));
	hl_walk_masked(masked, text, len, &m, docs, n, &arena, &ops, s);
	free(docs);
	free(masked);
	hl_mask_release(&m);
	hl_arena_release(&arena);
	hl_arena_release(&files);
}

#define WALK_MASKED(lit, s) walk_masked(lit, sizeof(lit) - 1, s)

static size_t off(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);

	ck_assert_msg(p, "'%s' not in input", needle);
	return (size_t)(p - text);
}

START_TEST(split_like_helm)
{
	static const char in[] =
		"a: 1\n---\nb: 2\n--- # c\nc: 3\n----\nd: 4\n---e: 5\n";
	struct hl_arena a = { 0 };
	struct hl_docrange *d;
	size_t n = hl_split_docs(&a, in, sizeof(in) - 1, &d);

	ck_assert_uint_eq(n, 5);
	ck_assert(d[1].yaml_marker);
	ck_assert(d[2].yaml_marker);	/* "--- # c" */
	ck_assert(!d[3].yaml_marker);	/* "----" */
	ck_assert(!d[4].yaml_marker);	/* "---e: 5" */
	ck_assert_uint_eq(d[4].content, off(in, "e: 5"));
	ck_assert_uint_eq(d[0].end, d[1].start);
	free(d);
	hl_arena_release(&a);
}
END_TEST

START_TEST(source_comments)
{
	static const char in[] =
		"---\n# Source: app/templates/job.yaml\napiVersion: v1\n"
		"kind: Pod\nmetadata:\n  name: p\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_str_eq(s.source[0], "app/templates/job.yaml");
	ck_assert_str_eq(s.kind[0], "Pod");
	ck_assert_str_eq(s.name[0], "p");
}
END_TEST

/* libfyaml stops silently at a NUL: the document is an error and the
 * next one is still walked. */
START_TEST(nul_byte_is_contained)
{
	static const char in[] =
		"kind: A\nx: \"a\0b\"\n---\nkind: B\n---\nkind: C\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_uint_eq(s.err_at[0], 13);
	ck_assert_int_eq(s.ndocs, 2);
	ck_assert_str_eq(s.kind[0], "B");
	ck_assert_str_eq(s.kind[1], "C");
}
END_TEST

START_TEST(invalid_utf8_is_contained)
{
	static const char in[] =
		"kind: A\n---\nkind: \"\xff\xfe\"\n---\nkind: C\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err_msg[0], "invalid UTF-8 in document");
	ck_assert_int_eq(s.ndocs, 2);
	ck_assert_str_eq(s.kind[0], "A");
	ck_assert_str_eq(s.kind[1], "C");
}
END_TEST

/* After a syntax error 0.7.12 cannot reuse its parser: a new one starts
 * at the next document, and the error is placed in the broken one. */
START_TEST(syntax_error_recovers)
{
	static const char in[] =
		"kind: A\n---\nkind: B\nlist: [1, 2\n---\nkind: C\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_uint_eq(s.err_doc[0], off(in, "---\nkind: B"));
	ck_assert(s.err_at[0] < off(in, "---\nkind: C"));
	ck_assert_int_eq(s.ndocs, 2);
	ck_assert_str_eq(s.kind[0], "A");
	ck_assert_str_eq(s.kind[1], "C");
}
END_TEST

START_TEST(tab_indentation_error)
{
	static const char in[] = "kind: A\nmetadata:\n\tname: x\n---\nkind: C\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_str_eq(s.kind[0], "C");
}
END_TEST

/* "--- a: 1" is one document for Helm; libfyaml rejects a block mapping
 * on the marker line, so the walker parses it from its content. */
START_TEST(text_after_separator)
{
	static const char in[] = "kind: A\n--- kind: B\nx: 1\n---kind: C\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 3);
	ck_assert_str_eq(s.kind[1], "B");
	ck_assert_str_eq(s.kind[2], "C");
	ck_assert_uint_eq(s.last.kind.span.start, off(in, "C\n"));
}
END_TEST

/* "..." ends a YAML document but not a Helm one: what follows in the same
 * Helm document is ignored, as go-yaml reads the first document only. */
START_TEST(document_end_marker)
{
	static const char in[] = "kind: A\n...\nkind: Z\n---\nkind: B\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.ndocs, 2);
	ck_assert_str_eq(s.kind[0], "A");
	ck_assert_str_eq(s.kind[1], "B");
}
END_TEST

START_TEST(annotation_values)
{
	static const char in[] =
		"kind: Job\nmetadata:\n  annotations:\n"
		"    \"helm.sh/hook\": 'pre-install'\n"
		"    helm.sh/hook-weight: 5\n"
		"    plain: pre-upgrade\n"
		"    empty:\n"
		"    esc: \"a\\tb\"\n"
		"    block: |\n      line\n"
		"    map: {a: b}\n"
		"    str: !!str 7\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_int_eq(s.nann, 8);
	ck_assert_str_eq(s.ann_key[0], "helm.sh/hook");
	/* key rules point at the key, quotes included */
	ck_assert_uint_eq(s.ann_key_span[0].start, off(in, "\"helm.sh/hook\""));
	ck_assert_uint_eq(s.ann_key_span[0].end, off(in, "\"helm.sh/hook\"") + 14);
	ck_assert_str_eq(s.ann_val[0], "pre-install");
	ck_assert_uint_eq(s.ann_val_span[0].start, off(in, "'pre-install'"));
	ck_assert_uint_eq(s.ann_val_span[0].end, off(in, "'pre-install'") + 13);
	ck_assert(s.ann_direct[0]);
	ck_assert_int_eq(s.ann_style[0], HL_STYLE_SINGLE);
	ck_assert_int_eq(s.ann_type[1], HL_Y_INT);
	ck_assert_int_eq(s.ann_type[2], HL_Y_STR);
	/* an empty value sits just after the key's ':' */
	ck_assert_int_eq(s.ann_type[3], HL_Y_NULL);
	ck_assert_uint_eq(s.ann_val_span[3].start, off(in, "empty:") + 6);
	ck_assert_uint_eq(s.ann_val_span[3].end, off(in, "empty:") + 6);
	ck_assert_str_eq(s.ann_val[4], "a\tb");
	ck_assert(!s.ann_direct[4]);
	ck_assert_int_eq(s.ann_style[5], HL_STYLE_LITERAL);
	ck_assert_uint_eq(s.ann_val_span[5].start, off(in, "|\n"));
	ck_assert_str_eq(s.ann_val[5], "line\n");
	ck_assert_int_eq(s.ann_style[6], HL_STYLE_MAP);
	ck_assert_uint_eq(s.ann_val_span[6].start, off(in, "{a: b}"));
	ck_assert_uint_eq(s.ann_val_span[6].end, off(in, "{a: b}") + 6);
	/* an explicit !!str tag makes a string */
	ck_assert_int_eq(s.ann_type[7], HL_Y_STR);
}
END_TEST

/* The event API does not check duplicate keys: every entry is kept in
 * order and rules see the last one. */
START_TEST(duplicate_keys_kept)
{
	static const char in[] =
		"kind: Job\nmetadata:\n  annotations:\n"
		"    helm.sh/hook: pre-install\n    helm.sh/hook: post-install\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nann, 2);
	ck_assert_str_eq(s.ann_val[1], "post-install");
}
END_TEST

START_TEST(aliases_and_merge_keys)
{
	static const char in[] =
		"kind: Job\nx: &ev pre-install\nmetadata:\n  annotations:\n"
		"    helm.sh/hook: *ev\n    <<: {a: b}\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nann, 1);
	ck_assert_str_eq(s.ann_val[0], "pre-install");
	ck_assert_uint_eq(s.ann_val_span[0].start, off(in, "*ev"));
	/* merged entries are not expanded: the mapping is open */
	ck_assert(s.top_open);
}
END_TEST

/* Aliases are never expanded, so an alias bomb costs nothing. */
START_TEST(alias_bomb)
{
	static const char in[] =
		"kind: A\na: &a [x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_int_eq(s.nerr, 0);
}
END_TEST

START_TEST(deep_nesting)
{
	size_t depth = 10000, i, n = 0;
	char *in = malloc(depth * 2 + 64);
	struct seen s;

	n += (size_t)sprintf(in, "kind: A\nx: ");
	for (i = 0; i < depth; i++)
		in[n++] = '[';
	for (i = 0; i < depth; i++)
		in[n++] = ']';
	n += (size_t)sprintf(in + n, "\n---\nkind: B\n");
	walk(in, n, &s);
	/* either parsed or a clean error, and the next document is linted */
	ck_assert_str_eq(s.kind[s.ndocs - 1], "B");
	free(in);
}
END_TEST

START_TEST(nested_metadata)
{
	static const char in[] =
		"kind: CronJob\nmetadata:\n  name: c\n  labels: {a: b}\n"
		"spec:\n  jobTemplate:\n    metadata:\n      annotations: {x: y}\n"
		"    spec:\n      template:\n        metadata:\n"
		"          annotations: {z: w}\n"
		"        spec:\n          restartPolicy: Never\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nmaps, 3);
	ck_assert(s.last.pod[HL_POD_CRON].present);
	ck_assert_uint_eq(s.last.pod[HL_POD_CRON].restart_policy.span.start,
			  off(in, "Never"));
}
END_TEST

START_TEST(non_mapping_documents)
{
	static const char in[] = "- a\n- b\n---\njust text\n---\n~\n---\n"
				 "# only a comment\n---\nkind: A\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 2);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_str_eq(s.kind[0], "A");
}
END_TEST

START_TEST(empty_input)
{
	struct seen s;

	walk("", 0, &s);
	ck_assert_int_eq(s.ndocs, 0);
	ck_assert_int_eq(s.nerr, 0);
	WALK("\n\n# nothing\n", &s);
	ck_assert_int_eq(s.ndocs, 0);
	ck_assert_int_eq(s.nerr, 0);
}
END_TEST

START_TEST(truncated_input)
{
	static const char in[] = "kind: A\nmetadata:\n  annotations:\n    x: \"unterminated\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_uint_le(s.err_at[0], sizeof(in) - 1);
}
END_TEST

/* libfyaml also breaks lines at U+2028 and NEL: positions must not use
 * its line numbers. */
START_TEST(error_after_unicode_line_separator)
{
	static const char in[] =
		"kind: A\nx: \"a\xe2\x80\xa8" "b\xc2\x85" "c\"\nmetadata:\n\tname: x\n"
		"---\nkind: B\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_uint_eq(s.err_at[0], off(in, "\tname"));
	ck_assert_int_eq(s.ndocs, 1);
}
END_TEST

/* References by path, for the release analysis, in document order. */
START_TEST(captures_references)
{
	static const char in[] =
		"kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n"
		"        spec:\n          serviceAccountName: sa\n"
		"          volumes:\n            - name: v\n              secret:\n"
		"                secretName: s1\n                optional: true\n"
		"            - name: w\n              configMap: {name: c1}\n"
		"          initContainers:\n            - name: i\n"
		"              envFrom:\n                - secretRef: {name: s2}\n"
		"          containers:\n            - name: m\n              env:\n"
		"                - name: X\n                  valueFrom:\n"
		"                    configMapKeyRef: {name: c2, key: k, optional: false}\n"
		"          imagePullSecrets: [{name: pull}]\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.ncaps, 8);
	ck_assert_int_eq(s.cap_id[0], HL_CAP_SA_NAME);
	ck_assert_int_eq(s.cap_slot[0], HL_POD_CRON);
	ck_assert_str_eq(s.cap_val[0], "sa");
	ck_assert_int_eq(s.cap_id[1], HL_CAP_VOL_SECRET);
	ck_assert_int_eq(s.cap_id[2], HL_CAP_VOL_SECRET_OPT);
	ck_assert_uint_eq(s.cap_group[1], s.cap_group[2]);
	ck_assert_str_eq(s.cap_val[2], "true");
	ck_assert_int_eq(s.cap_id[3], HL_CAP_VOL_CM);
	ck_assert_uint_ne(s.cap_group[3], s.cap_group[1]);
	ck_assert_int_eq(s.cap_id[4], HL_CAP_ENVFROM_SECRET);
	ck_assert_uint_eq(s.cap_at[4], off(in, "s2}"));
	ck_assert_int_eq(s.cap_id[5], HL_CAP_ENV_CM);
	ck_assert_int_eq(s.cap_id[6], HL_CAP_ENV_CM_OPT);
	ck_assert_str_eq(s.cap_val[6], "false");
	ck_assert_int_eq(s.cap_id[7], HL_CAP_PULL_SECRET);
}
END_TEST

START_TEST(captures_rbac_and_crd)
{
	static const char rb[] =
		"kind: RoleBinding\nsubjects:\n  - kind: ServiceAccount\n"
		"    name: app\n    namespace: ops\nroleRef: {kind: Role, name: r}\n";
	static const char crd[] =
		"kind: CustomResourceDefinition\nspec:\n  group: example.com\n"
		"  names: {kind: Widget, plural: widgets}\n";
	static const char pod[] = "kind: Pod\nspec:\n  serviceAccount: old\n";
	struct seen s;

	WALK(rb, &s);
	ck_assert_int_eq(s.ncaps, 5);
	ck_assert_int_eq(s.cap_id[0], HL_CAP_SUBJECT_KIND);
	ck_assert_int_eq(s.cap_id[1], HL_CAP_SUBJECT_NAME);
	ck_assert_int_eq(s.cap_id[2], HL_CAP_SUBJECT_NS);
	ck_assert_str_eq(s.cap_val[2], "ops");
	ck_assert_int_eq(s.cap_id[3], HL_CAP_ROLEREF_KIND);
	ck_assert_int_eq(s.cap_id[4], HL_CAP_ROLEREF_NAME);
	WALK(crd, &s);
	ck_assert_int_eq(s.ncaps, 2);
	ck_assert_int_eq(s.cap_id[0], HL_CAP_CRD_GROUP);
	ck_assert_str_eq(s.cap_val[1], "Widget");
	WALK(pod, &s);
	ck_assert_int_eq(s.ncaps, 1);
	ck_assert_int_eq(s.cap_id[0], HL_CAP_SA);
	ck_assert_int_eq(s.cap_slot[0], HL_POD_DIRECT);
}
END_TEST

/* "key: {{- include … | nindent N }}": the key's value comes from the
 * template, whether literal keys follow it or not. */
START_TEST(tail_nindent_values_are_open)
{
	static const char job[] =
		"apiVersion: batch/v1\n"
		"kind: Job\n"
		"metadata:\n"
		"  name: {{ .Release.Name }}-job\n"
		"  labels: {{- include \"l\" . | nindent 4 }}\n"
		"    app: x\n"
		"  annotations: {{- include \"a\" (dict \"x\" 1) | nindent 4 }}\n"
		"spec:\n"
		"  template:\n"
		"    spec: {{- include \"p\" . | nindent 6 }}\n"
		"      restartPolicy: Never\n";
	static const char literal[] =
		"kind: Job\n"
		"metadata:\n"
		"  annotations: {{ include \"a\" . | nindent 4 }}\n"
		"    \"helm.sh/hook\": pre-install\n"
		"    \"helm.sh/hook-weight\": {{ .Values.w | nindent 6 }}\n"
		"spec: {}\n";
	struct seen s;

	WALK_MASKED(job, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_str_eq(s.kind[0], "Job");
	ck_assert(s.top_open);
	ck_assert(s.last.pod[HL_POD_TEMPLATE].open);
	ck_assert_uint_eq(s.last.pod[HL_POD_TEMPLATE].restart_policy.span.start,
			  off(job, "Never"));
	ck_assert(!s.last.pod[HL_POD_TEMPLATE].restart_policy.templated);
	WALK_MASKED(literal, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert(s.top_open);
	ck_assert_int_eq(s.nann, 2);
	ck_assert_str_eq(s.ann_key[0], "helm.sh/hook");
	ck_assert_str_eq(s.ann_val[0], "pre-install");
	ck_assert(!s.ann_templated[0]);
	/* an empty value whose line holds the action: templated, never an
	 * empty weight */
	ck_assert_str_eq(s.ann_val[1], "");
	ck_assert(s.ann_templated[1]);
}
END_TEST

/* Action lines at column 0 inside block scalars keep the document
 * parseable. */
START_TEST(block_scalar_action_lines_parse)
{
	static const char cm[] =
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: x\n"
		"  annotations:\n"
		"    snippet: |\n"
		"      a;\n"
		"{{- if .Values.b }}\n"
		"      b;\n"
		"{{- end }}\n"
		"    \"helm.sh/hook\": pre-install\n"
		"data:\n"
		"  run.sh: |\n"
		"{{ .Files.Get \"f\" | indent 4 }}\n"
		"    echo done\n";
	struct seen s;

	WALK_MASKED(cm, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_int_eq(s.nann, 2);
	ck_assert(s.ann_templated[0]);
	ck_assert_str_eq(s.ann_key[1], "helm.sh/hook");
	ck_assert_str_eq(s.ann_val[1], "pre-install");
	ck_assert(!s.top_open);
}
END_TEST

/* go-yaml does not check the indentation of flow collections; in a
 * template such a document must parse, not fall back. */
START_TEST(template_flow_indentation_is_sloppy)
{
	static const char pod[] =
		"kind: Pod\n"
		"metadata:\n"
		"  name: {{ .Release.Name }}-test\n"
		"spec:\n"
		"  containers:\n"
		"  - name: t\n"
		"    args: [\n"
		"      \"--a\",\n"
		"      {{- if .Values.b }}\n"
		"      \"--b\",\n"
		"      {{- end }}\n"
		"    ]\n"
		"  restartPolicy: Never\n";
	struct seen s;

	WALK_MASKED(pod, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_uint_eq(s.last.pod[HL_POD_DIRECT].restart_policy.span.start,
			  off(pod, "Never"));
}
END_TEST

/* go-yaml does not check where the continuation lines of a quoted scalar
 * start: a document libfyaml rejects for that is read again, and every
 * offset is still one of the text as written. */
START_TEST(quoted_continuation_like_go_yaml)
{
	static const char in[] =
		"kind: A\n"
		"---\n"
		"kind: Job\n"
		"metadata:\n"
		"  annotations:\n"
		"    description: \"runs\n"
		"first\"\n"
		"    note: 'a\n"
		"  b'\n"
		"    \"helm.sh/hook\": pre-install\n"
		"spec:\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - command: \"sh -c\n"
		"    echo hi\"\n"
		"      restartPolicy: Never\n"
		"---\n"
		"kind: C\n";
	static const char ann[] =
		"kind: Job\nmetadata:\n  annotations:\n"
		"    description: \"runs\nfirst\"\n"
		"    \"helm.sh/hook\": pre-install\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 3);
	ck_assert_str_eq(s.kind[1], "Job");
	ck_assert_str_eq(s.kind[2], "C");
	WALK(ann, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.nann, 2);
	ck_assert_str_eq(s.ann_val[0], "runs first");
	ck_assert_uint_eq(s.ann_val_span[0].start, off(ann, "\"runs"));
	ck_assert_uint_eq(s.ann_val_span[0].end, off(ann, "first") + 6);
	ck_assert_str_eq(s.ann_val[1], "pre-install");
	ck_assert_uint_eq(s.ann_val_span[1].start, off(ann, "pre-install"));
}
END_TEST

/* Nor the indentation of flow collections (tests/helm showed
 * "args: [" ... "]" at the key's column rendered fine). */
START_TEST(flow_indentation_like_go_yaml)
{
	static const char in[] =
		"kind: Pod\n"
		"spec:\n"
		"  containers:\n"
		"  - name: t\n"
		"    args: [\n"
		"      \"--a\",\n"
		"\"--b\",\n"
		"    ]\n"
		"    resources: {\n"
		"limits: {cpu: 1}\n"
		"}\n"
		"  restartPolicy: Never\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_uint_eq(s.last.pod[HL_POD_DIRECT].restart_policy.span.start,
			  off(in, "Never"));
}
END_TEST

/* go-yaml takes tabs where a quoted scalar's line starts; libfyaml reads
 * a copy with spaces there, one byte for one. */
START_TEST(tab_in_quoted_continuation)
{
	static const char in[] =
		"kind: Job\nmetadata:\n  annotations:\n"
		"    description: \"a\n\t\tb\"\n"
		"    args: [\"c\n\td\"]\n"
		"    \"helm.sh/hook\": pre-install\n";
	static const char block[] =
		"kind: Job\nmetadata:\n  annotations:\n"
		"    description: \"a\n\tb\"\n"
		"    script: |\n      all:\n      \tmake\n";
	static const char tpl[] =
		"kind: Job\nmetadata:\n  name: {{ .Release.Name }}\n"
		"  annotations:\n"
		"    description: \"a {{ .Values.x }}\n\tb\"\n"
		"    {{- include \"app.annotations\" . | nindent 4 }}\n"
		"    \"helm.sh/hook\": pre-install\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.nann, 3);
	ck_assert_str_eq(s.ann_val[0], "a b");
	ck_assert_str_eq(s.ann_val[2], "pre-install");
	ck_assert_uint_eq(s.ann_val_span[2].start, off(in, "pre-install"));
	/* the tabs of a block scalar stay what they are */
	WALK(block, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.nann, 2);
	ck_assert_str_eq(s.ann_val[1], "all:\n\tmake\n");
	/* in a template the actions are attributed again: the include opens
	 * the annotations */
	WALK_MASKED(tpl, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.nann, 2);
	ck_assert(s.top_open);
}
END_TEST

/* What go-yaml rejects stays an error, told by the second reading where
 * it knows better than "wrongly indented". */
START_TEST(go_yaml_limits)
{
	static const char trailing[] =
		"kind: A\nmetadata:\n  annotations:\n"
		"    d: \"a\nb\" c\n";
	static const char block_in_flow[] =
		"kind: A\ndata:\n  k: [\n- a\n  ]\n";
	static const char tab_key[] =
		"kind: A\ndata:\n  a: \"x\n\ty\"\n\tb: c\n";
	static const char tab_in_block[] =
		"kind: A\ndata:\n  a: \"x\n\ty\"\n  b: |\n    \tz\n    w\n";
	static const char directive[] =
		"kind: A\ndata:\n  k: [\n%x\n]\n";
	static const char in_plain[] =
		"kind: A\ndata:\n  k: [a\n%x]\n";
	static const char unclosed[] =
		"kind: A\nmetadata:\n  annotations:\n    d: \"a\ndata: {}\n"
		"---\nkind: B\n";
	struct seen s;

	WALK(trailing, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err_msg[0],
			 "invalid trailing content after double-quoted scalar");
	ck_assert_uint_eq(s.err_at[0], off(trailing, "c\n"));
	WALK(block_in_flow, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_uint_eq(s.err_at[0], off(block_in_flow, "- a"));
	/* a tab that indents a key, or a block scalar's first line, is no
	 * quoted scalar's */
	WALK(tab_key, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.ndocs, 0);
	WALK(tab_in_block, &s);
	ck_assert_int_eq(s.nerr, 1);
	/* '%' starting a line is a directive to go-yaml, unless a scalar
	 * goes on there */
	WALK(directive, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.ndocs, 0);
	WALK(in_plain, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.ndocs, 1);
	/* Helm splits first: the string ends with its document */
	WALK(unclosed, &s);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err_msg[0],
			 "double-quoted scalar without closing quote");
	ck_assert_uint_eq(s.err_at[0], off(unclosed, "\"a"));
	ck_assert_int_eq(s.ndocs, 1);
	ck_assert_str_eq(s.kind[0], "B");
}
END_TEST

/* A key built by a template may be any key: its mapping is open, so no
 * rule reports a key as missing there. */
START_TEST(templated_key_opens_mapping)
{
	static const char job[] =
		"kind: Job\n"
		"metadata:\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": pre-install\n"
		"    {{- with .Values.p }}\"helm.sh/hook-delete-policy\": {{ . }}{{ end }}\n"
		"spec: {}\n";
	static const char closed[] =
		"kind: Job\n"
		"metadata:\n"
		"  annotations:\n"
		"    \"helm.sh/hook\": pre-install\n"
		"    note: {{ .Values.note }}\n"
		"spec: {}\n";
	struct seen s;

	WALK_MASKED(job, &s);
	ck_assert_int_eq(s.nerr, 0);
	ck_assert_int_eq(s.nann, 2);
	ck_assert(s.top_open);
	/* a templated value does not open it */
	WALK_MASKED(closed, &s);
	ck_assert_int_eq(s.nann, 2);
	ck_assert(!s.top_open);
}
END_TEST

/* Object metadata at the places the rules read it, and nowhere else. */
START_TEST(metadata_places)
{
	static const char in[] =
		"kind: StatefulSet\nspec:\n  volumeClaimTemplates:\n"
		"    - metadata:\n        annotations: {a: b}\n"
		"  selector:\n    metadata:\n      annotations: {not: object-meta}\n"
		"data:\n  metadata:\n    annotations: {c: d}\n";
	struct seen s;

	WALK(in, &s);
	ck_assert_int_eq(s.nmaps, 1);
}
END_TEST

static Suite *walker_suite(void)
{
	Suite *s = suite_create("walker");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, split_like_helm);
	tcase_add_test(tc, source_comments);
	tcase_add_test(tc, nul_byte_is_contained);
	tcase_add_test(tc, invalid_utf8_is_contained);
	tcase_add_test(tc, syntax_error_recovers);
	tcase_add_test(tc, tab_indentation_error);
	tcase_add_test(tc, text_after_separator);
	tcase_add_test(tc, document_end_marker);
	tcase_add_test(tc, annotation_values);
	tcase_add_test(tc, duplicate_keys_kept);
	tcase_add_test(tc, aliases_and_merge_keys);
	tcase_add_test(tc, alias_bomb);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, nested_metadata);
	tcase_add_test(tc, non_mapping_documents);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, truncated_input);
	tcase_add_test(tc, error_after_unicode_line_separator);
	tcase_add_test(tc, captures_references);
	tcase_add_test(tc, metadata_places);
	tcase_add_test(tc, captures_rbac_and_crd);
	tcase_add_test(tc, tail_nindent_values_are_open);
	tcase_add_test(tc, block_scalar_action_lines_parse);
	tcase_add_test(tc, template_flow_indentation_is_sloppy);
	tcase_add_test(tc, quoted_continuation_like_go_yaml);
	tcase_add_test(tc, flow_indentation_like_go_yaml);
	tcase_add_test(tc, tab_in_quoted_continuation);
	tcase_add_test(tc, go_yaml_limits);
	tcase_add_test(tc, templated_key_opens_mapping);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(walker_suite)
