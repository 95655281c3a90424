// SPDX-License-Identifier: GPL-2.0
/*
 * sendmsg() (RFC 6458 §3.1.7, §4.1.8, §5.3; RFC 9260 §6.1, §6.9).
 *
 * The ancillary data and flags pick the association (an existing one by
 * id or peer address, or a new one set up implicitly on a one-to-many
 * socket), the stream and the payload protocol identifier; SCTP_EOF and
 * SCTP_ABORT end associations instead of sending. The message is copied
 * once from the user into page fragments, split into DATA chunks that
 * fit the path MTU, and queued whole on the association's out_queue;
 * outq.c numbers and sends them.
 *
 * Send buffer accounting: every queued chunk is charged its truesize to
 * sk_wmem_queued until the peer acknowledges it; sendmsg() waits (or
 * fails with EAGAIN) while a message would overflow SO_SNDBUF.
 */
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/security.h>
#include <linux/uio.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* sinfo_flags a sender may set (RFC 6458 §5.3.2, §5.3.4). */
#define NSCTP_SEND_FLAGS (SCTP_UNORDERED | SCTP_ADDR_OVER | SCTP_ABORT | \
			  SCTP_EOF | SCTP_SACK_IMMEDIATELY | SCTP_SENDALL | \
			  SCTP_PR_SCTP_MASK)

/* What the ancillary data of one sendmsg() asks for. */
struct send_args {
	struct sctp_sndinfo		info;
	const struct sctp_initmsg	*init;
	const struct sctp_prinfo	*prinfo;
	/* sinfo_timetolive, or an SCTP_PRINFO's pr_value, or the default
	 * (SCTP_DEFAULT_SEND_PARAM, SCTP_DEFAULT_PRINFO): the message's
	 * lifetime in ms (0: none) under the policy SCTP_PR_SCTP_NONE or
	 * SCTP_PR_SCTP_TTL of info.snd_flags
	 */
	u32				ttl;
	bool				has_info;	/* SNDRCV or SNDINFO */
	bool				has_ttl;	/* SNDRCV or PRINFO */
	bool				has_dst;	/* SCTP_DSTADDRV4/V6 */
};

/**
 * nsctp_wspace() - free send buffer space of @sk
 * @sk: the socket
 *
 * Return: bytes, may be negative.
 */
int nsctp_wspace(const struct sock *sk)
{
	return READ_ONCE(sk->sk_sndbuf) - READ_ONCE(sk->sk_wmem_queued);
}

/* Free send buffer space for @asoc: the socket's (net.sctp.sndbuf_policy
 * 0, its associations share the buffer) or its own (1, each has the
 * whole buffer).
 */
static int assoc_wspace(const struct nsctp_assoc *asoc)
{
	const struct sock *sk = asoc->sk;

	if (nsctp_sk(sk)->opts.sndbuf_policy)
		return READ_ONCE(sk->sk_sndbuf) - asoc->sndbuf_used;
	return nsctp_wspace(sk);
}

/**
 * nsctp_write_space() - sk_write_space: acknowledged data freed buffer
 * @sk: the socket
 */
void nsctp_write_space(struct sock *sk)
{
	struct socket_wq *wq;

	/* with buffers per association, some writer may have room now */
	if (nsctp_wspace(sk) <= 0 && !nsctp_sk(sk)->opts.sndbuf_policy)
		return;
	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_sync_poll(&wq->wait, EPOLLOUT |
						EPOLLWRNORM | EPOLLWRBAND);
	if (wq && wq->fasync_list && !(sk->sk_shutdown & SEND_SHUTDOWN))
		sock_wake_async(wq, SOCK_WAKE_SPACE, POLL_OUT);
	rcu_read_unlock();
}

static int cmsg_len_ok(const struct cmsghdr *cmsg, size_t len)
{
	return cmsg->cmsg_len == CMSG_LEN(len) ? 0 : -EINVAL;
}

/* The SCTP cmsgs of @msg, each checked for its exact length. As in-tree,
 * whatever their order: an SCTP_SNDINFO's fields replace an SCTP_SNDRCV's,
 * and an SCTP_PRINFO's policy and value replace those of either.
 */
