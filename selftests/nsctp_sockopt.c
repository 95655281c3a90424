// SPDX-License-Identifier: GPL-2.0
/*
 * setsockopt()/getsockopt() and ioctl() on a socket without an
 * association: how SOL_SCTP names are dispatched (unknown, reserved,
 * one-direction-only and AUTH names), the length and pointer checks that
 * come before a handler runs, set/get round trips of the simple options
 * with their defaults, the options that exist for one socket style only,
 * the other levels (SOL_SOCKET, SOL_IP, SOL_IPV6, foreign ones) that SCTP
 * hands to the generic code, and the SIOCINQ ioctl. The options of the
 * extensions nsctp lacks (AUTH, ASCONF, RE-CONFIG) are also tried once
 * the socket has an association, to a listener on the loopback address.
 *
 * The expected values are those of the in-tree sctp.ko (Linux 6.1), for
 * IPv4/IPv6 x one-to-one (SOCK_STREAM)/one-to-many (SOCK_SEQPACKET).
 */
#include <limits.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>

/* The harness's generated wrappers do not use all their parameters. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#include "nsctp_pkt.h"
#include "nsctp_util.h"

#define SYSCTL_SCTP	"/proc/sys/net/sctp/"

FIXTURE(opt) {
	int fd;
};

FIXTURE_VARIANT(opt) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(opt, ipv4_stream) {
	.family = AF_INET,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(opt, ipv4_seqpacket) {
	.family = AF_INET,
	.type = SOCK_SEQPACKET,
};

FIXTURE_VARIANT_ADD(opt, ipv6_stream) {
	.family = AF_INET6,
	.type = SOCK_STREAM,
};

FIXTURE_VARIANT_ADD(opt, ipv6_seqpacket) {
	.family = AF_INET6,
	.type = SOCK_SEQPACKET,
};

FIXTURE_SETUP(opt)
{
	self->fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, self->fd) TH_LOG("socket: %s", strerror(errno));
}

FIXTURE_TEARDOWN(opt)
{
	close(self->fd);
}

/* A sysctl of net.sctp, or @dflt (its default) where it cannot be read. */
static long sctp_sysctl(const char *name, long dflt)
{
	char path[128];
	long v;

	snprintf(path, sizeof(path), SYSCTL_SCTP "%s", name);
	v = nsctp_sysctl_long(path);
	return v < 0 ? dflt : v;
}

/* setsockopt(SOL_SCTP) with a zeroed buffer of @len; 0 or -errno. */
static int sctp_set(int fd, int name, socklen_t len)
{
	char buf[512] = { 0 };

	return setsockopt(fd, SOL_SCTP, name, buf, len) ? -errno : 0;
}

/* getsockopt(SOL_SCTP) into a zeroed buffer of @len; 0 or -errno. */
static int sctp_get(int fd, int name, socklen_t len)
{
	char buf[512] = { 0 };

	return getsockopt(fd, SOL_SCTP, name, buf, &len) ? -errno : 0;
}

static bool one_to_many(const FIXTURE_VARIANT(opt) *variant)
{
	return variant->type == SOCK_SEQPACKET;
}

/* Names no handler knows: ENOPROTOOPT both ways, whatever the length. */
TEST_F(opt, unknown_names)
{
	/* 103-106 are reserved, 126 is an LSM hook id, 134 the first free. */
	static const int names[] = { 103, 104, 105, 106,
				     SCTP_SENDMSG_CONNECT, 134, 1000, -1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		EXPECT_EQ(-ENOPROTOOPT, sctp_set(self->fd, names[i], 4))
			TH_LOG("set %d", names[i]);
		EXPECT_EQ(-ENOPROTOOPT, sctp_set(self->fd, names[i], 0))
			TH_LOG("set %d, optlen 0", names[i]);
		EXPECT_EQ(-ENOPROTOOPT, sctp_get(self->fd, names[i], 4))
			TH_LOG("get %d", names[i]);
		EXPECT_EQ(-ENOPROTOOPT, sctp_get(self->fd, names[i], 0))
			TH_LOG("get %d, optlen 0", names[i]);
	}
}

/* Each option exists in one direction only: the other is ENOPROTOOPT. */
TEST_F(opt, one_direction_only)
{
	static const int get_only[] = {
		SCTP_STATUS, SCTP_GET_PEER_ADDR_INFO, SCTP_PEER_AUTH_CHUNKS,
		SCTP_LOCAL_AUTH_CHUNKS, SCTP_GET_ASSOC_NUMBER,
		SCTP_GET_ASSOC_ID_LIST, SCTP_SOCKOPT_PEELOFF,
		SCTP_GET_PEER_ADDRS, SCTP_GET_LOCAL_ADDRS,
		SCTP_SOCKOPT_CONNECTX3, SCTP_GET_ASSOC_STATS,
		SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS,
		SCTP_SOCKOPT_PEELOFF_FLAGS,
	};
	static const int set_only[] = {
		SCTP_SET_PEER_PRIMARY_ADDR, SCTP_SOCKOPT_BINDX_ADD,
		SCTP_SOCKOPT_BINDX_REM, SCTP_SOCKOPT_CONNECTX_OLD,
		SCTP_SOCKOPT_CONNECTX, SCTP_RESET_STREAMS, SCTP_RESET_ASSOC,
		SCTP_ADD_STREAMS,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(get_only); i++)
		EXPECT_EQ(-ENOPROTOOPT, sctp_set(self->fd, get_only[i], 256))
			TH_LOG("set of get-only %d", get_only[i]);
	for (i = 0; i < ARRAY_SIZE(set_only); i++)
		EXPECT_EQ(-ENOPROTOOPT, sctp_get(self->fd, set_only[i], 256))
			TH_LOG("get of set-only %d", set_only[i]);
}

/* Reading AUTH keys or chunks back is refused: EOPNOTSUPP. */
TEST_F(opt, auth_get_refused)
{
	static const int names[] = { SCTP_AUTH_CHUNK, SCTP_AUTH_KEY,
				     SCTP_AUTH_DELETE_KEY,
				     SCTP_AUTH_DEACTIVATE_KEY };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		EXPECT_EQ(-EOPNOTSUPP, sctp_get(self->fd, names[i], 256))
			TH_LOG("get %d", names[i]);
		EXPECT_EQ(-EOPNOTSUPP, sctp_get(self->fd, names[i], 0))
			TH_LOG("get %d, optlen 0", names[i]);
	}
}

/*
 * The extensions nsctp does not have, AUTH (RFC 4895), ASCONF (RFC 5061)
 * and RE-CONFIG (RFC 6525), answer their options as in-tree does with
 * auth_enable, addip_enable and reconf_enable 0 (the defaults, and
 * nsctp's only values): checks of the argument and the association id
 * (EINVAL), then a refusal. The cases run without an association on the
 * fixture's socket, then on the same socket once it has one.
 */

/* The sysctls these cases need at 0 (read when the socket was made). */
static bool extensions_off(void)
{
	return !sctp_sysctl("auth_enable", 0) &&
	       !sctp_sysctl("addip_enable", 0) &&
	       !sctp_sysctl("reconf_enable", 0) &&
	       !sctp_sysctl("default_auto_asconf", 0);
}

#define EXTENSIONS_OFF()						\
	do {								\
		if (!extensions_off())					\
			SKIP(return, "needs net.sctp.auth_enable, "	\
			     "addip_enable, reconf_enable and "		\
			     "default_auto_asconf at 0, the defaults");	\
	} while (0)

/* setsockopt(SOL_SCTP) of @len bytes at @arg; 0 or -errno. */
static int set_buf(int fd, int name, const void *arg, socklen_t len)
{
	return setsockopt(fd, SOL_SCTP, name, arg, len) ? -errno : 0;
}

