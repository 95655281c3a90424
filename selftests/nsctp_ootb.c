// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-the-blue packets and the receive edge (RFC 9260 §8.4, §8.5.1,
 * §6.8): crafted SCTP packets are sent from a raw socket to a port where
 * nobody listens; the raw socket also sees the answers coming back over
 * loopback. Each case checks the answer (or its absence) and the MIB
 * counter that must move.
 *
 *   raw socket --(crafted packet)--> 127.0.0.1 / ::1 port 9 (no listener)
 *   raw socket <--(ABORT / SHUTDOWN COMPLETE / nothing)-- nsctp
 */
#include "nsctp_pkt.h"

#define SPORT		40000
#define DPORT		9

static void pkt_init(struct pkt *p, uint32_t vtag)
{
	pkt_init_ports(p, SPORT, DPORT, vtag);
}

FIXTURE(ootb) {
	int fd;
	int family;
	struct sockaddr_storage dst;
	socklen_t dstlen;
};

FIXTURE_VARIANT(ootb) {
	int family;
};

FIXTURE_VARIANT_ADD(ootb, ipv4) { .family = AF_INET };
FIXTURE_VARIANT_ADD(ootb, ipv6) { .family = AF_INET6 };

FIXTURE_SETUP(ootb)
{
	if (mib("SctpOutOfBlues") < 0)
		SKIP(return, "no /proc/net/sctp/snmp: SCTP not loaded");
	self->family = variant->family;
	self->fd = raw_open(variant->family, &self->dst, &self->dstlen);
	ASSERT_GE(self->fd, 0);
}

FIXTURE_TEARDOWN(ootb)
{
	if (self->fd >= 0)
		close(self->fd);
}

#define SEND(p) send_pkt(_metadata, self->fd, &self->dst, self->dstlen, p)
#define REPLY(out, ms) recv_reply(self->fd, self->family, DPORT, SPORT, out, ms)

TEST_F(ootb, init_to_closed_port_gets_abort)
{
	SETUP_SKIPPED_RETURN();
	long before = mib("SctpOutOfBlues");
	struct pkt p, r;

	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0x11223344);
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	/* §8.4 (3): the INIT's Initiate Tag, T bit clear. */
	EXPECT_EQ(get32(r.b + 4), 0x11223344);
	EXPECT_EQ(r.b[12], CID_ABORT);
	EXPECT_EQ(r.b[13] & FLAG_T, 0);
	/* The INIT, and our ABORT coming back over loopback: both OOTB. */
	EXPECT_EQ(mib("SctpOutOfBlues"), before + 2);
}

TEST_F(ootb, init_with_nonzero_vtag_ignored)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("answers an INIT with a non-zero tag");
	struct pkt p, r;

	pkt_init(&p, 5);
	pkt_init_chunk(&p, 0x11223344);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 300), 0);
}

TEST_F(ootb, init_with_zero_init_tag_ignored)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("aborts a zero Initiate Tag");
	struct pkt p, r;

	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 300), 0);
}

