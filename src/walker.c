/* SPDX-License-Identifier: MIT */
/* walker.c - libfyaml events to hl_doc, one parser per run of documents */
#include "walker.h"
#include "lenient.h"
#include "mask.h"

#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Where a node sits, as far as the rules care. Each collection frame gets
 * a context from its parent's context and its key; whole subtrees that no
 * rule reads are C_NONE and cost one switch per event.
 */
enum ctx {
	C_NONE,
	C_ANY,		/* look for nested metadata (List items only) */
	C_ROOT,
	C_META_TOP,
	C_META,		/* pod templates, jobTemplate, ... */
	C_META_ITEM,	/* items[] of a List */
	C_ITEMS,
	C_ITEM,
	C_SPEC,		/* top-level spec: Pod spec and Job spec */
	C_TPL,		/* spec.template */
	C_PODSPEC,	/* spec.template.spec */
	C_JOBTPL,	/* spec.jobTemplate */
	C_JOBSPEC,	/* spec.jobTemplate.spec */
	C_CRONTPL,	/* spec.jobTemplate.spec.template */
	C_CRONPODSPEC,	/* spec.jobTemplate.spec.template.spec */
	C_VCTS,		/* spec.volumeClaimTemplates */
	C_VCT,		/* spec.volumeClaimTemplates[] */
	C_MAP,		/* an annotations or labels mapping */
	C_VALUE,	/* a collection used as an annotation value */
};

struct frame {
	unsigned char ctx;	/* enum ctx */
	bool is_map;
	bool want_key;		/* a mapping expects a key next */
	bool merge;		/* the current key is "<<" */
	unsigned char key_id;	/* enum key of the current key */
	struct hl_span key;	/* the current key, quotes included */
	struct hl_map *map;	/* C_MAP */
	struct hl_kv *kv;	/* C_VALUE: the entry whose value this is */
	short tn;		/* capture trie node of this collection, or -1 */
	short key_tn;		/* ... of the current key's value, or -1 */
	size_t item;		/* start of the enclosing list item */
	int col;		/* column of the keys of a mapping, or -1 */
	struct hl_map *child_map;	/* the map last opened below a key */
};

/* Keys the walker knows, by the contexts that read them. */
enum key {
	K_OTHER,
	K_API_VERSION,
	K_KIND,
	K_METADATA,
	K_SPEC,
	K_ITEMS,
	K_NAME,
	K_NAMESPACE,
	K_GENERATE_NAME,
	K_ANNOTATIONS,
	K_LABELS,
	K_TEMPLATE,
	K_JOB_TEMPLATE,
	K_RESTART_POLICY,
	K_TTL,
	K_ACTIVE_DEADLINE,
	K_BACKOFF_LIMIT,
	K_VOLUME_CLAIM_TEMPLATES,
};

static const struct {
	const char *s;
	unsigned char len, id;
} key_names[] = {
#define K(s, id) { s, sizeof(s) - 1, id }
	K("apiVersion", K_API_VERSION),
	K("kind", K_KIND),
	K("metadata", K_METADATA),
	K("spec", K_SPEC),
	K("items", K_ITEMS),
	K("name", K_NAME),
	K("namespace", K_NAMESPACE),
	K("generateName", K_GENERATE_NAME),
	K("annotations", K_ANNOTATIONS),
	K("labels", K_LABELS),
	K("template", K_TEMPLATE),
	K("jobTemplate", K_JOB_TEMPLATE),
	K("restartPolicy", K_RESTART_POLICY),
	K("ttlSecondsAfterFinished", K_TTL),
	K("activeDeadlineSeconds", K_ACTIVE_DEADLINE),
	K("backoffLimit", K_BACKOFF_LIMIT),
	K("volumeClaimTemplates", K_VOLUME_CLAIM_TEMPLATES),
#undef K
};

/*
 * Paths whose scalars the release analysis reads. "P." stands for each
 * place a pod spec sits (Pod, pod templates, CronJob job templates);
 * "[]" is any list item. Built once into a small trie that each frame
 * walks alongside its context.
 */
static const struct {
	const char *path;
	unsigned char cap;
} cap_paths[] = {
	{ "P.serviceAccountName", HL_CAP_SA_NAME },
	{ "P.serviceAccount", HL_CAP_SA },
	{ "P.volumes.[].secret.secretName", HL_CAP_VOL_SECRET },
	{ "P.volumes.[].secret.optional", HL_CAP_VOL_SECRET_OPT },
	{ "P.volumes.[].configMap.name", HL_CAP_VOL_CM },
	{ "P.volumes.[].configMap.optional", HL_CAP_VOL_CM_OPT },
	{ "P.volumes.[].persistentVolumeClaim.claimName", HL_CAP_VOL_PVC },
	{ "P.volumes.[].projected.sources.[].secret.name", HL_CAP_PROJ_SECRET },
	{ "P.volumes.[].projected.sources.[].secret.optional", HL_CAP_PROJ_SECRET_OPT },
	{ "P.volumes.[].projected.sources.[].configMap.name", HL_CAP_PROJ_CM },
	{ "P.volumes.[].projected.sources.[].configMap.optional", HL_CAP_PROJ_CM_OPT },
	{ "P.C.[].envFrom.[].secretRef.name", HL_CAP_ENVFROM_SECRET },
	{ "P.C.[].envFrom.[].secretRef.optional", HL_CAP_ENVFROM_SECRET_OPT },
	{ "P.C.[].envFrom.[].configMapRef.name", HL_CAP_ENVFROM_CM },
	{ "P.C.[].envFrom.[].configMapRef.optional", HL_CAP_ENVFROM_CM_OPT },
	{ "P.C.[].env.[].valueFrom.secretKeyRef.name", HL_CAP_ENV_SECRET },
	{ "P.C.[].env.[].valueFrom.secretKeyRef.optional", HL_CAP_ENV_SECRET_OPT },
	{ "P.C.[].env.[].valueFrom.configMapKeyRef.name", HL_CAP_ENV_CM },
	{ "P.C.[].env.[].valueFrom.configMapKeyRef.optional", HL_CAP_ENV_CM_OPT },
	{ "P.imagePullSecrets.[].name", HL_CAP_PULL_SECRET },
	{ "subjects.[].kind", HL_CAP_SUBJECT_KIND },
	{ "subjects.[].name", HL_CAP_SUBJECT_NAME },
	{ "subjects.[].namespace", HL_CAP_SUBJECT_NS },
	{ "roleRef.kind", HL_CAP_ROLEREF_KIND },
	{ "roleRef.name", HL_CAP_ROLEREF_NAME },
	{ "spec.group", HL_CAP_CRD_GROUP },
	{ "spec.names.kind", HL_CAP_CRD_KIND },
	{ "items.[].apiVersion", HL_CAP_ITEM_API },
	{ "items.[].kind", HL_CAP_ITEM_KIND },
	{ "items.[].metadata.name", HL_CAP_ITEM_NAME },
	{ "metadata.finalizers.[]", HL_CAP_FINALIZER },
};

