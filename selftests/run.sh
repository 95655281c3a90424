#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The one entry point for nsctp's selftests: the QEMU test bed, virtme-ng
# and a root shell on a test machine all run this.
#
#   run.sh [--preloaded | --intree] [--list FILE] [-t TEST]... [--whole-log]
#          [--logcheck-only]
#
# It loads nsctp from the checkout (after the modules it depends on), or
# Debian's sctp.ko with --intree (nsctp-specific tests then skip), or
# nothing with --preloaded; brings lo up; runs every test in
# out/tests.list (written by 'make -C selftests'); then unloads nsctp (a
# leaked reference or object fails here) and scans the kernel log for
# warnings: from its own start on, or the whole log with --whole-log (for
# fresh guests, where every line is ours). Output is kselftest TAP with a trailing plan, and the last line
# is "N passed, N failed, N skipped". Exit status 1 on any failure.
#
# Counting: each kselftest_harness case (TEST/TEST_F x variant) is one
# test, each shell test is one, and so are the teardown and the log check.
# A shell test with a line "# nsctp-selftest: tap" prints TAP of its own
# (a plan, "ok N NAME", "ok N NAME # SKIP WHY", "not ok N NAME"): each of
# its lines is one test (packetdrill/nsctp_packetdrill.sh: one a script;
# func_tests/nsctp_func_tests.sh: one a program).
set -u

here=$(cd "$(dirname "$0")" && pwd)
NSCTP_TOP=$(cd "$here/.." && pwd)
export NSCTP_TOP
# shellcheck source=selftests/lib.sh
. "$here/lib.sh"
export NSCTP_KO NSCTP_MODE NSCTP_ENV NSCTP_OUT

list=$NSCTP_OUT/tests.list
only=
load=nsctp
logcheck_only=0
whole_log=0

usage() {
	echo "usage: $0 [--preloaded|--intree] [--list FILE] [-t TEST]... [--whole-log] [--logcheck-only]" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--preloaded) load=none ;;
	--intree) load=intree; NSCTP_MODE=intree ;;
	--list) [ $# -ge 2 ] || usage; list=$2; shift ;;
	-t) [ $# -ge 2 ] || usage; only="$only $2"; shift ;;
	--logcheck-only) logcheck_only=1 ;;
	--whole-log) whole_log=1 ;;
	*) usage ;;
	esac
	shift
done

timeout_secs=$(sed -n 's/^timeout=//p' "$here/settings" 2>/dev/null)
: "${timeout_secs:=300}"
state=$(mktemp)
trap 'rm -f "$state"' EXIT
num=0
passed=0
failed=0
skipped=0

# result ok|fail|skip NAME [REASON]
result() {
	num=$((num + 1))
	case $1 in
	ok) passed=$((passed + 1)); echo "ok $num $2" ;;
	skip) skipped=$((skipped + 1)); echo "ok $num $2 # SKIP ${3:-}" ;;
	*) failed=$((failed + 1)); echo "not ok $num $2${3:+ # $3}" ;;
	esac
}

