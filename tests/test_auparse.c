// SPDX-License-Identifier: GPL-2.0-only
/*
 * libauparse reads every field of every record kind.  Each test makes one
 * record with one kfunc (tests/bpf/kinds.bpf.c): cause and decision, cap,
 * path, file, ioctl_op, dentry, inode, task, net_sock (inet and unix) and
 * net_hook_addr (IPv4 source and destination, IPv6, and a unix address,
 * which the kfunc refuses).  It checks the record's body whole, writes it
 * as auditd writes it to its log (type=UNKNOWN[1427] msg=audit(...): ...)
 * and has libauparse read it back: the fields in order, then each field
 * found by name with auparse_find_field(), its value with
 * auparse_get_field_str() and its interpretation with
 * auparse_interpret_field(), each compared exactly.
 *
 * The interpretations are those of the system's libauparse (stock 3.0.9
 * on the build machine), which does not know type 1427: it decodes comm=,
 * ocomm=, path= and name= (quoted or hexadecimal), capability= and
 * ioctlcmd=, and reads saddr= as a hexadecimal sockaddr, which it is not
 * (docs/design.md, known limitations).  Every other field reads as written.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
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
#include <auparse.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "kinds.skel.h"
#include "test.h"

#define COMM "test_auparse"
#define CAUSE "auparse"
#define LOOPBACK_IFINDEX 1

/* The file_open program's modes (enum kinds_fs). */
#define KINDS_FILE 0
#define KINDS_PATH 1
#define KINDS_INODE 2

#define V4_ADDR "127.0.0.1"
#define V6_ADDR "::1"
#define LOCAL_PORT 5401
#define PEER_PORT 5402

/* A target process name with a space: written in hexadecimal. */
#define VICTIM_COMM "lsm victim"
#define VICTIM_COMM_HEX "6C736D2076696374696D"

/* A file name with a space, in hexadecimal. */
#define SPACED_NAME "two words"
#define SPACED_NAME_HEX "74776F20776F726473"

/*
 * What stock libauparse makes of saddr= for these addresses, taking them
 * for hexadecimal sockaddrs.
 */
#define V4_SADDR_AS_SOCKADDR "unknown-family(28690)"
#define V6_SADDR_AS_SOCKADDR "malformed-host(::1)"

/* The time stamp written in the log line; auparse does not check it. */
#define LOG_STAMP "1700000000.000"

#define MAX_FIELDS 16
#define NAME_MAX_LEN 32
#define VALUE_MAX_LEN 256
#define LOG_LINE_MAX (BLA_AUDIT_BODY_MAX + 128)
#define RECORD_TIMEOUT_MS 3000

static struct kinds *skel;
static char tmp_dir[64];
static bool tmp_mounted;

/* --- expected fields --------------------------------------------------------- */

struct expect {
	int n;
	struct {
		char name[NAME_MAX_LEN];
		char value[VALUE_MAX_LEN];	/* as written */
		char interp[VALUE_MAX_LEN];	/* as auparse interprets it */
	} f[MAX_FIELDS];
};

/* Adds name=value, which auparse interprets as interp (NULL: as value). */
static __attribute__((format(printf, 4, 5)))
void add(struct expect *e, const char *name, const char *interp,
	 const char *fmt, ...)
{
	va_list ap;

	if (e->n >= MAX_FIELDS) {
		ASSERT_FAIL("more than %d fields", MAX_FIELDS);
		return;
	}
	snprintf(e->f[e->n].name, NAME_MAX_LEN, "%s", name);
	va_start(ap, fmt);
	vsnprintf(e->f[e->n].value, VALUE_MAX_LEN, fmt, ap);
	va_end(ap);
	snprintf(e->f[e->n].interp, VALUE_MAX_LEN, "%s",
		 interp ? interp : e->f[e->n].value);
	e->n++;
}

