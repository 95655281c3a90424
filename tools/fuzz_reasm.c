// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for net/nsctp/reasm.c, behind the real TSN map
 * (net/nsctp/tsnmap.c) as in the kernel's receive path.
 *
 * The input describes what a sender did, then what the network and a
 * hostile peer do with it:
 *
 *   byte 0     streams (bits 0-1, 1 to 4), interleave level (bits 2-3),
 *              first SSN 0xfff8 instead of 0 (bit 4)
 *   bytes 1-4  the first TSN, little endian (so TSNs may wrap)
 *   byte 5     messages, 1 to 24; then one byte per message: stream
 *              (bits 0-1), U (bit 2), fragments 1 to 8 (bits 3-5);
 *              TSNs follow one another, ordered SSNs count per stream
 *   then       operations of two bytes (opcode, argument): send a
 *              fragment not sent yet, resend one (a duplicate, through
 *              the TSN map; or straight to the core while it holds the
 *              TSN, which must say DUP), try a partial delivery (window
 *              pressure, a partial delivery point), hold/release (level
 *              0 across associations), change the interleave level,
 *              corrupt a fragment not sent yet (B/E bits, stream, SSN,
 *              U bit), inject a stray fragment beyond the messages
 *
 * At the end every fragment not sent yet is sent in TSN order and the
 * hold released. Checked against a reference model of what the user
 * may see: every delivered message is a run of consecutive TSNs from a B
 * to an E, with one stream, U bit and (ordered) SSN, of the bytes that
 * arrived; partial delivery pieces likewise, one message at a time, and
 * nothing else of the association (levels 0/1) or of its stream (level
 * 2) in between; ordered messages in SSN order per stream; nothing while
 * held; no TSN delivered twice. Without corruption the core must never
 * refuse a fragment, and at the end everything must have been delivered
 * and nothing held. A refused fragment (CONFLICT) ends the run as the
 * kernel aborts the association: purge, and nothing may leak.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/nsctp/tsnmap.h>

#include "reasm_env.h"

#define MAX_MSGS	24
#define MAX_FRAGS	(MAX_MSGS * 8)
#define STRAYS		16
#define SLOTS		(MAX_FRAGS + STRAYS)

/* A fragment as the sender made it, and as it was (or will be) fed. */
struct sent {
	u32	len;
	u16	sid;
	u16	ssn;
	u8	flags;
	bool	fed;		/* the core took it */
	bool	sent;		/* went through the TSN map */
	bool	delivered;
};

static struct {
	u32		tsn0;
	unsigned int	nfr;		/* fragments of real messages */
	unsigned int	streams;
	struct sent	s[SLOTS];
	u16		next[ENV_STREAMS];	/* model: next ordered SSN */
	bool		hostile;	/* something was corrupted */
	bool		aborted;
	bool		pd_open;
	u16		pd_sid, pd_ssn;
	u8		pd_u;
	u32		pd_next;
	struct nsctp_tsnmap map;
} m;

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_reasm: %s\n", why);
	abort();
}

/* The slot of @tsn, or -1 outside what the input made. */
static int slot_of(u32 tsn)
{
	u32 i = tsn - m.tsn0;

	return i < SLOTS ? (int)i : -1;
}

static const struct sent *fed_at(u32 tsn)
{
	int i = slot_of(tsn);

	if (i < 0 || !m.s[i].fed)
		fail("delivered a TSN that never arrived");
	if (m.s[i].delivered)
		fail("delivered a TSN twice");
	m.s[i].delivered = true;
	return &m.s[i];
}

static bool same_msg(const struct sent *a, const struct sent *b)
{
	return a->sid == b->sid &&
	       (a->flags & NSCTP_FRAG_U) == (b->flags & NSCTP_FRAG_U) &&
	       ((a->flags & NSCTP_FRAG_U) || a->ssn == b->ssn);
}

/* An ordered message starts on @sid: it must be the next SSN. */
static void msg_starts(const struct sent *first)
{
	if (env.r.held)
		fail("delivered while held");
	if (m.pd_open && first->sid == m.pd_sid)
		fail("a message of the stream under partial delivery");
	if (first->flags & NSCTP_FRAG_U)
		return;
	if (first->ssn != m.next[first->sid])
		fail("ordered message out of SSN order");
	m.next[first->sid]++;
}

