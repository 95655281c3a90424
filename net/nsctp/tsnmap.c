// SPDX-License-Identifier: GPL-2.0
/*
 * The receiver's TSN map (RFC 9260 §6.2, §6.7, §3.3.4).
 *
 * What it records. A receiver acknowledges the highest TSN up to which
 * every DATA chunk arrived (the cumulative TSN ack point, @cum) and
 * describes what arrived above it as gap ack blocks: runs of received
 * TSNs, given as 16-bit offsets from @cum. Everything at or below @cum is
 * a duplicate, and so is a TSN above it that was already marked; the
 * duplicates seen since the last SACK are listed in the next one.
 *
 * Serial numbers. TSNs wrap at 2^32, so every comparison is the RFC 1982
 * one the RFC asks for (§1.6): a is after b when (s32)(a - b) > 0. A TSN
 * half the number space or more ahead of @cum is therefore "behind" it,
 * a duplicate. All offsets are u32 differences from @cum, which wrap
 * correctly.
 *
 * Layout. Only TSNs in (@cum, @highest] can have arrived out of order,
 * and @highest - @cum < @nbits, so a circular bitmap of @nbits bits
 * indexed by (tsn mod @nbits) holds them; @nbits is a power of two that
 * divides 2^32, so the index needs no adjustment when TSNs wrap, and it
 * is a multiple of BITS_PER_LONG, so the bit inside a word is simply
 * (tsn mod BITS_PER_LONG). The bits of @cum and of every TSN below it or
 * above @highest are kept clear, so a position is clean when the window
 * comes round to it again. When there is no gap, @highest equals @cum
 * and no bit is set at all.
 *
 * Size. The bitmap starts at NSCTP_TSNMAP_INIT_BITS (512 bits, 64 bytes)
 * and doubles, re-laid once, when a TSN at offset >= @nbits arrives, up to
 * NSCTP_TSNMAP_MAX_WINDOW bits (8 KiB); a TSN at offset >= the maximum is
 * refused (TOO_FAR) so gap offsets always fit 16 bits. It never shrinks:
 * a peer that once had 64k TSNs in flight likely will again.
 *
 * Costs. In-order arrival with no gap (tsn == @cum + 1, @highest == @cum)
 * only bumps two counters and never reads the bitmap. Marking any other
 * TSN sets one bit; when it fills the hole right after @cum, @cum moves
 * over the run of received TSNs a word at a time, clearing them:
 * O(TSNs advanced / BITS_PER_LONG). Gap enumeration and FORWARD TSN skips
 * scan words between @cum and @highest only: O((@highest - @cum) /
 * BITS_PER_LONG). Growth copies runs of set bits: O(old words), at most
 * seven times in the map's life.
 *
 * Locking: none; the caller holds the socket lock. This file uses no
 * kernel-only API, so tools/ builds it in userspace for unit tests and
 * libFuzzer (kcalloc()/kfree(), __ffs(), min_t() are shimmed there).
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <net/nsctp/tsnmap.h>

/* RFC 1982 serial number comparison (§1.6): is @a after @b? */
static bool tsn_after(u32 a, u32 b)
{
	return (s32)(a - b) > 0;
}

static unsigned long *word_of(const struct nsctp_tsnmap *m, u32 tsn)
{
	return &m->bits[(tsn & (m->nbits - 1)) / BITS_PER_LONG];
}

static bool tsn_marked(const struct nsctp_tsnmap *m, u32 tsn)
{
	return (*word_of(m, tsn) >> (tsn % BITS_PER_LONG)) & 1;
}

/* How many TSNs from @tsn on, at most @limit, have their bit equal to
 * @set: one word per step.
 */
static u32 run_len(const struct nsctp_tsnmap *m, u32 tsn, u32 limit, bool set)
{
	u32 n = 0;

	while (n < limit) {
		unsigned int b = (tsn + n) % BITS_PER_LONG;
		unsigned long w = *word_of(m, tsn + n);

		/* Ones where the run ends; the shift brings in zeros. */
		w = (set ? ~w : w) >> b;
		if (w) {
			n += __ffs(w);
			break;
		}
		n += BITS_PER_LONG - b;
	}
	return min(n, limit);
}

