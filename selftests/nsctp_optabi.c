// SPDX-License-Identifier: GPL-2.0
/*
 * The answers of some less used socket options, held to what the in-tree
 * sctp.ko of Linux 6.1 gives (default sysctls: PR-SCTP on, stream
 * reconfiguration off, no UDP encapsulation port):
 *
 *   SCTP_DEFAULT_PRINFO      lengths, policies, ids, one value with
 *                            SCTP_DEFAULT_SEND_PARAM's time to live and
 *                            its policy in the default flags
 *   SCTP_DEFAULT_SEND_PARAM  the flags they take (only UNORDERED,
 *   SCTP_DEFAULT_SNDINFO     ADDR_OVER, ABORT and EOF)
 *   SCTP_PR_ASSOC_STATUS     errnos, zero on a fresh association, and a
 *   SCTP_PR_STREAM_STATUS    message given up unsent (SCTP_PRINFO, TTL)
 *                            counted at its association and its stream
 *   SCTP_ENABLE_STREAM_RESET lengths, values, ids
 *   SCTP_REMOTE_UDP_ENCAPS_PORT  per peer address, per association and
 *                            the socket's default
 *   SCTP_RTOINFO             per association on a one-to-many socket
 *   SCTP_MAXSEG              the range a socket of each family accepts
 *   SCTP_STATUS              after data both ways, against SCTP_MAXSEG
 *
 * Each case runs on a one-to-one socket (the accept()ed end of a loopback
 * association, where the id is not looked at: the cases pass an id that
 * names nothing) and on a one-to-many listener holding two associations
 * (A and B) with one-to-one clients, where the id chooses: an
 * association, SCTP_FUTURE_ASSOC (the default for new associations),
 * SCTP_CURRENT_ASSOC (every association there is), SCTP_ALL_ASSOC (both).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>

#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE	32
#endif

/* An association id nobody has; the one-to-one cases pass it for "any". */
#define NOBODY		0x7ffffff0
#define MAX_ASSOC	3

/* SCTP_MAXSEG's bounds in-tree: a 512-byte path less the IP, common and
 * DATA chunk headers, and the largest chunk less the DATA chunk header.
 */
#define MAXSEG_MIN_V4	464
#define MAXSEG_MIN_V6	444
#define MAXSEG_MAX	65516

/* The TTL case: a filler that closes the peer's window, and the size of
 * the messages behind it.
 */
#define FILL_LEN	(1024 * 1024)
#define SMALL_LEN	300

/* A listener and the associations made with it. */
struct bed {
	int lsn;			/* listener of the variant's style */
	struct sockaddr_in addr;	/* its address */
	int cli[MAX_ASSOC];		/* one-to-one clients: the peers */
	int acc[MAX_ASSOC];		/* one-to-one: the accept()ed ends */
	sctp_assoc_t id[MAX_ASSOC];	/* one-to-many: the listener's ids */
	int n;
};

FIXTURE(oabi) {
	struct bed b;
};

FIXTURE_VARIANT(oabi) {
	int type;
};

FIXTURE_VARIANT_ADD(oabi, one_to_one) { .type = SOCK_STREAM };
FIXTURE_VARIANT_ADD(oabi, one_to_many) { .type = SOCK_SEQPACKET };

static bool one_to_many(const struct bed *b)
{
	return b->acc[0] < 0;
}

/* The socket that holds association @i on our side. */
static int afd(const struct bed *b, int i)
{
	return b->acc[i] >= 0 ? b->acc[i] : b->lsn;
}

/* The length rules of an option that takes exactly @size bytes both
 * ways, @arg (its id first): one byte short or four over is EINVAL on
 * set, a buffer one byte short EINVAL on get, and a longer one gets
 * @size back, as in-tree.
 */
static void exact_lengths(struct __test_metadata *_metadata, int fd,
			  int opt, const void *arg, socklen_t size)
{
	unsigned char big[256];
	socklen_t len;

	ASSERT_LE(size + 4, sizeof(big));
	memset(big, 0, sizeof(big));
	memcpy(big, arg, size);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, opt, big, size - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, opt, big, size + 4));
	EXPECT_EQ(EINVAL, errno);
	len = size - 1;
	EXPECT_EQ(-1, getsockopt(fd, IPPROTO_SCTP, opt, big, &len));
	EXPECT_EQ(EINVAL, errno);
	memset(big + size, 0x5a, sizeof(big) - size);
	len = sizeof(big);
	EXPECT_EQ(0, getsockopt(fd, IPPROTO_SCTP, opt, big, &len));
	EXPECT_EQ(size, len);
}

/* A blocking call on @fd gives up after @sec seconds (a stall fails). */
static void stall_guard(int fd, int sec)
{
	struct timeval tv = { .tv_sec = sec };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* The ids of @fd's associations; their number or -errno. */
static int assoc_ids(int fd, sctp_assoc_t *ids, int max)
{
	char buf[sizeof(struct sctp_assoc_ids) + 16 * sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *l = (void *)buf;
	socklen_t len = sizeof(buf);
	int i;

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, buf, &len))
		return -errno;
	for (i = 0; i < (int)l->gaids_number_of_ids && i < max; i++)
		ids[i] = l->gaids_assoc_id[i];
	return l->gaids_number_of_ids;
}

/*
 * One more client connects to the listener: the index of its association
 * (its accept()ed socket one-to-one, its id one-to-many), or -1.
 */
static int new_assoc(struct bed *b, int type)
{
	sctp_assoc_t ids[16];
	int c, i, j, k, n = -1;

	if (b->n == MAX_ASSOC)
		return -1;
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	if (c < 0)
		return -1;
	b->cli[b->n] = c;
	if (connect(c, (void *)&b->addr, sizeof(b->addr)))
		return -1;
	if (type == SOCK_STREAM) {
		stall_guard(b->lsn, 5);
		b->acc[b->n] = accept(b->lsn, NULL, NULL);
		if (b->acc[b->n] < 0)
			return -1;
		b->id[b->n] = NOBODY;
		return b->n++;
	}
	/* the listener has the association once the COOKIE ECHO is in */
	for (k = 0; k < 300; k++) {
		n = assoc_ids(b->lsn, ids, 16);
		if (n == b->n + 1)
			break;
		usleep(10000);
	}
	if (n != b->n + 1)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = 0; j < b->n; j++)
			if (ids[i] == b->id[j])
				break;
		if (j == b->n) {
			b->id[b->n] = ids[i];
			return b->n++;
		}
	}
	return -1;
}

FIXTURE_SETUP(oabi)
{
	struct bed *b = &self->b;
	socklen_t alen = sizeof(b->addr);
	int i;

	b->n = 0;
	for (i = 0; i < MAX_ASSOC; i++) {
		b->cli[i] = -1;
		b->acc[i] = -1;
	}
	b->lsn = socket(AF_INET, variant->type, IPPROTO_SCTP);
	if (b->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_LE(0, b->lsn);
	memset(&b->addr, 0, sizeof(b->addr));
	b->addr.sin_family = AF_INET;
	b->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(0, bind(b->lsn, (void *)&b->addr, alen));
	ASSERT_EQ(0, listen(b->lsn, 8));
	ASSERT_EQ(0, getsockname(b->lsn, (void *)&b->addr, &alen));
	ASSERT_EQ(0, new_assoc(b, variant->type));
	ASSERT_EQ(1, new_assoc(b, variant->type));
}

FIXTURE_TEARDOWN(oabi)
{
	struct bed *b = &self->b;
	int i;

	for (i = 0; i < MAX_ASSOC; i++) {
		if (b->acc[i] >= 0)
			close(b->acc[i]);
		if (b->cli[i] >= 0)
			close(b->cli[i]);
	}
	if (b->lsn >= 0)
		close(b->lsn);
}

/* SCTP_DEFAULT_PRINFO: 0 or -errno. */
static int prinfo_set(int fd, sctp_assoc_t id, unsigned int policy,
		      unsigned int value)
{
	struct sctp_default_prinfo pi = {
		.pr_assoc_id = id, .pr_value = value, .pr_policy = policy,
	};

	return setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pi,
			  sizeof(pi)) ? -errno : 0;
}

static int prinfo_get(int fd, sctp_assoc_t id, unsigned int *policy,
		      unsigned int *value)
{
	struct sctp_default_prinfo pi = {
		.pr_assoc_id = id, .pr_value = 0xdead, .pr_policy = 0xbeef,
	};
	socklen_t len = sizeof(pi);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pi, &len))
		return -errno;
	*policy = pi.pr_policy;
	*value = pi.pr_value;
	return len == sizeof(pi) ? 0 : -EMSGSIZE;
}

/*
 * An option's value as one number, for the id walks: set(fd, id, v) is
 * 0 or -errno, get(fd, id) the value or -errno. The DEFAULT_PRINFO one
 * is policy << 32 | pr_value.
 */
