// SPDX-License-Identifier: GPL-2.0
/*
 * The way in: IPPROTO_SCTP handlers for IPv4 and IPv6.
 *
 * nsctp claims the protocol number before anything else at load time, so
 * that a second SCTP stack (the in-tree sctp.ko) can never half-register
 * next to it; the handlers stay inert (drop everything) until the rest of
 * the module is up, and become inert again before it is torn down.
 *
 * Destination type, CRC32c (RFC 9260 §6.8) and the layout of every chunk
 * (parse.c) are checked and counted once; then the packet goes to its
 * association (sm.c), else to a listening endpoint (sm_init.c), else it
 * is out of the blue and answered as §8.4 says.
 */
#include <linux/filter.h>
#include <linux/skbuff.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/protocol.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/xfrm.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>
#include <net/nsctp/parse.h>

static bool nsctp_input_live __read_mostly;

static bool nsctp_csum_ok(struct sk_buff *skb)
{
	struct sctphdr *sh = sctp_hdr(skb);

	if (skb_csum_unnecessary(skb))
		return true;
	return nsctp_crc32c_skb(skb, skb_transport_offset(skb)) == sh->checksum;
}

/* §8.4 (1): never answer to or from a non-unicast address. A packet from
 * the backlog may have lost its route (skb_dst_force()), and the packets
 * a socket takes lose it at once (nsctp_rcv_allowed()): the destination's
 * type is then looked up again.
 */
static bool nsctp_unicast(struct net *net, struct sk_buff *skb)
{
	const struct rtable *rt;
	__be32 daddr;

#if IS_ENABLED(CONFIG_IPV6)
	if (skb->protocol == htons(ETH_P_IPV6))
		return !((ipv6_addr_type(&ipv6_hdr(skb)->saddr) |
			  ipv6_addr_type(&ipv6_hdr(skb)->daddr)) &
			 IPV6_ADDR_MULTICAST);
#endif
	rt = skb_rtable(skb);
	daddr = ip_hdr(skb)->daddr;
	if (rt ? rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST) :
		 ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr) ||
		 inet_addr_type(net, daddr) == RTN_BROADCAST)
		return false;
	return !ipv4_is_multicast(ip_hdr(skb)->saddr) &&
	       !ipv4_is_lbcast(ip_hdr(skb)->saddr) &&
	       !ipv4_is_zeronet(ip_hdr(skb)->saddr);
}

static unsigned short skb_family(const struct sk_buff *skb)
{
	return skb->protocol == htons(ETH_P_IPV6) ? AF_INET6 : AF_INET;
}

/* The protocol is registered with no_policy, so what the IP layer leaves
 * to it for a packet that reaches socket @sk (an association's or a
 * listener's) is done here, before the packet is processed or queued
 * to the backlog: the inbound IPsec policy (a cleartext packet where the
 * policy wants ESP goes), then conntrack and the route are let go of,
 * since chunks of the packet may stay queued for long, and last the
 * socket's filters (sk_filter(): SO_ATTACH_FILTER, cgroup ingress BPF,
 * security_sock_rcv_skb()). A filter takes or drops the whole packet:
 * it may not cut it short (the cap is its length), as that would cut
 * chunks the parse already counted.
 * Return: true to go on; false: counted, and the caller frees @skb.
 */
static bool nsctp_rcv_allowed(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);

	if (!xfrm_policy_check(sk, XFRM_POLICY_IN, skb, skb_family(skb))) {
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		return false;
	}
	nf_reset_ct(skb);
	skb_dst_drop(skb);
	if (sk_filter_trim_cap(sk, skb, skb->len)) {
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		return false;
	}
	return true;
}

/* Chunks that §8.4 (2), (6), (7) say to drop silently when out of the blue. */
static bool nsctp_ootb_silent(const u8 *pkt, const struct nsctp_pkt_info *info)
{
	const struct sctp_chunkhdr *ch = nsctp_chunk_first(pkt);
	unsigned int i;

	if (nsctp_pkt_has(info, SCTP_CID_ABORT) ||
	    nsctp_pkt_has(info, SCTP_CID_SHUTDOWN_COMPLETE) ||
	    nsctp_pkt_has(info, SCTP_CID_COOKIE_ACK))
		return true;
	if (!nsctp_pkt_has(info, SCTP_CID_ERROR))
		return false;
	for (i = 0; i < info->nchunks; i++, ch = nsctp_chunk_next(ch))
		/* §8.4 (7): a stale-cookie ERROR */
		if (ch->type == SCTP_CID_ERROR &&
		    nsctp_cause_find(ch, SCTP_ERROR_STALE_COOKIE))
			return true;
	return false;
}

