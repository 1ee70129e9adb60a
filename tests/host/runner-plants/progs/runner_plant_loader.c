// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planted programs for RUN_TESTS() of the selftests' runner
 * (tests/selftests/test_loader.c), built by tests/host/harness.sh as the
 * Makefile builds a tree's progs/lsm_audit_kfuncs_fail.c, once with the
 * 7.3 tree's bpf_misc.h and once with the 6.12 tree's (they word their
 * test tags differently).  Socket filters, which any kernel with BPF
 * loads.  Two are tagged as the verifier treats them and must pass; three
 * are not, and must each fail.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

char _license[] SEC("license") = "GPL";

/* The verifier accepts it, as tagged. */
SEC("socket")
__success
int accepted(struct __sk_buff *skb)
{
	return 0;
}

/* The verifier refuses it, as tagged, with the message given: R0 is read
 * at exit but never written.
 */
SEC("socket")
__failure __msg("R0 !read_ok")
__naked void refused(void)
{
	asm volatile ("exit;" ::: __clobber_all);
}

/* Refused, but not with this message: must fail. */
SEC("socket")
__failure __msg("some message that will not appear")
__naked void refused_other_msg(void)
{
	asm volatile ("exit;" ::: __clobber_all);
}

/* Refused, but tagged to load: must fail. */
SEC("socket")
__success
__naked void refused_tagged_success(void)
{
	asm volatile ("exit;" ::: __clobber_all);
}

/* Accepted, but tagged to be refused: must fail. */
SEC("socket")
__failure
int accepted_tagged_failure(struct __sk_buff *skb)
{
	return 0;
}
