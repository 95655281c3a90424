/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data path (RFC 9260 §6, §7): what a DATA chunk carries while we
 * send it, what a received message carries on its way to the user, and
 * the congestion control interface.
 *
 * Outbound, a DATA chunk is an skb with no linear bytes: its chunk
 * header, payload and padding live in page fragments (copied once from
 * the user by sendmsg()), so a packet references them with a page
 * reference instead of a copy, and a retransmission does the same again.
 * What the sender needs to know about the chunk is in its cb
 * (struct nsctp_tx_cb).
 *
 * Inbound, a DATA chunk is the received packet itself (its last chunk),
 * a clone of it trimmed to its payload, an skb referencing its pages, or
 * a copy (small payloads). A message of one chunk is that skb; the skbs
 * of a fragmented message hang on the frag_list of a small head skb (a
 * clone shares its skb_shared_info with the packet, so it cannot carry
 * a frag_list of its own). What the user will learn about a message is in
 * its cb (struct nsctp_ulp_cb).
 */
#ifndef _NET_NSCTP_DATA_H
#define _NET_NSCTP_DATA_H

#include <linux/sizes.h>
#include <linux/skbuff.h>
#include <linux/sctp.h>
#include <net/sock.h>

struct nsctp_assoc;
struct nsctp_path;
struct nsctp_rcv_ctx;
struct sock;

/* A DATA chunk on an association's send queues. */
struct nsctp_tx_cb {
	struct nsctp_path	*path;		/* where it went last */
	unsigned long		sent_at;	/* jiffies, last transmission */
	u32			tsn;		/* once assigned */
	u32			len;		/* payload bytes */
	u32			context;	/* sinfo_context, for SEND_FAILED */
	__be32			ppid;
	u16			sid;
	u8			dflags;		/* SCTP_DATA_* chunk flags */
	u8			state;		/* NSCTP_TX_* */
	u8			tx_count;	/* transmissions so far */
	u8			miss;		/* §7.2.4 miss indications */
	/* NSCTP_TX_TTL: the message is abandoned if not sent by then
	 * (jiffies, low 32 bits; sinfo_timetolive, RFC 6458 §5.3.2)
	 */
	u32			expires;
};

#define NSCTP_TX_CB(skb)	((struct nsctp_tx_cb *)&((skb)->cb[0]))

enum {
	NSCTP_TX_INFLIGHT	= BIT(0),	/* counted in flight size */
	NSCTP_TX_GAP_ACKED	= BIT(1),	/* covered by a gap block */
	NSCTP_TX_RTX		= BIT(2),	/* to be retransmitted */
	NSCTP_TX_FAST_RTX	= BIT(3),	/* fast-retransmitted once */
	NSCTP_TX_RTX_FAST	= BIT(4),	/* the pending RTX is the fast one */
	NSCTP_TX_TTL		= BIT(5),	/* @expires holds */
	NSCTP_TX_RTX_PROBE	= BIT(6),	/* the pending RTX: a refused probe */
	/* NSCTP_TX_TTL under the policy SCTP_PR_SCTP_TTL: counted in
	 * SCTP_PR_ASSOC_STATUS and SCTP_PR_STREAM_STATUS when abandoned
	 */
	NSCTP_TX_PR_TTL		= BIT(7),
};

/* Bytes on the wire of a DATA chunk with @len bytes of payload. */
static inline u32 nsctp_data_chunk_len(u32 len)
{
	return sizeof(struct sctp_datahdr) + sizeof(struct sctp_chunkhdr) +
	       len;
}

/* The receive window @sk offers: half its receive buffer (as in-tree;
 * SO_RCVBUF doubles what the user asks for), the other half being for
 * what the data costs beyond its payload. Received data is charged by
 * its truesize (sm_data.c), and the window advertised later follows
 * what the payload really costs (nsctp_rwnd_now()).
 */
static inline u32 nsctp_rwnd_offer(const struct sock *sk)
{
	return max_t(u32, READ_ONCE(sk->sk_rcvbuf) / 2, 1500);
}

/* Congestion control of one path (RFC 9260 §7.2), behind an ops table so
 * that other algorithms can be plugged in.
 */
struct nsctp_cc_ops {
	const char *name;
	void (*init)(struct nsctp_path *path);
	/* @acked bytes newly acknowledged on @path by a SACK that did
	 * (@cum_advanced) or did not move the cumulative TSN ack point.
	 */
	void (*on_ack)(struct nsctp_path *path, u32 acked, bool cum_advanced);
	void (*on_fast_rtx)(struct nsctp_path *path);
	void (*on_timeout)(struct nsctp_path *path);
};

extern const struct nsctp_cc_ops nsctp_cc_reno;

/* outq.c */
int nsctp_outq_init(struct nsctp_assoc *asoc);
void nsctp_outq_purge(struct nsctp_assoc *asoc, int error);
void nsctp_outq_purge_sent(struct nsctp_assoc *asoc);
void nsctp_outq_free(struct nsctp_assoc *asoc);
void nsctp_write_space(struct sock *sk);
int nsctp_wspace(const struct sock *sk);
void nsctp_outq_flush(struct nsctp_assoc *asoc);
void nsctp_outq_cookie_echo(struct nsctp_assoc *asoc);
void nsctp_outq_unsend(struct nsctp_assoc *asoc);
bool nsctp_outq_empty(const struct nsctp_assoc *asoc);
void nsctp_sm_sack_rcv(struct nsctp_assoc *asoc,
		       const struct sctp_chunkhdr *ch);
void nsctp_sack_hdr_rcv(struct nsctp_assoc *asoc,
			const struct sctp_sackhdr *sack);
bool nsctp_ctsn_beyond_sent(struct nsctp_assoc *asoc, __be32 ctsn);
void nsctp_t3_expired(struct nsctp_path *path);
u32 nsctp_frag_point(const struct nsctp_assoc *asoc);

/* chunk.c */
struct sk_buff *nsctp_chunk_alloc(gfp_t gfp);
void nsctp_chunk_release(struct sk_buff *skb);
void nsctp_chunk_cache_init(void);
void nsctp_chunk_cache_exit(void);

/* sm_data.c */
int nsctp_inq_init(struct nsctp_assoc *asoc, gfp_t gfp);
void nsctp_inq_free(struct nsctp_assoc *asoc);
void nsctp_sm_data_rcv(struct nsctp_assoc *asoc, struct nsctp_rcv_ctx *ctx,
		       struct sk_buff *skb, const struct sctp_chunkhdr *ch,
		       unsigned int off);
void nsctp_sm_data_done(struct nsctp_assoc *asoc);
void nsctp_rx_migrate(struct nsctp_assoc *asoc, struct sock *oldsk,
		      struct sock *newsk);
unsigned int nsctp_sack_len(const struct nsctp_assoc *asoc);
void nsctp_sack_put(struct nsctp_assoc *asoc, struct sk_buff *skb);
int nsctp_send_sack(struct nsctp_assoc *asoc);
void nsctp_sack_timer_expired(struct nsctp_assoc *asoc);
void nsctp_rwnd_read(struct sock *sk, sctp_assoc_t id, u32 bytes, u32 freed);
u32 nsctp_rwnd_now(const struct nsctp_assoc *asoc);

/* sendmsg.c */
int nsctp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);

/* recvmsg.c */
int nsctp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		  int flags, int *addr_len);

#endif /* _NET_NSCTP_DATA_H */
