// SPDX-License-Identifier: GPL-2.0
/*
 * Local ports: which sockets (endpoints) hold which port, per netns.
 *
 * A port in use is a struct nsctp_port in a small per-netns hash table;
 * its owners are the sockets bound to it, each with its list of local
 * addresses. Binding checks the new address against every owner's
 * addresses (SO_REUSEADDR, SO_REUSEPORT and IPV6_V6ONLY as the in-tree
 * module applies them), so the cost is the number of sockets on that one
 * port, never the number of ports.
 *
 * Writers (bind, listen, close) run in process context with the socket
 * lock held and take the bucket lock with BHs off; readers (endpoint
 * lookup in softirq, /proc) hold the bucket lock too. Ephemeral ports are chosen at random in
 * ip_local_port_range, skipping ip_local_reserved_ports, among the ports
 * no socket of the netns uses at all.
 */
#include <linux/hash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/ip.h>

#include <net/nsctp/nsctp.h>

static struct kmem_cache *nsctp_port_cache;
static struct kmem_cache *nsctp_laddr_cache;

static void laddr_free_rcu(struct rcu_head *head);
static bool laddr_covers(struct nsctp_sock *nsk, const union nsctp_addr *la,
			 const union nsctp_addr *daddr);

void nsctp_port_hash_init(struct nsctp_net *nn)
{
	unsigned int i;

	for (i = 0; i < NSCTP_PORT_HASH_SIZE; i++) {
		spin_lock_init(&nn->port_hash[i].lock);
		INIT_HLIST_HEAD(&nn->port_hash[i].chain);
	}
}

static struct nsctp_port_bucket *port_bucket(struct net *net, u16 port)
{
	return &nsctp_pernet(net)->port_hash[hash_32(port, NSCTP_PORT_HASH_BITS)];
}

static struct nsctp_port *port_find(struct nsctp_port_bucket *b, u16 port)
	__must_hold(&b->lock)
{
	struct nsctp_port *pp;

	hlist_for_each_entry(pp, &b->chain, node)
		if (pp->port == port)
			return pp;
	return NULL;
}

static bool reuse_addr(const struct sock *sk)
{
	return sk->sk_reuse || nsctp_sk(sk)->reuse_port;
}

/* May @sk share the port with @sk2 whatever their addresses? Address reuse
 * ends where the other socket listens (checked again at listen()).
 */
static bool port_shareable(struct sock *sk, struct sock *sk2)
{
	if (reuse_addr(sk) && reuse_addr(sk2) && sk2->sk_state != TCP_LISTEN)
		return true;
	return sk->sk_reuseport && sk2->sk_reuseport &&
	       uid_eq(sock_i_uid(sk), sock_i_uid(sk2));
}

/* Does @addr of @sk overlap an address of another owner of @pp? */
static bool port_conflict(struct nsctp_port *pp, struct sock *sk,
			  const union nsctp_addr *addr)
{
	struct nsctp_sock *nsk = nsctp_sk(sk), *nsk2;
	struct nsctp_laddr *la;

	hlist_for_each_entry(nsk2, &pp->owners, bind_node) {
		struct sock *sk2 = nsctp_to_sk(nsk2);

		if (sk2 == sk || port_shareable(sk, sk2))
			continue;
		list_for_each_entry(la, &nsk2->laddrs, list)
			if (nsctp_addr_conflict(nsk2, &la->a, nsk, addr))
				return true;
	}
	return false;
}

static void port_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(nsctp_port_cache,
			container_of(head, struct nsctp_port, rcu));
}

static struct nsctp_port *port_create(struct nsctp_port_bucket *b, u16 port)
	__must_hold(&b->lock)
{
	struct nsctp_port *pp;

	pp = kmem_cache_zalloc(nsctp_port_cache, GFP_ATOMIC);
	if (!pp)
		return NULL;
	pp->port = port;
	INIT_HLIST_HEAD(&pp->owners);
	hlist_add_head_rcu(&pp->node, &b->chain);
	return pp;
}

