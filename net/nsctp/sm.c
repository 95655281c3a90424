// SPDX-License-Identifier: GPL-2.0
/*
 * The state machine's entry for packets that belong to an association.
 *
 * The packet was validated by parse.c; here the verification tag rules
 * of RFC 9260 §8.5 and §8.5.1 decide whether it is for this association
 * at all, then each chunk goes to its handler, which switches on the
 * association's state. What has no handler yet (data, heartbeats, the
 * graceful shutdown) is counted as discarded.
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
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

static void chunk_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
		      const struct sctp_chunkhdr *ch)
{
	struct net *net = sock_net(asoc->sk);

	switch (ch->type) {
	case SCTP_CID_ABORT:
		nsctp_sm_abort_rcv(asoc, ch);
		break;
	case SCTP_CID_SHUTDOWN:
		nsctp_sm_shutdown_rcv(asoc);
		break;
	case SCTP_CID_SHUTDOWN_ACK:
		nsctp_sm_shutdown_ack_rcv(asoc);
		break;
	case SCTP_CID_SHUTDOWN_COMPLETE:
		nsctp_sm_shutdown_complete_rcv(asoc);
		break;
	case SCTP_CID_INIT_ACK:
		nsctp_sm_init_ack_rcv(asoc, skb, ch);
		break;
	case SCTP_CID_COOKIE_ACK:
		nsctp_sm_cookie_ack_rcv(asoc);
		break;
	default:
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		break;
	}
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
	unsigned int i;

	switch (info->first_type) {
	case SCTP_CID_INIT:
		/* §5.2: collisions and restarts come with the client side. */
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	case SCTP_CID_COOKIE_ECHO:
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
	ch = nsctp_chunk_first(skb_transport_header(skb));
	for (i = 0; i < info->nchunks && !asoc->dead;
	     i++, ch = nsctp_chunk_next(ch))
		chunk_rcv(asoc, skb, ch);
	return;
discard:
	NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
}
