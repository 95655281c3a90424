// SPDX-License-Identifier: GPL-2.0
/*
 * Associations between two SCTP endpoints in two network namespaces,
 * joined by a veth pair: setup, INIT collision, refusal, peer restart,
 * graceful and abortive ends from either side, SO_LINGER, SCTP_AUTOCLOSE,
 * T1-init expiry while netem drops every packet of the peer, and the two
 * MIBs agreeing on what crossed the link.
 *
 *   netns A                                   netns B
 *   client (port 5002)                        server (port 5001)
 *   veth0 10.0.0.1/24 fd00::1/64  <------>  veth1 10.0.0.2/24 fd00::2/64
 *
 * One process does both sides: a socket stays in the namespace it was
 * created in, so the test setns()es into A or B before each socket() and
 * before reading that side's MIB (/proc/net/sctp/snmp) or sysctls. The
 * namespaces belong to the harness's per-case child (FIXTURE_SETUP calls
 * unshare()) and go away with it: every case starts from zeroed MIBs and
 * default sysctls. Interfaces, addresses, neighbours and netem qdiscs are
 * set up over rtnetlink (helpers in nsctp_netns.h), which is much faster
 * than running ip and tc in a TCG guest. Neighbour entries are
 * permanent, so ARP and neighbour discovery never stand between netem
 * and the SCTP packets.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <netinet/sctp.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"
#include "nsctp_netns.h"

#define PORT_A		5002
#define PORT_B		5001

/* A known nsctp bug: when @cond shows it, report the case as skipped
 * with the reason, so that the run stays green and the bug visible.
 */
#define XFAIL_NSCTP_IF(cond, reason)					\
	do {								\
		if ((cond) && !intree_mode())				\
			SKIP(return, "XFAIL nsctp: " reason);		\
	} while (0)

FIXTURE(netns) {
	int ns_a, ns_b;
	struct nsctp_addr a;	/* the client's address, in A */
	struct nsctp_addr b;	/* the server's address, in B */
};

