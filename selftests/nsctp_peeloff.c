// SPDX-License-Identifier: GPL-2.0
/*
 * Peeling an association off a one-to-many socket (RFC 6458 §9.2), by
 * each door nsctp has to it: getsockopt(SCTP_SOCKOPT_PEELOFF) and
 * getsockopt(SCTP_SOCKOPT_PEELOFF_FLAGS), what libsctp's sctp_peeloff()
 * and sctp_peeloff_flags() call, and nsctp's own ioctl NSCTP_IOC_PEELOFF
 * (<linux/nsctp.h>).
 *
 *   clients --connect()--> 127.0.0.1 / ::1 --> one-to-many server socket
 *                                                   |
 *                                               peeloff --> new socket
 *
 * peeloff.*: by each door, with one-to-one and one-to-many clients. The
 *	new socket has the association and its peer, the old one no longer
 *	does (count, id list, the id itself); what the client sends after
 *	arrives on the new socket only, what the new socket sends reaches
 *	the client. Messages and notifications queued before the peeloff
 *	move with it, in order, and those of another association stay.
 * peel_args.*: the descriptor flags; the errors (short lengths,
 *	one-to-one sockets, unknown ids, the ioctl's flag and reserved
 *	checks), none of which moves an association or leaves a descriptor
 *	behind; EBUSY while a thread sleeps in sendmsg() on the association.
 * threaded.*: 8 clients send and check echoes while the server peels
 *	each association off as its COMM_UP arrives, alternating the doors,
 *	and serves it on the new socket: every byte checked at both ends.
 *
 * The ioctl is nsctp's alone, and sctp.ko peels an association off under
 * a sleeping sender (which then fails with EPIPE) and gives the new
 * socket SOCK_SEQPACKET in SO_TYPE: those cases skip in intree mode.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>
#include <linux/nsctp.h>

#define WAIT_MS		5000	/* for what must come at once */
#define STALL_MS	10000	/* threaded: no new message for this long */
#define MAXFD		32

/* The three ways in. */
enum door { DOOR_OPT, DOOR_OPT_FLAGS, DOOR_IOCTL };

static const char *const door_name[] = {
	[DOOR_OPT] = "SCTP_SOCKOPT_PEELOFF",
	[DOOR_OPT_FLAGS] = "SCTP_SOCKOPT_PEELOFF_FLAGS",
	[DOOR_IOCTL] = "NSCTP_IOC_PEELOFF",
};

/* A notification, with room for what follows the fixed part. */
union nbuf {
	union sctp_notification n;
	char b[1024];
};

/*
 * peel() - peel association @id off @sd by @door
 *
 * Return: the new descriptor, or -errno. -EPROTO when the call succeeded
 * but did not report its descriptor as the ABI says (the sd field, and
 * the ioctl's return value; getsockopt's optlen set to the struct's).
 */
static int peel(int sd, sctp_assoc_t id, enum door door, unsigned int flags)
{
	sctp_peeloff_flags_arg_t f = { .p_arg = { .associd = id, .sd = -1 },
				       .flags = flags };
	struct nsctp_peeloff_arg n = { .assoc_id = id, .flags = flags,
				       .sd = -1 };
	sctp_peeloff_arg_t a = { .associd = id, .sd = -1 };
	socklen_t len;
	int rc, fd;

	switch (door) {
	case DOOR_OPT:
		len = sizeof(a);
		rc = getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &a, &len);
		if (rc < 0)
			return -errno;
		fd = a.sd;
		/* sctp.ko's getsockopt() returns the descriptor itself */
		if (fd >= 0 && len == sizeof(a) && (!rc || rc == fd))
			return fd;
		break;
	case DOOR_OPT_FLAGS:
		len = sizeof(f);
		rc = getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, &f,
				&len);
		if (rc < 0)
			return -errno;
		fd = f.p_arg.sd;
		if (fd >= 0 && len == sizeof(f) && (!rc || rc == fd))
			return fd;
		break;
	default:
		rc = ioctl(sd, NSCTP_IOC_PEELOFF, &n);
		if (rc < 0)
			return -errno;
		fd = n.sd;
		if (rc == fd)
			return fd;
		close(rc);
		break;
	}
	if (fd >= 0)
		close(fd);
	return -EPROTO;
}

static int sa_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return -1;
}

/* @ss is the loopback address of @family, port @port. */
static bool is_loopback(const struct sockaddr_storage *ss, int family,
			int port)
{
	const struct sockaddr_in6 *a6 = (const void *)ss;
	const struct sockaddr_in *a4 = (const void *)ss;

	if (ss->ss_family != family || sa_port(ss) != port)
		return false;
	if (family == AF_INET)
		return a4->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
	return !memcmp(&a6->sin6_addr, &in6addr_loopback,
		       sizeof(a6->sin6_addr));
}

static int local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (void *)&ss, &len))
		return -1;
	return sa_port(&ss);
}

static int getint(int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int v;

	if (getsockopt(fd, level, name, &v, &len))
		return -errno;
	return v;
}

static int setint(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v)) ? -errno : 0;
}

static int subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) ?
	       -errno : 0;
}

static int assoc_number(int fd)
{
	uint32_t n;
	socklen_t len = sizeof(n);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len))
		return -errno;
	return n;
}

/* The ids of @fd's associations into @ids (at most @max): how many, or
 * -errno.
 */
static int assoc_ids(int fd, sctp_assoc_t *ids, int max)
{
	union {
		struct sctp_assoc_ids h;
		char b[sizeof(struct sctp_assoc_ids) +
		       16 * sizeof(sctp_assoc_t)];
	} u;
	socklen_t len = sizeof(u);
	int i;

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &u, &len))
		return -errno;
	for (i = 0; i < (int)u.h.gaids_number_of_ids && i < max; i++)
		ids[i] = u.h.gaids_assoc_id[i];
	return u.h.gaids_number_of_ids;
}

/* SCTP_STATUS of association @id of @fd into @st: 0 or -errno. */
static int status(int fd, sctp_assoc_t id, struct sctp_status *st)
{
	socklen_t len = sizeof(*st);

	memset(st, 0, sizeof(*st));
	st->sstat_assoc_id = id;
	return getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, st, &len) ?
	       -errno : 0;
}

/* The primary path's address in @st (a packed member: copied out). */
static struct sockaddr_storage primary(const struct sctp_status *st)
{
	struct sockaddr_storage ss;

	memcpy(&ss, (const char *)st + offsetof(struct sctp_status,
						 sstat_primary) +
		    offsetof(struct sctp_paddrinfo, spinfo_address),
	       sizeof(ss));
	return ss;
}

/* The id of @fd's association whose peer has port @port, or 0. */
static sctp_assoc_t id_by_port(int fd, int port)
{
	struct sockaddr_storage ss;
	struct sctp_status st;
	sctp_assoc_t ids[16];
	int i, n;

	n = assoc_ids(fd, ids, 16);
	for (i = 0; i < n && i < 16; i++) {
		if (status(fd, ids[i], &st))
			continue;
		ss = primary(&st);
		if (sa_port(&ss) == port)
			return ids[i];
	}
	return 0;
}

/* Descriptors open in this process. */
static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* What came with a message. */
struct rx {
	int flags;		/* msg_flags */
	bool has_info;		/* an SCTP_RCVINFO came with it */
	sctp_assoc_t id;	/* its rcv_assoc_id, or the notification's */
	int sn_type;		/* a notification's type, else -1 */
	int sac_state;		/* an SCTP_ASSOC_CHANGE's state, else -1 */
};

