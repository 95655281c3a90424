#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_deb.sh: the Debian package an operator installs (scripts/package.sh
# deb, built by 'make selftests' into out/pkg): dpkg -i puts nsctp.ko under
# /lib/modules/KVER/updates and the modprobe.d file that blacklists sctp
# and sctp_diag, its postinst runs depmod, and from then on
# socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) autoloads nsctp, never the
# in-tree sctp.ko; dpkg -P takes it all away again (modprobe no longer
# finds nsctp). The guest has busybox's dpkg, with a database of its own
# made here; it runs postrm only when purging (not on -r), hence -P.
#
# Like nsctp_autoload.sh it writes to /lib/modules, so it runs only in the
# QEMU test bed (or anywhere with NSCTP_AUTOLOAD_INSTALL=1), and removes
# what it installed on exit.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
require_helper
kver=$(uname -r)
moddir=/lib/modules/$kver
dest=$moddir/updates/nsctp.ko
conf=/etc/modprobe.d/nsctp.conf
pkg=nsctp-modules-$kver
if [ "${NSCTP_AUTOLOAD_INSTALL:-0}" != 1 ]; then
	case $NSCTP_ENV in
	qemu) ;;
	vng) skip "/lib/modules is the host's under virtme-ng; the QEMU bed runs this" ;;
	*) skip "installs into $moddir: only in the QEMU test bed (or NSCTP_AUTOLOAD_INSTALL=1)" ;;
	esac
fi
status=$NSCTP_OUT/pkg/status
[ -f "$status" ] || skip "no $status: build with 'make selftests'"
deb=
for f in "$NSCTP_OUT/pkg/$pkg"_*.deb; do
	[ -f "$f" ] && deb=$f
done
[ -n "$deb" ] || skip "no $pkg package: $(cat "$status")"
touch "$moddir/.nsctp-rw" 2>/dev/null || skip "$moddir is read-only here"
rm -f "$moddir/.nsctp-rw"
[ ! -e "$dest" ] || skip "$dest already installed; not touching it"
[ ! -e "$conf" ] || skip "$conf exists; not touching it"
command -v dpkg >/dev/null || skip "no dpkg"
command -v depmod >/dev/null || skip "no depmod"

db=/var/lib/dpkg
made_db=0
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	dpkg -P "$pkg" >/dev/null 2>&1
	rm -f "$dest" "$conf"
	[ "$made_db" = 0 ] || rm -rf "$db"
	depmod -a "$kver"
	nsctp_unload
	nsctp_restore
}
trap cleanup EXIT

if [ ! -d "$db" ]; then
	mkdir -p "$db/info" "$db/updates" || fail "cannot make $db"
	: >"$db/status"
	made_db=1
fi

nsctp_unload || fail "could not unload nsctp before the test"
out=$(dpkg -i "$deb" 2>&1) || fail "dpkg -i $deb: $out"
log "installed ${deb##*/}"
[ -f "$dest" ] || fail "the package put no $dest"
grep -qx 'blacklist sctp' "$conf" || fail "$conf does not blacklist sctp"
grep -qx 'blacklist sctp_diag' "$conf" || fail "$conf does not blacklist sctp_diag"
modprobe -n -q nsctp || fail "modprobe does not find the packaged nsctp (depmod in postinst?)"
"$NSCTP_SOCK" 4s || fail "socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) failed: nsctp was not autoloaded"
module_loaded nsctp || fail "socket() worked but nsctp is not loaded"
! module_loaded sctp || fail "socket() loaded the in-tree sctp.ko"
[ "$(cat /sys/module/nsctp/version 2>/dev/null)" = "$(modinfo -F version "$dest")" ] ||
	fail "the loaded nsctp is not the packaged one"
log "socket(AF_INET, SOCK_STREAM) autoloaded the packaged nsctp $(cat /sys/module/nsctp/version)"
nsctp_rmmod || fail "rmmod after autoload"
out=$(dpkg -P "$pkg" 2>&1) || fail "dpkg -P $pkg: $out"
[ ! -e "$dest" ] || fail "dpkg -P left $dest"
[ ! -e "$conf" ] || fail "dpkg -P left $conf"
! modprobe -n -q nsctp 2>/dev/null || fail "modprobe still finds nsctp after dpkg -P (depmod in postrm?)"
log "dpkg -P removed it"
exit "$KSFT_PASS"
