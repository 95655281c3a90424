/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Associations and their paths (RFC 9260 §1.3: the TCB and the transport
 * addresses of the peer).
 *
 * Lifetime: an association is created by the handshake, lives on its
 * socket's list (nsctp_sock.assocs) and holds a reference on that socket
 * (accept() and peeloff move it to another socket, see
 * nsctp_assoc_migrate()); each of its paths is in the per-netns path table so that received
 * packets find it. nsctp_assoc_kill() takes it out of both and drops the
 * list's reference; timers and lookups hold their own (asoc->refcnt), and
 * the last put frees it after an RCU grace period, releasing the socket.
 *
 * Locking: everything in here is protected by the owning socket's lock,
 * except @refcnt and the path table linkage (RCU, table-internal locks).
 */
#ifndef _NET_NSCTP_ASSOC_H
#define _NET_NSCTP_ASSOC_H

#include <linux/rhashtable-types.h>
#include <linux/sctp.h>
#include <linux/skbuff.h>
#include <linux/timer.h>

#include <net/nsctp/addr.h>
#include <net/nsctp/opts.h>
#include <net/nsctp/reasm.h>
#include <net/nsctp/tsnmap.h>

struct nsctp_assoc;

/* Gap blocks of a received SACK that the sender acts on; any further
 * ones are ignored (the cumulative ack still counts, RFC 9260 §6.2.1).
 */
#define NSCTP_SACK_GAPS_KEPT	16

/* The association's timers (RFC 9260 §5.1, §9.2). */
enum nsctp_timer_id {
	NSCTP_T1,		/* T1-init or T1-cookie */
	NSCTP_T2,		/* T2-shutdown */
	NSCTP_T5,		/* T5-shutdown-guard */
	NSCTP_AUTOCLOSE,	/* SCTP_AUTOCLOSE idle timer */
	NSCTP_SACK,		/* delayed SACK (§6.2) */
	NSCTP_NTIMERS
};

/* What the path table is keyed on: local port, peer port, peer address. */
struct nsctp_path_key {
	__be16		lport;
	__be16		pport;
	sa_family_t	family;
	__be32		addr[4];
} __packed;

struct nsctp_path {
	struct rhlist_head	node;		/* per-netns path table */
	struct nsctp_path_key	key;
	struct list_head	list;		/* asoc->paths */
	struct nsctp_assoc	*asoc;
	union nsctp_addr	addr;		/* the peer's, port included */
	u32			rto;		/* ms */
	u32			srtt;		/* ms, 0 until measured */
	u32			rttvar;
	u32			pmtu;
	u16			error_count;
	struct nsctp_route_cache rc;
	/* Congestion control (§7.2, cc.c) and retransmission (§6.3) */
	u32			cwnd;
	u32			ssthresh;
	u32			pba;		/* partial_bytes_acked */
	u32			flight;		/* bytes outstanding here */
	/* bytes the SACK being taken in acknowledged here: what it lets
	 * go out again is the ack clock, not a burst (burst_cwnd())
	 */
	u32			ack_credit;
	u32			rtt_tsn;	/* TSN being timed, if @rtt_on */
	unsigned long		rtt_sent;	/* jiffies it was sent */
	bool			rtt_on;
	struct timer_list	t3_timer;	/* T3-rtx */
	/* Heartbeats (sm_path.c) */
	struct timer_list	hb_timer;
	u64			hb_nonce;	/* of the probe in flight */
	bool			hb_outstanding;
	/* §5.4: an address the peer listed that no HEARTBEAT confirmed
	 * yet; no DATA goes to it
	 */
	bool			unconfirmed;
	bool			listed;		/* setup: named by the peer */
	/* SCTP_REMOTE_UDP_ENCAPS_PORT, stored (nothing is encapsulated) */
	__be16			encap_port;
	struct rcu_head		rcu;
};

/* What SCTP_GET_ASSOC_STATS reports (sockopt.c), each counted where it
 * happens, with in-tree's meaning: chunks and packets of this
 * association only, plain increments under the socket lock.
 */
