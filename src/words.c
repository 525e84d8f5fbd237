/* SPDX-License-Identifier: MIT */
/* words.c - the words of option values (--format, --target, config keys) */
#include "words.h"

#include <stdio.h>
#include <string.h>

/* In the order --help and the errors list them. */
static const struct hl_word formats[] = {
	{ "text", HL_FMT_TEXT, true },
	{ "gcc", HL_FMT_GCC, false },
	{ "json", HL_FMT_JSON, false },
	{ "sarif", HL_FMT_SARIF, false },
	{ "github", HL_FMT_GITHUB, false },
	{ NULL, 0, false },
};

static const struct hl_word plan_formats[] = {
	{ "text", HL_PLAN_TEXT, true },
	{ "json", HL_PLAN_JSON, false },
	{ "mermaid", HL_PLAN_MERMAID, false },
	{ NULL, 0, false },
};

static const struct hl_word levels[] = {
	{ "error", HL_SEV_ERROR, false },
	{ "warning", HL_SEV_WARNING, true },
	{ "info", HL_SEV_INFO, false },
	{ "never", HL_SEV_OFF, false },
	{ NULL, 0, false },
};

static const struct hl_word targets[] = {
	{ "helm", HL_TARGET_HELM, true },
	{ "helm3", HL_TARGET_HELM3, false },
	{ "helm4", HL_TARGET_HELM4, false },
	{ "argocd", HL_TARGET_ARGOCD, false },
	{ "flux", HL_TARGET_FLUX, false },
	{ NULL, 0, false },
};

static const struct hl_word modes[] = {
	{ "auto", HL_MODE_AUTO, true },
	{ "rendered", HL_MODE_RENDERED, false },
	{ "template", HL_MODE_TEMPLATE, false },
	{ NULL, 0, false },
};

/* struct hl_opts' color: -1 auto, 0 never, 1 always */
static const struct hl_word colors[] = {
	{ "auto", -1, true },
	{ "always", 1, false },
	{ "never", 0, false },
	{ NULL, 0, false },
};

const struct hl_word_set hl_word_sets[HL_WORDS_MAX] = {
	[HL_WORDS_FORMAT] = { "format", formats },
	[HL_WORDS_PLAN_FORMAT] = { "plan format", plan_formats },
	[HL_WORDS_LEVEL] = { "level", levels },
	[HL_WORDS_TARGET] = { "target", targets },
	[HL_WORDS_MODE] = { "mode", modes },
	[HL_WORDS_COLOR] = { "--color value", colors },
};

const struct hl_word *hl_word_find(enum hl_opt_words set, const char *word)
{
	const struct hl_word *w;

	for (w = hl_word_sets[set].words; w->word; w++)
		if (!strcmp(word, w->word))
			return w;
	return NULL;
}

const char *hl_word_name(enum hl_opt_words set, int value)
{
	const struct hl_word *w;

	for (w = hl_word_sets[set].words; w->word; w++)
		if (w->value == value)
			return w->word;
	return "?";
}

void hl_words_join(enum hl_opt_words set, bool dflt, char *buf, size_t size)
{
	const struct hl_word *w = hl_word_sets[set].words;
	size_t len = 0;
	size_t i;

	buf[0] = 0;
	for (i = 0; w[i].word && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
					!i ? "" : w[i + 1].word ? ", " : " or ",
					w[i].word,
					dflt && w[i].dflt ? " (default)" : "");
}

