/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal stand-in for tools/testing/selftests/bpf/test_progs.h, enough
 * to build and run the series' BPF selftests (prog_tests/lsm_audit_kfuncs.c
 * and its progs), and the upstream ones the series changes
 * (prog_tests/test_lsm.c, verifier_lsm), without building test_progs and
 * every program in the selftests tree.  Same names and semantics for what
 * those files use: ASSERT_*() evaluate to true when the check passed and
 * mark the running test or subtest failed otherwise, test__start_subtest()
 * starts a subtest and says whether it is selected, RUN_TESTS() loads each
 * program of a skeleton as the __success/__failure/__msg tags of
 * bpf_misc.h say.
 *
 * runner.c prints TAP; test_loader.c implements RUN_TESTS().
 *
 * The project's own test programs (tests/test_*.c, audit_off.c) check
 * with the same ASSERT_*(): tests/lib/test.h includes this header, and
 * tests/lib/test.c implements test__fail() and test__skip() for them.  So
 * this is the only definition of the ASSERT_*() names upstream has; a
 * macro upstream lacks does not belong here (test.h has the project's,
 * under names of its own).
 */
#ifndef __TEST_PROGS_H
#define __TEST_PROGS_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <linux/types.h>
/* As upstream's test_progs.h: a test that uses struct btf includes
 * <bpf/btf.h> itself, or it would build here and not in test_progs. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

/* From the tools' linux/compiler-gcc.h, which test_progs.h pulls in. */
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (int)(sizeof(x) / sizeof((x)[0]))
#endif

bool test__start_subtest(const char *name);
void test__end_subtest(void);
void test__fail(void);
void test__skip(void);
/* mprotect() of a stack page, as test_progs.c offers it to the tests. */
int stack_mprotect(void);

/* Diagnostics go to stdout: the runner shows them when a test fails. */
#define PRINT_FAIL(format...) ({					\
	test__fail();							\
	fprintf(stdout, "%s:FAIL:%d ", __func__, __LINE__);		\
	fprintf(stdout, ##format);					\
})

#define _CHECK(condition, tag, format...) ({				\
	bool __failed = !!(condition);					\
	int __save_errno = errno;					\
	if (__failed) {							\
		test__fail();						\
		fprintf(stdout, "%s:FAIL:%s ", __func__, tag);		\
		fprintf(stdout, ##format);				\
	}								\
	errno = __save_errno;						\
	__failed;							\
})

/* The older form, which upstream tests such as prog_tests/test_lsm.c use. */
#define CHECK_FAIL(condition) ({					\
	bool __failed = !!(condition);					\
	int __save_errno = errno;					\
	if (__failed) {							\
		test__fail();						\
		fprintf(stdout, "%s:FAIL:%d\n", __func__, __LINE__);	\
	}								\
	errno = __save_errno;						\
	__failed;							\
})

#define ASSERT_FAIL(fmt, args...) ({					\
	_CHECK(true, "", fmt "\n", ##args);				\
	false;								\
})

#define ASSERT_TRUE(actual, name) ({					\
	bool ___ok = (actual);						\
	_CHECK(!___ok, (name), "unexpected %s: got FALSE\n", (name));	\
	___ok;								\
})

#define ASSERT_FALSE(actual, name) ({					\
	bool ___ok = !(actual);						\
	_CHECK(!___ok, (name), "unexpected %s: got TRUE\n", (name));	\
	___ok;								\
})

#define __ASSERT_CMP(actual, expected, name, op, nop) ({		\
	typeof(actual) ___act = (actual);				\
	typeof(expected) ___exp = (expected);				\
	bool ___ok = ___act op ___exp;					\
	_CHECK(!___ok, (name),						\
	       "unexpected %s: actual %lld " #nop " expected %lld\n",	\
	       (name), (long long)(___act), (long long)(___exp));	\
	___ok;								\
})

#define ASSERT_EQ(actual, expected, name) __ASSERT_CMP(actual, expected, name, ==, !=)
#define ASSERT_NEQ(actual, expected, name) __ASSERT_CMP(actual, expected, name, !=, ==)
#define ASSERT_LT(actual, expected, name) __ASSERT_CMP(actual, expected, name, <, >=)
#define ASSERT_LE(actual, expected, name) __ASSERT_CMP(actual, expected, name, <=, >)
#define ASSERT_GT(actual, expected, name) __ASSERT_CMP(actual, expected, name, >, <=)
#define ASSERT_GE(actual, expected, name) __ASSERT_CMP(actual, expected, name, >=, <)

#define ASSERT_STREQ(actual, expected, name) ({				\
	const char *___act = actual;					\
	const char *___exp = expected;					\
	bool ___ok = strcmp(___act, ___exp) == 0;			\
	_CHECK(!___ok, (name),						\
	       "unexpected %s: actual '%s' != expected '%s'\n",		\
	       (name), ___act, ___exp);					\
	___ok;								\
})

#define ASSERT_HAS_SUBSTR(str, substr, name) ({				\
	const char *___str = str;					\
	const char *___substr = substr;					\
	bool ___ok = strstr(___str, ___substr) != NULL;			\
	_CHECK(!___ok, (name),						\
	       "unexpected %s: '%s' is not a substring of '%s'\n",	\
	       (name), ___substr, ___str);				\
	___ok;								\
})

#define ASSERT_OK(res, name) ({						\
	long long ___res = (res);					\
	bool ___ok = ___res == 0;					\
	_CHECK(!___ok, (name), "unexpected error: %lld (errno %d)\n",	\
	       ___res, errno);						\
	___ok;								\
})

#define ASSERT_ERR(res, name) ({					\
	long long ___res = (res);					\
	bool ___ok = ___res < 0;					\
	_CHECK(!___ok, (name), "unexpected success: %lld\n", ___res);	\
	___ok;								\
})

#define ASSERT_NULL(ptr, name) ({					\
	const void *___res = (ptr);					\
	bool ___ok = !___res;						\
	_CHECK(!___ok, (name), "unexpected pointer: %p\n", ___res);	\
	___ok;								\
})

#define ASSERT_OK_PTR(ptr, name) ({					\
	const void *___res = (ptr);					\
	int ___err = libbpf_get_error(___res);				\
	bool ___ok = ___err == 0;					\
	_CHECK(!___ok, (name), "unexpected error: %d\n", ___err);	\
	___ok;								\
})

#define ASSERT_ERR_PTR(ptr, name) ({					\
	const void *___res = (ptr);					\
	int ___err = libbpf_get_error(___res);				\
	bool ___ok = ___err != 0;					\
	_CHECK(!___ok, (name), "unexpected pointer: %p\n", ___res);	\
	___ok;								\
})

#define ASSERT_OK_FD(fd, name) ({					\
	int ___fd = (fd);						\
	bool ___ok = ___fd >= 0;					\
	_CHECK(!___ok, (name), "unexpected fd: %d (errno %d)\n",	\
	       ___fd, errno);						\
	___ok;								\
})

#define ASSERT_ERR_FD(fd, name) ({					\
	int ___fd = (fd);						\
	bool ___ok = ___fd < 0;						\
	_CHECK(!___ok, (name), "unexpected fd: %d\n", ___fd);		\
	___ok;								\
})

/* RUN_TESTS(): each program of the skeleton is a subtest; test_loader.c. */
typedef const void *(*skel_elf_bytes_fn)(size_t *sz);

void test_loader__run_subtests(const char *skel_name,
			       skel_elf_bytes_fn elf_bytes_factory);

#define RUN_TESTS(skel) \
	test_loader__run_subtests(#skel, skel##__elf_bytes)

#endif /* __TEST_PROGS_H */
