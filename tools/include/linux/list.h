/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/list.h>: a circular doubly
 * linked list with a head node, and the subset of the kernel's helpers
 * nsctp's pure logic uses, with the same names and meanings. Deleted
 * entries are poisoned with NULL so a use after list_del() faults.
 */
#ifndef _NSCTP_TOOLS_LINUX_LIST_H
#define _NSCTP_TOOLS_LINUX_LIST_H

#include <stddef.h>
#include <linux/types.h>

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

/* Link @n between @prev and @next, which are adjacent. */
static inline void list_link_(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

/* Insert @n right after @h (at the front when @h is the head). */
static inline void list_add(struct list_head *n, struct list_head *h)
{
	list_link_(n, h, h->next);
}

/* Insert @n right before @h (at the back when @h is the head). */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	list_link_(n, h->prev, h);
}

static inline void list_unlink_(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static inline void list_del(struct list_head *e)
{
	list_unlink_(e);
	e->next = NULL;
	e->prev = NULL;
}

static inline void list_del_init(struct list_head *e)
{
	list_unlink_(e);
	INIT_LIST_HEAD(e);
}

static inline void list_move_tail(struct list_head *e, struct list_head *h)
{
	list_unlink_(e);
	list_add_tail(e, h);
}

static inline int list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline int list_is_first(const struct list_head *e,
				const struct list_head *h)
{
	return e->prev == h;
}

static inline int list_is_last(const struct list_head *e,
			       const struct list_head *h)
{
	return e->next == h;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)
#define list_last_entry(h, type, member) list_entry((h)->prev, type, member)
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)
#define list_entry_is_head(pos, h, member)	(&(pos)->member == (h))

#define list_for_each_entry(pos, h, member)				\
	for (pos = list_first_entry(h, __typeof__(*pos), member);	\
	     !list_entry_is_head(pos, h, member);			\
	     pos = list_next_entry(pos, member))

#define list_for_each_entry_reverse(pos, h, member)			\
	for (pos = list_last_entry(h, __typeof__(*pos), member);	\
	     !list_entry_is_head(pos, h, member);			\
	     pos = list_prev_entry(pos, member))

#define list_for_each_entry_safe(pos, n, h, member)			\
	for (pos = list_first_entry(h, __typeof__(*pos), member),	\
	     n = list_next_entry(pos, member);				\
	     !list_entry_is_head(pos, h, member);			\
	     pos = n, n = list_next_entry(n, member))

#endif
