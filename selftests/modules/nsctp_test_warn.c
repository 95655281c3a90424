// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: emit one deliberate WARN at load.
 *
 * The selftest runner scans the kernel log and must fail a run that left a
 * WARNING behind. The meta test loads this module in a guest and checks
 * that the run is reported as failed, so the log check is known to bite.
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init warn_init(void)
{
	WARN(1, "nsctp_test_warn: deliberate warning for the log-check test\n");
	return 0;
}

static void __exit warn_exit(void)
{
}

module_init(warn_init);
module_exit(warn_exit);

MODULE_DESCRIPTION("nsctp selftest: deliberate WARN to test the log check");
MODULE_LICENSE("GPL");
