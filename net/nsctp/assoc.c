// SPDX-License-Identifier: GPL-2.0
/*
 * Associations: creation from a State Cookie, the per-netns table that
 * maps received packets to them (through their paths), association ids,
 * state changes with their MIB counting, and teardown (see assoc.h for
 * the lifetime rules).
 *
 * The path table is an rhltable keyed by (local port, peer port, peer
 * address): several associations may share a key when sockets bound to
 * different local addresses talk to the same peer, so a lookup also
 * checks the local address. Lookups run under RCU and take a reference
 * with refcount_inc_not_zero(); associations and paths are freed after a
 * grace period.
 */
#include <linux/random.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/cookie.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

static struct kmem_cache *nsctp_assoc_cache;
static struct kmem_cache *nsctp_path_cache;

/* Association ids are global, as in-tree: never 0..SCTP_ALL_ASSOC, given
 * cyclically (an id is not used again soon after its association went).
 * A hash table, not an idr: with the cyclic ids spread over the whole
 * range, an idr built and freed a path of radix tree nodes for nearly
 * every association set up and torn down.
 */
static const struct rhashtable_params nsctp_id_params = {
	.key_len		= sizeof(sctp_assoc_t),
	.key_offset		= offsetof(struct nsctp_assoc, id),
	.head_offset		= offsetof(struct nsctp_assoc, id_node),
	.automatic_shrinking	= true,
};

static struct rhashtable nsctp_assoc_ids;
static DEFINE_SPINLOCK(nsctp_assoc_ids_lock);
static sctp_assoc_t nsctp_assoc_id_next = SCTP_ALL_ASSOC + 1;

static const struct rhashtable_params nsctp_path_params = {
	.key_len		= sizeof(struct nsctp_path_key),
	.key_offset		= offsetof(struct nsctp_path, key),
	.head_offset		= offsetof(struct nsctp_path, node),
	.automatic_shrinking	= true,
};

int nsctp_assoc_table_init(struct nsctp_net *nn)
{
	spin_lock_init(&nn->paths_lock);
	return rhltable_init(&nn->paths, &nsctp_path_params);
}

void nsctp_assoc_table_exit(struct nsctp_net *nn)
{
	/* Associations pin their socket, sockets pin the netns: empty. */
	rhltable_destroy(&nn->paths);
}

static void path_key(struct nsctp_path_key *k, __be16 lport,
		     const union nsctp_addr *paddr)
{
	memset(k, 0, sizeof(*k));
	k->lport = lport;
	k->pport = nsctp_addr_port(paddr);
	k->family = paddr->sa.sa_family;
	if (k->family == AF_INET)
		k->addr[0] = paddr->v4.sin_addr.s_addr;
	else
		memcpy(k->addr, &paddr->v6.sin6_addr, sizeof(k->addr));
}

/* Is @daddr the local address @asoc uses (or may use, when wildcard)? */
static bool assoc_laddr_ok(const struct nsctp_assoc *asoc,
			   const union nsctp_addr *daddr)
{
	int i;

	if (nsctp_addr_equal(&asoc->laddr, daddr))
		return true;
	/* the other addresses the setup named (addrlist.c) */
	for (i = 0; i < asoc->n_laddrs; i++)
		if (nsctp_addr_equal(&asoc->laddrs[i], daddr))
			return true;
	return false;
}

/**
 * nsctp_assoc_lookup() - the association a received packet belongs to
 * @net: the namespace
 * @daddr: the packet's destination (canonical, port included)
 * @paddr: its source, the peer (canonical, port included)
 *
 * Return: the association with a reference held, or NULL.
 */
