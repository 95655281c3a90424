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
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"

#define SPORT		40000
#define DPORT		9
#define CID_DATA	0
#define CID_INIT	1
#define CID_ABORT	6
#define CID_SHUTDOWN_ACK 8
#define CID_ERROR	9
#define CID_COOKIE_ACK	11
#define CID_SHUTDOWN_COMPLETE 14
#define FLAG_T		1

static uint32_t crc32c_table[256];

static void crc32c_init(void)
{
	uint32_t i, j, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = (c >> 1) ^ (c & 1 ? 0x82F63B78 : 0);
		crc32c_table[i] = c;
	}
}

static uint32_t crc32c(const uint8_t *p, size_t len)
{
	uint32_t c = ~0U;

	while (len--)
		c = crc32c_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

struct pkt {
	uint8_t b[1500];
	size_t len;
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void pkt_init(struct pkt *p, uint32_t vtag)
{
	memset(p, 0, sizeof(*p));
	put16(p->b, SPORT);
	put16(p->b + 2, DPORT);
	put32(p->b + 4, vtag);
	p->len = 12;
}

/* Append a chunk with @vlen bytes of value (copied from @val or zero). */
static uint8_t *pkt_chunk(struct pkt *p, uint8_t type, uint8_t flags,
			  const void *val, size_t vlen)
{
	uint8_t *c = p->b + p->len;

	c[0] = type;
	c[1] = flags;
	put16(c + 2, 4 + vlen);
	if (val)
		memcpy(c + 4, val, vlen);
	p->len += (4 + vlen + 3) & ~3UL;
	return c;
}

static void pkt_crc(struct pkt *p)
{
	uint32_t c;

	memset(p->b + 8, 0, 4);
	c = crc32c(p->b, p->len);
	memcpy(p->b + 8, &c, 4);	/* little-endian on the wire */
}

static void pkt_init_chunk(struct pkt *p, uint32_t init_tag)
{
	uint8_t v[16] = { 0 };

	put32(v, init_tag);
	put32(v + 4, 65536);		/* a_rwnd */
	put16(v + 8, 10);		/* outbound streams */
	put16(v + 10, 10);		/* inbound streams */
	put32(v + 12, 1);		/* initial TSN */
	pkt_chunk(p, CID_INIT, 0, v, sizeof(v));
}

static long mib(const char *name)
{
	FILE *f = fopen("/proc/net/sctp/snmp", "r");
	char key[64];
	long val, ret = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", key, &val) == 2)
		if (!strcmp(key, name))
			ret = val;
	fclose(f);
	return ret;
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
	crc32c_init();
	if (mib("SctpOutOfBlues") < 0)
		SKIP(return, "no /proc/net/sctp/snmp: SCTP not loaded");
	self->family = variant->family;
	self->fd = socket(variant->family, SOCK_RAW, IPPROTO_SCTP);
	ASSERT_GE(self->fd, 0);
	memset(&self->dst, 0, sizeof(self->dst));
	if (variant->family == AF_INET) {
		struct sockaddr_in *a = (void *)&self->dst;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		self->dstlen = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (void *)&self->dst;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		self->dstlen = sizeof(*a);
	}
}

FIXTURE_TEARDOWN(ootb)
{
	if (self->fd >= 0)
		close(self->fd);
}

static void send_pkt(struct __test_metadata *_metadata, int fd,
		     struct sockaddr_storage *dst, socklen_t dstlen,
		     struct pkt *p)
{
	ASSERT_EQ(sendto(fd, p->b, p->len, 0, (void *)dst, dstlen),
		  (ssize_t)p->len);
}

/* Wait up to @ms for an answer (a packet from DPORT to SPORT); copy its
 * SCTP part to @out. Our own packets, looped back, are skipped.
 */
static int recv_reply(int fd, int family, struct pkt *out, int ms)
{
	uint8_t buf[2048];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (poll(&pfd, 1, ms) == 1) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		size_t off = 0;

		if (n <= 0)
			return -1;
		if (family == AF_INET)
			off = (buf[0] & 0xf) * 4;
		if ((size_t)n < off + 12)
			continue;
		if (((buf[off] << 8) | buf[off + 1]) != DPORT ||
		    ((buf[off + 2] << 8) | buf[off + 3]) != SPORT)
			continue;
		out->len = n - off;
		memcpy(out->b, buf + off, out->len);
		return 0;
	}
	return -1;
}

#define SEND(p) send_pkt(_metadata, self->fd, &self->dst, self->dstlen, p)
#define REPLY(out, ms) recv_reply(self->fd, self->family, out, ms)

TEST_F(ootb, init_to_closed_port_gets_abort)
{
	long before = mib("SctpOutOfBlues");
	struct pkt p, r;

	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0x11223344);
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 2000), 0);
	/* §8.4 (3): the INIT's Initiate Tag, T bit clear. */
	EXPECT_EQ(get32(r.b + 4), 0x11223344);
	EXPECT_EQ(r.b[12], CID_ABORT);
	EXPECT_EQ(r.b[13] & FLAG_T, 0);
	/* The INIT, and our ABORT coming back over loopback: both OOTB. */
	EXPECT_EQ(mib("SctpOutOfBlues"), before + 2);
}

TEST_F(ootb, init_with_nonzero_vtag_ignored)
{
	struct pkt p, r;

	pkt_init(&p, 5);
	pkt_init_chunk(&p, 0x11223344);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 300), 0);
}

TEST_F(ootb, init_with_zero_init_tag_ignored)
{
	struct pkt p, r;

	pkt_init(&p, 0);
	pkt_init_chunk(&p, 0);
	pkt_crc(&p);
	SEND(&p);
	EXPECT_NE(REPLY(&r, 300), 0);
}

TEST_F(ootb, data_gets_abort_with_reflected_tag)
{
	uint8_t v[16] = { 0 };
	struct pkt p, r;

	pkt_init(&p, 0xdeadbeef);
	pkt_chunk(&p, CID_DATA, 3, v, sizeof(v));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 2000), 0);
	EXPECT_EQ(get32(r.b + 4), 0xdeadbeef);
	EXPECT_EQ(r.b[12], CID_ABORT);
	EXPECT_EQ(r.b[13] & FLAG_T, FLAG_T);
}

TEST_F(ootb, shutdown_ack_gets_shutdown_complete)
{
	struct pkt p, r;

	pkt_init(&p, 0x01020304);
	pkt_chunk(&p, CID_SHUTDOWN_ACK, 0, NULL, 0);
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 2000), 0);
	EXPECT_EQ(get32(r.b + 4), 0x01020304);
	EXPECT_EQ(r.b[12], CID_SHUTDOWN_COMPLETE);
	EXPECT_EQ(r.b[13] & FLAG_T, FLAG_T);
}

TEST_F(ootb, silent_chunks)
{
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
	static const uint8_t cause[8] = { 0, 1, 0, 8, 0, 5, 0, 0 };
	struct pkt p, r;

	pkt_init(&p, 8);
	pkt_chunk(&p, CID_ERROR, 0, cause, sizeof(cause));
	pkt_crc(&p);
	SEND(&p);
	ASSERT_EQ(REPLY(&r, 2000), 0);
	EXPECT_EQ(r.b[12], CID_ABORT);
}

TEST_F(ootb, bad_checksum_dropped_and_counted)
{
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

TEST_F(ootb, init_flood_answered_without_state)
{
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
