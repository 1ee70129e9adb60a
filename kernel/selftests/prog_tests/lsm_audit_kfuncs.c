// SPDX-License-Identifier: GPL-2.0
/*
 * The bpf_audit_log_*() kfuncs of BPF LSM programs, end to end.
 *
 * The test process enables auditing and registers itself as the audit
 * daemon.  It attaches one program of test_lsm_audit_kfuncs at a time,
 * triggers the program's hook itself and reads the AUDIT_BPF_LSM_ACCESS
 * record back, comparing its whole body with the expected one:
 *
 *   prog-id=ID pid=TGID comm="COMM" <fields> lsm-hook=HOOK decision=DECISION
 *
 * The kfuncs' return codes and the hook's verdict are checked as well.
 * What the verifier refuses is in lsm_audit_kfuncs_fail.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <test_progs.h>

#include "cap_helpers.h"
#include "lsm_audit_helpers.h"
#include "lsm_audit_kfuncs_fail.skel.h"
#include "lsm_audit_kfuncs_kptr.skel.h"
#include "test_lsm_audit_kfuncs.skel.h"

#define REFUSED_MSG "calling kernel function bpf_audit_log_start is not allowed"

static struct test_lsm_audit_kfuncs *skel;
static struct lsm_audit audit = { .fd = -1 };
static char tmp_dir[64];
static char comm[16];
static char body[LSM_AUDIT_MSG_MAX + 1];
static char log_buf[1 << 20];

static __u32 prog_id(struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int err;

	err = bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len);
	if (!ASSERT_OK(err, "bpf_prog_get_info_by_fd"))
		return 0;
	return info.id;
}

/* The next record's body must be @want, whole. */
static bool expect_body(const char *want)
{
	int err;

	err = lsm_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, body, sizeof(body),
			     LSM_AUDIT_TIMEOUT_MS);
	if (!ASSERT_OK(err, "audit record")) {
		printf("expected record: %s\n", want);
		return false;
	}
	return ASSERT_STREQ(body, want, "audit record");
}

/*
 * The next record must be the program's, made by this process in task
 * context, with @fields_fmt after its subject fields.
 */
static __printf(2, 3)
bool expect_record(struct bpf_program *prog, const char *fields_fmt, ...)
{
	char want[4096], fields[2048];
	va_list ap;

	va_start(ap, fields_fmt);
	vsnprintf(fields, sizeof(fields), fields_fmt, ap);
	va_end(ap);
	snprintf(want, sizeof(want), "prog-id=%u pid=%d comm=\"%s\"%s",
		 prog_id(prog), getpid(), comm, fields);
	return expect_body(want);
}

/* No record may come: what was refused left no trace. */
static bool expect_no_record(void)
{
	int err;

	err = lsm_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, body, sizeof(body),
			     LSM_AUDIT_QUIET_MS);
	if (!err)
		printf("unexpected record: %s\n", body);
	return ASSERT_EQ(err, -ETIMEDOUT, "no audit record");
}

/* Drops what a previous subtest may have left; resets the programs' data. */
static void reset(void)
{
	lsm_audit_drain(&audit);
	memset(skel->bss->rc, 0x7f, sizeof(skel->bss->rc));
	skel->bss->start_null = 0;
	skel->bss->deny_port = -1;
	skel->bss->watch_port = 0;
}

static struct bpf_link *attach(struct bpf_program *prog)
{
	struct bpf_link *link;

	reset();
	link = bpf_program__attach(prog);
	if (!ASSERT_OK_PTR(link, bpf_program__name(prog)))
		return NULL;
	return link;
}

static void tmp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmp_dir, name);
}

/* Creates a file in the test's tmpfs; returns its inode number or 0. */
static unsigned long make_file(const char *path)
{
	struct stat st;
	int fd;

	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
	if (!ASSERT_OK_FD(fd, "create file"))
		return 0;
	close(fd);
	if (!ASSERT_OK(stat(path, &st), "stat file"))
		return 0;
	return st.st_ino;
}

static socklen_t make_addr(struct sockaddr_storage *ss, int family,
			   const char *addr, int port)
{
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *in = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		inet_pton(AF_INET, addr, &in->sin_addr);
		return sizeof(*in);
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(port);
	inet_pton(AF_INET6, addr, &in6->sin6_addr);
	return sizeof(*in6);
}

/* bind() of a new datagram socket: 0 or -errno. */
static int bind_to(int family, const char *addr, int port)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, family, addr, port);
	int fd, err = 0;

	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&ss, len))
		err = -errno;
	close(fd);
	return err;
}

