/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the socket-layer selftests (nsctp_socket.c,
 * nsctp_bind.c, nsctp_sockopt.c and others): address construction for
 * both families, socket creation with the IPPROTO_SCTP protocol, sysctl
 * access, and the byte pattern transfers are checked against.
 *
 * Everything here returns plain values or -1/errno; the harness assertions
 * stay in the test bodies, where the harness can attribute a failure to
 * the right test case.
 */
#ifndef NSCTP_UTIL_H
#define NSCTP_UTIL_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP	132
#endif
#ifndef SOL_SCTP
#define SOL_SCTP	132
#endif

#define NSCTP_PORT_RANGE	"/proc/sys/net/ipv4/ip_local_port_range"
#define NSCTP_RESERVED_PORTS	"/proc/sys/net/ipv4/ip_local_reserved_ports"

/* One sockaddr of either family, with the length bind() wants for it. */
struct nsctp_addr {
	union {
		struct sockaddr sa;
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		struct sockaddr_storage ss;
	};
	socklen_t len;
};

/* Build an address of @family from its text form; false if unparsable. */
static inline bool nsctp_addr(struct nsctp_addr *a, int family,
			      const char *text, unsigned short port)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		a->v4.sin_family = AF_INET;
		a->v4.sin_port = htons(port);
		a->len = sizeof(a->v4);
		return inet_pton(AF_INET, text, &a->v4.sin_addr) == 1;
	}
	a->v6.sin6_family = AF_INET6;
	a->v6.sin6_port = htons(port);
	a->len = sizeof(a->v6);
	return inet_pton(AF_INET6, text, &a->v6.sin6_addr) == 1;
}

static inline void nsctp_loopback(struct nsctp_addr *a, int family,
				  unsigned short port)
{
	nsctp_addr(a, family, family == AF_INET ? "127.0.0.1" : "::1", port);
}

/* The loopback address of @family, port 0, in @ss; its length. */
static inline socklen_t nsctp_loopback_ss(int family,
					  struct sockaddr_storage *ss)
{
	struct nsctp_addr a;

	nsctp_loopback(&a, family, 0);
	memcpy(ss, &a.ss, sizeof(*ss));
	return a.len;
}

/* A socket of @family and @type listening on loopback, backlog @backlog,
 * its address in @ss and @len (the port the kernel chose). Return: the
 * socket, -1 with errno set on failure.
 */
static inline int nsctp_lo_listener(int family, int type, int backlog,
				    struct sockaddr_storage *ss,
				    socklen_t *len)
{
	int fd = socket(family, type, IPPROTO_SCTP), err;

	if (fd < 0)
		return -1;
	*len = nsctp_loopback_ss(family, ss);
	if (bind(fd, (void *)ss, *len) || listen(fd, backlog) ||
	    getsockname(fd, (void *)ss, len)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static inline void nsctp_any(struct nsctp_addr *a, int family,
			     unsigned short port)
{
	nsctp_addr(a, family, family == AF_INET ? "0.0.0.0" : "::", port);
}

static inline int nsctp_socket(int family, int type)
{
	return socket(family, type, IPPROTO_SCTP);
}

/* bind(); 0 or -errno, so a test can compare against the expected errno. */
static inline int nsctp_bind(int fd, const struct nsctp_addr *a)
{
	return bind(fd, &a->sa, a->len) ? -errno : 0;
}

/* The port of an IPv4 or IPv6 address (host order), or -1. */
static inline int nsctp_ss_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return -1;
}

/* The local port of @fd from getsockname(), or -1. */
static inline int nsctp_local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	return getsockname(fd, (struct sockaddr *)&ss, &len) ? -1 :
	       nsctp_ss_port(&ss);
}

/* A fresh SCTP socket bound to @text:@port; -1 if either step failed. */
static inline int nsctp_bound(int family, int type, const char *text,
			      unsigned short port)
{
	struct nsctp_addr a;
	int fd;

	if (!nsctp_addr(&a, family, text, port))
		return -1;
	fd = nsctp_socket(family, type);
	if (fd < 0)
		return -1;
	if (nsctp_bind(fd, &a)) {
		close(fd);
		return -1;
	}
	return fd;
}

static inline int nsctp_setint(int fd, int level, int name, int val)
{
	return setsockopt(fd, level, name, &val, sizeof(val)) ? -errno : 0;
}

/* getsockopt() of an int; -errno on failure, else the value in *val. */
static inline int nsctp_getint(int fd, int level, int name, int *val)
{
	socklen_t len = sizeof(*val);

	*val = -12345;
	if (getsockopt(fd, level, name, val, &len))
		return -errno;
	return len == sizeof(*val) ? 0 : -EMSGSIZE;
}

/* Read a sysctl into @buf (NUL-terminated); the length or -1. */
static inline int nsctp_sysctl_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

static inline int nsctp_sysctl_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	/* An empty write is a no-op for some handlers: send a newline. */
	n = len ? write(fd, val, len) : write(fd, "\n", 1);
	close(fd);
	return n < 0 ? -1 : 0;
}

static inline long nsctp_sysctl_long(const char *path)
{
	char buf[64];

	if (nsctp_sysctl_read(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Set net.sctp.@name to @val and read it back: 0 if it holds. */
static inline int nsctp_sctp_sysctl_set(const char *name, int val)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/proc/sys/net/sctp/%s", name);
	snprintf(buf, sizeof(buf), "%d", val);
	if (nsctp_sysctl_write(path, buf))
		return -1;
	return nsctp_sysctl_long(path) == val ? 0 : -1;
}

/* The current ephemeral port range; false if the sysctl is unreadable. */
static inline bool nsctp_port_range(int *low, int *high)
{
	char buf[64];

	if (nsctp_sysctl_read(NSCTP_PORT_RANGE, buf, sizeof(buf)) < 0)
		return false;
	return sscanf(buf, "%d %d", low, high) == 2;
}

/* Byte @off of test message @msg: a transfer is checked byte for byte
 * against it, without a copy of what was sent.
 */
static inline unsigned char nsctp_pattern(unsigned int msg, size_t off)
{
	return (unsigned char)(msg * 131 + off * 7 + (off >> 9));
}

static inline void nsctp_fill(unsigned char *buf, unsigned int msg,
			      size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = nsctp_pattern(msg, i);
}

/* The offset of the first byte of @buf that is not message @msg's, or -1. */
static inline long nsctp_check(const unsigned char *buf, unsigned int msg,
			       size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != nsctp_pattern(msg, i))
			return i;
	return -1;
}

#endif /* NSCTP_UTIL_H */