/* getsockopt(SOL_SCTP) into @arg with *optlen @len; 0 or -errno. */
static int get_buf(int fd, int name, void *arg, socklen_t len)
{
	return getsockopt(fd, SOL_SCTP, name, arg, &len) ? -errno : 0;
}

/*
 * Connect @fd (the variant's family and style) to a listener of the
 * same kind on the loopback address and wait until the association is
 * up. Return: the listener (the caller closes it), or -1. *@id is @fd's
 * id of the association on a one-to-many socket, 0 on a one-to-one one
 * (whose options ignore the id).
 */
static int assoc_up(const FIXTURE_VARIANT(opt) *variant, int fd,
		    sctp_assoc_t *id)
{
	char buf[sizeof(struct sctp_assoc_ids) + 4 * sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *ids = (void *)buf;
	socklen_t len = sizeof(buf);
	struct nsctp_addr a;
	int l;

	*id = 0;
	nsctp_loopback(&a, variant->family, 0);
	l = nsctp_socket(variant->family, variant->type);
	if (l < 0)
		return -1;
	a.len = variant->family == AF_INET ? sizeof(a.v4) : sizeof(a.v6);
	if (nsctp_bind(l, &a) || listen(l, 4) ||
	    getsockname(l, &a.sa, &a.len) || connect(fd, &a.sa, a.len))
		goto fail;
	if (variant->type == SOCK_STREAM)
		return l;
	if (getsockopt(fd, SOL_SCTP, SCTP_GET_ASSOC_ID_LIST, buf, &len) ||
	    ids->gaids_number_of_ids != 1)
		goto fail;
	*id = ids->gaids_assoc_id[0];
	return l;
fail:
	close(l);
	return -1;
}

/* Association ids to try: the wildcards, a negative one, one that names
 * nothing and, once there is one, the association's.
 */
enum { ID_FUTURE, ID_CURRENT, ID_ALL, ID_NEGATIVE, ID_BOGUS, ID_ASSOC,
       ID_N };

static void assoc_ids_to_try(sctp_assoc_t *ids, sctp_assoc_t own)
{
	ids[ID_FUTURE] = SCTP_FUTURE_ASSOC;
	ids[ID_CURRENT] = SCTP_CURRENT_ASSOC;
	ids[ID_ALL] = SCTP_ALL_ASSOC;
	ids[ID_NEGATIVE] = -1;
	ids[ID_BOGUS] = own + 1234;
	ids[ID_ASSOC] = own;
}

/* SCTP_SET_PEER_PRIMARY_ADDR: EPERM before any other check, with or
 * without an association; the get does not exist (ENOPROTOOPT).
 */
TEST_F(opt, peer_primary_refused)
{
	struct sctp_setpeerprim prim;
	struct nsctp_addr lo;
	sctp_assoc_t id;
	int l = -1, round;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		memset(&prim, 0, sizeof(prim));
		EXPECT_EQ(-EPERM, set_buf(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					  NULL, 0));
		EXPECT_EQ(-EPERM, sctp_set(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					   1));
		EXPECT_EQ(-EPERM, sctp_set(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					   sizeof(prim) + 1));
		prim.sspp_assoc_id = 1234;
		EXPECT_EQ(-EPERM, set_buf(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					  &prim, sizeof(prim)));
		/* the argument is copied in first, as for any option */
		EXPECT_EQ(-EFAULT, set_buf(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					   (void *)8, sizeof(prim)));
		EXPECT_EQ(-ENOPROTOOPT, sctp_get(self->fd,
						 SCTP_SET_PEER_PRIMARY_ADDR,
						 sizeof(prim)));
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
		prim.sspp_assoc_id = id;
		nsctp_loopback(&lo, variant->family, 0);
		memcpy(&prim.sspp_addr, &lo.ss, sizeof(prim.sspp_addr));
		EXPECT_EQ(-EPERM, set_buf(self->fd, SCTP_SET_PEER_PRIMARY_ADDR,
					  &prim, sizeof(prim)));
	}
	close(l);
}

/* SCTP_AUTH_CHUNK (set) and SCTP_HMAC_IDENT (both ways) are EACCES
 * before any other check; the get of SCTP_AUTH_CHUNK is EOPNOTSUPP
 * (opt.auth_get_refused).
 */
TEST_F(opt, auth_refused_first)
{
	static const socklen_t lens[] = { 0, 1, 4, 6, 8, 64 };
	sctp_assoc_t id;
	unsigned int i;
	int l = -1, round;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			EXPECT_EQ(-EACCES, sctp_set(self->fd, SCTP_AUTH_CHUNK,
						    lens[i]))
				TH_LOG("SCTP_AUTH_CHUNK, %u bytes", lens[i]);
			EXPECT_EQ(-EACCES, sctp_set(self->fd, SCTP_HMAC_IDENT,
						    lens[i]))
				TH_LOG("set SCTP_HMAC_IDENT, %u bytes", lens[i]);
			EXPECT_EQ(-EACCES, sctp_get(self->fd, SCTP_HMAC_IDENT,
						    lens[i]))
				TH_LOG("get SCTP_HMAC_IDENT, %u bytes", lens[i]);
		}
		EXPECT_EQ(-EACCES, set_buf(self->fd, SCTP_AUTH_CHUNK, NULL, 0));
		EXPECT_EQ(-EOPNOTSUPP, sctp_get(self->fd, SCTP_AUTH_CHUNK, 8));
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
	}
	close(l);
}

/* A set of SCTP_AUTH_KEY with @keylen bytes of key, @len bytes long. */
static int authkey_set(int fd, sctp_assoc_t id, uint16_t keylen,
		       socklen_t len)
{
	char buf[64] = { 0 };
	struct sctp_authkey *k = (void *)buf;

	k->sca_assoc_id = id;
	k->sca_keynumber = 1;
	k->sca_keylength = keylen;
	memset(buf + sizeof(*k), 0x5a, sizeof(buf) - sizeof(*k));
	return set_buf(fd, SCTP_AUTH_KEY, buf, len);
}

/* A set of one of the key id options, @len bytes long. */
static int keyid_set(int fd, int name, sctp_assoc_t id, socklen_t len)
{
	char buf[32] = { 0 };
	struct sctp_authkeyid *k = (void *)buf;

	k->scact_assoc_id = id;
	k->scact_keynumber = 1;
	return set_buf(fd, name, buf, len);
}

/*
 * What in-tree answers a set of a key option with a good length, for
 * each id of assoc_ids_to_try(): a one-to-one socket refuses (EACCES)
 * whatever the id; a one-to-many one refuses SCTP_FUTURE_ASSOC,
 * SCTP_ALL_ASSOC and an association, finds nothing to refuse for
 * SCTP_CURRENT_ASSOC without an association or for a negative id (0),
 * and an id above the wildcards that names nothing is EINVAL.
 */
static const int key_set_answers[3][ID_N] = {
	/* one-to-one */
	{ -EACCES, -EACCES, -EACCES, -EACCES, -EACCES, -EACCES },
	/* one-to-many, no association (ID_ASSOC is 0 then: FUTURE) */
	{ -EACCES, 0, -EACCES, 0, -EINVAL, -EACCES },
	/* one-to-many, with one */
	{ -EACCES, -EACCES, -EACCES, 0, -EINVAL, -EACCES },
};

