#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_autoload.sh: once installed the way 'make install' does it
# (scripts/install-module.sh: /lib/modules/KVER/updates + depmod),
# socket(..., IPPROTO_SCTP) makes the kernel load nsctp through its
# net-pf-*-proto-132 aliases, and never the in-tree sctp.ko. Checked for
# AF_INET + SOCK_STREAM, then, after rmmod, AF_INET6 + SOCK_SEQPACKET.
#
# This writes to /lib/modules and rebuilds its index, so it runs only in
# the QEMU test bed, whose root filesystem is its own initramfs, or
# anywhere with NSCTP_AUTOLOAD_INSTALL=1. Never under virtme-ng: there
# /lib/modules is the host's (shared, and writable on some hosts), and
# depmod over the host's whole module tree under TCG takes minutes. It
# removes what it installed on exit.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
require_helper
kver=$(uname -r)
moddir=/lib/modules/$kver
dest=$moddir/updates/nsctp.ko
if [ "${NSCTP_AUTOLOAD_INSTALL:-0}" != 1 ]; then
	case $NSCTP_ENV in
	qemu) ;;
	vng) skip "/lib/modules is the host's under virtme-ng; the QEMU bed runs this" ;;
	*) skip "installs into $moddir: only in the QEMU test bed (or NSCTP_AUTOLOAD_INSTALL=1)" ;;
	esac
fi
touch "$moddir/.nsctp-rw" 2>/dev/null || skip "$moddir is read-only here"
rm -f "$moddir/.nsctp-rw"
[ ! -e "$dest" ] || skip "$dest already installed; not touching it"
command -v depmod >/dev/null || skip "no depmod"

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	rm -f "$dest"
	depmod -a "$kver"
	nsctp_unload
	nsctp_restore
}
trap cleanup EXIT

# autoload_case SPEC WHAT
autoload_case() {
	nsctp_unload || fail "could not unload nsctp"
	"$NSCTP_SOCK" "$1" || fail "socket($2, IPPROTO_SCTP) failed: nsctp was not autoloaded"
	module_loaded nsctp || fail "socket($2) worked but nsctp is not loaded"
	! module_loaded sctp || fail "socket($2) loaded the in-tree sctp.ko"
	log "socket($2) autoloaded nsctp"
}

nsctp_unload || fail "could not unload nsctp before the test"
sh "$NSCTP_TOP/scripts/install-module.sh" "$NSCTP_KO" "$kver" / ||
	fail "scripts/install-module.sh"
modprobe -n -q nsctp || fail "modprobe does not find the installed nsctp"
autoload_case 4s "AF_INET, SOCK_STREAM"
autoload_case 6q "AF_INET6, SOCK_SEQPACKET"
nsctp_rmmod || fail "rmmod after autoload"
exit "$KSFT_PASS"
