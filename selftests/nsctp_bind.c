// SPDX-License-Identifier: GPL-2.0
/*
 * bind(): specific, wildcard and ephemeral addresses, the checks on the
 * sockaddr (length, family, locality), port conflicts between sockets
 * and how SO_REUSEADDR, SO_REUSEPORT, SCTP_REUSE_PORT and IPV6_V6ONLY
 * change them, and the ephemeral port search under a shrunken
 * ip_local_port_range with ip_local_reserved_ports holes.
 *
 * The expected errnos are those of the in-tree sctp.ko (Linux 6.1). Its
 * rules, which nsctp must reproduce:
 *  - a malformed sockaddr (too short, a family the socket does not take,
 *    a v4 address on a v6only socket) is EINVAL, never EAFNOSUPPORT;
 *  - a well-formed address that is not local is EADDRNOTAVAIL;
 *  - a second bind() is EINVAL;
 *  - two sockets conflict when their addresses overlap (a wildcard
 *    overlaps everything of its family, and a dual-stack v6 wildcard the
 *    v4 ones too), unless both asked for reuse and the one already there
 *    is not listening;
 *  - port 0 takes a port of the range that no SCTP socket holds at all,
 *    whatever its address, skipping reserved ports; none left: EADDRINUSE
 *    (and EAGAIN from a listen() that has to autobind).
 *
 * All on lo:  127.0.0.1, 127.0.0.2 (any of 127/8), ::1, ::ffff:127.0.0.1
 */
#include <linux/capability.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <sys/syscall.h>

/* The harness's generated wrappers do not use all their parameters. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#include "nsctp_util.h"

#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND	78
#endif

FIXTURE(bind) {
	int a, b;
};

FIXTURE_VARIANT(bind) {
	int family;
	int type;
	const char *other;	/* a second local address, or NULL */
	const char *nonlocal;	/* a unicast address no interface has */
};

FIXTURE_VARIANT_ADD(bind, ipv4_stream) {
	.family = AF_INET,
	.type = SOCK_STREAM,
	.other = "127.0.0.2",
	.nonlocal = "192.0.2.1",
};

FIXTURE_VARIANT_ADD(bind, ipv4_seqpacket) {
	.family = AF_INET,
	.type = SOCK_SEQPACKET,
	.other = "127.0.0.2",
	.nonlocal = "192.0.2.1",
};

FIXTURE_VARIANT_ADD(bind, ipv6_stream) {
	.family = AF_INET6,
	.type = SOCK_STREAM,
	.nonlocal = "2001:db8::1",
};

FIXTURE_VARIANT_ADD(bind, ipv6_seqpacket) {
	.family = AF_INET6,
	.type = SOCK_SEQPACKET,
	.nonlocal = "2001:db8::1",
};

FIXTURE_SETUP(bind)
{
	self->a = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->a) TH_LOG("socket: %s", strerror(errno));
	self->b = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->b) TH_LOG("socket: %s", strerror(errno));
}

FIXTURE_TEARDOWN(bind)
{
	close(self->a);
	close(self->b);
}

/* Bind a to loopback:0 and return the port it got (0 on failure). */
static unsigned short bind_a_loopback(int fd, int family)
{
	struct nsctp_addr lo;
	int port;

	nsctp_loopback(&lo, family, 0);
	if (nsctp_bind(fd, &lo))
		return 0;
	port = nsctp_local_port(fd);
	return port > 0 ? port : 0;
}

TEST_F(bind, loopback)
{
	struct nsctp_addr lo;
	int low, high, port;

	ASSERT_TRUE(nsctp_port_range(&low, &high));
	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->a, &lo));
	port = nsctp_local_port(self->a);
	EXPECT_LE(low, port);
	EXPECT_GE(high, port);
}

TEST_F(bind, wildcard)
{
	struct nsctp_addr any, a;

	nsctp_any(&any, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->a, &any));
	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(self->a, &a.sa, &a.len));
	ASSERT_EQ(variant->family, a.sa.sa_family);
	if (variant->family == AF_INET) {
		EXPECT_EQ(htonl(INADDR_ANY), a.v4.sin_addr.s_addr);
		EXPECT_NE(0, a.v4.sin_port);
	} else {
		EXPECT_TRUE(IN6_IS_ADDR_UNSPECIFIED(&a.v6.sin6_addr));
		EXPECT_NE(0, a.v6.sin6_port);
	}
}

