// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of net/nsctp/tsnmap.c: in-order arrival, gap ack blocks,
 * duplicates, the TOO_FAR boundary, growth and allocation failure,
 * wrap-around at 2^32, FORWARD TSN skips, and a long randomized run
 * against the naive model of tsnmap_model.h.
 */
#include <stdarg.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/nsctp/tsnmap.h>

#include "test.h"
#include "tsnmap_model.h"

#define W	NSCTP_TSNMAP_MAX_WINDOW
#define FAIL	GFP_NSCTP_TEST_FAIL

/* Do @m's gap blocks equal the @n (start, end) pairs that follow? */
static int gaps_are(const struct nsctp_tsnmap *m, unsigned int n, ...)
{
	struct nsctp_gap g[64];
	unsigned int i, got;
	va_list ap;
	int ok = 1;

	got = nsctp_tsnmap_gaps(m, g, 64);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		unsigned int s = va_arg(ap, unsigned int);
		unsigned int e = va_arg(ap, unsigned int);

		if (i >= got || g[i].start != s || g[i].end != e)
			ok = 0;
	}
	va_end(ap);
	if (got != n)
		ok = 0;
	if (!ok) {
		fprintf(stderr, "#   gaps:");
		for (i = 0; i < got; i++)
			fprintf(stderr, " %u-%u", g[i].start, g[i].end);
		fprintf(stderr, "\n");
	}
	return ok;
}

/* Mark @tsn after checking that it is NEW. */
static int mark(struct nsctp_tsnmap *m, u32 tsn)
{
	if (nsctp_tsnmap_check(m, tsn) != NSCTP_TSN_NEW)
		return -1;
	return nsctp_tsnmap_mark(m, tsn, GFP_ATOMIC);
}

TEST(init_empty)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1000, GFP_KERNEL), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 999);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 999);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	CHECK(gaps_are(&m, 0));
	CHECK_EQ(nsctp_tsnmap_check(&m, 999), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 1000), NSCTP_TSN_NEW);
	CHECK_EQ(m.nbits, NSCTP_TSNMAP_INIT_BITS);
	nsctp_tsnmap_free(&m);
}

TEST(init_initial_tsn_zero)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 0, GFP_KERNEL), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 0xffffffffu);
	CHECK_EQ(nsctp_tsnmap_check(&m, 0), NSCTP_TSN_NEW);
	CHECK_EQ(mark(&m, 0), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 0);
	nsctp_tsnmap_free(&m);
}

TEST(init_enomem)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 5, FAIL), -ENOMEM);
	nsctp_tsnmap_free(&m);	/* what callers do on the error path */
}

TEST(in_order)
{
	struct nsctp_tsnmap m;
	u32 t;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1, GFP_KERNEL), 0);
	for (t = 1; t <= 5000; t++) {
		CHECK_EQ(nsctp_tsnmap_check(&m, t), NSCTP_TSN_NEW);
		CHECK_EQ(nsctp_tsnmap_mark(&m, t, GFP_ATOMIC), 0);
		CHECK_EQ(nsctp_tsnmap_cum(&m), t);
		CHECK_EQ(nsctp_tsnmap_highest(&m), t);
		CHECK(!nsctp_tsnmap_has_gaps(&m));
	}
	CHECK_EQ(m.nbits, NSCTP_TSNMAP_INIT_BITS);
	nsctp_tsnmap_free(&m);
}

/* The in-order path never touches memory: it works even without a
 * bitmap and with every allocation failing.
 */
TEST(in_order_needs_no_memory)
{
	struct nsctp_tsnmap m;
	u32 t;

	CHECK_EQ(nsctp_tsnmap_init(&m, 7, GFP_KERNEL), 0);
	nsctp_tsnmap_free(&m);
	CHECK(!m.bits);
	for (t = 7; t < 7 + 3 * NSCTP_TSNMAP_INIT_BITS; t++)
		CHECK_EQ(nsctp_tsnmap_mark(&m, t, FAIL), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), t - 1);
	CHECK(!m.bits);
	/* a gap needs a bitmap again */
	CHECK_EQ(nsctp_tsnmap_mark(&m, t + 1, FAIL), -ENOMEM);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	CHECK_EQ(nsctp_tsnmap_mark(&m, t + 1, GFP_ATOMIC), 0);
	CHECK(gaps_are(&m, 1, 2, 2));
	nsctp_tsnmap_free(&m);
	nsctp_tsnmap_free(&m);	/* twice is fine */
}

