// SPDX-License-Identifier: GPL-2.0
/*
 * The receive side of the data path (RFC 9260 §6.2, §6.5, §6.6, §6.9).
 *
 * Each DATA chunk of a packet is checked against the TSN map (new,
 * duplicate, too far ahead), the stream count and our receive window,
 * then becomes a clone of the packet trimmed to its payload (the first
 * fragment of a message in several: a small head skb carrying that
 * clone, so that joining the message later needs no memory).
 *
 * Reassembly, per-stream order and partial delivery are decided by
 * reasm.c over the struct nsctp_frag each skb's cb holds while it waits
 * (struct nsctp_rx_cb); this file carries the decisions out: it joins
 * the clones of a whole message on the head's frag_list, puts messages
 * and partial delivery pieces on the socket's receive queue, and aborts
 * the association with a Protocol Violation when reasm.c refuses a
 * fragment that contradicts the others of its message. A message that
 * cannot be completed within the window (or reached
 * SCTP_PARTIAL_DELIVERY_POINT) is delivered in pieces while it arrives
 * (§6.9, RFC 6458 §8.1.20).
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
#include <net/nsctp/reasm.h>

/* How far beyond the receive buffer the very next TSN is still taken
 * (rx_admit()): a few small chunks, well within one packet's worth.
 */
#define NSCTP_RX_SLACK		(32 * 1024)

/* A chunk of up to this many payload bytes beyond a window shut by
 * memory (not by the payload the peer sent) is still taken within
 * NSCTP_RX_SLACK: one the peer had in flight (nsctp_sm_data_rcv()).
 */
#define NSCTP_RX_DRIFT_MAX	256

/* Payloads up to this many bytes are copied out of the packet. */
#define NSCTP_RX_COPY_MAX	256

/* Gap blocks and duplicate TSNs one SACK reports at most. */
#define NSCTP_SACK_MAX_GAPS	64
/* In a batch of packets taken in at once, a SACK at least this often */
#define NSCTP_BATCH_SACK_PKTS	8
#define NSCTP_SACK_MAX_DUPS	16

/* What a received chunk's skb->cb holds while reassembly has it (the
 * descriptor reasm.c works on, and in its @priv word what it does not
 * need: the PPID); on the socket's receive queue the cb is a struct
 * nsctp_ulp_cb (ulp_queue()). reasm.c's second area of a fragment
 * (union nsctp_frag_ext) is the skb's rbnode: an skb that reassembly
 * holds is on no list, and the glue below clears next, prev and dev
 * before the skb goes anywhere.
 */
struct nsctp_rx_cb {
	union {
		struct nsctp_frag	frag;
		struct {
			u8		__frag[offsetof(struct nsctp_frag, priv)];
			__be32		ppid;
		};
	};
};

static_assert(offsetof(struct nsctp_rx_cb, ppid) ==
	      offsetof(struct nsctp_frag, priv));
static_assert(sizeof(union nsctp_frag_ext) <=
	      sizeof_field(struct sk_buff, rbnode));

#define NSCTP_RX_CB(skb)	((struct nsctp_rx_cb *)&((skb)->cb[0]))

static struct sk_buff *frag_skb(struct nsctp_frag *f)
{
	struct sk_buff *skb = (struct sk_buff *)((char *)f -
						 offsetof(struct sk_buff, cb));

	/* reasm.c is done with skb->rbnode (see struct nsctp_rx_cb); the
	 * device a payload came in on is of no use to anybody after this
	 */
	skb->next = NULL;
	skb->prev = NULL;
	skb->dev = NULL;
	return skb;
}

static struct nsctp_assoc *reasm_asoc(struct nsctp_reasm *r)
{
	return container_of(r, struct nsctp_assoc, reasm);
}

static u32 pmtu_of(const struct nsctp_assoc *asoc)
{
	return asoc->primary->pmtu;
}

/* A received chunk's skb is charged to the socket from the moment it is
 * taken in until it is read (sock_rfree()) or dropped (rx_free()), by
 * its truesize. While the association holds it, @asoc->rx_held counts
 * it, so that accept() can move the charge with the association.
 */
