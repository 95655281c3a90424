// SPDX-License-Identifier: GPL-2.0
/*
 * Path liveness (RFC 9260 §8.3) and round-trip times (§6.3.1).
 *
 * Every path of an established association is probed with a HEARTBEAT
 * each HB.interval plus its RTO (jittered by ±50% of the RTO); the
 * HEARTBEAT ACK that echoes our Heartbeat Information gives an RTT
 * sample. A probe left unanswered until the next one counts as an error
 * on the path and on the association; past Association.Max.Retrans the
 * association is aborted (§8.1). HEARTBEATs from the peer are answered
 * in every state that has a verified peer tag.
 *
 * The Heartbeat Information is opaque to the peer: a random nonce, so
 * that forged acknowledgements are ignored, and the send time; never a
 * kernel pointer.
 *
 * Path verification (§5.4): an address the peer listed in its INIT or
 * INIT ACK is UNCONFIRMED until a HEARTBEAT to it comes back with the
 * nonce it carried. Such a path is probed every RTO (±50%), not every
 * HB.interval, whatever SPP_HB_DISABLE says; its unanswered probes count
 * against the path only. Of the confirmed paths, only an unanswered
 * probe on the primary (the path DATA uses) counts against the
 * association (§8.1).
 */
#include <linux/random.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

/* What we put in our HEARTBEATs (§8.3: sender-specific, opaque). */
struct nsctp_hb_info {
	struct sctp_paramhdr	hdr;		/* type 1, Heartbeat Info */
	u64			nonce;
	u64			sent_us;
} __packed;

static u64 now_us(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_USEC);
}

/**
 * nsctp_path_rtt_update() - §6.3.1 C2, C3 and C1: fold in an RTT sample
 * @path: the path, socket locked
 * @r: the round-trip time measured, in ms
 */
void nsctp_path_rtt_update(struct nsctp_path *path, u32 r)
{
	struct sock *sk = path->asoc->sk;
	const struct nsctp_params *p = &nsctp_pernet(sock_net(sk))->params;
	const struct nsctp_aopts *ao = &path->asoc->aopts;
	/* RTO.Alpha = 1 / 2^rto_alpha_exp_divisor (1/8), RTO.Beta likewise
	 * (1/4); the sysctls allow up to 1000, a u32 shift no more than 31
	 */
	u32 a = min(READ_ONCE(p->rto_alpha_exp_divisor), 31);
	u32 b = min(READ_ONCE(p->rto_beta_exp_divisor), 31);
	u32 diff;

	if (!path->srtt) {
		path->srtt = r;
		path->rttvar = r / 2;
	} else {
		diff = path->srtt > r ? path->srtt - r : r - path->srtt;
		path->rttvar = path->rttvar - (path->rttvar >> b) + (diff >> b);
		path->srtt = path->srtt - (path->srtt >> a) + (r >> a);
	}
	/* The clock granularity G is 1 ms here (C1 floor). */
	path->rto = path->srtt + max_t(u32, 1, 4 * path->rttvar);
	path->rto = clamp_t(u32, path->rto, ao->rto_min, ao->rto_max);
	nsctp_path_rto_note(path);
}

/* Is @path probed? Unless SPP_HB_DISABLE, and always while unconfirmed. */
static bool hb_wanted(const struct nsctp_path *path)
{
	return !path->asoc->aopts.hb_off || path->unconfirmed;
}

/* How long until @path's next probe. */
unsigned long nsctp_path_hb_delay(const struct nsctp_path *path)
{
	u32 hb = path->unconfirmed ? 0 : path->asoc->aopts.hb_interval;
	u32 rto = path->rto;

	/* RTO ± 50 % (§8.3); both are u32 the user may set to anything */
	return msecs_to_jiffies(min_t(u64, (u64)hb + rto / 2 +
				      get_random_u32_below(max(rto, rto + 1)),
				      UINT_MAX));
}

/**
 * nsctp_path_hb_start() - start probing @path (the association is up)
 * @path: the path, its association's socket locked
 */
void nsctp_path_hb_start(struct nsctp_path *path)
{
	if (!hb_wanted(path))
		return;
	if (!mod_timer(&path->hb_timer, jiffies + nsctp_path_hb_delay(path)))
		nsctp_assoc_hold(path->asoc);
}

void nsctp_path_hb_stop(struct nsctp_path *path)
{
	if (del_timer(&path->hb_timer))
		nsctp_assoc_put(path->asoc);
}