FIXTURE_VARIANT(netns) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(netns, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(netns, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(netns, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(netns, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

FIXTURE_SETUP(netns)
{
	int v4 = variant->family == AF_INET, s;

	self->ns_a = -1;
	self->ns_b = -1;
	if (geteuid())
		SKIP(return, "needs root (network namespaces)");
	s = netns_pair(&self->ns_a, &self->ns_b);
	if (s == -EOPNOTSUPP)
		SKIP(return, "no veth");
	ASSERT_EQ(s, 0);
	s = socket(variant->family, variant->type, IPPROTO_SCTP);
	if (s < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(s, 0);
	close(s);
	ASSERT_TRUE(nsctp_addr(&self->a, variant->family,
			       v4 ? NETNS_A4 : NETNS_A6, PORT_A));
	ASSERT_TRUE(nsctp_addr(&self->b, variant->family,
			       v4 ? NETNS_B4 : NETNS_B6, PORT_B));
}

FIXTURE_TEARDOWN(netns)
{
	/* the namespaces end with this process */
	if (self->ns_a >= 0)
		close(self->ns_a);
	if (self->ns_b >= 0)
		close(self->ns_b);
}

/* Helpers */

static int enter(int ns)
{
	return setns(ns, CLONE_NEWNET);
}

/* A socket of the variant in netns @ns, bound to @addr; -1 on failure. */
static int sock_at(int ns, const FIXTURE_VARIANT(netns) *v,
		   const struct nsctp_addr *addr, int flags)
{
	int fd;

	if (enter(ns))
		return -1;
	fd = socket(v->family, v->type | flags, IPPROTO_SCTP);
	if (fd < 0)
		return -1;
	if (bind(fd, &addr->sa, addr->len)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The server: bound to B's address and listening. */
static int server(FIXTURE_DATA(netns) *self, const FIXTURE_VARIANT(netns) *v)
{
	int fd = sock_at(self->ns_b, v, &self->b, 0);

	if (fd >= 0 && listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int client(FIXTURE_DATA(netns) *self, const FIXTURE_VARIANT(netns) *v,
		  int flags)
{
	return sock_at(self->ns_a, v, &self->a, flags);
}

/* A counter of /proc/net/sctp/snmp in netns @ns. */
static long mib_in(int ns, const char *name)
{
	return enter(ns) ? -1 : mib(name);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int assoc_number(int fd)
{
	uint32_t n;
	socklen_t len = sizeof(n);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len))
		return -errno;
	return n;
}

/* Wait (up to 5 s) until @fd, a one-to-many socket, has @n associations. */
static int wait_assocs(int fd, int n)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (assoc_number(fd) == n)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* The id of the association of @fd (0 on a one-to-one socket). */
static sctp_assoc_t first_assoc(int fd, int type)
{
	sctp_assoc_t ids[4] = { 0 };
	socklen_t len = sizeof(ids);

	if (type == SOCK_STREAM)
		return 0;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, ids, &len) ||
	    ids[0] < 1)
		return -1;
	return ids[1];
}

/* SCTP_STATUS of @fd's association; false when there is none. */
static bool status(int fd, int type, struct sctp_status *st)
{
	socklen_t len = sizeof(*st);

	memset(st, 0, sizeof(*st));
	st->sstat_assoc_id = first_assoc(fd, type);
	return !getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, st, &len);
}

/* Is @ss the address @want (family, address, port)? */
static bool same_addr(const void *ss, const struct nsctp_addr *want)
{
	const struct sockaddr_in6 *s6 = ss;
	const struct sockaddr_in *s4 = ss;

	if (s4->sin_family != want->sa.sa_family)
		return false;
	if (s4->sin_family == AF_INET)
		return s4->sin_port == want->v4.sin_port &&
		       s4->sin_addr.s_addr == want->v4.sin_addr.s_addr;
	return s6->sin6_port == want->v6.sin6_port &&
	       !memcmp(&s6->sin6_addr, &want->v6.sin6_addr, 16);
}

static int subscribe(int fd)
{
	static const uint16_t types[] = { SCTP_ASSOC_CHANGE,
					  SCTP_SHUTDOWN_EVENT };
	struct sctp_event ev = { .se_on = 1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		ev.se_type = types[i];
		if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)))
			return -errno;
	}
	return 0;
}

/* One notification from @fd within @ms: its type, or -1. A one-to-one
 * socket whose peer has sent SHUTDOWN reads end of file while nothing
 * is queued: keep waiting then, for the notifications still to come.
 */
static int notification(int fd, union sctp_notification *n, int ms)
{
	struct iovec iov = { n, sizeof(*n) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long end = now_ms() + ms, left;
	ssize_t len;

	do {
		memset(n, 0, sizeof(*n));
		left = end - now_ms();
		if (poll(&pfd, 1, left > 0 ? left : 0) != 1)
			return -1;
		len = recvmsg(fd, &m, MSG_DONTWAIT);
		if (len > 0)
			break;
		if (len < 0 && errno != EAGAIN)
			return -1;
		usleep(10000);
	} while (now_ms() < end);
	if (len < (ssize_t)sizeof(n->sn_header) ||
	    !(m.msg_flags & MSG_NOTIFICATION) || !(m.msg_flags & MSG_EOR))
		return -1;
	return n->sn_header.sn_type;
}

/* The sac_state of the next notification, if an SCTP_ASSOC_CHANGE. */
static int assoc_change(int fd)
{
	union sctp_notification n;

	if (notification(fd, &n, 5000) != SCTP_ASSOC_CHANGE)
		return -1;
	return n.sn_assoc_change.sac_state;
}

static int linger_close(int fd, int secs)
{
	struct linger lg = { .l_onoff = 1, .l_linger = secs };

	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)))
		return -errno;
	return close(fd) ? -errno : 0;
}

/* Set up an association: @c connects from A to the server @lsn in B.
 * Returns the server's end of it (an accepted socket, or @lsn itself),
 * or -1; both ends have seen COMM_UP.
 */
