/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's <linux/types.h>: the uapi types plus
 * the kernel's short names and byte-order helpers, so that nsctp's pure
 * logic (net/nsctp/parse.c, ...) builds unchanged for unit tests and
 * fuzzing.
 */
#ifndef _NSCTP_TOOLS_LINUX_TYPES_H
#define _NSCTP_TOOLS_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef unsigned int gfp_t;	/* allocation flags, see <linux/slab.h> */

#define __force

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define cpu_to_be16(x)	((__be16)__builtin_bswap16(x))
#define be16_to_cpu(x)	((u16)__builtin_bswap16(x))
#define cpu_to_be32(x)	((__be32)__builtin_bswap32(x))
#define be32_to_cpu(x)	((u32)__builtin_bswap32(x))
#else
#define cpu_to_be16(x)	((__be16)(x))
#define be16_to_cpu(x)	((u16)(x))
#define cpu_to_be32(x)	((__be32)(x))
#define be32_to_cpu(x)	((u32)(x))
#endif

#endif
