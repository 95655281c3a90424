// SPDX-License-Identifier: GPL-2.0
/*
 * The socket layer without an association: socket() for every family and
 * type, getsockname()/getpeername() before and after bind, listen() with
 * its autobind and its backlog rules, accept() and shutdown() where there
 * is nothing to accept or shut down, and close() giving the port back.
 *
 * Every errno below is the one the in-tree sctp.ko (Linux 6.1) returns:
 * nsctp has to match it. Most cases run for IPv4/IPv6 x one-to-one
 * (SOCK_STREAM)/one-to-many (SOCK_SEQPACKET). Only loopback is used:
 *
 *   socket --(bind/listen/accept/close, no packets)--> lo (127/8, ::1)
 */
#include <limits.h>

/* The harness's generated wrappers do not use all their parameters. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#include "nsctp_util.h"

FIXTURE(sock) {
	int fd;
};

FIXTURE_VARIANT(sock) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(sock, ipv4_stream) {
	.family = AF_INET,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(sock, ipv4_seqpacket) {
	.family = AF_INET,
	.type = SOCK_SEQPACKET,
};

FIXTURE_VARIANT_ADD(sock, ipv6_stream) {
	.family = AF_INET6,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(sock, ipv6_seqpacket) {
	.family = AF_INET6,
	.type = SOCK_SEQPACKET,
};

FIXTURE_SETUP(sock)
{
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd) TH_LOG("socket: %s", strerror(errno));
}

FIXTURE_TEARDOWN(sock)
{
	if (self->fd >= 0)
		close(self->fd);
}

static socklen_t family_len(int family)
{
	return family == AF_INET ? sizeof(struct sockaddr_in) :
				   sizeof(struct sockaddr_in6);
}

/* SO_TYPE, SO_PROTOCOL and SO_DOMAIN describe what socket() was asked. */
TEST_F(sock, identity)
{
	int val;

	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_TYPE, &val));
	EXPECT_EQ(variant->type, val);
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_PROTOCOL, &val));
	EXPECT_EQ(IPPROTO_SCTP, val);
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_DOMAIN, &val));
	EXPECT_EQ(variant->family, val);
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(0, val);
	/* No INET_PROTOSW_REUSE: SO_REUSEADDR starts off. */
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_REUSEADDR, &val));
	EXPECT_EQ(0, val);
}

/* Unbound: the wildcard address, port 0, the socket's own family. */
TEST_F(sock, getsockname_unbound)
{
	struct nsctp_addr a, any;

	memset(&a, 0xa5, sizeof(a));
	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(self->fd, &a.sa, &a.len));
	ASSERT_EQ(family_len(variant->family), a.len);
	ASSERT_EQ(variant->family, a.sa.sa_family);
	nsctp_any(&any, variant->family, 0);
	if (variant->family == AF_INET) {
		EXPECT_EQ(0, a.v4.sin_port);
		EXPECT_EQ(any.v4.sin_addr.s_addr, a.v4.sin_addr.s_addr);
	} else {
		EXPECT_EQ(0, a.v6.sin6_port);
		EXPECT_EQ(0, memcmp(&any.v6.sin6_addr, &a.v6.sin6_addr,
				    sizeof(a.v6.sin6_addr)));
	}
}

/* Bound to loopback: the address comes back with the chosen port. */
TEST_F(sock, getsockname_bound)
{
	struct nsctp_addr lo, a;

	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(self->fd, &a.sa, &a.len));
	ASSERT_EQ(family_len(variant->family), a.len);
	ASSERT_EQ(variant->family, a.sa.sa_family);
	if (variant->family == AF_INET) {
		EXPECT_NE(0, a.v4.sin_port);
		EXPECT_EQ(lo.v4.sin_addr.s_addr, a.v4.sin_addr.s_addr);
	} else {
		EXPECT_NE(0, a.v6.sin6_port);
		EXPECT_EQ(0, memcmp(&lo.v6.sin6_addr, &a.v6.sin6_addr,
				    sizeof(a.v6.sin6_addr)));
	}
}

/* A short buffer is filled up to its size; the full length comes back. */
TEST_F(sock, getsockname_truncated)
{
	struct nsctp_addr lo;
	unsigned char buf[4];
	socklen_t len = sizeof(buf);
	sa_family_t family;

	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	ASSERT_EQ(0, getsockname(self->fd, (struct sockaddr *)buf, &len));
	EXPECT_EQ(family_len(variant->family), len);
	memcpy(&family, buf, sizeof(family));
	EXPECT_EQ(variant->family, family);
}

TEST_F(sock, getpeername_unconnected)
{
	struct nsctp_addr a;

	a.len = sizeof(a.ss);
	ASSERT_EQ(-1, getpeername(self->fd, &a.sa, &a.len));
	EXPECT_EQ(ENOTCONN, errno);

	/* Still not connected once bound and listening. */
	ASSERT_EQ(0, listen(self->fd, 1));
	a.len = sizeof(a.ss);
	ASSERT_EQ(-1, getpeername(self->fd, &a.sa, &a.len));
	EXPECT_EQ(ENOTCONN, errno);
}