static void test_bind_ipv4(void)
{
	struct bpf_program *prog = skel->progs.bind_audit;
	struct bpf_link *link;
	bool ok;

	link = attach(prog);
	if (!link)
		return;
	skel->bss->deny_port = 1234;

	/* Denied: the program's verdict stands, and is logged. */
	if (!ASSERT_EQ(bind_to(AF_INET, "127.0.0.1", 1234), -EPERM, "denied"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"bind4\" saddr=127.0.0.1 src=1234 netif=lo lsm-hook=socket_bind decision=denied");
	if (!ok)
		goto cleanup;

	/* Allowed: logging does not turn it into a denial. */
	if (!ASSERT_OK(bind_to(AF_INET, "127.0.0.1", 1235), "allowed"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"bind4\" saddr=127.0.0.1 src=1235 netif=lo lsm-hook=socket_bind decision=allowed");
	if (!ok)
		goto cleanup;
	ASSERT_EQ(skel->bss->rc[0], 0, "cause");
	ASSERT_EQ(skel->bss->rc[1], 0, "net_sockaddr");
	ASSERT_EQ(skel->bss->rc[2], 0, "decision");
cleanup:
	bpf_link__destroy(link);
}

static void test_bind_ipv6(void)
{
	struct bpf_program *prog = skel->progs.bind_audit;
	struct bpf_link *link;

	link = attach(prog);
	if (!link)
		return;
	skel->bss->deny_port = 1236;
	if (ASSERT_EQ(bind_to(AF_INET6, "::1", 1236), -EPERM, "denied"))
		expect_record(prog,
			      " cause=\"bind6\" saddr=::1 src=1236 netif=lo lsm-hook=socket_bind decision=denied");
	bpf_link__destroy(link);
}

/* The RFC's own program, and the fields its selftest looks for. */
static void test_rfc_style(void)
{
	struct bpf_program *prog = skel->progs.rfc_bind;
	struct bpf_link *link;
	bool ok;

	link = attach(prog);
	if (!link)
		return;
	if (!ASSERT_OK(bind_to(AF_INET, "127.0.0.1", 1234), "bind"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"bind4\" saddr=127.0.0.1 src=1234 netif=lo lsm-hook=socket_bind decision=unknown");
	if (ok)
		ASSERT_HAS_SUBSTR(body,
				  "cause=\"bind4\" saddr=127.0.0.1 src=1234 netif=lo",
				  "RFC fields");
cleanup:
	bpf_link__destroy(link);
}

static void test_connect_ipv6(void)
{
	struct bpf_program *prog = skel->progs.connect_audit;
	struct sockaddr_storage dst;
	socklen_t len = make_addr(&dst, AF_INET6, "::1", 4321);
	struct bpf_link *link;
	int fd;
	bool ok;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(fd, "socket"))
		return;
	link = attach(prog);
	if (!link)
		goto cleanup;
	skel->bss->deny_port = 4321;
	if (!ASSERT_ERR(connect(fd, (struct sockaddr *)&dst, len), "connect") ||
	    !ASSERT_EQ(errno, EPERM, "denied"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"connect\" daddr=::1 dest=4321 lsm-hook=socket_connect decision=denied");
	if (ok)
		ASSERT_EQ(skel->bss->rc[1], 0, "net_sockaddr");
cleanup:
	bpf_link__destroy(link);
	close(fd);
}

static void test_lsm_cgroup(void)
{
	struct bpf_program *prog = skel->progs.bind_audit_cgroup;
	struct bpf_link *link = NULL;
	char cg_dir[80];
	int cg = -1;
	bool ok;

	tmp_path(cg_dir, sizeof(cg_dir), "cgroup");
	if (!ASSERT_OK(mkdir(cg_dir, 0700), "mkdir cgroup") ||
	    !ASSERT_OK(mount("none", cg_dir, "cgroup2", 0, NULL), "mount cgroup2"))
		return;
	cg = open(cg_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!ASSERT_OK_FD(cg, "open cgroup"))
		goto cleanup;
	reset();
	link = bpf_program__attach_cgroup(prog, cg);
	if (!ASSERT_OK_PTR(link, "attach lsm_cgroup"))
		goto cleanup;
	skel->bss->deny_port = 1240;
	if (!ASSERT_EQ(bind_to(AF_INET, "127.0.0.1", 1240), -EPERM, "denied"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"bind-cgroup\" saddr=127.0.0.1 src=1240 lsm-hook=socket_bind decision=denied");
	if (ok)
		ASSERT_EQ(skel->bss->rc[1], 0, "net_sockaddr");
cleanup:
	bpf_link__destroy(link);
	if (cg >= 0)
		close(cg);
	umount(cg_dir);
}

/*
 * getsockopt(SO_PRIORITY) on @fd with @prog attached: must be denied and
 * leave a record with @fields.
 */
static bool getsockopt_record(struct bpf_program *prog, int fd,
			      const char *fields)
{
	struct bpf_link *link;
	socklen_t len;
	bool ok = false;
	int prio;

	link = attach(prog);
	if (!link)
		return false;
	skel->bss->watch_optname = SO_PRIORITY;
	len = sizeof(prio);
	if (ASSERT_ERR(getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, &len),
		       "getsockopt") &&
	    ASSERT_EQ(errno, EPERM, "denied"))
		ok = expect_record(prog, "%s", fields);
	bpf_link__destroy(link);
	return ok;
}

static void test_net_sock_inet(void)
{
	struct bpf_program *prog = skel->progs.getsockopt_audit;
	struct sockaddr_storage src, dst;
	socklen_t len;
	int fd;
	bool ok;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(fd, "socket"))
		return;
	len = make_addr(&src, AF_INET, "127.0.0.1", 5001);
	make_addr(&dst, AF_INET, "127.0.0.1", 5002);
	if (!ASSERT_OK(bind(fd, (struct sockaddr *)&src, len), "bind") ||
	    !ASSERT_OK(connect(fd, (struct sockaddr *)&dst, len), "connect"))
		goto cleanup;
	ok = getsockopt_record(prog, fd,
			       " cause=\"getsockopt\" laddr=127.0.0.1 lport=5001 faddr=127.0.0.1 fport=5002 netif=lo lsm-hook=socket_getsockopt decision=denied");
	if (ok)
		ASSERT_EQ(skel->bss->rc[1], 0, "net_sock");
cleanup:
	close(fd);
}

/* A bound unix socket's address is a path: logged as path=. */
static void test_net_sock_unix(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char fields[256];
	int fd;

	tmp_path(addr.sun_path, sizeof(addr.sun_path), "sock");
	snprintf(fields, sizeof(fields),
		 " cause=\"getsockopt\" path=\"%s\" netif=lo lsm-hook=socket_getsockopt decision=denied",
		 addr.sun_path);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(fd, "socket"))
		return;
	if (ASSERT_OK(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), "bind") &&
	    getsockopt_record(skel->progs.getsockopt_audit, fd, fields))
		ASSERT_EQ(skel->bss->rc[1], 0, "net_sock");
	close(fd);
	unlink(addr.sun_path);
}

/*
 * An unbound socket has no address to log: with no interface either,
 * there would be nothing to log.  An interface must exist.
 */
