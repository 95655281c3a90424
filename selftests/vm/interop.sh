#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# interop.sh ('make interop'): nsctp against Debian's in-tree sctp.ko, each
# in its own QEMU guest, joined by a virtual wire.
#
#   interop.sh [--pair nsctp|ref|all] [--no-build] [--timeout SECS]
#              [--only GLOB]
#
# --only runs the scenarios whose name matches GLOB (a development aid:
# the capture's chunk check then fails for the chunks they do not send).
#
# A pair is two guests booted at once (run-vm.sh --script, -smp 1 each),
# each with a virtio-net NIC on '-netdev dgram' over two unix datagram
# sockets: no host network. The dgram backend has no vnet header, so
# neither guest gets checksum offload: both compute every CRC32c.
#   guest a  10.9.0.1/24 fd09::1/64   nsctp (pair nsctp) | sctp.ko (pair ref)
#   guest b  10.9.0.2/24 fd09::2/64   sctp.ko
# Pair nsctp is the interop test; pair ref (sctp.ko on both ends) runs the
# same scenarios plus data transfers and keeps the bed honest: what fails
# there is the bed's fault, not nsctp's.
#
# Both guests run selftests/interop_guest.sh over one scenario list, in
# order: client in a and in b x IPv4/IPv6 x SOCK_STREAM/SOCK_SEQPACKET x
# endings {client,server}-{close,abort}, and {client,server}-shutdown on
# one-to-one sockets; one association each, played by nsctp_peer on both
# sides (see selftests/helpers/nsctp_peer.c for what it checks); then data
# transfers under netem (loss, reorder, duplication; see impaired()); then
# data transfers between two-address ends, the second address bound with
# sctp_bindx() (see multihomed()). QEMU's
# filter-dump records guest a's wire to a pcap that tshark decodes with
# CRC32c verification on.
#
# Tests: each scenario (both halves pass), per guest: it ran to the end,
# nsctp unloads cleanly (guest a of pair nsctp), the kernel log is clean
# (in the guest and on the host's copy of the console); per capture: SCTP
# packets seen, all with a good checksum, none malformed, and every chunk
# of setup and teardown from both guests in both families.
# Ends with "N passed, N failed[, N skipped]"; exit 1 on any failure.
# Logs: selftests/out/logs/interop-PAIR-{a,b}.log (consoles),
# interop-PAIR.pcap (the wire).
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
logs=$top/selftests/out/logs
# shellcheck source=selftests/lib.sh
. "$top/selftests/lib.sh"

pairs="nsctp ref"
build=1
tmo=600
only='*'

# Pairs whose scenario list has data transfers (NSCTP_INTEROP_DATA=0
# leaves them out of pair nsctp).
data_pairs="ref nsctp"
[ "${NSCTP_INTEROP_DATA:-1}" != 0 ] || data_pairs="ref"

# Scenarios known to fail because of an nsctp bug, one "NAME-GLOB REASON"
# a line: they are reported loudly as XFAIL and counted as skipped. A
# listed scenario that passes is an XPASS (counted as passed): remove it.
xfail=""
# The same for the capture of pair nsctp: "DISPLAY-FILTER|REASON" lines;
# the malformed packets a filter matches are an XFAIL, not a failure.
xfail_capture=''

passed=0
failed=0
skipped=0
num=0

usage() {
	sed -n 's/^# \{0,1\}//; 4,8p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--pair) [ $# -ge 2 ] || usage
		case $2 in nsctp|ref) pairs=$2 ;; all) pairs="nsctp ref" ;; *) usage ;; esac
		shift ;;
	--no-build) build=0 ;;
	--timeout) [ $# -ge 2 ] || usage; tmo=$2; shift ;;
	--only) [ $# -ge 2 ] || usage; only=$2; shift ;;
	*) usage ;;
	esac
	shift
done

# result ok|fail|skip NAME [REASON]
result() {
	num=$((num + 1))
	case $1 in
	ok) passed=$((passed + 1)); echo "ok $num $2${3:+ # $3}" ;;
	skip) skipped=$((skipped + 1)); echo "ok $num $2 # SKIP ${3:-}" ;;
	*) failed=$((failed + 1)); echo "not ok $num $2${3:+ # $3}" ;;
	esac
}

