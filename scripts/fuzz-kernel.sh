#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz-kernel.sh: fuzz nsctp in a guest kernel ('make fuzz-kernel').
#
# Boots one QEMU guest (selftests/vm/run-vm.sh), loads nsctp, runs the
# syscall fuzzer (selftests/out/helpers/nsctp_sysfuzz) for the duration
# with the seed, and the packet fuzzer alongside with the same seed when
# one is built (selftests/out/helpers/nsctp_pktfuzz, -s SEED -t SECONDS,
# in a network namespace of its own behind TUN/TAP devices);
# then unloads nsctp, which must succeed once the fuzzers have exited
# (every socket closed) within FUZZ_RMMOD_SECONDS, leave no nsctp slab cache behind, and checks the
# kernel log. Each of these is one test; the last line is
# "N passed, N failed".
#
# Parameters (environment, or the make variables of the same name):
#   FUZZ_KERNEL_SECONDS  how long the fuzzers run (300)
#   FUZZ_SEED            the seed (default: from the time; printed)
#   FUZZ_THREADS         syscall fuzzer threads (4)
#   FUZZ_VERBOSE=1       the syscall fuzzer logs every call (-v) to the
#                        console: slow, for reproducing a finding
#   FUZZ_KERNEL_DIR      a kernel to boot instead of Debian's (a debug
#                        build; needs run-vm.sh --kernel); nsctp must be
#                        built against it (NSCTP_KO=path/to/nsctp.ko)
#   FUZZ_RMMOD_SECONDS   how long after the fuzzer's exit rmmod nsctp may
#                        still be refused (330: T5, the shutdown guard of
#                        5 x RTO.Max = 300 s, and 30 s; a socket closed
#                        gracefully towards a peer that is gone keeps its
#                        association shutting down that long, RFC 9260
#                        §9.2, as the in-tree module does)
#   FUZZ_MEM             the guest's memory in MB (run-vm.sh's 1024; 2048
#                        with FUZZ_KERNEL_DIR: KASAN's shadow and
#                        quarantine)
#   FUZZ_LOG             the console log (selftests/out/logs/fuzz-kernel-...)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_KERNEL_SECONDS:-300}
seed=${FUZZ_SEED:-}
threads=${FUZZ_THREADS:-4}
verbose=${FUZZ_VERBOSE:-0}
kdir=${FUZZ_KERNEL_DIR:-}
rmmod_secs=${FUZZ_RMMOD_SECONDS:-330}
mem=${FUZZ_MEM:-}
if [ -z "$mem" ] && [ -n "$kdir" ]; then
	mem=2048
fi
[ -n "$seed" ] || seed=$(( $(date +%s) * 1000 + $$ % 1000 ))
case $secs$seed$threads$rmmod_secs$mem in
*[!0-9]*) echo "fuzz-kernel: FUZZ_KERNEL_SECONDS, FUZZ_SEED, FUZZ_THREADS, FUZZ_RMMOD_SECONDS, FUZZ_MEM: numbers" >&2; exit 2 ;;
esac
log=${FUZZ_LOG:-$top/selftests/out/logs/fuzz-kernel-$(date +%Y%m%d-%H%M%S)-$seed.log}

sysfuzz=$top/selftests/out/helpers/nsctp_sysfuzz
if [ ! -x "$sysfuzz" ]; then
	echo "fuzz-kernel: no $sysfuzz (run 'make selftests')" >&2
	exit 2
fi
vm_args=()
if [ -n "$kdir" ]; then
	if ! grep -q -- '--kernel' "$top/selftests/vm/run-vm.sh"; then
		echo "fuzz-kernel: FUZZ_KERNEL_DIR set, but run-vm.sh has no --kernel" >&2
		exit 2
	fi
	vm_args+=(--kernel "$kdir")
fi
[ -z "$mem" ] || vm_args+=(--mem "$mem")

kname=$kdir
[ -n "$kname" ] || kname="Debian $("$top/scripts/kver.sh")"
echo "fuzz-kernel: seed $seed, $secs s, $threads threads, kernel $kname"

