// SPDX-License-Identifier: GPL-2.0
/*
 * The socket layer: struct proto and the proto_ops of the two styles
 * (one-to-one SOCK_STREAM, one-to-many SOCK_SEQPACKET, RFC 6458) for
 * AF_INET and AF_INET6.
 *
 * Generic inet entry points (inet_release, inet_bind, inet_shutdown, ...)
 * are reused where they only forward to struct proto; nsctp supplies what
 * is SCTP's own: binding to a list of addresses, listen() on both styles,
 * getname() with IPv4-mapped reporting, and the socket options.
 */
#include <linux/compat.h>
#include <linux/module.h>
#include <linux/nsctp.h>
#include <asm/ioctls.h>
#include <net/inet_common.h>
#include <net/ip.h>
#include <net/protocol.h>
#include <net/transp_v6.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/cookie.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* RFC 6458 §3.1.1 and the in-tree defaults for new sockets. */
#define NSCTP_DEFAULT_OUTSTREAMS	10
#define NSCTP_DEFAULT_INSTREAMS		U16_MAX

static void nsctp_sock_defaults(struct sock *sk)
{
	const struct nsctp_params *p = &nsctp_pernet(sock_net(sk))->params;
	struct nsctp_sock *nsk = nsctp_sk(sk);

	nsk->opts.initmsg.sinit_num_ostreams = NSCTP_DEFAULT_OUTSTREAMS;
	nsk->opts.initmsg.sinit_max_instreams = NSCTP_DEFAULT_INSTREAMS;
	nsk->opts.initmsg.sinit_max_attempts = p->max_init_retransmits;
	nsk->opts.initmsg.sinit_max_init_timeo = p->rto_max;
	nsk->opts.data.rto_initial = p->rto_initial;
	nsk->opts.data.rto_max = p->rto_max;
	nsk->opts.data.rto_min = p->rto_min;
	nsk->opts.assocparams.sasoc_asocmaxrxt = p->association_max_retrans;
	nsk->opts.assocparams.sasoc_cookie_life = p->valid_cookie_life;
	nsk->opts.data.max_burst = p->max_burst;
	nsk->opts.data.sack_delay = p->sack_timeout;
	nsk->opts.data.sack_freq = 2;
	nsk->opts.data.hb_interval = p->hb_interval;
	nsk->opts.data.pathmaxrxt = min_t(int, p->path_max_retrans, U16_MAX);
	nsk->opts.data.pf_expose = p->pf_expose;
	nsk->opts.data.pf_retrans = min_t(int, p->pf_retrans, U16_MAX);
	nsk->opts.data.ps_retrans = p->ps_retrans;
	nsk->opts.v4mapped = 1;
	nsk->opts.sndbuf_policy = !!p->sndbuf_policy;
	nsk->opts.rcvbuf_policy = !!p->rcvbuf_policy;
}

static int nsctp_init_sock(struct sock *sk)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);

	/* /proc/net/protocols: sockets in use (per netns) and allocated */
	sk_sockets_allocated_inc(sk);
	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, 1);
	switch (sk->sk_type) {
	case SOCK_SEQPACKET:
		nsk->style = NSCTP_STYLE_ONE_TO_MANY;
		break;
	case SOCK_STREAM:
		nsk->style = NSCTP_STYLE_ONE_TO_ONE;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	INIT_LIST_HEAD(&nsk->laddrs);
	INIT_LIST_HEAD(&nsk->assocs);
	INIT_LIST_HEAD(&nsk->ended);
	INIT_LIST_HEAD(&nsk->rx_batch);
	INIT_HLIST_NODE(&nsk->bind_node);
	sk->sk_gso_type = SKB_GSO_SCTP;
	sk->sk_write_space = nsctp_write_space;
	/* Send space is freed by acknowledgements (outq.c wakes writers),
	 * not by packets leaving the host: sock_wfree() need not call it.
	 */
	sock_set_flag(sk, SOCK_USE_WRITE_QUEUE);
	/* The buffers are sock_init_data()'s, from net.core.wmem_default
	 * and rmem_default, as in-tree; their memory is accounted (mem.c).
	 */
	nsctp_sock_defaults(sk);
	return 0;
}

