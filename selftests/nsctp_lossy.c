// SPDX-License-Identifier: GPL-2.0
/*
 * Reliable transfer across a hostile link (RFC 9260 §6): messages of
 * 1 B, 1452 B, 64 KiB and 1 MiB, and bulk transfers of more than
 * 64 MiB, between two network namespaces joined by a veth pair whose
 * two ends run netem:
 *
 *   clean    no qdisc: the baseline
 *   loss     5 % of the packets dropped, each way
 *   reorder  every packet delayed 10 ms, except 25 % sent at once, ahead
 *            of the delayed ones, each way
 *   dup      1 % of the packets sent twice, each way
 *   corrupt  one bit flipped in 0.1 % of the packets, each way (the
 *            receiver's CRC32c check drops them)
 *
 * and, in the fixture netem, all of them at once as a real bad network
 * does: "delay 10ms reorder 25% loss 5% duplicate 1%" on both ends, set
 * once the association is up (the handshake is exempt), with the
 * default socket options (Nagle and delayed SACK on) and with
 * SCTP_NODELAY, and the kernel's own timers but for a bounded backoff.
 *
 *   netns A: sender, veth0 10.0.0.1  <---->  netns B: receiver, veth1 10.0.0.2
 *
 * A child process sends through lksctp-tools' sctp_sendmsg(): message i
 * on stream i % streams with PPID i, its bytes a pseudo-random function
 * of i, and a hash of everything it sent. The parent reads each message
 * whole with sctp_recvmsg() (pieces up to MSG_EOR, 1 MiB messages come
 * by partial delivery) and checks it at once: its length, every byte,
 * its stream and its place in that stream's order (the PPIDs of a stream
 * come in increasing order, none missing, none twice), the association
 * id on one-to-many sockets, and in the end the number of messages and
 * the sender's hash. The sender then ends the association gracefully
 * (shutdown(SHUT_WR), or SCTP_EOF on a one-to-many socket); both sides
 * must see SCTP_SHUTDOWN_COMP, the receiver SCTP_SHUTDOWN_EVENT first
 * and, one-to-one, end of file. Where netem drops DATA, the sender's MIB
 * must count retransmissions (SctpT3Retransmits, SctpFastRetransmits):
 * the loss really happened and was repaired.
 *
 * A stall fails rather than hangs: SO_SNDTIMEO and SO_RCVTIMEO of 10 s
 * bound every call, so a case fails ("stall") as soon as no new byte
 * reached the receiver for 10 s (or the sender found no room in its
 * send buffer for 10 s), however long the transfer as a whole takes;
 * the harness's timeout bounds every case. Every case logs its goodput.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <netinet/sctp.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"
#include "nsctp_netns.h"

#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE	32
#endif
#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE	33
#endif

#define PORT_A		5102
#define PORT_B		5101

/* No progress for this long is a stall, and fails the case: no new
 * byte read by the receiver, no room for the next message at the
 * sender.
 */
#define STALL_SECS	10

/* How long the sender waits for its SHUTDOWN_COMP at most while the
 * receiver still reads (the receiver's stall guard and the harness's
 * timeout end a stalled case long before).
 */
#define END_WAIT_MS	(600 * 1000)

/* The bulk transfers run over jumbo frames: at a 1500-byte MTU, TCG
 * moves about 1 MB/s through veth, and 64 MiB would take a minute or
 * more per case.
 */
#define BULK_MTU	9000

#define KIB		1024
#define MIB		(1024 * 1024)

struct tune {
	const char *name;	/* under /proc/sys/net/sctp */
	int val;
};

struct cond {
	const char *key;	/* in the variant names */
	const char *name;
	struct netem_opts netem;	/* on both ends */
	/* DATA is dropped: retransmissions must show in the MIB once the
	 * sender sent @rtx_after packets (fewer, and the odds that none
	 * was hit are not negligible) and the receiver missed some, or with @rtx_if_bad_crc once the
	 * receiver counted a checksum error (a corrupted IP header makes
	 * IP drop a packet instead, unseen by SCTP)
	 */
	unsigned int rtx_after;
	bool rtx_if_bad_crc;
	/* netem only once the association is up: the handshake is exempt */
	bool after_up;
	/* the sender sets SCTP_NODELAY (the fixture netem's cases) */
	bool nodelay;
	/* a stall of the in-tree sctp.ko (NSCTP_MODE=intree) is a SKIP,
	 * not a failure: under the whole profile at once it sometimes goes
	 * more than 10 s without completing a 1 MiB message (seen in about
	 * one make test in three); nsctp is held to the guard
	 */
	bool intree_may_stall;
	/* the sysctls of both namespaces; NULL: tune_fast */
	const struct tune *tune;
	unsigned int ntune;
};

static const struct cond cond_clean = { "clean", "clean" };

static const struct cond cond_loss = {
	"loss", "loss 5%", { .loss_ppm = 50000, .limit = 10000 }, 200,
};

static const struct cond cond_reorder = {
	"reorder", "reorder 25% delay 10ms",
	{ .delay_ms = 10, .reorder_ppm = 250000, .limit = 10000 },
};

static const struct cond cond_dup = {
	"dup", "duplicate 1%", { .dup_ppm = 10000, .limit = 10000 },
};

static const struct cond cond_corrupt = {
	"corrupt", "corrupt 0.1%", { .corrupt_ppm = 1000, .limit = 10000 }, 0,
	true,
};

/* The fixture netem's timers: the kernel's defaults (RTO.Min 1 s,
 * delayed SACK 200 ms: what a user gets), but RTO.Initial 1 s rather
 * than 3 s and RTO.Max 2 s rather than 60 s. T3-rtx still backs off
 * (1 s, then 2 s), but the same TSN would have to be lost five times
 * in a row (0.05^5) to keep the receiver without a new byte for the
 * 10 s of the stall guard: the guard then measures the stack, not the
 * odds of netem. RTO.Initial is set before RTO.Max, which must not
 * fall below it.
 */
static const struct tune tune_real[] = {
	{ "rto_initial", 1000 },
	{ "rto_max", 2000 },
};

