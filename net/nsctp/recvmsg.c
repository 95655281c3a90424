// SPDX-License-Identifier: GPL-2.0
/*
 * recvmsg() (RFC 6458 §3.1.8, §4.1.8, §5.3): one message, or the next
 * part of one, per call.
 *
 * The receive queue holds whole messages, notifications, and the pieces
 * of a message under partial delivery; each knows its association and
 * what the user learns about it (struct nsctp_ulp_cb). A buffer shorter
 * than what is left of a message gets that much without MSG_EOR, and the
 * rest stays for the next call. Reading user data reopens the receive
 * window of its association (sm_data.c).
 */
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* The peer address of association @id for recvmsg()'s msg_name. */
static void recv_name(struct sock *sk, const struct sk_buff *skb,
		      struct msghdr *msg, int *addr_len)
{
	const struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);
	const union nsctp_addr *a = NULL;
	struct nsctp_assoc *asoc;

	if (!msg->msg_name)
		return;
	asoc = nsctp_one_to_one(sk) ? nsctp_assoc_by_id(sk, 0) :
				      nsctp_assoc_by_id(sk, u->assoc_id);
	if (asoc)
		a = &asoc->primary->addr;
	else if (u->msg_flags & MSG_NOTIFICATION)
		/* gone: the address its notification kept (event.c) */
		a = (const union nsctp_addr *)skb->head;
	if (a)
		*addr_len = nsctp_addr_to_user(nsctp_sk(sk), a, msg->msg_name);
}

/* Is there nothing for recvmsg() to wait for on @sk? */
static bool recv_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || sk->sk_err ||
	       (sk->sk_shutdown & RCV_SHUTDOWN);
}

/* The next message for recvmsg(), left on the queue, socket locked: what
 * is queued comes before a pending error (as in-tree), then the error,
 * then end of file once the peer shut down, then ENOTCONN when no
 * association is left; otherwise wait as the flags and SO_RCVTIMEO allow.
 */
static struct sk_buff *recv_next(struct sock *sk, int flags, int *err)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff *skb = NULL;

	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		skb = skb_peek(&sk->sk_receive_queue);
		*err = 0;
		if (skb)
			break;
		*err = sock_error(sk);
		if (*err || (sk->sk_shutdown & RCV_SHUTDOWN))
			break;
		/* Nothing can arrive without an association (as in-tree). */
		*err = -ENOTCONN;
		if (list_empty(&nsctp_sk(sk)->assocs) &&
		    sk->sk_state != TCP_LISTEN)
			break;
		*err = -EAGAIN;
		if (!timeo)
			break;
		*err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		sk_wait_event(sk, &timeo, recv_ready(sk), &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return skb;
}

static bool event_on(const struct sock *sk, u16 type)
{
	return nsctp_sk(sk)->opts.subscribe & BIT(type - SCTP_SN_TYPE_BASE);
}

/* SCTP_NXTINFO (RFC 6458 §5.3.6): what is queued after @skb, user data
 * or a notification (SCTP_NOTIFICATION in its flags), as in-tree, which
 * also gives it with a notification. <linux/sctp.h> has no
 * SCTP_COMPLETE flag to say whether all of the next message is there.
 */
static void recv_nxtinfo(struct sock *sk, struct msghdr *msg,
			 const struct sk_buff *skb)
{
	struct sk_buff *next;
	const struct nsctp_ulp_cb *n;
	struct sctp_nxtinfo ni;

	next = skb_peek_next((struct sk_buff *)skb, &sk->sk_receive_queue);
	if (!next)
		return;
	n = NSCTP_ULP_CB(next);
	ni = (struct sctp_nxtinfo) {
		.nxt_length = next->len - n->offset,
		.nxt_assoc_id = n->assoc_id,
	};
	if (n->msg_flags & MSG_NOTIFICATION) {
		ni.nxt_flags = SCTP_NOTIFICATION;
	} else {
		ni.nxt_sid = n->sid;
		ni.nxt_flags = n->flags;
		ni.nxt_ppid = (__force u32)n->ppid;
	}
	put_cmsg(msg, IPPROTO_SCTP, SCTP_NXTINFO, sizeof(ni), &ni);
}

