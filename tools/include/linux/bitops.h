/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/bitops.h>: the word size
 * and __ffs(), which is all nsctp's pure logic uses.
 */
#ifndef _NSCTP_TOOLS_LINUX_BITOPS_H
#define _NSCTP_TOOLS_LINUX_BITOPS_H

#define BITS_PER_LONG	(__SIZEOF_LONG__ * 8)

/* Index of the lowest set bit; undefined for 0, as in the kernel. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

#endif
