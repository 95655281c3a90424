// SPDX-License-Identifier: GPL-2.0
/*
 * sctp_bindx() (RFC 6458 section 9.1) and sctp_getladdrs() at the
 * endpoint: the setsockopts SCTP_SOCKOPT_BINDX_ADD and _REM, whose value
 * is a packed array of sockaddr_in and sockaddr_in6 and whose optlen is
 * its size in bytes; a listener on several addresses; port conflicts
 * with the addresses so bound. The assoc_addrs_ tests check what
 * sctp_getpaddrs() and sctp_getladdrs() say of an association between
 * two multi-homed endpoints.
 *
 * The expected results are those of the in-tree sctp.ko (Linux 6.1):
 *
 *  - The whole array is copied in, then walked, before any address is
 *    bound or removed: a bad pointer is EFAULT; optlen 0 (or negative),
 *    a family other than AF_INET/AF_INET6 in any entry, or an optlen
 *    that is not exactly the sum of the entries (16 for a sockaddr_in,
 *    28 for a sockaddr_in6) is EINVAL. None of these changes anything.
 *  - ADD binds each entry in turn as bind() would. The first one on an
 *    unbound socket is its bind(): port 0 picks an ephemeral port, which
 *    the later entries (port 0 or that same port) share. Per entry, in
 *    this order: a family the socket does not take (a sockaddr_in6 on an
 *    AF_INET socket, a v4 address, plain or v4-mapped, on a v6only one)
 *    is EINVAL; an address that is not local or not unicast is
 *    EADDRNOTAVAIL; a port other than the socket's is EINVAL; an address
 *    the socket has already is EINVAL (a wildcard overlaps every address,
 *    in either order); one another socket holds on that port is
 *    EADDRINUSE, as a bind() there would be.
 *  - When an entry fails, the ones the call bound before it are removed
 *    again, but never the socket's last address: a bound socket is left
 *    as it was; on an unbound one, what came before the failing entry
 *    stays bound, on the new port.
 *  - REM, per entry and in this order: EBUSY while the socket has one
 *    address or none (so also on an unbound socket, or when the entries
 *    before left one); EADDRNOTAVAIL for an address that can never be
 *    bound (multicast, wildcard); EINVAL for a port other than the
 *    socket's (0 is fine), and for an address not bound. When an entry
 *    fails, the ones removed before it are added back. A removed address
 *    is free for other sockets at once, and a listener stops answering
 *    on it (an INIT there gets an ABORT: ECONNREFUSED); one added while
 *    listening is answered at once.
 *  - sctp_getladdrs() with id 0 lists the endpoint's addresses, on its
 *    port, in the socket's family (on an AF_INET6 socket the v4 ones are
 *    v4-mapped, plain sockaddr_in with SCTP_I_WANT_MAPPED_V4_ADDR off).
 *    A wildcard-bound socket lists not the wildcard but the interfaces'
 *    addresses of its families (on lo: 127.0.0.1, and ::1 for a
 *    dual-stack v6 socket; never 127.0.0.2, local but no interface's).
 *  - In an association between two multi-homed endpoints, each side's
 *    sctp_getpaddrs() lists all the other's addresses and its
 *    sctp_getladdrs() all its own, whichever one connect() named or
 *    sctp_connectx() named them all.
 *
 * In-tree rewrites a v4-mapped entry of its copy of the array into a
 * sockaddr_in as it binds or removes it, and a rollback walks that copy
 * again: the arrays below keep v4-mapped entries out of failing calls.
 *
 * All on lo: 127.0.0.1-4 and 127.0.1.1-3 (any of 127/8 is local), ::1,
 * ::ffff:127.0.0.3; 192.0.2.1 and 2001:db8::1 are not local.
 */
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/uio.h>

/* The harness's generated wrappers do not use all their parameters. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#include "nsctp_util.h"

#define NLOCAL		4	/* three to bind, and a fourth left free */
#define MAXADDRS	8
#define WAIT_MS		3000
#define ADD		SCTP_SOCKOPT_BINDX_ADD
#define REM		SCTP_SOCKOPT_BINDX_REM

struct local_addr {
	int family;		/* of the sockaddr passed for it */
	const char *text;
};

FIXTURE(bindx) {
	int fd;
	struct nsctp_addr local[NLOCAL];	/* all on port 0 */
	struct nsctp_addr nonlocal;
	struct nsctp_addr mcast;
	struct nsctp_addr any;
};

FIXTURE_VARIANT(bindx) {
	int family;
	int type;
	struct local_addr local[NLOCAL];
	const char *nonlocal;
	const char *mcast;
};

FIXTURE_VARIANT_ADD(bindx, ipv4_stream) {
	.family = AF_INET,
	.type = SOCK_STREAM,
	.local = { { AF_INET, "127.0.0.1" }, { AF_INET, "127.0.0.2" },
		   { AF_INET, "127.0.0.3" }, { AF_INET, "127.0.0.4" } },
	.nonlocal = "192.0.2.1",
	.mcast = "224.0.0.1",
};

FIXTURE_VARIANT_ADD(bindx, ipv4_seqpacket) {
	.family = AF_INET,
	.type = SOCK_SEQPACKET,
	.local = { { AF_INET, "127.0.0.1" }, { AF_INET, "127.0.0.2" },
		   { AF_INET, "127.0.0.3" }, { AF_INET, "127.0.0.4" } },
	.nonlocal = "192.0.2.1",
	.mcast = "224.0.0.1",
};

/*
 * An AF_INET6 socket takes both families: ::1, a sockaddr_in and a
 * v4-mapped sockaddr_in6, which the arrays below mix (28 + 16 + 28
 * bytes). The v4-mapped one is never in a call that fails: see the
 * note on rollbacks at the top.
 */
FIXTURE_VARIANT_ADD(bindx, ipv6_stream) {
	.family = AF_INET6,
	.type = SOCK_STREAM,
	.local = { { AF_INET6, "::1" }, { AF_INET, "127.0.0.2" },
		   { AF_INET6, "::ffff:127.0.0.3" }, { AF_INET, "127.0.0.4" } },
	.nonlocal = "2001:db8::1",
	.mcast = "ff02::1",
};

