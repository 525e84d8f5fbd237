/* SPDX-License-Identifier: MIT */
/* model.h - what the walker extracts from one document, and hook facts */
#ifndef HL_MODEL_H
#define HL_MODEL_H

#include "util.h"

/* Where a file sits, which decides what Helm does with it. */
enum hl_place {
	HL_PLACE_RENDERED,	/* rendered output, loose manifests */
	HL_PLACE_TEMPLATE,	/* a chart's templates/ */
	HL_PLACE_CRDS,		/* a chart's crds/: never templated, no hooks */
	HL_PLACE_CHART_OTHER,	/* elsewhere in a chart: never rendered */
	HL_PLACE_RENDERED_CRDS,	/* rendered, from a chart's crds/ (helm
				 * template --include-crds): no hooks */
};

enum hl_style {
	HL_STYLE_NONE,		/* not present */
	HL_STYLE_PLAIN,
	HL_STYLE_SINGLE,
	HL_STYLE_DOUBLE,
	HL_STYLE_LITERAL,
	HL_STYLE_FOLDED,
	HL_STYLE_MAP,		/* a mapping where a scalar was expected */
	HL_STYLE_SEQ,
	HL_STYLE_ALIAS,		/* an alias we could not resolve */
};

/* The type go-yaml v2 (sigs.k8s.io/yaml) resolves a scalar to. */
enum hl_ytype {
	HL_Y_STR,
	HL_Y_INT,
	HL_Y_FLOAT,
	HL_Y_BOOL,
	HL_Y_NULL,
};

/*
 * A scalar value as written. @text is the decoded string (not owned: the
 * document arena or the file buffer), NULL when it was not fetched.
 * @span covers the value including quotes or block indicators, or is the
 * zero-width position just after the key's ':' when the value is empty.
 * When @direct is set, text[i] is the byte at raw.start + i, so positions
 * of tokens inside the value are exact.
 */
struct hl_value {
	const char *text;
	size_t len;
	struct hl_span span;
	struct hl_span raw;
	unsigned char style;	/* enum hl_style */
	unsigned char type;	/* enum hl_ytype */
	bool direct;
	bool templated;		/* a template action produces part of it */
};

static inline bool hl_value_present(const struct hl_value *v)
{
	return v->style != HL_STYLE_NONE;
}

/* One key/value entry of an annotations or labels mapping. */
struct hl_kv {
	const char *key;	/* decoded, NUL-terminated (arena) */
	size_t key_len;
	struct hl_span key_span;
	struct hl_value val;
	bool key_templated;	/* the key is built by a template action */
	int arm;		/* template branch of the key (mask.h), or -1 */
};

enum hl_map_kind {
	HL_MAP_ANNOTATIONS,
	HL_MAP_LABELS,
};

/* One metadata.annotations or metadata.labels mapping. */
struct hl_map {
	struct hl_map *next;
	enum hl_map_kind kind;
	bool top;		/* the document's own metadata */
	bool in_list_item;	/* items[] of a kind: List */
	bool open;		/* has merge keys or aliases we did not expand */
	struct hl_span key_span;	/* the "annotations:" key */
	struct hl_kv *items;
	size_t n, alloc;
};

/* Where a pod spec can sit, by the owner's kind. */
enum hl_pod_slot {
	HL_POD_DIRECT,		/* Pod: spec */
	HL_POD_TEMPLATE,	/* Job, Deployment, ...: spec.template.spec */
	HL_POD_CRON,		/* CronJob: spec.jobTemplate.spec.template.spec */
	HL_POD_SLOTS,
};

struct hl_podspec {
	bool present;
	bool open;		/* a template action may emit its keys */
	struct hl_span key;		/* the pod spec's "spec:" key */
	struct hl_span parent_key;	/* "template:" (or "spec:" for Pod) */
	struct hl_value restart_policy;
};

/*
 * Scalars the release analysis reads (references between objects, CRD
 * names), captured by path; see walker.c's capture table. HL_CAP_*_OPT
 * is the "optional" flag next to a reference.
 */
enum hl_cap_id {
	HL_CAP_NONE,
	HL_CAP_SA_NAME,		/* serviceAccountName */
	HL_CAP_SA,		/* serviceAccount (deprecated) */
	HL_CAP_VOL_SECRET,
	HL_CAP_VOL_SECRET_OPT,
	HL_CAP_VOL_CM,
	HL_CAP_VOL_CM_OPT,
	HL_CAP_VOL_PVC,
	HL_CAP_PROJ_SECRET,
	HL_CAP_PROJ_SECRET_OPT,
	HL_CAP_PROJ_CM,
	HL_CAP_PROJ_CM_OPT,
	HL_CAP_ENVFROM_SECRET,
	HL_CAP_ENVFROM_SECRET_OPT,
	HL_CAP_ENVFROM_CM,
	HL_CAP_ENVFROM_CM_OPT,
	HL_CAP_ENV_SECRET,
	HL_CAP_ENV_SECRET_OPT,
	HL_CAP_ENV_CM,
	HL_CAP_ENV_CM_OPT,
	HL_CAP_PULL_SECRET,
	HL_CAP_SUBJECT_KIND,
	HL_CAP_SUBJECT_NAME,
	HL_CAP_SUBJECT_NS,
	HL_CAP_ROLEREF_KIND,
	HL_CAP_ROLEREF_NAME,
	HL_CAP_CRD_GROUP,
	HL_CAP_CRD_KIND,
	HL_CAP_ITEM_API,	/* items[] of a kind: List */
	HL_CAP_ITEM_KIND,
	HL_CAP_ITEM_NAME,
	HL_CAP_FINALIZER,	/* metadata.finalizers[] */
	HL_CAP_MAX,
};