/* An explicit port is used as given. */
TEST_F(bind, explicit_port)
{
	struct nsctp_addr lo;
	unsigned short port;

	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	close(self->a);
	self->a = nsctp_socket(variant->family, variant->type);
	nsctp_loopback(&lo, variant->family, port);
	ASSERT_EQ(0, nsctp_bind(self->a, &lo));
	EXPECT_EQ(port, nsctp_local_port(self->a));
}

/* A socket binds once: any second bind() is EINVAL, same port or not. */
TEST_F(bind, twice)
{
	struct nsctp_addr lo, any;
	unsigned short port;

	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, 0);
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &lo));
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &lo));
	nsctp_any(&any, variant->family, port);
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &any));
	EXPECT_EQ(port, nsctp_local_port(self->a));
}

/* listen()'s autobind counts as the one bind. */
TEST_F(bind, after_autobind)
{
	struct nsctp_addr lo;

	ASSERT_EQ(0, listen(self->a, 1));
	nsctp_loopback(&lo, variant->family, 0);
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &lo));
}

/* A unicast address that is not ours. */
TEST_F(bind, nonlocal)
{
	struct nsctp_addr a;

	ASSERT_TRUE(nsctp_addr(&a, variant->family, variant->nonlocal, 0));
	EXPECT_EQ(-EADDRNOTAVAIL, nsctp_bind(self->a, &a));
	/* The failure left the socket unbound. */
	EXPECT_EQ(0, nsctp_local_port(self->a));
	EXPECT_NE(0, bind_a_loopback(self->a, variant->family));
}

/* Multicast, broadcast and scope-less link-local are never bindable. */
TEST_F(bind, not_unicast)
{
	static const char * const v4[] = { "224.0.0.1", "255.255.255.255" };
	static const char * const v6[] = { "ff02::1", "fe80::1" };
	const char * const *list = variant->family == AF_INET ? v4 : v6;
	struct nsctp_addr a;
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_TRUE(nsctp_addr(&a, variant->family, list[i], 0));
		EXPECT_EQ(-EADDRNOTAVAIL, nsctp_bind(self->a, &a))
			TH_LOG("%s", list[i]);
	}
}

/* IP_FREEBIND / IPV6_FREEBIND allow a non-local address. */
TEST_F(bind, nonlocal_freebind)
{
	struct nsctp_addr a, got;

	if (variant->family == AF_INET) {
		ASSERT_EQ(0, nsctp_setint(self->a, SOL_IP, IP_FREEBIND, 1));
	} else {
		ASSERT_EQ(0, nsctp_setint(self->a, SOL_IPV6, IPV6_FREEBIND, 1));
	}
	ASSERT_TRUE(nsctp_addr(&a, variant->family, variant->nonlocal, 0));
	ASSERT_EQ(0, nsctp_bind(self->a, &a));
	got.len = sizeof(got.ss);
	ASSERT_EQ(0, getsockname(self->a, &got.sa, &got.len));
	if (variant->family == AF_INET) {
		EXPECT_EQ(a.v4.sin_addr.s_addr, got.v4.sin_addr.s_addr);
	} else {
		EXPECT_EQ(0, memcmp(&a.v6.sin6_addr, &got.v6.sin6_addr,
				    sizeof(a.v6.sin6_addr)));
	}
}

/*
 * Lengths: below sizeof(struct sockaddr) is EINVAL for both families,
 * and a sockaddr_in6 must be complete (not even the RFC 2133 size of 24).
 * Longer than the sockaddr is fine.
 */
