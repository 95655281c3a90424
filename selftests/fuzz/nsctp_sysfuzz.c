// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_sysfuzz: random socket calls on SCTP sockets, from several
 * threads at once, racing each other.
 *
 *   nsctp_sysfuzz [-s SEED] [-t SECONDS] [-j THREADS] [-v]
 *
 * Every thread draws its operations from its own PRNG stream, derived
 * from SEED and the thread's index, so the sequence of operations and
 * arguments a thread draws is the same on every run with the same seed.
 * What those calls meet is not: the threads share one table of socket
 * descriptors and the interleaving of their calls (and so which fd a slot
 * holds, which association ids were seen, what the stack answered) is up
 * to the scheduler. With -j 1 a run is repeatable up to the stack's own
 * timing.
 *
 * The table holds 64 descriptors. Slot bookkeeping is atomic (a slot is
 * claimed or emptied with compare-and-swap / exchange), the calls are
 * not serialised at all: a thread may close, shutdown or dup2 over the
 * descriptor another thread is sending on. Only the thread that empties
 * a slot closes its descriptor, so every descriptor the fuzzer opens is
 * either in the table or closed, and the process never reaches EMFILE.
 *
 * No call may block for long: every socket gets SO_SNDTIMEO/SO_RCVTIMEO
 * of 100 ms, the fuzzed SOL_SOCKET options cannot set a longer (or an
 * infinite) timeout nor a linger time above one second, and most calls
 * carry MSG_DONTWAIT. A watchdog reports a thread stuck in one call for
 * more than 30 s; one that never comes back (at exit) is a failure.
 *
 * -v logs every operation before the call ("T<thread> <n> <op> <args>")
 * and its result after it ("T<thread> <n> = <ret> <errno>") to stderr.
 *
 * At exit it prints the calls and errors (by errno) of every operation
 * and "sysfuzz: seed S threads J seconds T calls N". Exit status 0; 1 on
 * its own errors (bad arguments, no SCTP); 2 when a call never returned.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <arpa/inet.h>
#include <linux/nsctp.h>
#include <linux/sockios.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif
#ifndef SO_RCVTIMEO_NEW
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67
#endif
/* linux/in6.h's, which cannot be included with netinet/in.h */
#ifndef IPV6_FLOWLABEL_MGR
#define IPV6_FLOWLABEL_MGR 32
#endif
#ifndef IPV6_FLOWINFO_SEND
#define IPV6_FLOWINFO_SEND 33
#endif

/* -DSYSFUZZ_PROTO=IPPROTO_TCP exercises the fuzzer itself on a host
 * without SCTP (the SCTP calls then fail), nothing else
 */
#ifndef SYSFUZZ_PROTO
#define SYSFUZZ_PROTO	IPPROTO_SCTP
#endif

#define NSLOTS		64
#define NASSOC		32
#define MAX_THREADS	64
#define PORT_BASE	47000
#define NPORTS		8
#define BUF_SIZE	(256 * 1024)
#define MAX_SEND	(200 * 1024)
#define NERR		160
#define STUCK_SECS	30

enum op {
	OP_SOCKET, OP_PAIR, OP_BIND, OP_BINDX, OP_LISTEN, OP_CONNECT,
	OP_CONNECTX, OP_ACCEPT, OP_SENDMSG, OP_RECVMSG, OP_SETSOCKOPT,
	OP_GETSOCKOPT, OP_PEELOFF, OP_SHUTDOWN, OP_CLOSE, OP_ABORT, OP_IOCTL,
	OP_POLL, OP_DUP2, OP_DUP, OP_FCNTL, OP_GETNAME, NOPS
};

static const char *const op_name[NOPS] = {
	"socket", "pair", "bind", "bindx", "listen", "connect", "connectx",
	"accept", "sendmsg", "recvmsg", "setsockopt", "getsockopt", "peeloff",
	"shutdown", "close", "abort", "ioctl", "poll", "dup2", "dup", "fcntl",
	"getname",
};

static const unsigned int op_weight[NOPS] = {
	[OP_SOCKET] = 6, [OP_PAIR] = 2, [OP_BIND] = 6, [OP_BINDX] = 4,
	[OP_LISTEN] = 4, [OP_CONNECT] = 5, [OP_CONNECTX] = 4, [OP_ACCEPT] = 5,
	[OP_SENDMSG] = 22, [OP_RECVMSG] = 16, [OP_SETSOCKOPT] = 16,
	[OP_GETSOCKOPT] = 12, [OP_PEELOFF] = 3, [OP_SHUTDOWN] = 3,
	[OP_CLOSE] = 4, [OP_ABORT] = 2, [OP_IOCTL] = 3, [OP_POLL] = 3,
	[OP_DUP2] = 1, [OP_DUP] = 1, [OP_FCNTL] = 1, [OP_GETNAME] = 2,
};

struct slot {
	_Atomic int fd;
	_Atomic int family;
};

struct thr {
	int id;
	uint64_t rng;
	unsigned long seq;
	pthread_t tid;
	_Atomic uint64_t op_start;	/* ns, 0 when between calls */
	_Atomic int cur_op;
	int stuck_reported;
	uint64_t calls[NOPS];
	uint64_t errs[NOPS][NERR];
	char *sbuf;
	char *rbuf;
	char cbuf[1024] __attribute__((aligned(16)));
	char optbuf[8192] __attribute__((aligned(16)));
	char addrs[512] __attribute__((aligned(16)));
	char args[400];
};

static struct slot slots[NSLOTS];
static _Atomic int assoc_ids[NASSOC];
static atomic_int stop;
static int verbose;
static char *bad_page;		/* PROT_NONE */
static char *edge_page;		/* readable page followed by a PROT_NONE one */

/* ---- PRNG: splitmix64 seeds a xorshift64* stream per thread ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t next64(struct thr *t)
{
	uint64_t x = t->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	t->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* uniform in [0, n) */
static uint32_t rnd(struct thr *t, uint32_t n)
{
	if (!n)
		return 0;
	return (uint32_t)(((next64(t) >> 32) * (uint64_t)n) >> 32);
}

/* true with probability pct percent */
static int chance(struct thr *t, unsigned int pct)
{
	return rnd(t, 100) < pct;
}

static void rnd_fill(struct thr *t, void *p, size_t n)
{
	unsigned char *b = p;

	while (n >= 8) {
		uint64_t v = next64(t);

		memcpy(b, &v, 8);
		b += 8;
		n -= 8;
	}
	while (n--)
		*b++ = (unsigned char)next64(t);
}

static uint32_t interesting32(struct thr *t)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 10, 16, 64, 100, 127, 128, 255, 256, 512,
		1000, 1024, 1452, 1500, 4096, 65535, 65536, 0x7fff, 0x8000,
		0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 1 << 20,
	};

	if (chance(t, 20))
		return (uint32_t)next64(t);
	return v[rnd(t, sizeof(v) / sizeof(v[0]))];
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- logging (-v) ---- */

static void vlog(struct thr *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void vlog(struct thr *t, const char *fmt, ...)
{
	char line[600];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "T%d %lu ", t->id, t->seq);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(2, line, n) < 0) {
		/* nothing to do about it */
	}
}

#define ARGS(t, ...) \
	do { if (verbose) snprintf((t)->args, sizeof((t)->args), __VA_ARGS__); } while (0)

static void op_begin(struct thr *t, int op)
{
	t->seq++;
	atomic_store_explicit(&t->cur_op, op, memory_order_relaxed);
	atomic_store_explicit(&t->op_start, now_ns(), memory_order_relaxed);
	if (verbose)
		vlog(t, "%s %s", op_name[op], t->args);
}

/* Account one call of op that returned ret (errno valid when ret < 0). */
static long op_end(struct thr *t, int op, long ret)
{
	int e = ret < 0 ? errno : 0;

	atomic_store_explicit(&t->op_start, 0, memory_order_relaxed);
	t->calls[op]++;
	if (ret < 0)
		t->errs[op][e > 0 && e < NERR ? e : 0]++;
	if (verbose)
		vlog(t, "= %ld %s", ret, ret < 0 ? strerrorname_np(e) ?: "?" : "");
	t->args[0] = '\0';
	errno = e;
	return ret;
}

/* ---- the descriptor table ---- */

static void set_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };

	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* Put a descriptor the fuzzer owns into the table; when the table is
 * full, evict (and close) the one in a random slot.
 */
static void table_put(struct thr *t, int fd, int family)
{
	unsigned int start = rnd(t, NSLOTS), i;
	int old;

	if (fd < 0)
		return;
	for (i = 0; i < NSLOTS; i++) {
		struct slot *s = &slots[(start + i) % NSLOTS];
		int expect = -1;

		if (atomic_compare_exchange_strong(&s->fd, &expect, fd)) {
			atomic_store(&s->family, family);
			return;
		}
	}
	atomic_store(&slots[start].family, family);
	old = atomic_exchange(&slots[start].fd, fd);
	if (old >= 0)
		close(old);
}

/* A descriptor to use (not owned: another thread may close it meanwhile).
 * Sometimes a bad one.
 */
