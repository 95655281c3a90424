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
 * No locking inside: the association's owner (the socket lock)
 * serialises every call.
 */
#ifndef _NET_NSCTP_REASM_H
#define _NET_NSCTP_REASM_H

#include <linux/list.h>
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
 * @node: on the core's lists while it holds the fragment
 * @tsn: its TSN; of a whole message, the TSN of its first fragment
 * @len: payload bytes; of a whole message, all of them
 * @sid: stream identifier
 * @ssn: stream sequence number (meaningless with NSCTP_FRAG_U)
 * @flags: NSCTP_FRAG_*
 */
struct nsctp_frag {
	struct list_head	node;
	u32			tsn;
	u32			len;
	u16			sid;
	u16			ssn;
	u8			flags;
};

struct nsctp_reasm;

/**
 * struct nsctp_reasm_ops - how the core's decisions are carried out
 * @join: make one message of the fragments on @run (consecutive TSNs,
 *	first B, last E, at least two, already off the core's lists);
 *	return the descriptor that stands for it from now on, which must
 *	be the first fragment's. Cannot fail.
 * @deliver: hand @f to the user: a whole message (NSCTP_FRAG_BE set and
 *	NSCTP_FRAG_PD clear), or a piece of one under partial delivery
 *	(NSCTP_FRAG_PD; NSCTP_FRAG_E on the last piece)
 * @free: drop @f (nsctp_reasm_purge())
 */
struct nsctp_reasm_ops {
	struct nsctp_frag *(*join)(struct nsctp_reasm *r,
				   struct list_head *run);
	void (*deliver)(struct nsctp_reasm *r, struct nsctp_frag *f);
	void (*free)(struct nsctp_reasm *r, struct nsctp_frag *f);
};

/**
 * struct nsctp_reasm - the receive side of one association
 * @frags: fragments of messages not yet whole, in TSN order; two of
 *	them with consecutive TSNs always agree (same message or a clean
 *	boundary), which nsctp_reasm_add() checks when the second arrives
 * @lobby: whole messages that may not go yet, by stream; in a stream,
 *	unordered ones (arrival order) first, then ordered by SSN
 * @ops: the callbacks
 * @next_ssn: next SSN expected per inbound stream (@streams entries)
 * @streams: inbound streams
 * @frag_bytes: payload bytes on @frags
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
	struct list_head		frags;
	struct list_head		lobby;
	const struct nsctp_reasm_ops	*ops;
	u16				*next_ssn;
	u16				streams;
	u32				frag_bytes;
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

#endif /* _NET_NSCTP_REASM_H */
