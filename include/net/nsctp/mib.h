/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsctp MIB: the per-netns counters shown in /proc/net/sctp/snmp.
 *
 * The order and the names are the in-tree module's (net-snmp's SCTP-MIB,
 * netdata and friends parse that file), so the list lives here once and
 * proc.c prints it with the same format. Counters are per-CPU; bump them
 * with NSCTP_INC_STATS() from any context.
 */
#ifndef _NET_NSCTP_MIB_H
#define _NET_NSCTP_MIB_H

#include <linux/bits.h>
#include <linux/percpu.h>

/* Keep in the order of nsctp_mib_names[] (mib.c). */
enum nsctp_mib_field {
	NSCTP_MIB_CURRESTAB,
	NSCTP_MIB_ACTIVEESTABS,
	NSCTP_MIB_PASSIVEESTABS,
	NSCTP_MIB_ABORTEDS,
	NSCTP_MIB_SHUTDOWNS,
	NSCTP_MIB_OUTOFBLUES,
	NSCTP_MIB_CHECKSUMERRORS,
	NSCTP_MIB_OUTCTRLCHUNKS,
	NSCTP_MIB_OUTORDERCHUNKS,
	NSCTP_MIB_OUTUNORDERCHUNKS,
	NSCTP_MIB_INCTRLCHUNKS,
	NSCTP_MIB_INORDERCHUNKS,
	NSCTP_MIB_INUNORDERCHUNKS,
	NSCTP_MIB_FRAGUSRMSGS,
	NSCTP_MIB_REASMUSRMSGS,
	NSCTP_MIB_OUTSCTPPACKS,
	NSCTP_MIB_INSCTPPACKS,
	NSCTP_MIB_T1_INIT_EXPIREDS,
	NSCTP_MIB_T1_COOKIE_EXPIREDS,
	NSCTP_MIB_T2_SHUTDOWN_EXPIREDS,
	NSCTP_MIB_T3_RTX_EXPIREDS,
	NSCTP_MIB_T4_RTO_EXPIREDS,
	NSCTP_MIB_T5_SHUTDOWN_GUARD_EXPIREDS,
	NSCTP_MIB_DELAY_SACK_EXPIREDS,
	NSCTP_MIB_AUTOCLOSE_EXPIREDS,
	NSCTP_MIB_T3_RETRANSMITS,
	NSCTP_MIB_PMTUD_RETRANSMITS,
	NSCTP_MIB_FAST_RETRANSMITS,
	NSCTP_MIB_IN_PKT_SOFTIRQ,
	NSCTP_MIB_IN_PKT_BACKLOG,
	NSCTP_MIB_IN_PKT_DISCARDS,
	NSCTP_MIB_IN_DATA_CHUNK_DISCARDS,
	NSCTP_MIB_MAX
};

struct nsctp_mib {
	unsigned long	mibs[NSCTP_MIB_MAX];
};

struct net;
struct nsctp_mib __percpu *nsctp_net_mib(const struct net *net);

/* The counters of what is dropped: each increment is traced too
 * (nsctp:nsctp_drop, with where it happened).
 */
#define NSCTP_MIB_DROPS							\
	(BIT_ULL(NSCTP_MIB_OUTOFBLUES) | BIT_ULL(NSCTP_MIB_CHECKSUMERRORS) | \
	 BIT_ULL(NSCTP_MIB_IN_PKT_DISCARDS) |				\
	 BIT_ULL(NSCTP_MIB_IN_DATA_CHUNK_DISCARDS))
#define NSCTP_MIB_IS_DROP(m)	(BIT_ULL(m) & NSCTP_MIB_DROPS)

#define NSCTP_INC_STATS(net, field)					\
	do {								\
		this_cpu_inc(nsctp_net_mib(net)->mibs[NSCTP_MIB_##field]); \
		if (NSCTP_MIB_IS_DROP(NSCTP_MIB_##field))		\
			trace_nsctp_drop(NSCTP_MIB_##field, _THIS_IP_);	\
	} while (0)
#define NSCTP_ADD_STATS(net, field, n)					\
	this_cpu_add(nsctp_net_mib(net)->mibs[NSCTP_MIB_##field], n)
#define NSCTP_DEC_STATS(net, field)					\
	this_cpu_dec(nsctp_net_mib(net)->mibs[NSCTP_MIB_##field])

unsigned long nsctp_mib_read(const struct net *net, enum nsctp_mib_field f);
extern const char *const nsctp_mib_names[NSCTP_MIB_MAX];

/* after the enum, which the tracepoints' header uses */
#include <trace/events/nsctp.h>

#endif /* _NET_NSCTP_MIB_H */