static int establish(struct __test_metadata *_metadata,
		     FIXTURE_DATA(netns) *self,
		     const FIXTURE_VARIANT(netns) *variant, int lsn, int c)
{
	int s = lsn;

	EXPECT_EQ(subscribe(lsn), 0);
	EXPECT_EQ(subscribe(c), 0);
	if (connect(c, &self->b.sa, self->b.len)) {
		TH_LOG("connect: %s", strerror(errno));
		return -1;
	}
	if (variant->type == SOCK_STREAM)
		s = accept(lsn, NULL, NULL);
	EXPECT_GE(s, 0);
	if (s < 0)
		return -1;
	EXPECT_EQ(assoc_change(c), SCTP_COMM_UP);
	EXPECT_EQ(assoc_change(s), SCTP_COMM_UP);
	return s;
}

/* Tests */

/* The handshake crosses the veth: each side's MIB counts its own half,
 * SCTP_STATUS and the socket names show the other namespace's address.
 */
TEST_F(netns, connect_accept)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct sctp_status st;
	int lsn, c, s;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	ASSERT_EQ(connect(c, &self->b.sa, self->b.len), 0);
	if (variant->type == SOCK_STREAM) {
		s = accept(lsn, (void *)&ss, &len);
		ASSERT_GE(s, 0);
		EXPECT_TRUE(same_addr(&ss, &self->a));
		len = sizeof(ss);
		ASSERT_EQ(getpeername(c, (void *)&ss, &len), 0);
		EXPECT_TRUE(same_addr(&ss, &self->b));
		EXPECT_EQ(connect(c, &self->b.sa, self->b.len), -1);
		EXPECT_EQ(errno, EISCONN);
	} else {
		s = lsn;
		ASSERT_EQ(wait_assocs(lsn, 1), 0);
		EXPECT_EQ(assoc_number(c), 1);
	}
	ASSERT_TRUE(status(c, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_TRUE(same_addr(&st.sstat_primary.spinfo_address, &self->b));
	ASSERT_TRUE(status(s, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_TRUE(same_addr(&st.sstat_primary.spinfo_address, &self->a));
	/* A started it, B answered: one association in each namespace */
	EXPECT_EQ(mib_in(self->ns_a, "SctpActiveEstabs"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpPassiveEstabs"), 0);
	EXPECT_EQ(mib_in(self->ns_a, "SctpCurrEstab"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpActiveEstabs"), 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpPassiveEstabs"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 1);
	if (s != lsn)
		close(s);
	close(c);
	close(lsn);
}

TEST_F(netns, nonblocking_connect)
{
	struct pollfd pfd;
	int lsn, c, err = -1;
	socklen_t len = sizeof(err);

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, SOCK_NONBLOCK);
	ASSERT_GE(c, 0);
	ASSERT_EQ(subscribe(c), 0);
	EXPECT_EQ(connect(c, &self->b.sa, self->b.len), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	if (variant->type == SOCK_STREAM) {
		pfd.fd = c;
		pfd.events = POLLOUT;
		ASSERT_EQ(poll(&pfd, 1, 5000), 1);
		EXPECT_TRUE(pfd.revents & POLLOUT);
		EXPECT_FALSE(pfd.revents & POLLERR);
	}
	EXPECT_EQ(assoc_change(c), SCTP_COMM_UP);
	ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, 0);
	if (variant->type == SOCK_STREAM) {
		int s = accept(lsn, NULL, NULL);

		EXPECT_GE(s, 0);
		close(s);
	} else {
		EXPECT_EQ(wait_assocs(lsn, 1), 0);
	}
	close(c);
	close(lsn);
}

/* §5.2.1: both ends send INIT at once (netem holds each for 100 ms on
 * its way). Neither socket listens, so only the collision rules can
 * bring the association up; one association, up on both sides.
 */
/* A permanent neighbour @text on A's veth0 at a MAC that is nobody's:
 * frames for it reach B and are dropped there, silently. (Out of line:
 * inlined into a test, gcc mistakes nl_put()'s write for an overflow.)
 */
static __attribute__((noinline)) int neigh_nobody(int family,
						   const char *text)
{
	static const uint8_t nobody[6] = { 0x02, 0, 0, 0, 0, 0x0c };

	return neigh_add(if_nametoindex("veth0"), family, text, nobody);
}

/* sctp_connectx() to two addresses of B's, the first of which nobody
 * has: its frames go to a MAC that is nobody's, so the INIT dies without
 * a word (no ICMP, no ABORT). T1-init (200 ms here) tries the second,
 * which answers; the association then has that one path, as in-tree
 * (which keeps only what the INIT ACK confirmed).
 */
TEST_F(netns, connectx_dead_first_address)
{
	SETUP_SKIPPED_RETURN();
	int v4 = variant->family == AF_INET, srv, c, a = -1;
	struct sctp_rtoinfo rto = {
		.srto_initial = 200, .srto_min = 100, .srto_max = 400,
	};
	struct sctp_getaddrs_old cx;
	char addrs[2 * sizeof(struct sockaddr_in6)];
	char buf[sizeof(struct sctp_getaddrs) + 4 * sizeof(struct sockaddr_in6)];
	struct sctp_getaddrs *ga = (void *)buf;
	struct nsctp_addr dead;
	struct sctp_status st;
	socklen_t len;
	long t0;

	ASSERT_TRUE(nsctp_addr(&dead, variant->family, v4 ? "10.0.0.3" :
			       "fd00::3", PORT_B));
	ASSERT_EQ(enter(self->ns_a), 0);
	ASSERT_EQ(neigh_nobody(variant->family, v4 ? "10.0.0.3" : "fd00::3"),
		  0);
	srv = server(self, variant);
	ASSERT_GE(srv, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof(rto)),
		  0);
	memcpy(addrs, &dead.sa, dead.len);
	memcpy(addrs + dead.len, &self->b.sa, self->b.len);
	memset(&cx, 0, sizeof(cx));
	cx.addr_num = dead.len + self->b.len;
	cx.addrs = (struct sockaddr *)addrs;
	len = sizeof(cx);
	t0 = now_ms();
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_SOCKOPT_CONNECTX3, &cx,
			     &len), 0);
	/* T1-init went once at least: the first INIT was to the dead one */
	EXPECT_GE(now_ms() - t0, 150);
	EXPECT_EQ(len, sizeof(sctp_assoc_t));
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(enter(self->ns_b), 0);
		a = accept(srv, NULL, NULL);
		ASSERT_GE(a, 0);
	}
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = cx.assoc_id;
	len = sizeof(st);
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_STATUS, &st, &len), 0);
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_EQ(memcmp(&st.sstat_primary.spinfo_address, &self->b.sa,
			 self->b.len), 0);
	memset(buf, 0, sizeof(buf));
	ga->assoc_id = cx.assoc_id;
	len = sizeof(buf);
	ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_GET_PEER_ADDRS, buf, &len),
		  0);
	EXPECT_EQ(ga->addr_num, 1);
	EXPECT_EQ(memcmp(ga->addrs, &self->b.sa, self->b.len), 0);
	if (a >= 0)
		close(a);
	close(c);
	close(srv);
}

