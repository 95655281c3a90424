// SPDX-License-Identifier: GPL-2.0
/*
 * Timers, as verbs the protocol calls (RFC 9260 §5.1, §6.3, §8.3, §9.2).
 *
 * Each running timer holds a reference on its association. A timer that
 * fires while the user owns the socket tries again a little later rather
 * than queueing work, so expiry always runs under bh_lock_sock() with
 * the socket not owned. The association may move to another socket
 * (accept()) between reading asoc->sk and locking it, hence the re-check.
 *
 * T1 (init, cookie) and T2 (shutdown) start at the path's RTO and double
 * on every expiry up to RTO.Max (§6.3.3 E2). T1 gives up after
 * Max.Init.Retransmits expiries (§5.1 A, C), T2 after
 * Association.Max.Retrans (§9.2); T5-shutdown-guard is five times RTO.Max
 * and ends the shutdown with an ABORT.
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* How soon to retry a timer that found the socket owned by the user. */
#define NSCTP_TIMER_BUSY_RETRY	(HZ / 20)

static void timer_arm(struct nsctp_assoc *asoc, enum nsctp_timer_id id,
		      unsigned long expires)
{
	if (!mod_timer(&asoc->timers[id], expires))
		nsctp_assoc_hold(asoc);
}

/**
 * nsctp_timer_start() - start timer @id of @asoc afresh
 * @asoc: the association, socket locked
 * @id: which timer
 */
void nsctp_timer_start(struct nsctp_assoc *asoc, enum nsctp_timer_id id)
{
	u32 ms;

	if (id == NSCTP_AUTOCLOSE) {
		/* one-to-many only (RFC 6458 §8.1.8); 0 is off */
		if (nsctp_one_to_one(asoc->sk) || !asoc->autoclose)
			return;
		timer_arm(asoc, id, jiffies + asoc->autoclose * HZ);
		return;
	}
	if (id == NSCTP_SACK) {
		ms = asoc->aopts.sack_delay;
	} else if (id == NSCTP_T5) {
		/* §9.2: five times RTO.Max (a u32 the user sets) */
		ms = min_t(u64, 5ULL * asoc->aopts.rto_max, UINT_MAX);
	} else {
		asoc->rtx_rto = asoc->primary->rto;
		asoc->retries = 0;
		ms = asoc->rtx_rto;
	}
	timer_arm(asoc, id, jiffies + msecs_to_jiffies(ms));
}

/**
 * nsctp_timer_stop() - stop timer @id of @asoc if it runs
 * @asoc: the association, socket locked
 * @id: which timer
 */
void nsctp_timer_stop(struct nsctp_assoc *asoc, enum nsctp_timer_id id)
{
	if (del_timer(&asoc->timers[id]))
		nsctp_assoc_put(asoc);
}

void nsctp_timers_stop(struct nsctp_assoc *asoc)
{
	struct nsctp_path *path;
	int id;

	for (id = 0; id < NSCTP_NTIMERS; id++)
		nsctp_timer_stop(asoc, id);
	list_for_each_entry(path, &asoc->paths, list) {
		nsctp_path_hb_stop(path);
		nsctp_t3_stop(path);
	}
}

/* Lock the socket @asoc belongs to now. Softirq context keeps a socket
 * that accept() or peeloff just moved @asoc away from alive (see
 * nsctp_assoc_migrate()).
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

/* Back off and re-arm a retransmission timer; false when out of tries.
 * T1 doubles up to SCTP_INITMSG's sinit_max_init_timeo, T2 up to
 * RTO.Max (as in-tree), each the association's.
 */
static bool rtx_backoff(struct nsctp_assoc *asoc, enum nsctp_timer_id id,
			u32 max_tries)
{
	u32 cap = id == NSCTP_T1 ?
		  asoc->max_init_timeo :
		  asoc->aopts.rto_max;

	if (++asoc->retries > max_tries)
		return false;
	asoc->rtx_rto = min_t(u32, asoc->rtx_rto * 2, cap);
	timer_arm(asoc, id, jiffies + msecs_to_jiffies(asoc->rtx_rto));
	return true;
}

static void t1_expired(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;

	if (asoc->state == SCTP_COOKIE_WAIT)
		NSCTP_INC_STATS(sock_net(sk), T1_INIT_EXPIREDS);
	else
		NSCTP_INC_STATS(sock_net(sk), T1_COOKIE_EXPIREDS);
	if (!rtx_backoff(asoc, NSCTP_T1, asoc->max_init_attempts)) {
		nsctp_sm_setup_failed(asoc, -ETIMEDOUT, 0);
		return;
	}
	nsctp_sm_setup_retransmit(asoc);
}

static void t2_expired(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;

	NSCTP_INC_STATS(sock_net(sk), T2_SHUTDOWN_EXPIREDS);
	/* Out of tries (§9.2): the peer is gone; a one-to-one socket
	 * reports ETIMEDOUT as for any unanswered retransmission.
	 */
	if (!rtx_backoff(asoc, NSCTP_T2, asoc->max_retrans)) {
		nsctp_assoc_failed(asoc, ETIMEDOUT, true);
		return;
	}
	nsctp_sm_shutdown_retransmit(asoc);
}

