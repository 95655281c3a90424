// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_perf: the workloads of 'make bench' that iperf3 does not cover,
 * over loopback, with SCTP (whichever module is loaded) or TCP:
 *
 *   nsctp_perf [-6] [-t] [-T secs] bulk SIZE     bytes/s of SIZE-byte sends
 *   nsctp_perf [-6] [-t] [-d] [-T secs] msgs SIZE  messages/s (small messages)
 *   nsctp_perf [-6] [-t] [-T secs] rr            1-byte round trips/s
 *   nsctp_perf [-6] [-T secs] setup              association setups+teardowns/s
 *   nsctp_perf [-6] idle N                       hold N idle associations
 *   nsctp_perf [-6] [-t] [-N] [-T limit] xfer SIZE TOTAL
 *                                    TOTAL bytes in SIZE-byte messages, Mbit/s
 *
 * -t uses TCP instead of SCTP (SOCK_STREAM both: SCTP one-to-one). One
 * line of output: "RESULT <workload> <value> <unit>". 'idle' prints
 * "READY" once the N associations are up and holds them until stdin
 * closes. A receiver checks every byte of bulk and xfer data against
 * the pattern the sender wrote.
 *
 * msgs sets NODELAY on the sender; -d leaves every socket option at
 * its default (Nagle and delayed SACK/ACK on, as an application that
 * never heard of them) and checks every byte received.
 *
 * xfer: the goodput of a byte-exact transfer, from the first write to
 * the last byte read; it fails when it is not done in -T seconds, or as
 * soon as no new byte arrived for 10 s (a stall), and when anything
 * follows the TOTAL bytes before the end of the stream. With -N it runs
 * between two network namespaces joined by a veth pair (nsctp_netns.h),
 * SO_SNDBUF and SO_RCVBUF of 4 MiB on every socket (forced: above
 * rmem_max/wmem_max), and, once the connection is up (the handshake is
 * exempt), netem on both ends: delay 10ms reorder 25% loss 5%
 * duplicate 1%. Both veth ends get gso_max_segs 1 and gso_max_size 1500
 * first: netem drops, duplicates and reorders whole skbs, and a GSO skb
 * of many packets would make a 5 % loss of skbs a burst loss of packets
 * that hits TCP (TSO over veth) and SCTP differently. TCP and nsctp
 * honour gso_max_segs; the in-tree SCTP bounds its GSO packets only by
 * gso_max_size, hence both.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../nsctp_netns.h"

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif
#define SCTP_NODELAY 3
#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE	32
#endif
#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE	33
#endif

/* the stall guard: no new byte for this long fails a run */
#define STALL_SECS	10
/* -N: socket buffers, and what netem does on both ends */
#define NETEM_BUF	(4 << 20)
static const struct netem_opts netem_profile = {
	.delay_ms = 10,
	.reorder_ppm = 250000,
	.loss_ppm = 50000,
	.dup_ppm = 10000,
};

