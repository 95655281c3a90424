#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# func-tests.sh: fetch lksctp-tools' source once, build the programs of its
# src/func_tests (the SCTP functional tests) statically, and print the
# directory holding them (the last line of stdout).
#
#   func-tests.sh [--check]
#
# The source is Debian's source package lksctp-tools (GPL-2.0+; libsctp
# LGPL-2.1), the version of the installed libsctp-dev if the mirror still
# has it, else the suite's: 'apt-get source --download-only' with a
# sources list, package lists and caches of our own (a deb-src line for
# ${NSCTP_DEBIAN_MIRROR:-http://deb.debian.org/debian} and this release's
# codename; /etc/apt and the system's lists are not touched; apt checks
# the files against the archive's signed index), kept in
#
#   ${NSCTP_CACHE:-$HOME/.cache/nsctp}/lksctp-tools/src/
#
# and unpacked with dpkg-source (Debian's patches applied). NSCTP_LKSCTP_SRC
# names a source tree or a directory with the .dsc to use instead (no
# network). The programs are those src/func_tests/Makefile.am lists
# (PASSING_KERN_TESTS, PASSING_V6_KERN_TESTS: test_X_v6 is test_X.c built
# with -DCONFIG_IPV6=1 -DTEST_V6=1), compiled with gcc as that Makefile.am
# does (its warning flags, the test library src/testlib/sctputil.c, the
# installed <netinet/sctp.h>) and linked with -static against libsctp.a
# (libsctp-dev), stripped, so they run in the test guests as they are; one
# object of ours is added: it makes stdout line-buffered, so that the
# reason a program gives before it crashes on purpose (tst_brkm: a NULL
# write) or is killed by the runner's timeout is not lost in its buffer.
# They go to
#
#   ${NSCTP_CACHE:-$HOME/.cache/nsctp}/lksctp-tools/<hash>/bin/
#
# with PROGRAMS (their names, one a line), COPYING and build.log; <hash> is
# taken over the source package, libsctp.a, the compiler and the flags, so
# an unchanged setup builds once. Fetch and build hold a lock: two runs at
# once wait for each other.
#
# --check: only say whether the programs are built; no fetch, no build.
# Exit status: 0 with the directory; 1 with the reason on stderr when the
# source cannot be fetched, the tools are missing or the build failed.
set -uo pipefail

cache=${NSCTP_CACHE:-$HOME/.cache/nsctp}/lksctp-tools
mirror=${NSCTP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
check=0

case ${1:-} in
--check) check=1 ;;
"") ;;
*) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

msg() {
	echo "func-tests.sh: $*" >&2
}

die() {
	msg "$*"
	exit 1
}

# The compiler flags of src/func_tests/Makefile.am (AM_CPPFLAGS, V6FLAGS),
# without -g: the binaries are stripped.
cflags="-O2 -fno-strict-aliasing -Wall -Wstrict-prototypes -Wimplicit-function-declaration"
v6flags="-DCONFIG_IPV6=1 -DTEST_V6=1"
libsctp=$(gcc -print-file-name=libsctp.a 2>/dev/null)

# The newest .dsc of lksctp-tools in a directory.
find_dsc() {
	# shellcheck disable=SC2012 # Debian file names: no blanks
	ls -t "$1"/lksctp-tools_*.dsc 2>/dev/null | head -n 1
}