FIXTURE_VARIANT_ADD(bindx, ipv6_seqpacket) {
	.family = AF_INET6,
	.type = SOCK_SEQPACKET,
	.local = { { AF_INET6, "::1" }, { AF_INET, "127.0.0.2" },
		   { AF_INET6, "::ffff:127.0.0.3" }, { AF_INET, "127.0.0.4" } },
	.nonlocal = "2001:db8::1",
	.mcast = "ff02::1",
};

FIXTURE_SETUP(bindx)
{
	int i;

	for (i = 0; i < NLOCAL; i++)
		ASSERT_TRUE(nsctp_addr(&self->local[i], variant->local[i].family,
				       variant->local[i].text, 0));
	ASSERT_TRUE(nsctp_addr(&self->nonlocal, variant->family,
			       variant->nonlocal, 0));
	ASSERT_TRUE(nsctp_addr(&self->mcast, variant->family, variant->mcast, 0));
	nsctp_any(&self->any, variant->family, 0);
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd) TH_LOG("socket: %s", strerror(errno));
}

FIXTURE_TEARDOWN(bindx)
{
	close(self->fd);
}

static void set_port(struct nsctp_addr *a, unsigned short port)
{
	if (a->sa.sa_family == AF_INET)
		a->v4.sin_port = htons(port);
	else
		a->v6.sin6_port = htons(port);
}

/* @a with port @port. */
static struct nsctp_addr at(const struct nsctp_addr *a, unsigned short port)
{
	struct nsctp_addr b = *a;

	set_port(&b, port);
	return b;
}

/* Pack @n addresses into @buf as sctp_bindx() does; the bytes used. */
static socklen_t pack(void *buf, const struct nsctp_addr *a, int n)
{
	socklen_t len = 0;
	int i;

	for (i = 0; i < n; i++) {
		memcpy((char *)buf + len, &a[i].ss, a[i].len);
		len += a[i].len;
	}
	return len;
}

/* setsockopt(@op) with @n addresses packed: 0 or -errno. */
static int bindx(int fd, int op, const struct nsctp_addr *a, int n)
{
	char buf[MAXADDRS * sizeof(struct sockaddr_in6)];
	socklen_t len;

	if (n > MAXADDRS)
		return -E2BIG;
	len = pack(buf, a, n);
	return setsockopt(fd, SOL_SCTP, op, buf, len) ? -errno : 0;
}

static int bindx1(int fd, int op, struct nsctp_addr a)
{
	return bindx(fd, op, &a, 1);
}

/*
 * An address reduced to what identifies it: a v4-mapped sockaddr_in6 is
 * the v4 address it maps.
 */
struct key {
	int family;
	unsigned char addr[16];
	unsigned short port;
};

static bool key_of(struct key *k, const struct sockaddr *sa)
{
	const struct sockaddr_in6 *s6 = (const void *)sa;
	const struct sockaddr_in *s4 = (const void *)sa;

	memset(k, 0, sizeof(*k));
	if (sa->sa_family == AF_INET) {
		k->family = AF_INET;
		memcpy(k->addr, &s4->sin_addr, 4);
		k->port = ntohs(s4->sin_port);
		return true;
	}
	if (sa->sa_family != AF_INET6)
		return false;
	k->port = ntohs(s6->sin6_port);
	if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		k->family = AF_INET;
		memcpy(k->addr, &s6->sin6_addr.s6_addr[12], 4);
	} else {
		k->family = AF_INET6;
		memcpy(k->addr, &s6->sin6_addr, 16);
	}
	return true;
}

static bool same_host(const struct key *a, const struct key *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static const char *key_str(const struct key *k, char *buf, size_t size)
{
	if (!inet_ntop(k->family, k->addr, buf, size))
		snprintf(buf, size, "(family %d)", k->family);
	return buf;
}

/* The size of the entry at @sa of a sctp_getladdrs() array. */
static size_t entry_len(const struct sockaddr *sa)
{
	return sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) :
					  sizeof(struct sockaddr_in6);
}

/*
 * @cnt entries at @got are @want[0..@n) in any order, each once, on port
 * @port, and a v4 address comes as a sockaddr of family @v4fam (AF_INET6:
 * v4-mapped); a v6 one is always a sockaddr_in6.
 */
static void expect_list(struct __test_metadata *_metadata, const char *what,
			const struct sockaddr *got, int cnt, int v4fam,
			const struct nsctp_addr *want, int n, int port)
{
	const char *p = (const void *)got;
	bool seen[MAXADDRS] = { false };
	char text[INET6_ADDRSTRLEN];
	struct key k, w;
	int i, j;

	EXPECT_EQ(n, cnt) TH_LOG("%s: %d addresses%s%s", what, cnt,
				 cnt < 0 ? ": " : "",
				 cnt < 0 ? strerror(errno) : "");
	for (i = 0; cnt != n && i < cnt; i++) {
		const struct sockaddr *sa = (const void *)p;

		if (!key_of(&k, sa))
			break;
		TH_LOG("%s: got %s port %d", what,
		       key_str(&k, text, sizeof(text)), k.port);
		p += entry_len(sa);
	}
	if (cnt != n)
		return;
	for (i = 0; i < cnt; i++) {
		const struct sockaddr *sa = (const void *)p;

		ASSERT_TRUE(key_of(&k, sa))
			TH_LOG("%s: entry %d of family %d", what, i, sa->sa_family);
		key_str(&k, text, sizeof(text));
		EXPECT_EQ(k.family == AF_INET ? v4fam : AF_INET6, sa->sa_family)
			TH_LOG("%s: %s", what, text);
		EXPECT_EQ(port, k.port) TH_LOG("%s: %s", what, text);
		for (j = 0; j < n; j++) {
			ASSERT_TRUE(key_of(&w, &want[j].sa));
			if (same_host(&k, &w))
				break;
		}
		EXPECT_GT(n, j) TH_LOG("%s: %s not expected", what, text);
		if (j < n) {
			EXPECT_FALSE(seen[j]) TH_LOG("%s: %s twice", what, text);
			seen[j] = true;
		}
		p += entry_len(sa);
	}
}