/* SCTP_AUTH_KEY set: EINVAL for the length, then the ids' answers. */
TEST_F(opt, auth_key)
{
	sctp_assoc_t id = 0, ids[ID_N];
	const int *want;
	int i, l = -1, round;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		want = key_set_answers[one_to_many(variant) ? 1 + round : 0];
		assoc_ids_to_try(ids, id);
		/* no key at all, or less of it than it says */
		EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_AUTH_KEY, NULL, 0));
		EXPECT_EQ(-EINVAL, authkey_set(self->fd, 0, 0, 4));
		EXPECT_EQ(-EINVAL, authkey_set(self->fd, 0, 0,
					       sizeof(struct sctp_authkey)));
		EXPECT_EQ(-EINVAL, authkey_set(self->fd, 0, 2,
					       sizeof(struct sctp_authkey) + 1));
		EXPECT_EQ(-EINVAL, authkey_set(self->fd, ids[ID_BOGUS], 17,
					       sizeof(struct sctp_authkey) + 16));
		for (i = 0; i < ID_N; i++) {
			EXPECT_EQ(want[i], authkey_set(self->fd, ids[i], 1,
					sizeof(struct sctp_authkey) + 1))
				TH_LOG("round %d, id %d", round, ids[i]);
			/* a key length of 0 with room after the header */
			EXPECT_EQ(want[i], authkey_set(self->fd, ids[i], 0,
					sizeof(struct sctp_authkey) + 32))
				TH_LOG("round %d, id %d, no key", round, ids[i]);
		}
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
	}
	close(l);
}

/* SCTP_AUTH_ACTIVE_KEY, SCTP_AUTH_DELETE_KEY and SCTP_AUTH_DEACTIVATE_KEY
 * sets: exactly struct sctp_authkeyid (EINVAL), then the ids' answers.
 */
TEST_F(opt, auth_keyid)
{
	static const int names[] = { SCTP_AUTH_ACTIVE_KEY,
				     SCTP_AUTH_DELETE_KEY,
				     SCTP_AUTH_DEACTIVATE_KEY };
	const socklen_t good = sizeof(struct sctp_authkeyid);
	sctp_assoc_t id = 0, ids[ID_N];
	unsigned int n;
	const int *want;
	int i, l = -1, round;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		want = key_set_answers[one_to_many(variant) ? 1 + round : 0];
		assoc_ids_to_try(ids, id);
		for (n = 0; n < ARRAY_SIZE(names); n++) {
			EXPECT_EQ(-EINVAL, set_buf(self->fd, names[n], NULL, 0));
			EXPECT_EQ(-EINVAL, keyid_set(self->fd, names[n], 0,
						     good - 1));
			EXPECT_EQ(-EINVAL, keyid_set(self->fd, names[n], 0,
						     good + 1));
			EXPECT_EQ(-EINVAL, keyid_set(self->fd, names[n],
						     ids[ID_ASSOC], 2 * good));
			for (i = 0; i < ID_N; i++) {
				EXPECT_EQ(want[i], keyid_set(self->fd, names[n],
							     ids[i], good))
					TH_LOG("option %d, round %d, id %d",
					       names[n], round, ids[i]);
			}
		}
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
	}
	close(l);
}

/* A get of SCTP_AUTH_ACTIVE_KEY or SCTP_*_AUTH_CHUNKS for @id. */
static int auth_get(int fd, int name, sctp_assoc_t id, socklen_t len)
{
	char buf[64] = { 0 };

	/* scact_assoc_id and gauth_assoc_id both come first */
	memcpy(buf, &id, sizeof(id));
	return get_buf(fd, name, buf, len);
}

/*
 * The gets, each with a short buffer (EINVAL) and each id:
 * SCTP_AUTH_ACTIVE_KEY: on a one-to-many socket a non-zero id but the
 * association's is EINVAL, the rest EACCES;
 * SCTP_LOCAL_AUTH_CHUNKS: the same, with SCTP_FUTURE_ASSOC as the id
 * that names the socket;
 * SCTP_PEER_AUTH_CHUNKS: EINVAL without an association (any id on a
 * one-to-one socket), EACCES with one. No zero-chunk answers.
 */
TEST_F(opt, auth_get_answers)
{
	static const struct {
		int name;
		socklen_t len;
	} g[] = {
		{ SCTP_AUTH_ACTIVE_KEY, sizeof(struct sctp_authkeyid) },
		{ SCTP_LOCAL_AUTH_CHUNKS, sizeof(struct sctp_authchunks) },
		{ SCTP_PEER_AUTH_CHUNKS, sizeof(struct sctp_authchunks) },
	};
	/* [option][round][id], for one-to-many sockets */
	static const int many[3][2][ID_N] = {
		{ { -EACCES, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EACCES },
		  { -EACCES, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EACCES } },
		{ { -EACCES, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EACCES },
		  { -EACCES, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EACCES } },
		{ { -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EINVAL },
		  { -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EACCES } },
	};
	sctp_assoc_t id = 0, ids[ID_N];
	unsigned int n;
	int i, l = -1, round, want;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		assoc_ids_to_try(ids, id);
		for (n = 0; n < ARRAY_SIZE(g); n++) {
			EXPECT_EQ(-EINVAL, auth_get(self->fd, g[n].name, 0, 0));
			EXPECT_EQ(-EINVAL, auth_get(self->fd, g[n].name,
						    ids[ID_ASSOC],
						    g[n].len - 1));
			for (i = 0; i < ID_N; i++) {
				if (one_to_many(variant))
					want = many[n][round][i];
				else if (g[n].name == SCTP_PEER_AUTH_CHUNKS)
					want = round ? -EACCES : -EINVAL;
				else
					want = -EACCES;
				EXPECT_EQ(want, auth_get(self->fd, g[n].name,
							 ids[i], g[n].len))
					TH_LOG("option %d, round %d, id %d",
					       g[n].name, round, ids[i]);
				/* a longer buffer changes nothing */
				EXPECT_EQ(want, auth_get(self->fd, g[n].name,
							 ids[i], 64));
			}
		}
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
	}
	close(l);
}

/*
 * SCTP_AUTO_ASCONF: an int either way (EINVAL shorter); 0 by default;
 * setting 0 is always fine; setting non-zero is EINVAL unless the socket
 * is bound to its family's wildcard address alone (by bind() or by the
 * autobind of connect()), and 0 then, and it reads back as 1. A socket
 * that accept() makes starts at 0.
 */
TEST_F(opt, auto_asconf)
{
	struct nsctp_addr any;
	sctp_assoc_t id;
	socklen_t len;
	long long big;
	int fd, l, val;

	EXTENSIONS_OFF();
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_AUTO_ASCONF, 3));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_AUTO_ASCONF, 3));
	EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_AUTO_ASCONF, NULL, 0));
	big = -1;
	len = sizeof(big);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, &big,
				&len));
	EXPECT_EQ(sizeof(int), len);
	EXPECT_EQ(0, (int)big);
	/* not bound */
	EXPECT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, 0));
	EXPECT_EQ(-EINVAL, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF,
					1));
	/* connected, autobound to the wildcard */
	l = assoc_up(variant, self->fd, &id);
	ASSERT_LE(0, l);
	EXPECT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, 1));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
	EXPECT_EQ(1, val);
	EXPECT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, 0));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
	EXPECT_EQ(0, val);
	/* the listener, bound to the loopback address */
	EXPECT_EQ(0, nsctp_setint(l, SOL_SCTP, SCTP_AUTO_ASCONF, 0));
	EXPECT_EQ(-EINVAL, nsctp_setint(l, SOL_SCTP, SCTP_AUTO_ASCONF, -1));
	close(l);

	/* bound to the wildcard */
	fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, fd);
	nsctp_any(&any, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(fd, &any));
	EXPECT_EQ(0, nsctp_setint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, 7));
	EXPECT_EQ(0, nsctp_setint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, 1));
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
	EXPECT_EQ(1, val);
	EXPECT_EQ(-EINVAL, sctp_get(fd, SCTP_AUTO_ASCONF, 2));
	if (!one_to_many(variant)) {
		struct nsctp_addr lo;
		int c, a;

		/* accept() from a listener on the wildcard that has it on */
		ASSERT_EQ(0, listen(fd, 4));
		any.len = sizeof(any.ss);
		ASSERT_EQ(0, getsockname(fd, &any.sa, &any.len));
		nsctp_loopback(&lo, variant->family,
			       ntohs(any.v4.sin_port));
		c = nsctp_socket(variant->family, SOCK_STREAM);
		ASSERT_LE(0, c);
		ASSERT_EQ(0, connect(c, &lo.sa, lo.len));
		a = accept(fd, NULL, NULL);
		ASSERT_LE(0, a);
		ASSERT_EQ(0, nsctp_getint(a, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
		EXPECT_EQ(0, val);
		ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
		EXPECT_EQ(1, val);
		close(a);
		close(c);
	}
	EXPECT_EQ(0, nsctp_setint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, 0));
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, SCTP_AUTO_ASCONF, &val));
	EXPECT_EQ(0, val);
	close(fd);
}