TEST_F(bind, bad_length)
{
	struct nsctp_addr lo;

	nsctp_loopback(&lo, variant->family, 0);
	EXPECT_EQ(-1, bind(self->a, &lo.sa, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, bind(self->a, &lo.sa, sizeof(struct sockaddr) - 1));
	EXPECT_EQ(EINVAL, errno);
	if (variant->family == AF_INET6) {
		EXPECT_EQ(-1, bind(self->a, &lo.sa, 24));
		EXPECT_EQ(EINVAL, errno);
		EXPECT_EQ(-1, bind(self->a, &lo.sa, lo.len - 1));
		EXPECT_EQ(EINVAL, errno);
	}
	/* Too big for the kernel to copy at all. */
	EXPECT_EQ(-1, bind(self->a, &lo.sa, sizeof(lo.ss) + 1));
	EXPECT_EQ(EINVAL, errno);
	/* None of that bound anything; a generous length is accepted. */
	EXPECT_EQ(0, nsctp_local_port(self->a));
	EXPECT_EQ(0, bind(self->a, &lo.sa, sizeof(lo.ss)));
	EXPECT_NE(0, nsctp_local_port(self->a));
}

/* A family the socket does not take is EINVAL, not EAFNOSUPPORT. */
TEST_F(bind, bad_family)
{
	struct nsctp_addr a;

	nsctp_loopback(&a, variant->family, 0);
	a.sa.sa_family = AF_UNSPEC;
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &a));
	a.sa.sa_family = AF_UNIX;
	EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &a));
	if (variant->family == AF_INET) {
		/* A whole sockaddr_in6 on an AF_INET socket. */
		nsctp_loopback(&a, AF_INET6, 0);
		EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &a));
		nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", 0);
		EXPECT_EQ(-EINVAL, nsctp_bind(self->a, &a));
	}
	EXPECT_EQ(0, nsctp_local_port(self->a));
}

TEST_F(bind, conflict_same_address)
{
	struct nsctp_addr lo;
	unsigned short port;

	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &lo));
	/* The failed socket is still unbound and can go elsewhere. */
	EXPECT_EQ(0, nsctp_local_port(self->b));
	EXPECT_NE(0, bind_a_loopback(self->b, variant->family));
}

TEST_F(bind, conflict_wildcard_then_specific)
{
	struct nsctp_addr any, lo;
	int port;

	nsctp_any(&any, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->a, &any));
	port = nsctp_local_port(self->a);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &lo));
}

TEST_F(bind, conflict_specific_then_wildcard)
{
	struct nsctp_addr any;
	unsigned short port;

	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_any(&any, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &any));
}

/* Two different local addresses share a port. */
TEST_F(bind, distinct_addresses)
{
	struct nsctp_addr a;
	unsigned short port;

	if (!variant->other)
		SKIP(return, "one local address only");
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	ASSERT_TRUE(nsctp_addr(&a, variant->family, variant->other, port));
	EXPECT_EQ(0, nsctp_bind(self->b, &a));
	EXPECT_EQ(port, nsctp_local_port(self->b));
}

/* SO_REUSEADDR on both, the first not listening: the port is shared. */
TEST_F(bind, reuseaddr_both)
{
	struct nsctp_addr lo;
	unsigned short port;

	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SOCKET, SO_REUSEADDR, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEADDR, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(0, nsctp_bind(self->b, &lo));
	EXPECT_EQ(port, nsctp_local_port(self->b));
}

/* Reuse needs both sides: only the newcomer, or only the first, fails. */
TEST_F(bind, reuseaddr_one_side)
{
	struct nsctp_addr lo;
	unsigned short port;
	int c;

	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEADDR, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &lo));

	/* b (reuse) holds the port now; c without reuse comes second. */
	close(self->a);
	self->a = nsctp_socket(variant->family, variant->type);
	ASSERT_EQ(0, nsctp_bind(self->b, &lo));
	c = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, c);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(c, &lo));
	close(c);
}

/* The first socket listening: SO_REUSEADDR no longer shares. */
TEST_F(bind, reuseaddr_listening)
{
	struct nsctp_addr lo;
	unsigned short port;

	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SOCKET, SO_REUSEADDR, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEADDR, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	ASSERT_EQ(0, listen(self->a, 4));
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &lo));
}