/* RFC 9260 §8.4: a packet no association claims. INIT is answered with
 * an ABORT carrying its Initiate Tag (T bit clear); SHUTDOWN ACK with a
 * SHUTDOWN COMPLETE and anything else with an ABORT, both reflecting the
 * packet's tag (T bit set). Nothing is allocated but the reply.
 */
void nsctp_ootb(struct net *net, struct sk_buff *skb,
		const struct nsctp_pkt_info *info)
{
	const u8 *pkt = skb_transport_header(skb);
	const struct sctphdr *sh = sctp_hdr(skb);
	struct nsctp_reply r = {
		.vtag	= sh->vtag,
		.type	= SCTP_CID_ABORT,
		.flags	= SCTP_CHUNK_FLAG_T,
	};

	NSCTP_INC_STATS(net, OUTOFBLUES);
	if (!nsctp_unicast(net, skb) || nsctp_ootb_silent(pkt, info))
		return;
	if (info->first_type == SCTP_CID_INIT) {
		const struct sctp_inithdr *init =
			(const void *)(nsctp_chunk_first(pkt) + 1);

		/* §8.5.1 (A), §3.3.2: zero tags are never answered. */
		if (sh->vtag || !init->init_tag)
			return;
		r.vtag = init->init_tag;
		r.flags = 0;
	} else if (nsctp_pkt_has(info, SCTP_CID_SHUTDOWN_ACK)) {
		r.type = SCTP_CID_SHUTDOWN_COMPLETE;
	}
	nsctp_reply(net, skb, &r);
}

/* The user owns @sk (bh-locked): queue @skb for release_sock(), unlock. */
static void rcv_backlog(struct sock *sk, struct sk_buff *skb)
	__releases(&sk->sk_lock.slock)
{
	struct net *net = sock_net(sk);

	/* Room for a window of DATA and the SACKs of what we send. */
	if (sk_add_backlog(sk, skb, READ_ONCE(sk->sk_rcvbuf) +
			   READ_ONCE(sk->sk_sndbuf) + 2 * GSO_LEGACY_MAX_SIZE)) {
		bh_unlock_sock(sk);
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		kfree_skb(skb);
		return;
	}
	NSCTP_INC_STATS(net, IN_PKT_BACKLOG);
	bh_unlock_sock(sk);
}

/* Hand @skb to the listening socket @sk now, or through its backlog. */
static void nsctp_rcv_endpoint(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);

	if (!nsctp_rcv_allowed(sk, skb)) {
		kfree_skb(skb);
		return;
	}
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk)) {
		rcv_backlog(sk, skb);
		return;
	}
	NSCTP_INC_STATS(net, IN_PKT_SOFTIRQ);
	nsctp_sm_endpoint_rcv(sk, skb);
	bh_unlock_sock(sk);
	consume_skb(skb);
}

/* Hand @skb to @asoc, whose socket may change under us (accept(),
 * peeloff); BHs off.
 */
static void nsctp_rcv_assoc(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	struct sock *sk = READ_ONCE(asoc->sk);
	struct net *net = sock_net(sk);

	if (!nsctp_rcv_allowed(sk, skb)) {
		kfree_skb(skb);
		return;
	}
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk)) {
		rcv_backlog(sk, skb);
		return;
	}
	NSCTP_INC_STATS(net, IN_PKT_SOFTIRQ);
	if (asoc->sk == sk && !asoc->dead)
		nsctp_sm_assoc_rcv(asoc, skb);
	bh_unlock_sock(sk);
	consume_skb(skb);
}

/* @asoc takes packets from @sk's backlog: its SACK waits for the end. */
static void batch_join(struct sock *sk, struct nsctp_assoc *asoc)
{
	if (asoc->rx_batch)
		return;
	asoc->rx_batch = true;
	nsctp_assoc_hold(asoc);
	list_add_tail(&asoc->batch_node, &nsctp_sk(sk)->rx_batch);
}