struct nsctp_assoc *nsctp_assoc_lookup(struct net *net,
				       const union nsctp_addr *daddr,
				       const union nsctp_addr *paddr)
{
	struct nsctp_net *nn = nsctp_pernet(net);
	struct nsctp_assoc *found = NULL;
	struct nsctp_path_key key;
	struct rhlist_head *list, *pos;
	struct nsctp_path *path;

	path_key(&key, nsctp_addr_port(daddr), paddr);
	rcu_read_lock();
	list = rhltable_lookup(&nn->paths, &key, nsctp_path_params);
	rhl_for_each_entry_rcu(path, pos, list, node) {
		struct nsctp_assoc *asoc = path->asoc;

		if (assoc_laddr_ok(asoc, daddr) &&
		    refcount_inc_not_zero(&asoc->refcnt)) {
			found = asoc;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

static void path_free(struct nsctp_path *path)
{
	nsctp_route_forget(&path->rc);
	kmem_cache_free(nsctp_path_cache, path);
}

static void assoc_free_rcu(struct rcu_head *head)
{
	struct nsctp_assoc *asoc = container_of(head, struct nsctp_assoc, rcu);
	struct nsctp_path *path, *tmp;

	nsctp_inq_free(asoc);	/* never published, or already freed */
	nsctp_outq_free(asoc);
	list_for_each_entry_safe(path, tmp, &asoc->paths, list)
		path_free(path);
	kfree(asoc->laddrs);
	kmem_cache_free(nsctp_assoc_cache, asoc);
}

/* Drop a reference; the last one frees @asoc after a grace period. */
void nsctp_assoc_put(struct nsctp_assoc *asoc)
{
	if (!refcount_dec_and_test(&asoc->refcnt))
		return;
	WARN_ON_ONCE(!asoc->dead);
	sock_put(asoc->sk);
	call_rcu(&asoc->rcu, assoc_free_rcu);
}

static bool state_counts_as_established(enum sctp_sstat_state s)
{
	/* RFC 3873 sctpCurrEstab */
	return s == SCTP_ESTABLISHED || s == SCTP_SHUTDOWN_PENDING ||
	       s == SCTP_SHUTDOWN_RECEIVED;
}

/**
 * nsctp_assoc_set_state() - the one place association states change
 * @asoc: the association, its socket locked
 * @state: the new state
 *
 * Keeps SctpCurrEstab, SctpActiveEstabs and SctpPassiveEstabs right,
 * and starts heartbeats when the association comes up.
 */
void nsctp_assoc_set_state(struct nsctp_assoc *asoc,
			   enum sctp_sstat_state state)
{
	struct net *net = sock_net(asoc->sk);
	enum sctp_sstat_state old = asoc->state;

	if (old != state)
		trace_nsctp_assoc_state(asoc, old, state);
	if (state == SCTP_ESTABLISHED && old == SCTP_COOKIE_ECHOED)
		NSCTP_INC_STATS(net, ACTIVEESTABS);
	else if (state == SCTP_ESTABLISHED && old == SCTP_CLOSED)
		NSCTP_INC_STATS(net, PASSIVEESTABS);
	if (state == SCTP_ESTABLISHED && old != SCTP_ESTABLISHED) {
		struct nsctp_path *path;

		/* the primary, and the addresses to verify (§5.4) */
		list_for_each_entry(path, &asoc->paths, list)
			if (path == asoc->primary || path->unconfirmed)
				nsctp_path_hb_start(path);
		nsctp_timer_start(asoc, NSCTP_AUTOCLOSE);
	}
	if (state_counts_as_established(state) &&
	    !state_counts_as_established(old))
		NSCTP_INC_STATS(net, CURRESTAB);
	else if (!state_counts_as_established(state) &&
		 state_counts_as_established(old))
		NSCTP_DEC_STATS(net, CURRESTAB);
	asoc->state = state;
}

/* The next free id from the cursor on, wrapping after INT_MAX. Of any
 * nelems + 1 ids in a row one is free, so the search ends. Runs in
 * softirq too (a COOKIE ECHO).
 */
static int assoc_id_alloc(struct nsctp_assoc *asoc)
{
	unsigned int tries;
	int err;

	spin_lock_bh(&nsctp_assoc_ids_lock);
	tries = atomic_read(&nsctp_assoc_ids.nelems) + 1;
	do {
		asoc->id = nsctp_assoc_id_next;
		nsctp_assoc_id_next = asoc->id == INT_MAX ? SCTP_ALL_ASSOC + 1 :
							    asoc->id + 1;
		err = rhashtable_lookup_insert_fast(&nsctp_assoc_ids,
						    &asoc->id_node,
						    nsctp_id_params);
	} while (err == -EEXIST && --tries);
	spin_unlock_bh(&nsctp_assoc_ids_lock);
	return err;
}

static void assoc_id_free(struct nsctp_assoc *asoc)
{
	rhashtable_remove_fast(&nsctp_assoc_ids, &asoc->id_node,
			       nsctp_id_params);
}

static void path_flow(struct nsctp_assoc *asoc, struct nsctp_path *path,
		      struct nsctp_flow *f)
{
	memset(f, 0, sizeof(*f));
	f->saddr = asoc->laddr;
	f->daddr = path->addr;
	f->path = path;
	f->oif = asoc->sk->sk_bound_dev_if;
	f->mark = READ_ONCE(asoc->sk->sk_mark);
	f->sk = asoc->sk;
	f->asoc = asoc;
}

static struct nsctp_path *path_new(struct nsctp_assoc *asoc,
				   const union nsctp_addr *paddr)
{
	struct nsctp_path *path;
	struct nsctp_flow f;

	path = kmem_cache_zalloc(nsctp_path_cache, GFP_ATOMIC);
	if (!path)
		return NULL;
	path->asoc = asoc;
	path->addr = *paddr;
	nsctp_path_timers_init(path);
	path->rto = asoc->aopts.rto_initial;
	path->encap_port = asoc->aopts.encap_port;
	nsctp_path_rto_note(path);
	path_key(&path->key, nsctp_addr_port(&asoc->laddr), paddr);
	path_flow(asoc, path, &f);
	path->pmtu = nsctp_route_mtu(sock_net(asoc->sk), &f) ?: IPV6_MIN_MTU;
	/* SCTP_PEER_ADDR_PARAMS: a fixed PMTU instead of discovery */
	if (asoc->aopts.pmtud_off && asoc->aopts.pathmtu)
		path->pmtu = asoc->aopts.pathmtu;
	list_add_tail(&path->list, &asoc->paths);
	return path;
}

/* Would a packet for @path's key and @laddr find another association? */
static bool path_taken(struct nsctp_net *nn, const struct nsctp_path *path,
		       const union nsctp_addr *laddr)
{
	struct rhlist_head *list, *pos;
	struct nsctp_path *p;
	bool taken = false;

	rcu_read_lock();
	list = rhltable_lookup(&nn->paths, &path->key, nsctp_path_params);
	rhl_for_each_entry_rcu(p, pos, list, node) {
		if (!READ_ONCE(p->asoc->dead) &&
		    assoc_laddr_ok(p->asoc, laddr)) {
			taken = true;
			break;
		}
	}
	rcu_read_unlock();
	return taken;
}

/* Put every path of @asoc in the table, or none. Two associations never
 * answer to the same addresses and ports (a replayed COOKIE ECHO, a
 * second socket on the same port): the second gets -EEXIST.
 */
static int assoc_hash(struct nsctp_assoc *asoc)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(asoc->sk));
	struct nsctp_path *path, *done;
	int err = 0;

	spin_lock_bh(&nn->paths_lock);
	list_for_each_entry(path, &asoc->paths, list) {
		if (path_taken(nn, path, &asoc->laddr))
			err = -EEXIST;
		else
			err = rhltable_insert(&nn->paths, &path->node,
					      nsctp_path_params);
		if (err)
			goto unwind;
	}
	spin_unlock_bh(&nn->paths_lock);
	return 0;
unwind:
	list_for_each_entry(done, &asoc->paths, list) {
		if (done == path)
			break;
		rhltable_remove(&nn->paths, &done->node, nsctp_path_params);
	}
	spin_unlock_bh(&nn->paths_lock);
	return err;
}

static void assoc_unhash(struct nsctp_assoc *asoc)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(asoc->sk));
	struct nsctp_path *path;

	list_for_each_entry(path, &asoc->paths, list)
		rhltable_remove(&nn->paths, &path->node, nsctp_path_params);
}

