// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bpf_audit_log_*() kfuncs, end to end: a real hook triggered from
 * user space, the record read back over NETLINK_AUDIT and compared whole,
 * the verdict checked, and every kfunc's return code asserted.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "audit_kfuncs.skel.h"
#include "audit_kfuncs.h"
#include "test.h"

#define RECORD_TIMEOUT_MS 3000

static struct audit_kfuncs *skel;
static int audit_fd = -1;
static struct audit_record rec;

/*
 * Resets the program's inputs and outputs between tests, and drops any
 * record a failed test left behind so it cannot fail the next one.
 */
static void reset(int mode)
{
	audit_drain(audit_fd);
	memset(skel->bss->rc, 0x7f, sizeof(skel->bss->rc));
	skel->bss->mode = mode;
	skel->bss->records = 0;
	skel->bss->start_null = 0;
	skel->bss->deny_port = -1;
}

/*
 * Receives the next AUDIT_BPF_LSM_ACCESS record and compares its body with
 * "prog-id=ID pid=TGID comm=\"test_kfuncs\"" followed by the formatted
 * fields.  Returns 0 or -1 after saying what differed.
 */
static int __attribute__((format(printf, 2, 3)))
expect_record(struct bpf_program *prog, const char *fields_fmt, ...)
{
	char want[AUDIT_BODY_MAX + 1], fields[4096];
	va_list ap;
	int err;

	va_start(ap, fields_fmt);
	vsnprintf(fields, sizeof(fields), fields_fmt, ap);
	va_end(ap);
	snprintf(want, sizeof(want), "prog-id=%u pid=%d comm=\"test_kfuncs\"%s",
		 bpf_prog_id(prog), getpid(), fields);

	err = audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, RECORD_TIMEOUT_MS);
	if (err)
		return fail("no record (%s); expected: %s", strerror(-err), want);
	expect_str(rec.body, want);
	return 0;
}

/* No further record may arrive: what was refused left no trace. */
static int expect_no_record(void)
{
	int err = audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, 300);

	if (err != -ETIMEDOUT)
		return fail("unexpected record: %s", err ? strerror(-err) : rec.body);
	return 0;
}

static int attach(struct bpf_program *prog, struct bpf_link **link)
{
	*link = bpf_program__attach(prog);
	if (!*link)
		return fail("attach %s: %s", bpf_program__name(prog),
			    strerror(errno));
	return 0;
}

static int bind_to(int family, const char *addr, int port)
{
	struct sockaddr_storage ss = {};
	socklen_t len;
	int fd, err = 0;

	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		inet_pton(AF_INET, addr, &in->sin_addr);
		len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		inet_pton(AF_INET6, addr, &in6->sin6_addr);
		len = sizeof(*in6);
	}
	fd = socket(family, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&ss, len))
		err = -errno;
	close(fd);
	return err;
}

static int test_bind_ipv4_denied_and_allowed(void)
{
	struct bpf_link *link;
	int err = -1;

	if (attach(skel->progs.bind_audit, &link))
		return -1;
	reset(0);
	skel->bss->deny_port = 1234;

	/* Denied: the program's verdict stands, and is logged. */
	if (bind_to(AF_INET, "127.0.0.1", 1234) != -EPERM) {
		err = fail("bind to port 1234 was not denied with EPERM");
		goto out;
	}
	if (expect_record(skel->progs.bind_audit,
			  " cause=\"bind4\" saddr=127.0.0.1 src=1234 netif=lo"))
		goto out;
	/* Allowed: logging does not turn it into a denial. */
	if (bind_to(AF_INET, "127.0.0.1", 1235)) {
		err = fail("bind to port 1235: %s", strerror(errno));
		goto out;
	}
	if (expect_record(skel->progs.bind_audit,
			  " cause=\"bind4\" saddr=127.0.0.1 src=1235 netif=lo"))
		goto out;
	expect_eq(skel->bss->rc[0], 0);
	expect_eq(skel->bss->rc[1], 0);
	err = 0;
out:
	bpf_link__destroy(link);
	return err;
}