struct opt_ops {
	const char *name;
	int (*set)(int fd, sctp_assoc_t id, long long v);
	long long (*get)(int fd, sctp_assoc_t id);
};

#define PRV(policy, value)	((long long)(policy) << 32 | (value))

static int prv_set(int fd, sctp_assoc_t id, long long v)
{
	return prinfo_set(fd, id, v >> 32, v & 0xffffffff);
}

static long long prv_get(int fd, sctp_assoc_t id)
{
	unsigned int policy = 0, value = 0;
	int r = prinfo_get(fd, id, &policy, &value);

	return r ? r : PRV(policy, value);
}

/* struct sctp_assoc_value set/get: 0 or -errno. */
static int av_set(int fd, int opt, sctp_assoc_t id, unsigned int val)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = val };

	return setsockopt(fd, IPPROTO_SCTP, opt, &av, sizeof(av)) ? -errno : 0;
}

static long long av_get(int fd, int opt, sctp_assoc_t id)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = 0xdead };
	socklen_t len = sizeof(av);

	if (getsockopt(fd, IPPROTO_SCTP, opt, &av, &len))
		return -errno;
	return len == sizeof(av) ? (long long)av.assoc_value : -EMSGSIZE;
}

static int srs_set(int fd, sctp_assoc_t id, long long v)
{
	return av_set(fd, SCTP_ENABLE_STREAM_RESET, id, v);
}

static long long srs_get(int fd, sctp_assoc_t id)
{
	return av_get(fd, SCTP_ENABLE_STREAM_RESET, id);
}

static const struct opt_ops prinfo_ops = {
	"SCTP_DEFAULT_PRINFO", prv_set, prv_get,
};

static const struct opt_ops srs_ops = {
	"SCTP_ENABLE_STREAM_RESET", srs_set, srs_get,
};

/*
 * The ids on the one-to-many listener: A's id, CURRENT, FUTURE (then a
 * third association C, which starts from the default), ALL; an id above
 * SCTP_ALL_ASSOC that names no association is refused by set and get,
 * CURRENT and ALL by get; a negative id names nothing either, and set
 * takes it and changes nothing. @v: four values, none @dflt.
 */
static void ids_one_to_many(struct __test_metadata *_metadata,
			    struct bed *b, const struct opt_ops *o,
			    long long dflt, const long long v[4])
{
	int fd = b->lsn, c;
	sctp_assoc_t ida = b->id[0], idb = b->id[1];

	TH_LOG("%s", o->name);
	EXPECT_EQ(dflt, o->get(fd, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(dflt, o->get(fd, ida));
	EXPECT_EQ(dflt, o->get(fd, idb));

	EXPECT_EQ(0, o->set(fd, ida, v[0]));
	EXPECT_EQ(v[0], o->get(fd, ida));
	EXPECT_EQ(dflt, o->get(fd, idb));
	EXPECT_EQ(dflt, o->get(fd, SCTP_FUTURE_ASSOC));

	EXPECT_EQ(0, o->set(fd, SCTP_CURRENT_ASSOC, v[1]));
	EXPECT_EQ(v[1], o->get(fd, ida));
	EXPECT_EQ(v[1], o->get(fd, idb));
	EXPECT_EQ(dflt, o->get(fd, SCTP_FUTURE_ASSOC));

	EXPECT_EQ(0, o->set(fd, SCTP_FUTURE_ASSOC, v[2]));
	EXPECT_EQ(v[2], o->get(fd, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(v[1], o->get(fd, ida));
	EXPECT_EQ(v[1], o->get(fd, idb));
	c = new_assoc(b, SOCK_SEQPACKET);
	ASSERT_EQ(2, c);
	EXPECT_EQ(v[2], o->get(fd, b->id[c]));

	EXPECT_EQ(0, o->set(fd, SCTP_ALL_ASSOC, v[3]));
	EXPECT_EQ(v[3], o->get(fd, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(v[3], o->get(fd, ida));
	EXPECT_EQ(v[3], o->get(fd, idb));
	EXPECT_EQ(v[3], o->get(fd, b->id[c]));

	EXPECT_EQ(-EINVAL, o->set(fd, NOBODY, v[0]));
	EXPECT_EQ(0, o->set(fd, -5, v[0]));
	EXPECT_EQ(-EINVAL, o->get(fd, NOBODY));
	EXPECT_EQ(-EINVAL, o->get(fd, SCTP_CURRENT_ASSOC));
	EXPECT_EQ(-EINVAL, o->get(fd, SCTP_ALL_ASSOC));
	EXPECT_EQ(-EINVAL, o->get(fd, -5));
	/* none of them changed anything */
	EXPECT_EQ(v[3], o->get(fd, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(v[3], o->get(fd, ida));
	EXPECT_EQ(v[3], o->get(fd, idb));
	EXPECT_EQ(v[3], o->get(fd, b->id[c]));
}

/*
 * One-to-one: an accept()ed socket's association answers whatever the
 * id; the other association keeps its value. The listener has no
 * association: any id is its default, which a new association starts
 * from (read on its accept()ed socket).
 */
static void ids_one_to_one(struct __test_metadata *_metadata,
			   struct bed *b, const struct opt_ops *o,
			   long long dflt, const long long v[4])
{
	int fa = b->acc[0], fb = b->acc[1], c;

	TH_LOG("%s", o->name);
	EXPECT_EQ(dflt, o->get(fa, NOBODY));
	EXPECT_EQ(dflt, o->get(b->lsn, SCTP_FUTURE_ASSOC));

	EXPECT_EQ(0, o->set(fa, NOBODY, v[0]));
	EXPECT_EQ(v[0], o->get(fa, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(v[0], o->get(fa, SCTP_CURRENT_ASSOC));
	EXPECT_EQ(v[0], o->get(fa, SCTP_ALL_ASSOC));
	EXPECT_EQ(v[0], o->get(fa, NOBODY));
	EXPECT_EQ(0, o->set(fa, SCTP_FUTURE_ASSOC, v[1]));
	EXPECT_EQ(v[1], o->get(fa, NOBODY));
	EXPECT_EQ(dflt, o->get(fb, NOBODY));
	EXPECT_EQ(dflt, o->get(b->lsn, SCTP_FUTURE_ASSOC));

	EXPECT_EQ(0, o->set(b->lsn, NOBODY, v[2]));
	EXPECT_EQ(v[2], o->get(b->lsn, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(v[2], o->get(b->lsn, NOBODY));
	EXPECT_EQ(0, o->set(b->lsn, SCTP_CURRENT_ASSOC, v[3]));
	EXPECT_EQ(v[3], o->get(b->lsn, SCTP_ALL_ASSOC));
	c = new_assoc(b, SOCK_STREAM);
	ASSERT_EQ(2, c);
	EXPECT_EQ(v[3], o->get(b->acc[c], NOBODY));
	EXPECT_EQ(v[1], o->get(fa, NOBODY));
	EXPECT_EQ(dflt, o->get(fb, NOBODY));
}

static void ids_walk(struct __test_metadata *_metadata,
		     struct bed *b, const struct opt_ops *o,
		     long long dflt, const long long v[4])
{
	if (one_to_many(b))
		ids_one_to_many(_metadata, b, o, dflt, v);
	else
		ids_one_to_one(_metadata, b, o, dflt, v);
}

/*
 * SCTP_DEFAULT_PRINFO: exactly its size to set, at least to get (which
 * writes its size back); a policy is NONE, TTL, RTX or PRIO (bits
 * outside SCTP_PR_SCTP_MASK refused); NONE takes no value.
 */
TEST_F(oabi, default_prinfo_lengths_policies)
{
	struct bed *b = &self->b;
	static const unsigned int bad[] = {
		0x0001, 0x0008, SCTP_SENDALL, SCTP_PR_SCTP_ALL,
		SCTP_PR_SCTP_TTL | 0x0100, 0x8000, 0xffff,
	};
	struct sctp_default_prinfo pi;
	int fd = afd(b, 0);
	sctp_assoc_t id = b->id[0];
	unsigned int p, v, i;

	SETUP_SKIPPED_RETURN();
	EXPECT_EQ(PRV(SCTP_PR_SCTP_NONE, 0), prv_get(fd, id));
	memset(&pi, 0, sizeof(pi));
	pi.pr_assoc_id = id;
	pi.pr_policy = SCTP_PR_SCTP_TTL;
	pi.pr_value = 10;
	exact_lengths(_metadata, fd, SCTP_DEFAULT_PRINFO, &pi, sizeof(pi));
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, NULL,
				 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(PRV(SCTP_PR_SCTP_NONE, 0), prv_get(fd, id));

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, prinfo_set(fd, id, bad[i], 10))
			TH_LOG("policy 0x%x", bad[i]);
	}
	EXPECT_EQ(PRV(SCTP_PR_SCTP_NONE, 0), prv_get(fd, id));

	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_TTL, 1500));
	EXPECT_EQ(PRV(SCTP_PR_SCTP_TTL, 1500), prv_get(fd, id));
	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_RTX, 2));
	EXPECT_EQ(PRV(SCTP_PR_SCTP_RTX, 2), prv_get(fd, id));
	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_PRIO, 0xfffffffe));
	EXPECT_EQ(PRV(SCTP_PR_SCTP_PRIO, 0xfffffffe), prv_get(fd, id));
	/* a refused policy leaves the value as it was */
	EXPECT_EQ(-EINVAL, prinfo_set(fd, id, 0x0040, 7));
	EXPECT_EQ(PRV(SCTP_PR_SCTP_PRIO, 0xfffffffe), prv_get(fd, id));
	/* NONE drops the value */
	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_NONE, 500));
	ASSERT_EQ(0, prinfo_get(fd, id, &p, &v));
	EXPECT_EQ(SCTP_PR_SCTP_NONE, p);
	EXPECT_EQ(0, v);
	/* the socket's default too */
	EXPECT_EQ(0, prinfo_set(b->lsn, SCTP_FUTURE_ASSOC,
				SCTP_PR_SCTP_NONE, 700));
	EXPECT_EQ(PRV(SCTP_PR_SCTP_NONE, 0),
		  prv_get(b->lsn, SCTP_FUTURE_ASSOC));
}

TEST_F(oabi, default_prinfo_ids)
{
	struct bed *b = &self->b;
	static const long long v[4] = {
		PRV(SCTP_PR_SCTP_TTL, 100), PRV(SCTP_PR_SCTP_RTX, 3),
		PRV(SCTP_PR_SCTP_PRIO, 7), PRV(SCTP_PR_SCTP_TTL, 250),
	};

	SETUP_SKIPPED_RETURN();
	ids_walk(_metadata, b, &prinfo_ops, PRV(SCTP_PR_SCTP_NONE, 0), v);
}

static int sendparam_set(int fd, sctp_assoc_t id, unsigned int stream,
			 unsigned int flags, unsigned int ttl)
{
	struct sctp_sndrcvinfo si = {
		.sinfo_assoc_id = id, .sinfo_stream = stream,
		.sinfo_flags = flags, .sinfo_timetolive = ttl,
		.sinfo_ppid = htonl(42),
	};

	return setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &si,
			  sizeof(si)) ? -errno : 0;
}

static int sendparam_get(int fd, sctp_assoc_t id, struct sctp_sndrcvinfo *si)
{
	socklen_t len = sizeof(*si);

	memset(si, 0, sizeof(*si));
	si->sinfo_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, si, &len))
		return -errno;
	return len == sizeof(*si) ? 0 : -EMSGSIZE;
}