static const struct {
	const char *prefix;
	unsigned char slot;
} pod_prefixes[] = {
	{ "spec", HL_POD_DIRECT },
	{ "spec.template.spec", HL_POD_TEMPLATE },
	{ "spec.jobTemplate.spec.template.spec", HL_POD_CRON },
};

static const char *const container_lists[] = { "containers", "initContainers" };

struct tnode {
	const char *seg;
	unsigned char seglen, cap, slot;
	short child, sibling;	/* -1: none */
};

static struct tnode trie[512];
static short ntrie;

static short trie_child(short n, const char *seg, size_t len)
{
	short c;

	for (c = trie[n].child; c >= 0; c = trie[c].sibling)
		if (trie[c].seglen == len && !memcmp(trie[c].seg, seg, len))
			return c;
	return -1;
}

static short trie_add(short n, const char *seg, size_t len)
{
	short c = trie_child(n, seg, len);

	if (c >= 0)
		return c;
	if ((size_t)ntrie >= HL_ARRAY_SIZE(trie))
		hl_bug("capture trie full");
	c = ntrie++;
	trie[c].seg = seg;
	trie[c].seglen = (unsigned char)len;
	trie[c].child = -1;
	trie[c].sibling = trie[n].child;
	trie[n].child = c;
	return c;
}

/* Add the '.'-separated segments of @path below node @n. */
static short trie_path(short n, const char *path)
{
	while (*path) {
		size_t len = strcspn(path, ".");
		n = trie_add(n, path, len);
		path += len + (path[len] == '.');
	}
	return n;
}

static void trie_build(void)
{
	size_t i, j, k;

	if (ntrie)
		return;
	trie[0].child = trie[0].sibling = -1;
	ntrie = 1;
	for (i = 0; i < HL_ARRAY_SIZE(cap_paths); i++) {
		const char *p = cap_paths[i].path;
		short n;

		if (strncmp(p, "P.", 2)) {
			n = trie_path(0, p);
			trie[n].cap = cap_paths[i].cap;
			continue;
		}
		for (j = 0; j < HL_ARRAY_SIZE(pod_prefixes); j++) {
			short pod = trie_path(0, pod_prefixes[j].prefix);

			for (k = 0; k < HL_ARRAY_SIZE(container_lists); k++) {
				if (!strncmp(p + 2, "C.", 2)) {
					n = trie_path(trie_path(pod, container_lists[k]), p + 4);
				} else if (k == 0) {
					n = trie_path(pod, p + 2);
				} else {
					continue;
				}
				trie[n].cap = cap_paths[i].cap;
				trie[n].slot = pod_prefixes[j].slot;
			}
		}
	}
}

struct anchor {
	struct anchor *next;
	const char *name;
	size_t name_len;
	struct hl_value val;	/* scalars only */
};

struct walker {
	const char *buf;	/* the whole file */
	size_t len;
	size_t base;		/* offset of the parsed range in buf */
	const struct hl_docrange *docs;
	size_t ndocs;
	struct hl_arena *arena;
	const struct hl_walk_ops *ops;
	void *user;

	struct frame *stack;
	size_t depth, alloc;
	struct hl_doc *doc;	/* the document being built, or NULL */
	size_t cur;		/* index of the Helm document of @doc */
	size_t last_done;	/* Helm documents before this one are done */
	bool in_doc;		/* between DOCUMENT_START and DOCUMENT_END */
	bool skip_doc;		/* a second YAML document in one Helm doc */
	struct anchor *anchors;
	size_t seq_root;	/* where a sequence root document starts */
	const struct hl_mask *mask;	/* template sources, else NULL */
	const char *orig;	/* unmasked bytes */
	size_t next_action;	/* the first action not yet attributed */
	size_t ls_pos, ls;	/* line_start_of's last answer: ls for ls_pos */
	struct hl_lenient *lenient;	/* a second reading, else NULL */
};

static struct frame *top(struct walker *w)
{
	return w->depth ? &w->stack[w->depth - 1] : NULL;
}

static struct frame *push(struct walker *w, unsigned char ctx, bool is_map)
{
	struct frame *f;

	HL_GROW(w->stack, w->depth + 1, w->alloc);
	f = &w->stack[w->depth++];
	memset(f, 0, sizeof(*f));
	f->ctx = ctx;
	f->is_map = is_map;
	f->want_key = is_map;
	f->tn = f->key_tn = -1;
	f->col = -1;
	return f;
}

static size_t pos(struct walker *w, const struct fy_mark *m)
{
	return m ? w->base + m->input_pos : w->base;
}

/* The Helm document that contains byte @off (documents are in order). */
static size_t doc_at(struct walker *w, size_t off)
{
	size_t i = w->cur;

	while (i + 1 < w->ndocs && off >= w->docs[i].end)
		i++;
	return i;
}

/* Every key of every mapping comes through here: the lengths of the
 * names we know (4 to 23) reject most keys before any compare. */
static unsigned char key_lookup(const char *s, size_t len)
{
	static unsigned long known_lengths;
	size_t i;

	if (!known_lengths)
		for (i = 0; i < HL_ARRAY_SIZE(key_names); i++)
			known_lengths |= 1ul << key_names[i].len;
	if (len >= 8 * sizeof(known_lengths) || !(known_lengths >> len & 1))
		return K_OTHER;
	for (i = 0; i < HL_ARRAY_SIZE(key_names); i++)
		if (key_names[i].len == len && key_names[i].s[0] == s[0] &&
		    !memcmp(key_names[i].s, s, len))
			return key_names[i].id;
	return K_OTHER;
}

static enum hl_style style_of(struct fy_token *t)
{
	switch (fy_token_scalar_style(t)) {
	case FYSS_SINGLE_QUOTED:
		return HL_STYLE_SINGLE;
	case FYSS_DOUBLE_QUOTED:
		return HL_STYLE_DOUBLE;
	case FYSS_LITERAL:
		return HL_STYLE_LITERAL;
	case FYSS_FOLDED:
		return HL_STYLE_FOLDED;
	default:
		return HL_STYLE_PLAIN;
	}
}

static bool is_str_tag(struct fy_event *e)
{
	struct fy_token *t = fy_event_get_tag_token(e);
	const char *h, *s;

	if (!t)
		return false;
	h = fy_tag_token_handle0(t);
	s = fy_tag_token_suffix0(t);
	return (h && s && !strcmp(h, "!!") && !strcmp(s, "str")) ||
	       (s && !strcmp(s, "tag:yaml.org,2002:str"));
}

/* Where a value starts after the key that ends at @key_end: skips the
 * closing quote, ':' and blanks, anchors and tags. */