/* sctp_getladdrs(@fd, @id) is exactly @want, on @port. */
static void expect_laddrs(struct __test_metadata *_metadata, const char *what,
			  int fd, sctp_assoc_t id, int v4fam,
			  const struct nsctp_addr *want, int n, int port)
{
	struct sockaddr *got = NULL;
	int cnt;

	cnt = sctp_getladdrs(fd, id, &got);
	expect_list(_metadata, what, got, cnt, v4fam, want, n, port);
	if (cnt > 0)
		sctp_freeladdrs(got);
}

static void expect_paddrs(struct __test_metadata *_metadata, const char *what,
			  int fd, sctp_assoc_t id, int v4fam,
			  const struct nsctp_addr *want, int n, int port)
{
	struct sockaddr *got = NULL;
	int cnt;

	cnt = sctp_getpaddrs(fd, id, &got);
	expect_list(_metadata, what, got, cnt, v4fam, want, n, port);
	if (cnt > 0)
		sctp_freepaddrs(got);
}

/* The endpoint's addresses are exactly self->local[@idx...], on @port. */
#define EXPECT_BOUND(port, ...) do {					\
	static const int _idx[] = { __VA_ARGS__ };			\
	struct nsctp_addr _w[ARRAY_SIZE(_idx)];				\
	size_t _i;							\
									\
	for (_i = 0; _i < ARRAY_SIZE(_idx); _i++)			\
		_w[_i] = self->local[_idx[_i]];				\
	expect_laddrs(_metadata, "laddrs", self->fd, 0,		\
		      variant->family, _w, ARRAY_SIZE(_idx), port);	\
} while (0)

/* bindx of @local[0..@n) on an unbound @fd: the port it got, or 0. */
static int bind_first(int fd, const struct nsctp_addr *local, int n)
{
	int port;

	if (bindx(fd, ADD, local, n))
		return 0;
	port = nsctp_local_port(fd);
	return port > 0 ? port : 0;
}

/* A free port: one a socket got, and gave back on close(). */
static int free_port(int family)
{
	struct nsctp_addr any;
	int fd, port;

	fd = nsctp_socket(family, SOCK_STREAM);
	if (fd < 0)
		return 0;
	nsctp_any(&any, family, 0);
	port = nsctp_bind(fd, &any) ? 0 : nsctp_local_port(fd);
	close(fd);
	return port > 0 ? port : 0;
}

/* The first address goes through bind(): the socket gets a port. */
TEST_F(bindx, add_unbound_binds)
{
	int low, high, port;

	ASSERT_EQ(0, nsctp_local_port(self->fd));
	ASSERT_EQ(0, bindx1(self->fd, ADD, self->local[0]));
	port = nsctp_local_port(self->fd);
	ASSERT_TRUE(nsctp_port_range(&low, &high));
	EXPECT_LE(low, port);
	EXPECT_GE(high, port);
	EXPECT_BOUND(port, 0);
	/* bind() after bindx is a second bind */
	EXPECT_EQ(-EINVAL, nsctp_bind(self->fd, &self->local[1]));
}

/* Port 0 everywhere: one ephemeral port, shared by all three. */
TEST_F(bindx, add_three)
{
	int port;

	ASSERT_EQ(0, bindx(self->fd, ADD, self->local, 3));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_BOUND(port, 0, 1, 2);
	/* the v4 ones as sockaddr_in once mapping is off (v6 sockets) */
	if (variant->family == AF_INET6) {
		ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SCTP,
					  SCTP_I_WANT_MAPPED_V4_ADDR, 0));
		expect_laddrs(_metadata, "laddrs unmapped", self->fd, 0,
			      AF_INET, self->local, 3, port);
	}
}

/* An explicit port on the first address; later ones say 0 or the same. */
TEST_F(bindx, add_explicit_port)
{
	int port = free_port(variant->family);

	ASSERT_LT(0, port);
	ASSERT_EQ(0, bindx1(self->fd, ADD, at(&self->local[0], port)));
	EXPECT_EQ(port, nsctp_local_port(self->fd));
	EXPECT_EQ(0, bindx1(self->fd, ADD, self->local[1]));
	EXPECT_EQ(0, bindx1(self->fd, ADD, at(&self->local[2], port)));
	EXPECT_BOUND(port, 0, 1, 2);
}

/* bind() first, then bindx adds to it. */
TEST_F(bindx, add_after_bind)
{
	int port;

	ASSERT_EQ(0, nsctp_bind(self->fd, &self->local[0]));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_EQ(0, bindx(self->fd, ADD, &self->local[1], 2));
	EXPECT_BOUND(port, 0, 1, 2);
}

/*
 * Another port than the socket's: EINVAL, unless the address is not
 * local, which is found first (EADDRNOTAVAIL).
 */
TEST_F(bindx, add_other_port)
{
	struct nsctp_addr v[2];
	int port, other;

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	other = port == 65535 ? port - 1 : port + 1;
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, at(&self->local[1], other)));
	EXPECT_EQ(-EADDRNOTAVAIL,
		  bindx1(self->fd, ADD, at(&self->nonlocal, other)));
	/* in an array, the good one before it is taken back */
	v[0] = self->local[1];
	v[1] = at(&self->local[2], other);
	EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 2));
	EXPECT_BOUND(port, 0);
}

/* An address the socket has already: EINVAL, on port 0 or its own. */
TEST_F(bindx, add_duplicate)
{
	struct nsctp_addr v[2];
	int port;

	port = bind_first(self->fd, self->local, 2);
	ASSERT_LT(0, port);
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, self->local[0]));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, at(&self->local[1], port)));
	/* twice in one array */
	v[0] = self->local[3];
	v[1] = self->local[3];
	EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 2));
	EXPECT_BOUND(port, 0, 1);
}

/* Not ours, or not unicast: EADDRNOTAVAIL, and nothing bound. */
TEST_F(bindx, add_nonlocal)
{
	int port;

	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, ADD, self->nonlocal));
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, ADD, self->mcast));
	EXPECT_EQ(0, nsctp_local_port(self->fd));
	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, ADD, self->nonlocal));
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, ADD, at(&self->nonlocal, port)));
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, ADD, self->mcast));
	EXPECT_BOUND(port, 0);
}

/*
 * The wildcard through bindx is a wildcard bind: sctp_getladdrs() lists
 * the addresses of the interfaces (of the socket's families), on the
 * socket's port; 127.0.0.2 is local but no interface's. The wildcard
 * covers every address: adding one more is EINVAL.
 */
