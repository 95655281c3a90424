// SPDX-License-Identifier: GPL-2.0
/*
 * Data transfer over loopback (RFC 9260 §6, RFC 6458 §3.1.7, §4.1.8):
 * messages of every size sent by a child process and checked byte for
 * byte by the parent, on both socket styles and both families; streams,
 * unordered delivery, partial delivery of a message larger than the
 * receive buffer, implicit association setup by sendmsg(), the sendmsg()
 * errnos, and lksctp-tools' sctp_sendmsg()/sctp_recvmsg().
 *
 * Every byte of message i at offset o is nsctp_pattern(i, o), so a lost,
 * duplicated, reordered or corrupted byte shows as a mismatch at once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE 32
#endif

#include <netinet/sctp.h>

static socklen_t loopback(int family, struct sockaddr_storage *ss, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
	((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
	((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
	return sizeof(struct sockaddr_in6);
}

/* sendmsg() with an SCTP_SNDRCV cmsg whose sinfo_timetolive is @ttl ms;
 * @to may be NULL.
 */
static ssize_t send_sndrcv_ttl(int fd, const void *buf, size_t len,
			       const struct sockaddr_storage *to,
			       socklen_t tolen, uint16_t stream, uint32_t ppid,
			       uint16_t flags, sctp_assoc_t id, uint32_t ttl)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))] = {};
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr m = {
		.msg_name = (void *)to, .msg_namelen = to ? tolen : 0,
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct sctp_sndrcvinfo *si;

	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	si = (void *)CMSG_DATA(c);
	si->sinfo_stream = stream;
	si->sinfo_ppid = ppid;
	si->sinfo_flags = flags;
	si->sinfo_assoc_id = id;
	si->sinfo_timetolive = ttl;
	return sendmsg(fd, &m, 0);
}

/* sendmsg() with an SCTP_SNDRCV cmsg; @to may be NULL. */
static ssize_t send_sndrcv(int fd, const void *buf, size_t len,
			   const struct sockaddr_storage *to, socklen_t tolen,
			   uint16_t stream, uint32_t ppid, uint16_t flags,
			   sctp_assoc_t id)
{
	return send_sndrcv_ttl(fd, buf, len, to, tolen, stream, ppid, flags,
			       id, 0);
}

/* Read one whole message (recvmsg() until MSG_EOR) into @buf. Returns
 * its length, -1 on error, -2 if larger than @cap; @si gets the
 * SCTP_SNDRCV of its first piece if subscribed, *pieces the recvmsg()
 * calls it took.
 */
static ssize_t read_msg(int fd, unsigned char *buf, size_t cap, size_t chunk,
			struct sctp_sndrcvinfo *si, int *pieces, int *flags)
{
	size_t got = 0;

	*pieces = 0;
	for (;;) {
		char cbuf[256];
		struct iovec iov = {
			.iov_base = buf + got,
			.iov_len = cap - got < chunk ? cap - got : chunk,
		};
		struct msghdr m = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		};
		struct cmsghdr *c;
		ssize_t n;

		if (!iov.iov_len)
			return -2;
		n = recvmsg(fd, &m, 0);
		if (n <= 0)
			return -1;
		*flags = m.msg_flags;
		if (m.msg_flags & MSG_NOTIFICATION)
			continue;
		for (c = CMSG_FIRSTHDR(&m); c && si && !*pieces;
		     c = CMSG_NXTHDR(&m, c))
			if (c->cmsg_level == IPPROTO_SCTP &&
			    c->cmsg_type == SCTP_SNDRCV)
				memcpy(si, CMSG_DATA(c), sizeof(*si));
		got += n;
		(*pieces)++;
		if (m.msg_flags & MSG_EOR)
			return got;
	}
}

static void subscribe_data_io(int fd)
{
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };

	setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
}

FIXTURE(data) {
	int lsn;	/* listener */
	int cfd;	/* client */
	int sfd;	/* server side of the association */
	struct sockaddr_storage addr;
	socklen_t alen;
	pid_t child;
};