/* Sharing while bound; then only the first to listen() may listen. */
TEST_F(bind, reuseaddr_second_listen)
{
	struct nsctp_addr lo;
	unsigned short port;
	int val;

	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SOCKET, SO_REUSEADDR, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEADDR, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	ASSERT_EQ(0, nsctp_bind(self->b, &lo));
	ASSERT_EQ(0, listen(self->a, 4));
	ASSERT_EQ(-1, listen(self->b, 4));
	EXPECT_EQ(EADDRINUSE, errno);
	/* The failed listen() left b closed but bound. */
	ASSERT_EQ(0, nsctp_getint(self->b, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(0, val);
	EXPECT_EQ(port, nsctp_local_port(self->b));
	/* Once a stops listening, b may. */
	ASSERT_EQ(0, listen(self->a, 0));
	EXPECT_EQ(0, listen(self->b, 4));
}

/* listen(0) turns a reusing listener back into a shareable one. */
TEST_F(bind, reuseaddr_after_listen_zero)
{
	struct nsctp_addr lo;
	unsigned short port;

	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SOCKET, SO_REUSEADDR, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEADDR, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	ASSERT_EQ(0, listen(self->a, 4));
	ASSERT_EQ(0, listen(self->a, 0));
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(0, nsctp_bind(self->b, &lo));
}

/* SO_REUSEPORT on both (same user): shared even while listening. */
TEST_F(bind, reuseport_listeners)
{
	struct nsctp_addr lo;
	unsigned short port;

	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SOCKET, SO_REUSEPORT, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEPORT, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	ASSERT_EQ(0, listen(self->a, 4));
	nsctp_loopback(&lo, variant->family, port);
	ASSERT_EQ(0, nsctp_bind(self->b, &lo));
	EXPECT_EQ(0, listen(self->b, 4));
}

/* SO_REUSEPORT on one side only is a conflict. */
TEST_F(bind, reuseport_one_side)
{
	struct nsctp_addr lo;
	unsigned short port;

	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SOCKET, SO_REUSEPORT, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(self->b, &lo));
}

/* SCTP_REUSE_PORT (one-to-one only) shares like SO_REUSEADDR. */
TEST_F(bind, sctp_reuse_port)
{
	struct nsctp_addr lo;
	unsigned short port;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "SCTP_REUSE_PORT is one-to-one only");
	ASSERT_EQ(0, nsctp_setint(self->a, SOL_SCTP, SCTP_REUSE_PORT, 1));
	ASSERT_EQ(0, nsctp_setint(self->b, SOL_SCTP, SCTP_REUSE_PORT, 1));
	port = bind_a_loopback(self->a, variant->family);
	ASSERT_NE(0, port);
	nsctp_loopback(&lo, variant->family, port);
	EXPECT_EQ(0, nsctp_bind(self->b, &lo));
	/* Bound: the option can no longer change (EFAULT in-tree). */
	EXPECT_EQ(-EFAULT, nsctp_setint(self->a, SOL_SCTP, SCTP_REUSE_PORT, 0));
}

/* Drop CAP_NET_BIND_SERVICE from the effective set of this process. */
static int drop_bind_service(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[CAP_TO_INDEX(CAP_NET_BIND_SERVICE)].effective &=
		~CAP_TO_MASK(CAP_NET_BIND_SERVICE);
	return syscall(SYS_capset, &hdr, data);
}

/*
 * Ports below net.ipv4.ip_unprivileged_port_start need
 * CAP_NET_BIND_SERVICE: EACCES, checked after the address (a non-local
 * address still says EADDRNOTAVAIL). The harness runs each test in its
 * own child, so dropping the capability here affects this test only.
 */
TEST(privileged_port)
{
	long start = nsctp_sysctl_long("/proc/sys/net/ipv4/ip_unprivileged_port_start");
	struct nsctp_addr a;
	int fd;

	if (start < 2)
		SKIP(return, "no privileged ports (start %ld)", start);
	ASSERT_EQ(0, drop_bind_service());
	fd = nsctp_socket(AF_INET, SOCK_STREAM);
	ASSERT_LE(0, fd);
	nsctp_loopback(&a, AF_INET, start - 1);
	EXPECT_EQ(-EACCES, nsctp_bind(fd, &a));
	ASSERT_TRUE(nsctp_addr(&a, AF_INET, "192.0.2.1", start - 1));
	EXPECT_EQ(-EADDRNOTAVAIL, nsctp_bind(fd, &a));
	/* Port 0 never needs the capability. */
	nsctp_loopback(&a, AF_INET, 0);
	EXPECT_EQ(0, nsctp_bind(fd, &a));
	close(fd);

	fd = nsctp_socket(AF_INET6, SOCK_SEQPACKET);
	ASSERT_LE(0, fd);
	nsctp_loopback(&a, AF_INET6, start - 1);
	EXPECT_EQ(-EACCES, nsctp_bind(fd, &a));
	nsctp_loopback(&a, AF_INET6, start);
	EXPECT_EQ(0, nsctp_bind(fd, &a));
	close(fd);
}

