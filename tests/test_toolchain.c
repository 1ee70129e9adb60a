// SPDX-License-Identifier: GPL-2.0-only
/*
 * Proves the BPF build path end to end, before any kfunc: a BPF LSM
 * program built by the project's toolchain loads, attaches and denies
 * what it should, and nothing else.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap_exec.skel.h"
#include "test.h"

static long page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

/* A page-aligned page inside the brk heap. */
static void *heap_page(void)
{
	char *p = sbrk(3 * page_size());

	if (p == (void *)-1)
		return NULL;
	return (void *)(((uintptr_t)p + page_size()) & ~(page_size() - 1));
}

static int test_heap_exec_denied(void)
{
	struct heap_exec *skel;
	void *heap, *anon;
	int err = -1;

	heap = heap_page();
	if (!heap)
		return fail("sbrk: %s", strerror(errno));
	anon = mmap(NULL, page_size(), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));

	skel = heap_exec__open_and_load();
	if (!skel) {
		err = fail("load: %s", strerror(errno));
		goto out_unmap;
	}
	skel->bss->target_tgid = getpid();
	if (heap_exec__attach(skel)) {
		err = fail("attach: %s", strerror(errno));
		goto out_destroy;
	}

	/* Executable heap: denied with EPERM by the program. */
	if (mprotect(heap, page_size(), PROT_READ | PROT_EXEC) != -1 ||
	    errno != EPERM) {
		err = fail("mprotect(heap, PROT_EXEC) was not denied with EPERM");
		goto out_destroy;
	}
	/* Writable heap, executable anonymous mapping: allowed. */
	if (mprotect(heap, page_size(), PROT_READ)) {
		err = fail("mprotect(heap, PROT_READ): %s", strerror(errno));
		goto out_destroy;
	}
	if (mprotect(anon, page_size(), PROT_READ | PROT_EXEC)) {
		err = fail("mprotect(anon, PROT_EXEC): %s", strerror(errno));
		goto out_destroy;
	}
	if (skel->bss->denied != 1) {
		err = fail("program counted %d denials, expected 1",
			   skel->bss->denied);
		goto out_destroy;
	}

	/* Detached, the same call succeeds again. */
	heap_exec__detach(skel);
	if (mprotect(heap, page_size(), PROT_READ | PROT_EXEC)) {
		err = fail("mprotect after detach: %s", strerror(errno));
		goto out_destroy;
	}
	err = 0;
out_destroy:
	heap_exec__destroy(skel);
out_unmap:
	munmap(anon, page_size());
	return err;
}

static const struct test tests[] = {
	TEST(test_heap_exec_denied),
};

int main(int argc, char **argv)
{
	return run_tests("toolchain", tests, sizeof(tests) / sizeof(tests[0]),
			 argc, argv);
}