static size_t after_colon(struct walker *w, size_t key_end, size_t limit,
			  size_t *colon)
{
	const char *b = w->buf;
	size_t p = key_end;

	*colon = SIZE_MAX;
	while (p < limit && (b[p] == ' ' || b[p] == '\t' || b[p] == '"' ||
			     b[p] == '\''))
		p++;
	if (p < limit && b[p] == ':') {
		*colon = p;
		p++;
	}
	for (;;) {
		while (p < limit && (b[p] == ' ' || b[p] == '\t'))
			p++;
		if (p < limit && (b[p] == '&' || b[p] == '!')) {
			while (p < limit && b[p] != ' ' && b[p] != '\t' &&
			       b[p] != '\n')
				p++;
			continue;
		}
		return p;
	}
}

/*
 * Fill @v from a scalar event. Plain one-line scalars are sliced from the
 * buffer; other styles ask libfyaml for the decoded text, copied into the
 * arena (token text dies with the event). @key_end locates the ':' for
 * empty values and block-scalar indicators.
 */
/* Plain one-line scalars are their own bytes: no need to ask libfyaml. */
static bool plain_slice(struct walker *w, enum hl_style style, size_t start,
			size_t end)
{
	return style == HL_STYLE_PLAIN && end > start &&
	       !memchr(w->buf + start, '\n', end - start);
}

/* A key's quotes, from the bytes around it: cheaper than asking libfyaml
 * for every key of every mapping (no plain key sits between quotes). */
static enum hl_style key_style(const struct walker *w, size_t start,
			       size_t end)
{
	char q = start ? w->buf[start - 1] : 0;

	if ((q == '"' || q == '\'') && end < w->len && w->buf[end] == q)
		return q == '"' ? HL_STYLE_DOUBLE : HL_STYLE_SINGLE;
	return HL_STYLE_PLAIN;
}

/*
 * Fill @v from a scalar event. Plain one-line scalars are sliced from the
 * buffer; other styles ask libfyaml for the decoded text, copied into the
 * arena (token text dies with the event). @key_end locates the ':' for
 * empty values and block-scalar indicators; @resolve asks for the go-yaml
 * type (annotation values only).
 */
static void scalar_value(struct walker *w, struct fy_event *e, size_t key_end,
			 bool resolve, struct hl_value *v)
{
	struct fy_token *t = e->scalar.value;
	size_t start = pos(w, fy_event_start_mark(e));
	size_t end = pos(w, fy_event_end_mark(e));
	size_t len = end - start, colon, vstart;
	const char *text;

	memset(v, 0, sizeof(*v));
	v->style = (unsigned char)style_of(t);
	v->raw.start = start;
	v->raw.end = end;
	v->span = v->raw;
	if (plain_slice(w, v->style, start, end)) {
		text = w->buf + start;
	} else {
		text = fy_token_get_text(t, &len);
		if (!text)
			text = "";
	}
	if (end - start == len && !memcmp(w->buf + start, text, len)) {
		v->text = w->buf + start;
		v->direct = true;
	} else {
		v->text = hl_arena_strndup(w->arena, text, len);
	}
	v->len = len;
	v->templated = w->mask &&
		hl_mask_overlaps(w->mask, v->span.start, v->span.end);
	switch (v->style) {
	case HL_STYLE_PLAIN:
		v->type = !resolve || is_str_tag(e) ? HL_Y_STR :
			(unsigned char)hl_resolve_plain(v->text, v->len);
		if (len == 0 && key_end) {
			/* empty value: just after the key's ':' */
			after_colon(w, key_end, w->len, &colon);
			if (colon != SIZE_MAX)
				v->span.start = v->span.end = v->raw.start =
					v->raw.end = colon + 1;
			/* "key: {{ … | nindent 4 }}" masked to a comment:
			 * the rest of the key's line is the value */
			if (w->mask && colon != SIZE_MAX) {
				const char *nl = memchr(w->buf + colon, '\n',
							w->len - colon);
				size_t le = nl ? (size_t)(nl - w->buf) : w->len;

				v->templated = hl_mask_overlaps(w->mask,
								colon + 1, le);
			}
		}
		break;
	case HL_STYLE_SINGLE:
	case HL_STYLE_DOUBLE:
		v->type = HL_Y_STR;
		if (v->span.start > 0)
			v->span.start--;
		if (v->span.end < w->len)
			v->span.end++;
		break;
	default:
		v->type = HL_Y_STR;
		vstart = key_end ? after_colon(w, key_end, start, &colon) : start;
		if (vstart < start && (w->buf[vstart] == '|' ||
				       w->buf[vstart] == '>'))
			v->span.start = vstart;
		break;
	}
	if (w->mask && !v->templated)
		v->templated = hl_mask_overlaps(w->mask, v->span.start,
						v->span.end);
	/* messages quote what the user wrote, not the mask */
	if (v->templated && v->direct && w->orig != w->buf)
		v->text = w->orig + v->raw.start;
}

static void remember_anchor(struct walker *w, struct fy_event *e,
			    const struct hl_value *v)
{
	struct fy_token *t = e->scalar.anchor;	/* scalars only */
	struct anchor *a;
	const char *name;
	size_t len;

	if (!t || !(name = fy_token_get_text(t, &len)))
		return;
	a = hl_arena_alloc(w->arena, sizeof(*a));
	a->name = hl_arena_strndup(w->arena, name, len);
	a->name_len = len;
	a->val = *v;
	a->next = w->anchors;
	w->anchors = a;
}

static const struct anchor *find_anchor(struct walker *w, struct fy_event *e)
{
	const struct anchor *a;
	const char *name;
	size_t len;

	name = fy_token_get_text(e->alias.anchor, &len);
	if (!name)
		return NULL;
	for (a = w->anchors; a; a = a->next)
		if (a->name_len == len && !memcmp(a->name, name, len))
			return a;
	return NULL;
}

static struct hl_map *new_map(struct walker *w, struct frame *parent,
			      enum hl_map_kind kind)
{
	struct hl_map *m = hl_arena_alloc(w->arena, sizeof(*m));

	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->key_span = parent->key;
	m->top = parent->ctx == C_META_TOP;
	m->in_list_item = parent->ctx == C_META_ITEM;
	*w->doc->maps_tail = m;
	w->doc->maps_tail = &m->next;
	if (m->top && kind == HL_MAP_ANNOTATIONS)
		w->doc->top = m;
	return m;
}

static struct hl_kv *map_add(struct walker *w, struct hl_map *m)
{
	struct hl_kv *kv;

	if (m->n == m->alloc) {
		size_t na = m->alloc ? m->alloc * 2 : 8;
		struct hl_kv *items = hl_arena_alloc(w->arena, na * sizeof(*items));

		if (m->n)
			memcpy(items, m->items, m->n * sizeof(*items));
		m->items = items;
		m->alloc = na;
	}
	kv = &m->items[m->n++];
	memset(kv, 0, sizeof(*kv));
	return kv;
}