TEST_F(netns, init_collision)
{
	int a, b, err = -1;
	socklen_t len = sizeof(err);
	union sctp_notification n;
	struct sctp_status st;

	SETUP_SKIPPED_RETURN();
	a = client(self, variant, SOCK_NONBLOCK);
	ASSERT_GE(a, 0);
	b = sock_at(self->ns_b, variant, &self->b, SOCK_NONBLOCK);
	ASSERT_GE(b, 0);
	ASSERT_EQ(enter(self->ns_a), 0);
	ASSERT_EQ(netem_set("veth0", 100, 0), 0);
	ASSERT_EQ(enter(self->ns_b), 0);
	ASSERT_EQ(netem_set("veth1", 100, 0), 0);
	ASSERT_EQ(subscribe(a), 0);
	ASSERT_EQ(subscribe(b), 0);
	EXPECT_EQ(connect(a, &self->b.sa, self->b.len), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(connect(b, &self->a.sa, self->a.len), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(assoc_change(a), SCTP_COMM_UP);
	EXPECT_EQ(assoc_change(b), SCTP_COMM_UP);
	/* and it stays so: no restart, no abort after the handshake */
	EXPECT_EQ(notification(a, &n, 500), -1);
	EXPECT_EQ(notification(b, &n, 0), -1);
	ASSERT_TRUE(status(a, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_TRUE(same_addr(&st.sstat_primary.spinfo_address, &self->b));
	ASSERT_TRUE(status(b, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_TRUE(same_addr(&st.sstat_primary.spinfo_address, &self->a));
	EXPECT_EQ(getsockopt(a, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, 0);
	if (variant->type == SOCK_SEQPACKET) {
		EXPECT_EQ(assoc_number(a), 1);
		EXPECT_EQ(assoc_number(b), 1);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpCurrEstab"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 1);
	close(a);
	close(b);
}

/* Nobody listens on B's port: B answers the INIT with an ABORT (§8.4). */
TEST_F(netns, connect_refused)
{
	int c;

	SETUP_SKIPPED_RETURN();
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	EXPECT_EQ(connect(c, &self->b.sa, self->b.len), -1);
	EXPECT_EQ(errno, ECONNREFUSED);
	EXPECT_EQ(assoc_number(c), variant->type == SOCK_STREAM ?
		  -EOPNOTSUPP : 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpOutOfBlues"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpCurrEstab"), 0);
	close(c);
}

/* The same, non-blocking: SO_ERROR on one-to-one sockets, an
 * SCTP_CANT_STR_ASSOC notification on one-to-many ones.
 */
TEST_F(netns, nonblocking_refused)
{
	struct pollfd pfd;
	int c, err = 0;
	socklen_t len = sizeof(err);

	SETUP_SKIPPED_RETURN();
	c = client(self, variant, SOCK_NONBLOCK);
	ASSERT_GE(c, 0);
	ASSERT_EQ(subscribe(c), 0);
	EXPECT_EQ(connect(c, &self->b.sa, self->b.len), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	if (variant->type == SOCK_STREAM) {
		pfd.fd = c;
		pfd.events = POLLOUT;
		ASSERT_EQ(poll(&pfd, 1, 5000), 1);
		EXPECT_TRUE(pfd.revents & POLLERR);
		ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
		EXPECT_EQ(err, ECONNREFUSED);
	} else {
		EXPECT_EQ(assoc_change(c), SCTP_CANT_STR_ASSOC);
		EXPECT_EQ(assoc_number(c), 0);
	}
	EXPECT_EQ(mib_in(self->ns_b, "SctpOutOfBlues"), 1);
	close(c);
}

/* §5.2.4 A: the client's socket dies silently (its ABORT is dropped by
 * netem), and a new one on the same address and port connects again.
 * B restarts its association: SCTP_RESTART, still one association.
 */
TEST_F(netns, peer_restart)
{
	struct sctp_status st;
	sctp_assoc_t id;
	int lsn, c, s;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	id = first_assoc(s, variant->type);
	ASSERT_EQ(enter(self->ns_a), 0);
	ASSERT_EQ(netem_set("veth0", 0, 100), 0);
	EXPECT_EQ(linger_close(c, 0), 0);
	ASSERT_EQ(netem_del("veth0"), 0);
	/* B did not hear of it */
	ASSERT_TRUE(status(s, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	ASSERT_EQ(subscribe(c), 0);
	ASSERT_EQ(connect(c, &self->b.sa, self->b.len), 0);
	EXPECT_EQ(assoc_change(c), SCTP_COMM_UP);
	EXPECT_EQ(assoc_change(s), SCTP_RESTART);
	ASSERT_TRUE(status(s, variant->type, &st));
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	EXPECT_TRUE(same_addr(&st.sstat_primary.spinfo_address, &self->a));
	if (variant->type == SOCK_STREAM) {
		/* nothing new to accept: the old association goes on */
		EXPECT_EQ(fcntl(lsn, F_SETFL, O_NONBLOCK), 0);
		EXPECT_EQ(accept(lsn, NULL, NULL), -1);
		EXPECT_EQ(errno, EAGAIN);
	} else {
		EXPECT_EQ(assoc_number(lsn), 1);
		EXPECT_EQ(first_assoc(lsn, variant->type), id);
	}
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpPassiveEstabs"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpActiveEstabs"), 2);
	if (s != lsn)
		close(s);
	close(c);
	close(lsn);
}

/* The client ends it gracefully (§9.2): shutdown(SHUT_WR) on a
 * one-to-one socket, close() on a one-to-many one.
 */
TEST_F(netns, shutdown_from_client)
{
	union sctp_notification n;
	int lsn, c, s;
	char byte;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(shutdown(c, SHUT_WR), 0);
		EXPECT_EQ(assoc_change(c), SCTP_SHUTDOWN_COMP);
	} else {
		close(c);
	}
	EXPECT_EQ(notification(s, &n, 5000), SCTP_SHUTDOWN_EVENT);
	EXPECT_EQ(assoc_change(s), SCTP_SHUTDOWN_COMP);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(s, &byte, 1, 0), 0);
		close(s);
		close(c);
	} else {
		EXPECT_EQ(assoc_number(lsn), 0);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpShutdowns"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpShutdowns"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpCurrEstab"), 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 0);
	close(lsn);
}

/* The server ends it gracefully: shutdown(SHUT_WR) on the accepted
 * socket, or close() of the one-to-many listener.
 */
TEST_F(netns, shutdown_from_server)
{
	union sctp_notification n;
	int lsn, c, s;
	char byte;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(shutdown(s, SHUT_WR), 0);
		EXPECT_EQ(assoc_change(s), SCTP_SHUTDOWN_COMP);
	} else {
		close(lsn);
		lsn = -1;
	}
	EXPECT_EQ(notification(c, &n, 5000), SCTP_SHUTDOWN_EVENT);
	EXPECT_EQ(assoc_change(c), SCTP_SHUTDOWN_COMP);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(c, &byte, 1, 0), 0);
		close(s);
	} else {
		EXPECT_EQ(assoc_number(c), 0);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpShutdowns"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpShutdowns"), 1);
	close(c);
	if (lsn >= 0)
		close(lsn);
}

/* SO_LINGER {1, 0}: close() aborts; the peer loses the association. */
TEST_F(netns, abort_from_client)
{
	int lsn, c, s;
	char byte;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	EXPECT_EQ(linger_close(c, 0), 0);
	EXPECT_EQ(assoc_change(s), SCTP_COMM_LOST);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(s, &byte, 1, 0), -1);
		EXPECT_EQ(errno, ECONNRESET);
		close(s);
	} else {
		EXPECT_EQ(assoc_number(lsn), 0);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpAborteds"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpAborteds"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 0);
	close(lsn);
}