/* The subject and cause every record of the programs starts with. */
static void expect_start(struct expect *e, struct bpf_program *prog)
{
	e->n = 0;
	add(e, "type", NULL, "UNKNOWN[%d]", AUDIT_BPF_LSM_ACCESS);
	add(e, "prog-id", NULL, "%u", bpf_prog_id(prog));
	add(e, "pid", NULL, "%d", getpid());
	add(e, "comm", COMM, "\"%s\"", COMM);
	/* auparse does not interpret cause=: the quotes stay. */
	add(e, "cause", NULL, "\"%s\"", CAUSE);
}

static void expect_end(struct expect *e, const char *hook, const char *decision)
{
	add(e, "lsm-hook", NULL, "%s", hook);
	add(e, "decision", NULL, "%s", decision);
}

/* A quoted path or name: auparse drops the quotes. */
static void add_quoted(struct expect *e, const char *name, const char *text)
{
	add(e, name, text, "\"%s\"", text);
}

/* --- auparse ----------------------------------------------------------------- */

/*
 * The record as auditd writes it, read back by libauparse: every field, in
 * order, by name, with its value and its interpretation.
 */
static void check_with_auparse(const struct bla_audit_record *rec,
			       const struct expect *e)
{
	char line[LOG_LINE_MAX], what[sizeof("interpreted ") + NAME_MAX_LEN];
	const au_event_t *stamp;
	auparse_state_t *au;
	const char *value;
	int i;

	snprintf(line, sizeof(line), "type=UNKNOWN[%d] msg=audit(" LOG_STAMP ":%llu): %s\n",
		 AUDIT_BPF_LSM_ACCESS, rec->serial, rec->body);
	au = auparse_init(AUSOURCE_BUFFER, line);
	if (!ASSERT_TRUE(au != NULL, "auparse_init"))
		return;
	if (!ASSERT_EQ(auparse_next_event(au), 1, "auparse: an event") ||
	    !ASSERT_EQ(auparse_get_type(au), AUDIT_BPF_LSM_ACCESS, "auparse: type") ||
	    !ASSERT_EQ(auparse_get_num_records(au), 1U, "auparse: records"))
		goto out;
	stamp = auparse_get_timestamp(au);
	if (!ASSERT_TRUE(stamp != NULL, "auparse: time stamp") ||
	    !ASSERT_EQ(stamp->serial, rec->serial, "auparse: serial"))
		goto out;
	if (!ASSERT_EQ((long long)auparse_get_num_fields(au), e->n, "auparse: fields"))
		goto out;

	/* The names in order. */
	if (!ASSERT_EQ(auparse_first_field(au), 1, "auparse: first field"))
		goto out;
	for (i = 0; i < e->n; i++) {
		if (!ASSERT_STREQ(auparse_get_field_name(au), e->f[i].name,
				  "auparse: field name"))
			goto out;
		if (i + 1 < e->n &&
		    !ASSERT_EQ(auparse_next_field(au), 1, "auparse: next field"))
			goto out;
	}

	/* Each field by name: its value, and what auparse makes of it. */
	for (i = 0; i < e->n; i++) {
		if (!ASSERT_EQ(auparse_first_record(au), 1, "auparse: first record"))
			goto out;
		value = auparse_find_field(au, e->f[i].name);
		if (!value) {
			ASSERT_FAIL("auparse_find_field(%s) found nothing", e->f[i].name);
			continue;
		}
		if (!ASSERT_STREQ(auparse_get_field_str(au), e->f[i].value,
				  e->f[i].name))
			continue;
		value = auparse_interpret_field(au);
		if (!value) {
			ASSERT_FAIL("auparse_interpret_field(%s) gave nothing", e->f[i].name);
			continue;
		}
		snprintf(what, sizeof(what), "interpreted %s", e->f[i].name);
		ASSERT_STREQ(value, e->f[i].interp, what);
	}
out:
	auparse_destroy(au);
}

/* --- the record ---------------------------------------------------------------- */

struct run {
	struct bla_audit audit;
	struct bpf_link *link;
};

#define RUN_INIT { .audit = BLA_AUDIT_INIT }

