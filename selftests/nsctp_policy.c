// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's policy hooks on SCTP packets: what a protocol registered
 * with no_policy must run itself on input, and what the IP layer runs on
 * output for packets a socket owns.
 *
 *   xfrm_*      an IPsec policy in B requires ESP for SCTP coming in:
 *               a cleartext INIT gets no answer, cleartext DATA of an
 *               association is not delivered, a cleartext INIT to a port
 *               nobody listens on gets no ABORT (two netns over veth)
 *   filter_*    SO_ATTACH_FILTER with a drop-all classic BPF filter, on a
 *               listener (INITs are not answered) and on an established
 *               socket (DATA is not delivered)
 *   so_mark     SO_MARK of the sender is the skb->mark of its packets
 *               (a packet socket on lo reads it with SO_RCVMARK)
 *   tos_ttl     IP_TOS / IPV6_TCLASS, IP_TTL / IPV6_UNICAST_HOPS and IPv4
 *               options of the sender are in its packets' IP headers
 *   cgroup_*    cgroup BPF programs on the test's cgroup: egress and
 *               ingress ones see the SCTP packets of its sockets, and an
 *               egress one returning "drop" keeps an association from
 *               coming up
 *
 * Each blocking case lifts the block at the end and checks that what it
 * held back then happens (byte for byte for DATA), so a case cannot pass
 * because the setup was broken. The loopback cases run in a netns of
 * their own (FIXTURE_SETUP), the xfrm ones in two more joined by veth:
 *
 *   netns A                                   netns B
 *   client                                    server, xfrm policy "in"
 *   veth0 10.0.0.1/24 fd00::1/64  <------>  veth1 10.0.0.2/24 fd00::2/64
 *
 * The xfrm cases need the xfrm_user module and ip(8) in the guest.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <netinet/sctp.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"
#include "nsctp_netns.h"

#ifndef SO_RCVMARK
#define SO_RCVMARK	75
#endif

#define PORT_SRV	5101
#define PORT_CLI	5102
#define PORT_CLOSED	5109
#define TEST_MARK	0x2a
#define TEST_TOS	0x28
#define TEST_TTL	33
#define BLOCK_MS	1200	/* how long a block is watched */
#define PASS_MS		5000	/* how long what was held back may take */
#define STALL_MS	10000	/* no new byte for this long: a stall */
#define CGROUP_MNT	"/tmp/nsctp-policy-cg"

FIXTURE(policy) {
	int lsn, cli, srv;
};

FIXTURE_VARIANT(policy) {
	int family;
	const char *lo;		/* loopback address */
	const char *a, *b;	/* the netns addresses (xfrm cases) */
	const char *plen;	/* a host prefix of the family */
};

FIXTURE_VARIANT_ADD(policy, ipv4) {
	.family = AF_INET, .lo = "127.0.0.1",
	.a = NETNS_A4, .b = NETNS_B4, .plen = "32",
};

FIXTURE_VARIANT_ADD(policy, ipv6) {
	.family = AF_INET6, .lo = "::1",
	.a = NETNS_A6, .b = NETNS_B6, .plen = "128",
};

FIXTURE_SETUP(policy)
{
	int s;

	self->lsn = -1;
	self->cli = -1;
	self->srv = -1;
	if (geteuid())
		SKIP(return, "needs root (namespaces, filters, cgroups)");
	ASSERT_GE(netns_new(), 0);
	s = socket(variant->family, SOCK_STREAM, IPPROTO_SCTP);
	if (s < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(s, 0);
	close(s);
}

FIXTURE_TEARDOWN(policy)
{
	if (self->srv >= 0)
		close(self->srv);
	if (self->cli >= 0)
		close(self->cli);
	if (self->lsn >= 0)
		close(self->lsn);
}

/* Helpers */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A one-to-one socket of @family bound to @text:@port; -1 on failure. */
static int sock_bound(int family, const char *text, int port)
{
	return nsctp_bound(family, SOCK_STREAM, text, port);
}

static int listener(int family, const char *text, int port)
{
	int fd = sock_bound(family, text, port);

	if (fd >= 0 && listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Short retransmission timers, so that what a block held back goes
 * soon after it is lifted, and enough INIT attempts to outlast it.
 */
static int quick_timers(int fd)
{
	struct sctp_rtoinfo rto = {
		.srto_initial = 200, .srto_max = 400, .srto_min = 100,
	};
	struct sctp_initmsg init = {
		.sinit_max_attempts = 60, .sinit_max_init_timeo = 400,
	};

	if (setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof(rto)) ||
	    setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof(init)))
		return -errno;
	return 0;
}

/* Start connecting @fd (non-blocking) to @text:@port: 0 or -errno. */
static int connect_start(int fd, int family, const char *text, int port)
{
	struct nsctp_addr to;

	if (!nsctp_addr(&to, family, text, port))
		return -EINVAL;
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK))
		return -errno;
	if (!connect(fd, &to.sa, to.len))
		return 0;
	return errno == EINPROGRESS ? 0 : -errno;
}

