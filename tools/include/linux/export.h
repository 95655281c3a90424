/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel's <linux/export.h> (tools/lib/rbtree.c). */
#ifndef _NSCTP_TOOLS_LINUX_EXPORT_H
#define _NSCTP_TOOLS_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)

#endif