TEST_F(bindx, add_wildcard)
{
	static const unsigned char zero[16];
	struct key k, lo4, lo6, two;
	bool has4 = false, has6 = false;
	struct sockaddr *got = NULL;
	struct nsctp_addr a;
	const char *p;
	int port, cnt, i;

	ASSERT_EQ(0, bindx1(self->fd, ADD, self->any));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);

	nsctp_addr(&a, AF_INET, "127.0.0.1", 0);
	key_of(&lo4, &a.sa);
	nsctp_addr(&a, AF_INET, "127.0.0.2", 0);
	key_of(&two, &a.sa);
	nsctp_addr(&a, AF_INET6, "::1", 0);
	key_of(&lo6, &a.sa);
	cnt = sctp_getladdrs(self->fd, 0, &got);
	ASSERT_LT(0, cnt) TH_LOG("sctp_getladdrs: %s", strerror(errno));
	p = (const void *)got;
	for (i = 0; i < cnt; i++) {
		const struct sockaddr *sa = (const void *)p;
		char text[INET6_ADDRSTRLEN];

		ASSERT_EQ(variant->family, sa->sa_family);
		ASSERT_TRUE(key_of(&k, sa));
		key_str(&k, text, sizeof(text));
		EXPECT_EQ(port, k.port) TH_LOG("%s", text);
		/* never the wildcard itself */
		EXPECT_NE(0, memcmp(k.addr, zero, sizeof(zero)));
		EXPECT_FALSE(same_host(&k, &two));
		has4 |= same_host(&k, &lo4);
		has6 |= same_host(&k, &lo6);
		p += entry_len(sa);
	}
	sctp_freeladdrs(got);
	EXPECT_TRUE(has4);
	EXPECT_EQ(variant->family == AF_INET6, has6);

	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, self->local[0]));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, at(&self->local[1], port)));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, self->any));
	/* and bind() to the wildcard then bindx: the same */
	close(self->fd);
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, nsctp_bind(self->fd, &self->any));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, self->local[0]));
}

/* A specific address first: the wildcard overlaps it, EINVAL. */
TEST_F(bindx, add_wildcard_after_specific)
{
	int port;

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, self->any));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, ADD, at(&self->any, port)));
	EXPECT_BOUND(port, 0);
}

/* optlen 0, or not a whole number of sockaddrs: EINVAL, nothing bound. */
TEST_F(bindx, optlen)
{
	char buf[MAXADDRS * sizeof(struct sockaddr_in6)];
	socklen_t len, first = self->local[0].len;
	int port;

	len = pack(buf, self->local, 2);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, first - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, first + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, first + 4));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, len - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, buf, (socklen_t)-1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, nsctp_local_port(self->fd));
	/* a longer buffer than the addresses is fine when optlen is right */
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, ADD, buf, len));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_BOUND(port, 0, 1);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, REM, buf, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, REM, buf, first + 4));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_BOUND(port, 0, 1);
}

/*
 * A family other than AF_INET/AF_INET6 anywhere in the array fails the
 * whole call before any address is bound: EINVAL, nothing changed.
 */
TEST_F(bindx, bad_family)
{
	static const int bad[] = { AF_UNSPEC, AF_UNIX, AF_PACKET };
	struct nsctp_addr v[3];
	int port, i;

	for (i = 0; i < 3; i++) {
		v[0] = self->local[0];
		v[1] = self->local[1];
		v[1].sa.sa_family = bad[i];
		v[2] = self->local[2];
		EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 3))
			TH_LOG("family %d", bad[i]);
		EXPECT_EQ(0, nsctp_local_port(self->fd));
	}
	v[0].sa.sa_family = AF_UNIX;
	EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 1));
	EXPECT_EQ(0, nsctp_local_port(self->fd));

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	v[0] = self->local[1];
	v[1] = self->local[2];
	v[1].sa.sa_family = AF_UNIX;
	v[2] = self->local[3];
	EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 3));
	EXPECT_EQ(-EINVAL, bindx(self->fd, REM, v, 3));
	EXPECT_BOUND(port, 0);
}

/* The array is copied whole first: a bad pointer is EFAULT, no effect. */
TEST_F(bindx, efault)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map, *tail;
	socklen_t len;
	int port;

	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, NULL,
				 self->local[0].len));
	EXPECT_EQ(EFAULT, errno);
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, munmap(map + page, page));
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, map + page,
				 self->local[0].len));
	EXPECT_EQ(EFAULT, errno);
	/* a good first address, the second one running off the page */
	tail = map + page - self->local[0].len;
	len = pack(tail, self->local, 1);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, ADD, tail,
				 len + self->local[1].len));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, nsctp_local_port(self->fd));

	port = bind_first(self->fd, self->local, 2);
	ASSERT_LT(0, port);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, REM, NULL,
				 self->local[0].len));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, REM, tail,
				 len + self->local[1].len));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_BOUND(port, 0, 1);
	munmap(map, page);
}

/*
 * An address that fails after others of the array were bound: those are
 * taken back, the socket keeps what it had before the call.
 */
TEST_F(bindx, add_rollback_bound)
{
	struct nsctp_addr v[3];
	int port;

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	v[0] = self->local[1];
	v[1] = self->local[3];
	v[2] = self->nonlocal;
	EXPECT_EQ(-EADDRNOTAVAIL, bindx(self->fd, ADD, v, 3));
	EXPECT_BOUND(port, 0);
	v[2] = self->local[0];
	EXPECT_EQ(-EINVAL, bindx(self->fd, ADD, v, 3));
	EXPECT_BOUND(port, 0);
	/* the two are free again */
	EXPECT_EQ(0, bindx(self->fd, ADD, v, 2));
	EXPECT_BOUND(port, 0, 1, 3);
}

/*
 * The same on an unbound socket: the rollback may not leave the
 * endpoint without an address, and stops there. What the call bound
 * before the failing entry stays bound, on the port it got.
 */
