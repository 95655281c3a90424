// SPDX-License-Identifier: GPL-2.0
/*
 * sctp_echo_client - sends messages over several streams to
 * sctp_echo_server and checks every echo byte for byte.
 *
 *   sctp_echo_client [-p PORT] [-s STREAMS] [-m MSGS] [-l LEN] ADDR...
 *
 * The association is set up with sctp_connectx() to all the ADDRs (the
 * server's addresses, IPv4 or IPv6: the INIT tries them in turn until
 * one answers), asking for STREAMS outbound streams (SCTP_INITMSG).
 * Message i (of MSGS, LEN bytes at most, its length and bytes from i)
 * goes with sctp_sendv() on stream i % STREAMS with payload protocol id
 * i; the echo is read with sctp_recvv() and must come back on that
 * stream, with that id and those bytes. Notifications (association
 * changes, the peer's shutdown, failed sends) are printed as they come.
 * At the end the client shuts the association down (SCTP_EOF) and waits
 * for SCTP_SHUTDOWN_COMP. No echo for 10 s is a failure.
 *
 * Exit status: 0 when every echo matched, 1 otherwise.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <netinet/sctp.h>

#define MAX_ADDRS	8

static unsigned int msg_len(unsigned int i, unsigned int max)
{
	return 1 + (i * 7919u) % max;
}

static unsigned char msg_byte(unsigned int i, unsigned int off)
{
	return (unsigned char)(i * 31u + off * 7u + (off >> 8));
}

static void print_notification(const union sctp_notification *sn)
{
	switch (sn->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		printf("client: SCTP_ASSOC_CHANGE state %u (%s), %u streams out, %u in\n",
		       sn->sn_assoc_change.sac_state,
		       sn->sn_assoc_change.sac_state == SCTP_COMM_UP ?
		       "COMM_UP" :
		       sn->sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP ?
		       "SHUTDOWN_COMP" : "other",
		       sn->sn_assoc_change.sac_outbound_streams,
		       sn->sn_assoc_change.sac_inbound_streams);
		break;
	case SCTP_SHUTDOWN_EVENT:
		printf("client: SCTP_SHUTDOWN_EVENT\n");
		break;
	case SCTP_SEND_FAILED_EVENT:
		printf("client: SCTP_SEND_FAILED_EVENT, error %u\n",
		       sn->sn_send_failed_event.ssf_error);
		break;
	default:
		printf("client: notification %#x\n", sn->sn_header.sn_type);
	}
	fflush(stdout);
}

/* Parse ADDR (IPv4 or IPv6) with @port into the packed list at @p. */
static size_t put_addr(void *p, const char *text, int port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };

	if (inet_pton(AF_INET, text, &a4.sin_addr) == 1) {
		a4.sin_port = htons(port);
		memcpy(p, &a4, sizeof(a4));
		return sizeof(a4);
	}
	if (inet_pton(AF_INET6, text, &a6.sin6_addr) == 1) {
		a6.sin6_port = htons(port);
		memcpy(p, &a6, sizeof(a6));
		return sizeof(a6);
	}
	return 0;
}

/* Read until a message (not a notification) comes: its length, or -1. */
static ssize_t recv_msg(int fd, void *buf, size_t size,
			struct sctp_rcvinfo *ri, int *shutdown_comp)
{
	for (;;) {
		struct iovec iov = { .iov_base = buf, .iov_len = size };
		socklen_t ilen = sizeof(*ri);
		unsigned int type = 0;
		int flags = 0;
		ssize_t n;

		n = sctp_recvv(fd, &iov, 1, NULL, NULL, ri, &ilen, &type,
			       &flags);
		if (n <= 0)
			return -1;
		if (flags & MSG_NOTIFICATION) {
			const union sctp_notification *sn = buf;

			print_notification(sn);
			if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
			    sn->sn_assoc_change.sac_state ==
			    SCTP_SHUTDOWN_COMP) {
				*shutdown_comp = 1;
				return 0;
			}
			continue;
		}
		if (type != SCTP_RECVV_RCVINFO || !(flags & MSG_EOR))
			return -1;
		return n;
	}
}

