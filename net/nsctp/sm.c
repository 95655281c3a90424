// SPDX-License-Identifier: GPL-2.0
/*
 * The state machine's entry for packets that belong to an association.
 *
 * The packet was validated by parse.c; here the verification tag rules
 * of RFC 9260 §8.5 and §8.5.1 decide whether it is for this association
 * at all, then each chunk goes to its handler, which switches on the
 * association's state. Chunk types we do not know, or did not advertise
 * (the extensions), follow their upper two bits (§3.2).
 *
 * The walk reads the chunk layout that parse.c found from a copy on the
 * stack (struct nsctp_rcv_ctx), never from the packet's cb again: the
 * packet's last DATA chunk may take the packet skb itself as its payload
 * (sm_data.c), and that skb then serves reassembly, with its cb. Every
 * chunk is read within the packet's bounds. What the peer is told about
 * the packet's chunks (unknown types, invalid streams) is collected into
 * one ERROR chunk, sent in one packet when the walk ends (§3.2, §6.5).
 */
#include <asm/unaligned.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* §8.5.1 (B), (C): ABORT and SHUTDOWN COMPLETE may carry the peer's tag
 * with the T bit set; not before we know that tag (COOKIE-WAIT: it is
 * still 0, which an off-path sender could guess).
 */
static bool vtag_ok_reflected(const struct nsctp_assoc *asoc, __be32 vtag,
			      u8 flags)
{
	if (flags & SCTP_CHUNK_FLAG_T)
		return asoc->peer_vtag && vtag == asoc->peer_vtag;
	return vtag == asoc->my_vtag;
}

/* The largest unrecognized chunk reported back whole (§3.2). */
#define NSCTP_REPORT_CHUNK_MAX	1024

/**
 * nsctp_rcv_error() - add a cause to the ERROR chunk of this packet
 * @ctx: the packet's walk
 * @asoc: the association, socket locked
 * @cause: the cause code (network order)
 * @a: the cause's value (may be NULL with @alen 0)
 * @alen: its length
 *
 * The first cause starts a packet of one path MTU; causes that do not
 * fit in it any more are dropped (and counted in @ctx). The packet goes
 * when the walk ends (chunks_rcv()), so a packet full of offending
 * chunks earns the peer one ERROR, not one per chunk.
 */
void nsctp_rcv_error(struct nsctp_rcv_ctx *ctx, struct nsctp_assoc *asoc,
		     __be16 cause, const void *a, unsigned int alen)
{
	unsigned int clen = sizeof(struct sctp_errhdr) + alen;
	struct sctp_errhdr *err;
	struct nsctp_flow f;
	u8 *p;

	if (!ctx->err) {
		u32 room = asoc->primary->pmtu;

		room -= min_t(u32, room, sizeof(struct ipv6hdr) +
			      sizeof(struct sctphdr));
		nsctp_assoc_flow(asoc, &f);
		ctx->err = nsctp_pkt_start(sock_net(asoc->sk), &f,
					   asoc->peer_vtag, ALIGN(room, 4));
		if (!ctx->err) {
			ctx->err_drop++;
			return;
		}
		/* and no more than the route it took carries */
		room = min_t(u32, room, dst_mtu(skb_dst(ctx->err)) -
			     min_t(u32, dst_mtu(skb_dst(ctx->err)),
				   sizeof(struct ipv6hdr) +
				   sizeof(struct sctphdr)));
		ctx->err_max = room & ~3U;
		nsctp_put_chunk(ctx->err, SCTP_CID_ERROR, 0, 0);
		ctx->err_len = 0;
	}
	/* the chunk header, the causes so far padded, this one padded */
	if (sizeof(struct sctp_chunkhdr) + ALIGN(ctx->err_len, 4) +
	    ALIGN(clen, 4) > ctx->err_max) {
		ctx->err_drop++;
		return;
	}
	/* the previous cause's padding, then this one */
	skb_put_zero(ctx->err, ALIGN(ctx->err_len, 4) - ctx->err_len);
	p = skb_put_zero(ctx->err, ALIGN(clen, 4));
	err = (struct sctp_errhdr *)p;
	err->cause = cause;
	err->length = htons(clen);
	if (alen)
		memcpy(p + sizeof(*err), a, alen);
	ctx->err_len = ALIGN(ctx->err_len, 4) + clen;
	/* the padding after the last cause is the chunk's own */
	skb_trim(ctx->err, ctx->err->len - (ALIGN(clen, 4) - clen));
}

/* The ERROR chunk the walk built, finished, or NULL. */
static struct sk_buff *rcv_error_take(struct nsctp_rcv_ctx *ctx)
{
	struct sk_buff *skb = ctx->err;
	struct sctp_chunkhdr *ch;

	if (!skb)
		return NULL;
	ctx->err = NULL;
	ch = (struct sctp_chunkhdr *)(skb_transport_header(skb) +
				      sizeof(struct sctphdr));
	ch->length = htons(sizeof(*ch) + ctx->err_len);
	skb_put_zero(skb, ALIGN(ctx->err_len, 4) - ctx->err_len);
	return skb;
}

