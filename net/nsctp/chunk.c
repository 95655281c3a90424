// SPDX-License-Identifier: GPL-2.0
/*
 * The skbs of outgoing DATA chunks, recycled.
 *
 * A DATA chunk waiting to be sent or acknowledged is an skb without
 * linear data: its header and payload in page fragments, its state in
 * the cb (sendmsg.c, outq.c). Packets reference its pages, never the skb
 * itself. Once the peer acknowledges the chunk, its pages are released
 * and the bare skb goes to a small per-CPU cache, from which the chunks
 * of the next messages are taken. In a steady transfer a chunk then costs
 * no allocation: its bytes go into the socket's page_frag, its skb comes
 * from here.
 *
 * Only skbs that nsctp_chunk_alloc() made, in the state a chunk leaves
 * them (no linear data, no frag_list, no owner, nobody else holding them),
 * are taken back; anything else is freed as usual. The cache holds at
 * most NSCTP_CHUNK_CACHE skbs a CPU and is emptied on module exit.
 */
#include <linux/percpu.h>
#include <linux/skbuff.h>

#include <net/nsctp/data.h>

#define NSCTP_CHUNK_CACHE	64

static DEFINE_PER_CPU(struct sk_buff_head, nsctp_chunk_cache);

/**
 * nsctp_chunk_alloc() - an empty skb for a DATA chunk
 * @gfp: allocation flags, when the cache is empty
 *
 * Return: an skb with no data, or NULL.
 */
struct sk_buff *nsctp_chunk_alloc(gfp_t gfp)
{
	struct sk_buff *skb;

	local_bh_disable();
	skb = __skb_dequeue(this_cpu_ptr(&nsctp_chunk_cache));
	local_bh_enable();
	return skb ?: alloc_skb(0, gfp);
}

/**
 * nsctp_chunk_release() - a DATA chunk's skb is done with
 * @skb: the chunk (its send buffer charge already returned)
 */
void nsctp_chunk_release(struct sk_buff *skb)
{
	struct skb_shared_info *si = skb_shinfo(skb);
	struct sk_buff_head *cache;
	int i;

	if (skb_shared(skb) || skb_cloned(skb) || skb_headlen(skb) ||
	    skb_has_frag_list(skb) || skb->destructor || skb->sk ||
	    si->flags) {
		consume_skb(skb);
		return;
	}
	for (i = 0; i < si->nr_frags; i++)
		skb_frag_unref(skb, i);
	si->nr_frags = 0;
	skb->truesize -= skb->data_len;
	skb->len = 0;
	skb->data_len = 0;
	local_bh_disable();
	cache = this_cpu_ptr(&nsctp_chunk_cache);
	if (skb_queue_len(cache) < NSCTP_CHUNK_CACHE) {
		__skb_queue_head(cache, skb);
		skb = NULL;
	}
	local_bh_enable();
	if (skb)
		consume_skb(skb);
}

void nsctp_chunk_cache_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		__skb_queue_head_init(per_cpu_ptr(&nsctp_chunk_cache, cpu));
}

/* No socket is left, so nothing can run here any more. */
void nsctp_chunk_cache_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		__skb_queue_purge(per_cpu_ptr(&nsctp_chunk_cache, cpu));
}
