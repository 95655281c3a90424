// SPDX-License-Identifier: GPL-2.0
/*
 * Building and sending packets.
 *
 * The packets of an association leave as those of any other socket: the
 * route is looked up with a flow carrying the socket's ports, uid, mark,
 * TOS, flags and LSM label (so uid and mark policy routing and IPsec
 * port selectors apply), the skb is owned by the socket
 * (skb_set_owner_w(), so cgroup egress BPF, the netfilter owner match and
 * the LSM see it, and the socket outlives its packets in flight), and
 * ip_queue_xmit()/ip6_xmit() write the IP header from the socket's
 * settings: IP_TOS/IPV6_TCLASS, IP_TTL/IPV6_UNICAST_HOPS,
 * IP_MTU_DISCOVER, IP options and IPv6 extension headers, SO_MARK and
 * SO_PRIORITY. The route is nsctp's, not the socket's cached one (a
 * socket has many peers): each path of an association keeps the route
 * of its last packet and reuses it while the flow's inputs are the same
 * and dst_check() passes (flow_route()); answers without a socket are
 * routed afresh.
 *
 * Answers to a received packet, such as the ABORT and SHUTDOWN COMPLETE
 * of RFC 9260 §8.4 and the INIT ACK of §5.1, have no socket: nsctp has no
 * control socket (it would pin the module, see
 * Documentation/architecture.rst). Their IP header is written here and
 * they go through ip_local_out()/ip6_local_out(), which run the
 * netfilter LOCAL_OUT hook as for any locally generated packet.
 *
 * The chunks are written straight into the new skb (or its page
 * fragments); CRC32c is computed in software or left to the device where
 * it offers NETIF_F_SCTP_CRC.
 *
 * Use: skb = nsctp_pkt_start() or nsctp_answer_start(); nsctp_put_chunk()
 * for each chunk; nsctp_pkt_send() or nsctp_answer_send().
 */
#include <linux/skbuff.h>
#include <linux/security.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

/* Route @f; a wildcard source becomes the address the route chose. With
 * a socket, the flow is the socket's (TOS, flags, uid, LSM label) and the
 * socket's own IPsec policy applies; without, it is that of the packet
 * answered. Ports are in it either way, for IPsec selectors.
 */
static struct dst_entry *route_v4(struct net *net, struct nsctp_flow *f)
{
	struct sock *sk = f->sk;
	struct flowi4 fl4;
	struct rtable *rt;

	flowi4_init_output(&fl4, f->oif, f->mark, sk ? RT_CONN_FLAGS(sk) : 0,
			   RT_SCOPE_UNIVERSE, IPPROTO_SCTP,
			   sk ? inet_sk_flowi_flags(sk) : 0,
			   f->daddr.v4.sin_addr.s_addr,
			   f->saddr.v4.sin_addr.s_addr,
			   nsctp_addr_port(&f->daddr), nsctp_addr_port(&f->saddr),
			   sock_net_uid(net, sk));
	if (sk)
		security_sk_classify_flow(sk, flowi4_to_flowi_common(&fl4));
	rt = ip_route_output_flow(net, &fl4, sk);
	if (IS_ERR(rt))
		return NULL;
	f->saddr.v4.sin_addr.s_addr = fl4.saddr;
	return &rt->dst;
}

#if IS_ENABLED(CONFIG_IPV6)
static struct dst_entry *route_v6(struct net *net, struct nsctp_flow *f)
{
	struct sock *sk = f->sk;
	struct flowi6 fl6 = {
		.daddr = f->daddr.v6.sin6_addr,
		.saddr = f->saddr.v6.sin6_addr,
		.flowi6_proto = IPPROTO_SCTP,
		.flowi6_oif = f->oif,
		.flowi6_mark = f->mark,
		.flowi6_uid = sock_net_uid(net, sk),
		.fl6_dport = nsctp_addr_port(&f->daddr),
		.fl6_sport = nsctp_addr_port(&f->saddr),
	};
	struct dst_entry *dst;

