/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket options that hold per association (net/nsctp/sockopt.c).
 */
#ifndef _NET_NSCTP_OPTS_H
#define _NET_NSCTP_OPTS_H

#include <linux/jiffies.h>
#include <linux/sctp.h>
#include <linux/types.h>

/* What the data socket options set per association (RFC 6458 §8.1, as
 * in-tree): each association has its own, which starts as the socket's
 * (struct nsctp_opts.data, the values for future associations).
 */
struct nsctp_aopts {
	struct sctp_sndinfo	def_sndinfo;	/* snd_assoc_id unused */
	u32			def_ttl;
	/* SCTP_RTOINFO (ms): RTO.Initial, RTO.Min and RTO.Max. An
	 * association takes the socket's when it is set up and keeps its
	 * own from then on, as in-tree.
	 */
	u32			rto_initial;
	u32			rto_min;
	u32			rto_max;
	u32			rcv_context;	/* SCTP_CONTEXT */
	u32			maxseg;
	u32			max_burst;
	u32			sack_delay;	/* ms */
	u32			sack_freq;
	bool			sack_off;	/* SACK every packet */
	/* SCTP_PEER_ADDR_PARAMS (RFC 6458 §8.1.12). nsctp keeps one path
	 * per association, so the path's values are the association's.
	 */
	u32			hb_interval;	/* ms, added to RTO (§8.3) */
	u32			pathmtu;	/* fixed PMTU, with @pmtud_off */
	u16			pathmaxrxt;	/* Path.Max.Retrans */
	bool			hb_off;		/* no heartbeats */
	bool			pmtud_off;	/* @pathmtu, not discovery */
	/* SCTP_PEER_ADDR_THLDS(_V2) (RFC 7829): stored, no PF state yet */
	u16			pf_retrans;	/* PotentiallyFailed threshold */
	u16			ps_retrans;	/* Primary Switchover threshold */
	/* SCTP_EXPOSE_POTENTIALLY_FAILED_STATE: stored (no PF state yet) */
	u8			pf_expose;
	/* SCTP_ENABLE_STREAM_RESET: the requests of RFC 6525 a peer may
	 * make; stored, as in-tree with reconf_enable 0 (none is made)
	 */
	u8			strreset_enable;
	/* SCTP_REMOTE_UDP_ENCAPS_PORT (RFC 6951), in network byte order:
	 * the default of a new path; stored, as in-tree with udp_port 0
	 * (nothing is encapsulated)
	 */
	__be16			encap_port;
};

/* @ms as a whole number of jiffies gives it back: in-tree keeps an
 * association's RTO values in jiffies, so SCTP_RTOINFO reads them so.
 */
static inline u32 nsctp_ms_in_jiffies(u32 ms)
{
	return jiffies_to_msecs(msecs_to_jiffies(ms));
}

#endif /* _NET_NSCTP_OPTS_H */
