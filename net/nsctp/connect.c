// SPDX-License-Identifier: GPL-2.0
/*
 * connect() and accept(): the socket side of association setup
 * (RFC 6458 §3.1.5, §4.1.4, §4.1.5; RFC 9260 §5.1).
 *
 * connect() creates the association and sends the INIT; blocking callers
 * wait for ESTABLISHED or for the reason it failed (ECONNREFUSED when the
 * peer aborted, ETIMEDOUT when T1 ran out), non-blocking ones get
 * EINPROGRESS and learn the outcome through poll() and SO_ERROR.
 *
 * On a one-to-one listener, associations come up on the listening socket
 * and wait there; accept() makes a socket for the oldest one and moves it
 * over, with both sockets locked (listener first). The new socket shares
 * the listener's port and addresses and inherits its options and its
 * cookie secrets.
 */
#include <linux/random.h>
#include <linux/security.h>
#include <net/inet_common.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/transp_v6.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* The local address an association to @paddr from @sk will use. */
static int connect_laddr(struct sock *sk, const union nsctp_addr *paddr,
			 union nsctp_addr *laddr)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	const struct nsctp_laddr *la;
	struct nsctp_flow f = {
		.daddr = *paddr,
		.oif = sk->sk_bound_dev_if,
		.mark = READ_ONCE(sk->sk_mark),
		.sk = sk,
	};

	/* A specific bound address of the peer's family, else the route's. */
	list_for_each_entry(la, &nsk->laddrs, list) {
		if (la->a.sa.sa_family == paddr->sa.sa_family &&
		    !nsctp_af_get(la->a.sa.sa_family)->is_any(&la->a)) {
			*laddr = la->a;
			return 0;
		}
	}
	f.saddr.sa.sa_family = paddr->sa.sa_family;
	if (nsctp_route_saddr(sock_net(sk), &f))
		return -ENETUNREACH;
	*laddr = f.saddr;
	laddr->v4.sin_port = inet_sk(sk)->inet_sport;
	return 0;
}

static int connect_check(struct sock *sk, const union nsctp_addr *paddr)
{
	struct nsctp_assoc *asoc;

	if (nsctp_one_to_one(sk)) {
		if (sk->sk_state == TCP_ESTABLISHED ||
		    sk->sk_state == TCP_LISTEN)
			return -EISCONN;
		if (sk->sk_state == TCP_SYN_SENT)
			return -EALREADY;
	}
	asoc = nsctp_assoc_find_peer(sk, paddr);
	if (asoc)
		return asoc->state >= SCTP_ESTABLISHED ? -EISCONN : -EALREADY;
	if (!nsctp_addr_port(paddr))
		return -EINVAL;
	return 0;
}

