/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reassembly, per-stream order and partial delivery of received DATA
 * (RFC 9260 §6.5, §6.6, §6.9; RFC 6458 §8.1.20), as pure decisions over
 * small fragment descriptors.
 *
 * reasm.c knows nothing of skbs: sm_data.c embeds a struct nsctp_frag in
 * each received chunk's skb->cb, and tools/ builds the same file in
 * userspace for unit tests and libFuzzer. The core decides; what it
 * decides is carried out through three callbacks (struct nsctp_reasm_ops):
 * join a run of fragments into one message, hand a message or a piece of
 * one to the user, free a fragment.
 *
 * Every operation costs O(log n) in what is held (reasm.c, "Costs"),
 * whatever order a peer sends fragments in. For that a descriptor lives
 * on red-black trees, and needs a second area (union nsctp_frag_ext)
 * beside it, at a fixed distance the caller states (ops->ext_off): in
 * the kernel the skb's rbnode, free while reassembly holds the skb.
 *
 * Layout on x86-64 (pahole), 48 bytes, skb->cb exactly:
 *
 *	 0  node/list  24   tree node while held; list node for ops->join
 *	24  tsn         4
 *	28  len         4
 *	32  sid         2
 *	34  ssn         2
 *	36  flags       1
 *	37  state       1   the core's own bits
 *	38  (hole)      2
 *	40  peer        4
 *	44  priv        4   the caller's (sm_data.c: the PPID)
 *
 * and union nsctp_frag_ext, 24 bytes (skb->rbnode: next, prev, dev).
 *
 * No locking inside: the association's owner (the socket lock)
 * serialises every call.
 */
#ifndef _NET_NSCTP_REASM_H
#define _NET_NSCTP_REASM_H

#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

/* nsctp_frag.flags: the DATA chunk flags of RFC 9260 §3.3.1, same bits */
#define NSCTP_FRAG_E	0x01	/* the last fragment of a message */
#define NSCTP_FRAG_B	0x02	/* the first fragment of a message */
#define NSCTP_FRAG_U	0x04	/* unordered */
#define NSCTP_FRAG_BE	(NSCTP_FRAG_B | NSCTP_FRAG_E)
/* set by the core on what partial delivery hands out */
#define NSCTP_FRAG_PD	0x80

/**
 * struct nsctp_frag - a received DATA chunk, or a whole message
 * @node: on the core's trees while it holds the fragment
 * @list: on the list ops->join gets (the node is free by then)
 * @tsn: its TSN; of a whole message, the TSN of its first fragment
 * @len: payload bytes; of a whole message, all of them
 * @sid: stream identifier
 * @ssn: stream sequence number (meaningless with NSCTP_FRAG_U)
 * @flags: NSCTP_FRAG_*
 * @state: the core's (which tree, what @peer and the area say)
 * @peer: the core's: a TSN of the same run of consecutive TSNs
 * @priv: the caller's; the core never reads or writes it
 *
 * The caller sets @tsn, @len, @sid, @ssn and @flags; the rest is the
 * core's while it holds the descriptor.
 */
struct nsctp_frag {
	union {
		struct rb_node		node;
		struct list_head	list;
	};
	u32			tsn;
	u32			len;
	u16			sid;
	u16			ssn;
	u8			flags;
	u8			state;
	u32			peer;
	u32			priv;
};

/**
 * union nsctp_frag_ext - the core's second area of a held fragment, at
 *	ops->ext_off bytes from its descriptor
 * @bnode: a fragment that begins a message (B without E): on the index
 *	of messages that began (what partial delivery chooses from)
 * @run: another fragment that ends a run of consecutive TSNs
 * @run.tail: bytes of the run's last message piece, from its first
 *	fragment (or from the run's start) to here
 * @run.btsn: TSN of that piece's first fragment (B), when it has one
 */
union nsctp_frag_ext {
	struct rb_node		bnode;
	struct {
		u32		tail;
		u32		btsn;
	} run;
};

struct nsctp_reasm;

/**
 * struct nsctp_reasm_ops - how the core's decisions are carried out
 * @join: make one message of the fragments on @run (linked by their
 *	@list: consecutive TSNs, first B, last E, at least two, already off
 *	the core's trees); return the descriptor that stands for it from
 *	now on, which must be the first fragment's. Cannot fail.
 * @deliver: hand @f to the user: a whole message (NSCTP_FRAG_BE set and
 *	NSCTP_FRAG_PD clear), or a piece of one under partial delivery
 *	(NSCTP_FRAG_PD; NSCTP_FRAG_E on the last piece)
 * @free: drop @f (nsctp_reasm_purge())
 * @ext_off: where a descriptor's union nsctp_frag_ext is, in bytes from
 *	the descriptor (may be negative); aligned for a pointer
 *
 * When a callback gets a descriptor, the core is done with its second
 * area: whatever it wrote there is the caller's to overwrite.
 */
