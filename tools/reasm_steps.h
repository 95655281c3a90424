/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into every tools/ build (-include): net/nsctp/reasm.c counts
 * each step of its walks and tree searches here, so that reasm_test.c
 * can tell an O(log n) operation from an O(n) one. The kernel build
 * never sees it (NSCTP_REASM_STEP() is empty there).
 */
#ifndef _NSCTP_TOOLS_REASM_STEPS_H
#define _NSCTP_TOOLS_REASM_STEPS_H

__attribute__((weak)) unsigned long nsctp_reasm_steps;
#define NSCTP_REASM_STEP()	((void)nsctp_reasm_steps++)

#endif