/* listen() on an unbound socket binds the wildcard and an ephemeral port. */
TEST_F(sock, listen_autobinds)
{
	struct nsctp_addr a;
	int low, high, port, val;

	ASSERT_TRUE(nsctp_port_range(&low, &high));
	ASSERT_EQ(0, listen(self->fd, 8));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(1, val);

	a.len = sizeof(a.ss);
	ASSERT_EQ(0, getsockname(self->fd, &a.sa, &a.len));
	ASSERT_EQ(variant->family, a.sa.sa_family);
	port = nsctp_local_port(self->fd);
	EXPECT_LE(low, port);
	EXPECT_GE(high, port);
	if (variant->family == AF_INET) {
		EXPECT_EQ(htonl(INADDR_ANY), a.v4.sin_addr.s_addr);
	} else {
		EXPECT_TRUE(IN6_IS_ADDR_UNSPECIFIED(&a.v6.sin6_addr));
	}
}

/* A bound socket keeps its port and address when it starts listening. */
TEST_F(sock, listen_keeps_bound_port)
{
	struct nsctp_addr lo;
	int port;

	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, listen(self->fd, 8));
	EXPECT_EQ(port, nsctp_local_port(self->fd));
}

/* listen() again only updates the backlog. */
TEST_F(sock, listen_twice)
{
	int port;

	ASSERT_EQ(0, listen(self->fd, 1));
	port = nsctp_local_port(self->fd);
	ASSERT_EQ(0, listen(self->fd, 100));
	EXPECT_EQ(port, nsctp_local_port(self->fd));
}

/*
 * A negative backlog never reaches the protocol: the syscall clamps any
 * value above net.core.somaxconn (as unsigned) to somaxconn.
 */
TEST_F(sock, listen_negative_backlog)
{
	int val;

	ASSERT_EQ(0, listen(self->fd, -1));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(1, val);
	ASSERT_EQ(0, listen(self->fd, INT_MAX));
}

/* A backlog of 0 on a socket that is not listening is EINVAL. */
TEST_F(sock, listen_zero_not_listening)
{
	struct nsctp_addr lo;

	ASSERT_EQ(-1, listen(self->fd, 0));
	EXPECT_EQ(EINVAL, errno);
	/* ... and it did not autobind. */
	EXPECT_EQ(0, nsctp_local_port(self->fd));

	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	ASSERT_EQ(-1, listen(self->fd, 0));
	EXPECT_EQ(EINVAL, errno);
}

/* A backlog of 0 on a listening socket stops listening (both styles). */
TEST_F(sock, listen_zero_disables)
{
	int val, port;

	ASSERT_EQ(0, listen(self->fd, 4));
	port = nsctp_local_port(self->fd);
	ASSERT_EQ(0, listen(self->fd, 0));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(0, val);
	/* Still bound to the same port. */
	EXPECT_EQ(port, nsctp_local_port(self->fd));
	/* Now closed again: a second listen(0) is EINVAL... */
	ASSERT_EQ(-1, listen(self->fd, 0));
	EXPECT_EQ(EINVAL, errno);
	/* ... and listening can start again on the same port. */
	ASSERT_EQ(0, listen(self->fd, 4));
	EXPECT_EQ(port, nsctp_local_port(self->fd));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_ACCEPTCONN, &val));
	EXPECT_EQ(1, val);
}

/* accept(): EOPNOTSUPP for one-to-many, EINVAL if not listening. */
TEST_F(sock, accept_not_listening)
{
	ASSERT_EQ(-1, accept(self->fd, NULL, NULL));
	if (variant->type == SOCK_SEQPACKET) {
		EXPECT_EQ(EOPNOTSUPP, errno);
	} else {
		EXPECT_EQ(EINVAL, errno);
	}
}

/*
 * Listening with nothing queued: a non-blocking one-to-one socket says
 * EAGAIN; a one-to-many socket never accepts, listening or not.
 */
TEST_F(sock, accept_listening_empty)
{
	ASSERT_EQ(0, fcntl(self->fd, F_SETFL, O_NONBLOCK));
	ASSERT_EQ(0, listen(self->fd, 4));
	ASSERT_EQ(-1, accept(self->fd, NULL, NULL));
	if (variant->type == SOCK_SEQPACKET) {
		EXPECT_EQ(EOPNOTSUPP, errno);
	} else {
		EXPECT_EQ(EAGAIN, errno);
	}
}

/* After listen(0) a one-to-one socket is no longer accepting. */
TEST_F(sock, accept_after_listen_zero)
{
	if (variant->type != SOCK_STREAM)
		SKIP(return, "one-to-one only");
	ASSERT_EQ(0, listen(self->fd, 4));
	ASSERT_EQ(0, listen(self->fd, 0));
	ASSERT_EQ(-1, accept(self->fd, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
}

/* shutdown(): ENOTCONN when unconnected, EINVAL for a bad "how". */
TEST_F(sock, shutdown_unconnected)
{
	ASSERT_EQ(-1, shutdown(self->fd, 3));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, shutdown(self->fd, -1));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, shutdown(self->fd, SHUT_WR));
	EXPECT_EQ(ENOTCONN, errno);
	ASSERT_EQ(-1, shutdown(self->fd, SHUT_RDWR));
	EXPECT_EQ(ENOTCONN, errno);
}