/*
 * The context of a collection that is the value of key @k in @p. Object
 * metadata sits at known places (the rules read it at the top level, in
 * pod templates, jobTemplate, volumeClaimTemplates and List items);
 * everything else is C_NONE, which the walker passes over without
 * looking at its keys unless the capture trie follows a path through it.
 */
static unsigned char child_ctx(const struct frame *p, unsigned char k)
{
	switch (p->ctx) {
	case C_ROOT:
		return k == K_METADATA ? C_META_TOP : k == K_SPEC ? C_SPEC :
		       k == K_ITEMS ? C_ITEMS : C_NONE;
	case C_ITEM:
		return k == K_METADATA ? C_META_ITEM : C_ANY;
	case C_META_TOP:
	case C_META:
	case C_META_ITEM:
		return k == K_ANNOTATIONS || k == K_LABELS ? C_MAP : C_NONE;
	case C_SPEC:
		return k == K_TEMPLATE ? C_TPL : k == K_JOB_TEMPLATE ? C_JOBTPL :
		       k == K_VOLUME_CLAIM_TEMPLATES ? C_VCTS : C_NONE;
	case C_TPL:
		return k == K_SPEC ? C_PODSPEC : k == K_METADATA ? C_META :
		       C_NONE;
	case C_JOBTPL:
		return k == K_SPEC ? C_JOBSPEC : k == K_METADATA ? C_META :
		       C_NONE;
	case C_JOBSPEC:
		return k == K_TEMPLATE ? C_CRONTPL : C_NONE;
	case C_CRONTPL:
		return k == K_SPEC ? C_CRONPODSPEC : k == K_METADATA ? C_META :
		       C_NONE;
	case C_VCTS:
		return C_VCT;
	case C_VCT:
		return k == K_METADATA ? C_META : C_NONE;
	case C_ANY:
		return k == K_METADATA ? C_META : C_ANY;
	case C_ITEMS:
		return C_ITEM;
	case C_MAP:
		return C_VALUE;
	default:
		return C_NONE;
	}
}

static struct hl_podspec *podspec_of(struct walker *w, unsigned char ctx)
{
	switch (ctx) {
	case C_SPEC:
		return &w->doc->pod[HL_POD_DIRECT];
	case C_PODSPEC:
		return &w->doc->pod[HL_POD_TEMPLATE];
	case C_CRONPODSPEC:
		return &w->doc->pod[HL_POD_CRON];
	default:
		return NULL;
	}
}

/* A collection starts as a value: note the keys that locate it. */
static void enter(struct walker *w, struct frame *p, unsigned char ctx)
{
	struct hl_doc *d = w->doc;
	struct hl_podspec *ps;

	switch (ctx) {
	case C_META_TOP:
		/* a repeated metadata key replaces the first (last wins) */
		d->metadata_key = p->key;
		d->top = NULL;
		memset(&d->name, 0, sizeof(d->name));
		memset(&d->generate_name, 0, sizeof(d->generate_name));
		break;
	case C_SPEC:
		d->spec_key = p->key;
		d->pod[HL_POD_DIRECT].present = true;
		d->pod[HL_POD_DIRECT].key = p->key;
		break;
	case C_PODSPEC:
	case C_CRONPODSPEC:
		ps = podspec_of(w, ctx);
		ps->present = true;
		ps->key = p->key;
		break;
	case C_TPL:
		d->pod[HL_POD_TEMPLATE].parent_key = p->key;
		break;
	case C_CRONTPL:
		d->pod[HL_POD_CRON].parent_key = p->key;
		break;
	default:
		break;
	}
}

/* The start of the line holding @p. Keys come in order, so only the
 * bytes since the last call are looked at: a long line of flow mappings
 * stays linear. */
static size_t line_start_of(struct walker *w, size_t p)
{
	size_t i, stop = p >= w->ls_pos ? w->ls_pos : 0;

	for (i = p; i > stop; i--)
		if (w->buf[i - 1] == '\n')
			break;
	if (i == stop && p >= w->ls_pos)
		i = w->ls;	/* no newline since the last call */
	w->ls_pos = p;
	w->ls = i;
	return i;
}

static void on_key(struct walker *w, struct frame *f, struct fy_event *e)
{
	struct fy_token *t = e->scalar.value;
	size_t start, end;
	enum hl_style st;
	const char *text;
	size_t len;

	/* most keys of a manifest: nothing reads them (no context, no
	 * capture path, no template columns to keep) */
	if (f->ctx == C_NONE && f->tn < 0 && !w->mask) {
		f->want_key = false;
		f->key_id = K_OTHER;
		f->key_tn = -1;
		return;
	}
	start = pos(w, fy_event_start_mark(e));
	end = pos(w, fy_event_end_mark(e));
	st = key_style(w, start, end);
	f->want_key = false;
	f->merge = false;
	f->child_map = NULL;
	f->key.start = start;
	f->key.end = end;
	f->key_tn = f->tn >= 0 ? trie_child(f->tn, w->buf + start, end - start) : -1;
	if (f->col < 0)
		f->col = (int)(f->key.start - line_start_of(w, f->key.start));
	if (st == HL_STYLE_SINGLE || st == HL_STYLE_DOUBLE) {
		f->key.start = start ? start - 1 : 0;
		f->key.end = end < w->len ? end + 1 : end;
	}
	if (f->ctx == C_NONE || f->ctx == C_VALUE)
		return;
	if (f->ctx == C_MAP) {
		struct hl_kv *kv;

		if (plain_slice(w, st, start, end)) {
			text = w->buf + start;
			len = end - start;
		} else if (!(text = fy_token_get_text(t, &len))) {
			text = "";
		}
		if (st == HL_STYLE_PLAIN && len == 2 && !memcmp(text, "<<", 2)) {
			/* merge keys bring entries we do not expand */
			f->merge = true;
			f->map->open = true;
			return;
		}
		kv = map_add(w, f->map);
		kv->key = hl_arena_strndup(w->arena, text, len);
		kv->key_len = len;
		kv->key_span = f->key;
		kv->arm = -1;
		if (w->mask) {
			kv->key_templated = hl_mask_overlaps(w->mask,
				f->key.start, f->key.end);
			kv->arm = hl_mask_arm_at(w->mask, f->key.start);
			/* a key built by a template may be any key */
			if (kv->key_templated)
				f->map->open = true;
		}
		f->kv = kv;
		return;
	}
	/* the raw bytes (inside quotes): the names we look for have no
	 * escapes, and decoding would only cost time */
	f->key_id = key_lookup(w->buf + start, end - start);
}