static int sndinfo_set(int fd, sctp_assoc_t id, unsigned int sid,
		       unsigned int flags)
{
	struct sctp_sndinfo si = {
		.snd_assoc_id = id, .snd_sid = sid, .snd_flags = flags,
		.snd_ppid = htonl(43),
	};

	return setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si,
			  sizeof(si)) ? -errno : 0;
}

/* snd_flags, or -errno */
static long long sndinfo_flags(int fd, sctp_assoc_t id)
{
	struct sctp_sndinfo si = { .snd_assoc_id = id };
	socklen_t len = sizeof(si);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, &len))
		return -errno;
	return len == sizeof(si) ? (long long)si.snd_flags : -EMSGSIZE;
}

/*
 * DEFAULT_PRINFO's value is SCTP_DEFAULT_SEND_PARAM's sinfo_timetolive
 * and its policy sits in the default flags, where both send parameter
 * options show it; setting either of those replaces the flags, the
 * policy with them, and only DEFAULT_SEND_PARAM the time to live. The
 * flags read back with a policy in them are refused by set.
 */
static void prinfo_shares(struct __test_metadata *_metadata, int fd,
			  sctp_assoc_t id)
{
	struct sctp_sndrcvinfo si;
	unsigned int p, v;

	EXPECT_EQ(0, sndinfo_set(fd, id, 1, SCTP_UNORDERED));
	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_TTL, 1234));
	ASSERT_EQ(0, sendparam_get(fd, id, &si));
	EXPECT_EQ(SCTP_UNORDERED | SCTP_PR_SCTP_TTL, si.sinfo_flags);
	EXPECT_EQ(1234, si.sinfo_timetolive);
	EXPECT_EQ(1, si.sinfo_stream);
	EXPECT_EQ(htonl(43), si.sinfo_ppid);
	EXPECT_EQ(SCTP_UNORDERED | SCTP_PR_SCTP_TTL, sndinfo_flags(fd, id));

	/* what was read back cannot be written back */
	EXPECT_EQ(-EINVAL, setsockopt(fd, IPPROTO_SCTP,
				      SCTP_DEFAULT_SEND_PARAM, &si,
				      sizeof(si)) ? -errno : 0);
	EXPECT_EQ(PRV(SCTP_PR_SCTP_TTL, 1234), prv_get(fd, id));

	/* SNDINFO: new flags, no policy; the value stays */
	EXPECT_EQ(0, sndinfo_set(fd, id, 2, 0));
	ASSERT_EQ(0, prinfo_get(fd, id, &p, &v));
	EXPECT_EQ(SCTP_PR_SCTP_NONE, p);
	EXPECT_EQ(1234, v);

	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_RTX, 3));
	ASSERT_EQ(0, sendparam_get(fd, id, &si));
	EXPECT_EQ(SCTP_PR_SCTP_RTX, si.sinfo_flags);
	EXPECT_EQ(3, si.sinfo_timetolive);
	EXPECT_EQ(2, si.sinfo_stream);

	/* DEFAULT_SEND_PARAM: flags and time to live both replaced */
	EXPECT_EQ(0, sendparam_set(fd, id, 3, SCTP_ADDR_OVER, 77));
	ASSERT_EQ(0, prinfo_get(fd, id, &p, &v));
	EXPECT_EQ(SCTP_PR_SCTP_NONE, p);
	EXPECT_EQ(77, v);
	EXPECT_EQ(SCTP_ADDR_OVER, sndinfo_flags(fd, id));

	/* a NONE policy clears both */
	EXPECT_EQ(0, sendparam_set(fd, id, 3, SCTP_UNORDERED, 88));
	EXPECT_EQ(0, prinfo_set(fd, id, SCTP_PR_SCTP_NONE, 99));
	ASSERT_EQ(0, sendparam_get(fd, id, &si));
	EXPECT_EQ(SCTP_UNORDERED, si.sinfo_flags);
	EXPECT_EQ(0, si.sinfo_timetolive);
}

TEST_F(oabi, default_prinfo_shares_send_param)
{
	struct bed *b = &self->b;
	struct sctp_sndrcvinfo si;

	SETUP_SKIPPED_RETURN();
	TH_LOG("association");
	prinfo_shares(_metadata, afd(b, 0), b->id[0]);
	TH_LOG("socket default");
	prinfo_shares(_metadata, b->lsn, SCTP_FUTURE_ASSOC);
	/* association B saw none of it */
	ASSERT_EQ(0, sendparam_get(afd(b, 1), b->id[1], &si));
	EXPECT_EQ(0, si.sinfo_flags);
	EXPECT_EQ(0, si.sinfo_timetolive);
	EXPECT_EQ(0, si.sinfo_stream);
}

/*
 * Default send flags are UNORDERED, ADDR_OVER, ABORT and EOF, nothing
 * else: neither SACK_IMMEDIATELY nor SENDALL nor a PR-SCTP policy bit
 * (those go in a cmsg), as set on an association and as the default.
 */
static void send_flags(struct __test_metadata *_metadata, int fd,
		       sctp_assoc_t id)
{
	static const unsigned int bad[] = {
		SCTP_SACK_IMMEDIATELY, SCTP_SENDALL, SCTP_PR_SCTP_TTL,
		SCTP_PR_SCTP_RTX, SCTP_PR_SCTP_PRIO, SCTP_PR_SCTP_ALL,
		SCTP_NOTIFICATION, 0x0100, 0x0400,
		SCTP_UNORDERED | SCTP_SACK_IMMEDIATELY,
	};
	const unsigned int good = SCTP_UNORDERED | SCTP_ADDR_OVER |
				  SCTP_ABORT | SCTP_EOF;
	struct sctp_sndrcvinfo si;
	struct sctp_sndinfo sn = { .snd_assoc_id = id };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, sendparam_set(fd, id, 1, bad[i], 0))
			TH_LOG("DEFAULT_SEND_PARAM flags 0x%x", bad[i]);
		EXPECT_EQ(-EINVAL, sndinfo_set(fd, id, 1, bad[i]))
			TH_LOG("DEFAULT_SNDINFO flags 0x%x", bad[i]);
	}
	ASSERT_EQ(0, sendparam_get(fd, id, &si));
	EXPECT_EQ(0, si.sinfo_flags);
	EXPECT_EQ(0, si.sinfo_stream);

	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &sn,
				 sizeof(sn) - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM,
				 &si, sizeof(si) - 1));
	EXPECT_EQ(EINVAL, errno);

	EXPECT_EQ(0, sendparam_set(fd, id, 4, good, 0));
	EXPECT_EQ(good, sndinfo_flags(fd, id));
	EXPECT_EQ(0, sndinfo_set(fd, id, 5, SCTP_EOF | SCTP_ABORT));
	ASSERT_EQ(0, sendparam_get(fd, id, &si));
	EXPECT_EQ(SCTP_EOF | SCTP_ABORT, si.sinfo_flags);
	EXPECT_EQ(5, si.sinfo_stream);
	EXPECT_EQ(0, sndinfo_set(fd, id, 0, 0));
}

