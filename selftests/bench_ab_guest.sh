#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench_ab_guest.sh -k BASE_KO [-r REPS] [-T SECS] [-H LIMIT] [-w WORKLOADS]
#
# One guest of 'bench.sh -P': two builds of nsctp in the same boot, taking
# turns. Each round loads one module, runs every workload once with SCTP
# (selftests/bench_guest.sh -r 1 -p sctp), unloads it, then does the same
# with the other; the order alternates from round to round (A B, B A,
# A B, ...), so that drift in the guest and noise on the host fall on
# both alike. A is this checkout's nsctp.ko ($NSCTP_KO), B is BASE_KO.
#
# Output: bench_guest.sh's lines, "BENCH W PROTO REP VALUE UNIT" renamed
# "BENCH-A ..." or "BENCH-B ..." with REP the round; "BENCH-DONE" last.
# (f), the slab per idle association, is left out: it needs a kernel in
# which no other workload ran before it. Unloading waits up to 30 s for
# associations still closing (nsctp_perf -N closes its (h) transfers
# without netem and waits for the SHUTDOWN COMPLETE, so none should).
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

base_ko=
reps=3
secs=5
hlim=45
works="a b a-w b-w c d e g h1 h2 h3"

while getopts k:r:T:H:w: o; do
	case $o in
	k) base_ko=$OPTARG ;;
	r) reps=$OPTARG ;;
	T) secs=$OPTARG ;;
	H) hlim=$OPTARG ;;
	w) works=$OPTARG ;;
	*) echo "usage: $0 -k BASE_KO [-r REPS] [-T SECS] [-H LIMIT] [-w WORKLOADS]" >&2
	   exit 2 ;;
	esac
done
[ -f "$base_ko" ] || { echo "bench-ab: no module $base_ko" >&2; exit 2; }

# one LABEL KO REP: a round of every workload with module KO
one() {
	_one_n=0
	while ! nsctp_unload 2>/dev/null; do
		_one_n=$((_one_n + 1))
		[ $_one_n -lt 15 ] || { echo "# bench-ab: rmmod nsctp failed for 30 s"; return 1; }
		sleep 2
	done
	if ! load_deps "$2" || ! insmod "$2"; then
		echo "# bench-ab: insmod $2 failed"
		return 1
	fi
	"$(dirname "$0")/bench_guest.sh" -r 1 -T "$secs" -H "$hlim" -w "$works" -p sctp |
		sed -n "s/^BENCH \([a-z][a-z0-9-]* sctp\) 1 /BENCH-$1 \1 $3 /p; /^# /p"
}

echo "BENCH-INFO ab smp $(nproc) reps $reps secs $secs kernel $(uname -r)"
r=1
while [ "$r" -le "$reps" ]; do
	if [ $((r % 2)) = 1 ]; then
		one A "$NSCTP_KO" $r
		one B "$base_ko" $r
	else
		one B "$base_ko" $r
		one A "$NSCTP_KO" $r
	fi
	r=$((r + 1))
done
nsctp_unload
klog=$(dmesg | log_scan)
[ -z "$klog" ] || echo "$klog" | sed 's/^/# kernel: /'
echo "BENCH-DONE"
exit 0
