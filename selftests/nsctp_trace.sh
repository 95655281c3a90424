#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_trace.sh: nsctp's tracepoints (include/trace/events/nsctp.h) fire
# where they should, read through tracefs as an operator would:
#   - a byte-exact 1 MiB transfer between two namespaces under netem
#     (nsctp_perf -N: delay, reordering, 5 % loss, duplication) gives
#     nsctp_assoc_state (COOKIE_ECHOED -> ESTABLISHED on the client,
#     CLOSED -> ESTABLISHED on the server, and the shutdown), nsctp_probe
#     and nsctp_probe_path after SACKs (cwnd, rto of the primary) and
#     nsctp_retransmit with a reason (T3 or FAST: the loss);
#   - a few seconds of the packet fuzzer (bad checksums, stray and
#     out-of-the-blue packets) give nsctp_drop, each with its MIB counter
#     and a code location. Without restarts, cookie replays, endings,
#     outgoing connects and graceful closes (-x rceoaphg): its
#     associations end with it, and nsctp unloads right after.
# nsctp only: the in-tree module's events are another system ("sctp").
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
require_helper
perf=$NSCTP_HELPERS/nsctp_perf
pktfuzz=$NSCTP_HELPERS/nsctp_pktfuzz
[ -x "$perf" ] || skip "no $perf (make selftests)"
[ -x "$pktfuzz" ] || skip "no $pktfuzz (make selftests)"
tr=/sys/kernel/tracing
if [ ! -d "$tr/events" ]; then
	mount -t tracefs nodev "$tr" 2>/dev/null ||
		skip "no tracefs at $tr (CONFIG_TRACING?)"
fi
[ -d "$tr/events/nsctp" ] || fail "no $tr/events/nsctp: nsctp's tracepoints are not registered"
for e in nsctp_assoc_state nsctp_path_state nsctp_probe nsctp_probe_path \
	nsctp_retransmit nsctp_drop; do
	[ -d "$tr/events/nsctp/$e" ] || fail "no tracepoint nsctp:$e"
done

out=$(mktemp)
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	echo 0 >"$tr/events/nsctp/enable"
	echo >"$tr/trace"
	rm -f "$out"
}
trap cleanup EXIT

echo 0 >"$tr/tracing_on"
echo >"$tr/trace"
echo 4096 >"$tr/buffer_size_kb"
echo 1 >"$tr/events/nsctp/enable"
echo 1 >"$tr/tracing_on"

res=$("$perf" -N -T 120 xfer 1452 1048576 2>&1) ||
	fail "the lossy transfer failed: $res"
log "transfer: $res"
# shellcheck disable=SC2016 # not an expansion
res=$(unshare -n sh -c 'ip link set lo up && exec "$0" -N -s 7 -t 3 -x rceoaphg' "$pktfuzz" 2>&1) ||
	fail "the packet fuzzer failed: $(echo "$res" | tail -n 3)"
echo 0 >"$tr/tracing_on"
cat "$tr/trace" >"$out"

count() {
	grep -c "$1" "$out"
}
n_state=$(count 'nsctp_assoc_state:')
n_up=$(count 'nsctp_assoc_state:.* -> ESTABLISHED')
n_probe=$(count 'nsctp_probe: id=[0-9]* cum_tsn=')
n_path=$(count 'nsctp_probe_path: id=[0-9]* addr=10\.0\.0\.[12]:[0-9]* primary=1 .* cwnd=[1-9][0-9]* .* rto=[1-9]')
n_rtx=$(count 'nsctp_retransmit: .* reason=\(T3\|FAST\)')
n_drop=$(count 'nsctp_drop: reason=Sctp[A-Za-z]* location=[a-z_]*+0x')
log "events: assoc_state $n_state (up $n_up), probe $n_probe, probe_path $n_path, retransmit $n_rtx, drop $n_drop"
[ "$n_up" -ge 2 ] || fail "fewer than two associations traced reaching ESTABLISHED ($n_up)"
grep -q 'nsctp_assoc_state:.*COOKIE_ECHOED -> ESTABLISHED' "$out" ||
	fail "no COOKIE_ECHOED -> ESTABLISHED (the client's setup)"
grep -q 'nsctp_assoc_state:.*CLOSED -> ESTABLISHED' "$out" ||
	fail "no CLOSED -> ESTABLISHED (the server's setup)"
grep -q 'nsctp_assoc_state:.*-> \(SHUTDOWN_SENT\|SHUTDOWN_PENDING\|SHUTDOWN_RECEIVED\|SHUTDOWN_ACK_SENT\|CLOSED\)' "$out" ||
	fail "no shutdown traced"
[ "$n_probe" -ge 100 ] || fail "only $n_probe nsctp_probe events for a 1 MiB transfer"
[ "$n_path" -ge 100 ] || fail "only $n_path nsctp_probe_path events of the primary path"
[ "$n_rtx" -ge 1 ] || fail "no nsctp_retransmit under 5 % loss"
[ "$n_drop" -ge 1 ] || fail "no nsctp_drop from the packet fuzzer's bad packets"
grep -q 'nsctp_drop: reason=SctpChecksumErrors' "$out" ||
	fail "no checksum error traced (the fuzzer corrupts CRCs)"
grep -m 3 'nsctp_retransmit\|nsctp_drop' "$out" | sed 's/^/# /'
exit "$KSFT_PASS"
