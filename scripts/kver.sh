#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the newest installed kernel version that has both /boot/vmlinuz-$V
# and /lib/modules/$V/build (the headers to build against). Never hard-coded:
# Debian's ABI number changes with security updates.
set -eu
best=
for b in /lib/modules/*/build; do
	[ -e "$b/Makefile" ] || continue
	v=$(basename "$(dirname "$b")")
	[ -f "/boot/vmlinuz-$v" ] || continue
	best=$(printf '%s\n%s\n' "$best" "$v" | sed '/^$/d' | sort -V | tail -n1)
done
[ -n "$best" ] || { echo "kver.sh: no kernel with both /boot/vmlinuz-V and /lib/modules/V/build; run 'make deps'" >&2; exit 1; }
echo "$best"
