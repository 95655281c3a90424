// SPDX-License-Identifier: GPL-2.0
/*
 * Association setup between two nsctp sockets over loopback, through the
 * socket API (RFC 6458): connect(), accept(), non-blocking connect with
 * poll() and SO_ERROR, refusal by a port nobody listens on.
 *
 *   client socket --connect()--> 127.0.0.1 / ::1 --> listener --accept()
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include <netinet/sctp.h>

FIXTURE(assoc) {
	int lsn;
	struct sockaddr_storage addr;	/* the listener's */
	socklen_t alen;
};

FIXTURE_VARIANT(assoc) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(assoc, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(assoc, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(assoc, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(assoc, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

static socklen_t loopback(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)ss;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
	((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
	return sizeof(struct sockaddr_in6);
}

FIXTURE_SETUP(assoc)
{
	self->lsn = socket(variant->family, variant->type, IPPROTO_SCTP);
	if (self->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
	self->alen = loopback(variant->family, &self->addr);
	ASSERT_EQ(bind(self->lsn, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(listen(self->lsn, 8), 0);
	ASSERT_EQ(getsockname(self->lsn, (void *)&self->addr, &self->alen), 0);
}

FIXTURE_TEARDOWN(assoc)
{
	if (self->lsn >= 0)
		close(self->lsn);
}

static int assoc_number(int fd)
{
	uint32_t n;
	socklen_t len = sizeof(n);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len))
		return -errno;
	return n;
}

/* Wait until @fd, a one-to-many listener, has @n associations. */
static int wait_assocs(int fd, int n)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (assoc_number(fd) == n)
			return 0;
		usleep(10000);
	}
	return -1;
}

TEST_F(assoc, connect_accept)
{
	struct sockaddr_storage peer, local;
	socklen_t plen = sizeof(peer), llen = sizeof(local);
	int c, a;

	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(getpeername(c, (void *)&peer, &plen), 0);
		EXPECT_EQ(plen, self->alen);
		EXPECT_EQ(memcmp(&peer, &self->addr, plen), 0);
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0);
		/* the accepted socket's peer is the client's address */
		ASSERT_EQ(getsockname(c, (void *)&local, &llen), 0);
		plen = sizeof(peer);
		ASSERT_EQ(getpeername(a, (void *)&peer, &plen), 0);
		EXPECT_EQ(plen, llen);
		EXPECT_EQ(memcmp(&peer, &local, plen), 0);
		/* connected already */
		EXPECT_EQ(connect(c, (void *)&self->addr, self->alen), -1);
		EXPECT_EQ(errno, EISCONN);
		close(a);
	} else {
		EXPECT_EQ(wait_assocs(self->lsn, 1), 0);
		EXPECT_EQ(assoc_number(c), 1);
		/* the same peer again */
		EXPECT_EQ(connect(c, (void *)&self->addr, self->alen), -1);
		EXPECT_EQ(errno, EISCONN);
	}
	close(c);
	if (variant->type == SOCK_SEQPACKET)
		EXPECT_EQ(wait_assocs(self->lsn, 0), 0);
}

TEST_F(assoc, many_clients)
{
	int c[16], i, a;

	for (i = 0; i < 16; i++) {
		c[i] = socket(variant->family, variant->type, IPPROTO_SCTP);
		ASSERT_GE(c[i], 0);
		ASSERT_EQ(connect(c[i], (void *)&self->addr, self->alen), 0);
		if (variant->type == SOCK_STREAM) {
			a = accept(self->lsn, NULL, NULL);
			ASSERT_GE(a, 0);
			close(a);
		}
	}
	if (variant->type == SOCK_SEQPACKET)
		EXPECT_EQ(wait_assocs(self->lsn, 16), 0);
	for (i = 0; i < 16; i++)
		close(c[i]);
	if (variant->type == SOCK_SEQPACKET)
		EXPECT_EQ(wait_assocs(self->lsn, 0), 0);
}

TEST_F(assoc, nonblocking_connect)
{
	struct pollfd pfd;
	int c, err = -1;
	socklen_t len = sizeof(err);

	c = socket(variant->family, variant->type | SOCK_NONBLOCK,
		   IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	EXPECT_EQ(connect(c, (void *)&self->addr, self->alen), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	if (variant->type == SOCK_STREAM) {
		pfd.fd = c;
		pfd.events = POLLOUT;
		ASSERT_EQ(poll(&pfd, 1, 5000), 1);
		EXPECT_TRUE(pfd.revents & POLLOUT);
		EXPECT_FALSE(pfd.revents & POLLERR);
	} else {
		EXPECT_EQ(wait_assocs(c, 1), 0);
	}
	ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, 0);
	close(c);
}

TEST_F(assoc, connect_refused)
{
	struct sockaddr_storage to = self->addr;
	int c;

	/* the listener's port is ours; close it so nobody listens there */
	close(self->lsn);
	self->lsn = -1;
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	EXPECT_EQ(connect(c, (void *)&to, self->alen), -1);
	EXPECT_EQ(errno, ECONNREFUSED);
	EXPECT_EQ(assoc_number(c), variant->type == SOCK_STREAM ?
		  -EOPNOTSUPP : 0);
	close(c);
}

TEST_F(assoc, nonblocking_connect_refused)
{
	struct sockaddr_storage to = self->addr;
	struct pollfd pfd;
	int c, err = 0;
	socklen_t len = sizeof(err);

	if (variant->type != SOCK_STREAM)
		SKIP(return, "SO_ERROR reports one-to-one connects");
	close(self->lsn);
	self->lsn = -1;
	c = socket(variant->family, variant->type | SOCK_NONBLOCK,
		   IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	EXPECT_EQ(connect(c, (void *)&to, self->alen), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	pfd.fd = c;
	pfd.events = POLLOUT;
	ASSERT_EQ(poll(&pfd, 1, 5000), 1);
	EXPECT_TRUE(pfd.revents & POLLERR);
	ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, ECONNREFUSED);
	close(c);
}

TEST_F(assoc, accept_nonblocking_empty)
{
	int fl;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "accept() is for one-to-one sockets");
	fl = fcntl(self->lsn, F_GETFL);
	ASSERT_EQ(fcntl(self->lsn, F_SETFL, fl | O_NONBLOCK), 0);
	EXPECT_EQ(accept(self->lsn, NULL, NULL), -1);
	EXPECT_EQ(errno, EAGAIN);
}

TEST_HARNESS_MAIN
