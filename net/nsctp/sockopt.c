// SPDX-License-Identifier: GPL-2.0
/*
 * SOL_SCTP socket options (RFC 6458 §8 and the in-tree ABI).
 *
 * One table maps option numbers to a setter and a getter; one small
 * function per option and direction. The dispatcher does what is common
 * (the level check, copying the argument in, the socket lock) so that
 * handlers only validate their own argument. Unknown numbers, including
 * the reserved 103-106, answer -ENOPROTOOPT as the in-tree module does.
 * The options of an extension nsctp lacks answer as in-tree does with
 * that extension's sysctl at 0 (its checks, then its refusal) where
 * that needs nothing of the extension; the others are absent from the
 * table and answer -ENOPROTOOPT. sockopt_ext.c has the handlers of the
 * options that belong to extensions (PR-SCTP's policies, RE-CONFIG, UDP
 * encapsulation); the helpers both files use are in sockopt.h.
 */
#include <linux/compat.h>
#include <linux/sockptr.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>
#include <net/nsctp/sockopt.h>

/* The largest argument any option takes (SCTP_RESET_STREAMS). */
#define NSCTP_OPTLEN_MAX \
	PAGE_ALIGN(USHRT_MAX + sizeof(u16) * sizeof(struct sctp_reset_streams))

/* Write @len bytes of @val and the length itself back to the user. */
int nsctp_opt_put(const void *val, int len, char __user *optval,
		  int __user *optlen)
{
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, val, len))
		return -EFAULT;
	return 0;
}

static int put_int(int val, int len, char __user *optval, int __user *optlen)
{
	if (len < (int)sizeof(int))
		return -EINVAL;
	return nsctp_opt_put(&val, sizeof(val), optval, optlen);
}

static int get_int(const void *kopt, unsigned int optlen, int *val)
{
	if (optlen < sizeof(int))
		return -EINVAL;
	*val = *(const int *)kopt;
	return 0;
}

/* Does @id name something these options may address? Without an
 * association (none exist before the handshake lands) only the socket's
 * defaults can be meant: any id on a one-to-one socket, and on a
 * one-to-many socket SCTP_FUTURE_ASSOC or, where @allow_all says so, the
 * CURRENT/ALL wildcards.
 */
static bool assoc_id_ok(struct sock *sk, sctp_assoc_t id, bool allow_all)
{
	if (nsctp_one_to_one(sk) || id == SCTP_FUTURE_ASSOC)
		return true;
	return allow_all && id <= SCTP_ALL_ASSOC;
}

static int set_nodelay(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (!err)
		nsctp_sk(sk)->opts.nodelay = !!val;
	return err;
}

static int get_nodelay(struct sock *sk, int len, char __user *optval,
		       int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.nodelay, len, optval, optlen);
}

static int set_disable_frags(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (!err)
		nsctp_sk(sk)->opts.disable_frags = !!val;
	return err;
}

static int get_disable_frags(struct sock *sk, int len, char __user *optval,
			     int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.disable_frags, len, optval, optlen);
}

static int set_mapped_v4(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (!err)
		nsctp_sk(sk)->opts.v4mapped = !!val;
	return err;
}

static int get_mapped_v4(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.v4mapped, len, optval, optlen);
}

static int set_recvrcvinfo(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (!err)
		nsctp_sk(sk)->opts.recvrcvinfo = !!val;
	return err;
}

static int get_recvrcvinfo(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.recvrcvinfo, len, optval, optlen);
}

static int set_recvnxtinfo(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (!err)
		nsctp_sk(sk)->opts.recvnxtinfo = !!val;
	return err;
}

static int get_recvnxtinfo(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.recvnxtinfo, len, optval, optlen);
}

static bool sender_dry_on(u16 subscribe)
{
	return subscribe & BIT(SCTP_SENDER_DRY_EVENT - SCTP_SN_TYPE_BASE);
}

/* The sender is dry already: a subscription to the event learns it. */
static void dry_now(struct nsctp_assoc *asoc)
{
	if (nsctp_outq_empty(asoc))
		nsctp_event_sender_dry(asoc);
}

/* SCTP_EVENTS: one byte per notification type, shorter structs allowed. */
static int set_events(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct nsctp_assoc *asoc;
	const u8 *on = kopt;
	unsigned int i;

	if (optlen > sizeof(struct sctp_event_subscribe))
		return -EINVAL;
	for (i = 0; i < optlen; i++) {
		if (on[i])
			nsctp_sk(sk)->opts.subscribe |= BIT(i);
		else
			nsctp_sk(sk)->opts.subscribe &= ~BIT(i);
	}
	/* as in-tree: the whole subscription, to every association too */
	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
		asoc->subscribe = nsctp_sk(sk)->opts.subscribe;
	/* RFC 6458 §6.1.9: subscribing to SCTP_SENDER_DRY_EVENT while
	 * nothing is left to send tells so at once. As in-tree, only for
	 * the association of a connected one-to-one socket here, and each
	 * time the subscription is set with it on.
	 */
	asoc = nsctp_assoc_by_id(sk, 0);
	if (asoc && sender_dry_on(asoc->subscribe))
		dry_now(asoc);
	return 0;
}

static int get_events(struct sock *sk, int len, char __user *optval,
		      int __user *optlen)
{
	u8 on[sizeof(struct sctp_event_subscribe)];
	int i;

	if (len == 0)
		return -EINVAL;
	len = min_t(int, len, sizeof(on));
	for (i = 0; i < len; i++)
		on[i] = !!(nsctp_sk(sk)->opts.subscribe & BIT(i));
	return nsctp_opt_put(on, len, optval, optlen);
}

static bool sn_type_valid(u16 type)
{
	return type >= SCTP_SN_TYPE_BASE && type <= SCTP_SN_TYPE_MAX;
}

static void event_set(u16 *subscribe, u16 type, bool on)
{
	u16 bit = BIT(type - SCTP_SN_TYPE_BASE);

	if (on)
		*subscribe |= bit;
	else
		*subscribe &= ~bit;
}

/* SCTP_EVENT for one association: as in-tree, turning the sender dry
 * event on while its queue is empty raises one at once, whatever state
 * the association is in.
 */
static void asoc_event_set(struct nsctp_assoc *asoc, u16 type, bool on)
{
	event_set(&asoc->subscribe, type, on);
	if (type == SCTP_SENDER_DRY_EVENT && on)
		dry_now(asoc);
}

/* SCTP_EVENT (RFC 6458 §6.2.1): one notification type at a time, for one
 * association (a connected one-to-one socket's, whatever the id), for
 * future ones, current ones, or all. As in-tree, a one-to-one socket's
 * own subscription (SCTP_EVENTS, the SCTP_SNDRCV cmsg) changes only
 * while it has no association up: a listener's, not those it has yet
 * to accept.
 */
static int set_event(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_event *ev = kopt;
	struct nsctp_assoc *asoc;
	sctp_assoc_t id;

	if (optlen < sizeof(*ev))
		return -EINVAL;
	if (!sn_type_valid(ev->se_type))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, ev->se_assoc_id);
	if (asoc) {
		asoc_event_set(asoc, ev->se_type, ev->se_on);
		return 0;
	}
	id = nsctp_one_to_one(sk) ? SCTP_FUTURE_ASSOC : ev->se_assoc_id;
	if (id > SCTP_ALL_ASSOC)
		return -EINVAL;
	if (id == SCTP_FUTURE_ASSOC || id == SCTP_ALL_ASSOC)
		event_set(&nsctp_sk(sk)->opts.subscribe, ev->se_type,
			  ev->se_on);
	if (id == SCTP_CURRENT_ASSOC || id == SCTP_ALL_ASSOC)
		list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
			asoc_event_set(asoc, ev->se_type, ev->se_on);
	return 0;
}

static int get_event(struct sock *sk, int len, char __user *optval,
		     int __user *optlen)
{
	struct nsctp_assoc *asoc;
	struct sctp_event ev;
	u16 subscribe;

	if (len < (int)sizeof(ev))
		return -EINVAL;
	if (copy_from_user(&ev, optval, sizeof(ev)))
		return -EFAULT;
	if (!sn_type_valid(ev.se_type))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, ev.se_assoc_id);
	if (!asoc && !assoc_id_ok(sk, ev.se_assoc_id, false))
		return -EINVAL;
	subscribe = asoc ? asoc->subscribe : nsctp_sk(sk)->opts.subscribe;
	ev.se_on = !!(subscribe & BIT(ev.se_type - SCTP_SN_TYPE_BASE));
	return nsctp_opt_put(&ev, sizeof(ev), optval, optlen);
}

/* What SCTP_STATUS and SCTP_GET_PEER_ADDR_INFO say of @path. Path
 * failure detection is still to come (multihoming): a path is
 * SCTP_ACTIVE, or SCTP_UNCONFIRMED while it is an address the peer
 * listed that no HEARTBEAT confirmed (addrlist.c). As in-tree, the RTO
 * is in ms and the smoothed RTT in jiffies.
 */
static void paddrinfo_fill(struct sock *sk, const struct nsctp_path *path,
			   struct sctp_paddrinfo *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->spinfo_assoc_id = path->asoc->id;
	nsctp_addr_to_user(nsctp_sk(sk), &path->addr,
			   (struct sockaddr *)&pi->spinfo_address);
	pi->spinfo_state = path->unconfirmed ? SCTP_UNCONFIRMED : SCTP_ACTIVE;
	pi->spinfo_cwnd = path->cwnd;
	pi->spinfo_srtt = msecs_to_jiffies(path->srtt);
	pi->spinfo_rto = path->rto;
	pi->spinfo_mtu = path->pmtu;
}

/* DATA chunks sent that the peer has acknowledged neither cumulatively
 * nor in a gap ack block (in-tree's count, 16 bits).
 */
static u16 unacked_chunks(const struct nsctp_assoc *asoc)
{
	const struct sk_buff *chunk;
	u32 n = 0;

	skb_queue_walk(&asoc->out_sent, chunk)
		if (!(NSCTP_TX_CB(chunk)->state & NSCTP_TX_GAP_ACKED))
			n++;
	return min_t(u32, n, U16_MAX);
}