/* A set of SCTP_RESET_STREAMS listing @n streams, @len bytes long. */
static int reset_streams_set(int fd, sctp_assoc_t id, uint16_t n,
			     socklen_t len)
{
	struct sctp_reset_streams *rs;
	int ret;

	rs = calloc(1, len < sizeof(*rs) ? sizeof(*rs) : len);
	if (!rs)
		return -ENOMEM;
	rs->srs_assoc_id = id;
	rs->srs_flags = SCTP_STREAM_RESET_OUTGOING;
	rs->srs_number_streams = n;
	ret = set_buf(fd, SCTP_RESET_STREAMS, rs, len);
	free(rs);
	return ret;
}

static int add_streams_set(int fd, sctp_assoc_t id, socklen_t len)
{
	char buf[32] = { 0 };
	struct sctp_add_streams *as = (void *)buf;

	as->sas_assoc_id = id;
	as->sas_outstrms = 1;
	return set_buf(fd, SCTP_ADD_STREAMS, buf, len);
}

/*
 * SCTP_RESET_STREAMS, SCTP_RESET_ASSOC and SCTP_ADD_STREAMS: in-tree's
 * checks of the length and the association (EINVAL: no association, or
 * an id that is not the association's on a one-to-many socket), then
 * ENOPROTOOPT, the peer not being RE-CONFIG capable. In-tree reads at
 * most 65551 bytes of SCTP_RESET_STREAMS's argument, and the stream list
 * must fit in that.
 */
TEST_F(opt, reconf_refused)
{
	const socklen_t rs = sizeof(struct sctp_reset_streams);
	sctp_assoc_t id = 0, ids[ID_N];
	int i, l = -1, round, want;

	EXTENSIONS_OFF();
	for (round = 0; round < 2; round++) {
		assoc_ids_to_try(ids, id);
		EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_RESET_STREAMS,
					   NULL, 0));
		EXPECT_EQ(-EINVAL, reset_streams_set(self->fd, id, 0, rs - 1));
		EXPECT_EQ(-EINVAL, reset_streams_set(self->fd, id, 1, rs));
		EXPECT_EQ(-EINVAL, reset_streams_set(self->fd, id, 2, rs + 3));
		EXPECT_EQ(-EINVAL, reset_streams_set(self->fd, id, 32772,
						     100000));
		EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_RESET_ASSOC, NULL, 0));
		EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_RESET_ASSOC, &id, 3));
		EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_RESET_ASSOC, 5));
		EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_RESET_ASSOC, 8));
		EXPECT_EQ(-EINVAL, set_buf(self->fd, SCTP_ADD_STREAMS, NULL, 0));
		EXPECT_EQ(-EINVAL, add_streams_set(self->fd, id,
					sizeof(struct sctp_add_streams) - 1));
		EXPECT_EQ(-EINVAL, add_streams_set(self->fd, id,
					sizeof(struct sctp_add_streams) + 1));
		for (i = 0; i < ID_N; i++) {
			if (!round)
				want = -EINVAL;
			else if (!one_to_many(variant) || i == ID_ASSOC)
				want = -ENOPROTOOPT;
			else
				want = -EINVAL;
			EXPECT_EQ(want, reset_streams_set(self->fd, ids[i], 0,
							  rs))
				TH_LOG("round %d, id %d", round, ids[i]);
			EXPECT_EQ(want, reset_streams_set(self->fd, ids[i], 2,
							  rs + 4));
			EXPECT_EQ(want, reset_streams_set(self->fd, ids[i],
							  32771, 100000));
			EXPECT_EQ(want, set_buf(self->fd, SCTP_RESET_ASSOC,
						&ids[i], sizeof(ids[i])));
			EXPECT_EQ(want, add_streams_set(self->fd, ids[i],
					sizeof(struct sctp_add_streams)));
		}
		if (round)
			break;
		l = assoc_up(variant, self->fd, &id);
		ASSERT_LE(0, l);
	}
	close(l);
}

/* Handlers check the length before anything else: EINVAL. */
TEST_F(opt, set_short_or_wrong_length)
{
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_INITMSG, 4));
	/* SCTP_INITMSG wants the exact size, not more. */
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_INITMSG,
				    sizeof(struct sctp_initmsg) + 1));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_NODELAY, 1));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_NODELAY, 0));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_DISABLE_FRAGMENTS, 3));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_I_WANT_MAPPED_V4_ADDR, 2));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_RTOINFO,
				    sizeof(struct sctp_rtoinfo) - 1));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_RTOINFO,
				    sizeof(struct sctp_rtoinfo) + 1));
	/* SCTP_EVENTS takes any prefix of the struct, but not more. */
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_EVENTS,
				    sizeof(struct sctp_event_subscribe) + 1));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_EVENT,
				    sizeof(struct sctp_event) - 1));
}

TEST_F(opt, get_short_length)
{
	socklen_t len;
	int val;

	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_NODELAY, 3));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_DISABLE_FRAGMENTS, 0));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_I_WANT_MAPPED_V4_ADDR, 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_INITMSG,
				    sizeof(struct sctp_initmsg) - 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_RTOINFO,
				    sizeof(struct sctp_rtoinfo) - 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_EVENTS, 0));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_EVENT,
				    sizeof(struct sctp_event) - 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_STATUS,
				    sizeof(struct sctp_status) - 1));

	/* A negative optlen is EINVAL before any dispatch, known or not. */
	len = -1;
	EXPECT_EQ(-1, getsockopt(self->fd, SOL_SCTP, SCTP_NODELAY, &val, &len));
	EXPECT_EQ(EINVAL, errno);
	len = -1;
	EXPECT_EQ(-1, getsockopt(self->fd, SOL_SCTP, 1000, &val, &len));
	EXPECT_EQ(EINVAL, errno);
}

/* Bad user pointers: the option is copied in before it is looked at. */
TEST_F(opt, bad_pointers)
{
	void *bad = (void *)8;
	socklen_t len = sizeof(int);
	int val;

	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, SCTP_NODELAY, bad, 4));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, 1000, bad, 4));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, getsockopt(self->fd, SOL_SCTP, SCTP_NODELAY, bad, &len));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, getsockopt(self->fd, SOL_SCTP, SCTP_NODELAY, &val, bad));
	EXPECT_EQ(EFAULT, errno);
}

