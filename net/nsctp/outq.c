// SPDX-License-Identifier: GPL-2.0
/*
 * The send side of the data path (RFC 9260 §6.1 - §6.3, §7).
 *
 * sendmsg() puts a message's DATA chunks on asoc->out_queue; they get a
 * TSN (and the message its SSN) when first sent, move to asoc->out_sent
 * and stay there, in TSN order, until a SACK's cumulative TSN ack covers
 * them. A chunk's state bits (struct nsctp_tx_cb) say whether it is in
 * flight, gap-acked or waiting to be retransmitted.
 *
 * nsctp_outq_flush() packs what may go now into packets: a pending SACK
 * first, then chunks marked for retransmission, then new chunks, as the
 * congestion window, the peer's receive window, Max.Burst and Nagle
 * allow. Chunks are attached to the packet by page reference, never
 * copied.
 *
 * SACK processing frees what the cumulative ack covers (cost: the chunks
 * freed), then walks the sent queue only as far as the highest gap block
 * reaches, counting miss indications for fast retransmit (§7.2.4).
 *
 * Everything here runs with the socket locked (lock_sock() or
 * bh_lock_sock() not owned by the user).
 */
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

static inline bool tsn_lt(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static inline bool tsn_le(u32 a, u32 b)
{
	return (s32)(a - b) <= 0;
}

static const struct nsctp_cc_ops *cc(const struct nsctp_assoc *asoc)
{
	return &nsctp_cc_reno;
}

/* IP and SCTP common header bytes of each packet of @asoc. */
static u32 pkt_overhead(const struct nsctp_assoc *asoc)
{
	u32 ip = asoc->primary->addr.sa.sa_family == AF_INET6 ?
		 sizeof(struct ipv6hdr) : sizeof(struct iphdr);

	return ip + sizeof(struct sctphdr);
}

/**
 * nsctp_frag_point() - the largest DATA payload that fits in one packet
 * @asoc: the association
 *
 * Return: bytes, a multiple of 4, bounded by SCTP_MAXSEG if set.
 */
u32 nsctp_frag_point(const struct nsctp_assoc *asoc)
{
	u32 maxseg = asoc->aopts.maxseg;
	u32 fp = asoc->primary->pmtu - pkt_overhead(asoc) -
		 nsctp_data_chunk_len(0);

	if (maxseg && maxseg < fp)
		fp = maxseg;
	/* the chunk length field has 16 bits */
	fp = min_t(u32, fp, U16_MAX - nsctp_data_chunk_len(0));
	return max_t(u32, fp & ~3U, 4);
}

bool nsctp_outq_empty(const struct nsctp_assoc *asoc)
{
	return skb_queue_empty(&asoc->out_queue) &&
	       skb_queue_empty(&asoc->out_sent);
}

/* Release the send buffer space @chunk was charged and free it. */
static void chunk_free(struct nsctp_assoc *asoc, struct sk_buff *chunk)
{
	struct sock *sk = asoc->sk;

	asoc->sndbuf_used -= chunk->truesize;
	WRITE_ONCE(sk->sk_wmem_queued, sk->sk_wmem_queued - chunk->truesize);
	sk_mem_uncharge(sk, chunk->truesize);
	nsctp_chunk_release(chunk);
}

/* A chunk leaves the flight (acked, or to be retransmitted). */
static void chunk_unfly(struct nsctp_assoc *asoc, struct sk_buff *chunk)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

	if (!(cb->state & NSCTP_TX_INFLIGHT))
		return;
	cb->state &= ~NSCTP_TX_INFLIGHT;
	cb->path->flight -= min(cb->path->flight, cb->len);
	asoc->outstanding -= min(asoc->outstanding, cb->len);
}

/* Nothing is in flight any more: counters, RTT timing, T3 on every path. */
static void outq_no_flight(struct nsctp_assoc *asoc)
{
	struct nsctp_path *path;

	asoc->outstanding = 0;
	asoc->rtx_count = 0;
	list_for_each_entry(path, &asoc->paths, list) {
		path->flight = 0;
		path->rtt_on = false;
		nsctp_t3_stop(path);
	}
}

/**
 * nsctp_outq_purge() - drop every chunk of @asoc (it ends)
 * @asoc: the association
 * @error: why, for the send-failed notifications (positive errno or 0)
 */
void nsctp_outq_purge(struct nsctp_assoc *asoc, int error)
{
	struct sk_buff *chunk;

	while ((chunk = __skb_dequeue(&asoc->out_sent))) {
		nsctp_event_send_failed(asoc, chunk, true, error);
		chunk_free(asoc, chunk);
	}
	while ((chunk = __skb_dequeue(&asoc->out_queue))) {
		nsctp_event_send_failed(asoc, chunk, false, error);
		chunk_free(asoc, chunk);
	}
	asoc->out_queued = 0;
	asoc->sack_nprev = 0;
	outq_no_flight(asoc);
	asoc->sk->sk_write_space(asoc->sk);
}

/**
 * nsctp_outq_free() - the last of the send side, the association is freed
 * @asoc: the association, its queues purged
 */
void nsctp_outq_free(struct nsctp_assoc *asoc)
{
	kfree(asoc->sent_ring);
	asoc->sent_ring = NULL;
	kfree(asoc->pr_sid_abandoned);
	asoc->pr_sid_abandoned = NULL;
	asoc->pr_sids = 0;
}

/* A message of the policy SCTP_PR_SCTP_TTL on stream @sid was abandoned
 * unsent: count it for SCTP_PR_*_STATUS. The stream's counters come with
 * the first (GFP_ATOMIC: T3 and SACKs flush in softirq); without memory
 * only the association's count grows.
 */
static void pr_count_abandoned(struct nsctp_assoc *asoc, u16 sid)
{
	asoc->pr_abandoned++;
	if (!asoc->pr_sid_abandoned && asoc->out_streams) {
		asoc->pr_sid_abandoned = kcalloc(asoc->out_streams, sizeof(u32),
						 GFP_ATOMIC);
		if (asoc->pr_sid_abandoned)
			asoc->pr_sids = asoc->out_streams;
	}
	if (sid < asoc->pr_sids)
		asoc->pr_sid_abandoned[sid]++;
}

/* Room on the TSN ring for one more sent chunk; it doubles when full
 * (GFP_ATOMIC: the flush may run in softirq). Return: false if there is
 * none, and the chunk waits.
 */
static bool sent_ring_room(struct nsctp_assoc *asoc)
{
	u32 used = skb_queue_len(&asoc->out_sent), size, t;
	struct sk_buff **ring;

	size = asoc->sent_ring ? asoc->sent_mask + 1 : 0;
	if (used < size)
		return true;
	size = size ? size * 2 : 64;
	if (size > SZ_1M)
		return false;
	ring = kcalloc(size, sizeof(*ring), GFP_ATOMIC | __GFP_NOWARN);
	if (!ring)
		return false;
	for (t = asoc->ctsn_ack + 1; used--; t++)
		ring[t & (size - 1)] = asoc->sent_ring[t & asoc->sent_mask];
	kfree(asoc->sent_ring);
	asoc->sent_ring = ring;
	asoc->sent_mask = size - 1;
	return true;
}