struct nsctp_assoc_stats {
	u64			gapcnt;		/* gap blocks of SACKs taken in */
	u64			outofseqtsns;	/* DATA beyond the TSN map, dropped */
	u64			osacks;		/* SACK chunks sent */
	u64			isacks;		/* SACK chunks received */
	u64			octrlchunks;	/* control chunks sent */
	u64			ictrlchunks;	/* control chunks received */
	u64			oodchunks;	/* ordered DATA, first sent */
	u64			iodchunks;	/* ordered DATA, accepted */
	u64			ouodchunks;	/* unordered DATA, first sent */
	u64			iuodchunks;	/* unordered DATA, accepted */
	u64			idupchunks;	/* duplicate TSNs our SACKs reported */
	u64			opackets;	/* SCTP packets sent */
	u64			ipackets;	/* SCTP packets taken in */
	/* the highest RTO (ms) any path had since the last query, and
	 * that path's address
	 */
	u32			max_rto;
	union nsctp_addr	max_rto_addr;
};

/* What the peer's INIT or INIT ACK said it supports, in the bits of
 * sock_diag's sctpi_peer_capable (in-tree's order; diag.c).
 */
#define NSCTP_PEER_IPV4		0x20
#define NSCTP_PEER_IPV6		0x10
#define NSCTP_PEER_HOST_NAME	0x08

struct nsctp_assoc {
	struct sock		*sk;		/* owner, referenced */
	refcount_t		refcnt;
	struct list_head	node;		/* nsctp_sock.assocs */
	sctp_assoc_t		id;
	struct rhash_head	id_node;	/* the global id table */
	enum sctp_sstat_state	state;
	bool			dead;		/* killed, waiting for puts */
	/* Tasks in connect() or sendmsg() waiting on it with the socket
	 * unlocked: peeloff refuses to move it from under them (EBUSY).
	 */
	u16			sleepers;

	__be32			my_vtag;
	__be32			peer_vtag;
	u32			next_tsn;	/* ours, next to assign */
	u32			peer_cum_tsn;	/* last in-order TSN received */
	u16			out_streams;
	u16			in_streams;
	u32			peer_rwnd;
	u32			peer_adaptation; /* RFC 5061 §4.2.6, 0: none */
	u8			peer_caps;	/* NSCTP_PEER_*, sock_diag */
	u16			error_count;	/* §8.1, reset by any ack */
	u16			max_retrans;	/* Association.Max.Retrans */
	u32			local_rwnd;	/* what we advertised */
	u32			cookie_life;	/* ms, SCTP_ASSOCINFO */
	u32			autoclose;	/* s, SCTP_AUTOCLOSE's at setup */
	/* SCTP_INITMSG's (or an SCTP_INIT cmsg's) at setup: how often
	 * T1 may expire, and its longest timeout (ms, whole jiffies)
	 */
	u16			max_init_attempts;
	u32			max_init_timeo;
	u16			subscribe;	/* notifications, as opts */
	struct nsctp_aopts	aopts;		/* data socket options */

	union nsctp_addr	laddr;		/* our address in use */
	/* the other local addresses the setup named (addrlist.c) */
	union nsctp_addr	*laddrs;
	u8			n_laddrs;
	struct list_head	paths;		/* of nsctp_path */
	struct nsctp_path	*primary;

	/* Timers (timer.c). T1 retransmits INIT or COOKIE ECHO (the
	 * cookie kept in @ctrl), T2 SHUTDOWN or SHUTDOWN ACK; @rtx_rto
	 * doubles on each of their expiries, @retries counts them.
	 */
	struct timer_list	timers[NSCTP_NTIMERS];
	u32			rtx_rto;	/* ms */
	u16			retries;
	u16			ctrl_len;
	u16			ctrl_err_len;	/* an ERROR after it in ctrl (COOKIE ECHO) */
	u8			*ctrl;		/* kmalloc'd cookie */
	u32			preserve_ms;	/* Cookie Preservative to ask */
	int			error;		/* why it failed, -errno */

