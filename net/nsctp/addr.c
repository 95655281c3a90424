// SPDX-License-Identifier: GPL-2.0
/*
 * Address families.
 *
 * The socket API hands nsctp sockaddr_in and sockaddr_in6 structures of
 * varying length; this file turns them into canonical union nsctp_addr
 * values (IPv4-mapped IPv6 becomes AF_INET) once, checks whether a socket
 * may use them, and turns them back into what the user asked for. The
 * rules follow the in-tree module's socket ABI: an AF_INET6 socket takes
 * AF_INET and mapped addresses unless IPV6_V6ONLY is set, and reports
 * IPv4 addresses mapped while SCTP_I_WANT_MAPPED_V4_ADDR is on.
 */
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/route.h>
#include <net/transp_v6.h>

#include <net/nsctp/nsctp.h>

static bool v4_is_any(const union nsctp_addr *a)
{
	return a->v4.sin_addr.s_addr == htonl(INADDR_ANY);
}

static bool v4_equal(const union nsctp_addr *a, const union nsctp_addr *b)
{
	return a->v4.sin_addr.s_addr == b->v4.sin_addr.s_addr;
}

static bool v4_bindable(struct nsctp_sock *nsk, const union nsctp_addr *a)
{
	struct sock *sk = nsctp_to_sk(nsk);
	struct net *net = sock_net(sk);

	if (ipv6_only_sock(sk))
		return false;
	if (v4_is_any(a))
		return true;
	if (inet_addr_type(net, a->v4.sin_addr.s_addr) == RTN_LOCAL)
		return true;
	return nsk->inet.freebind ||
	       READ_ONCE(net->ipv4.sysctl_ip_nonlocal_bind);
}

static void v4_to_sk(struct sock *sk, const union nsctp_addr *a)
{
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_rcv_saddr = a->v4.sin_addr.s_addr;
	inet->inet_saddr = a->v4.sin_addr.s_addr;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		if (v4_is_any(a))
			sk->sk_v6_rcv_saddr = in6addr_any;
		else
			ipv6_addr_set_v4mapped(a->v4.sin_addr.s_addr,
					       &sk->sk_v6_rcv_saddr);
		inet6_sk(sk)->saddr = sk->sk_v6_rcv_saddr;
	}
#endif
}

static const struct nsctp_af nsctp_af_inet = {
	.family		= AF_INET,
	.sockaddr_len	= sizeof(struct sockaddr_in),
	.is_any		= v4_is_any,
	.equal		= v4_equal,
	.bindable	= v4_bindable,
	.to_sk		= v4_to_sk,
};

#if IS_ENABLED(CONFIG_IPV6)
static bool v6_is_any(const union nsctp_addr *a)
{
	return ipv6_addr_any(&a->v6.sin6_addr);
}

static bool v6_equal(const union nsctp_addr *a, const union nsctp_addr *b)
{
	if (!ipv6_addr_equal(&a->v6.sin6_addr, &b->v6.sin6_addr))
		return false;
	/* Link-local addresses are only equal on the same link. */
	if ((ipv6_addr_type(&a->v6.sin6_addr) & IPV6_ADDR_LINKLOCAL) &&
	    a->v6.sin6_scope_id && b->v6.sin6_scope_id &&
	    a->v6.sin6_scope_id != b->v6.sin6_scope_id)
		return false;
	return true;
}

static bool v6_link_local_ok(struct net *net, struct nsctp_sock *nsk,
			     const union nsctp_addr *a)
{
	struct net_device *dev;
	bool ok;

	if (!a->v6.sin6_scope_id)
		return false;
	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, a->v6.sin6_scope_id);
	ok = dev && (ipv6_can_nonlocal_bind(net, &nsk->inet) ||
		     ipv6_chk_addr(net, &a->v6.sin6_addr, dev, 0));
	rcu_read_unlock();
	return ok;
}