/* The owner of the socket released it: what waited in the backlog. The
 * association may have gone or moved meanwhile, so look again.
 */
int nsctp_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	union nsctp_addr daddr, saddr;
	struct nsctp_assoc *asoc;

	nsctp_addr_from_skb(skb, &daddr, false);
	nsctp_addr_from_skb(skb, &saddr, true);
	asoc = nsctp_assoc_lookup(sock_net(sk), &daddr, &saddr);
	if (asoc && asoc->sk == sk) {
		batch_join(sk, asoc);
		nsctp_sm_assoc_rcv(asoc, skb);
	} else if (asoc) {
		/* moved by accept() or peeloff while @sk was owned: on to
		 * its new socket, now or through that one's backlog
		 */
		local_bh_disable();
		nsctp_rcv_assoc(asoc, skb);
		local_bh_enable();
		nsctp_assoc_put(asoc);
		return 0;
	} else if (NSCTP_SKB_CB(skb)->info.bad_first) {
		NSCTP_INC_STATS(sock_net(sk), IN_PKT_DISCARDS);
	} else if (sk->sk_state == TCP_LISTEN) {
		nsctp_sm_endpoint_rcv(sk, skb);
	} else {
		nsctp_ootb(sock_net(sk), skb, &NSCTP_SKB_CB(skb)->info);
	}
	if (asoc)
		nsctp_assoc_put(asoc);
	kfree_skb(skb);
	return 0;
}

/**
 * nsctp_release_cb() - release_sock() drained the backlog
 * @sk: the socket, still owned, its spinlock held
 *
 * The associations that took packets from it apply their SACK policy
 * now, once for the run (nsctp_sm_batch_end()), as for a GSO batch.
 */
void nsctp_release_cb(struct sock *sk)
{
	struct nsctp_assoc *asoc, *tmp;

	list_for_each_entry_safe(asoc, tmp, &nsctp_sk(sk)->rx_batch,
				 batch_node) {
		list_del_init(&asoc->batch_node);
		asoc->rx_batch = false;
		if (!asoc->dead && asoc->sk == sk)
			nsctp_sm_batch_end(asoc);
		nsctp_assoc_put(asoc);
	}
}

/* A packet in page fragments (loopback at its 64 KiB MTU, GSO segments,
 * NICs that split headers): its DATA chunks are checked where they lie,
 * by their headers. Making it linear instead would copy every bundle of
 * DATA into a new buffer of up to 64 KiB (an order-4 atomic allocation,
 * zeroed first on kernels with init_on_alloc), a second copy of all the
 * data. Only the shape bulk transfer has is taken here: SACKs (made
 * linear; they come first), then DATA chunks only. Anything else takes
 * the general way, which also reports exactly what is wrong.
 * Return: true if @skb was validated here (@info filled in).
 */
static bool nsctp_parse_in_place(struct sk_buff *skb,
				 struct nsctp_pkt_info *info)
{
	unsigned int off = skb_transport_offset(skb) + sizeof(struct sctphdr);
	const struct sctp_chunkhdr *ch;
	struct sctp_chunkhdr buf;
	bool data = false;

	if (!skb_is_nonlinear(skb) || skb_has_frag_list(skb) ||
	    skb->len - skb_transport_offset(skb) > 0xffff || off >= skb->len)
		return false;
	memset(info, 0, sizeof(*info));
	while (off < skb->len) {
		unsigned int clen, left = skb->len - off;
		u8 type;

		ch = skb_header_pointer(skb, off, sizeof(buf), &buf);
		if (!ch)	/* fewer than 4 bytes left */
			return false;
		clen = ntohs(ch->length);
		type = ch->type;
		if (clen < sizeof(buf) || clen > left)
			return false;
		if (type == SCTP_CID_DATA) {
			if (clen < sizeof(struct sctp_data_chunk))
				return false;
			data = true;
		} else if (data || type != SCTP_CID_SACK ||
			   !pskb_may_pull(skb, off + clen) ||
			   nsctp_parse_chunk(skb->data + off, clen)) {
			return false;
		}
		if (!info->nchunks)
			info->first_type = type;
		info->nchunks++;
		info->seen |= BIT_ULL(type);
		if (ALIGN(clen, 4) >= left)
			break;
		off += ALIGN(clen, 4);
	}
	return true;
}