static int parse_cmsgs(struct msghdr *msg, struct send_args *a)
{
	const struct sctp_sndrcvinfo *srinfo = NULL;
	const struct sctp_sndinfo *sinfo = NULL;
	const struct sctp_prinfo *prinfo;
	struct cmsghdr *cmsg;
	int err;

	for_each_cmsghdr(cmsg, msg) {
		if (!CMSG_OK(msg, cmsg))
			return -EINVAL;
		if (cmsg->cmsg_level != IPPROTO_SCTP)
			continue;
		switch (cmsg->cmsg_type) {
		case SCTP_INIT:
			err = cmsg_len_ok(cmsg, sizeof(struct sctp_initmsg));
			a->init = CMSG_DATA(cmsg);
			break;
		case SCTP_SNDRCV:
			err = cmsg_len_ok(cmsg, sizeof(*srinfo));
			if (err)
				return err;
			srinfo = CMSG_DATA(cmsg);
			if (srinfo->sinfo_flags & ~NSCTP_SEND_FLAGS)
				return -EINVAL;
			break;
		case SCTP_SNDINFO:
			err = cmsg_len_ok(cmsg, sizeof(*sinfo));
			if (err)
				return err;
			sinfo = CMSG_DATA(cmsg);
			if (sinfo->snd_flags & ~NSCTP_SEND_FLAGS)
				return -EINVAL;
			break;
		case SCTP_PRINFO:
			err = cmsg_len_ok(cmsg, sizeof(*prinfo));
			if (err)
				return err;
			prinfo = CMSG_DATA(cmsg);
			if (prinfo->pr_policy & ~SCTP_PR_SCTP_MASK)
				return -EINVAL;
			a->prinfo = prinfo;
			break;
		case SCTP_AUTHINFO:
			err = cmsg_len_ok(cmsg, sizeof(struct sctp_authinfo));
			break;
		case SCTP_DSTADDRV4:
		case SCTP_DSTADDRV6:
			/* read when a send sets an association up, and
			 * checked then (send_connect()), as in-tree
			 */
			a->has_dst = true;
			err = 0;
			break;
		default:
			return -EINVAL;
		}
		if (err)
			return err;
	}
	if (srinfo) {
		a->info.snd_sid = srinfo->sinfo_stream;
		a->info.snd_flags = srinfo->sinfo_flags;
		a->info.snd_ppid = srinfo->sinfo_ppid;
		a->info.snd_context = srinfo->sinfo_context;
		a->info.snd_assoc_id = srinfo->sinfo_assoc_id;
		a->ttl = srinfo->sinfo_timetolive;
	}
	if (sinfo)
		a->info = *sinfo;
	if (a->prinfo) {
		a->info.snd_flags &= ~SCTP_PR_SCTP_MASK;
		a->info.snd_flags |= a->prinfo->pr_policy;
		/* the policy SCTP_PR_SCTP_NONE has no value */
		a->ttl = a->prinfo->pr_policy ? a->prinfo->pr_value : 0;
	}
	a->has_info = srinfo || sinfo;
	a->has_ttl = srinfo || a->prinfo;
	return 0;
}

/* Where the cmsgs left them out, @o's defaults: the stream, flags, PPID
 * and context without SCTP_SNDRCV or SCTP_SNDINFO (an SCTP_PRINFO's
 * policy stays), the lifetime without SCTP_SNDRCV or SCTP_PRINFO. As
 * in-tree.
 */
static void send_args_defaults(struct send_args *a,
			       const struct nsctp_aopts *o)
{
	u16 policy = a->info.snd_flags & SCTP_PR_SCTP_MASK;

	if (!a->has_info) {
		a->info = o->def_sndinfo;
		a->info.snd_assoc_id = 0;
		if (a->prinfo)
			a->info.snd_flags = policy;
	}
	if (!a->has_ttl)
		a->ttl = o->def_ttl;
}

/* Copy @len bytes of @from into @skb's page fragments after @hdr
 * (DATA chunk header), padding to 4 bytes.
 */