static void test_net_sock_errors(void)
{
	static const int families[] = { AF_INET, AF_UNIX };
	int *rc = skel->bss->rc;
	int i, fd;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(families); i++) {
		fd = socket(families[i], SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (!ASSERT_OK_FD(fd, "socket"))
			return;
		ok = getsockopt_record(skel->progs.getsockopt_errors, fd,
				       " netif=lo lsm-hook=socket_getsockopt decision=unknown");
		close(fd);
		if (!ok)
			return;
		ASSERT_EQ(rc[0], -ENODATA, "no address");
		ASSERT_EQ(rc[1], -EINVAL, "negative netif");
		ASSERT_EQ(rc[2], -ENODEV, "no such netif");
		ASSERT_EQ(rc[3], 0, "netif alone");
		ASSERT_EQ(rc[4], -EINVAL, "network fields again");
	}
}

/* socket_accept() runs before the new socket has a sock. */
static void test_net_sock_no_sk(void)
{
	struct bpf_program *prog = skel->progs.accept_audit;
	struct sockaddr_storage addr;
	int srv, cli = -1, fd, one = 1;
	struct bpf_link *link;
	socklen_t len;
	bool ok;

	len = make_addr(&addr, AF_INET, "127.0.0.1", 5010);
	srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(srv, "server socket"))
		return;
	cli = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(cli, "client socket") ||
	    !ASSERT_OK(setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one,
				  sizeof(one)), "SO_REUSEADDR") ||
	    !ASSERT_OK(bind(srv, (struct sockaddr *)&addr, len), "bind") ||
	    !ASSERT_OK(listen(srv, 1), "listen") ||
	    !ASSERT_OK(connect(cli, (struct sockaddr *)&addr, len), "connect"))
		goto out;
	link = attach(prog);
	if (!link)
		goto out;
	fd = accept(srv, NULL, NULL);
	bpf_link__destroy(link);
	if (!ASSERT_OK_FD(fd, "accept"))
		goto out;
	close(fd);
	ok = expect_record(prog,
			   " cause=\"accept\" laddr=127.0.0.1 lport=5010 lsm-hook=socket_accept decision=allowed");
	if (ok) {
		ASSERT_EQ(skel->bss->rc[1], -EINVAL, "socket without sock");
		ASSERT_EQ(skel->bss->rc[2], 0, "listening socket");
	}
out:
	if (cli >= 0)
		close(cli);
	close(srv);
}

/*
 * With IP_PASSSEC, receiving a datagram asks for the peer's security
 * context of the datagram with a NULL socket.
 */
static void test_net_sock_null(void)
{
	struct bpf_program *prog = skel->progs.getpeersec_audit;
	char data[8], cbuf[256];
	struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct sockaddr_storage addr;
	struct bpf_link *link;
	int fd, one = 1;
	ssize_t n;
	socklen_t len;
	bool ok;

	len = make_addr(&addr, AF_INET, "127.0.0.1", 5020);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(fd, "socket"))
		return;
	if (!ASSERT_OK(setsockopt(fd, SOL_IP, IP_PASSSEC, &one, sizeof(one)),
		       "IP_PASSSEC") ||
	    !ASSERT_OK(bind(fd, (struct sockaddr *)&addr, len), "bind"))
		goto cleanup;
	n = sendto(fd, "x", 1, 0, (struct sockaddr *)&addr, len);
	if (!ASSERT_EQ(n, 1, "sendto"))
		goto cleanup;
	link = attach(prog);
	if (!link)
		goto cleanup;
	n = recvmsg(fd, &msg, 0);
	bpf_link__destroy(link);
	if (!ASSERT_EQ(n, 1, "recvmsg"))
		goto cleanup;
	ok = expect_record(prog,
			   " cause=\"getpeersec\" lsm-hook=socket_getpeersec_dgram decision=unknown");
	if (ok)
		ASSERT_EQ(skel->bss->rc[1], -EINVAL, "NULL socket");
cleanup:
	close(fd);
}

/* connect() with @addr; the program denies every one. */
static bool connect_denied(struct bpf_program *prog, int family,
			   const void *addr, socklen_t len)
{
	struct bpf_link *link;
	bool ok = false;
	int fd;

	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(fd, "socket"))
		return false;
	link = attach(prog);
	if (link) {
		ok = ASSERT_ERR(connect(fd, addr, len), "connect") &&
		     ASSERT_EQ(errno, EPERM, "denied");
		bpf_link__destroy(link);
	}
	close(fd);
	return ok;
}

