// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp_demo: one SCTP association over loopback, shown from both ends.
 * A one-to-many server subscribed to association events, a one-to-one
 * client that connects, both print SCTP_STATUS, the server prints the
 * notifications it gets (COMM_UP, then SHUTDOWN_EVENT and SHUTDOWN_COMP
 * when the client closes). Exits non-zero if any step fails.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/sctp.h>

static const char *const states[] = {
	"EMPTY", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_PENDING", "SHUTDOWN_SENT", "SHUTDOWN_RECEIVED",
	"SHUTDOWN_ACK_SENT",
};

static int fail(const char *what)
{
	fprintf(stderr, "nsctp_demo: %s: %s\n", what, strerror(errno));
	return 1;
}

static int show_status(const char *who, int fd, sctp_assoc_t id)
{
	struct sctp_status st = { .sstat_assoc_id = id };
	struct sockaddr_in *peer = (void *)&st.sstat_primary.spinfo_address;
	socklen_t len = sizeof(st);
	char a[INET_ADDRSTRLEN];

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
		return fail("SCTP_STATUS");
	printf("%s: association %d %s, streams in %u out %u, peer %s:%u, "
	       "peer rwnd %u, rto %u ms\n", who, st.sstat_assoc_id,
	       st.sstat_state < 9 ? states[st.sstat_state] : "?",
	       st.sstat_instrms, st.sstat_outstrms,
	       inet_ntop(AF_INET, &peer->sin_addr, a, sizeof(a)),
	       ntohs(peer->sin_port), st.sstat_rwnd,
	       st.sstat_primary.spinfo_rto);
	return 0;
}

/* Print the next notification on @fd; its sac_assoc_id or 0. */
static int show_event(int fd)
{
	static const char *const sac[] = { "COMM_UP", "COMM_LOST", "RESTART",
					   "SHUTDOWN_COMP", "CANT_STR_ASSOC" };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	union sctp_notification n;
	int flags = 0;

	if (poll(&pfd, 1, 5000) != 1)
		return -1;
	if (sctp_recvmsg(fd, &n, sizeof(n), NULL, NULL, NULL, &flags) < 0 ||
	    !(flags & MSG_NOTIFICATION))
		return -1;
	if (n.sn_header.sn_type == SCTP_ASSOC_CHANGE) {
		printf("server: notification SCTP_ASSOC_CHANGE %s\n",
		       n.sn_assoc_change.sac_state < 5 ?
		       sac[n.sn_assoc_change.sac_state] : "?");
		return n.sn_assoc_change.sac_assoc_id;
	}
	if (n.sn_header.sn_type == SCTP_SHUTDOWN_EVENT)
		printf("server: notification SCTP_SHUTDOWN_EVENT\n");
	return 0;
}

int main(void)
{
	struct sctp_event_subscribe ev = { .sctp_association_event = 1,
					   .sctp_shutdown_event = 1 };
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int s, c, id;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (s < 0)
		return fail("socket");
	if (setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) ||
	    bind(s, (void *)&a, sizeof(a)) || listen(s, 5) ||
	    getsockname(s, (void *)&a, &alen))
		return fail("server setup");
	printf("server: one-to-many socket listening on 127.0.0.1:%u\n",
	       ntohs(a.sin_port));
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	if (c < 0 || connect(c, (void *)&a, sizeof(a)))
		return fail("client connect");
	printf("client: connect() returned: association up\n");
	id = show_event(s);
	if (id <= 0 || show_status("server", s, id) ||
	    show_status("client", c, 0))
		return 1;
	close(c);
	printf("client: close() -> graceful SHUTDOWN\n");
	if (show_event(s) < 0 || show_event(s) <= 0)
		return fail("shutdown notifications");
	close(s);
	printf("nsctp_demo: ok\n");
	return 0;
}
