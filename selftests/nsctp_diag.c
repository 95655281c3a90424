// SPDX-License-Identifier: GPL-2.0
/*
 * sock_diag for SCTP, what 'ss --sctp' reads: SOCK_DIAG_BY_FAMILY dumps
 * (struct inet_diag_req_v2, sdiag_protocol IPPROTO_SCTP, NLM_F_DUMP) over
 * NETLINK_SOCK_DIAG, spoken directly, each case in a network namespace of
 * its own, IPv4 and IPv6 sockets (and requests of that family). The ABI is
 * the in-tree sctp_diag's, which these cases were checked against:
 *
 *   listener      a listening one-to-one socket: one entry, TCP_LISTEN,
 *                 its port and loopback address, no peer, the socket's
 *                 inode, uid and cookie, no interface, the accept queue
 *                 and backlog as the queues; inet_diag's own attributes
 *                 (SHUTDOWN, MARK, CGROUP_ID, SOCKOPT, SKV6ONLY on IPv6),
 *                 its address in INET_DIAG_LOCALS, no INET_DIAG_PEERS,
 *                 nothing of what was not asked for
 *   assoc         client and accept()ed socket: each socket has an entry
 *                 in its own state (TCP_ESTABLISHED, the peer's port)
 *                 followed at once by one entry per association, with the
 *                 same inode and cookie, whose idiag_state is the
 *                 association's state in the kernel's numbering
 *                 (ESTABLISHED: 3) and idiag_if the primary path's
 *                 device (lo); the listener keeps its one entry.
 *                 INET_DIAG_INFO (struct sctp_info) when asked for, on
 *                 every entry: the socket's fields on the socket's entry
 *                 (nodelay, fragment interleave, pd point, adaptation
 *                 indication, disable fragments, mapped v4, style; no
 *                 association field), the association's on the
 *                 association's (no socket field): tags (each end's peer
 *                 tag is the other's tag), state, stream counts from
 *                 SCTP_INITMSG, peer capabilities, the primary path
 *                 (peer address and port, active, hbinterval in jiffies,
 *                 pathmaxrxt, max burst), DATA chunks counted (3 sent,
 *                 3 received, none retransmitted); INET_DIAG_LOCALS and
 *                 INET_DIAG_PEERS: arrays of struct sockaddr_storage,
 *                 ports included; INET_DIAG_CONG "reno" on associations
 *                 when asked for
 *   meminfo       INET_DIAG_SKMEMINFO when asked for (not otherwise):
 *                 SO_RCVBUF and SO_SNDBUF as in getsockopt, unread data
 *                 counted as receive memory (the socket's, on its entry
 *                 and its association's); INET_DIAG_MEMINFO never, as
 *                 in-tree
 *   one_to_many   a one-to-many listener with 100 clients: its socket
 *                 entry once (state LISTEN, its SCTP_AUTOCLOSE and style
 *                 in its sctp_info), then exactly 100 association entries
 *                 with its inode, one per client port, together
 *   big_dump      5,000 associations of one one-to-many listener (1,000
 *                 over IPv6), dumped through a 16 KiB receive buffer
 *                 (hundreds of rounds): the listener once, each client
 *                 socket, its association and the listener's association
 *                 with it exactly once, nothing else
 *   filters       idiag_states: TCPF_LISTEN gives the listeners (one
 *                 entry each, even one with associations) and nothing
 *                 else; TCPF_ESTABLISHED gives no listener without
 *                 associations, and the one-to-many listener's socket
 *                 entry (state LISTEN) ahead of its association; a
 *                 request of the other family shows none of these
 *                 sockets; the request's idiag_sport and idiag_dport
 *                 select (sockets and associations); bytecode
 *                 (INET_DIAG_REQ_BYTECODE, S_EQ and D_EQ) is accepted
 *                 and, as in-tree, not applied (ss filters again in
 *                 userspace)
 *   netns         a socket of another network namespace is not listed
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_netns.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>

/* <netinet/tcp.h>'s TCP states, which sock_diag's idiag_states selects */
#define ST_ESTABLISHED	1
#define ST_CLOSE	7
#define ST_LISTEN	10
#define STF(s)		(1U << (s))
#define STF_ALL		0xffffffffU

/* The association states as sock_diag numbers them (the kernel's
 * internal order, as in-tree's sctp_diag reports them).
 */
enum {
	ASOC_CLOSED, ASOC_COOKIE_WAIT, ASOC_COOKIE_ECHOED, ASOC_ESTABLISHED,
	ASOC_SHUTDOWN_PENDING, ASOC_SHUTDOWN_SENT, ASOC_SHUTDOWN_RECEIVED,
	ASOC_SHUTDOWN_ACK_SENT,
};

/* in-tree's sctpi_s_type: sctp_sock's type */
#define STYLE_ONE_TO_MANY	0
#define STYLE_ONE_TO_ONE	2

#define EXT(a)		(1U << ((a) - 1))
#define EXT_ALL		(EXT(INET_DIAG_MEMINFO) | EXT(INET_DIAG_INFO) | \
			 EXT(INET_DIAG_CONG) | EXT(INET_DIAG_SKMEMINFO))

#define KEEP_ADDRS	2

/* One entry of a dump, with the attributes these tests look at. */
struct dentry {
	struct inet_diag_msg m;
	uint64_t attrs;			/* a bit per attribute type seen */
	int round;			/* the recv() that brought it */
	int info_len;
	struct sctp_info info;
	struct inet_diag_meminfo mem;
	int skmem_len;
	uint32_t skmem[SK_MEMINFO_VARS];
	int locals_len, peers_len;	/* payload bytes */
	struct sockaddr_storage locals[KEEP_ADDRS], peers[KEEP_ADDRS];
	char cong[16];
};

struct dump {
	struct dentry *e;
	int n, cap;
	int rounds;
};

struct dreq {
	int family;
	uint32_t states;
	uint8_t ext;
	uint16_t sport, dport;		/* host order; 0: any */
	const void *bc;			/* INET_DIAG_REQ_BYTECODE */
	int bclen;
	size_t bufsz;			/* recv() size; 0: 32 KiB */
	/* not a dump: the one association of these addresses and ports */
	bool exact;
	uint32_t src[4], dst[4];
};

static void dump_free(struct dump *d)
{
	free(d->e);
	memset(d, 0, sizeof(*d));
}

static struct dentry *dump_add(struct dump *d)
{
	if (d->n == d->cap) {
		int cap = d->cap ? 2 * d->cap : 256;
		struct dentry *e = realloc(d->e, cap * sizeof(*e));

		if (!e)
			return NULL;
		d->e = e;
		d->cap = cap;
	}
	memset(&d->e[d->n], 0, sizeof(d->e[0]));
	return &d->e[d->n++];
}

/* Copy attribute @a into @to, at most @size bytes. Return: the
 * attribute's own payload length.
 */
