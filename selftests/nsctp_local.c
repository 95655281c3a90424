// SPDX-License-Identifier: GPL-2.0
/*
 * Local (unprivileged user) defects: what any user on the machine can do
 * to the kernel through an SCTP socket.
 *
 * - sweep: every SOL_SCTP option name 0..255, set and get, with NULL,
 *   short, long, zeroed, all-ones and random buffers, by uid 65534 on
 *   fresh sockets of both families and styles and on sockets with an
 *   association; the child must survive, and every errno must be one a
 *   handler can mean.
 * - default_send: SCTP_DEFAULT_SEND_PARAM / SCTP_DEFAULT_SNDINFO with a
 *   NULL or short buffer are refused with EINVAL and change nothing.
 * - sendall: sendmsg(SCTP_SENDALL, RFC 6458 §5.3.4) that sleeps on one
 *   association while another is aborted under it.
 * - sockbuf/protocols/sctp_mem: socket memory as the in-tree module
 *   accounts it: SO_SNDBUF/SO_RCVBUF of a new socket come from
 *   net.core.[wr]mem_default; /proc/net/protocols counts the sockets and
 *   the pages charged; net.sctp.sctp_mem limits them.
 *
 * The expected behaviour is that of the in-tree sctp.ko (Linux 6.1).
 * Traffic stays on lo (the sweep runs in a network namespace of its own).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <netinet/sctp.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE	32
#endif

#define NOBODY		65534
#define SCTP_MEM	"/proc/sys/net/sctp/sctp_mem"
#define WMEM_DEFAULT	"/proc/sys/net/core/wmem_default"
#define RMEM_DEFAULT	"/proc/sys/net/core/rmem_default"
#define WMEM_MAX	"/proc/sys/net/core/wmem_max"
#define RMEM_MAX	"/proc/sys/net/core/rmem_max"
#define MEM_PCPU_RSV	"/proc/sys/net/core/mem_pcpu_rsv"

/* NSCTP_LOCAL_CASES=sweep,sendall runs only the fixtures named (to see
 * the others on a stack that one of them crashes); all by default.
 */
static bool case_wanted(const char *fixture)
{
	const char *l = getenv("NSCTP_LOCAL_CASES");
	size_t n = strlen(fixture);

	while (l && *l) {
		if (!strncmp(l, fixture, n) && (l[n] == ',' || !l[n]))
			return true;
		l = strchr(l, ',');
		l = l ? l + 1 : NULL;
	}
	return !l && !getenv("NSCTP_LOCAL_CASES");
}

#define CASE_WANTED(fixture)						\
	do {								\
		if (!case_wanted(fixture))				\
			SKIP(return, "not in NSCTP_LOCAL_CASES");	\
	} while (0)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* setgroups(0), setgid(), setuid() to nobody; false if any failed. */
static bool drop_privileges(void)
{
	return !setgroups(0, NULL) && !setgid(NOBODY) && !setuid(NOBODY) &&
	       getuid() == NOBODY && geteuid() == NOBODY;
}

/* An association over lo: @lsn listens, @cli connected to it, @srv its
 * peer (the accepted socket, or the listener itself for one-to-many).
 */
struct assoc {
	int lsn, cli, srv;
	struct nsctp_addr addr;		/* the listener's */
};

/* sendmsg() with an SCTP_SNDRCV cmsg; @to may be NULL. */
static ssize_t send_sndrcv(int fd, const void *buf, size_t len,
			   const struct nsctp_addr *to, uint16_t flags,
			   uint32_t ppid, int msgflags)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))] = {};
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr m = {
		.msg_name = to ? (void *)&to->sa : NULL,
		.msg_namelen = to ? to->len : 0,
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct sctp_sndrcvinfo *si;

	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	si = (void *)CMSG_DATA(c);
	si->sinfo_flags = flags;
	si->sinfo_ppid = ppid;
	return sendmsg(fd, &m, msgflags | MSG_NOSIGNAL);
}

/* Wait up to @ms for @fd to be readable: 1, 0 on timeout, -1 on error. */
static int wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms);
}

/* Read one whole message (up to MSG_EOR, notifications skipped) into
 * @buf, giving up when no byte comes for @stall_ms. Its length, -1 on an
 * error or a stall, -2 if larger than @cap.
 */
static ssize_t read_msg(int fd, unsigned char *buf, size_t cap, int stall_ms)
{
	size_t got = 0;

	for (;;) {
		struct iovec iov = { .iov_base = buf + got, .iov_len = cap - got };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n;

		if (!iov.iov_len)
			return -2;
		if (wait_readable(fd, stall_ms) != 1)
			return -1;
		n = recvmsg(fd, &m, MSG_DONTWAIT);
		if (n <= 0)
			return -1;
		if (m.msg_flags & MSG_NOTIFICATION) {
			if (got)
				return -1;
			continue;
		}
		got += n;
		if (m.msg_flags & MSG_EOR)
			return got;
	}
}

/* 0 or -errno; on failure everything opened is closed. */
static int assoc_open(struct assoc *a, int family, int type, int rcvbuf)
{
	unsigned char hello = 0x5a;
	int err;

	a->lsn = a->cli = a->srv = -1;
	nsctp_loopback(&a->addr, family, 0);
	a->lsn = nsctp_socket(family, type);
	if (a->lsn < 0)
		return -errno;
	if (rcvbuf && nsctp_setint(a->lsn, SOL_SOCKET, SO_RCVBUF, rcvbuf))
		goto fail;
	if (bind(a->lsn, &a->addr.sa, a->addr.len) ||
	    getsockname(a->lsn, &a->addr.sa, &a->addr.len) ||
	    listen(a->lsn, 8))
		goto fail;
	a->cli = nsctp_socket(family, type);
	if (a->cli < 0)
		goto fail;
	if (type == SOCK_STREAM) {
		if (connect(a->cli, &a->addr.sa, a->addr.len))
			goto fail;
		a->srv = accept(a->lsn, NULL, NULL);
		if (a->srv < 0)
			goto fail;
		return 0;
	}
	/* One-to-many: the first message sets the association up. */
	a->srv = a->lsn;
	if (send_sndrcv(a->cli, &hello, 1, &a->addr, 0, 0, 0) != 1 ||
	    read_msg(a->srv, &hello, 1, 10000) != 1) {
		errno = errno ? errno : EPROTO;
		goto fail;
	}
	return 0;
fail:
	err = -errno;
	if (a->srv >= 0 && a->srv != a->lsn)
		close(a->srv);
	if (a->cli >= 0)
		close(a->cli);
	close(a->lsn);
	a->lsn = a->cli = a->srv = -1;
	return err ? err : -EPROTO;
}