/**
 * nsctp_rcv_error_send() - send an ERROR packet built by the chunk walk
 * @asoc: the association, socket locked
 * @skb: the packet (consumed)
 */
void nsctp_rcv_error_send(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct nsctp_flow f;

	if (asoc->dead) {
		kfree_skb(skb);
		return;
	}
	nsctp_assoc_flow(asoc, &f);
	nsctp_pkt_send(sock_net(asoc->sk), &f, skb);
}

/* Send the ERROR chunk the walk built, if any. */
static void rcv_error_flush(struct nsctp_assoc *asoc,
			    struct nsctp_rcv_ctx *ctx)
{
	struct sk_buff *skb = rcv_error_take(ctx);

	if (skb)
		nsctp_rcv_error_send(asoc, skb);
}

/* §3.2: a chunk type we do not know, or did not advertise. Its upper two
 * bits say whether to go on with the packet and whether to report it.
 * Return: true to process the rest of the packet.
 */
static bool unknown_chunk(struct nsctp_assoc *asoc, struct nsctp_rcv_ctx *ctx,
			  const struct sctp_chunkhdr *ch, unsigned int avail)
{
	u8 action = ch->type & SCTP_CID_ACTION_MASK;
	unsigned int clen = ntohs(ch->length);

	/* §3.3.10.6: the chunk as it came, its padding too when the packet
	 * holds it (the last chunk's may be missing)
	 */
	if (ALIGN(clen, 4) <= avail)
		clen = ALIGN(clen, 4);
	if ((action == SCTP_CID_ACTION_DISCARD_ERR ||
	     action == SCTP_CID_ACTION_SKIP_ERR) &&
	    clen <= NSCTP_REPORT_CHUNK_MAX)
		nsctp_rcv_error(ctx, asoc, SCTP_ERROR_UNKNOWN_CHUNK, ch, clen);
	if (action == SCTP_CID_ACTION_SKIP ||
	    action == SCTP_CID_ACTION_SKIP_ERR)
		return true;
	NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
	return false;
}

/* An ERROR chunk: only a Stale Cookie (§5.2.6) asks anything of us;
 * other causes are the peer's report, passed on to the user (RFC 6458
 * §6.1.3) in the states in-tree does so: established, or shutting down
 * and still taking DATA or SACKs. @avail: the bytes of the packet from
 * @ch on.
 */
static void error_rcv(struct nsctp_assoc *asoc, const struct sctp_chunkhdr *ch,
		      unsigned int avail)
{
	const u8 *p = (const u8 *)(ch + 1), *end;
	const struct sctp_errhdr *err;

	err = nsctp_cause_find(ch, SCTP_ERROR_STALE_COOKIE);
	if (err && ntohs(err->length) >= sizeof(*err) + sizeof(__be32))
		nsctp_sm_stale_cookie_rcv(asoc, get_unaligned_be32(err + 1));
	if (asoc->state != SCTP_ESTABLISHED &&
	    asoc->state != SCTP_SHUTDOWN_PENDING &&
	    asoc->state != SCTP_SHUTDOWN_RECEIVED)
		return;
	/* the causes, their layout checked by the parser; the last one's
	 * padding where the packet holds it, as in-tree
	 */
	end = (const u8 *)ch + min_t(unsigned int, ALIGN(ntohs(ch->length), 4),
				     avail);
	while (p + sizeof(*err) <= end) {
		unsigned int len;

		err = (const void *)p;
		len = ntohs(err->length);
		if (len < sizeof(*err))
			break;
		len = min_t(unsigned int, ALIGN(len, 4), end - p);
		nsctp_event_remote_error(asoc, err, len);
		p += len;
	}
}

/* One chunk for @asoc. Return: true to process the rest of the packet. */
static bool chunk_rcv(struct nsctp_assoc *asoc, struct nsctp_rcv_ctx *ctx,
		      struct sk_buff *skb, const struct sctp_chunkhdr *ch,
		      unsigned int off)
{
	if (ch->type != SCTP_CID_DATA) {
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
		asoc->stats.ictrlchunks++;
		if (ch->type == SCTP_CID_SACK)
			asoc->stats.isacks++;
	}
	/* What the chunks before said goes before what this one answers. */
	if (ch->type != SCTP_CID_DATA && ctx->err &&
	    !(ch->type & SCTP_CID_ACTION_MASK))
		rcv_error_flush(asoc, ctx);
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
		nsctp_sm_data_rcv(asoc, ctx, skb, ch, off);
		break;
	case SCTP_CID_SACK:
		nsctp_sm_sack_rcv(asoc, ch);
		break;
	case SCTP_CID_ERROR:
		error_rcv(asoc, ch, skb_headlen(skb) - off);
		break;
	case SCTP_CID_ECN_ECNE:
	case SCTP_CID_ECN_CWR:
		/* ECN is not advertised */
		break;
	case SCTP_CID_INIT:
	case SCTP_CID_COOKIE_ECHO:
		/* only valid first in a packet; handled before the loop */
		break;
	default:
		return unknown_chunk(asoc, ctx, ch, skb_headlen(skb) - off);
	}
	return true;
}

