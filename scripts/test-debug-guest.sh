#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# test-debug-guest.sh: the guest's half of 'make test-debug'; the host half,
# scripts/test-debug.sh, runs it in a guest on the debug kernel
# (selftests/vm/run-vm.sh --kernel DIR --script this-file).
#
# 1. Every selftest: selftests/run.sh with its default list, the whole
#    kernel log checked; each test's timeout is the one of
#    selftests/settings times 3 (in the guest's copy): the debug kernel
#    is slower.
# 2. nsctp unloaded (run.sh's teardown does it; rmmod here if not).
# 3. kmemleak: two scans a few seconds apart (an object must be seen
#    unreferenced twice), then its report, every line printed with the
#    prefix "test-debug: kmemleak| ". A reported object is nsctp's when its
#    backtrace names nsctp or holds a raw module-space address: after rmmod
#    no module claims nsctp's (or the test modules') code any more, so
#    kmemleak can no longer name it; every module still loaded is named.
#    Any such object fails the run; so does a kmemleak that does not work.
#
# Prints "test-debug: kmemleak: ok|FAIL ..." for the host half to count.
# Exit status: run.sh's, or 1 when the leak check fails.
set -u

kml=/sys/kernel/debug/kmemleak
scale=3

cd /nsctp || exit 125
echo "test-debug: guest kernel $(uname -r)"

t=$(sed -n 's/^timeout=//p' selftests/settings)
sed -i "s/^timeout=.*/timeout=$((${t:-300} * scale))/" selftests/settings
echo "test-debug: per-test timeout $((${t:-300} * scale))s"
# and the cases that bound their own work by the clock (NSCTP_TIME_SCALE)
export NSCTP_TIME_SCALE=$scale

selftests/run.sh --whole-log
rc=$?

if grep -q '^nsctp ' /proc/modules; then
	echo "test-debug: nsctp still loaded after run.sh; rmmod"
	rmmod nsctp || { echo "test-debug: rmmod nsctp failed"; rc=1; }
fi

# Objects freed through RCU after rmmod are not leaks: let them go.
sleep 2

leak_check() {
	if ! [ -w $kml ]; then
		echo "test-debug: kmemleak: FAIL: no $kml (CONFIG_DEBUG_KMEMLEAK, debugfs)"
		return 1
	fi
	if ! echo scan >$kml; then
		echo "test-debug: kmemleak: FAIL: scan refused (kmemleak disabled itself?)"
		dmesg | grep -i kmemleak | tail -n 5
		return 1
	fi
	sleep 6
	echo scan >$kml || return 1
	cat $kml >/tmp/kmemleak.txt || return 1
	sed 's/^/test-debug: kmemleak| /' /tmp/kmemleak.txt
	awk '
		/^unreferenced object/ { n++; cur = n }
		cur && (/nsctp/ || /\] 0xffffffff[0-9a-f]+$/) { ours[cur] = 1 }
		END {
			m = 0
			for (i in ours)
				m++
			printf "%d %d\n", n, m
		}' /tmp/kmemleak.txt >/tmp/kmemleak.count
	read -r total ours </tmp/kmemleak.count
	if [ "$ours" -gt 0 ]; then
		echo "test-debug: kmemleak: FAIL: $ours of $total unreferenced objects are nsctp's"
		return 1
	fi
	echo "test-debug: kmemleak: ok: none of nsctp's ($total unreferenced objects in all)"
}

leak_check || rc=1
exit $rc
