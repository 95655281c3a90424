// SPDX-License-Identifier: GPL-2.0
/*
 * Ending associations (RFC 9260 §9): ABORT sent and received (§9.1) and
 * the graceful SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE sequence with
 * T2-shutdown and T5-shutdown-guard (§9.2).
 *
 * SHUTDOWN-PENDING and SHUTDOWN-RECEIVED last until every DATA chunk we
 * sent is acknowledged (the outqueue calls nsctp_shutdown_continue()
 * when it drains); with nothing outstanding they pass at once.
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* Send one chunk on @asoc: type, flags, value; under the peer's tag, or
 * with the T bit under our own (§8.5.1 B: the peer's is not known).
 */
static int send_chunk(struct nsctp_assoc *asoc, u8 type, u8 flags,
		      const void *val, unsigned int len)
{
	struct net *net = sock_net(asoc->sk);
	struct nsctp_flow f;
	struct sk_buff *skb;

	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, flags & SCTP_CHUNK_FLAG_T ?
			      asoc->my_vtag : asoc->peer_vtag,
			      ALIGN(sizeof(struct sctp_chunkhdr) + len, 4));
	if (!skb)
		return -ENOBUFS;
	if (len)
		memcpy(nsctp_put_chunk(skb, type, flags, len), val, len);
	else
		nsctp_put_chunk(skb, type, flags, 0);
	return nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_send_abort_info() - send an ABORT with one error cause
 * @asoc: the association, its socket locked
 * @cause: the error cause code, or SCTP_ERROR_NO_ERROR for none
 * @info: the cause's value (up to 32 bytes are sent)
 * @ilen: its length
 *
 * Before the peer's tag is known (COOKIE-WAIT), the ABORT goes with the
 * T bit under our own tag (§8.5.1 B).
 *
 * Return: 0 or -errno; the association is left as it is.
 */
int nsctp_send_abort_info(struct nsctp_assoc *asoc, __be16 cause,
			  const void *info, u16 ilen)
{
	struct {
		struct sctp_errhdr	err;
		u8			info[32];
	} e = {
		.err.cause = cause,
	};

	ilen = min_t(u16, ilen, sizeof(e.info));
	e.err.length = htons(sizeof(e.err) + ilen);
	if (ilen)
		memcpy(e.info, info, ilen);
	return send_chunk(asoc, SCTP_CID_ABORT,
			  asoc->peer_vtag ? 0 : SCTP_CHUNK_FLAG_T, &e,
			  cause ? sizeof(e.err) + ilen : 0);
}

/**
 * nsctp_send_abort() - send an ABORT with one error cause on @asoc
 * @asoc: the association, its socket locked
 * @cause: the error cause code (SCTP_ERROR_*), or SCTP_ERROR_NO_ERROR
 *	for an ABORT without one
 *
 * Return: 0 or -errno; the association is left as it is.
 */
int nsctp_send_abort(struct nsctp_assoc *asoc, __be16 cause)
{
	return nsctp_send_abort_info(asoc, cause, NULL, 0);
}

/* A one-to-one socket whose association ended: @err (positive errno, 0
 * after a graceful end) for SO_ERROR; recvmsg() then reports what is
 * queued, the error, and ENOTCONN (end of file only after the peer's
 * SHUTDOWN), as in-tree.
 */
static void one_to_one_closed(struct sock *sk, int err)
{
	if (!nsctp_one_to_one(sk) || sk->sk_state == TCP_LISTEN)
		return;
	if (err)
		WRITE_ONCE(sk->sk_err, err);
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | SEND_SHUTDOWN);
	inet_sk_set_state(sk, TCP_CLOSE);
	if (err)
		sk_error_report(sk);
	else
		sk->sk_state_change(sk);
}

/**
 * nsctp_abort_assoc() - abort @asoc from our side and forget it
 * @asoc: the association, its socket locked
 * @cause: the error cause to send
 */
void nsctp_abort_assoc(struct nsctp_assoc *asoc, __be16 cause)
{
	nsctp_abort_with(asoc, cause, NULL, 0);
}

/* @asoc ended by our ABORT with @cause: counted, told, forgotten; a
 * one-to-one socket gets ECONNABORTED, as in-tree (the peer's ABORT is
 * ECONNRESET).
 */
static void aborted(struct nsctp_assoc *asoc, __be16 cause)
{
	struct sock *sk = asoc->sk;

	NSCTP_INC_STATS(sock_net(sk), ABORTEDS);
	nsctp_event_assoc_change(asoc, SCTP_COMM_LOST, cause, NULL);
	nsctp_assoc_kill(asoc);
	one_to_one_closed(sk, ECONNABORTED);
}