/* Called once, from sk_common_release(), whatever init got to. */
static void nsctp_destroy_sock(struct sock *sk)
{
	nsctp_port_release(sk);
	nsctp_cookie_key_free(sk);
	/* init counted it, whatever else it got to */
	sk_sockets_allocated_dec(sk);
	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
}

static void nsctp6_destroy_sock(struct sock *sk)
{
	nsctp_destroy_sock(sk);
	inet6_destroy_sock(sk);
}

/* RFC 6458 §3.1.4, §4.1.6: close() ends every association of @sk,
 * gracefully unless SO_LINGER with a zero timeout asks for an ABORT, or
 * received data would be lost (not read).
 */
/* Is user data (not just notifications) waiting to be read on @sk? */
static bool unread_data(struct sock *sk)
{
	struct sk_buff *skb;

	skb_queue_walk(&sk->sk_receive_queue, skb)
		if (!(NSCTP_ULP_CB(skb)->msg_flags & MSG_NOTIFICATION))
			return true;
	return false;
}

static void nsctp_close_assocs(struct sock *sk)
{
	bool abort = (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime) ||
		     unread_data(sk);
	struct nsctp_assoc *asoc, *tmp;

	list_for_each_entry_safe(asoc, tmp, &nsctp_sk(sk)->assocs, node) {
		/* an association holding data not yet delivered (pieces
		 * of a message, messages out of order) loses it too
		 */
		if (abort || asoc->rx_held)
			nsctp_abort_assoc(asoc, SCTP_ERROR_USER_ABORT);
		else
			nsctp_shutdown_start(asoc);
	}
}

/* SO_LINGER with a timeout on a one-to-one socket: close() waits for the
 * graceful end, as long as the linger time allows (as in-tree).
 */
static void close_linger(struct sock *sk, long timeout)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct list_head *assocs = &nsctp_sk(sk)->assocs;

	if (!nsctp_one_to_one(sk) || !sock_flag(sk, SOCK_LINGER))
		return;
	add_wait_queue(sk_sleep(sk), &wait);
	while (timeout && !list_empty(assocs) && !signal_pending(current))
		sk_wait_event(sk, &timeout, list_empty(assocs), &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
}