/* The sent chunk with TSN @tsn, or NULL if it is not outstanding. */
static struct sk_buff *sent_at(const struct nsctp_assoc *asoc, u32 tsn)
{
	struct sk_buff *chunk;

	if (!tsn_lt(asoc->ctsn_ack, tsn) || !tsn_lt(tsn, asoc->next_tsn) ||
	    !asoc->sent_ring)
		return NULL;
	chunk = asoc->sent_ring[tsn & asoc->sent_mask];
	/* the ring holds every TSN in that range; never trust it blindly */
	if (!chunk || NSCTP_TX_CB(chunk)->tsn != tsn)
		return NULL;
	return chunk;
}

/**
 * nsctp_outq_purge_sent() - forget what was sent, keep what waits
 * @asoc: the association, set up anew with the same queue (§5.2.4 B)
 */
void nsctp_outq_purge_sent(struct nsctp_assoc *asoc)
{
	struct sk_buff *chunk;

	while ((chunk = __skb_dequeue(&asoc->out_sent)))
		chunk_free(asoc, chunk);
	asoc->sack_nprev = 0;
	outq_no_flight(asoc);
}

/**
 * nsctp_outq_init() - the send side of a new association
 * @asoc: the association, with its stream counts known
 *
 * Return: 0 or -ENOMEM.
 */
int nsctp_outq_init(struct nsctp_assoc *asoc)
{
	struct nsctp_path *path;

	asoc->ctsn_ack = asoc->next_tsn - 1;
	asoc->sack_nprev = 0;
	list_for_each_entry(path, &asoc->paths, list)
		cc(asoc)->init(path);
	return 0;
}

/* A packet being filled. Where the route's device can take it (and
 * nsctp holds the offload slot, offload.c), a run of full packets
 * becomes one GSO packet: @skb is then its head, holding only the
 * headers, and each packet is an skb on the head's frag_list, @seg the
 * one being filled. A single packet is never a GSO packet.
 */
struct nsctp_pkt {
	struct sk_buff		*skb;	/* the packet, or the GSO head */
	struct sk_buff		*seg;	/* GSO: the packet being filled */
	struct nsctp_flow	f;
	u32			room;	/* bytes of chunks that still fit */
	u32			ndata;	/* DATA chunks in the packet */
	u32			gso_max; /* GSO: bound on @skb->len; 0: no GSO */
	u16			gso_segs; /* GSO: the device's segment bound */
	u16			segs;	/* packets so far */
	bool			seg_next; /* the next chunk opens a packet */
	bool			cookie;	/* the COOKIE ECHO goes first, and
					 * this is the only packet (§5.1 D)
					 */
};

/* Bytes of chunks a packet on the primary path holds. */
static u32 pkt_room(const struct nsctp_assoc *asoc)
{
	return asoc->primary->pmtu - pkt_overhead(asoc);
}

/* How long a GSO packet through @skb's device may be (transport header
 * on), or 0 where GSO does not pay: without scatter-gather, or when two
 * packets do not fit in one (loopback's 64 KiB MTU).
 */
static u32 gso_limit(const struct nsctp_assoc *asoc, const struct sk_buff *skb,
		     u16 *segs)
{
	const struct net_device *dev = skb_dst(skb)->dev;
	u32 max;

	if (!nsctp_gso_enabled(asoc->primary->addr.sa.sa_family) ||
	    !(dev->features & NETIF_F_SG))
		return 0;
	max = min_t(u32, READ_ONCE(dev->gso_max_size), GSO_LEGACY_MAX_SIZE);
	max -= min_t(u32, max, LL_RESERVED_SPACE(dev) + pkt_overhead(asoc));
	*segs = min_t(u32, READ_ONCE(dev->gso_max_segs), U16_MAX);
	/* No more than a quarter of the congestion window (two packets at
	 * least) in one GSO packet, as TCP sizes its TSO packets by its
	 * rate: a qdisc (netem, a policer, codel) drops or delays a GSO
	 * packet as a whole, and a window sent as one packet is lost, or
	 * acknowledged, at one stroke, which only T3 (an RTO of a second
	 * or more) repairs. At speed the window is far above 64 KiB.
	 */
	*segs = min_t(u32, *segs,
		      max_t(u32, 2, asoc->primary->cwnd /
				    (4 * asoc->primary->pmtu)));
	if (max < 2 * pkt_room(asoc) || *segs < 2)
		return 0;
	return max;
}

/* The COOKIE ECHO and the ERROR that may follow it (§3.2.1: the INIT
 * ACK's unrecognized parameters), as nsctp_sm_init_ack_rcv() kept them
 * in @asoc->ctrl: their length in a packet, padded.
 */
static unsigned int cookie_echo_len(const struct nsctp_assoc *asoc)
{
	unsigned int len = ALIGN(sizeof(struct sctp_chunkhdr) +
				 asoc->ctrl_len, 4);

	if (asoc->ctrl_err_len)
		len += ALIGN(sizeof(struct sctp_chunkhdr) +
			     asoc->ctrl_err_len, 4);
	return len;
}

static void cookie_echo_put(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	memcpy(nsctp_put_chunk(skb, SCTP_CID_COOKIE_ECHO, 0, asoc->ctrl_len),
	       asoc->ctrl, asoc->ctrl_len);
	if (asoc->ctrl_err_len)
		memcpy(nsctp_put_chunk(skb, SCTP_CID_ERROR, 0,
				       asoc->ctrl_err_len),
		       asoc->ctrl + asoc->ctrl_len, asoc->ctrl_err_len);
}

static bool pkt_open(struct nsctp_assoc *asoc, struct nsctp_pkt *p)
{
	unsigned int sack = asoc->sack_due ? nsctp_sack_len(asoc) : 0;
	unsigned int cack = asoc->cookie_ack_due ?
			    sizeof(struct sctp_chunkhdr) : 0;
	unsigned int shut = asoc->shutdown_due ?
			    sizeof(struct sctp_chunkhdr) + sizeof(__be32) : 0;
	unsigned int echo = p->cookie ? cookie_echo_len(asoc) : 0;
	struct sk_buff *err = asoc->rx_err;
	unsigned int elen = 0;

	if (err) {
		/* the ERROR chunk (padded) of the packet the SACK is for */
		asoc->rx_err = NULL;
		elen = err->len - skb_transport_offset(err) -
		       sizeof(struct sctphdr);
		if (echo + cack + shut + elen + sack > pkt_room(asoc)) {
			nsctp_rcv_error_send(asoc, err);
			err = NULL;
			elen = 0;
		}
	}

	nsctp_assoc_flow(asoc, &p->f);
	p->skb = nsctp_pkt_start(sock_net(asoc->sk), &p->f, asoc->peer_vtag,
				 echo + cack + shut + elen + sack);
	if (!p->skb) {
		if (err)
			nsctp_rcv_error_send(asoc, err);
		return false;
	}
	if (echo) {
		cookie_echo_put(asoc, p->skb);
		NSCTP_INC_STATS(sock_net(asoc->sk), OUTCTRLCHUNKS);
		asoc->stats.octrlchunks++;
	}
	/* §5.1 D, E: a COOKIE ACK goes first, the SACK of the DATA that
	 * came with the COOKIE ECHO in the same packet
	 */
	if (cack) {
		nsctp_put_chunk(p->skb, SCTP_CID_COOKIE_ACK, 0, 0);
		asoc->cookie_ack_due = false;
		NSCTP_INC_STATS(sock_net(asoc->sk), OUTCTRLCHUNKS);
		asoc->stats.octrlchunks++;
	}
	/* §9.2: in SHUTDOWN-SENT, DATA is answered with a SHUTDOWN, here
	 * with the SACK for it
	 */
	if (shut) {
		__be32 *cum = nsctp_put_chunk(p->skb, SCTP_CID_SHUTDOWN, 0,
					      sizeof(*cum));

		*cum = htonl(nsctp_tsnmap_cum(&asoc->tsnmap));
		asoc->shutdown_due = false;
		NSCTP_INC_STATS(sock_net(asoc->sk), OUTCTRLCHUNKS);
		asoc->stats.octrlchunks++;
	}
	if (err) {
		skb_put_data(p->skb, skb_transport_header(err) +
			     sizeof(struct sctphdr), elen);
		consume_skb(err);
		asoc->stats.octrlchunks++;	/* one ERROR (sm.c) */
	}
	p->seg = NULL;
	p->seg_next = false;
	p->segs = 1;
	p->room = pkt_room(asoc);
	p->ndata = 0;
	p->room -= min(p->room, echo + cack + shut + elen);
	p->gso_max = echo ? 0 : gso_limit(asoc, p->skb, &p->gso_segs);
	if (sack) {
		nsctp_sack_put(asoc, p->skb);
		p->room -= min(p->room, sack);
	}
	return true;
}

