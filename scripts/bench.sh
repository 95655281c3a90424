#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh ('make bench'): nsctp against the in-tree sctp.ko and TCP, the
# same workloads in QEMU guests, one table. Never a test: nothing gates.
#
#   bench.sh [-r REPS] [-T SECS] [-n IDLE] [-H LIMIT] [-R ROUNDS]
#            [-w 'ROW ...'] [-g 'FLAVOR:SMP ...'] [-b REV] [-P]
#            [--no-intree-tcp]
#   bench.sh --report RAW...    the table of earlier runs' raw results,
#                               pooled (runs in quiet moments, added up)
#
# Guests, booted one after another (each a fresh kernel: sctp.ko can
# never be unloaded, so it never shares a guest with nsctp):
#   nsctp:2  intree:2  nsctp:1  intree:1      (-g; FLAVOR nsctp | intree | base)
# -R ROUNDS (1, BENCH_ROUNDS=): the list of guests ROUNDS times, in
# reverse order every other round (nsctp intree, intree nsctp, ...), so
# that drift on the host falls on both alike; the runs of a flavor pool.
# The host's load average is sampled before each guest boots and listed
# under the table.
# -w 'ROW ...' (BENCH_ROWS=): only these rows, e.g. -w 'g h1' (each guest
# runs those of its own list that are named).
# -b REV (BENCH_BASE=): also nsctp.ko as it was at git revision REV, built
# from 'git archive REV' under .build/bench-base/ and run with this
# checkout's tests (run-vm.sh's NSCTP_KO), SCTP only: flavor 'base', a
# column of its own and the ratio ns/base. The default guests are then
#   nsctp:2  base:2  intree:2  nsctp:1  base:1  intree:1
# A flavor may come more than once (-g 'nsctp:2 base:2 nsctp:2 base:2'):
# its runs pool, and alternating guests spread the host's noise evenly.
# -P (with -b): paired, flavor 'ab': both modules in one guest, taking
# turns round by round (selftests/bench_ab_guest.sh), SCTP only, (a)-(e),
# (g), (h) and the -w rows at -smp 2, (a), (b) and their -w rows at
# -smp 1; default guests 'ab:2 ab:1'. A comparison with the past that
# the host's noise and the spread between boots barely touch; its
# columns are nsctp and base, nothing else.
# -smp 2 guests run every row, -smp 1 guests (a), (b), (a-w), (b-w); each
# runs selftests/bench_guest.sh: every row REPS times (3, BENCH_REPS=),
# SECS seconds a run (5, BENCH_SECS=), SCTP (one-to-one) and TCP:
#   (a) iperf3 --sctp, default settings   (b) the same with -l 16k
#   (a-w), (b-w) the same with -w 1M: equal explicit buffers on both stacks
#   (c) 64-byte messages/s   (d) 1-byte round trips/s
#   (e) association setups+teardowns/s   (f) slab bytes per idle
#       association, over IDLE (1000, BENCH_IDLE=) of them
#   (g) 1-byte messages/s, default options (Nagle, delayed SACK on),
#       every byte checked
#   (h1) (h2) (h3) goodput of byte-exact transfers of 2 MiB in 1,452 B,
#       2 MiB in 64 KiB and 4 MiB in 1 MiB messages between two network
#       namespaces over veth, 4 MiB buffers, netem 'delay 10ms reorder
#       25% loss 5% duplicate 1%' on both ends; a run fails when not done
#       in LIMIT seconds (45, BENCH_HLIMIT=) or no new byte for 10 s
# (a)-(f) over 127.0.0.1 in the guest. The goals of issue 14 are checked
# on the ratios of the medians: (g) nsctp >= 2 x in-tree; (h) nsctp >=
# in-tree and >= 0.7 x TCP.
# TCP runs in the in-tree guests too (--no-intree-tcp or
# BENCH_INTREE_TCP=0 skips it): the same TCP in two guests shows how much
# of a difference is noise. Guests boot with slub_debug off (the test
# bed's red zones and owner tracking would inflate (f) and slow all).
# Time: with the defaults about 35 minutes on a quiet 2-CPU TCG host
# (an -smp 2 guest some 12, an -smp 1 guest some 4 minutes), more while
# nsctp's (h) runs hit their limit; -w picks fewer rows.
#
# Output: the table on stdout and in selftests/out/bench/bench-DATE.txt;
# the raw results in bench-DATE.raw, guest consoles under DATE/. Exit 1
# when a guest did not finish its list (its cells say fail or -).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
reps=${BENCH_REPS:-3}
secs=${BENCH_SECS:-5}
idle_n=${BENCH_IDLE:-1000}
hlim=${BENCH_HLIMIT:-45}
rounds=${BENCH_ROUNDS:-1}
rows=${BENCH_ROWS:-}
intree_tcp=${BENCH_INTREE_TCP:-1}
base=${BENCH_BASE:-}
paired=0
guests=
report_files=()

