#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_modcycle.sh: load and unload nsctp many times with sockets of
# every kind (AF_INET/AF_INET6 x SOCK_STREAM/SOCK_SEQPACKET, bound and
# listening, and unbound) opened and closed in between. A leak shows as a
# refused rmmod (a module reference), "Slab cache still has objects" from
# kmem_cache_destroy, or nsctp caches left in /proc/slabinfo at the end.
# NSCTP_MODCYCLES overrides the number of cycles (50).
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
require_helper
cycles=${NSCTP_MODCYCLES:-50}

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	nsctp_restore
}
trap cleanup EXIT

nsctp_unload || fail "could not unload nsctp before the test"
mark="nsctp_modcycle: start $$"
kmsg_mark "$mark"
i=1
while [ $i -le "$cycles" ]; do
	nsctp_insmod || fail "cycle $i: insmod"
	"$NSCTP_SOCK" -l 4s 4q 6s 6q || fail "cycle $i: bound, listening sockets"
	"$NSCTP_SOCK" 4s 4q 6s 6q || fail "cycle $i: unbound sockets"
	nsctp_rmmod || fail "cycle $i: rmmod refused: a socket or reference leaked"
	i=$((i + 1))
done
bad=$(dmesg_since "$mark" | log_scan)
[ -z "$bad" ] || fail "kernel log during the cycles: $bad"
left=$(nsctp_slabs)
[ -z "$left" ] || fail "slab caches left after the last rmmod: $left"
log "$cycles load/socket/unload cycles, nothing leaked"
exit "$KSFT_PASS"