TEST(gap_blocks)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 100, GFP_KERNEL), 0);
	/* cum 99; receive 101, 102, 104, 109..111 */
	CHECK_EQ(mark(&m, 101), 0);
	CHECK(nsctp_tsnmap_has_gaps(&m));
	CHECK_EQ(nsctp_tsnmap_cum(&m), 99);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 101);
	CHECK(gaps_are(&m, 1, 2, 2));
	CHECK_EQ(mark(&m, 102), 0);
	CHECK_EQ(mark(&m, 104), 0);
	CHECK_EQ(mark(&m, 111), 0);
	CHECK_EQ(mark(&m, 109), 0);
	CHECK_EQ(mark(&m, 110), 0);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 111);
	CHECK(gaps_are(&m, 3, 2, 3, 5, 5, 10, 12));
	/* 100 fills the first hole: cum runs over 100..102 */
	CHECK_EQ(mark(&m, 100), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 102);
	CHECK(gaps_are(&m, 2, 2, 2, 7, 9));
	/* a hole filled in the middle merges two blocks */
	CHECK_EQ(mark(&m, 105), 0);
	CHECK_EQ(mark(&m, 106), 0);
	CHECK_EQ(mark(&m, 108), 0);
	CHECK(gaps_are(&m, 2, 2, 4, 6, 9));
	CHECK_EQ(mark(&m, 107), 0);
	CHECK(gaps_are(&m, 1, 2, 9));
	CHECK_EQ(mark(&m, 103), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 111);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 111);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	CHECK(gaps_are(&m, 0));
	nsctp_tsnmap_free(&m);
}

TEST(gap_blocks_max)
{
	struct nsctp_tsnmap m;
	struct nsctp_gap g[4];
	u32 i;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1, GFP_KERNEL), 0);
	for (i = 1; i <= 10; i++)
		CHECK_EQ(mark(&m, 3 * i), 0);	/* blocks at 3, 6, ... */
	CHECK_EQ(nsctp_tsnmap_gaps(&m, g, 4), 4);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(g[i].start, 3 * (i + 1));
		CHECK_EQ(g[i].end, 3 * (i + 1));
	}
	CHECK_EQ(nsctp_tsnmap_gaps(&m, g, 0), 0);
	/* 1, 2, 4, 5, ... 28, 29: two holes before each block */
	CHECK_EQ(nsctp_tsnmap_missing(&m), 20);
	CHECK_EQ(mark(&m, 1), 0);
	CHECK_EQ(mark(&m, 2), 0);	/* cum moves to 3 */
	CHECK_EQ(nsctp_tsnmap_cum(&m), 3);
	CHECK_EQ(nsctp_tsnmap_missing(&m), 18);
	nsctp_tsnmap_free(&m);
}

/* Blocks crossing word boundaries, and one word entirely full. */
TEST(gap_blocks_word_edges)
{
	struct nsctp_tsnmap m;
	u32 t;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1, GFP_KERNEL), 0);
	/* cum 0: offsets 60..200 and 255..256 and 511 */
	for (t = 60; t <= 200; t++)
		CHECK_EQ(mark(&m, t), 0);
	CHECK_EQ(mark(&m, 256), 0);
	CHECK_EQ(mark(&m, 255), 0);
	CHECK_EQ(mark(&m, 511), 0);
	CHECK(gaps_are(&m, 3, 60, 200, 255, 256, 511, 511));
	for (t = 1; t < 60; t++)
		CHECK_EQ(mark(&m, t), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 200);
	CHECK(gaps_are(&m, 2, 55, 56, 311, 311));
	nsctp_tsnmap_free(&m);
}

