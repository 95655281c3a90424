// SPDX-License-Identifier: GPL-2.0
/*
 * net.sctp.* tunables, per netns, with the in-tree names, units and
 * defaults (Documentation/networking/ip-sysctl.rst): times in
 * milliseconds, retransmissions as counts.
 */
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include <net/nsctp/nsctp.h>

/* The longest timer value the in-tree module accepts: one day, in ms. */
#define NSCTP_TIMER_MAX_MS	86400000

static int timer_max = NSCTP_TIMER_MAX_MS;
static int u16_max = 65535;
static int rwnd_shift_max = 14;
static int autoclose_max = INT_MAX / HZ;

void nsctp_params_init(struct nsctp_params *p)
{
	*p = (struct nsctp_params) {
		.rto_initial		= 3000,
		.rto_min		= 1000,
		.rto_max		= 60000,
		.rto_alpha_exp_divisor	= 3,
		.rto_beta_exp_divisor	= 2,
		.max_burst		= 4,
		.valid_cookie_life	= 60000,
		.cookie_preserve_enable	= 1,
		.association_max_retrans = 10,
		.path_max_retrans	= 5,
		.max_init_retransmits	= 8,
		.pf_retrans		= 0,
		.ps_retrans		= 0xffff,
		.pf_enable		= 1,
		.pf_expose		= 0,
		.hb_interval		= 30000,
		.sack_timeout		= 200,
		.addr_scope_policy	= 1,
		.rwnd_update_shift	= 4,
		.max_autoclose		= INT_MAX / HZ,
	};
}

/* rto_min and rto_max bound each other. */
static int proc_rto(struct ctl_table *table, int write, void *buffer,
		    size_t *lenp, loff_t *ppos)
{
	struct nsctp_params *p = table->extra2;
	int *val = table->data, old = *val, err;
	struct ctl_table tmp = *table;

	tmp.extra1 = SYSCTL_ONE;
	tmp.extra2 = &timer_max;
	err = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (err || !write)
		return err;
	if (p->rto_min > p->rto_max) {
		*val = old;
		return -EINVAL;
	}
	return 0;
}

#define P(field) offsetof(struct nsctp_params, field)
#define NSCTP_INT(_name, _field, _min, _max) {				\
	.procname = _name, .data = (void *)P(_field),			\
	.maxlen = sizeof(int), .mode = 0644,				\
	.proc_handler = proc_dointvec_minmax,				\
	.extra1 = _min, .extra2 = _max }
#define NSCTP_RTO(_name, _field) {					\
	.procname = _name, .data = (void *)P(_field),			\
	.maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_rto }

/* A feature nsctp does not have yet (ASCONF, AUTH, PR-SCTP, RE-CONFIG,
 * I-DATA, ECN, PLPMTUD, UDP encapsulation): its switch is registered
 * with the in-tree name so that configuration can read it, reads 0 (the
 * truth), and refuses any other value (-EINVAL) rather than pretend.
 */
#define NSCTP_OFF(_name, _field)	NSCTP_INT(_name, _field, SYSCTL_ZERO, SYSCTL_ZERO)

/* .data holds offsets into struct nsctp_params until registration. */
static const struct ctl_table nsctp_sysctl_template[] = {
	NSCTP_INT("rto_initial", rto_initial, SYSCTL_ONE, &timer_max),
	NSCTP_RTO("rto_min", rto_min),
	NSCTP_RTO("rto_max", rto_max),
	NSCTP_INT("rto_alpha_exp_divisor", rto_alpha_exp_divisor, SYSCTL_ZERO, SYSCTL_ONE_THOUSAND),
	NSCTP_INT("rto_beta_exp_divisor", rto_beta_exp_divisor, SYSCTL_ZERO, SYSCTL_ONE_THOUSAND),
	NSCTP_INT("max_burst", max_burst, SYSCTL_ZERO, SYSCTL_INT_MAX),
	NSCTP_INT("valid_cookie_life", valid_cookie_life, SYSCTL_ONE, &timer_max),
	NSCTP_INT("cookie_preserve_enable", cookie_preserve_enable, SYSCTL_ZERO, SYSCTL_ONE),
	NSCTP_INT("association_max_retrans", association_max_retrans, SYSCTL_ONE, SYSCTL_INT_MAX),
	NSCTP_INT("path_max_retrans", path_max_retrans, SYSCTL_ONE, SYSCTL_INT_MAX),
	NSCTP_INT("max_init_retransmits", max_init_retransmits, SYSCTL_ONE, SYSCTL_INT_MAX),
	NSCTP_INT("pf_retrans", pf_retrans, SYSCTL_ZERO, SYSCTL_INT_MAX),
	NSCTP_INT("ps_retrans", ps_retrans, SYSCTL_ZERO, &u16_max),
	NSCTP_INT("pf_enable", pf_enable, SYSCTL_ZERO, SYSCTL_ONE),
	NSCTP_INT("pf_expose", pf_expose, SYSCTL_ZERO, SYSCTL_TWO),
	NSCTP_INT("hb_interval", hb_interval, SYSCTL_ONE, &timer_max),
	NSCTP_INT("sack_timeout", sack_timeout, SYSCTL_ONE, &timer_max),
	NSCTP_INT("sndbuf_policy", sndbuf_policy, SYSCTL_ZERO, SYSCTL_ONE),
	NSCTP_INT("rcvbuf_policy", rcvbuf_policy, SYSCTL_ZERO, SYSCTL_ONE),
	NSCTP_OFF("addip_enable", addip_enable),
	NSCTP_OFF("addip_noauth_enable", addip_noauth_enable),
	NSCTP_OFF("default_auto_asconf", default_auto_asconf),
	NSCTP_OFF("auth_enable", auth_enable),
	NSCTP_OFF("prsctp_enable", prsctp_enable),
	NSCTP_OFF("reconf_enable", reconf_enable),
	NSCTP_OFF("intl_enable", intl_enable),
	NSCTP_OFF("ecn_enable", ecn_enable),
	NSCTP_OFF("plpmtud_probe_interval", plpmtud_probe_interval),
	NSCTP_OFF("udp_port", udp_port),
	NSCTP_OFF("encap_port", encap_port),
	NSCTP_INT("addr_scope_policy", addr_scope_policy, SYSCTL_ZERO, SYSCTL_THREE),
	NSCTP_INT("rwnd_update_shift", rwnd_update_shift, SYSCTL_ONE, &rwnd_shift_max),
	NSCTP_INT("max_autoclose", max_autoclose, SYSCTL_ZERO, &autoclose_max),
	{ }
};

int nsctp_sysctl_net_init(struct net *net, struct nsctp_net *nn)
{
	struct ctl_table *t;
	int i;

	t = kmemdup(nsctp_sysctl_template, sizeof(nsctp_sysctl_template),
		    GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	for (i = 0; t[i].procname; i++) {
		t[i].data = (char *)&nn->params + (uintptr_t)t[i].data;
		if (t[i].proc_handler == proc_rto)
			t[i].extra2 = &nn->params;
	}
	nn->sysctl_hdr = register_net_sysctl(net, "net/sctp", t);
	if (!nn->sysctl_hdr) {
		kfree(t);
		return -ENOMEM;
	}
	return 0;
}

void nsctp_sysctl_net_exit(struct nsctp_net *nn)
{
	const struct ctl_table *t = nn->sysctl_hdr->ctl_table_arg;

	unregister_net_sysctl_table(nn->sysctl_hdr);
	kfree(t);
}
