#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh ('make test'): everything, in order, each step with a bound on
# its time, and ONE final line "N passed, N failed" summed over all:
#   build       make modules, make selftests            1 test each
#   check       make check (sparse, checkpatch)          1 test
#   tools-test  make tools-test, when tools/Makefile     its own "N passed, N failed"
#   guest       selftests in a QEMU guest with nsctp     run.sh's count
#   intree      the same selftests against sctp.ko       run.sh's count
#               (checks they encode the in-tree ABI; NSCTP_TEST_INTREE=0 skips)
#   interop     nsctp and sctp.ko guests over a wire     interop.sh's count
#               (NSCTP_TEST_INTEROP=0 skips)
#   logcheck    a WARN in a guest fails the run          1 test
# A failed build stops what depends on it (counted as one failure). Full
# output of each step: selftests/out/logs/test-STEP.log; guest consoles:
# selftests/out/logs/test-guest-*.log. Exit status 1 on any failure.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/selftests/out/logs
make=${MAKE:-make}
passed=0
failed=0
skipped=0
failures=()

cd "$top" || exit 1
mkdir -p "$logs"

count() {
	passed=$((passed + $1))
	failed=$((failed + $2))
	skipped=$((skipped + ${3:-0}))
}

# step NAME TIMEOUT CMD...: run CMD with its output in the step's log;
# prints one status line, and the log's tail when it fails.
step() {
	local name=$1 tmo=$2 start st
	shift 2
	start=$SECONDS
	timeout -k 10 "$tmo" "$@" </dev/null >"$logs/test-$name.log" 2>&1
	st=$?
	[ $st -ne 124 ] || echo "test: $name: TIMEOUT after ${tmo}s" >>"$logs/test-$name.log"
	printf 'test: %-10s %s (%ss)\n' "$name" "$([ $st -eq 0 ] && echo ok || echo "FAILED ($st)")" \
		$((SECONDS - start))
	if [ $st -ne 0 ]; then
		tail -n 40 "$logs/test-$name.log" | sed 's/^/    | /'
		failures+=("$name")
	fi
	return $st
}

# single NAME TIMEOUT CMD...: a step that counts as one test.
single() {
	if step "$@"; then
		count 1 0
	else
		count 0 1
		return 1
	fi
}

# The last "N passed, N failed[, N skipped]" line of a file, as "P F S".
summary_of() {
	sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p' "$1" |
		tail -n 1
}

# counted NAME LOG TIMEOUT CMD...: a step whose LOG ends with its own
# summary line. A failing step whose summary shows no failure (crash,
# timeout, host-side log check) adds one.
counted() {
	local name=$1 log=$2 st p f s
	shift 2
	step "$name" "$@"
	st=$?
	read -r p f s < <(summary_of "$log")
	if [ -z "${p:-}" ]; then
		echo "test: $name: no 'N passed, N failed' summary"
		count 0 1
		return
	fi
	count "$p" "$f" "${s:-0}"
	[ $st -eq 0 ] || [ "$f" -ne 0 ] || count 0 1
	echo "test: $name: $p passed, $f failed, ${s:-0} skipped"
}

guest() {
	local name=$1
	shift
	counted "$name" "$logs/test-$name-console.log" 1800 \
		"$top/selftests/vm/run-vm.sh" --timeout 1500 \
		--log "$logs/test-$name-console.log" "$@"
}

finish() {
	[ ${#failures[@]} -eq 0 ] || echo "test: failed steps: ${failures[*]}"
	echo "test: $skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

main() {
	local t0=$SECONDS
	single modules 900 "$make" modules || finish
	single check 900 "$make" check
	if [ -f tools/Makefile ]; then
		counted tools-test "$logs/test-tools-test.log" 900 "$make" tools-test
	fi
	single selftests 900 "$make" selftests || finish
	guest guest
	if [ "${NSCTP_TEST_INTREE:-1}" != 0 ]; then
		guest intree --intree
	fi
	if [ "${NSCTP_TEST_INTEROP:-1}" != 0 ]; then
		counted interop "$logs/test-interop.log" 1200 \
			"$top/selftests/vm/interop.sh" --no-build --timeout 500
	fi
	single logcheck 600 "$top/selftests/vm/logcheck-test.sh"
	echo "test: total $((SECONDS - t0))s"
	finish
}

main "$@"