	/* Sending (outq.c, sendmsg.c). Chunks wait on @out_queue without
	 * a TSN; once sent they are on @out_sent in TSN order until the
	 * cumulative ack covers them.
	 */
	struct sk_buff_head	out_queue;
	struct sk_buff_head	out_sent;
	u32			out_queued;	/* payload bytes on out_queue */
	u32			outstanding;	/* chunk bytes in flight */
	u32			ctsn_ack;	/* peer's cumulative TSN ack */
	u32			rtx_count;	/* chunks marked NSCTP_TX_RTX */
	u32			rtx_chunks;	/* DATA chunks retransmitted */
	u32			fast_recover;	/* §7.2.4 exit point */
	/* @out_sent by TSN: it holds ctsn_ack + 1 .. next_tsn - 1 with no
	 * hole, so chunk t is @sent_ring[t & @sent_mask] (outq.c).
	 */
	struct sk_buff		**sent_ring;
	u32			sent_mask;
	/* The gap blocks of the last SACK (absolute TSNs), so that the
	 * next one costs what changed (outq.c, sack_gaps()).
	 */
	struct nsctp_gap_blk {
		u32		lo, hi;
	}			sack_prev[NSCTP_SACK_GAPS_KEPT];
	u16			sack_nprev;
	bool			fast_recovery;
	bool			nagle_held;	/* a small chunk waits */
	/* §6.1 A, zero window probes (outq.c, flush_new()): T3 allows
	 * one; a SACK allows one at once; the last new chunk sent was one
	 * (@probe_tsn); a SACK with a_rwnd 0 left it unacknowledged
	 */
	bool			probe_ok;
	/* a packet of DATA could not be built (no route, no memory): its
	 * chunks wait for T3, which counts it as a timeout (outq.c)
	 */
	bool			tx_failed;
	bool			probe_now;
	bool			probed;
	bool			probe_refused;
	u32			probe_tsn;
	u32			sndbuf_used;	/* bytes charged for queued chunks */
	u32			tx_ratio;	/* truesize per payload byte, 16.16 */
	u32			sendall_gen;	/* last SCTP_SENDALL that served it */
	u16			*out_ssn;	/* next SSN per outbound stream */
	u16			cur_ssn;	/* SSN of the message being sent */
	u16			streams_alloc;	/* entries in the SSN arrays */
	/* SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS: the messages of
	 * the policy SCTP_PR_SCTP_TTL abandoned before they were sent, in
	 * all and per outbound stream (@pr_sid_abandoned, @pr_sids
	 * entries, allocated at the first; outq.c)
	 */
	u32			pr_abandoned;
	u32			*pr_sid_abandoned;
	u16			pr_sids;

	/* Receiving (sm_data.c) */
	struct nsctp_tsnmap	tsnmap;
	struct nsctp_reasm	reasm;		/* reassembly, order, PD */
	u16			*in_ssn;	/* next SSN per inbound stream */
	u32			rwnd_init;	/* the window we offer at most */
	u32			rwnd_held;	/* payload bytes not yet read */
	u32			rx_held;	/* truesize charged, still held */
	u32			rx_mem;		/* rx_held and what waits to be read */
	u32			rx_ratio;	/* payload per truesize, 16.16 */
	u32			rwnd_adv;	/* a_rwnd in our last SACK */
	/* receive buffer autotuning (nsctp_rwnd_read()): what the user
	 * read since @rcvq_stamp (jiffies), and the most read in one
	 * round trip so far
	 */
	u32			rcvq_copied;
	u32			rcvq_space;
	unsigned long		rcvq_stamp;
	u32			data_pkts;	/* DATA packets not yet SACKed */
	bool			sack_now;	/* SACK at the end of this packet */
	bool			sack_due;	/* bundle a SACK when sending */
	bool			data_seen;	/* this packet had DATA */
	bool			sack_sent;	/* a SACK has gone (§5.1: the first at once) */
	bool			cookie_ack_due;	/* goes first in the next packet */
	bool			shutdown_due;	/* a SHUTDOWN ahead of the SACK (§9.2) */
	struct sk_buff		*rx_err;	/* ERROR to go with the SACK (sm.c) */
	bool			rx_batch;	/* in a batch: SACK at its end */
	struct list_head	batch_node;	/* nsctp_sock.rx_batch */

	struct nsctp_assoc_stats stats;

	struct rcu_head		rcu;
};

