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

#include "nsctp_pkt.h"
#include "nsctp_util.h"

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

FIXTURE_SETUP(assoc)
{
	self->lsn = nsctp_lo_listener(variant->family, variant->type, 8,
				      &self->addr, &self->alen);
	if (self->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
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

	for (i = 0; i < 400; i++) {
		if (assoc_number(fd) == n)
			return 0;
		usleep(10000);
	}
	return -1;
}

TEST_F(assoc, connect_accept)
{
	SETUP_SKIPPED_RETURN();
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

/* sctp_connectx() (RFC 6458 §9.9) by the doors libsctp knows: the
 * getsockopt SCTP_SOCKOPT_CONNECTX3 that libsctp tries first, then the
 * setsockopts SCTP_SOCKOPT_CONNECTX (returns the id) and _OLD (0).
 */
static int connectx3(int fd, const void *addrs, int size, sctp_assoc_t *id)
{
	struct sctp_getaddrs_old param = {
		.addr_num = size,
		.addrs = (struct sockaddr *)addrs,
	};
	socklen_t len = sizeof(param);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_SOCKOPT_CONNECTX3, &param,
		       &len) < 0)
		return -errno;
	if (len != sizeof(sctp_assoc_t))
		return -EMSGSIZE;
	*id = param.assoc_id;
	return 0;
}

/* The state and the primary's address of association @id on @fd. */
static int status_of(int fd, sctp_assoc_t id, struct sctp_status *st)
{
	socklen_t len = sizeof(*st);

	memset(st, 0, sizeof(*st));
	st->sstat_assoc_id = id;
	return getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, st, &len) ? -errno :
								       0;
}

/* The id of the one association of client socket @c, or -errno. */
static sctp_assoc_t client_assoc_id(int c, int type)
{
	struct {
		struct sctp_assoc_ids ids;
		sctp_assoc_t room[4];
	} list;
	socklen_t len = sizeof(list);
	struct sctp_status st;
	int err;

	if (type == SOCK_STREAM) {
		err = status_of(c, 0, &st);
		return err ? err : st.sstat_assoc_id;
	}
	if (getsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &list, &len))
		return -errno;
	return list.ids.gaids_number_of_ids == 1 ? list.ids.gaids_assoc_id[0] :
						   -ENOENT;
}

/* Association ids are given cyclically, as in-tree: above SCTP_ALL_ASSOC,
 * each new one above the last, never the id of one that just went.
 */
TEST_F(assoc, ids_fresh)
{
	SETUP_SKIPPED_RETURN();
	sctp_assoc_t ids[4];
	int k, j;

	for (k = 0; k < 4; k++) {
		int c = socket(variant->family, variant->type, IPPROTO_SCTP);
		int a = -1;

		ASSERT_GE(c, 0);
		ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
		ids[k] = client_assoc_id(c, variant->type);
		ASSERT_GT(ids[k], SCTP_ALL_ASSOC);
		for (j = 0; j < k; j++)
			EXPECT_GT(ids[k], ids[j]);
		if (variant->type == SOCK_STREAM) {
			a = accept(self->lsn, NULL, NULL);
			ASSERT_GE(a, 0);
			/* the accepted end has an id of its own */
			EXPECT_NE(client_assoc_id(a, SOCK_STREAM), ids[k]);
		}
		close(c);
		if (a >= 0)
			close(a);
		else
			ASSERT_EQ(wait_assocs(self->lsn, 0), 0);
	}
}

TEST_F(assoc, connectx_one_address)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_status st;
	sctp_assoc_t id = 0;
	int c, a = -1;

	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connectx3(c, &self->addr, self->alen, &id), 0);
	if (variant->type == SOCK_STREAM) {
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0);
		EXPECT_EQ(connectx3(c, &self->addr, self->alen, &id), -EISCONN);
	} else {
		EXPECT_NE(id, 0);
		EXPECT_EQ(assoc_number(c), 1);
	}
	ASSERT_EQ(status_of(c, id, &st), 0);
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_EQ(memcmp(&st.sstat_primary.spinfo_address, &self->addr,
			 self->alen), 0);
	if (a >= 0)
		close(a);
	close(c);
}

