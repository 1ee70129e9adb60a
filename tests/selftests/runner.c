// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal test_progs: runs the tests that tests.h lists (generated from
 * the prog_tests sources the way the selftests' Makefile does) and prints
 * TAP: the plan "1..N" first, then "ok N - test/subtest" or "not ok N -
 * test/subtest" per subtest and "ok N - test" per test, which fails when
 * any of its subtests did.  What a test prints goes to stdout, captured
 * and shown as "# " comments after its result when it failed (always with
 * -v), as test_progs shows the log of a failed test.
 *
 * The plan comes from a first pass in a child process in which
 * test__start_subtest() only counts and returns false.
 *
 * Usage: lsm_audit_kfuncs [-v] [-t TEST[/SUBTEST]]
 *   -t runs the tests whose name contains TEST and, of those, the
 *      subtests whose name contains SUBTEST, as test_progs -t does.
 * Exits non-zero if any test failed or the plan was not met.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "test_progs.h"

#define DEFINE_TEST(name)						\
	extern void test_##name(void) __attribute__((weak));		\
	extern void serial_test_##name(void) __attribute__((weak));
#include "tests.h"
#undef DEFINE_TEST

static const struct test_def {
	const char *name;
	void (*run)(void);
	void (*run_serial)(void);
} tests[] = {
#define DEFINE_TEST(name) { #name, test_##name, serial_test_##name },
#include "tests.h"
#undef DEFINE_TEST
};

static struct {
	const char *want_test;		/* -t, before the slash */
	const char *want_subtest;	/* -t, after the slash */
	bool verbose;
	bool counting;			/* the plan's pass */
	int count;
	int num;			/* results printed */
	int subtests;			/* of them, subtests' */
	int failed;
	FILE *out;			/* the real stdout */
	char *log;			/* being captured */
	size_t log_len;
	char *test_log;			/* the test's own, not its subtests' */
	const struct test_def *test;
	int test_errors;
	bool test_skipped;
	bool subtest_failed;
	char *subtest;			/* the running subtest, or NULL */
	int subtest_errors;
	bool subtest_skipped;
} env;

static bool contains(const char *name, const char *want)
{
	return !want || strstr(name, want);
}

/* Starts capturing what the test prints. */
static void capture_start(void)
{
	fflush(stdout);
	stdout = open_memstream(&env.log, &env.log_len);
	if (!stdout) {
		stdout = env.out;
		env.log = NULL;
	}
}

/* Stops capturing; returns what was printed (to free), or NULL. */
static char *capture_take(void)
{
	char *log;

	if (stdout == env.out)
		return NULL;
	fclose(stdout);
	stdout = env.out;
	log = env.log;
	env.log = NULL;
	env.log_len = 0;
	return log;
}

/* Appends @more to the test's own log, and frees it. */
static void test_log_add(char *more)
{
	char *log;

	if (!more)
		return;
	if (!env.test_log) {
		env.test_log = more;
		return;
	}
	if (asprintf(&log, "%s%s", env.test_log, more) >= 0) {
		free(env.test_log);
		env.test_log = log;
	}
	free(more);
}

/* Prints @log as TAP comments, one per line. */
static void show_log(const char *log)
{
	const char *line, *next;

	for (line = log; line && *line; line = next) {
		next = strchrnul(line, '\n');
		fprintf(env.out, "# %.*s\n", (int)(next - line), line);
		if (*next)
			next++;
	}
}

/* One TAP line, then the log if the result is a failure or a skip (or -v). */
static void result(bool failed, bool skipped, const char *log,
		   const char *fmt, ...)
{
	va_list ap;

	env.num++;
	if (failed)
		env.failed++;
	fprintf(env.out, "%sok %d - ", failed ? "not " : "", env.num);
	va_start(ap, fmt);
	vfprintf(env.out, fmt, ap);
	va_end(ap);
	fprintf(env.out, "%s\n", skipped && !failed ? " # SKIP" : "");
	if (failed || skipped || env.verbose)
		show_log(log);
	fflush(env.out);
}

void test__fail(void)
{
	if (env.subtest)
		env.subtest_errors++;
	else
		env.test_errors++;
}

void test__skip(void)
{
	if (env.subtest)
		env.subtest_skipped = true;
	else
		env.test_skipped = true;
}

void test__end_subtest(void)
{
	char *log;

	if (!env.subtest)
		return;
	log = capture_take();
	result(env.subtest_errors, env.subtest_skipped, log, "%s/%s",
	       env.test->name, env.subtest);
	env.subtests++;
	free(log);
	if (env.subtest_errors)
		env.subtest_failed = true;
	free(env.subtest);
	env.subtest = NULL;
	capture_start();
}