static bool v6_bindable(struct nsctp_sock *nsk, const union nsctp_addr *a)
{
	struct net *net = sock_net(nsctp_to_sk(nsk));
	int type = ipv6_addr_type(&a->v6.sin6_addr);

	if (type == IPV6_ADDR_ANY)
		return true;
	if (!(type & IPV6_ADDR_UNICAST))
		return false;
	if (type & IPV6_ADDR_LINKLOCAL)
		return v6_link_local_ok(net, nsk, a);
	return ipv6_can_nonlocal_bind(net, &nsk->inet) ||
	       ipv6_chk_addr(net, &a->v6.sin6_addr, NULL, 0);
}

static void v6_to_sk(struct sock *sk, const union nsctp_addr *a)
{
	sk->sk_v6_rcv_saddr = a->v6.sin6_addr;
	inet6_sk(sk)->saddr = a->v6.sin6_addr;
	/* Keep IPv4 lookups from matching an IPv6-bound socket. */
	inet_sk(sk)->inet_rcv_saddr = v6_is_any(a) ? 0 : LOOPBACK4_IPV6;
	inet_sk(sk)->inet_saddr = inet_sk(sk)->inet_rcv_saddr;
	if (ipv6_addr_type(&a->v6.sin6_addr) & IPV6_ADDR_LINKLOCAL)
		sk->sk_bound_dev_if = a->v6.sin6_scope_id;
}

static const struct nsctp_af nsctp_af_inet6 = {
	.family		= AF_INET6,
	.sockaddr_len	= sizeof(struct sockaddr_in6),
	.is_any		= v6_is_any,
	.equal		= v6_equal,
	.bindable	= v6_bindable,
	.to_sk		= v6_to_sk,
};
#endif

const struct nsctp_af *nsctp_af_get(sa_family_t family)
{
	switch (family) {
	case AF_INET:
		return &nsctp_af_inet;
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6:
		return &nsctp_af_inet6;
#endif
	default:
		return NULL;
	}
}

/**
 * nsctp_addr_equal() - the same address (of one family; ports aside)?
 * @a: a canonical address
 * @b: another
 */
bool nsctp_addr_equal(const union nsctp_addr *a, const union nsctp_addr *b)
{
	return a->sa.sa_family == b->sa.sa_family &&
	       nsctp_af_get(a->sa.sa_family)->equal(a, b);
}

/* May a socket of @nsk's family carry addresses of @family? */
static bool family_supported(struct nsctp_sock *nsk, sa_family_t family)
{
	struct sock *sk = nsctp_to_sk(nsk);

	if (family == sk->sk_family)
		return true;
	return sk->sk_family == AF_INET6 && family == AF_INET &&
	       !ipv6_only_sock(sk);
}

/**
 * nsctp_addr_from_user() - validate and canonicalise a user sockaddr
 * @nsk: the socket it is meant for
 * @uaddr: the sockaddr, already in kernel memory
 * @len: its length as the user gave it
 * @out: the canonical address (mapped IPv6 becomes AF_INET)
 *
 * Return: 0, or -EINVAL for a short, foreign or (on a v6-only socket)
 * mapped address, as the in-tree module answers all of these.
 */
int nsctp_addr_from_user(struct nsctp_sock *nsk, const struct sockaddr *uaddr,
			 int len, union nsctp_addr *out)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)uaddr;
	const struct nsctp_af *af;

	if (len < (int)sizeof(struct sockaddr) ||
	    !family_supported(nsk, uaddr->sa_family))
		return -EINVAL;
	af = nsctp_af_get(uaddr->sa_family);
	if (!af || len < af->sockaddr_len)
		return -EINVAL;

	memset(out, 0, sizeof(*out));
	if (af->family == AF_INET) {
		out->v4.sin_family = AF_INET;
		out->v4.sin_port = ((const struct sockaddr_in *)uaddr)->sin_port;
		out->v4.sin_addr = ((const struct sockaddr_in *)uaddr)->sin_addr;
		return 0;
	}
	if (ipv6_addr_v4mapped(&sin6->sin6_addr)) {
		if (!family_supported(nsk, AF_INET))
			return -EINVAL;
		out->v4.sin_family = AF_INET;
		out->v4.sin_port = sin6->sin6_port;
		out->v4.sin_addr.s_addr = sin6->sin6_addr.s6_addr32[3];
		return 0;
	}
	out->v6 = *sin6;
	out->v6.sin6_flowinfo = 0;
	return 0;
}

