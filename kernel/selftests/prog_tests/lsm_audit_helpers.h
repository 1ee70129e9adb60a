/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test process as the audit daemon, for the BPF LSM audit selftests.
 *
 * lsm_audit_open() saves the audit status, enables auditing, registers the
 * calling process as the audit daemon and drains what was queued before;
 * lsm_audit_next() then returns the records the kernel sends it, in order;
 * lsm_audit_close() restores the status.  Every request goes through
 * lsm_audit_request(), with its own sequence number and an acknowledgment
 * that is waited for.
 */
#ifndef __LSM_AUDIT_HELPERS_H
#define __LSM_AUDIT_HELPERS_H

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/netlink.h>

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif

/* The longest message user space receives (MAX_AUDIT_MESSAGE_LENGTH). */
#define LSM_AUDIT_MSG_MAX	8970
/* How long a record or an answer may take to arrive (slow debug kernels). */
#define LSM_AUDIT_TIMEOUT_MS	3000
/* How long to wait before concluding that no record comes. */
#define LSM_AUDIT_QUIET_MS	300

struct lsm_audit_msg {
	struct nlmsghdr hdr;
	union {
		struct audit_status status;
		struct nlmsgerr err;
		char data[LSM_AUDIT_MSG_MAX + 1];
	};
};

struct lsm_audit {
	int fd;
	__u32 seq;
	struct audit_status saved;
};

/*
 * Receives one message within @timeout_ms and NUL-terminates it.  Returns
 * its length, -ETIMEDOUT if none came, or another negative errno.
 */
static inline int lsm_audit_recv(struct lsm_audit *au,
				 struct lsm_audit_msg *msg, int timeout_ms)
{
	struct pollfd pfd = { .fd = au->fd, .events = POLLIN };
	ssize_t len;
	int ret;

	do {
		ret = poll(&pfd, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	if (!ret)
		return -ETIMEDOUT;
	len = recv(au->fd, msg, sizeof(*msg) - 1, 0);
	if (len < 0)
		return -errno;
	if (len < NLMSG_HDRLEN)
		return -EPROTO;
	((char *)msg)[len] = '\0';
	return len;
}

/*
 * Sends one request and waits for its acknowledgment and, when @reply is
 * given, for its answer of type @reply_type: the kernel sends answers from
 * a thread of their own, so they may come after the acknowledgment.
 * Records that arrive meanwhile are not answers: they are skipped.
 * Returns 0 or the negative errno of the request.
 */
static inline int lsm_audit_request(struct lsm_audit *au, __u16 type,
				    const void *payload, size_t len,
				    __u16 reply_type, void *reply,
				    size_t reply_len)
{
	struct lsm_audit_msg msg = {};
	bool acked = false, answered = !reply;
	ssize_t sent;
	int ret;

	if (len > sizeof(msg.data))
		return -E2BIG;
	msg.hdr.nlmsg_len = NLMSG_LENGTH(len);
	msg.hdr.nlmsg_type = type;
	msg.hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	msg.hdr.nlmsg_seq = ++au->seq;
	if (len)
		memcpy(msg.data, payload, len);
	sent = send(au->fd, &msg, msg.hdr.nlmsg_len, 0);
	if (sent < 0)
		return -errno;
	if (sent != (ssize_t)msg.hdr.nlmsg_len)
		return -EIO;

	while (!acked || !answered) {
		ret = lsm_audit_recv(au, &msg, LSM_AUDIT_TIMEOUT_MS);
		if (ret < 0)
			return ret;
		if (msg.hdr.nlmsg_seq != au->seq)
			continue;
		if (msg.hdr.nlmsg_type == NLMSG_ERROR) {
			if (msg.err.error)
				return msg.err.error;
			acked = true;
		} else if (reply && msg.hdr.nlmsg_type == reply_type) {
			if ((size_t)ret < NLMSG_HDRLEN + reply_len)
				return -EPROTO;
			memcpy(reply, msg.data, reply_len);
			answered = true;
		}
	}
	return 0;
}

static inline int lsm_audit_get_status(struct lsm_audit *au,
				       struct audit_status *status)
{
	return lsm_audit_request(au, AUDIT_GET, NULL, 0, AUDIT_GET, status,
				 sizeof(*status));
}

static inline int lsm_audit_set_status(struct lsm_audit *au,
				       const struct audit_status *status)
{
	return lsm_audit_request(au, AUDIT_SET, status, sizeof(*status), 0,
				 NULL, 0);
}

static inline int lsm_audit_set_enabled(struct lsm_audit *au, __u32 enabled)
{
	struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED,
		.enabled = enabled,
	};

	return lsm_audit_set_status(au, &status);
}

/*
 * Receives the next record of @type within @timeout_ms and copies its
 * body, the text after "audit(TIME:SERIAL): ", to @body.  Returns 0,
 * -ETIMEDOUT if no such record came, or another negative errno.
 */
static inline int lsm_audit_next(struct lsm_audit *au, __u16 type,
				 char *body, size_t size, int timeout_ms)
{
	struct lsm_audit_msg msg;
	char *text;
	size_t n;
	int ret;

	for (;;) {
		ret = lsm_audit_recv(au, &msg, timeout_ms);
		if (ret < 0)
			return ret;
		if (msg.hdr.nlmsg_type == type)
			break;
	}
	/*
	 * The kernel sets nlmsg_len of a record to the length of its text
	 * alone, so the datagram's length is the one to trust.
	 */
	text = strstr(msg.data, "): ");
	if (strncmp(msg.data, "audit(", 6) || !text)
		return -EPROTO;
	text += 3;
	n = strlen(text);
	while (n && text[n - 1] == '\n')
		n--;
	if (n >= size)
		return -E2BIG;
	memcpy(body, text, n);
	body[n] = '\0';
	return 0;
}

/* Discards the records already queued; returns how many there were. */
static inline int lsm_audit_drain(struct lsm_audit *au)
{
	struct lsm_audit_msg msg;
	int n = 0;

	while (lsm_audit_recv(au, &msg, 50) >= 0)
		n++;
	return n;
}

/*
 * Enables auditing and makes the calling process the audit daemon, after
 * saving the status to restore.  Fails with -EEXIST if a live audit daemon
 * is registered already.
 */
static inline int lsm_audit_open(struct lsm_audit *au)
{
	struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID,
		.enabled = 1,
		.pid = getpid(),
	};
	int err;

	au->seq = 0;
	au->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (au->fd < 0)
		return -errno;
	err = lsm_audit_get_status(au, &au->saved);
	if (!err)
		err = lsm_audit_set_status(au, &status);
	if (err) {
		close(au->fd);
		au->fd = -1;
		return err;
	}
	lsm_audit_drain(au);
	return 0;
}

/*
 * Unregisters the process as the audit daemon and restores the enabled
 * state.  A daemon registered before lsm_audit_open() was not alive, or
 * registering would have failed: there is no daemon to give the place back.
 */
static inline int lsm_audit_close(struct lsm_audit *au)
{
	struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID,
		.enabled = au->saved.enabled,
		.pid = 0,
	};
	int err;

	if (au->fd < 0)
		return 0;
	err = lsm_audit_set_status(au, &status);
	close(au->fd);
	au->fd = -1;
	return err;
}

#endif /* __LSM_AUDIT_HELPERS_H */