TEST(duplicates)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 50, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, 50), 0);
	CHECK_EQ(mark(&m, 51), 0);
	CHECK_EQ(mark(&m, 55), 0);
	/* at and below cum */
	CHECK_EQ(nsctp_tsnmap_check(&m, 51), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 50), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 3), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 51 - 0x7fffffffu), NSCTP_TSN_DUP);
	/* RFC 1982: exactly half the space away is not "after" */
	CHECK_EQ(nsctp_tsnmap_check(&m, 51 + 0x80000000u), NSCTP_TSN_DUP);
	/* in a gap block and in the holes */
	CHECK_EQ(nsctp_tsnmap_check(&m, 55), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 52), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_check(&m, 54), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_check(&m, 56), NSCTP_TSN_NEW);
	/* marking a duplicate changes nothing */
	CHECK_EQ(nsctp_tsnmap_mark(&m, 55, GFP_ATOMIC), 0);
	CHECK_EQ(nsctp_tsnmap_mark(&m, 40, GFP_ATOMIC), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 51);
	CHECK(gaps_are(&m, 1, 4, 4));
	nsctp_tsnmap_free(&m);
}

TEST(dup_list)
{
	struct nsctp_tsnmap m;
	u32 out[32];
	u32 i;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1, GFP_KERNEL), 0);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 32), 0);
	/* the same TSN twice counts twice (§3.3.4) */
	nsctp_tsnmap_note_dup(&m, 7);
	nsctp_tsnmap_note_dup(&m, 7);
	nsctp_tsnmap_note_dup(&m, 3);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 32), 3);
	CHECK_EQ(out[0], 7);
	CHECK_EQ(out[1], 7);
	CHECK_EQ(out[2], 3);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 32), 0);
	/* capped at MAX_DUPS, the first ones kept */
	for (i = 0; i < NSCTP_TSNMAP_MAX_DUPS + 5; i++)
		nsctp_tsnmap_note_dup(&m, 100 + i);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 32), NSCTP_TSNMAP_MAX_DUPS);
	for (i = 0; i < NSCTP_TSNMAP_MAX_DUPS; i++)
		CHECK_EQ(out[i], 100 + i);
	/* a short buffer gets the oldest; the rest are forgotten */
	for (i = 0; i < 6; i++)
		nsctp_tsnmap_note_dup(&m, 200 + i);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 4), 4);
	CHECK_EQ(out[3], 203);
	CHECK_EQ(nsctp_tsnmap_take_dups(&m, out, 32), 0);
	nsctp_tsnmap_free(&m);
}

TEST(too_far_boundary)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1001, GFP_KERNEL), 0);
	/* cum 1000 */
	CHECK_EQ(nsctp_tsnmap_check(&m, 1000 + W - 1), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_check(&m, 1000 + W), NSCTP_TSN_TOO_FAR);
	CHECK_EQ(nsctp_tsnmap_check(&m, 1000 + 0x7fffffffu),
		 NSCTP_TSN_TOO_FAR);
	CHECK_EQ(nsctp_tsnmap_mark(&m, 1000 + W, GFP_ATOMIC), -ERANGE);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	CHECK_EQ(mark(&m, 1000 + W - 1), 0);
	CHECK(gaps_are(&m, 1, W - 1, W - 1));
	CHECK_EQ(m.nbits, W);
	/* the window moves with cum */
	CHECK_EQ(mark(&m, 1001), 0);
	CHECK_EQ(nsctp_tsnmap_check(&m, 1000 + W), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_check(&m, 1001 + W), NSCTP_TSN_TOO_FAR);
	CHECK_EQ(mark(&m, 1000 + W), 0);
	CHECK(gaps_are(&m, 1, W - 2, W - 1));
	nsctp_tsnmap_free(&m);
}