	if (sk) {
		fl6.flowlabel = ip6_make_flowinfo(inet6_sk(sk)->tclass, 0);
		security_sk_classify_flow(sk, flowi6_to_flowi_common(&fl6));
	}
	dst = ip6_dst_lookup_flow(net, sk, &fl6, NULL);
	if (IS_ERR(dst))
		return NULL;
	f->saddr.v6.sin6_addr = fl6.saddr;
	return dst;
}
#endif

static bool flow_v6(const struct nsctp_flow *f)
{
	return IS_ENABLED(CONFIG_IPV6) && f->daddr.sa.sa_family == AF_INET6;
}

/* What of the socket, besides addresses, interface and mark, went into
 * the flow of a route (route_v4(), route_v6()).
 */
static u32 flow_tos(const struct nsctp_flow *f)
{
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f))
		return inet6_sk(f->sk)->tclass;
#endif
	return RT_CONN_FLAGS(f->sk) | inet_sk_flowi_flags(f->sk) << 8;
}

/**
 * nsctp_route_forget() - drop a path's cached route
 * @rc: the cache
 */
void nsctp_route_forget(struct nsctp_route_cache *rc)
{
	dst_release(rc->dst);
	rc->dst = NULL;
}

/* @f->path's cached route, if it was looked up with @f's inputs and
 * still holds (dst_check(): routes, xfrm policies or the PMTU changed
 * since, the device went): a reference, and @f's source as it chose.
 */
static struct dst_entry *route_cached(struct nsctp_flow *f)
{
	struct nsctp_route_cache *rc = &f->path->rc;
	struct dst_entry *dst = rc->dst;

	if (!dst)
		return NULL;
	if (rc->oif != f->oif || rc->mark != f->mark ||
	    rc->tos != flow_tos(f) || !dst_check(dst, rc->cookie)) {
		nsctp_route_forget(rc);
		return NULL;
	}
	f->saddr = rc->saddr;
	dst_hold(dst);
	return dst;
}

static void route_keep(struct nsctp_flow *f, struct dst_entry *dst)
{
	struct nsctp_route_cache *rc = &f->path->rc;

	nsctp_route_forget(rc);
	rc->dst = dst_clone(dst);
	rc->cookie = 0;
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f))
		rc->cookie = rt6_get_cookie((struct rt6_info *)dst);
#endif
	rc->oif = f->oif;
	rc->mark = f->mark;
	rc->tos = flow_tos(f);
	rc->saddr = f->saddr;
}

/* A packet of a path (@f->path, the socket locked) takes the route its
 * last one took while that holds, else a new one, kept for the next:
 * most packets of an association then skip the FIB and xfrm lookups.
 * A path's flow (path_flow()) always has the path's address and the
 * association's local address, fixed before its first path: neither is
 * part of what the cache compares.
 */
static struct dst_entry *flow_route(struct net *net, struct nsctp_flow *f)
{
	struct dst_entry *dst;

	if (f->path) {
		dst = route_cached(f);
		if (dst)
			return dst;
	}
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f))
		dst = route_v6(net, f);
	else
#endif
		dst = route_v4(net, f);
	if (dst && f->path)
		route_keep(f, dst);
	return dst;
}

/* Room for the network header(s) of a packet of @f: the IP header, and
 * with a socket its IP options or IPv6 extension headers (written by
 * ip_queue_xmit()/ip6_xmit() under the socket lock, which the caller
 * holds until the packet is sent), so that they never have to copy it.
 * ip6_xmit() wants room for a jumbo hop-by-hop option too.
 */
static unsigned int flow_nh_room(const struct nsctp_flow *f)
{
	unsigned int room;

#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f)) {
		const struct ipv6_txoptions *opt;

		room = sizeof(struct ipv6hdr);
		if (!f->sk)
			return room;
		room += sizeof(struct hop_jumbo_hdr);
		rcu_read_lock();
		opt = rcu_dereference(inet6_sk(f->sk)->opt);
		if (opt)
			room += opt->opt_flen + opt->opt_nflen;
		rcu_read_unlock();
		return room;
	}
