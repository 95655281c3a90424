// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of net/nsctp/parse.c: every rule of the validation pass,
 * both the packets it must accept and the ones it must refuse.
 */
#include <string.h>
#include <net/nsctp/parse.h>

#include "test.h"

struct pkt {
	u8 buf[2048];
	unsigned int len;
};

static void pkt_init(struct pkt *p)
{
	memset(p, 0, sizeof(*p));
	p->buf[1] = 1;		/* source port 1 */
	p->buf[3] = 2;		/* destination port 2 */
	p->len = 12;
}

static void put16(u8 *b, unsigned int v)
{
	b[0] = v >> 8;
	b[1] = v & 0xff;
}

/* Append a chunk whose length field says @len (value zero-filled), then
 * @pad bytes of padding.
 */
static u8 *add_chunk_raw(struct pkt *p, u8 type, unsigned int len,
			 unsigned int pad)
{
	u8 *c = p->buf + p->len;

	c[0] = type;
	put16(c + 2, len);
	p->len += (len < 4 ? 4 : len) + pad;
	return c;
}

static u8 *add_chunk(struct pkt *p, u8 type, unsigned int len)
{
	return add_chunk_raw(p, type, len, ((len + 3) & ~3U) - len);
}

/* Append a TLV at @at (inside a chunk being built). */
static unsigned int put_tlv(u8 *at, unsigned int type, unsigned int len)
{
	put16(at, type);
	put16(at + 2, len);
	return (len + 3) & ~3U;
}

static enum nsctp_parse_err parse(struct pkt *p, struct nsctp_pkt_info *i)
{
	return nsctp_parse_packet(p->buf, p->len, i);
}

TEST(short_header)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	p.len = 11;
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_SHORT);
	p.len = 0;
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_SHORT);
}

TEST(header_only)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_NO_CHUNKS);
}

TEST(single_cookie_ack)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_COOKIE_ACK, 4);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(i.nchunks, 1);
	CHECK_EQ(i.first_type, SCTP_CID_COOKIE_ACK);
	CHECK(nsctp_pkt_has(&i, SCTP_CID_COOKIE_ACK));
	CHECK(!nsctp_pkt_has(&i, SCTP_CID_DATA));
}

TEST(chunk_length_zero)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk_raw(&p, SCTP_CID_COOKIE_ACK, 0, 0);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_CHUNK_LEN);
	CHECK_EQ(i.err_offset, 12);
}

TEST(chunk_length_past_end)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_DATA, 20);
	put16(p.buf + 14, 21);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_CHUNK_LEN);
}

TEST(odd_length_last_chunk_unpadded_ok)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk_raw(&p, SCTP_CID_DATA, 17, 0);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(i.nchunks, 1);
}

TEST(odd_length_middle_chunk_padded)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_DATA, 17);	/* 3 bytes of padding */
	add_chunk(&p, SCTP_CID_DATA, 18);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(i.nchunks, 2);
}

TEST(trailing_bytes)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_COOKIE_ACK, 4);
	p.len += 2;
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_TRAILING);
	CHECK_EQ(i.err_offset, 16);
}

TEST(data_minimum)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_DATA, 15);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_CHUNK_SHORT);
	pkt_init(&p);
	add_chunk(&p, SCTP_CID_DATA, 16);	/* no user data: protocol's call */
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
}

/* The rules for one chunk alone (the in-place receive path in input.c)
 * are the whole-packet parser's.
 */
TEST(single_chunk_rules_agree)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = add_chunk(&p, SCTP_CID_SACK, 16 + 8);
	put16(c + 12, 1);
	put16(c + 14, 1);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(nsctp_parse_chunk(c, 24), NSCTP_PARSE_OK);
	put16(c + 12, 2);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_SACK_LEN);
	CHECK_EQ(nsctp_parse_chunk(c, 24), NSCTP_PARSE_SACK_LEN);
	CHECK_EQ(nsctp_parse_chunk(c, 12), NSCTP_PARSE_CHUNK_SHORT);
	pkt_init(&p);
	c = add_chunk(&p, SCTP_CID_DATA, 17);
	CHECK_EQ(nsctp_parse_chunk(c, 17), NSCTP_PARSE_OK);
	CHECK_EQ(nsctp_parse_chunk(c, 15), NSCTP_PARSE_CHUNK_SHORT);
	pkt_init(&p);
	c = add_chunk(&p, SCTP_CID_HEARTBEAT, 8);
	put_tlv(c + 4, 1, 8);	/* Heartbeat Info runs past the chunk */
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
	CHECK_EQ(nsctp_parse_chunk(c, 8), NSCTP_PARSE_PARAM_LEN);
}

