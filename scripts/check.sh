#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's static gates: sparse (C=2, every file) and checkpatch
# --strict over net/ and include/. Any warning fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ksrc=$("$top/scripts/ksrc.sh") || exit 1
kver=${KVER:-$("$top/scripts/kver.sh")}
kdir=${KDIR:-/lib/modules/$kver/build}
rc=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "check: sparse (C=2) against $kdir"
make -s -C "$kdir" M="$top" W=1 C=2 CF="-D__CHECK_ENDIAN__" modules >"$log" 2>&1
st=$?
# Warnings from the kernel's own headers are not ours; everything under
# this tree is.
if [ $st -ne 0 ] || grep -E "^($top/)?(net|include)/.*: (warning|error):" "$log"; then
	cat "$log"
	echo "check: sparse/compiler FAILED"
	rc=1
fi

echo "check: checkpatch --strict"
files=$(find net include -name '*.[ch]' | sort)
if [ -n "$files" ]; then
	# shellcheck disable=SC2086
	if ! perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--show-types -f $files; then
		echo "check: checkpatch FAILED"
		rc=1
	fi
fi
[ $rc -eq 0 ] && echo "check: clean"
exit $rc