static void rx_charge(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sock *sk = asoc->sk;

	atomic_add(skb->truesize, &sk->sk_rmem_alloc);
	sk_mem_charge(sk, skb->truesize);
	asoc->rx_held += skb->truesize;
	asoc->rx_mem += skb->truesize;
}

static void rx_uncharge(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sock *sk = asoc->sk;

	asoc->rx_held -= skb->truesize;
	asoc->rx_mem -= skb->truesize;
	atomic_sub(skb->truesize, &sk->sk_rmem_alloc);
	sk_mem_uncharge(sk, skb->truesize);
}

/* Put a message, or a piece of one, on the socket's receive queue. */
static void ulp_queue(struct nsctp_assoc *asoc, struct sk_buff *skb, bool eor)
{
	const struct nsctp_rx_cb rx = *NSCTP_RX_CB(skb);
	struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);
	struct sock *sk = asoc->sk;

	if (nsctp_sk(sk)->closed || nsctp_sk(sk)->rd_shut) {
		/* Nobody will read it (closed, or shut down for reading):
		 * acknowledged, then let go, so that the window stays open
		 * and the peer can end the association instead of probing
		 * a closed window until T5.
		 */
		asoc->rwnd_held -= min(asoc->rwnd_held, skb->len);
		rx_uncharge(asoc, skb);
		consume_skb(skb);
		return;
	}
	memset(u, 0, sizeof(*u));
	u->assoc_id = asoc->id;
	u->msg_flags = eor ? MSG_EOR : 0;
	u->tsn = rx.frag.tsn;
	u->cumtsn = nsctp_tsnmap_cum(&asoc->tsnmap);
	u->ppid = rx.ppid;
	u->sid = rx.frag.sid;
	u->ssn = rx.frag.ssn;
	u->context = asoc->aopts.rcv_context;
	if (rx.frag.flags & NSCTP_FRAG_U)
		u->flags = SCTP_UNORDERED;
	/* charged since it came in (rx_admit()): the socket owns it now */
	asoc->rx_held -= skb->truesize;
	skb->sk = sk;
	skb->destructor = sock_rfree;
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
}

/**
 * nsctp_rx_migrate() - what @asoc holds of received data, charged to
 *	@newsk instead of @oldsk
 * @asoc: the association moving (accept(), peeloff), both sockets locked
 * @oldsk: the socket it leaves
 * @newsk: the socket it joins
 */
void nsctp_rx_migrate(struct nsctp_assoc *asoc, struct sock *oldsk,
		      struct sock *newsk)
{
	u32 held = asoc->rx_held;

	atomic_sub(held, &oldsk->sk_rmem_alloc);
	sk_mem_uncharge(oldsk, held);
	atomic_add(held, &newsk->sk_rmem_alloc);
	sk_mem_charge(newsk, held);
}

/* The receive memory @asoc's window and admission count: the socket's
 * (net.sctp.rcvbuf_policy 0, the associations share the buffer), or the
 * association's own (1, each has the whole buffer).
 */
static int rx_mem_used(const struct nsctp_assoc *asoc)
{
	if (nsctp_sk(asoc->sk)->opts.rcvbuf_policy)
		return asoc->rx_mem;
	return atomic_read(&asoc->sk->sk_rmem_alloc);
}

/* §6.2: may a chunk with @tsn, in @skb, be taken? Memory decides: what
 * the socket holds (sk_rmem_alloc, everything received and not read;
 * with rcvbuf_policy 1 what this association holds) stays within its
 * receive buffer, except that the very next TSN is taken as long as the
 * buffer is not full yet, or it fits in NSCTP_RX_SLACK beyond it (it is
 * what lets delivery, and so the user's reads, go on; and the window,
 * counted in payload bytes at an average cost per byte, lets a peer of
 * small messages overshoot the memory by a few chunks, which dropped
 * would wait for T3), and the protocol's and the memory cgroup's limits
 * (sk_rmem_schedule()). A peer that ignores our window costs us at most
 * the buffer and one chunk, or the slack.
 */
static bool rx_next_fits(int rmem, int rcvbuf, unsigned int truesize)
{
	return rmem < rcvbuf || rmem + (int)truesize <= rcvbuf + NSCTP_RX_SLACK;
}

