// SPDX-License-Identifier: GPL-2.0-only
/*
 * The audit side of the benchmark: the rules it adds, the minimal netlink
 * reader registered as the audit daemon, the ring buffer reader, and
 * Debian's auditd for the throughput runs.  Its requests to the audit
 * subsystem (status, settings, rules, the reader's registration) go
 * through the project's audit client, lib/audit.c, which the tests use
 * too.  Each reader is a process of its own, as a daemon would be, and
 * ends the loop's wait itself (check_wait()) when what the loop waits for
 * has come.  The readers' receive loops are timed with the operations:
 * check_wait() stays in this file with them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <bpf/libbpf.h>

#include "bench_user.h"

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* --- the rules, for bla_audit_add_rule() --------------------------------- */

/* "-a task,never": processes forked while it exists have no context. */
void rule_task_never(struct audit_rule_data *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = AUDIT_FILTER_TASK;
	r->action = AUDIT_NEVER;
}

/*
 * "-a always,exit -F arch=b64 -S kill -F a0=TARGET": only the loop's
 * kill(TARGET, 0), not a kill() that another process of the guest (a test
 * runner's timeout, say) makes meanwhile.
 */
void rule_exit_kill(struct audit_rule_data *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = AUDIT_FILTER_EXIT;
	r->action = AUDIT_ALWAYS;
	r->mask[__NR_kill / 32] |= 1U << (__NR_kill % 32);
	r->field_count = 2;
	r->fields[0] = AUDIT_ARCH;
	r->values[0] = AUDIT_ARCH_X86_64;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->fields[1] = AUDIT_ARG0;
	r->values[1] = (__u32)target_pid;
	r->fieldflags[1] = AUDIT_EQUAL;
}

/* --- readers ---------------------------------------------------------------- */

/* Ends the loop's wait if its target is reached. */
static void check_wait(unsigned int kind)
{
	unsigned int k = __atomic_load_n(&sh->wait_kind, __ATOMIC_ACQUIRE);
	unsigned long long have;

	if (k != kind)
		return;
	have = kind == WAIT_EVENT ? load64(&sh->events) :
	       load64(&sh->count[sh->wait_type % NTYPES]);
	if (have < sh->wait_target)
		return;
	if (__atomic_compare_exchange_n(&sh->wait_kind, &k, WAIT_NONE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (write(notify_wr, "x", 1) != 1)
			sh->w_err = errno;
	}
}

/* The record types whose latest body is kept, for the report. */
const int sample_types[NSAMPLES] = {
	AUDIT_BPF_LSM_ACCESS, AUDIT_LANDLOCK_ACCESS, AUDIT_SYSCALL,
	AUDIT_OBJ_PID, AUDIT_PROCTITLE, AUDIT_LANDLOCK_DOMAIN,
};

/*
 * The minimal netlink reader: registers itself as the audit daemon (on a
 * client of its own, whose socket then receives the records; the bench
 * has enabled auditing) and counts what it receives, by type: one
 * recv() per record (bla_audit_recv_raw(), inline), into a static buffer.
 * One record per datagram; its nlmsg_len is the payload's length (audit's
 * historical quirk), so the datagram's size is used instead.  At SIGTERM,
 * closing the client unregisters it.
 */
static void nl_reader(void)
{
	static char buf[BLA_AUDIT_DATAGRAM_MAX];
	static struct bla_audit reader = BLA_AUDIT_INIT;
	struct sigaction sa = { .sa_handler = on_term };
	int err, i;

	set_comm("bench-nlreader");
	sigaction(SIGTERM, &sa, NULL);
	err = bla_audit_open(&reader);
	if (!err)
		err = bla_audit_register_self(&reader);
	if (err) {
		sh->nl_state = err;
		_exit(1);
	}
	__atomic_store_n(&sh->nl_state, 1, __ATOMIC_RELEASE);
	while (!stopping) {
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		ssize_t n = bla_audit_recv_raw(&reader, buf, sizeof(buf));
		size_t len;

		if (n < (ssize_t)NLMSG_HDRLEN)
			continue;
		if (nh->nlmsg_type < AUDIT_FIRST_USER_MSG ||
		    nh->nlmsg_type >= NTYPES)
			continue;
		__atomic_add_fetch(&sh->count[nh->nlmsg_type], 1,
				   __ATOMIC_RELEASE);
		__atomic_add_fetch(&sh->total, 1, __ATOMIC_RELEASE);
		for (i = 0; i < NSAMPLES; i++) {
			if (sample_types[i] != nh->nlmsg_type)
				continue;
			len = n - NLMSG_HDRLEN;
			if (len >= SAMPLE_LEN)
				len = SAMPLE_LEN - 1;
			memcpy(sh->sample[i], NLMSG_DATA(nh), len);
			sh->sample[i][len] = 0;
			sh->sample_type[i] = nh->nlmsg_type;
		}
		check_wait(WAIT_RECORD);
	}
	_exit(bla_audit_close(&reader) ? 1 : 0);
}

static int on_event(void *ctx, void *data, size_t len)
{
	(void)ctx;
	if (len >= sizeof(struct bench_event))
		memcpy(&sh->last_event, data, sizeof(struct bench_event));
	__atomic_add_fetch(&sh->events, 1, __ATOMIC_RELEASE);
	check_wait(WAIT_EVENT);
	return 0;
}

/* The ring buffer reader: a process of its own, as a daemon would be. */
void rb_reader(int map_fd)
{
	struct sigaction sa = { .sa_handler = on_term };
	struct ring_buffer *rb;

	set_comm("bench-rbreader");
	sigaction(SIGTERM, &sa, NULL);
	rb = ring_buffer__new(map_fd, on_event, NULL, NULL);
	if (!rb) {
		sh->rb_state = -errno;
		_exit(1);
	}
	__atomic_store_n(&sh->rb_state, 1, __ATOMIC_RELEASE);
	while (!stopping)
		ring_buffer__poll(rb, 1000);
	ring_buffer__free(rb);
	_exit(0);
}

pid_t start_reader(void (*fn)(int), int arg, int *state)
{
	pid_t pid = fork();
	int i;

	if (pid < 0)
		return -errno;
	if (!pid)
		fn(arg);
	for (i = 0; i < 500; i++) {
		int st = __atomic_load_n(state, __ATOMIC_ACQUIRE);

		if (st)
			return st > 0 ? pid : st;
		sleep_ms(10);
	}
	return -ETIMEDOUT;
}

void nl_reader_fn(int arg)
{
	(void)arg;
	nl_reader();
}

void stop_process(pid_t *pid)
{
	int i;

	if (*pid <= 0)
		return;
	kill(*pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(*pid, NULL, WNOHANG) == *pid)
			break;
		sleep_ms(10);
	}
	if (i == 300) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

/* Waits until nothing has arrived for idle_ms (at most 10 s). */
void quiesce(unsigned int idle_ms)
{
	unsigned long long t = load64(&sh->total), e = load64(&sh->events);
	int i;

	for (i = 0; i < 10000 / (int)idle_ms; i++) {
		sleep_ms(idle_ms);
		if (load64(&sh->total) == t && load64(&sh->events) == e)
			return;
		t = load64(&sh->total);
		e = load64(&sh->events);
	}
}

pid_t find_kauditd(void)
{
	char path[96], comm[32];
	pid_t pid;
	FILE *f;

	for (pid = 2; pid < 1000; pid++) {
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) &&
		    !strncmp(comm, "kauditd", 7)) {
			fclose(f);
			return pid;
		}
		fclose(f);
	}
	return 0;
}

