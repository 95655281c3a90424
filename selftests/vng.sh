#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vng.sh: run the selftests under virtme-ng ('make vng-test'), the way
# kernel developers run selftests: Debian's kernel boots with the host's
# root filesystem shared read-only and this checkout as the working
# directory, and selftests/run.sh runs there with the real host tools.
#
#   vng.sh [RUN.SH ARGS]     (VNG=/path/to/vng when vng is not on PATH)
#
# Tests that install into /lib/modules (autoload) or need two hosts skip
# with a SKIP line. Exit status: run.sh's.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)

find_vng() {
	if [ -n "${VNG:-}" ]; then
		[ -x "$VNG" ] || { echo "vng-test: VNG=$VNG is not executable" >&2; return 1; }
		realpath "$VNG"
		return
	fi
	command -v vng && return
	cat >&2 <<-EOF
	vng-test: virtme-ng (vng) not found.
	  Install it ('pip install virtme-ng', or from
	  https://github.com/arighi/virtme-ng) and put vng on PATH, or point
	  to it: make vng-test VNG=/path/to/vng
	EOF
	return 1
}

# KVM that really runs a guest: /dev/kvm can exist and still fail at the
# first vCPU run (as in nested setups), so boot a firmware for a moment.
kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	local st=0
	# in a subshell, so bash's "Aborted" notice goes to /dev/null too
	(timeout 3 qemu-system-x86_64 -machine q35,accel=kvm -cpu host -m 64 \
		-nodefaults -display none -no-user-config) >/dev/null 2>&1 </dev/null || st=$?
	# still running when the timeout hit: KVM works
	[ $st -eq 124 ]
}

main() {
	local vng kver args=()
	vng=$(find_vng) || exit 1
	kver=${KVER:-$("$top/scripts/kver.sh")}
	if ! kvm_usable; then
		echo "vng-test: no usable KVM, running under TCG (--disable-kvm)"
		args+=(--disable-kvm)
	fi
	local cmd="NSCTP_ENV=vng selftests/run.sh --whole-log"
	local a
	for a in "$@"; do
		cmd+=" $(printf '%q' "$a")"
	done
	echo "vng-test: $vng --run /boot/vmlinuz-$kver ${args[*]} --exec '$cmd'"
	# Bounded, whatever vng does. Through cat: vng's QEMU reopens its
	# stdout and stderr (O_TRUNC), which empties them when they are a
	# file (.ci/run >log).
	timeout -k 10 "${NSCTP_VNG_TIMEOUT:-1800}" "$vng" --run "/boot/vmlinuz-$kver" \
		"${args[@]}" --user root --memory 1G --cpus 2 \
		--append "module_blacklist=sctp,sctp_diag slub_debug=FZPU" \
		--cwd "$top" --exec "$cmd" </dev/null 2>&1 | cat
}

main "$@"
