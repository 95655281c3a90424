// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/sctp/assocs and /proc/net/sctp/remaddr, read the way tools
 * read them (net-snmp's SCTP-MIB, netdata): the in-tree module's header
 * lines and columns. Over loopback, both families, both socket styles:
 *
 *   rows          one association each way: its row on both ends (found
 *                 by ASSOC-ID and LPORT) names the right socket (INODE),
 *                 style, state, ports, addresses (loopback ones, the
 *                 one in use, the primary starred),
 *                 stream counts, MAXRT, UID and buffer sizes; remaddr
 *                 has its peer address with the association's id,
 *                 SCTP_PEER_ADDR_PARAMS' path max retransmissions and
 *                 state SCTP_ACTIVE
 *   many          100 clients of one one-to-many socket: 100 rows of the
 *                 server's port in each file, 100 of the clients'
 *   closing_while_read
 *                 the files read over and over while a second thread
 *                 aborts and closes 50 associations: every read is whole
 *                 (header first, rows well formed), and at the end no row
 *                 of them is left
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsctp_pkt.h"
#include "nsctp_util.h"

#include <netinet/sctp.h>

#define ASSOCS_HDR " ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n"
#define REMADDR_HDR "ADDR ASSOC_ID HB_ACT RTO MAX_PATH_RTX REM_ADDR_RTX START STATE\n"

#define MAXTOK	80

/* One row of 'assocs', split: the 13 columns before the addresses, the
 * local and remote addresses, and the 11 after them.
 */
struct arow {
	char line[1024];
	char head[13][24];
	char laddrs[8][48];
	int nl;
	char raddrs[8][48];
	int nr;
	long tail[11];
};

enum { A_STY = 2, A_SST, A_ST, A_HBKT, A_ID, A_TXQ, A_RXQ, A_UID, A_INODE,
       A_LPORT, A_RPORT };
enum { T_HBINT, T_INS, T_OUTS, T_MAXRT, T_T1X, T_T2X, T_RTXC, T_WMEMA,
       T_WMEMQ, T_SNDBUF, T_RCVBUF };

/* Split one line of 'assocs'; false if it is not shaped like a row. */
static bool arow_parse(char *line, struct arow *r)
{
	char *tok[MAXTOK], *save = NULL, *t;
	int n = 0, i, arrow = -1;

	for (t = strtok_r(line, " \t\n", &save); t && n < MAXTOK;
	     t = strtok_r(NULL, " \t\n", &save))
		tok[n++] = t;
	for (i = 13; i < n; i++)
		if (!strcmp(tok[i], "<->")) {
			arrow = i;
			break;
		}
	if (arrow < 14 || n - arrow - 1 < 12)
		return false;
	memset(r, 0, sizeof(*r));
	for (i = 0; i < 13; i++)
		snprintf(r->head[i], sizeof(r->head[i]), "%s", tok[i]);
	for (i = 13; i < arrow && r->nl < 8; i++)
		snprintf(r->laddrs[r->nl++], sizeof(r->laddrs[0]), "%s", tok[i]);
	for (i = arrow + 1; i < n - 11 && r->nr < 8; i++)
		snprintf(r->raddrs[r->nr++], sizeof(r->raddrs[0]), "%s", tok[i]);
	for (i = 0; i < 11; i++) {
		char *end;

		r->tail[i] = strtol(tok[n - 11 + i], &end, 10);
		if (*end)
			return false;
	}
	return true;
}

/* The whole of a /proc file into @buf; its length, -1 on error. */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = 0;
	return n < size - 1 ? (ssize_t)n : -1;
}

#define BUFSZ	(1 << 20)

/* The row of 'assocs' with @id and local port @lport; false if none. */
static bool assoc_row(char *buf, int id, int lport, struct arow *out)
{
	char *save = NULL, *line;
	struct arow r;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char copy[1024];

		snprintf(copy, sizeof(copy), "%s", line);
		if (!arow_parse(copy, &r))
			continue;
		if (atoi(r.head[A_ID]) == id && atoi(r.head[A_LPORT]) == lport) {
			*out = r;
			snprintf(out->line, sizeof(out->line), "%s", line);
			return true;
		}
	}
	return false;
}

/* Rows of 'assocs' whose column @col is @val. */
static int assoc_rows_with(char *buf, int col, int val)
{
	char *save = NULL, *line;
	struct arow r;
	int n = 0;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (arow_parse(line, &r) && atoi(r.head[col]) == val)
			n++;
	return n;
}

