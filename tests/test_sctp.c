// SPDX-License-Identifier: GPL-2.0-only
/*
 * Addresses of SCTP's sctp_bind_connect(), whose buffer is a heap copy of
 * exactly the caller's optlen bytes: the one hook where a read past the
 * hook's length leaves the object.
 *
 * bpf_audit_log_net_hook_addr() takes the length from the hook itself,
 * and must read nothing that it does not cover, not even the family: each
 * row gives the buffer a length, from whole addresses down to the family
 * alone, and states what the record then carries, the side included
 * (saddr= for a bindx, daddr= for a connectx).  On the debug kernel KASAN
 * checks every read against the buffer's exact size.
 *
 * bpf_audit_log_net_sockaddr() cannot be given the hook's address at all
 * (the selftest sockaddr_hook_address shows the refusal).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sctp.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "sctp.skel.h"
#include "test.h"

#define RECORD_TIMEOUT_MS 3000
#define QUIET_MS 500
#define RECORD_TEXT_MAX 1024

#define V4_ADDR "127.0.0.1"
#define V4_PORT 4321
#define V6_ADDR "2001:db8::2"
#define V6_PORT 65535
#define SIN6_LEN_RFC2133 24	/* a struct sockaddr_in6 without sin6_scope_id */

enum addrs {
	A_V4,			/* one sockaddr_in */
	A_V6,			/* one sockaddr_in6 */
	A_V4_V6,		/* a sockaddr_in, then a sockaddr_in6 */
};

struct sctp_case {
	const char *name;
	int optname;		/* SCTP_SOCKOPT_CONNECTX, _BINDX_ADD, SCTP_PRIMARY_ADDR */
	enum addrs addrs;
	int optlen;		/* the buffer's length, and the hook's addrlen */
	int hook_addrlen;	/* the hook's addrlen if not optlen, or 0 */
	int want_rc;		/* of bpf_audit_log_net_hook_addr() */
	const char *want;	/* the fields between comm= and lsm-hook= */
};

#define V4_DST " daddr=" V4_ADDR " dest=4321"
#define V6_DST " daddr=" V6_ADDR " dest=65535"
#define V4_SRC " saddr=" V4_ADDR " src=4321"
#define V6_SRC " saddr=" V6_ADDR " src=65535"
#define IN4 ((int)sizeof(struct sockaddr_in))
#define IN6 ((int)sizeof(struct sockaddr_in6))

#define PRIM ((int)sizeof(struct sctp_prim))

static const struct sctp_case cases[] = {
	{ "connectx ipv4", SCTP_SOCKOPT_CONNECTX, A_V4, IN4, 0, 0, V4_DST },
	{ "connectx ipv6", SCTP_SOCKOPT_CONNECTX, A_V6, IN6, 0, 0, V6_DST },
	{ "connectx ipv6 without the scope id", SCTP_SOCKOPT_CONNECTX, A_V6,
	  SIN6_LEN_RFC2133, 0, 0, V6_DST },
	{ "connectx ipv6, one byte short", SCTP_SOCKOPT_CONNECTX, A_V6,
	  SIN6_LEN_RFC2133 - 1, 0, -EINVAL, "" },
	{ "connectx ipv6 family in a sockaddr_in's length", SCTP_SOCKOPT_CONNECTX,
	  A_V6, IN4, 0, -EINVAL, "" },
	{ "connectx ipv4, one byte short", SCTP_SOCKOPT_CONNECTX, A_V4, IN4 - 1,
	  0, -EINVAL, "" },
	{ "connectx the family alone", SCTP_SOCKOPT_CONNECTX, A_V4,
	  (int)sizeof(sa_family_t), 0, -EINVAL, "" },
	{ "connectx ipv4 then ipv6: the first", SCTP_SOCKOPT_CONNECTX, A_V4_V6,
	  IN4 + IN6, 0, 0, V4_DST },
	{ "bindx ipv4", SCTP_SOCKOPT_BINDX_ADD, A_V4, IN4, 0, 0, V4_SRC },
	{ "bindx ipv6", SCTP_SOCKOPT_BINDX_ADD, A_V6, IN6, 0, 0, V6_SRC },
	{ "bindx ipv4 then ipv6: the first", SCTP_SOCKOPT_BINDX_ADD, A_V4_V6,
	  IN4 + IN6, 0, 0, V4_SRC },
	/* A peer's address, in a struct sctp_prim; the hook gets its family's length. */
	{ "primary_addr ipv4", SCTP_PRIMARY_ADDR, A_V4, PRIM, IN4, 0, V4_DST },
	{ "primary_addr ipv6", SCTP_PRIMARY_ADDR, A_V6, PRIM, IN6, 0, V6_DST },
};

static struct sctp *skel;
static struct bla_audit audit = BLA_AUDIT_INIT;
static struct bla_audit_record rec;