/* @path's RTO was just set: the highest since the last query? */
static inline void nsctp_path_rto_note(struct nsctp_path *path)
{
	struct nsctp_assoc_stats *st = &path->asoc->stats;

	if (path->rto > st->max_rto) {
		st->max_rto = path->rto;
		st->max_rto_addr = path->addr;
	}
}

struct nsctp_cookie;
struct nsctp_net;
struct sock;
struct net;

int nsctp_assoc_table_init(struct nsctp_net *nn);
void nsctp_assoc_table_exit(struct nsctp_net *nn);
struct nsctp_assoc *nsctp_assoc_from_cookie(struct sock *sk,
					    const struct nsctp_cookie *c);
struct nsctp_assoc *nsctp_assoc_new_active(struct sock *sk,
					   const union nsctp_addr *laddr,
					   const union nsctp_addr *paddr);
int nsctp_assoc_add_peer(struct nsctp_assoc *asoc,
			 const union nsctp_addr *paddr);
void nsctp_assoc_prune_paths(struct nsctp_assoc *asoc);

/* addrlist.c */
#define NSCTP_MAX_PATHS		32	/* per association */
unsigned int nsctp_addrlist_put(struct sock *sk, const union nsctp_addr *peer,
				u8 *to);
int nsctp_assoc_laddrs_init(struct nsctp_assoc *asoc, gfp_t gfp);
#define NSCTP_HOST_ADDRS_MAX	256	/* what sctp_getladdrs() lists */
int nsctp_host_addrs(struct sock *sk, union nsctp_addr *out, int max,
		     __be16 port);
void nsctp_addrlist_learn(struct nsctp_assoc *asoc, const u8 *params,
			  unsigned int len, const union nsctp_addr *from,
			  bool prune);
unsigned int nsctp_addrlist_new(struct nsctp_assoc *asoc, const u8 *params,
				unsigned int len, const union nsctp_addr *from,
				u8 *out, unsigned int max);
struct nsctp_path *nsctp_path_find_peer(struct sock *sk,
					const union nsctp_addr *paddr);
struct nsctp_assoc *nsctp_assoc_find_peer(struct sock *sk,
					  const union nsctp_addr *paddr);
void nsctp_assoc_hold(struct nsctp_assoc *asoc);
struct nsctp_assoc *nsctp_assoc_by_id(struct sock *sk, sctp_assoc_t id);
struct nsctp_flow;
void nsctp_assoc_flow(struct nsctp_assoc *asoc, struct nsctp_flow *f);
void nsctp_path_flow(struct nsctp_path *path, struct nsctp_flow *f);

/* sm_path.c */
void nsctp_path_hb_start(struct nsctp_path *path);
void nsctp_path_hb_now(struct nsctp_path *path);
void nsctp_path_hb_stop(struct nsctp_path *path);
bool nsctp_path_hb_expired(struct nsctp_path *path);
unsigned long nsctp_path_hb_delay(const struct nsctp_path *path);
void nsctp_path_rtt_update(struct nsctp_path *path, u32 r);

/* timer.c */
void nsctp_timers_init(struct nsctp_assoc *asoc);
void nsctp_timer_start(struct nsctp_assoc *asoc, enum nsctp_timer_id id);
void nsctp_timer_stop(struct nsctp_assoc *asoc, enum nsctp_timer_id id);
void nsctp_timers_stop(struct nsctp_assoc *asoc);
void nsctp_path_timers_init(struct nsctp_path *path);
void nsctp_t3_start(struct nsctp_path *path);
void nsctp_t3_stop(struct nsctp_path *path);
struct nsctp_assoc *nsctp_assoc_lookup(struct net *net,
				       const union nsctp_addr *daddr,
				       const union nsctp_addr *paddr);
void nsctp_assoc_kill(struct nsctp_assoc *asoc);
void nsctp_assoc_ended_flush(struct sock *sk);
void nsctp_assoc_put(struct nsctp_assoc *asoc);
void nsctp_assoc_set_state(struct nsctp_assoc *asoc,
			   enum sctp_sstat_state state);
int nsctp_assoc_cache_init(void);
void nsctp_assoc_cache_exit(void);

#endif /* _NET_NSCTP_ASSOC_H */
