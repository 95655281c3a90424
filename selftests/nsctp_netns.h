/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two network namespaces joined by a veth pair, built over rtnetlink,
 * and netem on either end. Shared by nsctp_netns.c and nsctp_lossy.c:
 *
 *   netns A                                   netns B
 *   veth0 10.0.0.1/24 fd00::1/64  <------>  veth1 10.0.0.2/24 fd00::2/64
 *
 * rtnetlink is much faster than running ip and tc in a TCG guest.
 * Neighbour entries are permanent, so ARP and neighbour discovery never
 * stand between netem and the SCTP packets. Everything returns 0 or a
 * -errno; the harness assertions stay in the tests.
 */
#ifndef NSCTP_NETNS_H
#define NSCTP_NETNS_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <linux/neighbour.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define NETNS_A4	"10.0.0.1"
#define NETNS_A6	"fd00::1"
#define NETNS_B4	"10.0.0.2"
#define NETNS_B6	"fd00::2"

/* IF_OPER_UP of <linux/if.h>, which does not mix with <net/if.h> */
#define OPER_UP		6

static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0, 0x0a };
static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0, 0x0b };

/* rtnetlink */

struct nl_req {
	struct nlmsghdr h;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct ndmsg nd;
		struct tcmsg tc;
		struct rtmsg rt;
	};
	uint8_t attrs[512];
};

static inline void nl_init(struct nl_req *r, uint16_t type,
			   uint16_t flags, size_t hdr)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(hdr);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
}

/* Append an attribute; for a nest, close it later with nl_end(). */
static inline struct rtattr *nl_put(struct nl_req *r, uint16_t type,
				    const void *data, size_t len)
{
	struct rtattr *a = (void *)((char *)&r->h +
				    NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static inline void nl_end(struct nl_req *r, struct rtattr *nest)
{
	nest->rta_len = (char *)&r->h + r->h.nlmsg_len - (char *)nest;
}

/* Send @r in the current netns and read the answer into @buf: 0 (an
 * acknowledgment, or the answer itself when @r asks for no ACK) or the
 * kernel's -errno.
 */
static inline int nl_talk_buf(struct nl_req *r, void *buf, size_t size)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr *h = buf;
	ssize_t n;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	n = sendto(fd, &r->h, r->h.nlmsg_len, 0, (void *)&sa, sizeof(sa));
	if (n == (ssize_t)r->h.nlmsg_len)
		n = recv(fd, buf, size, 0);
	else
		n = -1;
	close(fd);
	if (n < (ssize_t)NLMSG_HDRLEN || !NLMSG_OK(h, n))
		return -EPROTO;
	if (h->nlmsg_type != NLMSG_ERROR)
		return 0;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr)))
		return -EPROTO;
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

static inline int nl_talk(struct nl_req *r)
{
	uint32_t buf[256];

	return nl_talk_buf(r, buf, sizeof(buf));
}

/* veth0 here, its peer veth1 in the netns @peer_ns. Distinct interface
 * indexes: linkwatch only hurries (rather than batching for up to a
 * second) the carrier events of a device whose peer's index differs
 * from its own, and both would be 2 in their fresh namespaces.
 */
static inline int veth_create(int peer_ns)
{
	struct ifinfomsg peer = { .ifi_family = AF_UNSPEC, .ifi_index = 11 };
	struct rtattr *info, *data, *p;
	struct nl_req r;

	nl_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(r.ifi));
	r.ifi.ifi_index = 10;
	nl_put(&r, IFLA_IFNAME, "veth0", sizeof("veth0"));
	nl_put(&r, IFLA_ADDRESS, mac_a, sizeof(mac_a));
	info = nl_put(&r, IFLA_LINKINFO, NULL, 0);
	nl_put(&r, IFLA_INFO_KIND, "veth", sizeof("veth"));
	data = nl_put(&r, IFLA_INFO_DATA, NULL, 0);
	p = nl_put(&r, VETH_INFO_PEER, &peer, sizeof(peer));
	nl_put(&r, IFLA_IFNAME, "veth1", sizeof("veth1"));
	nl_put(&r, IFLA_ADDRESS, mac_b, sizeof(mac_b));
	nl_put(&r, IFLA_NET_NS_FD, &peer_ns, sizeof(peer_ns));
	nl_end(&r, p);
	nl_end(&r, data);
	nl_end(&r, info);
	return nl_talk(&r);
}

static inline int link_up(const char *name)
{
	struct ifreq ifr = { 0 };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return -errno;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	err = ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(s, SIOCSIFFLAGS, &ifr);
	err = err ? -errno : 0;
	close(s);
	return err;
}

static inline int link_mtu(const char *name, int mtu)
{
	struct ifreq ifr = { 0 };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return -errno;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	ifr.ifr_mtu = mtu;
	err = ioctl(s, SIOCSIFMTU, &ifr) ? -errno : 0;
	close(s);
	return err;
}

