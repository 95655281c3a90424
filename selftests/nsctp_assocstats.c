// SPDX-License-Identifier: GPL-2.0
/*
 * SCTP_GET_ASSOC_STATS (getsockopt 112, struct sctp_assoc_stats) between
 * two sockets over loopback, against in-tree's semantics:
 *
 *   bad_length         a buffer of 0 or 3 bytes (shorter than the id):
 *                      EINVAL, with an association there
 *   unknown_assoc      an id that names no association (one-to-many),
 *                      a one-to-one socket not connected: EINVAL
 *   counters           N messages (SCTP_NODELAY; ordered, or
 *                      SCTP_UNORDERED) from client to server, read
 *                      and acknowledged: each side's counters, exact
 *                      where loopback makes them so, the two sides'
 *                      against each other where they must agree
 *   maxrto_period      sas_maxrto is the highest RTO since the last
 *                      query, in jiffies (RTO.Initial first), and a
 *                      query starts a new period at RTO.Min, as
 *                      in-tree; sas_obs_rto_ipaddr is the peer's. A
 *                      higher RTO.Min for one round trip, set with
 *                      SCTP_RTOINFO on the association, shows in the
 *                      next query only
 *   truncated          a buffer shorter than the struct gets what fits,
 *                      *optlen says how much; a longer one the struct
 *
 * The client binds the loopback address so that its INIT lists no other
 * address: no path to confirm, no HEARTBEAT in the counts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>

#define NMSG	10
#define MSGLEN	100

FIXTURE(stats) {
	int lsn;
	int cli;			/* the sender */
	int srv;			/* the receiver: accepted, or lsn */
	sctp_assoc_t cid, sid;		/* their association's ids */
	struct sockaddr_storage addr;	/* the listener's */
	socklen_t alen;
};

FIXTURE_VARIANT(stats) {
	int family;
	int type;
	int unordered;
};

FIXTURE_VARIANT_ADD(stats, ipv4_stream) { AF_INET, SOCK_STREAM, 0 };
FIXTURE_VARIANT_ADD(stats, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET, 0 };
FIXTURE_VARIANT_ADD(stats, ipv6_stream_unordered) {
	AF_INET6, SOCK_STREAM, 1
};
FIXTURE_VARIANT_ADD(stats, ipv6_seqpacket_unordered) {
	AF_INET6, SOCK_SEQPACKET, 1
};

/* The id of @fd's one association (0 on a one-to-one socket). */
static sctp_assoc_t only_assoc(int fd, int type)
{
	struct {
		struct sctp_assoc_ids ids;
		sctp_assoc_t id[4];
	} l;
	socklen_t len = sizeof(l);

	if (type == SOCK_STREAM)
		return 0;
	memset(&l, 0, sizeof(l));
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &l, &len) ||
	    l.ids.gaids_number_of_ids != 1)
		return -1;
	return l.ids.gaids_assoc_id[0];
}

/* SCTP_GET_ASSOC_STATS of @id into @sas, @len bytes offered; 0 or
 * -errno, the returned length in *@outlen.
 */
static int get_stats_len(int fd, sctp_assoc_t id, void *sas, socklen_t len,
			 socklen_t *outlen)
{
	memcpy(sas, &id, sizeof(id));
	*outlen = len;
	return getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, sas,
			  outlen) ? -errno : 0;
}

static int get_stats(int fd, sctp_assoc_t id, struct sctp_assoc_stats *sas)
{
	socklen_t len;
	int err;

	memset(sas, 0, sizeof(*sas));
	err = get_stats_len(fd, id, sas, sizeof(*sas), &len);
	if (!err && len != sizeof(*sas))
		return -EMSGSIZE;
	return err;
}

