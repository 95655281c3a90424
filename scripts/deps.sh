#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package nsctp needs to build, check and test.
# Idempotent: does nothing when all are present.
set -eu
pkgs="make gcc libc6-dev bc kmod cpio gzip xz-utils file
linux-image-amd64 linux-headers-amd64 linux-source-6.1
sparse qemu-system-x86 busybox-static iproute2 lksctp-tools libsctp-dev
iperf3 tshark clang llvm"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: need root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# tshark asks whether non-root users may capture; answer no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
