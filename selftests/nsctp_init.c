// SPDX-License-Identifier: GPL-2.0
/*
 * A listening endpoint answering INIT and COOKIE ECHO (RFC 9260 §5.1,
 * §5.1.3, §5.1.5, §3.2.1), then an association with a crafted peer
 * (heartbeats, unknown chunks, ABORT rules, close), driven by packets
 * written to and read from a TUN device (nsctp_pkt.h):
 *
 *   peer 198.51.100.2 / 2001:db8::2 --INIT------------> listener on tunN
 *   peer <--INIT ACK + cookie-- (no state kept)
 *   peer --COOKIE ECHO (forged / stale / wrong tag / valid)--> listener
 *   peer <--nothing / ERROR (Stale Cookie) / COOKIE ACK
 */
#include <poll.h>
#include <strings.h>

#include "nsctp_pkt.h"

#include <netinet/sctp.h>

#define RPORT		40001		/* the peer's port */

static void abort_close(int fd);
#define CID_INIT_ACK	2
#define CID_COOKIE_ECHO	10
#define PARAM_COOKIE	7
#define PARAM_UNRECOGNIZED 8
#define CID_COOKIE_ACK_	11
#define CID_HEARTBEAT	4
#define CID_HEARTBEAT_ACK 5
#define CAUSE_UNKNOWN_CHUNK 6
#define CAUSE_USER_ABORT 12
#define CAUSE_STALE	3
#define CAUSE_INVALID_MANDATORY 7

FIXTURE(init) {
	struct tun_peer tun;
	int lsn;
	int family;
	uint16_t port;
};