/* A scalar on a capture path: kept for the release analysis. */
static void capture(struct walker *w, struct frame *f, struct fy_event *e,
		    const struct tnode *n)
{
	struct hl_cap *c = hl_arena_alloc(w->arena, sizeof(*c));

	memset(c, 0, sizeof(*c));
	c->id = n->cap;
	c->slot = n->slot;
	c->group = f->item;
	scalar_value(w, e, f->key.end, false, &c->val);
	*w->doc->caps_tail = c;
	w->doc->caps_tail = &c->next;
}

/* A scalar value in frame @f (a mapping after its key, or a sequence). */
static void on_scalar_value(struct walker *w, struct frame *f,
			    struct fy_event *e)
{
	struct hl_doc *d = w->doc;
	struct hl_value *v = NULL, tmp;
	struct hl_podspec *ps;

	if (f->ctx == C_MAP) {
		/* label values: no rule reads them */
		if (!f->merge && f->kv && f->map->kind == HL_MAP_ANNOTATIONS)
			v = &f->kv->val;
	} else if (f->ctx == C_ROOT) {
		v = f->key_id == K_API_VERSION ? &d->api_version :
		    f->key_id == K_KIND ? &d->kind : NULL;
	} else if (f->ctx == C_META_TOP) {
		if (f->key_id == K_NAME) {
			v = &d->name;
			d->name_key = f->key;
		} else if (f->key_id == K_GENERATE_NAME) {
			v = &d->generate_name;
			d->generate_name_key = f->key;
		} else if (f->key_id == K_NAMESPACE) {
			v = &d->namespace_;
		}
	} else if ((ps = podspec_of(w, f->ctx)) && f->key_id == K_RESTART_POLICY) {
		v = &ps->restart_policy;
	}
	if (f->ctx == C_SPEC) {
		if (f->key_id == K_TTL) {
			v = &d->ttl;
			d->ttl_key = f->key;
		} else if (f->key_id == K_ACTIVE_DEADLINE)
			d->active_deadline_key = f->key;
		else if (f->key_id == K_BACKOFF_LIMIT)
			d->backoff_limit_key = f->key;
	}
	if (!v && !e->scalar.anchor)
		return;
	/* an anchored scalar may be an annotation value later: resolve it */
	scalar_value(w, e, f->is_map ? f->key.end : 0,
		     f->ctx == C_MAP || !v, v ? v : &tmp);
	remember_anchor(w, e, v ? v : &tmp);
}

/* An alias as a value: scalars resolve to their anchor's value. */
static void on_alias(struct walker *w, struct frame *f, struct fy_event *e)
{
	const struct anchor *a = find_anchor(w, e);
	struct hl_span span;

	span.start = pos(w, fy_event_start_mark(e));
	span.end = pos(w, fy_event_end_mark(e));
	if (span.start > 0)
		span.start--;	/* the '*' */
	if (f->ctx == C_MAP && f->merge)
		return;
	if (f->ctx == C_MAP && f->kv) {
		if (a) {
			f->kv->val = a->val;
			f->kv->val.direct = false;
		} else {
			f->kv->val.style = HL_STYLE_ALIAS;
		}
		f->kv->val.span = span;
		return;
	}
	if (f->ctx == C_META_TOP || f->ctx == C_META || f->ctx == C_META_ITEM) {
		/* annotations: *common - entries we cannot see */
		if (f->key_id == K_ANNOTATIONS) {
			struct hl_map *m = new_map(w, f, HL_MAP_ANNOTATIONS);
			m->open = true;
		}
		return;
	}
	if (a) {
		/* re-dispatch a scalar anchor as if written here */
		struct hl_value *v = NULL;
		if (f->ctx == C_ROOT)
			v = f->key_id == K_KIND ? &w->doc->kind :
			    f->key_id == K_API_VERSION ? &w->doc->api_version : NULL;
		else if (f->ctx == C_META_TOP && f->key_id == K_NAME)
			v = &w->doc->name;
		if (v) {
			*v = a->val;
			v->span = span;
			v->direct = false;
		}
	}
}

static void collection_start(struct walker *w, struct fy_event *e, bool is_map)
{
	struct frame *p = top(w);
	unsigned char ctx;
	struct frame *f;

	if (!p) {
		/* the document's root node */
		w->doc->is_mapping = is_map;
		push(w, is_map ? C_ROOT : C_NONE, is_map)->tn = 0;
		if (!is_map)
			w->seq_root = pos(w, fy_event_start_mark(e));
		return;
	}
	if (p->is_map && p->want_key) {
		/* a complex key: nothing a rule reads */
		p->want_key = false;
		p->key_id = K_OTHER;
		p->kv = NULL;
		push(w, C_NONE, is_map);
		return;
	}
	/* inside a subtree nothing reads, so is everything below it */
	if (p->ctx == C_NONE && !w->mask &&
	    (p->is_map ? p->key_tn : p->tn) < 0) {
		push(w, C_NONE, is_map);
		return;
	}
	ctx = p->is_map ? child_ctx(p, p->key_id) : child_ctx(p, K_OTHER);
	if (p->ctx == C_MAP && p->merge)
		ctx = C_NONE;
	if (ctx == C_MAP && !is_map)
		ctx = C_NONE;
	if (ctx == C_ITEMS && is_map)
		ctx = C_ANY;
	if ((ctx == C_ITEM || ctx == C_ROOT) && !is_map)
		ctx = C_NONE;
	enter(w, p, ctx);
	f = push(w, ctx, is_map);
	p = &w->stack[w->depth - 2];	/* push may move the stack */
	if (p->is_map) {
		f->tn = p->key_tn;
		f->item = p->item;
	} else {
		f->tn = p->tn >= 0 ? trie_child(p->tn, "[]", 2) : -1;
		/* the item groups captures: only captures need it */
		f->item = f->tn >= 0 ? pos(w, fy_event_start_mark(e)) : 0;
	}
	if (ctx == C_MAP) {
		enum hl_map_kind kind = p->key_id == K_LABELS ?
			HL_MAP_LABELS : HL_MAP_ANNOTATIONS;

		/* an action above the first key may have opened it already */
		f->map = p->child_map && p->child_map->kind == kind ?
			p->child_map : new_map(w, p, kind);
		p->child_map = f->map;
	} else if (ctx == C_VALUE && p->kv) {
		f->kv = p->kv;
		f->kv->val.style = is_map ? HL_STYLE_MAP : HL_STYLE_SEQ;
		f->kv->val.span.start = pos(w, fy_event_start_mark(e));
	}
	/* in a sequence of C_VALUE, nested collections stay C_NONE */
	if (p->ctx == C_VALUE)
		f->ctx = C_NONE;
}

static void collection_end(struct walker *w, struct fy_event *e)
{
	struct frame *f = top(w), *p;

	if (!f)
		return;
	if (f->ctx == C_VALUE && f->kv)
		f->kv->val.span.end = pos(w, fy_event_end_mark(e));
	w->depth--;
	p = top(w);
	if (p && p->is_map)
		p->want_key = true;
}

