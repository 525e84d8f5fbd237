/* SPDX-License-Identifier: MIT */
/* test_model.c - tokens, normalisation, YAML scalar types and hook facts */
#include "check_main.h"
#include "model.h"

#include <string.h>

/* A plain or quoted scalar whose content starts at byte @at of a file. */
static struct hl_value val(const char *text, size_t at, enum hl_style style)
{
	struct hl_value v = { 0 };
	size_t q = style == HL_STYLE_PLAIN ? 0 : 1;

	v.text = text;
	v.len = strlen(text);
	v.style = (unsigned char)style;
	v.type = style == HL_STYLE_PLAIN ?
		hl_resolve_plain(text, v.len) : HL_Y_STR;
	v.raw = (struct hl_span){ at, at + v.len };
	v.span = (struct hl_span){ at - q, at + v.len + q };
	v.direct = true;
	return v;
}

static void add(struct hl_map *m, const char *key, struct hl_value v)
{
	HL_GROW(m->items, m->n + 1, m->alloc);
	memset(&m->items[m->n], 0, sizeof(m->items[0]));
	m->items[m->n].key = key;
	m->items[m->n].key_len = strlen(key);
	m->items[m->n].val = v;
	m->n++;
}

/* --- go-yaml v2 resolution ------------------------------------------- */

