/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included into every nsctp object by Kbuild: the log prefix, and
 * kernel-version shims, so that no .c file tests LINUX_VERSION_CODE. The
 * target today is Debian's 6.1 kernel, which needs none; shims for other
 * kernels go here, selected by feature probes in Kbuild.
 */
#ifndef _NET_NSCTP_COMPAT_H
#define _NET_NSCTP_COMPAT_H

/* Every log line names the module (force-included before printk.h). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#endif /* _NET_NSCTP_COMPAT_H */