/**
 * nsctp_abort_with() - abort @asoc with an error cause carrying @info
 * @asoc: the association, its socket locked
 * @cause: the error cause code
 * @info: the cause's value (up to 32 bytes are sent)
 * @ilen: its length
 */
void nsctp_abort_with(struct nsctp_assoc *asoc, __be16 cause,
		      const void *info, u16 ilen)
{
	nsctp_send_abort_info(asoc, cause, info, ilen);
	aborted(asoc, cause);
}

/* The longest reason an SCTP_ABORT message may give: what fits in one
 * packet with its headers, the IPv6 header the longer.
 */
#define NSCTP_ABORT_REASON_MAX	(U16_MAX - sizeof(struct ipv6hdr) - \
				 sizeof(struct sctphdr) - \
				 sizeof(struct sctp_chunkhdr) - \
				 sizeof(struct sctp_errhdr))

/**
 * nsctp_abort_user() - end @asoc at the user's request (SCTP_ABORT)
 * @asoc: the association, its socket locked
 * @from: the message, the abort's reason (RFC 6458 §5.3.4)
 * @len: its length, 0 for none
 *
 * The ABORT carries a User-Initiated Abort cause with the reason, as
 * in-tree's (RFC 9260 §3.3.10.12); a reason longer than the path MTU
 * goes in an IP-fragmented packet (§7.3 allows it for a single chunk).
 *
 * Return: 0; -EMSGSIZE, -ENOMEM or -EFAULT with @asoc left as it is.
 */
int nsctp_abort_user(struct nsctp_assoc *asoc, struct iov_iter *from,
		     size_t len)
{
	u32 clen = sizeof(struct sctp_errhdr) + len;
	struct net *net = sock_net(asoc->sk);
	struct sctp_errhdr *e;
	struct nsctp_flow f;
	struct sk_buff *skb;

	if (len > NSCTP_ABORT_REASON_MAX)
		return -EMSGSIZE;
	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag ?: asoc->my_vtag,
			      ALIGN(sizeof(struct sctp_chunkhdr) + clen, 4));
	if (!skb)
		return -ENOMEM;
	e = nsctp_put_chunk(skb, SCTP_CID_ABORT,
			    asoc->peer_vtag ? 0 : SCTP_CHUNK_FLAG_T, clen);
	e->cause = SCTP_ERROR_USER_ABORT;
	e->length = htons(clen);
	if (len && !copy_from_iter_full(e + 1, len, from)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	skb->ignore_df = 1;
	nsctp_pkt_send(net, &f, skb);
	aborted(asoc, SCTP_ERROR_USER_ABORT);
	return 0;
}

/**
 * nsctp_assoc_failed() - the peer stopped answering (§8.1, §8.2)
 * @asoc: the association, its socket locked
 * @err: what a one-to-one socket reports (positive errno, ETIMEDOUT)
 * @max_rtx: it ran out of Association.Max.Retrans (T3-rtx, HEARTBEAT,
 *	T2-shutdown), not out of time (T5)
 *
 * The peer is told with an ABORT in case it still listens; when the
 * retransmissions ran out it carries a Protocol Violation cause saying
 * so, as in-tree's does (the RFC leaves the ABORT's contents open).
 */
void nsctp_assoc_failed(struct nsctp_assoc *asoc, int err, bool max_rtx)
{
	static const char why[] = "Association.Max.Retrans exceeded";
	struct sock *sk = asoc->sk;

	asoc->error = -err;
	if (max_rtx)
		nsctp_send_abort_info(asoc, SCTP_ERROR_PROTO_VIOLATION, why,
				      sizeof(why) - 1);
	else
		nsctp_send_abort(asoc, SCTP_ERROR_NO_ERROR);
	NSCTP_INC_STATS(sock_net(sk), ABORTEDS);
	nsctp_event_assoc_change(asoc, SCTP_COMM_LOST, 0, NULL);
	nsctp_assoc_kill(asoc);
	one_to_one_closed(sk, err);
}

/* The first error cause of an ABORT chunk, 0 if it has none. */
static __be16 abort_cause(const struct sctp_chunkhdr *ch)
{
	const struct sctp_errhdr *err = (const void *)(ch + 1);

	if (ntohs(ch->length) < sizeof(*ch) + sizeof(*err))
		return 0;
	return err->cause;
}

/**
 * nsctp_sm_abort_rcv() - §9.1: the peer aborted @asoc
 * @asoc: the association, socket locked (the tag was checked)
 * @ch: the ABORT chunk
 *
 * During setup that is a refusal (ECONNREFUSED for connect()).
 */
