// SPDX-License-Identifier: GPL-2.0
/*
 * sock_diag for SCTP: the inet_diag handler that 'ss --sctp' asks.
 *
 * What a dump lists, in in-tree's shape (which ss's SCTP output expects,
 * selftests/nsctp_diag.c checks it against in-tree's sctp_diag):
 *
 *   phase 0: the listening sockets, as entries with their TCP-like state
 *            (TCP_LISTEN), when the request's state mask has it; those
 *            with associations only if phase 1 does not run;
 *   phase 1: every socket that has associations: its entry, then one
 *            entry per association, carrying the same inode (ss prints
 *            those as "`- STATE"), the association's state in in-tree's
 *            internal numbering (SCTP_STATE_CLOSED 0 ... ACK_SENT 7,
 *            one below the uapi sctp_sstat_state), when the mask asks
 *            for anything but listening and closed sockets.
 *
 * The request's source and destination ports filter (a socket's entry by
 * its port; an association's by both); as in-tree, the bytecode filter is
 * not applied (ss applies it itself). Each entry has the attributes of
 * inet_diag_msg_attrs_fill(), INET_DIAG_SKMEMINFO when asked for, and
 * INET_DIAG_LOCALS (and, for an association, INET_DIAG_PEERS, the primary
 * first) as arrays of struct sockaddr_storage. INET_DIAG_INFO is a struct
 * sctp_info: the socket's fields in a socket's entry, the association's
 * and its primary path's in an association's; INET_DIAG_CONG names the
 * congestion control of an association.
 *
 * Sockets are found through the port hash of the request's netns, a
 * bucket at a time, referenced and then locked one by one (as proc.c
 * reads them). A dump that fills its skb resumes from cb->args: phase,
 * bucket, socket within the bucket, entries of that socket already sent.
 */
#include <linux/inet_diag.h>
#include <linux/inetdevice.h>
#include <linux/sock_diag.h>
#include <net/addrconf.h>
#include <net/netlink.h>
#include <net/sock.h>
#include <net/tcp.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

enum { DIAG_PHASE, DIAG_BUCKET, DIAG_SOCK, DIAG_DONE };

struct diag_req {
	struct sk_buff *skb;		/* the reply */
	struct netlink_callback *cb;
	const struct inet_diag_req_v2 *r;
	u32 portid, seq;
	u16 flags;
	bool net_admin;
	u32 need;			/* an entry too big for an empty skb */
	bool assocs_too;		/* phase 1 runs */
};

/* An association's state as in-tree's sock_diag and /proc report it. */
static u8 diag_state(const struct nsctp_assoc *asoc)
{
	return asoc->state - 1;
}

static int addr_count(const struct nsctp_sock *nsk,
		      const struct nsctp_assoc *asoc)
{
	const struct nsctp_laddr *la;
	int n = 0;

	if (asoc)
		return asoc->n_laddrs ? asoc->n_laddrs : 1;
	list_for_each_entry(la, &nsk->laddrs, list)
		n++;
	return n;
}

static int path_count(const struct nsctp_assoc *asoc)
{
	const struct nsctp_path *path;
	int n = 0;

	list_for_each_entry(path, &asoc->paths, list)
		n++;
	return n;
}

/* Room for one entry, so that a dump can ask for an skb that holds it. */
static size_t entry_size(struct sock *sk, const struct nsctp_assoc *asoc)
{
	size_t n = addr_count(nsctp_sk(sk), asoc) + (asoc ? path_count(asoc) : 0);

	return NLMSG_ALIGN(sizeof(struct inet_diag_msg)) +
	       inet_diag_msg_attrs_size() +
	       nla_total_size(TCP_CA_NAME_MAX) +
	       nla_total_size(SK_MEMINFO_VARS * sizeof(u32)) +
	       nla_total_size_64bit(sizeof(struct sctp_info)) +
	       2 * nla_total_size(0) +
	       n * sizeof(struct sockaddr_storage) + 64;
}

