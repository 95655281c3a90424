// SPDX-License-Identifier: GPL-2.0
/*
 * Small messages with the default socket options (RFC 9260 §6.1, §6.2):
 * Nagle on at the sender and delayed SACK on at the receiver must never
 * leave a message waiting for the SACK timer while nothing else is in
 * flight. Issue 14: 512 messages of 1 byte took 6 s over loopback where
 * the in-tree module takes 0.8 s.
 *
 * Each case runs in fresh network namespaces (default sysctls: delayed
 * SACK 200 ms, RTO.Min 1 s), over loopback (one namespace, 127.0.0.1)
 * or over a veth pair between two (nsctp_netns.h), with a one-to-one or
 * a one-to-many socket at each end, and the default options or
 * SCTP_NODELAY at both ends (for contrast):
 *
 *   one_byte   512 messages of 1 B, one way, back to back
 *   hundred    512 messages of 100 B, one way, back to back
 *   rr         512 requests of 1 B, each answered by 1 B before the
 *              next (request/response traffic)
 *   late       512 messages of 1 B, the receiver reading only from
 *              1 s on: by then the sender has filled what the buffers
 *              and the window take (each 1-byte message costs a whole
 *              buffer's overhead), and the rest needs the window to
 *              reopen as the receiver reads
 *
 * A child process sends with sctp_sendmsg(): message i with PPID i on
 * stream 0, its bytes a function of i; the parent reads each message
 * with sctp_recvmsg() and checks it whole (MSG_EOR), its length, every
 * byte, its PPID (the next in order: none missing, none twice) and, on a
 * one-to-many socket, that all come from one association; then the
 * sender's graceful end (close()), after which no message may come. The
 * cases log messages (or round trips) per second and both sides' packet
 * counts; they assert no speed (the benchmark measures it), only that
 * nothing stalls: SO_RCVTIMEO and SO_SNDTIMEO of 10 s fail a case
 * ("stall") when no new message arrived for 10 s.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
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

#define PORT_A		5202
#define PORT_B		5201

#define COUNT		512
#define STALL_SECS	10
#define MAX_SIZE	100

/* The sender's exit status. */
enum { SENT_OK, SENT_STALL, SENT_ERR };

FIXTURE(small) {
	int ns_a, ns_b;		/* the same netns over loopback */
	struct nsctp_addr a;	/* the sender's address, in A */
	struct nsctp_addr b;	/* the receiver's address, in B */
	int lsn;		/* B: the listener */
	int c;			/* A: the sender */
	int s;			/* B: its peer (accepted, or the listener) */
	pid_t child;
};

FIXTURE_VARIANT(small) {
	bool veth;
	int type;
	bool nodelay;
};

FIXTURE_VARIANT_ADD(small, lo_stream) { false, SOCK_STREAM, false };
FIXTURE_VARIANT_ADD(small, lo_seqpacket) { false, SOCK_SEQPACKET, false };
FIXTURE_VARIANT_ADD(small, veth_stream) { true, SOCK_STREAM, false };
FIXTURE_VARIANT_ADD(small, veth_seqpacket) { true, SOCK_SEQPACKET, false };
FIXTURE_VARIANT_ADD(small, lo_stream_nodelay) { false, SOCK_STREAM, true };
FIXTURE_VARIANT_ADD(small, lo_seqpacket_nodelay) {
	false, SOCK_SEQPACKET, true };
FIXTURE_VARIANT_ADD(small, veth_stream_nodelay) { true, SOCK_STREAM, true };
FIXTURE_VARIANT_ADD(small, veth_seqpacket_nodelay) {
	true, SOCK_SEQPACKET, true };

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long mib_in(int ns, const char *name)
{
	return netns_enter(ns) ? -1 : mib(name);
}