/* All of 127/8 is local on lo. */
TEST(v4_loopback_net)
{
	static const char * const addrs[] = { "127.0.0.2", "127.1.2.3",
					       "127.255.255.254" };
	int i, fd;

	for (i = 0; i < 3; i++) {
		fd = nsctp_bound(AF_INET, SOCK_STREAM, addrs[i], 0);
		EXPECT_LE(0, fd) TH_LOG("%s: %s", addrs[i], strerror(errno));
		if (fd >= 0)
			close(fd);
	}
}

/*
 * The v4 and v6 wildcards overlap unless the v6 socket is v6only, in
 * either order of binding. The two sockets are of different styles on
 * purpose: one-to-one and one-to-many share one port space.
 */
static void wildcards(struct __test_metadata *_metadata, bool v6_first,
		      int v6only, int expect)
{
	struct nsctp_addr any4, any6;
	int fd4, fd6, port;

	fd4 = nsctp_socket(AF_INET, SOCK_STREAM);
	fd6 = nsctp_socket(AF_INET6, SOCK_SEQPACKET);
	ASSERT_LE(0, fd4);
	ASSERT_LE(0, fd6);
	ASSERT_EQ(0, nsctp_setint(fd6, SOL_IPV6, IPV6_V6ONLY, v6only));
	nsctp_any(&any4, AF_INET, 0);
	nsctp_any(&any6, AF_INET6, 0);
	if (v6_first) {
		ASSERT_EQ(0, nsctp_bind(fd6, &any6));
		port = nsctp_local_port(fd6);
		any4.v4.sin_port = htons(port);
		EXPECT_EQ(expect, nsctp_bind(fd4, &any4));
	} else {
		ASSERT_EQ(0, nsctp_bind(fd4, &any4));
		port = nsctp_local_port(fd4);
		any6.v6.sin6_port = htons(port);
		EXPECT_EQ(expect, nsctp_bind(fd6, &any6));
	}
	close(fd4);
	close(fd6);
}

TEST(wildcard_v4_then_v6_dual)
{
	wildcards(_metadata, false, 0, -EADDRINUSE);
}

TEST(wildcard_v6_dual_then_v4)
{
	wildcards(_metadata, true, 0, -EADDRINUSE);
}

TEST(wildcard_v4_then_v6only)
{
	wildcards(_metadata, false, 1, 0);
}

TEST(wildcard_v6only_then_v4)
{
	wildcards(_metadata, true, 1, 0);
}

/* A dual-stack v6 wildcard also covers a specific v4 address. */
TEST(wildcard_v6_dual_covers_v4_loopback)
{
	struct nsctp_addr lo;
	int fd6, port, fd4;

	fd6 = nsctp_bound(AF_INET6, SOCK_STREAM, "::", 0);
	ASSERT_LE(0, fd6);
	port = nsctp_local_port(fd6);
	fd4 = nsctp_socket(AF_INET, SOCK_STREAM);
	ASSERT_LE(0, fd4);
	nsctp_loopback(&lo, AF_INET, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd4, &lo));
	close(fd4);
	close(fd6);
}

/* ::1 and 127.0.0.1 are different addresses: no conflict. */
TEST(v6_loopback_and_v4_loopback)
{
	struct nsctp_addr lo4;
	int fd6, fd4, port;

	fd6 = nsctp_bound(AF_INET6, SOCK_STREAM, "::1", 0);
	ASSERT_LE(0, fd6);
	port = nsctp_local_port(fd6);
	fd4 = nsctp_socket(AF_INET, SOCK_STREAM);
	nsctp_loopback(&lo4, AF_INET, port);
	EXPECT_EQ(0, nsctp_bind(fd4, &lo4));
	close(fd4);
	close(fd6);
}

/*
 * A v4-mapped address on a v6 socket is the v4 address: it is local,
 * conflicts with a v4 socket on it, and comes back from getsockname()
 * mapped, or as a plain sockaddr_in once SCTP_I_WANT_MAPPED_V4_ADDR is 0.
 */