/* An attribute of @n zeroed struct sockaddr_storage, or NULL. */
static struct sockaddr_storage *reserve_addrs(struct sk_buff *skb, int type,
					      int n)
{
	size_t len = n * sizeof(struct sockaddr_storage);
	struct nlattr *attr = nla_reserve(skb, type, len);

	if (!attr)
		return NULL;
	memset(nla_data(attr), 0, len);
	return nla_data(attr);
}

/* The local addresses: an association's own (or the one in use), or
 * the socket's bound ones.
 */
static int put_locals(struct sk_buff *skb, struct nsctp_sock *nsk,
		      const struct nsctp_assoc *asoc)
{
	struct sockaddr_storage *ss;
	struct nsctp_laddr *la;
	int i, n = addr_count(nsk, asoc);

	ss = reserve_addrs(skb, INET_DIAG_LOCALS, n);
	if (!ss)
		return -EMSGSIZE;
	if (!asoc) {
		list_for_each_entry(la, &nsk->laddrs, list)
			nsctp_addr_to_user(nsk, &la->a, (struct sockaddr *)ss++);
	} else if (asoc->n_laddrs) {
		for (i = 0; i < asoc->n_laddrs; i++)
			nsctp_addr_to_user(nsk, &asoc->laddrs[i],
					   (struct sockaddr *)ss++);
	} else {
		nsctp_addr_to_user(nsk, &asoc->laddr, (struct sockaddr *)ss);
	}
	return 0;
}

static int put_peers(struct sk_buff *skb, struct nsctp_sock *nsk,
		     const struct nsctp_assoc *asoc)
{
	struct sockaddr_storage *ss;
	struct nsctp_path *path;

	ss = reserve_addrs(skb, INET_DIAG_PEERS, path_count(asoc));
	if (!ss)
		return -EMSGSIZE;
	/* the primary first, as the one ss shows as the peer */
	nsctp_addr_to_user(nsk, &asoc->primary->addr, (struct sockaddr *)ss++);
	list_for_each_entry(path, &asoc->paths, list)
		if (path != asoc->primary)
			nsctp_addr_to_user(nsk, &path->addr,
					   (struct sockaddr *)ss++);
	return 0;
}

/* struct sctp_info: the socket's part, and @asoc's when there is one. */
static void info_fill(struct sock *sk, const struct nsctp_assoc *asoc,
		      struct sctp_info *info)
{
	const struct nsctp_opts *o = &nsctp_sk(sk)->opts;
	const struct nsctp_assoc_stats *st;
	const struct nsctp_path *path;

	memset(info, 0, sizeof(*info));
	if (asoc)
		goto assoc;
	info->sctpi_s_autoclose = o->autoclose;
	info->sctpi_s_adaptation_ind = o->adaptation_ind;
	info->sctpi_s_pd_point = o->pd_point;
	info->sctpi_s_nodelay = o->nodelay;
	info->sctpi_s_disable_fragments = o->disable_frags;
	info->sctpi_s_v4mapped = o->v4mapped;
	info->sctpi_s_frag_interleave = o->frag_interleave;
	/* in-tree's SCTP_SOCKET_UDP (0) and SCTP_SOCKET_TCP (2) */
	info->sctpi_s_type = nsctp_one_to_one(sk) ? 2 : 0;
	return;

assoc:
	st = &asoc->stats;
	path = asoc->primary;
	info->sctpi_tag = ntohl(asoc->my_vtag);
	info->sctpi_state = diag_state(asoc);
	info->sctpi_rwnd = asoc->local_rwnd;
	info->sctpi_unackdata = skb_queue_len(&asoc->out_sent);
	info->sctpi_penddata = skb_queue_len(&asoc->out_queue);
	info->sctpi_instrms = asoc->in_streams;
	info->sctpi_outstrms = asoc->out_streams;
	/* SCTP_MAXSEG as set (0: none), then the DATA payload in use */
	info->sctpi_fragmentation_point = asoc->aopts.maxseg;
	info->sctpi_inqueue = asoc->rwnd_held;
	info->sctpi_outqueue = asoc->out_queued;
	info->sctpi_overall_error = asoc->error_count;
	info->sctpi_max_burst = asoc->aopts.max_burst;
	info->sctpi_maxseg = nsctp_frag_point(asoc);
	info->sctpi_peer_rwnd = asoc->peer_rwnd;
	info->sctpi_peer_tag = ntohl(asoc->peer_vtag);
	info->sctpi_peer_capable = asoc->peer_caps;
	/* nsctp's own bits: a SACK is owed; SACKs are delayed; the last
	 * a_rwnd we sent was 0 (in-tree's are its SACK state's)
	 */
	info->sctpi_peer_sack = (asoc->sack_due ? 1 : 0) |
				(asoc->aopts.sack_off ? 0 : 2) |
				(asoc->sack_sent && !asoc->rwnd_adv ? 4 : 0);