/* Wait for @asoc to come up or fail. */
static int connect_wait(struct sock *sk, struct nsctp_assoc *asoc, long timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	int err = 0;

	asoc->sleepers++;
	add_wait_queue(sk_sleep(sk), &wait);
	while (asoc->state != SCTP_ESTABLISHED && !asoc->dead) {
		if (!timeo) {
			err = -EINPROGRESS;
			break;
		}
		if (signal_pending(current)) {
			err = sock_intr_errno(timeo);
			break;
		}
		sk_wait_event(sk, &timeo, asoc->state == SCTP_ESTABLISHED ||
			      asoc->dead, &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	asoc->sleepers--;
	if (asoc->dead && asoc->error) {
		err = asoc->error;
		/* The error is told now; SO_ERROR has nothing left to say. */
		if (nsctp_one_to_one(sk))
			WRITE_ONCE(sk->sk_err, 0);
	}
	return err;
}

/**
 * nsctp_assoc_connect() - start an association to @paddr (§5.1 A)
 * @sk: the socket, locked
 * @paddr: the peer's addresses (canonical, port included), the INIT's
 *	first; more than one from sctp_connectx() only
 * @n: how many
 * @init: stream counts for this association (SCTP_INIT cmsg), or NULL
 * @err: set to -errno on failure
 *
 * Binds an ephemeral port if need be, picks the local address, sends the
 * INIT. Return: the association (the socket's list holds it) or NULL.
 */
struct nsctp_assoc *nsctp_assoc_connect(struct sock *sk,
					const union nsctp_addr *paddr, int n,
					const struct sctp_initmsg *init,
					int *err)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	union nsctp_addr laddr;
	struct nsctp_assoc *asoc;

	*err = -EAGAIN;
	if (!nsk->port && nsctp_autobind(sk))
		return NULL;
	*err = connect_laddr(sk, paddr, &laddr);
	if (*err)
		return NULL;
	asoc = nsctp_assoc_new_active(sk, &laddr, paddr);
	if (IS_ERR(asoc)) {
		/* as in-tree: the peer of a peeled-off association is taken */
		*err = PTR_ERR(asoc) == -EEXIST ? -EADDRNOTAVAIL :
						  PTR_ERR(asoc);
		return NULL;
	}
	while (--n > 0) {
		*err = nsctp_assoc_add_peer(asoc, ++paddr);
		if (*err) {
			if (*err == -EEXIST)
				*err = -EADDRNOTAVAIL;
			nsctp_assoc_kill(asoc);
			return NULL;
		}
	}
	if (init && init->sinit_num_ostreams)
		asoc->out_streams = init->sinit_num_ostreams;
	if (init && init->sinit_max_instreams)
		asoc->in_streams = init->sinit_max_instreams;
	if (init && init->sinit_max_attempts)
		asoc->max_init_attempts = init->sinit_max_attempts;
	if (init && init->sinit_max_init_timeo)
		asoc->max_init_timeo =
			nsctp_ms_in_jiffies(init->sinit_max_init_timeo);
	if (nsctp_one_to_one(sk)) {
		inet_sk_set_state(sk, TCP_SYN_SENT);
		if (sk->sk_socket)
			sk->sk_socket->state = SS_CONNECTING;
	}
	nsctp_sm_connect(asoc);
	*err = 0;
	return asoc;
}

/**
 * nsctp_connect_addr_add() - one more address for a new association
 * @sk: the socket, locked
 * @sa: the address as the user gave it, in kernel memory
 * @alen: its length
 * @paddrs: the addresses so far, the INIT's first; NSCTP_CONNECTX_MAX
 *	entries
 * @n: how many; grows by one unless @sa repeats one of them
 *
 * @sa is checked as connect() checks its one, and must have the first
 * address's port. Return: 0 or -errno.
 */
int nsctp_connect_addr_add(struct sock *sk, const struct sockaddr *sa,
			   int alen, union nsctp_addr *paddrs, int *n)
{
	union nsctp_addr *a = &paddrs[*n];
	int err, i;

	if (*n == NSCTP_CONNECTX_MAX)
		return -EINVAL;
	err = nsctp_addr_from_user(nsctp_sk(sk), sa, alen, a);
	if (err)
		return err;
	err = connect_check(sk, a);
	if (err)
		return err;
	if (*n && nsctp_addr_port(a) != nsctp_addr_port(&paddrs[0]))
		return -EINVAL;
	for (i = 0; i < *n; i++)
		if (nsctp_addr_equal(&paddrs[i], a))
			return 0;
	(*n)++;
	return 0;
}

/**
 * nsctp_connectx() - connect to a peer known by several addresses
 *	(RFC 6458 §9.9, sctp_connectx(): SCTP_SOCKOPT_CONNECTX(3, _OLD))
 * @sk: the socket, locked
 * @addrs: packed struct sockaddr_in and sockaddr_in6, in kernel memory
 * @size: their length in bytes
 * @id: set to the new association's id, also when -EINPROGRESS
 *
 * Each address is checked as connect() checks its one; the INIT goes to
 * the first, and T1-init tries the next in turn until one answers. That
 * one stays the only path (multihoming is to come: no INIT or INIT ACK
 * lists addresses yet). Duplicates count once; every address must have
 * the first one's port.
 * Return: 0 once up, -EINPROGRESS on a non-blocking socket, or -errno.
 */
int nsctp_connectx(struct sock *sk, void *addrs, int size, sctp_assoc_t *id)
{
	union nsctp_addr *paddrs;
	struct nsctp_assoc *asoc;
	int n = 0, off = 0, err;
	bool nonblock;

	if (size <= 0)
		return -EINVAL;
	paddrs = kmalloc_array(NSCTP_CONNECTX_MAX, sizeof(*paddrs),
			       GFP_KERNEL);
	if (!paddrs)
		return -ENOMEM;
	err = -EINVAL;
	while (off < size) {
		struct sockaddr *sa = addrs + off;
		int alen;

		if (size - off < (int)sizeof(sa->sa_family))
			goto out;
		alen = nsctp_packed_addr_len(sa);
		if (!alen || size - off < alen)
			goto out;
		err = nsctp_connect_addr_add(sk, sa, alen, paddrs, &n);
		if (err)
			goto out;
		err = -EINVAL;
		off += alen;
	}
	err = security_sctp_bind_connect(sk, SCTP_SOCKOPT_CONNECTX, addrs,
					 size);
	if (err)
		goto out;
	asoc = nsctp_assoc_connect(sk, paddrs, n, NULL, &err);
	if (!asoc)
		goto out;
	*id = asoc->id;
	nonblock = sk->sk_socket && sk->sk_socket->file &&
		   (sk->sk_socket->file->f_flags & O_NONBLOCK);
	nsctp_assoc_hold(asoc);
	err = connect_wait(sk, asoc, sock_sndtimeo(sk, nonblock));
	nsctp_assoc_put(asoc);
out:
	kfree(paddrs);
	return err;
}

static int __nsctp_connect(struct sock *sk, struct sockaddr *uaddr, int len,
			   bool nonblock)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	union nsctp_addr paddr;
	struct nsctp_assoc *asoc;
	int err;

	err = nsctp_addr_from_user(nsk, uaddr, len, &paddr);
	if (err)
		return err;
	err = connect_check(sk, &paddr);
	if (err)
		return err;
	asoc = nsctp_assoc_connect(sk, &paddr, 1, NULL, &err);
	if (!asoc)
		return err;
	nsctp_assoc_hold(asoc);
	err = connect_wait(sk, asoc, sock_sndtimeo(sk, nonblock));
	nsctp_assoc_put(asoc);
	return err;
}