TEST_F(netns, abort_from_server)
{
	int lsn, c, s;
	char byte;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	EXPECT_EQ(linger_close(s, 0), 0);
	EXPECT_EQ(assoc_change(c), SCTP_COMM_LOST);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(recv(c, &byte, 1, 0), -1);
		EXPECT_EQ(errno, ECONNRESET);
		close(lsn);
	} else {
		EXPECT_EQ(assoc_number(c), 0);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpAborteds"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpAborteds"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpCurrEstab"), 0);
	close(c);
}

/* SO_LINGER {1, 5}: close() ends the association gracefully, and on a
 * one-to-one socket blocks until it is over (RFC 6458 §8.1.4; in-tree
 * blocks on one-to-one sockets only): one round trip here, across a
 * link that delays A's packets by 100 ms, until the SHUTDOWN ACK is in.
 */
TEST_F(netns, linger_graceful)
{
	union sctp_notification n;
	long t0, took, shutdowns;
	int lsn, c, s;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	ASSERT_EQ(enter(self->ns_a), 0);
	ASSERT_EQ(netem_set("veth0", 100, 0), 0);
	t0 = now_ms();
	EXPECT_EQ(linger_close(c, 5), 0);
	took = now_ms() - t0;
	shutdowns = mib_in(self->ns_a, "SctpShutdowns");
	TH_LOG("close() took %ld ms", took);
	/* a graceful end, whatever close() waited for */
	EXPECT_EQ(notification(s, &n, 5000), SCTP_SHUTDOWN_EVENT);
	EXPECT_EQ(assoc_change(s), SCTP_SHUTDOWN_COMP);
	EXPECT_EQ(mib_in(self->ns_a, "SctpAborteds"), 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpAborteds"), 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpShutdowns"), 1);
	if (s != lsn)
		close(s);
	close(lsn);
	if (variant->type != SOCK_STREAM)
		return;
	EXPECT_GE(took, 90);
	EXPECT_LT(took, 4000);
	EXPECT_EQ(shutdowns, 1);
}