static int assoc_id_of(int fd, int one_to_many)
{
	struct sctp_status st = { 0 };
	socklen_t len = sizeof(st);
	char buf[sizeof(struct sctp_assoc_ids) + sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *ids = (void *)buf;

	if (one_to_many) {
		len = sizeof(buf);
		if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, buf,
			       &len) || ids->gaids_number_of_ids != 1)
			return -1;
		return ids->gaids_assoc_id[0];
	}
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len))
		return -1;
	return st.sstat_assoc_id;
}

FIXTURE(proc) {
	int lsn;
	struct sockaddr_storage addr;	/* the listener's */
	socklen_t alen;
	char *buf;
};

FIXTURE_VARIANT(proc) {
	int family;
	int type;
	const char *star;		/* the loopback address, starred */
};

FIXTURE_VARIANT_ADD(proc, ipv4_stream) {
	AF_INET, SOCK_STREAM, "*127.0.0.1" };
FIXTURE_VARIANT_ADD(proc, ipv4_seqpacket) {
	AF_INET, SOCK_SEQPACKET, "*127.0.0.1" };
/* %pI6: IPv6 addresses in full */
#define LO6	"0000:0000:0000:0000:0000:0000:0000:0001"
FIXTURE_VARIANT_ADD(proc, ipv6_stream) { AF_INET6, SOCK_STREAM, "*" LO6 };
FIXTURE_VARIANT_ADD(proc, ipv6_seqpacket) {
	AF_INET6, SOCK_SEQPACKET, "*" LO6 };

FIXTURE_SETUP(proc)
{
	self->buf = malloc(BUFSZ);
	ASSERT_NE(self->buf, NULL);
	self->lsn = nsctp_lo_listener(variant->family, variant->type, 128,
				      &self->addr, &self->alen);
	if (self->lsn < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "SCTP not available");
	ASSERT_GE(self->lsn, 0);
}

FIXTURE_TEARDOWN(proc)
{
	if (self->lsn >= 0)
		close(self->lsn);
	free(self->buf);
}


static int client(int family, const struct sockaddr_storage *to,
		  socklen_t len)
{
	int c = socket(family, SOCK_STREAM, IPPROTO_SCTP);

	if (c >= 0 && connect(c, (const void *)to, len)) {
		close(c);
		return -1;
	}
	return c;
}

/* Wait until the one-to-many @fd has @n associations (COMM_UP is
 * asynchronous on the passive side).
 */
static int wait_assocs(int fd, int n)
{
	socklen_t len;
	uint32_t num;
	int i;

	for (i = 0; i < 500; i++) {
		len = sizeof(num);
		if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &num,
			       &len))
			return -1;
		if ((int)num >= n)
			return 0;
		usleep(10000);
	}
	return -1;
}

static bool is_loopback(const char *a)
{
	if (*a == '*')
		a++;
	return !strncmp(a, "127.", 4) || !strcmp(a, LO6);
}

/* Are the @n addresses all loopback ones, @star's address among them,
 * and no other starred? @star_needed: it must be starred.
 */
static bool addrs_ok(char (*addrs)[48], int n, const char *star,
		     bool star_needed)
{
	int i, found = 0;

	for (i = 0; i < n; i++) {
		if (!is_loopback(addrs[i]))
			return false;
		if (!strcmp(addrs[i], star) ||
		    (!star_needed && !strcmp(addrs[i], star + 1)))
			found++;
		else if (addrs[i][0] == '*')
			return false;
	}
	return found == 1;
}

