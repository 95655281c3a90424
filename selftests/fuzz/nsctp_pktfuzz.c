// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_pktfuzz: crafted and mutated SCTP packets at nsctp, from a peer
 * behind two devices in a network namespace of its own.
 *
 *   nsctp_pktfuzz [-s SEED] [-t SECONDS] [-n PACKETS] [-v] [-N] [-x LETTERS]
 *
 *   nsctp sockets @ 198.51.100.1, 2001:db8::1    (pfztun: TUN, linear skbs)
 *                 @ 203.0.113.1, 2001:db8:1::1   (pfztap: TAP with
 *                                                 IFF_NAPI_FRAGS, paged skbs)
 *   the peer      @ .2 / ::2 of each             (this program, writing and
 *                                                 reading the devices)
 *
 * Listeners on the wildcard address: port 5001 (IPv4, SOCK_STREAM), 5002
 * (IPv4, SOCK_SEQPACKET), 5003 and 5004 (IPv6, both types, IPv4-mapped
 * too); 5005 has none. A server loop (non-blocking, in the same thread)
 * accepts, reads, sometimes pauses (the window closes), answers in small
 * or bulk sends, shuts down, closes, aborts, and connects out to the
 * peer's ports 30000-30007 (the peer answers INIT with INIT ACK).
 *
 * The peer keeps up to NSLOT associations: it does real handshakes (INIT,
 * INIT ACK parsed, COOKIE ECHO, COOKIE ACK) so that it knows both tags
 * and TSNs, answers nsctp's DATA with SACKs, its HEARTBEATs, SHUTDOWNs,
 * and sends conversations: DATA in order, out of order (held back and
 * sent later: loss), fragmented, unordered, on bad streams, SACKs with
 * gaps and duplicates, HEARTBEAT (ACK), SHUTDOWN (ACK, COMPLETE), ABORT,
 * ERROR, COOKIE ECHO replays, ECNE, CWR, FORWARD TSN, I-DATA, RE-CONFIG,
 * ASCONF (ACK), AUTH, PAD, unknown chunk types with each of the four
 * action-bit pairs, INIT / INIT ACK / COOKIE ACK at an established
 * association, random chunks. Bundles of them. Some of these packets are
 * mutated (bit flips, chunk lengths off by 1-8 or extreme, truncation,
 * duplicated, reordered or appended chunks, random parameters, boundary
 * values in fields, wrong / zero / other verification tags, the T bit,
 * random flags) and a few carry a bad CRC32c. Stray packets go at the
 * listeners and the closed port: INITs, replayed and altered cookies
 * (from INIT ACKs nobody followed), out-of-the-blue chunks.
 *
 * Packets to TUN associations are written as one linear skb; to TAP ones
 * mostly with writev() cut at random offsets or at chunk boundaries (one
 * page fragment per further iovec), sometimes whole in the head.
 *
 * Coverage: when /sys/kernel/debug/kcov exists (CONFIG_KCOV), every
 * injection (the device's write runs the receive path in this task) is
 * traced; a packet that reaches a new PC goes into a small corpus that
 * later packets are drawn from, re-aimed at a live association and
 * mutated. Without kcov it runs blind.
 *
 * Every decision comes from one xorshift64* stream seeded with SEED
 * (splitmix64), the server's from a second one: the sequence of draws is
 * fixed by the seed; what they meet depends on what nsctp answered and
 * when (timers), so a run is repeatable up to the stack's timing. -n stops
 * after that many packets; -v prints every injected packet in hex
 * ("pkt N dev fam HEX") to stderr.
 *
 * At the end it closes every socket (SO_LINGER 0: ABORT), prints the
 * chunks sent and answered by type, the non-zero counters of the
 * namespace's /proc/net/sctp/snmp, and "pktfuzz: seed S seconds T packets
 * N (linear L, paged P) handshakes H answers A". Exit status 0; 1 when
 * its own setup failed.
 *
 * -x LETTERS leaves things out, to narrow a finding down: r restarts
 * (INIT, INIT ACK at an association), c cookie replays, e endings
 * (ABORT, SHUTDOWN*), m mutations, s stray packets, o nsctp's connects;
 * the server's a autoclose, p pauses, h shutdown(), g graceful closes.
 *
 * -N stays in the caller's network namespace (which must have no other
 * device on these subnets): after the fuzzer's exit the namespace's
 * /proc/net/sctp/snmp still shows what its associations did.
 */
#define _GNU_SOURCE
#include <net/if_arp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/uio.h>
#include <time.h>
#include <linux/kcov.h>

/* only the packet helpers are used, not the harness it brings along */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "../nsctp_pkt.h"
#pragma GCC diagnostic pop

#include <netinet/sctp.h>

#define FP_MAX		1400	/* SCTP bytes of a packet we send */
#define NSLOT		24	/* the peer's associations */
#define NLOST		16	/* DATA held back per association */
#define COOKIE_MAX	1024
#define NPOOL		8	/* cookies of INIT ACKs no slot followed */
#define NCORPUS		256
#define SFD_MAX		64
#define ETH_HL		14
#define PORT_BASE	5001	/* listeners 5001-5004, 5005 closed */
#define PORT_OUT	30000	/* the peer's ports nsctp connects to */
#define COVER_SIZE	(64 << 10)
#define COV_BITS	22

enum {
	C_DATA = 0, C_INIT = 1, C_INIT_ACK = 2, C_SACK = 3, C_HB = 4,
	C_HB_ACK = 5, C_ABORT = 6, C_SHUTDOWN = 7, C_SHUTDOWN_ACK = 8,
	C_ERROR = 9, C_COOKIE_ECHO = 10, C_COOKIE_ACK = 11, C_ECNE = 12,
	C_CWR = 13, C_SHUTDOWN_COMPLETE = 14, C_AUTH = 15, C_IDATA = 0x40,
	C_ASCONF_ACK = 0x80, C_RECONF = 0x82, C_PAD = 0x84,
	C_FWD_TSN = 0xc0, C_ASCONF = 0xc1, C_IFWD_TSN = 0xc2,
};

static const uint8_t peer_mac[6] = { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x02 };
static const uint8_t tap_mac[6] = { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x01 };

struct fpkt {
	uint8_t b[FP_MAX + 8];
	size_t len;
};

/* ---- PRNG ---- */

struct rng {
	uint64_t s;
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

static uint32_t rn(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rnd(r) >> 32) % n : 0;
}

static int chance(struct rng *r, int pct)
{
	return (int)rn(r, 100) < pct;
}

static void fill(struct rng *r, uint8_t *b, size_t len)
{
	while (len--)
		*b++ = rnd(r) >> 56;
}

/* ---- state ---- */

struct dev {
	int fd;
	int tap;
	char name[IFNAMSIZ];
	uint8_t local4[4], peer4[4], alt4[4];
	uint8_t local6[16], peer6[16], alt6[16];
};

enum { A_FREE, A_INIT_SENT, A_ECHOED, A_INIT_ACKED, A_ESTAB, A_SHUT };

struct held {
	uint32_t tsn;
	uint16_t sid, ssn;
	uint8_t flags;
	uint16_t len;
};

struct assoc {
	int state;
	int dev, family;
	uint16_t lport, pport;	/* nsctp's port, the peer's */
	uint32_t ptag, ltag;	/* the peer's tag, nsctp's */
	uint32_t tsn;		/* the peer's next TSN */
	uint32_t lcum;		/* nsctp's DATA received in order up to */
	uint32_t lacked;	/* nsctp's cumulative ack of ours */
	uint16_t ssn[8];
	uint16_t gen;
	int age, unsacked, ending;
	uint8_t cookie[COOKIE_MAX];
	size_t cookie_len;
	uint8_t hb[256];	/* nsctp's last heartbeat info */
	size_t hb_len;
	struct held held[NLOST];
	int nheld;
};

struct pooled {
	int dev, family;
	uint16_t lport, pport;
	uint32_t ltag;
	uint8_t cookie[COOKIE_MAX];
	size_t len;
};

struct centry {
	struct fpkt p;
	int dev, family;
};

enum { SK_LSN_STREAM, SK_LSN_SEQ, SK_CONN, SK_CLIENT };

struct sfd {
	int fd, kind, family, paused;
	struct sockaddr_storage peer;
	socklen_t plen;
};

static struct dev devs[2];
static struct assoc slots[NSLOT];
static struct pooled pool[NPOOL];
static struct centry *corpus;
static int ncorpus;
static struct sfd sfds[SFD_MAX];
static int nsfd;
static struct rng fz, srv;
static int verbose;
static const char *skip = "";	/* -x: what to leave out */

static struct {
	unsigned long packets, linear, paged, handshakes, answers, badcrc_in;
	unsigned long mutated, badcrc, stray, from_corpus, kcov_new;
	unsigned long accepts, reads, bytes_in, sends, connects, closes;
	unsigned long sent[256], answered[256];
} cnt;

static unsigned long *cover;
static uint8_t *covmap;

/* ---- packets ---- */

static void fp_init(struct fpkt *p, uint16_t sport, uint16_t dport,
		    uint32_t vtag)
{
	memset(p->b, 0, 12);
	put16(p->b, sport);
	put16(p->b + 2, dport);
	put32(p->b + 4, vtag);
	p->len = 12;
}

/* Append a chunk with @vlen value bytes (from @val, or zeros); NULL when
 * it does not fit.
 */
static uint8_t *fp_chunk(struct fpkt *p, uint8_t type, uint8_t flags,
			 const void *val, size_t vlen)
{
	size_t pad = (4 + vlen + 3) & ~3UL;
	uint8_t *c = p->b + p->len;

	if (p->len + pad > FP_MAX)
		return NULL;
	memset(c, 0, pad);
	c[0] = type;
	c[1] = flags;
	put16(c + 2, 4 + vlen);
	if (val)
		memcpy(c + 4, val, vlen);
	p->len += pad;
	return c;
}