static int table_peek(struct thr *t, int *family)
{
	unsigned int i;
	int fd;

	if (family)
		*family = chance(t, 50) ? AF_INET : AF_INET6;
	if (chance(t, 1))
		return chance(t, 50) ? -1 : 1000 + (int)rnd(t, 100);
	for (i = 0; i < 4; i++) {
		struct slot *s = &slots[rnd(t, NSLOTS)];

		fd = atomic_load(&s->fd);
		if (fd >= 0) {
			if (family)
				*family = atomic_load(&s->family);
			return fd;
		}
	}
	return -1;
}

/* Empty a random slot and own its descriptor (-1 if it was empty). */
static int table_take(struct thr *t, int *family)
{
	struct slot *s = &slots[rnd(t, NSLOTS)];

	if (family)
		*family = atomic_load(&s->family);
	return atomic_exchange(&s->fd, -1);
}

static void assoc_record(struct thr *t, sctp_assoc_t id)
{
	if ((uint32_t)id > SCTP_ALL_ASSOC)
		atomic_store(&assoc_ids[rnd(t, NASSOC)], (int)id);
}

static sctp_assoc_t assoc_pick(struct thr *t)
{
	uint32_t r = rnd(t, 100);

	if (r < 45) {
		int id = atomic_load(&assoc_ids[rnd(t, NASSOC)]);

		if (id)
			return id;
		return 0;
	}
	if (r < 60)
		return 0;
	if (r < 68)
		return SCTP_FUTURE_ASSOC;
	if (r < 76)
		return SCTP_CURRENT_ASSOC;
	if (r < 84)
		return SCTP_ALL_ASSOC;
	if (r < 92)
		return (sctp_assoc_t)rnd(t, 64);
	return (sctp_assoc_t)next64(t);
}

/* ---- addresses ---- */

static uint16_t pick_port(struct thr *t)
{
	if (chance(t, 10))
		return 0;
	return PORT_BASE + rnd(t, NPORTS);
}

/* An address for family fam (0: either) into buf; returns its length,
 * sometimes wrong, sometimes a garbage address.
 */
static socklen_t gen_addr(struct thr *t, void *buf, int fam)
{
	struct sockaddr_in *sin = buf;
	struct sockaddr_in6 *sin6 = buf;
	socklen_t len;

	memset(buf, 0, sizeof(struct sockaddr_in6));
	if (chance(t, 3)) {
		len = rnd(t, 32);
		rnd_fill(t, buf, len);
		if (len >= 2)
			sin->sin_family = chance(t, 50) ? AF_UNSPEC : (sa_family_t)rnd(t, 50);
		return len;
	}
	if (!fam || chance(t, 10))
		fam = chance(t, 50) ? AF_INET : AF_INET6;
	if (fam == AF_INET) {
		static const uint32_t a4[] = { 0x7f000001, 0x7f000002, 0, 0x7f000003 };

		sin->sin_family = AF_INET;
		sin->sin_port = htons(pick_port(t));
		sin->sin_addr.s_addr = htonl(a4[rnd(t, chance(t, 90) ? 3 : 4)]);
		len = sizeof(*sin);
	} else {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(pick_port(t));
		switch (rnd(t, 5)) {
		case 0:
		case 1:
			sin6->sin6_addr = in6addr_loopback;
			break;
		case 2:
			break;	/* :: */
		case 3:
			/* ::ffff:127.0.0.1 or .2 */
			sin6->sin6_addr.s6_addr[10] = 0xff;
			sin6->sin6_addr.s6_addr[11] = 0xff;
			sin6->sin6_addr.s6_addr[12] = 127;
			sin6->sin6_addr.s6_addr[15] = 1 + rnd(t, 2);
			break;
		default:
			/* fe80::1 with a scope id, or not */
			sin6->sin6_addr.s6_addr[0] = 0xfe;
			sin6->sin6_addr.s6_addr[1] = 0x80;
			sin6->sin6_addr.s6_addr[15] = 1;
			sin6->sin6_scope_id = rnd(t, 3);
			break;
		}
		len = sizeof(*sin6);
	}
	if (chance(t, 4))
		len = rnd(t, len + 8);
	return len;
}

static const char *addr_str(const void *buf, socklen_t len, char *out, size_t n)
{
	const struct sockaddr_in *sin = buf;
	const struct sockaddr_in6 *sin6 = buf;
	char a[INET6_ADDRSTRLEN];

	if (len >= sizeof(*sin) && sin->sin_family == AF_INET) {
		inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
		snprintf(out, n, "%s:%u/%u", a, ntohs(sin->sin_port), len);
	} else if (len >= sizeof(*sin6) && sin6->sin6_family == AF_INET6) {
		inet_ntop(AF_INET6, &sin6->sin6_addr, a, sizeof(a));
		snprintf(out, n, "[%s]:%u/%u", a, ntohs(sin6->sin6_port), len);
	} else {
		snprintf(out, n, "raw/%u", len);
	}
	return out;
}

/* 1..4 packed addresses into t->addrs (bindx, connectx); returns the
 * length to pass, sometimes wrong.
 */
static int gen_addrs(struct thr *t, int fam, int *count)
{
	int n = 1 + rnd(t, 4), i, len = 0;

	for (i = 0; i < n; i++) {
		struct sockaddr_in6 a;
		socklen_t l = gen_addr(t, &a, chance(t, 80) ? fam : 0);

		/* packed arrays carry whole addresses of their family */
		if (l && chance(t, 95))
			l = a.sin6_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
						       sizeof(struct sockaddr_in);
		memcpy(t->addrs + len, &a, l);
		len += l;
	}
	*count = n;
	if (chance(t, 5))
		len = rnd(t, len + 16);
	return len;
}

/* ---- optval generation ---- */

struct optinfo {
	int name;
	int size;
	int assoc_off;	/* -1: none */
	int addr_off;	/* -1: none */
};

#define OPT(n, type, a, s) { n, sizeof(type), a, s }
#define OFF(type, m) ((int)offsetof(type, m))

