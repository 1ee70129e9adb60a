// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every hostile input to the kfuncs, in one table: causes (control
 * characters, quotes, spaces, bytes above 0x7e, 256 and 257 bytes, empty),
 * capabilities (negative, CAP_LAST_CAP + 1, huge), decisions, address
 * lengths (0, 1, the family alone, short, exact, a sockaddr_storage and one
 * more, huge, negative), address families (AF_UNSPEC, AF_UNIX, unknown),
 * which addresses are given, interface indexes, and accept()'s socket
 * without a sock.  Each row names the hook its program
 * runs on, the one kfunc call it makes with the input, the errno that call
 * must return and the exact fields that the record must then have between
 * comm= and lsm-hook=: a call that fails adds nothing.  The program's
 * verdict must stand in every row.
 *
 * The same table runs on 7.3 and 6.12.  The NULL arguments that hooks
 * pass (mmap_file()'s file, socket_getpeersec_dgram()'s socket) are
 * __nullable in both series, and the selftests' lsm_audit_kfuncs_fail has
 * the verifier's refusal of a program that does not check them.
 *
 * The last rows are programs the verifier must refuse, with the load's
 * error and its message on each kernel: a cause in writable data and a
 * pointer read raw.  The selftests' lsm_audit_kfuncs_fail has the other
 * refusals (a cause on the stack, a NULL object, an untrusted pointer, a
 * missing NULL check).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "load.h"
#include "hostile.h"
#include "hostile.skel.h"
#include "test.h"

/* The kernel's, which userspace headers lack. */
#define MAX_ERRNO 4095
#define SIN6_LEN_RFC2133 24	/* a struct sockaddr_in6 without sin6_scope_id */
#define LOOPBACK_IFINDEX 1
/* An address family no kernel has. */
#define UNKNOWN_FAMILY 0xffff

/* The addresses and ports the rows use. */
#define V4_ADDR "127.0.0.1"
#define V4_PORT 4321
#define V6_ADDR "2001:db8::2"
#define V6_PORT 65535
#define MAPPED_ADDR "::ffff:127.0.0.1"
#define MAPPED_PORT 80
#define ACCEPT_PORT 5310

#define V4_DST " daddr=127.0.0.1 dest=4321"
#define V4_SRC " saddr=127.0.0.1 src=4321"
#define V6_DST " daddr=2001:db8::2 dest=65535"

/* Causes too long to write out: 256 x 'a', and 256 spaces in hexadecimal. */
#define A16 "aaaaaaaaaaaaaaaa"
#define A256 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16 A16
#define SP16 "20202020202020202020202020202020"
#define SP256 SP16 SP16 SP16 SP16 SP16 SP16 SP16 SP16 \
	SP16 SP16 SP16 SP16 SP16 SP16 SP16 SP16

#define RECORD_TIMEOUT_MS 3000
#define QUIET_MS 500
#define RECORD_TEXT_MAX 1024
#define LOG_BUF_SIZE (1 << 20)

/* What the verifier says where a hook's argument may be NULL. */

struct hostile_case {
	const char *name;
	enum hostile_trigger on;
	enum hostile_call call;
	int arg;		/* cause number, capability, decision or netif */
	/* bpf_audit_log_net_sockaddr(): the address connect() is given,
	 * copied by the program to its stack */
	int family;
	const char *addr;
	int port;
	enum hostile_side side;
	int addrlen;		/* what the program passes, not connect()'s */
	int want_rc;
	const char *want;	/* the fields between comm= and lsm-hook= */
	const char *decision;	/* the record's decision=, if not "denied" */
	/* 7.3 refuses the program at load: the argument may be NULL there */
	/* ON_LOAD: the program, and what the verifier says (7.3, 6.12) */
	const char *prog;
	const char *msg[2];
};

#define CAUSE(c, rc, fields)						\
	{ .name = "cause " #c, .on = ON_GETPGID, .call = CALL_CAUSE,	\
	  .arg = (c), .want_rc = (rc), .want = (fields) }