static int family = AF_INET, proto = IPPROTO_SCTP;
static double secs = 5;
/* -d: default socket options, every byte checked (msgs) */
static int defaults;
/* -N: namespaces A (client) and B (listener), or -1 */
static int use_netns, ns_a = -1, ns_b = -1;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "nsctp_perf: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The listener's address: loopback, or B's veth address (-N). */
static socklen_t addr_of(struct sockaddr_storage *ss, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (use_netns)
			inet_pton(AF_INET, NETNS_B4, &a->sin_addr);
		return sizeof(*a);
	}
	((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
	((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
	((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
	if (use_netns)
		inet_pton(AF_INET6, NETNS_B6,
			  &((struct sockaddr_in6 *)ss)->sin6_addr);
	return sizeof(struct sockaddr_in6);
}

/* -N: both buffers of @fd, before it connects or listens */
static void buffers(int fd)
{
	int v = NETEM_BUF;

	if (!use_netns)
		return;
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)))
		die("SO_SNDBUFFORCE/SO_RCVBUFFORCE");
}

static void enter(int ns)
{
	if (ns >= 0 && netns_enter(ns))
		die("setns");
}

/* RTM_NEWLINK on an existing @dev: GSO skbs of one packet at most. */
static int link_gso_one(const char *dev)
{
	uint32_t segs = 1, size = 1500;
	struct nl_req r;

	nl_init(&r, RTM_NEWLINK, 0, sizeof(r.ifi));
	r.ifi.ifi_family = AF_UNSPEC;
	r.ifi.ifi_index = if_nametoindex(dev);
	nl_put(&r, IFLA_GSO_MAX_SEGS, &segs, sizeof(segs));
	nl_put(&r, IFLA_GSO_MAX_SIZE, &size, sizeof(size));
	return nl_talk(&r);
}

/* -N: the namespaces and the veth pair, GSO limited; netem comes later,
 * once the connection is up.
 */
static void netns_bed(void)
{
	int err = netns_pair(&ns_a, &ns_b);

	if (err) {
		errno = -err;
		die("network namespaces and veth");
	}
	enter(ns_b);
	err = link_gso_one("veth1");
	enter(ns_a);
	err = err ?: link_gso_one("veth0");
	if (err) {
		errno = -err;
		die("gso_max_segs/gso_max_size on veth");
	}
}

static void netns_netem(void)
{
	int err;

	enter(ns_b);
	err = netem_apply("veth1", &netem_profile);
	enter(ns_a);
	err = err ?: netem_apply("veth0", &netem_profile);
	if (err) {
		errno = -err;
		die("netem");
	}
}

static void netns_netem_off(void)
{
	int err;

	enter(ns_b);
	err = netem_del("veth1");
	enter(ns_a);
	err = err ?: netem_del("veth0");
	if (err) {
		errno = -err;
		die("netem off");
	}
}

static int listener(struct sockaddr_storage *ss, socklen_t *len)
{
	int fd, one = 1;

	/* -N: the listener lives in B, everything else in A */
	enter(ns_b);
	fd = socket(family, SOCK_STREAM, proto);
	enter(ns_a);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	buffers(fd);
	*len = addr_of(ss, 0);
	if (bind(fd, (void *)ss, *len) || listen(fd, 1024) ||
	    getsockname(fd, (void *)ss, len))
		die("listen");
	return fd;
}

static int connect_to(const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(family, SOCK_STREAM, proto);

	if (fd < 0)
		die("socket");
	buffers(fd);
	if (connect(fd, (const void *)ss, len))
		die("connect");
	return fd;
}

static void nodelay(int fd)
{
	int one = 1;

	if (proto == IPPROTO_TCP)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	else
		setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one));
}

static unsigned char pat(unsigned long long off)
{
	return (unsigned char)(off * 7 + (off >> 11));
}

/* A pair: *c connected to *s. */
static void pair(int *c, int *s)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int l = listener(&ss, &len);

	*c = connect_to(&ss, len);
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		die("accept");
	buffers(*s);
	close(l);
}

/* Reads on @fd give up after 1 s, for the stall guard and the limit. */
static void rcv_timeout(int fd)
{
	struct timeval tv = { .tv_sec = 1 };

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO");
}

/* A read for the stall guard: >= 0 as read() (EINTR retried), -1 on a
 * stall (no new byte since @*last for STALL_SECS) or an error; a
 * timeout of rcv_timeout() that is no stall yet reads again.
 */
static ssize_t guarded_read(int fd, void *buf, size_t len, double *last,
			    const char *what, unsigned long long got)
{
	for (;;) {
		ssize_t n = read(fd, buf, len);

		if (n > 0)
			*last = now();
		if (n >= 0)
			return n;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			fprintf(stderr, "nsctp_perf: %s: read: %s\n", what,
				strerror(errno));
			return -1;
		}
		if (now() - *last >= STALL_SECS) {
			fprintf(stderr, "nsctp_perf: %s: stall: no new byte for %d s, after %llu bytes\n",
				what, STALL_SECS, got);
			return -1;
		}
	}
}

/* The sender child is done: 0 when it exited 0. */
static int reap(pid_t pid, int kill_it)
{
	int st;

	if (kill_it)
		kill(pid, SIGKILL);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : -1;
}

/* Child sends SIZE-byte writes for the duration, parent receives and
 * checks; reports the receiver's byte rate.
 */
static void bulk(size_t size, int check)
{
	unsigned long long off = 0, got = 0;
	unsigned char *buf = malloc(size > 65536 ? size : 65536);
	int c, s, st;
	double t0, t1;
	pid_t pid;
	size_t i;

	pair(&c, &s);
	pid = fork();
	if (!pid) {
		double end;

		close(s);
		end = now() + secs;
		while (now() < end) {
			for (i = 0; i < size; i++)
				buf[i] = pat(off + i);
			if (write(c, buf, size) != (ssize_t)size)
				_exit(1);
			off += size;
		}
		shutdown(c, SHUT_WR);
		_exit(0);
	}
	close(c);
	t0 = now();
	for (;;) {
		ssize_t n = read(s, buf, 65536);

		if (n < 0)
			die("read");
		if (!n)
			break;
		if (check)
			for (i = 0; i < (size_t)n; i++)
				if (buf[i] != pat(got + i)) {
					fprintf(stderr, "byte %llu differs\n",
						got + i);
					exit(1);
				}
		got += n;
	}
	t1 = now();
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "nsctp_perf: bulk: the sender failed\n");
		exit(1);
	}
	printf("RESULT bulk%zu %.1f Mbit/s\n", size, got * 8 / (t1 - t0) / 1e6);
}