struct nsctp_reasm_ops {
	struct nsctp_frag *(*join)(struct nsctp_reasm *r,
				   struct list_head *run);
	void (*deliver)(struct nsctp_reasm *r, struct nsctp_frag *f);
	void (*free)(struct nsctp_reasm *r, struct nsctp_frag *f);
	long ext_off;
};

/**
 * struct nsctp_reasm - the receive side of one association
 * @tree: fragments of messages not yet whole, by TSN (serial order: the
 *	caller keeps every held TSN within 2^31 of the others); two of
 *	them with consecutive TSNs always agree (same message or a clean
 *	boundary), which nsctp_reasm_add() checks when the second arrives
 * @bwait: first fragments (B) of ordered messages whose SSN is not their
 *	stream's next, by (stream, SSN, TSN)
 * @bsmall: first fragments that may be partially delivered (unordered,
 *	or their stream's next SSN; a few may have fallen behind it), with
 *	fewer than @pd_cut bytes in a row, by TSN
 * @bbig: the same with at least @pd_cut bytes in a row
 * @lobby: whole ordered messages that are not their stream's next, by
 *	(stream, SSN)
 * @ready: whole messages that would go but for a hold or a partial
 *	delivery, by stream (unordered ones first, in arrival order, then
 *	the stream's next SSN)
 * @frags: not empty exactly while fragments wait (it holds @busy):
 *	list_empty(&r->frags) is how sm_data.c asks, see
 *	nsctp_reasm_has_frags()
 * @busy: see @frags
 * @ops: the callbacks
 * @next_ssn: next SSN expected per inbound stream (@streams entries)
 * @streams: inbound streams
 * @frag_bytes: payload bytes on @tree
 * @pd_cut: the partial delivery point @bsmall and @bbig are split at
 * @level: SCTP_FRAGMENT_INTERLEAVE: 0 and 1 hold every other message of
 *	the association during a partial delivery, 2 only those of its
 *	stream
 * @held: deliver nothing, start no partial delivery (level 0: another
 *	association of the socket is in a partial delivery)
 * @pd: a partial delivery is under way
 * @pd_sid: its stream
 * @pd_ssn: its SSN
 * @pd_flags: its first fragment's flags (NSCTP_FRAG_U)
 * @pd_first: the TSN of its first fragment
 * @pd_next: the TSN of the next piece it hands out
 */
struct nsctp_reasm {
	struct rb_root			tree;
	struct rb_root			bwait;
	struct rb_root_cached		bsmall;
	struct rb_root_cached		bbig;
	struct rb_root			lobby;
	struct rb_root			ready;
	struct list_head		frags;
	struct list_head		busy;
	const struct nsctp_reasm_ops	*ops;
	u16				*next_ssn;
	u16				streams;
	u32				frag_bytes;
	u32				pd_cut;
	u8				level;
	bool				held;
	bool				pd;
	u16				pd_sid;
	u16				pd_ssn;
	u8				pd_flags;
	u32				pd_first;
	u32				pd_next;
};

/* What nsctp_reasm_add() did with a fragment. */
enum nsctp_reasm_verdict {
	NSCTP_REASM_OK,		/* taken (and maybe delivered) */
	NSCTP_REASM_DUP,	/* its TSN is held already: not taken */
	NSCTP_REASM_CONFLICT,	/* contradicts what arrived: not taken */
};

void nsctp_reasm_init(struct nsctp_reasm *r, const struct nsctp_reasm_ops *ops,
		      u16 *next_ssn, u16 streams);
enum nsctp_reasm_verdict nsctp_reasm_add(struct nsctp_reasm *r,
					 struct nsctp_frag *f);
bool nsctp_reasm_pd_start(struct nsctp_reasm *r, bool pressure, u32 pd_point);
void nsctp_reasm_hold(struct nsctp_reasm *r, bool held);
void nsctp_reasm_set_level(struct nsctp_reasm *r, u8 level);
void nsctp_reasm_purge(struct nsctp_reasm *r);

/* Is a partial delivery under way? */
static inline bool nsctp_reasm_pd_active(const struct nsctp_reasm *r)
{
	return r->pd;
}

/* Do fragments of messages not yet whole wait? */
static inline bool nsctp_reasm_has_frags(const struct nsctp_reasm *r)
{
	return !RB_EMPTY_ROOT(&r->tree);
}

#endif /* _NET_NSCTP_REASM_H */
