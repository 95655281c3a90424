#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_apps.sh: unmodified SCTP programs over loopback: lksctp-tools'
# sctp_test (server and clients with its message-size cases 0-5, several
# streams), sctp_darn (lines sent, received by a listener), the examples/
# echo pair, and iperf3 --sctp. Runs against whichever SCTP module run.sh
# loaded (with the in-tree one, /proc/net/sctp/snmp has the same counter).
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

pids=
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	for p in $pids; do
		stop_pid "$p"
	done
}
trap cleanup EXIT

if [ "$NSCTP_MODE" != intree ]; then
	module_loaded nsctp || nsctp_insmod || fail "could not load nsctp"
fi
ip link set lo up
command -v sctp_test >/dev/null || skip "no sctp_test (lksctp-tools)"
tmp=$(mktemp -d)

# sctp_test: one server, one client per case; a client exits non-zero
# when a send fails.
sctp_test -H 127.0.0.1 -P 5100 -l -d 0 >"$tmp/server.log" 2>&1 &
pids="$pids $!"
sleep 1
for c in 0 1 2 3 4 5; do
	timeout 120 sctp_test -H 127.0.0.1 -P $((5200 + c)) -h 127.0.0.1 \
		-p 5100 -s -c "$c" -x 2 -M 5 -d 0 >"$tmp/client-$c.log" 2>&1 ||
		fail "sctp_test client case $c: $(tail -n 3 "$tmp/client-$c.log")"
done
log "sctp_test: cases 0-5 sent"

# sctp_darn: two lines through a listener. Its prints sit in a stdio
# buffer while it runs, so the proof is the DATA the stack took in.
in_chunks() {
	awk '$1 == "SctpInOrderChunks" { print $2 }' /proc/net/sctp/snmp
}
sctp_darn -H 127.0.0.1 -P 5400 -l >"$tmp/darn-server.log" 2>&1 &
pids="$pids $!"
sleep 1
before=$(in_chunks)
# (its exit status at the end of its input is not meaningful)
printf 'nsctp-line-one\nnsctp-line-two\n' |
	timeout 30 sctp_darn -H 127.0.0.1 -P 5401 -h 127.0.0.1 -p 5400 -s \
		>"$tmp/darn-client.log" 2>&1
grep -q 'SCTP_COMM_UP' "$tmp/darn-client.log" ||
	fail "sctp_darn client: no association: $(tail -n 5 "$tmp/darn-client.log")"
sleep 1
after=$(in_chunks)
[ $((after - before)) -ge 2 ] ||
	fail "sctp_darn: $((after - before)) DATA chunks received, expected 2: $(tail -n 5 "$tmp/darn-client.log")"
log "sctp_darn: $((after - before)) DATA chunks received"

# The examples/ pair: a one-to-many echo server that peels each
# association off (nsctp: by ioctl; in-tree: by getsockopt) into a thread,
# and clients using sctp_connectx() (one address, then two of two
# families), several streams and sctp_sendv()/sctp_recvv(); every echo is
# checked byte for byte, and a client fails when no echo comes for 10 s.
[ -x "$NSCTP_ECHO_SERVER" ] || fail "no $NSCTP_ECHO_SERVER (make selftests)"
timeout 120 "$NSCTP_ECHO_SERVER" -p 5500 -n 2 >"$tmp/echo-server.log" 2>&1 &
spid=$!
pids="$pids $spid"
sleep 1
timeout 60 "$NSCTP_ECHO_CLIENT" -p 5500 -s 4 -m 200 -l 4000 127.0.0.1 \
	>"$tmp/echo-client1.log" 2>&1 ||
	fail "sctp_echo_client 1: $(tail -n 3 "$tmp/echo-client1.log")"
timeout 60 "$NSCTP_ECHO_CLIENT" -p 5500 -s 3 -m 50 -l 30000 ::1 127.0.0.1 \
	>"$tmp/echo-client2.log" 2>&1 ||
	fail "sctp_echo_client 2: $(tail -n 3 "$tmp/echo-client2.log")"
wait "$spid" || fail "sctp_echo_server: $(tail -n 3 "$tmp/echo-server.log")"
pids=${pids% "$spid"}
grep -q 'peeled off by' "$tmp/echo-server.log" ||
	fail "sctp_echo_server peeled nothing off: $(cat "$tmp/echo-server.log")"
log "examples: $(tail -n 1 "$tmp/echo-client1.log"); $(tail -n 1 "$tmp/echo-client2.log")"
log "examples: $(grep -m 1 'peeled off by' "$tmp/echo-server.log")"

# iperf3 --sctp, two seconds, then the reverse direction (-R).
command -v iperf3 >/dev/null || fail "no iperf3 (the test image carries it)"
for dir in "" -R; do
	iperf3 -s -p 5300 -D -1 >/dev/null 2>&1 || fail "iperf3 server"
	sleep 1
	timeout 60 iperf3 --sctp -c 127.0.0.1 -p 5300 -t 2 $dir \
		>"$tmp/iperf.log" 2>&1 ||
		fail "iperf3 --sctp $dir: $(tail -n 5 "$tmp/iperf.log")"
	grep -q 'receiver' "$tmp/iperf.log" ||
		fail "iperf3 --sctp $dir: no receiver line"
	log "iperf3 --sctp $dir: $(grep receiver "$tmp/iperf.log" | tail -n 1)"
done
rm -rf "$tmp"
exit "$KSFT_PASS"
