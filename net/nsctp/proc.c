// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/sctp: 'snmp' (the MIB), 'eps' (listening endpoints), 'assocs'
 * (associations) and 'remaddr' (their peer addresses), in the in-tree
 * module's formats, which monitoring tools parse.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <net/nsctp/assoc.h>
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

/**
 * nsctp_bucket_socks() - the sockets bound to a port of one bucket
 * @b: the port bucket
 * @out: their array, each referenced (sock_put() each, kfree() it)
 *
 * The associations are read under each one's socket lock, which cannot
 * be taken under the bucket's (proc.c, diag.c).
 *
 * Return: how many, or -ENOMEM.
 */
int nsctp_bucket_socks(struct nsctp_port_bucket *b, struct sock ***out)
{
	struct nsctp_port *pp;
	struct nsctp_sock *nsk;
	struct sock **socks;
	int n = 0, i = 0;

	spin_lock_bh(&b->lock);
	hlist_for_each_entry(pp, &b->chain, node)
		hlist_for_each_entry(nsk, &pp->owners, bind_node)
			n++;
	socks = n ? kmalloc_array(n, sizeof(*socks), GFP_ATOMIC) : NULL;
	if (n && !socks) {
		spin_unlock_bh(&b->lock);
		return -ENOMEM;
	}
	hlist_for_each_entry(pp, &b->chain, node)
		hlist_for_each_entry(nsk, &pp->owners, bind_node) {
			socks[i] = nsctp_to_sk(nsk);
			sock_hold(socks[i++]);
		}
	spin_unlock_bh(&b->lock);
	*out = socks;
	return n;
}

static void seq_addr(struct seq_file *seq, const union nsctp_addr *a,
		     bool star)
{
	if (star)
		seq_putc(seq, '*');
	if (a->sa.sa_family == AF_INET)
		seq_printf(seq, "%pI4 ", &a->v4.sin_addr);
	else
		seq_printf(seq, "%pI6 ", &a->v6.sin6_addr);
}

/* One line of 'assocs' (socket locked). ST is in-tree's internal state,
 * one below the uapi one; T1X and T2X are the retries of the INIT or
 * COOKIE ECHO, and of the SHUTDOWN or SHUTDOWN ACK, in progress.
 */
static void assoc_show(struct seq_file *seq, struct nsctp_assoc *asoc)
{
	struct sock *sk = asoc->sk;
	struct nsctp_path *path;
	bool setup = asoc->state == SCTP_COOKIE_WAIT ||
		     asoc->state == SCTP_COOKIE_ECHOED;
	bool closing = asoc->state == SCTP_SHUTDOWN_SENT ||
		       asoc->state == SCTP_SHUTDOWN_ACK_SENT;
	int i;

	seq_printf(seq, "%8pK %8pK %-3d %-3d %-2d %-4d %4d %8d %8d %7u %5lu %-5d %5d ",
		   asoc, sk, nsctp_one_to_one(sk) ? NSCTP_STY_ONE_TO_ONE :
						    NSCTP_STY_ONE_TO_MANY,
		   sk->sk_state, asoc->state - 1, 0, asoc->id,
		   asoc->sndbuf_used, 0,
		   from_kuid_munged(seq_user_ns(seq), sock_i_uid(sk)),
		   sock_i_ino(sk), inet_sk(sk)->inet_num,
		   ntohs(nsctp_addr_port(&asoc->primary->addr)));
	seq_putc(seq, ' ');
	if (asoc->n_laddrs)
		for (i = 0; i < asoc->n_laddrs; i++)
			seq_addr(seq, &asoc->laddrs[i],
				 nsctp_addr_equal(&asoc->laddrs[i],
						  &asoc->laddr));
	else
		seq_addr(seq, &asoc->laddr, true);
	seq_puts(seq, "<-> ");
	list_for_each_entry(path, &asoc->paths, list)
		seq_addr(seq, &path->addr, path == asoc->primary);
	seq_printf(seq, "\t%8lu %5d %5d %4d %4d %4d %8u %8d %8d %8d %8d\n",
		   msecs_to_jiffies(asoc->aopts.hb_interval),
		   asoc->in_streams, asoc->out_streams, asoc->max_retrans,
		   setup ? asoc->retries : 0, closing ? asoc->retries : 0,
		   asoc->rtx_chunks, refcount_read(&sk->sk_wmem_alloc),
		   READ_ONCE(sk->sk_wmem_queued), sk->sk_sndbuf,
		   sk->sk_rcvbuf);
}

