#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the few files nsctp takes from Debian's linux-source-6.1 tarball
# (checkpatch and its data files, the kselftest headers, lib.mk and
# runner that selftests/Makefile uses, the userspace rbtree that tools/
# builds net/nsctp/reasm.c with) into .build/ksrc (or KSRC_OUT). They are
# never committed. Prints the directory on stdout.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out="${KSRC_OUT:-${KSRC:-$top/.build/ksrc}}"
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1 || true)
if [ -z "$tarball" ]; then
	echo "ksrc.sh: no /usr/src/linux-source-6.1.tar.*; run 'make deps'" >&2
	exit 1
fi
files=(
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
	scripts/extract-vmlinux
	tools/testing/selftests/kselftest.h
	tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/kselftest_module.h
	tools/testing/selftests/lib.mk
	tools/testing/selftests/kselftest/runner.sh
	tools/testing/selftests/kselftest/prefix.pl
	tools/include/linux/rbtree.h
	tools/include/linux/rbtree_augmented.h
	tools/lib/rbtree.c
)
stamp="$out/.stamp"
stale=
[ -f "$stamp" ] && [ ! "$tarball" -nt "$stamp" ] || stale=1
for f in "${files[@]}"; do
	[ -f "$out/$f" ] || stale=1
done
if [ -n "$stale" ]; then
	# Into a new directory, then swapped in: worktrees may share $out,
	# and a build reading it never sees it half extracted.
	mkdir -p "$(dirname "$out")"
	new=$(mktemp -d "$out.new.XXXXXX")
	tar -C "$new" --strip-components=1 -xf "$tarball" \
		"${files[@]/#/linux-source-6.1/}"
	touch "$new/.stamp"
	chmod 755 "$new"
	rm -rf "$out.old.$$"
	[ ! -e "$out" ] || mv "$out" "$out.old.$$"
	mv "$new" "$out"
	rm -rf "$out.old.$$"
fi
echo "$out"
