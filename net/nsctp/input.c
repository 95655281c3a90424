// SPDX-License-Identifier: GPL-2.0
/*
 * The way in: IPPROTO_SCTP handlers for IPv4 and IPv6.
 *
 * nsctp claims the protocol number before anything else at load time, so
 * that a second SCTP stack (the in-tree sctp.ko) can never half-register
 * next to it; the handlers stay inert (drop everything) until the rest of
 * the module is up, and become inert again before it is torn down.
 *
 * What exists so far is the validation stage: destination type, CRC32c
 * (RFC 9260 §6.8) and the layout of every chunk (parse.c) are checked and
 * counted. No association exists yet, so every valid packet is out of the
 * blue (§8.4) and is dropped; answering it and handing chunks to the
 * state machine arrive with the handshake.
 */
#include <linux/skbuff.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/protocol.h>

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

static int nsctp_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	struct nsctp_pkt_info info;

	if (!READ_ONCE(nsctp_input_live))
		goto drop;
	if (skb->pkt_type != PACKET_HOST)
		goto discard;
	if (!pskb_may_pull(skb, sizeof(struct sctphdr)))
		goto discard;
	NSCTP_INC_STATS(net, INSCTPPACKS);
	if (!nsctp_csum_ok(skb)) {
		NSCTP_INC_STATS(net, CHECKSUMERRORS);
		goto discard;
	}
	/* Packets are at most one PMTU here (no GRO for SCTP), so making
	 * them linear once is cheap and lets the parser see plain bytes.
	 */
	if (skb_linearize(skb) ||
	    nsctp_parse_packet(skb_transport_header(skb), skb->len, &info))
		goto discard;
	/* RFC 9260 §8.4: no association matches anything yet. */
	NSCTP_INC_STATS(net, OUTOFBLUES);
discard:
	NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
drop:
	kfree_skb(skb);
	return 0;
}

static int nsctp_v4_err(struct sk_buff *skb, u32 info)
{
	/* No association can own the offending packet yet. */
	return 0;
}

static const struct net_protocol nsctp_v4_protocol = {
	.handler	= nsctp_rcv,
	.err_handler	= nsctp_v4_err,
	.no_policy	= 1,
	.icmp_strict_tag_validation = 1,
};

#if IS_ENABLED(CONFIG_IPV6)
static int nsctp_v6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			u8 type, u8 code, int offset, __be32 info)
{
	return 0;
}

static const struct inet6_protocol nsctp_v6_protocol = {
	.handler	= nsctp_rcv,
	.err_handler	= nsctp_v6_err,
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