	info->sctpi_isacks = st->isacks;
	info->sctpi_osacks = st->osacks;
	info->sctpi_opackets = st->opackets;
	info->sctpi_ipackets = st->ipackets;
	info->sctpi_rtxchunks = asoc->rtx_chunks;
	info->sctpi_outofseqtsns = st->outofseqtsns;
	info->sctpi_idupchunks = st->idupchunks;
	info->sctpi_gapcnt = st->gapcnt;
	info->sctpi_ouodchunks = st->ouodchunks;
	info->sctpi_iuodchunks = st->iuodchunks;
	info->sctpi_oodchunks = st->oodchunks;
	info->sctpi_iodchunks = st->iodchunks;
	info->sctpi_octrlchunks = st->octrlchunks;
	info->sctpi_ictrlchunks = st->ictrlchunks;

	nsctp_addr_to_user(nsctp_sk(sk), &path->addr,
			   (struct sockaddr *)&info->sctpi_p_address);
	info->sctpi_p_state = path->unconfirmed ? SCTP_UNCONFIRMED :
						  SCTP_ACTIVE;
	info->sctpi_p_cwnd = path->cwnd;
	info->sctpi_p_srtt = path->srtt;
	info->sctpi_p_rto = path->rto;
	/* in jiffies, as in-tree's */
	info->sctpi_p_hbinterval = msecs_to_jiffies(asoc->aopts.hb_interval);
	info->sctpi_p_pathmaxrxt = asoc->aopts.pathmaxrxt;
	info->sctpi_p_sackdelay = asoc->aopts.sack_delay;
	info->sctpi_p_sackfreq = asoc->aopts.sack_freq;
	info->sctpi_p_ssthresh = path->ssthresh;
	info->sctpi_p_partial_bytes_acked = path->pba;
	info->sctpi_p_flight_size = path->flight;
	info->sctpi_p_error = path->error_count;
}

/* @a, as @sk's family shows it, into an inet_diag_sockid address. */
static void id_addr(struct sock *sk, const union nsctp_addr *a, __be32 *to)
{
	struct sockaddr_storage ss = {};

	nsctp_addr_to_user(nsctp_sk(sk), a, (struct sockaddr *)&ss);
	memset(to, 0, 16);
	if (ss.ss_family == AF_INET6)
		memcpy(to, &((struct sockaddr_in6 *)&ss)->sin6_addr, 16);
	else
		to[0] = ((struct sockaddr_in *)&ss)->sin_addr.s_addr;
}

/* The id of an association entry: its own addresses and ports. */
static void id_fill(struct sock *sk, const struct nsctp_assoc *asoc,
		    struct inet_diag_msg *r)
{
	r->id.idiag_sport = htons(inet_sk(sk)->inet_num);
	r->id.idiag_dport = nsctp_addr_port(&asoc->primary->addr);
	id_addr(sk, &asoc->laddr, r->id.idiag_src);
	id_addr(sk, &asoc->primary->addr, r->id.idiag_dst);
}

/* The device that has the association's local address in use (in-tree
 * gives its route's), for the entry's idiag_if: ss prints it ("%lo").
 */
