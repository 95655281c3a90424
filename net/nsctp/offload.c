// SPDX-License-Identifier: GPL-2.0
/*
 * Generic segmentation offload for SCTP.
 *
 * A GSO packet of nsctp (built by outq.c) is a head skb holding only the
 * IP and SCTP common headers, with one skb per packet on its frag_list:
 * each holds the chunks of one packet, a bundled SACK in its linear part
 * and DATA chunks in page fragments. skb_shinfo()->gso_size is
 * GSO_BY_FRAGS, so each frag_list member becomes one segment, and the
 * checksum is CHECKSUM_PARTIAL with csum_not_inet (CRC32c, RFC 9260 §6.8).
 *
 * Devices that pass SCTP GSO packets on unsegmented (loopback, veth: they
 * have NETIF_F_GSO_SCTP in NETIF_F_GSO_SOFTWARE) deliver them whole to the
 * receiving stack, which splits them with nsctp_gso_split() before it
 * looks at a chunk. Everywhere else the core calls nsctp_gso_segment()
 * through the offload table at the device: the packets are cut there,
 * their pages shared, and each gets its CRC32c in software unless the
 * device computes it (NETIF_F_SCTP_CRC).
 *
 * The offload slot for IPPROTO_SCTP belongs to whoever claims the protocol
 * (sctp.ko registers one too); nsctp builds GSO packets only while it
 * holds the slot (nsctp_gso_enabled).
 */
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/protocol.h>

#include <net/nsctp/nsctp.h>

static bool nsctp_gso_v4 __read_mostly;
static bool nsctp_gso_v6 __read_mostly;

/* The CRC of each segment: by the device when it can, else here. */
static void seg_csum(struct sk_buff *seg, netdev_features_t features)
{
	struct sctphdr *sh = sctp_hdr(seg);

	if (features & NETIF_F_SCTP_CRC) {
		seg->ip_summed = CHECKSUM_PARTIAL;
		seg->csum_start = skb_transport_header(seg) - seg->head;
		seg->csum_offset = offsetof(struct sctphdr, checksum);
		seg->csum_not_inet = 1;
		return;
	}
	sh->checksum = 0;
	sh->checksum = nsctp_crc32c_skb(seg, skb_transport_offset(seg));
	seg->ip_summed = CHECKSUM_NONE;
	seg->csum_not_inet = 0;
}

/* Cut @skb (data at its SCTP common header) into its frag_list packets. */
static struct sk_buff *gso_cut(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs;

	if (!(skb_shinfo(skb)->gso_type & SKB_GSO_SCTP) ||
	    skb_shinfo(skb)->gso_size != GSO_BY_FRAGS ||
	    !skb_has_frag_list(skb) ||
	    !pskb_may_pull(skb, sizeof(struct sctphdr)))
		return ERR_PTR(-EINVAL);
	__skb_pull(skb, sizeof(struct sctphdr));
	/* The CRC is not an Internet checksum: skb_segment() must leave the
	 * payload alone (HW_CSUM), and share pages where it can (SG).
	 */
	segs = skb_segment(skb, features | NETIF_F_HW_CSUM);
	__skb_push(skb, sizeof(struct sctphdr));
	return segs;
}

/**
 * nsctp_gso_segment() - the offload callback: segment a GSO packet
 * @skb: the packet, data at its SCTP common header (the IP layer's
 *	callback pulled its own header)
 * @features: what the device can do
 *
 * Return: the list of segments, or an ERR_PTR().
 */
static struct sk_buff *nsctp_gso_segment(struct sk_buff *skb,
					 netdev_features_t features)
{
	struct sk_buff *segs, *seg;

	segs = gso_cut(skb, features);
	if (IS_ERR_OR_NULL(segs))
		return segs;
	for (seg = segs; seg; seg = seg->next)
		seg_csum(seg, features);
	return segs;
}

/**
 * nsctp_gso_split() - the packets of a GSO packet delivered to us whole
 * @skb: as the IP layer hands it to nsctp_rcv(): data at the SCTP common
 *	header; consumed
 *
 * Only the local stack builds such packets (virtio_net accepts no SCTP
 * GSO from a host), so their checksum is trusted as the device's.
 * Return: the list of packets (skb->next), each as the IP layer would
 * have handed it over, or NULL (counted by the caller as a discard).
 */
struct sk_buff *nsctp_gso_split(struct sk_buff *skb)
{
	struct sk_buff *segs, *seg;

	if (!skb_mac_header_was_set(skb))
		skb_set_mac_header(skb, -skb_transport_offset(skb));
	segs = gso_cut(skb, NETIF_F_SG);
	consume_skb(skb);
	if (IS_ERR_OR_NULL(segs))
		return NULL;
	for (seg = segs; seg; seg = seg->next) {
		__skb_pull(seg, skb_transport_offset(seg));
		skb_gso_reset(seg);
		seg->ip_summed = CHECKSUM_UNNECESSARY;
		seg->csum_not_inet = 0;
	}
	return segs;
}

static const struct net_offload nsctp_offload = {
	.callbacks = {
		.gso_segment = nsctp_gso_segment,
	},
};

/**
 * nsctp_gso_enabled() - may packets to @family be built as GSO packets?
 * @family: AF_INET or AF_INET6
 *
 * Return: true while nsctp's segmentation callback is registered for it.
 */
bool nsctp_gso_enabled(sa_family_t family)
{
	return family == AF_INET6 ? READ_ONCE(nsctp_gso_v6) :
				    READ_ONCE(nsctp_gso_v4);
}

/* Claim the offload slots; one taken already only turns GSO off there. */
void nsctp_offload_init(void)
{
	nsctp_gso_v4 = !inet_add_offload(&nsctp_offload, IPPROTO_SCTP);
#if IS_ENABLED(CONFIG_IPV6)
	nsctp_gso_v6 = !inet6_add_offload(&nsctp_offload, IPPROTO_SCTP);
#endif
	if (!nsctp_gso_v4 || (IS_ENABLED(CONFIG_IPV6) && !nsctp_gso_v6))
		pr_info("the SCTP offload slot is taken: no GSO (IPv4 %s, IPv6 %s)\n",
			nsctp_gso_v4 ? "on" : "off", nsctp_gso_v6 ? "on" : "off");
}

/* Release them; inet*_del_offload() waits for running callbacks. */
void nsctp_offload_exit(void)
{
#if IS_ENABLED(CONFIG_IPV6)
	if (nsctp_gso_v6)
		inet6_del_offload(&nsctp_offload, IPPROTO_SCTP);
	WRITE_ONCE(nsctp_gso_v6, false);
#endif
	if (nsctp_gso_v4)
		inet_del_offload(&nsctp_offload, IPPROTO_SCTP);
	WRITE_ONCE(nsctp_gso_v4, false);
}