/* The outcome of a connect() in progress within @ms: 0 (up), -ETIMEDOUT
 * (still going on), or its error.
 */
static int connect_wait(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int err = 0;

	if (poll(&pfd, 1, ms) != 1)
		return -ETIMEDOUT;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		return -errno;
	return -err;
}

/* Does @fd become readable within @ms? */
static bool readable(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, ms) == 1;
}

/* Read exactly @len bytes equal to @want; false on a mismatch, an error
 * or a stall (no new byte for STALL_MS).
 */
static bool recv_exact(int fd, const char *want, size_t len)
{
	char buf[256];
	size_t got = 0;
	ssize_t n;

	if (len > sizeof(buf))
		return false;
	while (got < len) {
		if (!readable(fd, STALL_MS))
			return false;
		n = recv(fd, buf + got, len - got, MSG_DONTWAIT);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n <= 0)
			return false;
		got += n;
	}
	return !memcmp(buf, want, len);
}

/* A connected pair on loopback: self->lsn, self->cli (quick timers,
 * bound to PORT_CLI) and the accepted self->srv, all blocking again.
 */
static void pair_up(struct __test_metadata *_metadata,
		    FIXTURE_DATA(policy) *self,
		    const FIXTURE_VARIANT(policy) *v)
{
	self->lsn = listener(v->family, v->lo, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	self->cli = sock_bound(v->family, v->lo, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, v->family, v->lo, PORT_SRV), 0);
	ASSERT_EQ(connect_wait(self->cli, PASS_MS), 0);
	ASSERT_TRUE(readable(self->lsn, PASS_MS));
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(fcntl(self->cli, F_SETFL, 0), 0);
}

/* Classic BPF socket filters */

static int filter_drop_all(int fd)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { .len = 1, .filter = code };

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
			  sizeof(prog)) ? -errno : 0;
}

static int filter_detach(int fd)
{
	int zero = 0;

	return setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &zero,
			  sizeof(zero)) ? -errno : 0;
}

/* IPsec policies, with ip(8) in the current netns */

static int sh(const char *fmt, const char *x, const char *y,
	      const char *z, const char *w)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, x, y, z, w);
	return system(cmd);
}

/* Can ip(8) configure IPsec here (xfrm_user loaded)? */
static bool xfrm_usable(void)
{
	return !system("modprobe -q xfrm_user 2>/dev/null; "
		       "ip xfrm policy list >/dev/null 2>&1");
}

/* In the current netns: SCTP (132: the guest has no /etc/protocols)
 * from @a to @b must come in under ESP.
 */
static int xfrm_require_esp(const FIXTURE_VARIANT(policy) *v)
{
	return sh("ip xfrm policy add src %s/%s dst %s/%s proto 132 dir in "
		  "tmpl proto esp mode transport level required", v->a,
		  v->plen, v->b, v->plen);
}

static int xfrm_flush(void)
{
	return system("ip xfrm policy flush");
}

