#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the few files nsctp takes from Debian's linux-source-6.1 tarball
# (checkpatch and its data files, the kselftest headers) into .build/ksrc.
# They are never committed. Prints the directory on stdout.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/.build/ksrc"
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1 || true)
if [ -z "$tarball" ]; then
	echo "ksrc.sh: no /usr/src/linux-source-6.1.tar.*; run 'make deps'" >&2
	exit 1
fi
stamp="$out/.stamp"
if [ ! -f "$stamp" ] || [ "$tarball" -nt "$stamp" ]; then
	rm -rf "$out"
	mkdir -p "$out"
	tar -C "$out" --strip-components=1 -xf "$tarball" \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch \
		linux-source-6.1/scripts/extract-vmlinux \
		linux-source-6.1/tools/testing/selftests/kselftest.h \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/kselftest_module.h
	touch "$stamp"
fi
echo "$out"
