/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An audit daemon for tests: a child process registered as the audit pid
 * forwards every record, in order, to the test, which reads them with
 * audit_recv() from the socket audit_open() returns.
 */
#ifndef BLA_AUDIT_H
#define BLA_AUDIT_H

#include <sys/types.h>
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
int audit_set_enabled(int enabled);
int audit_set_backlog_limit(unsigned int limit);
int audit_get_status(struct audit_status *status);
int audit_recv(int fd, struct audit_record *rec, int timeout_ms);
int audit_next(int fd, int type, struct audit_record *rec, int timeout_ms);
int audit_drain(int fd);
pid_t audit_daemon_pid(void);
int audit_exclude_other_types(int type, int add);

#endif