static void test_net_sockaddr_errors(void)
{
	struct bpf_program *prog = skel->progs.connect_errors;
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_storage in6, in;
	int *rc = skel->bss->rc;
	socklen_t len6, len4;
	bool ok;

	len6 = make_addr(&in6, AF_INET6, "2001:db8::2", 65535);
	len4 = make_addr(&in, AF_INET, "127.0.0.1", 7);

	/* A valid address: logged once, then the network fields are taken. */
	if (!connect_denied(prog, AF_INET6, &in6, len6))
		return;
	ok = expect_record(prog,
			   " saddr=2001:db8::2 src=65535 daddr=2001:db8::2 dest=65535 netif=lo lsm-hook=socket_connect decision=unknown");
	if (!ok)
		return;
	ASSERT_EQ(rc[0], -EINVAL, "both NULL");
	ASSERT_EQ(rc[1], -EINVAL, "negative netif");
	ASSERT_EQ(rc[2], -ENODEV, "no such netif");
	ASSERT_EQ(rc[3], 0, "source and destination");
	ASSERT_EQ(rc[4], -EINVAL, "network fields again");
	ASSERT_EQ(rc[5], -EINVAL, "net_sock after net_sockaddr");

	/* Too short for its family: refused, the network fields stay free. */
	if (!connect_denied(prog, AF_INET6, &in6, 24 - 1) ||
	    !expect_record(prog, " netif=lo lsm-hook=socket_connect decision=unknown"))
		return;
	ASSERT_EQ(rc[1], -EINVAL, "short ipv6, negative netif");
	ASSERT_EQ(rc[2], -EINVAL, "short ipv6, no such netif");
	ASSERT_EQ(rc[3], -EINVAL, "short ipv6");
	ASSERT_EQ(rc[4], -EINVAL, "short ipv6 destination");
	ASSERT_EQ(rc[5], 0, "net_sock");
	if (!connect_denied(prog, AF_INET, &in, len4 - 1) ||
	    !expect_record(prog, " netif=lo lsm-hook=socket_connect decision=unknown"))
		return;
	ASSERT_EQ(rc[3], -EINVAL, "short ipv4");
	ASSERT_EQ(rc[5], 0, "net_sock");

	/* A family the kfunc does not log. */
	tmp_path(un.sun_path, sizeof(un.sun_path), "nowhere");
	if (!connect_denied(prog, AF_UNIX, &un, sizeof(un)) ||
	    !expect_record(prog, " netif=lo lsm-hook=socket_connect decision=unknown"))
		return;
	ASSERT_EQ(rc[1], -EAFNOSUPPORT, "unix, negative netif");
	ASSERT_EQ(rc[2], -EAFNOSUPPORT, "unix, no such netif");
	ASSERT_EQ(rc[3], -EAFNOSUPPORT, "unix");
	ASSERT_EQ(rc[4], -EAFNOSUPPORT, "unix destination");
	ASSERT_EQ(rc[5], 0, "net_sock");
}

/*
 * A length that does not cover the family, or exceeds a struct
 * sockaddr_storage, is refused before anything is read: even the family
 * of an AF_UNIX address, which would be refused with -EAFNOSUPPORT.
 */
static void test_net_sockaddr_addrlen(void)
{
	static const char * const what[] = {
		"addrlen 0", "addrlen 1", "addrlen 2", "addrlen 129",
		"addrlen INT_MAX", "addrlen -1", "addrlen 128", "decision",
	};
	static const int want_in6[] = {
		-EINVAL, -EINVAL, -EINVAL, -EINVAL,
		-EINVAL, -EINVAL, 0, 0,
	};
	static const int want_unix[] = {
		-EINVAL, -EINVAL, -EAFNOSUPPORT, -EINVAL,
		-EINVAL, -EINVAL, -EAFNOSUPPORT, 0,
	};
	struct bpf_program *prog = skel->progs.connect_addrlen;
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_storage in6;
	socklen_t len6;
	int i;

	len6 = make_addr(&in6, AF_INET6, "2001:db8::2", 65535);
	if (!connect_denied(prog, AF_INET6, &in6, len6) ||
	    !expect_record(prog,
			   " saddr=2001:db8::2 src=65535 lsm-hook=socket_connect decision=denied"))
		return;
	for (i = 0; i < ARRAY_SIZE(want_in6); i++)
		ASSERT_EQ(skel->bss->rc[i], want_in6[i], what[i]);

	tmp_path(un.sun_path, sizeof(un.sun_path), "nowhere");
	if (!connect_denied(prog, AF_UNIX, &un, sizeof(un)) ||
	    !expect_record(prog, " lsm-hook=socket_connect decision=denied"))
		return;
	for (i = 0; i < ARRAY_SIZE(want_unix); i++)
		ASSERT_EQ(skel->bss->rc[i], want_unix[i], what[i]);
}

/*
 * Creates the file @name in the test's tmpfs and opens it with @prog
 * attached and watching its inode: the open must be denied.  Returns the
 * inode number, or 0.
 */
static unsigned long open_denied(struct bpf_program *prog, char *path,
				 size_t size, const char *name)
{
	struct bpf_link *link;
	unsigned long ino;
	int fd;

	tmp_path(path, size, name);
	ino = make_file(path);
	if (!ino)
		return 0;
	link = attach(prog);
	if (!link)
		return 0;
	skel->bss->watch_ino = ino;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	bpf_link__destroy(link);
	if (!ASSERT_ERR_FD(fd, "open")) {
		close(fd);
		return 0;
	}
	return ASSERT_EQ(errno, EPERM, "denied") ? ino : 0;
}

static void test_file_open_file(void)
{
	struct bpf_program *prog = skel->progs.open_file;
	unsigned long ino;
	char path[80];
	bool ok;

	ino = open_denied(prog, path, sizeof(path), "file");
	if (!ino)
		return;
	ok = expect_record(prog,
			   " cause=\"open\" path=\"%s\" dev=\"tmpfs\" ino=%lu lsm-hook=file_open decision=denied",
			   path, ino);
	if (!ok)
		return;
	ASSERT_EQ(skel->bss->rc[0], 0, "cause");
	ASSERT_EQ(skel->bss->rc[1], 0, "file");
	ASSERT_EQ(skel->bss->rc[2], 0, "decision");
}

static void test_file_open_path(void)
{
	struct bpf_program *prog = skel->progs.open_path;
	unsigned long ino;
	char path[80];

	/* The fields in call order: the path, then the cause. */
	ino = open_denied(prog, path, sizeof(path), "path");
	if (ino)
		expect_record(prog,
			      " path=\"%s\" dev=\"tmpfs\" ino=%lu cause=\"open-path\" lsm-hook=file_open decision=unknown",
			      path, ino);
}

static void test_file_open_inode(void)
{
	struct bpf_program *prog = skel->progs.open_inode;
	unsigned long ino;
	char path[80];

	ino = open_denied(prog, path, sizeof(path), "inode");
	if (ino)
		expect_record(prog,
			      " name=\"inode\" dev=\"tmpfs\" ino=%lu lsm-hook=file_open decision=unknown",
			      ino);
}