TEST(fixed_sizes)
{
	static const struct { u8 type; unsigned int min; } t[] = {
		{ SCTP_CID_INIT, 20 }, { SCTP_CID_INIT_ACK, 20 },
		{ SCTP_CID_SACK, 16 }, { SCTP_CID_HEARTBEAT, 8 },
		{ SCTP_CID_SHUTDOWN, 8 }, { SCTP_CID_ECN_ECNE, 8 },
		{ SCTP_CID_ECN_CWR, 8 }, { SCTP_CID_I_DATA, 20 },
		{ SCTP_CID_FWD_TSN, 8 }, { SCTP_CID_ASCONF, 8 },
		{ SCTP_CID_AUTH, 8 },
	};
	struct nsctp_pkt_info i;
	struct pkt p;
	unsigned int k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		pkt_init(&p);
		add_chunk(&p, t[k].type, t[k].min - 4);
		CHECK_EQ(parse(&p, &i), NSCTP_PARSE_CHUNK_SHORT);
	}
}

TEST(sack_gap_counts)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = add_chunk(&p, SCTP_CID_SACK, 16 + 8);
	put16(c + 12, 1);	/* one gap block */
	put16(c + 14, 1);	/* one duplicate */
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	put16(c + 12, 2);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_SACK_LEN);
	put16(c + 12, 0xffff);
	put16(c + 14, 0xffff);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_SACK_LEN);
}

TEST(init_alone)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_INIT, 20);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	add_chunk(&p, SCTP_CID_COOKIE_ACK, 4);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_BUNDLING);
	pkt_init(&p);
	add_chunk(&p, SCTP_CID_DATA, 20);
	add_chunk(&p, SCTP_CID_SHUTDOWN_COMPLETE, 4);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_BUNDLING);
	pkt_init(&p);
	add_chunk(&p, SCTP_CID_INIT_ACK, 20);
	add_chunk(&p, SCTP_CID_INIT_ACK, 20);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_BUNDLING);
}

TEST(init_params_ok)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;
	unsigned int off = 20;

	pkt_init(&p);
	c = p.buf + p.len;
	off += put_tlv(c + off, 5, 8);			/* IPv4 address */
	off += put_tlv(c + off, 6, 20);			/* IPv6 address */
	off += put_tlv(c + off, 0x8008, 5);		/* supported ext, odd */
	off += put_tlv(c + off, 0x4321, 6);		/* unknown, last, unpadded */
	add_chunk_raw(&p, SCTP_CID_INIT, off - 2, 0);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
}

TEST(init_param_overruns)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 20, 0x8008, 9);
	add_chunk(&p, SCTP_CID_INIT, 28);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
	CHECK_EQ(i.err_offset, 12 + 20);
}

TEST(init_param_too_short)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 20, 0x8008, 2);
	add_chunk(&p, SCTP_CID_INIT, 24);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
	pkt_init(&p);
	add_chunk(&p, SCTP_CID_INIT, 22);	/* 2 stray bytes */
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
}

TEST(init_fixed_param_size)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 20, 5, 12);		/* IPv4 address must be 8 */
	add_chunk(&p, SCTP_CID_INIT, 32);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
}

TEST(abort_causes)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 4, 12, 8);		/* user-initiated abort, 4 bytes */
	add_chunk(&p, SCTP_CID_ABORT, 12);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	put16(c + 6, 3);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
	/* A cause code equal to a parameter type is not a parameter:
	 * no IPv4-address size rule for cause 5.
	 */
	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 4, 5, 4);
	add_chunk(&p, SCTP_CID_ABORT, 8);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
}

TEST(heartbeat_needs_info)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	u8 *c;

	pkt_init(&p);
	c = p.buf + p.len;
	put_tlv(c + 4, 1, 12);
	add_chunk(&p, SCTP_CID_HEARTBEAT, 16);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	put16(c + 6, 13);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_PARAM_LEN);
}

TEST(unknown_chunks_pass)
{
	struct nsctp_pkt_info i;
	struct pkt p;

	pkt_init(&p);
	add_chunk(&p, 0x3e, 4);
	add_chunk(&p, 0xff, 9);
	add_chunk(&p, SCTP_CID_PAD, 100);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(i.nchunks, 3);
	CHECK(nsctp_pkt_has(&i, 0xff));
	CHECK(nsctp_pkt_has(&i, 0x3e));
	CHECK(!nsctp_pkt_has(&i, 0x3d));
	CHECK(i.seen & (1ULL << NSCTP_SEEN_HIGH));
}

TEST(iterator_visits_every_chunk)
{
	const struct sctp_chunkhdr *ch;
	struct nsctp_pkt_info i;
	struct pkt p;
	unsigned int k, types = 0;

	pkt_init(&p);
	add_chunk(&p, SCTP_CID_SACK, 16);
	add_chunk(&p, SCTP_CID_DATA, 19);
	add_chunk(&p, SCTP_CID_DATA, 17);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	for (k = 0, ch = nsctp_chunk_first(p.buf); k < i.nchunks;
	     k++, ch = nsctp_chunk_next(ch))
		types = types * 16 + ch->type + 1;
	CHECK_EQ(types, 0x411);
	CHECK_EQ(k, 3);
}

TEST(many_small_chunks)
{
	struct nsctp_pkt_info i;
	struct pkt p;
	unsigned int k;

	pkt_init(&p);
	for (k = 0; k < 500; k++)
		add_chunk(&p, SCTP_CID_COOKIE_ACK, 4);
	CHECK_EQ(parse(&p, &i), NSCTP_PARSE_OK);
	CHECK_EQ(i.nchunks, 500);
}

TEST_MAIN