TEST_F(bindx, add_rollback_unbound)
{
	struct nsctp_addr v[3];
	int port;

	v[0] = self->local[0];
	v[1] = self->local[1];
	v[2] = self->nonlocal;
	EXPECT_EQ(-EADDRNOTAVAIL, bindx(self->fd, ADD, v, 3));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_BOUND(port, 0, 1);

	close(self->fd);
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd);
	v[1] = self->nonlocal;
	EXPECT_EQ(-EADDRNOTAVAIL, bindx(self->fd, ADD, v, 2));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_BOUND(port, 0);
}

/* Removing one, then another, by port 0 or the socket's own. */
TEST_F(bindx, rem_one)
{
	int port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	EXPECT_EQ(0, bindx1(self->fd, REM, self->local[1]));
	EXPECT_BOUND(port, 0, 2);
	EXPECT_EQ(0, bindx1(self->fd, REM, at(&self->local[2], port)));
	EXPECT_BOUND(port, 0);
	EXPECT_EQ(port, nsctp_local_port(self->fd));
}

/* The first address (the one that got the port) can go too. */
TEST_F(bindx, rem_first)
{
	int port;

	port = bind_first(self->fd, self->local, 2);
	ASSERT_LT(0, port);
	EXPECT_EQ(0, bindx1(self->fd, REM, self->local[0]));
	EXPECT_BOUND(port, 1);
	EXPECT_EQ(port, nsctp_local_port(self->fd));
}

/*
 * The last address cannot go: EBUSY. Removing all of them in one call
 * is EBUSY too, with those removed before the last put back.
 */
TEST_F(bindx, rem_last)
{
	int port;

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	EXPECT_EQ(-EBUSY, bindx1(self->fd, REM, self->local[0]));
	EXPECT_BOUND(port, 0);
	ASSERT_EQ(0, bindx(self->fd, ADD, &self->local[1], 2));
	EXPECT_EQ(-EBUSY, bindx(self->fd, REM, self->local, 3));
	EXPECT_BOUND(port, 0, 1, 2);
}

/* Nothing to remove on an unbound socket: EBUSY, whatever the address. */
TEST_F(bindx, rem_unbound)
{
	EXPECT_EQ(-EBUSY, bindx1(self->fd, REM, self->local[0]));
	EXPECT_EQ(-EBUSY, bindx1(self->fd, REM, self->nonlocal));
	EXPECT_EQ(0, nsctp_local_port(self->fd));
}

/*
 * An address not bound: EINVAL (a unicast one, local or not); one that
 * can never be (multicast, the wildcard): EADDRNOTAVAIL. What the call
 * removed before is put back. Before each entry comes the check that
 * more than one address is left: with two bound, removing one and then
 * one not bound is EBUSY.
 */
TEST_F(bindx, rem_not_bound)
{
	struct nsctp_addr v[2];
	int port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	EXPECT_EQ(-EINVAL, bindx1(self->fd, REM, self->local[3]));
	EXPECT_EQ(-EINVAL, bindx1(self->fd, REM, self->nonlocal));
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, REM, self->mcast));
	EXPECT_EQ(-EADDRNOTAVAIL, bindx1(self->fd, REM, self->any));
	v[0] = self->local[0];
	v[1] = self->local[3];
	EXPECT_EQ(-EINVAL, bindx(self->fd, REM, v, 2));
	EXPECT_BOUND(port, 0, 1, 2);
	ASSERT_EQ(0, bindx1(self->fd, REM, self->local[1]));
	EXPECT_EQ(-EBUSY, bindx(self->fd, REM, v, 2));
	EXPECT_BOUND(port, 0, 2);
}

/* A port that is not the socket's: EINVAL. */
TEST_F(bindx, rem_wrong_port)
{
	struct nsctp_addr v[2];
	int port, other;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	other = port == 65535 ? port - 1 : port + 1;
	EXPECT_EQ(-EINVAL, bindx1(self->fd, REM, at(&self->local[1], other)));
	v[0] = self->local[2];
	v[1] = at(&self->local[1], other);
	EXPECT_EQ(-EINVAL, bindx(self->fd, REM, v, 2));
	EXPECT_BOUND(port, 0, 1, 2);
}

/* Removed, then added back. */
TEST_F(bindx, rem_readd)
{
	int port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, bindx1(self->fd, REM, self->local[1]));
	EXPECT_EQ(0, bindx1(self->fd, ADD, self->local[1]));
	EXPECT_BOUND(port, 0, 1, 2);
}

/* libsctp's sctp_bindx() over the same options. */
TEST_F(bindx, libsctp)
{
	char buf[MAXADDRS * sizeof(struct sockaddr_in6)];
	int port;

	pack(buf, self->local, 3);
	ASSERT_EQ(0, sctp_bindx(self->fd, (struct sockaddr *)buf, 3,
				SCTP_BINDX_ADD_ADDR))
		TH_LOG("sctp_bindx: %s", strerror(errno));
	port = nsctp_local_port(self->fd);
	ASSERT_LT(0, port);
	EXPECT_BOUND(port, 0, 1, 2);
	pack(buf, &self->local[1], 1);
	EXPECT_EQ(0, sctp_bindx(self->fd, (struct sockaddr *)buf, 1,
				SCTP_BINDX_REM_ADDR));
	EXPECT_BOUND(port, 0, 2);
	EXPECT_EQ(-1, sctp_bindx(self->fd, (struct sockaddr *)buf, 1,
				 SCTP_BINDX_REM_ADDR));
	EXPECT_EQ(EINVAL, errno);
}

/* Wait up to WAIT_MS for @fd to be readable. */
static bool readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, WAIT_MS) == 1 && (pfd.revents & POLLIN);
}

/*
 * Non-blocking connect() of @fd to @to: 0 once established, -errno as
 * SO_ERROR reports a failure, -ETIME if nothing happened in WAIT_MS.
 */
static int connect_nb(int fd, const struct nsctp_addr *to)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int fl, err;

	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK))
		return -errno;
	if (!connect(fd, &to->sa, to->len))
		return 0;
	if (errno != EINPROGRESS)
		return -errno;
	if (poll(&pfd, 1, WAIT_MS) != 1)
		return -ETIME;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		return -errno;
	return -err;
}

/* One message of data (notifications skipped) within WAIT_MS each. */
static ssize_t recv_data(int fd, void *buf, size_t size,
			 struct nsctp_addr *from)
{
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;
	int i;

