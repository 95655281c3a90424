// SPDX-License-Identifier: GPL-2.0
/*
 * The address lists of INIT and INIT ACK (RFC 9260 §3.3.2, §5.1.2, §5.4).
 *
 * An endpoint that sctp_bindx() bound to several addresses names them
 * all in its INIT or INIT ACK, so that the peer knows every address the
 * association may use; packets to any of them find the association
 * (struct nsctp_assoc.laddrs). An endpoint bound to one address or to a
 * wildcard lists none: the peer uses the packet's source (§5.1.2).
 * Listing every address of the host for a wildcard endpoint is part of
 * multihoming, still to come. At most NSCTP_MAX_PATHS addresses are
 * named (the first ones bound), so that an INIT stays within a packet.
 *
 * The other way round, the addresses the peer lists become paths of the
 * association, UNCONFIRMED (§5.4) until a HEARTBEAT confirms them
 * (sm_path.c): no DATA goes to them, sctp_getpaddrs()
 * reports them, and packets from them find the association. A list
 * comes from the network and is hostile: only unicast addresses the
 * socket's family takes and the association has a local address of the
 * family for are learned, loopback ones only from a loopback peer, at
 * most NSCTP_MAX_PATHS paths in all. A restart must not add to them
 * (§5.2.2): an INIT for an established association that lists a new one
 * is refused (nsctp_addrlist_new(), sm_init.c).
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

static bool addr_loopback(const union nsctp_addr *a)
{
	if (a->sa.sa_family == AF_INET)
		return ipv4_is_loopback(a->v4.sin_addr.s_addr);
	return ipv6_addr_loopback(&a->v6.sin6_addr);
}

/* Does @sk name its addresses in an INIT or INIT ACK? Only when bound to
 * more than one, none of them a wildcard.
 */
static bool addrs_listed(struct sock *sk)
{
	struct nsctp_laddr *la;
	int n = 0;

	list_for_each_entry(la, &nsctp_sk(sk)->laddrs, list) {
		if (nsctp_af_get(la->a.sa.sa_family)->is_any(&la->a))
			return false;
		n++;
	}
	return n > 1;
}

/* May an address of ours, @la, be named to peer @peer? Not a loopback
 * one to a peer elsewhere (it would reach the peer itself).
 */
static bool addr_in_scope(const union nsctp_addr *la,
			  const union nsctp_addr *peer)
{
	return !addr_loopback(la) || addr_loopback(peer);
}

/**
 * nsctp_addrlist_put() - the address parameters of @sk
 * @sk: the socket (locked), or the listener answering an INIT
 * @peer: the peer's address, for scope
 * @to: where they go; NULL only sizes them
 *
 * Return: their size, a multiple of 4 (0 when @sk lists no address).
 */
unsigned int nsctp_addrlist_put(struct sock *sk, const union nsctp_addr *peer,
				u8 *to)
{
	struct nsctp_laddr *la;
	unsigned int size = 0;
	int n = 0;

	if (!addrs_listed(sk))
		return 0;
	list_for_each_entry(la, &nsctp_sk(sk)->laddrs, list) {
		bool v4 = la->a.sa.sa_family == AF_INET;
		unsigned int len = v4 ? sizeof(struct sctp_ipv4addr_param) :
					sizeof(struct sctp_ipv6addr_param);

		if (!addr_in_scope(&la->a, peer))
			continue;
		if (n++ == NSCTP_MAX_PATHS)
			break;
		if (to) {
			struct sctp_paramhdr *p = (void *)(to + size);

			p->type = v4 ? SCTP_PARAM_IPV4_ADDRESS :
				       SCTP_PARAM_IPV6_ADDRESS;
			p->length = htons(len);
			if (v4)
				memcpy(p + 1, &la->a.v4.sin_addr, 4);
			else
				memcpy(p + 1, &la->a.v6.sin6_addr, 16);
		}
		size += len;
	}
	return size;
}

/**
 * nsctp_assoc_laddrs_init() - the local addresses @asoc answers to
 * @asoc: a new association, not in the path table yet, @laddr set
 * @gfp: allocation context
 *
 * Besides @asoc->laddr, every address its socket lists in the setup;
 * fixed for the association's life (there is no ASCONF), read under RCU
 * by the lookup of received packets.
 * Return: 0 or -ENOMEM.
 */