/* Drop @pp once its last owner left. */
static void port_put_if_unused(struct nsctp_port *pp)
{
	if (!hlist_empty(&pp->owners))
		return;
	hlist_del_rcu(&pp->node);
	call_rcu(&pp->rcu, port_free_rcu);
}

/* Add @la to @sk and, for its first address, make @sk an owner of @pp. */
static void port_attach(struct sock *sk, struct nsctp_port *pp,
			struct nsctp_laddr *la)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	const struct nsctp_af *af = nsctp_af_get(la->a.sa.sa_family);

	if (!nsk->port) {
		nsk->port = pp;
		hlist_add_head_rcu(&nsk->bind_node, &pp->owners);
		inet_sk(sk)->inet_num = pp->port;
		inet_sk(sk)->inet_sport = htons(pp->port);
		af->to_sk(sk, &la->a);
	}
	list_add_tail_rcu(&la->list, &nsk->laddrs);
}

/* Take a free ephemeral port for @sk and @la; bucket lock released. */
static int port_bind_ephemeral(struct sock *sk, struct nsctp_laddr *la)
{
	struct net *net = sock_net(sk);
	int low, high, remaining;
	struct nsctp_port_bucket *b;
	struct nsctp_port *pp;
	u32 rover;

	inet_sk_get_local_port_range(sk, &low, &high);
	remaining = high - low + 1;
	rover = low + get_random_u32_below(remaining);
	for (; remaining > 0; remaining--, rover++) {
		if (rover > high)
			rover = low;
		if (inet_is_local_reserved_port(net, rover))
			continue;
		b = port_bucket(net, rover);
		spin_lock_bh(&b->lock);
		if (!port_find(b, rover)) {
			pp = port_create(b, rover);
			if (pp) {
				la->a.v4.sin_port = htons(rover);
				port_attach(sk, pp, la);
			}
			spin_unlock_bh(&b->lock);
			return pp ? 0 : -ENOMEM;
		}
		spin_unlock_bh(&b->lock);
		cond_resched();
	}
	return -EADDRINUSE;
}

/* Bind @la to the given port @snum for @sk. */
static int port_bind_fixed(struct sock *sk, struct nsctp_laddr *la, u16 snum)
{
	struct nsctp_port_bucket *b = port_bucket(sock_net(sk), snum);
	struct nsctp_port *pp;
	int err = 0;

	spin_lock_bh(&b->lock);
	pp = port_find(b, snum);
	if (pp && port_conflict(pp, sk, &la->a)) {
		err = -EADDRINUSE;
		goto out;
	}
	if (!pp)
		pp = port_create(b, snum);
	if (!pp) {
		err = -ENOMEM;
		goto out;
	}
	la->a.v4.sin_port = htons(snum);
	port_attach(sk, pp, la);
out:
	spin_unlock_bh(&b->lock);
	return err;
}

/**
 * nsctp_port_bind() - bind one more local address to @sk
 * @sk: the socket, locked by the caller
 * @addr: canonical address; port 0 means "an ephemeral port" for an
 *	unbound socket and "the socket's port" for a bound one
 *
 * Return: 0; -EINVAL when the port differs from the one @sk already has or
 * the address is already bound; -EADDRINUSE on a conflict or when the
 * ephemeral range is exhausted; -ENOMEM.
 */
int nsctp_port_bind(struct sock *sk, union nsctp_addr *addr)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	u16 snum = ntohs(nsctp_addr_port(addr));
	struct nsctp_laddr *la;
	int err;

	sock_owned_by_me(sk);
	if (nsk->port) {
		struct nsctp_laddr *old;

		if (snum && snum != nsk->port->port)
			return -EINVAL;
		snum = nsk->port->port;
		/* bound already, or under a wildcard bound (or, new, a
		 * wildcard over what is bound): as in-tree, EINVAL
		 */
		list_for_each_entry(old, &nsk->laddrs, list)
			if (laddr_covers(nsk, &old->a, addr) ||
			    laddr_covers(nsk, addr, &old->a))
				return -EINVAL;
	}

	la = kmem_cache_zalloc(nsctp_laddr_cache, GFP_KERNEL);
	if (!la)
		return -ENOMEM;
	la->a = *addr;
	if (snum)
		err = port_bind_fixed(sk, la, snum);
	else
		err = port_bind_ephemeral(sk, la);
	if (err)
		kmem_cache_free(nsctp_laddr_cache, la);
	else
		addr->v4.sin_port = la->a.v4.sin_port;
	return err;
}