static void nsctp_close(struct sock *sk, long timeout)
{
	lock_sock(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	/* from now on received data is acknowledged and let go */
	nsctp_sk(sk)->closed = true;
	nsctp_close_assocs(sk);
	nsctp_assoc_ended_flush(sk);
	close_linger(sk, timeout);
	inet_sk_set_state(sk, TCP_CLOSE);
	nsctp_port_release(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	release_sock(sk);
	sk_common_release(sk);
}

/* What bind() and sctp_bindx() check of one address before taking it,
 * in the in-tree module's order: the sockaddr itself (EINVAL), that the
 * address is local (EADDRNOTAVAIL), its port against the one the socket
 * has (EINVAL), a privileged port (EACCES).
 */
static int bind_check(struct sock *sk, const struct sockaddr *uaddr, int len,
		      union nsctp_addr *addr)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct net *net = sock_net(sk);
	u16 snum;
	int err;

	err = nsctp_addr_from_user(nsk, uaddr, len, addr);
	if (err)
		return err;
	if (!nsctp_af_get(addr->sa.sa_family)->bindable(nsk, addr))
		return -EADDRNOTAVAIL;
	snum = ntohs(nsctp_addr_port(addr));
	if (nsk->port && snum && snum != nsk->port->port)
		return -EINVAL;
	if (snum && inet_port_requires_bind_service(net, snum) &&
	    !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	return 0;
}

static int nsctp_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	union nsctp_addr addr;
	int err;

	lock_sock(sk);
	err = -EINVAL;
	if (nsctp_sk(sk)->port)
		goto out;
	err = bind_check(sk, uaddr, len, &addr);
	if (!err)
		err = nsctp_port_bind(sk, &addr);
out:
	release_sock(sk);
	return err;
}

/* The size of the sockaddr at @sa in a packed array (sctp_bindx(),
 * sctp_connectx()), or 0 for a family such an array cannot hold.
 */
int nsctp_packed_addr_len(const struct sockaddr *sa)
{
	switch (sa->sa_family) {
	case AF_INET:
		return sizeof(struct sockaddr_in);
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6:
		return sizeof(struct sockaddr_in6);
#endif
	default:
		return 0;
	}
}

/* sctp_bindx(SCTP_BINDX_ADD_ADDR). When an address fails, what this call
 * bound before it is let go again; as in-tree, only on a socket that was
 * bound before the call: an unbound one keeps them (in-tree's undoing
 * never removes a socket's last address).
 */
static int bindx_add(struct sock *sk, void *addrs, int size)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct list_head *mark = nsk->laddrs.prev;
	struct nsctp_laddr *la, *tmp;
	union nsctp_addr addr;
	bool was_bound = nsk->port;
	int off, alen, err = 0;

	for (off = 0; off < size && !err; off += alen) {
		alen = nsctp_packed_addr_len(addrs + off);
		err = bind_check(sk, addrs + off, alen, &addr);
		if (!err)
			err = nsctp_port_bind(sk, &addr);
	}
	if (!err)
		return 0;
	if (!was_bound)
		return err;
	/* bound addresses are appended: the new ones follow @mark */
	la = list_entry(mark, struct nsctp_laddr, list);
	list_for_each_entry_safe_continue(la, tmp, &nsk->laddrs, list)
		nsctp_port_unbind(sk, la);
	return err;
}

/* Which of @sk's addresses the sockaddr @sa of sctp_bindx(REM) names. */
static int bindx_rem_find(struct sock *sk, const struct sockaddr *sa, int len,
			  struct nsctp_laddr **found)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	union nsctp_addr addr;
	u16 snum;

	/* an address no socket of ours could hold is EADDRNOTAVAIL, one of
	 * the wrong family for a v4 socket EINVAL (as in-tree)
	 */
	if (sa->sa_family == AF_INET && ipv6_only_sock(sk))
		return -EADDRNOTAVAIL;
	if (nsctp_addr_from_user(nsk, sa, len, &addr))
		return -EINVAL;
	if (nsctp_af_get(addr.sa.sa_family)->is_any(&addr))
		return -EADDRNOTAVAIL;
	if (addr.sa.sa_family == AF_INET &&
	    (ipv4_is_multicast(addr.v4.sin_addr.s_addr) ||
	     ipv4_is_lbcast(addr.v4.sin_addr.s_addr)))
		return -EADDRNOTAVAIL;
#if IS_ENABLED(CONFIG_IPV6)
	if (addr.sa.sa_family == AF_INET6 &&
	    ipv6_addr_is_multicast(&addr.v6.sin6_addr))
		return -EADDRNOTAVAIL;
#endif
	snum = ntohs(nsctp_addr_port(&addr));
	if (snum && snum != nsk->port->port)
		return -EINVAL;
	*found = nsctp_port_find_laddr(sk, &addr);
	return *found ? 0 : -EINVAL;
}

/* sctp_bindx(SCTP_BINDX_REM_ADDR): every address is checked before any
 * goes, so a failure changes nothing. At least one address stays
 * (EBUSY). Associations keep the addresses they have (no ASCONF).
 */