static size_t copy_attr(void *to, size_t size, const struct rtattr *a)
{
	size_t n = RTA_PAYLOAD(a);

	memcpy(to, RTA_DATA(a), n < size ? n : size);
	return n;
}

static void parse_attrs(struct dentry *e, struct nlmsghdr *h)
{
	int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(struct inet_diag_msg));
	struct rtattr *a = (void *)((char *)NLMSG_DATA(h) +
				    NLMSG_ALIGN(sizeof(struct inet_diag_msg)));
	size_t n;

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		n = RTA_PAYLOAD(a);
		if (a->rta_type < 64)
			e->attrs |= 1ULL << a->rta_type;
		switch (a->rta_type) {
		case INET_DIAG_INFO:
			e->info_len = copy_attr(&e->info, sizeof(e->info), a);
			break;
		case INET_DIAG_MEMINFO:
			copy_attr(&e->mem, sizeof(e->mem), a);
			break;
		case INET_DIAG_SKMEMINFO:
			e->skmem_len = copy_attr(e->skmem, sizeof(e->skmem), a);
			break;
		case INET_DIAG_LOCALS:
			e->locals_len = copy_attr(e->locals, sizeof(e->locals), a);
			break;
		case INET_DIAG_PEERS:
			e->peers_len = copy_attr(e->peers, sizeof(e->peers), a);
			break;
		case INET_DIAG_CONG:
			snprintf(e->cong, sizeof(e->cong), "%.*s", (int)n,
				 (char *)RTA_DATA(a));
			break;
		}
	}
}

/* Dump SCTP sockets as @q asks, through the NETLINK_SOCK_DIAG socket @nl
 * (or a new one in the current netns if @nl < 0), into @d: 0, or -errno
 * (the kernel's, from NLMSG_ERROR or NLMSG_DONE; -EMSGSIZE if a message
 * did not fit in the buffer; -EPROTO if something else came).
 */
static int diag_dump(int nl, const struct dreq *q, struct dump *d)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
		struct rtattr bc;
		uint8_t prog[256];
	} req;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	size_t bufsz = q->bufsz ? q->bufsz : 32768;
	int fd = nl, err = 0, done = 0;
	char *buf;

	memset(d, 0, sizeof(*d));
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.r));
	req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.h.nlmsg_flags = NLM_F_REQUEST | (q->exact ? 0 : NLM_F_DUMP);
	req.h.nlmsg_seq = 1;
	req.r.sdiag_family = q->family;
	req.r.sdiag_protocol = IPPROTO_SCTP;
	req.r.idiag_ext = q->ext;
	req.r.idiag_states = q->states;
	req.r.id.idiag_sport = htons(q->sport);
	req.r.id.idiag_dport = htons(q->dport);
	memcpy(req.r.id.idiag_src, q->src, sizeof(q->src));
	memcpy(req.r.id.idiag_dst, q->dst, sizeof(q->dst));
	req.r.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	req.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	if (q->bc) {
		if (q->bclen > (int)sizeof(req.prog))
			return -EINVAL;
		req.bc.rta_type = INET_DIAG_REQ_BYTECODE;
		req.bc.rta_len = RTA_LENGTH(q->bclen);
		memcpy(req.prog, q->bc, q->bclen);
		req.h.nlmsg_len = NLMSG_ALIGN(req.h.nlmsg_len) +
				  RTA_ALIGN(req.bc.rta_len);
	}
	buf = malloc(bufsz);
	if (!buf)
		return -ENOMEM;
	if (fd < 0)
		fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			    NETLINK_SOCK_DIAG);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (void *)&sa,
		   sizeof(sa)) < 0) {
		err = -errno;
		goto out;
	}
	while (!done && !err) {
		ssize_t n = recv(fd, buf, bufsz, MSG_TRUNC);
		struct nlmsghdr *h = (void *)buf;

		if (n < 0) {
			err = -errno;
			break;
		}
		if ((size_t)n > bufsz) {
			err = -EMSGSIZE;
			break;
		}
		d->rounds++;
		for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			struct dentry *e;

			if (h->nlmsg_type == NLMSG_DONE) {
				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)) &&
				    *(int *)NLMSG_DATA(h) < 0)
					err = *(int *)NLMSG_DATA(h);
				done = 1;
				break;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *ne = NLMSG_DATA(h);

				err = ne->error ? ne->error : -EPROTO;
				break;
			}
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
			    h->nlmsg_len < NLMSG_LENGTH(sizeof(e->m))) {
				err = -EPROTO;
				break;
			}
			e = dump_add(d);
			if (!e) {
				err = -ENOMEM;
				break;
			}
			memcpy(&e->m, NLMSG_DATA(h), sizeof(e->m));
			e->round = d->rounds;
			parse_attrs(e, h);
		}
		/* an exact request is answered with one message, no DONE */
		if (q->exact)
			done = 1;
	}
out:
	if (fd >= 0 && fd != nl)
		close(fd);
	free(buf);
	return err;
}

static unsigned long inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}


/* Is @ss the loopback address of @family (with @port unless 0)? */
static bool is_lo(const struct sockaddr_storage *ss, int family, int port)
{
	if (ss->ss_family != family || (port && nsctp_ss_port(ss) != port))
		return false;
	if (family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr ==
		       htonl(INADDR_LOOPBACK);
	return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)ss)->sin6_addr);
}

/* Is the entry's address (idiag_src or idiag_dst) @family's loopback?
 * An IPv4 address in an entry of IPv6 family: in-tree puts the first
 * local address of an association there, seen as an IPv6 address; for
 * an IPv6 client over loopback that is 127.0.0.1, which reads as
 * all-zero (ss prints '*'): @zero_ok accepts it.
 */
static bool diag_addr_lo(const uint32_t *a, int family, bool zero_ok)
{
	if (family == AF_INET)
		return a[0] == htonl(INADDR_LOOPBACK) && !a[1] && !a[2] && !a[3];
	return IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)a) ||
	       (zero_ok && !(a[0] | a[1] | a[2] | a[3])) ||
	       (a[0] == 0 && a[1] == 0 && a[2] == htonl(0xffff) &&
		a[3] == htonl(INADDR_LOOPBACK));
}

/* Does an address list attribute hold an address of @family with @port
 * (any address)?
 */
static bool addrs_have_port(const struct sockaddr_storage *ss, int len,
			    int family, int port)
{
	int i;

	for (i = 0; i < len / (int)sizeof(*ss) && i < KEEP_ADDRS; i++)
		if (ss[i].ss_family == family && nsctp_ss_port(&ss[i]) == port)
			return true;
	return false;
}

