// SPDX-License-Identifier: GPL-2.0
/*
 * tools/ reference model (see reasm_ref.h): net/nsctp/reasm.c of commit
 * b0e0e78, identifiers renamed. Its own description follows.
 *
 * Reassembly, per-stream order and partial delivery (RFC 9260 §6.5,
 * §6.6, §6.9; RFC 6458 §8.1.20), as pure decisions over fragment
 * descriptors (struct ref_frag); see reasm.h for how the caller carries
 * them out.
 *
 * Fragments. A sender splits a user message into DATA chunks with
 * consecutive TSNs, the first with the B bit, the last with the E bit,
 * all with the same stream, the same U bit and, when ordered, the same
 * SSN. A received fragment that is not a whole message waits on @frags,
 * in TSN order (serial arithmetic, §1.6). Two fragments with consecutive
 * TSNs must therefore agree: either the first ends a message (E) and the
 * second begins one (B), or neither, and then they share stream, U bit
 * and SSN. ref_reasm_add() checks this against both neighbours when a
 * fragment arrives, and refuses one that disagrees (CONFLICT: the caller
 * aborts the association with a Protocol Violation), so every run of
 * consecutive TSNs on @frags is a piece of one message, and a run from a
 * B to an E is a whole one. A fragment whose message already went (an
 * ordered SSN behind its stream's next, a piece handed out under partial
 * delivery) is refused the same way. What the core cannot tell from what
 * it holds (a middle fragment next to a TSN that went long ago) waits
 * until the association ends: it never completes, and it costs only the
 * window of the peer that sent it.
 *
 * Completion. A new fragment completes a message when walking back from
 * it over consecutive TSNs reaches a B and walking forward reaches an E;
 * the walks touch only that message. The run is taken off @frags and
 * joined (ops->join) into one message.
 *
 * Order. A whole message goes to the user at once when it is unordered
 * or carries its stream's next SSN, and nothing holds it (below);
 * otherwise it waits in @lobby, sorted by stream and, in a stream,
 * unordered ones first and ordered ones by SSN. Delivering an ordered
 * message makes one pass over the lobby, which releases every message
 * that may go now (a stream's waiting SSNs follow one another there).
 *
 * Partial delivery. ref_reasm_pd_start() hands the user the first
 * pieces of a message that is not whole yet, when the caller's window is
 * nearly exhausted (@pressure) or the message reached the partial
 * delivery point: the lowest-TSN message that begins on @frags, may go
 * next on its stream and (without pressure) has at least @pd_point bytes
 * in a row. Each later fragment with the next TSN goes at once, the last
 * one (E) ends it. Meanwhile the other messages of the association wait
 * in the lobby (interleave levels 0 and 1), or only those of the same
 * stream (level 2); @held holds everything (level 0, when another
 * association of the socket is in a partial delivery). One partial
 * delivery at a time.
 *
 * Costs. In-order arrival: a fragment goes on the tail of @frags, its
 * completion walks its own message once (when the E arrives), the lobby
 * is not touched while empty. Out-of-order arrival walks @frags from the
 * tail to the fragment's place; an ordered message waiting for its SSN
 * walks the lobby.
 *
 * This file uses no kernel-only API (<linux/list.h> and the integer
 * types only): tools/ builds it unchanged in userspace.
 */
#include <linux/list.h>
#include "reasm_ref.h"

/* RFC 1982 serial number arithmetic (RFC 9260 §1.6) */
static bool tsn_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static bool ssn_before(u16 a, u16 b)
{
	return (s16)(a - b) < 0;
}

static bool is_ordered(const struct ref_frag *f)
{
	return !(f->flags & NSCTP_FRAG_U);
}

/* May @b, with the TSN after @a's, follow @a? */
static bool agree(const struct ref_frag *a, const struct ref_frag *b)
{
	bool a_ends = a->flags & NSCTP_FRAG_E;
	bool b_begins = b->flags & NSCTP_FRAG_B;

	if (a_ends || b_begins)
		return a_ends && b_begins;
	return a->sid == b->sid &&
	       (a->flags & NSCTP_FRAG_U) == (b->flags & NSCTP_FRAG_U) &&
	       (!is_ordered(a) || a->ssn == b->ssn);
}

static struct ref_frag *frag_prev(struct ref_reasm *r,
				    struct ref_frag *f)
{
	return list_is_first(&f->node, &r->frags) ? NULL :
	       list_prev_entry(f, node);
}