void nsctp_assoc_hold(struct nsctp_assoc *asoc)
{
	refcount_inc(&asoc->refcnt);
}

static struct nsctp_assoc *assoc_alloc(struct sock *sk, gfp_t gfp)
{
	const struct nsctp_opts *o = &nsctp_sk(sk)->opts;
	struct nsctp_assoc *asoc;

	asoc = kmem_cache_zalloc(nsctp_assoc_cache, gfp);
	if (!asoc)
		return NULL;
	refcount_set(&asoc->refcnt, 1);		/* the socket's list */
	asoc->subscribe = o->subscribe;
	asoc->aopts = o->data;
	/* as in-tree, an association keeps its RTO values in jiffies */
	asoc->aopts.rto_initial = nsctp_ms_in_jiffies(asoc->aopts.rto_initial);
	asoc->aopts.rto_min = nsctp_ms_in_jiffies(asoc->aopts.rto_min);
	asoc->aopts.rto_max = nsctp_ms_in_jiffies(asoc->aopts.rto_max);
	asoc->max_retrans = o->assocparams.sasoc_asocmaxrxt;
	asoc->cookie_life = o->assocparams.sasoc_cookie_life;
	/* as in-tree, a later SCTP_AUTOCLOSE or SCTP_INITMSG is for later
	 * associations
	 */
	asoc->autoclose = o->autoclose;
	asoc->max_init_attempts = o->initmsg.sinit_max_attempts;
	asoc->max_init_timeo =
		nsctp_ms_in_jiffies(o->initmsg.sinit_max_init_timeo);
	asoc->local_rwnd = nsctp_rwnd_offer(sk);
	INIT_LIST_HEAD(&asoc->paths);
	INIT_LIST_HEAD(&asoc->batch_node);
	__skb_queue_head_init(&asoc->out_queue);
	__skb_queue_head_init(&asoc->out_sent);
	nsctp_reasm_init(&asoc->reasm, NULL, NULL, 0);
	nsctp_timers_init(asoc);
	asoc->state = SCTP_CLOSED;
	asoc->sk = sk;
	sock_hold(sk);
	return asoc;
}