/* Set or clear the bits of @n TSNs from @tsn on (@n <= @m->nbits). */
static void fill(struct nsctp_tsnmap *m, u32 tsn, u32 n, bool set)
{
	while (n) {
		unsigned int b = tsn % BITS_PER_LONG;
		unsigned int k = min_t(u32, n, BITS_PER_LONG - b);
		unsigned long mask = (~0UL >> (BITS_PER_LONG - k)) << b;

		if (set)
			*word_of(m, tsn) |= mask;
		else
			*word_of(m, tsn) &= ~mask;
		tsn += k;
		n -= k;
	}
}

/* Move @cum over the TSNs received right after it, clearing their bits. */
static void advance(struct nsctp_tsnmap *m)
{
	u32 n = run_len(m, m->cum + 1, m->highest - m->cum, true);

	fill(m, m->cum + 1, n, false);
	m->cum += n;
}

/* Re-lay the marks into a bitmap of @nbits bits (more than now). */
static int grow(struct nsctp_tsnmap *m, u32 nbits, gfp_t gfp)
{
	struct nsctp_tsnmap new = { .nbits = nbits };
	u32 tsn = m->cum + 1, left = m->highest - m->cum;
	u32 n;

	new.bits = kcalloc(nbits / BITS_PER_LONG, sizeof(unsigned long), gfp);
	if (!new.bits)
		return -ENOMEM;
	while (left) {
		n = run_len(m, tsn, left, false);
		tsn += n;
		left -= n;
		n = run_len(m, tsn, left, true);
		fill(&new, tsn, n, true);
		tsn += n;
		left -= n;
	}
	kfree(m->bits);
	m->bits = new.bits;
	m->nbits = nbits;
	return 0;
}

/**
 * nsctp_tsnmap_init() - an empty map expecting @initial_tsn next
 * @m: the map; its previous contents are ignored (free it first)
 * @initial_tsn: the peer's Initial TSN (§5.1: cum starts one below it)
 * @gfp: allocation context
 *
 * Return: 0 or -ENOMEM.
 */
int nsctp_tsnmap_init(struct nsctp_tsnmap *m, u32 initial_tsn, gfp_t gfp)
{
	*m = (struct nsctp_tsnmap){
		.cum = initial_tsn - 1,
		.highest = initial_tsn - 1,
	};
	m->bits = kcalloc(NSCTP_TSNMAP_INIT_BITS / BITS_PER_LONG,
			  sizeof(unsigned long), gfp);
	if (!m->bits)
		return -ENOMEM;
	m->nbits = NSCTP_TSNMAP_INIT_BITS;
	return 0;
}

/**
 * nsctp_tsnmap_free() - release the bitmap
 * @m: the map; also fine on a zeroed or already freed one
 *
 * Forgets the gaps and duplicates but keeps @cum, so the map stays
 * usable (it allocates again when a gap appears).
 */
void nsctp_tsnmap_free(struct nsctp_tsnmap *m)
{
	kfree(m->bits);
	m->bits = NULL;
	m->nbits = 0;
	m->highest = m->cum;
	m->ndups = 0;
}

/**
 * nsctp_tsnmap_check() - classify a received DATA chunk's TSN
 * @m: the map
 * @tsn: the TSN
 *
 * Return: NSCTP_TSN_DUP when @tsn is at or below the cumulative TSN
 * (serial arithmetic) or already marked, NSCTP_TSN_TOO_FAR when
 * tsn - cum >= NSCTP_TSNMAP_MAX_WINDOW, else NSCTP_TSN_NEW.
 */
enum nsctp_tsn_verdict nsctp_tsnmap_check(const struct nsctp_tsnmap *m,
					  u32 tsn)
{
	if (!tsn_after(tsn, m->cum))
		return NSCTP_TSN_DUP;
	if (tsn - m->cum >= NSCTP_TSNMAP_MAX_WINDOW)
		return NSCTP_TSN_TOO_FAR;
	if (tsn_after(tsn, m->highest) || !tsn_marked(m, tsn))
		return NSCTP_TSN_NEW;
	return NSCTP_TSN_DUP;
}

/**
 * nsctp_tsnmap_mark() - record that @tsn arrived
 * @m: the map
 * @tsn: a TSN nsctp_tsnmap_check() called NEW
 * @gfp: allocation context, should the bitmap have to grow
 *
 * Advances the cumulative TSN over every TSN received in sequence. A TSN
 * that is not NEW changes nothing: a duplicate returns 0 (it is recorded
 * already), one too far returns -ERANGE.
 *
 * Return: 0, or -ENOMEM (or -ERANGE) with the map unchanged.
 */