FIXTURE_VARIANT(init) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(init, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(init, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(init, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(init, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

static int write_sysctl(const char *path, long val)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	ret = fprintf(f, "%ld\n", val) > 0 ? 0 : -1;
	return fclose(f) || ret ? -1 : 0;
}

#define COOKIE_LIFE "/proc/sys/net/sctp/valid_cookie_life"

FIXTURE_SETUP(init)
{
	struct sockaddr_storage a;
	socklen_t len;

	self->lsn = -1;
	self->tun.fd = -1;
	if (mib("SctpOutSCTPPacks") < 0)
		SKIP(return, "no /proc/net/sctp/snmp: SCTP not loaded");
	if (tun_open(&self->tun, variant->family))
		SKIP(return, "no TUN device (modprobe tun)");
	self->family = variant->family;
	self->lsn = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(self->lsn, 0);
	memcpy(&a, &self->tun.local, sizeof(a));
	ASSERT_EQ(bind(self->lsn, (void *)&a, self->tun.local_len), 0);
	ASSERT_EQ(listen(self->lsn, 5), 0);
	len = sizeof(a);
	ASSERT_EQ(getsockname(self->lsn, (void *)&a, &len), 0);
	/* sin_port and sin6_port share their offset */
	self->port = ntohs(((struct sockaddr_in *)&a)->sin_port);
}

FIXTURE_TEARDOWN(init)
{
	/* Abort what is left: a graceful SHUTDOWN would outlive the TUN
	 * peer and keep retransmitting into the next test.
	 */
	if (self->lsn >= 0)
		abort_close(self->lsn);
	tun_close(&self->tun);
	write_sysctl(COOKIE_LIFE, 60000);
}

#define SEND(p) tun_send(_metadata, &self->tun, p)
#define REPLY(out, ms) tun_recv(&self->tun, out, ms)

/* An INIT value: tag, a_rwnd, streams, initial TSN. */
static void init_value(uint8_t v[16], uint32_t tag, uint32_t rwnd,
		       uint16_t os, uint16_t mis)
{
	memset(v, 0, 16);
	put32(v, tag);
	put32(v + 4, rwnd);
	put16(v + 8, os);
	put16(v + 10, mis);
	put32(v + 12, 1000);
}

/* Find parameter @type in the INIT ACK @r; returns its offset or 0. */
static size_t find_param(const struct pkt *r, uint16_t type, size_t from)
{
	size_t end = 12 + get16(r->b + 14), off = from ? from : 12 + 20;

	while (off + 4 <= end) {
		uint16_t len = get16(r->b + off + 2);

		if (len < 4)
			return 0;
		if (get16(r->b + off) == type && off != from)
			return off;
		off += (len + 3) & ~3U;
	}
	return 0;
}

/* Send INIT (tag 0xabcd0001) and get the INIT ACK into @r. */
static void handshake_start(struct __test_metadata *_metadata,
			    FIXTURE_DATA(init) *self, struct pkt *r)
{
	uint8_t v[16];
	struct pkt p;

	pkt_init_ports(&p, RPORT, self->port, 0);
	init_value(v, 0xabcd0001, 65536, 5, 7);
	pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(r, 5000), 0);
	ASSERT_EQ(r->b[12], CID_INIT_ACK);
}

/* Echo the cookie of INIT ACK @r, with @vtag, optionally corrupted. */
static void echo_cookie(struct __test_metadata *_metadata,
			FIXTURE_DATA(init) *self, const struct pkt *r,
			uint32_t vtag, int corrupt_at)
{
	size_t off = find_param(r, PARAM_COOKIE, 0);
	uint16_t clen;
	struct pkt p;
	uint8_t *c;

	ASSERT_NE(off, 0);
	clen = get16(r->b + off + 2) - 4;
	pkt_init_ports(&p, RPORT, self->port, vtag);
	c = pkt_chunk(&p, CID_COOKIE_ECHO, 0, r->b + off + 4, clen);
	if (corrupt_at >= 0)
		c[4 + corrupt_at % clen] ^= 0x40;
	pkt_crc(&p);
	SEND(&p);
}

TEST_F(init, init_ack_fields)
{
	SETUP_SKIPPED_RETURN();
	struct pkt r;

	handshake_start(_metadata, self, &r);
	/* §5.1: tagged with our Initiate Tag, T bit clear */
	EXPECT_EQ(get32(r.b + 4), 0xabcd0001);
	EXPECT_EQ(r.b[13], 0);
	/* its own tag is random and never zero */
	EXPECT_NE(get32(r.b + 16), 0);
	EXPECT_GE(get32(r.b + 20), 1500);
	/* §5.1.1: no more outbound streams than our 7 inbound */
	EXPECT_LE(get16(r.b + 24), 7);
	EXPECT_GE(get16(r.b + 24), 1);
	EXPECT_GE(get16(r.b + 26), 1);
	EXPECT_NE(find_param(&r, PARAM_COOKIE, 0), 0);
	EXPECT_EQ(find_param(&r, PARAM_UNRECOGNIZED, 0), 0);
}

TEST_F(init, tags_differ_per_init)
{
	SETUP_SKIPPED_RETURN();
	struct pkt r1, r2;

	handshake_start(_metadata, self, &r1);
	handshake_start(_metadata, self, &r2);
	EXPECT_NE(get32(r1.b + 16), get32(r2.b + 16));
	EXPECT_NE(get32(r1.b + 28), get32(r2.b + 28));
}

/* §3.2.1: the upper two bits of an unknown parameter's type. */
TEST_F(init, unknown_params_by_action_bits)
{
	SETUP_SKIPPED_RETURN();
	static const uint16_t types[] = {
		0xb001, /* 10: skip */
		0xf002, /* 11: skip, report */
		0x7003, /* 01: stop, report */
		0xf004, /* after a stop: never looked at */
	};
	uint8_t v[16 + 4 * 8];
	struct pkt p, r;
	size_t off, i;

	init_value(v, 0xabcd0002, 65536, 5, 5);
	for (i = 0; i < 4; i++) {
		put16(v + 16 + i * 8, types[i]);
		put16(v + 18 + i * 8, 8);
		put32(v + 20 + i * 8, i);
	}
	pkt_init_ports(&p, RPORT, self->port, 0);
	pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	ASSERT_EQ(r.b[12], CID_INIT_ACK);
	off = find_param(&r, PARAM_UNRECOGNIZED, 0);
	ASSERT_NE(off, 0);
	EXPECT_EQ(get16(r.b + off + 4), 0xf002);
	off = find_param(&r, PARAM_UNRECOGNIZED, off);
	ASSERT_NE(off, 0);
	EXPECT_EQ(get16(r.b + off + 4), 0x7003);
	EXPECT_EQ(find_param(&r, PARAM_UNRECOGNIZED, off), 0);
}

/* §3.3.2: zero streams or a tiny window are refused with an ABORT. */
TEST_F(init, invalid_mandatory_gets_abort)
{
	SETUP_SKIPPED_RETURN();
	static const struct { uint32_t rwnd; uint16_t os, mis; } bad[] = {
		{ 65536, 0, 5 }, { 65536, 5, 0 }, { 1499, 5, 5 },
	};
	uint8_t v[16];
	struct pkt p, r;
	size_t i;

	for (i = 0; i < 3; i++) {
		pkt_init_ports(&p, RPORT, self->port, 0);
		init_value(v, 0xabcd0100 + i, bad[i].rwnd, bad[i].os,
			   bad[i].mis);
		pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
		pkt_crc(&p);
		SEND(&p);
		ASSERT_EQ(REPLY(&r, 5000), 0);
		EXPECT_EQ(r.b[12], CID_ABORT);
		EXPECT_EQ(r.b[13] & FLAG_T, 0);
		EXPECT_EQ(get32(r.b + 4), 0xabcd0100 + i);
		EXPECT_EQ(get16(r.b + 16), CAUSE_INVALID_MANDATORY);
	}
}

TEST_F(init, forged_cookie_ignored)
{
	SETUP_SKIPPED_RETURN();
	long before = mib("SctpInPktDiscards");
	struct pkt r, x;
	int i;

	handshake_start(_metadata, self, &r);
	/* flip one bit in the signature, the signed data, the tail */
	for (i = 0; i < 3; i++)
		echo_cookie(_metadata, self, &r, get32(r.b + 16),
			    i == 0 ? 0 : i == 1 ? 40 : 1000000);
	EXPECT_NE(REPLY(&x, 500), 0);
	EXPECT_EQ(mib("SctpInPktDiscards"), before + 3);
}

TEST_F(init, cookie_with_wrong_tag_ignored)
{
	SETUP_SKIPPED_RETURN();
	struct pkt r, x;

	handshake_start(_metadata, self, &r);
	echo_cookie(_metadata, self, &r, get32(r.b + 16) ^ 1, -1);
	EXPECT_NE(REPLY(&x, 500), 0);
}

TEST_F(init, stale_cookie_reported)
{
	SETUP_SKIPPED_RETURN();
	struct sockaddr_storage a;
	struct pkt r, x;
	socklen_t len = sizeof(a);
	size_t off;

	/* A listener created with a 1 ms cookie life. */
	ASSERT_EQ(write_sysctl(COOKIE_LIFE, 1), 0);
	close(self->lsn);
	self->lsn = socket(self->family, SOCK_SEQPACKET, IPPROTO_SCTP);
	ASSERT_GE(self->lsn, 0);
	memcpy(&a, &self->tun.local, sizeof(a));
	ASSERT_EQ(bind(self->lsn, (void *)&a, self->tun.local_len), 0);
	ASSERT_EQ(listen(self->lsn, 5), 0);
	ASSERT_EQ(getsockname(self->lsn, (void *)&a, &len), 0);
	self->port = ntohs(((struct sockaddr_in *)&a)->sin_port);

	handshake_start(_metadata, self, &r);
	usleep(20000);
	echo_cookie(_metadata, self, &r, get32(r.b + 16), -1);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	/* §5.1.5 step 3: ERROR, Stale Cookie, staleness in usec */
	EXPECT_EQ(x.b[12], CID_ERROR);
	EXPECT_EQ(get32(x.b + 4), 0xabcd0001);
	off = 16;
	EXPECT_EQ(get16(x.b + off), CAUSE_STALE);
	EXPECT_GT(get32(x.b + off + 4), 1000);
}

/* Active objects in nsctp's own slab caches (nsctp_*, NSCTP*). */
static long nsctp_slab_objs(void)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512], name[64];
	long objs, sum = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", name, &objs) == 2 &&
		    !strncasecmp(name, "nsctp", 5))
			sum += objs;
	fclose(f);
	return sum;
}