static int chunk_fill(struct sock *sk, struct sk_buff *skb,
		      const struct sctp_data_chunk *hdr, struct iov_iter *from,
		      u32 len)
{
	struct page_frag *pfrag = sk_page_frag(sk);
	u32 total = sizeof(*hdr) + len, padded = ALIGN(total, 4), done = 0;
	int i = 0;

	while (done < padded) {
		u32 n, hn, pn, zn;
		u8 *dst;

		if (i == MAX_SKB_FRAGS ||
		    !skb_page_frag_refill(done ? 4 : sizeof(*hdr), pfrag,
					  sk->sk_allocation))
			return -ENOBUFS;
		n = min_t(u32, padded - done, pfrag->size - pfrag->offset);
		dst = page_address(pfrag->page) + pfrag->offset;
		/* the header, the payload and the padding this piece holds */
		hn = done < sizeof(*hdr) ?
		     min_t(u32, done + n, sizeof(*hdr)) - done : 0;
		pn = min(done + n, total) > max_t(u32, done, sizeof(*hdr)) ?
		     min(done + n, total) - max_t(u32, done, sizeof(*hdr)) : 0;
		if (hn)
			memcpy(dst, (const u8 *)hdr + done, hn);
		if (pn && !copy_from_iter_full(dst + hn, pn, from))
			return -EFAULT;
		zn = n - hn - pn;
		if (zn)
			memset(dst + hn + pn, 0, zn);
		skb_fill_page_desc(skb, i++, pfrag->page, pfrag->offset, n);
		get_page(pfrag->page);
		pfrag->offset += n;
		done += n;
		skb->len += n;
		skb->data_len += n;
		skb->truesize += n;
	}
	return 0;
}

/* The DATA chunks of one message, on @list. */
static int msg_to_chunks(struct nsctp_assoc *asoc, const struct send_args *a,
			 struct iov_iter *from, size_t len,
			 struct sk_buff_head *list)
{
	struct sock *sk = asoc->sk;
	u32 fp = nsctp_frag_point(asoc), left = len, n;
	struct sctp_data_chunk hdr = {};
	u32 expires = jiffies + msecs_to_jiffies(a->ttl);
	u16 policy = a->info.snd_flags & SCTP_PR_SCTP_MASK;
	struct sk_buff *skb;
	u8 unordered = a->info.snd_flags & SCTP_UNORDERED ?
		       SCTP_DATA_UNORDERED : 0;
	int err;

	if (len > fp)
		NSCTP_INC_STATS(sock_net(sk), FRAGUSRMSGS);
	hdr.chunk_hdr.type = SCTP_CID_DATA;
	hdr.data_hdr.stream = htons(a->info.snd_sid);
	hdr.data_hdr.ppid = a->info.snd_ppid;
	do {
		struct nsctp_tx_cb *cb;

		n = min(left, fp);
		hdr.chunk_hdr.flags = unordered;
		if (left == len)
			hdr.chunk_hdr.flags |= SCTP_DATA_FIRST_FRAG;
		if (n == left)
			hdr.chunk_hdr.flags |= SCTP_DATA_LAST_FRAG;
		if (a->info.snd_flags & SCTP_SACK_IMMEDIATELY && n == left)
			hdr.chunk_hdr.flags |= SCTP_DATA_SACK_IMM;
		hdr.chunk_hdr.length = htons(nsctp_data_chunk_len(n));
		skb = nsctp_chunk_alloc(sk->sk_allocation);
		if (!skb)
			return -ENOBUFS;
		__skb_queue_tail(list, skb);
		err = chunk_fill(sk, skb, &hdr, from, n);
		if (err)
			return err;
		cb = NSCTP_TX_CB(skb);
		memset(cb, 0, sizeof(*cb));
		cb->len = n;
		cb->sid = a->info.snd_sid;
		cb->ppid = (__force __be32)a->info.snd_ppid;
		cb->context = a->info.snd_context;
		cb->dflags = hdr.chunk_hdr.flags;
		/* A lifetime abandons a message not sent in time, with
		 * SCTP_PR_SCTP_TTL or the older sinfo_timetolive alone
		 * (RFC 6458 §5.3.2). The other policies' values are no
		 * lifetime, and without PR-SCTP nothing acts on them.
		 */
		if (a->ttl && (policy == SCTP_PR_SCTP_NONE ||
			       policy == SCTP_PR_SCTP_TTL)) {
			cb->state = NSCTP_TX_TTL;
			if (policy == SCTP_PR_SCTP_TTL)
				cb->state |= NSCTP_TX_PR_TTL;
			cb->expires = expires;
		}
		left -= n;
	} while (left);
	return 0;
}

/* Room for @len bytes in the send buffer, and for @mem bytes in the
 * protocol's memory (sk_wmem_schedule(); 0: not asked)?
 */
static bool send_room(struct nsctp_assoc *asoc, size_t len, int mem)
{
	return (int)len <= assoc_wspace(asoc) &&
	       (!mem || sk_wmem_schedule(asoc->sk, mem));
}

/* Wait until @len bytes fit in the send buffer (and @mem bytes in the
 * protocol's memory). Memory freed by other sockets wakes nobody here,
 * so a wait for memory looks again every 100 ms.
 */
