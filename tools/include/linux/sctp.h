/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/sctp.h> wire definitions
 * (the uapi header has only the socket API): the RFC 9260 layouts and
 * IANA numbers nsctp's pure logic uses, under the kernel's names.
 */
#ifndef _NSCTP_TOOLS_LINUX_SCTP_H
#define _NSCTP_TOOLS_LINUX_SCTP_H

#include <linux/types.h>

struct sctphdr {
	__be16 source;
	__be16 dest;
	__be32 vtag;
	__le32 checksum;
};

struct sctp_chunkhdr {
	__u8 type;
	__u8 flags;
	__be16 length;
};

struct sctp_paramhdr {
	__be16 type;
	__be16 length;
};

enum sctp_cid {
	SCTP_CID_DATA			= 0,
	SCTP_CID_INIT			= 1,
	SCTP_CID_INIT_ACK		= 2,
	SCTP_CID_SACK			= 3,
	SCTP_CID_HEARTBEAT		= 4,
	SCTP_CID_HEARTBEAT_ACK		= 5,
	SCTP_CID_ABORT			= 6,
	SCTP_CID_SHUTDOWN		= 7,
	SCTP_CID_SHUTDOWN_ACK		= 8,
	SCTP_CID_ERROR			= 9,
	SCTP_CID_COOKIE_ECHO		= 10,
	SCTP_CID_COOKIE_ACK		= 11,
	SCTP_CID_ECN_ECNE		= 12,
	SCTP_CID_ECN_CWR		= 13,
	SCTP_CID_SHUTDOWN_COMPLETE	= 14,
	SCTP_CID_AUTH			= 0x0f,
	SCTP_CID_I_DATA			= 0x40,
	SCTP_CID_ASCONF_ACK		= 0x80,
	SCTP_CID_RECONF			= 0x82,
	SCTP_CID_PAD			= 0x84,
	SCTP_CID_FWD_TSN		= 0xc0,
	SCTP_CID_ASCONF			= 0xc1,
	SCTP_CID_I_FWD_TSN		= 0xc2,
};

#define SCTP_PARAM_HEARTBEAT_INFO	cpu_to_be16(1)
#define SCTP_PARAM_IPV4_ADDRESS		cpu_to_be16(5)
#define SCTP_PARAM_IPV6_ADDRESS		cpu_to_be16(6)
#define SCTP_PARAM_STATE_COOKIE		cpu_to_be16(7)
#define SCTP_PARAM_COOKIE_PRESERVATIVE	cpu_to_be16(9)
#define SCTP_PARAM_SUPPORTED_ADDRESS_TYPES cpu_to_be16(12)
#define SCTP_PARAM_ECN_CAPABLE		cpu_to_be16(0x8000)
#define SCTP_PARAM_FWD_TSN_SUPPORT	cpu_to_be16(0xc000)
#define SCTP_PARAM_ADAPTATION_LAYER_IND	cpu_to_be16(0xc006)

#endif
