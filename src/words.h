/* SPDX-License-Identifier: MIT */
/* words.h - the words option values are written with, and their values */
#ifndef HL_WORDS_H
#define HL_WORDS_H

#include "options.h"
#include "opts.h"

/* An argument word and the value it stands for. */
struct hl_word {
	const char *word;
	int value;
	bool dflt;	/* marked "(default)" in --help */
};

/* A word list, and what an unknown word is called in the error. */
struct hl_word_set {
	const char *what;
	const struct hl_word *words;	/* ends with a NULL word */
};

extern const struct hl_word_set hl_word_sets[HL_WORDS_MAX];

/* The entry of word @word in list @set, or NULL. */
const struct hl_word *hl_word_find(enum hl_opt_words set, const char *word);
/* The word of @value in list @set, or "?". */
const char *hl_word_name(enum hl_opt_words set, int value);
/* "a, b or c" into @buf; with @dflt, "(default)" after the default. */
void hl_words_join(enum hl_opt_words set, bool dflt, char *buf, size_t size);

#endif