/* The whole window received but its first TSN, then that one. */
TEST(full_window)
{
	struct nsctp_tsnmap m;
	u32 t, base = 0xfffff000u;

	CHECK_EQ(nsctp_tsnmap_init(&m, base + 1, GFP_KERNEL), 0);
	for (t = 2; t < W; t++)
		CHECK_EQ(mark(&m, base + t), 0);
	CHECK(gaps_are(&m, 1, 2, W - 1));
	CHECK_EQ(nsctp_tsnmap_check(&m, base + W), NSCTP_TSN_TOO_FAR);
	CHECK_EQ(mark(&m, base + 1), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), base + W - 1);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	/* every bit was cleared on the way */
	for (t = 0; t < m.nbits / BITS_PER_LONG; t++)
		CHECK_EQ(m.bits[t], 0);
	nsctp_tsnmap_free(&m);
}

TEST(growth)
{
	struct nsctp_tsnmap m;
	u32 cum = 77;

	CHECK_EQ(nsctp_tsnmap_init(&m, cum + 1, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, cum + 3), 0);
	CHECK_EQ(mark(&m, cum + 4), 0);
	CHECK_EQ(mark(&m, cum + 511), 0);
	CHECK_EQ(m.nbits, 512);
	/* offset 512 needs 1024 bits; the old marks survive */
	CHECK_EQ(mark(&m, cum + 512), 0);
	CHECK_EQ(m.nbits, 1024);
	CHECK(gaps_are(&m, 2, 3, 4, 511, 512));
	/* straight to 8192 */
	CHECK_EQ(mark(&m, cum + 5000), 0);
	CHECK_EQ(m.nbits, 8192);
	CHECK(gaps_are(&m, 3, 3, 4, 511, 512, 5000, 5000));
	CHECK_EQ(mark(&m, cum + 8191), 0);
	CHECK_EQ(m.nbits, 8192);
	CHECK_EQ(mark(&m, cum + 8192), 0);
	CHECK_EQ(m.nbits, 16384);
	CHECK(gaps_are(&m, 4, 3, 4, 511, 512, 5000, 5000, 8191, 8192));
	CHECK_EQ(mark(&m, cum + 1), 0);
	CHECK_EQ(mark(&m, cum + 2), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), cum + 4);
	CHECK(gaps_are(&m, 3, 507, 508, 4996, 4996, 8187, 8188));
	nsctp_tsnmap_free(&m);
}

/* A failed growth leaves the map exactly as it was. */
TEST(growth_enomem)
{
	struct nsctp_tsnmap m;
	unsigned long *bits;

	CHECK_EQ(nsctp_tsnmap_init(&m, 10, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, 12), 0);
	CHECK_EQ(mark(&m, 300), 0);
	bits = m.bits;
	/* no growth needed: the flag does not matter */
	CHECK_EQ(nsctp_tsnmap_mark(&m, 400, FAIL), 0);
	CHECK_EQ(nsctp_tsnmap_mark(&m, 9 + 512, FAIL), -ENOMEM);
	CHECK(m.bits == bits);
	CHECK_EQ(m.nbits, 512);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 400);
	CHECK(gaps_are(&m, 3, 3, 3, 291, 291, 391, 391));
	CHECK_EQ(nsctp_tsnmap_check(&m, 9 + 512), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_mark(&m, 9 + 512, GFP_ATOMIC), 0);
	CHECK(gaps_are(&m, 4, 3, 3, 291, 291, 391, 391, 512, 512));
	nsctp_tsnmap_free(&m);
}