static void fp_crc(struct fpkt *p)
{
	uint32_t c;

	if (p->len < 12)
		return;
	memset(p->b + 8, 0, 4);
	c = crc32c(p->b, p->len);
	memcpy(p->b + 8, &c, 4);
}

/* Chunk offsets of @b (whole chunks only). Return: their number. */
static int chunk_offs(const uint8_t *b, size_t len, size_t *off, int max)
{
	size_t o = 12;
	int n = 0;

	while (o + 4 <= len && n < max) {
		uint16_t cl = get16(b + o + 2);

		if (cl < 4 || o + cl > len)
			break;
		off[n++] = o;
		o += (cl + 3) & ~3U;
	}
	return n;
}

/* ---- devices ---- */

static int set_addr4(const char *name, const uint8_t *addr)
{
	struct ifreq ifr = { 0 };
	struct sockaddr_in *a = (void *)&ifr.ifr_addr;
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	a->sin_family = AF_INET;
	memcpy(&a->sin_addr, addr, 4);
	err = ioctl(s, SIOCSIFADDR, &ifr);
	inet_pton(AF_INET, "255.255.255.0", &a->sin_addr);
	err = err ?: ioctl(s, SIOCSIFNETMASK, &ifr);
	err = err ?: ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(s, SIOCSIFFLAGS, &ifr);
	close(s);
	return err;
}

static int set_addr6(const char *name, const uint8_t *addr)
{
	struct in6_ifreq r = { .ifr6_prefixlen = 64 };
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6 };
	int s = socket(AF_INET6, SOCK_DGRAM, 0), err, i, ok = 0;
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 name);
	write_file(path, "0");
	r.ifr6_ifindex = if_nametoindex(name);
	memcpy(&r.ifr6_addr, addr, 16);
	err = ioctl(s, SIOCSIFADDR, &r);
	close(s);
	if (err)
		return err;
	memcpy(&sa.sin6_addr, addr, 16);
	for (i = 0; i < 200 && !ok; i++) {
		s = socket(AF_INET6, SOCK_DGRAM, 0);
		ok = !bind(s, (void *)&sa, sizeof(sa));
		close(s);
		if (!ok)
			usleep(10000);
	}
	return ok ? 0 : -1;
}

static int dev_up(const char *name, const uint8_t *mac)
{
	struct ifreq ifr = { 0 };
	int s = socket(AF_INET, SOCK_DGRAM, 0), err = 0;

	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	if (mac) {
		ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
		memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
		err = ioctl(s, SIOCSIFHWADDR, &ifr);
	}
	err = err ?: ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(s, SIOCSIFFLAGS, &ifr);
	close(s);
	return err;
}

static int neigh4(const char *name, const uint8_t *addr)
{
	struct arpreq arp = { 0 };
	struct sockaddr_in *pa = (void *)&arp.arp_pa;
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	pa->sin_family = AF_INET;
	memcpy(&pa->sin_addr, addr, 4);
	arp.arp_ha.sa_family = ARPHRD_ETHER;
	memcpy(arp.arp_ha.sa_data, peer_mac, 6);
	arp.arp_flags = ATF_PERM | ATF_COM;
	snprintf(arp.arp_dev, sizeof(arp.arp_dev), "%s", name);
	err = ioctl(s, SIOCSARP, &arp);
	close(s);
	return err;
}

static int neigh6(const char *name, const uint8_t *addr)
{
	char cmd[256], a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, addr, a, sizeof(a));
	snprintf(cmd, sizeof(cmd),
		 "ip -6 neigh replace %s lladdr %02x:%02x:%02x:%02x:%02x:%02x dev %s nud permanent",
		 a, peer_mac[0], peer_mac[1], peer_mac[2], peer_mac[3],
		 peer_mac[4], peer_mac[5], name);
	return system(cmd);
}

static void dev_addrs(struct dev *d, const char *l4, const char *p4,
		      const char *a4, const char *l6, const char *p6,
		      const char *a6)
{
	inet_pton(AF_INET, l4, d->local4);
	inet_pton(AF_INET, p4, d->peer4);
	inet_pton(AF_INET, a4, d->alt4);
	inet_pton(AF_INET6, l6, d->local6);
	inet_pton(AF_INET6, p6, d->peer6);
	inet_pton(AF_INET6, a6, d->alt6);
}

/* Return: NULL, or what failed. */
static const char *dev_open(struct dev *d, int tap)
{
	struct ifreq ifr = { 0 };
	char path[128];

	d->tap = tap;
	ifr.ifr_flags = tap ? IFF_TAP | IFF_NO_PI | IFF_NAPI | IFF_NAPI_FRAGS :
			      IFF_TUN | IFF_NO_PI;
	d->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	if (d->fd < 0)
		return "open /dev/net/tun";
	strcpy(ifr.ifr_name, tap ? "pfztap" : "pfztun");
	if (ioctl(d->fd, TUNSETIFF, &ifr))
		return tap ? "TAP with IFF_NAPI_FRAGS" : "TUN";
	memcpy(d->name, ifr.ifr_name, IFNAMSIZ);
	if (tap) {
		memset(&ifr, 0, sizeof(ifr));
		if (ioctl(d->fd, TUNGETIFF, &ifr) ||
		    !(ifr.ifr_flags & IFF_NAPI_FRAGS))
			return "IFF_NAPI_FRAGS did not stick";
		dev_addrs(d, "203.0.113.1", "203.0.113.2", "203.0.113.3",
			  "2001:db8:1::1", "2001:db8:1::2", "2001:db8:1::3");
	} else {
		dev_addrs(d, "198.51.100.1", "198.51.100.2", "198.51.100.3",
			  "2001:db8::1", "2001:db8::2", "2001:db8::3");
	}
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 d->name);
	write_file(path, "0");
	if (dev_up(d->name, tap ? tap_mac : NULL))
		return "device up";
	if (set_addr4(d->name, d->local4) || set_addr6(d->name, d->local6))
		return "addresses";
	if (tap && (neigh4(d->name, d->peer4) || neigh4(d->name, d->alt4) ||
		    neigh6(d->name, d->peer6) || neigh6(d->name, d->alt6)))
		return "neighbour entries";
	return NULL;
}

static size_t ip_put(uint8_t *h, const struct dev *d, int family, int alt,
		     size_t len)
{
	if (family == AF_INET) {
		memset(h, 0, 20);
		h[0] = 0x45;
		put16(h + 2, 20 + len);
		put16(h + 6, 0x4000);
		h[8] = 64;
		h[9] = IPPROTO_SCTP;
		memcpy(h + 12, alt ? d->alt4 : d->peer4, 4);
		memcpy(h + 16, d->local4, 4);
		put16(h + 10, ip_csum(h, 20));
		return 20;
	}
	memset(h, 0, 40);
	h[0] = 0x60;
	put16(h + 4, len);
	h[6] = IPPROTO_SCTP;
	h[7] = 64;
	memcpy(h + 8, alt ? d->alt6 : d->peer6, 16);
	memcpy(h + 24, d->local6, 16);
	return 40;
}

/* ---- kcov ---- */