/* Wait until @fd's association @id has no data unacknowledged. */
static int wait_acked(int fd, sctp_assoc_t id)
{
	struct sctp_status st;
	socklen_t len;
	int i;

	for (i = 0; i < 1000; i++) {
		memset(&st, 0, sizeof(st));
		st.sstat_assoc_id = id;
		len = sizeof(st);
		if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
			return -1;
		if (!st.sstat_unackdata && !st.sstat_penddata)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* Read one data message from @fd within 10 s: its length, or -1. */
static ssize_t read_data(int fd, void *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct iovec iov = { buf, size };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t len;

	if (poll(&pfd, 1, 10000) != 1)
		return -1;
	len = recvmsg(fd, &m, MSG_DONTWAIT);
	if (len < 0 || (m.msg_flags & MSG_NOTIFICATION))
		return -1;
	return len;
}

/* @n messages of MSGLEN bytes client to server, read there, acked, and
 * the delayed SACK timer (200 ms) run out: nothing is in flight after.
 */
static void transfer(struct __test_metadata *_metadata,
		     FIXTURE_DATA(stats) *self,
		     const FIXTURE_VARIANT(stats) *variant, int n)
{
	struct sctp_sndrcvinfo si = { 0 };
	char buf[MSGLEN];
	int i;

	memset(buf, 'x', sizeof(buf));
	si.sinfo_assoc_id = self->cid;
	si.sinfo_flags = variant->unordered ? SCTP_UNORDERED : 0;
	for (i = 0; i < n; i++)
		ASSERT_EQ(sctp_send(self->cli, buf, MSGLEN, &si, MSG_NOSIGNAL),
			  MSGLEN);
	for (i = 0; i < n; i++)
		ASSERT_EQ(read_data(self->srv, buf, sizeof(buf)), MSGLEN);
	ASSERT_EQ(wait_acked(self->cli, self->cid), 0);
	usleep(400000);
}

FIXTURE_SETUP(stats)
{
	struct sockaddr_storage ss;
	socklen_t len;

	self->cli = -1;
	self->srv = -1;
	self->lsn = nsctp_lo_listener(variant->family, variant->type, 8,
				      &self->addr, &self->alen);
	if (self->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
	self->cli = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(self->cli, 0);
	len = nsctp_loopback_ss(variant->family, &ss);
	ASSERT_EQ(bind(self->cli, (void *)&ss, len), 0);
	ASSERT_EQ(nsctp_setint(self->cli, SOL_SCTP, SCTP_NODELAY, 1), 0);
	ASSERT_EQ(connect(self->cli, (void *)&self->addr, self->alen), 0);
	if (variant->type == SOCK_STREAM) {
		self->srv = accept(self->lsn, NULL, NULL);
		ASSERT_GE(self->srv, 0);
	} else {
		self->srv = self->lsn;
	}
	self->cid = only_assoc(self->cli, variant->type);
	self->sid = only_assoc(self->srv, variant->type);
	ASSERT_GE(self->cid, 0);
	ASSERT_GE(self->sid, 0);
}

FIXTURE_TEARDOWN(stats)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0 && self->srv != self->lsn)
		close(self->srv);
	if (self->lsn >= 0)
		close(self->lsn);
}

/* Shorter than the id: EINVAL, though the association is there. */
TEST_F(stats, bad_length)
{
	struct sctp_assoc_stats sas;
	socklen_t len;

	EXPECT_EQ(get_stats_len(self->cli, self->cid, &sas, 0, &len), -EINVAL);
	EXPECT_EQ(get_stats_len(self->cli, self->cid, &sas, 3, &len), -EINVAL);
	EXPECT_EQ(get_stats_len(self->srv, self->sid, &sas, 3, &len), -EINVAL);
	/* and the id alone is enough */
	EXPECT_EQ(get_stats_len(self->cli, self->cid, &sas,
				sizeof(sctp_assoc_t), &len), 0);
	EXPECT_EQ(len, sizeof(sctp_assoc_t));
}

/* An id that names nothing, or a one-to-one socket without one. */
TEST_F(stats, unknown_assoc)
{
	struct sctp_assoc_stats sas;
	int fd;

	if (variant->type == SOCK_SEQPACKET) {
		EXPECT_EQ(get_stats(self->cli, self->cid + 1000, &sas),
			  -EINVAL);
		EXPECT_EQ(get_stats(self->srv, self->sid + 1000, &sas),
			  -EINVAL);
		EXPECT_EQ(get_stats(self->cli, SCTP_FUTURE_ASSOC, &sas),
			  -EINVAL);
		EXPECT_EQ(get_stats(self->cli, SCTP_ALL_ASSOC, &sas),
			  -EINVAL);
		/* the listener of the stream variants has none either */
	} else {
		EXPECT_EQ(get_stats(self->lsn, 0, &sas), -EINVAL);
	}
	fd = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(get_stats(fd, 0, &sas), -EINVAL);
	EXPECT_EQ(get_stats(fd, 1, &sas), -EINVAL);
	close(fd);
	/* the real one answers, its id as given */
	EXPECT_EQ(get_stats(self->cli, self->cid, &sas), 0);
	EXPECT_EQ(sas.sas_assoc_id, self->cid);
}

TEST_F(stats, counters)
{
	struct sctp_assoc_stats c, s;
	__u64 c_data, c_other, s_data, s_other;

	transfer(_metadata, self, variant, NMSG);
	ASSERT_EQ(get_stats(self->cli, self->cid, &c), 0);
	ASSERT_EQ(get_stats(self->srv, self->sid, &s), 0);
	TH_LOG("client: opkts %llu ipkts %llu osacks %llu isacks %llu octrl %llu ictrl %llu",
	       c.sas_opackets, c.sas_ipackets, c.sas_osacks, c.sas_isacks,
	       c.sas_octrlchunks, c.sas_ictrlchunks);
	TH_LOG("server: opkts %llu ipkts %llu osacks %llu isacks %llu octrl %llu ictrl %llu",
	       s.sas_opackets, s.sas_ipackets, s.sas_osacks, s.sas_isacks,
	       s.sas_octrlchunks, s.sas_ictrlchunks);

	/* DATA: each message one chunk, first sent once, accepted once */
	c_data = variant->unordered ? c.sas_ouodchunks : c.sas_oodchunks;
	c_other = variant->unordered ? c.sas_oodchunks : c.sas_ouodchunks;
	s_data = variant->unordered ? s.sas_iuodchunks : s.sas_iodchunks;
	s_other = variant->unordered ? s.sas_iodchunks : s.sas_iuodchunks;
	EXPECT_EQ(c_data, NMSG);
	EXPECT_EQ(c_other, 0);
	EXPECT_EQ(s_data, NMSG);
	EXPECT_EQ(s_other, 0);
	EXPECT_EQ(c.sas_iodchunks + c.sas_iuodchunks, 0);
	EXPECT_EQ(s.sas_oodchunks + s.sas_ouodchunks, 0);

	/* loopback loses nothing, reorders nothing */
	EXPECT_EQ(c.sas_rtxchunks, 0);
	EXPECT_EQ(c.sas_gapcnt, 0);
	EXPECT_EQ(s.sas_outofseqtsns, 0);
	EXPECT_EQ(s.sas_idupchunks, 0);

	/* SACKs: only the server sends them, at least one, at most one a
	 * packet of DATA, and the client takes in each
	 */
	EXPECT_EQ(c.sas_osacks, 0);
	EXPECT_EQ(s.sas_isacks, 0);
	EXPECT_GE(s.sas_osacks, 1);
	EXPECT_LE(s.sas_osacks, NMSG);
	EXPECT_EQ(c.sas_isacks, s.sas_osacks);

	/* Control chunks: the client sent INIT and COOKIE ECHO; it took
	 * in INIT ACK, COOKIE ACK and the SACKs. The server's association
	 * sent the COOKIE ACK and the SACKs (the INIT ACK went before it
	 * existed), and took in none (INIT and COOKIE ECHO went to the
	 * endpoint).
	 */
	EXPECT_EQ(c.sas_octrlchunks, 2);
	EXPECT_EQ(c.sas_ictrlchunks, c.sas_isacks + 2);
	EXPECT_EQ(s.sas_octrlchunks, s.sas_osacks + 1);
	EXPECT_EQ(s.sas_ictrlchunks, 0);

	/* Packets: with SCTP_NODELAY each message left in its own packet,
	 * after INIT and COOKIE ECHO; the server's association took in
	 * those N. The server sent COOKIE ACK and SACKs, one a packet
	 * (nothing to bundle them with); the client took in those and
	 * the INIT ACK.
	 */
	EXPECT_EQ(c.sas_opackets, NMSG + 2);
	EXPECT_EQ(s.sas_ipackets, NMSG);
	EXPECT_EQ(s.sas_opackets, s.sas_osacks + 1);
	EXPECT_EQ(c.sas_ipackets, s.sas_opackets + 1);
}

/* RTO values in ms (SCTP_RTOINFO). */
static void rtoinfo(struct __test_metadata *_metadata, int fd,
		    sctp_assoc_t id, struct sctp_rtoinfo *ri)
{
	socklen_t len = sizeof(*ri);

	memset(ri, 0, sizeof(*ri));
	ri->srto_assoc_id = id;
	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, ri, &len), 0);
}