int nsctp_connect(struct socket *sock, struct sockaddr *uaddr, int len,
		  int flags)
{
	struct sock *sk = sock->sk;
	int err;

	if (len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC)
		return -EOPNOTSUPP;	/* no disconnect in SCTP */
	lock_sock(sk);
	err = __nsctp_connect(sk, uaddr, len, flags & O_NONBLOCK);
	release_sock(sk);
	return err;
}

/* The inet and inet6 parts of a fresh socket, as inet(6)_create does. */
static void clone_inet(struct sock *newsk, struct sock *sk,
		       const struct nsctp_assoc *asoc)
{
	struct inet_sock *newinet = inet_sk(newsk), *inet = inet_sk(sk);

	newinet->uc_ttl = inet->uc_ttl;
	newinet->mc_loop = 1;
	newinet->mc_ttl = 1;
	newinet->mc_all = 1;
	newinet->pmtudisc = inet->pmtudisc;
	newinet->tos = inet->tos;
	newinet->freebind = inet->freebind;
	newinet->inet_daddr = asoc->primary->addr.sa.sa_family == AF_INET ?
			      asoc->primary->addr.v4.sin_addr.s_addr : 0;
	newinet->inet_dport = nsctp_addr_port(&asoc->primary->addr);
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		struct ipv6_pinfo *newnp = &((struct nsctp6_sock *)newsk)->inet6;

		newinet->pinet6 = newnp;
		memcpy(newnp, inet6_sk(sk), sizeof(*newnp));
		newnp->ipv6_mc_list = NULL;
		newnp->ipv6_ac_list = NULL;
		newnp->ipv6_fl_list = NULL;
		newnp->pktoptions = NULL;
		RCU_INIT_POINTER(newnp->opt, NULL);
	}
#endif
}

/**
 * nsctp_sock_inherit() - give a new socket for @asoc what it takes of @sk
 * @newsk: the new socket, initialised by sk_prot->init, locked or not yet
 *	visible
 * @sk: the socket @asoc is on, locked
 * @asoc: the association @newsk will carry
 *
 * accept() and peeloff make a one-to-one socket for one association of
 * @sk: it gets @sk's socket settings, its IP settings, its SCTP options,
 * its cookie secrets and its port with the same local addresses.
 * Return: 0 or -ENOMEM.
 */