/* Undo assoc_alloc() for an association never made visible. */
static void assoc_discard(struct nsctp_assoc *asoc)
{
	asoc->dead = true;
	nsctp_assoc_put(asoc);
}

/* Give @asoc its primary path, an id, table entries and its socket.
 * Return: @asoc, or an ERR_PTR() (-ENOMEM, -EEXIST) with @asoc gone.
 */
static struct nsctp_assoc *assoc_publish(struct nsctp_assoc *asoc,
					 const union nsctp_addr *paddr)
{
	int err = -ENOMEM;

	asoc->primary = path_new(asoc, paddr);
	if (!asoc->primary || assoc_id_alloc(asoc))
		goto err;
	err = assoc_hash(asoc);
	if (err) {
		assoc_id_free(asoc);
		goto err;
	}
	list_add_tail(&asoc->node, &nsctp_sk(asoc->sk)->assocs);
	return asoc;
err:
	assoc_discard(asoc);
	return ERR_PTR(err);
}

/**
 * nsctp_assoc_from_cookie() - create the association a valid cookie describes
 * @sk: the listening socket, locked
 * @c: the verified cookie
 *
 * The association is in state CLOSED, on @sk's list and in the path
 * table; the caller moves it on (§5.1.5 step 5: ESTABLISHED).
 * Return: the association (the list holds its reference), or an
 * ERR_PTR(): -ENOMEM, or -EEXIST when another association already
 * answers to the cookie's addresses.
 */
