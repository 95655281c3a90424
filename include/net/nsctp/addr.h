/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsctp addresses and address-family operations.
 *
 * Every address nsctp keeps is a union nsctp_addr in canonical form: an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is stored as AF_INET, so
 * comparisons never have to care which socket family it came through.
 * Conversion back to what the user expects (mapped or not) happens only at
 * the socket API edge, in nsctp_addr_to_user().
 *
 * All family-specific behaviour goes through struct nsctp_af, one const
 * instance per family, so nothing outside addr.c switches on sa_family.
 */
#ifndef _NET_NSCTP_ADDR_H
#define _NET_NSCTP_ADDR_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>

struct sk_buff;
struct sock;
struct nsctp_sock;

union nsctp_addr {
	struct sockaddr		sa;
	struct sockaddr_in	v4;
	struct sockaddr_in6	v6;
};

/**
 * struct nsctp_af - operations of one address family (AF_INET or AF_INET6)
 * @family:	AF_INET or AF_INET6
 * @sockaddr_len: size of the family's sockaddr
 * @is_any:	is @a the wildcard address of this family?
 * @equal:	same address (ports ignored); both of this family
 * @bindable:	may socket @nsk bind @a (a local, unicast address, or the
 *		wildcard, or non-local binding allowed)?
 * @to_sk:	record @a as @sk's bound source address (inet fields)
 */
struct nsctp_af {
	sa_family_t	family;
	int		sockaddr_len;
	bool		(*is_any)(const union nsctp_addr *a);
	bool		(*equal)(const union nsctp_addr *a,
				 const union nsctp_addr *b);
	bool		(*bindable)(struct nsctp_sock *nsk,
				    const union nsctp_addr *a);
	void		(*to_sk)(struct sock *sk, const union nsctp_addr *a);
};

const struct nsctp_af *nsctp_af_get(sa_family_t family);
bool nsctp_addr_equal(const union nsctp_addr *a, const union nsctp_addr *b);
int nsctp_addr_from_user(struct nsctp_sock *nsk, const struct sockaddr *uaddr,
			 int len, union nsctp_addr *out);
int nsctp_addr_to_user(struct nsctp_sock *nsk, const union nsctp_addr *a,
		       struct sockaddr *uaddr);
bool nsctp_addr_conflict(struct nsctp_sock *a_nsk, const union nsctp_addr *a,
			 struct nsctp_sock *b_nsk, const union nsctp_addr *b);
void nsctp_addr_any(struct nsctp_sock *nsk, union nsctp_addr *a, __be16 port);
void nsctp_addr_from_skb(const struct sk_buff *skb, union nsctp_addr *a,
			 bool src);

static inline __be16 nsctp_addr_port(const union nsctp_addr *a)
{
	/* sin_port and sin6_port share their offset */
	return a->v4.sin_port;
}

struct dst_entry;

/* The route of a path's last packet (output.c) and the inputs it was
 * looked up with that can change (the addresses cannot): reused while
 * they are the same and dst_check() says the route still holds. Under
 * the socket lock.
 */
struct nsctp_route_cache {
	struct dst_entry	*dst;
	u32			cookie;		/* IPv6: rt6_get_cookie() */
	int			oif;
	u32			mark;
	u32			tos;		/* flow_tos() */
	union nsctp_addr	saddr;		/* as the route chose */
};

#endif /* _NET_NSCTP_ADDR_H */
