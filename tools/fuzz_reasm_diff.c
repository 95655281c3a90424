// SPDX-License-Identifier: GPL-2.0
/*
 * Differential libFuzzer target: net/nsctp/reasm.c (trees) against the
 * reference model tools/reasm_ref.c (the list-based core it replaced).
 * Both get the same calls; they must make the same decisions: the same
 * verdict for every fragment, the same deliveries (messages and partial
 * delivery pieces, with their TSNs, lengths, streams, SSNs and flags) in
 * the same order, the same answer from every partial delivery start,
 * the same bytes held, the same TSNs held. Nothing may leak from either.
 *
 * The input:
 *
 *   byte 0     streams (bits 0-1, 1 to 4), interleave level (bits 2-3),
 *              first SSN 0xfff8 instead of 0 (bit 4)
 *   bytes 1-4  the first TSN, little endian (so TSNs may wrap)
 *   byte 5     messages, 1 to 32; then one byte per message: stream
 *              (bits 0-1), U (bit 2), fragments 1 to 8 (bits 3-5);
 *              TSNs follow one another, ordered SSNs count per stream
 *   then       operations of two bytes (opcode, argument): send a
 *              fragment not taken yet, resend one that both hold (DUP),
 *              try a partial delivery, hold/release, change the level,
 *              corrupt a fragment not taken yet, send a stray fragment
 *              (any flags, stream, SSN near the stream's next) at a TSN
 *              beyond the messages
 *
 * A refused fragment is not taken by either (the kernel would abort the
 * association; here it may be sent again later, corrupted or not). At
 * the end the fragments not taken arrive in TSN order and the hold ends.
 * The TSNs fed stay within a few hundred of each other, as the caller's
 * TSN map guarantees (the core's precondition).
 */
#include "reasm_ref_env.h"

#define MAX_MSGS	32
#define MAX_FRAGS	(MAX_MSGS * 8)
#define STRAYS		64
#define SLOTS		(MAX_FRAGS + STRAYS)
#define LOG		4096

struct slot {
	u32	len;
	u16	sid;
	u16	ssn;
	u8	flags;
	bool	taken;
};

static struct {
	u32		tsn0;
	unsigned int	nfr;
	unsigned int	streams;
	struct slot	s[SLOTS];
	u16		ssn0;
	struct got	rlog[LOG];
	unsigned long	rn;
	struct got	nlog[LOG];
	unsigned long	nn;
} d;

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_reasm_diff: %s\n", why);
	abort();
}

static void logged(struct got *log, unsigned long *n, const struct got *g)
{
	if (*n < LOG)
		log[*n] = *g;
	(*n)++;
}

/* ---- both ---- */

static void on_deliver(struct env *e, const struct got *g)
{
	logged(d.nlog, &d.nn, g);
}

static void on_ref_deliver(const struct got *g)
{
	logged(d.rlog, &d.rn, g);
}

static bool same_got(const struct got *a, const struct got *b)
{
	return a->tsn == b->tsn && a->last == b->last && a->len == b->len &&
	       a->nfrags == b->nfrags && a->sid == b->sid && a->ssn == b->ssn &&
	       a->flags == b->flags;
}

static void compare(const char *after)
{
	unsigned long i;

	if (d.nn != d.rn) {
		fprintf(stderr, "after %s: %lu deliveries, reference %lu\n",
			after, d.nn, d.rn);
		fail("deliveries differ");
	}
	for (i = 0; i < d.nn && i < LOG; i++) {
		if (!same_got(&d.nlog[i], &d.rlog[i])) {
			fprintf(stderr,
				"after %s: delivery %lu: tsn %u..%u len %u sid %u ssn %u flags %#x; reference tsn %u..%u len %u sid %u ssn %u flags %#x\n",
				after, i, d.nlog[i].tsn, d.nlog[i].last,
				d.nlog[i].len, d.nlog[i].sid, d.nlog[i].ssn,
				d.nlog[i].flags, d.rlog[i].tsn, d.rlog[i].last,
				d.rlog[i].len, d.rlog[i].sid, d.rlog[i].ssn,
				d.rlog[i].flags);
			fail("a delivery differs");
		}
	}
	if (env.r.frag_bytes != rref.r.frag_bytes)
		fail("bytes held differ");
	if (env.r.pd != rref.r.pd)
		fail("partial delivery state differs");
	if (list_empty(&env.r.frags) != list_empty(&rref.r.frags))
		fail("whether fragments wait differs");
	if (memcmp(env.ssn, rref.ssn, sizeof(rref.ssn)))
		fail("next SSNs differ");
	if (env.bad)
		fail("join saw a bad run");
}

