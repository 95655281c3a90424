// SPDX-License-Identifier: GPL-2.0
/*
 * Packets sent without a socket: answers to a received packet, such as
 * the ABORT and SHUTDOWN COMPLETE of RFC 9260 §8.4 and the INIT ACK of
 * §5.1, for which the stack keeps no state.
 *
 * nsctp has no control socket (it would pin the module, see
 * Documentation/architecture.rst), so these packets are built here: route
 * lookup from the received packet's addresses, chunks written straight
 * into the new skb, CRC32c in software or left to the device where it
 * offers NETIF_F_SCTP_CRC, an IP header written by hand, and
 * ip_local_out()/ip6_local_out(), which run the netfilter LOCAL_OUT hook
 * as for any locally generated packet.
 *
 * Use: skb = nsctp_answer_start(); nsctp_put_chunk() for each chunk;
 * nsctp_answer_send().
 */
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>

#include <net/nsctp/nsctp.h>

/* Route @f; a wildcard source becomes the address the route chose. */
static struct dst_entry *route_v4(struct net *net, struct nsctp_flow *f)
{
	struct flowi4 fl4 = {
		.daddr = f->daddr.v4.sin_addr.s_addr,
		.saddr = f->saddr.v4.sin_addr.s_addr,
		.flowi4_proto = IPPROTO_SCTP,
		.flowi4_oif = f->oif,
		.flowi4_mark = f->mark,
	};
	struct rtable *rt = ip_route_output_key(net, &fl4);

	if (IS_ERR(rt))
		return NULL;
	f->saddr.v4.sin_addr.s_addr = fl4.saddr;
	return &rt->dst;
}

#if IS_ENABLED(CONFIG_IPV6)
static struct dst_entry *route_v6(struct net *net, struct nsctp_flow *f)
{
	struct flowi6 fl6 = {
		.daddr = f->daddr.v6.sin6_addr,
		.saddr = f->saddr.v6.sin6_addr,
		.flowi6_proto = IPPROTO_SCTP,
		.flowi6_oif = f->oif,
		.flowi6_mark = f->mark,
	};
	struct dst_entry *dst = ip6_dst_lookup_flow(net, NULL, &fl6, NULL);

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

static struct dst_entry *flow_route(struct net *net, struct nsctp_flow *f)
{
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f))
		return route_v6(net, f);
#endif
	return route_v4(net, f);
}

/**
 * nsctp_pkt_start() - begin a packet from @f->saddr to @f->daddr
 * @net: the namespace
 * @f: addresses (canonical, ports included), interface and mark; a
 *	wildcard source address is replaced by the one the route chose
 * @vtag: the verification tag of the packet
 * @room: bytes of chunks (padding included) the caller will add
 *
 * Return: the skb, routed, with its common header written, or NULL (no
 * route, no memory).
 */
struct sk_buff *nsctp_pkt_start(struct net *net, struct nsctp_flow *f,
				__be32 vtag, unsigned int room)
{
	unsigned int nh = flow_v6(f) ? sizeof(struct ipv6hdr) :
				       sizeof(struct iphdr);
	struct dst_entry *dst = flow_route(net, f);
	struct sk_buff *skb;
	struct sctphdr *sh;

	if (!dst)
		return NULL;
	skb = alloc_skb(LL_RESERVED_SPACE(dst->dev) + nh + sizeof(*sh) + room,
			GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return NULL;
	}
	skb_reserve(skb, LL_RESERVED_SPACE(dst->dev) + nh);
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

static void answer_csum(struct sk_buff *skb)
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

static int send_v4(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb)
{
	struct iphdr *iph = skb_push(skb, sizeof(*iph));

	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->ttl = ip4_dst_hoplimit(skb_dst(skb));
	/* DF, but for a chunk larger than the path MTU has become since it
	 * was cut (ICMP): IP fragments that one (skb->ignore_df).
	 */
	iph->frag_off = skb->ignore_df ? 0 : htons(IP_DF);
	iph->protocol = IPPROTO_SCTP;
	iph->saddr = f->saddr.v4.sin_addr.s_addr;
	iph->daddr = f->daddr.v4.sin_addr.s_addr;
	__ip_select_ident(net, iph, skb_is_gso(skb) ?
			  skb_shinfo(skb)->gso_segs : 1);
	return ip_local_out(net, NULL, skb);
}

#if IS_ENABLED(CONFIG_IPV6)
static int send_v6(struct net *net, const struct nsctp_flow *f,
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

/**
 * nsctp_pkt_send() - checksum, IP header, send; counts the MIB
 * @net: the namespace
 * @f: the flow given to nsctp_pkt_start()
 * @skb: the packet built since; consumed
 *
 * Return: 0 or the error of the IP layer.
 */
int nsctp_pkt_send(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb)
{
	int err = nsctp_pkt_xmit(net, f, skb);

	if (!err)
		NSCTP_INC_STATS(net, OUTCTRLCHUNKS);
	return err;
}

/**
 * nsctp_pkt_xmit() - checksum, IP header, send; counts the packet only
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

	answer_csum(skb);
#if IS_ENABLED(CONFIG_IPV6)
	if (flow_v6(f))
		err = send_v6(net, f, skb);
	else
#endif
		err = send_v4(net, f, skb);
	err = net_xmit_eval(err);
	if (!err)
		NSCTP_ADD_STATS(net, OUTSCTPPACKS, segs);
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