/* SCTP_STATUS (RFC 6458 §8.2.1): one association's state. */
static int get_status(struct sock *sk, int len, char __user *optval,
		      int __user *optlen)
{
	struct nsctp_assoc *asoc;
	struct sctp_status st;
	struct nsctp_path *path;

	if (len < (int)sizeof(st))
		return -EINVAL;
	if (copy_from_user(&st.sstat_assoc_id, optval,
			   sizeof(st.sstat_assoc_id)))
		return -EFAULT;
	asoc = nsctp_assoc_by_id(sk, st.sstat_assoc_id);
	if (!asoc)
		return -EINVAL;
	path = asoc->primary;
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = asoc->id;
	st.sstat_state = asoc->state;
	st.sstat_rwnd = asoc->peer_rwnd;
	st.sstat_unackdata = unacked_chunks(asoc);
	/* the TSNs missing below the highest received */
	st.sstat_penddata = min_t(u32, U16_MAX,
				  nsctp_tsnmap_missing(&asoc->tsnmap));
	st.sstat_instrms = asoc->in_streams;
	st.sstat_outstrms = asoc->out_streams;
	st.sstat_fragmentation_point = nsctp_frag_point(asoc);
	paddrinfo_fill(sk, path, &st.sstat_primary);
	return nsctp_opt_put(&st, sizeof(st), optval, optlen);
}

/* SCTP_GET_ASSOC_STATS (in-tree's, Linux only): the association's
 * counters (struct nsctp_assoc_stats). A buffer shorter than the struct
 * is fine if it holds the id: it gets what fits. As in-tree, RTOs are in
 * jiffies, and each query begins a new period for the highest RTO, from
 * RTO.Min; its address stays until a higher RTO replaces it.
 */
static int get_assoc_stats(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	struct sctp_assoc_stats sas;
	struct nsctp_assoc_stats *st;
	struct nsctp_assoc *asoc;
	const struct nsctp_af *af;
	sctp_assoc_t id;

	if (len < (int)sizeof(id))
		return -EINVAL;
	len = min_t(int, len, sizeof(sas));
	if (copy_from_user(&id, optval, sizeof(id)))
		return -EFAULT;
	asoc = nsctp_assoc_by_id(sk, id);
	if (!asoc)
		return -EINVAL;
	st = &asoc->stats;
	memset(&sas, 0, sizeof(sas));
	sas.sas_assoc_id = id;
	sas.sas_rtxchunks = asoc->rtx_chunks;
	sas.sas_gapcnt = st->gapcnt;
	sas.sas_outofseqtsns = st->outofseqtsns;
	sas.sas_osacks = st->osacks;
	sas.sas_isacks = st->isacks;
	sas.sas_octrlchunks = st->octrlchunks;
	sas.sas_ictrlchunks = st->ictrlchunks;
	sas.sas_oodchunks = st->oodchunks;
	sas.sas_iodchunks = st->iodchunks;
	sas.sas_ouodchunks = st->ouodchunks;
	sas.sas_iuodchunks = st->iuodchunks;
	sas.sas_idupchunks = st->idupchunks;
	sas.sas_opackets = st->opackets;
	sas.sas_ipackets = st->ipackets;
	sas.sas_maxrto = msecs_to_jiffies(st->max_rto);
	af = nsctp_af_get(st->max_rto_addr.sa.sa_family);
	if (af)
		memcpy(&sas.sas_obs_rto_ipaddr, &st->max_rto_addr,
		       af->sockaddr_len);
	st->max_rto = asoc->aopts.rto_min;
	return nsctp_opt_put(&sas, len, optval, optlen);
}

/* SCTP_INITMSG (RFC 6458 §8.1.3): zero fields keep their value. */
static int set_initmsg(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_initmsg *in = kopt, *cur = &nsctp_sk(sk)->opts.initmsg;

	if (optlen != sizeof(*in))
		return -EINVAL;
	if (in->sinit_num_ostreams)
		cur->sinit_num_ostreams = in->sinit_num_ostreams;
	if (in->sinit_max_instreams)
		cur->sinit_max_instreams = in->sinit_max_instreams;
	if (in->sinit_max_attempts)
		cur->sinit_max_attempts = in->sinit_max_attempts;
	if (in->sinit_max_init_timeo)
		cur->sinit_max_init_timeo = in->sinit_max_init_timeo;
	return 0;
}

static int get_initmsg(struct sock *sk, int len, char __user *optval,
		       int __user *optlen)
{
	if (len < (int)sizeof(struct sctp_initmsg))
		return -EINVAL;
	return nsctp_opt_put(&nsctp_sk(sk)->opts.initmsg, sizeof(struct sctp_initmsg),
		       optval, optlen);
}

/* SCTP_AUTOCLOSE (RFC 6458 §8.1.8): one-to-many only, capped. */
static int set_autoclose(struct sock *sk, void *kopt, unsigned int optlen)
{
	u32 max = nsctp_pernet(sock_net(sk))->params.max_autoclose;

	if (nsctp_one_to_one(sk))
		return -EOPNOTSUPP;
	if (optlen != sizeof(int))
		return -EINVAL;
	nsctp_sk(sk)->opts.autoclose = min(*(u32 *)kopt, max);
	return 0;
}

static int get_autoclose(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	if (nsctp_one_to_one(sk))
		return -EOPNOTSUPP;
	return put_int(nsctp_sk(sk)->opts.autoclose, len, optval, optlen);
}

/* SCTP_RTOINFO (RFC 6458 §8.1.1): an association's values (a connected
 * one-to-one socket's, whatever the id) or the socket's for future
 * associations (SCTP_FUTURE_ASSOC); zero fields keep their value. A
 * new RTO.Min or RTO.Max bounds the next RTO computed (§6.3.1 C6, C7).
 */
static int set_rtoinfo(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_rtoinfo *in = kopt;
	struct nsctp_assoc *asoc;
	struct nsctp_aopts *cur;
	u32 min, max;

	if (optlen != sizeof(*in))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, in->srto_assoc_id);
	if (!asoc && !assoc_id_ok(sk, in->srto_assoc_id, false))
		return -EINVAL;
	cur = asoc ? &asoc->aopts : &nsctp_sk(sk)->opts.data;
	min = in->srto_min ? in->srto_min : cur->rto_min;
	max = in->srto_max ? in->srto_max : cur->rto_max;
	if (asoc) {
		min = nsctp_ms_in_jiffies(min);
		max = nsctp_ms_in_jiffies(max);
	}
	if (min > max)
		return -EINVAL;
	if (in->srto_initial)
		cur->rto_initial = asoc ? nsctp_ms_in_jiffies(in->srto_initial) :
				   in->srto_initial;
	cur->rto_min = min;
	cur->rto_max = max;
	return 0;
}

static int get_rtoinfo(struct sock *sk, int len, char __user *optval,
		       int __user *optlen)
{
	const struct nsctp_aopts *cur;
	struct nsctp_assoc *asoc;
	struct sctp_rtoinfo info;

	if (len < (int)sizeof(info))
		return -EINVAL;
	if (copy_from_user(&info, optval, sizeof(info)))
		return -EFAULT;
	asoc = nsctp_assoc_by_id(sk, info.srto_assoc_id);
	if (!asoc && !assoc_id_ok(sk, info.srto_assoc_id, false))
		return -EINVAL;
	cur = asoc ? &asoc->aopts : &nsctp_sk(sk)->opts.data;
	info.srto_initial = cur->rto_initial;
	info.srto_max = cur->rto_max;
	info.srto_min = cur->rto_min;
	return nsctp_opt_put(&info, sizeof(info), optval, optlen);
}

/* SCTP_ASSOCINFO (RFC 6458 §8.1.2): zero fields keep their value. */
static int set_associnfo(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_assocparams *in = kopt, *def;
	struct nsctp_assoc *asoc;

	if (optlen != sizeof(*in))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, in->sasoc_assoc_id);
	if (!asoc && !assoc_id_ok(sk, in->sasoc_assoc_id, false))
		return -EINVAL;
	if (asoc) {
		/* with one path nothing bounds it (multihoming will) */
		if (in->sasoc_asocmaxrxt)
			asoc->max_retrans = in->sasoc_asocmaxrxt;
		if (in->sasoc_cookie_life)
			asoc->cookie_life = in->sasoc_cookie_life;
		return 0;
	}
	def = &nsctp_sk(sk)->opts.assocparams;
	if (in->sasoc_asocmaxrxt)
		def->sasoc_asocmaxrxt = in->sasoc_asocmaxrxt;
	if (in->sasoc_cookie_life)
		def->sasoc_cookie_life = in->sasoc_cookie_life;
	return 0;
}

static int get_associnfo(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	struct sctp_assocparams out;
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;

	if (len < (int)sizeof(out))
		return -EINVAL;
	if (copy_from_user(&out, optval, sizeof(out)))
		return -EFAULT;
	asoc = nsctp_assoc_by_id(sk, out.sasoc_assoc_id);
	if (!asoc && !assoc_id_ok(sk, out.sasoc_assoc_id, false))
		return -EINVAL;
	if (!asoc) {
		sctp_assoc_t id = out.sasoc_assoc_id;

		out = nsctp_sk(sk)->opts.assocparams;
		out.sasoc_assoc_id = id;
		return nsctp_opt_put(&out, sizeof(out), optval, optlen);
	}
	out.sasoc_asocmaxrxt = asoc->max_retrans;
	out.sasoc_number_peer_destinations = 0;
	list_for_each_entry(path, &asoc->paths, list)
		out.sasoc_number_peer_destinations++;
	out.sasoc_peer_rwnd = asoc->peer_rwnd;
	out.sasoc_local_rwnd = asoc->local_rwnd;
	out.sasoc_cookie_life = asoc->cookie_life;
	return nsctp_opt_put(&out, sizeof(out), optval, optlen);
}

static int set_frag_interleave(struct sock *sk, void *kopt,
			       unsigned int optlen)
{
	if (optlen != sizeof(int))
		return -EINVAL;
	nsctp_sk(sk)->opts.frag_interleave = !!*(int *)kopt;
	return 0;
}

static int get_frag_interleave(struct sock *sk, int len, char __user *optval,
			       int __user *optlen)
{
	return put_int(nsctp_sk(sk)->opts.frag_interleave, len, optval, optlen);
}