/**
 * nsctp_port_unbind() - drop one of @sk's local addresses
 * @sk: the socket, locked by the caller, bound to more than @la
 * @la: the address to drop, on @sk's list
 *
 * The port stays: sctp_bindx() never removes the last address. When the
 * socket's own source address (getsockname()) was @la, it becomes the
 * first address left.
 */
void nsctp_port_unbind(struct sock *sk, struct nsctp_laddr *la)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_port_bucket *b;
	struct nsctp_laddr *first;

	sock_owned_by_me(sk);
	b = port_bucket(sock_net(sk), nsk->port->port);
	spin_lock_bh(&b->lock);
	list_del_rcu(&la->list);
	spin_unlock_bh(&b->lock);
	first = list_first_entry(&nsk->laddrs, struct nsctp_laddr, list);
	nsctp_af_get(first->a.sa.sa_family)->to_sk(sk, &first->a);
	call_rcu(&la->rcu, laddr_free_rcu);
}

/**
 * nsctp_port_find_laddr() - @sk's local address equal to @addr
 * @sk: the socket, locked by the caller
 * @addr: the address (its port is not compared)
 *
 * Return: the entry on @sk's list, or NULL.
 */
struct nsctp_laddr *nsctp_port_find_laddr(struct sock *sk,
					  const union nsctp_addr *addr)
{
	struct nsctp_laddr *la;

	sock_owned_by_me(sk);
	list_for_each_entry(la, &nsctp_sk(sk)->laddrs, list)
		if (nsctp_addr_equal(&la->a, addr))
			return la;
	return NULL;
}

/**
 * nsctp_port_recheck() - may @sk, now listening, keep its addresses?
 * @sk: a bound socket, locked, whose sk_state just became TCP_LISTEN
 *
 * SO_REUSEADDR lets sockets share an address only while none of them
 * listens, so listen() checks the addresses again.
 *
 * Return: 0 or -EADDRINUSE.
 */
int nsctp_port_recheck(struct sock *sk)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_port_bucket *b;
	struct nsctp_laddr *la;
	int err = 0;

	sock_owned_by_me(sk);
	if (!nsk->port)
		return 0;
	b = port_bucket(sock_net(sk), nsk->port->port);
	spin_lock_bh(&b->lock);
	list_for_each_entry(la, &nsk->laddrs, list) {
		if (port_conflict(nsk->port, sk, &la->a)) {
			err = -EADDRINUSE;
			break;
		}
	}
	spin_unlock_bh(&b->lock);
	return err;
}

static void laddr_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(nsctp_laddr_cache,
			container_of(head, struct nsctp_laddr, rcu));
}

/**
 * nsctp_port_release() - unbind @sk: drop its addresses and its port
 * @sk: the socket; locked by the caller or being destroyed
 */
void nsctp_port_release(struct sock *sk)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_port_bucket *b;
	struct nsctp_laddr *la, *tmp;

	if (!nsk->port)
		return;
	b = port_bucket(sock_net(sk), nsk->port->port);
	spin_lock_bh(&b->lock);
	list_for_each_entry_safe(la, tmp, &nsk->laddrs, list) {
		list_del_rcu(&la->list);
		call_rcu(&la->rcu, laddr_free_rcu);
	}
	hlist_del_init_rcu(&nsk->bind_node);
	port_put_if_unused(nsk->port);
	nsk->port = NULL;
	spin_unlock_bh(&b->lock);
	inet_sk(sk)->inet_num = 0;
	inet_sk(sk)->inet_sport = 0;
}

int nsctp_port_cache_init(void)
{
	nsctp_port_cache = KMEM_CACHE(nsctp_port, 0);
	if (!nsctp_port_cache)
		return -ENOMEM;
	nsctp_laddr_cache = KMEM_CACHE(nsctp_laddr, 0);
	if (!nsctp_laddr_cache) {
		kmem_cache_destroy(nsctp_port_cache);
		return -ENOMEM;
	}
	return 0;
}

