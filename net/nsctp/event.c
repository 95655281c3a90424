// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications (RFC 6458 §6.1): events the user subscribed to with
 * SCTP_EVENTS or SCTP_EVENT, queued on the socket's receive queue as
 * messages that recvmsg() returns with MSG_NOTIFICATION.
 *
 * A notification is charged to the socket's receive memory but never
 * dropped for lack of it: the user must learn that an association went
 * away even when it stopped reading. Once the socket is closed nobody
 * reads them, and they are not queued at all.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* A notification of @len bytes for @asoc. Its headroom keeps the peer's
 * address as it is now (NSCTP_EVENT_ADDR_ROOM), for recvmsg()'s
 * msg_name once the association is gone (a SHUTDOWN_COMP or COMM_LOST is
 * read after the association ended, as in-tree).
 */
static struct sk_buff *event_alloc(const struct nsctp_assoc *asoc,
				   unsigned int len)
{
	struct sk_buff *skb = alloc_skb(NSCTP_EVENT_ADDR_ROOM + len,
					GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, NSCTP_EVENT_ADDR_ROOM);
	memcpy(skb->head, &asoc->primary->addr, sizeof(union nsctp_addr));
	return skb;
}

static bool subscribed(const struct nsctp_assoc *asoc, u16 type)
{
	return asoc->subscribe & BIT(type - SCTP_SN_TYPE_BASE);
}

/* Queue @skb, a notification for @asoc, on its socket. */
static void event_queue(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sock *sk = asoc->sk;

	if (nsctp_sk(sk)->closed) {
		/* close() ran: nobody is left to read it */
		consume_skb(skb);
		return;
	}
	NSCTP_ULP_CB(skb)->assoc_id = asoc->id;
	NSCTP_ULP_CB(skb)->msg_flags = MSG_NOTIFICATION | MSG_EOR;
	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
}

/**
 * nsctp_event_assoc_change() - SCTP_ASSOC_CHANGE (RFC 6458 §6.1.1)
 * @asoc: the association, socket locked
 * @state: SCTP_COMM_UP, SCTP_COMM_LOST, SCTP_RESTART,
 *	SCTP_SHUTDOWN_COMP or SCTP_CANT_STR_ASSOC
 * @cause: the error cause that ended it (SCTP_ERROR_*), 0 if none
 * @abort: the peer's ABORT chunk that ended it, or NULL
 *
 * As in-tree, sac_error holds the cause code as it is on the wire (a
 * __be16 in a __u16), and only COMM_UP and RESTART report the
 * negotiated stream counts. For COMM_LOST by the peer's ABORT, sac_info[] holds that
 * chunk's error causes, as in-tree (RFC 6458 §6.1.1 says the whole
 * chunk; applications written against Linux expect the causes).
 */
void nsctp_event_assoc_change(struct nsctp_assoc *asoc, u16 state,
			      __be16 cause, const struct sctp_chunkhdr *abort)
{
	u16 ilen = abort ? ntohs(abort->length) - sizeof(*abort) : 0;
	struct sctp_assoc_change *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_ASSOC_CHANGE))
		return;
	skb = event_alloc(asoc, sizeof(*ev) + ilen);
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->sac_type = SCTP_ASSOC_CHANGE;
	ev->sac_length = sizeof(*ev) + ilen;
	ev->sac_state = state;
	ev->sac_error = (__force u16)cause;
	if (state == SCTP_COMM_UP || state == SCTP_RESTART) {
		ev->sac_outbound_streams = asoc->out_streams;
		ev->sac_inbound_streams = asoc->in_streams;
	}
	ev->sac_assoc_id = asoc->id;
	if (ilen)
		skb_put_data(skb, abort + 1, ilen);
	event_queue(asoc, skb);
}

/**
 * nsctp_event_paddr_change() - SCTP_PEER_ADDR_CHANGE (RFC 6458 §6.1.2)
 * @asoc: the association, socket locked
 * @path: the path whose address changed state
 * @state: SCTP_ADDR_CONFIRMED, ... (enum sctp_spc_state)
 * @error: spc_error
 */
void nsctp_event_paddr_change(struct nsctp_assoc *asoc,
			      const struct nsctp_path *path, int state,
			      int error)
{
	struct sctp_paddr_change *ev;
	struct sk_buff *skb;

	trace_nsctp_path_state(asoc, path, state, error);
	if (!subscribed(asoc, SCTP_PEER_ADDR_CHANGE))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->spc_type = SCTP_PEER_ADDR_CHANGE;
	ev->spc_length = sizeof(*ev);
	nsctp_addr_to_user(nsctp_sk(asoc->sk), &path->addr,
			   (struct sockaddr *)&ev->spc_aaddr);
	ev->spc_state = state;
	ev->spc_error = error;
	ev->spc_assoc_id = asoc->id;
	event_queue(asoc, skb);
}

