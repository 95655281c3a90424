// SPDX-License-Identifier: GPL-2.0
/*
 * The socket options of extensions (RFC 6458 §8, the in-tree ABI) whose
 * values nsctp keeps although the extension is not there, because
 * in-tree answers them whatever its sysctls say: PR-SCTP's default
 * policy and abandonment counters (RFC 7496), RE-CONFIG's stream reset
 * permissions (RFC 6525), UDP encapsulation's remote port (RFC 6951).
 * Each answers as in-tree does with that extension's sysctl at 0:
 * PR-SCTP's TTL policy still abandons unsent messages (sendmsg.c,
 * outq.c), the rest is stored and read back. Socket locked throughout
 * (sockopt.c's dispatcher).
 */
#include <linux/uaccess.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>
#include <net/nsctp/sockopt.h>

/* SCTP_DEFAULT_PRINFO (RFC 6458 §8.1.32): the PR-SCTP policy and value
 * of a message sent without SCTP_SNDRCV or SCTP_PRINFO. The value is
 * SCTP_DEFAULT_SEND_PARAM's sinfo_timetolive, the policy the PR bits of
 * its sinfo_flags (in-tree keeps them so).
 */
static void apply_default_prinfo(struct nsctp_aopts *o, const void *arg)
{
	const struct sctp_default_prinfo *pi = arg;

	o->def_sndinfo.snd_flags &= ~SCTP_PR_SCTP_MASK;
	o->def_sndinfo.snd_flags |= pi->pr_policy;
	o->def_ttl = pi->pr_value;
}

int nsctp_set_default_prinfo(struct sock *sk, void *kopt,
			     unsigned int optlen)
{
	struct sctp_default_prinfo pi;

	if (optlen != sizeof(pi))
		return -EINVAL;
	memcpy(&pi, kopt, sizeof(pi));
	if (pi.pr_policy & ~SCTP_PR_SCTP_MASK)
		return -EINVAL;
	if (pi.pr_policy == SCTP_PR_SCTP_NONE)
		pi.pr_value = 0;
	return nsctp_opt_aopts_set(sk, pi.pr_assoc_id, true,
				   apply_default_prinfo, &pi);
}

int nsctp_get_default_prinfo(struct sock *sk, int len, char __user *optval,
			     int __user *optlen)
{
	struct sctp_default_prinfo pi;
	const struct nsctp_aopts *o;
	sctp_assoc_t id;

	if (len < (int)sizeof(pi))
		return -EINVAL;
	o = nsctp_opt_aopts_get(sk, optval, len, sizeof(pi),
				offsetof(struct sctp_default_prinfo,
					 pr_assoc_id), &id, NULL);
	if (IS_ERR(o))
		return PTR_ERR(o);
	memset(&pi, 0, sizeof(pi));
	pi.pr_assoc_id = id;
	pi.pr_policy = o->def_sndinfo.snd_flags & SCTP_PR_SCTP_MASK;
	pi.pr_value = o->def_ttl;
	return nsctp_opt_put(&pi, sizeof(pi), optval, optlen);
}

/* A policy SCTP_PR_*_STATUS may ask for: one of them, or all at once. */
static bool pr_status_policy_ok(u16 policy)
{
	if (policy & SCTP_PR_SCTP_ALL)
		return policy == SCTP_PR_SCTP_ALL;
	return policy && !(policy & ~SCTP_PR_SCTP_MASK);
}

/* SCTP_PR_ASSOC_STATUS and SCTP_PR_STREAM_STATUS (RFC 7496 §4): the
 * messages abandoned, of one policy or of all. Without PR-SCTP only an
 * unsent message of the policy SCTP_PR_SCTP_TTL can be, and a sent one
 * never is.
 */
static int get_pr_status(struct sock *sk, int len, char __user *optval,
			 int __user *optlen, bool stream)
{
	struct nsctp_assoc *asoc;
	struct sctp_prstatus ps;
	u32 n;

	if (len < (int)sizeof(ps))
		return -EINVAL;
	if (copy_from_user(&ps, optval, sizeof(ps)))
		return -EFAULT;
	if (!pr_status_policy_ok(ps.sprstat_policy))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, ps.sprstat_assoc_id);
	if (!asoc || (stream && ps.sprstat_sid >= asoc->out_streams))
		return -EINVAL;
	if (!stream)
		n = asoc->pr_abandoned;
	else if (ps.sprstat_sid < asoc->pr_sids)
		n = asoc->pr_sid_abandoned[ps.sprstat_sid];
	else
		n = 0;
	if (ps.sprstat_policy != SCTP_PR_SCTP_TTL &&
	    ps.sprstat_policy != SCTP_PR_SCTP_ALL)
		n = 0;
	ps.sprstat_abandoned_unsent = n;
	ps.sprstat_abandoned_sent = 0;
	return nsctp_opt_put(&ps, sizeof(ps), optval, optlen);
}

