// SPDX-License-Identifier: GPL-2.0
/*
 * The receive side of the data path (RFC 9260 §6.2, §6.5, §6.6, §6.9).
 *
 * Each DATA chunk of a packet is checked against the TSN map (new,
 * duplicate, too far ahead), the stream count and our receive window,
 * then becomes a clone of the packet trimmed to its payload. Fragments
 * wait on asoc->reasm in TSN order until their message is whole; a whole
 * ordered message that is not next on its stream waits on asoc->lobby;
 * everything else goes to the socket's receive queue at once, so one
 * stream never holds up another.
 *
 * A message that cannot be completed within the window (or is larger
 * than SCTP_PARTIAL_DELIVERY_POINT) is delivered in pieces while it
 * arrives (partial delivery, §6.9 and RFC 6458 §8.1.20): no other
 * message of the association is delivered until its last piece.
 *
 * SACKs (§6.2): at once when a packet shows a gap, a duplicate, the I
 * bit, or leaves the window small; otherwise after every sack_freq
 * packets with DATA or sack_delay ms, whichever comes first. A pending
 * SACK rides in the next packet we send.
 *
 * Window accounting: asoc->rwnd_held counts payload bytes received and
 * not yet read by the user; a_rwnd is the window we offered less that.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* Gap blocks and duplicate TSNs one SACK reports at most. */
#define NSCTP_SACK_MAX_GAPS	64
#define NSCTP_SACK_MAX_DUPS	16

static inline bool ssn_lt(u16 a, u16 b)
{
	return (s16)(a - b) < 0;
}

static inline bool tsn_lt_r(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

/**
 * nsctp_inq_init() - the receive side of an association
 * @asoc: the association, its stream counts and the peer's initial TSN
 *	(peer_cum_tsn + 1) known
 * @gfp: allocation context
 *
 * Also sizes the outbound SSN array. Safe to call again (restart).
 * Return: 0 or -ENOMEM.
 */
int nsctp_inq_init(struct nsctp_assoc *asoc, gfp_t gfp)
{
	u16 n = max(asoc->in_streams, asoc->out_streams);

	nsctp_inq_free(asoc);
	asoc->in_ssn = kcalloc(n, sizeof(u16), gfp);
	asoc->out_ssn = kcalloc(n, sizeof(u16), gfp);
	if (!asoc->in_ssn || !asoc->out_ssn ||
	    nsctp_tsnmap_init(&asoc->tsnmap, asoc->peer_cum_tsn + 1, gfp)) {
		nsctp_inq_free(asoc);
		return -ENOMEM;
	}
	asoc->streams_alloc = n;
	asoc->rwnd_init = asoc->local_rwnd;
	asoc->rwnd_adv = asoc->rwnd_init;
	asoc->rwnd_held = 0;
	asoc->data_pkts = 0;
	asoc->pd_active = false;
	return 0;
}

/* Free the receive side: queued fragments, SSN arrays, TSN map. */
void nsctp_inq_free(struct nsctp_assoc *asoc)
{
	__skb_queue_purge(&asoc->reasm);
	__skb_queue_purge(&asoc->lobby);
	kfree(asoc->in_ssn);
	kfree(asoc->out_ssn);
	asoc->in_ssn = NULL;
	asoc->out_ssn = NULL;
	asoc->streams_alloc = 0;
	nsctp_tsnmap_free(&asoc->tsnmap);
}

/**
 * nsctp_rwnd_now() - the receive window to advertise now
 * @asoc: the association
 *
 * Return: bytes.
 */
u32 nsctp_rwnd_now(const struct nsctp_assoc *asoc)
{
	return asoc->rwnd_init > asoc->rwnd_held ?
	       asoc->rwnd_init - asoc->rwnd_held : 0;
}

static u32 pmtu_of(const struct nsctp_assoc *asoc)
{
	return asoc->primary->pmtu;
}

/* Put a message on the socket's receive queue. */
static void ulp_queue(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sock *sk = asoc->sk;

	NSCTP_ULP_CB(skb)->assoc_id = asoc->id;
	NSCTP_ULP_CB(skb)->msg_flags &= MSG_EOR;	/* the B/E bits go */
	NSCTP_ULP_CB(skb)->cumtsn = nsctp_tsnmap_cum(&asoc->tsnmap);
	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
}

/* Is the whole message @skb next on its stream (or unordered)? */
static bool in_order(const struct nsctp_assoc *asoc, const struct sk_buff *skb)
{
	const struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);

	return (u->flags & SCTP_UNORDERED) || u->ssn == asoc->in_ssn[u->sid];
}