/* What every packet passes once: the CRC32c and the layout of each of
 * its chunks. Return: 0, or -1 with @skb counted and freed.
 */
static int nsctp_rcv_check(struct net *net, struct sk_buff *skb)
{
	struct nsctp_pkt_info *info = &NSCTP_SKB_CB(skb)->info;

	NSCTP_INC_STATS(net, INSCTPPACKS);
	if (!nsctp_csum_ok(skb)) {
		NSCTP_INC_STATS(net, CHECKSUMERRORS);
		goto discard;
	}
	/* Other packets are made linear once, so that the parser and the
	 * protocol see plain bytes: control chunks are small, and packets
	 * are at most one PMTU here (no GRO for SCTP).
	 */
	if (!nsctp_parse_in_place(skb, info) &&
	    (skb_linearize(skb) ||
	     nsctp_parse_packet(skb_transport_header(skb), skb->len, info)))
		goto bad;
	info->bad_first = 0;
	return 0;
bad:
	/* An INIT ACK too short for its fixed part, or an INIT ACK or
	 * SHUTDOWN COMPLETE bundled with other chunks (§6.10): only an
	 * association in COOKIE-WAIT (INIT ACK) or SHUTDOWN-ACK-SENT
	 * (SHUTDOWN COMPLETE), whose tag it carries, may act on it
	 * (nsctp_sm_bad_first()); it is not parsed further.
	 */
	if (!skb_is_nonlinear(skb) &&
	    skb->len >= sizeof(struct sctphdr) + sizeof(struct sctp_chunkhdr)) {
		u8 type = skb_transport_header(skb)[sizeof(struct sctphdr)];

		if (type == SCTP_CID_INIT_ACK ||
		    type == SCTP_CID_SHUTDOWN_COMPLETE) {
			memset(info, 0, sizeof(*info));
			info->first_type = type;
			info->bad_first = 1;
			return 0;
		}
	}
discard:
	NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
	kfree_skb(skb);
	return -1;
}

static int nsctp_rcv(struct sk_buff *skb);

/* The packets of one GSO packet, all for @asoc: taken in one go under one
 * lock, with the SACK policy applied once at the end (as for a packet
 * that GRO merged), so that a burst gets one SACK, not one for every
 * second packet of it. Return: false if @asoc cannot take them now.
 */
static bool nsctp_rcv_batch(struct net *net, struct nsctp_assoc *asoc,
			    struct sk_buff *segs)
{
	struct sock *sk = READ_ONCE(asoc->sk);
	struct sk_buff *skb, *next;

	bh_lock_sock(sk);
	if (sock_owned_by_user(sk) || asoc->sk != sk || asoc->dead) {
		bh_unlock_sock(sk);
		return false;
	}
	asoc->rx_batch = true;
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		if (nsctp_rcv_check(net, skb))
			continue;
		if (!nsctp_rcv_allowed(sk, skb)) {
			kfree_skb(skb);
			continue;
		}
		NSCTP_INC_STATS(net, IN_PKT_SOFTIRQ);
		if (!asoc->dead)
			nsctp_sm_assoc_rcv(asoc, skb);
		consume_skb(skb);
	}
	asoc->rx_batch = false;
	if (!asoc->dead)
		nsctp_sm_batch_end(asoc);
	bh_unlock_sock(sk);
	return true;
}

/* A GSO packet from the local stack (loopback, or veth from another
 * namespace): its packets, to their association at once when it is free,
 * else each as if it came alone.
 */
static int nsctp_rcv_gso(struct net *net, struct sk_buff *skb)
{
	struct sk_buff *segs = nsctp_gso_split(skb), *next;
	union nsctp_addr daddr, saddr;
	struct nsctp_assoc *asoc;
	bool done = false;

	if (!segs) {
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		return 0;
	}
	nsctp_addr_from_skb(segs, &daddr, false);
	nsctp_addr_from_skb(segs, &saddr, true);
	asoc = nsctp_assoc_lookup(net, &daddr, &saddr);
	if (asoc) {
		done = nsctp_rcv_batch(net, asoc, segs);
		nsctp_assoc_put(asoc);
	}
	if (done)
		return 0;
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		nsctp_rcv(skb);
	}
	return 0;
}