static const struct optinfo sctp_opts[] = {
	OPT(SCTP_RTOINFO, struct sctp_rtoinfo, 0, -1),
	OPT(SCTP_ASSOCINFO, struct sctp_assocparams, 0, -1),
	OPT(SCTP_INITMSG, struct sctp_initmsg, -1, -1),
	OPT(SCTP_NODELAY, int, -1, -1),
	OPT(SCTP_AUTOCLOSE, int, -1, -1),
	OPT(SCTP_SET_PEER_PRIMARY_ADDR, struct sctp_setpeerprim, 0,
	    OFF(struct sctp_setpeerprim, sspp_addr)),
	OPT(SCTP_PRIMARY_ADDR, struct sctp_prim, 0, OFF(struct sctp_prim, ssp_addr)),
	OPT(SCTP_ADAPTATION_LAYER, struct sctp_setadaptation, -1, -1),
	OPT(SCTP_DISABLE_FRAGMENTS, int, -1, -1),
	OPT(SCTP_PEER_ADDR_PARAMS, struct sctp_paddrparams, 0,
	    OFF(struct sctp_paddrparams, spp_address)),
	OPT(SCTP_DEFAULT_SEND_PARAM, struct sctp_sndrcvinfo,
	    OFF(struct sctp_sndrcvinfo, sinfo_assoc_id), -1),
	OPT(SCTP_EVENTS, struct sctp_event_subscribe, -1, -1),
	OPT(SCTP_I_WANT_MAPPED_V4_ADDR, int, -1, -1),
	OPT(SCTP_MAXSEG, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_STATUS, struct sctp_status, 0, -1),
	OPT(SCTP_GET_PEER_ADDR_INFO, struct sctp_paddrinfo, 0,
	    OFF(struct sctp_paddrinfo, spinfo_address)),
	OPT(SCTP_DELAYED_ACK_TIME, struct sctp_sack_info, 0, -1),
	OPT(SCTP_CONTEXT, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_FRAGMENT_INTERLEAVE, int, -1, -1),
	OPT(SCTP_PARTIAL_DELIVERY_POINT, uint32_t, -1, -1),
	OPT(SCTP_MAX_BURST, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_AUTH_CHUNK, struct sctp_authchunk, -1, -1),
	OPT(SCTP_HMAC_IDENT, struct sctp_hmacalgo, -1, -1),
	OPT(SCTP_AUTH_KEY, struct sctp_authkey, 0, -1),
	OPT(SCTP_AUTH_ACTIVE_KEY, struct sctp_authkeyid, 0, -1),
	OPT(SCTP_AUTH_DELETE_KEY, struct sctp_authkeyid, 0, -1),
	OPT(SCTP_PEER_AUTH_CHUNKS, struct sctp_authchunks, 0, -1),
	OPT(SCTP_LOCAL_AUTH_CHUNKS, struct sctp_authchunks, 0, -1),
	OPT(SCTP_GET_ASSOC_NUMBER, uint32_t, -1, -1),
	OPT(SCTP_GET_ASSOC_ID_LIST, struct sctp_assoc_ids, -1, -1),
	OPT(SCTP_AUTO_ASCONF, int, -1, -1),
	OPT(SCTP_PEER_ADDR_THLDS, struct sctp_paddrthlds, 0,
	    OFF(struct sctp_paddrthlds, spt_address)),
	OPT(SCTP_RECVRCVINFO, int, -1, -1),
	OPT(SCTP_RECVNXTINFO, int, -1, -1),
	OPT(SCTP_DEFAULT_SNDINFO, struct sctp_sndinfo,
	    OFF(struct sctp_sndinfo, snd_assoc_id), -1),
	OPT(SCTP_AUTH_DEACTIVATE_KEY, struct sctp_authkeyid, 0, -1),
	OPT(SCTP_REUSE_PORT, int, -1, -1),
	OPT(SCTP_PEER_ADDR_THLDS_V2, struct sctp_paddrthlds_v2, 0,
	    OFF(struct sctp_paddrthlds_v2, spt_address)),
	OPT(SCTP_SOCKOPT_BINDX_ADD, struct sockaddr_in6, -1, 0),
	OPT(SCTP_SOCKOPT_BINDX_REM, struct sockaddr_in6, -1, 0),
	OPT(SCTP_SOCKOPT_PEELOFF, sctp_peeloff_arg_t, 0, -1),
	OPT(SCTP_SOCKOPT_CONNECTX_OLD, struct sockaddr_in6, -1, 0),
	OPT(SCTP_GET_PEER_ADDRS, struct sctp_getaddrs, 0, -1),
	OPT(SCTP_GET_LOCAL_ADDRS, struct sctp_getaddrs, 0, -1),
	OPT(SCTP_SOCKOPT_CONNECTX, struct sockaddr_in6, -1, 0),
	OPT(SCTP_SOCKOPT_CONNECTX3, struct sctp_getaddrs_old, 0, -1),
	OPT(SCTP_GET_ASSOC_STATS, struct sctp_assoc_stats, 0,
	    OFF(struct sctp_assoc_stats, sas_obs_rto_ipaddr)),
	OPT(SCTP_PR_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_DEFAULT_PRINFO, struct sctp_default_prinfo, 0, -1),
	OPT(SCTP_PR_ASSOC_STATUS, struct sctp_prstatus, 0, -1),
	OPT(SCTP_PR_STREAM_STATUS, struct sctp_prstatus, 0, -1),
	OPT(SCTP_RECONFIG_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_ENABLE_STREAM_RESET, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_RESET_STREAMS, struct sctp_reset_streams, 0, -1),
	OPT(SCTP_RESET_ASSOC, sctp_assoc_t, 0, -1),
	OPT(SCTP_ADD_STREAMS, struct sctp_add_streams, 0, -1),
	OPT(SCTP_SOCKOPT_PEELOFF_FLAGS, sctp_peeloff_flags_arg_t, 0, -1),
	OPT(SCTP_STREAM_SCHEDULER, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_STREAM_SCHEDULER_VALUE, struct sctp_stream_value, 0, -1),
	OPT(SCTP_INTERLEAVING_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_SENDMSG_CONNECT, int, -1, -1),
	OPT(SCTP_EVENT, struct sctp_event, 0, -1),
	OPT(SCTP_ASCONF_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_AUTH_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_ECN_SUPPORTED, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, struct sctp_assoc_value, 0, -1),
	OPT(SCTP_REMOTE_UDP_ENCAPS_PORT, struct sctp_udpencaps, 0,
	    OFF(struct sctp_udpencaps, sue_address)),
	OPT(SCTP_PLPMTUD_PROBE_INTERVAL, struct sctp_probeinterval, 0,
	    OFF(struct sctp_probeinterval, spi_address)),
};

#define NSCTP_OPTS (int)(sizeof(sctp_opts) / sizeof(sctp_opts[0]))

static const struct optinfo sock_opts[] = {
	{ SO_REUSEADDR, 4, -1, -1 }, { SO_REUSEPORT, 4, -1, -1 },
	{ SO_KEEPALIVE, 4, -1, -1 }, { SO_SNDBUF, 4, -1, -1 },
	{ SO_RCVBUF, 4, -1, -1 }, { SO_RCVLOWAT, 4, -1, -1 },
	{ SO_SNDLOWAT, 4, -1, -1 }, { SO_LINGER, sizeof(struct linger), -1, -1 },
	{ SO_RCVTIMEO, sizeof(struct timeval), -1, -1 },
	{ SO_SNDTIMEO, sizeof(struct timeval), -1, -1 },
	{ SO_RCVTIMEO_NEW, 16, -1, -1 }, { SO_SNDTIMEO_NEW, 16, -1, -1 },
	{ SO_PRIORITY, 4, -1, -1 }, { SO_MARK, 4, -1, -1 },
	{ SO_ERROR, 4, -1, -1 }, { SO_TYPE, 4, -1, -1 },
	{ SO_PROTOCOL, 4, -1, -1 }, { SO_DOMAIN, 4, -1, -1 },
	{ SO_ACCEPTCONN, 4, -1, -1 }, { SO_TIMESTAMP, 4, -1, -1 },
	{ SO_TIMESTAMPNS, 4, -1, -1 }, { SO_RXQ_OVFL, 4, -1, -1 },
	{ SO_MEMINFO, 36, -1, -1 }, { SO_OOBINLINE, 4, -1, -1 },
	{ SO_DONTROUTE, 4, -1, -1 }, { SO_BROADCAST, 4, -1, -1 },
	{ SO_PEEK_OFF, 4, -1, -1 }, { SO_ZEROCOPY, 4, -1, -1 },
	{ SO_TXTIME, 16, -1, -1 }, { SO_INCOMING_CPU, 4, -1, -1 },
	{ SO_COOKIE, 8, -1, -1 }, { SO_PEERNAME, 128, -1, -1 },
	{ SO_BINDTODEVICE, 16, -1, -1 }, { SO_MAX_PACING_RATE, 8, -1, -1 },
};

static const struct optinfo ip_opts[] = {
	{ IP_TOS, 4, -1, -1 }, { IP_TTL, 4, -1, -1 }, { IP_OPTIONS, 40, -1, -1 },
	{ IP_RECVERR, 4, -1, -1 }, { IP_MTU_DISCOVER, 4, -1, -1 },
	{ IP_MTU, 4, -1, -1 }, { IP_PKTINFO, 4, -1, -1 },
	{ IP_FREEBIND, 4, -1, -1 }, { IP_TRANSPARENT, 4, -1, -1 },
	{ IP_BIND_ADDRESS_NO_PORT, 4, -1, -1 }, { IP_RECVTOS, 4, -1, -1 },
};

static const struct optinfo ip6_opts[] = {
	{ IPV6_V6ONLY, 4, -1, -1 }, { IPV6_UNICAST_HOPS, 4, -1, -1 },
	{ IPV6_TCLASS, 4, -1, -1 }, { IPV6_MTU_DISCOVER, 4, -1, -1 },
	{ IPV6_MTU, 4, -1, -1 }, { IPV6_RECVERR, 4, -1, -1 },
	{ IPV6_FLOWINFO_SEND, 4, -1, -1 }, { IPV6_ADDR_PREFERENCES, 4, -1, -1 },
	{ IPV6_AUTOFLOWLABEL, 4, -1, -1 }, { IPV6_DONTFRAG, 4, -1, -1 },
	{ IPV6_RECVPKTINFO, 4, -1, -1 }, { IPV6_HOPOPTS, 16, -1, -1 },
	{ IPV6_DSTOPTS, 16, -1, -1 }, { IPV6_RTHDR, 24, -1, -1 },
	{ IPV6_2292PKTOPTIONS, 32, -1, -1 }, { IPV6_FREEBIND, 4, -1, -1 },
	{ IPV6_TRANSPARENT, 4, -1, -1 }, { IPV6_FLOWLABEL_MGR, 32, -1, -1 },
};

#define NELEM(a) (int)(sizeof(a) / sizeof((a)[0]))

static const struct optinfo *find_opt(const struct optinfo *tab, int n, int name)
{
	int i;

	for (i = 0; i < n; i++)
		if (tab[i].name == name)
			return &tab[i];
	return NULL;
}

/* A level, an option name and what is known of it. */
static void pick_opt(struct thr *t, int *level, int *name, const struct optinfo **oi)
{
	uint32_t r = rnd(t, 100);

	if (r < 70) {
		*level = SOL_SCTP;
		if (chance(t, 70)) {
			*oi = &sctp_opts[rnd(t, NSCTP_OPTS)];
			*name = (*oi)->name;
		} else {
			*name = rnd(t, 141);
			*oi = find_opt(sctp_opts, NSCTP_OPTS, *name);
		}
		return;
	}
	if (r < 85) {
		*level = SOL_SOCKET;
		*oi = &sock_opts[rnd(t, NELEM(sock_opts))];
	} else if (r < 92) {
		*level = IPPROTO_IP;
		*oi = &ip_opts[rnd(t, NELEM(ip_opts))];
	} else if (r < 99) {
		*level = IPPROTO_IPV6;
		*oi = &ip6_opts[rnd(t, NELEM(ip6_opts))];
	} else {
		do
			*level = rnd(t, 300);
		while (*level == SOL_SOCKET);
		*oi = NULL;
		*name = rnd(t, 80);
		return;
	}
	*name = (*oi)->name;
}

