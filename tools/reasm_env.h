/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What net/nsctp/reasm.c needs around it in userspace, for reasm_test.c
 * and fuzz_reasm.c: fragments from malloc(), and the three callbacks of
 * struct nsctp_reasm_ops recording what the core decided. A message of
 * several fragments is recorded by its first and last TSN (join checks
 * that the run is consecutive); every delivery lands in env.got[] (the
 * first ENV_GOT of them; env.ndeliv counts them all). A fragment's second
 * area (union nsctp_frag_ext) is a member of struct tfrag, as skb->rbnode
 * is of the skb in the kernel.
 */
#ifndef _NSCTP_TOOLS_REASM_ENV_H
#define _NSCTP_TOOLS_REASM_ENV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <net/nsctp/reasm.h>

#define ENV_STREAMS	8
#define ENV_GOT		4096

/* A fragment as the tests make it. */
struct tfrag {
	struct nsctp_frag	f;
	union nsctp_frag_ext	ext;	/* the core's second area */
	u32			last;	/* last TSN, once joined */
	u32			nfrags;	/* fragments in it, once joined */
};

/* One delivery, as the user would see it. */
struct got {
	u32	tsn;		/* first TSN */
	u32	last;		/* last TSN */
	u32	len;
	u32	nfrags;
	u16	sid;
	u16	ssn;
	u8	flags;		/* NSCTP_FRAG_* as delivered */
};

struct env {
	struct nsctp_reasm	r;
	u16			ssn[ENV_STREAMS];
	struct got		got[ENV_GOT];
	unsigned int		ngot;
	unsigned long		ndeliv;	/* deliveries, all of them */
	long			live;	/* fragments allocated, not freed */
	int			bad;	/* a callback saw something wrong */
	/* called on every delivery before it is recorded (fuzz checks) */
	void			(*on_deliver)(struct env *e,
					      const struct got *g);
};

static struct env env;

static struct tfrag *tfrag_of(struct nsctp_frag *f)
{
	return container_of(f, struct tfrag, f);
}

static void tfrag_free(struct tfrag *t)
{
	env.live--;
	memset(t, 0x5a, sizeof(*t));
	free(t);
}

static struct nsctp_frag *env_join(struct nsctp_reasm *r,
				   struct list_head *run)
{
	struct nsctp_frag *first = list_first_entry(run, struct nsctp_frag,
						    list);
	struct nsctp_frag *f, *tmp;
	u32 expect = first->tsn, n = 0;

	if (!(first->flags & NSCTP_FRAG_B))
		env.bad = 1;
	list_for_each_entry_safe(f, tmp, run, list) {
		if (f->tsn != expect++)
			env.bad = 1;
		n++;
		if (f == first)
			continue;
		if (list_is_last(&f->list, run) && !(f->flags & NSCTP_FRAG_E))
			env.bad = 1;
		tfrag_of(first)->last = f->tsn;
		list_del(&f->list);
		tfrag_free(tfrag_of(f));
	}
	if (n < 2)
		env.bad = 1;
	tfrag_of(first)->nfrags = n;
	return first;
}

static void env_deliver(struct nsctp_reasm *r, struct nsctp_frag *f)
{
	struct tfrag *t = tfrag_of(f);
	struct got g = {
		.tsn = f->tsn,
		.last = t->nfrags ? t->last : f->tsn,
		.len = f->len,
		.nfrags = t->nfrags ? t->nfrags : 1,
		.sid = f->sid,
		.ssn = f->ssn,
		.flags = f->flags,
	};

	env.ndeliv++;
	if (env.on_deliver)
		env.on_deliver(&env, &g);
	if (env.ngot < ENV_GOT)
		env.got[env.ngot++] = g;
	tfrag_free(t);
}

static void env_free(struct nsctp_reasm *r, struct nsctp_frag *f)
{
	tfrag_free(tfrag_of(f));
}

static const struct nsctp_reasm_ops env_ops = {
	.join = env_join,
	.deliver = env_deliver,
	.free = env_free,
	.ext_off = offsetof(struct tfrag, ext) - offsetof(struct tfrag, f),
};

/* A fresh receive side with @streams streams, each expecting SSN @ssn. */
static void env_init(u16 streams, u16 ssn)
{
	unsigned int i;

	memset(&env, 0, sizeof(env));
	for (i = 0; i < ENV_STREAMS; i++)
		env.ssn[i] = ssn;
	nsctp_reasm_init(&env.r, &env_ops, env.ssn, streams);
}

static struct tfrag *tfrag_new(u32 tsn, u8 flags, u16 sid, u16 ssn, u32 len)
{
	struct tfrag *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	env.live++;
	t->f.tsn = tsn;
	t->f.flags = flags;
	t->f.sid = sid;
	t->f.ssn = ssn;
	t->f.len = len;
	return t;
}

/* A fragment arrives; one not taken is freed here. */
static enum nsctp_reasm_verdict env_add(u32 tsn, u8 flags, u16 sid, u16 ssn,
					u32 len)
{
	struct tfrag *t = tfrag_new(tsn, flags, sid, ssn, len);
	enum nsctp_reasm_verdict v = nsctp_reasm_add(&env.r, &t->f);

	if (v != NSCTP_REASM_OK)
		tfrag_free(t);
	return v;
}

/* Is a fragment with @tsn held on the core's fragment tree? */
static inline int env_holds(u32 tsn)
{
	struct rb_node *n;

	for (n = rb_first(&env.r.tree); n; n = rb_next(n)) {
		if (rb_entry(n, struct nsctp_frag, node)->tsn == tsn)
			return 1;
	}
	return 0;
}

static inline unsigned int tree_len(const struct rb_root *root)
{
	struct rb_node *n;
	unsigned int i = 0;

	for (n = rb_first(root); n; n = rb_next(n))
		i++;
	return i;
}

/* Whole messages that wait (not their stream's next, or held). */
static inline unsigned int env_lobby_len(void)
{
	return tree_len(&env.r.lobby) + tree_len(&env.r.ready);
}

#endif
