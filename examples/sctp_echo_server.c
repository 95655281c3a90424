// SPDX-License-Identifier: GPL-2.0
/*
 * sctp_echo_server - a one-to-many SCTP echo server that gives every
 * association a thread of its own by peeling it off.
 *
 *   sctp_echo_server [-p PORT] [-n ASSOCS] [-g]
 *
 * One SOCK_SEQPACKET socket listens on every address (IPv6 and, through
 * v4-mapped addresses, IPv4). When an association comes up (an
 * SCTP_ASSOC_CHANGE / SCTP_COMM_UP notification), the server peels it off
 * to a one-to-one socket of its own, by nsctp's ioctl NSCTP_IOC_PEELOFF
 * (<linux/nsctp.h>), or by getsockopt (libsctp's sctp_peeloff())
 * when the ioctl is not there (the in-tree sctp.ko) or with -g, and
 * starts a thread that echoes each message back on the stream, with the
 * payload protocol id, it came in on (sctp_recvv()/sctp_sendv()).
 * Whatever the peer sent before the peeloff moves with the association.
 *
 * With -n, the server exits once that many associations have ended;
 * its status is 0 when each thread echoed everything it read.
 *
 * Build: make examples (needs libsctp-dev). See sctp_echo_client.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netinet/sctp.h>
#include <linux/nsctp.h>

#define MAX_MSG		65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ended_cond = PTHREAD_COND_INITIALIZER;
static int ended, failed;
static int use_getsockopt;

/* Peel association @id off @lsn: the new socket's descriptor, or -1. */
static int peel_off(int lsn, sctp_assoc_t id, const char **door)
{
	struct nsctp_peeloff_arg arg = {
		.assoc_id = id,
		.flags = SOCK_CLOEXEC,
	};
	int fd;

	if (!use_getsockopt) {
		*door = "ioctl(NSCTP_IOC_PEELOFF)";
		if (ioctl(lsn, NSCTP_IOC_PEELOFF, &arg) >= 0)
			return arg.sd;
		/* not nsctp: the in-tree module has the getsockopt only */
		if (errno != ENOTTY && errno != EOPNOTSUPP)
			return -1;
	}
	/* (Debian's libsctp 1.0.19 declares sctp_peeloff_flags() but
	 * does not have it: the plain one, then FD_CLOEXEC)
	 */
	*door = "getsockopt(SCTP_SOCKOPT_PEELOFF)";
	fd = sctp_peeloff(lsn, id);
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* Echo every message of one association until the peer ends it. */
static void *serve(void *arg)
{
	int fd = (int)(long)arg, bad = 0;
	static __thread char buf[MAX_MSG];
	unsigned long msgs = 0, bytes = 0;

	for (;;) {
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct sctp_rcvinfo ri;
		socklen_t ilen = sizeof(ri);
		unsigned int type = 0;
		int flags = 0;
		ssize_t n;

		n = sctp_recvv(fd, &iov, 1, NULL, NULL, &ri, &ilen, &type,
			       &flags);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* the peer aborted; or, in-tree, it shut down and
			 * the closed socket answers ENOTCONN, not 0
			 */
			if (errno != ECONNRESET && errno != ENOTCONN) {
				perror("sctp_recvv");
				bad = 1;
			}
			break;
		}
		if (n == 0)
			break;	/* the peer shut down, all read */
		if (flags & MSG_NOTIFICATION)
			continue;
		if (!(flags & MSG_EOR) || type != SCTP_RECVV_RCVINFO) {
			fprintf(stderr, "a message larger than %d bytes, or no rcvinfo\n",
				MAX_MSG);
			bad = 1;
			break;
		}
		{
			struct sctp_sndinfo si = {
				.snd_sid = ri.rcv_sid,
				.snd_ppid = ri.rcv_ppid,
			};

			iov.iov_len = n;
			if (sctp_sendv(fd, &iov, 1, NULL, 0, &si, sizeof(si),
				       SCTP_SENDV_SNDINFO, 0) != n) {
				perror("sctp_sendv");
				bad = 1;
				break;
			}
		}
		msgs++;
		bytes += n;
	}
	printf("server: association on fd %d done: %lu messages, %lu bytes echoed\n",
	       fd, msgs, bytes);
	close(fd);
	pthread_mutex_lock(&lock);
	ended++;
	failed |= bad;
	pthread_cond_broadcast(&ended_cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static int listener(int port)
{
	struct sctp_event ev = {
		.se_assoc_id = SCTP_FUTURE_ASSOC,
		.se_type = SCTP_ASSOC_CHANGE,
		.se_on = 1,
	};
	struct sockaddr_in6 a6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	struct sockaddr_in a4 = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};
	int on = 1, fd;

	fd = socket(AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (fd >= 0) {
		if (bind(fd, (struct sockaddr *)&a6, sizeof(a6)) < 0) {
			perror("bind");
			return -1;
		}
	} else {
		fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (fd < 0) {
			perror("socket");
			return -1;
		}
		if (bind(fd, (struct sockaddr *)&a4, sizeof(a4)) < 0) {
			perror("bind");
			return -1;
		}
	}
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) ||
	    setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) ||
	    listen(fd, 64)) {
		perror("listener setup");
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	static char buf[MAX_MSG];
	int port = 5000, want = 0, lsn, c;

	while ((c = getopt(argc, argv, "p:n:g")) != -1) {
		switch (c) {
		case 'p':
			port = atoi(optarg);
			break;
		case 'n':
			want = atoi(optarg);
			break;
		case 'g':
			use_getsockopt = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-p PORT] [-n ASSOCS] [-g]\n",
				argv[0]);
			return 2;
		}
	}
	lsn = listener(port);
	if (lsn < 0)
		return 1;
	printf("server: listening on port %d\n", port);
	fflush(stdout);
	for (;;) {
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		union sctp_notification *sn = (void *)buf;
		struct sctp_rcvinfo ri;
		socklen_t ilen = sizeof(ri);
		unsigned int type = 0;
		const char *door = "";
		pthread_t t;
		int flags = 0, fd;
		ssize_t n;

		pthread_mutex_lock(&lock);
		if (want && ended >= want) {
			pthread_mutex_unlock(&lock);
			break;
		}
		pthread_mutex_unlock(&lock);
		n = sctp_recvv(lsn, &iov, 1, NULL, NULL, &ri, &ilen, &type,
			       &flags);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("sctp_recvv");
			return 1;
		}
		if (!(flags & MSG_NOTIFICATION)) {
			/* only before the peeloff, which takes the rest */
			fprintf(stderr, "server: data on the listener\n");
			continue;
		}
		if (sn->sn_header.sn_type != SCTP_ASSOC_CHANGE ||
		    sn->sn_assoc_change.sac_state != SCTP_COMM_UP)
			continue;
		fd = peel_off(lsn, sn->sn_assoc_change.sac_assoc_id, &door);
		if (fd < 0) {
			perror("peeloff");
			return 1;
		}
		printf("server: association %d peeled off by %s to fd %d (%u streams in, %u out)\n",
		       sn->sn_assoc_change.sac_assoc_id, door, fd,
		       sn->sn_assoc_change.sac_inbound_streams,
		       sn->sn_assoc_change.sac_outbound_streams);
		fflush(stdout);
		if (pthread_create(&t, NULL, serve, (void *)(long)fd)) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
		pthread_detach(t);
		/* with -n, stop reading once every association is here */
		if (want) {
			static int started;

			if (++started == want) {
				pthread_mutex_lock(&lock);
				while (ended < want)
					pthread_cond_wait(&ended_cond, &lock);
				pthread_mutex_unlock(&lock);
			}
		}
	}
	close(lsn);
	printf("server: %d associations served%s\n", ended,
	       failed ? ", with errors" : "");
	return failed;
}