TEST_F(assoc, connectx_setsockopt_doors)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_status st;
	int c1, c2, ret, a;

	c1 = socket(variant->family, variant->type, IPPROTO_SCTP);
	c2 = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c1, 0);
	ASSERT_GE(c2, 0);
	/* the id, positive, as the return value */
	ret = setsockopt(c1, IPPROTO_SCTP, SCTP_SOCKOPT_CONNECTX, &self->addr,
			 self->alen);
	ASSERT_GT(ret, 0);
	ASSERT_EQ(status_of(c1, ret, &st), 0);
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	/* the oldest: 0 */
	EXPECT_EQ(setsockopt(c2, IPPROTO_SCTP, SCTP_SOCKOPT_CONNECTX_OLD,
			     &self->addr, self->alen), 0);
	if (variant->type == SOCK_STREAM) {
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0);
		close(a);
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0);
		close(a);
	} else {
		EXPECT_EQ(assoc_number(c2), 1);
		EXPECT_EQ(wait_assocs(self->lsn, 2), 0);
	}
	close(c1);
	close(c2);
}

TEST_F(assoc, connectx_einval)
{
	SETUP_SKIPPED_RETURN();
	struct sockaddr_storage two[2], bad;
	sctp_assoc_t id;
	int c;

	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	/* no address at all */
	EXPECT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_SOCKOPT_CONNECTX,
			     &self->addr, 0), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(connectx3(c, &self->addr, 0, &id), -EINVAL);
	/* an address cut short */
	EXPECT_EQ(connectx3(c, &self->addr, self->alen - 1, &id), -EINVAL);
	/* a family that is no address family of SCTP's */
	bad = self->addr;
	bad.ss_family = AF_UNIX;
	EXPECT_EQ(connectx3(c, &bad, self->alen, &id), -EINVAL);
	/* two addresses, two ports */
	memset(two, 0, sizeof(two));
	memcpy((char *)two, &self->addr, self->alen);
	memcpy((char *)two + self->alen, &self->addr, self->alen);
	((struct sockaddr_in *)((char *)two + self->alen))->sin_port ^=
		htons(1);
	EXPECT_EQ(connectx3(c, two, 2 * self->alen, &id), -EINVAL);
	/* nothing was left behind: a good call still works */
	EXPECT_EQ(assoc_number(c), variant->type == SOCK_STREAM ?
		  -EOPNOTSUPP : 0);
	EXPECT_EQ(connectx3(c, &self->addr, self->alen, &id), 0);
	close(c);
}

TEST_F(assoc, many_clients)
{
	SETUP_SKIPPED_RETURN();
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
	SETUP_SKIPPED_RETURN();
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
	SETUP_SKIPPED_RETURN();
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
	SETUP_SKIPPED_RETURN();
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
	SETUP_SKIPPED_RETURN();
	int fl;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "accept() is for one-to-one sockets");
	fl = fcntl(self->lsn, F_GETFL);
	ASSERT_EQ(fcntl(self->lsn, F_SETFL, fl | O_NONBLOCK), 0);
	EXPECT_EQ(accept(self->lsn, NULL, NULL), -1);
	EXPECT_EQ(errno, EAGAIN);
}

/*
 * A client that connects, sends and closes before the listener accepts
 * it must not change the listener: a peer's SHUTDOWN for an association
 * still waiting for accept() used to put the listening socket into
 * CLOSE_WAIT, after which accept() failed with EINVAL for every later
 * client (lksctp-tools' test_1_to_1_send). The ended association itself
 * is accept()ed first (unaccepted_close_data_accepted checks what it
 * holds); the next client's follows.
 */