/* The ordered message after @sid's current one, if it waits in the lobby. */
static struct sk_buff *lobby_next(struct nsctp_assoc *asoc, u16 sid)
{
	struct sk_buff *skb;

	skb_queue_walk(&asoc->lobby, skb) {
		const struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);

		if (u->sid == sid && in_order(asoc, skb))
			return skb;
	}
	return NULL;
}

static void deliver_in_order(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);
	u16 sid = u->sid;

	if (u->flags & SCTP_UNORDERED) {
		ulp_queue(asoc, skb);
		return;
	}
	asoc->in_ssn[sid]++;
	ulp_queue(asoc, skb);
	/* what waited for it on the same stream */
	while ((skb = lobby_next(asoc, sid))) {
		__skb_unlink(skb, &asoc->lobby);
		asoc->in_ssn[sid]++;
		ulp_queue(asoc, skb);
	}
}

/* Keep @skb in the lobby, ordered by stream then SSN. */
static void lobby_add(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	const struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);
	struct sk_buff *pos;

	skb_queue_reverse_walk(&asoc->lobby, pos) {
		const struct nsctp_ulp_cb *p = NSCTP_ULP_CB(pos);

		if (p->sid < u->sid ||
		    (p->sid == u->sid && !ssn_lt(u->ssn, p->ssn))) {
			__skb_queue_after(&asoc->lobby, pos, skb);
			return;
		}
	}
	__skb_queue_head(&asoc->lobby, skb);
}

/* A whole message: to the user now, or to the lobby. */
static void msg_ready(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	NSCTP_ULP_CB(skb)->msg_flags |= MSG_EOR;
	if (asoc->pd_active || !in_order(asoc, skb)) {
		lobby_add(asoc, skb);
		return;
	}
	deliver_in_order(asoc, skb);
}

/* Partial delivery ended: deliver what waited meanwhile. */
static void lobby_drain(struct nsctp_assoc *asoc)
{
	struct sk_buff *skb, *tmp;
	bool again = true;

	while (again && !asoc->pd_active) {
		again = false;
		skb_queue_walk_safe(&asoc->lobby, skb, tmp) {
			if (!in_order(asoc, skb))
				continue;
			__skb_unlink(skb, &asoc->lobby);
			deliver_in_order(asoc, skb);
			again = true;
			break;
		}
	}
}

/* Chain the fragments @first..@last (consecutive on reasm) into one
 * message. Return: the message, or NULL without memory (they stay).
 */
static struct sk_buff *reasm_collect(struct nsctp_assoc *asoc,
				     struct sk_buff *first,
				     struct sk_buff *last)
{
	struct sk_buff *head, *skb, *next, **tail;

	if (first == last) {
		__skb_unlink(first, &asoc->reasm);
		return first;
	}
	head = alloc_skb(0, GFP_ATOMIC);
	if (!head)
		return NULL;
	memcpy(head->cb, first->cb, sizeof(head->cb));
	tail = &skb_shinfo(head)->frag_list;
	for (skb = first;; skb = next) {
		next = skb_peek_next(skb, &asoc->reasm);
		__skb_unlink(skb, &asoc->reasm);
		skb->next = NULL;
		*tail = skb;
		tail = &skb->next;
		head->len += skb->len;
		head->data_len += skb->len;
		head->truesize += skb->truesize;
		if (skb == last)
			break;
	}
	NSCTP_INC_STATS(sock_net(asoc->sk), REASMUSRMSGS);
	return head;
}