struct nsctp_assoc *nsctp_assoc_from_cookie(struct sock *sk,
					    const struct nsctp_cookie *c)
{
	struct nsctp_assoc *asoc = assoc_alloc(sk, GFP_ATOMIC);

	if (!asoc)
		return ERR_PTR(-ENOMEM);
	asoc->my_vtag = c->my_vtag;
	asoc->peer_vtag = c->peer_vtag;
	asoc->next_tsn = ntohl(c->my_itsn);
	asoc->peer_cum_tsn = ntohl(c->peer_itsn) - 1;
	asoc->out_streams = ntohs(c->out_streams);
	asoc->in_streams = ntohs(c->in_streams);
	asoc->peer_rwnd = ntohl(c->peer_rwnd);
	asoc->laddr = c->laddr;
	if (nsctp_assoc_laddrs_init(asoc, GFP_ATOMIC) ||
	    nsctp_inq_init(asoc, GFP_ATOMIC)) {
		assoc_discard(asoc);
		return ERR_PTR(-ENOMEM);
	}
	asoc = assoc_publish(asoc, &c->paddr);
	if (!IS_ERR(asoc))
		nsctp_outq_init(asoc);
	return asoc;
}

static __be32 random_nonzero(void)
{
	u32 v;

	do {
		v = get_random_u32();
	} while (!v);
	return htonl(v);
}

/**
 * nsctp_assoc_new_active() - the association connect() starts (§5.1 A)
 * @sk: the socket, locked
 * @laddr: the local address it will use (canonical, port included)
 * @paddr: the peer (canonical, port included)
 *
 * State CLOSED, our tag and initial TSN chosen, stream counts as asked
 * for by SCTP_INITMSG; on @sk's list and in the path table.
 * Return: the association, or an ERR_PTR(): -ENOMEM, or -EEXIST when an
 * association (of any socket: a peeled-off one) has these addresses.
 */
struct nsctp_assoc *nsctp_assoc_new_active(struct sock *sk,
					   const union nsctp_addr *laddr,
					   const union nsctp_addr *paddr)
{
	const struct sctp_initmsg *im = &nsctp_sk(sk)->opts.initmsg;
	struct nsctp_assoc *asoc = assoc_alloc(sk, GFP_KERNEL);

	if (!asoc)
		return ERR_PTR(-ENOMEM);
	asoc->my_vtag = random_nonzero();
	asoc->next_tsn = get_random_u32();
	asoc->out_streams = im->sinit_num_ostreams;
	asoc->in_streams = im->sinit_max_instreams;
	asoc->laddr = *laddr;
	if (nsctp_assoc_laddrs_init(asoc, GFP_KERNEL)) {
		assoc_discard(asoc);
		return ERR_PTR(-ENOMEM);
	}
	return assoc_publish(asoc, paddr);
}

/**
 * nsctp_assoc_add_peer() - another address of the peer, for the setup
 *	of an association sctp_connectx() starts
 * @asoc: the association, socket locked, not up yet
 * @paddr: the address (canonical, the primary's port)
 *
 * Packets from it find @asoc, and T1-init tries it in turn.
 * Return: 0, -ENOMEM, or -EEXIST when another association has it.
 */
int nsctp_assoc_add_peer(struct nsctp_assoc *asoc,
			 const union nsctp_addr *paddr)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(asoc->sk));
	struct nsctp_path *path;
	int err;

	/* before the INIT went (its own peer first), primary set */
	if (!asoc->primary)
		return -EINVAL;
	path = path_new(asoc, paddr);
	if (!path)
		return -ENOMEM;
	spin_lock_bh(&nn->paths_lock);
	err = path_taken(nn, path, &asoc->laddr) ? -EEXIST :
	      rhltable_insert(&nn->paths, &path->node, nsctp_path_params);
	spin_unlock_bh(&nn->paths_lock);
	if (err) {
		list_del(&path->list);
		path_free(path);
	}
	return err;
}