# scenarios LABEL_A LABEL_B DATA(0|1): the list, one scenario a line
# (the format interop_guest.sh reads).
scenarios() {
	local la=$1 lb=$2 data=$3 client fam style e endings name i=0 v
	local variants=(200000:1000:both 300000:65000:c2s 300:1:s2c 150000:1452:both)
	local dends=(client-close server-close client-abort server-abort)
	for client in a b; do
		for fam in 4 6; do
			for style in s q; do
				endings="client-close server-close client-abort server-abort"
				[ $style = q ] || endings+=" client-shutdown server-shutdown"
				for e in $endings; do
					name=$([ $client = a ] && echo "$la-$lb" || echo "$lb-$la")
					echo "$name:$fam$style:$e $client $style $fam $e -"
				done
				[ "$data" = 1 ] || continue
				v=${variants[i % 4]}
				e=${dends[(i + i / 4) % 4]}
				i=$((i + 1))
				name=$([ $client = a ] && echo "$la-$lb" || echo "$lb-$la")
				echo "$name:$fam$style:data-${v//:/-}:$e $client $style $fam $e $v"
			done
		done
	done
}

# impaired LABEL_A LABEL_B: the data transfers under netem, on both pairs,
# after the rest (so the others keep their ports). Each guest makes netem
# the root qdisc of its own NIC for the scenario only, so both directions
# of the wire are impaired, and shortens RTO.Initial and RTO.Max to 1 s
# and 2 s for it (why: interop_guest.sh); a sender's netem must have carried its
# transfer, and in a lossy one dropped packets that it retransmitted
# (interop_guest.sh). Graceful endings only: an
# ABORT is sent once, and a lost one would leave the peer waiting. Sizes
# are bounded by TCG and software CRC32c: see Documentation/testing.rst.
impaired() {
	local la=$1 lb=$2 client fam style bytes sizes dir end tag params name
	# CLIENT FAMILY STYLE BYTES SIZES DIR ENDING TAG NETEM. The loss ones
	# go one way: guest a sends in the first and the fourth, guest b in
	# the second and the third, each once per family and style; the
	# others send both ways at once. The combined ones are issue 14's
	# profile (delay, reorder, loss and duplication at once, as nsctp_lossy
	# runs it inside one guest), against the other stack, both ways.
	while read -r client fam style bytes sizes dir end tag params; do
		name=$([ "$client" = a ] && echo "$la-$lb" || echo "$lb-$la")
		echo "$name:$fam$style:$tag-$bytes-$sizes-$dir:$end $client $style $fam $end $bytes:$sizes:$dir $params"
	done <<-EOF
	a 4 s 3145728 1452,65536 c2s client-close    loss5     loss,5%
	b 4 s 3145728 1452,65536 c2s server-shutdown loss5     loss,5%
	a 6 q 3145728 65536,1452 s2c server-close    loss5     loss,5%
	b 6 q 3145728 65536,1452 s2c client-close    loss5     loss,5%
	a 6 s 1048576 1452,65536 both client-shutdown reorder25 delay,10ms,reorder,25%
	b 4 q 1048576 1452,65536 both server-close   reorder25 delay,10ms,reorder,25%
	b 6 s 1048576 65536,1452 both client-close   dup1      duplicate,1%
	a 4 q 1048576 65536,1452 both server-close   dup1      duplicate,1%
	a 4 s 1048576 1,1452,65536 both client-close combined delay,10ms,reorder,25%,loss,5%,duplicate,1%
	b 6 q 1048576 65536,1452,1 both server-close combined delay,10ms,reorder,25%,loss,5%,duplicate,1%
	EOF
}

# multihomed LABEL_A LABEL_B: both ends on two addresses, the second
# bound with sctp_bindx(); the INIT and INIT ACK list them and each side
# must see the other's two and its own two (interop_guest.sh, ":mh-");
# data both ways on the primary path.
multihomed() {
	local la=$1 lb=$2 client fam style end name
	while read -r client fam style end; do
		name=$([ "$client" = a ] && echo "$la-$lb" || echo "$lb-$la")
		echo "$name:$fam$style:mh-data-200000-1000-both:$end $client $style $fam $end 200000:1000:both"
	done <<-EOF
	a 4 s client-close
	b 4 q server-close
	a 6 q server-close
	b 6 s client-close
	EOF
}

# job SIDE LOAD ME PEER LIST: the --script of one guest.
job() {
	printf '#!/bin/sh\n'
	printf "cat >/tmp/interop.list <<'EOF'\n%sEOF\n" "$5"
	printf 'export INTEROP_LOAD=%s INTEROP_ME4=10.9.0.%s INTEROP_ME6=fd09::%s\n' "$2" "$3" "$3"
	printf 'export INTEROP_PEER4=10.9.0.%s INTEROP_PEER6=fd09::%s\n' "$4" "$4"
	printf 'exec /bin/sh selftests/interop_guest.sh %s /tmp/interop.list\n' "$1"
}

