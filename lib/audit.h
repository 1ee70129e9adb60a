/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The project's audit client, which the tests and the benchmark share.  A
 * struct bla_audit holds a NETLINK_AUDIT socket for requests, and
 * optionally an audit daemon: either a child process registered as the
 * audit pid that forwards every record, in order, to the caller, which
 * reads them with bla_audit_recv() (what the tests use), or the calling
 * process itself, registered on the client's own socket, which reads the
 * records there with bla_audit_recv_raw() (the benchmark's reader).
 *
 * Every request goes through one path, with its own sequence number, and
 * waits for the kernel's acknowledgement; every AUDIT_SET is then read
 * back with AUDIT_GET.  bla_audit_close() undoes what the client did: it
 * unregisters the daemon, deletes the rules it added and puts back every
 * setting it changed, so that a test or a benchmark leaves the audit
 * subsystem as it found it.
 *
 * The client makes no assertion: a function returns 0, a value or -errno,
 * and the caller decides what is a failure (a test with its ASSERT_*()).
 * What it prints is a diagnostic on stderr, as a TAP comment ("#   ...").
 *
 * The names are the project's own: libaudit's audit_open(),
 * audit_set_enabled(), ... are other functions.
 */
#ifndef BLA_AUDIT_H
#define BLA_AUDIT_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <linux/audit.h>
#include <linux/netlink.h>

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif

/* What userspace can receive in one record (MAX_AUDIT_MESSAGE_LENGTH). */
#define BLA_AUDIT_BODY_MAX 8970
/* One datagram from NETLINK_AUDIT: a record, or an answer. */
#define BLA_AUDIT_DATAGRAM_MAX NLMSG_SPACE(BLA_AUDIT_BODY_MAX)

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

/*
 * Rules one client may have at once, the longest string buffer a rule
 * carries (struct audit_rule_data's buf), and so the longest rule.
 */
#define BLA_AUDIT_MAX_RULES 4
#define BLA_AUDIT_RULE_STR_MAX 64
#define BLA_AUDIT_RULE_MAX \
	(sizeof(struct audit_rule_data) + BLA_AUDIT_RULE_STR_MAX)

struct bla_audit {
	int ctl;		/* requests and their answers; records once
				   registered (bla_audit_register_self()) */
	__u32 seq;		/* sequence number of the last request */
	int records;		/* records the daemon forwards, or -1 */
	pid_t daemon;		/* the daemon, or 0 */
	bool registered;	/* this process is the daemon, on ctl */
	struct audit_status saved;	/* the settings bla_audit_open() found */
	__u32 changed;		/* AUDIT_STATUS_* settings changed since */
	int rules;		/* rules added, in rule[], oldest first */
	struct {
		size_t len;	/* the struct audit_rule_data and its buf */
		char data[BLA_AUDIT_RULE_MAX];
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
 * Enables auditing and starts a daemon of our own, a child process that
 * registers itself (there must be no other live daemon) and forwards
 * every record to the client; then discards the records the kernel held
 * for a daemon until none has come for BLA_AUDIT_SETTLE_MS.  0 or -errno.
 */
int bla_audit_start_daemon(struct bla_audit *a);

/*
 * What most tests start with: opens the client, keeps only records of
 * type (bla_audit_keep_only()) and starts the daemon.  0 or the first
 * step's -errno, with the step named on stderr.
 */
int bla_audit_listen(struct bla_audit *a, int type);

/*
 * Unregisters the daemon of bla_audit_start_daemon() and waits for it to
 * exit: afterwards the kernel has no audit daemon and prints records to
 * its log.  0 or -errno.
 */
int bla_audit_stop_daemon(struct bla_audit *a);

int bla_audit_get_status(struct bla_audit *a, struct audit_status *status);

/* The kernel's count of lost records, or -errno. */
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
 * Adds a rule: AUDIT_ADD_RULE of rule and its buf (rule->buflen bytes, at
 * most BLA_AUDIT_RULE_STR_MAX), on any list (AUDIT_FILTER_EXCLUDE,
 * _TASK, _EXIT, ... in rule->flags) with any action and fields.  Close
 * deletes it.  0, -ENOSPC past BLA_AUDIT_MAX_RULES, -E2BIG, or the
 * kernel's -errno.
 */
int bla_audit_add_rule(struct bla_audit *a,
		       const struct audit_rule_data *rule);

/*
 * Deletes a rule that bla_audit_add_rule() added (the same bytes) before
 * close does.  0, -ENOENT if the client did not add it, or the kernel's
 * -errno (the client then still deletes it at close).
 */
int bla_audit_del_rule(struct bla_audit *a,
		       const struct audit_rule_data *rule);

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
 * Registers the calling process as the audit daemon on the client's own
 * socket (AUDIT_SET of the pid alone: auditing is enabled or not as it
 * was): from the kernel's acknowledgement on, which comes before any
 * record, every record comes to that socket, for bla_audit_recv_raw().
 * There must be no other live daemon (-EEXIST).  Close unregisters it.
 * For a reader process of its own: records about the daemon's own work
 * are not made.  0 or -errno.
 */
int bla_audit_register_self(struct bla_audit *a);

/*
 * The next datagram on the socket of a client registered as the daemon,
 * raw, into buf: one record, a struct nlmsghdr and its text, whose
 * nlmsg_len is the text's length without the header (audit's historical
 * quirk: use the length returned), or an answer to a request of the
 * client's own (NLMSG_ERROR, AUDIT_GET, ...).  recv()'s result: waits
 * without a timeout; -1 with errno EINTR at a signal, ENOBUFS when the
 * socket overflowed and the kernel counted records as lost.  Inline, for
 * a reader's loop: one recv() per record and nothing else.
 */
static inline ssize_t bla_audit_recv_raw(const struct bla_audit *a, void *buf,
					 size_t size)
{
	return recv(a->ctl, buf, size, 0);
}

/*
 * The next record of any type within timeout_ms: 0, -ETIMEDOUT when none
 * came, or -errno.  Needs the daemon of bla_audit_start_daemon().
 */
int bla_audit_recv(struct bla_audit *a, struct bla_audit_record *rec,
		   int timeout_ms);
/* Like bla_audit_recv(), skipping records of other types. */
int bla_audit_next(struct bla_audit *a, int type,
		   struct bla_audit_record *rec, int timeout_ms);
/* Discards records until none has come for idle_ms; returns how many. */
int bla_audit_drain(struct bla_audit *a, int idle_ms);

#endif
