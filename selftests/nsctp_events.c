// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications between two sockets over loopback (RFC 6458 §6.1):
 *
 *   sender_dry_after_ack     SCTP_SENDER_DRY_EVENT once all the data
 *                            sent is acknowledged, its fields; none
 *                            on a socket not subscribed
 *   sender_dry_on_subscribe  subscribing while nothing is left to send:
 *                            SCTP_EVENTS raises one at once on a
 *                            connected one-to-one socket only,
 *                            SCTP_EVENT for the association (its id, or
 *                            SCTP_CURRENT_ASSOC) on both kinds, as
 *                            in-tree; turning it off raises none
 *   adaptation_both_ways     SCTP_ADAPTATION_LAYER set on both sides:
 *                            each learns the other's indication, in an
 *                            SCTP_ADAPTATION_INDICATION after COMM_UP
 *                            and before the AUTH event, as in-tree
 *   adaptation_one_way       only the client sets one: the client, its
 *                            peer silent, and the server, subscribed
 *                            to nothing but COMM_UP, get none
 *
 * The ERROR chunk's SCTP_REMOTE_ERROR needs a crafted peer: it is in
 * nsctp_remote.c (wire.remote_error_per_cause).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>

#define CLI_IND	0xa0b0c0d0u
#define SRV_IND	0x01020304u

FIXTURE(events) {
	int lsn;
	struct sockaddr_storage addr;	/* the listener's */
	socklen_t alen;
};

FIXTURE_VARIANT(events) {
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(events, ipv4_stream) { AF_INET, SOCK_STREAM };
FIXTURE_VARIANT_ADD(events, ipv4_seqpacket) { AF_INET, SOCK_SEQPACKET };
FIXTURE_VARIANT_ADD(events, ipv6_stream) { AF_INET6, SOCK_STREAM };
FIXTURE_VARIANT_ADD(events, ipv6_seqpacket) { AF_INET6, SOCK_SEQPACKET };

FIXTURE_SETUP(events)
{
	self->lsn = nsctp_lo_listener(variant->family, variant->type, 8,
				      &self->addr, &self->alen);
	if (self->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
}

FIXTURE_TEARDOWN(events)
{
	if (self->lsn >= 0)
		close(self->lsn);
}

static int event_set(int fd, uint16_t type, int on, sctp_assoc_t id)
{
	struct sctp_event ev = { .se_assoc_id = id, .se_type = type,
				 .se_on = on };

	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev));
}

static void subscribe(struct __test_metadata *_metadata, int fd, uint16_t type)
{
	ASSERT_EQ(event_set(fd, type, 1, SCTP_FUTURE_ASSOC), 0);
}

/* Read one message from @fd, waiting up to @ms. Return: its length, -1
 * if none came; *@notif whether it is a notification.
 */
static ssize_t read_msg(int fd, void *buf, size_t size, int ms, int *notif)
{
	struct iovec iov = { buf, size };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t len;

	if (poll(&pfd, 1, ms) != 1)
		return -1;
	len = recvmsg(fd, &m, MSG_DONTWAIT);
	if (len < 0)
		return -1;
	*notif = !!(m.msg_flags & MSG_NOTIFICATION);
	if (*notif && !(m.msg_flags & MSG_EOR))
		return -1;
	return len;
}

/* One notification within 10 s (a debug kernel in TCG is slow): its
 * type, or -1.
 */
static int read_notification(int fd, union sctp_notification *n)
{
	int notif;
	ssize_t len = read_msg(fd, n, sizeof(*n), 10000, &notif);

	if (len < (ssize_t)sizeof(n->sn_header) || !notif)
		return -1;
	return n->sn_header.sn_type;
}

/* Nothing queued on @fd right now. */
static int nothing_queued(int fd)
{
	char buf[256];

	return recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
	       errno == EAGAIN;
}

/* The server's side of a new association: an accepted socket (one-to-one)
 * or the listener itself.
 */
static int server_side(struct __test_metadata *_metadata,
		       FIXTURE_DATA(events) *self, int type)
{
	int a;

	if (type != SOCK_STREAM)
		return self->lsn;
	a = accept(self->lsn, NULL, NULL);
	EXPECT_GE(a, 0);
	return a;
}

/* The id of @fd's one association (0 on a one-to-one socket). */
static sctp_assoc_t only_assoc(int fd)
{
	struct {
		struct sctp_assoc_ids ids;
		sctp_assoc_t id[4];
	} l;
	socklen_t len = sizeof(l);

	memset(&l, 0, sizeof(l));
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &l, &len) ||
	    l.ids.gaids_number_of_ids != 1)
		return 0;
	return l.ids.gaids_assoc_id[0];
}