TEST_F(oabi, send_param_flags_refused)
{
	struct bed *b = &self->b;

	SETUP_SKIPPED_RETURN();
	TH_LOG("association");
	send_flags(_metadata, afd(b, 0), b->id[0]);
	TH_LOG("socket default");
	send_flags(_metadata, b->lsn, SCTP_FUTURE_ASSOC);
}

/* SCTP_PR_ASSOC_STATUS or SCTP_PR_STREAM_STATUS in @len bytes: 0 (the
 * counters in *@ps) or -errno; a length other than the struct's written
 * back is -EMSGSIZE.
 */
static int prstat(int fd, int opt, sctp_assoc_t id, unsigned int sid,
		  unsigned int policy, struct sctp_prstatus *ps,
		  socklen_t len)
{
	union {
		struct sctp_prstatus ps;
		char b[sizeof(struct sctp_prstatus) + 16];
	} u;

	memset(&u, 0, sizeof(u));
	u.ps.sprstat_assoc_id = id;
	u.ps.sprstat_sid = sid;
	u.ps.sprstat_policy = policy;
	u.ps.sprstat_abandoned_unsent = 0xdeadbeef;
	u.ps.sprstat_abandoned_sent = 0xdeadbeef;
	if (getsockopt(fd, IPPROTO_SCTP, opt, &u, &len))
		return -errno;
	memcpy(ps, &u.ps, sizeof(*ps));
	return len == sizeof(*ps) ? 0 : -EMSGSIZE;
}

/* The counters of one policy: unsent << 32 | sent, or -errno. */
static long long prcount(int fd, int opt, sctp_assoc_t id, unsigned int sid,
			 unsigned int policy)
{
	struct sctp_prstatus ps;
	int r = prstat(fd, opt, id, sid, policy, &ps, sizeof(ps));

	if (r)
		return r;
	if (ps.sprstat_abandoned_unsent > 0x7fffffff ||
	    ps.sprstat_abandoned_sent > 0xffffffff)
		return -ERANGE;
	return (long long)ps.sprstat_abandoned_unsent << 32 |
	       ps.sprstat_abandoned_sent;
}

static int outstreams(int fd, sctp_assoc_t id)
{
	struct sctp_status st = { .sstat_assoc_id = id };
	socklen_t len = sizeof(st);

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
		return -errno;
	return st.sstat_outstrms;
}

/*
 * PR_ASSOC_STATUS and PR_STREAM_STATUS: read only; the struct's size at
 * least; a policy is one of TTL, RTX, PRIO, or SCTP_PR_SCTP_ALL alone;
 * an association is needed (one-to-many: its id; one-to-one: any id on
 * a connected socket); the stream one of the outbound streams.
 */
TEST_F(oabi, pr_status_errors)
{
	struct bed *b = &self->b;
	static const unsigned int bad[] = {
		0, 0x0001, 0x0008, 0x0040, 0x0100, 0x8000,
		SCTP_PR_SCTP_ALL | SCTP_PR_SCTP_TTL,
		SCTP_PR_SCTP_ALL | SCTP_PR_SCTP_PRIO,
		SCTP_PR_SCTP_TTL | 0x0040,
	};
	static const int opts[] = {
		SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS,
	};
	int fd = afd(b, 0), o, out, other;
	sctp_assoc_t id = b->id[0];
	struct sctp_prstatus ps;
	unsigned int i;

	SETUP_SKIPPED_RETURN();
	out = outstreams(fd, id);
	ASSERT_LT(1, out);
	other = socket(AF_INET, one_to_many(b) ? SOCK_SEQPACKET :
		       SOCK_STREAM, IPPROTO_SCTP);
	ASSERT_LE(0, other);
	for (o = 0; o < 2; o++) {
		int opt = opts[o];

		TH_LOG("%s", o ? "SCTP_PR_STREAM_STATUS" :
		       "SCTP_PR_ASSOC_STATUS");
		memset(&ps, 0, sizeof(ps));
		EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, opt, &ps,
					 sizeof(ps)));
		EXPECT_EQ(ENOPROTOOPT, errno);

		EXPECT_EQ(0, prstat(fd, opt, id, 0, SCTP_PR_SCTP_TTL, &ps,
				    sizeof(ps)));
		EXPECT_EQ(0, prstat(fd, opt, id, 0, SCTP_PR_SCTP_TTL, &ps,
				    sizeof(ps) + 16));
		EXPECT_EQ(-EINVAL, prstat(fd, opt, id, 0, SCTP_PR_SCTP_TTL,
					  &ps, sizeof(ps) - 1));
		EXPECT_EQ(-EINVAL, prstat(fd, opt, id, 0, SCTP_PR_SCTP_TTL,
					  &ps, 0));
		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			EXPECT_EQ(-EINVAL, prstat(fd, opt, id, 0, bad[i], &ps,
						  sizeof(ps)))
				TH_LOG("policy 0x%x", bad[i]);
		}

		/* no association */
		EXPECT_EQ(-EINVAL, prstat(other, opt, SCTP_FUTURE_ASSOC, 0,
					  SCTP_PR_SCTP_TTL, &ps, sizeof(ps)));
		if (one_to_many(b)) {
			EXPECT_EQ(-EINVAL, prstat(fd, opt, NOBODY, 0,
						  SCTP_PR_SCTP_TTL, &ps,
						  sizeof(ps)));
			EXPECT_EQ(-EINVAL, prstat(fd, opt, SCTP_FUTURE_ASSOC, 0,
						  SCTP_PR_SCTP_ALL, &ps,
						  sizeof(ps)));
			EXPECT_EQ(-EINVAL, prstat(fd, opt, SCTP_CURRENT_ASSOC,
						  0, SCTP_PR_SCTP_TTL, &ps,
						  sizeof(ps)));
			EXPECT_EQ(-EINVAL, prstat(fd, opt, SCTP_ALL_ASSOC, 0,
						  SCTP_PR_SCTP_TTL, &ps,
						  sizeof(ps)));
			/* another socket's association */
			EXPECT_EQ(-EINVAL, prstat(other, opt, id, 0,
						  SCTP_PR_SCTP_TTL, &ps,
						  sizeof(ps)));
		} else {
			/* the listener has none */
			EXPECT_EQ(-EINVAL, prstat(b->lsn, opt,
						  SCTP_FUTURE_ASSOC, 0,
						  SCTP_PR_SCTP_TTL, &ps,
						  sizeof(ps)));
			EXPECT_EQ(0, prstat(fd, opt, SCTP_ALL_ASSOC, 0,
					    SCTP_PR_SCTP_TTL, &ps,
					    sizeof(ps)));
		}
	}

	/* the stream: one of the association's outbound streams */
	EXPECT_EQ(0, prstat(fd, SCTP_PR_STREAM_STATUS, id, out - 1,
			    SCTP_PR_SCTP_ALL, &ps, sizeof(ps)));
	EXPECT_EQ(-EINVAL, prstat(fd, SCTP_PR_STREAM_STATUS, id, out,
				  SCTP_PR_SCTP_ALL, &ps, sizeof(ps)));
	EXPECT_EQ(-EINVAL, prstat(fd, SCTP_PR_STREAM_STATUS, id, 0xffff,
				  SCTP_PR_SCTP_TTL, &ps, sizeof(ps)));
	/* the association's counters do not look at the stream */
	EXPECT_EQ(0, prstat(fd, SCTP_PR_ASSOC_STATUS, id, 0xffff,
			    SCTP_PR_SCTP_TTL, &ps, sizeof(ps)));
	close(other);
}

/* A fresh association has given nothing up, under any policy, at the
 * association and at each stream; the request's id, stream and policy
 * come back as they went.
 */