static void set_rto_min(struct __test_metadata *_metadata, int fd,
			sctp_assoc_t id, __u32 min)
{
	struct sctp_rtoinfo ri = { .srto_assoc_id = id, .srto_min = min };

	ASSERT_EQ(setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &ri,
			     sizeof(ri)), 0);
}

/* Each query reports the highest RTO since the one before and starts
 * the next period at RTO.Min. Units are jiffies (in-tree's), so the
 * checks compare values with each other as their ms values compare.
 */
TEST_F(stats, maxrto_period)
{
	struct sctp_assoc_stats q1, q2, q3, q4;
	const struct sockaddr_in6 *a6;
	const struct sockaddr_in *a4;
	struct sctp_rtoinfo ri;
	__u32 min;

	/* the socket's values, which its association took */
	rtoinfo(_metadata, self->cli, SCTP_FUTURE_ASSOC, &ri);
	min = ri.srto_min;
	/* loopback's RTT is far below both: the measured RTO is RTO.Min */
	ASSERT_GT(ri.srto_initial, min);
	ASSERT_LE(2 * min, ri.srto_max);

	transfer(_metadata, self, variant, 2);
	/* the first period saw RTO.Initial, then the measured RTO.Min */
	ASSERT_EQ(get_stats(self->cli, self->cid, &q1), 0);
	/* nothing since: the new period's RTO.Min */
	ASSERT_EQ(get_stats(self->cli, self->cid, &q2), 0);
	TH_LOG("maxrto %llu then %llu (RTO.Initial %u ms, RTO.Min %u ms)",
	       q1.sas_maxrto, q2.sas_maxrto, ri.srto_initial, min);
	EXPECT_GT(q2.sas_maxrto, 0);
	EXPECT_EQ(q1.sas_maxrto * min, q2.sas_maxrto * ri.srto_initial);

	/* the peer's address, its port too */
	if (variant->family == AF_INET) {
		a4 = (const void *)&q1.sas_obs_rto_ipaddr;
		EXPECT_EQ(a4->sin_family, AF_INET);
		EXPECT_EQ(a4->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
		EXPECT_EQ(a4->sin_port,
			  ((struct sockaddr_in *)&self->addr)->sin_port);
	} else {
		a6 = (const void *)&q1.sas_obs_rto_ipaddr;
		EXPECT_EQ(a6->sin6_family, AF_INET6);
		EXPECT_TRUE(IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr));
		EXPECT_EQ(a6->sin6_port,
			  ((struct sockaddr_in6 *)&self->addr)->sin6_port);
	}
	/* the address stays when the period restarts */
	EXPECT_EQ(memcmp(&q1.sas_obs_rto_ipaddr, &q2.sas_obs_rto_ipaddr,
			 sizeof(q1.sas_obs_rto_ipaddr)), 0);

	/* RTO.Min at twice the value for one measured round trip, then
	 * back: the period saw the higher RTO, the next starts lower.
	 * SCTP_RTOINFO on the association, on both socket styles.
	 */
	set_rto_min(_metadata, self->cli, self->cid, 2 * min);
	transfer(_metadata, self, variant, 1);
	set_rto_min(_metadata, self->cli, self->cid, min);
	ASSERT_EQ(get_stats(self->cli, self->cid, &q3), 0);
	ASSERT_EQ(get_stats(self->cli, self->cid, &q4), 0);
	TH_LOG("maxrto %llu then %llu", q3.sas_maxrto, q4.sas_maxrto);
	EXPECT_EQ(q3.sas_maxrto, 2 * q2.sas_maxrto);
	EXPECT_EQ(q4.sas_maxrto, q2.sas_maxrto);
}