/*
 * shutdown() of a listening socket: SHUT_WR does nothing and succeeds;
 * anything with SHUT_RD asks the protocol to disconnect, which SCTP does
 * not implement (EOPNOTSUPP).
 */
TEST_F(sock, shutdown_listening)
{
	ASSERT_EQ(0, listen(self->fd, 4));
	EXPECT_EQ(0, shutdown(self->fd, SHUT_WR));
	ASSERT_EQ(-1, shutdown(self->fd, SHUT_RD));
	EXPECT_EQ(EOPNOTSUPP, errno);
}

/* close() gives the port back at once: no TIME-WAIT for SCTP. */
TEST_F(sock, close_frees_port)
{
	struct nsctp_addr lo;
	int port, fd;

	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	ASSERT_EQ(0, listen(self->fd, 4));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);

	fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, fd);
	nsctp_loopback(&lo, variant->family, port);
	ASSERT_EQ(-EADDRINUSE, nsctp_bind(fd, &lo));
	close(fd);

	close(self->fd);
	self->fd = -1;
	fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, nsctp_bind(fd, &lo));
	EXPECT_EQ(port, nsctp_local_port(fd));
	EXPECT_EQ(0, listen(fd, 4));
	close(fd);
}

/* Many sockets at once, all closed: no port stays taken. */
TEST_F(sock, close_many)
{
	struct nsctp_addr lo;
	int fds[64], ports[64], i;

	for (i = 0; i < 64; i++) {
		fds[i] = nsctp_socket(variant->family, variant->type);
		ASSERT_LE(0, fds[i]);
		nsctp_loopback(&lo, variant->family, 0);
		ASSERT_EQ(0, nsctp_bind(fds[i], &lo));
		ports[i] = nsctp_local_port(fds[i]);
		if (i % 2)
			ASSERT_EQ(0, listen(fds[i], 1));
	}
	for (i = 0; i < 64; i++)
		close(fds[i]);
	for (i = 0; i < 64; i++) {
		fds[i] = nsctp_socket(variant->family, variant->type);
		ASSERT_LE(0, fds[i]);
		nsctp_loopback(&lo, variant->family, ports[i]);
		ASSERT_EQ(0, nsctp_bind(fds[i], &lo))
			TH_LOG("port %d still taken", ports[i]);
	}
	for (i = 0; i < 64; i++)
		close(fds[i]);
}

/* socket() with IPPROTO_SCTP and a type SCTP does not register. */
TEST(socket_other_types)
{
	static const int families[] = { AF_INET, AF_INET6 };
	int i, fd, val;

	for (i = 0; i < 2; i++) {
		/* SOCK_DGRAM has protocols, none of them 132. */
		ASSERT_EQ(-1, socket(families[i], SOCK_DGRAM, IPPROTO_SCTP));
		EXPECT_EQ(EPROTONOSUPPORT, errno);
		/* SOCK_RDM has no protocol at all. */
		ASSERT_EQ(-1, socket(families[i], SOCK_RDM, IPPROTO_SCTP));
		EXPECT_EQ(ESOCKTNOSUPPORT, errno);
		/* SOCK_RAW takes any protocol: a raw socket, not SCTP's. */
		fd = socket(families[i], SOCK_RAW, IPPROTO_SCTP);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, nsctp_getint(fd, SOL_SOCKET, SO_TYPE, &val));
		EXPECT_EQ(SOCK_RAW, val);
		ASSERT_EQ(-ENOPROTOOPT,
			  nsctp_setint(fd, SOL_SCTP, 3 /* SCTP_NODELAY */, 1));
		close(fd);
	}
}

/* SOCK_SEQPACKET with protocol 0 picks SCTP (its only protocol). */
TEST(socket_seqpacket_default_protocol)
{
	static const int families[] = { AF_INET, AF_INET6 };
	int i, fd, val;

	for (i = 0; i < 2; i++) {
		fd = socket(families[i], SOCK_SEQPACKET, 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, nsctp_getint(fd, SOL_SOCKET, SO_PROTOCOL, &val));
		EXPECT_EQ(IPPROTO_SCTP, val);
		close(fd);
		/* SOCK_STREAM with 0 stays TCP. */
		fd = socket(families[i], SOCK_STREAM, 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, nsctp_getint(fd, SOL_SOCKET, SO_PROTOCOL, &val));
		EXPECT_EQ(IPPROTO_TCP, val);
		close(fd);
	}
}

/* SOCK_NONBLOCK and SOCK_CLOEXEC work like for any socket. */
TEST(socket_flags)
{
	int fd;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_SCTP);
	ASSERT_LE(0, fd);
	EXPECT_TRUE(fcntl(fd, F_GETFL) & O_NONBLOCK);
	EXPECT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
}

TEST_HARNESS_MAIN