static const struct {
	const char *in;
	enum hl_ytype want;
} resolve_cases[] = {
	{ "", HL_Y_NULL }, { "~", HL_Y_NULL }, { "null", HL_Y_NULL },
	{ "Null", HL_Y_NULL }, { "NULL", HL_Y_NULL }, { "nULL", HL_Y_STR },
	{ "y", HL_Y_BOOL }, { "Y", HL_Y_BOOL }, { "yes", HL_Y_BOOL },
	{ "Yes", HL_Y_BOOL }, { "YES", HL_Y_BOOL }, { "n", HL_Y_BOOL },
	{ "N", HL_Y_BOOL }, { "no", HL_Y_BOOL }, { "No", HL_Y_BOOL },
	{ "NO", HL_Y_BOOL }, { "true", HL_Y_BOOL }, { "True", HL_Y_BOOL },
	{ "TRUE", HL_Y_BOOL }, { "false", HL_Y_BOOL },
	{ "False", HL_Y_BOOL }, { "FALSE", HL_Y_BOOL }, { "on", HL_Y_BOOL },
	{ "On", HL_Y_BOOL }, { "ON", HL_Y_BOOL }, { "off", HL_Y_BOOL },
	{ "Off", HL_Y_BOOL }, { "OFF", HL_Y_BOOL }, { "yES", HL_Y_STR },
	{ "tRUE", HL_Y_STR }, { "oN", HL_Y_STR },
	{ "0", HL_Y_INT }, { "5", HL_Y_INT }, { "-5", HL_Y_INT },
	{ "+5", HL_Y_INT }, { "-0", HL_Y_INT }, { "00", HL_Y_INT },
	{ "017", HL_Y_INT }, { "0o17", HL_Y_INT }, { "0O17", HL_Y_INT },
	{ "0x1F", HL_Y_INT }, { "0X1f", HL_Y_INT }, { "+0x10", HL_Y_INT },
	{ "0b101", HL_Y_INT }, { "0B101", HL_Y_INT }, { "-0b101", HL_Y_INT },
	{ "1_000", HL_Y_INT }, { "1__0_", HL_Y_INT }, { "0x_1F", HL_Y_INT },
	{ "0b-101", HL_Y_INT },	/* go-yaml's own base-2 fallback */
	{ "9223372036854775807", HL_Y_INT },
	{ "-9223372036854775808", HL_Y_INT },
	{ "9223372036854775808", HL_Y_INT },	/* a uint64 */
	{ "18446744073709551615", HL_Y_INT },
	{ "18446744073709551616", HL_Y_FLOAT },	/* past uint64 */
	{ "-9223372036854775809", HL_Y_FLOAT },
	{ "0x1FFFFFFFFFFFFFFFF", HL_Y_INT },	/* a big.Int */
	{ "-0x1FFFFFFFFFFFFFFFF", HL_Y_STR },
	{ "1.5", HL_Y_FLOAT }, { "1e3", HL_Y_FLOAT }, { "1E3", HL_Y_FLOAT },
	{ "1e+3", HL_Y_FLOAT }, { "-1.5e-3", HL_Y_FLOAT }, { "1.", HL_Y_FLOAT },
	{ "1.e3", HL_Y_FLOAT }, { ".5", HL_Y_FLOAT }, { "-.5", HL_Y_FLOAT },
	{ "+.5", HL_Y_FLOAT }, { ".5e3", HL_Y_FLOAT }, { "0.0", HL_Y_FLOAT },
	{ "08", HL_Y_FLOAT },	/* not octal, so a float */
	{ "09.5", HL_Y_FLOAT }, { "1_0.5", HL_Y_FLOAT },
	{ ".5_5", HL_Y_FLOAT },	/* ParseFloat allows Go's underscores */
	{ ".5e-400", HL_Y_FLOAT },	/* underflow is no error */
	{ ".inf", HL_Y_FLOAT }, { ".Inf", HL_Y_FLOAT }, { ".INF", HL_Y_FLOAT },
	{ "+.inf", HL_Y_FLOAT }, { "-.Inf", HL_Y_FLOAT },
	{ ".nan", HL_Y_FLOAT }, { ".NaN", HL_Y_FLOAT }, { ".NAN", HL_Y_FLOAT },
	{ "1e400", HL_Y_STR },	/* ParseFloat overflows */
	{ ".5e400", HL_Y_STR }, { ".inF", HL_Y_STR }, { ".infinity", HL_Y_STR },
	{ "._5", HL_Y_STR }, { ".5_", HL_Y_STR }, { ".", HL_Y_STR },
	{ "+", HL_Y_STR }, { "-", HL_Y_STR }, { "+-5", HL_Y_STR },
	{ "0x", HL_Y_STR }, { "0xg", HL_Y_STR }, { "0b", HL_Y_STR },
	{ "0b2", HL_Y_STR }, { "1.2.3", HL_Y_STR }, { "12:30", HL_Y_STR },
	{ "2001-12-14", HL_Y_STR }, { "2001-12-14T21:59:43.10Z", HL_Y_STR },
	{ "1e", HL_Y_STR }, { "e3", HL_Y_STR }, { "inf", HL_Y_STR },
	{ "nan", HL_Y_STR }, { "5a", HL_Y_STR }, { "1,000", HL_Y_STR },
	{ "1 000", HL_Y_STR }, { "<<", HL_Y_STR }, { "_1", HL_Y_STR },
	{ "pre-install", HL_Y_STR }, { "\xd9\xa5", HL_Y_STR },
};

START_TEST(resolve_table)
{
	const char *in = resolve_cases[_i].in;

	ck_assert_msg(hl_resolve_plain(in, strlen(in)) ==
		      resolve_cases[_i].want, "resolving '%s': got %d, want %d",
		      in, hl_resolve_plain(in, strlen(in)),
		      resolve_cases[_i].want);
}
END_TEST

START_TEST(resolve_huge_numbers)
{
	char digits[402];

	/* past float64: go-yaml falls back to a big.Int */
	memset(digits, '1', 400);
	digits[400] = '\0';
	ck_assert_int_eq(hl_resolve_plain(digits, 400), HL_Y_INT);
	digits[399] = 'x';
	ck_assert_int_eq(hl_resolve_plain(digits, 400), HL_Y_STR);
}
END_TEST

/* --- strconv.Atoi ----------------------------------------------------- */

START_TEST(atoi_like_go)
{
	long long v;

#define OK(s, want) do { \
		ck_assert_int_eq(hl_atoi(s, strlen(s), &v), HL_ATOI_OK); \
		ck_assert(v == (want)); \
	} while (0)