static void assoc_close(struct assoc *a)
{
	if (a->srv >= 0 && a->srv != a->lsn)
		close(a->srv);
	if (a->cli >= 0)
		close(a->cli);
	if (a->lsn >= 0)
		close(a->lsn);
	a->lsn = a->cli = a->srv = -1;
}

/*
 * 1. The option sweep.
 */

/* The longest buffer: the largest fixed uapi struct, at least 512. */
#define SZMAX(a, b)	((a) > (b) ? (a) : (b))
#define SWEEP_MAXLEN							\
	SZMAX(SZMAX(SZMAX(sizeof(struct sctp_assoc_stats),		\
			  sizeof(struct sctp_status)),			\
		    SZMAX(sizeof(struct sctp_paddrparams),		\
			  sizeof(struct sctp_paddrinfo))),		\
	      SZMAX(SZMAX(sizeof(struct sctp_prstatus),			\
			  sizeof(struct sctp_event_subscribe)),		\
		    512UL))

/* The errnos an option handler may mean; anything else is a defect. */
static bool errno_expected(int e)
{
	switch (e) {
	case EINVAL: case EFAULT: case ENOPROTOOPT: case EOPNOTSUPP:
	case ENOTCONN: case EPERM: case EACCES: case ENOENT: case EALREADY:
	case EINPROGRESS: case EBUSY: case ENOMEM: case ENOBUFS:
	case EADDRINUSE: case EADDRNOTAVAIL: case EAFNOSUPPORT: case ESRCH:
	case EISCONN: case EMSGSIZE:
		return true;
	}
	return false;
}

struct sweep {
	const char *what;	/* the socket being swept */
	long calls;
	long bad;		/* calls failing with an unexpected errno */
};

static void sweep_note(struct sweep *s, const char *call, int opt,
		       long len, const char *buf)
{
	int e = errno;

	s->calls++;
	if (errno_expected(e))
		return;
	if (s->bad++ < 40)
		fprintf(stderr, "# %s: %s(SOL_SCTP, %d, %s, %ld): errno %d (%s)\n",
			s->what, call, opt, buf, len, e, strerror(e));
}

/* A small fixed-seed generator: the same bytes on every run. */
static uint32_t sweep_rand(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Every option name on @fd. Each length 1..SWEEP_MAXLEN is tried with one
 * of the three fills, rotated by @kind, so that the six sockets together
 * try every (name, length, fill) twice in about a minute under TCG.
 */
static void sweep_fd(struct sweep *s, int fd, int kind)
{
	static const char *const fills[] = { "zeroes", "0xff", "random" };
	static unsigned char buf[3][SWEEP_MAXLEN];
	static unsigned char out[SWEEP_MAXLEN];
	static const socklen_t getlens[] = { 0, 1, 3, SWEEP_MAXLEN };
	uint32_t seed;
	socklen_t len;
	unsigned int i;
	int opt;

	memset(buf[0], 0, sizeof(buf[0]));
	memset(buf[1], 0xff, sizeof(buf[1]));
	/* First NULL with length 0 everywhere: the cheapest crash. */
	for (opt = 0; opt < 256; opt++)
		if (setsockopt(fd, SOL_SCTP, opt, NULL, 0))
			sweep_note(s, "setsockopt", opt, 0, "NULL");
	for (opt = 0; opt < 256; opt++) {
		seed = 0x9e3779b9u ^ (opt * 2654435761u) ^ kind;
		for (i = 0; i < sizeof(buf[2]); i++)
			buf[2][i] = sweep_rand(&seed);
		for (len = 1; len <= SWEEP_MAXLEN; len++) {
			unsigned int f = (len + kind) % 3;

			if (setsockopt(fd, SOL_SCTP, opt, buf[f], len))
				sweep_note(s, "setsockopt", opt, len, fills[f]);
		}
		for (i = 0; i < ARRAY_SIZE(getlens); i++) {
			memset(out, 0, sizeof(out));
			len = getlens[i];
			if (getsockopt(fd, SOL_SCTP, opt, out, &len))
				sweep_note(s, "getsockopt", opt, getlens[i],
					   "buffer");
			else if (len > getlens[i])
				fprintf(stderr, "# %s: getsockopt(%d) of %u bytes says %u\n",
					s->what, opt, getlens[i], len), s->bad++;
		}
		len = 4;
		if (getsockopt(fd, SOL_SCTP, opt, NULL, &len))
			sweep_note(s, "getsockopt", opt, 4, "NULL");
	}
}

/* lo up in the child's own network namespace. */
static bool lo_up(void)
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
	close(fd);
	return ok;
}

/* The sweeping child: exit 0 if every call failed (if it did) with an
 * expected errno, 1 if not, 2-4 if it could not set itself up.
 */
static void sweep_child(void)
{
	static const struct { int family, type; const char *name; } kinds[] = {
		{ AF_INET, SOCK_STREAM, "ipv4 one-to-one" },
		{ AF_INET, SOCK_SEQPACKET, "ipv4 one-to-many" },
		{ AF_INET6, SOCK_STREAM, "ipv6 one-to-one" },
		{ AF_INET6, SOCK_SEQPACKET, "ipv6 one-to-many" },
	};
	struct sweep s = {};
	long total = 0, bad = 0;
	double t0 = now();
	unsigned int i;
	struct assoc a;
	int fd, err;

	/* Random bytes may be addresses: keep whatever they reach on lo. */
	if (unshare(CLONE_NEWNET) || !lo_up()) {
		fprintf(stderr, "# netns: %s\n", strerror(errno));
		_exit(2);
	}
	if (!drop_privileges()) {
		fprintf(stderr, "# dropping privileges: %s\n", strerror(errno));
		_exit(3);
	}
	for (i = 0; i < ARRAY_SIZE(kinds) + 2; i++) {
		char what[64];

		if (i < ARRAY_SIZE(kinds)) {
			fd = nsctp_socket(kinds[i].family, kinds[i].type);
			snprintf(what, sizeof(what), "%s", kinds[i].name);
			a.lsn = a.srv = a.cli = -1;
		} else {
			int type = i == ARRAY_SIZE(kinds) ? SOCK_SEQPACKET :
							    SOCK_STREAM;

			err = assoc_open(&a, AF_INET, type, 0);
			if (err) {
				fprintf(stderr, "# association: %s\n",
					strerror(-err));
				_exit(4);
			}
			fd = a.cli;
			snprintf(what, sizeof(what), "ipv4 %s, established",
				 type == SOCK_STREAM ? "one-to-one" :
						       "one-to-many");
		}
		if (fd < 0) {
			fprintf(stderr, "# socket: %s\n", strerror(errno));
			_exit(4);
		}
		/* No call may block (CONNECTX from random bytes). */
		fcntl(fd, F_SETFL, O_NONBLOCK);
		s = (struct sweep){ .what = what };
		sweep_fd(&s, fd, i);
		fprintf(stderr, "# %s: %ld calls, %ld bad errnos, %.1f s\n",
			what, s.calls, s.bad, now() - t0);
		total += s.calls;
		bad += s.bad;
		if (a.lsn >= 0)
			assoc_close(&a);
		else
			close(fd);
	}
	fprintf(stderr, "# %ld calls in %.1f s\n", total, now() - t0);
	_exit(bad ? 1 : 0);
}