static struct ref_frag *frag_next(struct ref_reasm *r,
				    struct ref_frag *f)
{
	return list_is_last(&f->node, &r->frags) ? NULL :
	       list_next_entry(f, node);
}

/* Is @m not to be delivered now, whatever its order? */
static bool blocked(const struct ref_reasm *r, const struct ref_frag *m)
{
	return r->held || (r->pd && (r->level < 2 || m->sid == r->pd_sid));
}

/* Unordered, or the next SSN of its stream? */
static bool in_order(const struct ref_reasm *r, const struct ref_frag *m)
{
	return !is_ordered(m) || m->ssn == r->next_ssn[m->sid];
}

/**
 * ref_reasm_init() - an empty receive side
 * @r: the state
 * @ops: how decisions are carried out
 * @next_ssn: the next SSN per inbound stream, owned by the caller
 * @streams: entries in @next_ssn; fragments of other streams are refused
 */
void ref_reasm_init(struct ref_reasm *r, const struct ref_reasm_ops *ops,
		      u16 *next_ssn, u16 streams)
{
	INIT_LIST_HEAD(&r->frags);
	INIT_LIST_HEAD(&r->lobby);
	r->ops = ops;
	r->next_ssn = next_ssn;
	r->streams = streams;
	r->frag_bytes = 0;
	r->level = 0;
	r->held = false;
	r->pd = false;
}

/* Hand @m, a whole message, to the user. */
static void deliver_msg(struct ref_reasm *r, struct ref_frag *m)
{
	if (is_ordered(m))
		r->next_ssn[m->sid]++;
	r->ops->deliver(r, m);
}

/* Deliver what waits in the lobby and may go now: one pass, as a
 * stream's messages follow one another there in SSN order.
 */
static void lobby_release(struct ref_reasm *r)
{
	struct ref_frag *m, *tmp;

	if (r->held)
		return;
	list_for_each_entry_safe(m, tmp, &r->lobby, node) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		if (blocked(r, m) || !in_order(r, m))
			continue;
		list_del(&m->node);
		deliver_msg(r, m);
	}
}

/* Does @m sort after @p in the lobby? */
static bool lobby_after(const struct ref_frag *p, const struct ref_frag *m)
{
	if (p->sid != m->sid)
		return p->sid < m->sid;
	if (!is_ordered(p))
		return true;	/* unordered first, in arrival order */
	return is_ordered(m) && !ssn_before(m->ssn, p->ssn);
}

static void lobby_add(struct ref_reasm *r, struct ref_frag *m)
{
	struct ref_frag *p;

	list_for_each_entry_reverse(p, &r->lobby, node) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		if (lobby_after(p, m)) {
			list_add(&m->node, &p->node);
			return;
		}
	}
	list_add(&m->node, &r->lobby);
}

/* A whole message: to the user, or to the lobby. */
static void msg_done(struct ref_reasm *r, struct ref_frag *m)
{
	bool ordered = is_ordered(m);

	if (blocked(r, m) || !in_order(r, m)) {
		lobby_add(r, m);
		return;
	}
	deliver_msg(r, m);
	if (ordered && !list_empty(&r->lobby))
		lobby_release(r);
}

/* Would a whole message with @f's stream and SSN be a second one? */
static bool ssn_taken(const struct ref_reasm *r, const struct ref_frag *f)
{
	const struct ref_frag *p;

	if (!is_ordered(f))
		return false;
	if (ssn_before(f->ssn, r->next_ssn[f->sid]))
		return true;
	if (r->pd && !(r->pd_flags & NSCTP_FRAG_U) && r->pd_sid == f->sid &&
	    r->pd_ssn == f->ssn)
		return true;
	list_for_each_entry(p, &r->lobby, node) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		if (p->sid == f->sid && is_ordered(p) && p->ssn == f->ssn)
			return true;
	}
	return false;
}

static void pd_end(struct ref_reasm *r)
{
	r->pd = false;
	if (!(r->pd_flags & NSCTP_FRAG_U))
		r->next_ssn[r->pd_sid]++;
	lobby_release(r);
}

/* Hand out @f, on @frags with the next TSN of the partial delivery, and
 * the consecutive fragments after it.
 */
