// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of net/nsctp/reasm.c: fragments in order, out of order,
 * duplicates, interleaved streams, unordered messages, a missing middle
 * fragment, B without E, E without B, TSN wrap at 2^32, SSN wrap at
 * 2^16, the ordered lobby, partial delivery (point, window pressure,
 * what it holds back), interleave levels, hostile fragments that must be
 * refused, large messages, purge. Then adversarial orders at scale
 * (ascending middles behind a hole, descending, interleaved streams,
 * unordered, SSN wrap, TSN wrap across 2^32, a huge lobby, partial
 * delivery with messages held at levels 0/1/2, pressure with B fragments
 * that may not go, a partial delivery point with many small ones), each
 * checked for its result and for its cost: the core's steps
 * (NSCTP_REASM_STEP, tools/reasm_steps.h) per operation must stay within
 * c*log2(n), which the list-based reference model (reasm_ref.c) is shown
 * to exceed, and the run within a generous time. The small adversarial
 * scripts are also played to the reference model, and must give the same
 * deliveries.
 */
#include <time.h>

#include "test.h"
#include "reasm_ref_env.h"

#define B	NSCTP_FRAG_B
#define E	NSCTP_FRAG_E
#define U	NSCTP_FRAG_U
#define BE	NSCTP_FRAG_BE
#define PD	NSCTP_FRAG_PD
#define OK	NSCTP_REASM_OK
#define DUP	NSCTP_REASM_DUP
#define CONFLICT NSCTP_REASM_CONFLICT

/* Is delivery @i the message or piece @tsn..@last on @sid/@ssn? */
static int got_is(unsigned int i, u32 tsn, u32 last, u16 sid, u16 ssn,
		  u8 flags)
{
	const struct got *g = &env.got[i];

	if (i < env.ngot && g->tsn == tsn && g->last == last &&
	    g->sid == sid && g->ssn == ssn && g->flags == flags)
		return 1;
	if (i >= env.ngot)
		fprintf(stderr, "#   delivery %u: none (%u so far)\n", i,
			env.ngot);
	else
		fprintf(stderr,
			"#   delivery %u: tsn %u..%u sid %u ssn %u flags %#x\n",
			i, g->tsn, g->last, g->sid, g->ssn, g->flags);
	return 0;
}

/* Everything was freed once the state is purged. */
static int all_freed(void)
{
	nsctp_reasm_purge(&env.r);
	return env.live == 0 && !env.bad;
}

TEST(single_messages)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, BE, 0, 0, 100), OK);
	CHECK_EQ(env_add(2, BE, 0, 1, 200), OK);
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(0, 1, 1, 0, 0, BE));
	CHECK(got_is(1, 2, 2, 0, 1, BE));
	CHECK_EQ(env.got[1].len, 200);
	CHECK_EQ(env.ssn[0], 2);
	CHECK(all_freed());
}

TEST(in_order)
{
	env_init(1, 0);
	CHECK_EQ(env_add(10, B, 0, 0, 1000), OK);
	CHECK_EQ(env_add(11, 0, 0, 0, 1000), OK);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env.r.frag_bytes, 2000);
	CHECK_EQ(env_add(12, E, 0, 0, 500), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 10, 12, 0, 0, BE));
	CHECK_EQ(env.got[0].len, 2500);
	CHECK_EQ(env.got[0].nfrags, 3);
	CHECK_EQ(env.r.frag_bytes, 0);
	CHECK(list_empty(&env.r.frags));
	CHECK(!nsctp_reasm_has_frags(&env.r));
	CHECK(all_freed());
}

TEST(out_of_order)
{
	env_init(1, 0);
	CHECK_EQ(env_add(13, E, 0, 0, 10), OK);
	CHECK_EQ(env_add(10, B, 0, 0, 10), OK);
	CHECK_EQ(env_add(12, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env_add(11, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 10, 13, 0, 0, BE));
	CHECK_EQ(env.got[0].len, 40);
	CHECK(all_freed());
}

TEST(missing_middle)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	CHECK_EQ(env_add(2, 0, 0, 0, 10), OK);
	CHECK_EQ(env_add(4, 0, 0, 0, 10), OK);
	CHECK_EQ(env_add(5, E, 0, 0, 10), OK);
	/* the next message, whole, must wait for its SSN */
	CHECK_EQ(env_add(6, BE, 0, 1, 10), OK);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env_lobby_len(), 1);
	CHECK_EQ(env_add(3, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(0, 1, 5, 0, 0, BE));
	CHECK(got_is(1, 6, 6, 0, 1, BE));
	CHECK_EQ(env.ssn[0], 2);
	CHECK(all_freed());
}

TEST(duplicates)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	CHECK_EQ(env_add(1, B, 0, 0, 10), DUP);
	CHECK_EQ(env_add(3, E, 0, 0, 10), OK);
	CHECK_EQ(env_add(3, E, 0, 0, 10), DUP);
	/* a duplicate that disagrees is still only a duplicate */
	CHECK_EQ(env_add(3, BE, 2, 7, 10), DUP);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env_add(2, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 1, 3, 0, 0, BE));
	CHECK(all_freed());
}