FIXTURE(sweep) {
	int unused;
};

FIXTURE_SETUP(sweep)
{
}

FIXTURE_TEARDOWN(sweep)
{
}

/* As an unprivileged user: every name, every length, every pointer.
 * 270 s at most, times NSCTP_TIME_SCALE (the debug kernel's 3); the
 * harness's own bound is only a backstop.
 */
TEST_F_TIMEOUT(sweep, unprivileged, 1200)
{
	const char *scale_env = getenv("NSCTP_TIME_SCALE");
	int scale = scale_env ? atoi(scale_env) : 1;
	double deadline = now() + 270 * (scale >= 1 && scale <= 4 ? scale : 1);
	pid_t pid, w = 0;
	int st = 0;

	CASE_WANTED("sweep");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		sweep_child();
	while (now() < deadline) {
		w = waitpid(pid, &st, WNOHANG);
		if (w)
			break;
		usleep(100000);
	}
	if (!w) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	ASSERT_EQ(pid, w) TH_LOG("the sweep did not end in time");
	ASSERT_TRUE(WIFEXITED(st)) TH_LOG("the sweep was killed by signal %d",
					  WTERMSIG(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("exit %d: 1 = unexpected errnos, 2-4 = setup",
		       WEXITSTATUS(st));
}

/*
 * 1b. SCTP_DEFAULT_SEND_PARAM and SCTP_DEFAULT_SNDINFO with a NULL or
 * short buffer.
 */

FIXTURE(defsend) {
	int fd;
};

FIXTURE_VARIANT(defsend) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(defsend, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(defsend, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(defsend, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(defsend, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

FIXTURE_SETUP(defsend)
{
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd) TH_LOG("socket: %s", strerror(errno));
}

FIXTURE_TEARDOWN(defsend)
{
	close(self->fd);
}

static int get_sndrcvinfo(int fd, struct sctp_sndrcvinfo *si)
{
	socklen_t len = sizeof(*si);

	memset(si, 0, sizeof(*si));
	si->sinfo_assoc_id = SCTP_FUTURE_ASSOC;
	if (getsockopt(fd, SOL_SCTP, SCTP_DEFAULT_SEND_PARAM, si, &len))
		return -errno;
	return len == sizeof(*si) ? 0 : -EMSGSIZE;
}

static int get_sndinfo(int fd, struct sctp_sndinfo *si)
{
	socklen_t len = sizeof(*si);

	memset(si, 0, sizeof(*si));
	si->snd_assoc_id = SCTP_FUTURE_ASSOC;
	if (getsockopt(fd, SOL_SCTP, SCTP_DEFAULT_SNDINFO, si, &len))
		return -errno;
	return len == sizeof(*si) ? 0 : -EMSGSIZE;
}

TEST_F(defsend, null_and_short)
{
	struct sctp_sndrcvinfo sr = {
		.sinfo_stream = 3, .sinfo_flags = SCTP_UNORDERED,
		.sinfo_ppid = htonl(0x01020304), .sinfo_context = 77,
		.sinfo_timetolive = 500, .sinfo_assoc_id = SCTP_FUTURE_ASSOC,
	}, sr2;
	struct sctp_sndinfo sn, sn2;
	unsigned char junk[64];
	socklen_t len;

	CASE_WANTED("defsend");
	memset(junk, 0xa5, sizeof(junk));
	/* Known, non-zero defaults first, so that any change shows. */
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_DEFAULT_SEND_PARAM,
				&sr, sizeof(sr))) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, get_sndrcvinfo(self->fd, &sr2));
	ASSERT_EQ(sr.sinfo_ppid, sr2.sinfo_ppid);
	ASSERT_EQ(sr.sinfo_context, sr2.sinfo_context);

	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, SCTP_DEFAULT_SEND_PARAM,
				 NULL, 0));
	EXPECT_EQ(EINVAL, errno);
	for (len = 1; len < sizeof(sr); len++) {
		EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP,
					 SCTP_DEFAULT_SEND_PARAM, junk, len))
			TH_LOG("optlen %u accepted", len);
		EXPECT_EQ(EINVAL, errno) TH_LOG("optlen %u", len);
	}
	ASSERT_EQ(0, get_sndrcvinfo(self->fd, &sr2));
	EXPECT_EQ(sr.sinfo_stream, sr2.sinfo_stream);
	EXPECT_EQ(sr.sinfo_flags, sr2.sinfo_flags);
	EXPECT_EQ(sr.sinfo_ppid, sr2.sinfo_ppid);
	EXPECT_EQ(sr.sinfo_context, sr2.sinfo_context);
	EXPECT_EQ(sr.sinfo_timetolive, sr2.sinfo_timetolive);

	/* The same defaults seen as an SCTP_SNDINFO. */
	ASSERT_EQ(0, get_sndinfo(self->fd, &sn));
	EXPECT_EQ(sr.sinfo_stream, sn.snd_sid);
	EXPECT_EQ(sr.sinfo_ppid, sn.snd_ppid);
	EXPECT_EQ(sr.sinfo_context, sn.snd_context);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, SCTP_DEFAULT_SNDINFO,
				 NULL, 0));
	EXPECT_EQ(EINVAL, errno);
	for (len = 1; len < sizeof(sn); len++) {
		EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP,
					 SCTP_DEFAULT_SNDINFO, junk, len))
			TH_LOG("optlen %u accepted", len);
		EXPECT_EQ(EINVAL, errno) TH_LOG("optlen %u", len);
	}
	ASSERT_EQ(0, get_sndinfo(self->fd, &sn2));
	EXPECT_EQ(0, memcmp(&sn, &sn2, sizeof(sn)));
	ASSERT_EQ(0, get_sndrcvinfo(self->fd, &sr2));
	EXPECT_EQ(sr.sinfo_ppid, sr2.sinfo_ppid);
	EXPECT_EQ(sr.sinfo_timetolive, sr2.sinfo_timetolive);
}