/* An int flag option: default @dflt, any non-zero reads back as 1. */
static void flag_roundtrip(struct __test_metadata *_metadata, int fd,
			   int name, int dflt)
{
	long long big = -1;
	socklen_t len;
	int val;

	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, name, &val));
	EXPECT_EQ(dflt, val);
	ASSERT_EQ(0, nsctp_setint(fd, SOL_SCTP, name, !dflt));
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, name, &val));
	EXPECT_EQ(!dflt, val);
	ASSERT_EQ(0, nsctp_setint(fd, SOL_SCTP, name, 0));
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, name, &val));
	EXPECT_EQ(0, val);
	ASSERT_EQ(0, nsctp_setint(fd, SOL_SCTP, name, 42));
	ASSERT_EQ(0, nsctp_getint(fd, SOL_SCTP, name, &val));
	EXPECT_EQ(1, val);
	/* A longer buffer: the kernel says how much it wrote. */
	len = sizeof(big);
	ASSERT_EQ(0, getsockopt(fd, SOL_SCTP, name, &big, &len));
	EXPECT_EQ(sizeof(int), len);
}

/* The extensions nsctp does not have answer as in-tree with their
 * sysctls off: 0 for the socket, in-tree's length and association id
 * checks; setting 0 is fine; I-DATA refuses every set (EPERM). Turning
 * one on succeeds in-tree (it would turn it on), nsctp says EOPNOTSUPP.
 */
TEST_F(opt, features_off)
{
	static const struct {
		int name;
		const char *sysctl;
	} f[] = {
		{ SCTP_PR_SUPPORTED, "prsctp_enable" },
		{ SCTP_RECONFIG_SUPPORTED, "reconf_enable" },
		{ SCTP_INTERLEAVING_SUPPORTED, "intl_enable" },
		{ SCTP_ASCONF_SUPPORTED, "addip_enable" },
		{ SCTP_AUTH_SUPPORTED, "auth_enable" },
		{ SCTP_ECN_SUPPORTED, "ecn_enable" },
	};
	bool intree = intree_mode();
	long saved[ARRAY_SIZE(f)];
	char path[128], val[32];
	unsigned int i;
	int fd, ret;

	for (i = 0; i < ARRAY_SIZE(f); i++) {
		saved[i] = sctp_sysctl(f[i].sysctl, 0);
		snprintf(path, sizeof(path), SYSCTL_SCTP "%s", f[i].sysctl);
		ASSERT_EQ(0, nsctp_sysctl_write(path, "0"));
	}
	fd = nsctp_socket(variant->family, variant->type);
	ASSERT_LE(0, fd);
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		struct sctp_assoc_value av = { SCTP_FUTURE_ASSOC, 7 };
		bool intl = f[i].name == SCTP_INTERLEAVING_SUPPORTED;
		socklen_t len = sizeof(av);

		EXPECT_EQ(0, getsockopt(fd, SOL_SCTP, f[i].name, &av, &len))
			TH_LOG("get %d: %s", f[i].name, strerror(errno));
		EXPECT_EQ(0, av.assoc_value) TH_LOG("get %d", f[i].name);
		EXPECT_EQ(sizeof(av), len);
		EXPECT_EQ(-EINVAL, sctp_get(fd, f[i].name, sizeof(av) - 1));
		EXPECT_EQ(-EINVAL, sctp_set(fd, f[i].name, sizeof(av) - 1));
		/* all zero (SCTP_FUTURE_ASSOC, value 0), one byte more */
		EXPECT_EQ(intl ? -EPERM : -EINVAL,
			  sctp_set(fd, f[i].name, sizeof(av) + 1))
			TH_LOG("set %d, long", f[i].name);
		if (one_to_many(variant)) {
			av.assoc_id = 1234;
			len = sizeof(av);
			EXPECT_EQ(-1, getsockopt(fd, SOL_SCTP, f[i].name, &av,
						 &len));
			EXPECT_EQ(EINVAL, errno);
			EXPECT_EQ(-1, setsockopt(fd, SOL_SCTP, f[i].name, &av,
						 sizeof(av)));
			EXPECT_EQ(EINVAL, errno);
		}
		av.assoc_id = SCTP_FUTURE_ASSOC;
		av.assoc_value = 0;
		EXPECT_EQ(intl ? -1 : 0, setsockopt(fd, SOL_SCTP, f[i].name,
						    &av, sizeof(av)))
			TH_LOG("set %d to 0: %s", f[i].name, strerror(errno));
		av.assoc_value = 1;
		errno = 0;
		ret = setsockopt(fd, SOL_SCTP, f[i].name, &av, sizeof(av));
		EXPECT_EQ(!intl && intree ? 0 : -1, ret)
			TH_LOG("set %d to 1", f[i].name);
		EXPECT_EQ(intl ? EPERM : intree ? 0 : EOPNOTSUPP, errno)
			TH_LOG("set %d to 1", f[i].name);
	}
	close(fd);
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		snprintf(path, sizeof(path), SYSCTL_SCTP "%s", f[i].sysctl);
		snprintf(val, sizeof(val), "%ld", saved[i]);
		EXPECT_EQ(0, nsctp_sysctl_write(path, val));
	}
}

/* SCTP_EXPOSE_POTENTIALLY_FAILED_STATE: the socket's value (from
 * net.sctp.pf_expose), 0 to 2, in-tree's checks.
 */
TEST_F(opt, pf_expose)
{
	struct sctp_assoc_value av = { SCTP_FUTURE_ASSOC, 9 };
	socklen_t len = sizeof(av);

	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP,
				SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av,
				&len));
	EXPECT_EQ(sctp_sysctl("pf_expose", 0), av.assoc_value);
	av.assoc_value = 2;
	EXPECT_EQ(0, setsockopt(self->fd, SOL_SCTP,
				SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av,
				sizeof(av)));
	av.assoc_value = 0;
	len = sizeof(av);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP,
				SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av,
				&len));
	EXPECT_EQ(2, av.assoc_value);
	av.assoc_value = 3;
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP,
				 SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av,
				 sizeof(av)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-EINVAL, sctp_set(self->fd,
				    SCTP_EXPOSE_POTENTIALLY_FAILED_STATE,
				    sizeof(av) + 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd,
				    SCTP_EXPOSE_POTENTIALLY_FAILED_STATE,
				    sizeof(av) - 1));
	if (one_to_many(variant)) {
		av.assoc_id = 1234;
		av.assoc_value = 1;
		EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP,
					 SCTP_EXPOSE_POTENTIALLY_FAILED_STATE,
					 &av, sizeof(av)));
		EXPECT_EQ(EINVAL, errno);
	}
}

/* SCTP_PEER_ADDR_THLDS(_V2) on the socket's defaults: from the
 * sysctls, set and read back, in-tree's refusals.
 */
TEST_F(opt, paddr_thlds)
{
	struct sctp_paddrthlds_v2 t;
	socklen_t len;

	memset(&t, 0, sizeof(t));
	len = sizeof(t);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2,
				&t, &len));
	EXPECT_EQ(sizeof(t), len);
	EXPECT_EQ(sctp_sysctl("path_max_retrans", 5), t.spt_pathmaxrxt);
	EXPECT_EQ(sctp_sysctl("pf_retrans", 0), t.spt_pathpfthld);
	EXPECT_EQ(sctp_sysctl("ps_retrans", 0xffff), t.spt_pathcpthld);

	/* V2: the PF threshold above the switchover one */
	t.spt_pathmaxrxt = 7;
	t.spt_pathpfthld = 4;
	t.spt_pathcpthld = 3;
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2,
				 &t, sizeof(t)));
	EXPECT_EQ(EINVAL, errno);
	t.spt_pathcpthld = 6;
	EXPECT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2,
				&t, sizeof(t)));
	/* the first form leaves the switchover threshold; a zero
	 * Path.Max.Retrans leaves that too
	 */
	t.spt_pathmaxrxt = 0;
	t.spt_pathpfthld = 2;
	EXPECT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS,
				&t, sizeof(struct sctp_paddrthlds)));
	memset(&t, 0, sizeof(t));
	len = sizeof(t);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2,
				&t, &len));
	EXPECT_EQ(7, t.spt_pathmaxrxt);
	EXPECT_EQ(2, t.spt_pathpfthld);
	EXPECT_EQ(6, t.spt_pathcpthld);

	/* an address no association has */
	memset(&t, 0, sizeof(t));
	((struct sockaddr_in *)&t.spt_address)->sin_family = AF_INET;
	((struct sockaddr_in *)&t.spt_address)->sin_addr.s_addr =
		htonl(0x0a090909);
	((struct sockaddr_in *)&t.spt_address)->sin_port = htons(9);
	EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS,
				 &t, sizeof(struct sctp_paddrthlds)));
	EXPECT_EQ(ENOENT, errno);
	len = sizeof(struct sctp_paddrthlds);
	EXPECT_EQ(-1, getsockopt(self->fd, SOL_SCTP, SCTP_PEER_ADDR_THLDS,
				 &t, &len));
	EXPECT_EQ(ENOENT, errno);

	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_PEER_ADDR_THLDS,
				    sizeof(struct sctp_paddrthlds) - 1));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_PEER_ADDR_THLDS_V2,
				    sizeof(struct sctp_paddrthlds_v2) - 1));
	if (one_to_many(variant)) {
		memset(&t, 0, sizeof(t));
		t.spt_assoc_id = 1234;
		EXPECT_EQ(-1, setsockopt(self->fd, SOL_SCTP,
					 SCTP_PEER_ADDR_THLDS, &t,
					 sizeof(struct sctp_paddrthlds)));
		EXPECT_EQ(EINVAL, errno);
	}
}

