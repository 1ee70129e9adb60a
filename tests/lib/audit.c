// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "audit.h"

struct audit_request {
	struct nlmsghdr hdr;
	struct audit_status status;
};

/* Waits for the kernel's answer to a request: 0 or its -errno. */
static int audit_ack(int fd, __u32 seq)
{
	char buf[NLMSG_SPACE(sizeof(struct nlmsgerr)) + AUDIT_BODY_MAX];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;

	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);

		if (len < 0)
			return -errno;
		if (!NLMSG_OK(nh, (size_t)len))
			return -EPROTO;
		/* Records may be interleaved with the answer: skip them. */
		if (nh->nlmsg_type == NLMSG_ERROR && nh->nlmsg_seq == seq)
			return ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
	}
}

static int audit_set(int fd, __u32 mask, const struct audit_status *status)
{
	static __u32 seq;
	struct audit_request req = {
		.hdr = {
			.nlmsg_len = NLMSG_LENGTH(sizeof(struct audit_status)),
			.nlmsg_type = AUDIT_SET,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = ++seq,
		},
		.status = *status,
	};

	req.status.mask = mask;
	if (send(fd, &req, req.hdr.nlmsg_len, 0) < 0)
		return -errno;
	return audit_ack(fd, seq);
}

/* The control socket: requests and their answers, never records. */
static int ctl_fd = -1;

int audit_set_enabled(int enabled)
{
	struct audit_status s = { .enabled = enabled };

	return audit_set(ctl_fd, AUDIT_STATUS_ENABLED, &s);
}

int audit_set_backlog_limit(unsigned int limit)
{
	struct audit_status s = { .backlog_limit = limit };

	return audit_set(ctl_fd, AUDIT_STATUS_BACKLOG_LIMIT, &s);
}

int audit_get_status(struct audit_status *status)
{
	int fd = ctl_fd;
	char buf[NLMSG_SPACE(sizeof(*status)) + AUDIT_BODY_MAX];
	struct nlmsghdr req = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = AUDIT_GET,
		.nlmsg_flags = NLM_F_REQUEST,
		.nlmsg_seq = 0x5eed,
	};
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;

	if (send(fd, &req, req.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);

		if (len < 0)
			return -errno;
		if (!NLMSG_OK(nh, (size_t)len))
			return -EPROTO;
		if (nh->nlmsg_seq != 0x5eed)
			continue;
		if (nh->nlmsg_type == NLMSG_ERROR)
			return ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
		if (nh->nlmsg_type == AUDIT_GET) {
			memcpy(status, NLMSG_DATA(nh), sizeof(*status));
			return 0;
		}
	}
}

/*
 * The audit daemon is a child process: records about the daemon's own work
 * are not made (that would feed back into it), so the process under test
 * must not be the daemon, just as auditd is not the audited program.  The
 * child registers itself and forwards every datagram, whole, over a
 * SOCK_SEQPACKET pair; it dies with its parent.
 */
static pid_t daemon_pid;

static void forward_records(int nl, int out)
{
	char buf[NLMSG_SPACE(AUDIT_BODY_MAX)];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (;;) {
		ssize_t len = recv(nl, buf, sizeof(buf), 0);

		/*
		 * ENOBUFS: kauditd gave up on a record while our socket was
		 * full (it counts it as lost); keep reading, as auditd does.
		 */
		if (len < 0 && (errno == EINTR || errno == ENOBUFS))
			continue;
		if (len <= 0 || send(out, buf, len, 0) != len)
			_exit(0);
	}
}

/*
 * Enables auditing and starts the forwarding daemon.  Returns the socket
 * records arrive on, or -errno.  The same socket takes AUDIT_SET and
 * AUDIT_GET requests.
 */