#define CAP(c, rc, fields)						\
	{ .name = "capability " #c, .on = ON_GETPGID, .call = CALL_CAP,	\
	  .arg = (c), .want_rc = (rc), .want = (fields) }
#define DECISION(d, rc, dec)						\
	{ .name = "decision " #d, .on = ON_GETPGID, .call = CALL_DECISION, \
	  .arg = (d), .want_rc = (rc), .want = "", .decision = (dec) }
/* A destination address of the family, logged with addrlen and netif. */
#define SOCKADDR(what, fam, a, p, s, len, netif, rc, fields)		\
	{ .name = what, .on = ON_CONNECT, .call = CALL_SOCKADDR,	\
	  .family = (fam), .addr = (a), .port = (p), .side = (s),	\
	  .addrlen = (len), .arg = (netif), .want_rc = (rc),		\
	  .want = (fields) }
#define V4(what, len, rc, fields)					\
	SOCKADDR(what, AF_INET, V4_ADDR, V4_PORT, SIDE_DST, len, 0, rc, fields)
#define V6(what, len, rc, fields)					\
	SOCKADDR(what, AF_INET6, V6_ADDR, V6_PORT, SIDE_DST, len, 0, rc, fields)
#define FAMILY(what, fam, len, rc)					\
	SOCKADDR(what, fam, NULL, 0, SIDE_DST, len, 0, rc, "")
/* The most bpf_audit_log_net_sockaddr() reads, and the longest length. */
#define IN6 ((int)sizeof(struct sockaddr_in6))

