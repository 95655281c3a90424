// SPDX-License-Identifier: GPL-2.0
/*
 * The state machine's entry for packets that belong to an association.
 *
 * The packet was validated by parse.c; here the verification tag rules
 * of RFC 9260 §8.5 and §8.5.1 decide whether it is for this association
 * at all, then each chunk goes to its handler, which switches on the
 * association's state. Chunk types we do not know, or did not advertise
 * (the extensions), follow their upper two bits (§3.2). DATA is counted
 * and dropped until the data path exists.
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* §8.5.1 (B), (C): ABORT and SHUTDOWN COMPLETE may carry the peer's tag
 * with the T bit set.
 */
static bool vtag_ok_reflected(const struct nsctp_assoc *asoc, __be32 vtag,
			      u8 flags)
{
	if (flags & SCTP_CHUNK_FLAG_T)
		return vtag == asoc->peer_vtag;
	return vtag == asoc->my_vtag;
}

/* The largest unrecognized chunk reported back whole (§3.2). */
#define NSCTP_REPORT_CHUNK_MAX	1024

/* §3.2: ERROR, Unrecognized Chunk Type, carrying the chunk @ch. */
static void report_unknown_chunk(struct nsctp_assoc *asoc,
				 const struct sctp_chunkhdr *ch)
{
	struct net *net = sock_net(asoc->sk);
	unsigned int clen = ntohs(ch->length);
	struct sctp_errhdr *err;
	struct nsctp_flow f;
	struct sk_buff *skb;

	if (clen > NSCTP_REPORT_CHUNK_MAX)
		return;
	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag,
			      ALIGN(sizeof(*ch) + sizeof(*err) + clen, 4));
	if (!skb)
		return;
	err = nsctp_put_chunk(skb, SCTP_CID_ERROR, 0, sizeof(*err) + clen);
	err->cause = SCTP_ERROR_UNKNOWN_CHUNK;
	err->length = htons(sizeof(*err) + clen);
	memcpy(err + 1, ch, clen);
	nsctp_pkt_send(net, &f, skb);
}

/* §3.2: a chunk type we do not know, or did not advertise. Its upper two
 * bits say whether to go on with the packet and whether to report it.
 * Return: true to process the rest of the packet.
 */
static bool unknown_chunk(struct nsctp_assoc *asoc,
			  const struct sctp_chunkhdr *ch)
{
	u8 action = ch->type & SCTP_CID_ACTION_MASK;

	if (action == SCTP_CID_ACTION_DISCARD_ERR ||
	    action == SCTP_CID_ACTION_SKIP_ERR)
		report_unknown_chunk(asoc, ch);
	if (action == SCTP_CID_ACTION_SKIP ||
	    action == SCTP_CID_ACTION_SKIP_ERR)
		return true;
	NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
	return false;
}

/* One chunk for @asoc. Return: true to process the rest of the packet. */
static bool chunk_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
		      const struct sctp_chunkhdr *ch, unsigned int off)
{
	if (ch->type != SCTP_CID_DATA)
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
	switch (ch->type) {
	case SCTP_CID_ABORT:
		nsctp_sm_abort_rcv(asoc, ch);
		break;
	case SCTP_CID_SHUTDOWN:
		nsctp_sm_shutdown_rcv(asoc, ch);
		break;
	case SCTP_CID_SHUTDOWN_ACK:
		nsctp_sm_shutdown_ack_rcv(asoc);
		break;
	case SCTP_CID_SHUTDOWN_COMPLETE:
		nsctp_sm_shutdown_complete_rcv(asoc);
		break;
	case SCTP_CID_HEARTBEAT:
		nsctp_sm_heartbeat_rcv(asoc, ch);
		break;
	case SCTP_CID_HEARTBEAT_ACK:
		nsctp_sm_heartbeat_ack_rcv(asoc, ch);
		break;
	case SCTP_CID_INIT_ACK:
		nsctp_sm_init_ack_rcv(asoc, skb, ch);
		break;
	case SCTP_CID_COOKIE_ACK:
		nsctp_sm_cookie_ack_rcv(asoc);
		break;
	case SCTP_CID_DATA:
		nsctp_sm_data_rcv(asoc, skb, ch, off);
		break;
	case SCTP_CID_SACK:
		nsctp_sm_sack_rcv(asoc, ch);
		break;
	case SCTP_CID_ERROR:
	case SCTP_CID_ECN_ECNE:
	case SCTP_CID_ECN_CWR:
		/* ECN is not advertised; ERROR is only logged by the peer */
		break;
	case SCTP_CID_INIT:
	case SCTP_CID_COOKIE_ECHO:
		/* only valid first in a packet; handled before the loop */
		break;
	default:
		return unknown_chunk(asoc, ch);
	}
	return true;
}