/* Number of associations: SCTP_GET_ASSOC_NUMBER on one-to-many, the
 * MIB's SctpCurrEstab otherwise.
 */
static long assoc_count(FIXTURE_DATA(init) *self, long estab_before)
{
	uint32_t n;
	socklen_t len = sizeof(n);

	if (getsockopt(self->lsn, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n,
		       &len) == 0)
		return n;
	return mib("SctpCurrEstab") - estab_before;
}

static void send_abort(struct __test_metadata *_metadata,
		       FIXTURE_DATA(init) *self, uint32_t vtag, uint8_t flags)
{
	struct pkt p;

	pkt_init_ports(&p, RPORT, self->port, vtag);
	pkt_chunk(&p, CID_ABORT, flags, NULL, 0);
	pkt_crc(&p);
	SEND(&p);
}

/* §5.1.5: a valid cookie makes the association; COOKIE ACK answers. */
TEST_F(init, valid_cookie_establishes)
{
	SETUP_SKIPPED_RETURN();
	long estab = mib("SctpCurrEstab"), passive = mib("SctpPassiveEstabs");
	struct pkt r, x;
	uint32_t tag;

	handshake_start(_metadata, self, &r);
	tag = get32(r.b + 16);
	echo_cookie(_metadata, self, &r, tag, -1);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_COOKIE_ACK_);
	EXPECT_EQ(get32(x.b + 4), 0xabcd0001);
	EXPECT_EQ(assoc_count(self, estab), 1);
	EXPECT_EQ(mib("SctpPassiveEstabs"), passive + 1);

	/* §5.2.4 D: the same cookie again: the COOKIE ACK again, no new
	 * association.
	 */
	echo_cookie(_metadata, self, &r, tag, -1);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_COOKIE_ACK_);
	EXPECT_EQ(assoc_count(self, estab), 1);

	/* §8.5.1 B: ABORT with a wrong tag is ignored, ours ends it */
	send_abort(_metadata, self, tag ^ 1, 0);
	send_abort(_metadata, self, 0xabcd0002, FLAG_T);
	usleep(100000);
	EXPECT_EQ(assoc_count(self, estab), 1);
	send_abort(_metadata, self, 0xabcd0001, FLAG_T);
	usleep(100000);
	EXPECT_EQ(assoc_count(self, estab), 0);
	EXPECT_EQ(mib("SctpCurrEstab"), estab);
}

/* Establish an association between the raw socket and the listener;
 * @tag: the listener's verification tag for it.
 */
static void establish(struct __test_metadata *_metadata,
		      FIXTURE_DATA(init) *self, uint32_t *tag)
{
	struct pkt r, x;

	handshake_start(_metadata, self, &r);
	*tag = get32(r.b + 16);
	echo_cookie(_metadata, self, &r, *tag, -1);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	ASSERT_EQ(x.b[12], CID_COOKIE_ACK_);
}

/* SO_LINGER {1, 0}: close() aborts (user-initiated abort). */
TEST_F(init, linger_zero_close_aborts)
{
	SETUP_SKIPPED_RETURN();
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	long aborted = mib("SctpAborteds");
	struct pkt x;
	uint32_t tag;

	establish(_metadata, self, &tag);
	ASSERT_EQ(setsockopt(self->lsn, SOL_SOCKET, SO_LINGER, &lg,
			     sizeof(lg)), 0);
	close(self->lsn);
	self->lsn = -1;
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_ABORT);
	EXPECT_EQ(x.b[13] & FLAG_T, 0);
	EXPECT_EQ(get32(x.b + 4), 0xabcd0001);
	EXPECT_EQ(get16(x.b + 16), CAUSE_USER_ABORT);
	EXPECT_EQ(mib("SctpAborteds"), aborted + 1);
}

/* §8.3: a HEARTBEAT is echoed in a HEARTBEAT ACK. */
TEST_F(init, heartbeat_echoed)
{
	SETUP_SKIPPED_RETURN();
	static const uint8_t info[12] = { 0, 1, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8 };
	struct pkt p, x;
	uint32_t tag;

	establish(_metadata, self, &tag);
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_HEARTBEAT, 0, info, sizeof(info));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_HEARTBEAT_ACK);
	EXPECT_EQ(get32(x.b + 4), 0xabcd0001);
	EXPECT_EQ(get16(x.b + 14), 4 + sizeof(info));
	EXPECT_EQ(memcmp(x.b + 16, info, sizeof(info)), 0);
	/* a HEARTBEAT with the wrong tag is not answered */
	pkt_init_ports(&p, RPORT, self->port, tag ^ 1);
	pkt_chunk(&p, CID_HEARTBEAT, 0, info, sizeof(info));
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&x, 300), 0);
}