static int laddr_ifindex(struct net *net, const union nsctp_addr *a)
{
	struct net_device *dev = NULL;
	int ifindex = 0;

	rcu_read_lock();
	if (a->sa.sa_family == AF_INET)
		dev = __ip_dev_find(net, a->v4.sin_addr.s_addr, false);
	else if (a->sa.sa_family == AF_INET6)
		dev = ipv6_dev_find(net, &a->v6.sin6_addr, NULL);
	if (dev)
		ifindex = dev->ifindex;
	rcu_read_unlock();
	return ifindex;
}

/* One entry: the socket alone (@asoc NULL) or one of its associations.
 * The socket is locked, or (listeners) its associations are not read.
 */
static int entry_fill(struct diag_req *d, struct sock *sk,
		      const struct nsctp_assoc *asoc)
{
	struct user_namespace *user_ns = sk_user_ns(NETLINK_CB(d->cb->skb).sk);
	const struct inet_diag_req_v2 *r = d->r;
	struct sk_buff *skb = d->skb;
	struct inet_diag_msg *m;
	struct nlmsghdr *nlh;
	struct nlattr *attr;
	int ext = r->idiag_ext;

	nlh = nlmsg_put(skb, d->portid, d->seq, SOCK_DIAG_BY_FAMILY,
			sizeof(*m), d->flags);
	if (!nlh)
		return -EMSGSIZE;
	m = nlmsg_data(nlh);
	inet_diag_msg_common_fill(m, sk);
	m->idiag_timer = 0;
	m->idiag_retrans = 0;
	m->idiag_expires = 0;
	if (asoc) {
		const struct nsctp_path *path = asoc->primary;

		id_fill(sk, asoc, m);
		m->id.idiag_if = laddr_ifindex(sock_net(sk), &asoc->laddr);
		m->idiag_state = diag_state(asoc);
		m->idiag_rqueue = asoc->rwnd_held;
		m->idiag_wqueue = asoc->sndbuf_used;
		if (timer_pending(&path->t3_timer)) {
			long left = path->t3_timer.expires - jiffies;

			m->idiag_timer = 1;
			m->idiag_retrans = asoc->error_count;
			m->idiag_expires = left > 0 ? jiffies_to_msecs(left) : 0;
		}
	} else {
		m->idiag_state = sk->sk_state;
		/* a connected one-to-one socket: its peer, as in-tree */
		if (nsctp_one_to_one(sk) && sk->sk_state != TCP_LISTEN &&
		    !list_empty(&nsctp_sk(sk)->assocs)) {
			const struct nsctp_assoc *a =
				list_first_entry(&nsctp_sk(sk)->assocs,
						 struct nsctp_assoc, node);

			m->id.idiag_dport = nsctp_addr_port(&a->primary->addr);
			id_addr(sk, &a->primary->addr, m->id.idiag_dst);
		}
		if (sk->sk_state == TCP_LISTEN) {
			m->idiag_rqueue = READ_ONCE(sk->sk_ack_backlog);
			m->idiag_wqueue = READ_ONCE(sk->sk_max_ack_backlog);
		} else {
			m->idiag_rqueue = 0;
			m->idiag_wqueue = 0;
		}
	}
	if (inet_diag_msg_attrs_fill(sk, skb, m, ext, user_ns, d->net_admin))
		goto cancel;
	if ((ext & (1 << (INET_DIAG_SKMEMINFO - 1))) &&
	    sock_diag_put_meminfo(sk, skb, INET_DIAG_SKMEMINFO))
		goto cancel;
	if (ext & (1 << (INET_DIAG_INFO - 1))) {
		attr = nla_reserve_64bit(skb, INET_DIAG_INFO,
					 sizeof(struct sctp_info),
					 INET_DIAG_PAD);
		if (!attr)
			goto cancel;
		info_fill(sk, asoc, nla_data(attr));
	}
	if (asoc && (ext & (1 << (INET_DIAG_CONG - 1))) &&
	    nla_put_string(skb, INET_DIAG_CONG, nsctp_cc_reno.name))
		goto cancel;
	if (put_locals(skb, nsctp_sk(sk), asoc))
		goto cancel;
	if (asoc && put_peers(skb, nsctp_sk(sk), asoc))
		goto cancel;
	nlmsg_end(skb, nlh);
	return 0;
cancel:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/* Whether @sk is one the request asks about (family, source port). */
static bool sock_match(struct diag_req *d, struct sock *sk)
{
	const struct inet_diag_req_v2 *r = d->r;

	if (r->sdiag_family != AF_UNSPEC && sk->sk_family != r->sdiag_family)
		return false;
	return !r->id.idiag_sport ||
	       r->id.idiag_sport == htons(inet_sk(sk)->inet_num);
}

/* ... and @asoc (destination port) */
static bool assoc_match(struct diag_req *d, const struct nsctp_assoc *asoc)
{
	__be16 dport = d->r->id.idiag_dport;

	return !asoc->dead &&
	       (!dport || dport == nsctp_addr_port(&asoc->primary->addr));
}

/* A failed entry in an empty skb: remember what it needs. */
static int entry_put(struct diag_req *d, struct sock *sk,
		     const struct nsctp_assoc *asoc)
{
	int err = entry_fill(d, sk, asoc);

	if (err && !d->skb->len)
		d->need = max_t(u32, d->need, entry_size(sk, asoc));
	return err;
}

/* Whether @sk (locked) has an association the request asks about. */
static bool sock_has_match(struct diag_req *d, struct sock *sk)
{
	struct nsctp_assoc *asoc;

	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
		if (assoc_match(d, asoc))
			return true;
	return false;
}

/* The entries of @sk from the @done-th on: in phase 0 the socket alone
 * (if it listens), in phase 1 the socket and its associations (if it has
 * any). Return: 0, or -EMSGSIZE with @done counting what went.
 */
static int sock_dump(struct diag_req *d, struct sock *sk, int phase,
		     long *done)
{
	struct nsctp_assoc *asoc;
	int err = 0;
	long i = 0;

	if (!sock_match(d, sk))
		return 0;
	lock_sock(sk);
	if (phase == 0) {
		/* a listener with associations goes with them in phase 1,
		 * if it runs; a request for the listener's port alone
		 * (a destination port) matches no listener
		 */
		if (sk->sk_state == TCP_LISTEN && !*done &&
		    !d->r->id.idiag_dport &&
		    (!d->assocs_too || !sock_has_match(d, sk)))
			err = entry_put(d, sk, NULL);
		goto out;
	}
	if (!sock_has_match(d, sk))
		goto out;
	if (i++ >= *done) {
		err = entry_put(d, sk, NULL);
		if (err)
			goto out;
		*done = i;
	}
	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node) {
		if (!assoc_match(d, asoc) || i++ < *done)
			continue;
		err = entry_put(d, sk, asoc);
		if (err)
			break;
		*done = i;
	}
out:
	release_sock(sk);
	return err;
}

