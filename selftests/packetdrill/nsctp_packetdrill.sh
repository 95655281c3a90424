#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nsctp-selftest: tap
#
# nsctp_packetdrill.sh: the RFC 9260 conformance suite. Every *.pkt
# script beside this file runs under packetdrill in a network namespace
# of its own (lo up, packetdrill's tun device, the SCTP sysctls at their
# defaults but one, see run_script), against whichever SCTP module is loaded: nsctp, or the
# in-tree sctp.ko with run.sh --intree (NSCTP_MODE=intree). Output is
# TAP, one line per script; run.sh counts each of them.
#
#   nsctp_packetdrill.sh [SCRIPT]...     (default: every *.pkt, sorted)
#
# Environment:
#   NSCTP_PKT=NAMES      scripts to run, space separated, with or without
#                        .pkt (the arguments win)
#   NSCTP_PKT_XFAIL=none ignore the known-failure lists
#   NSCTP_PKT_TOLERANCE  packetdrill's --tolerance_usecs (50000: QEMU TCG)
#   NSCTP_PACKETDRILL    the packetdrill binary (default: the one 'make
#                        selftests' put in selftests/out/packetdrill, or
#                        packetdrill on PATH)
#
# Known failures: xfail-nsctp and xfail-intree, one "SCRIPT REASON" a
# line, for the module in use. A listed script that fails is reported
# "ok N SCRIPT # SKIP XFAIL: REASON"; one that passes (XPASS) fails the
# run, so that the lists only ever name real failures.
# Exit status: 0 when nothing failed, 1 otherwise, 4 (skip) without a
# packetdrill binary.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# In a checkout: selftests/packetdrill/ below lib.sh; installed by
# 'make -C selftests install': all in one directory.
lib=$here/../lib.sh
[ -f "$lib" ] || lib=$here/lib.sh
: "${NSCTP_TOP:=$(cd "$(dirname "$lib")/.." && pwd)}"
# shellcheck source=selftests/lib.sh
. "$lib"

tolerance=${NSCTP_PKT_TOLERANCE:-50000}
script_timeout=120

find_packetdrill() {
	if [ -n "${NSCTP_PACKETDRILL:-}" ]; then
		[ -x "$NSCTP_PACKETDRILL" ] || skip "NSCTP_PACKETDRILL=$NSCTP_PACKETDRILL is not executable"
		pd=$NSCTP_PACKETDRILL
		return
	fi
	for pd in "$NSCTP_OUT/packetdrill/packetdrill" "$here/packetdrill"; do
		[ -x "$pd" ] && [ -f "$pd" ] && return
	done
	pd=$(command -v packetdrill 2>/dev/null) && return
	# why 'make selftests' could not provide one
	why=$(cat "$NSCTP_OUT/packetdrill/status" 2>/dev/null)
	skip "no packetdrill binary${why:+: $why} (scripts/packetdrill.sh builds it from ../shared/tools/packetdrill; 'make selftests' copies it)"
}

# xfail_reason SCRIPT: the reason SCRIPT is listed as a known failure for
# this module, or nothing.
xfail_reason() {
	[ "${NSCTP_PKT_XFAIL:-}" != none ] || return 0
	[ -f "$xfail_list" ] || return 0
	awk -v n="$1" '$1 == n { $1 = ""; sub(/^ +/, ""); print ($0 != "" ? $0 : "listed"); exit }' \
		"$xfail_list"
}