/* Messages of SIZE bytes (NODELAY; -d: default options, every byte
 * checked) per second, one way.
 */
static void msgs(size_t size)
{
	unsigned long long n = 0, got = 0, off = 0;
	unsigned char buf[65536] = {};
	int c, s;
	double t0, t1, last;
	pid_t pid;
	size_t i;

	if (!size || size > sizeof(buf)) {
		fprintf(stderr, "nsctp_perf: msgs: SIZE 1..%zu\n", sizeof(buf));
		exit(2);
	}
	pair(&c, &s);
	if (!defaults)
		nodelay(c);
	else
		rcv_timeout(s);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		double end = now() + secs;

		close(s);
		while (now() < end)
			for (n = 0; n < 64; n++) {
				if (defaults)
					for (i = 0; i < size; i++)
						buf[i] = pat(off + i);
				if (write(c, buf, size) != (ssize_t)size)
					_exit(1);
				off += size;
			}
		shutdown(c, SHUT_WR);
		_exit(0);
	}
	close(c);
	t0 = last = now();
	for (;;) {
		ssize_t r;

		if (defaults)
			r = guarded_read(s, buf, sizeof(buf), &last, "msgs", got);
		else
			r = read(s, buf, sizeof(buf));
		if (r < 0 && defaults) {
			reap(pid, 1);
			exit(1);
		}
		if (r <= 0)
			break;
		if (defaults)
			for (i = 0; i < (size_t)r; i++)
				if (buf[i] != pat(got + i)) {
					fprintf(stderr, "nsctp_perf: msgs: byte %llu differs\n",
						got + i);
					reap(pid, 1);
					exit(1);
				}
		got += r;
	}
	t1 = now();
	if (reap(pid, 0)) {
		fprintf(stderr, "nsctp_perf: msgs: the sender failed\n");
		exit(1);
	}
	if (got % size) {
		fprintf(stderr, "nsctp_perf: msgs: %llu bytes, not whole messages\n",
			got);
		exit(1);
	}
	printf("RESULT msgs%zu%s %.0f msg/s\n", size, defaults ? "d" : "",
	       got / size / (t1 - t0));
}

/* TOTAL bytes in SIZE-byte messages, byte-exact, with the stall guard
 * and a limit of -T seconds: the goodput from the first write to the
 * last byte read.
 */
static void xfer(size_t size, unsigned long long total)
{
	unsigned long long off = 0, got = 0;
	size_t bufsz = size > 65536 ? size : 65536;
	unsigned char *buf = malloc(bufsz);
	double t0, t1, last;
	int c, s, fail = 0;
	pid_t pid;
	size_t i;

	if (!buf || !size || !total) {
		fprintf(stderr, "nsctp_perf: xfer: SIZE and TOTAL > 0\n");
		exit(2);
	}
	if (use_netns)
		netns_bed();
	pair(&c, &s);
	/* the handshake is exempt: netem from now on */
	if (use_netns)
		netns_netem();
	rcv_timeout(s);
	t0 = last = now();
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(s);
		while (off < total) {
			size_t n = total - off < size ? total - off : size, w = 0;

			for (i = 0; i < n; i++)
				buf[i] = pat(off + i);
			/* SCTP takes a message whole; TCP may take part */
			while (w < n) {
				ssize_t r = write(c, buf + w, n - w);

				if (r <= 0)
					_exit(1);
				w += r;
			}
			off += n;
		}
		shutdown(c, SHUT_WR);
		/* until the receiver is done (a stall ends it too) */
		rcv_timeout(c);
		last = now();
		while (read(c, buf, 1) > 0 ||
		       (errno == EAGAIN && now() - last < STALL_SECS))
			;
		_exit(0);
	}
	close(c);
	while (got < total) {
		ssize_t n = guarded_read(s, buf, bufsz, &last, "xfer", got);

		if (n <= 0) {
			if (!n)
				fprintf(stderr, "nsctp_perf: xfer: end of stream after %llu of %llu bytes\n",
					got, total);
			fail = 1;
			break;
		}
		if ((unsigned long long)n > total - got) {
			fprintf(stderr, "nsctp_perf: xfer: %llu bytes beyond %llu\n",
				got + n - total, total);
			fail = 1;
			break;
		}
		for (i = 0; i < (size_t)n; i++)
			if (buf[i] != pat(got + i)) {
				fprintf(stderr, "nsctp_perf: xfer: byte %llu differs\n",
					got + i);
				fail = 1;
				break;
			}
		if (fail)
			break;
		got += n;
		if (got < total && now() - t0 > secs) {
			fprintf(stderr, "nsctp_perf: xfer: not done in %.0f s: %llu of %llu bytes (%.2f Mbit/s so far)\n",
				secs, got, total, got * 8 / (now() - t0) / 1e6);
			fail = 1;
			break;
		}
	}
	t1 = now();
	if (fail) {
		reap(pid, 1);
		exit(1);
	}
	/* then the end of the stream, and nothing before it */
	for (;;) {
		ssize_t n = guarded_read(s, buf, bufsz, &last, "xfer: end", got);

		if (!n)
			break;
		if (n > 0)
			fprintf(stderr, "nsctp_perf: xfer: %zd bytes beyond %llu\n",
				n, total);
		reap(pid, 1);
		exit(1);
	}
	/* The transfer is measured and checked. The rest of the graceful
	 * close goes without netem: a SHUTDOWN COMPLETE lost after the
	 * sender's namespace went away (with the veth pair) would leave
	 * the receiver's association resending its SHUTDOWN ACK into
	 * nothing until T5 (5 x RTO.Max), holding the module that long.
	 */
	if (use_netns) {
		/* and close() waits for the SHUTDOWN COMPLETE */
		struct linger lg = { .l_onoff = 1, .l_linger = 10 };

		netns_netem_off();
		setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(s);
	if (reap(pid, 0)) {
		fprintf(stderr, "nsctp_perf: xfer: the sender failed\n");
		exit(1);
	}
	printf("RESULT xfer%zu %.2f Mbit/s\n", size, total * 8 / (t1 - t0) / 1e6);
}

