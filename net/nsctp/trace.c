// SPDX-License-Identifier: GPL-2.0
/*
 * nsctp's tracepoints (include/trace/events/nsctp.h): created here, with
 * the helpers their TP_fast_assign() calls, so that the header needs no
 * structure of ours and the hot paths only a static-key test each.
 */
#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

static u32 nsctp_trace_assoc_id(const struct nsctp_assoc *asoc)
{
	return asoc->id;
}

static u16 nsctp_trace_lport(const struct nsctp_assoc *asoc)
{
	return inet_sk(asoc->sk)->inet_num;
}

static u16 nsctp_trace_rport(const struct nsctp_assoc *asoc)
{
	return asoc->primary ? ntohs(nsctp_addr_port(&asoc->primary->addr)) :
			       0;
}

static u32 nsctp_trace_peer_rwnd(const struct nsctp_assoc *asoc)
{
	return asoc->peer_rwnd;
}

static u32 nsctp_trace_outstanding(const struct nsctp_assoc *asoc)
{
	return asoc->outstanding;
}

static bool nsctp_trace_fast_recovery(const struct nsctp_assoc *asoc)
{
	return asoc->fast_recovery;
}

/* The path's address as a sockaddr_in or sockaddr_in6 for %pISpc. */
static void nsctp_trace_path_addr(const struct nsctp_path *path, u8 *to)
{
	memset(to, 0, sizeof(struct sockaddr_in6));
	if (path->addr.sa.sa_family == AF_INET6)
		memcpy(to, &path->addr.v6, sizeof(struct sockaddr_in6));
	else
		memcpy(to, &path->addr.v4, sizeof(struct sockaddr_in));
}

static void nsctp_trace_path_fill(const struct nsctp_path *path,
				  struct nsctp_trace_path *p)
{
	p->cwnd = path->cwnd;
	p->ssthresh = path->ssthresh;
	p->flight = path->flight;
	p->pba = path->pba;
	p->rto = path->rto;
	p->srtt = path->srtt;
	p->rttvar = path->rttvar;
	p->pmtu = path->pmtu;
	p->error_count = path->error_count;
	p->primary = path == path->asoc->primary;
	p->unconfirmed = path->unconfirmed;
}

#define CREATE_TRACE_POINTS
#include <trace/events/nsctp.h>