#endif
	room = sizeof(struct iphdr);
	if (f->sk) {
		const struct ip_options_rcu *opt;

		rcu_read_lock();
		opt = rcu_dereference(inet_sk(f->sk)->inet_opt);
		if (opt)
			room += opt->opt.optlen;
		rcu_read_unlock();
	}
	return room;
}

/**
 * nsctp_pkt_start() - begin a packet from @f->saddr to @f->daddr
 * @net: the namespace
 * @f: addresses (canonical, ports included), interface, mark and the
 *	socket sending (NULL: an answer without one); a wildcard source
 *	address is replaced by the one the route chose
 * @vtag: the verification tag of the packet
 * @room: bytes of chunks (padding included) the caller will add
 *
 * Return: the skb, routed, with its common header written, or NULL (no
 * route, no memory).
 */
struct sk_buff *nsctp_pkt_start(struct net *net, struct nsctp_flow *f,
				__be32 vtag, unsigned int room)
{
	struct dst_entry *dst = flow_route(net, f);
	unsigned int head;
	struct sk_buff *skb;
	struct sctphdr *sh;

	if (!dst)
		return NULL;
	head = LL_RESERVED_SPACE(dst->dev) + flow_nh_room(f);
	skb = alloc_skb(head + sizeof(*sh) + room, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return NULL;
	}
	skb_reserve(skb, head);
	skb_dst_set(skb, dst);
	skb->protocol = flow_v6(f) ? htons(ETH_P_IPV6) : htons(ETH_P_IP);
	skb_reset_transport_header(skb);
	sh = skb_put(skb, sizeof(*sh));
	sh->source = nsctp_addr_port(&f->saddr);
	sh->dest = nsctp_addr_port(&f->daddr);
	sh->vtag = vtag;
	sh->checksum = 0;
	return skb;
}

/**
 * nsctp_route_saddr() - the source address a route to @f->daddr takes
 * @net: the namespace
 * @f: the flow; its wildcard source is replaced
 *
 * Return: 0 or -EHOSTUNREACH.
 */
int nsctp_route_saddr(struct net *net, struct nsctp_flow *f)
{
	struct dst_entry *dst = flow_route(net, f);

	if (!dst)
		return -EHOSTUNREACH;
	dst_release(dst);
	return 0;
}

/* The flow that answers @in: its destination back to its source. */
static void answer_flow(struct sk_buff *in, struct nsctp_flow *f)
{
	memset(f, 0, sizeof(*f));
	nsctp_addr_from_skb(in, &f->saddr, false);
	nsctp_addr_from_skb(in, &f->daddr, true);
#if IS_ENABLED(CONFIG_IPV6)
	if (in->protocol == htons(ETH_P_IPV6))
		f->oif = inet6_iif(in);
	else
#endif
		f->oif = inet_iif(in);
	f->mark = in->mark;
}

/**
 * nsctp_answer_start() - begin a packet in answer to @in
 * @net: the namespace @in arrived in
 * @in: the received packet (network and transport headers set)
 * @vtag: the verification tag of the answer
 * @room: bytes of chunks (padding included) the caller will add
 *
 * The answer goes from @in's destination to its source, ports swapped.
 * Return: as nsctp_pkt_start().
 */
struct sk_buff *nsctp_answer_start(struct net *net, struct sk_buff *in,
				   __be32 vtag, unsigned int room)
{
	struct nsctp_flow f;

	answer_flow(in, &f);
	return nsctp_pkt_start(net, &f, vtag, room);
}

