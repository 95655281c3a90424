// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for cc_reno.c: any sequence of SACKs and losses on
 * any path keeps the §7.2 invariants: partial_bytes_acked never above
 * cwnd in congestion avoidance, 0 once nothing is in flight, cwnd never
 * below one MTU after a loss, and growth by at most one MTU a SACK.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <net/nsctp/cc_reno.h>

static uint32_t take32(const uint8_t **p, size_t *n)
{
	uint32_t v = 0;

	if (*n >= 4) {
		memcpy(&v, *p, 4);
		*p += 4;
		*n -= 4;
	}
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsctp_cc_win w = { 0 };

	w.mtu = 512 + take32(&data, &size) % 65536;
	nsctp_reno_init(&w, take32(&data, &size));
	while (size >= 9) {
		uint8_t op = *data++;
		uint32_t acked = take32(&data, &size);
		uint32_t flight = take32(&data, &size);
		uint32_t cwnd = w.cwnd;

		size--;
		/* what was in flight before the SACK (a sender keeps it
		 * near cwnd; a path MTU probe or a window probe may go a
		 * little over), and what the SACK acknowledged of it
		 */
		flight %= (uint64_t)w.cwnd + w.mtu + 1;
		acked %= (uint64_t)flight + 1;
		w.flight = flight - acked;
		switch (op % 4) {
		case 0:
		case 1:
			nsctp_reno_ack(&w, acked, op & 4);
			if (w.cwnd > cwnd && w.cwnd - cwnd > w.mtu)
				abort();	/* more than one MTU a SACK */
			if (w.cwnd > w.ssthresh && w.pba > w.cwnd &&
			    cwnd > w.ssthresh)
				abort();	/* §7.2.2: the count stops at cwnd */
			if (!w.flight && w.pba)
				abort();	/* §7.2.2: all acknowledged */
			break;
		case 2:
			nsctp_reno_loss(&w, false);
			if (w.cwnd < 4 * w.mtu || w.pba)
				abort();
			break;
		default:
			nsctp_reno_loss(&w, true);
			if (w.cwnd != w.mtu || w.ssthresh < 4 * w.mtu || w.pba)
				abort();
			break;
		}
	}
	return 0;
}