static int bindx_rem(struct sock *sk, void *addrs, int size)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_laddr *la, **gone;
	int off, alen, n = 0, left = 0, err = 0, i;

	list_for_each_entry(la, &nsk->laddrs, list)
		left++;
	gone = kmalloc_array(left ?: 1, sizeof(*gone), GFP_KERNEL);
	if (!gone)
		return -ENOMEM;
	for (off = 0; off < size; off += alen) {
		alen = nsctp_packed_addr_len(addrs + off);
		err = -EBUSY;
		if (left <= 1)
			break;
		err = bindx_rem_find(sk, addrs + off, alen, &la);
		for (i = 0; !err && i < n; i++)
			if (gone[i] == la)
				err = -EINVAL;	/* named twice: gone already */
		if (err)
			break;
		gone[n++] = la;
		left--;
	}
	if (!err)
		for (i = 0; i < n; i++)
			nsctp_port_unbind(sk, gone[i]);
	kfree(gone);
	return err;
}

/**
 * nsctp_bindx() - sctp_bindx(): add addresses to @sk or remove some
 * @sk: the socket, locked
 * @addrs: a packed array of sockaddr_in and sockaddr_in6, in kernel memory
 * @size: its size in bytes
 * @add: SCTP_SOCKOPT_BINDX_ADD, else SCTP_SOCKOPT_BINDX_REM
 *
 * The array's shape is checked whole first (EINVAL). Adding binds each
 * address as bind() would, on the socket's port (port 0 on an unbound
 * socket picks one for all). Removing leaves at least one address.
 * Existing associations keep their addresses either way: there is no
 * ASCONF (net.sctp.addip_enable is 0 in-tree by default too).
 * Return: 0 or -errno, as in-tree.
 */
int nsctp_bindx(struct sock *sk, void *addrs, int size, bool add)
{
	int off, alen, err;

	sock_owned_by_me(sk);
	if (size <= 0)
		return -EINVAL;
	for (off = 0; off < size; off += alen) {
		if (size - off < (int)sizeof(sa_family_t))
			return -EINVAL;
		alen = nsctp_packed_addr_len(addrs + off);
		if (!alen || size - off < alen)
			return -EINVAL;
	}
	if (!add)
		return nsctp_sk(sk)->port ? bindx_rem(sk, addrs, size) : -EBUSY;
	err = security_sctp_bind_connect(sk, SCTP_SOCKOPT_BINDX_ADD, addrs,
					 size);
	if (err)
		return err;
	return bindx_add(sk, addrs, size);
}

struct nsctp_put_rcu {
	struct rcu_head	rcu;
	struct sock	*sk;
};

static void sock_put_rcu_cb(struct rcu_head *head)
{
	struct nsctp_put_rcu *p = container_of(head, struct nsctp_put_rcu,
					       rcu);

	sock_put(p->sk);
	kfree(p);
}

/**
 * nsctp_sock_put_rcu() - sock_put() after an RCU grace period
 * @sk: the socket
 *
 * For a reference that lockless readers may have followed just before it
 * was dropped. Without memory for the deferral, wait for the grace period
 * here (process context only).
 */
void nsctp_sock_put_rcu(struct sock *sk)
{
	struct nsctp_put_rcu *p = kmalloc(sizeof(*p), GFP_KERNEL);

	if (!p) {
		synchronize_rcu();
		sock_put(sk);
		return;
	}
	p->sk = sk;
	call_rcu(&p->rcu, sock_put_rcu_cb);
}

/* listen() or connect() without bind() take an ephemeral port on the
 * wildcard.
 */
int nsctp_autobind(struct sock *sk)
{
	union nsctp_addr any;

	nsctp_addr_any(nsctp_sk(sk), &any, 0);
	return nsctp_port_bind(sk, &any);
}

