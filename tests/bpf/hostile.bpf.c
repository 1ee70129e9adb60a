// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs of the hostile input table (tests/test_hostile.c).  Each acts on
 * the test's own calls of its hook, when the case under test runs there:
 * it opens a record, makes the case's one kfunc call with the case's input,
 * stores what the call returned, states its decision and ends the record.
 * A call that fails must leave the record as it was.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "bpf_lsm_audit.h"
#include "hostile.h"

/* Constants of the uapi headers, which vmlinux.h lacks. */
#define EPERM 1
#define ENOENT 2
#define ENOPROTOOPT 92
#define MAP_ANONYMOUS 0x20

char LICENSE[] SEC("license") = "GPL";

/* The case, set by the test. */
int target_tgid;
int trigger = -1;
int call;
int arg;
int side;
int addrlen;

/* What the program saw, read by the test. */
struct hostile_result result;

/* Causes too long for a literal; read-only, as the verifier requires. */
const char cause_256[HOSTILE_CAUSE_MAX + 1] = {
	[0 ... HOSTILE_CAUSE_MAX - 1] = 'a'
};
const char cause_257[HOSTILE_CAUSE_MAX + 2] = {
	[0 ... HOSTILE_CAUSE_MAX] = 'a'
};
const char cause_256_spaces[HOSTILE_CAUSE_MAX + 1] = {
	[0 ... HOSTILE_CAUSE_MAX - 1] = ' '
};
const char cause_257_spaces[HOSTILE_CAUSE_MAX + 2] = {
	[0 ... HOSTILE_CAUSE_MAX] = ' '
};

static bool acts_on(enum hostile_trigger hook)
{
	return trigger == hook &&
	       (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

static __always_inline struct bpf_audit_context *open_record(void)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	result.runs++;
	if (!ac)
		result.start_null++;
	return ac;
}

#define HOSTILE_CAUSE_CASE(id, str)					\
	case id:							\
		return bpf_audit_log_cause(ac, str);

static __always_inline int log_cause(struct bpf_audit_context *ac, int which)
{
	switch (which) {
	HOSTILE_CAUSES(HOSTILE_CAUSE_CASE)
	case CAUSE_256:
		return bpf_audit_log_cause(ac, cause_256);
	case CAUSE_257:
		return bpf_audit_log_cause(ac, cause_257);
	case CAUSE_256_SPACES:
		return bpf_audit_log_cause(ac, cause_256_spaces);
	case CAUSE_257_SPACES:
		return bpf_audit_log_cause(ac, cause_257_spaces);
	}
	/* A cause number the program does not have: the test's mistake. */
	return -ENOENT;
}

/*
 * Ends the record with the program's decision, unless the case's call was
 * the decision itself.
 */
static __always_inline int end_record(struct bpf_audit_context *ac, int ret)
{
	if (call != CALL_DECISION)
		bpf_audit_log_decision(ac, ret);
	bpf_audit_log_end(ac);
	return ret;
}

/* Causes, capabilities and decisions: getpgid() of the test, denied. */
SEC("lsm/task_getpgid")
int BPF_PROG(hostile_pgid, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!acts_on(ON_GETPGID))
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	switch (call) {
	case CALL_CAUSE:
		result.rc = log_cause(ac, arg);
		break;
	case CALL_CAP:
		result.rc = bpf_audit_log_cap(ac, arg);
		break;
	case CALL_DECISION:
		result.rc = bpf_audit_log_decision(ac, arg);
		break;
	default:
		result.rc = -ENOENT;
	}
	return end_record(ac, -EPERM);
}

/*
 * Addresses: connect() of the test, denied.  The address is the hook's,
 * copied to the stack; the length and the interface are the case's.
 */
SEC("lsm/socket_connect")
int BPF_PROG(hostile_connect, struct socket *sock, struct sockaddr *address,
	     int hook_addrlen)
{
	struct bpf_audit_context *ac;
	struct sockaddr_in6 copy;

	if (!acts_on(ON_CONNECT))
		return 0;
	/* The kfunc takes the program's memory, never the hook's. */
	bpf_probe_read_kernel(&copy, sizeof(copy), address);
	ac = open_record();
	if (!ac)
		return -EPERM;
	switch (side) {
	case SIDE_DST:
		result.rc = bpf_audit_log_net_sockaddr(ac, arg, NULL, &copy,
						       addrlen);
		break;
	case SIDE_SRC:
		result.rc = bpf_audit_log_net_sockaddr(ac, arg, &copy, NULL,
						       addrlen);
		break;
	case SIDE_BOTH:
		result.rc = bpf_audit_log_net_sockaddr(ac, arg, &copy, &copy,
						       addrlen);
		break;
	default:
		result.rc = bpf_audit_log_net_sockaddr(ac, arg, NULL, NULL,
						       addrlen);
	}
	return end_record(ac, -EPERM);
}

/* accept(): the listening socket, or the new one, which has no sock yet. */
SEC("lsm/socket_accept")
int BPF_PROG(hostile_accept, struct socket *sock, struct socket *newsock)
{
	struct bpf_audit_context *ac;

	if (!acts_on(ON_ACCEPT))
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	if (call == CALL_NET_SOCK_NEW)
		result.rc = bpf_audit_log_net_sock(ac, arg, newsock);
	else
		result.rc = bpf_audit_log_net_sock(ac, arg, sock);
	return end_record(ac, -EPERM);
}

/*
 * Programs the verifier must refuse, each loaded on its own by the test:
 * what a program could try to pass that is not what the kfuncs take.
 */

/* A cause in writable data: the program could change it. */
char writable_cause[8] = "mutable";

SEC("?lsm/file_open")
int BPF_PROG(load_cause_writable, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_cause(ac, writable_cause);
	bpf_audit_log_end(ac);
	return 0;
}

/* A pointer read raw from memory is a number, not an object. */
SEC("?lsm/file_open")
int BPF_PROG(load_dentry_raw_read, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();
	struct dentry *dentry = BPF_CORE_READ(file, f_path.dentry);

	if (!ac)
		return 0;
	bpf_audit_log_dentry(ac, dentry);
	bpf_audit_log_end(ac);
	return 0;
}
