/* SPDX-License-Identifier: MIT */
/* registry.c - look rules up by ID and name; severity words */
#include "registry.h"
#include "buildinfo.h"

#include <string.h>
#include <strings.h>

static const char *const rule_ids[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = #id,
	HL_FOREACH_RULE(R)
#undef R
};

static const char *const rule_names[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = name,
	HL_FOREACH_RULE(R)
#undef R
};

const char *hl_rule_id(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_ids[r] : "?";
}

const char *hl_rule_name(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_names[r] : "?";
}

enum hl_rule_id hl_rule_lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < HL_RULE_MAX; i++) {
		const char *id = rule_ids[i], *name = rule_names[i];
		if ((strlen(id) == len && !strncasecmp(id, s, len)) ||
		    (strlen(name) == len && !strncmp(name, s, len)))
			return (enum hl_rule_id)i;
	}
	return HL_RULE_MAX;
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

static const char *const rule_urls[HL_RULE_MAX] = {
#define R(id, name, fam) [HL_RULE_##id] = HL_DOCS_URL "/" #id ".md",
	HL_FOREACH_RULE(R)
#undef R
};

const char *hl_rule_url(enum hl_rule_id r)
{
	return r < HL_RULE_MAX ? rule_urls[r] : HL_DOCS_URL;
}


bool hl_rule_in_target(enum hl_target target, enum hl_rule_id r)
{
	switch (r) {
	case HL_RULE_HL701:
	case HL_RULE_HL702:
	case HL_RULE_HL704:
	case HL_RULE_HL705:
		return target == HL_TARGET_ARGOCD;
	default:
		return true;
	}
}
