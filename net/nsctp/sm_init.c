// SPDX-License-Identifier: GPL-2.0
/*
 * Association setup at a listening endpoint (RFC 9260 §5.1).
 *
 * An INIT allocates nothing: it is answered with an INIT ACK whose State
 * Cookie (cookie.c) carries everything the association will need, and a
 * flood of INITs costs one reply skb each. The COOKIE ECHO that comes
 * back is checked here (§5.1.5): a bad signature or a tag or port
 * mismatch is dropped silently, a stale cookie is reported with the
 * measured staleness.
 *
 * A valid cookie creates the association (assoc.c), ESTABLISHED at once,
 * and is answered with a COOKIE ACK.
 *
 * Everything here runs with the listening socket locked (softirq with
 * bh_lock_sock(), or its backlog).
 */
#include <linux/random.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/data.h>
#include <net/nsctp/cookie.h>
#include <net/nsctp/nsctp.h>
#include <net/nsctp/parse.h>

/* §3.3.2: the smallest a_rwnd a peer may advertise. */
#define NSCTP_MIN_RWND		1500
/* How much of an INIT's parameters a cookie carries; larger INITs are
 * refused (Out of Resource) rather than answered with an INIT ACK too big
 * for one packet.
 */
#define NSCTP_COOKIE_PARAMS_MAX	1024
/* How many bytes of unrecognised parameters an INIT ACK reports. */
#define NSCTP_REPORT_MAX	512

/* What the parameter walk of an INIT found (§3.3.2, §3.2.1). */
struct init_scan {
	u32	preserve_ms;	/* Cookie Preservative asked for */
	u16	report_len;	/* bytes of Unrecognized Parameter params */
	u16	params_len;	/* parameters processed (stops at 00/01) */
	/* the first Host Name Address: we cannot resolve it */
	const struct sctp_paramhdr *host_name;
};

static bool param_known(__be16 type)
{
	switch (type) {
	case SCTP_PARAM_IPV4_ADDRESS:
	case SCTP_PARAM_IPV6_ADDRESS:
	case SCTP_PARAM_STATE_COOKIE:
	case SCTP_PARAM_UNRECOGNIZED_PARAMETERS:
	case SCTP_PARAM_COOKIE_PRESERVATIVE:
	case SCTP_PARAM_HOST_NAME_ADDRESS:
	case SCTP_PARAM_SUPPORTED_ADDRESS_TYPES:
	case SCTP_PARAM_ECN_CAPABLE:
	case SCTP_PARAM_RANDOM:
	case SCTP_PARAM_CHUNKS:
	case SCTP_PARAM_HMAC_ALGO:
	case SCTP_PARAM_SUPPORTED_EXT:
	case SCTP_PARAM_FWD_TSN_SUPPORT:
	case SCTP_PARAM_ADAPTATION_LAYER_IND:
		return true;
	default:
		return false;
	}
}

/* The parameters of an INIT chunk @ch, already validated by the parser. */
static const struct sctp_paramhdr *init_params(const struct sctp_chunkhdr *ch,
					       const u8 **end)
{
	*end = (const u8 *)ch + ntohs(ch->length);
	return (const void *)((const u8 *)ch + sizeof(struct sctp_init_chunk));
}

static const struct sctp_paramhdr *param_next(const struct sctp_paramhdr *p)
{
	return (const void *)((const u8 *)p + ALIGN(ntohs(p->length), 4));
}

/* The Adaptation Layer Indication (RFC 5061 §4.2.6) among the parameters
 * in [@p, @end) (their lengths checked by the parser), 0 if none.
 */
static u32 params_adaptation(const struct sctp_paramhdr *p, const u8 *end)
{
	for (; (const u8 *)p + sizeof(*p) <= end; p = param_next(p))
		if (p->type == SCTP_PARAM_ADAPTATION_LAYER_IND &&
		    (const u8 *)p + sizeof(struct sctp_adaptation_ind_param) <=
		    end)
			return ntohl(((const struct sctp_adaptation_ind_param *)
				      p)->adaptation_ind);
	return 0;
}

/* The address types the peer's INIT or INIT ACK parameters in [@p, @end)
 * say it supports, as NSCTP_PEER_* bits. Without a Supported Address
 * Types parameter (never in an INIT ACK) it supports all (§3.3.2.1), and
 * those that matter are the ones @sk can use: IPv4, and IPv6 on an IPv6
 * socket, as in-tree reports. The extensions' bits stay 0: nsctp uses
 * none.
 */
static u8 params_peer_caps(const struct sock *sk,
			   const struct sctp_paramhdr *p, const u8 *end)
{
	u8 caps = NSCTP_PEER_IPV4 |
		  (sk->sk_family == AF_INET6 ? NSCTP_PEER_IPV6 : 0);

	for (; (const u8 *)p + sizeof(*p) <= end; p = param_next(p)) {
		const __be16 *t = (const void *)(p + 1);
		const u8 *pend = (const u8 *)p + ntohs(p->length);

		if (p->type != SCTP_PARAM_SUPPORTED_ADDRESS_TYPES || pend > end)
			continue;
		caps = 0;
		for (; (const u8 *)(t + 1) <= pend; t++) {
			if (*t == SCTP_PARAM_IPV4_ADDRESS)
				caps |= NSCTP_PEER_IPV4;
			else if (*t == SCTP_PARAM_IPV6_ADDRESS)
				caps |= NSCTP_PEER_IPV6;
			else if (*t == SCTP_PARAM_HOST_NAME_ADDRESS)
				caps |= NSCTP_PEER_HOST_NAME;
		}
		break;
	}
	return caps;
}

/* Our Adaptation Layer Indication, if the socket set one: as in-tree,
 * an indication of 0 is not sent. Return: its length, 0 if none.
 */
static unsigned int adaptation_put(struct sock *sk, void *to)
{
	u32 ind = nsctp_sk(sk)->opts.adaptation_ind;
	struct sctp_adaptation_ind_param *ap = to;

	if (!ind)
		return 0;
	if (ap) {
		ap->param_hdr.type = SCTP_PARAM_ADAPTATION_LAYER_IND;
		ap->param_hdr.length = htons(sizeof(*ap));
		ap->adaptation_ind = htonl(ind);
	}
	return sizeof(*ap);
}

