// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 9260 §7.2: slow start, congestion avoidance with
 * partial_bytes_acked, and the reactions to loss, as arithmetic on
 * struct nsctp_cc_win (see cc_reno.h). No kernel-only API: tools/ builds
 * this file unchanged.
 */
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/types.h>
#include <net/nsctp/cc_reno.h>

/**
 * nsctp_reno_init() - §7.2.1: the initial window of a path
 * @w: the path's state, @mtu set
 * @peer_rwnd: the peer's advertised window (0: unknown)
 *
 * cwnd = min(4 * MTU, max(2 * MTU, 4380)); ssthresh = the peer's window.
 */
void nsctp_reno_init(struct nsctp_cc_win *w, u32 peer_rwnd)
{
	w->cwnd = min(4 * w->mtu, max(2 * w->mtu, 4380U));
	w->ssthresh = peer_rwnd ?: U32_MAX;
	w->pba = 0;
}

/**
 * nsctp_reno_ack() - a SACK acknowledged @acked new bytes on the path
 * @w: the path's state, @flight already less @acked
 * @acked: bytes newly acknowledged (cumulative ack and gap blocks)
 * @advanced: the cumulative TSN ack point moved (and no fast recovery)
 *
 * §7.2.1: in slow start the window grows by at most one MTU per SACK,
 * and only when it was in use (the flight size before the SACK was at
 * least cwnd). §7.2.2: above ssthresh, partial_bytes_acked counts what
 * is acknowledged; a full cwnd of it grows the window by one MTU if the
 * window was in use, and otherwise the count stops at cwnd (so an
 * application-limited phase cannot store up growth); it starts again
 * from 0 when everything sent is acknowledged.
 */
void nsctp_reno_ack(struct nsctp_cc_win *w, u32 acked, bool advanced)
{
	bool in_use = (u64)w->flight + acked >= w->cwnd;

	if (!advanced || !acked)
		goto out;
	if (w->cwnd <= w->ssthresh) {
		if (in_use)
			w->cwnd += min(acked, w->mtu);
		goto out;
	}
	w->pba = min_t(u64, (u64)w->pba + acked, U32_MAX);
	if (w->pba >= w->cwnd) {
		if (in_use) {
			w->pba -= w->cwnd;
			w->cwnd += w->mtu;
		} else {
			w->pba = w->cwnd;
		}
	}
out:
	if (!w->flight)
		w->pba = 0;
}

/**
 * nsctp_reno_loss() - a loss: fast retransmit (§7.2.4 step 2) or a
 *	T3-rtx expiry (§7.2.3, @timeout)
 * @w: the path's state
 * @timeout: a retransmission timeout (cwnd to one MTU) rather than a
 *	fast retransmit (cwnd to ssthresh)
 */
void nsctp_reno_loss(struct nsctp_cc_win *w, bool timeout)
{
	w->ssthresh = max(w->cwnd / 2, 4 * w->mtu);
	w->cwnd = timeout ? w->mtu : w->ssthresh;
	w->pba = 0;
}