/**
 * nsctp_addr_to_user() - the sockaddr the user of @nsk expects for @a
 * @nsk: the socket asking
 * @a: a canonical address
 * @uaddr: where to write it (room for a sockaddr_in6)
 *
 * Return: the length written.
 */
int nsctp_addr_to_user(struct nsctp_sock *nsk, const union nsctp_addr *a,
		       struct sockaddr *uaddr)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)uaddr;

	if (a->sa.sa_family == AF_INET &&
	    (nsctp_to_sk(nsk)->sk_family == AF_INET || !nsk->opts.v4mapped)) {
		memcpy(uaddr, &a->v4, sizeof(a->v4));
		memset(((struct sockaddr_in *)uaddr)->sin_zero, 0,
		       sizeof(a->v4.sin_zero));
		return sizeof(struct sockaddr_in);
	}
	if (a->sa.sa_family == AF_INET) {
		memset(sin6, 0, sizeof(*sin6));
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = a->v4.sin_port;
		if (a->v4.sin_addr.s_addr != htonl(INADDR_ANY))
			ipv6_addr_set_v4mapped(a->v4.sin_addr.s_addr,
					       &sin6->sin6_addr);
		return sizeof(*sin6);
	}
	*sin6 = a->v6;
	return sizeof(*sin6);
}

/**
 * nsctp_addr_conflict() - would @a_nsk's @a and @b_nsk's @b overlap?
 * @a_nsk: the socket already bound
 * @a: one of its addresses
 * @b_nsk: the socket that wants to bind
 * @b: the address it wants
 *
 * An IPv6 socket (the existing one first) decides: when it is v6-only,
 * addresses of different families never overlap; otherwise a wildcard of
 * either family overlaps everything.
 */
bool nsctp_addr_conflict(struct nsctp_sock *a_nsk, const union nsctp_addr *a,
			 struct nsctp_sock *b_nsk, const union nsctp_addr *b)
{
	struct sock *judge = nsctp_to_sk(a_nsk);
	const struct nsctp_af *af_a = nsctp_af_get(a->sa.sa_family);
	const struct nsctp_af *af_b = nsctp_af_get(b->sa.sa_family);

	if (judge->sk_family != AF_INET6 &&
	    nsctp_to_sk(b_nsk)->sk_family == AF_INET6)
		judge = nsctp_to_sk(b_nsk);

	if (judge->sk_family == AF_INET6 && ipv6_only_sock(judge) &&
	    af_a != af_b)
		return false;
	if (af_a->is_any(a) || af_b->is_any(b))
		return true;
	return af_a == af_b && af_a->equal(a, b);
}

/* The wildcard address of @nsk's own family, with @port. */
void nsctp_addr_any(struct nsctp_sock *nsk, union nsctp_addr *a, __be16 port)
{
	memset(a, 0, sizeof(*a));
	a->sa.sa_family = nsctp_to_sk(nsk)->sk_family;
	a->v4.sin_port = port;
}

/**
 * nsctp_addr_from_skb() - a received packet's source or destination
 * @skb: the packet (network and transport headers set)
 * @a: the canonical address, port included
 * @src: the source (true) or the destination (false)
 */
void nsctp_addr_from_skb(const struct sk_buff *skb, union nsctp_addr *a,
			 bool src)
{
	const struct sctphdr *sh = sctp_hdr(skb);

	memset(a, 0, sizeof(*a));
#if IS_ENABLED(CONFIG_IPV6)
	if (skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		a->v6.sin6_family = AF_INET6;
		a->v6.sin6_port = src ? sh->source : sh->dest;
		a->v6.sin6_addr = src ? ip6h->saddr : ip6h->daddr;
		if (ipv6_addr_type(&a->v6.sin6_addr) & IPV6_ADDR_LINKLOCAL)
			a->v6.sin6_scope_id = inet6_iif(skb);
		return;
	}
#endif
	a->v4.sin_family = AF_INET;
	a->v4.sin_port = src ? sh->source : sh->dest;
	a->v4.sin_addr.s_addr = src ? ip_hdr(skb)->saddr : ip_hdr(skb)->daddr;
}