	for (i = 0; i < 8; i++) {
		if (!readable(fd))
			return -ETIME;
		if (from) {
			msg.msg_name = &from->ss;
			msg.msg_namelen = sizeof(from->ss);
		}
		msg.msg_flags = 0;
		n = recvmsg(fd, &msg, MSG_DONTWAIT);
		if (n < 0)
			return -errno;
		if (from)
			from->len = msg.msg_namelen;
		if (!(msg.msg_flags & MSG_NOTIFICATION))
			return n;
	}
	return -ENOMSG;
}

/*
 * A one-to-one client of @family connects to @to, where @lsn (of @type)
 * listens; @msg goes to the server (the socket accept() gives, or @lsn
 * itself when one-to-many) and an answer comes back, byte for byte.
 */
static void talk(struct __test_metadata *_metadata, int lsn, int type,
		 int family, const struct nsctp_addr *to, const char *msg)
{
	size_t len = strlen(msg);
	struct nsctp_addr from, peer;
	struct key k, w;
	char buf[64];
	int c, a = lsn;

	c = nsctp_socket(family, SOCK_STREAM);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, connect_nb(c, to)) TH_LOG("connect %s", msg);
	peer.len = sizeof(peer.ss);
	ASSERT_EQ(0, getpeername(c, &peer.sa, &peer.len));
	key_of(&k, &peer.sa);
	key_of(&w, &to->sa);
	EXPECT_TRUE(same_host(&k, &w) && k.port == w.port);
	ASSERT_EQ((ssize_t)len, send(c, msg, len, 0));
	if (type == SOCK_STREAM) {
		ASSERT_TRUE(readable(lsn)) TH_LOG("nothing to accept");
		a = accept(lsn, NULL, NULL);
		ASSERT_LE(0, a) TH_LOG("accept: %s", strerror(errno));
		ASSERT_EQ((ssize_t)len, recv_data(a, buf, sizeof(buf), NULL));
		EXPECT_EQ(0, memcmp(buf, msg, len));
		ASSERT_EQ((ssize_t)len, send(a, msg, len, 0));
		close(a);
	} else {
		ASSERT_EQ((ssize_t)len, recv_data(lsn, buf, sizeof(buf), &from));
		EXPECT_EQ(0, memcmp(buf, msg, len));
		ASSERT_EQ((ssize_t)len, sendto(lsn, msg, len, 0, &from.sa,
					       from.len));
	}
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ((ssize_t)len, recv_data(c, buf, sizeof(buf), NULL));
	EXPECT_EQ(0, memcmp(buf, msg, len));
	close(c);
}

/* A connect() that an ABORT answers within WAIT_MS: ECONNREFUSED. */
static void refused(struct __test_metadata *_metadata, int family,
		    const struct nsctp_addr *to)
{
	int c = nsctp_socket(family, SOCK_STREAM);

	ASSERT_LE(0, c);
	EXPECT_EQ(-ECONNREFUSED, connect_nb(c, to));
	close(c);
}

/*
 * A listener on three addresses takes an association to each (accept()
 * and data both ways), and none to a fourth local address.
 */
TEST_F(bindx, listen_each_address)
{
	static const char * const msg[] = { "one", "two!", "three" };
	struct nsctp_addr to;
	int port, i;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, listen(self->fd, 8));
	for (i = 0; i < 3; i++) {
		to = at(&self->local[i], port);
		talk(_metadata, self->fd, variant->type, variant->family, &to,
		     msg[i]);
	}
	to = at(&self->local[3], port);
	refused(_metadata, variant->family, &to);
	EXPECT_BOUND(port, 0, 1, 2);
}

/* Added while listening: connects to it are taken at once. */
TEST_F(bindx, listen_then_add)
{
	struct nsctp_addr to;
	int port;

	port = bind_first(self->fd, self->local, 1);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, listen(self->fd, 8));
	to = at(&self->local[1], port);
	refused(_metadata, variant->family, &to);
	ASSERT_EQ(0, bindx1(self->fd, ADD, self->local[1]));
	talk(_metadata, self->fd, variant->type, variant->family, &to, "late");
	EXPECT_BOUND(port, 0, 1);
}

/* Removed while listening: connects to it are refused from then on. */
TEST_F(bindx, listen_then_rem)
{
	struct nsctp_addr to;
	int port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, listen(self->fd, 8));
	ASSERT_EQ(0, bindx1(self->fd, REM, self->local[1]));
	to = at(&self->local[1], port);
	refused(_metadata, variant->family, &to);
	to = at(&self->local[2], port);
	talk(_metadata, self->fd, variant->type, variant->family, &to, "kept");
}

/*
 * Port conflicts: each address bound with bindx conflicts like one bound
 * with bind(), for bind() and bindx of another socket, of either family;
 * another address of 127/8 on the same port is free.
 */
TEST_F(bindx, conflict)
{
	struct nsctp_addr v[2];
	int b, b4, port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	b = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, b);
	v[0] = at(&self->local[1], port);
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(b, &v[0]));
	EXPECT_EQ(-EADDRINUSE, bindx1(b, ADD, at(&self->local[2], port)));
	EXPECT_EQ(-EADDRINUSE, bindx1(b, ADD, at(&self->local[0], port)));
	EXPECT_EQ(0, nsctp_local_port(b));
	v[0] = at(&self->local[3], port);
	EXPECT_EQ(0, nsctp_bind(b, &v[0]));
	EXPECT_EQ(port, nsctp_local_port(b));
	EXPECT_EQ(-EADDRINUSE, bindx1(b, ADD, self->local[0]));
	v[0] = self->local[1];
	v[1] = self->local[2];
	EXPECT_EQ(-EADDRINUSE, bindx(b, ADD, v, 2));
	expect_laddrs(_metadata, "laddrs of b", b, 0, variant->family,
		      &self->local[3], 1, port);

	/* a v4 socket on 127.0.0.2, a bindx'ed address of both variants */
	b4 = nsctp_socket(AF_INET, SOCK_SEQPACKET);
	ASSERT_LE(0, b4);
	ASSERT_TRUE(nsctp_addr(&v[0], AF_INET, "127.0.0.2", port));
	EXPECT_EQ(-EADDRINUSE, nsctp_bind(b4, &v[0]));
	ASSERT_TRUE(nsctp_addr(&v[0], AF_INET, "127.0.0.5", port));
	EXPECT_EQ(0, nsctp_bind(b4, &v[0]));
	close(b4);
	close(b);
	EXPECT_BOUND(port, 0, 1, 2);
}

