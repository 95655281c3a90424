#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh KVER FLAVOR OUT.cpio [NSCTP_KO]
#
# Build the base initramfs of the nsctp test guest: dash as /bin/sh,
# busybox (its applets in /bb, last in PATH, so the real tools win), kmod, iproute2,
# lksctp-tools and iperf3 (make bench) with their shared libraries, the kernel modules the tests
# need under their real /lib/modules/KVER paths with a depmod index (so
# modprobe and autoload work in the guest), and /init.
#
# FLAVOR nsctp: the modules nsctp.ko needs (modinfo depends + softdeps),
#               never sctp.ko, and sctp blacklisted for modprobe too.
# FLAVOR intree: Debian's sctp.ko and sctp_diag.ko with their dependencies.
#
# The checkout itself (nsctp.ko, test programs) is not in here: run-vm.sh
# appends it per run as a second cpio archive, so this one can be cached.
#
# NSCTP_MODROOT=DIR takes the modules from DIR/lib/modules/KVER instead of
# the host's /lib/modules/KVER (run-vm.sh --kernel: a kernel built aside).
set -euo pipefail

kver=$1
flavor=$2
out=$(realpath -m "$3")
ko=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
moddir=/lib/modules/$kver
modroot=${NSCTP_MODROOT:-}

# Modules every guest gets (see selftests/config): topologies (veth, netem,
# tun), the CRC32c the SCTP checksum uses, sock_diag for ss, virtio-net
# for guests with a NIC.
common_mods="veth sch_netem tun crc32c inet_diag virtio_net virtio_pci xfrm_user"

bins="/usr/bin/busybox /usr/bin/dash /usr/bin/kmod /usr/sbin/ip /usr/sbin/tc /usr/bin/ss
/usr/bin/sctp_darn /usr/bin/sctp_test /usr/bin/sctp_status /usr/bin/checksctp
/usr/bin/iperf3"

stage=$(mktemp -d "${out}.stage.XXXXXX")
tmp=
trap 'rm -rf "$stage" $tmp' EXIT

# A usr-merged tree like the host's, so paths from ldd resolve as they are.
make_tree() {
	mkdir -p "$stage"/{usr/bin,usr/sbin,usr/lib,usr/lib64,bb,dev,proc,sys,tmp,run,root,mnt,etc/modprobe.d}
	ln -s usr/bin "$stage/bin"
	ln -s usr/sbin "$stage/sbin"
	ln -s usr/lib "$stage/lib"
	ln -s usr/lib64 "$stage/lib64"
}

# Copy a file to the same path in the stage, following symlinks.
put() {
	mkdir -p "$stage$(dirname "$1")"
	cp -L "$1" "$stage$1"
}

# Copy an ELF program and every shared library ldd says it loads.
put_elf() {
	put "$1"
	# ldd fails on static programs (busybox): nothing to add then.
	{ ldd "$1" 2>/dev/null || true; } | awk '/=> \// { print $3 } /^\t\// { print $1 }' |
		while read -r lib; do
			[ -e "$stage$lib" ] || put "$lib"
		done
}

put_programs() {
	local b
	for b in $bins; do
		put_elf "$b"
	done
	for b in modprobe insmod rmmod lsmod depmod modinfo; do
		ln -s ../bin/kmod "$stage/usr/sbin/$b"
	done
	# /bin/sh is dash, as on the host and under virtme-ng: busybox's ash
	# would run its own applets (ip, tc, modprobe) ahead of the real ones.
	ln -s dash "$stage/usr/bin/sh"
	# Every applet, in a directory that comes last in the guest's PATH.
	for b in $(busybox --list); do
		ln -s /usr/bin/busybox "$stage/bb/$b"
	done
	# tc's netem distribution tables
	if [ -d /usr/lib/tc ]; then
		mkdir -p "$stage/usr/lib/tc"
		cp /usr/lib/tc/*.dist "$stage/usr/lib/tc/" 2>/dev/null || true
	fi
	install -m 0755 "$here/init" "$stage/init"
}

# The module names to ship, one per line, for this flavor.
wanted_mods() {
	local m
	# shellcheck disable=SC2086 # a list
	printf '%s\n' $common_mods
	if [ "$flavor" = intree ]; then
		printf '%s\n' sctp sctp_diag
		return
	fi
	[ -n "$ko" ] || return 0
	for m in $(modinfo -F depends "$ko" | tr ',' ' ') \
		$(modinfo -F softdep "$ko"); do
		case $m in *:) ;; *) echo "$m" ;; esac
	done
}

# Copy a file of the module tree to its path in the guest.
put_mod() {
	local to=${1#"$modroot"}
	mkdir -p "$stage$(dirname "$to")"
	cp -L "$1" "$stage$to"
}

# Copy the wanted modules and their dependency closure (softdeps included:
# modprobe --show-depends prints them) to their real paths, then index.
put_modules() {
	local m f
	mkdir -p "$stage$moddir"
	for m in $(wanted_mods); do
		modprobe ${modroot:+-d "$modroot"} -S "$kver" --show-depends "$m" || {
			echo "mkinitramfs: no module $m for $kver" >&2
			exit 1
		}
	done | awk '$1 == "insmod" { print $2 }' | sort -u | while read -r f; do
		if [ "$flavor" = nsctp ] && [[ $f == */net/sctp/* ]]; then
			echo "mkinitramfs: refusing to ship $f in the nsctp image" >&2
			exit 1
		fi
		put_mod "$f"
	done
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		put_mod "$modroot$moddir/$f"
	done
	depmod -b "$stage" "$kver"
}

put_etc() {
	local b
	# The interactive shell is busybox ash (line editing), which runs its
	# own applets before PATH: aliases point it at the real tools.
	for b in "$stage"/usr/sbin/* "$stage"/usr/bin/*; do
		b=${b##*/}
		[ -e "$stage/bb/$b" ] && [ "$b" != busybox ] && [ "$b" != sh ] &&
			echo "alias $b=$(cd "$stage" && find usr -name "$b" | sed 's|^|/|; q')"
	done >"$stage/etc/profile"
	echo 'PS1="nsctp-guest:\w# "' >>"$stage/etc/profile"
	echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
	echo "root:x:0:" >"$stage/etc/group"
	echo "nsctp-guest" >"$stage/etc/hostname"
	: >"$stage/etc/nsctp-guest"
	if [ "$flavor" = nsctp ]; then
		# The in-tree sctp.ko can never be unloaded once in (REFERENCE
		# 2.3 H1): it must not load even if someone adds it to the image.
		printf '%s\n' "blacklist sctp" "blacklist sctp_diag" \
			"install sctp /bin/false" "install sctp_diag /bin/false" \
			>"$stage/etc/modprobe.d/nsctp-test.conf"
	fi
}

make_tree
put_programs
put_modules
put_etc
# Written aside and renamed: a concurrent run never sees half an image.
tmp=$(mktemp "$out.XXXXXX")
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) >"$tmp"
mv "$tmp" "$out"
