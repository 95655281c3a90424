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
# LIST: one scenario a line, "NAME CLIENT STYLE FAMILY ENDING DATA [NETEM]":
#   CLIENT  a | b: which guest plays the client (SIDE is this one's)
#   STYLE   s | q (SOCK_STREAM, SOCK_SEQPACKET); FAMILY 4 | 6
#   ENDING  nsctp_peer -e: {client,server}-{close,shutdown,abort}
#   DATA    - | BYTES:SIZE[,SIZE...]:DIR (nsctp_peer -n -m -d)
#   NAME    a NAME with ":mh-" in it: both ends are on two addresses,
#           the second (10.9.1.X, fd09:1::X) bound with sctp_bindx(),
#           and each checks it sees the other's two (sctp_getpaddrs())
#           and its own two (sctp_getladdrs()) (nsctp_peer -b, -a)
#   NETEM   - or absent | tc-netem parameters with ',' for ' ' ("loss,5%"):
#           netem is the root qdisc of this guest's NIC for the scenario
#           only (both guests set their own). A sending side fails its
#           half unless netem sent at least one packet per 1500 bytes of
#           its transfer; with "loss" in them, also unless netem dropped
#           packets and the SctpT3Retransmits + SctpFastRetransmits of
#           /proc/net/sctp/snmp grew: the loss must have happened and
#           been repaired, not just been asked for.
# Scenario N (from 1) uses port 5000+N, for SCTP and the control channel.
#
# Prints nsctp_peer's lines, "NAME ROLE: netem ..." for an impaired one,
# and after each "INTEROP-HALF NAME ROLE RC";
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

# The NIC towards the peer (where netem goes), netem loaded up front.
modprobe sch_netem || echo "interop: modprobe sch_netem failed"
nic=$(ip -o route get "$INTEROP_PEER4" 2>/dev/null |
	sed -n 's/.* dev \([^ ]*\).*/\1/p')

# Each side's second address, for the ":mh-" scenarios: X of 10.9.0.X.
me2_4=10.9.1.${INTEROP_ME4##*.} me2_6=fd09:1::${INTEROP_ME6##*:}
if [ -n "$nic" ]; then
	ip addr add "$me2_4/24" dev "$nic" &&
		ip -6 addr add "$me2_6/64" dev "$nic" nodad ||
		echo "interop: no second address on $nic"
fi

# "T3 FAST": SctpT3Retransmits and SctpFastRetransmits of this guest
retransmits() {
	awk '$1 == "SctpT3Retransmits" { t = $2 } $1 == "SctpFastRetransmits" { f = $2 }
		END { print t + 0, f + 0 }' /proc/net/sctp/snmp
}

# The impaired scenarios' timers, as nsctp_lossy's netem cases set them:
# the kernel's RTO.Min (1 s), but RTO.Initial 1 s rather than 3 s and
# RTO.Max 2 s rather than 60 s. T3-rtx still backs off (1 s, then 2 s),
# but a retransmission (or its SACK) would have to be lost five times in
# a row to keep the receiver without a new byte for the 10 s of the stall
# guard, against three with the defaults (1 + 2 + 4 + 8 s): at 5 % loss
# each way, one T3 in a thousand, some transfers in a hundred, a stall
# that measured netem's odds, not the stack. Sockets take the sysctls
# when they are made; RTO.Initial goes first on the way down, RTO.Max on
# the way back, so that RTO.Max never falls below it.
rto_default=$(sysctl -n net.sctp.rto_initial net.sctp.rto_max 2>/dev/null | tr '\n' ' ')
timers_short() {
	sysctl -qw net.sctp.rto_initial=1000 && sysctl -qw net.sctp.rto_max=2000
}
timers_default() {
	# shellcheck disable=SC2086 # two numbers
	set -- $rto_default
	[ $# -eq 2 ] || return 1
	sysctl -qw net.sctp.rto_max="$2" && sysctl -qw net.sctp.rto_initial="$1"
}

# netem_on PARAMS: netem with PARAMS (',' for ' ') as the NIC's root qdisc
netem_on() {
	# shellcheck disable=SC2046 # split on purpose
	[ -n "$nic" ] && tc qdisc replace dev "$nic" root netem $(echo "$1" | tr , ' ')
}

# netem_off NAME ROLE PARAMS SENT_BYTES T3 FAST: remove netem, report
# what it did; fails (1) where a sender's netem carried fewer than
# SENT_BYTES / 1500 packets (it was not on the transfer's path), or a
# lossy scenario's sender saw no loss or repaired none.
netem_off() {
	_st=$(tc -s qdisc show dev "$nic" root)
	tc qdisc del dev "$nic" root 2>/dev/null
	_pkts=$(echo "$_st" | sed -n 's/.*Sent [0-9]* bytes \([0-9]*\) pkt.*/\1/p' | head -n1)
	_drops=$(echo "$_st" | sed -n 's/.*(dropped \([0-9]*\),.*/\1/p' | head -n1)
	# shellcheck disable=SC2046 # two numbers
	set -- "$@" $(retransmits)
	_t3=$(($7 - $5)) _fast=$(($8 - $6))
	_rtx=$((_t3 + _fast))
	echo "$1 $2: netem '$(echo "$3" | tr , ' ')' on $nic: sent ${_pkts:-?} packets, dropped ${_drops:-?}; SCTP retransmits: T3 $_t3, fast $_fast"
	[ "$4" -gt 0 ] || return 0
	if [ "${_pkts:-0}" -lt $(($4 / 1500)) ]; then
		echo "$1 $2: FAIL: netem carried ${_pkts:-no} packets, this side sent $4 bytes"
		return 1
	fi
	case $3 in *loss*) ;; *) return 0 ;; esac
	if [ "${_drops:-0}" -gt 0 ] && [ "$_rtx" -gt 0 ]; then
		return 0
	fi
	echo "$1 $2: FAIL: a lossy scenario where this sender lost nothing or retransmitted nothing"
	return 1
}