struct hl_cap {
	struct hl_cap *next;
	unsigned char id;	/* enum hl_cap_id */
	unsigned char slot;	/* enum hl_pod_slot, for pod-spec references */
	size_t group;		/* start of the enclosing list item: a
				 * reference and its "optional" share it */
	struct hl_value val;
};

struct hl_mask;

/* Everything the rules read from one YAML document. */
struct hl_doc {
	size_t index;		/* 0-based document index in the file */
	/* chart template sources only (NULL/false for rendered input) */
	const struct hl_mask *mask;	/* the file's template actions */
	const char *orig;	/* the file's unmasked bytes */
	bool conditional;	/* inside if/with/range: may not be rendered */
	bool generated;		/* inside range: rendered 0..n times */
	bool root_open, metadata_open, spec_open;	/* keys may be emitted */
	struct hl_span span;	/* the document's bytes (Helm's split) */
	const char *source;	/* "# Source:" template path, or NULL */
	bool is_mapping;
	struct hl_value api_version, kind, name, namespace_, generate_name;
	struct hl_span name_key, generate_name_key, metadata_key, spec_key;
	struct hl_map *top;	/* metadata.annotations, or NULL */
	struct hl_map *maps;	/* every annotations/labels mapping */
	struct hl_map **maps_tail;
	struct hl_podspec pod[HL_POD_SLOTS];
	/* Job-level spec facts */
	struct hl_value ttl;	/* spec.ttlSecondsAfterFinished */
	struct hl_span ttl_key, active_deadline_key, backoff_limit_key;
	struct hl_cap *caps;	/* in document order */
	struct hl_cap **caps_tail;
};

/* A token of a comma-separated annotation value. */
struct hl_token {
	const char *text;	/* raw token, not trimmed (points into value) */
	size_t len;
	struct hl_span span;	/* trimmed token; zero-width for empty */
	size_t trim_off, trim_len;	/* the trimmed token inside @text */
	char norm[32];		/* trimmed, lower-cased; "" if too long */
	bool too_long;
	bool empty;		/* nothing but white space */
	bool templated;		/* built by a template action: unknown */
};

enum hl_event {
	HL_EV_PRE_INSTALL,
	HL_EV_POST_INSTALL,
	HL_EV_PRE_DELETE,
	HL_EV_POST_DELETE,
	HL_EV_PRE_UPGRADE,
	HL_EV_POST_UPGRADE,
	HL_EV_PRE_ROLLBACK,
	HL_EV_POST_ROLLBACK,
	HL_EV_TEST,
	HL_EV_MAX,
	HL_EV_UNKNOWN = -1,
};

enum hl_policy {
	HL_POL_BEFORE_HOOK_CREATION = 1 << 0,
	HL_POL_HOOK_SUCCEEDED = 1 << 1,
	HL_POL_HOOK_FAILED = 1 << 2,
};

/* Hook facts of a document, parsed the way Helm parses them. */
struct hl_hook {
	bool is_hook;		/* has a helm.sh/hook key */
	bool dropped;		/* an unknown or empty event: Helm drops it */
	const struct hl_kv *hook, *weight, *delete_policy, *log_policy,
		*resource_policy, *argocd_hook;
	struct hl_token *events;	/* tokens of helm.sh/hook */
	size_t nevents;
	unsigned event_mask;	/* 1 << enum hl_event */
	long long weight_value;	/* effective weight: 0 when invalid */
	bool weight_valid;
	struct hl_token *policies;	/* tokens of the delete policy */
	size_t npolicies;
	unsigned policy_mask;	/* enum hl_policy, after Helm's default */
	bool policy_explicit;	/* an explicit, non-empty token list */
	bool policy_all_known;
	/* template sources: parts produced by actions are unknown */
	bool events_templated, weight_templated, policy_templated;
};

/*
 * The value's text as Helm's map[string]string sees it: the written text
 * of a scalar (quotes removed), "" for null, absent or non-scalar values.
 * Never NULL.
 */
const char *hl_value_string(const struct hl_value *v, size_t *len);
/* A string value, or a plain scalar that go-yaml v2 resolves to a string. */
bool hl_value_is_string(const struct hl_value *v);
/* A mapping, a sequence or an alias we could not resolve. */
bool hl_value_is_nonscalar(const struct hl_value *v);