/* Check one end's row of 'assocs' against what its socket says. */
static void check_row(struct __test_metadata *_metadata,
		      const FIXTURE_VARIANT(proc) *variant, char *buf,
		      int fd, int id, int sty, int lport, int rport)
{
	struct sctp_status st = { .sstat_assoc_id = id };
	struct sctp_assocparams ap = { .sasoc_assoc_id = id };
	socklen_t len;
	struct stat sb;
	struct arow r;
	int sndbuf, rcvbuf;

	ASSERT_TRUE(assoc_row(buf, id, lport, &r));
	ASSERT_EQ(fstat(fd, &sb), 0);
	len = sizeof(st);
	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len), 0);
	len = sizeof(ap);
	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, &len), 0);
	ASSERT_EQ(nsctp_getint(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf), 0);
	ASSERT_EQ(nsctp_getint(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf), 0);
	EXPECT_EQ(atoi(r.head[A_STY]), sty);
	EXPECT_EQ(atoi(r.head[A_ST]), 3);	/* in-tree's ESTABLISHED */
	EXPECT_EQ(atoi(r.head[A_HBKT]), 0);
	EXPECT_EQ(atol(r.head[A_INODE]), (long)sb.st_ino);
	EXPECT_EQ(atol(r.head[A_UID]), (long)getuid());
	EXPECT_EQ(atoi(r.head[A_RPORT]), rport);
	/* In-tree also lists, on an IPv6 socket, the other family's
	 * loopback address. The primary path is starred; the local
	 * address in use is on nsctp, not on in-tree over loopback.
	 */
	EXPECT_TRUE(addrs_ok(r.laddrs, r.nl, variant->star, false))
		TH_LOG("row: %s", r.line);
	EXPECT_TRUE(addrs_ok(r.raddrs, r.nr, variant->star, true))
		TH_LOG("row: %s", r.line);
	EXPECT_GT(r.tail[T_HBINT], 0);
	EXPECT_EQ(r.tail[T_INS], st.sstat_instrms);
	EXPECT_EQ(r.tail[T_OUTS], st.sstat_outstrms);
	EXPECT_EQ(r.tail[T_MAXRT], ap.sasoc_asocmaxrxt);
	EXPECT_EQ(r.tail[T_T1X], 0);
	EXPECT_EQ(r.tail[T_T2X], 0);
	EXPECT_EQ(r.tail[T_RTXC], 0);
	EXPECT_EQ(r.tail[T_SNDBUF], sndbuf);
	EXPECT_EQ(r.tail[T_RCVBUF], rcvbuf);
}

/* Check @id's line of 'remaddr': the loopback address, active. */
static void check_remaddr(struct __test_metadata *_metadata,
			  const FIXTURE_VARIANT(proc) *variant, char *buf,
			  int fd, int id)
{
	struct sctp_paddrparams pp = { .spp_assoc_id = id };
	socklen_t len = sizeof(pp);
	char *save = NULL, *line, addr[64];
	int aid, hb, maxrtx, rtx, start, state, found = 0;
	unsigned long rto;

	ASSERT_EQ(getsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp,
			     &len), 0);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%63s %d %d %lu %d %d %d %d", addr, &aid, &hb,
			   &rto, &maxrtx, &rtx, &start, &state) != 8 ||
		    aid != id)
			continue;
		/* the primary; in-tree's IPv6 ends may list the other
		 * family's loopback address too
		 */
		EXPECT_TRUE(is_loopback(addr))
			TH_LOG("remaddr: %s", line);
		EXPECT_TRUE(hb == 0 || hb == 1);
		EXPECT_GT(rto, 0);
		EXPECT_EQ(maxrtx, pp.spp_pathmaxrxt);
		EXPECT_EQ(rtx, 0);
		EXPECT_EQ(start, 0);
		if (strcmp(addr, variant->star + 1))
			continue;
		found++;
		EXPECT_EQ(state, SCTP_ACTIVE);
	}
	EXPECT_EQ(found, 1);
}

TEST_F(proc, rows)
{
	int one_to_many = variant->type == SOCK_SEQPACKET;
	int c, s, cid, sid, cport, sport = nsctp_ss_port(&self->addr);

	c = client(variant->family, &self->addr, self->alen);
	ASSERT_GE(c, 0);
	if (one_to_many) {
		s = self->lsn;
		ASSERT_EQ(wait_assocs(s, 1), 0);
	} else {
		s = accept(self->lsn, NULL, NULL);
		ASSERT_GE(s, 0);
	}
	cport = nsctp_local_port(c);
	cid = assoc_id_of(c, 0);
	sid = assoc_id_of(s, one_to_many);
	ASSERT_GE(cid, 0);
	ASSERT_GE(sid, 0);

	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	ASSERT_EQ(strncmp(self->buf, ASSOCS_HDR, strlen(ASSOCS_HDR)), 0);
	check_row(_metadata, variant, self->buf, c, cid, 2, cport, sport);
	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	check_row(_metadata, variant, self->buf, s, sid, one_to_many ? 0 : 2,
		  sport, cport);

	ASSERT_GT(slurp("/proc/net/sctp/remaddr", self->buf, BUFSZ), 0);
	ASSERT_EQ(strncmp(self->buf, REMADDR_HDR, strlen(REMADDR_HDR)), 0);
	check_remaddr(_metadata, variant, self->buf, c, cid);
	ASSERT_GT(slurp("/proc/net/sctp/remaddr", self->buf, BUFSZ), 0);
	check_remaddr(_metadata, variant, self->buf, s, sid);
	close(c);
	if (s != self->lsn)
		close(s);
}