/* Walk the INIT's parameters once: what to honour, what to report. */
static void init_scan(const struct sctp_chunkhdr *ch, struct init_scan *s)
{
	const struct sctp_paramhdr *p;
	const u8 *start, *end;

	memset(s, 0, sizeof(*s));
	p = init_params(ch, &end);
	start = (const u8 *)p;
	for (; (const u8 *)p + sizeof(*p) <= end; p = param_next(p)) {
		__be16 action = p->type & SCTP_PARAM_ACTION_MASK;
		u16 len = ntohs(p->length);

		if (p->type == SCTP_PARAM_COOKIE_PRESERVATIVE)
			s->preserve_ms = ntohl(((const struct
				sctp_cookie_preserve_param *)p)->lifespan_increment);
		if (p->type == SCTP_PARAM_HOST_NAME_ADDRESS && !s->host_name)
			s->host_name = p;
		if (param_known(p->type))
			continue;
		/* §3.2.1: the upper two bits say stop or skip, report or not. */
		if ((action == SCTP_PARAM_ACTION_DISCARD_ERR ||
		     action == SCTP_PARAM_ACTION_SKIP_ERR) &&
		    s->report_len + sizeof(*p) + ALIGN(len, 4) <= NSCTP_REPORT_MAX)
			s->report_len += sizeof(*p) + ALIGN(len, 4);
		if (action == SCTP_PARAM_ACTION_DISCARD ||
		    action == SCTP_PARAM_ACTION_DISCARD_ERR) {
			/* Keep the one that stopped us: it may be reported. */
			p = param_next(p);
			break;
		}
	}
	s->params_len = ((const u8 *)p < end ? (const u8 *)p : end) - start;
}

/* Copy the parameters to report into @to (room: s->report_len).
 * Return: the padding after the last one written, or -1 if none was.
 */
static int init_put_reports(const struct sctp_chunkhdr *ch,
			    const struct init_scan *s, u8 *to)
{
	int pad = -1;
	const struct sctp_paramhdr *p;
	unsigned int done = 0;
	const u8 *end;

	p = init_params(ch, &end);
	end = (const u8 *)p + s->params_len;
	for (; (const u8 *)p < end && done < s->report_len; p = param_next(p)) {
		__be16 action = p->type & SCTP_PARAM_ACTION_MASK;
		struct sctp_paramhdr *r = (void *)(to + done);
		u16 len = ntohs(p->length);

		if (param_known(p->type) ||
		    (action != SCTP_PARAM_ACTION_DISCARD_ERR &&
		     action != SCTP_PARAM_ACTION_SKIP_ERR))
			continue;
		if (done + sizeof(*r) + ALIGN(len, 4) > s->report_len)
			break;
		r->type = SCTP_PARAM_UNRECOGNIZED_PARAMETERS;
		r->length = htons(sizeof(*r) + len);
		memcpy(r + 1, p, len);
		done += sizeof(*r) + ALIGN(len, 4);
		pad = ALIGN(len, 4) - len;
	}
	return pad;
}

/* Copy the parameters to report, as they came, into @to (room:
 * s->report_len), for an Unrecognized Parameters cause (§3.3.10.8).
 * Return: the bytes written, the last one's padding left out.
 */
static unsigned int init_copy_reports(const struct sctp_chunkhdr *ch,
				      const struct init_scan *s, u8 *to)
{
	const struct sctp_paramhdr *p;
	unsigned int done = 0, last = 0;
	const u8 *end;

	p = init_params(ch, &end);
	end = (const u8 *)p + s->params_len;
	for (; (const u8 *)p < end && done < s->report_len; p = param_next(p)) {
		__be16 action = p->type & SCTP_PARAM_ACTION_MASK;
		u16 len = ntohs(p->length);

		if (param_known(p->type) ||
		    (action != SCTP_PARAM_ACTION_DISCARD_ERR &&
		     action != SCTP_PARAM_ACTION_SKIP_ERR))
			continue;
		if (done + ALIGN(len, 4) > s->report_len)
			break;
		memset(to + done, 0, ALIGN(len, 4));
		memcpy(to + done, p, len);
		last = done + len;
		done += ALIGN(len, 4);
	}
	return last;
}

static __be32 random_tag(void)
{
	u32 tag;

	do {
		tag = get_random_u32();
	} while (!tag);
	return htonl(tag);
}

/* Send an ABORT (T bit clear, tag @vtag) with one error cause. */
static void send_abort_cause(struct net *net, struct sk_buff *in, __be32 vtag,
			     __be16 cause, const void *info, u16 info_len)
{
	struct sk_buff *skb;
	struct sctp_errhdr *err;
	unsigned int len = sizeof(*err) + info_len;

	skb = nsctp_answer_start(net, in, vtag,
				 ALIGN(sizeof(struct sctp_chunkhdr) + len, 4));
	if (!skb)
		return;
	err = nsctp_put_chunk(skb, SCTP_CID_ABORT, 0, len);
	err->cause = cause;
	err->length = htons(len);
	if (info_len)
		memcpy(err + 1, info, info_len);
	nsctp_answer_send(net, in, skb);
}

/* §5.1.2, §3.3.10.5: an INIT or INIT ACK naming a host is answered with
 * an ABORT whose Unresolvable Address cause carries that parameter.
 */
static void abort_host_name(struct net *net, struct sk_buff *in, __be32 vtag,
			    const struct sctp_paramhdr *p)
{
	u16 len = ntohs(p->length);

	/* inside the packet (parse.c); a name longer than DNS allows is
	 * not echoed whole
	 */
	if (len > NSCTP_REPORT_MAX)
		len = 0;
	send_abort_cause(net, in, vtag, SCTP_ERROR_DNS_FAILED, p, len);
}

/* A cookie's lifespan: the socket's Valid.Cookie.Life, and what a Cookie
 * Preservative asks for on top (§5.1.3, §5.2.6: optional) up to as much
 * again, so that a peer cannot make a cookie live for weeks.
 */
static u32 cookie_life_ms(struct sock *sk, u32 preserve_ms)
{
	struct nsctp_net *nn = nsctp_pernet(sock_net(sk));
	u32 life = min_t(u32, nsctp_sk(sk)->opts.assocparams.sasoc_cookie_life,
			 INT_MAX / 2);

	if (nn->params.cookie_preserve_enable)
		life += min(preserve_ms, life);
	return life;
}

/* What an INIT ACK says of us: our tag and initial TSN (new ones, or
 * an existing association's in §5.2.1), and the tie-tags of §5.2.2.
 */
struct init_ack_tags {
	__be32	my_vtag;
	__be32	my_itsn;
	__be32	my_tie_tag;
	__be32	peer_tie_tag;
};

