#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_ss.sh: what 'ss --sctp' shows of a workload, through sock_diag,
# in a network namespace of its own:
#   - a one-to-one listener with one association (client and accepted
#     socket) and a one-to-many listener with three one-to-one clients,
#     each over IPv4 and IPv6 loopback (helpers/nsctp_sock -c);
#   - 'ss -Sanemoi', 'ss -Sa', 'ss -S state listening' and
#     'ss -Sa sport = :PORT' (the IPv4 one-to-one and the IPv6
#     one-to-many listener's ports), each normalised (addresses, ports,
#     inodes, sk: cookies, cgroup, timers, every number, blank runs) and
#     its entries sorted (a socket line with the lines that belong to it:
#     its details and its `- association lines), compared with
#     nsctp_ss.expected: the columns, states, number of lines, the
#     association lines under their socket, which details ss prints.
# The expected file was made on the in-tree sctp.ko (sctp_diag): nsctp
# must show the same. NSCTP_SS_UPDATE=1 rewrites it from this run.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_root
require_helper
command -v ss >/dev/null || skip "no ss (iproute2)"
command -v unshare >/dev/null || skip "no unshare"
expected=$(cd "$(dirname "$0")" && pwd)/nsctp_ss.expected
[ -f "$expected" ] || [ "${NSCTP_SS_UPDATE:-0}" = 1 ] || skip "no $expected"
if [ "${NSCTP_SS_NETNS:-}" != 1 ]; then
	NSCTP_SS_NETNS=1 exec unshare -n "$0" "$@"
fi
ip link set lo up || fail "could not bring lo up in the new netns"

tmp=$(mktemp -d)
p1=
p2=
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	[ -z "$p1" ] || stop_pid "$p1"
	[ -z "$p2" ] || stop_pid "$p2"
	rm -rf "$tmp"
}
trap cleanup EXIT

"$NSCTP_SOCK" -l -c 1 -w 120 4s 6s >"$tmp/one" 2>&1 &
p1=$!
"$NSCTP_SOCK" -l -c 3 -w 120 4q 6q >"$tmp/many" 2>&1 &
p2=$!
wait_for_line "$tmp/one" ready 30 ||
	fail "one-to-one workload: $(cat "$tmp/one")"
wait_for_line "$tmp/many" ready 30 ||
	fail "one-to-many workload: $(cat "$tmp/many")"
port4s=$(sed -n 's/^port 4s //p' "$tmp/one")
port6q=$(sed -n 's/^port 6q //p' "$tmp/many")
if [ -z "$port4s" ] || [ -z "$port6q" ]; then
	fail "no listener ports: $(cat "$tmp/one" "$tmp/many")"
fi

# One line per entry, sorted: an entry is a line that starts neither with
# "`-" nor with a tab, and the lines after it that do; its lines are
# joined with " || ".
normalise() {
	sed -E \
		-e 's/\t/ _ /' \
		-e 's/(locals|peers):[0-9a-fA-F.:,]+/\1:ADDRS/g' \
		-e 's/\[[0-9a-fA-F:.]*\]/ADDR/g' \
		-e 's/[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/ADDR/g' \
		-e 's/(^| )\*([%:])/\1ADDR\2/g' \
		-e 's/(ADDR(%[a-z0-9]+)?):[0-9]+/\1:PORT/g' \
		-e 's/ (sk|tag|ptag):[0-9a-f]+/ \1:X/g' \
		-e 's/ cgroup:[^ ]*/ cgroup:C/g' \
		-e 's/ timer:\([^)]*\)//g' \
		-e 's/[0-9]+/N/g' \
		-e 's/ +/ /g' -e 's/ $//' |
	awk 'NR == 1 { print "H " $0; next }
	     /^(`-| _ )/ { e = e " || " $0; next }
	     { if (e != "") print "E " e; e = $0 }
	     END { if (e != "") print "E " e }' | LC_ALL=C sort
}

: >"$tmp/got"
show() {
	_what=$1
	shift
	echo "== ss $_what" >>"$tmp/got"
	ss "$@" >"$tmp/raw" 2>"$tmp/err" ||
		fail "ss $*: exit status $? ($(head -n 3 "$tmp/err"))"
	cat "$tmp/raw" >>"$tmp/raws"
	normalise <"$tmp/raw" >>"$tmp/got"
}
show "-Sanemoi" -Sanemoi
show "-Sa" -Sa
show "-S state listening" -S state listening
show "-Sa sport = :PORT (IPv4 one-to-one listener)" -Sa sport = ":$port4s"
show "-Sa sport = :PORT (IPv6 one-to-many listener)" -Sa sport = ":$port6q"

if [ "${NSCTP_SS_UPDATE:-0}" = 1 ]; then
	cp "$tmp/got" "$expected"
	sed 's/^/# /' "$tmp/got"
	log "wrote $expected"
	exit "$KSFT_PASS"
fi
if ! diff -u "$expected" "$tmp/got" >"$tmp/diff"; then
	sed 's/^/# /' "$tmp/diff"
	log "what ss printed:"
	sed 's/^/# | /' "$tmp/raws"
	fail "ss output differs from $(basename "$expected") (mode $NSCTP_MODE)"
fi
log "ss output as expected: $(grep -c '^E ' "$tmp/got") entries, $(grep -c '`-' "$tmp/got") with association lines"
exit "$KSFT_PASS"