static int test_bind_ipv6(void)
{
	struct bpf_link *link;
	int err = -1;

	if (attach(skel->progs.bind_audit, &link))
		return -1;
	reset(0);
	skel->bss->deny_port = 1236;
	if (bind_to(AF_INET6, "::1", 1236) != -EPERM) {
		err = fail("bind to [::1]:1236 was not denied with EPERM");
		goto out;
	}
	err = expect_record(skel->progs.bind_audit,
			    " cause=\"bind6\" saddr=::1 src=1236 netif=lo");
out:
	bpf_link__destroy(link);
	return err;
}

static int test_connect_ipv6_daddr(void)
{
	struct sockaddr_in6 dst = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(4321),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	struct bpf_link *link;
	int fd, err = -1;

	if (attach(skel->progs.connect_audit, &link))
		return -1;
	reset(0);
	skel->bss->deny_port = 4321;
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) != -1 ||
	    errno != EPERM) {
		err = fail("connect to [::1]:4321 was not denied with EPERM");
		goto out;
	}
	err = expect_record(skel->progs.connect_audit,
			    " cause=\"connect\" daddr=::1 dest=4321");
	if (!err) {
		expect_eq(skel->bss->rc[1], 0);
	}
out:
	close(fd);
	bpf_link__destroy(link);
	return err;
}

/*
 * getsockopt(SO_PRIORITY) on fd, with the program logging the socket:
 * must be denied and leave a record with these fields.  Closes fd.
 */
static int getsockopt_record(int fd, const char *fields)
{
	struct bpf_link *link;
	int prio, err = -1;
	socklen_t len = sizeof(prio);

	if (attach(skel->progs.getsockopt_audit, &link))
		goto out;
	reset(0);
	skel->bss->watch_optname = SO_PRIORITY;
	if (getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, &len) != -1 ||
	    errno != EPERM)
		err = fail("getsockopt(SO_PRIORITY) was not denied with EPERM");
	else
		err = expect_record(skel->progs.getsockopt_audit, "%s", fields);
	bpf_link__destroy(link);
out:
	close(fd);
	return err;
}

static int test_getsockopt_net_sock(void)
{
	struct sockaddr_in src = {
		.sin_family = AF_INET,
		.sin_port = htons(5001),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in dst = src;
	int fd;

	dst.sin_port = htons(5002);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) ||
	    connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
		close(fd);
		return fail("socket setup: %s", strerror(errno));
	}
	return getsockopt_record(fd, " cause=\"getsockopt\" laddr=127.0.0.1 lport=5001 faddr=127.0.0.1 fport=5002 netif=lo");
}

/* A bound unix socket's address is a path: logged as path=. */
static int test_net_sock_unix_path(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	strcpy(addr.sun_path, "/tmp/bla-sock");
	unlink(addr.sun_path);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		close(fd);
		return fail("bind unix: %s", strerror(errno));
	}
	return getsockopt_record(fd, " cause=\"getsockopt\" path=\"/tmp/bla-sock\" netif=lo");
}

/* Creates a file in /tmp and returns its inode number, or 0. */
static unsigned long make_file(const char *path)
{
	struct stat st;
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);

	if (fd < 0)
		return 0;
	close(fd);
	if (stat(path, &st))
		return 0;
	return st.st_ino;
}

/* Opens the file with the program in the given mode: must be denied. */
static int open_denied(struct bpf_program *prog, int mode, const char *path,
		       unsigned long *ino)
{
	struct bpf_link *link;
	int fd, err = 0;

	*ino = make_file(path);
	if (!*ino)
		return fail("create %s: %s", path, strerror(errno));
	if (attach(prog, &link))
		return -1;
	reset(mode);
	skel->bss->watch_ino = *ino;
	fd = open(path, O_RDONLY);
	if (fd >= 0 || errno != EPERM) {
		err = fail("open(%s) was not denied with EPERM", path);
		if (fd >= 0)
			close(fd);
	}
	bpf_link__destroy(link);
	return err;
}

