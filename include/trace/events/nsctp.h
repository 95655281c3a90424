/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsctp's tracepoints, system "nsctp" (the in-tree module's is "sctp"):
 *
 *   nsctp_assoc_state  an association changes state (§4)
 *   nsctp_path_state   a path's reachability changes (what
 *                      SCTP_PEER_ADDR_CHANGE reports, subscribed or not)
 *   nsctp_probe        a SACK was taken in: cumulative TSN, windows,
 *                      what it acknowledged
 *   nsctp_probe_path   after each SACK, every path's congestion and
 *                      timer state (cwnd, ssthresh, flight, RTO, SRTT)
 *   nsctp_retransmit   a DATA chunk is marked for retransmission, and why
 *   nsctp_drop         a packet or chunk is dropped: its MIB counter and
 *                      where in the code
 *
 * Documentation/architecture.rst ("Tracepoints") shows how to read them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM nsctp

#ifndef _TRACE_NSCTP_TYPES_H
#define _TRACE_NSCTP_TYPES_H
#include <linux/types.h>

struct nsctp_assoc;
struct nsctp_path;

/* Why a chunk is sent again (nsctp_retransmit). */
enum nsctp_rtx_reason {
	NSCTP_RTX_T3,		/* T3-rtx expired (§6.3.3) */
	NSCTP_RTX_FAST,		/* three miss indications (§7.2.4) */
	NSCTP_RTX_RENEGE,	/* a gap ack taken back (§6.2.1) */
	NSCTP_RTX_PROBE,	/* a dropped window probe, window open (§6.1 A) */
};

/* What nsctp_probe_path reports of a path (filled in trace.c). */
struct nsctp_trace_path {
	u32	cwnd;
	u32	ssthresh;
	u32	flight;
	u32	pba;
	u32	rto;
	u32	srtt;
	u32	rttvar;
	u32	pmtu;
	u16	error_count;
	bool	primary;
	bool	unconfirmed;
};

#endif /* _TRACE_NSCTP_TYPES_H */

#if !defined(_TRACE_NSCTP_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_NSCTP_H

#include <linux/in6.h>
#include <linux/sctp.h>
#include <linux/tracepoint.h>

#include <net/nsctp/mib.h>

TRACE_DEFINE_ENUM(SCTP_EMPTY);
TRACE_DEFINE_ENUM(SCTP_CLOSED);
TRACE_DEFINE_ENUM(SCTP_COOKIE_WAIT);
TRACE_DEFINE_ENUM(SCTP_COOKIE_ECHOED);
TRACE_DEFINE_ENUM(SCTP_ESTABLISHED);
TRACE_DEFINE_ENUM(SCTP_SHUTDOWN_PENDING);
TRACE_DEFINE_ENUM(SCTP_SHUTDOWN_SENT);
TRACE_DEFINE_ENUM(SCTP_SHUTDOWN_RECEIVED);
TRACE_DEFINE_ENUM(SCTP_SHUTDOWN_ACK_SENT);
TRACE_DEFINE_ENUM(SCTP_ADDR_AVAILABLE);
TRACE_DEFINE_ENUM(SCTP_ADDR_UNREACHABLE);
TRACE_DEFINE_ENUM(SCTP_ADDR_REMOVED);
TRACE_DEFINE_ENUM(SCTP_ADDR_ADDED);
TRACE_DEFINE_ENUM(SCTP_ADDR_MADE_PRIM);
TRACE_DEFINE_ENUM(SCTP_ADDR_CONFIRMED);
TRACE_DEFINE_ENUM(SCTP_ADDR_POTENTIALLY_FAILED);
TRACE_DEFINE_ENUM(NSCTP_RTX_T3);
TRACE_DEFINE_ENUM(NSCTP_RTX_FAST);
TRACE_DEFINE_ENUM(NSCTP_RTX_RENEGE);
TRACE_DEFINE_ENUM(NSCTP_RTX_PROBE);
TRACE_DEFINE_ENUM(NSCTP_MIB_OUTOFBLUES);
TRACE_DEFINE_ENUM(NSCTP_MIB_CHECKSUMERRORS);
TRACE_DEFINE_ENUM(NSCTP_MIB_IN_PKT_DISCARDS);
TRACE_DEFINE_ENUM(NSCTP_MIB_IN_DATA_CHUNK_DISCARDS);