/* The counters of one namespace, once they stopped moving. */
struct counts {
	long out_packs, in_packs, out_ctrl, in_ctrl, ootb;
};

static void counts_read(int ns, struct counts *c)
{
	c->out_packs = mib_in(ns, "SctpOutSCTPPacks");
	c->in_packs = mib_in(ns, "SctpInSCTPPacks");
	c->out_ctrl = mib_in(ns, "SctpOutCtrlChunks");
	c->in_ctrl = mib_in(ns, "SctpInCtrlChunks");
	c->ootb = mib_in(ns, "SctpOutOfBlues");
}

static void counts_settled(FIXTURE_DATA(netns) *self, struct counts *a,
			   struct counts *b)
{
	struct counts a2, b2;
	int i;

	counts_read(self->ns_a, a);
	counts_read(self->ns_b, b);
	for (i = 0; i < 20; i++) {
		usleep(50000);
		counts_read(self->ns_a, &a2);
		counts_read(self->ns_b, &b2);
		if (!memcmp(a, &a2, sizeof(a2)) && !memcmp(b, &b2, sizeof(b2)))
			return;
		*a = a2;
		*b = b2;
	}
}

/* Nothing is lost on the veth: over a whole association (setup and
 * graceful end), what one side's MIB counts as sent the other side's
 * counts as received, in packets and in control chunks.
 */