TEST(v6_bind_v4_mapped)
{
	struct nsctp_addr a, lo4;
	int fd, fd4, port, off = 0;

	fd = nsctp_socket(AF_INET6, SOCK_SEQPACKET);
	ASSERT_LE(0, fd);
	ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", 0));
	ASSERT_EQ(0, nsctp_bind(fd, &a));
	port = nsctp_local_port(fd);
	ASSERT_LT(0, port);

	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(fd, &a.sa, &a.len));
	ASSERT_EQ(sizeof(struct sockaddr_in6), a.len);
	ASSERT_EQ(AF_INET6, a.sa.sa_family);
	EXPECT_TRUE(IN6_IS_ADDR_V4MAPPED(&a.v6.sin6_addr));
	EXPECT_EQ(htonl(INADDR_LOOPBACK), a.v6.sin6_addr.s6_addr32[3]);

	ASSERT_EQ(0, setsockopt(fd, SOL_SCTP, SCTP_I_WANT_MAPPED_V4_ADDR,
				&off, sizeof(off)));
	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(fd, &a.sa, &a.len));
	ASSERT_EQ(sizeof(struct sockaddr_in), a.len);
	ASSERT_EQ(AF_INET, a.sa.sa_family);
	EXPECT_EQ(htonl(INADDR_LOOPBACK), a.v4.sin_addr.s_addr);
	EXPECT_EQ(htons(port), a.v4.sin_port);

	fd4 = nsctp_socket(AF_INET, SOCK_STREAM);
	nsctp_loopback(&lo4, AF_INET, port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd4, &lo4));
	close(fd4);
	close(fd);
}

/* The reverse: a v4 socket first, then the v4-mapped form of it. */
TEST(v4_then_v6_mapped)
{
	struct nsctp_addr a;
	int fd4, fd6, port;

	fd4 = nsctp_bound(AF_INET, SOCK_SEQPACKET, "127.0.0.1", 0);
	ASSERT_LE(0, fd4);
	port = nsctp_local_port(fd4);
	fd6 = nsctp_socket(AF_INET6, SOCK_STREAM);
	ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", port));
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd6, &a));
	close(fd6);
	close(fd4);
}

/* A plain sockaddr_in is accepted by a (dual-stack) AF_INET6 socket. */
TEST(v6_bind_sockaddr_in)
{
	struct nsctp_addr a;
	int fd;

	fd = nsctp_socket(AF_INET6, SOCK_STREAM);
	ASSERT_LE(0, fd);
	nsctp_loopback(&a, AF_INET, 0);
	ASSERT_EQ(0, nsctp_bind(fd, &a));
	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(fd, &a.sa, &a.len));
	ASSERT_EQ(sizeof(struct sockaddr_in6), a.len);
	ASSERT_EQ(AF_INET6, a.sa.sa_family);
	EXPECT_TRUE(IN6_IS_ADDR_V4MAPPED(&a.v6.sin6_addr));
	EXPECT_EQ(htonl(INADDR_LOOPBACK), a.v6.sin6_addr.s6_addr32[3]);
	EXPECT_NE(0, a.v6.sin6_port);
	close(fd);
}

/* A v4-mapped address that is not local is EADDRNOTAVAIL. */
TEST(v6_bind_v4_mapped_nonlocal)
{
	struct nsctp_addr a;
	int fd;

	fd = nsctp_socket(AF_INET6, SOCK_STREAM);
	ASSERT_LE(0, fd);
	ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:192.0.2.1", 0));
	EXPECT_EQ(-EADDRNOTAVAIL, nsctp_bind(fd, &a));
	close(fd);
}

/* A v6only socket takes no v4 address in either form: EINVAL. */
TEST(v6only_refuses_v4)
{
	struct nsctp_addr a;
	int fd;

	fd = nsctp_socket(AF_INET6, SOCK_STREAM);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, nsctp_setint(fd, SOL_IPV6, IPV6_V6ONLY, 1));
	ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", 0));
	EXPECT_EQ(-EINVAL, nsctp_bind(fd, &a));
	nsctp_loopback(&a, AF_INET, 0);
	EXPECT_EQ(-EINVAL, nsctp_bind(fd, &a));
	/* ::1 still works. */
	nsctp_loopback(&a, AF_INET6, 0);
	EXPECT_EQ(0, nsctp_bind(fd, &a));
	close(fd);
}