static const struct hostile_case cases[] = {
	/* Causes: quoted as they are, or whole in hexadecimal. */
	CAUSE(CAUSE_PLAIN, 0, " cause=\"plain-cause_1.0\""),
	CAUSE(CAUSE_EMPTY, 0, " cause=\"\""),
	CAUSE(CAUSE_SPACE, 0, " cause=74776F20776F726473"),
	CAUSE(CAUSE_LEADING_SPACE, 0, " cause=206C656164"),
	CAUSE(CAUSE_TRAILING_SPACE, 0, " cause=747261696C20"),
	CAUSE(CAUSE_QUOTE, 0, " cause=782220666F726765643D2231"),
	CAUSE(CAUSE_ONLY_QUOTE, 0, " cause=22"),
	CAUSE(CAUSE_SINGLE_QUOTE, 0, " cause=\"it's\""),
	CAUSE(CAUSE_BACKSLASH, 0, " cause=\"a\\b\""),
	CAUSE(CAUSE_EQUALS, 0, " cause=\"a=b\""),
	CAUSE(CAUSE_FORGED_FIELD, 0,
	      " cause=78206C736D2D686F6F6B3D63617061626C65206465636973696F6E3D616C6C6F776564"),
	CAUSE(CAUSE_NEWLINE, 0, " cause=6C696E650A627265616B"),
	CAUSE(CAUSE_TAB, 0, " cause=7461620968657265"),
	CAUSE(CAUSE_ESCAPE_SEQ, 0, " cause=1B5B33316D726564"),
	CAUSE(CAUSE_DEL, 0, " cause=64656C7F"),
	CAUSE(CAUSE_CTRL_A, 0, " cause=01"),
	CAUSE(CAUSE_HIGH_BYTES, 0, " cause=636166C3A9"),
	CAUSE(CAUSE_BYTE_FF, 0, " cause=FF"),
	CAUSE(CAUSE_PUNCTUATION, 0, " cause=\"!#$%&'()*+,-./:;<=>?@[]^_`{|}~\""),
	CAUSE(CAUSE_256, 0, " cause=\"" A256 "\""),
	CAUSE(CAUSE_257, -E2BIG, ""),
	CAUSE(CAUSE_256_SPACES, 0, " cause=" SP256),
	CAUSE(CAUSE_257_SPACES, -E2BIG, ""),

	/* Capabilities: 0 to CAP_LAST_CAP, nothing else. */
	CAP(CAP_CHOWN, 0, " capability=0"),
	CAP(CAP_NET_RAW, 0, " capability=13"),
	CAP(CAP_LAST_CAP, 0, " capability=40"),
	CAP(CAP_LAST_CAP + 1, -EINVAL, ""),
	CAP(64, -EINVAL, ""),
	CAP(-1, -EINVAL, ""),
	CAP(INT_MIN, -EINVAL, ""),
	CAP(INT_MAX, -EINVAL, ""),

	/* Decisions: 0 or a negative errno. */
	DECISION(0, 0, "allowed"),
	DECISION(-EPERM, 0, "denied"),
	DECISION(-MAX_ERRNO, 0, "denied"),
	DECISION(-MAX_ERRNO - 1, -EINVAL, "unknown"),
	DECISION(1, -EINVAL, "unknown"),
	DECISION(INT_MAX, -EINVAL, "unknown"),
	DECISION(INT_MIN, -EINVAL, "unknown"),

	/* Address lengths, of an AF_INET destination. */
	V4("addrlen 0", 0, -EINVAL, ""),
	V4("addrlen 1", 1, -EINVAL, ""),
	V4("addrlen 2: the family alone", 2, -EINVAL, ""),
	V4("addrlen short: sizeof(sockaddr_in) - 1",
	   (int)sizeof(struct sockaddr_in) - 1, -EINVAL, ""),
	V4("addrlen exact: sizeof(sockaddr_in)",
	   (int)sizeof(struct sockaddr_in), 0, V4_DST),
	V4("addrlen sizeof(sockaddr_in6)", IN6, 0, V4_DST),
	V4("addrlen sizeof(sockaddr_in6) + 1", IN6 + 1, -EINVAL, ""),
	V4("addrlen INT_MAX", INT_MAX, -EINVAL, ""),
	V4("addrlen -1", -1, -EINVAL, ""),
	V4("addrlen INT_MIN", INT_MIN, -EINVAL, ""),
	/* ... and of an AF_INET6 one. */
	V6("ipv6 addrlen sizeof(sockaddr_in)", (int)sizeof(struct sockaddr_in),
	   -EINVAL, ""),
	V6("ipv6 addrlen short: SIN6_LEN_RFC2133 - 1", SIN6_LEN_RFC2133 - 1,
	   -EINVAL, ""),
	V6("ipv6 addrlen SIN6_LEN_RFC2133", SIN6_LEN_RFC2133, 0, V6_DST),
	V6("ipv6 addrlen exact: sizeof(sockaddr_in6)",
	   (int)sizeof(struct sockaddr_in6), 0, V6_DST),
	V6("ipv6 addrlen sizeof(sockaddr_in6) + 1", IN6 + 1, -EINVAL, ""),
	SOCKADDR("ipv4-mapped ipv6", AF_INET6, MAPPED_ADDR, MAPPED_PORT, SIDE_DST,
		 (int)sizeof(struct sockaddr_in6), 0, 0,
		 " daddr=::ffff:127.0.0.1 dest=80"),

	/* Families: only AF_INET and AF_INET6; the length is checked first. */
	FAMILY("AF_UNSPEC", AF_UNSPEC, IN6, -EAFNOSUPPORT),
	FAMILY("AF_UNIX", AF_UNIX, IN6, -EAFNOSUPPORT),
	FAMILY("AF_UNIX, addrlen 2", AF_UNIX, 2, -EAFNOSUPPORT),
	FAMILY("AF_UNIX, addrlen 1", AF_UNIX, 1, -EINVAL),
	FAMILY("unknown family", UNKNOWN_FAMILY, IN6, -EAFNOSUPPORT),
	FAMILY("unknown family, addrlen sizeof(sockaddr_in6) + 1",
	       UNKNOWN_FAMILY, IN6 + 1, -EINVAL),

	/* Which addresses: source, both, none; the any address. */
	SOCKADDR("source address", AF_INET, V4_ADDR, V4_PORT, SIDE_SRC,
		 (int)sizeof(struct sockaddr_in), 0, 0, V4_SRC),
	SOCKADDR("source and destination", AF_INET, V4_ADDR, V4_PORT, SIDE_BOTH,
		 (int)sizeof(struct sockaddr_in), 0, 0, V4_SRC V4_DST),
	SOCKADDR("no address", AF_INET, V4_ADDR, V4_PORT, SIDE_NONE,
		 (int)sizeof(struct sockaddr_in), 0, -EINVAL, ""),
	SOCKADDR("ipv4 any address, port 0: nothing to print", AF_INET,
		 "0.0.0.0", 0, SIDE_DST, (int)sizeof(struct sockaddr_in), 0, 0, ""),
	SOCKADDR("ipv6 any address, port 0: nothing to print", AF_INET6,
		 "::", 0, SIDE_DST, (int)sizeof(struct sockaddr_in6), 0, 0, ""),

	/* Interface indexes. */
	SOCKADDR("netif loopback", AF_INET, V4_ADDR, V4_PORT, SIDE_DST,
		 (int)sizeof(struct sockaddr_in), LOOPBACK_IFINDEX, 0,
		 V4_DST " netif=lo"),
	SOCKADDR("netif -1", AF_INET, V4_ADDR, V4_PORT, SIDE_DST,
		 (int)sizeof(struct sockaddr_in), -1, -EINVAL, ""),
	SOCKADDR("netif INT_MIN", AF_INET, V4_ADDR, V4_PORT, SIDE_DST,
		 (int)sizeof(struct sockaddr_in), INT_MIN, -EINVAL, ""),
	SOCKADDR("netif INT_MAX: no such interface", AF_INET, V4_ADDR, V4_PORT,
		 SIDE_DST, (int)sizeof(struct sockaddr_in), INT_MAX, -ENODEV, ""),
	{ .name = "net_sock netif INT_MAX: no such interface", .on = ON_ACCEPT,
	  .call = CALL_NET_SOCK, .arg = INT_MAX, .want_rc = -ENODEV, .want = "" },
	{ .name = "net_sock netif -1", .on = ON_ACCEPT, .call = CALL_NET_SOCK,
	  .arg = -1, .want_rc = -EINVAL, .want = "" },
	{ .name = "net_sock of the listening socket", .on = ON_ACCEPT,
	  .call = CALL_NET_SOCK, .want_rc = 0,
	  .want = " laddr=127.0.0.1 lport=5310" },

	/* A socket that has no sock yet. */
	{ .name = "net_sock of accept()'s new socket, without a sock",
	  .on = ON_ACCEPT, .call = CALL_NET_SOCK_NEW, .want_rc = -EINVAL,
	  .want = "" },

	/*
	 * What the verifier refuses: the load's error, and the verifier's
	 * message on 7.3 and on 6.12.  (A cause on the stack, a NULL object,
	 * an untrusted pointer and a number as the context are in the
	 * selftests' lsm_audit_kfuncs_fail.)
	 */
	{ .name = "cause in writable data", .on = ON_LOAD,
	  .prog = "load_cause_writable", .want_rc = -EACCES,
	  .msg = { "does not point to a readonly map",
		   "does not point to a readonly map" } },
	{ .name = "dentry pointer read raw (BPF_CORE_READ)", .on = ON_LOAD,
	  .prog = "load_dentry_raw_read", .want_rc = -EINVAL,
	  .msg = { "is scalar expected STRUCT dentry",
		   "pointer type STRUCT dentry must point to scalar" } },
};

