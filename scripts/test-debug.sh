#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test-debug.sh ('make test-debug'): every selftest in a guest booted on
# the debug kernel (KASAN, KFENCE, UBSAN, lockdep, kmemleak...; see
# scripts/debug-kernel.config). Steps, each counted:
#   kernel    scripts/debug-kernel.sh: build the kernel, or take it from
#             the cache (about 50 minutes the first time)    1 test
#   modules   nsctp.ko (W=1, KCOV_INSTRUMENT=y) and the selftest modules
#             built against it in .build-debug/, a copy of Kbuild, dkms.conf, net/,
#             include/ and selftests/modules: the normal build in the
#             tree stays as it is                            1 test
#   progs     the selftest programs (make -C selftests)      1 test
#   guest     selftests/run.sh's default list in a guest on the debug
#             kernel (scripts/test-debug-guest.sh)           run.sh's count
#   kmemleak  after rmmod nsctp, no leak of nsctp's          1 test
#   console   the guest console holds no KASAN, KFENCE, UBSAN, lockdep,
#             WARNING, BUG, Oops or hung-task report, and shows KASAN
#             and kmemleak at work                           1 test
# The last line is "N passed, N failed". Logs: selftests/out/logs/
# test-debug-{kernel,modules,progs}.log and test-debug-console.log (the
# whole guest console, kmemleak's report included).
#
# NSCTP_DEBUG_MEM (2048) and NSCTP_DEBUG_TIMEOUT (5400) set the guest's
# memory (MB) and its time bound (s). Exit status 1 on any failure.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/selftests/out/logs
bdir=$top/.build-debug
make=${MAKE:-make}
mem=${NSCTP_DEBUG_MEM:-2048}
tmo=${NSCTP_DEBUG_TIMEOUT:-5400}
console=$logs/test-debug-console.log
passed=0
failed=0
skipped=0
failures=()

# What fails the run on the console, beyond selftests/lib.sh's list
# (which run.sh and run-vm.sh apply too): the debug options' reports.
bad_re='KASAN|KFENCE|UBSAN|possible circular locking|inconsistent lock state'
bad_re+='|suspicious RCU usage|sleeping function called|possible recursive locking'
bad_re+='|DEBUG_LOCKS_WARN_ON|ODEBUG: .*object type|WARNING:|BUG:|Oops'
bad_re+='|general protection'
bad_re+='|kernel BUG|Kernel panic|refcount_t:|list_(add|del) corruption'
bad_re+='|hung_task|blocked for more than'

count() {
	passed=$((passed + $1))
	failed=$((failed + $2))
	skipped=$((skipped + ${3:-0}))
}

# step NAME TIMEOUT CMD...: run CMD with its output in the step's log,
# one status line, the log's tail when it fails; counts one test.
step() {
	local name=$1 tmo=$2 start st
	shift 2
	start=$SECONDS
	timeout -k 10 "$tmo" "$@" </dev/null >"$logs/test-debug-$name.log" 2>&1
	st=$?
	[ $st -ne 124 ] || echo "test-debug: $name: TIMEOUT after ${tmo}s" >>"$logs/test-debug-$name.log"
	printf 'test-debug: %-9s %s (%ss)\n' "$name" \
		"$([ $st -eq 0 ] && echo ok || echo "FAILED ($st)")" $((SECONDS - start))
	if [ $st -ne 0 ]; then
		tail -n 40 "$logs/test-debug-$name.log" | sed 's/^/    | /'
		failures+=("$name")
		count 0 1
	else
		count 1 0
	fi
	return $st
}

