/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsctp: SCTP (RFC 9260) as a loadable module. Core objects and the rules
 * that govern them; every .c file includes this header.
 *
 * Objects
 *   An nsctp socket *is* the SCTP endpoint (RFC 9260 §1.3): its local port,
 *   its list of local addresses and its defaults live in struct nsctp_sock.
 *   Keeping them in the socket, rather than in a separate refcounted
 *   endpoint as the in-tree module does, leaves one lifetime to reason
 *   about: the socket's, counted by sk_refcnt. Sockets are freed as soon
 *   as the last reference goes (no SOCK_RCU_FREE), so the module
 *   reference each socket holds is gone the moment it closes and rmmod
 *   works right after the last close.
 *
 * Locking (outermost first)
 *   1. socket lock: lock_sock() in process context, bh_lock_sock() plus
 *      the owned-by-user backlog in softirq. It protects everything in
 *      struct nsctp_sock that is not marked otherwise.
 *   2. port bucket lock (struct nsctp_port_bucket.lock, a BH-safe spinlock):
 *      protects the bucket's chain of struct nsctp_port, each port's list
 *      of owners, and membership of a socket on that list. Writers of a
 *      socket's local address list hold both the socket lock and the
 *      bucket lock of its port, so a reader holding either sees a stable
 *      list. A socket is on an owner list only while bound, and it unbinds
 *      before its last reference can go, so whoever holds the bucket lock
 *      may use the owners it finds there, and take a reference with
 *      sock_hold() to keep one. Taken with BHs off, never held across a
 *      sleep.
 *   The chains and lists are RCU lists, and their elements are freed after
 *   a grace period, so that lockless readers can be added where a profile
 *   asks for them; the module's exit waits for those callbacks.
 *
 * Module lifetime
 *   Every socket holds a reference on the module (proto.owner); nothing
 *   the module creates on its own (no control socket) does, so rmmod works
 *   whenever no socket is open.
 */
#ifndef _NET_NSCTP_NSCTP_H
#define _NET_NSCTP_NSCTP_H

#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/sctp.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <net/nsctp/addr.h>
#include <net/nsctp/mib.h>
#include <net/nsctp/opts.h>
#include <net/nsctp/parse.h>

#define NSCTP_PORT_HASH_BITS	8
#define NSCTP_PORT_HASH_SIZE	BIT(NSCTP_PORT_HASH_BITS)

/* Per-netns tunables (net.sctp.*), in the in-tree units: milliseconds for
 * times, counts for retransmissions.
 */
struct nsctp_params {
	int	rto_initial;
	int	rto_min;
	int	rto_max;
	int	rto_alpha_exp_divisor;
	int	rto_beta_exp_divisor;
	int	max_burst;
	int	valid_cookie_life;
	int	cookie_preserve_enable;
	int	association_max_retrans;
	int	path_max_retrans;
	int	max_init_retransmits;
	int	pf_retrans;
	int	ps_retrans;
	int	pf_enable;
	int	pf_expose;
	int	hb_interval;
	int	sack_timeout;
	int	sndbuf_policy;
	int	rcvbuf_policy;
	int	addip_enable;
	int	addip_noauth_enable;
	int	default_auto_asconf;
	int	auth_enable;
	int	prsctp_enable;
	int	reconf_enable;
	int	intl_enable;
	int	ecn_enable;
	int	plpmtud_probe_interval;
	int	udp_port;
	int	encap_port;
	int	addr_scope_policy;
	int	rwnd_update_shift;
	int	max_autoclose;
};

/* A chain of ports hashed together. */
struct nsctp_port_bucket {
	spinlock_t		lock;		/* see Locking above */
	struct hlist_head	chain;		/* of nsctp_port, RCU */
};

/* One local port in use in one netns, and the sockets bound to it. */
struct nsctp_port {
	struct hlist_node	node;		/* in bucket chain */
	struct hlist_head	owners;		/* nsctp_sock.bind_node, RCU */
	u16			port;
	struct rcu_head		rcu;
};