/*
 * The case's addresses, packed as SCTP takes them, into buf; for
 * SCTP_PRIMARY_ADDR, the first in a struct sctp_prim.
 */
static bool fill(const struct sctp_case *c, unsigned char *buf, size_t size)
{
	struct sctp_prim *prim = (struct sctp_prim *)buf;
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(V4_PORT),
	};
	struct sockaddr_in6 in6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(V6_PORT),
	};
	size_t off = 0;

	memset(buf, 0, size);
	if (!ASSERT_EQ(inet_pton(AF_INET, V4_ADDR, &in.sin_addr), 1, V4_ADDR) ||
	    !ASSERT_EQ(inet_pton(AF_INET6, V6_ADDR, &in6.sin6_addr), 1, V6_ADDR))
		return false;
	if (c->optname == SCTP_PRIMARY_ADDR) {
		if (c->addrs == A_V4)
			memcpy(&prim->ssp_addr, &in, sizeof(in));
		else
			memcpy(&prim->ssp_addr, &in6, sizeof(in6));
		return true;
	}
	if (c->addrs == A_V4 || c->addrs == A_V4_V6) {
		memcpy(buf, &in, sizeof(in));
		off = sizeof(in);
	}
	if (c->addrs == A_V6 || c->addrs == A_V4_V6)
		memcpy(buf + off, &in6, sizeof(in6));
	return true;
}

/* One row: false if it failed (the test is marked failed already). */
static bool run_case(const struct sctp_case *c)
{
	unsigned char buf[sizeof(struct sctp_prim)] __attribute__((aligned(8)));
	char want[RECORD_TEXT_MAX];
	int fd, ret, err;
	bool ok = false;

	if (!fill(c, buf, sizeof(buf)))
		goto out;
	fd = socket(AF_INET6, SOCK_SEQPACKET | SOCK_CLOEXEC, IPPROTO_SCTP);
	if (!ASSERT_GE(fd, 0, "sctp socket"))
		goto out;
	skel->bss->runs = skel->bss->start_null = skel->bss->rc = 0;
	skel->bss->optname_seen = skel->bss->addrlen_seen = -1;
	skel->bss->target_tgid = getpid();
	ret = setsockopt(fd, IPPROTO_SCTP, c->optname, buf, c->optlen);
	err = ret ? errno : 0;
	skel->bss->target_tgid = 0;
	close(fd);

	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_sctp\"%s lsm-hook=sctp_bind_connect decision=denied",
		 bpf_prog_id(skel->progs.sctp_audit), getpid(), c->want);
	/* The record first, so that a failed row leaves none to the next. */
	ret = bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec, RECORD_TIMEOUT_MS);
	if (!ASSERT_EQ(err, EPERM, "setsockopt denied") ||
	    !ASSERT_EQ(skel->bss->runs, 1, "program runs") ||
	    !ASSERT_EQ(skel->bss->start_null, 0, "starts that returned NULL") ||
	    !ASSERT_EQ(skel->bss->optname_seen, c->optname, "the hook's optname") ||
	    !ASSERT_EQ(skel->bss->addrlen_seen,
		       c->hook_addrlen ? c->hook_addrlen : c->optlen,
		       "the hook's addrlen") ||
	    !ASSERT_EQ(skel->bss->rc, c->want_rc, "the kfunc's result") ||
	    !ASSERT_OK(ret, "the record") ||
	    !ASSERT_STREQ(rec.body, want, "record"))
		goto out;
	ok = true;
out:
	if (!ok)
		printf("#   in row \"%s\"\n", c->name);
	return ok;
}

static void test_sctp_addresses(void)
{
	struct bpf_link *link = NULL;
	int i, failed = 0;

	if (!ASSERT_OK(bla_audit_listen(&audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: only our records, to a daemon of our own"))
		goto cleanup;
	link = bpf_program__attach(skel->progs.sctp_audit);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto cleanup;
	/* Every row, even after one failed: the failures say which. */
	for (i = 0; i < (int)ARRAY_SIZE(cases); i++)
		failed += !run_case(&cases[i]);
	printf("# sctp addresses: %d rows, %d failed\n", (int)ARRAY_SIZE(cases),
	       failed);
	ASSERT_EQ(bla_audit_drain(&audit, QUIET_MS), 0, "records beyond one per row");
cleanup:
	bpf_link__destroy(link);
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	audit = (struct bla_audit)BLA_AUDIT_INIT;
}

static const struct test tests[] = {
	TEST(test_sctp_addresses),
};

int main(int argc, char **argv)
{
	int ret;

	skel = sctp__open_and_load();
	if (!skel)
		test_bail("load sctp: %s", strerror(errno));
	ret = run_tests("sctp", tests, ARRAY_SIZE(tests), argc, argv);
	sctp__destroy(skel);
	return ret;
}