/*
 * Split @v's text on ',' the way Go's strings.Split does, trimming and
 * lower-casing each token the way Helm does. Tokens live in @arena. Token
 * spans are exact only when @v is direct; otherwise every token spans the
 * whole value. An empty token in a list sits zero-width at the comma
 * before it (after it for a leading one); a lone empty token spans the
 * value.
 */
size_t hl_tokenize(struct hl_arena *arena, const struct hl_value *v,
		   struct hl_token **out);
/*
 * The next word of @s[0, @len) at or after *@pos, for values people
 * separate with white space, ';' or '|' instead of ','. Returns false
 * when there is none; else the word is @s[*@start, *@pos).
 */
bool hl_next_word(const char *s, size_t len, size_t *pos, size_t *start);
/* Go's strings.TrimSpace: the length of @s without leading and trailing
 * Unicode white space; the start offset goes to @start. */
size_t hl_trim(const char *s, size_t len, size_t *start);
/* Trim Unicode white space and lower-case into @dst (size @n); false if
 * the result does not fit. Only ASCII letters, U+0130 and the Kelvin sign
 * change case: no other upper-case letter lowers to ASCII in Go. */
bool hl_normalize(const char *s, size_t len, char *dst, size_t n);
/* Is every token of a list empty (so Helm sees no event or policy)? */
bool hl_tokens_all_empty(const struct hl_token *t, size_t n);
enum hl_event hl_event_lookup(const char *norm, bool *alias);
const char *hl_event_name(enum hl_event e);
/* "pre-install,pre-upgrade": the events of @mask, comma-separated. */
void hl_events_csv(struct hl_buf *b, unsigned mask);
/* The enum hl_policy bit of a normalised token, or 0. */
int hl_policy_lookup(const char *norm);
const char *hl_policy_name(enum hl_policy p);
/* go-yaml v2 resolution of a plain scalar's text. */
enum hl_ytype hl_resolve_plain(const char *s, size_t len);

enum hl_atoi_err {
	HL_ATOI_OK,
	HL_ATOI_EMPTY,
	HL_ATOI_SYNTAX,
	HL_ATOI_RANGE,
};
/* Go's strconv.Atoi on a 64-bit platform: optional sign, ASCII digits. */
enum hl_atoi_err hl_atoi(const char *s, size_t len, long long *out);

/* Are @a and @b in different arms of one template if/else (so never
 * rendered together)? Always false for rendered input. */
bool hl_kv_alternatives(const struct hl_doc *d, const struct hl_kv *a,
			const struct hl_kv *b);
/* One template action's text [s, s + n), normalised into @b: no trim
 * markers, no outer blanks, one blank for every run
 * ("{{- include "x" . -}}" -> "{{include "x" .}}"). */
void hl_action_text(struct hl_buf *b, const char *s, size_t n);
/* A value built by template actions (chart template sources) as its
 * template text with each action normalised, appended to @b; false, and
 * nothing appended, for any other value. */
bool hl_value_template_text(const struct hl_doc *d, const struct hl_value *v,
			    struct hl_buf *b);
/* Is the key at @off under a template condition that the document's
 * kind is not (so it may be left out)? Always false for rendered input. */
bool hl_doc_key_conditional(const struct hl_doc *d, size_t off);
/* Does the object get a new name at each rendering or creation
 * (generateName, or a name built with rand*, uuidv4, now or the
 * revision)? Rendered names are taken as fixed. */
bool hl_doc_name_varies(const struct hl_doc *d);
/* The template condition that makes @d a hook: the text of the innermost
 * if/with/else action around its helm.sh/hook key when the document's
 * kind is outside it ("if .Values.asHook"), in @arena; else NULL. */
const char *hl_doc_hook_switch(struct hl_arena *arena, const struct hl_doc *d,
			       const struct hl_kv *hook);
/* The last entry with key @key in @m, or NULL. */
const struct hl_kv *hl_map_get(const struct hl_map *m, const char *key);
/* Fill @h from the top-level annotations of @d. */
void hl_hook_parse(struct hl_arena *arena, const struct hl_doc *d,
		   struct hl_hook *h);
/* Whether Argo CD takes the helm.sh/hook-weight of @d, not a hook, as
 * its sync wave (there is no integer argocd.argoproj.io/sync-wave). */
bool hl_weight_is_sync_wave(const struct hl_doc *d, const struct hl_hook *h);
/* Does a "# Source:" path name a chart's (or subchart's) crds/ file? */
bool hl_source_in_crds(const char *source);
/* Whether the document's kind is exactly @kind. */
bool hl_kind_is(const struct hl_doc *d, const char *kind);

/*
 * @s as a NUL-terminated string in @arena, cut to its first 57 bytes plus
 * "..." when longer than 60 bytes (never inside a UTF-8 sequence). For
 * quoting user text in messages.
 */
const char *hl_shorten(struct hl_arena *arena, const char *s, size_t len);
/* Levenshtein distance between two byte strings, capped at @max + 1. */
size_t hl_edit_distance(const char *a, size_t alen, const char *b,
			size_t blen, size_t max);

#endif
