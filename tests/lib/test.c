// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner of test.h: options, the TAP plan, one result line per test,
 * and the exit status; and what test_progs.h's ASSERT_*() call.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

/* Exit status for a command line the runner cannot carry out. */
#define EXIT_USAGE 2

/* Whether the running test has failed so far. */
static bool test_failed;
/* Why the running test was skipped, or empty. */
static char skip_reason[256];
/* Where the TAP goes: the real stdout (stdout is the comments' stream). */
static FILE *tap;
/* Whether the comments' stream is at the start of a line. */
static bool line_start = true;

/* test_progs.h's ASSERT_*() call it when a check fails. */
void test__fail(void)
{
	test_failed = true;
}

void test__skip(void)
{
	test_skip("skipped");
}

/*
 * What the tests print on stdout, through a stream of test.c's own:
 * each line a TAP comment, "# " put before one that does not start with
 * "#" (test_progs.h's "FUNCTION:FAIL:name ..."), written through to the
 * real stdout at each newline, so that a crash loses no finished line.
 */
static ssize_t comment_write(void *cookie, const char *buf, size_t size)
{
	FILE *out = cookie;
	size_t i;

	/* After what the test wrote to stderr, were it buffered. */
	fflush(stderr);
	for (i = 0; i < size; i++) {
		if (line_start && buf[i] != '#')
			fputs("# ", out);
		line_start = buf[i] == '\n';
		putc(buf[i], out);
	}
	fflush(out);
	return size;
}

/* The comments' stream as stdout, or NULL if it cannot be made. */
static FILE *comments_open(FILE *out)
{
	static const cookie_io_functions_t io = { .write = comment_write };
	FILE *f = fopencookie(out, "w", io);

	if (f)
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

void test_skip(const char *fmt, ...)
{
	va_list ap;
	char *nl;

	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
	/* A TAP directive ends at the end of its line. */
	nl = strchr(skip_reason, '\n');
	if (nl)
		*nl = '\0';
	if (!skip_reason[0])
		snprintf(skip_reason, sizeof(skip_reason), "skipped");
}

/*
 * Back to the real stdout, after what the running test printed, on a
 * line of its own.
 */
static void comments_close(void)
{
	fflush(stdout);
	if (!tap)
		return;
	stdout = tap;
	if (!line_start)
		putc('\n', stdout);
	line_start = true;
}

void test_bail(const char *fmt, ...)
{
	va_list ap;

	fflush(stderr);
	comments_close();
	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(EXIT_FAILURE);
}

/* splitmix64: the same order for the same seed, whatever the libc. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* "random" or empty: a new seed; otherwise the number given. */
static int parse_seed(const char *arg, uint64_t *seed)
{
	char *end;

	if (!arg || !*arg || !strcmp(arg, "random")) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		*seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
			(uint64_t)getpid();
		/* Short enough to type back in. */
		*seed %= 1000000;
		return 0;
	}
	errno = 0;
	*seed = strtoull(arg, &end, 0);
	return errno || *end ? -1 : 0;
}

/* NAME selects the test "NAME", or "test_NAME". */
static bool name_matches(const char *test, const char *name)
{
	return !strcmp(test, name) ||
	       (!strncmp(test, "test_", 5) && !strcmp(test + 5, name));
}

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
		"usage: %s [-t NAME]... [-s|--shuffle[=SEED]] [-l|--list]\n"
		"  -t NAME          run only this test (repeatable)\n"
		"  -s, --shuffle    run the tests in a random order\n"
		"  --shuffle=SEED   run them in the order of this seed\n"
		"  -l, --list       list the tests\n"
		"BLA_TEST_SHUFFLE=SEED|random in the environment shuffles too.\n",
		prog);
}

int run_tests(const char *suite, const struct test *tests, int count,
	      int argc, char **argv)
{
	static const struct option options[] = {
		{ "shuffle", optional_argument, NULL, 's' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *shuffle = getenv("BLA_TEST_SHUFFLE");
	const char **names = calloc(argc, sizeof(*names));
	int *order = calloc(count, sizeof(*order));
	int n_names = 0, planned = 0, passed = 0, failed = 0, skipped = 0;
	int i, j, opt;
	bool *used = calloc(argc, sizeof(*used));
	uint64_t seed = 0;
	FILE *comments;

	/* Line by line: a crash must not swallow results already made. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap = stdout;
	comments = comments_open(tap);
	if (!names || !order || !used || !comments) {
		fprintf(stderr, "%s: out of memory\n", suite);
		return EXIT_FAILURE;
	}
	if (shuffle && !*shuffle)
		shuffle = NULL;
	while ((opt = getopt_long(argc, argv, "t:sl", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			names[n_names++] = optarg;
			break;
		case 's':
			shuffle = optarg ? optarg : "random";
			break;
		case 'l':
			for (i = 0; i < count; i++)
				printf("%s\n", tests[i].name);
			return EXIT_SUCCESS;
		case 'h':
			usage(stdout, argv[0]);
			return EXIT_SUCCESS;
		default:
			usage(stderr, argv[0]);
			return EXIT_USAGE;
		}
	}
	for (; optind < argc; optind++)
		names[n_names++] = argv[optind];

	for (i = 0; i < count; i++) {
		bool selected = !n_names;

		for (j = 0; j < n_names; j++) {
			if (name_matches(tests[i].name, names[j])) {
				selected = true;
				used[j] = true;
			}
		}
		if (selected)
			order[planned++] = i;
	}
	/* A name that selects nothing is a mistake, not an empty pass. */
	for (j = 0; j < n_names; j++) {
		if (!used[j]) {
			fprintf(stderr, "%s: no test named %s (-l lists them)\n",
				suite, names[j]);
			return EXIT_USAGE;
		}
	}
	if (shuffle) {
		uint64_t state;

		if (parse_seed(shuffle, &seed)) {
			fprintf(stderr, "%s: bad shuffle seed '%s'\n", suite,
				shuffle);
			return EXIT_USAGE;
		}
		state = seed;
		/* Fisher-Yates. */
		for (i = planned - 1; i > 0; i--) {
			int k = next_random(&state) % (i + 1), t = order[i];

			order[i] = order[k];
			order[k] = t;
		}
	}

	printf("1..%d\n", planned);
	if (shuffle)
		printf("# %s: shuffled with seed %llu (repeat with --shuffle=%llu)\n",
		       suite, (unsigned long long)seed, (unsigned long long)seed);
	for (i = 0; i < planned; i++) {
		const struct test *t = &tests[order[i]];

		test_failed = false;
		skip_reason[0] = '\0';
		fflush(stdout);
		stdout = comments;
		t->run();
		fflush(stderr);
		comments_close();
		if (test_failed) {
			failed++;
			printf("not ok %d - %s: %s\n", i + 1, suite, t->name);
		} else if (skip_reason[0]) {
			skipped++;
			printf("ok %d - %s: %s # SKIP %s\n", i + 1, suite,
			       t->name, skip_reason);
		} else {
			passed++;
			printf("ok %d - %s: %s\n", i + 1, suite, t->name);
		}
		fflush(stdout);
	}
	if (skipped)
		printf("# %s: %d passed, %d skipped, %d failed\n", suite, passed,
		       skipped, failed);
	else
		printf("# %s: %d passed, %d failed\n", suite, passed, failed);
	free(names);
	free(order);
	free(used);
	fclose(comments);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
