/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crafting SCTP packets for selftests: CRC32c, chunk builders, a raw
 * socket's send and receive. Shared by the wire-level tests.
 */
#ifndef NSCTP_SELFTEST_PKT_H
#define NSCTP_SELFTEST_PKT_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>
#include <linux/ipv6.h>

#include "kselftest_harness.h"

/* The 6.1 harness runs a test's body even when its FIXTURE_SETUP
 * skipped; every TEST_F here starts with this.
 */
#define SETUP_SKIPPED_RETURN()	do { if (_metadata->skip) return; } while (0)

/* run.sh exports NSCTP_MODE=intree when the in-tree sctp.ko is loaded.
 * Cases that check where nsctp follows RFC 9260 and the in-tree module
 * still follows RFC 4960 (or counts differently) skip there.
 */
static inline int intree_mode(void)
{
	const char *m = getenv("NSCTP_MODE");

	return m && !strcmp(m, "intree");
}

#define NSCTP_ONLY(reason)						\
	do {								\
		if (intree_mode())					\
			SKIP(return, "in-tree differs: " reason);	\
	} while (0)

#define CID_DATA	0
#define CID_INIT	1
#define CID_ABORT	6
#define CID_SHUTDOWN_ACK 8
#define CID_ERROR	9
#define CID_COOKIE_ACK	11
#define CID_SHUTDOWN_COMPLETE 14
#define FLAG_T		1

static uint32_t crc32c_table[256];

static inline void crc32c_init(void)
{
	uint32_t i, j, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = (c >> 1) ^ (c & 1 ? 0x82F63B78 : 0);
		crc32c_table[i] = c;
	}
}

static inline uint32_t crc32c(const uint8_t *p, size_t len)
{
	uint32_t c = ~0U;

	while (len--)
		c = crc32c_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

struct pkt {
	uint8_t b[1500];
	size_t len;
};

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static inline void pkt_init_ports(struct pkt *p, uint16_t sport,
				  uint16_t dport, uint32_t vtag)
{
	memset(p, 0, sizeof(*p));
	put16(p->b, sport);
	put16(p->b + 2, dport);
	put32(p->b + 4, vtag);
	p->len = 12;
}

/* Append a chunk with @vlen bytes of value (copied from @val or zero). */
static inline uint8_t *pkt_chunk(struct pkt *p, uint8_t type,
				 uint8_t flags, const void *val, size_t vlen)
{
	uint8_t *c = p->b + p->len;

	c[0] = type;
	c[1] = flags;
	put16(c + 2, 4 + vlen);
	if (val)
		memcpy(c + 4, val, vlen);
	p->len += (4 + vlen + 3) & ~3UL;
	return c;
}

static inline void pkt_crc(struct pkt *p)
{
	uint32_t c;

	memset(p->b + 8, 0, 4);
	c = crc32c(p->b, p->len);
	memcpy(p->b + 8, &c, 4);	/* little-endian on the wire */
}

static inline void pkt_init_chunk(struct pkt *p, uint32_t init_tag)
{
	uint8_t v[16] = { 0 };

	put32(v, init_tag);
	put32(v + 4, 65536);		/* a_rwnd */
	put16(v + 8, 10);		/* outbound streams */
	put16(v + 10, 10);		/* inbound streams */
	put32(v + 12, 1);		/* initial TSN */
	pkt_chunk(p, CID_INIT, 0, v, sizeof(v));
}

static inline long mib(const char *name)
{
	FILE *f = fopen("/proc/net/sctp/snmp", "r");
	char key[64];
	long val, ret = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", key, &val) == 2)
		if (!strcmp(key, name))
			ret = val;
	fclose(f);
	return ret;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Open a raw IPPROTO_SCTP socket and fill @dst with the loopback address
 * of @family.
 */
static inline int raw_open(int family, struct sockaddr_storage *dst,
			   socklen_t *dstlen)
{
	memset(dst, 0, sizeof(*dst));
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)dst;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*dstlen = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (void *)dst;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		*dstlen = sizeof(*a);
	}
	crc32c_init();
	return socket(family, SOCK_RAW, IPPROTO_SCTP);
}

static inline void send_pkt(struct __test_metadata *_metadata, int fd,
			    struct sockaddr_storage *dst, socklen_t dstlen,
			    struct pkt *p)
{
	ASSERT_EQ(sendto(fd, p->b, p->len, 0, (void *)dst, dstlen),
		  (ssize_t)p->len);
}

/* Wait up to @ms for an answer (a packet from @from to @to); copy its
 * SCTP part to @out. Our own packets, looped back, are skipped.
 */
