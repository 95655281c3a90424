#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench_guest.sh [-r REPS] [-T SECS] [-n IDLE] [-H LIMIT] [-w WORKLOADS]
#                [-p PROTOS]
#
# One guest's half of 'make bench' (scripts/bench.sh boots the guests):
# the workloads, over 127.0.0.1, with whichever SCTP is loaded here (nsctp
# or sctp.ko) and with TCP, REPS times each (3), SECS seconds a run (5).
#   a    iperf3 bulk, default settings       Mbit/s (iperf3's receiver)
#   b    iperf3 bulk, -l 16k                  Mbit/s
#   a-w  (a) with -w 1M: equal explicit buffers on both stacks
#   b-w  (b) with -w 1M
#   c    64-byte messages, NODELAY            msg/s     nsctp_perf msgs 64
#   d    1-byte request/response              trans/s   nsctp_perf rr
#   e    connect, accept, close both          assoc/s   nsctp_perf setup
#   f    kernel memory per idle association   B/assoc   nsctp_perf idle IDLE
#   g    1-byte messages, default options     msg/s     nsctp_perf -d msgs 1
#   h1   2 MiB in 1,452 B messages through netem   Mbit/s  nsctp_perf -N xfer
#   h2   2 MiB in 64 KiB messages through netem    Mbit/s
#   h3   4 MiB in 1 MiB messages through netem     Mbit/s
# WORKLOADS: the ids to run ("a b a-w b-w c d e f g h1 h2 h3"); PROTOS:
# "sctp tcp". SCTP is one-to-one (SOCK_STREAM) throughout.
#
# (a-w), (b-w): iperf3 -w 1M sets SO_SNDBUF and SO_RCVBUF on both ends
# (the client hands it to the server), the same for both stacks, where
# the defaults differ (nsctp: 1 MiB offered whole as window; sctp.ko:
# an sk_rcvbuf of 212,992, half offered). net.core.rmem_max and
# wmem_max go up to 4 MiB first, or the kernel would cut -w down.
#
# (g): no NODELAY, so Nagle and delayed SACK (delayed ACK) are on, as a
# new user has them; every byte checked; a stall (no new byte for 10 s)
# fails the run.
#
# (h): byte-exact transfers between two network namespaces over a veth
# pair, SO_SNDBUF and SO_RCVBUF of 4 MiB on every socket, and once the
# connection is up netem on both ends: delay 10ms reorder 25% loss 5%
# duplicate 1%; GSO skbs of one packet (see nsctp_perf.c). Goodput from
# the first write to the last byte read. A run fails when it is not done
# in LIMIT seconds (-H, 45) or stalls for 10 s.
#
# (f): 'Slab:' of /proc/meminfo (every slab page, and kmalloc()s too big
# for a slab, which the kernel counts there as well) before and after
# IDLE (1000) associations are up, each after dropping reclaimable slab
# objects and shrinking every cache; the difference over IDLE. An
# association is both its ends: a client and an accepted server socket,
# as a TCP connection is. It runs first, before any TIME-WAIT socket of
# the other workloads exists (they would expire in the middle of it).
#
# Output: "BENCH W PROTO REP VALUE UNIT" a run, or "BENCH W PROTO REP
# fail" with the run's output as "# " lines before it; "BENCH-INFO ..."
# first, "BENCH-DONE" last. Exit 0 (a failed run is a result).
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

perf=$NSCTP_OUT/helpers/nsctp_perf
reps=3
secs=5
idle_n=1000
works="a b a-w b-w c d e f g h1 h2 h3"
protos="sctp tcp"
hlim=45
port=5201
tmp=/tmp/bench

while getopts r:T:n:H:w:p: o; do
	case $o in
	r) reps=$OPTARG ;;
	T) secs=$OPTARG ;;
	n) idle_n=$OPTARG ;;
	H) hlim=$OPTARG ;;
	w) works=$OPTARG ;;
	p) protos=$OPTARG ;;
	*) echo "usage: $0 [-r REPS] [-T SECS] [-n IDLE] [-H LIMIT] [-w WORKLOADS] [-p PROTOS]" >&2
	   exit 2 ;;
	esac