/* A counter of /proc/net/xfrm_stat in the current netns, or -1. */
static long xfrm_stat(const char *name)
{
	FILE *f = fopen("/proc/net/xfrm_stat", "r");
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

/* Namespaces A and B over veth; the current netns is B, where the
 * policy is in place. SKIPs what the guest cannot do.
 */
#define XFRM_SETUP(ns_a, ns_b)						\
	do {								\
		int _e = netns_pair(&(ns_a), &(ns_b));			\
									\
		if (_e == -EOPNOTSUPP)					\
			SKIP(return, "no veth");			\
		ASSERT_EQ(_e, 0);					\
		ASSERT_EQ(netns_enter(ns_b), 0);			\
		if (!xfrm_usable())					\
			SKIP(return, "no ip xfrm (xfrm_user module?)");	\
		ASSERT_EQ(xfrm_require_esp(variant), 0);		\
	} while (0)

/* Packets on lo, read by a packet socket */

struct cap_pkt {
	uint32_t mark;
	bool has_mark;
	uint8_t tos;		/* IPv4 TOS or IPv6 traffic class */
	uint8_t ttl;		/* or hop limit */
	uint8_t ihl;		/* IPv4 header length in words */
	uint16_t sport;
};

static int cap_open(void)
{
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = if_nametoindex("lo"),
	};
	int fd, one = 1;

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, htons(ETH_P_ALL));
	if (fd < 0)
		return -1;
	if (bind(fd, (void *)&ll, sizeof(ll)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVMARK, &one, sizeof(one))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The next SCTP packet lo sent within @ms: 1, or 0 when none came. */
static int cap_next(int fd, struct cap_pkt *p, int ms)
{
	long end = now_ms() + ms;
	uint8_t buf[2048];
	char ctl[CMSG_SPACE(sizeof(uint32_t)) * 4];
	struct sockaddr_ll ll;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = {
		.msg_name = &ll, .msg_namelen = sizeof(ll),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl, .msg_controllen = sizeof(ctl),
	};
	struct cmsghdr *c;
	const uint8_t *ip;
	ssize_t n;

	for (;;) {
		m.msg_namelen = sizeof(ll);
		m.msg_controllen = sizeof(ctl);
		n = recvmsg(fd, &m, 0);
		if (n < 0) {
			if (errno != EAGAIN || now_ms() >= end)
				return 0;
			readable(fd, end - now_ms());
			continue;
		}
		if (ll.sll_pkttype != PACKET_OUTGOING || n < ETH_HLEN + 40)
			continue;
		memset(p, 0, sizeof(*p));
		for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
			if (c->cmsg_level == SOL_SOCKET &&
			    c->cmsg_type == SO_MARK) {
				memcpy(&p->mark, CMSG_DATA(c), sizeof(p->mark));
				p->has_mark = true;
			}
		ip = buf + ETH_HLEN;
		if (ll.sll_protocol == htons(ETH_P_IP) && ip[9] == IPPROTO_SCTP) {
			p->ihl = ip[0] & 0xf;
			p->tos = ip[1];
			p->ttl = ip[8];
			if (ETH_HLEN + p->ihl * 4 + 2 > n)
				continue;
			p->sport = get16(ip + p->ihl * 4);
			return 1;
		}
		if (ll.sll_protocol == htons(ETH_P_IPV6) &&
		    ip[6] == IPPROTO_SCTP) {
			p->tos = (ip[0] << 4 | ip[1] >> 4) & 0xff;
			p->ttl = ip[7];
			p->sport = get16(ip + 40);
			return 1;
		}
	}
}

/* cgroup BPF, with bare bpf(2) */

static int bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static struct bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src,
			    int16_t off, int32_t imm)
{
	struct bpf_insn i = {
		.code = code, .dst_reg = dst, .src_reg = src,
		.off = off, .imm = imm,
	};

	return i;
}

/* A one-entry array counting what a program saw; its fd or -1. */
static int counter_map(void)
{
	union bpf_attr a = {
		.map_type = BPF_MAP_TYPE_ARRAY,
		.key_size = sizeof(uint32_t),
		.value_size = sizeof(uint64_t),
		.max_entries = 1,
	};

	return bpf(BPF_MAP_CREATE, &a);
}

static long counter_read(int map)
{
	uint32_t key = 0;
	uint64_t val = 0;
	union bpf_attr a = {
		.map_fd = map,
		.key = (uintptr_t)&key,
		.value = (uintptr_t)&val,
	};

	return bpf(BPF_MAP_LOOKUP_ELEM, &a) ? -1 : (long)val;
}