static int nsctp_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	struct nsctp_pkt_info *info = &NSCTP_SKB_CB(skb)->info;
	union nsctp_addr daddr, saddr;
	struct nsctp_assoc *asoc;
	struct sock *sk;

	if (!READ_ONCE(nsctp_input_live))
		goto drop;
	if (skb->pkt_type != PACKET_HOST)
		goto discard;
	if (!pskb_may_pull(skb, sizeof(struct sctphdr)))
		goto discard;
	if (skb_is_gso(skb))
		return nsctp_rcv_gso(net, skb);
	if (nsctp_rcv_check(net, skb))
		return 0;
	/* An association, else a listening endpoint, else nobody. */
	nsctp_addr_from_skb(skb, &daddr, false);
	nsctp_addr_from_skb(skb, &saddr, true);
	asoc = nsctp_assoc_lookup(net, &daddr, &saddr);
	if (asoc) {
		nsctp_rcv_assoc(asoc, skb);
		nsctp_assoc_put(asoc);
		return 0;
	}
	if (info->bad_first)
		goto discard;
	sk = nsctp_lookup_listener(net, &daddr, ntohs(sctp_hdr(skb)->dest));
	if (sk) {
		nsctp_rcv_endpoint(sk, skb);
		sock_put(sk);
		return 0;
	}
	/* Nobody's: still no answer where IPsec would have dropped it. */
	if (!xfrm_policy_check(NULL, XFRM_POLICY_IN, skb, skb_family(skb)))
		goto discard;
	nsctp_ootb(net, skb, info);
	goto drop;
discard:
	NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
drop:
	kfree_skb(skb);
	return 0;
}

static const struct net_protocol nsctp_v4_protocol = {
	.handler	= nsctp_rcv,
	.err_handler	= nsctp_icmp_v4_err,
	.no_policy	= 1,
	.icmp_strict_tag_validation = 1,
};

#if IS_ENABLED(CONFIG_IPV6)
static const struct inet6_protocol nsctp_v6_protocol = {
	.handler	= nsctp_rcv,
	.err_handler	= nsctp_icmp_v6_err,
	.flags		= INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};
#endif

/**
 * nsctp_input_init() - claim IPPROTO_SCTP for IPv4 and IPv6
 *
 * Return: 0, or -EBUSY (with one line in the log) when another module,
 * normally the in-tree sctp.ko, holds the protocol.
 */
int nsctp_input_init(void)
{
	BUILD_BUG_ON(sizeof(struct nsctp_skb_cb) >
		     sizeof_field(struct sk_buff, cb));
	BUILD_BUG_ON(sizeof(struct nsctp_ulp_cb) >
		     sizeof_field(struct sk_buff, cb));
	if (inet_add_protocol(&nsctp_v4_protocol, IPPROTO_SCTP) < 0)
		goto busy;
#if IS_ENABLED(CONFIG_IPV6)
	if (inet6_add_protocol(&nsctp_v6_protocol, IPPROTO_SCTP) < 0) {
		inet_del_protocol(&nsctp_v4_protocol, IPPROTO_SCTP);
		goto busy;
	}
#endif
	return 0;
busy:
	pr_err("IPPROTO_SCTP (132) is already registered, probably by sctp.ko; unload it (or reboot) to use nsctp\n");
	return -EBUSY;
}

/* The rest of the module is up: start taking packets. */
void nsctp_input_start(void)
{
	WRITE_ONCE(nsctp_input_live, true);
}

/* Stop taking packets and wait until no handler runs any more. */
void nsctp_input_stop(void)
{
	WRITE_ONCE(nsctp_input_live, false);
	synchronize_net();
}

void nsctp_input_exit(void)
{
#if IS_ENABLED(CONFIG_IPV6)
	inet6_del_protocol(&nsctp_v6_protocol, IPPROTO_SCTP);
#endif
	inet_del_protocol(&nsctp_v4_protocol, IPPROTO_SCTP);
}
