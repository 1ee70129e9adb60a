/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test programs' runner.  A test is a void function.  Its checks are
 * the ASSERT_*() of the BPF selftests' test_progs.h, which test.h
 * includes: tests/selftests/test_progs.h, the stand-in that also builds
 * the kernel series' selftests, with upstream's names and semantics
 * (ASSERT_EQ(actual, expected, name), ASSERT_OK(res, name): res == 0,
 * ASSERT_OK_PTR(ptr, name): libbpf_get_error(ptr) == 0, ...).  Each
 * evaluates to true when its check holds; otherwise it prints
 * "FUNCTION:FAIL:name unexpected ...", marks the running test failed
 * (test__fail()) and evaluates to false, so that the test can "goto
 * cleanup" and undo what it did:
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
 * ASSERT_OK_PTR() passes a NULL when errno is 0 (libbpf_get_error()): it
 * is for pointers from libbpf, or from a libc call that sets errno when
 * it returns NULL; any other pointer is checked with ASSERT_TRUE(p !=
 * NULL, name).  ASSERT_FAIL(fmt, ...) fails the running test with a
 * message of its own.  What test_progs.h lacks and the tests need is
 * below, made of its _CHECK() so that it prints the same way, under
 * names that upstream's test_progs.h does not use.
 *
 * run_tests() prints the TAP plan "1..N" before the first result, then
 * "ok N - suite: test" or "not ok N - suite: test" per test, and returns
 * the exit status: 0 only if every test ran and passed.  What a test
 * prints on stdout, its failed checks' messages among it, is shown as it
 * is printed, before the test's result, each line a TAP comment ("# "
 * is put before a line that does not start with "#").  A test that
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

#include "test_progs.h"

struct test {
	const char *name;
	void (*run)(void);	/* fails through ASSERT_*() */
};

#define TEST(f) { .name = #f, .run = (f) }

int run_tests(const char *suite, const struct test *tests, int count,
	      int argc, char **argv);

/*
 * test_skip(fmt, ...): the running test cannot run here, for this reason
 * (one line).  Its result is "ok ... # SKIP reason", unless it has
 * already failed.  The test still returns through its cleanup.
 * test__skip() of test_progs.h is test_skip("skipped").
 */
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * test_bail(fmt, ...): the program cannot test anything (its setup
 * failed): prints "Bail out! reason", which fails the whole program in
 * any TAP consumer, and exits with status 1.
 */
void test_bail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/*
 * test_progs.h's test__start_subtest(), test__end_subtest() and
 * stack_mprotect() are the selftests runner's (tests/selftests/runner.c)
 * only: test.c has no subtests.
 */

/*
 * ASSERT_ERRNO(res, err, name): a call that must fail as a syscall does,
 * returning -1 with errno == err.  Prints the errno's name and text.
 * (Not upstream's: test_progs.h has no such macro.)
 */
#define ASSERT_ERRNO(res, err, name) ({					\
	long long ___res = (res);					\
	int ___errno = errno, ___want = (err);				\
	bool ___ok = ___res == -1 && ___errno == ___want;		\
	if (___res != -1)						\
		_CHECK(true, (name),					\
		       "unexpected %s: actual %lld != expected -1 (errno %s)\n", \
		       (name), ___res, #err);				\
	else								\
		_CHECK(!___ok, (name),					\
		       "unexpected %s: errno %d (%s) != expected %s (%s)\n", \
		       (name), ___errno, strerror(___errno), #err,	\
		       strerror(___want));				\
	___ok;								\
})

struct bpf_program;
/* The id bpftool shows for a loaded program, and records carry; 0 if none. */
unsigned int bpf_prog_id(const struct bpf_program *prog);

#endif