/*
 * 2. SCTP_SENDALL while an association goes away under the sleeping
 * sender.
 */

#define SA_FILL_LEN	4096
#define SA_MSG_LEN	8192
#define SA_MSG_ID	0xabc

struct sendall_thread {
	int fd;
	ssize_t ret;
	int err;
	volatile int done;
};

static void *sendall_run(void *arg)
{
	struct sendall_thread *t = arg;
	unsigned char *buf = malloc(SA_MSG_LEN);

	if (buf) {
		nsctp_fill(buf, SA_MSG_ID, SA_MSG_LEN);
		t->ret = send_sndrcv(t->fd, buf, SA_MSG_LEN, NULL, SCTP_SENDALL,
				     htonl(SA_MSG_ID), 0);
		t->err = errno;
	} else {
		t->ret = -1;
		t->err = ENOMEM;
	}
	free(buf);
	__atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int assoc_count(int fd)
{
	uint32_t n = 0;
	socklen_t len = sizeof(n);

	if (getsockopt(fd, SOL_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len))
		return -errno;
	return n;
}

/* A one-to-one listener on lo with a small receive buffer; @peer gets
 * the accepted end once @s has sent it its first byte.
 */
static int sendall_peer(struct __test_metadata *_metadata, int s,
			struct nsctp_addr *addr, int *lsn, int *peer)
{
	unsigned char c = 0;

	*lsn = nsctp_socket(AF_INET, SOCK_STREAM);
	if (*lsn < 0)
		return -1;
	nsctp_loopback(addr, AF_INET, 0);
	if (nsctp_setint(*lsn, SOL_SOCKET, SO_RCVBUF, 16384) ||
	    bind(*lsn, &addr->sa, addr->len) ||
	    getsockname(*lsn, &addr->sa, &addr->len) || listen(*lsn, 4))
		return -1;
	if (send_sndrcv(s, &c, 1, addr, 0, 0, 0) != 1)
		return -1;
	*peer = accept(*lsn, NULL, NULL);
	if (*peer < 0)
		return -1;
	return read_msg(*peer, &c, 1, 10000) == 1 ? 0 : -1;
}

static void sendall_once(struct __test_metadata *_metadata, int round)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1,
					   .sctp_association_event = 1 };
	struct timeval tmo = { .tv_sec = 20 };
	int s, l1 = -1, p1 = -1, l2 = -1, p2 = -1, p2again, i, n;
	struct nsctp_addr a1, a2, any2;
	struct sendall_thread t = {};
	unsigned char *buf;
	unsigned int fills = 0, extra = 0;
	pthread_t th;
	double t0;

	buf = malloc(SA_MSG_LEN + 1);
	ASSERT_NE(NULL, buf);
	s = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, nsctp_setint(s, SOL_SOCKET, SO_SNDBUF, 16384));
	ASSERT_EQ(0, setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo)));
	/* P1 (filled, then read) and P2 (aborted), set up in either order. */
	if (round % 2 == 0) {
		ASSERT_EQ(0, sendall_peer(_metadata, s, &a1, &l1, &p1));
		ASSERT_EQ(0, sendall_peer(_metadata, s, &a2, &l2, &p2));
	} else {
		ASSERT_EQ(0, sendall_peer(_metadata, s, &a2, &l2, &p2));
		ASSERT_EQ(0, sendall_peer(_metadata, s, &a1, &l1, &p1));
	}
	ASSERT_EQ(2, assoc_count(s));

	/* Fill P1's window and S's send buffer, until SACKs in flight no
	 * longer make room.
	 */
	for (i = 0, n = 1; n; i++) {
		ASSERT_GT(50, i) TH_LOG("the send buffer never fills");
		/* longer than a delayed SACK (200 ms) */
		if (i)
			usleep(250000);
		for (n = 0;; n++) {
			ssize_t r;

			nsctp_fill(buf, fills, SA_FILL_LEN);
			r = send_sndrcv(s, buf, SA_FILL_LEN, &a1, 0,
					htonl(fills), MSG_DONTWAIT);
			if (r < 0)
				break;
			ASSERT_EQ(SA_FILL_LEN, r);
			ASSERT_GT(4000, ++fills)
				TH_LOG("the send buffer never fills");
		}
		ASSERT_EQ(EAGAIN, errno) TH_LOG("filling: %s", strerror(errno));
	}

	t.fd = s;
	ASSERT_EQ(0, pthread_create(&th, NULL, sendall_run, &t));
	usleep(300000);
	if (__atomic_load_n(&t.done, __ATOMIC_ACQUIRE)) {
		pthread_join(th, NULL);
		if (intree_mode() && t.ret < 0)
			SKIP(goto out, "in-tree: SCTP_SENDALL failed at once: %s",
			     strerror(t.err));
		ASSERT_TRUE(0) TH_LOG("SCTP_SENDALL did not block (%zd, %s)",
				      t.ret, strerror(t.err));
	}

	/* Abort P2's association from its end while S sleeps on P1's. */
	ASSERT_EQ(0, setsockopt(p2, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	close(p2);
	p2 = -1;
	close(l2);
	l2 = -1;
	/* A listener in P2's place sees anything still sent to P2. */
	p2again = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	ASSERT_LE(0, p2again);
	nsctp_setint(p2again, SOL_SOCKET, SO_REUSEADDR, 1);
	any2 = a2;
	ASSERT_EQ(0, bind(p2again, &any2.sa, any2.len)) TH_LOG("%s",
							       strerror(errno));
	ASSERT_EQ(0, listen(p2again, 4));
	ASSERT_EQ(0, setsockopt(p2again, SOL_SCTP, SCTP_EVENTS, &ev,
				sizeof(ev)));
	t0 = now();
	while (assoc_count(s) != 1 && now() - t0 < 5 &&
	       !__atomic_load_n(&t.done, __ATOMIC_ACQUIRE))
		usleep(20000);
	usleep(300000);

	/* P1 reads everything: the fill, then the SENDALL copy if any. */
	t0 = now();
	for (i = 0; i < (int)fills; i++) {
		ssize_t got = read_msg(p1, buf, SA_MSG_LEN + 1, 10000);

		ASSERT_EQ(SA_FILL_LEN, got) TH_LOG("fill message %d of %u", i,
						   fills);
		ASSERT_EQ(-1, nsctp_check(buf, i, SA_FILL_LEN)) TH_LOG("message %d", i);
	}
	while (!__atomic_load_n(&t.done, __ATOMIC_ACQUIRE) && now() - t0 < 10) {
		if (wait_readable(p1, 100) == 1 && !extra) {
			ASSERT_EQ(SA_MSG_LEN, read_msg(p1, buf, SA_MSG_LEN + 1,
						       10000));
			ASSERT_EQ(-1, nsctp_check(buf, SA_MSG_ID, SA_MSG_LEN));
			extra++;
		}
	}
	ASSERT_TRUE(__atomic_load_n(&t.done, __ATOMIC_ACQUIRE))
		TH_LOG("the SCTP_SENDALL sender is still blocked after 10 s");
	pthread_join(th, NULL);
	TH_LOG("round %d: SCTP_SENDALL returned %zd (%s), %u fill messages",
	       round, t.ret, t.ret < 0 ? strerror(t.err) : "ok", fills);
	if (t.ret >= 0) {
		EXPECT_EQ(SA_MSG_LEN, t.ret);
		if (!extra) {
			ASSERT_EQ(SA_MSG_LEN, read_msg(p1, buf, SA_MSG_LEN + 1,
						       10000))
				TH_LOG("P1 never got the SCTP_SENDALL message");
			ASSERT_EQ(-1, nsctp_check(buf, SA_MSG_ID, SA_MSG_LEN));
			extra++;
		}
	} else if (!extra && wait_readable(p1, 500) == 1) {
		ASSERT_EQ(SA_MSG_LEN, read_msg(p1, buf, SA_MSG_LEN + 1, 10000));
		ASSERT_EQ(-1, nsctp_check(buf, SA_MSG_ID, SA_MSG_LEN));
		extra++;
	}
	/* Exactly one copy at P1, nothing at P2's address. */
	EXPECT_EQ(0, wait_readable(p1, 300)) TH_LOG("more data at P1");
	EXPECT_EQ(0, wait_readable(p2again, 500))
		TH_LOG("something reached P2's address after its abort");
	EXPECT_EQ(1, assoc_count(s));
	close(p2again);
out:
	free(buf);
	if (p2 >= 0)
		close(p2);
	if (l2 >= 0)
		close(l2);
	close(p1);
	close(l1);
	close(s);
}

FIXTURE(sendall) {
	int unused;
};

FIXTURE_SETUP(sendall)
{
}

FIXTURE_TEARDOWN(sendall)
{
}

/* Six rounds, the two associations set up in either order. */
TEST_F_TIMEOUT(sendall, abort_under_sender, 200)
{
	int round;

	CASE_WANTED("sendall");
	for (round = 0; round < 6 && !_metadata->skip; round++)
		sendall_once(_metadata, round);
}

/*
 * 3a. SO_SNDBUF and SO_RCVBUF of a new socket: net.core.wmem_default and
 * rmem_default, as for any socket that does not set its own (in-tree
 * leaves what sock_init_data() set), for root and for other users.
 */

FIXTURE(sockbuf) {
	long wmem_default, rmem_default;
};

FIXTURE_SETUP(sockbuf)
{
	self->wmem_default = nsctp_sysctl_long(WMEM_DEFAULT);
	self->rmem_default = nsctp_sysctl_long(RMEM_DEFAULT);
	ASSERT_LT(0, self->wmem_default);
	ASSERT_LT(0, self->rmem_default);
}

FIXTURE_TEARDOWN(sockbuf)
{
	char v[32];

	snprintf(v, sizeof(v), "%ld", self->wmem_default);
	nsctp_sysctl_write(WMEM_DEFAULT, v);
	snprintf(v, sizeof(v), "%ld", self->rmem_default);
	nsctp_sysctl_write(RMEM_DEFAULT, v);
}

/* 0 if every kind of new socket has @snd/@rcv, else the first kind's
 * number (1-4) that does not, with what it has in *got_snd and *got_rcv.
 */
static int sockbuf_check(long snd, long rcv, int *got_snd, int *got_rcv)
{
	static const int kinds[][2] = {
		{ AF_INET, SOCK_STREAM }, { AF_INET, SOCK_SEQPACKET },
		{ AF_INET6, SOCK_STREAM }, { AF_INET6, SOCK_SEQPACKET },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		int fd = nsctp_socket(kinds[i][0], kinds[i][1]), bad;

		if (fd < 0)
			return i + 1;
		bad = nsctp_getint(fd, SOL_SOCKET, SO_SNDBUF, got_snd) ||
		      nsctp_getint(fd, SOL_SOCKET, SO_RCVBUF, got_rcv) ||
		      *got_snd != snd || *got_rcv != rcv;
		close(fd);
		if (bad)
			return i + 1;
	}
	return 0;
}

TEST_F(sockbuf, defaults_from_sysctl)
{
	long wmax = nsctp_sysctl_long(WMEM_MAX);
	long rmax = nsctp_sysctl_long(RMEM_MAX);
	int snd = -1, rcv = -1, st;
	pid_t pid;

	CASE_WANTED("sockbuf");
	TH_LOG("wmem_default %ld rmem_default %ld wmem_max %ld rmem_max %ld",
	       self->wmem_default, self->rmem_default, wmax, rmax);
	EXPECT_EQ(0, sockbuf_check(self->wmem_default, self->rmem_default,
				   &snd, &rcv))
		TH_LOG("SO_SNDBUF %d SO_RCVBUF %d", snd, rcv);
	/* The defaults as set by the system are within the maxima. */
	if (self->wmem_default <= wmax && self->rmem_default <= rmax) {
		EXPECT_GE(wmax, snd);
		EXPECT_GE(rmax, rcv);
	}

	/* Other values: the sysctls are read at socket creation. */
	ASSERT_EQ(0, nsctp_sysctl_write(WMEM_DEFAULT, "98304"));
	ASSERT_EQ(0, nsctp_sysctl_write(RMEM_DEFAULT, "122880"));
	EXPECT_EQ(0, sockbuf_check(98304, 122880, &snd, &rcv))
		TH_LOG("SO_SNDBUF %d SO_RCVBUF %d", snd, rcv);

	/* The same for an unprivileged user. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(!drop_privileges() ? 2 :
		      sockbuf_check(98304, 122880, &snd, &rcv) ? 1 : 0);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0)
		TH_LOG("as uid %d: status %#x", NOBODY, st);
}

/*
 * 3b. /proc/net/protocols: the "sockets" and "memory" columns of the
 * SCTP and SCTPv6 lines.
 *
 * The memory column is the global sctp_memory_allocated in pages; each
 * CPU may hold up to net.core.mem_pcpu_rsv pages before they are added
 * to it. The test runs on one CPU, so the value read is off by less
 * than that reserve, and it queues 2 MiB, more than twice the reserve.
 */

struct proto_line {
	long sockets;
	long memory;
};

static bool proto_read_one(const char *name, struct proto_line *pl)
{
	char line[512], n[32];
	bool found = false;
	FILE *f;

	f = fopen("/proc/net/protocols", "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		long size;

		if (sscanf(line, "%31s %ld %ld %ld", n, &size, &pl->sockets,
			   &pl->memory) == 4 && !strcmp(n, name))
			found = true;
	}
	fclose(f);
	return found;
}

/* The line of @name, or of "N"@name (nsctp's own protos) if none. */
static bool proto_read(const char *name, struct proto_line *pl)
{
	char alt[32];

	snprintf(alt, sizeof(alt), "N%s", name);
	return proto_read_one(name, pl) || proto_read_one(alt, pl);
}

static void pin_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set))
		return;
	while (CPU_COUNT(&set) > 1) {
		int c;

		for (c = CPU_SETSIZE - 1; c >= 0 && !CPU_ISSET(c, &set); c--)
			;
		CPU_CLR(c, &set);
	}
	sched_setaffinity(0, sizeof(set), &set);
}

