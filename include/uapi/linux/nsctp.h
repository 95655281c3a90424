/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nsctp's own user interface, beside <linux/sctp.h> (which it shares with
 * the in-tree module): what Linux's SCTP ABI does not have.
 *
 * NSCTP_IOC_PEELOFF - peel an association off a one-to-many socket
 *
 *	struct nsctp_peeloff_arg arg = { .assoc_id = id,
 *					 .flags = SOCK_CLOEXEC };
 *	int fd = ioctl(sd, NSCTP_IOC_PEELOFF, &arg);
 *
 * The association @assoc_id of the one-to-many (SOCK_SEQPACKET) socket
 * @sd moves to a new one-to-one (SOCK_STREAM) socket, with everything it
 * has queued in both directions, its timers and its notifications; @sd
 * no longer sees it. The call returns the new socket's descriptor, also
 * stored in @sd, or -1 with errno:
 *	EINVAL	@sd is a one-to-one socket, @assoc_id names no association
 *		of it, @flags has a bit other than SOCK_CLOEXEC and
 *		SOCK_NONBLOCK, @reserved is not 0, or the caller is in
 *		another network namespace than @sd
 *	EBUSY	a thread sleeps in sendmsg() or connect() on the
 *		association, or a partial delivery of it is under way
 *	EMFILE, ENFILE, ENOMEM, EFAULT
 * It is getsockopt(SCTP_SOCKOPT_PEELOFF_FLAGS) (libsctp's
 * sctp_peeloff_flags()) by another door: the Solaris sockets API peels
 * off by ioctl. The number is one of the protocol-private socket ioctls
 * (SIOCPROTOPRIVATE to SIOCPROTOPRIVATE + 15), which no other layer
 * takes; the argument has the same layout for 32- and 64-bit callers.
 */
#ifndef _UAPI_LINUX_NSCTP_H
#define _UAPI_LINUX_NSCTP_H

#include <linux/sockios.h>
#include <linux/types.h>

struct nsctp_peeloff_arg {
	__s32	assoc_id;	/* in: sctp_assoc_t */
	__u32	flags;		/* in: SOCK_CLOEXEC, SOCK_NONBLOCK */
	__s32	sd;		/* out: the new socket */
	__u32	reserved;	/* in: 0 */
};

#define NSCTP_IOC_PEELOFF	(SIOCPROTOPRIVATE + 0)

#endif /* _UAPI_LINUX_NSCTP_H */