TEST_F(assoc, unaccepted_close_keeps_listener)
{
	SETUP_SKIPPED_RETURN();
	struct sockaddr_storage local, peer;
	socklen_t llen = sizeof(local), plen;
	int c1, c2, a, fl, on = 0, i, found = 0;
	socklen_t olen = sizeof(on);

	if (variant->type != SOCK_STREAM)
		SKIP(return, "accept() is for one-to-one sockets");
	c1 = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c1, 0);
	ASSERT_EQ(connect(c1, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(send(c1, "hello", 5, MSG_NOSIGNAL), 5);
	close(c1);
	usleep(500000);	/* the graceful shutdown is over by now */
	ASSERT_EQ(getsockopt(self->lsn, SOL_SOCKET, SO_ACCEPTCONN, &on,
			     &olen), 0);
	EXPECT_EQ(on, 1);

	c2 = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c2, 0);
	ASSERT_EQ(connect(c2, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(getsockname(c2, (void *)&local, &llen), 0);
	fl = fcntl(self->lsn, F_GETFL);
	ASSERT_EQ(fcntl(self->lsn, F_SETFL, fl | O_NONBLOCK), 0);
	/* in-tree hands out c1's ended association first */
	for (i = 0; i < 2 && !found; i++) {
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0) TH_LOG("accept: %s", strerror(errno));
		plen = sizeof(peer);
		if (!getpeername(a, (void *)&peer, &plen) && plen == llen &&
		    !memcmp(&peer, &local, plen))
			found = 1;
		close(a);
	}
	EXPECT_TRUE(found);
	close(c2);
}

/*
 * What a client sent before it closed, and before the listener accepted
 * it, is not lost: accept() hands out the ended association with its
 * data (byte for byte), then end of file; sending on it is EPIPE (as
 * in-tree; lksctp-tools' test_1_to_1_send). Both after a graceful close
 * and after an ABORT (SO_LINGER 0, once the data is acknowledged).
 */
TEST_F(assoc, unaccepted_close_data_accepted)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "sent before accept() and close()";
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct sctp_status st;
	socklen_t slen;
	char buf[128];
	int c, a, i, fl;
	ssize_t n;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "accept() is for one-to-one sockets");
	for (i = 0; i < 2; i++) {
		c = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
		ASSERT_GE(c, 0);
		ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
		ASSERT_EQ(send(c, msg, sizeof(msg), MSG_NOSIGNAL),
			  (ssize_t)sizeof(msg));
		if (i == 1) {
			/* acknowledged first: the ABORT must not race it */
			do {
				usleep(10000);
				slen = sizeof(st);
				memset(&st, 0, sizeof(st));
				ASSERT_EQ(getsockopt(c, IPPROTO_SCTP,
						     SCTP_STATUS, &st, &slen),
					  0);
			} while (st.sstat_unackdata);
			ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg,
					     sizeof(lg)), 0);
		}
		close(c);
		usleep(300000);	/* the end is over by now */
		fl = fcntl(self->lsn, F_GETFL);
		ASSERT_EQ(fcntl(self->lsn, F_SETFL, fl | O_NONBLOCK), 0);
		a = accept(self->lsn, NULL, NULL);
		ASSERT_GE(a, 0) TH_LOG("accept: %s", strerror(errno));
		ASSERT_EQ(fcntl(self->lsn, F_SETFL, fl), 0);
		n = recv(a, buf, sizeof(buf), MSG_DONTWAIT);
		ASSERT_EQ(n, (ssize_t)sizeof(msg)) TH_LOG("recv: %s",
							  strerror(errno));
		EXPECT_EQ(memcmp(buf, msg, sizeof(msg)), 0);
		n = recv(a, buf, sizeof(buf), MSG_DONTWAIT);
		EXPECT_EQ(n, 0) TH_LOG("recv: %s", strerror(errno));
		EXPECT_EQ(send(a, msg, sizeof(msg), MSG_NOSIGNAL), -1);
		EXPECT_EQ(errno, EPIPE);
		close(a);
	}
}

