#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-vm.sh: boot Debian's kernel under QEMU (TCG) from a busybox
# initramfs holding this checkout, run one job, return its status.
#
#   run-vm.sh [MODE] [--intree] [OPTIONS] [-- RUN.SH ARGS]
#
# MODE (default: run selftests/run.sh with nsctp)
#   --shell          interactive shell, nsctp loaded (Ctrl-A X quits)
#   --demo           run selftests/demo.sh
#   --exec 'CMD'     run CMD in the checkout, nsctp loaded
#   --script FILE    run FILE in the checkout, nothing loaded first
# --intree           Debian's sctp.ko (and its deps) instead of nsctp; the
#                    selftests run with run.sh --intree
# OPTIONS
#   --smp N (2)  --mem MB (1024)  --timeout SECS (900; 0: none)
#   --log FILE (selftests/out/logs/MODE-FLAVOR-DATE.log)
#   --append 'ARGS'  extra kernel command line
#   --no-load        do not load any SCTP module before --exec/--shell
#   --kernel DIR     boot the kernel in DIR (scripts/debug-kernel.sh's cache:
#                    bzImage, kernelrelease, mods/lib/modules/REL)
#                    instead of Debian's
#   --ko-dir DIR     take nsctp.ko and selftests/modules/*.ko from DIR (built
#                    against --kernel's tree) instead of the checkout
# A NIC (for a second guest, see interop.sh; none by default)
#   --nic LOCAL,REMOTE  a virtio-net NIC on '-netdev dgram' between two unix
#                       datagram sockets: LOCAL (this guest's end, created
#                       here) and REMOTE (the peer guest's LOCAL)
#   --mac MAC           its MAC (52:54:00:09:00:01)
#   --addr 'A/LEN ...'  addresses /init puts on it before the job (IPv6 nodad)
#   --dump FILE         write the NIC's traffic to FILE (pcap, filter-dump)
#
# The status comes back through an isa-debug-exit port and a marker line
# on the serial console; no marker means the guest panicked or QEMU
# failed. The whole console (kernel log included) is saved to the log and
# scanned on the host too: a WARNING, BUG, Oops... there fails the run
# even if the guest said it passed. Exit: the guest's status, 124 on
# timeout, 125 when the guest died without reporting one.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
# NSCTP_KO: the nsctp.ko to load (default this checkout's; make bench's
# --base runs another revision's module with this checkout's tests)
nsctp_ko=${NSCTP_KO:-}
vmdir=$top/selftests/out/vm
export NSCTP_TOP=$top
# shellcheck source=selftests/lib.sh
. "$top/selftests/lib.sh"

mode=tests
flavor=nsctp
smp=2
mem=1024
tmo=900
log=
append=
load=
cmd=
script=
run_args=()
nic=
mac=52:54:00:09:00:01
addrs=
dump=
kdir=
kodir=

usage() {
	sed -n 's/^# \{0,1\}//; 4,33p' "$0" >&2
	exit 2
}

parse_args() {
	while [ $# -gt 0 ]; do
		case $1 in
		--shell) mode=shell ;;
		--demo) mode=demo ;;
		--exec) [ $# -ge 2 ] || usage; mode="exec"; cmd="$2"; shift ;;
		--script) [ $# -ge 2 ] || usage; mode=script; script=$2; shift ;;
		--intree) flavor=intree ;;
		--smp) [ $# -ge 2 ] || usage; smp=$2; shift ;;
		--mem) [ $# -ge 2 ] || usage; mem=$2; shift ;;
		--timeout) [ $# -ge 2 ] || usage; tmo=$2; shift ;;
		--log) [ $# -ge 2 ] || usage; log=$2; shift ;;
		--append) [ $# -ge 2 ] || usage; append=$2; shift ;;
		--no-load) load=none ;;
		--nic) [ $# -ge 2 ] || usage; nic=$2; shift ;;
		--mac) [ $# -ge 2 ] || usage; mac=$2; shift ;;
		--addr) [ $# -ge 2 ] || usage; addrs=$2; shift ;;
		--dump) [ $# -ge 2 ] || usage; dump=$2; shift ;;
		--kernel) [ $# -ge 2 ] || usage; kdir=$(realpath "$2"); shift ;;
		--ko-dir) [ $# -ge 2 ] || usage; kodir=$(realpath "$2"); shift ;;
		-h|--help) usage ;;
		--) shift; run_args=("$@"); break ;;
		*) usage ;;
		esac
		shift
	done
	[ -n "$load" ] || load=$flavor
	if [ -n "$nic" ]; then
		# two paths, no more commas: QEMU would split them
		case $nic in *,*,*|,*|*,) usage ;; *,*) ;; *) usage ;; esac
	fi
	[ -n "$nic" ] || [ -z "$addrs$dump" ] || usage
	mac=${mac,,}
	[ -n "$kodir" ] || kodir=$top
	[ -n "$nsctp_ko" ] || nsctp_ko=$kodir/nsctp.ko
	[ -n "$log" ] || log=$top/selftests/out/logs/$mode-$flavor-$(date +%Y%m%d-%H%M%S)-$$.log
}

