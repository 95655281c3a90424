/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference model for fuzz_reasm_diff.c: net/nsctp/reasm.c as it was
 * before its trees (commit b0e0e78), lists walked from end to end, with
 * its identifiers renamed (nsctp_ -> ref_) and its loops counted
 * (NSCTP_REASM_STEP, as the core's are). It decides what the core
 * decides; only its costs differ (reasm_test.c's complexity_check_can_fail
 * shows the step bound catching it). The flags and verdicts are the
 * core's. reasm_ref_env.h is its environment.
 */
#ifndef _NSCTP_TOOLS_REASM_REF_H
#define _NSCTP_TOOLS_REASM_REF_H

#include <linux/list.h>
#include <linux/types.h>
#include <net/nsctp/reasm.h>

/**
 * struct ref_frag - a received DATA chunk, or a whole message
 * @node: on the core's lists while it holds the fragment
 * @tsn: its TSN; of a whole message, the TSN of its first fragment
 * @len: payload bytes; of a whole message, all of them
 * @sid: stream identifier
 * @ssn: stream sequence number (meaningless with NSCTP_FRAG_U)
 * @flags: NSCTP_FRAG_*
 */
struct ref_frag {
	struct list_head	node;
	u32			tsn;
	u32			len;
	u16			sid;
	u16			ssn;
	u8			flags;
};

struct ref_reasm;

/**
 * struct ref_reasm_ops - how the core's decisions are carried out
 * @join: make one message of the fragments on @run (consecutive TSNs,
 *	first B, last E, at least two, already off the core's lists);
 *	return the descriptor that stands for it from now on, which must
 *	be the first fragment's. Cannot fail.
 * @deliver: hand @f to the user: a whole message (NSCTP_FRAG_BE set and
 *	NSCTP_FRAG_PD clear), or a piece of one under partial delivery
 *	(NSCTP_FRAG_PD; NSCTP_FRAG_E on the last piece)
 * @free: drop @f (ref_reasm_purge())
 */
struct ref_reasm_ops {
	struct ref_frag *(*join)(struct ref_reasm *r,
				   struct list_head *run);
	void (*deliver)(struct ref_reasm *r, struct ref_frag *f);
	void (*free)(struct ref_reasm *r, struct ref_frag *f);
};

/**
 * struct ref_reasm - the receive side of one association
 * @frags: fragments of messages not yet whole, in TSN order; two of
 *	them with consecutive TSNs always agree (same message or a clean
 *	boundary), which ref_reasm_add() checks when the second arrives
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
struct ref_reasm {
	struct list_head		frags;
	struct list_head		lobby;
	const struct ref_reasm_ops	*ops;
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

void ref_reasm_init(struct ref_reasm *r, const struct ref_reasm_ops *ops,
		      u16 *next_ssn, u16 streams);
enum nsctp_reasm_verdict ref_reasm_add(struct ref_reasm *r,
					 struct ref_frag *f);
bool ref_reasm_pd_start(struct ref_reasm *r, bool pressure, u32 pd_point);
void ref_reasm_hold(struct ref_reasm *r, bool held);
void ref_reasm_set_level(struct ref_reasm *r, u8 level);
void ref_reasm_purge(struct ref_reasm *r);

/* Is a partial delivery under way? */
static inline bool ref_reasm_pd_active(const struct ref_reasm *r)
{
	return r->pd;
}

#endif
