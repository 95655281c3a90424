// SPDX-License-Identifier: GPL-2.0
/*
 * State cookies (RFC 9260 §5.1.3, §5.1.5).
 *
 * A listening endpoint allocates nothing for an INIT: everything it needs
 * to create the association later goes into the State Cookie of its INIT
 * ACK, signed with HMAC-SHA256 (crypto API, "hmac(sha256)") under a
 * secret of the endpoint. The secret rotates; the cookie names which of
 * the two current secrets signed it, so cookies issued just before a
 * rotation stay valid for their lifespan. accept()ed sockets inherit the
 * secrets, so a retransmitted COOKIE ECHO still verifies there.
 *
 * The transforms are per CPU, allocated at load and used with BHs off,
 * so keying one needs no lock and nothing is allocated per packet. Each
 * secret has an id, unique for the module's life (accept()ed sockets
 * share their listener's secrets and ids); a CPU's transform remembers
 * the id it was keyed with, so that a listener's cookies, signed and
 * checked one after another, key it once, not twice per association.
 */
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/timekeeping.h>

#include <net/nsctp/nsctp.h>
#include <net/nsctp/cookie.h>

/* A secret lives at least this long (or the cookie lifespan if longer). */
#define NSCTP_SECRET_LIFE	(5 * 60 * HZ)

struct nsctp_cookie_pcpu {
	struct crypto_shash	*tfm;
	u64			keyed;		/* secret id, 0: none */
};

static struct nsctp_cookie_pcpu __percpu *nsctp_cookie_tfm;
static atomic64_t nsctp_secret_ids = ATOMIC64_INIT(0);

static void secret_new(struct nsctp_sock *nsk, int i)
{
	get_random_bytes(nsk->secret[i], sizeof(nsk->secret[i]));
	nsk->secret_id[i] = atomic64_inc_return(&nsctp_secret_ids);
}

/* Fresh secrets for a socket that starts to listen. */
void nsctp_cookie_key_init(struct sock *sk)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);

	sock_owned_by_me(sk);
	if (nsk->secret_born)
		return;
	secret_new(nsk, 0);
	secret_new(nsk, 1);
	nsk->secret_cur = 0;
	nsk->secret_born = jiffies | 1;
}

void nsctp_cookie_key_free(struct sock *sk)
{
	memzero_explicit(nsctp_sk(sk)->secret, sizeof(nsctp_sk(sk)->secret));
}

/* Retire the older secret once the current one has served long enough. */
static void cookie_rotate(struct nsctp_sock *nsk, u32 life_ms)
{
	unsigned long life = max_t(unsigned long, NSCTP_SECRET_LIFE,
				   msecs_to_jiffies(life_ms));

	if (time_before(jiffies, nsk->secret_born + life))
		return;
	nsk->secret_cur ^= 1;
	secret_new(nsk, nsk->secret_cur);
	nsk->secret_born = jiffies;
}

static int cookie_mac(struct nsctp_sock *nsk, const struct nsctp_cookie *c,
		      unsigned int len, u8 *mac)
{
	const u8 *signed_part = (const u8 *)c + sizeof(c->mac);
	u64 id = nsk->secret_id[c->key];
	struct nsctp_cookie_pcpu *pc;
	int err = 0;

	local_bh_disable();
	pc = this_cpu_ptr(nsctp_cookie_tfm);
	if (pc->keyed != id) {
		pc->keyed = 0;
		err = crypto_shash_setkey(pc->tfm, nsk->secret[c->key],
					  sizeof(nsk->secret[0]));
		if (!err)
			pc->keyed = id;
	}
	if (!err)
		err = crypto_shash_tfm_digest(pc->tfm, signed_part,
					      len - sizeof(c->mac), mac);
	local_bh_enable();
	return err;
}

static u64 now_us(void)
{
	return div_u64(ktime_get_boottime_ns(), NSEC_PER_USEC);
}

/**
 * nsctp_cookie_sign() - stamp and sign a cookie built by the caller
 * @sk: the listening socket (locked)
 * @c: the cookie, every field but @mac, @key and @created filled in
 * @len: its total length, variable part included
 *
 * Return: 0 or -errno from the crypto API.
 */
int nsctp_cookie_sign(struct sock *sk, struct nsctp_cookie *c,
		      unsigned int len)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);

	sock_owned_by_me(sk);
	/* A socket that never listened answers INITs in collisions too. */
	nsctp_cookie_key_init(sk);
	cookie_rotate(nsk, c->lifespan_ms);
	c->key = nsk->secret_cur;
	c->created_us = now_us();
	return cookie_mac(nsk, c, len, c->mac);
}

/**
 * nsctp_cookie_check() - is an echoed cookie ours, intact and fresh?
 * @sk: the listening socket (locked)
 * @c: the cookie as echoed (at least sizeof(*c) bytes, checked by caller)
 * @len: its length
 * @stale_us: set to how long it is past its lifespan when stale
 *
 * Return: 0; -EBADMSG when the signature does not match (§5.1.5 step 1:
 * discard silently); -ETIMEDOUT when stale (step 3: report it).
 */
int nsctp_cookie_check(struct sock *sk, const struct nsctp_cookie *c,
		       unsigned int len, u64 *stale_us)
{
	struct nsctp_sock *nsk = nsctp_sk(sk);
	u8 mac[SHA256_DIGEST_SIZE];
	u64 now, expiry;

	sock_owned_by_me(sk);
	if (!nsk->secret_born || c->key > 1 ||
	    len != sizeof(*c) + c->params_len)
		return -EBADMSG;
	if (cookie_mac(nsk, c, len, mac) ||
	    crypto_memneq(mac, c->mac, sizeof(mac)))
		return -EBADMSG;
	now = now_us();
	expiry = c->created_us + (u64)c->lifespan_ms * USEC_PER_MSEC;
	if (now > expiry) {
		*stale_us = now - expiry;
		return -ETIMEDOUT;
	}
	return 0;
}

int nsctp_cookie_init(void)
{
	int cpu;

	nsctp_cookie_tfm = alloc_percpu(struct nsctp_cookie_pcpu);
	if (!nsctp_cookie_tfm)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct crypto_shash *tfm = crypto_alloc_shash("hmac(sha256)",
							      0, 0);

		if (IS_ERR(tfm)) {
			nsctp_cookie_exit();
			return PTR_ERR(tfm);
		}
		per_cpu_ptr(nsctp_cookie_tfm, cpu)->tfm = tfm;
	}
	return 0;
}

void nsctp_cookie_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		crypto_free_shash(per_cpu_ptr(nsctp_cookie_tfm, cpu)->tfm);
	free_percpu(nsctp_cookie_tfm);
}