# Single-quote a string for the guest's sh.
sq() {
	printf "'%s'" "${1//\'/\'\\\'\'}"
}

# The uncompressed kernel: QEMU boots it straight through its PVH entry,
# which skips the bzImage decompressor (slow under TCG).
get_vmlinux() {
	vmlinux=$vmdir/vmlinux-$kver
	[ -s "$vmlinux" ] && [ "$vmlinux" -nt "/boot/vmlinuz-$kver" ] && return
	local ksrc tmp
	ksrc=$("$top/scripts/ksrc.sh")
	if [ ! -f "$ksrc/scripts/extract-vmlinux" ]; then
		# an older extraction, from before ksrc.sh listed it
		rm -f "$ksrc/.stamp"
		ksrc=$("$top/scripts/ksrc.sh")
	fi
	tmp=$(mktemp "$vmlinux.XXXXXX")
	sh "$ksrc/scripts/extract-vmlinux" "/boot/vmlinuz-$kver" >"$tmp"
	mv "$tmp" "$vmlinux"
}

# --kernel DIR: its kernel, its release, its module tree; and the modules
# of --ko-dir must be built for that release.
use_kernel() {
	local ko=$nsctp_ko v
	[ -f "$kdir/kernelrelease" ] || {
		echo "run-vm: no $kdir/kernelrelease (scripts/debug-kernel.sh builds one)" >&2
		exit 2
	}
	kver=$(cat "$kdir/kernelrelease")
	modroot=$kdir/mods
	# bzImage: the PVH entry of a KASAN vmlinux dies before its first
	# console line (6.1.192 under QEMU TCG)
	vmlinux=$kdir/bzImage
	if [ -f "$ko" ]; then
		v=$(modinfo -F vermagic "$ko")
		if [ "${v%% *}" != "$kver" ]; then
			echo "run-vm: $ko is built for ${v%% *}, not $kver (make test-debug builds it)" >&2
			exit 2
		fi
	fi
}

# The cached base image; rebuilt when anything that goes into it changes.
get_base() {
	local ko=$nsctp_ko key
	base=$vmdir/base-$flavor-$kver.cpio
	[ -f "$ko" ] || ko=
	key=$({
		echo "$kver $flavor $modroot"
		[ -z "$ko" ] || modinfo -F depends "$ko"
		[ -z "$ko" ] || modinfo -F softdep "$ko"
		cat "$top/selftests/vm/mkinitramfs.sh" "$top/selftests/vm/init"
		ls -lL --time-style=+%s /usr/bin/busybox /usr/bin/kmod \
			/usr/sbin/ip "$modroot/lib/modules/$kver/modules.dep"
	} | md5sum)
	if [ -f "$base" ] && [ "$(cat "$base.key" 2>/dev/null)" = "$key" ]; then
		return
	fi
	echo "run-vm: building the $flavor base image for $kver"
	NSCTP_MODROOT=$modroot "$top/selftests/vm/mkinitramfs.sh" "$kver" "$flavor" "$base" ${ko:+"$ko"}
	echo "$key" >"$base.key"
}