int nsctp_assoc_laddrs_init(struct nsctp_assoc *asoc, gfp_t gfp)
{
	struct sock *sk = asoc->sk;
	struct nsctp_laddr *la;
	int n = 0;

	if (!addrs_listed(sk))
		return 0;
	asoc->laddrs = kmalloc_array(NSCTP_MAX_PATHS, sizeof(*asoc->laddrs),
				     gfp);
	if (!asoc->laddrs)
		return -ENOMEM;
	/* what the INIT or INIT ACK names at most (from the same list) */
	list_for_each_entry(la, &nsctp_sk(sk)->laddrs, list) {
		if (n++ == NSCTP_MAX_PATHS)
			break;
		if (!nsctp_addr_equal(&la->a, &asoc->laddr))
			asoc->laddrs[asoc->n_laddrs++] = la->a;
	}
	return 0;
}

/* Has @asoc a local address of @family? Packets to a path go from one
 * of those (a reply to another would find no association).
 */
static bool assoc_has_family(const struct nsctp_assoc *asoc,
			     sa_family_t family)
{
	int i;

	if (asoc->laddr.sa.sa_family == family)
		return true;
	for (i = 0; i < asoc->n_laddrs; i++)
		if (asoc->laddrs[i].sa.sa_family == family)
			return true;
	return false;
}

/* The address a parameter @p of a peer's INIT or INIT ACK names, if it
 * is one the association may learn (see the top of this file).
 */
static bool param_addr(struct nsctp_assoc *asoc, const struct sctp_paramhdr *p,
		       const union nsctp_addr *src, union nsctp_addr *a)
{
	struct sock *sk = asoc->sk;

	memset(a, 0, sizeof(*a));
	if (p->type == SCTP_PARAM_IPV4_ADDRESS &&
	    ntohs(p->length) == sizeof(struct sctp_ipv4addr_param)) {
		__be32 v4 = ((const struct sctp_ipv4addr_param *)p)->addr.s_addr;

		if (ipv6_only_sock(sk) || ipv4_is_zeronet(v4) ||
		    ipv4_is_multicast(v4) || ipv4_is_lbcast(v4))
			return false;
		a->v4.sin_family = AF_INET;
		a->v4.sin_addr.s_addr = v4;
	} else if (IS_ENABLED(CONFIG_IPV6) &&
		   p->type == SCTP_PARAM_IPV6_ADDRESS &&
		   ntohs(p->length) == sizeof(struct sctp_ipv6addr_param)) {
		const struct in6_addr *v6 =
			&((const struct sctp_ipv6addr_param *)p)->addr;
		int type = ipv6_addr_type(v6);

		/* a link-local address names no link here */
		if (sk->sk_family != AF_INET6 ||
		    !(type & IPV6_ADDR_UNICAST) ||
		    (type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MAPPED)))
			return false;
		a->v6.sin6_family = AF_INET6;
		a->v6.sin6_addr = *v6;
	} else {
		return false;
	}
	a->v4.sin_port = nsctp_addr_port(src);	/* v4 and v6 alike */
	return assoc_has_family(asoc, a->sa.sa_family) &&
	       (!addr_loopback(a) || addr_loopback(src));
}

/* Is the parameter at @p whole before @end? */
static bool param_fits(const struct sctp_paramhdr *p, const u8 *end)
{
	const u8 *at = (const u8 *)p;

	return at + sizeof(*p) <= end && ntohs(p->length) >= sizeof(*p) &&
	       at + ntohs(p->length) <= end;
}

static struct nsctp_path *path_of(struct nsctp_assoc *asoc,
				  const union nsctp_addr *a)
{
	struct nsctp_path *path;

	list_for_each_entry(path, &asoc->paths, list)
		if (nsctp_addr_equal(&path->addr, a))
			return path;
	return NULL;
}

/**
 * nsctp_addrlist_learn() - the peer's addresses in its INIT or INIT ACK
 * @asoc: the association, socket locked
 * @params: the chunk's parameters (validated by the parser: each one's
 *	length within the chunk)
 * @len: their length
 * @from: the packet's source, the path it came on (kept)
 * @prune: an INIT ACK: the paths sctp_connectx() made that the INIT ACK
 *	neither lists nor came from go (as in-tree)
 *
 * A path the list names that exists already (sctp_connectx() gave it) is
 * confirmed; a new one is UNCONFIRMED. An address another association
 * has is left out.
 */
void nsctp_addrlist_learn(struct nsctp_assoc *asoc, const u8 *params,
			  unsigned int len, const union nsctp_addr *from,
			  bool prune)
{
	const struct sctp_paramhdr *p = (const void *)params;
	const u8 *end = params + len;
	struct nsctp_path *path;
	union nsctp_addr a;
	int n = 0;

	list_for_each_entry(path, &asoc->paths, list) {
		path->listed = !prune || path == asoc->primary;
		n++;
	}
	for (; param_fits(p, end);
	     p = (const void *)((const u8 *)p + ALIGN(ntohs(p->length), 4))) {
		if (!param_addr(asoc, p, from, &a))
			continue;
		path = path_of(asoc, &a);
		if (path) {
			path->listed = true;
			continue;
		}
		if (n >= NSCTP_MAX_PATHS ||
		    nsctp_assoc_add_peer(asoc, &a))
			continue;
		path = list_last_entry(&asoc->paths, struct nsctp_path, list);
		path->listed = true;
		path->unconfirmed = true;
		n++;
	}
	if (prune)
		nsctp_assoc_prune_paths(asoc);
}

