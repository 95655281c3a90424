// SPDX-License-Identifier: GPL-2.0
/*
 * Per-network-namespace state: the port table, the MIB, the tunables and
 * their /proc/sys/net/sctp and /proc/net/sctp files.
 *
 * The state hangs off net_generic() through pernet_operations.id/.size;
 * struct net's own 'sctp' member belongs to the in-tree module and is
 * never touched.
 */
#include <linux/percpu.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

static unsigned int nsctp_net_id __read_mostly;

/* net_generic() without its rcu_read_lock(), which on a kernel with
 * preemptible RCU (Debian's) is two calls, made here for every MIB
 * counter bump: a dozen a packet. Our slot of @net's array never changes
 * while @net lives; only the array holding it can be replaced (a later
 * pernet_operations registration), and the old one is freed with
 * kfree_rcu(), whose grace period also waits for every section that runs
 * with preemption disabled (one RCU since 4.20): rcu_dereference_sched().
 */
struct nsctp_net *nsctp_pernet(const struct net *net)
{
	struct nsctp_net *nn;

	preempt_disable();
	nn = rcu_dereference_sched(net->gen)->ptr[nsctp_net_id];
	preempt_enable();
	return nn;
}

struct nsctp_mib __percpu *nsctp_net_mib(const struct net *net)
{
	return nsctp_pernet(net)->mib;
}

unsigned long nsctp_mib_read(const struct net *net, enum nsctp_mib_field f)
{
	struct nsctp_mib __percpu *mib = nsctp_net_mib(net);
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(mib, cpu)->mibs[f];
	return sum;
}

static int __net_init nsctp_net_init(struct net *net)
{
	struct nsctp_net *nn = nsctp_pernet(net);
	int err;

	nsctp_port_hash_init(nn);
	nsctp_params_init(&nn->params);
	nn->mib = alloc_percpu(struct nsctp_mib);
	if (!nn->mib)
		return -ENOMEM;
	err = nsctp_assoc_table_init(nn);
	if (err)
		goto err_mib;
	err = nsctp_sysctl_net_init(net, nn);
	if (err)
		goto err_table;
	err = nsctp_proc_net_init(net, nn);
	if (err)
		goto err_sysctl;
	return 0;

err_sysctl:
	nsctp_sysctl_net_exit(nn);
err_table:
	nsctp_assoc_table_exit(nn);
err_mib:
	free_percpu(nn->mib);
	return err;
}

static void __net_exit nsctp_net_exit(struct net *net)
{
	struct nsctp_net *nn = nsctp_pernet(net);
	unsigned int i;

	nsctp_proc_net_exit(net, nn);
	nsctp_sysctl_net_exit(nn);
	nsctp_assoc_table_exit(nn);
	free_percpu(nn->mib);
	/* Sockets pin the netns, so no port can be left by now. */
	for (i = 0; i < NSCTP_PORT_HASH_SIZE; i++)
		WARN_ON_ONCE(!hlist_empty(&nn->port_hash[i].chain));
}

static struct pernet_operations nsctp_net_ops = {
	.init	= nsctp_net_init,
	.exit	= nsctp_net_exit,
	.id	= &nsctp_net_id,
	.size	= sizeof(struct nsctp_net),
};

int nsctp_netns_init(void)
{
	return register_pernet_subsys(&nsctp_net_ops);
}

void nsctp_netns_exit(void)
{
	unregister_pernet_subsys(&nsctp_net_ops);
}