int main(int argc, char **argv)
{
	unsigned int streams = 4, msgs = 100, len = 4000, i;
	char addrs[MAX_ADDRS * sizeof(struct sockaddr_in6)];
	struct sctp_initmsg im = { 0 };
	struct timeval tv = { .tv_sec = 10 };
	unsigned char *out, *in;
	unsigned long bytes = 0;
	int port = 5000, naddrs = 0, fd, c, done = 0, on = 1;
	int family = AF_INET;
	sctp_assoc_t id = 0;
	size_t off = 0;
	static const uint16_t events[] = {
		SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT, SCTP_SEND_FAILED_EVENT,
	};

	while ((c = getopt(argc, argv, "p:s:m:l:")) != -1) {
		switch (c) {
		case 'p':
			port = atoi(optarg);
			break;
		case 's':
			streams = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			msgs = strtoul(optarg, NULL, 0);
			break;
		case 'l':
			len = strtoul(optarg, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || !streams || streams > 65535 || !len ||
	    len > 65536)
		goto usage;
	for (; optind < argc && naddrs < MAX_ADDRS; optind++, naddrs++) {
		size_t n = put_addr(addrs + off, argv[optind], port);

		if (!n) {
			fprintf(stderr, "not an address: %s\n", argv[optind]);
			return 2;
		}
		off += n;
	}
	out = malloc(len);
	in = malloc(len + 1);
	if (!out || !in)
		return 1;
	/* an IPv6 socket when any address is IPv6 (it takes IPv4 ones too) */
	for (off = 0, i = 0; i < (unsigned int)naddrs; i++) {
		const struct sockaddr *sa = (const void *)(addrs + off);

		if (sa->sa_family == AF_INET6)
			family = AF_INET6;
		off += sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
						   sizeof(struct sockaddr_in);
	}
	fd = socket(family, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	im.sinit_num_ostreams = streams;
	im.sinit_max_instreams = streams;
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)) ||
	    setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("setsockopt");
		return 1;
	}
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		struct sctp_event ev = {
			.se_assoc_id = SCTP_FUTURE_ASSOC,
			.se_type = events[i],
			.se_on = 1,
		};

		if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev))) {
			perror("SCTP_EVENT");
			return 1;
		}
	}
	if (sctp_connectx(fd, (struct sockaddr *)addrs, naddrs, &id) < 0) {
		perror("sctp_connectx");
		return 1;
	}
	printf("client: sctp_connectx() to %d address%s: association %d\n",
	       naddrs, naddrs == 1 ? "" : "es", id);
	fflush(stdout);
	for (i = 0; i < msgs; i++) {
		unsigned int n = msg_len(i, len), j;
		struct iovec iov = { .iov_base = out, .iov_len = n };
		struct sctp_sndinfo si = {
			.snd_sid = i % streams,
			.snd_ppid = htonl(i),
			.snd_assoc_id = id,
		};
		struct sctp_rcvinfo ri;
		ssize_t got;

		for (j = 0; j < n; j++)
			out[j] = msg_byte(i, j);
		if (sctp_sendv(fd, &iov, 1, NULL, 0, &si, sizeof(si),
			       SCTP_SENDV_SNDINFO, 0) != (ssize_t)n) {
			perror("sctp_sendv");
			return 1;
		}
		got = recv_msg(fd, in, len + 1, &ri, &done);
		if (got != (ssize_t)n || ri.rcv_sid != si.snd_sid ||
		    ri.rcv_ppid != si.snd_ppid || memcmp(in, out, n)) {
			fprintf(stderr, "client: echo %u wrong or missing (%zd of %u bytes, stream %u, ppid %u): %s\n",
				i, got, n, ri.rcv_sid, ntohl(ri.rcv_ppid),
				got < 0 ? strerror(errno) : "mismatch");
			return 1;
		}
		bytes += n;
	}
	/* SCTP_EOF: the graceful shutdown of this association */
	{
		struct sctp_sndinfo si = {
			.snd_flags = SCTP_EOF,
			.snd_assoc_id = id,
		};

		if (sctp_sendv(fd, NULL, 0, NULL, 0, &si, sizeof(si),
			       SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("sctp_sendv(SCTP_EOF)");
			return 1;
		}
	}
	while (!done) {
		struct sctp_rcvinfo ri;

		if (recv_msg(fd, in, len + 1, &ri, &done) < 0 && !done) {
			fprintf(stderr, "client: no SHUTDOWN_COMP: %s\n",
				strerror(errno));
			return 1;
		}
	}
	printf("client: %u messages, %lu bytes on %u streams echoed byte for byte\n",
	       msgs, bytes, streams);
	close(fd);
	return 0;
usage:
	fprintf(stderr,
		"usage: %s [-p PORT] [-s STREAMS] [-m MSGS] [-l LEN] ADDR...\n",
		argv[0]);
	return 2;
}
