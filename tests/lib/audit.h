/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tests' audit client.  A struct bla_audit holds a NETLINK_AUDIT
 * socket for requests, and optionally an audit daemon of the test's own: a
 * child process registered as the audit pid that forwards every record,
 * in order, to the test, which reads them with bla_audit_recv().
 *
 * Every request goes through one path, with its own sequence number, and
 * waits for the kernel's acknowledgement; every AUDIT_SET is then read
 * back with AUDIT_GET.  bla_audit_close() undoes what the client did: it
 * unregisters the daemon, deletes the rules it added and puts back every
 * setting it changed, so that a test leaves the audit subsystem as it found
 * it.
 *
 * The names are the project's own: libaudit's audit_open(),
 * audit_set_enabled(), ... are other functions.
 */
#ifndef BLA_AUDIT_H
#define BLA_AUDIT_H

#include <stdbool.h>
#include <sys/types.h>
#include <linux/audit.h>

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif

/* What userspace can receive in one record (MAX_AUDIT_MESSAGE_LENGTH). */
#define BLA_AUDIT_BODY_MAX 8970

/* How long the kernel may take to answer a request. */
#define BLA_AUDIT_REPLY_TIMEOUT_MS 5000

/*
 * How long bla_audit_start_daemon() reads records made before the daemon
 * was registered (kauditd's hold and retry queues): until none came for
 * this long.
 */
#define BLA_AUDIT_SETTLE_MS 300

struct bla_audit_record {
	int type;
	unsigned long long serial;
	char body[BLA_AUDIT_BODY_MAX + 1];	/* text after "audit(...): " */
};

/* Exclude rules one client may add, and the longest string value. */
#define BLA_AUDIT_MAX_RULES 4
#define BLA_AUDIT_RULE_STR_MAX 64

struct bla_audit {
	int ctl;		/* requests and their answers, never records */
	__u32 seq;		/* sequence number of the last request */
	int records;		/* records the daemon forwards, or -1 */
	pid_t daemon;		/* the daemon, or 0 */
	struct audit_status saved;	/* the settings bla_audit_open() found */
	__u32 changed;		/* AUDIT_STATUS_* settings changed since */
	int rules;		/* exclude rules added, in rule[] */
	struct {
		__u32 field, op, value;
		char str[BLA_AUDIT_RULE_STR_MAX];	/* "" for a number */
	} rule[BLA_AUDIT_MAX_RULES];
};

/* A client not opened yet, which bla_audit_close() leaves alone. */
#define BLA_AUDIT_INIT { .ctl = -1, .records = -1, .rules = 0 }

/* Opens the request socket and saves the settings.  0 or -errno. */
int bla_audit_open(struct bla_audit *a);

/*
 * Undoes everything the client did and closes it.  Returns 0, or the first
 * -errno of the steps (each is still tried).  Does nothing to a client that
 * is BLA_AUDIT_INIT, failed to open or is closed already.
 */
int bla_audit_close(struct bla_audit *a);

/*
 * Enables auditing and registers a daemon of our own (there must be no
 * other live one); then discards the records the kernel held for a daemon
 * until none has come for BLA_AUDIT_SETTLE_MS.  0 or -errno.
 */
int bla_audit_start_daemon(struct bla_audit *a);

/*
 * What most tests start with: opens the client, keeps only records of
 * type (bla_audit_keep_only()) and starts the daemon.  0 or the first
 * step's -errno, with the step named on stderr.
 */
int bla_audit_listen(struct bla_audit *a, int type);

/*
 * Unregisters the daemon and waits for it to exit: afterwards the kernel
 * has no audit daemon and prints records to its log.  0 or -errno.
 */
int bla_audit_stop_daemon(struct bla_audit *a);

int bla_audit_get_status(struct bla_audit *a, struct audit_status *status);

/*
 * The kernel's count of lost records, or -1 after failing the running test
 * (an ASSERT_*() of test_progs.h) when the status cannot be read.
 */
long bla_audit_lost(struct bla_audit *a);

/*
 * AUDIT_SET of the fields in mask (AUDIT_STATUS_ENABLED, _FAILURE,
 * _RATE_LIMIT, _BACKLOG_LIMIT, _BACKLOG_WAIT_TIME), acknowledged, then
 * read back: -EIO if the kernel did not take the value.  Close puts the
 * saved value back.
 */
int bla_audit_set(struct bla_audit *a, __u32 mask,
		  const struct audit_status *status);
int bla_audit_set_enabled(struct bla_audit *a, __u32 enabled);
int bla_audit_set_backlog_limit(struct bla_audit *a, __u32 limit);

/*
 * Adds the rule "exclude every record type but type", so that only the
 * records under test reach the backlog: others (SYSCALL at every audited
 * syscall's exit) would compete for it and make the lost count ambiguous.
 * Close deletes the rule.
 */
int bla_audit_keep_only(struct bla_audit *a, int type);

/* Adds the rule "exclude the records of process pid".  Close deletes it. */
int bla_audit_exclude_pid(struct bla_audit *a, pid_t pid);

/*
 * Adds the rule "exclude records whose string field compares by op
 * (AUDIT_EQUAL or AUDIT_NOT_EQUAL) with value", for the fields whose value
 * is a string, such as the LSM field AUDIT_SUBJ_ROLE: the kernel asks the
 * LSMs to parse it, and -EINVAL means none did.  Close deletes it.
 */
int bla_audit_exclude_str(struct bla_audit *a, __u32 field, __u32 op,
			  const char *value);

/*
 * The next record of any type within timeout_ms: 0, -ETIMEDOUT when none
 * came, or -errno.  Needs the daemon.
 */
int bla_audit_recv(struct bla_audit *a, struct bla_audit_record *rec,
		   int timeout_ms);
/* Like bla_audit_recv(), skipping records of other types. */
int bla_audit_next(struct bla_audit *a, int type,
		   struct bla_audit_record *rec, int timeout_ms);
/* Discards records until none has come for idle_ms; returns how many. */
int bla_audit_drain(struct bla_audit *a, int idle_ms);

#endif