/* Link @seg (its chunks in it already) at the end of the GSO packet. */
static void gso_link(struct nsctp_pkt *p, struct sk_buff *seg)
{
	struct sk_buff *head = p->skb;

	if (p->seg)
		p->seg->next = seg;
	else
		skb_shinfo(head)->frag_list = seg;
	p->seg = seg;
	head->len += seg->len;
	head->data_len += seg->len;
	head->truesize += seg->truesize;
}

/* The packet in @p->skb becomes the first of a GSO packet: its chunks
 * (a SACK in the linear part, DATA in page fragments) move to a segment
 * of their own, and the head keeps the headers. No page is copied.
 */
static bool gso_begin(struct nsctp_pkt *p)
{
	struct sk_buff *head = p->skb, *seg;
	struct skb_shared_info *from = skb_shinfo(head);
	unsigned int lin = skb_headlen(head) - sizeof(struct sctphdr);
	unsigned int paged = head->data_len;

	seg = alloc_skb(lin, GFP_ATOMIC);
	if (!seg)
		return false;
	skb_put_data(seg, head->data + sizeof(struct sctphdr), lin);
	memcpy(skb_shinfo(seg)->frags, from->frags,
	       from->nr_frags * sizeof(skb_frag_t));
	skb_shinfo(seg)->nr_frags = from->nr_frags;
	seg->len += paged;
	seg->data_len = paged;
	seg->truesize += paged;
	from->nr_frags = 0;
	head->truesize -= paged;
	head->data_len = 0;
	head->len = sizeof(struct sctphdr);
	skb_set_tail_pointer(head, sizeof(struct sctphdr));
	gso_link(p, seg);
	return true;
}

static void pkt_send(struct nsctp_assoc *asoc, struct nsctp_pkt *p)
{
	struct net *net = sock_net(asoc->sk);
	struct sk_buff *skb = p->skb;

	if (!skb)
		return;
	p->skb = NULL;
	if (skb->len <= sizeof(struct sctphdr)) {
		kfree_skb(skb);		/* nothing went into it */
		return;
	}
	if (p->seg && p->segs > 1) {
		skb_shinfo(skb)->gso_type = SKB_GSO_SCTP;
		skb_shinfo(skb)->gso_size = GSO_BY_FRAGS;
		skb_shinfo(skb)->gso_segs = p->segs;
	}
	nsctp_pkt_xmit(net, &p->f, skb);
}

/* A chunk did not fit: the next one opens a packet, as a segment of a
 * GSO packet when that can be done and this packet had DATA, else by
 * sending this packet and beginning another.
 * Return: false if no packet could be begun.
 */
static bool pkt_next(struct nsctp_assoc *asoc, struct nsctp_pkt *p)
{
	if (p->cookie)
		return false;	/* nothing but the one packet (§5.1 D) */
	if (p->gso_max && p->ndata && !p->seg_next &&
	    p->segs < p->gso_segs &&
	    p->skb->len + pkt_room(asoc) <= p->gso_max &&
	    (p->seg || gso_begin(p))) {
		p->seg_next = true;
		p->room = pkt_room(asoc);
		p->ndata = 0;
		return true;
	}
	pkt_send(asoc, p);
	return pkt_open(asoc, p);
}

/* Attach @chunk's pages to the packet. Return: false if it does not fit. */
static bool pkt_add(struct nsctp_assoc *asoc, struct nsctp_pkt *p,
		    struct sk_buff *chunk)
{
	struct skb_shared_info *src = skb_shinfo(chunk);
	struct skb_shared_info *dst;
	struct sk_buff *to;
	int i;

	if (chunk->len > p->room) {
		/* Cut before the path MTU fell (ICMP): it goes alone, and
		 * IP fragments it.
		 */
		if (p->ndata || p->segs > 1 || p->seg_next ||
		    chunk->len <= pkt_room(asoc))
			return false;
		p->skb->ignore_df = 1;
		p->gso_max = 0;
		p->room = chunk->len;
	}
	if (p->seg_next) {
		struct sk_buff *seg = alloc_skb(0, GFP_ATOMIC);

		if (!seg)
			return false;
		p->seg_next = false;
		gso_link(p, seg);
		p->segs++;
	}
	to = p->seg ?: p->skb;
	dst = skb_shinfo(to);
	if (dst->nr_frags + src->nr_frags > MAX_SKB_FRAGS)
		return false;
	for (i = 0; i < src->nr_frags; i++) {
		__skb_frag_ref(&src->frags[i]);
		dst->frags[dst->nr_frags++] = src->frags[i];
	}
	to->len += chunk->len;
	to->data_len += chunk->len;
	to->truesize += chunk->len;
	if (to != p->skb) {
		p->skb->len += chunk->len;
		p->skb->data_len += chunk->len;
		p->skb->truesize += chunk->len;
	}
	p->room -= chunk->len;
	p->ndata++;
	return true;
}

/* Bookkeeping for a chunk that just went out on @path. */
static void chunk_sent(struct nsctp_assoc *asoc, struct nsctp_path *path,
		       struct sk_buff *chunk)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

	cb->tx_count++;
	cb->sent_at = jiffies;
	cb->path = path;
	cb->state |= NSCTP_TX_INFLIGHT;
	path->flight += cb->len;
	asoc->outstanding += cb->len;
	asoc->peer_rwnd -= min(asoc->peer_rwnd, cb->len);
	if (!timer_pending(&path->t3_timer))
		nsctp_t3_start(path);
}