/* §3.2: unknown chunk types by their upper two bits, each followed by a
 * HEARTBEAT that is answered only if processing goes on.
 */
TEST_F(init, unknown_chunks_by_action_bits)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("reports unknown chunks differently");
	static const uint8_t info[8] = { 0, 1, 0, 8, 9, 9, 9, 9 };
	static const struct { uint8_t type; int error, hb_ack; } t[] = {
		{ 0x3f, 0, 0 },	/* 00: stop, silently */
		{ 0x7f, 1, 0 },	/* 01: stop, report */
		{ 0xbf, 0, 1 },	/* 10: skip */
		{ 0xff, 1, 1 },	/* 11: skip, report */
	};
	struct pkt p, x;
	uint32_t tag;
	size_t i;

	establish(_metadata, self, &tag);
	for (i = 0; i < 4; i++) {
		pkt_init_ports(&p, RPORT, self->port, tag);
		pkt_chunk(&p, t[i].type, 0, "abcd", 4);
		pkt_chunk(&p, CID_HEARTBEAT, 0, info, sizeof(info));
		pkt_crc(&p);
		SEND(&p);
		if (t[i].error) {
			ASSERT_EQ(REPLY(&x, 5000), 0);
			EXPECT_EQ(x.b[12], CID_ERROR);
			EXPECT_EQ(get16(x.b + 16), CAUSE_UNKNOWN_CHUNK);
			EXPECT_EQ(x.b[20], t[i].type);
		}
		if (t[i].hb_ack) {
			ASSERT_EQ(REPLY(&x, 5000), 0);
			EXPECT_EQ(x.b[12], CID_HEARTBEAT_ACK);
		}
		EXPECT_NE(REPLY(&x, 300), 0);
	}
}

/* §8.3: an established association probes its peer; the HEARTBEAT ACK
 * gives the path an RTT (SCTP_STATUS).
 */
TEST_F(init, heartbeats_measure_rtt)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("heartbeat timing");
	struct sctp_paddrparams pp;
	struct sctp_status st;
	struct pkt p, x;
	socklen_t len = sizeof(st);
	sctp_assoc_t ids[2];
	uint32_t tag;

	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "the association waits for accept() here");
	/* the listener's default for its associations (RFC 6458 §8.1.12);
	 * net.sctp.hb_interval counts only for sockets made after it
	 * changes, as in-tree
	 */
	memset(&pp, 0, sizeof(pp));
	pp.spp_assoc_id = SCTP_FUTURE_ASSOC;
	pp.spp_address.ss_family = AF_INET;
	pp.spp_hbinterval = 10;
	pp.spp_flags = SPP_HB_ENABLE;
	ASSERT_EQ(setsockopt(self->lsn, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS,
			     &pp, sizeof(pp)), 0);
	establish(_metadata, self, &tag);
	/* RTO 3 s +- 1.5 s, plus 10 ms */
	ASSERT_EQ(REPLY(&x, 6000), 0);
	ASSERT_EQ(x.b[12], CID_HEARTBEAT);
	EXPECT_EQ(get32(x.b + 4), 0xabcd0001);
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_HEARTBEAT_ACK, 0, x.b + 16, get16(x.b + 14) - 4);
	pkt_crc(&p);
	usleep(20000);
	SEND(&p);
	usleep(100000);
	len = sizeof(ids);
	ASSERT_EQ(getsockopt(self->lsn, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST,
			     ids, &len), 0);
	ASSERT_EQ(ids[0], 1);
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = ids[1];
	len = sizeof(st);
	ASSERT_EQ(getsockopt(self->lsn, IPPROTO_SCTP, SCTP_STATUS, &st, &len),
		  0);
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	/* in jiffies, as in-tree: 20 ms are 2 or more at any HZ */
	EXPECT_GE(st.sstat_primary.spinfo_srtt, 2);
	EXPECT_LT(st.sstat_primary.spinfo_srtt, 1000);
	/* RTO.Min (1 s) bounds the RTO from below */
	EXPECT_EQ(st.sstat_primary.spinfo_rto, 1000);
}

/* A non-blocking client socket towards the TUN peer, with a fast T1:
 * RTO 100 ms doubling to 200 ms, two retransmissions.
 */
static int t1_client(struct __test_metadata *_metadata,
		     FIXTURE_DATA(init) *self, int type)
{
	struct sctp_rtoinfo rto = { .srto_initial = 100, .srto_max = 200,
				    .srto_min = 100 };
	struct sctp_initmsg im = { .sinit_max_attempts = 2 };
	struct sockaddr_storage peer = self->tun.local;
	int c;

	/* the peer is the local address's neighbour: .1 -> .2, ::1 -> ::2 */
	if (self->family == AF_INET)
		((uint8_t *)&((struct sockaddr_in *)&peer)->sin_addr)[3] = 2;
	else
		((struct sockaddr_in6 *)&peer)->sin6_addr.s6_addr[15] = 2;
	((struct sockaddr_in *)&peer)->sin_port = htons(RPORT);
	c = socket(self->family, type | SOCK_NONBLOCK, IPPROTO_SCTP);
	EXPECT_GE(c, 0);
	EXPECT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof(rto)),
		  0);
	EXPECT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)),
		  0);
	EXPECT_EQ(connect(c, (void *)&peer, self->tun.local_len), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	return c;
}

/* Close with an ABORT: a graceful SHUTDOWN towards the TUN peer would
 * go on retransmitting into the next test.
 */
