#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# package.sh: nsctp for operators: DKMS and Debian packages.
#
#   package.sh deb OUTDIR [KO KVER]
#       OUTDIR/nsctp-dkms_VERSION_all.deb: the module's source under
#       /usr/src/nsctp-V with dkms.conf; its postinst adds it to dkms and
#       builds and installs it for every kernel whose headers are there
#       (and dkms does so again for each new kernel); prerm removes it.
#       With KO and KVER, also OUTDIR/nsctp-modules-KVER_VERSION_amd64.deb:
#       that built nsctp.ko under /lib/modules/KVER/updates, depmod in
#       postinst and postrm (for machines without a compiler: the test
#       guests). Both install /etc/modprobe.d/nsctp.conf
#       (packaging/nsctp.conf: sctp and sctp_diag blacklisted, so that
#       IPPROTO_SCTP's aliases load nsctp), and conflict with each other.
#   package.sh dkms-install
#       dkms add, build and install on this machine for the running
#       kernel (or KVER), with the modprobe.d file ('make dkms').
#   package.sh dkms-remove
#       the reverse ('make dkms-remove').
#   package.sh check
#       what 'make test' runs: both packages built and their contents
#       and scripts checked, and a dkms build (not an install) in a
#       private dkms tree against KVER, the .ko it makes loadable there
#       (its vermagic). Prints "package: ok" or the first failure.
#
# VERSION is dkms.conf's PACKAGE_VERSION; in a git checkout, +gitDATE.HASH
# of HEAD is added to the package version (not to the dkms one: /usr/src
# keeps one directory per dkms version).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
name=nsctp
dver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
[ -n "$dver" ] || { echo "package: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }

pkg_version() {
	local v=$dver
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		v="$v+git$(git -C "$top" log -1 --format=%cd --date=format:%Y%m%d).$(git -C "$top" rev-parse --short=7 HEAD)"
	fi
	echo "$v"
}

# The files dkms builds from: Kbuild, dkms.conf, the sources and headers.
copy_source() {
	local dest=$1
	mkdir -p "$dest"
	(cd "$top" && {
		echo Kbuild
		echo dkms.conf
		find net include -name '*.[ch]'
	} | LC_ALL=C sort | cpio -pdm --quiet "$dest")
}

maint_script() {
	local f=$1
	shift
	{
		echo '#!/bin/sh'
		echo 'set -e'
		cat
	} >"$f"
	chmod 0755 "$f"
}

control() {
	local pkg=$1 arch=$2 deps=$3 conflicts=$4 desc=$5
	cat <<EOF
Package: $pkg
Version: $(pkg_version)
Architecture: $arch
Maintainer: nsctp developers <nsctp@invalid>
Section: kernel
Priority: optional
${deps:+Depends: $deps
}Conflicts: $conflicts
Description: $desc
 nsctp is SCTP (RFC 9260) written from scratch as a loadable kernel
 module, with the in-tree sctp.ko's user ABI: unmodified applications
 (libsctp, iperf3 --sctp, SIP and Diameter servers) run on it. The
 in-tree sctp and sctp_diag modules are blacklisted, so that
 socket(..., IPPROTO_SCTP) loads nsctp.
EOF
}

deb_dkms() {
	local out=$1 root
	root=$(mktemp -d)
	copy_source "$root/usr/src/$name-$dver"
	install -D -m 0644 "$top/packaging/nsctp.conf" "$root/etc/modprobe.d/nsctp.conf"
	mkdir -p "$root/DEBIAN"
	control "$name-dkms" all "dkms, kmod" "nsctp-modules" \
		"SCTP (RFC 9260) kernel module, built by DKMS" >"$root/DEBIAN/control"
	echo /etc/modprobe.d/nsctp.conf >"$root/DEBIAN/conffiles"
	maint_script "$root/DEBIAN/postinst" <<EOF
[ "\$1" = configure ] || exit 0
dkms status -m $name -v $dver | grep -q . || dkms add -m $name -v $dver
for b in /lib/modules/*/build; do
	[ -e "\$b/Makefile" ] || continue
	k=\${b%/build}
	k=\${k##*/}
	dkms install -m $name -v $dver -k "\$k" ||
		echo "nsctp-dkms: no module for \$k (dkms failed)" >&2
done
EOF
	maint_script "$root/DEBIAN/prerm" <<EOF
dkms remove -m $name -v $dver --all >/dev/null 2>&1 || true
EOF
	dpkg-deb --root-owner-group -Zgzip -b "$root" "$out/${name}-dkms_$(pkg_version)_all.deb" >/dev/null
	rm -rf "$root"
}

deb_modules() {
	local out=$1 ko=$2 kver=$3 root
	root=$(mktemp -d)
	install -D -m 0644 "$ko" "$root/lib/modules/$kver/updates/nsctp.ko"
	install -D -m 0644 "$top/packaging/nsctp.conf" "$root/etc/modprobe.d/nsctp.conf"
	mkdir -p "$root/DEBIAN"
	control "$name-modules-$kver" amd64 "" "nsctp-dkms" \
		"SCTP (RFC 9260) kernel module for Linux $kver" >"$root/DEBIAN/control"
	echo /etc/modprobe.d/nsctp.conf >"$root/DEBIAN/conffiles"
	maint_script "$root/DEBIAN/postinst" <<EOF
depmod -a $kver
EOF
	maint_script "$root/DEBIAN/postrm" <<EOF
depmod -a $kver
EOF
	dpkg-deb --root-owner-group -Zgzip -b "$root" \
		"$out/${name}-modules-${kver}_$(pkg_version)_amd64.deb" >/dev/null
	rm -rf "$root"
}