/* One local address of an endpoint. */
struct nsctp_laddr {
	struct list_head	list;		/* nsctp_sock.laddrs, RCU */
	union nsctp_addr	a;
	struct rcu_head		rcu;
};

struct nsctp_net {
	struct nsctp_port_bucket port_hash[NSCTP_PORT_HASH_SIZE];
	struct rhltable		paths;		/* of nsctp_path, see assoc.c */
	spinlock_t		paths_lock;	/* serialises inserts into @paths */
	struct nsctp_mib __percpu *mib;
	struct nsctp_params	params;
	struct proc_dir_entry	*proc_dir;
	struct ctl_table_header	*sysctl_hdr;
};

/* Socket style (RFC 6458 §3 one-to-many, §4 one-to-one). */
enum nsctp_style {
	NSCTP_STYLE_ONE_TO_MANY,	/* SOCK_SEQPACKET */
	NSCTP_STYLE_ONE_TO_ONE,		/* SOCK_STREAM */
};

/* What socket options set on a socket (RFC 6458 §8). */
struct nsctp_opts {
	struct sctp_initmsg	initmsg;
	struct sctp_assocparams	assocparams;
	struct nsctp_aopts	data;
	u32			autoclose;	/* seconds */
	u32			pd_point;
	u32			adaptation_ind;
	u16			subscribe;	/* bit per SCTP_SN_TYPE_BASE+n */
	u8			frag_interleave;
	/* net.sctp.sndbuf_policy/rcvbuf_policy when the socket was made:
	 * each association has the whole buffer (1), or they share it (0)
	 */
	u8			sndbuf_policy;
	u8			rcvbuf_policy;
	u8			nodelay:1,
				v4mapped:1,
				disable_frags:1,
				recvrcvinfo:1,
				recvnxtinfo:1;
};

struct nsctp_sock {
	struct inet_sock	inet;		/* must be first */
	enum nsctp_style	style;

	/* Binding. @port and @bind_node are also protected by the port
	 * bucket lock; @laddrs is written under both locks (see above).
	 */
	struct nsctp_port	*port;
	struct hlist_node	bind_node;
	struct list_head	laddrs;		/* of nsctp_laddr */
	bool			reuse_port;	/* SCTP_REUSE_PORT */
	bool			closed;		/* close() ran: no reader */
	/* shutdown(SHUT_RD) on a one-to-one socket: user data that
	 * arrives from then on is acknowledged and let go (as in-tree)
	 */
	bool			rd_shut;
	/* made by peeloff: sendmsg() ignores msg_name, as in-tree (whose
	 * peeled-off sockets are of its UDP-high-bandwidth style)
	 */
	bool			peeled;
	/* SCTP_AUTO_ASCONF set on a socket bound to the wildcard alone:
	 * only read back (there is no ASCONF). accept() and peeloff start
	 * at false, as in-tree.
	 */
	bool			auto_asconf;
	struct list_head	assocs;		/* of nsctp_assoc */
	/* One-to-one listener: associations that ended before accept()
	 * took them (killed, still holding a place in the accept queue);
	 * accept() hands them out with what they delivered, as in-tree.
	 */
	struct list_head	ended;		/* of nsctp_assoc */
	/* accept()ed after its association ended: the peer it had, for
	 * accept()'s address only (getname() with peer 2; getpeername()
	 * is ENOTCONN, as on any closed socket)
	 */
	union nsctp_addr	ended_peer;
	u32			sendall_gen;	/* SCTP_SENDALL calls so far */
	/* Associations that took packets from the backlog in this
	 * release_sock(): their SACK policy runs once at its end
	 * (nsctp_release_cb()). Empty whenever the socket is unlocked.
	 */
	struct list_head	rx_batch;	/* of nsctp_assoc.batch_node */

