// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for net/nsctp/tsnmap.c. The input is an initial TSN
 * (4 bytes, little endian) and then operations of 3 bytes each: an
 * opcode byte (low nibble: what; high nibble: how far from cum the TSN
 * lies) and a 16-bit argument. Every operation runs on the map and on
 * the naive model of tsnmap_model.h; after each, everything observable
 * must agree, or we abort().
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/slab.h>

#include "tsnmap_model.h"

#define W	NSCTP_TSNMAP_MAX_WINDOW

static struct model ref;

static void fail(const char *what, unsigned int op)
{
	fprintf(stderr, "tsnmap and model disagree on %s at op %u\n",
		what, op);
	abort();
}

/* A TSN relative to cum: near it, across the map, at the TOO_FAR
 * boundary, behind it, half the number space away, or anywhere.
 */
static u32 pick_tsn(u32 cum, unsigned int how, u32 a)
{
	if (how < 8)
		return cum + (a & 0x3ff);
	if (how < 11)
		return cum + a;
	if (how < 13)
		return cum + W - 0x8000 + a;
	if (how == 13)
		return cum - a;
	if (how == 14)
		return cum + 0x80000000u - 0x8000 + a;
	return cum + (a << 16 | a);
}

/* A DATA chunk arrives: what the receive path does with its TSN. */
static void receive(struct nsctp_tsnmap *m, u32 tsn, unsigned int op)
{
	enum nsctp_tsn_verdict v = nsctp_tsnmap_check(m, tsn);

	if (v != model_check(&ref, tsn))
		fail("check", op);
	if (v == NSCTP_TSN_DUP) {
		nsctp_tsnmap_note_dup(m, tsn);
		model_note_dup(&ref, tsn);
	} else if (v == NSCTP_TSN_NEW) {
		if (nsctp_tsnmap_mark(m, tsn, GFP_ATOMIC))
			fail("mark", op);
		model_mark(&ref, tsn);
	}
}

/* mark() without check() first: DUP is a no-op, TOO_FAR -ERANGE; with
 * @gfp failing it may also return -ENOMEM, changing nothing.
 */
static void mark_any(struct nsctp_tsnmap *m, u32 tsn, gfp_t gfp,
		     unsigned int op)
{
	enum nsctp_tsn_verdict v = model_check(&ref, tsn);
	u32 nbits = m->nbits;
	int err = nsctp_tsnmap_mark(m, tsn, gfp);

	/* only a NEW TSN beyond the bitmap needs memory */
	if (err == -ENOMEM && (gfp & GFP_NSCTP_TEST_FAIL) &&
	    v == NSCTP_TSN_NEW && tsn - ref.cum >= nbits &&
	    (tsn - ref.cum > 1 || ref.n))
		return;
	if (err != (v == NSCTP_TSN_TOO_FAR ? -ERANGE : 0))
		fail("mark return", op);
	model_mark(&ref, tsn);
}

static void gaps_prefix(const struct nsctp_tsnmap *m, unsigned int max,
			unsigned int op)
{
	struct nsctp_gap gm[8], gr[8];
	unsigned int nm = nsctp_tsnmap_gaps(m, gm, max);

	if (nm != model_gaps(&ref, gr, max) ||
	    memcmp(gm, gr, nm * sizeof(*gm)))
		fail("gaps prefix", op);
}

static void take_dups(struct nsctp_tsnmap *m, unsigned int max,
		      unsigned int op)
{
	u32 dm[NSCTP_TSNMAP_MAX_DUPS + 4], dr[NSCTP_TSNMAP_MAX_DUPS + 4];
	unsigned int nm = nsctp_tsnmap_take_dups(m, dm, max);

	if (nm != model_take_dups(&ref, dr, max) ||
	    memcmp(dm, dr, nm * sizeof(u32)))
		fail("take_dups", op);
}

static void one_op(struct nsctp_tsnmap *m, const u8 *p, unsigned int op)
{
	u32 a = p[1] | p[2] << 8, i;
	u32 tsn = pick_tsn(ref.cum, p[0] >> 4, a);

	switch (p[0] & 15) {
	case 0 ... 4:
		receive(m, tsn, op);
		break;
	case 5:
		mark_any(m, tsn, GFP_ATOMIC, op);
		break;
	case 6:
		mark_any(m, tsn, GFP_NSCTP_TEST_FAIL, op);
		break;
	case 7:
		if (nsctp_tsnmap_check(m, tsn) != model_check(&ref, tsn))
			fail("check", op);
		break;
	case 8:
		nsctp_tsnmap_skip(m, tsn);
		model_skip(&ref, tsn);
		break;
	case 9:
		gaps_prefix(m, a % 9, op);
		break;
	case 10:
		take_dups(m, a % (NSCTP_TSNMAP_MAX_DUPS + 4), op);
		break;
	case 11:
		nsctp_tsnmap_note_dup(m, tsn);
		model_note_dup(&ref, tsn);
		break;
	case 12:
		/* the next few in order, filling holes on the way */
		for (i = 0; i <= a % 64; i++)
			receive(m, ref.cum + 1, op);
		break;
	case 13:
		/* a burst of consecutive TSNs from @tsn */
		for (i = 0; i <= a % 256; i++)
			receive(m, tsn + i, op);
		break;
	case 14:
		nsctp_tsnmap_free(m);
		model_forget(&ref);
		break;
	default:
		nsctp_tsnmap_free(m);
		if (nsctp_tsnmap_init(m, tsn, GFP_KERNEL))
			abort();
		model_init(&ref, tsn);
		break;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct nsctp_tsnmap m;
	unsigned int op;
	const char *why;
	u32 initial;

	if (size < 4)
		return 0;
	initial = data[0] | data[1] << 8 | data[2] << 16 | (u32)data[3] << 24;
	if (nsctp_tsnmap_init(&m, initial, GFP_KERNEL))
		abort();
	model_init(&ref, initial);
	for (op = 0; 4 + 3 * op + 3 <= size; op++) {
		one_op(&m, data + 4 + 3 * op, op);
		why = model_diff(&m, &ref);
		if (why)
			fail(why, op);
	}
	nsctp_tsnmap_free(&m);
	return 0;
}
