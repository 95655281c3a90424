#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# logcheck-test.sh: prove that the test bed fails a run whose kernel log
# has a WARNING, and passes a clean one. Two guests:
#   clean: run.sh --whole-log --logcheck-only   -> run-vm.sh exits 0
#   warn:  run.sh with one shell test that loads nsctp_test_warn.ko (a
#          WARN(1) at init) and exits 0          -> run-vm.sh exits non-zero
# In the warn guest both checks must fire on their own: run.sh's dmesg
# scan inside the guest (the test passes, the kernel-log check fails) and
# run-vm.sh's scan of the serial console.
# Needs 'make selftests' (nsctp_test_warn.ko). Exit 0 when all holds.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
logs=$top/selftests/out/logs
warn_ko=selftests/modules/nsctp_test_warn.ko
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

bad() {
	echo "logcheck-test: FAIL: $*"
	failures=$((failures + 1))
}

# guest NAME SCRIPT-BODY: boot a guest running the script; sets $st and
# leaves run-vm.sh's own output in $tmp/NAME.out, the console in $logs.
guest() {
	printf '#!/bin/sh\n%s\n' "$2" >"$tmp/$1.sh"
	set +e
	"$top/selftests/vm/run-vm.sh" --script "$tmp/$1.sh" --timeout 180 \
		--log "$logs/logcheck-$1.log" >"$tmp/$1.out" 2>&1
	st=$?
	set -e
	grep '^run-vm:' "$tmp/$1.out" | sed "s/^/  $1: /"
}

[ -f "$top/$warn_ko" ] || { echo "logcheck-test: no $warn_ko (run 'make selftests')"; exit 1; }

guest clean "selftests/run.sh --whole-log --logcheck-only"
[ $st -eq 0 ] || bad "clean guest: run-vm.sh exit $st, expected 0"
grep -q '^ok 1 kernel log clean' "$logs/logcheck-clean.log" ||
	bad "clean guest: run.sh did not report a clean log"
grep -q '^1 passed, 0 failed' "$logs/logcheck-clean.log" ||
	bad "clean guest: run.sh's summary is not '1 passed, 0 failed'"

guest warn "printf 'insmod /nsctp/$warn_ko\n' >/tmp/warn.sh
echo /tmp/warn.sh >/tmp/warn.list
selftests/run.sh --preloaded --list /tmp/warn.list"
[ $st -ne 0 ] || bad "warn guest: run-vm.sh exit 0 despite a WARNING"
grep -q 'nsctp_test_warn: deliberate warning' "$logs/logcheck-warn.log" ||
	bad "warn guest: the deliberate WARN is not on the console"
grep -q '^ok 1 /tmp/warn.sh' "$logs/logcheck-warn.log" ||
	bad "warn guest: the test that loads the module did not pass"
grep -q '^not ok 2 kernel log' "$logs/logcheck-warn.log" ||
	bad "warn guest: run.sh's own dmesg check did not fail"
grep -q '^1 passed, 1 failed' "$logs/logcheck-warn.log" ||
	bad "warn guest: run.sh's summary is not '1 passed, 1 failed'"
grep -q '^run-vm:   \[.*WARNING: ' "$tmp/warn.out" ||
	bad "warn guest: the host-side console scan did not fire"

if [ $failures -ne 0 ]; then
	echo "logcheck-test: $failures check(s) failed"
	exit 1
fi
echo "logcheck-test: a WARN fails the run, a clean guest passes: ok"