	/* State cookie secrets (cookie.c), set up by listen(), inherited
	 * by accept()ed sockets.
	 */
	u8			secret[2][32];
	u64			secret_id[2];	/* unique per secret */
	u8			secret_cur;
	unsigned long		secret_born;	/* jiffies */

	/* Defaults for new associations, set through socket options;
	 * accept() copies them to the new socket in one assignment.
	 */
	struct nsctp_opts	opts;
};

/* IPv6 sockets: ipv6_pinfo must be last (see inet6_sk_generic()). */
struct nsctp6_sock {
	struct nsctp_sock	nsk;
	struct ipv6_pinfo	inet6;
};

static inline struct nsctp_sock *nsctp_sk(const struct sock *sk)
{
	return (struct nsctp_sock *)sk;
}

static inline struct sock *nsctp_to_sk(struct nsctp_sock *nsk)
{
	return &nsk->inet.sk;
}

static inline bool nsctp_one_to_one(const struct sock *sk)
{
	return nsctp_sk(sk)->style == NSCTP_STYLE_ONE_TO_ONE;
}

/* Is an association, up or ended, waiting for accept() on @sk? */
static inline bool nsctp_accept_pending(struct sock *sk)
{
	return !list_empty(&nsctp_sk(sk)->assocs) ||
	       !list_empty(&nsctp_sk(sk)->ended);
}

/* What the receive path keeps in skb->cb; the IP layer's part stays first
 * because inet6_iif() and friends still read it.
 */
struct nsctp_skb_cb {
	union {
		struct inet_skb_parm	h4;
#if IS_ENABLED(CONFIG_IPV6)
		struct inet6_skb_parm	h6;
#endif
	} header;
	struct nsctp_pkt_info	info;
};

#define NSCTP_SKB_CB(skb)	((struct nsctp_skb_cb *)&((skb)->cb[0]))

/**
 * struct nsctp_rcv_ctx - one received packet's walk over its chunks
 * @info: the parse result, copied out of the packet's cb before the walk:
 *	a DATA chunk may turn the packet skb into its own payload skb (the
 *	last chunk, sm_data.c), which gives that skb's cb another role
 * @taken: the packet skb became a chunk's skb: nothing more is read from
 *	it, the walk ends
 * @err: the ERROR chunk being built for the peer (every cause the packet
 *	earns goes into one packet, sent when the walk ends), or NULL
 * @err_len: bytes of causes in @err so far, the last one unpadded
 * @err_max: bytes the ERROR chunk may take (one path MTU's worth)
 * @err_drop: causes that did not fit
 */
struct nsctp_rcv_ctx {
	struct nsctp_pkt_info	info;
	bool			taken;
	struct sk_buff		*err;
	unsigned int		err_len;
	unsigned int		err_max;
	unsigned int		err_drop;
};

/* What a message on a socket's receive queue carries besides its bytes. */
/* What a notification skb holds at its head, before its data: the peer's
 * address when it was made (event.c, recvmsg.c).
 */
#define NSCTP_EVENT_ADDR_ROOM	ALIGN(sizeof(union nsctp_addr), 8)

struct nsctp_ulp_cb {
	sctp_assoc_t		assoc_id;
	u32			msg_flags;	/* MSG_NOTIFICATION, MSG_EOR */
	u32			offset;		/* bytes already read */
	u32			tsn;		/* user data only from here on */
	u32			cumtsn;
	__be32			ppid;
	u32			context;
	u16			sid;
	u16			ssn;
	u16			flags;		/* SCTP_UNORDERED */
};

#define NSCTP_ULP_CB(skb)	((struct nsctp_ulp_cb *)&((skb)->cb[0]))

/* netns.c */
struct nsctp_net *nsctp_pernet(const struct net *net);
int nsctp_netns_init(void);
void nsctp_netns_exit(void);