/* The cmsgs that go with user data (RFC 6458 §5.3.2, §5.3.5, §5.3.6),
 * in in-tree's order: SCTP_NXTINFO, SCTP_RCVINFO, SCTP_SNDRCV. It
 * matters when the control buffer is short: put_cmsg() truncates the
 * first that does not fit and drops the rest (libsctp's sctp_recvv() has
 * room for one cmsg header only, its sctp_recvmsg() for one SNDRCV).
 */
static void recv_cmsgs(struct sock *sk, struct msghdr *msg,
		       const struct sk_buff *skb)
{
	const struct nsctp_opts *o = &nsctp_sk(sk)->opts;
	const struct nsctp_ulp_cb *u = NSCTP_ULP_CB(skb);

	if (o->recvnxtinfo)
		recv_nxtinfo(sk, msg, skb);
	if (o->recvrcvinfo) {
		struct sctp_rcvinfo ri = {
			.rcv_sid = u->sid,
			.rcv_ssn = u->ssn,
			.rcv_flags = u->flags,
			.rcv_ppid = (__force u32)u->ppid,
			.rcv_tsn = u->tsn,
			.rcv_cumtsn = u->cumtsn,
			.rcv_context = u->context,
			.rcv_assoc_id = u->assoc_id,
		};

		put_cmsg(msg, IPPROTO_SCTP, SCTP_RCVINFO, sizeof(ri), &ri);
	}
	if (event_on(sk, SCTP_DATA_IO_EVENT)) {
		struct sctp_sndrcvinfo sr = {
			.sinfo_stream = u->sid,
			.sinfo_ssn = u->ssn,
			.sinfo_flags = u->flags,
			.sinfo_ppid = (__force u32)u->ppid,
			.sinfo_context = u->context,
			.sinfo_tsn = u->tsn,
			.sinfo_cumtsn = u->cumtsn,
			.sinfo_assoc_id = u->assoc_id,
		};

		put_cmsg(msg, IPPROTO_SCTP, SCTP_SNDRCV, sizeof(sr), &sr);
	}
}

int nsctp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		  int flags, int *addr_len)
{
	struct nsctp_ulp_cb *u;
	struct sk_buff *skb;
	u32 avail, copied, freed = 0;
	sctp_assoc_t id;
	bool notif;
	int err;

	lock_sock(sk);
	err = -ENOTCONN;
	if (nsctp_one_to_one(sk) && sk->sk_state == TCP_LISTEN)
		goto out;
	skb = recv_next(sk, flags, &err);
	if (!skb)
		goto out;
	u = NSCTP_ULP_CB(skb);
	id = u->assoc_id;
	notif = u->msg_flags & MSG_NOTIFICATION;
	avail = skb->len - u->offset;
	copied = min_t(size_t, len, avail);
	err = skb_copy_datagram_msg(skb, u->offset, msg, copied);
	if (err)
		goto out;
	/* SO_TIMESTAMP*, SO_RXQ_OVFL, SO_MARK first, as in-tree */
	sock_recv_cmsgs(msg, sk, skb);
	if (notif) {
		msg->msg_flags |= MSG_NOTIFICATION;
		if (nsctp_sk(sk)->opts.recvnxtinfo)
			recv_nxtinfo(sk, msg, skb);
	} else {
		recv_cmsgs(sk, msg, skb);
	}
	recv_name(sk, skb, msg, addr_len);
	err = copied;
	if (copied == avail)
		msg->msg_flags |= u->msg_flags & MSG_EOR;
	if (flags & MSG_PEEK)
		goto out;
	if (copied < avail) {
		u->offset += copied;
	} else {
		freed = skb->truesize;
		skb_unlink(skb, &sk->sk_receive_queue);
		consume_skb(skb);
	}
	if (!notif)
		nsctp_rwnd_read(sk, id, copied, freed);
out:
	release_sock(sk);
	return err;
}
