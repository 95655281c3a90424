// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_sock: open SCTP sockets for the shell selftests.
 *
 * The module tests need a process that holds SCTP sockets open (rmmod
 * must then be refused) and one that just asks for a socket (which makes
 * the kernel autoload the module). The guest has no python, so this small
 * program does both:
 *
 *   nsctp_sock [-b] [-l [-c N]] [-w SECS] SPEC...
 *
 * SPEC is <family><type>: family 4 or 6, type s (SOCK_STREAM) or
 * q (SOCK_SEQPACKET), e.g. "4s 6q". -b binds each socket to the loopback
 * address on an ephemeral port, -l also listens. -c connects N one-to-one
 * clients of its family to each listener (accepting them on a one-to-one
 * listener) and prints "port SPEC PORT" for each listener, for a test of
 * what ss shows (nsctp_ss.sh). -w prints "ready" once
 * every socket is open and then holds them until SIGTERM/SIGINT (exit 0)
 * or until SECS pass (exit 3, so a test that forgot to stop it notices and
 * no process outlives a test by much). Exit 1 on any failing call.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

#define MAX_SOCKS 64
#define MAX_CONNS 256

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int parse_spec(const char *spec, int *family, int *type)
{
	if (strlen(spec) != 2)
		return -1;
	if (spec[0] == '4')
		*family = AF_INET;
	else if (spec[0] == '6')
		*family = AF_INET6;
	else
		return -1;
	if (spec[1] == 's')
		*type = SOCK_STREAM;
	else if (spec[1] == 'q')
		*type = SOCK_SEQPACKET;
	else
		return -1;
	return 0;
}

static int bind_loopback(int fd, int family)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (family == AF_INET6) {
		sin6.sin6_addr = in6addr_loopback;
		return bind(fd, (struct sockaddr *)&sin6, sizeof(sin6));
	}
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return bind(fd, (struct sockaddr *)&sin, sizeof(sin));
}

/* Returns the new descriptor, or -1 after printing what failed. */
static int open_one(const char *spec, int do_bind, int do_listen)
{
	int family, type, fd;

	if (parse_spec(spec, &family, &type)) {
		fprintf(stderr, "nsctp_sock: bad spec '%s'\n", spec);
		return -1;
	}
	fd = socket(family, type, IPPROTO_SCTP);
	if (fd < 0) {
		fprintf(stderr, "nsctp_sock: socket(%s): %s\n", spec,
			strerror(errno));
		return -1;
	}
	if ((do_bind || do_listen) && bind_loopback(fd, family)) {
		fprintf(stderr, "nsctp_sock: bind(%s): %s\n", spec,
			strerror(errno));
		close(fd);
		return -1;
	}
	if (do_listen && listen(fd, 8)) {
		fprintf(stderr, "nsctp_sock: listen(%s): %s\n", spec,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Connect @n clients to the listener @lfd of @spec, accepting them on a
 * one-to-one listener; their descriptors (client, accepted) go to @fds.
 * Return: how many descriptors, -1 after printing what failed.
 */
static int connect_clients(const char *spec, int lfd, int n, int *fds)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int i, k = 0, fd;

	if (getsockname(lfd, (struct sockaddr *)&ss, &len))
		return -1;
	printf("port %s %d\n", spec, ntohs(ss.ss_family == AF_INET ?
		((struct sockaddr_in *)&ss)->sin_port :
		((struct sockaddr_in6 *)&ss)->sin6_port));
	for (i = 0; i < n; i++) {
		fd = socket(ss.ss_family, SOCK_STREAM, IPPROTO_SCTP);
		if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len)) {
			fprintf(stderr, "nsctp_sock: connect(%s): %s\n", spec,
				strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		fds[k++] = fd;
		if (spec[1] != 's')
			continue;
		fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			fprintf(stderr, "nsctp_sock: accept(%s): %s\n", spec,
				strerror(errno));
			return -1;
		}
		fds[k++] = fd;
	}
	return k;
}

/* Hold the sockets until a signal (0) or the deadline (3). */
static int hold(unsigned int secs)
{
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned int left = secs;

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	printf("ready\n");
	fflush(stdout);
	while (!stop && left)
		left = sleep(left);
	if (stop)
		return 0;
	fprintf(stderr, "nsctp_sock: nobody stopped me in %us\n", secs);
	return 3;
}

static void usage(void)
{
	fprintf(stderr, "usage: nsctp_sock [-b] [-l [-c N]] [-w SECS] SPEC...\n"
		"  SPEC: 4s 4q 6s 6q (family, s=SOCK_STREAM q=SOCK_SEQPACKET)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int do_bind = 0, do_listen = 0, hold_secs = 0, conns = 0;
	int fds[MAX_SOCKS], nfds = 0, ret = 0, opt, i, k;
	int cfds[MAX_CONNS], ncfds = 0;

	while ((opt = getopt(argc, argv, "blc:w:")) != -1) {
		switch (opt) {
		case 'b':
			do_bind = 1;
			break;
		case 'l':
			do_listen = 1;
			break;
		case 'c':
			conns = atoi(optarg);
			if (conns <= 0)
				usage();
			break;
		case 'w':
			hold_secs = atoi(optarg);
			if (hold_secs <= 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind == argc || argc - optind > MAX_SOCKS ||
	    (conns && (!do_listen ||
		       2 * conns * (argc - optind) > MAX_CONNS)))
		usage();
	for (i = optind; i < argc; i++) {
		fds[nfds] = open_one(argv[i], do_bind, do_listen);
		if (fds[nfds] < 0) {
			ret = 1;
			break;
		}
		nfds++;
		if (!conns)
			continue;
		k = connect_clients(argv[i], fds[nfds - 1], conns,
				    cfds + ncfds);
		if (k < 0) {
			ret = 1;
			break;
		}
		ncfds += k;
	}
	if (!ret && hold_secs)
		ret = hold(hold_secs);
	for (i = 0; i < ncfds; i++)
		close(cfds[i]);
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	return ret;
}
