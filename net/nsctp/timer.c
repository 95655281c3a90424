// SPDX-License-Identifier: GPL-2.0
/*
 * Timers, as verbs the protocol calls (RFC 9260 §5.1, §6.3).
 *
 * Each running timer holds a reference on its association. A timer that
 * fires while the user owns the socket tries again a little later rather
 * than queueing work, so expiry always runs under bh_lock_sock() with
 * the socket not owned. The association may move to another socket
 * (accept()) between reading asoc->sk and locking it, hence the re-check.
 *
 * T1 (init and cookie): RFC 9260 §5.1 A and C; the value starts at the
 * RTO and doubles on every expiry up to RTO.Max (§6.3.3 E2), and after
 * Max.Init.Retransmits expiries the association fails (§5.1 A, C).
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

/* How soon to retry a timer that found the socket owned by the user. */
#define NSCTP_TIMER_BUSY_RETRY	(HZ / 20)

static void t1_arm(struct nsctp_assoc *asoc, unsigned long expires)
{
	if (!mod_timer(&asoc->t1, expires))
		nsctp_assoc_hold(asoc);
}

/**
 * nsctp_t1_start() - start T1-init or T1-cookie afresh
 * @asoc: the association, socket locked
 */
void nsctp_t1_start(struct nsctp_assoc *asoc)
{
	asoc->t1_rto = asoc->primary->rto;
	asoc->init_retries = 0;
	t1_arm(asoc, jiffies + msecs_to_jiffies(asoc->t1_rto));
}

/**
 * nsctp_t1_stop() - stop T1, whichever it is
 * @asoc: the association, socket locked
 */
void nsctp_t1_stop(struct nsctp_assoc *asoc)
{
	if (del_timer(&asoc->t1))
		nsctp_assoc_put(asoc);
}

/* Lock the socket @asoc belongs to now. Softirq context keeps a socket
 * that accept() just moved @asoc away from alive (see accept_move()).
 */
static struct sock *timer_lock_sock(struct nsctp_assoc *asoc)
	__acquires(&asoc->sk->sk_lock.slock)
{
	struct sock *sk = READ_ONCE(asoc->sk);

	bh_lock_sock(sk);
	while (unlikely(sk != READ_ONCE(asoc->sk))) {
		bh_unlock_sock(sk);
		sk = READ_ONCE(asoc->sk);
		bh_lock_sock(sk);
	}
	return sk;
}

void nsctp_t1_expire(struct timer_list *t)
{
	struct nsctp_assoc *asoc = from_timer(asoc, t, t1);
	const struct sctp_initmsg *im;
	struct sock *sk;

	sk = timer_lock_sock(asoc);
	if (sock_owned_by_user(sk)) {
		t1_arm(asoc, jiffies + NSCTP_TIMER_BUSY_RETRY);
		goto unlock;
	}
	if (asoc->dead || timer_pending(&asoc->t1))
		goto unlock;
	im = &nsctp_sk(sk)->opts.initmsg;
	if (asoc->state == SCTP_COOKIE_WAIT)
		NSCTP_INC_STATS(sock_net(sk), T1_INIT_EXPIREDS);
	else
		NSCTP_INC_STATS(sock_net(sk), T1_COOKIE_EXPIREDS);
	if (++asoc->init_retries > im->sinit_max_attempts) {
		nsctp_sm_setup_failed(asoc, -ETIMEDOUT);
		goto unlock;
	}
	asoc->t1_rto = min_t(u32, asoc->t1_rto * 2,
			     nsctp_sk(sk)->opts.rtoinfo.srto_max);
	nsctp_sm_setup_retransmit(asoc);
	t1_arm(asoc, jiffies + msecs_to_jiffies(asoc->t1_rto));
unlock:
	bh_unlock_sock(sk);
	nsctp_assoc_put(asoc);
}
