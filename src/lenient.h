/* SPDX-License-Identifier: MIT */
/* lenient.h - a second reading of documents go-yaml accepts, libfyaml not */
#ifndef HL_LENIENT_H
#define HL_LENIENT_H

#include "util.h"

/*
 * go-yaml, which Helm decodes manifests with, never checks how far the
 * continuation lines of a quoted scalar or the lines of a flow collection
 * are indented, and takes tabs there. libfyaml does (§1.1). A document
 * libfyaml rejects for that is read again: with its flow indentation
 * check off, and then, for tabs, from a copy with the tabs that start a
 * line turned into spaces. Each tab is one byte and so is its space:
 * every offset stays that of the original text.
 *
 * What such a reading may take that go-yaml rejects is checked on the
 * scalars it produces: a turned tab must sit inside a quoted scalar,
 * where folding drops it with the line's other leading blanks, and a '%'
 * starting a line (a directive to go-yaml) inside a scalar that started
 * before it. A tab that was no quoted scalar's (one inside a block
 * scalar, say) may be put back for one more reading.
 */
struct hl_lenient {
	const char *text;	/* what to parse: the copy or the text */
	char *copy;		/* the copy of [begin, end), or NULL */
	size_t begin;
	size_t *tabs, ntabs;	/* offsets of the tabs turned into spaces */
	unsigned char *quoted;	/* ... each held by a quoted scalar */
	size_t *pcts, npcts;	/* offsets of the '%'s starting a line */
	size_t itab, ipct;	/* the first ones no scalar has covered yet */
	bool bad;		/* one was left outside */
};

/* Is @msg, libfyaml's first error, one go-yaml may not have? */
bool hl_lenient_class(const char *msg);

/* ... and is it about a tab? */
bool hl_lenient_tab(const char *msg);

/*
 * Prepare to read [begin, end) of @buf again. With @patch_from below
 * @end, the tabs that start the lines from the one holding @patch_from on
 * become spaces in a copy.
 */
void hl_lenient_init(struct hl_lenient *l, const char *buf, size_t begin,
		     size_t end, size_t patch_from);

/* A scalar of the new reading, [start, end) in the original text. */
void hl_lenient_scalar(struct hl_lenient *l, size_t start, size_t end,
		       bool quoted);

/* Did every turned tab and every '%' land where go-yaml takes it? */
bool hl_lenient_ok(const struct hl_lenient *l);

/*
 * After a reading that was not ok: put back the tabs no quoted scalar
 * held, for a new reading. False when that would change nothing or leave
 * no tab turned.
 */
bool hl_lenient_narrow(struct hl_lenient *l);

void hl_lenient_release(struct hl_lenient *l);

#endif