static int pick_len(struct thr *t, int exact)
{
	switch (rnd(t, 12)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 3;
	case 3: return exact > 0 ? exact - 1 : 0;
	case 4: return exact + 1;
	case 5: return 4 + rnd(t, 4096);
	case 6: return chance(t, 50) ? 8192 : (chance(t, 50) ? -1 : 4);
	default: return exact;
	}
}

static void put32(char *buf, int size, int off, uint32_t v)
{
	if (off >= 0 && off + 4 <= size)
		memcpy(buf + off, &v, 4);
}

/* Contents for option name at level, mostly a valid-looking structure:
 * zeros, an association id where the structure has one, an address where
 * it has one, a few interesting values sprinkled over it.
 */
static void gen_optval(struct thr *t, int level, int name,
		       const struct optinfo *oi, char *buf, int size)
{
	int i, n;

	if (size <= 0)
		return;
	if (chance(t, 10)) {
		rnd_fill(t, buf, size);
		return;
	}
	memset(buf, 0, size);
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_LINGER: {
			struct linger l = { rnd(t, 2), rnd(t, 2) };

			memcpy(buf, &l, size < (int)sizeof(l) ? size : (int)sizeof(l));
			return;
		}
		case SO_BINDTODEVICE:
			snprintf(buf, size, "%s", chance(t, 70) ? "lo" : "nsctp0");
			return;
		default:
			put32(buf, size, 0, chance(t, 70) ? rnd(t, 2) : interesting32(t));
			return;
		}
	}
	if (level != SOL_SCTP) {
		if (chance(t, 60))
			put32(buf, size, 0, chance(t, 50) ? rnd(t, 2) : interesting32(t));
		else
			rnd_fill(t, buf, size);
		return;
	}
	if (oi && oi->assoc_off >= 0)
		put32(buf, size, oi->assoc_off, (uint32_t)assoc_pick(t));
	if (oi && oi->addr_off >= 0 && oi->addr_off + 28 <= size)
		gen_addr(t, buf + oi->addr_off, 0);
	switch (name) {
	case SCTP_INITMSG: {
		struct sctp_initmsg im = {
			.sinit_num_ostreams = rnd(t, 20),
			.sinit_max_instreams = rnd(t, 20),
			.sinit_max_attempts = rnd(t, 4),
			.sinit_max_init_timeo = rnd(t, 2000),
		};

		if (chance(t, 10))
			im.sinit_num_ostreams = 65535;
		memcpy(buf, &im, size < (int)sizeof(im) ? size : (int)sizeof(im));
		break;
	}
	case SCTP_EVENT:
		if (size >= (int)sizeof(struct sctp_event)) {
			struct sctp_event *ev = (void *)buf;

			ev->se_type = SCTP_SN_TYPE_BASE + rnd(t, 17);
			ev->se_on = chance(t, 80) ? 1 : rnd(t, 256);
		}
		break;
	case SCTP_EVENTS:
		for (i = 0; i < size && i < 16; i++)
			buf[i] = chance(t, 60);
		break;
	case SCTP_NODELAY: case SCTP_DISABLE_FRAGMENTS:
	case SCTP_I_WANT_MAPPED_V4_ADDR: case SCTP_FRAGMENT_INTERLEAVE:
	case SCTP_AUTO_ASCONF: case SCTP_RECVRCVINFO: case SCTP_RECVNXTINFO:
	case SCTP_REUSE_PORT: case SCTP_SENDMSG_CONNECT: case SCTP_AUTOCLOSE:
		put32(buf, size, 0, chance(t, 80) ? rnd(t, 3) : interesting32(t));
		break;
	case SCTP_HMAC_IDENT:
		put32(buf, size, 0, rnd(t, 4));
		for (i = 4; i + 2 <= size && i < 12; i += 2)
			buf[i] = chance(t, 50) ? 1 : 3;
		break;
	case SCTP_GET_PEER_ADDRS: case SCTP_GET_LOCAL_ADDRS:
		put32(buf, size, 4, rnd(t, 8));
		break;
	case SCTP_RESET_STREAMS:
		if (size >= 8) {
			buf[4] = rnd(t, 4);
			buf[6] = rnd(t, 4);
		}
		break;
	default:
		break;
	}
	/* a few interesting values anywhere, but the fields set above */
	n = rnd(t, 3);
	for (i = 0; i < n && size >= 4; i++) {
		int off = rnd(t, size / 4) * 4;

		if (oi && (off == oi->assoc_off || (oi->addr_off >= 0 &&
		    off >= oi->addr_off && off < oi->addr_off + 28)) && chance(t, 70))
			continue;
		put32(buf, size, off, interesting32(t));
	}
}

/* Never let a fuzzed option make a later call block for long. */
static void sanitize_sockopt(struct thr *t, int level, int name, char *buf, int size)
{
	if (level != SOL_SOCKET || size <= 0)
		return;
	switch (name) {
	case SO_RCVTIMEO: case SO_SNDTIMEO:
	case SO_RCVTIMEO_NEW: case SO_SNDTIMEO_NEW: {
		/* the same 16-byte layout on 64-bit: a zero time is "forever" */
		int64_t tv[2] = { 0, 1000 + rnd(t, 199000) };

		memcpy(buf, tv, size < 16 ? size : 16);
		break;
	}
	case SO_LINGER: {
		struct linger l = { rnd(t, 2), rnd(t, 2) };

		memcpy(buf, &l, size < (int)sizeof(l) ? size : (int)sizeof(l));
		break;
	}
	}
}

/* Pointer for an optval/iov/cmsg buffer: usually buf, sometimes an
 * unmapped page, a range that runs into one, or NULL.
 */
static void *maybe_bad(struct thr *t, void *buf, int len)
{
	uint32_t r = rnd(t, 100);

	if (r < 2)
		return bad_page;
	if (r < 4 && len > 0 && len < 4096) {
		/* len - 1 readable bytes, then the fault */
		char *p = edge_page + 4096 - (len > 1 ? len - 1 : 1);

		memcpy(p, buf, len > 1 ? len - 1 : 1);
		return p;
	}
	if (r < 5)
		return NULL;
	return buf;
}

/* ---- the operations ---- */

static void sock_setup(struct thr *t, int fd)
{
	set_timeouts(fd);
	if (chance(t, 40)) {
		static const uint16_t ev[] = {
			SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT, SCTP_SEND_FAILED_EVENT,
			SCTP_PEER_ADDR_CHANGE, SCTP_SENDER_DRY_EVENT,
			SCTP_PARTIAL_DELIVERY_EVENT,
		};
		struct sctp_event e = { .se_on = 1 };
		unsigned int i;

		for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
			e.se_type = ev[i];
			setsockopt(fd, SOL_SCTP, SCTP_EVENT, &e, sizeof(e));
		}
	}
	if (chance(t, 30)) {
		int on = 1;

		setsockopt(fd, SOL_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on));
	}
}

static int new_socket(struct thr *t, int *family)
{
	int fam = chance(t, 50) ? AF_INET : AF_INET6;
	int type = chance(t, 50) ? SOCK_STREAM : SOCK_SEQPACKET;
	int flags = 0, fd;

	if (chance(t, 10))
		flags |= SOCK_NONBLOCK;
	if (chance(t, 10))
		flags |= SOCK_CLOEXEC;
	ARGS(t, "%s %s%s", fam == AF_INET ? "inet" : "inet6",
	     type == SOCK_STREAM ? "stream" : "seqpacket",
	     flags & SOCK_NONBLOCK ? " nonblock" : "");
	op_begin(t, OP_SOCKET);
	fd = op_end(t, OP_SOCKET, socket(fam, type | flags, SYSFUZZ_PROTO));
	if (fd >= 0)
		sock_setup(t, fd);
	*family = fam;
	return fd;
}

static void do_socket(struct thr *t)
{
	int fam, fd = new_socket(t, &fam);

	table_put(t, fd, fam);
}