static bool rx_admit(struct nsctp_assoc *asoc, u32 tsn, struct sk_buff *skb)
{
	struct sock *sk = asoc->sk;
	int rmem = rx_mem_used(asoc);
	int rcvbuf = READ_ONCE(sk->sk_rcvbuf);

	if (tsn == nsctp_tsnmap_cum(&asoc->tsnmap) + 1 ?
	    !rx_next_fits(rmem, rcvbuf, skb->truesize) :
	    rmem + (int)skb->truesize > rcvbuf)
		return false;
	if (!sk_rmem_schedule(sk, skb, skb->truesize))
		return false;
	rx_charge(asoc, skb);
	return true;
}

/* reasm.c decided: a message of several fragments. The first one's skb
 * is a head with that fragment's clone on its frag_list (see
 * nsctp_sm_data_rcv()); the others' clones join it there.
 */
static struct nsctp_frag *rx_join(struct nsctp_reasm *r,
				  struct list_head *run)
{
	struct nsctp_frag *first = list_first_entry(run, struct nsctp_frag,
						    list);
	struct sk_buff *head = frag_skb(first), *skb, **tail;
	struct nsctp_frag *f, *tmp;

	tail = &skb_shinfo(head)->frag_list->next;
	list_for_each_entry_safe(f, tmp, run, list) {
		if (f == first)
			continue;
		list_del(&f->list);
		skb = frag_skb(f);
		skb->next = NULL;
		*tail = skb;
		tail = &skb->next;
		head->len += skb->len;
		head->data_len += skb->len;
		head->truesize += skb->truesize;
	}
	NSCTP_INC_STATS(sock_net(reasm_asoc(r)->sk), REASMUSRMSGS);
	return first;
}

/* reasm.c decided: @f goes to the user, a whole message or a piece. */
static void rx_deliver(struct nsctp_reasm *r, struct nsctp_frag *f)
{
	ulp_queue(reasm_asoc(r), frag_skb(f), f->flags & NSCTP_FRAG_E);
}

static void rx_free(struct nsctp_reasm *r, struct nsctp_frag *f)
{
	rx_uncharge(reasm_asoc(r), frag_skb(f));
	kfree_skb(frag_skb(f));
}

static const struct nsctp_reasm_ops rx_ops = {
	.join		= rx_join,
	.deliver	= rx_deliver,
	.free		= rx_free,
	.ext_off	= offsetof(struct sk_buff, rbnode) -
			  offsetof(struct sk_buff, cb),
};

/* SCTP_FRAGMENT_INTERLEAVE level 0 (RFC 6458 §8.1.20): on a one-to-many
 * socket, a partial delivery on one association holds the deliveries
 * of all the others until its last piece went.
 */
static bool pd_holds_socket(const struct nsctp_assoc *asoc)
{
	return !nsctp_one_to_one(asoc->sk) &&
	       !nsctp_sk(asoc->sk)->opts.frag_interleave;
}

static void pd_maybe_start(struct nsctp_assoc *asoc);

/* @asoc's partial delivery started or ended (@was: under way before):
 * hold or release the socket's other associations at level 0. After a
 * release, one of them may start a partial delivery of its own, which
 * holds the rest again.
 */
static void pd_changed(struct nsctp_assoc *asoc, bool was)
{
	bool now = nsctp_reasm_pd_active(&asoc->reasm);
	struct nsctp_sock *ns;
	struct nsctp_assoc *a;

	if (now == was || !pd_holds_socket(asoc))
		return;
	ns = nsctp_sk(asoc->sk);
	list_for_each_entry(a, &ns->assocs, node) {
		if (a != asoc && a->in_ssn)
			nsctp_reasm_hold(&a->reasm, now);
	}
	if (now)
		return;
	list_for_each_entry(a, &ns->assocs, node) {
		if (a == asoc || !a->in_ssn || a->reasm.held)
			continue;
		pd_maybe_start(a);
		if (nsctp_reasm_pd_active(&a->reasm))
			break;
	}
}

/* Start a partial delivery if one is due (§6.9): the window is nearly
 * exhausted, or a message reached SCTP_PARTIAL_DELIVERY_POINT.
 */
static void pd_maybe_start(struct nsctp_assoc *asoc)
{
	bool was = nsctp_reasm_pd_active(&asoc->reasm);

	nsctp_reasm_pd_start(&asoc->reasm,
			     nsctp_rwnd_now(asoc) < pmtu_of(asoc),
			     nsctp_sk(asoc->sk)->opts.pd_point);
	pd_changed(asoc, was);
}

