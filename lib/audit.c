// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE	/* close_range() */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "audit.h"

/* The settings bla_audit_set() may change, and close puts back. */
#define RESTORABLE (AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE |	\
		    AUDIT_STATUS_RATE_LIMIT | AUDIT_STATUS_BACKLOG_LIMIT | \
		    AUDIT_STATUS_BACKLOG_WAIT_TIME)

/* How long the daemon may take to unregister and exit, checked how often. */
#define DAEMON_EXIT_TIMEOUT_MS 5000
#define DAEMON_EXIT_POLL_US 10000

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * The socket has no receive timeout: a daemon's reader waits for records
 * as long as it takes, and the kernel arms no timer each time it waits.
 * Requests bound their own wait with poll().
 */
static int audit_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	return fd < 0 ? -errno : fd;
}

/*
 * The one request path: sends type with payload, numbered with the next
 * sequence number and NLM_F_ACK, and waits for the kernel's acknowledgement
 * and, if reply_type is not 0, for its reply of that type (AUDIT_GET's
 * reply comes from a kernel thread, before or after the acknowledgement).
 * Anything else received meanwhile (stale answers, AUDIT_REPLACE, records
 * on a daemon's socket) is skipped.  An answer that never comes is an
 * error, not a hang: -ETIMEDOUT when it has not come within
 * BLA_AUDIT_REPLY_TIMEOUT_MS of the request, however much else arrives
 * meanwhile.  Returns 0 or the kernel's -errno.
 */
static int request(int fd, __u32 *seq, int type, const void *payload,
		   size_t len, int reply_type, void *reply, size_t reply_len)
{
	char buf[BLA_AUDIT_DATAGRAM_MAX];
	struct {
		struct nlmsghdr hdr;
		char payload[BLA_AUDIT_RULE_MAX];
	} req = {
		.hdr = {
			.nlmsg_len = NLMSG_LENGTH(len),
			.nlmsg_type = type,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = ++*seq,
		},
	};
	bool acked = false, replied = !reply_type;
	long long deadline = now_ms() + BLA_AUDIT_REPLY_TIMEOUT_MS;

	if (len > sizeof(req.payload))
		return -E2BIG;
	memcpy(req.payload, payload, len);
	if (send(fd, &req, req.hdr.nlmsg_len, 0) < 0)
		return -errno;
	while (!acked || !replied) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		long long left = deadline - now_ms();
		int ready = left > 0 ? poll(&pfd, 1, (int)left) : 0;
		ssize_t n;

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return -errno;
		if (!ready)
			return -ETIMEDOUT;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		/*
		 * EINTR, EAGAIN; or ENOBUFS: the socket overflowed with records
		 * (on a daemon's socket) and lost some; the answer may still
		 * come.
		 */
		if (n < 0 && (errno == EINTR || errno == EAGAIN ||
			      errno == ENOBUFS))
			continue;
		if (n < 0)
			return -errno;
		for (; NLMSG_OK(nh, (size_t)n); nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != *seq)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				int err = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;

				if (err)
					return err;
				acked = true;
			} else if (nh->nlmsg_type == reply_type && !replied) {
				size_t got = nh->nlmsg_len - NLMSG_HDRLEN;

				/* The kernel's struct may be older or newer. */
				memset(reply, 0, reply_len);
				memcpy(reply, NLMSG_DATA(nh),
				       got < reply_len ? got : reply_len);
				replied = true;
			}
		}
	}
	return 0;
}

static int get_status(int fd, __u32 *seq, struct audit_status *status)
{
	return request(fd, seq, AUDIT_GET, NULL, 0, AUDIT_GET, status,
		       sizeof(*status));
}

int bla_audit_open(struct bla_audit *a)
{
	int err;

	*a = (struct bla_audit)BLA_AUDIT_INIT;
	a->ctl = audit_socket();
	if (a->ctl < 0)
		return a->ctl;
	err = get_status(a->ctl, &a->seq, &a->saved);
	if (err) {
		close(a->ctl);
		a->ctl = -1;
	}
	return err;
}