static int test_file_open_file(void)
{
	unsigned long ino;

	if (open_denied(skel->progs.open_audit, MODE_FILE, "/tmp/bla-file", &ino))
		return -1;
	if (expect_record(skel->progs.open_audit,
			  " cause=\"open\" path=\"/tmp/bla-file\" dev=\"tmpfs\" ino=%lu",
			  ino))
		return -1;
	expect_eq(skel->bss->rc[0], 0);
	expect_eq(skel->bss->rc[1], 0);
	return 0;
}

static int test_file_open_path(void)
{
	unsigned long ino;

	if (open_denied(skel->progs.open_audit, MODE_PATH, "/tmp/bla-path", &ino))
		return -1;
	return expect_record(skel->progs.open_audit,
			     " path=\"/tmp/bla-path\" dev=\"tmpfs\" ino=%lu cause=\"open-path\"",
			     ino);
}

static int test_file_open_inode(void)
{
	unsigned long ino;

	if (open_denied(skel->progs.open_audit, MODE_INODE, "/tmp/bla-inode", &ino))
		return -1;
	expect_eq(skel->bss->rc[0], 0);
	return expect_record(skel->progs.open_audit,
			     " name=\"bla-inode\" dev=\"tmpfs\" ino=%lu", ino);
}

static int test_fs_object_once_per_record(void)
{
	unsigned long ino;

	if (open_denied(skel->progs.open_audit, MODE_FS_GROUP, "/tmp/bla-once", &ino))
		return -1;
	expect_eq(skel->bss->rc[0], 0);
	expect_eq(skel->bss->rc[1], -EINVAL);	/* file after path */
	expect_eq(skel->bss->rc[2], -EINVAL);	/* inode after path */
	expect_eq(skel->bss->rc[3], -EINVAL);	/* ioctl_op after path */
	expect_eq(skel->bss->rc[4], -EINVAL);	/* path again */
	return expect_record(skel->progs.open_audit,
			     " path=\"/tmp/bla-once\" dev=\"tmpfs\" ino=%lu", ino);
}

static int test_sleepable_file_open(void)
{
	unsigned long ino;

	if (open_denied(skel->progs.open_audit_sleepable, 0, "/tmp/bla-sleep", &ino))
		return -1;
	expect_eq(skel->bss->rc[0], 0);
	expect_eq(skel->bss->rc[1], 0);
	return expect_record(skel->progs.open_audit_sleepable,
			     " cause=\"open-sleepable\" path=\"/tmp/bla-sleep\" dev=\"tmpfs\" ino=%lu",
			     ino);
}

static int test_ioctl_op(void)
{
	struct bpf_link *link;
	struct stat st;
	int fd, err = -1, arg;

	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return fail("/dev/null: %s", strerror(errno));
	if (attach(skel->progs.ioctl_audit, &link)) {
		close(fd);
		return -1;
	}
	reset(0);
	skel->bss->watch_cmd = 0x5401; /* TCGETS */
	if (ioctl(fd, 0x5401, &arg) != -1 || errno != EPERM) {
		err = fail("ioctl(TCGETS) was not denied with EPERM");
		goto out;
	}
	err = expect_record(skel->progs.ioctl_audit,
			    " path=\"/dev/null\" dev=\"devtmpfs\" ino=%lu ioctlcmd=0x5401",
			    (unsigned long)st.st_ino);
out:
	close(fd);
	bpf_link__destroy(link);
	return err;
}