TEST(interleaved_streams)
{
	/* stream 1: TSN 1-3, stream 2: TSN 4-6, arriving interleaved */
	env_init(3, 0);
	CHECK_EQ(env_add(4, B, 2, 0, 10), OK);
	CHECK_EQ(env_add(1, B, 1, 0, 10), OK);
	CHECK_EQ(env_add(5, 0, 2, 0, 10), OK);
	CHECK_EQ(env_add(2, 0, 1, 0, 10), OK);
	CHECK_EQ(env_add(6, E, 2, 0, 10), OK);
	/* no head-of-line blocking across streams */
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 4, 6, 2, 0, BE));
	CHECK_EQ(env_add(3, E, 1, 0, 10), OK);
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(1, 1, 3, 1, 0, BE));
	CHECK_EQ(env.ssn[1], 1);
	CHECK_EQ(env.ssn[2], 1);
	CHECK(all_freed());
}

TEST(lobby_per_stream_order)
{
	env_init(2, 0);
	CHECK_EQ(env_add(4, BE, 0, 3, 1), OK);
	CHECK_EQ(env_add(3, BE, 0, 2, 1), OK);
	CHECK_EQ(env_add(2, BE, 1, 0, 1), OK);	/* other stream: goes */
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 2, 2, 1, 0, BE));
	CHECK_EQ(env_add(1, BE, 0, 1, 1), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK_EQ(env_lobby_len(), 3);
	CHECK_EQ(env_add(0, BE, 0, 0, 1), OK);
	CHECK_EQ(env.ngot, 5);
	CHECK(got_is(1, 0, 0, 0, 0, BE));
	CHECK(got_is(2, 1, 1, 0, 1, BE));
	CHECK(got_is(3, 3, 3, 0, 2, BE));
	CHECK(got_is(4, 4, 4, 0, 3, BE));
	CHECK_EQ(env_lobby_len(), 0);
	CHECK(all_freed());
}

TEST(unordered)
{
	env_init(1, 0);
	/* SSN 0 of stream 0 is missing; unordered messages go anyway */
	CHECK_EQ(env_add(2, BE | U, 0, 0, 5), OK);
	CHECK_EQ(env_add(3, B | U, 0, 77, 5), OK);
	CHECK_EQ(env_add(4, E | U, 0, 77, 5), OK);
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(0, 2, 2, 0, 0, BE | U));
	CHECK(got_is(1, 3, 4, 0, 77, BE | U));
	CHECK_EQ(env.ssn[0], 0);		/* unordered take no SSN */
	/* the SSN of unordered fragments is not compared (§3.3.1) */
	CHECK_EQ(env_add(5, B | U, 0, 1, 5), OK);
	CHECK_EQ(env_add(6, E | U, 0, 2, 5), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK(all_freed());
}

TEST(b_without_e)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	/* a new message cannot begin before the last one ended */
	CHECK_EQ(env_add(2, B, 0, 1, 10), CONFLICT);
	CHECK_EQ(env_add(2, BE, 0, 1, 10), CONFLICT);
	CHECK_EQ(env_add(0, 0, 0, 0, 10), CONFLICT);	/* before a B */
	CHECK_EQ(env.ngot, 0);
	/* alone it just waits, and purge frees it */
	CHECK_EQ(env.live, 1);
	CHECK(all_freed());
}

TEST(e_without_b)
{
	env_init(1, 0);
	CHECK_EQ(env_add(5, E, 0, 0, 10), OK);
	/* after an E comes a B */
	CHECK_EQ(env_add(6, 0, 0, 1, 10), CONFLICT);
	CHECK_EQ(env_add(6, E, 0, 1, 10), CONFLICT);
	CHECK_EQ(env_add(6, BE | U, 0, 1, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK_EQ(env.live, 1);
	CHECK(all_freed());
}

TEST(conflicting_fragments)
{
	env_init(4, 0);
	CHECK_EQ(env_add(10, B, 1, 0, 10), OK);
	CHECK_EQ(env_add(11, 0, 2, 0, 10), CONFLICT);	/* stream */
	CHECK_EQ(env_add(11, 0, 1, 1, 10), CONFLICT);	/* SSN */
	CHECK_EQ(env_add(11, U, 1, 0, 10), CONFLICT);	/* U bit */
	CHECK_EQ(env_add(12, E, 1, 0, 10), OK);
	CHECK_EQ(env_add(11, E, 1, 0, 10), CONFLICT);	/* E before E */
	CHECK_EQ(env_add(11, 0, 3, 0, 10), CONFLICT);	/* against both */
	CHECK_EQ(env_add(11, 0, 1, 0, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 10, 12, 1, 0, BE));
	/* a stream that does not exist */
	CHECK_EQ(env_add(20, BE, 4, 0, 10), CONFLICT);
	CHECK(all_freed());
}

TEST(ssn_already_delivered)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, BE, 0, 0, 1), OK);
	CHECK_EQ(env_add(2, BE, 0, 0, 1), CONFLICT);
	CHECK_EQ(env_add(2, B, 0, 0, 1), CONFLICT);
	/* two messages claiming one SSN: the second to complete loses */
	CHECK_EQ(env_add(5, BE, 0, 2, 1), OK);
	CHECK_EQ(env_add(6, BE, 0, 2, 1), CONFLICT);
	CHECK_EQ(env_add(7, B, 0, 2, 1), OK);
	CHECK_EQ(env_add(8, E, 0, 2, 1), CONFLICT);
	CHECK_EQ(env_add(3, BE, 0, 1, 1), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK(got_is(2, 5, 5, 0, 2, BE));
	CHECK(all_freed());
}