static int nsctp_listen_start(struct sock *sk, int backlog)
{
	int err;

	/* The secret that signs state cookies (§5.1.3). */
	nsctp_cookie_key_init(sk);
	inet_sk_set_state(sk, TCP_LISTEN);
	if (!nsctp_sk(sk)->port)
		err = nsctp_autobind(sk) ? -EAGAIN : 0;
	else
		err = nsctp_port_recheck(sk);
	if (err) {
		inet_sk_set_state(sk, TCP_CLOSE);
		return err;
	}
	WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
	return 0;
}

/* RFC 6458 §3.1.3 and §4.1.3: listen() marks either style as accepting
 * associations; a backlog of 0 stops that again.
 */
static int nsctp_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err = -EINVAL;

	if (backlog < 0)
		return -EINVAL;
	lock_sock(sk);
	if (sock->state != SS_UNCONNECTED)
		goto out;
	if (sk->sk_state != TCP_LISTEN && sk->sk_state != TCP_CLOSE)
		goto out;
	if (!backlog) {
		if (sk->sk_state == TCP_CLOSE)
			goto out;
		if (nsctp_one_to_one(sk))
			nsctp_assoc_ended_flush(sk);
		inet_sk_set_state(sk, TCP_CLOSE);
		err = 0;
	} else if (sk->sk_state == TCP_LISTEN) {
		WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
		err = 0;
	} else {
		err = nsctp_listen_start(sk, backlog);
	}
out:
	release_sock(sk);
	return err;
}

/* shutdown() on a one-to-one socket: SHUT_WR starts the graceful end
 * (§9.2), SHUT_RD lets go of the user data that arrives from then on.
 */
static void nsctp_shutdown(struct sock *sk, int how)
{
	struct nsctp_assoc *asoc;

	if (!nsctp_one_to_one(sk))
		return;
	if (how & RCV_SHUTDOWN)
		nsctp_sk(sk)->rd_shut = true;
	if (!(how & SEND_SHUTDOWN))
		return;
	asoc = list_first_entry_or_null(&nsctp_sk(sk)->assocs,
					struct nsctp_assoc, node);
	if (asoc)
		nsctp_shutdown_start(asoc);
}

static int nsctp_disconnect(struct sock *sk, int flags)
{
	/* SCTP has no way to dissolve an association into a fresh socket. */
	return -EOPNOTSUPP;
}

/* The association of a connected one-to-one socket, or NULL. */
static struct nsctp_assoc *one_to_one_assoc(struct sock *sk)
{
	if (!nsctp_one_to_one(sk) || sk->sk_state != TCP_ESTABLISHED)
		return NULL;
	return list_first_entry_or_null(&nsctp_sk(sk)->assocs,
					struct nsctp_assoc, node);
}

static int nsctp_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_assoc *asoc;
	struct nsctp_laddr *la;
	union nsctp_addr a;
	int len = -ENOTCONN;

	lock_sock(sk);
	asoc = one_to_one_assoc(sk);
	if (peer) {
		if (asoc)
			len = nsctp_addr_to_user(nsk, &asoc->primary->addr,
						 uaddr);
		else if (peer == 2 && nsk->ended_peer.sa.sa_family)
			len = nsctp_addr_to_user(nsk, &nsk->ended_peer, uaddr);
		goto out;
	}
	la = list_first_entry_or_null(&nsk->laddrs, struct nsctp_laddr, list);
	if (asoc)
		a = asoc->laddr;
	else if (la)
		a = la->a;
	else
		nsctp_addr_any(nsk, &a, 0);
	len = nsctp_addr_to_user(nsk, &a, uaddr);
out:
	release_sock(sk);
	return len;
}