/* Does an address list attribute hold @family's loopback with @port? */
static bool addrs_have_lo(const struct sockaddr_storage *ss, int len,
			  int family, int port)
{
	int i;

	for (i = 0; i < len / (int)sizeof(*ss) && i < KEEP_ADDRS; i++)
		if (is_lo(&ss[i], family, port))
			return true;
	return false;
}

static const char *entry_str(const struct dentry *e, char *buf, size_t size)
{
	snprintf(buf, size,
		 "fam %d state %d sport %d dport %d inode %u uid %u rq %u wq %u ext %#llx round %d",
		 e->m.idiag_family, e->m.idiag_state, ntohs(e->m.id.idiag_sport),
		 ntohs(e->m.id.idiag_dport), e->m.idiag_inode,
		 e->m.idiag_uid, e->m.idiag_rqueue, e->m.idiag_wqueue,
		 (unsigned long long)e->attrs, e->round);
	return buf;
}

/* Log the entries of the dump with inode @ino (all of them if 0). */
static void log_entries(struct __test_metadata *_metadata,
			const struct dump *d, unsigned long ino)
{
	char s[200];
	int i;

	for (i = 0; i < d->n; i++)
		if (!ino || d->e[i].m.idiag_inode == ino)
			TH_LOG("[%d] %s", i, entry_str(&d->e[i], s, sizeof(s)));
}

/* Indices of the entries with inode @ino, in dump order: their count. */
static int entries_of(const struct dump *d, unsigned long ino, int *idx,
		      int max)
{
	int i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->e[i].m.idiag_inode == ino) {
			if (n < max)
				idx[n] = i;
			n++;
		}
	return n;
}

static int count_inode(const struct dump *d, unsigned long ino)
{
	return entries_of(d, ino, NULL, 0);
}

static int stream_client(int family, const struct sockaddr_storage *to,
			 socklen_t len)
{
	int c = socket(family, SOCK_STREAM, IPPROTO_SCTP);

	if (c >= 0 && connect(c, (const void *)to, len)) {
		int e = errno;

		close(c);
		errno = e;
		return -1;
	}
	return c;
}

static int set_initmsg(int fd, int out, int in)
{
	struct sctp_initmsg im = {
		.sinit_num_ostreams = out,
		.sinit_max_instreams = in,
	};

	return setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im));
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

FIXTURE(diag) {
	int ns;
	int lsn;
	struct sockaddr_storage addr;	/* the listener's */
	socklen_t alen;
	int port;
};

FIXTURE_VARIANT(diag) {
	int family;
};

FIXTURE_VARIANT_ADD(diag, ipv4) { AF_INET };
FIXTURE_VARIANT_ADD(diag, ipv6) { AF_INET6 };

/* A fresh netns; a one-to-one listener (backlog 37) on loopback, with
 * SCTP_INITMSG 9 out, 11 in for the sockets it accepts.
 */
FIXTURE_SETUP(diag)
{
	struct dump d;
	struct dreq q = { .family = variant->family, .states = STF_ALL };
	int err;

	self->ns = self->lsn = -1;
	if (geteuid())
		SKIP(return, "needs root (network namespaces)");
	self->ns = netns_new();
	ASSERT_GE(self->ns, 0);
	self->lsn = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	if (self->lsn < 0 && (errno == EPROTONOSUPPORT ||
			      errno == ESOCKTNOSUPPORT))
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(set_initmsg(self->lsn, 9, 11), 0);
	self->alen = nsctp_loopback_ss(variant->family, &self->addr);
	ASSERT_EQ(bind(self->lsn, (void *)&self->addr, self->alen), 0);
	ASSERT_EQ(listen(self->lsn, 37), 0);
	self->alen = sizeof(self->addr);
	ASSERT_EQ(getsockname(self->lsn, (void *)&self->addr, &self->alen), 0);
	self->port = nsctp_ss_port(&self->addr);
	/* the SCTP handler of sock_diag is there (in-tree: sctp_diag,
	 * autoloaded; nsctp: its own)
	 */
	err = diag_dump(-1, &q, &d);
	dump_free(&d);
	ASSERT_EQ(err, 0) {
		TH_LOG("SOCK_DIAG_BY_FAMILY for IPPROTO_SCTP: %s%s",
		       strerror(-err), err == -ENOENT ?
		       " (no sock_diag handler for IPPROTO_SCTP)" : "");
	}
}

FIXTURE_TEARDOWN(diag)
{
	if (self->lsn >= 0)
		close(self->lsn);
	if (self->ns >= 0)
		close(self->ns);
}

TEST_F(diag, listener)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL };
	unsigned long ino = inode_of(self->lsn);
	const struct dentry *e;
	struct dump d;
	int idx[4];

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	ASSERT_EQ(entries_of(&d, ino, idx, 4), 1) {
		log_entries(_metadata, &d, 0);
	}
	/* the only SCTP socket of this netns */
	EXPECT_EQ(d.n, 1);
	e = &d.e[idx[0]];
	EXPECT_EQ(e->m.idiag_family, variant->family);
	EXPECT_EQ(e->m.idiag_state, ST_LISTEN);
	EXPECT_EQ(ntohs(e->m.id.idiag_sport), self->port);
	EXPECT_EQ(e->m.id.idiag_dport, 0);
	EXPECT_TRUE(diag_addr_lo(e->m.id.idiag_src, variant->family, false));
	EXPECT_EQ(e->m.id.idiag_dst[0] | e->m.id.idiag_dst[1] |
		  e->m.id.idiag_dst[2] | e->m.id.idiag_dst[3], 0);
	EXPECT_EQ(e->m.idiag_uid, getuid());
	EXPECT_EQ(e->m.idiag_inode, ino);
	/* queues of a listener: accept queue and backlog */
	EXPECT_EQ(e->m.idiag_rqueue, 0);
	EXPECT_EQ(e->m.idiag_wqueue, 37);
	EXPECT_EQ(e->m.idiag_timer, 0);
	/* inet_diag's own: shutdown, mark (CAP_NET_ADMIN), cgroup, socket
	 * options, IPv6-only on a listening IPv6 socket
	 */
	EXPECT_TRUE(e->attrs & 1ULL << INET_DIAG_SHUTDOWN);
	EXPECT_TRUE(e->attrs & 1ULL << INET_DIAG_MARK);
	EXPECT_TRUE(e->attrs & 1ULL << INET_DIAG_CGROUP_ID);
	EXPECT_TRUE(e->attrs & 1ULL << INET_DIAG_SOCKOPT);
	EXPECT_EQ(!!(e->attrs & 1ULL << INET_DIAG_SKV6ONLY),
		  variant->family == AF_INET6);
	EXPECT_NE(e->m.id.idiag_cookie[0] | e->m.id.idiag_cookie[1], 0);
	EXPECT_EQ(e->m.id.idiag_if, 0);
	/* not asked for: no INFO, MEMINFO, SKMEMINFO, CONG */
	EXPECT_EQ(e->attrs & (1ULL << INET_DIAG_INFO | 1ULL << INET_DIAG_MEMINFO |
			      1ULL << INET_DIAG_SKMEMINFO |
			      1ULL << INET_DIAG_CONG), 0);
	/* always: the bound addresses; no peers */
	EXPECT_TRUE(e->attrs & 1ULL << INET_DIAG_LOCALS);
	EXPECT_FALSE(e->attrs & 1ULL << INET_DIAG_PEERS);
	EXPECT_EQ(e->locals_len % sizeof(struct sockaddr_storage), 0);
	EXPECT_TRUE(addrs_have_lo(e->locals, e->locals_len, variant->family,
				  self->port));
	dump_free(&d);
}