/* The receive buffer is doubled like SO_RCVBUF; half of it is the limit. */
static int set_pd_point(struct sock *sk, void *kopt, unsigned int optlen)
{
	u32 val;

	if (optlen != sizeof(u32))
		return -EINVAL;
	val = *(u32 *)kopt;
	if (val > (u32)(READ_ONCE(sk->sk_rcvbuf) >> 1))
		return -EINVAL;
	nsctp_sk(sk)->opts.pd_point = val;
	return 0;
}

static int get_pd_point(struct sock *sk, int len, char __user *optval,
			int __user *optlen)
{
	if (len < (int)sizeof(u32))
		return -EINVAL;
	return nsctp_opt_put(&nsctp_sk(sk)->opts.pd_point, sizeof(u32), optval, optlen);
}

static int set_adaptation(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_setadaptation *in = kopt;

	if (optlen != sizeof(*in))
		return -EINVAL;
	nsctp_sk(sk)->opts.adaptation_ind = in->ssb_adaptation_ind;
	return 0;
}

static int get_adaptation(struct sock *sk, int len, char __user *optval,
			  int __user *optlen)
{
	struct sctp_setadaptation out;

	if (len < (int)sizeof(out))
		return -EINVAL;
	out.ssb_adaptation_ind = nsctp_sk(sk)->opts.adaptation_ind;
	return nsctp_opt_put(&out, sizeof(out), optval, optlen);
}

/* SCTP_REUSE_PORT: one-to-one sockets, before bind(). */
static int set_reuse_port(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val;

	if (!nsctp_one_to_one(sk))
		return -EOPNOTSUPP;
	if (nsctp_sk(sk)->port)
		return -EFAULT;
	if (get_int(kopt, optlen, &val))
		return -EINVAL;
	nsctp_sk(sk)->reuse_port = !!val;
	return 0;
}

static int get_reuse_port(struct sock *sk, int len, char __user *optval,
			  int __user *optlen)
{
	return put_int(nsctp_sk(sk)->reuse_port, len, optval, optlen);
}

static u32 assoc_count(struct sock *sk)
{
	struct nsctp_assoc *asoc;
	u32 n = 0;

	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
		n++;
	return n;
}

static int get_assoc_number(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	u32 n = assoc_count(sk);

	if (nsctp_one_to_one(sk))
		return -EOPNOTSUPP;
	if (len < (int)sizeof(u32))
		return -EINVAL;
	return nsctp_opt_put(&n, sizeof(n), optval, optlen);
}

static int get_assoc_ids(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	struct nsctp_assoc *asoc;
	struct sctp_assoc_ids *ids;
	size_t size;
	u32 n = 0;
	int err;

	if (nsctp_one_to_one(sk))
		return -EOPNOTSUPP;
	if (len < (int)sizeof(*ids))
		return -EINVAL;
	size = struct_size(ids, gaids_assoc_id, assoc_count(sk));
	if (len < size)
		return -EINVAL;
	ids = kmalloc(size, GFP_USER | __GFP_NOWARN);
	if (!ids)
		return -ENOMEM;
	list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
		ids->gaids_assoc_id[n++] = asoc->id;
	ids->gaids_number_of_ids = n;
	err = nsctp_opt_put(ids, size, optval, optlen);
	kfree(ids);
	return err;
}

/* AUTH keys are write-only (RFC 6458 §8.3). */
static int get_auth_writeonly(struct sock *sk, int len, char __user *optval,
			      int __user *optlen)
{
	return -EOPNOTSUPP;
}

/* AUTH (RFC 4895) is not there: nsctp's auth_enable is 0 for good, so no
 * endpoint has it and no peer is AUTH-capable. Its options answer as
 * in-tree does in that state: some check their argument (EINVAL) and
 * then refuse with EACCES; SCTP_AUTH_CHUNK and SCTP_HMAC_IDENT refuse
 * before looking at anything.
 */
static int set_auth_off(struct sock *sk, void *kopt, unsigned int optlen)
{
	return -EACCES;
}

static int get_auth_off(struct sock *sk, int len, char __user *optval,
			int __user *optlen)
{
	return -EACCES;
}

/* Where a key option's set would go, once its length is right. An
 * association (any id on a one-to-one socket, which otherwise means the
 * socket) or the socket's keys refuse it: EACCES. On a one-to-many
 * socket an id above SCTP_ALL_ASSOC that names nothing is EINVAL,
 * SCTP_CURRENT_ASSOC reaches the associations only (0 when there are
 * none), and a negative id names nothing and is no error.
 */
static int auth_key_target(struct sock *sk, sctp_assoc_t id)
{
	if (nsctp_one_to_one(sk) || nsctp_assoc_by_id(sk, id))
		return -EACCES;
	if (id > SCTP_ALL_ASSOC)
		return -EINVAL;
	if (id == SCTP_FUTURE_ASSOC || id == SCTP_ALL_ASSOC)
		return -EACCES;
	if (id == SCTP_CURRENT_ASSOC && !list_empty(&nsctp_sk(sk)->assocs))
		return -EACCES;
	return 0;
}

/* SCTP_AUTH_KEY: longer than struct sctp_authkey (the table's minimum),
 * and no more key than the argument holds.
 */
static int set_auth_key(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_authkey *key = kopt;
	sctp_assoc_t id = key->sca_assoc_id;
	int err = 0;

	if (key->sca_keylength > optlen - sizeof(*key))
		err = -EINVAL;
	/* the secret goes no further: do not leave it in freed memory */
	memzero_explicit(kopt, optlen);
	return err ?: auth_key_target(sk, id);
}

/* SCTP_AUTH_ACTIVE_KEY, SCTP_AUTH_DELETE_KEY, SCTP_AUTH_DEACTIVATE_KEY */
static int set_auth_keyid(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_authkeyid *k = kopt;

	if (optlen != sizeof(*k))
		return -EINVAL;
	return auth_key_target(sk, k->scact_assoc_id);
}

/* A getter's argument: the user's struct, whole (in-tree's lengths). */
static int get_arg(void *arg, size_t size, int len, const char __user *optval)
{
	if (len < (int)size)
		return -EINVAL;
	if (copy_from_user(arg, optval, size))
		return -EFAULT;
	return 0;
}

/* Get of SCTP_AUTH_ACTIVE_KEY: on a one-to-many socket any non-zero id
 * but an association's is EINVAL (the wildcards too).
 */
static int get_auth_active_key(struct sock *sk, int len, char __user *optval,
			       int __user *optlen)
{
	struct sctp_authkeyid k;
	int err;

	err = get_arg(&k, sizeof(k), len, optval);
	if (err)
		return err;
	if (k.scact_assoc_id && !nsctp_one_to_one(sk) &&
	    !nsctp_assoc_by_id(sk, k.scact_assoc_id))
		return -EINVAL;
	return -EACCES;
}

/* SCTP_PEER_AUTH_CHUNKS needs an association. */
static int get_peer_auth_chunks(struct sock *sk, int len, char __user *optval,
				int __user *optlen)
{
	struct sctp_authchunks c;
	int err;

	err = get_arg(&c, sizeof(c), len, optval);
	if (err)
		return err;
	return nsctp_assoc_by_id(sk, c.gauth_assoc_id) ? -EACCES : -EINVAL;
}

/* SCTP_LOCAL_AUTH_CHUNKS: an association or SCTP_FUTURE_ASSOC. */
static int get_local_auth_chunks(struct sock *sk, int len,
				 char __user *optval, int __user *optlen)
{
	struct sctp_authchunks c;
	int err;

	err = get_arg(&c, sizeof(c), len, optval);
	if (err)
		return err;
	if (c.gauth_assoc_id != SCTP_FUTURE_ASSOC && !nsctp_one_to_one(sk) &&
	    !nsctp_assoc_by_id(sk, c.gauth_assoc_id))
		return -EINVAL;
	return -EACCES;
}

/* ASCONF (RFC 5061) is not there either (addip_enable 0). */

/* SCTP_SET_PEER_PRIMARY_ADDR: refused before anything is looked at. */
static int set_peer_primary(struct sock *sk, void *kopt, unsigned int optlen)
{
	return -EPERM;
}

/* Bound to the wildcard address and nothing else (an autobind too)? */
static bool bound_to_any(struct sock *sk)
{
	struct list_head *laddrs = &nsctp_sk(sk)->laddrs;
	struct nsctp_laddr *la;

	if (!list_is_singular(laddrs))
		return false;
	la = list_first_entry(laddrs, struct nsctp_laddr, list);
	return nsctp_af_get(la->a.sa.sa_family)->is_any(&la->a);
}

/* SCTP_AUTO_ASCONF: an int; 0 is always fine, turning it on needs a
 * socket bound to the wildcard (EINVAL otherwise). As in-tree, the
 * setting is kept and read back, though without ASCONF it does nothing.
 */
static int set_auto_asconf(struct sock *sk, void *kopt, unsigned int optlen)
{
	int val, err = get_int(kopt, optlen, &val);

	if (err)
		return err;
	if (val && !bound_to_any(sk))
		return -EINVAL;
	nsctp_sk(sk)->auto_asconf = !!val;
	return 0;
}

static int get_auto_asconf(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	return put_int(nsctp_sk(sk)->auto_asconf && bound_to_any(sk), len,
		       optval, optlen);
}

/* RE-CONFIG (RFC 6525) requests: in-tree checks the argument and the
 * association (EINVAL), then refuses: no peer is RE-CONFIG capable with
 * reconf_enable 0.
 */
static int reconf_refused(struct sock *sk, sctp_assoc_t id)
{
	return nsctp_assoc_by_id(sk, id) ? -ENOPROTOOPT : -EINVAL;
}

/* The longest SCTP_RESET_STREAMS argument in-tree reads: 65551 bytes. */
#define NSCTP_RESET_STREAMS_MAX \
	(USHRT_MAX + 2 * sizeof(struct sctp_reset_streams))

static int set_reset_streams(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_reset_streams *rs = kopt;

	/* the stream list must fit in the argument, as read */
	optlen = min_t(unsigned int, optlen, NSCTP_RESET_STREAMS_MAX);
	if (rs->srs_number_streams * sizeof(u16) > optlen - sizeof(*rs))
		return -EINVAL;
	return reconf_refused(sk, rs->srs_assoc_id);
}

