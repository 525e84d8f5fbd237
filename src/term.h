/* SPDX-License-Identifier: MIT */
/* term.h - text safe for a terminal, and its width */
#ifndef HL_TERM_H
#define HL_TERM_H

#include "util.h"

/* Terminal columns of @c: 0 for combining marks, 2 for wide characters. */
int hl_u8_width(int32_t c);

/*
 * Append @s (@n bytes) for a terminal or a log: control characters, bidi
 * controls and line separators escaped (\x1b, \n, \u{202e}), invalid
 * UTF-8 bytes as \xNN, so input can never drive the terminal.
 */
void hl_clean_add(struct hl_buf *b, const char *s, size_t n);
/* Append the escape of code point @c and return true, or return false
 * when @c is safe to print as it is. */
bool hl_clean_cp(struct hl_buf *b, int32_t c);

#endif
