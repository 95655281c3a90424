/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The State Cookie nsctp puts in its INIT ACK (RFC 9260 §5.1.3).
 *
 * Only nsctp ever reads it back, so its layout is ours; fields taken from
 * or going onto the wire stay in network byte order. Everything after
 * @mac is signed.
 */
#ifndef _NET_NSCTP_COOKIE_H
#define _NET_NSCTP_COOKIE_H

#include <crypto/sha2.h>
#include <net/nsctp/addr.h>

#define NSCTP_COOKIE_VERSION	1

struct nsctp_cookie {
	u8			mac[SHA256_DIGEST_SIZE];
	u8			key;		/* which secret signed it */
	u8			version;
	u16			params_len;	/* of @params */
	u32			lifespan_ms;
	u64			created_us;	/* boottime */
	__be32			my_vtag;
	__be32			peer_vtag;
	__be32			my_itsn;
	__be32			peer_itsn;
	__be32			peer_rwnd;
	__be16			out_streams;	/* negotiated (§5.1.1) */
	__be16			in_streams;
	__be32			my_tie_tag;	/* §5.2.1, zero without an */
	__be32			peer_tie_tag;	/* existing association */
	union nsctp_addr	laddr;		/* where the INIT went */
	union nsctp_addr	paddr;		/* where it came from */
	u8			params[];	/* the INIT's parameters */
} __packed;

struct sock;

int nsctp_cookie_init(void);
void nsctp_cookie_exit(void);
void nsctp_cookie_key_init(struct sock *sk);
void nsctp_cookie_key_free(struct sock *sk);
int nsctp_cookie_sign(struct sock *sk, struct nsctp_cookie *c,
		      unsigned int len);
int nsctp_cookie_check(struct sock *sk, const struct nsctp_cookie *c,
		       unsigned int len, u64 *stale_us);

#endif /* _NET_NSCTP_COOKIE_H */
