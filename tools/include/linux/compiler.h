/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/compiler.h>, as much as the
 * kernel's tools/include/linux/rbtree*.h and tools/lib/rbtree.c need.
 */
#ifndef _NSCTP_TOOLS_LINUX_COMPILER_H
#define _NSCTP_TOOLS_LINUX_COMPILER_H

#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

#endif
