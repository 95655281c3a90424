// SPDX-License-Identifier: GPL-2.0
/*
 * Packets sent without a socket: answers to packets that belong to no
 * association (RFC 9260 §8.4), such as ABORT and SHUTDOWN COMPLETE.
 *
 * nsctp has no control socket (it would pin the module, see
 * Documentation/architecture.rst), so these replies are built here: route
 * lookup from the offending packet's addresses, an IP header written by
 * hand, CRC32c in software or left to the device where it offers
 * NETIF_F_SCTP_CRC, and ip_local_out()/ip6_local_out(), which run the
 * netfilter LOCAL_OUT hook as any locally generated packet would.
 */
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>

#include <net/nsctp/nsctp.h>

/* Fill the SCTP part of @skb (header, one chunk) and its checksum. */
static void reply_fill(struct sk_buff *skb, const struct sctphdr *in_sh,
		       const struct nsctp_reply *r)
{
	unsigned int clen = sizeof(struct sctp_chunkhdr) + r->len;
	struct sctp_chunkhdr *ch;
	struct sctphdr *sh;

	skb_reset_transport_header(skb);
	sh = skb_put(skb, sizeof(*sh));
	sh->source = in_sh->dest;
	sh->dest = in_sh->source;
	sh->vtag = r->vtag;
	sh->checksum = 0;
	ch = skb_put(skb, sizeof(*ch));
	ch->type = r->type;
	ch->flags = r->flags;
	ch->length = htons(clen);
	skb_put_data(skb, r->body, r->len);
	skb_put_zero(skb, ALIGN(clen, 4) - clen);

	if (skb_dst(skb)->dev->features & NETIF_F_SCTP_CRC) {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct sctphdr, checksum);
		skb->csum_not_inet = 1;
	} else {
		sh->checksum = nsctp_crc32c_skb(skb, 0);
		skb->ip_summed = CHECKSUM_NONE;
	}
}

static struct sk_buff *reply_alloc(struct dst_entry *dst, unsigned int nh,
				   const struct nsctp_reply *r)
{
	unsigned int len = sizeof(struct sctphdr) +
			   ALIGN(sizeof(struct sctp_chunkhdr) + r->len, 4);
	struct sk_buff *skb;

	skb = alloc_skb(LL_RESERVED_SPACE(dst->dev) + nh + len, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return NULL;
	}
	skb_reserve(skb, LL_RESERVED_SPACE(dst->dev) + nh);
	skb_dst_set(skb, dst);
	skb->protocol = nh == sizeof(struct iphdr) ? htons(ETH_P_IP) :
						    htons(ETH_P_IPV6);
	return skb;
}

static int reply_v4(struct net *net, struct sk_buff *in,
		    const struct nsctp_reply *r)
{
	const struct iphdr *in_iph = ip_hdr(in);
	struct flowi4 fl4 = {
		.daddr = in_iph->saddr,
		.saddr = in_iph->daddr,
		.flowi4_proto = IPPROTO_SCTP,
		.flowi4_oif = inet_iif(in),
		.flowi4_mark = in->mark,
	};
	struct sk_buff *skb;
	struct iphdr *iph;
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	skb = reply_alloc(&rt->dst, sizeof(*iph), r);
	if (!skb)
		return -ENOMEM;
	reply_fill(skb, sctp_hdr(in), r);
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->ttl = ip4_dst_hoplimit(&rt->dst);
	iph->frag_off = htons(IP_DF);
	iph->protocol = IPPROTO_SCTP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	__ip_select_ident(net, iph, 1);
	return ip_local_out(net, NULL, skb);
}

#if IS_ENABLED(CONFIG_IPV6)
static int reply_v6(struct net *net, struct sk_buff *in,
		    const struct nsctp_reply *r)
{
	const struct ipv6hdr *in_ip6h = ipv6_hdr(in);
	struct flowi6 fl6 = {
		.daddr = in_ip6h->saddr,
		.saddr = in_ip6h->daddr,
		.flowi6_proto = IPPROTO_SCTP,
		.flowi6_oif = inet6_iif(in),
		.flowi6_mark = in->mark,
	};
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;

	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		return err;
	}
	skb = reply_alloc(dst, sizeof(*ip6h), r);
	if (!skb)
		return -ENOMEM;
	reply_fill(skb, sctp_hdr(in), r);
	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->nexthdr = IPPROTO_SCTP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	return ip6_local_out(net, NULL, skb);
}
#endif

/**
 * nsctp_reply() - answer @in with a packet of one chunk, without a socket
 * @net: the namespace @in arrived in
 * @in: the received packet (network and transport headers set)
 * @r: what to send: the verification tag, chunk type, flags and body
 *
 * The answer goes from @in's destination to its source, ports swapped.
 * Return: 0 or -errno (no route, no memory); nothing to clean up.
 */
int nsctp_reply(struct net *net, struct sk_buff *in,
		const struct nsctp_reply *r)
{
#if IS_ENABLED(CONFIG_IPV6)
	if (in->protocol == htons(ETH_P_IPV6))
		return reply_v6(net, in, r);
#endif
	return reply_v4(net, in, r);
}