# The first scenario waits for the other guest to boot.
wait_secs=180
n=0
while read -r name client style fam ending data netem; do
	case $name in '#'*|'') continue ;; esac
	: "${netem:=-}"
	n=$((n + 1))
	port=$((5000 + n))
	if [ "$fam" = 6 ]; then
		me=$INTEROP_ME6 them=$INTEROP_PEER6 me2=$me2_6
	else
		me=$INTEROP_ME4 them=$INTEROP_PEER4 me2=$me2_4
	fi
	if [ "$client" = "$side" ]; then
		role=client
		set -- -c "$them" -s $client_streams -S $server_streams
		mh="-b $me,$me2 -a 2"
	else
		role=server
		set -- -l "$me" -s $server_streams -S $client_streams
		mh="-b $me2 -a 2"
	fi
	# shellcheck disable=SC2086 # options
	case $name in
	*:mh-*) set -- "$@" $mh ;;
	esac
	sent=0	# bytes this side sends
	if [ "$data" != - ]; then
		# BYTES:SIZE:DIR
		set -- "$@" -n "${data%%:*}" -m "$(echo "$data" | cut -d: -f2)" -d "${data##*:}"
		case $role:${data##*:} in
		*:both|client:c2s|server:s2c) sent=${data%%:*} ;;
		esac
	fi
	if [ "$netem" != - ]; then
		rtx0=$(retransmits)
		if ! timers_short; then
			echo "$name $role: FAIL: cannot set net.sctp.rto_initial, rto_max"
			echo "INTEROP-HALF $name $role 1"
			bad=1
			continue
		fi
		if ! netem_on "$netem"; then
			echo "$name $role: FAIL: no netem '$netem' on '$nic'"
			timers_default
			echo "INTEROP-HALF $name $role 1"
			bad=1
			continue
		fi
	fi
	timeout 240 "$peer" -N "$name" -p "$port" -t "$style" -e "$ending" \
		-w "$wait_secs" -T 30 "$@" </dev/null 2>&1
	rc=$?
	if [ "$netem" != - ]; then
		# shellcheck disable=SC2086 # two numbers
		netem_off "$name" "$role" "$netem" "$sent" $rtx0 || rc=1
		if ! timers_default; then
			echo "$name $role: FAIL: cannot restore net.sctp.rto_initial, rto_max ($rto_default)"
			rc=1
		fi
	fi
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
