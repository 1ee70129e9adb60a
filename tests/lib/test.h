/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal TAP-style test runner: each test is a function returning 0 on
 * success or a negative errno-like value, and prints why it failed with
 * fail().  run_tests() prints "ok N - name" / "not ok N - name" and the
 * closing "N passed, N failed" line that scripts/check counts.
 */
#ifndef BLA_TEST_H
#define BLA_TEST_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct test {
	const char *name;
	int (*fn)(void);
};

#define TEST(fn) { #fn, fn }

/* Report a failed expectation with its location; evaluates to -1. */
#define fail(fmt, ...)							\
	(fprintf(stderr, "#   %s:%d: " fmt "\n", __FILE__, __LINE__,	\
		 ##__VA_ARGS__), -1)

#define expect_eq(got, want)						\
	do {								\
		long long _g = (long long)(got), _w = (long long)(want); \
		if (_g != _w)						\
			return fail("%s == %lld, expected %s == %lld",	\
				    #got, _g, #want, _w);		\
	} while (0)

#define expect_str(got, want)						\
	do {								\
		const char *_g = (got), *_w = (want);			\
		if (strcmp(_g, _w))					\
			return fail("%s\n#     got:  %s\n#     want: %s",	\
				    #got, _g, _w);			\
	} while (0)

int run_tests(const char *suite, const struct test *tests, int count,
	      int argc, char **argv);

struct bpf_program;
/* The id bpftool shows for a loaded program, and records carry; 0 if none. */
unsigned int bpf_prog_id(const struct bpf_program *prog);

#endif
