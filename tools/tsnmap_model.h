/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A deliberately naive reference model of net/nsctp/tsnmap.c, shared by
 * tsnmap_test.c and fuzz_tsnmap.c: the TSNs received above the cumulative
 * TSN kept as a sorted array (by offset from cum), with none of the map's
 * bit tricks. Each side of a comparison is computed a different way.
 */
#ifndef _NSCTP_TOOLS_TSNMAP_MODEL_H
#define _NSCTP_TOOLS_TSNMAP_MODEL_H

#include <string.h>
#include <net/nsctp/tsnmap.h>

#define MODEL_CAP	(2 * NSCTP_TSNMAP_MAX_WINDOW)

struct model {
	u32 cum;
	u32 head, n;		/* above[head .. head + n), ascending offsets */
	u32 above[MODEL_CAP];
	u32 ndups;
	u32 dups[NSCTP_TSNMAP_MAX_DUPS];
};

static inline void model_init(struct model *r, u32 initial_tsn)
{
	r->cum = initial_tsn - 1;
	r->head = 0;
	r->n = 0;
	r->ndups = 0;
}

static inline u32 model_highest(const struct model *r)
{
	return r->n ? r->above[r->head + r->n - 1] : r->cum;
}

/* Index (relative to head) of the first entry with offset >= @off. */
static inline u32 model_find(const struct model *r, u32 off)
{
	u32 lo = 0, hi = r->n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (r->above[r->head + mid] - r->cum < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline enum nsctp_tsn_verdict model_check(const struct model *r,
						 u32 tsn)
{
	u32 off = tsn - r->cum;
	u32 i;

	/* RFC 1982: offsets 0 and 2^31.. are "not after" cum */
	if (off == 0 || off >= 0x80000000u)
		return NSCTP_TSN_DUP;
	if (off >= NSCTP_TSNMAP_MAX_WINDOW)
		return NSCTP_TSN_TOO_FAR;
	i = model_find(r, off);
	if (i < r->n && r->above[r->head + i] == tsn)
		return NSCTP_TSN_DUP;
	return NSCTP_TSN_NEW;
}

static inline void model_pop_in_order(struct model *r)
{
	while (r->n && r->above[r->head] == r->cum + 1) {
		r->cum++;
		r->head++;
		r->n--;
	}
	if (!r->n)
		r->head = 0;
}

/* Record @tsn if NEW; otherwise nothing. */
static inline void model_mark(struct model *r, u32 tsn)
{
	u32 i;

	if (model_check(r, tsn) != NSCTP_TSN_NEW)
		return;
	if (r->head + r->n + 1 > MODEL_CAP) {
		memmove(r->above, r->above + r->head, r->n * sizeof(u32));
		r->head = 0;
	}
	i = model_find(r, tsn - r->cum);
	memmove(r->above + r->head + i + 1, r->above + r->head + i,
		(r->n - i) * sizeof(u32));
	r->above[r->head + i] = tsn;
	r->n++;
	model_pop_in_order(r);
}

static inline void model_skip(struct model *r, u32 new_cum)
{
	u32 off = new_cum - r->cum;

	if (off == 0 || off >= 0x80000000u)
		return;
	while (r->n && r->above[r->head] - r->cum <= off) {
		r->head++;
		r->n--;
	}
	r->cum = new_cum;
	model_pop_in_order(r);
}

/* Forget everything above cum, as nsctp_tsnmap_free() does. */
static inline void model_forget(struct model *r)
{
	r->head = 0;
	r->n = 0;
	r->ndups = 0;
}

static inline unsigned int model_gaps(const struct model *r,
				      struct nsctp_gap *g, unsigned int max)
{
	unsigned int k = 0;
	u32 i = 0;

	while (i < r->n && k < max) {
		u32 start = r->above[r->head + i] - r->cum;
		u32 end = start;

		while (i + 1 < r->n &&
		       r->above[r->head + i + 1] - r->cum == end + 1) {
			end++;
			i++;
		}
		i++;
		g[k].start = start;
		g[k].end = end;
		k++;
	}
	return k;
}

static inline void model_note_dup(struct model *r, u32 tsn)
{
	if (r->ndups < NSCTP_TSNMAP_MAX_DUPS)
		r->dups[r->ndups++] = tsn;
}

static inline unsigned int model_take_dups(struct model *r, u32 *out,
					   unsigned int max)
{
	unsigned int n = r->ndups < max ? r->ndups : max;

	memcpy(out, r->dups, n * sizeof(u32));
	r->ndups = 0;
	return n;
}

/* Most gap blocks a map can have: every other offset below the maximum. */
#define MODEL_MAX_GAPS	(NSCTP_TSNMAP_MAX_WINDOW / 2)

/* NULL when @m and @r agree on everything observable but the duplicate
 * list (which only take_dups() can read), else what differs.
 */
static inline const char *model_diff(const struct nsctp_tsnmap *m,
				     const struct model *r)
{
	static struct nsctp_gap gm[MODEL_MAX_GAPS], gr[MODEL_MAX_GAPS];
	unsigned int nm, nr;

	if (nsctp_tsnmap_cum(m) != r->cum)
		return "cum";
	if (nsctp_tsnmap_highest(m) != model_highest(r))
		return "highest";
	if (nsctp_tsnmap_has_gaps(m) != (r->n != 0))
		return "has_gaps";
	/* the holes: every offset up to the highest, less those received */
	if (nsctp_tsnmap_missing(m) != model_highest(r) - r->cum - r->n)
		return "missing";
	nm = nsctp_tsnmap_gaps(m, gm, MODEL_MAX_GAPS);
	nr = model_gaps(r, gr, MODEL_MAX_GAPS);
	if (nm != nr)
		return "gap count";
	if (memcmp(gm, gr, nm * sizeof(*gm)))
		return "gap blocks";
	return NULL;
}

#endif