#define BAD(s, err) do { \
		ck_assert_int_eq(hl_atoi(s, strlen(s), &v), err); \
		ck_assert(v == 0); \
	} while (0)
	OK("5", 5);
	OK("+5", 5);
	OK("05", 5);
	OK("-5", -5);
	OK("-0", 0);
	OK("9223372036854775807", 9223372036854775807LL);
	OK("-9223372036854775808", -9223372036854775807LL - 1);
	BAD("", HL_ATOI_EMPTY);
	BAD(" 5", HL_ATOI_SYNTAX);
	BAD("5 ", HL_ATOI_SYNTAX);
	BAD("1.5", HL_ATOI_SYNTAX);
	BAD("0x10", HL_ATOI_SYNTAX);
	BAD("1_000", HL_ATOI_SYNTAX);
	BAD("-", HL_ATOI_SYNTAX);
	BAD("+", HL_ATOI_SYNTAX);
	BAD("\xd9\xa5", HL_ATOI_SYNTAX);
	BAD("9223372036854775808", HL_ATOI_RANGE);
	BAD("-9223372036854775809", HL_ATOI_RANGE);
#undef OK
#undef BAD
}
END_TEST

/* --- normalisation and lookups ---------------------------------------- */

START_TEST(normalize_like_go)
{
	char out[32];

	ck_assert(hl_normalize(" Pre-Install\t", 13, out, sizeof(out)));
	ck_assert_str_eq(out, "pre-install");
	/* NO-BREAK SPACE and IDEOGRAPHIC SPACE are Go white space */
	ck_assert(hl_normalize("\xc2\xa0test\xe3\x80\x80", 9, out, 32));
	ck_assert_str_eq(out, "test");
	/* KELVIN SIGN and capital I with dot above lower to ASCII */
	ck_assert(hl_normalize("HOO\xe2\x84\xaa-FA\xc4\xb0LED", 14, out, 32));
	ck_assert_str_eq(out, "hook-failed");
	/* ZERO WIDTH SPACE is not white space; other letters stay */
	ck_assert(hl_normalize("\xe2\x80\x8btest", 7, out, 32));
	ck_assert_str_eq(out, "\xe2\x80\x8btest");
	ck_assert(hl_normalize("\xc3\x84", 2, out, 32));
	ck_assert_str_eq(out, "\xc3\x84");
	ck_assert(hl_normalize("   ", 3, out, 32));
	ck_assert_str_eq(out, "");
	ck_assert(!hl_normalize("abcdef", 6, out, 6));
	ck_assert_str_eq(out, "");
	ck_assert(hl_normalize("abcde", 5, out, 6));
}
END_TEST

START_TEST(trim_offsets)
{
	size_t start;

	ck_assert_uint_eq(hl_trim("  ab c \n", 8, &start), 4);
	ck_assert_uint_eq(start, 2);
	ck_assert_uint_eq(hl_trim(" \t", 2, &start), 0);
	ck_assert_uint_eq(hl_trim("\xe2\x80\x83x", 4, &start), 1);
	ck_assert_uint_eq(start, 3);
}
END_TEST

START_TEST(next_word_separators)
{
	static const char s[] = " pre-install;pre-upgrade |\tpost-install\n";
	static const char *const want[] = {
		"pre-install", "pre-upgrade", "post-install",
	};
	size_t pos = 0, start, n = 0;

	while (hl_next_word(s, sizeof(s) - 1, &pos, &start)) {
		ck_assert_uint_lt(n, HL_ARRAY_SIZE(want));
		ck_assert_uint_eq(pos - start, strlen(want[n]));
		ck_assert(!memcmp(s + start, want[n], pos - start));
		n++;
	}
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(pos, sizeof(s) - 1);
	/* commas are not separators here: the caller split on them */
	pos = 0;
	ck_assert(hl_next_word("a,b", 3, &pos, &start));
	ck_assert_uint_eq(start, 0);
	ck_assert_uint_eq(pos, 3);
	pos = 0;
	ck_assert(!hl_next_word(" ;| ", 4, &pos, &start));
}
END_TEST