static void abort_close(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

/* Wait for the outcome of @c's connect(): its SO_ERROR, or -1. */
static int connect_result(int c)
{
	struct pollfd pfd = { .fd = c, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int err = -1;

	if (poll(&pfd, 1, 10000) != 1)
		return -1;
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
	return err;
}

/* §5.1 A: INIT retransmitted on T1-init, then ETIMEDOUT. */
TEST_F(init, t1_init_expiry)
{
	SETUP_SKIPPED_RETURN();
	long expired = mib("SctpT1InitExpireds");
	int c, inits = 0;
	struct pkt x;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "SO_ERROR tells one-to-one connects");
	c = t1_client(_metadata, self, variant->type);
	while (REPLY(&x, 1500) == 0)
		if (x.b[12] == CID_INIT)
			inits++;
	EXPECT_EQ(inits, 3);
	EXPECT_EQ(connect_result(c), ETIMEDOUT);
	EXPECT_EQ(mib("SctpT1InitExpireds"), expired + 3);
	close(c);
}

/* An SCTP_INIT cmsg on the send that sets an association up gives it
 * its own INIT attempts (RFC 6458 §5.3.1), over the socket's
 * SCTP_INITMSG: one retransmission here, where the socket says four.
 */
TEST_F(init, t1_init_attempts_from_cmsg)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_rtoinfo rto = { .srto_initial = 100, .srto_max = 200,
				    .srto_min = 100 };
	struct sctp_initmsg im = { .sinit_max_attempts = 4 };
	char cbuf[CMSG_SPACE(sizeof(struct sctp_initmsg))] = {};
	struct sockaddr_storage peer = self->tun.local;
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr m = { .msg_name = &peer,
			    .msg_namelen = self->tun.local_len,
			    .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = (struct cmsghdr *)cbuf;
	struct sctp_initmsg *ci;
	int c, i, inits = 0;
	struct pkt x;

	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "a send sets up a one-to-many association");
	if (self->family == AF_INET)
		((uint8_t *)&((struct sockaddr_in *)&peer)->sin_addr)[3] = 2;
	else
		((struct sockaddr_in6 *)&peer)->sin6_addr.s6_addr[15] = 2;
	((struct sockaddr_in *)&peer)->sin_port = htons(RPORT);
	c = socket(self->family, SOCK_SEQPACKET | SOCK_NONBLOCK, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rto,
			     sizeof(rto)), 0);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)),
		  0);
	cm->cmsg_level = IPPROTO_SCTP;
	cm->cmsg_type = SCTP_INIT;
	cm->cmsg_len = CMSG_LEN(sizeof(*ci));
	ci = (struct sctp_initmsg *)CMSG_DATA(cm);
	ci->sinit_max_attempts = 1;
	ci->sinit_max_init_timeo = 150;
	ASSERT_EQ(sendmsg(c, &m, MSG_NOSIGNAL), 1);
	while (REPLY(&x, 1500) == 0)
		if (x.b[12] == CID_INIT)
			inits++;
	EXPECT_EQ(inits, 2);
	/* and the association is gone */
	for (i = 0; i < 100; i++) {
		uint32_t n = 1;
		socklen_t len = sizeof(n);

		ASSERT_EQ(getsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER,
				     &n, &len), 0);
		if (!n)
			break;
		usleep(20000);
	}
	EXPECT_LT(i, 100);
	close(c);
}

/* §5.1 C: COOKIE ECHO retransmitted on T1-cookie, then ETIMEDOUT. */
TEST_F(init, t1_cookie_expiry)
{
	SETUP_SKIPPED_RETURN();
	static const uint8_t cookie[12] = { 0, 7, 0, 12, 'c', 'o', 'o', 'k',
					    'i', 'e', '!', '!' };
	long expired = mib("SctpT1CookieExpireds");
	int c, echoes = 0;
	uint8_t v[16 + sizeof(cookie)];
	struct pkt x, p;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "SO_ERROR tells one-to-one connects");
	c = t1_client(_metadata, self, variant->type);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	ASSERT_EQ(x.b[12], CID_INIT);
	/* INIT ACK: tagged with the client's tag, our tag 0x5eed */
	init_value(v, 0x5eed, 65536, 5, 5);
	memcpy(v + 16, cookie, sizeof(cookie));
	pkt_init_ports(&p, RPORT, get16(x.b), get32(x.b + 16));
	pkt_chunk(&p, CID_INIT_ACK, 0, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	while (REPLY(&x, 1500) == 0) {
		if (x.b[12] != CID_COOKIE_ECHO)
			continue;
		echoes++;
		EXPECT_EQ(get32(x.b + 4), 0x5eed);
		EXPECT_EQ(memcmp(x.b + 16, cookie + 4, 8), 0);
	}
	EXPECT_EQ(echoes, 3);
	EXPECT_EQ(connect_result(c), ETIMEDOUT);
	EXPECT_EQ(mib("SctpT1CookieExpireds"), expired + 3);
	close(c);
}

/* §5.2.2, §5.2.4 A: the peer restarts; the new INIT gets an INIT ACK
 * with a new tag and tie-tags, its COOKIE ECHO restarts the association
 * (SCTP_RESTART), which stays one association.
 */