static int wait_for_space(struct nsctp_assoc *asoc, size_t len, int mem,
			  long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = asoc->sk;
	long step;
	int err = 0;

	nsctp_assoc_hold(asoc);
	asoc->sleepers++;
	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		if (asoc->dead || asoc->state >= SCTP_SHUTDOWN_PENDING ||
		    sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN)) {
			err = -EPIPE;
			break;
		}
		if (send_room(asoc, len, mem))
			break;
		err = -EAGAIN;
		if (!*timeo)
			break;
		err = sock_intr_errno(*timeo);
		if (signal_pending(current))
			break;
		err = 0;
		step = mem ? min_t(long, *timeo, HZ / 10) : *timeo;
		*timeo -= step;
		sk_wait_event(sk, &step, asoc->dead ||
			      send_room(asoc, len, mem), &wait);
		*timeo += step;
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	asoc->sleepers--;
	nsctp_assoc_put(asoc);
	return err;
}

/* What the message on @list (@len bytes, @cost its truesize) tells:
 * what a payload byte costs here (a moving average, 1/8 weight, for
 * send buffer autotuning, sndbuf_tune()); and whether the send buffer,
 * with it queued, still has room for a message like it. When not, the
 * sender will wait for the SACK that frees the buffer: its last chunk
 * asks the peer not to delay that SACK (the I bit, RFC 9260 §3.3.1 and
 * RFC 7053; otherwise a peer with delayed SACK that sees an odd number
 * of packets holds it for its SACK timer, each message).
 */
static void tx_cost(struct nsctp_assoc *asoc, struct sk_buff_head *list,
		    size_t len, u32 cost)
{
	struct sk_buff *last = skb_peek_tail(list);
	struct sctp_chunkhdr *ch;
	u32 r;

	if (!len || !last)
		return;
	r = min_t(u64, div_u64((u64)cost << 16, len), U32_MAX >> 4);
	if (!asoc->tx_ratio)
		asoc->tx_ratio = r;
	else
		asoc->tx_ratio += ((s64)r - asoc->tx_ratio) / 8;
	if (assoc_wspace(asoc) >= (int)cost ||
	    (NSCTP_TX_CB(last)->dflags & SCTP_DATA_SACK_IMM))
		return;
	/* the header is in the first fragment (chunk_fill()) */
	ch = skb_frag_address(&skb_shinfo(last)->frags[0]);
	ch->flags |= SCTP_DATA_SACK_IMM;
	NSCTP_TX_CB(last)->dflags = ch->flags;
}

/* Queue one message on @asoc. Return: @len or -errno. */
static int send_to_assoc(struct nsctp_assoc *asoc, const struct send_args *a,
			 struct msghdr *msg, size_t len)
{
	const struct nsctp_opts *o = &nsctp_sk(asoc->sk)->opts;
	struct sock *sk = asoc->sk;
	long timeo = sock_sndtimeo(sk, msg->msg_flags & MSG_DONTWAIT);
	struct iov_iter start = msg->msg_iter;
	struct sk_buff_head list;
	struct sk_buff *skb;
	u32 cost = 0;
	int err;

	if (a->info.snd_flags & SCTP_ABORT) {
		/* the message is the reason; the call returns 0 */
		err = nsctp_abort_user(asoc, &msg->msg_iter, len);
		msg->msg_iter = start;
		return err;
	}
	if (a->info.snd_flags & SCTP_EOF) {
		nsctp_shutdown_start(asoc);
		return 0;
	}
	if (asoc->state >= SCTP_SHUTDOWN_PENDING)
		return -EPIPE;
	if (a->info.snd_sid >= asoc->out_streams)
		return -EINVAL;
	if (o->disable_frags && len > nsctp_frag_point(asoc))
		return -EMSGSIZE;
	err = wait_for_space(asoc, len, 0, &timeo);
	if (err)
		return err;
	__skb_queue_head_init(&list);
	for (;;) {
		err = msg_to_chunks(asoc, a, &msg->msg_iter, len, &list);
		if (err) {
			__skb_queue_purge(&list);
			return err;
		}
		cost = 0;
		skb_queue_walk(&list, skb)
			cost += skb->truesize;
		/* the protocol's memory (net.sctp.sctp_mem, memcg) */
		if (sk_wmem_schedule(sk, cost))
			break;
		__skb_queue_purge(&list);
		msg->msg_iter = start;
		err = wait_for_space(asoc, len, cost, &timeo);
		if (err)
			return err;
	}
	sk_mem_charge(sk, cost);
	asoc->sndbuf_used += cost;
	WRITE_ONCE(sk->sk_wmem_queued, sk->sk_wmem_queued + cost);
	asoc->out_queued += len;
	tx_cost(asoc, &list, len, cost);
	skb_queue_splice_tail(&list, &asoc->out_queue);
	asoc->nagle_held = !!(msg->msg_flags & MSG_MORE);
	nsctp_timer_start(asoc, NSCTP_AUTOCLOSE);
	nsctp_outq_flush(asoc);
	return len;
}