/* port.c */
void nsctp_port_hash_init(struct nsctp_net *nn);
int nsctp_port_bind(struct sock *sk, union nsctp_addr *addr);
int nsctp_port_recheck(struct sock *sk);
void nsctp_port_unbind(struct sock *sk, struct nsctp_laddr *la);
struct nsctp_laddr *nsctp_port_find_laddr(struct sock *sk,
					  const union nsctp_addr *addr);
void nsctp_port_release(struct sock *sk);
int nsctp_port_inherit(struct sock *newsk, struct sock *sk);
struct sock *nsctp_lookup_listener(struct net *net,
				   const union nsctp_addr *daddr, u16 dport);
int nsctp_port_cache_init(void);
void nsctp_port_cache_exit(void);

/* mem.c */
void nsctp_mem_proto(struct proto *prot);
int nsctp_mem_init(void);
void nsctp_mem_exit(void);

/* socket.c */
extern struct proto nsctp_prot;
extern struct proto nsctpv6_prot;
int nsctp_socket_init(void);
void nsctp_socket_exit(void);
int nsctp_autobind(struct sock *sk);
int nsctp_packed_addr_len(const struct sockaddr *sa);
int nsctp_bindx(struct sock *sk, void *addrs, int size, bool add);
void nsctp_sock_put_rcu(struct sock *sk);

struct nsctp_assoc;

/* connect.c */
int nsctp_connect(struct socket *sock, struct sockaddr *uaddr, int len,
		  int flags);
struct sock *nsctp_accept(struct sock *sk, int flags, int *err, bool kern);
struct nsctp_assoc *nsctp_assoc_connect(struct sock *sk,
					const union nsctp_addr *paddr, int n,
					const struct sctp_initmsg *init,
					int *err);
int nsctp_connectx(struct sock *sk, void *addrs, int size, sctp_assoc_t *id);
/* Most addresses one new association takes (a page of IPv4 ones). */
#define NSCTP_CONNECTX_MAX	256
int nsctp_connect_addr_add(struct sock *sk, const struct sockaddr *sa,
			   int alen, union nsctp_addr *paddrs, int *n);
int nsctp_sock_inherit(struct sock *newsk, struct sock *sk,
		       const struct nsctp_assoc *asoc);
void nsctp_sock_assoc_state(struct sock *newsk, const struct nsctp_assoc *asoc);
void nsctp_assoc_migrate(struct sock *sk, struct sock *newsk,
			 struct nsctp_assoc *asoc);

/* peeloff.c */
int nsctp_get_peeloff(struct sock *sk, int len, char __user *optval,
		      int __user *optlen);
int nsctp_get_peeloff_flags(struct sock *sk, int len, char __user *optval,
			    int __user *optlen);
int nsctp_ioctl_peeloff(struct sock *sk, void __user *uarg);

/* sockopt.c */
int nsctp_setsockopt(struct sock *sk, int level, int optname,
		     sockptr_t optval, unsigned int optlen);
int nsctp_getsockopt(struct sock *sk, int level, int optname,
		     char __user *optval, int __user *optlen);
bool nsctp_bpf_bypass_getsockopt(int level, int optname);

/* icmp.c */
int nsctp_icmp_v4_err(struct sk_buff *skb, u32 info);
int nsctp_icmp_v6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
		      u8 type, u8 code, int offset, __be32 info);

/* input.c */
void nsctp_ootb(struct net *net, struct sk_buff *skb,
		const struct nsctp_pkt_info *info);
int nsctp_backlog_rcv(struct sock *sk, struct sk_buff *skb);
void nsctp_release_cb(struct sock *sk);
int nsctp_input_init(void);
void nsctp_input_start(void);
void nsctp_input_stop(void);
void nsctp_input_exit(void);

/* event.c */
void nsctp_event_no_auth(struct nsctp_assoc *asoc);
struct nsctp_path;
void nsctp_event_paddr_change(struct nsctp_assoc *asoc,
			      const struct nsctp_path *path, int state,
			      int error);