/* The first transmission of @chunk: its TSN and SSN go into the header. */
static void chunk_number(struct nsctp_assoc *asoc, struct sk_buff *chunk)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);
	struct sctp_data_chunk *dc;
	struct net *net = sock_net(asoc->sk);

	dc = skb_frag_address(&skb_shinfo(chunk)->frags[0]);
	cb->tsn = asoc->next_tsn++;
	dc->data_hdr.tsn = htonl(cb->tsn);
	if (cb->dflags & SCTP_DATA_UNORDERED) {
		dc->data_hdr.ssn = 0;
		NSCTP_INC_STATS(net, OUTUNORDERCHUNKS);
		asoc->stats.ouodchunks++;
	} else {
		if (cb->dflags & SCTP_DATA_FIRST_FRAG)
			asoc->cur_ssn = asoc->out_ssn[cb->sid]++;
		dc->data_hdr.ssn = htons(asoc->cur_ssn);
		NSCTP_INC_STATS(net, OUTORDERCHUNKS);
		asoc->stats.oodchunks++;
	}
}

/* The congestion window of @path for this round, Max.Burst applied
 * (§6.1 D: no more than Max.Burst packets beyond what is in flight).
 * What the SACK being taken in acknowledged may go out again on top:
 * a SACK for a whole batch of packets (the receiver's one SACK per GSO
 * or GRO skb, or one that fills a hole) would otherwise leave room for
 * Max.Burst packets a round trip, whatever the congestion window, and
 * the window would never be used in full, so never grow (§7.2.2).
 */
static u32 burst_cwnd(const struct nsctp_assoc *asoc,
		      const struct nsctp_path *path)
{
	u32 burst = asoc->aopts.max_burst;

	if (!burst)
		return path->cwnd;
	return min_t(u64, path->cwnd,
		     (u64)path->flight + (u64)burst * path->pmtu +
		     path->ack_credit);
}

/* No packet for DATA could be built (no route to the path, as when a
 * route that forbids the peer was added, or no memory): the chunks stay
 * where they are and T3 tries again. Its expiry counts as a timeout even
 * when nothing was sent, as a packet dropped for want of a route would
 * (errors, back-off), so an association whose peer stays unreachable
 * ends instead of waiting for ever.
 */
static void tx_failed(struct nsctp_assoc *asoc, struct nsctp_path *path)
{
	asoc->tx_failed = true;
	if (!timer_pending(&path->t3_timer))
		nsctp_t3_start(path);
}

/* Chunks marked for retransmission, oldest first (§6.3.3 E3, §7.2.4). */
static void flush_rtx(struct nsctp_assoc *asoc, struct nsctp_pkt *p,
		      struct nsctp_path *path, u32 cwnd, bool *force)
{
	struct net *net = sock_net(asoc->sk);
	struct sk_buff *chunk;

	skb_queue_walk(&asoc->out_sent, chunk) {
		struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

		if (!asoc->rtx_count)
			break;
		if (!(cb->state & NSCTP_TX_RTX))
			continue;
		if (!*force && path->flight >= cwnd)
			break;
		if (!p->skb && !pkt_open(asoc, p)) {
			tx_failed(asoc, path);
			return;
		}
		if (!pkt_add(asoc, p, chunk)) {
			/* one packet regardless of cwnd, then cwnd rules */
			*force = false;
			if (path->flight >= cwnd || !pkt_next(asoc, p))
				return;
			if (!pkt_add(asoc, p, chunk))
				return;
		}
		/* a fast retransmission was counted when it was decided; a
		 * refused window probe's is no timeout
		 */
		if (!(cb->state & (NSCTP_TX_RTX_FAST | NSCTP_TX_RTX_PROBE)))
			NSCTP_INC_STATS(net, T3_RETRANSMITS);
		cb->state &= ~(NSCTP_TX_RTX | NSCTP_TX_RTX_FAST |
			       NSCTP_TX_RTX_PROBE);
		asoc->rtx_count--;
		asoc->rtx_chunks++;
		/* Karn: a retransmitted chunk never times the RTT */
		if (path->rtt_on && path->rtt_tsn == cb->tsn)
			path->rtt_on = false;
		chunk_sent(asoc, path, chunk);
	}
}

/* Should the small chunk @chunk wait for more (Nagle, §6.1, and
 * MSG_MORE)? Only a whole small message waits: the tail of a message
 * that was split goes at once, or a large message would end in a wait
 * for the peer's delayed SACK.
 */
static bool hold_back(const struct nsctp_assoc *asoc, const struct nsctp_pkt *p,
		      const struct sk_buff *chunk)
{
	const struct nsctp_opts *o = &nsctp_sk(asoc->sk)->opts;
	u8 dflags = NSCTP_TX_CB(chunk)->dflags;

	if (p->ndata)
		return false;
	if (asoc->out_queued + nsctp_data_chunk_len(0) >= nsctp_frag_point(asoc))
		return false;
	if (asoc->nagle_held)	/* MSG_MORE corks */
		return true;
	if ((dflags & SCTP_DATA_NOT_FRAG) != SCTP_DATA_NOT_FRAG)
		return false;
	return !o->nodelay && asoc->outstanding;
}

/* Has the message that starts with @chunk, not sent yet, outlived its
 * lifetime (RFC 6458 §5.3.2: sinfo_timetolive)? Only a whole message is
 * abandoned: once a piece went, it has TSNs and an SSN, and without
 * PR-SCTP (FORWARD TSN) the peer must get all of it.
 */
static bool msg_expired(const struct sk_buff *chunk)
{
	const struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

	return (cb->state & NSCTP_TX_TTL) &&
	       (cb->dflags & SCTP_DATA_FIRST_FRAG) &&
	       time_after32((u32)jiffies, cb->expires);
}

/* Abandon the unsent message at the head of the out queue: each chunk
 * goes back to the user in an SCTP_SEND_FAILED(_EVENT), as unsent.
 */
static void msg_abandon(struct nsctp_assoc *asoc)
{
	struct sk_buff *chunk = skb_peek(&asoc->out_queue);
	u8 dflags;

	if (chunk && (NSCTP_TX_CB(chunk)->state & NSCTP_TX_PR_TTL))
		pr_count_abandoned(asoc, NSCTP_TX_CB(chunk)->sid);
	do {
		chunk = __skb_dequeue(&asoc->out_queue);
		if (!chunk)
			break;
		dflags = NSCTP_TX_CB(chunk)->dflags;
		asoc->out_queued -= NSCTP_TX_CB(chunk)->len;
		nsctp_event_send_failed(asoc, chunk, false, 0);
		chunk_free(asoc, chunk);
	} while (!(dflags & SCTP_DATA_LAST_FRAG));
	asoc->sk->sk_write_space(asoc->sk);
}

/* May @cb's chunk probe the peer's closed window now (§6.1 A)? When
 * T3, the probe timer here, says the window stayed closed for an RTO;
 * or at once, when the SACK that closed it acknowledged data that was
 * not itself a probe (nsctp_sack_hdr_rcv()). After a probe T3 paces the
 * next: the peer announces a reopened window on its own, and a probe
 * after every SACK would only fill its buffer with chunks it must drop.
 * A message with a lifetime, not begun, waits for T3, and then for one
 * more if its lifetime ends within an RTO: without PR-SCTP (FORWARD
 * TSN) a chunk once sent cannot be abandoned, and a probe into a window
 * that stays shut commits the message to a peer that delivers it after
 * its lifetime; waiting lets the lifetime take effect (msg_expired()).
 */