/* Shorter than the struct: what fits, *optlen its length; longer: the
 * struct.
 */
TEST_F(stats, truncated)
{
	const size_t cut = offsetof(struct sctp_assoc_stats, sas_opackets) +
			   sizeof(__u64);
	unsigned char buf[sizeof(struct sctp_assoc_stats) + 16]
		__attribute__((aligned(8)));
	struct sctp_assoc_stats full, *sas = (void *)buf;
	socklen_t len;
	size_t i;

	transfer(_metadata, self, variant, 2);
	memset(buf, 0xa5, sizeof(buf));
	ASSERT_EQ(get_stats_len(self->cli, self->cid, buf, cut, &len), 0);
	EXPECT_EQ(len, cut);
	EXPECT_EQ(sas->sas_assoc_id, self->cid);
	EXPECT_EQ(sas->sas_opackets, 2 + 2);
	EXPECT_GE(sas->sas_isacks, 1);
	for (i = cut; i < sizeof(buf); i++)
		if (buf[i] != 0xa5)
			break;
	EXPECT_EQ(i, sizeof(buf));

	memset(buf, 0xa5, sizeof(buf));
	ASSERT_EQ(get_stats_len(self->cli, self->cid, buf, sizeof(buf), &len),
		  0);
	EXPECT_EQ(len, sizeof(struct sctp_assoc_stats));
	EXPECT_EQ(buf[sizeof(struct sctp_assoc_stats)], 0xa5);
	memcpy(&full, buf, sizeof(full));
	EXPECT_EQ(full.sas_opackets, 2 + 2);
	EXPECT_EQ(full.sas_oodchunks + full.sas_ouodchunks, 2);
}

TEST_HARNESS_MAIN
