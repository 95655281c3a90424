#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# interop_guest.sh SIDE LIST: one guest's half of the interop test bed.
# selftests/vm/interop.sh boots two guests joined by a virtual wire and
# runs this in both, with the same LIST; each plays its role in every
# scenario, in order, so the two stay in step (the client retries while
# the server is not up yet; nsctp_peer's control channel does the rest).
#
# Environment (set by the generated job script):
#   INTEROP_LOAD   nsctp | intree: the SCTP to load here
#   INTEROP_ME4, INTEROP_ME6, INTEROP_PEER4, INTEROP_PEER6: the addresses
#
# LIST: one scenario a line, "NAME CLIENT STYLE FAMILY ENDING DATA":
#   CLIENT  a | b: which guest plays the client (SIDE is this one's)
#   STYLE   s | q (SOCK_STREAM, SOCK_SEQPACKET); FAMILY 4 | 6
#   ENDING  nsctp_peer -e: {client,server}-{close,shutdown,abort}
#   DATA    - | BYTES:SIZE:DIR (nsctp_peer -n -m -d)
# Scenario N (from 1) uses port 5000+N, for SCTP and the control channel.
#
# Prints nsctp_peer's lines and, after each, "INTEROP-HALF NAME ROLE RC";
# at the end "INTEROP-CHECK teardown ok|FAIL|skip" (nsctp: rmmod works
# and leaves no slab cache) and "INTEROP-CHECK kernel-log ok|FAIL". The
# host counts them. Exit 0 when this guest saw no failure.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

side=$1
list=$2
peer=$NSCTP_OUT/helpers/nsctp_peer
# each side's SCTP_INITMSG (outbound streams:max inbound), so that both
# minimums bite: client out 4 in 9, server out 9 in 4
client_streams=7:9
server_streams=11:4
bad=0

case $INTEROP_LOAD in
nsctp) nsctp_insmod || { echo "interop: insmod nsctp failed"; exit 1; } ;;
intree) modprobe sctp || { echo "interop: modprobe sctp failed"; exit 1; } ;;
esac
echo "interop: guest $side, $INTEROP_LOAD, $INTEROP_ME4 $INTEROP_ME6"

# The first scenario waits for the other guest to boot.
wait_secs=180
n=0
while read -r name client style fam ending data; do
	case $name in '#'*|'') continue ;; esac
	n=$((n + 1))
	port=$((5000 + n))
	if [ "$fam" = 6 ]; then
		me=$INTEROP_ME6 them=$INTEROP_PEER6
	else
		me=$INTEROP_ME4 them=$INTEROP_PEER4
	fi
	if [ "$client" = "$side" ]; then
		role=client
		set -- -c "$them" -s $client_streams -S $server_streams
	else
		role=server
		set -- -l "$me" -s $server_streams -S $client_streams
	fi
	if [ "$data" != - ]; then
		# BYTES:SIZE:DIR
		set -- "$@" -n "${data%%:*}" -m "$(echo "$data" | cut -d: -f2)" -d "${data##*:}"
	fi
	timeout 240 "$peer" -N "$name" -p "$port" -t "$style" -e "$ending" \
		-w "$wait_secs" -T 30 "$@" </dev/null 2>&1
	rc=$?
	echo "INTEROP-HALF $name $role $rc"
	[ $rc -eq 0 ] || bad=1
	wait_secs=60
done <"$list"

if [ "$INTEROP_LOAD" = nsctp ]; then
	if ! nsctp_rmmod; then
		echo "INTEROP-CHECK teardown FAIL (rmmod nsctp: a reference leaked)"
		bad=1
	elif [ -n "$(nsctp_slabs)" ]; then
		nsctp_slabs | sed 's/^/# /'
		echo "INTEROP-CHECK teardown FAIL (nsctp slab caches left)"
		bad=1
	else
		echo "INTEROP-CHECK teardown ok"
	fi
else
	echo "INTEROP-CHECK teardown skip (sctp.ko cannot be unloaded)"
fi
klog=$(dmesg | log_scan)
if [ -n "$klog" ]; then
	echo "$klog" | sed 's/^/# kernel: /'
	echo "INTEROP-CHECK kernel-log FAIL"
	bad=1
else
	echo "INTEROP-CHECK kernel-log ok"
fi
exit $bad