/*
 * A one-to-one listener whose accept queue is full refuses the next
 * client with an ABORT: connect() fails with ECONNREFUSED at once rather
 * than retransmitting its COOKIE ECHO until it gives up (as in-tree;
 * lksctp-tools' test_1_to_1_connect, test_tcp_style).
 */
TEST_F(assoc, accept_queue_full_refuses)
{
	SETUP_SKIPPED_RETURN();
	int c[8], n = 0, i, err = 0, refused = -1;
	socklen_t len = sizeof(err);
	struct pollfd pfd;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "accept() is for one-to-one sockets");
	ASSERT_EQ(listen(self->lsn, 2), 0);
	for (i = 0; i < 8 && refused < 0; i++, n++) {
		c[i] = socket(variant->family, SOCK_STREAM | SOCK_NONBLOCK,
			      IPPROTO_SCTP);
		ASSERT_GE(c[i], 0);
		ASSERT_EQ(connect(c[i], (void *)&self->addr, self->alen), -1);
		ASSERT_EQ(errno, EINPROGRESS);
		pfd.fd = c[i];
		pfd.events = POLLOUT;
		/* on loopback the answer is there at once; unanswered,
		 * the COOKIE ECHO is retransmitted after RTO.Initial (3 s)
		 */
		ASSERT_EQ(poll(&pfd, 1, 900), 1) TH_LOG("client %d hangs", i);
		len = sizeof(err);
		ASSERT_EQ(getsockopt(c[i], SOL_SOCKET, SO_ERROR, &err, &len),
			  0);
		if (err) {
			EXPECT_EQ(err, ECONNREFUSED);
			refused = i;
		}
	}
	/* a backlog of 2 takes two clients at least (three: the kernel's
	 * sk_acceptq_is_full() counts beyond the backlog)
	 */
	EXPECT_GE(refused, 2);
	EXPECT_LE(refused, 3);
	/* the queue is accepted from, and a new client gets in */
	for (i = 0; i < refused; i++)
		EXPECT_EQ(close(accept(self->lsn, NULL, NULL)), 0);
	for (i = 0; i < n; i++)
		close(c[i]);
	c[0] = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c[0], 0);
	EXPECT_EQ(connect(c[0], (void *)&self->addr, self->alen), 0);
	close(c[0]);
}

static void subscribe(struct __test_metadata *_metadata, int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	ASSERT_EQ(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)), 0);
}

/* Read one notification from @fd (within 10 s: a lost first SHUTDOWN is
 * sent again after RTO.Initial, 3 s, and a debug kernel in TCG is slow);
 * its type, or -1.
 */