/* --- auditd ---------------------------------------------------------------- */

static char auditd_dir[] = "/tmp/bench-auditd";
static char auditd_log[] = "/tmp/bench-auditd/audit.log";
static off_t auditd_off;
static char auditd_partial[1024];
static unsigned long long auditd_count;
unsigned int audit_prog_id;

/* Counts the 1427 records of audit_deny that auditd has written since. */
unsigned long long auditd_read(void)
{
	char buf[65536 + sizeof(auditd_partial)], needle[48];
	int fd = open(auditd_log, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return auditd_count;
	snprintf(needle, sizeof(needle), "prog-id=%u ", audit_prog_id);
	lseek(fd, auditd_off, SEEK_SET);
	for (;;) {
		size_t keep = strlen(auditd_partial);
		char *line, *nl;

		memcpy(buf, auditd_partial, keep);
		n = read(fd, buf + keep, sizeof(buf) - keep - 1 -
			 sizeof(auditd_partial));
		if (n <= 0)
			break;
		auditd_off += n;
		buf[keep + n] = 0;
		line = buf;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			if ((strstr(line, "type=UNKNOWN[1427]") ||
			     strstr(line, "type=BPF_LSM_ACCESS")) &&
			    strstr(line, needle))
				auditd_count++;
			line = nl + 1;
		}
		/* A partial line longer than a record is none of ours. */
		keep = strlen(line);
		if (keep >= sizeof(auditd_partial))
			keep = 0;
		memcpy(auditd_partial, line, keep);
		auditd_partial[keep] = 0;
	}
	close(fd);
	return auditd_count;
}

/* Debian's auditd.conf, with its log in /tmp and no rotation. */
static int auditd_config(void)
{
	FILE *in = fopen("/etc/audit/auditd.conf", "r"), *out;
	char line[512], path[128];

	if (!in)
		return -errno;
	mkdir(auditd_dir, 0750);
	snprintf(path, sizeof(path), "%s/auditd.conf", auditd_dir);
	out = fopen(path, "w");
	if (!out) {
		fclose(in);
		return -errno;
	}
	fchmod(fileno(out), 0640);
	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "log_file", 8))
			fprintf(out, "log_file = %s\n", auditd_log);
		else if (!strncmp(line, "max_log_file_action", 19))
			fprintf(out, "max_log_file_action = IGNORE\n");
		else
			fputs(line, out);
	}
	fclose(in);
	fclose(out);
	unlink(auditd_log);
	auditd_off = 0;
	auditd_partial[0] = 0;
	auditd_count = 0;
	return 0;
}

pid_t start_auditd(void)
{
	struct audit_status s;
	pid_t pid;
	int i, err = auditd_config();

	if (err)
		return err;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		dup2(null, 2);
		execlp("auditd", "auditd", "-n", "-c", auditd_dir, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 500; i++) {
		if (!bla_audit_get_status(&ctl, &s) && s.pid == (__u32)pid)
			return pid;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -ECHILD;
		sleep_ms(20);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -ETIMEDOUT;
}