TEST(tsn_wrap)
{
	env_init(1, 0);
	CHECK_EQ(env_add(0xfffffffeu, B, 0, 0, 10), OK);
	CHECK_EQ(env_add(1, E, 0, 0, 10), OK);
	CHECK_EQ(env_add(0, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env_add(0xffffffffu, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 0xfffffffeu, 1, 0, 0, BE));
	CHECK_EQ(env.got[0].nfrags, 4);
	CHECK_EQ(env.got[0].len, 40);
	/* and the TSN order on the fragment tree across the wrap */
	CHECK_EQ(env_add(3, E, 0, 1, 1), OK);
	CHECK_EQ(env_add(0xfffffff0u, B, 0, 9, 1), OK);
	CHECK_EQ(rb_entry(rb_first(&env.r.tree), struct nsctp_frag,
			  node)->tsn, 0xfffffff0u);
	CHECK(all_freed());
}

TEST(ssn_wrap)
{
	env_init(1, 0xfffe);
	CHECK_EQ(env_add(3, BE, 0, 0x0000, 1), OK);
	CHECK_EQ(env_add(4, BE, 0, 0x0001, 1), OK);
	CHECK_EQ(env_add(2, BE, 0, 0xffff, 1), OK);
	CHECK_EQ(env.ngot, 0);
	CHECK_EQ(env_add(1, BE, 0, 0xfffe, 1), OK);
	CHECK_EQ(env.ngot, 4);
	CHECK(got_is(0, 1, 1, 0, 0xfffe, BE));
	CHECK(got_is(1, 2, 2, 0, 0xffff, BE));
	CHECK(got_is(2, 3, 3, 0, 0x0000, BE));
	CHECK(got_is(3, 4, 4, 0, 0x0001, BE));
	CHECK_EQ(env.ssn[0], 2);
	/* just behind the wrapped SSN: delivered already */
	CHECK_EQ(env_add(5, BE, 0, 0xffff, 1), CONFLICT);
	CHECK(all_freed());
}

TEST(pd_point)
{
	env_init(2, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 1000), OK);
	CHECK_EQ(env_add(2, 0, 0, 0, 1000), OK);
	CHECK(!nsctp_reasm_pd_start(&env.r, false, 3000));
	CHECK(!nsctp_reasm_pd_start(&env.r, false, 0));
	CHECK_EQ(env_add(3, 0, 0, 0, 1000), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, false, 3000));
	CHECK(nsctp_reasm_pd_active(&env.r));
	CHECK_EQ(env.ngot, 3);
	CHECK(got_is(0, 1, 1, 0, 0, B | PD));
	CHECK(got_is(1, 2, 2, 0, 0, PD));
	CHECK(got_is(2, 3, 3, 0, 0, PD));
	CHECK_EQ(env.r.frag_bytes, 0);
	/* the next pieces go as they come */
	CHECK_EQ(env_add(4, 0, 0, 0, 1000), OK);
	CHECK(got_is(3, 4, 4, 0, 0, PD));
	/* meanwhile nothing else of the association goes */
	CHECK_EQ(env_add(7, BE, 1, 0, 10), OK);
	CHECK_EQ(env_add(8, BE | U, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 4);
	CHECK_EQ(env_lobby_len(), 2);
	/* a piece already handed out is a duplicate */
	CHECK_EQ(env_add(2, 0, 0, 0, 1000), DUP);
	CHECK_EQ(env_add(6, BE, 0, 1, 10), OK);	/* waits for its SSN */
	CHECK_EQ(env_add(5, E, 0, 0, 1000), OK);
	CHECK(!nsctp_reasm_pd_active(&env.r));
	CHECK(got_is(4, 5, 5, 0, 0, E | PD));
	CHECK_EQ(env.ssn[0], 1 + 1);
	/* then what waited, in the lobby's order */
	CHECK_EQ(env.ngot, 8);
	CHECK(got_is(5, 8, 8, 0, 0, BE | U));
	CHECK(got_is(6, 6, 6, 0, 1, BE));
	CHECK(got_is(7, 7, 7, 1, 0, BE));
	CHECK(all_freed());
}