/* Gaps, holes and blocks straddling 0xffffffff -> 0. */
TEST(wrap_around)
{
	struct nsctp_tsnmap m;
	u32 t;

	CHECK_EQ(nsctp_tsnmap_init(&m, 0xfffffff0u, GFP_KERNEL), 0);
	for (t = 0xfffffff0u; t != 0xfffffffcu; t++)
		CHECK_EQ(mark(&m, t), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 0xfffffffbu);
	/* blocks: 0xfffffffe..1, 5 */
	CHECK_EQ(mark(&m, 0xfffffffeu), 0);
	CHECK_EQ(mark(&m, 0xffffffffu), 0);
	CHECK_EQ(mark(&m, 0), 0);
	CHECK_EQ(mark(&m, 1), 0);
	CHECK_EQ(mark(&m, 5), 0);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 5);
	CHECK(gaps_are(&m, 2, 3, 6, 10, 10));
	CHECK_EQ(nsctp_tsnmap_check(&m, 0), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 2), NSCTP_TSN_NEW);
	CHECK_EQ(nsctp_tsnmap_check(&m, 0xfffffffau), NSCTP_TSN_DUP);
	CHECK_EQ(nsctp_tsnmap_check(&m, 0xfffffffbu + W), NSCTP_TSN_TOO_FAR);
	CHECK_EQ(nsctp_tsnmap_check(&m, 0xfffffffbu + W - 1), NSCTP_TSN_NEW);
	CHECK_EQ(mark(&m, 0xfffffffcu), 0);
	CHECK_EQ(mark(&m, 0xfffffffdu), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 1);
	CHECK(gaps_are(&m, 1, 4, 4));
	/* the old positions are clean on the next lap */
	for (t = 2; t != 5; t++)
		CHECK_EQ(mark(&m, t), 0);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 5);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	nsctp_tsnmap_free(&m);
}

/* Growth with the live window straddling 0xffffffff. */
TEST(wrap_growth)
{
	struct nsctp_tsnmap m;
	u32 cum = 0xffffff00u;

	CHECK_EQ(nsctp_tsnmap_init(&m, cum + 1, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, cum + 200), 0);
	CHECK_EQ(mark(&m, cum + 300), 0);	/* TSN 0x2c */
	CHECK_EQ(mark(&m, cum + 301), 0);
	CHECK_EQ(mark(&m, cum + 3000), 0);
	CHECK_EQ(m.nbits, 4096);
	CHECK(gaps_are(&m, 3, 200, 200, 300, 301, 3000, 3000));
	CHECK_EQ(nsctp_tsnmap_check(&m, 0x2c), NSCTP_TSN_DUP);
	nsctp_tsnmap_skip(&m, cum + 250);
	CHECK(gaps_are(&m, 2, 50, 51, 2750, 2750));
	nsctp_tsnmap_free(&m);
}

TEST(skip)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 1, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, 1), 0);
	CHECK_EQ(mark(&m, 5), 0);
	CHECK_EQ(mark(&m, 6), 0);
	CHECK_EQ(mark(&m, 9), 0);
	/* not after cum: nothing */
	nsctp_tsnmap_skip(&m, 1);
	nsctp_tsnmap_skip(&m, 0);
	nsctp_tsnmap_skip(&m, 1 + 0x80000000u);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 1);
	CHECK(gaps_are(&m, 2, 4, 5, 8, 8));
	/* into a hole: cum then runs over 5, 6 */
	nsctp_tsnmap_skip(&m, 4);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 6);
	CHECK(gaps_are(&m, 1, 3, 3));
	/* into a block */
	CHECK_EQ(mark(&m, 10), 0);
	CHECK_EQ(mark(&m, 12), 0);
	nsctp_tsnmap_skip(&m, 9);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 10);
	CHECK(gaps_are(&m, 1, 2, 2));
	/* to exactly the highest */
	nsctp_tsnmap_skip(&m, 12);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 12);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	/* far beyond the highest and the window */
	CHECK_EQ(mark(&m, 20), 0);
	nsctp_tsnmap_skip(&m, 12 + 3 * W);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 12 + 3 * W);
	CHECK_EQ(nsctp_tsnmap_highest(&m), 12 + 3 * W);
	CHECK(!nsctp_tsnmap_has_gaps(&m));
	/* position of old TSN 20 is clean */
	CHECK_EQ(nsctp_tsnmap_check(&m, 20 + 3 * W), NSCTP_TSN_NEW);
	CHECK_EQ(mark(&m, 20 + 3 * W), 0);
	CHECK(gaps_are(&m, 1, 8, 8));
	nsctp_tsnmap_free(&m);
}