/* Lines of 'remaddr' in @buf for address @addr and one of the @n ids. */
static int remaddr_rows_of(char *buf, const char *addr, const int *ids, int n)
{
	char *save = NULL, *line, a[64];
	int rows = 0, id, i;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%63s %d", a, &id) != 2 || strcmp(a, addr))
			continue;
		for (i = 0; i < n; i++)
			if (ids[i] == id) {
				rows++;
				break;
			}
	}
	return rows;
}

/* The ids of the one-to-many @fd's associations, at most @max. */
static int server_ids(int fd, int *ids, int max)
{
	char buf[sizeof(struct sctp_assoc_ids) + 256 * sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *a = (void *)buf;
	socklen_t len = sizeof(buf);
	int i;

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, buf, &len))
		return -1;
	for (i = 0; i < (int)a->gaids_number_of_ids && i < max; i++)
		ids[i] = a->gaids_assoc_id[i];
	return i;
}

#define MANY	100

TEST_F(proc, many)
{
	int sport = nsctp_ss_port(&self->addr), c[MANY], ids[2 * MANY], i, n;
	int one_to_many = variant->type == SOCK_SEQPACKET;

	if (!one_to_many)
		SKIP(return, "one-to-many server only");
	for (i = 0; i < MANY; i++) {
		c[i] = client(variant->family, &self->addr, self->alen);
		ASSERT_GE(c[i], 0);
	}
	ASSERT_EQ(wait_assocs(self->lsn, MANY), 0);
	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	EXPECT_EQ(assoc_rows_with(self->buf, A_LPORT, sport), MANY);
	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	EXPECT_EQ(assoc_rows_with(self->buf, A_RPORT, sport), MANY);
	/* both ends of each association: its id and the loopback address */
	n = server_ids(self->lsn, ids, MANY);
	ASSERT_EQ(n, MANY);
	for (i = 0; i < MANY; i++) {
		ids[n + i] = assoc_id_of(c[i], 0);
		ASSERT_GE(ids[n + i], 0);
	}
	ASSERT_GT(slurp("/proc/net/sctp/remaddr", self->buf, BUFSZ), 0);
	EXPECT_EQ(remaddr_rows_of(self->buf, variant->star + 1, ids, 2 * MANY),
		  2 * MANY);
	for (i = 0; i < MANY; i++)
		close(c[i]);
}

struct reader {
	volatile int stop;
	int reads, bad;
};

static void *read_loop(void *arg)
{
	struct reader *rd = arg;
	char *buf = malloc(BUFSZ);

	if (!buf)
		return NULL;
	while (!rd->stop) {
		if (slurp("/proc/net/sctp/assocs", buf, BUFSZ) <= 0 ||
		    strncmp(buf, ASSOCS_HDR, strlen(ASSOCS_HDR)))
			rd->bad++;
		if (slurp("/proc/net/sctp/remaddr", buf, BUFSZ) <= 0 ||
		    strncmp(buf, REMADDR_HDR, strlen(REMADDR_HDR)))
			rd->bad++;
		rd->reads++;
	}
	free(buf);
	return NULL;
}

#define CLOSING	50

TEST_F(proc, closing_while_read)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	int sport = nsctp_ss_port(&self->addr), c[CLOSING], i;
	int one_to_many = variant->type == SOCK_SEQPACKET;
	struct reader rd = { 0 };
	pthread_t th;

	for (i = 0; i < CLOSING; i++) {
		c[i] = client(variant->family, &self->addr, self->alen);
		ASSERT_GE(c[i], 0);
	}
	if (one_to_many)
		ASSERT_EQ(wait_assocs(self->lsn, CLOSING), 0);
	ASSERT_EQ(pthread_create(&th, NULL, read_loop, &rd), 0);
	for (i = 0; i < CLOSING; i++) {
		/* half abort, half shut down gracefully */
		if (i % 2)
			setsockopt(c[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(c[i]);
		usleep(2000);
	}
	/* accepted ones (one-to-one) die with the listener's queue */
	close(self->lsn);
	self->lsn = -1;
	for (i = 0; i < 200; i++) {
		ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
		if (!assoc_rows_with(self->buf, A_RPORT, sport))
			break;
		usleep(20000);
	}
	rd.stop = 1;
	pthread_join(th, NULL);
	EXPECT_GT(rd.reads, 0);
	EXPECT_EQ(rd.bad, 0);
	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	EXPECT_EQ(assoc_rows_with(self->buf, A_RPORT, sport), 0);
	ASSERT_GT(slurp("/proc/net/sctp/assocs", self->buf, BUFSZ), 0);
	EXPECT_EQ(assoc_rows_with(self->buf, A_LPORT, sport), 0);
}

TEST_HARNESS_MAIN