/* The chunk at @off of @skb. Chunks are linear, except the DATA chunks
 * of a packet validated where it lies (input.c): those may be in page
 * fragments, and their 16 header bytes are copied to @buf.
 */
static const struct sctp_chunkhdr *chunk_at(const struct sk_buff *skb,
					    unsigned int off,
					    struct sctp_data_chunk *buf)
{
	if (!skb_is_nonlinear(skb) || off + sizeof(*buf) <= skb_headlen(skb))
		return (const void *)(skb->data + off);
	return skb_header_pointer(skb, off, sizeof(*buf), buf);
}

/* The chunks of @skb from the @skip + 1st on, then the SACK policy. */
static void chunks_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
		       unsigned int skip)
{
	const struct nsctp_pkt_info *info = &NSCTP_SKB_CB(skb)->info;
	unsigned int off = skb_transport_offset(skb) + sizeof(struct sctphdr);
	const struct sctp_chunkhdr *ch;
	struct sctp_data_chunk buf;
	unsigned int i, clen;

	for (i = 0; i < info->nchunks && !asoc->dead; i++, off += clen) {
		ch = chunk_at(skb, off, &buf);
		if (WARN_ON_ONCE(!ch))
			break;
		clen = ALIGN(ntohs(ch->length), 4);
		if (i >= skip && !chunk_rcv(asoc, skb, ch, off))
			break;
	}
	nsctp_sm_data_done(asoc);
}

/**
 * nsctp_sm_rest_rcv() - the chunks bundled after a COOKIE ECHO
 * @asoc: the association the COOKIE ECHO set up or confirmed
 * @skb: the packet
 */
void nsctp_sm_rest_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	chunks_rcv(asoc, skb, 1);
}

/**
 * nsctp_sm_assoc_rcv() - a validated packet for @asoc
 * @asoc: the association, its socket locked
 * @skb: the packet, with its nsctp_pkt_info in the cb; not consumed
 */
void nsctp_sm_assoc_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	const struct nsctp_pkt_info *info = &NSCTP_SKB_CB(skb)->info;
	const struct sctp_chunkhdr *ch;
	__be32 vtag = sctp_hdr(skb)->vtag;

	switch (info->first_type) {
	case SCTP_CID_INIT:
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
		nsctp_sm_init_assoc(asoc, skb);
		return;
	case SCTP_CID_COOKIE_ECHO:
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
		nsctp_sm_cookie_echo_assoc(asoc, skb);
		return;
	case SCTP_CID_ABORT:
	case SCTP_CID_SHUTDOWN_COMPLETE:
		ch = nsctp_chunk_first(skb_transport_header(skb));
		if (!vtag_ok_reflected(asoc, vtag, ch->flags))
			goto discard;
		break;
	default:
		if (vtag != asoc->my_vtag)
			goto discard;
		break;
	}
	chunks_rcv(asoc, skb, 0);
	return;
discard:
	NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
}

/**
 * nsctp_sm_batch_end() - the last packet of a GSO batch was taken in
 * @asoc: the association, its socket locked
 *
 * The SACK that sack_freq held back during the batch goes now.
 */
void nsctp_sm_batch_end(struct nsctp_assoc *asoc)
{
	if (asoc->sack_due &&
	    asoc->data_pkts >= asoc->aopts.sack_freq)
		nsctp_outq_flush(asoc);
}
