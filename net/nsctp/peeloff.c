// SPDX-License-Identifier: GPL-2.0
/*
 * Peeloff (RFC 6458 §9.2): one association of a one-to-many socket moves
 * to a new one-to-one socket, which the caller gets as a file descriptor.
 *
 * One implementation behind two doors: getsockopt(SCTP_SOCKOPT_PEELOFF)
 * and SCTP_SOCKOPT_PEELOFF_FLAGS, as libsctp's sctp_peeloff() and
 * sctp_peeloff_flags() call them, and nsctp's own ioctl
 * (NSCTP_IOC_PEELOFF, <linux/nsctp.h>), the Solaris way.
 *
 * The descriptor is reserved and the file made before the association
 * moves, so that running out of descriptors or memory leaves it where it
 * was; only a fault writing the answer back to the caller, after the
 * move, closes the new socket (and so the association), as in-tree.
 */
#include <linux/file.h>
#include <linux/net.h>
#include <linux/nsctp.h>
#include <linux/nsproxy.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

#define PEELOFF_FLAGS	(SOCK_CLOEXEC | SOCK_NONBLOCK)

/* A peeled-off socket, not yet in the caller's descriptor table. */
struct peeled {
	struct file	*file;
	int		fd;
};

/* The new socket's state says where @asoc is, and so does its struct
 * socket's.
 */
static void peeled_state(struct sock *newsk, const struct nsctp_assoc *asoc)
{
	nsctp_sock_assoc_state(newsk, asoc);
	newsk->sk_socket->state = newsk->sk_state == TCP_SYN_SENT ?
				  SS_CONNECTING : SS_CONNECTED;
}

/* Move @asoc of @sk (locked) to the new socket @sock. */
static int peeloff_move(struct sock *sk, struct nsctp_assoc *asoc,
			struct socket *sock)
{
	struct sock *newsk = sock->sk;
	int err;

	lock_sock_nested(newsk, SINGLE_DEPTH_NESTING);
	err = nsctp_sock_inherit(newsk, sk, asoc);
	if (!err) {
		/* RFC 6458 §8.1.8: autoclose is for one-to-many sockets */
		nsctp_timer_stop(asoc, NSCTP_AUTOCLOSE);
		nsctp_assoc_migrate(sk, newsk, asoc);
		peeled_state(newsk, asoc);
		nsctp_sk(newsk)->peeled = true;
		/* held while another association of @sk was in a partial
		 * delivery: nothing holds it on a socket of its own
		 */
		if (asoc->in_ssn && asoc->reasm.held)
			nsctp_reasm_hold(&asoc->reasm, false);
	}
	release_sock(newsk);
	return err;
}

/**
 * peeloff() - association @id of @sk on a new socket, with a file and a
 *	reserved descriptor for it
 * @sk: the one-to-many socket, locked
 * @id: the association
 * @flags: SOCK_CLOEXEC, SOCK_NONBLOCK
 * @p: filled in on success: fd_install() it, or undo with peeled_drop()
 *
 * Return: 0 or -errno; on failure @asoc stays on @sk.
 */
static int peeloff(struct sock *sk, sctp_assoc_t id, unsigned int flags,
		   struct peeled *p)
{
	struct nsctp_assoc *asoc;
	struct socket *sock;
	struct file *file;
	int fd, err;

	/* as in-tree: a socket is never peeled into another netns */
	if (!net_eq(current->nsproxy->net_ns, sock_net(sk)))
		return -EINVAL;
	if (nsctp_one_to_one(sk))
		return -EINVAL;
	asoc = nsctp_assoc_by_id(sk, id);
	if (!asoc)
		return -EINVAL;
	/* A sender waiting for room, or a connect() waiting for the
	 * handshake, holds @asoc and will relock @sk; and a partial
	 * delivery under way is a message half read from @sk.
	 */
	if (asoc->sleepers || nsctp_reasm_pd_active(&asoc->reasm))
		return -EBUSY;
	fd = get_unused_fd_flags(flags & SOCK_CLOEXEC ? O_CLOEXEC : 0);
	if (fd < 0)
		return fd;
	err = __sock_create(sock_net(sk), sk->sk_family, SOCK_STREAM,
			    IPPROTO_SCTP, &sock, 0);
	if (err)
		goto put_fd;
	/* takes @sock, and releases it on failure */
	file = sock_alloc_file(sock, flags & SOCK_NONBLOCK ? O_NONBLOCK : 0,
			       NULL);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto put_fd;
	}
	err = peeloff_move(sk, asoc, sock);
	if (err) {
		fput(file);
		goto put_fd;
	}
	p->file = file;
	p->fd = fd;
	return 0;
put_fd:
	put_unused_fd(fd);
	return err;
}

/* The caller could not be told: close the new socket (deferred to the
 * return to user space, after @sk is unlocked).
 */
static void peeled_drop(struct peeled *p)
{
	fput(p->file);
	put_unused_fd(p->fd);
}

/* A peeloff getsockopt's answer: the caller's struct @a (@size bytes),
 * whose @sd the new descriptor fills, back to user space. As in-tree,
 * getsockopt() returns the new descriptor too (libsctp reads it from the
 * struct).
 */
static int get_peeloff_common(struct sock *sk, sctp_assoc_t id,
			      unsigned int flags, void *a, int size, int *sd,
			      char __user *optval, int __user *optlen)
{
	struct peeled p;
	int err;

	err = peeloff(sk, id, flags, &p);
	if (err)
		return err;
	*sd = p.fd;
	if (put_user(size, optlen) || copy_to_user(optval, a, size)) {
		peeled_drop(&p);
		return -EFAULT;
	}
	fd_install(p.fd, p.file);
	return p.fd;
}

/* getsockopt(SCTP_SOCKOPT_PEELOFF, sctp_peeloff_arg_t), @sk locked. */
int nsctp_get_peeloff(struct sock *sk, int len, char __user *optval,
		      int __user *optlen)
{
	sctp_peeloff_arg_t a;

	if (len < (int)sizeof(a))
		return -EINVAL;
	if (copy_from_user(&a, optval, sizeof(a)))
		return -EFAULT;
	return get_peeloff_common(sk, a.associd, 0, &a, sizeof(a), &a.sd,
				  optval, optlen);
}

/* getsockopt(SCTP_SOCKOPT_PEELOFF_FLAGS, sctp_peeloff_flags_arg_t), @sk
 * locked. Flags other than SOCK_CLOEXEC and SOCK_NONBLOCK are ignored,
 * as in-tree.
 */
int nsctp_get_peeloff_flags(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	sctp_peeloff_flags_arg_t a;

	if (len < (int)sizeof(a))
		return -EINVAL;
	if (copy_from_user(&a, optval, sizeof(a)))
		return -EFAULT;
	return get_peeloff_common(sk, a.p_arg.associd, a.flags & PEELOFF_FLAGS,
				  &a, sizeof(a), &a.p_arg.sd, optval, optlen);
}

/**
 * nsctp_ioctl_peeloff() - NSCTP_IOC_PEELOFF
 * @sk: the socket, unlocked
 * @uarg: the caller's struct nsctp_peeloff_arg
 *
 * Return: the new descriptor, or -errno.
 */
int nsctp_ioctl_peeloff(struct sock *sk, void __user *uarg)
{
	struct nsctp_peeloff_arg a;
	struct peeled p;
	int err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if ((a.flags & ~PEELOFF_FLAGS) || a.reserved)
		return -EINVAL;
	lock_sock(sk);
	err = peeloff(sk, a.assoc_id, a.flags, &p);
	if (!err) {
		a.sd = p.fd;
		if (copy_to_user(uarg, &a, sizeof(a))) {
			peeled_drop(&p);
			err = -EFAULT;
		} else {
			fd_install(p.fd, p.file);
			err = p.fd;
		}
	}
	release_sock(sk);
	return err;
}