static void pd_push(struct ref_reasm *r, struct ref_frag *f)
{
	struct ref_frag *next;
	bool last;

	while (f && f->tsn == r->pd_next) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		next = frag_next(r, f);
		list_del(&f->node);
		r->frag_bytes -= f->len;
		r->pd_next++;
		last = f->flags & NSCTP_FRAG_E;
		f->flags |= NSCTP_FRAG_PD;
		r->ops->deliver(r, f);
		if (last) {
			pd_end(r);
			return;
		}
		f = next;
	}
}

/* May @f be the next piece of the partial delivery? */
static bool pd_continues(const struct ref_reasm *r,
			 const struct ref_frag *f)
{
	return !(f->flags & NSCTP_FRAG_B) && f->sid == r->pd_sid &&
	       (f->flags & NSCTP_FRAG_U) == (r->pd_flags & NSCTP_FRAG_U) &&
	       ((f->flags & NSCTP_FRAG_U) || f->ssn == r->pd_ssn);
}

/* The first fragment of @f's message, @prev being the fragment with the
 * TSN before @f's (or NULL), if it is on @frags.
 */
static struct ref_frag *run_first(struct ref_reasm *r,
				    struct ref_frag *f,
				    struct ref_frag *prev)
{
	struct ref_frag *p;

	if (f->flags & NSCTP_FRAG_B)
		return f;
	while (prev && !(prev->flags & NSCTP_FRAG_B)) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		p = frag_prev(r, prev);
		prev = p && p->tsn + 1 == prev->tsn ? p : NULL;
	}
	return prev;
}

/* The last fragment of @f's message, @next having the TSN after @f's. */
static struct ref_frag *run_last(struct ref_reasm *r,
				   struct ref_frag *f,
				   struct ref_frag *next)
{
	struct ref_frag *n;

	if (f->flags & NSCTP_FRAG_E)
		return f;
	while (next && !(next->flags & NSCTP_FRAG_E)) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		n = frag_next(r, next);
		next = n && next->tsn + 1 == n->tsn ? n : NULL;
	}
	return next;
}

/* Take @first..@last (consecutive on @frags) off and make one message. */
static struct ref_frag *run_join(struct ref_reasm *r,
				   struct ref_frag *first,
				   struct ref_frag *last)
{
	struct ref_frag *p = first, *n, *m;
	LIST_HEAD(run);
	u32 len = 0;

	for (;;) {
		n = list_next_entry(p, node);
		len += p->len;
		list_move_tail(&p->node, &run);
		if (p == last)
			break;
		p = n;
	}
	r->frag_bytes -= len;
	m = r->ops->join(r, &run);
	m->len = len;
	m->flags |= NSCTP_FRAG_BE;
	return m;
}

/**
 * ref_reasm_add() - a new fragment (or a whole message) arrived
 * @r: the state
 * @f: the fragment: tsn, len, sid, ssn and the B, E and U flags set; a
 *	TSN new to the association (the caller's TSN map sees to that)
 *
 * Delivers what may go now through ops->deliver (ops->join first for a
 * message of several fragments).
 *
 * Return: NSCTP_REASM_OK when @f was taken; NSCTP_REASM_DUP or
 * NSCTP_REASM_CONFLICT when it was not (it stays the caller's, and
 * nothing changed).
 */
enum nsctp_reasm_verdict ref_reasm_add(struct ref_reasm *r,
					 struct ref_frag *f)
{
	struct ref_frag *pos = NULL, *prev, *next, *first, *last, *p;
	struct list_head *at;