void nsctp_port_cache_exit(void)
{
	/* Objects still waiting for their grace period must be gone. */
	rcu_barrier();
	kmem_cache_destroy(nsctp_laddr_cache);
	kmem_cache_destroy(nsctp_port_cache);
}

/* Does the bound address @la of @nsk cover destination @daddr? */
static bool laddr_covers(struct nsctp_sock *nsk, const union nsctp_addr *la,
			 const union nsctp_addr *daddr)
{
	const struct nsctp_af *af = nsctp_af_get(la->sa.sa_family);

	if (!af->is_any(la))
		return la->sa.sa_family == daddr->sa.sa_family &&
		       af->equal(la, daddr);
	if (la->sa.sa_family == daddr->sa.sa_family)
		return true;
	/* An IPv6 wildcard takes IPv4 too, unless v6-only. */
	return la->sa.sa_family == AF_INET6 &&
	       !ipv6_only_sock(nsctp_to_sk(nsk));
}

/**
 * nsctp_lookup_listener() - the listening socket for @daddr:@dport
 * @net: the namespace
 * @daddr: canonical destination address of a packet
 * @dport: its destination port (host order)
 *
 * A socket bound to @daddr itself wins over one bound to a wildcard.
 * Return: the socket with a reference held, or NULL.
 */
struct sock *nsctp_lookup_listener(struct net *net,
				   const union nsctp_addr *daddr, u16 dport)
{
	struct nsctp_port_bucket *b = port_bucket(net, dport);
	struct nsctp_sock *nsk, *best = NULL;
	bool best_exact = false;
	struct nsctp_port *pp;
	struct nsctp_laddr *la;

	spin_lock_bh(&b->lock);
	pp = port_find(b, dport);
	if (!pp)
		goto out;
	hlist_for_each_entry(nsk, &pp->owners, bind_node) {
		if (nsctp_to_sk(nsk)->sk_state != TCP_LISTEN)
			continue;
		list_for_each_entry(la, &nsk->laddrs, list) {
			bool exact;

			if (!laddr_covers(nsk, &la->a, daddr))
				continue;
			exact = !nsctp_af_get(la->a.sa.sa_family)->is_any(&la->a);
			if (!best || (exact && !best_exact)) {
				best = nsk;
				best_exact = exact;
			}
		}
	}
	if (best)
		sock_hold(nsctp_to_sk(best));
out:
	spin_unlock_bh(&b->lock);
	return best ? nsctp_to_sk(best) : NULL;
}

/**
 * nsctp_port_inherit() - bind @newsk where @sk is bound, without checks
 * @newsk: a socket accept() made for one of @sk's associations
 * @sk: the listening socket, locked
 *
 * The new socket shares the port and the addresses of its listener, as a
 * TCP child does; it is not a conflict, so none is looked for.
 * Return: 0 or -ENOMEM.
 */
int nsctp_port_inherit(struct sock *newsk, struct sock *sk)
{
	struct nsctp_sock *nsk = nsctp_sk(sk), *nnsk = nsctp_sk(newsk);
	struct nsctp_laddr *la, *copy, *tmp;
	struct nsctp_port_bucket *b;
	LIST_HEAD(copies);

	sock_owned_by_me(sk);
	list_for_each_entry(la, &nsk->laddrs, list) {
		copy = kmem_cache_zalloc(nsctp_laddr_cache, GFP_KERNEL);
		if (!copy)
			goto nomem;
		copy->a = la->a;
		list_add_tail(&copy->list, &copies);
	}
	b = port_bucket(sock_net(sk), nsk->port->port);
	spin_lock_bh(&b->lock);
	list_for_each_entry_safe(la, tmp, &copies, list) {
		list_del(&la->list);
		port_attach(newsk, nsk->port, la);
	}
	spin_unlock_bh(&b->lock);
	WARN_ON_ONCE(nnsk->port != nsk->port);
	return 0;
nomem:
	list_for_each_entry_safe(la, tmp, &copies, list)
		kmem_cache_free(nsctp_laddr_cache, la);
	return -ENOMEM;
}