static int set_reset_assoc(struct sock *sk, void *kopt, unsigned int optlen)
{
	if (optlen != sizeof(sctp_assoc_t))
		return -EINVAL;
	return reconf_refused(sk, *(const sctp_assoc_t *)kopt);
}

static int set_add_streams(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_add_streams *as = kopt;

	if (optlen != sizeof(*as))
		return -EINVAL;
	return reconf_refused(sk, as->sas_assoc_id);
}

/* The data options (struct nsctp_aopts) name an association by its id,
 * and its value is set or got there (on a one-to-one socket, whatever
 * the id says, once the association is up). Otherwise, on a one-to-many
 * socket, a value set goes to the socket's default for future
 * associations (SCTP_FUTURE_ASSOC), to every current association
 * (SCTP_CURRENT_ASSOC) or to both (SCTP_ALL_ASSOC), where @all allows
 * the last two; any other id is EINVAL. @apply, called for each, cannot
 * fail: the caller checked the value. As in-tree.
 */
int nsctp_opt_aopts_set(struct sock *sk, sctp_assoc_t id, bool all,
			void (*apply)(struct nsctp_aopts *o, const void *arg),
			const void *arg)
{
	struct nsctp_assoc *asoc = nsctp_assoc_by_id(sk, id);

	if (asoc) {
		apply(&asoc->aopts, arg);
		return 0;
	}
	if (nsctp_one_to_one(sk))
		id = SCTP_FUTURE_ASSOC;
	else if (id != SCTP_FUTURE_ASSOC && (!all || id > SCTP_ALL_ASSOC))
		return -EINVAL;
	if (id == SCTP_FUTURE_ASSOC || id == SCTP_ALL_ASSOC)
		apply(&nsctp_sk(sk)->opts.data, arg);
	if (id == SCTP_CURRENT_ASSOC || id == SCTP_ALL_ASSOC)
		list_for_each_entry(asoc, &nsctp_sk(sk)->assocs, node)
			apply(&asoc->aopts, arg);
	return 0;
}

/* A get of a data option: the assoc id at @off of the user's struct of
 * @size bytes (SCTP_FUTURE_ASSOC when @len is shorter: the int forms),
 * then where the value is read: the association it names, else the
 * socket's default, which on a one-to-many socket only SCTP_FUTURE_ASSOC
 * names. Return: the values, or an ERR_PTR().
 */
const struct nsctp_aopts *nsctp_opt_aopts_get(struct sock *sk,
					      const char __user *optval,
					      int len, size_t size, size_t off,
					      sctp_assoc_t *id,
					      struct nsctp_assoc **asocp)
{
	struct nsctp_assoc *asoc;

	*id = SCTP_FUTURE_ASSOC;
	if (len >= (int)size && copy_from_user(id, optval + off, sizeof(*id)))
		return ERR_PTR(-EFAULT);
	asoc = nsctp_assoc_by_id(sk, *id);
	if (asocp)
		*asocp = asoc;
	if (asoc)
		return &asoc->aopts;
	if (!nsctp_one_to_one(sk) && *id != SCTP_FUTURE_ASSOC)
		return ERR_PTR(-EINVAL);
	return &nsctp_sk(sk)->opts.data;
}

/* SCTP_DELAYED_SACK: struct sctp_sack_info, or the older
 * struct sctp_assoc_value carrying the delay alone (RFC 6458 §8.1.19).
 * A delay above 500 ms is refused (§6.2).
 */
static void apply_delayed_sack(struct nsctp_aopts *o, const void *arg)
{
	const struct sctp_sack_info *si = arg;

	/* a delay turns delayed SACK on, a frequency of 1 off; the other
	 * value is kept for when it is back on
	 */
	if (si->sack_delay) {
		o->sack_delay = si->sack_delay;
		o->sack_off = false;
	}
	if (si->sack_freq == 1) {
		o->sack_off = true;
	} else if (si->sack_freq) {
		o->sack_freq = si->sack_freq;
		o->sack_off = false;
	}
}

static int set_delayed_sack(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_sack_info si;

	if (optlen == sizeof(struct sctp_assoc_value)) {
		const struct sctp_assoc_value *av = kopt;

		/* the delay alone: 0 turns delayed SACK off */
		si.sack_assoc_id = av->assoc_id;
		si.sack_delay = av->assoc_value;
		si.sack_freq = av->assoc_value ? 0 : 1;
	} else if (optlen == sizeof(si)) {
		si = *(const struct sctp_sack_info *)kopt;
		if (!si.sack_delay && !si.sack_freq)
			return 0;	/* nothing to change (in-tree) */
	} else {
		return -EINVAL;
	}
	if (si.sack_delay > 500)
		return -EINVAL;
	return nsctp_opt_aopts_set(sk, si.sack_assoc_id, true, apply_delayed_sack, &si);
}

static int get_delayed_sack(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	struct sctp_sack_info si = {};
	struct sctp_assoc_value av = {};
	const struct nsctp_aopts *o;
	struct nsctp_assoc *asoc;
	sctp_assoc_t id;

	if (len >= (int)sizeof(si))
		o = nsctp_opt_aopts_get(sk, optval, len, sizeof(si),
					offsetof(struct sctp_sack_info,
						 sack_assoc_id),
					&id, &asoc);
	else if (len == sizeof(av))
		o = nsctp_opt_aopts_get(sk, optval, len, sizeof(av),
					offsetof(struct sctp_assoc_value,
						 assoc_id),
					&id, &asoc);
	else
		return -EINVAL;
	if (IS_ERR(o))
		return PTR_ERR(o);
	si.sack_assoc_id = id;
	si.sack_delay = o->sack_off ? 0 : o->sack_delay;
	/* an association's, in whole jiffies as in-tree keeps it */
	if (asoc)
		si.sack_delay = nsctp_ms_in_jiffies(si.sack_delay);
	si.sack_freq = o->sack_off ? 1 : o->sack_freq;
	av.assoc_id = id;
	av.assoc_value = si.sack_delay;
	if (len >= (int)sizeof(si))
		return nsctp_opt_put(&si, sizeof(si), optval, optlen);
	return nsctp_opt_put(&av, sizeof(av), optval, optlen);
}

/* An int (for the socket's default) or a struct sctp_assoc_value. */
static int get_assoc_value(const void *kopt, unsigned int optlen,
			   struct sctp_assoc_value *av)
{
	if (optlen == sizeof(int)) {
		av->assoc_id = SCTP_FUTURE_ASSOC;
		av->assoc_value = *(const int *)kopt;
		return 0;
	}
	if (optlen != sizeof(*av))
		return -EINVAL;
	*av = *(const struct sctp_assoc_value *)kopt;
	return 0;
}

static int put_assoc_value(sctp_assoc_t id, u32 val, int len,
			   char __user *optval, int __user *optlen)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = val };

	if (len == sizeof(int))
		return put_int(val, len, optval, optlen);
	if (len < (int)sizeof(av))
		return -EINVAL;
	return nsctp_opt_put(&av, sizeof(av), optval, optlen);
}

/* nsctp_opt_aopts_get() for an int or struct sctp_assoc_value option. */
static const struct nsctp_aopts *av_get(struct sock *sk,
					const char __user *optval, int len,
					sctp_assoc_t *id,
					struct nsctp_assoc **asocp)
{
	if (len != sizeof(int) && len < (int)sizeof(struct sctp_assoc_value))
		return ERR_PTR(-EINVAL);
	return nsctp_opt_aopts_get(sk, optval, len, sizeof(struct sctp_assoc_value),
			 offsetof(struct sctp_assoc_value, assoc_id), id,
			 asocp);
}

/* SCTP_MAXSEG (RFC 6458 §8.1.16): the largest DATA payload, 0 = PMTU;
 * neither SCTP_CURRENT_ASSOC nor SCTP_ALL_ASSOC (as in-tree). In-tree's
 * range: from what a 512-byte packet of the socket's family carries
 * (RFC 9260 §6.9's smallest MTU it assumes) to the largest chunk
 * length that is a multiple of 4.
 */
#define NSCTP_MAXSEG_MIN_MTU	512
#define NSCTP_MAXSEG_MAX	(U16_MAX + 1 - 4 - nsctp_data_chunk_len(0))

static u32 maxseg_min(const struct sock *sk)
{
	u32 nh = sk->sk_family == AF_INET6 ? sizeof(struct ipv6hdr) :
					     sizeof(struct iphdr);

	return NSCTP_MAXSEG_MIN_MTU - nh - sizeof(struct sctphdr) -
	       nsctp_data_chunk_len(0);
}

static void apply_maxseg(struct nsctp_aopts *o, const void *arg)
{
	o->maxseg = *(const u32 *)arg;
}

static int set_maxseg(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_assoc_value av;
	int err = get_assoc_value(kopt, optlen, &av);

	if (err)
		return err;
	if (av.assoc_value && (av.assoc_value < maxseg_min(sk) ||
			       av.assoc_value > NSCTP_MAXSEG_MAX))
		return -EINVAL;
	return nsctp_opt_aopts_set(sk, av.assoc_id, false, apply_maxseg,
			 &av.assoc_value);
}

/* With an association, its fragmentation point (as in-tree). */
static int get_maxseg(struct sock *sk, int len, char __user *optval,
		      int __user *optlen)
{
	const struct nsctp_aopts *o;
	struct nsctp_assoc *asoc;
	sctp_assoc_t id;

	o = av_get(sk, optval, len, &id, &asoc);
	if (IS_ERR(o))
		return PTR_ERR(o);
	return put_assoc_value(id, asoc ? nsctp_frag_point(asoc) : o->maxseg,
			       len, optval, optlen);
}

/* SCTP_MAX_BURST (RFC 6458 §8.1.24) */
static void apply_max_burst(struct nsctp_aopts *o, const void *arg)
{
	o->max_burst = *(const u32 *)arg;
}

static int set_max_burst(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_assoc_value av;
	int err = get_assoc_value(kopt, optlen, &av);

	if (err)
		return err;
	return nsctp_opt_aopts_set(sk, av.assoc_id, true, apply_max_burst,
			 &av.assoc_value);
}