START_TEST(event_and_policy_lookup)
{
	bool alias = true;

	ck_assert_int_eq(hl_event_lookup("pre-install", &alias),
			 HL_EV_PRE_INSTALL);
	ck_assert(!alias);
	ck_assert_int_eq(hl_event_lookup("post-rollback", NULL),
			 HL_EV_POST_ROLLBACK);
	ck_assert_int_eq(hl_event_lookup("test", &alias), HL_EV_TEST);
	ck_assert(!alias);
	ck_assert_int_eq(hl_event_lookup("test-success", &alias), HL_EV_TEST);
	ck_assert(alias);
	ck_assert_int_eq(hl_event_lookup("crd-install", NULL), HL_EV_UNKNOWN);
	ck_assert_int_eq(hl_event_lookup("test-failure", NULL), HL_EV_UNKNOWN);
	ck_assert_int_eq(hl_event_lookup("Pre-Install", NULL), HL_EV_UNKNOWN);
	ck_assert_str_eq(hl_event_name(HL_EV_POST_DELETE), "post-delete");
	ck_assert_int_eq(hl_policy_lookup("hook-failed"), HL_POL_HOOK_FAILED);
	ck_assert_int_eq(hl_policy_lookup("before-hook-creation"),
			 HL_POL_BEFORE_HOOK_CREATION);
	ck_assert_int_eq(hl_policy_lookup("hooksucceeded"), 0);
	ck_assert_int_eq(hl_policy_lookup(""), 0);
	ck_assert_str_eq(hl_policy_name(HL_POL_HOOK_SUCCEEDED),
			 "hook-succeeded");
}
END_TEST

/* --- tokens ----------------------------------------------------------- */

START_TEST(tokenize_spans)
{
	struct hl_arena a = { 0 };
	struct hl_value v = val(" Pre-Install , post-upgrade", 100,
				HL_STYLE_DOUBLE);
	struct hl_token *t;

	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 2);
	ck_assert_str_eq(t[0].norm, "pre-install");
	ck_assert_uint_eq(t[0].span.start, 101);
	ck_assert_uint_eq(t[0].span.end, 112);
	ck_assert_uint_eq(t[0].len, 13);
	ck_assert_uint_eq(t[0].trim_off, 1);
	ck_assert_uint_eq(t[0].trim_len, 11);
	ck_assert(!t[0].empty);
	ck_assert_str_eq(t[1].norm, "post-upgrade");
	ck_assert_uint_eq(t[1].span.start, 115);
	ck_assert_uint_eq(t[1].span.end, 127);

	/* escaped or block scalars: every token spans the value */
	v.direct = false;
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 2);
	ck_assert_uint_eq(t[1].span.start, 99);
	ck_assert_uint_eq(t[1].span.end, 128);
	hl_arena_release(&a);
}
END_TEST

