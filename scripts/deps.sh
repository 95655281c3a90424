#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package nsctp's build, checks and test suite use.
# Idempotent: does nothing when all are present (and then needs no root).
#
#   build       make gcc libc6-dev bc kmod linux-image/headers/source
#   check       sparse; perl with its modules for checkpatch.pl
#               (Term::ANSIColor, Encode: not in perl-base)
#   tools/      clang, llvm and the libFuzzer/sanitizer runtime
#               (libclang-rt-N-dev, for clang's version N)
#   selftests   libsctp-dev (build), lksctp-tools (sctp_test, sctp_darn),
#               iperf3, iproute2 (ip, tc), rsync ('make -C selftests install',
#               kselftest's lib.mk)
#   packetdrill flex, bison, libsctp-dev, libssl-dev (static libcrypto):
#               scripts/packetdrill.sh builds it for the conformance suite
#   packaging   dkms, dpkg-dev (dpkg-deb): scripts/package.sh ('make deb',
#               'make dkms', and the dkms build 'make test' checks)
#   func_tests  dpkg-dev (dpkg-source), libsctp-dev (static libsctp.a), gcc:
#               scripts/func-tests.sh fetches lksctp-tools' source with apt
#               and builds its src/func_tests
#   test bed    qemu-system-x86, busybox-static, cpio gzip xz-utils file,
#               procps (pgrep, pkill), tshark (interop captures), python3
#               and the modules the virtme-ng wrapper imports
set -eu
pkgs="make gcc libc6-dev bc kmod cpio gzip xz-utils file coreutils
linux-image-amd64 linux-headers-amd64 linux-source-6.1
sparse perl qemu-system-x86 busybox-static iproute2 lksctp-tools libsctp-dev
iperf3 tshark procps rsync python3 python3-argcomplete python3-requests
clang llvm flex bison libssl-dev"
pkgs="$pkgs dpkg-dev dkms"

missing_of() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			echo "$p"
	done
}

install() {
	echo "deps.sh: installing: $*"
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: need root to install packages" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# tshark asks whether non-root users may capture; answer no.
	echo "wireshark-common wireshark-common/install-setuid boolean false" |
		debconf-set-selections
	apt-get install -y -q --no-install-recommends "$@"
}

# shellcheck disable=SC2086 # a list of names
missing=$(missing_of $pkgs)
# shellcheck disable=SC2086
[ -z "$missing" ] || install $missing

# The libFuzzer and sanitizer runtimes of this clang (not a dependency
# of clang without recommends).
ver=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
if [ -n "$ver" ]; then
	missing=$(missing_of "libclang-rt-$ver-dev")
	[ -z "$missing" ] || install "$missing"
fi