/* The hook of each trigger, as the record names it. */
static const char *const hook_names[ON_COUNT] = {
	[ON_GETPGID] = "task_getpgid",
	[ON_CONNECT] = "socket_connect",
	[ON_ACCEPT] = "socket_accept",
	[ON_LOAD] = "-",
};

static struct hostile *skel;
static char log_buf[LOG_BUF_SIZE];
static struct bla_audit audit = BLA_AUDIT_INIT;
static struct bla_audit_record rec;

static int syscall_result(long ret)
{
	return ret < 0 ? -errno : 0;
}

/* --- the hooks' triggers: each returns 0 or the syscall's -errno ---------- */

static int run_getpgid(const struct hostile_case *c)
{
	(void)c;
	return syscall_result(getpgid(getpid()));
}

/*
 * connect() of a datagram socket to the case's address, given whole as a
 * zeroed struct sockaddr_storage, so that every byte the kfunc may read
 * is the test's.
 */
static int run_connect(const struct hostile_case *c)
{
	struct sockaddr_storage ss = { .ss_family = c->family };
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	int fd, ret;

	if (c->family == AF_INET && c->addr) {
		in->sin_port = htons(c->port);
		if (!ASSERT_EQ(inet_pton(AF_INET, c->addr, &in->sin_addr), 1, c->addr))
			return INT_MIN;
	} else if (c->family == AF_INET6 && c->addr) {
		in6->sin6_port = htons(c->port);
		if (!ASSERT_EQ(inet_pton(AF_INET6, c->addr, &in6->sin6_addr), 1, c->addr))
			return INT_MIN;
	}
	fd = socket(c->family == AF_INET6 ? AF_INET6 : AF_INET,
		    SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(fd, 0, "socket"))
		return INT_MIN;
	/* The hook runs before the protocol looks at the family. */
	ret = syscall_result(connect(fd, (struct sockaddr *)&ss, sizeof(ss)));
	close(fd);
	return ret;
}

