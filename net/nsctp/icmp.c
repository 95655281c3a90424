// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP and ICMPv6 errors about packets nsctp sent (RFC 9260 Appendix C).
 *
 * The error quotes the start of our packet: its addresses and ports find
 * the association, its verification tag must be the peer's (or, for our
 * INIT whose tag is zero, the quoted INIT must carry our Initiate Tag),
 * else the error is ignored as possibly forged. Then:
 *   fragmentation needed / packet too big - the path's MTU drops to the
 *	reported one (not below 512 bytes, nor below IPV6_MIN_MTU for
 *	IPv6);
 *   protocol unreachable / unknown next header - the peer has no SCTP:
 *	a setup in progress fails with ENOPROTOOPT (the in-tree errno);
 *   anything else - a soft error the socket reports if nothing better.
 * Errors that arrive while the user owns the socket are dropped; the
 * protocol's own timers recover from what they would have told.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

#define NSCTP_MIN_PMTU	512

enum icmp_kind { ICMP_KIND_PMTU, ICMP_KIND_REFUSED, ICMP_KIND_SOFT };

struct icmp_quote {
	union nsctp_addr	laddr;	/* ours: the quoted source */
	union nsctp_addr	paddr;	/* the peer: the quoted destination */
	__be32			vtag;
	u8			chunk[8]; /* first chunk header and 4 bytes */
	unsigned int		chunk_len; /* how much of it was quoted */
};

/* Appendix C: is the quoted packet one @asoc sent? */
static bool quote_ok(const struct nsctp_assoc *asoc, const struct icmp_quote *q)
{
	const struct sctp_chunkhdr *ch = (const void *)q->chunk;
	__be32 init_tag;

	if (q->vtag)
		return q->vtag == asoc->peer_vtag;
	if (q->chunk_len < sizeof(q->chunk) || ch->type != SCTP_CID_INIT)
		return false;
	memcpy(&init_tag, q->chunk + sizeof(*ch), sizeof(init_tag));
	return init_tag == asoc->my_vtag;
}

static struct nsctp_path *path_of(struct nsctp_assoc *asoc,
				  const union nsctp_addr *paddr)
{
	struct nsctp_path *path;

	list_for_each_entry(path, &asoc->paths, list)
		if (!memcmp(&path->addr, paddr, sizeof(*paddr)))
			return path;
	return asoc->primary;
}

static void icmp_apply(struct net *net, const struct icmp_quote *q,
		       enum icmp_kind kind, u32 mtu, int err)
{
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;
	struct sock *sk;

	asoc = nsctp_assoc_lookup(net, &q->laddr, &q->paddr);
	if (!asoc)
		return;
	sk = READ_ONCE(asoc->sk);
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk) || asoc->sk != sk || asoc->dead ||
	    !quote_ok(asoc, q))
		goto out;
	switch (kind) {
	case ICMP_KIND_PMTU:
		path = path_of(asoc, &q->paddr);
		mtu = max_t(u32, mtu, q->paddr.sa.sa_family == AF_INET6 ?
				      IPV6_MIN_MTU : NSCTP_MIN_PMTU);
		/* SPP_PMTUD_DISABLE: the user's fixed PMTU holds */
		if (asoc->aopts.pmtud_off)
			break;
		if (!path->pmtu || mtu < path->pmtu)
			path->pmtu = mtu;
		break;
	case ICMP_KIND_REFUSED:
		if (asoc->state == SCTP_COOKIE_WAIT ||
		    asoc->state == SCTP_COOKIE_ECHOED)
			nsctp_sm_setup_failed(asoc, -ENOPROTOOPT, 0);
		break;
	case ICMP_KIND_SOFT:
		WRITE_ONCE(sk->sk_err_soft, err);
		break;
	}
out:
	bh_unlock_sock(sk);
	nsctp_assoc_put(asoc);
}

/* Read the quoted SCTP header and first chunk at @off in @skb. */
static bool quote_read(struct sk_buff *skb, unsigned int off,
		       struct icmp_quote *q)
{
	struct sctphdr sh_buf;
	const struct sctphdr *sh;

	sh = skb_header_pointer(skb, off, sizeof(sh_buf), &sh_buf);
	if (!sh)
		return false;
	q->laddr.v4.sin_port = sh->source;
	q->paddr.v4.sin_port = sh->dest;
	q->vtag = sh->vtag;
	q->chunk_len = 0;
	if (skb->len >= off + sizeof(*sh) + sizeof(q->chunk) &&
	    !skb_copy_bits(skb, off + sizeof(*sh), q->chunk, sizeof(q->chunk)))
		q->chunk_len = sizeof(q->chunk);
	return true;
}

int nsctp_icmp_v4_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	int type = icmp_hdr(skb)->type, code = icmp_hdr(skb)->code;
	struct icmp_quote q = {};
	enum icmp_kind kind;
	int err = 0;

	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		kind = ICMP_KIND_PMTU;
	} else if (type == ICMP_DEST_UNREACH && code == ICMP_PROT_UNREACH) {
		kind = ICMP_KIND_REFUSED;
	} else if (type == ICMP_DEST_UNREACH && code <= NR_ICMP_UNREACH) {
		kind = ICMP_KIND_SOFT;
		err = icmp_err_convert[code].errno;
	} else if (type == ICMP_TIME_EXCEEDED) {
		kind = ICMP_KIND_SOFT;
		err = EHOSTUNREACH;
	} else {
		return 0;
	}
	if (!quote_read(skb, iph->ihl * 4, &q))
		return -EINVAL;
	q.laddr.v4.sin_family = AF_INET;
	q.laddr.v4.sin_addr.s_addr = iph->saddr;
	q.paddr.v4.sin_family = AF_INET;
	q.paddr.v4.sin_addr.s_addr = iph->daddr;
	icmp_apply(dev_net(skb->dev), &q, kind, info, err);
	return 0;
}

#if IS_ENABLED(CONFIG_IPV6)
int nsctp_icmp_v6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
		      u8 type, u8 code, int offset, __be32 info)
{
	const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;
	struct icmp_quote q = {};
	enum icmp_kind kind;
	int err = 0;

	if (type == ICMPV6_PKT_TOOBIG) {
		kind = ICMP_KIND_PMTU;
	} else if (type == ICMPV6_PARAMPROB && code == ICMPV6_UNK_NEXTHDR) {
		kind = ICMP_KIND_REFUSED;
	} else if (type == ICMPV6_DEST_UNREACH ||
		   type == ICMPV6_TIME_EXCEED) {
		kind = ICMP_KIND_SOFT;
		icmpv6_err_convert(type, code, &err);
	} else {
		return 0;
	}
	if (!quote_read(skb, offset, &q))
		return -EINVAL;
	q.laddr.v6.sin6_family = AF_INET6;
	q.laddr.v6.sin6_addr = ip6h->saddr;
	q.paddr.v6.sin6_family = AF_INET6;
	q.paddr.v6.sin6_addr = ip6h->daddr;
	if (ipv6_addr_type(&q.paddr.v6.sin6_addr) & IPV6_ADDR_LINKLOCAL)
		q.paddr.v6.sin6_scope_id = inet6_iif(skb);
	icmp_apply(dev_net(skb->dev), &q, kind, ntohl(info), err);
	return 0;
}
#endif