/* A cgroup skb program that adds one to @map (if >= 0) per packet and
 * returns @verdict (1 pass, 0 drop); its fd or -1.
 */
static int skb_prog(int map, int verdict)
{
	struct bpf_insn p[12];
	union bpf_attr a = { .prog_type = BPF_PROG_TYPE_CGROUP_SKB };
	char log[1024] = "";
	int n = 0;

	if (map >= 0) {
		/* key = 0 at fp - 4; r0 = lookup(map, &key) */
		p[n++] = insn(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0);
		p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0);
		p[n++] = insn(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4);
		p[n++] = insn(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD,
			      0, map);
		p[n++] = insn(0, 0, 0, 0, 0);
		p[n++] = insn(BPF_JMP | BPF_CALL, 0, 0, 0,
			      BPF_FUNC_map_lookup_elem);
		/* if (r0) atomically *(u64 *)r0 += 1 */
		p[n++] = insn(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, 0);
		p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 1);
		p[n++] = insn(BPF_STX | BPF_ATOMIC | BPF_DW, 0, 1, 0, BPF_ADD);
	}
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, verdict);
	p[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	a.insns = (uintptr_t)p;
	a.insn_cnt = n;
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	n = bpf(BPF_PROG_LOAD, &a);
	if (n < 0)
		fprintf(stderr, "# BPF_PROG_LOAD: %s %s\n", strerror(errno), log);
	return n;
}

static int prog_attach(int cg, int prog, int type)
{
	union bpf_attr a = {
		.target_fd = cg, .attach_bpf_fd = prog, .attach_type = type,
	};

	return bpf(BPF_PROG_ATTACH, &a) ? -errno : 0;
}

static int prog_detach(int cg, int prog, int type)
{
	union bpf_attr a = {
		.target_fd = cg, .attach_bpf_fd = prog, .attach_type = type,
	};

	return bpf(BPF_PROG_DETACH, &a) ? -errno : 0;
}

/* Move this process into a fresh cgroup (cgroup2 mounted at CGROUP_MNT
 * if need be); the cgroup's directory fd, or -errno. Sockets record
 * their cgroup when created: create them after this.
 */
static int cgroup_join(char *dir, size_t size)
{
	char procs[300], pid[16];
	int fd, cg;

	mkdir(CGROUP_MNT, 0755);
	if (mount("none", CGROUP_MNT, "cgroup2", 0, NULL) && errno != EBUSY)
		return -errno;
	snprintf(dir, size, CGROUP_MNT "/nsctp-policy-%d", getpid());
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", dir);
	snprintf(pid, sizeof(pid), "%d", getpid());
	fd = open(procs, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, pid, strlen(pid)) < 0) {
		close(fd);
		return -errno;
	}
	close(fd);
	cg = open(dir, O_RDONLY | O_DIRECTORY);
	return cg < 0 ? -errno : cg;
}

/* Back to the root cgroup, and the test's one goes. */
static void cgroup_leave(const char *dir)
{
	char pid[16];
	int fd = open(CGROUP_MNT "/cgroup.procs", O_WRONLY);

	if (fd >= 0) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		if (write(fd, pid, strlen(pid)) < 0)
			perror("# cgroup.procs");
		close(fd);
	}
	rmdir(dir);
}

/* (a) IPsec: an inbound policy requiring ESP */

/* A cleartext INIT to a listener gets no answer, and no association
 * comes up; without the policy it does.
 */
TEST_F(policy, xfrm_init_unanswered)
{
	SETUP_SKIPPED_RETURN();
	int ns_a, ns_b;

	XFRM_SETUP(ns_a, ns_b);
	self->lsn = listener(variant->family, variant->b, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(netns_enter(ns_a), 0);
	self->cli = sock_bound(variant->family, variant->a, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->b,
				PORT_SRV), 0);
	EXPECT_EQ(connect_wait(self->cli, BLOCK_MS), -ETIMEDOUT);
	ASSERT_EQ(netns_enter(ns_b), 0);
	/* the INITs came, the policy refused them, nothing went back */
	EXPECT_GT(xfrm_stat("XfrmInTmplMismatch"), 0);
	EXPECT_EQ(mib("SctpOutSCTPPacks"), 0);
	EXPECT_FALSE(readable(self->lsn, 0));
	ASSERT_EQ(xfrm_flush(), 0);
	EXPECT_EQ(connect_wait(self->cli, PASS_MS), 0);
	EXPECT_TRUE(readable(self->lsn, PASS_MS));
}