/* Wait until @fd's association @id has no data unacknowledged. */
static int wait_acked(int fd, sctp_assoc_t id)
{
	struct sctp_status st;
	socklen_t len;
	int i;

	for (i = 0; i < 1000; i++) {
		memset(&st, 0, sizeof(st));
		st.sstat_assoc_id = id;
		len = sizeof(st);
		if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
			return -1;
		if (!st.sstat_unackdata && !st.sstat_penddata)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* A client connected to the listener; its association's id in *@id
 * (from the COMM_UP it reads: it subscribes to SCTP_ASSOC_CHANGE).
 */
static int client(struct __test_metadata *_metadata,
		  FIXTURE_DATA(events) *self, const FIXTURE_VARIANT(events) *v,
		  sctp_assoc_t *id)
{
	union sctp_notification n;
	int c = socket(v->family, v->type, IPPROTO_SCTP);

	EXPECT_GE(c, 0);
	if (c < 0)
		return c;
	EXPECT_EQ(event_set(c, SCTP_ASSOC_CHANGE, 1, SCTP_FUTURE_ASSOC), 0);
	EXPECT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	EXPECT_EQ(read_notification(c, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	*id = n.sn_assoc_change.sac_assoc_id;
	return c;
}

static void expect_dry(struct __test_metadata *_metadata, int fd,
		       sctp_assoc_t id)
{
	union sctp_notification n;

	ASSERT_EQ(read_notification(fd, &n), SCTP_SENDER_DRY_EVENT);
	EXPECT_EQ(n.sn_sender_dry_event.sender_dry_flags, 0);
	EXPECT_EQ(n.sn_sender_dry_event.sender_dry_length,
		  sizeof(struct sctp_sender_dry_event));
	EXPECT_EQ(n.sn_sender_dry_event.sender_dry_assoc_id, id);
}

/* Data sent both ways; the client, subscribed, learns its sender is dry
 * once its data is acknowledged; the server, not subscribed, never.
 */
TEST_F(events, sender_dry_after_ack)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_sndrcvinfo si = { 0 };
	union sctp_notification n;
	sctp_assoc_t id, sid = 0;
	char buf[64];
	int c, s, i, notif;

	c = client(_metadata, self, variant, &id);
	ASSERT_GE(c, 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_GE(s, 0);
	subscribe(_metadata, c, SCTP_SENDER_DRY_EVENT);
	if (variant->type == SOCK_SEQPACKET) {
		/* as in-tree, SCTP_FUTURE_ASSOC leaves the current one */
		EXPECT_TRUE(nothing_queued(c));
		ASSERT_EQ(event_set(c, SCTP_SENDER_DRY_EVENT, 1, id), 0);
		/* nothing was sent yet: dry at once */
		expect_dry(_metadata, c, id);
	} else {
		/* one-to-one: the association is the socket's */
		expect_dry(_metadata, c, id);
	}
	EXPECT_TRUE(nothing_queued(c));
	si.sinfo_assoc_id = id;
	for (i = 0; i < 3; i++)
		ASSERT_EQ(sctp_send(c, "dry?", 4, &si, MSG_NOSIGNAL), 4);
	for (i = 0; i < 3; i++) {
		int flags = 0;

		ASSERT_EQ(sctp_recvmsg(s, buf, sizeof(buf), NULL, NULL, &si,
				       &flags), 4);
		EXPECT_FALSE(flags & MSG_NOTIFICATION);
	}
	sid = only_assoc(s);
	ASSERT_EQ(wait_acked(c, id), 0);
	expect_dry(_metadata, c, id);
	/* one per SACK that leaves the queue empty: no other kind */
	while (read_msg(c, &n, sizeof(n), 0, &notif) > 0) {
		EXPECT_TRUE(notif);
		EXPECT_EQ(n.sn_header.sn_type, SCTP_SENDER_DRY_EVENT);
	}
	/* the server's data, acked too: nothing there */
	si.sinfo_assoc_id = sid;
	ASSERT_EQ(sctp_send(s, "wet", 3, &si, MSG_NOSIGNAL), 3);
	EXPECT_EQ(read_msg(c, buf, sizeof(buf), 10000, &notif), 3);
	EXPECT_FALSE(notif);
	ASSERT_EQ(wait_acked(s, sid), 0);
	EXPECT_TRUE(nothing_queued(s));
	if (s != self->lsn)
		close(s);
	close(c);
}

/* Subscribing while nothing is left to send (nothing was sent). */
TEST_F(events, sender_dry_on_subscribe)
{
	SETUP_SKIPPED_RETURN();
	struct sctp_event_subscribe es = { .sctp_sender_dry_event = 1 };
	struct sctp_event_subscribe none = { 0 };
	sctp_assoc_t id;
	int c, s;

	c = client(_metadata, self, variant, &id);
	ASSERT_GE(c, 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_GE(s, 0);
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_EVENTS, &es, sizeof(es)),
		  0);
	if (variant->type == SOCK_STREAM)
		expect_dry(_metadata, c, id);
	/* one-to-many: as in-tree, SCTP_EVENTS names no association */
	EXPECT_TRUE(nothing_queued(c));
	/* set again with it on: again */
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_EVENTS, &es, sizeof(es)),
		  0);
	if (variant->type == SOCK_STREAM)
		expect_dry(_metadata, c, id);
	EXPECT_TRUE(nothing_queued(c));
	/* off: none */
	ASSERT_EQ(setsockopt(c, IPPROTO_SCTP, SCTP_EVENTS, &none,
			     sizeof(none)), 0);
	ASSERT_EQ(event_set(c, SCTP_ASSOC_CHANGE, 1, SCTP_FUTURE_ASSOC), 0);
	ASSERT_EQ(event_set(c, SCTP_SENDER_DRY_EVENT, 0, id), 0);
	EXPECT_TRUE(nothing_queued(c));
	/* SCTP_EVENT for the association: on both kinds */
	ASSERT_EQ(event_set(c, SCTP_SENDER_DRY_EVENT, 1, id), 0);
	expect_dry(_metadata, c, id);
	EXPECT_TRUE(nothing_queued(c));
	if (variant->type == SOCK_SEQPACKET) {
		ASSERT_EQ(event_set(c, SCTP_SENDER_DRY_EVENT, 1,
				    SCTP_CURRENT_ASSOC), 0);
		expect_dry(_metadata, c, id);
		EXPECT_TRUE(nothing_queued(c));
		ASSERT_EQ(event_set(c, SCTP_SENDER_DRY_EVENT, 1,
				    SCTP_FUTURE_ASSOC), 0);
		EXPECT_TRUE(nothing_queued(c));
	}
	/* the server subscribed to nothing: nothing */
	EXPECT_TRUE(nothing_queued(s));
	if (s != self->lsn)
		close(s);
	close(c);
}

static void set_adaptation(struct __test_metadata *_metadata, int fd,
			   uint32_t ind)
{
	struct sctp_setadaptation a = { .ssb_adaptation_ind = ind };

	ASSERT_EQ(setsockopt(fd, IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, &a,
			     sizeof(a)), 0);
}

TEST_F(events, adaptation_both_ways)
{
	SETUP_SKIPPED_RETURN();
	union sctp_notification n;
	int c, s, side, fd;
	sctp_assoc_t id;

	set_adaptation(_metadata, self->lsn, SRV_IND);
	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, self->lsn, SCTP_ADAPTATION_INDICATION);
	subscribe(_metadata, self->lsn, SCTP_AUTHENTICATION_EVENT);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	set_adaptation(_metadata, c, CLI_IND);
	subscribe(_metadata, c, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, c, SCTP_ADAPTATION_INDICATION);
	subscribe(_metadata, c, SCTP_AUTHENTICATION_EVENT);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_GE(s, 0);
	for (side = 0; side < 2; side++) {
		fd = side ? c : s;
		ASSERT_EQ(read_notification(fd, &n), SCTP_ASSOC_CHANGE);
		EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
		id = n.sn_assoc_change.sac_assoc_id;
		ASSERT_EQ(read_notification(fd, &n),
			  SCTP_ADAPTATION_INDICATION) TH_LOG("side %d", side);
		EXPECT_EQ(n.sn_adaptation_event.sai_flags, 0);
		EXPECT_EQ(n.sn_adaptation_event.sai_length,
			  sizeof(struct sctp_adaptation_event));
		/* the peer's, in host order */
		EXPECT_EQ(n.sn_adaptation_event.sai_adaptation_ind,
			  side ? SRV_IND : CLI_IND);
		EXPECT_EQ(n.sn_adaptation_event.sai_assoc_id, id);
		ASSERT_EQ(read_notification(fd, &n),
			  SCTP_AUTHENTICATION_EVENT) TH_LOG("side %d", side);
		EXPECT_TRUE(nothing_queued(fd));
	}
	if (s != self->lsn)
		close(s);
	close(c);
}

TEST_F(events, adaptation_one_way)
{
	SETUP_SKIPPED_RETURN();
	union sctp_notification n;
	int c, s;

	/* the server sets none, and is not subscribed to the client's */
	subscribe(_metadata, self->lsn, SCTP_ASSOC_CHANGE);
	c = socket(variant->family, variant->type, IPPROTO_SCTP);
	ASSERT_GE(c, 0);
	set_adaptation(_metadata, c, CLI_IND);
	subscribe(_metadata, c, SCTP_ASSOC_CHANGE);
	subscribe(_metadata, c, SCTP_ADAPTATION_INDICATION);
	ASSERT_EQ(connect(c, (void *)&self->addr, self->alen), 0);
	s = server_side(_metadata, self, variant->type);
	ASSERT_GE(s, 0);
	ASSERT_EQ(read_notification(c, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	EXPECT_TRUE(nothing_queued(c));
	ASSERT_EQ(read_notification(s, &n), SCTP_ASSOC_CHANGE);
	EXPECT_EQ(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	EXPECT_TRUE(nothing_queued(s));
	if (s != self->lsn)
		close(s);
	close(c);
}

TEST_HARNESS_MAIN