/**
 * nsctp_put_chunk() - append a chunk header and room for its value
 * @skb: a packet being built
 * @type: chunk type
 * @flags: chunk flags
 * @len: length of the value (the chunk length field says 4 + @len)
 *
 * The value is zeroed, and so is the padding after it.
 * Return: where the value starts.
 */
void *nsctp_put_chunk(struct sk_buff *skb, u8 type, u8 flags,
		      unsigned int len)
{
	struct sctp_chunkhdr *ch;

	ch = skb_put_zero(skb, ALIGN(sizeof(*ch) + len, 4));
	ch->type = type;
	ch->flags = flags;
	ch->length = htons(sizeof(*ch) + len);
	return ch + 1;
}

static void pkt_csum(struct sk_buff *skb)
{
	struct sctphdr *sh = sctp_hdr(skb);

	/* A GSO packet always: its segments get their CRC at the device,
	 * or in nsctp_gso_segment().
	 */
	if (skb_is_gso(skb) ||
	    (skb_dst(skb)->dev->features & NETIF_F_SCTP_CRC)) {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct sctphdr, checksum);
		skb->csum_not_inet = 1;
	} else {
		sh->checksum = nsctp_crc32c_skb(skb, 0);
		skb->ip_summed = CHECKSUM_NONE;
	}
}

/* A packet without a socket (an answer): the IP header by hand. */
static int answer_v4(struct net *net, const struct nsctp_flow *f,
		     struct sk_buff *skb)
{
	struct iphdr *iph = skb_push(skb, sizeof(*iph));

	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->ttl = ip4_dst_hoplimit(skb_dst(skb));
	iph->frag_off = skb->ignore_df ? 0 : htons(IP_DF);
	iph->protocol = IPPROTO_SCTP;
	iph->saddr = f->saddr.v4.sin_addr.s_addr;
	iph->daddr = f->daddr.v4.sin_addr.s_addr;
	__ip_select_ident(net, iph, skb_is_gso(skb) ?
			  skb_shinfo(skb)->gso_segs : 1);
	return ip_local_out(net, NULL, skb);
}

#if IS_ENABLED(CONFIG_IPV6)
static int answer_v6(struct net *net, const struct nsctp_flow *f,
		     struct sk_buff *skb)
{
	struct ipv6hdr *ip6h = skb_push(skb, sizeof(*ip6h));

	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->nexthdr = IPPROTO_SCTP;
	ip6h->hop_limit = ip6_dst_hoplimit(skb_dst(skb));
	ip6h->saddr = f->saddr.v6.sin6_addr;
	ip6h->daddr = f->daddr.v6.sin6_addr;
	return ip6_local_out(net, NULL, skb);
}
#endif

/* A packet of @f->sk, routed by nsctp_pkt_start(): the socket owns it
 * from here (its truesize is final now, GSO segments included), and the
 * IP layer writes the header from the socket's settings. DF follows
 * IP_MTU_DISCOVER, but a chunk cut before the path MTU dropped goes with
 * skb->ignore_df and is fragmented by IP (RFC 9260 §7.3).
 */
static int sk_xmit(const struct nsctp_flow *f, struct sk_buff *skb)
{
	struct sock *sk = f->sk;
	struct flowi fl;
	int err;

	skb_set_owner_w(skb, sk);
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f)) {
		struct ipv6_pinfo *np = inet6_sk(sk);
		struct flowi6 *fl6 = &fl.u.ip6;

		memset(fl6, 0, sizeof(*fl6));
		fl6->daddr = f->daddr.v6.sin6_addr;
		fl6->saddr = f->saddr.v6.sin6_addr;
		fl6->flowi6_proto = IPPROTO_SCTP;
		fl6->flowi6_oif = f->oif;
		fl6->flowi6_mark = f->mark;
		fl6->fl6_dport = nsctp_addr_port(&f->daddr);
		fl6->fl6_sport = nsctp_addr_port(&f->saddr);
		rcu_read_lock();
		err = ip6_xmit(sk, skb, fl6, READ_ONCE(sk->sk_mark),
			       rcu_dereference(np->opt), np->tclass,
			       READ_ONCE(sk->sk_priority));
		rcu_read_unlock();
		return err;
	}