static void check_whole(const struct got *g)
{
	const struct sent *first, *s;
	u32 tsn, len = 0;

	if ((g->flags & NSCTP_FRAG_BE) != NSCTP_FRAG_BE)
		fail("whole message without B and E");
	if (m.pd_open && env.r.level < 2)
		fail("a message during partial delivery (level 0/1)");
	first = fed_at(g->tsn);
	if (!(first->flags & NSCTP_FRAG_B))
		fail("message does not start with B");
	for (tsn = g->tsn;; tsn++) {
		s = tsn == g->tsn ? first : fed_at(tsn);
		len += s->len;
		if (!same_msg(first, s))
			fail("fragments of one message disagree");
		if (tsn != g->tsn && (s->flags & NSCTP_FRAG_B))
			fail("B inside a message");
		if (tsn == g->last)
			break;
		if (s->flags & NSCTP_FRAG_E)
			fail("E inside a message");
	}
	if (!(s->flags & NSCTP_FRAG_E))
		fail("message does not end with E");
	if (g->nfrags != g->last - g->tsn + 1)
		fail("fragment count");
	if (len != g->len || g->sid != first->sid ||
	    (g->flags & NSCTP_FRAG_U) != (first->flags & NSCTP_FRAG_U) ||
	    (!(first->flags & NSCTP_FRAG_U) && g->ssn != first->ssn))
		fail("message length or header");
	msg_starts(first);
}

static void check_piece(const struct got *g)
{
	const struct sent *s = fed_at(g->tsn);

	if (g->last != g->tsn || g->nfrags != 1 || g->len != s->len)
		fail("partial delivery piece");
	if (!m.pd_open) {
		if (!(s->flags & NSCTP_FRAG_B))
			fail("partial delivery starts without B");
		msg_starts(s);
		m.pd_open = true;
		m.pd_sid = s->sid;
		m.pd_ssn = s->ssn;
		m.pd_u = s->flags & NSCTP_FRAG_U;
	} else {
		if (g->tsn != m.pd_next || (s->flags & NSCTP_FRAG_B) ||
		    s->sid != m.pd_sid ||
		    (s->flags & NSCTP_FRAG_U) != m.pd_u ||
		    (!m.pd_u && s->ssn != m.pd_ssn))
			fail("partial delivery piece does not continue");
	}
	if ((g->flags & NSCTP_FRAG_E) != (s->flags & NSCTP_FRAG_E))
		fail("piece's E bit");
	m.pd_next = g->tsn + 1;
	if (s->flags & NSCTP_FRAG_E)
		m.pd_open = false;
}

static void on_deliver(struct env *e, const struct got *g)
{
	if (g->flags & NSCTP_FRAG_PD)
		check_piece(g);
	else
		check_whole(g);
}

/* The receive path for the fragment in slot @i as it is now. */
static void receive(unsigned int i)
{
	struct sent *s = &m.s[i];
	u32 tsn = m.tsn0 + i;
	enum nsctp_reasm_verdict v;
	struct tfrag *t;

	if (m.aborted)
		return;
	switch (nsctp_tsnmap_check(&m.map, tsn)) {
	case NSCTP_TSN_NEW:
		break;
	case NSCTP_TSN_DUP:
		if (!s->sent)
			fail("tsnmap: a new TSN is a duplicate");
		return;
	default:
		fail("tsnmap: too far");
	}
	if (s->sent)
		fail("tsnmap: a duplicate is new");
	s->sent = true;
	if (nsctp_tsnmap_mark(&m.map, tsn, GFP_ATOMIC))
		fail("tsnmap mark");
	t = tfrag_new(tsn, s->flags, s->sid, s->ssn, s->len);
	s->fed = true;		/* before: it may be delivered at once */
	v = nsctp_reasm_add(&env.r, &t->f);
	if (v == NSCTP_REASM_OK)
		return;
	s->fed = false;
	tfrag_free(t);
	if (v == NSCTP_REASM_DUP)
		fail("core: a new TSN is a duplicate");
	if (!m.hostile)
		fail("core refused a valid fragment");
	m.aborted = true;	/* the kernel aborts the association */
	nsctp_reasm_purge(&env.r);
}

/* The @k-th fragment not sent yet, or -1. */
static int unsent(unsigned int k)
{
	unsigned int i, n = 0;

	for (i = 0; i < m.nfr; i++)
		if (!m.s[i].sent)
			n++;
	if (!n)
		return -1;
	k %= n;
	for (i = 0; i < m.nfr; i++)
		if (!m.s[i].sent && !k--)
			return i;
	return -1;
}

static void resend(u8 op, u8 arg)
{
	unsigned int i = arg % m.nfr;
	u32 tsn = m.tsn0 + i;
	struct tfrag *t;

	if (!m.s[i].sent || m.aborted)
		return;
	if (!(op & 0x10)) {
		receive(i);	/* the TSN map drops it */
		return;
	}
	/* straight to the core, while it holds that TSN */
	if (!env_holds(tsn))
		return;
	t = tfrag_new(tsn, m.s[i].flags ^ (arg & NSCTP_FRAG_BE), m.s[i].sid,
		      m.s[i].ssn, m.s[i].len);
	if (nsctp_reasm_add(&env.r, &t->f) != NSCTP_REASM_DUP)
		fail("core took a TSN it holds");
	tfrag_free(t);
}