/* A listener and a client connected to it, to keep associations around. */
static void do_pair(struct thr *t)
{
	int fam, lfd, cfd, afd;
	struct sockaddr_in6 a;
	socklen_t len;
	char s[80];

	lfd = new_socket(t, &fam);
	if (lfd < 0)
		return;
	memset(&a, 0, sizeof(a));
	if (fam == AF_INET) {
		struct sockaddr_in *sin = (void *)&a;

		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl(chance(t, 50) ? 0x7f000001 : 0x7f000002);
		sin->sin_port = htons(PORT_BASE + rnd(t, NPORTS));
		len = sizeof(*sin);
	} else {
		a.sin6_family = AF_INET6;
		a.sin6_addr = in6addr_loopback;
		a.sin6_port = htons(PORT_BASE + rnd(t, NPORTS));
		len = sizeof(a);
	}
	ARGS(t, "fd=%d %s", lfd, addr_str(&a, len, s, sizeof(s)));
	op_begin(t, OP_BIND);
	op_end(t, OP_BIND, bind(lfd, (void *)&a, len));
	ARGS(t, "fd=%d 16", lfd);
	op_begin(t, OP_LISTEN);
	op_end(t, OP_LISTEN, listen(lfd, 16));
	table_put(t, lfd, fam);
	cfd = new_socket(t, &fam);
	if (cfd < 0)
		return;
	ARGS(t, "fd=%d %s", cfd, addr_str(&a, len, s, sizeof(s)));
	op_begin(t, OP_CONNECT);
	op_end(t, OP_CONNECT, connect(cfd, (void *)&a, len));
	table_put(t, cfd, fam);
	ARGS(t, "fd=%d", lfd);
	op_begin(t, OP_ACCEPT);
	afd = op_end(t, OP_ACCEPT, accept4(lfd, NULL, NULL, SOCK_NONBLOCK));
	if (afd >= 0) {
		set_timeouts(afd);
		table_put(t, afd, fam);
	}
}

static void do_bind(struct thr *t)
{
	int fam, fd = table_peek(t, &fam);
	struct sockaddr_in6 a;
	socklen_t len = gen_addr(t, &a, chance(t, 85) ? fam : 0);
	char s[80];

	ARGS(t, "fd=%d %s", fd, addr_str(&a, len, s, sizeof(s)));
	op_begin(t, OP_BIND);
	op_end(t, OP_BIND, bind(fd, maybe_bad(t, &a, len), len));
}

static void do_bindx(struct thr *t)
{
	int fam, fd = table_peek(t, &fam), n;
	int name = chance(t, 70) ? SCTP_SOCKOPT_BINDX_ADD : SCTP_SOCKOPT_BINDX_REM;
	int len = gen_addrs(t, fam, &n);

	ARGS(t, "fd=%d %s n=%d len=%d", fd,
	     name == SCTP_SOCKOPT_BINDX_ADD ? "add" : "rem", n, len);
	op_begin(t, OP_BINDX);
	op_end(t, OP_BINDX, setsockopt(fd, SOL_SCTP, name,
				       maybe_bad(t, t->addrs, len), len));
}

static void do_listen(struct thr *t)
{
	static const int bl[] = { 0, 1, 2, 5, 16, 128, 4096, -1, 0x7fffffff };
	int fd = table_peek(t, NULL);
	int b = bl[rnd(t, NELEM(bl))];

	ARGS(t, "fd=%d %d", fd, b);
	op_begin(t, OP_LISTEN);
	op_end(t, OP_LISTEN, listen(fd, b));
}

static void do_connect(struct thr *t)
{
	int fam, fd = table_peek(t, &fam);
	struct sockaddr_in6 a;
	socklen_t len = gen_addr(t, &a, chance(t, 85) ? fam : 0);
	char s[80];

	/* most destinations: a port something may listen on */
	ARGS(t, "fd=%d %s", fd, addr_str(&a, len, s, sizeof(s)));
	op_begin(t, OP_CONNECT);
	op_end(t, OP_CONNECT, connect(fd, maybe_bad(t, &a, len), len));
}

static void do_connectx(struct thr *t)
{
	int fam, fd = table_peek(t, &fam), n, len, ret;
	uint32_t r = rnd(t, 3);

	len = gen_addrs(t, fam, &n);
	if (r < 2) {
		int name = r ? SCTP_SOCKOPT_CONNECTX : SCTP_SOCKOPT_CONNECTX_OLD;

		ARGS(t, "fd=%d %s n=%d len=%d", fd, r ? "connectx" : "connectx_old", n, len);
		op_begin(t, OP_CONNECTX);
		ret = op_end(t, OP_CONNECTX, setsockopt(fd, SOL_SCTP, name,
					maybe_bad(t, t->addrs, len), len));
		if (ret > 0 && name == SCTP_SOCKOPT_CONNECTX)
			assoc_record(t, ret);
	} else {
		struct sctp_getaddrs_old p = {
			.assoc_id = 0,
			.addr_num = chance(t, 90) ? len : (int)interesting32(t),
			.addrs = maybe_bad(t, t->addrs, len),
		};
		socklen_t plen = pick_len(t, sizeof(p));

		if (plen > sizeof(t->optbuf))
			plen = sizeof(p);
		memset(t->optbuf, 0, sizeof(t->optbuf));
		memcpy(t->optbuf, &p, sizeof(p));
		ARGS(t, "fd=%d connectx3 n=%d len=%d optlen=%u", fd, n, len, plen);
		op_begin(t, OP_CONNECTX);
		ret = op_end(t, OP_CONNECTX, getsockopt(fd, SOL_SCTP,
				SCTP_SOCKOPT_CONNECTX3, t->optbuf, &plen));
		if (!ret) {
			memcpy(&p, t->optbuf, sizeof(p));
			assoc_record(t, p.assoc_id);
		}
	}
}

static void do_accept(struct thr *t)
{
	int fd = table_peek(t, NULL), nfd, flags = 0;
	struct sockaddr_in6 a;
	socklen_t len = chance(t, 80) ? sizeof(a) : rnd(t, sizeof(a));
	int with_addr = chance(t, 60);

	a.sin6_family = AF_INET6;

	if (chance(t, 70))
		flags |= SOCK_NONBLOCK;
	if (chance(t, 20))
		flags |= SOCK_CLOEXEC;
	ARGS(t, "fd=%d flags=%#x addrlen=%d", fd, flags, with_addr ? (int)len : -1);
	op_begin(t, OP_ACCEPT);
	nfd = op_end(t, OP_ACCEPT, accept4(fd, with_addr ? (void *)&a : NULL,
					   with_addr ? &len : NULL, flags));
	if (nfd >= 0) {
		set_timeouts(nfd);
		table_put(t, nfd, a.sin6_family == AF_INET ? AF_INET : AF_INET6);
	}
}

/* One cmsg of a random kind at p (room bytes left); returns its size
 * (CMSG_SPACE) or 0 when there is no room.
 */
static size_t gen_cmsg(struct thr *t, char *p, size_t room)
{
	struct cmsghdr *c = (void *)p;
	size_t dlen;
	int type, level = SOL_SCTP;
	union {
		struct sctp_initmsg init;
		struct sctp_sndrcvinfo sri;
		struct sctp_sndinfo sni;
		struct sctp_prinfo pri;
		struct sctp_authinfo aui;
		struct in_addr a4;
		struct in6_addr a6;
		char raw[64];
	} d;
	static const uint16_t sflags[] = {
		SCTP_UNORDERED, SCTP_ADDR_OVER, SCTP_ABORT, SCTP_SACK_IMMEDIATELY,
		SCTP_SENDALL, SCTP_EOF, SCTP_PR_SCTP_ALL,
	};
	uint16_t fl = 0;
	int i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < 2; i++)
		if (chance(t, 30))
			fl |= sflags[rnd(t, NELEM(sflags))];
	if (chance(t, 3))
		fl = (uint16_t)next64(t);
	switch (rnd(t, 9)) {
	case 0:
		type = SCTP_INIT;
		dlen = sizeof(d.init);
		d.init.sinit_num_ostreams = chance(t, 90) ? rnd(t, 20) : 65535;
		d.init.sinit_max_instreams = rnd(t, 20);
		d.init.sinit_max_attempts = rnd(t, 5);
		d.init.sinit_max_init_timeo = rnd(t, 1000);
		break;
	case 1:
		type = SCTP_SNDRCV;
		dlen = sizeof(d.sri);
		d.sri.sinfo_stream = chance(t, 80) ? rnd(t, 12) : (uint16_t)next64(t);
		d.sri.sinfo_flags = fl;
		d.sri.sinfo_ppid = (uint32_t)next64(t);
		d.sri.sinfo_context = rnd(t, 10);
		d.sri.sinfo_timetolive = chance(t, 80) ? 0 : interesting32(t);
		d.sri.sinfo_assoc_id = assoc_pick(t);
		break;
	case 2:
		type = SCTP_SNDINFO;
		dlen = sizeof(d.sni);
		d.sni.snd_sid = chance(t, 80) ? rnd(t, 12) : (uint16_t)next64(t);
		d.sni.snd_flags = fl;
		d.sni.snd_ppid = (uint32_t)next64(t);
		d.sni.snd_assoc_id = assoc_pick(t);
		break;
	case 3:
		type = SCTP_PRINFO;
		dlen = sizeof(d.pri);
		d.pri.pr_policy = rnd(t, 5) << 4;
		d.pri.pr_value = interesting32(t);
		break;
	case 4:
		type = SCTP_AUTHINFO;
		dlen = sizeof(d.aui);
		d.aui.auth_keynumber = rnd(t, 3);
		break;
	case 5:
		type = SCTP_DSTADDRV4;
		dlen = sizeof(d.a4);
		d.a4.s_addr = htonl(chance(t, 50) ? 0x7f000001 : 0x7f000002);
		break;
	case 6:
		type = SCTP_DSTADDRV6;
		dlen = sizeof(d.a6);
		d.a6 = in6addr_loopback;
		break;
	case 7:
		/* unknown SCTP cmsg, or a SOL_SOCKET one */
		type = rnd(t, 16);
		if (chance(t, 40)) {
			level = SOL_SOCKET;
			type = rnd(t, 80);
		}
		dlen = rnd(t, sizeof(d.raw) + 1);
		rnd_fill(t, d.raw, dlen);
		break;
	default:
		level = chance(t, 50) ? IPPROTO_IP : IPPROTO_IPV6;
		type = rnd(t, 70);
		dlen = rnd(t, sizeof(d.raw) + 1);
		rnd_fill(t, d.raw, dlen);
		break;
	}
	/* data length wrong by a bit */
	if (chance(t, 8))
		dlen = dlen ? dlen - 1 - rnd(t, dlen) : 1;
	else if (chance(t, 5))
		dlen += 1 + rnd(t, 8);
	if (dlen > sizeof(d))
		dlen = sizeof(d);
	if (CMSG_SPACE(dlen) > room)
		return 0;
	memset(p, 0, CMSG_SPACE(dlen));
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(dlen);
	memcpy(CMSG_DATA(c), &d, dlen);
	/* cmsg_len itself wrong: truncated, oversized, absurd */
	switch (rnd(t, 40)) {
	case 0: c->cmsg_len = rnd(t, sizeof(*c)); break;
	case 1: c->cmsg_len += 1 + rnd(t, 64); break;
	case 2: c->cmsg_len = interesting32(t); break;
	default: break;
	}
	return CMSG_SPACE(dlen);
}

