/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/kernel.h>, as much as the
 * kernel's own tools/include/linux/rbtree.h needs (container_of).
 */
#ifndef _NSCTP_TOOLS_LINUX_KERNEL_H
#define _NSCTP_TOOLS_LINUX_KERNEL_H

#include <stddef.h>
#include <linux/compiler.h>
#include <linux/types.h>

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

#endif