TEST_F(opt, nodelay)
{
	flag_roundtrip(_metadata, self->fd, SCTP_NODELAY, 0);
}

TEST_F(opt, disable_fragments)
{
	flag_roundtrip(_metadata, self->fd, SCTP_DISABLE_FRAGMENTS, 0);
}

/* Defaults on, and exists on AF_INET sockets as well. */
TEST_F(opt, mapped_v4)
{
	flag_roundtrip(_metadata, self->fd, SCTP_I_WANT_MAPPED_V4_ADDR, 1);
}

/* Defaults from the globals; zero fields in a set leave a value alone. */
TEST_F(opt, initmsg)
{
	struct sctp_initmsg im;
	socklen_t len = sizeof(im) + 8;

	memset(&im, 0xff, sizeof(im));
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_INITMSG, &im, &len));
	EXPECT_EQ(sizeof(im), len);
	EXPECT_EQ(10, im.sinit_num_ostreams);
	EXPECT_EQ(65535, im.sinit_max_instreams);
	EXPECT_EQ(sctp_sysctl("max_init_retransmits", 8),
		  im.sinit_max_attempts);
	EXPECT_EQ(sctp_sysctl("rto_max", 60000), im.sinit_max_init_timeo);

	im = (struct sctp_initmsg){ 5, 6, 7, 8000 };
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_INITMSG, &im,
				sizeof(im)));
	im = (struct sctp_initmsg){ 0, 0, 3, 0 };
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_INITMSG, &im,
				sizeof(im)));
	memset(&im, 0, sizeof(im));
	len = sizeof(im);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_INITMSG, &im, &len));
	EXPECT_EQ(5, im.sinit_num_ostreams);
	EXPECT_EQ(6, im.sinit_max_instreams);
	EXPECT_EQ(3, im.sinit_max_attempts);
	EXPECT_EQ(8000, im.sinit_max_init_timeo);
}

/* The old per-event byte array, including shorter (older) layouts. */
TEST_F(opt, events)
{
	struct sctp_event_subscribe ev, zero = { 0 };
	unsigned char big[sizeof(ev) + 16];
	socklen_t len = sizeof(big);

	memset(big, 0xff, sizeof(big));
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, big, &len));
	ASSERT_EQ(sizeof(ev), len);
	ASSERT_EQ(14U, len);
	EXPECT_EQ(0, memcmp(big, &zero, sizeof(zero)));
	EXPECT_EQ(0xff, big[sizeof(ev)]);

	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	ev.sctp_association_event = 1;
	ev.sctp_sender_dry_event = 1;
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, &ev,
				sizeof(ev)));
	memset(&ev, 0, sizeof(ev));
	len = sizeof(ev);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, &ev, &len));
	EXPECT_EQ(1, ev.sctp_data_io_event);
	EXPECT_EQ(1, ev.sctp_association_event);
	EXPECT_EQ(0, ev.sctp_address_event);
	EXPECT_EQ(1, ev.sctp_sender_dry_event);

	/* One byte: only the first event changes. */
	ev.sctp_data_io_event = 0;
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, &ev, 1));
	/* Zero bytes: nothing changes, and it is no error. */
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, NULL, 0));
	/* A short read gets only that prefix. */
	memset(&ev, 0xee, sizeof(ev));
	len = 2;
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, &ev, &len));
	EXPECT_EQ(2U, len);
	EXPECT_EQ(0, ev.sctp_data_io_event);
	EXPECT_EQ(1, ev.sctp_association_event);
	EXPECT_EQ(0xee, ev.sctp_address_event);
}

static int event_get(int fd, sctp_assoc_t id, uint16_t type, int *on)
{
	struct sctp_event e = { .se_assoc_id = id, .se_type = type };
	socklen_t len = sizeof(e);

	if (getsockopt(fd, SOL_SCTP, SCTP_EVENT, &e, &len))
		return -errno;
	*on = e.se_on;
	return len == sizeof(e) ? 0 : -EMSGSIZE;
}

static int event_set(int fd, sctp_assoc_t id, uint16_t type, int on)
{
	struct sctp_event e = { .se_assoc_id = id, .se_type = type,
				.se_on = on };

	return setsockopt(fd, SOL_SCTP, SCTP_EVENT, &e, sizeof(e)) ? -errno : 0;
}

/* SCTP_EVENT: one event type at a time, shared with SCTP_EVENTS. */
TEST_F(opt, event)
{
	struct sctp_event_subscribe ev;
	socklen_t len = sizeof(ev);
	int on;

	ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC, SCTP_ASSOC_CHANGE,
			       &on));
	EXPECT_EQ(0, on);
	ASSERT_EQ(0, event_set(self->fd, SCTP_FUTURE_ASSOC, SCTP_ASSOC_CHANGE,
			       1));
	ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC, SCTP_ASSOC_CHANGE,
			       &on));
	EXPECT_EQ(1, on);
	ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC,
			       SCTP_SHUTDOWN_EVENT, &on));
	EXPECT_EQ(0, on);
	ASSERT_EQ(0, getsockopt(self->fd, SOL_SCTP, SCTP_EVENTS, &ev, &len));
	EXPECT_EQ(1, ev.sctp_association_event);
	EXPECT_EQ(0, ev.sctp_shutdown_event);

	/* SCTP_ALL_ASSOC includes the future ones. */
	ASSERT_EQ(0, event_set(self->fd, SCTP_ALL_ASSOC, SCTP_SHUTDOWN_EVENT,
			       1));
	ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC,
			       SCTP_SHUTDOWN_EVENT, &on));
	EXPECT_EQ(1, on);

	/* The last type there is, then one past it and one before the base. */
	ASSERT_EQ(0, event_set(self->fd, 0, SCTP_SN_TYPE_MAX, 1));
	ASSERT_EQ(0, event_get(self->fd, 0, SCTP_SN_TYPE_MAX, &on));
	EXPECT_EQ(1, on);
	EXPECT_EQ(-EINVAL, event_set(self->fd, 0, SCTP_SN_TYPE_MAX + 1, 1));
	EXPECT_EQ(-EINVAL, event_get(self->fd, 0, SCTP_SN_TYPE_MAX + 1, &on));
	EXPECT_EQ(-EINVAL, event_set(self->fd, 0, SCTP_SN_TYPE_BASE - 1, 1));
	EXPECT_EQ(-EINVAL, event_get(self->fd, 0, SCTP_SN_TYPE_BASE - 1, &on));
}

