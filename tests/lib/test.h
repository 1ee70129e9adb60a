/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test programs' runner and assertions, in the shape of the BPF
 * selftests' test_progs.h.  A test is a void function.  Each ASSERT_*()
 * checks one thing; when it does not hold, it says what it expected and
 * what it got, marks the running test failed and returns false, so that
 * the test can "goto cleanup" and undo what it did:
 *
 *	static void test_deny(void)
 *	{
 *		struct bpf_link *link;
 *
 *		link = bpf_program__attach(skel->progs.deny);
 *		if (!ASSERT_OK_PTR(link, "attach"))
 *			return;
 *		if (!ASSERT_ERRNO(getpgid(0), EPERM, "getpgid"))
 *			goto cleanup;
 *		...
 *	cleanup:
 *		bpf_link__destroy(link);
 *	}
 *
 *	static const struct test tests[] = { TEST(test_deny), ... };
 *	int main(int argc, char **argv)
 *	{
 *		return run_tests("suite", tests, ARRAY_SIZE(tests), argc, argv);
 *	}
 *
 * run_tests() prints the TAP plan "1..N" before the first result, then
 * "ok N - suite: test" or "not ok N - suite: test" per test, and returns
 * the exit status: 0 only if every test ran and passed.  A test that
 * cannot run where it is (a kernel without what it needs) calls
 * test_skip(), and its line reads "ok N - suite: test # SKIP reason", which
 * TAP consumers count as skipped, not failed.  A program that
 * crashes or exits early leaves fewer results than its plan, which the
 * TAP consumer (prove, tests/lib/run-programs) reports as a failure.
 *
 * Options of every test program:
 *	-t NAME		run only this test; repeatable; "test_" may be left out
 *	-s, --shuffle[=SEED]
 *			run the tests in a random order (the seed is printed,
 *			and --shuffle=SEED repeats an order)
 *	-l, --list	print the tests' names and exit
 * BLA_TEST_SHUFFLE=SEED (or "random") in the environment shuffles too, so
 * that a runner can shuffle programs without knowing their options.
 * A NAME without an option is taken as -t NAME.
 */
#ifndef BLA_TEST_H
#define BLA_TEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct test {
	const char *name;
	void (*run)(void);	/* fails through ASSERT_*() or test_fail() */
};

#define TEST(f) { .name = #f, .run = (f) }

int run_tests(const char *suite, const struct test *tests, int count,
	      int argc, char **argv);

/*
 * test_check(OK, ...): when OK is false, prints "#   FILE:LINE: message"
 * and marks the running test failed.  Returns OK.  The ASSERT_*() macros
 * are made of it.
 */
bool test_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* test_fail(fmt, ...): the running test has failed, for this reason. */
#define test_fail(fmt, ...)						\
	test_check(false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

/*
 * test_skip(fmt, ...): the running test cannot run here, for this reason
 * (one line).  Its result is "ok ... # SKIP reason", unless it has
 * already failed.  The test still returns through its cleanup.
 */
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * test_bail(fmt, ...): the program cannot test anything (its setup
 * failed): prints "Bail out! reason", which fails the whole program in
 * any TAP consumer, and exits with status 1.
 */
void test_bail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#define ASSERT_TRUE(actual, name)					\
	test_check(!!(actual), __FILE__, __LINE__,			\
		   "%s: %s is false", (name), #actual)

#define ASSERT_FALSE(actual, name)					\
	test_check(!(actual), __FILE__, __LINE__,			\
		   "%s: %s is true", (name), #actual)

/* Integer comparisons, made in long long, printing both values. */
#define ASSERT_CMP(actual, op, expected, name) ({			\
	long long ___act = (long long)(actual);				\
	long long ___exp = (long long)(expected);			\
	test_check(___act op ___exp, __FILE__, __LINE__,		\
		   "%s: %s = %lld, expected %s %s = %lld", (name),	\
		   #actual, ___act, #op, #expected, ___exp);		\
})
#define ASSERT_EQ(actual, expected, name) ASSERT_CMP(actual, ==, expected, name)
#define ASSERT_NEQ(actual, expected, name) ASSERT_CMP(actual, !=, expected, name)
#define ASSERT_LT(actual, expected, name) ASSERT_CMP(actual, <, expected, name)
#define ASSERT_LE(actual, expected, name) ASSERT_CMP(actual, <=, expected, name)
#define ASSERT_GT(actual, expected, name) ASSERT_CMP(actual, >, expected, name)
#define ASSERT_GE(actual, expected, name) ASSERT_CMP(actual, >=, expected, name)

/* A call that returns 0 on success and -errno (or -1, errno) on failure. */
#define ASSERT_OK(res, name) ({						\
	long long ___res = (long long)(res);				\
	int ___errno = errno;						\
	test_check(___res == 0, __FILE__, __LINE__,			\
		   "%s: %s returned %lld (%s)", (name), #res, ___res,	\
		   strerror(___res < -1 ? (int)-___res : ___errno));	\
})

/* A call that must fail with -1 and errno == err, as a syscall does. */
#define ASSERT_ERRNO(res, err, name) ({					\
	long long ___res = (long long)(res);				\
	int ___errno = errno, ___want = (err);				\
	test_check(___res == -1 && ___errno == ___want, __FILE__, __LINE__, \
		   "%s: %s returned %lld, errno %d (%s), expected -1 with %s", \
		   (name), #res, ___res, ___res == -1 ? ___errno : 0,	\
		   ___res == -1 ? strerror(___errno) : "-", #err);	\
})

/* A pointer that must not be NULL (libbpf sets errno when it returns NULL). */
#define ASSERT_OK_PTR(ptr, name) ({					\
	const void *___ptr = (ptr);					\
	int ___errno = errno;						\
	test_check(___ptr != NULL, __FILE__, __LINE__,			\
		   "%s: %s is NULL (%s)", (name), #ptr, strerror(___errno)); \
})

#define ASSERT_NULL(ptr, name)						\
	test_check((ptr) == NULL, __FILE__, __LINE__,			\
		   "%s: %s is not NULL", (name), #ptr)

/* Whole strings, printed one above the other when they differ. */
#define ASSERT_STREQ(actual, expected, name) ({				\
	const char *___act = (actual), *___exp = (expected);		\
	test_check(!strcmp(___act, ___exp), __FILE__, __LINE__,		\
		   "%s: %s\n#     got:  %s\n#     want: %s", (name),	\
		   #actual, ___act, ___exp);				\
})

struct bpf_program;
/* The id bpftool shows for a loaded program, and records carry; 0 if none. */
unsigned int bpf_prog_id(const struct bpf_program *prog);

#endif
