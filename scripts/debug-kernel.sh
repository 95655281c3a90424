#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh [--dir] [--force]
#
# Build, once, the debug kernel 'make test-debug' boots, and print its
# cache directory (the last line of stdout):
#
#   ${NSCTP_CACHE:-$HOME/.cache/nsctp}/debug-kernel/<KVER>-<hash>/
#     vmlinux, bzImage, config, System.map, kernelrelease
#     mods/lib/modules/<release>/   modules_install (INSTALL_MOD_PATH=mods)
#     src/                          the built tree, usable as KDIR for
#                                   'make M=' (object files pruned)
#     build.log                     the whole build's output
#
# KVER is the Debian kernel scripts/kver.sh picks; the source is Debian's
# linux-source-6.1 tarball, the config Debian's /boot/config-KVER reduced
# by 'make localmodconfig' to the modules the test guests load (the list
# below), with scripts/debug-kernel.config merged over it. The hash covers
# this script and the fragment, comment lines left out: a new Debian
# kernel, or a change to either file, builds a new kernel in a new directory; otherwise the cached one is
# used. Old directories are left in place (delete them by hand).
#
#   --dir    print the directory for the current inputs, build nothing
#            (exit 1 when it holds no finished build)
#   --force  rebuild even when a finished build is cached
#
# The build runs 'nice -n 10 make -j${NSCTP_DEBUG_JOBS:-2}': about 50 minutes
# on 2 cores (Documentation/testing.rst, "Debug kernel").
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
frag=$top/scripts/debug-kernel.config
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=${NSCTP_DEBUG_JOBS:-2}

# The modules the guests load (selftests/vm/mkinitramfs.sh: common_mods,
# nsctp.ko's softdeps, the in-tree control's sctp and sctp_diag) and the
# tunnels and diag modules the selftests reach for, with their
# dependencies; 'localmodconfig' keeps these as modules and drops every
# other module of Debian's config.
guest_mods="veth sch_netem tun crc32c_generic crc32c_intel libcrc32c
inet_diag tcp_diag udp_diag raw_diag virtio_net virtio_pci virtio
virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev net_failover
failover xfrm_user xfrm_algo udp_tunnel ip6_udp_tunnel sctp sctp_diag"
build_pkgs="flex bison libelf-dev libssl-dev bc make gcc"

only_dir=0
force=0

usage() {
	sed -n 's/^# \{0,1\}//; 4,29p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--dir) only_dir=1 ;;
	--force) force=1 ;;
	-h|--help) usage ;;
	*) usage ;;
	esac
	shift
done

kver=$("$top/scripts/kver.sh")
# Comment lines do not count: editing the documentation rebuilds nothing.
hash=$(grep -hv '^[[:space:]]*#' "$0" "$frag" | sha256sum | cut -c1-12)
cache=${NSCTP_CACHE:-$HOME/.cache/nsctp}/debug-kernel
dir=$cache/$kver-$hash

if [ $only_dir = 1 ]; then
	echo "$dir"
	[ -f "$dir/.done" ]
	exit
fi

msg() {
	echo "debug-kernel: $*" >&2
}

install_build_deps() {
	local p missing=
	for p in $build_pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	msg "installing:$missing"
	[ "$(id -u)" -eq 0 ] || { msg "need root to install packages"; exit 1; }
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# shellcheck disable=SC2086 # a list
	apt-get install -y -q --no-install-recommends $missing >&2
}

# Every line of the fragment must hold in the final .config: Kconfig
# drops what a dependency forbids without a word.
check_config() {
	local line sym bad=0
	while read -r line; do
		case $line in
		'# CONFIG_'*' is not set')
			sym=${line#\# }
			sym=${sym%% *}
			if grep -q "^$sym=" .config; then
				msg "fragment wants $sym off, .config has $(grep "^$sym=" .config)"
				bad=1
			fi
			;;
		CONFIG_*=\"\")
			# an empty string: also met when the symbol is not
			# visible (SYSTEM_REVOCATION_KEYS without its list)
			sym=${line%%=*}
			if grep -q "^$sym=" .config && ! grep -qxF "$line" .config; then
				msg "fragment wants $line, .config has $(grep "^$sym=" .config)"
				bad=1
			fi
			;;
		CONFIG_*)
			if ! grep -qxF "$line" .config; then
				sym=${line%%=*}
				msg "fragment wants $line, .config has: $(grep -E "^(# )?${sym}[= ]" .config || echo nothing)"
				bad=1
			fi
			;;
		esac
	done <"$frag"
	return $bad
}

configure() {
	local lsmod=$dir/guest-modules
	# shellcheck disable=SC2086 # a list
	printf '%s\n' $guest_mods >"$lsmod"
	cp "/boot/config-$kver" .config
	make LSMOD="$lsmod" localmodconfig </dev/null
	scripts/kconfig/merge_config.sh -m .config "$frag"
	make olddefconfig
	check_config
}

# Keep what 'make M=' needs (.config, Module.symvers, include/, arch
# headers and Makefiles, the host programs under scripts/ and tools/):
# drop the kernel's own objects and the linked images, copied out already.
prune() {
	find src -name '*.o' ! -path 'src/scripts/*' ! -path 'src/tools/*' -delete
	find src -name '*.ko' -delete
	rm -f src/vmlinux src/vmlinux.a src/.tmp_vmlinux* src/arch/x86/boot/compressed/vmlinux*
}

build() {
	local t0 t1 rel
	t0=$(date +%s)
	msg "extracting $tarball"
	tar -xf "$tarball" -C "$dir"
	mv "$dir/linux-source-6.1" "$dir/src"
	cd "$dir/src"
	configure
	msg "building (make -j$jobs, nice 10); log $dir/build.log"
	nice -n 10 make -j"$jobs" all </dev/null
	rel=$(make -s kernelrelease)
	nice -n 10 make INSTALL_MOD_PATH="$dir/mods" modules_install </dev/null
	cp vmlinux arch/x86/boot/bzImage System.map "$dir/"
	cp .config "$dir/config"
	echo "$rel" >"$dir/kernelrelease"
	cd "$dir"
	rm -f "mods/lib/modules/$rel/build" "mods/lib/modules/$rel/source"
	prune
	t1=$(date +%s)
	echo "$kver $hash $rel built in $((t1 - t0))s with -j$jobs on $(nproc) CPUs, $(date -u)" >"$dir/.done"
	msg "built $rel in $(((t1 - t0) / 60)) min $(((t1 - t0) % 60)) s"
}

main() {
	mkdir -p "$cache"
	exec 9>"$cache/.lock"
	if ! flock -n 9; then
		msg "another build holds $cache/.lock; waiting"
		flock 9
	fi
	if [ -f "$dir/.done" ] && [ $force = 0 ]; then
		echo "$dir"
		return
	fi
	[ -f "$tarball" ] || { msg "no $tarball (make deps installs linux-source-6.1)"; exit 1; }
	[ -f "/boot/config-$kver" ] || { msg "no /boot/config-$kver"; exit 1; }
	install_build_deps
	msg "building the debug kernel for $kver in $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	# In the background, not in a condition: set -e holds inside.
	local pid rc
	(build) >"$dir/build.log" 2>&1 &
	pid=$!
	set +e
	wait $pid
	rc=$?
	set -e
	if [ $rc != 0 ]; then
		msg "build failed; the end of $dir/build.log:"
		tail -n 30 "$dir/build.log" >&2
		exit 1
	fi
	grep '^debug-kernel: built' "$dir/build.log" >&2 || true
	echo "$dir"
}

main