static void doc_begin(struct walker *w, size_t off)
{
	struct hl_doc *d;

	w->cur = doc_at(w, off);
	if (w->cur < w->last_done) {
		/* a second YAML document inside one Helm document ("...") */
		w->skip_doc = true;
		return;
	}
	d = hl_arena_alloc(w->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->index = w->cur;
	d->span.start = w->docs[w->cur].start;
	d->span.end = w->docs[w->cur].end;
	d->source = w->docs[w->cur].source;
	d->maps_tail = &d->maps;
	d->caps_tail = &d->caps;
	d->orig = w->orig;
	if (w->mask) {
		int arm = hl_mask_arm_at(w->mask, off);

		d->mask = w->mask;
		d->conditional = arm >= 0;
		d->generated = hl_mask_in_range(w->mask, arm);
	}
	w->doc = d;
}

static void doc_finish(struct walker *w)
{
	if (w->doc) {
		w->ops->doc(w->user, w->doc);
		w->last_done = w->doc->index + 1;
	}
	w->doc = NULL;
	w->depth = 0;
	w->anchors = NULL;
	w->skip_doc = false;
	hl_arena_reset(w->arena);
}

static void mark_value_open(struct walker *w, struct frame *f,
			    const struct hl_action *a);

/* "key: {{ include … | nindent N }}" ending the key's line: the value
 * (the lines below, if any) comes from the template. */
static void tail_action(struct walker *w, struct frame *f)
{
	const struct hl_action *a = hl_mask_action_from(w->mask, f->key.end);

	if (a && a->tail &&
	    !memchr(w->buf + f->key.end, '\n', a->span.start - f->key.end))
		mark_value_open(w, f, a);
}

static void on_scalar(struct walker *w, struct fy_event *e)
{
	struct frame *f = top(w);

	if (!f) {
		/* a scalar document: empty ones are fine, others are not
		 * manifests Helm can decode */
		struct fy_token *t = e->scalar.value;
		size_t len = 0;
		const char *s = fy_token_get_text(t, &len);

		if (style_of(t) == HL_STYLE_PLAIN &&
		    hl_resolve_plain(s ? s : "", len) == HL_Y_NULL) {
			w->doc = NULL;
			return;
		}
		w->ops->syntax(w->user, &w->docs[w->cur],
			       pos(w, fy_event_start_mark(e)),
			       pos(w, fy_event_end_mark(e)),
			       "document is a scalar, not a mapping: Helm cannot decode it");
		w->doc = NULL;
		return;
	}
	if (f->is_map && f->want_key) {
		on_key(w, f, e);
		if (w->mask)
			tail_action(w, f);
		return;
	}
	if (f->is_map && f->key_tn >= 0 && trie[f->key_tn].cap)
		capture(w, f, e, &trie[f->key_tn]);
	else if (!f->is_map && f->tn >= 0) {
		/* a scalar item: "metadata.finalizers.[]" */
		short item = trie_child(f->tn, "[]", 2);

		if (item >= 0 && trie[item].cap)
			capture(w, f, e, &trie[item]);
	}
	if (f->ctx != C_NONE)
		on_scalar_value(w, f, e);
	if (f->is_map)
		f->want_key = true;
}

/* Mark the mapping of frame @f open: a template action emits its keys. */
static void mark_open(struct walker *w, struct frame *f)
{
	struct hl_doc *d = w->doc;
	struct hl_podspec *ps;

	switch (f->ctx) {
	case C_ROOT:
		d->root_open = true;
		break;
	case C_META_TOP:
		d->metadata_open = true;
		break;
	case C_MAP:
		f->map->open = true;
		break;
	default:
		if (f->ctx == C_SPEC)
			d->spec_open = true;
		if ((ps = podspec_of(w, f->ctx)))
			ps->open = true;
		else if (f->ctx == C_TPL)
			d->pod[HL_POD_TEMPLATE].open = true;
		else if (f->ctx == C_JOBTPL || f->ctx == C_JOBSPEC ||
			 f->ctx == C_CRONTPL)
			d->pod[HL_POD_CRON].open = true;
		break;
	}
}

/* Mark the value of @f's current key as produced by a template action. */
static void mark_value_open(struct walker *w, struct frame *f,
			    const struct hl_action *a)
{
	struct hl_doc *d = w->doc;
	unsigned char k = f->key_id;
	struct hl_podspec *ps;

	if (f->ctx == C_MAP) {
		if (!f->kv)
			return;
		f->kv->val.templated = true;
		/* the value reaches over the action that produces it, so the
		 * checks that need it stay silent and HL903 can point at it */
		if (a && a->span.end > f->kv->val.span.end)
			f->kv->val.span.end = a->span.end;
		return;
	}
	if (k == K_ANNOTATIONS && (f->ctx == C_META_TOP || f->ctx == C_META ||
				   f->ctx == C_META_ITEM)) {
		if (!f->child_map)
			f->child_map = new_map(w, f, HL_MAP_ANNOTATIONS);
		f->child_map->open = true;
	} else if (f->ctx == C_META_TOP && k == K_NAME) {
		d->name.templated = true;
	} else if (f->ctx == C_ROOT && k == K_METADATA) {
		d->metadata_open = true;
	} else if (f->ctx == C_ROOT && k == K_SPEC) {
		d->spec_open = true;
		d->pod[HL_POD_DIRECT].open = d->pod[HL_POD_TEMPLATE].open =
			d->pod[HL_POD_CRON].open = true;
	} else if ((ps = podspec_of(w, f->ctx)) && k == K_RESTART_POLICY) {
		ps->restart_policy.templated = true;
	} else if ((f->ctx == C_SPEC && k == K_TEMPLATE) ||
		   (f->ctx == C_TPL && k == K_SPEC)) {
		d->pod[HL_POD_TEMPLATE].open = true;
	} else if (f->ctx == C_SPEC || f->ctx == C_JOBTPL ||
		   f->ctx == C_JOBSPEC || f->ctx == C_CRONTPL) {
		if (k == K_JOB_TEMPLATE || k == K_SPEC || k == K_TEMPLATE)
			d->pod[HL_POD_CRON].open = true;
	}
}

/*
 * An action alone on its line that can emit keys (include, toYaml,
 * template, with, range) belongs to the mapping whose keys sit at the
 * column it emits at, or to the value of the key above it.
 */
static void attribute(struct walker *w, const struct hl_action *a)
{
	size_t i;

	/* with/range only choose what their bodies emit: the actions and
	 * templated keys inside them are what open a mapping */
	if (!a->alone || (a->kind != HL_ACT_EMIT && a->kind != HL_ACT_VALUE))
		return;
	for (i = w->depth; i-- > 0;) {
		struct frame *f = &w->stack[i];

		if (!f->is_map || f->col < 0)
			continue;
		if (f->col == a->column) {
			mark_open(w, f);
			return;
		}
		if (f->col < a->column) {
			mark_value_open(w, f, a);
			return;
		}
	}
}

/* Attribute the actions that stand before byte @off. */
static void actions_before(struct walker *w, size_t off)
{
	const struct hl_mask *m = w->mask;

	while (w->next_action < m->nactions &&
	       m->actions[w->next_action].span.start < off) {
		if (w->doc && w->depth)
			attribute(w, &m->actions[w->next_action]);
		w->next_action++;
	}
}

/* A templated scalar where a mapping belongs ("annotations: {{ toYaml
 * ... | nindent 4 }}"): its keys come from the template. */
static void templated_mapping_value(struct walker *w, struct frame *f,
				    struct fy_event *e)
{
	size_t start = pos(w, fy_event_start_mark(e));
	size_t end = pos(w, fy_event_end_mark(e));
	unsigned char k = f->key_id;

	if (!f->is_map || f->ctx == C_MAP || f->ctx == C_NONE ||
	    f->ctx == C_VALUE || !hl_mask_overlaps(w->mask, start, end))
		return;
	if (k == K_ANNOTATIONS || k == K_METADATA || k == K_SPEC ||
	    k == K_TEMPLATE || k == K_JOB_TEMPLATE || k == K_NAME ||
	    k == K_RESTART_POLICY)
		mark_value_open(w, f, NULL);
}

static void node_event(struct walker *w, struct fy_event *e)
{
	struct frame *f;

	if (w->skip_doc)
		return;
	if (w->mask)
		actions_before(w, pos(w, fy_event_start_mark(e)));
	if (!w->doc) {
		if (w->depth)
			return;
		doc_begin(w, pos(w, fy_event_start_mark(e)));
		if (w->skip_doc)
			return;
	}
	if (w->mask && e->type == FYET_SCALAR && (f = top(w)) && !f->want_key)
		templated_mapping_value(w, f, e);
	switch (e->type) {
	case FYET_SCALAR:
		on_scalar(w, e);
		break;
	case FYET_ALIAS:
		f = top(w);
		if (!f)
			break;
		if (f->is_map && f->want_key) {
			f->want_key = false;	/* an alias key */
			f->key_id = K_OTHER;
			f->kv = NULL;
			break;
		}
		on_alias(w, f, e);
		if (f->is_map)
			f->want_key = true;
		break;
	case FYET_MAPPING_START:
	case FYET_SEQUENCE_START:
		collection_start(w, e, e->type == FYET_MAPPING_START);
		break;
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		collection_end(w, e);
		break;
	default:
		break;
	}
}

/* A root that is a sequence is not a manifest Helm can decode. A second
 * reading that took what go-yaml rejects delivers nothing. */
static void doc_end(struct walker *w)
{
	if (w->lenient && !hl_lenient_ok(w->lenient))
		w->doc = NULL;
	if (w->doc && !w->doc->is_mapping) {
		const struct hl_docrange *dr = &w->docs[w->doc->index];
		w->ops->syntax(w->user, dr, w->seq_root, w->seq_root + 1,
			       "document is a sequence, not a mapping: Helm cannot decode it");
		w->last_done = w->doc->index + 1;
		w->doc = NULL;
	}
	doc_finish(w);
}

/* Line breaks as libfyaml counts them (YAML 1.1 also breaks at NEL,
 * U+2028 and U+2029): its line numbers are not ours. Returns the length
 * of the break at @p, or 0. */
static size_t fy_break(const char *b, size_t p, size_t end)
{
	size_t n;
	int32_t c;

	if (b[p] == '\n')
		return 1;
	if (b[p] == '\r')
		return p + 1 < end && b[p + 1] == '\n' ? 2 : 1;
	if ((unsigned char)b[p] < 0x80)
		return 0;
	c = hl_utf8_decode(b + p, end - p, &n);
	return c == 0x85 || c == 0x2028 || c == 0x2029 ? n : 0;
}

/* Turn libfyaml's 0-based line and column in the parsed range into a
 * byte offset in the file. */
static size_t error_offset(struct walker *w, size_t end, int line, int col)
{
	size_t p = w->base, n;

	while (line > 0 && p < end) {
		if ((n = fy_break(w->buf, p, end))) {
			p += n;
			line--;
		} else {
			hl_utf8_decode(w->buf + p, end - p, &n);
			p += n;
		}
	}
	while (col > 0 && p < end && !fy_break(w->buf, p, end)) {
		hl_utf8_decode(w->buf + p, end - p, &n);
		p += n;
		col--;
	}
	return p;
}

/* The first error is the cause; its token, when there is one, knows its
 * byte offset. */
static void last_error(struct walker *w, struct fy_diag *diag,
		       const char **msg, size_t *at, size_t end)
{
	void *it = NULL;
	struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
	const struct fy_mark *m;

	*msg = "invalid YAML";
	*at = end;
	if (!de)
		return;
	*msg = de->msg;
	m = de->fyt ? fy_token_start_mark(de->fyt) : NULL;
	if (m) {
		*at = w->base + m->input_pos;
		/* a quoted scalar's token starts after its opening quote */
		if (*at > w->base && strstr(*msg, "quote") &&
		    (w->buf[*at - 1] == '"' || w->buf[*at - 1] == '\''))
			(*at)--;
	}
	else if (de->line >= 0)
		*at = error_offset(w, end, de->line, de->column);
}

/* libfyaml places "tab ... indentation" errors at the end of the line:
 * point at the tab itself. */
static size_t tab_in_line(struct walker *w, size_t at, const char *msg)
{
	size_t p = at;

	if (!strstr(msg, "tab"))
		return at;
	while (p > 0 && w->buf[p - 1] != '\n')
		p--;
	while (p < w->len && w->buf[p] == ' ')
		p++;
	return p < w->len && w->buf[p] == '\t' ? p : at;
}

/* Trim an offset past the end of document @i back to its last text. */
static size_t clamp_to_doc(struct walker *w, size_t i, size_t at)
{
	const struct hl_docrange *d = &w->docs[i];
	size_t p = d->end;

	if (at < d->end)
		return at;
	while (p > d->content && (w->buf[p - 1] == '\n' || w->buf[p - 1] == ' ' ||
				  w->buf[p - 1] == '\r' || w->buf[p - 1] == '\t'))
		p--;
	return p;
}

/* What stopped a parser: its first error, placed in a Helm document. */
struct failure {
	size_t doc;
	size_t at;
	char msg[160];
};

static size_t run_begin(const struct walker *w, size_t first)
{
	const struct hl_docrange *d = &w->docs[first];

	return d->yaml_marker ? d->start : d->content;
}

static void failed(struct walker *w, struct fy_diag *diag, size_t last,
		   size_t end, struct failure *f)
{
	const char *msg;
	size_t at, bad;

	last_error(w, diag, &msg, &at, end);
	bad = w->doc ? w->doc->index : doc_at(w, at);
	if (bad < w->last_done)
		bad = w->last_done;
	if (bad >= last)
		bad = last - 1;	/* junk after the last document */
	at = clamp_to_doc(w, bad, at);
	f->doc = bad;
	f->at = tab_in_line(w, at, msg);
	snprintf(f->msg, sizeof(f->msg), "%s", msg);
}

/* A second reading checks where its scalars are (lenient.h). */
static void lenient_scalar(struct walker *w, struct fy_event *e)
{
	enum hl_style st = style_of(e->scalar.value);

	hl_lenient_scalar(w->lenient, pos(w, fy_event_start_mark(e)),
			  pos(w, fy_event_end_mark(e)),
			  st == HL_STYLE_SINGLE || st == HL_STYLE_DOUBLE);
}

/*
 * Parse documents [first, last) with one parser, reading @text: the bytes
 * of the run in w->buf, or a copy with as many. Returns 0, or -1 with @f
 * saying where the parser stopped.
 */
static int parse_run(struct walker *w, size_t first, size_t last,
		     const char *text, unsigned int flags, struct failure *f)
{
	size_t begin = run_begin(w, first), end = w->docs[last - 1].end;
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg cfg;
	struct fy_diag *diag;
	struct fy_parser *fyp;
	struct fy_event *e;
	int ret = 0;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (diag)
		fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT |
		    FYPCF_DEFAULT_VERSION_1_2 | flags;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, text, end - begin)) {
		f->doc = first;
		f->at = begin;
		snprintf(f->msg, sizeof(f->msg),
			 "internal error: cannot create a YAML parser");
		ret = -1;
		goto out;
	}
	w->base = begin;
	w->cur = first;
	w->last_done = first;
	w->doc = NULL;
	w->depth = 0;
	while ((e = fy_parser_parse(fyp))) {
		switch (e->type) {
		case FYET_DOCUMENT_START:
			w->in_doc = true;
			break;
		case FYET_DOCUMENT_END:
			doc_end(w);
			w->in_doc = false;
			break;
		case FYET_STREAM_START:
		case FYET_STREAM_END:
			break;
		case FYET_SCALAR:
			if (w->lenient)
				lenient_scalar(w, e);
			node_event(w, e);
			break;
		default:
			node_event(w, e);
			break;
		}
		fy_parser_event_free(fyp, e);
	}
	if (fy_parser_get_stream_error(fyp)) {
		failed(w, diag, last, end, f);
		w->doc = NULL;
		doc_finish(w);
		ret = -1;
	}