/* 1-byte request, 1-byte response. */
static void rr(void)
{
	unsigned long long n = 0;
	int c, s, st;
	double t0, end;
	pid_t pid;
	char b = 1;

	pair(&c, &s);
	nodelay(c);
	nodelay(s);
	pid = fork();
	if (!pid) {
		close(c);
		while (read(s, &b, 1) == 1)
			if (write(s, &b, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(s);
	t0 = now();
	end = t0 + secs;
	while (now() < end) {
		if (write(c, &b, 1) != 1 || read(c, &b, 1) != 1)
			die("rr");
		n++;
	}
	printf("RESULT rr %.0f trans/s\n", n / (now() - t0));
	close(c);
	waitpid(pid, &st, 0);
}

/* connect, accept, close both: associations per second. */
static void setup(void)
{
	struct sockaddr_storage ss;
	unsigned long long n = 0;
	socklen_t len;
	int l = listener(&ss, &len);
	double t0 = now(), end = t0 + secs;

	while (now() < end) {
		int c = connect_to(&ss, len), s = accept(l, NULL, NULL);

		if (s < 0)
			die("accept");
		close(c);
		close(s);
		n++;
	}
	printf("RESULT setup %.0f assoc/s\n", n / (now() - t0));
}

/* Hold N idle associations until stdin closes. */
static void idle(int n)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int l = listener(&ss, &len), i;
	char b;

	for (i = 0; i < n; i++) {
		connect_to(&ss, len);
		if (accept(l, NULL, NULL) < 0)
			die("accept");
	}
	printf("READY\n");
	fflush(stdout);
	while (read(0, &b, 1) > 0)
		;
}

int main(int argc, char **argv)
{
	int o;

	signal(SIGPIPE, SIG_IGN);
	while ((o = getopt(argc, argv, "6dNtT:")) != -1) {
		switch (o) {
		case 'd':
			defaults = 1;
			break;
		case 'N':
			use_netns = 1;
			break;
		case '6':
			family = AF_INET6;
			break;
		case 't':
			proto = IPPROTO_TCP;
			break;
		case 'T':
			secs = atof(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc)
		return 2;
	if (!strcmp(argv[optind], "bulk") && optind + 1 < argc)
		bulk(atoi(argv[optind + 1]), 1);
	else if (!strcmp(argv[optind], "msgs") && optind + 1 < argc)
		msgs(atoi(argv[optind + 1]));
	else if (!strcmp(argv[optind], "rr"))
		rr();
	else if (!strcmp(argv[optind], "setup"))
		setup();
	else if (!strcmp(argv[optind], "xfer") && optind + 2 < argc)
		xfer(strtoul(argv[optind + 1], NULL, 0),
		     strtoull(argv[optind + 2], NULL, 0));
	else if (!strcmp(argv[optind], "idle") && optind + 1 < argc)
		idle(atoi(argv[optind + 1]));
	else
		return 2;
	return 0;
}