void nsctp_event_assoc_change(struct nsctp_assoc *asoc, u16 state,
			      __be16 cause, const struct sctp_chunkhdr *abort);
void nsctp_event_shutdown(struct nsctp_assoc *asoc);
void nsctp_event_send_failed(struct nsctp_assoc *asoc, struct sk_buff *chunk,
			     bool sent, u32 error);
void nsctp_event_pd_aborted(struct nsctp_assoc *asoc, u16 sid, u16 ssn);
void nsctp_event_adaptation(struct nsctp_assoc *asoc);
void nsctp_event_sender_dry(struct nsctp_assoc *asoc);
void nsctp_event_remote_error(struct nsctp_assoc *asoc,
			      const struct sctp_errhdr *err, unsigned int len);

/* sm.c, sm_init.c, sm_shutdown.c: the state machine */
void nsctp_sm_assoc_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb);
void nsctp_sm_batch_end(struct nsctp_assoc *asoc);
void nsctp_sm_endpoint_rcv(struct sock *sk, struct sk_buff *skb);
void nsctp_sm_rest_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb);
void nsctp_rcv_error(struct nsctp_rcv_ctx *ctx, struct nsctp_assoc *asoc,
		     __be16 cause, const void *a, unsigned int alen);
void nsctp_sm_cookie_echo_assoc(struct nsctp_assoc *asoc,
				struct sk_buff *skb);
void nsctp_sm_init_assoc(struct nsctp_assoc *asoc, struct sk_buff *skb);
void nsctp_sm_abort_rcv(struct nsctp_assoc *asoc,
			const struct sctp_chunkhdr *ch);
void nsctp_shutdown_start(struct nsctp_assoc *asoc);
void nsctp_sm_shutdown_rcv(struct nsctp_assoc *asoc,
			   const struct sctp_chunkhdr *ch);
void nsctp_shutdown_continue(struct nsctp_assoc *asoc);
void nsctp_assoc_failed(struct nsctp_assoc *asoc, int err, bool max_rtx);
void nsctp_sm_shutdown_ack_rcv(struct nsctp_assoc *asoc);
void nsctp_sm_shutdown_complete_rcv(struct nsctp_assoc *asoc);
void nsctp_sm_shutdown_retransmit(struct nsctp_assoc *asoc);
void nsctp_sm_heartbeat_rcv(struct nsctp_assoc *asoc,
			    const struct sctp_chunkhdr *ch);
void nsctp_sm_heartbeat_ack_rcv(struct nsctp_assoc *asoc,
				const struct sctp_chunkhdr *ch);
int nsctp_sm_connect(struct nsctp_assoc *asoc);
void nsctp_sm_setup_retransmit(struct nsctp_assoc *asoc);
void nsctp_sm_setup_failed(struct nsctp_assoc *asoc, int err,
			   __be16 cause);
void nsctp_sm_stale_cookie_rcv(struct nsctp_assoc *asoc, u32 stale_us);
void nsctp_sm_bad_init_ack(struct nsctp_assoc *asoc, struct sk_buff *skb);
void nsctp_sm_bad_shutdown_complete(struct nsctp_assoc *asoc,
				    const struct sctp_chunkhdr *ch);
void nsctp_rcv_error_send(struct nsctp_assoc *asoc, struct sk_buff *skb);
void nsctp_sm_init_ack_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
			   const struct sctp_chunkhdr *ch);
void nsctp_sm_cookie_ack_rcv(struct nsctp_assoc *asoc);
int nsctp_send_abort(struct nsctp_assoc *asoc, __be16 cause);
int nsctp_send_abort_info(struct nsctp_assoc *asoc, __be16 cause,
			  const void *info, u16 ilen);
void nsctp_abort_assoc(struct nsctp_assoc *asoc, __be16 cause);
int nsctp_abort_user(struct nsctp_assoc *asoc, struct iov_iter *from,
		     size_t len);
void nsctp_abort_with(struct nsctp_assoc *asoc, __be16 cause,
		      const void *info, u16 ilen);