cmd_deb() {
	local out=${1:?usage: package.sh deb OUTDIR [KO KVER]}
	mkdir -p "$out"
	rm -f "$out"/nsctp-dkms_*.deb
	deb_dkms "$out"
	if [ $# -ge 3 ]; then
		rm -f "$out/${name}-modules-$3"_*.deb
		deb_modules "$out" "$2" "$3"
	fi
	ls "$out"/*.deb
}

kver() {
	echo "${KVER:-$(uname -r)}"
}

cmd_dkms_install() {
	local k
	k=$(kver)
	command -v dkms >/dev/null || { echo "package: dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	rm -rf "/usr/src/$name-$dver"
	copy_source "/usr/src/$name-$dver"
	dkms status -m "$name" -v "$dver" | grep -q . || dkms add -m "$name" -v "$dver"
	dkms install --force -m "$name" -v "$dver" -k "$k"
	install -D -m 0644 "$top/packaging/nsctp.conf" /etc/modprobe.d/nsctp.conf
	echo "package: nsctp $dver installed for $k by dkms; modprobe nsctp (or any IPPROTO_SCTP socket) loads it"
}

cmd_dkms_remove() {
	dkms remove -m "$name" -v "$dver" --all || true
	rm -rf "/usr/src/$name-$dver" /etc/modprobe.d/nsctp.conf
}

fail() {
	echo "package: FAIL: $*"
	exit 1
}

cmd_check() {
	local k tmp deb ko list
	k=$(kver)
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now
	trap "rm -rf '$tmp'" EXIT
	[ -f "$top/nsctp.ko" ] || fail "build nsctp.ko first (make modules)"
	cmd_deb "$tmp/out" "$top/nsctp.ko" "$k" >/dev/null
	deb=$(echo "$tmp"/out/nsctp-dkms_*_all.deb)
	[ -f "$deb" ] || fail "no nsctp-dkms package"
	list=$(dpkg-deb -c "$deb")
	grep -q "/usr/src/$name-$dver/dkms.conf$" <<<"$list" || fail "dkms.conf not in $deb"
	grep -q "/usr/src/$name-$dver/net/nsctp/main.c$" <<<"$list" || fail "sources not in $deb"
	grep -q "/etc/modprobe.d/nsctp.conf$" <<<"$list" || fail "modprobe.d file not in $deb"
	grep -q "dkms install" <<<"$(dpkg-deb -I "$deb" postinst)" || fail "postinst does not run dkms"
	grep -q "^$dver" <<<"$(dpkg-deb -f "$deb" Version)" || fail "version is not $dver"
	deb=$(echo "$tmp"/out/nsctp-modules-"$k"_*_amd64.deb)
	[ -f "$deb" ] || fail "no nsctp-modules-$k package"
	grep -q "/lib/modules/$k/updates/nsctp.ko$" <<<"$(dpkg-deb -c "$deb")" || fail "nsctp.ko not in $deb"
	grep -qx 'blacklist sctp' "$top/packaging/nsctp.conf" || fail "packaging/nsctp.conf does not blacklist sctp"
	grep -qx 'blacklist sctp_diag' "$top/packaging/nsctp.conf" || fail "packaging/nsctp.conf does not blacklist sctp_diag"
	echo "package: both packages built and checked ($(pkg_version))"
	if ! command -v dkms >/dev/null; then
		fail "dkms is not installed (make deps)"
	fi
	# dkms from the packaged source, in a tree of its own: this
	# machine's dkms state and /lib/modules are not touched.
	mkdir -p "$tmp/dkms" "$tmp/src"
	dpkg-deb -x "$tmp"/out/nsctp-dkms_*_all.deb "$tmp/root"
	mv "$tmp/root/usr/src/$name-$dver" "$tmp/src/"
	dkms add --dkmstree "$tmp/dkms" --sourcetree "$tmp/src" -m "$name" -v "$dver" >"$tmp/dkms.log" 2>&1 ||
		{ cat "$tmp/dkms.log"; fail "dkms add"; }
	dkms build --dkmstree "$tmp/dkms" --sourcetree "$tmp/src" -m "$name" -v "$dver" -k "$k" >>"$tmp/dkms.log" 2>&1 ||
		{ cat "$tmp/dkms.log"; fail "dkms build for $k"; }
	ko=$(find "$tmp/dkms/$name/$dver/$k" -name nsctp.ko | head -n 1)
	[ -n "$ko" ] || { cat "$tmp/dkms.log"; fail "dkms built no nsctp.ko"; }
	grep -q "^$k " <<<"$(modinfo -F vermagic "$ko")" || fail "dkms's nsctp.ko is not for $k: $(modinfo -F vermagic "$ko")"
	[ "$(modinfo -F version "$ko")" = "$dver" ] || fail "dkms's nsctp.ko has version $(modinfo -F version "$ko"), not $dver"
	echo "package: dkms built nsctp $dver for $k"
	echo "package: ok"
}

case ${1:-} in
deb) shift; cmd_deb "$@" ;;
dkms-install) cmd_dkms_install ;;
dkms-remove) cmd_dkms_remove ;;
check) cmd_check ;;
*) sed -n 's/^# \{0,1\}//; 4,29p' "$0" >&2; exit 2 ;;
esac