/**
 * nsctp_event_no_auth() - SCTP_AUTHENTICATION_EVENT with SCTP_AUTH_NO_AUTH
 *	(RFC 6458 §6.1.8): the peer does not do AUTH (RFC 4895)
 * @asoc: the association just up, socket locked
 *
 * nsctp has no AUTH, so no peer does it with us; as in-tree, the event
 * follows COMM_UP on both sides when subscribed.
 */
void nsctp_event_no_auth(struct nsctp_assoc *asoc)
{
	struct sctp_authkey_event *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_AUTHENTICATION_EVENT))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->auth_type = SCTP_AUTHENTICATION_EVENT;
	ev->auth_length = sizeof(*ev);
	ev->auth_indication = SCTP_AUTH_NO_AUTH;
	ev->auth_assoc_id = asoc->id;
	event_queue(asoc, skb);
}

/**
 * nsctp_event_shutdown() - SCTP_SHUTDOWN_EVENT (RFC 6458 §6.1.5)
 * @asoc: the association whose peer sent SHUTDOWN, socket locked
 */
void nsctp_event_shutdown(struct nsctp_assoc *asoc)
{
	struct sctp_shutdown_event *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_SHUTDOWN_EVENT))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->sse_type = SCTP_SHUTDOWN_EVENT;
	ev->sse_length = sizeof(*ev);
	ev->sse_assoc_id = asoc->id;
	event_queue(asoc, skb);
}

/* One SCTP_SEND_FAILED (RFC 6458 §6.1.4, deprecated) or
 * SCTP_SEND_FAILED_EVENT (§6.1.11) for @chunk, its payload behind.
 */
static void send_failed_one(struct nsctp_assoc *asoc, struct sk_buff *chunk,
			    bool sent, u32 error, u16 type)
{
	const struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);
	u16 flags = sent ? SCTP_DATA_SENT : SCTP_DATA_UNSENT;
	u32 hdr = nsctp_data_chunk_len(0);
	struct sk_buff *skb;

	if (type == SCTP_SEND_FAILED_EVENT) {
		struct sctp_send_failed_event *ev;

		skb = event_alloc(asoc, sizeof(*ev) + cb->len);
		if (!skb)
			return;
		ev = skb_put_zero(skb, sizeof(*ev));
		ev->ssf_type = SCTP_SEND_FAILED_EVENT;
		ev->ssf_flags = flags;
		ev->ssf_length = sizeof(*ev) + cb->len;
		ev->ssf_error = error;
		ev->ssfe_info.snd_sid = cb->sid;
		ev->ssfe_info.snd_flags = cb->dflags;
		ev->ssfe_info.snd_ppid = (__force u32)cb->ppid;
		ev->ssfe_info.snd_context = cb->context;
		ev->ssfe_info.snd_assoc_id = asoc->id;
		ev->ssf_assoc_id = asoc->id;
	} else {
		struct sctp_send_failed *ev;

		skb = event_alloc(asoc, sizeof(*ev) + cb->len);
		if (!skb)
			return;
		ev = skb_put_zero(skb, sizeof(*ev));
		ev->ssf_type = SCTP_SEND_FAILED;
		ev->ssf_flags = flags;
		ev->ssf_length = sizeof(*ev) + cb->len;
		ev->ssf_error = error;
		ev->ssf_info.sinfo_stream = cb->sid;
		ev->ssf_info.sinfo_flags = cb->dflags;
		ev->ssf_info.sinfo_ppid = (__force u32)cb->ppid;
		ev->ssf_info.sinfo_context = cb->context;
		ev->ssf_info.sinfo_tsn = sent ? cb->tsn : 0;
		ev->ssf_info.sinfo_assoc_id = asoc->id;
		ev->ssf_assoc_id = asoc->id;
	}
	if (skb_copy_bits(chunk, hdr, skb_put(skb, cb->len), cb->len)) {
		kfree_skb(skb);
		return;
	}
	event_queue(asoc, skb);
}

/**
 * nsctp_event_send_failed() - SCTP_SEND_FAILED_EVENT and the older
 *	SCTP_SEND_FAILED (RFC 6458 §6.1.11, §6.1.4)
 * @asoc: the association ending with @chunk undelivered, socket locked
 * @chunk: a DATA chunk of ours (struct nsctp_tx_cb in its cb)
 * @sent: it was sent at least once (SCTP_DATA_SENT), else SCTP_DATA_UNSENT
 * @error: why (positive errno, 0 if none)
 *
 * The notification carries the chunk's payload, so the user can send it
 * again elsewhere. As in-tree, the flags of its send information are
 * the DATA chunk's (SCTP_DATA_UNORDERED, _FIRST_FRAG, _LAST_FRAG, ...):
 * they tell which piece of a message it is (lksctp-tools'
 * test_timetolive reads them so).
 */
