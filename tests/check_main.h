/* SPDX-License-Identifier: MIT */
/* check_main.h - a main() that runs one Check suite with TAP output */
#ifndef HL_CHECK_MAIN_H
#define HL_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define HL_TEST_MAIN(suite_fn)                                          \
	int main(void)                                                  \
	{                                                               \
		SRunner *sr = srunner_create(suite_fn());               \
		int failed;                                             \
		srunner_run_all(sr, CK_ENV);                            \
		failed = srunner_ntests_failed(sr);                     \
		srunner_free(sr);                                       \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;            \
	}

#endif
