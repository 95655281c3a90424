// SPDX-License-Identifier: GPL-2.0
/*
 * CRC32c (RFC 9260 Appendix B) through the kernel crypto API.
 *
 * One "crc32c" shash transform is allocated at load time; the crypto API
 * picks the fastest driver (SSE4.2/PCLMUL on x86). Each computation uses
 * a descriptor on the stack and seeds it directly, as lib/libcrc32c.c
 * does, so nothing is allocated per packet. Non-linear skbs are walked
 * with __skb_checksum(), combining per-fragment CRCs with
 * __crc32c_le_shift().
 */
#include <crypto/hash.h>
#include <linux/crc32.h>
#include <linux/skbuff.h>

#include <net/nsctp/nsctp.h>

static struct crypto_shash *nsctp_crc32c_tfm;

static u32 nsctp_crc32c(u32 crc, const void *data, unsigned int len)
{
	SHASH_DESC_ON_STACK(desc, nsctp_crc32c_tfm);
	int err;

	desc->tfm = nsctp_crc32c_tfm;
	*(u32 *)shash_desc_ctx(desc) = crc;
	err = crypto_shash_update(desc, data, len);
	/* crc32c's update cannot fail; keep the compiler honest. */
	WARN_ON_ONCE(err);
	return *(u32 *)shash_desc_ctx(desc);
}

static __wsum crc32c_update(const void *buf, int len, __wsum sum)
{
	return (__force __wsum)nsctp_crc32c((__force u32)sum, buf, len);
}

static __wsum crc32c_combine(__wsum crc1, __wsum crc2, int offset, int len)
{
	return (__force __wsum)(__crc32c_le_shift((__force u32)crc1, len) ^
				(__force u32)crc2);
}

static const struct skb_checksum_ops nsctp_crc32c_ops = {
	.update  = crc32c_update,
	.combine = crc32c_combine,
};

/**
 * nsctp_crc32c_skb() - the SCTP checksum of the packet in @skb
 * @skb: the packet
 * @offset: where its SCTP common header starts
 *
 * The checksum field itself counts as zero, so this both verifies a
 * received packet (compare with the field) and fills in an outgoing one.
 *
 * Return: the value for the common header's checksum field.
 */
__le32 nsctp_crc32c_skb(const struct sk_buff *skb, unsigned int offset)
{
	static const u8 zero[4];
	struct sctphdr hdr;
	u32 crc;

	if (skb_copy_bits(skb, offset, &hdr, sizeof(hdr)))
		return 0;
	crc = nsctp_crc32c(~0U, &hdr, offsetof(struct sctphdr, checksum));
	crc = nsctp_crc32c(crc, zero, sizeof(zero));
	crc = (__force u32)__skb_checksum(skb, offset + sizeof(hdr),
					  skb->len - offset - sizeof(hdr),
					  (__force __wsum)crc,
					  &nsctp_crc32c_ops);
	return cpu_to_le32(~crc);
}

/* What skb_crc32c_csum_help() used before we came (REFERENCE H4). */
static const struct skb_checksum_ops *nsctp_saved_stub;

int nsctp_crc32c_init(void)
{
	nsctp_crc32c_tfm = crypto_alloc_shash("crc32c", 0, 0);
	if (IS_ERR(nsctp_crc32c_tfm)) {
		int err = PTR_ERR(nsctp_crc32c_tfm);

		nsctp_crc32c_tfm = NULL;
		return err;
	}
	/* A packet we leave to NETIF_F_SCTP_CRC may end up on a device
	 * without it (a bridge, a tunnel); the core then computes the
	 * CRC through this stub, which only warns unless an SCTP module
	 * fills it in.
	 */
	nsctp_saved_stub = READ_ONCE(crc32c_csum_stub);
	WRITE_ONCE(crc32c_csum_stub, &nsctp_crc32c_ops);
	return 0;
}

void nsctp_crc32c_exit(void)
{
	WRITE_ONCE(crc32c_csum_stub, nsctp_saved_stub);
	synchronize_net();
	crypto_free_shash(nsctp_crc32c_tfm);
}