static void test_fs_object_once(void)
{
	struct bpf_program *prog = skel->progs.open_fs_once;
	int *rc = skel->bss->rc;
	unsigned long ino;
	char path[80];
	bool ok;

	ino = open_denied(prog, path, sizeof(path), "once");
	if (!ino)
		return;
	ok = expect_record(prog,
			   " path=\"%s\" dev=\"tmpfs\" ino=%lu lsm-hook=file_open decision=unknown",
			   path, ino);
	if (!ok)
		return;
	ASSERT_EQ(rc[0], 0, "path");
	ASSERT_EQ(rc[1], -EINVAL, "file after path");
	ASSERT_EQ(rc[2], -EINVAL, "inode after path");
	ASSERT_EQ(rc[3], -EINVAL, "ioctl_op after path");
	ASSERT_EQ(rc[4], -EINVAL, "path again");
}

static void test_sleepable(void)
{
	struct bpf_program *prog = skel->progs.open_sleepable;
	unsigned long ino;
	char path[80];

	ino = open_denied(prog, path, sizeof(path), "sleep");
	if (ino)
		expect_record(prog,
			      " cause=\"open-sleepable\" path=\"%s\" dev=\"tmpfs\" ino=%lu lsm-hook=file_open decision=denied",
			      path, ino);
}

static void test_ioctl_op(void)
{
	struct bpf_program *prog = skel->progs.ioctl_audit;
	struct bpf_link *link;
	struct stat st;
	int fd, ret, arg;

	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (!ASSERT_OK_FD(fd, "open /dev/null"))
		return;
	if (!ASSERT_OK(fstat(fd, &st), "fstat"))
		goto cleanup;
	link = attach(prog);
	if (!link)
		goto cleanup;
	skel->bss->watch_cmd = TCGETS;
	ret = ioctl(fd, TCGETS, &arg);
	bpf_link__destroy(link);
	if (ASSERT_ERR(ret, "ioctl") && ASSERT_EQ(errno, EPERM, "denied"))
		expect_record(prog,
			      " path=\"/dev/null\" dev=\"devtmpfs\" ino=%lu ioctlcmd=0x5401 lsm-hook=file_ioctl decision=unknown",
			      (unsigned long)st.st_ino);
cleanup:
	close(fd);
}

static void test_readlink_dentry(void)
{
	struct bpf_program *prog = skel->progs.readlink_audit;
	char path[80], buf[64];
	struct bpf_link *link;
	struct stat st;
	ssize_t ret;

	tmp_path(path, sizeof(path), "link");
	if (!ASSERT_OK(symlink("file", path), "symlink") ||
	    !ASSERT_OK(lstat(path, &st), "lstat"))
		return;
	link = attach(prog);
	if (!link)
		return;
	skel->bss->watch_ino = st.st_ino;
	ret = readlink(path, buf, sizeof(buf));
	bpf_link__destroy(link);
	if (ASSERT_ERR(ret, "readlink") && ASSERT_EQ(errno, EPERM, "denied"))
		expect_record(prog,
			      " cause=\"readlink\" name=\"link\" dev=\"tmpfs\" ino=%lu lsm-hook=inode_readlink decision=unknown",
			      (unsigned long)st.st_ino);
}

/* A file being created has a negative dentry: a name, but no inode. */
static void test_negative_dentry(void)
{
	struct bpf_program *prog = skel->progs.create_audit;
	struct bpf_link *link;
	char dir[80], path[96];
	struct stat st;
	int fd;
	bool ok;

	tmp_path(dir, sizeof(dir), "dir");
	snprintf(path, sizeof(path), "%s/new", dir);
	if (!ASSERT_OK(mkdir(dir, 0700), "mkdir") ||
	    !ASSERT_OK(stat(dir, &st), "stat"))
		return;
	link = attach(prog);
	if (!link)
		return;
	skel->bss->watch_ino = st.st_ino;
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	bpf_link__destroy(link);
	if (!ASSERT_ERR_FD(fd, "create")) {
		close(fd);
		return;
	}
	if (!ASSERT_EQ(errno, EPERM, "denied"))
		return;
	ok = expect_record(prog,
			   " cause=\"create\" name=\"new\" lsm-hook=inode_create decision=denied");
	if (!ok)
		return;
	ASSERT_EQ(skel->bss->rc[0], -ENOENT, "no inode");
	ASSERT_EQ(skel->bss->rc[2], 0, "dentry");
}

/*
 * Opens a second instance of the skeleton in which only @name is loaded,
 * with its verifier log in log_buf.
 */
static struct test_lsm_audit_kfuncs *open_alone(const char *name)
{
	struct test_lsm_audit_kfuncs *alone;
	struct bpf_program *prog;

	alone = test_lsm_audit_kfuncs__open();
	if (!ASSERT_OK_PTR(alone, "open skeleton"))
		return NULL;
	bpf_object__for_each_program(prog, alone->obj)
		bpf_program__set_autoload(prog,
					  !strcmp(bpf_program__name(prog), name));
	prog = bpf_object__find_program_by_name(alone->obj, name);
	if (!ASSERT_OK_PTR(prog, name)) {
		test_lsm_audit_kfuncs__destroy(alone);
		return NULL;
	}
	log_buf[0] = '\0';
	bpf_program__set_log_buf(prog, log_buf, sizeof(log_buf));
	return alone;
}

/*
 * mmap_file() has no file for an anonymous mapping.  Where the hook's file
 * argument is known to be nullable the verifier refuses the program;
 * where it is not, the kfuncs refuse the NULL file, and the pointer
 * derived from it, at run time.
 */
