// SPDX-License-Identifier: GPL-2.0
/*
 * What happens to an association after its socket is closed, found by
 * the syscall fuzzer (selftests/fuzz/nsctp_sysfuzz.c, 'make
 * fuzz-kernel') and minimised to a few calls.
 *
 * closed.both_ends_gone_in_10s: after a fuzzer run every socket was
 * closed, yet nsctp stayed referenced for about 300 s (T5 = 5 x RTO.Max)
 * before rmmod succeeded. Data that reached a socket after close() was
 * queued to it and never read, so its window shut and the peer, in
 * SHUTDOWN-RECEIVED with data left to send, probed a zero window until
 * T5; and a message held in reassembly at close() did not count as
 * unread data, so the association was shut down gracefully instead of
 * aborted. The variants close both ends of an association with data in
 * flight (one message in reassembly; messages queued; messages read
 * first, then more in flight): the module's references must be back
 * where they were within 10 s.
 */
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>
#include <stdbool.h>
#include <time.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#include "nsctp_util.h"

static long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* The references of the SCTP module in use (nsctp, or sctp in-tree). */
static int module_refs(void)
{
	char line[256], name[64];
	int refs, found = -1;
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %*u %d", name, &refs) != 2)
			continue;
		if (!strcmp(name, "nsctp"))
			found = refs;
		else if (!strcmp(name, "sctp") && found < 0)
			found = refs;
	}
	fclose(f);
	return found;
}

FIXTURE(closed) {
	int base;
};

FIXTURE_VARIANT(closed) {
	size_t msg;		/* bytes per message */
	int count;		/* messages queued before the server closes */
	bool server_reads;	/* it drains its queue first */
};

FIXTURE_VARIANT_ADD(closed, one_big_message) {
	.msg = 64 * 1024, .count = 1,
};

FIXTURE_VARIANT_ADD(closed, small_messages) {
	.msg = 1024, .count = 64,
};

FIXTURE_VARIANT_ADD(closed, small_messages_after_read) {
	.msg = 1024, .count = 64, .server_reads = true,
};

FIXTURE_SETUP(closed)
{
	self->base = module_refs();
	if (self->base < 0)
		SKIP(return, "no SCTP module in /proc/modules (built in?)");
}

FIXTURE_TEARDOWN(closed)
{
}

/* Both ends of an association close with data in flight: the module's
 * references must be back where they were within 10 s.
 */
TEST_F(closed, both_ends_gone_in_10s)
{
	static char buf[64 * 1024];
	struct timeval tv = { .tv_sec = 2 };
	struct sockaddr_in a = { .sin_family = AF_INET };
	int l, c, s, rcvbuf = 4096, sndbuf = 1 << 20, i, queued = 0, refs;
	socklen_t len = sizeof(a);
	long t0, gone = -1;

	l = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(l, 0);
	ASSERT_EQ(setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)), 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(bind(l, (void *)&a, sizeof(a)), 0);
	ASSERT_EQ(listen(l, 1), 0);
	ASSERT_EQ(getsockname(l, (void *)&a, &len), 0);
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf)), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	ASSERT_EQ(connect(c, (void *)&a, sizeof(a)), 0);
	s = accept(l, NULL, NULL);
	ASSERT_GE(s, 0);
	close(l);
	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < variant->count; i++)
		if (send(c, buf, variant->msg, MSG_DONTWAIT) == (ssize_t)variant->msg)
			queued++;
	ASSERT_GE(queued, 1);
	if (variant->server_reads)
		while (recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			;
	ASSERT_EQ(close(s), 0);
	ASSERT_EQ(close(c), 0);
	t0 = ms_now();
	while (ms_now() - t0 < 10000) {
		refs = module_refs();
		if (refs <= self->base) {
			gone = ms_now() - t0;
			break;
		}
		usleep(50 * 1000);
	}
	if (gone < 0)
		TH_LOG("module references %d, %d before the sockets, 10 s after both closed",
		       module_refs(), self->base);
	EXPECT_GE(gone, 0);
}

TEST_HARNESS_MAIN