/* Fill the fixed part of the cookie for this INIT. */
static void cookie_fill(struct sock *sk, struct sk_buff *in,
			const struct sctp_init_chunk *init,
			const struct init_scan *s, struct nsctp_cookie *c,
			const struct sctp_inithdr *ack,
			const struct init_ack_tags *t)
{
	c->version = NSCTP_COOKIE_VERSION;
	c->params_len = s->params_len;
	c->lifespan_ms = cookie_life_ms(sk, s->preserve_ms);
	c->my_vtag = ack->init_tag;
	c->peer_vtag = init->init_hdr.init_tag;
	c->my_itsn = ack->initial_tsn;
	c->peer_itsn = init->init_hdr.initial_tsn;
	c->peer_rwnd = init->init_hdr.a_rwnd;
	c->out_streams = ack->num_outbound_streams;
	c->in_streams = htons(min(ntohs(ack->num_inbound_streams),
				  ntohs(init->init_hdr.num_outbound_streams)));
	c->my_tie_tag = t->my_tie_tag;
	c->peer_tie_tag = t->peer_tie_tag;
	nsctp_addr_from_skb(in, &c->laddr, false);
	nsctp_addr_from_skb(in, &c->paddr, true);
	memcpy(c->params, init->init_hdr.params, s->params_len);
}

static void fill_init_ack_hdr(struct sock *sk,
			      const struct sctp_init_chunk *init,
			      struct sctp_inithdr *ack,
			      const struct init_ack_tags *t)
{
	const struct sctp_initmsg *im = &nsctp_sk(sk)->opts.initmsg;

	ack->init_tag = t->my_vtag;
	ack->a_rwnd = htonl(max_t(u32, nsctp_rwnd_offer(sk),
				  NSCTP_MIN_RWND));
	/* §5.1.1: no more outbound streams than the peer takes in. */
	ack->num_outbound_streams =
		htons(min(im->sinit_num_ostreams,
			  ntohs(init->init_hdr.num_inbound_streams)));
	ack->num_inbound_streams = htons(im->sinit_max_instreams);
	ack->initial_tsn = t->my_itsn;
}

/* §5.1 B: answer an INIT with an INIT ACK carrying a signed cookie. */
static void send_init_ack(struct sock *sk, struct sk_buff *in,
			  const struct sctp_init_chunk *init,
			  const struct init_scan *s,
			  const struct init_ack_tags *t)
{
	unsigned int clen = sizeof(struct nsctp_cookie) + s->params_len;
	struct net *net = sock_net(sk);
	struct sctp_paramhdr *cp;
	struct nsctp_cookie *c;
	struct sctp_inithdr *ack;
	union nsctp_addr peer;
	struct sk_buff *skb;
	unsigned int vlen, alen;
	int pad;

	nsctp_addr_from_skb(in, &peer, true);
	alen = nsctp_addrlist_put(sk, &peer, NULL);
	/* our addresses, then our adaptation layer, then the cookie */
	alen += adaptation_put(sk, NULL);
	vlen = sizeof(*ack) + alen + ALIGN(sizeof(*cp) + clen, 4) +
	       s->report_len;
	skb = nsctp_answer_start(net, in, init->init_hdr.init_tag,
				 ALIGN(sizeof(struct sctp_chunkhdr) + vlen, 4));
	if (!skb)
		return;
	ack = nsctp_put_chunk(skb, SCTP_CID_INIT_ACK, 0, vlen);
	fill_init_ack_hdr(sk, init, ack, t);
	cp = (void *)((u8 *)(ack + 1) +
		      nsctp_addrlist_put(sk, &peer, (u8 *)(ack + 1)));
	cp = (void *)((u8 *)cp + adaptation_put(sk, cp));
	cp->type = SCTP_PARAM_STATE_COOKIE;
	cp->length = htons(sizeof(*cp) + clen);
	c = (void *)(cp + 1);
	cookie_fill(sk, in, init, s, c, ack, t);
	if (nsctp_cookie_sign(sk, c, clen)) {
		kfree_skb(skb);
		return;
	}
	pad = init_put_reports(&init->chunk_hdr, s,
			       (u8 *)cp + ALIGN(sizeof(*cp) + clen, 4));
	if (pad < 0)
		pad = ALIGN(sizeof(*cp) + clen, 4) - (sizeof(*cp) + clen);
	/* §3.2: the chunk length leaves out the last parameter's padding
	 * (the packet keeps it).
	 */
	((struct sctp_chunkhdr *)ack - 1)->length =
		htons(sizeof(struct sctp_chunkhdr) + vlen - pad);
	nsctp_answer_send(net, in, skb);
}

/* §3.3.2, §8.5.1 (A): check an INIT; answer it with an ABORT where the
 * RFC says so. Return: true when it may be answered with an INIT ACK.
 */
static bool init_check(struct net *net, struct sk_buff *skb,
		       const struct sctp_init_chunk *init, struct init_scan *s)
{
	const struct sctp_inithdr *ih = &init->init_hdr;

	if (sctp_hdr(skb)->vtag || !ih->init_tag) {
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		return false;
	}
	if (!ih->num_outbound_streams || !ih->num_inbound_streams ||
	    ntohl(ih->a_rwnd) < NSCTP_MIN_RWND) {
		send_abort_cause(net, skb, ih->init_tag, SCTP_ERROR_INV_PARAM,
				 NULL, 0);
		return false;
	}
	init_scan(&init->chunk_hdr, s);
	if (s->host_name) {
		/* RFC 9260 §3.3.2.1: host names are not supported. */
		abort_host_name(net, skb, ih->init_tag, s->host_name);
		return false;
	}
	if (s->params_len > NSCTP_COOKIE_PARAMS_MAX) {
		send_abort_cause(net, skb, ih->init_tag,
				 SCTP_ERROR_NO_RESOURCE, NULL, 0);
		return false;
	}
	return true;
}

static const struct sctp_init_chunk *first_init(struct sk_buff *skb)
{
	return (const void *)nsctp_chunk_first(skb_transport_header(skb));
}

/* §5.1 B: an INIT arriving at a listening endpoint: fresh tags. */
static void init_rcv(struct sock *sk, struct sk_buff *skb)
{
	const struct sctp_init_chunk *init = first_init(skb);
	struct init_ack_tags t = {
		.my_vtag = random_tag(),
		.my_itsn = htonl(get_random_u32()),
	};
	struct init_scan s;

	if (init_check(sock_net(sk), skb, init, &s))
		send_init_ack(sk, skb, init, &s, &t);
}

