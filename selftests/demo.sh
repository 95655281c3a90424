#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh ('make demo', in a QEMU guest): load nsctp, set up and tear
# down a real SCTP association between two sockets (nsctp_demo), run the
# examples/ echo pair (peeloff by ioctl, sctp_connectx, streams), start an
# lksctp-tools listener and show what the kernel reports. Runs as root in
# a throwaway guest; for a real machine, read it first.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

port=5000
pid=

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	[ -z "$pid" ] || stop_pid "$pid"
}
trap cleanup EXIT

step() {
	echo
	echo "== $*"
}

step "load nsctp ($NSCTP_KO)"
if ! module_loaded nsctp; then
	nsctp_insmod || { echo "demo: insmod failed"; exit 1; }
fi
grep '^nsctp ' /proc/modules
ip link set lo up

step "an association over loopback: one-to-one client, one-to-many server"
"$NSCTP_DEMO" || { echo "demo: the association failed"; exit 1; }

step "examples/: sctp_echo_server (peels each association off by ioctl) and two sctp_echo_client runs"
"$NSCTP_ECHO_SERVER" -p 5500 -n 2 &
epid=$!
sleep 1
"$NSCTP_ECHO_CLIENT" -p 5500 -s 4 -m 100 -l 2000 127.0.0.1 ||
	{ echo "demo: sctp_echo_client failed"; exit 1; }
"$NSCTP_ECHO_CLIENT" -p 5500 -s 2 -m 20 -l 30000 ::1 127.0.0.1 ||
	{ echo "demo: sctp_echo_client (IPv6) failed"; exit 1; }
wait "$epid" || { echo "demo: sctp_echo_server failed"; exit 1; }

step "sctp_darn (lksctp-tools) listening on 127.0.0.1:$port"
sctp_darn -H 127.0.0.1 -P "$port" -l >/tmp/demo-darn.log 2>&1 &
pid=$!
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
	echo "sctp_darn exited:"
	cat /tmp/demo-darn.log
	pid=
	step "fallback: nsctp_sock listening on loopback (ephemeral ports)"
	"$NSCTP_SOCK" -l -w 30 4s 6q &
	pid=$!
	sleep 1
fi

step "/proc/net/sctp/eps"
cat /proc/net/sctp/eps 2>/dev/null || echo "(not there yet)"
step "/proc/net/sctp/"
ls /proc/net/sctp/
step "/proc/net/sctp/snmp (non-zero counters)"
awk '$2 != 0' /proc/net/sctp/snmp 2>/dev/null
step "sysctl net.sctp (first entries)"
for f in /proc/sys/net/sctp/*; do
	[ -f "$f" ] && echo "${f#/proc/sys/net/sctp/} = $(cat "$f")"
done | head -n 10
step "ss -S -a -n (needs nsctp's sock_diag)"
ss -S -a -n 2>&1 | head -n 10
echo
echo "demo: done"