/* IFLA_OPERSTATE of @dev, or -errno. */
static inline int oper_state(const char *dev)
{
	uint32_t buf[1024];
	struct nlmsghdr *h = (void *)buf;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *a;
	struct nl_req r;
	int len, err;

	nl_init(&r, RTM_GETLINK, 0, sizeof(r.ifi));
	r.h.nlmsg_flags &= ~NLM_F_ACK;
	r.ifi.ifi_index = if_nametoindex(dev);
	err = nl_talk_buf(&r, buf, sizeof(buf));
	if (err)
		return err;
	if (h->nlmsg_type != RTM_NEWLINK)
		return -EPROTO;
	len = IFLA_PAYLOAD(h);
	for (a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == IFLA_OPERSTATE)
			return *(uint8_t *)RTA_DATA(a);
	return -ENOENT;
}

/* Until linkwatch has seen the carrier, the device keeps its noop qdisc,
 * which drops every packet: wait (up to 2 s) for the operational state
 * up. Linkwatch sets it and attaches the real qdisc under the RTNL,
 * which the next rtnetlink request waits for.
 */
static inline int wait_oper_up(const char *dev)
{
	int i, st = -1;

	for (i = 0; i < 200; i++) {
		st = oper_state(dev);
		if (st == OPER_UP)
			return 0;
		usleep(10000);
	}
	return st < 0 ? st : -ETIMEDOUT;
}

/* Parse @text of @family into @buf; the address length, 0 if bad. */
static inline size_t addr_bytes(int family, const char *text, void *buf)
{
	if (inet_pton(family, text, buf) != 1)
		return 0;
	return family == AF_INET ? 4 : 16;
}

/* An address without duplicate address detection: usable at once. */
static inline int addr_add(int ifindex, int family, const char *text, int plen)
{
	uint8_t a[16];
	size_t len = addr_bytes(family, text, a);
	struct nl_req r;

	if (!len)
		return -EINVAL;
	nl_init(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(r.ifa));
	r.ifa.ifa_family = family;
	r.ifa.ifa_prefixlen = plen;
	r.ifa.ifa_flags = IFA_F_NODAD;
	r.ifa.ifa_index = ifindex;
	nl_put(&r, IFA_LOCAL, a, len);
	nl_put(&r, IFA_ADDRESS, a, len);
	return nl_talk(&r);
}

/* The route type (RTN_*) the current netns has for the IPv6 @text. */
static inline int route6_type(const char *text)
{
	uint32_t buf[1024];
	struct nlmsghdr *h = (void *)buf;
	struct rtmsg *rtm = NLMSG_DATA(h);
	struct nl_req r;
	uint8_t a[16];
	int err;

	if (!addr_bytes(AF_INET6, text, a))
		return -EINVAL;
	nl_init(&r, RTM_GETROUTE, 0, sizeof(r.rt));
	r.h.nlmsg_flags &= ~NLM_F_ACK;
	r.rt.rtm_family = AF_INET6;
	r.rt.rtm_dst_len = 128;
	nl_put(&r, RTA_DST, a, sizeof(a));
	err = nl_talk_buf(&r, buf, sizeof(buf));
	if (err)
		return err;
	return h->nlmsg_type == RTM_NEWROUTE ? rtm->rtm_type : -EPROTO;
}

/* An IPv6 address is usable as a source at once, but the local route
 * that delivers packets to it comes from addrconf's DAD work, even for
 * a NODAD address: until then, replies to it are dropped. Wait for it
 * (up to 2 s).
 */
static inline int wait_local6(const char *text)
{
	int i, t = -1;

	for (i = 0; i < 200; i++) {
		t = route6_type(text);
		if (t == RTN_LOCAL)
			return 0;
		usleep(10000);
	}
	return t < 0 ? t : -ETIMEDOUT;
}

static inline int neigh_add(int ifindex, int family, const char *text,
			    const uint8_t *mac)
{
	uint8_t a[16];
	size_t len = addr_bytes(family, text, a);
	struct nl_req r;

	if (!len)
		return -EINVAL;
	nl_init(&r, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, sizeof(r.nd));
	r.nd.ndm_family = family;
	r.nd.ndm_ifindex = ifindex;
	r.nd.ndm_state = NUD_PERMANENT;
	nl_put(&r, NDA_DST, a, len);
	nl_put(&r, NDA_LLADDR, mac, 6);
	return nl_talk(&r);
}

/* What netem does to every packet leaving a device. Probabilities are
 * in parts per million (0.1 % is 1000).
 */
struct netem_opts {
	unsigned int delay_ms;
	unsigned int loss_ppm;
	/* sent at once, ahead of the packets still held for delay_ms */
	unsigned int reorder_ppm;
	unsigned int dup_ppm;
	/* one bit flipped in the packet's linear part */
	unsigned int corrupt_ppm;
	unsigned int limit;	/* packets held at most; 0: 1000 */
};

static inline uint32_t netem_prob(unsigned int ppm)
{
	if (ppm >= 1000000)
		return UINT32_MAX;
	return (uint32_t)((uint64_t)UINT32_MAX * ppm / 1000000);
}

/* netem as the root qdisc of @dev (current netns). Its TCA_OPTIONS are
 * a struct tc_netem_qopt followed by attributes of their own.
 */