static inline int recv_reply(int fd, int family, uint16_t from,
			     uint16_t to, struct pkt *out, int ms)
{
	uint8_t buf[2048];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (poll(&pfd, 1, ms) == 1) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		size_t off = 0;

		if (n <= 0)
			return -1;
		if (family == AF_INET)
			off = (buf[0] & 0xf) * 4;
		if ((size_t)n < off + 12)
			continue;
		if (((buf[off] << 8) | buf[off + 1]) != from ||
		    ((buf[off + 2] << 8) | buf[off + 3]) != to)
			continue;
		out->len = n - off;
		memcpy(out->b, buf + off, out->len);
		return 0;
	}
	return -1;
}

/*
 * A fake peer behind a TUN device. nsctp's answers to it leave through the
 * device and reach the test, instead of coming back over loopback where
 * nsctp itself would answer them as out of the blue (which ends any
 * association with a raw-socket peer on the same host).
 *
 *   nsctp socket @ 198.51.100.1 / 2001:db8::1  (local, on tunN)
 *   test as peer @ 198.51.100.2 / 2001:db8::2  (writes and reads tunN)
 */
struct tun_peer {
	int fd;
	int family;
	char name[IFNAMSIZ];
	struct sockaddr_storage local;	/* nsctp's address on the device */
	socklen_t local_len;
};

static inline int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

static inline int tun_addr_v4(const char *name)
{
	struct ifreq ifr = { 0 };
	struct sockaddr_in *a = (void *)&ifr.ifr_addr;
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	a->sin_family = AF_INET;
	inet_pton(AF_INET, "198.51.100.1", &a->sin_addr);
	err = ioctl(s, SIOCSIFADDR, &ifr);
	inet_pton(AF_INET, "255.255.255.0", &a->sin_addr);
	err = err ?: ioctl(s, SIOCSIFNETMASK, &ifr);
	err = err ?: ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(s, SIOCSIFFLAGS, &ifr);
	close(s);
	return err;
}

/* The address may stay tentative for a moment after the device comes up:
 * wait (up to a second) until a socket can bind it.
 */
static inline int tun_addr_v6_wait(void)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	int i, s, ok = 0;

	inet_pton(AF_INET6, "2001:db8::1", &a.sin6_addr);
	for (i = 0; i < 100 && !ok; i++) {
		s = socket(AF_INET6, SOCK_DGRAM, 0);
		ok = !bind(s, (void *)&a, sizeof(a));
		close(s);
		if (!ok)
			usleep(10000);
	}
	return ok ? 0 : -1;
}

static inline int tun_addr_v6(const char *name)
{
	struct in6_ifreq r = { .ifr6_prefixlen = 64 };
	struct ifreq ifr = { 0 };
	char path[128];
	int s = socket(AF_INET6, SOCK_DGRAM, 0), err;

	/* no duplicate address detection: the address is usable at once */
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 name);
	write_file(path, "0");
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	err = ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(s, SIOCSIFFLAGS, &ifr);
	r.ifr6_ifindex = if_nametoindex(name);
	inet_pton(AF_INET6, "2001:db8::1", &r.ifr6_addr);
	err = err ?: ioctl(s, SIOCSIFADDR, &r);
	close(s);
	return err ?: tun_addr_v6_wait();
}

/* Create the device and its addresses; 0, or -1 when TUN is missing. */
static inline int tun_open(struct tun_peer *t, int family)
{
	struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };

	crc32c_init();
	memset(t, 0, sizeof(*t));
	t->family = family;
	t->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	if (t->fd < 0)
		return -1;
	strcpy(ifr.ifr_name, "nsctp%d");
	if (ioctl(t->fd, TUNSETIFF, &ifr) ||
	    !memcpy(t->name, ifr.ifr_name, IFNAMSIZ) ||
	    (family == AF_INET ? tun_addr_v4(ifr.ifr_name) :
				 tun_addr_v6(ifr.ifr_name))) {
		close(t->fd);
		return -1;
	}
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)&t->local;

		a->sin_family = AF_INET;
		inet_pton(AF_INET, "198.51.100.1", &a->sin_addr);
		t->local_len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (void *)&t->local;

		a->sin6_family = AF_INET6;
		inet_pton(AF_INET6, "2001:db8::1", &a->sin6_addr);
		t->local_len = sizeof(*a);
	}
	return 0;
}

/* Remove the device, and wait until it is gone: a dying twin with the
 * same addresses would take the next test's packets.
 */
static inline void tun_close(struct tun_peer *t)
{
	int i;

	if (t->fd < 0)
		return;
	close(t->fd);
	t->fd = -1;
	for (i = 0; i < 200 && if_nametoindex(t->name); i++)
		usleep(5000);
}