static __poll_t nsctp_poll(struct file *file, struct socket *sock,
			   poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	sock_poll_wait(file, sock, wait);
	if (READ_ONCE(sk->sk_err) ||
	    !skb_queue_empty_lockless(&sk->sk_error_queue))
		mask |= EPOLLERR;
	if (nsctp_one_to_one(sk) && sk->sk_state == TCP_LISTEN)
		return mask | (nsctp_accept_pending(sk) ?
			       EPOLLIN | EPOLLRDNORM : 0);
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (!skb_queue_empty_lockless(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	/* One-to-many sockets send to new peers; one-to-one once up. */
	if ((!nsctp_one_to_one(sk) || sk->sk_state == TCP_ESTABLISHED) &&
	    nsctp_wspace(sk) > 0)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static int nsctp_ioctl(struct sock *sk, int cmd, unsigned long arg)
{
	struct sk_buff *skb;
	int rc = -ENOTCONN;

	if (cmd == NSCTP_IOC_PEELOFF)
		return nsctp_ioctl_peeloff(sk, (void __user *)arg);
	lock_sock(sk);
	/* A one-to-many socket may listen and still carry data. */
	if (nsctp_one_to_one(sk) && sk->sk_state == TCP_LISTEN)
		goto out;
	switch (cmd) {
	case SIOCINQ:
		/* Only the next message is read by one recvmsg(). */
		skb = skb_peek(&sk->sk_receive_queue);
		rc = put_user(skb ? skb->len - NSCTP_ULP_CB(skb)->offset : 0,
			      (int __user *)arg);
		break;
	default:
		rc = -ENOIOCTLCMD;
		break;
	}
out:
	release_sock(sk);
	return rc;
}

#ifdef CONFIG_COMPAT
/* 32-bit callers: the peeloff ioctl's argument has one layout for both;
 * IPv6 sockets keep inet6's own (the routing ioctls).
 */
static int nsctp_compat_ioctl(struct socket *sock, unsigned int cmd,
			      unsigned long arg)
{
	if (cmd == NSCTP_IOC_PEELOFF)
		return nsctp_ioctl_peeloff(sock->sk, compat_ptr(arg));
#if IS_ENABLED(CONFIG_IPV6)
	if (sock->sk->sk_family == AF_INET6)
		return inet6_compat_ioctl(sock, cmd, arg);
#endif
	return -ENOIOCTLCMD;
}
#endif

static int nsctp_hash(struct sock *sk)
{
	/* Sockets are hashed by bind(), never by the inet core. */
	return 0;
}

static void nsctp_unhash(struct sock *sk)
{
	nsctp_port_release(sk);
}

#define NSCTP_PROTO_COMMON					\
	.owner			= THIS_MODULE,			\
	.close			= nsctp_close,			\
	.disconnect		= nsctp_disconnect,		\
	.shutdown		= nsctp_shutdown,		\
	.accept			= nsctp_accept,			\
	.ioctl			= nsctp_ioctl,			\
	.init			= nsctp_init_sock,		\
	.setsockopt		= nsctp_setsockopt,		\
	.getsockopt		= nsctp_getsockopt,		\
	.bpf_bypass_getsockopt	= nsctp_bpf_bypass_getsockopt,	\
	.sendmsg		= nsctp_sendmsg,		\
	.recvmsg		= nsctp_recvmsg,		\
	.bind			= nsctp_bind,			\
	.backlog_rcv		= nsctp_backlog_rcv,		\
	.release_cb		= nsctp_release_cb,		\
	.hash			= nsctp_hash,			\
	.unhash			= nsctp_unhash,			\
	.no_autobind		= true

struct proto nsctp_prot = {
	.name		= "SCTP",
	.obj_size	= sizeof(struct nsctp_sock),
	.destroy	= nsctp_destroy_sock,
	NSCTP_PROTO_COMMON,
};

struct proto nsctpv6_prot = {
	.name		= "SCTPv6",
	.obj_size	= sizeof(struct nsctp6_sock),
	.destroy	= nsctp6_destroy_sock,
	NSCTP_PROTO_COMMON,
};

static const struct proto_ops nsctp_inet_ops = {
	.family		= PF_INET,
	.owner		= THIS_MODULE,
	.release	= inet_release,
	.bind		= inet_bind,
	.connect	= nsctp_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= inet_accept,
	.getname	= nsctp_getname,
	.poll		= nsctp_poll,
	.ioctl		= inet_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= nsctp_compat_ioctl,
#endif
	.gettstamp	= sock_gettstamp,
	.listen		= nsctp_listen,
	.shutdown	= inet_shutdown,
	.setsockopt	= sock_common_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= inet_sendmsg,
	.recvmsg	= inet_recvmsg,
	.mmap		= sock_no_mmap,
	.sendpage	= sock_no_sendpage,
};

static const struct proto_ops nsctp_inet6_ops = {
	.family		= PF_INET6,
	.owner		= THIS_MODULE,
	.release	= inet6_release,
	.bind		= inet6_bind,
	.connect	= nsctp_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= inet_accept,
	.getname	= nsctp_getname,
	.poll		= nsctp_poll,
	.ioctl		= inet6_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= nsctp_compat_ioctl,
#endif
	.gettstamp	= sock_gettstamp,
	.listen		= nsctp_listen,
	.shutdown	= inet_shutdown,
	.setsockopt	= sock_common_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= inet_sendmsg,
	.recvmsg	= inet_recvmsg,
	.mmap		= sock_no_mmap,
	.sendpage	= sock_no_sendpage,
};

static struct inet_protosw nsctp_protosw[] = {
	{
		.type		= SOCK_STREAM,
		.protocol	= IPPROTO_SCTP,
		.prot		= &nsctp_prot,
		.ops		= &nsctp_inet_ops,
	}, {
		.type		= SOCK_SEQPACKET,
		.protocol	= IPPROTO_SCTP,
		.prot		= &nsctp_prot,
		.ops		= &nsctp_inet_ops,
	},
};

static struct inet_protosw nsctp6_protosw[] = {
	{
		.type		= SOCK_STREAM,
		.protocol	= IPPROTO_SCTP,
		.prot		= &nsctpv6_prot,
		.ops		= &nsctp_inet6_ops,
	}, {
		.type		= SOCK_SEQPACKET,
		.protocol	= IPPROTO_SCTP,
		.prot		= &nsctpv6_prot,
		.ops		= &nsctp_inet6_ops,
	},
};

static void nsctp_protosw_unregister(int n4, int n6)
{
	while (n6 > 0)
		inet6_unregister_protosw(&nsctp6_protosw[--n6]);
	while (n4 > 0)
		inet_unregister_protosw(&nsctp_protosw[--n4]);
}

/**
 * nsctp_socket_init() - register the protos and the socket types
 *
 * Non-permanent protosw entries, so that rmmod can take them out again.
 * Return: 0 or -errno, with everything undone.
 */
int nsctp_socket_init(void)
{
	int err, i;

	nsctp_mem_proto(&nsctp_prot);
	nsctp_mem_proto(&nsctpv6_prot);
	err = proto_register(&nsctp_prot, 1);
	if (err)
		return err;
	err = proto_register(&nsctpv6_prot, 1);
	if (err)
		goto err_v4_proto;
	for (i = 0; i < ARRAY_SIZE(nsctp_protosw); i++)
		inet_register_protosw(&nsctp_protosw[i]);
	for (i = 0; i < ARRAY_SIZE(nsctp6_protosw); i++) {
		err = inet6_register_protosw(&nsctp6_protosw[i]);
		if (err)
			goto err_protosw;
	}
	return 0;

err_protosw:
	nsctp_protosw_unregister(ARRAY_SIZE(nsctp_protosw), i);
	proto_unregister(&nsctpv6_prot);
err_v4_proto:
	proto_unregister(&nsctp_prot);
	return err;
}

void nsctp_socket_exit(void)
{
	nsctp_protosw_unregister(ARRAY_SIZE(nsctp_protosw),
				 ARRAY_SIZE(nsctp6_protosw));
	proto_unregister(&nsctpv6_prot);
	proto_unregister(&nsctp_prot);
}