/* Insert fragment @skb into reasm by TSN. Return: true if it went last. */
static bool reasm_insert(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	u32 tsn = NSCTP_ULP_CB(skb)->tsn;
	struct sk_buff *pos;

	skb_queue_reverse_walk(&asoc->reasm, pos) {
		if (tsn_lt_r(NSCTP_ULP_CB(pos)->tsn, tsn)) {
			bool last = pos == skb_peek_tail(&asoc->reasm);

			__skb_queue_after(&asoc->reasm, pos, skb);
			return last;
		}
	}
	__skb_queue_head(&asoc->reasm, skb);
	return skb_queue_len(&asoc->reasm) == 1;
}

static u8 dflags_of(const struct sk_buff *skb)
{
	return NSCTP_ULP_CB(skb)->msg_flags >> 24;
}

/* The fragment run around @at from a FIRST to a LAST, if complete. */
static bool reasm_find(struct nsctp_assoc *asoc, struct sk_buff *at,
		       struct sk_buff **first, struct sk_buff **last)
{
	struct sk_buff *skb = at, *prev, *next;

	while (!(dflags_of(skb) & SCTP_DATA_FIRST_FRAG)) {
		prev = skb->prev == (struct sk_buff *)&asoc->reasm ? NULL :
		       skb->prev;
		if (!prev || NSCTP_ULP_CB(prev)->tsn + 1 !=
			     NSCTP_ULP_CB(skb)->tsn ||
		    (dflags_of(prev) & SCTP_DATA_LAST_FRAG))
			return false;
		skb = prev;
	}
	*first = skb;
	skb = at;
	while (!(dflags_of(skb) & SCTP_DATA_LAST_FRAG)) {
		next = skb_peek_next(skb, &asoc->reasm);
		if (!next || NSCTP_ULP_CB(skb)->tsn + 1 !=
			     NSCTP_ULP_CB(next)->tsn ||
		    (dflags_of(next) & SCTP_DATA_FIRST_FRAG))
			return false;
		skb = next;
	}
	*last = skb;
	return true;
}

/* Partial delivery: hand the user the consecutive fragments that follow
 * the ones it already has.
 */
static void pd_push(struct nsctp_assoc *asoc)
{
	struct sk_buff *skb;

	while (asoc->pd_active && (skb = skb_peek(&asoc->reasm)) &&
	       NSCTP_ULP_CB(skb)->tsn == asoc->pd_next) {
		bool last = dflags_of(skb) & SCTP_DATA_LAST_FRAG;

		__skb_unlink(skb, &asoc->reasm);
		asoc->pd_next++;
		if (last) {
			NSCTP_ULP_CB(skb)->msg_flags |= MSG_EOR;
			asoc->pd_active = false;
			if (!(NSCTP_ULP_CB(skb)->flags & SCTP_UNORDERED))
				asoc->in_ssn[asoc->pd_sid]++;
		}
		ulp_queue(asoc, skb);
	}
	if (!asoc->pd_active)
		lobby_drain(asoc);
}

/* Start partial delivery if the first message on reasm must (§6.9):
 * it is next on its stream and either the window is nearly full or it
 * reached SCTP_PARTIAL_DELIVERY_POINT.
 */
static void pd_maybe_start(struct nsctp_assoc *asoc)
{
	u32 pd_point = nsctp_sk(asoc->sk)->opts.pd_point;
	struct sk_buff *first = skb_peek(&asoc->reasm), *skb;
	u32 run = 0, tsn;

	if (asoc->pd_active || !first ||
	    !(dflags_of(first) & SCTP_DATA_FIRST_FRAG) ||
	    !in_order(asoc, first))
		return;
	if (nsctp_rwnd_now(asoc) >= pmtu_of(asoc) &&
	    (!pd_point || asoc->rwnd_held < pd_point))
		return;
	tsn = NSCTP_ULP_CB(first)->tsn;
	skb_queue_walk(&asoc->reasm, skb) {
		if (NSCTP_ULP_CB(skb)->tsn != tsn)
			break;
		run += skb->len;
		tsn++;
	}
	if (pd_point && run < pd_point && nsctp_rwnd_now(asoc) >= pmtu_of(asoc))
		return;
	asoc->pd_active = true;
	asoc->pd_sid = NSCTP_ULP_CB(first)->sid;
	asoc->pd_ssn = NSCTP_ULP_CB(first)->ssn;
	asoc->pd_next = NSCTP_ULP_CB(first)->tsn;
	pd_push(asoc);
}

