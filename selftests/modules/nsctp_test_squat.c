// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: occupy the IPPROTO_SCTP protocol slot.
 *
 * nsctp must refuse to load with -EBUSY, and say why, when another
 * handler already owns protocol 132 (normally the in-tree sctp.ko). This
 * module stands in for that owner without dragging sctp.ko, which can
 * never be unloaded, into the test guest. It claims the IPv4 slot, or the
 * IPv6 one when loaded with family=6, and drops every packet it gets.
 */
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/in.h>
#include <net/protocol.h>

static int family = 4;
module_param(family, int, 0444);
MODULE_PARM_DESC(family, "address family whose SCTP slot to take: 4 or 6");

static int squat_rcv(struct sk_buff *skb)
{
	kfree_skb(skb);
	return 0;
}

static const struct net_protocol squat_protocol = {
	.handler = squat_rcv,
	.no_policy = 1,
};

#if IS_ENABLED(CONFIG_IPV6)
static const struct inet6_protocol squat_protocol6 = {
	.handler = squat_rcv,
	.flags = INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

static int squat_add6(void)
{
	return inet6_add_protocol(&squat_protocol6, IPPROTO_SCTP);
}

static void squat_del6(void)
{
	inet6_del_protocol(&squat_protocol6, IPPROTO_SCTP);
}
#else
static int squat_add6(void)
{
	return -EAFNOSUPPORT;
}

static void squat_del6(void)
{
}
#endif

static int __init squat_init(void)
{
	int err;

	if (family != 4 && family != 6)
		return -EINVAL;
	if (family == 6)
		err = squat_add6();
	else
		err = inet_add_protocol(&squat_protocol, IPPROTO_SCTP);
	/* the add functions return -1 when the slot is already taken */
	if (err) {
		pr_info("nsctp_test_squat: IPv%d protocol 132 already taken\n",
			family);
		return -EBUSY;
	}
	pr_info("nsctp_test_squat: holding IPv%d protocol 132\n", family);
	return 0;
}

static void __exit squat_exit(void)
{
	if (family == 6)
		squat_del6();
	else
		inet_del_protocol(&squat_protocol, IPPROTO_SCTP);
	/* inet*_del_protocol only unpublishes; wait for readers in softirq */
	synchronize_net();
}

module_init(squat_init);
module_exit(squat_exit);

MODULE_DESCRIPTION("nsctp selftest: occupy the IPPROTO_SCTP handler slot");
MODULE_LICENSE("GPL");