/* A new association of a socket where another one is in a partial
 * delivery at level 0 starts held.
 */
static void pd_hold_new(struct nsctp_assoc *asoc)
{
	struct nsctp_assoc *a;

	if (!pd_holds_socket(asoc))
		return;
	list_for_each_entry(a, &nsctp_sk(asoc->sk)->assocs, node) {
		if (a != asoc && nsctp_reasm_pd_active(&a->reasm)) {
			nsctp_reasm_hold(&asoc->reasm, true);
			return;
		}
	}
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

	BUILD_BUG_ON(sizeof(struct nsctp_rx_cb) >
		     sizeof_field(struct sk_buff, cb));
	/* reasm.h uses the chunk's own flag bits */
	BUILD_BUG_ON((NSCTP_FRAG_B ^ SCTP_DATA_FIRST_FRAG) |
		     (NSCTP_FRAG_E ^ SCTP_DATA_LAST_FRAG) |
		     (NSCTP_FRAG_U ^ SCTP_DATA_UNORDERED));
	nsctp_inq_free(asoc);
	asoc->in_ssn = kcalloc(n, sizeof(u16), gfp);
	asoc->out_ssn = kcalloc(n, sizeof(u16), gfp);
	if (!asoc->in_ssn || !asoc->out_ssn ||
	    nsctp_tsnmap_init(&asoc->tsnmap, asoc->peer_cum_tsn + 1, gfp)) {
		nsctp_inq_free(asoc);
		return -ENOMEM;
	}
	nsctp_reasm_init(&asoc->reasm, &rx_ops, asoc->in_ssn,
			 asoc->in_streams);
	pd_hold_new(asoc);
	asoc->streams_alloc = n;
	asoc->rwnd_init = asoc->local_rwnd;
	asoc->rwnd_adv = asoc->rwnd_init;
	asoc->rwnd_held = 0;
	asoc->sack_sent = false;
	asoc->rx_ratio = 1 << 15;	/* until measured: payload is half */
	asoc->rcvq_copied = 0;
	asoc->rcvq_space = asoc->rwnd_init;
	asoc->rcvq_stamp = jiffies;
	asoc->data_pkts = 0;
	return 0;
}

/* Free the receive side: queued fragments, SSN arrays, TSN map. */
void nsctp_inq_free(struct nsctp_assoc *asoc)
{
	bool was = nsctp_reasm_pd_active(&asoc->reasm);

	nsctp_reasm_purge(&asoc->reasm);
	pd_changed(asoc, was);
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
	const struct sock *sk = asoc->sk;
	int room = READ_ONCE(sk->sk_rcvbuf) - rx_mem_used(asoc);
	u32 w = asoc->rwnd_init > asoc->rwnd_held ?
		asoc->rwnd_init - asoc->rwnd_held : 0;

	/* the payload window, no more than the payload the memory left
	 * holds at what payload has cost so far (small chunks cost many
	 * times their size): a peer that keeps to it is never dropped
	 */
	if (room <= 0)
		return 0;
	return min_t(u64, w, ((u64)room * asoc->rx_ratio) >> 16);
}

/* What a chunk of @len payload bytes in @skb cost: a moving average of
 * payload per truesize (1/8 weight per chunk), for nsctp_rwnd_now().
 */
static void rx_ratio_update(struct nsctp_assoc *asoc, u32 len,
			    const struct sk_buff *skb)
{
	u32 r = min_t(u64, ((u64)len << 16) / skb->truesize, 1 << 16);

	asoc->rx_ratio += (s32)(r - asoc->rx_ratio) / 8;
}

/* The skb reassembly keeps for a new chunk, its payload in @clone: the
 * clone itself, or for the first fragment of a message in several a
 * head skb that carries the clone on its frag_list, so that joining the
 * message later needs no memory. NULL without memory.
 */
static struct sk_buff *rx_skb_of(struct sk_buff *clone, u8 flags)
{
	struct sk_buff *head;