# Copy the shared libraries an ELF program of the payload needs and the
# base image lacks.
add_libs() {
	local lib
	{ ldd "$1" 2>/dev/null || true; } |
		awk '/=> \// { print $3 } /^\t\// { print $1 }' |
		while read -r lib; do
			# the directory resolved (usr-merged), not the name:
			# the loader looks for the soname, not its target
			lib=$(realpath "$(dirname "$lib")")/$(basename "$lib")
			grep -qxF "${lib#/}" "$payload.base" && continue
			[ -e "$stage$lib" ] && continue
			mkdir -p "$stage$(dirname "$lib")"
			cp -L "$lib" "$stage$lib"
		done
}

write_job() {
	local job_cmd=
	case $mode in
	tests)
		# a fresh guest: every line of its log is ours to check
		job_cmd="selftests/run.sh --whole-log"
		[ $flavor = nsctp ] || job_cmd="$job_cmd --intree"
		local a
		for a in "${run_args[@]}"; do
			job_cmd="$job_cmd $(sq "$a")"
		done
		load=none
		;;
	demo) job_cmd="selftests/demo.sh"; load=none ;;
	exec) job_cmd=$cmd ;;
	script) job_cmd="./job-script"; load=none ;;
	shell) ;;
	esac
	mkdir -p "$stage/etc"
	{
		echo "JOB_MODE=$([ $mode = shell ] && echo shell || echo run)"
		echo "JOB_LOAD=$load"
		echo "JOB_CMD=$(sq "$job_cmd")"
		if [ -n "$nic" ]; then
			echo "JOB_NIC_MAC=$(sq "$mac")"
			echo "JOB_NIC_ADDRS=$(sq "$addrs")"
		fi
	} >"$stage/etc/nsctp-job"
}