static void nsctp_diag_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct inet_diag_req_v2 *r)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(cb->skb->sk));
	struct diag_req d = {
		.skb = skb,
		.cb = cb,
		.r = r,
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
		.net_admin = netlink_net_capable(cb->skb, CAP_NET_ADMIN),
	};
	u32 states = r->idiag_states;

	d.assocs_too = states & ~(TCPF_LISTEN | TCPF_CLOSE);
	for (; cb->args[DIAG_PHASE] < 2; cb->args[DIAG_PHASE]++) {
		long phase = cb->args[DIAG_PHASE];

		if (phase == 0 && !(states & TCPF_LISTEN))
			continue;
		if (phase == 1 && !d.assocs_too)
			continue;
		for (; cb->args[DIAG_BUCKET] < NSCTP_PORT_HASH_SIZE;
		     cb->args[DIAG_BUCKET]++) {
			struct nsctp_port_bucket *b =
				&nn->port_hash[cb->args[DIAG_BUCKET]];
			struct sock **socks;
			int n, i, err = 0;

			n = nsctp_bucket_socks(b, &socks);
			if (n < 0)
				return;
			for (; cb->args[DIAG_SOCK] < n; cb->args[DIAG_SOCK]++) {
				err = sock_dump(&d, socks[cb->args[DIAG_SOCK]],
						phase, &cb->args[DIAG_DONE]);
				if (err)
					break;
				cb->args[DIAG_DONE] = 0;
			}
			for (i = 0; i < n; i++)
				sock_put(socks[i]);
			kfree(socks);
			if (err) {
				/* one entry larger than an empty skb: ask
				 * inet_diag for one that holds it
				 */
				if (d.need > cb->min_dump_alloc)
					cb->min_dump_alloc = d.need;
				return;
			}
			cb->args[DIAG_SOCK] = 0;
			cond_resched();
		}
		cb->args[DIAG_BUCKET] = 0;
	}
}