/* A new fragment. */
static void reasm_add(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sk_buff *first, *last, *msg;
	bool at_end = reasm_insert(asoc, skb);

	if (asoc->pd_active) {
		pd_push(asoc);
		if (asoc->pd_active)
			return;
	}
	/* Appended in order, only a LAST fragment completes a message. */
	if ((!at_end || (dflags_of(skb) & SCTP_DATA_LAST_FRAG)) &&
	    reasm_find(asoc, skb, &first, &last)) {
		msg = reasm_collect(asoc, first, last);
		if (msg)
			msg_ready(asoc, msg);
		return;
	}
	pd_maybe_start(asoc);
}

/* §6.5: DATA for a stream that does not exist. */
static void send_invalid_stream(struct nsctp_assoc *asoc,
				const struct sctp_datahdr *dh)
{
	struct net *net = sock_net(asoc->sk);
	struct {
		struct sctp_errhdr	err;
		__be16			sid;
		__be16			reserved;
	} *e;
	struct nsctp_flow f;
	struct sk_buff *skb;

	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag,
			      sizeof(struct sctp_chunkhdr) + sizeof(*e));
	if (!skb)
		return;
	e = nsctp_put_chunk(skb, SCTP_CID_ERROR, 0, sizeof(*e));
	e->err.cause = SCTP_ERROR_INV_STRM;
	e->err.length = htons(sizeof(*e));
	e->sid = dh->stream;
	nsctp_pkt_send(net, &f, skb);
}

/* §6.2: may DATA be taken in this state? */
static bool data_accepted(const struct nsctp_assoc *asoc)
{
	return asoc->state == SCTP_ESTABLISHED ||
	       asoc->state == SCTP_SHUTDOWN_PENDING ||
	       asoc->state == SCTP_SHUTDOWN_SENT;
}

/**
 * nsctp_sm_data_rcv() - one DATA chunk for @asoc
 * @asoc: the association, socket locked
 * @skb: the packet it came in (linear, validated)
 * @ch: the chunk; its length is at least a DATA header
 */
