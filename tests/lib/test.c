// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>

#include "test.h"

/*
 * Runs every test, or only those named on the command line, and returns
 * the process exit status: 0 if all passed.
 */
int run_tests(const char *suite, const struct test *tests, int count,
	      int argc, char **argv)
{
	int passed = 0, failed = 0, i, j;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# %s\n", suite);
	for (i = 0; i < count; i++) {
		int selected = argc < 2;

		for (j = 1; j < argc; j++)
			if (!strcmp(argv[j], tests[i].name))
				selected = 1;
		if (!selected)
			continue;
		fflush(stderr);
		if (tests[i].fn() == 0) {
			passed++;
			printf("ok %d - %s: %s\n", passed + failed, suite,
			       tests[i].name);
		} else {
			failed++;
			printf("not ok %d - %s: %s\n", passed + failed, suite,
			       tests[i].name);
		}
		fflush(stdout);
	}
	printf("# %s: %d passed, %d failed\n", suite, passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
