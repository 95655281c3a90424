// SPDX-License-Identifier: GPL-2.0
/*
 * Congestion control per path, as RFC 9260 §7.2 specifies it: slow
 * start, congestion avoidance with partial_bytes_acked, the reaction to
 * fast retransmit (§7.2.4) and to a T3-rtx expiry (§7.2.3). The outqueue calls it through
 * struct nsctp_cc_ops only.
 */
#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

/* The MTU the congestion rules count in: the path's, less IP headers. */
static u32 cc_mtu(const struct nsctp_path *path)
{
	return path->pmtu;
}

/* §7.2.1: initial cwnd = min(4 * MTU, max(2 * MTU, 4380)). */
static void reno_init(struct nsctp_path *path)
{
	u32 mtu = cc_mtu(path);

	path->cwnd = min(4 * mtu, max(2 * mtu, 4380U));
	path->ssthresh = path->asoc->peer_rwnd ?: U32_MAX;
	path->pba = 0;
}

static void reno_on_ack(struct nsctp_path *path, u32 acked, bool advanced)
{
	u32 mtu = cc_mtu(path);

	/* §7.2.1, §7.2.2: grow only when the window was in use and the
	 * cumulative ack point moved (not in fast recovery: the caller
	 * says so through @advanced).
	 */
	if (!advanced || !acked)
		goto out;
	if (path->cwnd <= path->ssthresh) {
		if (path->flight + acked >= path->cwnd)
			path->cwnd += min(acked, mtu);
		goto out;
	}
	/* §7.2.2: partial_bytes_acked grows the window by one MTU for each
	 * cwnd acknowledged while the window was in use; a window not in
	 * use (the flight size before this SACK was below cwnd) earns
	 * nothing, and the count stops at cwnd.
	 */
	path->pba += acked;
	if (path->pba >= path->cwnd) {
		if (path->flight + acked >= path->cwnd) {
			path->pba -= path->cwnd;
			path->cwnd += mtu;
		} else {
			path->pba = path->cwnd;
		}
	}
out:
	/* §7.2.2: everything sent was acknowledged */
	if (!path->flight)
		path->pba = 0;
}

/* §7.2.4 step 2. */
static void reno_on_fast_rtx(struct nsctp_path *path)
{
	path->ssthresh = max(path->cwnd / 2, 4 * cc_mtu(path));
	path->cwnd = path->ssthresh;
	path->pba = 0;
}

/* §7.2.3. */
static void reno_on_timeout(struct nsctp_path *path)
{
	path->ssthresh = max(path->cwnd / 2, 4 * cc_mtu(path));
	path->cwnd = cc_mtu(path);
	path->pba = 0;
}

const struct nsctp_cc_ops nsctp_cc_reno = {
	.name		= "reno",
	.init		= reno_init,
	.on_ack		= reno_on_ack,
	.on_fast_rtx	= reno_on_fast_rtx,
	.on_timeout	= reno_on_timeout,
};