static inline uint16_t ip_csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

/* Write an IPv4 or IPv6 header at @h for @len bytes of @proto payload,
 * from the peer to nsctp's address, or the other way when @to_peer.
 * Return: the header's length.
 */
static inline size_t ip_hdr_put(uint8_t *h, int family, int to_peer,
				uint8_t proto, size_t len)
{
	const char *peer = family == AF_INET ? "198.51.100.2" : "2001:db8::2";
	const char *local = family == AF_INET ? "198.51.100.1" : "2001:db8::1";
	const char *src = to_peer ? local : peer, *dst = to_peer ? peer : local;

	if (family == AF_INET) {
		memset(h, 0, 20);
		h[0] = 0x45;
		put16(h + 2, 20 + len);
		put16(h + 6, 0x4000);		/* DF */
		h[8] = 64;
		h[9] = proto;
		inet_pton(AF_INET, src, h + 12);
		inet_pton(AF_INET, dst, h + 16);
		put16(h + 10, ip_csum(h, 20));
		return 20;
	}
	memset(h, 0, 40);
	h[0] = 0x60;
	put16(h + 4, len);
	h[6] = proto;
	h[7] = 64;
	inet_pton(AF_INET6, src, h + 8);
	inet_pton(AF_INET6, dst, h + 24);
	return 40;
}

/* Send the SCTP packet @p from the peer to nsctp's address. */
static inline void tun_send(struct __test_metadata *_metadata,
			    struct tun_peer *t, struct pkt *p)
{
	uint8_t buf[2048];
	size_t hl = ip_hdr_put(buf, t->family, 0, IPPROTO_SCTP, p->len);

	memcpy(buf + hl, p->b, p->len);
	ASSERT_EQ(write(t->fd, buf, hl + p->len), (ssize_t)(hl + p->len));
}

/* Send, from the peer, an ICMP (ICMPv6) error of @type/@code with the
 * 32-bit @info (next-hop MTU, or pointer) quoting @quoted, an SCTP
 * packet nsctp sent to the peer.
 */
static inline void tun_send_icmp(struct __test_metadata *_metadata,
				 struct tun_peer *t, uint8_t type,
				 uint8_t code, uint32_t info,
				 const struct pkt *quoted)
{
	size_t hl = t->family == AF_INET ? 20 : 40, len, i;
	uint8_t buf[2048], *icmp = buf + hl;
	uint32_t sum = 0;

	memset(buf, 0, sizeof(buf));
	/* the quoted packet: our address to the peer's, then SCTP */
	ip_hdr_put(icmp + 8, t->family, 1, IPPROTO_SCTP, quoted->len);
	memcpy(icmp + 8 + hl, quoted->b, quoted->len);
	len = 8 + hl + quoted->len;
	icmp[0] = type;
	icmp[1] = code;
	put32(icmp + 4, info);
	ip_hdr_put(buf, t->family, 0, t->family == AF_INET ? IPPROTO_ICMP :
			IPPROTO_ICMPV6, len);
	if (t->family == AF_INET) {
		put16(icmp + 2, ip_csum(icmp, len + (len & 1)));
	} else {
		/* pseudo-header: addresses, length, next header */
		for (i = 8; i < 40; i += 2)
			sum += get16(buf + i);
		sum += len + IPPROTO_ICMPV6;
		for (i = 0; i < len; i += 2)
			sum += get16(icmp + i);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		put16(icmp + 2, ~sum);
	}
	ASSERT_EQ(write(t->fd, buf, hl + len), (ssize_t)(hl + len));
}

/* Wait up to @ms for an SCTP packet from nsctp to the peer; copy its
 * SCTP part to @out. Other traffic (neighbour discovery...) is skipped.
 */
static inline int tun_recv(struct tun_peer *t, struct pkt *out, int ms)
{
	struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
	uint8_t buf[2048];

	while (poll(&pfd, 1, ms) == 1) {
		ssize_t n = read(t->fd, buf, sizeof(buf));
		size_t off;

		if (n <= 0)
			return -1;
		if ((buf[0] >> 4) == 4 && buf[9] == IPPROTO_SCTP)
			off = (buf[0] & 0xf) * 4;
		else if ((buf[0] >> 4) == 6 && buf[6] == IPPROTO_SCTP)
			off = 40;
		else
			continue;
		if ((size_t)n < off + 12)
			continue;
		out->len = n - off;
		memcpy(out->b, buf + off, out->len);
		return 0;
	}
	return -1;
}

#endif