TEST_F(init, peer_restart)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_event ev = { .se_type = SCTP_ASSOC_CHANGE, .se_on = 1 };
	union sctp_notification n;
	uint32_t tag, newtag;
	uint8_t v[16];
	struct pkt p, r, x;
	ssize_t len;
	int i;

	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "notifications wait for accept() on one-to-one");
	ASSERT_EQ(setsockopt(self->lsn, IPPROTO_SCTP, SCTP_EVENT, &ev,
			     sizeof(ev)), 0);
	establish(_metadata, self, &tag);
	pkt_init_ports(&p, RPORT, self->port, 0);
	init_value(v, 0xbeef0002, 65536, 5, 7);
	pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	ASSERT_EQ(r.b[12], CID_INIT_ACK);
	EXPECT_EQ(get32(r.b + 4), 0xbeef0002);
	newtag = get32(r.b + 16);
	EXPECT_NE(newtag, tag);
	echo_cookie(_metadata, self, &r, newtag, -1);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_COOKIE_ACK_);
	EXPECT_EQ(get32(x.b + 4), 0xbeef0002);
	EXPECT_EQ(assoc_count(self, 0), 1);
	/* COMM_UP, then RESTART */
	for (i = 0; i < 2; i++) {
		len = recv(self->lsn, &n, sizeof(n), MSG_DONTWAIT);
		ASSERT_GE(len, (ssize_t)sizeof(n.sn_assoc_change));
		EXPECT_EQ(n.sn_header.sn_type, SCTP_ASSOC_CHANGE);
		EXPECT_EQ(n.sn_assoc_change.sac_state,
			  i ? SCTP_RESTART : SCTP_COMM_UP);
	}
	/* the old tag is gone: a HEARTBEAT with it is not answered */
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_HEARTBEAT, 0, "\0\1\0\10abcd", 8);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&x, 300), 0);
}

/* §5.2.1, §5.2.4 B: INIT collision. While our connect() waits in
 * COOKIE-WAIT, the peer's own INIT arrives: it is answered with an INIT
 * ACK carrying our original tag, and the peer's COOKIE ECHO completes
 * the association the connect() is waiting for.
 */
TEST_F(init, init_collision)
{
	SETUP_SKIPPED_RETURN();
	uint32_t client_tag;
	uint16_t cport;
	uint8_t v[16];
	struct pkt p, r, x;
	size_t off;
	int c;

	if (variant->type != SOCK_STREAM)
		SKIP(return, "SO_ERROR tells one-to-one connects");
	c = t1_client(_metadata, self, variant->type);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	ASSERT_EQ(x.b[12], CID_INIT);
	client_tag = get32(x.b + 16);
	cport = get16(x.b);
	/* the peer's INIT crosses ours */
	pkt_init_ports(&p, RPORT, cport, 0);
	init_value(v, 0xc0111de, 65536, 5, 5);
	pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	do {
		ASSERT_EQ(REPLY(&r, 5000), 0);
	} while (r.b[12] == CID_INIT);	/* T1 may resend ours meanwhile */
	ASSERT_EQ(r.b[12], CID_INIT_ACK);
	EXPECT_EQ(get32(r.b + 4), 0xc0111de);
	EXPECT_EQ(get32(r.b + 16), client_tag);
	off = find_param(&r, PARAM_COOKIE, 0);
	ASSERT_NE(off, 0);
	pkt_init_ports(&p, RPORT, cport, client_tag);
	pkt_chunk(&p, CID_COOKIE_ECHO, 0, r.b + off + 4,
		  get16(r.b + off + 2) - 4);
	pkt_crc(&p);
	SEND(&p);
	do {
		ASSERT_EQ(REPLY(&x, 5000), 0);
	} while (x.b[12] == CID_INIT);
	EXPECT_EQ(x.b[12], CID_COOKIE_ACK_);
	EXPECT_EQ(get32(x.b + 4), 0xc0111de);
	EXPECT_EQ(connect_result(c), 0);
	abort_close(c);
}

/* Hostile input at an established association: a bad checksum, broken
 * chunk lengths, SHUTDOWN COMPLETE and ABORT with wrong tags (with and
 * without the T bit) are dropped and counted, and the association
 * carries on (a HEARTBEAT is still answered).
 */
TEST_F(init, hostile_input_at_association)
{
	static const uint8_t info[8] = { 0, 1, 0, 8, 7, 7, 7, 7 };
	long csum = mib("SctpChecksumErrors");
	long discards = mib("SctpInPktDiscards"), estab;
	struct pkt p, x;
	uint32_t tag;
	uint8_t *c;
	int i;

	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("counts discards differently");
	establish(_metadata, self, &tag);
	estab = mib("SctpCurrEstab");
	/* bad CRC on an otherwise valid ABORT */
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_ABORT, 0, NULL, 0);
	pkt_crc(&p);
	p.b[8] ^= 1;
	SEND(&p);
	/* chunk length 0, odd and past the end, zero-length */
	for (i = 0; i < 3; i++) {
		pkt_init_ports(&p, RPORT, self->port, tag);
		c = pkt_chunk(&p, CID_ABORT, 0, NULL, 8);
		put16(c + 2, i == 0 ? 0 : i == 1 ? 3 : 200);
		pkt_crc(&p);
		SEND(&p);
	}
	/* SHUTDOWN COMPLETE and ABORT: wrong tag; T bit with our own tag */
	for (i = 0; i < 4; i++) {
		pkt_init_ports(&p, RPORT, self->port,
			       i < 2 ? tag ^ 0x100 : tag);
		pkt_chunk(&p, i % 2 ? CID_ABORT : CID_SHUTDOWN_COMPLETE,
			  i < 2 ? 0 : FLAG_T, NULL, 0);
		pkt_crc(&p);
		SEND(&p);
	}
	EXPECT_NE(REPLY(&x, 300), 0);
	EXPECT_EQ(mib("SctpChecksumErrors"), csum + 1);
	/* CRC, three lengths, two wrong tags, two T bits with our tag; the
	 * SHUTDOWN COMPLETEs in ESTABLISHED count once more each
	 */
	EXPECT_GE(mib("SctpInPktDiscards"), discards + 8);
	/* still established, still answering */
	EXPECT_EQ(mib("SctpCurrEstab"), estab);
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_HEARTBEAT, 0, info, sizeof(info));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&x, 5000), 0);
	EXPECT_EQ(x.b[12], CID_HEARTBEAT_ACK);
}