/* Check one socket's entries: the socket's, then one association's. */
static void check_pair(struct __test_metadata *_metadata,
		       const FIXTURE_VARIANT(diag) *variant,
		       const struct dump *d, int fd, int peer_fd)
{
	unsigned long ino = inode_of(fd);
	int idx[4], lport = nsctp_local_port(fd), pport = nsctp_local_port(peer_fd);
	const struct dentry *s, *a;

	ASSERT_EQ(entries_of(d, ino, idx, 4), 2) {
		log_entries(_metadata, d, 0);
	}
	/* the socket, then its association, next to each other */
	ASSERT_EQ(idx[1], idx[0] + 1);
	s = &d->e[idx[0]];
	a = &d->e[idx[1]];
	EXPECT_EQ(s->m.idiag_state, ST_ESTABLISHED);
	EXPECT_EQ(a->m.idiag_state, ASOC_ESTABLISHED);
	EXPECT_EQ(s->m.idiag_family, variant->family);
	EXPECT_EQ(a->m.idiag_family, variant->family);
	EXPECT_EQ(ntohs(s->m.id.idiag_sport), lport);
	EXPECT_EQ(ntohs(a->m.id.idiag_sport), lport);
	EXPECT_EQ(ntohs(a->m.id.idiag_dport), pport);
	/* the socket's peer: the connected one-to-one socket's */
	EXPECT_EQ(ntohs(s->m.id.idiag_dport), pport);
	EXPECT_TRUE(diag_addr_lo(a->m.id.idiag_src, variant->family, true)) {
		TH_LOG("src %08x %08x %08x %08x", a->m.id.idiag_src[0],
		       a->m.id.idiag_src[1], a->m.id.idiag_src[2],
		       a->m.id.idiag_src[3]);
	}
	EXPECT_TRUE(diag_addr_lo(a->m.id.idiag_dst, variant->family, false));
	EXPECT_EQ(s->m.idiag_uid, getuid());
	EXPECT_EQ(a->m.idiag_uid, getuid());
	/* the same socket: inode (above) and cookie */
	EXPECT_EQ(s->m.id.idiag_cookie[0], a->m.id.idiag_cookie[0]);
	EXPECT_EQ(s->m.id.idiag_cookie[1], a->m.id.idiag_cookie[1]);
	/* the association's: the interface of its primary path's route */
	EXPECT_EQ(s->m.id.idiag_if, 0);
	EXPECT_EQ(a->m.id.idiag_if, if_nametoindex("lo"));
	/* the socket's locals (the client's: the wildcard address it was
	 * bound to by connect()); the association's locals and peers
	 */
	EXPECT_TRUE(addrs_have_port(s->locals, s->locals_len, variant->family,
				    lport));
	EXPECT_FALSE(s->attrs & 1ULL << INET_DIAG_PEERS);
	EXPECT_EQ(a->locals_len % sizeof(struct sockaddr_storage), 0);
	EXPECT_EQ(a->peers_len % sizeof(struct sockaddr_storage), 0);
	EXPECT_TRUE(addrs_have_lo(a->locals, a->locals_len, variant->family,
				  lport));
	EXPECT_TRUE(addrs_have_lo(a->peers, a->peers_len, variant->family,
				  pport));
	/* CONG: "reno", on the association only */
	EXPECT_STREQ(a->cong, "reno");
	EXPECT_FALSE(s->attrs & 1ULL << INET_DIAG_CONG);
}

/* The sctp_info of @fd's socket entry (@which 0) or association entry
 * (@which 1), when it has just one association.
 */
static const struct sctp_info *info_of(const struct dump *d, int fd,
				       int which)
{
	int idx[4];

	if (entries_of(d, inode_of(fd), idx, 4) != 2 ||
	    d->e[idx[which]].info_len != (int)sizeof(struct sctp_info))
		return NULL;
	return &d->e[idx[which]].info;
}

/* An association entry's sctp_info has no socket fields: all zero, as
 * in-tree (ss prints those only when not zero, on the socket's line).
 */
static bool no_sock_fields(const struct sctp_info *i)
{
	return !i->sctpi_s_autoclose && !i->sctpi_s_adaptation_ind &&
	       !i->sctpi_s_pd_point && !i->sctpi_s_nodelay &&
	       !i->sctpi_s_disable_fragments && !i->sctpi_s_v4mapped &&
	       !i->sctpi_s_frag_interleave && !i->sctpi_s_type;
}

/* A socket entry's sctp_info: the socket's fields only. */
static bool no_assoc_fields(const struct sctp_info *i)
{
	return !i->sctpi_tag && !i->sctpi_state && !i->sctpi_rwnd &&
	       !i->sctpi_peer_tag && !i->sctpi_instrms && !i->sctpi_outstrms &&
	       !i->sctpi_p_address.ss_family && !i->sctpi_opackets;
}

/* @hz_val is @msecs in jiffies for one of the usual CONFIG_HZ values */
static bool jiffies_of(uint32_t hz_val, uint32_t msecs)
{
	static const int hz[] = { 100, 250, 300, 1000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hz); i++)
		if (hz_val == (uint64_t)msecs * hz[i] / 1000)
			return true;
	return false;
}