void nsctp_shutdown_resend(struct nsctp_assoc *asoc);

/* output.c: one chunk sent without a socket, in answer to a packet. */
struct nsctp_reply {
	__be32		vtag;
	u8		type;
	u8		flags;
	u16		len;		/* of @body */
	const void	*body;		/* the chunk's value, may be NULL */
};

int nsctp_reply(struct net *net, struct sk_buff *in,
		const struct nsctp_reply *r);
struct sk_buff *nsctp_answer_start(struct net *net, struct sk_buff *in,
				   __be32 vtag, unsigned int room);

/* Where a packet goes: canonical addresses with ports, output interface
 * (0: any) and mark, and the socket that sends it: its packets are routed
 * with its flow, owned by it and get their IP header from its settings
 * (output.c). NULL for an answer that no socket sends. The association
 * sending, if any, counts the packet in its statistics.
 */
struct nsctp_flow {
	union nsctp_addr	saddr;
	union nsctp_addr	daddr;
	int			oif;
	u32			mark;
	struct sock		*sk;
	struct nsctp_assoc	*asoc;
	/* the path to @daddr, whose cached route the packet may reuse
	 * (NULL: route it afresh); set only by path_flow() (assoc.c), so
	 * @daddr is its address and @saddr its association's
	 */
	struct nsctp_path	*path;
};

void nsctp_route_forget(struct nsctp_route_cache *rc);

struct sk_buff *nsctp_pkt_start(struct net *net, struct nsctp_flow *f,
				__be32 vtag, unsigned int room);
int nsctp_pkt_send(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb);
int nsctp_pkt_xmit(struct net *net, const struct nsctp_flow *f,
		   struct sk_buff *skb);
u32 nsctp_route_mtu(struct net *net, const struct nsctp_flow *f);
int nsctp_route_saddr(struct net *net, struct nsctp_flow *f);
void *nsctp_put_chunk(struct sk_buff *skb, u8 type, u8 flags,
		      unsigned int len);
int nsctp_answer_send(struct net *net, struct sk_buff *in,
		      struct sk_buff *skb);

/* offload.c */
void nsctp_offload_init(void);
void nsctp_offload_exit(void);
bool nsctp_gso_enabled(sa_family_t family);
struct sk_buff *nsctp_gso_split(struct sk_buff *skb);

/* crc32c.c */
int nsctp_crc32c_init(void);
void nsctp_crc32c_exit(void);
__le32 nsctp_crc32c_skb(const struct sk_buff *skb, unsigned int offset);

/* proc.c */
int nsctp_proc_net_init(struct net *net, struct nsctp_net *nn);
int nsctp_bucket_socks(struct nsctp_port_bucket *b, struct sock ***out);
int nsctp_diag_init(void);
void nsctp_diag_exit(void);
void nsctp_proc_net_exit(struct net *net, struct nsctp_net *nn);

/* sysctl.c */
void nsctp_params_init(struct nsctp_params *p);
int nsctp_sysctl_net_init(struct net *net, struct nsctp_net *nn);
void nsctp_sysctl_net_exit(struct nsctp_net *nn);

/* The first error cause @cause of an ERROR or ABORT chunk @ch that
 * nsctp_parse_packet() accepted (cause lengths checked), or NULL.
 */
static inline const struct sctp_errhdr *
nsctp_cause_find(const struct sctp_chunkhdr *ch, __be16 cause)
{
	const u8 *p = (const u8 *)(ch + 1);
	const u8 *end = (const u8 *)ch + be16_to_cpu(ch->length);

	while (p + sizeof(struct sctp_errhdr) <= end) {
		const struct sctp_errhdr *err = (const void *)p;

		if (err->cause == cause)
			return err;
		p += (be16_to_cpu(err->length) + 3) & ~3U;
	}
	return NULL;
}

#endif /* _NET_NSCTP_NSCTP_H */