static size_t pick_size(struct thr *t)
{
	uint32_t r = rnd(t, 100);

	if (r < 5)
		return 0;
	if (r < 35)
		return 1 + rnd(t, 64);
	if (r < 65)
		return 65 + rnd(t, 1500);
	if (r < 85)
		return 1500 + rnd(t, 16 * 1024);
	return 16 * 1024 + rnd(t, MAX_SEND - 16 * 1024 + 1);
}

static void do_sendmsg(struct thr *t)
{
	int fam, fd = table_peek(t, &fam), flags = 0, niov, i;
	struct sockaddr_in6 a;
	struct iovec iov[8];
	struct msghdr m;
	size_t total = pick_size(t), left, clen = 0;
	char s[80] = "-";

	memset(&m, 0, sizeof(m));
	if (chance(t, 50)) {
		m.msg_namelen = gen_addr(t, &a, chance(t, 85) ? fam : 0);
		m.msg_name = maybe_bad(t, &a, m.msg_namelen);
		addr_str(&a, m.msg_namelen, s, sizeof(s));
	}
	niov = chance(t, 3) ? 0 : 1 + (chance(t, 30) ? rnd(t, 8) : 0);
	left = total;
	for (i = 0; i < niov; i++) {
		size_t l = i == niov - 1 ? left : rnd(t, left + 1);

		iov[i].iov_base = t->sbuf + rnd(t, BUF_SIZE - l + 1);
		iov[i].iov_len = l;
		if (chance(t, 2))
			iov[i].iov_base = chance(t, 50) ? bad_page : NULL;
		left -= l;
	}
	m.msg_iov = niov ? iov : NULL;
	m.msg_iovlen = niov;
	if (chance(t, 60)) {
		int n = 1 + rnd(t, 3);

		for (i = 0; i < n; i++)
			clen += gen_cmsg(t, t->cbuf + clen, sizeof(t->cbuf) - clen);
		m.msg_control = maybe_bad(t, t->cbuf, clen);
		m.msg_controllen = clen;
		if (chance(t, 5))
			m.msg_controllen = rnd(t, clen + 1);
		else if (chance(t, 3))
			m.msg_controllen = clen + rnd(t, 64);
	}
	if (chance(t, 85))
		flags |= MSG_DONTWAIT;
	if (chance(t, 10))
		flags |= MSG_EOR;
	if (chance(t, 10))
		flags |= MSG_MORE;
	if (chance(t, 2))
		flags |= MSG_OOB;
	if (chance(t, 3))
		flags |= MSG_CONFIRM;
	if (chance(t, 2))
		flags |= MSG_ZEROCOPY;
	if (chance(t, 50))
		flags |= MSG_NOSIGNAL;
	ARGS(t, "fd=%d to=%s iov=%d len=%zu clen=%zu/%zu flags=%#x", fd, s, niov,
	     total, (size_t)m.msg_controllen, clen, flags);
	op_begin(t, OP_SENDMSG);
	op_end(t, OP_SENDMSG, sendmsg(fd, &m, flags));
}

static void parse_received(struct thr *t, struct msghdr *m, ssize_t n, char *buf)
{
	struct cmsghdr *c;

	if ((m->msg_flags & MSG_NOTIFICATION) && buf &&
	    n >= (ssize_t)sizeof(struct sctp_assoc_change)) {
		union sctp_notification *sn = (void *)buf;

		if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE)
			assoc_record(t, sn->sn_assoc_change.sac_assoc_id);
		else if (sn->sn_header.sn_type == SCTP_SHUTDOWN_EVENT)
			assoc_record(t, sn->sn_shutdown_event.sse_assoc_id);
	}
	if (m->msg_control != t->cbuf)
		return;
	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		if (c->cmsg_level != SOL_SCTP)
			continue;
		if (c->cmsg_type == SCTP_SNDRCV &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct sctp_sndrcvinfo))) {
			struct sctp_sndrcvinfo s;

			memcpy(&s, CMSG_DATA(c), sizeof(s));
			assoc_record(t, s.sinfo_assoc_id);
		} else if (c->cmsg_type == SCTP_RCVINFO &&
			   c->cmsg_len >= CMSG_LEN(sizeof(struct sctp_rcvinfo))) {
			struct sctp_rcvinfo r;

			memcpy(&r, CMSG_DATA(c), sizeof(r));
			assoc_record(t, r.rcv_assoc_id);
		}
	}
}

static void do_recvmsg(struct thr *t)
{
	static const size_t sizes[] = { 0, 1, 7, 64, 1500, 9000, 65536, MAX_SEND };
	static const size_t csizes[] = { 0, 8, 16, 24, 32, 48, 64, 256, 1024 };
	int fd = table_peek(t, NULL), flags = 0, niov = 1 + (chance(t, 20) ? 1 : 0);
	struct sockaddr_in6 a;
	struct iovec iov[2];
	struct msghdr m;
	size_t len = sizes[rnd(t, NELEM(sizes))];
	ssize_t n;

	memset(&m, 0, sizeof(m));
	iov[0].iov_base = t->rbuf;
	iov[0].iov_len = niov == 2 ? len / 2 : len;
	iov[1].iov_base = t->rbuf + len / 2;
	iov[1].iov_len = len - len / 2;
	if (chance(t, 2))
		iov[niov - 1].iov_base = chance(t, 50) ? bad_page : NULL;
	m.msg_iov = iov;
	m.msg_iovlen = niov;
	if (chance(t, 60)) {
		static const socklen_t nl[] = { 0, 8, 16, 28, sizeof(a) };

		m.msg_name = maybe_bad(t, &a, sizeof(a));
		m.msg_namelen = nl[rnd(t, NELEM(nl))];
	}
	if (chance(t, 50)) {
		m.msg_controllen = csizes[rnd(t, NELEM(csizes))];
		m.msg_control = maybe_bad(t, t->cbuf, m.msg_controllen);
	}
	if (chance(t, 75))
		flags |= MSG_DONTWAIT;
	if (chance(t, 20))
		flags |= MSG_PEEK;
	if (chance(t, 15))
		flags |= MSG_TRUNC;
	if (chance(t, 10))
		flags |= MSG_WAITALL;
	if (chance(t, 2))
		flags |= MSG_ERRQUEUE;
	if (chance(t, 2))
		flags |= MSG_OOB;
	if (chance(t, 5))
		flags |= MSG_CMSG_CLOEXEC;
	ARGS(t, "fd=%d len=%zu iov=%d name=%u clen=%zu flags=%#x", fd, len, niov,
	     m.msg_namelen, (size_t)m.msg_controllen, flags);
	op_begin(t, OP_RECVMSG);
	n = op_end(t, OP_RECVMSG, recvmsg(fd, &m, flags));
	if (n >= 0 && iov[0].iov_base == t->rbuf)
		parse_received(t, &m, n < (ssize_t)iov[0].iov_len ? n : (ssize_t)iov[0].iov_len,
			       t->rbuf);
}

static void do_setsockopt(struct thr *t)
{
	int fd = table_peek(t, NULL), level, name, exact, len;
	const struct optinfo *oi;
	void *p;

	pick_opt(t, &level, &name, &oi);
	exact = oi ? oi->size : 4 * (int)rnd(t, 64);
	len = pick_len(t, exact);
	if (len > (int)sizeof(t->optbuf))
		len = sizeof(t->optbuf);
	gen_optval(t, level, name, oi, t->optbuf, len > 0 ? len : 0);
	sanitize_sockopt(t, level, name, t->optbuf, len);
	p = t->optbuf;
	if (level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO ||
				    name == SO_RCVTIMEO_NEW || name == SO_SNDTIMEO_NEW ||
				    name == SO_LINGER)) {
		/* a partial copy could leave a zero (infinite) timeout */
		if (len > 0 && len < exact)
			len = 0;
	} else {
		p = maybe_bad(t, t->optbuf, len);
	}
	ARGS(t, "fd=%d level=%d name=%d len=%d%s", fd, level, name, len,
	     p == t->optbuf ? "" : " badptr");
	op_begin(t, OP_SETSOCKOPT);
	op_end(t, OP_SETSOCKOPT, setsockopt(fd, level, name, p, len));
}