	f->flags &= NSCTP_FRAG_BE | NSCTP_FRAG_U;
	if (r->pd && f->tsn - r->pd_first < r->pd_next - r->pd_first)
		return NSCTP_REASM_DUP;		/* handed out already */
	/* its place: after the last fragment with a lower TSN */
	list_for_each_entry_reverse(p, &r->frags, node) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		if (p->tsn == f->tsn)
			return NSCTP_REASM_DUP;
		if (tsn_before(p->tsn, f->tsn)) {
			pos = p;
			break;
		}
	}
	if (f->sid >= r->streams)
		return NSCTP_REASM_CONFLICT;
	if (is_ordered(f) && ssn_before(f->ssn, r->next_ssn[f->sid]))
		return NSCTP_REASM_CONFLICT;	/* that message went */
	if (r->pd) {
		if (f->tsn == r->pd_next && !pd_continues(r, f))
			return NSCTP_REASM_CONFLICT;
		if (f->tsn + 1 == r->pd_first && !(f->flags & NSCTP_FRAG_E))
			return NSCTP_REASM_CONFLICT;
	}
	at = pos ? &pos->node : &r->frags;
	prev = pos && pos->tsn + 1 == f->tsn ? pos : NULL;
	next = list_is_last(at, &r->frags) ? NULL :
	       list_entry(at->next, struct ref_frag, node);
	if (next && next->tsn != f->tsn + 1)
		next = NULL;
	if ((prev && !agree(prev, f)) || (next && !agree(f, next)))
		return NSCTP_REASM_CONFLICT;

	if (r->pd && f->tsn == r->pd_next) {
		list_add(&f->node, at);
		r->frag_bytes += f->len;
		pd_push(r, f);
		return NSCTP_REASM_OK;
	}
	first = run_first(r, f, prev);
	last = first ? run_last(r, f, next) : NULL;
	if (first && last && ssn_taken(r, f))
		return NSCTP_REASM_CONFLICT;	/* a second message, same SSN */
	if (first == f && last == f) {
		msg_done(r, f);			/* not fragmented */
		return NSCTP_REASM_OK;
	}
	list_add(&f->node, at);
	r->frag_bytes += f->len;
	if (first && last)
		msg_done(r, run_join(r, first, last));
	return NSCTP_REASM_OK;
}

/* Bytes in the consecutive run of fragments from @f on. */
static u32 run_bytes(struct ref_reasm *r, struct ref_frag *f)
{
	struct ref_frag *n;
	u32 len = f->len;

	while ((n = frag_next(r, f)) && n->tsn == f->tsn + 1) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		len += n->len;
		f = n;
	}
	return len;
}

/**
 * ref_reasm_pd_start() - start a partial delivery if one is due
 * @r: the state
 * @pressure: the receive window is nearly exhausted: deliver the first
 *	message that may go, however little of it arrived
 * @pd_point: SCTP_PARTIAL_DELIVERY_POINT (0: none): deliver a message
 *	once this many of its bytes arrived in a row
 *
 * Return: whether one started (it may also have ended already).
 */
bool ref_reasm_pd_start(struct ref_reasm *r, bool pressure, u32 pd_point)
{
	struct ref_frag *f;

	if (r->pd || r->held)
		return false;
	if (!pressure && (!pd_point || r->frag_bytes < pd_point))
		return false;
	list_for_each_entry(f, &r->frags, node) {
		NSCTP_REASM_STEP();	/* tools/: counted as the core is */
		if (!(f->flags & NSCTP_FRAG_B) || !in_order(r, f))
			continue;
		if (!pressure && run_bytes(r, f) < pd_point)
			continue;
		r->pd = true;
		r->pd_sid = f->sid;
		r->pd_ssn = f->ssn;
		r->pd_flags = f->flags & NSCTP_FRAG_U;
		r->pd_first = f->tsn;
		r->pd_next = f->tsn;
		pd_push(r, f);
		return true;
	}
	return false;
}

/**
 * ref_reasm_hold() - hold, or stop holding, every delivery
 * @r: the state
 * @held: while true, whole messages wait in the lobby and no partial
 *	delivery starts; one under way goes on
 */
void ref_reasm_hold(struct ref_reasm *r, bool held)
{
	r->held = held;
	if (!held)
		lobby_release(r);
}

/**
 * ref_reasm_set_level() - SCTP_FRAGMENT_INTERLEAVE for this association
 * @r: the state
 * @level: 0, 1 or 2
 */
void ref_reasm_set_level(struct ref_reasm *r, u8 level)
{
	r->level = level;
	lobby_release(r);
}

/**
 * ref_reasm_purge() - drop everything held (ops->free), end a partial
 *	delivery
 * @r: the state; ref_reasm_init() may be called on it again
 */
void ref_reasm_purge(struct ref_reasm *r)
{
	struct ref_frag *f, *tmp;

	list_for_each_entry_safe(f, tmp, &r->frags, node) {
		list_del(&f->node);
		r->ops->free(r, f);
	}
	list_for_each_entry_safe(f, tmp, &r->lobby, node) {
		list_del(&f->node);
		r->ops->free(r, f);
	}
	r->frag_bytes = 0;
	r->pd = false;
}
