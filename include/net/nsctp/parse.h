/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The receive edge's one validation pass over an SCTP packet.
 *
 * nsctp_parse_packet() checks, once, everything about a packet's layout
 * that RFC 9260 fixes: the common header, every chunk length (§3.2), the
 * minimum length of each known chunk type and the layout of its variable
 * part (parameters, error causes, gap blocks), and the bundling rules
 * (§6.10). After it succeeds, the protocol walks the chunks with
 * nsctp_chunk_first()/nsctp_chunk_next() and never checks a length again
 * (or, for DATA in page fragments, by offset: net/nsctp/sm.c).
 *
 * It is pure logic over a linear buffer, so the same file builds in
 * userspace for unit tests and fuzzing (tools/).
 */
#ifndef _NET_NSCTP_PARSE_H
#define _NET_NSCTP_PARSE_H

#include <linux/types.h>
#include <linux/sctp.h>

/* Why a packet was rejected; each maps to one MIB/drop reason. */
enum nsctp_parse_err {
	NSCTP_PARSE_OK = 0,
	NSCTP_PARSE_SHORT,		/* no room for the common header */
	NSCTP_PARSE_NO_CHUNKS,		/* header only */
	NSCTP_PARSE_CHUNK_LEN,		/* chunk length < 4 or past the end */
	NSCTP_PARSE_CHUNK_SHORT,	/* shorter than its type requires */
	NSCTP_PARSE_PARAM_LEN,		/* a parameter or cause overruns */
	NSCTP_PARSE_SACK_LEN,		/* gap/dup counts disagree with length */
	NSCTP_PARSE_BUNDLING,		/* INIT/INIT-ACK/SHUTDOWN-COMPLETE bundled */
	NSCTP_PARSE_TRAILING,		/* 1..3 stray bytes after the last chunk */
};

/* Chunk types 0..63 get their own bit in nsctp_pkt_info.seen; every other
 * type (I-DATA, FORWARD-TSN, ASCONF, RE-CONFIG, PAD, unknown) sets
 * NSCTP_SEEN_HIGH.
 */
#define NSCTP_SEEN_HIGH		63

struct nsctp_pkt_info {
	u64		seen;		/* bit (type) for type < 63 */
	u16		nchunks;
	u16		err_offset;	/* where the problem starts */
	u8		first_type;
	/* input.c, not the parser: a malformed or bundled INIT ACK or
	 * SHUTDOWN COMPLETE (first_type), which its association answers
	 * with an ABORT (nothing else reads it)
	 */
	u8		bad_first;
};

enum nsctp_parse_err nsctp_parse_packet(const u8 *pkt, unsigned int len,
					struct nsctp_pkt_info *info);
enum nsctp_parse_err nsctp_parse_chunk(const u8 *ch, unsigned int len);

static inline bool nsctp_pkt_has(const struct nsctp_pkt_info *info, u8 type)
{
	return info->seen & (1ULL << (type < NSCTP_SEEN_HIGH ? type :
					NSCTP_SEEN_HIGH));
}

/* The first chunk of a packet nsctp_parse_packet() accepted. */
static inline const struct sctp_chunkhdr *nsctp_chunk_first(const u8 *pkt)
{
	return (const void *)(pkt + sizeof(struct sctphdr));
}

/* The chunk after @ch (chunks are padded to 4 bytes, §3.2); valid only
 * while fewer than nsctp_pkt_info.nchunks chunks have been visited.
 */
static inline const struct sctp_chunkhdr *
nsctp_chunk_next(const struct sctp_chunkhdr *ch)
{
	return (const void *)((const u8 *)ch +
			      ((be16_to_cpu(ch->length) + 3) & ~3U));
}

#endif /* _NET_NSCTP_PARSE_H */