#define NETEM_ALL	{ .delay_ms = 10, .reorder_ppm = 250000,		\
			  .loss_ppm = 50000, .dup_ppm = 10000, .limit = 10000 }

static const struct cond cond_netem = {
	"default", "delay 10ms reorder 25% loss 5% duplicate 1%", NETEM_ALL,
	200, .after_up = true, .tune = tune_real,
	.ntune = ARRAY_SIZE(tune_real), .intree_may_stall = true,
};

static const struct cond cond_netem_nodelay = {
	"nodelay", "delay 10ms reorder 25% loss 5% duplicate 1%, SCTP_NODELAY",
	NETEM_ALL, 200, .after_up = true, .nodelay = true, .tune = tune_real,
	.ntune = ARRAY_SIZE(tune_real), .intree_may_stall = true,
};

/* What one case sends: @count messages, message i of sizes[i % nsizes]
 * bytes on stream i % streams.
 */
struct xfer {
	unsigned int count;
	unsigned int nsizes;
	size_t sizes[2];
	unsigned int streams;
	bool nodelay;
	/* the receiver's SCTP_PARTIAL_DELIVERY_POINT, 0: not set */
	unsigned int pd_point;
};

static size_t msg_size(const struct xfer *x, unsigned int i)
{
	return x->sizes[i % x->nsizes];
}

static size_t max_size(const struct xfer *x)
{
	return x->nsizes > 1 && x->sizes[1] > x->sizes[0] ? x->sizes[1] :
							     x->sizes[0];
}

static uint64_t total_bytes(const struct xfer *x)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < x->count; i++)
		sum += msg_size(x, i);
	return sum;
}

/* Content: splitmix64 seeded by the message number. */
static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void fill(unsigned char *buf, unsigned int msg, size_t len)
{
	uint64_t s = 0x5c7a11ee5eedULL ^ ((uint64_t)msg << 20), w;
	size_t off;

	for (off = 0; off + 8 <= len; off += 8) {
		w = splitmix(&s);
		memcpy(buf + off, &w, 8);
	}
	if (off < len) {
		w = splitmix(&s);
		memcpy(buf + off, &w, len - off);
	}
}

/* The offset of the first byte of @buf that is not message @msg's, or -1. */
static long mismatch(const unsigned char *buf, unsigned int msg, size_t len,
		     unsigned char *scratch)
{
	size_t i;

	fill(scratch, msg, len);
	if (!memcmp(buf, scratch, len))
		return -1;
	for (i = 0; i < len && buf[i] == scratch[i]; i++)
		;
	return i;
}

/* A hash of one message (FNV-1a over 64-bit words, seeded by its
 * number); a transfer's hash is the sum over its messages, so it does
 * not depend on how the streams interleaved.
 */
static uint64_t msg_hash(const unsigned char *buf, unsigned int msg,
			 size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ msg, w;
	size_t off;

	for (off = 0; off + 8 <= len; off += 8) {
		memcpy(&w, buf + off, 8);
		h = (h ^ w) * 0x100000001b3ULL;
	}
	for (; off < len; off++)
		h = (h ^ buf[off]) * 0x100000001b3ULL;
	return h ^ len;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The test bed of one case. */
struct bed {
	int ns_a, ns_b;
	int family, type;
	const struct cond *cond;
	struct nsctp_addr a;	/* the sender's address, in A */
	struct nsctp_addr b;	/* the receiver's address, in B */
	int lsn;		/* B: the listener */
	int c;			/* A: the sender's socket */
	int s;			/* B: its peer (accepted, or the listener) */
	sctp_assoc_t c_id, s_id;
	pid_t child;
	int buf;		/* SO_SNDBUF and SO_RCVBUF of both, or 0 */
	int ctl;		/* B to A: 'K' when all came in, or closed */
};

FIXTURE(lossy) {
	struct bed bed;
};

FIXTURE_VARIANT(lossy) {
	int family;
	int type;
	const struct cond *cond;
};

#define LOSSY_VARIANTS(fixture, name, cond)				\
	FIXTURE_VARIANT_ADD(fixture, name##_ipv4_stream) {		\
		AF_INET, SOCK_STREAM, &cond };				\
	FIXTURE_VARIANT_ADD(fixture, name##_ipv4_seqpacket) {		\
		AF_INET, SOCK_SEQPACKET, &cond };			\
	FIXTURE_VARIANT_ADD(fixture, name##_ipv6_stream) {		\
		AF_INET6, SOCK_STREAM, &cond };				\
	FIXTURE_VARIANT_ADD(fixture, name##_ipv6_seqpacket) {		\
		AF_INET6, SOCK_SEQPACKET, &cond }

LOSSY_VARIANTS(lossy, clean, cond_clean);
LOSSY_VARIANTS(lossy, loss, cond_loss);
LOSSY_VARIANTS(lossy, reorder, cond_reorder);
LOSSY_VARIANTS(lossy, dup, cond_dup);
LOSSY_VARIANTS(lossy, corrupt, cond_corrupt);

/* The bulk transfers: one per condition, the four socket kinds taking
 * turns.
 */
FIXTURE(bulk) {
	struct bed bed;
};

FIXTURE_VARIANT(bulk) {
	int family;
	int type;
	const struct cond *cond;
};

FIXTURE_VARIANT_ADD(bulk, clean_ipv4_stream) {
	AF_INET, SOCK_STREAM, &cond_clean };
FIXTURE_VARIANT_ADD(bulk, loss_ipv4_seqpacket) {
	AF_INET, SOCK_SEQPACKET, &cond_loss };
FIXTURE_VARIANT_ADD(bulk, reorder_ipv6_seqpacket) {
	AF_INET6, SOCK_SEQPACKET, &cond_reorder };
FIXTURE_VARIANT_ADD(bulk, dup_ipv4_stream) {
	AF_INET, SOCK_STREAM, &cond_dup };
FIXTURE_VARIANT_ADD(bulk, corrupt_ipv6_stream) {
	AF_INET6, SOCK_STREAM, &cond_corrupt };

/* Both namespaces' sysctls (sockets take them when they are made):
 * shorter timers than the defaults, so that a lost packet costs tens of
 * milliseconds, not seconds, and every case stays bounded under TCG.
 * The RTO stays above what the link's RTT (up to 20 ms of netem delay,
 * plus a busy TCG guest) needs.
 */
static const struct tune tune_fast[] = {
	{ "rto_initial", 300 },
	{ "rto_min", 200 },
	{ "rto_max", 1000 },
	/* below RTO.Min, or every lone packet's SACK comes after T3 */
	{ "sack_timeout", 20 },
};

static long mib_in(int ns, const char *name)
{
	return netns_enter(ns) ? -1 : mib(name);
}

static int subscribe(int fd)
{
	struct sctp_event_subscribe ev = {
		.sctp_data_io_event = 1,
		.sctp_association_event = 1,
		.sctp_shutdown_event = 1,
	};

	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) ?
	       -errno : 0;
}