FIXTURE_VARIANT(data) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(data, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(data, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(data, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(data, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

/* A transfer fails on a stall: no new byte for 10 s ends a blocking
 * recvmsg() or sendmsg() with EAGAIN, whatever the test's own timeout.
 */
static void stall_timeout(int fd)
{
	struct timeval tv = { .tv_sec = 10 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* The association of every test: a listener, a client, the server
 * side (accepted, or the listener itself for one-to-many).
 */
static void pair_setup(struct __test_metadata *_metadata,
		       FIXTURE_DATA(data) *self,
		       const FIXTURE_VARIANT(data) *variant)
{
	unsigned char hello = 0;
	int pieces, flags;

	self->child = 0;
	self->lsn = socket(variant->family, variant->type, IPPROTO_SCTP);
	if (self->lsn < 0 && (errno == EPROTONOSUPPORT ||
			      errno == ESOCKTNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
	self->alen = loopback(variant->family, &self->addr, 0);
	ASSERT_EQ(bind(self->lsn, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(getsockname(self->lsn, (void *)&self->addr, &self->alen), 0);
	ASSERT_EQ(listen(self->lsn, 8), 0);
	subscribe_data_io(self->lsn);
	stall_timeout(self->lsn);
	self->cfd = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(self->cfd, 0);
	stall_timeout(self->cfd);
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(connect(self->cfd, (void *)&self->addr, self->alen), 0);
		self->sfd = accept(self->lsn, NULL, NULL);
		ASSERT_GE(self->sfd, 0);
		stall_timeout(self->sfd);
		return;
	}
	/* One-to-many: the first message sets the association up. */
	self->sfd = self->lsn;
	ASSERT_EQ(send_sndrcv(self->cfd, &hello, 1, &self->addr, self->alen,
			      0, 0, 0, 0), 1);
	ASSERT_EQ(read_msg(self->sfd, &hello, 1, 1, NULL, &pieces, &flags), 1);
}

static void pair_close(FIXTURE_DATA(data) *self)
{
	if (self->child > 0) {
		kill(self->child, SIGKILL);
		waitpid(self->child, NULL, 0);
	}
	if (self->sfd >= 0 && self->sfd != self->lsn)
		close(self->sfd);
	close(self->cfd);
	close(self->lsn);
	self->child = 0;
	self->sfd = self->cfd = self->lsn = -1;
}

FIXTURE_SETUP(data)
{
	self->sfd = self->cfd = self->lsn = -1;
	pair_setup(_metadata, self, variant);
}

FIXTURE_TEARDOWN(data)
{
	pair_close(self);
}

/* Child: send @count messages of @len bytes, message i with ppid i on
 * stream i % @streams; exit 0 when all were accepted.
 */
static void send_all(int fd, const struct sockaddr_storage *to, socklen_t tl,
		     unsigned int count, size_t len, int streams,
		     uint16_t flags)
{
	unsigned char *buf = malloc(len);
	unsigned int i;

	if (!buf)
		_exit(2);
	for (i = 0; i < count; i++) {
		nsctp_fill(buf, i, len);
		if (send_sndrcv(fd, buf, len, to, tl, i % streams, htonl(i),
				flags, 0) != (ssize_t)len)
			_exit(1);
	}
	_exit(0);
}

/* Parent: receive what send_all() sends, in order, and check it. */
static int recv_all(struct __test_metadata *_metadata, int fd,
		    unsigned int count, size_t len, bool ordered)
{
	unsigned char *buf = malloc(len + 1);
	unsigned int i, seen = 0;
	int pieces, flags;

	if (!buf)
		return -1;
	for (i = 0; i < count; i++) {
		struct sctp_sndrcvinfo si = {};
		ssize_t n = read_msg(fd, buf, len + 1, len + 1, &si, &pieces,
				     &flags);
		unsigned int idx = ntohl(si.sinfo_ppid);

		EXPECT_EQ(n, (ssize_t)len);
		if (n != (ssize_t)len)
			break;
		if (ordered)
			EXPECT_EQ(idx, i);
		EXPECT_EQ(nsctp_check(buf, idx, len), -1);
		seen++;
	}
	free(buf);
	return seen;
}

/* Room for messages larger than the default send buffer (sendmsg()
 * refuses a message larger than SO_SNDBUF with EMSGSIZE, as in-tree).
 */
static void big_sndbuf(int fd)
{
	int sz = 16 << 20;

	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
}

static void run_transfer(struct __test_metadata *_metadata,
			 FIXTURE_DATA(data) *self, int type, unsigned int count,
			 size_t len)
{
	int st;

	big_sndbuf(self->cfd);
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		send_all(self->cfd, type == SOCK_SEQPACKET ? &self->addr : NULL,
			 self->alen, count, len, 1, 0);
	EXPECT_EQ(recv_all(_metadata, self->sfd, count, len, true), count);
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

TEST_F(data, one_byte)
{
	SETUP_SKIPPED_RETURN();
	run_transfer(_metadata, self, variant->type, 2000, 1);
}

TEST_F(data, mtu_sized)
{
	SETUP_SKIPPED_RETURN();
	run_transfer(_metadata, self, variant->type, 2000, 1452);
}

TEST_F(data, k64)
{
	SETUP_SKIPPED_RETURN();
	run_transfer(_metadata, self, variant->type, 64, 65536);
}

TEST_F(data, m1)
{
	SETUP_SKIPPED_RETURN();
	run_transfer(_metadata, self, variant->type, 8, 1 << 20);
}

/* 64 MiB in 64 KiB messages. */
TEST_F_TIMEOUT(data, bulk_64mib, 300)
{
	SETUP_SKIPPED_RETURN();
	/* The in-tree module's bulk rate collapses on its delayed SACK;
	 * 64 MiB would take minutes there, and this run checks the ABI.
	 */
	if (intree_mode())
		SKIP(return, "in-tree: too slow for 64 MiB here");
	run_transfer(_metadata, self, variant->type, 1024, 65536);
}

static int sockbuf(int fd, int name)
{
	int v = -1;
	socklen_t l = sizeof(v);

	if (getsockopt(fd, SOL_SOCKET, name, &v, &l))
		return -1;
	return v;
}

/* The third field of net.sctp.sctp_rmem or sctp_wmem. */
static long sctp_mem_max(const char *name)
{
	char path[64], buf[128];
	long a, b, c;

	snprintf(path, sizeof(path), "/proc/sys/net/sctp/%s", name);
	if (nsctp_sysctl_read(path, buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%ld %ld %ld", &a, &b, &c) != 3)
		return -1;
	return c;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 16 MiB in 16 KiB messages (a message larger than SO_SNDBUF
 * is refused with EMSGSIZE) with the sockets' own buffers; the rate in
 * bytes per second, 0 if the transfer failed.
 */
static double autotune_transfer(struct __test_metadata *_metadata,
				FIXTURE_DATA(data) *self, int type)
{
	unsigned int count = 1024;
	double t0 = now_sec();
	int st, seen;

	self->child = fork();
	if (self->child < 0)
		return 0;
	if (!self->child)
		send_all(self->cfd, type == SOCK_SEQPACKET ? &self->addr : NULL,
			 self->alen, count, 16384, 1, 0);
	seen = recv_all(_metadata, self->sfd, count, 16384, true);
	EXPECT_EQ(seen, count);
	if (waitpid(self->child, &st, 0) != self->child)
		return 0;
	self->child = 0;
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (seen != (int)count)
		return 0;
	return count * 16384.0 / (now_sec() - t0);
}

#define RMEM_DEFAULT	"/proc/sys/net/core/rmem_default"
#define WMEM_DEFAULT	"/proc/sys/net/core/wmem_default"

/* The association again, its sockets created with 32 KiB buffers
 * (net.core.rmem_default and wmem_default, put back at once): a window
 * of 16 KiB, which any transfer faster than 4 MB/s outgrows within a
 * round trip (at least a jiffy, 4 ms at the lowest HZ distributions
 * build with), even in a slow guest.
 */
static void small_buffers(struct __test_metadata *_metadata,
			  FIXTURE_DATA(data) *self,
			  const FIXTURE_VARIANT(data) *variant)
{
	char r[64], w[64];

	pair_close(self);
	ASSERT_GT(nsctp_sysctl_read(RMEM_DEFAULT, r, sizeof(r)), 0);
	ASSERT_GT(nsctp_sysctl_read(WMEM_DEFAULT, w, sizeof(w)), 0);
	ASSERT_EQ(nsctp_sysctl_write(RMEM_DEFAULT, "32768"), 0);
	ASSERT_EQ(nsctp_sysctl_write(WMEM_DEFAULT, "32768"), 0);
	pair_setup(_metadata, self, variant);
	nsctp_sysctl_write(RMEM_DEFAULT, r);
	nsctp_sysctl_write(WMEM_DEFAULT, w);
}

/* Whether a transfer at @rate must have outgrown a window of half
 * @rcvbuf: in the 4 ms autotuning measures over at least.
 */
static bool rate_needs_more(double rate, int rcvbuf)
{
	return rate * 0.004 > rcvbuf / 2;
}

/* Buffer autotuning (as TCP's): a bulk transfer with the default
 * buffers grows the receiver's SO_RCVBUF and the sender's SO_SNDBUF,
 * within net.sctp.sctp_rmem[2] and sctp_wmem[2].
 */
TEST_F_TIMEOUT(data, autotune_grows, 120)
{
	int r0, s0, r1, s1;
	long rmax, wmax;
	double rate;

	SETUP_SKIPPED_RETURN();
	if (intree_mode())
		SKIP(return, "in-tree: sctp.ko does not autotune its buffers");
	rmax = sctp_mem_max("sctp_rmem");
	wmax = sctp_mem_max("sctp_wmem");
	ASSERT_GT(rmax, 0);
	ASSERT_GT(wmax, 0);
	small_buffers(_metadata, self, variant);
	r0 = sockbuf(self->sfd, SO_RCVBUF);
	s0 = sockbuf(self->cfd, SO_SNDBUF);
	ASSERT_GT(r0, 0);
	ASSERT_GT(s0, 0);
	rate = autotune_transfer(_metadata, self, variant->type);
	ASSERT_GT(rate, 0);
	r1 = sockbuf(self->sfd, SO_RCVBUF);
	s1 = sockbuf(self->cfd, SO_SNDBUF);
	TH_LOG("%.0f MB/s; SO_RCVBUF %d -> %d (max %ld), SO_SNDBUF %d -> %d (max %ld)",
	       rate / 1e6, r0, r1, rmax, s0, s1, wmax);
	EXPECT_LE(r1, rmax > r0 ? rmax : r0);
	EXPECT_LE(s1, wmax > s0 ? wmax : s0);
	EXPECT_GE(r1, r0);
	EXPECT_GE(s1, s0);
	if (!rate_needs_more(rate, r0))
		SKIP(return, "%.1f MB/s needs no more than the default window",
		     rate / 1e6);
	if (rmax > r0)
		EXPECT_GT(r1, r0);
	if (wmax > s0)
		EXPECT_GT(s1, s0);
}

/* A buffer the user set is never tuned. */
TEST_F_TIMEOUT(data, autotune_not_when_set, 120)
{
	int r0, s0;

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(nsctp_setint(self->sfd, SOL_SOCKET, SO_RCVBUF, 100000), 0);
	ASSERT_EQ(nsctp_setint(self->cfd, SOL_SOCKET, SO_SNDBUF, 100000), 0);
	r0 = sockbuf(self->sfd, SO_RCVBUF);
	s0 = sockbuf(self->cfd, SO_SNDBUF);
	ASSERT_GT(autotune_transfer(_metadata, self, variant->type), 0);
	EXPECT_EQ(sockbuf(self->sfd, SO_RCVBUF), r0);
	EXPECT_EQ(sockbuf(self->cfd, SO_SNDBUF), s0);
}

/* A sender whose buffer holds one message at a time (SO_SNDBUF set, so
 * never tuned) waits for the SACK of each: its last chunk carries the I
 * bit, so the receiver does not hold that SACK for its delayed SACK
 * timer. Without, 4 MiB in 16 KiB messages cost a SACK timeout each
 * (256 of them, 200 ms apiece: about 1 Mbit/s).
 */
TEST_F_TIMEOUT(data, small_sndbuf_sack_immediately, 120)
{
	long before, after;

	SETUP_SKIPPED_RETURN();
	if (intree_mode())
		SKIP(return, "in-tree: sctp.ko sets the I bit only when asked");
	ASSERT_EQ(nsctp_setint(self->cfd, SOL_SOCKET, SO_SNDBUF, 16384), 0);
	before = mib("SctpDelaySackExpireds");
	ASSERT_GE(before, 0);
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		send_all(self->cfd, variant->type == SOCK_SEQPACKET ?
			 &self->addr : NULL, self->alen, 256, 16384, 1, 0);
	EXPECT_EQ(recv_all(_metadata, self->sfd, 256, 16384, true), 256);
	after = mib("SctpDelaySackExpireds");
	TH_LOG("delayed SACK timeouts during the transfer: %ld",
	       after - before);
	EXPECT_LT(after - before, 16);
}

/* net.sctp.sctp_rmem[2] and sctp_wmem[2] bound what autotuning takes. */
TEST_F_TIMEOUT(data, autotune_capped, 120)
{
	char rsave[128], wsave[128];
	int r0, s0, r1, s1;
	double rate;

	SETUP_SKIPPED_RETURN();
	if (intree_mode())
		SKIP(return, "in-tree: sctp.ko does not autotune its buffers");
	ASSERT_TRUE(nsctp_sysctl_read("/proc/sys/net/sctp/sctp_rmem", rsave,
				    sizeof(rsave)) > 0);
	ASSERT_TRUE(nsctp_sysctl_read("/proc/sys/net/sctp/sctp_wmem", wsave,
				    sizeof(wsave)) > 0);
	small_buffers(_metadata, self, variant);
	r0 = sockbuf(self->sfd, SO_RCVBUF);
	s0 = sockbuf(self->cfd, SO_SNDBUF);
	ASSERT_EQ(nsctp_sysctl_write("/proc/sys/net/sctp/sctp_rmem",
				     "4096 212992 300000"), 0);
	ASSERT_EQ(nsctp_sysctl_write("/proc/sys/net/sctp/sctp_wmem",
				     "4096 16384 300000"), 0);
	rate = autotune_transfer(_metadata, self, variant->type);
	nsctp_sysctl_write("/proc/sys/net/sctp/sctp_rmem", rsave);
	nsctp_sysctl_write("/proc/sys/net/sctp/sctp_wmem", wsave);
	ASSERT_GT(rate, 0);
	r1 = sockbuf(self->sfd, SO_RCVBUF);
	s1 = sockbuf(self->cfd, SO_SNDBUF);
	TH_LOG("SO_RCVBUF %d -> %d, SO_SNDBUF %d -> %d (cap 300000)",
	       r0, r1, s0, s1);
	EXPECT_LE(r1, r0 > 300000 ? r0 : 300000);
	EXPECT_LE(s1, s0 > 300000 ? s0 : 300000);
	if (!rate_needs_more(rate, r0))
		SKIP(return, "%.1f MB/s needs no more than the default window",
		     rate / 1e6);
	EXPECT_GT(r1, r0);
}

/* Ten streams, each delivered in its own order, with stream numbers. */
TEST_F(data, ten_streams)
{
	unsigned int next[10] = {}, i, count = 500;
	unsigned char buf[300];
	int st, pieces, flags;

	SETUP_SKIPPED_RETURN();
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		send_all(self->cfd, variant->type == SOCK_SEQPACKET ?
			 &self->addr : NULL, self->alen, count, 200, 10, 0);
	for (i = 0; i < count; i++) {
		struct sctp_sndrcvinfo si = {};
		unsigned int idx;

		ASSERT_EQ(read_msg(self->sfd, buf, sizeof(buf), sizeof(buf),
				   &si, &pieces, &flags), 200);
		idx = ntohl(si.sinfo_ppid);
		ASSERT_LT(si.sinfo_stream, 10);
		EXPECT_EQ(idx % 10, si.sinfo_stream);
		/* per stream, in the order sent */
		EXPECT_EQ(idx, next[si.sinfo_stream] * 10 + si.sinfo_stream);
		next[si.sinfo_stream]++;
		EXPECT_EQ(nsctp_check(buf, idx, 200), -1);
	}
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* SCTP_UNORDERED messages arrive whole and flagged. */
TEST_F(data, unordered)
{
	unsigned char buf[1000];
	unsigned int i, got = 0, count = 200;
	uint64_t mask[4] = {};
	int st, pieces, flags;

	SETUP_SKIPPED_RETURN();
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		send_all(self->cfd, variant->type == SOCK_SEQPACKET ?
			 &self->addr : NULL, self->alen, count, 999, 1,
			 SCTP_UNORDERED);
	for (i = 0; i < count; i++) {
		struct sctp_sndrcvinfo si = {};
		unsigned int idx;

		ASSERT_EQ(read_msg(self->sfd, buf, sizeof(buf), sizeof(buf),
				   &si, &pieces, &flags), 999);
		idx = ntohl(si.sinfo_ppid);
		ASSERT_LT(idx, count);
		EXPECT_TRUE(si.sinfo_flags & SCTP_UNORDERED);
		EXPECT_EQ(nsctp_check(buf, idx, 999), -1);
		EXPECT_FALSE(mask[idx / 64] & (1ULL << (idx % 64)));
		mask[idx / 64] |= 1ULL << (idx % 64);
		got++;
	}
	EXPECT_EQ(got, count);
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* A message larger than the receive buffer comes in pieces (partial
 * delivery), MSG_EOR only on the last; a short buffer never loses bytes.
 */
TEST_F(data, partial_delivery)
{
	size_t len = 4 << 20;
	unsigned char *buf = malloc(len);
	int st, pieces = 0, flags = 0;

	SETUP_SKIPPED_RETURN();
	ASSERT_NE(buf, NULL);
	big_sndbuf(self->cfd);
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		send_all(self->cfd, variant->type == SOCK_SEQPACKET ?
			 &self->addr : NULL, self->alen, 1, len, 1, 0);
	ASSERT_EQ(read_msg(self->sfd, buf, len, 1000, NULL, &pieces, &flags),
		  (ssize_t)len);
	EXPECT_GT(pieces, 1);
	EXPECT_EQ(nsctp_check(buf, 0, len), -1);
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	free(buf);
}

/* The peer aborts in the middle of a partially delivered message: the
 * pieces read never carry MSG_EOR and SCTP_PARTIAL_DELIVERY_EVENT says
 * the message was aborted (RFC 6458 §6.1.7).
 */
TEST_F(data, partial_delivery_aborted)
{
	size_t len = 4 << 20;
	unsigned char *buf = malloc(65536);
	struct sctp_event ev = {
		.se_assoc_id = SCTP_ALL_ASSOC,
		.se_type = SCTP_PARTIAL_DELIVERY_EVENT, .se_on = 1,
	};
	struct sctp_pdapi_event *pd = (void *)buf;
	bool aborted = false, eor = false;
	int go[2], st, n;
	char c = 0;

	SETUP_SKIPPED_RETURN();
	ASSERT_NE(buf, NULL);
	ASSERT_EQ(setsockopt(self->sfd, IPPROTO_SCTP, SCTP_EVENT, &ev,
			     sizeof(ev)), 0);
	big_sndbuf(self->cfd);
	ASSERT_EQ(pipe(go), 0);
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child) {
		struct linger lg = { 1, 0 };
		unsigned char *m = malloc(len);

		if (!m)
			_exit(2);
		nsctp_fill(m, 0, len);
		setsockopt(self->cfd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		if (send_sndrcv(self->cfd, m, len,
				variant->type == SOCK_SEQPACKET ? &self->addr :
				NULL, self->alen, 0, 0, 0, 0) != (ssize_t)len)
			_exit(1);
		/* abort (SO_LINGER {1, 0}) when the parent says so */
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		_exit(0);
	}
	/* the child's copy of the socket is the last one */
	close(self->cfd);
	self->cfd = socket(variant->family, variant->type, IPPROTO_SCTP);
	/* a first piece: partial delivery is under way */
	n = recv(self->sfd, buf, 1000, 0);
	ASSERT_EQ(n, 1000);
	ASSERT_EQ(write(go[1], &c, 1), 1);
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (;;) {
		struct iovec iov = { buf, 65536 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct pollfd p = { self->sfd, POLLIN, 0 };

		if (poll(&p, 1, 3000) != 1)
			break;
		n = recvmsg(self->sfd, &m, 0);
		if (n <= 0)
			break;
		if (!(m.msg_flags & MSG_NOTIFICATION)) {
			eor |= !!(m.msg_flags & MSG_EOR);
			continue;
		}
		if (pd->pdapi_type == SCTP_PARTIAL_DELIVERY_EVENT) {
			EXPECT_EQ(pd->pdapi_indication,
				  SCTP_PARTIAL_DELIVERY_ABORTED);
			EXPECT_EQ(pd->pdapi_stream, 0);
			aborted = true;
			break;
		}
	}
	EXPECT_TRUE(aborted);
	EXPECT_FALSE(eor);
	close(go[0]);
	close(go[1]);
	free(buf);
}

/* sendmsg()'s errnos, as in-tree. */
TEST_F(data, send_errors)
{
	struct sctp_initmsg im;
	socklen_t l = sizeof(im);
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	char c = 'x';

	SETUP_SKIPPED_RETURN();
	/* EPIPE comes with SIGPIPE, as in-tree */
	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(getsockopt(self->cfd, IPPROTO_SCTP, SCTP_INITMSG, &im, &l),
		  0);
	/* a stream beyond the negotiated ones */
	EXPECT_EQ(send_sndrcv(self->cfd, &c, 1, to, self->alen, 4000, 0, 0,
			      0), -1);
	EXPECT_EQ(errno, EINVAL);
	/* no data and no SCTP_EOF/SCTP_ABORT */
	EXPECT_EQ(send_sndrcv(self->cfd, &c, 0, to, self->alen, 0, 0, 0, 0),
		  -1);
	EXPECT_EQ(errno, EINVAL);
	/* unknown flags */
	EXPECT_EQ(send_sndrcv(self->cfd, &c, 1, to, self->alen, 0, 0, 0x200,
			      0), -1);
	EXPECT_EQ(errno, EINVAL);
	if (variant->type == SOCK_STREAM) {
		/* SCTP_EOF and SCTP_ABORT are one-to-many flags */
		EXPECT_EQ(send_sndrcv(self->cfd, &c, 0, NULL, 0, 0, 0,
				      SCTP_EOF, 0), -1);
		EXPECT_EQ(errno, EINVAL);
		/* nothing to send on a listening one-to-one socket */
		EXPECT_EQ(send(self->lsn, &c, 1, 0), -1);
		EXPECT_EQ(errno, EPIPE);
	} else {
		/* SCTP_EOF carries no data */
		EXPECT_EQ(send_sndrcv(self->cfd, &c, 1, to, self->alen, 0, 0,
				      SCTP_EOF, 0), -1);
		EXPECT_EQ(errno, EINVAL);
		/* no address, no association id */
		EXPECT_EQ(send_sndrcv(self->cfd, &c, 1, NULL, 0, 0, 0, 0, 0),
			  -1);
		EXPECT_EQ(errno, EPIPE);
	}
	/* a message larger than the send buffer */
	{
		size_t big = 8 << 20;
		char *b = calloc(1, big);
		int sz = 65536;

		ASSERT_NE(b, NULL);
		ASSERT_EQ(setsockopt(self->cfd, SOL_SOCKET, SO_SNDBUF, &sz,
				     sizeof(sz)), 0);
		EXPECT_EQ(send_sndrcv(self->cfd, b, big, to, self->alen, 0, 0,
				      0, 0), -1);
		EXPECT_EQ(errno, EMSGSIZE);
		free(b);
	}
}

/* SCTP_DISABLE_FRAGMENTS: a message that needs fragments is refused. */
TEST_F(data, disable_fragments)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	char *b = calloc(1, 70000);
	int on = 1;

	SETUP_SKIPPED_RETURN();
	ASSERT_NE(b, NULL);
	ASSERT_EQ(setsockopt(self->cfd, IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS,
			     &on, sizeof(on)), 0);
	EXPECT_EQ(send_sndrcv(self->cfd, b, 70000, to, self->alen, 0, 0, 0,
			      0), -1);
	EXPECT_EQ(errno, EMSGSIZE);
	free(b);
}

/* The peer's data stays readable after it closed (graceful end). */
TEST_F(data, readable_after_close)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	unsigned char buf[5000];
	int pieces, flags, i;

	SETUP_SKIPPED_RETURN();
	for (i = 0; i < 3; i++) {
		nsctp_fill(buf, i, 4000);
		ASSERT_EQ(send_sndrcv(self->cfd, buf, 4000, to, self->alen, 0,
				      htonl(i), 0, 0), 4000);
	}
	close(self->cfd);
	self->cfd = socket(variant->family, variant->type, IPPROTO_SCTP);
	usleep(300000);
	for (i = 0; i < 3; i++) {
		struct sctp_sndrcvinfo si = {};

		ASSERT_EQ(read_msg(self->sfd, buf, sizeof(buf), sizeof(buf),
				   &si, &pieces, &flags), 4000);
		EXPECT_EQ(ntohl(si.sinfo_ppid), (unsigned int)i);
		EXPECT_EQ(nsctp_check(buf, i, 4000), -1);
	}
}

/* Data the peer never took comes back with SCTP_SEND_FAILED_EVENT when
 * the association is aborted (RFC 6458 §6.1.11): its payload, ppid and
 * whether it had been sent. With @both, the deprecated SCTP_SEND_FAILED
 * (§6.1.4) is subscribed too, and, as in-tree, each chunk comes back
 * twice: SCTP_SEND_FAILED, then SCTP_SEND_FAILED_EVENT.
 */
static void send_failed_run(struct __test_metadata *_metadata,
			    FIXTURE_DATA(data) *self,
			    const FIXTURE_VARIANT(data) *variant, bool both)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	struct sctp_event ev = {
		/* the association exists already: current and future ones */
		.se_assoc_id = SCTP_ALL_ASSOC,
		.se_type = SCTP_SEND_FAILED_EVENT, .se_on = 1,
	};
	unsigned char buf[2000], big[4096];
	unsigned int i, sent = 0, failed = 0, unsent = 0, old = 0;
	struct linger lg = { 1, 0 };
	uint32_t old_ppid = 0;
	int nb = 1;
	bool lost = false;

	ASSERT_EQ(setsockopt(self->cfd, IPPROTO_SCTP, SCTP_EVENT, &ev,
			     sizeof(ev)), 0);
	ev.se_type = SCTP_ASSOC_CHANGE;
	ASSERT_EQ(setsockopt(self->cfd, IPPROTO_SCTP, SCTP_EVENT, &ev,
			     sizeof(ev)), 0);
	if (both) {
		ev.se_type = SCTP_SEND_FAILED;
		ASSERT_EQ(setsockopt(self->cfd, IPPROTO_SCTP, SCTP_EVENT, &ev,
				     sizeof(ev)), 0);
	}
	/* the peer reads nothing: its window fills, then our buffer */
	ioctl(self->cfd, FIONBIO, &nb);
	for (i = 0; i < 10000; i++) {
		nsctp_fill(buf, i, 1000);
		if (send_sndrcv(self->cfd, buf, 1000, to, self->alen, 0,
				htonl(i), 0, 0) != 1000)
			break;
		sent++;
	}
	ASSERT_GT(sent, 0);
	usleep(200000);
	/* the peer aborts */
	if (variant->type == SOCK_STREAM) {
		ASSERT_EQ(setsockopt(self->sfd, SOL_SOCKET, SO_LINGER, &lg,
				     sizeof(lg)), 0);
		close(self->sfd);
		self->sfd = -1;
	} else {
		ASSERT_EQ(setsockopt(self->lsn, SOL_SOCKET, SO_LINGER, &lg,
				     sizeof(lg)), 0);
		close(self->lsn);
		self->lsn = socket(variant->family, variant->type,
				   IPPROTO_SCTP);
		self->sfd = self->lsn;
	}
	nb = 0;
	ioctl(self->cfd, FIONBIO, &nb);
	for (;;) {
		struct iovec iov = { big, sizeof(big) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct sctp_send_failed_event *sf = (void *)big;
		struct sctp_send_failed *so = (void *)big;
		struct pollfd p = { self->cfd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 2000) != 1)
			break;
		n = recvmsg(self->cfd, &m, 0);
		if (n <= 0)
			break;
		if (!(m.msg_flags & MSG_NOTIFICATION))
			continue;
		if (sf->ssf_type == SCTP_ASSOC_CHANGE) {
			lost = true;
			continue;
		}
		if (both && so->ssf_type == SCTP_SEND_FAILED) {
			/* the older one comes first, the newer one next */
			ASSERT_EQ(old, failed);
			ASSERT_EQ(so->ssf_length, sizeof(*so) + 1000);
			ASSERT_EQ(n, (ssize_t)so->ssf_length);
			old_ppid = so->ssf_info.sinfo_ppid;
			EXPECT_EQ(nsctp_check(so->ssf_data, ntohl(old_ppid), 1000),
				  -1);
			old++;
			continue;
		}
		ASSERT_EQ(sf->ssf_type, SCTP_SEND_FAILED_EVENT);
		ASSERT_EQ(sf->ssf_length, sizeof(*sf) + 1000);
		ASSERT_EQ(n, (ssize_t)sf->ssf_length);
		EXPECT_EQ(nsctp_check(sf->ssf_data,
				      ntohl(sf->ssfe_info.snd_ppid), 1000), -1);
		if (both) {
			ASSERT_EQ(old, failed + 1);
			EXPECT_EQ(old_ppid, sf->ssfe_info.snd_ppid);
		}
		if (sf->ssf_flags == SCTP_DATA_UNSENT)
			unsent++;
		failed++;
	}
	EXPECT_TRUE(lost);
	/* what the peer never acknowledged is reported, and no more */
	EXPECT_GT(failed, 0);
	EXPECT_LE(failed, sent);
	EXPECT_LE(unsent, failed);
	if (both)
		EXPECT_EQ(old, failed);
}

TEST_F(data, send_failed_event)
{
	SETUP_SKIPPED_RETURN();
	send_failed_run(_metadata, self, variant, false);
}

TEST_F(data, send_failed_both_kinds)
{
	SETUP_SKIPPED_RETURN();
	send_failed_run(_metadata, self, variant, true);
}

/*
 * sinfo_timetolive (RFC 6458 §5.3.2): a message not sent within its
 * lifetime is abandoned, whole, and comes back to the sender in an
 * SCTP_SEND_FAILED_EVENT marked unsent; the messages around it arrive
 * byte for byte (lksctp-tools' test_timetolive). The peer reads nothing
 * until the lifetime is over, so the message waits behind 2 MiB that
 * fill its window; a lifetime long enough changes nothing.
 */
TEST_F(data, timetolive_abandons_unsent)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	struct sctp_event ev = {
		.se_assoc_id = SCTP_ALL_ASSOC,
		.se_type = SCTP_SEND_FAILED_EVENT, .se_on = 1,
	};
	static unsigned char big[1 << 20], rbuf[(1 << 20) + 1];
	unsigned char ev_buf[4096], short_msg[300];
	struct sctp_send_failed_event *sf = (void *)ev_buf;
	struct sctp_sndrcvinfo si;
	struct pollfd p = { .events = POLLIN };
	int pieces, flags, i;
	ssize_t n;

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(setsockopt(self->cfd, IPPROTO_SCTP, SCTP_EVENT, &ev,
			     sizeof(ev)), 0);
	big_sndbuf(self->cfd);
	for (i = 1; i <= 2; i++) {
		nsctp_fill(big, i, sizeof(big));
		ASSERT_EQ(send_sndrcv(self->cfd, big, sizeof(big), to,
				      self->alen, 0, htonl(i), 0, 0),
			  (ssize_t)sizeof(big));
	}
	/* 3: 200 ms to live, stuck behind the window; 4: 60 s; 5: none */
	for (i = 3; i <= 5; i++) {
		nsctp_fill(short_msg, i, sizeof(short_msg));
		ASSERT_EQ(send_sndrcv_ttl(self->cfd, short_msg,
					  sizeof(short_msg), to, self->alen, 0,
					  htonl(i), 0, 0,
					  i == 3 ? 200 : i == 4 ? 60000 : 0),
			  (ssize_t)sizeof(short_msg));
	}
	usleep(1200000);
	for (i = 1; i <= 2; i++) {
		memset(&si, 0, sizeof(si));
		n = read_msg(self->sfd, rbuf, sizeof(rbuf), sizeof(rbuf), &si,
			     &pieces, &flags);
		ASSERT_EQ(n, (ssize_t)sizeof(big));
		ASSERT_EQ(ntohl(si.sinfo_ppid), (uint32_t)i);
		EXPECT_EQ(nsctp_check(rbuf, i, sizeof(big)), -1);
	}
	for (i = 4; i <= 5; i++) {
		memset(&si, 0, sizeof(si));
		n = read_msg(self->sfd, rbuf, sizeof(rbuf), sizeof(rbuf), &si,
			     &pieces, &flags);
		ASSERT_EQ(n, (ssize_t)sizeof(short_msg));
		EXPECT_EQ(ntohl(si.sinfo_ppid), (uint32_t)i)
			TH_LOG("message 3 was delivered after its lifetime");
		EXPECT_EQ(nsctp_check(rbuf, i, sizeof(short_msg)), -1);
	}
	/* the sender gets message 3 back, unsent, whole */
	p.fd = self->cfd;
	ASSERT_EQ(poll(&p, 1, 5000), 1);
	n = recv(self->cfd, ev_buf, sizeof(ev_buf), 0);
	ASSERT_EQ(n, (ssize_t)(sizeof(*sf) + sizeof(short_msg)));
	ASSERT_EQ(sf->ssf_type, SCTP_SEND_FAILED_EVENT);
	EXPECT_EQ(sf->ssf_flags, SCTP_DATA_UNSENT);
	EXPECT_EQ(sf->ssf_length, n);
	EXPECT_EQ(ntohl(sf->ssfe_info.snd_ppid), 3);
	/* as in-tree: the DATA chunk's flags, here B and E (one piece) */
	EXPECT_EQ(sf->ssfe_info.snd_flags & 0x03, 0x03);
	EXPECT_EQ(nsctp_check(sf->ssf_data, 3, sizeof(short_msg)), -1);
	/* nothing else failed */
	EXPECT_EQ(recv(self->cfd, ev_buf, sizeof(ev_buf), MSG_DONTWAIT), -1);
	EXPECT_EQ(errno, EAGAIN);
}

/* SIOCINQ (FIONREAD): what is left of the next message; a short read
 * keeps the rest, which the next recv() returns with MSG_EOR.
 */
TEST_F(data, siocinq_and_short_reads)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	struct iovec iov;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	unsigned char buf[2000];
	struct pollfd p = { 0, POLLIN, 0 };
	int inq = -1;

	SETUP_SKIPPED_RETURN();
	nsctp_fill(buf, 3, 1452);
	ASSERT_EQ(send_sndrcv(self->cfd, buf, 1452, to, self->alen, 0,
			      htonl(3), 0, 0), 1452);
	p.fd = self->sfd;
	ASSERT_EQ(poll(&p, 1, 3000), 1);
	ASSERT_EQ(ioctl(self->sfd, SIOCINQ, &inq), 0);
	EXPECT_EQ(inq, 1452);
	memset(buf, 0, sizeof(buf));
	iov.iov_base = buf;
	iov.iov_len = 1000;
	ASSERT_EQ(recvmsg(self->sfd, &m, 0), 1000);
	EXPECT_FALSE(m.msg_flags & MSG_EOR);
	ASSERT_EQ(ioctl(self->sfd, SIOCINQ, &inq), 0);
	EXPECT_EQ(inq, 452);
	iov.iov_base = buf + 1000;
	iov.iov_len = sizeof(buf) - 1000;
	m.msg_flags = 0;
	ASSERT_EQ(recvmsg(self->sfd, &m, 0), 452);
	EXPECT_TRUE(m.msg_flags & MSG_EOR);
	EXPECT_EQ(nsctp_check(buf, 3, 1452), -1);
}

/* Receive one whole message of @len bytes (pattern @msgno) into @buf;
 * the type of its first cmsg if that is a SOL_SOCKET one, its data in
 * @ts (up to 16 bytes); 0 without one; -1 for anything else.
 */
static int recv_stamped(int fd, unsigned char *buf, size_t len,
			unsigned int msgno, void *ts)
{
	char cbuf[512];
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct pollfd p = { fd, POLLIN, 0 };
	struct cmsghdr *cm;

	if (poll(&p, 1, 5000) != 1)
		return -1;
	memset(buf, 0, len);
	if (recvmsg(fd, &m, MSG_WAITALL) != (ssize_t)len ||
	    !(m.msg_flags & MSG_EOR) || nsctp_check(buf, msgno, len) != -1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	/* as in-tree, the socket's cmsgs come before the SCTP ones */
	if (!cm || cm->cmsg_level != SOL_SOCKET)
		return 0;
	if (cm->cmsg_len > CMSG_LEN(16))
		return -1;
	memcpy(ts, CMSG_DATA(cm), cm->cmsg_len - CMSG_LEN(0));
	return cm->cmsg_type;
}

/* Within 10 s of now. */
static int near_now(time_t sec)
{
	time_t now = time(NULL);

	return sec > now - 10 && sec <= now + 1;
}

/* SO_TIMESTAMP and SO_TIMESTAMPNS on received messages, a fragmented
 * one too, and SIOCGSTAMP after a read, as in-tree
 * (sock_recv_cmsgs()).
 */
TEST_F(data, rx_timestamps)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	static unsigned char buf[5000];
	struct timespec tsn;
	struct timeval tv;

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(nsctp_setint(self->sfd, SOL_SOCKET, SO_TIMESTAMP, 1), 0);
	nsctp_fill(buf, 7, sizeof(buf));
	ASSERT_EQ(send_sndrcv(self->cfd, buf, sizeof(buf), to, self->alen, 0,
			      htonl(7), 0, 0), sizeof(buf));
	ASSERT_EQ(recv_stamped(self->sfd, buf, sizeof(buf), 7, &tv),
		  SCM_TIMESTAMP);
	EXPECT_TRUE(near_now(tv.tv_sec));

	ASSERT_EQ(nsctp_setint(self->sfd, SOL_SOCKET, SO_TIMESTAMPNS, 1), 0);
	nsctp_fill(buf, 8, 100);
	ASSERT_EQ(send_sndrcv(self->cfd, buf, 100, to, self->alen, 0,
			      htonl(8), 0, 0), 100);
	ASSERT_EQ(recv_stamped(self->sfd, buf, 100, 8, &tsn),
		  SCM_TIMESTAMPNS);
	EXPECT_TRUE(near_now(tsn.tv_sec));
	EXPECT_LT(tsn.tv_nsec, 1000000000L);

	/* SIOCGSTAMP: a first call turns stamping on (ENOENT before any
	 * stamp), then it gives the last message's
	 */
	ASSERT_EQ(nsctp_setint(self->sfd, SOL_SOCKET, SO_TIMESTAMPNS, 0), 0);
	ioctl(self->sfd, SIOCGSTAMP, &tv);
	nsctp_fill(buf, 9, 10);
	ASSERT_EQ(send_sndrcv(self->cfd, buf, 10, to, self->alen, 0,
			      htonl(9), 0, 0), 10);
	ASSERT_EQ(recv_stamped(self->sfd, buf, 10, 9, &tsn), 0);
	ASSERT_EQ(ioctl(self->sfd, SIOCGSTAMP, &tv), 0);
	EXPECT_TRUE(near_now(tv.tv_sec));
}

/* sendmsg() on @fd to @to with one SCTP_DSTADDRV4/V6 cmsg holding the
 * first @alen bytes of the IPv4 or IPv6 loopback address.
 */
static ssize_t send_dstaddr(int fd, const void *buf, size_t len,
			    const struct sockaddr_storage *to, socklen_t tolen,
			    size_t alen)
{
	char cbuf[CMSG_SPACE(sizeof(struct in6_addr))] = {};
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = { .msg_name = (void *)to, .msg_namelen = tolen,
			    .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(alen) };
	struct cmsghdr *cm = (struct cmsghdr *)cbuf;
	struct in_addr lo4 = { htonl(INADDR_LOOPBACK) };

	cm->cmsg_level = IPPROTO_SCTP;
	cm->cmsg_len = CMSG_LEN(alen);
	if (to->ss_family == AF_INET) {
		cm->cmsg_type = SCTP_DSTADDRV4;
		memcpy(CMSG_DATA(cm), &lo4, alen);
	} else {
		cm->cmsg_type = SCTP_DSTADDRV6;
		memcpy(CMSG_DATA(cm), &in6addr_loopback, alen);
	}
	return sendmsg(fd, &m, MSG_NOSIGNAL);
}

/* The associations of one-to-many socket @fd. */
static int nsctp_assoc_count(int fd)
{
	uint32_t n = 0;
	socklen_t len = sizeof(n);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len))
		return -1;
	return n;
}

/* SCTP_DSTADDRV4/V6 (RFC 6458 §5.3.9, §5.3.10), as in-tree: read when a
 * send sets an association up (an address shorter than its family's is
 * EINVAL then, and nothing is set up), ignored on an association that
 * exists, whatever their length.
 */
TEST_F(data, dstaddr_cmsgs)
{
	unsigned char buf[300];
	int c, pieces, flags;

	SETUP_SKIPPED_RETURN();
	if (variant->type != SOCK_SEQPACKET)
		SKIP(return, "a send sets up a one-to-many association");
	c = socket(variant->family, SOCK_SEQPACKET, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	stall_timeout(self->sfd);
	errno = 0;
	nsctp_fill(buf, 11, sizeof(buf));
	EXPECT_EQ(send_dstaddr(c, buf, 100, &self->addr, self->alen, 2), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(nsctp_assoc_count(c), 0);
	/* set up without one */
	ASSERT_EQ(send_sndrcv(c, buf, 100, &self->addr, self->alen, 0, 0, 0,
			      0), 100);
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(read_msg(self->sfd, buf, sizeof(buf), sizeof(buf), NULL,
			   &pieces, &flags), 100);
	EXPECT_EQ(nsctp_check(buf, 11, 100), -1);
	/* the association exists: a cut address is not looked at */
	nsctp_fill(buf, 12, sizeof(buf));
	ASSERT_EQ(send_dstaddr(c, buf, 300, &self->addr, self->alen, 2), 300);
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(read_msg(self->sfd, buf, sizeof(buf), sizeof(buf), NULL,
			   &pieces, &flags), 300);
	EXPECT_EQ(nsctp_check(buf, 12, 300), -1);
	close(c);
}

/* recvmsg() flags as in-tree: MSG_TRUNC neither discards the rest of a
 * message nor reports its length (the rest stays queued, no MSG_TRUNC in
 * msg_flags), and MSG_WAITALL does not wait beyond the end of a message.
 */
TEST_F(data, recv_trunc_and_waitall)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	struct iovec iov;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	unsigned char buf[4000];
	struct pollfd p = { 0, POLLIN, 0 };

	SETUP_SKIPPED_RETURN();
	nsctp_fill(buf, 5, 1452);
	ASSERT_EQ(send_sndrcv(self->cfd, buf, 1452, to, self->alen, 0,
			      htonl(5), 0, 0), 1452);
	nsctp_fill(buf, 6, 100);
	ASSERT_EQ(send_sndrcv(self->cfd, buf, 100, to, self->alen, 0,
			      htonl(6), 0, 0), 100);
	p.fd = self->sfd;
	ASSERT_EQ(poll(&p, 1, 3000), 1);
	memset(buf, 0, sizeof(buf));
	iov.iov_base = buf;
	iov.iov_len = 1000;
	ASSERT_EQ(recvmsg(self->sfd, &m, MSG_TRUNC), 1000);
	EXPECT_FALSE(m.msg_flags & (MSG_EOR | MSG_TRUNC));
	iov.iov_base = buf + 1000;
	iov.iov_len = sizeof(buf) - 1000;
	m.msg_flags = 0;
	ASSERT_EQ(recvmsg(self->sfd, &m, MSG_WAITALL), 452);
	EXPECT_TRUE(m.msg_flags & MSG_EOR);
	EXPECT_EQ(nsctp_check(buf, 5, 1452), -1);
	/* the next message, whole, though the buffer could take more */
	memset(buf, 0, sizeof(buf));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	m.msg_flags = 0;
	ASSERT_EQ(recvmsg(self->sfd, &m, MSG_WAITALL), 100);
	EXPECT_TRUE(m.msg_flags & MSG_EOR);
	EXPECT_EQ(nsctp_check(buf, 6, 100), -1);
}

/* lksctp-tools' sctp_sendmsg() and sctp_recvmsg(), unmodified. */
TEST_F(data, libsctp)
{
	const struct sockaddr_storage *to =
		variant->type == SOCK_SEQPACKET ? &self->addr : NULL;
	struct sctp_sndrcvinfo si = {};
	unsigned char buf[2000];
	int flags = 0;

	SETUP_SKIPPED_RETURN();
	nsctp_fill(buf, 7, 1500);
	ASSERT_EQ(sctp_sendmsg(self->cfd, buf, 1500, (void *)to,
			       to ? self->alen : 0, htonl(7), 0, 1, 0, 0),
		  1500);
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(sctp_recvmsg(self->sfd, buf, sizeof(buf), NULL, NULL, &si,
			       &flags), 1500);
	EXPECT_TRUE(flags & MSG_EOR);
	EXPECT_EQ(si.sinfo_stream, 1);
	EXPECT_EQ(ntohl(si.sinfo_ppid), 7);
	EXPECT_EQ(nsctp_check(buf, 7, 1500), -1);
}

/* SCTP_FRAGMENT_INTERLEAVE on a one-to-many socket (RFC 6458 §8.1.20):
 * association A's message, larger than the receive buffer, is under
 * partial delivery when association B's small message arrives. At level
 * 0 B's message waits until A's last piece was read; at level 1 only A's
 * own messages wait, so B's comes before A's end. Both modules.
 */
static void interleave_case(struct __test_metadata *_metadata, int level)
{
	/* 8 x the receive buffer: in-tree, whose SACKs come late with
	 * two CPUs, takes it in well under the harness's 30 s
	 */
	size_t len = 2 << 20, got_a = 0;
	struct sockaddr_storage addr;
	socklen_t alen = loopback(AF_INET, &addr, 0);
	int srv, a, b, rcvbuf = 256 << 10, pieces, flags, n = 0;
	int eor_at = -1, b_at = -1;
	sctp_assoc_t id_a, id_b;
	struct sctp_sndrcvinfo si;
	unsigned char *buf = malloc(len), piece[65536], one;

	ASSERT_NE(buf, NULL);
	srv = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (srv < 0 && (errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(srv, 0);
	ASSERT_EQ(setsockopt(srv, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			     sizeof(rcvbuf)), 0);
	ASSERT_EQ(setsockopt(srv, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE,
			     &level, sizeof(level)), 0);
	ASSERT_EQ(bind(srv, (void *)&addr, alen), 0);
	ASSERT_EQ(getsockname(srv, (void *)&addr, &alen), 0);
	ASSERT_EQ(listen(srv, 8), 0);
	subscribe_data_io(srv);
	a = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	b = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	big_sndbuf(a);
	/* both associations up, and their ids on the server */
	one = 1;
	ASSERT_EQ(send_sndrcv(a, &one, 1, &addr, alen, 0, 0, 0, 0), 1);
	ASSERT_EQ(read_msg(srv, &one, 1, 1, &si, &pieces, &flags), 1);
	id_a = si.sinfo_assoc_id;
	ASSERT_EQ(send_sndrcv(b, &one, 1, &addr, alen, 0, 0, 0, 0), 1);
	ASSERT_EQ(read_msg(srv, &one, 1, 1, &si, &pieces, &flags), 1);
	id_b = si.sinfo_assoc_id;
	ASSERT_NE(id_a, id_b);

	/* A's big message fills the window; then B's small one */
	nsctp_fill(buf, 0, len);
	ASSERT_EQ(send_sndrcv(a, buf, len, &addr, alen, 0, 0, 0, 0),
		  (ssize_t)len);
	usleep(1000 * 1000);
	ASSERT_EQ(send_sndrcv(b, "hello", 5, &addr, alen, 0, 0, 0, 0), 5);
	usleep(500 * 1000);

	memset(buf, 0, len);
	while (eor_at < 0 || b_at < 0) {
		char cbuf[256];
		struct iovec iov = { piece, 65536 };
		struct msghdr m = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		};
		struct pollfd p = { srv, POLLIN, 0 };
		struct cmsghdr *c;
		ssize_t r;

		ASSERT_EQ(poll(&p, 1, 10000), 1);
		r = recvmsg(srv, &m, 0);
		ASSERT_GT(r, 0);
		if (m.msg_flags & MSG_NOTIFICATION)
			continue;
		memset(&si, 0, sizeof(si));
		for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
			if (c->cmsg_level == IPPROTO_SCTP &&
			    c->cmsg_type == SCTP_SNDRCV)
				memcpy(&si, CMSG_DATA(c), sizeof(si));
		if (si.sinfo_assoc_id == id_b) {
			EXPECT_EQ(r, 5);
			EXPECT_EQ(memcmp(piece, "hello", 5), 0);
			EXPECT_TRUE(m.msg_flags & MSG_EOR);
			b_at = n++;
			continue;
		}
		ASSERT_EQ(si.sinfo_assoc_id, id_a);
		ASSERT_LE(got_a + r, len);
		memcpy(buf + got_a, piece, r);
		got_a += r;
		if (m.msg_flags & MSG_EOR)
			eor_at = n;
		n++;
	}
	EXPECT_EQ(got_a, len);
	EXPECT_EQ(nsctp_check(buf, 0, len), -1);
	/* A's message came in pieces: partial delivery was under way */
	EXPECT_GT(eor_at, 1);
	if (level == 0) {
		EXPECT_GT(b_at, eor_at);
	} else {
		EXPECT_LT(b_at, eor_at);
	}
	close(a);
	close(b);
	close(srv);
	free(buf);
}

TEST(interleave_level0_holds_other_assocs)
{
	interleave_case(_metadata, 0);
}

TEST(interleave_level1_holds_only_its_assoc)
{
	interleave_case(_metadata, 1);
}

TEST_HARNESS_MAIN