START_TEST(tokenize_empty_tokens)
{
	struct hl_arena a = { 0 };
	struct hl_value v;
	struct hl_token *t;

	/* "a," -> ["a", ""]: the empty one at the comma */
	v = val("a,", 10, HL_STYLE_PLAIN);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 2);
	ck_assert(t[1].empty);
	ck_assert_uint_eq(t[1].span.start, 11);
	ck_assert_uint_eq(t[1].span.end, 11);
	/* ",a": the comma after the leading empty token */
	v = val(",a", 10, HL_STYLE_PLAIN);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 2);
	ck_assert(t[0].empty && !t[1].empty);
	ck_assert_uint_eq(t[0].span.start, 10);
	/* "a, ,b": the comma before the blank token */
	v = val("a, ,b", 10, HL_STYLE_PLAIN);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 3);
	ck_assert(t[1].empty);
	ck_assert_uint_eq(t[1].span.start, 11);
	/* ",,a": two empty tokens, two commas */
	v = val(",,a", 10, HL_STYLE_PLAIN);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 3);
	ck_assert_uint_eq(t[0].span.start, 10);
	ck_assert_uint_eq(t[1].span.start, 11);
	/* "" -> [""], spanning the value with its quotes */
	v = val("", 10, HL_STYLE_DOUBLE);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 1);
	ck_assert(t[0].empty);
	ck_assert_uint_eq(t[0].span.start, 9);
	ck_assert_uint_eq(t[0].span.end, 11);
	/* null reads as "" */
	v = val("~", 10, HL_STYLE_PLAIN);
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 1);
	ck_assert(t[0].empty);
	ck_assert_uint_eq(t[0].len, 0);
	/* a mapping matches nothing */
	v = val("{a: b}", 10, HL_STYLE_PLAIN);
	v.style = HL_STYLE_MAP;
	ck_assert_uint_eq(hl_tokenize(&a, &v, &t), 1);
	ck_assert(t[0].empty);
	hl_arena_release(&a);
}
END_TEST

START_TEST(value_strings)
{
	struct hl_value v = val("5", 10, HL_STYLE_PLAIN);
	size_t len;

	ck_assert(!hl_value_is_string(&v));
	ck_assert_str_eq(hl_value_string(&v, &len), "5");
	v = val("5", 10, HL_STYLE_SINGLE);
	ck_assert(hl_value_is_string(&v));
	v = val("null", 10, HL_STYLE_PLAIN);
	ck_assert_str_eq(hl_value_string(&v, &len), "");
	ck_assert_uint_eq(len, 0);
	v.style = HL_STYLE_SEQ;
	ck_assert(hl_value_is_nonscalar(&v));
	ck_assert(!hl_value_is_string(&v));
}
END_TEST

/* --- documents -------------------------------------------------------- */

struct doc_fixture {
	struct hl_doc d;
	struct hl_map m;
	struct hl_arena a;
	struct hl_hook h;
};

static void fixture_init(struct doc_fixture *f, const char *kind)
{
	memset(f, 0, sizeof(*f));
	f->d.kind = val(kind, 5, HL_STYLE_PLAIN);
	f->d.top = &f->m;
	f->d.maps = &f->m;
	f->m.top = true;
}

static void fixture_release(struct doc_fixture *f)
{
	free(f->m.items);
	hl_arena_release(&f->a);
}

START_TEST(map_get_last_wins)
{
	struct doc_fixture f;

	fixture_init(&f, "Job");
	add(&f.m, "helm.sh/hook", val("pre-install", 10, HL_STYLE_PLAIN));
	add(&f.m, "helm.sh/hook", val("post-install", 40, HL_STYLE_PLAIN));
	ck_assert_str_eq(hl_map_get(&f.m, "helm.sh/hook")->val.text,
			 "post-install");
	ck_assert_ptr_null(hl_map_get(&f.m, "helm.sh/hoo"));
	ck_assert_ptr_null(hl_map_get(NULL, "helm.sh/hook"));
	ck_assert(hl_kind_is(&f.d, "Job"));
	ck_assert(!hl_kind_is(&f.d, "job"));
	ck_assert(!hl_kind_is(&f.d, "Jo"));
	fixture_release(&f);
}
END_TEST