/* The lines of 'remaddr' for @asoc (socket locked). As in-tree, the
 * retransmission count and start time columns are 0; RTO is in jiffies.
 */
static void remaddr_show(struct seq_file *seq, struct nsctp_assoc *asoc)
{
	struct nsctp_path *path;

	list_for_each_entry(path, &asoc->paths, list) {
		seq_addr(seq, &path->addr, false);
		seq_printf(seq, "%d %d %lu %d 0 0 %d\n", asoc->id,
			   timer_pending(&path->hb_timer),
			   msecs_to_jiffies(path->rto),
			   asoc->aopts.pathmaxrxt,
			   path->unconfirmed ? SCTP_UNCONFIRMED : SCTP_ACTIVE);
	}
}

/* 'assocs' and 'remaddr': a header, then the lines of each association
 * of the sockets of one port bucket (the bucket is the position, as in
 * 'eps').
 */
struct assocs_file {
	const char *header;
	void (*show)(struct seq_file *seq, struct nsctp_assoc *asoc);
};

static const struct assocs_file assocs_file = {
	.header	=
		" ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n",
	.show	= assoc_show,
};

static const struct assocs_file remaddr_file = {
	.header	= "ADDR ASSOC_ID HB_ACT RTO MAX_PATH_RTX REM_ADDR_RTX START STATE\n",
	.show	= remaddr_show,
};

static const struct assocs_file *assocs_file_of(struct seq_file *seq)
{
	return pde_data(file_inode(seq->file));
}

static void *assocs_start(struct seq_file *seq, loff_t *pos)
{
	if (*pos >= NSCTP_PORT_HASH_SIZE)
		return NULL;
	if (*pos == 0)
		seq_puts(seq, assocs_file_of(seq)->header);
	return pos;
}

static int assocs_show(struct seq_file *seq, void *v)
{
	struct nsctp_port_bucket *b =
		&nsctp_pernet(seq_file_net(seq))->port_hash[*(loff_t *)v];
	const struct assocs_file *f = assocs_file_of(seq);
	struct nsctp_assoc *asoc;
	struct sock **socks;
	int n, i;

	n = nsctp_bucket_socks(b, &socks);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		lock_sock(socks[i]);
		list_for_each_entry(asoc, &nsctp_sk(socks[i])->assocs, node)
			f->show(seq, asoc);
		release_sock(socks[i]);
		sock_put(socks[i]);
	}
	kfree(socks);
	return 0;
}

static const struct seq_operations assocs_ops = {
	.start	= assocs_start,
	.next	= eps_next,
	.stop	= eps_stop,
	.show	= assocs_show,
};

int nsctp_proc_net_init(struct net *net, struct nsctp_net *nn)
{
	nn->proc_dir = proc_net_mkdir(net, "sctp", net->proc_net);
	if (!nn->proc_dir)
		return -ENOMEM;
	if (!proc_create_net_single("snmp", 0444, nn->proc_dir, snmp_show,
				    NULL) ||
	    !proc_create_net("eps", 0444, nn->proc_dir, &eps_ops,
			     sizeof(struct seq_net_private)) ||
	    !proc_create_net_data("assocs", 0444, nn->proc_dir, &assocs_ops,
				  sizeof(struct seq_net_private),
				  (void *)&assocs_file) ||
	    !proc_create_net_data("remaddr", 0444, nn->proc_dir, &assocs_ops,
				  sizeof(struct seq_net_private),
				  (void *)&remaddr_file)) {
		remove_proc_subtree("sctp", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void nsctp_proc_net_exit(struct net *net, struct nsctp_net *nn)
{
	remove_proc_subtree("sctp", net->proc_net);
}