TEST_F(netns, mib_conservation)
{
	union sctp_notification n;
	struct counts a, b;
	int lsn, c, s;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	s = establish(_metadata, self, variant, lsn, c);
	ASSERT_GE(s, 0);
	close(c);
	EXPECT_EQ(notification(s, &n, 5000), SCTP_SHUTDOWN_EVENT);
	EXPECT_EQ(assoc_change(s), SCTP_SHUTDOWN_COMP);
	counts_settled(self, &a, &b);
	TH_LOG("A: out %ld/%ld in %ld/%ld ootb %ld; B: out %ld/%ld in %ld/%ld ootb %ld",
	       a.out_packs, a.out_ctrl, a.in_packs, a.in_ctrl, a.ootb,
	       b.out_packs, b.out_ctrl, b.in_packs, b.in_ctrl, b.ootb);
	/* INIT, COOKIE ECHO, SHUTDOWN, SHUTDOWN COMPLETE at least */
	EXPECT_GE(a.out_packs, 4);
	EXPECT_GE(a.out_ctrl, 4);
	/* INIT ACK, COOKIE ACK, SHUTDOWN ACK */
	EXPECT_GE(b.out_packs, 3);
	EXPECT_GE(b.out_ctrl, 3);
	EXPECT_EQ(b.in_packs, a.out_packs);
	EXPECT_EQ(a.in_packs, b.out_packs);
	EXPECT_EQ(b.in_ctrl, a.out_ctrl);
	EXPECT_EQ(a.in_ctrl, b.out_ctrl);
	if (s != lsn)
		close(s);
	close(lsn);
}

/* SCTP_AUTOCLOSE (RFC 6458 §8.1.8): B's idle association ends gracefully
 * after a second. One-to-one sockets refuse the option.
 */