static int set_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = STALL_SECS };

	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		return -errno;
	return 0;
}

/* An SCTP socket of the bed's kind in netns @ns, bound to @addr; its
 * buffers set before the handshake, which announces the receive window.
 */
static int sock_at(struct bed *bed, int ns, const struct nsctp_addr *addr)
{
	int fd;

	if (netns_enter(ns))
		return -1;
	fd = socket(bed->family, bed->type, IPPROTO_SCTP);
	if (fd < 0)
		return -1;
	if ((bed->buf &&
	     (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bed->buf,
			 sizeof(bed->buf)) ||
	      setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bed->buf,
			 sizeof(bed->buf)))) ||
	    bind(fd, &addr->sa, addr->len) || subscribe(fd) ||
	    set_timeouts(fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Events: what the notifications read so far said. */
struct events {
	bool comm_up, shutdown_event, shutdown_comp, lost;
	sctp_assoc_t id;	/* of the last SCTP_ASSOC_CHANGE */
	int bad_state;		/* an unexpected sac_state, or 0 */
};

static void note(struct events *ev, const void *buf, size_t len)
{
	const union sctp_notification *n = buf;

	if (len < sizeof(n->sn_header))
		return;
	switch (n->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		if (len < sizeof(n->sn_assoc_change))
			return;
		ev->id = n->sn_assoc_change.sac_assoc_id;
		switch (n->sn_assoc_change.sac_state) {
		case SCTP_COMM_UP:
			ev->comm_up = true;
			break;
		case SCTP_SHUTDOWN_COMP:
			ev->shutdown_comp = true;
			break;
		case SCTP_COMM_LOST:
			ev->lost = true;
			/* fall through */
		default:
			ev->bad_state = n->sn_assoc_change.sac_state + 100;
		}
		break;
	case SCTP_SHUTDOWN_EVENT:
		ev->shutdown_event = true;
		break;
	}
}

/* Read from @fd until @done(ev) or @ms pass: notifications only. Data
 * is a protocol error here (counted in *data); end of file is counted
 * in *eof and waited past (a one-to-one socket reads end of file once
 * the peer's SHUTDOWN is in, before the notifications still to come).
 * -ECANCELED as soon as @stop (unless -1) is readable or closed.
 */
static int wait_events(int fd, struct events *ev,
		       bool (*done)(const struct events *), long ms,
		       int *data, int *eof, int stop)
{
	static char buf[4096];
	long end = now_ms() + ms;
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = stop, .events = POLLIN },
	};

	while (!done(ev)) {
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		long left = end - now_ms();
		ssize_t n;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(pfd, stop >= 0 ? 2 : 1, left > 100 ? 100 : left) < 0)
			return -errno;
		if (stop >= 0 && pfd[1].revents)
			return -ECANCELED;
		n = recvmsg(fd, &m, MSG_DONTWAIT);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0) {
			(*eof)++;
			usleep(10000);
			continue;
		}
		if (m.msg_flags & MSG_NOTIFICATION)
			note(ev, buf, n);
		else
			(*data)++;
	}
	return 0;
}

static bool is_up(const struct events *ev)
{
	return ev->comm_up || ev->bad_state;
}

static bool is_over(const struct events *ev)
{
	return ev->shutdown_comp || ev->bad_state;
}

/* NSCTP_LOSSY_CASES=a,b,...: run only the cases whose full name
 * (lossy.loss_ipv6_stream.k64) contains one of the words; for work on
 * one case, the harness of 6.1 has no filter of its own.
 */
