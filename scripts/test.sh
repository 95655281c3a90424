#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh ('make test'): everything, in order, each step with a bound on
# its time. The LAST line, "N passed, N failed", counts nsctp's own tests
# only:
#   modules     make modules                              1 test
#   check       make check (sparse, checkpatch)            1 test
#   package     make package-check: the .debs and a dkms   1 test
#               build (scripts/package.sh check)
#   tools-test  make tools-test: unit tests under tools/   its "N passed, N failed"
#   fuzz        make fuzz: each libFuzzer target for       1 test per target
#               FUZZ_SECONDS (60), sanitizers fatal
#   selftests   make selftests                             1 test
#   guest       selftests in a QEMU guest with nsctp       run.sh's count
#   interop     nsctp and sctp.ko guests over a wire       interop.sh's count
#               (interop.sh --pair nsctp)
#   logcheck    a WARN in a guest fails the run            1 test
# Two validation runs check the tests and the test bed against Debian's
# in-tree sctp.ko; they never run nsctp, so they print their own line
# ("intree validation: N passed, N failed, N skipped") before the last
# one and are not in it. A failure there still fails the run:
#   intree      the selftests against sctp.ko              run.sh's count
#   interop-ref the interop scenarios, sctp.ko on both ends (interop.sh --pair ref)
# "test: N skipped" (nsctp's own skips) comes just before the last line.
#
# NSCTP_TEST_STEPS="check fuzz ..." runs only the steps named (modules
# and selftests still gate what depends on them when they run);
# NSCTP_TEST_INTREE=0 and NSCTP_TEST_INTEROP=0 leave out intree and both
# interop steps. A failed build stops what depends on it (counted as one
# failure). Full output of each step: selftests/out/logs/test-STEP.log;
# guest consoles: selftests/out/logs/test-{guest,intree}-console.log.
# Exit status 1 on any failure, in nsctp's steps or the validation runs.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/selftests/out/logs
make=${MAKE:-make}
all_steps="modules check package tools-test fuzz selftests guest intree interop interop-ref logcheck"
steps=${NSCTP_TEST_STEPS:-$all_steps}
# nsctp's own count (the last line)
passed=0
failed=0
skipped=0
# the validation runs against sctp.ko: one line each, and failures
vlines=()
vfailed=0
failures=()

cd "$top" || exit 1
mkdir -p "$logs"

for s in $steps; do
	[[ " $all_steps " == *" $s "* ]] || {
		echo "test: unknown step '$s' in NSCTP_TEST_STEPS (steps: $all_steps)" >&2
		exit 2
	}
done

# want STEP: is STEP one of the steps to run?
want() {
	[[ " $steps " == *" $1 "* ]]
}

count() {
	passed=$((passed + $1))
	failed=$((failed + $2))
	skipped=$((skipped + ${3:-0}))
}

# validation NAME P F S: a validation run's count, on its own line.
validation() {
	vlines+=("$1 validation: $2 passed, $3 failed, $4 skipped")
	vfailed=$((vfailed + $3))
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
	printf 'test: %-11s %s (%ss)\n' "$name" "$([ $st -eq 0 ] && echo ok || echo "FAILED ($st)")" \
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
	sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p' "$1" 2>/dev/null |
		tail -n 1
}

# counted own|validation NAME LOG TIMEOUT CMD...: a step whose LOG ends
# with its own summary line; own steps add it to nsctp's count, the
# validation runs get a line of their own. A failing step whose summary
# shows no failure (crash, timeout, host-side log check) adds one.
counted() {
	local kind=$1 name=$2 log=$3 st p f s
	shift 3
	step "$name" "$@"
	st=$?
	read -r p f s < <(summary_of "$log")
	if [ -z "${p:-}" ]; then
		echo "test: $name: no 'N passed, N failed' summary"
		p=0 f=1 s=0
	elif [ $st -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	s=${s:-0}
	echo "test: $name: $p passed, $f failed, $s skipped"
	if [ "$kind" = own ]; then
		count "$p" "$f" "$s"
	else
		validation "$name" "$p" "$f" "$s"
	fi
}

# guest own|validation NAME [RUN-VM ARGS]: the selftests in a guest.
guest() {
	local kind=$1 name=$2
	shift 2
	# no summary left from an earlier run if this one writes none
	rm -f "$logs/test-$name-console.log"
	counted "$kind" "$name" "$logs/test-$name-console.log" 1800 \
		"$top/selftests/vm/run-vm.sh" --timeout 1500 \
		--log "$logs/test-$name-console.log" "$@"
}

finish() {
	local l
	[ ${#failures[@]} -eq 0 ] || echo "test: failed steps: ${failures[*]}"
	for l in "${vlines[@]}"; do
		echo "$l"
	done
	[ "$vfailed" -eq 0 ] ||
		echo "test: a validation run against sctp.ko failed: the run fails (not counted below)"
	echo "test: $skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$vfailed" -eq 0 ]
	exit
}

main() {
	local t0=$SECONDS
	local fuzz_tmo=$((${FUZZ_SECONDS:-60} * 8 + 900))
	local intree=${NSCTP_TEST_INTREE:-1} interop=${NSCTP_TEST_INTEROP:-1}
	if want modules; then
		single modules 900 "$make" modules || finish
	fi
	if want check; then
		single check 900 "$make" check
	fi
	if want package; then
		single package 900 "$make" package-check
	fi
	if want tools-test; then
		counted own tools-test "$logs/test-tools-test.log" 900 "$make" tools-test
	fi
	if want fuzz; then
		counted own fuzz "$logs/test-fuzz.log" "$fuzz_tmo" "$make" fuzz
	fi
	if want selftests; then
		single selftests 900 "$make" selftests || finish
	fi
	if want guest; then
		guest own guest
	fi
	if want intree && [ "$intree" != 0 ]; then
		guest validation intree --intree
	fi
	if want interop && [ "$interop" != 0 ]; then
		counted own interop "$logs/test-interop.log" 900 \
			"$top/selftests/vm/interop.sh" --no-build --timeout 500 --pair nsctp
	fi
	if want interop-ref && [ "$interop" != 0 ]; then
		counted validation interop-ref "$logs/test-interop-ref.log" 900 \
			"$top/selftests/vm/interop.sh" --no-build --timeout 500 --pair ref
	fi
	if want logcheck; then
		single logcheck 600 "$top/selftests/vm/logcheck-test.sh"
	fi
	echo "test: total $((SECONDS - t0))s"
	finish
}

main "$@"