void nsctp_sm_data_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
		       const struct sctp_chunkhdr *ch)
{
	const struct sctp_datahdr *dh = (const void *)(ch + 1);
	u32 rcvbuf = READ_ONCE(asoc->sk->sk_rcvbuf);
	u32 len = ntohs(ch->length) - nsctp_data_chunk_len(0);
	struct net *net = sock_net(asoc->sk);
	u32 tsn = ntohl(dh->tsn);
	struct nsctp_ulp_cb *u;
	struct sk_buff *clone;

	if (!data_accepted(asoc)) {
		NSCTP_INC_STATS(net, IN_DATA_CHUNK_DISCARDS);
		return;
	}
	asoc->data_seen = true;
	if (!len) {
		/* §6.2: a DATA chunk without user data ends the association */
		nsctp_abort_with(asoc, SCTP_ERROR_NO_DATA, &dh->tsn,
				 sizeof(dh->tsn));
		return;
	}
	if (ch->flags & SCTP_DATA_SACK_IMM)
		asoc->sack_now = true;
	switch (nsctp_tsnmap_check(&asoc->tsnmap, tsn)) {
	case NSCTP_TSN_NEW:
		break;
	case NSCTP_TSN_DUP:
		nsctp_tsnmap_note_dup(&asoc->tsnmap, tsn);
		asoc->sack_now = true;
		return;
	default:
		NSCTP_INC_STATS(net, IN_DATA_CHUNK_DISCARDS);
		asoc->sack_now = true;
		return;
	}
	if (ntohs(dh->stream) >= asoc->in_streams) {
		/* §6.5: report it, and acknowledge the TSN all the same */
		send_invalid_stream(asoc, dh);
		if (!nsctp_tsnmap_mark(&asoc->tsnmap, tsn, GFP_ATOMIC))
			asoc->sack_now = true;
		return;
	}
	/* §6.2: beyond the window we offered (the receive buffer) only
	 * the very next TSN is taken (it lets the user's reads go on), and
	 * not beyond twice the buffer.
	 */
	if (asoc->rwnd_held + len > rcvbuf &&
	    (tsn != nsctp_tsnmap_cum(&asoc->tsnmap) + 1 ||
	     asoc->rwnd_held + len > 2 * rcvbuf)) {
		NSCTP_INC_STATS(net, IN_DATA_CHUNK_DISCARDS);
		asoc->sack_now = true;
		return;
	}
	clone = skb_clone(skb, GFP_ATOMIC);
	if (!clone)
		goto nomem;
	/* the headers are linear (input.c); the payload may not be */
	__skb_pull(clone, (const u8 *)(dh + 1) - skb->data);
	if ((clone->len > len && pskb_trim(clone, len)) ||
	    nsctp_tsnmap_mark(&asoc->tsnmap, tsn, GFP_ATOMIC)) {
		kfree_skb(clone);
		goto nomem;
	}
	/* Charged by its payload, not by the packet it shares. */
	clone->truesize = SKB_TRUESIZE(len);
	u = NSCTP_ULP_CB(clone);
	memset(u, 0, sizeof(*u));
	u->tsn = tsn;
	u->sid = ntohs(dh->stream);
	u->ssn = ntohs(dh->ssn);
	u->ppid = (__force __be32)dh->ppid;
	u->msg_flags = (u32)ch->flags << 24;	/* B/E bits until delivery */
	if (ch->flags & SCTP_DATA_UNORDERED) {
		u->flags = SCTP_UNORDERED;
		NSCTP_INC_STATS(net, INUNORDERCHUNKS);
	} else {
		NSCTP_INC_STATS(net, INORDERCHUNKS);
	}
	asoc->rwnd_held += len;
	if (nsctp_tsnmap_has_gaps(&asoc->tsnmap))
		asoc->sack_now = true;
	if ((ch->flags & SCTP_DATA_NOT_FRAG) == SCTP_DATA_NOT_FRAG)
		msg_ready(asoc, clone);
	else
		reasm_add(asoc, clone);
	return;
nomem:
	/* not marked: the peer retransmits it */
	NSCTP_INC_STATS(net, IN_DATA_CHUNK_DISCARDS);
	asoc->sack_now = true;
}

/**
 * nsctp_sm_data_done() - a packet with DATA was processed: SACK policy
 * @asoc: the association, socket locked
 */
void nsctp_sm_data_done(struct nsctp_assoc *asoc)
{
	const struct nsctp_opts *o = &nsctp_sk(asoc->sk)->opts;

	if (!asoc->data_seen || asoc->dead)
		return;
	asoc->data_seen = false;
	nsctp_timer_start(asoc, NSCTP_AUTOCLOSE);
	asoc->sack_due = true;
	/* A window that got small must be reported before the sender
	 * stalls on it.
	 */
	if (nsctp_rwnd_now(asoc) < asoc->rwnd_init / 2)
		asoc->sack_now = true;
	/* in a batch (input.c), sack_freq counts at its end */
	if (asoc->sack_now || !o->sack_delay ||
	    (++asoc->data_pkts >= o->sack_freq && !asoc->rx_batch)) {
		nsctp_outq_flush(asoc);
	} else if (!timer_pending(&asoc->timers[NSCTP_SACK])) {
		nsctp_timer_start(asoc, NSCTP_SACK);
	}
	/* §9.2: in SHUTDOWN-SENT, every packet with DATA gets a SHUTDOWN */
	if (asoc->state == SCTP_SHUTDOWN_SENT)
		nsctp_shutdown_resend(asoc);
}

/**
 * nsctp_sack_len() - the bytes the SACK to send now will take
 * @asoc: the association
 *
 * Return: the SACK chunk's length, padding included.
 */