/* An association that came up in the clear before the policy: its DATA
 * is not delivered while the policy is there, and is once it is gone.
 */
TEST_F(policy, xfrm_established_blocked)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "cleartext DATA under an ESP policy";
	long mism;
	int ns_a, ns_b;

	XFRM_SETUP(ns_a, ns_b);
	ASSERT_EQ(xfrm_flush(), 0);
	self->lsn = listener(variant->family, variant->b, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(netns_enter(ns_a), 0);
	self->cli = sock_bound(variant->family, variant->a, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->b,
				PORT_SRV), 0);
	ASSERT_EQ(connect_wait(self->cli, PASS_MS), 0);
	ASSERT_EQ(netns_enter(ns_b), 0);
	ASSERT_TRUE(readable(self->lsn, PASS_MS));
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(xfrm_require_esp(variant), 0);
	mism = xfrm_stat("XfrmInTmplMismatch");
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	EXPECT_FALSE(readable(self->srv, BLOCK_MS));
	EXPECT_GT(xfrm_stat("XfrmInTmplMismatch"), mism);
	ASSERT_EQ(xfrm_flush(), 0);
	EXPECT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
}

/* Out of the blue (no socket on the port): no ABORT answers a cleartext
 * INIT under the policy; without it, one does.
 */
TEST_F(policy, xfrm_ootb_unanswered)
{
	SETUP_SKIPPED_RETURN();
	int ns_a, ns_b;

	XFRM_SETUP(ns_a, ns_b);
	ASSERT_EQ(netns_enter(ns_a), 0);
	self->cli = sock_bound(variant->family, variant->a, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->b,
				PORT_CLOSED), 0);
	EXPECT_EQ(connect_wait(self->cli, BLOCK_MS), -ETIMEDOUT);
	ASSERT_EQ(netns_enter(ns_b), 0);
	EXPECT_GT(xfrm_stat("XfrmInTmplMismatch"), 0);
	EXPECT_EQ(mib("SctpOutSCTPPacks"), 0);
	ASSERT_EQ(xfrm_flush(), 0);
	EXPECT_EQ(connect_wait(self->cli, PASS_MS), -ECONNREFUSED);
}

/* (b) Socket filters */

/* A listener whose filter drops everything answers no INIT. */
TEST_F(policy, filter_listener_drops_init)
{
	SETUP_SKIPPED_RETURN();

	self->lsn = listener(variant->family, variant->lo, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(filter_drop_all(self->lsn), 0);
	self->cli = sock_bound(variant->family, variant->lo, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->lo,
				PORT_SRV), 0);
	EXPECT_EQ(connect_wait(self->cli, BLOCK_MS), -ETIMEDOUT);
	EXPECT_FALSE(readable(self->lsn, 0));
	ASSERT_EQ(filter_detach(self->lsn), 0);
	EXPECT_EQ(connect_wait(self->cli, PASS_MS), 0);
	EXPECT_TRUE(readable(self->lsn, PASS_MS));
}

/* An established socket whose filter drops everything is given no DATA
 * until the filter goes; then the retransmission is delivered.
 */
TEST_F(policy, filter_established_stops_delivery)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "held back by a socket filter";

	pair_up(_metadata, self, variant);
	ASSERT_EQ(filter_drop_all(self->srv), 0);
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	EXPECT_FALSE(readable(self->srv, BLOCK_MS));
	ASSERT_EQ(filter_detach(self->srv), 0);
	EXPECT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
}