static int test_readlink_dentry(void)
{
	struct bpf_link *link;
	struct stat st;
	char buf[64];
	int err = -1;

	unlink("/tmp/bla-link");
	if (symlink("/tmp/bla-file", "/tmp/bla-link") ||
	    lstat("/tmp/bla-link", &st))
		return fail("symlink: %s", strerror(errno));
	if (attach(skel->progs.readlink_audit, &link))
		return -1;
	reset(0);
	skel->bss->watch_ino = st.st_ino;
	if (readlink("/tmp/bla-link", buf, sizeof(buf)) != -1 || errno != EPERM) {
		err = fail("readlink was not denied with EPERM");
		goto out;
	}
	err = expect_record(skel->progs.readlink_audit,
			    " cause=\"readlink\" name=\"bla-link\" dev=\"tmpfs\" ino=%lu",
			    (unsigned long)st.st_ino);
out:
	bpf_link__destroy(link);
	return err;
}

static int test_capable_cap(void)
{
	struct bpf_link *link;
	int err = -1;

	if (attach(skel->progs.capable_audit, &link))
		return -1;
	reset(0);
	skel->bss->watch_cap = 18; /* CAP_SYS_CHROOT */
	if (chroot("/") != -1 || errno != EPERM) {
		err = fail("chroot was not denied with EPERM");
		goto out;
	}
	/* lsm_audit.c prints "capability=%d " with a trailing space. */
	err = expect_record(skel->progs.capable_audit,
			    " cause=\"capable\" capability=18 ");
out:
	bpf_link__destroy(link);
	return err;
}

static int test_kill_task(void)
{
	struct bpf_link *link;
	int err = -1, status;
	pid_t child;

	child = fork();
	if (child < 0)
		return fail("fork: %s", strerror(errno));
	if (!child) {
		prctl(PR_SET_NAME, "bla victim");
		pause();
		_exit(0);
	}
	if (attach(skel->progs.kill_audit, &link))
		goto out_child;
	reset(0);
	skel->bss->watch_sig = SIGUSR1;
	usleep(100000); /* let the child set its name */
	if (kill(child, SIGUSR1) != -1 || errno != EPERM) {
		err = fail("kill(SIGUSR1) was not denied with EPERM");
		goto out_link;
	}
	/* The comm has a space: logged in hex, like any untrusted string. */
	err = expect_record(skel->progs.kill_audit,
			    " cause=\"kill\" opid=%d ocomm=626C612076696374696D",
			    child);
out_link:
	bpf_link__destroy(link);
out_child:
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	return err;
}

/* Runs the task_getpgid program in one mode and returns its record. */
static int getpgid_mode(int mode, struct bpf_link **link)
{
	if (attach(skel->progs.getpgid_audit, link))
		return -1;
	reset(mode);
	if (getpgid(getpid()) < 0)
		return fail("getpgid: %s", strerror(errno));
	bpf_link__destroy(*link);
	*link = NULL;
	return 0;
}

static int test_cap_errors(void)
{
	struct bpf_link *link;

	if (getpgid_mode(MODE_CAP_ERRORS, &link))
		return -1;
	expect_eq(skel->bss->rc[0], -EINVAL);	/* -1 */
	expect_eq(skel->bss->rc[1], -EINVAL);	/* CAP_LAST_CAP + 1 */
	expect_eq(skel->bss->rc[2], -EINVAL);	/* INT_MAX */
	expect_eq(skel->bss->rc[3], 0);		/* CAP_SYS_ADMIN */
	expect_eq(skel->bss->rc[4], -EINVAL);	/* again */
	expect_eq(skel->bss->rc[5], -EINVAL);	/* another one */
	return expect_record(skel->progs.getpgid_audit, " capability=21 ");
}

/* connect() with the given address; the program denies every one. */
static int connect_errors(int family, const void *addr, socklen_t len)
{
	struct bpf_link *link;
	int fd, err = 0;

	fd = socket(family, SOCK_DGRAM, 0);
	if (fd < 0)
		return fail("socket: %s", strerror(errno));
	if (attach(skel->progs.connect_errors, &link)) {
		close(fd);
		return -1;
	}
	reset(0);
	if (connect(fd, addr, len) != -1 || errno != EPERM)
		err = fail("connect was not denied with EPERM");
	bpf_link__destroy(link);
	close(fd);
	return err;
}