/*
 * Association ids in SCTP_EVENT: one-to-many sockets check them (an id
 * that is not an association is EINVAL, SCTP_CURRENT_ASSOC only reaches
 * existing associations); one-to-one sockets ignore them.
 */
TEST_F(opt, event_assoc_ids)
{
	int on;

	if (one_to_many(variant)) {
		EXPECT_EQ(-EINVAL, event_set(self->fd, 42,
					     SCTP_PEER_ADDR_CHANGE, 1));
		EXPECT_EQ(-EINVAL, event_get(self->fd, 42,
					     SCTP_PEER_ADDR_CHANGE, &on));
		EXPECT_EQ(-EINVAL, event_get(self->fd, SCTP_CURRENT_ASSOC,
					     SCTP_PEER_ADDR_CHANGE, &on));
		ASSERT_EQ(0, event_set(self->fd, SCTP_CURRENT_ASSOC,
				       SCTP_PEER_ADDR_CHANGE, 1));
		ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC,
				       SCTP_PEER_ADDR_CHANGE, &on));
		EXPECT_EQ(0, on);
		/* A negative id is no association and no wildcard: a no-op. */
		ASSERT_EQ(0, event_set(self->fd, SCTP_FUTURE_ASSOC,
				       SCTP_PEER_ADDR_CHANGE, 0));
		ASSERT_EQ(0, event_set(self->fd, -5, SCTP_PEER_ADDR_CHANGE, 1));
		ASSERT_EQ(0, event_get(self->fd, SCTP_FUTURE_ASSOC,
				       SCTP_PEER_ADDR_CHANGE, &on));
		EXPECT_EQ(0, on);
		EXPECT_EQ(-EINVAL, event_get(self->fd, -5,
					     SCTP_PEER_ADDR_CHANGE, &on));
		return;
	}
	ASSERT_EQ(0, event_set(self->fd, 42, SCTP_PEER_ADDR_CHANGE, 1));
	ASSERT_EQ(0, event_get(self->fd, 42, SCTP_PEER_ADDR_CHANGE, &on));
	EXPECT_EQ(1, on);
	ASSERT_EQ(0, event_set(self->fd, SCTP_CURRENT_ASSOC,
			       SCTP_PEER_ADDR_CHANGE, 0));
	ASSERT_EQ(0, event_get(self->fd, SCTP_CURRENT_ASSOC,
			       SCTP_PEER_ADDR_CHANGE, &on));
	EXPECT_EQ(0, on);
}

/* SCTP_AUTOCLOSE is one-to-many only, in seconds, capped by a sysctl. */
TEST_F(opt, autoclose)
{
	long max = sctp_sysctl("max_autoclose", 2147483);
	int val;

	if (!one_to_many(variant)) {
		/* The style is checked before the length. */
		EXPECT_EQ(-EOPNOTSUPP, nsctp_setint(self->fd, SOL_SCTP,
						    SCTP_AUTOCLOSE, 5));
		EXPECT_EQ(-EOPNOTSUPP, sctp_set(self->fd, SCTP_AUTOCLOSE, 1));
		EXPECT_EQ(-EOPNOTSUPP, nsctp_getint(self->fd, SOL_SCTP,
						    SCTP_AUTOCLOSE, &val));
		EXPECT_EQ(-EOPNOTSUPP, sctp_get(self->fd, SCTP_AUTOCLOSE, 1));
		return;
	}
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_AUTOCLOSE, &val));
	EXPECT_EQ(0, val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTOCLOSE, 30));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_AUTOCLOSE, &val));
	EXPECT_EQ(30, val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_AUTOCLOSE, -1));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_AUTOCLOSE, &val));
	EXPECT_EQ(max, val);
	/* Exactly an int: longer or shorter is EINVAL. */
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_AUTOCLOSE, 8));
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_AUTOCLOSE, 2));
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_AUTOCLOSE, 2));
}

static int rto_get(int fd, sctp_assoc_t id, struct sctp_rtoinfo *r)
{
	socklen_t len = sizeof(*r);

	memset(r, 0, sizeof(*r));
	r->srto_assoc_id = id;
	if (getsockopt(fd, SOL_SCTP, SCTP_RTOINFO, r, &len))
		return -errno;
	return len == sizeof(*r) ? 0 : -EMSGSIZE;
}

static int rto_set(int fd, sctp_assoc_t id, unsigned int initial,
		   unsigned int max, unsigned int min)
{
	struct sctp_rtoinfo r = {
		.srto_assoc_id = id, .srto_initial = initial,
		.srto_max = max, .srto_min = min,
	};

	return setsockopt(fd, SOL_SCTP, SCTP_RTOINFO, &r, sizeof(r)) ? -errno : 0;
}

/* The endpoint's RTO parameters: sysctl defaults, then what was set. */
TEST_F(opt, rtoinfo)
{
	struct sctp_rtoinfo r;

	ASSERT_EQ(0, rto_get(self->fd, 0, &r));
	EXPECT_EQ(sctp_sysctl("rto_initial", 3000), r.srto_initial);
	EXPECT_EQ(sctp_sysctl("rto_min", 1000), r.srto_min);
	EXPECT_EQ(sctp_sysctl("rto_max", 60000), r.srto_max);

	ASSERT_EQ(0, rto_set(self->fd, 0, 2500, 40000, 500));
	ASSERT_EQ(0, rto_get(self->fd, 0, &r));
	EXPECT_EQ(2500U, r.srto_initial);
	EXPECT_EQ(40000U, r.srto_max);
	EXPECT_EQ(500U, r.srto_min);

	/* Zero leaves a field as it is. */
	ASSERT_EQ(0, rto_set(self->fd, 0, 0, 0, 700));
	ASSERT_EQ(0, rto_get(self->fd, 0, &r));
	EXPECT_EQ(2500U, r.srto_initial);
	EXPECT_EQ(40000U, r.srto_max);
	EXPECT_EQ(700U, r.srto_min);

	/* min above max, given or kept, is EINVAL and changes nothing. */
	EXPECT_EQ(-EINVAL, rto_set(self->fd, 0, 0, 100, 200));
	EXPECT_EQ(-EINVAL, rto_set(self->fd, 0, 0, 0, 50000));
	EXPECT_EQ(-EINVAL, rto_set(self->fd, 0, 0, 600, 0));
	ASSERT_EQ(0, rto_get(self->fd, 0, &r));
	EXPECT_EQ(40000U, r.srto_max);
	EXPECT_EQ(700U, r.srto_min);
}

/* A non-existent association id: EINVAL one-to-many, ignored one-to-one. */
TEST_F(opt, rtoinfo_assoc_id)
{
	struct sctp_rtoinfo r;

	if (one_to_many(variant)) {
		EXPECT_EQ(-EINVAL, rto_get(self->fd, 77, &r));
		EXPECT_EQ(-EINVAL, rto_set(self->fd, 77, 2000, 0, 0));
		/* Only SCTP_FUTURE_ASSOC names the endpoint. */
		EXPECT_EQ(-EINVAL, rto_get(self->fd, SCTP_CURRENT_ASSOC, &r));
		EXPECT_EQ(-EINVAL, rto_set(self->fd, SCTP_CURRENT_ASSOC,
					   2000, 0, 0));
		EXPECT_EQ(-EINVAL, rto_set(self->fd, SCTP_ALL_ASSOC, 2000, 0, 0));
		ASSERT_EQ(0, rto_get(self->fd, SCTP_FUTURE_ASSOC, &r));
		EXPECT_EQ(sctp_sysctl("rto_initial", 3000), r.srto_initial);
		return;
	}
	EXPECT_EQ(0, rto_set(self->fd, 77, 2000, 0, 0));
	ASSERT_EQ(0, rto_get(self->fd, 77, &r));
	EXPECT_EQ(2000U, r.srto_initial);
}