static bool probe_may_go(const struct nsctp_assoc *asoc,
			 const struct nsctp_path *path,
			 const struct nsctp_tx_cb *cb)
{
	if ((cb->state & NSCTP_TX_TTL) &&
	    (cb->dflags & SCTP_DATA_FIRST_FRAG))
		return asoc->probe_ok &&
		       time_before32((u32)jiffies + msecs_to_jiffies(path->rto),
				     cb->expires);
	return asoc->probe_ok || asoc->probe_now;
}

/* Chunks not sent before, as far as the windows allow. */
static void flush_new(struct nsctp_assoc *asoc, struct nsctp_pkt *p,
		      struct nsctp_path *path, u32 cwnd)
{
	struct sk_buff *chunk;
	bool probe;

	while ((chunk = skb_peek(&asoc->out_queue))) {
		struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

		if (msg_expired(chunk)) {
			msg_abandon(asoc);
			continue;
		}
		if (cb->sid >= asoc->out_streams) {
			/* the peer accepted fewer streams than we asked for */
			__skb_unlink(chunk, &asoc->out_queue);
			asoc->out_queued -= cb->len;
			chunk_free(asoc, chunk);
			continue;
		}
		if (path->flight >= cwnd)
			break;
		/* §6.1 A, B: the peer's window. Into a closed window one
		 * chunk may go when nothing is outstanding: a zero window
		 * probe (probe_may_go()).
		 */
		probe = cb->len > asoc->peer_rwnd;
		if (probe && (asoc->outstanding || p->ndata ||
			      !probe_may_go(asoc, path, cb))) {
			if (!asoc->outstanding && !timer_pending(&path->t3_timer))
				nsctp_t3_start(path);
			break;
		}
		if (hold_back(asoc, p, chunk) || !sent_ring_room(asoc))
			break;
		if (!p->skb && !pkt_open(asoc, p)) {
			tx_failed(asoc, path);
			return;
		}
		if (!pkt_add(asoc, p, chunk)) {
			if (!pkt_next(asoc, p))
				return;
			continue;
		}
		__skb_unlink(chunk, &asoc->out_queue);
		asoc->out_queued -= cb->len;
		chunk_number(asoc, chunk);
		__skb_queue_tail(&asoc->out_sent, chunk);
		asoc->sent_ring[cb->tsn & asoc->sent_mask] = chunk;
		if (!path->rtt_on) {
			path->rtt_on = true;
			path->rtt_tsn = cb->tsn;
			path->rtt_sent = jiffies;
		}
		chunk_sent(asoc, path, chunk);
		asoc->probe_ok = false;
		asoc->probe_now = false;
		asoc->probed = probe;
		asoc->probe_refused = false;
		asoc->probe_tsn = cb->tsn;
	}
}

static bool data_state(const struct nsctp_assoc *asoc)
{
	return asoc->state == SCTP_ESTABLISHED ||
	       asoc->state == SCTP_SHUTDOWN_PENDING ||
	       asoc->state == SCTP_SHUTDOWN_RECEIVED;
}

/* Send what may be sent now: a pending SACK, retransmissions, new DATA;
 * one packet at a time up to the path MTU. @force lets the first packet
 * of retransmissions go whatever the congestion window says.
 */
static void outq_flush(struct nsctp_assoc *asoc, bool force)
{
	struct nsctp_path *path = asoc->primary;
	struct nsctp_pkt p = {};
	u32 cwnd;

	if (asoc->dead)
		return;
	if (data_state(asoc)) {
		cwnd = burst_cwnd(asoc, path);
		if (asoc->rtx_count)
			flush_rtx(asoc, &p, path, cwnd, &force);
		if (!asoc->rtx_count)
			flush_new(asoc, &p, path, cwnd);
	}
	if (!p.skb && (asoc->sack_due || asoc->cookie_ack_due ||
		       asoc->shutdown_due))
		pkt_open(asoc, &p);
	pkt_send(asoc, &p);
}

/**
 * nsctp_outq_flush() - send what may be sent now
 * @asoc: the association, socket locked
 */
void nsctp_outq_flush(struct nsctp_assoc *asoc)
{
	outq_flush(asoc, false);
}

/* T1-cookie sends the COOKIE ECHO again: the DATA that went with it
 * goes with it again, as far as it fits (a smaller path MTU leaves the
 * rest to T3 once the association is up). Karn: none of it is timed.
 */
static void cookie_rtx(struct nsctp_assoc *asoc, struct nsctp_pkt *p)
{
	struct sk_buff *chunk;

	skb_queue_walk(&asoc->out_sent, chunk) {
		if (!pkt_add(asoc, p, chunk))
			break;
		NSCTP_TX_CB(chunk)->tx_count++;
		NSCTP_TX_CB(chunk)->sent_at = jiffies;
	}
	asoc->primary->rtt_on = false;
}

/**
 * nsctp_outq_cookie_echo() - send the COOKIE ECHO, DATA bundled (§5.1 D)
 * @asoc: the association, in COOKIE-ECHOED, socket locked
 *
 * The COOKIE ECHO goes first, then as much of what sendmsg() queued
 * during setup as fits in the packet: until the COOKIE ACK, the peer
 * gets no other packet. T1-cookie covers the packet, DATA included;
 * T3-rtx waits for the association to be up (nsctp_t3_expired()).
 */
void nsctp_outq_cookie_echo(struct nsctp_assoc *asoc)
{
	struct nsctp_path *path = asoc->primary;
	struct nsctp_pkt p = { .cookie = true };

	if (!pkt_open(asoc, &p))
		return;		/* T1 tries again */
	if (skb_queue_empty(&asoc->out_sent))
		flush_new(asoc, &p, path, burst_cwnd(asoc, path));
	else
		cookie_rtx(asoc, &p);
	pkt_send(asoc, &p);
}

/**
 * nsctp_outq_unsend() - take back the DATA sent with a COOKIE ECHO
 * @asoc: the association, going back to COOKIE-WAIT (§5.2.6)
 *
 * The new INIT starts the association over with the same Initial TSN:
 * the chunks go back to the head of the out queue as never sent, and
 * are numbered anew (the INIT ACK sets every stream's SSN back to 0).
 */
void nsctp_outq_unsend(struct nsctp_assoc *asoc)
{
	struct sk_buff *chunk;

	while ((chunk = __skb_dequeue_tail(&asoc->out_sent))) {
		struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

		chunk_unfly(asoc, chunk);
		asoc->sent_ring[cb->tsn & asoc->sent_mask] = NULL;
		cb->tx_count = 0;
		asoc->next_tsn--;
		__skb_queue_head(&asoc->out_queue, chunk);
		asoc->out_queued += cb->len;
	}
	asoc->sack_nprev = 0;
	outq_no_flight(asoc);
}

/* The queue drained: a pending shutdown may go on (§9.2). */
static void outq_drained(struct nsctp_assoc *asoc)
{
	if (asoc->state == SCTP_SHUTDOWN_PENDING ||
	    asoc->state == SCTP_SHUTDOWN_RECEIVED)
		nsctp_shutdown_continue(asoc);
}