/* Removed with bindx, an address is free for others on that port. */
TEST_F(bindx, conflict_after_rem)
{
	struct nsctp_addr a;
	int b, port;

	port = bind_first(self->fd, self->local, 3);
	ASSERT_LT(0, port);
	ASSERT_EQ(0, bindx1(self->fd, REM, self->local[1]));
	b = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, b);
	a = at(&self->local[1], port);
	EXPECT_EQ(0, nsctp_bind(b, &a));
	/* and taken now: the first socket cannot have it back */
	EXPECT_EQ(-EADDRINUSE, bindx1(self->fd, ADD, self->local[1]));
	EXPECT_BOUND(port, 0, 2);
	close(b);
}

/*
 * A v6only socket takes no v4 address, plain or v4-mapped: EINVAL, as
 * from bind().
 */
TEST(v6only_refuses_v4)
{
	static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET };
	struct nsctp_addr a, lo6;
	int fd, i, port;

	for (i = 0; i < 2; i++) {
		fd = nsctp_socket(AF_INET6, types[i]);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, nsctp_setint(fd, SOL_IPV6, IPV6_V6ONLY, 1));
		nsctp_loopback(&a, AF_INET, 0);
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", 0));
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		EXPECT_EQ(0, nsctp_local_port(fd));
		nsctp_loopback(&lo6, AF_INET6, 0);
		ASSERT_EQ(0, bindx1(fd, ADD, lo6));
		port = nsctp_local_port(fd);
		nsctp_loopback(&a, AF_INET, 0);
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		expect_laddrs(_metadata, "laddrs", fd, 0, AF_INET6, &lo6, 1,
			      port);
		close(fd);
	}
}

/*
 * On a dual-stack v6 socket a v4-mapped address is the v4 address: it
 * conflicts with the plain form, in the socket and with a v4 socket.
 */
TEST(v6_v4_mapped)
{
	static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET };
	struct nsctp_addr m, a, lo6;
	int fd, fd4, i, port;

	for (i = 0; i < 2; i++) {
		fd = nsctp_socket(AF_INET6, types[i]);
		ASSERT_LE(0, fd);
		ASSERT_TRUE(nsctp_addr(&m, AF_INET6, "::ffff:127.0.0.2", 0));
		ASSERT_EQ(0, bindx1(fd, ADD, m));
		port = nsctp_local_port(fd);
		ASSERT_LT(0, port);
		expect_laddrs(_metadata, "laddrs", fd, 0, AF_INET6, &m, 1,
			      port);
		ASSERT_TRUE(nsctp_addr(&a, AF_INET, "127.0.0.2", 0));
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		fd4 = nsctp_socket(AF_INET, types[i]);
		ASSERT_LE(0, fd4);
		set_port(&a, port);
		EXPECT_EQ(-EADDRINUSE, nsctp_bind(fd4, &a));
		close(fd4);
		/* removed by its plain form */
		nsctp_loopback(&lo6, AF_INET6, 0);
		ASSERT_EQ(0, bindx1(fd, ADD, lo6));
		EXPECT_EQ(0, bindx1(fd, REM, a));
		expect_laddrs(_metadata, "laddrs", fd, 0, AF_INET6, &lo6, 1,
			      port);
		close(fd);
	}
}

/* An AF_INET socket takes no sockaddr_in6, not even a v4-mapped one. */
TEST(v4_refuses_sockaddr_in6)
{
	static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET };
	struct nsctp_addr a;
	int fd, i, port;

	for (i = 0; i < 2; i++) {
		fd = nsctp_socket(AF_INET, types[i]);
		ASSERT_LE(0, fd);
		nsctp_loopback(&a, AF_INET6, 0);
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.1", 0));
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		EXPECT_EQ(0, nsctp_local_port(fd));
		nsctp_loopback(&a, AF_INET, 0);
		ASSERT_EQ(0, bindx1(fd, ADD, a));
		port = nsctp_local_port(fd);
		ASSERT_TRUE(nsctp_addr(&a, AF_INET6, "::ffff:127.0.0.2", 0));
		EXPECT_EQ(-EINVAL, bindx1(fd, ADD, a));
		nsctp_loopback(&a, AF_INET, 0);
		expect_laddrs(_metadata, "laddrs", fd, 0, AF_INET, &a, 1,
			      port);
		close(fd);
	}
}

/*
 * Associations between multi-homed endpoints: the server on 127.0.0.1-3
 * port P, the client on 127.0.1.1-3 port Q. Each side's
 * sctp_getpaddrs() lists the other's three addresses, and its
 * sctp_getladdrs() its own three, for the association as for the
 * endpoint.
 */
static const char * const srv_text[] = { "127.0.0.1", "127.0.0.2",
					 "127.0.0.3" };
static const char * const cli_text[] = { "127.0.1.1", "127.0.1.2",
					 "127.0.1.3" };

/* The association of a one-to-one @fd: its id, from SCTP_STATUS. */
static sctp_assoc_t one_assoc(int fd)
{
	struct sctp_status st = { 0 };
	socklen_t len = sizeof(st);

	if (getsockopt(fd, SOL_SCTP, SCTP_STATUS, &st, &len))
		return 0;
	return st.sstat_assoc_id;
}