int audit_open(void)
{
	struct audit_status s = { .enabled = 1 };
	int pair[2], nl, err;

	if (ctl_fd < 0) {
		ctl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
		if (ctl_fd < 0)
			return -errno;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair))
		return -errno;
	daemon_pid = fork();
	if (daemon_pid < 0) {
		err = -errno;
		close(pair[0]);
		close(pair[1]);
		return err;
	}
	if (!daemon_pid) {
		close(pair[0]);
		close(ctl_fd);
		nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
		s.pid = getpid();
		if (nl < 0 || audit_set(nl, AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID, &s)) {
			send(pair[1], "E", 1, 0);
			_exit(1);
		}
		send(pair[1], "R", 1, 0);
		forward_records(nl, pair[1]);
	}
	close(pair[1]);
	/* Wait until the child is registered: no record may be missed. */
	if (recv(pair[0], &err, 1, 0) != 1 || (char)err != 'R') {
		audit_close(pair[0]);
		return -EPERM;
	}
	err = audit_set(ctl_fd, AUDIT_STATUS_ENABLED, &s);
	if (err) {
		audit_close(pair[0]);
		return err;
	}
	return pair[0];
}

void audit_close(int fd)
{
	close(fd);
	if (daemon_pid > 0) {
		kill(daemon_pid, SIGKILL);
		waitpid(daemon_pid, NULL, 0);
		daemon_pid = 0;
	}
}

pid_t audit_daemon_pid(void)
{
	return daemon_pid;
}

/*
 * Adds (or deletes) the rule "exclude all record types but @type", so that
 * only the records under test reach the backlog: records of other types
 * (SYSCALL at every audited syscall's exit) would otherwise compete for it
 * and make the lost counter ambiguous.
 */
int audit_exclude_other_types(int type, int add)
{
	static __u32 seq = 1000;
	struct {
		struct nlmsghdr hdr;
		struct audit_rule_data rule;
	} req = {
		.hdr = {
			.nlmsg_len = NLMSG_LENGTH(sizeof(struct audit_rule_data)),
			.nlmsg_type = add ? AUDIT_ADD_RULE : AUDIT_DEL_RULE,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = ++seq,
		},
		.rule = {
			.flags = AUDIT_FILTER_EXCLUDE,
			.action = AUDIT_ALWAYS,
			.field_count = 1,
			.fields = { AUDIT_MSGTYPE },
			.values = { type },
			.fieldflags = { AUDIT_NOT_EQUAL },
		},
	};

	memset(req.rule.mask, 0xff, sizeof(req.rule.mask));
	if (send(ctl_fd, &req, req.hdr.nlmsg_len, 0) < 0)
		return -errno;
	return audit_ack(ctl_fd, seq);
}

/*
 * Receives the next record of any type within timeout_ms: 0, -ETIMEDOUT
 * when none came, or -errno.
 */
int audit_recv(int fd, struct audit_record *rec, int timeout_ms)
{
	char buf[NLMSG_SPACE(AUDIT_BODY_MAX)];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	const char *text, *body;
	ssize_t len;
	size_t n;

	for (;;) {
		int ready = poll(&pfd, 1, timeout_ms);

		if (ready < 0)
			return -errno;
		if (!ready)
			return -ETIMEDOUT;
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		/*
		 * The audit core sets a record's nlmsg_len to the payload's
		 * length, without the header, so NLMSG_OK() does not apply:
		 * trust the datagram's length instead.
		 */
		if (len < NLMSG_HDRLEN)
			return -EPROTO;
		/* Late answers to our own requests are not records. */
		if (nh->nlmsg_type == NLMSG_ERROR || nh->nlmsg_type == AUDIT_GET)
			continue;
		break;
	}

	text = NLMSG_DATA(nh);
	n = len - NLMSG_HDRLEN;
	if (n > AUDIT_BODY_MAX)
		n = AUDIT_BODY_MAX;
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

/* Like audit_recv(), skipping records of other types. */
int audit_next(int fd, int type, struct audit_record *rec, int timeout_ms)
{
	int err;

	do {
		err = audit_recv(fd, rec, timeout_ms);
	} while (!err && rec->type != type);
	return err;
}

/* Discards every queued record; returns how many. */
int audit_drain(int fd)
{
	struct audit_record *rec = malloc(sizeof(*rec));
	int n = 0;

	if (!rec)
		return -ENOMEM;
	while (audit_recv(fd, rec, 50) == 0)
		n++;
	free(rec);
	return n;
}