void nsctp_sm_abort_rcv(struct nsctp_assoc *asoc,
			const struct sctp_chunkhdr *ch)
{
	struct sock *sk = asoc->sk;

	if (asoc->state == SCTP_COOKIE_WAIT ||
	    asoc->state == SCTP_COOKIE_ECHOED) {
		const struct sctp_errhdr *eh = (const void *)(ch + 1);
		__be16 cause = 0;

		/* CANT_STR_ASSOC tells its first cause, as in-tree */
		if (ntohs(ch->length) >= sizeof(*ch) + sizeof(*eh))
			cause = eh->cause;
		nsctp_sm_setup_failed(asoc, -ECONNREFUSED, cause);
		return;
	}
	NSCTP_INC_STATS(sock_net(sk), ABORTEDS);
	nsctp_event_assoc_change(asoc, SCTP_COMM_LOST, abort_cause(ch), ch);
	nsctp_assoc_kill(asoc);
	one_to_one_closed(sk, ECONNRESET);
}

static int send_shutdown(struct nsctp_assoc *asoc)
{
	__be32 cum_tsn = htonl(nsctp_tsnmap_cum(&asoc->tsnmap));

	return send_chunk(asoc, SCTP_CID_SHUTDOWN, 0, &cum_tsn,
			  sizeof(cum_tsn));
}

/* The graceful end (§9.2): SHUTDOWN COMPLETE sent or received. */
static void shutdown_done(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;

	NSCTP_INC_STATS(sock_net(sk), SHUTDOWNS);
	nsctp_event_assoc_change(asoc, SCTP_SHUTDOWN_COMP, 0, NULL);
	nsctp_assoc_kill(asoc);
	one_to_one_closed(sk, 0);
}

/* SHUTDOWN-ACK-SENT: the SHUTDOWN ACK goes, with T2 for it. */
static void shutdown_ack_start(struct nsctp_assoc *asoc)
{
	nsctp_timer_stop(asoc, NSCTP_T2);
	nsctp_assoc_set_state(asoc, SCTP_SHUTDOWN_ACK_SENT);
	send_chunk(asoc, SCTP_CID_SHUTDOWN_ACK, 0, NULL, 0);
	nsctp_timer_start(asoc, NSCTP_T2);
}

/* §9.2: DATA arrived in SHUTDOWN-SENT: SHUTDOWN again (alone if it did
 * not go with the SACK), T2 afresh.
 */
void nsctp_shutdown_resend(struct nsctp_assoc *asoc)
{
	if (asoc->shutdown_due) {
		asoc->shutdown_due = false;
		send_shutdown(asoc);
	}
	nsctp_timer_stop(asoc, NSCTP_T2);
	nsctp_timer_start(asoc, NSCTP_T2);
}

/* §9.2: nothing of ours is outstanding any more: SHUTDOWN (from
 * SHUTDOWN-PENDING) or SHUTDOWN ACK (from SHUTDOWN-RECEIVED) goes out.
 */
void nsctp_shutdown_continue(struct nsctp_assoc *asoc)
{
	switch (asoc->state) {
	case SCTP_SHUTDOWN_PENDING:
		nsctp_assoc_set_state(asoc, SCTP_SHUTDOWN_SENT);
		send_shutdown(asoc);
		nsctp_timer_start(asoc, NSCTP_T2);
		nsctp_timer_start(asoc, NSCTP_T5);
		break;
	case SCTP_SHUTDOWN_RECEIVED:
		shutdown_ack_start(asoc);
		break;
	default:
		break;
	}
}

/**
 * nsctp_shutdown_start() - the user ends @asoc gracefully (§9.2)
 * @asoc: the association, socket locked
 *
 * SHUTDOWN-PENDING until what we sent is acknowledged, then SHUTDOWN
 * with T2-shutdown and T5-shutdown-guard running. During setup there is
 * nothing to shut down: the association is aborted.
 */
void nsctp_shutdown_start(struct nsctp_assoc *asoc)
{
	switch (asoc->state) {
	case SCTP_COOKIE_WAIT:
	case SCTP_COOKIE_ECHOED:
		nsctp_abort_assoc(asoc, SCTP_ERROR_USER_ABORT);
		break;
	case SCTP_ESTABLISHED:
		nsctp_timer_stop(asoc, NSCTP_AUTOCLOSE);
		nsctp_assoc_set_state(asoc, SCTP_SHUTDOWN_PENDING);
		/* what is queued still goes, Nagle or not */
		asoc->nagle_held = false;
		nsctp_outq_flush(asoc);
		if (nsctp_outq_empty(asoc))
			nsctp_shutdown_continue(asoc);
		break;
	default:
		/* already shutting down */
		break;
	}
}

