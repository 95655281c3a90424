#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nsctp-selftest: tap
#
# nsctp_func_tests.sh: lksctp-tools' own functional tests (its
# src/func_tests: test_basic, test_1_to_1_connect, ... and the IPv6
# builds test_basic_v6, ...), built by scripts/func-tests.sh. Every
# program runs in a network namespace of its own (lo up: 127.0.0.1 and
# ::1; the programs use fixed ports on the loopback addresses, so one's
# leftovers must not meet the next), with a timeout, against whichever
# SCTP module is loaded: nsctp, or the in-tree sctp.ko with run.sh
# --intree (NSCTP_MODE=intree). Output is TAP, one line per program;
# run.sh counts each of them.
#
#   nsctp_func_tests.sh [PROGRAM]...     (default: every program, sorted)
#
# A program passes when it exits with status 0. It reports a failed check
# with tst_brkm, which prints "TCID N BROK : WHY" and then crashes on
# purpose (a NULL write: SIGSEGV); the runner puts that WHY on the TAP
# line. One still running after NSCTP_FT_TIMEOUT seconds is killed and
# fails ("hung").
#
# Environment:
#   NSCTP_FT=NAMES       programs to run, space separated (the arguments
#                        win)
#   NSCTP_FT_XFAIL=none  ignore the known-failure lists
#   NSCTP_FT_TIMEOUT     seconds a program may take (30: the slowest
#                        passing one takes about 6 in a TCG guest)
#   NSCTP_FT_BIN         the directory of the programs (default: the one
#                        'make selftests' filled, selftests/out/func_tests)
#
# Known failures: xfail-nsctp and xfail-intree, one "PROGRAM REASON" a
# line, for the module in use. A listed program that fails is reported
# "ok N PROGRAM # SKIP XFAIL: REASON"; one that passes (XPASS) fails the
# run, so that the lists only ever name real failures.
# Timing-dependent programs: flaky-nsctp and flaky-intree, the same
# format. A listed program that fails runs once more, and passes when
# the second run does ("ok N PROGRAM # flaky, passed on its second run:
# REASON").
# Exit status: 0 when nothing failed, 1 otherwise, 4 (skip) without the
# programs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# In a checkout: selftests/func_tests/ below lib.sh; installed by
# 'make -C selftests install': all in one directory.
lib=$here/../lib.sh
[ -f "$lib" ] || lib=$here/lib.sh
: "${NSCTP_TOP:=$(cd "$(dirname "$lib")/.." && pwd)}"
# shellcheck source=selftests/lib.sh
. "$lib"

prog_timeout=${NSCTP_FT_TIMEOUT:-30}

find_programs() {
	if [ -n "${NSCTP_FT_BIN:-}" ]; then
		[ -f "$NSCTP_FT_BIN/PROGRAMS" ] || skip "NSCTP_FT_BIN=$NSCTP_FT_BIN holds no PROGRAMS list"
		bin=$NSCTP_FT_BIN
		return
	fi
	for bin in "$NSCTP_OUT/func_tests" "$here"; do
		[ -f "$bin/PROGRAMS" ] && return
	done
	# why 'make selftests' could not provide them
	why=$(cat "$NSCTP_OUT/func_tests/status" 2>/dev/null)
	skip "no lksctp-tools func_tests programs${why:+: $why} (scripts/func-tests.sh fetches and builds them; 'make selftests' copies them)"
}

# list_reason FILE PROGRAM: the reason FILE lists PROGRAM for, or nothing.
list_reason() {
	[ -f "$1" ] || return 0
	awk -v n="$2" '$1 == n { $1 = ""; sub(/^ +/, ""); print ($0 != "" ? $0 : "listed"); exit }' \
		"$1"
}

# xfail_reason PROGRAM: the reason PROGRAM is listed as a known failure
# for this module, or nothing.
xfail_reason() {
	[ "${NSCTP_FT_XFAIL:-}" != none ] || return 0
	list_reason "$xfail_list" "$1"
}

# The programs to run, one a line.
programs() {
	_sel=$*
	[ -n "$_sel" ] || _sel=${NSCTP_FT:-}
	if [ -z "$_sel" ]; then
		LC_ALL=C sort "$bin/PROGRAMS"
		return
	fi
	for _p in $_sel; do
		basename "$_p"
	done
}

# run_prog PROGRAM: the program in a network namespace of its own, in a
# scratch directory; output in $tmp/out. On timeout SIGKILL, to the
# program itself (timeout, unshare and sh exec it: busybox's timeout
# signals only the process it started). The trailing exit keeps the
# subshell waiting for it, so that the shell's "Segmentation fault" or
# "Killed" goes to $tmp/out too.
run_prog() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	(cd "$tmp/cwd" && timeout -s KILL "$prog_timeout" unshare -n /bin/sh -c \
		'ip link set lo up || exit; exec "$0"' "$bin/$1"; exit $?) \
		>"$tmp/out" 2>&1 </dev/null
}