static int read_notification(int fd, union sctp_notification *n)
{
	struct iovec iov = { n, sizeof(*n) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t len;

	if (poll(&pfd, 1, 10000) != 1)
		return -1;
	len = recvmsg(fd, &m, 0);
	if (len < (ssize_t)sizeof(n->sn_header) ||
	    !(m.msg_flags & MSG_NOTIFICATION) || !(m.msg_flags & MSG_EOR))
		return -1;
	return n->sn_header.sn_type;
}

/* The server's side of a new association: an accepted socket (one-to-one)
 * or the listener itself.
 */
static int server_side(struct __test_metadata *_metadata,
		       FIXTURE_DATA(assoc) *self, int type)
{
	int a;

	if (type != SOCK_STREAM)
		return self->lsn;
	a = accept(self->lsn, NULL, NULL);
	EXPECT_GE(a, 0);
	return a;
}

/* §9.2 from the client: SHUTDOWN_EVENT and SHUTDOWN_COMP at the server,
 * EOF on a one-to-one socket, SctpShutdowns counted.
 */
TEST_F(assoc, graceful_close_from_client)
{
	SETUP_SKIPPED_RETURN();
	long shutdowns = mib("SctpShutdowns");
	union sctp_notification n;
	int c, s;
	char b;

	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, self->lsn, SCTP_SHUTDOWN_EVENT);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_EQ(read_notification(s, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	EXPECT_GT(n.sn_assoc_change.sac_outbound_streams, 0);
	close(c);
	ASSERT_EQ(read_notification(s, &n), SCTP_SHUTDOWN_EVENT);
	ASSERT_EQ(read_notification(s, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	/* as in-tree: only COMM_UP and RESTART report the streams */
	EXPECT_EQ(n.sn_assoc_change.sac_outbound_streams, 0);
	EXPECT_EQ(n.sn_assoc_change.sac_inbound_streams, 0);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(s, &b, 1, 0), 0);
		close(s);
	}
	/* both ends are here, and both count their graceful end */
	EXPECT_EQ(mib("SctpShutdowns"), shutdowns + 2);
}

/* §9.2 from the server side; the client sees SHUTDOWN_COMP too. */
TEST_F(assoc, graceful_close_from_server)
{
	SETUP_SKIPPED_RETURN();
	union sctp_notification n;
	int c, s;

	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	subscribe(_metadata, c, SCTP_ASSOC_CHANGE);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(read_notification(c, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	s = server_side(_metadata, self, variant->type);
	if (variant->type == SOCK_STREAM) {
		close(s);
	} else {
		close(self->lsn);
		self->lsn = -1;
	}
	ASSERT_EQ(read_notification(c, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	close(c);
}

/* SO_LINGER {1, 0}: close() aborts; the peer sees COMM_LOST. */
TEST_F(assoc, linger_zero_aborts)
{
	SETUP_SKIPPED_RETURN();
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	long aborted = mib("SctpAborteds");
	union sctp_notification n;
	const uint8_t *info;
	int c, s;
	char b;

	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_EQ(read_notification(s, &n), SCTP_ASSOC_CHANGE);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	close(c);
	ASSERT_EQ(read_notification(s, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_LOST);
	/* As in-tree, sac_info holds the error causes of the peer's ABORT
	 * (RFC 6458 §6.1.1): one User-Initiated Abort (12) of 4 bytes;
	 * sac_error is that cause code as on the wire, and a lost
	 * association reports no streams (lksctp-tools' test_assoc_abort).
	 */
	info = n.sn_assoc_change.sac_info;
	ASSERT_EQ(n.sn_assoc_change.sac_length,
		  sizeof(struct sctp_assoc_change) + 4)
		TH_LOG("sac_info %02x %02x %02x %02x %02x %02x %02x %02x",
		       info[0], info[1], info[2], info[3], info[4], info[5],
		       info[6], info[7]);
	EXPECT_EQ(info[0] << 8 | info[1], 12);
	EXPECT_EQ(info[2] << 8 | info[3], 4);
	EXPECT_EQ(n.sn_assoc_change.sac_error, htons(12));
	EXPECT_EQ(n.sn_assoc_change.sac_outbound_streams, 0);
	EXPECT_EQ(n.sn_assoc_change.sac_inbound_streams, 0);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(s, &b, 1, 0), -1);
		EXPECT_EQ(errno, ECONNRESET);
		close(s);
	}
	/* both ends count it: our ABORT and the peer's reception */
	EXPECT_EQ(mib("SctpAborteds"), aborted + 2);
}

/*
 * SCTP_AUTHENTICATION_EVENT subscribed: after COMM_UP each side reads an
 * SCTP_AUTH_NO_AUTH (RFC 6458 §6.1.8: the peer does not do AUTH), as
 * in-tree with net.sctp.auth_enable 0 (lksctp-tools'
 * test_1_to_1_events).
 */
TEST_F(assoc, auth_no_auth_after_comm_up)
{
	SETUP_SKIPPED_RETURN();
	union sctp_notification n;
	int c, s, side, fd;

	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, self->lsn, SCTP_AUTHENTICATION_EVENT);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	subscribe(_metadata, c, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, c, SCTP_AUTHENTICATION_EVENT);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	for (side = 0; side < 2; side++) {
		fd = side ? c : s;
		ASSERT_EQ(read_notification(fd, &n), SCTP_ASSOC_CHANGE);
		EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
		ASSERT_EQ(read_notification(fd, &n),
			  SCTP_AUTHENTICATION_EVENT) TH_LOG("side %d", side);
		EXPECT_EQ(n.sn_authkey_event.auth_length,
			  sizeof(struct sctp_authkey_event));
		EXPECT_EQ(n.sn_authkey_event.auth_indication,
			  SCTP_AUTH_NO_AUTH);
		EXPECT_NE(n.sn_authkey_event.auth_assoc_id, 0);
	}
	if (s != self->lsn)
		close(s);
	close(c);
}

/*
 * The notification that an association ended is read after it is gone:
 * msg_name still names its peer (as in-tree; lksctp-tools' test_basic
 * checks it on a one-to-many socket).
 */
TEST_F(assoc, notification_name_after_end)
{
	SETUP_SKIPPED_RETURN();
	struct sockaddr_storage local, from;
	socklen_t llen = sizeof(local);
	union sctp_notification n;
	struct iovec iov = { &n, sizeof(n) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int c;

	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "the listener reads the notification itself");
	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(getsockname(c, (void *)&local, &llen), 0);
	ASSERT_EQ(read_notification(self->lsn, &n), SCTP_ASSOC_CHANGE);
	close(c);
	ASSERT_EQ(wait_assocs(self->lsn, 0), 0);
	m.msg_name = &from;
	m.msg_namelen = sizeof(from);
	ASSERT_GT(recvmsg(self->lsn, &m, MSG_DONTWAIT), 0);
	ASSERT_TRUE(m.msg_flags & MSG_NOTIFICATION);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	/* the client's port on the listener's (loopback) address: its
	 * getsockname() is the wildcard it bound
	 */
	ASSERT_EQ(m.msg_namelen, llen);
	if (variant->family == AF_INET) {
		struct sockaddr_in *f = (void *)&from, *l = (void *)&local,
				   *s = (void *)&self->addr;

		EXPECT_EQ(f->sin_port, l->sin_port);
		EXPECT_EQ(f->sin_addr.s_addr, s->sin_addr.s_addr);
	} else {
		struct sockaddr_in6 *f = (void *)&from, *l = (void *)&local,
				    *s = (void *)&self->addr;

		EXPECT_EQ(f->sin6_port, l->sin6_port);
		EXPECT_EQ(memcmp(&f->sin6_addr, &s->sin6_addr,
				 sizeof(f->sin6_addr)), 0);
	}
}

/* shutdown(SHUT_WR) on a one-to-one socket starts the graceful end. */
TEST_F(assoc, shutdown_wr)
{
	SETUP_SKIPPED_RETURN();
	int c, s;
	char b;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "shutdown() is for one-to-one sockets");
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_EQ(shutdown(c, SHUT_WR), 0);
	/* the peer reads end of file; we, without an association, ENOTCONN */
	EXPECT_EQ(recv(s, &b, 1, 0), 0);
	EXPECT_EQ(recv(c, &b, 1, 0), -1);
	EXPECT_EQ(errno, ENOTCONN);
	close(s);
	close(c);
}

/*
 * shutdown(SHUT_RD): what the peer sends from then on is acknowledged and
 * let go (recv() gives end of file), as in-tree (lksctp-tools'
 * test_1_to_1_shutdown, test_tcp_style). The association stays up both
 * ways: the peer's 4 MiB get through (a window that closed on unread
 * data would stall them; 10 s without progress fails), and we can still
 * send.
 */
TEST_F(assoc, shutdown_rd_discards)
{
	SETUP_SKIPPED_RETURN();
	struct timeval tmo = { .tv_sec = 10 };
	static char big[65536];
	char buf[64];
	struct pollfd pfd;
	int c, s, i;
	ssize_t n;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "shutdown() is for one-to-one sockets");
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_EQ(shutdown(c, SHUT_RD), 0);
	EXPECT_EQ(recv(c, buf, sizeof(buf), MSG_DONTWAIT), 0);
	/* a send that waits 10 s for room is a stall */
	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo)),
		  0);
	for (i = 0; i < 64; i++) {
		n = send(s, big, sizeof(big), MSG_NOSIGNAL);
		ASSERT_EQ(n, (ssize_t)sizeof(big))
			TH_LOG("message %d: %s", i, strerror(errno));
	}
	usleep(100000);
	EXPECT_EQ(recv(c, buf, sizeof(buf), MSG_DONTWAIT), 0);
	/* the other way still works */
	ASSERT_EQ(send(c, "still", 5, MSG_NOSIGNAL), 5);
	pfd.fd = s;
	pfd.events = POLLIN;
	ASSERT_EQ(poll(&pfd, 1, 5000), 1);
	EXPECT_EQ(recv(s, buf, sizeof(buf), 0), 5);
	EXPECT_EQ(memcmp(buf, "still", 5), 0);
	close(s);
	close(c);
}