static void test_mmap_anonymous(void)
{
	struct test_lsm_audit_kfuncs *alone;
	struct bpf_program *prog;
	struct bpf_link *link;
	int *rc;
	void *addr;
	bool ok;

	alone = open_alone("mmap_anon");
	if (!alone)
		return;
	if (test_lsm_audit_kfuncs__load(alone)) {
		printf("mmap_file's file is nullable here: refused at load\n");
		ASSERT_HAS_SUBSTR(log_buf,
				  "Possibly NULL pointer passed to trusted R2",
				  "verifier log");
		goto cleanup;
	}
	printf("mmap_file's file is not nullable here: checked at run time\n");
	prog = alone->progs.mmap_anon;
	rc = alone->bss->rc;
	lsm_audit_drain(&audit);
	memset(rc, 0x7f, sizeof(alone->bss->rc));
	alone->bss->target_tgid = getpid();
	alone->bss->watch_prot = PROT_READ;
	link = bpf_program__attach(prog);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto cleanup;
	addr = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bpf_link__destroy(link);
	if (addr != MAP_FAILED) {
		ASSERT_FAIL("anonymous mmap was not denied");
		munmap(addr, 4096);
		goto cleanup;
	}
	if (!ASSERT_EQ(errno, EPERM, "denied"))
		goto cleanup;
	ok = expect_record(prog, " cause=\"mmap\" lsm-hook=mmap_file decision=denied");
	if (!ok)
		goto cleanup;
	ASSERT_EQ(rc[0], -EINVAL, "NULL file");
	ASSERT_EQ(rc[1], -EINVAL, "path of a NULL file");
	ASSERT_EQ(rc[2], -EINVAL, "ioctl_op of a NULL file");
	ASSERT_EQ(rc[3], 0, "cause");
cleanup:
	test_lsm_audit_kfuncs__destroy(alone);
}

static void test_capable(void)
{
	struct bpf_program *prog = skel->progs.capable_audit;
	struct bpf_link *link;
	int ret;

	link = attach(prog);
	if (!link)
		return;
	skel->bss->watch_cap = CAP_SYS_CHROOT;
	ret = chroot("/");
	bpf_link__destroy(link);
	if (ASSERT_ERR(ret, "chroot") && ASSERT_EQ(errno, EPERM, "denied"))
		expect_record(prog,
			      " cause=\"capable\" capability=18 lsm-hook=capable decision=denied");
}

static void test_task_kill(void)
{
	struct bpf_program *prog = skel->progs.kill_audit;
	const char *name = "lsm victim";
	struct bpf_link *link;
	int i, ret, pipefd[2];
	char ocomm[32];
	pid_t child;

	if (!ASSERT_OK(pipe(pipefd), "pipe"))
		return;
	child = fork();
	if (!ASSERT_GE(child, 0, "fork")) {
		close(pipefd[0]);
		close(pipefd[1]);
		return;
	}
	if (!child) {
		prctl(PR_SET_NAME, name);
		close(pipefd[0]);
		close(pipefd[1]);
		pause();
		_exit(0);
	}
	/* The child has its name once its end of the pipe is closed. */
	close(pipefd[1]);
	ASSERT_EQ(read(pipefd[0], &i, 1), 0, "child ready");
	close(pipefd[0]);
	/* A comm with a space is logged in hexadecimal. */
	for (i = 0; name[i]; i++)
		sprintf(ocomm + 2 * i, "%02X", (unsigned char)name[i]);
	link = attach(prog);
	if (!link)
		goto cleanup;
	skel->bss->watch_sig = SIGUSR1;
	ret = kill(child, SIGUSR1);
	bpf_link__destroy(link);
	if (ASSERT_ERR(ret, "kill") && ASSERT_EQ(errno, EPERM, "denied"))
		expect_record(prog,
			      " cause=\"kill\" opid=%d ocomm=%s lsm-hook=task_kill decision=denied",
			      child, ocomm);
cleanup:
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/* Runs @prog on getpgid(); true if the syscall succeeded. */
static bool run_getpgid(struct bpf_program *prog)
{
	struct bpf_link *link;
	pid_t pgid;

	link = attach(prog);
	if (!link)
		return false;
	/* getpgid(0) does not ask the LSMs. */
	pgid = getpgid(getpid());
	bpf_link__destroy(link);
	return ASSERT_GE(pgid, 0, "getpgid");
}

static void test_cap_errors(void)
{
	struct bpf_program *prog = skel->progs.pgid_cap_errors;
	int *rc = skel->bss->rc;

	if (!run_getpgid(prog) ||
	    !expect_record(prog, " capability=21 lsm-hook=task_getpgid decision=unknown"))
		return;
	ASSERT_EQ(rc[0], -EINVAL, "cap -1");
	ASSERT_EQ(rc[1], -EINVAL, "cap 41");
	ASSERT_EQ(rc[2], -EINVAL, "cap INT_MAX");
	ASSERT_EQ(rc[3], 0, "CAP_SYS_ADMIN");
	ASSERT_EQ(rc[4], -EINVAL, "CAP_SYS_ADMIN again");
	ASSERT_EQ(rc[5], -EINVAL, "another cap");
}

static void test_once_per_kind(void)
{
	struct bpf_program *prog = skel->progs.pgid_twice;
	int *rc = skel->bss->rc;
	bool ok;

	if (!run_getpgid(prog))
		return;
	ok = expect_record(prog,
			   " cause=\"first\" opid=%d ocomm=\"%s\" lsm-hook=task_getpgid decision=unknown",
			   getpid(), comm);
	if (!ok)
		return;
	ASSERT_EQ(rc[0], 0, "cause");
	ASSERT_EQ(rc[1], -EINVAL, "cause again");
	ASSERT_EQ(rc[2], 0, "task");
	ASSERT_EQ(rc[3], -EINVAL, "task again");
}

static void test_cause_escaping(void)
{
	/* What each cause of log_cause() becomes in the record. */
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
		{ 0, NULL },		/* 256 bytes, built below */
		{ -E2BIG, "" },		/* 257 bytes: refused */
		{ 0, " cause=7461620968657265" },
	};
	struct bpf_program *prog = skel->progs.pgid_cause;
	char long_field[300];
	int i;

	snprintf(long_field, sizeof(long_field), " cause=\"%0256d\"", 0);
	memset(long_field + 8, 'a', 256);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		skel->bss->cause_idx = i;
		if (!run_getpgid(prog) ||
		    !ASSERT_EQ(skel->bss->rc[0], want[i].rc, "cause rc") ||
		    !expect_record(prog, "%s lsm-hook=task_getpgid decision=unknown",
				   want[i].field ?: long_field)) {
			printf("cause #%d\n", i);
			return;
		}
	}
}