/* The first association of a one-to-many @fd, waited for up to WAIT_MS. */
static sctp_assoc_t first_assoc(int fd)
{
	char buf[sizeof(struct sctp_assoc_ids) + 8 * sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *ids = (void *)buf;
	socklen_t len;
	int i;

	for (i = 0; i < WAIT_MS / 10; i++) {
		len = sizeof(buf);
		if (!getsockopt(fd, SOL_SCTP, SCTP_GET_ASSOC_ID_LIST, buf, &len) &&
		    ids->gaids_number_of_ids)
			return ids->gaids_assoc_id[0];
		usleep(10000);
	}
	return 0;
}

static void assoc_addrs(struct __test_metadata *_metadata, int srv_type,
			int cli_type, bool connectx)
{
	struct timeval tv = { .tv_sec = WAIT_MS / 1000 };
	struct nsctp_addr srv[3], cli[3];
	char buf[3 * sizeof(struct sockaddr_in)];
	sctp_assoc_t sid, cid = 0;
	int s, c, a, sport, cport, i;

	for (i = 0; i < 3; i++) {
		ASSERT_TRUE(nsctp_addr(&srv[i], AF_INET, srv_text[i], 0));
		ASSERT_TRUE(nsctp_addr(&cli[i], AF_INET, cli_text[i], 0));
	}
	s = nsctp_socket(AF_INET, srv_type);
	ASSERT_LE(0, s);
	sport = bind_first(s, srv, 3);
	ASSERT_LT(0, sport);
	ASSERT_EQ(0, listen(s, 4));
	c = nsctp_socket(AF_INET, cli_type);
	ASSERT_LE(0, c);
	cport = bind_first(c, cli, 3);
	ASSERT_LT(0, cport);
	ASSERT_EQ(0, setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
	for (i = 0; i < 3; i++)
		set_port(&srv[i], sport);

	if (connectx) {
		pack(buf, srv, 3);
		ASSERT_EQ(0, sctp_connectx(c, (struct sockaddr *)buf, 3, &cid))
			TH_LOG("sctp_connectx: %s", strerror(errno));
	} else {
		ASSERT_EQ(0, connect(c, &srv[0].sa, srv[0].len))
			TH_LOG("connect: %s", strerror(errno));
	}
	if (cli_type == SOCK_STREAM)
		cid = one_assoc(c);
	else if (!connectx)
		cid = first_assoc(c);
	ASSERT_NE(0, cid);

	if (srv_type == SOCK_STREAM) {
		ASSERT_TRUE(readable(s));
		a = accept(s, NULL, NULL);
		ASSERT_LE(0, a);
		sid = one_assoc(a);
	} else {
		a = s;
		sid = first_assoc(s);
	}
	ASSERT_NE(0, sid);

	expect_paddrs(_metadata, "client paddrs", c, cid, AF_INET, srv, 3,
		      sport);
	expect_laddrs(_metadata, "client assoc laddrs", c, cid, AF_INET, cli,
		      3, cport);
	expect_laddrs(_metadata, "client laddrs", c, 0, AF_INET, cli, 3,
		      cport);
	expect_paddrs(_metadata, "server paddrs", a, sid, AF_INET, cli, 3,
		      cport);
	expect_laddrs(_metadata, "server assoc laddrs", a, sid, AF_INET, srv,
		      3, sport);
	expect_laddrs(_metadata, "server laddrs", a, 0, AF_INET, srv, 3,
		      sport);
	if (a != s)
		close(a);
	close(c);
	close(s);
}

TEST(assoc_addrs_one_to_one)
{
	assoc_addrs(_metadata, SOCK_STREAM, SOCK_STREAM, false);
}

TEST(assoc_addrs_connectx_one_to_one_client)
{
	assoc_addrs(_metadata, SOCK_SEQPACKET, SOCK_STREAM, true);
}

TEST(assoc_addrs_connectx_one_to_many_client)
{
	assoc_addrs(_metadata, SOCK_SEQPACKET, SOCK_SEQPACKET, true);
}

/* The raw getsockopts behind sctp_getladdrs() and sctp_getpaddrs():
 * in-tree's SCTP_GET_LOCAL_ADDRS leaves its 8-byte header out of
 * *optlen, SCTP_GET_PEER_ADDRS counts it; id 0 of the local one names
 * the endpoint even on a connected one-to-one socket bound to the
 * wildcard (the host's addresses, not the association's one).
 */
TEST(getaddrs_optlen_and_id0)
{
	struct sockaddr_in lo = { .sin_family = AF_INET };
	union {
		struct sctp_getaddrs ga;
		char b[4096];
	} u;
	socklen_t len, alen = sizeof(lo);
	int s, c, a;

	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(s, 0);
	ASSERT_EQ(0, bind(s, (void *)&lo, sizeof(lo)));
	ASSERT_EQ(0, listen(s, 1));
	ASSERT_EQ(0, getsockname(s, (void *)&lo, &alen));
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	ASSERT_EQ(0, connect(c, (void *)&lo, sizeof(lo)));
	a = accept(s, NULL, NULL);
	ASSERT_GE(a, 0);

	/* the client, bound by connect() to the wildcard: id 0 lists the
	 * host's IPv4 addresses (at least 127.0.0.1), no header in *optlen
	 */
	memset(&u, 0, sizeof(u));
	len = sizeof(u);
	ASSERT_EQ(0, getsockopt(c, IPPROTO_SCTP, SCTP_GET_LOCAL_ADDRS, &u,
				&len));
	ASSERT_GE(u.ga.addr_num, 1);
	EXPECT_EQ(len, u.ga.addr_num * sizeof(struct sockaddr_in));
	EXPECT_EQ(AF_INET, ((struct sockaddr_in *)u.ga.addrs)->sin_family);
	EXPECT_NE(htonl(INADDR_ANY),
		  ((struct sockaddr_in *)u.ga.addrs)->sin_addr.s_addr);

	/* the peer's: one address, the header counted */
	memset(&u, 0, sizeof(u));
	len = sizeof(u);
	ASSERT_EQ(0, getsockopt(c, IPPROTO_SCTP, SCTP_GET_PEER_ADDRS, &u,
				&len));
	ASSERT_EQ(1, u.ga.addr_num);
	EXPECT_EQ(len, sizeof(struct sctp_getaddrs) +
		       sizeof(struct sockaddr_in));

	/* the accepted socket, bound to 127.0.0.1: id 0 is that address */
	memset(&u, 0, sizeof(u));
	len = sizeof(u);
	ASSERT_EQ(0, getsockopt(a, IPPROTO_SCTP, SCTP_GET_LOCAL_ADDRS, &u,
				&len));
	ASSERT_EQ(1, u.ga.addr_num);
	EXPECT_EQ(len, sizeof(struct sockaddr_in));
	EXPECT_EQ(htonl(INADDR_LOOPBACK),
		  ((struct sockaddr_in *)u.ga.addrs)->sin_addr.s_addr);
	close(a);
	close(c);
	close(s);
}

TEST_HARNESS_MAIN
