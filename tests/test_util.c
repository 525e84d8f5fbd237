/* SPDX-License-Identifier: MIT */
/* test_util.c - buffers, arenas and UTF-8 helpers */
#include "check_main.h"
#include "util.h"

#include <string.h>

START_TEST(buf_appends)
{
	struct hl_buf b = HL_BUF_INIT;

	hl_buf_adds(&b, "ab");
	hl_buf_addf(&b, "%d-%s", 42, "x");
	hl_buf_addc(&b, '!');
	ck_assert_str_eq(b.s, "ab42-x!");
	ck_assert_uint_eq(b.len, 7);
	hl_buf_release(&b);
}
END_TEST

START_TEST(arena_reuses)
{
	struct hl_arena a = { 0 };
	char *s = hl_arena_strndup(&a, "hello", 3);
	char *big = hl_arena_alloc(&a, 100000);

	ck_assert_str_eq(s, "hel");
	memset(big, 1, 100000);
	hl_arena_reset(&a);
	ck_assert_str_eq(hl_arena_printf(&a, "%s%d", "x", 7), "x7");
	hl_arena_release(&a);
}
END_TEST

START_TEST(utf8_validation)
{
	ck_assert_uint_eq(hl_utf8_invalid("plain ascii text", 16), 16);
	ck_assert_uint_eq(hl_utf8_invalid("caf\xc3\xa9", 5), 5);
	ck_assert_uint_eq(hl_utf8_invalid("ab\xff" "cd", 5), 2);
	/* overlong NUL and a lone surrogate are invalid */
	ck_assert_uint_eq(hl_utf8_invalid("a\xc0\x80", 3), 1);
	ck_assert_uint_eq(hl_utf8_invalid("a\xed\xa0\x80", 4), 1);
	/* truncated sequence at the end */
	ck_assert_uint_eq(hl_utf8_invalid("0123456789\xe2\x82", 12), 10);
}
END_TEST

START_TEST(go_space)
{
	ck_assert(hl_is_go_space(' '));
	ck_assert(hl_is_go_space(0xa0));
	ck_assert(hl_is_go_space(0x3000));
	ck_assert(!hl_is_go_space('x'));
	ck_assert(!hl_is_go_space(0x200b));	/* zero width space is not */
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, buf_appends);
	tcase_add_test(tc, arena_reuses);
	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, go_space);
	suite_add_tcase(s, tc);
	return s;
}

HL_TEST_MAIN(util_suite)