int bla_audit_get_status(struct bla_audit *a, struct audit_status *status)
{
	return get_status(a->ctl, &a->seq, status);
}

long bla_audit_lost(struct bla_audit *a)
{
	struct audit_status s;
	int err = bla_audit_get_status(a, &s);

	return err ? err : (long)s.lost;
}

/* The value of one AUDIT_STATUS_* field. */
static __u32 status_field(const struct audit_status *s, __u32 bit)
{
	switch (bit) {
	case AUDIT_STATUS_ENABLED:
		return s->enabled;
	case AUDIT_STATUS_FAILURE:
		return s->failure;
	case AUDIT_STATUS_PID:
		return s->pid;
	case AUDIT_STATUS_RATE_LIMIT:
		return s->rate_limit;
	case AUDIT_STATUS_BACKLOG_LIMIT:
		return s->backlog_limit;
	case AUDIT_STATUS_BACKLOG_WAIT_TIME:
		return s->backlog_wait_time;
	}
	return 0;
}

/* AUDIT_SET, acknowledged, then read back field by field. */
static int set_checked(struct bla_audit *a, __u32 mask,
		       const struct audit_status *want)
{
	struct audit_status req = *want, got;
	__u32 bit;
	int err;

	req.mask = mask;
	err = request(a->ctl, &a->seq, AUDIT_SET, &req, sizeof(req), 0, NULL, 0);
	if (err)
		return err;
	err = get_status(a->ctl, &a->seq, &got);
	if (err)
		return err;
	for (bit = 1; bit <= AUDIT_STATUS_BACKLOG_WAIT_TIME; bit <<= 1) {
		if ((mask & bit & RESTORABLE) &&
		    status_field(&got, bit) != status_field(want, bit)) {
			fprintf(stderr, "#   audit: set 0x%x to %u, reads back %u\n",
				bit, status_field(want, bit),
				status_field(&got, bit));
			return -EIO;
		}
	}
	return 0;
}

int bla_audit_set(struct bla_audit *a, __u32 mask,
		  const struct audit_status *status)
{
	if (mask & ~RESTORABLE)
		return -EINVAL;
	/* Marked first: a half-done change is put back too. */
	a->changed |= mask;
	return set_checked(a, mask, status);
}

int bla_audit_set_enabled(struct bla_audit *a, __u32 enabled)
{
	struct audit_status s = { .enabled = enabled };

	return bla_audit_set(a, AUDIT_STATUS_ENABLED, &s);
}

int bla_audit_set_backlog_limit(struct bla_audit *a, __u32 limit)
{
	struct audit_status s = { .backlog_limit = limit };

	return bla_audit_set(a, AUDIT_STATUS_BACKLOG_LIMIT, &s);
}

/* AUDIT_ADD_RULE or AUDIT_DEL_RULE of a rule and its buf, len bytes. */
static int rule_request(struct bla_audit *a, int type, const void *rule,
			size_t len)
{
	return request(a->ctl, &a->seq, type, rule, len, 0, NULL, 0);
}

int bla_audit_add_rule(struct bla_audit *a,
		       const struct audit_rule_data *rule)
{
	size_t len = sizeof(*rule) + rule->buflen;
	int err;

	if (a->rules == BLA_AUDIT_MAX_RULES)
		return -ENOSPC;
	if (rule->buflen > BLA_AUDIT_RULE_STR_MAX)
		return -E2BIG;
	err = rule_request(a, AUDIT_ADD_RULE, rule, len);
	if (err)
		return err;
	a->rule[a->rules].len = len;
	memcpy(a->rule[a->rules].data, rule, len);
	a->rules++;
	return 0;
}

int bla_audit_del_rule(struct bla_audit *a,
		       const struct audit_rule_data *rule)
{
	size_t len = sizeof(*rule) + rule->buflen;
	int i, err;

	for (i = a->rules - 1; i >= 0; i--)
		if (a->rule[i].len == len &&
		    !memcmp(a->rule[i].data, rule, len))
			break;
	if (i < 0)
		return -ENOENT;
	err = rule_request(a, AUDIT_DEL_RULE, a->rule[i].data, len);
	if (err)
		return err;
	a->rules--;
	memmove(&a->rule[i], &a->rule[i + 1],
		(a->rules - i) * sizeof(a->rule[0]));
	return 0;
}