# Fetch the source package into $cache/src with apt, our own lists.
fetch() {
	local apt=$cache/apt codename keyring ver
	# shellcheck disable=SC1091 # the system's
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release: cannot name the Debian release to fetch lksctp-tools from"
	command -v apt-get >/dev/null || die "no apt-get: cannot fetch lksctp-tools' source (set NSCTP_LKSCTP_SRC)"
	rm -rf "$cache/src.tmp"
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/src.tmp" || exit 1
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -f "$keyring" ] || keyring=
	echo "deb-src ${keyring:+[signed-by=$keyring] }$mirror $codename main" >"$apt/sources.list"
	local opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$apt/lists"
		-o "Dir::Cache=$apt/cache" -o Dir::Cache::pkgcache=
		-o Dir::Cache::srcpkgcache=
		-o APT::Sandbox::User=root)
	msg "fetching lksctp-tools' source from $mirror ($codename)"
	if ! apt-get "${opts[@]}" --error-on=any update >"$cache/fetch.log" 2>&1; then
		tail -n 5 "$cache/fetch.log" >&2
		die "cannot fetch lksctp-tools' source: 'apt-get update' of $mirror $codename failed (see $cache/fetch.log; offline? set NSCTP_LKSCTP_SRC)"
	fi
	# the source of the libsctp.a we link with, if the mirror has it
	ver=$(dpkg-query -W -f='${source:Version}' libsctp-dev 2>/dev/null)
	if ! { [ -n "$ver" ] && (cd "$cache/src.tmp" && apt-get "${opts[@]}" source \
			--download-only "lksctp-tools=$ver") >>"$cache/fetch.log" 2>&1; }; then
		[ -z "$ver" ] || msg "lksctp-tools $ver (libsctp-dev's) not on the mirror; taking $codename's"
		if ! (cd "$cache/src.tmp" && apt-get "${opts[@]}" source --download-only \
				lksctp-tools) >>"$cache/fetch.log" 2>&1; then
			tail -n 5 "$cache/fetch.log" >&2
			die "cannot fetch lksctp-tools' source: 'apt-get source' failed (see $cache/fetch.log)"
		fi
	fi
	[ -n "$(find_dsc "$cache/src.tmp")" ] || die "cannot fetch lksctp-tools' source: apt-get left no .dsc"
	rm -rf "$cache/src" && mv "$cache/src.tmp" "$cache/src" || exit 1
}

# The programs of src/func_tests/Makefile.am, one a line: the words of
# PASSING_KERN_TESTS and PASSING_V6_KERN_TESTS (= and +=, continued lines).
programs() {
	awk '
	/^[A-Z_0-9]+[ \t]*\+?=/ {
		cur = $0; sub(/[ \t]*\+?=.*/, "", cur)
		want = (cur == "PASSING_KERN_TESTS" || cur == "PASSING_V6_KERN_TESTS")
		sub(/^[^=]*=/, "")
	}
	want {
		cont = /\\[ \t]*$/
		gsub(/\\/, " ")
		for (i = 1; i <= NF; i++) print $i
		if (!cont) want = 0
		next
	}' "$1"
}

# compile PROGRAM: test_X or test_X_v6 from $srcdir/test_X.c into $out,
# in $srcdir with relative paths as automake does: the programs name
# themselves and the place of a failed check by __FILE__.
compile() {
	local extra=
	case $1 in *_v6) extra=$v6flags ;; esac
	cd "$srcdir" || return 1
	# shellcheck disable=SC2086 # flag lists
	set -- gcc $cflags $extra -I../testlib "${1%_v6}.c" \
		"$out/sctputil.o" "$out/linebuf.o" -static -s -o "$out/$1" \
		"$libsctp" -lpthread
	echo "$*"
	"$@"
}