/* SCTP_ASSOCINFO (RFC 6458 §8.1.2): socket defaults, then the
 * association's own values once it is up.
 */
TEST_F(assoc, associnfo)
{
	struct sctp_assocparams ap = { 0 };
	socklen_t len = sizeof(ap);
	int c, holder;

	SETUP_SKIPPED_RETURN();
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.sasoc_asocmaxrxt, 10);
	EXPECT_EQ(ap.sasoc_cookie_life, 60000);
	ap.sasoc_asocmaxrxt = 5;
	ap.sasoc_cookie_life = 0;	/* zero keeps the value */
	EXPECT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap,
			     sizeof(ap) - 1), -1);
	EXPECT_EQ(errno, EINVAL);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)),
		  0);
	memset(&ap, 0, sizeof(ap));
	len = sizeof(ap);
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.sasoc_asocmaxrxt, 5);
	EXPECT_EQ(ap.sasoc_cookie_life, 60000);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	holder = variant->type == SOCK_STREAM ? accept(self->lsn, NULL, NULL) :
						 -1;
	memset(&ap, 0, sizeof(ap));
	if (variant->type == SOCK_SEQPACKET) {
		sctp_assoc_t ids[2];

		len = sizeof(ids);
		ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST,
				     ids, &len), 0);
		ap.sasoc_assoc_id = ids[1];
	}
	len = sizeof(ap);
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.sasoc_asocmaxrxt, 5);
	EXPECT_EQ(ap.sasoc_number_peer_destinations, 1);
	EXPECT_GE(ap.sasoc_peer_rwnd, 1500);
	EXPECT_GE(ap.sasoc_local_rwnd, 1500);
	if (holder >= 0)
		close(holder);
	close(c);
}

