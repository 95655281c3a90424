/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the socket option handlers share (net/nsctp/sockopt.c, the table
 * and the dispatcher; net/nsctp/sockopt_ext.c, the options of
 * extensions). Every handler runs with the socket locked.
 */
#ifndef _NET_NSCTP_SOCKOPT_H
#define _NET_NSCTP_SOCKOPT_H

#include <linux/sctp.h>
#include <linux/types.h>

struct nsctp_aopts;
struct nsctp_assoc;
struct nsctp_path;
struct sock;
struct sockaddr_storage;

/**
 * struct nsctp_sockopt - one option
 * @set: the setter; @kopt is the argument copied in, at least @set_min
 *	bytes long (NULL when @optlen is 0, which only a @set_min of 0
 *	lets through)
 * @get: the getter; @len is the user's buffer length, already checked
 *	>= 0 (getters copy to and from user memory only, with the in-tree
 *	module's length rules, which differ per option)
 * @set_min: the shortest argument @set takes; shorter ones are refused
 *	with -EINVAL by the dispatcher, before any handler reads a byte
 */
struct nsctp_sockopt {
	int (*set)(struct sock *sk, void *kopt, unsigned int optlen);
	int (*get)(struct sock *sk, int len, char __user *optval,
		   int __user *optlen);
	u16 set_min;
};

int nsctp_opt_put(const void *val, int len, char __user *optval,
		  int __user *optlen);
int nsctp_opt_aopts_set(struct sock *sk, sctp_assoc_t id, bool all,
			void (*apply)(struct nsctp_aopts *o, const void *arg),
			const void *arg);
const struct nsctp_aopts *nsctp_opt_aopts_get(struct sock *sk,
					      const char __user *optval,
					      int len, size_t size, size_t off,
					      sctp_assoc_t *id,
					      struct nsctp_assoc **asocp);
struct nsctp_path *nsctp_opt_path(struct sock *sk,
				  const struct sockaddr_storage *ss,
				  sctp_assoc_t id);

/* sockopt_ext.c */
int nsctp_set_default_prinfo(struct sock *sk, void *kopt,
			     unsigned int optlen);
int nsctp_get_default_prinfo(struct sock *sk, int len, char __user *optval,
			     int __user *optlen);
int nsctp_get_pr_assoc_status(struct sock *sk, int len, char __user *optval,
			      int __user *optlen);
int nsctp_get_pr_stream_status(struct sock *sk, int len, char __user *optval,
			       int __user *optlen);
int nsctp_set_enable_strreset(struct sock *sk, void *kopt,
			      unsigned int optlen);
int nsctp_get_enable_strreset(struct sock *sk, int len, char __user *optval,
			      int __user *optlen);
int nsctp_set_encap_port(struct sock *sk, void *kopt, unsigned int optlen);
int nsctp_get_encap_port(struct sock *sk, int len, char __user *optval,
			 int __user *optlen);

#endif /* _NET_NSCTP_SOCKOPT_H */