/* One-to-many only; a fresh socket has no association. */
TEST_F(opt, assoc_number)
{
	uint32_t n = 99;
	socklen_t len = sizeof(n);
	int ret;

	ret = getsockopt(self->fd, SOL_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len);
	if (!one_to_many(variant)) {
		EXPECT_EQ(-1, ret);
		EXPECT_EQ(EOPNOTSUPP, errno);
		return;
	}
	ASSERT_EQ(0, ret);
	EXPECT_EQ(sizeof(n), len);
	EXPECT_EQ(0U, n);
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_GET_ASSOC_NUMBER, 3));
}

/* SCTP_STATUS needs an association: EINVAL on a fresh socket. */
TEST_F(opt, status_no_assoc)
{
	EXPECT_EQ(-EINVAL, sctp_get(self->fd, SCTP_STATUS,
				    sizeof(struct sctp_status)));
}

/*
 * SCTP_REUSE_PORT: set on one-to-one sockets before bind only (EFAULT
 * after!), EOPNOTSUPP on one-to-many; get works on both.
 */
TEST_F(opt, reuse_port)
{
	struct nsctp_addr lo;
	int val;

	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_REUSE_PORT, &val));
	EXPECT_EQ(0, val);
	if (one_to_many(variant)) {
		EXPECT_EQ(-EOPNOTSUPP, nsctp_setint(self->fd, SOL_SCTP,
						    SCTP_REUSE_PORT, 1));
		/* the style first, whatever the length (as in-tree) */
		EXPECT_EQ(-EOPNOTSUPP, sctp_set(self->fd, SCTP_REUSE_PORT, 2));
		return;
	}
	EXPECT_EQ(-EINVAL, sctp_set(self->fd, SCTP_REUSE_PORT, 2));
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SCTP, SCTP_REUSE_PORT, 7));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_REUSE_PORT, &val));
	EXPECT_EQ(1, val);
	nsctp_loopback(&lo, variant->family, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	EXPECT_EQ(-EFAULT, nsctp_setint(self->fd, SOL_SCTP, SCTP_REUSE_PORT, 0));
	/* the binding before the length (as in-tree) */
	EXPECT_EQ(-EFAULT, sctp_set(self->fd, SCTP_REUSE_PORT, 2));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SCTP, SCTP_REUSE_PORT, &val));
	EXPECT_EQ(1, val);
}

/* SOL_SOCKET never reaches SCTP and behaves as for any socket. */
TEST_F(opt, sol_socket)
{
	long rmax = nsctp_sysctl_long("/proc/sys/net/core/rmem_max");
	long wmax = nsctp_sysctl_long("/proc/sys/net/core/wmem_max");
	int val;

	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SOCKET, SO_REUSEADDR, 1));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_REUSEADDR, &val));
	EXPECT_EQ(1, val);
	/* The kernel doubles the buffer sizes it is given. */
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SOCKET, SO_RCVBUF, 65536));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_RCVBUF, &val));
	EXPECT_EQ(2 * (rmax < 65536 ? rmax : 65536), val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_SOCKET, SO_SNDBUF, 32768));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_SOCKET, SO_SNDBUF, &val));
	EXPECT_EQ(2 * (wmax < 32768 ? wmax : 32768), val);
}

/*
 * SOL_IP reaches the IPv4 code, also on AF_INET6 sockets, and that code
 * treats SOCK_STREAM sockets as TCP: it keeps the ECN bits of IP_TOS.
 */
TEST_F(opt, sol_ip)
{
	int val;

	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_IP, IP_TOS, 0x10));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IP, IP_TOS, &val));
	EXPECT_EQ(0x10, val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_IP, IP_TOS, 0x23));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IP, IP_TOS, &val));
	EXPECT_EQ(variant->type == SOCK_STREAM ? 0x20 : 0x23, val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_IP, IP_TTL, 33));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IP, IP_TTL, &val));
	EXPECT_EQ(33, val);
}

/* SOL_IPV6 on AF_INET6 sockets; AF_INET sockets do not know the level. */
TEST_F(opt, sol_ipv6)
{
	struct nsctp_addr lo;
	int val;

	if (variant->family == AF_INET) {
		EXPECT_EQ(-ENOPROTOOPT, nsctp_setint(self->fd, SOL_IPV6,
						     IPV6_V6ONLY, 1));
		/* The IPv4 getsockopt path answers EOPNOTSUPP instead. */
		EXPECT_EQ(-EOPNOTSUPP, nsctp_getint(self->fd, SOL_IPV6,
						    IPV6_V6ONLY, &val));
		return;
	}
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IPV6, IPV6_V6ONLY, &val));
	EXPECT_EQ(nsctp_sysctl_long("/proc/sys/net/ipv6/bindv6only"), val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_IPV6, IPV6_V6ONLY, 1));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IPV6, IPV6_V6ONLY, &val));
	EXPECT_EQ(1, val);
	ASSERT_EQ(0, nsctp_setint(self->fd, SOL_IPV6, IPV6_TCLASS, 0x28));
	ASSERT_EQ(0, nsctp_getint(self->fd, SOL_IPV6, IPV6_TCLASS, &val));
	EXPECT_EQ(0x28, val);
	/* IPV6_V6ONLY is frozen once bound. */
	nsctp_loopback(&lo, AF_INET6, 0);
	ASSERT_EQ(0, nsctp_bind(self->fd, &lo));
	EXPECT_EQ(-EINVAL, nsctp_setint(self->fd, SOL_IPV6, IPV6_V6ONLY, 0));
}

/* A level belonging to another protocol. */
TEST_F(opt, foreign_level)
{
	int val;

	EXPECT_EQ(-ENOPROTOOPT, nsctp_setint(self->fd, SOL_TCP, TCP_NODELAY, 1));
	/* IPv4 get says EOPNOTSUPP, IPv6 get ENOPROTOOPT. */
	EXPECT_EQ(variant->family == AF_INET ? -EOPNOTSUPP : -ENOPROTOOPT,
		  nsctp_getint(self->fd, SOL_TCP, TCP_NODELAY, &val));
}

/* SIOCINQ: the size of the next message, 0 with none. */
TEST_F(opt, siocinq)
{
	int val = -1;

	ASSERT_EQ(0, ioctl(self->fd, SIOCINQ, &val));
	EXPECT_EQ(0, val);
	ASSERT_EQ(0, listen(self->fd, 4));
	val = -1;
	if (one_to_many(variant)) {
		/* A listening one-to-many socket still receives. */
		ASSERT_EQ(0, ioctl(self->fd, SIOCINQ, &val));
		EXPECT_EQ(0, val);
	} else {
		/* A listening one-to-one socket has no data: ENOTCONN. */
		ASSERT_EQ(-1, ioctl(self->fd, SIOCINQ, &val));
		EXPECT_EQ(ENOTCONN, errno);
		EXPECT_EQ(-1, val);
	}
}

/*
 * Anything else SCTP does not know, SIOCOUTQ included, ends up as ENOTTY
 * (but a listening one-to-one socket is refused first, ENOTCONN).
 */
TEST_F(opt, ioctl_unknown)
{
	int val = 0;

	ASSERT_EQ(-1, ioctl(self->fd, SIOCOUTQ, &val));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(-1, ioctl(self->fd, _IOR('z', 0x42, int), &val));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(0, listen(self->fd, 4));
	ASSERT_EQ(-1, ioctl(self->fd, _IOR('z', 0x42, int), &val));
	EXPECT_EQ(one_to_many(variant) ? ENOTTY : ENOTCONN, errno);
}

TEST_HARNESS_MAIN