out:
	fy_parser_destroy(fyp);
	if (diag)
		fy_diag_destroy(diag);
	return ret;
}

/* A second reading walks the template actions of its document again. */
static void rewind_actions(struct walker *w, size_t begin)
{
	while (w->mask && w->next_action > 0 &&
	       w->mask->actions[w->next_action - 1].span.start >= begin)
		w->next_action--;
}

/*
 * Read document @f->doc again without the checks go-yaml does not make,
 * turning the tabs that start its lines into spaces from the line of
 * @patch_from on (SIZE_MAX: none), and once more with the tabs no quoted
 * scalar held put back. Returns 0 when it parses; else -1 and, unless
 * the reading stopped on a tab it turned, its error in @f: it no longer
 * blames an indentation or a tab Helm does not care about.
 */
static int reread(struct walker *w, size_t patch_from, struct failure *f)
{
	size_t i = f->doc, begin = run_begin(w, i);
	struct hl_lenient l;
	struct failure again;
	int ret = -1, tries;

	hl_lenient_init(&l, w->buf, begin, w->docs[i].end, patch_from);
	if (patch_from != SIZE_MAX && !l.ntabs)
		goto out;
	w->lenient = &l;
	for (tries = 0; tries < 2; tries++) {
		rewind_actions(w, begin);
		if (parse_run(w, i, i + 1, l.text,
			      FYPCF_SLOPPY_FLOW_INDENTATION, &again)) {
			if (!l.copy || tries)
				*f = again;
			break;
		}
		if (hl_lenient_ok(&l)) {
			ret = 0;
			break;
		}
		if (!hl_lenient_narrow(&l))
			break;
	}
	w->lenient = NULL;
out:
	hl_lenient_release(&l);
	return ret;
}