/* Appendix C: protocol unreachable (ICMPv6: unknown next header) for
 * our INIT ends the connect() with ENOPROTOOPT (as in-tree); with a
 * quoted Initiate Tag that is not ours it is ignored, and T1 runs out.
 */
TEST_F(init, icmp_unreachable_during_setup)
{
	int forged, c;
	struct pkt x;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_STREAM)
		SKIP(return, "SO_ERROR tells one-to-one connects");
	for (forged = 0; forged < 2; forged++) {
		c = t1_client(_metadata, self, variant->type);
		ASSERT_EQ(REPLY(&x, 5000), 0);
		ASSERT_EQ(x.b[12], CID_INIT);
		if (forged)
			x.b[16] ^= 0x80;	/* the Initiate Tag */
		if (self->family == AF_INET)
			tun_send_icmp(_metadata, &self->tun, 3, 2, 0, &x);
		else
			tun_send_icmp(_metadata, &self->tun, 4, 1, 6, &x);
		EXPECT_EQ(connect_result(c), forged ? ETIMEDOUT : ENOPROTOOPT);
		close(c);
		while (REPLY(&x, 100) == 0)
			;	/* drop the retransmitted INITs */
	}
}

/* Appendix C: fragmentation needed / packet too big quoting one of the
 * association's packets lowers its path MTU (SCTP_STATUS).
 */
TEST_F(init, icmp_frag_needed_lowers_pmtu)
{
	struct sctp_status st;
	sctp_assoc_t ids[2];
	socklen_t len;
	uint32_t tag, mtu;
	struct pkt q;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "the association waits for accept() here");
	establish(_metadata, self, &tag);
	/* a packet nsctp would send the peer: its tag is the peer's */
	pkt_init_ports(&q, self->port, RPORT, 0xabcd0001);
	pkt_chunk(&q, CID_HEARTBEAT, 0, "\0\1\0\10abcd", 8);
	mtu = self->family == AF_INET ? 1200 : 1280;
	if (self->family == AF_INET)
		tun_send_icmp(_metadata, &self->tun, 3, 4, mtu, &q);
	else
		tun_send_icmp(_metadata, &self->tun, 2, 0, mtu, &q);
	usleep(100000);
	len = sizeof(ids);
	ASSERT_EQ(getsockopt(self->lsn, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST,
			     ids, &len), 0);
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = ids[1];
	len = sizeof(st);
	ASSERT_EQ(getsockopt(self->lsn, IPPROTO_SCTP, SCTP_STATUS, &st, &len),
		  0);
	EXPECT_EQ(st.sstat_primary.spinfo_mtu, mtu);
	/* a quote with the wrong tag changes nothing */
	pkt_init_ports(&q, self->port, RPORT, 0xabcd0001 ^ 1);
	pkt_chunk(&q, CID_HEARTBEAT, 0, "\0\1\0\10abcd", 8);
	if (self->family == AF_INET)
		tun_send_icmp(_metadata, &self->tun, 3, 4, 600, &q);
	else
		tun_send_icmp(_metadata, &self->tun, 2, 0, 600, &q);
	usleep(100000);
	len = sizeof(st);
	ASSERT_EQ(getsockopt(self->lsn, IPPROTO_SCTP, SCTP_STATUS, &st, &len),
		  0);
	EXPECT_EQ(st.sstat_primary.spinfo_mtu, mtu);
}

TEST_F_TIMEOUT(init, init_flood_keeps_no_state, 180)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("counts nsctp slab caches");
	long sent = mib("SctpOutSCTPPacks"), objs = nsctp_slab_objs();
	uint8_t v[16];
	struct pkt p, r;
	int i;

	for (i = 0; i < 10000; i++) {
		pkt_init_ports(&p, RPORT, self->port, 0);
		init_value(v, 0x10000 + i, 65536, 5, 5);
		pkt_chunk(&p, CID_INIT, 0, v, sizeof(v));
		pkt_crc(&p);
		SEND(&p);
		while (REPLY(&r, 0) == 0)
			;
	}
	while (REPLY(&r, 200) == 0)
		;
	/* every INIT answered with an INIT ACK */
	EXPECT_EQ(mib("SctpOutSCTPPacks"), sent + 10000);
	EXPECT_EQ(mib("SctpCurrEstab"), 0);
	EXPECT_GE(objs, 2);	/* the two sockets, at least */
	/* nothing allocated per INIT (earlier tests' frees may land) */
	EXPECT_LE(nsctp_slab_objs(), objs);
}

/* The data path on the wire: the TUN peer sends DATA, nsctp answers. */
#define CID_SACK	3
#define CAUSE_INVALID_STREAM 1
#define CAUSE_NO_DATA	9

/* The next packet whose first chunk is @type, within @ms. */
static int reply_type(FIXTURE_DATA(init) *self, struct pkt *x, uint8_t type,
		      int ms)
{
	while (!tun_recv(&self->tun, x, ms))
		if (x->b[12] == type)
			return 0;
	return -1;
}

/* Send DATA: TSN, stream, flags (B|E = 3), @len bytes of @c. */
static void send_data(struct __test_metadata *_metadata,
		      FIXTURE_DATA(init) *self, uint32_t tag, uint32_t tsn,
		      uint16_t sid, uint8_t flags, char c, size_t len)
{
	uint8_t v[12 + 64];
	struct pkt p;

	memset(v, c, sizeof(v));
	put32(v, tsn);
	put16(v + 4, sid);
	put16(v + 6, 0);	/* SSN 0: the first message of each stream */
	put32(v + 8, 0);
	pkt_init_ports(&p, RPORT, self->port, tag);
	pkt_chunk(&p, CID_DATA, flags, v, 12 + len);
	pkt_crc(&p);
	SEND(&p);
}