/* §5.2.2: an INIT that would restart @asoc with addresses it does not
 * have is refused with an ABORT (Restart of an Association with New
 * Addresses, §3.3.10.11) listing them; the association is untouched.
 * Return: true when it was.
 */
static bool init_adds_addrs(struct nsctp_assoc *asoc, struct sk_buff *skb,
			    const struct sctp_init_chunk *init)
{
	/* 12 IPv6 address parameters: the cause lists the first ones */
	u8 added[12 * sizeof(struct sctp_ipv6addr_param)];
	const struct sctp_paramhdr *p;
	union nsctp_addr from;
	unsigned int len;
	const u8 *end;

	p = init_params(&init->chunk_hdr, &end);
	nsctp_addr_from_skb(skb, &from, true);
	len = nsctp_addrlist_new(asoc, (const u8 *)p, end - (const u8 *)p,
				 &from, added, sizeof(added));
	if (!len)
		return false;
	send_abort_cause(sock_net(asoc->sk), skb, init->init_hdr.init_tag,
			 SCTP_ERROR_RESTART, added, len);
	return true;
}

/**
 * nsctp_sm_init_assoc() - an INIT for an existing association (§5.2)
 * @asoc: the association, socket locked
 * @skb: the packet, INIT first; not consumed
 *
 * §5.2.1 (COOKIE-WAIT, COOKIE-ECHOED): answer with our original tag and
 * TSN, so that the collision resolves into one association. §5.2.2
 * (later states): answer with new ones and tie-tags naming the existing
 * association, which the COOKIE ECHO table of §5.2.4 then recognises,
 * unless the INIT adds addresses (refused). §9.2: in SHUTDOWN-ACK-SENT
 * the SHUTDOWN ACK goes out again instead.
 */
void nsctp_sm_init_assoc(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	const struct sctp_init_chunk *init = first_init(skb);
	struct sock *sk = asoc->sk;
	struct init_ack_tags t = {};
	struct init_scan s;

	if (!init_check(sock_net(sk), skb, init, &s))
		return;
	switch (asoc->state) {
	case SCTP_SHUTDOWN_ACK_SENT:
		nsctp_sm_shutdown_retransmit(asoc);
		return;
	case SCTP_COOKIE_WAIT:
	case SCTP_COOKIE_ECHOED:
		t.my_vtag = asoc->my_vtag;
		/* our INIT's: DATA may have gone with the COOKIE ECHO, and
		 * in COOKIE-ECHOED nothing of it is acknowledged yet
		 */
		t.my_itsn = htonl(asoc->state == SCTP_COOKIE_ECHOED ?
				  asoc->ctsn_ack + 1 : asoc->next_tsn);
		if (asoc->state == SCTP_COOKIE_ECHOED) {
			t.my_tie_tag = asoc->my_vtag;
			t.peer_tie_tag = asoc->peer_vtag;
		}
		break;
	default:
		if (init_adds_addrs(asoc, skb, init))
			return;
		t.my_vtag = random_tag();
		t.my_itsn = htonl(get_random_u32());
		t.my_tie_tag = asoc->my_vtag;
		t.peer_tie_tag = asoc->peer_vtag;
		break;
	}
	send_init_ack(sk, skb, init, &s, &t);
}

static void send_stale_cookie(struct net *net, struct sk_buff *in,
			      __be32 vtag, u64 stale_us)
{
	__be32 staleness = htonl(min_t(u64, stale_us, U32_MAX));
	struct sctp_errhdr *err;
	struct sk_buff *skb;
	unsigned int len = sizeof(*err) + sizeof(staleness);

	skb = nsctp_answer_start(net, in, vtag,
				 ALIGN(sizeof(struct sctp_chunkhdr) + len, 4));
	if (!skb)
		return;
	err = nsctp_put_chunk(skb, SCTP_CID_ERROR, 0, len);
	err->cause = SCTP_ERROR_STALE_COOKIE;
	err->length = htons(len);
	memcpy(err + 1, &staleness, sizeof(staleness));
	nsctp_answer_send(net, in, skb);
}

/* Did @skb come from the cookie's peer address, to its local one? Both
 * sides were made by nsctp_addr_from_skb() (the INIT's, then this one's),
 * so they compare whole.
 */
static bool cookie_addrs_match(struct sk_buff *skb,
			       const struct nsctp_cookie *c)
{
	union nsctp_addr a;

	nsctp_addr_from_skb(skb, &a, true);
	if (memcmp(&a, &c->paddr, sizeof(a)))
		return false;
	nsctp_addr_from_skb(skb, &a, false);
	return !memcmp(&a, &c->laddr, sizeof(a));
}

/* §5.1.5 steps 1-3 for the COOKIE ECHO leading @skb: the cookie, if it is
 * ours, intact, for this packet's tag and ports and fresh. A stale one is
 * reported here. Return: the cookie, or NULL when the packet is done with.
 */
static const struct nsctp_cookie *cookie_validate(struct sock *sk,
						  struct sk_buff *skb)
{
	const struct sctp_chunkhdr *ch =
		nsctp_chunk_first(skb_transport_header(skb));
	const struct nsctp_cookie *c = (const void *)(ch + 1);
	unsigned int len = ntohs(ch->length) - sizeof(*ch);
	const struct sctphdr *sh = sctp_hdr(skb);
	struct net *net = sock_net(sk);
	u64 stale_us;
	int err;

	if (len < sizeof(*c))
		goto discard;
	err = nsctp_cookie_check(sk, c, len, &stale_us);
	if (err == -EBADMSG)
		goto discard;
	/* Step 2: the cookie must be for this packet's tag and ports. */
	if (sh->vtag != c->my_vtag || sh->dest != c->laddr.v4.sin_port ||
	    sh->source != c->paddr.v4.sin_port)
		goto discard;
	/* ...and its addresses: the INIT's source and destination. A copy
	 * sent from anywhere else is a replay (the peer's other addresses
	 * are not used: nsctp keeps one path per association).
	 */
	if (!cookie_addrs_match(skb, c))
		goto discard;
	if (err == -ETIMEDOUT) {
		send_stale_cookie(net, skb, c->peer_vtag, stale_us);
		return NULL;
	}
	return c;
discard:
	NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
	return NULL;
}