# The job, run by the guest's /init in /nsctp with nothing loaded. Each
# check prints one "fuzz-kernel: RESULT name ok|fail [why]" line.
job=$(mktemp)
trap 'rm -f "$job"' EXIT
{
	echo "#!/bin/sh"
	echo "SEED=$seed SECS=$secs THREADS=$threads VERBOSE=$verbose RMMOD_SECS=$rmmod_secs"
	cat <<'EOF'
NSCTP_TOP=/nsctp
export NSCTP_TOP
. /nsctp/selftests/lib.sh
out=/nsctp/selftests/out/helpers
# kernel problems beyond run.sh's list: lockdep, KFENCE, kmemleak, stalls
bad="$NSCTP_LOG_BAD|KFENCE|kmemleak|unreferenced object|possible circular locking|inconsistent lock state|possible recursive locking|suspicious RCU usage|self-detected stall|detected stalls|soft lockup|hard LOCKUP|page allocation failure|Call Trace"
res() { echo "fuzz-kernel: RESULT $*"; }
kmsg_mark "fuzz-kernel: start"
nsctp_insmod || { res load fail "insmod nsctp failed"; exit 1; }
echo "fuzz-kernel: nsctp loaded on $(uname -r)"
v=
[ "$VERBOSE" = 1 ] && v=-v
pkt=
if [ -x $out/nsctp_pktfuzz ]; then
	# TUN/TAP devices (the module may not be loaded yet)
	[ -e /dev/net/tun ] || modprobe -q tun 2>/dev/null || true
	# in a network namespace of its own; it bounds itself too
	timeout -s KILL $((SECS + 240)) $out/nsctp_pktfuzz -s "$SEED" -t "$SECS" &
	pkt=$!
fi
# the fuzzer bounds its own calls; this only catches a hang of its exit
timeout -s KILL $((SECS + 240)) $out/nsctp_sysfuzz -s "$SEED" -t "$SECS" -j "$THREADS" $v
rc=$?
if [ $rc = 0 ]; then res sysfuzz ok; else res sysfuzz fail "exit status $rc"; fi
if [ -n "$pkt" ]; then
	wait $pkt
	rc=$?
	if [ $rc = 0 ]; then res pktfuzz ok; else res pktfuzz fail "exit status $rc"; fi
fi
# Every socket is closed now. Associations that were shutting down end
# within a few round trips on loopback, but those towards the packet
# fuzzer's peers (gone with its devices) retransmit SHUTDOWN until the
# shutdown guard T5 (5 x RTO.Max = 300 s) aborts them: allow RMMOD_SECS
# (330); wait longer (up to 420 s) only to tell a late unload from a
# leak. While refused, show what is left.
snmp() {
	grep -E 'CurrEstab|Expireds|Aborteds|Shutdowns' /proc/net/sctp/snmp 2>/dev/null |
		awk '$2 != 0 { printf "%s=%s ", $1, $2 } END { print "" }'
}
echo "fuzz-kernel: after the fuzzer: $(grep '^nsctp ' /proc/modules | cut -d' ' -f3) references; $(snmp)"
t0=$(date +%s)
last=$t0
while ! rmmod nsctp 2>/dev/null; do
	module_loaded nsctp || break
	now=$(date +%s)
	[ $((now - t0)) -lt 420 ] || break
	if [ $((now - last)) -ge 30 ]; then
		last=$now
		echo "fuzz-kernel: rmmod refused for $((now - t0)) s: $(grep '^nsctp ' /proc/modules | cut -d' ' -f3) references; $(snmp)"
	fi
	sleep 0.5
done
took=$(( $(date +%s) - t0 ))
if module_loaded nsctp; then
	grep '^nsctp ' /proc/modules
	nsctp_slabs
	res rmmod fail "nsctp still loaded $took s after every socket was closed"
elif [ -n "$(nsctp_slabs)" ]; then
	nsctp_slabs
	res rmmod fail "nsctp slab caches left after rmmod"
elif [ $took -gt "$RMMOD_SECS" ]; then
	res rmmod fail "rmmod refused for $took s after every socket was closed (limit $RMMOD_SECS s), then succeeded"
else
	res rmmod ok "after $took s"
fi
found=$(dmesg_since "fuzz-kernel: start" | grep -E "$bad" | grep -vE 'taints kernel|tainting kernel' || true)
if [ -n "$found" ]; then
	echo "$found" | sed 's/^/fuzz-kernel: kernel: /'
	res kernel-log fail "kernel problems in dmesg"
else
	res kernel-log ok
fi
exit 0
EOF
} >"$job"

set +e
"$top/selftests/vm/run-vm.sh" --script "$job" --timeout $((secs + 900)) \
	--log "$log" "${vm_args[@]}"
vmrc=$?
set -e

passed=0
failed=0
for t in sysfuzz pktfuzz rmmod kernel-log; do
	line=$(grep -a "^fuzz-kernel: RESULT $t " "$log" | tail -n1 || true)
	if [ -z "$line" ]; then
		[ "$t" = pktfuzz ] && continue
		echo "fuzz-kernel: not ok $t (no result: the guest died or timed out, run-vm exit $vmrc)"
		failed=$((failed + 1))
	elif [ "$(echo "$line" | cut -d' ' -f4)" = ok ]; then
		echo "fuzz-kernel: ok $t${line#*RESULT "$t" ok}"
		passed=$((passed + 1))
	else
		echo "fuzz-kernel: not ok $t${line#*RESULT "$t" fail}"
		failed=$((failed + 1))
	fi
done
# run-vm.sh scanned the whole console on the host as well (what the guest
# could not report: a panic, a problem after its own check)
if [ $vmrc != 0 ] && [ $failed = 0 ]; then
	echo "fuzz-kernel: not ok console (run-vm.sh exit $vmrc: see $log)"
	failed=$((failed + 1))
fi
grep -a -E '^(fuzz-kernel: kernel: |sysfuzz: (seed|thread|FAIL|[0-9]+ desc)|pktfuzz: (seed|setup|SCTP|mutated|server|kcov|no kcov|mib))' "$log" || true
echo "fuzz-kernel: seed $seed, $secs s, log $log"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
