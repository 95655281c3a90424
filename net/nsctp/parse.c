// SPDX-License-Identifier: GPL-2.0
/*
 * One validation pass over a received packet (see parse.h).
 *
 * The rules, all from RFC 9260: a chunk's length counts its header and
 * value but not its padding, is at least 4, and the chunk (padding
 * included, except after the last chunk) lies inside the packet (§3.2);
 * each known chunk type has a fixed part of known size (§3.3); TLV lists
 * (parameters, error causes) follow the same length rules inside their
 * chunk (§3.2.1); INIT, INIT ACK and SHUTDOWN COMPLETE travel alone
 * (§6.10). Unknown chunk and parameter types pass here: what to do with
 * them is the protocol's decision (§3.2, §3.2.1 upper bits).
 *
 * This file must stay free of kernel-only APIs: tools/ builds it in
 * userspace for unit tests and libFuzzer.
 */
#include <net/nsctp/parse.h>

#define PAD4(x)		(((x) + 3U) & ~3U)

/* Fixed part of each known chunk type, 0 where nothing beyond 4 bytes. */
static unsigned int chunk_min_len(u8 type)
{
	switch (type) {
	case SCTP_CID_DATA:		return 16;
	case SCTP_CID_INIT:
	case SCTP_CID_INIT_ACK:		return 20;
	case SCTP_CID_SACK:		return 16;
	case SCTP_CID_HEARTBEAT:
	case SCTP_CID_HEARTBEAT_ACK:	return 8;
	case SCTP_CID_SHUTDOWN:		return 8;
	case SCTP_CID_ECN_ECNE:
	case SCTP_CID_ECN_CWR:		return 8;
	case SCTP_CID_AUTH:		return 8;
	case SCTP_CID_I_DATA:		return 20;
	case SCTP_CID_FWD_TSN:
	case SCTP_CID_I_FWD_TSN:	return 8;
	case SCTP_CID_ASCONF:
	case SCTP_CID_ASCONF_ACK:	return 8;
	default:			return 4;
	}
}

/* Where a chunk's TLV list (parameters or error causes) starts, or 0. */
static unsigned int chunk_tlv_offset(u8 type)
{
	switch (type) {
	case SCTP_CID_INIT:
	case SCTP_CID_INIT_ACK:		return 20;
	case SCTP_CID_HEARTBEAT:
	case SCTP_CID_HEARTBEAT_ACK:
	case SCTP_CID_ABORT:
	case SCTP_CID_ERROR:
	case SCTP_CID_RECONF:		return 4;
	case SCTP_CID_ASCONF:
	case SCTP_CID_ASCONF_ACK:	return 8;
	default:			return 0;
	}
}

/* Exact length of parameters with a fixed layout, 0 if variable. */
static unsigned int param_fixed_len(__be16 type)
{
	switch (type) {
	case SCTP_PARAM_IPV4_ADDRESS:		return 8;
	case SCTP_PARAM_IPV6_ADDRESS:		return 20;
	case SCTP_PARAM_COOKIE_PRESERVATIVE:	return 8;
	case SCTP_PARAM_ECN_CAPABLE:		return 4;
	case SCTP_PARAM_FWD_TSN_SUPPORT:	return 4;
	case SCTP_PARAM_ADAPTATION_LAYER_IND:	return 8;
	default:				return 0;
	}
}

static u16 get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

/* A TLV list in [@p, @end): each entry 4 bytes at least and inside. */
static bool tlvs_ok(const u8 *p, const u8 *end, bool params,
		    const u8 **bad)
{
	while (p < end) {
		unsigned int len;

		*bad = p;
		if (end - p < 4)
			return false;
		len = get_be16(p + 2);
		if (len < 4 || len > (unsigned int)(end - p))
			return false;
		if (params) {
			unsigned int fixed;

			fixed = param_fixed_len(cpu_to_be16(get_be16(p)));

			if (fixed && len != fixed)
				return false;
		}
		/* The last entry's padding is the chunk's. */
		if (PAD4(len) >= (unsigned int)(end - p))
			break;
		p += PAD4(len);
	}
	return true;
}

