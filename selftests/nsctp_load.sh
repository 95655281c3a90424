#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_load.sh: the module's basic life cycle.
#  - insmod works, nsctp shows in /proc/modules and /proc/net/sctp/snmp
#    exists while it is loaded;
#  - rmmod is refused while an SCTP socket is open (each socket holds a
#    module reference), and the module stays fully usable;
#  - after the socket closes rmmod works, and /proc/net/sctp and every
#    nsctp slab cache are gone.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
require_helper

tmp=$(mktemp -d)
pid=
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	[ -z "$pid" ] || stop_pid "$pid"
	rm -rf "$tmp"
	nsctp_restore
}
trap cleanup EXIT

nsctp_unload || fail "could not unload nsctp before the test"
[ ! -e /proc/net/sctp/snmp ] || fail "/proc/net/sctp/snmp exists with nsctp unloaded"

nsctp_insmod || fail "insmod $NSCTP_KO"
module_loaded nsctp || fail "nsctp not in /proc/modules after insmod"
grep -q '^SctpCurrEstab' /proc/net/sctp/snmp 2>/dev/null ||
	fail "/proc/net/sctp/snmp missing or without SctpCurrEstab"

# A listening socket of each kind holds the module.
"$NSCTP_SOCK" -l -w 120 4s 6q >"$tmp/out" 2>&1 &
pid=$!
wait_for_line "$tmp/out" ready 30 || fail "helper did not open its sockets: $(cat "$tmp/out")"
refs=$(cat /sys/module/nsctp/refcnt)
[ "$refs" -ge 2 ] || fail "refcnt is $refs with two sockets open"
if rmmod nsctp 2>"$tmp/err"; then
	fail "rmmod nsctp succeeded with sockets open"
fi
log "rmmod refused as expected: $(cat "$tmp/err")"
module_loaded nsctp || fail "nsctp gone after a refused rmmod"
[ -e /proc/net/sctp/snmp ] || fail "/proc/net/sctp/snmp gone after a refused rmmod"
"$NSCTP_SOCK" -l 4q 6s || fail "nsctp unusable after a refused rmmod"

kill "$pid"
wait "$pid"
st=$?
pid=
[ $st -eq 0 ] || fail "helper exited with $st: $(cat "$tmp/out")"

nsctp_rmmod || fail "rmmod nsctp after the sockets closed"
! module_loaded nsctp || fail "nsctp still in /proc/modules after rmmod"
[ ! -e /proc/net/sctp/snmp ] || fail "/proc/net/sctp/snmp still there after rmmod"
[ ! -e /proc/net/sctp ] || fail "/proc/net/sctp still there after rmmod"
left=$(nsctp_slabs)
[ -z "$left" ] || fail "slab caches left after rmmod: $left"
log "load, refused rmmod with open sockets, clean unload: ok"
exit "$KSFT_PASS"
