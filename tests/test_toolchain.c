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

/* The heap the test grows: a whole page-aligned page fits in it. */
#define HEAP_PAGES 3

static long page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

static void test_heap_exec_denied(void)
{
	void *brk0 = sbrk(0), *heap = NULL, *anon = MAP_FAILED;
	struct heap_exec *skel = NULL;
	char *grown;

	/* A page-aligned page inside the brk heap, given back at cleanup. */
	grown = sbrk(HEAP_PAGES * page_size());
	if (!ASSERT_TRUE(grown != (void *)-1, "sbrk"))
		return;
	heap = (void *)(((uintptr_t)grown + page_size()) & ~(page_size() - 1));
	anon = mmap(NULL, page_size(), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!ASSERT_TRUE(anon != MAP_FAILED, "mmap"))
		goto cleanup;

	skel = heap_exec__open_and_load();
	if (!ASSERT_OK_PTR(skel, "load heap_exec"))
		goto cleanup;
	skel->bss->target_tgid = getpid();
	if (!ASSERT_OK(heap_exec__attach(skel), "attach heap_exec"))
		goto cleanup;

	/* Executable heap: denied with EPERM by the program. */
	if (!ASSERT_ERRNO(mprotect(heap, page_size(), PROT_READ | PROT_EXEC),
			  EPERM, "mprotect(heap, PROT_EXEC)"))
		goto cleanup;
	/* Writable heap, executable anonymous mapping: allowed. */
	if (!ASSERT_OK(mprotect(heap, page_size(), PROT_READ), "mprotect(heap, PROT_READ)") ||
	    !ASSERT_OK(mprotect(anon, page_size(), PROT_READ | PROT_EXEC),
		       "mprotect(anon, PROT_EXEC)"))
		goto cleanup;
	if (!ASSERT_EQ(skel->bss->denied, 1, "denials counted by the program"))
		goto cleanup;

	/* Detached, the same call succeeds again. */
	heap_exec__detach(skel);
	ASSERT_OK(mprotect(heap, page_size(), PROT_READ | PROT_EXEC),
		  "mprotect(heap, PROT_EXEC) after detach");
cleanup:
	heap_exec__destroy(skel);
	if (anon != MAP_FAILED)
		munmap(anon, page_size());
	if (grown != (void *)-1)
		ASSERT_OK(brk(brk0), "brk: give the heap back");
}

static const struct test tests[] = {
	TEST(test_heap_exec_denied),
};

int main(int argc, char **argv)
{
	return run_tests("toolchain", tests, ARRAY_SIZE(tests), argc, argv);
}