TEST_F(oabi, pr_status_fresh_zero)
{
	struct bed *b = &self->b;
	static const unsigned int pol[] = {
		SCTP_PR_SCTP_TTL, SCTP_PR_SCTP_RTX, SCTP_PR_SCTP_PRIO,
		SCTP_PR_SCTP_ALL,
	};
	int fd = afd(b, 0), out, s;
	sctp_assoc_t id = b->id[0];
	struct sctp_prstatus ps;
	unsigned int i;

	SETUP_SKIPPED_RETURN();
	out = outstreams(fd, id);
	ASSERT_LT(1, out);
	for (i = 0; i < ARRAY_SIZE(pol); i++) {
		ASSERT_EQ(0, prstat(fd, SCTP_PR_ASSOC_STATUS, id, 0, pol[i],
				    &ps, sizeof(ps)));
		EXPECT_EQ(0, ps.sprstat_abandoned_unsent);
		EXPECT_EQ(0, ps.sprstat_abandoned_sent);
		EXPECT_EQ(id, ps.sprstat_assoc_id);
		EXPECT_EQ(pol[i], ps.sprstat_policy);
		for (s = 0; s < out; s += out - 1) {
			ASSERT_EQ(0, prstat(fd, SCTP_PR_STREAM_STATUS, id, s,
					    pol[i], &ps, sizeof(ps)));
			EXPECT_EQ(0, ps.sprstat_abandoned_unsent);
			EXPECT_EQ(0, ps.sprstat_abandoned_sent);
			EXPECT_EQ(s, ps.sprstat_sid);
			EXPECT_EQ(pol[i], ps.sprstat_policy);
		}
		/* the other association, and the peer's end */
		EXPECT_EQ(0, prcount(afd(b, 1), SCTP_PR_ASSOC_STATUS,
				     b->id[1], 0, pol[i]));
		EXPECT_EQ(0, prcount(b->cli[0], SCTP_PR_STREAM_STATUS,
				     SCTP_FUTURE_ASSOC, 0, pol[i]));
	}
}

/* sendmsg() on stream @sid of association @id with SCTP_SNDINFO and,
 * unless @policy is NONE, SCTP_PRINFO.
 */
static ssize_t send_pr(int fd, sctp_assoc_t id, const void *buf, size_t len,
		       unsigned int sid, unsigned int policy,
		       unsigned int value)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndinfo)) +
		  CMSG_SPACE(sizeof(struct sctp_prinfo))];
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct sctp_sndinfo sn = {
		.snd_sid = sid, .snd_ppid = htonl(sid), .snd_assoc_id = id,
	};
	struct sctp_prinfo pr = { .pr_policy = policy, .pr_value = value };
	struct cmsghdr *c;

	memset(cbuf, 0, sizeof(cbuf));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDINFO;
	c->cmsg_len = CMSG_LEN(sizeof(sn));
	memcpy(CMSG_DATA(c), &sn, sizeof(sn));
	if (policy == SCTP_PR_SCTP_NONE) {
		m.msg_controllen = CMSG_SPACE(sizeof(sn));
	} else {
		c = CMSG_NXTHDR(&m, c);
		c->cmsg_level = IPPROTO_SCTP;
		c->cmsg_type = SCTP_PRINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pr));
		memcpy(CMSG_DATA(c), &pr, sizeof(pr));
	}
	return sendmsg(fd, &m, 0);
}

/*
 * Read one whole message (recvmsg() until MSG_EOR, notifications
 * skipped) into @buf: its length, -1 on error or stall, -2 if it does not
 * fit. *@sid: its stream (SCTP_RCVINFO, which must be on), *@id its
 * association.
 */
static ssize_t read_msg(int fd, unsigned char *buf, size_t cap,
			unsigned int *sid, sctp_assoc_t *id)
{
	size_t got = 0;

	*sid = 0xffff;
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(struct sctp_rcvinfo)) + 64];
		struct iovec iov = {
			.iov_base = buf + got, .iov_len = cap - got,
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
		if (m.msg_flags & MSG_NOTIFICATION)
			continue;
		for (c = CMSG_FIRSTHDR(&m); c && !got; c = CMSG_NXTHDR(&m, c))
			if (c->cmsg_level == IPPROTO_SCTP &&
			    c->cmsg_type == SCTP_RCVINFO) {
				struct sctp_rcvinfo ri;

				memcpy(&ri, CMSG_DATA(c), sizeof(ri));
				*sid = ri.rcv_sid;
				*id = ri.rcv_assoc_id;
			}
		got += n;
		if (m.msg_flags & MSG_EOR)
			return got;
	}
}

/*
 * A message sent with SCTP_PRINFO {TTL, 100 ms} waits behind a filler
 * that closes the peer's window while the peer reads nothing; its
 * lifetime ends before the window opens, so it is given up unsent:
 * SCTP_PR_ASSOC_STATUS and SCTP_PR_STREAM_STATUS (its stream) count it
 * under TTL and ALL, as unsent; the filler's stream and the stream of a
 * message sent after it count nothing, nor do the other policies. The
 * peer gets the filler and the last message, byte for byte, and nothing
 * else.
 */
TEST_F(oabi, pr_ttl_abandoned_unsent)
{
	struct bed *b = &self->b;
	static unsigned char big[FILL_LEN], rbuf[FILL_LEN + 1];
	unsigned char small[SMALL_LEN];
	int fd = afd(b, 0), peer = b->cli[0], on = 1, i;
	int sz = 8 << 20;
	sctp_assoc_t id = b->id[0], rid;
	struct pollfd p = { .fd = peer, .events = POLLIN };
	long long ttl, all;
	unsigned int sid;
	ssize_t n;

	SETUP_SKIPPED_RETURN();
	ASSERT_LT(3, outstreams(fd, id));
	ASSERT_EQ(0, setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz,
				sizeof(sz)));
	ASSERT_EQ(0, setsockopt(peer, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on,
				sizeof(on)));
	stall_guard(fd, 5);
	stall_guard(peer, 5);

	nsctp_fill(big, 1, sizeof(big));
	ASSERT_EQ((ssize_t)sizeof(big), send_pr(fd, id, big, sizeof(big), 1,
						SCTP_PR_SCTP_NONE, 0));
	nsctp_fill(small, 2, sizeof(small));
	ASSERT_EQ((ssize_t)sizeof(small),
		  send_pr(fd, id, small, sizeof(small), 2, SCTP_PR_SCTP_TTL,
			  100));
	nsctp_fill(small, 3, sizeof(small));
	ASSERT_EQ((ssize_t)sizeof(small),
		  send_pr(fd, id, small, sizeof(small), 3, SCTP_PR_SCTP_NONE,
			  0));
	usleep(600000);

	n = read_msg(peer, rbuf, sizeof(rbuf), &sid, &rid);
	ASSERT_EQ((ssize_t)sizeof(big), n);
	EXPECT_EQ(1, sid);
	EXPECT_EQ(-1, nsctp_check(rbuf, 1, sizeof(big)));
	n = read_msg(peer, rbuf, sizeof(rbuf), &sid, &rid);
	ASSERT_EQ((ssize_t)sizeof(small), n);
	EXPECT_EQ(3, sid)
		TH_LOG("the message with 100 ms to live was delivered");
	EXPECT_EQ(-1, nsctp_check(rbuf, 3, sizeof(small)));
	EXPECT_EQ(0, poll(&p, 1, 200));

	/* counted when the sender came to it: by now */
	for (i = 0; i < 100; i++) {
		ttl = prcount(fd, SCTP_PR_ASSOC_STATUS, id, 0,
			      SCTP_PR_SCTP_TTL);
		if (ttl != 0)
			break;
		usleep(10000);
	}
	ASSERT_LE(0, ttl);
	TH_LOG("TTL at the association: unsent %lld, sent %lld",
	       ttl >> 32, ttl & 0xffffffff);
	EXPECT_LE(1, ttl >> 32);
	EXPECT_EQ(0, ttl & 0xffffffff);
	all = prcount(fd, SCTP_PR_ASSOC_STATUS, id, 0, SCTP_PR_SCTP_ALL);
	EXPECT_EQ(ttl, all);
	EXPECT_EQ(0, prcount(fd, SCTP_PR_ASSOC_STATUS, id, 0,
			     SCTP_PR_SCTP_RTX));
	EXPECT_EQ(0, prcount(fd, SCTP_PR_ASSOC_STATUS, id, 0,
			     SCTP_PR_SCTP_PRIO));

	EXPECT_EQ(ttl, prcount(fd, SCTP_PR_STREAM_STATUS, id, 2,
			       SCTP_PR_SCTP_TTL));
	EXPECT_EQ(ttl, prcount(fd, SCTP_PR_STREAM_STATUS, id, 2,
			       SCTP_PR_SCTP_ALL));
	EXPECT_EQ(0, prcount(fd, SCTP_PR_STREAM_STATUS, id, 2,
			     SCTP_PR_SCTP_RTX));
	/* stream 0 carried nothing, 1 the filler, 3 the last message */
	for (i = 0; i <= 3; i++) {
		if (i == 2)
			continue;
		EXPECT_EQ(0, prcount(fd, SCTP_PR_STREAM_STATUS, id, i,
				     SCTP_PR_SCTP_TTL))
			TH_LOG("stream %d", i);
		EXPECT_EQ(0, prcount(fd, SCTP_PR_STREAM_STATUS, id, i,
				     SCTP_PR_SCTP_ALL))
			TH_LOG("stream %d", i);
	}
	/* nor did the other association give anything up */
	EXPECT_EQ(0, prcount(afd(b, 1), SCTP_PR_ASSOC_STATUS, b->id[1],
			     0, SCTP_PR_SCTP_ALL));
}