static void path_free_rcu(struct rcu_head *head)
{
	path_free(container_of(head, struct nsctp_path, rcu));
}

/**
 * nsctp_assoc_prune_paths() - the setup is answered: the paths it did
 *	not name go
 * @asoc: the association, socket locked, its INIT ACK taken in
 *
 * Of the addresses sctp_connectx() gave, those the INIT ACK neither came
 * from nor lists (nsctp_addrlist_learn() marked the others) go, as
 * in-tree. Their timers never ran: the setup uses T1, which is the
 * association's.
 */
void nsctp_assoc_prune_paths(struct nsctp_assoc *asoc)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(asoc->sk));
	struct nsctp_path *path, *tmp;

	list_for_each_entry_safe(path, tmp, &asoc->paths, list) {
		if (path == asoc->primary || path->listed)
			continue;
		spin_lock_bh(&nn->paths_lock);
		rhltable_remove(&nn->paths, &path->node, nsctp_path_params);
		spin_unlock_bh(&nn->paths_lock);
		list_del(&path->list);
		nsctp_t3_stop(path);
		nsctp_path_hb_stop(path);
		call_rcu(&path->rcu, path_free_rcu);
	}
}

/* The path of @sk's associations to peer @paddr, if any (socket
 * locked).
 */
struct nsctp_path *nsctp_path_find_peer(struct sock *sk,
					const union nsctp_addr *paddr)
{
	const struct nsctp_af *af = nsctp_af_get(paddr->sa.sa_family);
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;

	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
		list_for_each_entry(path, &asoc->paths, list)
			if (path->addr.sa.sa_family == paddr->sa.sa_family &&
			    nsctp_addr_port(&path->addr) ==
			    nsctp_addr_port(paddr) &&
			    af->equal(&path->addr, paddr))
				return path;
	return NULL;
}

/* The association of @sk with peer @paddr, if any (socket locked). */
struct nsctp_assoc *nsctp_assoc_find_peer(struct sock *sk,
					  const union nsctp_addr *paddr)
{
	struct nsctp_path *path = nsctp_path_find_peer(sk, paddr);

	return path ? path->asoc : NULL;
}

/**
 * nsctp_assoc_kill() - take @asoc out of every table and off its socket
 * @asoc: the association, its socket locked
 *
 * It becomes CLOSED and invisible; references still held elsewhere keep
 * the memory until they are put.
 */
void nsctp_assoc_kill(struct nsctp_assoc *asoc)
{
	if (asoc->dead)
		return;
	nsctp_assoc_set_state(asoc, SCTP_CLOSED);
	asoc->dead = true;
	nsctp_timers_stop(asoc);
	kfree(asoc->ctrl);
	asoc->ctrl = NULL;
	nsctp_outq_purge(asoc, -asoc->error);
	if (nsctp_reasm_pd_active(&asoc->reasm))
		nsctp_event_pd_aborted(asoc, asoc->reasm.pd_sid,
				       asoc->reasm.pd_ssn);
	nsctp_inq_free(asoc);
	assoc_unhash(asoc);
	assoc_id_free(asoc);
	list_del(&asoc->node);
	/* On a one-to-one listener it was waiting for accept(): it keeps
	 * its place there, ended, until accept() or close(): what the
	 * peer sent before it left is read from the accepted socket (as
	 * in-tree; a TCP listener hands out a connection that was closed
	 * before accept() the same way).
	 */
	if (nsctp_one_to_one(asoc->sk) && asoc->sk->sk_state == TCP_LISTEN) {
		if (!nsctp_sk(asoc->sk)->closed) {
			list_add_tail(&asoc->node, &nsctp_sk(asoc->sk)->ended);
			return;
		}
		sk_acceptq_removed(asoc->sk);
	}
	nsctp_assoc_put(asoc);
}