static void after_getsockopt(struct thr *t, int level, int name, int ret, socklen_t len)
{
	if (ret < 0 || level != SOL_SCTP)
		return;
	switch (name) {
	case SCTP_SOCKOPT_PEELOFF:
	case SCTP_SOCKOPT_PEELOFF_FLAGS: {
		sctp_peeloff_arg_t p;

		if (len >= sizeof(p)) {
			memcpy(&p, t->optbuf, sizeof(p));
			if (p.sd > 2) {
				set_timeouts(p.sd);
				table_put(t, p.sd, AF_INET6);
			}
		}
		break;
	}
	case SCTP_GET_ASSOC_ID_LIST: {
		struct sctp_assoc_ids *ids = (void *)t->optbuf;
		uint32_t i;

		if (len < sizeof(*ids))
			break;
		for (i = 0; i < ids->gaids_number_of_ids &&
		     sizeof(*ids) + (i + 1) * sizeof(sctp_assoc_t) <= len; i++)
			assoc_record(t, ids->gaids_assoc_id[i]);
		break;
	}
	case SCTP_STATUS:
		if (len >= sizeof(struct sctp_status))
			assoc_record(t, ((struct sctp_status *)t->optbuf)->sstat_assoc_id);
		break;
	}
}

static void do_getsockopt(struct thr *t)
{
	int fd = table_peek(t, NULL), level, name, exact, ret;
	const struct optinfo *oi;
	socklen_t len, *lp = &len;
	void *p;
	int l;

	pick_opt(t, &level, &name, &oi);
	exact = oi ? oi->size : 4 * (int)rnd(t, 64);
	if (level == SOL_SCTP && (name == SCTP_GET_ASSOC_ID_LIST ||
				  name == SCTP_GET_PEER_ADDRS ||
				  name == SCTP_GET_LOCAL_ADDRS) && chance(t, 50))
		exact = 256 + rnd(t, 1024);
	l = pick_len(t, exact);
	if (l > (int)sizeof(t->optbuf))
		l = sizeof(t->optbuf);
	gen_optval(t, level, name, oi, t->optbuf, l > 0 ? l : 0);
	/* a kernel that returns 0 without a descriptor must not make us
	 * take one we do not own
	 */
	if (level == SOL_SCTP && (name == SCTP_SOCKOPT_PEELOFF ||
				  name == SCTP_SOCKOPT_PEELOFF_FLAGS))
		put32(t->optbuf, l, 4, (uint32_t)-1);
	len = l;
	p = maybe_bad(t, t->optbuf, l);
	if (chance(t, 2))
		lp = (void *)bad_page;
	ARGS(t, "fd=%d level=%d name=%d len=%d%s", fd, level, name, l,
	     p == t->optbuf && lp == &len ? "" : " badptr");
	op_begin(t, OP_GETSOCKOPT);
	ret = op_end(t, OP_GETSOCKOPT, getsockopt(fd, level, name, p, lp));
	if (p == t->optbuf && lp == &len)
		after_getsockopt(t, level, name, ret, len);
}

/* nsctp's own door to the same peeloff: NSCTP_IOC_PEELOFF (the in-tree
 * module answers it as any unknown ioctl).
 */
static void do_peeloff_ioctl(struct thr *t, int fd)
{
	struct nsctp_peeloff_arg a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.assoc_id = assoc_pick(t);
	a.sd = -1;
	a.flags = chance(t, 90) ? (chance(t, 50) ? SOCK_NONBLOCK : 0) |
				  (chance(t, 50) ? SOCK_CLOEXEC : 0) :
				  interesting32(t);
	if (chance(t, 5))
		a.reserved = interesting32(t);
	ARGS(t, "fd=%d assoc=%d flags=%#x reserved=%#x (ioctl)", fd,
	     a.assoc_id, a.flags, a.reserved);
	op_begin(t, OP_PEELOFF);
	ret = op_end(t, OP_PEELOFF, ioctl(fd, NSCTP_IOC_PEELOFF,
					  maybe_bad(t, &a, sizeof(a))));
	if (ret > 2) {
		set_timeouts(ret);
		table_put(t, ret, AF_INET6);
	}
}

static void do_peeloff(struct thr *t)
{
	int fd = table_peek(t, NULL), ret, flagged = chance(t, 40);
	sctp_peeloff_flags_arg_t pf;
	socklen_t len;

	if (chance(t, 33)) {
		do_peeloff_ioctl(t, fd);
		return;
	}
	memset(&pf, 0, sizeof(pf));
	pf.p_arg.associd = assoc_pick(t);
	pf.p_arg.sd = -1;
	if (flagged) {
		pf.flags = chance(t, 80) ? (chance(t, 50) ? SOCK_NONBLOCK : 0) |
					   (chance(t, 50) ? SOCK_CLOEXEC : 0) :
					   interesting32(t);
		len = sizeof(pf);
	} else {
		len = sizeof(pf.p_arg);
	}
	if (chance(t, 10))
		len = pick_len(t, len);
	memcpy(t->optbuf, &pf, sizeof(pf));
	ARGS(t, "fd=%d assoc=%d flags=%#x len=%u%s", fd, pf.p_arg.associd, pf.flags,
	     len, flagged ? " (flags)" : "");
	op_begin(t, OP_PEELOFF);
	ret = op_end(t, OP_PEELOFF, getsockopt(fd, SOL_SCTP, flagged ?
			SCTP_SOCKOPT_PEELOFF_FLAGS : SCTP_SOCKOPT_PEELOFF,
			t->optbuf, &len));
	after_getsockopt(t, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, ret, len);
}

static void do_shutdown(struct thr *t)
{
	int fd = table_peek(t, NULL), how = chance(t, 95) ? (int)rnd(t, 3) : (int)rnd(t, 10);

	ARGS(t, "fd=%d how=%d", fd, how);
	op_begin(t, OP_SHUTDOWN);
	op_end(t, OP_SHUTDOWN, shutdown(fd, how));
}

static void do_close(struct thr *t)
{
	int fd = table_take(t, NULL);

	if (fd < 0)
		return;
	ARGS(t, "fd=%d", fd);
	op_begin(t, OP_CLOSE);
	op_end(t, OP_CLOSE, close(fd));
}

static void do_abort(struct thr *t)
{
	struct linger l = { 1, 0 };
	int fd = table_take(t, NULL);

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	ARGS(t, "fd=%d (linger 1,0)", fd);
	op_begin(t, OP_ABORT);
	op_end(t, OP_ABORT, close(fd));
}

static void do_ioctl(struct thr *t)
{
	static const unsigned long req[] = { SIOCINQ, SIOCOUTQ, FIONREAD, SIOCOUTQNSD,
					     FIONBIO, SIOCATMARK };
	int fd = table_peek(t, NULL), v = rnd(t, 2);
	unsigned long r = req[rnd(t, NELEM(req))];
	void *p = maybe_bad(t, &v, sizeof(v));

	ARGS(t, "fd=%d req=%#lx%s", fd, r, p == &v ? "" : " badptr");
	op_begin(t, OP_IOCTL);
	op_end(t, OP_IOCTL, ioctl(fd, r, p));
}

static void do_poll(struct thr *t)
{
	static const short ev[] = { POLLIN, POLLOUT, POLLPRI, POLLRDHUP, POLLERR };
	struct pollfd p[4];
	int n = 1 + rnd(t, 4), i, j;

	for (i = 0; i < n; i++) {
		p[i].fd = table_peek(t, NULL);
		p[i].events = 0;
		for (j = 0; j < 2; j++)
			p[i].events |= ev[rnd(t, NELEM(ev))];
	}
	ARGS(t, "n=%d fd0=%d", n, p[0].fd);
	op_begin(t, OP_POLL);
	op_end(t, OP_POLL, poll(p, n, rnd(t, 11)));
}

static void do_dup2(struct thr *t)
{
	int fam, src = table_peek(t, NULL), dst = table_take(t, &fam);

	if (dst < 0)
		return;
	ARGS(t, "%d -> %d", src, dst);
	op_begin(t, OP_DUP2);
	op_end(t, OP_DUP2, dup2(src, dst));
	/* dst is open again (src's socket) or, if src was bad, as it was */
	table_put(t, dst, fam);
}

static void do_dup(struct thr *t)
{
	int fam, fd = table_peek(t, &fam), nfd;

	ARGS(t, "fd=%d", fd);
	op_begin(t, OP_DUP);
	nfd = op_end(t, OP_DUP, fcntl(fd, chance(t, 50) ? F_DUPFD : F_DUPFD_CLOEXEC, 3));
	table_put(t, nfd, fam);
}