static int test_net_sockaddr_errors(void)
{
	struct sockaddr_in6 in6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(65535),
	};
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(7),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_un un = { .sun_family = AF_UNIX };

	inet_pton(AF_INET6, "2001:db8::2", &in6.sin6_addr);

	/* A valid address: logged once, then the network group is full. */
	if (connect_errors(AF_INET6, &in6, sizeof(in6)))
		return -1;
	expect_eq(skel->bss->rc[0], -EINVAL);	/* both NULL */
	expect_eq(skel->bss->rc[1], -EINVAL);	/* negative length */
	expect_eq(skel->bss->rc[2], 0);
	expect_eq(skel->bss->rc[3], -EINVAL);	/* network fields again */
	expect_eq(skel->bss->rc[4], -EINVAL);	/* net_sock after sockaddr */
	expect_eq(skel->bss->rc[5], -EINVAL);	/* zero length */
	if (expect_record(skel->progs.connect_errors,
			  " saddr=2001:db8::2 src=65535 daddr=2001:db8::2 dest=65535 netif=lo"))
		return -1;

	/* Too short for its family: refused, the record has no address. */
	if (connect_errors(AF_INET6, &in6, 24 - 1 /* SIN6_LEN_RFC2133 - 1 */))
		return -1;
	expect_eq(skel->bss->rc[2], -EINVAL);
	expect_eq(skel->bss->rc[3], -EINVAL);
	expect_eq(skel->bss->rc[5], -EINVAL);
	expect_eq(skel->bss->rc[4], 0);		/* the group is still free */
	if (expect_record(skel->progs.connect_errors, "%s", ""))
		return -1;
	if (connect_errors(AF_INET, &in, sizeof(in) - 1))
		return -1;
	expect_eq(skel->bss->rc[2], -EINVAL);
	if (expect_record(skel->progs.connect_errors, "%s", ""))
		return -1;

	/* A family the kfunc does not know. */
	strcpy(un.sun_path, "/tmp/bla-unix");
	if (connect_errors(AF_UNIX, &un, sizeof(un)))
		return -1;
	expect_eq(skel->bss->rc[1], -EAFNOSUPPORT);	/* family before length */
	expect_eq(skel->bss->rc[2], -EAFNOSUPPORT);
	expect_eq(skel->bss->rc[3], -EAFNOSUPPORT);
	expect_eq(skel->bss->rc[5], -EAFNOSUPPORT);
	return expect_record(skel->progs.connect_errors, "%s", "");
}

static int test_once_per_kind(void)
{
	struct bpf_link *link;

	if (getpgid_mode(MODE_TWICE, &link))
		return -1;
	expect_eq(skel->bss->rc[0], 0);
	expect_eq(skel->bss->rc[1], -EINVAL);
	expect_eq(skel->bss->rc[2], 0);
	expect_eq(skel->bss->rc[3], -EINVAL);
	return expect_record(skel->progs.getpgid_audit,
			     " cause=\"first\" opid=%d ocomm=\"test_kfuncs\"",
			     getpid());
}

static int test_cause_escaping(void)
{
	/* What each cause of log_cause() must become in the record. */
	static const struct {
		int rc;
		const char *field;
	} want[] = {
		{ 0, " cause=\"plain-cause_1.0\"" },
		{ 0, " cause=74776F20776F726473" },
		{ 0, " cause=782220666F726765643D2231" },
		{ 0, " cause=\"a=b\"" },
		{ 0, " cause=636166C3A9" },
		{ 0, " cause=6C696E650A627265616B" },
		{ 0, " cause=\"\"" },
		{ 0, NULL },		/* 256 bytes: built below */
		{ -E2BIG, "" },		/* 257 bytes: refused, record unchanged */
		{ 0, " cause=7461620968657265" },
	};
	char long_field[300];
	struct bpf_link *link;
	unsigned int i;

	snprintf(long_field, sizeof(long_field), " cause=\"%0256d\"", 0);
	memset(long_field + 8, 'a', 256);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (getpgid_mode(MODE_CAUSE + i, &link))
			return -1;
		if (skel->bss->rc[0] != want[i].rc)
			return fail("cause %u: rc %d, expected %d", i,
				    skel->bss->rc[0], want[i].rc);
		if (expect_record(skel->progs.getpgid_audit, "%s",
				  want[i].field ?: long_field))
			return fail("cause %u", i);
	}
	return 0;
}

