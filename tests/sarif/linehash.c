/* SPDX-License-Identifier: MIT */
/*
 * linehash.c - print hl_line_hashes() for every line of a file, in the
 * format of linehash.js ("LINE HASH:COUNT"), to compare the two.
 */
#include "position.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned long *lines;
	char *buf, **out;
	size_t len, i, n;

	if (argc != 2 || hl_read_file(argv[1], &buf, &len) < 0) {
		fprintf(stderr, "usage: linehash FILE\n");
		return 2;
	}
	/* every line, and more: lines past the end get no hash */
	n = len + 2;
	lines = xcalloc(n, sizeof(*lines));
	out = xcalloc(n, sizeof(*out));
	for (i = 0; i < n; i++)
		lines[i] = i + 1;
	hl_line_hashes(buf, len, lines, n, out);
	for (i = 0; i < n && out[i]; i++) {
		printf("%lu %s\n", lines[i], out[i]);
		free(out[i]);
	}
	for (; i < n; i++)
		free(out[i]);
	free(out);
	free(lines);
	free(buf);
	return 0;
}