/* The COOKIE ACK of @asoc, in answer to @in: counted as @asoc's. */
static void send_cookie_ack(struct nsctp_assoc *asoc, struct sk_buff *in)
{
	struct nsctp_reply r = {
		.vtag = asoc->peer_vtag,
		.type = SCTP_CID_COOKIE_ACK,
	};

	if (!nsctp_reply(sock_net(asoc->sk), in, &r)) {
		asoc->stats.octrlchunks++;
		asoc->stats.opackets++;
	}
}

/* The peer's adaptation layer, from the INIT its cookie carries. */
static void cookie_adaptation(struct nsctp_assoc *asoc,
			      const struct nsctp_cookie *c)
{
	asoc->peer_adaptation =
		params_adaptation((const void *)c->params,
				  c->params + c->params_len);
	asoc->peer_caps = params_peer_caps(asoc->sk, (const void *)c->params,
					   c->params + c->params_len);
}

/* §5.1.5: a COOKIE ECHO for which no association exists. */
static void cookie_echo_rcv(struct sock *sk, struct sk_buff *skb)
{
	const struct nsctp_cookie *c = cookie_validate(sk, skb);
	struct net *net = sock_net(sk);
	struct nsctp_assoc *asoc;

	if (!c)
		return;
	/* A one-to-one listener holds at most its backlog of associations
	 * not yet accepted. Beyond it the peer is refused with an ABORT
	 * (its connect() fails with ECONNREFUSED, as with the in-tree
	 * module) rather than left retransmitting its COOKIE ECHO.
	 */
	if (nsctp_one_to_one(sk) && sk_acceptq_is_full(sk)) {
		struct nsctp_reply r = {
			.vtag = c->peer_vtag,
			.type = SCTP_CID_ABORT,
		};

		nsctp_reply(net, skb, &r);
		return;
	}
	asoc = nsctp_assoc_from_cookie(sk, c);
	if (PTR_ERR_OR_ZERO(asoc) == -EEXIST) {
		/* another association has these addresses (a race with
		 * the first copy of this COOKIE ECHO, or another socket)
		 */
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);
		return;
	}
	if (IS_ERR(asoc)) {
		send_abort_cause(net, skb, c->peer_vtag,
				 SCTP_ERROR_NO_RESOURCE, NULL, 0);
		return;
	}
	/* the INIT's other addresses (§5.1.2) */
	nsctp_addrlist_learn(asoc, c->params, c->params_len, &c->paddr, false);
	cookie_adaptation(asoc, c);
	/* Step 5: the association is up; tell the peer and the user. */
	nsctp_assoc_set_state(asoc, SCTP_ESTABLISHED);
	if (nsctp_one_to_one(sk))
		sk_acceptq_added(sk);
	/* as in-tree: COMM_UP, the peer's adaptation layer, no AUTH */
	nsctp_event_assoc_change(asoc, SCTP_COMM_UP, 0, NULL);
	nsctp_event_adaptation(asoc);
	nsctp_event_no_auth(asoc);
	sk->sk_data_ready(sk);
	if (NSCTP_SKB_CB(skb)->info.nchunks == 1) {
		send_cookie_ack(asoc, skb);
		return;
	}
	/* DATA may be bundled behind the COOKIE ECHO (§5.1 D): its SACK
	 * (the association's first, sent at once) carries the COOKIE ACK
	 */
	asoc->cookie_ack_due = true;
	nsctp_sm_rest_rcv(asoc, skb);
	if (asoc->cookie_ack_due && !asoc->dead)
		nsctp_outq_flush(asoc);
}

/* The association came up on our side (§5.1 E, §5.2.4 B, D). */
static void assoc_up(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;

	nsctp_timer_stop(asoc, NSCTP_T1);
	kfree(asoc->ctrl);
	asoc->ctrl = NULL;
	nsctp_assoc_set_state(asoc, SCTP_ESTABLISHED);
	if (nsctp_one_to_one(sk) && sk->sk_state != TCP_LISTEN) {
		inet_sk_set_state(sk, TCP_ESTABLISHED);
		if (sk->sk_socket)
			sk->sk_socket->state = SS_CONNECTED;
	}
	nsctp_event_assoc_change(asoc, SCTP_COMM_UP, 0, NULL);
	nsctp_event_adaptation(asoc);
	nsctp_event_no_auth(asoc);
	sk->sk_state_change(sk);
	/* what sendmsg() queued during setup */
	nsctp_outq_flush(asoc);
}

/* Take the peer's side of the association from a verified cookie. */
static int assoc_take_peer(struct nsctp_assoc *asoc,
			   const struct nsctp_cookie *c)
{
	asoc->peer_vtag = c->peer_vtag;
	asoc->peer_cum_tsn = ntohl(c->peer_itsn) - 1;
	asoc->peer_rwnd = ntohl(c->peer_rwnd);
	asoc->out_streams = ntohs(c->out_streams);
	asoc->in_streams = ntohs(c->in_streams);
	/* Nothing was exchanged yet with these numbers: start over. */
	nsctp_outq_purge_sent(asoc);
	if (nsctp_inq_init(asoc, GFP_ATOMIC))
		return -ENOMEM;
	return nsctp_outq_init(asoc);
}

/* §5.2.4 B: an INIT collision where the peer answered our INIT and then
 * sent one of its own: its tag (and, before we are up, the rest of its
 * side: no DATA was taken from it yet) comes from the cookie. Ours does
 * not change, so what we sent (DATA bundled with our COOKIE ECHO) stays
 * valid: nothing of the send side is touched but the stream count,
 * which may only shrink.
 */
static int collision_take_peer(struct nsctp_assoc *asoc,
			       const struct nsctp_cookie *c)
{
	u16 streams = min(asoc->out_streams, ntohs(c->out_streams));
	u16 n = asoc->out_ssn ? streams : 0;	/* SSNs to keep */
	u16 *out_ssn = NULL;
	int err;

	asoc->peer_vtag = c->peer_vtag;
	if (asoc->state >= SCTP_ESTABLISHED)
		return 0;
	if (n) {
		out_ssn = kmemdup(asoc->out_ssn, n * sizeof(u16), GFP_ATOMIC);
		if (!out_ssn)
			return -ENOMEM;
	}
	asoc->peer_cum_tsn = ntohl(c->peer_itsn) - 1;
	asoc->peer_rwnd = ntohl(c->peer_rwnd);
	cookie_adaptation(asoc, c);
	asoc->out_streams = streams;
	asoc->in_streams = ntohs(c->in_streams);
	err = nsctp_inq_init(asoc, GFP_ATOMIC);
	if (!err && n)
		memcpy(asoc->out_ssn, out_ssn, n * sizeof(u16));
	kfree(out_ssn);
	return err;
}

