/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arithmetic of RFC 9260 §7.2 congestion control, as pure functions
 * over the few numbers it needs (struct nsctp_cc_win): cc.c applies them
 * to a path, tools/ tests them in userspace.
 */
#ifndef _NET_NSCTP_CC_RENO_H
#define _NET_NSCTP_CC_RENO_H

#include <linux/types.h>

/**
 * struct nsctp_cc_win - one path's congestion state
 * @cwnd: congestion window, bytes
 * @ssthresh: slow start threshold, bytes
 * @pba: partial_bytes_acked (§7.2.2)
 * @flight: bytes outstanding on the path; for nsctp_reno_ack(), after
 *	the SACK took off what it acknowledged
 * @mtu: the path MTU the rules count in
 */
struct nsctp_cc_win {
	u32	cwnd;
	u32	ssthresh;
	u32	pba;
	u32	flight;
	u32	mtu;
};

void nsctp_reno_init(struct nsctp_cc_win *w, u32 peer_rwnd);
void nsctp_reno_ack(struct nsctp_cc_win *w, u32 acked, bool advanced);
void nsctp_reno_loss(struct nsctp_cc_win *w, bool timeout);

#endif /* _NET_NSCTP_CC_RENO_H */