# The per-run archive: this checkout's modules, scripts and built tests
# under /nsctp, and the job. Appended to the base image.
make_payload() {
	local d=$stage/nsctp f
	mkdir -p "$d/scripts" "$d/selftests/modules"
	cp "$kodir"/*.ko "$d/" 2>/dev/null || true
	[ "$nsctp_ko" = "$kodir/nsctp.ko" ] || cp "$nsctp_ko" "$d/nsctp.ko"
	cp "$top/scripts/install-module.sh" "$d/scripts/"
	cp "$top"/selftests/*.sh "$top"/selftests/*.expected \
		"$top/selftests/settings" "$d/selftests/"
	# the conformance suite (its packetdrill binary is in selftests/out)
	cp -r "$top/selftests/packetdrill" "$d/selftests/"
	# lksctp-tools' functional tests (their programs are in selftests/out)
	cp -r "$top/selftests/func_tests" "$d/selftests/"
	cp "$kodir"/selftests/modules/*.ko "$d/selftests/modules/" 2>/dev/null || true
	if [ -d "$top/selftests/out" ]; then
		(cd "$top/selftests" && find out -path out/vm -prune -o \
			-path out/logs -prune -o -type f -print |
			cpio -pdm --quiet "$d/selftests")
	fi
	[ -z "$script" ] || install -m 0755 "$script" "$d/job-script"
	cpio -it --quiet <"$base" >"$payload.base"
	while read -r f; do
		add_libs "$f"
	done < <(find "$d" -type f -perm -u+x)
	write_job
	(cd "$stage" && find . -mindepth 1 | cpio -o -H newc --quiet) >"$payload"
}

boot() {
	local cmdline="console=ttyS0 oops=panic panic=-1 slub_debug=FZPU"
	cmdline+=" printk.devkmsg=on mitigations=off"
	[ $flavor = intree ] || cmdline+=" module_blacklist=sctp,sctp_diag"
	cmdline+=" $append"
	# shellcheck disable=SC2054 # commas inside QEMU option values
	local qemu=(qemu-system-x86_64 -machine q35,accel=tcg -cpu max
		-m "$mem" -smp "$smp" -nodefaults -no-user-config
		-display none -no-reboot
		-kernel "$vmlinux" -initrd "$initrd" -append "$cmdline"
		-device isa-debug-exit,iobase=0xf4,iosize=0x04)
	if [ -n "$nic" ]; then
		# The dgram backend has no vnet header, so the guest gets no
		# checksum offload: both ends compute the CRC32c themselves.
		# No option ROM: nothing boots from this NIC.
		rm -f "${nic%%,*}"
		qemu+=(-netdev "dgram,id=nic0,local.type=unix,local.path=${nic%%,*},remote.type=unix,remote.path=${nic#*,}"
			-device "virtio-net-pci,netdev=nic0,mac=$mac,romfile=")
		[ -z "$dump" ] || qemu+=(-object "filter-dump,id=dump0,netdev=nic0,file=$dump")
	fi
	mkdir -p "$(dirname "$log")"
	echo "run-vm: $mode ($flavor) on $kver, smp $smp, ${mem}M; log $log"
	[ -z "$nic" ] || echo "run-vm: NIC $mac on ${nic%%,*} -> ${nic#*,}${addrs:+, $addrs}${dump:+, dump $dump}"
	set +e
	if [ $mode = shell ]; then
		"${qemu[@]}" -chardev "stdio,id=con,mux=on,signal=off,logfile=$log.raw" \
			-serial chardev:con -mon chardev=con
	elif [ "$tmo" = 0 ]; then
		"${qemu[@]}" -chardev "stdio,id=con,logfile=$log.raw" \
			-serial chardev:con </dev/null
	else
		timeout -k 10 "$tmo" "${qemu[@]}" \
			-chardev "stdio,id=con,logfile=$log.raw" \
			-serial chardev:con </dev/null
	fi
	status=$?
	set -e
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"
	[ -z "$nic" ] || rm -f "${nic%%,*}"
}

# Decide the run's status from QEMU's, the marker and the console scan.
verdict() {
	local marker bad rc
	marker=$(grep -o 'NSCTP-VM-EXIT [0-9]*' "$log" | tail -n1 | cut -d' ' -f2 || true)
	if [ "$status" = 124 ] || [ "$status" = 137 ]; then
		echo "run-vm: TIMEOUT after ${tmo}s"
		rc=124
	elif [ -z "$marker" ]; then
		echo "run-vm: the guest died without reporting a status (panic? qemu exit $status)"
		rc=125
	else
		rc=$marker
		# qemu exits with status*2+1 via the port; 0 after a poweroff
		if [ "$status" != 0 ] && [ "$status" != $((rc * 2 + 1)) ]; then
			echo "run-vm: qemu exit $status does not match the guest's status $rc"
			[ "$rc" != 0 ] || rc=1
		fi
	fi
	# Lines run.sh echoes from dmesg start with "# kernel: "; leave them
	# out so this scan stands on its own, on the raw console.
	bad=$(grep -v '^# kernel: ' "$log" | log_scan || true)
	if [ -n "$bad" ]; then
		echo "run-vm: kernel problems on the console:"
		# shellcheck disable=SC2001
		echo "$bad" | sed 's/^/run-vm:   /'
		[ "$rc" != 0 ] || rc=1
	fi
	echo "run-vm: exit $rc"
	return "$rc"
}

main() {
	parse_args "$@"
	modroot=
	mkdir -p "$vmdir"
	if [ $flavor = nsctp ] && [ ! -f "$nsctp_ko" ]; then
		echo "run-vm: warning: no $nsctp_ko (run 'make modules')" >&2
	fi
	if [ -n "$kdir" ]; then
		use_kernel
	else
		kver=${KVER:-$("$top/scripts/kver.sh")}
		get_vmlinux
	fi
	get_base
	stage=$(mktemp -d "$vmdir/payload.XXXXXX")
	payload=$stage.cpio
	initrd=$stage.initrd
	trap 'rm -rf "$stage" "$payload" "$payload.base" "$initrd"' EXIT
	make_payload
	cat "$base" "$payload" >"$initrd"
	boot
	verdict
}

main "$@"
