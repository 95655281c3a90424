/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference model's (reasm_ref.c) environment, as reasm_env.h is
 * the core's: fragments from malloc(), callbacks that record what it
 * decided as the same struct got, in rref.
 */
#ifndef _NSCTP_TOOLS_REASM_REF_ENV_H
#define _NSCTP_TOOLS_REASM_REF_ENV_H

#include "reasm_env.h"
#include "reasm_ref.h"

struct rfrag {
	struct ref_frag	f;
	u32		last;
	u32		nfrags;
};

static struct {
	struct ref_reasm	r;
	u16			ssn[ENV_STREAMS];
	long			live;
	unsigned long		ndeliv;
	void			(*on_deliver)(const struct got *g);
} rref;

static struct rfrag *rfrag_of(struct ref_frag *f)
{
	return container_of(f, struct rfrag, f);
}

static void rfrag_free(struct rfrag *t)
{
	rref.live--;
	memset(t, 0x5a, sizeof(*t));
	free(t);
}

static struct ref_frag *ref_join(struct ref_reasm *r, struct list_head *run)
{
	struct ref_frag *first = list_first_entry(run, struct ref_frag, node);
	struct ref_frag *f, *tmp;
	u32 n = 0;

	list_for_each_entry_safe(f, tmp, run, node) {
		n++;
		if (f == first)
			continue;
		rfrag_of(first)->last = f->tsn;
		list_del(&f->node);
		rfrag_free(rfrag_of(f));
	}
	rfrag_of(first)->nfrags = n;
	return first;
}

static void ref_deliver(struct ref_reasm *r, struct ref_frag *f)
{
	struct rfrag *t = rfrag_of(f);
	struct got g = {
		.tsn = f->tsn,
		.last = t->nfrags ? t->last : f->tsn,
		.len = f->len,
		.nfrags = t->nfrags ? t->nfrags : 1,
		.sid = f->sid,
		.ssn = f->ssn,
		.flags = f->flags,
	};

	rref.ndeliv++;
	if (rref.on_deliver)
		rref.on_deliver(&g);
	rfrag_free(t);
}

static void ref_free(struct ref_reasm *r, struct ref_frag *f)
{
	rfrag_free(rfrag_of(f));
}

static const struct ref_reasm_ops ref_ops = {
	.join = ref_join,
	.deliver = ref_deliver,
	.free = ref_free,
};

static void ref_env_init(u16 streams, u16 ssn)
{
	unsigned int i;

	memset(&rref, 0, sizeof(rref));
	for (i = 0; i < ENV_STREAMS; i++)
		rref.ssn[i] = ssn;
	ref_reasm_init(&rref.r, &ref_ops, rref.ssn, streams);
}

static enum nsctp_reasm_verdict ref_add(u32 tsn, u8 flags, u16 sid, u16 ssn,
					u32 len)
{
	struct rfrag *u = calloc(1, sizeof(*u));
	enum nsctp_reasm_verdict v;

	if (!u)
		abort();
	rref.live++;
	u->f.tsn = tsn;
	u->f.flags = flags;
	u->f.sid = sid;
	u->f.ssn = ssn;
	u->f.len = len;
	v = ref_reasm_add(&rref.r, &u->f);
	if (v != NSCTP_REASM_OK)
		rfrag_free(u);
	return v;
}

static inline int ref_holds(u32 tsn)
{
	struct ref_frag *f;

	list_for_each_entry(f, &rref.r.frags, node) {
		if (f->tsn == tsn)
			return 1;
	}
	return 0;
}

#endif