/* A v6only wildcard leaves a specific v4 address free. */
TEST(v6only_wildcard_and_v4_loopback)
{
	struct nsctp_addr a;
	int fd6, fd4, port;

	fd6 = nsctp_socket(AF_INET6, SOCK_SEQPACKET);
	ASSERT_LE(0, fd6);
	ASSERT_EQ(0, nsctp_setint(fd6, SOL_IPV6, IPV6_V6ONLY, 1));
	nsctp_any(&a, AF_INET6, 0);
	ASSERT_EQ(0, nsctp_bind(fd6, &a));
	port = nsctp_local_port(fd6);
	fd4 = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	nsctp_loopback(&a, AF_INET, port);
	EXPECT_EQ(0, nsctp_bind(fd4, &a));
	close(fd4);
	close(fd6);
}

/*
 * Ephemeral ports. The fixture shrinks the range to 8 ports with two of
 * them reserved, and puts both sysctls back afterwards.
 */
#define EPH_LOW		45000
#define EPH_HIGH	45007
#define EPH_FREE	6	/* ports of the range not reserved */

FIXTURE(ephemeral) {
	char range[64];
	char reserved[4096];
	int fds[EPH_HIGH - EPH_LOW + 2];
	int nfds;
};

FIXTURE_VARIANT(ephemeral) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(ephemeral, ipv4_stream) {
	.family = AF_INET,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(ephemeral, ipv4_seqpacket) {
	.family = AF_INET,
	.type = SOCK_SEQPACKET,
};

FIXTURE_VARIANT_ADD(ephemeral, ipv6_stream) {
	.family = AF_INET6,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(ephemeral, ipv6_seqpacket) {
	.family = AF_INET6,
	.type = SOCK_SEQPACKET,
};

static bool eph_reserved(int port)
{
	return port == EPH_LOW + 2 || port == EPH_LOW + 5;
}

FIXTURE_SETUP(ephemeral)
{
	char buf[64];

	self->nfds = 0;
	self->range[0] = '\0';
	self->reserved[0] = '\0';
	ASSERT_LT(0, nsctp_sysctl_read(NSCTP_PORT_RANGE, self->range,
				       sizeof(self->range)));
	ASSERT_LE(0, nsctp_sysctl_read(NSCTP_RESERVED_PORTS, self->reserved,
				       sizeof(self->reserved)));
	snprintf(buf, sizeof(buf), "%d %d", EPH_LOW, EPH_HIGH);
	ASSERT_EQ(0, nsctp_sysctl_write(NSCTP_PORT_RANGE, buf));
	snprintf(buf, sizeof(buf), "%d,%d", EPH_LOW + 2, EPH_LOW + 5);
	ASSERT_EQ(0, nsctp_sysctl_write(NSCTP_RESERVED_PORTS, buf));
}

FIXTURE_TEARDOWN(ephemeral)
{
	int i;

	for (i = 0; i < self->nfds; i++)
		close(self->fds[i]);
	if (self->range[0])
		EXPECT_EQ(0, nsctp_sysctl_write(NSCTP_PORT_RANGE, self->range));
	EXPECT_EQ(0, nsctp_sysctl_write(NSCTP_RESERVED_PORTS, self->reserved));
}

/* A new socket of the variant, kept for the teardown to close. */
static int eph_socket(FIXTURE_DATA(ephemeral) *self, int family, int type)
{
	int fd = nsctp_socket(family, type);

	if (fd >= 0)
		self->fds[self->nfds++] = fd;
	return fd;
}

/* Take every free port of the range, checking each; true if all went. */
static bool eph_fill(struct __test_metadata *_metadata,
		     FIXTURE_DATA(ephemeral) *self,
		     const FIXTURE_VARIANT(ephemeral) *variant, bool reuse)
{
	bool seen[EPH_HIGH - EPH_LOW + 1] = { false };
	struct nsctp_addr lo;
	int i, fd, port;

	nsctp_loopback(&lo, variant->family, 0);
	for (i = 0; i < EPH_FREE; i++) {
		fd = eph_socket(self, variant->family, variant->type);
		if (fd < 0)
			return false;
		if (reuse && nsctp_setint(fd, SOL_SOCKET, SO_REUSEADDR, 1))
			return false;
		EXPECT_EQ(0, nsctp_bind(fd, &lo));
		port = nsctp_local_port(fd);
		EXPECT_LE(EPH_LOW, port);
		EXPECT_GE(EPH_HIGH, port);
		if (port < EPH_LOW || port > EPH_HIGH)
			return false;
		EXPECT_FALSE(eph_reserved(port)) TH_LOG("got reserved %d", port);
		EXPECT_FALSE(seen[port - EPH_LOW]) TH_LOG("%d twice", port);
		seen[port - EPH_LOW] = true;
	}
	return true;
}

/* Every port from the range, none reserved, then EADDRINUSE. */
TEST_F(ephemeral, exhaust)
{
	struct nsctp_addr lo;
	int fd;

	ASSERT_TRUE(eph_fill(_metadata, self, variant, false));
	fd = eph_socket(self, variant->family, variant->type);
	nsctp_loopback(&lo, variant->family, 0);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd, &lo));
	nsctp_any(&lo, variant->family, 0);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd, &lo));
	EXPECT_EQ(0, nsctp_local_port(fd));
}

