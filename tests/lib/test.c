// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

unsigned int bpf_prog_id(const struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
		return 0;
	return info.id;
}

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