/* SOCK_DIAG_BY_FAMILY without NLM_F_DUMP: the association with the
 * request's addresses and ports, in one entry.
 */
static int nsctp_diag_dump_one(struct netlink_callback *cb,
			       const struct inet_diag_req_v2 *req)
{
	struct sk_buff *in_skb = cb->skb;
	struct net *net = sock_net(in_skb->sk);
	union nsctp_addr laddr = {}, paddr = {};
	struct nsctp_assoc *asoc;
	struct sk_buff *rep;
	struct sock *sk;
	int err;

	if (req->sdiag_family == AF_INET) {
		laddr.v4.sin_family = AF_INET;
		laddr.v4.sin_addr.s_addr = req->id.idiag_src[0];
		paddr.v4.sin_family = AF_INET;
		paddr.v4.sin_addr.s_addr = req->id.idiag_dst[0];
	} else if (req->sdiag_family == AF_INET6) {
		laddr.v6.sin6_family = AF_INET6;
		memcpy(&laddr.v6.sin6_addr, req->id.idiag_src, 16);
		paddr.v6.sin6_family = AF_INET6;
		memcpy(&paddr.v6.sin6_addr, req->id.idiag_dst, 16);
	} else {
		return -EINVAL;
	}
	laddr.v4.sin_port = req->id.idiag_sport;
	paddr.v4.sin_port = req->id.idiag_dport;
	asoc = nsctp_assoc_lookup(net, &laddr, &paddr);
	if (!asoc)
		return -ENOENT;
	sk = READ_ONCE(asoc->sk);
	sock_hold(sk);
	lock_sock(sk);
	if (asoc->sk != sk || asoc->dead) {
		err = -ENOENT;
		goto out;
	}
	rep = nlmsg_new(entry_size(sk, asoc), GFP_KERNEL);
	if (!rep) {
		err = -ENOMEM;
		goto out;
	}
	{
		struct diag_req d = {
			.skb = rep,
			.cb = cb,
			.r = req,
			.portid = NETLINK_CB(in_skb).portid,
			.seq = cb->nlh->nlmsg_seq,
			.net_admin = netlink_net_capable(in_skb, CAP_NET_ADMIN),
		};

		err = entry_fill(&d, sk, asoc);
	}
	if (err) {
		kfree_skb(rep);
		goto out;
	}
	err = nlmsg_unicast(net->diag_nlsk, rep, NETLINK_CB(in_skb).portid);
out:
	release_sock(sk);
	sock_put(sk);
	nsctp_assoc_put(asoc);
	return err;
}

/* For inet_diag's own callers (a socket's info alone). */
static void nsctp_diag_get_info(struct sock *sk, struct inet_diag_msg *r,
				void *info)
{
	r->idiag_rqueue = 0;
	r->idiag_wqueue = 0;
	if (info)
		info_fill(sk, NULL, info);
}

static const struct inet_diag_handler nsctp_diag_handler = {
	.dump			= nsctp_diag_dump,
	.dump_one		= nsctp_diag_dump_one,
	.idiag_get_info		= nsctp_diag_get_info,
	.idiag_type		= IPPROTO_SCTP,
	.idiag_info_size	= sizeof(struct sctp_info),
};

int nsctp_diag_init(void)
{
	int err = inet_diag_register(&nsctp_diag_handler);

	if (err)
		pr_err("cannot register the SCTP sock_diag handler (%d): is sctp_diag loaded?\n",
		       err);
	return err;
}

void nsctp_diag_exit(void)
{
	inet_diag_unregister(&nsctp_diag_handler);
}