FIXTURE(protocols) {
	struct assoc a;
};

FIXTURE_VARIANT(protocols) {
	int family;
	const char *line;
};

FIXTURE_VARIANT_ADD(protocols, ipv4) { AF_INET, "SCTP" };
FIXTURE_VARIANT_ADD(protocols, ipv6) { AF_INET6, "SCTPv6" };

FIXTURE_SETUP(protocols)
{
	self->a.lsn = self->a.cli = self->a.srv = -1;
}

FIXTURE_TEARDOWN(protocols)
{
	assoc_close(&self->a);
}

TEST_F(protocols, sockets_and_memory)
{
	static unsigned char buf[65536];
	struct proto_line before, during, after;
	long rsv = nsctp_sysctl_long(MEM_PCPU_RSV);
	int sz = 4 << 20, i, err;
	double t0;

	CASE_WANTED("protocols");
	if (rsv <= 0)
		rsv = 256;
	/* each CPU may hold up to that many pages back from the global
	 * count, either way; softirq work runs on other CPUs than ours
	 */
	rsv *= sysconf(_SC_NPROCESSORS_ONLN) > 0 ?
	       sysconf(_SC_NPROCESSORS_ONLN) : 1;
	pin_cpu();
	ASSERT_TRUE(proto_read(variant->line, &before))
		TH_LOG("no %s line in /proc/net/protocols", variant->line);
	EXPECT_LE(0, before.memory)
		TH_LOG("%s: memory is not accounted (%ld)", variant->line,
		       before.memory);

	err = assoc_open(&self->a, variant->family, SOCK_STREAM, 0);
	ASSERT_EQ(0, err) TH_LOG("%s", strerror(-err));
	ASSERT_TRUE(proto_read(variant->line, &during));
	EXPECT_EQ(before.sockets + 3, during.sockets)
		TH_LOG("listener, client and accepted socket");

	/* 2 MiB unread: the receiver's buffer full, the rest queued. */
	ASSERT_EQ(0, setsockopt(self->a.cli, SOL_SOCKET, SO_SNDBUFFORCE, &sz,
				sizeof(sz)));
	for (i = 0; i < 32; i++) {
		nsctp_fill(buf, i, sizeof(buf));
		ASSERT_EQ((ssize_t)sizeof(buf),
			  send(self->a.cli, buf, sizeof(buf), MSG_DONTWAIT))
			TH_LOG("message %d: %s", i, strerror(errno));
	}
	usleep(500000);
	ASSERT_TRUE(proto_read(variant->line, &during));
	TH_LOG("%s memory: %ld pages before, %ld with 2 MiB queued",
	       variant->line, before.memory, during.memory);
	EXPECT_LT(0, during.memory);
	EXPECT_LT(before.memory, during.memory);

	/* Read some back intact, then close both ends unread. */
	EXPECT_EQ((ssize_t)sizeof(buf), read_msg(self->a.srv, buf,
						 sizeof(buf), 10000));
	EXPECT_EQ(-1, nsctp_check(buf, 0, sizeof(buf)));
	assoc_close(&self->a);
	t0 = now();
	do {
		usleep(100000);
		ASSERT_TRUE(proto_read(variant->line, &after));
		if (after.sockets == before.sockets &&
		    labs(after.memory - before.memory) < rsv)
			break;
	} while (now() - t0 < 5);
	TH_LOG("%s after close: %ld sockets (%ld before), %ld pages",
	       variant->line, after.sockets, before.sockets, after.memory);
	EXPECT_EQ(before.sockets, after.sockets);
	EXPECT_GT(rsv, labs(after.memory - before.memory))
		TH_LOG("charged pages not returned (mem_pcpu_rsv x CPUs: %ld)",
		       rsv);
}