/**
 * nsctp_assoc_ended_flush() - let go of the associations that ended
 *	before accept() took them
 * @sk: a one-to-one socket that stops listening (listen(0), close()),
 *	locked
 *
 * What they delivered stays on @sk's receive queue, as that of the
 * associations still up does.
 */
void nsctp_assoc_ended_flush(struct sock *sk)
{
	struct nsctp_assoc *asoc, *tmp;

	list_for_each_entry_safe(asoc, tmp, &nsctp_sk(sk)->ended, node) {
		list_del(&asoc->node);
		sk_acceptq_removed(sk);
		nsctp_assoc_put(asoc);
	}
}

/**
 * nsctp_assoc_by_id() - the association a socket option names
 * @sk: the socket, locked
 * @id: the association id the user gave
 *
 * On a one-to-one socket the id is ignored and the association, once up
 * and until the socket closes, is the answer (as in-tree); on a one-to-many socket ids up to
 * SCTP_ALL_ASSOC name no association.
 * Return: the association (valid while @sk stays locked) or NULL.
 */
struct nsctp_assoc *nsctp_assoc_by_id(struct sock *sk, sctp_assoc_t id)
{
	struct nsctp_assoc *asoc;

	sock_owned_by_me(sk);
	if (nsctp_one_to_one(sk)) {
		/* as in-tree: up, or shut down by the peer (CLOSE_WAIT) */
		if (sk->sk_state != TCP_ESTABLISHED &&
		    sk->sk_state != TCP_CLOSE_WAIT)
			return NULL;
		return list_first_entry_or_null(&nsctp_sk(sk)->assocs,
						struct nsctp_assoc, node);
	}
	if (id <= SCTP_ALL_ASSOC)
		return NULL;
	/* Ids leave the table before the association is freed, after a
	 * grace period; one of @sk's cannot go while @sk is locked.
	 */
	rcu_read_lock();
	asoc = rhashtable_lookup(&nsctp_assoc_ids, &id, nsctp_id_params);
	if (asoc && (READ_ONCE(asoc->sk) != sk || READ_ONCE(asoc->dead)))
		asoc = NULL;
	rcu_read_unlock();
	return asoc;
}

/**
 * nsctp_assoc_flow() - where @asoc's packets go: its primary path
 * @asoc: the association, socket locked
 * @f: filled in
 */
void nsctp_assoc_flow(struct nsctp_assoc *asoc, struct nsctp_flow *f)
{
	path_flow(asoc, asoc->primary, f);
}

/**
 * nsctp_path_flow() - where packets for @path go
 * @path: a path of its association (socket locked)
 * @f: the flow, filled in
 */
void nsctp_path_flow(struct nsctp_path *path, struct nsctp_flow *f)
{
	path_flow(path->asoc, path, f);
}

int nsctp_assoc_cache_init(void)
{
	nsctp_assoc_cache = KMEM_CACHE(nsctp_assoc, 0);
	nsctp_path_cache = KMEM_CACHE(nsctp_path, 0);
	if (nsctp_assoc_cache && nsctp_path_cache &&
	    !rhashtable_init(&nsctp_assoc_ids, &nsctp_id_params))
		return 0;
	kmem_cache_destroy(nsctp_path_cache);
	kmem_cache_destroy(nsctp_assoc_cache);
	return -ENOMEM;
}

void nsctp_assoc_cache_exit(void)
{
	rcu_barrier();
	/* every association is gone: the table is empty */
	rhashtable_destroy(&nsctp_assoc_ids);
	kmem_cache_destroy(nsctp_path_cache);
	kmem_cache_destroy(nsctp_assoc_cache);
}