/* RTT sample from @cb if it is the chunk being timed (§6.3.1 C5). */
static void rtt_sample(struct nsctp_tx_cb *cb)
{
	struct nsctp_path *path = cb->path;

	if (!path->rtt_on || path->rtt_tsn != cb->tsn)
		return;
	path->rtt_on = false;
	if (cb->tx_count != 1)
		return;
	nsctp_path_rtt_update(path,
			      max_t(u32, 1,
				    jiffies_to_msecs(jiffies - path->rtt_sent)));
}

/* Count @cb's bytes as newly acked on its path. */
static void acked_on(struct nsctp_tx_cb *cb, u32 *acked,
		     struct nsctp_path *primary)
{
	/* One path today: the primary's congestion window takes it all. */
	if (cb->path == primary)
		*acked += cb->len;
}

/* Free everything the cumulative TSN ack @cum covers. */
static u32 sack_cum(struct nsctp_assoc *asoc, u32 cum)
{
	struct sk_buff *chunk;
	u32 acked = 0;

	while ((chunk = skb_peek(&asoc->out_sent)) &&
	       tsn_le(NSCTP_TX_CB(chunk)->tsn, cum)) {
		struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

		__skb_unlink(chunk, &asoc->out_sent);
		if (!(cb->state & NSCTP_TX_GAP_ACKED)) {
			acked_on(cb, &acked, asoc->primary);
			rtt_sample(cb);
		}
		chunk_unfly(asoc, chunk);
		if (cb->state & NSCTP_TX_RTX)
			asoc->rtx_count--;
		chunk_free(asoc, chunk);
	}
	return acked;
}

/* Mark a chunk for retransmission (@why: enum nsctp_rtx_reason); it
 * leaves the flight.
 */
static void mark_rtx(struct nsctp_assoc *asoc, struct sk_buff *chunk,
		     int why)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

	trace_nsctp_retransmit(asoc, cb->tsn, chunk->len, why);
	chunk_unfly(asoc, chunk);
	if (!(cb->state & NSCTP_TX_RTX)) {
		cb->state |= NSCTP_TX_RTX;
		asoc->rtx_count++;
	}
}

/* The valid gap blocks of @sack as absolute TSN ranges into @out: in
 * order, not overlapping, above @cum, cut at the last TSN sent; at most
 * NSCTP_SACK_GAPS_KEPT. Return: how many.
 */
static unsigned int gaps_parse(const struct nsctp_assoc *asoc, u32 cum,
			       const struct sctp_sackhdr *sack,
			       struct nsctp_gap_blk *out)
{
	const struct sctp_gap_ack_block *gab = &sack->variable[0].gab;
	u16 ngaps = ntohs(sack->num_gap_ack_blocks), i;
	u32 end = cum, last = asoc->next_tsn - 1;
	unsigned int n = 0;

	for (i = 0; i < ngaps && n < NSCTP_SACK_GAPS_KEPT; i++) {
		u32 lo = cum + ntohs(gab[i].start);
		u32 hi = cum + ntohs(gab[i].end);

		if (tsn_lt(hi, lo) || tsn_le(lo, end))
			continue;	/* malformed or overlapping: skip */
		if (tsn_lt(last, lo))
			break;		/* never sent */
		if (tsn_lt(last, hi))
			hi = last;
		out[n].lo = lo;
		out[n].hi = hi;
		n++;
		end = hi;
	}
	return n;
}

/* The highest TSN @sack's gap blocks cover (cut at the last TSN sent),
 * or @cum when they cover none.
 */
static u32 sack_highest(const struct nsctp_assoc *asoc, u32 cum,
			const struct sctp_sackhdr *sack)
{
	const struct sctp_gap_ack_block *gab = &sack->variable[0].gab;
	u16 ngaps = ntohs(sack->num_gap_ack_blocks), i;
	u32 high = cum, last = asoc->next_tsn - 1;

	for (i = 0; i < ngaps; i++) {
		u32 hi = cum + ntohs(gab[i].end);

		if (ntohs(gab[i].end) < ntohs(gab[i].start))
			continue;
		if (tsn_lt(last, hi))
			hi = last;
		if (tsn_lt(high, hi))
			high = hi;
	}
	return high;
}

/* Is @sack, with the cumulative TSN ack we have already, older than the
 * last one taken? SACKs carry no sequence number (§6.2.1 D i drops only
 * one whose cumulative TSN ack went back). With the same cumulative
 * TSN ack, the receiver's gap blocks only grow while it keeps what it
 * acknowledged, so blocks that reach less far than the last SACK's are
 * an older SACK that a reordering network delivered late: taken as it
 * is, its missing blocks would read as reneged and send again what the
 * peer has. A peer that really reneged is seen once its cumulative TSN
 * ack moves (the sender fills the hole below it either way).
 */
static bool sack_stale(const struct nsctp_assoc *asoc, u32 cum,
		       const struct sctp_sackhdr *sack)
{
	u32 prev;

	if (!asoc->sack_nprev)
		return false;
	prev = asoc->sack_prev[asoc->sack_nprev - 1].hi;
	return tsn_lt(sack_highest(asoc, cum, sack), prev);
}

/* The TSNs above @floor in the ranges @a that are not in the ranges @b
 * (both sorted, not overlapping), as ranges into @out (room for na + nb).
 * Return: how many.
 */
static unsigned int gaps_minus(const struct nsctp_gap_blk *a, unsigned int na,
			       const struct nsctp_gap_blk *b, unsigned int nb,
			       u32 floor, struct nsctp_gap_blk *out)
{
	unsigned int i, j = 0, n = 0;

	for (i = 0; i < na; i++) {
		u32 cur = tsn_lt(floor, a[i].lo) ? a[i].lo : floor + 1;

		if (tsn_lt(a[i].hi, cur))
			continue;
		while (j < nb && tsn_lt(b[j].hi, cur))
			j++;
		for (; j < nb && tsn_le(b[j].lo, a[i].hi); j++) {
			if (tsn_lt(cur, b[j].lo)) {
				out[n].lo = cur;
				out[n++].hi = b[j].lo - 1;
			}
			cur = b[j].hi + 1;
			if (tsn_lt(a[i].hi, cur))
				break;
		}
		if (tsn_le(cur, a[i].hi)) {
			out[n].lo = cur;
			out[n++].hi = a[i].hi;
		}
	}
	return n;
}

/* @chunk is gap-acked now. Return: its bytes for the window. */
static u32 gap_ack(struct nsctp_assoc *asoc, struct sk_buff *chunk)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);
	u32 acked = 0;

	cb->state |= NSCTP_TX_GAP_ACKED;
	acked_on(cb, &acked, asoc->primary);
	rtt_sample(cb);
	chunk_unfly(asoc, chunk);
	if (cb->state & NSCTP_TX_RTX) {
		cb->state &= ~(NSCTP_TX_RTX | NSCTP_TX_RTX_FAST |
			       NSCTP_TX_RTX_PROBE);
		asoc->rtx_count--;
	}
	return acked;
}

/* §7.2.4: one more miss indication for @chunk, which a SACK skipped. */
static void gap_miss(struct nsctp_assoc *asoc, struct sk_buff *chunk,
		     bool *fast)
{
	struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

	if (cb->state & (NSCTP_TX_GAP_ACKED | NSCTP_TX_RTX |
			 NSCTP_TX_FAST_RTX))
		return;
	if (++cb->miss < 3)
		return;
	cb->state |= NSCTP_TX_FAST_RTX | NSCTP_TX_RTX_FAST;
	mark_rtx(asoc, chunk, NSCTP_RTX_FAST);
	NSCTP_INC_STATS(sock_net(asoc->sk), FAST_RETRANSMITS);
	*fast = true;
}