/* What the association entry's sctp_info says of @fd's own settings. */
static void check_info(struct __test_metadata *_metadata,
		       const FIXTURE_VARIANT(diag) *variant,
		       const struct sctp_info *i, int fd, int peer_port)
{
	struct sctp_paddrparams pp = { 0 };
	struct sctp_assoc_value av = { 0 };
	socklen_t len = sizeof(pp);

	EXPECT_NE(i->sctpi_tag, 0);
	EXPECT_NE(i->sctpi_peer_tag, 0);
	EXPECT_EQ(i->sctpi_state, ASOC_ESTABLISHED);
	EXPECT_EQ(i->sctpi_overall_error, 0);
	EXPECT_GT(i->sctpi_rwnd, 0);
	EXPECT_GT(i->sctpi_peer_rwnd, 0);
	EXPECT_GT(i->sctpi_maxseg, 0);
	/* the peer's capabilities, in-tree's bits (high to low): ECN, IPv4
	 * addresses, IPv6 addresses, host name addresses, ASCONF, PR-SCTP,
	 * AUTH; over loopback in-tree: ECN, PR-SCTP and the address types
	 * its socket's family supports. nsctp uses none of the extensions
	 * and reports only the address types (an IPv4 socket lists IPv4,
	 * an IPv6 one both).
	 */
	if (intree_mode()) {
		EXPECT_EQ(i->sctpi_peer_capable,
			  variant->family == AF_INET ? 0x62 : 0x72);
	} else {
		EXPECT_EQ(i->sctpi_peer_capable,
			  variant->family == AF_INET ? 0x20 : 0x30);
	}
	EXPECT_TRUE(no_sock_fields(i));
	/* the primary path: the peer */
	EXPECT_TRUE(is_lo(&i->sctpi_p_address, variant->family, peer_port));
	EXPECT_EQ(i->sctpi_p_state, SCTP_ACTIVE);
	EXPECT_GT(i->sctpi_p_cwnd, 0);
	EXPECT_GT(i->sctpi_p_rto, 0);
	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp,
			     &len), 0);
	/* in jiffies */
	EXPECT_TRUE(jiffies_of(i->sctpi_p_hbinterval, pp.spp_hbinterval)) {
		TH_LOG("hbinterval %u, SCTP_PEER_ADDR_PARAMS %u ms",
		       i->sctpi_p_hbinterval, pp.spp_hbinterval);
	}
	EXPECT_EQ(i->sctpi_p_pathmaxrxt, pp.spp_pathmaxrxt);
	len = sizeof(av);
	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_MAX_BURST, &av, &len), 0);
	EXPECT_EQ(i->sctpi_max_burst, av.assoc_value);
}

/* What the socket entry's sctp_info says of @fd. */
static void check_sock_info(struct __test_metadata *_metadata,
			    const struct sctp_info *i, int fd, int style)
{
	int v;

	EXPECT_TRUE(no_assoc_fields(i));
	ASSERT_EQ(nsctp_getint(fd, IPPROTO_SCTP, SCTP_I_WANT_MAPPED_V4_ADDR,
			       &v), 0);
	EXPECT_EQ(i->sctpi_s_v4mapped, v);
	EXPECT_EQ(i->sctpi_s_type, style);
}

#define XFER_MSGS	3
#define XFER_LEN	1000

TEST_F(diag, assoc)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL,
			  .ext = EXT(INET_DIAG_INFO) | EXT(INET_DIAG_CONG) };
	struct sctp_setadaptation ad = { .ssb_adaptation_ind = 0x1234abcd };
	const struct sctp_info *ci, *si;
	char buf[XFER_LEN] = { 1 };
	int c, s, i, got, idx[4];
	struct dump d;

	SETUP_SKIPPED_RETURN();
	c = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(set_initmsg(c, 5, 7), 0);
	ASSERT_EQ(nsctp_setint(c, IPPROTO_SCTP, SCTP_NODELAY, 1), 0);
	ASSERT_EQ(nsctp_setint(c, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, 1),
		  0);
	ASSERT_EQ(nsctp_setint(c, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT,
			       4321), 0);
	ASSERT_EQ(nsctp_setint(c, IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, 1), 0);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, &ad,
			     sizeof(ad)), 0);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = accept(self->lsn, NULL, NULL);
	ASSERT_GE(s, 0);
	for (i = 0; i < XFER_MSGS; i++)
		ASSERT_EQ(send(c, buf, sizeof(buf), 0), sizeof(buf));
	for (got = 0; got < XFER_MSGS * XFER_LEN; got += i) {
		i = recv(s, buf, sizeof(buf), 0);
		ASSERT_GT(i, 0);
	}

	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	/* the listener: its own entry only (the association moved to the
	 * accepted socket)
	 */
	ASSERT_EQ(entries_of(&d, inode_of(self->lsn), idx, 4), 1) {
		log_entries(_metadata, &d, 0);
	}
	EXPECT_EQ(d.e[idx[0]].m.idiag_state, ST_LISTEN);
	check_pair(_metadata, variant, &d, c, s);
	check_pair(_metadata, variant, &d, s, c);
	EXPECT_EQ(d.n, 5);

	/* INFO on every entry: the socket's fields on the socket's, the
	 * association's on the association's
	 */
	EXPECT_EQ(d.e[idx[0]].info_len, sizeof(struct sctp_info));
	ci = info_of(&d, c, 0);
	si = info_of(&d, s, 0);
	ASSERT_NE(ci, NULL);
	ASSERT_NE(si, NULL);
	check_sock_info(_metadata, ci, c, STYLE_ONE_TO_ONE);
	check_sock_info(_metadata, si, s, STYLE_ONE_TO_ONE);
	EXPECT_EQ(ci->sctpi_s_nodelay, 1);
	EXPECT_EQ(si->sctpi_s_nodelay, 0);
	EXPECT_EQ(ci->sctpi_s_frag_interleave, 1);
	EXPECT_EQ(si->sctpi_s_frag_interleave, 0);
	EXPECT_EQ(ci->sctpi_s_pd_point, 4321);
	EXPECT_EQ(si->sctpi_s_pd_point, 0);
	EXPECT_EQ(ci->sctpi_s_disable_fragments, 1);
	EXPECT_EQ(si->sctpi_s_disable_fragments, 0);
	EXPECT_EQ(ci->sctpi_s_adaptation_ind, 0x1234abcd);
	EXPECT_EQ(si->sctpi_s_adaptation_ind, 0);
	EXPECT_EQ(ci->sctpi_s_autoclose, 0);

	ci = info_of(&d, c, 1);
	si = info_of(&d, s, 1);
	ASSERT_NE(ci, NULL);
	ASSERT_NE(si, NULL);
	EXPECT_EQ(ci->sctpi_tag, si->sctpi_peer_tag);
	EXPECT_EQ(si->sctpi_tag, ci->sctpi_peer_tag);
	EXPECT_NE(ci->sctpi_tag, si->sctpi_tag);
	/* client: 5 out, 7 in at most; server: 9 out, 11 in at most */
	EXPECT_EQ(ci->sctpi_outstrms, 5);
	EXPECT_EQ(ci->sctpi_instrms, 7);
	EXPECT_EQ(si->sctpi_outstrms, 7);
	EXPECT_EQ(si->sctpi_instrms, 5);
	check_info(_metadata, variant, ci, c, nsctp_local_port(s));
	check_info(_metadata, variant, si, s, nsctp_local_port(c));
	/* the transfer: DATA chunks counted on each side */
	EXPECT_EQ(ci->sctpi_oodchunks, XFER_MSGS);
	EXPECT_EQ(si->sctpi_iodchunks, XFER_MSGS);
	EXPECT_EQ(ci->sctpi_iodchunks, 0);
	EXPECT_EQ(si->sctpi_oodchunks, 0);
	EXPECT_EQ(ci->sctpi_ouodchunks, 0);
	EXPECT_EQ(si->sctpi_iuodchunks, 0);
	EXPECT_GE(ci->sctpi_opackets, 1);
	EXPECT_GE(si->sctpi_ipackets, 1);
	EXPECT_EQ(ci->sctpi_rtxchunks, 0);
	dump_free(&d);
	close(c);
	close(s);
}

