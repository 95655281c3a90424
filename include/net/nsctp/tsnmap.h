/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The receiver's record of which DATA TSNs have arrived (RFC 9260 §6.2,
 * §6.7): the cumulative TSN ack point, the gap ack blocks above it and
 * the duplicate TSNs to report in the next SACK (§3.3.4).
 *
 * Pure logic (tsnmap.c explains the layout and costs); tools/ builds the
 * same file in userspace for unit tests and libFuzzer. No locking inside:
 * the association's owner (the socket lock) serialises every call.
 */
#ifndef _NET_NSCTP_TSNMAP_H
#define _NET_NSCTP_TSNMAP_H

#include <linux/types.h>

/* TSNs the map can hold above the cumulative ack point: a TSN is
 * TOO_FAR when tsn - cum >= this. Gap block offsets (16 bits on the
 * wire) then always fit.
 */
#define NSCTP_TSNMAP_MAX_WINDOW	65536U
/* Bits allocated at first; doubled on demand up to the maximum. */
#define NSCTP_TSNMAP_INIT_BITS	512U
/* Duplicate TSNs remembered between two SACKs. */
#define NSCTP_TSNMAP_MAX_DUPS	16

/* A gap ack block: offsets from the cumulative TSN, host order (§3.3.4). */
struct nsctp_gap {
	u16 start, end;
};

/**
 * struct nsctp_tsnmap - which TSNs above the cumulative ack point arrived
 * @bits: circular bitmap, bit (tsn mod @nbits) set when tsn arrived;
 *	only TSNs in (@cum, @highest] are ever set
 * @nbits: size of @bits in bits: a power of two, 0 before init/after free
 * @cum: cumulative TSN ack point (every TSN up to it arrived)
 * @highest: highest TSN received; equal to @cum when there is no gap
 * @ndups: entries used in @dups
 * @dups: duplicate TSNs received since the last SACK, oldest first
 */
struct nsctp_tsnmap {
	unsigned long	*bits;
	u32		nbits;
	u32		cum;
	u32		highest;
	u32		ndups;
	u32		dups[NSCTP_TSNMAP_MAX_DUPS];
};

/* What a received TSN is to the map (nsctp_tsnmap_check()). */
enum nsctp_tsn_verdict {
	NSCTP_TSN_NEW,		/* not seen yet, and the map can hold it */
	NSCTP_TSN_DUP,		/* at or below cum, or already marked */
	NSCTP_TSN_TOO_FAR,	/* tsn - cum >= NSCTP_TSNMAP_MAX_WINDOW */
};

int nsctp_tsnmap_init(struct nsctp_tsnmap *m, u32 initial_tsn, gfp_t gfp);
void nsctp_tsnmap_free(struct nsctp_tsnmap *m);
enum nsctp_tsn_verdict nsctp_tsnmap_check(const struct nsctp_tsnmap *m,
					  u32 tsn);
int nsctp_tsnmap_mark(struct nsctp_tsnmap *m, u32 tsn, gfp_t gfp);
void nsctp_tsnmap_note_dup(struct nsctp_tsnmap *m, u32 tsn);
unsigned int nsctp_tsnmap_gaps(const struct nsctp_tsnmap *m,
			       struct nsctp_gap *g, unsigned int max);
u32 nsctp_tsnmap_missing(const struct nsctp_tsnmap *m);
unsigned int nsctp_tsnmap_take_dups(struct nsctp_tsnmap *m, u32 *out,
				    unsigned int max);
void nsctp_tsnmap_skip(struct nsctp_tsnmap *m, u32 new_cum);

/* The cumulative TSN ack point: every TSN up to it has arrived. */
static inline u32 nsctp_tsnmap_cum(const struct nsctp_tsnmap *m)
{
	return m->cum;
}

/* The highest TSN received, or the cumulative TSN when there is no gap. */
static inline u32 nsctp_tsnmap_highest(const struct nsctp_tsnmap *m)
{
	return m->highest;
}

/* Is any TSN above the cumulative ack point recorded (a gap below it)? */
static inline bool nsctp_tsnmap_has_gaps(const struct nsctp_tsnmap *m)
{
	return m->highest != m->cum;
}

#endif /* _NET_NSCTP_TSNMAP_H */
