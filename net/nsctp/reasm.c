// SPDX-License-Identifier: GPL-2.0
/*
 * Reassembly, per-stream order and partial delivery (RFC 9260 §6.5,
 * §6.6, §6.9; RFC 6458 §8.1.20), as pure decisions over fragment
 * descriptors (struct nsctp_frag); see reasm.h for how the caller carries
 * them out.
 *
 * Fragments. A sender splits a user message into DATA chunks with
 * consecutive TSNs, the first with the B bit, the last with the E bit,
 * all with the same stream, the same U bit and, when ordered, the same
 * SSN. A received fragment that is not a whole message waits on @tree,
 * a red-black tree by TSN (serial arithmetic, §1.6: consistent because
 * the caller keeps every held TSN within 2^31 of the others). Two
 * fragments with consecutive TSNs must agree: either the first ends a
 * message (E) and the second begins one (B), or neither, and then they
 * share stream, U bit and SSN. nsctp_reasm_add() checks this against
 * both neighbours when a fragment arrives, and refuses one that disagrees
 * (CONFLICT: the caller aborts the association with a Protocol
 * Violation). A fragment whose message already went (an ordered SSN
 * behind its stream's next, a piece handed out under partial delivery)
 * is refused the same way. What the core cannot tell from what it holds
 * (a middle fragment next to a TSN that went long ago) waits until the
 * association ends: it never completes, and it costs only the window of
 * the peer that sent it.
 *
 * Runs. Held fragments with consecutive TSNs form a run. A whole message
 * (B..E) never stays on the tree, so a run holds at most one boundary
 * (an E followed by a B): it is a piece of one message, or the end of
 * one and the beginning of the next. The run's last piece (from its B,
 * or from the run's start) is "open" unless the run ends with an E. A
 * run is described at its two ends, never inside:
 *  - @peer of its first fragment is its last TSN and vice versa (a run
 *    of one: its own TSN); the B of a run also keeps the last TSN in
 *    @peer when it is not the run's last;
 *  - the last fragment, unless it is a B itself, keeps in its second
 *    area (union nsctp_frag_ext) the bytes of the open piece and the TSN
 *    of its B (NSCTP_FS_OPENB).
 * A new fragment joins the run before it and the run after it; the
 * message it belongs to is whole when the run before has an open B (or
 * the fragment is one) and the run after has an E (or the fragment is
 * one). That message is taken off the tree and joined (ops->join); what
 * was before and after it in the run stays, with its ends updated.
 *
 * Order. A whole message goes to the user at once when it is unordered
 * or carries its stream's next SSN, and nothing holds it (below).
 * Otherwise it waits: on @lobby by (stream, SSN) when it is not its
 * stream's next, or on @ready when only a hold or a partial delivery
 * keeps it (by stream; the stream's unordered ones first, in arrival
 * order, then its next SSN). Delivering an ordered message looks up the
 * stream's next SSN on @lobby, and so on while they follow one another.
 * When a hold or a partial delivery ends, @ready goes in its order, each
 * ordered message followed by those of its stream that follow it.
 *
 * Partial delivery. nsctp_reasm_pd_start() hands the user the first
 * pieces of a message that is not whole yet, when the caller's window is
 * nearly exhausted (@pressure) or the message reached the partial
 * delivery point: the lowest-TSN message that begins on @tree, may go
 * next on its stream and (without pressure) has at least @pd_point bytes
 * in a row. Each later fragment with the next TSN goes at once, the last
 * one (E) ends it. Meanwhile the other messages of the association wait
 * (interleave levels 0 and 1), or only those of the same stream (level
 * 2); @held holds everything (level 0, when another association of the
 * socket is in a partial delivery). One partial delivery at a time.
 * To choose without walking, each first fragment (B) of a message not
 * whole is indexed by its second area: on @bwait by (stream, SSN) while
 * its SSN is not the stream's next, else on @bsmall or @bbig by TSN,
 * split at the partial delivery point (@pd_cut). A stream's next SSN
 * moves its B fragments from @bwait; one found on @bsmall/@bbig whose
 * stream moved past it goes back to @bwait when it is met.
 *
 * Costs, n being what is held, whatever the order of arrival:
 *  - nsctp_reasm_add(): O(log n) (a few tree searches), plus O(k) for
 *    the k fragments of a message it completes (joined or handed out
 *    once each) and O(log n + m) for m messages it releases;
 *  - nsctp_reasm_pd_start(): O(log n) amortised (a B fragment found
 *    behind its stream goes back once per time its SSN comes round);
 *    O(n log n) when @pd_point differs from the last call's (a socket
 *    option, set by the local user);
 *  - nsctp_reasm_hold(), nsctp_reasm_set_level(), the end of a partial
 *    delivery: O(log n + m) for m messages released;
 *  - nsctp_reasm_purge(): O(n).
 * tools/reasm_test.c counts the steps (NSCTP_REASM_STEP) to keep it so.
 *
 * This file uses no kernel-only API (<linux/list.h>, <linux/rbtree.h>
 * and the integer types only): tools/ builds it unchanged in userspace.
 */