#define nsctp_show_state(s)						\
	__print_symbolic(s,						\
			 { SCTP_EMPTY, "EMPTY" },			\
			 { SCTP_CLOSED, "CLOSED" },			\
			 { SCTP_COOKIE_WAIT, "COOKIE_WAIT" },		\
			 { SCTP_COOKIE_ECHOED, "COOKIE_ECHOED" },	\
			 { SCTP_ESTABLISHED, "ESTABLISHED" },		\
			 { SCTP_SHUTDOWN_PENDING, "SHUTDOWN_PENDING" },	\
			 { SCTP_SHUTDOWN_SENT, "SHUTDOWN_SENT" },	\
			 { SCTP_SHUTDOWN_RECEIVED, "SHUTDOWN_RECEIVED" }, \
			 { SCTP_SHUTDOWN_ACK_SENT, "SHUTDOWN_ACK_SENT" })

#define nsctp_show_path_state(s)					\
	__print_symbolic(s,						\
			 { SCTP_ADDR_AVAILABLE, "AVAILABLE" },		\
			 { SCTP_ADDR_UNREACHABLE, "UNREACHABLE" },	\
			 { SCTP_ADDR_REMOVED, "REMOVED" },		\
			 { SCTP_ADDR_ADDED, "ADDED" },			\
			 { SCTP_ADDR_MADE_PRIM, "MADE_PRIM" },		\
			 { SCTP_ADDR_CONFIRMED, "CONFIRMED" },		\
			 { SCTP_ADDR_POTENTIALLY_FAILED, "PF" })

#define nsctp_show_rtx_reason(r)					\
	__print_symbolic(r,						\
			 { NSCTP_RTX_T3, "T3" },			\
			 { NSCTP_RTX_FAST, "FAST" },			\
			 { NSCTP_RTX_RENEGE, "RENEGE" },		\
			 { NSCTP_RTX_PROBE, "PROBE" })

#define nsctp_show_drop(m)						\
	__print_symbolic(m,						\
			 { NSCTP_MIB_OUTOFBLUES, "SctpOutOfBlues" },	\
			 { NSCTP_MIB_CHECKSUMERRORS, "SctpChecksumErrors" }, \
			 { NSCTP_MIB_IN_PKT_DISCARDS, "SctpInPktDiscards" }, \
			 { NSCTP_MIB_IN_DATA_CHUNK_DISCARDS,		\
			   "SctpInDataChunkDiscards" })

TRACE_EVENT(nsctp_assoc_state,
	    TP_PROTO(const struct nsctp_assoc *asoc, int from, int to),
	    TP_ARGS(asoc, from, to),
	    TP_STRUCT__entry(__field(const void *, asoc)
			     __field(u32, id)
			     __field(u16, lport)
			     __field(u16, rport)
			     __field(int, from)
			     __field(int, to)),
	    TP_fast_assign(__entry->asoc = asoc;
			   __entry->id = nsctp_trace_assoc_id(asoc);
			   __entry->lport = nsctp_trace_lport(asoc);
			   __entry->rport = nsctp_trace_rport(asoc);
			   __entry->from = from;
			   __entry->to = to;),
	    TP_printk("asoc=%p id=%u lport=%u rport=%u %s -> %s",
		      __entry->asoc, __entry->id, __entry->lport, __entry->rport,
		      nsctp_show_state(__entry->from), nsctp_show_state(__entry->to))
);

TRACE_EVENT(nsctp_path_state,
	    TP_PROTO(const struct nsctp_assoc *asoc, const struct nsctp_path *path,
		     int state, int error),
	    TP_ARGS(asoc, path, state, error),
	    TP_STRUCT__entry(__field(u32, id)
			     __array(u8, addr, sizeof(struct sockaddr_in6))
			     __field(int, state)
			     __field(int, error)),
	    TP_fast_assign(__entry->id = nsctp_trace_assoc_id(asoc);
			   nsctp_trace_path_addr(path, __entry->addr);
			   __entry->state = state;
			   __entry->error = error;),
	    TP_printk("id=%u addr=%pISpc %s error=%d", __entry->id, __entry->addr,
		      nsctp_show_path_state(__entry->state), __entry->error)
);

