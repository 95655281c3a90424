// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of cc_reno.c: RFC 9260 §7.2 slow start, congestion
 * avoidance with partial_bytes_acked (§7.2.2), and the loss reactions.
 */
#include <net/nsctp/cc_reno.h>

#include "test.h"

#define MTU	1500

/* A path in congestion avoidance: cwnd 20 MTU, ssthresh 10 MTU. */
static struct nsctp_cc_win ca_path(void)
{
	return (struct nsctp_cc_win) {
		.cwnd = 20 * MTU, .ssthresh = 10 * MTU, .mtu = MTU,
	};
}

/* SACKs of one MTU each for @bytes, the window full (flight = cwnd
 * before each SACK, as in bulk transfer). Return: cwnd growth.
 */
static unsigned int full_window_acks(struct nsctp_cc_win *w,
				     unsigned int bytes)
{
	unsigned int before = w->cwnd, n;

	for (n = 0; n < bytes; n += MTU) {
		w->flight = w->cwnd - MTU;	/* cwnd before, less acked */
		nsctp_reno_ack(w, MTU, true);
	}
	return w->cwnd - before;
}

TEST(initial_window)
{
	struct nsctp_cc_win w = { .mtu = MTU };

	nsctp_reno_init(&w, 65536);
	CHECK(w.cwnd == 4380);		/* min(4 MTU, max(2 MTU, 4380)) */
	CHECK(w.ssthresh == 65536);
	CHECK(w.pba == 0);
	w.mtu = 65535;			/* loopback */
	nsctp_reno_init(&w, 0);
	CHECK(w.cwnd == 2 * 65535);
	CHECK(w.ssthresh == 0xffffffffu);
}

TEST(slow_start_one_mtu_per_sack_when_in_use)
{
	struct nsctp_cc_win w = { .cwnd = 4 * MTU, .ssthresh = 100 * MTU,
				  .mtu = MTU };

	w.flight = 3 * MTU;		/* 4 MTU before: in use */
	nsctp_reno_ack(&w, 3 * MTU, true);
	CHECK(w.cwnd == 5 * MTU);	/* one MTU, not three */
	w.flight = 0;			/* 2 MTU before, cwnd 5: not in use */
	nsctp_reno_ack(&w, 2 * MTU, true);
	CHECK(w.cwnd == 5 * MTU);
	w.flight = 4 * MTU;		/* no cumulative advance */
	nsctp_reno_ack(&w, MTU, false);
	CHECK(w.cwnd == 5 * MTU);
}

/* Security review #10: after an application-limited phase, bulk
 * transfer must grow the window by one MTU per window acknowledged, not
 * by one MTU per SACK (partial_bytes_acked stored up meanwhile).
 */
TEST(app_limited_phase_stores_no_growth)
{
	struct nsctp_cc_win w = ca_path();
	unsigned int i, grown;

	/* request/response: 1000 SACKs with the window far from full */
	for (i = 0; i < 1000; i++) {
		w.flight = MTU;
		nsctp_reno_ack(&w, MTU, true);
	}
	CHECK(w.cwnd == 20 * MTU);
	CHECK(w.pba <= w.cwnd);
	/* then a window's worth of bulk: one MTU of growth at most, plus
	 * the one the capped count may give at once
	 */
	grown = full_window_acks(&w, w.cwnd);
	CHECK(grown <= 2 * MTU);
	CHECK(grown >= MTU);
}

TEST(congestion_avoidance_one_mtu_per_window)
{
	struct nsctp_cc_win w = ca_path();
	unsigned int grown;

	grown = full_window_acks(&w, 20 * MTU);
	CHECK(grown == MTU);
	grown = full_window_acks(&w, 21 * MTU);
	CHECK(grown == MTU);
	CHECK(w.pba < w.cwnd);
}

TEST(pba_reset_when_all_acknowledged)
{
	struct nsctp_cc_win w = ca_path();

	w.flight = 19 * MTU;
	nsctp_reno_ack(&w, MTU, true);
	CHECK(w.pba == MTU);
	w.flight = 0;			/* everything acknowledged */
	nsctp_reno_ack(&w, 19 * MTU, true);
	CHECK(w.pba == 0);
	/* also when the SACK moved nothing (gap-only, fast recovery) */
	w.pba = 5 * MTU;
	nsctp_reno_ack(&w, 0, false);
	CHECK(w.pba == 0);
}

TEST(pba_never_wraps)
{
	struct nsctp_cc_win w = ca_path();

	w.cwnd = 0xfffff000u;
	w.ssthresh = 1;
	w.pba = 0xfffff000u - 1;
	w.flight = 1;
	nsctp_reno_ack(&w, 0xffffffffu, true);
	CHECK(w.pba <= w.cwnd);
}

TEST(losses)
{
	struct nsctp_cc_win w = ca_path();

	w.pba = 7 * MTU;
	nsctp_reno_loss(&w, false);
	CHECK(w.ssthresh == 10 * MTU);
	CHECK(w.cwnd == 10 * MTU);
	CHECK(w.pba == 0);
	nsctp_reno_loss(&w, true);
	CHECK(w.ssthresh == 5 * MTU);
	CHECK(w.cwnd == MTU);
	nsctp_reno_loss(&w, true);
	CHECK(w.ssthresh == 4 * MTU);	/* never below 4 MTU */
}

TEST_MAIN
