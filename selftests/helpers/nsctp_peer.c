// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_peer: one side of an SCTP scenario between two hosts.
 *
 * selftests/vm/interop.sh runs it in two guests joined by a virtual wire,
 * one with nsctp and one with the in-tree sctp.ko; the program does not
 * care which SCTP it talks to. One run is one association:
 *
 *   server: nsctp_peer -l LOCAL_ADDR -p PORT [OPTIONS]
 *   client: nsctp_peer -c SERVER_ADDR -p PORT [OPTIONS]
 *
 *   -t s|q         SOCK_STREAM (one-to-one, default) or SOCK_SEQPACKET
 *                  (one-to-many); both sides use the same style
 *   -e ENDING      who ends the association and how:
 *                  {client,server}-{close,shutdown,abort}
 *                  close: close() (graceful SHUTDOWN); shutdown:
 *                  shutdown(SHUT_WR), one-to-one only, then wait for the
 *                  SHUTDOWN COMPLETE; abort: SO_LINGER {1,0} and close()
 *   -s OUT:IN      this side's SCTP_INITMSG (outbound streams, max inbound)
 *   -S OUT:IN      the peer's, to check the negotiated minimums
 *   -n BYTES -m SIZE[,SIZE...] -d c2s|s2c|both
 *                  data: BYTES in messages of SIZE (the last one shorter;
 *                  with a list, message k has the k-th size modulo the
 *                  list's length) on stream 0 in the given direction(s);
 *                  the receiver checks every message's length and every
 *                  byte against a fixed pattern of the offset (and
 *                  direction); the two sides compare byte and message
 *                  counts and a hash of the bytes
 *   -w SECS        how long the client retries while the server is not up
 *                  yet, and the server waits for it (30)
 *   -T SECS        bound on every later step (20); a transfer has no
 *                  bound on its whole time, but fails when no new byte
 *                  is sent or received for 10 s (a stall)
 *   -N NAME        scenario name, prefixed to every line printed
 *   -b ADDR[,ADDR...]
 *                  more local addresses, bound with sctp_bindx(): on the
 *                  server besides -l's (on its port), on the client all
 *                  of its addresses (before connect(), port 0)
 *   -a N           once up, the association must have N peer addresses
 *                  (sctp_getpaddrs()) and its local ones must be -b's
 *                  (and -l's) (sctp_getladdrs())
 *
 * Besides the association, the two sides share a TCP connection between
 * the same addresses and port (the server listens on both before the
 * client connects): a control channel that carries no SCTP. Over it they
 * exchange what SCTP_STATUS says (each checks the other's outbound
 * streams are its inbound ones and the reverse), the data counts and
 * hashes, and their verdicts; and the side that ends the association does
 * so only once the other has checked everything before that point.
 *
 * What is checked: SCTP_ASSOC_CHANGE COMM_UP with the stream counts of
 * SCTP_STATUS, state ESTABLISHED, the negotiated counts; the data; at the
 * end, on the side that did not end it: SCTP_SHUTDOWN_EVENT and
 * SCTP_ASSOC_CHANGE SHUTDOWN_COMP (graceful) or COMM_LOST (abort), and on
 * a one-to-one socket recv() returning 0 (graceful) or failing with
 * ECONNRESET (abort); on the side that ended it with shutdown(SHUT_WR),
 * SHUTDOWN_COMP (its receive side stays open: no end of file). Nothing
 * else may arrive.
 *
 * Output: lines "NAME ROLE: ...", the last "NAME ROLE: RESULT ok" or
 * "NAME ROLE: RESULT FAIL (N problems)". Exit 0, 1 on any problem, 2 on
 * bad usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <netinet/sctp.h>

enum how { END_CLOSE, END_SHUTDOWN, END_ABORT };

#define MAX_SIZES 8

static const char *const hows[] = { "close", "shutdown", "abort" };

struct dir {
	unsigned long long bytes;	/* done so far */
	uint64_t hash;			/* FNV-1a of those bytes */
	unsigned long long msgs;
	int on;				/* this direction is in the scenario */
};

struct peer {
	const char *name;
	const char *role;
	int client;
	int type;
	struct sockaddr_storage addr;	/* the server's */
	socklen_t alen;
	int ender_client;
	enum how how;
	unsigned int my_out, my_in, peer_out, peer_in;
	int have_peer;
	int wait_secs, step_secs;
	unsigned long long data_bytes;
	unsigned int msg_sizes[MAX_SIZES];	/* cycled through */
	unsigned int n_sizes;
	unsigned int msg_max;
	int seed_send, seed_recv;	/* pattern of each direction */
	struct dir tx, rx;
	unsigned long long rx_cur;	/* bytes of the message being received */
	int lfd, fd, cfd;
	const char *bindx;		/* -b */
	int want_paddrs;		/* -a */
	sctp_assoc_t id;
	/* what arrived */
	int comm_up, comm_lost, shutdown_comp, shutdown_event, unexpected;
	int cant_start;
	unsigned int up_in, up_out;
	int eof, rerr;
	int problems;
	unsigned char *buf;
	size_t buflen;
};

static void say(struct peer *p, const char *fmt, ...)
{
	va_list ap;

	printf("%s %s: ", p->name, p->role);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void problem(struct peer *p, const char *fmt, ...)
{
	va_list ap;

	printf("%s %s: FAIL: ", p->name, p->role);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	p->problems++;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int left_ms(long long deadline)
{
	long long l = deadline - now_ms();

	return l < 0 ? 0 : (int)l;
}

/* The data pattern: a byte of offset @k in the direction of @seed. */
static unsigned char pattern(int seed, unsigned long long k)
{
	uint32_t x = (uint32_t)k * 2654435761u + (uint32_t)(k >> 32) +
		     (uint32_t)seed * 0x9e3779b9u;

	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return (unsigned char)x;
}

static uint64_t fnv1a(uint64_t h, const unsigned char *b, size_t n)
{
	while (n--) {
		h ^= *b++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325ULL

static const char *const assoc_states[] = {
	"COMM_UP", "COMM_LOST", "RESTART", "SHUTDOWN_COMP", "CANT_STR_ASSOC",
};

static const char *const sstates[] = {
	"EMPTY", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_PENDING", "SHUTDOWN_SENT", "SHUTDOWN_RECEIVED",
	"SHUTDOWN_ACK_SENT",
};

static void notification(struct peer *p, const unsigned char *b, size_t n)
{
	const union sctp_notification *sn = (const void *)b;
	const struct sctp_assoc_change *ac = &sn->sn_assoc_change;

	if (n < sizeof(sn->sn_header)) {
		problem(p, "short notification (%zu bytes)", n);
		return;
	}
	switch (sn->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		if (n < sizeof(*ac)) {
			problem(p, "short SCTP_ASSOC_CHANGE (%zu bytes)", n);
			return;
		}
		say(p, "event SCTP_ASSOC_CHANGE %s, streams in %u out %u, error %u, assoc %d",
		    ac->sac_state < 5 ? assoc_states[ac->sac_state] : "?",
		    ac->sac_inbound_streams, ac->sac_outbound_streams,
		    ac->sac_error, ac->sac_assoc_id);
		if (ac->sac_state == SCTP_COMM_UP && !p->comm_up) {
			p->comm_up = 1;
			p->id = ac->sac_assoc_id;
			p->up_in = ac->sac_inbound_streams;
			p->up_out = ac->sac_outbound_streams;
			return;
		}
		if (ac->sac_state == SCTP_CANT_STR_ASSOC && !p->comm_up) {
			p->cant_start++;
			return;
		}
		if (p->type == SOCK_SEQPACKET && ac->sac_assoc_id != p->id)
			problem(p, "notification for association %d, ours is %d",
				ac->sac_assoc_id, p->id);
		if (ac->sac_state == SCTP_COMM_LOST)
			p->comm_lost++;
		else if (ac->sac_state == SCTP_SHUTDOWN_COMP)
			p->shutdown_comp++;
		else
			p->unexpected++;
		return;
	case SCTP_SHUTDOWN_EVENT:
		say(p, "event SCTP_SHUTDOWN_EVENT");
		p->shutdown_event++;
		return;
	default:
		say(p, "event type %u", sn->sn_header.sn_type);
		p->unexpected++;
	}
}

/* The length of message @k (from 0) of a direction, all being sent. */
static unsigned long long msg_len(const struct peer *p, unsigned long long k,
				  unsigned long long done)
{
	unsigned long long size = p->msg_sizes[k % p->n_sizes];
	unsigned long long left = p->data_bytes - done;

	return left < size ? left : size;
}

static void data_in(struct peer *p, const unsigned char *b, size_t n, int eor)
{
	unsigned long long want, i;

	if (!p->rx.on) {
		problem(p, "%zu bytes of data nobody sent", n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (b[i] != pattern(p->seed_recv, p->rx.bytes + i)) {
			problem(p, "data byte %llu is 0x%02x, expected 0x%02x",
				p->rx.bytes + i, b[i],
				pattern(p->seed_recv, p->rx.bytes + i));
			p->rx.on = 0;	/* one report is enough */
			return;
		}
	}
	p->rx.hash = fnv1a(p->rx.hash, b, n);
	p->rx.bytes += n;
	p->rx_cur += n;
	if (!eor)
		return;
	want = msg_len(p, p->rx.msgs, p->rx.bytes - p->rx_cur);
	if (p->rx_cur != want)
		problem(p, "message %llu has %llu bytes, expected %llu",
			p->rx.msgs, p->rx_cur, want);
	p->rx.msgs++;
	p->rx_cur = 0;
}

/*
 * Receive one message (or part of one) from the association's socket and
 * account for it. Returns 1, 0 at end of file, -1 on error (errno).
 */
static int recv_one(struct peer *p, int flags)
{
	struct iovec iov = { .iov_base = p->buf, .iov_len = p->buflen };
	char cbuf[256];
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	ssize_t n = recvmsg(p->fd, &m, flags);

	if (n < 0)
		return -1;
	if (n == 0 && !(m.msg_flags & MSG_NOTIFICATION))
		return 0;
	if (m.msg_flags & MSG_NOTIFICATION) {
		if (!(m.msg_flags & MSG_EOR))
			problem(p, "notification in parts (%zd bytes)", n);
		notification(p, p->buf, n);
	} else {
		data_in(p, p->buf, n, !!(m.msg_flags & MSG_EOR));
	}
	return 1;
}

typedef int (*until_fn)(struct peer *p);

/*
 * Receive until @until says so (0), or @ms pass (-1). End of file and
 * errors are recorded (eof, rerr); with @stop they end the wait at once,
 * without it reading goes on: a one-to-one socket can report end of file
 * (SHUTDOWN received) or ECONNRESET before the notification that
 * follows is queued.
 */
static int pump(struct peer *p, until_fn until, int ms, const char *what,
		int stop)
{
	long long deadline = now_ms() + ms;
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	int r;

	while (!until(p)) {
		r = poll(&pfd, 1, left_ms(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			problem(p, "no %s within %d ms", what, ms);
			return -1;
		}
		r = recv_one(p, MSG_DONTWAIT);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r > 0)
			continue;
		if (r < 0 && !p->rerr) {
			p->rerr = errno;
			say(p, "recv: %s", strerror(errno));
		} else if (r == 0 && !p->eof) {
			p->eof = 1;
			say(p, "recv: end of file");
		}
		if (stop && until(p))
			return 0;
		if (stop) {
			problem(p, "no %s: %s", what, r ? strerror(p->rerr) :
				"end of file");
			return -1;
		}
		if (!left_ms(deadline)) {
			problem(p, "no %s within %d ms", what, ms);
			return -1;
		}
		usleep(10 * 1000);	/* readable for good now: no busy loop */
	}
	return 0;
}

static int got_up(struct peer *p)
{
	return p->comm_up;
}

static int got_up_or_refused(struct peer *p)
{
	return p->comm_up || p->cant_start;
}

static int got_end(struct peer *p)
{
	return p->comm_lost || p->shutdown_comp || p->unexpected;
}

static int got_eof(struct peer *p)
{
	return p->eof || p->rerr;
}

/* The control channel */

static int ctl_send(struct peer *p, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	if (send(p->cfd, line, n, MSG_NOSIGNAL) != n) {
		problem(p, "control channel: send: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Read one line into @line (without the newline). */
static int ctl_recv(struct peer *p, char *line, size_t size, int ms)
{
	long long deadline = now_ms() + ms;
	struct pollfd pfd = { .fd = p->cfd, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	while (n < size - 1) {
		if (poll(&pfd, 1, left_ms(deadline)) <= 0) {
			problem(p, "control channel: the peer said nothing in %d ms", ms);
			return -1;
		}
		r = read(p->cfd, line + n, 1);
		if (r <= 0) {
			problem(p, "control channel: %s", r ? strerror(errno) :
				"the peer went away");
			return -1;
		}
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = 0;
	return 0;
}

static int ctl_open(struct peer *p)
{
	long long deadline = now_ms() + p->wait_secs * 1000LL;
	struct pollfd pfd;
	int one = 1, fd, tries = 0;

	if (!p->client) {
		fd = socket(p->addr.ss_family, SOCK_STREAM, 0);
		if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
		    bind(fd, (struct sockaddr *)&p->addr, p->alen) || listen(fd, 1)) {
			problem(p, "control channel: listen: %s", strerror(errno));
			return -1;
		}
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left_ms(deadline)) != 1) {
			problem(p, "control channel: no client in %d s", p->wait_secs);
			close(fd);
			return -1;
		}
		p->cfd = accept(fd, NULL, NULL);
		close(fd);
		if (p->cfd < 0) {
			problem(p, "control channel: accept: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	for (;;) {
		fd = socket(p->addr.ss_family, SOCK_STREAM, 0);
		if (fd < 0) {
			problem(p, "control channel: socket: %s", strerror(errno));
			return -1;
		}
		tries++;
		if (!connect(fd, (struct sockaddr *)&p->addr, p->alen))
			break;
		close(fd);
		if (left_ms(deadline) == 0) {
			problem(p, "control channel: connect: %s (%d tries in %d s)",
				strerror(errno), tries, p->wait_secs);
			return -1;
		}
		usleep(200 * 1000);
	}
	if (tries > 1)
		say(p, "control channel up after %d tries", tries);
	p->cfd = fd;
	return 0;
}

/* SCTP */

static int sctp_socket(struct peer *p)
{
	struct sctp_initmsg im = {
		.sinit_num_ostreams = p->my_out,
		.sinit_max_instreams = p->my_in,
	};
	struct sctp_event_subscribe ev = {
		.sctp_association_event = 1,
		.sctp_shutdown_event = 1,
	};
	int fd = socket(p->addr.ss_family, p->type, IPPROTO_SCTP);

	if (fd < 0) {
		problem(p, "socket: %s", strerror(errno));
		return -1;
	}
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)) ||
	    setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev))) {
		problem(p, "SCTP_INITMSG/SCTP_EVENTS: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

/*
 * One connect attempt: 0 when the association is up (COMM_UP seen on a
 * one-to-many socket), 1 when refused (worth another try), -1 otherwise.
 */
/* -b: bind the listed addresses with sctp_bindx(), on @port. Return: how
 * many, or -1.
 */
static int bindx_list(struct peer *p, int fd, unsigned int port)
{
	char buf[8 * sizeof(struct sockaddr_in6)], list[256], *a, *save;
	size_t len = 0;
	int n = 0;

	snprintf(list, sizeof(list), "%s", p->bindx);
	for (a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
		struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
		struct sockaddr_in s4 = { .sin_family = AF_INET };

		if (len + sizeof(s6) > sizeof(buf))
			return -1;
		if (inet_pton(AF_INET, a, &s4.sin_addr) == 1) {
			s4.sin_port = htons(port);
			memcpy(buf + len, &s4, sizeof(s4));
			len += sizeof(s4);
		} else if (inet_pton(AF_INET6, a, &s6.sin6_addr) == 1) {
			s6.sin6_port = htons(port);
			memcpy(buf + len, &s6, sizeof(s6));
			len += sizeof(s6);
		} else {
			return -1;
		}
		n++;
	}
	if (sctp_bindx(fd, (struct sockaddr *)buf, n, SCTP_BINDX_ADD_ADDR)) {
		problem(p, "sctp_bindx(%s): %s", p->bindx, strerror(errno));
		return -1;
	}
	return n;
}

static unsigned int port_of(const struct peer *p)
{
	/* sin_port and sin6_port share their offset */
	return ntohs(((const struct sockaddr_in *)&p->addr)->sin_port);
}

/* -a: the association's addresses, both ways. */
static int check_addrs(struct peer *p, int nlocal)
{
	sctp_assoc_t id = p->type == SOCK_STREAM ? 0 : p->id;
	struct sockaddr *addrs;
	int n;

	if (!p->want_paddrs)
		return 0;
	n = sctp_getpaddrs(p->fd, id, &addrs);
	if (n < 0) {
		problem(p, "sctp_getpaddrs: %s", strerror(errno));
		return -1;
	}
	sctp_freepaddrs(addrs);
	say(p, "%d peer addresses", n);
	if (n != p->want_paddrs)
		problem(p, "%d peer addresses, expected %d", n, p->want_paddrs);
	/* one-to-one: id 0 is the endpoint there; ask the association */
	if (p->type == SOCK_STREAM) {
		struct sctp_status st;
		socklen_t len = sizeof(st);

		memset(&st, 0, sizeof(st));
		if (!getsockopt(p->fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
			id = st.sstat_assoc_id;
	}
	n = sctp_getladdrs(p->fd, id, &addrs);
	if (n < 0) {
		problem(p, "sctp_getladdrs: %s", strerror(errno));
		return -1;
	}
	sctp_freeladdrs(addrs);
	say(p, "%d local addresses", n);
	if (n != nlocal)
		problem(p, "%d local addresses, expected %d", n, nlocal);
	return 0;
}

static int try_connect(struct peer *p, long long deadline)
{
	struct pollfd pfd;
	socklen_t len = sizeof(int);
	int err = 0;

	p->fd = sctp_socket(p);
	if (p->fd < 0)
		return -1;
	if (set_nonblock(p->fd, 1))
		goto fail;
	if (p->bindx && bindx_list(p, p->fd, 0) < 0)
		goto fail;
	if (connect(p->fd, (struct sockaddr *)&p->addr, p->alen) &&
	    errno != EINPROGRESS)
		goto fail;
	if (p->type == SOCK_SEQPACKET) {
		/* completion is COMM_UP, refusal CANT_STR_ASSOC */
		pump(p, got_up_or_refused, left_ms(deadline) ?: 1, "COMM_UP", 1);
		if (p->comm_up)
			return set_nonblock(p->fd, 0) ? -1 : 0;
		if (!p->cant_start)
			return -1;
		p->cant_start = 0;
		close(p->fd);
		p->fd = -1;
		return 1;
	}
	pfd.fd = p->fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, left_ms(deadline)) != 1) {
		problem(p, "connect: no answer in time");
		return -1;
	}
	if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len))
		goto fail;
	if (err == ECONNREFUSED) {
		close(p->fd);
		p->fd = -1;
		return 1;
	}
	if (err) {
		errno = err;
		goto fail;
	}
	return set_nonblock(p->fd, 0) ? -1 : 0;
fail:
	problem(p, "connect: %s", strerror(errno));
	return -1;
}

static int sctp_up(struct peer *p)
{
	long long deadline = now_ms() + p->wait_secs * 1000LL;
	struct pollfd pfd;
	int r, tries = 0;

	if (p->client) {
		do {
			tries++;
			r = try_connect(p, deadline);
			if (r == 1 && left_ms(deadline))
				usleep(100 * 1000);
		} while (r == 1 && left_ms(deadline));
		if (r) {
			if (r == 1)
				problem(p, "connect: refused for %d s", p->wait_secs);
			return -1;
		}
		say(p, "connected%s", tries > 1 ? " after a refusal" : "");
	} else if (p->type == SOCK_STREAM) {
		pfd.fd = p->lfd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left_ms(deadline)) != 1) {
			problem(p, "accept: nobody came in %d s", p->wait_secs);
			return -1;
		}
		p->fd = accept(p->lfd, NULL, NULL);
		if (p->fd < 0) {
			problem(p, "accept: %s", strerror(errno));
			return -1;
		}
		say(p, "accepted");
	} else {
		p->fd = p->lfd;
		p->lfd = -1;
	}
	if (pump(p, got_up, p->step_secs * 1000, "SCTP_COMM_UP", 1))
		return -1;
	return 0;
}

static int check_status(struct peer *p)
{
	struct sctp_status st = { .sstat_assoc_id = p->id };
	socklen_t len = sizeof(st);
	unsigned int want_in, want_out, pin, pout;
	char line[256];

	if (p->type == SOCK_STREAM)
		st.sstat_assoc_id = 0;
	if (getsockopt(p->fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len)) {
		problem(p, "SCTP_STATUS: %s", strerror(errno));
		return -1;
	}
	say(p, "SCTP_STATUS: state %s, streams in %u out %u, peer rwnd %u, rto %u ms",
	    st.sstat_state < 9 ? sstates[st.sstat_state] : "?",
	    st.sstat_instrms, st.sstat_outstrms, st.sstat_rwnd,
	    st.sstat_primary.spinfo_rto);
	if (st.sstat_state != SCTP_ESTABLISHED)
		problem(p, "state %d, expected ESTABLISHED", st.sstat_state);
	if (st.sstat_instrms != p->up_in || st.sstat_outstrms != p->up_out)
		problem(p, "SCTP_STATUS streams in %u out %u, COMM_UP said in %u out %u",
			st.sstat_instrms, st.sstat_outstrms, p->up_in, p->up_out);
	if (p->have_peer) {
		want_out = p->my_out < p->peer_in ? p->my_out : p->peer_in;
		want_in = p->my_in < p->peer_out ? p->my_in : p->peer_out;
		if (st.sstat_instrms != want_in || st.sstat_outstrms != want_out)
			problem(p, "streams in %u out %u, expected in %u out %u",
				st.sstat_instrms, st.sstat_outstrms, want_in, want_out);
	}
	if (ctl_send(p, "STATUS %u %u", st.sstat_instrms, st.sstat_outstrms) ||
	    ctl_recv(p, line, sizeof(line), p->step_secs * 1000))
		return -1;
	if (sscanf(line, "STATUS %u %u", &pin, &pout) != 2) {
		problem(p, "control channel: '%s', expected STATUS", line);
		return -1;
	}
	say(p, "peer's SCTP_STATUS: streams in %u out %u", pin, pout);
	if (pin != st.sstat_outstrms || pout != st.sstat_instrms)
		problem(p, "the peer has in %u out %u, we have out %u in %u",
			pin, pout, st.sstat_outstrms, st.sstat_instrms);
	return 0;
}

static int send_one(struct peer *p)
{
	size_t n = msg_len(p, p->tx.msgs, p->tx.bytes), i;
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndinfo))] = { 0 };
	struct iovec iov = { .iov_base = p->buf, .iov_len = n };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct sctp_sndinfo *si = (void *)CMSG_DATA(c);
	ssize_t r;

	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDINFO;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	si->snd_sid = 0;
	si->snd_assoc_id = p->type == SOCK_SEQPACKET ? p->id : 0;
	for (i = 0; i < n; i++)
		p->buf[i] = pattern(p->seed_send, p->tx.bytes + i);
	r = sendmsg(p->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (r < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOMEM ? 0 : -1;
	if ((size_t)r != n) {
		problem(p, "sendmsg sent %zd of %zu bytes", r, n);
		return -1;
	}
	p->tx.hash = fnv1a(p->tx.hash, p->buf, n);
	p->tx.bytes += n;
	p->tx.msgs++;
	return 0;
}

/* The stall guard: a transfer fails when no new byte is sent or received
 * for this long, however long it has run in all.
 */
#define STALL_MS 10000

/* Send and receive at once (both directions may run together). */
static int transfer(struct peer *p)
{
	long long t0 = now_ms(), moved = now_ms();
	unsigned long long seen = 0;
	struct pollfd pfd = { .fd = p->fd };
	int sending, receiving, r;

	for (;;) {
		sending = p->tx.on && p->tx.bytes < p->data_bytes;
		receiving = p->rx.on && p->rx.bytes < p->data_bytes;
		if (!sending && !receiving)
			break;
		if (got_end(p) || got_eof(p)) {
			problem(p, "the association ended during the transfer");
			return -1;
		}
		if (p->tx.bytes + p->rx.bytes != seen) {
			seen = p->tx.bytes + p->rx.bytes;
			moved = now_ms();
		} else if (now_ms() - moved > STALL_MS) {
			problem(p, "transfer stalled: no new byte for %d s, sent %llu, received %llu of %llu",
				STALL_MS / 1000, p->tx.bytes, p->rx.bytes,
				p->data_bytes);
			return -1;
		}
		pfd.events = POLLIN | (sending ? POLLOUT : 0);
		r = poll(&pfd, 1, 500);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r <= 0)
			continue;
		if (pfd.revents & (POLLIN | POLLERR | POLLHUP)) {
			r = recv_one(p, MSG_DONTWAIT);
			if (r < 0 && errno != EAGAIN && errno != EINTR) {
				problem(p, "recvmsg: %s", strerror(errno));
				return -1;
			}
			if (r == 0) {
				problem(p, "end of file during the transfer");
				return -1;
			}
		}
		if (sending && (pfd.revents & POLLOUT) && send_one(p)) {
			problem(p, "sendmsg: %s", strerror(errno));
			return -1;
		}
	}
	say(p, "data: sent %llu bytes in %llu messages (fnv1a %016llx), received %llu in %llu (fnv1a %016llx), %lld ms",
	    p->tx.bytes, p->tx.msgs, (unsigned long long)p->tx.hash,
	    p->rx.bytes, p->rx.msgs, (unsigned long long)p->rx.hash,
	    now_ms() - t0);
	return 0;
}

static int check_data(struct peer *p)
{
	unsigned long long ptx, prx, ptxm, prxm;
	unsigned long long ptxh, prxh;
	char line[256];

	if (transfer(p))
		return -1;
	if (ctl_send(p, "DATA %llu %llx %llu %llu %llx %llu", p->tx.bytes,
		     (unsigned long long)p->tx.hash, p->tx.msgs, p->rx.bytes,
		     (unsigned long long)p->rx.hash, p->rx.msgs) ||
	    ctl_recv(p, line, sizeof(line), p->step_secs * 1000))
		return -1;
	if (sscanf(line, "DATA %llu %llx %llu %llu %llx %llu", &ptx, &ptxh, &ptxm,
		   &prx, &prxh, &prxm) != 6) {
		problem(p, "control channel: '%s', expected DATA", line);
		return -1;
	}
	if (p->rx.on && (ptx != p->rx.bytes || ptxh != p->rx.hash || ptxm != p->rx.msgs))
		problem(p, "the peer sent %llu bytes in %llu messages (fnv1a %016llx), we received %llu in %llu (%016llx)",
			ptx, ptxm, ptxh, p->rx.bytes, p->rx.msgs,
			(unsigned long long)p->rx.hash);
	if (p->tx.on && (prx != p->tx.bytes || prxh != p->tx.hash || prxm != p->tx.msgs))
		problem(p, "we sent %llu bytes in %llu messages (fnv1a %016llx), the peer received %llu in %llu (%016llx)",
			p->tx.bytes, p->tx.msgs, (unsigned long long)p->tx.hash,
			prx, prxm, prxh);
	return 0;
}

static void close_all(struct peer *p)
{
	if (p->fd >= 0)
		close(p->fd);
	if (p->lfd >= 0)
		close(p->lfd);
	p->fd = -1;
	p->lfd = -1;
}

static void end_assoc(struct peer *p)
{
	int ender = p->client == p->ender_client;
	int ms = p->step_secs * 1000;
	struct linger l = { .l_onoff = 1, .l_linger = 0 };

	if (ender) {
		switch (p->how) {
		case END_ABORT:
			say(p, "ending: SO_LINGER {1, 0} and close() (ABORT)");
			if (setsockopt(p->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)))
				problem(p, "SO_LINGER: %s", strerror(errno));
			close_all(p);
			return;
		case END_CLOSE:
			say(p, "ending: close() (graceful)");
			close_all(p);
			return;
		case END_SHUTDOWN:
			say(p, "ending: shutdown(SHUT_WR) (graceful)");
			if (shutdown(p->fd, SHUT_WR)) {
				problem(p, "shutdown: %s", strerror(errno));
				close_all(p);
				return;
			}
			/* the receive side stays open: no end of file here */
			pump(p, got_end, ms, "SCTP_SHUTDOWN_COMP", 0);
			if (!p->shutdown_comp)
				problem(p, "no SCTP_SHUTDOWN_COMP");
			if (p->shutdown_event)
				problem(p, "SCTP_SHUTDOWN_EVENT on the side that sent SHUTDOWN");
			break;
		}
	} else {
		say(p, "waiting for the peer to end the association");
		pump(p, got_end, ms, p->how == END_ABORT ? "SCTP_COMM_LOST" :
		     "SCTP_SHUTDOWN_COMP", 0);
		if (p->type == SOCK_STREAM && !got_eof(p))
			pump(p, got_eof, ms, "end of file or error", 1);
		if (p->how == END_ABORT) {
			if (!p->comm_lost)
				problem(p, "no SCTP_COMM_LOST");
			if (p->type == SOCK_STREAM && p->rerr != ECONNRESET)
				problem(p, "recv() after COMM_LOST: %s, expected ECONNRESET",
					p->rerr ? strerror(p->rerr) :
					p->eof ? "0 (end of file)" : "nothing");
			if (p->shutdown_event || p->shutdown_comp)
				problem(p, "SHUTDOWN notifications on an abort");
		} else {
			if (!p->shutdown_event)
				problem(p, "no SCTP_SHUTDOWN_EVENT");
			if (!p->shutdown_comp)
				problem(p, "no SCTP_SHUTDOWN_COMP");
			if (p->type == SOCK_STREAM && !p->eof)
				problem(p, "recv() after SHUTDOWN_COMP: %s, expected 0",
					p->rerr ? strerror(p->rerr) : "nothing");
		}
	}
	if (p->comm_lost && p->how != END_ABORT)
		problem(p, "SCTP_COMM_LOST on a graceful ending");
	if (p->comm_lost + p->shutdown_comp > 1)
		problem(p, "more than one end of the association");
	close_all(p);
}

static int parse_pair(const char *s, unsigned int *a, unsigned int *b)
{
	return sscanf(s, "%u:%u", a, b) == 2 && *a && *b && *a < 65536 &&
	       *b < 65536 ? 0 : -1;
}

static int parse_addr(struct peer *p, const char *s, unsigned int port)
{
	struct sockaddr_in6 *s6 = (void *)&p->addr;
	struct sockaddr_in *s4 = (void *)&p->addr;

	memset(&p->addr, 0, sizeof(p->addr));
	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		p->alen = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, s, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		p->alen = sizeof(*s6);
		return 0;
	}
	return -1;
}

static int parse_ending(struct peer *p, const char *s)
{
	const char *dash = strchr(s, '-');
	int i;

	if (!dash)
		return -1;
	if (!strncmp(s, "client-", 7))
		p->ender_client = 1;
	else if (!strncmp(s, "server-", 7))
		p->ender_client = 0;
	else
		return -1;
	for (i = 0; i < 3; i++)
		if (!strcmp(dash + 1, hows[i])) {
			p->how = i;
			return 0;
		}
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nsctp_peer -l LOCAL_ADDR | -c SERVER_ADDR  -p PORT [-t s|q]\n"
		"         [-e {client,server}-{close,shutdown,abort}] [-s OUT:IN] [-S OUT:IN]\n"
		"         [-n BYTES -m SIZE[,SIZE...] -d c2s|s2c|both] [-w SECS] [-T SECS]\n"
		"         [-N NAME] [-b ADDR[,ADDR...]] [-a N]\n");
	exit(2);
}