#include <linux/list.h>
#include <linux/rbtree.h>
#include <net/nsctp/reasm.h>

/* One step of a walk or a tree search; tools/ counts them. */
#ifndef NSCTP_REASM_STEP
#define NSCTP_REASM_STEP()	((void)0)
#endif

/* nsctp_frag.state */
#define NSCTP_FS_OPENB	0x01	/* run end: ext->run.btsn is the open B */
#define NSCTP_FS_BWAIT	0x02	/* a B on @bwait */
#define NSCTP_FS_BBIG	0x04	/* a B on @bbig (neither: on @bsmall) */

/* RFC 1982 serial number arithmetic (RFC 9260 §1.6) */
static bool tsn_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static bool ssn_before(u16 a, u16 b)
{
	return (s16)(a - b) < 0;
}

static bool is_ordered(const struct nsctp_frag *f)
{
	return !(f->flags & NSCTP_FRAG_U);
}

static union nsctp_frag_ext *ext(const struct nsctp_reasm *r,
				 struct nsctp_frag *f)
{
	return (union nsctp_frag_ext *)((char *)f + r->ops->ext_off);
}

static struct nsctp_frag *frag_of(struct rb_node *n)
{
	return n ? rb_entry(n, struct nsctp_frag, node) : NULL;
}

static struct nsctp_frag *bfrag_of(const struct nsctp_reasm *r,
				   struct rb_node *n)
{
	return n ? (struct nsctp_frag *)((char *)n - r->ops->ext_off) : NULL;
}

/* May @b, with the TSN after @a's, follow @a? */
static bool agree(const struct nsctp_frag *a, const struct nsctp_frag *b)
{
	bool a_ends = a->flags & NSCTP_FRAG_E;
	bool b_begins = b->flags & NSCTP_FRAG_B;

	if (a_ends || b_begins)
		return a_ends && b_begins;
	return a->sid == b->sid &&
	       (a->flags & NSCTP_FRAG_U) == (b->flags & NSCTP_FRAG_U) &&
	       (!is_ordered(a) || a->ssn == b->ssn);
}

/* Is @m not to be delivered now, whatever its order? */
static bool blocked(const struct nsctp_reasm *r, const struct nsctp_frag *m)
{
	return r->held || (r->pd && (r->level < 2 || m->sid == r->pd_sid));
}

/* Unordered, or the next SSN of its stream? */
static bool in_order(const struct nsctp_reasm *r, const struct nsctp_frag *m)
{
	return !is_ordered(m) || m->ssn == r->next_ssn[m->sid];
}

/* ---- the fragments, by TSN ---- */

static struct nsctp_frag *frag_find(const struct nsctp_reasm *r, u32 tsn)
{
	struct rb_node *n = r->tree.rb_node;
	struct nsctp_frag *f;

	while (n) {
		NSCTP_REASM_STEP();
		f = frag_of(n);
		if (f->tsn == tsn)
			return f;
		n = tsn_before(tsn, f->tsn) ? n->rb_left : n->rb_right;
	}
	return NULL;
}

/* Where a fragment with @tsn goes, and its held neighbours. */
struct frag_place {
	struct rb_node		*parent;
	struct rb_node		**link;
	struct nsctp_frag	*prev;	/* the highest lower TSN */
	struct nsctp_frag	*next;	/* the lowest higher TSN */
};

/* Return: the fragment holding @tsn already, or NULL and @p filled. */
static struct nsctp_frag *frag_place(struct nsctp_reasm *r, u32 tsn,
				     struct frag_place *p)
{
	struct nsctp_frag *f;