/* SCTP_AUTOCLOSE (RFC 6458 §8.1.8): an idle association of a
 * one-to-many socket ends gracefully after the given seconds.
 */
TEST_F(assoc, autoclose)
{
	long expired = mib("SctpAutocloseExpireds");
	int one = 1, c;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "SCTP_AUTOCLOSE is for one-to-many sockets");
	ASSERT_EQ(setsockopt(self->lsn, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one,
			     sizeof(one)), 0);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	EXPECT_EQ(wait_assocs(self->lsn, 1), 0);
	/* gone within a second or two, on both sides, gracefully */
	EXPECT_EQ(wait_assocs(self->lsn, 0), 0);
	EXPECT_EQ(wait_assocs(c, 0), 0);
	EXPECT_EQ(mib("SctpAutocloseExpireds"), expired + 1);
	close(c);
}

/* RFC 6458 §5.3.4: a message sent with SCTP_ABORT ends the association
 * with a User-Initiated Abort cause carrying the message, the reason;
 * the send returns 0 and the peer finds the cause in its COMM_LOST's
 * sac_info, as with in-tree.
 */
TEST_F(assoc, user_abort_reason)
{
	static const char why[] = "going away";
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))] = {};
	struct iovec iov = { (void *)why, sizeof(why) - 1 };
	struct msghdr m = { .msg_name = &self->addr, .msg_namelen = self->alen,
			    .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = (struct cmsghdr *)cbuf;
	const struct sctp_assoc_change *ac;
	struct sctp_sndrcvinfo *si;
	union sctp_notification n;
	int c;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "SCTP_ABORT is a one-to-many flag");
	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(read_notification(self->lsn, &n), SCTP_ASSOC_CHANGE);
	ASSERT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	cm->cmsg_level = IPPROTO_SCTP;
	cm->cmsg_type = SCTP_SNDRCV;
	cm->cmsg_len = CMSG_LEN(sizeof(*si));
	si = (struct sctp_sndrcvinfo *)CMSG_DATA(cm);
	si->sinfo_flags = SCTP_ABORT;
	EXPECT_EQ(sendmsg(c, &m, MSG_NOSIGNAL), 0);
	EXPECT_EQ(wait_assocs(c, 0), 0);
	ASSERT_EQ(read_notification(self->lsn, &n), SCTP_ASSOC_CHANGE);
	ac = &n.sn_assoc_change;
	EXPECT_EQ(ac->sac_state, SCTP_COMM_LOST);
	EXPECT_EQ(ac->sac_error, htons(0x000c));
	/* the cause: User-Initiated Abort (12), its length, the reason */
	ASSERT_EQ(ac->sac_length, sizeof(*ac) + 4 + sizeof(why) - 1);
	EXPECT_EQ(ac->sac_info[0], 0);
	EXPECT_EQ(ac->sac_info[1], 12);
	EXPECT_EQ(ac->sac_info[2], 0);
	EXPECT_EQ(ac->sac_info[3], 4 + sizeof(why) - 1);
	EXPECT_EQ(memcmp(ac->sac_info + 4, why, sizeof(why) - 1), 0);
	close(c);
}

