/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test as audit daemon: a NETLINK_AUDIT socket registered as the audit
 * pid, so that the kernel sends it every record, in order.
 */
#ifndef BLA_AUDIT_H
#define BLA_AUDIT_H

#include <linux/audit.h>

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif

/* What userspace can receive in one record (MAX_AUDIT_MESSAGE_LENGTH). */
#define AUDIT_BODY_MAX 8970

struct audit_record {
	int type;
	unsigned long long serial;
	char body[AUDIT_BODY_MAX + 1];	/* text after "audit(...): " */
};

int audit_open(void);
void audit_close(int fd);
int audit_set_enabled(int fd, int enabled);
int audit_set_backlog_limit(int fd, unsigned int limit);
int audit_get_status(int fd, struct audit_status *status);
int audit_recv(int fd, struct audit_record *rec, int timeout_ms);
int audit_next(int fd, int type, struct audit_record *rec, int timeout_ms);
int audit_drain(int fd);

#endif