int nsctp_sock_inherit(struct sock *newsk, struct sock *sk,
		       const struct nsctp_assoc *asoc)
{
	struct nsctp_sock *nsk = nsctp_sk(sk), *nnsk = nsctp_sk(newsk);

	newsk->sk_reuse = sk->sk_reuse;
	newsk->sk_bound_dev_if = sk->sk_bound_dev_if;
	newsk->sk_rcvbuf = sk->sk_rcvbuf;
	newsk->sk_sndbuf = sk->sk_sndbuf;
	newsk->sk_userlocks = sk->sk_userlocks;
	newsk->sk_mark = sk->sk_mark;
	newsk->sk_priority = sk->sk_priority;
	newsk->sk_uid = sk->sk_uid;
	newsk->sk_lingertime = sk->sk_lingertime;
	sock_copy_flags(newsk, sk);
	/* The LSM label of @sk, as for any accepted socket. The SCTP hook
	 * for this, security_sctp_sk_clone(), reads the in-tree struct
	 * sctp_association, so it can never be given ours.
	 */
	security_sk_clone(sk, newsk);
	clone_inet(newsk, sk, asoc);
	if (nsctp_port_inherit(newsk, sk))
		return -ENOMEM;
	nnsk->opts = nsk->opts;
	memcpy(nnsk->secret, nsk->secret, sizeof(nsk->secret));
	memcpy(nnsk->secret_id, nsk->secret_id, sizeof(nsk->secret_id));
	nnsk->secret_cur = nsk->secret_cur;
	nnsk->secret_born = nsk->secret_born;
	return 0;
}

/**
 * nsctp_sock_assoc_state() - the state of a one-to-one socket made for
 *	@asoc (accept, peeloff): where the association is
 * @newsk: the new socket
 * @asoc: its association
 *
 * RFC 6458 §4: connecting, connected, shut down by us (no more sending)
 * or by the peer (no more receiving once the queue is read).
 */
void nsctp_sock_assoc_state(struct sock *newsk, const struct nsctp_assoc *asoc)
{
	if (asoc->dead) {
		/* ended before accept(), gracefully or not: what it
		 * delivered, then end of file; sending is EPIPE (as in-tree)
		 */
		newsk->sk_shutdown = SHUTDOWN_MASK;
		inet_sk_set_state(newsk, TCP_CLOSE);
		return;
	}
	switch (asoc->state) {
	case SCTP_COOKIE_WAIT:
	case SCTP_COOKIE_ECHOED:
		inet_sk_set_state(newsk, TCP_SYN_SENT);
		return;
	case SCTP_SHUTDOWN_RECEIVED:
	case SCTP_SHUTDOWN_ACK_SENT:
		newsk->sk_shutdown |= RCV_SHUTDOWN;
		inet_sk_set_state(newsk, TCP_CLOSE_WAIT);
		return;
	case SCTP_SHUTDOWN_PENDING:
	case SCTP_SHUTDOWN_SENT:
		newsk->sk_shutdown |= SEND_SHUTDOWN;
		fallthrough;
	default:
		inet_sk_set_state(newsk, TCP_ESTABLISHED);
		return;
	}
}

/* A socket for @asoc, accepted from the listener @sk (locked). */
static struct sock *accept_clone(struct sock *sk, struct nsctp_assoc *asoc,
				 bool kern)
{
	struct sock *newsk;

	newsk = sk_alloc(sock_net(sk), sk->sk_family, GFP_KERNEL, sk->sk_prot,
			 kern);
	if (!newsk)
		return NULL;
	sock_init_data(NULL, newsk);
	newsk->sk_type = sk->sk_type;
	newsk->sk_protocol = IPPROTO_SCTP;
	newsk->sk_destruct = inet_sock_destruct;
	newsk->sk_backlog_rcv = sk->sk_prot->backlog_rcv;
	if (sk->sk_prot->init(newsk) || nsctp_sock_inherit(newsk, sk, asoc)) {
		sk_common_release(newsk);
		return NULL;
	}
	nsctp_sock_assoc_state(newsk, asoc);
	return newsk;
}