/*
 * SCTP_ENABLE_STREAM_RESET: a struct sctp_assoc_value, exactly its size
 * to set, at least to get; any of the three request bits, nothing else;
 * 0 by default (net.sctp.reconf_enable does not matter here).
 */
TEST_F(oabi, stream_reset_values)
{
	struct bed *b = &self->b;
	static const unsigned int bad[] = {
		0x08, 0x10, SCTP_ENABLE_STRRESET_MASK + 1, 0x80000000,
		0xffffffff,
	};
	struct sctp_assoc_value av;
	int fd = afd(b, 0);
	sctp_assoc_t id = b->id[0];
	unsigned int i;

	SETUP_SKIPPED_RETURN();
	EXPECT_EQ(0, srs_get(fd, id));
	EXPECT_EQ(0, srs_get(b->lsn, SCTP_FUTURE_ASSOC));
	av.assoc_id = id;
	av.assoc_value = SCTP_ENABLE_RESET_STREAM_REQ;
	exact_lengths(_metadata, fd, SCTP_ENABLE_STREAM_RESET, &av,
		      sizeof(av));
	EXPECT_EQ(0, srs_get(fd, id));

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, srs_set(fd, id, bad[i]))
			TH_LOG("value 0x%x", bad[i]);
		EXPECT_EQ(-EINVAL, srs_set(b->lsn, SCTP_FUTURE_ASSOC,
					   bad[i]))
			TH_LOG("value 0x%x", bad[i]);
	}
	EXPECT_EQ(0, srs_get(fd, id));

	for (i = 0; i <= SCTP_ENABLE_STRRESET_MASK; i++) {
		EXPECT_EQ(0, srs_set(fd, id, i));
		EXPECT_EQ(i, srs_get(fd, id));
	}
	EXPECT_EQ(0, srs_set(b->lsn, SCTP_FUTURE_ASSOC,
			     SCTP_ENABLE_CHANGE_ASSOC_REQ));
	EXPECT_EQ(SCTP_ENABLE_CHANGE_ASSOC_REQ,
		  srs_get(b->lsn, SCTP_FUTURE_ASSOC));
	EXPECT_EQ(SCTP_ENABLE_STRRESET_MASK, srs_get(fd, id));
	EXPECT_EQ(0, srs_get(afd(b, 1), b->id[1]));
}

TEST_F(oabi, stream_reset_ids)
{
	struct bed *b = &self->b;
	static const long long v[4] = {
		SCTP_ENABLE_RESET_STREAM_REQ, SCTP_ENABLE_RESET_ASSOC_REQ,
		SCTP_ENABLE_CHANGE_ASSOC_REQ, SCTP_ENABLE_STRRESET_MASK,
	};

	SETUP_SKIPPED_RETURN();
	ids_walk(_metadata, b, &srs_ops, 0, v);
}

/* SCTP_REMOTE_UDP_ENCAPS_PORT with the address @addr (NULL: none, all
 * zero): 0 or -errno. The port is taken and given back as it is.
 */
static int encap_set(int fd, sctp_assoc_t id, const void *addr,
		     socklen_t alen, unsigned int port)
{
	struct sctp_udpencaps ue;

	memset(&ue, 0, sizeof(ue));
	ue.sue_assoc_id = id;
	if (addr)
		memcpy(&ue.sue_address, addr, alen);
	ue.sue_port = port;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &ue,
			  sizeof(ue)) ? -errno : 0;
}

/* The port, or -errno. */
static long long encap_get(int fd, sctp_assoc_t id, const void *addr,
			   socklen_t alen)
{
	struct sctp_udpencaps ue;
	socklen_t len = sizeof(ue);

	memset(&ue, 0, sizeof(ue));
	ue.sue_assoc_id = id;
	if (addr)
		memcpy(&ue.sue_address, addr, alen);
	ue.sue_port = 0xdead;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &ue,
		       &len))
		return -errno;
	return len == sizeof(ue) ? (long long)ue.sue_port : -EMSGSIZE;
}

/*
 * SCTP_REMOTE_UDP_ENCAPS_PORT (RFC 6951 §6.1): with a peer's address, the
 * port of that path; with the wildcard address (all zero, or 0.0.0.0),
 * an association's port, which setting also gives each of its paths, or
 * with SCTP_FUTURE_ASSOC the socket's default. An address that is no
 * peer's, or a peer's with another association's id, is refused; an id
 * that names nothing is then not looked at. Without an address,
 * one-to-many, an id is an association or SCTP_FUTURE_ASSOC, nothing
 * else (CURRENT and ALL neither). All 0 at first (no
 * net.sctp.encap_port).
 */
TEST_F(oabi, udp_encaps_port)
{
	struct bed *b = &self->b;
	struct sockaddr_in pa, pb, any = { .sin_family = AF_INET };
	struct sockaddr_in stranger = b->addr;
	socklen_t alen = sizeof(pa);
	int fd = afd(b, 0), fdb = afd(b, 1);
	sctp_assoc_t ida = b->id[0], idb = b->id[1];
	struct sctp_udpencaps ue;

	SETUP_SKIPPED_RETURN();
	/* the peers' addresses, as our ends see them */
	ASSERT_EQ(0, getsockname(b->cli[0], (void *)&pa, &alen));
	alen = sizeof(pb);
	ASSERT_EQ(0, getsockname(b->cli[1], (void *)&pb, &alen));
	stranger.sin_port = htons(9);

	EXPECT_EQ(0, encap_get(fd, ida, NULL, 0));
	EXPECT_EQ(0, encap_get(fd, ida, &pa, sizeof(pa)));
	EXPECT_EQ(0, encap_get(b->lsn, SCTP_FUTURE_ASSOC, NULL, 0));

	/* lengths */
	memset(&ue, 0, sizeof(ue));
	ue.sue_assoc_id = ida;
	ue.sue_port = 4000;
	exact_lengths(_metadata, fd, SCTP_REMOTE_UDP_ENCAPS_PORT, &ue,
		      sizeof(ue));
	EXPECT_EQ(0, encap_get(fd, ida, NULL, 0));

	/* the socket's default: no association changes */
	EXPECT_EQ(0, encap_set(b->lsn, SCTP_FUTURE_ASSOC, NULL, 0, 1111));
	EXPECT_EQ(1111, encap_get(b->lsn, SCTP_FUTURE_ASSOC, NULL, 0));
	EXPECT_EQ(0, encap_get(fd, ida, NULL, 0));
	EXPECT_EQ(0, encap_get(fdb, idb, NULL, 0));

	/* A, and through it A's path */
	EXPECT_EQ(0, encap_set(fd, ida, &any, sizeof(any), 2222));
	EXPECT_EQ(2222, encap_get(fd, ida, NULL, 0));
	EXPECT_EQ(2222, encap_get(fd, ida, &pa, sizeof(pa)));
	EXPECT_EQ(0, encap_get(fdb, idb, NULL, 0));
	EXPECT_EQ(0, encap_get(fdb, idb, &pb, sizeof(pb)));
	EXPECT_EQ(1111, encap_get(b->lsn, SCTP_FUTURE_ASSOC, NULL, 0));

	/* A's path alone; the association keeps its own */
	EXPECT_EQ(0, encap_set(fd, SCTP_FUTURE_ASSOC, &pa, sizeof(pa), 3333));
	EXPECT_EQ(3333, encap_get(fd, SCTP_FUTURE_ASSOC, &pa, sizeof(pa)));
	EXPECT_EQ(3333, encap_get(fd, ida, &pa, sizeof(pa)));
	EXPECT_EQ(2222, encap_get(fd, ida, NULL, 0));
	/* an id that names nothing is not looked at with an address */
	EXPECT_EQ(0, encap_set(fd, NOBODY, &pa, sizeof(pa), 3344));
	EXPECT_EQ(3344, encap_get(fd, NOBODY, &pa, sizeof(pa)));
	EXPECT_EQ(0, encap_get(fdb, idb, &pb, sizeof(pb)));

	/* no peer's address */
	EXPECT_EQ(-EINVAL, encap_set(fd, ida, &stranger, sizeof(stranger), 1));
	EXPECT_EQ(-EINVAL, encap_get(fd, ida, &stranger, sizeof(stranger)));
	EXPECT_EQ(-EINVAL, encap_set(fd, SCTP_FUTURE_ASSOC, &stranger,
				     sizeof(stranger), 1));

	if (one_to_many(b)) {
		/* B's peer with A's id */
		EXPECT_EQ(-EINVAL, encap_set(fd, ida, &pb, sizeof(pb), 1));
		EXPECT_EQ(-EINVAL, encap_get(fd, ida, &pb, sizeof(pb)));
		/* ids without an address */
		EXPECT_EQ(-EINVAL, encap_set(fd, NOBODY, NULL, 0, 1));
		EXPECT_EQ(-EINVAL, encap_set(fd, SCTP_CURRENT_ASSOC, NULL, 0,
					     1));
		EXPECT_EQ(-EINVAL, encap_set(fd, SCTP_ALL_ASSOC, NULL, 0, 1));
		EXPECT_EQ(-EINVAL, encap_get(fd, NOBODY, NULL, 0));
		EXPECT_EQ(-EINVAL, encap_get(fd, SCTP_CURRENT_ASSOC, NULL, 0));
		EXPECT_EQ(-EINVAL, encap_get(fd, SCTP_ALL_ASSOC, NULL, 0));
	} else {
		/* the id is not looked at: A's association either way */
		EXPECT_EQ(0, encap_set(fd, SCTP_ALL_ASSOC, NULL, 0, 5555));
		EXPECT_EQ(5555, encap_get(fd, SCTP_FUTURE_ASSOC, NULL, 0));
		EXPECT_EQ(5555, encap_get(fd, NOBODY, &pa, sizeof(pa)));
		/* B's peer is no peer of A's socket */
		EXPECT_EQ(-EINVAL, encap_get(fd, NOBODY, &pb, sizeof(pb)));
		/* the listener: its default, whatever the id */
		EXPECT_EQ(0, encap_set(b->lsn, NOBODY, NULL, 0, 6666));
		EXPECT_EQ(6666, encap_get(b->lsn, SCTP_CURRENT_ASSOC, NULL,
					  0));
	}
	/* none of the refusals changed anything */
	EXPECT_EQ(0, encap_get(fdb, idb, NULL, 0));
	EXPECT_EQ(0, encap_get(fdb, idb, &pb, sizeof(pb)));
}