/*
 * Adds an exclude rule on one field: a number, or, when str is not empty,
 * a string that the rule carries in its buffer (the field's value is then
 * the string's length).
 */
static int add_exclude(struct bla_audit *a, __u32 field, __u32 op,
		       __u32 value, const char *str)
{
	size_t len = strlen(str);
	struct audit_rule_data *rule;
	int err;

	if (len >= BLA_AUDIT_RULE_STR_MAX)
		return -ENAMETOOLONG;
	rule = calloc(1, sizeof(*rule) + len);
	if (!rule)
		return -ENOMEM;
	rule->flags = AUDIT_FILTER_EXCLUDE;
	rule->action = AUDIT_ALWAYS;
	rule->field_count = 1;
	rule->fields[0] = field;
	rule->values[0] = len ? len : value;
	rule->fieldflags[0] = op;
	rule->buflen = len;
	memcpy(rule->buf, str, len);
	memset(rule->mask, 0xff, sizeof(rule->mask));
	err = bla_audit_add_rule(a, rule);
	free(rule);
	return err;
}

int bla_audit_keep_only(struct bla_audit *a, int type)
{
	return add_exclude(a, AUDIT_MSGTYPE, AUDIT_NOT_EQUAL, type, "");
}

int bla_audit_exclude_pid(struct bla_audit *a, pid_t pid)
{
	return add_exclude(a, AUDIT_PID, AUDIT_EQUAL, pid, "");
}

int bla_audit_exclude_str(struct bla_audit *a, __u32 field, __u32 op,
			  const char *value)
{
	if (!*value)
		return -EINVAL;
	return add_exclude(a, field, op, 0, value);
}

/* --- the daemon ---------------------------------------------------------- */

int bla_audit_register_self(struct bla_audit *a)
{
	struct audit_status s = { .mask = AUDIT_STATUS_PID, .pid = getpid() };
	int err;

	if (a->registered)
		return -EBUSY;
	/* The kernel acknowledges before it sends the first record. */
	err = request(a->ctl, &a->seq, AUDIT_SET, &s, sizeof(s), 0, NULL, 0);
	if (!err)
		a->registered = true;
	return err;
}

/* Unregisters this process, the daemon on a->ctl (only it may). */
static int unregister_self(struct bla_audit *a)
{
	struct audit_status s = { .mask = AUDIT_STATUS_PID, .pid = 0 };
	char buf[BLA_AUDIT_DATAGRAM_MAX];
	ssize_t n;
	int err;

	/*
	 * Make room for the answer: the kernel drops an acknowledgement that
	 * does not fit in the socket.
	 */
	do
		n = recv(a->ctl, buf, sizeof(buf), MSG_DONTWAIT);
	while (n > 0 || (n < 0 && errno == ENOBUFS));
	err = request(a->ctl, &a->seq, AUDIT_SET, &s, sizeof(s), 0, NULL, 0);
	if (err)
		fprintf(stderr, "#   audit daemon %d: unregister: %s\n",
			(int)getpid(), strerror(-err));
	a->registered = false;
	return err;
}

/*
 * The audit daemon of bla_audit_start_daemon() is a child process: records
 * about the daemon's own work are not made (that would feed back into it),
 * so the process under test must not be the daemon, just as auditd is not
 * the audited program.
 *
 * The child registers itself (bla_audit_register_self(), on a client of
 * its own), tells the parent the result (an int: 0 or -errno) and
 * forwards every datagram, whole, over a SOCK_SEQPACKET pair.  When the
 * parent shuts its end, the child unregisters itself (closing its client)
 * and exits with status 0 if that worked.  It dies with its parent.
 */