# Build every program of source tree $1 into $2 (a fresh directory).
build() {
	srcdir=$1/src/func_tests testlib=$1/src/testlib out=$2
	export srcdir testlib out cflags v6flags libsctp
	export -f compile
	local p
	if [ ! -f "$srcdir/Makefile.am" ] || [ ! -f "$testlib/sctputil.c" ]; then
		echo "no src/func_tests/Makefile.am or src/testlib/sctputil.c in $1"
		return 1
	fi
	programs "$srcdir/Makefile.am" >"$out/PROGRAMS"
	if [ ! -s "$out/PROGRAMS" ]; then
		echo "no programs found in $srcdir/Makefile.am"
		return 1
	fi
	while read -r p; do
		[ -f "$srcdir/${p%_v6}.c" ] || { echo "$p: no $srcdir/${p%_v6}.c"; return 1; }
	done <"$out/PROGRAMS"
	cat >"$out/linebuf.c" <<-'EOF'
		/* Added by nsctp's scripts/func-tests.sh: stdout line-buffered,
		 * so that a program's last lines survive its crash or a kill. */
		#include <stdio.h>
		__attribute__((constructor)) static void nsctp_linebuf(void)
		{
			setvbuf(stdout, NULL, _IOLBF, 0);
		}
	EOF
	# shellcheck disable=SC2086 # flag lists
	gcc $cflags -c "$out/linebuf.c" -o "$out/linebuf.o" &&
		(cd "$testlib" && gcc $cflags -I. -c sctputil.c -o "$out/sctputil.o") || return 1
	# one gcc a program, as many at once as there are CPUs
	# shellcheck disable=SC2016 # expanded by that bash
	xargs -P "$(nproc)" -n 1 bash -c 'compile "$1"' compile <"$out/PROGRAMS" || return 1
	rm -f "$out"/*.o "$out/linebuf.c"
	cp "$1/COPYING" "$out/COPYING" 2>/dev/null || true
}

# The source tree or package to build from: NSCTP_LKSCTP_SRC, else the
# cached package (fetched now if there is none and not --check).
src=${NSCTP_LKSCTP_SRC:-}
tree=
dsc=
if [ -n "$src" ]; then
	if [ -f "$src/src/func_tests/Makefile.am" ]; then
		tree=$(cd "$src" && pwd)
	else
		dsc=$(find_dsc "$src")
		[ -n "$dsc" ] || die "NSCTP_LKSCTP_SRC=$src holds neither an lksctp-tools source tree nor its .dsc"
	fi
fi
mkdir -p "$cache" || exit 1
if [ $check = 0 ]; then
	exec 9>"$cache/.lock"
	if ! flock -n 9; then
		msg "another run holds $cache/.lock; waiting"
		flock 9
	fi
fi
if [ -z "$src" ]; then
	dsc=$(find_dsc "$cache/src")
	if [ -z "$dsc" ]; then
		[ $check = 0 ] || die "not fetched yet: lksctp-tools' source (into $cache/src)"
		fetch
		dsc=$(find_dsc "$cache/src")
	fi
fi

[ -f "$libsctp" ] || die "no libsctp.a (libsctp-dev): run scripts/deps.sh"
hash=$({
	echo "$cflags / $v6flags / -static -s / linebuf / relative"
	gcc --version | head -n 1
	sha256sum "$libsctp" | cut -d' ' -f1
	if [ -n "$tree" ]; then
		(cd "$tree" && find src/func_tests src/testlib -type f -print0 |
			LC_ALL=C sort -z | xargs -0 sha256sum)
	else
		sha256sum <"$dsc"
	fi
} | sha256sum | cut -c1-16)
dir=$cache/$hash
bin=$dir/bin
if [ -s "$bin/PROGRAMS" ]; then
	echo "$bin"
	exit 0
fi
[ $check = 0 ] || die "not built yet: $bin"

command -v gcc >/dev/null || die "no gcc: run scripts/deps.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/nsctp-func-tests.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
if [ -z "$tree" ]; then
	command -v dpkg-source >/dev/null || die "no dpkg-source (dpkg-dev): run scripts/deps.sh"
	tree=$work/lksctp-tools
	if ! dpkg-source -x "$dsc" "$tree" >"$work/unpack.log" 2>&1; then
		cat "$work/unpack.log" >&2
		die "cannot unpack $dsc"
	fi
fi
mkdir -p "$dir" "$work/bin" || exit 1
msg "building lksctp-tools' func_tests from $(basename "${dsc:-$tree}") into $bin"
if ! build "$tree" "$work/bin" >"$dir/build.log" 2>&1; then
	msg "build failed; see $dir/build.log:"
	tail -n 20 "$dir/build.log" >&2
	exit 1
fi
rm -rf "$bin" && mv "$work/bin" "$bin" || exit 1
msg "built $(wc -l <"$bin/PROGRAMS") programs in $bin"
echo "$bin"