static int rto_get(int fd, sctp_assoc_t id, struct sctp_rtoinfo *r)
{
	socklen_t len = sizeof(*r);

	memset(r, 0, sizeof(*r));
	r->srto_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, r, &len))
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

	return setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &r, sizeof(r)) ?
	       -errno : 0;
}

#define EXPECT_RTO(_fd, _id, _init, _max, _min) do {			\
	struct sctp_rtoinfo _r;						\
									\
	ASSERT_EQ(0, rto_get(_fd, _id, &_r));				\
	EXPECT_EQ(_init, _r.srto_initial);				\
	EXPECT_EQ(_max, _r.srto_max);					\
	EXPECT_EQ(_min, _r.srto_min);					\
} while (0)

/*
 * SCTP_RTOINFO with an association's id changes that association only
 * (the socket's values and the other association's stay); 0 keeps a
 * value; a minimum above the maximum is refused. Associations keep
 * their values in jiffies: the values here are whole multiples of a
 * jiffy with HZ 100, 250 or 1000, and come back as they went; one that
 * is not comes back rounded up, less than 10 ms more.
 */
TEST_F(oabi, rtoinfo_per_assoc)
{
	struct bed *b = &self->b;
	int fd = afd(b, 0), fdb = afd(b, 1);
	sctp_assoc_t ida = b->id[0], idb = b->id[1];
	unsigned int ini, max, min;
	struct sctp_rtoinfo r;
	int c;

	SETUP_SKIPPED_RETURN();
	ini = nsctp_sysctl_long("/proc/sys/net/sctp/rto_initial");
	max = nsctp_sysctl_long("/proc/sys/net/sctp/rto_max");
	min = nsctp_sysctl_long("/proc/sys/net/sctp/rto_min");
	TH_LOG("sysctls: initial %u, max %u, min %u", ini, max, min);
	EXPECT_RTO(b->lsn, SCTP_FUTURE_ASSOC, ini, max, min);
	EXPECT_RTO(fd, ida, ini, max, min);
	EXPECT_RTO(fdb, idb, ini, max, min);

	EXPECT_EQ(0, rto_set(fd, ida, 400, 8000, 200));
	EXPECT_RTO(fd, ida, 400, 8000, 200);
	EXPECT_RTO(fdb, idb, ini, max, min);
	EXPECT_RTO(b->lsn, SCTP_FUTURE_ASSOC, ini, max, min);
	EXPECT_EQ(0, rto_set(fd, ida, 0, 0, 0));
	EXPECT_RTO(fd, ida, 400, 8000, 200);
	EXPECT_EQ(-EINVAL, rto_set(fd, ida, 0, 0, 9000));
	EXPECT_EQ(-EINVAL, rto_set(fd, ida, 0, 100, 0));
	EXPECT_EQ(-EINVAL, rto_set(fd, ida, 0, 300, 400));
	EXPECT_RTO(fd, ida, 400, 8000, 200);
	EXPECT_EQ(0, rto_set(fd, ida, 0, 0, 8000));
	EXPECT_RTO(fd, ida, 400, 8000, 8000);
	EXPECT_EQ(0, rto_set(fd, ida, 1001, 0, 200));
	ASSERT_EQ(0, rto_get(fd, ida, &r));
	EXPECT_LE(1001, r.srto_initial);
	EXPECT_GE(1010, r.srto_initial);
	EXPECT_EQ(8000, r.srto_max);
	EXPECT_EQ(200, r.srto_min);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &r,
				 sizeof(r) - 1));
	EXPECT_EQ(EINVAL, errno);

	/* the socket's values: a new association starts from them */
	EXPECT_EQ(0, rto_set(b->lsn, SCTP_FUTURE_ASSOC, 500, 5000, 300));
	EXPECT_RTO(b->lsn, SCTP_FUTURE_ASSOC, 500, 5000, 300);
	EXPECT_RTO(fdb, idb, ini, max, min);
	c = new_assoc(b, one_to_many(b) ? SOCK_SEQPACKET : SOCK_STREAM);
	ASSERT_EQ(2, c);
	EXPECT_RTO(afd(b, c), b->id[c], 500, 5000, 300);

	if (one_to_many(b)) {
		EXPECT_EQ(-EINVAL, rto_set(fd, NOBODY, 400, 8000, 200));
		EXPECT_EQ(-EINVAL, rto_set(fd, SCTP_CURRENT_ASSOC, 400, 8000,
					   200));
		EXPECT_EQ(-EINVAL, rto_set(fd, SCTP_ALL_ASSOC, 400, 8000,
					   200));
		EXPECT_EQ(-EINVAL, rto_get(fd, NOBODY, &r));
		EXPECT_EQ(-EINVAL, rto_get(fd, SCTP_CURRENT_ASSOC, &r));
		EXPECT_EQ(-EINVAL, rto_get(fd, SCTP_ALL_ASSOC, &r));
	} else {
		/* any id is the association */
		EXPECT_EQ(0, rto_set(fd, SCTP_FUTURE_ASSOC, 600, 0, 0));
		ASSERT_EQ(0, rto_get(fd, NOBODY, &r));
		EXPECT_EQ(600, r.srto_initial);
		EXPECT_EQ(8000, r.srto_max);
	}
	EXPECT_RTO(b->lsn, SCTP_FUTURE_ASSOC, 500, 5000, 300);
	EXPECT_RTO(fdb, idb, ini, max, min);
}

static long long maxseg_get(int fd, sctp_assoc_t id)
{
	return av_get(fd, SCTP_MAXSEG, id);
}

/*
 * SCTP_MAXSEG's range on a socket without an association, in both forms
 * (an int; struct sctp_assoc_value with SCTP_FUTURE_ASSOC): from what a
 * 512-byte path leaves after the family's IP header, the common header
 * and a DATA chunk header (IPv4 464, IPv6 444) to the largest DATA chunk
 * (65516); 0 is no limit; a refused value leaves the last one.
 */