/* (c) SO_MARK is the mark of every packet the socket sends. */
TEST_F(policy, so_mark)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "marked";
	struct cap_pkt p;
	int cap, n = 0, marked = 0;

	cap = cap_open();
	if (cap < 0)
		SKIP(return, "no packet socket with SO_RCVMARK: %s",
		     strerror(errno));
	self->lsn = listener(variant->family, variant->lo, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	self->cli = sock_bound(variant->family, variant->lo, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(nsctp_setint(self->cli, SOL_SOCKET, SO_MARK, TEST_MARK), 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->lo,
				PORT_SRV), 0);
	ASSERT_EQ(connect_wait(self->cli, PASS_MS), 0);
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	ASSERT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
	while (cap_next(cap, &p, 300)) {
		if (p.sport != PORT_CLI)
			continue;
		n++;
		marked += p.has_mark && p.mark == TEST_MARK;
		if (!p.has_mark || p.mark != TEST_MARK)
			TH_LOG("a packet of the socket with mark %#x",
			       p.mark);
	}
	close(cap);
	/* INIT, COOKIE ECHO, DATA at least */
	EXPECT_GE(n, 3);
	EXPECT_EQ(marked, n);
}

/* (d) IP_TOS / IPV6_TCLASS, IP_TTL / IPV6_UNICAST_HOPS and (IPv4) IP
 * options of the socket are in the headers of its packets. The ECN bits
 * are left out: SCTP may set ECT.
 */
TEST_F(policy, tos_ttl)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "class and hops";
	static const uint8_t nops[4] = { 1, 1, 1, 0 };	/* NOP NOP NOP END */
	int v4 = variant->family == AF_INET;
	int cap, n = 0, good = 0;
	struct cap_pkt p;

	cap = cap_open();
	if (cap < 0)
		SKIP(return, "no packet socket: %s", strerror(errno));
	self->lsn = listener(variant->family, variant->lo, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	self->cli = sock_bound(variant->family, variant->lo, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	if (v4) {
		ASSERT_EQ(nsctp_setint(self->cli, IPPROTO_IP, IP_TOS, TEST_TOS),
			  0);
		ASSERT_EQ(nsctp_setint(self->cli, IPPROTO_IP, IP_TTL, TEST_TTL),
			  0);
		ASSERT_EQ(setsockopt(self->cli, IPPROTO_IP, IP_OPTIONS, nops,
				     sizeof(nops)), 0);
	} else {
		ASSERT_EQ(nsctp_setint(self->cli, IPPROTO_IPV6, IPV6_TCLASS,
				       TEST_TOS), 0);
		ASSERT_EQ(nsctp_setint(self->cli, IPPROTO_IPV6,
				       IPV6_UNICAST_HOPS, TEST_TTL), 0);
	}
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->lo,
				PORT_SRV), 0);
	ASSERT_EQ(connect_wait(self->cli, PASS_MS), 0);
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	ASSERT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
	while (cap_next(cap, &p, 300)) {
		bool ok;

		if (p.sport != PORT_CLI)
			continue;
		n++;
		ok = (p.tos & ~3) == TEST_TOS && p.ttl == TEST_TTL &&
		     (!v4 || p.ihl == 6);
		good += ok;
		if (!ok)
			TH_LOG("a packet of the socket: tos %#x ttl %u ihl %u",
			       p.tos, p.ttl, p.ihl);
	}
	close(cap);
	EXPECT_GE(n, 3);
	EXPECT_EQ(good, n);
}

/* (e) cgroup BPF */

/* Egress and ingress programs of the cgroup see its sockets' packets. */
TEST_F(policy, cgroup_bpf_sees_packets)
{
	SETUP_SKIPPED_RETURN();
	static const char msg[] = "counted";
	int map_out, map_in, prog_out, prog_in, cg;
	char dir[256];

	cg = cgroup_join(dir, sizeof(dir));
	if (cg < 0)
		SKIP(return, "no cgroup2: %s", strerror(-cg));
	map_out = counter_map();
	map_in = counter_map();
	ASSERT_GE(map_out, 0);
	ASSERT_GE(map_in, 0);
	prog_out = skb_prog(map_out, 1);
	prog_in = skb_prog(map_in, 1);
	ASSERT_GE(prog_out, 0);
	ASSERT_GE(prog_in, 0);
	ASSERT_EQ(prog_attach(cg, prog_out, BPF_CGROUP_INET_EGRESS), 0);
	ASSERT_EQ(prog_attach(cg, prog_in, BPF_CGROUP_INET_INGRESS), 0);
	pair_up(_metadata, self, variant);
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	ASSERT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
	/* the client's INIT, COOKIE ECHO and DATA at least, each way */
	EXPECT_GE(counter_read(map_out), 3);
	EXPECT_GE(counter_read(map_in), 3);
	TH_LOG("egress %ld ingress %ld", counter_read(map_out),
	       counter_read(map_in));
	cgroup_leave(dir);
}

