// SPDX-License-Identifier: GPL-2.0
/*
 * Congestion control per path, as RFC 9260 §7.2 specifies it: slow
 * start, congestion avoidance with partial_bytes_acked, the reaction to
 * fast retransmit (§7.2.4) and to a T3-rtx expiry (§7.2.3). The
 * outqueue calls it through struct nsctp_cc_ops only; the arithmetic is
 * cc_reno.c's, pure and unit-tested under tools/.
 */
#include <net/nsctp/assoc.h>
#include <net/nsctp/cc_reno.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* The path's state as the rules see it; the MTU they count in is the
 * path's.
 */
static struct nsctp_cc_win win_of(const struct nsctp_path *path)
{
	return (struct nsctp_cc_win) {
		.cwnd		= path->cwnd,
		.ssthresh	= path->ssthresh,
		.pba		= path->pba,
		.flight		= path->flight,
		.mtu		= path->pmtu,
	};
}

static void win_set(struct nsctp_path *path, const struct nsctp_cc_win *w)
{
	path->cwnd = w->cwnd;
	path->ssthresh = w->ssthresh;
	path->pba = w->pba;
}

static void reno_init(struct nsctp_path *path)
{
	struct nsctp_cc_win w = win_of(path);

	nsctp_reno_init(&w, path->asoc->peer_rwnd);
	win_set(path, &w);
}

static void reno_on_ack(struct nsctp_path *path, u32 acked, bool advanced)
{
	struct nsctp_cc_win w = win_of(path);

	nsctp_reno_ack(&w, acked, advanced);
	win_set(path, &w);
}

static void reno_on_fast_rtx(struct nsctp_path *path)
{
	struct nsctp_cc_win w = win_of(path);

	nsctp_reno_loss(&w, false);
	win_set(path, &w);
}

static void reno_on_timeout(struct nsctp_path *path)
{
	struct nsctp_cc_win w = win_of(path);

	nsctp_reno_loss(&w, true);
	win_set(path, &w);
}

const struct nsctp_cc_ops nsctp_cc_reno = {
	.name		= "reno",
	.init		= reno_init,
	.on_ack		= reno_on_ack,
	.on_fast_rtx	= reno_on_fast_rtx,
	.on_timeout	= reno_on_timeout,
};
