// SPDX-License-Identifier: GPL-2.0
/*
 * MIB counter names as /proc/net/sctp/snmp shows them (the in-tree
 * module's names and order).
 */
#include <net/nsctp/mib.h>

const char *const nsctp_mib_names[NSCTP_MIB_MAX] = {
	[NSCTP_MIB_CURRESTAB]	= "SctpCurrEstab",
	[NSCTP_MIB_ACTIVEESTABS]	= "SctpActiveEstabs",
	[NSCTP_MIB_PASSIVEESTABS]	= "SctpPassiveEstabs",
	[NSCTP_MIB_ABORTEDS]	= "SctpAborteds",
	[NSCTP_MIB_SHUTDOWNS]	= "SctpShutdowns",
	[NSCTP_MIB_OUTOFBLUES]	= "SctpOutOfBlues",
	[NSCTP_MIB_CHECKSUMERRORS]	= "SctpChecksumErrors",
	[NSCTP_MIB_OUTCTRLCHUNKS]	= "SctpOutCtrlChunks",
	[NSCTP_MIB_OUTORDERCHUNKS]	= "SctpOutOrderChunks",
	[NSCTP_MIB_OUTUNORDERCHUNKS]	= "SctpOutUnorderChunks",
	[NSCTP_MIB_INCTRLCHUNKS]	= "SctpInCtrlChunks",
	[NSCTP_MIB_INORDERCHUNKS]	= "SctpInOrderChunks",
	[NSCTP_MIB_INUNORDERCHUNKS]	= "SctpInUnorderChunks",
	[NSCTP_MIB_FRAGUSRMSGS]	= "SctpFragUsrMsgs",
	[NSCTP_MIB_REASMUSRMSGS]	= "SctpReasmUsrMsgs",
	[NSCTP_MIB_OUTSCTPPACKS]	= "SctpOutSCTPPacks",
	[NSCTP_MIB_INSCTPPACKS]	= "SctpInSCTPPacks",
	[NSCTP_MIB_T1_INIT_EXPIREDS]	= "SctpT1InitExpireds",
	[NSCTP_MIB_T1_COOKIE_EXPIREDS]	= "SctpT1CookieExpireds",
	[NSCTP_MIB_T2_SHUTDOWN_EXPIREDS]	= "SctpT2ShutdownExpireds",
	[NSCTP_MIB_T3_RTX_EXPIREDS]	= "SctpT3RtxExpireds",
	[NSCTP_MIB_T4_RTO_EXPIREDS]	= "SctpT4RtoExpireds",
	[NSCTP_MIB_T5_SHUTDOWN_GUARD_EXPIREDS]	= "SctpT5ShutdownGuardExpireds",
	[NSCTP_MIB_DELAY_SACK_EXPIREDS]	= "SctpDelaySackExpireds",
	[NSCTP_MIB_AUTOCLOSE_EXPIREDS]	= "SctpAutocloseExpireds",
	[NSCTP_MIB_T3_RETRANSMITS]	= "SctpT3Retransmits",
	[NSCTP_MIB_PMTUD_RETRANSMITS]	= "SctpPmtudRetransmits",
	[NSCTP_MIB_FAST_RETRANSMITS]	= "SctpFastRetransmits",
	[NSCTP_MIB_IN_PKT_SOFTIRQ]	= "SctpInPktSoftirq",
	[NSCTP_MIB_IN_PKT_BACKLOG]	= "SctpInPktBacklog",
	[NSCTP_MIB_IN_PKT_DISCARDS]	= "SctpInPktDiscards",
	[NSCTP_MIB_IN_DATA_CHUNK_DISCARDS]	= "SctpInDataChunkDiscards",
};