static enum nsctp_parse_err sack_ok(const u8 *ch, unsigned int len)
{
	unsigned int gaps = get_be16(ch + 12), dups = get_be16(ch + 14);

	return 16 + 4 * (gaps + dups) <= len ? NSCTP_PARSE_OK :
					       NSCTP_PARSE_SACK_LEN;
}

/* The layout rules of one chunk of @len bytes at @ch. */
static enum nsctp_parse_err chunk_ok(const u8 *ch, unsigned int len,
				     const u8 **bad)
{
	u8 type = ch[0];
	unsigned int tlv = chunk_tlv_offset(type);

	*bad = ch;
	if (len < chunk_min_len(type))
		return NSCTP_PARSE_CHUNK_SHORT;
	if (type == SCTP_CID_SACK)
		return sack_ok(ch, len);
	if (tlv && !tlvs_ok(ch + tlv, ch + len,
			    type != SCTP_CID_ABORT && type != SCTP_CID_ERROR,
			    bad))
		return NSCTP_PARSE_PARAM_LEN;
	return NSCTP_PARSE_OK;
}

/**
 * nsctp_parse_chunk() - the layout rules of one chunk, alone
 * @ch: the chunk, linear
 * @len: its length field, at most what @ch holds
 *
 * For packets validated chunk by chunk where they lie (input.c); the
 * rules are nsctp_parse_packet()'s.
 *
 * Return: NSCTP_PARSE_OK, or the rule the chunk breaks.
 */
enum nsctp_parse_err nsctp_parse_chunk(const u8 *ch, unsigned int len)
{
	const u8 *bad;

	return chunk_ok(ch, len, &bad);
}

static void note_chunk(struct nsctp_pkt_info *info, u8 type)
{
	if (!info->nchunks)
		info->first_type = type;
	info->nchunks++;
	info->seen |= 1ULL << (type < NSCTP_SEEN_HIGH ? type : NSCTP_SEEN_HIGH);
}

static bool bundling_ok(const struct nsctp_pkt_info *info)
{
	return info->nchunks == 1 ||
	       !(nsctp_pkt_has(info, SCTP_CID_INIT) ||
		 nsctp_pkt_has(info, SCTP_CID_INIT_ACK) ||
		 nsctp_pkt_has(info, SCTP_CID_SHUTDOWN_COMPLETE));
}

/**
 * nsctp_parse_packet() - validate the layout of a whole SCTP packet
 * @pkt: the packet, from its common header on, linear
 * @len: its length
 * @info: filled with what the packet holds (and where it went wrong)
 *
 * Return: NSCTP_PARSE_OK, or the first rule the packet breaks.
 */
enum nsctp_parse_err nsctp_parse_packet(const u8 *pkt, unsigned int len,
					struct nsctp_pkt_info *info)
{
	const u8 *p = pkt + sizeof(struct sctphdr), *end = pkt + len, *bad;
	enum nsctp_parse_err err;

	info->nchunks = 0;
	info->first_type = 0;
	info->seen = 0;
	info->err_offset = 0;
	if (len < sizeof(struct sctphdr))
		return NSCTP_PARSE_SHORT;
	/* Offsets and counts fit in 16 bits: IP payloads do. */
	if (len > 0xffff)
		return NSCTP_PARSE_CHUNK_LEN;
	if (p == end)
		return NSCTP_PARSE_NO_CHUNKS;
	while (p < end) {
		unsigned int clen;

		info->err_offset = p - pkt;
		if (end - p < 4)
			return NSCTP_PARSE_TRAILING;
		clen = get_be16(p + 2);
		if (clen < 4 || clen > (unsigned int)(end - p))
			return NSCTP_PARSE_CHUNK_LEN;
		err = chunk_ok(p, clen, &bad);
		if (err) {
			info->err_offset = bad - pkt;
			return err;
		}
		note_chunk(info, p[0]);
		if (PAD4(clen) >= (unsigned int)(end - p))
			break;
		p += PAD4(clen);
	}
	return bundling_ok(info) ? NSCTP_PARSE_OK : NSCTP_PARSE_BUNDLING;
}