/* The chunk at @off of @skb, at least its header, within the packet.
 * Chunks are linear, except the DATA chunks of a packet validated where
 * it lies (input.c): those may be in page fragments, and their 16 header
 * bytes are copied to @buf. NULL if the packet ends first.
 */
static const struct sctp_chunkhdr *chunk_at(const struct sk_buff *skb,
					    unsigned int off,
					    struct sctp_data_chunk *buf)
{
	unsigned int n;

	if (off >= skb->len ||
	    skb->len - off < sizeof(struct sctp_chunkhdr))
		return NULL;
	n = min_t(unsigned int, skb->len - off, sizeof(*buf));
	if (off + n <= skb_headlen(skb))
		return (const void *)(skb->data + off);
	return skb_header_pointer(skb, off, n, buf);
}

/* The chunks of @skb from the @skip + 1st on, then the SACK policy. */
static void chunks_rcv(struct nsctp_assoc *asoc, struct nsctp_rcv_ctx *ctx,
		       struct sk_buff *skb, unsigned int skip)
{
	unsigned int off = skb_transport_offset(skb) + sizeof(struct sctphdr);
	const unsigned int end = skb->len, nchunks = ctx->info.nchunks;
	const struct sctp_chunkhdr *ch;
	struct sctp_data_chunk buf;
	unsigned int i, clen;

	for (i = 0; i < nchunks && !asoc->dead && !ctx->taken;
	     i++, off += clen) {
		ch = chunk_at(skb, off, &buf);
		clen = ch ? ntohs(ch->length) : 0;
		/* parse.c vouched for this; never trust it blindly */
		if (clen < sizeof(*ch) || clen > end - off) {
			NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
			break;
		}
		/* only DATA may lie in page fragments (input.c) */
		if (ch->type != SCTP_CID_DATA &&
		    off + clen > skb_headlen(skb)) {
			NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
			break;
		}
		clen = ALIGN(clen, 4);
		if (i >= skip && !chunk_rcv(asoc, ctx, skb, ch, off))
			break;
	}
	/* §6.5, §6.10: an ERROR about a packet with DATA (an invalid
	 * stream, an unknown chunk to report) goes in the packet of the
	 * SACK for it when that leaves now (outq.c pkt_open()), else alone
	 */
	if (asoc->data_seen && !asoc->dead)
		asoc->rx_err = rcv_error_take(ctx);
	else
		rcv_error_flush(asoc, ctx);
	nsctp_sm_data_done(asoc);
	if (asoc->rx_err) {
		struct sk_buff *err = asoc->rx_err;

		asoc->rx_err = NULL;
		nsctp_rcv_error_send(asoc, err);
	}
}

/**
 * nsctp_sm_rest_rcv() - the chunks bundled after a COOKIE ECHO
 * @asoc: the association the COOKIE ECHO set up or confirmed
 * @skb: the packet
 */
void nsctp_sm_rest_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct nsctp_rcv_ctx ctx = { .info = NSCTP_SKB_CB(skb)->info };

	chunks_rcv(asoc, &ctx, skb, 1);
}

/**
 * nsctp_sm_assoc_rcv() - a validated packet for @asoc
 * @asoc: the association, its socket locked
 * @skb: the packet, with its nsctp_pkt_info in the cb; not consumed (a
 *	DATA chunk may take a reference of its own to it)
 */
void nsctp_sm_assoc_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct nsctp_rcv_ctx ctx = { .info = NSCTP_SKB_CB(skb)->info };
	const struct sctp_chunkhdr *ch;
	__be32 vtag = sctp_hdr(skb)->vtag;

	asoc->stats.ipackets++;
	if (ctx.info.bad_first) {
		if (ctx.info.first_type == SCTP_CID_INIT_ACK) {
			nsctp_sm_bad_init_ack(asoc, skb);
			return;
		}
		/* a bundled SHUTDOWN COMPLETE: under the tag it must carry */
		ch = nsctp_chunk_first(skb_transport_header(skb));
		if (!vtag_ok_reflected(asoc, vtag, ch->flags))
			goto discard;
		nsctp_sm_bad_shutdown_complete(asoc, ch);
		return;
	}
	/* §8.5.1 (E): a SHUTDOWN ACK before the association is up is out
	 * of the blue (§8.4 (5)), whatever its tag.
	 */
	if ((asoc->state == SCTP_COOKIE_WAIT ||
	     asoc->state == SCTP_COOKIE_ECHOED) &&
	    nsctp_pkt_has(&ctx.info, SCTP_CID_SHUTDOWN_ACK)) {
		nsctp_ootb(sock_net(asoc->sk), skb, &ctx.info);
		return;
	}
	switch (ctx.info.first_type) {
	case SCTP_CID_INIT:
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
		asoc->stats.ictrlchunks++;
		nsctp_sm_init_assoc(asoc, skb);
		return;
	case SCTP_CID_COOKIE_ECHO:
		NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
		asoc->stats.ictrlchunks++;
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
	chunks_rcv(asoc, &ctx, skb, 0);
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