START_TEST(hook_parse_basic)
{
	struct doc_fixture f;

	fixture_init(&f, "Job");
	add(&f.m, "helm.sh/hook", val("pre-install, Post-Upgrade", 10,
				      HL_STYLE_DOUBLE));
	add(&f.m, "helm.sh/hook-weight", val("-5", 50, HL_STYLE_DOUBLE));
	add(&f.m, "helm.sh/hook-delete-policy",
	    val("hook-succeeded", 80, HL_STYLE_PLAIN));
	add(&f.m, "argocd.argoproj.io/hook", val("Sync", 120, HL_STYLE_PLAIN));
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(f.h.is_hook);
	ck_assert(!f.h.dropped);
	ck_assert_uint_eq(f.h.nevents, 2);
	ck_assert_uint_eq(f.h.event_mask, (1u << HL_EV_PRE_INSTALL) |
			  (1u << HL_EV_POST_UPGRADE));
	ck_assert(f.h.weight_valid);
	ck_assert(f.h.weight_value == -5);
	ck_assert(f.h.policy_explicit);
	ck_assert(f.h.policy_all_known);
	/* an explicit list replaces the default */
	ck_assert_uint_eq(f.h.policy_mask, HL_POL_HOOK_SUCCEEDED);
	ck_assert_ptr_nonnull(f.h.argocd_hook);
	ck_assert_ptr_null(f.h.log_policy);
	fixture_release(&f);
}
END_TEST

START_TEST(hook_parse_dropped)
{
	static const char *const dropped[] = {
		"", "~", "pre-install,", ",pre-install",
		"pre-install;pre-upgrade", "post-install, pre-uninstall",
		"crd-install",
	};
	struct doc_fixture f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(dropped); i++) {
		fixture_init(&f, "Job");
		add(&f.m, "helm.sh/hook", val(dropped[i], 10, HL_STYLE_PLAIN));
		hl_hook_parse(&f.a, &f.d, &f.h);
		ck_assert_msg(f.h.is_hook && f.h.dropped, "'%s'", dropped[i]);
		fixture_release(&f);
	}
	/* a mapping is never a valid event */
	fixture_init(&f, "Job");
	add(&f.m, "helm.sh/hook", val("{a: b}", 10, HL_STYLE_PLAIN));
	f.m.items[0].val.style = HL_STYLE_MAP;
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(f.h.dropped);
	fixture_release(&f);
	/* the key is case-sensitive */
	fixture_init(&f, "Job");
	add(&f.m, "Helm.sh/hook", val("pre-install", 10, HL_STYLE_PLAIN));
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(!f.h.is_hook && !f.h.dropped);
	ck_assert_uint_eq(f.h.policy_mask, HL_POL_BEFORE_HOOK_CREATION);
	ck_assert(!f.h.policy_explicit);
	fixture_release(&f);
}
END_TEST

START_TEST(hook_parse_weights)
{
	static const struct {
		const char *text;
		enum hl_style style;
		long long want;
		bool valid;
	} cases[] = {
		{ "5", HL_STYLE_DOUBLE, 5, true },
		{ "+05", HL_STYLE_SINGLE, 5, true },
		{ " 5", HL_STYLE_DOUBLE, 0, false },
		{ "", HL_STYLE_DOUBLE, 0, false },
		{ "1.5", HL_STYLE_DOUBLE, 0, false },
		/* unquoted: Helm reads the number sigs.k8s.io/yaml prints */
		{ "-5", HL_STYLE_PLAIN, -5, true },
		{ "0x10", HL_STYLE_PLAIN, 16, true },
		{ "5.0", HL_STYLE_PLAIN, 5, true },
		{ "1e3", HL_STYLE_PLAIN, 1000, true },
		{ "1e6", HL_STYLE_PLAIN, 0, false },	/* "1e+06" */
		{ "1.5", HL_STYLE_PLAIN, 0, false },
		{ ".inf", HL_STYLE_PLAIN, 0, false },
		{ "true", HL_STYLE_PLAIN, 0, false },
		{ "~", HL_STYLE_PLAIN, 0, false },
		{ "five", HL_STYLE_PLAIN, 0, false },
	};
	struct doc_fixture f;
	size_t i;

	for (i = 0; i < HL_ARRAY_SIZE(cases); i++) {
		fixture_init(&f, "Job");
		add(&f.m, "helm.sh/hook", val("test", 10, HL_STYLE_PLAIN));
		add(&f.m, "helm.sh/hook-weight",
		    val(cases[i].text, 40, cases[i].style));
		hl_hook_parse(&f.a, &f.d, &f.h);
		ck_assert_msg(f.h.weight_valid == cases[i].valid &&
			      f.h.weight_value == cases[i].want,
			      "weight '%s': got %lld", cases[i].text,
			      f.h.weight_value);
		fixture_release(&f);
	}
}
END_TEST