	p->parent = NULL;
	p->link = &r->tree.rb_node;
	p->prev = NULL;
	p->next = NULL;
	while (*p->link) {
		NSCTP_REASM_STEP();
		p->parent = *p->link;
		f = frag_of(p->parent);
		if (f->tsn == tsn)
			return f;
		if (tsn_before(tsn, f->tsn)) {
			p->next = f;
			p->link = &p->parent->rb_left;
		} else {
			p->prev = f;
			p->link = &p->parent->rb_right;
		}
	}
	return NULL;
}

/* The other end of the run @f ends (first or last). */
static struct nsctp_frag *run_other_end(const struct nsctp_reasm *r,
					struct nsctp_frag *f)
{
	return f->peer == f->tsn ? f : frag_find(r, f->peer);
}

static void run_ends(struct nsctp_frag *first, struct nsctp_frag *last)
{
	first->peer = last->tsn;
	last->peer = first->tsn;
}

/* The last fragment of the run of @b, a B on the tree. */
static struct nsctp_frag *b_run_last(const struct nsctp_reasm *r,
				     struct nsctp_frag *b)
{
	if (b->peer == b->tsn || tsn_before(b->peer, b->tsn))
		return b;
	return frag_find(r, b->peer);
}

/* The B of the open piece of the run ending with @last, and the piece's
 * bytes in @tail (0 when the run ends with an E: nothing is open).
 */
static struct nsctp_frag *open_b(const struct nsctp_reasm *r,
				 struct nsctp_frag *last, u32 *tail)
{
	if (last->flags & NSCTP_FRAG_E) {
		*tail = 0;
		return NULL;
	}
	if (last->flags & NSCTP_FRAG_B) {
		*tail = last->len;
		return last;
	}
	*tail = ext(r, last)->run.tail;
	if (!(last->state & NSCTP_FS_OPENB))
		return NULL;
	return frag_find(r, ext(r, last)->run.btsn);
}

/* Record the open piece of the run ending with @last: from @b (or from
 * the run's start when NULL), @tail bytes.
 */
static void set_open(const struct nsctp_reasm *r, struct nsctp_frag *last,
		     struct nsctp_frag *b, u32 tail)
{
	if (last->flags & NSCTP_FRAG_B)
		return;		/* its area is its index node; tail = len */
	ext(r, last)->run.tail = tail;
	if (b) {
		ext(r, last)->run.btsn = b->tsn;
		last->state |= NSCTP_FS_OPENB;
	} else {
		last->state &= ~NSCTP_FS_OPENB;
	}
}

/* The first E of the run that begins with @first, if any. */
static struct nsctp_frag *run_first_e(const struct nsctp_reasm *r,
				      struct nsctp_frag *first)
{
	struct nsctp_frag *last = run_other_end(r, first), *b;
	u32 tail;

	if (!last)
		return NULL;
	if (last->flags & NSCTP_FRAG_E)
		return last;	/* then the run has no B */
	b = open_b(r, last, &tail);
	if (!b || b == first)
		return NULL;
	return frag_find(r, b->tsn - 1);
}

/* ---- the first fragments (B) of messages not whole ---- */

static bool bwait_less(const struct nsctp_frag *a, const struct nsctp_frag *b)
{
	if (a->sid != b->sid)
		return a->sid < b->sid;
	if (a->ssn != b->ssn)
		return a->ssn < b->ssn;
	return tsn_before(a->tsn, b->tsn);
}

