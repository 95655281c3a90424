// SPDX-License-Identifier: GPL-2.0
/*
 * Socket memory accounting, as the kernel expects of a protocol: what
 * nsctp's sockets hold is charged to the protocol's memory_allocated
 * (bounded by net.sctp.sctp_mem, in pages: low, pressure, high) and to
 * the socket's memory cgroup, through sk_wmem_schedule() and
 * sk_rmem_schedule(); /proc/net/protocols shows both counters.
 *
 * Send: every queued DATA chunk is charged by its truesize until the
 * peer acknowledges it (sendmsg.c, outq.c). Receive: every chunk the
 * association keeps (reassembly, order, partial delivery) is charged to
 * sk_rmem_alloc by its truesize from the moment it is taken in, and
 * stays charged on the receive queue until read (sm_data.c).
 *
 * net.sctp.sctp_rmem[0] and sctp_wmem[0] are the minimum a socket always
 * gets under pressure (sk_mem_schedule()); [1] and [2] are registered
 * for the in-tree ABI and documented as not used (the buffer sizes come
 * from net.core.rmem_default and wmem_default, as in-tree).
 *
 * The three are global, as in-tree: registered in the initial namespace
 * only.
 */
#include <linux/mm.h>
#include <linux/percpu_counter.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <net/nsctp/nsctp.h>

static atomic_long_t nsctp_memory_allocated;
static DEFINE_PER_CPU(int, nsctp_memory_per_cpu_fw_alloc);
static struct percpu_counter nsctp_sockets_allocated;
static unsigned long nsctp_memory_pressure;
static long nsctp_sysctl_mem[3];
static int nsctp_sysctl_rmem[3];
static int nsctp_sysctl_wmem[3];
static struct ctl_table_header *nsctp_mem_sysctl_hdr;

static void nsctp_enter_memory_pressure(struct sock *sk)
{
	WRITE_ONCE(nsctp_memory_pressure, 1);
}

static void nsctp_leave_memory_pressure(struct sock *sk)
{
	WRITE_ONCE(nsctp_memory_pressure, 0);
}

/**
 * nsctp_mem_proto() - fill in the memory accounting of a struct proto
 * @prot: nsctp_prot or nsctpv6_prot; both share one account
 */
void nsctp_mem_proto(struct proto *prot)
{
	prot->enter_memory_pressure = nsctp_enter_memory_pressure;
	prot->leave_memory_pressure = nsctp_leave_memory_pressure;
	prot->memory_allocated = &nsctp_memory_allocated;
	prot->per_cpu_fw_alloc = &nsctp_memory_per_cpu_fw_alloc;
	prot->sockets_allocated = &nsctp_sockets_allocated;
	prot->memory_pressure = &nsctp_memory_pressure;
	prot->sysctl_mem = nsctp_sysctl_mem;
	prot->sysctl_rmem = nsctp_sysctl_rmem;
	prot->sysctl_wmem = nsctp_sysctl_wmem;
}

static struct ctl_table nsctp_mem_table[] = {
	{
		.procname	= "sctp_mem",
		.data		= &nsctp_sysctl_mem,
		.maxlen		= sizeof(nsctp_sysctl_mem),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
	{
		.procname	= "sctp_rmem",
		.data		= &nsctp_sysctl_rmem,
		.maxlen		= sizeof(nsctp_sysctl_rmem),
		.mode		= 0644,
		.proc_handler	= proc_dointvec,
	},
	{
		.procname	= "sctp_wmem",
		.data		= &nsctp_sysctl_wmem,
		.maxlen		= sizeof(nsctp_sysctl_wmem),
		.mode		= 0644,
		.proc_handler	= proc_dointvec,
	},
	{ }
};

/**
 * nsctp_mem_init() - the defaults (those of the in-tree module) and the
 *	global sysctls
 *
 * sctp_mem: an eighth of the memory free for buffers is where pressure
 * starts, four thirds of that the hard limit. sctp_rmem, sctp_wmem:
 * a page at least per socket.
 * Return: 0 or -ENOMEM.
 */
int nsctp_mem_init(void)
{
	unsigned long limit = max(nr_free_buffer_pages() / 8, 128UL);
	int max_share;
	int err;

	nsctp_sysctl_mem[0] = limit / 4 * 3;
	nsctp_sysctl_mem[1] = limit;
	nsctp_sysctl_mem[2] = nsctp_sysctl_mem[0] * 2;
	/* a socket's share: at most 4 MiB, and at least 128 KiB */
	max_share = min(4UL * 1024 * 1024, (limit << (PAGE_SHIFT - 7)));
	max_share = max(max_share, 128 * 1024);
	nsctp_sysctl_rmem[0] = PAGE_SIZE;
	nsctp_sysctl_rmem[1] = 1500 * SKB_TRUESIZE(1);
	nsctp_sysctl_rmem[2] = max(nsctp_sysctl_rmem[1], max_share);
	nsctp_sysctl_wmem[0] = PAGE_SIZE;
	nsctp_sysctl_wmem[1] = 16 * 1024;
	nsctp_sysctl_wmem[2] = max(64 * 1024, max_share);

	err = percpu_counter_init(&nsctp_sockets_allocated, 0, GFP_KERNEL);
	if (err)
		return err;
	nsctp_mem_sysctl_hdr = register_net_sysctl(&init_net, "net/sctp",
						   nsctp_mem_table);
	if (!nsctp_mem_sysctl_hdr) {
		percpu_counter_destroy(&nsctp_sockets_allocated);
		return -ENOMEM;
	}
	return 0;
}

/* Every socket is gone by now (module exit). */
void nsctp_mem_exit(void)
{
	unregister_net_sysctl_table(nsctp_mem_sysctl_hdr);
	percpu_counter_destroy(&nsctp_sockets_allocated);
}
