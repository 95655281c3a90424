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

static struct dst_entry *answer_route_v4(struct net *net, struct sk_buff *in)
{
	struct flowi4 fl4 = {
		.daddr = ip_hdr(in)->saddr,
		.saddr = ip_hdr(in)->daddr,
		.flowi4_proto = IPPROTO_SCTP,
		.flowi4_oif = inet_iif(in),
		.flowi4_mark = in->mark,
	};
	struct rtable *rt = ip_route_output_key(net, &fl4);

	return IS_ERR(rt) ? NULL : &rt->dst;
}

#if IS_ENABLED(CONFIG_IPV6)
static struct dst_entry *answer_route_v6(struct net *net, struct sk_buff *in)
{
	struct flowi6 fl6 = {
		.daddr = ipv6_hdr(in)->saddr,
		.saddr = ipv6_hdr(in)->daddr,
		.flowi6_proto = IPPROTO_SCTP,
		.flowi6_oif = inet6_iif(in),
		.flowi6_mark = in->mark,
	};
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);

	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}
#endif

static bool is_v6(const struct sk_buff *in)
{
	return IS_ENABLED(CONFIG_IPV6) && in->protocol == htons(ETH_P_IPV6);
}

/**
 * nsctp_answer_start() - begin a packet in answer to @in
 * @net: the namespace @in arrived in
 * @in: the received packet (network and transport headers set)
 * @vtag: the verification tag of the answer
 * @room: bytes of chunks (padding included) the caller will add
 *
 * The answer goes from @in's destination to its source, ports swapped.
 * Return: the skb with its common header written, or NULL (no route, no
 * memory).
 */
struct sk_buff *nsctp_answer_start(struct net *net, struct sk_buff *in,
				   __be32 vtag, unsigned int room)
{
	unsigned int nh = is_v6(in) ? sizeof(struct ipv6hdr) :
				      sizeof(struct iphdr);
	const struct sctphdr *in_sh = sctp_hdr(in);
	struct dst_entry *dst;
	struct sk_buff *skb;
	struct sctphdr *sh;

#if IS_ENABLED(CONFIG_IPV6)
	dst = is_v6(in) ? answer_route_v6(net, in) : answer_route_v4(net, in);
#else
	dst = answer_route_v4(net, in);
#endif
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
	skb->protocol = in->protocol;
	skb_reset_transport_header(skb);
	sh = skb_put(skb, sizeof(*sh));
	sh->source = in_sh->dest;
	sh->dest = in_sh->source;
	sh->vtag = vtag;
	sh->checksum = 0;
	return skb;
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

static int answer_send_v4(struct net *net, struct sk_buff *in,
			  struct sk_buff *skb)
{
	struct iphdr *iph = skb_push(skb, sizeof(*iph));

	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->ttl = ip4_dst_hoplimit(skb_dst(skb));
	iph->frag_off = htons(IP_DF);
	iph->protocol = IPPROTO_SCTP;
	iph->saddr = ip_hdr(in)->daddr;
	iph->daddr = ip_hdr(in)->saddr;
	__ip_select_ident(net, iph, 1);
	return ip_local_out(net, NULL, skb);
}

#if IS_ENABLED(CONFIG_IPV6)
static int answer_send_v6(struct net *net, struct sk_buff *in,
			  struct sk_buff *skb)
{
	struct ipv6hdr *ip6h = skb_push(skb, sizeof(*ip6h));

	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->nexthdr = IPPROTO_SCTP;
	ip6h->hop_limit = ip6_dst_hoplimit(skb_dst(skb));
	ip6h->saddr = ipv6_hdr(in)->daddr;
	ip6h->daddr = ipv6_hdr(in)->saddr;
	return ip6_local_out(net, NULL, skb);
}
#endif

/**
 * nsctp_answer_send() - checksum, IP header, send; counts the MIB
 * @net: as given to nsctp_answer_start()
 * @in: as given to nsctp_answer_start()
 * @skb: the packet built since; consumed
 *
 * Return: 0 or the error of the IP layer.
 */
int nsctp_answer_send(struct net *net, struct sk_buff *in, struct sk_buff *skb)
{
	int err;

	answer_csum(skb);
#if IS_ENABLED(CONFIG_IPV6)
	if (is_v6(in))
		err = answer_send_v6(net, in, skb);
	else
#endif
		err = answer_send_v4(net, in, skb);
	err = net_xmit_eval(err);
	if (!err) {
		NSCTP_INC_STATS(net, OUTSCTPPACKS);
		NSCTP_INC_STATS(net, OUTCTRLCHUNKS);
	}
	return err;
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