static bool selected(struct __test_metadata *_metadata, int family, int type,
		     const struct cond *cond)
{
	const char *sel = getenv("NSCTP_LOSSY_CASES");
	char name[128], words[256], *w, *save;

	if (!sel || !*sel)
		return true;
	snprintf(name, sizeof(name), "%s.%s_ipv%d_%s.%s",
		 _metadata->fixture->name, cond->key,
		 family == AF_INET ? 4 : 6,
		 type == SOCK_STREAM ? "stream" : "seqpacket", _metadata->name);
	snprintf(words, sizeof(words), "%s", sel);
	for (w = strtok_r(words, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (strstr(name, w))
			return true;
	return false;
}

static void bed_init(struct bed *bed)
{
	memset(bed, 0, sizeof(*bed));
	bed->ns_a = bed->ns_b = bed->lsn = bed->c = bed->s = bed->ctl = -1;
}

static bool netem_on(const struct cond *cond)
{
	return cond->netem.delay_ms || cond->netem.loss_ppm ||
	       cond->netem.reorder_ppm || cond->netem.dup_ppm ||
	       cond->netem.corrupt_ppm;
}

static void bed_netem(struct __test_metadata *_metadata, struct bed *bed)
{
	ASSERT_EQ(netns_enter(bed->ns_a), 0);
	ASSERT_EQ(netem_apply("veth0", &bed->cond->netem), 0);
	ASSERT_EQ(netns_enter(bed->ns_b), 0);
	ASSERT_EQ(netem_apply("veth1", &bed->cond->netem), 0);
}

/* Two namespaces, the cond's sysctls and netem, and an association up
 * between them; @mtu (or 0) on veth, @buf (or 0) the buffers of both
 * sockets.
 */
static void bed_setup(struct __test_metadata *_metadata, struct bed *bed,
		      int family, int type, const struct cond *cond, int mtu,
		      int buf)
{
	const struct tune *tune = cond->tune ?: tune_fast;
	unsigned int ntune = cond->tune ? cond->ntune : ARRAY_SIZE(tune_fast);
	struct events ce = { 0 }, se = { 0 };
	int v4 = family == AF_INET, s, data = 0, eof = 0;
	unsigned int i;

	bed_init(bed);
	bed->family = family;
	bed->type = type;
	bed->cond = cond;
	bed->buf = buf;
	if (!selected(_metadata, family, type, cond))
		SKIP(return, "not in NSCTP_LOSSY_CASES");
	if (geteuid())
		SKIP(return, "needs root (network namespaces)");
	s = netns_pair(&bed->ns_a, &bed->ns_b);
	if (s == -EOPNOTSUPP)
		SKIP(return, "no veth");
	ASSERT_EQ(s, 0);
	s = socket(family, type, IPPROTO_SCTP);
	if (s < 0 && (errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(s, 0);
	close(s);
	for (i = 0; i < ntune; i++) {
		ASSERT_EQ(netns_enter(bed->ns_a), 0);
		ASSERT_EQ(nsctp_sctp_sysctl_set(tune[i].name, tune[i].val), 0);
		ASSERT_EQ(netns_enter(bed->ns_b), 0);
		ASSERT_EQ(nsctp_sctp_sysctl_set(tune[i].name, tune[i].val), 0);
	}
	if (mtu) {
		ASSERT_EQ(netns_enter(bed->ns_a), 0);
		ASSERT_EQ(link_mtu("veth0", mtu), 0);
		ASSERT_EQ(netns_enter(bed->ns_b), 0);
		ASSERT_EQ(link_mtu("veth1", mtu), 0);
	}
	ASSERT_TRUE(nsctp_addr(&bed->a, family, v4 ? NETNS_A4 : NETNS_A6,
			       PORT_A));
	ASSERT_TRUE(nsctp_addr(&bed->b, family, v4 ? NETNS_B4 : NETNS_B6,
			       PORT_B));
	/* the handshake crosses the hostile link too, unless exempt */
	if (netem_on(cond) && !cond->after_up)
		bed_netem(_metadata, bed);
	bed->lsn = sock_at(bed, bed->ns_b, &bed->b);
	ASSERT_GE(bed->lsn, 0);
	ASSERT_EQ(listen(bed->lsn, 4), 0);
	bed->c = sock_at(bed, bed->ns_a, &bed->a);
	ASSERT_GE(bed->c, 0);
	ASSERT_EQ(connect(bed->c, &bed->b.sa, bed->b.len), 0) {
		TH_LOG("connect: %s", strerror(errno));
	}
	if (type == SOCK_STREAM) {
		bed->s = accept(bed->lsn, NULL, NULL);
		ASSERT_GE(bed->s, 0);
		ASSERT_EQ(set_timeouts(bed->s), 0);
	} else {
		bed->s = bed->lsn;
	}
	ASSERT_EQ(wait_events(bed->c, &ce, is_up, 10000, &data, &eof, -1), 0);
	ASSERT_EQ(wait_events(bed->s, &se, is_up, 10000, &data, &eof, -1), 0);
	ASSERT_TRUE(ce.comm_up);
	ASSERT_TRUE(se.comm_up);
	bed->c_id = ce.id;
	bed->s_id = se.id;
	if (netem_on(cond) && cond->after_up)
		bed_netem(_metadata, bed);
}

static void bed_teardown(struct bed *bed)
{
	if (bed->child > 0) {
		kill(bed->child, SIGKILL);
		waitpid(bed->child, NULL, 0);
	}
	if (bed->s >= 0 && bed->s != bed->lsn)
		close(bed->s);
	if (bed->lsn >= 0)
		close(bed->lsn);
	if (bed->c >= 0)
		close(bed->c);
	/* the namespaces end with this process */
	if (bed->ns_a >= 0)
		close(bed->ns_a);
	if (bed->ns_b >= 0)
		close(bed->ns_b);
	if (bed->ctl >= 0)
		close(bed->ctl);
}

FIXTURE_SETUP(lossy)
{
	bed_setup(_metadata, &self->bed, variant->family, variant->type,
		  variant->cond, 0, 0);
}

FIXTURE_TEARDOWN(lossy)
{
	bed_teardown(&self->bed);
}

FIXTURE_SETUP(bulk)
{
	bed_setup(_metadata, &self->bed, variant->family, variant->type,
		  variant->cond, BULK_MTU, 0);
}

FIXTURE_TEARDOWN(bulk)
{
	bed_teardown(&self->bed);
}

/* What the sender tells the receiver through a pipe when it is done. */
struct sent {
	int step;		/* 0, or where it failed (SENT_*) */
	int err;		/* errno there */
	unsigned int count;	/* messages accepted by sctp_sendmsg() */
	uint64_t bytes, hash;
	long ms;		/* from the first send to SHUTDOWN_COMP */
	int data, eof;		/* while it waited for the end */
	int state;		/* an unexpected sac_state + 100, or 0 */
};

enum {
	SENT_OK, SENT_ALLOC, SENT_SETUP, SENT_SEND, SENT_SHORT, SENT_EOF,
	SENT_END, SENT_END_STATE, SENT_STALL, SENT_GAVE_UP,
};

static const char *const sent_step[] = {
	"ok", "malloc", "socket options", "sctp_sendmsg", "short send",
	"graceful end", "waiting for SHUTDOWN_COMP",
	"association lost instead of SHUTDOWN_COMP",
	"stall: no room in the send buffer for 10 s, sctp_sendmsg",
	"the receiver gave up while we waited for SHUTDOWN_COMP",
};

/* The child: send @x on @b->c, end the association, report into @wfd.
 * Its end waits as long as the receiver still reads (@ctl, from the
 * parent: 'K' once every message came in, closed if it gave up), then
 * at most STALL_SECS for SHUTDOWN_COMP.
 */
static void sender(struct bed *b, const struct xfer *x, int wfd, int ctl)
{
	int sz = 4 * max_size(x) + 256 * KIB, one = 1;
	const struct nsctp_addr *to = b->type == SOCK_SEQPACKET ? &b->b : NULL;
	struct sent r = { 0 };
	struct events ev = { 0 };
	unsigned char *buf;
	unsigned int i;
	long t0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	buf = malloc(max_size(x));
	if (!buf) {
		r.step = SENT_ALLOC;
		goto out;
	}
	/* room for messages larger than the default send buffer (sendmsg()
	 * refuses one larger than SO_SNDBUF, in-tree too), unless the bed
	 * set both buffers
	 */
	if ((!b->buf &&
	     setsockopt(b->c, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz))) ||
	    (x->nodelay && setsockopt(b->c, IPPROTO_SCTP, SCTP_NODELAY, &one,
				      sizeof(one)))) {
		r.step = SENT_SETUP;
		r.err = errno;
		goto out;
	}
	t0 = now_ms();
	for (i = 0; i < x->count; i++) {
		size_t len = msg_size(x, i);
		int n;

		fill(buf, i, len);
		n = sctp_sendmsg(b->c, buf, len, to ? (void *)&to->sa : NULL,
				 to ? to->len : 0, htonl(i), 0,
				 i % x->streams, 0, 0);
		if (n < 0) {
			r.err = errno;
			r.step = r.err == EAGAIN ? SENT_STALL : SENT_SEND;
			goto out;
		}
		if ((size_t)n != len) {
			r.step = SENT_SHORT;
			goto out;
		}
		r.count++;
		r.bytes += len;
		r.hash += msg_hash(buf, i, len);
	}
	/* the graceful end, once everything sent is acknowledged */
	if (b->type == SOCK_STREAM ? shutdown(b->c, SHUT_WR) :
	    sctp_sendmsg(b->c, NULL, 0, (void *)&to->sa, to->len, 0,
			 SCTP_EOF, 0, 0, 0) < 0) {
		r.step = SENT_EOF;
		r.err = errno;
		goto out;
	}
	r.err = -wait_events(b->c, &ev, is_over, END_WAIT_MS, &r.data, &r.eof,
			     ctl);
	if (r.err == ECANCELED) {
		char k = 0;

		if (read(ctl, &k, 1) == 1 && k == 'K')
			r.err = -wait_events(b->c, &ev, is_over,
					     STALL_SECS * 1000, &r.data,
					     &r.eof, -1);
		else
			r.step = SENT_GAVE_UP;
	}
	r.state = ev.bad_state;
	if (!r.step && r.err)
		r.step = SENT_END;
	else if (!r.step && !ev.shutdown_comp)
		r.step = SENT_END_STATE;
	r.ms = now_ms() - t0;
out:
	if (write(wfd, &r, sizeof(r)) != sizeof(r))
		_exit(3);
	_exit(r.step ? 1 : 0);
}

/* The receiver's tally. */
struct got {
	unsigned int count;
	uint64_t bytes, hash;
	unsigned int pieces;	/* recvmsg() calls that returned data */
	unsigned int *next;	/* per stream: the next PPID expected */
	bool lost_at_end;	/* ABORT instead of SHUTDOWN COMPLETE */
	bool stalled;		/* the receiver's stall guard fired */
	long ootb_a, ootb_b;	/* SctpOutOfBlues when the last message was read */
	long t_last;		/* now_ms() then */
	long max_gap;		/* the longest wait for a new byte, ms */
	long max_msg_gap;	/* ... and for a whole new message */
};

/* Check one whole message: false (and the reason logged) if wrong. */
static bool check_msg(struct __test_metadata *_metadata, struct bed *b,
		      const struct xfer *x, struct got *g,
		      const unsigned char *buf, size_t len,
		      const struct sctp_sndrcvinfo *si, unsigned char *scratch)
{
	unsigned int idx = ntohl(si->sinfo_ppid), st = si->sinfo_stream;
	long off;

	if (st >= x->streams) {
		TH_LOG("message %u: stream %u of %u", g->count, st, x->streams);
		return false;
	}
	if (idx != g->next[st]) {
		TH_LOG("message %u on stream %u: PPID %u, expected %u (%s)",
		       g->count, st, idx, g->next[st],
		       idx < g->next[st] ? "duplicate or out of order" :
					   "messages missing");
		return false;
	}
	if (len != msg_size(x, idx)) {
		TH_LOG("message %u (PPID %u): %zu bytes, expected %zu",
		       g->count, idx, len, msg_size(x, idx));
		return false;
	}
	off = mismatch(buf, idx, len, scratch);
	if (off >= 0) {
		TH_LOG("message %u (PPID %u, %zu bytes): wrong byte at offset %ld",
		       g->count, idx, len, off);
		return false;
	}
	if (b->type == SOCK_SEQPACKET && si->sinfo_assoc_id != b->s_id) {
		TH_LOG("message %u: assoc id %d, expected %d", g->count,
		       si->sinfo_assoc_id, b->s_id);
		return false;
	}
	g->next[st] += x->streams;
	g->count++;
	g->bytes += len;
	g->hash += msg_hash(buf, idx, len);
	return true;
}

/* The parent: receive @x on @b->s, checking as it goes; then the end.
 * True when everything arrived right.
 */
static bool receive(struct __test_metadata *_metadata, struct bed *b,
		    const struct xfer *x, struct got *g, struct events *ev)
{
	size_t cap = max_size(x) + 4096;
	unsigned char *buf = malloc(cap), *scratch = malloc(cap);
	struct sctp_sndrcvinfo first = { 0 };
	long t_piece = now_ms(), t_msg = t_piece, t;
	bool ok = false;
	size_t have = 0;
	unsigned int i;
	int data = 0, eof = 0;

	g->next = calloc(x->streams, sizeof(*g->next));
	if (!buf || !scratch || !g->next)
		goto out;
	for (i = 0; i < x->streams; i++)
		g->next[i] = i;
	while (g->count < x->count) {
		struct sctp_sndrcvinfo si = { 0 };
		int flags = 0;
		ssize_t n;

		n = sctp_recvmsg(b->s, buf + have, cap - have, NULL, NULL, &si,
				 &flags);
		if (n < 0 && errno == EAGAIN) {
			/* SO_RCVTIMEO: the stall guard */
			TH_LOG("stall: no new byte for %d s, after %u of %u messages (%llu bytes) and %zu bytes into the next",
			       STALL_SECS, g->count, x->count,
			       (unsigned long long)g->bytes, have);
			g->stalled = true;
			goto out;
		}
		if (n < 0) {
			TH_LOG("recvmsg after %u messages, %zu bytes into the next: %s",
			       g->count, have, strerror(errno));
			goto out;
		}
		if (n == 0) {
			TH_LOG("end of file after %u messages", g->count);
			goto out;
		}
		if (flags & MSG_NOTIFICATION) {
			bool ended = ev->shutdown_event;

			note(ev, buf + have, n);
			if (ev->bad_state) {
				TH_LOG("after %u messages: %s (%d)", g->count,
				       ev->lost ? "association lost" :
				       "association change",
				       ev->bad_state - 100);
				goto out;
			}
			/* the rest must still come */
			if (!ended && ev->shutdown_event)
				TH_LOG("note: SHUTDOWN_EVENT before message %u of %u",
				       g->count, x->count);
			continue;
		}
		g->pieces++;
		t = now_ms();
		if (t - t_piece > g->max_gap)
			g->max_gap = t - t_piece;
		t_piece = t;
		if (!have) {
			first = si;
		} else if (si.sinfo_stream != first.sinfo_stream ||
			   si.sinfo_ppid != first.sinfo_ppid) {
			TH_LOG("message %u: a piece of stream %u PPID %u inside stream %u PPID %u",
			       g->count, si.sinfo_stream, ntohl(si.sinfo_ppid),
			       first.sinfo_stream, ntohl(first.sinfo_ppid));
			goto out;
		}
		have += n;
		if (!(flags & MSG_EOR)) {
			if (have < cap)
				continue;
			TH_LOG("message %u: more than %zu bytes", g->count,
			       cap);
			goto out;
		}
		if (!check_msg(_metadata, b, x, g, buf, have, &first, scratch))
			goto out;
		have = 0;
		if (t - t_msg > g->max_msg_gap)
			g->max_msg_gap = t - t_msg;
		t_msg = t;
	}
	g->t_last = now_ms();
	g->ootb_a = mib_in(b->ns_a, "SctpOutOfBlues");
	g->ootb_b = mib_in(b->ns_b, "SctpOutOfBlues");
	/* all in: the sender now waits STALL_SECS at most for its end (if
	 * it still waits: all was acknowledged before we read it, and it
	 * may be gone with its SHUTDOWN_COMP, EPIPE)
	 */
	if (write(b->ctl, "K", 1) != 1 && errno != EPIPE) {
		TH_LOG("write to the sender: %s", strerror(errno));
		goto out;
	}
	/* the sender's graceful end: SHUTDOWN, then SHUTDOWN COMPLETE */
	if (wait_events(b->s, ev, is_over, STALL_SECS * 1000, &data, &eof,
			-1)) {
		TH_LOG("no SCTP_SHUTDOWN_COMP after the last message");
		goto out;
	}
	if (data) {
		TH_LOG("%d messages more than sent", data);
		goto out;
	}
	/* A race RFC 9260 allows where packets are reordered (by netem,
	 * or by veth itself, whose packets sent from two CPUs take two
	 * CPUs' backlogs): a SACK of ours, overtaken by our SHUTDOWN ACK,
	 * reaches the sender after its association is gone; it answers out
	 * of the blue with an ABORT (§8.4 rule 8), which overtakes its
	 * SHUTDOWN COMPLETE.
	 * Every byte is in and acknowledged by then; run_xfer() checks
	 * that the sender saw SHUTDOWN_COMP and answered out of the blue.
	 */
	if (ev->shutdown_event && !ev->shutdown_comp && ev->lost) {
		g->lost_at_end = true;
		ok = true;
		goto out;
	}
	if (!ev->shutdown_event || !ev->shutdown_comp) {
		TH_LOG("the end: SHUTDOWN_EVENT %d, SHUTDOWN_COMP %d, state %d",
		       ev->shutdown_event, ev->shutdown_comp,
		       ev->bad_state - 100);
		goto out;
	}
	if (b->type == SOCK_STREAM && recv(b->s, buf, cap, 0) != 0) {
		TH_LOG("one-to-one: no end of file after SHUTDOWN_COMP");
		goto out;
	}
	ok = true;
out:
	free(buf);
	free(scratch);
	return ok;
}

static void run_xfer(struct __test_metadata *_metadata, struct bed *b,
		     const struct xfer *x)
{
	long t0 = now_ms(), took, t3, fast, ctl, out_a, crc_b, ms;
	struct events ev = { 0 };
	struct got g = { 0 };
	struct sent r = { 0 };
	int pfd[2], cfd[2], st;
	bool ok;

	if (x->pd_point)
		ASSERT_EQ(setsockopt(b->s, IPPROTO_SCTP,
				     SCTP_PARTIAL_DELIVERY_POINT, &x->pd_point,
				     sizeof(x->pd_point)), 0);
	/* a sender that ended early must not kill us on our 'K' */
	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(pipe(pfd), 0);
	ASSERT_EQ(pipe(cfd), 0);
	b->child = fork();
	ASSERT_GE(b->child, 0);
	if (!b->child) {
		close(pfd[0]);
		close(cfd[1]);
		sender(b, x, pfd[1], cfd[0]);
	}
	close(pfd[1]);
	close(cfd[0]);
	b->ctl = cfd[1];
	/* the sender's socket is the child's alone: its end is the child's */
	close(b->c);
	b->c = -1;
	ok = receive(_metadata, b, x, &g, &ev);
	took = now_ms() - t0;
	/* the sender's view, even of a failure: told that we gave up, or
	 * stalled itself, it reports within STALL_SECS
	 */
	close(b->ctl);
	b->ctl = -1;
	if (read(pfd[0], &r, sizeof(r)) != sizeof(r))
		r.step = -1;
	close(pfd[0]);
	ASSERT_EQ(waitpid(b->child, &st, 0), b->child);
	b->child = 0;
	free(g.next);

	t3 = mib_in(b->ns_a, "SctpT3Retransmits");
	fast = mib_in(b->ns_a, "SctpFastRetransmits");
	/* a corrupted INIT, COOKIE ECHO or SHUTDOWN is resent by its timer */
	ctl = mib_in(b->ns_a, "SctpT1InitExpireds") +
	      mib_in(b->ns_a, "SctpT1CookieExpireds") +
	      mib_in(b->ns_a, "SctpT2ShutdownExpireds");
	TH_LOG("%s: %u/%u messages, %llu bytes in %ld ms (%.2f MB/s), %u reads",
	       b->cond->name, g.count, x->count,
	       (unsigned long long)g.bytes, took,
	       took ? g.bytes / 1000.0 / took : 0.0, g.pieces);
	/* to the last message read: the end's handshake is not goodput */
	ms = g.t_last ? g.t_last - t0 : took;
	TH_LOG("goodput: %.3f Mbit/s (%llu of %llu bytes in %ld ms, %zu-byte messages%s)",
	       ms ? g.bytes * 8 / 1000.0 / ms : 0.0,
	       (unsigned long long)g.bytes,
	       (unsigned long long)total_bytes(x), ms, max_size(x),
	       g.count == x->count ? "" : ", incomplete");
	TH_LOG("longest wait: %ld ms for a new byte, %ld ms for a whole message (partial delivery point %u)",
	       g.max_gap, g.max_msg_gap, x->pd_point);
	TH_LOG("A: %ld packets out, %ld in, %ld T3 expiries, T3 rtx %ld, fast rtx %ld, discards %ld, bad CRC %ld, OOTB %ld (%ld when the last message was read), aborted %ld",
	       mib_in(b->ns_a, "SctpOutSCTPPacks"),
	       mib_in(b->ns_a, "SctpInSCTPPacks"),
	       mib_in(b->ns_a, "SctpT3RtxExpireds"), t3, fast,
	       mib_in(b->ns_a, "SctpInPktDiscards"),
	       mib_in(b->ns_a, "SctpChecksumErrors"),
	       mib_in(b->ns_a, "SctpOutOfBlues"), g.ootb_a,
	       mib_in(b->ns_a, "SctpAborteds"));
	TH_LOG("B: %ld packets out, %ld in, discards %ld, DATA discards %ld, bad CRC %ld, OOTB %ld (%ld when the last message was read), aborted %ld, T2 expiries %ld",
	       mib_in(b->ns_b, "SctpOutSCTPPacks"),
	       mib_in(b->ns_b, "SctpInSCTPPacks"),
	       mib_in(b->ns_b, "SctpInPktDiscards"),
	       mib_in(b->ns_b, "SctpInDataChunkDiscards"),
	       mib_in(b->ns_b, "SctpChecksumErrors"),
	       mib_in(b->ns_b, "SctpOutOfBlues"), g.ootb_b,
	       mib_in(b->ns_b, "SctpAborteds"),
	       mib_in(b->ns_b, "SctpT2ShutdownExpireds"));
	out_a = mib_in(b->ns_a, "SctpOutSCTPPacks");
	crc_b = mib_in(b->ns_b, "SctpChecksumErrors");

	if (!ok && g.stalled && intree_mode() && b->cond->intree_may_stall)
		SKIP(return, "in-tree sctp.ko stalled under %s (its own behaviour: see the fixture netem)",
		     b->cond->name);
	EXPECT_TRUE(ok);
	if (r.step < 0) {
		TH_LOG("no report from the sender");
	} else if (r.step) {
		TH_LOG("sender: %s after %u messages: %s (sac_state %d)",
		       sent_step[r.step], r.count, strerror(r.err),
		       r.state - 100);
	}
	EXPECT_EQ(r.step, 0);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!ok || r.step)
		return;
	EXPECT_EQ(r.count, x->count);
	EXPECT_EQ(g.count, x->count);
	EXPECT_EQ(r.bytes, total_bytes(x));
	EXPECT_EQ(g.bytes, r.bytes);
	EXPECT_EQ(g.hash, r.hash);
	/* nothing but the end came back to the sender */
	EXPECT_EQ(r.data, 0);
	if (b->type == SOCK_SEQPACKET)
		EXPECT_EQ(ev.id, b->s_id);
	/* netem drops whole skbs, and a GSO skb holds several packets, so
	 * the sender's packet count alone does not make a loss likely
	 * enough: B must also have missed some of them
	 */
	if (b->cond->rtx_after && out_a >= b->cond->rtx_after &&
	    mib_in(b->ns_b, "SctpInSCTPPacks") < out_a)
		EXPECT_GT(t3 + fast + ctl, 0) {
			TH_LOG("%s: nothing retransmitted", b->cond->name);
		}
	if (b->cond->rtx_if_bad_crc && crc_b > 0)
		EXPECT_GT(t3 + fast + ctl, 0) {
			TH_LOG("%s: nothing retransmitted", b->cond->name);
		}
	EXPECT_EQ(mib_in(b->ns_a, "SctpCurrEstab"), 0);
	EXPECT_EQ(mib_in(b->ns_b, "SctpCurrEstab"), 0);
	EXPECT_EQ(mib_in(b->ns_a, "SctpAborteds"), 0);
	if (g.lost_at_end) {
		TH_LOG("note: the receiver's association ended in an ABORT after SHUTDOWN_EVENT (the §8.4 race, %s)",
		       b->cond->name);
		EXPECT_GE(mib_in(b->ns_a, "SctpOutOfBlues"), 1);
		return;
	}
	EXPECT_EQ(mib_in(b->ns_b, "SctpAborteds"), 0);
}

/* Small messages, many of them: 1 B each in its own packet (NODELAY). */
TEST_F_TIMEOUT(lossy, one_byte, 90)
{
	struct xfer x = { .count = 200, .nsizes = 1, .sizes = { 1 },
			  .streams = 4, .nodelay = true };

	SETUP_SKIPPED_RETURN();
	run_xfer(_metadata, &self->bed, &x);
}

/* One full packet each (a 1500-byte MTU less IPv4, SCTP, DATA headers;
 * IPv6's 20 more bytes of header split it in two).
 */
TEST_F_TIMEOUT(lossy, mtu_sized, 90)
{
	struct xfer x = { .count = 200, .nsizes = 1, .sizes = { 1452 },
			  .streams = 4, .nodelay = true };

	SETUP_SKIPPED_RETURN();
	run_xfer(_metadata, &self->bed, &x);
}

TEST_F_TIMEOUT(lossy, k64, 90)
{
	struct xfer x = { .count = 6, .nsizes = 1, .sizes = { 64 * KIB },
			  .streams = 4 };

	SETUP_SKIPPED_RETURN();
	run_xfer(_metadata, &self->bed, &x);
}

/* Larger than the receive buffer: partial delivery. One message per
 * case (1-4 s here); the bulk transfers send 61 more, in order.
 */
TEST_F_TIMEOUT(lossy, m1, 90)
{
	struct xfer x = { .count = 1, .nsizes = 1, .sizes = { MIB },
			  .streams = 1 };

	SETUP_SKIPPED_RETURN();
	run_xfer(_metadata, &self->bed, &x);
}

/* 64.8 MiB: 61 messages of 1 MiB and 61 of 64 KiB in turn, on three
 * streams.
 */
TEST_F_TIMEOUT(bulk, bulk_64mib, 240)
{
	struct xfer x = { .count = 122, .nsizes = 2,
			  .sizes = { MIB, 64 * KIB }, .streams = 3 };

	SETUP_SKIPPED_RETURN();
	/* The in-tree module's bulk rate is lower still; this run checks
	 * the test against a known stack, which the small cases do.
	 */
	if (intree_mode())
		SKIP(return, "in-tree: too slow for 64 MiB here");
	run_xfer(_metadata, &self->bed, &x);
}

/* All the conditions at once: "delay 10ms reorder 25% loss 5%
 * duplicate 1%" on both ends, set once the association is up, the
 * kernel's timers (tune_real), at a 1500-byte MTU; the default socket
 * options (Nagle, delayed SACK), or SCTP_NODELAY at the sender.
 *
 * How much each case sends: the in-tree module moves 2.6 to 8.4 Mbit/s
 * through this profile in a TCG guest, 1 Mbit/s on a bad day, so that
 * a case takes 1-8 s there (34 s at worst, for 4 MiB at 1 Mbit/s) and
 * all 32 of them 2-4 minutes, on top of the 2.5-3 of the cases above,
 * within the program's 600 s. Every case still meets tens of losses
 * each way. The 1 MiB case keeps issue 14's 4 MiB, 4 MiB buffers on
 * both ends: the transfer that did not finish.
 */
FIXTURE(netem) {
	struct bed bed;
};

FIXTURE_VARIANT(netem) {
	int family;
	int type;
	const struct cond *cond;
};

LOSSY_VARIANTS(netem, default, cond_netem);
LOSSY_VARIANTS(netem, nodelay, cond_netem_nodelay);

FIXTURE_SETUP(netem)
{
	/* each case sets up its bed itself: its buffers come first */
	bed_init(&self->bed);
}

FIXTURE_TEARDOWN(netem)
{
	bed_teardown(&self->bed);
}

/* The receiver of 1 MiB messages reads them in pieces of at least this
 * much as they come in order (partial delivery, RFC 6458 §8.1.21), so
 * that its stall guard sees every new byte, as it does for smaller
 * messages: a whole 1 MiB message takes 2-4 s here, and one that needs
 * two T3-rtx recoveries (1 s, then 2 s of RTO, each followed by a slow
 * start from one packet whose SACKs are delayed) can take longer than
 * STALL_SECS while its data still moves.
 */
#define NETEM_PD_POINT	(64 * KIB)

/* @total bytes in messages of @size bytes; @buf: both buffers, or 0. */
static void netem_xfer(struct __test_metadata *_metadata, struct bed *bed,
		       const FIXTURE_VARIANT(netem) *v, size_t size,
		       size_t total, int buf)
{
	struct xfer x = { .count = total / size, .nsizes = 1,
			  .sizes = { size }, .streams = size < MIB ? 4 : 1,
			  .nodelay = v->cond->nodelay,
			  .pd_point = size >= MIB ? NETEM_PD_POINT : 0 };

	bed_setup(_metadata, bed, v->family, v->type, v->cond, 0, buf);
	SETUP_SKIPPED_RETURN();
	run_xfer(_metadata, bed, &x);
}

/* 512 messages of 1 B: Nagle bundles them unless SCTP_NODELAY. */
TEST_F_TIMEOUT(netem, one_byte, 60)
{
	netem_xfer(_metadata, &self->bed, variant, 1, 512, 0);
}

/* 361 of 1452 B, 512 KiB. */
TEST_F_TIMEOUT(netem, mtu_sized, 60)
{
	netem_xfer(_metadata, &self->bed, variant, 1452, 512 * KIB, 0);
}

/* 16 of 64 KiB, 1 MiB. */
TEST_F_TIMEOUT(netem, k64, 60)
{
	netem_xfer(_metadata, &self->bed, variant, 64 * KIB, MIB, 0);
}

/* 4 of 1 MiB, 4 MiB, with SO_SNDBUF and SO_RCVBUF of 4 MiB on both
 * ends (the kernel doubles them): four whole messages fit in the
 * window.
 */
TEST_F_TIMEOUT(netem, m1, 120)
{
	netem_xfer(_metadata, &self->bed, variant, MIB, 4 * MIB, 4 * MIB);
}

TEST_HARNESS_MAIN