done
# a bound for one run, well above what it should take
tmo=$((secs * 4 + 30))
# (h): its own limit, the stall guard, and the namespaces' setup
htmo=$((hlim + 40))

# IDLE associations are 2 * IDLE descriptors in one process (dash and
# busybox ash have ulimit -n)
# shellcheck disable=SC3045
ulimit -n $((idle_n * 2 + 64)) || echo "# bench: ulimit -n failed"
mkdir -p $tmp

if module_loaded nsctp; then
	sctp=nsctp
elif module_loaded sctp; then
	sctp=in-tree
else
	sctp=none
fi
echo "BENCH-INFO sctp $sctp smp $(nproc) reps $reps secs $secs idle $idle_n kernel $(uname -r)"

# -w 1M must not be cut down to rmem_max/wmem_max (212,992)
case " $works " in
*" a-w "*|*" b-w "*)
	for _m in rmem_max wmem_max; do
		echo 4194304 >/proc/sys/net/core/$_m ||
			echo "# bench: net.core.$_m not raised: -w 1M is cut down"
	done
	;;
esac

# report W PROTO REP FILE VALUE UNIT: one result line; without a value,
# the run failed and FILE (its output) goes to the log first.
report() {
	if [ -n "$5" ]; then
		echo "BENCH $1 $2 $3 $5 $6"
	else
		sed 's/^/# /' "$4" | tail -n 20
		echo "BENCH $1 $2 $3 fail"
	fi
}

# wait_listen PORT: until something listens on TCP PORT (5 s at most)
wait_listen() {
	_wl_n=0
	while ! ss -Htln "sport = :$1" | grep -q .; do
		_wl_n=$((_wl_n + 1))
		[ $_wl_n -le 50 ] || return 1
		sleep 0.1
	done
}

# iperf W PROTO REP [IPERF3 ARGS]: one iperf3 run against a fresh one-off
# server on a port of its own, so that a run that failed cannot leave a
# busy server to the next one.
iperf() {
	_ip_w=$1 _ip_p=$2 _ip_r=$3
	shift 3
	port=$((port + 1))
	iperf3 -s -1 -p $port >$tmp/server.out 2>&1 &
	_ip_srv=$!
	_ip_v=
	if wait_listen $port; then
		# shellcheck disable=SC2046 # no argument or one
		timeout $tmo iperf3 $([ "$_ip_p" = sctp ] && echo --sctp) -c 127.0.0.1 \
			-p $port -t "$secs" -f m "$@" >$tmp/out 2>&1
		_ip_v=$(awk '$NF == "receiver" {
			for (i = 1; i < NF; i++) if ($(i + 1) == "Mbits/sec") v = $i }
			END { print v }' $tmp/out)
	else
		echo "iperf3 server not listening on $port" >$tmp/out
	fi
	kill $_ip_srv 2>/dev/null
	wait $_ip_srv 2>/dev/null
	cat $tmp/server.out >>$tmp/out
	report "$_ip_w" "$_ip_p" "$_ip_r" $tmp/out "$_ip_v" Mbit/s
}

# perf W PROTO REP [-H] ARGS: one nsctp_perf run, "RESULT NAME VALUE
# UNIT"; it failed when it exits non-zero or prints no result. -H: an
# (h) run, its limit -T LIMIT rather than SECS.
perf() {
	_pf_w=$1 _pf_p=$2 _pf_r=$3 _pf_v='' _pf_T=$secs _pf_tmo=$tmo
	shift 3
	if [ "$1" = -H ]; then
		_pf_T=$hlim _pf_tmo=$htmo
		shift
	fi
	# shellcheck disable=SC2046
	if timeout $_pf_tmo "$perf" $([ "$_pf_p" = tcp ] && echo -t) -T "$_pf_T" "$@" \
		</dev/null >$tmp/out 2>&1; then
		_pf_v=$(awk '$1 == "RESULT" { v = $3 } END { print v }' $tmp/out)
	else
		echo "nsctp_perf exit $?" >>$tmp/out
	fi
	report "$_pf_w" "$_pf_p" "$_pf_r" $tmp/out "$_pf_v" \
		"$(awk '$1 == "RESULT" { u = $4 } END { print u }' $tmp/out)"
}