/* §5.2.4 A: the peer restarted; our association starts over with the
 * cookie's tags (§5.2.4.1 forbids doing so while shutting down).
 */
static void assoc_restart(struct nsctp_assoc *asoc, struct sk_buff *skb,
			  const struct nsctp_cookie *c)
{
	if (asoc->state == SCTP_SHUTDOWN_ACK_SENT) {
		struct sctp_errhdr err = {
			.cause = SCTP_ERROR_COOKIE_IN_SHUTDOWN,
			.length = htons(sizeof(err)),
		};
		struct nsctp_reply r = {
			.vtag = c->peer_vtag, .type = SCTP_CID_ERROR,
			.len = sizeof(err), .body = &err,
		};

		nsctp_reply(sock_net(asoc->sk), skb, &r);
		nsctp_sm_shutdown_retransmit(asoc);
		return;
	}
	nsctp_timers_stop(asoc);
	asoc->my_vtag = c->my_vtag;
	asoc->next_tsn = ntohl(c->my_itsn);
	asoc->error_count = 0;
	/* §5.2.4 A: what the old association had in flight is lost */
	nsctp_outq_purge(asoc, 0);
	if (assoc_take_peer(asoc, c)) {
		nsctp_abort_assoc(asoc, SCTP_ERROR_NO_RESOURCE);
		return;
	}
	nsctp_assoc_set_state(asoc, SCTP_ESTABLISHED);
	nsctp_path_hb_start(asoc->primary);
	nsctp_event_assoc_change(asoc, SCTP_RESTART, 0, NULL);
}

/**
 * nsctp_sm_cookie_echo_assoc() - a COOKIE ECHO for an existing association
 * @asoc: the association the packet's addresses matched, socket locked
 * @skb: the packet; not consumed
 *
 * The table of §5.2.4, comparing the cookie's tags and tie-tags with the
 * association's: A restart, B collision, C late cookie (dropped), D
 * duplicate. A, B and D are answered with a COOKIE ACK.
 */
void nsctp_sm_cookie_echo_assoc(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	const struct nsctp_cookie *c = cookie_validate(asoc->sk, skb);
	struct net *net = sock_net(asoc->sk);
	bool my, peer, my_tie, peer_tie;

	if (!c)
		return;
	my = c->my_vtag == asoc->my_vtag;
	peer = c->peer_vtag == asoc->peer_vtag;
	my_tie = c->my_tie_tag == asoc->my_vtag;
	peer_tie = c->peer_tie_tag == asoc->peer_vtag;
	if (!my && !peer && my_tie && peer_tie) {
		assoc_restart(asoc, skb, c);			/* A */
		if (asoc->state != SCTP_ESTABLISHED)
			return;
	} else if (my && !peer) {
		if (collision_take_peer(asoc, c)) {		/* B */
			nsctp_abort_assoc(asoc, SCTP_ERROR_NO_RESOURCE);
			return;
		}
		if (asoc->state < SCTP_ESTABLISHED)
			assoc_up(asoc);
	} else if (my && peer) {
		if (asoc->state < SCTP_ESTABLISHED)		/* D */
			assoc_up(asoc);
	} else {
		NSCTP_INC_STATS(net, IN_PKT_DISCARDS);		/* C */
		return;
	}
	send_cookie_ack(asoc, skb);
	nsctp_sm_rest_rcv(asoc, skb);
}

/**
 * nsctp_sm_endpoint_rcv() - a packet for a listening endpoint
 * @sk: the listening socket, locked
 * @skb: the packet, validated; its nsctp_pkt_info is in the cb
 *
 * Does not consume @skb.
 */
void nsctp_sm_endpoint_rcv(struct sock *sk, struct sk_buff *skb)
{
	const struct nsctp_pkt_info *info = &NSCTP_SKB_CB(skb)->info;

	if (info->first_type == SCTP_CID_INIT ||
	    info->first_type == SCTP_CID_COOKIE_ECHO)
		NSCTP_INC_STATS(sock_net(sk), INCTRLCHUNKS);
	switch (info->first_type) {
	case SCTP_CID_INIT:
		init_rcv(sk, skb);
		break;
	case SCTP_CID_COOKIE_ECHO:
		cookie_echo_rcv(sk, skb);
		break;
	default:
		nsctp_ootb(sock_net(sk), skb, info);
		break;
	}
}

/* The client side (§5.1 A, C, E). */

