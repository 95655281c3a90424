// SPDX-License-Identifier: GPL-2.0
/*
 * User-settable values that u32 arithmetic wrapped (security review of
 * b0e0e78, smaller findings), checked where no crafted peer is needed:
 * an association on lo, in a network namespace of the test's own.
 *
 * - max_burst_no_overflow: Max.Burst x path MTU (outq.c burst_cwnd())
 *   with SCTP_MAX_BURST chosen so that the product is 2^32 (lo's MTU set
 *   to LO_MTU): the send window came out as what was in flight (nothing),
 *   so nothing was ever sent. Data must flow, byte for byte.
 *
 * The crafted-peer cases (T5 shutdown guard, cookie lifespan) are in
 * nsctp_remote.c. The heartbeat delay (hb_interval + RTO/2 + jitter) has
 * no case: with hb_interval at most 86400000 ms, a wrapped sum is a
 * random delay of up to about 24 days, not one a test can see.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>
#include <sys/ioctl.h>
#include <netinet/sctp.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#define XFER_BYTES	(512 * 1024)
#define MSG_BYTES	4096
#define STALL_MS	10000
#define LO_MTU		16384

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* lo up in the test's own network namespace, its MTU @mtu. */
static bool lo_up(int mtu)
{
	struct ifreq ifr = {};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	bool ok;

	if (fd < 0)
		return false;
	strcpy(ifr.ifr_name, "lo");
	ok = !ioctl(fd, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	ok = ok && !ioctl(fd, SIOCSIFFLAGS, &ifr);
	ifr.ifr_mtu = mtu;
	ok = ok && !ioctl(fd, SIOCSIFMTU, &ifr);
	close(fd);
	return ok;
}

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 131 + (i >> 9));
}

FIXTURE(lo) {
	int lsn, cli, srv;
};

/* A one-to-one association on 127.0.0.1, both ends non-blocking. */
FIXTURE_SETUP(lo)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);

	self->lsn = self->cli = self->srv = -1;
	if (mib("SctpOutSCTPPacks") < 0)
		SKIP(return, "no /proc/net/sctp/snmp: SCTP not loaded");
	/* 65536 would be 65535 to SCTP, a path MTU no power of two divides */
	if (unshare(CLONE_NEWNET) || !lo_up(LO_MTU))
		SKIP(return, "no network namespace of our own: %s",
		     strerror(errno));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	self->lsn = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(bind(self->lsn, (void *)&a, len), 0);
	ASSERT_EQ(listen(self->lsn, 1), 0);
	ASSERT_EQ(getsockname(self->lsn, (void *)&a, &len), 0);
	self->cli = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(connect(self->cli, (void *)&a, len), 0);
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(fcntl(self->cli, F_SETFL, O_NONBLOCK), 0);
	ASSERT_EQ(fcntl(self->srv, F_SETFL, O_NONBLOCK), 0);
}

FIXTURE_TEARDOWN(lo)
{
	if (self->srv >= 0)
		close(self->srv);
	if (self->cli >= 0)
		close(self->cli);
	if (self->lsn >= 0)
		close(self->lsn);
}

/* Security review, smaller findings: burst_cwnd() computed
 * flight + Max.Burst * PMTU in u32. With Max.Burst = 2^32 / (the largest
 * power of two dividing the path MTU), the product wraps to 0 and the
 * window to what is in flight: with nothing in flight, nothing went out
 * and nothing ever would (no timer runs). XFER_BYTES must arrive, byte
 * for byte, without a STALL_MS pause.
 */
TEST_F(lo, max_burst_no_overflow)
{
	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("its Max.Burst x PMTU is u32 too (sctp_transport_burst_limited()): it stalls");
	struct sctp_assoc_value av = { 0 };
	size_t sent = 0, rcvd = 0, bad = 0, i;
	static uint8_t out[MSG_BYTES], in[65536];
	struct sctp_status st;
	uint32_t mtu, burst;
	long last;
	socklen_t len;

	memset(&st, 0, sizeof(st));
	len = sizeof(st);
	ASSERT_EQ(getsockopt(self->cli, IPPROTO_SCTP, SCTP_STATUS, &st, &len),
		  0);
	mtu = st.sstat_primary.spinfo_mtu;
	ASSERT_EQ(mtu & 3, 0) TH_LOG("path MTU %u: no wrap to 0 in reach",
				     mtu);
	burst = 1U << (32 - __builtin_ctz(mtu));
	TH_LOG("path MTU %u, Max.Burst %u: product 2^32", mtu, burst);
	av.assoc_value = burst;
	ASSERT_EQ(setsockopt(self->cli, IPPROTO_SCTP, SCTP_MAX_BURST, &av,
			     sizeof(av)), 0);
	av.assoc_value = 0;
	len = sizeof(av);
	ASSERT_EQ(getsockopt(self->cli, IPPROTO_SCTP, SCTP_MAX_BURST, &av,
			     &len), 0);
	ASSERT_EQ(av.assoc_value, burst);

	last = now_ms();
	while (rcvd < XFER_BYTES) {
		struct pollfd pfd[2] = {
			{ .fd = self->cli,
			  .events = sent < XFER_BYTES ? POLLOUT : 0 },
			{ .fd = self->srv, .events = POLLIN },
		};
		ssize_t n;

		ASSERT_GE(poll(pfd, 2, 200), 0);
		if (sent < XFER_BYTES && (pfd[0].revents & POLLOUT)) {
			size_t m = XFER_BYTES - sent < MSG_BYTES ?
				   XFER_BYTES - sent : MSG_BYTES;

			for (i = 0; i < m; i++)
				out[i] = pattern(sent + i);
			n = send(self->cli, out, m, MSG_DONTWAIT);
			if (n < 0) {
				ASSERT_EQ(errno, EAGAIN);
			} else {
				sent += n;
			}
		}
		if (pfd[1].revents & POLLIN) {
			n = recv(self->srv, in, sizeof(in), MSG_DONTWAIT);
			if (n < 0) {
				ASSERT_EQ(errno, EAGAIN);
			}
			ASSERT_NE(n, 0) TH_LOG("EOF after %zu bytes", rcvd);
			for (i = 0; n > 0 && i < (size_t)n; i++)
				bad += in[i] != pattern(rcvd + i);
			if (n > 0) {
				rcvd += n;
				last = now_ms();
			}
		}
		ASSERT_LT(now_ms() - last, STALL_MS)
			TH_LOG("stalled: %zu of %d bytes sent, %zu received",
			       sent, XFER_BYTES, rcvd);
	}
	EXPECT_EQ(rcvd, XFER_BYTES);
	EXPECT_EQ(bad, 0);
}

TEST_HARNESS_MAIN