/* Gap blocks (§6.2.1, §7.2.4), compared with the last SACK's: what they
 * cover anew is acked, what they no longer cover was reneged, and the
 * holes below the highest TSN newly acked get a miss indication (HTNA).
 * The sent chunks are found by TSN (sent_at()), so the cost is the
 * chunks that changed and the holes, never the length of the queue.
 * Return: bytes newly acked; *fast set when a chunk reached three miss
 * indications.
 */
static u32 sack_gaps(struct nsctp_assoc *asoc, u32 cum,
		     const struct sctp_sackhdr *sack, bool *fast)
{
	struct nsctp_gap_blk cur[NSCTP_SACK_GAPS_KEPT];
	struct nsctp_gap_blk d[2 * NSCTP_SACK_GAPS_KEPT];
	unsigned int n, nd, i;
	u32 acked = 0, highest_new = cum, t, lo;
	struct sk_buff *chunk;

	n = gaps_parse(asoc, cum, sack, cur);
	if (!n && !asoc->sack_nprev)
		return 0;
	/* §6.2.1: covered before, not now: reneged, to be sent again */
	nd = gaps_minus(asoc->sack_prev, asoc->sack_nprev, cur, n, cum, d);
	for (i = 0; i < nd; i++)
		for (t = d[i].lo; tsn_le(t, d[i].hi); t++) {
			chunk = sent_at(asoc, t);
			if (chunk && NSCTP_TX_CB(chunk)->state &
				     NSCTP_TX_GAP_ACKED) {
				NSCTP_TX_CB(chunk)->state &= ~NSCTP_TX_GAP_ACKED;
				mark_rtx(asoc, chunk, NSCTP_RTX_RENEGE);
			}
		}
	/* covered now and not before */
	nd = gaps_minus(cur, n, asoc->sack_prev, asoc->sack_nprev, cum, d);
	for (i = 0; i < nd; i++)
		for (t = d[i].lo; tsn_le(t, d[i].hi); t++) {
			chunk = sent_at(asoc, t);
			if (!chunk ||
			    NSCTP_TX_CB(chunk)->state & NSCTP_TX_GAP_ACKED)
				continue;
			acked += gap_ack(asoc, chunk);
			highest_new = t;
		}
	memcpy(asoc->sack_prev, cur, n * sizeof(cur[0]));
	asoc->sack_nprev = n;
	if (highest_new == cum)
		return acked;
	/* the holes between the blocks, below the highest newly acked */
	lo = cum + 1;
	for (i = 0; i <= n && tsn_lt(lo, highest_new); i++) {
		u32 hi = i < n ? cur[i].lo - 1 : highest_new - 1;

		if (tsn_lt(highest_new - 1, hi))
			hi = highest_new - 1;
		for (t = lo; tsn_le(t, hi); t++) {
			chunk = sent_at(asoc, t);
			if (chunk)
				gap_miss(asoc, chunk, fast);
		}
		if (i < n)
			lo = cur[i].hi + 1;
	}
	return acked;
}

/* Send buffer autotuning, as TCP's: the buffer holds what is in flight
 * and what waits to go, so that the sender never stalls on it while the
 * congestion window allows more, it must hold about two windows' worth
 * (a window in flight, the next one queued), at what a payload byte
 * costs in memory here (asoc->tx_ratio, measured by sendmsg()). It
 * grows up to net.sctp.sctp_wmem[2], never once the user set SO_SNDBUF,
 * and not while the protocol's memory is above net.sctp.sctp_mem[0].
 * It never shrinks.
 */
static void sndbuf_tune(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;
	const struct nsctp_path *p;
	u32 cwnd = 0;
	u64 want;

	if ((sk->sk_userlocks & SOCK_SNDBUF_LOCK) ||
	    sk_under_memory_pressure(sk) ||
	    sk_memory_allocated(sk) >= sk_prot_mem_limits(sk, 0))
		return;
	list_for_each_entry(p, &asoc->paths, list)
		cwnd = max(cwnd, p->cwnd);
	want = (2ULL * cwnd * asoc->tx_ratio) >> 16;
	want = min_t(u64, want, READ_ONCE(sk->sk_prot->sysctl_wmem[2]));
	if (want > READ_ONCE(sk->sk_sndbuf))
		WRITE_ONCE(sk->sk_sndbuf, want);
}

/**
 * nsctp_sm_sack_rcv() - a SACK from the peer (§6.2.1)
 * @asoc: the association, socket locked
 * @ch: the SACK chunk (its length checked against its counts by the
 *	parser)
 */
void nsctp_sm_sack_rcv(struct nsctp_assoc *asoc,
		       const struct sctp_chunkhdr *ch)
{
	const struct sctp_sackhdr *sack = (const void *)(ch + 1);
	bool older;

	if (nsctp_ctsn_beyond_sent(asoc, sack->cum_tsn_ack))
		return;
	older = tsn_lt(ntohl(sack->cum_tsn_ack), asoc->ctsn_ack);
	/* as in-tree: the gap blocks of each SACK not older than the last */
	if (!older)
		asoc->stats.gapcnt += ntohs(sack->num_gap_ack_blocks);
	nsctp_sack_hdr_rcv(asoc, sack);
	/* RFC 6458 §6.1.9: nothing is left to send or retransmit. As
	 * in-tree, after each SACK not older than the last (a duplicate
	 * too) that leaves the queue empty, while established.
	 */
	if (!older && !asoc->dead && asoc->state == SCTP_ESTABLISHED &&
	    nsctp_outq_empty(asoc))
		nsctp_event_sender_dry(asoc);
}

/**
 * nsctp_ctsn_beyond_sent() - abort if @ctsn acknowledges a TSN never sent
 * @asoc: the association, socket locked
 * @ctsn: the cumulative TSN ack of a SACK or SHUTDOWN
 *
 * A peer acknowledging data that was never sent is broken or lying: RFC
 * 9260 requires the association be aborted (Protocol Violation, the TSN
 * as its information). Only where data can be acknowledged at all.
 *
 * Return: true when @asoc was aborted.
 */
bool nsctp_ctsn_beyond_sent(struct nsctp_assoc *asoc, __be32 ctsn)
{
	if (!data_state(asoc) && asoc->state != SCTP_SHUTDOWN_SENT)
		return false;
	if (tsn_lt(ntohl(ctsn), asoc->next_tsn))
		return false;
	nsctp_abort_with(asoc, SCTP_ERROR_PROTO_VIOLATION, &ctsn,
			 sizeof(ctsn));
	return true;
}

/* A SACK that does not acknowledge the zero window probe outstanding
 * (§6.1 A). With a_rwnd 0 the peer dropped it (§6.2 asks for such a
 * SACK at once): the peer is there all the same, and the probe's T3
 * expiries are no failure of the path (the error counters start
 * again). With the window open after such a refusal (a window update:
 * the reader freed room), the probe goes again now, not when its T3
 * expires or three SACKs for the data behind it miss it; a SACK with
 * the window open that comes without a refusal may have crossed the
 * probe on its way and tells nothing.
 */