#endif
	/* routed already: __ip_queue_xmit() reads only the addresses */
	fl.u.ip4.saddr = f->saddr.v4.sin_addr.s_addr;
	fl.u.ip4.daddr = f->daddr.v4.sin_addr.s_addr;
	return ip_queue_xmit(sk, skb, &fl);
}

/**
 * nsctp_pkt_send() - checksum, IP header, send; counts the MIB
 * @net: the namespace
 * @f: the flow given to nsctp_pkt_start()
 * @skb: the packet built since, one control chunk (counted as such, for
 *	@f->asoc too); consumed
 *
 * Return: 0 or the error of the IP layer.
 */
int nsctp_pkt_send(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb)
{
	int err = nsctp_pkt_xmit(net, f, skb);

	if (!err) {
		NSCTP_INC_STATS(net, OUTCTRLCHUNKS);
		if (f->asoc)
			f->asoc->stats.octrlchunks++;
	}
	return err;
}

/**
 * nsctp_pkt_xmit() - checksum, IP header, send; counts the packet only
 *	(for @f->asoc too: each segment of a GSO packet)
 * @net: the namespace
 * @f: the flow given to nsctp_pkt_start()
 * @skb: the packet; consumed. Its chunks may be in page fragments.
 *
 * Return: 0 or the error of the IP layer.
 */
int nsctp_pkt_xmit(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb)
{
	unsigned int segs = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
	int err;

	pkt_csum(skb);
	if (f->sk)
		err = sk_xmit(f, skb);
#if IS_ENABLED(CONFIG_IPV6)
	else if (flow_v6(f))
		err = answer_v6(net, f, skb);
#endif
	else
		err = answer_v4(net, f, skb);
	err = net_xmit_eval(err);
	if (!err) {
		NSCTP_ADD_STATS(net, OUTSCTPPACKS, segs);
		if (f->asoc)
			f->asoc->stats.opackets += segs;
	}
	return err;
}

/**
 * nsctp_route_mtu() - the MTU of the route to @f->daddr
 * @net: the namespace
 * @f: the flow
 *
 * Return: the MTU (IP header included), or 0 without a route.
 */
u32 nsctp_route_mtu(struct net *net, const struct nsctp_flow *f)
{
	struct nsctp_flow tmp = *f;
	struct dst_entry *dst = flow_route(net, &tmp);
	u32 mtu;

	if (!dst)
		return 0;
	mtu = dst_mtu(dst);
	dst_release(dst);
	return mtu;
}

/**
 * nsctp_answer_send() - send a packet begun with nsctp_answer_start()
 * @net: as given to nsctp_answer_start()
 * @in: as given to nsctp_answer_start()
 * @skb: the packet; consumed
 *
 * Return: as nsctp_pkt_send().
 */
int nsctp_answer_send(struct net *net, struct sk_buff *in, struct sk_buff *skb)
{
	struct nsctp_flow f;

	answer_flow(in, &f);
	return nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_reply() - answer @in with a packet of one chunk
 * @net: the namespace @in arrived in
 * @in: the received packet
 * @r: the verification tag, chunk type, flags and value to send
 *
 * Return: 0 or -errno; nothing to clean up.
 */
int nsctp_reply(struct net *net, struct sk_buff *in,
		const struct nsctp_reply *r)
{
	struct sk_buff *skb;
	void *body;

	skb = nsctp_answer_start(net, in, r->vtag,
				 ALIGN(sizeof(struct sctp_chunkhdr) + r->len,
				       4));
	if (!skb)
		return -ENOBUFS;
	body = nsctp_put_chunk(skb, r->type, r->flags, r->len);
	if (r->len)
		memcpy(body, r->body, r->len);
	return nsctp_answer_send(net, in, skb);
}