/* Our INIT: tag, window, streams, initial TSN, the address types we take. */
static int send_init(struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;
	struct net *net = sock_net(sk);
	struct sctp_supported_addrs_param *types;
	unsigned int ntypes = sk->sk_family == AF_INET6 &&
			      !ipv6_only_sock(sk) ? 2 : 1;
	unsigned int tlen = sizeof(*types) + ntypes * sizeof(__be16);
	struct sctp_cookie_preserve_param *cp;
	unsigned int plen = asoc->preserve_ms ? sizeof(*cp) : 0;
	struct sctp_inithdr *init;
	unsigned int alen = nsctp_addrlist_put(sk, &asoc->primary->addr, NULL);
	unsigned int ilen = adaptation_put(sk, NULL);
	struct nsctp_flow f;
	struct sk_buff *skb;
	unsigned int vlen;

	nsctp_assoc_flow(asoc, &f);
	/* §3.2: the last parameter's padding is not in the chunk length */
	vlen = sizeof(*init) + alen + ilen +
	       (plen ? ALIGN(tlen, 4) + plen : tlen);
	skb = nsctp_pkt_start(net, &f, 0,
			      ALIGN(sizeof(struct sctp_chunkhdr) + vlen, 4));
	if (!skb)
		return -EHOSTUNREACH;
	init = nsctp_put_chunk(skb, SCTP_CID_INIT, 0, vlen);
	init->init_tag = asoc->my_vtag;
	init->a_rwnd = htonl(max_t(u32, nsctp_rwnd_offer(sk),
				   NSCTP_MIN_RWND));
	init->num_outbound_streams = htons(asoc->out_streams);
	init->num_inbound_streams = htons(asoc->in_streams);
	init->initial_tsn = htonl(asoc->next_tsn);
	types = (void *)((u8 *)(init + 1) +
			 nsctp_addrlist_put(sk, &asoc->primary->addr,
					    (u8 *)(init + 1)));
	/* our adaptation layer after the addresses (RFC 5061 §4.2.6) */
	types = (void *)((u8 *)types + adaptation_put(sk, types));
	types->param_hdr.type = SCTP_PARAM_SUPPORTED_ADDRESS_TYPES;
	types->param_hdr.length = htons(tlen);
	types->types[0] = sk->sk_family == AF_INET6 ?
			  SCTP_PARAM_IPV6_ADDRESS : SCTP_PARAM_IPV4_ADDRESS;
	if (ntypes == 2)
		types->types[1] = SCTP_PARAM_IPV4_ADDRESS;
	if (plen) {
		/* after the padded address types (§5.2.6, §3.3.2.1) */
		cp = (void *)types + ALIGN(tlen, 4);
		cp->param_hdr.type = SCTP_PARAM_COOKIE_PRESERVATIVE;
		cp->param_hdr.length = htons(sizeof(*cp));
		cp->lifespan_increment = htonl(asoc->preserve_ms);
	}
	return nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_sm_connect() - §5.1 A: send INIT, start T1-init, COOKIE-WAIT
 * @asoc: a new active association, socket locked
 *
 * Return: 0; a failure to send is retried by T1 like a lost INIT.
 */
int nsctp_sm_connect(struct nsctp_assoc *asoc)
{
	nsctp_assoc_set_state(asoc, SCTP_COOKIE_WAIT);
	send_init(asoc);
	nsctp_timer_start(asoc, NSCTP_T1);
	return 0;
}

/* T1 expired and there are tries left: send the INIT or COOKIE ECHO again. */
void nsctp_sm_setup_retransmit(struct nsctp_assoc *asoc)
{
	if (asoc->state == SCTP_COOKIE_WAIT) {
		/* the next of the addresses sctp_connectx() gave, if any */
		asoc->primary = list_next_entry_circular(asoc->primary,
							 &asoc->paths, list);
		send_init(asoc);
	} else if (asoc->state == SCTP_COOKIE_ECHOED) {
		nsctp_outq_cookie_echo(asoc);
	}
}

/**
 * nsctp_sm_stale_cookie_rcv() - §5.2.6: our COOKIE ECHO came too late
 * @asoc: the association, socket locked
 * @stale_us: the Measure of Staleness the peer reported, microseconds
 *
 * In COOKIE-ECHOED only: start again from COOKIE-WAIT with an INIT that
 * asks, in a Cookie Preservative, for twice the staleness more life (the
 * next cookie travels at least as long). The attempt counts against
 * Max.Init.Retransmits like a T1 expiry.
 */
void nsctp_sm_stale_cookie_rcv(struct nsctp_assoc *asoc, u32 stale_us)
{
	struct sock *sk = asoc->sk;
	u64 inc_ms;

	if (asoc->state != SCTP_COOKIE_ECHOED) {
		NSCTP_INC_STATS(sock_net(sk), IN_PKT_DISCARDS);
		return;
	}
	if (++asoc->retries > asoc->max_init_attempts) {
		nsctp_sm_setup_failed(asoc, -ETIMEDOUT,
				      SCTP_ERROR_STALE_COOKIE);
		return;
	}
	inc_ms = DIV_ROUND_UP(2ULL * stale_us, USEC_PER_MSEC);
	asoc->preserve_ms = clamp_t(u64, inc_ms, 1, U32_MAX);
	nsctp_timer_stop(asoc, NSCTP_T1);
	nsctp_outq_unsend(asoc);
	kfree(asoc->ctrl);
	asoc->ctrl = NULL;
	asoc->ctrl_len = 0;
	asoc->ctrl_err_len = 0;
	asoc->peer_vtag = 0;
	nsctp_assoc_set_state(asoc, SCTP_COOKIE_WAIT);
	send_init(asoc);
	nsctp_timer_start(asoc, NSCTP_T1);
}

/**
 * nsctp_sm_setup_failed() - the association could not be set up
 * @asoc: the association, socket locked
 * @err: -ETIMEDOUT (T1 exhausted) or -ECONNREFUSED (ABORT received)
 * @cause: what SCTP_CANT_STR_ASSOC's sac_error says, as in-tree: the
 *	first error cause of the peer's ABORT, the cause of ours when we
 *	refused its INIT ACK, Stale Cookie when those ran out, else 0
 *
 * connect() waiters learn @err through asoc->error; a one-to-one socket
 * also through sk_err (SO_ERROR) and goes back to CLOSE.
 */
void nsctp_sm_setup_failed(struct nsctp_assoc *asoc, int err,
			   __be16 cause)
{
	struct sock *sk = asoc->sk;

	asoc->error = err;
	if (nsctp_one_to_one(sk)) {
		WRITE_ONCE(sk->sk_err, -err);
		inet_sk_set_state(sk, TCP_CLOSE);
		if (sk->sk_socket)
			sk->sk_socket->state = SS_UNCONNECTED;
	}
	nsctp_event_assoc_change(asoc, SCTP_CANT_STR_ASSOC, cause, NULL);
	nsctp_assoc_kill(asoc);
	sk_error_report(sk);
}

/**
 * nsctp_sm_bad_init_ack() - an INIT ACK too short or bundled (§3.3.3, §6.10)
 * @asoc: the association, socket locked
 * @skb: the packet, which failed validation (input.c); linear
 *
 * In COOKIE-WAIT, under our tag, it is a protocol violation: ABORT
 * (under the INIT ACK's Initiate Tag when the chunk is whole, else with
 * the T bit under ours), and the user sees ECONNREFUSED, as in-tree.
 * Elsewhere it is discarded.
 */
void nsctp_sm_bad_init_ack(struct nsctp_assoc *asoc, struct sk_buff *skb)
{
	const struct sctp_chunkhdr *ch;
	const struct sctp_inithdr *ih;
	unsigned int clen;

	if (asoc->state != SCTP_COOKIE_WAIT ||
	    sctp_hdr(skb)->vtag != asoc->my_vtag) {
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	}
	ch = nsctp_chunk_first(skb_transport_header(skb));
	clen = ntohs(ch->length);
	ih = (const void *)(ch + 1);
	NSCTP_INC_STATS(sock_net(asoc->sk), INCTRLCHUNKS);
	asoc->stats.ictrlchunks++;
	if (clen >= sizeof(*ch) + sizeof(*ih) &&
	    clen <= skb->len - sizeof(struct sctphdr))
		asoc->peer_vtag = ih->init_tag;
	/* the cause names the chunk: its type, flags and length */
	nsctp_send_abort_info(asoc, SCTP_ERROR_PROTO_VIOLATION, ch,
			      sizeof(*ch));
	nsctp_sm_setup_failed(asoc, -ECONNREFUSED,
			      SCTP_ERROR_PROTO_VIOLATION);
}

/* The State Cookie parameter of an INIT ACK, or NULL. */
static const struct sctp_paramhdr *init_ack_cookie(const struct sctp_chunkhdr *ch)
{
	const struct sctp_paramhdr *p;
	const u8 *end;

	p = init_params(ch, &end);
	for (; (const u8 *)p + sizeof(*p) <= end; p = param_next(p))
		if (p->type == SCTP_PARAM_STATE_COOKIE)
			return p;
	return NULL;
}

/* The peer address the INIT ACK in @skb came from is the primary path;
 * the addresses the INIT ACK @ch lists are the others: of those
 * sctp_connectx() gave, the rest go. Its adaptation layer too.
 */
static void answered_by(struct nsctp_assoc *asoc, const struct sk_buff *skb,
			const struct sctp_chunkhdr *ch)
{
	const struct sctp_paramhdr *p;
	struct nsctp_path *path;
	union nsctp_addr from;
	const u8 *end;

	nsctp_addr_from_skb(skb, &from, true);
	path = nsctp_path_find_peer(asoc->sk, &from);
	if (path && path->asoc == asoc)
		asoc->primary = path;
	p = init_params(ch, &end);
	nsctp_addrlist_learn(asoc, (const u8 *)p, end - (const u8 *)p,
			     &asoc->primary->addr, true);
	asoc->peer_adaptation = params_adaptation(p, end);
	asoc->peer_caps = params_peer_caps(asoc->sk, p, end);
}

/**
 * nsctp_sm_init_ack_rcv() - §5.1 C: the INIT ACK for our INIT
 * @asoc: the association, socket locked
 * @skb: the packet (tag already checked against ours)
 * @ch: the INIT ACK chunk in it
 */
void nsctp_sm_init_ack_rcv(struct nsctp_assoc *asoc, struct sk_buff *skb,
			   const struct sctp_chunkhdr *ch)
{
	const struct sctp_inithdr *ih = (const void *)(ch + 1);
	const struct sctp_paramhdr *cookie;
	struct init_scan s;
	u16 clen;

	/* §5.2.3: anywhere but COOKIE-WAIT it is stale; drop it. */
	if (asoc->state != SCTP_COOKIE_WAIT)
		goto discard;
	/* §3.3.3: a zero tag or stream count ends the attempt. */
	if (!ih->init_tag || !ih->num_outbound_streams ||
	    !ih->num_inbound_streams) {
		nsctp_send_abort(asoc, SCTP_ERROR_INV_PARAM);
		nsctp_sm_setup_failed(asoc, -ECONNREFUSED,
				      SCTP_ERROR_INV_PARAM);
		return;
	}
	init_scan(ch, &s);
	if (s.host_name) {
		abort_host_name(sock_net(asoc->sk), skb, ih->init_tag,
				s.host_name);
		nsctp_sm_setup_failed(asoc, -ECONNREFUSED,
				      SCTP_ERROR_INV_PARAM);
		return;
	}
	/* An empty State Cookie is the peer's business: it is echoed as
	 * it came (nothing in §3.3.3 or §5.1 asks for content).
	 */
	cookie = init_ack_cookie(ch);
	if (!cookie) {
		/* §3.3.10.2: the cause lists what is missing */
		struct {
			__be32	n;
			__be16	type;
		} __packed miss = {
			.n = htonl(1),
			.type = SCTP_PARAM_STATE_COOKIE,
		};

		asoc->peer_vtag = ih->init_tag;
		nsctp_send_abort_info(asoc, SCTP_ERROR_MISS_PARAM, &miss,
				      sizeof(miss));
		nsctp_sm_setup_failed(asoc, -ECONNREFUSED,
				      SCTP_ERROR_INV_PARAM);
		return;
	}
	clen = ntohs(cookie->length) - sizeof(*cookie);
	/* §3.2.1: unrecognized parameters that ask for it are reported in
	 * an ERROR bundled with the COOKIE ECHO (kept after the cookie)
	 */
	asoc->ctrl = kmalloc(clen + ALIGN(sizeof(struct sctp_errhdr) +
					  s.report_len, 4), GFP_ATOMIC);
	if (!asoc->ctrl)
		goto discard;	/* T1-init will send the INIT again */
	memcpy(asoc->ctrl, cookie + 1, clen);
	asoc->ctrl_len = clen;
	asoc->ctrl_err_len = 0;
	if (s.report_len) {
		struct sctp_errhdr *e = (void *)(asoc->ctrl + clen);
		unsigned int rlen = init_copy_reports(ch, &s, (u8 *)(e + 1));

		if (rlen) {
			e->cause = SCTP_ERROR_UNKNOWN_PARAM;
			e->length = htons(sizeof(*e) + rlen);
			asoc->ctrl_err_len = sizeof(*e) + rlen;
		}
	}
	asoc->peer_vtag = ih->init_tag;
	asoc->peer_rwnd = ntohl(ih->a_rwnd);
	asoc->peer_cum_tsn = ntohl(ih->initial_tsn) - 1;
	/* §5.1.1: send on no more streams than the peer takes in. */
	asoc->out_streams = min(asoc->out_streams,
				ntohs(ih->num_inbound_streams));
	asoc->in_streams = min(asoc->in_streams,
			       ntohs(ih->num_outbound_streams));
	if (nsctp_inq_init(asoc, GFP_ATOMIC) || nsctp_outq_init(asoc)) {
		nsctp_send_abort(asoc, SCTP_ERROR_NO_RESOURCE);
		nsctp_sm_setup_failed(asoc, -ENOMEM,
				      SCTP_ERROR_NO_RESOURCE);
		return;
	}
	answered_by(asoc, skb, ch);
	nsctp_timer_stop(asoc, NSCTP_T1);
	nsctp_assoc_set_state(asoc, SCTP_COOKIE_ECHOED);
	nsctp_outq_cookie_echo(asoc);
	nsctp_timer_start(asoc, NSCTP_T1);
	return;
discard:
	NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
}

/**
 * nsctp_sm_cookie_ack_rcv() - §5.1 E: the association is up
 * @asoc: the association, socket locked
 */
void nsctp_sm_cookie_ack_rcv(struct nsctp_assoc *asoc)
{
	if (asoc->state != SCTP_COOKIE_ECHOED) {
		NSCTP_INC_STATS(sock_net(asoc->sk), IN_PKT_DISCARDS);
		return;
	}
	assoc_up(asoc);
}
