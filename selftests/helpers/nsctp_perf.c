// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_perf: the workloads of 'make bench' that iperf3 does not cover,
 * over loopback, with SCTP (whichever module is loaded) or TCP:
 *
 *   nsctp_perf [-6] [-t] [-T secs] bulk SIZE     bytes/s of SIZE-byte sends
 *   nsctp_perf [-6] [-t] [-T secs] msgs SIZE     messages/s (small messages)
 *   nsctp_perf [-6] [-t] [-T secs] rr            1-byte round trips/s
 *   nsctp_perf [-6] [-T secs] setup              association setups+teardowns/s
 *   nsctp_perf [-6] idle N                       hold N idle associations
 *
 * -t uses TCP instead of SCTP (SOCK_STREAM both). One line of output:
 * "RESULT <workload> <value> <unit>". 'idle' prints "READY" once the N
 * associations are up and holds them until stdin closes. A receiver
 * checks every byte of bulk data against the pattern the sender wrote.
 */
#include <arpa/inet.h>
#include <errno.h>
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

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif
#define SCTP_NODELAY 3

static int family = AF_INET, proto = IPPROTO_SCTP;
static double secs = 5;

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

static socklen_t addr_of(struct sockaddr_storage *ss, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (void *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
	((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
	((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
	return sizeof(struct sockaddr_in6);
}

static int listener(struct sockaddr_storage *ss, socklen_t *len)
{
	int fd = socket(family, SOCK_STREAM, proto), one = 1;

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
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
	close(l);
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

/* Messages of SIZE bytes (NODELAY) per second, one way. */
static void msgs(size_t size)
{
	unsigned long long n = 0, got = 0;
	char buf[65536] = {};
	int c, s, st;
	double t0, t1;
	pid_t pid;

	pair(&c, &s);
	nodelay(c);
	pid = fork();
	if (!pid) {
		double end = now() + secs;

		close(s);
		while (now() < end)
			for (n = 0; n < 64; n++)
				if (write(c, buf, size) != (ssize_t)size)
					_exit(1);
		shutdown(c, SHUT_WR);
		_exit(0);
	}
	close(c);
	t0 = now();
	for (;;) {
		ssize_t r = read(s, buf, sizeof(buf));

		if (r <= 0)
			break;
		got += r;
	}
	t1 = now();
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "nsctp_perf: msgs: the sender failed\n");
		exit(1);
	}
	printf("RESULT msgs%zu %.0f msg/s\n", size, got / size / (t1 - t0));
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
	while ((o = getopt(argc, argv, "6tT:")) != -1) {
		switch (o) {
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
	else if (!strcmp(argv[optind], "idle") && optind + 1 < argc)
		idle(atoi(argv[optind + 1]));
	else
		return 2;
	return 0;
}
