/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tests/test_hostile.c and its programs (tests/bpf/hostile.bpf.c)
 * share: the hooks a case runs on, what the program does with the case's
 * input, and the causes, by number, since a cause must be a constant
 * string of the program.  Included by the BPF program and by the test.
 */
#ifndef BLA_HOSTILE_H
#define BLA_HOSTILE_H

/* The hook, and its program, that a case runs on. */
enum hostile_trigger {
	ON_GETPGID,		/* task_getpgid: hostile_pgid */
	ON_CONNECT,		/* socket_connect: hostile_connect */
	ON_ACCEPT,		/* socket_accept: hostile_accept */
	ON_LOAD,		/* none: the case's program must fail to load */
	ON_COUNT,
};

/* The one kfunc call that a case makes with its hostile input. */
enum hostile_call {
	CALL_CAUSE,		/* bpf_audit_log_cause(ac, cause number arg) */
	CALL_CAP,		/* bpf_audit_log_cap(ac, arg) */
	CALL_DECISION,		/* bpf_audit_log_decision(ac, arg) */
	CALL_SOCKADDR,		/* bpf_audit_log_net_sockaddr(ac, arg, ..., addrlen) */
	CALL_NET_SOCK,		/* bpf_audit_log_net_sock(ac, arg, the hook's socket) */
	CALL_NET_SOCK_NEW,	/* bpf_audit_log_net_sock(ac, arg, accept()'s new socket) */
};

/* Which addresses bpf_audit_log_net_sockaddr() is given: the hook's or NULL. */
enum hostile_side {
	SIDE_DST,
	SIDE_SRC,
	SIDE_BOTH,
	SIDE_NONE,
};

/*
 * The causes: a number and its constant string.  Those too long for a
 * literal are the program's global arrays, after these.
 */
#define HOSTILE_CAUSES(X)						\
	X(CAUSE_PLAIN, "plain-cause_1.0")				\
	X(CAUSE_EMPTY, "")						\
	X(CAUSE_SPACE, "two words")					\
	X(CAUSE_LEADING_SPACE, " lead")					\
	X(CAUSE_TRAILING_SPACE, "trail ")				\
	X(CAUSE_QUOTE, "x\" forged=\"1")				\
	X(CAUSE_ONLY_QUOTE, "\"")					\
	X(CAUSE_SINGLE_QUOTE, "it's")					\
	X(CAUSE_BACKSLASH, "a\\b")					\
	X(CAUSE_EQUALS, "a=b")						\
	X(CAUSE_FORGED_FIELD, "x lsm-hook=capable decision=allowed")	\
	X(CAUSE_NEWLINE, "line\nbreak")					\
	X(CAUSE_TAB, "tab\there")					\
	X(CAUSE_ESCAPE_SEQ, "\x1b[31mred")				\
	X(CAUSE_DEL, "del\x7f")						\
	X(CAUSE_CTRL_A, "\x01")						\
	X(CAUSE_HIGH_BYTES, "caf\xc3\xa9")				\
	X(CAUSE_BYTE_FF, "\xff")					\
	X(CAUSE_PUNCTUATION, "!#$%&'()*+,-./:;<=>?@[]^_`{|}~")

#define HOSTILE_CAUSE_ENUM(id, str) id,
enum hostile_cause {
	HOSTILE_CAUSES(HOSTILE_CAUSE_ENUM)
	CAUSE_256,		/* 256 x 'a': the longest cause */
	CAUSE_257,		/* 257 x 'a': one byte too long */
	CAUSE_256_SPACES,	/* 256 spaces: the longest, in hexadecimal */
	CAUSE_257_SPACES,	/* 257 spaces */
	CAUSE_COUNT,
};
#undef HOSTILE_CAUSE_ENUM

/* The longest cause bpf_audit_log_cause() takes (BPF_AUDIT_CAUSE_MAX). */
#define HOSTILE_CAUSE_MAX 256

/* What a case's program reports: the call's result, and its start. */
struct hostile_result {
	int runs;		/* times the program ran for the test */
	int rc;			/* what the hostile call returned */
	int start_null;		/* bpf_audit_log_start() returned NULL */
};

#endif
