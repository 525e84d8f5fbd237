/* SPDX-License-Identifier: MIT */
/* bare-parse.c - benchmark baseline: read once, pull every libfyaml event */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

/*
 * Read a whole file (or stdin) into one malloc'd, NUL-terminated buffer the
 * way hooklint does (hl_read_file): 1 MiB first, doubling, then shrunk to
 * the length read.
 */
static int read_all(const char *path, char **bufp, size_t *lenp)
{
	FILE *f = path ? fopen(path, "rb") : stdin;
	char *buf = NULL, *p;
	size_t len = 0, alloc = 0;
	int err = 0;

	if (!f)
		return -1;
	for (;;) {
		size_t n;

		if (alloc - len < 65536) {
			alloc = alloc ? alloc * 2 : 1 << 20;
			p = realloc(buf, alloc + 1);
			if (!p) {
				err = ENOMEM;
				break;
			}
			buf = p;
		}
		n = fread(buf + len, 1, alloc - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	if (path)
		fclose(f);
	if (!err) {
		p = realloc(buf, len + 1);
		if (p)
			buf = p;
		else
			err = ENOMEM;
	}
	if (err) {
		free(buf);
		errno = err;
		return -1;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* Keep the first diagnostic line for our own message; print nothing. */
static void diag_output(struct fy_diag *diag, void *user, const char *buf,
			size_t len)
{
	char *first = user;

	(void)diag;
	if (first[0] || !len)
		return;
	if (len > 255)
		len = 255;
	memcpy(first, buf, len);
	first[len] = '\0';
	first[strcspn(first, "\n")] = '\0';
}

int main(int argc, char **argv)
{
	static char first_diag[256];
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg cfg = { 0 };
	struct fy_parser *fyp;
	struct fy_event *fye;
	struct fy_diag *diag;
	unsigned long events = 0, docs = 0;
	const char *path;
	char *buf;
	size_t len;
	int ret = 0;

	if (argc != 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: %s FILE|-\n", argv[0]);
		return 2;
	}
	path = strcmp(argv[1], "-") ? argv[1] : NULL;
	if (read_all(path, &buf, &len) < 0) {
		fprintf(stderr, "bare-parse: %s: %s\n", argv[1],
			strerror(errno));
		return 3;
	}

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = diag_output;
	dcfg.user = first_diag;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		fprintf(stderr, "bare-parse: fy_diag_create failed\n");
		free(buf);
		return 3;
	}
	/* the parser configuration of src/walker.c */
	cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT |
		    FYPCF_DEFAULT_VERSION_1_2;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, buf, len)) {
		fprintf(stderr, "bare-parse: cannot create the parser\n");
		fy_parser_destroy(fyp);
		fy_diag_destroy(diag);
		free(buf);
		return 3;
	}

	while ((fye = fy_parser_parse(fyp)) != NULL) {
		events++;
		if (fye->type == FYET_DOCUMENT_START)
			docs++;
		fy_parser_event_free(fyp, fye);
	}
	if (fy_parser_get_stream_error(fyp)) {
		fprintf(stderr, "bare-parse: %s: parse error after %lu events%s%s\n",
			argv[1], events, first_diag[0] ? ": " : "", first_diag);
		ret = 1;
	}
	printf("%lu events, %lu documents, %zu bytes\n", events, docs, len);

	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	free(buf);
	return ret;
}