bool test__start_subtest(const char *name)
{
	test__end_subtest();
	if (!contains(name, env.want_subtest))
		return false;
	if (env.counting) {
		env.count++;
		return false;
	}
	env.subtest = strdup(name);
	if (!env.subtest) {
		test__fail();
		return false;
	}
	env.subtest_errors = 0;
	env.subtest_skipped = false;
	/* What the test printed so far is the test's own log. */
	test_log_add(capture_take());
	capture_start();
	return true;
}

/*
 * The page of the caller's own stack frame, made read-write again: the
 * file_mprotect() hook sees the main thread's stack VMA.  Weak: 6.12's
 * prog_tests/test_lsm.c still has one of its own.
 */
__attribute__((weak)) int stack_mprotect(void)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile char here = 0;

	if (page < 0)
		return -1;
	return mprotect((void *)((unsigned long)&here & ~(page - 1)), page,
			PROT_READ | PROT_WRITE);
}

static void crash_handler(int signum)
{
	fflush(stdout);
	fprintf(env.out, "not ok %d - %s%s%s # crashed with signal %d\n",
		env.num + 1, env.test ? env.test->name : "?",
		env.subtest ? "/" : "", env.subtest ?: "", signum);
	show_log(env.test_log);
	if (stdout != env.out)
		show_log(env.log);
	fflush(env.out);
	_exit(1);
}

/* libbpf's warnings are part of a test's log, as in test_progs. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list args)
{
	if (level == LIBBPF_DEBUG && !env.verbose)
		return 0;
	return vfprintf(stdout, fmt, args);
}

static void run_test(const struct test_def *test)
{
	env.test = test;
	env.test_errors = 0;
	env.test_skipped = false;
	env.subtest_failed = false;
	if (!env.counting)
		capture_start();
	if (test->run_serial)
		test->run_serial();
	else
		test->run();
	if (env.counting) {
		env.count++;
		return;
	}
	test__end_subtest();
	test_log_add(capture_take());
	result(env.test_errors || env.subtest_failed, env.test_skipped,
	       env.test_log, "%s", test->name);
	free(env.test_log);
	env.test_log = NULL;
	env.test = NULL;
}

static void run_tests(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		if (contains(tests[i].name, env.want_test))
			run_test(&tests[i]);
	}
}

/* The number of results, from a pass in which nothing runs but setup. */
static int count_results(void)
{
	int pipefd[2], status, count = -1;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		close(pipefd[0]);
		if (!freopen("/dev/null", "w", stdout) ||
		    !freopen("/dev/null", "w", stderr))
			_exit(1);
		env.counting = true;
		run_tests();
		if (write(pipefd[1], &env.count, sizeof(env.count)) !=
		    sizeof(env.count))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &count, sizeof(count)) != sizeof(count))
		count = -1;
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		count = -1;
	return count;
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-v] [-t TEST[/SUBTEST]]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	int opt, plan;
	char *slash;

	while ((opt = getopt(argc, argv, "vt:")) != -1) {
		switch (opt) {
		case 'v':
			env.verbose = true;
			break;
		case 't':
			env.want_test = optarg;
			slash = strchr(optarg, '/');
			if (slash) {
				*slash = '\0';
				env.want_subtest = slash + 1;
			}
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind != argc)
		usage(argv[0]);

	env.out = stdout;
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);

	plan = count_results();
	if (plan >= 0)
		fprintf(env.out, "1..%d\n", plan);
	else
		fprintf(env.out, "# counting the tests failed; plan at the end\n");
	fflush(env.out);

	signal(SIGSEGV, crash_handler);
	signal(SIGBUS, crash_handler);
	signal(SIGABRT, crash_handler);
	signal(SIGFPE, crash_handler);
	signal(SIGILL, crash_handler);
	run_tests();

	if (plan < 0) {
		fprintf(env.out, "1..%d\n", env.num);
	} else if (plan != env.num) {
		fprintf(env.out, "# planned %d results, printed %d\n", plan,
			env.num);
		return 1;
	}
	/* A selection that runs nothing is no pass. */
	if (env.want_test && (!env.num || (env.want_subtest && !env.subtests))) {
		fprintf(env.out, "# -t %s%s%s selected no %s\n", env.want_test,
			env.want_subtest ? "/" : "",
			env.want_subtest ? env.want_subtest : "",
			env.num ? "subtest" : "test");
		return 2;
	}
	return env.failed ? 1 : 0;
}