static void corrupt(u8 op, u8 arg)
{
	int i = unsent(arg);
	struct sent *s;

	if (i < 0)
		return;
	s = &m.s[i];
	switch (op >> 4 & 7) {
	case 0:
		s->flags ^= NSCTP_FRAG_B;
		break;
	case 1:
		s->flags ^= NSCTP_FRAG_E;
		break;
	case 2:
		s->flags ^= NSCTP_FRAG_U;
		break;
	case 3:
		s->sid = (s->sid + 1) % m.streams;
		break;
	case 4:
		s->ssn += 1;
		break;
	case 5:
		s->ssn -= 1;
		break;
	case 6:
		s->sid = m.streams;	/* a stream that does not exist */
		break;
	default:
		s->flags ^= arg & (NSCTP_FRAG_BE | NSCTP_FRAG_U);
		s->ssn ^= arg >> 3;
		break;
	}
	m.hostile = true;
}

static void stray(u8 op, u8 arg)
{
	unsigned int i = m.nfr + (arg & (STRAYS - 1));
	struct sent *s = &m.s[i];

	if (s->sent)
		return;
	s->flags = (op >> 4) & (NSCTP_FRAG_BE | NSCTP_FRAG_U);
	s->sid = (arg >> 4) % m.streams;
	s->ssn = m.next[s->sid] + (arg >> 6);
	s->len = 1 + arg;
	m.hostile = true;
	receive(i);
}

static void one_op(u8 op, u8 arg)
{
	int i;

	switch (op & 15) {
	case 0 ... 5:
	case 13 ... 15:
		i = unsent(arg);
		if (i >= 0)
			receive(i);
		break;
	case 6:
		i = unsent(0);
		if (i >= 0)
			receive(i);
		break;
	case 7:
		resend(op, arg);
		break;
	case 8:
		if (!m.aborted)
			nsctp_reasm_pd_start(&env.r, arg & 1, (arg >> 1) * 50);
		break;
	case 9:
		if (!m.aborted)
			nsctp_reasm_hold(&env.r, arg & 1);
		break;
	case 10:
		if (!m.aborted)
			nsctp_reasm_set_level(&env.r, arg % 3);
		break;
	case 11:
		corrupt(op, arg);
		break;
	default:
		stray(op, arg);
		break;
	}
}

/* The sender's messages from the input. Return: bytes used. */
static size_t make_msgs(const u8 *p, size_t size)
{
	unsigned int nmsgs, k, j, n = 0;
	u16 ssn[ENV_STREAMS];

	memcpy(ssn, m.next, sizeof(ssn));
	nmsgs = 1 + p[0] % MAX_MSGS;
	if (size < 1 + nmsgs)
		return 0;
	for (k = 0; k < nmsgs; k++) {
		u8 b = p[1 + k];
		u16 sid = (b & 3) % m.streams;
		u8 u = b & 4 ? NSCTP_FRAG_U : 0;
		unsigned int nf = 1 + (b >> 3 & 7);

		for (j = 0; j < nf; j++, n++) {
			m.s[n].sid = sid;
			m.s[n].ssn = u ? (u16)(b * 7 + j) : ssn[sid];
			m.s[n].flags = u | (j == 0 ? NSCTP_FRAG_B : 0) |
				       (j == nf - 1 ? NSCTP_FRAG_E : 0);
			m.s[n].len = 1 + (b ^ (j * 37)) % 1500;
		}
		if (!u)
			ssn[sid]++;
	}
	m.nfr = n;
	return 1 + nmsgs;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int i, level;
	size_t used;
	u16 ssn0;

	if (size < 7)
		return 0;
	memset(&m, 0, sizeof(m));
	m.streams = 1 + (data[0] & 3);
	level = data[0] >> 2 & 3;
	ssn0 = data[0] & 0x10 ? 0xfff8 : 0;
	m.tsn0 = data[1] | data[2] << 8 | data[3] << 16 | (u32)data[4] << 24;
	for (i = 0; i < ENV_STREAMS; i++)
		m.next[i] = ssn0;
	used = make_msgs(data + 5, size - 5);
	if (!used)
		return 0;
	env_init(m.streams, ssn0);
	env.on_deliver = on_deliver;
	nsctp_reasm_set_level(&env.r, level > 2 ? 2 : level);
	if (nsctp_tsnmap_init(&m.map, m.tsn0, GFP_KERNEL))
		abort();

	for (i = 5 + used; i + 1 < size; i += 2)
		one_op(data[i], data[i + 1]);

	/* everything not sent yet arrives, nothing is held any more */
	for (i = 0; i < m.nfr; i++)
		if (!m.s[i].sent)
			receive(i);
	if (!m.aborted)
		nsctp_reasm_hold(&env.r, false);
	if (env.bad)
		fail("join saw a bad run");
	if (!m.aborted && !m.hostile) {
		for (i = 0; i < m.nfr; i++)
			if (!m.s[i].delivered)
				fail("a fragment was never delivered");
		if (!list_empty(&env.r.frags) || env_lobby_len() ||
		    env.r.pd || m.pd_open || env.r.frag_bytes)
			fail("something is still held");
	}
	nsctp_reasm_purge(&env.r);
	if (env.live)
		fail("fragments leaked");
	nsctp_tsnmap_free(&m.map);
	return 0;
}