/* Reuse does not matter to the search: a held port is never handed out. */
TEST_F(ephemeral, exhaust_reuseaddr)
{
	struct nsctp_addr lo;
	int fd;

	ASSERT_TRUE(eph_fill(_metadata, self, variant, true));
	fd = eph_socket(self, variant->family, variant->type);
	ASSERT_EQ(0, nsctp_setint(fd, SOL_SOCKET, SO_REUSEADDR, 1));
	nsctp_loopback(&lo, variant->family, 0);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd, &lo));
}

/* listen() cannot autobind either: EAGAIN. */
TEST_F(ephemeral, listen_exhausted)
{
	int fd, val;

	ASSERT_TRUE(eph_fill(_metadata, self, variant, false));
	fd = eph_socket(self, variant->family, variant->type);
	ASSERT_EQ(-1, listen(fd, 4));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(0, val);
	EXPECT_EQ(0, nsctp_local_port(fd));
}

/*
 * The search skips ports held by any SCTP socket, even where the address
 * would not conflict: the other family's loopback gets nothing either,
 * although an explicit bind there works.
 */
TEST_F(ephemeral, held_anywhere)
{
	int other = variant->family == AF_INET ? AF_INET6 : AF_INET;
	struct nsctp_addr lo;
	int fd, port;

	ASSERT_TRUE(eph_fill(_metadata, self, variant, false));
	port = nsctp_local_port(self->fds[0]);
	fd = eph_socket(self, other, variant->type);
	nsctp_loopback(&lo, other, 0);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd, &lo));
	nsctp_loopback(&lo, other, port);
	EXPECT_EQ(0, nsctp_bind(fd, &lo));
}

/* A port comes back to the pool on close(), and only that one is free. */
TEST_F(ephemeral, close_returns_port)
{
	struct nsctp_addr lo;
	int fd, port;

	ASSERT_TRUE(eph_fill(_metadata, self, variant, false));
	port = nsctp_local_port(self->fds[3]);
	close(self->fds[3]);
	self->fds[3] = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fds[3]);
	fd = eph_socket(self, variant->family, variant->type);
	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(fd, &lo));
	EXPECT_EQ(port, nsctp_local_port(fd));
}

/* Reserved ports are only kept from the search: binding one works. */
TEST_F(ephemeral, reserved_explicit)
{
	struct nsctp_addr lo;
	int fd;

	fd = eph_socket(self, variant->family, variant->type);
	nsctp_loopback(&lo, variant->family, EPH_LOW + 2);
	EXPECT_EQ(0, nsctp_bind(fd, &lo));
	EXPECT_EQ(EPH_LOW + 2, nsctp_local_port(fd));
	/* An explicit port outside the range is fine too. */
	fd = eph_socket(self, variant->family, variant->type);
	nsctp_loopback(&lo, variant->family, EPH_HIGH + 100);
	EXPECT_EQ(0, nsctp_bind(fd, &lo));
}

TEST_HARNESS_MAIN