TEST(skip_across_wrap)
{
	struct nsctp_tsnmap m;

	CHECK_EQ(nsctp_tsnmap_init(&m, 0xfffffff0u, GFP_KERNEL), 0);
	CHECK_EQ(mark(&m, 3), 0);
	CHECK_EQ(mark(&m, 4), 0);
	CHECK_EQ(mark(&m, 8), 0);
	nsctp_tsnmap_skip(&m, 2);
	CHECK_EQ(nsctp_tsnmap_cum(&m), 4);
	CHECK(gaps_are(&m, 1, 4, 4));
	nsctp_tsnmap_skip(&m, 0xfffffff0u);	/* behind: nothing */
	CHECK_EQ(nsctp_tsnmap_cum(&m), 4);
	nsctp_tsnmap_free(&m);
}

/* xorshift32 with a fixed seed: the same run every time. */
static u32 rnd_state = 0x2545f491u;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* A TSN relative to the model's cum, mostly near it. */
static u32 rnd_tsn(const struct model *r)
{
	u32 k = rnd() % 100;

	if (k < 70)
		return r->cum + rnd() % 300;
	if (k < 85)
		return r->cum + rnd() % 3000;
	if (k < 93)
		return r->cum + W - 8 + rnd() % 16;
	if (k < 97)
		return r->cum - rnd() % 1000;
	return rnd();
}

static struct model ref;

/* One random operation on @m and @ref; 0 or why they disagree. */
static const char *random_op(struct nsctp_tsnmap *m)
{
	static u32 dm[NSCTP_TSNMAP_MAX_DUPS], dr[NSCTP_TSNMAP_MAX_DUPS];
	u32 tsn = rnd_tsn(&ref), k = rnd() % 100;
	enum nsctp_tsn_verdict v;
	unsigned int nm, nr;

	if (k < 80) {
		v = nsctp_tsnmap_check(m, tsn);
		if (v != model_check(&ref, tsn))
			return "check";
		if (v == NSCTP_TSN_DUP) {
			nsctp_tsnmap_note_dup(m, tsn);
			model_note_dup(&ref, tsn);
		} else if (v == NSCTP_TSN_NEW) {
			if (nsctp_tsnmap_mark(m, tsn, GFP_ATOMIC))
				return "mark";
			model_mark(&ref, tsn);
		}
	} else if (k < 83) {
		nsctp_tsnmap_skip(m, tsn);
		model_skip(&ref, tsn);
	} else if (k < 86) {
		nm = nsctp_tsnmap_take_dups(m, dm, k - 80);
		nr = model_take_dups(&ref, dr, k - 80);
		if (nm != nr || memcmp(dm, dr, nm * sizeof(u32)))
			return "take_dups";
	} else {
		/* fill the lowest hole, so cum keeps moving */
		tsn = ref.cum + 1;
		if (nsctp_tsnmap_mark(m, tsn, GFP_ATOMIC))
			return "mark";
		model_mark(&ref, tsn);
	}
	return NULL;
}

TEST(random_against_model)
{
	struct nsctp_tsnmap m;
	u32 i, prev, wraps = 0;
	const char *why;

	CHECK_EQ(nsctp_tsnmap_init(&m, 0xffff0000u, GFP_KERNEL), 0);
	model_init(&ref, 0xffff0000u);
	for (i = 0; i < 200000; i++) {
		prev = nsctp_tsnmap_cum(&m);
		why = random_op(&m);
		wraps += nsctp_tsnmap_cum(&m) < prev;
		if (!why && (i % 16 == 0 || !nsctp_tsnmap_has_gaps(&m)))
			why = model_diff(&m, &ref);
		if (why) {
			fprintf(stderr, "#   op %u: %s differs\n", i, why);
			CHECK(0);
		}
	}
	/* the run must have wrapped and exercised the big window */
	fprintf(stderr, "#   %u wraps, cum %#x\n", wraps, nsctp_tsnmap_cum(&m));
	CHECK(wraps > 0);
	CHECK_EQ(m.nbits, W);
	nsctp_tsnmap_free(&m);
}

TEST_MAIN