/* The ancillary data, or the socket's defaults. */
static int send_args_get(struct sock *sk, struct msghdr *msg,
			 struct send_args *a)
{
	int err;

	memset(a, 0, sizeof(*a));
	err = parse_cmsgs(msg, a);
	if (err)
		return err;
	send_args_defaults(a, &nsctp_sk(sk)->opts.data);
	return 0;
}

/* One SCTP_DSTADDRV4/V6 cmsg's address, with @port, as a sockaddr in
 * @sa; its length, or 0 for another cmsg, or -EINVAL for one too short.
 */
static int dst_addr(const struct cmsghdr *cmsg, __be16 port,
		    struct sockaddr_storage *sa)
{
	size_t dlen = cmsg->cmsg_len - sizeof(*cmsg);
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
	struct sockaddr_in *v4 = (struct sockaddr_in *)sa;

	if (cmsg->cmsg_level != IPPROTO_SCTP)
		return 0;
	memset(sa, 0, sizeof(*sa));
	if (cmsg->cmsg_type == SCTP_DSTADDRV4) {
		if (dlen < sizeof(struct in_addr))
			return -EINVAL;
		v4->sin_family = AF_INET;
		v4->sin_port = port;
		memcpy(&v4->sin_addr, CMSG_DATA(cmsg), sizeof(struct in_addr));
		return sizeof(*v4);
	}
	if (cmsg->cmsg_type == SCTP_DSTADDRV6) {
		if (dlen < sizeof(struct in6_addr))
			return -EINVAL;
		v6->sin6_family = AF_INET6;
		v6->sin6_port = port;
		memcpy(&v6->sin6_addr, CMSG_DATA(cmsg), sizeof(struct in6_addr));
		return sizeof(*v6);
	}
	return 0;
}

/* The association a send sets up: to @paddr, the message's name, and to
 * the addresses of its SCTP_DSTADDRV4/V6 cmsgs (RFC 6458 §5.3.9,
 * §5.3.10) with that name's port, each checked as sctp_connectx()
 * checks its own (as in-tree). NULL with *@err set on failure.
 */
static struct nsctp_assoc *send_connect(struct sock *sk, struct msghdr *msg,
					const struct send_args *a,
					const union nsctp_addr *paddr, int *err)
{
	struct nsctp_assoc *asoc = NULL;
	struct sockaddr_storage sa;
	union nsctp_addr *paddrs;
	struct cmsghdr *cmsg;
	int n = 1, alen;

	if (!a->has_dst)
		return nsctp_assoc_connect(sk, paddr, 1, a->init, err);
	paddrs = kmalloc_array(NSCTP_CONNECTX_MAX, sizeof(*paddrs), GFP_KERNEL);
	if (!paddrs) {
		*err = -ENOMEM;
		return NULL;
	}
	paddrs[0] = *paddr;
	for_each_cmsghdr(cmsg, msg) {
		alen = dst_addr(cmsg, nsctp_addr_port(paddr), &sa);
		*err = alen;
		if (alen < 0)
			goto out;
		if (!alen)
			continue;
		*err = nsctp_connect_addr_add(sk, (struct sockaddr *)&sa, alen,
					      paddrs, &n);
		if (*err)
			goto out;
	}
	asoc = nsctp_assoc_connect(sk, paddrs, n, a->init, err);
out:
	kfree(paddrs);
	return asoc;
}

/* The first association of @sk this SCTP_SENDALL (@gen) has not served. */
static struct nsctp_assoc *send_all_next(struct sock *sk,
					 struct list_head *from, u32 gen)
{
	struct list_head *head = &nsctp_sk(sk)->assocs;
	struct nsctp_assoc *asoc;

	for (; from != head; from = from->next) {
		asoc = list_entry(from, struct nsctp_assoc, node);
		if (asoc->sendall_gen != gen)
			return asoc;
	}
	return NULL;
}