static void kcov_open(void)
{
	int fd;

	if (access("/sys/kernel/debug/kcov", F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	fd = open("/sys/kernel/debug/kcov", O_RDWR);
	if (fd < 0)
		return;
	if (ioctl(fd, KCOV_INIT_TRACE, COVER_SIZE))
		goto out;
	cover = mmap(NULL, COVER_SIZE * sizeof(unsigned long),
		     PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (cover == MAP_FAILED) {
		cover = NULL;
		goto out;
	}
	covmap = calloc(1, 1 << (COV_BITS - 3));
	corpus = calloc(NCORPUS, sizeof(*corpus));
	if (!covmap || !corpus || ioctl(fd, KCOV_ENABLE, KCOV_TRACE_PC)) {
		munmap(cover, COVER_SIZE * sizeof(unsigned long));
		cover = NULL;
	}
out:
	/* the mapping and the enabled trace outlive the descriptor */
	if (!cover)
		close(fd);
}

/* New PCs since kcov_start()? */
static int kcov_new(void)
{
	unsigned long n = __atomic_load_n(&cover[0], __ATOMIC_RELAXED), i;
	int fresh = 0;

	if (n > COVER_SIZE - 1)
		n = COVER_SIZE - 1;
	for (i = 0; i < n; i++) {
		uint64_t h = (cover[i + 1] * 0x9e3779b97f4a7c15ULL) >>
			     (64 - COV_BITS);

		if (!(covmap[h >> 3] & (1 << (h & 7)))) {
			covmap[h >> 3] |= 1 << (h & 7);
			fresh++;
		}
	}
	return fresh;
}

/* ---- injection ---- */

static void dump(const char *what, int d, int family, const struct fpkt *p)
{
	size_t i;

	fprintf(stderr, "%s %lu %s %d ", what, cnt.packets,
		devs[d].tap ? "tap" : "tun", family == AF_INET ? 4 : 6);
	for (i = 0; i < p->len; i++)
		fprintf(stderr, "%02x", p->b[i]);
	fputc('\n', stderr);
}

static void count_sent(const struct fpkt *p)
{
	size_t off[64];
	int i, n = chunk_offs(p->b, p->len, off, 64);

	for (i = 0; i < n; i++)
		cnt.sent[p->b[off[i]]]++;
}

/*
 * Write @p from the peer (its alternate address when @alt) to nsctp on
 * device @d: one linear skb on the TUN; on the TAP @mode 0 whole in the
 * head, 1 cut at random offsets, 2 cut at chunk boundaries.
 */
static void inject_mode(int d, int family, int alt, struct fpkt *p, int mode)
{
	static uint8_t f[ETH_HL + 40 + FP_MAX + 8];
	struct dev *dv = &devs[d];
	struct iovec iov[18];
	size_t hl, at, cuts[17], off[64];
	int i, n = 0, nc;

	hl = dv->tap ? ETH_HL : 0;
	if (dv->tap) {
		memcpy(f, tap_mac, 6);
		memcpy(f + 6, peer_mac, 6);
		put16(f + 12, family == AF_INET ? 0x0800 : 0x86dd);
	}
	hl += ip_put(f + hl, dv, family, alt, p->len);
	memcpy(f + hl, p->b, p->len);
	if (verbose)
		dump("pkt", d, family, p);
	if (dv->tap && mode == 1) {
		n = 1 + rn(&fz, 16);
		for (i = 0; i < n; i++)
			cuts[i] = rn(&fz, p->len + 1);
	} else if (dv->tap && mode == 2) {
		nc = chunk_offs(p->b, p->len, off, 64);
		for (i = 0; i < nc && n < 16; i++)
			if (chance(&fz, 70))
				cuts[n++] = off[i] + (chance(&fz, 80) ? 0 :
						      rn(&fz, 8));
	}
	/* sort, drop duplicates and cuts at the end */
	for (i = 1; i < n; i++) {
		size_t v = cuts[i];
		int j = i - 1;

		while (j >= 0 && cuts[j] > v) {
			cuts[j + 1] = cuts[j];
			j--;
		}
		cuts[j + 1] = v;
	}
	at = 0;
	nc = 0;
	for (i = 0; i <= n; i++) {
		size_t end = i < n ? hl + cuts[i] : hl + p->len;

		if (end <= at || (i < n && end >= hl + p->len))
			continue;
		iov[nc].iov_base = f + at;
		iov[nc++].iov_len = end - at;
		at = end;
	}
	if (cover)
		__atomic_store_n(&cover[0], 0, __ATOMIC_RELAXED);
	if (writev(dv->fd, iov, nc) < 0 && errno != EAGAIN && errno != EIO &&
	    errno != EINVAL && verbose)
		fprintf(stderr, "pktfuzz: write: %s\n", strerror(errno));
	if (cover && kcov_new()) {
		int slot = ncorpus < NCORPUS ? ncorpus++ :
			   (int)rn(&fz, NCORPUS);
		struct centry *c = &corpus[slot];

		c->p = *p;
		c->dev = d;
		c->family = family;
		cnt.kcov_new++;
	}
	cnt.packets++;
	if (nc > 1)
		cnt.paged++;
	else
		cnt.linear++;
	count_sent(p);
}

static void inject(int d, int family, struct fpkt *p)
{
	int mode = 0, r = rn(&fz, 10);

	if (devs[d].tap)
		mode = r < 5 ? 1 : r < 8 ? 2 : 0;
	inject_mode(d, family, chance(&fz, 3), p, mode);
}

/* ---- chunk builders ---- */

static const uint16_t param_types[] = {
	1, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 0x8000, 0x8002,
	0x8003, 0x8004, 0x8005, 0x8008, 0xc000, 0xc001, 0xc002, 0xc003,
	0xc004, 0xc005, 0xc006, 0x1234, 0x4321, 0x8765, 0xc321,
};

/* Append one random TLV parameter at @c of at most @room bytes. Return:
 * its padded length.
 */
static size_t rand_param(uint8_t *c, size_t room)
{
	size_t vl = rn(&fz, 4) ? rn(&fz, 24) : rn(&fz, 300), pl;
	uint16_t t = chance(&fz, 80) ?
		     param_types[rn(&fz, sizeof(param_types) / 2)] :
		     (uint16_t)rnd(&fz);

	pl = (4 + vl + 3) & ~3UL;
	if (pl > room)
		return 0;
	put16(c, t);
	put16(c + 2, chance(&fz, 90) ? 4 + vl : rn(&fz, 0x10000));
	fill(&fz, c + 4, pl - 4);
	if (chance(&fz, 50))
		memset(c + 4 + vl, 0, pl - 4 - vl);
	return pl;
}

static size_t param(uint8_t *v, uint16_t type, const void *val, size_t len)
{
	put16(v, type);
	put16(v + 2, 4 + len);
	if (val)
		memcpy(v + 4, val, len);
	else
		memset(v + 4, 0, len);
	memset(v + 4 + len, 0, ((len + 3) & ~3UL) - len);
	return 4 + ((len + 3) & ~3UL);
}

/* An INIT or INIT ACK chunk with random optional parameters. */
static void add_init(struct fpkt *p, uint8_t type, uint32_t tag, uint32_t tsn,
		     const struct dev *d, int family, int wild)
{
	static const uint8_t ext[] = { C_IDATA, C_FWD_TSN, C_RECONF, C_ASCONF,
				       C_ASCONF_ACK, C_AUTH, C_IFWD_TSN, C_PAD };
	uint8_t v[FP_MAX], buf[64];
	size_t n = 16, room;
	int i, k;

	put32(v, tag);
	put32(v + 4, chance(&fz, 90) ? 65536 : rn(&fz, 4) ? rn(&fz, 3000) :
		     (uint32_t)rnd(&fz));
	put16(v + 8, chance(&fz, 85) ? 10 : rn(&fz, 3) ? 1 + rn(&fz, 100) :
		     (uint16_t)rnd(&fz));
	put16(v + 10, chance(&fz, 85) ? 10 : rn(&fz, 3) ? 1 + rn(&fz, 100) :
		      (uint16_t)rnd(&fz));
	put32(v + 12, tsn);
	if (p->len + 4 + 16 + 128 > FP_MAX)
		return;
	room = FP_MAX - p->len - 4 - 64;
	if (type == C_INIT_ACK) {
		fill(&fz, buf, 32);
		n += param(v + n, 7, buf, 8 + rn(&fz, 24));
	}
	k = chance(&fz, 40) ? 0 : rn(&fz, 8);
	for (i = 0; i < k && n + 80 < room; i++) {
		switch (rn(&fz, wild ? 12 : 10)) {
		case 0:
			put16(buf, 5);
			put16(buf + 2, 6);
			n += param(v + n, 12, buf, 2 + 2 * rn(&fz, 2));
			break;
		case 1:
			n += param(v + n, 0x8000, NULL, 0);
			break;
		case 2:
			n += param(v + n, 0xc000, NULL, 0);
			break;
		case 3:
			n += param(v + n, 0x8008, ext, 1 + rn(&fz, sizeof(ext)));
			break;
		case 4:
			n += param(v + n, 5, chance(&fz, 50) ? d->peer4 : d->alt4, 4);
			break;
		case 5:
			n += param(v + n, 6, chance(&fz, 50) ? d->peer6 : d->alt6, 16);
			break;
		case 6:
			put32(buf, rn(&fz, 3) ? 1000 : (uint32_t)rnd(&fz));
			n += param(v + n, 9, buf, 4);
			break;
		case 7:
			put32(buf, rnd(&fz));
			n += param(v + n, 0xc006, buf, 4);
			break;
		case 8:
			fill(&fz, buf, 32);
			n += param(v + n, 0x8002, buf, 32);
			buf[0] = C_ASCONF;
			buf[1] = C_ASCONF_ACK;
			n += param(v + n, 0x8003, buf, 2);
			put16(buf, 1);
			n += param(v + n, 0x8004, buf, 2);
			break;
		case 9:
			/* unknown, each action-bit pair */
			put16(buf, (rn(&fz, 4) << 14) | (0x100 + rn(&fz, 0x100)));
			put16(buf + 2, 8);
			fill(&fz, buf + 4, 4);
			memcpy(v + n, buf, 8);
			n += 8;
			break;
		case 10:
			n += param(v + n, 11, "fuzz.example", 13);
			break;
		default:
			n += rand_param(v + n, room - n);
			break;
		}
	}
	if (family == AF_INET6 && chance(&fz, 10))
		n += param(v + n, 5, d->peer4, 4);
	fp_chunk(p, type, 0, v, n);
}

static uint32_t interesting32(const struct assoc *a)
{
	uint32_t t = a ? a->tsn : 0, c = a ? a->lcum : 0;
	const uint32_t v[] = {
		0, 1, 0x7fffffff, 0x80000000, 0xffffffff, t, t - 1, t + 1000,
		c, c + 1, c - 0x80000000, (uint32_t)rnd(&fz),
	};

	return v[rn(&fz, sizeof(v) / sizeof(v[0]))];
}

static void add_data(struct fpkt *p, uint32_t tsn,
		     uint16_t sid, uint16_t ssn, uint8_t flags, size_t len)
{
	uint8_t *c;

	if (p->len + 16 + len > FP_MAX)
		len = p->len + 16 < FP_MAX ? FP_MAX - p->len - 16 : 0;
	c = fp_chunk(p, C_DATA, flags, NULL, 12 + len);
	if (!c)
		return;
	put32(c + 4, tsn);
	put16(c + 8, sid);
	put16(c + 10, ssn);
	put32(c + 12, chance(&fz, 90) ? 0 : (uint32_t)rnd(&fz));
	fill(&fz, c + 16, len < 16 ? len : 16);
}

static uint16_t pick_sid(void)
{
	if (chance(&fz, 95))
		return rn(&fz, 8);
	return rn(&fz, 2) ? 10 + rn(&fz, 20) : (uint16_t)rnd(&fz);
}

static size_t data_len(void)
{
	if (chance(&fz, 2))
		return 0;
	return chance(&fz, 70) ? 1 + rn(&fz, 64) : 1 + rn(&fz, FP_MAX);
}

static void add_sack(struct fpkt *p, const struct assoc *a)
{
	uint8_t v[12 + 4 * 8 + 4 * 4];
	int gaps = chance(&fz, 70) ? 0 : rn(&fz, 5);
	int dups = chance(&fz, 85) ? 0 : rn(&fz, 4), i;
	uint32_t cum = a->lcum;
	uint16_t s = 1;

	if (chance(&fz, 10))
		cum = chance(&fz, 50) ? cum - 1 - rn(&fz, 10) :
		      cum + 1 + rn(&fz, 10);
	put32(v, cum);
	put32(v + 4, chance(&fz, 85) ? 65536 : rn(&fz, 2) ? 0 :
		     (uint32_t)rnd(&fz));
	put16(v + 8, gaps);
	put16(v + 10, dups);
	for (i = 0; i < gaps; i++) {
		uint16_t st = s + 1 + rn(&fz, 4), en = st + rn(&fz, 4);

		if (chance(&fz, 10)) {
			st = rnd(&fz);
			en = rnd(&fz);
		}
		put16(v + 12 + 4 * i, st);
		put16(v + 14 + 4 * i, en);
		s = en;
	}
	for (i = 0; i < dups; i++)
		put32(v + 12 + 4 * gaps + 4 * i, cum - rn(&fz, 5));
	fp_chunk(p, C_SACK, 0, v, 12 + 4 * gaps + 4 * dups);
}

static void add_cause(uint8_t *v, size_t *n)
{
	uint16_t code = rn(&fz, 4) ? 1 + rn(&fz, 13) : (uint16_t)rnd(&fz);
	size_t vl = 4;

	switch (code) {
	case 1:		/* invalid stream: stream, reserved */
	case 3:		/* stale cookie: staleness */
		put32(v + *n + 4, rnd(&fz));
		break;
	case 2:		/* missing mandatory parameter: count, types */
		put32(v + *n + 4, 1);
		put16(v + *n + 8, 7);
		vl = 6;
		break;
	case 6:		/* unrecognised chunk: the chunk */
		put32(v + *n + 4, 0xe5000004);
		break;
	case 13:	/* protocol violation: text */
		memcpy(v + *n + 4, "fuzz", 4);
		break;
	default:
		vl = rn(&fz, 3) ? 0 : rn(&fz, 32);
		fill(&fz, v + *n + 4, vl);
	}
	put16(v + *n, code);
	put16(v + *n + 2, chance(&fz, 95) ? 4 + vl : rn(&fz, 64));
	*n += 4 + ((vl + 3) & ~3UL);
}

enum {
	K_DATA, K_DATA_FRAG, K_DATA_LOSE, K_DATA_RETX, K_DATA_DUP, K_SACK,
	K_HB, K_HB_ACK, K_SHUTDOWN, K_SHUTDOWN_ACK, K_SHUTDOWN_COMPLETE,
	K_ABORT, K_ERROR, K_COOKIE_ECHO, K_ECNE, K_CWR, K_FWD_TSN, K_IDATA,
	K_RECONF, K_ASCONF, K_ASCONF_ACK, K_AUTH, K_PAD, K_UNKNOWN, K_INIT,
	K_INIT_ACK, K_COOKIE_ACK, K_RANDOM, K_MAX
};

static const uint8_t kind_weight[K_MAX] = {
	[K_DATA] = 30, [K_DATA_FRAG] = 8, [K_DATA_LOSE] = 6, [K_DATA_RETX] = 6,
	[K_DATA_DUP] = 2, [K_SACK] = 12, [K_HB] = 3, [K_HB_ACK] = 3,
	[K_SHUTDOWN] = 2, [K_SHUTDOWN_ACK] = 1, [K_SHUTDOWN_COMPLETE] = 1,
	[K_ABORT] = 1, [K_ERROR] = 3, [K_COOKIE_ECHO] = 3, [K_ECNE] = 2,
	[K_CWR] = 2, [K_FWD_TSN] = 3, [K_IDATA] = 3, [K_RECONF] = 3,
	[K_ASCONF] = 2, [K_ASCONF_ACK] = 2, [K_AUTH] = 2, [K_PAD] = 2,
	[K_UNKNOWN] = 5, [K_INIT] = 2, [K_INIT_ACK] = 1, [K_COOKIE_ACK] = 1,
	[K_RANDOM] = 2,
};

static unsigned int weight(int k)
{
	if (strchr(skip, 'r') && (k == K_INIT || k == K_INIT_ACK))
		return 0;
	if (strchr(skip, 'c') && k == K_COOKIE_ECHO)
		return 0;
	if (strchr(skip, 'e') && (k == K_ABORT || k == K_SHUTDOWN ||
				  k == K_SHUTDOWN_ACK ||
				  k == K_SHUTDOWN_COMPLETE))
		return 0;
	return kind_weight[k];
}

static int pick_kind(void)
{
	unsigned int sum = 0, r;
	int k;

	for (k = 0; k < K_MAX; k++)
		sum += weight(k);
	r = rn(&fz, sum);
	for (k = 0; k < K_MAX; k++) {
		if (r < weight(k))
			return k;
		r -= weight(k);
	}
	return K_DATA;
}

static void hold(struct assoc *a, uint32_t tsn, uint16_t sid, uint16_t ssn,
		 uint8_t flags, size_t len)
{
	struct held *h;

	if (a->nheld >= NLOST)
		return;
	h = &a->held[a->nheld++];
	h->tsn = tsn;
	h->sid = sid;
	h->ssn = ssn;
	h->flags = flags;
	h->len = len;
}

/* Append one chunk of @kind for the established association @a. Return:
 * the verification tag the packet should carry, or -1 for the usual one.
 */
static int64_t add_kind(struct fpkt *p, struct assoc *a, int kind)
{
	const struct dev *d = &devs[a->dev];
	uint8_t v[FP_MAX];
	size_t n = 0, len;
	uint16_t sid;
	uint8_t fl, *c;
	int i, k;

	switch (kind) {
	case K_DATA:
		sid = pick_sid();
		fl = 3 | (chance(&fz, 15) ? 4 : 0) | (chance(&fz, 10) ? 8 : 0);
		add_data(p, a->tsn++, sid, a->ssn[sid & 7], fl, data_len());
		if (!(fl & 4))
			a->ssn[sid & 7]++;
		break;
	case K_DATA_FRAG:
		/* a message in 2-5 pieces, some held back */
		sid = pick_sid();
		fl = chance(&fz, 15) ? 4 : 0;
		k = 2 + rn(&fz, 4);
		for (i = 0; i < k; i++) {
			uint8_t f = fl | (i == 0 ? 2 : 0) | (i == k - 1 ? 1 : 0);

			len = 1 + rn(&fz, 200);
			if (chance(&fz, 25) && a->nheld < NLOST)
				hold(a, a->tsn++, sid, a->ssn[sid & 7], f, len);
			else
				add_data(p, a->tsn++, sid, a->ssn[sid & 7],
					 f, len);
		}
		if (!fl)
			a->ssn[sid & 7]++;
		break;
	case K_DATA_LOSE:
		sid = pick_sid();
		hold(a, a->tsn++, sid, a->ssn[sid & 7]++, 3, data_len());
		sid = pick_sid();
		add_data(p, a->tsn++, sid, a->ssn[sid & 7]++, 3, data_len());
		break;
	case K_DATA_RETX:
		if (!a->nheld)
			return add_kind(p, a, K_DATA);
		i = rn(&fz, a->nheld);
		add_data(p, a->held[i].tsn, a->held[i].sid, a->held[i].ssn,
			 a->held[i].flags, a->held[i].len);
		a->held[i] = a->held[--a->nheld];
		break;
	case K_DATA_DUP:
		add_data(p, a->tsn - 1 - rn(&fz, 8), 0, a->ssn[0] - 1, 3,
			 data_len());
		break;
	case K_SACK:
		add_sack(p, a);
		a->unsacked = 0;
		break;
	case K_HB:
		fill(&fz, v + 4, 64);
		len = chance(&fz, 90) ? 4 + rn(&fz, 60) : rn(&fz, 4);
		put16(v, 1);
		put16(v + 2, 4 + len);
		fp_chunk(p, C_HB, 0, v, 4 + len);
		break;
	case K_HB_ACK:
		if (a->hb_len && chance(&fz, 70)) {
			fp_chunk(p, C_HB_ACK, 0, a->hb, a->hb_len);
		} else {
			put16(v, 1);
			put16(v + 2, 4 + 48);
			fill(&fz, v + 4, 48);
			fp_chunk(p, C_HB_ACK, 0, v, 52);
		}
		break;
	case K_SHUTDOWN:
		put32(v, chance(&fz, 90) ? a->lcum : interesting32(a));
		fp_chunk(p, C_SHUTDOWN, 0, v, 4);
		if (a->state == A_ESTAB)
			a->state = A_SHUT;
		break;
	case K_SHUTDOWN_ACK:
		fp_chunk(p, C_SHUTDOWN_ACK, 0, NULL, 0);
		break;
	case K_SHUTDOWN_COMPLETE:
		a->ending = 1;
		if (chance(&fz, 30)) {
			fp_chunk(p, C_SHUTDOWN_COMPLETE, FLAG_T, NULL, 0);
			return a->ptag;
		}
		fp_chunk(p, C_SHUTDOWN_COMPLETE, 0, NULL, 0);
		break;
	case K_ABORT:
		a->ending = 1;
		if (chance(&fz, 50))
			add_cause(v, &n);
		if (chance(&fz, 20)) {
			fp_chunk(p, C_ABORT, FLAG_T, v, n);
			return a->ptag;
		}
		fp_chunk(p, C_ABORT, 0, v, n);
		break;
	case K_ERROR:
		k = 1 + rn(&fz, 3);
		for (i = 0; i < k; i++)
			add_cause(v, &n);
		fp_chunk(p, C_ERROR, 0, v, n);
		break;
	case K_COOKIE_ECHO:
		if (!a->cookie_len)
			return add_kind(p, a, K_HB);
		c = fp_chunk(p, C_COOKIE_ECHO, 0, a->cookie, a->cookie_len);
		if (c && chance(&fz, 30))
			c[4 + rn(&fz, a->cookie_len)] ^= 1 << rn(&fz, 8);
		break;
	case K_ECNE:
		put32(v, a->tsn - 1 - rn(&fz, 4));
		fp_chunk(p, C_ECNE, 0, v, 4);
		break;
	case K_CWR:
		put32(v, chance(&fz, 70) ? a->lcum : interesting32(a));
		fp_chunk(p, C_CWR, 0, v, 4);
		break;
	case K_FWD_TSN:
	case K_IDATA:
		if (kind == K_FWD_TSN) {
			put32(v, a->nheld ? a->held[0].tsn : a->tsn - 1 +
			      rn(&fz, 3));
			n = 4;
			k = rn(&fz, 4);
			for (i = 0; i < k; i++, n += 4) {
				put16(v + n, rn(&fz, 8));
				put16(v + n + 2, a->ssn[rn(&fz, 8)]);
			}
			fp_chunk(p, rn(&fz, 4) ? C_FWD_TSN : C_IFWD_TSN, 0, v, n);
			break;
		}
		put32(v, a->tsn++);
		put16(v + 4, rn(&fz, 8));
		put16(v + 6, 0);
		put32(v + 8, rnd(&fz) & 0xff);
		put32(v + 12, rnd(&fz));
		len = 1 + rn(&fz, 64);
		fill(&fz, v + 16, len);
		fp_chunk(p, C_IDATA, rn(&fz, 16), v, 16 + len);
		break;
	case K_RECONF:
		k = 1 + rn(&fz, 2);
		for (i = 0; i < k; i++) {
			uint16_t t = 13 + rn(&fz, 6);

			put16(v + n, t);
			put32(v + n + 4, rnd(&fz) & 0xf);
			put32(v + n + 8, rnd(&fz) & 0xf);
			put32(v + n + 12, a->tsn - 1);
			len = t == 13 ? 12 + 2 * rn(&fz, 3) : t == 14 ? 4 + 2 * rn(&fz, 3) :
			      t == 15 ? 4 : t == 16 ? (rn(&fz, 2) ? 8 : 16) : 8;
			if (t == 17 || t == 18)
				put16(v + n + 8, rn(&fz, 100));
			put16(v + n + 2, 4 + len);
			n += 4 + ((len + 3) & ~3UL);
		}
		fp_chunk(p, C_RECONF, 0, v, n);
		break;
	case K_ASCONF:
	case K_ASCONF_ACK:
		put32(v, rnd(&fz) & 0xff);
		n = 4;
		if (kind == K_ASCONF)
			n += a->family == AF_INET ? param(v + n, 5, d->peer4, 4) :
						    param(v + n, 6, d->peer6, 16);
		k = 1 + rn(&fz, 3);
		for (i = 0; i < k; i++) {
			uint16_t t = kind == K_ASCONF ? 0xc001 + rn(&fz, 4) :
				     rn(&fz, 2) ? 0xc005 : 0xc003;

			put16(v + n, t);
			put32(v + n + 4, rnd(&fz));
			if (chance(&fz, 50)) {
				n += 8 + param(v + n + 8, 5, d->alt4, 4);
				put16(v + n - 16 + 2, 16);
			} else {
				put16(v + n + 2, 8);
				n += 8;
			}
		}
		fp_chunk(p, kind == K_ASCONF ? C_ASCONF : C_ASCONF_ACK, 0, v, n);
		break;
	case K_AUTH:
		put16(v, rn(&fz, 3));
		put16(v + 2, rn(&fz, 2) ? 1 : 3);
		len = get16(v + 2) == 1 ? 20 : 32;
		fill(&fz, v + 4, len);
		fp_chunk(p, C_AUTH, 0, v, 4 + len);
		break;
	case K_PAD:
		fp_chunk(p, C_PAD, 0, NULL, rn(&fz, 257));
		break;
	case K_UNKNOWN:
		len = rn(&fz, 40);
		fill(&fz, v, len);
		fp_chunk(p, (rn(&fz, 4) << 6) | (0x20 + rn(&fz, 0x1f)),
			 rn(&fz, 4) ? 0 : rnd(&fz), v, len);
		break;
	case K_INIT:
		if (chance(&fz, 50))
			a->ptag = rnd(&fz) | 1;
		if (chance(&fz, 50)) {
			a->tsn = rnd(&fz);
			memset(a->ssn, 0, sizeof(a->ssn));
			a->nheld = 0;
		}
		add_init(p, C_INIT, a->ptag, a->tsn, d, a->family, 1);
		return chance(&fz, 80) ? 0 : -1;
	case K_INIT_ACK:
		add_init(p, C_INIT_ACK, a->ptag, a->tsn, d, a->family, 1);
		break;
	case K_COOKIE_ACK:
		fp_chunk(p, C_COOKIE_ACK, 0, NULL, 0);
		break;
	default:
		len = rn(&fz, 64);
		fill(&fz, v, len);
		fp_chunk(p, rnd(&fz), rnd(&fz), v, len);
		break;
	}
	return -1;
}

/* ---- mutations ---- */

static const uint16_t odd_len[10] = {
	0, 1, 2, 3, 4, 5, 0x7fff, 0x8000, 0xfffc, 0xffff,
};

static void mutate(struct fpkt *p, const struct assoc *a)
{
	size_t off[64], o, l, pl;
	int n, k, ops = 1 + rn(&fz, 3), i;
	uint8_t tmp[FP_MAX + 8];

	if (strchr(skip, 'm'))
		return;
	cnt.mutated++;
	while (ops--) {
		n = chunk_offs(p->b, p->len, off, 64);
		k = n ? rn(&fz, n) : 0;
		switch (rn(&fz, 11)) {
		case 0:		/* bit flips */
			if (p->len <= 12)
				break;
			for (i = 1 + rn(&fz, 8); i; i--)
				p->b[12 + rn(&fz, p->len - 12)] ^= 1 << rn(&fz, 8);
			break;
		case 1:		/* a chunk length off */
			if (!n)
				break;
			l = get16(p->b + off[k] + 2);
			switch (rn(&fz, 4)) {
			case 0:
				l += 1 + rn(&fz, 8);
				break;
			case 1:
				l -= 1 + rn(&fz, 8);
				break;
			case 2:
				l = odd_len[rn(&fz, 10)];
				break;
			default:
				l = p->len - off[k] + rn(&fz, 9) - 4;
			}
			put16(p->b + off[k] + 2, l);
			break;
		case 2:		/* truncation */
			if (p->len <= 12)
				break;
			p->len = chance(&fz, 5) ? rn(&fz, 12) :
				 12 + rn(&fz, p->len - 11);
			break;
		case 3:		/* a chunk twice */
			if (!n)
				break;
			l = (get16(p->b + off[k] + 2) + 3) & ~3U;
			if (p->len + l > FP_MAX)
				break;
			o = off[rn(&fz, n)];
			memmove(p->b + o + l, p->b + o, p->len - o);
			memcpy(p->b + o, p->b + off[k] + (off[k] >= o ? l : 0), l);
			p->len += l;
			break;
		case 4:		/* two chunks swapped (the last one to the front) */
			if (n < 2)
				break;
			o = off[n - 1];
			l = p->len - o;
			memcpy(tmp, p->b + o, l);
			memmove(p->b + 12 + l, p->b + 12, o - 12);
			memcpy(p->b + 12, tmp, l);
			break;
		case 5:		/* a random parameter inside a chunk */
			if (!n)
				break;
			o = off[k] + ((get16(p->b + off[k] + 2) + 3) & ~3U);
			if (o > p->len)
				o = p->len;
			memcpy(tmp, p->b + o, p->len - o);
			pl = rand_param(p->b + o, FP_MAX - p->len);
			memcpy(p->b + o + pl, tmp, p->len - o);
			p->len += pl;
			put16(p->b + off[k] + 2, o + pl - off[k]);
			break;
		case 6:		/* a boundary value in a field */
			if (p->len < 20)
				break;
			o = 12 + 4 * rn(&fz, (p->len - 12) / 4);
			if (o + 4 <= p->len)
				put32(p->b + o, interesting32(a));
			break;
		case 7:		/* a random chunk appended */
			l = rn(&fz, 48);
			if (p->len + 4 + l + 3 > FP_MAX)
				break;
			p->b[p->len] = rnd(&fz);
			p->b[p->len + 1] = rnd(&fz);
			put16(p->b + p->len + 2, 4 + l);
			fill(&fz, p->b + p->len + 4, (l + 3) & ~3UL);
			p->len += 4 + ((l + 3) & ~3UL);
			break;
		case 8:		/* verification tag */
			switch (rn(&fz, 4)) {
			case 0:
				put32(p->b + 4, 0);
				break;
			case 1:
				put32(p->b + 4, rnd(&fz));
				break;
			case 2:
				p->b[4 + rn(&fz, 4)] ^= 1 << rn(&fz, 8);
				break;
			default:
				put32(p->b + 4, a ? a->ptag : 0);
			}
			break;
		case 9:		/* flags, the T bit */
			if (n)
				p->b[off[k] + 1] = rn(&fz, 2) ? p->b[off[k] + 1] ^ 1 :
							       rnd(&fz);
			break;
		default:	/* a chunk type */
			if (n)
				p->b[off[k]] = rn(&fz, 2) ? rn(&fz, 16) : rnd(&fz);
		}
	}
}

/* Checksum (now and then a wrong one), then inject. */
static void finish(int d, int family, struct fpkt *p)
{
	fp_crc(p);
	if (chance(&fz, 4) && p->len >= 12) {
		p->b[8 + rn(&fz, 4)] ^= 1 << rn(&fz, 8);
		cnt.badcrc++;
	}
	inject(d, family, p);
}

/* ---- the peer's associations ---- */

static void slot_reply(struct assoc *a, struct fpkt *p)
{
	fp_crc(p);
	inject(a->dev, a->family, p);
}

static void send_init(struct assoc *a)
{
	struct fpkt p;

	fp_init(&p, a->pport, a->lport, 0);
	add_init(&p, C_INIT, a->ptag, a->tsn, &devs[a->dev], a->family, 0);
	if (chance(&fz, 15))
		mutate(&p, a);
	finish(a->dev, a->family, &p);
}

static void send_cookie_echo(struct assoc *a)
{
	struct fpkt p;

	fp_init(&p, a->pport, a->lport, a->ltag);
	fp_chunk(&p, C_COOKIE_ECHO, 0, a->cookie, a->cookie_len);
	if (chance(&fz, 30))
		add_kind(&p, a, K_DATA);
	if (chance(&fz, 8))
		mutate(&p, a);
	finish(a->dev, a->family, &p);
}

static void slot_new(struct assoc *a)
{
	static const uint16_t ports[2][2] = { { 5001, 5002 }, { 5003, 5004 } };

	memset(a->ssn, 0, sizeof(a->ssn));
	a->dev = rn(&fz, 2);
	a->family = chance(&fz, 50) ? AF_INET : AF_INET6;
	a->lport = ports[a->family == AF_INET6 || chance(&fz, 20)][rn(&fz, 2)];
	if (chance(&fz, 5))
		a->lport = PORT_BASE + rn(&fz, 5);
	if (chance(&fz, 75))
		a->gen++;
	a->pport = 10000 + (a - slots) * 500 + a->gen % 500;
	a->ptag = rnd(&fz) | 1;
	a->tsn = rnd(&fz);
	a->nheld = 0;
	a->hb_len = 0;
	a->cookie_len = 0;
	a->unsacked = 0;
	a->age = 0;
	a->state = A_INIT_SENT;
	send_init(a);
}

static struct assoc *slot_find(int d, uint16_t lport, uint16_t pport)
{
	int i;

	for (i = 0; i < NSLOT; i++)
		if (slots[i].state != A_FREE && slots[i].dev == d &&
		    slots[i].lport == lport && slots[i].pport == pport)
			return &slots[i];
	return NULL;
}

/* The first third of the slots: few mutations, rarely an ending. */
static int gentle(const struct assoc *a)
{
	return a - slots < NSLOT / 3;
}

static const uint8_t kind_ends[K_MAX] = {
	[K_SHUTDOWN] = 1, [K_SHUTDOWN_ACK] = 1, [K_SHUTDOWN_COMPLETE] = 1,
	[K_ABORT] = 1, [K_INIT] = 1, [K_INIT_ACK] = 1, [K_RANDOM] = 1,
	[K_COOKIE_ECHO] = 1, [K_UNKNOWN] = 1, [K_DATA_DUP] = 1,
};

static void conversation(struct assoc *a)
{
	struct fpkt p;
	int64_t tag = -1, t;
	int k;

	fp_init(&p, a->pport, a->lport, a->ltag);
	a->ending = 0;
	k = 1 + (chance(&fz, 30) ? rn(&fz, 4) : 0);
	while (k--) {
		int kind = pick_kind();

		/* gentle associations live long: bulk, windows, timers */
		while (gentle(a) && kind_ends[kind] && chance(&fz, 95))
			kind = pick_kind();
		t = add_kind(&p, a, kind);
		if (t >= 0)
			tag = t;
	}
	if (tag >= 0)
		put32(p.b + 4, tag);
	if (chance(&fz, gentle(a) ? 1 : 25))
		mutate(&p, a);
	finish(a->dev, a->family, &p);
	/* after an ABORT or SHUTDOWN COMPLETE, start afresh */
	if (a->ending)
		a->state = A_FREE;
}

/* ---- stray packets at the listeners ---- */

static const uint8_t ootb_types[] = {
	C_DATA, C_SACK, C_HB, C_HB_ACK, C_ABORT, C_SHUTDOWN, C_SHUTDOWN_ACK,
	C_ERROR, C_COOKIE_ACK, C_SHUTDOWN_COMPLETE, C_INIT_ACK, C_ASCONF, 0xff,
};

static void stray(void)
{
	struct fpkt p;
	int d = rn(&fz, 2), family = chance(&fz, 50) ? AF_INET : AF_INET6;
	uint16_t dport = PORT_BASE + rn(&fz, 5);
	uint16_t sport = 40000 + rn(&fz, 2000);
	struct pooled *c = &pool[rn(&fz, NPOOL)];
	uint8_t v[64];

	if (strchr(skip, 's'))
		return;
	cnt.stray++;
	switch (rn(&fz, 6)) {
	case 0:
	case 1:
		fp_init(&p, sport, dport, chance(&fz, 90) ? 0 : (uint32_t)rnd(&fz));
		add_init(&p, C_INIT, rnd(&fz), rnd(&fz), &devs[d], family, 1);
		break;
	case 2:
		if (!c->len || strchr(skip, 'c'))
			goto ootb;
		/* the cookie of an INIT ACK nobody answered, as it was or
		 * changed, from where it went or from somewhere else
		 */
		d = c->dev;
		family = c->family;
		sport = c->pport;
		dport = c->lport;
		if (chance(&fz, 20))
			sport++;
		if (chance(&fz, 10))
			d = !d;
		fp_init(&p, sport, dport, chance(&fz, 90) ? c->ltag :
					   (uint32_t)rnd(&fz));
		fp_chunk(&p, C_COOKIE_ECHO, 0, c->cookie, c->len);
		if (chance(&fz, 30))
			p.b[16 + rn(&fz, c->len)] ^= 1 << rn(&fz, 8);
		break;
	case 3:
		if (cover && ncorpus > 0) {
			struct centry *e = &corpus[rn(&fz, ncorpus)];

			p = e->p;
			d = e->dev;
			family = e->family;
			cnt.from_corpus++;
			mutate(&p, NULL);
			finish(d, family, &p);
			return;
		}
		/* fall through */
	default:
ootb:
		fp_init(&p, sport, dport, chance(&fz, 50) ? 0 : (uint32_t)rnd(&fz));
		fill(&fz, v, sizeof(v));
		fp_chunk(&p, ootb_types[rn(&fz, sizeof(ootb_types))], rn(&fz, 2), v,
			 rn(&fz, 40));
	}
	if (chance(&fz, 40))
		mutate(&p, NULL);
	finish(d, family, &p);
}

/* ---- nsctp's answers ---- */

static size_t find_param(const uint8_t *c, size_t clen, uint16_t type)
{
	size_t o = 20;

	while (o + 4 <= clen) {
		uint16_t l = get16(c + o + 2);

		if (l < 4 || o + l > clen)
			return 0;
		if (get16(c + o) == type)
			return o;
		o += (l + 3) & ~3U;
	}
	return 0;
}

/* nsctp connected out to the peer: answer its INIT. */
static void answer_init(struct assoc *a, const uint8_t *c, size_t cl)
{
	struct fpkt p;

	if (cl < 20)
		return;
	a->ltag = get32(c + 4);
	a->lcum = get32(c + 16) - 1;
	a->state = A_INIT_ACKED;
	a->tsn = rnd(&fz);
	a->nheld = 0;
	a->hb_len = 0;
	a->cookie_len = 0;
	a->age = 0;
	memset(a->ssn, 0, sizeof(a->ssn));
	if (a->pport == PORT_OUT + 7) {
		/* nobody listens there */
		fp_init(&p, a->pport, a->lport, a->ltag);
		fp_chunk(&p, C_ABORT, 0, NULL, 0);
		a->state = A_FREE;
	} else {
		fp_init(&p, a->pport, a->lport, a->ltag);
		add_init(&p, C_INIT_ACK, a->ptag, a->tsn, &devs[a->dev],
			 a->family, 0);
		if (chance(&fz, 10))
			mutate(&p, a);
	}
	slot_reply(a, &p);
}

static void answer_init_ack(struct assoc *a, const uint8_t *c, size_t cl,
			    const uint8_t *sh, int d, int family)
{
	size_t o = cl >= 20 ? find_param(c, cl, 7) : 0;
	struct pooled *pl;
	size_t len;

	if (!o)
		return;
	len = get16(c + o + 2) - 4;
	if (len > COOKIE_MAX || len > FP_MAX - 64)
		return;
	if (!a) {
		/* a stray INIT's: keep the cookie for replays */
		pl = &pool[rn(&fz, NPOOL)];
		pl->dev = d;
		pl->family = family;
		pl->pport = get16(sh + 2);
		pl->lport = get16(sh);
		pl->ltag = get32(c + 4);
		memcpy(pl->cookie, c + o + 4, len);
		pl->len = len;
		return;
	}
	if (get32(sh + 4) != a->ptag || chance(&fz, 3))
		return;
	a->ltag = get32(c + 4);
	a->lcum = get32(c + 16) - 1;
	memcpy(a->cookie, c + o + 4, len);
	a->cookie_len = len;
	a->state = A_ECHOED;
	a->age = 0;
	send_cookie_echo(a);
}

static void answer_chunk(struct assoc *a, const uint8_t *c, size_t cl)
{
	struct fpkt p;
	uint32_t tsn;

	switch (c[0]) {
	case C_DATA:
		if (cl < 16)
			break;
		tsn = get32(c + 4);
		if (tsn == a->lcum + 1)
			a->lcum = tsn;
		a->unsacked++;
		break;
	case C_SACK:
		if (cl >= 8)
			a->lacked = get32(c + 4);
		break;
	case C_HB:
		if (cl > 4 && cl - 4 <= sizeof(a->hb)) {
			memcpy(a->hb, c + 4, cl - 4);
			a->hb_len = cl - 4;
		}
		if (a->state < A_ESTAB || chance(&fz, 15))
			break;
		fp_init(&p, a->pport, a->lport, a->ltag);
		fp_chunk(&p, C_HB_ACK, 0, a->hb, a->hb_len);
		slot_reply(a, &p);
		break;
	case C_SHUTDOWN:
		if (chance(&fz, 10))
			break;
		a->state = A_SHUT;
		fp_init(&p, a->pport, a->lport, a->ltag);
		fp_chunk(&p, C_SHUTDOWN_ACK, 0, NULL, 0);
		slot_reply(a, &p);
		break;
	case C_SHUTDOWN_ACK:
		fp_init(&p, a->pport, a->lport, a->ltag);
		fp_chunk(&p, C_SHUTDOWN_COMPLETE, 0, NULL, 0);
		slot_reply(a, &p);
		a->state = A_FREE;
		break;
	case C_COOKIE_ECHO:
		if (a->state != A_INIT_ACKED && a->state != A_ESTAB)
			break;
		fp_init(&p, a->pport, a->lport, a->ltag);
		fp_chunk(&p, C_COOKIE_ACK, 0, NULL, 0);
		slot_reply(a, &p);
		if (a->state != A_ESTAB)
			cnt.handshakes++;
		a->state = A_ESTAB;
		break;
	case C_COOKIE_ACK:
		if (a->state == A_ECHOED) {
			a->state = A_ESTAB;
			cnt.handshakes++;
		}
		break;
	case C_ABORT:
	case C_SHUTDOWN_COMPLETE:
		a->state = A_FREE;
		break;
	}
}

static void answer(int d, int family, const uint8_t *b, size_t len)
{
	static uint8_t tmp[65536 + 64];
	size_t off[64];
	uint32_t crc, want;
	struct assoc *a;
	int i, n;

	cnt.answers++;
	if (len < 12)
		return;
	memcpy(&crc, b + 8, 4);
	memcpy(tmp, b, len);
	memset(tmp + 8, 0, 4);
	want = crc32c(tmp, len);
	if (crc != want)
		cnt.badcrc_in++;
	n = chunk_offs(b, len, off, 64);
	for (i = 0; i < n; i++)
		cnt.answered[b[off[i]]]++;
	a = slot_find(d, get16(b), get16(b + 2));
	if (!a && n && b[12] == C_INIT && get16(b + 2) >= PORT_OUT &&
	    get16(b + 2) < PORT_OUT + 8) {
		/* a new association from nsctp's side */
		for (i = 0; i < NSLOT && !a; i++)
			if (slots[i].state == A_FREE)
				a = &slots[i];
		if (!a)
			return;
		a->dev = d;
		a->family = family;
		a->lport = get16(b);
		a->pport = get16(b + 2);
		a->ptag = rnd(&fz) | 1;
	}
	if (!a) {
		if (n && b[12] == C_INIT_ACK)
			answer_init_ack(NULL, b + 12, get16(b + 14), b, d,
					family);
		return;
	}
	a->age = 0;
	for (i = 0; i < n && a->state != A_FREE; i++) {
		const uint8_t *c = b + off[i];
		size_t cl = get16(c + 2);

		if (c[0] == C_INIT)
			answer_init(a, c, cl);
		else if (c[0] == C_INIT_ACK)
			answer_init_ack(a, c, cl, b, d, family);
		else
			answer_chunk(a, c, cl);
	}
	/* SACK what came, mostly at once, sometimes never (loss) */
	if (a->state >= A_ESTAB && a->unsacked &&
	    (a->unsacked >= 2 || chance(&fz, 50)) && chance(&fz, 90)) {
		struct fpkt p;

		fp_init(&p, a->pport, a->lport, a->ltag);
		add_sack(&p, a);
		if (chance(&fz, 10))
			add_kind(&p, a, K_DATA);
		slot_reply(a, &p);
		a->unsacked = 0;
	}
}

/* Read what nsctp sent to the peer, for up to @ms. */
static void drain(int ms)
{
	static uint8_t f[65536 + 64];
	struct pollfd pfd[2] = {
		{ .fd = devs[0].fd, .events = POLLIN },
		{ .fd = devs[1].fd, .events = POLLIN },
	};
	int d, k;

	if (poll(pfd, 2, ms) <= 0)
		return;
	for (d = 0; d < 2; d++) {
		for (k = 0; k < 64; k++) {
			ssize_t n = read(devs[d].fd, f, sizeof(f));
			size_t o = devs[d].tap ? ETH_HL : 0, ihl;
			int family;

			if (n <= 0)
				break;
			if ((size_t)n < o + 20)
				continue;
			if (devs[d].tap && get16(f + 12) != 0x0800 &&
			    get16(f + 12) != 0x86dd)
				continue;
			if ((f[o] >> 4) == 4 && f[o + 9] == IPPROTO_SCTP) {
				family = AF_INET;
				ihl = (f[o] & 0xf) * 4;
			} else if ((f[o] >> 4) == 6 && f[o + 6] == IPPROTO_SCTP) {
				family = AF_INET6;
				ihl = 40;
			} else {
				continue;
			}
			if ((size_t)n < o + ihl + 12)
				continue;
			answer(d, family, f + o + ihl, n - o - ihl);
		}
	}
}

/* ---- the peer's step ---- */

static void fuzz_step(void)
{
	struct assoc *a = &slots[rn(&fz, NSLOT)];
	int i;

	/* rather a live association than one waiting for nsctp */
	for (i = 0; i < 3 && a->state != A_FREE && a->state < A_ESTAB; i++)
		a = &slots[rn(&fz, NSLOT)];
	if (chance(&fz, 8) && !strchr(skip, 's')) {
		stray();
		return;
	}
	a->age++;
	switch (a->state) {
	case A_FREE:
		slot_new(a);
		break;
	case A_INIT_SENT:
	case A_ECHOED:
	case A_INIT_ACKED:
		if (a->age > 30)
			a->state = A_FREE;
		else if (a->age > 6 && chance(&fz, 30) && a->state == A_ECHOED)
			send_cookie_echo(a);
		else if (a->age > 6 && chance(&fz, 30) && a->state == A_INIT_SENT)
			send_init(a);
		else
			stray();
		break;
	default:
		/* a live association that went quiet may be dead */
		if (a->age > 200 && chance(&fz, 20)) {
			a->state = A_FREE;
			break;
		}
		if (cover && ncorpus > 0 && chance(&fz, 10)) {
			struct fpkt p = corpus[rn(&fz, ncorpus)].p;

			if (p.len >= 12) {
				put16(p.b, a->pport);
				put16(p.b + 2, a->lport);
				if (get32(p.b + 4))
					put32(p.b + 4, a->ltag);
			}
			cnt.from_corpus++;
			if (chance(&fz, 70))
				mutate(&p, a);
			finish(a->dev, a->family, &p);
			break;
		}
		conversation(a);
	}
}

/* ---- the server: nsctp's side ---- */

static void sfd_add(int fd, int kind, int family)
{
	if (nsfd >= SFD_MAX) {
		struct linger lg = { 1, 0 };

		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fd);
		return;
	}
	memset(&sfds[nsfd], 0, sizeof(sfds[nsfd]));
	sfds[nsfd].fd = fd;
	sfds[nsfd].kind = kind;
	sfds[nsfd].family = family;
	nsfd++;
}

static void sfd_close(int i, int abort)
{
	struct linger lg = { 1, 0 };

	if (strchr(skip, 'g'))
		abort = 1;
	if (abort)
		setsockopt(sfds[i].fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(sfds[i].fd);
	sfds[i] = sfds[--nsfd];
	cnt.closes++;
}

static int listener(int family, int type, uint16_t port)
{
	struct sockaddr_storage ss = { 0 };
	struct sctp_initmsg im = { .sinit_num_ostreams = 16,
				   .sinit_max_instreams = 16 };
	int fd = socket(family, type | SOCK_NONBLOCK, IPPROTO_SCTP), zero = 0;
	int close_after = 5;

	if (fd < 0)
		return -1;
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
	} else {
		struct sockaddr_in6 *a = (void *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	}
	setsockopt(fd, SOL_SCTP, SCTP_INITMSG, &im, sizeof(im));
	if (type == SOCK_SEQPACKET && !strchr(skip, 'a'))
		setsockopt(fd, SOL_SCTP, SCTP_AUTOCLOSE, &close_after,
			   sizeof(close_after));
	if (port == PORT_BASE + 1) {
		int small = 4096;

		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	}
	if (bind(fd, (void *)&ss, family == AF_INET ?
		 sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)) ||
	    listen(fd, 64)) {
		close(fd);
		return -1;
	}
	sfd_add(fd, type == SOCK_STREAM ? SK_LSN_STREAM : SK_LSN_SEQ, family);
	return 0;
}

static void srv_connect(void)
{
	int d = rn(&srv, 2), family = rn(&srv, 2) ? AF_INET : AF_INET6;
	int type = rn(&srv, 2) ? SOCK_STREAM : SOCK_SEQPACKET, fd, i, n = 0;
	struct sockaddr_storage ss = { 0 };
	uint16_t port = PORT_OUT + rn(&srv, 8);
	socklen_t len;

	for (i = 0; i < nsfd; i++)
		n += sfds[i].kind == SK_CLIENT;
	if (n >= 8 || nsfd >= SFD_MAX)
		return;
	fd = socket(family, type | SOCK_NONBLOCK, IPPROTO_SCTP);
	if (fd < 0)
		return;
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		memcpy(&a->sin_addr, devs[d].peer4, 4);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (void *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		memcpy(&a->sin6_addr, devs[d].peer6, 16);
		len = sizeof(*a);
	}
	if (connect(fd, (void *)&ss, len) && errno != EINPROGRESS) {
		close(fd);
		return;
	}
	cnt.connects++;
	sfd_add(fd, SK_CLIENT, family);
	if (nsfd && sfds[nsfd - 1].fd == fd) {
		sfds[nsfd - 1].peer = ss;
		sfds[nsfd - 1].plen = len;
	}
}

static void srv_send(struct sfd *s)
{
	static uint8_t out[65536];
	size_t len = rn(&srv, 8) ? 1 + rn(&srv, 2000) : 1 + rn(&srv, 60000);
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndinfo))] = { 0 };
	struct iovec iov = { out, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (s->kind == SK_LSN_SEQ || (s->kind == SK_CLIENT && s->plen)) {
		if (!s->plen)
			return;
		m.msg_name = &s->peer;
		m.msg_namelen = s->plen;
	}
	if (s->kind == SK_LSN_SEQ && chance(&srv, 5)) {
		struct cmsghdr *cm = (void *)cbuf;
		struct sctp_sndinfo *si = (void *)CMSG_DATA(cm);

		cm->cmsg_level = SOL_SCTP;
		cm->cmsg_type = SCTP_SNDINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(*si));
		si->snd_flags = rn(&srv, 3) ? SCTP_EOF : SCTP_ABORT;
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		iov.iov_len = si->snd_flags == SCTP_ABORT ? 4 : 0;
	}
	if (sendmsg(s->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
		cnt.sends++;
}

static void srv_step(void)
{
	static uint8_t in[65536];
	struct pollfd pfd[SFD_MAX];
	int i, n = nsfd, k, fd;

	if (chance(&srv, 1) && !strchr(skip, 'o'))
		srv_connect();
	/* now and then one goes, stuck or not */
	i = rn(&srv, 400);
	if (i < nsfd && sfds[i].kind != SK_LSN_STREAM &&
	    sfds[i].kind != SK_LSN_SEQ)
		sfd_close(i, chance(&srv, 50));
	n = nsfd;
	for (i = 0; i < n; i++) {
		pfd[i].fd = sfds[i].fd;
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	if (poll(pfd, n, 0) <= 0)
		return;
	/* backwards: closing moves the last entry into the hole */
	for (i = n - 1; i >= 0; i--) {
		struct sfd *s = &sfds[i];

		if (!pfd[i].revents)
			continue;
		if (s->kind == SK_LSN_STREAM) {
			for (k = 0; k < 4; k++) {
				fd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK);
				if (fd < 0)
					break;
				cnt.accepts++;
				sfd_add(fd, SK_CONN, s->family);
			}
			continue;
		}
		if (s->paused > 0) {
			s->paused--;
			continue;
		}
		for (k = 0; k < 8; k++) {
			struct iovec iov = { in, sizeof(in) };
			struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
			struct sockaddr_storage from;
			ssize_t r;

			if (s->kind == SK_LSN_SEQ) {
				m.msg_name = &from;
				m.msg_namelen = sizeof(from);
			}
			r = recvmsg(s->fd, &m, MSG_DONTWAIT);
			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (r <= 0 && s->kind != SK_LSN_SEQ) {
				sfd_close(i, chance(&srv, 30));
				goto next;
			}
			if (r < 0)
				break;
			cnt.reads++;
			cnt.bytes_in += r;
			if (s->kind == SK_LSN_SEQ && m.msg_namelen &&
			    m.msg_namelen <= sizeof(from)) {
				s->peer = from;
				s->plen = m.msg_namelen;
			}
		}
		if (chance(&srv, 25))
			srv_send(s);
		if (chance(&srv, 3) && !strchr(skip, 'p'))
			s->paused = rn(&srv, 300);
		if (s->kind == SK_LSN_SEQ)
			continue;
		if (chance(&srv, 2) && !strchr(skip, 'h'))
			shutdown(s->fd, rn(&srv, 3));
		else if (chance(&srv, 2))
			sfd_close(i, chance(&srv, 40) || strchr(skip, 'g'));
next:;
	}
}

/* ---- main ---- */

static void mib_print(void)
{
	FILE *f = fopen("/proc/net/sctp/snmp", "r");
	char key[64];
	long val;

	if (!f)
		return;
	printf("pktfuzz: mib");
	while (fscanf(f, "%63s %ld", key, &val) == 2)
		if (val)
			printf(" %s=%ld", key, val);
	printf("\n");
	fclose(f);
}

static const char *const chunk_names[256] = {
	[C_DATA] = "DATA", [C_INIT] = "INIT", [C_INIT_ACK] = "INIT-ACK",
	[C_SACK] = "SACK", [C_HB] = "HEARTBEAT", [C_HB_ACK] = "HEARTBEAT-ACK",
	[C_ABORT] = "ABORT", [C_SHUTDOWN] = "SHUTDOWN",
	[C_SHUTDOWN_ACK] = "SHUTDOWN-ACK", [C_ERROR] = "ERROR",
	[C_COOKIE_ECHO] = "COOKIE-ECHO", [C_COOKIE_ACK] = "COOKIE-ACK",
	[C_ECNE] = "ECNE", [C_CWR] = "CWR",
	[C_SHUTDOWN_COMPLETE] = "SHUTDOWN-COMPLETE", [C_AUTH] = "AUTH",
	[C_IDATA] = "I-DATA", [C_ASCONF_ACK] = "ASCONF-ACK",
	[C_RECONF] = "RE-CONFIG", [C_PAD] = "PAD", [C_FWD_TSN] = "FORWARD-TSN",
	[C_ASCONF] = "ASCONF", [C_IFWD_TSN] = "I-FORWARD-TSN",
};

static void report(uint64_t seed, unsigned int secs)
{
	unsigned long other[2][4] = { { 0 } };
	int t;

	for (t = 0; t < 256; t++) {
		if (chunk_names[t]) {
			printf("pktfuzz: chunk %-17s sent %8lu answered %8lu\n",
			       chunk_names[t], cnt.sent[t], cnt.answered[t]);
			continue;
		}
		other[0][t >> 6] += cnt.sent[t];
		other[1][t >> 6] += cnt.answered[t];
	}
	for (t = 0; t < 4; t++)
		printf("pktfuzz: chunk other-%d%d         sent %8lu answered %8lu\n",
		       t >> 1, t & 1, other[0][t], other[1][t]);
	printf("pktfuzz: mutated %lu bad-crc %lu stray %lu answers-bad-crc %lu\n",
	       cnt.mutated, cnt.badcrc, cnt.stray, cnt.badcrc_in);
	printf("pktfuzz: server accepts %lu reads %lu bytes %lu sends %lu connects %lu closes %lu\n",
	       cnt.accepts, cnt.reads, cnt.bytes_in, cnt.sends, cnt.connects,
	       cnt.closes);
	if (cover)
		printf("pktfuzz: kcov new-coverage packets %lu corpus %d replayed %lu\n",
		       cnt.kcov_new, ncorpus, cnt.from_corpus);
	else
		printf("pktfuzz: no kcov: blind\n");
	mib_print();
	printf("pktfuzz: seed %llu seconds %u packets %lu (linear %lu, paged %lu) handshakes %lu answers %lu\n",
	       (unsigned long long)seed, secs, cnt.packets, cnt.linear,
	       cnt.paged, cnt.handshakes, cnt.answers);
	fflush(stdout);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, x;
	unsigned long maxpk = 0;
	unsigned int secs = 60, iter = 0;
	const char *why;
	double end;
	int opt, i, own_ns = 1;

	while ((opt = getopt(argc, argv, "s:t:n:vNx:")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			secs = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			maxpk = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verbose = 1;
			break;
		case 'N':
			own_ns = 0;
			break;
		case 'x':
			skip = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-t SECONDS] [-n PACKETS] [-v] [-N] [-x rcemsoaphg]\n",
				argv[0]);
			return 1;
		}
	}
	x = seed;
	fz.s = splitmix64(&x) | 1;
	srv.s = splitmix64(&x) | 1;
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	crc32c_init();
	if (own_ns && unshare(CLONE_NEWNET)) {
		fprintf(stderr, "pktfuzz: unshare(CLONE_NEWNET): %s\n",
			strerror(errno));
		return 1;
	}
	if (access("/dev/net/tun", F_OK))
		system("modprobe -q tun");
	for (i = 0; i < 2; i++) {
		why = dev_open(&devs[i], i);
		if (why) {
			fprintf(stderr, "pktfuzz: setup: %s: %s\n", why,
				strerror(errno));
			return 1;
		}
	}
	if (listener(AF_INET, SOCK_STREAM, PORT_BASE) ||
	    listener(AF_INET, SOCK_SEQPACKET, PORT_BASE + 1) ||
	    listener(AF_INET6, SOCK_STREAM, PORT_BASE + 2) ||
	    listener(AF_INET6, SOCK_SEQPACKET, PORT_BASE + 3)) {
		fprintf(stderr, "pktfuzz: SCTP listeners: %s\n", strerror(errno));
		return 1;
	}
	kcov_open();
	printf("pktfuzz: seed %llu, %u s, devices %s %s, %s\n",
	       (unsigned long long)seed, secs, devs[0].name, devs[1].name,
	       cover ? "kcov" : "no kcov");
	end = now() + secs;
	while ((!maxpk || cnt.packets < maxpk) && now() < end) {
		iter++;
		if (!(iter & 3))
			srv_step();
		drain(0);
		fuzz_step();
		if (!rn(&fz, 64))
			drain(2);
	}
	drain(10);
	srv_step();
	/* everything ends: ABORT what is left */
	while (nsfd)
		sfd_close(nsfd - 1, 1);
	drain(10);
	report(seed, secs);
	for (i = 0; i < 2; i++)
		close(devs[i].fd);
	return 0;
}