static void bwait_add(struct nsctp_reasm *r, struct nsctp_frag *b)
{
	struct rb_node **link = &r->bwait.rb_node, *parent = NULL;

	while (*link) {
		NSCTP_REASM_STEP();
		parent = *link;
		if (bwait_less(b, bfrag_of(r, parent)))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	b->state = (b->state & ~NSCTP_FS_BBIG) | NSCTP_FS_BWAIT;
	rb_link_node(&ext(r, b)->bnode, parent, link);
	rb_insert_color(&ext(r, b)->bnode, &r->bwait);
}

/* On @bsmall or @bbig, by TSN, as @tail compares with @pd_cut. */
static void bgo_add(struct nsctp_reasm *r, struct nsctp_frag *b, u32 tail)
{
	bool big = tail >= r->pd_cut, leftmost = true;
	struct rb_root_cached *root = big ? &r->bbig : &r->bsmall;
	struct rb_node **link = &root->rb_root.rb_node, *parent = NULL;

	while (*link) {
		NSCTP_REASM_STEP();
		parent = *link;
		if (tsn_before(b->tsn, bfrag_of(r, parent)->tsn)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	b->state &= ~(NSCTP_FS_BWAIT | NSCTP_FS_BBIG);
	if (big)
		b->state |= NSCTP_FS_BBIG;
	rb_link_node(&ext(r, b)->bnode, parent, link);
	rb_insert_color_cached(&ext(r, b)->bnode, root, leftmost);
}

static void bidx_del(struct nsctp_reasm *r, struct nsctp_frag *b)
{
	struct rb_node *n = &ext(r, b)->bnode;

	if (b->state & NSCTP_FS_BWAIT)
		rb_erase(n, &r->bwait);
	else if (b->state & NSCTP_FS_BBIG)
		rb_erase_cached(n, &r->bbig);
	else
		rb_erase_cached(n, &r->bsmall);
	b->state &= ~(NSCTP_FS_BWAIT | NSCTP_FS_BBIG);
}

static void bidx_add(struct nsctp_reasm *r, struct nsctp_frag *b, u32 tail)
{
	if (in_order(r, b))
		bgo_add(r, b, tail);
	else
		bwait_add(r, b);
}

/* The open piece that begins with @b now has @tail bytes. */
static void b_grew(struct nsctp_reasm *r, struct nsctp_frag *b, u32 tail)
{
	bool big = tail >= r->pd_cut;

	if (b->state & NSCTP_FS_BWAIT)
		return;
	if (big == !!(b->state & NSCTP_FS_BBIG))
		return;
	bidx_del(r, b);
	bgo_add(r, b, tail);
}

/* Bytes in a row from @b, a B on the tree. */
static u32 b_tail(const struct nsctp_reasm *r, struct nsctp_frag *b)
{
	struct nsctp_frag *last = b_run_last(r, b);
	u32 tail;

	if (!last || last == b)
		return b->len;
	open_b(r, last, &tail);
	return tail;
}

/* @sid's next SSN moved: its B fragments with that SSN may go. */
static void b_wake(struct nsctp_reasm *r, u16 sid)
{
	struct rb_node *n = r->bwait.rb_node, *hit = NULL, *nx;
	u16 ssn = r->next_ssn[sid];
	struct nsctp_frag *b;

	while (n) {
		NSCTP_REASM_STEP();
		b = bfrag_of(r, n);
		if (b->sid < sid || (b->sid == sid && b->ssn < ssn)) {
			n = n->rb_right;
		} else {
			if (b->sid == sid && b->ssn == ssn)
				hit = n;
			n = n->rb_left;
		}
	}
	while (hit) {
		NSCTP_REASM_STEP();
		b = bfrag_of(r, hit);
		if (b->sid != sid || b->ssn != ssn)
			break;
		nx = rb_next(hit);
		rb_erase(hit, &r->bwait);
		bgo_add(r, b, b_tail(r, b));
		hit = nx;
	}
}

/* Split @bsmall/@bbig anew at @cut: everything on them moves. */
static void b_recut(struct nsctp_reasm *r, u32 cut)
{
	struct rb_root_cached old[2] = { r->bsmall, r->bbig };
	struct rb_node *n, *nx;
	unsigned int i;

	r->pd_cut = cut;
	r->bsmall = RB_ROOT_CACHED;
	r->bbig = RB_ROOT_CACHED;
	for (i = 0; i < 2; i++) {
		for (n = rb_first_postorder(&old[i].rb_root); n; n = nx) {
			NSCTP_REASM_STEP();
			nx = rb_next_postorder(n);
			bgo_add(r, bfrag_of(r, n), b_tail(r, bfrag_of(r, n)));
		}
	}
}

/* ---- whole messages that wait ---- */

static struct nsctp_frag *lobby_find(const struct nsctp_reasm *r, u16 sid,
				     u16 ssn)
{
	struct rb_node *n = r->lobby.rb_node;
	struct nsctp_frag *m;

	while (n) {
		NSCTP_REASM_STEP();
		m = frag_of(n);
		if (m->sid == sid && m->ssn == ssn)
			return m;
		if (sid < m->sid || (sid == m->sid && ssn < m->ssn))
			n = n->rb_left;
		else
			n = n->rb_right;
	}
	return NULL;
}

/* @ready's order: by stream, unordered before ordered; equals (the
 * unordered ones of a stream) in arrival order.
 */
static int ready_cmp(u16 sid, bool ordered, const struct nsctp_frag *m)
{
	if (sid != m->sid)
		return sid < m->sid ? -1 : 1;
	return (int)ordered - (int)is_ordered(m);
}

static void ready_add(struct nsctp_reasm *r, struct nsctp_frag *m)
{
	struct rb_node **link = &r->ready.rb_node, *parent = NULL;

	while (*link) {
		NSCTP_REASM_STEP();
		parent = *link;
		if (ready_cmp(m->sid, is_ordered(m), frag_of(parent)) < 0)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&m->node, parent, link);
	rb_insert_color(&m->node, &r->ready);
}

/* The ordered message of @sid on @ready (at most one: the next SSN). */
static struct nsctp_frag *ready_ordered(const struct nsctp_reasm *r, u16 sid)
{
	struct rb_node *n = r->ready.rb_node;
	int c;

	while (n) {
		NSCTP_REASM_STEP();
		c = ready_cmp(sid, true, frag_of(n));
		if (!c)
			return frag_of(n);
		n = c < 0 ? n->rb_left : n->rb_right;
	}
	return NULL;
}

/* The first message on @ready of a stream after @sid. */
static struct rb_node *ready_after(const struct nsctp_reasm *r, u16 sid)
{
	struct rb_node *n = r->ready.rb_node, *hit = NULL;

	while (n) {
		NSCTP_REASM_STEP();
		if (frag_of(n)->sid > sid) {
			hit = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return hit;
}

static void lobby_add(struct nsctp_reasm *r, struct nsctp_frag *m)
{
	struct rb_node **link = &r->lobby.rb_node, *parent = NULL;
	struct nsctp_frag *p;

	if (in_order(r, m)) {
		ready_add(r, m);
		return;
	}
	while (*link) {
		NSCTP_REASM_STEP();
		parent = *link;
		p = frag_of(parent);
		if (m->sid < p->sid || (m->sid == p->sid && m->ssn < p->ssn))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&m->node, parent, link);
	rb_insert_color(&m->node, &r->lobby);
}

/* Would a whole message with @f's stream and SSN be a second one? */
static bool ssn_taken(const struct nsctp_reasm *r, const struct nsctp_frag *f)
{
	const struct nsctp_frag *m;

	if (!is_ordered(f))
		return false;
	if (ssn_before(f->ssn, r->next_ssn[f->sid]))
		return true;
	if (r->pd && !(r->pd_flags & NSCTP_FRAG_U) && r->pd_sid == f->sid &&
	    r->pd_ssn == f->ssn)
		return true;
	if (lobby_find(r, f->sid, f->ssn))
		return true;
	m = ready_ordered(r, f->sid);
	return m && m->ssn == f->ssn;
}

/* Hand @m, a whole message, to the user. */
static void deliver_msg(struct nsctp_reasm *r, struct nsctp_frag *m)
{
	if (is_ordered(m))
		r->next_ssn[m->sid]++;
	r->ops->deliver(r, m);
}

/* An ordered message of @sid went and nothing holds @sid: deliver those
 * of @lobby that follow it, then let its B fragments with the new next
 * SSN be partially delivered.
 */
static void stream_go(struct nsctp_reasm *r, u16 sid)
{
	struct nsctp_frag *m = lobby_find(r, sid, r->next_ssn[sid]);
	struct rb_node *nx;

	while (m) {
		NSCTP_REASM_STEP();
		nx = rb_next(&m->node);
		rb_erase(&m->node, &r->lobby);
		deliver_msg(r, m);
		m = frag_of(nx);
		if (m && (m->sid != sid || m->ssn != r->next_ssn[sid]))
			m = NULL;
		if (!m && !r->next_ssn[sid])	/* SSN wrap */
			m = lobby_find(r, sid, 0);
	}
	b_wake(r, sid);
}

/* Deliver what waits on @ready and may go now, in its order. */
static void lobby_release(struct nsctp_reasm *r)
{
	struct rb_node *n, *nx;
	struct nsctp_frag *m;
	bool ordered;
	u16 sid;

	if (r->held || (r->pd && r->level < 2))
		return;
	n = rb_first(&r->ready);
	while (n) {
		NSCTP_REASM_STEP();
		m = frag_of(n);
		if (r->pd && m->sid == r->pd_sid) {
			n = ready_after(r, m->sid);
			continue;
		}
		nx = rb_next(n);
		rb_erase(n, &r->ready);
		ordered = is_ordered(m);
		sid = m->sid;
		deliver_msg(r, m);
		if (ordered)
			stream_go(r, sid);
		n = nx;
	}
}

/* A whole message: to the user, or to wait. */
static void msg_done(struct nsctp_reasm *r, struct nsctp_frag *m)
{
	bool ordered = is_ordered(m);
	u16 sid = m->sid;

	if (blocked(r, m) || !in_order(r, m)) {
		lobby_add(r, m);
		return;
	}
	deliver_msg(r, m);
	if (ordered)
		stream_go(r, sid);
}

/* ---- partial delivery ---- */

static void pd_end(struct nsctp_reasm *r)
{
	struct nsctp_frag *m;
	u16 sid = r->pd_sid;

	r->pd = false;
	if (!(r->pd_flags & NSCTP_FRAG_U)) {
		r->next_ssn[sid]++;
		m = lobby_find(r, sid, r->next_ssn[sid]);
		if (m) {
			rb_erase(&m->node, &r->lobby);
			ready_add(r, m);
		}
		b_wake(r, sid);
	}
	lobby_release(r);
}

/* Hand out @f, on the tree with the next TSN of the partial delivery,
 * and the consecutive fragments after it, up to the message's E.
 */
static void pd_push(struct nsctp_reasm *r, struct nsctp_frag *f)
{
	struct nsctp_frag *next, *last;
	bool e;

	while (f && f->tsn == r->pd_next) {
		NSCTP_REASM_STEP();
		next = frag_of(rb_next(&f->node));
		rb_erase(&f->node, &r->tree);
		r->frag_bytes -= f->len;
		r->pd_next++;
		e = f->flags & NSCTP_FRAG_E;
		f->flags |= NSCTP_FRAG_PD;
		r->ops->deliver(r, f);
		if (e) {
			/* what follows in the run begins with a B */
			if (next && next->tsn == r->pd_next) {
				last = b_run_last(r, next);
				if (last)
					run_ends(next, last);
			}
			pd_end(r);
			return;
		}
		f = next;
	}
}

/* May @f be the next piece of the partial delivery? */
static bool pd_continues(const struct nsctp_reasm *r,
			 const struct nsctp_frag *f)
{
	return !(f->flags & NSCTP_FRAG_B) && f->sid == r->pd_sid &&
	       (f->flags & NSCTP_FRAG_U) == (r->pd_flags & NSCTP_FRAG_U) &&
	       ((f->flags & NSCTP_FRAG_U) || f->ssn == r->pd_ssn);
}

/* @f has the next TSN of the partial delivery: out it goes, with what
 * follows it on the tree (@next, the run after it).
 */
static void pd_piece(struct nsctp_reasm *r, struct nsctp_frag *f,
		     struct nsctp_frag *next)
{
	bool e = f->flags & NSCTP_FRAG_E;

	r->pd_next++;
	f->flags |= NSCTP_FRAG_PD;
	r->ops->deliver(r, f);
	if (e)
		pd_end(r);
	else if (next)
		pd_push(r, next);
}

/* ---- arrival ---- */

/* @f, on the tree, joined the runs @prev ends and @next begins (either
 * may be NULL) and completes no message; @b is its message's first
 * fragment if held (f itself when it is a B), @ltail the bytes of
 * @prev's open piece.
 */
static void runs_joined(struct nsctp_reasm *r, struct nsctp_frag *f,
			struct nsctp_frag *prev, struct nsctp_frag *next,
			struct nsctp_frag *b, u32 ltail)
{
	struct nsctp_frag *first = prev ? run_other_end(r, prev) : f;
	struct nsctp_frag *last = next ? run_other_end(r, next) : f;
	struct nsctp_frag *rb = NULL;
	u32 tail = 0, rtail = 0;
	bool open;

	if (!first || !last)
		return;		/* cannot be: the ends are on the tree */
	run_ends(first, last);
	if (next) {
		/* the run after: does it end the open piece? */
		open = !(last->flags & NSCTP_FRAG_E);
		if (open)
			rb = open_b(r, last, &rtail);
		if (!open || rb)
			return;	/* its boundary stays the run's */
	} else if (f->flags & NSCTP_FRAG_E) {
		set_open(r, f, NULL, 0);
		return;
	}
	/* the open piece runs on to @last: f's message */
	if (!(f->flags & NSCTP_FRAG_B) && prev)
		tail = ltail;
	tail += f->len + rtail;
	set_open(r, last, b, tail);
	if (b == f) {
		bidx_add(r, f, tail);
		if (last != f)
			f->peer = last->tsn;
	} else if (b) {
		b_grew(r, b, tail);
		if (b != first)
			b->peer = last->tsn;
	}
}

/* @f, on the tree, completes the message @b..@e: take it off, join it,
 * and leave what was before and after it in the run.
 */
static void msg_whole(struct nsctp_reasm *r, struct nsctp_frag *f,
		      struct nsctp_frag *prev, struct nsctp_frag *next,
		      struct nsctp_frag *b, struct nsctp_frag *e)
{
	struct nsctp_frag *first = prev ? run_other_end(r, prev) : f;
	struct nsctp_frag *last = next ? run_other_end(r, next) : f;
	struct nsctp_frag *p, *n, *m;
	struct rb_node *nx;
	LIST_HEAD(run);
	u32 len = 0;

	if (b != f)
		bidx_del(r, b);
	if (first && first != b) {
		/* before: up to the E before @b */
		p = frag_of(rb_prev(&b->node));
		if (p) {
			run_ends(first, p);
			set_open(r, p, NULL, 0);
		}
	}
	if (last && last != e) {
		/* after: from the B after @e; its open piece is unchanged */
		n = frag_of(rb_next(&e->node));
		if (n)
			run_ends(n, last);
	}
	p = b;
	for (;;) {
		NSCTP_REASM_STEP();
		nx = rb_next(&p->node);
		rb_erase(&p->node, &r->tree);
		len += p->len;
		list_add_tail(&p->list, &run);
		if (p == e)
			break;
		p = frag_of(nx);
	}
	r->frag_bytes -= len;
	m = r->ops->join(r, &run);
	m->len = len;
	m->flags |= NSCTP_FRAG_BE;
	m->state = 0;
	msg_done(r, m);
}

/* @frags tells whether fragments wait (see reasm.h). */
static void busy_update(struct nsctp_reasm *r)
{
	bool any = !RB_EMPTY_ROOT(&r->tree);

	if (any && list_empty(&r->busy))
		list_add(&r->busy, &r->frags);
	else if (!any && !list_empty(&r->busy))
		list_del_init(&r->busy);
}

/**
 * nsctp_reasm_init() - an empty receive side
 * @r: the state
 * @ops: how decisions are carried out
 * @next_ssn: the next SSN per inbound stream, owned by the caller
 * @streams: entries in @next_ssn; fragments of other streams are refused
 */
void nsctp_reasm_init(struct nsctp_reasm *r, const struct nsctp_reasm_ops *ops,
		      u16 *next_ssn, u16 streams)
{
	r->tree = RB_ROOT;
	r->bwait = RB_ROOT;
	r->bsmall = RB_ROOT_CACHED;
	r->bbig = RB_ROOT_CACHED;
	r->lobby = RB_ROOT;
	r->ready = RB_ROOT;
	INIT_LIST_HEAD(&r->frags);
	INIT_LIST_HEAD(&r->busy);
	r->ops = ops;
	r->next_ssn = next_ssn;
	r->streams = streams;
	r->frag_bytes = 0;
	r->pd_cut = 0;
	r->level = 0;
	r->held = false;
	r->pd = false;
}

/**
 * nsctp_reasm_add() - a new fragment (or a whole message) arrived
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
enum nsctp_reasm_verdict nsctp_reasm_add(struct nsctp_reasm *r,
					 struct nsctp_frag *f)
{
	struct nsctp_frag *prev, *next, *first = NULL, *last = NULL;
	struct frag_place p;
	u32 ltail = 0;

	f->flags &= NSCTP_FRAG_BE | NSCTP_FRAG_U;
	f->state = 0;
	f->peer = f->tsn;
	if (r->pd && f->tsn - r->pd_first < r->pd_next - r->pd_first)
		return NSCTP_REASM_DUP;		/* handed out already */
	if (frag_place(r, f->tsn, &p))
		return NSCTP_REASM_DUP;
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
	prev = p.prev && p.prev->tsn + 1 == f->tsn ? p.prev : NULL;
	next = p.next && p.next->tsn == f->tsn + 1 ? p.next : NULL;
	if ((prev && !agree(prev, f)) || (next && !agree(f, next)))
		return NSCTP_REASM_CONFLICT;

	if (r->pd && f->tsn == r->pd_next) {
		pd_piece(r, f, next);
		busy_update(r);
		return NSCTP_REASM_OK;
	}
	if (f->flags & NSCTP_FRAG_B)
		first = f;
	else if (prev)
		first = open_b(r, prev, &ltail);
	if (first)
		last = f->flags & NSCTP_FRAG_E ? f :
		       next ? run_first_e(r, next) : NULL;
	if (first && last && ssn_taken(r, f))
		return NSCTP_REASM_CONFLICT;	/* a second message, same SSN */
	if (first == f && last == f) {
		msg_done(r, f);			/* not fragmented */
		return NSCTP_REASM_OK;
	}
	rb_link_node(&f->node, p.parent, p.link);
	rb_insert_color(&f->node, &r->tree);
	r->frag_bytes += f->len;
	if (first && last)
		msg_whole(r, f, prev, next, first, last);
	else
		runs_joined(r, f, prev, next, first, ltail);
	busy_update(r);
	return NSCTP_REASM_OK;
}

/**
 * nsctp_reasm_pd_start() - start a partial delivery if one is due
 * @r: the state
 * @pressure: the receive window is nearly exhausted: deliver the first
 *	message that may go, however little of it arrived
 * @pd_point: SCTP_PARTIAL_DELIVERY_POINT (0: none): deliver a message
 *	once this many of its bytes arrived in a row
 *
 * Return: whether one started (it may also have ended already).
 */
bool nsctp_reasm_pd_start(struct nsctp_reasm *r, bool pressure, u32 pd_point)
{
	struct nsctp_frag *b, *s, *p, *first, *last;

	if (r->pd || r->held)
		return false;
	if (!pressure && (!pd_point || r->frag_bytes < pd_point))
		return false;
	if (pd_point != r->pd_cut)
		b_recut(r, pd_point);
	for (;;) {
		NSCTP_REASM_STEP();
		b = bfrag_of(r, rb_first_cached(&r->bbig));
		s = pressure ? bfrag_of(r, rb_first_cached(&r->bsmall)) : NULL;
		if (s && (!b || tsn_before(s->tsn, b->tsn)))
			b = s;
		if (!b)
			return false;
		if (in_order(r, b))
			break;
		/* its stream went past its SSN: it waits for it again */
		bidx_del(r, b);
		bwait_add(r, b);
	}
	bidx_del(r, b);
	/* what was before it in its run ends with the E before it */
	p = frag_of(rb_prev(&b->node));
	if (p && p->tsn + 1 == b->tsn) {
		last = b_run_last(r, b);
		first = last == b ? frag_find(r, b->peer) :
			last ? run_other_end(r, last) : NULL;
		if (first) {
			run_ends(first, p);
			set_open(r, p, NULL, 0);
		}
	}
	r->pd = true;
	r->pd_sid = b->sid;
	r->pd_ssn = b->ssn;
	r->pd_flags = b->flags & NSCTP_FRAG_U;
	r->pd_first = b->tsn;
	r->pd_next = b->tsn;
	pd_push(r, b);
	busy_update(r);
	return true;
}

/**
 * nsctp_reasm_hold() - hold, or stop holding, every delivery
 * @r: the state
 * @held: while true, whole messages wait and no partial delivery
 *	starts; one under way goes on
 */
void nsctp_reasm_hold(struct nsctp_reasm *r, bool held)
{
	r->held = held;
	if (!held)
		lobby_release(r);
}

/**
 * nsctp_reasm_set_level() - SCTP_FRAGMENT_INTERLEAVE for this association
 * @r: the state
 * @level: 0, 1 or 2
 */
void nsctp_reasm_set_level(struct nsctp_reasm *r, u8 level)
{
	r->level = level;
	lobby_release(r);
}

static void free_all(struct nsctp_reasm *r, struct rb_root *root)
{
	struct nsctp_frag *f, *tmp;

	rbtree_postorder_for_each_entry_safe(f, tmp, root, node) {
		NSCTP_REASM_STEP();
		r->ops->free(r, f);
	}
	*root = RB_ROOT;
}

/**
 * nsctp_reasm_purge() - drop everything held (ops->free), end a partial
 *	delivery
 * @r: the state; nsctp_reasm_init() may be called on it again
 */
void nsctp_reasm_purge(struct nsctp_reasm *r)
{
	free_all(r, &r->tree);
	free_all(r, &r->lobby);
	free_all(r, &r->ready);
	r->bwait = RB_ROOT;
	r->bsmall = RB_ROOT_CACHED;
	r->bbig = RB_ROOT_CACHED;
	r->frag_bytes = 0;
	r->pd = false;
	busy_update(r);
}