/* Byte j of message i; @salt tells requests from replies. */
static void fill(unsigned char *buf, unsigned int i, size_t len, int salt)
{
	size_t j;

	for (j = 0; j < len; j++)
		buf[j] = (unsigned char)(i * 0x9d + (i >> 8) * 0x11 + j * 0x3b +
					 salt);
}

/* The options of every socket here: the events we read (an
 * sctp_sndrcvinfo with each message, the association's changes, the
 * peer's SHUTDOWN), the stall guard, and SCTP_NODELAY if @nodelay.
 */
static int sock_opts(int fd, bool nodelay)
{
	struct sctp_event_subscribe ev = {
		.sctp_data_io_event = 1,
		.sctp_association_event = 1,
		.sctp_shutdown_event = 1,
	};
	struct timeval tv = { .tv_sec = STALL_SECS };
	int one = 1;

	if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    (nodelay && setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one,
				   sizeof(one))))
		return -errno;
	return 0;
}

static int sock_at(int ns, int type, const struct nsctp_addr *addr,
		   bool nodelay)
{
	int fd;

	if (netns_enter(ns))
		return -1;
	fd = socket(addr->sa.sa_family, type, IPPROTO_SCTP);
	if (fd < 0)
		return -1;
	if (bind(fd, &addr->sa, addr->len) || sock_opts(fd, nodelay)) {
		close(fd);
		return -1;
	}
	return fd;
}