static void __attribute__((noreturn)) daemon_main(int out, pid_t parent)
{
	struct bla_audit d;
	char buf[BLA_AUDIT_DATAGRAM_MAX];
	int err;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	/*
	 * Keep none of the test's descriptors: a BPF link the test destroys
	 * must not stay attached through the daemon's copy.
	 */
	if (out > 3)
		close_range(3, out - 1, 0);
	close_range(out + 1, ~0U, 0);
	err = bla_audit_open(&d);
	if (!err)
		err = bla_audit_register_self(&d);
	send(out, &err, sizeof(err), MSG_NOSIGNAL);
	if (err)
		_exit(1);

	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = d.ctl, .events = POLLIN },
			{ .fd = out, .events = POLLIN },
		};
		ssize_t len;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* The parent shut its end, or sent something: stop. */
		if (pfd[1].revents)
			break;
		len = recv(d.ctl, buf, sizeof(buf), MSG_DONTWAIT);
		/*
		 * ENOBUFS: kauditd gave up on a record while our socket was
		 * full (it counts it as lost); keep reading, as auditd does.
		 */
		if (len < 0 && (errno == EINTR || errno == ENOBUFS ||
				errno == EAGAIN))
			continue;
		if (len <= 0)
			break;
		/* Blocks while the test does not read: that is backpressure. */
		if (send(out, buf, len, MSG_NOSIGNAL) != len)
			break;
	}
	_exit(bla_audit_close(&d) ? 1 : 0);
}

int bla_audit_start_daemon(struct bla_audit *a)
{
	struct pollfd pfd;
	struct audit_status s;
	int pair[2], err, reply;
	pid_t parent;

	if (a->daemon)
		return -EBUSY;
	err = bla_audit_set_enabled(a, 1);
	if (err)
		return err;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair))
		return -errno;
	parent = getpid();
	/* The child must not print what the parent has buffered. */
	fflush(stdout);
	fflush(stderr);
	a->daemon = fork();
	if (a->daemon < 0) {
		err = -errno;
		a->daemon = 0;
		close(pair[0]);
		close(pair[1]);
		return err;
	}
	if (!a->daemon) {
		close(pair[0]);
		daemon_main(pair[1], parent);
	}
	close(pair[1]);
	a->records = pair[0];

	/* Wait until the child is registered: no record may be missed. */
	pfd = (struct pollfd){ .fd = a->records, .events = POLLIN };
	if (poll(&pfd, 1, BLA_AUDIT_REPLY_TIMEOUT_MS) != 1 ||
	    recv(a->records, &reply, sizeof(reply), 0) != sizeof(reply))
		reply = -ETIMEDOUT;
	if (!reply) {
		reply = bla_audit_get_status(a, &s);
		if (!reply && s.pid != (__u32)a->daemon) {
			fprintf(stderr, "#   audit: daemon %d registered, status says pid %u\n",
				a->daemon, s.pid);
			reply = -EIO;
		}
	}
	if (reply) {
		bla_audit_stop_daemon(a);
		return reply;
	}
	bla_audit_drain(a, BLA_AUDIT_SETTLE_MS);
	return 0;
}

int bla_audit_stop_daemon(struct bla_audit *a)
{
	long long deadline = now_ms() + DAEMON_EXIT_TIMEOUT_MS;
	struct audit_status s;
	int status = 0, err;
	pid_t pid = 0;

	if (!a->daemon)
		return 0;
	/* The daemon sees its peer shut down, unregisters and exits. */
	close(a->records);
	a->records = -1;
	while (now_ms() < deadline) {
		pid = waitpid(a->daemon, &status, WNOHANG);
		if (pid)
			break;
		usleep(DAEMON_EXIT_POLL_US);
	}
	if (pid != a->daemon) {
		fprintf(stderr, "#   audit daemon %d did not exit: killed\n",
			a->daemon);
		kill(a->daemon, SIGKILL);
		waitpid(a->daemon, &status, 0);
	}
	/* Checked like every AUDIT_SET: the daemon is not registered. */
	err = bla_audit_get_status(a, &s);
	if (!err && s.pid == (__u32)a->daemon) {
		fprintf(stderr, "#   audit daemon %d is still registered\n",
			a->daemon);
		err = -EIO;
	}
	a->daemon = 0;
	return err;
}