/* Feed one fragment to both; return the verdict. */
static enum nsctp_reasm_verdict feed(u32 tsn, u8 flags, u16 sid, u16 ssn,
				     u32 len)
{
	struct tfrag *t = tfrag_new(tsn, flags, sid, ssn, len);
	enum nsctp_reasm_verdict v, w;

	v = nsctp_reasm_add(&env.r, &t->f);
	w = ref_add(tsn, flags, sid, ssn, len);
	if (v != w) {
		fprintf(stderr, "tsn %u flags %#x sid %u ssn %u: verdict %d, reference %d\n",
			tsn, flags, sid, ssn, v, w);
		fail("verdicts differ");
	}
	if (v != NSCTP_REASM_OK)
		tfrag_free(t);
	compare("add");
	return v;
}

static void send_slot(unsigned int i)
{
	struct slot *s = &d.s[i];

	if (s->taken)
		return;
	if (feed(d.tsn0 + i, s->flags, s->sid, s->ssn, s->len) ==
	    NSCTP_REASM_OK)
		s->taken = true;
}

/* The @k-th message fragment not taken yet, or -1. */
static int untaken(unsigned int k)
{
	unsigned int i, n = 0;

	for (i = 0; i < d.nfr; i++)
		if (!d.s[i].taken)
			n++;
	if (!n)
		return -1;
	k %= n;
	for (i = 0; i < d.nfr; i++)
		if (!d.s[i].taken && !k--)
			return i;
	return -1;
}

static void resend(u8 op, u8 arg)
{
	unsigned int i = arg % (d.nfr + STRAYS);
	u32 tsn = d.tsn0 + i;
	int a = env_holds(tsn), b = ref_holds(tsn);

	if (a != b)
		fail("held TSNs differ");
	if (!a)
		return;
	if (feed(tsn, d.s[i].flags ^ (op >> 4 & 7), d.s[i].sid,
		 d.s[i].ssn + (op >> 7), d.s[i].len) != NSCTP_REASM_DUP)
		fail("a held TSN was not a duplicate");
}

static void corrupt(u8 op, u8 arg)
{
	int i = untaken(arg);
	struct slot *s;

	if (i < 0)
		return;
	s = &d.s[i];
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
		s->sid = (s->sid + 1) % d.streams;
		break;
	case 4:
		s->ssn += 1;
		break;
	case 5:
		s->ssn -= 1;
		break;
	case 6:
		s->sid = d.streams;	/* a stream that does not exist */
		break;
	default:
		s->flags ^= arg & (NSCTP_FRAG_BE | NSCTP_FRAG_U);
		s->ssn ^= arg >> 3;
		break;
	}
}

static void stray(u8 op, u8 arg, u8 arg2)
{
	unsigned int i = d.nfr + (arg & (STRAYS - 1));
	struct slot *s = &d.s[i];

	if (s->taken)
		return;
	s->flags = (op >> 4) & (NSCTP_FRAG_BE | NSCTP_FRAG_U);
	s->sid = (arg2 & 3) % d.streams;
	s->ssn = env.ssn[s->sid] + (arg2 >> 2) % 8 - 1;
	s->len = 1 + arg2;
	send_slot(i);
}

static void all_same(void (*fn)(struct nsctp_reasm *, bool),
		     void (*rfn)(struct ref_reasm *, bool), bool v,
		     const char *what)
{
	fn(&env.r, v);
	rfn(&rref.r, v);
	compare(what);
}