FIXTURE_SETUP(small)
{
	const char *a4 = "127.0.0.1", *b4 = "127.0.0.1";
	int s;

	self->ns_a = self->ns_b = self->lsn = self->c = self->s = -1;
	self->child = 0;
	if (geteuid())
		SKIP(return, "needs root (network namespaces)");
	if (variant->veth) {
		s = netns_pair(&self->ns_a, &self->ns_b);
		if (s == -EOPNOTSUPP)
			SKIP(return, "no veth");
		ASSERT_EQ(s, 0);
		a4 = NETNS_A4;
		b4 = NETNS_B4;
	} else {
		/* fresh MIB and default sysctls, as over veth */
		self->ns_a = netns_new();
		ASSERT_GE(self->ns_a, 0);
		self->ns_b = dup(self->ns_a);
		ASSERT_GE(self->ns_b, 0);
	}
	s = socket(AF_INET, variant->type, IPPROTO_SCTP);
	if (s < 0 && (errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(s, 0);
	close(s);
	ASSERT_TRUE(nsctp_addr(&self->a, AF_INET, a4, PORT_A));
	ASSERT_TRUE(nsctp_addr(&self->b, AF_INET, b4, PORT_B));
	self->lsn = sock_at(self->ns_b, variant->type, &self->b,
			    variant->nodelay);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(listen(self->lsn, 4), 0);
	self->c = sock_at(self->ns_a, variant->type, &self->a,
			  variant->nodelay);
	ASSERT_GE(self->c, 0);
	ASSERT_EQ(connect(self->c, &self->b.sa, self->b.len), 0) {
		TH_LOG("connect: %s", strerror(errno));
	}
	if (variant->type == SOCK_STREAM) {
		self->s = accept(self->lsn, NULL, NULL);
		ASSERT_GE(self->s, 0);
		/* SO_RCVTIMEO and SO_SNDTIMEO are not inherited */
		ASSERT_EQ(sock_opts(self->s, variant->nodelay), 0);
	} else {
		self->s = self->lsn;
	}
}

FIXTURE_TEARDOWN(small)
{
	if (self->child > 0) {
		kill(self->child, SIGKILL);
		waitpid(self->child, NULL, 0);
	}
	if (self->s >= 0 && self->s != self->lsn)
		close(self->s);
	if (self->lsn >= 0)
		close(self->lsn);
	if (self->c >= 0)
		close(self->c);
	/* the namespaces end with this process */
	if (self->ns_a >= 0)
		close(self->ns_a);
	if (self->ns_b >= 0)
		close(self->ns_b);
}

/* What a notification said; false (and why, logged) if the association
 * went away.
 */
static bool notification(struct __test_metadata *_metadata,
			 const void *buf, size_t len, bool *shutdown)
{
	const union sctp_notification *n = buf;

	if (len < sizeof(n->sn_header))
		return true;
	switch (n->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		if (len < sizeof(n->sn_assoc_change))
			return true;
		switch (n->sn_assoc_change.sac_state) {
		case SCTP_COMM_UP:
			return true;
		case SCTP_SHUTDOWN_COMP:
			*shutdown = true;
			return true;
		}
		TH_LOG("association change: state %d, error %d",
		       n->sn_assoc_change.sac_state,
		       n->sn_assoc_change.sac_error);
		return false;
	case SCTP_SHUTDOWN_EVENT:
		*shutdown = true;
		return true;
	}
	return true;
}

/* Read the next message of @want bytes, number @i (PPID, content with
 * @salt) from @fd into @buf and check it: 0, or -1 with the reason
 * logged. Notifications on the way are read past; *@shutdown is set
 * when the peer ends.
 */
static int recv_msg(struct __test_metadata *_metadata, int fd,
		    unsigned int i, size_t want, int salt,
		    sctp_assoc_t *id, bool *shutdown, const char *what)
{
	unsigned char buf[MAX_SIZE + 64], exp[MAX_SIZE];
	struct sctp_sndrcvinfo si;
	int flags;
	ssize_t n;

	for (;;) {
		memset(&si, 0, sizeof(si));
		flags = 0;
		n = sctp_recvmsg(fd, buf, sizeof(buf), NULL, NULL, &si,
				 &flags);
		if (n < 0 && errno == EAGAIN) {
			TH_LOG("stall: no new %s for %d s, after %u of %u",
			       what, STALL_SECS, i, COUNT);
			return -1;
		}
		if (n < 0) {
			TH_LOG("recvmsg after %u %ss: %s", i, what,
			       strerror(errno));
			return -1;
		}
		if (n == 0) {
			TH_LOG("end of file after %u of %u %ss", i, COUNT,
			       what);
			return -1;
		}
		if (!(flags & MSG_NOTIFICATION))
			break;
		if (!notification(_metadata, buf, n, shutdown))
			return -1;
	}
	if (!(flags & MSG_EOR) || (size_t)n != want) {
		TH_LOG("%s %u: %zd bytes%s, expected %zu whole", what, i, n,
		       flags & MSG_EOR ? "" : " without MSG_EOR", want);
		return -1;
	}
	if (ntohl(si.sinfo_ppid) != i || si.sinfo_stream) {
		TH_LOG("%s %u: PPID %u on stream %u (%s)", what, i,
		       ntohl(si.sinfo_ppid), si.sinfo_stream,
		       ntohl(si.sinfo_ppid) < i ? "duplicate or out of order" :
						  "missing ones");
		return -1;
	}
	fill(exp, i, want, salt);
	if (memcmp(buf, exp, want)) {
		TH_LOG("%s %u: wrong bytes", what, i);
		return -1;
	}
	if (id) {
		if (!*id)
			*id = si.sinfo_assoc_id;
		if (si.sinfo_assoc_id != *id) {
			TH_LOG("%s %u: association %d, expected %d", what, i,
			       si.sinfo_assoc_id, *id);
			return -1;
		}
	}
	return 0;
}

/* After the last message, the sender's graceful end: one-to-one end of
 * file, one-to-many SHUTDOWN_EVENT or SHUTDOWN_COMP; no data before it.
 */
static bool wait_end(struct __test_metadata *_metadata, int fd, int type,
		     bool shutdown)
{
	unsigned char buf[MAX_SIZE + 64];
	int flags;
	ssize_t n;

	for (;;) {
		if (shutdown && type == SOCK_SEQPACKET)
			return true;
		flags = 0;
		n = sctp_recvmsg(fd, buf, sizeof(buf), NULL, NULL, NULL,
				 &flags);
		if (n < 0 && errno == EAGAIN) {
			TH_LOG("stall: no end of the association for %d s after the last message",
			       STALL_SECS);
			return false;
		}
		if (n < 0) {
			TH_LOG("recvmsg after the last message: %s",
			       strerror(errno));
			return false;
		}
		if (n == 0)
			return type == SOCK_STREAM;
		if (!(flags & MSG_NOTIFICATION)) {
			TH_LOG("a message more than sent (%zd bytes)", n);
			return false;
		}
		if (!notification(_metadata, buf, n, &shutdown))
			return false;
	}
}

/* The child's failure, on stderr (the harness shows it) and in its
 * exit status.
 */
static void __attribute__((noreturn)) child_fail(const char *what,
						 unsigned int i)
{
	int err = errno;

	if (err == EAGAIN)
		fprintf(stderr, "# sender: stall: %s blocked for %d s at %u of %u\n",
			what, STALL_SECS, i, COUNT);
	else
		fprintf(stderr, "# sender: %s at %u of %u: %s\n", what, i,
			COUNT, strerror(err));
	_exit(err == EAGAIN ? SENT_STALL : SENT_ERR);
}

/* The child: @COUNT messages of @size bytes, each followed by a reply
 * of as many if @rr, then the graceful end (close()).
 */
static void __attribute__((noreturn))
sender(FIXTURE_DATA(small) *self, const FIXTURE_VARIANT(small) *v,
       size_t size, bool rr)
{
	const struct nsctp_addr *to = v->type == SOCK_SEQPACKET ? &self->b :
								   NULL;
	unsigned char buf[MAX_SIZE], exp[MAX_SIZE], got[MAX_SIZE + 64];
	unsigned int i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (i = 0; i < COUNT; i++) {
		struct sctp_sndrcvinfo si;
		int n, flags;

		fill(buf, i, size, 0);
		n = sctp_sendmsg(self->c, buf, size,
				 to ? (void *)&to->sa : NULL,
				 to ? to->len : 0, htonl(i), 0, 0, 0, 0);
		if (n < 0)
			child_fail("sctp_sendmsg", i);
		if ((size_t)n != size) {
			fprintf(stderr, "# sender: short send at %u\n", i);
			_exit(SENT_ERR);
		}
		if (!rr)
			continue;
		do {
			memset(&si, 0, sizeof(si));
			flags = 0;
			n = sctp_recvmsg(self->c, got, sizeof(got), NULL, NULL,
					 &si, &flags);
			if (n < 0)
				child_fail("reading the reply", i);
			if (!n) {
				fprintf(stderr, "# sender: end of file at reply %u\n",
					i);
				_exit(SENT_ERR);
			}
		} while (flags & MSG_NOTIFICATION);
		fill(exp, i, size, 0x80);
		if ((size_t)n != size || !(flags & MSG_EOR) ||
		    ntohl(si.sinfo_ppid) != i || memcmp(got, exp, size)) {
			fprintf(stderr, "# sender: reply %u wrong: %d bytes, flags %#x, PPID %u\n",
				i, n, flags, ntohl(si.sinfo_ppid));
			_exit(SENT_ERR);
		}
	}
	/* the graceful end: SHUTDOWN once all of it is acknowledged */
	close(self->c);
	_exit(SENT_OK);
}

/* The answer to request @i, on association @id (one-to-many). */
static bool reply(struct __test_metadata *_metadata, int fd, unsigned int i,
		  size_t size, sctp_assoc_t id)
{
	struct sctp_sndrcvinfo si = { .sinfo_ppid = htonl(i),
				      .sinfo_assoc_id = id };
	unsigned char buf[MAX_SIZE];

	fill(buf, i, size, 0x80);
	if (sctp_send(fd, buf, size, &si, 0) == (ssize_t)size)
		return true;
	if (errno == EAGAIN)
		TH_LOG("stall: no room for reply %u for %d s", i, STALL_SECS);
	else
		TH_LOG("sctp_send: reply %u: %s", i, strerror(errno));
	return false;
}

static void run(struct __test_metadata *_metadata, FIXTURE_DATA(small) *self,
		const FIXTURE_VARIANT(small) *v, size_t size, bool rr,
		int late_ms)
{
	const char *what = rr ? "request" : "message";
	sctp_assoc_t id = 0, *idp = v->type == SOCK_SEQPACKET ? &id : NULL;
	bool shutdown = false, ok = true;
	unsigned int i;
	long t0, ms;
	int st;

	t0 = now_ms();
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child)
		sender(self, v, size, rr);
	/* the sender's socket is the child's alone: its end is the child's */
	close(self->c);
	self->c = -1;
	if (late_ms) {
		usleep(late_ms * 1000);
		t0 = now_ms();
	}
	for (i = 0; i < COUNT; i++) {
		if (recv_msg(_metadata, self->s, i, size, 0, idp, &shutdown,
			     what)) {
			ok = false;
			break;
		}
		if (rr && !reply(_metadata, self->s, i, size, id)) {
			ok = false;
			break;
		}
	}
	ms = now_ms() - t0;
	TH_LOG("%s%s, %zu-byte %ss, %s: %u of %u in %ld ms%s, %.0f %s/s",
	       v->veth ? "veth" : "loopback",
	       v->type == SOCK_STREAM ? " one-to-one" : " one-to-many",
	       size, what, v->nodelay ? "SCTP_NODELAY" : "default options",
	       i, COUNT, ms, late_ms ? " from the first read" : "",
	       ms ? i * 1000.0 / ms : 0.0, rr ? "round trips" : "messages");
	if (ok)
		ok = wait_end(_metadata, self->s, v->type, shutdown);
	if (!ok)
		kill(self->child, SIGKILL);
	ASSERT_EQ(waitpid(self->child, &st, 0), self->child);
	self->child = 0;
	/* how many packets it took (over loopback, both sides count in A) */
	TH_LOG("A: %ld packets out, %ld in, T3 rtx %ld; B: %ld out, %ld in",
	       mib_in(self->ns_a, "SctpOutSCTPPacks"),
	       mib_in(self->ns_a, "SctpInSCTPPacks"),
	       mib_in(self->ns_a, "SctpT3Retransmits"),
	       v->veth ? mib_in(self->ns_b, "SctpOutSCTPPacks") : 0,
	       v->veth ? mib_in(self->ns_b, "SctpInSCTPPacks") : 0);
	ASSERT_TRUE(ok);
	/* Nothing is lost here (no netem): a receiver that reads late
	 * must not cost the sender a timeout. The window counts payload
	 * bytes at an average memory cost, so a sender of 1-byte messages
	 * may overshoot the memory by a few chunks; they were dropped and
	 * waited for T3 (a second: 512 messages took 1.08 s, not 0.05).
	 */
	if (late_ms)
		EXPECT_EQ(mib_in(self->ns_a, "SctpT3Retransmits"), 0);
	EXPECT_EQ(i, COUNT);
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(WEXITSTATUS(st), SENT_OK);
}

TEST_F_TIMEOUT(small, one_byte, 60)
{
	SETUP_SKIPPED_RETURN();
	run(_metadata, self, variant, 1, false, 0);
}

TEST_F_TIMEOUT(small, hundred, 60)
{
	SETUP_SKIPPED_RETURN();
	run(_metadata, self, variant, 100, false, 0);
}

TEST_F_TIMEOUT(small, rr, 60)
{
	SETUP_SKIPPED_RETURN();
	run(_metadata, self, variant, 1, true, 0);
}

TEST_F_TIMEOUT(small, late, 60)
{
	SETUP_SKIPPED_RETURN();
	run(_metadata, self, variant, 1, false, 1000);
}

TEST_HARNESS_MAIN
