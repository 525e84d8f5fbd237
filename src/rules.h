/* SPDX-License-Identifier: MIT */
/* rules.h - the one list of rules: ID, name, family (its C file) */
#ifndef HL_RULES_H
#define HL_RULES_H

#define HL_FOREACH_RULE(R)                                               \
	R(HL101, "unknown-hook-event",                  events)          \
	R(HL102, "empty-hook-event",                    events)          \
	R(HL103, "hook-event-separator",                events)          \
	R(HL104, "duplicate-hook-event",                events)          \
	R(HL105, "deprecated-hook-event",               events)          \
	R(HL106, "non-canonical-hook-event",            events)          \
	R(HL110, "invalid-hook-weight",                 weights)         \
	R(HL111, "unusual-hook-weight",                 weights)         \
	R(HL120, "non-string-annotation-value",         values)          \
	R(HL121, "non-scalar-annotation-value",         values)          \
	R(HL130, "unknown-delete-policy",               policies)        \
	R(HL131, "empty-delete-policy",                 policies)        \
	R(HL132, "non-canonical-delete-policy",         policies)        \
	R(HL140, "unknown-output-log-policy",           policies)        \
	R(HL141, "output-log-policy-ignored",           policies)        \
	R(HL150, "duplicate-annotation-key",            keys)            \
	R(HL201, "misspelled-hook-annotation",          keys)            \
	R(HL202, "obsolete-hook-annotation",            keys)            \
	R(HL203, "misplaced-hook-annotation",           keys)            \
	R(HL204, "hook-annotation-without-hook",        keys)            \
	R(HL205, "invalid-annotation-key",              keys)            \
	R(HL206, "annotations-too-large",               keys)            \
	R(HL207, "hook-annotation-in-crds-dir",         charts)          \
	R(HL208, "hook-file-not-rendered",              charts)          \
	R(HL301, "hook-leftover-blocks-rerun",          policies)        \
	R(HL302, "hook-never-cleaned-up",               policies)        \
	R(HL303, "hook-deleted-while-in-use",           ordering)        \
	R(HL304, "release-resource-uses-hook",          ordering)        \
	R(HL305, "resource-policy-on-hook",             resource_policy) \
	R(HL306, "delete-policy-on-crd-hook",           policies)        \
	R(HL401, "hook-waits-on-later-hook",            ordering)        \
	R(HL402, "pre-install-hook-uses-release-resource", ordering)        \
	R(HL403, "pre-upgrade-hook-uses-release-resource", ordering)        \
	R(HL404, "post-delete-hook-uses-release-resource", ordering)        \
	R(HL405, "hook-dependency-missing-in-event",    ordering)        \
	R(HL406, "custom-resource-hook-before-crd",     ordering)        \
	R(HL407, "uses-test-hook",                      ordering)        \
	R(HL408, "hook-identity-collision",             ordering)        \
	R(HL409, "hook-identity-reused",                ordering)        \
	R(HL410, "hook-is-also-release-resource",       ordering)        \
	R(HL411, "uninstall-hook-mixed-with-install",   events)          \
	R(HL412, "ambiguous-hook-order",                ordering)        \
	R(HL501, "job-hook-restart-policy",             kinds)           \
	R(HL502, "pod-hook-never-completes",            kinds)           \
	R(HL503, "pod-hook-on-failure",                 kinds)           \
	R(HL504, "job-hook-name-too-long",              kinds)           \
	R(HL505, "job-hook-ttl",                        kinds)           \
	R(HL506, "hook-generate-name",                  kinds)           \
	R(HL507, "long-running-hook-kind",              kinds)           \
	R(HL508, "crd-as-hook",                         kinds)           \
	R(HL509, "unbounded-job-hook",                  kinds)           \
	R(HL510, "test-hook-job",                       kinds)           \
	R(HL511, "stateful-hook-kind",                  kinds)           \
	R(HL601, "invalid-crds-document",               charts)          \
	R(HL602, "resource-policy-in-list",             resource_policy) \
	R(HL603, "unknown-resource-policy",             resource_policy) \
	R(HL604, "non-canonical-resource-policy",       resource_policy) \
	R(HL701, "hook-ignored-by-argocd",              portability)     \
	R(HL702, "delete-hook-on-argocd",               portability)     \
	R(HL703, "argocd-hook-overrides-helm-hook",     portability)     \
	R(HL704, "weight-becomes-sync-wave",            portability)     \
	R(HL705, "install-hook-runs-every-sync",        portability)     \
	R(HL901, "yaml-syntax-error",                   syntax)          \
	R(HL902, "unused-suppression",                  suppress)        \
	R(HL903, "templated-hook-value",                charts)

#define HL_R_ENUM(id, name, fam) HL_RULE_##id,
enum hl_rule_id { HL_FOREACH_RULE(HL_R_ENUM) HL_RULE_MAX };
#undef HL_R_ENUM

#endif