static int run_accept(const struct hostile_case *c)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(ACCEPT_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int srv, cli = -1, one = 1, ret = INT_MIN, fd;

	(void)c;
	srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(srv, 0, "server socket"))
		return INT_MIN;
	cli = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!ASSERT_GE(cli, 0, "client socket") ||
	    !ASSERT_OK(setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
		       "SO_REUSEADDR") ||
	    !ASSERT_OK(bind(srv, (struct sockaddr *)&addr, sizeof(addr)), "bind") ||
	    !ASSERT_OK(listen(srv, 1), "listen") ||
	    !ASSERT_OK(connect(cli, (struct sockaddr *)&addr, sizeof(addr)), "connect"))
		goto out;
	fd = accept(srv, NULL, NULL);
	ret = syscall_result(fd);
	if (fd >= 0)
		close(fd);
out:
	if (cli >= 0)
		close(cli);
	close(srv);
	return ret;
}

static const struct {
	int (*run)(const struct hostile_case *c);
	int want;		/* the syscall's result under the program */
} triggers[ON_COUNT] = {
	[ON_GETPGID] = { run_getpgid, -EPERM },
	[ON_CONNECT] = { run_connect, -EPERM },
	[ON_ACCEPT] = { run_accept, -EPERM },
	[ON_LOAD] = { NULL, 0 },
};

static struct bpf_program *trigger_prog(struct hostile *s, enum hostile_trigger on)
{
	switch (on) {
	case ON_GETPGID:
		return s->progs.hostile_pgid;
	case ON_CONNECT:
		return s->progs.hostile_connect;
	case ON_ACCEPT:
		return s->progs.hostile_accept;
	default:
		return NULL;
	}
}

/* --- the table --------------------------------------------------------------- */

/*
 * Opens the skeleton with only the program name to be loaded, its verifier
 * log in log_buf, and loads it: the load's error, *out the skeleton if it
 * loaded.
 */
static int load_alone(const char *name, struct hostile **out)
{
	struct hostile *s = hostile__open();
	int err;

	*out = NULL;
	if (!s)
		return -errno;
	s->bss->target_tgid = getpid();
	err = bla_load_only(s->skeleton, name, log_buf, sizeof(log_buf));
	if (err)
		hostile__destroy(s);
	else
		*out = s;
	return err;
}