TEST_F(ootb, data_gets_abort_with_reflected_tag)
{
	SETUP_SKIPPED_RETURN();
	uint8_t v[16] = { 0 };
	struct pkt p, r;

	pkt_init(&p, 0xdeadbeef);
	pkt_chunk(&p, CID_DATA, 3, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	EXPECT_EQ(get32(r.b + 4), 0xdeadbeef);
	EXPECT_EQ(r.b[12], CID_ABORT);
	EXPECT_EQ(r.b[13] & FLAG_T, FLAG_T);
}

TEST_F(ootb, shutdown_ack_gets_shutdown_complete)
{
	SETUP_SKIPPED_RETURN();
	struct pkt p, r;

	pkt_init(&p, 0x01020304);
	pkt_chunk(&p, CID_SHUTDOWN_ACK, 0, NULL, 0);
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	EXPECT_EQ(get32(r.b + 4), 0x01020304);
	EXPECT_EQ(r.b[12], CID_SHUTDOWN_COMPLETE);
	EXPECT_EQ(r.b[13] & FLAG_T, FLAG_T);
}

TEST_F(ootb, silent_chunks)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("counts OOTB packets differently");
	static const uint8_t stale[8] = { 0, 3, 0, 8, 0, 0, 0, 1 };
	static const uint8_t types[] = {
		CID_ABORT, CID_SHUTDOWN_COMPLETE, CID_COOKIE_ACK,
	};
	long before = mib("SctpOutOfBlues");
	struct pkt p, r;
	size_t i;

	for (i = 0; i < sizeof(types); i++) {
		pkt_init(&p, 7);
		pkt_chunk(&p, types[i], 0, NULL, 0);
		pkt_crc(&p);
		SEND(&p);
	}
	/* §8.4 (7): an ERROR reporting a stale cookie */
	pkt_init(&p, 7);
	pkt_chunk(&p, CID_ERROR, 0, stale, sizeof(stale));
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 500), 0);
	EXPECT_EQ(mib("SctpOutOfBlues"), before + 4);
}

TEST_F(ootb, other_error_gets_abort)
{
	SETUP_SKIPPED_RETURN();
	static const uint8_t cause[8] = { 0, 1, 0, 8, 0, 5, 0, 0 };
	struct pkt p, r;

	pkt_init(&p, 8);
	pkt_chunk(&p, CID_ERROR, 0, cause, sizeof(cause));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 5000), 0);
	EXPECT_EQ(r.b[12], CID_ABORT);
}

TEST_F(ootb, bad_checksum_dropped_and_counted)
{
	SETUP_SKIPPED_RETURN();
	long before = mib("SctpChecksumErrors");
	struct pkt p, r;

	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0x55555555);
	pkt_crc(&p);
	p.b[9] ^= 0xff;
	SEND(&p);
	EXPECT_NE(REPLY(&r, 300), 0);
	EXPECT_EQ(mib("SctpChecksumErrors"), before + 1);
}

TEST_F(ootb, malformed_dropped_and_counted)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("answers some malformed packets");
	long before = mib("SctpInPktDiscards");
	struct pkt p, r;
	uint8_t *c;

	/* chunk length 0 */
	pkt_init(&p, 1);
	c = pkt_chunk(&p, CID_DATA, 0, NULL, 16);
	put16(c + 2, 0);
	pkt_crc(&p);
	SEND(&p);
	/* chunk length past the end */
	pkt_init(&p, 1);
	c = pkt_chunk(&p, CID_DATA, 0, NULL, 16);
	put16(c + 2, 200);
	pkt_crc(&p);
	SEND(&p);
	/* truncated common header */
	pkt_init(&p, 1);
	p.len = 8;
	SEND(&p);
	/* INIT bundled with another chunk (§6.10) */
	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0x77777777);
	pkt_chunk(&p, CID_COOKIE_ACK, 0, NULL, 0);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 500), 0);
	EXPECT_EQ(mib("SctpInPktDiscards"), before + 4);
}

TEST_F_TIMEOUT(ootb, init_flood_answered_without_state, 180)
{
	SETUP_SKIPPED_RETURN();
	long before = mib("SctpOutOfBlues"), sent = mib("SctpOutSCTPPacks");
	int i, answers = 0;
	struct pkt p, r;

	for (i = 0; i < 10000; i++) {
		pkt_init(&p, 0);
		pkt_init_chunk(&p, 0x1000 + i);
		pkt_crc(&p);
		SEND(&p);
		while (REPLY(&r, 0) == 0)
			answers++;
	}
	while (REPLY(&r, 200) == 0)
		answers++;
	/* Each INIT and each ABORT looped back to us. */
	EXPECT_EQ(mib("SctpOutOfBlues"), before + 20000);
	EXPECT_EQ(mib("SctpOutSCTPPacks"), sent + 10000);
	/* The raw socket's queue may overflow; most answers must arrive. */
	EXPECT_GT(answers, 5000);
}

TEST_HARNESS_MAIN