xfail_reason() {
	local glob reason
	while read -r glob reason; do
		[ -n "$glob" ] || continue
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $1 == $glob ]] && { echo "$reason"; return 0; }
	done <<<"$xfail"
	return 1
}

# check_scenarios PAIR LIST LOG_A LOG_B
check_scenarios() {
	local pair=$1 list=$2 la=$3 lb=$4 name client rest ra rb rca rcb why f fl
	while read -r name client rest; do
		[ -n "$name" ] || continue
		if [ "$client" = a ]; then ra=client rb=server; else ra=server rb=client; fi
		rca=$(sed -n "s/^INTEROP-HALF $name $ra \([0-9]*\)$/\1/p" "$la" | tail -n1)
		rcb=$(sed -n "s/^INTEROP-HALF $name $rb \([0-9]*\)$/\1/p" "$lb" | tail -n1)
		if [ "$rca" = 0 ] && [ "$rcb" = 0 ]; then
			if [ "$pair" = nsctp ] && why=$(xfail_reason "$name"); then
				result ok "$name" "XPASS: listed as an nsctp bug ($why): take it off the list"
			else
				result ok "$name"
			fi
			continue
		fi
		# what each side printed about it
		grep -h "^$name \|^INTEROP-HALF $name " "$la" "$lb" | sed 's/^/#   /'
		why="a (${ra}): exit ${rca:-none}, b (${rb}): exit ${rcb:-none}"
		# and the first problem each found, on the result line itself
		# (CI keeps the "not ok" lines, not what comes before them)
		for f in "$la" "$lb"; do
			fl=$(grep -h -m1 "^$name [a-z]*: FAIL: " "$f")
			[ -z "$fl" ] || why+="; ${fl#"$name "}"
		done
		if [ "$pair" = nsctp ] && xr=$(xfail_reason "$name"); then
			echo "# !!! XFAIL $name: known nsctp bug: $xr"
			result skip "$name" "XFAIL known nsctp bug: $xr ($why)"
		else
			result fail "$name" "$why"
		fi
	done <<<"$list"
}

# check_guest PAIR SIDE LOG STATUS NSCTP(0|1)
check_guest() {
	local g="$1 guest $2" log=$3 st=$4 t k host
	t=$(sed -n 's/^INTEROP-CHECK teardown \([a-zA-Z]*\).*/\1/p' "$log" | tail -n1)
	k=$(sed -n 's/^INTEROP-CHECK kernel-log \([a-zA-Z]*\).*/\1/p' "$log" | tail -n1)
	if [ -n "$k" ] && [ "$st" != 124 ] && [ "$st" != 125 ]; then
		result ok "$g: ran every scenario"
	else
		result fail "$g: ran every scenario" "run-vm.sh exit $st (124: timeout, 125: died), see $log"
	fi
	if [ "$5" = 1 ]; then
		if [ "$t" = ok ]; then
			result ok "$g: rmmod nsctp, no slab cache left"
		else
			result fail "$g: rmmod nsctp, no slab cache left" \
				"$(grep -h '^INTEROP-CHECK teardown' "$log" | tail -n1)"
		fi
	fi
	host=$(grep -v '^# kernel: ' "$log" | log_scan)
	if [ "$k" = ok ] && [ -z "$host" ]; then
		result ok "$g: kernel log clean"
	else
		grep -h '^# kernel: ' "$log" | sed 's/^/#   /'
		# shellcheck disable=SC2001
		[ -z "$host" ] || echo "$host" | sed 's/^/#   console: /'
		result fail "$g: kernel log clean"
	fi
}

# How tshark reads a capture: CRC32c verified; the scenarios' payloads
# (SCTP and the TCP control channel, server ports 5001 and up) as plain
# data: the client's ephemeral port may be one that Wireshark gives to a
# protocol (36422 is X2AP's), which would then decode the test pattern
# and call it malformed. The lower port is tried first, so ours wins.
tshark_opts=(-n -o sctp.checksum:crc-32c -d 'sctp.port==5001-5999,data'
	-d 'tcp.port==5001-5999,data')

# tshark over CAP with CRC32c verification; prints "FIELD VALUE" lines.
tshark_fields() {
	tshark -r "$1" "${tshark_opts[@]}" -Y sctp -T fields \
		-E separator=";" -E occurrence=a -E aggregator=, \
		-e sctp.checksum.status -e ip.src -e ipv6.src -e sctp.chunk_type \
		2>/dev/null
}