START_TEST(hook_parse_policies)
{
	struct doc_fixture f;

	/* "" is one empty token: explicit, and the default is gone */
	fixture_init(&f, "Job");
	add(&f.m, "helm.sh/hook", val("test", 10, HL_STYLE_PLAIN));
	add(&f.m, "helm.sh/hook-delete-policy", val("", 40, HL_STYLE_DOUBLE));
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(f.h.policy_explicit);
	ck_assert(!f.h.policy_all_known);
	ck_assert_uint_eq(f.h.policy_mask, 0);
	ck_assert_uint_eq(f.h.npolicies, 1);
	fixture_release(&f);

	fixture_init(&f, "Job");
	add(&f.m, "helm.sh/hook", val("test", 10, HL_STYLE_PLAIN));
	add(&f.m, "helm.sh/hook-delete-policy",
	    val("Hook-Succeeded,HookFailed", 40, HL_STYLE_PLAIN));
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(!f.h.policy_all_known);
	ck_assert_uint_eq(f.h.policy_mask, HL_POL_HOOK_SUCCEEDED);
	fixture_release(&f);

	/* no hook: still parsed, the other rules decide what matters */
	fixture_init(&f, "ConfigMap");
	hl_hook_parse(&f.a, &f.d, &f.h);
	ck_assert(!f.h.is_hook);
	ck_assert_uint_eq(f.h.policy_mask, HL_POL_BEFORE_HOOK_CREATION);
	fixture_release(&f);
}
END_TEST

/* --- message helpers -------------------------------------------------- */

START_TEST(shorten_and_distance)
{
	struct hl_arena a = { 0 };
	char long_text[100];
	const char *s;

	memset(long_text, 'x', sizeof(long_text));
	s = hl_shorten(&a, long_text, 61);
	ck_assert_uint_eq(strlen(s), 60);
	ck_assert_str_eq(s + 57, "...");
	ck_assert_str_eq(hl_shorten(&a, long_text, 3), "xxx");
	/* never cut inside a UTF-8 sequence */
	memcpy(long_text + 56, "\xc3\xa9", 2);
	s = hl_shorten(&a, long_text, 70);
	ck_assert_uint_eq(strlen(s), 59);
	ck_assert_uint_eq(hl_edit_distance("pre-instal", 10, "pre-install",
					   11, 3), 1);
	ck_assert_uint_eq(hl_edit_distance("preinstall", 10, "pre-install",
					   11, 3), 1);
	ck_assert_uint_eq(hl_edit_distance("abc", 3, "pre-install", 11, 3), 4);
	ck_assert_uint_eq(hl_edit_distance("", 0, "", 0, 3), 0);
	hl_arena_release(&a);
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, resolve_table, 0,
			    (int)HL_ARRAY_SIZE(resolve_cases));
	tcase_add_test(tc, resolve_huge_numbers);
	tcase_add_test(tc, atoi_like_go);
	tcase_add_test(tc, normalize_like_go);
	tcase_add_test(tc, trim_offsets);
	tcase_add_test(tc, next_word_separators);
	tcase_add_test(tc, event_and_policy_lookup);
	tcase_add_test(tc, tokenize_spans);
	tcase_add_test(tc, tokenize_empty_tokens);
	tcase_add_test(tc, value_strings);
	tcase_add_test(tc, map_get_last_wins);
	tcase_add_test(tc, hook_parse_basic);
	tcase_add_test(tc, hook_parse_dropped);
	tcase_add_test(tc, hook_parse_weights);
	tcase_add_test(tc, hook_parse_policies);
	tcase_add_test(tc, shorten_and_distance);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(model_suite)