/* An egress program that drops everything keeps the cgroup's sockets
 * from setting up an association; without it, it comes up.
 */
TEST_F(policy, cgroup_bpf_egress_drop)
{
	SETUP_SKIPPED_RETURN();
	int prog, cg;
	char dir[256];

	cg = cgroup_join(dir, sizeof(dir));
	if (cg < 0)
		SKIP(return, "no cgroup2: %s", strerror(-cg));
	prog = skb_prog(-1, 0);
	ASSERT_GE(prog, 0);
	ASSERT_EQ(prog_attach(cg, prog, BPF_CGROUP_INET_EGRESS), 0);
	self->lsn = listener(variant->family, variant->lo, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	self->cli = sock_bound(variant->family, variant->lo, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, variant->family, variant->lo,
				PORT_SRV), 0);
	EXPECT_EQ(connect_wait(self->cli, BLOCK_MS), -ETIMEDOUT);
	EXPECT_FALSE(readable(self->lsn, 0));
	ASSERT_EQ(prog_detach(cg, prog, BPF_CGROUP_INET_EGRESS), 0);
	EXPECT_EQ(connect_wait(self->cli, PASS_MS), 0);
	EXPECT_TRUE(readable(self->lsn, PASS_MS));
	cgroup_leave(dir);
}

/* (f) A path reuses its last packet's route (output.c); what changes
 * routing under an association that is up must still be obeyed.
 */

/* An association from netns A (self->cli) to a listener in netns B
 * (self->srv accepted), patient enough (20 retransmissions) to outlast
 * BLOCK_MS of quick timers; the caller is left in A.
 */
static void pair_across(struct __test_metadata *_metadata,
			FIXTURE_DATA(policy) *self,
			const FIXTURE_VARIANT(policy) *v)
{
	struct sctp_paddrparams pp = {
		.spp_pathmaxrxt = 20, .spp_flags = SPP_HB_ENABLE,
		.spp_hbinterval = 30000,
	};
	struct sctp_assocparams ap = { .sasoc_asocmaxrxt = 40 };
	int ns_a, ns_b, e;

	e = netns_pair(&ns_a, &ns_b);
	if (e == -EOPNOTSUPP)
		SKIP(return, "no veth");
	ASSERT_EQ(e, 0);
	ASSERT_EQ(netns_enter(ns_b), 0);
	self->lsn = listener(v->family, v->b, PORT_SRV);
	ASSERT_GE(self->lsn, 0);
	ASSERT_EQ(netns_enter(ns_a), 0);
	self->cli = sock_bound(v->family, v->a, PORT_CLI);
	ASSERT_GE(self->cli, 0);
	ASSERT_EQ(quick_timers(self->cli), 0);
	ASSERT_EQ(connect_start(self->cli, v->family, v->b, PORT_SRV), 0);
	ASSERT_EQ(connect_wait(self->cli, PASS_MS), 0);
	ASSERT_TRUE(readable(self->lsn, PASS_MS));
	self->srv = accept(self->lsn, NULL, NULL);
	ASSERT_GE(self->srv, 0);
	ASSERT_EQ(fcntl(self->cli, F_SETFL, 0), 0);
	ASSERT_EQ(setsockopt(self->cli, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap,
			     sizeof(ap)), 0);
	ASSERT_EQ(setsockopt(self->cli, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS,
			     &pp, sizeof(pp)), 0);
}

/* Send @msg from A, once through (the path's route is cached), then
 * with @block's command in force: held back; after @unblock: delivered.
 */
