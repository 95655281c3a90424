// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/sctp: 'snmp' (the MIB) and 'eps' (listening endpoints), in
 * the in-tree module's formats, which monitoring tools parse.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include <net/nsctp/nsctp.h>

/* The in-tree SCTP_SOCKET_UDP and SCTP_SOCKET_TCP values of 'STY'. */
#define NSCTP_STY_ONE_TO_MANY	0
#define NSCTP_STY_ONE_TO_ONE	2

static int snmp_show(struct seq_file *seq, void *v)
{
	struct net *net = seq->private;
	int i;

	for (i = 0; i < NSCTP_MIB_MAX; i++)
		seq_printf(seq, "%-32s\t%ld\n", nsctp_mib_names[i],
			   nsctp_mib_read(net, i));
	return 0;
}

static void *eps_start(struct seq_file *seq, loff_t *pos)
{
	if (*pos >= NSCTP_PORT_HASH_SIZE)
		return NULL;
	if (*pos == 0)
		seq_puts(seq, " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n");
	return pos;
}

static void *eps_next(struct seq_file *seq, void *v, loff_t *pos)
{
	++*pos;
	return *pos < NSCTP_PORT_HASH_SIZE ? pos : NULL;
}

static void eps_stop(struct seq_file *seq, void *v)
{
}

static void eps_show_sock(struct seq_file *seq, struct nsctp_sock *nsk,
			  int bucket)
{
	struct sock *sk = nsctp_to_sk(nsk);
	struct nsctp_laddr *la;

	seq_printf(seq, "%8pK %8pK %-3d %-3d %-4d %-5d %5u %5lu ", nsk, sk,
		   nsctp_one_to_one(sk) ? NSCTP_STY_ONE_TO_ONE :
					  NSCTP_STY_ONE_TO_MANY,
		   sk->sk_state, bucket, inet_sk(sk)->inet_num,
		   from_kuid_munged(seq_user_ns(seq), sock_i_uid(sk)),
		   sock_i_ino(sk));
	list_for_each_entry(la, &nsk->laddrs, list) {
		if (la->a.sa.sa_family == AF_INET)
			seq_printf(seq, "%pI4 ", &la->a.v4.sin_addr);
		else
			seq_printf(seq, "%pI6 ", &la->a.v6.sin6_addr);
	}
	seq_putc(seq, '\n');
}

static int eps_show(struct seq_file *seq, void *v)
{
	int bucket = *(loff_t *)v;
	struct nsctp_port_bucket *b =
		&nsctp_pernet(seq_file_net(seq))->port_hash[bucket];
	struct nsctp_port *pp;
	struct nsctp_sock *nsk;

	/* Owners stay alive while they are on the list (see nsctp.h). */
	spin_lock_bh(&b->lock);
	hlist_for_each_entry(pp, &b->chain, node)
		hlist_for_each_entry(nsk, &pp->owners, bind_node)
			if (nsctp_to_sk(nsk)->sk_state == TCP_LISTEN)
				eps_show_sock(seq, nsk, bucket);
	spin_unlock_bh(&b->lock);
	return 0;
}

static const struct seq_operations eps_ops = {
	.start	= eps_start,
	.next	= eps_next,
	.stop	= eps_stop,
	.show	= eps_show,
};

int nsctp_proc_net_init(struct net *net, struct nsctp_net *nn)
{
	nn->proc_dir = proc_net_mkdir(net, "sctp", net->proc_net);
	if (!nn->proc_dir)
		return -ENOMEM;
	if (!proc_create_net_single("snmp", 0444, nn->proc_dir, snmp_show,
				    NULL) ||
	    !proc_create_net("eps", 0444, nn->proc_dir, &eps_ops,
			     sizeof(struct seq_net_private))) {
		remove_proc_subtree("sctp", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void nsctp_proc_net_exit(struct net *net, struct nsctp_net *nn)
{
	remove_proc_subtree("sctp", net->proc_net);
}