/*
 * decision= says what the program decided: allowed for 0, denied for a
 * negative errno, unknown when the program did not say.
 */
static void test_decision(void)
{
	struct bpf_program *prog;
	int *rc = skel->bss->rc;

	prog = skel->progs.pgid_allowed;
	if (!run_getpgid(prog) ||
	    !expect_record(prog, " lsm-hook=task_getpgid decision=allowed"))
		return;
	ASSERT_EQ(rc[0], 0, "allowed");
	ASSERT_EQ(rc[1], -EINVAL, "a second decision");

	prog = skel->progs.pgid_decision_errors;
	if (!run_getpgid(prog) ||
	    !expect_record(prog, " lsm-hook=task_getpgid decision=denied"))
		return;
	ASSERT_EQ(rc[0], -EINVAL, "positive");
	ASSERT_EQ(rc[1], -EINVAL, "below -MAX_ERRNO");
	ASSERT_EQ(rc[2], -EINVAL, "INT_MAX");
	ASSERT_EQ(rc[3], -EINVAL, "INT_MIN");
	ASSERT_EQ(rc[4], 0, "-MAX_ERRNO");
	ASSERT_EQ(rc[5], -EINVAL, "a second decision");

	prog = skel->progs.pgid_cause;
	skel->bss->cause_idx = 0;
	if (run_getpgid(prog))
		expect_record(prog,
			      " cause=\"plain-cause_1.0\" lsm-hook=task_getpgid decision=unknown");
}

/*
 * A datagram is received in softirq context: the record names no task and
 * is an event of its own.
 */
static void test_interrupt_context(void)
{
	struct bpf_program *prog = skel->progs.rcv_audit;
	struct sockaddr_storage addr;
	int rx = -1, tx = -1;
	struct bpf_link *link;
	char want[256], c;
	socklen_t len;
	ssize_t n;

	len = make_addr(&addr, AF_INET, "127.0.0.1", 5030);
	rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_OK_FD(rx, "socket") || !ASSERT_OK_FD(tx, "socket") ||
	    !ASSERT_OK(bind(rx, (struct sockaddr *)&addr, len), "bind"))
		goto out;
	link = attach(prog);
	if (!link)
		goto out;
	skel->bss->watch_port = 5030;
	n = sendto(tx, "x", 1, 0, (struct sockaddr *)&addr, len);
	if (ASSERT_EQ(n, 1, "sendto"))
		ASSERT_EQ(recv(rx, &c, 1, 0), 1, "recv");
	skel->bss->watch_port = 0;
	bpf_link__destroy(link);
	snprintf(want, sizeof(want),
		 "prog-id=%u pid=-1 comm=? cause=\"rcv\" lsm-hook=socket_sock_rcv_skb decision=allowed",
		 prog_id(prog));
	expect_body(want);
out:
	if (tx >= 0)
		close(tx);
	if (rx >= 0)
		close(rx);
}

/* The audit daemon's own accesses are recorded, as by every LSM. */
static void test_audit_daemon_access(void)
{
	struct bpf_program *prog = skel->progs.pgid_cause;
	struct audit_status status = {};

	if (!ASSERT_OK(lsm_audit_get_status(&audit, &status), "AUDIT_GET") ||
	    !ASSERT_EQ((pid_t)status.pid, getpid(), "audit daemon"))
		return;
	skel->bss->cause_idx = 3;
	if (run_getpgid(prog))
		expect_record(prog, " cause=\"a=b\" lsm-hook=task_getpgid decision=unknown");
}

/* With auditing disabled there is no record, and the program knows it. */
static void test_audit_disabled(void)
{
	struct bpf_link *link;

	if (!ASSERT_OK(lsm_audit_set_enabled(&audit, 0), "disable audit"))
		return;
	link = attach(skel->progs.bind_audit);
	if (link) {
		skel->bss->deny_port = 1237;
		if (ASSERT_EQ(bind_to(AF_INET, "127.0.0.1", 1237), -ENOMEM,
			      "no record, -ENOMEM")) {
			ASSERT_EQ(skel->bss->start_null, 1, "start returned NULL");
			expect_no_record();
		}
		bpf_link__destroy(link);
	}
	ASSERT_OK(lsm_audit_set_enabled(&audit, 1), "enable audit");
}

/*
 * An extension runs in place of an LSM program's global function but is
 * not an LSM program: the kfuncs are refused to it, and only them.
 */
static void test_extension_refused(void)
{
	int target_fd = bpf_program__fd(skel->progs.ext_target);
	struct test_lsm_audit_kfuncs *ext;
	int err;

	ext = open_alone("decide_audited");
	if (!ext)
		return;
	bpf_program__set_attach_target(ext->progs.decide_audited, target_fd,
				       "decide");
	err = test_lsm_audit_kfuncs__load(ext);
	test_lsm_audit_kfuncs__destroy(ext);
	if (!ASSERT_ERR(err, "extension with the kfuncs loaded") ||
	    !ASSERT_HAS_SUBSTR(log_buf, REFUSED_MSG, "verifier log"))
		return;

	ext = open_alone("decide_plain");
	if (!ext)
		return;
	bpf_program__set_attach_target(ext->progs.decide_plain, target_fd,
				       "decide");
	err = test_lsm_audit_kfuncs__load(ext);
	if (!ASSERT_OK(err, "extension without the kfuncs"))
		printf("%s", log_buf);
	test_lsm_audit_kfuncs__destroy(ext);
}