/* As in-tree, the answer leaves *optlen as the caller passed it. */
static int get_max_burst(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	const struct nsctp_aopts *o;
	struct sctp_assoc_value av;
	u32 val;

	o = av_get(sk, optval, len, &av.assoc_id, NULL);
	if (IS_ERR(o))
		return PTR_ERR(o);
	av.assoc_value = o->max_burst;
	val = o->max_burst;
	if (len == sizeof(int))
		return copy_to_user(optval, &val, sizeof(val)) ? -EFAULT : 0;
	return copy_to_user(optval, &av, sizeof(av)) ? -EFAULT : 0;
}

/* SCTP_CONTEXT (RFC 6458 §8.1.25): the context received messages of the
 * association carry in their SCTP_RCVINFO / SCTP_SNDRCV.
 */
static void apply_context(struct nsctp_aopts *o, const void *arg)
{
	o->rcv_context = *(const u32 *)arg;
}

static int set_context(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_assoc_value *av = kopt;

	if (optlen != sizeof(*av))
		return -EINVAL;
	return nsctp_opt_aopts_set(sk, av->assoc_id, true, apply_context,
			 &av->assoc_value);
}

/* av_get() for an option that takes struct sctp_assoc_value only */
static const struct nsctp_aopts *av_get_struct(struct sock *sk,
					       const char __user *optval,
					       int len, sctp_assoc_t *id)
{
	if (len < (int)sizeof(struct sctp_assoc_value))
		return ERR_PTR(-EINVAL);
	return av_get(sk, optval, len, id, NULL);
}

static int get_context(struct sock *sk, int len, char __user *optval,
		       int __user *optlen)
{
	const struct nsctp_aopts *o;
	sctp_assoc_t id;

	o = av_get_struct(sk, optval, len, &id);
	if (IS_ERR(o))
		return PTR_ERR(o);
	return put_assoc_value(id, o->rcv_context, len, optval, optlen);
}

/* The default flags in-tree accepts; a PR-SCTP policy is set by
 * SCTP_DEFAULT_PRINFO (sockopt_ext.c), and replacing the flags here
 * clears it, as in-tree.
 */
#define NSCTP_DEF_SEND_FLAGS (SCTP_UNORDERED | SCTP_ADDR_OVER | SCTP_ABORT | \
			      SCTP_EOF)

/* SCTP_DEFAULT_SEND_PARAM (RFC 6458 §8.1.10, deprecated) and
 * SCTP_DEFAULT_SNDINFO (§8.1.31): what sendmsg() uses without cmsgs.
 */
struct def_send {
	struct sctp_sndinfo	info;
	u32			ttl;
	bool			has_ttl;
};

static void apply_default_send(struct nsctp_aopts *o, const void *arg)
{
	const struct def_send *d = arg;

	o->def_sndinfo = d->info;
	o->def_sndinfo.snd_assoc_id = 0;
	if (d->has_ttl)
		o->def_ttl = d->ttl;
}

static int set_default_send(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_sndrcvinfo *sr = kopt;
	struct def_send d = { .has_ttl = true };

	if (optlen != sizeof(*sr))
		return -EINVAL;
	if (sr->sinfo_flags & ~NSCTP_DEF_SEND_FLAGS)
		return -EINVAL;
	d.info.snd_sid = sr->sinfo_stream;
	d.info.snd_flags = sr->sinfo_flags;
	d.info.snd_ppid = sr->sinfo_ppid;
	d.info.snd_context = sr->sinfo_context;
	d.ttl = sr->sinfo_timetolive;
	return nsctp_opt_aopts_set(sk, sr->sinfo_assoc_id, true, apply_default_send, &d);
}

static int get_default_send(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	const struct nsctp_aopts *o;
	struct sctp_sndrcvinfo sr = {};
	sctp_assoc_t id;

	if (len < (int)sizeof(sr))
		return -EINVAL;
	o = nsctp_opt_aopts_get(sk, optval, len, sizeof(sr),
				offsetof(struct sctp_sndrcvinfo,
					 sinfo_assoc_id),
				&id, NULL);
	if (IS_ERR(o))
		return PTR_ERR(o);
	sr.sinfo_stream = o->def_sndinfo.snd_sid;
	sr.sinfo_flags = o->def_sndinfo.snd_flags;
	sr.sinfo_ppid = o->def_sndinfo.snd_ppid;
	sr.sinfo_context = o->def_sndinfo.snd_context;
	sr.sinfo_timetolive = o->def_ttl;
	sr.sinfo_assoc_id = id;
	return nsctp_opt_put(&sr, sizeof(sr), optval, optlen);
}

static int set_default_sndinfo(struct sock *sk, void *kopt,
			       unsigned int optlen)
{
	const struct sctp_sndinfo *in = kopt;
	struct def_send d = {};

	if (optlen != sizeof(*in))
		return -EINVAL;
	if (in->snd_flags & ~NSCTP_DEF_SEND_FLAGS)
		return -EINVAL;
	d.info = *in;
	return nsctp_opt_aopts_set(sk, in->snd_assoc_id, true, apply_default_send, &d);
}

static int get_default_sndinfo(struct sock *sk, int len, char __user *optval,
			       int __user *optlen)
{
	const struct nsctp_aopts *o;
	struct sctp_sndinfo out;
	sctp_assoc_t id;

	if (len < (int)sizeof(out))
		return -EINVAL;
	o = nsctp_opt_aopts_get(sk, optval, len, sizeof(out),
				offsetof(struct sctp_sndinfo, snd_assoc_id),
				&id, NULL);
	if (IS_ERR(o))
		return PTR_ERR(o);
	out = o->def_sndinfo;
	out.snd_assoc_id = id;
	return nsctp_opt_put(&out, sizeof(out), optval, optlen);
}

/* The path an option names by its peer address @ss (and, if it names
 * one, the association @id): NULL for the wildcard (no family, or the
 * family's any address), an ERR_PTR(-EINVAL) when no association of @sk
 * has that peer address or the one it has is not @id's. As in-tree.
 */
struct nsctp_path *nsctp_opt_path(struct sock *sk,
				  const struct sockaddr_storage *ss,
				  sctp_assoc_t id)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_assoc *by_id;
	struct nsctp_path *path;
	union nsctp_addr a;

	if (!ss->ss_family)
		return NULL;
	if (nsctp_addr_from_user(nsk, (const struct sockaddr *)ss,
				 sizeof(*ss), &a))
		return ERR_PTR(-EINVAL);
	if (nsctp_af_get(a.sa.sa_family)->is_any(&a))
		return NULL;
	/* the socket's list holds no association that ended */
	path = nsctp_path_find_peer(sk, &a);
	if (!path)
		return ERR_PTR(-EINVAL);
	by_id = nsctp_one_to_one(sk) ? NULL : nsctp_assoc_by_id(sk, id);
	if (by_id && by_id != path->asoc)
		return ERR_PTR(-EINVAL);
	return path;
}

/* SCTP_PEER_ADDR_PARAMS (RFC 6458 §8.1.12): struct sctp_paddrparams,
 * packed, also in its older length without spp_ipv6_flowlabel and
 * spp_dscp (in-tree accepts both).
 */
#define PADDR_LEGACY_LEN ALIGN(offsetof(struct sctp_paddrparams, \
					spp_ipv6_flowlabel), 4)

static bool flags_conflict(u32 flags, u32 on, u32 off)
{
	return (flags & on) && (flags & off);
}

/* RFC 6458 §8.1.12, as in-tree: the interval counts only with
 * SPP_HB_ENABLE, the SACK delay only with SPP_SACKDELAY_ENABLE, the PMTU
 * only with path MTU discovery off.
 */
static void apply_paddr(struct nsctp_aopts *o, const void *arg)
{
	const struct sctp_paddrparams *p = arg;
	u32 flags = p->spp_flags;

	if (flags & SPP_HB_ENABLE) {
		o->hb_off = false;
		if (flags & SPP_HB_TIME_IS_ZERO)
			o->hb_interval = 0;
		else if (p->spp_hbinterval)
			o->hb_interval = p->spp_hbinterval;
	} else if (flags & SPP_HB_DISABLE) {
		o->hb_off = true;
	}
	if (p->spp_pathmaxrxt)
		o->pathmaxrxt = p->spp_pathmaxrxt;
	if (flags & SPP_PMTUD_ENABLE)
		o->pmtud_off = false;
	else if (flags & SPP_PMTUD_DISABLE)
		o->pmtud_off = true;
	if (p->spp_pathmtu && o->pmtud_off)
		o->pathmtu = p->spp_pathmtu;
	if (flags & SPP_SACKDELAY_ENABLE) {
		o->sack_off = false;
		if (p->spp_sackdelay)
			o->sack_delay = p->spp_sackdelay;
	} else if (flags & SPP_SACKDELAY_DISABLE) {
		o->sack_off = true;
	}
}

/* What the new values change on a live association's path. */
static void paddr_effects(struct nsctp_assoc *asoc, struct nsctp_path *path,
			  u32 flags)
{
	if (asoc->aopts.pmtud_off && asoc->aopts.pathmtu)
		path->pmtu = asoc->aopts.pathmtu;
	if (asoc->state != SCTP_ESTABLISHED)
		return;
	if (asoc->aopts.hb_off) {
		nsctp_path_hb_stop(path);
	} else if ((flags & SPP_HB_ENABLE) ||
		   !timer_pending(&path->hb_timer)) {
		nsctp_path_hb_stop(path);
		nsctp_path_hb_start(path);
	}
	if (flags & SPP_HB_DEMAND)
		nsctp_path_hb_now(path);
}

/* SCTP_PEER_ADDR_THLDS and _V2 (RFC 7829 §5.1): the path failure
 * thresholds of a path (its address given), an association, or the
 * socket's default, as in-tree: a Path.Max.Retrans of 0 leaves it as it
 * is, the PF threshold may not exceed the Primary Switchover one (V2),
 * an address no association has is ENOENT. With one path per
 * association, a path's values are its association's (as for
 * SCTP_PEER_ADDR_PARAMS); the PF values are stored until there is PF
 * state (multihoming).
 */