	if ((flags & NSCTP_FRAG_BE) != NSCTP_FRAG_B)
		return clone;
	head = alloc_skb(0, GFP_ATOMIC);
	if (!head)
		return NULL;
	head->tstamp = clone->tstamp;	/* the message's receive stamp */
	clone->next = NULL;
	skb_shinfo(head)->frag_list = clone;
	head->len = clone->len;
	head->data_len = clone->len;
	head->truesize += clone->truesize;
	return head;
}

/* §6.5: DATA for a stream that does not exist; one ERROR per packet. */
static void send_invalid_stream(struct nsctp_assoc *asoc,
				struct nsctp_rcv_ctx *ctx,
				const struct sctp_datahdr *dh)
{
	__be16 v[2] = { dh->stream, 0 };	/* stream, reserved */

	nsctp_rcv_error(ctx, asoc, SCTP_ERROR_INV_STRM, v, sizeof(v));
}

/* §6.2: may DATA be taken in this state? */
static bool data_accepted(const struct nsctp_assoc *asoc)
{
	return asoc->state == SCTP_ESTABLISHED ||
	       asoc->state == SCTP_SHUTDOWN_PENDING ||
	       asoc->state == SCTP_SHUTDOWN_SENT;
}

/* Drop the first @n bytes of @skb, which nobody else holds or shares
 * the data of: from the linear part, then from the page fragments (a
 * pull would copy those into the head).
 */
static void payload_advance(struct sk_buff *skb, unsigned int n)
{
	struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int hlen = skb_headlen(skb), i, k = 0;

	if (n <= hlen) {
		__skb_pull(skb, n);
		return;
	}
	__skb_pull(skb, hlen);
	n -= hlen;
	skb->len -= n;
	skb->data_len -= n;
	for (i = 0; i < si->nr_frags; i++) {
		skb_frag_t *f = &si->frags[i];

		if (n >= skb_frag_size(f)) {
			n -= skb_frag_size(f);
			skb_frag_unref(skb, i);
			continue;
		}
		skb_frag_off_add(f, n);
		skb_frag_size_sub(f, n);
		n = 0;
		si->frags[k++] = *f;
	}
	si->nr_frags = k;
}

/* The packet itself as the skb of its last DATA chunk's payload (@len
 * bytes at @off), when nobody else holds it or shares its data (no clone
 * of it is around, say for a packet tap): no allocation at all. The
 * caller still frees its reference after the packet is processed; the
 * one taken here goes to the receive queue. Return: NULL if it cannot.
 */