/**
 * nsctp_assoc_migrate() - move @asoc from @sk to @newsk
 * @sk: the socket it is on, locked
 * @newsk: the socket it moves to, locked
 * @asoc: the association
 *
 * What it queued for the user (data, notifications) goes with it, in
 * order, and so does the memory it is charged: its unacknowledged data
 * and what it holds of received data. Softirq code (input, timers) may
 * have read asoc->sk just before and be about to lock it, so the
 * association's reference on @sk goes only after a grace period.
 */
void nsctp_assoc_migrate(struct sock *sk, struct sock *newsk,
			 struct nsctp_assoc *asoc)
{
	struct sk_buff *skb, *tmp;

	spin_lock_bh(&sk->sk_receive_queue.lock);
	skb_queue_walk_safe(&sk->sk_receive_queue, skb, tmp) {
		if (NSCTP_ULP_CB(skb)->assoc_id != asoc->id)
			continue;
		__skb_unlink(skb, &sk->sk_receive_queue);
		skb_orphan(skb);
		skb_set_owner_r(skb, newsk);
		__skb_queue_tail(&newsk->sk_receive_queue, skb);
	}
	spin_unlock_bh(&sk->sk_receive_queue.lock);
	WRITE_ONCE(sk->sk_wmem_queued, sk->sk_wmem_queued - asoc->sndbuf_used);
	sk_mem_uncharge(sk, asoc->sndbuf_used);
	WRITE_ONCE(newsk->sk_wmem_queued,
		   newsk->sk_wmem_queued + asoc->sndbuf_used);
	sk_mem_charge(newsk, asoc->sndbuf_used);
	nsctp_rx_migrate(asoc, sk, newsk);
	list_move_tail(&asoc->node, &nsctp_sk(newsk)->assocs);
	sock_hold(newsk);
	WRITE_ONCE(asoc->sk, newsk);
	nsctp_sock_put_rcu(sk);
}

static bool accept_ready(struct sock *sk)
{
	return nsctp_accept_pending(sk) || sk->sk_state != TCP_LISTEN;
}

/* Wait until an association waits on the listener @sk; 0 or -errno. */
static int accept_wait(struct sock *sk, long timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	int err = 0;

	add_wait_queue_exclusive(sk_sleep(sk), &wait);
	while (!accept_ready(sk)) {
		err = -EAGAIN;
		if (!timeo)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		err = 0;
		sk_wait_event(sk, &timeo, accept_ready(sk), &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	if (!err && sk->sk_state != TCP_LISTEN)
		err = -EINVAL;
	return err;
}

struct sock *nsctp_accept(struct sock *sk, int flags, int *err, bool kern)
{
	struct sock *newsk = NULL;
	struct nsctp_assoc *asoc;
	int rc;

	lock_sock(sk);
	rc = -EOPNOTSUPP;
	if (!nsctp_one_to_one(sk))
		goto out;
	rc = -EINVAL;
	if (sk->sk_state != TCP_LISTEN)
		goto out;
	rc = accept_wait(sk, sock_rcvtimeo(sk, flags & O_NONBLOCK));
	if (rc)
		goto out;
	/* the ended ones first: they came up before any still up did,
	 * mostly, and each holds memory until it is taken
	 */
	asoc = list_first_entry_or_null(&nsctp_sk(sk)->ended,
					struct nsctp_assoc, node) ?:
	       list_first_entry(&nsctp_sk(sk)->assocs, struct nsctp_assoc,
				node);
	rc = -ENOMEM;
	newsk = accept_clone(sk, asoc, kern);
	if (!newsk)
		goto out;
	lock_sock_nested(newsk, SINGLE_DEPTH_NESTING);
	nsctp_assoc_migrate(sk, newsk, asoc);
	if (asoc->dead) {
		/* its data and notifications moved; it is let go */
		nsctp_sk(newsk)->ended_peer = asoc->primary->addr;
		list_del(&asoc->node);
		nsctp_assoc_put(asoc);
	}
	release_sock(newsk);
	sk_acceptq_removed(sk);
	rc = 0;
out:
	release_sock(sk);
	*err = rc;
	return newsk;
}