/*
 * The context has no destructor kfunc: BTF that makes it a kptr is refused,
 * so no map can keep a record past the program run that opened it.
 */
static void test_kptr_refused(void)
{
	struct lsm_audit_kfuncs_kptr *kptr;
	int err;

	kptr = lsm_audit_kfuncs_kptr__open();
	if (!ASSERT_OK_PTR(kptr, "open"))
		return;
	err = btf__load_into_kernel(bpf_object__btf(kptr->obj));
	if (!ASSERT_EQ(err, -ENOENT, "BTF with a kptr to the context"))
		goto cleanup;
	/* Without its BTF, the map cannot take a kptr at all. */
	log_buf[0] = '\0';
	bpf_program__set_log_buf(kptr->progs.stash_kptr, log_buf,
				 sizeof(log_buf));
	err = lsm_audit_kfuncs_kptr__load(kptr);
	if (ASSERT_ERR(err, "program stashing the context loaded"))
		ASSERT_HAS_SUBSTR(log_buf,
				  "map 'kptr_stash' has to have BTF in order to use bpf_kptr_xchg",
				  "verifier log");
cleanup:
	lsm_audit_kfuncs_kptr__destroy(kptr);
}

/*
 * Writing to the audit trail takes CAP_AUDIT_WRITE: without it, a loader
 * that keeps every other capability (CAP_BPF, CAP_PERFMON, CAP_MAC_ADMIN)
 * is refused the kfuncs.
 */
static void test_cap_audit_write(void)
{
	struct test_lsm_audit_kfuncs *alone;
	__u64 old_caps = 0;
	int err;

	alone = open_alone("rfc_bind");
	if (!alone)
		return;
	err = cap_disable_effective(1ULL << CAP_AUDIT_WRITE, &old_caps);
	if (!ASSERT_OK(err, "drop CAP_AUDIT_WRITE"))
		goto cleanup;
	err = test_lsm_audit_kfuncs__load(alone);
	ASSERT_OK(cap_enable_effective(old_caps, NULL), "restore capabilities");
	if (!ASSERT_ERR(err, "loaded without CAP_AUDIT_WRITE") ||
	    !ASSERT_HAS_SUBSTR(log_buf, REFUSED_MSG, "verifier log"))
		goto cleanup;
	test_lsm_audit_kfuncs__destroy(alone);

	/* The same program loads with the capability. */
	alone = open_alone("rfc_bind");
	if (!alone)
		return;
	err = test_lsm_audit_kfuncs__load(alone);
	if (!ASSERT_OK(err, "load with CAP_AUDIT_WRITE"))
		printf("%s", log_buf);
cleanup:
	test_lsm_audit_kfuncs__destroy(alone);
}

static const struct {
	const char *name;
	void (*run)(void);
} subtests[] = {
	{ "bind_ipv4", test_bind_ipv4 },
	{ "bind_ipv6", test_bind_ipv6 },
	{ "rfc_style", test_rfc_style },
	{ "connect_ipv6", test_connect_ipv6 },
	{ "lsm_cgroup", test_lsm_cgroup },
	{ "net_sock_inet", test_net_sock_inet },
	{ "net_sock_unix", test_net_sock_unix },
	{ "net_sock_errors", test_net_sock_errors },
	{ "net_sock_no_sk", test_net_sock_no_sk },
	{ "net_sock_null", test_net_sock_null },
	{ "net_sockaddr_errors", test_net_sockaddr_errors },
	{ "net_sockaddr_addrlen", test_net_sockaddr_addrlen },
	{ "file_open_file", test_file_open_file },
	{ "file_open_path", test_file_open_path },
	{ "file_open_inode", test_file_open_inode },
	{ "fs_object_once", test_fs_object_once },
	{ "sleepable", test_sleepable },
	{ "ioctl_op", test_ioctl_op },
	{ "readlink_dentry", test_readlink_dentry },
	{ "negative_dentry", test_negative_dentry },
	{ "mmap_anonymous", test_mmap_anonymous },
	{ "capable", test_capable },
	{ "task_kill", test_task_kill },
	{ "cap_errors", test_cap_errors },
	{ "once_per_kind", test_once_per_kind },
	{ "cause_escaping", test_cause_escaping },
	{ "decision", test_decision },
	{ "interrupt_context", test_interrupt_context },
	{ "audit_daemon_access", test_audit_daemon_access },
	{ "audit_disabled", test_audit_disabled },
	{ "extension_refused", test_extension_refused },
	{ "kptr_refused", test_kptr_refused },
	{ "cap_audit_write", test_cap_audit_write },
};

void serial_test_lsm_audit_kfuncs(void)
{
	bool mounted = false;
	int i;

	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/lsm_audit_kfuncs.XXXXXX");
	if (!ASSERT_OK(prctl(PR_GET_NAME, comm), "PR_GET_NAME") ||
	    !ASSERT_OK_PTR(mkdtemp(tmp_dir), "mkdtemp"))
		return;
	if (!ASSERT_OK(mount("tmpfs", tmp_dir, "tmpfs", 0, NULL), "mount"))
		goto cleanup;
	mounted = true;
	skel = test_lsm_audit_kfuncs__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		goto cleanup;
	skel->bss->target_tgid = getpid();
	if (!ASSERT_OK(lsm_audit_open(&audit), "become the audit daemon"))
		goto cleanup;

	for (i = 0; i < ARRAY_SIZE(subtests); i++) {
		if (test__start_subtest(subtests[i].name))
			subtests[i].run();
	}

cleanup:
	ASSERT_OK(lsm_audit_close(&audit), "restore the audit status");
	test_lsm_audit_kfuncs__destroy(skel);
	skel = NULL;
	if (mounted)
		umount2(tmp_dir, MNT_DETACH);
	rmdir(tmp_dir);
}

void test_lsm_audit_kfuncs_fail(void)
{
	RUN_TESTS(lsm_audit_kfuncs_fail);
}