TEST(maxseg_bounds)
{
	static const struct {
		int family, type, min;
	} s[] = {
		{ AF_INET, SOCK_STREAM, MAXSEG_MIN_V4 },
		{ AF_INET, SOCK_SEQPACKET, MAXSEG_MIN_V4 },
		{ AF_INET6, SOCK_STREAM, MAXSEG_MIN_V6 },
		{ AF_INET6, SOCK_SEQPACKET, MAXSEG_MIN_V6 },
	};
	unsigned int i;
	int fd, val;

	for (i = 0; i < ARRAY_SIZE(s); i++) {
		fd = socket(s[i].family, s[i].type, IPPROTO_SCTP);
		if (fd < 0 && errno == EPROTONOSUPPORT)
			SKIP(return, "SCTP not available");
		ASSERT_LE(0, fd);
		TH_LOG("%s %s", s[i].family == AF_INET ? "AF_INET" :
		       "AF_INET6", s[i].type == SOCK_STREAM ? "SOCK_STREAM" :
		       "SOCK_SEQPACKET");
		EXPECT_EQ(0, maxseg_get(fd, SCTP_FUTURE_ASSOC));

		/* the int form */
		EXPECT_EQ(-EINVAL, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
						s[i].min - 1));
		EXPECT_EQ(0, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
					  s[i].min));
		EXPECT_EQ(0, nsctp_getint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
					  &val));
		EXPECT_EQ(s[i].min, val);
		EXPECT_EQ(-EINVAL, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
						MAXSEG_MAX + 1));
		EXPECT_EQ(-EINVAL, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
						-1));
		EXPECT_EQ(s[i].min, maxseg_get(fd, SCTP_FUTURE_ASSOC));
		EXPECT_EQ(0, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
					  MAXSEG_MAX));
		EXPECT_EQ(0, nsctp_getint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
					  &val));
		EXPECT_EQ(MAXSEG_MAX, val);
		EXPECT_EQ(0, nsctp_setint(fd, IPPROTO_SCTP, SCTP_MAXSEG, 0));
		EXPECT_EQ(0, maxseg_get(fd, SCTP_FUTURE_ASSOC));

		/* struct sctp_assoc_value */
		EXPECT_EQ(-EINVAL, av_set(fd, SCTP_MAXSEG, SCTP_FUTURE_ASSOC,
					  s[i].min - 1));
		EXPECT_EQ(0, av_set(fd, SCTP_MAXSEG, SCTP_FUTURE_ASSOC,
				    s[i].min));
		EXPECT_EQ(s[i].min, maxseg_get(fd, SCTP_FUTURE_ASSOC));
		EXPECT_EQ(-EINVAL, av_set(fd, SCTP_MAXSEG, SCTP_FUTURE_ASSOC,
					  MAXSEG_MAX + 1));
		EXPECT_EQ(-EINVAL, av_set(fd, SCTP_MAXSEG, SCTP_FUTURE_ASSOC,
					  0xffffffff));
		EXPECT_EQ(s[i].min, maxseg_get(fd, SCTP_FUTURE_ASSOC));
		EXPECT_EQ(0, av_set(fd, SCTP_MAXSEG, SCTP_FUTURE_ASSOC,
				    MAXSEG_MAX));
		EXPECT_EQ(MAXSEG_MAX, maxseg_get(fd, SCTP_FUTURE_ASSOC));
		EXPECT_EQ(0, nsctp_getint(fd, IPPROTO_SCTP, SCTP_MAXSEG,
					  &val));
		EXPECT_EQ(MAXSEG_MAX, val);
		close(fd);
	}
}

/*
 * The same range for an IPv4 association (DATA chunks, not I-DATA): the
 * limit becomes its fragmentation point, which SCTP_MAXSEG and
 * SCTP_STATUS report alike; the largest value leaves the path's.
 */
TEST_F(oabi, maxseg_assoc_bounds)
{
	struct bed *b = &self->b;
	struct sctp_status st = { .sstat_assoc_id = b->id[0] };
	int fd = afd(b, 0);
	sctp_assoc_t id = b->id[0];
	socklen_t len = sizeof(st);
	long long path;

	SETUP_SKIPPED_RETURN();
	path = maxseg_get(fd, id);
	TH_LOG("fragmentation point on lo: %lld", path);
	EXPECT_LT(MAXSEG_MIN_V4, path);
	EXPECT_EQ(-EINVAL, av_set(fd, SCTP_MAXSEG, id, MAXSEG_MIN_V4 - 1));
	EXPECT_EQ(path, maxseg_get(fd, id));
	EXPECT_EQ(0, av_set(fd, SCTP_MAXSEG, id, MAXSEG_MIN_V4));
	EXPECT_EQ(MAXSEG_MIN_V4, maxseg_get(fd, id));
	ASSERT_EQ(0, getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	EXPECT_EQ(MAXSEG_MIN_V4, st.sstat_fragmentation_point);
	EXPECT_EQ(path, maxseg_get(afd(b, 1), b->id[1]));
	EXPECT_EQ(-EINVAL, av_set(fd, SCTP_MAXSEG, id, MAXSEG_MAX + 1));
	EXPECT_EQ(MAXSEG_MIN_V4, maxseg_get(fd, id));
	EXPECT_EQ(0, av_set(fd, SCTP_MAXSEG, id, MAXSEG_MAX));
	EXPECT_EQ(path, maxseg_get(fd, id));
}

/* Send message @i of @len bytes on stream @i % 4 from @fd (association
 * @id); read it at @to and check it.
 */
static void exchange(struct __test_metadata *_metadata, int fd,
		     sctp_assoc_t id, int to, sctp_assoc_t to_id,
		     unsigned int i, size_t len)
{
	static unsigned char buf[1 << 17], rbuf[(1 << 17) + 1];
	unsigned int sid;
	sctp_assoc_t rid;

	ASSERT_GE(sizeof(buf), len);
	nsctp_fill(buf, i, len);
	ASSERT_EQ((ssize_t)len, send_pr(fd, id, buf, len, i % 4,
					SCTP_PR_SCTP_NONE, 0));
	ASSERT_EQ((ssize_t)len, read_msg(to, rbuf, sizeof(rbuf), &sid, &rid));
	EXPECT_EQ(i % 4, sid);
	EXPECT_EQ(-1, nsctp_check(rbuf, i, len));
	if (to_id != NOBODY)
		EXPECT_EQ(to_id, rid);
}

static int status_get(int fd, sctp_assoc_t id, struct sctp_status *st)
{
	socklen_t len = sizeof(*st);

	memset(st, 0, sizeof(*st));
	st->sstat_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, st, &len))
		return -errno;
	return len == sizeof(*st) ? 0 : -EMSGSIZE;
}

/*
 * SCTP_STATUS of an established association after data both ways, once
 * everything is acknowledged: nothing unacknowledged or pending, a
 * congestion window, and the fragmentation point SCTP_MAXSEG reports
 * for the association; at both ends.
 */
TEST_F(oabi, status_after_data)
{
	struct bed *b = &self->b;
	static const size_t sizes[] = { 1, 1452, 100000 };
	int fd = afd(b, 0), peer = b->cli[0], on = 1, i, k;
	sctp_assoc_t id = b->id[0];
	struct sctp_status st, pst;

	SETUP_SKIPPED_RETURN();
	ASSERT_EQ(0, setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on,
				sizeof(on)));
	ASSERT_EQ(0, setsockopt(peer, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on,
				sizeof(on)));
	stall_guard(fd, 5);
	stall_guard(peer, 5);
	for (i = 0; i < 3; i++) {
		exchange(_metadata, fd, id, peer, NOBODY, i, sizes[i]);
		exchange(_metadata, peer, NOBODY, fd,
			 one_to_many(b) ? id : NOBODY, 10 + i, sizes[i]);
	}
	/* the last SACKs may be delayed (200 ms) */
	for (k = 0; k < 300; k++) {
		ASSERT_EQ(0, status_get(fd, id, &st));
		ASSERT_EQ(0, status_get(peer, NOBODY, &pst));
		if (!st.sstat_unackdata && !st.sstat_penddata &&
		    !pst.sstat_unackdata && !pst.sstat_penddata)
			break;
		usleep(10000);
	}
	TH_LOG("ours: unackdata %u penddata %u frag %u cwnd %u",
	       st.sstat_unackdata, st.sstat_penddata,
	       st.sstat_fragmentation_point, st.sstat_primary.spinfo_cwnd);
	TH_LOG("peer's: unackdata %u penddata %u frag %u cwnd %u",
	       pst.sstat_unackdata, pst.sstat_penddata,
	       pst.sstat_fragmentation_point, pst.sstat_primary.spinfo_cwnd);
	EXPECT_EQ(SCTP_ESTABLISHED, st.sstat_state);
	EXPECT_EQ(0, st.sstat_unackdata);
	EXPECT_EQ(0, st.sstat_penddata);
	EXPECT_LT(0, st.sstat_fragmentation_point);
	EXPECT_EQ(maxseg_get(fd, id), st.sstat_fragmentation_point);
	EXPECT_LT(0, st.sstat_primary.spinfo_cwnd);
	if (one_to_many(b)) {
		EXPECT_EQ(id, st.sstat_assoc_id);
		EXPECT_EQ(id, st.sstat_primary.spinfo_assoc_id);
	}

	EXPECT_EQ(SCTP_ESTABLISHED, pst.sstat_state);
	EXPECT_EQ(0, pst.sstat_unackdata);
	EXPECT_EQ(0, pst.sstat_penddata);
	EXPECT_LT(0, pst.sstat_fragmentation_point);
	EXPECT_EQ(maxseg_get(peer, NOBODY), pst.sstat_fragmentation_point);
	EXPECT_LT(0, pst.sstat_primary.spinfo_cwnd);
}

TEST_HARNESS_MAIN
