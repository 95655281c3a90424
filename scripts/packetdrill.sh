#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packetdrill.sh: build packetdrill (with SCTP) once and print the path
# of the binary (the last line of stdout).
#
#   packetdrill.sh [--check]
#
# The source is ../shared/tools/packetdrill beside the checkout (or
# NSCTP_PACKETDRILL_SRC): GPL-2.0, not packaged in Debian. It is copied
# out of the tree and built with './configure && make packetdrill'
# (flex, bison, libsctp-dev, libssl-dev: scripts/deps.sh) into
#
#   ${NSCTP_CACHE:-$HOME/.cache/nsctp}/packetdrill/<hash>/packetdrill
#
# where <hash> is taken over the source files, so a new source builds a
# new binary and an unchanged one is built only once (under a lock: two
# builds at once wait for each other). The binary is static, so it runs
# in the test guests as it is.
#
# --check: only say whether a binary is there (cached or to be built);
# no build.
# Exit status: 0 with the path; 1 with the reason on stderr when there is
# neither a cached binary nor a source to build one from, or the build
# failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
src=${NSCTP_PACKETDRILL_SRC:-$top/../shared/tools/packetdrill}
cache=${NSCTP_CACHE:-$HOME/.cache/nsctp}/packetdrill
check=0

case ${1:-} in
--check) check=1 ;;
"") ;;
*) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

msg() {
	echo "packetdrill.sh: $*" >&2
}

# The hash of a source tree: its files' names and contents.
src_hash() {
	(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# Without a source, the newest cached binary will do.
if [ ! -f "$src/packetdrill.c" ]; then
	# shellcheck disable=SC2012 # our own directory names (hex)
	bin=$(ls -t "$cache"/*/packetdrill 2>/dev/null | head -n 1)
	if [ -n "$bin" ] && [ -x "$bin" ]; then
		echo "$bin"
		exit 0
	fi
	msg "no packetdrill: no source at $src (NSCTP_PACKETDRILL_SRC) and none built in $cache"
	exit 1
fi

hash=$(src_hash "$src")
dir=$cache/$hash
bin=$dir/packetdrill
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi
if [ $check = 1 ]; then
	msg "not built yet: $bin (from $src)"
	exit 1
fi

mkdir -p "$dir" || exit 1
exec 9>"$dir/.lock"
if ! flock -n 9; then
	msg "another build holds $dir/.lock; waiting"
	flock 9
fi
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

for tool in flex bison cc make; do
	command -v "$tool" >/dev/null || {
		msg "no $tool: run scripts/deps.sh"
		exit 1
	}
done

work=$(mktemp -d "${TMPDIR:-/tmp}/nsctp-packetdrill.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
msg "building packetdrill from $src (about a minute)"
cp -r "$src/." "$work/" && chmod -R u+w "$work"
if ! (cd "$work" && ./configure && make -j"$(nproc)" packetdrill) >"$dir/build.log" 2>&1; then
	msg "build failed; see $dir/build.log:"
	tail -n 20 "$dir/build.log" >&2
	exit 1
fi
install -m 0755 "$work/packetdrill" "$bin.tmp" && mv "$bin.tmp" "$bin" || exit 1
msg "built $bin"
echo "$bin"