# why_failed RC: one line saying why the program in $tmp/out failed.
why_failed() {
	# "test_x.c  3 BROK : recvmsg: Connection reset by peer", or a bare
	# "DUMP_CORE test_x.c: 435" (a check without a message)
	_brok=$(sed -n 's/^.* BROK : //p' "$tmp/out" | tail -n 1)
	[ -n "$_brok" ] || _brok=$(sed -n 's/^DUMP_CORE \(.*\): \([0-9]*\)$/check at \1:\2 failed/p' \
		"$tmp/out" | tail -n 1)
	# the last check passed: "test_x.c  6 PASS : valid blocking connect() - SUCCESS"
	_pass=$(sed -n 's/^.* \([0-9][0-9]*\) PASS : /\1 /p' "$tmp/out" | tail -n 1)
	_after=${_pass:+ after PASS $_pass}
	case $1 in
	124|137) echo "hung: killed after ${prog_timeout}s$_after" ;;
	139) [ -n "$_brok" ] && echo "BROK: $_brok" || echo "SIGSEGV$_after" ;;
	*) [ -n "$_brok" ] && echo "exit status $1: BROK: $_brok" ||
		echo "exit status $1$_after" ;;
	esac
}

# nsctp's module references: one per socket.
refs() {
	cat /sys/module/nsctp/refcnt 2>/dev/null || echo 0
}

require_root
find_programs
if [ "$NSCTP_MODE" = intree ]; then
	module_loaded sctp || modprobe sctp || fail "could not load sctp"
elif ! module_loaded nsctp; then
	nsctp_insmod || fail "could not load nsctp"
fi
refs0=$(refs)
xfail_list=$here/xfail-$NSCTP_MODE
flaky_list=$here/flaky-$NSCTP_MODE
[ -f "$xfail_list" ] || log "no $xfail_list: no known failures for mode $NSCTP_MODE"
ipv6=1
[ -e /proc/net/if_inet6 ] || ipv6=0

tmp=$(mktemp -d)
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir "$tmp/cwd"
# tst_brkm's crash dumps no core
# shellcheck disable=SC3045 # dash and busybox ash have it
ulimit -c 0 2>/dev/null || true

programs "$@" >"$tmp/list"
total=$(wc -l <"$tmp/list")
echo "TAP version 13"
log "lksctp-tools func_tests: $bin, timeout ${prog_timeout}s, mode $NSCTP_MODE"
echo "1..$total"
n=0
nfail=0
t0=$(date +%s)
while read -r p <&3; do
	n=$((n + 1))
	why=$(xfail_reason "$p")
	if [ ! -x "$bin/$p" ]; then
		echo "not ok $n $p # no such program in $bin"
		nfail=$((nfail + 1))
		continue
	fi
	case $p in
	*_v6)
		if [ $ipv6 = 0 ]; then
			echo "ok $n $p # SKIP no IPv6 in this kernel"
			continue
		fi
		;;
	esac
	s=$(date +%s)
	run_prog "$p"
	rc=$?
	log "$p: exit status $rc after $(($(date +%s) - s))s"
	flaky=
	if [ $rc -ne 0 ] && [ -z "$why" ]; then
		flaky=$(list_reason "$flaky_list" "$p")
	fi
	if [ -n "$flaky" ]; then
		sed 's/^/# /' "$tmp/out"
		log "$p: $(why_failed $rc); flaky-$NSCTP_MODE lists it: once more"
		s=$(date +%s)
		run_prog "$p"
		rc=$?
		log "$p: exit status $rc after $(($(date +%s) - s))s"
	fi
	if [ $rc -ne 0 ]; then
		sed 's/^/# /' "$tmp/out"
		reason=$(why_failed $rc)
	fi
	if [ $rc -eq 0 ] && [ -n "$flaky" ]; then
		echo "ok $n $p # flaky, passed on its second run: $flaky"
	elif [ $rc -eq 0 ] && [ -z "$why" ]; then
		echo "ok $n $p"
	elif [ $rc -eq 0 ]; then
		echo "not ok $n $p # XPASS: passes, but xfail-$NSCTP_MODE lists it ($why)"
		nfail=$((nfail + 1))
	elif [ -n "$why" ]; then
		log "$p: $reason"
		echo "ok $n $p # SKIP XFAIL: $why"
	else
		echo "not ok $n $p # $reason"
		nfail=$((nfail + 1))
	fi
done 3<"$tmp/list"
log "$n programs in $(($(date +%s) - t0))s"

# Let what failed programs left behind finish, so that the module is as
# we found it; a reference that never goes is for run.sh's teardown to
# report.
if [ "$NSCTP_MODE" != intree ] && [ "$(refs)" -gt "$refs0" ]; then
	log "waiting for associations left by failed programs to end ($(refs) module references, $refs0 before)"
	w=0
	while [ "$(refs)" -gt "$refs0" ] && [ $w -lt 60 ]; do
		sleep 1
		w=$((w + 1))
	done
	log "after ${w}s: $(refs) module references"
fi

[ "$nfail" -eq 0 ] || exit "$KSFT_FAIL"
exit "$KSFT_PASS"