/*
 * 3c. net.sctp.sctp_mem: over its hard limit a sender cannot queue and
 * a receiver cannot take data in.
 */

FIXTURE(sctp_mem) {
	char old[128];
	bool saved;
	struct assoc ballast, a;
};

FIXTURE_SETUP(sctp_mem)
{
	self->ballast.lsn = self->ballast.cli = self->ballast.srv = -1;
	self->a = self->ballast;
	self->saved = nsctp_sysctl_read(SCTP_MEM, self->old,
					sizeof(self->old)) > 0;
}

FIXTURE_TEARDOWN(sctp_mem)
{
	if (self->saved)
		nsctp_sysctl_write(SCTP_MEM, self->old);
	assoc_close(&self->a);
	assoc_close(&self->ballast);
}

/* Read the messages @r holds (in order, from message *next on, up to
 * message @last), checking each, until none comes for @stall_ms; the
 * bytes read, or -1 on a bad message.
 */
#define MEMLIM_MSG	4096

static long drain(int r, unsigned int *next, unsigned int last, size_t len,
		  int stall_ms)
{
	static unsigned char buf[65536 + 1];
	long total = 0;

	while (*next <= last && wait_readable(r, stall_ms) == 1) {
		ssize_t n = read_msg(r, buf, sizeof(buf), 10000);

		if (n != (ssize_t)len || nsctp_check(buf, *next, len) != -1)
			return -1;
		(*next)++;
		total += n;
	}
	return total;
}