static int thlds_target(struct sock *sk, const struct sctp_paddrthlds_v2 *t,
			struct nsctp_aopts **op)
{
	struct nsctp_path *path;
	struct nsctp_assoc *asoc;

	path = nsctp_opt_path(sk, &t->spt_address, t->spt_assoc_id);
	if (IS_ERR(path))
		return -ENOENT;
	if (path) {
		*op = &path->asoc->aopts;
		return 0;
	}
	asoc = nsctp_assoc_by_id(sk, t->spt_assoc_id);
	if (!asoc && !nsctp_one_to_one(sk) &&
	    t->spt_assoc_id != SCTP_FUTURE_ASSOC)
		return -EINVAL;
	*op = asoc ? &asoc->aopts : &nsctp_sk(sk)->opts.data;
	return 0;
}

static int set_thlds(struct sock *sk, const struct sctp_paddrthlds_v2 *t,
		     bool v2)
{
	struct nsctp_aopts *o;
	int err;

	if (v2 && t->spt_pathpfthld > t->spt_pathcpthld)
		return -EINVAL;
	err = thlds_target(sk, t, &o);
	if (err)
		return err;
	if (t->spt_pathmaxrxt)
		o->pathmaxrxt = t->spt_pathmaxrxt;
	if (v2)
		o->ps_retrans = t->spt_pathcpthld;
	o->pf_retrans = t->spt_pathpfthld;
	return 0;
}

static int set_paddr_thlds(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_paddrthlds_v2 t = {};

	memcpy(&t, kopt, sizeof(struct sctp_paddrthlds));
	return set_thlds(sk, &t, false);
}

static int set_paddr_thlds_v2(struct sock *sk, void *kopt,
			      unsigned int optlen)
{
	return set_thlds(sk, kopt, true);
}

static int get_thlds(struct sock *sk, int len, char __user *optval,
		     int __user *optlen, bool v2)
{
	int size = v2 ? sizeof(struct sctp_paddrthlds_v2) :
			sizeof(struct sctp_paddrthlds);
	struct sctp_paddrthlds_v2 t = {};
	struct nsctp_aopts *o;
	int err;

	if (len < size)
		return -EINVAL;
	if (copy_from_user(&t, optval, size))
		return -EFAULT;
	err = thlds_target(sk, &t, &o);
	if (err)
		return err;
	t.spt_pathmaxrxt = o->pathmaxrxt;
	t.spt_pathpfthld = o->pf_retrans;
	t.spt_pathcpthld = o->ps_retrans;
	return nsctp_opt_put(&t, size, optval, optlen);
}

static int get_paddr_thlds(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	return get_thlds(sk, len, optval, optlen, false);
}

static int get_paddr_thlds_v2(struct sock *sk, int len, char __user *optval,
			      int __user *optlen)
{
	return get_thlds(sk, len, optval, optlen, true);
}

/* Where an SCTP_PEER_ADDR_PARAMS request goes: the path its address
 * names (NULL for the wildcard) and that path's association, else the
 * association its id names, else none (the socket's defaults). As
 * in-tree, the id must name one of the socket's associations or the
 * future ones even when the address names the path.
 */
static int paddr_target(struct sock *sk, const struct sctp_paddrparams *p,
			struct nsctp_path **pathp, struct nsctp_assoc **asocp)
{
	struct nsctp_path *path;
	struct nsctp_assoc *asoc;

	path = nsctp_opt_path(sk, &p->spp_address, p->spp_assoc_id);
	if (IS_ERR(path))
		return PTR_ERR(path);
	asoc = nsctp_assoc_by_id(sk, p->spp_assoc_id);
	if (!asoc && !nsctp_one_to_one(sk) &&
	    p->spp_assoc_id != SCTP_FUTURE_ASSOC)
		return -EINVAL;
	*pathp = path;
	*asocp = path ? path->asoc : asoc;
	return 0;
}

static int set_paddr_params(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_paddrparams p = {};
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;
	u32 flags;
	int err;

	if (optlen != sizeof(p) && optlen != PADDR_LEGACY_LEN)
		return -EINVAL;
	memcpy(&p, kopt, optlen);
	flags = p.spp_flags;
	if (flags_conflict(flags, SPP_HB_ENABLE, SPP_HB_DISABLE) ||
	    flags_conflict(flags, SPP_PMTUD_ENABLE, SPP_PMTUD_DISABLE) ||
	    flags_conflict(flags, SPP_SACKDELAY_ENABLE,
			   SPP_SACKDELAY_DISABLE))
		return -EINVAL;
	/* §6.2: at most 500 ms; no PMTU below in-tree's minimum (512) */
	if (p.spp_sackdelay > 500 ||
	    (p.spp_pathmtu && (p.spp_pathmtu < 512 ||
			       p.spp_pathmtu > U16_MAX)))
		return -EINVAL;
	err = paddr_target(sk, &p, &path, &asoc);
	if (err)
		return err;
	if (!asoc) {
		/* a heartbeat on demand needs an association */
		if (flags & SPP_HB_DEMAND)
			return -EINVAL;
		apply_paddr(&nsctp_sk(sk)->opts.data, &p);
		return 0;
	}
	apply_paddr(&asoc->aopts, &p);
	list_for_each_entry(path, &asoc->paths, list)
		paddr_effects(asoc, path, flags);
	return 0;
}

static int get_paddr_params(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	const struct nsctp_aopts *o = &nsctp_sk(sk)->opts.data;
	struct sctp_paddrparams p = {};
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;
	int err;

	if (len >= (int)sizeof(p))
		len = sizeof(p);
	else if (len >= (int)PADDR_LEGACY_LEN)
		len = PADDR_LEGACY_LEN;
	else
		return -EINVAL;
	if (copy_from_user(&p, optval, len))
		return -EFAULT;
	err = paddr_target(sk, &p, &path, &asoc);
	if (err)
		return err;
	if (asoc) {
		o = &asoc->aopts;
		path = path ?: asoc->primary;
		p.spp_pathmtu = path->pmtu;
	} else {
		p.spp_pathmtu = o->pmtud_off ? o->pathmtu : 0;
	}
	p.spp_hbinterval = o->hb_interval;
	p.spp_pathmaxrxt = o->pathmaxrxt;
	p.spp_sackdelay = o->sack_delay;
	p.spp_flags = (o->hb_off ? SPP_HB_DISABLE : SPP_HB_ENABLE) |
		      (o->pmtud_off ? SPP_PMTUD_DISABLE : SPP_PMTUD_ENABLE) |
		      (o->sack_off ? SPP_SACKDELAY_DISABLE :
				     SPP_SACKDELAY_ENABLE);
	p.spp_ipv6_flowlabel = 0;
	p.spp_dscp = 0;
	return nsctp_opt_put(&p, len, optval, optlen);
}

/* SCTP_GET_PEER_ADDR_INFO (RFC 6458 §8.2.2): one peer address of an
 * association, which the address names (with the id, if one is given).
 */
static int get_peer_addr_info(struct sock *sk, int len, char __user *optval,
			      int __user *optlen)
{
	struct sctp_paddrinfo pi;
	struct nsctp_path *path;

	if (len < (int)sizeof(pi))
		return -EINVAL;
	if (copy_from_user(&pi, optval, sizeof(pi)))
		return -EFAULT;
	path = nsctp_opt_path(sk, &pi.spinfo_address, pi.spinfo_assoc_id);
	if (IS_ERR_OR_NULL(path))
		return -EINVAL;
	paddrinfo_fill(sk, path, &pi);
	return nsctp_opt_put(&pi, sizeof(pi), optval, optlen);
}

/* SCTP_PRIMARY_ADDR (RFC 6458 §8.1.8): the peer address sent to first.
 * nsctp keeps one path, so the only address it takes is that one.
 */
static int set_primary_addr(struct sock *sk, void *kopt, unsigned int optlen)
{
	struct sctp_prim *prim = kopt;
	struct nsctp_path *path;
	int err;

	if (optlen != sizeof(*prim))
		return -EINVAL;
	/* as in-tree, the LSM sees it as a bind/connect address */
	err = security_sctp_bind_connect(sk, SCTP_PRIMARY_ADDR,
					 (struct sockaddr *)&prim->ssp_addr,
					 prim->ssp_addr.ss_family == AF_INET6 ?
					 sizeof(struct sockaddr_in6) :
					 sizeof(struct sockaddr_in));
	if (err)
		return err;
	path = nsctp_opt_path(sk, &prim->ssp_addr, prim->ssp_assoc_id);
	if (IS_ERR_OR_NULL(path))
		return -EINVAL;
	/* DATA never goes to an address not confirmed (RFC 9260 §5.4);
	 * in-tree takes it as the primary to be once confirmed
	 */
	if (path->unconfirmed)
		return -EADDRNOTAVAIL;
	path->asoc->primary = path;
	return 0;
}

static int get_primary_addr(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	struct sctp_prim prim;
	struct nsctp_assoc *asoc;
	int alen, err;

	err = get_arg(&prim, sizeof(prim), len, optval);
	if (err)
		return err;
	asoc = nsctp_assoc_by_id(sk, prim.ssp_assoc_id);
	if (!asoc)
		return -EINVAL;
	memset(&prim.ssp_addr, 0, sizeof(prim.ssp_addr));
	alen = nsctp_addr_to_user(nsctp_sk(sk), &asoc->primary->addr,
				  (struct sockaddr *)&prim.ssp_addr);
	if (alen < 0)
		return alen;
	return nsctp_opt_put(&prim, sizeof(prim), optval, optlen);
}

/* SCTP_GET_PEER_ADDRS / SCTP_GET_LOCAL_ADDRS: struct sctp_getaddrs then
 * the addresses packed (16 bytes for IPv4, 28 for IPv6). A buffer too
 * small is -ENOMEM, which libsctp answers with a bigger one (in-tree).
 */
struct addr_out {
	char __user	*to;
	int		len;	/* of the user's buffer */
	int		off;
	u32		num;
};

static int put_one_addr(struct nsctp_sock *nsk, const union nsctp_addr *a,
			struct addr_out *o)
{
	struct sockaddr_storage ss;
	int n = nsctp_addr_to_user(nsk, a, (struct sockaddr *)&ss);