static bool begin(struct run *r, struct bpf_program *prog)
{
	skel->bss->rc = INT_MIN;
	skel->bss->start_null = 0;
	skel->bss->decision = -EPERM;
	skel->bss->no_decision = 0;
	skel->bss->netif = 0;
	if (!ASSERT_OK(bla_audit_listen(&r->audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: only our records, to a daemon of our own"))
		return false;
	r->link = bpf_program__attach(prog);
	return ASSERT_OK_PTR(r->link, bpf_program__name(prog));
}

static void end(struct run *r)
{
	skel->bss->active = 0;
	bpf_link__destroy(r->link);
	r->link = NULL;
	ASSERT_OK(bla_audit_close(&r->audit), "audit: close and restore the settings");
}

/*
 * The syscall was denied by the program, whose kfunc returned want_rc; its
 * record must have exactly the expected fields, and auparse read them.
 */
static void check_record(struct run *r, long ret, int want_rc, const struct expect *e)
{
	static struct bla_audit_record rec;
	char body[BLA_AUDIT_BODY_MAX + 1] = "";
	size_t len = 0;
	int i;

	if (!ASSERT_EQ(ret, -1, "the call was denied") ||
	    !ASSERT_EQ(errno, EPERM, "errno") ||
	    !ASSERT_EQ(skel->bss->start_null, 0, "starts that returned NULL") ||
	    !ASSERT_EQ(skel->bss->rc, want_rc, "the kfunc's result"))
		return;
	/* The body is every field but auparse's "type", as written. */
	for (i = 1; i < e->n; i++)
		len += snprintf(body + len, sizeof(body) - len, "%s%s=%s",
				i > 1 ? " " : "", e->f[i].name, e->f[i].value);
	if (!ASSERT_OK(bla_audit_next(&r->audit, AUDIT_BPF_LSM_ACCESS, &rec,
				      RECORD_TIMEOUT_MS), "the record") ||
	    !ASSERT_STREQ(rec.body, body, "record"))
		return;
	check_with_auparse(&rec, e);
}

/* --- tests --------------------------------------------------------------------- */

static void test_cause_and_decisions(void)
{
	static const struct {
		int decision;
		bool none;
		const char *text;
	} decisions[] = {
		{ -EPERM, false, "denied" },
		{ 0, false, "allowed" },
		{ 0, true, "unknown" },
	};
	struct bpf_program *prog = skel->progs.kinds_cause;
	struct run r = RUN_INIT;
	struct expect e;
	size_t i;
	long ret;

	if (!begin(&r, prog))
		goto cleanup;
	for (i = 0; i < ARRAY_SIZE(decisions); i++) {
		skel->bss->decision = decisions[i].decision;
		skel->bss->no_decision = decisions[i].none;
		skel->bss->active = 1;
		ret = getpgid(getpid());
		skel->bss->active = 0;
		expect_start(&e, prog);
		expect_end(&e, "task_getpgid", decisions[i].text);
		check_record(&r, ret, 0, &e);
	}
cleanup:
	end(&r);
}

static void test_cap(void)
{
	struct bpf_program *prog = skel->progs.kinds_cap;
	struct run r = RUN_INIT;
	struct expect e;
	long ret;

	if (!begin(&r, prog))
		goto cleanup;
	skel->bss->watch_cap = CAP_SYS_CHROOT;
	skel->bss->active = 1;
	ret = chroot("/");
	skel->bss->active = 0;
	expect_start(&e, prog);
	add(&e, "capability", "sys_chroot", "%d", CAP_SYS_CHROOT);
	expect_end(&e, "capable", "denied");
	check_record(&r, ret, 0, &e);
cleanup:
	end(&r);
}

/* Creates NAME in the test's tmpfs: its path in buf, its inode number. */
static unsigned long make_file(char *buf, size_t size, const char *name)
{
	struct stat st;
	int fd;

	snprintf(buf, size, "%s/%s", tmp_dir, name);
	fd = open(buf, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
	if (!ASSERT_GE(fd, 0, "create file"))
		return 0;
	close(fd);
	if (!ASSERT_OK(stat(buf, &st), "stat file"))
		return 0;
	return st.st_ino;
}

/* open() of a new file, logged by kinds_file_open as fs_kind. */
static void file_open_record(int fs_kind, const char *name)
{
	struct bpf_program *prog = skel->progs.kinds_file_open;
	char path[128], hex[2 * sizeof(path) + 1];
	struct run r = RUN_INIT;
	unsigned long ino;
	struct expect e;
	size_t i;
	long ret;

	ino = make_file(path, sizeof(path), name);
	if (!ino || !begin(&r, prog))
		goto cleanup;
	skel->bss->fs_kind = fs_kind;
	skel->bss->watch_ino = ino;
	skel->bss->active = 1;
	ret = open(path, O_RDONLY | O_CLOEXEC);
	skel->bss->active = 0;
	if (ret >= 0)
		close(ret);
	expect_start(&e, prog);
	if (fs_kind == KINDS_INODE) {
		add_quoted(&e, "name", name);
	} else if (strchr(path, ' ')) {
		/* A path with a space is written in hexadecimal. */
		for (i = 0; path[i]; i++)
			sprintf(hex + 2 * i, "%02X", (unsigned char)path[i]);
		add(&e, "path", path, "%s", hex);
	} else {
		add_quoted(&e, "path", path);
	}
	add(&e, "dev", NULL, "\"tmpfs\"");
	add(&e, "ino", NULL, "%lu", ino);
	expect_end(&e, "file_open", "denied");
	check_record(&r, ret, 0, &e);
cleanup:
	end(&r);
	unlink(path);
}

static void test_file(void)
{
	file_open_record(KINDS_FILE, "file");
}

static void test_path(void)
{
	file_open_record(KINDS_PATH, SPACED_NAME);
}

static void test_inode(void)
{
	file_open_record(KINDS_INODE, "inode");
}

static void test_ioctl_op(void)
{
	struct bpf_program *prog = skel->progs.kinds_ioctl;
	struct run r = RUN_INIT;
	char arg[64];
	struct expect e;
	struct stat st;
	int fd;
	long ret;

	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (!ASSERT_GE(fd, 0, "open /dev/null"))
		return;
	if (!ASSERT_OK(fstat(fd, &st), "fstat") || !begin(&r, prog))
		goto cleanup;
	skel->bss->watch_cmd = TCGETS;
	skel->bss->active = 1;
	ret = ioctl(fd, TCGETS, arg);
	skel->bss->active = 0;
	expect_start(&e, prog);
	add_quoted(&e, "path", "/dev/null");
	add(&e, "dev", NULL, "\"devtmpfs\"");
	add(&e, "ino", NULL, "%lu", (unsigned long)st.st_ino);
	add(&e, "ioctlcmd", "TCGETS", "0x%x", TCGETS);
	expect_end(&e, "file_ioctl", "denied");
	check_record(&r, ret, 0, &e);
cleanup:
	end(&r);
	close(fd);
}

static void test_dentry(void)
{
	struct bpf_program *prog = skel->progs.kinds_readlink;
	struct run r = RUN_INIT;
	char path[128], buf[64];
	struct expect e;
	struct stat st;
	long ret;

	snprintf(path, sizeof(path), "%s/link", tmp_dir);
	if (!ASSERT_OK(symlink("file", path), "symlink"))
		return;
	if (!ASSERT_OK(lstat(path, &st), "lstat") || !begin(&r, prog))
		goto cleanup;
	skel->bss->watch_ino = st.st_ino;
	skel->bss->active = 1;
	ret = readlink(path, buf, sizeof(buf));
	skel->bss->active = 0;
	expect_start(&e, prog);
	add_quoted(&e, "name", "link");
	add(&e, "dev", NULL, "\"tmpfs\"");
	add(&e, "ino", NULL, "%lu", (unsigned long)st.st_ino);
	expect_end(&e, "inode_readlink", "denied");
	check_record(&r, ret, 0, &e);
cleanup:
	end(&r);
	unlink(path);
}

static void test_task(void)
{
	struct bpf_program *prog = skel->progs.kinds_kill;
	struct run r = RUN_INIT;
	int pipefd[2];
	struct expect e;
	pid_t child;
	char c;
	long ret;

	if (!ASSERT_OK(pipe(pipefd), "pipe"))
		return;
	child = fork();
	if (!ASSERT_GE(child, 0, "fork")) {
		close(pipefd[0]);
		close(pipefd[1]);
		return;
	}
	if (!child) {
		prctl(PR_SET_NAME, VICTIM_COMM);
		close(pipefd[0]);
		close(pipefd[1]);
		pause();
		_exit(0);
	}
	/* The child has its name once its end of the pipe is closed. */
	close(pipefd[1]);
	ASSERT_EQ(read(pipefd[0], &c, 1), 0, "child ready");
	close(pipefd[0]);
	if (!begin(&r, prog))
		goto cleanup;
	skel->bss->watch_sig = SIGUSR1;
	skel->bss->active = 1;
	ret = kill(child, SIGUSR1);
	skel->bss->active = 0;
	expect_start(&e, prog);
	add(&e, "opid", NULL, "%d", child);
	add(&e, "ocomm", VICTIM_COMM, "%s", VICTIM_COMM_HEX);
	expect_end(&e, "task_kill", "denied");
	check_record(&r, ret, 0, &e);
cleanup:
	end(&r);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/* getsockopt(SO_PRIORITY) of fd, logged with netif=lo. */
static void net_sock_record(int fd, struct expect *e)
{
	struct bpf_program *prog = skel->progs.kinds_getsockopt;
	struct run r = RUN_INIT;
	socklen_t len;
	int prio;
	long ret;

	if (!begin(&r, prog))
		goto cleanup;
	skel->bss->watch_optname = SO_PRIORITY;
	skel->bss->netif = LOOPBACK_IFINDEX;
	skel->bss->active = 1;
	len = sizeof(prio);
	ret = getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, &len);
	skel->bss->active = 0;
	check_record(&r, ret, 0, e);
cleanup:
	end(&r);
}

static void test_net_sock_inet(void)
{
	struct sockaddr_in local = {
		.sin_family = AF_INET,
		.sin_port = htons(LOCAL_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	}, peer = local;
	struct expect e;
	int fd;

	peer.sin_port = htons(PEER_PORT);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(fd, 0, "socket"))
		return;
	if (!ASSERT_OK(bind(fd, (struct sockaddr *)&local, sizeof(local)), "bind") ||
	    !ASSERT_OK(connect(fd, (struct sockaddr *)&peer, sizeof(peer)), "connect"))
		goto cleanup;
	expect_start(&e, skel->progs.kinds_getsockopt);
	add(&e, "laddr", NULL, V4_ADDR);
	add(&e, "lport", NULL, "%d", LOCAL_PORT);
	add(&e, "faddr", NULL, V4_ADDR);
	add(&e, "fport", NULL, "%d", PEER_PORT);
	add(&e, "netif", NULL, "lo");
	expect_end(&e, "socket_getsockopt", "denied");
	net_sock_record(fd, &e);
cleanup:
	close(fd);
}

static void test_net_sock_unix(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct expect e;
	int fd;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/sock", tmp_dir);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(fd, 0, "socket"))
		return;
	if (!ASSERT_OK(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), "bind"))
		goto cleanup;
	expect_start(&e, skel->progs.kinds_getsockopt);
	add_quoted(&e, "path", addr.sun_path);
	add(&e, "netif", NULL, "lo");
	expect_end(&e, "socket_getsockopt", "denied");
	net_sock_record(fd, &e);
cleanup:
	close(fd);
	unlink(addr.sun_path);
}

/*
 * connect() (destination) or bind() (source) of a datagram socket of the
 * address's family, with prog attached and netif given.
 */
static void sockaddr_record(struct bpf_program *prog, const struct sockaddr *addr,
			    socklen_t len, int netif, int want_rc, struct expect *e)
{
	struct run r = RUN_INIT;
	int fd;
	long ret;

	fd = socket(addr->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(fd, 0, "socket"))
		return;
	if (!begin(&r, prog))
		goto cleanup;
	skel->bss->netif = netif;
	skel->bss->active = 1;
	if (prog == skel->progs.kinds_bind)
		ret = bind(fd, addr, len);
	else
		ret = connect(fd, addr, len);
	skel->bss->active = 0;
	check_record(&r, ret, want_rc, e);
cleanup:
	end(&r);
	close(fd);
}

static void test_net_sockaddr_ipv4(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(PEER_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct expect e;

	expect_start(&e, skel->progs.kinds_connect);
	add(&e, "daddr", NULL, V4_ADDR);
	add(&e, "dest", NULL, "%d", PEER_PORT);
	expect_end(&e, "socket_connect", "denied");
	sockaddr_record(skel->progs.kinds_connect, (struct sockaddr *)&addr,
			sizeof(addr), 0, 0, &e);

	addr.sin_port = htons(LOCAL_PORT);
	expect_start(&e, skel->progs.kinds_bind);
	add(&e, "saddr", V4_SADDR_AS_SOCKADDR, V4_ADDR);
	add(&e, "src", NULL, "%d", LOCAL_PORT);
	add(&e, "netif", NULL, "lo");
	expect_end(&e, "socket_bind", "denied");
	sockaddr_record(skel->progs.kinds_bind, (struct sockaddr *)&addr,
			sizeof(addr), LOOPBACK_IFINDEX, 0, &e);
}

static void test_net_sockaddr_ipv6(void)
{
	struct sockaddr_in6 addr = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(PEER_PORT),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	struct expect e;

	expect_start(&e, skel->progs.kinds_connect);
	add(&e, "daddr", NULL, V6_ADDR);
	add(&e, "dest", NULL, "%d", PEER_PORT);
	expect_end(&e, "socket_connect", "denied");
	sockaddr_record(skel->progs.kinds_connect, (struct sockaddr *)&addr,
			sizeof(addr), 0, 0, &e);

	addr.sin6_port = htons(LOCAL_PORT);
	expect_start(&e, skel->progs.kinds_bind);
	add(&e, "saddr", V6_SADDR_AS_SOCKADDR, V6_ADDR);
	add(&e, "src", NULL, "%d", LOCAL_PORT);
	expect_end(&e, "socket_bind", "denied");
	sockaddr_record(skel->progs.kinds_bind, (struct sockaddr *)&addr,
			sizeof(addr), 0, 0, &e);
}

/* A unix address is not logged: the record has the subject and decision. */
static void test_net_sockaddr_unix(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct expect e;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/nowhere", tmp_dir);
	expect_start(&e, skel->progs.kinds_connect);
	expect_end(&e, "socket_connect", "denied");
	sockaddr_record(skel->progs.kinds_connect, (struct sockaddr *)&addr,
			sizeof(addr), 0, -EAFNOSUPPORT, &e);
}

static const struct test tests[] = {
	TEST(test_cause_and_decisions),
	TEST(test_cap),
	TEST(test_path),
	TEST(test_file),
	TEST(test_ioctl_op),
	TEST(test_dentry),
	TEST(test_inode),
	TEST(test_task),
	TEST(test_net_sock_inet),
	TEST(test_net_sock_unix),
	TEST(test_net_sockaddr_ipv4),
	TEST(test_net_sockaddr_ipv6),
	TEST(test_net_sockaddr_unix),
};

int main(int argc, char **argv)
{
	int ret;

	/* The files live on a tmpfs of the test's own: dev="tmpfs". */
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/test_auparse.XXXXXX");
	if (!mkdtemp(tmp_dir))
		test_bail("mkdtemp: %s", strerror(errno));
	if (mount("tmpfs", tmp_dir, "tmpfs", 0, NULL)) {
		rmdir(tmp_dir);
		test_bail("mount tmpfs: %s", strerror(errno));
	}
	tmp_mounted = true;
	skel = kinds__open_and_load();
	if (!skel) {
		umount2(tmp_dir, MNT_DETACH);
		rmdir(tmp_dir);
		test_bail("load kinds: %s", strerror(errno));
	}
	skel->bss->target_tgid = getpid();
	ret = run_tests("auparse", tests, ARRAY_SIZE(tests), argc, argv);
	kinds__destroy(skel);
	if (tmp_mounted)
		umount2(tmp_dir, MNT_DETACH);
	rmdir(tmp_dir);
	return ret;
}