TEST_F(diag, meminfo)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL };
	const struct dentry *e;
	char buf[XFER_LEN] = { 2 };
	int c, s, i, rcvbuf, sndbuf, idx[4];
	struct dump d;

	SETUP_SKIPPED_RETURN();
	c = stream_client(variant->family, &self->addr, self->alen);
	ASSERT_GE(c, 0);
	s = accept(self->lsn, NULL, NULL);
	ASSERT_GE(s, 0);
	for (i = 0; i < XFER_MSGS; i++)
		ASSERT_EQ(send(c, buf, sizeof(buf), 0), sizeof(buf));
	/* left unread on s; wait for it to be there */
	for (i = 0; i < 500; i++) {
		if (recv(s, buf, 1, MSG_PEEK | MSG_DONTWAIT) == 1)
			break;
		usleep(10000);
	}

	/* not asked for: none */
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	for (i = 0; i < d.n; i++)
		EXPECT_EQ(d.e[i].attrs & (1ULL << INET_DIAG_MEMINFO |
					  1ULL << INET_DIAG_SKMEMINFO), 0);
	dump_free(&d);

	q.ext = EXT(INET_DIAG_MEMINFO) | EXT(INET_DIAG_SKMEMINFO);
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	ASSERT_EQ(nsctp_getint(s, SOL_SOCKET, SO_RCVBUF, &rcvbuf), 0);
	ASSERT_EQ(nsctp_getint(s, SOL_SOCKET, SO_SNDBUF, &sndbuf), 0);
	ASSERT_EQ(entries_of(&d, inode_of(s), idx, 4), 2) {
		log_entries(_metadata, &d, 0);
	}
	/* SKMEMINFO on the socket's entry and its association's (the
	 * socket's memory: no SCTP_RCVBUF/SNDBUF policy per association);
	 * MEMINFO never, as in-tree (ss -m prints skmem)
	 */
	for (i = 0; i < 2; i++) {
		e = &d.e[idx[i]];
		EXPECT_FALSE(e->attrs & 1ULL << INET_DIAG_MEMINFO);
		EXPECT_EQ(e->skmem_len, sizeof(e->skmem));
		EXPECT_EQ(e->skmem[SK_MEMINFO_RCVBUF], rcvbuf);
		EXPECT_EQ(e->skmem[SK_MEMINFO_SNDBUF], sndbuf);
		/* the unread data: counted, within the buffer */
		EXPECT_GT(e->skmem[SK_MEMINFO_RMEM_ALLOC], 0);
		EXPECT_LE(e->skmem[SK_MEMINFO_RMEM_ALLOC], rcvbuf);
		EXPECT_EQ(e->skmem[SK_MEMINFO_DROPS], 0);
	}
	EXPECT_EQ(d.e[idx[0]].skmem[SK_MEMINFO_RMEM_ALLOC],
		  d.e[idx[1]].skmem[SK_MEMINFO_RMEM_ALLOC]);
	/* the listener's too */
	ASSERT_EQ(entries_of(&d, inode_of(self->lsn), idx, 4), 1);
	e = &d.e[idx[0]];
	EXPECT_FALSE(e->attrs & 1ULL << INET_DIAG_MEMINFO);
	EXPECT_EQ(e->skmem_len, sizeof(e->skmem));
	EXPECT_GT(e->skmem[SK_MEMINFO_RCVBUF], 0);
	EXPECT_GT(e->skmem[SK_MEMINFO_SNDBUF], 0);
	EXPECT_EQ(e->skmem[SK_MEMINFO_RMEM_ALLOC], 0);
	dump_free(&d);
	close(c);
	close(s);
}

#define MANY	100

/* A one-to-many listener on loopback (SCTP_AUTOCLOSE @autoclose): its fd,
 * its port in *port.
 */
static int m_listener(int family, int autoclose, struct sockaddr_storage *ss,
		      socklen_t *len)
{
	int fd = socket(family, SOCK_SEQPACKET, IPPROTO_SCTP);

	if (fd < 0)
		return -1;
	*len = nsctp_loopback_ss(family, ss);
	if ((autoclose && nsctp_setint(fd, IPPROTO_SCTP, SCTP_AUTOCLOSE,
				       autoclose)) ||
	    bind(fd, (void *)ss, *len) || listen(fd, 128) ||
	    getsockname(fd, (void *)ss, len)) {
		close(fd);
		return -1;
	}
	return fd;
}

TEST_F(diag, one_to_many)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL,
			  .ext = EXT(INET_DIAG_INFO) };
	struct sockaddr_storage ma;
	int m, c[MANY], seen[MANY] = { 0 }, i, j, n, sock_entries, first;
	unsigned long ino;
	socklen_t mlen;
	struct dump d;

	SETUP_SKIPPED_RETURN();
	m = m_listener(variant->family, 77, &ma, &mlen);
	ASSERT_GE(m, 0);
	ino = inode_of(m);
	for (i = 0; i < MANY; i++) {
		c[i] = stream_client(variant->family, &ma, mlen);
		ASSERT_GE(c[i], 0);
	}
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	n = entries_of(&d, ino, &first, 1);
	sock_entries = 0;
	for (i = 0; i < d.n; i++) {
		const struct dentry *e = &d.e[i];

		if (e->m.idiag_inode != ino)
			continue;
		EXPECT_EQ(ntohs(e->m.id.idiag_sport), nsctp_ss_port(&ma));
		ASSERT_EQ(e->info_len, sizeof(struct sctp_info));
		if (e->m.idiag_state == ST_LISTEN && !e->m.id.idiag_dport) {
			/* first: the associations follow it */
			EXPECT_EQ(sock_entries++ ? -1 : i, first);
			check_sock_info(_metadata, &e->info, m,
					STYLE_ONE_TO_MANY);
			EXPECT_EQ(e->info.sctpi_s_autoclose, 77);
			continue;
		}
		EXPECT_EQ(e->m.idiag_state, ASOC_ESTABLISHED);
		EXPECT_EQ(e->info.sctpi_state, ASOC_ESTABLISHED);
		EXPECT_TRUE(no_sock_fields(&e->info));
		for (j = 0; j < MANY; j++)
			if (nsctp_local_port(c[j]) == ntohs(e->m.id.idiag_dport))
				seen[j]++;
	}
	/* the socket's entry once, then its 100 associations */
	EXPECT_EQ(sock_entries, 1) {
		log_entries(_metadata, &d, ino);
	}
	EXPECT_EQ(n, MANY + 1);
	/* all of them together */
	for (i = first; i < first + n && i < d.n; i++)
		EXPECT_EQ(d.e[i].m.idiag_inode, ino);
	for (j = 0; j < MANY; j++)
		EXPECT_EQ(seen[j], 1);
	/* each client: its socket and its association */
	for (j = 0; j < MANY; j++)
		EXPECT_EQ(count_inode(&d, inode_of(c[j])), 2);
	dump_free(&d);
	for (i = 0; i < MANY; i++)
		close(c[i]);
	close(m);
}