usage() {
	sed -n 's/^# \{0,1\}//; 4,11p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-r) [ $# -ge 2 ] || usage; reps=$2; shift ;;
	-T) [ $# -ge 2 ] || usage; secs=$2; shift ;;
	-n) [ $# -ge 2 ] || usage; idle_n=$2; shift ;;
	-H) [ $# -ge 2 ] || usage; hlim=$2; shift ;;
	-R) [ $# -ge 2 ] || usage; rounds=$2; shift ;;
	-w) [ $# -ge 2 ] || usage; rows=$2; shift ;;
	-g) [ $# -ge 2 ] || usage; guests=$2; shift ;;
	-b) [ $# -ge 2 ] || usage; base=$2; shift ;;
	-P) paired=1 ;;
	--no-intree-tcp) intree_tcp=0 ;;
	--report) shift; report_files=("$@"); break ;;
	*) usage ;;
	esac
	shift
done
[[ $reps =~ ^[1-9][0-9]*$ && $secs =~ ^[1-9][0-9]*$ && $idle_n =~ ^[1-9][0-9]*$ &&
   $hlim =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || usage
# every row there is, in the table's order
all_rows="a a-w b b-w c d e f g h1 h2 h3"
for w in $rows; do
	[[ " $all_rows " == *" $w "* ]] || { echo "bench: no row '$w' (rows: $all_rows)" >&2; exit 2; }
done
if [ $paired = 1 ] && [ -z "$base" ]; then
	echo "bench: -P needs -b REV" >&2
	exit 2
fi
if [ -z "$guests" ]; then
	guests="nsctp:2 intree:2 nsctp:1 intree:1"
	[ -z "$base" ] || guests="nsctp:2 base:2 intree:2 nsctp:1 base:1 intree:1"
	[ $paired = 0 ] || guests="ab:2 ab:1"
fi

if [ ${#report_files[@]} -eq 0 ]; then
	date=$(date +%Y%m%d-%H%M%S)
	out=$top/selftests/out/bench
	logdir=$out/$date
	table=$out/bench-$date.txt
	raw=$out/bench-$date.raw
	mkdir -p "$logdir"
	: >"$raw"
fi

if [ ${#report_files[@]} -eq 0 ] && [ ! -x "$top/selftests/out/helpers/nsctp_perf" ]; then
	echo "bench: no selftests/out/helpers/nsctp_perf: run 'make selftests' (make bench does)" >&2
	exit 1
fi
[ ${#report_files[@]} -gt 0 ] || command -v iperf3 >/dev/null ||
	{ echo "bench: no iperf3 (make deps)" >&2; exit 1; }

# build_base: nsctp.ko of revision $base, built once per commit under
# .build/bench-base/SHA; sets base_ko and base_name.
build_base() {
	local sha dir kver
	sha=$(git -C "$top" rev-parse --verify -q "$base^{commit}") ||
		{ echo "bench: -b $base: no such revision" >&2; exit 2; }
	base_name=$(git -C "$top" rev-parse --short "$sha")
	dir=$top/.build/bench-base/$sha
	base_ko=$dir/nsctp.ko
	[ -f "$base_ko" ] && return
	kver=${KVER:-$("$top/scripts/kver.sh")}
	echo "bench: building nsctp.ko of $base ($base_name) in $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	git -C "$top" archive "$sha" Kbuild net include | tar -x -C "$dir"
	if ! make -C "${KDIR:-/lib/modules/$kver/build}" M="$dir" modules \
		>"$dir.log" 2>&1; then
		echo "bench: building $base failed, see $dir.log" >&2
		rm -f "$base_ko"
		exit 1
	fi
}

# works_for FLAVOR SMP: the rows a guest runs, in bench_guest.sh's order
# (f first, then the others interleaved), less those -w does not name.
works_for() {
	local list w out=
	list="a b a-w b-w c d e f g h1 h2 h3"
	[ "$2" -ge 2 ] || list="a b a-w b-w"
	# (f) needs a kernel where nothing ran before it: never paired
	[ "$1" != ab ] || list=${list/ f / }
	for w in $list; do
		[ -z "$rows" ] || [[ " $rows " == *" $w "* ]] || continue
		out="$out $w"
	done
	echo "${out# }"
}

# run_bound WORKS NPROTOS: seconds a guest's list may take, REPS times:
# each run at most 4 x SECS + 30 in the guest ((h): LIMIT + 40), and
# some slack for the boot.
run_bound() {
	local w t=300
	for w in $1; do
		case $w in
		h*) t=$((t + $2 * reps * (hlim + 45))) ;;
		*) t=$((t + $2 * reps * (secs * 4 + 35))) ;;
		esac
	done
	echo $t
}

# guest_ab SMP, from guest(): this checkout's nsctp.ko and $base_ko
# taking turns in one guest; results as flavors nsctp and base.
guest_ab() {
	local smp=$1 st
	works=$(works_for ab "$smp")
	tmo=$(run_bound "$works" 2)
	mkdir -p "$top/selftests/out/bench-ab"
	cp "$base_ko" "$top/selftests/out/bench-ab/base.ko"
	echo "bench: ab guest, -smp $smp: $works × nsctp $base_name, $reps rounds × ${secs}s"
	"$top/selftests/vm/run-vm.sh" --smp "$smp" --timeout "$tmo" --log "$log" \
		--append "slub_debug=-" \
		--exec "selftests/bench_ab_guest.sh -k selftests/out/bench-ab/base.ko -r $reps -T $secs -H $hlim -w '$works'" \
		>"$logdir/run-vm-$name.out" 2>&1
	st=$?
	grep -E '^BENCH-[AB] [a-z][a-z0-9-]* sctp [0-9]+ ([0-9.]+ [^ ]+|fail)$' "$log" |
		sed "s/^BENCH-A /nsctp $smp /; s/^BENCH-B /base $smp /" >>"$raw"
	if ! grep -q '^BENCH-DONE' "$log" || [ $st -ne 0 ]; then
		echo "bench: ab guest, -smp $smp: did not finish cleanly (run-vm.sh exit $st), see $log"
		tail -n 5 "$logdir/run-vm-$name.out" | sed 's/^/bench:   /'
		bad=1
	fi
	grep -E '^# (kernel|bench-ab)' "$log" | sed "s/^# /#   ab smp$smp: /"
	echo "bench: ab guest, -smp $smp: $((SECONDS - t0))s"
}

# guest FLAVOR SMP: boot it, run its list, append its results to $raw as
# "FLAVOR SMP W PROTO REP VALUE UNIT" lines.
guest() {
	local flavor=$1 smp=$2 works protos tmo log st t0=$SECONDS ko name load
	works=$(works_for "$flavor" "$smp")
	protos="sctp tcp"
	[ "$flavor" != intree ] || [ "$intree_tcp" = 1 ] || protos=sctp
	[ "$flavor" != base ] || protos=sctp
	ko=
	[ "$flavor" != base ] || ko=$base_ko
	nguest=$((nguest + 1))
	name=$nguest-$flavor-smp$smp
	if [ -z "$works" ]; then
		echo "bench: $flavor guest, -smp $smp: none of the rows '$rows', not booted"
		return
	fi
	# the host's load just before it boots (1, 5, 15 minutes)
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	echo "# load $name $load" >>"$raw"
	tmo=$(run_bound "$works" "$(wc -w <<<"$protos")")
	log=$logdir/console-$name.log
	if [ "$flavor" = ab ]; then
		guest_ab "$smp"
		return
	fi
	echo "bench: $flavor guest, -smp $smp: $works × $protos, $reps × ${secs}s (host load $load)"
	# shellcheck disable=SC2046 # no argument or one
	NSCTP_KO=${ko:-$top/nsctp.ko} \
		"$top/selftests/vm/run-vm.sh" $([ "$flavor" = intree ] && echo --intree) \
		--smp "$smp" --timeout "$tmo" --log "$log" --append "slub_debug=-" \
		--exec "selftests/bench_guest.sh -r $reps -T $secs -n $idle_n -H $hlim -w '$works' -p '$protos'" \
		>"$logdir/run-vm-$name.out" 2>&1
	st=$?
	grep -E '^BENCH [a-z][a-z0-9-]* (sctp|tcp) [0-9]+ ([0-9.]+ [^ ]+|fail)$' "$log" |
		sed "s/^BENCH /$flavor $smp /" >>"$raw"
	grep '^BENCH-INFO ' "$log" | sed "s/^/# $flavor $smp: /" >>"$raw"
	if ! grep -q '^BENCH-DONE' "$log" || [ $st -ne 0 ]; then
		echo "bench: $flavor guest, -smp $smp: did not finish cleanly (run-vm.sh exit $st), see $log"
		tail -n 5 "$logdir/run-vm-$name.out" | sed 's/^/bench:   /'
		bad=1
	fi
	grep -E '^# (kernel|f )' "$log" | sed "s/^# /#   $flavor smp$smp: /"
	echo "bench: $flavor guest, -smp $smp: $((SECONDS - t0))s"
}

# The table from $raw: per workload and smp, min/median/max of each
# column and the ratios of the medians.
report() {
	awk -v reps="$reps" -v base="${base:+$base_name}" '
	function fmt(v) {
		if (v >= 100) return sprintf("%.0f", v)
		if (v >= 10) return sprintf("%.1f", v)
		return sprintf("%.2f", v)
	}
	function sortn(a, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
	}
	# min/med/max of cell k; med[k] set, "-" when nothing ran
	function cell(k,   n, i, a, m, s) {
		n = cnt[k]
		if (!n && !fails[k]) return "-"
		if (!n) return "fail"
		for (i = 1; i <= n; i++) a[i] = val[k, i]
		sortn(a, n)
		m = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		med[k] = m
		s = fmt(a[1]) "/" fmt(m) "/" fmt(a[n])
		if (fails[k]) s = s " (" fails[k] " fail)"
		return s
	}
	function ratio(x, y) {
		return (x in med) && (y in med) && med[y] > 0 ? sprintf("%.2f", med[x] / med[y]) : "-"
	}
	/^#/ { next }
	{
		col = ($4 == "sctp" ? $1 : $1 "-tcp")
		k = $3 SUBSEP $2 SUBSEP col
		if ($6 == "fail") { fails[k]++; next }
		val[k, ++cnt[k]] = $6
		unit[$3] = $7
	}
	END {
		name["a"] = "(a) iperf3 default"; name["b"] = "(b) iperf3 -l 16k"
		name["a-w"] = "(a-w) iperf3 -w 1M"; name["b-w"] = "(b-w) -l 16k -w 1M"
		name["c"] = "(c) 64 B messages"; name["d"] = "(d) 1 B round trips"
		name["e"] = "(e) setup+teardown"; name["f"] = "(f) idle assoc (slab)"
		name["g"] = "(g) 1 B msgs, defaults"
		name["h1"] = "(h1) netem 1452 B"; name["h2"] = "(h2) netem 64 KiB"
		name["h3"] = "(h3) netem 1 MiB"
		u["a"] = "Mbit/s"; u["b"] = "Mbit/s"; u["a-w"] = "Mbit/s"
		u["b-w"] = "Mbit/s"; u["c"] = "msg/s"; u["d"] = "trans/s"
		u["e"] = "assoc/s"; u["f"] = "B/assoc"; u["g"] = "msg/s"
		u["h1"] = "Mbit/s"; u["h2"] = "Mbit/s"; u["h3"] = "Mbit/s"
		# the goals of issue 14, on the ratios of the medians
		goal["g"] = "ns/in>=2"
		goal["h1"] = goal["h2"] = goal["h3"] = "ns/in>=1,ns/TCP>=0.7"
		f = "%-23s %3s %-8s %-22s %-22s %-22s %-22s %8s %8s"
		fb = " %-22s %8s"
		printf f, "workload", "smp", "unit", "nsctp", "in-tree sctp.ko",
			"TCP (nsctp guest)", "TCP (in-tree guest)", "ns/intree", "ns/TCP"
		if (base != "")
			printf fb, "nsctp " base, "ns/base"
		printf "  %s\n", "goal (issue 14)"
		nw = split("a a-w b b-w c d e f g h1 h2 h3", ws, " ")
		for (i = 1; i <= nw; i++) {
			w = ws[i]
			for (smp = 2; smp >= 1; smp--) {
				k = w SUBSEP smp SUBSEP
				c1 = cell(k "nsctp")
				c2 = cell(k "intree")
				c3 = cell(k "nsctp-tcp")
				c4 = cell(k "intree-tcp")
				c5 = cell(k "base")
				if (c1 c2 c3 c4 c5 == "-----") continue
				ri = ratio(k "nsctp", k "intree")
				rt = ratio(k "nsctp", k "nsctp-tcp")
				printf f, name[w], smp, u[w], c1, c2, c3, c4, ri, rt
				if (base != "")
					printf fb, c5, ratio(k "nsctp", k "base")
				g = ""
				if (w == "g" && ri != "-")
					g = goal[w] (ri + 0 >= 2 ? " met" : " NOT met")
				else if (w ~ /^h/ && ri != "-" && rt != "-")
					g = goal[w] (ri + 0 >= 1 && rt + 0 >= 0.7 ? " met" : " NOT met")
				else if (w in goal)
					g = goal[w] " (no ratio)"
				printf "  %s\n", g
			}
		}
	}' "$raw"
}

header() {
	local kver base_line=
	[ -z "$base" ] || base_line="nsctp $base_name: the module of revision $base with this checkout's tests; ns/base: nsctp over it.
"
	kver=${KVER:-$("$top/scripts/kver.sh")}
	cat <<EOF
nsctp benchmark $date: nsctp $(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), kernel $kver
host: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); guests: QEMU TCG, 1024 MB, slub_debug off
$reps runs of ${secs}s each (x $rounds rounds), SCTP one-to-one; cells: min/median/max; ratios: of the medians
(a)-(e), (g), (h): higher is better. (a),(b): iperf3's receiver rate, the same iperf3 for TCP (without
  --sctp), over 127.0.0.1; (a-w),(b-w): the same with -w 1M, equal explicit buffers on both stacks
  (nsctp's default 1 MiB is all offered as window, sctp.ko's sk_rcvbuf 212,992 half of it).
(c) nsctp_perf msgs 64 (NODELAY, one way), (d) rr, (e) setup: connect, accept, close both.
(g) nsctp_perf -d msgs 1: 1-byte messages, default options (Nagle and delayed SACK on), bytes checked.
(h1),(h2),(h3) nsctp_perf -N xfer: 2 MiB in 1,452 B, 2 MiB in 64 KiB, 4 MiB in 1 MiB messages, byte-exact,
  between two netns over veth (GSO skbs of one packet), 4 MiB SO_SNDBUF/SO_RCVBUF on every socket, netem
  'delay 10ms reorder 25% loss 5% duplicate 1%' on both ends once connected; goodput from the first write
  to the last byte; fail: not done in ${hlim}s, or no new byte for 10 s.
(f): lower is better. 'Slab:' of /proc/meminfo (slab pages and large kmallocs) with $idle_n idle
  associations up minus before, over $idle_n; each reading after drop_caches=2 and a shrink of every
  slab cache. An association is both ends (client and accepted socket), as is a TCP connection.
  The console logs list the caches that grew (objects' bytes per association; SLUB merges
  caches of like size, so a cache may show under another's name).
TCP (nsctp guest) is the reference of ns/TCP; TCP (in-tree guest) is the same TCP in another boot.
${base_line}guests, in order: $order
host load average at the start: $load0; other QEMU processes running then: $others
EOF
}

# The host's load average before each guest, from $raw.
loads() {
	awk '$1 == "#" && $2 == "load" { s = s sprintf("%s%s %s/%s/%s", s == "" ? "" : ", ", $3, $4, $5, $6) }
		END { if (s != "") print "host load (1/5/15 min) before each guest: " s }' "$raw" | fold -s -w 110
}

main() {
	local t0=$SECONDS g bad=0 load0 others r list
	nguest=0
	# Guests share the host's CPUs with whatever else runs: say so.
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	others=$(pgrep -c qemu-system || true)
	[ "$others" = 0 ] || echo "bench: warning: $others other QEMU processes are running: expect noise"
	case " $guests " in
	*" base:"*|*" ab:"*)
		    [ -n "$base" ] || { echo "bench: flavors base and ab need -b REV" >&2; exit 2; }
		    build_base
		    echo "# base-name $base_name" >>"$raw" ;;
	esac
	for g in $guests; do
		case $g in
		nsctp:[1-9]|intree:[1-9]|base:[1-9]|ab:[1-9]) ;;
		*) echo "bench: bad guest '$g' (FLAVOR:SMP)" >&2; exit 2 ;;
		esac
	done
	# round r: the guests in order, every other round reversed
	order=
	for ((r = 1; r <= rounds; r++)); do
		if ((r % 2)); then
			list=$guests
		else
			list=$(tr ' ' '\n' <<<"$guests" | tac | paste -sd' ' -)
		fi
		order="$order${order:+ | }$list"
		for g in $list; do
			guest "${g%:*}" "${g#*:}"
		done
	done
	{
		header
		echo
		report
		echo
		loads
		echo "wall time $((SECONDS - t0))s; raw results $raw, consoles $logdir/"
	} >"$table"
	echo
	cat "$table"
	echo "bench: table in $table"
	return $bad
}

if [ ${#report_files[@]} -gt 0 ]; then
	# the base revision's name is in the raw files it ran in
	raw=$(mktemp)
	trap 'rm -f "$raw"' EXIT
	cat "${report_files[@]}" >"$raw" || exit 1
	base_name=$(sed -n 's/^# base-name //p' "$raw" | sort -u | paste -sd, -)
	base=$base_name
	echo "bench: ${#report_files[@]} raw files pooled: ${report_files[*]}"
	report
	echo
	loads
	exit 0
fi
main