TEST_F(netns, autoclose)
{
	int one = 1, lsn, c;
	long t0, took;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	if (variant->type == SOCK_STREAM) {
		EXPECT_EQ(setsockopt(lsn, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one,
				     sizeof(one)), -1);
		EXPECT_EQ(errno, EOPNOTSUPP);
		EXPECT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one,
				     sizeof(one)), -1);
		EXPECT_EQ(errno, EOPNOTSUPP);
		close(c);
		close(lsn);
		return;
	}
	ASSERT_EQ(setsockopt(lsn, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one,
			     sizeof(one)), 0);
	ASSERT_EQ(connect(c, &self->b.sa, self->b.len), 0);
	t0 = now_ms();
	EXPECT_EQ(wait_assocs(lsn, 1), 0);
	EXPECT_EQ(wait_assocs(c, 0), 0);
	took = now_ms() - t0;
	EXPECT_GE(took, 900);
	EXPECT_LT(took, 4000);
	EXPECT_EQ(wait_assocs(lsn, 0), 0);
	EXPECT_EQ(mib_in(self->ns_b, "SctpAutocloseExpireds"), 1);
	EXPECT_EQ(mib_in(self->ns_a, "SctpAutocloseExpireds"), 0);
	EXPECT_EQ(mib_in(self->ns_a, "SctpShutdowns"), 1);
	EXPECT_EQ(mib_in(self->ns_b, "SctpShutdowns"), 1);
	close(c);
	close(lsn);
}

/* §5.1 A, §6.3.3 E2: B listens, but netem drops everything it sends.
 * A's sysctls: max_init_retransmits 2, RTO.Initial 200 ms, RTO.Max
 * 300 ms. T1-init runs 200 ms, then doubles, capped at RTO.Max: 300, 300.
 * Three INITs reach B; after the third expiry (800 ms) connect() fails
 * with ETIMEDOUT. Without the cap it would take 1400 ms.
 */
#define T1_RTO_INITIAL	200
#define T1_RTO_MAX	300
#define T1_EXPECTED_MS	(T1_RTO_INITIAL + 2 * T1_RTO_MAX)

TEST_F(netns, t1_init_expiry)
{
	long t0, took;
	int lsn, c;

	SETUP_SKIPPED_RETURN();
	lsn = server(self, variant);
	ASSERT_GE(lsn, 0);
	ASSERT_EQ(enter(self->ns_b), 0);
	ASSERT_EQ(netem_set("veth1", 0, 100), 0);
	/* A's defaults; sockets take them when they are created */
	ASSERT_EQ(enter(self->ns_a), 0);
	ASSERT_EQ(nsctp_sctp_sysctl_set("rto_min", 100), 0);
	ASSERT_EQ(nsctp_sctp_sysctl_set("rto_max", T1_RTO_MAX), 0);
	ASSERT_EQ(nsctp_sctp_sysctl_set("rto_initial", T1_RTO_INITIAL), 0);
	ASSERT_EQ(nsctp_sctp_sysctl_set("max_init_retransmits", 2), 0);
	/* per netns: B keeps the defaults */
	ASSERT_EQ(enter(self->ns_b), 0);
	EXPECT_EQ(nsctp_sysctl_long("/proc/sys/net/sctp/max_init_retransmits"),
		  8);
	c = client(self, variant, 0);
	ASSERT_GE(c, 0);
	ASSERT_EQ(subscribe(c), 0);
	t0 = now_ms();
	EXPECT_EQ(connect(c, &self->b.sa, self->b.len), -1);
	EXPECT_EQ(errno, ETIMEDOUT);
	took = now_ms() - t0;
	TH_LOG("connect() failed after %ld ms (expected %d)", took,
	       T1_EXPECTED_MS);
	EXPECT_GE(took, T1_EXPECTED_MS - 10);
	EXPECT_LT(took, T1_EXPECTED_MS + 500);
	if (variant->type == SOCK_SEQPACKET) {
		EXPECT_EQ(assoc_change(c), SCTP_CANT_STR_ASSOC);
		EXPECT_EQ(assoc_number(c), 0);
	}
	EXPECT_EQ(mib_in(self->ns_a, "SctpT1InitExpireds"), 3);
	/* the first INIT and two retransmissions reached B */
	EXPECT_EQ(mib_in(self->ns_a, "SctpOutSCTPPacks"), 3);
	EXPECT_EQ(mib_in(self->ns_b, "SctpInSCTPPacks"), 3);
	EXPECT_EQ(mib_in(self->ns_b, "SctpCurrEstab"), 0);
	close(c);
	close(lsn);
}

TEST_HARNESS_MAIN