# Read a test's output (ending with a "__nsctp_rc=N" line appended by the
# caller) on stdin, echo it as TAP comments and, for a kselftest_harness
# program ($1 = harness) or a TAP shell test ($1 = tap), turn each of its
# own ok/not ok lines into one of ours, numbered from $2. Writes "count passed failed skipped rc
# lastskip" to $3.
tap_filter() {
	awk -v kind="$1" -v base="$2" -v st="$3" -v prog="$4" '
	function emit(s, what, why) {
		n++
		if (s == "ok") { p++; print "ok " base + n " " prog ": " what }
		else if (s == "skip") { k++; print "ok " base + n " " prog ": " what " # SKIP " why }
		else { f++; print "not ok " base + n " " prog ": " what (why != "" ? " # " why : "") }
	}
	/^__nsctp_rc=/ { rc = substr($0, 12) + 0; next }
	{ print "# " $0; fflush() }
	/^# SKIP: / { lastskip = substr($0, 9) }
	kind != "harness" && kind != "tap" { next }
	/^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0; next }
	kind == "tap" && /^not ok [0-9]+ / {
		sub(/^not ok [0-9]+ /, ""); what = $0; why = ""
		if (match(what, / # /)) { why = substr(what, RSTART + 3); what = substr(what, 1, RSTART - 1) }
		emit("fail", what, why); next
	}
	kind == "tap" && /^ok [0-9]+ .* # SKIP/ {
		sub(/^ok [0-9]+ /, ""); what = $0
		match(what, / # SKIP ?/); why = substr(what, RSTART + RLENGTH)
		emit("skip", substr(what, 1, RSTART - 1), why); next
	}
	kind == "tap" && /^ok [0-9]+ / { sub(/^ok [0-9]+ /, ""); emit("ok", $0, ""); next }
	kind == "tap" { next }
	/^#  RUN / { name = $3; next }
	/^ok [0-9]+ # SKIP/ { sub(/^ok [0-9]+ # SKIP ?/, ""); emit("skip", name, $0); next }
	/^ok [0-9]+ / { sub(/^ok [0-9]+ /, ""); emit("ok", $0, ""); next }
	/^not ok [0-9]+ / { sub(/^not ok [0-9]+ /, ""); emit("fail", $0, ""); next }
	END {
		if (kind == "harness" && n == 0 && rc == 4) {
			emit("skip", "all", "program skipped")
		} else if (kind == "tap" && n == 0 && rc == 4) {
			emit("skip", "all", lastskip != "" ? lastskip : "skipped")
		} else if (kind == "harness" || kind == "tap") {
			for (i = n; i < plan; i++)
				emit("fail", "case " i + 1 " of " plan, "did not report (exit status " rc ")")
			if (f == 0 && rc != 0)
				emit("fail", "program", "exit status " rc)
		}
		fflush()
		print n + 0, p + 0, f + 0, k + 0, rc + 0, lastskip > st
	}'
}

# run_test NAME: one entry of the list.
run_test() {
	name=$1
	case $name in
	/*.sh) kind=shell; cmd=$name ;;
	*.sh) kind=shell; cmd="$here/$name" ;;
	*) kind=harness; cmd="$NSCTP_OUT/$name" ;;
	esac
	if [ ! -f "$cmd" ]; then
		result fail "$name" "missing $cmd (run 'make selftests')"
		return
	fi
	if [ $kind = shell ] && grep -q '^# nsctp-selftest: tap$' "$cmd"; then
		kind=tap
	fi
	echo "# $name"
	# /bin/sh by path: a busybox timeout would run its own ash for "sh",
	# whose applets shadow the real ip, tc and modprobe.
	if [ $kind != harness ]; then
		{ timeout "$timeout_secs" /bin/sh "$cmd"; echo "__nsctp_rc=$?"; } 2>&1 |
			tap_filter $kind "$num" "$state" "$name"
	else
		{ timeout "$timeout_secs" "$cmd"; echo "__nsctp_rc=$?"; } 2>&1 |
			tap_filter harness "$num" "$state" "$name"
	fi
	read -r n p f k rc why <"$state"
	if [ $kind != shell ]; then
		num=$((num + n)); passed=$((passed + p))
		failed=$((failed + f)); skipped=$((skipped + k))
		return
	fi
	case $rc in
	0) result ok "$name" ;;
	"$KSFT_SKIP") result skip "$name" "$why" ;;
	124|143) result fail "$name" "timed out after ${timeout_secs}s" ;;
	*) result fail "$name" "exit status $rc" ;;
	esac
}

selected() {
	[ -z "$only" ] && return 0
	for _sel in $only; do
		[ "$_sel" = "$1" ] && return 0
	done
	return 1
}

# Returns non-zero when the SCTP module of this mode could not be loaded.
setup() {
	ip link set lo up 2>/dev/null || log "could not bring lo up"
	# Tests open /dev/net/tun; without udev or kmod static-nodes (some
	# minimal guests) the node only appears once tun is loaded.
	[ -e /dev/net/tun ] || modprobe -q tun 2>/dev/null || true
	NSCTP_LOADED_BY_RUNNER=0
	case $load in
	nsctp)
		[ -f "$NSCTP_KO" ] || { log "no $NSCTP_KO"; return 1; }
		if module_loaded nsctp; then
			log "nsctp already loaded, using it"
		else
			nsctp_insmod || return 1
			NSCTP_LOADED_BY_RUNNER=1
		fi
		;;
	intree)
		module_loaded nsctp && nsctp_rmmod
		modprobe sctp || return 1
		;;
	esac
	export NSCTP_LOADED_BY_RUNNER
}

# Unloading after the tests proves nothing kept a module reference, and
# makes kmem_cache_destroy report leaked objects into the log we check.
teardown() {
	[ "$NSCTP_LOADED_BY_RUNNER" = 1 ] || return 0
	if ! nsctp_rmmod; then
		result fail "teardown" "rmmod nsctp failed: a reference leaked"
		return
	fi
	left=$(nsctp_slabs)
	if [ -n "$left" ]; then
		echo "$left" | sed 's/^/# /'
		result fail "teardown" "nsctp slab caches left after rmmod"
		return
	fi
	result ok "teardown: rmmod nsctp, no caches left"
}

logcheck() {
	if [ $whole_log = 1 ]; then
		bad=$(dmesg | log_scan)
	else
		bad=$(dmesg_since "$mark" | log_scan)
	fi
	if [ -n "$bad" ]; then
		echo "$bad" | sed 's/^/# kernel: /'
		result fail "kernel log" "warnings in dmesg"
	else
		result ok "kernel log clean"
	fi
}

mark="nsctp-selftests: start $$.$(date +%s)"
kmsg_mark "$mark"
echo "TAP version 13"
echo "# nsctp selftests on $(uname -r), mode $NSCTP_MODE, env $NSCTP_ENV"
NSCTP_LOADED_BY_RUNNER=0
if [ $logcheck_only = 0 ]; then
	setup || result fail "setup" "could not load the $load module"
	if [ -r "$list" ]; then
		# fd 3: the tests themselves get /dev/null as stdin
		while read -r t <&3; do
			[ -n "$t" ] && selected "$t" && run_test "$t" </dev/null
		done 3<"$list"
	else
		result fail "test list" "no $list (run 'make selftests')"
	fi
	teardown
fi
logcheck
kmsg_mark "nsctp-selftests: end"
echo "1..$num"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