static void do_fcntl(struct thr *t)
{
	int fd = table_peek(t, NULL), fl = chance(t, 50) ? O_NONBLOCK : 0;

	ARGS(t, "fd=%d setfl=%#x", fd, fl);
	op_begin(t, OP_FCNTL);
	op_end(t, OP_FCNTL, fcntl(fd, F_SETFL, fl));
}

static void do_getname(struct thr *t)
{
	static const socklen_t lens[] = { 0, 4, 16, 28, 128 };
	int fd = table_peek(t, NULL), peer = chance(t, 50);
	struct sockaddr_storage a;
	socklen_t len = lens[rnd(t, NELEM(lens))];
	void *p = maybe_bad(t, &a, len);

	ARGS(t, "fd=%d %s len=%u", fd, peer ? "peer" : "sock", len);
	op_begin(t, OP_GETNAME);
	op_end(t, OP_GETNAME, peer ? getpeername(fd, p, &len) : getsockname(fd, p, &len));
}

static void (*const op_fn[NOPS])(struct thr *t) = {
	[OP_SOCKET] = do_socket, [OP_PAIR] = do_pair, [OP_BIND] = do_bind,
	[OP_BINDX] = do_bindx, [OP_LISTEN] = do_listen,
	[OP_CONNECT] = do_connect, [OP_CONNECTX] = do_connectx,
	[OP_ACCEPT] = do_accept, [OP_SENDMSG] = do_sendmsg,
	[OP_RECVMSG] = do_recvmsg, [OP_SETSOCKOPT] = do_setsockopt,
	[OP_GETSOCKOPT] = do_getsockopt, [OP_PEELOFF] = do_peeloff,
	[OP_SHUTDOWN] = do_shutdown, [OP_CLOSE] = do_close,
	[OP_ABORT] = do_abort, [OP_IOCTL] = do_ioctl, [OP_POLL] = do_poll,
	[OP_DUP2] = do_dup2, [OP_DUP] = do_dup, [OP_FCNTL] = do_fcntl,
	[OP_GETNAME] = do_getname,
};

static unsigned int weight_total;

static int pick_op(struct thr *t)
{
	uint32_t r = rnd(t, weight_total);
	int op;

	for (op = 0; op < NOPS; op++) {
		if (r < op_weight[op])
			return op;
		r -= op_weight[op];
	}
	return OP_POLL;
}

static void *thread_main(void *arg)
{
	struct thr *t = arg;

	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		op_fn[pick_op(t)](t);
	return NULL;
}

/* ---- main ---- */

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-s SEED] [-t SECONDS] [-j THREADS] [-v]\n", prog);
	exit(1);
}

static const char *sctp_module(void)
{
	static char name[32] = "?";
	char line[256];
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return name;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "nsctp ", 6)) {
			strcpy(name, "nsctp");
			break;
		}
		if (!strncmp(line, "sctp ", 5))
			strcpy(name, "sctp");
	}
	fclose(f);
	return name;
}

static void report(struct thr *thr, int nthreads, uint64_t seed, long secs)
{
	uint64_t total = 0, calls, errs[NERR];
	int op, i, e;

	printf("sysfuzz: %-11s %10s %10s  errors by errno\n", "op", "calls", "ok");
	for (op = 0; op < NOPS; op++) {
		uint64_t nerr = 0;
		char line[2048];
		int n = 0;

		calls = 0;
		memset(errs, 0, sizeof(errs));
		for (i = 0; i < nthreads; i++) {
			calls += thr[i].calls[op];
			for (e = 0; e < NERR; e++)
				errs[e] += thr[i].errs[op][e];
		}
		/* pair's calls count as socket, bind, listen... */
		if (!calls)
			continue;
		line[0] = '\0';
		for (e = 0; e < NERR; e++) {
			if (!errs[e])
				continue;
			nerr += errs[e];
			if (n < (int)sizeof(line) - 64)
				n += snprintf(line + n, sizeof(line) - n, " %s=%" PRIu64,
					      e ? strerrorname_np(e) ?: "?" : "E?", errs[e]);
		}
		printf("sysfuzz: %-11s %10" PRIu64 " %10" PRIu64 " %s\n", op_name[op],
		       calls, calls - nerr, line);
		total += calls;
	}
	printf("sysfuzz: seed %" PRIu64 " threads %d seconds %ld calls %" PRIu64 "\n",
	       seed, nthreads, secs, total);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	long secs = 60, left;
	int nthreads = 4, opt, i, fd, hung = 0, leftover = 0;
	struct rlimit rl;
	struct thr *thr;
	uint64_t start;

	while ((opt = getopt(argc, argv, "s:t:j:v")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': secs = strtol(optarg, NULL, 0); break;
		case 'j': nthreads = atoi(optarg); break;
		case 'v': verbose = 1; break;
		default: usage(argv[0]);
		}
	}
	if (optind != argc || secs < 0 || nthreads < 1 || nthreads > MAX_THREADS)
		usage(argv[0]);

	signal(SIGPIPE, SIG_IGN);
	signal(SIGURG, SIG_IGN);
	/* the table bounds the descriptors: stay far from the limit anyway */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < 1024) {
		rl.rlim_cur = rl.rlim_max < 1024 ? rl.rlim_max : 1024;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fd = socket(AF_INET, SOCK_STREAM, SYSFUZZ_PROTO);
	if (fd < 0) {
		perror("sysfuzz: socket(IPPROTO_SCTP)");
		return 1;
	}
	close(fd);
	bad_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	edge_page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bad_page == MAP_FAILED || edge_page == MAP_FAILED ||
	    mprotect(edge_page + 4096, 4096, PROT_NONE)) {
		perror("sysfuzz: mmap");
		return 1;
	}
	for (i = 0; i < NSLOTS; i++)
		atomic_init(&slots[i].fd, -1);
	for (i = 0; i < NOPS; i++)
		weight_total += op_weight[i];
	thr = calloc(nthreads, sizeof(*thr));
	if (!thr) {
		perror("sysfuzz: calloc");
		return 1;
	}
	printf("sysfuzz: seed %" PRIu64 " threads %d seconds %ld module %s\n",
	       seed, nthreads, secs, sctp_module());
	fflush(stdout);
	for (i = 0; i < nthreads; i++) {
		uint64_t x = seed ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1));

		thr[i].id = i;
		thr[i].rng = splitmix64(&x) | 1;
		thr[i].sbuf = malloc(BUF_SIZE);
		thr[i].rbuf = malloc(BUF_SIZE);
		if (!thr[i].sbuf || !thr[i].rbuf) {
			perror("sysfuzz: malloc");
			return 1;
		}
		rnd_fill(&thr[i], thr[i].sbuf, BUF_SIZE);
	}
	for (i = 0; i < nthreads; i++) {
		if (pthread_create(&thr[i].tid, NULL, thread_main, &thr[i])) {
			fprintf(stderr, "sysfuzz: pthread_create failed\n");
			return 1;
		}
	}
	start = now_ns();
	for (;;) {
		uint64_t now = now_ns();

		left = secs - (long)((now - start) / 1000000000ULL);
		if (left <= 0)
			break;
		sleep(1);
		for (i = 0; i < nthreads; i++) {
			uint64_t s = atomic_load(&thr[i].op_start);

			if (s && now > s && now - s > STUCK_SECS * 1000000000ULL &&
			    !thr[i].stuck_reported) {
				thr[i].stuck_reported = 1;
				printf("sysfuzz: thread %d stuck in %s for %" PRIu64 " s\n", i,
				       op_name[atomic_load(&thr[i].cur_op)],
				       (uint64_t)((now - s) / 1000000000ULL));
				fflush(stdout);
			}
		}
	}
	atomic_store(&stop, 1);
	for (i = 0; i < nthreads; i++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += STUCK_SECS;
		if (pthread_timedjoin_np(thr[i].tid, NULL, &ts)) {
			printf("sysfuzz: thread %d never returned from %s (%" PRIu64 " s)\n",
			       i, op_name[atomic_load(&thr[i].cur_op)],
			       (uint64_t)((now_ns() - atomic_load(&thr[i].op_start)) / 1000000000ULL));
			hung = 1;
		}
	}
	if (!hung) {
		for (i = 0; i < NSLOTS; i++) {
			fd = atomic_exchange(&slots[i].fd, -1);
			if (fd >= 0)
				close(fd);
		}
		/* descriptors the table lost (none expected) */
		for (fd = 3; fd < 1024; fd++) {
			int proto = 0;
			socklen_t pl = sizeof(proto);

			if (!getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &pl) &&
			    proto == IPPROTO_SCTP && !close(fd))
				leftover++;
		}
		if (leftover)
			printf("sysfuzz: %d descriptors outside the table closed at exit\n",
			       leftover);
	}
	report(thr, nthreads, seed, secs);
	if (hung) {
		printf("sysfuzz: FAIL: a call never returned\n");
		fflush(stdout);
		_exit(2);
	}
	return 0;
}