/* SIZE[,SIZE...] of -m: each 1 to 1 MiB, at most MAX_SIZES. */
static int parse_sizes(struct peer *p, const char *s)
{
	unsigned long v;
	char *end;

	p->n_sizes = 0;
	p->msg_max = 0;
	for (;;) {
		v = strtoul(s, &end, 10);
		if (end == s || !v || v > (1 << 20) || p->n_sizes == MAX_SIZES)
			return -1;
		p->msg_sizes[p->n_sizes++] = v;
		if (v > p->msg_max)
			p->msg_max = v;
		if (!*end)
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

static void parse_args(struct peer *p, int argc, char **argv)
{
	const char *addr = NULL, *dir = NULL;
	unsigned int port = 0;
	int opt;

	while ((opt = getopt(argc, argv, "l:c:p:t:e:s:S:n:m:d:w:T:N:b:a:")) != -1) {
		switch (opt) {
		case 'l':
		case 'c':
			if (addr)
				usage();
			addr = optarg;
			p->client = opt == 'c';
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 't':
			if (!strcmp(optarg, "s"))
				p->type = SOCK_STREAM;
			else if (!strcmp(optarg, "q"))
				p->type = SOCK_SEQPACKET;
			else
				usage();
			break;
		case 'e':
			if (parse_ending(p, optarg))
				usage();
			break;
		case 's':
			if (parse_pair(optarg, &p->my_out, &p->my_in))
				usage();
			break;
		case 'S':
			if (parse_pair(optarg, &p->peer_out, &p->peer_in))
				usage();
			p->have_peer = 1;
			break;
		case 'n':
			p->data_bytes = strtoull(optarg, NULL, 0);
			break;
		case 'm':
			if (parse_sizes(p, optarg))
				usage();
			break;
		case 'd':
			dir = optarg;
			break;
		case 'w':
			p->wait_secs = atoi(optarg);
			break;
		case 'T':
			p->step_secs = atoi(optarg);
			break;
		case 'N':
			p->name = optarg;
			break;
		case 'b':
			p->bindx = optarg;
			break;
		case 'a':
			p->want_paddrs = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !addr || !port || port > 65535 ||
	    parse_addr(p, addr, port) || p->wait_secs <= 0 || p->step_secs <= 0)
		usage();
	if (p->how == END_SHUTDOWN && p->type != SOCK_STREAM)
		usage();
	p->role = p->client ? "client" : "server";
	if (p->data_bytes) {
		if (!dir || !p->n_sizes)
			usage();
		if (!strcmp(dir, "c2s") || !strcmp(dir, "both")) {
			p->tx.on = p->client;
			p->rx.on = !p->client;
		}
		if (!strcmp(dir, "s2c") || !strcmp(dir, "both")) {
			p->tx.on |= !p->client;
			p->rx.on |= p->client;
		}
		if (!p->tx.on && !p->rx.on)
			usage();
		p->seed_send = p->client ? 1 : 2;
		p->seed_recv = p->client ? 2 : 1;
	}
}

int main(int argc, char **argv)
{
	struct peer p = {
		.name = "nsctp_peer", .type = SOCK_STREAM, .ender_client = 1,
		.how = END_CLOSE, .my_out = 10, .my_in = 10,
		.wait_secs = 30, .step_secs = 20,
		.lfd = -1, .fd = -1, .cfd = -1,
		.tx.hash = FNV_INIT, .rx.hash = FNV_INIT,
	};
	char line[256], verdict[32];
	const char *styles = "one-to-one";
	int nlocal = 1;		/* the association's local addresses */

	parse_args(&p, argc, argv);
	if (p.type == SOCK_SEQPACKET)
		styles = "one-to-many";
	p.buflen = p.msg_max > 65536 ? p.msg_max : 65536;
	p.buf = malloc(p.buflen);
	if (!p.buf)
		return 1;
	say(&p, "%s, %s, INITMSG out %u in %u, ending %s-%s%s",
	    p.client ? "connecting" : "listening", styles, p.my_out, p.my_in,
	    p.ender_client ? "client" : "server",
	    hows[p.how],
	    p.data_bytes ? ", with data" : "");
	if (!p.client) {
		/*
		 * SCTP first: once the client has the control channel, it
		 * finds the SCTP listener up.
		 */
		p.lfd = sctp_socket(&p);
		if (p.lfd < 0 || bind(p.lfd, (struct sockaddr *)&p.addr, p.alen) ||
		    (p.bindx && (nlocal = 1 + bindx_list(&p, p.lfd, port_of(&p))) < 1) ||
		    listen(p.lfd, 8)) {
			if (p.lfd >= 0)
				problem(&p, "bind/listen: %s", strerror(errno));
			goto out;
		}
	} else if (p.bindx) {
		const char *c;

		for (nlocal = 1, c = p.bindx; *c; c++)
			nlocal += *c == ',';
	}
	if (ctl_open(&p) || sctp_up(&p) || check_status(&p) ||
	    check_addrs(&p, nlocal) ||
	    (p.data_bytes && check_data(&p))) {
		if (!p.problems)
			problem(&p, "stopped early");
		goto out;
	}
	end_assoc(&p);
	snprintf(verdict, sizeof(verdict), "%s", p.problems ? "FAIL" : "ok");
	/* the peer's verdict, which also keeps the two sides in step */
	if (!ctl_send(&p, "DONE %s", verdict) &&
	    !ctl_recv(&p, line, sizeof(line), p.step_secs * 1000))
		say(&p, "peer: %s", line);
out:
	close_all(&p);
	if (p.cfd >= 0)
		close(p.cfd);
	free(p.buf);
	if (p.problems)
		say(&p, "RESULT FAIL (%d problems)", p.problems);
	else
		say(&p, "RESULT ok");
	return p.problems ? 1 : 0;
}