/*
 * rx_msg() - wait up to @ms for the next message on @fd, read it
 *
 * Return: its length (0 at end of file), or -1 with errno; ETIMEDOUT when
 * nothing came.
 */
static ssize_t rx_msg(int fd, void *buf, size_t size, int ms, struct rx *r)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_rcvinfo)) +
		  CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	struct iovec iov = { buf, size };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	union sctp_notification *sn = buf;
	struct sctp_rcvinfo ri;
	struct cmsghdr *cm;
	ssize_t n;

	memset(r, 0, sizeof(*r));
	r->sn_type = -1;
	r->sac_state = -1;
	n = poll(&pfd, 1, ms);
	if (n <= 0) {
		if (!n)
			errno = ETIMEDOUT;
		return -1;
	}
	n = recvmsg(fd, &m, MSG_DONTWAIT);
	if (n < 0)
		return -1;
	r->flags = m.msg_flags;
	for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
		if (cm->cmsg_level != IPPROTO_SCTP ||
		    cm->cmsg_type != SCTP_RCVINFO)
			continue;
		memcpy(&ri, CMSG_DATA(cm), sizeof(ri));
		r->has_info = true;
		r->id = ri.rcv_assoc_id;
	}
	if ((m.msg_flags & MSG_NOTIFICATION) &&
	    n >= (ssize_t)sizeof(sn->sn_header)) {
		r->sn_type = sn->sn_header.sn_type;
		if (r->sn_type == SCTP_ASSOC_CHANGE &&
		    n >= (ssize_t)sizeof(struct sctp_assoc_change)) {
			r->sac_state = sn->sn_assoc_change.sac_state;
			r->id = sn->sn_assoc_change.sac_assoc_id;
		}
	}
	return n;
}

/* Send @len bytes on association @id of one-to-many socket @fd. */
static ssize_t send_assoc(int fd, sctp_assoc_t id, const void *buf,
			  size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndinfo))] = { 0 };
	struct sctp_sndinfo si = { .snd_assoc_id = id };
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = IPPROTO_SCTP;
	cm->cmsg_type = SCTP_SNDINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(si));
	memcpy(CMSG_DATA(cm), &si, sizeof(si));
	return sendmsg(fd, &m, MSG_NOSIGNAL);
}

/* A pattern that differs between messages (@seed) and along them. */
static void fill(void *buf, size_t len, unsigned int seed)
{
	uint8_t *b = buf;
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = seed * 37 + i * 11 + (i >> 8);
}

/* Until every DATA chunk @c sent on @id is acknowledged (the peer has
 * it): 0, or -1 after @ms.
 */
