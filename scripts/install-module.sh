#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# install-module.sh KO KVER [ROOT]
# Install a built nsctp.ko as /lib/modules/KVER/updates/nsctp.ko under ROOT
# (default /) and refresh the module index, so that socket(..., IPPROTO_SCTP)
# autoloads it through its MODULE_ALIAS lines. 'make install' and the
# autoload selftest inside the guest both use this script.
set -eu
ko=$1
kver=$2
root=${3:-/}
dest="$root/lib/modules/$kver/updates"
mkdir -p "$dest"
cp "$ko" "$dest/$(basename "$ko")"
if [ "$root" = / ]; then
	depmod -a "$kver"
else
	depmod -a -b "$root" "$kver"
fi