static inline int netem_apply(const char *dev, const struct netem_opts *o)
{
	struct tc_netem_qopt q = {
		/* psched ticks: 64 ns each */
		.latency = (uint32_t)((uint64_t)o->delay_ms * 1000000 >> 6),
		.limit = o->limit ? o->limit : 1000,
		.loss = netem_prob(o->loss_ppm),
		.duplicate = netem_prob(o->dup_ppm),
		/* what tc sets for "reorder": every packet may jump ahead */
		.gap = o->reorder_ppm ? 1 : 0,
	};
	struct rtattr *opts;
	struct nl_req r;

	nl_init(&r, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE, sizeof(r.tc));
	r.tc.tcm_family = AF_UNSPEC;
	r.tc.tcm_ifindex = if_nametoindex(dev);
	r.tc.tcm_parent = TC_H_ROOT;
	nl_put(&r, TCA_KIND, "netem", sizeof("netem"));
	opts = nl_put(&r, TCA_OPTIONS, &q, sizeof(q));
	if (o->reorder_ppm) {
		struct tc_netem_reorder ro = {
			.probability = netem_prob(o->reorder_ppm),
		};

		nl_put(&r, TCA_NETEM_REORDER, &ro, sizeof(ro));
	}
	if (o->corrupt_ppm) {
		struct tc_netem_corrupt co = {
			.probability = netem_prob(o->corrupt_ppm),
		};

		nl_put(&r, TCA_NETEM_CORRUPT, &co, sizeof(co));
	}
	nl_end(&r, opts);
	return nl_talk(&r);
}

/* Every packet leaving @dev is delayed by @delay_ms, and @loss_pct
 * percent are dropped.
 */
static inline int netem_set(const char *dev, unsigned int delay_ms,
			    unsigned int loss_pct)
{
	struct netem_opts o = {
		.delay_ms = delay_ms,
		.loss_ppm = loss_pct * 10000,
	};

	return netem_apply(dev, &o);
}

static inline int netem_del(const char *dev)
{
	struct nl_req r;

	nl_init(&r, RTM_DELQDISC, 0, sizeof(r.tc));
	r.tc.tcm_family = AF_UNSPEC;
	r.tc.tcm_ifindex = if_nametoindex(dev);
	r.tc.tcm_parent = TC_H_ROOT;
	return nl_talk(&r);
}

/* Namespaces */

/* A new netns for this process, lo up; its fd, or -1. */
static inline int netns_new(void)
{
	if (unshare(CLONE_NEWNET) || link_up("lo"))
		return -1;
	return open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
}

/* One end: both addresses, the peer's as a permanent neighbour. */
static inline int side_setup(const char *dev, const char *v4,
			     const char *v6, const char *peer4,
			     const char *peer6, const uint8_t *peer_mac)
{
	int ifindex = if_nametoindex(dev);

	if (!ifindex)
		return -ENODEV;
	return wait_oper_up(dev) ?: addr_add(ifindex, AF_INET, v4, 24) ?:
	       addr_add(ifindex, AF_INET6, v6, 64) ?:
	       neigh_add(ifindex, AF_INET, peer4, peer_mac) ?:
	       neigh_add(ifindex, AF_INET6, peer6, peer_mac) ?:
	       wait_local6(v6);
}

static inline int netns_enter(int ns)
{
	return setns(ns, CLONE_NEWNET) ? -errno : 0;
}

/* Fresh namespaces A and B for this process (its fds in *ns_a, *ns_b;
 * the current netns is A's on success), veth0 in A and veth1 in B, both
 * up with their addresses and the other side as a permanent neighbour.
 * 0, or -errno (-EOPNOTSUPP: no veth driver) and the step on stderr.
 */
static inline int netns_pair(int *ns_a, int *ns_b)
{
	int err;

	*ns_a = netns_new();
	if (*ns_a < 0) {
		fprintf(stderr, "# netns A: %s\n", strerror(errno));
		return -errno;
	}
	*ns_b = netns_new();
	if (*ns_b < 0) {
		fprintf(stderr, "# netns B: %s\n", strerror(errno));
		return -errno;
	}
	err = netns_enter(*ns_a) ?: veth_create(*ns_b);
	if (err) {
		if (err != -EOPNOTSUPP)
			fprintf(stderr, "# veth: %s\n", strerror(-err));
		return err;
	}
	err = link_up("veth0") ?: netns_enter(*ns_b) ?: link_up("veth1") ?:
	      side_setup("veth1", NETNS_B4, NETNS_B6, NETNS_A4, NETNS_A6,
			 mac_a);
	if (err) {
		fprintf(stderr, "# netns B setup: %s\n", strerror(-err));
		return err;
	}
	err = netns_enter(*ns_a) ?:
	      side_setup("veth0", NETNS_A4, NETNS_A6, NETNS_B4, NETNS_B6,
			 mac_b);
	if (err)
		fprintf(stderr, "# netns A setup: %s\n", strerror(-err));
	return err;
}

#endif /* NSCTP_NETNS_H */