TRACE_EVENT(nsctp_probe,
	    TP_PROTO(const struct nsctp_assoc *asoc, u32 cum_tsn, u32 a_rwnd,
		     u32 acked),
	    TP_ARGS(asoc, cum_tsn, a_rwnd, acked),
	    TP_STRUCT__entry(__field(u32, id)
			     __field(u32, cum_tsn)
			     __field(u32, a_rwnd)
			     __field(u32, acked)
			     __field(u32, peer_rwnd)
			     __field(u32, outstanding)
			     __field(bool, fast_recovery)),
	    TP_fast_assign(__entry->id = nsctp_trace_assoc_id(asoc);
			   __entry->cum_tsn = cum_tsn;
			   __entry->a_rwnd = a_rwnd;
			   __entry->acked = acked;
			   __entry->peer_rwnd = nsctp_trace_peer_rwnd(asoc);
			   __entry->outstanding = nsctp_trace_outstanding(asoc);
			   __entry->fast_recovery = nsctp_trace_fast_recovery(asoc);),
	    TP_printk("id=%u cum_tsn=%u a_rwnd=%u acked=%u peer_rwnd=%u outstanding=%u fast_recovery=%d",
		      __entry->id, __entry->cum_tsn, __entry->a_rwnd,
		      __entry->acked, __entry->peer_rwnd, __entry->outstanding,
		      __entry->fast_recovery)
);

TRACE_EVENT(nsctp_probe_path,
	    TP_PROTO(const struct nsctp_assoc *asoc, const struct nsctp_path *path),
	    TP_ARGS(asoc, path),
	    TP_STRUCT__entry(__field(u32, id)
			     __array(u8, addr, sizeof(struct sockaddr_in6))
			     __field_struct(struct nsctp_trace_path, p)),
	    TP_fast_assign(__entry->id = nsctp_trace_assoc_id(asoc);
			   nsctp_trace_path_addr(path, __entry->addr);
			   nsctp_trace_path_fill(path, &__entry->p);),
	    TP_printk("id=%u addr=%pISpc primary=%d unconfirmed=%d cwnd=%u ssthresh=%u flight=%u pba=%u rto=%u srtt=%u rttvar=%u pmtu=%u errors=%u",
		      __entry->id, __entry->addr, __entry->p.primary,
		      __entry->p.unconfirmed, __entry->p.cwnd, __entry->p.ssthresh,
		      __entry->p.flight, __entry->p.pba, __entry->p.rto,
		      __entry->p.srtt, __entry->p.rttvar, __entry->p.pmtu,
		      __entry->p.error_count)
);

TRACE_EVENT(nsctp_retransmit,
	    TP_PROTO(const struct nsctp_assoc *asoc, u32 tsn, u32 len, int reason),
	    TP_ARGS(asoc, tsn, len, reason),
	    TP_STRUCT__entry(__field(u32, id)
			     __field(u32, tsn)
			     __field(u32, len)
			     __field(int, reason)),
	    TP_fast_assign(__entry->id = nsctp_trace_assoc_id(asoc);
			   __entry->tsn = tsn;
			   __entry->len = len;
			   __entry->reason = reason;),
	    TP_printk("id=%u tsn=%u len=%u reason=%s", __entry->id, __entry->tsn,
		      __entry->len, nsctp_show_rtx_reason(__entry->reason))
);

TRACE_EVENT(nsctp_drop,
	    TP_PROTO(int mib, unsigned long location),
	    TP_ARGS(mib, location),
	    TP_STRUCT__entry(__field(int, mib)
			     __field(unsigned long, location)),
	    TP_fast_assign(__entry->mib = mib;
			   __entry->location = location;),
	    TP_printk("reason=%s location=%pS", nsctp_show_drop(__entry->mib),
		      (void *)__entry->location)
);

#endif /* _TRACE_NSCTP_H */

#include <trace/define_trace.h>