	if (o->off + n > o->len)
		return -ENOMEM;
	if (copy_to_user(o->to + o->off, &ss, n))
		return -EFAULT;
	o->off += n;
	o->num++;
	return 0;
}

/* A bound address: a wildcard stands for the host's addresses (as
 * in-tree lists them), never for itself.
 */
static int put_local_addr(struct sock *sk, const union nsctp_addr *a,
			  struct addr_out *o)
{
	union nsctp_addr *host;
	int n, i, err = 0;

	if (!nsctp_af_get(a->sa.sa_family)->is_any(a))
		return put_one_addr(nsctp_sk(sk), a, o);
	host = kmalloc_array(NSCTP_HOST_ADDRS_MAX, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;
	n = nsctp_host_addrs(sk, host, NSCTP_HOST_ADDRS_MAX,
			     nsctp_addr_port(a));
	for (i = 0; !err && i < n; i++)
		err = put_one_addr(nsctp_sk(sk), &host[i], o);
	kfree(host);
	return err;
}

static int put_addrs(struct sock *sk, sctp_assoc_t id, bool peer, int len,
		     char __user *optval, int __user *optlen)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	struct nsctp_assoc *asoc = nsctp_assoc_by_id(sk, id);
	struct addr_out o = {
		.to = optval, .len = len, .off = sizeof(struct sctp_getaddrs),
	};
	struct sctp_getaddrs ga = { .assoc_id = id };
	struct nsctp_path *path;
	struct nsctp_laddr *la;
	int err = 0, i;

	if (peer && !asoc)
		return -EINVAL;
	/* local: id 0 names the endpoint, whatever the socket's style; any
	 * other id an association (as in-tree)
	 */
	if (!peer && id == SCTP_FUTURE_ASSOC)
		asoc = NULL;
	else if (!asoc)
		return -EINVAL;
	if (peer) {
		list_for_each_entry(path, &asoc->paths, list)
			if (!err)
				err = put_one_addr(nsk, &path->addr, &o);
	} else if (asoc) {
		/* the addresses it answers on (addrlist.c) */
		err = put_one_addr(nsk, &asoc->laddr, &o);
		for (i = 0; !err && i < asoc->n_laddrs; i++)
			err = put_one_addr(nsk, &asoc->laddrs[i], &o);
	} else {
		list_for_each_entry(la, &nsk->laddrs, list)
			if (!err)
				err = put_local_addr(sk, &la->a, &o);
	}
	if (err)
		return err;
	ga.addr_num = o.num;
	/* in-tree's SCTP_GET_LOCAL_ADDRS leaves its header out of *optlen */
	if (!peer)
		o.off -= sizeof(ga);
	if (copy_to_user(optval, &ga, sizeof(ga)) || put_user(o.off, optlen))
		return -EFAULT;
	return 0;
}

static int get_addrs(struct sock *sk, bool peer, int len, char __user *optval,
		     int __user *optlen)
{
	struct sctp_getaddrs ga;

	return get_arg(&ga, sizeof(ga), len, optval) ?:
	       put_addrs(sk, ga.assoc_id, peer, len, optval, optlen);
}

static int get_peer_addrs(struct sock *sk, int len, char __user *optval,
			  int __user *optlen)
{
	return get_addrs(sk, true, len, optval, optlen);
}

static int get_local_addrs(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	return get_addrs(sk, false, len, optval, optlen);
}

/* The extensions nsctp does not have: PR-SCTP (RFC 3758), RE-CONFIG
 * (6525), I-DATA (8260), ASCONF (5061), AUTH (4895), ECN (9260 App. A).
 * Their SCTP_*_SUPPORTED options answer as in-tree does with the
 * feature's sysctl off (as nsctp's sysctls are): the same length and
 * association id checks, 0 for the socket and for every association.
 * Turning one on is refused (in-tree would turn it on) with EOPNOTSUPP;
 * I-DATA refuses any set with EPERM, as in-tree with intl_enable 0.
 */
static int feature_assoc_check(struct sock *sk, sctp_assoc_t id)
{
	if (!nsctp_assoc_by_id(sk, id) && id != SCTP_FUTURE_ASSOC &&
	    !nsctp_one_to_one(sk))
		return -EINVAL;
	return 0;
}

static int set_feature_off(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_assoc_value *av = kopt;
	int err;

	if (optlen != sizeof(*av))
		return -EINVAL;
	err = feature_assoc_check(sk, av->assoc_id);
	if (err)
		return err;
	return av->assoc_value ? -EOPNOTSUPP : 0;
}

static int set_interleaving(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_assoc_value *av = kopt;

	return feature_assoc_check(sk, av->assoc_id) ?: -EPERM;
}

static int get_feature_off(struct sock *sk, int len, char __user *optval,
			   int __user *optlen)
{
	struct sctp_assoc_value av;
	int err;

	err = get_arg(&av, sizeof(av), len, optval) ?:
	      feature_assoc_check(sk, av.assoc_id);
	if (err)
		return err;
	av.assoc_value = 0;
	return nsctp_opt_put(&av, sizeof(av), optval, optlen);
}

/* Its values, as in-tree: unset (0), disable (1), enable (2). */
#define NSCTP_PF_EXPOSE_MAX	2

/* SCTP_EXPOSE_POTENTIALLY_FAILED_STATE (RFC 7829): per association or
 * the socket's default (net.sctp.pf_expose), as in-tree. Stored: there
 * is no PF state to expose until multihoming.
 */
static int set_pf_expose(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_assoc_value *av = kopt;
	struct nsctp_assoc *asoc;
	int err;

	if (optlen != sizeof(*av) || av->assoc_value > NSCTP_PF_EXPOSE_MAX)
		return -EINVAL;
	err = feature_assoc_check(sk, av->assoc_id);
	if (err)
		return err;
	asoc = nsctp_assoc_by_id(sk, av->assoc_id);
	if (asoc)
		asoc->aopts.pf_expose = av->assoc_value;
	else
		nsctp_sk(sk)->opts.data.pf_expose = av->assoc_value;
	return 0;
}

static int get_pf_expose(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	const struct nsctp_aopts *o;
	sctp_assoc_t id;

	o = av_get_struct(sk, optval, len, &id);
	if (IS_ERR(o))
		return PTR_ERR(o);
	return put_assoc_value(id, o->pf_expose, len, optval, optlen);
}

/* sctp_bindx() (RFC 6458 §9.1) */
static int set_bindx_add(struct sock *sk, void *kopt, unsigned int optlen)
{
	return nsctp_bindx(sk, kopt, optlen, true);
}

static int set_bindx_rem(struct sock *sk, void *kopt, unsigned int optlen)
{
	return nsctp_bindx(sk, kopt, optlen, false);
}

/* sctp_connectx() by its oldest door: 0 once up (RFC 6458 §9.9) */
static int set_connectx_old(struct sock *sk, void *kopt, unsigned int optlen)
{
	sctp_assoc_t id;

	return nsctp_connectx(sk, kopt, optlen, &id);
}

/* ... and by the next one: the new association's id once up */
static int set_connectx(struct sock *sk, void *kopt, unsigned int optlen)
{
	sctp_assoc_t id = 0;
	int err;

	err = nsctp_connectx(sk, kopt, optlen, &id);
	return err ? err : id;
}

/* The argument of SCTP_SOCKOPT_CONNECTX3, in either layout. */
static int connectx3_arg(int len, char __user *optval,
			 struct sctp_getaddrs_old *param)
{
#ifdef CONFIG_COMPAT
	if (in_compat_syscall()) {
		struct compat_sctp_getaddrs_old {
			sctp_assoc_t assoc_id;
			s32 addr_num;
			compat_uptr_t addrs;
		} param32;

		if (len < (int)sizeof(param32))
			return -EINVAL;
		if (copy_from_user(&param32, optval, sizeof(param32)))
			return -EFAULT;
		param->assoc_id = param32.assoc_id;
		param->addr_num = param32.addr_num;
		param->addrs = compat_ptr(param32.addrs);
		return 0;
	}
#endif
	if (len < (int)sizeof(*param))
		return -EINVAL;
	if (copy_from_user(param, optval, sizeof(*param)))
		return -EFAULT;
	return 0;
}

/* libsctp's first try: a getsockopt that passes the addresses by
 * pointer and takes the id back also when the connect goes on in the
 * background (-EINPROGRESS), so a non-blocking caller learns it too.
 */
static int get_connectx3(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	struct sctp_getaddrs_old param;
	sctp_assoc_t id = 0;
	void *kaddrs;
	int err;

	err = connectx3_arg(len, optval, &param);
	if (err)
		return err;
	if (param.addr_num <= 0 || param.addr_num > NSCTP_OPTLEN_MAX)
		return -EINVAL;
	kaddrs = memdup_user((void __user *)param.addrs, param.addr_num);
	if (IS_ERR(kaddrs))
		return PTR_ERR(kaddrs);
	err = nsctp_connectx(sk, kaddrs, param.addr_num, &id);
	kfree(kaddrs);
	if (err && err != -EINPROGRESS)
		return err;
	if (copy_to_user(optval, &id, sizeof(id)) ||
	    put_user((int)sizeof(id), optlen))
		return -EFAULT;
	return err;
}

#define INT_ARG		sizeof(int)
#define ASSOC_VALUE	sizeof(struct sctp_assoc_value)

