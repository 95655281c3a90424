/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/slab.h>: kcalloc()/kfree()
 * over calloc()/free(). Passing GFP_NSCTP_TEST_FAIL makes the allocation
 * fail, so tests can check every -ENOMEM path.
 */
#ifndef _NSCTP_TOOLS_LINUX_SLAB_H
#define _NSCTP_TOOLS_LINUX_SLAB_H

#include <stdlib.h>
#include <linux/types.h>

#define GFP_KERNEL		((gfp_t)0x1)
#define GFP_ATOMIC		((gfp_t)0x2)
#define GFP_NSCTP_TEST_FAIL	((gfp_t)0x80000000u)

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (gfp & GFP_NSCTP_TEST_FAIL)
		return NULL;
	return calloc(n, size);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif
