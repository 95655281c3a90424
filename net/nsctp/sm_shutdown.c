// SPDX-License-Identifier: GPL-2.0
/*
 * Ending associations: ABORT sent and received (RFC 9260 §9.1).
 *
 * The graceful SHUTDOWN sequence (§9.2) is the next step; until it lands
 * close() on a socket with associations aborts them (user-initiated
 * abort, §9.1), which the peer sees as COMM_LOST rather than
 * SHUTDOWN_COMP.
 */
#include <net/sock.h>

#include <net/nsctp/assoc.h>
#include <net/nsctp/nsctp.h>

/**
 * nsctp_send_abort() - send an ABORT with one error cause on @asoc
 * @asoc: the association, its socket locked
 * @cause: the error cause code (SCTP_ERROR_*)
 *
 * Return: 0 or -errno; the association is left as it is.
 */
int nsctp_send_abort(struct nsctp_assoc *asoc, __be16 cause)
{
	struct net *net = sock_net(asoc->sk);
	struct sctp_errhdr *err;
	struct nsctp_flow f;
	struct sk_buff *skb;

	nsctp_assoc_flow(asoc, &f);
	skb = nsctp_pkt_start(net, &f, asoc->peer_vtag,
			      sizeof(struct sctp_chunkhdr) + sizeof(*err));
	if (!skb)
		return -ENOBUFS;
	err = nsctp_put_chunk(skb, SCTP_CID_ABORT, 0, sizeof(*err));
	err->cause = cause;
	err->length = htons(sizeof(*err));
	return nsctp_pkt_send(net, &f, skb);
}

/**
 * nsctp_abort_assoc() - abort @asoc from our side and forget it
 * @asoc: the association, its socket locked
 * @cause: the error cause to send
 */
void nsctp_abort_assoc(struct nsctp_assoc *asoc, __be16 cause)
{
	nsctp_send_abort(asoc, cause);
	NSCTP_INC_STATS(sock_net(asoc->sk), ABORTEDS);
	nsctp_assoc_kill(asoc);
}

/* §9.1: the peer aborted @asoc (the tag was checked by the caller).
 * During setup that is a refusal (§5.1: ECONNREFUSED for connect()).
 */
void nsctp_sm_abort_rcv(struct nsctp_assoc *asoc)
{
	if (asoc->state == SCTP_COOKIE_WAIT ||
	    asoc->state == SCTP_COOKIE_ECHOED) {
		nsctp_sm_setup_failed(asoc, -ECONNREFUSED);
		return;
	}
	NSCTP_INC_STATS(sock_net(asoc->sk), ABORTEDS);
	nsctp_assoc_kill(asoc);
}
