// SPDX-License-Identifier: GPL-2.0
/*
 * Module entry and exit.
 *
 * Order matters in two places. IPPROTO_SCTP is claimed first, so that
 * when the in-tree sctp.ko already holds it nothing else of nsctp has
 * been registered and the load fails cleanly with -EBUSY. And exit is the
 * exact mirror of init; it can only run once every socket is gone,
 * because each socket holds a reference on this module and nothing else
 * does (nsctp keeps no control socket).
 */
#include <linux/module.h>
#include <linux/net.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/cookie.h>
#include <net/nsctp/data.h>
#include <net/nsctp/nsctp.h>

static int __init nsctp_init(void)
{
	int err;

	nsctp_chunk_cache_init();
	err = nsctp_input_init();
	if (err)
		return err;
	err = nsctp_crc32c_init();
	if (err)
		goto err_input;
	err = nsctp_cookie_init();
	if (err)
		goto err_crc;
	err = nsctp_port_cache_init();
	if (err)
		goto err_cookie;
	err = nsctp_assoc_cache_init();
	if (err)
		goto err_port_cache;
	err = nsctp_netns_init();
	if (err)
		goto err_assoc_cache;
	err = nsctp_mem_init();
	if (err)
		goto err_netns;
	err = nsctp_socket_init();
	if (err)
		goto err_mem;
	err = nsctp_diag_init();
	if (err)
		goto err_socket;
	nsctp_offload_init();
	nsctp_input_start();
	pr_info("SCTP (RFC 9260) loaded\n");
	return 0;

err_socket:
	nsctp_socket_exit();
err_mem:
	nsctp_mem_exit();
err_netns:
	nsctp_netns_exit();
err_assoc_cache:
	nsctp_assoc_cache_exit();
err_port_cache:
	nsctp_port_cache_exit();
err_cookie:
	nsctp_cookie_exit();
err_crc:
	nsctp_crc32c_exit();
err_input:
	nsctp_input_exit();
	return err;
}

static void __exit nsctp_exit(void)
{
	nsctp_input_stop();
	nsctp_offload_exit();
	nsctp_diag_exit();
	nsctp_socket_exit();
	nsctp_mem_exit();
	nsctp_netns_exit();
	/* The last reference to an association or socket may have been
	 * dropped by a timer or softirq still running our code: wait for
	 * every such section to end.
	 */
	synchronize_rcu();
	nsctp_chunk_cache_exit();
	nsctp_assoc_cache_exit();
	nsctp_port_cache_exit();
	nsctp_cookie_exit();
	nsctp_crc32c_exit();
	nsctp_input_exit();
}

module_init(nsctp_init);
module_exit(nsctp_exit);

MODULE_DESCRIPTION("SCTP (RFC 9260) written from scratch");
MODULE_LICENSE("GPL");
MODULE_VERSION(NSCTP_VERSION);
MODULE_SOFTDEP("pre: crc32c");
/* socket(AF_INET/AF_INET6, SOCK_STREAM/SOCK_SEQPACKET, IPPROTO_SCTP):
 * the typed aliases are asked for first, so an installed nsctp wins over
 * sctp.ko; the generic ones cover everything else.
 */
MODULE_ALIAS("net-pf-" __stringify(PF_INET) "-proto-132-type-1");
MODULE_ALIAS("net-pf-" __stringify(PF_INET) "-proto-132-type-5");
MODULE_ALIAS("net-pf-" __stringify(PF_INET6) "-proto-132-type-1");
MODULE_ALIAS("net-pf-" __stringify(PF_INET6) "-proto-132-type-5");
MODULE_ALIAS("net-pf-" __stringify(PF_INET) "-proto-132");
MODULE_ALIAS("net-pf-" __stringify(PF_INET6) "-proto-132");
/* ss --sctp: inet_diag asks for the SCTP sock_diag handler by this name
 * (in-tree's sctp_diag's), so that it finds nsctp's, never sctp.ko's
 */
MODULE_ALIAS("net-pf-" __stringify(PF_NETLINK) "-proto-"
	     __stringify(NETLINK_SOCK_DIAG) "-type-" __stringify(AF_INET)
	     "-132");