static void probe_answered(struct nsctp_assoc *asoc, u32 a_rwnd)
{
	u32 tsn = asoc->probe_tsn;
	struct nsctp_tx_cb *cb;
	struct sk_buff *chunk;

	if (!tsn_lt(asoc->ctsn_ack, tsn) || !tsn_lt(tsn, asoc->next_tsn))
		return;
	chunk = asoc->sent_ring[tsn & asoc->sent_mask];
	cb = NSCTP_TX_CB(chunk);
	if (cb->tsn != tsn ||
	    (cb->state & (NSCTP_TX_GAP_ACKED | NSCTP_TX_RTX)))
		return;
	if (!a_rwnd) {
		asoc->probe_refused = true;
		asoc->error_count = 0;
		cb->path->error_count = 0;
		return;
	}
	if (!asoc->probe_refused)
		return;
	asoc->probed = false;
	mark_rtx(asoc, chunk, NSCTP_RTX_PROBE);
	cb->state |= NSCTP_TX_RTX_PROBE;
}

/**
 * nsctp_sack_hdr_rcv() - process a SACK's contents
 * @asoc: the association, socket locked
 * @sack: the SACK (gap blocks and duplicates as its counts say), or what
 *	a SHUTDOWN's cumulative TSN ack amounts to
 */
void nsctp_sack_hdr_rcv(struct nsctp_assoc *asoc,
			const struct sctp_sackhdr *sack)
{
	u32 cum = ntohl(sack->cum_tsn_ack);
	u32 a_rwnd = ntohl(sack->a_rwnd);
	struct nsctp_path *path = asoc->primary;
	bool advanced, fast = false;
	u32 acked, freed_before;

	if (!data_state(asoc) && asoc->state != SCTP_SHUTDOWN_SENT)
		return;
	/* §6.2.1 D i: an older SACK than one already seen */
	if (tsn_lt(cum, asoc->ctsn_ack))
		return;
	/* It acknowledges a TSN never sent: ignore it. */
	if (!tsn_lt(cum, asoc->next_tsn))
		return;
	advanced = tsn_lt(asoc->ctsn_ack, cum);
	if (!advanced && sack_stale(asoc, cum, sack))
		return;
	freed_before = asoc->sndbuf_used;
	acked = sack_cum(asoc, cum);
	asoc->ctsn_ack = cum;
	acked += sack_gaps(asoc, cum, sack, &fast);
	if (advanced) {
		asoc->error_count = 0;
		path->error_count = 0;
		path->hb_outstanding = false;
	}
	if (asoc->fast_recovery && !tsn_lt(cum, asoc->fast_recover))
		asoc->fast_recovery = false;
	cc(asoc)->on_ack(path, acked, advanced && !asoc->fast_recovery);
	if (fast && !asoc->fast_recovery) {
		asoc->fast_recovery = true;
		asoc->fast_recover = asoc->next_tsn - 1;
		cc(asoc)->on_fast_rtx(path);
	}
	/* §6.2.1 D iv */
	asoc->peer_rwnd = a_rwnd > asoc->outstanding ?
			  a_rwnd - asoc->outstanding : 0;
	/* §6.1 A: with nothing outstanding, a chunk the window has no room
	 * for may probe it at once, unless the last one sent was a probe
	 */
	if (!asoc->outstanding)
		asoc->probe_now = !asoc->probed;
	else if (asoc->probed)
		probe_answered(asoc, a_rwnd);
	/* §6.3.2 R2, R3 */
	if (!path->flight)
		nsctp_t3_stop(path);
	else if (advanced)
		nsctp_t3_start(path);	/* running or not */
	if (asoc->sndbuf_used < freed_before) {
		sndbuf_tune(asoc);
		asoc->sk->sk_write_space(asoc->sk);
	}
	path->ack_credit = acked;
	outq_flush(asoc, fast);
	path->ack_credit = 0;
	if (nsctp_outq_empty(asoc))
		outq_drained(asoc);
	trace_nsctp_probe(asoc, cum, a_rwnd, acked);
	if (trace_nsctp_probe_path_enabled())
		list_for_each_entry(path, &asoc->paths, list)
			trace_nsctp_probe_path(asoc, path);
}

/* §6.3.3 E1, E2 for a T3 expiry on @path: errors counted, the window
 * and RTO backed off. Return: true when the association ended of it.
 */
static bool t3_timeout(struct nsctp_assoc *asoc, struct nsctp_path *path)
{
	NSCTP_INC_STATS(sock_net(asoc->sk), T3_RTX_EXPIREDS);
	path->error_count++;
	if (++asoc->error_count > asoc->max_retrans) {
		nsctp_assoc_failed(asoc, ETIMEDOUT, true);
		return true;
	}
	cc(asoc)->on_timeout(path);
	path->rto = min_t(u32, path->rto * 2, asoc->aopts.rto_max);
	nsctp_path_rto_note(path);
	path->rtt_on = false;
	asoc->fast_recovery = false;
	return false;
}

/**
 * nsctp_t3_expired() - T3-rtx of @path ran out (§6.3.3)
 * @path: the path, its socket locked and not owned by the user
 */
void nsctp_t3_expired(struct nsctp_path *path)
{
	struct nsctp_assoc *asoc = path->asoc;
	struct sk_buff *chunk;
	bool failed;

	if (asoc->state == SCTP_COOKIE_ECHOED) {
		/* DATA bundled with the COOKIE ECHO: T1 resends it */
		nsctp_t3_start(path);
		return;
	}
	if (!data_state(asoc))
		return;
	/* A closed socket's association waiting in SHUTDOWN-PENDING for a
	 * peer that keeps acknowledging probes of a shut window would wait
	 * for ever: the shutdown guard (T5, §9.2) bounds it.
	 */
	if (asoc->state == SCTP_SHUTDOWN_PENDING &&
	    sock_flag(asoc->sk, SOCK_DEAD) &&
	    !timer_pending(&asoc->timers[NSCTP_T5]))
		nsctp_timer_start(asoc, NSCTP_T5);
	failed = asoc->tx_failed;
	asoc->tx_failed = false;
	if (skb_queue_empty(&asoc->out_sent)) {
		if (failed && t3_timeout(asoc, path))
			return;
		/* the peer's window stayed closed: probe it (§6.1 A); or
		 * the last try built no packet (tx_failed())
		 */
		if (!skb_queue_empty(&asoc->out_queue)) {
			asoc->probe_ok = true;
			outq_flush(asoc, false);
			asoc->probe_ok = false;
		}
		return;
	}
	if (t3_timeout(asoc, path))
		return;
	skb_queue_walk(&asoc->out_sent, chunk) {
		struct nsctp_tx_cb *cb = NSCTP_TX_CB(chunk);

		if (cb->path == path && !(cb->state & NSCTP_TX_GAP_ACKED)) {
			cb->state &= ~(NSCTP_TX_RTX_FAST | NSCTP_TX_RTX_PROBE);
			mark_rtx(asoc, chunk, NSCTP_RTX_T3);
		}
	}
	/* E3: one packet now, the window after that */
	outq_flush(asoc, true);
	if (!timer_pending(&path->t3_timer))
		nsctp_t3_start(path);
}