/* 5,000 over IPv4; 1,000 over IPv6, the same walk (time: TCG) */
#define BIG_MAX	5000

TEST_F_TIMEOUT(diag, big_dump, 300)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL,
			  .bufsz = 16384 };
	struct rlimit rl = { BIG_MAX + 64, BIG_MAX + 64 };
	int big = variant->family == AF_INET ? BIG_MAX : BIG_MAX / 5;
	int *c, i, m, mport, bad = 0, lines = 0, lsn = 0;
	unsigned char *srv, *cs, *ca;	/* seen, by client port */
	struct sockaddr_storage ma;
	unsigned long ino;
	double t0, t1, t2;
	socklen_t mlen;
	struct dump d;

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	c = calloc(big, sizeof(*c));
	srv = calloc(65536, 1);
	cs = calloc(65536, 1);
	ca = calloc(65536, 1);
	ASSERT_TRUE(c && srv && cs && ca);
	m = m_listener(variant->family, 0, &ma, &mlen);
	ASSERT_GE(m, 0);
	ino = inode_of(m);
	mport = nsctp_ss_port(&ma);
	t0 = now_s();
	for (i = 0; i < big; i++) {
		c[i] = stream_client(variant->family, &ma, mlen);
		ASSERT_GE(c[i], 0) {
			TH_LOG("client %d: %s", i, strerror(errno));
		}
	}
	t1 = now_s();
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	t2 = now_s();
	TH_LOG("%d associations up in %.1f s; dump: %d entries, %d rounds, %.1f s",
	       big, t1 - t0, d.n, d.rounds, t2 - t1);
	EXPECT_GT(d.rounds, big / 20);
	for (i = 0; i < d.n; i++) {
		const struct dentry *e = &d.e[i];
		int sp = ntohs(e->m.id.idiag_sport);
		int dp = ntohs(e->m.id.idiag_dport);

		if (e->m.idiag_inode == inode_of(self->lsn)) {
			/* the fixture's listener */
			lsn++;
		} else if (e->m.idiag_inode == ino) {
			if (!dp && e->m.idiag_state == ST_LISTEN)
				lines++;
			else if (sp == mport && dp)
				srv[dp]++;
			else
				bad++;
		} else if (dp == mport && e->m.idiag_state == ST_ESTABLISHED &&
			   (i + 1 == d.n ||
			    d.e[i + 1].m.idiag_inode == e->m.idiag_inode)) {
			/* a client's socket, its association next */
			cs[sp]++;
		} else if (dp == mport &&
			   e->m.idiag_state == ASOC_ESTABLISHED && i &&
			   d.e[i - 1].m.idiag_inode == e->m.idiag_inode) {
			ca[sp]++;
		} else {
			char buf[200];

			if (bad++ < 10)
				TH_LOG("entry %d: %s", i,
				       entry_str(e, buf, sizeof(buf)));
		}
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(lines, 1);
	EXPECT_EQ(lsn, 1);
	/* the two listeners and 3 entries a client: nothing else */
	EXPECT_EQ(d.n, 2 + 3 * big);
	for (i = 0; i < big; i++) {
		int p = nsctp_local_port(c[i]);

		if (srv[p] != 1 || cs[p] != 1 || ca[p] != 1) {
			bad++;
			if (bad < 10)
				TH_LOG("client port %d: listener's %d, socket %d, association %d",
				       p, srv[p], cs[p], ca[p]);
		}
	}
	EXPECT_EQ(bad, 0);
	dump_free(&d);
	/* an abort each: quicker than 5,000 shutdowns */
	for (i = 0; i < big; i++) {
		struct linger lg = { .l_onoff = 1, .l_linger = 0 };

		setsockopt(c[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(c[i]);
	}
	close(m);
	free(c);
	free(srv);
	free(cs);
	free(ca);
}

/* Entries of @d with inode @ino in state @state. */
static int count_state(const struct dump *d, unsigned long ino, int state)
{
	int i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->e[i].m.idiag_inode == ino &&
		     d->e[i].m.idiag_state == state;
	return n;
}

/* sport == @port, in inet_diag's bytecode: accept if equal, else jump
 * past the end (reject).
 */
static int bc_port(struct inet_diag_bc_op *op, int code, int port)
{
	op[0].code = code;
	op[0].yes = 2 * sizeof(*op);
	op[0].no = 3 * sizeof(*op);
	op[1].code = INET_DIAG_BC_NOP;
	op[1].yes = 0;
	op[1].no = port;
	return 2 * sizeof(*op);
}

TEST_F(diag, filters)
{
	struct dreq q = { .family = variant->family };
	unsigned long l_ino = inode_of(self->lsn), c_ino, s_ino, m_ino;
	struct inet_diag_bc_op bc[2];
	struct sockaddr_storage ma;
	int c, s, m, mc, i;
	socklen_t mlen;
	struct dump d;

	SETUP_SKIPPED_RETURN();
	c = stream_client(variant->family, &self->addr, self->alen);
	ASSERT_GE(c, 0);
	s = accept(self->lsn, NULL, NULL);
	ASSERT_GE(s, 0);
	c_ino = inode_of(c);
	s_ino = inode_of(s);
	/* and a one-to-many listener with one association */
	m = m_listener(variant->family, 0, &ma, &mlen);
	ASSERT_GE(m, 0);
	m_ino = inode_of(m);
	mc = stream_client(variant->family, &ma, mlen);
	ASSERT_GE(mc, 0);

	/* listeners only: both listeners' sockets, no association, no
	 * established socket
	 */
	q.states = STF(ST_LISTEN);
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(count_inode(&d, l_ino), 1);
	EXPECT_EQ(count_state(&d, l_ino, ST_LISTEN), 1);
	EXPECT_EQ(count_inode(&d, m_ino), 1);
	EXPECT_EQ(count_state(&d, m_ino, ST_LISTEN), 1);
	EXPECT_EQ(count_inode(&d, c_ino), 0);
	EXPECT_EQ(count_inode(&d, s_ino), 0);
	EXPECT_EQ(d.n, 2) {
		log_entries(_metadata, &d, 0);
	}
	dump_free(&d);

	/* established only: no listener without associations; the sockets
	 * with associations and these, the one-to-many listener's socket
	 * entry (state LISTEN) ahead of its association as in a full dump
	 */
	q.states = STF(ST_ESTABLISHED);
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(count_inode(&d, l_ino), 0);
	EXPECT_EQ(count_inode(&d, c_ino), 2);
	EXPECT_EQ(count_inode(&d, s_ino), 2);
	EXPECT_EQ(count_state(&d, m_ino, ASOC_ESTABLISHED), 1);
	EXPECT_EQ(count_inode(&d, m_ino), 2) {
		log_entries(_metadata, &d, 0);
	}
	dump_free(&d);

	/* the other family: none of these */
	q.states = STF_ALL;
	q.family = variant->family == AF_INET ? AF_INET6 : AF_INET;
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(d.n, 0) {
		log_entries(_metadata, &d, 0);
	}
	dump_free(&d);
	q.family = variant->family;

	/* the request's source port: the listener, and the accepted
	 * socket's entries (its socket and association have the port)
	 */
	q.sport = self->port;
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(count_inode(&d, l_ino), 1);
	EXPECT_EQ(count_inode(&d, s_ino), 2);
	EXPECT_EQ(count_inode(&d, c_ino), 0);
	EXPECT_EQ(count_inode(&d, m_ino), 0);
	EXPECT_EQ(d.n, 3) {
		log_entries(_metadata, &d, 0);
	}
	dump_free(&d);
	/* the destination port: the client's association */
	q.sport = 0;
	q.dport = self->port;
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(count_state(&d, c_ino, ASOC_ESTABLISHED), 1);
	EXPECT_EQ(count_inode(&d, s_ino), 0);
	EXPECT_EQ(count_inode(&d, m_ino), 0);
	EXPECT_EQ(count_inode(&d, l_ino), 0) {
		log_entries(_metadata, &d, 0);
	}
	dump_free(&d);
	q.dport = 0;

	/* bytecode sport == listener port and dport == listener port:
	 * accepted, and (as in-tree) every socket still listed
	 */
	for (i = 0; i < 2; i++) {
		q.bclen = bc_port(bc, i ? INET_DIAG_BC_D_EQ : INET_DIAG_BC_S_EQ,
				  self->port);
		q.bc = bc;
		ASSERT_EQ(diag_dump(-1, &q, &d), 0);
		EXPECT_EQ(count_inode(&d, l_ino), 1);
		EXPECT_EQ(count_inode(&d, s_ino), 2);
		EXPECT_EQ(count_inode(&d, c_ino), 2);
		EXPECT_EQ(count_inode(&d, m_ino), 2);
		dump_free(&d);
	}
	close(mc);
	close(m);
	close(c);
	close(s);
}

/* The address of @ss into an inet_diag_sockid address field. */
static void sockid_addr(const struct sockaddr_storage *ss, uint32_t *to)
{
	memset(to, 0, 16);
	if (ss->ss_family == AF_INET)
		memcpy(to, &((const struct sockaddr_in *)ss)->sin_addr, 4);
	else
		memcpy(to, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
}

/* A request without NLM_F_DUMP names one association by its addresses
 * and ports: its entry alone comes back; ports nobody uses: ENOENT.
 */
TEST_F(diag, exact)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL,
			  .exact = true, .ext = EXT(INET_DIAG_INFO) };
	struct sockaddr_storage cl;
	socklen_t len = sizeof(cl);
	int c, s, err;
	struct dump d;

	SETUP_SKIPPED_RETURN();
	c = stream_client(variant->family, &self->addr, self->alen);
	ASSERT_GE(c, 0);
	s = accept(self->lsn, NULL, NULL);
	ASSERT_GE(s, 0);
	ASSERT_EQ(getsockname(c, (void *)&cl, &len), 0);
	sockid_addr(&cl, q.src);
	sockid_addr(&self->addr, q.dst);
	q.sport = nsctp_ss_port(&cl);
	q.dport = self->port;
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	ASSERT_EQ(d.n, 1);
	EXPECT_EQ(d.e[0].m.idiag_state, ASOC_ESTABLISHED);
	EXPECT_EQ(ntohs(d.e[0].m.id.idiag_sport), q.sport);
	EXPECT_EQ(ntohs(d.e[0].m.id.idiag_dport), self->port);
	EXPECT_EQ(d.e[0].m.idiag_inode, inode_of(c));
	EXPECT_EQ(d.e[0].info.sctpi_state, ASOC_ESTABLISHED);
	dump_free(&d);
	/* the other end's, from the accepted socket's side */
	sockid_addr(&self->addr, q.src);
	sockid_addr(&cl, q.dst);
	q.sport = self->port;
	q.dport = nsctp_ss_port(&cl);
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	ASSERT_EQ(d.n, 1);
	EXPECT_EQ(d.e[0].m.idiag_inode, inode_of(s));
	dump_free(&d);
	/* a port pair nobody uses */
	q.dport = nsctp_ss_port(&cl) ^ 0x4000;
	err = diag_dump(-1, &q, &d);
	EXPECT_EQ(err, -ENOENT);
	EXPECT_EQ(d.n, 0);
	dump_free(&d);
	close(s);
	close(c);
}

TEST_F(diag, netns)
{
	struct dreq q = { .family = variant->family, .states = STF_ALL };
	unsigned long l_ino = inode_of(self->lsn), o_ino;
	struct sockaddr_storage oa;
	int nl_here, other, o;
	socklen_t olen;
	struct dump d;

	SETUP_SKIPPED_RETURN();
	/* a sock_diag socket of this netns, then another netns with a
	 * listener on the same port
	 */
	nl_here = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			 NETLINK_SOCK_DIAG);
	ASSERT_GE(nl_here, 0);
	other = netns_new();
	ASSERT_GE(other, 0);
	o = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(o, 0);
	o_ino = inode_of(o);
	olen = nsctp_loopback_ss(variant->family, &oa);
	((struct sockaddr_in *)&oa)->sin_port = htons(self->port);
	ASSERT_EQ(bind(o, (void *)&oa, olen), 0);
	ASSERT_EQ(listen(o, 5), 0);

	/* from the other netns: its listener only */
	ASSERT_EQ(diag_dump(-1, &q, &d), 0);
	EXPECT_EQ(count_inode(&d, o_ino), 1);
	EXPECT_EQ(count_inode(&d, l_ino), 0);
	EXPECT_EQ(d.n, 1);
	dump_free(&d);
	/* from the first: its own */
	ASSERT_EQ(diag_dump(nl_here, &q, &d), 0);
	EXPECT_EQ(count_inode(&d, l_ino), 1);
	EXPECT_EQ(count_inode(&d, o_ino), 0);
	EXPECT_EQ(d.n, 1);
	dump_free(&d);
	close(o);
	close(other);
	close(nl_here);
}

TEST_HARNESS_MAIN