/* §9.2: SHUTDOWN from the peer, carrying its cumulative TSN ack. */
void nsctp_sm_shutdown_rcv(struct nsctp_assoc *asoc,
			   const struct sctp_chunkhdr *ch)
{
	struct sock *sk = asoc->sk;
	struct {
		struct sctp_sackhdr	sack;
	} s = {};

	/* Its cumulative TSN ack counts as a SACK without gaps. */
	s.sack.cum_tsn_ack = *(const __be32 *)(ch + 1);
	s.sack.a_rwnd = htonl(asoc->peer_rwnd + asoc->outstanding);
	if (nsctp_ctsn_beyond_sent(asoc, s.sack.cum_tsn_ack))
		return;
	switch (asoc->state) {
	case SCTP_ESTABLISHED:
	case SCTP_SHUTDOWN_PENDING:
		nsctp_assoc_set_state(asoc, SCTP_SHUTDOWN_RECEIVED);
		nsctp_event_shutdown(asoc);
		/* a listener's association waiting for accept() leaves the
		 * listener as it is
		 */
		if (nsctp_one_to_one(sk) && sk->sk_state != TCP_LISTEN) {
			WRITE_ONCE(sk->sk_shutdown,
				   sk->sk_shutdown | RCV_SHUTDOWN);
			inet_sk_set_state(sk, TCP_CLOSE_WAIT);
			sk->sk_state_change(sk);
		}
		nsctp_sack_hdr_rcv(asoc, &s.sack);
		if (!asoc->dead && nsctp_outq_empty(asoc))
			nsctp_shutdown_continue(asoc);
		break;
	case SCTP_SHUTDOWN_RECEIVED:
		nsctp_sack_hdr_rcv(asoc, &s.sack);
		break;
	case SCTP_SHUTDOWN_SENT:
		/* simultaneous shutdown: acknowledge at once */
		shutdown_ack_start(asoc);
		break;
	case SCTP_SHUTDOWN_ACK_SENT:
		/* our SHUTDOWN ACK was lost */
		send_chunk(asoc, SCTP_CID_SHUTDOWN_ACK, 0, NULL, 0);
		break;
	default:
		NSCTP_INC_STATS(sock_net(sk), IN_PKT_DISCARDS);
		break;
	}
}

/* §9.2: SHUTDOWN ACK from the peer. */
void nsctp_sm_shutdown_ack_rcv(struct nsctp_assoc *asoc)
{
	if (asoc->state != SCTP_SHUTDOWN_SENT &&
	    asoc->state != SCTP_SHUTDOWN_ACK_SENT) {
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	}
	send_chunk(asoc, SCTP_CID_SHUTDOWN_COMPLETE, 0, NULL, 0);
	shutdown_done(asoc);
}

/* §9.2: SHUTDOWN COMPLETE from the peer. */
void nsctp_sm_shutdown_complete_rcv(struct nsctp_assoc *asoc)
{
	if (asoc->state != SCTP_SHUTDOWN_ACK_SENT) {
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	}
	shutdown_done(asoc);
}

/**
 * nsctp_sm_bad_shutdown_complete() - a SHUTDOWN COMPLETE bundled (§6.10)
 * @asoc: the association, socket locked (the tag was checked)
 * @ch: the SHUTDOWN COMPLETE chunk, at least its header
 *
 * "INIT, INIT ACK, and SHUTDOWN COMPLETE chunks MUST NOT be bundled with
 * any other chunk in a packet": in SHUTDOWN-ACK-SENT, where it would end
 * the association, the peer broke the protocol; the association ends
 * with an ABORT whose Protocol Violation cause names the chunk, as
 * in-tree's (the user sees SCTP_COMM_LOST, not SCTP_SHUTDOWN_COMP).
 * Elsewhere the packet is discarded, as a lone one would be.
 */
void nsctp_sm_bad_shutdown_complete(struct nsctp_assoc *asoc,
				    const struct sctp_chunkhdr *ch)
{
	struct sctp_chunkhdr hdr = *ch;

	if (asoc->state != SCTP_SHUTDOWN_ACK_SENT) {
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	}
	NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
	asoc->stats.ictrlchunks++;
	nsctp_abort_with(asoc, SCTP_ERROR_PROTO_VIOLATION, &hdr, sizeof(hdr));
}

/* T2 expired with tries left: send the SHUTDOWN or SHUTDOWN ACK again. */
void nsctp_sm_shutdown_retransmit(struct nsctp_assoc *asoc)
{
	if (asoc->state == SCTP_SHUTDOWN_SENT)
		send_shutdown(asoc);
	else if (asoc->state == SCTP_SHUTDOWN_ACK_SENT)
		send_chunk(asoc, SCTP_CID_SHUTDOWN_ACK, 0, NULL, 0);
}