TEST(pd_pressure)
{
	env_init(2, 0);
	/* not in order on its stream: never partially delivered */
	CHECK_EQ(env_add(20, B, 1, 1, 10), OK);
	CHECK(!nsctp_reasm_pd_start(&env.r, true, 0));
	/* in order, with a hole after its first fragment */
	CHECK_EQ(env_add(10, B, 0, 0, 10), OK);
	CHECK_EQ(env_add(12, 0, 0, 0, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env.ngot, 1);
	CHECK(got_is(0, 10, 10, 0, 0, B | PD));
	CHECK(!nsctp_reasm_pd_start(&env.r, true, 0));	/* one at a time */
	/* the hole fills: both go */
	CHECK_EQ(env_add(11, 0, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK(got_is(2, 12, 12, 0, 0, PD));
	CHECK(all_freed());
	CHECK(!env.r.pd);
}

TEST(pd_lower_tsn_arrives)
{
	/* A partial delivery at TSN 10 while TSNs 5-7 (another stream)
	 * are still missing: they arrive first and must not stop it.
	 */
	env_init(2, 0);
	CHECK_EQ(env_add(10, B, 0, 0, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env_add(5, B, 1, 0, 10), OK);
	CHECK_EQ(env_add(6, 0, 1, 0, 10), OK);
	CHECK_EQ(env_add(11, 0, 0, 0, 10), OK);
	CHECK_EQ(env_add(12, E, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK(got_is(2, 12, 12, 0, 0, E | PD));
	CHECK(!env.r.pd);
	CHECK_EQ(env_add(7, E, 1, 0, 10), OK);
	CHECK(got_is(3, 5, 7, 1, 0, BE));
	CHECK(all_freed());
}

TEST(pd_holds_completed_messages)
{
	/* A message completed by fragments during a partial delivery is
	 * held, then delivered when it ends (not lost on the list).
	 */
	env_init(2, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env_add(11, E, 1, 0, 10), OK);
	CHECK_EQ(env_add(10, B, 1, 0, 10), OK);
	CHECK_EQ(env.ngot, 1);
	CHECK_EQ(env_lobby_len(), 1);
	CHECK(list_empty(&env.r.frags));
	CHECK_EQ(env_add(2, E, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK(got_is(2, 10, 11, 1, 0, BE));
	CHECK(all_freed());
}

TEST(pd_conflicts)
{
	env_init(2, 5);
	CHECK_EQ(env_add(100, B, 0, 5, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env_add(101, B, 0, 6, 10), CONFLICT);	/* new message */
	CHECK_EQ(env_add(101, 0, 1, 5, 10), CONFLICT);	/* stream */
	CHECK_EQ(env_add(101, 0, 0, 6, 10), CONFLICT);	/* SSN */
	CHECK_EQ(env_add(101, U, 0, 5, 10), CONFLICT);	/* U bit */
	CHECK_EQ(env_add(99, B, 1, 5, 10), CONFLICT);	/* no E before B */
	CHECK_EQ(env_add(100, BE, 0, 5, 10), DUP);
	/* a second message with the SSN under partial delivery */
	CHECK_EQ(env_add(200, BE, 0, 5, 10), CONFLICT);
	CHECK_EQ(env_add(101, E, 0, 5, 10), OK);
	CHECK_EQ(env.ngot, 2);
	CHECK_EQ(env.ssn[0], 6);
	CHECK(all_freed());
}

TEST(pd_unordered)
{
	env_init(1, 0);
	CHECK_EQ(env_add(1, B | U, 0, 9, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env_add(2, E | U, 0, 3, 10), OK);	/* SSN ignored */
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(1, 2, 2, 0, 3, E | U | PD));
	CHECK_EQ(env.ssn[0], 0);
	CHECK(all_freed());
}

TEST(pd_point_picks_the_long_run)
{
	/* two messages may go; only the second has 3000 bytes in a row */
	env_init(2, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 1000), OK);
	CHECK_EQ(env_add(3, 0, 0, 0, 1000), OK);
	CHECK_EQ(env_add(10, B, 1, 0, 1500), OK);
	CHECK_EQ(env_add(11, 0, 1, 0, 1500), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, false, 3000));
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(0, 10, 10, 1, 0, B | PD));
	CHECK(all_freed());
}

TEST(interleave_level2)
{
	env_init(3, 0);
	nsctp_reasm_set_level(&env.r, 2);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	/* other streams go on */
	CHECK_EQ(env_add(5, BE, 1, 0, 10), OK);
	CHECK_EQ(env_add(6, BE | U, 2, 0, 10), OK);
	CHECK_EQ(env.ngot, 3);
	/* the same stream waits */
	CHECK_EQ(env_add(7, BE | U, 0, 0, 10), OK);
	CHECK_EQ(env_add(8, BE, 0, 1, 10), OK);
	CHECK_EQ(env.ngot, 3);
	/* back to level 1: others wait too */
	nsctp_reasm_set_level(&env.r, 1);
	CHECK_EQ(env_add(9, BE, 1, 1, 10), OK);
	CHECK_EQ(env.ngot, 3);
	CHECK_EQ(env_add(2, E, 0, 0, 10), OK);
	CHECK_EQ(env.ngot, 7);
	CHECK(got_is(3, 2, 2, 0, 0, E | PD));
	CHECK(got_is(4, 7, 7, 0, 0, BE | U));
	CHECK(got_is(5, 8, 8, 0, 1, BE));
	CHECK(got_is(6, 9, 9, 1, 1, BE));
	CHECK(all_freed());
}

TEST(hold)
{
	env_init(2, 0);
	nsctp_reasm_hold(&env.r, true);
	CHECK_EQ(env_add(1, BE, 0, 0, 10), OK);
	CHECK_EQ(env_add(2, BE | U, 1, 0, 10), OK);
	CHECK_EQ(env_add(3, B, 1, 0, 10), OK);
	CHECK(!nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env.ngot, 0);
	nsctp_reasm_hold(&env.r, false);
	CHECK_EQ(env.ngot, 2);
	CHECK(got_is(0, 1, 1, 0, 0, BE));
	CHECK(got_is(1, 2, 2, 1, 0, BE | U));
	/* a partial delivery under way goes on while held */
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	nsctp_reasm_hold(&env.r, true);
	CHECK_EQ(env_add(4, E, 1, 0, 10), OK);
	CHECK_EQ(env.ngot, 4);
	CHECK(all_freed());
}

TEST(large_message)
{
	enum { N = 2000 };
	u32 base = 0xffffffffu - N / 2, order[N], i, j, t;

	env_init(1, 0);
	for (i = 0; i < N; i++)
		order[i] = i;
	srand(1);
	for (i = N - 1; i > 0; i--) {
		j = rand() % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < N; i++) {
		u32 k = order[i];
		u8 fl = (k == 0 ? B : 0) | (k == N - 1 ? E : 0);

		CHECK_EQ(env_add(base + k, fl, 0, 0, 1452), OK);
		CHECK_EQ(env.ngot, i == N - 1);
	}
	CHECK(got_is(0, base, base + N - 1, 0, 0, BE));
	CHECK_EQ(env.got[0].len, N * 1452);
	CHECK_EQ(env.got[0].nfrags, N);
	CHECK_EQ(env.r.frag_bytes, 0);
	CHECK(all_freed());
}

TEST(large_message_partial)
{
	enum { N = 1000 };
	u32 i;

	env_init(1, 0);
	for (i = 0; i < N; i++) {
		u8 fl = (i == 0 ? B : 0) | (i == N - 1 ? E : 0);

		CHECK_EQ(env_add(i, fl, 0, 0, 1000), OK);
		nsctp_reasm_pd_start(&env.r, false, 64000);
	}
	/* 64 fragments collected, then one piece per fragment */
	CHECK_EQ(env.ngot, N);
	CHECK(got_is(0, 0, 0, 0, 0, B | PD));
	CHECK(got_is(N - 1, N - 1, N - 1, 0, 0, E | PD));
	CHECK(!env.r.pd);
	CHECK_EQ(env.ssn[0], 1);
	CHECK(all_freed());
}

TEST(purge_everything)
{
	env_init(2, 0);
	CHECK_EQ(env_add(1, B, 0, 0, 10), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK_EQ(env_add(3, 0, 0, 0, 10), OK);
	CHECK_EQ(env_add(7, BE, 1, 4, 10), OK);		/* lobby */
	CHECK_EQ(env_add(9, E, 1, 5, 10), OK);
	CHECK_EQ(env.live, 3);
	nsctp_reasm_purge(&env.r);
	CHECK(!env.r.pd);
	CHECK_EQ(env.live, 0);
	CHECK_EQ(env.r.frag_bytes, 0);
	CHECK(list_empty(&env.r.frags) && !env_lobby_len());
	CHECK(RB_EMPTY_ROOT(&env.r.tree) && RB_EMPTY_ROOT(&env.r.bwait));
	/* and it starts again */
	nsctp_reasm_init(&env.r, &env_ops, env.ssn, 2);
	CHECK_EQ(env_add(10, BE, 1, 0, 10), OK);
	CHECK(all_freed());
}

/* ---- adversarial orders, at scale ---- */

static unsigned int ilog2(unsigned long n)
{
	unsigned int l = 0;

	while (n >>= 1)
		l++;
	return l;
}

/* Work for @ops operations with up to @n held: O(log n) each. */
static int cheap(unsigned long steps, unsigned long ops, unsigned long n)
{
	unsigned long bound = ops * (8 * ilog2(n) + 32);

	fprintf(stderr, "#   %.1f steps per operation, n %lu (bound %lu)\n",
		(double)steps / ops, n, bound / ops);
	if (steps <= bound)
		return 1;
	fprintf(stderr, "#   %lu steps for %lu operations (bound %lu)\n",
		steps, ops, bound);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Generous: 200,000 O(n) operations would take hours. */
#define SECONDS_MAX	60.0

TEST(adv_ascending_middles_behind_hole)
{
	enum { N = 200000 };
	u32 base = 0xffffffffu - N / 2, i;	/* across 2^32 */
	double t0 = now();
	unsigned long steps;

	env_init(1, 0);
	CHECK_EQ(env_add(base, B, 0, 0, 1), OK);
	nsctp_reasm_steps = 0;
	for (i = 2; i <= N; i++) {
		CHECK_EQ(env_add(base + i, 0, 0, 0, 1), OK);
		/* as sm_data.c does after every chunk while fragments wait */
		CHECK(!nsctp_reasm_pd_start(&env.r, false, 1u << 30));
	}
	steps = nsctp_reasm_steps;
	CHECK(cheap(steps, N, N));
	CHECK_EQ(env_add(base + N + 1, E, 0, 0, 1), OK);
	CHECK_EQ(env.ndeliv, 0);
	CHECK_EQ(env.r.frag_bytes, N + 1);
	CHECK_EQ(env_add(base + 1, 0, 0, 0, 1), OK);	/* the hole */
	CHECK_EQ(env.ndeliv, 1);
	CHECK(got_is(0, base, base + N + 1, 0, 0, BE));
	CHECK_EQ(env.got[0].nfrags, N + 2);
	CHECK_EQ(env.got[0].len, N + 2);
	CHECK(!nsctp_reasm_has_frags(&env.r));
	CHECK(now() - t0 < SECONDS_MAX);
	CHECK(all_freed());
}

TEST(adv_descending)
{
	enum { N = 200000 };
	u32 base = 1000, i;
	double t0 = now();

	env_init(1, 0);
	CHECK_EQ(env_add(base + N, E, 0, 0, 3), OK);
	nsctp_reasm_steps = 0;
	for (i = N - 1; i >= 1; i--) {
		CHECK_EQ(env_add(base + i, 0, 0, 0, 3), OK);
		/* window pressure, and no message that may begin */
		CHECK(!nsctp_reasm_pd_start(&env.r, true, 0));
	}
	CHECK(cheap(nsctp_reasm_steps, N, N));
	CHECK_EQ(env.ndeliv, 0);
	CHECK_EQ(env_add(base, B, 0, 0, 3), OK);
	CHECK_EQ(env.ndeliv, 1);
	CHECK(got_is(0, base, base + N, 0, 0, BE));
	CHECK_EQ(env.got[0].len, 3 * (N + 1));
	CHECK(now() - t0 < SECONDS_MAX);
	CHECK(all_freed());
}

TEST(adv_interleaved_streams)
{
	/* four messages of K fragments, one per stream, TSNs one after the
	 * other; they arrive round robin, each backwards
	 */
	enum { K = 20000, S = 4 };
	u32 i, s;

	env_init(S, 0);
	nsctp_reasm_steps = 0;
	for (i = 0; i < K; i++) {
		for (s = 0; s < S; s++) {
			u32 k = K - 1 - i;
			u8 fl = (k == 0 ? B : 0) | (k == K - 1 ? E : 0);

			CHECK_EQ(env_add(s * K + k, fl, s, 0, 2), OK);
		}
	}
	CHECK(cheap(nsctp_reasm_steps, K * S, K * S));
	CHECK_EQ(env.ndeliv, S);
	for (s = 0; s < S; s++) {
		CHECK(got_is(s, s * K, s * K + K - 1, s, 0, BE));
		CHECK_EQ(env.got[s].len, 2 * K);
		CHECK_EQ(env.ssn[s], 1);
	}
	CHECK(all_freed());
}

TEST(adv_unordered)
{
	/* M unordered messages of three fragments, the last message first,
	 * each E, then middle, then B; SSNs meaningless
	 */
	enum { M = 50000 };
	int m;

	env_init(2, 0);
	nsctp_reasm_steps = 0;
	for (m = M - 1; m >= 0; m--) {
		CHECK_EQ(env_add(3 * m + 2, E | U, 1, m, 1), OK);
		CHECK_EQ(env_add(3 * m + 1, U, 1, 7, 1), OK);
		CHECK_EQ(env_add(3 * m, B | U, 1, 9, 1), OK);
		CHECK_EQ(env.ndeliv, M - m);
	}
	CHECK(cheap(nsctp_reasm_steps, 3 * M, 3 * M));
	CHECK(got_is(0, 3 * (M - 1), 3 * (M - 1) + 2, 1, 9, BE | U));
	CHECK_EQ(env.ssn[1], 0);
	CHECK(all_freed());
}

TEST(adv_huge_lobby)
{
	/* 7 streams with SSNs 1..L waiting for SSN 0: every in-order
	 * message of stream 0 must not walk them
	 */
	enum { L = 30000, D = 20000 };
	u32 tsn = 1, i, s;

	env_init(8, 0);
	for (s = 1; s < 8; s++)
		for (i = 1; i <= L; i++)
			CHECK_EQ(env_add(tsn++, BE, s, i, 1), OK);
	CHECK_EQ(env_lobby_len(), 7 * L);
	nsctp_reasm_steps = 0;
	for (i = 0; i < D; i++)
		CHECK_EQ(env_add(tsn++, BE, 0, i, 1), OK);
	CHECK(cheap(nsctp_reasm_steps, D, 7 * L));
	CHECK_EQ(env.ndeliv, D);
	/* SSN 0 of stream 3 releases its L others, in order */
	nsctp_reasm_steps = 0;
	CHECK_EQ(env_add(tsn++, BE, 3, 0, 1), OK);
	CHECK(cheap(nsctp_reasm_steps, L, 7 * L));
	CHECK_EQ(env.ndeliv, D + 1 + L);
	CHECK_EQ(env.ssn[3], L + 1);
	CHECK_EQ(env_lobby_len(), 6 * L);
	/* a second message with an SSN that waits is refused */
	CHECK_EQ(env_add(tsn++, BE, 5, L, 1), CONFLICT);
	CHECK(all_freed());
}

TEST(adv_ssn_wrap_chain)
{
	enum { W = 600 };
	u32 i;

	env_init(1, 0xff00);
	for (i = 1; i <= W; i++)
		CHECK_EQ(env_add(i, BE, 0, 0xff00 + i, 1), OK);
	CHECK_EQ(env.ndeliv, 0);
	CHECK_EQ(env_add(0, BE, 0, 0xff00, 1), OK);
	CHECK_EQ(env.ndeliv, W + 1);
	for (i = 0; i <= W; i++)
		CHECK(got_is(i, i, i, 0, (u16)(0xff00 + i), BE));
	CHECK_EQ(env.ssn[0], (u16)(0xff00 + W + 1));
	CHECK(all_freed());
}

TEST(adv_pressure_with_bs_that_may_not_go)
{
	/* M ordered first fragments with SSNs ahead of their stream, at
	 * low TSNs: pressure must find the one message that may go
	 */
	enum { M = 30000 };
	u32 i;

	env_init(1, 0);
	nsctp_reasm_steps = 0;
	for (i = 1; i <= M; i++) {
		CHECK_EQ(env_add(2 * i, B, 0, i, 5), OK);
		CHECK(!nsctp_reasm_pd_start(&env.r, true, 0));
	}
	CHECK(cheap(nsctp_reasm_steps, M, M));
	CHECK_EQ(env_add(2 * M + 10, B, 0, 0, 5), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK(got_is(0, 2 * M + 10, 2 * M + 10, 0, 0, B | PD));
	CHECK_EQ(env_add(2 * M + 11, E, 0, 0, 5), OK);
	CHECK(!nsctp_reasm_pd_active(&env.r));
	/* SSN 1 is next now: its B (TSN 2) goes first */
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK(got_is(2, 2, 2, 0, 1, B | PD));
	CHECK(all_freed());
}

TEST(adv_pd_point_many_small)
{
	/* M unordered first fragments of one byte each: a partial delivery
	 * point of 1000 bytes must not walk them on every call
	 */
	enum { M = 50000 };
	u32 i;

	env_init(1, 0);
	nsctp_reasm_steps = 0;
	for (i = 0; i < M; i++) {
		CHECK_EQ(env_add(3 * i, B | U, 0, 0, 1), OK);
		CHECK(!nsctp_reasm_pd_start(&env.r, false, 1000));
	}
	CHECK(cheap(nsctp_reasm_steps, M, M));
	/* one of them grows to 1000 bytes in a row: that one goes */
	CHECK_EQ(env_add(3 * 777 + 1, U, 0, 0, 999), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, false, 1000));
	CHECK(got_is(0, 3 * 777, 3 * 777, 0, 0, B | U | PD));
	CHECK(got_is(1, 3 * 777 + 1, 3 * 777 + 1, 0, 0, U | PD));
	CHECK_EQ(env_add(3 * 777 + 2, E | U, 0, 0, 1), OK);
	CHECK(got_is(2, 3 * 777 + 2, 3 * 777 + 2, 0, 0, E | U | PD));
	CHECK(!nsctp_reasm_pd_active(&env.r));
	/* a lower point: every one of them has it, the lowest TSN goes */
	CHECK(nsctp_reasm_pd_start(&env.r, false, 1));
	CHECK(got_is(3, 0, 0, 0, 0, B | U | PD));
	CHECK(all_freed());
}

TEST(adv_stale_b)
{
	/* two B fragments claim SSN 0; the other message with SSN 0 is
	 * delivered whole: they stay, can never go, and pressure skips
	 * them for the next SSN's
	 */
	env_init(1, 0);
	CHECK_EQ(env_add(10, B, 0, 0, 5), OK);
	CHECK_EQ(env_add(20, B, 0, 0, 5), OK);
	CHECK_EQ(env_add(30, BE, 0, 0, 5), OK);
	CHECK_EQ(env.ssn[0], 1);
	CHECK_EQ(env_add(40, B, 0, 1, 5), OK);
	CHECK(nsctp_reasm_pd_start(&env.r, true, 0));
	CHECK(got_is(1, 40, 40, 0, 1, B | PD));
	CHECK_EQ(env_add(11, E, 0, 0, 5), CONFLICT);
	CHECK(all_freed());
}

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* Play @n fragments to the core and to the reference model, with a
 * partial delivery start after each; the same deliveries, in order.
 */
struct op {
	u32	tsn;
	u8	flags;
	u16	sid, ssn;
	u8	pd;	/* 1: pd_start with pressure; 2: also end a hold */
};

static struct got ref_log[256];
static unsigned int ref_n;

static void ref_log_it(const struct got *g)
{
	if (ref_n < 256)
		ref_log[ref_n++] = *g;
}

static int same_as_ref(const struct op *ops, unsigned int n, u8 level,
		       bool held)
{
	unsigned int i;

	env_init(2, 0);
	ref_env_init(2, 0);
	ref_n = 0;
	rref.on_deliver = ref_log_it;
	nsctp_reasm_set_level(&env.r, level);
	ref_reasm_set_level(&rref.r, level);
	nsctp_reasm_hold(&env.r, held);
	ref_reasm_hold(&rref.r, held);
	for (i = 0; i < n; i++) {
		if (env_add(ops[i].tsn, ops[i].flags, ops[i].sid, ops[i].ssn,
			    10) != ref_add(ops[i].tsn, ops[i].flags,
					   ops[i].sid, ops[i].ssn, 10))
			return 0;
		if (ops[i].pd & 2) {
			nsctp_reasm_hold(&env.r, false);
			ref_reasm_hold(&rref.r, false);
		}
		if ((ops[i].pd & 1) &&
		    nsctp_reasm_pd_start(&env.r, true, 0) !=
		    ref_reasm_pd_start(&rref.r, true, 0))
			return 0;
	}
	if (env.ngot != ref_n)
		return 0;
	for (i = 0; i < ref_n; i++) {
		const struct got *a = &env.got[i], *b = &ref_log[i];

		if (a->tsn != b->tsn || a->last != b->last ||
		    a->sid != b->sid || a->ssn != b->ssn ||
		    a->flags != b->flags || a->len != b->len)
			return 0;
	}
	ref_reasm_purge(&rref.r);
	return rref.live == 0;
}

static const struct op pd_held_script[] = {
	{ 1, B, 0, 0, 1 },	/* partial delivery on stream 0 */
	{ 10, BE | U, 0, 0, 0 },
	{ 11, BE, 0, 1, 0 },	/* after the one under partial delivery */
	{ 12, BE | U, 1, 0, 0 },
	{ 13, BE, 1, 1, 0 },
	{ 14, BE, 1, 0, 0 },
	{ 21, E, 1, 2, 0 },	/* stream 1, SSN 2, backwards */
	{ 20, B, 1, 2, 0 },
	{ 2, 0, 0, 0, 0 },
	{ 3, E, 0, 0, 0 },	/* the end: what waited goes */
	{ 30, B | U, 0, 5, 1 },	/* another, unordered */
	{ 40, BE, 0, 2, 0 },
	{ 31, E | U, 0, 6, 0 },
};

TEST(pd_held_messages_levels)
{
	u8 level;

	for (level = 0; level <= 2; level++) {
		CHECK(same_as_ref(pd_held_script, ARRAY_LEN(pd_held_script),
				  level, false));
		if (level == 2) {
			/* stream 1 went on during the partial delivery */
			CHECK(got_is(1, 12, 12, 1, 0, BE | U));
			CHECK(got_is(2, 14, 14, 1, 0, BE));
			CHECK(got_is(3, 13, 13, 1, 1, BE));
		} else {
			CHECK(got_is(1, 2, 2, 0, 0, PD));
			CHECK(got_is(2, 3, 3, 0, 0, E | PD));
			CHECK(got_is(3, 10, 10, 0, 0, BE | U));
			CHECK(got_is(4, 11, 11, 0, 1, BE));
		}
		CHECK(all_freed());
	}
}

TEST(pd_held_messages_hold)
{
	static const struct op script[] = {
		{ 5, BE | U, 1, 0, 0 },
		{ 6, BE, 1, 1, 0 },
		{ 7, BE, 1, 0, 0 },
		{ 1, B, 0, 0, 1 },	/* held: no partial delivery */
		{ 8, BE, 0, 1, 3 },	/* hold ends, then one starts */
		{ 2, E, 0, 0, 0 },
	};

	CHECK(same_as_ref(script, ARRAY_LEN(script), 0, true));
	CHECK_EQ(env.ngot, 6);
	CHECK(got_is(0, 5, 5, 1, 0, BE | U));
	CHECK(got_is(1, 7, 7, 1, 0, BE));
	CHECK(got_is(2, 6, 6, 1, 1, BE));
	CHECK(got_is(3, 1, 1, 0, 0, B | PD));
	CHECK(got_is(4, 2, 2, 0, 0, E | PD));
	CHECK(got_is(5, 8, 8, 0, 1, BE));
	CHECK(all_freed());
}

TEST(complexity_check_can_fail)
{
	/* the list-based reference model, ascending middles behind a hole:
	 * each walks back the whole run, and the bound catches it
	 */
	enum { N = 20000 };
	u32 i;

	ref_env_init(1, 0);
	CHECK_EQ(ref_add(0, B, 0, 0, 1), OK);
	nsctp_reasm_steps = 0;
	for (i = 2; i <= N; i++)
		CHECK_EQ(ref_add(i, 0, 0, 0, 1), OK);
	CHECK(nsctp_reasm_steps > N * (8ul * ilog2(N) + 32));
	ref_reasm_purge(&rref.r);
	CHECK_EQ(rref.live, 0);
}

TEST_MAIN