TEST_F_TIMEOUT(sctp_mem, hard_limit, 120)
{
	static unsigned char buf[65536];
	int sz = 4 << 20, i, err;
	unsigned int next = 0, queued = 0;
	long held, more, rest;
	ssize_t n;

	CASE_WANTED("sctp_mem");
	ASSERT_TRUE(self->saved) TH_LOG("%s: %s", SCTP_MEM, strerror(errno));
	pin_cpu();
	/* Ballast: 2 MiB unread puts the global count far over the limit
	 * (each CPU may keep up to mem_pcpu_rsv pages out of it).
	 */
	err = assoc_open(&self->ballast, AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(0, err) TH_LOG("%s", strerror(-err));
	ASSERT_EQ(0, setsockopt(self->ballast.cli, SOL_SOCKET, SO_SNDBUFFORCE,
				&sz, sizeof(sz)));
	for (i = 0; i < 32; i++)
		ASSERT_EQ((ssize_t)sizeof(buf),
			  send(self->ballast.cli, buf, sizeof(buf),
			       MSG_DONTWAIT));

	/* The association under test: 512 KiB queued for a small receiver
	 * before the limit, in messages that each fit in one packet on lo
	 * and in the receive buffer.
	 */
	err = assoc_open(&self->a, AF_INET, SOCK_SEQPACKET, 32768);
	ASSERT_EQ(0, err) TH_LOG("%s", strerror(-err));
	ASSERT_EQ(0, setsockopt(self->a.cli, SOL_SOCKET, SO_SNDBUFFORCE,
				&sz, sizeof(sz)));
	for (queued = 0; queued < 128; queued++) {
		nsctp_fill(buf, queued, MEMLIM_MSG);
		ASSERT_EQ(MEMLIM_MSG,
			  send_sndrcv(self->a.cli, buf, MEMLIM_MSG,
				      &self->a.addr, 0, 0, MSG_DONTWAIT));
	}
	usleep(500000);

	ASSERT_EQ(0, nsctp_sysctl_write(SCTP_MEM, "1 1 1"));
	/* A new 64 KiB message finds no memory. */
	n = send_sndrcv(self->a.cli, buf, sizeof(buf), &self->a.addr, 0, 0,
			MSG_DONTWAIT);
	TH_LOG("limited: 64 KiB sendmsg %zd (%s)", n,
	       n < 0 ? strerror(errno) : "queued");
	ASSERT_EQ(-1, n);
	EXPECT_EQ(EAGAIN, errno);

	/* The receiver empties its queue; what was sent before the limit
	 * may come in afterwards only as far as memory allows.
	 */
	held = drain(self->a.srv, &next, queued - 1, MEMLIM_MSG, 0);
	usleep(2000000);
	more = drain(self->a.srv, &next, queued - 1, MEMLIM_MSG, 0);
	TH_LOG("limited: the receiver held %ld bytes, then took %ld in 2 s",
	       held, more);
	EXPECT_LE(0, held);
	EXPECT_LE(0, more);
	EXPECT_GT(16 * MEMLIM_MSG, more);

	/* Restored: everything queued arrives intact, and a send works. */
	ASSERT_EQ(0, nsctp_sysctl_write(SCTP_MEM, self->old));
	rest = drain(self->a.srv, &next, queued - 1, MEMLIM_MSG, 10000);
	TH_LOG("restored: %ld more bytes, %u of %u messages", rest, next,
	       queued);
	EXPECT_EQ(queued, next);
	nsctp_fill(buf, next, sizeof(buf));
	EXPECT_EQ((ssize_t)sizeof(buf),
		  send_sndrcv(self->a.cli, buf, sizeof(buf), &self->a.addr, 0,
			      0, MSG_DONTWAIT)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ((ssize_t)sizeof(buf), drain(self->a.srv, &next, next,
					      sizeof(buf), 10000));
}

/*
 * 5. net.sctp.sndbuf_policy and rcvbuf_policy: the associations of a
 *    one-to-many socket share its buffers (0), or each has them whole (1).
 *    And the switches of features nsctp does not have read 0 and refuse
 *    anything else.
 */
#define SNDBUF_POLICY	"/proc/sys/net/sctp/sndbuf_policy"
#define RCVBUF_POLICY	"/proc/sys/net/sctp/rcvbuf_policy"
#define POLICY_MSG	4096

FIXTURE(bufpolicy) {
	char snd[32], rcv[32];
	int lsn, c1, c2, p1, p2;
};

FIXTURE_SETUP(bufpolicy)
{
	CASE_WANTED("bufpolicy");
	self->lsn = self->c1 = self->c2 = self->p1 = self->p2 = -1;
	ASSERT_GT(nsctp_sysctl_read(SNDBUF_POLICY, self->snd,
				    sizeof(self->snd)), 0);
	ASSERT_GT(nsctp_sysctl_read(RCVBUF_POLICY, self->rcv,
				    sizeof(self->rcv)), 0);
}

static void abort_close(int fd)
{
	struct linger l = { 1, 0 };

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	close(fd);
}

FIXTURE_TEARDOWN(bufpolicy)
{
	abort_close(self->c1);
	abort_close(self->c2);
	abort_close(self->p1);
	abort_close(self->p2);
	abort_close(self->lsn);
	nsctp_sysctl_write(SNDBUF_POLICY, self->snd);
	nsctp_sysctl_write(RCVBUF_POLICY, self->rcv);
}

/* Non-blocking 4 KiB messages from @fd to @to until the buffers are
 * full: no progress for 300 ms. Return: messages sent.
 */
static int fill_until_full(int fd, const struct nsctp_addr *to)
{
	static unsigned char buf[POLICY_MSG];
	double idle = now();
	int n = 0;

	memset(buf, 0x33, sizeof(buf));
	while (now() - idle < 0.3 && n < 4096) {
		if (send_sndrcv(fd, buf, sizeof(buf), to, 0, 0,
				MSG_DONTWAIT) == sizeof(buf)) {
			n++;
			idle = now();
		} else {
			usleep(20000);
		}
	}
	return n;
}

/* A one-to-many client of @lsn (@addr) with one message acknowledged. */
static int policy_client(struct __test_metadata *_metadata, int lsn,
			 const struct nsctp_addr *addr)
{
	unsigned char b = 1;
	int fd = nsctp_socket(addr->sa.sa_family, SOCK_SEQPACKET);

	EXPECT_GE(fd, 0);
	EXPECT_EQ(send_sndrcv(fd, &b, 1, addr, 0, 0, 0), 1);
	EXPECT_EQ(read_msg(lsn, &b, 1, 10000), 1);
	return fd;
}

/* Receive side: two clients of one listener that never reads, each
 * sending until it can no more. Return: what the listener holds
 * (SK_MEMINFO_RMEM_ALLOC), its buffer in *@rcvbuf.
 */
static long both_fill(struct __test_metadata *_metadata,
		      FIXTURE_DATA(bufpolicy) *self, const char *policy,
		      long *rcvbuf)
{
	uint32_t mi[SK_MEMINFO_VARS];
	socklen_t milen = sizeof(mi);
	struct nsctp_addr addr;

	nsctp_sysctl_write(RCVBUF_POLICY, policy);
	nsctp_loopback(&addr, AF_INET, 0);
	self->lsn = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	EXPECT_EQ(nsctp_setint(self->lsn, SOL_SOCKET, SO_RCVBUF, 65536), 0);
	EXPECT_EQ(bind(self->lsn, &addr.sa, addr.len), 0);
	EXPECT_EQ(getsockname(self->lsn, &addr.sa, &addr.len), 0);
	EXPECT_EQ(listen(self->lsn, 8), 0);
	self->c1 = policy_client(_metadata, self->lsn, &addr);
	self->c2 = policy_client(_metadata, self->lsn, &addr);
	EXPECT_GT(fill_until_full(self->c1, &addr), 8);
	fill_until_full(self->c2, &addr);
	EXPECT_EQ(getsockopt(self->lsn, SOL_SOCKET, SO_MEMINFO, mi, &milen), 0);
	*rcvbuf = mi[SK_MEMINFO_RCVBUF];
	TH_LOG("rcvbuf_policy %c: the listener holds %u of %u bytes",
	       policy[0], mi[SK_MEMINFO_RMEM_ALLOC], mi[SK_MEMINFO_RCVBUF]);
	return mi[SK_MEMINFO_RMEM_ALLOC];
}

TEST_F_TIMEOUT(bufpolicy, rcvbuf_per_assoc, 60)
{
	long rcvbuf, held = both_fill(_metadata, self, "1", &rcvbuf);

	EXPECT_GT(held, rcvbuf)
		TH_LOG("rcvbuf_policy 1: each association has the whole buffer");
}

TEST_F_TIMEOUT(bufpolicy, rcvbuf_shared, 60)
{
	NSCTP_ONLY("its window and memory pressure rules differ");
	long rcvbuf, held = both_fill(_metadata, self, "0", &rcvbuf);

	/* the buffer, and at most one chunk more (the next TSN) */
	EXPECT_LE(held, rcvbuf + 2 * POLICY_MSG)
		TH_LOG("rcvbuf_policy 0: the associations share the buffer");
}

/* Send side: one one-to-many sender, two peers that never read; the
 * first association fills the send buffer. May the second still send?
 */
static bool second_sends(struct __test_metadata *_metadata,
			 FIXTURE_DATA(bufpolicy) *self, const char *policy)
{
	static unsigned char buf[POLICY_MSG];
	struct nsctp_addr a1, a2;
	unsigned char b = 1;
	ssize_t n;

	nsctp_sysctl_write(SNDBUF_POLICY, policy);
	nsctp_loopback(&a1, AF_INET, 0);
	a2 = a1;
	self->p1 = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	self->p2 = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	EXPECT_EQ(nsctp_setint(self->p1, SOL_SOCKET, SO_RCVBUF, 16384), 0);
	EXPECT_EQ(bind(self->p1, &a1.sa, a1.len), 0);
	EXPECT_EQ(getsockname(self->p1, &a1.sa, &a1.len), 0);
	EXPECT_EQ(listen(self->p1, 8), 0);
	EXPECT_EQ(bind(self->p2, &a2.sa, a2.len), 0);
	EXPECT_EQ(getsockname(self->p2, &a2.sa, &a2.len), 0);
	EXPECT_EQ(listen(self->p2, 8), 0);
	self->c1 = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	EXPECT_EQ(nsctp_setint(self->c1, SOL_SOCKET, SO_SNDBUF, 65536), 0);
	EXPECT_EQ(send_sndrcv(self->c1, &b, 1, &a1, 0, 0, 0), 1);
	EXPECT_EQ(read_msg(self->p1, &b, 1, 10000), 1);
	EXPECT_EQ(send_sndrcv(self->c1, &b, 1, &a2, 0, 0, 0), 1);
	EXPECT_EQ(read_msg(self->p2, &b, 1, 10000), 1);
	EXPECT_GT(fill_until_full(self->c1, &a1), 8);
	memset(buf, 0x55, sizeof(buf));
	n = send_sndrcv(self->c1, buf, sizeof(buf), &a2, 0, 0, MSG_DONTWAIT);
	if (n < 0)
		EXPECT_EQ(errno, EAGAIN);
	return n == sizeof(buf);
}

TEST_F_TIMEOUT(bufpolicy, sndbuf_per_assoc, 60)
{
	EXPECT_TRUE(second_sends(_metadata, self, "1"))
		TH_LOG("sndbuf_policy 1: each association has the whole buffer");
}

TEST_F_TIMEOUT(bufpolicy, sndbuf_shared, 60)
{
	EXPECT_FALSE(second_sends(_metadata, self, "0"))
		TH_LOG("sndbuf_policy 0: the associations share the buffer");
}

/* Switches of features nsctp does not implement: they read 0 and refuse
 * 1, rather than take a value that does nothing.
 */
TEST(feature_switches_tell_the_truth)
{
	static const char *const off[] = {
		"addip_enable", "addip_noauth_enable", "default_auto_asconf",
		"auth_enable", "prsctp_enable", "reconf_enable", "intl_enable",
		"ecn_enable", "plpmtud_probe_interval", "udp_port",
		"encap_port",
	};
	char path[128], buf[32];
	size_t i;

	NSCTP_ONLY("the in-tree module implements these features");
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/sctp/%s", off[i]);
		ASSERT_GT(nsctp_sysctl_read(path, buf, sizeof(buf)), 0);
		EXPECT_EQ(atoi(buf), 0) TH_LOG("%s", off[i]);
		EXPECT_NE(nsctp_sysctl_write(path, "1"), 0) TH_LOG("%s", off[i]);
		ASSERT_GT(nsctp_sysctl_read(path, buf, sizeof(buf)), 0);
		EXPECT_EQ(atoi(buf), 0) TH_LOG("%s", off[i]);
	}
}

TEST_HARNESS_MAIN