unsigned int nsctp_sack_len(const struct nsctp_assoc *asoc)
{
	struct nsctp_gap gaps[NSCTP_SACK_MAX_GAPS];
	unsigned int n;

	n = nsctp_tsnmap_gaps(&asoc->tsnmap, gaps, NSCTP_SACK_MAX_GAPS);
	return sizeof(struct sctp_chunkhdr) + sizeof(struct sctp_sackhdr) +
	       n * sizeof(struct sctp_gap_ack_block) +
	       NSCTP_SACK_MAX_DUPS * sizeof(__be32);
}

/**
 * nsctp_sack_put() - append our SACK to a packet being built
 * @asoc: the association, socket locked
 * @skb: the packet, with at least nsctp_sack_len() bytes of tailroom
 */
void nsctp_sack_put(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct nsctp_gap gaps[NSCTP_SACK_MAX_GAPS];
	u32 dups[NSCTP_SACK_MAX_DUPS];
	struct sctp_sackhdr *sack;
	unsigned int ng, nd, i;
	__be32 *p;

	ng = nsctp_tsnmap_gaps(&asoc->tsnmap, gaps, NSCTP_SACK_MAX_GAPS);
	nd = nsctp_tsnmap_take_dups(&asoc->tsnmap, dups, NSCTP_SACK_MAX_DUPS);
	sack = nsctp_put_chunk(skb, SCTP_CID_SACK, 0,
			       sizeof(*sack) + 4 * (ng + nd));
	sack->cum_tsn_ack = htonl(nsctp_tsnmap_cum(&asoc->tsnmap));
	asoc->rwnd_adv = nsctp_rwnd_now(asoc);
	sack->a_rwnd = htonl(asoc->rwnd_adv);
	sack->num_gap_ack_blocks = htons(ng);
	sack->num_dup_tsns = htons(nd);
	for (i = 0; i < ng; i++) {
		sack->variable[i].gab.start = htons(gaps[i].start);
		sack->variable[i].gab.end = htons(gaps[i].end);
	}
	p = (__be32 *)&sack->variable[ng];
	for (i = 0; i < nd; i++)
		p[i] = htonl(dups[i]);
	asoc->sack_due = false;
	asoc->sack_now = false;
	asoc->data_pkts = 0;
	nsctp_timer_stop(asoc, NSCTP_SACK);
	NSCTP_INC_STATS(sock_net(asoc->sk), OUTCTRLCHUNKS);
}

/**
 * nsctp_send_sack() - send a SACK now (with whatever DATA may go along)
 * @asoc: the association, socket locked
 *
 * Return: 0.
 */
int nsctp_send_sack(struct nsctp_assoc *asoc)
{
	asoc->sack_due = true;
	nsctp_outq_flush(asoc);
	return 0;
}

void nsctp_sack_timer_expired(struct nsctp_assoc *asoc)
{
	if (asoc->sack_due)
		nsctp_send_sack(asoc);
}

/**
 * nsctp_rwnd_read() - the user read @bytes of association @id's data
 * @sk: the socket, locked
 * @id: the association the data came from
 * @bytes: payload bytes consumed
 *
 * Reopens the window, and tells the peer when it grew by enough to
 * matter (a window update SACK).
 */
void nsctp_rwnd_read(struct sock *sk, sctp_assoc_t id, u32 bytes)
{
	struct nsctp_assoc *asoc = nsctp_assoc_by_id(sk, id);
	u32 now, step;

	if (!asoc || !asoc->in_ssn)
		return;
	asoc->rwnd_held -= min(asoc->rwnd_held, bytes);
	if (!data_accepted(asoc))
		return;
	now = nsctp_rwnd_now(asoc);
	/* an update is worth a packet once the window grew by a good part
	 * of itself (or of a packet, where packets are small)
	 */
	step = max(asoc->rwnd_init >>
		   nsctp_pernet(sock_net(sk))->params.rwnd_update_shift,
		   min(pmtu_of(asoc), asoc->rwnd_init / 4));
	if (now > asoc->rwnd_adv && now - asoc->rwnd_adv >= step)
		nsctp_send_sack(asoc);
	if (asoc->pd_active || !skb_queue_empty(&asoc->reasm))
		pd_maybe_start(asoc);
}