static void held_while(struct __test_metadata *_metadata,
		       FIXTURE_DATA(policy) *self, const char *block,
		       const char *unblock)
{
	static const char first[] = "before the change", msg[] = "after it";

	ASSERT_EQ(send(self->cli, first, sizeof(first), 0),
		  (ssize_t)sizeof(first));
	ASSERT_TRUE(recv_exact(self->srv, first, sizeof(first)));
	ASSERT_EQ(system(block), 0);
	ASSERT_EQ(send(self->cli, msg, sizeof(msg), 0), (ssize_t)sizeof(msg));
	EXPECT_FALSE(readable(self->srv, BLOCK_MS));
	ASSERT_EQ(system(unblock), 0);
	EXPECT_TRUE(recv_exact(self->srv, msg, sizeof(msg)));
}

/* A route that forbids the peer, added once the path's route is cached:
 * the DATA after it does not go (the cached route fails dst_check());
 * deleted, the retransmission gets through.
 */
TEST_F(policy, route_change_followed)
{
	SETUP_SKIPPED_RETURN();
	char block[128], unblock[128];

	pair_across(_metadata, self, variant);
	snprintf(block, sizeof(block), "ip route add prohibit %s/%s",
		 variant->b, variant->plen);
	snprintf(unblock, sizeof(unblock), "ip route del prohibit %s/%s",
		 variant->b, variant->plen);
	held_while(_metadata, self, block, unblock);
}

/* The same route on an idle association with quick heartbeats (100 ms,
 * one retransmission per path and association): the heartbeats that
 * cannot be routed count as unanswered, and the association ends with
 * ETIMEDOUT within a few heartbeat periods (interval + RTO, RTO.Max
 * 400 ms: about 1.5 s; 8 s allowed) instead of living on.
 */
TEST_F(policy, route_loss_ends_idle_association)
{
	SETUP_SKIPPED_RETURN();
	static const char first[] = "route cached";
	struct sctp_paddrparams pp = {
		.spp_pathmaxrxt = 1, .spp_flags = SPP_HB_ENABLE,
		.spp_hbinterval = 100,
	};
	struct sctp_assocparams ap = { .sasoc_asocmaxrxt = 1 };
	struct linger abort_close = { .l_onoff = 1, .l_linger = 0 };
	struct pollfd pfd;
	char cmd[128];
	socklen_t len = sizeof(int);
	int err = 0;

	pair_across(_metadata, self, variant);
	ASSERT_EQ(setsockopt(self->cli, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS,
			     &pp, sizeof(pp)), 0);
	ASSERT_EQ(setsockopt(self->cli, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap,
			     sizeof(ap)), 0);
	ASSERT_EQ(send(self->cli, first, sizeof(first), 0),
		  (ssize_t)sizeof(first));
	ASSERT_TRUE(recv_exact(self->srv, first, sizeof(first)));
	snprintf(cmd, sizeof(cmd), "ip route add prohibit %s/%s",
		 variant->b, variant->plen);
	ASSERT_EQ(system(cmd), 0);
	pfd.fd = self->cli;
	pfd.events = POLLIN;
	ASSERT_EQ(poll(&pfd, 1, 8000), 1);
	ASSERT_EQ(getsockopt(self->cli, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, ETIMEDOUT);
	/* B's end is still up and A could not answer its SHUTDOWN: an
	 * ABORT ends it at once, so no orphan outlives the test
	 */
	EXPECT_EQ(setsockopt(self->srv, SOL_SOCKET, SO_LINGER, &abort_close,
			     sizeof(abort_close)), 0);
}

/* An outbound policy that wants ESP (no SA: nothing may go), added once
 * the path's route is cached: the DATA after it is not sent in the
 * clear; flushed, the retransmission gets through.
 */
TEST_F(policy, xfrm_out_policy_after_setup)
{
	SETUP_SKIPPED_RETURN();
	char block[256];

	pair_across(_metadata, self, variant);
	if (!xfrm_usable())
		SKIP(return, "no ip xfrm (xfrm_user module?)");
	snprintf(block, sizeof(block),
		 "ip xfrm policy add src %s/%s dst %s/%s proto 132 dir out "
		 "tmpl proto esp mode transport level required",
		 variant->a, variant->plen, variant->b, variant->plen);
	held_while(_metadata, self, block, "ip xfrm policy flush");
}

TEST_HARNESS_MAIN