/* SCTP_SENDALL: the message to every association of a one-to-many socket.
 * Waiting for room releases the socket lock, and any association may go
 * meanwhile, so nothing is remembered across a send but the one served,
 * which a reference keeps; when it went too, the walk starts again from
 * the head, past those this call already served (@gen).
 */
static int send_all(struct sock *sk, struct send_args *a, struct msghdr *msg,
		    size_t len)
{
	struct list_head *head = &nsctp_sk(sk)->assocs;
	struct iov_iter start = msg->msg_iter;
	struct nsctp_assoc *asoc, *next;
	struct nsctp_sock *nsk = nsctp_sk(sk);
	u32 gen = ++nsk->sendall_gen ?: ++nsk->sendall_gen;	/* never 0 */
	int err = 0;

	a->info.snd_flags &= ~SCTP_SENDALL;
	asoc = send_all_next(sk, head->next, gen);
	while (asoc) {
		asoc->sendall_gen = gen;
		nsctp_assoc_hold(asoc);
		/* A copy of the iterator restarts it: the iovec it walks
		 * is not changed by copying from it.
		 */
		msg->msg_iter = start;
		err = send_to_assoc(asoc, a, msg, len);
		if (err >= 0 && !asoc->dead && asoc->sk == sk)
			next = send_all_next(sk, asoc->node.next, gen);
		else if (err >= 0)
			next = send_all_next(sk, head->next, gen);
		nsctp_assoc_put(asoc);
		if (err < 0)
			break;
		asoc = next;
	}
	return err < 0 ? err : len;
}

int nsctp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_assoc *asoc = NULL;
	union nsctp_addr paddr;
	struct send_args a;
	bool named = msg->msg_name && !nsk->peeled;
	u16 sflags;
	int err;

	err = send_args_get(sk, msg, &a);
	if (err)
		return err;
	sflags = a.info.snd_flags;
	if (named) {
		err = nsctp_addr_from_user(nsk, msg->msg_name,
					   msg->msg_namelen, &paddr);
		if (err)
			return err;
	}
	lock_sock(sk);
	err = -EPIPE;
	if ((nsctp_one_to_one(sk) && sk->sk_state == TCP_LISTEN) ||
	    (sk->sk_shutdown & SEND_SHUTDOWN))
		goto out;
	err = -EMSGSIZE;
	if (len > READ_ONCE(sk->sk_sndbuf))
		goto out;
	err = -EINVAL;
	if (nsctp_one_to_one(sk) &&
	    (sflags & (SCTP_EOF | SCTP_ABORT | SCTP_SENDALL)))
		goto out;
	if ((sflags & SCTP_EOF) && len)
		goto out;
	if (!len && !(sflags & (SCTP_EOF | SCTP_ABORT)))
		goto out;
	if ((sflags & SCTP_ADDR_OVER) && !named)
		goto out;
	if (sflags & SCTP_SENDALL) {
		err = send_all(sk, &a, msg, len);
		goto out;
	}
	/* Unnamed, a one-to-one socket's association is the one that is up
	 * (as in-tree: a send during the setup is EPIPE, unless it names
	 * the peer).
	 */
	if (named)
		asoc = nsctp_assoc_find_peer(sk, &paddr);
	else
		asoc = nsctp_assoc_by_id(sk, a.info.snd_assoc_id);
	if (!asoc) {
		err = -EPIPE;
		if (!named)
			goto out;
		err = -EINVAL;
		if (sflags & (SCTP_EOF | SCTP_ABORT))
			goto out;
		err = -EADDRNOTAVAIL;
		if (nsctp_one_to_one(sk) && !list_empty(&nsk->assocs))
			goto out;
		err = -EINVAL;
		if (!nsctp_addr_port(&paddr))
			goto out;
		/* as in-tree: the LSM sees an implicit setup */
		err = security_sctp_bind_connect(sk, SCTP_SENDMSG_CONNECT,
						 msg->msg_name,
						 nsctp_af_get(paddr.sa.sa_family)->sockaddr_len);
		if (err)
			goto out;
		asoc = send_connect(sk, msg, &a, &paddr, &err);
		if (!asoc)
			goto out;
	}
	/* its own defaults, once it is known (as in-tree) */
	send_args_defaults(&a, &asoc->aopts);
	err = send_to_assoc(asoc, &a, msg, len);
out:
	release_sock(sk);
	/* as for any stream of data: a broken pipe is also a signal */
	if (err == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return err;
}