/* A row whose program must fail to load, with the verifier's message. */
static bool run_load_case(const struct hostile_case *c)
{
	struct hostile *s;
	int err = load_alone(c->prog, &s);
	bool ok;

	hostile__destroy(s);
	ok = ASSERT_EQ(err, c->want_rc, "the load's error") &&
	     (strstr(log_buf, c->msg[0]) || strstr(log_buf, c->msg[1]) ||
	      ASSERT_FAIL("verifier log: neither \"%s\" nor \"%s\"",
			  c->msg[0], c->msg[1]));
	if (!ok)
		printf("#   in row \"%s\"\n", c->name);
	return ok;
}

/* One row: false if it failed (the test is marked failed already). */
static bool run_case(const struct hostile_case *c)
{
	struct hostile *s = skel;
	char want[RECORD_TEXT_MAX];
	struct bpf_link *link;
	bool ok = false;
	int ret, err;

	if (c->on == ON_LOAD)
		return run_load_case(c);
	if (!ASSERT_TRUE(s != NULL, "the row's program loaded"))
		return false;
	memset(&s->bss->result, 0, sizeof(s->bss->result));
	s->bss->call = c->call;
	s->bss->arg = c->arg;
	s->bss->side = c->side;
	s->bss->addrlen = c->addrlen;
	link = bpf_program__attach(trigger_prog(s, c->on));
	if (!ASSERT_OK_PTR(link, "attach"))
		return false;
	s->data->trigger = c->on;
	ret = triggers[c->on].run(c);
	s->data->trigger = -1;
	bpf_link__destroy(link);

	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_hostile\"%s lsm-hook=%s decision=%s",
		 bpf_prog_id(trigger_prog(s, c->on)), getpid(), c->want,
		 hook_names[c->on], c->decision ?: "denied");
	/* The record first, so that a failed row leaves none to the next. */
	err = bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec, RECORD_TIMEOUT_MS);
	if (!ASSERT_EQ(ret, triggers[c->on].want, "the program's verdict") ||
	    !ASSERT_EQ(s->bss->result.runs, 1, "program runs") ||
	    !ASSERT_EQ(s->bss->result.start_null, 0, "starts that returned NULL") ||
	    !ASSERT_EQ(s->bss->result.rc, c->want_rc, "the kfunc's result") ||
	    !ASSERT_OK(err, "the record") ||
	    !ASSERT_STREQ(rec.body, want, "record"))
		goto out;
	ok = true;
out:
	if (!ok)
		printf("#   in row \"%s\"\n", c->name);
	return ok;
}

static void test_hostile_inputs(void)
{
	int i, failed = 0, extra;

	if (!ASSERT_OK(bla_audit_listen(&audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: only our records, to a daemon of our own"))
		goto cleanup;
	/* Every row, even after one failed: the failures say which. */
	for (i = 0; i < (int)ARRAY_SIZE(cases); i++)
		failed += !run_case(&cases[i]);
	printf("# hostile inputs: %d rows, %d failed\n", (int)ARRAY_SIZE(cases),
	       failed);
	/* One record per row, no more. */
	extra = bla_audit_drain(&audit, QUIET_MS);
	ASSERT_EQ(extra, 0, "records beyond one per row");
cleanup:
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	audit = (struct bla_audit)BLA_AUDIT_INIT;
}

static const struct test tests[] = {
	TEST(test_hostile_inputs),
};

int main(int argc, char **argv)
{
	int ret;

	libbpf_set_print(bla_print_libbpf);
	skel = hostile__open_and_load();
	if (!skel)
		test_bail("load hostile: %s", strerror(errno));
	skel->bss->target_tgid = getpid();
	ret = run_tests("hostile", tests, ARRAY_SIZE(tests), argc, argv);
	hostile__destroy(skel);
	return ret;
}