# check_capture PAIR CAP
check_capture() {
	local pair=$1 cap=$2 stats malformed sctp good bad problems='' want missing=''
	local known=0 k filter reason notes=''
	if [ ! -s "$cap" ]; then
		result fail "$pair capture" "no $cap"
		return
	fi
	# _ws.malformed marks what a dissector could not decode or found
	# against the format (expert group Malformed)
	malformed=$(tshark -r "$cap" "${tshark_opts[@]}" -Y '_ws.malformed' 2>/dev/null |
		wc -l)
	stats=$(tshark_fields "$cap" | awk -F";" '
		{ n++; if ($1 == 1) good++; else if ($1 == 0) bad++; else other++
		  src = $2 != "" ? $2 : $3; from[src]++
		  k = split($4, c, ","); for (i = 1; i <= k; i++) chunk[c[i]]++ }
		END {
			printf "sctp %d good %d bad %d unverified %d\n", n, good, bad, other
			for (s in from) printf "from %s %d\n", s, from[s]
			for (t in chunk) printf "chunk %s %d\n", t, chunk[t]
		}')
	sctp=$(echo "$stats" | awk '/^sctp / { print $2 }')
	good=$(echo "$stats" | awk '/^sctp / { print $4 }')
	bad=$(echo "$stats" | awk '/^sctp / { print $6 }')
	echo "# $pair capture $cap: $(echo "$stats" | head -n1), malformed $malformed"
	echo "$stats" | sed -n 's/^from /#   packets from /p; s/^chunk /#   chunks of type /p' | sort
	if [ "$pair" = nsctp ] && [ "$malformed" -gt 0 ]; then
		while IFS='|' read -r filter reason; do
			[ -n "$filter" ] || continue
			k=$(tshark -r "$cap" "${tshark_opts[@]}" -Y "$filter" 2>/dev/null | wc -l)
			[ "$k" -gt 0 ] || continue
			echo "# !!! XFAIL: $k malformed packets from a known nsctp bug: $reason"
			known=$((known + k))
			notes+=" $k: $reason;"
		done <<<"$xfail_capture"
	fi
	if [ "$malformed" -gt 0 ]; then
		tshark -r "$cap" "${tshark_opts[@]}" -Y '_ws.malformed' 2>/dev/null |
			head -n 20 | sed 's/^/#   malformed: /'
	fi
	[ "${sctp:-0}" -gt 0 ] || problems+=" no SCTP packets;"
	[ "${bad:-0}" -eq 0 ] || problems+=" $bad bad checksums;"
	[ "${good:-0}" -eq "${sctp:-0}" ] || problems+=" $((sctp - good)) checksums not good;"
	[ "$malformed" -le "$known" ] || problems+=" $((malformed - known)) malformed packets;"
	if [ -n "$problems" ]; then
		result fail "$pair capture: SCTP packets, CRC32c, decoding" "${problems% ;}"
	elif [ "$known" -gt 0 ]; then
		result skip "$pair capture: $sctp SCTP packets, all CRC32c good, none malformed" \
			"XFAIL known nsctp bug, malformed:${notes%;}"
	else
		result ok "$pair capture: $sctp SCTP packets, all CRC32c good, none malformed"
	fi
	# INIT, INIT ACK, ABORT, SHUTDOWN, SHUTDOWN ACK, COOKIE ECHO, COOKIE
	# ACK, SHUTDOWN COMPLETE; and packets from every address
	for want in "chunk 1" "chunk 2" "chunk 6" "chunk 7" "chunk 8" "chunk 10" \
		"chunk 11" "chunk 14" "from 10.9.0.1" "from 10.9.0.2" "from fd09::1" \
		"from fd09::2"; do
		echo "$stats" | grep -q "^$want " || missing+=" $want,"
	done
	if [ -z "$missing" ]; then
		result ok "$pair capture: setup and teardown chunks from both guests, IPv4 and IPv6"
	else
		result fail "$pair capture: setup and teardown chunks from both guests, IPv4 and IPv6" \
			"missing:${missing%,}"
	fi
}

# The guests' run-vm.sh process ids while they run.
guests=

# stop_guest PID: stop a guest's QEMU: run-vm.sh runs it under timeout(1),
# its child, which passes the signal on; run-vm.sh then writes the log and
# reports a guest that died.
# shellcheck disable=SC2317 # called from a trap too
stop_guest() {
	pkill -TERM -P "$1" timeout 2>/dev/null
}

# shellcheck disable=SC2317 # called from the traps
stop_guests() {
	local pid
	for pid in $guests; do
		stop_guest "$pid"
	done
}

# wait_guests PID_A PID_B: wait for both guests, setting sta and stb.
# Once one has ended, the other has a minute to follow (it only has the
# scenario in flight to finish) before it is stopped: a guest that died
# must not leave the other waiting for it scenario after scenario.
wait_guests() {
	local first st other n=0
	wait -n -p first "$1" "$2"
	st=$?
	if [ "$first" = "$1" ]; then sta=$st other=$2; else stb=$st other=$1; fi
	while kill -0 "$other" 2>/dev/null && [ $n -lt 60 ]; do
		sleep 1
		n=$((n + 1))
	done
	if kill -0 "$other" 2>/dev/null; then
		echo "# interop: one guest ended, the other still runs a minute later: stopping it"
		stop_guest "$other"
	fi
	wait "$other"
	st=$?
	if [ "$other" = "$1" ]; then sta=$st; else stb=$st; fi
}

# run_pair PAIR: boot its two guests, run the list, count.
run_pair() {
	local pair=$1 fa fb la lb data=0 list ja jb cap loga logb t0=$SECONDS pida pidb sta stb
	if [ "$pair" = nsctp ]; then
		fa=nsctp fb=intree la=nsctp lb=intree
	else
		fa=intree fb=intree la=intreeA lb=intreeB
	fi
	[[ " $data_pairs " != *" $pair "* ]] || data=1
	list=$(scenarios $la $lb $data; impaired $la $lb; multihomed $la $lb)
	# shellcheck disable=SC2053 # a glob on purpose
	list=$(while read -r l; do [[ ${l%% *} != $only ]] || echo "$l"; done <<<"$list")
	ja=$tmp/$pair-a.sh
	jb=$tmp/$pair-b.sh
	job a $fa 1 2 "$list"$'\n' >"$ja"
	job b $fb 2 1 "$list"$'\n' >"$jb"
	cap=$logs/interop-$pair.pcap
	loga=$logs/interop-$pair-a.log
	logb=$logs/interop-$pair-b.log
	rm -f "$cap"
	echo "# pair $pair: a $fa (10.9.0.1, fd09::1), b $fb (10.9.0.2, fd09::2)," \
		"$(echo "$list" | wc -l) scenarios"
	# shellcheck disable=SC2046 # --intree or nothing
	"$top/selftests/vm/run-vm.sh" $([ $fa = intree ] && echo --intree) \
		--script "$ja" --smp 1 --mem 512 --timeout "$tmo" --log "$loga" \
		--nic "$tmp/$pair-a.sock,$tmp/$pair-b.sock" --mac 52:54:00:09:00:01 \
		--addr "10.9.0.1/24 fd09::1/64" --dump "$cap" >"$tmp/$pair-a.out" 2>&1 &
	pida=$!
	# shellcheck disable=SC2046
	"$top/selftests/vm/run-vm.sh" $([ $fb = intree ] && echo --intree) \
		--script "$jb" --smp 1 --mem 512 --timeout "$tmo" --log "$logb" \
		--nic "$tmp/$pair-b.sock,$tmp/$pair-a.sock" --mac 52:54:00:09:00:02 \
		--addr "10.9.0.2/24 fd09::2/64" >"$tmp/$pair-b.out" 2>&1 &
	pidb=$!
	guests="$pida $pidb"
	wait_guests "$pida" "$pidb"
	guests=
	grep -h '^run-vm:' "$tmp/$pair-a.out" | sed 's/^/# a: /'
	grep -h '^run-vm:' "$tmp/$pair-b.out" | sed 's/^/# b: /'
	echo "# pair $pair: guests done in $((SECONDS - t0))s"
	check_scenarios "$pair" "$list" "$loga" "$logb"
	check_guest "$pair" "a ($fa)" "$loga" "$sta" "$([ $fa = nsctp ] && echo 1 || echo 0)"
	check_guest "$pair" "b ($fb)" "$logb" "$stb" 0
	check_capture "$pair" "$cap"
}

main() {
	local t0=$SECONDS pair
	mkdir -p "$logs"
	if [ $build = 1 ]; then
		echo "# building (make selftests)"
		if ! make -s -C "$top" selftests >"$logs/interop-build.log" 2>&1; then
			tail -n 30 "$logs/interop-build.log" | sed 's/^/# /'
			result fail "build" "make selftests failed"
			echo "$passed passed, $failed failed, $skipped skipped"
			exit 1
		fi
	fi
	command -v tshark >/dev/null || { echo "# interop: no tshark (make deps)"; exit 1; }
	# short paths: unix socket names are limited to 108 bytes
	tmp=$(mktemp -d /tmp/nsctp-interop.XXXXXX)
	trap 'stop_guests; rm -rf "$tmp"' EXIT
	trap 'exit 143' TERM INT
	for pair in $pairs; do
		run_pair "$pair"
	done
	echo "# interop: total $((SECONDS - t0))s"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ $failed -eq 0 ]
}

main