static int test_lsm_cgroup(void)
{
	struct bpf_link *link;
	int cg, err = -1;

	mkdir("/tmp/bla-cgroup", 0755);
	if (mount("none", "/tmp/bla-cgroup", "cgroup2", 0, NULL) && errno != EBUSY)
		return fail("mount cgroup2: %s", strerror(errno));
	cg = open("/tmp/bla-cgroup", O_RDONLY | O_DIRECTORY);
	if (cg < 0)
		return fail("open cgroup: %s", strerror(errno));
	link = bpf_program__attach_cgroup(skel->progs.bind_audit_cgroup, cg);
	if (!link) {
		err = fail("attach lsm_cgroup: %s", strerror(errno));
		goto out;
	}
	reset(0);
	skel->bss->deny_port = 1240;
	if (bind_to(AF_INET, "127.0.0.1", 1240) != -EPERM) {
		err = fail("bind was not denied by the lsm_cgroup program");
		goto out_link;
	}
	err = expect_record(skel->progs.bind_audit_cgroup,
			    " cause=\"bind-cgroup\" saddr=127.0.0.1 src=1240");
out_link:
	bpf_link__destroy(link);
out:
	close(cg);
	umount("/tmp/bla-cgroup");
	return err;
}

static int test_audit_disabled_start_null(void)
{
	struct bpf_link *link;
	int err = -1;

	if (audit_set_enabled(0))
		return fail("disable audit");
	if (attach(skel->progs.bind_audit, &link))
		goto out;
	reset(0);
	skel->bss->deny_port = 1237;
	/* No record, but the verdict is the same. */
	if (bind_to(AF_INET, "127.0.0.1", 1237) != -EPERM) {
		err = fail("bind was not denied with audit disabled");
		goto out_link;
	}
	expect_eq(skel->bss->start_null, 1);
	expect_eq(skel->bss->records, 0);
	err = expect_no_record();
out_link:
	bpf_link__destroy(link);
out:
	audit_set_enabled(1);
	return err;
}

static const struct test tests[] = {
	TEST(test_bind_ipv4_denied_and_allowed),
	TEST(test_bind_ipv6),
	TEST(test_connect_ipv6_daddr),
	TEST(test_getsockopt_net_sock),
	TEST(test_net_sock_unix_path),
	TEST(test_file_open_file),
	TEST(test_file_open_path),
	TEST(test_file_open_inode),
	TEST(test_fs_object_once_per_record),
	TEST(test_sleepable_file_open),
	TEST(test_ioctl_op),
	TEST(test_readlink_dentry),
	TEST(test_capable_cap),
	TEST(test_kill_task),
	TEST(test_cap_errors),
	TEST(test_net_sockaddr_errors),
	TEST(test_once_per_kind),
	TEST(test_cause_escaping),
	TEST(test_lsm_cgroup),
	TEST(test_audit_disabled_start_null),
};

int main(int argc, char **argv)
{
	int ret;

	audit_fd = audit_open();
	if (audit_fd < 0) {
		fprintf(stderr, "audit_open: %s\n", strerror(-audit_fd));
		return 1;
	}
	skel = audit_kfuncs__open_and_load();
	if (!skel) {
		fprintf(stderr, "load audit_kfuncs: %s\n", strerror(errno));
		return 1;
	}
	skel->bss->target_tgid = getpid();
	audit_drain(audit_fd);
	ret = run_tests("kfuncs", tests, sizeof(tests) / sizeof(tests[0]),
			argc, argv);
	audit_kfuncs__destroy(skel);
	audit_close(audit_fd);
	return ret;
}