# Slab: in kB, after dropping what can be dropped: reclaimable objects
# (dentries, inodes), then every cache's per-CPU slabs and empty slabs
# (SLUB's shrink), so that what is left is in use.
slab_kb() {
	sync
	echo 2 >/proc/sys/vm/drop_caches
	for _sk_f in /sys/kernel/slab/*/shrink; do
		echo 1 >"$_sk_f" 2>/dev/null
	done
	awk '$1 == "Slab:" { print $2 }' /proc/meminfo
}

# slab_growth SLABINFO0 SLABINFO1 LABEL: a "# " line with the objects'
# bytes per association (active objects x object size, all caches) and
# the caches that grew most: where an association lives.
slab_growth() {
	awk 'NR == FNR { if (FNR > 2) b[$1] = $2 * $4; next }
		FNR > 2 { d = $2 * $4 - b[$1]; t += d; if (d > 0) print d, $1 }
		END { print t, "objects" }' "$1" "$2" |
		sort -rn | head -n 7 |
		awk -v n="$idle_n" -v w="$3" '{ s = s sprintf(" %s %d", $2, $1 / n) }
			END { print "# " w ": bytes/assoc:" s }'
}

# idle PROTO REP
idle() {
	_id_v=
	rm -f $tmp/fifo
	mkfifo $tmp/fifo
	_id_s0=$(slab_kb)
	cat /proc/slabinfo >$tmp/slab0
	# shellcheck disable=SC2046
	"$perf" $([ "$1" = tcp ] && echo -t) idle "$idle_n" <$tmp/fifo >$tmp/out 2>&1 &
	_id_pid=$!
	# the writer end: nsctp_perf holds the associations until it closes
	exec 3>$tmp/fifo
	_id_n=0
	while ! grep -q READY $tmp/out && kill -0 $_id_pid 2>/dev/null &&
		[ $_id_n -lt $((tmo * 10)) ]; do
		_id_n=$((_id_n + 1))
		sleep 0.1
	done
	if grep -q READY $tmp/out; then
		_id_s1=$(slab_kb)
		cat /proc/slabinfo >$tmp/slab1
		_id_v=$(((_id_s1 - _id_s0) * 1024 / idle_n))
		slab_growth $tmp/slab0 $tmp/slab1 "f $1 $2"
	else
		kill $_id_pid 2>/dev/null
	fi
	# EOF: nsctp_perf closes the associations and exits
	exec 3>&-
	wait $_id_pid 2>/dev/null
	# let the teardown finish
	sleep 2
	report f "$1" "$2" $tmp/out "$_id_v" B/assoc
}

# run W PROTO REP
run() {
	case $1 in
	a) iperf a "$2" "$3" ;;
	b) iperf b "$2" "$3" -l 16k ;;
	a-w) iperf a-w "$2" "$3" -w 1M ;;
	b-w) iperf b-w "$2" "$3" -l 16k -w 1M ;;
	c) perf c "$2" "$3" msgs 64 ;;
	d) perf d "$2" "$3" rr ;;
	e) perf e "$2" "$3" setup ;;
	g) perf g "$2" "$3" -d msgs 1 ;;
	h1) perf h1 "$2" "$3" -H -N xfer 1452 2097152 ;;
	h2) perf h2 "$2" "$3" -H -N xfer 65536 2097152 ;;
	h3) perf h3 "$2" "$3" -H -N xfer 1048576 4194304 ;;
	*) echo "# bench: no workload '$1'"
	   echo "BENCH $1 $2 $3 fail" ;;
	esac
}

# (f) first, while no TIME-WAIT socket can expire under it
case " $works " in
*" f "*)
	r=1
	while [ $r -le "$reps" ]; do
		for p in $protos; do
			idle "$p" $r
		done
		r=$((r + 1))
	done
	;;
esac
# interleaved, so that drift in the guest spreads over all of them
r=1
while [ $r -le "$reps" ]; do
	for w in $works; do
		[ "$w" != f ] || continue
		for p in $protos; do
			run "$w" "$p" $r
		done
	done
	r=$((r + 1))
done
klog=$(dmesg | log_scan)
[ -z "$klog" ] || echo "$klog" | sed 's/^/# kernel: /'
echo "BENCH-DONE"
exit 0