static void t5_expired(struct nsctp_assoc *asoc)
{
	NSCTP_INC_STATS(sock_net(asoc->sk), T5_SHUTDOWN_GUARD_EXPIREDS);
	nsctp_assoc_failed(asoc, ETIMEDOUT, false);
}

/* The association stayed idle for SCTP_AUTOCLOSE seconds (data in
 * either direction re-arms the timer): end it.
 */
static void autoclose_expired(struct nsctp_assoc *asoc)
{
	NSCTP_INC_STATS(sock_net(asoc->sk), AUTOCLOSE_EXPIREDS);
	nsctp_shutdown_start(asoc);
}

static void timer_expire(struct nsctp_assoc *asoc, enum nsctp_timer_id id)
{
	struct sock *sk = timer_lock_sock(asoc);

	if (sock_owned_by_user(sk)) {
		timer_arm(asoc, id, jiffies + NSCTP_TIMER_BUSY_RETRY);
		goto unlock;
	}
	if (asoc->dead || timer_pending(&asoc->timers[id]))
		goto unlock;
	switch (id) {
	case NSCTP_T1:
		t1_expired(asoc);
		break;
	case NSCTP_T2:
		t2_expired(asoc);
		break;
	case NSCTP_T5:
		t5_expired(asoc);
		break;
	case NSCTP_AUTOCLOSE:
		autoclose_expired(asoc);
		break;
	case NSCTP_SACK:
		NSCTP_INC_STATS(sock_net(sk), DELAY_SACK_EXPIREDS);
		nsctp_sack_timer_expired(asoc);
		break;
	default:
		WARN_ON_ONCE(1);
		break;
	}
unlock:
	bh_unlock_sock(sk);
	nsctp_assoc_put(asoc);
}

static void t1_fire(struct timer_list *t)
{
	timer_expire(container_of(t, struct nsctp_assoc,
				  timers[NSCTP_T1]), NSCTP_T1);
}

static void t2_fire(struct timer_list *t)
{
	timer_expire(container_of(t, struct nsctp_assoc,
				  timers[NSCTP_T2]), NSCTP_T2);
}

static void t5_fire(struct timer_list *t)
{
	timer_expire(container_of(t, struct nsctp_assoc,
				  timers[NSCTP_T5]), NSCTP_T5);
}

static void autoclose_fire(struct timer_list *t)
{
	timer_expire(container_of(t, struct nsctp_assoc,
				  timers[NSCTP_AUTOCLOSE]), NSCTP_AUTOCLOSE);
}

static void sack_fire(struct timer_list *t)
{
	timer_expire(container_of(t, struct nsctp_assoc,
				  timers[NSCTP_SACK]), NSCTP_SACK);
}

/**
 * nsctp_t3_start() - (re)start T3-rtx of @path at its RTO (§6.3.2 R1, R3)
 * @path: the path, socket locked
 */
void nsctp_t3_start(struct nsctp_path *path)
{
	if (!mod_timer(&path->t3_timer,
		       jiffies + msecs_to_jiffies(path->rto)))
		nsctp_assoc_hold(path->asoc);
}

void nsctp_t3_stop(struct nsctp_path *path)
{
	if (del_timer(&path->t3_timer))
		nsctp_assoc_put(path->asoc);
}

static void t3_fire(struct timer_list *t)
{
	struct nsctp_path *path = container_of(t, struct nsctp_path, t3_timer);
	struct nsctp_assoc *asoc = path->asoc;
	struct sock *sk = timer_lock_sock(asoc);

	if (sock_owned_by_user(sk)) {
		if (!mod_timer(t, jiffies + NSCTP_TIMER_BUSY_RETRY))
			nsctp_assoc_hold(asoc);
	} else if (!asoc->dead && !timer_pending(t)) {
		nsctp_t3_expired(path);
	}
	bh_unlock_sock(sk);
	nsctp_assoc_put(asoc);
}

/* A path's heartbeat timer (sm_path.c has the policy). */
static void hb_fire(struct timer_list *t)
{
	struct nsctp_path *path = container_of(t, struct nsctp_path, hb_timer);
	struct nsctp_assoc *asoc = path->asoc;
	struct sock *sk = timer_lock_sock(asoc);
	unsigned long next = 0;

	if (sock_owned_by_user(sk))
		next = jiffies + NSCTP_TIMER_BUSY_RETRY;
	else if (!asoc->dead && !timer_pending(t) &&
		 nsctp_path_hb_expired(path))
		next = jiffies + nsctp_path_hb_delay(path);
	if (next && !mod_timer(t, next))
		nsctp_assoc_hold(asoc);
	bh_unlock_sock(sk);
	nsctp_assoc_put(asoc);
}

void nsctp_path_timers_init(struct nsctp_path *path)
{
	timer_setup(&path->hb_timer, hb_fire, 0);
	timer_setup(&path->t3_timer, t3_fire, 0);
}

void nsctp_timers_init(struct nsctp_assoc *asoc)
{
	timer_setup(&asoc->timers[NSCTP_T1], t1_fire, 0);
	timer_setup(&asoc->timers[NSCTP_T2], t2_fire, 0);
	timer_setup(&asoc->timers[NSCTP_T5], t5_fire, 0);
	timer_setup(&asoc->timers[NSCTP_AUTOCLOSE], autoclose_fire, 0);
	timer_setup(&asoc->timers[NSCTP_SACK], sack_fire, 0);
}
