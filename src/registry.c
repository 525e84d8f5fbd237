/* SPDX-License-Identifier: MIT */
/* registry.c - look rules up by ID and name; severity words */
#include "registry.h"
#include "buildinfo.h"

#include <string.h>
#include <strings.h>

const char *hl_rule_id(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? hl_rule_meta[r].id : "?";
}

const char *hl_rule_name(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? hl_rule_meta[r].name : "?";
}

const char *hl_rule_url(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? hl_rule_meta[r].url : HL_DOCS_URL;
}

enum hl_rule_id hl_rule_lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < HL_RULE_MAX; i++) {
		const char *id = hl_rule_meta[i].id, *name = hl_rule_meta[i].name;
		if ((strlen(id) == len && !strncasecmp(id, s, len)) ||
		    (strlen(name) == len && !strncmp(name, s, len)))
			return (enum hl_rule_id)i;
	}
	return HL_RULE_MAX;
}

bool hl_rule_in_target(enum hl_target target, enum hl_rule_id r)
{
	unsigned t = hl_rule_meta[r].targets;

	return !t || (t & 1u << target);
}

const char *hl_severity_word(enum hl_severity s)
{
	switch (s) {
	case HL_SEV_ERROR:
		return "error";
	case HL_SEV_WARNING:
		return "warning";
	case HL_SEV_INFO:
		return "info";
	default:
		return "off";
	}
}

const char *hl_note_word(enum hl_severity s)
{
	switch (s) {
	case HL_SEV_ERROR:
		return "error";
	case HL_SEV_WARNING:
		return "warning";
	default:
		return "note";	/* what gcc, the matchers and SARIF call info */
	}
}