int nsctp_tsnmap_mark(struct nsctp_tsnmap *m, u32 tsn, gfp_t gfp)
{
	u32 off = tsn - m->cum;
	u32 nbits;
	int err;

	/* The common case: in order, nothing out of order pending. */
	if (off == 1 && m->highest == m->cum) {
		m->cum = tsn;
		m->highest = tsn;
		return 0;
	}
	if (!tsn_after(tsn, m->cum))
		return 0;
	if (off >= NSCTP_TSNMAP_MAX_WINDOW)
		return -ERANGE;
	if (off >= m->nbits) {
		nbits = m->nbits ? m->nbits : NSCTP_TSNMAP_INIT_BITS;
		while (nbits <= off)
			nbits *= 2;
		err = grow(m, nbits, gfp);
		if (err)
			return err;
	}
	if (tsn_after(tsn, m->highest))
		m->highest = tsn;
	fill(m, tsn, 1, true);
	if (off == 1)
		advance(m);
	return 0;
}

/**
 * nsctp_tsnmap_note_dup() - remember a duplicate TSN for the next SACK
 * @m: the map
 * @tsn: the duplicate
 *
 * Every arrival counts, the same TSN possibly more than once (§3.3.4);
 * beyond NSCTP_TSNMAP_MAX_DUPS per SACK they are not reported.
 */
void nsctp_tsnmap_note_dup(struct nsctp_tsnmap *m, u32 tsn)
{
	if (m->ndups < NSCTP_TSNMAP_MAX_DUPS)
		m->dups[m->ndups++] = tsn;
}

/**
 * nsctp_tsnmap_gaps() - the gap ack blocks to put in a SACK
 * @m: the map
 * @g: where to store them, lowest first, as offsets from the cum TSN
 * @max: room in @g
 *
 * Return: how many blocks were stored (the lowest @max if there are more).
 */
unsigned int nsctp_tsnmap_gaps(const struct nsctp_tsnmap *m,
			       struct nsctp_gap *g, unsigned int max)
{
	u32 off = 1, end = m->highest - m->cum;
	unsigned int n = 0;
	u32 len;

	/* @highest is marked, so each hole ends in a block. */
	while (n < max && off <= end) {
		off += run_len(m, m->cum + off, end - off + 1, false);
		len = run_len(m, m->cum + off, end - off + 1, true);
		g[n].start = off;
		g[n].end = off + len - 1;
		n++;
		off += len;
	}
	return n;
}

/**
 * nsctp_tsnmap_missing() - TSNs still missing below the highest received
 * @m: the map
 *
 * Return: how many TSNs in (cum, highest] have not arrived: the holes
 * the gap ack blocks leave (SCTP_STATUS's sstat_penddata).
 */
u32 nsctp_tsnmap_missing(const struct nsctp_tsnmap *m)
{
	u32 off = 1, end = m->highest - m->cum, miss = 0, len;

	/* @highest is marked, so each hole ends in a block */
	while (off <= end) {
		len = run_len(m, m->cum + off, end - off + 1, false);
		miss += len;
		off += len;
		off += run_len(m, m->cum + off, end - off + 1, true);
	}
	return miss;
}

/**
 * nsctp_tsnmap_take_dups() - the duplicate TSNs to put in a SACK
 * @m: the map; its list is emptied (§3.3.4: it restarts with each SACK)
 * @out: where to store them, in arrival order
 * @max: room in @out
 *
 * Return: how many were stored.
 */
unsigned int nsctp_tsnmap_take_dups(struct nsctp_tsnmap *m, u32 *out,
				    unsigned int max)
{
	unsigned int i, n = min_t(unsigned int, m->ndups, max);

	for (i = 0; i < n; i++)
		out[i] = m->dups[i];
	m->ndups = 0;
	return n;
}

/**
 * nsctp_tsnmap_skip() - count every TSN up to @new_cum as received
 * @m: the map
 * @new_cum: the New Cumulative TSN of a FORWARD TSN chunk (RFC 3758)
 *
 * Nothing happens when @new_cum is not after the cumulative TSN; else it
 * becomes the cumulative TSN, which then also moves over the TSNs marked
 * right after it.
 */
void nsctp_tsnmap_skip(struct nsctp_tsnmap *m, u32 new_cum)
{
	if (!tsn_after(new_cum, m->cum))
		return;
	if (!tsn_after(m->highest, new_cum)) {
		fill(m, m->cum + 1, m->highest - m->cum, false);
		m->cum = new_cum;
		m->highest = new_cum;
		return;
	}
	fill(m, m->cum + 1, new_cum - m->cum, false);
	m->cum = new_cum;
	advance(m);
}