/**
 * nsctp_addrlist_new() - what an INIT for @asoc would add to it (§5.2.2)
 * @asoc: the association, socket locked, past COOKIE-ECHOED
 * @params: the INIT's parameters (each one's length within the chunk,
 *	checked by the parser)
 * @len: their length
 * @from: the INIT's source
 * @out: where the new addresses' parameters go, as received
 * @max: room at @out
 *
 * A restart must not add addresses: a peer that lists one the association
 * does not have is refused (Restart of an Association with New Addresses),
 * so that an INIT cannot bring a stranger's address into it. New means
 * one nsctp_addrlist_learn() would take: an address it leaves out is no
 * addition (and the association has room for no more when it has
 * NSCTP_MAX_PATHS paths).
 * Return: the bytes written to @out, 0 when the INIT adds nothing.
 */
unsigned int nsctp_addrlist_new(struct nsctp_assoc *asoc, const u8 *params,
				unsigned int len, const union nsctp_addr *from,
				u8 *out, unsigned int max)
{
	const struct sctp_paramhdr *p = (const void *)params;
	const u8 *end = params + len;
	struct nsctp_path *path;
	unsigned int n = 0, plen, at = 0;
	union nsctp_addr a;

	list_for_each_entry(path, &asoc->paths, list)
		n++;
	if (n >= NSCTP_MAX_PATHS)
		return 0;
	for (; param_fits(p, end);
	     p = (const void *)((const u8 *)p + ALIGN(ntohs(p->length), 4))) {
		if (!param_addr(asoc, p, from, &a) || path_of(asoc, &a))
			continue;
		plen = ntohs(p->length);	/* 8 or 20: aligned */
		if (at + plen > max)
			break;
		memcpy(out + at, p, plen);
		at += plen;
	}
	return at;
}

/**
 * nsctp_host_addrs() - the addresses a wildcard bound on @sk stands for
 * @sk: the socket
 * @out: room for @max addresses
 * @max: how many fit
 * @port: the port they get (the socket's)
 *
 * Every address of the namespace's interfaces that @sk's family takes
 * (IPv4 ones on an IPv6 socket unless it is v6-only), as in-tree's
 * sctp_getladdrs() lists them for a wildcard bind; IPv6 ones not
 * tentative, link-local ones with their interface as scope.
 * Return: how many were written.
 */
int nsctp_host_addrs(struct sock *sk, union nsctp_addr *out, int max,
		     __be16 port)
{
	struct net_device *dev;
	int n = 0;

	rcu_read_lock();
	for_each_netdev_rcu(sock_net(sk), dev) {
		const struct in_device *in_dev = __in_dev_get_rcu(dev);
		const struct in_ifaddr *ifa;

		if (in_dev && !ipv6_only_sock(sk)) {
			in_dev_for_each_ifa_rcu(ifa, in_dev) {
				if (n == max)
					goto out;
				memset(&out[n], 0, sizeof(out[n]));
				out[n].v4.sin_family = AF_INET;
				out[n].v4.sin_port = port;
				out[n].v4.sin_addr.s_addr = ifa->ifa_local;
				n++;
			}
		}
#if IS_ENABLED(CONFIG_IPV6)
		if (sk->sk_family == AF_INET6) {
			struct inet6_dev *idev = __in6_dev_get(dev);
			const struct inet6_ifaddr *ifp;

			if (!idev)
				continue;
			read_lock_bh(&idev->lock);
			list_for_each_entry(ifp, &idev->addr_list, if_list) {
				if (ifp->flags & (IFA_F_TENTATIVE |
						  IFA_F_DADFAILED))
					continue;
				if (n == max)
					break;
				memset(&out[n], 0, sizeof(out[n]));
				out[n].v6.sin6_family = AF_INET6;
				out[n].v6.sin6_port = port;
				out[n].v6.sin6_addr = ifp->addr;
				if (ipv6_addr_type(&ifp->addr) &
				    IPV6_ADDR_LINKLOCAL)
					out[n].v6.sin6_scope_id = dev->ifindex;
				n++;
			}
			read_unlock_bh(&idev->lock);
		}
#endif
	}
out:
	rcu_read_unlock();
	return n;
}
