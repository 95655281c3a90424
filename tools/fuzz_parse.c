// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for net/nsctp/parse.c. Whatever the input, the parser
 * must not read outside it (ASan checks), and when it accepts a packet,
 * walking its chunks with nsctp_chunk_next() must stay inside it and
 * visit exactly nchunks valid chunks, each of which the rules for one
 * chunk alone (nsctp_parse_chunk(), the in-place receive path) accept.
 */
#include <stdlib.h>
#include <string.h>
#include <net/nsctp/parse.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const struct sctp_chunkhdr *ch;
	struct nsctp_pkt_info info;
	unsigned int k;
	u8 *copy;

	if (size > 65535)
		return 0;
	/* An exact-size heap copy, so any overread is caught. */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (nsctp_parse_packet(copy, size, &info) == NSCTP_PARSE_OK) {
		for (k = 0, ch = nsctp_chunk_first(copy); k < info.nchunks;
		     k++, ch = nsctp_chunk_next(ch)) {
			unsigned int off = (const u8 *)ch - copy;
			unsigned int len = be16_to_cpu(ch->length);

			if (off + 4 > size || len < 4 || off + len > size)
				abort();
			if (nsctp_parse_chunk((const u8 *)ch, len) !=
			    NSCTP_PARSE_OK)
				abort();
		}
	}
	free(copy);
	return 0;
}