int bla_audit_listen(struct bla_audit *a, int type)
{
	const char *step = "open";
	int err;

	err = bla_audit_open(a);
	if (!err) {
		step = "rule keeping only one record type";
		err = bla_audit_keep_only(a, type);
	}
	if (!err) {
		step = "start the daemon";
		err = bla_audit_start_daemon(a);
	}
	if (err)
		fprintf(stderr, "#   audit: %s: %s\n", step, strerror(-err));
	return err;
}

int bla_audit_close(struct bla_audit *a)
{
	struct audit_status s;
	int err = 0, e;

	if (a->daemon)
		err = bla_audit_stop_daemon(a);
	if (a->ctl < 0)
		return err;
	if (a->registered) {
		e = unregister_self(a);
		if (!err)
			err = e;
	}
	while (a->rules) {
		a->rules--;
		e = rule_request(a, AUDIT_DEL_RULE, a->rule[a->rules].data,
				 a->rule[a->rules].len);
		if (!err)
			err = e;
	}
	if (a->changed) {
		s = a->saved;
		e = set_checked(a, a->changed, &s);
		if (!err)
			err = e;
		a->changed = 0;
	}
	close(a->ctl);
	a->ctl = -1;
	return err;
}

/* --- records ------------------------------------------------------------- */

int bla_audit_recv(struct bla_audit *a, struct bla_audit_record *rec,
		   int timeout_ms)
{
	char buf[BLA_AUDIT_DATAGRAM_MAX];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct pollfd pfd = { .fd = a->records, .events = POLLIN };
	const char *text, *body;
	ssize_t len;
	size_t n;

	if (a->records < 0)
		return -ENOTCONN;
	for (;;) {
		int ready = poll(&pfd, 1, timeout_ms);

		if (ready < 0)
			return -errno;
		if (!ready)
			return -ETIMEDOUT;
		len = recv(a->records, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		if (len == 0)
			return -ECONNRESET;
		/*
		 * The audit core sets a record's nlmsg_len to the payload's
		 * length, without the header, so NLMSG_OK() does not apply:
		 * trust the datagram's length instead.
		 */
		if (len < NLMSG_HDRLEN)
			return -EPROTO;
		/* Answers to the daemon's own requests are not records. */
		if (nh->nlmsg_type == NLMSG_ERROR || nh->nlmsg_type == AUDIT_GET ||
		    nh->nlmsg_type == AUDIT_REPLACE)
			continue;
		break;
	}

	text = NLMSG_DATA(nh);
	n = len - NLMSG_HDRLEN;
	if (n > BLA_AUDIT_BODY_MAX)
		n = BLA_AUDIT_BODY_MAX;
	rec->type = nh->nlmsg_type;
	rec->serial = 0;
	/* "audit(1700000000.123:45): body" */
	if (sscanf(text, "audit(%*u.%*u:%llu): ", &rec->serial) != 1) {
		fprintf(stderr, "#   unparsable audit message: %.*s\n", (int)n, text);
		return -EPROTO;
	}
	body = memchr(text, ')', n);
	if (!body || body + 3 > text + n)
		return -EPROTO;
	body += 3;
	n -= body - text;
	memcpy(rec->body, body, n);
	rec->body[n] = '\0';
	/* Bodies may carry a trailing NUL or newline: drop them. */
	while (n && (rec->body[n - 1] == '\0' || rec->body[n - 1] == '\n'))
		rec->body[--n] = '\0';
	return 0;
}

int bla_audit_next(struct bla_audit *a, int type, struct bla_audit_record *rec,
		   int timeout_ms)
{
	int err;

	do {
		err = bla_audit_recv(a, rec, timeout_ms);
	} while (!err && rec->type != type);
	return err;
}

int bla_audit_drain(struct bla_audit *a, int idle_ms)
{
	struct bla_audit_record *rec = malloc(sizeof(*rec));
	int n = 0;

	if (!rec)
		return -ENOMEM;
	while (bla_audit_recv(a, rec, idle_ms) == 0)
		n++;
	free(rec);
	return n;
}