static void send_heartbeat(struct nsctp_path *path)
{
	struct nsctp_assoc *asoc = path->asoc;
	struct net *net = sock_net(asoc->sk);
	struct nsctp_hb_info *hb;
	struct nsctp_flow f;
	struct sk_buff *skb;

	/* A probe that cannot go (no route to the path, no memory) is
	 * one unanswered: the path's errors count as they would for one
	 * lost on the way, so an unreachable peer is found out.
	 */
	path->hb_nonce = get_random_u64();
	path->hb_outstanding = true;
	nsctp_path_flow(path, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag,
			      ALIGN(sizeof(struct sctp_chunkhdr) + sizeof(*hb),
				    4));
	if (!skb)
		return;
	hb = nsctp_put_chunk(skb, SCTP_CID_HEARTBEAT, 0, sizeof(*hb));
	hb->hdr.type = SCTP_PARAM_HEARTBEAT_INFO;
	hb->hdr.length = htons(sizeof(*hb));
	hb->nonce = path->hb_nonce;
	hb->sent_us = now_us();
	nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_path_hb_now() - a heartbeat on @path at once (SPP_HB_DEMAND)
 * @path: the path of an established association, socket locked
 */
void nsctp_path_hb_now(struct nsctp_path *path)
{
	if (path->asoc->state == SCTP_ESTABLISHED)
		send_heartbeat(path);
}

/**
 * nsctp_path_hb_expired() - time to probe @path
 * @path: the path, socket locked and not owned by the user
 *
 * Return: true to keep probing (the caller re-arms the timer).
 */
bool nsctp_path_hb_expired(struct nsctp_path *path)
{
	struct nsctp_assoc *asoc = path->asoc;

	if (asoc->state != SCTP_ESTABLISHED || !hb_wanted(path))
		return false;
	if (path->hb_outstanding) {
		/* §8.3: the last probe went unanswered; §8.1: only the
		 * path DATA uses counts against the association
		 */
		if (path->error_count < U16_MAX)
			path->error_count++;
		if (path == asoc->primary &&
		    ++asoc->error_count > asoc->max_retrans) {
			nsctp_assoc_failed(asoc, ETIMEDOUT, true);
			return false;
		}
		/* §6.3.3 E2-like back-off of the probe's RTO */
		path->rto = min_t(u32, path->rto * 2, asoc->aopts.rto_max);
		nsctp_path_rto_note(path);
	}
	send_heartbeat(path);
	return true;
}

/**
 * nsctp_sm_heartbeat_rcv() - §8.3: echo the peer's HEARTBEAT
 * @asoc: the association, socket locked
 * @ch: the HEARTBEAT chunk (its Heartbeat Info validated by the parser)
 */
void nsctp_sm_heartbeat_rcv(struct nsctp_assoc *asoc,
			    const struct sctp_chunkhdr *ch)
{
	struct net *net = sock_net(asoc->sk);
	unsigned int len = ntohs(ch->length) - sizeof(*ch);
	struct nsctp_flow f;
	struct sk_buff *skb;

	if (asoc->state == SCTP_COOKIE_WAIT)
		return;
	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag,
			      ALIGN(sizeof(*ch) + len, 4));
	if (!skb)
		return;
	memcpy(nsctp_put_chunk(skb, SCTP_CID_HEARTBEAT_ACK, 0, len), ch + 1,
	       len);
	nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_sm_heartbeat_ack_rcv() - §8.3: a probe answered
 * @asoc: the association, socket locked
 * @ch: the HEARTBEAT ACK chunk
 *
 * An acknowledgment that does not echo our current nonce for one of the
 * association's paths is ignored.
 */
void nsctp_sm_heartbeat_ack_rcv(struct nsctp_assoc *asoc,
				const struct sctp_chunkhdr *ch)
{
	const struct nsctp_hb_info *hb = (const void *)(ch + 1);
	struct nsctp_path *path;
	u64 rtt_us;

	if (ntohs(ch->length) < sizeof(*ch) + sizeof(*hb) ||
	    hb->hdr.type != SCTP_PARAM_HEARTBEAT_INFO)
		return;
	list_for_each_entry(path, &asoc->paths, list) {
		if (!path->hb_outstanding || path->hb_nonce != hb->nonce)
			continue;
		path->hb_outstanding = false;
		path->error_count = 0;
		asoc->error_count = 0;
		if (path->unconfirmed) {
			/* §5.4: the address is the peer's */
			path->unconfirmed = false;
			nsctp_event_paddr_change(asoc, path,
						 SCTP_ADDR_CONFIRMED, 0);
		}
		rtt_us = now_us() - hb->sent_us;
		nsctp_path_rtt_update(path, max_t(u32, 1, div_u64(rtt_us, USEC_PER_MSEC)));
		return;
	}
}