/* The socket that reads the association: accept()ed on one-to-one. */
static int data_fd(FIXTURE_DATA(init) *self, int type)
{
	struct timeval tv = { .tv_sec = 3 };
	int fd = type == SOCK_STREAM ? accept(self->lsn, NULL, NULL) :
				       self->lsn;

	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int recv_stream(int fd, char *buf, size_t len, uint16_t *sid)
{
	struct sctp_sndrcvinfo si = {};
	int flags = 0, n;

	n = sctp_recvmsg(fd, buf, len, NULL, NULL, &si, &flags);
	*sid = si.sinfo_stream;
	return n;
}

/* §6.2: a gap is SACKed at once with its gap block; a message on another
 * stream is delivered although an earlier TSN is missing (no head-of-line
 * blocking across streams); the missing TSN completes the picture.
 */
TEST_F(init, data_gap_sack_and_streams)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };
	struct pkt x;
	uint32_t tag;
	char buf[64];
	uint16_t sid;
	int fd;

	ASSERT_EQ(setsockopt(self->lsn, IPPROTO_SCTP, SCTP_EVENTS, &ev,
			     sizeof(ev)), 0);
	establish(_metadata, self, &tag);
	fd = data_fd(self, variant->type);
	ASSERT_GE(fd, 0);
	/* TSN 1001 on stream 1; 1000 (stream 0) is missing */
	send_data(_metadata, self, tag, 1001, 1, 3, 'b', 20);
	ASSERT_EQ(reply_type(self, &x, CID_SACK, 2000), 0);
	EXPECT_EQ(get32(x.b + 16), 999);		/* cumulative TSN ack */
	EXPECT_EQ(get16(x.b + 24), 1);			/* one gap block */
	EXPECT_EQ(get16(x.b + 28), 2);			/* 1001 - 999 */
	EXPECT_EQ(get16(x.b + 30), 2);
	ASSERT_EQ(recv_stream(fd, buf, sizeof(buf), &sid), 20);
	EXPECT_EQ(sid, 1);
	EXPECT_EQ(buf[0], 'b');
	/* the missing one */
	send_data(_metadata, self, tag, 1000, 0, 3, 'a', 10);
	ASSERT_EQ(recv_stream(fd, buf, sizeof(buf), &sid), 10);
	EXPECT_EQ(sid, 0);
	EXPECT_EQ(buf[0], 'a');
	ASSERT_EQ(reply_type(self, &x, CID_SACK, 2000), 0);
	EXPECT_EQ(get32(x.b + 16), 1001);
	EXPECT_EQ(get16(x.b + 24), 0);
	if (fd != self->lsn)
		abort_close(fd);
}

/* §6.2: a duplicate TSN is reported in the next SACK. */
TEST_F(init, data_duplicate_reported)
{
	SETUP_SKIPPED_RETURN();
	struct pkt x;
	uint32_t tag;
	int fd;

	establish(_metadata, self, &tag);
	fd = data_fd(self, variant->type);
	ASSERT_GE(fd, 0);
	send_data(_metadata, self, tag, 1000, 0, 3, 'a', 8);
	send_data(_metadata, self, tag, 1000, 0, 3, 'a', 8);
	ASSERT_EQ(reply_type(self, &x, CID_SACK, 2000), 0);
	/* the first SACK may come before the duplicate: take the next */
	if (!get16(x.b + 26))
		ASSERT_EQ(reply_type(self, &x, CID_SACK, 2000), 0);
	EXPECT_EQ(get32(x.b + 16), 1000);
	EXPECT_EQ(get16(x.b + 26), 1);			/* one duplicate */
	EXPECT_EQ(get32(x.b + 28), 1000);
	if (fd != self->lsn)
		abort_close(fd);
}

/* §6.5: DATA for a stream that does not exist: an ERROR (Invalid Stream
 * Identifier) and the TSN acknowledged all the same.
 */
TEST_F(init, data_invalid_stream)
{
	SETUP_SKIPPED_RETURN();
	struct pkt x;
	uint32_t tag;
	size_t off;

	establish(_metadata, self, &tag);
	/* the peer said 5 outbound streams: 0..4 */
	send_data(_metadata, self, tag, 1000, 9, 3 | 8, 'z', 4);
	ASSERT_EQ(reply_type(self, &x, CID_ERROR, 2000), 0);
	EXPECT_EQ(get16(x.b + 16), CAUSE_INVALID_STREAM);
	EXPECT_EQ(get16(x.b + 20), 9);
	/* the SACK may ride behind the ERROR (in-tree) or come alone */
	off = 12 + ((get16(x.b + 14) + 3) & ~3U);
	if (off + 8 > x.len || x.b[off] != CID_SACK) {
		ASSERT_EQ(reply_type(self, &x, CID_SACK, 2000), 0);
		off = 12;
	}
	EXPECT_EQ(get32(x.b + off + 4), 1000);
}

/* §6.2: a DATA chunk without user data aborts (No User Data, the TSN). */
TEST_F(init, data_without_payload_aborts)
{
	SETUP_SKIPPED_RETURN();
	struct pkt x;
	uint32_t tag;

	establish(_metadata, self, &tag);
	send_data(_metadata, self, tag, 1000, 0, 3, 0, 0);
	ASSERT_EQ(reply_type(self, &x, CID_ABORT, 2000), 0);
	EXPECT_EQ(get16(x.b + 16), CAUSE_NO_DATA);
	EXPECT_EQ(get32(x.b + 20), 1000);
}

TEST_HARNESS_MAIN