static struct sk_buff *payload_steal(struct sk_buff *skb, unsigned int off,
				     unsigned int len)
{
	if (skb_shared(skb) || skb_cloned(skb) || skb_has_frag_list(skb))
		return NULL;
	/* its route and conntrack entry are gone already (input.c) */
	skb_get(skb);
	skb_orphan(skb);
	payload_advance(skb, off);
	if (pskb_trim(skb, len)) {	/* not cloned: never allocates */
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* An skb of the @len payload bytes at @off of packet @skb, sharing its
 * memory: the packet itself when the chunk is its last (@last) and it
 * can be (payload_steal()); of a linear packet, a clone cut down to
 * them; else a new skb whose fragments reference the packet's pages (a
 * clone could not be cut without copying its head and fragment array),
 * and whose linear part copies what of the payload lies in the packet's
 * (nothing, or a few bytes, for the packets not made linear: input.c).
 */
static struct sk_buff *payload_skb(struct sk_buff *skb, unsigned int off,
				   unsigned int len, bool last)
{
	unsigned int hlen = skb_headlen(skb), copy = 0, pos, i, total = len;
	const struct skb_shared_info *si = skb_shinfo(skb);
	struct sk_buff *p;

	/* A small payload is copied: it then pins no buffer of the packet
	 * (a 1-byte chunk in a clone would hold kilobytes).
	 */
	if (len <= NSCTP_RX_COPY_MAX) {
		p = alloc_skb(len, GFP_ATOMIC);
		if (p && skb_copy_bits(skb, off, skb_put(p, len), len)) {
			kfree_skb(p);
			return NULL;
		}
		if (p)
			p->tstamp = skb->tstamp;
		return p;
	}
	if (last) {
		p = payload_steal(skb, off, len);
		if (p)
			return p;
	}
	if (!skb_is_nonlinear(skb)) {
		p = skb_clone(skb, GFP_ATOMIC);
		if (p) {
			__skb_pull(p, off);
			__skb_trim(p, len);
			/* its share of the packet it pins */
			p->truesize = SKB_TRUESIZE(len);
		}
		return p;
	}
	if (off < hlen)
		copy = min(len, hlen - off);
	p = alloc_skb(copy, GFP_ATOMIC);
	if (!p)
		return NULL;
	skb_put_data(p, skb->data + off, copy);
	off += copy;
	len -= copy;
	for (i = 0, pos = hlen; len && i < si->nr_frags; i++) {
		const skb_frag_t *f = &si->frags[i];
		unsigned int fsz = skb_frag_size(f), take, n;

		if (off >= pos + fsz) {
			pos += fsz;
			continue;
		}
		take = min(len, pos + fsz - off);
		n = skb_shinfo(p)->nr_frags;
		skb_fill_page_desc(p, n, skb_frag_page(f),
				   skb_frag_off(f) + off - pos, take);
		skb_frag_ref(p, n);
		p->len += take;
		p->data_len += take;
		off += take;
		len -= take;
		pos += fsz;
	}
	if (len) {	/* the packet was validated: cannot happen */
		kfree_skb(p);
		return NULL;
	}
	skb_shinfo(p)->flags |= si->flags & SKBFL_SHARED_FRAG;
	p->tstamp = skb->tstamp;
	/* its share of the pages it references (@len counted down to 0) */
	p->truesize = SKB_TRUESIZE(total);
	return p;
}

/**
 * nsctp_sm_data_rcv() - one DATA chunk for @asoc
 * @asoc: the association, socket locked
 * @ctx: the packet's walk; @ctx->taken is set when the chunk's payload
 *	took the packet skb itself (it was the packet's last chunk)
 * @skb: the packet it came in (validated)
 * @ch: the chunk's header (at least a DATA header; maybe a copy)
 * @off: where the chunk starts in @skb
 */
void nsctp_sm_data_rcv(struct nsctp_assoc *asoc, struct nsctp_rcv_ctx *ctx,
		       struct sk_buff *skb, const struct sctp_chunkhdr *ch,
		       unsigned int off)
{
	const struct sctp_datahdr *dh = (const void *)(ch + 1);
	u32 len = ntohs(ch->length) - nsctp_data_chunk_len(0);
	struct net *net = sock_net(asoc->sk);
	u32 tsn = ntohl(dh->tsn);
	struct sk_buff *clone, *rx_skb;
	struct nsctp_rx_cb *rx;
	bool was_pd;
	u8 flags;

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
		asoc->stats.outofseqtsns++;
		asoc->sack_now = true;
		return;
	}
	if (ntohs(dh->stream) >= asoc->in_streams) {
		/* §6.5: report it, and acknowledge the TSN all the same */
		send_invalid_stream(asoc, ctx, dh);
		if (!nsctp_tsnmap_mark(&asoc->tsnmap, tsn, GFP_ATOMIC))
			asoc->sack_now = true;
		return;
	}
	/* §6.2: once we advertised a window of 0 (and it is still 0), a
	 * TSN beyond the highest received is dropped, a zero window probe
	 * too, and a SACK goes at once with the window as it is. A TSN
	 * that fills a gap is still taken when memory allows (rx_admit()):
	 * it is what lets delivery, and so the user's reads, go on, where
	 * the RFC would have us drop the highest TSN held to make room.
	 * So is a small chunk within the payload window the peer counts:
	 * our window follows what memory small chunks cost, so it can shut
	 * on them while the peer still has some in flight that it sent
	 * inside the window it knew (NSCTP_RX_DRIFT_MAX).
	 */
	if (!asoc->rwnd_adv && !nsctp_rwnd_now(asoc) &&
	    (s32)(tsn - nsctp_tsnmap_highest(&asoc->tsnmap)) > 0 &&
	    (len > NSCTP_RX_DRIFT_MAX ||
	     asoc->rwnd_held + len > asoc->rwnd_init))
		goto full;
	/* §6.2: no room (rx_admit()), then not taken, and not acked */
	if (tsn != nsctp_tsnmap_cum(&asoc->tsnmap) + 1 &&
	    rx_mem_used(asoc) + SKB_TRUESIZE(len) >
	    READ_ONCE(asoc->sk->sk_rcvbuf))
		goto full;
	clone = payload_skb(skb, off + sizeof(struct sctp_data_chunk), len,
			    off + ALIGN(ntohs(ch->length), 4) >= skb->len);
	if (!clone)
		goto nomem;
	if (clone == skb)
		ctx->taken = true;
	flags = ch->flags & (NSCTP_FRAG_BE | NSCTP_FRAG_U);
	rx_skb = rx_skb_of(clone, flags);
	if (!rx_skb) {
		kfree_skb(clone);
		goto nomem;
	}
	if (!rx_admit(asoc, tsn, rx_skb)) {
		kfree_skb(rx_skb);
		goto full;
	}
	rx_ratio_update(asoc, len, rx_skb);
	if (nsctp_tsnmap_mark(&asoc->tsnmap, tsn, GFP_ATOMIC)) {
		rx_uncharge(asoc, rx_skb);
		kfree_skb(rx_skb);
		goto nomem;
	}
	rx = NSCTP_RX_CB(rx_skb);
	memset(rx, 0, sizeof(*rx));
	rx->frag.tsn = tsn;
	rx->frag.len = len;
	rx->frag.sid = ntohs(dh->stream);
	rx->frag.ssn = ntohs(dh->ssn);
	rx->frag.flags = flags;
	rx->ppid = (__force __be32)dh->ppid;
	if (flags & NSCTP_FRAG_U) {
		NSCTP_INC_STATS(net, INUNORDERCHUNKS);
		asoc->stats.iuodchunks++;
	} else {
		NSCTP_INC_STATS(net, INORDERCHUNKS);
		asoc->stats.iodchunks++;
	}
	if (nsctp_tsnmap_has_gaps(&asoc->tsnmap))
		asoc->sack_now = true;
	was_pd = nsctp_reasm_pd_active(&asoc->reasm);
	if (nsctp_reasm_add(&asoc->reasm, &rx->frag) != NSCTP_REASM_OK) {
		/* Fragments that contradict each other, or a message
		 * whose SSN was delivered already: the peer is broken
		 * (RFC 9260 §6.9, §3.3.10.13).
		 */
		rx_uncharge(asoc, rx_skb);
		kfree_skb(rx_skb);
		nsctp_abort_with(asoc, SCTP_ERROR_PROTO_VIOLATION, &dh->tsn,
				 sizeof(dh->tsn));
		return;
	}
	asoc->rwnd_held += len;
	pd_changed(asoc, was_pd);
	if (!list_empty(&asoc->reasm.frags))
		pd_maybe_start(asoc);
	return;
full:
	NSCTP_INC_STATS(net, IN_DATA_CHUNK_DISCARDS);
	/* a full buffer may hold a message that could go in pieces */
	if (!list_empty(&asoc->reasm.frags))
		pd_maybe_start(asoc);
	asoc->sack_now = true;
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
	const struct nsctp_aopts *o = &asoc->aopts;

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
	/* The first DATA of an association is acknowledged at once (§5.1,
	 * as §6.2 asks of a duplicate or a gap): the peer's first RTT
	 * sample and its congestion window must not wait for our SACK timer.
	 */
	if (!asoc->sack_sent)
		asoc->sack_now = true;
	/* §9.2: in SHUTDOWN-SENT, every packet with DATA gets a SHUTDOWN,
	 * at once and in the packet of the SACK
	 */
	if (asoc->state == SCTP_SHUTDOWN_SENT) {
		asoc->shutdown_due = true;
		asoc->sack_now = true;
	}
	/* In a batch (input.c), sack_freq counts at its end, but a SACK
	 * still goes every NSCTP_BATCH_SACK_PKTS packets: a peer whose whole
	 * window came in one batch would otherwise have one SACK to go on,
	 * and the loss of that one would stop it until T3 (an RTO of at
	 * least a second).
	 */
	++asoc->data_pkts;
	if (asoc->sack_now || o->sack_off || !o->sack_delay ||
	    (asoc->data_pkts >= o->sack_freq && !asoc->rx_batch) ||
	    asoc->data_pkts >= max_t(u32, o->sack_freq,
				     NSCTP_BATCH_SACK_PKTS)) {
		nsctp_outq_flush(asoc);
	} else if (!timer_pending(&asoc->timers[NSCTP_SACK])) {
		nsctp_timer_start(asoc, NSCTP_SACK);
	}
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
	asoc->sack_sent = true;
	asoc->data_pkts = 0;
	nsctp_timer_stop(asoc, NSCTP_SACK);
	NSCTP_INC_STATS(sock_net(asoc->sk), OUTCTRLCHUNKS);
	asoc->stats.octrlchunks++;
	asoc->stats.osacks++;
	asoc->stats.idupchunks += nd;
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

/* Receive buffer autotuning, as TCP's (dynamic right-sizing): once a
 * round trip, what the user read in it is the rate the peer can send
 * at; a window of twice that keeps the pipe full while the reader
 * lags a round trip. When that is more than the window offered, the
 * buffer grows (a window is half the buffer, which holds the chunks'
 * overhead too), up to net.sctp.sctp_rmem[2] and never once the user
 * set SO_RCVBUF, nor under memory pressure. The buffer never shrinks
 * here; the window the peer sees grows at the next window update.
 */
static void rcvbuf_tune(struct sock *sk, struct nsctp_assoc *asoc, u32 bytes)
{
	const struct nsctp_path *path = asoc->primary;
	unsigned long rtt = max(msecs_to_jiffies(path ? path->srtt : 0), 1UL);
	int rcvbuf, cap;
	u64 want;

	asoc->rcvq_copied += bytes;
	if (time_before(jiffies, asoc->rcvq_stamp + rtt))
		return;
	want = asoc->rcvq_copied;
	asoc->rcvq_copied = 0;
	asoc->rcvq_stamp = jiffies;
	if (want <= asoc->rcvq_space)
		return;
	asoc->rcvq_space = want;
	if ((sk->sk_userlocks & SOCK_RCVBUF_LOCK) ||
	    sk_under_memory_pressure(sk))
		return;
	/* a window of two round trips' worth, in a buffer of twice that */
	want *= 4;
	cap = READ_ONCE(sk->sk_prot->sysctl_rmem[2]);
	rcvbuf = min_t(u64, want, cap);
	if (rcvbuf > READ_ONCE(sk->sk_rcvbuf))
		WRITE_ONCE(sk->sk_rcvbuf, rcvbuf);
	asoc->rwnd_init = max_t(u32, asoc->rwnd_init,
				nsctp_rwnd_offer(sk));
}

/**
 * nsctp_rwnd_read() - the user read @bytes of association @id's data
 * @sk: the socket, locked
 * @id: the association the data came from
 * @bytes: payload bytes consumed
 * @freed: the truesize of the message freed by this read (0 when a part
 *	of it stays queued)
 *
 * Reopens the window, and tells the peer when it grew by enough to
 * matter (a window update SACK).
 */
void nsctp_rwnd_read(struct sock *sk, sctp_assoc_t id, u32 bytes, u32 freed)
{
	struct nsctp_assoc *asoc = nsctp_assoc_by_id(sk, id);
	u32 now, step, full;

	if (!asoc || !asoc->in_ssn)
		return;
	asoc->rwnd_held -= min(asoc->rwnd_held, bytes);
	asoc->rx_mem -= min(asoc->rx_mem, freed);
	if (!data_accepted(asoc))
		return;
	rcvbuf_tune(sk, asoc, bytes);
	now = nsctp_rwnd_now(asoc);
	/* An update is worth a packet once the window grew by a good part
	 * of what it can be (or of a packet, where packets are small).
	 * What it can be is less than offered when the payload costs more
	 * memory than it carries (small messages, nsctp_rwnd_now()).
	 */
	full = min_t(u64, asoc->rwnd_init,
		     ((u64)READ_ONCE(sk->sk_rcvbuf) * asoc->rx_ratio) >> 16);
	step = max(full >> nsctp_pernet(sock_net(sk))->params.rwnd_update_shift,
		   min(pmtu_of(asoc), full / 4));
	if (now > asoc->rwnd_adv && now - asoc->rwnd_adv >= step)
		nsctp_send_sack(asoc);
	if (!list_empty(&asoc->reasm.frags))
		pd_maybe_start(asoc);
}