static const struct nsctp_sockopt nsctp_sockopts[] = {
	[SCTP_RTOINFO]		= { set_rtoinfo, get_rtoinfo,
				    sizeof(struct sctp_rtoinfo) },
	[SCTP_ASSOCINFO]	= { set_associnfo, get_associnfo,
				    sizeof(struct sctp_assocparams) },
	[SCTP_INITMSG]		= { set_initmsg, get_initmsg,
				    sizeof(struct sctp_initmsg) },
	[SCTP_NODELAY]		= { set_nodelay, get_nodelay, INT_ARG },
	/* in-tree refuses it on one-to-one first, whatever the length */
	[SCTP_AUTOCLOSE]	= { set_autoclose, get_autoclose, 0 },
	[SCTP_ADAPTATION_LAYER]	= { set_adaptation, get_adaptation,
				    sizeof(struct sctp_setadaptation) },
	[SCTP_DISABLE_FRAGMENTS] = { set_disable_frags, get_disable_frags,
				     INT_ARG },
	[SCTP_STATUS]		= { NULL, get_status },
	/* shorter than the struct is fine (in-tree): the fields it covers */
	[SCTP_EVENTS]		= { set_events, get_events, 0 },
	[SCTP_I_WANT_MAPPED_V4_ADDR] = { set_mapped_v4, get_mapped_v4,
					 INT_ARG },
	[SCTP_FRAGMENT_INTERLEAVE] = { set_frag_interleave,
				       get_frag_interleave, INT_ARG },
	[SCTP_PARTIAL_DELIVERY_POINT] = { set_pd_point, get_pd_point,
					  sizeof(u32) },
	/* AUTH, ASCONF and RE-CONFIG are off: in-tree's refusals */
	[SCTP_SET_PEER_PRIMARY_ADDR] = { set_peer_primary, NULL, 0 },
	[SCTP_AUTH_CHUNK]	= { set_auth_off, get_auth_writeonly, 0 },
	[SCTP_HMAC_IDENT]	= { set_auth_off, get_auth_off, 0 },
	/* at least one byte of key */
	[SCTP_AUTH_KEY]		= { set_auth_key, get_auth_writeonly,
				    sizeof(struct sctp_authkey) + 1 },
	[SCTP_AUTH_ACTIVE_KEY]	= { set_auth_keyid, get_auth_active_key,
				    sizeof(struct sctp_authkeyid) },
	[SCTP_AUTH_DELETE_KEY]	= { set_auth_keyid, get_auth_writeonly,
				    sizeof(struct sctp_authkeyid) },
	[SCTP_AUTH_DEACTIVATE_KEY] = { set_auth_keyid, get_auth_writeonly,
				       sizeof(struct sctp_authkeyid) },
	[SCTP_PEER_AUTH_CHUNKS]	= { NULL, get_peer_auth_chunks },
	[SCTP_LOCAL_AUTH_CHUNKS] = { NULL, get_local_auth_chunks },
	[SCTP_AUTO_ASCONF]	= { set_auto_asconf, get_auto_asconf, INT_ARG },
	[SCTP_RESET_STREAMS]	= { set_reset_streams, NULL,
				    sizeof(struct sctp_reset_streams) },
	[SCTP_RESET_ASSOC]	= { set_reset_assoc, NULL,
				    sizeof(sctp_assoc_t) },
	[SCTP_ADD_STREAMS]	= { set_add_streams, NULL,
				    sizeof(struct sctp_add_streams) },
	[SCTP_GET_ASSOC_NUMBER]	= { NULL, get_assoc_number },
	[SCTP_GET_ASSOC_ID_LIST] = { NULL, get_assoc_ids },
	[SCTP_RECVRCVINFO]	= { set_recvrcvinfo, get_recvrcvinfo, INT_ARG },
	[SCTP_RECVNXTINFO]	= { set_recvnxtinfo, get_recvnxtinfo, INT_ARG },
	/* in-tree checks the style and the binding before the length */
	[SCTP_REUSE_PORT]	= { set_reuse_port, get_reuse_port, 0 },
	[SCTP_EVENT]		= { set_event, get_event,
				    sizeof(struct sctp_event) },
	/* struct sctp_sack_info, or the shorter struct sctp_assoc_value */
	[SCTP_DELAYED_SACK]	= { set_delayed_sack, get_delayed_sack,
				    ASSOC_VALUE },
	/* an int, or a struct sctp_assoc_value */
	[SCTP_MAXSEG]		= { set_maxseg, get_maxseg, INT_ARG },
	[SCTP_MAX_BURST]	= { set_max_burst, get_max_burst, INT_ARG },
	[SCTP_CONTEXT]		= { set_context, get_context, ASSOC_VALUE },
	[SCTP_DEFAULT_SEND_PARAM] = { set_default_send, get_default_send,
				      sizeof(struct sctp_sndrcvinfo) },
	[SCTP_DEFAULT_SNDINFO]	= { set_default_sndinfo, get_default_sndinfo,
				    sizeof(struct sctp_sndinfo) },
	[SCTP_GET_PEER_ADDRS]	= { NULL, get_peer_addrs },
	[SCTP_GET_LOCAL_ADDRS]	= { NULL, get_local_addrs },
	/* the full struct, or its length before spp_ipv6_flowlabel */
	[SCTP_PEER_ADDR_PARAMS]	= { set_paddr_params, get_paddr_params, 0 },
	[SCTP_PRIMARY_ADDR]	= { set_primary_addr, get_primary_addr, 0 },
	[SCTP_GET_PEER_ADDR_INFO] = { NULL, get_peer_addr_info },
	[SCTP_SOCKOPT_PEELOFF]	= { NULL, nsctp_get_peeloff },
	[SCTP_SOCKOPT_PEELOFF_FLAGS] = { NULL, nsctp_get_peeloff_flags },
	[SCTP_SOCKOPT_BINDX_ADD] = { set_bindx_add, NULL, 1 },
	[SCTP_SOCKOPT_BINDX_REM] = { set_bindx_rem, NULL, 1 },
	[SCTP_SOCKOPT_CONNECTX_OLD] = { set_connectx_old, NULL, 1 },
	[SCTP_PR_SUPPORTED]	= { set_feature_off, get_feature_off,
				    ASSOC_VALUE },
	[SCTP_RECONFIG_SUPPORTED] = { set_feature_off, get_feature_off,
				      ASSOC_VALUE },
	[SCTP_INTERLEAVING_SUPPORTED] = { set_interleaving, get_feature_off,
					  ASSOC_VALUE },
	[SCTP_ASCONF_SUPPORTED]	= { set_feature_off, get_feature_off,
				    ASSOC_VALUE },
	[SCTP_AUTH_SUPPORTED]	= { set_feature_off, get_feature_off,
				    ASSOC_VALUE },
	[SCTP_ECN_SUPPORTED]	= { set_feature_off, get_feature_off,
				    ASSOC_VALUE },
	[SCTP_PEER_ADDR_THLDS]	= { set_paddr_thlds, get_paddr_thlds,
				    sizeof(struct sctp_paddrthlds) },
	[SCTP_PEER_ADDR_THLDS_V2] = { set_paddr_thlds_v2, get_paddr_thlds_v2,
				      sizeof(struct sctp_paddrthlds_v2) },
	[SCTP_EXPOSE_POTENTIALLY_FAILED_STATE] = { set_pf_expose,
						   get_pf_expose,
						   ASSOC_VALUE },
	[SCTP_SOCKOPT_CONNECTX]	= { set_connectx, NULL, 1 },
	[SCTP_SOCKOPT_CONNECTX3] = { NULL, get_connectx3 },
	[SCTP_GET_ASSOC_STATS]	= { NULL, get_assoc_stats },
	[SCTP_DEFAULT_PRINFO]	= { nsctp_set_default_prinfo,
				    nsctp_get_default_prinfo,
				    sizeof(struct sctp_default_prinfo) },
	[SCTP_PR_ASSOC_STATUS]	= { NULL, nsctp_get_pr_assoc_status },
	[SCTP_PR_STREAM_STATUS]	= { NULL, nsctp_get_pr_stream_status },
	[SCTP_ENABLE_STREAM_RESET] = { nsctp_set_enable_strreset,
				       nsctp_get_enable_strreset,
				       ASSOC_VALUE },
	[SCTP_REMOTE_UDP_ENCAPS_PORT] = { nsctp_set_encap_port,
					  nsctp_get_encap_port,
					  sizeof(struct sctp_udpencaps) },
};

static const struct nsctp_sockopt *sockopt_find(int optname)
{
	if (optname < 0 || optname >= ARRAY_SIZE(nsctp_sockopts))
		return NULL;
	return &nsctp_sockopts[optname];
}

int nsctp_setsockopt(struct sock *sk, int level, int optname,
		     sockptr_t optval, unsigned int optlen)
{
	const struct nsctp_sockopt *opt;
	void *kopt = NULL;
	int err;

	if (level != SOL_SCTP) {
#if IS_ENABLED(CONFIG_IPV6)
		if (sk->sk_family == AF_INET6)
			return ipv6_setsockopt(sk, level, optname, optval,
					       optlen);
#endif
		return ip_setsockopt(sk, level, optname, optval, optlen);
	}
	/* as in-tree: a bad pointer is -EFAULT whatever the option */
	if (optlen > 0) {
		optlen = min_t(unsigned int, optlen, NSCTP_OPTLEN_MAX);
		kopt = memdup_sockptr(optval, optlen);
		if (IS_ERR(kopt))
			return PTR_ERR(kopt);
	}
	opt = sockopt_find(optname);
	if (!opt || !opt->set) {
		err = -ENOPROTOOPT;
		goto out;
	}
	if (optlen < opt->set_min) {
		err = -EINVAL;
		goto out;
	}
	lock_sock(sk);
	err = opt->set(sk, kopt, optlen);
	release_sock(sk);
out:
	kfree(kopt);
	return err;
}

int nsctp_getsockopt(struct sock *sk, int level, int optname,
		     char __user *optval, int __user *optlen)
{
	const struct nsctp_sockopt *opt;
	int len, err;

	if (level != SOL_SCTP) {
#if IS_ENABLED(CONFIG_IPV6)
		if (sk->sk_family == AF_INET6)
			return ipv6_getsockopt(sk, level, optname, optval,
					       optlen);
#endif
		return ip_getsockopt(sk, level, optname, optval, optlen);
	}
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	opt = sockopt_find(optname);
	lock_sock(sk);
	err = opt && opt->get ? opt->get(sk, len, optval, optlen) :
				-ENOPROTOOPT;
	release_sock(sk);
	return err;
}

/* These getsockopts have side effects (they create a socket or an
 * association), so cgroup BPF must not run them a second time.
 */
bool nsctp_bpf_bypass_getsockopt(int level, int optname)
{
	return level == SOL_SCTP &&
	       (optname == SCTP_SOCKOPT_PEELOFF ||
		optname == SCTP_SOCKOPT_PEELOFF_FLAGS ||
		optname == SCTP_SOCKOPT_CONNECTX3);
}