finish() {
	[ ${#failures[@]} -eq 0 ] || echo "test-debug: failed: ${failures[*]}"
	echo "test-debug: $skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# The modules, built in a copy of the sources against the debug tree.
build_modules() {
	local kdir=$1
	mkdir -p "$bdir"
	rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
		"$top/Kbuild" "$top/dkms.conf" "$top/net" "$top/include" "$bdir/"
	mkdir -p "$bdir/selftests"
	rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
		"$top/selftests/modules" "$bdir/selftests/"
	$make -C "$kdir/src" M="$bdir" W=1 KCOV_INSTRUMENT=y modules &&
		$make -C "$kdir/src" M="$bdir/selftests/modules" modules &&
		modinfo "$bdir/nsctp.ko"
}

build_progs() {
	local ksrc
	ksrc=$("$top/scripts/ksrc.sh") &&
		$make -C "$top/selftests" KSFT_DIR="$ksrc/tools/testing/selftests"
}

# The console's problems, outside kmemleak's report (which prints
# backtraces) and run.sh's echo of dmesg (the same lines again).
console_check() {
	local bad ok=0
	bad=$(grep -v -e '^test-debug: kmemleak| ' -e '^# kernel: ' "$console" |
		grep -E "$bad_re" | grep -vE 'taints kernel|tainting kernel')
	if [ -n "$bad" ]; then
		echo "kernel problems on the console:"
		echo "$bad"
		ok=1
	fi
	# proof that the checks above could have fired
	grep -q 'KernelAddressSanitizer initialized' "$console" ||
		{ echo "no 'KernelAddressSanitizer initialized' on the console"; ok=1; }
	grep -q '^test-debug: kmemleak: ' "$console" ||
		{ echo "no kmemleak verdict on the console"; ok=1; }
	return $ok
}

main() {
	local t0=$SECONDS kdir p f s st start
	mkdir -p "$logs"
	echo "test-debug: kernel: scripts/debug-kernel.sh (log in the cache dir, build.log)"
	step kernel 10800 "$top/scripts/debug-kernel.sh" || finish
	kdir=$(tail -n 1 "$logs/test-debug-kernel.log")
	echo "test-debug: kernel $(cat "$kdir/kernelrelease") in $kdir"
	step modules 1800 "$0" --build-modules "$kdir" || finish
	step progs 1800 "$0" --build-progs || finish

	rm -f "$console"
	start=$SECONDS
	"$top/selftests/vm/run-vm.sh" --kernel "$kdir" --ko-dir "$bdir" \
		--mem "$mem" --timeout "$tmo" --log "$console" \
		--script "$top/scripts/test-debug-guest.sh" </dev/null \
		>"$logs/test-debug-guest.log" 2>&1
	st=$?
	echo "test-debug: guest     exit $st ($((SECONDS - start))s); console $console"
	read -r p f s < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
		"$console" 2>/dev/null | tail -n 1)
	if [ -z "${p:-}" ]; then
		echo "test-debug: guest: no 'N passed, N failed' summary"
		tail -n 40 "$logs/test-debug-guest.log" | sed 's/^/    | /'
		p=0 f=1 s=0
	fi
	grep '^not ok' "$console" | sed 's/^/    | /'
	echo "test-debug: guest: $p passed, $f failed, $s skipped"
	count "$p" "$f" "$s"
	[ "$f" -eq 0 ] || failures+=(guest)

	if grep -q '^test-debug: kmemleak: ok' "$console"; then
		echo "test-debug: kmemleak  ok"
		count 1 0
	else
		echo "test-debug: kmemleak  FAILED"
		grep '^test-debug: kmemleak' "$console" | sed 's/^/    | /'
		count 0 1
		failures+=(kmemleak)
	fi
	if console_check >"$logs/test-debug-consolecheck.log"; then
		echo "test-debug: console   ok"
		count 1 0
	else
		echo "test-debug: console   FAILED"
		sed 's/^/    | /' "$logs/test-debug-consolecheck.log"
		count 0 1
		failures+=(console)
	fi
	# a guest that failed with every count clean (timeout, panic)
	if [ $st -ne 0 ] && [ ${#failures[@]} -eq 0 ]; then
		tail -n 20 "$logs/test-debug-guest.log" | sed 's/^/    | /'
		count 0 1
		failures+=(guest-exit)
	fi
	echo "test-debug: total $((SECONDS - t0))s"
	finish
}

# the steps timeout(1) runs: this script again
case ${1:-} in
--build-modules) build_modules "$2"; exit ;;
--build-progs) build_progs; exit ;;
esac
main "$@"