static int wait_acked(int c, sctp_assoc_t id, int ms)
{
	struct sctp_status st;

	for (; ms > 0; ms -= 10) {
		if (!status(c, id, &st) && !st.sstat_unackdata)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* The one-to-many server and the descriptors a case opens. */
struct srv {
	int family;
	int l;
	struct sockaddr_storage addr;
	socklen_t alen;
	int fds[MAXFD];		/* closed at teardown */
	int nfds;
};

static int track(struct srv *s, int fd)
{
	if (fd >= 0 && s->nfds < MAXFD)
		s->fds[s->nfds++] = fd;
	return fd;
}

/* Close a tracked descriptor before the teardown does. */
/* The notification that ends @fd's association, a one-to-one socket's.
 * The peer's SHUTDOWN ends the stream before the association is over,
 * and a recvmsg() between the two reads 0, on both modules (in-tree's
 * RCV_SHUTDOWN comes with the SHUTDOWN too): read on until the
 * notification, within @ms.
 */
static ssize_t rx_end_notification(int fd, void *buf, size_t size, int ms,
				   struct rx *r)
{
	ssize_t n;
	int i;

	for (i = 0; i < ms / 10; i++) {
		n = rx_msg(fd, buf, size, ms, r);
		if (n)
			return n;
		usleep(10000);
	}
	return 0;
}

static void drop(struct srv *s, int fd)
{
	int i;

	for (i = 0; i < s->nfds; i++)
		if (s->fds[i] == fd)
			s->fds[i] = -1;
	close(fd);
}

static void srv_open(struct __test_metadata *_metadata, struct srv *s,
		     int family)
{
	s->family = family;
	s->nfds = 0;
	s->l = socket(family, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (s->l < 0 && (errno == EPROTONOSUPPORT || errno == EAFNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(s->l, 0);
	s->alen = nsctp_loopback_ss(family, &s->addr);
	ASSERT_EQ(bind(s->l, (void *)&s->addr, s->alen), 0);
	ASSERT_EQ(listen(s->l, 16), 0);
	ASSERT_EQ(getsockname(s->l, (void *)&s->addr, &s->alen), 0);
	ASSERT_EQ(subscribe(s->l, SCTP_ASSOC_CHANGE), 0);
	ASSERT_EQ(setint(s->l, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1), 0);
}

static void srv_close(struct srv *s)
{
	int i;

	for (i = 0; i < s->nfds; i++)
		if (s->fds[i] >= 0)
			close(s->fds[i]);
	s->nfds = 0;
	if (s->l >= 0)
		close(s->l);
	s->l = -1;
}

/* The next message on @l must be the COMM_UP of a new association:
 * its id.
 */
static sctp_assoc_t comm_up(struct __test_metadata *_metadata, int l)
{
	union nbuf nb;
	struct rx r;

	ASSERT_GE(rx_msg(l, &nb, sizeof(nb), WAIT_MS, &r),
		  (ssize_t)sizeof(struct sctp_assoc_change));
	EXPECT_TRUE(r.flags & MSG_NOTIFICATION);
	EXPECT_TRUE(r.flags & MSG_EOR);
	ASSERT_EQ(r.sn_type, SCTP_ASSOC_CHANGE);
	ASSERT_EQ(r.sac_state, SCTP_COMM_UP);
	return r.id;
}

/* Connect a client of @type to the server. With @id, read the server's
 * COMM_UP of the association and store its id there.
 */
static int client_up(struct __test_metadata *_metadata, struct srv *s,
		     int type, sctp_assoc_t *id)
{
	int c = track(s, socket(s->family, type, IPPROTO_SCTP));

	ASSERT_GE(c, 0);
	ASSERT_EQ(setint(c, IPPROTO_SCTP, SCTP_NODELAY, 1), 0);
	ASSERT_EQ(connect(c, (void *)&s->addr, s->alen), 0);
	if (id)
		*id = comm_up(_metadata, s->l);
	return c;
}

/* The client's own id of its association (one-to-one: 0, ignored). */
static sctp_assoc_t client_id(struct __test_metadata *_metadata, int c,
			      int type)
{
	sctp_assoc_t id = 0;

	if (type == SOCK_SEQPACKET)
		ASSERT_EQ(assoc_ids(c, &id, 1), 1);
	return id;
}

static int client_send(struct srv *s, int c, int type, const void *buf,
		       size_t len)
{
	ssize_t n;

	if (type == SOCK_STREAM)
		n = send(c, buf, len, MSG_NOSIGNAL);
	else
		n = sendto(c, buf, len, MSG_NOSIGNAL, (void *)&s->addr,
			   s->alen);
	return n == (ssize_t)len ? 0 : -1;
}

/* Read the next message on @fd, which must be @len bytes of data equal to
 * @want, whole; what came with it into @r.
 */
static void expect_data(struct __test_metadata *_metadata, int fd,
			const void *want, size_t len, struct rx *r)
{
	static char in[65536];

	ASSERT_EQ(rx_msg(fd, in, sizeof(in), WAIT_MS, r), (ssize_t)len);
	EXPECT_FALSE(r->flags & MSG_NOTIFICATION);
	EXPECT_TRUE(r->flags & MSG_EOR);
	EXPECT_EQ(memcmp(in, want, len), 0);
}

/* Nothing to read on @fd. */
static void expect_empty(struct __test_metadata *_metadata, int fd)
{
	char b[64];

	EXPECT_EQ(recv(fd, b, sizeof(b), MSG_DONTWAIT), -1);
	EXPECT_EQ(errno, EAGAIN);
}

#define NEED_IOCTL(door)						\
	do {								\
		if ((door) == DOOR_IOCTL)				\
			NSCTP_ONLY("no NSCTP_IOC_PEELOFF in sctp.ko");	\
	} while (0)

/*
 * peeloff: a one-to-many server and clients of the variant's family and
 * style.
 */
FIXTURE(peeloff) {
	struct srv s;
};

FIXTURE_VARIANT(peeloff) {
	int family;
	int ctype;		/* the clients' style */
};

FIXTURE_VARIANT_ADD(peeloff, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(peeloff, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(peeloff, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(peeloff, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

FIXTURE_SETUP(peeloff)
{
	self->s.l = -1;
	srv_open(_metadata, &self->s, variant->family);
}

FIXTURE_TEARDOWN(peeloff)
{
	srv_close(&self->s);
}

/*
 * Two clients; the first one's association is peeled off by @door. The
 * new socket is an SCTP socket of the family with that client as its
 * peer, in ESTABLISHED; the old one keeps only the other association,
 * and the id is no longer its own. Data flows on the new socket both
 * ways and not on the old one; the other association is untouched; the
 * association's notifications follow it.
 */
static void basic(struct __test_metadata *_metadata, struct srv *s,
		  int ctype, enum door door)
{
	static char out[4000];
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	sctp_assoc_t id, id2, ids[4];
	struct sctp_status st;
	union nbuf nb;
	int c, c2, fd;
	struct rx r;

	c = client_up(_metadata, s, ctype, &id);
	c2 = client_up(_metadata, s, ctype, &id2);
	ASSERT_NE(id, id2);
	ASSERT_EQ(assoc_number(s->l), 2);

	/* first through the one-to-many socket, with the association's id */
	fill(out, 100, 1);
	ASSERT_EQ(client_send(s, c, ctype, out, 100), 0);
	expect_data(_metadata, s->l, out, 100, &r);
	EXPECT_TRUE(r.has_info);
	EXPECT_EQ(r.id, id);

	fd = track(s, peel(s->l, id, door, 0));
	ASSERT_GE(fd, 0);
	EXPECT_EQ(getint(fd, SOL_SOCKET, SO_DOMAIN), s->family);
	EXPECT_EQ(getint(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_SCTP);
	ASSERT_EQ(getpeername(fd, (void *)&peer, &plen), 0);
	EXPECT_TRUE(is_loopback(&peer, s->family, local_port(c)));
	ASSERT_EQ(status(fd, 0, &st), 0);
	EXPECT_EQ(st.sstat_state, SCTP_ESTABLISHED);
	peer = primary(&st);
	EXPECT_TRUE(is_loopback(&peer, s->family, local_port(c)));

	/* the old socket lost exactly that association */
	EXPECT_EQ(assoc_number(s->l), 1);
	ASSERT_EQ(assoc_ids(s->l, ids, 4), 1);
	EXPECT_EQ(ids[0], id2);
	EXPECT_EQ(status(s->l, id, &st), -EINVAL);
	EXPECT_EQ(peel(s->l, id, door, 0), -EINVAL);
	EXPECT_EQ(peel(s->l, id, DOOR_OPT, 0), -EINVAL);

	/* the client's next message arrives on the new socket only */
	fill(out, 2500, 2);
	ASSERT_EQ(client_send(s, c, ctype, out, 2500), 0);
	expect_data(_metadata, fd, out, 2500, &r);
	expect_empty(_metadata, s->l);

	/* and what the new socket sends reaches the client */
	fill(out, 1500, 3);
	ASSERT_EQ(send(fd, out, 1500, MSG_NOSIGNAL), 1500);
	expect_data(_metadata, c, out, 1500, &r);

	/* as in-tree (lksctp-tools' test_peeloff): the new socket ignores a
	 * msg_name, even one that is not its peer's, and sends to its peer
	 */
	fill(out, 200, 6);
	ASSERT_EQ(sendto(fd, out, 200, MSG_NOSIGNAL, (void *)&s->addr,
			 s->alen), 200);
	expect_data(_metadata, c, out, 200, &r);
	/* and the one-to-many socket cannot make a second association to
	 * that peer (lksctp-tools' test_connect): EADDRNOTAVAIL
	 */
	plen = sizeof(peer);
	ASSERT_EQ(getpeername(fd, (void *)&peer, &plen), 0);
	EXPECT_EQ(connect(s->l, (void *)&peer, plen), -1);
	EXPECT_EQ(errno, EADDRNOTAVAIL);
	EXPECT_EQ(assoc_number(s->l), 1);

	/* the other association stays where it was, both ways */
	fill(out, 300, 4);
	ASSERT_EQ(client_send(s, c2, ctype, out, 300), 0);
	expect_data(_metadata, s->l, out, 300, &r);
	EXPECT_TRUE(r.has_info);
	EXPECT_EQ(r.id, id2);
	expect_empty(_metadata, fd);
	fill(out, 700, 5);
	ASSERT_EQ(send_assoc(s->l, id2, out, 700), 700);
	expect_data(_metadata, c2, out, 700, &r);

	/* its end is told on the new socket (the subscription moved too) */
	drop(s, c);
	ASSERT_GE(rx_end_notification(fd, &nb, sizeof(nb), WAIT_MS, &r),
		  (ssize_t)sizeof(struct sctp_assoc_change));
	EXPECT_TRUE(r.flags & MSG_NOTIFICATION);
	EXPECT_EQ(r.sn_type, SCTP_ASSOC_CHANGE);
	EXPECT_EQ(r.sac_state, SCTP_SHUTDOWN_COMP);
	expect_empty(_metadata, s->l);
	EXPECT_EQ(assoc_number(s->l), 1);
}

TEST_F_TIMEOUT(peeloff, basic_getsockopt, 120)
{
	SETUP_SKIPPED_RETURN();
	basic(_metadata, &self->s, variant->ctype, DOOR_OPT);
}

TEST_F_TIMEOUT(peeloff, basic_getsockopt_flags, 120)
{
	SETUP_SKIPPED_RETURN();
	basic(_metadata, &self->s, variant->ctype, DOOR_OPT_FLAGS);
}

TEST_F_TIMEOUT(peeloff, basic_ioctl, 120)
{
	SETUP_SKIPPED_RETURN();
	NEED_IOCTL(DOOR_IOCTL);
	basic(_metadata, &self->s, variant->ctype, DOOR_IOCTL);
}

/*
 * Everything queued for the association when it is peeled off moves
 * with it: its COMM_UP (never read) and then its messages, in order,
 * whole, with the id the new socket has for it. Another association's
 * notification and messages, queued between them, stay on the old
 * socket, in their order; afterwards neither socket has more.
 */
static void queued(struct __test_metadata *_metadata, struct srv *s,
		   int ctype, enum door door)
{
	static const size_t size[] = {
		1, 33, 512, 1452, 4000, 9000, 2, 700, 16384, 100,
	};
	static char msg[2][10][16384];
	sctp_assoc_t ida, idb, id;
	struct sctp_status st;
	int ca, cb, fd, i;
	union nbuf nb;
	struct rx r;

	/* COMM_UP of a, COMM_UP of b, a0, b0, a1, b1, ... */
	ca = client_up(_metadata, s, ctype, NULL);
	cb = client_up(_metadata, s, ctype, NULL);
	ASSERT_EQ(assoc_number(s->l), 2);
	ida = id_by_port(s->l, local_port(ca));
	idb = id_by_port(s->l, local_port(cb));
	ASSERT_NE(ida, 0);
	ASSERT_NE(idb, 0);
	ASSERT_NE(ida, idb);
	for (i = 0; i < 10; i++) {
		fill(msg[0][i], size[i], 100 + i);
		fill(msg[1][i], size[i], 200 + i);
		ASSERT_EQ(client_send(s, ca, ctype, msg[0][i], size[i]), 0);
		ASSERT_EQ(client_send(s, cb, ctype, msg[1][i], size[i]), 0);
	}
	/* all of it at the server before the peeloff */
	ASSERT_EQ(wait_acked(ca, client_id(_metadata, ca, ctype), WAIT_MS), 0);
	ASSERT_EQ(wait_acked(cb, client_id(_metadata, cb, ctype), WAIT_MS), 0);

	fd = track(s, peel(s->l, ida, door, 0));
	ASSERT_GE(fd, 0);
	ASSERT_EQ(setint(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1), 0);
	ASSERT_EQ(status(fd, 0, &st), 0);
	id = st.sstat_assoc_id;

	ASSERT_GE(rx_msg(fd, &nb, sizeof(nb), WAIT_MS, &r),
		  (ssize_t)sizeof(struct sctp_assoc_change));
	EXPECT_TRUE(r.flags & MSG_NOTIFICATION);
	EXPECT_EQ(r.sn_type, SCTP_ASSOC_CHANGE);
	EXPECT_EQ(r.sac_state, SCTP_COMM_UP);
	EXPECT_EQ(r.id, id);
	for (i = 0; i < 10; i++) {
		expect_data(_metadata, fd, msg[0][i], size[i], &r);
		EXPECT_TRUE(r.has_info);
		EXPECT_EQ(r.id, id);
	}
	expect_empty(_metadata, fd);

	EXPECT_EQ(comm_up(_metadata, s->l), idb);
	for (i = 0; i < 10; i++) {
		expect_data(_metadata, s->l, msg[1][i], size[i], &r);
		EXPECT_TRUE(r.has_info);
		EXPECT_EQ(r.id, idb);
	}
	expect_empty(_metadata, s->l);
	EXPECT_EQ(assoc_number(s->l), 1);
}

TEST_F_TIMEOUT(peeloff, queued_getsockopt, 120)
{
	SETUP_SKIPPED_RETURN();
	queued(_metadata, &self->s, variant->ctype, DOOR_OPT);
}

TEST_F_TIMEOUT(peeloff, queued_ioctl, 120)
{
	SETUP_SKIPPED_RETURN();
	NEED_IOCTL(DOOR_IOCTL);
	queued(_metadata, &self->s, variant->ctype, DOOR_IOCTL);
}

/*
 * peel_args: the arguments, the errors and the sleeping sender, with
 * one-to-one clients.
 */
FIXTURE(peel_args) {
	struct srv s;
};

FIXTURE_VARIANT(peel_args) {
	int family;
};

FIXTURE_VARIANT_ADD(peel_args, ipv4) { AF_INET };
FIXTURE_VARIANT_ADD(peel_args, ipv6) { AF_INET6 };

FIXTURE_SETUP(peel_args)
{
	self->s.l = -1;
	srv_open(_metadata, &self->s, variant->family);
}

FIXTURE_TEARDOWN(peel_args)
{
	srv_close(&self->s);
}

/* Peel a new association off by @door with @flags: the descriptor has
 * FD_CLOEXEC and O_NONBLOCK as @want asks (SOCK_* bits).
 */
static void check_flags(struct __test_metadata *_metadata, struct srv *s,
			enum door door, unsigned int flags, unsigned int want)
{
	sctp_assoc_t id;
	char b[16];
	int fd;

	client_up(_metadata, s, SOCK_STREAM, &id);
	fd = track(s, peel(s->l, id, door, flags));
	ASSERT_GE(fd, 0) {
		TH_LOG("%s flags %#x: %s", door_name[door], flags,
		       strerror(-fd));
	}
	EXPECT_EQ(!!(fcntl(fd, F_GETFD) & FD_CLOEXEC),
		  !!(want & SOCK_CLOEXEC)) {
		TH_LOG("%s flags %#x: FD_CLOEXEC", door_name[door], flags);
	}
	EXPECT_EQ(!!(fcntl(fd, F_GETFL) & O_NONBLOCK),
		  !!(want & SOCK_NONBLOCK)) {
		TH_LOG("%s flags %#x: O_NONBLOCK", door_name[door], flags);
	}
	/* and the socket acts on it: nothing to read, no waiting */
	if (want & SOCK_NONBLOCK) {
		EXPECT_EQ(recv(fd, b, sizeof(b), 0), -1);
		EXPECT_EQ(errno, EAGAIN);
	}
}

TEST_F_TIMEOUT(peel_args, flags_getsockopt, 120)
{
	SETUP_SKIPPED_RETURN();
	check_flags(_metadata, &self->s, DOOR_OPT, 0, 0);
	check_flags(_metadata, &self->s, DOOR_OPT_FLAGS, 0, 0);
	check_flags(_metadata, &self->s, DOOR_OPT_FLAGS, SOCK_CLOEXEC,
		    SOCK_CLOEXEC);
	check_flags(_metadata, &self->s, DOOR_OPT_FLAGS, SOCK_NONBLOCK,
		    SOCK_NONBLOCK);
	check_flags(_metadata, &self->s, DOOR_OPT_FLAGS,
		    SOCK_CLOEXEC | SOCK_NONBLOCK, SOCK_CLOEXEC | SOCK_NONBLOCK);
	/* other bits are ignored here, as sctp.ko does */
	check_flags(_metadata, &self->s, DOOR_OPT_FLAGS,
		    SOCK_NONBLOCK | 0x40000000, SOCK_NONBLOCK);
	EXPECT_EQ(assoc_number(self->s.l), 0);
}

TEST_F_TIMEOUT(peel_args, flags_ioctl, 120)
{
	SETUP_SKIPPED_RETURN();
	NEED_IOCTL(DOOR_IOCTL);
	check_flags(_metadata, &self->s, DOOR_IOCTL, 0, 0);
	check_flags(_metadata, &self->s, DOOR_IOCTL, SOCK_CLOEXEC,
		    SOCK_CLOEXEC);
	check_flags(_metadata, &self->s, DOOR_IOCTL, SOCK_NONBLOCK,
		    SOCK_NONBLOCK);
	check_flags(_metadata, &self->s, DOOR_IOCTL,
		    SOCK_CLOEXEC | SOCK_NONBLOCK, SOCK_CLOEXEC | SOCK_NONBLOCK);
	EXPECT_EQ(assoc_number(self->s.l), 0);
}

/* A one-to-one listener of @family. */
static int stream_listener(struct __test_metadata *_metadata, struct srv *s)
{
	struct sockaddr_storage a;
	socklen_t alen = nsctp_loopback_ss(s->family, &a);
	int fd = track(s, socket(s->family, SOCK_STREAM, IPPROTO_SCTP));

	ASSERT_GE(fd, 0);
	ASSERT_EQ(bind(fd, (void *)&a, alen), 0);
	ASSERT_EQ(listen(fd, 1), 0);
	return fd;
}

/* Ids that name no association of a socket whose only one is @id. */
static int bad_ids(sctp_assoc_t id, sctp_assoc_t *bad)
{
	const sctp_assoc_t cand[] = {
		0, SCTP_CURRENT_ASSOC, SCTP_ALL_ASSOC, -1, INT32_MAX, INT32_MIN,
		id + 1, id - 1, id + 1000,
	};
	unsigned int i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(cand); i++)
		if (cand[i] != id)
			bad[n++] = cand[i];
	return n;
}

/*
 * getsockopt: a length short of the struct, an id the socket does not
 * have, a one-to-one socket (listening, connected, peeled off): EINVAL,
 * nothing moved and no descriptor left open. A longer length is taken,
 * and set to the struct's.
 */
TEST_F_TIMEOUT(peel_args, errors_getsockopt, 120)
{
	sctp_peeloff_flags_arg_t f;
	sctp_assoc_t id, id2, bad[16];
	struct srv *s = &self->s;
	sctp_peeloff_arg_t a;
	int c, lst, fd, nfd, n, i;
	union {
		sctp_peeloff_arg_t a;
		char b[64];
	} big;
	socklen_t len;

	SETUP_SKIPPED_RETURN();
	c = client_up(_metadata, s, SOCK_STREAM, &id);
	lst = stream_listener(_metadata, s);
	nfd = open_fds();
	ASSERT_GT(nfd, 0);

	a.associd = id;
	a.sd = -1;
	len = sizeof(a) - 1;
	EXPECT_EQ(getsockopt(s->l, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &a, &len),
		  -1);
	EXPECT_EQ(errno, EINVAL);
	len = 0;
	EXPECT_EQ(getsockopt(s->l, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &a, &len),
		  -1);
	EXPECT_EQ(errno, EINVAL);
	f.p_arg = a;
	f.flags = 0;
	len = sizeof(f) - 1;
	EXPECT_EQ(getsockopt(s->l, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, &f,
			     &len), -1);
	EXPECT_EQ(errno, EINVAL);
	len = sizeof(a);
	EXPECT_EQ(getsockopt(s->l, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, &f,
			     &len), -1);
	EXPECT_EQ(errno, EINVAL);

	n = bad_ids(id, bad);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(peel(s->l, bad[i], DOOR_OPT, 0), -EINVAL) {
			TH_LOG("id %d", bad[i]);
		}
		EXPECT_EQ(peel(s->l, bad[i], DOOR_OPT_FLAGS, 0), -EINVAL) {
			TH_LOG("id %d", bad[i]);
		}
	}
	EXPECT_EQ(peel(lst, 0, DOOR_OPT, 0), -EINVAL);
	EXPECT_EQ(peel(lst, id, DOOR_OPT_FLAGS, 0), -EINVAL);
	EXPECT_EQ(peel(c, 0, DOOR_OPT, 0), -EINVAL);
	EXPECT_EQ(peel(c, id, DOOR_OPT_FLAGS, 0), -EINVAL);

	/* nothing moved, nothing left open */
	EXPECT_EQ(assoc_number(s->l), 1);
	EXPECT_EQ(open_fds(), nfd);

	/* it still peels off, once; the new socket is one-to-one */
	fd = track(s, peel(s->l, id, DOOR_OPT, 0));
	ASSERT_GE(fd, 0);
	EXPECT_EQ(peel(s->l, id, DOOR_OPT, 0), -EINVAL);
	EXPECT_EQ(peel(s->l, id, DOOR_OPT_FLAGS, 0), -EINVAL);
	EXPECT_EQ(peel(fd, id, DOOR_OPT, 0), -EINVAL);
	EXPECT_EQ(peel(fd, 0, DOOR_OPT_FLAGS, 0), -EINVAL);
	EXPECT_EQ(open_fds(), nfd + 1);

	/* a longer buffer is fine: the length comes back as the struct's */
	client_up(_metadata, s, SOCK_STREAM, &id2);
	memset(&big, 0, sizeof(big));
	big.a.associd = id2;
	big.a.sd = -1;
	len = sizeof(big);
	ASSERT_GE(getsockopt(s->l, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &big,
			     &len), 0);
	track(s, big.a.sd);
	EXPECT_GE(big.a.sd, 0);
	EXPECT_EQ(len, sizeof(sctp_peeloff_arg_t));
	EXPECT_EQ(assoc_number(s->l), 0);
}

/*
 * The ioctl: besides the ids and one-to-one sockets, a flag bit other
 * than SOCK_CLOEXEC and SOCK_NONBLOCK and a reserved field not 0 are
 * EINVAL, a bad pointer EFAULT; nothing moved, nothing left open. The sd
 * field is output only.
 */
TEST_F_TIMEOUT(peel_args, errors_ioctl, 120)
{
	static const unsigned int bad_flags[] = {
		1, O_APPEND, 0x40000000, 0x80000000, SOCK_CLOEXEC | 1,
		SOCK_NONBLOCK | 0x100,
	};
	static const unsigned int bad_reserved[] = { 1, 0x80000000 };
	struct srv *s = &self->s;
	struct nsctp_peeloff_arg a;
	sctp_assoc_t id, bad[16];
	int c, lst, fd, nfd, n, i;

	SETUP_SKIPPED_RETURN();
	NEED_IOCTL(DOOR_IOCTL);
	c = client_up(_metadata, s, SOCK_STREAM, &id);
	lst = stream_listener(_metadata, s);
	nfd = open_fds();
	ASSERT_GT(nfd, 0);

	for (i = 0; i < (int)ARRAY_SIZE(bad_flags); i++) {
		memset(&a, 0, sizeof(a));
		a.assoc_id = id;
		a.flags = bad_flags[i];
		EXPECT_EQ(ioctl(s->l, NSCTP_IOC_PEELOFF, &a), -1) {
			TH_LOG("flags %#x", bad_flags[i]);
		}
		EXPECT_EQ(errno, EINVAL);
	}
	for (i = 0; i < 2; i++) {
		memset(&a, 0, sizeof(a));
		a.assoc_id = id;
		a.reserved = bad_reserved[i];
		EXPECT_EQ(ioctl(s->l, NSCTP_IOC_PEELOFF, &a), -1);
		EXPECT_EQ(errno, EINVAL);
	}
	n = bad_ids(id, bad);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(peel(s->l, bad[i], DOOR_IOCTL, 0), -EINVAL) {
			TH_LOG("id %d", bad[i]);
		}
	}
	EXPECT_EQ(peel(lst, 0, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(peel(lst, id, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(peel(c, 0, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(peel(c, id, DOOR_IOCTL, SOCK_CLOEXEC), -EINVAL);
	EXPECT_EQ(ioctl(s->l, NSCTP_IOC_PEELOFF, NULL), -1);
	EXPECT_EQ(errno, EFAULT);

	EXPECT_EQ(assoc_number(s->l), 1);
	EXPECT_EQ(open_fds(), nfd);

	/* whatever sd held on the way in */
	memset(&a, 0, sizeof(a));
	a.assoc_id = id;
	a.sd = 12345;
	fd = track(s, ioctl(s->l, NSCTP_IOC_PEELOFF, &a));
	ASSERT_GE(fd, 0);
	EXPECT_EQ(a.sd, fd);
	EXPECT_EQ(a.assoc_id, id);
	EXPECT_EQ(assoc_number(s->l), 0);
	EXPECT_EQ(peel(s->l, id, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(peel(fd, id, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(peel(fd, 0, DOOR_IOCTL, 0), -EINVAL);
	EXPECT_EQ(open_fds(), nfd + 1);
}

/* A socket peeled off is one-to-one: SOCK_STREAM, by every door. */
TEST_F_TIMEOUT(peel_args, stream_type, 120)
{
	struct srv *s = &self->s;
	sctp_assoc_t id;
	int d, fd;

	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("a socket peeled off keeps SOCK_SEQPACKET in SO_TYPE");
	for (d = DOOR_OPT; d <= DOOR_IOCTL; d++) {
		client_up(_metadata, s, SOCK_STREAM, &id);
		fd = track(s, peel(s->l, id, d, 0));
		ASSERT_GE(fd, 0);
		EXPECT_EQ(getint(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM) {
			TH_LOG("%s", door_name[d]);
		}
	}
}

/* A thread that sends on the server's association until told to stop,
 * and sleeps in sendmsg() once the send buffer is full.
 */
struct blocker {
	int fd;
	sctp_assoc_t id;
	int tid;
	int in_send;		/* inside sendmsg() */
	int sent;		/* messages */
	int stop;
	int done;
	int err;		/* errno of a failed send */
};

#define BLK_LEN	1000

static void *blocker_run(void *arg)
{
	struct blocker *b = arg;
	char buf[BLK_LEN];
	ssize_t n;
	int seq;

	__atomic_store_n(&b->tid, (int)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&b->stop, __ATOMIC_SEQ_CST)) {
		seq = __atomic_load_n(&b->sent, __ATOMIC_SEQ_CST);
		fill(buf, sizeof(buf), seq);
		memcpy(buf, &seq, sizeof(seq));
		__atomic_store_n(&b->in_send, 1, __ATOMIC_SEQ_CST);
		n = send_assoc(b->fd, b->id, buf, sizeof(buf));
		__atomic_store_n(&b->in_send, 0, __ATOMIC_SEQ_CST);
		if (n != (ssize_t)sizeof(buf)) {
			b->err = n < 0 ? errno : EMSGSIZE;
			break;
		}
		__atomic_add_fetch(&b->sent, 1, __ATOMIC_SEQ_CST);
	}
	__atomic_store_n(&b->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* The scheduler state of thread @tid ('S': sleeping), or '?'. */
static char task_state(int tid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Until the blocker sleeps inside sendmsg() with its count still: 0, or
 * -1 after @ms.
 */
static int wait_blocked(struct blocker *b, int ms)
{
	int last = -1, still = 0, tid, sent;

	for (; ms > 0; ms -= 50) {
		usleep(50000);
		tid = __atomic_load_n(&b->tid, __ATOMIC_SEQ_CST);
		sent = __atomic_load_n(&b->sent, __ATOMIC_SEQ_CST);
		if (tid && __atomic_load_n(&b->in_send, __ATOMIC_SEQ_CST) &&
		    sent == last && task_state(tid) == 'S')
			still++;
		else
			still = 0;
		last = sent;
		if (still >= 4)
			return 0;
		if (__atomic_load_n(&b->done, __ATOMIC_SEQ_CST))
			return -1;
	}
	return -1;
}

/* Read the blocker's messages at the client in order, whole: how many so
 * far in *@got. Until @until have come, or the blocker is done and
 * nothing came for 500 ms (@until < 0). 0, or -1 on a bad or missing
 * message.
 */
static int drain_blocker(struct __test_metadata *_metadata,
			 struct blocker *b, int c, int *got, int until)
{
	char in[BLK_LEN + 64], want[BLK_LEN];
	int quiet = 0, seq;
	struct rx r;
	ssize_t n;

	while (until < 0 ? quiet < 500 : *got < until) {
		n = rx_msg(c, in, sizeof(in), 100, &r);
		if (n < 0 && errno == ETIMEDOUT) {
			/* draining: quiet counts once the sender is done */
			if (until >= 0 ||
			    __atomic_load_n(&b->done, __ATOMIC_SEQ_CST))
				quiet += 100;
			if (until >= 0 && quiet > WAIT_MS)
				return -1;
			continue;
		}
		quiet = 0;
		seq = *got;
		fill(want, sizeof(want), seq);
		memcpy(want, &seq, sizeof(seq));
		EXPECT_EQ(n, BLK_LEN);
		EXPECT_FALSE(r.flags & MSG_NOTIFICATION);
		EXPECT_EQ(memcmp(in, want, sizeof(want)), 0) {
			TH_LOG("message %d", seq);
		}
		if (n != BLK_LEN || memcmp(in, want, sizeof(want)))
			return -1;
		(*got)++;
	}
	return 0;
}

/*
 * The server's send buffer and the client's window are small and the
 * client does not read: a thread sending on the association sleeps in
 * sendmsg(). Meanwhile no door peels the association off (EBUSY), and
 * the sleeper is not disturbed. Once the client reads, the sender
 * finishes, and then the association peels off; every message arrives,
 * in order, and the new socket carries on.
 */
TEST_F_TIMEOUT(peel_args, busy_sender, 120)
{
	struct timeval tv = { .tv_sec = 20 };
	struct blocker b = { 0 };
	struct srv *s = &self->s;
	char out[BLK_LEN];
	pthread_t th;
	int c, fd, got = 0, sent, d;
	sctp_assoc_t id;
	struct rx r;

	SETUP_SKIPPED_RETURN();
	NSCTP_ONLY("sctp.ko peels off under a sleeping sender, which then fails with EPIPE");
	ASSERT_EQ(setint(s->l, SOL_SOCKET, SO_SNDBUF, 4096), 0);
	ASSERT_EQ(setsockopt(s->l, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)),
		  0);
	c = track(s, socket(s->family, SOCK_STREAM, IPPROTO_SCTP));
	ASSERT_GE(c, 0);
	ASSERT_EQ(setint(c, SOL_SOCKET, SO_RCVBUF, 4096), 0);
	ASSERT_EQ(connect(c, (void *)&s->addr, s->alen), 0);
	id = comm_up(_metadata, s->l);

	b.fd = s->l;
	b.id = id;
	ASSERT_EQ(pthread_create(&th, NULL, blocker_run, &b), 0);
	if (wait_blocked(&b, 10000)) {
		__atomic_store_n(&b.stop, 1, __ATOMIC_SEQ_CST);
		drain_blocker(_metadata, &b, c, &got, -1);
		pthread_join(th, NULL);
		ASSERT_TRUE(0) {
			TH_LOG("the sender never slept in sendmsg(): %d sent, error %d",
			       b.sent, b.err);
		}
	}
	sent = __atomic_load_n(&b.sent, __ATOMIC_SEQ_CST);
	for (d = DOOR_OPT; d <= DOOR_IOCTL; d++) {
		EXPECT_EQ(peel(s->l, id, d, 0), -EBUSY) {
			TH_LOG("%s with a sender asleep", door_name[d]);
		}
	}
	EXPECT_EQ(assoc_number(s->l), 1);
	usleep(100000);
	EXPECT_EQ(__atomic_load_n(&b.in_send, __ATOMIC_SEQ_CST), 1);
	EXPECT_EQ(__atomic_load_n(&b.sent, __ATOMIC_SEQ_CST), sent);
	EXPECT_EQ(task_state(b.tid), 'S');

	/* the client reads: the sender wakes, finishes its message, stops */
	__atomic_store_n(&b.stop, 1, __ATOMIC_SEQ_CST);
	EXPECT_EQ(drain_blocker(_metadata, &b, c, &got, -1), 0);
	pthread_join(th, NULL);
	EXPECT_EQ(b.err, 0) {
		TH_LOG("the sender's sendmsg() failed: %s", strerror(b.err));
	}
	EXPECT_GT(b.sent, sent);

	/* free now */
	fd = track(s, peel(s->l, id, DOOR_IOCTL, 0));
	ASSERT_GE(fd, 0);
	EXPECT_EQ(assoc_number(s->l), 0);
	EXPECT_EQ(drain_blocker(_metadata, &b, c, &got, b.sent), 0);
	EXPECT_EQ(got, b.sent);
	fill(out, sizeof(out), 77);
	ASSERT_EQ(send(fd, out, sizeof(out), MSG_NOSIGNAL),
		  (ssize_t)sizeof(out));
	expect_data(_metadata, c, out, sizeof(out), &r);
}

/*
 * threaded: T_CLIENTS one-to-one clients, each in its own thread, send
 * T_MSGS messages of varied length (at most T_WINDOW unanswered) and
 * check each echo. An acceptor thread reads the server's COMM_UPs and
 * peels each association off at once, by the doors in turn; a worker
 * thread per new socket checks each message (right client, right
 * sequence, every byte) and echoes it transformed. Whatever a client
 * sent before its association was peeled off must reach the worker too.
 */
#define T_CLIENTS	8
#define T_MSGS		200
#define T_WINDOW	8
#define T_MAXMSG	1200
#define T_TAG		0x50454c4fU
#define T_XOR		0x5a

struct thdr {
	uint32_t tag;
	uint16_t idx;
	uint16_t seq;
	uint32_t len;
};

static size_t t_len(int idx, int seq)
{
	return sizeof(struct thdr) +
	       (seq * 131 + idx * 977) % (T_MAXMSG - sizeof(struct thdr) + 1);
}

/* Message @seq of client @idx, each byte XORed with @x: its length. */
static size_t t_fill(uint8_t *b, int idx, int seq, uint8_t x)
{
	struct thdr h = { T_TAG, idx, seq, t_len(idx, seq) };
	size_t k;

	memcpy(b, &h, sizeof(h));
	for (k = sizeof(h); k < h.len; k++)
		b[k] = idx * 29 + seq * 7 + k * 3;
	for (k = 0; k < h.len; k++)
		b[k] ^= x;
	return h.len;
}

static ssize_t first_diff(const uint8_t *a, const uint8_t *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return i;
	return -1;
}

struct tctx;

struct tclient {
	struct tctx *ctx;
	int idx;
	pthread_t th;
	bool started;
	int port;		/* local, once connected */
	int echoes;		/* checked */
};

struct tworker {
	struct tctx *ctx;
	int n;			/* the n-th association peeled off */
	pthread_t th;
	bool started;
	int fd;
	int client;		/* whose messages came, or -1 */
	int msgs;		/* checked */
};

struct tctx {
	int family;
	int l;
	struct sockaddr_storage addr;
	socklen_t alen;
	const enum door *doors;
	int ndoors;
	struct tclient cl[T_CLIENTS];
	struct tworker w[T_CLIENTS];
	int failed;
	pthread_mutex_t lock;
	char log[8][200];
	int nlog;
};

static void tfail(struct tctx *ctx, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&ctx->lock);
	if (ctx->nlog < 8) {
		va_start(ap, fmt);
		vsnprintf(ctx->log[ctx->nlog++], sizeof(ctx->log[0]), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&ctx->lock);
	__atomic_store_n(&ctx->failed, 1, __ATOMIC_SEQ_CST);
}

static bool tfailed(struct tctx *ctx)
{
	return __atomic_load_n(&ctx->failed, __ATOMIC_SEQ_CST);
}

/* The next message on @fd, waited for in slices so that a failure
 * elsewhere ends the wait; nothing for STALL_MS fails. Its length, or -1.
 */
static ssize_t t_rx(struct tctx *ctx, const char *who, int n, int fd,
		    void *buf, size_t size, struct rx *r)
{
	ssize_t len;
	int ms;

	for (ms = 0; ms < STALL_MS; ms += 100) {
		if (tfailed(ctx))
			return -1;
		len = rx_msg(fd, buf, size, 100, r);
		if (len >= 0)
			return len;
		if (errno != ETIMEDOUT) {
			tfail(ctx, "%s %d: recvmsg: %s", who, n,
			      strerror(errno));
			return -1;
		}
	}
	tfail(ctx, "%s %d: stalled, nothing for %d ms", who, n, STALL_MS);
	return -1;
}

static void *t_client(void *arg)
{
	struct tclient *p = arg;
	struct tctx *ctx = p->ctx;
	struct timeval tv = { .tv_sec = STALL_MS / 1000 };
	uint8_t out[T_MAXMSG], want[T_MAXMSG], in[T_MAXMSG + 64];
	int fd, sent = 0, got = 0;
	size_t len;
	struct rx r;
	ssize_t n;

	fd = socket(ctx->family, SOCK_STREAM, IPPROTO_SCTP);
	if (fd < 0) {
		tfail(ctx, "client %d: socket: %s", p->idx, strerror(errno));
		return NULL;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setint(fd, IPPROTO_SCTP, SCTP_NODELAY, 1);
	if (connect(fd, (void *)&ctx->addr, ctx->alen)) {
		tfail(ctx, "client %d: connect: %s", p->idx, strerror(errno));
		goto out;
	}
	__atomic_store_n(&p->port, local_port(fd), __ATOMIC_SEQ_CST);
	while (got < T_MSGS) {
		while (sent < T_MSGS && sent - got < T_WINDOW) {
			len = t_fill(out, p->idx, sent, 0);
			n = send(fd, out, len, MSG_NOSIGNAL);
			if (n != (ssize_t)len) {
				tfail(ctx, "client %d: send #%d: %zd (%s)",
				      p->idx, sent, n, strerror(errno));
				goto out;
			}
			sent++;
		}
		n = t_rx(ctx, "client", p->idx, fd, in, sizeof(in), &r);
		if (n < 0)
			goto out;
		if (r.flags & MSG_NOTIFICATION) {
			tfail(ctx, "client %d: a notification (type %d)",
			      p->idx, r.sn_type);
			goto out;
		}
		len = t_fill(want, p->idx, got, T_XOR);
		if (n != (ssize_t)len || !(r.flags & MSG_EOR) ||
		    memcmp(in, want, len)) {
			tfail(ctx, "client %d: echo #%d: %zd bytes, want %zu, flags %#x, first difference at %zd",
			      p->idx, got, n, len, r.flags,
			      first_diff(in, want, n < (ssize_t)len ? n : len));
			goto out;
		}
		got++;
	}
	p->echoes = got;
out:
	close(fd);
	return NULL;
}

/* Serve one association on its peeled-off socket until it ends. */
static void *t_worker(void *arg)
{
	struct tworker *w = arg;
	struct tctx *ctx = w->ctx;
	uint8_t in[T_MAXMSG + 64], want[T_MAXMSG];
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	union sctp_notification *sn = (void *)in;
	int port, seq = 0;
	struct thdr h;
	size_t len;
	struct rx r;
	ssize_t n;

	if (getpeername(w->fd, (void *)&peer, &plen)) {
		tfail(ctx, "server %d: getpeername: %s", w->n, strerror(errno));
		return NULL;
	}
	port = sa_port(&peer);
	for (;;) {
		n = t_rx(ctx, "server", w->n, w->fd, in, sizeof(in), &r);
		if (n < 0)
			return NULL;
		if (!n)
			break;			/* end of file */
		if (r.flags & MSG_NOTIFICATION) {
			if (r.sn_type == SCTP_ASSOC_CHANGE &&
			    r.sac_state == SCTP_SHUTDOWN_COMP)
				break;
			tfail(ctx, "server %d: notification type %#x state %d",
			      w->n, sn->sn_header.sn_type, r.sac_state);
			return NULL;
		}
		if (n < (ssize_t)sizeof(h)) {
			tfail(ctx, "server %d: %zd bytes", w->n, n);
			return NULL;
		}
		memcpy(&h, in, sizeof(h));
		if (h.tag != T_TAG || h.idx >= T_CLIENTS ||
		    __atomic_load_n(&ctx->cl[h.idx].port,
				    __ATOMIC_SEQ_CST) != port ||
		    (w->client >= 0 && h.idx != w->client)) {
			tfail(ctx, "server %d (peer port %d): message of client %u (port %d), tag %#x, after client %d's",
			      w->n, port, h.idx,
			      h.idx < T_CLIENTS ? ctx->cl[h.idx].port : -1,
			      h.tag, w->client);
			return NULL;
		}
		w->client = h.idx;
		if (h.seq != seq || seq >= T_MSGS) {
			tfail(ctx, "server %d: client %d's message %u, want %d (lost, duplicated or reordered)",
			      w->n, h.idx, h.seq, seq);
			return NULL;
		}
		len = t_fill(want, h.idx, seq, 0);
		if (n != (ssize_t)len || !(r.flags & MSG_EOR) ||
		    memcmp(in, want, len)) {
			tfail(ctx, "server %d: client %d's message %d: %zd bytes, want %zu, flags %#x, first difference at %zd",
			      w->n, h.idx, seq, n, len, r.flags,
			      first_diff(in, want, n < (ssize_t)len ? n : len));
			return NULL;
		}
		len = t_fill(want, h.idx, seq, T_XOR);
		n = send(w->fd, want, len, MSG_NOSIGNAL);
		if (n != (ssize_t)len) {
			tfail(ctx, "server %d: echo #%d: %zd (%s)", w->n, seq,
			      n, strerror(errno));
			return NULL;
		}
		seq++;
	}
	w->msgs = seq;
	if (seq != T_MSGS)
		tfail(ctx, "server %d: client %d's association ended after %d messages, want %d",
		      w->n, w->client, seq, T_MSGS);
	return NULL;
}

/* Peel each new association off as its COMM_UP arrives. */
static void *t_acceptor(void *arg)
{
	struct timeval tv = { .tv_sec = STALL_MS / 1000 };
	struct tctx *ctx = arg;
	struct tworker *w;
	unsigned int flags;
	enum door door;
	union nbuf nb;
	struct rx r;
	ssize_t n;
	int k, fd;

	for (k = 0; k < T_CLIENTS; k++) {
		n = t_rx(ctx, "acceptor", k, ctx->l, &nb, sizeof(nb), &r);
		if (n < 0)
			return NULL;
		if (!(r.flags & MSG_NOTIFICATION)) {
			tfail(ctx, "acceptor: %zd bytes of association %d's data on the one-to-many socket",
			      n, r.id);
			return NULL;
		}
		if (r.sn_type != SCTP_ASSOC_CHANGE ||
		    r.sac_state != SCTP_COMM_UP) {
			tfail(ctx, "acceptor: notification type %#x state %d",
			      r.sn_type, r.sac_state);
			return NULL;
		}
		door = ctx->doors[k % ctx->ndoors];
		flags = door != DOOR_OPT && (k & 2) ? SOCK_CLOEXEC : 0;
		fd = peel(ctx->l, r.id, door, flags);
		if (fd < 0) {
			tfail(ctx, "acceptor: peeling association %d off by %s: %s",
			      r.id, door_name[door], strerror(-fd));
			return NULL;
		}
		if (!!(fcntl(fd, F_GETFD) & FD_CLOEXEC) !=
		    !!(flags & SOCK_CLOEXEC))
			tfail(ctx, "acceptor: %s flags %#x: FD_CLOEXEC wrong",
			      door_name[door], flags);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		w = &ctx->w[k];
		w->fd = fd;
		if (pthread_create(&w->th, NULL, t_worker, w)) {
			tfail(ctx, "acceptor: pthread_create failed");
			return NULL;
		}
		w->started = true;
	}
	return NULL;
}

static void threaded(struct __test_metadata *_metadata, struct srv *s,
		     const enum door *doors, int ndoors)
{
	struct tctx *ctx = calloc(1, sizeof(*ctx));
	bool seen[T_CLIENTS] = { false };
	pthread_t acc;
	int i;

	ASSERT_NE(ctx, NULL);
	pthread_mutex_init(&ctx->lock, NULL);
	ctx->family = s->family;
	ctx->l = s->l;
	ctx->addr = s->addr;
	ctx->alen = s->alen;
	ctx->doors = doors;
	ctx->ndoors = ndoors;
	for (i = 0; i < T_CLIENTS; i++) {
		ctx->cl[i].ctx = ctx;
		ctx->cl[i].idx = i;
		ctx->cl[i].port = -1;
		ctx->w[i].ctx = ctx;
		ctx->w[i].n = i;
		ctx->w[i].fd = -1;
		ctx->w[i].client = -1;
	}

	ASSERT_EQ(pthread_create(&acc, NULL, t_acceptor, ctx), 0);
	for (i = 0; i < T_CLIENTS; i++) {
		if (pthread_create(&ctx->cl[i].th, NULL, t_client, &ctx->cl[i]))
			tfail(ctx, "pthread_create failed");
		else
			ctx->cl[i].started = true;
	}
	pthread_join(acc, NULL);
	/* every association peeled off, while the clients still send */
	if (!tfailed(ctx))
		EXPECT_EQ(assoc_number(s->l), 0);
	for (i = 0; i < T_CLIENTS; i++)
		if (ctx->cl[i].started)
			pthread_join(ctx->cl[i].th, NULL);
	for (i = 0; i < T_CLIENTS; i++) {
		if (ctx->w[i].started)
			pthread_join(ctx->w[i].th, NULL);
		if (ctx->w[i].fd >= 0)
			close(ctx->w[i].fd);
	}
	for (i = 0; i < ctx->nlog; i++)
		TH_LOG("%s", ctx->log[i]);
	EXPECT_EQ(ctx->failed, 0);
	for (i = 0; i < T_CLIENTS && !ctx->failed; i++) {
		EXPECT_EQ(ctx->cl[i].echoes, T_MSGS);
		EXPECT_EQ(ctx->w[i].msgs, T_MSGS);
		ASSERT_GE(ctx->w[i].client, 0);
		EXPECT_FALSE(seen[ctx->w[i].client]);
		seen[ctx->w[i].client] = true;
	}
	/* the old socket: no association, nothing left to read */
	EXPECT_EQ(assoc_number(s->l), 0);
	expect_empty(_metadata, s->l);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
}

FIXTURE(threaded) {
	struct srv s;
};

FIXTURE_VARIANT(threaded) {
	int family;
};

FIXTURE_VARIANT_ADD(threaded, ipv4) { AF_INET };
FIXTURE_VARIANT_ADD(threaded, ipv6) { AF_INET6 };

FIXTURE_SETUP(threaded)
{
	self->s.l = -1;
	srv_open(_metadata, &self->s, variant->family);
}

FIXTURE_TEARDOWN(threaded)
{
	srv_close(&self->s);
}

TEST_F_TIMEOUT(threaded, getsockopt_doors, 120)
{
	static const enum door doors[] = { DOOR_OPT, DOOR_OPT_FLAGS };

	SETUP_SKIPPED_RETURN();
	threaded(_metadata, &self->s, doors, 2);
}

TEST_F_TIMEOUT(threaded, all_doors, 120)
{
	static const enum door doors[] = {
		DOOR_IOCTL, DOOR_OPT, DOOR_OPT_FLAGS,
	};

	SETUP_SKIPPED_RETURN();
	NEED_IOCTL(DOOR_IOCTL);
	threaded(_metadata, &self->s, doors, 3);
}

TEST_HARNESS_MAIN