/* Read one message (not a notification) from @fd within 5 s; its
 * length, or -1.
 */
static ssize_t recv_one(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	do {
		if (poll(&pfd, 1, 5000) != 1)
			return -1;
		n = recvmsg(fd, &m, 0);
	} while (n > 0 && (m.msg_flags & MSG_NOTIFICATION));
	return n;
}

/* As in-tree, an association takes SCTP_AUTOCLOSE's value when it is
 * set up: a later change is for later associations only.
 */
TEST_F(assoc, autoclose_for_later_assocs)
{
	int one = 1, c1, c2;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "SCTP_AUTOCLOSE is for one-to-many sockets");
	c1 = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c1, 0);
	ASSERT_EQ(connect(c1, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(wait_assocs(self->lsn, 1), 0);
	ASSERT_EQ(setsockopt(self->lsn, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one,
			     sizeof(one)), 0);
	c2 = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c2, 0);
	ASSERT_EQ(connect(c2, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(wait_assocs(self->lsn, 2), 0);
	/* traffic restarts the first's timer, still without autoclose */
	ASSERT_EQ(sendto(c1, "x", 1, 0, (void *)&self->addr, self->alen), 1);
	ASSERT_EQ(recv_one(self->lsn), 1);
	/* the second goes within a second or two; the first stays */
	EXPECT_EQ(wait_assocs(c2, 0), 0);
	EXPECT_EQ(wait_assocs(self->lsn, 1), 0);
	usleep(1500000);
	EXPECT_EQ(assoc_number(self->lsn), 1);
	EXPECT_EQ(assoc_number(c1), 1);
	close(c1);
	close(c2);
}

TEST_HARNESS_MAIN