void nsctp_event_send_failed(struct nsctp_assoc *asoc, struct sk_buff *chunk,
			     bool sent, u32 error)
{
	/* as in-tree: each that is subscribed, the older first */
	if (subscribed(asoc, SCTP_SEND_FAILED))
		send_failed_one(asoc, chunk, sent, error, SCTP_SEND_FAILED);
	if (subscribed(asoc, SCTP_SEND_FAILED_EVENT))
		send_failed_one(asoc, chunk, sent, error,
				SCTP_SEND_FAILED_EVENT);
}

/**
 * nsctp_event_pd_aborted() - SCTP_PARTIAL_DELIVERY_EVENT (RFC 6458
 *	§6.1.7): the message under partial delivery will never be completed
 * @asoc: the association, ending, socket locked
 * @sid: the stream of that message
 * @ssn: its stream sequence number
 */
void nsctp_event_pd_aborted(struct nsctp_assoc *asoc, u16 sid, u16 ssn)
{
	struct sctp_pdapi_event *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_PARTIAL_DELIVERY_EVENT))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->pdapi_type = SCTP_PARTIAL_DELIVERY_EVENT;
	ev->pdapi_length = sizeof(*ev);
	ev->pdapi_indication = SCTP_PARTIAL_DELIVERY_ABORTED;
	ev->pdapi_assoc_id = asoc->id;
	ev->pdapi_stream = sid;
	ev->pdapi_seq = ssn;
	event_queue(asoc, skb);
}

/**
 * nsctp_event_adaptation() - SCTP_ADAPTATION_INDICATION (RFC 6458
 *	§6.1.6): the peer's INIT or INIT ACK carried an Adaptation Layer
 *	Indication (RFC 5061 §4.2.6)
 * @asoc: the association just up, socket locked
 *
 * As in-tree, it follows COMM_UP (and goes before the AUTH event), and a
 * peer's indication of 0 is taken as none.
 */
void nsctp_event_adaptation(struct nsctp_assoc *asoc)
{
	struct sctp_adaptation_event *ev;
	struct sk_buff *skb;

	if (!asoc->peer_adaptation ||
	    !subscribed(asoc, SCTP_ADAPTATION_INDICATION))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->sai_type = SCTP_ADAPTATION_INDICATION;
	ev->sai_length = sizeof(*ev);
	ev->sai_adaptation_ind = asoc->peer_adaptation;
	ev->sai_assoc_id = asoc->id;
	event_queue(asoc, skb);
}

/**
 * nsctp_event_sender_dry() - SCTP_SENDER_DRY_EVENT (RFC 6458 §6.1.9):
 *	no user data is left to send or retransmit
 * @asoc: the association, socket locked
 */
void nsctp_event_sender_dry(struct nsctp_assoc *asoc)
{
	struct sctp_sender_dry_event *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_SENDER_DRY_EVENT))
		return;
	skb = event_alloc(asoc, sizeof(*ev));
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->sender_dry_type = SCTP_SENDER_DRY_EVENT;
	ev->sender_dry_length = sizeof(*ev);
	ev->sender_dry_assoc_id = asoc->id;
	event_queue(asoc, skb);
}

/**
 * nsctp_event_remote_error() - SCTP_REMOTE_ERROR (RFC 6458 §6.1.3)
 * @asoc: the association the peer's ERROR chunk came on, socket locked
 * @err: one error cause of that chunk
 * @len: the bytes of the cause, its padding included where the packet
 *	holds it
 *
 * As in-tree, one notification per cause: sre_error is its code as on
 * the wire, sre_data the rest of the cause.
 */
void nsctp_event_remote_error(struct nsctp_assoc *asoc,
			      const struct sctp_errhdr *err, unsigned int len)
{
	unsigned int dlen = len - sizeof(*err);
	struct sctp_remote_error *ev;
	struct sk_buff *skb;

	if (!subscribed(asoc, SCTP_REMOTE_ERROR))
		return;
	skb = event_alloc(asoc, sizeof(*ev) + dlen);
	if (!skb)
		return;
	ev = skb_put_zero(skb, sizeof(*ev));
	ev->sre_type = SCTP_REMOTE_ERROR;
	ev->sre_length = sizeof(*ev) + dlen;
	ev->sre_error = err->cause;
	ev->sre_assoc_id = asoc->id;
	skb_put_data(skb, err + 1, dlen);
	event_queue(asoc, skb);
}