# The scripts to run, one a line.
scripts() {
	_sel=$*
	[ -n "$_sel" ] || _sel=${NSCTP_PKT:-}
	if [ -z "$_sel" ]; then
		for _f in "$here"/*.pkt; do
			[ -f "$_f" ] && basename "$_f"
		done | LC_ALL=C sort
		return
	fi
	for _f in $_sel; do
		_f=$(basename "$_f")
		case $_f in *.pkt) ;; *) _f=$_f.pkt ;; esac
		echo "$_f"
	done
}

# run_script SCRIPT: packetdrill on SCRIPT in a network namespace of its
# own (its tun device, addresses, routes and sysctls vanish with it);
# output in $tmp/out. The scripts abort their associations at the end,
# but one that fails half way leaves an association behind, closed by
# packetdrill's exit and shutting down gracefully towards a peer that is
# gone: association_max_retrans 3 (default 10) ends it within about 15 s
# instead of minutes (it holds its namespace and a module reference that
# long). No script depends on the default; those about the limit set
# their own.
run_script() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	(cd "$here" && timeout "$script_timeout" unshare -n /bin/sh -c \
		'ip link set lo up || exit
		echo 3 >/proc/sys/net/sctp/association_max_retrans
		exec "$0" --tolerance_usecs="$1" "$2"' \
		"$pd" "$tolerance" "$1") >"$tmp/out" 2>&1 </dev/null
}

# nsctp's module references: one per socket.
refs() {
	cat /sys/module/nsctp/refcnt 2>/dev/null || echo 0
}

require_root
find_packetdrill
if [ "$NSCTP_MODE" != intree ] && ! module_loaded nsctp; then
	nsctp_insmod || fail "could not load nsctp"
fi
# packetdrill's tun device: run.sh loads tun for every test, kselftest's
# runner does not (without udev the node appears once tun is loaded)
[ -e /dev/net/tun ] || modprobe -q tun 2>/dev/null || true
[ -e /dev/net/tun ] || skip "no /dev/net/tun (modprobe tun failed)"
refs0=$(refs)
xfail_list=$here/xfail-$NSCTP_MODE
[ -f "$xfail_list" ] || log "no $xfail_list: no known failures for mode $NSCTP_MODE"

tmp=$(mktemp -d)
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	rm -rf "$tmp"
}
trap cleanup EXIT

scripts "$@" >"$tmp/list"
total=$(wc -l <"$tmp/list")
echo "TAP version 13"
log "packetdrill: $pd, tolerance ${tolerance}us, mode $NSCTP_MODE"
echo "1..$total"
n=0
nfail=0
while read -r s <&3; do
	n=$((n + 1))
	why=$(xfail_reason "$s")
	if [ ! -f "$here/$s" ]; then
		echo "not ok $n $s # no such script"
		nfail=$((nfail + 1))
		continue
	fi
	run_script "$s"
	rc=$?
	# A guest under TCG on a loaded host can miss a deadline by more than
	# the tolerance (packetdrill injecting late, a timer firing late):
	# such a failure gets one more run. Any other failure, or a second
	# timing error, stands.
	if [ $rc -ne 0 ] && grep -q 'timing error' "$tmp/out"; then
		sed 's/^/# /' "$tmp/out"
		log "$s: timing error, running it once more"
		run_script "$s"
		rc=$?
	fi
	if [ $rc -ne 0 ]; then
		[ $rc -ne 124 ] || echo "timed out after ${script_timeout}s" >>"$tmp/out"
		sed 's/^/# /' "$tmp/out"
	fi
	if [ $rc -eq 0 ] && [ -z "$why" ]; then
		echo "ok $n $s"
	elif [ $rc -eq 0 ]; then
		echo "not ok $n $s # XPASS: passes, but xfail-$NSCTP_MODE lists it ($why)"
		nfail=$((nfail + 1))
	elif [ -n "$why" ]; then
		echo "ok $n $s # SKIP XFAIL: $why"
	else
		echo "not ok $n $s # exit status $rc"
		nfail=$((nfail + 1))
	fi
done 3<"$tmp/list"

# Let what failed scripts left behind finish (see run_script), so that the
# module is as we found it; a reference that never goes is for run.sh's
# teardown to report.
if [ "$NSCTP_MODE" != intree ] && [ "$(refs)" -gt "$refs0" ]; then
	log "waiting for associations left by failed scripts to end ($(refs) module references, $refs0 before)"
	w=0
	while [ "$(refs)" -gt "$refs0" ] && [ $w -lt 60 ]; do
		sleep 1
		w=$((w + 1))
	done
	log "after ${w}s: $(refs) module references"
fi

[ "$nfail" -eq 0 ] || exit "$KSFT_FAIL"
exit "$KSFT_PASS"