int nsctp_get_pr_assoc_status(struct sock *sk, int len, char __user *optval,
			      int __user *optlen)
{
	return get_pr_status(sk, len, optval, optlen, false);
}

int nsctp_get_pr_stream_status(struct sock *sk, int len, char __user *optval,
			       int __user *optlen)
{
	return get_pr_status(sk, len, optval, optlen, true);
}

/* SCTP_ENABLE_STREAM_RESET (RFC 6525 §6.3.1): which stream and
 * association resets the peer may ask for. No RE-CONFIG: the peer never
 * asks (it never learns that we support it), and the value is only kept.
 */
static void apply_strreset(struct nsctp_aopts *o, const void *arg)
{
	o->strreset_enable = *(const u32 *)arg;
}

int nsctp_set_enable_strreset(struct sock *sk, void *kopt,
			      unsigned int optlen)
{
	const struct sctp_assoc_value *av = kopt;

	if (optlen != sizeof(*av))
		return -EINVAL;
	if (av->assoc_value & ~SCTP_ENABLE_STRRESET_MASK)
		return -EINVAL;
	return nsctp_opt_aopts_set(sk, av->assoc_id, true, apply_strreset,
				   &av->assoc_value);
}

int nsctp_get_enable_strreset(struct sock *sk, int len, char __user *optval,
			      int __user *optlen)
{
	const struct nsctp_aopts *o;
	struct sctp_assoc_value av;
	sctp_assoc_t id;

	if (len < (int)sizeof(av))
		return -EINVAL;
	o = nsctp_opt_aopts_get(sk, optval, len, sizeof(av),
				offsetof(struct sctp_assoc_value, assoc_id),
				&id, NULL);
	if (IS_ERR(o))
		return PTR_ERR(o);
	av.assoc_id = id;
	av.assoc_value = o->strreset_enable;
	return nsctp_opt_put(&av, sizeof(av), optval, optlen);
}

/* SCTP_REMOTE_UDP_ENCAPS_PORT (RFC 6951 §6.1): the peer's UDP port for
 * encapsulated packets, of one path (an address), of an association and
 * its paths, or the socket's default for future associations. Kept in
 * the byte order given. With net.sctp.udp_port 0, nsctp's only value,
 * nothing is encapsulated, in-tree's packets neither.
 */
int nsctp_set_encap_port(struct sock *sk, void *kopt, unsigned int optlen)
{
	const struct sctp_udpencaps *ue = kopt;
	__be16 port = (__force __be16)ue->sue_port;
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;

	if (optlen != sizeof(*ue))
		return -EINVAL;
	path = nsctp_opt_path(sk, &ue->sue_address, ue->sue_assoc_id);
	if (IS_ERR(path))
		return PTR_ERR(path);
	if (path) {
		path->encap_port = port;
		return 0;
	}
	asoc = nsctp_assoc_by_id(sk, ue->sue_assoc_id);
	if (!asoc && !nsctp_one_to_one(sk) &&
	    ue->sue_assoc_id != SCTP_FUTURE_ASSOC)
		return -EINVAL;
	if (!asoc) {
		nsctp_sk(sk)->opts.data.encap_port = port;
		return 0;
	}
	list_for_each_entry(path, &asoc->paths, list)
		path->encap_port = port;
	asoc->aopts.encap_port = port;
	return 0;
}

int nsctp_get_encap_port(struct sock *sk, int len, char __user *optval,
			 int __user *optlen)
{
	struct sctp_udpencaps ue;
	struct nsctp_assoc *asoc;
	struct nsctp_path *path;
	__be16 port;

	if (len < (int)sizeof(ue))
		return -EINVAL;
	if (copy_from_user(&ue, optval, sizeof(ue)))
		return -EFAULT;
	path = nsctp_opt_path(sk, &ue.sue_address, ue.sue_assoc_id);
	if (IS_ERR(path))
		return PTR_ERR(path);
	asoc = nsctp_assoc_by_id(sk, ue.sue_assoc_id);
	if (path)
		port = path->encap_port;
	else if (asoc)
		port = asoc->aopts.encap_port;
	else if (nsctp_one_to_one(sk) || ue.sue_assoc_id == SCTP_FUTURE_ASSOC)
		port = nsctp_sk(sk)->opts.data.encap_port;
	else
		return -EINVAL;
	ue.sue_port = (__force u16)port;
	return nsctp_opt_put(&ue, sizeof(ue), optval, optlen);
}
