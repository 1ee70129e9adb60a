// SPDX-License-Identifier: GPL-2.0-only
/*
 * net_deny: refuse connect() to one port, and bind() to privileged ports.
 *
 * connect() of a TCP or UDP socket (IPv4 or IPv6, MPTCP and UDP-Lite
 * included) to connect_port is denied with EPERM and logged as
 *
 *	cause="connect-deny" daddr=ADDR dest=PORT
 *
 * and bind() of such a socket to a port from 1 to 1023 that the loader
 * did not allow is denied, even for root, and logged as
 *
 *	cause="bind-privileged" saddr=ADDR src=PORT
 *
 * (lsm_audit.c leaves out daddr=/saddr= for the any address, and the
 * kfunc logs no address for an AF_UNSPEC bind, see below).  Ports
 * come in network byte order at offset 2 of both sockaddr_in and
 * sockaddr_in6.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "bpf_lsm_audit.h"

#define EPERM			1
#define AF_UNSPEC		0
#define AF_INET			2
#define AF_INET6		10
/* Shortest sockaddr_in6 the kernel takes (without sin6_scope_id). */
#define SIN6_LEN_RFC2133	24
#define PRIVILEGED_PORTS	1024

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader. */
const volatile __u16 connect_port;		/* 0: none */
const volatile __u8 bind_allowed[PRIVILEGED_PORTS];	/* 1: may bind */

/*
 * Only these protocols have ports: the "port" of a raw socket is an IP
 * protocol number and that of a ping socket an ICMP echo id.
 */
static bool has_ports(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return false;
	switch (sk->sk_protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_MPTCP:
		return true;
	}
	return false;
}

static __u16 sockaddr_port(struct sockaddr *address)
{
	return bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
}

SEC("lsm/socket_connect")
int BPF_PROG(connect_deny, struct socket *sock, struct sockaddr *address,
	     int addrlen, int ret)
{
	struct bpf_audit_context *ac;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	if (!connect_port || !has_ports(sock))
		return 0;
	/*
	 * The address family, not the socket's: a UDP IPv6 socket connects
	 * to an AF_INET address as well.  An address too short for its
	 * family is refused by the protocol itself, with EINVAL.
	 */
	switch (address->sa_family) {
	case AF_INET:
		if (addrlen < (int)sizeof(struct sockaddr_in))
			return 0;
		break;
	case AF_INET6:
		if (addrlen < SIN6_LEN_RFC2133)
			return 0;
		break;
	default:
		/* AF_UNSPEC disconnects: no port to go to. */
		return 0;
	}
	if (sockaddr_port(address) != connect_port)
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "connect-deny");
			bpf_audit_log_net_hook_addr(ac, 0, ctx);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}

SEC("lsm/socket_bind")
int BPF_PROG(bind_privileged, struct socket *sock, struct sockaddr *address,
	     int addrlen, int ret)
{
	struct bpf_audit_context *ac;
	struct sock *sk;
	__u16 port;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	if (!has_ports(sock))
		return 0;
	sk = sock->sk;
	if (!sk)
		return 0;
	/* The checks of inet_bind_sk() and inet6_bind_sk(), which bind. */
	switch (sk->__sk_common.skc_family) {
	case AF_INET:
		if (addrlen < (int)sizeof(struct sockaddr_in))
			return 0;
		if (address->sa_family == AF_INET)
			break;
		/*
		 * __inet_bind() binds AF_UNSPEC with INADDR_ANY as AF_INET
		 * ("compatibility games"): that must not be a way around.
		 * Its record has no address: the kfunc logs only AF_INET
		 * and AF_INET6, and takes only the hook's own (trusted)
		 * address, not a corrected copy on the stack.
		 */
		if (address->sa_family != AF_UNSPEC ||
		    ((struct sockaddr_in *)address)->sin_addr.s_addr)
			return 0;
		break;
	case AF_INET6:
		if (addrlen < SIN6_LEN_RFC2133 ||
		    address->sa_family != AF_INET6)
			return 0;
		break;
	default:
		return 0;
	}
	port = sockaddr_port(address);
	/* Port 0 asks for an ephemeral port, which is never privileged. */
	if (!port || port >= PRIVILEGED_PORTS)
		return 0;
	/*
	 * clang checks the range on a copy of port, so the verifier would
	 * not know the index is in bounds: hide the range from clang and
	 * bound the index with a mask the verifier can follow.
	 */
	barrier_var(port);
	if (bind_allowed[port & (PRIVILEGED_PORTS - 1)])
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "bind-privileged");
			bpf_audit_log_net_hook_addr(ac, 0, ctx);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}
