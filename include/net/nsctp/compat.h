/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version shims, force-included into every nsctp object by Kbuild
 * so that no .c file tests LINUX_VERSION_CODE. The target today is
 * Debian's 6.1 kernel, which needs none; shims for other kernels go here,
 * selected by feature probes in Kbuild.
 */
#ifndef _NET_NSCTP_COMPAT_H
#define _NET_NSCTP_COMPAT_H

#endif /* _NET_NSCTP_COMPAT_H */