/*
 * Parse a run of documents. One that fails for what go-yaml, which Helm
 * uses, does not check is read again ("args: [" ... "]" at the key's
 * column renders fine, also in a template, where it must not send the
 * document to the fallback); else it is reported. Returns where to go on.
 */
static size_t walk_run(struct walker *w, size_t first, size_t last)
{
	struct failure f;

	if (!parse_run(w, first, last, w->buf + run_begin(w, first), 0, &f))
		return last;
	if (hl_lenient_class(f.msg)) {
		if (!reread(w, SIZE_MAX, &f))
			return f.doc + 1;
		if (hl_lenient_tab(f.msg) && !reread(w, f.at, &f))
			return f.doc + 1;
	}
	w->ops->syntax(w->user, &w->docs[f.doc], f.at, f.at, f.msg);
	return f.doc + 1;
}

static void report_bad(struct walker *w, const struct hl_docrange *d)
{
	unsigned char c = (unsigned char)w->buf[d->bad_at];

	w->ops->syntax(w->user, d, d->bad_at, d->bad_at + 1, c == 0 ?
		       "NUL byte in document: YAML parsers stop here" :
		       "invalid UTF-8 in document");
}

void hl_walk(const char *buf, size_t len, const struct hl_docrange *docs,
	     size_t n, struct hl_arena *arena, const struct hl_walk_ops *ops,
	     void *user)
{
	hl_walk_masked(buf, buf, len, NULL, docs, n, arena, ops, user);
}

void hl_walk_masked(const char *buf, const char *orig, size_t len,
		    const struct hl_mask *mask,
		    const struct hl_docrange *docs, size_t n,
		    struct hl_arena *arena, const struct hl_walk_ops *ops,
		    void *user)
{
	struct walker w;
	size_t i = 0;

	trie_build();
	memset(&w, 0, sizeof(w));
	w.buf = buf;
	w.len = len;
	w.docs = docs;
	w.ndocs = n;
	w.arena = arena;
	w.ops = ops;
	w.user = user;
	w.mask = mask;
	w.orig = orig;
	while (i < n) {
		size_t j;

		if (docs[i].bad_at != SIZE_MAX) {
			report_bad(&w, &docs[i]);
			i++;
			continue;
		}
		/* extend the run while YAML splits documents as Helm does */
		for (j = i + 1; j < n && docs[j].yaml_marker &&
		     docs[j].bad_at == SIZE_MAX; j++)
			;
		i = walk_run(&w, i, j);
	}
	free(w.stack);
}