static size_t make_msgs(const u8 *p, size_t size)
{
	unsigned int nmsgs, k, j, n = 0;
	u16 ssn[ENV_STREAMS];

	for (k = 0; k < ENV_STREAMS; k++)
		ssn[k] = d.ssn0;
	nmsgs = 1 + p[0] % MAX_MSGS;
	if (size < 1 + nmsgs)
		return 0;
	for (k = 0; k < nmsgs; k++) {
		u8 b = p[1 + k];
		u16 sid = (b & 3) % d.streams;
		u8 u = b & 4 ? NSCTP_FRAG_U : 0;
		unsigned int nf = 1 + (b >> 3 & 7);

		for (j = 0; j < nf; j++, n++) {
			d.s[n].sid = sid;
			d.s[n].ssn = u ? (u16)(b * 7 + j) : ssn[sid];
			d.s[n].flags = u | (j == 0 ? NSCTP_FRAG_B : 0) |
				       (j == nf - 1 ? NSCTP_FRAG_E : 0);
			d.s[n].len = 1 + (b ^ (j * 37)) % 1500;
		}
		if (!u)
			ssn[sid]++;
	}
	d.nfr = n;
	return 1 + nmsgs;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int i, level;
	size_t used;
	bool pd, rpd;
	int k;

	if (size < 7)
		return 0;
	memset(&d, 0, sizeof(d));
	d.streams = 1 + (data[0] & 3);
	level = data[0] >> 2 & 3;
	d.ssn0 = data[0] & 0x10 ? 0xfff8 : 0;
	d.tsn0 = data[1] | data[2] << 8 | data[3] << 16 | (u32)data[4] << 24;
	used = make_msgs(data + 5, size - 5);
	if (!used)
		return 0;
	env_init(d.streams, d.ssn0);
	env.on_deliver = on_deliver;
	ref_env_init(d.streams, d.ssn0);
	rref.on_deliver = on_ref_deliver;
	nsctp_reasm_set_level(&env.r, level > 2 ? 2 : level);
	ref_reasm_set_level(&rref.r, level > 2 ? 2 : level);

	for (i = 5 + used; i + 1 < size; i += 2) {
		u8 op = data[i], arg = data[i + 1];

		switch (op & 15) {
		case 0 ... 5:
		case 13 ... 14:
			k = untaken(arg);
			if (k >= 0)
				send_slot(k);
			break;
		case 6:
			k = untaken(0);
			if (k >= 0)
				send_slot(k);
			break;
		case 7:
			resend(op, arg);
			break;
		case 8:
			pd = nsctp_reasm_pd_start(&env.r, arg & 1,
						  (arg >> 1) * 50);
			rpd = ref_reasm_pd_start(&rref.r, arg & 1,
						 (arg >> 1) * 50);
			if (pd != rpd)
				fail("partial delivery starts differ");
			compare("pd_start");
			break;
		case 9:
			all_same(nsctp_reasm_hold, ref_reasm_hold, arg & 1,
				 "hold");
			break;
		case 10:
			nsctp_reasm_set_level(&env.r, arg % 3);
			ref_reasm_set_level(&rref.r, arg % 3);
			compare("set_level");
			break;
		case 11:
			corrupt(op, arg);
			break;
		case 12:
			if (i + 2 < size)
				stray(op, arg, data[i + 2]);
			i++;
			break;
		default:
			/* a burst: every fragment not taken, from the top */
			for (k = d.nfr - 1; k >= 0 && arg; k--, arg >>= 1)
				if (arg & 1)
					send_slot(k);
			break;
		}
	}
	for (i = 0; i < d.nfr; i++)
		send_slot(i);
	all_same(nsctp_reasm_hold, ref_reasm_hold, false, "release");
	for (i = 0; i < d.nfr + STRAYS; i++)
		if (env_holds(d.tsn0 + i) != ref_holds(d.tsn0 + i))
			fail("held TSNs differ at the end");
	nsctp_reasm_purge(&env.r);
	ref_reasm_purge(&rref.r);
	if (env.live || rref.live)
		fail("fragments leaked");
	return 0;
}
